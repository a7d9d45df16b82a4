"""``python -m legidiff …``: the ``legidiff`` command."""

import sys

from legidiff.cli import main

if __name__ == "__main__":
    sys.exit(main())
