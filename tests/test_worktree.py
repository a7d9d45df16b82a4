"""The lazy working copy (legidiff.apply.worktree): made as it is asked for, it must answer
as the whole copy would — the same articles under each number, in the same order, the
same numbers listed, and nothing found inside a division once it is removed."""

from __future__ import annotations

import dataclasses
import gc

import pytest
from support import EXAMPLES

from legidiff.apply.consolidate import consolidate
from legidiff.apply.worktree import WArticle, WDivision, Work
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind
from legidiff.formats import Format, read_base, render

BASE = EXAMPLES / "csi-extrait.md"
BUILT = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"


def _eager(code: Code) -> dict[str, list[int]]:
    """Article key → the positions (in document order) of its articles."""
    out: dict[str, list[int]] = {}
    for i, path in enumerate(code.articles()):
        out.setdefault(path.article.key, []).append(i)
    return out


def _all_articles(work: Work) -> list[WArticle]:
    return list(work.articles())


def test_index_answers_as_the_whole_copy() -> None:
    code = read_base(BASE).code
    eager = _eager(code)
    # asked key by key, in an order unlike the document's
    work = Work(code)
    for key in sorted(eager, reverse=True):
        found = work.index.get(key)
        assert found is not None
        assert [w.article for w in found] == [
            p.article for i, p in enumerate(code.articles()) if i in eager[key]]
    assert work.index.get("L999999-9") is None
    # every number, in the order of the base
    fresh = Work(code)
    assert list(fresh.numbers()) == [p.article.num for ps in eager.values()
                                     for p in (list(code.articles())[i] for i in ps)]
    # the same objects by the index and by the tree, however they were first made
    walked = {id(w) for w in _all_articles(work)}
    assert all(id(w) in walked for ws in work.index.lists() for w in ws)


def test_removed_division_takes_its_numbers_away() -> None:
    code = read_base(BASE).code
    work = Work(code)
    division = next(c for c in work.root.children if isinstance(c, WDivision))
    inner = [w.key for w in _walk(division)]
    assert inner
    work.remove(division)
    other = {w.key for w in _all_articles(work)}
    for key in inner:
        if key not in other:
            assert work.index.get(key) is None
    assert not any(w.parent is division for w in _all_articles(work))


def _walk(node: WDivision) -> list[WArticle]:
    out: list[WArticle] = []
    for child in node.children:
        out.extend([child] if isinstance(child, WArticle) else _walk(child))
    return out


def test_untouched_base_is_returned_and_kept() -> None:
    code = read_base(BASE).code
    empty = parse_bill("Loi vide\nArticle 1er\nLa présente loi est applicable.\n")
    assert consolidate(code, empty).code is code


def test_same_result_with_the_kept_base_and_a_new_one() -> None:
    """The places of a base's articles are kept for the last base: a second bill on it,
    or the same bill on an equal but new base, gives the same bytes."""
    code = read_base(BUILT).code
    bill = parse_bill(BILL.read_text("utf-8"))
    first = consolidate(code, bill)
    again = consolidate(code, bill)
    other = consolidate(dataclasses.replace(code), bill)
    texts = {render(r.code, Format.MARKDOWN) for r in (first, again, other)}
    assert len(texts) == 1
    assert render(first.code, Format.MARKDOWN) != render(code, Format.MARKDOWN)
    assert first.results == again.results == other.results
    assert first.provenance == again.provenance == other.provenance


def _twins() -> Code:
    """Numbers found in several divisions (a code's duplicates), one inside another."""
    def art(num: str, text: str) -> Article:
        return Article(num, (Alinea(text),))
    one = Division.new(DivisionKind.CHAPITRE, "Ier", "Un",
                       (art("L1", "a"), art("L2", "b"), art("L3", "c")))
    two = Division.new(DivisionKind.CHAPITRE, "II", "Deux",
                       (art("L2", "d"), Division.new(DivisionKind.SECTION, "1", "S",
                                                     (art("L1", "e"), art("L4", "f")))))
    return Code("Code d'essai", (art("L5", "g"), Division.new(DivisionKind.TITRE, "Ier", "T",
                                                              (one, two)), art("L1", "h")))


