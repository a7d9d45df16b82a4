"""The quick tests that spare a slow search (the parse pipeline's speed): each lets
through every text the search would match, so that nothing the search finds is missed."""

from __future__ import annotations

import random
import re
import sys

import pytest
from support import corpus_path

from legidiff.bill import grammar, sentence
from legidiff.bill import text as bill_text
from legidiff.bill.sentence import (
    _TYPO_HINT,
    _TYPO_HINT_SMALL,
    _UNSAFE,
    _typo_hinted,
    prepare,
)
from legidiff.diagnostics import Diagnostic


def _letters(pattern: str) -> set[str]:
    return {c for c in pattern if c.isalpha()}


def test_the_small_letter_hint_is_the_hint_in_small_letters() -> None:
    # no escape a capital would change in meaning (\S, \W, \B, \A, \Z, \D)
    assert not re.search(r"\\[A-Z]", _TYPO_HINT.pattern)
    assert _TYPO_HINT_SMALL.pattern == _TYPO_HINT.pattern.lower()
    assert _TYPO_HINT_SMALL.flags & re.IGNORECASE == 0


def test_a_letter_matches_ignoring_case_exactly_when_its_small_letter_matches() -> None:
    """Over every character that ``prepare`` leaves outside quotations: what the
    case-insensitive hint (and « en tant qu », « en ce qu », « division ») would match, the small
    letters match."""
    unsafe = {chr(k) for k in _UNSAFE}
    letters = _letters(_TYPO_HINT.pattern) | _letters("en tant qu en ce qu division")
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1)
                         if not 0xD800 <= code <= 0xDFFF and chr(code) not in unsafe)
    checked = 0
    for letter in letters:
        for c in re.findall(re.escape(letter), everything, re.IGNORECASE):
            assert c.lower() == letter.lower(), (hex(ord(c)), letter)
            checked += 1
    assert checked >= 2 * len(letters)


@pytest.mark.parametrize("text", [
    "Le deuxième aliéna est complété", "À l'avant dernier alinéa", "lu mot : « x » est",
    "un article L. L. 5742-2 est", "Le chapitre Ierdu titre II", "au dé but de la phrase",
    "deux alinéas ainsi régiés", "Après le 4° alinéa de l'article 2", "LE DEUXIÈME ALIÉNA",
    "est complété les mots : « x »", "les mots : « a » sont remplacés les mots : « b »",
    "insérer les neufs alinéas", "Aux première et deuxième phrases del'alinéa 9",
    "un chapitre II _bis_ainsi rédigé", "À la première phrase l'alinéa 6", "un 5°ainsi rédigé"])
def test_every_slip_passes_the_hint(text: str) -> None:
    prepared = prepare(text)
    assert prepared.problems, text  # corrected, so the hint let it through


def test_the_hint_in_two_searches_is_the_hint() -> None:
    """The searches of ``_typo_hinted`` together match exactly the texts the one search
    matches: on each slip and on every instruction of the corpus (none of which
    holds most slips), in small letters, and on texts near the slips."""
    corpus = corpus_path("instructions", "instructions.jsonl")
    texts = [line.lower() for line in corpus.read_text("utf-8").splitlines()]
    texts += ["le 4 ème alinéa", "le ٤e  alinéa", "r. d. 5", "l.  l. 2", "d. x.", "ajouter  avant",
              "insérer après", "inserer après", "complétées trois", "remplacé la", "par article",
              "l'article l. 224-14 code de la sécurité sociale", "au 3°du i", "de 1'article",
              "le iii, est complété", "le deuxième aliéna", "l'avant dernier", "lu mot : ⟨0⟩",
              "chapitre ierdu titre", "au dé but", "ainsi régiés", "vingt-neufs", "del'article",
              "a_b", "phrase l'article", "le 4° alinéa", "un 5°ainsi rédigé", "le 2° l'article",
              "par alinéa ainsi rédigé", "complétée les mots", "remplacés les mots"]
    found = 0
    for text in texts:
        hinted = _TYPO_HINT_SMALL.search(text) is not None
        assert _typo_hinted(text) == hinted, text
        found += hinted
    assert 0 < found < len(texts)
    # each branch looked for only where a word is holds that word (in small letters), and
    # the branches grouped by their first character match as their plain alternation
    for needed, branches in sentence._TYPO_HINT_NEEDS.items():
        assert branches and all(needed in b.lower() for b in branches)
        assert set(branches) <= set(sentence._TYPO_HINT_BRANCHES)
    plain = re.compile("|".join(b.lower() for b in sentence._TYPO_HINT_BRANCHES
                                if b not in sentence._TYPO_HINT_OTHERS))
    for text in texts:
        assert (sentence._TYPO_HINT_GROUPED.search(text) is None) == \
            (plain.search(text) is None), text


