"""Reading bills (see the modules). When the optional accelerator is built
(``python -m legidiff.bill.accelerate``), the compiled copies of this package's modules
are found first: see :mod:`legidiff.bill.accelerate`."""

from legidiff.bill._compiled import use_compiled

__path__ = use_compiled(__path__)
