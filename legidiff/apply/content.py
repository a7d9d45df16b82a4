"""The articles and divisions a bill writes in a quoted block ("« Chapitre VII",
"« Fermeture de lieux de culte", "« Art. L. 227-1. – …"), as nodes of a working copy.

The quoted alinéas are read as plain article blocks (:mod:`legidiff.formats.blocks`);
numbers take the spelling of the base ("L227-1" in a LEGI base); every alinéa records
the instruction that wrote it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from legidiff.diagnostics import Diagnostic, InputError, LegidiffError
from legidiff.document.model import Alinea, Article, Division, DivisionKind, parse_heading
from legidiff.formats import blocks

if TYPE_CHECKING:
    from legidiff.apply.worktree import WArticle, WDivision, Work


_QUOTED = Path("<texte cité>")
"""The name the quoted text is read under (a path made once, not for each instruction)."""


class NewTextError(LegidiffError):
    """Quoted text that cannot be read as articles and divisions (LD311)."""

    def __init__(self, message: str):
        super().__init__("LD311", message)


def parse_new_units(alineas: tuple[str, ...], work: Work, origin: str, titled: bool = False
                    ) -> list[WArticle | WDivision]:
    """``titled``: the alinéas are the heading of one division of no kind or number ("il
    est inséré une division et un intitulé ainsi rédigés : « … »"), read as a base's
    reader reads a heading."""
    from legidiff.apply.worktree import WDivision

    if titled:
        if len(alineas) != 1 or not alineas[0].strip():
            raise NewTextError("une division et un intitulé : un intitulé d'une ligne est "
                               "attendu")
        heading = alineas[0]
        if blocks.looks_like(heading):
            raise NewTextError(f"l'intitulé cité est un article : « {heading[:60]} »")
        division = parse_heading(heading) or Division(
            DivisionKind.AUTRE, "", heading.strip() or None, heading)
        return [WDivision(division, [], None, None, changed=True)]
    diagnostics: list[Diagnostic] = []
    try:
        code = blocks.read("\n".join(alineas), _QUOTED, diagnostics)
    except InputError as e:
        raise NewTextError(e.diagnostic.message) from None
    if code.title is not None:
        raise NewTextError(f"texte cité avant le premier article : « {code.title} »")
    root = WDivision(None, [])
    nodes = [_convert(n, root, work, origin) for n in code.children]
    if not nodes:
        raise NewTextError("le texte cité ne contient ni article ni division")
    return nodes


def _convert(node: Article | Division, parent: WDivision, work: Work, origin: str
             ) -> WArticle | WDivision:
    """A node read from the quoted text as a node of the working copy (a function of its
    own, not a closure calling itself: that would be a cycle of references, holding the
    working copy, left for the collector, paused while a bill is applied)."""
    from legidiff.apply.worktree import WArticle, WDivision

    if isinstance(node, Article):
        article = Article(work.article_num(node.num), tuple(
            replace(a, origin=origin) if isinstance(a, Alinea) else a
            for a in node.alineas))
        return WArticle(article, parent, changed=True, changed_by=(origin,))
    division = WDivision(node, [], parent, None, changed=True)
    division.children = [_convert(c, division, work, origin) for c in node.children]
    return division
