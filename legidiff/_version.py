"""The version of legidiff (one place: ``pyproject.toml`` says the same, checked by
``tests/test_api.py``). A module of its own so that any module can import it without
importing the package's public API."""

__version__ = "0.1.0"
