"""Word-level differences between two texts, and the alignment of two lists of alinéas.

diff-match-patch compares characters; legal text is read word by word. Each word, run
of spaces and punctuation mark is mapped to one character of a private-use plane, the
encoded strings are diffed, cleaned up for people (``diff_cleanupSemantic``: no
"shrapnel" of one-letter equalities) and decoded. ``Diff_Timeout`` is 0: the result is
the minimal diff whatever the machine's speed, so outputs never depend on it.

>>> [(s.op.value, s.text) for s in word_diff("la référence : « et L. 852-2 »",
...                                           "la référence : « , L. 852-2 et L. 852-3 »")]
... # doctest: +NORMALIZE_WHITESPACE
[('equal', 'la référence : « '), ('insert', ', L. 852-2 '), ('equal', 'et L. 852-'),
 ('delete', '2'), ('insert', '3'), ('equal', ' »')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from diff_match_patch import diff_match_patch

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
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
    encoder = _Encoder()
    a = encoder.encode(_TOKEN_RE.findall(old))
    b = encoder.encode(_TOKEN_RE.findall(new))
    out: list[Segment] = []
    for op, text in _diff(a, b):
        segment = Segment(_OPS[op], "".join(encoder.decode(text)))
        if out and out[-1].op is segment.op:
            out[-1] = Segment(segment.op, out[-1].text + segment.text)
        else:
            out.append(segment)
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
    for d in deleted:
        match = next((n for n in range(k, len(inserted))
                      if (same_place is not None and same_place(old[d], new[inserted[n]]))
                      or similarity(old[d], new[inserted[n]]) >= 0.5), None)
        if match is None:
            out.append(Pair(d, None))
            continue
        out.extend(Pair(None, inserted[n]) for n in range(k, match))
        out.append(Pair(d, inserted[match]))
        k = match + 1
    out.extend(Pair(None, inserted[n]) for n in range(k, len(inserted)))
    return out


def similarity(a: str, b: str) -> float:
    """The share of the two texts' characters that the word diff keeps (0 to 1)."""
    if not a and not b:
        return 1.0
    kept = sum(len(s.text) for s in word_diff(a, b) if s.op is Op.EQUAL)
    return 2 * kept / (len(a) + len(b))
