"""``python -m alliance``: see :mod:`alliance.cli`."""

from __future__ import annotations

import sys

from alliance.cli import main

if __name__ == "__main__":
    sys.exit(main())
