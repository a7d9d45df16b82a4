"""Numbers of French legal texts: roman numerals, ordinals and cardinals in words,
multiplicative adverbs (bis, ter…), article numbers and division numbers.

Everything that turns a written number into a comparable value lives here, so that
"L852-3" (LEGI) and "L. 852-3" (a bill) are one article, "Ier", "premier" and "1er" one
chapter, and "vingt-deuxième" the 22nd alinéa.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from legidiff.lang.vocabulary import ADVERB_PATTERN, ADVERBS

# ---------------------------------------------------------------------------
# Roman numerals

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def int_to_roman(n: int) -> str:
    """Write ``n`` (1 to 3999) in roman numerals.

    >>> int_to_roman(14)
    'XIV'
    """
    if not 0 < n < 4000:
        raise ValueError(f"no roman numeral for {n}")
    out = []
    for value, letters in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def roman_to_int(text: str) -> int | None:
    """Value of a well-formed roman numeral (upper case), or None.

    >>> roman_to_int("VIII"), roman_to_int("IIII")
    (8, None)
    """
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    total, i = 0, 0
    for value, letters in _ROMAN_VALUES:
        while text.startswith(letters, i):
            total += value
            i += len(letters)
    return total


# ---------------------------------------------------------------------------
# Multiplicative adverbs (the table is in legidiff.lang.vocabulary)


def adverb_value(word: str) -> int | None:
    """Rank of a multiplicative adverb ("bis" → 2), or None."""
    return ADVERBS.get(word.lower())


# ---------------------------------------------------------------------------
# Cardinals and ordinals written in words

_UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16,
}
_TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6}
_CARDINAL_WORDS = {**_UNITS, **_TENS, **_SCALES}

# Ordinal form of the last word → its cardinal form
_ORDINAL_LAST = {
    "unième": "un", "deuxième": "deux", "troisième": "trois", "quatrième": "quatre",
    "cinquième": "cinq", "sixième": "six", "septième": "sept", "huitième": "huit",
    "neuvième": "neuf", "dixième": "dix", "onzième": "onze", "douzième": "douze",
    "treizième": "treize", "quatorzième": "quatorze", "quinzième": "quinze",
    "seizième": "seize", "vingtième": "vingt", "trentième": "trente",
    "quarantième": "quarante", "cinquantième": "cinquante", "soixantième": "soixante",
    "centième": "cent", "millième": "mille", "millionième": "million",
}
_FIRST = {"premier": 1, "première": 1, "1er": 1, "1re": 1, "1ère": 1}
_SECOND = {"second": 2, "seconde": 2}
LAST = -1
"""Ordinal value of "dernier": counts from the end."""
_FROM_END = {"dernier": -1, "dernière": -1, "avant-dernier": -2, "avant-dernière": -2,
             "antépénultième": -3}


def _words(text: str) -> list[str]:
    text = text.strip().lower().replace("\u2011", "-").replace("‐", "-")
    return [w for w in re.split(r"[\s-]+", text) if w]


def parse_cardinal(text: str) -> int | None:
    """Value of a cardinal written in words or digits, or None.

    >>> parse_cardinal("trente et un"), parse_cardinal("quatre-vingt-dix-neuf")
    (31, 99)
    >>> parse_cardinal("deux mille vingt-quatre")
    2024
    """
    text = text.strip()
    if re.fullmatch(r"\d[\d\s\u00a0\u202f]*", text):
        return int(re.sub(r"\D", "", text))
    words = _words(text)
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word == "et":
            continue
        value = _CARDINAL_WORDS.get(word)
        if value is None:
            return None
        if value == 100:
            current = max(current, 1) * 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 20 and current % 100 == 4:  # quatre-vingt(s)
            current = current - 4 + 80
        else:
            current += value
    return total + current


def parse_ordinal(text: str) -> int | None:
    """Value of a French ordinal; "dernier" is -1, "avant-dernier" -2. None if unknown.

    >>> parse_ordinal("vingt-deuxième"), parse_ordinal("trente et unième")
    (22, 31)
    >>> parse_ordinal("seconde"), parse_ordinal("avant-dernier")
    (2, -2)
    """
    key = text.strip().lower().replace("\u2011", "-")
    key = re.sub(r"\s+", " ", key)
    for table in (_FIRST, _SECOND, _FROM_END):
        if key in table:
            return table[key]
    m = re.fullmatch(r"(\d+)\s*(?:e|ème|eme|è)", key)
    if m:
        return int(m.group(1))
    words = _words(key)
    if not words:
        return None
    cardinal = _ORDINAL_LAST.get(words[-1])
    if cardinal is None:
        return None
    if words[-1] == "unième" and len(words) == 1:
        return None  # "unième" alone is not French; "premier" is
    value = parse_cardinal(" ".join([*words[:-1], cardinal]))
    return value if value and value > 0 else None


def cardinal_words(n: int, feminine: bool = False) -> str:
    """Write ``n`` (0 ≤ n < 10**9) in words, in the traditional spelling used by laws.

    >>> cardinal_words(71), cardinal_words(80), cardinal_words(21, feminine=True)
    ('soixante et onze', 'quatre-vingts', 'vingt et une')
    """
    if n < 0 or n >= 10**9:
        raise ValueError(f"cannot write {n} in words")
    if n == 0:
        return "zéro"
    parts: list[str] = []
    millions, rest = divmod(n, 10**6)
    thousands, units = divmod(rest, 1000)
    if millions:
        parts.append(_below_thousand(millions, False, plural_ok=False) + " million"
                     + ("s" if millions > 1 else ""))
    if thousands:
        parts.append("mille" if thousands == 1
                     else _below_thousand(thousands, False, plural_ok=False) + " mille")
    if units:
        parts.append(_below_thousand(units, feminine, plural_ok=True))
    return " ".join(parts)


_UNIT_NAMES = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
               "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_TENS_NAMES = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_hundred(n: int, feminine: bool, plural_ok: bool) -> str:
    if n <= 16:
        word = _UNIT_NAMES[n]
        return "une" if (word == "un" and feminine) else word
    if n < 20:
        return "dix-" + _UNIT_NAMES[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = _below_hundred(10 + unit, feminine, plural_ok)
        joiner = " et " if (tens == 7 and unit == 1) else "-"
        return base + joiner + rest
    if tens == 8:
        if unit == 0:
            return "quatre-vingts" if plural_ok else "quatre-vingt"
        return "quatre-vingt-" + _below_hundred(unit, feminine, plural_ok)
    base = _TENS_NAMES[tens]
    if unit == 0:
        return base
    if unit == 1:
        return base + " et " + ("une" if feminine else "un")
    return base + "-" + _UNIT_NAMES[unit]


def _below_thousand(n: int, feminine: bool, plural_ok: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        if hundreds == 1:
            parts.append("cent")
        else:
            parts.append(_UNIT_NAMES[hundreds] + " cent" + ("s" if rest == 0 and plural_ok else ""))
    if rest:
        parts.append(_below_hundred(rest, feminine, plural_ok))
    return " ".join(parts)


def ordinal_words(n: int, feminine: bool = False, of_two: bool = False) -> str:
    """Write the ordinal of ``n`` in words; negative ``n`` counts from the end.

    ``of_two`` picks "second(e)" over "deuxième", as drafters do when a unit has only
    two parts.

    >>> ordinal_words(1), ordinal_words(1, feminine=True), ordinal_words(21)
    ('premier', 'première', 'vingt et unième')
    >>> ordinal_words(2, feminine=True, of_two=True), ordinal_words(-2)
    ('seconde', 'avant-dernier')
    """
    if n == -1:
        return "dernière" if feminine else "dernier"
    if n == -2:
        return "avant-dernière" if feminine else "avant-dernier"
    if n <= 0:
        raise ValueError(f"no ordinal for {n}")
    if n == 1:
        return "première" if feminine else "premier"
    if n == 2 and of_two:
        return "seconde" if feminine else "second"
    words = cardinal_words(n).split(" ")
    last = words[-1]
    head, sep, tail = last.rpartition("-")
    tail = tail.removesuffix("s") if tail in ("vingts", "cents") else tail
    reverse = {v: k for k, v in _ORDINAL_LAST.items()}
    ordinal = reverse[tail]
    words[-1] = head + sep + ordinal
    return " ".join(words)


# ---------------------------------------------------------------------------
# Article numbers

# runs of spaces are possessive (\s*+): read once, never split two ways ("L" and 20,000
# tabs took seconds)
_ART_PREFIX = r"""
    (?P<prefix>
        L\.?\s*+O\.?(?=\s*+\d) | L\.?\s*+P\.?(?=\s*+\d)
      | [LRDA]\s*+\.?\s*+\*(?=\s*+\d)
      | [LRDA]\s*+\.?(?=\s*+\d)
    )?
