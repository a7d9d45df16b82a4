"""Word-level differences between two texts, and the alignment of two lists of alinéas.

diff-match-patch compares characters; legal text is read word by word. Each word, run
of spaces and punctuation mark is mapped to one character of a private-use plane, the
encoded strings are diffed, cleaned up for people (``diff_cleanupSemantic``: no
"shrapnel" of one-letter equalities) and decoded. ``Diff_Timeout`` is 0: the result is
the minimal diff whatever the machine's speed, so outputs never depend on it.

The cost is bounded without a clock. A minimal diff costs about the square of the
number of tokens that change: two texts whose middles (their common beginning and end
set aside) hold more than ``_DIRECT`` tokens — a table of thousands of cells — are
first cut into pieces at places that depend only on the words around them (a hash of
four tokens), the pieces are diffed as units, and only the runs of pieces that differ
are diffed word by word (cut again, finer, when a run is still too long; a run longer
still is one deletion and one insertion). Below ``_DIRECT``, the diff is exactly the
one of a single pass. ``align`` pairs alinéas by their share of common words; a bound
from the words both have, free of any diff, sets aside most pairs before their word
diff is computed.

>>> [(s.op.value, s.text) for s in word_diff("la référence : « et L. 852-2 »",
...                                           "la référence : « , L. 852-2 et L. 852-3 »")]
... # doctest: +NORMALIZE_WHITESPACE
[('equal', 'la référence : « '), ('delete', 'et'), ('insert', ','), ('equal', ' L. 852-2 '),
 ('insert', 'et L. 852-3 '), ('equal', '»')]

A reference is one token (:func:`word_tokens`): a changed one is deleted and inserted whole.

>>> [(s.op.value, s.text) for s in word_diff("au 1° de l'article L. 852-2",
...                                           "au 2° de l'article L. 852-3")]
... # doctest: +NORMALIZE_WHITESPACE
[('equal', 'au '), ('delete', '1°'), ('insert', '2°'), ('equal', " de l'article "),
 ('delete', 'L. 852-2'), ('insert', 'L. 852-3')]
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from diff_match_patch import diff_match_patch

from legidiff.lang.vocabulary import ADVERB_PATTERN

# The tokens of the word diff (and of the similarity of two alinéas): words, runs of
# spaces, punctuation marks, except that a legal reference is one token, so that a change
# shows the whole reference deleted and the new one inserted, never a digit struck inside
# it ("L. 852-2" → "L. 852-3", not "L. 852-~~2~~3"). A reference ends where a word ends.
_SP = "[ \u00a0\u202f]"  # a space inside a reference (ordinary, no-break, narrow)
_SUFFIX = (rf"(?:{_SP}(?:{ADVERB_PATTERN})(?![\w'’]))?"  # "bis", "ter"…
           rf"(?:{_SP}[A-Z](?![\w'’]))?")  # an inserted letter: "L. 855-1 B", "2° A"
_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
           "octobre|novembre|décembre|decembre")
_REFERENCE_TOKENS = (
    # a day-month-year date: "1er janvier 2011", "31 décembre 2020"
    rf"(?:1er|\d{{1,2}}){_SP}(?:{_MONTHS}){_SP}\d{{4}}(?!\w)",
    # an article number with its prefix: "L. 852-3", "R.* 111-1", "LO 141", "D. 1 bis"
    rf"(?:L\.{_SP}?O|LO|LP|L|R|D|A)\.\*?{_SP}?\d+(?:-\d+)*(?!\w){_SUFFIX}",
    rf"(?:LO|LP|L|R|D)\*?{_SP}?\d+(?:-\d+)+(?!\w){_SUFFIX}",  # "L852-3", "L 852-3"
    rf"\d+(?:-\d+)+(?!\w){_SUFFIX}",  # "852-3 bis", "2021-998"
    rf"\d+°{_SUFFIX}",  # an item: "1°", "2° A", "3° bis"
    rf"\b[IVXLC]+{_SP}(?:{ADVERB_PATTERN})(?![\w'’]){_SUFFIX}",  # "I bis", "II ter A"
    # an amount, a number with its unit: "1 500 €", "90 %", "1 500", "3,5 euros"
    rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?!\w)(?:,\d+)?(?:{_SP}?(?:€|%|euros?(?!\w)))?",
    rf"\d+(?:,\d+)?{_SP}?(?:€|%|euros?(?!\w))",
    rf"\d+{_SP}(?:{ADVERB_PATTERN})(?![\w'’]){_SUFFIX}",  # "11 bis"
)
_TOKEN_RE = re.compile("|".join((*_REFERENCE_TOKENS, r"\w+|\s+|[^\w\s]")))


def word_tokens(text: str) -> list[str]:
    """The tokens of the word diff, which rejoin into ``text``: words, runs of spaces,
    punctuation marks, and legal references kept whole (article numbers with their prefix
    and suffixes, item labels with their adverb, amounts with their unit, dates).

    >>> word_tokens("Au 2° A du I bis de l'article L. 852-3, « 1 500 € » au 1er janvier 2011")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Au', ' ', '2° A', ' ', 'du', ' ', 'I bis', ' ', 'de', ' ', 'l', "'", 'article', ' ',
     'L. 852-3', ',', ' ', '«', ' ', '1 500 €', ' ', '»', ' ', 'au', ' ', '1er janvier 2011']
    """
    return _TOKEN_RE.findall(text)
_FIRST = 0xF0000  # supplementary private use area A: 65,534 code points, then B


class Op(Enum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Segment:
    op: Op
    text: str


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never cut short: the same diff on every machine
    return dmp


_DMP = _engine()
_OPS = {0: Op.EQUAL, -1: Op.DELETE, 1: Op.INSERT}


class _Encoder:
    """One character per distinct token (or line), shared by both sides of a diff."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.tokens: list[str] = []

    def encode(self, tokens: Sequence[str]) -> str:
        out = []
        for token in tokens:
            code = self.codes.get(token)
            if code is None:
                code = chr(_FIRST + len(self.tokens))
                self.codes[token] = code
                self.tokens.append(token)
            out.append(code)
        return "".join(out)

    def decode(self, text: str) -> list[str]:
        return [self.tokens[ord(c) - _FIRST] for c in text]


