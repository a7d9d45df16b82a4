"""Finding quoted words: exact but for typography (DOMAIN.md, "What exact means").

The texts are real (tests/fixtures/articles); the fast ``fold`` is checked against a
plain character-by-character statement of its rules on them and on random strings made
of the characters that need care.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from legidiff.lang.matching import find_all, fold, join, same_text, split_final

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def article(name: str) -> str:
    record = json.loads((ARTICLES / name).read_text("utf-8"))
    text: str = record["text"] if "text" in record else record["after"]
    return text


L822_2 = article("L822-2.json")


def found(text: str, words: str) -> list[str]:
    return [text[a:b] for a, b in find_all(text, words)]


# -- what is tolerated --------------------------------------------------------


@pytest.mark.parametrize(("words", "expected"), [
    ("Conseil d’État", ["Conseil d'Etat"]),        # apostrophe and accent on a capital
    ("mise en oeuvre", ["mise en œuvre"] * 3),      # ligature
    ("I. – Les renseignements", ["I.-Les renseignements"]),  # label dash and its spacing
    ("durée de:", ["durée de :"]),                  # space before a colon
    ("L. 852-1, L. 852-2", ["L. 852-1, L. 852-2"]),
])
def test_typography_is_tolerated(words: str, expected: list[str]) -> None:
    assert found(L822_2, words) == expected


def test_non_breaking_spaces_and_1o() -> None:
    text = "1o Trente\u00a0jours ; 2° Cent vingt jours"
    assert found(text, "1° Trente jours") == ["1o Trente\u00a0jours"]
    assert found(text, "2o Cent") == ["2° Cent"]
    assert found("Le numéro o", "o") == ["o"]  # "o" after a letter stays a letter


# -- what is not --------------------------------------------------------------


@pytest.mark.parametrize("words", [
    "renseignement autorisées",   # spelling (agreement)
    "securite",                   # accents on small letters are spelling
    "Trente Jours",               # case of a small letter
    "détruits à l'issue d'une durée de ;",
])
def test_spelling_is_not_tolerated(words: str) -> None:
    assert find_all(L822_2, words) == []


def test_words_are_found_on_word_boundaries() -> None:
    assert found("un arrêté ou une décision", "un") == ["un"]
    assert found(L822_2, "article L. 851-1") == ["article L. 851-1"] * 2
    assert find_all(L822_2, "article L. 851") == []  # a number is not cut (see below)
    # punctuation at the edge of the words needs no boundary
    assert found(L822_2, "L. 852-2 et") == ["L. 852-2 et"]
    assert found(L822_2, ", L. 852-2") == [", L. 852-2"]


@pytest.mark.parametrize(("text", "words"), [
    ("des articles L. 851-1-1 et L. 851-2", "L. 851-1"),
    ("à l'article L. 851-1 bis", "L. 851-1"),
    ("à l'article L. 227-1 A", "L. 227-1"),
    ("aux articles 12 ter et 13", "articles 12"),
    ("au 1-2 du tableau", "2"),
])
def test_a_number_is_not_found_inside_a_longer_one(text: str, words: str) -> None:
    assert find_all(text, words) == []


def test_a_number_ends_at_punctuation_or_a_word() -> None:
    assert found("des articles L. 851-1, L. 851-2 et", "L. 851-1") == ["L. 851-1"]
    assert found("à l'article L. 851-1 À compter", "L. 851-1") == ["L. 851-1"]
    assert found("à l'article L. 851-1 et au", "L. 851-1") == ["L. 851-1"]
    assert found("L. 851-1-1 et L. 851-1.", "L. 851-1") == ["L. 851-1"]


def test_offsets_are_those_of_the_text_as_it_is() -> None:
    (start, end), = find_all(L822_2, "Conseil d’État")
    changed = L822_2[:start] + "Conseil d'État" + L822_2[end:]
    assert "dont le Conseil d'État a été saisi" in changed
    assert len(changed) == len(L822_2)


def test_same_text() -> None:
    assert same_text("l’État ; ", "l'Etat;")
    assert not same_text("l'État", "l'état")


def test_same_text_is_its_definition() -> None:
    """same_text's quick answers (texts that differ right after what they share, one
    ending where the other goes on) are those of its definition, the folds compared,
    on texts that differ by a character, a word, a typographic variant, a space, a
    deleted end or a rewritten beginning, short and long."""
    rng = random.Random(15)
    pieces = ["l’État", "l'Etat", "L'ÉTAT", "Conseil", "d’État", " ", "  ", "\u00a0", "\t",
              ";", " ;", ".", "–", "-", "1°", "1o", "«", "»", "œuvre", "oeuvre", "é", "e",
              "mot", "mots", "\u200b", "\u00ad", "\n", "I. –", "L. 852-1", "…"]
    for _ in range(20000):
        a = "".join(rng.choice(pieces) for _ in range(rng.choice((1, 3, 12, 40))))
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            k = rng.randint(0, len(b))
            action = rng.random()
            if action < 0.4:
                b[k:k] = rng.choice(pieces)
            elif action < 0.7:
                del b[k:k + rng.randint(1, 30)]
            else:
                b[k:] = list(rng.choice(pieces))
        other = "".join(b)
        expected = fold(a).text.strip() == fold(other).text.strip()
        assert same_text(a, other) == expected, (a, other)
        assert same_text(other, a) == expected, (other, a)


# -- joining new words to the text ---------------------------------------------


@pytest.mark.parametrize(("left", "new", "right", "expected", "merged"), [
    # words inserted before a comma keep the text's spacing
    ("des articles L. 852-1", ", L. 852-2", " et L. 852-3 ;",
     "des articles L. 852-1, L. 852-2 et L. 852-3 ;", False),
    # the inserted words end with the comma that follows them: written once
    ("après le mot renseignement", "et de sécurité,", ", les",
     "après le mot renseignement et de sécurité, les", True),
    # after an apostrophe, no space
    ("à l'", "article L. 851-2", " et",
     "à l'article L. 851-2 et", False),
    # after a label dash, none either
    ("II.-", "Par dérogation", " au I",
     "II.-Par dérogation au I", False),
    # the French space before a colon is the text's own
    ("une durée de", "", " :", "une durée de :", False),
])
def test_join(left: str, new: str, right: str, expected: str, merged: bool) -> None:
    assert join(left, new, right) == (expected, merged)


def test_split_final() -> None:
    assert split_final("Les données sont détruites ;") == ("Les données sont détruites", " ;")
    assert split_final("à compter de leur recueil.") == ("à compter de leur recueil", ".")
    assert split_final("I. –") == ("I. –", "")


# -- the fast fold against the rules stated one character at a time ----------------

APOSTROPHES = "’‘ʼ`´"
DASHES = "–—―‐‑‒−"
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\t\n\r"
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


def reference_fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The rules of matching.fold, stated plainly (slow)."""
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        c = "'" if c in APOSTROPHES else "-" if c in DASHES else " " if c in SPACES else c
        if c == " ":
            j = i
            while j < n and (text[j] == " " or text[j] in SPACES):
                j += 1
            prev = out[-1] if out else ""
            nxt = text[j] if j < n else ""
            nxt = "-" if nxt in DASHES else nxt
            dropped = (prev in ("", "«") or nxt in "»:;?!" or nxt == ""
                       or (prev == "-" and len(out) > 1 and out[-2] == ".")
                       or (nxt == "-" and prev == "."))
            if not dropped:
                out.append(" ")
                origin.append(i)
            i = j
            continue
        if c in LIGATURES:
            out.extend(LIGATURES[c])
            origin.extend((i, i))
            i += 1
            continue
        if c == "o" and out and out[-1].isdigit() and (i + 1 == n or not text[i + 1].isalnum()):
            c = "°"
        if c.isupper() and not c.isascii():
            c = unicodedata.normalize("NFD", c)[0]
        out.append(c)
        origin.append(i)
        i += 1
    return "".join(out), tuple(origin)


