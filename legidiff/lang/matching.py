"""Finding quoted words in an alinéa, exactly but for typography.

docs/drafting.md §1 ("What exact means"): words are located by their exact quoted form, on
word boundaries (« un » is not in "une"), tolerating typography only — apostrophes,
non-breaking and narrow spaces, spacing around « » : ; ? !, dashes and their spacing
in "I. –" / "I.-", ligatures (œ/oe), accents on capitals ("Etat"/"État"), "1o"/"1°" —
never spelling. The comparison runs on a folded copy of the text that remembers, for
each of its characters, where it comes from, so that the change is made in the text as
it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from legidiff.lang.codes import CODE_NAME_PATTERN
from legidiff.lang.vocabulary import ADVERB_PATTERN

_APOSTROPHES = "’‘ʼ`´"
_DASHES = "–—―‐‑‒−"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\t\n\r"
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}
_TIGHT_AFTER = "«"  # no space counted after
_TIGHT_BEFORE = "»:;?!"  # no space counted before


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and, for each of its characters, its index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        first = self.origin[start] if start < len(self.origin) else original_length
        last = self.origin[end - 1] + 1 if end > 0 else first
        return first, max(first, last)


def _one_to_one() -> dict[int, str]:
    table = {ord(c): "'" for c in _APOSTROPHES}
    table.update({ord(c): "-" for c in _DASHES})
    for point in range(0x80, 0x2200):  # Latin, Greek, Cyrillic and their extensions
        c = chr(point)
        if c.isupper():
            base = unicodedata.normalize("NFD", c)[0]
            if base != c:
                table[point] = base
    return table


_TABLE = _one_to_one()  # characters folded one for one: see fold()
# What needs context or changes the length: runs of spaces that are not one plain space
# between ordinary characters, ligatures, "o" after a digit. A plain space folds to
# itself unless it ends the text, follows « or a dash, or precedes a dash or one of
# » : ; ? ! (over-approximations are harmless: fold() applies the exact rule to every
# run it is given). Leading spaces are dropped before the search. Every branch starts
# with one of the characters of the lookahead, which lets the search skip the rest fast.
_S = re.escape(_SPACES)
_D = re.escape(_DASHES + "-")
_SPECIAL_RE = re.compile(
    f"(?=[ {_S}«{_D}{''.join(_LIGATURES)}o])"
    f"(?:[ {_S}]*[{_S}][ {_S}]*|[ ]{{2,}}|[ ](?=[»:;?!{_D}])|[ ]\\Z"
    f"|[«{_D}][ {_S}]+|[{''.join(_LIGATURES)}]|o(?![^\\W_]))")
_SPACE_SET = frozenset(" " + _SPACES)
# A lossy fold for a quick necessary test: spaces deleted, "°" read as "o", the rest as
# in fold(). It maps characters one at a time and lossy(fold(x)) == lossy(x), so words
# whose lossy form is not in the lossy text cannot be in the folded text either.
_LOSSY: dict[int, str | None] = {**_TABLE, **{ord(c): v for c, v in _LIGATURES.items()},
                                 **{ord(c): None for c in _SPACE_SET}, ord("°"): "o"}


@lru_cache(maxsize=8192)
def fold(text: str) -> Folded:
    """The comparison form of a text (see the module documentation).

    >>> fold("L’État, I. – 1o").text == fold("L'Etat, I.-1°").text
    True

    Characters are mapped one for one by ``str.translate``; only runs of spaces,
    ligatures and "1o" are looked at one by one.
    """
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    pos = n - len(text.lstrip(_SPACES + " "))  # nothing before: leading spaces go
    last = ""  # the last two folded characters
    for m in _SPECIAL_RE.finditer(text, pos):
        s, e = m.span()
        first = text[s]
        if first == "o":
            if s == 0 or not text[s - 1].isdigit():
                continue  # "o" after a letter: an ordinary character
        elif first not in _SPACE_SET and first not in _LIGATURES:
            s += 1  # « or a dash, ordinary, then the spaces that follow it
            first = text[s]
        if s > pos:
            chunk = text[pos:s].translate(_TABLE_FULL)
            out.append(chunk)
            origin.extend(range(pos, s))
            last = (last + chunk)[-2:]
        pos = e
        if first in _SPACE_SET:
            # runs of spaces are one; none after « or before » : ; ? !, none around the
            # dash of a label ("I. –" / "I.-")
            prev = last[-1:]
            nxt = text[e] if e < n else ""
            nxt = "-" if nxt in _DASHES else nxt
            if prev in ("", _TIGHT_AFTER) or nxt in _TIGHT_BEFORE or nxt == "" or (
                    last == ".-") or (nxt == "-" and prev == "."):
                continue
            out.append(" ")
            origin.append(s)
            last = last[-1:] + " "
        elif first in _LIGATURES:
            pair = _LIGATURES[first]
            out.append(pair)
            origin.extend((s, s))
            last = pair
        else:
            out.append("°")  # "1o" read from a PDF is "1°"
            origin.append(s)
            last = last[-1:] + "°"
    if pos < n:
        chunk = text[pos:].translate(_TABLE_FULL)
        out.append(chunk)
        origin.extend(range(pos, n))
    return Folded("".join(out), tuple(origin))


# After words ending with a digit, what continues the number: « L. 851-1 » is not in
# "L. 851-1-1", "L. 851-1 bis" or "L. 227-1 A" (read on the text as it is, where "À"
# is not a suffix). Refusing too much gives a loud "absent"; matching too much, a wrong text.
_HYPHENS = "-‐‑"
_NUMBER_GOES_ON_RE = re.compile(
    rf"[-‐‑](?=[^\W_])|[ \u00a0\u202f]+(?:{ADVERB_PATTERN}|[A-Z]{{1,2}})(?![^\W_])")


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "°"


_CODE_WORD_RE = re.compile(r"\bcode\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def code_name_re() -> re.Pattern[str]:
    return re.compile(CODE_NAME_PATTERN, re.IGNORECASE)


def code_name_goes_on(text: str, start: int, end: int) -> bool:
    """Whether the words ``text[start:end]`` end inside the name of a code that the text
    continues: « du code rural » is not in "du code rural et de la pêche maritime" (a code
    renamed since the bill was drafted; replacing the head of the name would write the
    rest twice), as « L. 851-1 » is not in "L. 851-1-1".

    >>> code_name_goes_on("L. 361-1 du code rural et de la pêche maritime.", 0, 22)
    True
    >>> code_name_goes_on("L. 361-1 du code rural (ancien) et la loi.", 0, 22)
    True
    >>> code_name_goes_on("L. 361-1 du code rural et la loi n° 1.", 0, 22)
    False
    """
    starts = [m.start() for m in _CODE_WORD_RE.finditer(text, start, end)]
    if not starts:
        return False
    m = code_name_re().match(text, starts[-1])
    return m is not None and m.end() > end


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """Every place of ``words`` in ``text`` (original offsets), on word boundaries.

    >>> find_all("un arrêté ou une décision", "un")
    [(0, 2)]
    >>> find_all("le représentant de l’État", "l'Etat")
    [(19, 25)]
    """
    if words not in text and words.translate(_LOSSY_FULL) not in text.translate(_LOSSY_FULL):
        return []  # a raw match first: quoted words are usually written as in the text
    hay = fold(text)
    needle = fold(words).text.strip()
    if not needle:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    h = hay.text
    check_left = _is_word(needle[0])
    check_right = _is_word(needle[-1])
    number_start, number_end = needle[0].isdigit(), needle[-1].isdigit()
    while True:
        k = h.find(needle, start)
        if k < 0:
            return out
        end = k + len(needle)
        left_ok = not check_left or k == 0 or not _is_word(h[k - 1])
        right_ok = not check_right or end == len(h) or not _is_word(h[end])
        if left_ok and right_ok:
            a, b = hay.span(k, end, len(text))
            goes_on = number_end and _NUMBER_GOES_ON_RE.match(text, b) is not None
            goes_on = goes_on or (check_right and code_name_goes_on(text, a, b))
            started = (number_start and a >= 2 and text[a - 1] in _HYPHENS
                       and text[a - 2].isalnum())
            if not goes_on and not started:
                out.append((a, b))
        start = k + 1


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same but for typography."""
    if _LOSSY_BARE_FULL is not None:
        # a necessary test, without folding (see _lossy_bare): the table maps characters
        # one at a time, so the parts the texts share at both ends map alike, and only
        # what lies between them is mapped and compared
        # (a difference is usually seen at once: the forms of the beginnings of what
        # follows the common prefix already differ — a rewritten phrase, a deleted end)
        start = _common_prefix(a, b)
        if _differ_after(a, b, start, _LOSSY_BARE_FULL):
            return False
        end = _common_suffix(a, b, min(len(a), len(b)) - start)
        if a[start:len(a) - end].translate(_LOSSY_BARE_FULL) != \
                b[start:len(b) - end].translate(_LOSSY_BARE_FULL):
            return False
    return fold(a).text.strip() == fold(b).text.strip()


