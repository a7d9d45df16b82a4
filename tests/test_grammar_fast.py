"""The fast LALR loop (legidiff.bill.grammar.FastLALR) gives what Lark itself gives: the
same parts for every sentence, the same exception for every sentence it does not read,
and its scanner split by first character matches what Lark's whole scanner matches."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Iterator
from typing import Any

import pytest
from support import FIXTURES, corpus_path

from legidiff.bill import grammar
from legidiff.bill.grammar import FastLALR, _FirstChar
from legidiff.bill.sentence import _sentence_parser, prepare
from legidiff.bill.text import BillItem, read_bill


def _sentences(text: str) -> Iterator[str]:
    def walk(items: tuple[BillItem, ...]) -> Iterator[str]:
        for item in items:
            if item.text.strip():
                yield prepare(item.text.strip()).text
            yield from walk(item.children)

    for article in read_bill(text).articles:
        yield from walk(article.items)


def _fixture_sentences() -> list[str]:
    cases = json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8"))
    texts = [c["text"] for c in cases]
    texts.append((FIXTURES / "bills" / "general-forms.txt").read_text("utf-8"))
    out = [s for t in texts for s in _sentences(t)]
    # odd inputs: a line break, trailing spaces, nothing, a stray character, no verb
    out += ["Le I de l'article L. 1 du code civil\nest abrogé", "L'article 3 est abrogé   ",
            "", "   ", "L'article 3 est abrogé §", "Au premier alinéa de l'article L. 2",
            "À l'article L. 2, les mots : ⟨0⟩ sont remplacés par les mots : ⟨1⟩ et ⟨2⟩"]
    return out


def _outcome(parser: Any, text: str, start: str) -> tuple[str, ...]:
    try:
        return ("parsed", repr(parser.parse(text, start=start)))
    except Exception as e:
        token = getattr(e, "token", None)
        return ("raised", type(e).__name__, str(e), repr(token),
                str(getattr(e, "pos_in_stream", None)))


def _compare(sentences: list[str]) -> list[tuple[str, str]]:
    fast = _sentence_parser()
    assert isinstance(fast, FastLALR)
    differ = []
    for text in sentences:
        for start in ("start", "locator"):
            if _outcome(fast, text, start) != _outcome(fast.lark, text, start):
                differ.append((start, text))
    return differ


def test_the_fast_loop_reads_every_sentence_as_lark_does() -> None:
    sentences = _fixture_sentences()
    assert len(sentences) > 250
    assert _compare(sentences) == []


def _corpus_sentences() -> list[str]:
    """The corpus's instruction items, line by line, prepared."""
    path = corpus_path("instructions", "instructions.jsonl")
    sentences = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            for part in json.loads(line)["text"].split("\n"):
                if part.strip():
                    sentences.append(prepare(part.strip()).text)
    return sentences


def test_the_fast_loop_reads_the_corpus_as_lark_does() -> None:
    assert _compare(_corpus_sentences()[::10]) == []


_OTHER_DIGITS = str.maketrans("0123456789", "7305918264")


