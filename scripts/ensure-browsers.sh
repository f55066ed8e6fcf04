#!/usr/bin/env bash
# Make sure Debian's browsers are there for the browser tests and the bench:
#   chromium                                  /usr/bin/chromium (Playwright drives it)
#   firefox-esr                               /usr/bin/firefox-esr (puppeteer-core, WebDriver BiDi)
#   webkit2gtk-driver (libwebkit2gtk-4.1-0)   WebKitWebDriver and MiniBrowser
#   xvfb                                      xvfb-run, the display WebKitGTK needs
# Only from Debian: Playwright's and Puppeteer's own browser downloads cannot work here, so we
# never use them. Installs what is missing as root; otherwise prints the command to run.
set -eu
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
declare -A NEEDS=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/firefox-esr]=firefox-esr
  [/usr/bin/WebKitWebDriver]=webkit2gtk-driver
  [$MINIBROWSER]=webkit2gtk-driver
  [/usr/bin/xvfb-run]=xvfb
)
missing() {
  local path
  for path in "${!NEEDS[@]}"; do [ -x "$path" ] || echo "${NEEDS[$path]}"; done | sort -u
}
packages=$(missing)
[ -z "$packages" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $(echo $packages) (the browser tests need them)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq $packages >/dev/null
  packages=$(missing)
  [ -z "$packages" ] && exit 0
fi
cat >&2 <<MSG
error: the browser tests need Debian's $(echo $packages).
Run, as root:  apt-get update && apt-get install -y $(echo $packages)
MSG
exit 1
