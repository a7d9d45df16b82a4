"""Real cases of the replay set (``../shared/corpus/replay-2``, read in place; skipped when
absent) that found engine bugs: each record's instruction is applied to its article
before the change (a one-article code built from the record's « before »), and the
result is compared with the official article after it, as ``benchmarks/replay.py`` does.
The records are named by code, article and the start of their instruction."""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any

import pytest
from support import ROOT, corpus_path

from legidiff.apply.consolidate import Consolidation, consolidate
from legidiff.apply.numbering import _division_rank
from legidiff.bill.parse import parse_bill
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind
from legidiff.document.structure import analyse
from legidiff.formats import read_base
from legidiff.formats.layout import read_article_text
from legidiff.lang.text import visible

sys.path.insert(0, str(ROOT / "benchmarks"))

from replay_case import bill_text, compare


@cache
def _records() -> tuple[dict[str, Any], ...]:
    path = corpus_path("replay-2", "triples.jsonl")
    return tuple(json.loads(line) for line in path.read_text("utf-8").splitlines()
                 if line.strip())


def record(code: str, article: str, instruction: str) -> dict[str, Any]:
    """The first record of that code and article whose instruction starts so."""
    for r in _records():
        if r["code"] == code and r["article"] == article and str(
                r["instruction"]).startswith(instruction):
            return r
    raise AssertionError(f"no record {code} {article} {instruction!r}")


def _alineas(article: Article) -> list[str]:
    return [visible(a.text, a.markup) for a in article.alineas]


@cache
def _snapshot(name: str) -> Code:
    """The whole code of a snapshot (extracted once into the benchmark's cache)."""
    from replay import extract
    return read_base(extract(corpus_path("replay-2", name))).code


def replay(r: dict[str, Any], *, whole: bool = False) -> tuple[
        Consolidation, list[str] | None, list[str] | None, list[str] | None]:
    """Apply the record to its article before — a one-article code, or the whole code of
    its snapshot (``whole``: the chapeaux name divisions): the result, and the alinéas
    before, ours and official."""
    number = str(r["article"])
    if whole:
        code = _snapshot(str(r["snapshot"]))
        found = code.find_articles(number)
        before = found[0].article if found else None
    else:
        before = read_article_text(r["before"]) if r["before"] else None
        code = Code(r["code"], (before,) if before is not None else ())
    result = consolidate(code, parse_bill(bill_text(r), title=r["law"], code=r["code"]))
    found = result.code.find_articles(number)
    ours = _alineas(found[0].article) if found else None
    official = _alineas(read_article_text(r["after"])) if r["after"] else None
    return result, _alineas(before) if before is not None else None, ours, official


# A phrase added to an item ending with « ; » goes before the « ; » (LD317): the code de
# la route's « 1° La confiscation … gagiste ; » completed by a phrase, in two articles
@pytest.mark.parametrize(("code", "article", "instruction"), [
    ("Code de la route", "L. 234-12", "b) Il est ajouté une phrase ainsi rédigée"),
    ("Code de la route", "L. 235-4", "b) Il est ajouté une phrase ainsi rédigée"),
])
def test_a_phrase_added_to_an_item_goes_before_its_semicolon(code: str, article: str,
                                                             instruction: str) -> None:
    r = record(code, article, instruction)
    result, before, ours, official = replay(r)
    assert result.complete
    assert "LD317" in [d.code for d in result.diagnostics]
    assert ours is not None
    item = next(a for a in ours if a.startswith("1° "))
    assert item.endswith("spécialement motivée ;")
    assert " ; La juridiction" not in item
    assert compare(before, ours, official).kind in ("exact", "consistent")


def test_a_division_without_a_number_does_not_stop_the_order_check() -> None:
    # the CGI's snapshot holds divisions whose number is empty: inserting an article
    # beside them raised ValueError (the replay's only crash, CGI article 72 F)
    assert _division_rank(Division(DivisionKind.SECTION, "", None, "Section")) is None
    r = record("Code général des impôts", "72 F", "II. - Après l'article 72 E")
    code = Code(r["code"], (
        Division(DivisionKind.SECTION, "", None, "Section", (Article("72 E", (Alinea("A."),)),)),
        Division(DivisionKind.SECTION, "", None, "Section", (Article("73", (Alinea("B."),)),))))
    result = consolidate(code, parse_bill(bill_text(r), title=r["law"], code=r["code"]))
    assert result.complete
    (found,) = result.code.find_articles("72 F")
    assert _alineas(found.article) == _alineas(read_article_text(r["after"]))