def _differ_after(a: str, b: str, start: int, table: dict[int, str | None]) -> bool:
    """Whether ``a[start:]`` and ``b[start:]`` certainly have different forms by ``table``,
    judged by the forms of their first 8, then 64 characters: the table maps characters
    one at a time, so the form of a beginning begins the form of the whole; forms whose
    beginnings differ, or a whole form shorter than the other's beginning, differ. False
    when that does not tell."""
    rest_a, rest_b = len(a) - start, len(b) - start
    for size in (8, 64):
        head_a = a[start:start + size].translate(table)
        head_b = b[start:start + size].translate(table)
        shared = min(len(head_a), len(head_b))
        if head_a[:shared] != head_b[:shared]:
            return True
        whole_a, whole_b = rest_a <= size, rest_b <= size
        if whole_a and whole_b:
            return head_a != head_b
        if (whole_b and len(head_a) > len(head_b)) or (whole_a and len(head_b) > len(head_a)):
            return True
    return False


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of two texts: compared by slices (never
    character by character in Python), of lengths doubling from 16 until they differ,
    then halving between the last two (each slice from the length known to be shared):
    the work is that of the prefix, not of the texts."""
    n = min(len(a), len(b))
    low, size = 0, 16
    while low < n:
        high = min(low + size, n)
        if a[low:high] != b[low:high]:
            break
        low, size = high, size * 2
    else:
        return n
    # a[:low] == b[:low], and they differ before ``high``
    high -= 1
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of two texts, at most ``limit``
    (:func:`_common_prefix` read from the ends)."""
    la, lb = len(a), len(b)
    low, size = 0, 16
    while low < limit:
        high = min(low + size, limit)
        if a[la - high:la - low] != b[lb - high:lb - low]:
            break
        low, size = high, size * 2
    else:
        return limit
    high -= 1
    while low < high:
        middle = (low + high + 1) // 2
        if a[la - middle:la - low] == b[lb - middle:lb - low]:
            low = middle
        else:
            high = middle - 1
    return low


