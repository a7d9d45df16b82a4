"""One record of a replay set: the bill it gives, and how legidiff's article compares with
the official one. Used by ``benchmarks/replay.py``.

The bill (:func:`bill_text`) is built as ``tests/fixtures/bills/build_corpus_cases.py``
builds the replay cases of the older set (``replay/triples.jsonl``): the chapeau the
instruction depends on, when it is one, then the instruction. The second set's
``instruction_context`` holds several chapeaux joined by " / " (each kept when it ends with
« : », an editor's note in parentheses after it cut off, as the first builder does) and
``instruction_quoted_follow`` the quoted alinéas that follow « ainsi rédigé : », which come
after the instruction, each on its line. The text starts with "Article 1er": every line of
it is then one alinéa of that article, and the chapeaux nest by their labels.

The comparison (:func:`compare`) reads the three versions of the article — before, legidiff's
and the official one — as alinéas, and says:

- **exact**: the same alinéas, each the same text but for typography
  (:func:`legidiff.matching.same_text`, DOMAIN.md "What exact means");
- **consistent**: not exact, but every change legidiff made is a change the official
  text made too, at the same place, the official text carrying other changes besides;
- **wrong**: legidiff's article carries a change the official one does not have (or lacks
  one the article's presence or absence shows).

Changes are compared word by word over the whole article, alinéa breaks included (so that
a whole alinéa inserted or deleted is a change like any other), on the typographic fold
of each alinéa (:func:`legidiff.matching.fold`): tokens are the words and punctuation marks
of :mod:`legidiff.diffing` (not its runs of spaces: typography), plus one token per alinéa
break and one at each end. The diffs are legidiff's word diffs
(:func:`legidiff.diffing.word_diff`: the minimal diff, then diff-match-patch's semantic
clean-up, so that a rewritten stretch is one change and not a shrapnel of common words —
"de", "du", "la" — kept by chance), on these tokens: before → ours, before → official,
ours → official. Each change of legidiff's (a run of the diff before → ours) must pass one
of two tests, each strict, which differ in the diff they trust (see :func:`compare`): one
reads it on the diff ours → official (what legidiff wrote is there in one piece, and the
official text's other changes next to it are not the same change done otherwise), the
other in the coordinates of the article before (what legidiff deleted, the official text
deleted; what it wrote, the official text wrote, in the same gap). Two tests because a
diff pairs repeated phrases as it can: a phrase that the official text rewrote elsewhere
in the article can make one diff look wrong where the other is plain.

A change that is not in the official text makes the record wrong, whatever the reason (a
different wording in the final reading, the change put at a wrong place): the report says
which and shows the difference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from diff_match_patch import diff_match_patch

from legidiff.lang.matching import fold, same_text
from legidiff.lang.vocabulary import ADVERB_PATTERN
from legidiff.render.diffing import Op, align, word_diff

# ---------------------------------------------------------------------------
# The bill

_NOTE_RE = re.compile(r"^(?P<chapeau>.*?:)\s+\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def chapeaux(context: str | None) -> list[str]:
    """The chapeaux of an ``instruction_context``, outermost first: each part (" / ")
    that is one — it ends with « : », or did before an editor's note in parentheses,
    which is cut off. Descriptions of the amending text ("Article 2 of the décret (…)")
    are not chapeaux and are left out.

    >>> chapeaux("I. - Le code rural est ainsi modifié : / 1° L'article L. 1 est ainsi modifié :")
    ['I. - Le code rural est ainsi modifié :', "1° L'article L. 1 est ainsi modifié :"]
    >>> chapeaux("Le même code est ainsi modifié : ('le même code' = code électoral)")
    ['Le même code est ainsi modifié :']
    >>> chapeaux("Article 2 of the décret (I modifies R. 221-1)")
    []
    """
    out: list[str] = []
    for part in (context or "").split(" / "):
        part = part.strip()
        m = _NOTE_RE.match(part)
        if m and not part.endswith(":"):
            part = m.group("chapeau")
        if part.endswith(":"):
            out.append(part)
    return out


_STRAIGHT_OPEN_RE = re.compile(r'^"\s*')
_STRAIGHT_CLOSE_RE = re.compile(r'\s*"(?P<after>\s*[.;,]?\s*)$')


def typographic_quotes(lines: Sequence[str]) -> list[str]:
    """The quoted alinéas of La Fabrique de la loi (whose parser turned « » into straight
    quotes) with the block's marks as the Journal officiel writes them: « opening each
    alinéa, » closing the last one; the rest of the text is left as it is. Only for
    ``--typographic-quotes``, a what-if.

    >>> typographic_quotes(['"Art. L. 1. - Texte.', '"Suite du texte." ;'])
    ['« Art. L. 1. - Texte.', '« Suite du texte. » ;']
    """
    out = [_STRAIGHT_OPEN_RE.sub("« ", line, count=1) if line.startswith('"') else line
           for line in lines]
    if out and lines[-1].startswith('"'):
        out[-1] = _STRAIGHT_CLOSE_RE.sub(lambda m: " »" + m.group("after"), out[-1], count=1)
    return out


def bill_text(record: dict[str, Any], *, typographic: bool = False) -> str:
    """The text of a one-article bill holding the record's instruction: "Article 1er", its
    chapeaux, the instruction, its quoted alinéas (see the module documentation).
    ``typographic``: the quoted alinéas' straight quotes made « » (:func:`typographic_quotes`)."""
    lines = ["Article 1er", *chapeaux(record.get("instruction_context")),
             str(record["instruction"]).strip()]
    quoted = [str(q).strip() for q in record.get("instruction_quoted_follow") or []]
    lines += typographic_quotes(quoted) if typographic else quoted
    return "\n".join(lines) + "\n"