"""
_ART_RE = re.compile(
    rf"""^\s*+{_ART_PREFIX}\s*+
    (?P<body>\d+(?:\s*+-\s*+\d+)*)
    (?P<er>\s*+(?:er|ER|re))?
    (?P<suffix>(?:\s++(?:{ADVERB_PATTERN}|[A-Z]{{1,2}})\b)*)
    \s*$""",
    re.VERBOSE,
)
_WORD_ARTICLES = {"préliminaire", "liminaire", "unique", "annexe"}


@dataclass(frozen=True, slots=True, order=False)
class ArticleNumber:
    """A parsed article number. ``key`` is the lookup form shared by every spelling.

    >>> ArticleNumber.parse("L. 852-3").key == ArticleNumber.parse("L852-3").key
    True
    >>> ArticleNumber.parse("L. 227-1 A").legi, ArticleNumber.parse("LO6").bill
    ('L227-1 A', 'L.O. 6')
    """

    prefix: str  # "", "L", "R", "D", "A", "LO", "LP", "R*", "D*"…
    parts: tuple[int, ...]  # (852, 3)
    suffix: tuple[str, ...]  # ("bis",), ("A",), ("bis", "A")
    first: bool = False  # written "1er"

    @staticmethod
    def parse(text: str) -> ArticleNumber | None:
        return _parse_article_number(text)

    @staticmethod
    def _parse(text: str) -> ArticleNumber | None:
        m = _ART_RE.match(text.replace("\u00a0", " ").replace("\u202f", " "))
        if not m:
            return None
        prefix = re.sub(r"[\s.]", "", m.group("prefix") or "")
        pieces = re.split(r"\s*-\s*", m.group("body"))
        if any(len(p) > 9 for p in pieces):  # no text numbers its articles so: no int overflow
            return None
        parts = tuple(int(p) for p in pieces)
        suffix = tuple(s.lower() if s.lower() in ADVERBS else s
                       for s in m.group("suffix").split())
        first = bool(m.group("er"))
        if first and (parts != (1,) or prefix):
            return None
        return ArticleNumber(prefix, parts, suffix, first)

    @property
    def body(self) -> str:
        return "-".join(str(p) for p in self.parts)

    @property
    def key(self) -> str:
        """Lookup key: LEGI spelling without spaces before the suffix, "1er" as "1"."""
        return self.prefix + self.body + "".join(" " + s for s in self.suffix)

    @property
    def legi(self) -> str:
        """LEGI / Légifrance spelling: ``L852-3``, ``R*156-1``, ``L227-1 A``."""
        return self.prefix + (self.body if not self.first else "1er") + "".join(
            " " + s for s in self.suffix)

    @property
    def bill(self) -> str:
        """Spelling used in bills: ``L. 852-3``, ``R.* 12``, ``L.O. 6``, ``1er``."""
        body = "1er" if self.first or (not self.prefix and self.parts == (1,)
                                       and not self.suffix) else self.body
        suffix = "".join(" " + s for s in self.suffix)
        if not self.prefix:
            return body + suffix
        if self.prefix.endswith("*"):
            head = ".".join(self.prefix[:-1]) + ".*"
        else:
            head = "".join(c + "." for c in self.prefix)
        return f"{head} {body}{suffix}"

    @property
    def sort_key(self) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
        """Order of articles inside a division: L. 855-1 A < L. 855-1 < L. 855-1-1 <
        L. 855-1 bis < L. 855-2 (letter suffixes precede, adverbs follow)."""
        plain: tuple[tuple[int, int], ...] = ((1, 0),)
        tail = tuple(suffix_rank(s) for s in self.suffix) + plain
        keyed = [(p, plain) for p in self.parts]
        keyed[-1] = (self.parts[-1], tail)
        return tuple(keyed)


@lru_cache(maxsize=1 << 18)
def _parse_article_number(text: str) -> ArticleNumber | None:
    # Article numbers recur (a code is indexed, then each instruction names its article):
    # the parse is pure and its result frozen, so it is cached.
    return ArticleNumber._parse(text)


def suffix_rank(token: str) -> tuple[int, int]:
    """Rank of a number's suffix: capital letters come before the plain number, adverbs
    after it (``1° A`` < ``1°`` < ``1° bis`` < ``1° ter``); the plain number is (1, 0)."""
    value = ADVERBS.get(token.lower())
    if value is not None:
        return (2, value)
    return (0, sum((ord(c) - 64) * 27**i for i, c in enumerate(reversed(token))))


# The LEGI spelling of a plain number is its own key: "L1234-5", "R*156-1", "LO6", "12".
LEGI_KEY_RE = re.compile(r"(?:[LRDA]\*?|LO|LP)?[1-9]\d*(?:-[1-9]\d*)*")


@lru_cache(maxsize=1 << 18)
def article_key(text: str) -> str:
    """Lookup key of any article number spelling; unparseable numbers ("Annexe II à
    l'article R4312-6") keep their words, casefolded with single spaces.

    >>> article_key("L. 852-3"), article_key("R.* 156-1"), article_key("1er")
    ('L852-3', 'R*156-1', '1')
    >>> article_key("L1234-5")  # the LEGI spelling, read at once
    'L1234-5'
    """
    if LEGI_KEY_RE.fullmatch(text):
        return text
    parsed = ArticleNumber.parse(text)
    if parsed is not None:
        return parsed.key
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 18)
def article_bill_form(text: str) -> str:
    """Bill spelling of an article number (``L852-3`` → ``L. 852-3``); unparseable
    numbers are returned as they are."""
    parsed = ArticleNumber.parse(text)
    return parsed.bill if parsed is not None else text


# ---------------------------------------------------------------------------
# Division numbers

_DIVISION_NUMBER_RE = re.compile(
    rf"""^(?P<base>[IVXLCDM]+|\d+(?:-\d+)*|1er|Ier|premier|première|unique|préliminaire
         |liminaire)
        (?P<suffix>(?:\s+(?:{ADVERB_PATTERN}|[A-Z]{{1,2}})\b)*)$""",
    re.VERBOSE | re.IGNORECASE,
)


def strip_accents(text: str) -> str:
    """Remove diacritics: "Préliminaire" → "Preliminaire"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def division_key(number: str) -> str:
    """Lookup key of a division number: roman and ordinal forms become digits.

    >>> division_key("Ier"), division_key("III bis"), division_key("PREMIÈRE")
    ('1', '3 bis', '1')
    >>> division_key("unique"), division_key("Préliminaire"), division_key("1 A")
    ('unique', 'preliminaire', '1 A')
    """
    text = " ".join(number.replace("\u00a0", " ").split()).rstrip(".")
    ordinal = parse_ordinal(text)
    if ordinal is not None and ordinal > 0:
        return str(ordinal)
    m = _DIVISION_NUMBER_RE.match(text)
    if not m:
        return strip_accents(text).casefold()
    base = m.group("base")
    lower = base.lower()
    if lower in ("1er", "ier", "premier", "première"):
        value = "1"
    elif base.isdigit() or "-" in base:
        value = base
    elif lower in ("unique", "préliminaire", "liminaire"):
        value = strip_accents(lower)
    else:
        roman = roman_to_int(base.upper())
        value = str(roman) if roman is not None else base
    suffix = [s.lower() if s.lower() in ADVERBS else s.upper() for s in
              m.group("suffix").split()]
    return " ".join([value, *suffix])


def division_number_for_display(key: str, roman: bool) -> str:
    """Inverse of :func:`division_key` for new divisions: ``("3 bis", roman=True)`` →
    ``"III bis"``, ``("1", True)`` → ``"Ier"``."""
    base, _, rest = key.partition(" ")
    if roman and base.isdigit():
        base = "Ier" if base == "1" else int_to_roman(int(base))
    return base + (" " + rest if rest else "")
