"""The order of articles whose numbers carry capital letters: French codes put « 163 A »
after « 163 » (code des douanes, code général des impôts, code de la construction et de
l'habitation, livre des procédures fiscales, in every such pair of the 75 codes of 2015)
but the code général des impôts also has « 1 A » before « 1 » (its division 0 I), and
« 196 bis, 196 A bis, 196 B ». An instruction that names the place is followed there; a
place that is certainly wrong is refused; a place the engine would have to choose between
such numbers is refused with the two articles named, not guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from legidiff.apply.consolidate import Consolidation, consolidate
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Article, Code, Division
from legidiff.formats import markdown as md
from legidiff.lang.numbering import ArticleNumber, article_order


def order(a: str, b: str) -> int | None:
    pa, pb = ArticleNumber.parse(a), ArticleNumber.parse(b)
    assert pa is not None and pb is not None
    return article_order(pa, pb)


@pytest.mark.parametrize(("first", "second"), [
    ("163", "163 A"),                  # code des douanes, titre V, chapitre V, section 1
    ("197", "197 A"),                  # code général des impôts
    ("L631-7-1", "L631-7-1 A"),        # code de la construction et de l'habitation
    ("L716-7-1", "L716-7-1 A"),        # code de la propriété intellectuelle
    ("717-1", "717-1 A"),              # code de procédure pénale
    ("L199", "L199 A"),                # livre des procédures fiscales
    ("196 bis", "196 A bis"),          # code général des impôts: 196 bis, 196 A bis, 196 B
    ("196 bis", "196 B"),
    ("265 bis", "265 A"),              # code des douanes
    ("L631-7-1 A", "L631-7-1-1"),      # a letter against a further level: open too
    # letters of different lengths: the code général des impôts has 235 ter G, GA, GB,
    # GC, H and 1609 quinquies B, BA, C; bills have an article 1er AA before the 1er A
    ("235 ter GC", "235 ter H"),
    ("1609 quinquies BA", "1609 quinquies C"),
    ("371 EA", "371 F"),
    ("1 AA", "1 A"),
])
def test_letters_beside_the_plain_number_or_an_adverb_have_no_fixed_order(
        first: str, second: str) -> None:
    assert order(first, second) is None
    assert order(second, first) is None


@pytest.mark.parametrize(("first", "second"), [
    ("163 A", "163 B"), ("196 A bis", "196 B"), ("163", "163 bis"), ("163 bis", "163 ter"),
    ("163 A", "164"), ("162", "163 A"), ("L199 A", "L200"), ("266 quinquies C", "266 sexies"),
    ("406 A 12", "406 A 13"), ("L855-1", "L855-1-1"), ("10 A", "10 C"),
    ("235 ter GA", "235 ter GC"), ("46 AZA", "46 AZB"),
])
def test_other_numbers_keep_their_order(first: str, second: str) -> None:
    assert order(first, second) == -1
    assert order(second, first) == 1
    assert order(first, first) == 0


def base(code: str, numbers: list[str]) -> Code:
    articles = "".join(f"### Article {n}\n\nTexte de l'article {n}.\n\n" for n in numbers)
    return md.read(f"# {code}\n\n## Chapitre V : Dispositions\n\n{articles}", Path("base.md"), [])


def apply(code: Code, text: str) -> Consolidation:
    return consolidate(code, parse_bill(f"Article 1er\n{text}\n"))


def numbers(result: Consolidation) -> list[str]:
    (chapter,) = [c for c in result.code.children if isinstance(c, Division)]
    return [a.num for a in chapter.children if isinstance(a, Article)]


@pytest.mark.parametrize(("code", "numbers_before", "instruction", "expected"), [
    # loi n° 77-574 : the code des douanes has 163 then 163 A
    ("Code des douanes", ["162", "163", "164"],
     "Après l'article 163 du code des douanes, il est inséré un article 163 A ainsi rédigé :\n"
     "« Art. 163 A. – Texte. »", ["162", "163", "163 A", "164"]),
    # the livre des procédures fiscales: L. 199, then L. 199 A
    ("Livre des procédures fiscales", ["L199", "L200"],
     "Après l'article L. 199 du livre des procédures fiscales, il est inséré un article "
     "L. 199 A ainsi rédigé :\n« Art. L. 199 A. – Texte. »", ["L199", "L199 A", "L200"]),
    # the code général des impôts: 1 A before 1, when the instruction says so
    ("Code général des impôts", ["1", "2"],
     "Avant l'article 1 du code général des impôts, il est inséré un article 1 A ainsi "
     "rédigé :\n« Art. 1 A. – Texte. »", ["1 A", "1", "2"]),
    # the code général des impôts: 196 bis, 196 A bis, 196 B
    ("Code général des impôts", ["196", "196 bis", "196 B"],
     "Après l'article 196 bis du code général des impôts, il est inséré un article 196 A bis "
     "ainsi rédigé :\n« Art. 196 A bis. – Texte. »", ["196", "196 bis", "196 A bis", "196 B"]),
    # the code général des impôts: 1609 quinquies BA between B and C
    ("Code général des impôts", ["1609 quinquies B", "1609 quinquies C"],
     "Après l'article 1609 quinquies B du code général des impôts, il est inséré un article "
     "1609 quinquies BA ainsi rédigé :\n« Art. 1609 quinquies BA. – Texte. »",
     ["1609 quinquies B", "1609 quinquies BA", "1609 quinquies C"]),
    # the code de la construction et de l'habitation, at the end of its division
    ("Code de la construction et de l'habitation", ["L631-7", "L631-7-1"],
     "Le chapitre V du code de la construction et de l'habitation est complété par un article "
     "L. 631-7-1 A ainsi rédigé :\n« Art. L. 631-7-1 A. – Texte. »",
     ["L631-7", "L631-7-1", "L631-7-1 A"]),
])
def test_the_named_place_is_followed(code: str, numbers_before: list[str], instruction: str,
                                     expected: list[str]) -> None:
    result = apply(base(code, numbers_before), instruction)
    assert result.complete, result.failures
    assert numbers(result) == expected


@pytest.mark.parametrize(("numbers_before", "instruction", "message"), [
    # a letter after a later letter: certainly wrong
    (["163", "163 B", "164"],
     "Après l'article 163 B du code des douanes, il est inséré un article 163 A ainsi "
     "rédigé :\n« Art. 163 A. – Texte. »",
     "l'article 163 A ne peut venir après l'article 163 B"),
    # 163 A after 164: the order with 163 is open, not with 164
    (["163", "164"],
     "Après l'article 164 du code des douanes, il est inséré un article 163 A ainsi "
     "rédigé :\n« Art. 163 A. – Texte. »",
     "l'article 163 A ne peut venir après l'article 164"),
    # before 163: open with 163, but 162 comes before it
    (["162", "163"],
     "Avant l'article 162 du code des douanes, il est inséré un article 163 A ainsi "
     "rédigé :\n« Art. 163 A. – Texte. »",
     "l'article 162 ne peut venir après l'article 163 A"),
    # at the end, after 164: the nearest article of certain order is 164
    (["163", "164"],
     "Le chapitre V du code des douanes est complété par un article 163 A ainsi rédigé :\n"
     "« Art. 163 A. – Texte. »",
     "l'article 163 A ne peut venir après l'article 164"),
])
def test_a_certainly_wrong_place_is_refused(numbers_before: list[str], instruction: str,
                                            message: str) -> None:
    code = base("Code des douanes", numbers_before)
    result = apply(code, instruction)
    assert not result.complete
    diagnostic = result.failures[0].diagnostics[0]
    assert diagnostic.code == "LD306" and message in diagnostic.message
    assert result.code == result.base


def test_the_engine_does_not_guess_between_163_and_163_a() -> None:
    # "il est inséré un article 163 A": at its place in the numbering, which codes fix
    # either way beside 163; the drafter is asked for the neighbour
    result = apply(base("Code des douanes", ["162", "163", "164"]),
                   "Le code des douanes est ainsi modifié :\n1° Il est inséré un article "
                   "163 A ainsi rédigé :\n« Art. 163 A. – Texte. » ;")
    assert not result.complete
    diagnostic = result.failures[0].diagnostics[0]
    assert diagnostic.code == "LD306"
    assert "l'article 163 A peut venir avant ou après l'article 163" in diagnostic.message
    assert "nommez l'article après lequel" in diagnostic.message


@pytest.mark.parametrize(("numbers_before", "new", "expected"), [
    # no article of open order between the two that frame it: its place is certain
    (["162", "163 B", "164"], "163 A", ["162", "163 A", "163 B", "164"]),
    (["163", "163 A", "164"], "163 B", ["163", "163 A", "163 B", "164"]),
    (["163", "164"], "163 bis", ["163", "163 bis", "164"]),
])
def test_a_certain_place_in_the_numbering_is_taken(numbers_before: list[str], new: str,
                                                   expected: list[str]) -> None:
    result = apply(base("Code des douanes", numbers_before),
                   f"Le code des douanes est ainsi modifié :\n1° Il est inséré un article "
                   f"{new} ainsi rédigé :\n« Art. {new}. – Texte. » ;")
    assert result.complete, result.failures
    assert numbers(result) == expected