# « … du code rural » where LEGI writes the code's present name "code rural et de la pêche
# maritime" (renamed in 2010, every reference rewritten): matching the head of the name
# wrote « et de la pêche maritime » twice when the new words named the code in full
@pytest.mark.parametrize("instruction", [
    # old words with the former name, new words with the present one
    "1° Au premier alinéa de l'article L. 125-5, les références : \"des articles L. 361-1 à "
    "L. 361-21 du code rural\" sont remplacées par la référence : \"du chapitre Ier du titre "
    "VI du livre III du code rural et de la pêche maritime\"",
    # both with the former name
    "a) Au premier alinéa de l'article L. 125-5, les références : \"des articles L. 361-1",
    "a) Au premier alinéa de l'article L. 125-5, les mots : \"des articles L. 361-1",
])
def test_a_former_code_name_is_read_as_the_present_one(instruction: str) -> None:
    r = record("Code des assurances", "L. 125-5", instruction)
    result, before, ours, official = replay(r)
    assert result.complete
    assert "LD318" in [d.code for d in result.diagnostics]
    assert ours is not None and official is not None
    assert compare(before, ours, official).kind == "exact"
    assert ours[0].endswith("du livre III du code rural et de la pêche maritime.")


def test_new_words_leaving_the_rest_of_a_code_name_behind_are_refused() -> None:
    r = record("Code des assurances", "L. 125-5", "1° Au premier alinéa de l'article L. 125-5, "
               "les références : \"des articles L. 361-1 à L. 361-21 du code rural\"")
    r = {**r, "instruction": str(r["instruction"]).replace(
        "du livre III du code rural et de la pêche maritime", "du livre III")}
    result, _, _, _ = replay(r)
    (failure,) = result.failures
    diagnostic = failure.diagnostics[0]
    assert diagnostic.code == "LD302"
    assert diagnostic.evidence is not None
    assert "nom d'un code plus long : « code rural et de la pêche maritime »" in (
        diagnostic.evidence)
    assert result.code == result.base


# The end of an enumeration, told by its punctuation: items ending with « ; », the last
# with « . », then alinéas without a label that close the article (or the I). An item
# added after the last one goes before those alinéas, and the « . » becomes « ; » (LD317).
@pytest.mark.parametrize(("code", "article", "instruction"), [
    ("Code de la consommation", "L. 115-16", "Après le 6° de l'article L. 115-16"),
    ("Code rural et de la pêche maritime", "L. 621-3", "1° Après le 7° de l'article L. 621-3"),
    ("Code rural", "L. 621-3", "1° L'article L. 621-3 est complété par un 8°"),
])
def test_an_item_added_after_the_last_one_closes_the_enumeration(
        code: str, article: str, instruction: str) -> None:
    r = record(code, article, instruction)
    result, before, ours, official = replay(r, whole=True)
    assert result.complete
    assert "LD317" in [d.code for d in result.diagnostics]
    assert compare(before, ours, official).kind in ("exact", "consistent")
    assert before is not None and ours is not None
    # the alinéas after the list are still last, as they were
    assert ours[-1] == before[-1]


def test_an_item_added_after_a_last_item_the_punctuation_does_not_close_is_refused() -> None:
    # the code pénal's 221-4: "8° … bande organisée." then "9° … solidarité." and a closing
    # alinéa: the 8° ends with « . » too, so the list's punctuation tells nothing — LD314
    r = record("Code pénal", "221-4", "I. - Après le 9° de l'article 221-4")
    result, _, _, _ = replay(r, whole=True)
    (failure,) = result.failures
    assert failure.diagnostics[0].code == "LD314"
    assert result.code == result.base


def test_a_leading_date_clause_is_set_aside() -> None:
    # "I. - À compter du premier jour du quatrième mois suivant la date de publication de la
    # présente loi, le chapitre VII … est ainsi modifié :" (LD309 « À compter … » inattendu)
    r = record("Code de l'aviation civile", "L. 227-3", "2° Le premier alinéa de l'article")
    assert str(r["instruction_context"]).startswith("I. - À compter du premier jour")
    result, before, ours, official = replay(r, whole=True)
    assert result.complete
    assert compare(before, ours, official).kind in ("exact", "consistent")


def test_the_benchmark_comparison_examples_run() -> None:
    import doctest

    import replay_case
    assert doctest.testmod(replay_case).failed == 0