def amending_kind(law: str) -> str:
    """The kind of the amending text(s) of a commit, from its ``law`` ("LOI n° …",
    "DÉCRET n° …", "Ordonnance n° … et LOI n° …"): law, organic law, ordonnance, décret,
    arrêté, or "mixed" when a commit names texts of several kinds."""
    kinds = set()
    for m in re.finditer(r"\b(LOI organique|Loi organique|LOI|Loi|loi|Ordonnance|ORDONNANCE|"
                         r"DÉCRET|Décret|décret|Arrêté|ARRÊTÉ|arrêté)\b", law):
        word = m.group(1).lower()
        kinds.add({"loi organique": "organic law", "loi": "law", "ordonnance": "ordonnance",
                   "décret": "décret", "arrêté": "arrêté"}[word])
    if not kinds:
        return "unknown"
    return kinds.pop() if len(kinds) == 1 else "mixed"


# ---------------------------------------------------------------------------
# The comparison

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")  # legidiff.diffing's tokens, but spaces
BREAK = "¶¶"  # one token per alinéa break (no token of an alinéa is two characters of «¶»)
START, END = "^^", "$$"  # the ends of the article: always there, so every change has sides


# Quotation marks are one mark: La Fabrique de la loi turned the bills' « » into straight
# quotes (corpus README) and LEGI writes inner quotes as " … ”, " … " or « … »
_QUOTES = str.maketrans(dict.fromkeys('«»“”„‟″', '"'))


# LEGI's call of an editor's note at the end of an alinéa: "… au cours de l'élaboration du
# schéma (1)." — the note is LEGI's, not the law's
_NOTE_CALL_RE = re.compile(r"\s*\(\d\)\s*(?=[.;]?\s*$)")


def alinea_tokens(text: str) -> list[str]:
    """The tokens of one alinéa: its words and punctuation marks once folded (spaces are
    typography: "l'article" and "l' article" are one text; every quotation mark is "),
    without LEGI's call of a note at its end ("(1)")."""
    return _TOKEN_RE.findall(_NOTE_CALL_RE.sub("", fold(text).text.translate(_QUOTES)))


def tokens(alineas: Sequence[str]) -> list[str]:
    """The tokens of an article: those of each alinéa (:func:`alinea_tokens`), a break
    between two alinéas, a mark at each end."""
    out: list[str] = [START]
    for k, text in enumerate(alineas):
        if k:
            out.append(BREAK)
        out.extend(alinea_tokens(text))
    out.append(END)
    return out


def same_alinea(a: str, b: str) -> bool:
    """Two alinéas the same but for typography: :func:`legidiff.lang.matching.same_text`,
    or the same tokens (spaces next to punctuation, quotation marks)."""
    return same_text(a, b) or alinea_tokens(a) == alinea_tokens(b)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the same diff on every machine, as legidiff.diffing
    return dmp


_DMP = _engine()


@dataclass(frozen=True, slots=True)
class TokenDiff:
    """The word diff of two token lists: for each token of ``a``, its index in ``b``
    (None: deleted); for each token of ``b``, its index in ``a`` (None: inserted)."""

    a_to_b: tuple[int | None, ...]
    b_to_a: tuple[int | None, ...]


def token_diff(a: Sequence[str], b: Sequence[str]) -> TokenDiff:
    codes: dict[str, str] = {}

    def encode(seq: Sequence[str]) -> str:
        return "".join(codes.setdefault(t, chr(0xF0000 + len(codes))) for t in seq)

    ea, eb = encode(a), encode(b)
    a_to_b: list[int | None] = []
    b_to_a: list[int | None] = []
    diffs = _DMP.diff_main(ea, eb, False)
    _DMP.diff_cleanupSemantic(diffs)
    for op, text in diffs:
        for _ in text:
            if op == 0:
                a_to_b.append(len(b_to_a))
                b_to_a.append(len(a_to_b) - 1)
            elif op == -1:
                a_to_b.append(None)
            else:
                b_to_a.append(None)
    return TokenDiff(tuple(a_to_b), tuple(b_to_a))


def _gap(mapping: Sequence[int | None], index: int, size: int) -> tuple[int, int]:
    """For an inserted token at ``index`` of a version, the indices (in the text before)
    of the nearest tokens kept on its left and right (-1 and ``size`` at the ends): the
    new token stands somewhere in between."""
    left = next((m for m in reversed(mapping[:index]) if m is not None), -1)
    right = next((m for m in mapping[index + 1:] if m is not None), size)
    return left, right


