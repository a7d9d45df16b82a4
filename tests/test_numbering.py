"""Numbers: roman numerals, ordinals and cardinals in words, article and division
numbers."""

from __future__ import annotations

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