def test_a_letter_or_a_digit_is_what_isalnum_says() -> None:
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1)
                         if not 0xD800 <= code <= 0xDFFF)
    assert bill_text._ALNUM_RE.findall(everything) == [c for c in everything if c.isalnum()]


def test_a_change_limited_by_subject_is_still_refused() -> None:
    for text in ("Les articles 27 à 31 et, en tant qu'ils concernent les unions, 39 à 45 du "
                 "code du travail sont abrogés",
                 "Les articles 2 et 3, EN CE QU'ILS VISENT les communes, sont abrogés"):
        with pytest.raises(sentence.SentenceError, match="limitée à un objet"):
            sentence.parse_sentence(prepare(text))


@pytest.mark.parametrize(("pattern", "run"), [
    (r"(?:[ \t\x0c\r\n])+", " \t\x0c\r\n"), (r" +", " "), (r"(?:[ \t])+", " \t"),
    (r"\s+", None), (r"[ a-z]+", None), (r"(?:[ \t])*", None), (r"ab+", None),
    (r"[^ ]+", None), (r"(?:[ \t])+?", None), (r"[ \t]{1,3}", None)])
def test_an_ignored_terminal_read_as_a_run_of_characters(pattern: str, run: str | None) -> None:
    """The loop passes over the spaces without their expression only when it is a run of
    characters given one by one; there it ends where the expression's match ends."""
    found = grammar._run_of(pattern, 0)
    assert found == (frozenset(run) if run is not None else None)
    if found is not None:
        regex = re.compile(pattern)
        for text in (" x", "  \t y", " \r\n\x0c\u00a0z", "\t", " \u2003 ", "\t\t ", "\n"):
            if text[0] not in found:
                continue  # the loop takes this way only where the run starts
            end = 1
            while end < len(text) and text[end] in found:
                end += 1
            m = regex.match(text)
            assert m is not None and m.end() == end, (pattern, text)


def test_the_branches_read_backwards_are_their_expressions() -> None:
    """The branches looked for from their word backwards (``_TYPO_HINT_BY_WORD``) find
    what their expressions find, on random texts of their own characters."""
    rng = random.Random(11)
    pieces = ["alinéa", "code", "ème", "e", "è", "me", " ", "  ", "\t", "\u00a0", "4", "٤",
              "x", "é", "a", "codes", "d", "\n"]
    for word, found in sentence._TYPO_HINT_BY_WORD:
        expression = re.compile("|".join(b.lower() for b in sentence._TYPO_HINT_NEEDS[word]))
        hits = 0
        for _ in range(30_000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
            expected = expression.search(text) is not None
            assert found(text) == expected, (word, text)
            hits += expected
        assert hits > 20, word


def test_no_label_opens_a_line_with_a_capital_then_a_small_letter() -> None:
    """The lines ``read_bill`` reads without trying the labels' forms (a capital, then a
    small letter or an apostrophe) have no label in any of those forms: on every line of
    the corpus's bills and instructions, and on random lines built from the labels' own
    characters."""
    folder = corpus_path("instructions", "texts")
    lines = [line.strip() for path in sorted(folder.iterdir()) if path.is_file()
             for line in path.read_text("utf-8").splitlines()]
    lines += corpus_path("instructions", "instructions.jsonl").read_text("utf-8").splitlines()
    rng = random.Random(5)
    pieces = ["L", "Le", "I", "V", "X", "C", "À", "É", "A", "'", "’", "e", "a", "é", "ÿ",
              ". ", ".", " ", "– ", "-", ")", "°", "1", "bis", " bis", "(Supprimé)", "« ", "M"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(2, 8)))
              for _ in range(100_000)]
    checked = 0
    for text in lines:
        if text[:1] in bill_text._CAPITALS and text[1:2] in bill_text._AFTER_CAPITAL:
            diagnostics: list[Diagnostic] = []
            assert bill_text._line_labels(text, "article 1er", 1, "-", diagnostics) == (
                [], [], text), text
            assert not diagnostics, text
            checked += 1
    assert checked > 10_000


def test_the_pdf_hint_opening_with_its_letter_is_the_plain_hint() -> None:
    """``normalize_pdf``'s hint, written to open with its « o », finds a text exactly when
    the plain alternation does: on random texts of their characters and on the corpus."""
    plain = re.compile(r"\do(?=[\s,;.:)»]|$)|(?<!\w)no(?=\s*\d)")
    rng = random.Random(3)
    pieces = ["no", "1", "o", " ", "2o", "n°", "x", "é", "_", ",", ")", "»", "\n", "\t", "ao",
              "9", "٣", "N", "O", "ño"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
             for _ in range(100_000)]
    texts += corpus_path("instructions", "instructions.jsonl").read_text("utf-8").splitlines()
    found = 0
    for text in texts:
        expected = plain.search(text) is not None
        assert (bill_text._PDF_HINT_RE.search(text) is not None) == expected, text
        found += expected
    assert 1_000 < found < len(texts)