def _gaps(mapping: Sequence[int | None], size: int) -> list[tuple[int, int]]:
    """:func:`_gap` of every token of a version, in linear time (meaningful for the new
    ones)."""
    left: list[int] = []
    last = -1
    for m in mapping:
        left.append(last)
        if m is not None:
            last = m
    right: list[int] = [size] * len(mapping)
    nxt = size
    for k in range(len(mapping) - 1, -1, -1):
        right[k] = nxt
        m = mapping[k]
        if m is not None:
            nxt = m
    return list(zip(left, right, strict=True))


@dataclass(frozen=True, slots=True)
class Hunk:
    """One change of legidiff's: the tokens ``[bs, be)`` of the article before replaced by
    the tokens ``[os, oe)`` of legidiff's article (either range may be empty)."""

    bs: int
    be: int
    os: int
    oe: int


def hunks(diff: TokenDiff) -> list[Hunk]:
    """The changes of a diff: maximal runs of deleted and inserted tokens."""
    out: list[Hunk] = []
    i = j = 0
    n, m = len(diff.a_to_b), len(diff.b_to_a)
    while i < n or j < m:
        if i < n and j < m and diff.a_to_b[i] == j:
            i += 1
            j += 1
            continue
        bs, os_ = i, j
        while i < n and diff.a_to_b[i] is None:
            i += 1
        while j < m and diff.b_to_a[j] is None:
            j += 1
        out.append(Hunk(bs, i, os_, j))
    return out


def _slides(h: Hunk, b: Sequence[str], o: Sequence[str], bo: TokenDiff) -> list[Hunk]:
    """The hunk and the equivalent ones: a pure insertion (or deletion) between equal
    tokens can move while its first token equals the one after it (or its last the one
    before it) — "¶ 4° … ." after "." is ". ¶ 4° …" before it: the same text."""
    out = [h]
    if h.bs == h.be and h.os < h.oe:  # insertion: slide in legidiff's article
        k = 0
        while (h.oe + k < len(o) and bo.b_to_a[h.oe + k] is not None
               and o[h.os + k] == o[h.oe + k]):
            k += 1
            out.append(Hunk(h.bs + k, h.be + k, h.os + k, h.oe + k))
        k = 0
        while (h.os - k - 1 >= 0 and bo.b_to_a[h.os - k - 1] is not None
               and o[h.oe - k - 1] == o[h.os - k - 1]):
            k += 1
            out.append(Hunk(h.bs - k, h.be - k, h.os - k, h.oe - k))
    elif h.os == h.oe and h.bs < h.be:  # deletion: slide in the article before
        k = 0
        while (h.be + k < len(b) and bo.a_to_b[h.be + k] is not None
               and b[h.bs + k] == b[h.be + k]):
            k += 1
            out.append(Hunk(h.bs + k, h.be + k, h.os + k, h.oe + k))
        k = 0
        while (h.bs - k - 1 >= 0 and bo.a_to_b[h.bs - k - 1] is not None
               and b[h.be - k - 1] == b[h.bs - k - 1]):
            k += 1
            out.append(Hunk(h.bs - k, h.be - k, h.os - k, h.oe - k))
    return out


_CONTENT_RE = re.compile(r"\w{4,}")
_WORD_RE = re.compile(r"\w+")
_NUMBER_GOES_ON_RE = re.compile(rf"(?:{ADVERB_PATTERN}|[A-Z])")


def _goes_on(last: str, after: Sequence[str]) -> bool:
    """Whether the official text's words ``after`` continue legidiff's last token: a
    compound ("L. 2371" written, "L. 2371-1" official) or a number's suffix ("bis", "A")."""
    if not after or not _WORD_RE.fullmatch(last):
        return False
    if after[0] == "-" and len(after) > 1 and _WORD_RE.fullmatch(after[1]):
        return True
    return last.isdigit() and _NUMBER_GOES_ON_RE.fullmatch(after[0]) is not None


def _goes_before(first: str, before: Sequence[str]) -> bool:
    """Whether the official text's words ``before`` are glued to legidiff's first token
    ("sous-" + "préfet")."""
    return (bool(before) and before[-1] == "-" and len(before) > 1
            and _WORD_RE.fullmatch(before[-2]) is not None
            and _WORD_RE.fullmatch(first) is not None)


def _pieces(seq: Sequence[str]) -> set[tuple[str, ...]]:
    """The telling pieces of a text: its runs of three tokens (or the whole, if shorter)
    holding a word of four letters or more — "l'autorité", not "de la"."""
    n = min(3, len(seq))
    return {tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)
            if any(_CONTENT_RE.fullmatch(t) for t in seq[i:i + n])} if n else set()


def _has_piece(pieces: set[tuple[str, ...]], seq: Sequence[str]) -> bool:
    return any(tuple(seq[i:i + len(p)]) == p for p in pieces for i in range(len(seq) - len(p) + 1))