def test_the_same_article_named_by_its_number_needs_no_antecedent() -> None:
    # "2° Après le même article L. 311-4, il est inséré un article L. 311-4-1" read alone:
    # the number is given, « même » only recalls an earlier item
    r = record("Code de la consommation", "L. 311-4-1", "2° Après le même article L. 311-4")
    result, _, ours, _ = replay(r, whole=True)
    assert result.complete and ours is not None
    (path,) = result.code.find_articles("L. 311-4-1")
    (before,) = result.code.find_articles("L. 311-4")
    assert path.describe() == before.describe()
    bill = parse_bill("Article 1er\nAprès le même article, il est inséré un article L. 1 ainsi "
                      "rédigé :\n« Art. L. 1. – Texte. »\n", code="code civil")
    assert not bill.operations and bill.unrecognized
    # a division too: "2° Le même chapitre VI est complété par deux articles …"
    bill = parse_bill("Article 1er\nLe même chapitre VI du code de la route est complété par "
                      "un article L. 316-3 ainsi rédigé :\n« Art. L. 316-3. – Texte. »\n")
    (op,) = bill.operations
    assert [(s.kind.value, s.value) for s in op.target.steps] == [("chapitre", "6")]


def test_a_block_completing_one_alinea_continues_it() -> None:
    # "1° Le cinquième alinéa est ainsi complété : « Dans ce cas, les agents … »": an alinéa
    # holds no alinéa, the words continue it (they were written as a new alinéa)
    r = record("Code de la route", "L. 224-1", "1° Le cinquième alinéa est ainsi complété")
    result, before, ours, official = replay(r, whole=True)
    assert result.complete and before is not None and ours is not None
    assert len(ours) == len(before)
    assert ours[4].endswith("retenir à titre conservatoire le permis de conduire du conducteur.")
    assert compare(before, ours, official).kind in ("exact", "consistent")


def test_a_range_of_phrases_is_those_phrases_not_the_alinea() -> None:
    # "1° Les deux premières phrases du premier alinéa sont ainsi rédigées :" (code de
    # l'environnement L. 581-9) rewrote the whole alinéa: its third phrase was lost
    r = record("Code de l'environnement", "L. 581-9", "1° Les deux premières phrases du premier")
    result, before, ours, _ = replay(r, whole=True)
    assert result.complete and before is not None and ours is not None
    third = "Ce décret précise également les conditions d'utilisation comme supports " \
            "publicitaires du mobilier urbain installé sur le domaine public."
    assert before[0].endswith(third) and ours[0].endswith(" " + third)
    assert ours[0].startswith("Dans les agglomérations, et sous réserve des dispositions des "
                              "articles L. 581-4 et L. 581-8, la publicité est admise. ")


@pytest.mark.parametrize(("instruction", "expected"), [
    ("Les deux premières phrases du premier alinéa de l'article 1 du code civil sont ainsi "
     "rédigées :\n« Nouvelle un. Nouvelle deux. »", "Nouvelle un. Nouvelle deux. Phrase trois."),
    ("Les deux premières phrases du premier alinéa de l'article 1 du code civil sont "
     "supprimées.", "Phrase trois."),
    ("Les deuxième et troisième phrases du premier alinéa de l'article 1 du code civil sont "
     "supprimées.", "Phrase un."),
])
def test_phrase_ranges(instruction: str, expected: str) -> None:
    code = Code("Code civil", (Article("1", (Alinea("Phrase un. Phrase deux. Phrase trois."),
                                             Alinea("Autre."))),))
    result = consolidate(code, parse_bill(f"Article 1er\n{instruction}\n"))
    assert result.complete
    (path,) = result.code.find_articles("1")
    assert [a.text for a in path.article.alineas] == [expected, "Autre."]


def test_the_small_letter_items_of_the_cgi_holding_lists_of_1() -> None:
    # CGI article 279: "b. 1° Les remboursements …", "2° …", "b bis. …", …, "b octies. …
    # :" then "1° …" to "3° …", "b nonies. …": the 1° lists are the b's and the b octies',
    # the small letters one list (the b septies was nested under a 2°: LD301 « pas de b
    # septies unique »)
    r = record("Code général des impôts", "279", "III. - Le b septies de l'article 279")
    result, before, ours, official = replay(r)
    assert result.complete
    assert compare(before, ours, official).kind in ("exact", "consistent")
    assert r["before"] is not None
    items = analyse(read_article_text(r["before"])).items
    labels = [i.label for i in items]
    assert labels[:6] == ["a", "a bis", "a ter", "a quater", "a quinquies", "b"]
    assert "b septies" in labels and "b nonies" in labels
    b = items[labels.index("b")]
    octies = items[labels.index("b octies")]
    assert [c.label for c in b.children] == ["1°", "2°"]
    assert [c.label for c in octies.children] == ["1°", "2°", "3°"]


