"""Numbers: roman numerals, ordinals and cardinals in words, article and division
numbers."""

from __future__ import annotations

import dataclasses

import pytest

from legidiff.lang.numbering import (
    ArticleNumber,
    adverb_value,
    article_bill_form,
    article_key,
    cardinal_words,
    division_key,
    int_to_roman,
    ordinal_words,
    parse_cardinal,
    parse_ordinal,
    roman_to_int,
)


@pytest.mark.parametrize(("text", "value"), [
    ("I", 1), ("IV", 4), ("VIII", 8), ("IX", 9), ("XIV", 14), ("XXV", 25), ("XL", 40),
    ("XCIX", 99), ("MMXXI", 2021),
])
def test_roman(text: str, value: int) -> None:
    assert roman_to_int(text) == value
    assert int_to_roman(value) == text


@pytest.mark.parametrize("text", ["IIII", "VV", "IC", "", "ii", "Ier", "L852"])
def test_invalid_roman(text: str) -> None:
    assert roman_to_int(text) is None


def test_roman_round_trip_all() -> None:
    for n in range(1, 4000):
        assert roman_to_int(int_to_roman(n)) == n


@pytest.mark.parametrize(("text", "value"), [
    ("premier", 1), ("première", 1), ("Premier", 1), ("second", 2), ("seconde", 2),
    ("deuxième", 2), ("troisième", 3), ("quatrième", 4), ("cinquième", 5), ("sixième", 6),
    ("septième", 7), ("huitième", 8), ("neuvième", 9), ("dixième", 10), ("onzième", 11),
    ("douzième", 12), ("treizième", 13), ("quatorzième", 14), ("quinzième", 15),
    ("seizième", 16), ("dix-septième", 17), ("dix-huitième", 18), ("dix-neuvième", 19),
    ("vingtième", 20), ("vingt et unième", 21), ("vingt-deuxième", 22),
    ("trente et unième", 31), ("trente-et-unième", 31), ("quarante-cinquième", 45),
    ("soixante et onzième", 71), ("soixante-dix-septième", 77), ("quatre-vingtième", 80),
    ("quatre-vingt-unième", 81), ("quatre-vingt-dix-neuvième", 99), ("centième", 100),
    ("cent unième", 101), ("deux centième", 200), ("millième", 1000), ("1er", 1),
    ("2e", 2), ("3ème", 3),
    ("dernier", -1), ("dernière", -1), ("avant-dernier", -2), ("avant-dernière", -2),
])
def test_parse_ordinal(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


@pytest.mark.parametrize("text", ["unième", "deux", "troisièm", "vingt", "bis", "I", ""])
def test_parse_ordinal_rejects(text: str) -> None:
    assert parse_ordinal(text) is None


def test_ordinals_round_trip_to_two_thousand() -> None:
    for n in range(1, 2001):
        for feminine in (False, True):
            word = ordinal_words(n, feminine=feminine)
            assert parse_ordinal(word) == n, word


@pytest.mark.parametrize(("n", "word"), [
    (1, "premier"), (2, "deuxième"), (21, "vingt et unième"), (22, "vingt-deuxième"),
    (71, "soixante et onzième"), (80, "quatre-vingtième"), (91, "quatre-vingt-onzième"),
    (100, "centième"), (200, "deux centième"), (-1, "dernier"), (-2, "avant-dernier"),
])
def test_ordinal_words(n: int, word: str) -> None:
    assert ordinal_words(n) == word


def test_second_when_there_are_two() -> None:
    assert ordinal_words(2, feminine=True, of_two=True) == "seconde"
    assert ordinal_words(2, of_two=True) == "second"
    assert ordinal_words(1, feminine=True) == "première"


@pytest.mark.parametrize(("text", "value"), [
    ("un", 1), ("deux", 2), ("dix-sept", 17), ("vingt et un", 21), ("quatre-vingts", 80),
    ("quatre-vingt-dix-neuf", 99), ("cent", 100), ("deux cents", 200), ("mille", 1000),
    ("deux mille vingt et un", 2021), ("3 750", 3750), ("trente mille", 30000),
])
def test_parse_cardinal(text: str, value: int) -> None:
    assert parse_cardinal(text) == value


def test_cardinal_round_trip() -> None:
    for n in [*range(1200), 2021, 30000, 1_000_000, 2_500_001]:
        assert parse_cardinal(cardinal_words(n)) == n, cardinal_words(n)


def test_adverbs() -> None:
    assert adverb_value("bis") == 2
    assert adverb_value("ter") == 3
    assert adverb_value("quinquies") == 5
    assert adverb_value("decies") == 10
    assert adverb_value("undecies") == 11
    assert adverb_value("vicies") == 20
    assert adverb_value("Bis") == 2
    assert adverb_value("bisou") is None


@pytest.mark.parametrize(("text", "key", "legi", "bill"), [
    ("L. 852-3", "L852-3", "L852-3", "L. 852-3"),
    ("L852-3", "L852-3", "L852-3", "L. 852-3"),
    ("L 852-3", "L852-3", "L852-3", "L. 852-3"),
    ("L. 851-1-1", "L851-1-1", "L851-1-1", "L. 851-1-1"),
    ("R.* 12", "R*12", "R*12", "R.* 12"),
    ("R*156-1", "R*156-1", "R*156-1", "R.* 156-1"),
    ("R. * 122-1", "R*122-1", "R*122-1", "R.* 122-1"),
    ("L.O. 6", "LO6", "LO6", "L.O. 6"),
    ("LO6", "LO6", "LO6", "L.O. 6"),
    ("L. 227-1 A", "L227-1 A", "L227-1 A", "L. 227-1 A"),
    ("L2323-26-1 B", "L2323-26-1 B", "L2323-26-1 B", "L. 2323-26-1 B"),
    ("12 bis", "12 bis", "12 bis", "12 bis"),
    ("1er", "1", "1er", "1er"),
    ("D. 20", "D20", "D20", "D. 20"),
    ("L. 32-5", "L32-5", "L32-5", "L. 32-5"),
])
def test_article_numbers(text: str, key: str, legi: str, bill: str) -> None:
    parsed = ArticleNumber.parse(text)
    assert parsed is not None
    assert parsed.key == key
    assert parsed.legi == legi
    assert parsed.bill == bill
    assert article_key(text) == key


def test_unparseable_article_numbers_keep_their_words() -> None:
    assert ArticleNumber.parse("Annexe II à l'article R4312-6") is None
    assert article_key("Annexe  II à l'article R4312-6") == "annexe ii à l'article r4312-6"
    assert article_bill_form("Annexe 1") == "Annexe 1"


def test_article_order() -> None:
    written = ["L. 855-2", "L. 855-1 bis", "L. 855-1", "L. 855-1 A", "L. 855-1-1",
               "L. 855-1 B", "L. 855-1 ter", "L. 854-9"]
    ordered = sorted(written, key=lambda n: ArticleNumber.parse(n).sort_key)  # type: ignore[union-attr]
    assert ordered == ["L. 854-9", "L. 855-1 A", "L. 855-1 B", "L. 855-1", "L. 855-1-1",
                       "L. 855-1 bis", "L. 855-1 ter", "L. 855-2"]


@pytest.mark.parametrize(("text", "key"), [
    ("Ier", "1"), ("premier", "1"), ("1er", "1"), ("I", "1"), ("VIII", "8"),
    ("III bis", "3 bis"), ("unique", "unique"), ("préliminaire", "preliminaire"),
    ("PREMIÈRE", "1"), ("HUITIÈME", "8"), ("1 A", "1 A"), ("1-1", "1-1"), ("4 bis", "4 bis"),
    ("législative", "legislative"), ("2", "2"),
])
def test_division_keys(text: str, key: str) -> None:
    assert division_key(text) == key


# Odd numbers of real codes (etalab export, spring 2015): the code général des impôts
# and its annexes, the code électoral, the code de la construction, the code pénal…
@pytest.mark.parametrize(("text", "key", "bill"), [
    ("39 AB", "39 AB", "39 AB"),
    ("235 ter ZA", "235 ter ZA", "235 ter ZA"),
    ("235 ter ZAA", "235 ter ZAA", "235 ter ZAA"),
    ("49 septies-0 T", "49 septies-0 T", "49 septies-0 T"),
    ("38 sexdecies-00 A", "38 sexdecies-00 A", "38 sexdecies-00 A"),
    ("46 AZA octies-0 AA", "46 AZA octies-0 AA", "46 AZA octies-0 AA"),
    ("23 V 8", "23 V 8", "23 V 8"),
    ("406 A 12", "406 A 12", "406 A 12"),
    ("1609 quatervicies", "1609 quatervicies", "1609 quatervicies"),
    ("41 duovicies-0 H", "41 duovicies-0 H", "41 duovicies-0 H"),
    ("A80 CB-3-1", "A80 CB-3-1", "A. 80 CB-3-1"),
    ("D213-1-A", "D213-1-A", "D. 213-1-A"),
    ("226-16-1-A", "226-16-1-A", "226-16-1-A"),
    ("R**215", "R**215", "R.** 215"),
    ("R.** 215", "R**215", "R.** 215"),
    ("*R162-1", "*R162-1", "*R. 162-1"),
    ("A01", "A01", "A. 01"),
    ("préliminaire", "préliminaire", "préliminaire"),
    ("PRELIMINAIRE", "préliminaire", "préliminaire"),
    ("L. 12 BIS", "L12 bis", "L. 12 bis"),
])
def test_odd_article_numbers(text: str, key: str, bill: str) -> None:
    parsed = ArticleNumber.parse(text)
    assert parsed is not None
    assert (parsed.key, parsed.bill, article_key(text)) == (key, bill, key)
    # every spelling reads back to the same number
    for spelling in (parsed.key, parsed.legi, parsed.bill):
        again = ArticleNumber.parse(spelling)
        assert again is not None and again.key == key and again.sort_key == parsed.sort_key
    assert article_key(key) == key


def test_zeros_make_other_numbers() -> None:
    # The code général des impôts has both 310-0 H and 310-00 H, annexe IV both 01 and 1,
    # the code du domaine de l'État both A01 and A1: never one key for two articles.
    for a, b in [("310-0 H", "310-00 H"), ("01", "1"), ("A01", "A1"), ("155-0 ter", "155-00 ter")]:
        assert article_key(a) != article_key(b)
        pa, pb = ArticleNumber.parse(a), ArticleNumber.parse(b)
        assert pa is not None and pb is not None and pa.sort_key != pb.sort_key


def test_odd_numbers_sort() -> None:
    written = ["49 septies-0 T", "49 septies", "49 septies-00 A", "49 septies-0 A", "50",
               "49 septies ZZA", "49 septies ZZ", "49 septies Z", "49 octies", "49 septies A"]
    ordered = sorted(written, key=lambda n: ArticleNumber.parse(n).sort_key)  # type: ignore[union-attr]
    assert ordered == ["49 septies A", "49 septies Z", "49 septies ZZ", "49 septies ZZA",
                       "49 septies", "49 septies-00 A", "49 septies-0 A", "49 septies-0 T",
                       "49 octies", "50"]
    # letter levels and qualifiers
    assert sorted(["226-16-1-A", "226-16-1", "226-16", "226-16-1-1", "226-17"],
                  key=lambda n: ArticleNumber.parse(n).sort_key) == [  # type: ignore[union-attr]
        "226-16", "226-16-1", "226-16-1-A", "226-16-1-1", "226-17"]
    assert sorted(["406 A 12", "406 A", "406 A 2", "406 A bis", "406"],
                  key=lambda n: ArticleNumber.parse(n).sort_key) == [  # type: ignore[union-attr]
        "406 A", "406 A 2", "406 A 12", "406 A bis", "406"]
    preliminaire, first = ArticleNumber.parse("préliminaire"), ArticleNumber.parse("1er")
    assert preliminaire is not None and first is not None
    assert preliminaire.sort_key < first.sort_key and preliminaire.is_word


def test_adverb_spellings_share_a_key_and_keep_their_spelling() -> None:
    parsed = ArticleNumber.parse("L. 12 novies")
    assert parsed is not None
    assert parsed.key == article_key("L12 nonies") == "L12 nonies"
    assert parsed.bill == "L. 12 novies"


def test_numbers_that_are_words() -> None:
    # annexes stored as articles keep their words; an article number inside them is
    # written as its key, so that both spellings meet
    for text in ["Annexe à l'article R. 122-2", "Annexe tableau n° 7", "Tableau n° 5 bis",
                 "Annexe II : Tableau n° 10 bis", "110-1 à 122-37", "Sommaire", "Rubrique 0"]:
        assert ArticleNumber.parse(text) is None, text
    assert article_key("Annexe à l'article R. 122-2") == "annexe à l'article r122-2"
    assert article_key("Annexe à l'article R122-2") == "annexe à l'article r122-2"
    assert article_key("Annexe tableau n° 7") == "annexe tableau n° 7"
    assert article_key("Annexe I à l'article R*366-1") != article_key("Annexe I à l'article R366-1")


def test_replace_keeps_working_on_plain_numbers() -> None:
    # benchmarks/run.py derives new numbers with dataclasses.replace
    parsed = ArticleNumber.parse("L. 852-3")
    assert parsed is not None
    assert dataclasses.replace(parsed, parts=(*parsed.parts, 1), suffix=()).bill == "L. 852-3-1"
    assert dataclasses.replace(parsed, suffix=("bis",)).legi == "L852-3 bis"
    assert dataclasses.replace(parsed, parts=(10852, 3)).legi == "L10852-3"


@pytest.mark.parametrize(("text", "value"), [
    ("PREMIERE", 1), ("DEUXIEME", 2), ("TROISIEME", 3), ("SIXIÈME", 6), ("premiere", 1),
    ("1re", 1), ("2e", 2), ("vingt-deuxieme", 22),
])
def test_ordinals_without_accents(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


@pytest.mark.parametrize(("text", "key"), [
    ("III-1", "3-1"), ("VI-1", "6-1"), ("0I", "0I"), ("00I", "00I"), ("0I ter", "0I ter"),
    ("01", "01"), ("0I bis-0 A", "0I bis-0 A"), ("VII-0 A", "7-0 A"), ("3-0 A bis", "3-0 A bis"),
    ("A-0 bis", "A-0 bis"), ("1°", "1°"), ("10 °", "10°"), ("19° quinquies", "19° quinquies"),
    ("I bis", "1 bis"), ("VI BIS", "6 bis"), ("II.", "2"), ("XLVII", "47"),
    ("A", "A"), ("C", "C"), ("a", "a"), ("c", "c"), ("OA", "OA"), ("0A", "0A"), ("ii", "2"),
    ("PRELIMINAIRE", "preliminaire"), ("1re", "1"), ("réglementaire - Arrêtés",
                                                     "reglementaire - arretes"),
])
def test_more_division_keys(text: str, key: str) -> None:
    assert division_key(text) == key