def _as_written(h: Hunk, b: Sequence[str], o: Sequence[str], f: Sequence[str],
                others: Sequence[Hunk], span: tuple[int, int] | None = None) -> bool:
    """Whether the official text holds legidiff's change as it is, read on the diff
    legidiff → official (whose changes ``others`` are the official text's other changes):

    - what legidiff wrote is there, in one piece (no other change inside it, nor next to
      it deleting what it ends or begins with: in "article. ." less a ".", the diff may
      call the deleted one the text's own);
    - the other changes next to it do not bring back a telling piece of what legidiff
      deleted (the official text kept it), nor move text across it (a piece deleted on
      one side and written on the other: the official text put the change elsewhere).

    A deletion alone passes here: :func:`_written_over` tests it (the official text must
    have written nothing where it deleted). ``span``: the stretch of legidiff's article
    where the change may stand when it can slide (``h`` is then its surely-own core): the
    other changes in that stretch count as next to it.
    """
    lo, hi = span if span is not None else (h.os, h.oe)
    left: list[Hunk] = []
    right: list[Hunk] = []
    for x in others:  # x.bs … x.be: legidiff's tokens; x.os … x.oe: the official's
        if (x.bs < h.oe and x.be > h.os) or (x.bs == x.be and h.os < x.bs < h.oe):
            return False  # inside what legidiff wrote
        if lo <= x.be <= h.os:
            left.append(x)
        elif h.oe <= x.bs <= hi:
            right.append(x)
    near = left + right
    if h.os == h.oe:
        return True  # a deletion: see _written_over, which sees all its places at once
    run = o[h.os:h.oe]
    for x in left + right:
        gone = o[x.bs:x.be]
        if gone and run and (run[-len(gone):] == gone if x in right else run[:len(gone)] == gone):
            return False  # "article . ." less a ".": which one went is a matter of choice
    if any(_goes_on(run[-1], f[x.os:x.oe]) for x in right) or any(
            _goes_before(run[0], f[x.os:x.oe]) for x in left):
        return False  # the official text continues a word or number legidiff wrote
    deleted = _pieces(b[h.bs:h.be])
    if deleted and any(_has_piece(deleted, f[x.os:x.oe]) for x in near):
        return False
    for one, other in ((left, right), (right, left)):
        for x in one:
            moved = _pieces(o[x.bs:x.be])
            if moved and any(_has_piece(moved, f[y.os:y.oe]) for y in other):
                return False
    return True


def _written_over(places: Sequence[Hunk], b: Sequence[str], f: Sequence[str],
                  others: Sequence[Hunk]) -> bool:
    """For a deletion of legidiff's (at any of its equivalent ``places``), whether the
    official text wrote something there — other words, or what legidiff deleted — read on
    the diff legidiff → official (whose changes are ``others``)."""
    lo = min(p.os for p in places)
    hi = max(p.os for p in places)
    return any(x.os < x.oe and x.be >= lo and x.bs <= hi for x in others)


class _OfficialRanges:
    """For each token the official text wrote, the gaps of the article before where it may
    stand: from after the nearest token kept on its left to before the nearest kept on
    its right, widened as its run of new tokens can slide (see :func:`_slides`). Gap
    ``p`` is before token ``p`` of the article before."""

    def __init__(self, bf: TokenDiff, f: Sequence[str], size: int) -> None:
        self.bf, self.f, self.size = bf, f, size
        self.cache: dict[int, tuple[int, int]] = {}

    def _left(self, s: int) -> int:
        return next((m for m in reversed(self.bf.b_to_a[:s]) if m is not None), -1) + 1

    def _right(self, e: int) -> int:
        return next((m for m in self.bf.b_to_a[e:] if m is not None), self.size)

    def __call__(self, k: int) -> tuple[int, int]:
        mapping, f = self.bf.b_to_a, self.f
        s = k
        while s > 0 and mapping[s - 1] is None:
            s -= 1
        if s in self.cache:
            return self.cache[s]
        e = k + 1
        while e < len(f) and mapping[e] is None:
            e += 1
        lo, hi = self._left(s), self._right(e)
        s1, e1 = s, e
        while s1 > 0 and mapping[s1 - 1] is not None and f[e1 - 1] == f[s1 - 1]:
            s1, e1 = s1 - 1, e1 - 1
            lo = min(lo, self._left(s1))
        s1, e1 = s, e
        while e1 < len(f) and mapping[e1] is not None and f[s1] == f[e1]:
            s1, e1 = s1 + 1, e1 + 1
            hi = max(hi, self._right(e1))
        self.cache[s] = (lo, hi)
        return lo, hi