def _replayed_as_lark_reads(sentences: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """Each sentence parsed by the fast loop, then the same with other digits (« L. 12-3 »
    read, then « L. 95-0 »): a parse the loop remembered and does again without lexing
    (FastLALR.parse), compared with Lark's own parse of it. How many were done again,
    and the sentences where the two differ."""
    fast = _sentence_parser()
    assert isinstance(fast, FastLALR)
    replayed = 0
    differ = []
    for text in sentences:
        other = text.translate(_OTHER_DIGITS)
        if other == text:
            continue
        for start in ("start", "locator"):
            _outcome(fast, text, start)
            replayed += (start, grammar._DIGITS_RE.sub("0", other)) in fast._traces
            if _outcome(fast, other, start) != _outcome(fast.lark, other, start):
                differ.append((start, other))
    return replayed, differ


def test_a_parse_done_again_with_other_digits_reads_as_lark_does() -> None:
    replayed, differ = _replayed_as_lark_reads(_fixture_sentences())
    assert differ == []
    assert replayed > 100


def test_the_corpus_done_again_with_other_digits_reads_as_lark_does() -> None:
    replayed, differ = _replayed_as_lark_reads(_corpus_sentences()[::5])
    assert differ == []
    assert replayed > 150


def test_a_state_whose_terminals_tell_digits_apart_is_parsed_again() -> None:
    # DIVISION_NUMBERS knows « 1er » (and no other digit before « er »): after « au
    # chapitre 1er », « au chapitre 2er » must be lexed again — and is not read
    fast = _sentence_parser()
    first = "Au chapitre 1er du titre II, les mots : ⟨0⟩ sont supprimés"
    assert _outcome(fast, first, "start")[0] == "parsed"
    other = first.replace("1er", "2er")
    assert _outcome(fast, other, "start") == _outcome(fast.lark, other, "start")
    assert _outcome(fast, other, "start")[0] == "raised"


@pytest.mark.parametrize(("pattern", "blind"), [
    (r"\d+", True), (r"[0-9]{1,9}", True), (r"[^,]+", True), (r"\w+\b", True), (".", True),
    (r"[a-z\d]", True), (r"(?=\d)x", True), (r"(?i:édition\s+\d{4})", True),
    (r"1er", False), (r"[1-9]", False), (r"[^0]", False), (r"(a)\1", False),
    (r"(?i:code\s+\(1807\))", False), (r"(?!2)\d", False), (r"(?>1)", False),
    (r"a++1", False), (r"(?<=1)a", False), (r"(1)?(?(1)a|b)", False), (r"(?>\d+)", True),
])
def test_which_expressions_treat_all_digits_alike(pattern: str, blind: bool) -> None:
    assert grammar.digit_blind(pattern) is blind


def test_the_terminals_of_the_instructions_treat_all_digits_alike() -> None:
    # those that do not (DIVISION_NUMBERS: « 1er », « 0I ») make the parses going through
    # their states be lexed every time; a new one would slow the parse, not change it
    fast = _sentence_parser()
    assert sorted(t.name for t in fast.lark.terminals if not grammar._blind_terminal(t)) \
        == ["DIVISION_NUMBERS"]


def test_the_scanner_split_by_first_character_matches_as_the_whole() -> None:
    """At every position of real sentences (and a few odd characters), in every state,
    the alternation kept for the first character matches what the whole alternation
    matches: the same text, the same terminal, or nothing."""
    fast = _sentence_parser()
    sentences = _fixture_sentences()[:40]
    sentences.append("ſection ıci K° « » œuvre Œ 1o \t‑ – — ’ ⟨ ⟩ É À ç")
    seen: set[int] = set()
    checked = 0
    for state in fast.lark.parser.lexer.lexers:
        first = fast._scanner(state)[0]
        if first is None or id(first) in seen:
            continue
        seen.add(id(first))
        for text in sentences:
            for pos in range(len(text)):
                whole = first.whole.match(text, pos)
                part = first.regex_for(text[pos]).match(text, pos)
                assert (whole and (whole.group(0), whole.lastgroup)) == (
                    part and (part.group(0), part.lastgroup)), (text, pos)
                checked += 1
    assert checked > 3000


@pytest.mark.parametrize(("pattern", "starts", "never"), [
    (r"(?i:les?\s+mots?)", "lLé"[:2], " ém"),
    (r"(?:est|sont)\s+ainsi", "es", "ai "),
    (r"\s+et\s+", " \t", "e"),
    (r"(?<!x)\bcode\b", "c", "C "),
    (r"[^\W\d]\w*", "aZé_", "1 -"),
    (r"(?:a)?b", "ab", "c"),
])
def test_the_first_characters_of_an_expression(pattern: str, starts: str, never: str) -> None:
    class Terminal:
        def __init__(self) -> None:
            self.name = "T"
            self.pattern = self

        def to_regexp(self) -> str:
            return pattern

    import re

    first = _FirstChar([Terminal()], 0, re.compile(f"(?P<T>{pattern})"))
    for ch in starts:
        assert first._firsts[0] is None or any(t.match(ch) for t in first._firsts[0]), ch
    for ch in never:
        assert first._firsts[0] is not None and not any(t.match(ch) for t in first._firsts[0])


def test_a_parser_laid_out_otherwise_is_left_to_lark() -> None:
    # the fast loop reads Lark's internal tables: where they are not laid out as it expects
    # (here an Earley parser, which has none), Lark parses everything itself, same result
    from lark import Lark

    from legidiff.bill.grammar import FastLALR
    earley = Lark('start: "a" "b"+\n%ignore " "', parser="earley")
    fast = FastLALR(earley)
    assert fast.parse("a b b") == earley.parse("a b b")


# a small grammar with what the fast loop handles apart: a terminal looking two characters
# back (the token remembered by the text from there), a terminal that may start with a
# space (no skipping of spaces there), a ?rule of one child, _rules inlined as their
# children, and a method marked pure (made once per set of children)
_SMALL = r"""
start: item+
?item: pair | word
pair: _open word _close
_open: "(" _sp?
_close: ")"
_sp: "~"
word: WORD NUMBER?
WORD: /(?<!zz)[a-z]+/
NUMBER: /(?<=\w) \d+/
%ignore " "
"""


def _small_parsers(calls: list[str]) -> tuple[Any, Any]:
    from lark import Lark, Token, Transformer

    from legidiff.bill.grammar import FastLALR, pure_rule

    class Parts(Transformer[Token, Any]):
        @pure_rule
        def word(self, children: list[Token]) -> tuple[str, ...]:
            calls.append(str(children[0]))
            return tuple(f"{c.type}:{c}" for c in children)

        def pair(self, children: list[Any]) -> tuple[str, Any]:
            return ("pair", children[0])

        def start(self, children: list[Any]) -> list[Any]:
            return children

    def build(**kw: Any) -> Lark:
        return Lark(_SMALL, parser="lalr", lexer="contextual", maybe_placeholders=False,
                    transformer=Parts(), **kw)

    return FastLALR(build(), inlined_as_children=True), build()


@pytest.mark.parametrize("text", [
    "ab cd", "ab 12 cd", "( ab ) ( ab )", "(~ab 3) zz ab", "ab 12 ab 12 ab 12", "xzzab ab",
    "( ~ x 7 ) (x 7)"])
def test_the_fast_loop_reads_a_small_grammar_as_lark_does(text: str) -> None:
    calls: list[str] = []
    fast, lark = _small_parsers(calls)
    assert fast._usable
    for _ in range(2):  # the second time from what was remembered
        assert fast.parse(text) == lark.parse(text)


def test_a_pure_method_is_made_once_per_set_of_children() -> None:
    calls: list[str] = []
    fast, _lark = _small_parsers(calls)
    assert fast.parse("ab cd ab") == [("WORD:ab",), ("WORD:cd",), ("WORD:ab",)]
    assert calls == ["ab", "cd"]
    # the same text in another token type or with another number: made again
    assert fast.parse("ab 5") == [("WORD:ab", "NUMBER: 5")]
    assert calls == ["ab", "cd", "ab"]


def test_how_far_back_a_scanner_looks() -> None:
    class Terminal:
        def __init__(self, pattern: str) -> None:
            self.name = "T"
            self.pattern = self
            self.regexp = pattern

        def to_regexp(self) -> str:
            return self.regexp

    import re

    def behind(*patterns: str) -> int | None:
        return _FirstChar([Terminal(p) for p in patterns], 0, re.compile("x")).behind()

    assert behind(r"\bcode\b", "[a-z]+") == 1
    assert behind(r"(?<!même )code", r"(?<=\w)\d") == 1 + 5 + 1
    assert behind(r"(?<=(?<!a)b)c") == 1 + 1 + 1


def test_one_character_back_only_its_kind_counts() -> None:
    """Where a match looks one character back at most, the character there may stand for
    any other of its kind (``grammar._before``): the same match after each, under every
    flag, for assertions at the position itself."""
    import re

    patterns = [r"\bdu\b", r"\Bdu", r"^du", r"\Adu", r"(?:\b|x)du", r"du|\b\w+"]
    flags = [0, re.ASCII, re.IGNORECASE, re.MULTILINE, re.ASCII | re.IGNORECASE]
    kinds = {"a": "azAZ09_", "é": "éÀß٣²ⅻ中", " ": " ,.'’⟩⟨«-\u00a0\u202f\t\r", "\n": "\n"}
    for kind, characters in kinds.items():
        for ch in characters:
            assert grammar._before(ch) == kind, ch
    compiled = [re.compile(p, f) for p in patterns for f in flags]
    for regex in compiled:
        for rest in ("du code", "dur", "DU x", "du_"):
            for kind, characters in kinds.items():
                found = {(m.group() if m else None)
                         for m in (regex.match(ch + rest, 1) for ch in (kind, *characters))}
                assert len(found) == 1, (regex, rest, kind, found)


def test_a_scanner_looks_back_only_where_a_lookbehind_may_start() -> None:
    import re

    class Terminal:
        def __init__(self, name: str, pattern: str) -> None:
            self.name = name
            self.pattern = self
            self.regexp = pattern

        def to_regexp(self) -> str:
            return self.regexp

    terminals = [Terminal("A", r"(?<=partie\s)(?:législative|réglementaire)\b"),
                 Terminal("B", r"du\b"), Terminal("C", r"(?:les?|la)\b")]
    first = _FirstChar(terminals, re.IGNORECASE, re.compile("x"))
    assert first.behind() == 1 + 7
    assert first.near("d") and first.near("D") and first.near("x")
    assert not first.near("l") and not first.near("R") and not first.near("L")


def test_prepared_characters_are_replaced_as_translate_does() -> None:
    from legidiff.bill.sentence import _TRANSLATE, _UNSAFE, _replaced

    for text in ["", "aucun", "l’article\u00a0L.\u202f1\u2011 2\u2009", "⟨0⟩ İı ſ K ’’ ⟨⟩",
                 "\u00a0\u00a0’"]:
        for table in (_TRANSLATE, _UNSAFE):
            assert _replaced(text, table) == text.translate(table)


def test_the_lexer_remembers_no_long_text() -> None:
    """The memory of matches is keyed by the text from a token to the end of its sentence:
    only short ones are kept (2,048 texts of a sentence of 25,000 characters per scanner
    held gigabytes in a long-lived process: fuzz.py's fourteenth run died of it), and a
    long sentence reads as Lark reads it all the same."""
    parser = _sentence_parser()
    long = ("Les articles L. 1 et " + "L. 2, " * 5000 + "L. 3 du code civil sont abrogés")
    short = "Les articles L. 1 et L. 2 du code civil sont abrogés"
    for sentence in (long, short):
        assert repr(parser.parse(prepare(sentence).text, "start")) == \
            repr(parser.lark.parse(prepare(sentence).text, start="start"))
    kept = [key for entry in parser._shared.values() for key in entry[3]]
    assert kept and max(len(key) for key in kept) <= grammar._MEMO_TEXT + 2


def test_the_fast_loop_makes_its_tokens_as_lark_does() -> None:
    """Every token the loop hands to a rule reads as the one Lark's lexer makes there:
    the same type, text and start, line, column and end (worked out from its start in
    the loop's own tokens), pickled and copied as a plain Token."""
    from lark import Token, Transformer

    def read(tree: Any) -> list[tuple[Any, ...]]:
        if isinstance(tree, Token):
            return [(tree.type, tree.value, str(tree), tree.start_pos, tree.line, tree.column,
                     tree.end_line, tree.end_column, tree.end_pos)]
        return []

    fast = grammar.transforming_parser("instructions", Transformer())  # trees of tokens
    seen = own = 0
    for text in _fixture_sentences():
        try:
            lark_tokens = _flat(fast.lark.parse(text))
        except Exception:  # a sentence Lark does not read: not compared
            continue
        fast_tokens = _flat(fast.parse(text))
        assert [read(t) for t in fast_tokens] == [read(t) for t in lark_tokens], text
        for mine, lark in list(zip(fast_tokens, lark_tokens, strict=True))[:2]:
            for how in (_pickled, copy.deepcopy, copy.copy):
                made = how(mine)
                assert type(made) is Token and read(made) == read(how(lark)), text
        seen += len(lark_tokens)
        own += sum(type(t) is not Token for t in fast_tokens)  # the loop's own tokens
    assert seen > 1_000 and own > seen // 2


def _pickled(token: Any) -> Any:
    return pickle.loads(pickle.dumps(token))


def _flat(tree: Any) -> list[Any]:
    """The tokens of a tree, in order."""
    from lark import Tree
    return [t for c in tree.children for t in _flat(c)] if isinstance(tree, Tree) else [tree]
