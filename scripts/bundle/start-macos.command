#!/bin/sh
# Serve this copy of the guide and open it in the browser (macOS): double-click this file.
# If macOS refuses to open it, right-click it, choose Open, then Open again.
cd "$(dirname "$0")" || exit 1
if command -v python3 >/dev/null 2>&1; then
  exec python3 serve.py "$@"
fi
echo "Python 3 is needed to serve the guide: install it from python.org, then double-click this file again."
read -r _
exit 1