def _at_break(h: Hunk, b: Sequence[str], o: Sequence[str]) -> list[Hunk]:
    """A change that ends an alinéa and writes new alinéas after it ("." made « ; » and a
    new item: ". → ; ¶ 7° …") as its two changes, each judged alone — the official text
    may have written other words between them (another provision completing the 6°).
    Empty when the change is not of that shape."""
    if h.os >= h.oe or o[h.os] == BREAK or BREAK in b[h.bs:h.be]:
        return []
    p = next((k for k in range(h.os + 1, h.oe) if o[k] == BREAK), None)
    return [] if p is None else [Hunk(h.bs, h.be, h.os, p), Hunk(h.be, h.be, p, h.oe)]


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _anchored(h: Hunk, o: Sequence[str], f: Sequence[str], bf: TokenDiff, of: TokenDiff,
              ranges: _OfficialRanges) -> tuple[list[int], list[int], list[int], bool]:
    """Check one change of legidiff's against the official change, in the coordinates of
    the article before: what it deleted, the official text deleted; what it wrote, the
    official text wrote, in the same gap, and in one piece. Returns the offending tokens
    — deleted but kept by the official text (indices in before), written but absent from
    the official changes, written but at another place (indices in legidiff's article) —
    and whether what it wrote is split in the official text (words inserted inside it)."""
    kept = [i for i in range(h.bs, h.be) if bf.a_to_b[i] is not None]
    missing: list[int] = []
    elsewhere: list[int] = []
    for j in range(h.os, h.oe):
        k = of.a_to_b[j]
        if k is None or bf.b_to_a[k] is not None:
            missing.append(j)
            continue
        lo, hi = ranges(k)
        if max(lo, h.bs) > min(hi, h.be):  # legidiff's words may stand in gaps bs … be
            elsewhere.append(j)
    split = False
    if h.os < h.oe and not missing and not elsewhere:
        first, last = of.a_to_b[h.os], of.a_to_b[h.oe - 1]
        assert first is not None
        assert last is not None
        # in one piece, though the diff may have paired a repeated token further away
        split = not _contains(f[first:last + 1], o[h.os:h.oe])
        # and no word or number of it continued by the official text
        after = f[last + 1:last + 3] if last + 1 < len(f) and of.b_to_a[last + 1] is None else []
        before = f[max(0, first - 2):first] if first > 0 and of.b_to_a[first - 1] is None else []
        split = split or _goes_on(o[h.oe - 1], after) or _goes_before(o[h.os], before)
    return kept, missing, elsewhere, split


_ITEM_RE = re.compile(r"^\s*(?:\d+°|[a-z]\)|[IVXLC]+\.|[A-Z]\.|[-–—―])")


def as_consolidated(before: Sequence[str], ours: Sequence[str],
                    official: Sequence[str]) -> list[str]:
    """Legidiff's alinéas with the consolidators' list punctuation where the official text
    added an item after one of legidiff's: an item legidiff wrote, ending with « . » as
    the bill wrote it, becomes the official alinéa that is the same but ends with « ; »,
    when the official text has, right after it, an item (a label: "9°", "b)", "III.",
    a dash) that neither legidiff's article nor the article before has — another
    provision of the law added it, and the consolidators made the « . » before it a
    « ; ». Conversely, an item whose « . » legidiff made « ; » before the item it added
    (the same rule, LD317) is compared as the official text writes it when LEGI left the
    « . » (it does not always apply the rule). Nothing else is changed: the words must be
    the same.

    >>> as_consolidated(["1° A ;", "2° B."], ["1° A ;", "2° B ;", "3° C."],
    ...                 ["1° A ;", "2° B ;", "3° C ;", "4° D."])
    ['1° A ;', '2° B ;', '3° C ;']
    >>> as_consolidated(["1° A."], ["1° A ;", "2° C."], ["1° A ;", "2° C ;", "Texte."])
    ['1° A ;', '2° C.']
    >>> as_consolidated(["1° A ;", "2° B."], ["1° A ;", "2° B ;", "3° C."],
    ...                 ["1° A ;", "2° B.", "3° C."])
    ['1° A ;', '2° B.', '3° C.']
    """
    out = list(ours)
    before_tokens = [alinea_tokens(a) for a in before]
    official_tokens = [alinea_tokens(a) for a in official]
    for k, text in enumerate(ours[:-1]):
        # the converse: legidiff made the « . » of the last item « ; » before the item it
        # added (LD317), LEGI left it (it does not always: code de la route L. 330-2)
        mine = alinea_tokens(text)
        dotted = [*mine[:-1], "."]
        if (mine[-1:] == [";"] and dotted in before_tokens and dotted in official_tokens
                and mine not in before_tokens and _ITEM_RE.match(ours[k + 1])
                and alinea_tokens(ours[k + 1]) not in before_tokens):
            out[k] = official[official_tokens.index(dotted)]
    known = [alinea_tokens(a) for a in [*before, *ours]]
    for k, text in enumerate(ours):
        mine = alinea_tokens(text)
        if not mine or mine[-1] != "." or mine in [alinea_tokens(a) for a in before]:
            continue
        for j, other in enumerate(official[:-1]):
            nxt = official[j + 1]
            if (alinea_tokens(other) == [*mine[:-1], ";"] and _ITEM_RE.match(nxt)
                    and alinea_tokens(nxt) not in known):
                out[k] = other
                break
    return out


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "exact", "consistent" or "wrong"
    cause: str = ""  # for "wrong": what kind of difference
    differences: tuple[str, ...] = ()  # the offending differences, readable
    overlap: bool = False  # consistent, but the official text changed more at that place
    reading: bool = False  # wrong, every difference the wording the instruction quotes


