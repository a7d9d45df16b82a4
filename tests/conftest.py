"""pytest configuration: golden files (``--update-goldens`` rewrites them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support import GOLDEN


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files with the current outputs")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare a text with ``tests/golden/<name>`` (``--update-goldens`` rewrites it)."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, "utf-8")
            return
        assert path.exists(), f"missing golden {path}: run pytest --update-goldens and review"
        expected = path.read_text("utf-8")
        assert actual == expected, f"output differs from {path}"

    return check
