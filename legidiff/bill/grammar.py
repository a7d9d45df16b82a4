"""Loading the Lark grammars shipped in ``legidiff.grammars`` (the repository's
``grammars/`` folder)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Transformer

from legidiff.lang.codes import CODE_NAME_PATTERN
from legidiff.lang.vocabulary import grammar_terminals


def grammar_text(name: str) -> str:
    """The text of ``grammars/<name>.lark`` as installed with the package, followed by
    the terminals generated from :mod:`legidiff.lang.vocabulary` (the verbs, the nouns
    of quoted words and of divisions, the adverbs, the ordinals) and from
    :mod:`legidiff.lang.codes` (the names of the codes)."""
    return (_grammar_file(name) + "\n" + grammar_terminals()
            + "// ---- generated from legidiff/lang/codes.py ----\n"
            + f"KNOWN_CODE.5: /{CODE_NAME_PATTERN}/i\n")


def _grammar_file(name: str) -> str:
    """``grammars/<name>.lark``: in the installed package, or — when the source folder
    stands in for it (Python run from the repository's root puts ``./legidiff`` first on
    the path, and the grammars are not in it) — in the repository's ``grammars/``."""
    try:
        return resources.files("legidiff.grammars").joinpath(f"{name}.lark").read_text(
            "utf-8")
    except ModuleNotFoundError:
        beside = Path(__file__).resolve().parents[2] / "grammars" / f"{name}.lark"
        return beside.read_text("utf-8")


@cache
def parser(name: str, start: str = "start") -> Lark:
    """An LALR parser (contextual lexer) for a grammar, built once per process."""
    return Lark(grammar_text(name), parser="lalr", lexer="contextual", start=start,
                maybe_placeholders=False)


def transforming_parser(name: str, transformer: Transformer[Any, Any],
                        start: list[str] | None = None) -> Lark:
    """An LALR parser that applies ``transformer`` while parsing: no tree is built (the
    benchmark measured it worth a third of the time)."""
    return Lark(grammar_text(name), parser="lalr", lexer="contextual", start=start or "start",
                maybe_placeholders=False, transformer=transformer)