def _show(tokens_: Sequence[str], start: int, end: int, width: int = 6) -> str:
    """Tokens ``[start, end)`` with a little context, for a message."""
    def text(seq: Sequence[str]) -> str:
        out = ""
        for t in seq:
            if t in (START, END):
                continue
            t = "¶" if t == BREAK else t
            glued = out.endswith(("'", "(", "-")) or t[:1] in ",.)'-" or not out
            out += t if glued else " " + t
        return out

    left = text(tokens_[max(0, start - width):start])
    return f"…{left} ⟦{text(tokens_[start:end])}⟧ {text(tokens_[end:end + width])}…"


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in indices:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _weight(result: tuple[list[int], list[int], list[int], bool]) -> int:
    return len(result[0]) + len(result[1]) + len(result[2]) + int(result[3])


def compare(before: Sequence[str] | None, ours: Sequence[str] | None,
            official: Sequence[str] | None, quoted: Sequence[str] | None = None) -> Verdict:
    """Compare legidiff's article with the official one, both from the same article before
    (each a list of visible alinéa texts; None: the article does not exist).

    Each change of legidiff's (a hunk of the diff before → ours) is in the official text
    when either test holds (the record is consistent when every change passes one):

    - *as written* (:func:`_as_written`, read on the diff ours → official): what legidiff
      wrote is in the official text in one piece, and the official text's other changes
      next to it neither write where legidiff only deleted, nor bring back what it
      deleted, nor move text across it;
    - *anchored* (:func:`_anchored`, in the coordinates of the article before, for when
      the diffs pair a repeated phrase differently): every token legidiff deleted, the
      official text deleted; every token it wrote is a token the official text wrote, in
      the same gap, in one piece; where it only deleted, the official text wrote nothing
      in that place. An insertion or deletion that can slide between equal tokens is tried
      at each of its places.

    >>> before = ["Le délai est de deux mois.", "Il est prorogé."]
    >>> compare(before, ["Le délai est de trois mois.", "Il est prorogé."],
    ...         ["Le délai est de trois mois.", "Il est prorogé une fois."]).kind
    'consistent'
    >>> compare(before, ["Le délai est de trois mois.", "Il est prorogé."],
    ...         ["Le délai est de quatre mois.", "Il est prorogé."]).cause
    'words not in the official text (the official text changed this stretch otherwise)'
    >>> compare(before, ["Le délai est de deux mois.", "Nouveau.", "Il est prorogé."],
    ...         ["Le délai est de deux mois.", "Il est prorogé.", "Nouveau."]).kind
    'wrong'

    An item added, the official text ending the one before with « ; »: consistent, the
    official text changing more right next to it; "article.." for "article.", a reference
    the official text continues, a deletion where the official text rewrote: wrong.

    >>> items = ["I. - Sont punis :", "1° Le vol ;", "2° Le recel."]
    >>> compare(items, [*items, "3° La fraude."],
    ...         [*items[:2], "2° Le recel ;", "3° La fraude."]).overlap
    True
    >>> compare(["Au 9° de l'article 157."], ["Au 9° de l'article 157 et au 23° du même article.."],
    ...         ["Au 9° de l'article 157 et au 23° du même article."]).kind
    'wrong'
    >>> compare(["Les articles L. 1 à L. 3."], ["Les articles L. 1 à L. 3 et L. 7."],
    ...         ["Les articles L. 1 à L. 3 et L. 7-1."]).kind
    'wrong'
    >>> compare(["A.", "Le loyer est fixé.", "B."], ["A.", "B."],
    ...         ["A.", "Le loyer est révisé.", "B."]).kind
    'wrong'
    """
    if official is None or ours is None:
        if official is None and ours is None:
            return Verdict("exact")
        if official is None:
            return Verdict("wrong", "article kept", ("the official text has no such article; "
                                                     "legidiff's result still holds it",))
        return Verdict("wrong", "article missing", ("legidiff's result has no such article",))
    if len(ours) == len(official) and all(same_alinea(o, f) for o, f in zip(ours, official,
                                                                            strict=True)):
        return Verdict("exact")
    ours = as_consolidated(before or [], ours, official)
    b = tokens(before or [])
    o = tokens(ours)
    f = tokens(official)
    if b == o:
        return Verdict("wrong", "article unchanged",
                       ("legidiff reports the instruction applied but the article is "
                        "unchanged, the official one changed",))
    bo = token_diff(b, o)
    bf = token_diff(b, f)
    of = token_diff(o, f)
    gaps = _gaps(bf.b_to_a, len(b))
    official_gaps = [gaps[k] for k, m in enumerate(bf.b_to_a) if m is None]

    def official_touches(left: int, right: int) -> bool:
        """Whether the official text changed anything strictly between the tokens
        ``left`` and ``right`` of the text before."""
        return any(bf.a_to_b[i] is None for i in range(left + 1, right)) or any(
            max(left, fl) + 1 <= min(right, fr) for fl, fr in official_gaps)

    def where(left: int, right: int) -> str:
        return ("the official text changed this stretch otherwise"
                if official_touches(left, right) else
                "the official text left this stretch as it was")

    problems: list[str] = []
    spots: list[tuple[str, int, int]] = []  # (kind, start, end) of each difference
    causes: set[str] = set()
    overlap = False
    ranges = _OfficialRanges(bf, f, len(b))

    def h_replaced(h: Hunk) -> list[int]:
        """For a deletion of legidiff's, the words the official text wrote in the place of
        what it deleted (indices in the official text): between two tokens kept by the
        official text that bracket the deleted stretch."""
        return [k for k, m in enumerate(bf.b_to_a) if m is None
                and gaps[k][0] >= h.bs - 1 and gaps[k][1] <= h.be]
    others = hunks(of)

    def as_written(hunk: Hunk) -> bool:
        """Whether the change passes the test *as written* at one of its places."""
        places = _slides(hunk, b, o, bo)
        # an insertion that can slide: the tokens it holds at every place are surely
        # legidiff's; those at its ends are the text's own at some place ("." of an item
        # the official text made ";" before adding one)
        core = Hunk(hunk.bs, hunk.be, max(p.os for p in places), min(p.oe for p in places))
        span = (min(p.os for p in places), max(p.oe for p in places))
        return (hunk.os < hunk.oe or not _written_over(places, b, f, others)) and (any(
            _as_written(x, b, o, f, others) for x in places) or (
            len(places) > 1 and core.os < core.oe
            and _as_written(core, b, o, f, others, span)))

    pending = hunks(bo)
    while pending:
        hunk = pending.pop(0)
        places = _slides(hunk, b, o, bo)
        deletion = hunk.os == hunk.oe
        if as_written(hunk):
            if any(x.be >= hunk.os and x.bs <= hunk.oe for x in others):
                overlap = True  # the official text changed more right next to it
            continue
        parts = _at_break(hunk, b, o)
        if parts:  # judged alinéa by alinéa
            pending[0:0] = parts
            continue
        best: tuple[list[int], list[int], list[int], bool] | None = None
        for alternative in places:
            result = _anchored(alternative, o, f, bf, of, ranges)
            if best is None or _weight(result) < _weight(best):
                best = result
            if not _weight(result):
                break
        assert best is not None
        kept, missing, elsewhere, split = best
        w = where(hunk.bs - 1, hunk.be)
        # a deletion: the whole stretch legidiff deleted; a rewrite: what it deleted
        spots += [("kept", hunk.bs, hunk.be) if deletion else ("kept-rewrite", s_, e_)
                  for s_, e_ in _runs(kept)]
        if deletion and kept:  # where else the same deletion may stand (see _slides)
            spots += [("kept-place", p.bs, p.be) for p in places if p.bs != hunk.bs]
        spots += [("written", s_, e_) for s_, e_ in _runs(missing)]
        spots += [("elsewhere", s_, e_) for s_, e_ in _runs(elsewhere)]
        if split:
            spots.append(("split", hunk.os, hunk.oe))
        for start, end in _runs(kept):
            problems.append(f"deleted by legidiff, kept in the official text ({w}): "
                            f"{_show(b, start, end)}")
            causes.add(f"deletion not in the official text ({w})")
        for label, indices in (("not in the official text", missing),
                               ("in the official text, but at another place", elsewhere)):
            for start, end in _runs(indices):
                problems.append(f"written by legidiff, {label} ({w}): {_show(o, start, end)}")
                causes.add(f"words {label} ({w})")
        replaced = h_replaced(Hunk(min(p.bs for p in places), max(p.be for p in places),
                                   hunk.os, hunk.oe)) if deletion else []
        spots += [("replaced", hunk.bs, hunk.be) for _ in _runs(replaced)[:1]]
        for start, end in _runs(replaced):
            problems.append(f"deleted by legidiff where the official text wrote other words: "
                            f"{_show(f, start, end)}")
            causes.add("deletion where the official text wrote other words")
        if split:
            problems.append(f"written by legidiff in one piece, with other words inside (or a "
                            f"word or number continued) in the official text: "
                            f"{_show(o, hunk.os, hunk.oe)}")
            causes.add("words not in the official text as written (other words inside, or a "
                       "word or number continued)")
    if not problems:
        return Verdict("consistent", overlap=overlap)
    reading = quoted is not None and _from_the_reading(spots, b, o, bo, quoted)
    return Verdict("wrong", "; ".join(sorted(causes)), tuple(problems), reading=reading)


