"""The examples in the package's docstrings run, on the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import legidiff


def modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(legidiff.__path__, "legidiff."))


@pytest.mark.parametrize("name", modules())
def test_docstring_examples(name: str) -> None:
    module: ModuleType = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_examples_are_found() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(name)).attempted
                    for name in modules())
    assert attempted >= 30