def _lossy_bare() -> dict[int, str | None] | None:
    """``_LOSSY`` followed by the deletion of every character ``str.isspace`` (hence
    ``str.strip``) knows, as one table. ``_LOSSY`` gives the same for a text and its
    fold; so does this table, and stripping a text changes nothing of it: texts whose
    folds are equal once stripped have equal forms by this table. None if the tables
    ever change so that it would not be that composition (a space written as a letter,
    a letter as a space)."""
    table = dict(_LOSSY)
    for code in range(0x3000 + 1):
        c = chr(code)
        if c.isspace():
            written = table.get(code, c)
            if written is not None and not written.isspace():
                return None
            table[code] = None
    if any(v is not None and any(c.isspace() for c in v) for v in table.values()):
        return None
    return table


_LOSSY_BARE = _lossy_bare()

_IDENTITY = {point: chr(point) for point in range(0x3000)}


def _complete(table: dict[int, str | None]) -> dict[int, str | None]:
    """The same translation, with every character up to U+2FFF that ``table`` leaves
    as it is mapped to itself: ``str.translate`` then finds each character of a French
    text in the table (each one it does not find costs it a KeyError raised and
    cleared: twice the time of the translation)."""
    return {**_IDENTITY, **table}


_TABLE_FULL = _complete(dict(_TABLE))
_LOSSY_FULL = _complete(_LOSSY)
_LOSSY_BARE_FULL = _complete(_LOSSY_BARE) if _LOSSY_BARE is not None else None


