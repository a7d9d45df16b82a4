"""Finding quoted words in an alinéa, exactly but for typography.

DOMAIN.md §1 ("What exact means"): words are located by their exact quoted form, on
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


@lru_cache(maxsize=8192)
def fold(text: str) -> Folded:
    """The comparison form of a text (see the module documentation).

    >>> fold("L’État, I. – 1o").text == fold("L'Etat, I.-1°").text
    True
    """
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _APOSTROPHES:
            c = "'"
        elif c in _DASHES:
            c = "-"
        elif c in _SPACES:
            c = " "
        if c == " ":
            # runs of spaces are one; none after « or before » : ; ? !, none around the
            # dash of a label ("I. –" / "I.-")
            j = i
            while j < n and (text[j] == " " or text[j] in _SPACES):
                j += 1
            prev = out[-1] if out else ""
            nxt = text[j] if j < n else ""
            nxt = "-" if nxt in _DASHES else nxt
            if prev in ("", _TIGHT_AFTER) or nxt in _TIGHT_BEFORE or nxt == "" or (
                    prev == "-" and len(out) > 1 and out[-2] == ".") or (
                    nxt == "-" and prev == "."):
                i = j
                continue
            out.append(" ")
            origin.append(i)
            i = j
            continue
        if c in _LIGATURES:
            for k in _LIGATURES[c]:
                out.append(k)
                origin.append(i)
            i += 1
            continue
        if c == "o" and out and out[-1].isdigit() and (i + 1 == n or not text[i + 1].isalnum()):
            c = "°"  # "1o" read from a PDF is "1°"
        if c.isupper() and not c.isascii():
            c = unicodedata.normalize("NFD", c)[0]
        out.append(c)
        origin.append(i)
        i += 1
    return Folded("".join(out), tuple(origin))


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "°"


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """Every place of ``words`` in ``text`` (original offsets), on word boundaries.

    >>> find_all("un arrêté ou une décision", "un")
    [(0, 2)]
    >>> find_all("le représentant de l’État", "l'Etat")
    [(19, 25)]
    """
    hay = fold(text)
    needle = fold(words).text.strip()
    if not needle:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    h = hay.text
    check_left = _is_word(needle[0])
    check_right = _is_word(needle[-1])
    while True:
        k = h.find(needle, start)
        if k < 0:
            return out
        end = k + len(needle)
        left_ok = not check_left or k == 0 or not _is_word(h[k - 1])
        right_ok = not check_right or end == len(h) or not _is_word(h[end])
        if left_ok and right_ok:
            out.append(hay.span(k, end, len(text)))
        start = k + 1


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same but for typography."""
    return fold(a).text.strip() == fold(b).text.strip()


# ---------------------------------------------------------------------------
# Joining new words to the text


_CLOSING = ",.;:)]»"
_LABEL_DASH_RE = re.compile(r"^\s*[IVXLCA-Z0-9°]+(?:\s+\w+)?\s*\.\s*[-–—―]$")  # "II.-"
_FINAL_PUNCTUATION = ".;:"


def join(left: str, new: str, right: str) -> tuple[str, bool]:
    """``left + new + right`` with the spacing of the text: one space between words,
    none before a closing punctuation; when the new words end with the punctuation
    that follows them ("…, " against ", "), it is written once. Returns the text and
    whether punctuation was merged."""
    merged = False
    stripped = new.strip()
    if stripped and right.lstrip()[:1] == stripped[-1:] and stripped[-1] in ",;":
        stripped = stripped[:-1].rstrip()
        merged = True
    left_part = left.rstrip(" ") if left.endswith(" ") else left
    out = left_part
    if stripped:
        glued = out.endswith(("'", "’", "(", "«", " ")) or _LABEL_DASH_RE.search(out)
        if out and not glued and stripped[0] not in _CLOSING:
            out += " "
        out += stripped
    right_part = right.lstrip(" ")
    if right_part:
        if right_part[0] not in _CLOSING and not out.endswith(("'", "’", "(", " ")) and out:
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