def test_duplicates_in_the_base_order_however_asked() -> None:
    code = _twins()
    eager: dict[str, list[str]] = {}
    for path in code.articles():
        eager.setdefault(path.article.key, []).append(path.article.alineas[0].text)
    for keys in (["L4", "L1", "L2"], ["L1"], ["L2", "L5", "L3", "L1", "L4"]):
        work = Work(code)
        for key in keys:
            found = work.index.get(key)
            assert found is not None
            assert [w.article.alineas[0].text for w in found] == eager[key]
        assert list(work.numbers()) == [n for k, texts in eager.items() for n in [k] * len(texts)]
        # one working article per article of the base, whether found by number or by tree
        assert {id(w) for ws in work.index.lists() for w in ws} == {
            id(w) for w in work.articles()}


def test_added_article_comes_after_the_base_ones() -> None:
    code = _twins()
    work = Work(code)
    title = work.root.children[1]
    assert isinstance(title, WDivision)
    chapter = title.children[0]
    assert isinstance(chapter, WDivision)
    work.insert(chapter, 0, WArticle(Article("L1", (Alinea("new"),)), chapter))
    found = work.index.get("L1")
    assert found is not None
    assert [w.article.alineas[0].text for w in found] == ["a", "e", "h", "new"]


def test_nothing_of_the_copy_is_left_for_the_collector() -> None:
    """dispose breaks every cycle of the working copy (made divisions, their base
    children, inserted divisions), and no closure calling itself holds it (the articles
    a bill inserts are read by one): reference counting frees it all while the cyclic
    collector is paused (legidiff.perf)."""
    code = read_base(BUILT).code
    bill = parse_bill(BILL.read_text("utf-8"))
    gc.collect()
    gc.disable()
    try:
        result = consolidate(code, bill)
        # what the copy made from the base (the scratch root legidiff.apply.content
        # reads a quoted text into is not the copy's)
        left = [o for o in gc.get_objects() if isinstance(o, WArticle | Work)
                or (isinstance(o, WDivision) and o.original is not None)]
    finally:
        gc.enable()
    assert result.counts().get("applied", 0) >= 10
    assert left == []


def test_divisions_made_one_by_one_freeze_as_whole_lists(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """The index makes only the divisions above the article it finds, one child at a
    time (WDivision.base_child); frozen, they give the tree, the provenance (in the order
    of the text) and the results of a copy whose every list of children was made."""
    code = read_base(BUILT).code
    name = "du code de la sécurité intérieure"
    bill = parse_bill(
        "Loi d'essai\nArticle 1er\n"  # articles named by number alone, in three chapitres
        f"Le second alinéa de l'article L. 853-2 {name} est supprimé.\n"
        f"L'article L. 871-6 {name} est complété par un alinéa ainsi rédigé :\n"
        "« Alinéa ajouté. »\n"
        f"Le dernier alinéa de l'article L. 822-2 {name} est ainsi rédigé :\n"
        "« Alinéa réécrit. »\n"
        f"L'article L. 871-3 {name} est abrogé.\n")
    lazy = consolidate(code, bill)
    init = Work.__init__

    def whole(self: Work, base: Code) -> None:
        init(self, base)
        for _ in self.articles():  # every division's list made, before any operation
            pass

    monkeypatch.setattr(Work, "__init__", whole)
    eager = consolidate(code, bill)
    assert lazy.counts() == {"applied": 4}
    assert render(lazy.code, Format.MARKDOWN) == render(eager.code, Format.MARKDOWN)
    assert list(lazy.provenance.items()) == list(eager.provenance.items())
    assert lazy.results == eager.results
    assert lazy.changes == eager.changes
