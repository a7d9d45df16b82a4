"""Helpers shared by the tests: paths, the corpus of ``../shared`` (read in place,
skipped when absent), and the real texts copied into ``tests/fixtures``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from legidiff.document.model import Alinea, Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "examples"


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or ``$LEGIDIFF_SHARED``), if present."""
    env = os.environ.get("LEGIDIFF_SHARED")
    candidate = Path(env) if env else ROOT.parent / "shared"
    return candidate if (candidate / "corpus").is_dir() else None


def corpus_path(*parts: str) -> Path:
    """A path in ``../shared/corpus``; skips the test when the corpus is absent."""
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared/corpus is absent: third-party corpus data is read in place, "
                    "never copied into the project")
    path = shared.joinpath("corpus", *parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def real_article(name: str) -> tuple[Article, dict[str, object]]:
    """A real article copied from the corpus (``tests/fixtures/articles``): one alinéa per
    non-empty line of its source page."""
    record = json.loads((FIXTURES / "articles" / f"{name}.json").read_text("utf-8"))
    lines = [line for line in str(record["text"]).split("\n") if line.strip()]
    return Article(str(record["article"]), tuple(Alinea(line) for line in lines)), record


def legi_history_mirror() -> Path:
    """The etalab LEGI history (a git clone of ``etalab/codes-juridiques-francais``,
    ``$LEGIDIFF_LEGI_HISTORY``, or ``../.mirror/…`` beside the checkout), read in place;
    skips the test when it is absent."""
    env = os.environ.get("LEGIDIFF_LEGI_HISTORY")
    path = Path(env) if env else ROOT.parent / ".mirror" / "etalab+codes-juridiques-francais" \
        / "repo"
    if not (path / "HEAD").exists() and not (path / ".git").exists():
        pytest.skip("the LEGI history (git clone of etalab/codes-juridiques-francais, "
                    "$LEGIDIFF_LEGI_HISTORY) is absent: it is read in place, never copied")
    return path


def two_codes(folder: Path) -> tuple[Path, Path, Path]:
    """Two small bases (code électoral, code de la route) and a law amending one article
    of each, written in ``folder``: for the commands that take several bases."""
    electoral, route = folder / "electoral.md", folder / "route.md"
    electoral.write_text("# Code électoral\n\n## Article L1\n\nLe maire signe.\n", "utf-8")
    route.write_text("# Code de la route\n\n## Article R1\n\nLe conducteur s'arrête.\n", "utf-8")
    bill = folder / "loi.txt"
    bill.write_text("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « maire » est "
                    "remplacé par le mot : « recteur ».\nArticle 2\nÀ l'article R. 1 du code de "
                    "la route, le mot : « conducteur » est remplacé par le mot : « pilote ».\n",
                    "utf-8")
    return electoral, route, bill
