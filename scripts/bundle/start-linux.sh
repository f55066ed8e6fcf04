#!/bin/sh
# Serve this copy of the guide and open it in the browser (Linux). Run: sh start-linux.sh
cd "$(dirname "$0")" || exit 1
if command -v python3 >/dev/null 2>&1; then
  exec python3 serve.py "$@"
fi
echo "Python 3 is needed to serve the guide: install it (e.g. sudo apt install python3), then run this again."
exit 1
