"""The short cuts the engine takes for speed give what the long way gives: the order of
two article numbers of digits only, the index of the working copy against an eager one
(tests/test_worktree.py), the French name of a locator."""

from __future__ import annotations

import itertools

from support import corpus_path

from legidiff.apply.numbering import _article_order
from legidiff.document.locator import Locator
from legidiff.formats import read_base
from legidiff.lang.numbering import ArticleNumber, article_order


def _numbers() -> list[ArticleNumber]:
    spellings = ["1er", "1", "2", "10", "00", "0", "01", "163", "163 A", "163 B", "163 bis",
                 "163 ter", "163 A bis", "L. 1", "L. 1-1", "L. 1-1-1", "L. 1-2", "L. 2",
                 "L. 1234-5", "L. 1234-5-1", "L. 1234-5 A", "L. 1234-5 bis", "L. 1234-6",
                 "L. 12345-1", "R. 1234-5", "R.* 1234-5", "D. 1234-5", "L. 851-9",
                 "49 septies-0 T", "D213-1-A", "L. 0-1", "L. 1-01", "235 ter GC", "235 ter H",
                 "L. 631-7-1", "L. 631-7-1 A", "préliminaire", "L. 9-9-9-9"]
    parsed = [ArticleNumber.parse(s) for s in spellings]
    return [p for p in parsed if p is not None]


def test_order_of_plain_numbers_is_article_order() -> None:
    numbers = _numbers()
    assert len(numbers) > 30
    plain = 0
    for a, b in itertools.product(numbers, repeat=2):
        assert _article_order(a, b) == article_order(a, b), (a, b)
        plain += not (a.suffix or a.inner or a.spelled or b.suffix or b.inner or b.spelled
                      or a.prefix != b.prefix)
    assert plain > 100  # the short cut was taken, not only the long way


def test_order_of_real_numbers_is_article_order() -> None:
    code = read_base(corpus_path("codes", "code-du-travail")).code
    numbers = [n for p in code.articles()
               if (n := ArticleNumber.parse(p.article.num)) is not None]
    assert len(numbers) > 10000
    # each number against its neighbours in the code and against numbers far from it
    for a, b in itertools.chain(itertools.pairwise(numbers),
                                zip(numbers, numbers[::-1], strict=True),
                                zip(numbers, numbers[7::13], strict=False)):
        assert _article_order(a, b) == article_order(a, b), (a, b)


def test_french_names_of_ordinal_steps_as_before() -> None:
    for text, counts, french in [
            ("art_L1/al_1", None, "le premier alinéa de l'article L. 1"),
            ("art_L1/al_2", [None, 2], "le second alinéa de l'article L. 1"),
            ("art_L1/al_2", [None, 3], "le deuxième alinéa de l'article L. 1"),
            ("art_L1/al_2/ph_1", [None, 2, 2], "la première phrase du second alinéa de "
                                               "l'article L. 1"),
            ("art_L1/al_-1", None, "le dernier alinéa de l'article L. 1"),
            ("art_L1/al_-3", None, "le troisième alinéa en partant de la fin de l'article L. 1"),
            ("art_L1/lab_I/tir_8", None, "le huitième tiret du I de l'article L. 1")]:
        for _ in range(2):  # the second time from the table of those already said
            assert Locator.parse(text).to_french(counts) == french