def _diff(a: str, b: str) -> list[tuple[int, str]]:
    diffs: list[tuple[int, str]] = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)
    return diffs


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes from ``old`` to ``new``, word by word: equal, deleted and inserted
    segments whose texts rejoin into ``old`` (equal + delete) and ``new`` (equal +
    insert)."""
    if old == new:
        return [Segment(Op.EQUAL, old)] if old else []
    return list(_word_diff(old, new))


@lru_cache(maxsize=128)
def _word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """(Kept for a while: ``align`` compares a pair of alinéas, then the redline or the
    drafter diffs the same pair again.)"""
    a = word_tokens(old)
    b = word_tokens(new)
    out: list[Segment] = []
    for op, tokens in _token_diff(a, b, _MODULI):
        if not tokens:
            continue
        segment = Segment(op, "".join(tokens))
        if out and out[-1].op is segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        else:
            out.append(segment)
    return tuple(out)


_DIRECT = 2000  # tokens of both middles: at most about half a second for a single pass
_DIRECT_RUN = 400  # the same for a run of changed pieces: each run costs little
_MODULI = (32, 8)  # pieces of about 32 tokens, then of about 8 inside a run still too long
_MAX_PIECE = 512  # tokens: a piece is cut there if no hash has cut it before


def _token_diff(a: list[str], b: list[str], moduli: tuple[int, ...]
                ) -> list[tuple[Op, list[str]]]:
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    middle = len(a) + len(b) - 2 * (start + end)
    if middle <= (_DIRECT if len(moduli) == len(_MODULI) else _DIRECT_RUN):
        return _single_pass(a, b)
    head = [(Op.EQUAL, a[:start])] if start else []
    tail = [(Op.EQUAL, a[len(a) - end:])] if end else []
    a_mid, b_mid = a[start:len(a) - end], b[start:len(b) - end]
    if not moduli:  # still too long at the finest pieces: replaced as a whole
        return [*head, (Op.DELETE, a_mid), (Op.INSERT, b_mid), *tail]
    pieces = _piece_diff(a_mid, b_mid, moduli)
    if len(moduli) == len(_MODULI) and \
            sum(len(t) for op, t in pieces if op is not Op.EQUAL) <= _DIRECT:
        # few tokens change (the pieces' diff is a script of that length, so the minimal
        # one is no longer): a single pass costs little, and gives its own result
        return _single_pass(a, b)
    return [*head, *pieces, *tail]


def _single_pass(a: list[str], b: list[str]) -> list[tuple[Op, list[str]]]:
    encoder = _Encoder()
    return [(_OPS[op], encoder.decode(text))
            for op, text in _diff(encoder.encode(a), encoder.encode(b))]


def _piece_diff(a: list[str], b: list[str], moduli: tuple[int, ...]
                ) -> list[tuple[Op, list[str]]]:
    """Diff pieces of tokens as units, then the tokens of each run of changed pieces."""
    pa, pb = _pieces(a, moduli[0]), _pieces(b, moduli[0])
    encoder = _Encoder()
    diffs = _DMP.diff_main(encoder.encode(["\x00".join(p) for p in pa]),
                           encoder.encode(["\x00".join(p) for p in pb]), False)
    out: list[tuple[Op, list[str]]] = []
    i = j = 0
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted or inserted:
            out.extend(_token_diff(deleted, inserted, moduli[1:]))
            deleted.clear()
            inserted.clear()

    for op, text in diffs:
        if op == 0:
            flush()
            for _ in text:
                out.append((Op.EQUAL, pa[i]))
                i += 1
                j += 1
        elif op == -1:
            for _ in text:
                deleted.extend(pa[i])
                i += 1
        else:
            for _ in text:
                inserted.extend(pb[j])
                j += 1
    flush()
    return out


def _pieces(tokens: list[str], modulus: int) -> list[list[str]]:
    """Tokens cut after each run of four whose hash is a multiple of ``modulus``: the
    same words cut the same way wherever they stand in either text."""
    out: list[list[str]] = []
    piece: list[str] = []
    for k, token in enumerate(tokens):
        piece.append(token)
        window = "\x00".join(tokens[max(0, k - 3):k + 1]).encode("utf-8", "surrogatepass")
        if len(piece) >= _MAX_PIECE or zlib.crc32(window) % modulus == 0:
            out.append(piece)
            piece = []
    if piece:
        out.append(piece)
    return out


@dataclass(frozen=True, slots=True)
class Pair:
    """Two alinéas aligned: both present (equal or changed), or one side only."""

    old: int | None  # index in the old list
    new: int | None  # index in the new list


def align(old: Sequence[str], new: Sequence[str],
          same_place: Callable[[str, str], bool] | None = None) -> list[Pair]:
    """Align two lists of alinéas: equal ones match; in a run of deleted and inserted
    alinéas, those that share most of their words, or that ``same_place`` says stand at
    the same place (the same item label), are paired; the others are whole deletions or
    insertions. Order is kept."""
    encoder = _Encoder()
    diffs = _DMP.diff_main(encoder.encode(old), encoder.encode(new), False)
    pairs: list[Pair] = []
    i = j = 0
    deleted: list[int] = []
    inserted: list[int] = []

    def flush() -> None:
        pairs.extend(_pair_run(old, new, deleted, inserted, same_place))
        deleted.clear()
        inserted.clear()

    for op, text in diffs:
        if op == 0:
            flush()
            for _ in text:
                pairs.append(Pair(i, j))
                i += 1
                j += 1
        elif op == -1:
            deleted.extend(range(i, i + len(text)))
            i += len(text)
        else:
            inserted.extend(range(j, j + len(text)))
            j += len(text)
    flush()
    return pairs


def _pair_run(old: Sequence[str], new: Sequence[str], deleted: list[int],
              inserted: list[int], same_place: Callable[[str, str], bool] | None
              ) -> list[Pair]:
    """Deleted and inserted alinéas of one run, paired in order when alike."""
    out: list[Pair] = []
    k = 0
    words: dict[tuple[int, int], Counter[str]] = {}

    def counts(side: int, index: int) -> Counter[str]:
        found = words.get((side, index))
        if found is None:
            found = Counter(_TOKEN_RE.findall((old, new)[side][index]))
            words[(side, index)] = found
        return found

    def alike(d: int, n: int) -> bool:
        a, b = old[d], new[n]
        if same_place is not None and same_place(a, b):
            return True
        if 4 * min(len(a), len(b)) < len(a) + len(b):
            return False  # even all of the shorter one kept is less than half
        if 4 * _common(counts(0, d), counts(1, n)) < len(a) + len(b):
            return False  # the words both have, kept in any order, are not half
        return similarity(a, b) >= 0.5

    for d in deleted:
        match = next((n for n in range(k, len(inserted)) if alike(d, inserted[n])), None)
        if match is None:
            out.append(Pair(d, None))
            continue
        out.extend(Pair(None, inserted[n]) for n in range(k, match))
        out.append(Pair(d, inserted[match]))
        k = match + 1
    out.extend(Pair(None, inserted[n]) for n in range(k, len(inserted)))
    return out


def _common(a: Counter[str], b: Counter[str]) -> int:
    """Characters of the tokens both texts have, as many times as both have them: no
    diff keeps more (its equal segments are tokens common to both, in order)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[token]) * len(token) for token, count in a.items() if token in b)


def similarity(a: str, b: str) -> float:
    """The share of the two texts' characters that the word diff keeps (0 to 1)."""
    if not a and not b:
        return 1.0
    kept = sum(len(s.text) for s in word_diff(a, b) if s.op is Op.EQUAL)
    return 2 * kept / (len(a) + len(b))
