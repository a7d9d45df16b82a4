"""``python -m legidiff.bill.accelerate``, as it was first named: the accelerator now
compiles the apply stage too, and is :mod:`legidiff.accelerate` (same options)."""

from __future__ import annotations

import sys

from legidiff.accelerate import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m legidiff.bill.accelerate"))