# ---------------------------------------------------------------------------
# Joining new words to the text


_CLOSING = ",.;:)]»"
_LABEL_DASH_RE = re.compile(r"^\s*[IVXLCA-Z0-9°]+(?:\s+\w+)?\s*\.\s*[-–—―]$")  # "II.-"
_FINAL_PUNCTUATION = ".;:"


def join(left: str, new: str, right: str, *, insertion: bool = False) -> tuple[str, bool]:
    """``left + new + right`` with the spacing of the text: one space between words,
    none before a closing punctuation; when the new words end with the punctuation
    that follows them ("…, " against ", ", "… du même article." against a final "."), it
    is written once. Returns the text and whether punctuation was merged.

    The space after a label's dash is the text's own: kept where the text had one ("I. –
    Aux fins"), none where it had none ("II.-Par dérogation"). ``insertion``: nothing was
    removed between ``left`` and ``right``, so a space at the start of ``right`` was the
    one after ``left``."""
    merged = False
    stripped = new.strip()
    if stripped and right.lstrip()[:1] == stripped[-1:] and stripped[-1] in ",;.":
        stripped = stripped[:-1].rstrip()
        merged = True
    if insertion:  # the space that followed ``left`` stays after it ("I. –\u00a0Aux fins")
        rest = right.lstrip()
        if rest and rest[0] not in _CLOSING:
            left, right = left + right[:len(right) - len(rest)], rest
    left_part = left.rstrip(" ")
    spaced = left_part != left  # the text had a space there: it stays ("I. – Aux fins")
    out = left_part
    if stripped:
        # glued to what precedes it in the text: an apostrophe, a parenthesis, « or the
        # dash of a label written without a space ("II.-Par dérogation")
        glued = out.endswith(("'", "’", "(", "«")) or _LABEL_DASH_RE.search(out)
        if (out and not out[-1].isspace() and stripped[0] not in _CLOSING
                and (spaced or not glued)):
            out += " "
        out += stripped
    right_part = right.lstrip(" ")
    if right_part:
        elided = right_part[0] in "'’" and not right[0].isspace()  # "jusqu'en": no space
        label = not stripped and not spaced and _LABEL_DASH_RE.search(out)  # "II.-De"
        if (right_part[0] not in _CLOSING and not elided and not label and out
                and not out.endswith(("'", "’", "(")) and not out[-1].isspace()):
            out += " "
        elif right_part[0] in ":;!?»" and right.startswith(" "):
            out += " "  # French spacing before : ; ! ? » is the text's own: keep it
    out += right_part
    return out, merged


def split_final(text: str) -> tuple[str, str]:
    """A text and its final punctuation (" ;", ".", " :"), which additions go before.

    >>> split_final("Les données sont détruites ;")
    ('Les données sont détruites', ' ;')
    """
    stripped = text.rstrip()
    end = len(stripped)
    if end and stripped[-1] in _FINAL_PUNCTUATION:
        k = end - 1
        while k > 0 and stripped[k - 1] in " \u00a0\u202f":
            k -= 1
        return stripped[:k], stripped[k:]
    return stripped, ""
