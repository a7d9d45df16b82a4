"""The code stays ruff-clean and mypy-clean (strict): checked with the tests, so CI
enforces it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from support import ROOT


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and shutil.which(name, path=str(ROOT / ".venv" / "bin")) is None:
        try:
            __import__(name)
        except ImportError:
            pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return [sys.executable, "-m", name]


def test_ruff_is_clean() -> None:
    paths = ["legidiff", "tests", "examples", "benchmarks"]
    result = subprocess.run([*_tool("ruff"), "check", *paths], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([*_tool("mypy")], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
