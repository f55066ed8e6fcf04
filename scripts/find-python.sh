#!/usr/bin/env bash
# Print the path of a Python >= 3.12 for the project's .venv.
# Order: $PYTHON, python3.13, python3.12, python3, then pyenv's installed versions.
# pyodide-build and pyodide-lock need 3.12+, hence the floor.
set -u

works() {  # works CMD -> 0 if CMD runs and is Python >= 3.12
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
  if works "$PYTHON"; then command -v "$PYTHON"; exit 0; fi
  echo "error: PYTHON=$PYTHON does not run as Python >= 3.12." >&2
  exit 1
fi

for candidate in python3.13 python3.12 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && works "$candidate"; then
    command -v "$candidate"; exit 0
  fi
done

if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in $(ls -d "$root"/versions/3.* 2>/dev/null | sort -rV); do
    if [ -x "$dir/bin/python" ] && works "$dir/bin/python"; then
      echo "$dir/bin/python"; exit 0
    fi
  done
fi

cat >&2 <<'MSG'
error: no Python >= 3.12 found (tried $PYTHON, python3.13, python3.12, python3, pyenv versions).
Install one, for example:
  pyenv install 3.12        # then re-run make
  apt-get install python3.12 python3.12-venv   # on a distribution that packages it
or point the build at one:  make test PYTHON=/path/to/python3.12
MSG
exit 1