def quoted_tokens(pieces: Sequence[str]) -> list[str]:
    """The tokens of the words an instruction quotes (its quoted words and alinéas), each
    piece apart (a mark between two), quotation marks left out."""
    out: list[str] = []
    for piece in pieces:
        out += [t for t in alinea_tokens(piece) if t != '"'] + [BREAK]
    return out


_INLINE_QUOTE_RE = re.compile(r'«\s*([^«»]*?)\s*»|"([^"]*)"')
_LINE_QUOTES_RE = re.compile(r'^\s*[«"“]\s*|\s*[»"”]\s*[;.,]?\s*$')


def quoted_pieces(record: dict[str, Any]) -> list[str]:
    """What the instruction of a record quotes: the words between quotation marks in its
    sentence, and its quoted alinéas (their opening and closing marks taken off)."""
    text = str(record["instruction"])
    out = [m.group(1) if m.group(1) is not None else m.group(2)
           for m in _INLINE_QUOTE_RE.finditer(text)]
    out += [_LINE_QUOTES_RE.sub("", str(line))
            for line in record.get("instruction_quoted_follow") or []]
    return [piece for piece in out if piece.strip()]


def _from_the_reading(spots: Sequence[tuple[str, int, int]], b: Sequence[str],
                      o: Sequence[str], bo: TokenDiff, quoted: Sequence[str]) -> bool:
    """Whether every difference of a wrong record is the wording the instruction quotes
    — the reading's words, where the official text (the promulgated law) has others:

    - words legidiff wrote and the official text has not there ("written"): they, and
      the words legidiff wrote next to them (two each side), are quoted as they are, and
      they are not the whole of what legidiff wrote there (that would be a change put at
      a wrong place as much as a wording);
    - words legidiff wrote in one piece where the official text has others inside
      ("split"): the whole piece is quoted as it is;
    - words legidiff deleted, writing nothing in their place, that the official text kept
      or replaced by others ("kept", "replaced"): the whole stretch legidiff deleted holds
      a word and the instruction quotes it (it named the words to delete), at one of the
      places where the same deletion may stand (between equal tokens).

    Any other difference (words at another place) is not explained so."""
    if not spots:
        return False
    quote = [t for t in quoted if t != '"']
    written = [m is None for m in bo.b_to_a]

    def quoted_as_is(seq: Sequence[str]) -> bool:
        seq = [t for t in seq if t != '"']
        while seq and seq[0] in (BREAK, START, END):
            seq = seq[1:]
        while seq and seq[-1] in (BREAK, START, END):
            seq = seq[:-1]
        return bool(seq) and _contains(quote, seq)

    for kind, start, end in spots:
        if kind == "written":
            lo, hi = start, end
            while lo > 0 and written[lo - 1]:
                lo -= 1
            while hi < len(o) and written[hi]:
                hi += 1
            # alinéa breaks are no words: what legidiff wrote, and the difference, without
            # the breaks at their ends (a whole new alinéa is the whole of what it wrote)
            marks = (BREAK, START, END)
            while lo < hi and o[lo] in marks:
                lo += 1
            while hi > lo and o[hi - 1] in marks:
                hi -= 1
            s0, e0 = start, end
            while start < end and o[start] in marks:
                start += 1
            while end > start and o[end - 1] in marks:
                end -= 1
            if start >= end:  # an alinéa break alone, inside what legidiff wrote
                if not (lo < s0 and e0 < hi and _contains(quote, o[s0 - 1:e0 + 1])):
                    return False
                continue
            if (lo, hi) == (start, end) or not quoted_as_is(
                    o[max(lo, start - 2):min(hi, end + 2)]):
                return False
        elif kind == "split":
            if not quoted_as_is(o[start:end]):
                return False
        elif kind in ("kept", "replaced"):
            deleted = [(start, end)] + [(s_, e_) for k_, s_, e_ in spots
                                        if k_ == "kept-place" and e_ - s_ == end - start]
            if not any(_WORD_RE.fullmatch(t) for t in b[start:end]) or not any(
                    quoted_as_is(b[s_:e_]) for s_, e_ in deleted):
                return False
        elif kind == "kept-place":
            continue
        else:
            return False
    return True


def readable_diff(ours: Sequence[str], official: Sequence[str], limit: int = 4) -> list[str]:
    """The alinéas that differ between legidiff's article and the official one, as word
    diffs ([-ours-]{+official+}), for people."""
    out: list[str] = []
    for pair in align(list(ours), list(official), same_alinea):
        if pair.old is not None and pair.new is not None:
            if same_alinea(ours[pair.old], official[pair.new]):
                continue
            parts = []
            for s in word_diff(ours[pair.old], official[pair.new]):
                parts.append(s.text if s.op is Op.EQUAL else
                             f"[-{s.text}-]" if s.op is Op.DELETE else f"{{+{s.text}+}}")
            out.append(f"alinéa {pair.old + 1}: " + "".join(parts))
        elif pair.old is not None:
            out.append(f"alinéa {pair.old + 1} only in legidiff's: {ours[pair.old]}")
        elif pair.new is not None:
            out.append(f"official alinéa {pair.new + 1} not in legidiff's: "
                       f"{official[pair.new]}")
        if len(out) >= limit:
            out.append("…")
            break
    return out