def test_the_only_item_of_a_label_needs_not_its_parent_named() -> None:
    # "4° Le 5° de l'article L. 334-6 est ainsi modifié : a) À la première phrase, …": the
    # article's only 5° is the I's (LD301 « pas de 5° unique dans l'article »)
    r = record("Code de l'environnement", "L. 334-6", "a) À la première phrase, les mots")
    result, before, ours, official = replay(r)
    assert result.complete
    assert compare(before, ours, official).kind in ("exact", "consistent")


def test_a_cgi_number_label_before_a_1() -> None:
    # CGI article 793: "1. 1° (Périmé) ;" opens the 1 and its 1° (the 1 was not read: the
    # items of the 1 and of the 2 were one list, with two 2°, two 3° …)
    r = record("Code général des impôts", "793", "Au troisième alinéa du c du 4° du 1 ")
    assert r["before"] is not None
    items = analyse(read_article_text(r["before"])).items
    assert [i.label for i in items] == ["1", "2"]
    assert [c.label for c in items[0].children] == ["1°", "2°", "3°", "4°", "5°", "6°"]


def test_a_2_after_a_small_letter_item_ending_with_a_colon_goes_on_the_list() -> None:
    # code monétaire et financier L. 531-2: "1° a) … ; b) … ; c) … d'outre-mer :" then
    # "2° a) …": the 2° is the 1°'s sibling, not a list of the c; "Au 2°, il est ajouté un
    # alinéa" goes at the end of the 2°
    r = record("Code monétaire et financier", "L. 531-2", "Au 2° de l'article L. 531-2")
    assert r["before"] is not None
    items = analyse(read_article_text(r["before"])).items
    assert [(i.label, [c.label for c in i.children][:3]) for i in items] == [
        ("1°", ["a", "b", "c"]), ("2°", ["a", "b", "c"])]
    result, _, ours, _ = replay(r)
    assert result.complete and ours is not None
    assert ours[-1].startswith("Les filiales mentionnées à l'article L. 511-47")


@pytest.mark.parametrize(("code", "article", "instruction"), [
    # "12.L'Agence centrale …": a number label with no space after its full stop
    ("Code monétaire et financier", "L. 213-3", "1° Après le 12, il est inséré un 13"),
    # "… protocoles d'accords locaux.A défaut, ils …": two phrases with no space between
    ("Code de l'environnement", "L. 211-12", "III. - À la seconde phrase du second alinéa du IX"),
])
def test_legi_text_missing_a_space_after_a_full_stop(code: str, article: str,
                                                     instruction: str) -> None:
    r = record(code, article, instruction)
    result, before, ours, official = replay(r)
    assert result.complete
    assert compare(before, ours, official).kind in ("exact", "consistent")


def test_a_bill_label_1_a_with_a_full_stop() -> None:
    # "1° A. L'article L. 221-3 est ainsi modifié :" (a Senate insertion label written with
    # a full stop): LD309 « A » inattendu
    r = record("Code de l'environnement", "L. 221-3", "a) À la première phrase, les mots")
    assert "1° A. L'article L. 221-3" in str(r["instruction_context"])
    result, before, ours, official = replay(r, whole=True)
    assert result.complete
    assert compare(before, ours, official).kind in ("exact", "consistent")


@pytest.mark.parametrize(("quoted", "expected"), [
    ("« Il est prorogé. »", ["Le délai est d'un mois. Il est prorogé.", "Autre."]),
    # an item is no continuation of the alinéa: it is added after it
    ("« 1° Le vol. »", ["Le délai est d'un mois.", "1° Le vol.", "Autre."]),
])
def test_a_block_completing_one_alinea(quoted: str, expected: list[str]) -> None:
    code = Code("Code civil", (Article("1", (Alinea("Le délai est d'un mois."),
                                             Alinea("Autre."))),))
    result = consolidate(code, parse_bill(
        "Article 1er\nLe premier alinéa de l'article 1 du code civil est ainsi complété :\n"
        f"{quoted}\n"))
    assert result.complete
    (path,) = result.code.find_articles("1")
    assert [a.text for a in path.article.alineas] == expected