def test_fold_follows_its_rules_on_real_texts() -> None:
    texts = [alinea for path in sorted(ARTICLES.glob("*.json"))
             for alinea in article(path.name).split("\n")]
    assert len(texts) > 50
    for text in texts:
        folded = fold(text)
        assert (folded.text, folded.origin) == reference_fold(text), text


def test_fold_follows_its_rules_on_random_texts() -> None:
    alphabet = list("ab1o2.-–—«»:;?!  _'’IÉéœÆ\u00a0\u202f\t\n")
    rng = random.Random(2026)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        folded = fold.__wrapped__(text)
        assert (folded.text, folded.origin) == reference_fold(text), repr(text)


def test_complete_tables_translate_as_the_tables() -> None:
    """The tables completed with each character mapped to itself (for the speed of
    str.translate) give the same translation as the tables, for every character."""
    from legidiff.lang import matching

    text = "".join(chr(point) for point in range(0x3100)) + "𝒜😀"
    bare, bare_full = matching._LOSSY_BARE, matching._LOSSY_BARE_FULL
    assert bare is not None
    assert bare_full is not None
    pairs: list[tuple[dict[int, str | None], dict[int, str | None]]] = [
        (matching._TABLE_FULL, dict(matching._TABLE)), (matching._LOSSY_FULL, matching._LOSSY),
        (bare_full, bare)]
    for full, table in pairs:
        assert text.translate(full) == text.translate(table)
        assert len(full) > len(table)
