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
break. The diffs are legidiff's word diffs (:func:`legidiff.diffing.word_diff`: the minimal
diff, then diff-match-patch's semantic clean-up, so that a rewritten stretch is one change
and not a shrapnel of common words — "de", "du", "la" — kept by chance), on these tokens:
before → ours, before → official, ours → official.
legidiff's change is in the official text when

1. every token of the article before that legidiff deleted, the official text deleted too;
2. every token legidiff wrote is, in the diff ours → official, a token the official text
   wrote too (not one it kept from before), and both stand in the same gap of the text
   before: the stretch between the tokens kept on either side of each overlaps.

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

from legidiff.diffing import Op, align, word_diff
from legidiff.matching import fold, same_text

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


def tokens(alineas: Sequence[str]) -> list[str]:
    """The tokens of an article: the words and punctuation marks of each folded alinéa
    (spaces are typography: "l'article" and "l' article" are one text), a break between
    two alinéas."""
    out: list[str] = []
    for k, text in enumerate(alineas):
        if k:
            out.append(BREAK)
        out.extend(_TOKEN_RE.findall(fold(text).text))
    return out


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


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "exact", "consistent" or "wrong"
    cause: str = ""  # for "wrong": what kind of difference
    differences: tuple[str, ...] = ()  # the offending differences, readable


def _show(tokens_: Sequence[str], start: int, end: int, width: int = 6) -> str:
    """Tokens ``[start, end)`` with a little context, for a message."""
    def text(seq: Sequence[str]) -> str:
        out = ""
        for t in seq:
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


def compare(before: Sequence[str] | None, ours: Sequence[str] | None,
            official: Sequence[str] | None) -> Verdict:
    """Compare legidiff's article with the official one, both from the same article before
    (each a list of visible alinéa texts; None: the article does not exist)."""
    if official is None or ours is None:
        if official is None and ours is None:
            return Verdict("exact")
        if official is None:
            return Verdict("wrong", "article kept", ("the official text has no such article; "
                                                     "legidiff's result still holds it",))
        return Verdict("wrong", "article missing", ("legidiff's result has no such article",))
    if len(ours) == len(official) and all(same_text(o, f) for o, f in zip(ours, official,
                                                                          strict=True)):
        return Verdict("exact")
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
    official_gaps = [_gap(bf.b_to_a, k, len(b)) for k, m in enumerate(bf.b_to_a) if m is None]

    def official_touches(left: int, right: int) -> bool:
        """Whether the official text changed anything strictly between the tokens
        ``left`` and ``right`` of the text before."""
        return any(bf.a_to_b[i] is None for i in range(left + 1, right)) or any(
            max(left, fl) + 1 <= min(right, fr) for fl, fr in official_gaps)

    problems: list[str] = []
    causes: set[str] = set()

    def where(left: int, right: int) -> str:
        return ("the official text changed this stretch otherwise"
                if official_touches(left, right) else
                "the official text left this stretch as it was")

    # 1. what legidiff deleted, the official text deleted too
    kept_by_official = [i for i, m in enumerate(bo.a_to_b) if m is None
                        and bf.a_to_b[i] is not None]
    for start, end in _runs(kept_by_official):
        w = where(start - 1, end)
        problems.append(f"deleted by legidiff, kept in the official text ({w}): "
                        f"{_show(b, start, end)}")
        causes.add(f"deletion not in the official text ({w})")
    # 2. what legidiff wrote, the official text wrote too, in the same gap
    missing: list[int] = []
    elsewhere: list[int] = []
    for j, m in enumerate(bo.b_to_a):
        if m is not None:
            continue
        k = of.a_to_b[j]
        if k is None or bf.b_to_a[k] is not None:
            missing.append(j)
            continue
        ol, orr = _gap(bo.b_to_a, j, len(b))
        fl, fr = _gap(bf.b_to_a, k, len(b))
        if max(ol, fl) + 1 > min(orr, fr):
            elsewhere.append(j)
    for label, indices in (("not in the official text", missing),
                           ("in the official text, but at another place", elsewhere)):
        for start, end in _runs(indices):
            ol, _ = _gap(bo.b_to_a, start, len(b))
            _, orr = _gap(bo.b_to_a, end - 1, len(b))
            w = where(ol, orr)
            problems.append(f"written by legidiff, {label} ({w}): {_show(o, start, end)}")
            causes.add(f"words {label} ({w})")
    if not problems:
        return Verdict("consistent")
    return Verdict("wrong", "; ".join(sorted(causes)), tuple(problems))


def readable_diff(ours: Sequence[str], official: Sequence[str], limit: int = 4) -> list[str]:
    """The alinéas that differ between legidiff's article and the official one, as word
    diffs ([-ours-]{+official+}), for people."""
    out: list[str] = []
    for pair in align(list(ours), list(official), same_text):
        if pair.old is not None and pair.new is not None:
            if same_text(ours[pair.old], official[pair.new]):
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
