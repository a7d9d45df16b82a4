"""Numbers of French legal texts: roman numerals, ordinals and cardinals in words,
multiplicative adverbs (bis, ter…), article numbers and division numbers.

Everything that turns a written number into a comparable value lives here, so that
"L852-3" (LEGI) and "L. 852-3" (a bill) are one article, "Ier", "premier" and "1er" one
chapter, and "vingt-deuxième" the 22nd alinéa.
"""

from __future__ import annotations

import itertools
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


def strip_accents(text: str) -> str:
    """Remove diacritics: "Préliminaire" → "Preliminaire"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The tables without accents ("premiere", "deuxieme"), for parse_ordinal
_FOLDED_WORDS = {strip_accents(k): v for table in (_FIRST, _SECOND, _FROM_END)
                 for k, v in table.items()}
_FOLDED_ORDINAL_LAST = {strip_accents(k): v for k, v in _ORDINAL_LAST.items()}


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
    # accents do not count: "PREMIERE PARTIE", "DEUXIEME PARTIE" are LEGI headings
    key = strip_accents(text.strip().lower().replace("\u2011", "-"))
    key = re.sub(r"\s+", " ", key)
    if key in _FOLDED_WORDS:
        return _FOLDED_WORDS[key]
    m = re.fullmatch(r"(\d+)\s*(?:e|eme)", key)
    if m:
        return int(m.group(1))
    words = _words(key)
    if not words:
        return None
    cardinal = _FOLDED_ORDINAL_LAST.get(words[-1])
    if cardinal is None:
        return None
    if words[-1] == "unieme" and len(words) == 1:
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
#
# A number is a prefix (L, R, D, A, LO, LP, R*, R**, and *R, **R, which LEGI also has) and
# levels joined by hyphens. A level is a head (digits; capital letters after the first
# level: "D213-1-A") and qualifiers: multiplicative adverbs ("bis", "quatervicies"),
# capital letters ("39 AB", "46 AZA") and digits after a letter ("406 A 12", "23 V 8").
# "235 ter ZA", "49 septies-0 T", "38 sexdecies-00 A" (zeros count: -00 is not -0).

# runs of spaces are possessive (\s*+): read once, never split two ways ("L" and 20,000
# tabs took seconds)
_ART_PREFIX = r"""
    (?P<prefix>
        L\.?\s*+O\.?(?=\s*+\d) | L\.?\s*+P\.?(?=\s*+\d)
      | \*{1,2}\s*+[LRDA]\s*+\.?(?=\s*+\d)
      | [LRDA]\s*+\.?\s*+\*{1,2}(?=\s*+\d)
      | [LRDA]\s*+\.?(?=\s*+\d)
    )?
"""
_ART_QUALIFIERS = rf"(?:\s+(?:(?i:{ADVERB_PATTERN})\b|[A-Z]{{1,3}}\b(?:\s+\d+\b)?))*"
_ART_RE = re.compile(
    rf"""^\s*+{_ART_PREFIX}\s*+
    (?P<first>\d+)
    (?P<er>\s*+(?:er|ER|re))?
    (?P<rest>{_ART_QUALIFIERS}(?:\s*-\s*(?:\d+|[A-Z]{{1,3}})\b{_ART_QUALIFIERS})*)
    \s*$""",
    re.VERBOSE,
)
# a capital letter glued to the last number of an article ("L. 173-2-0-1A"), before the end
_GLUED_SUFFIX_RE = re.compile(r"(?<=\d)(?=[A-Z]\s*$)")
# A LEGI number whose prefix letter was typed in lower case, the digits right after it
# ("l445-3" in the code de l'urbanisme of 1985): the same article as "L445-3"
_LOWER_PREFIX_RE = re.compile(r"[lrda]\d")
# Articles named by a word: "Article préliminaire" (code de procédure pénale, code de la
# consommation), "Article liminaire", "Article unique"; they come before article 1.
_WORD_ARTICLES = {"liminaire": 0, "préliminaire": 1, "unique": 2}
_WORD_ARTICLE_RE = re.compile(r"^\s*(liminaire|pr[ée]liminaire|unique)\s*$", re.IGNORECASE)
# A level of an article number: its head, as written, and its qualifiers.
Level = tuple[str, tuple[str, ...]]
SortKey = tuple[tuple[int, tuple[tuple[int, int], ...]], ...]


def _canonical_adverbs() -> dict[str, str]:
    """Spelling variants of one adverb → the one LEGI uses ("novies" → "nonies")."""
    preferred = {9: "nonies", 16: "sexdecies", 19: "novodecies"}
    return {word: preferred.get(value, word) for word, value in ADVERBS.items()}


_CANONICAL_ADVERB = _canonical_adverbs()


@dataclass(frozen=True, slots=True, order=False)
class ArticleNumber:
    """A parsed article number. ``key`` is the lookup form shared by every spelling.

    >>> ArticleNumber.parse("L. 852-3").key == ArticleNumber.parse("L852-3").key
    True
    >>> ArticleNumber.parse("L. 227-1 A").legi, ArticleNumber.parse("LO6").bill
    ('L227-1 A', 'L.O. 6')
    >>> n = ArticleNumber.parse("49 septies-0 T")
    >>> n.levels, n.parts, n.suffix
    ((('49', ('septies',)), ('0', ('T',))), (49, 0), ('T',))
    """

    prefix: str  # "", "L", "R", "D", "A", "LO", "LP", "R*", "D*", "R**", "*R"…
    parts: tuple[int, ...]  # heads of the levels: (852, 3)
    suffix: tuple[str, ...]  # qualifiers of the last level: ("bis",), ("A",), ("ter", "ZA")
    first: bool = False  # written "1er"
    # qualifiers of the levels before the last ("septies" in "49 septies-0 T"): level i
    # has inner[i], none when inner is shorter
    inner: tuple[tuple[str, ...], ...] = ()
    # heads that digits do not say, by level ("" for the others): "00" in
    # "38 sexdecies-00 A", "A" in "D213-1-A", "préliminaire"; their part is 0
    spelled: tuple[str, ...] = ()

    @staticmethod
    def parse(text: str) -> ArticleNumber | None:
        return _parse_article_number(text)

    @staticmethod
    def _parse(text: str) -> ArticleNumber | None:
        text = text.replace("\u00a0", " ").replace("\u202f", " ")
        if _LOWER_PREFIX_RE.match(text):  # "l445-3": LEGI's typing of L445-3
            text = text[0].upper() + text[1:]
        word = _WORD_ARTICLE_RE.match(text)
        if word:
            name = word.group(1).lower()
            return ArticleNumber("", (0,), (), spelled=(
                "préliminaire" if name.endswith("liminaire") and name != "liminaire"
                else name,))
        m = _ART_RE.match(text)
        if not m and _GLUED_SUFFIX_RE.search(text):
            # "L. 5125-1-1A": a capital suffix glued to the last number, as bills write
            # "L. 5125-1-1 A"
            m = _ART_RE.match(_GLUED_SUFFIX_RE.sub(" ", text, count=1))
        if not m:
            return None
        prefix = re.sub(r"[\s.]", "", m.group("prefix") or "")
        qualifiers, *others = re.split(r"\s*-\s*", m.group("rest"))
        heads = [m.group("first")]
        levels = [_qualifiers(qualifiers.split())]
        for other in others:
            head, *rest = other.split()
            heads.append(head)
            levels.append(_qualifiers(rest))
        if any(len(head) > 9 for head in heads):  # no text numbers its articles so: no int
            return None                           # overflow on a hostile number
        first = bool(m.group("er"))
        if first and (heads != ["1"] or levels != [()] or prefix):
            return None
        inner = tuple(levels[:-1])
        spelled = tuple(h if not _plain_digits(h) else "" for h in heads)
        return ArticleNumber(prefix, tuple(int(h) if h.isdigit() else 0 for h in heads),
                             levels[-1], first, inner if any(inner) else (),
                             spelled if any(spelled) else ())

    @property
    def levels(self) -> tuple[Level, ...]:
        """Each level's head, as written, and its qualifiers."""
        last = len(self.parts) - 1
        return tuple((self.spelled[i] if i < len(self.spelled) and self.spelled[i]
                      else str(head),
                      self.suffix if i == last else
                      self.inner[i] if i < len(self.inner) else ())
                     for i, head in enumerate(self.parts))

    @property
    def is_word(self) -> bool:
        """Named by a word ("préliminaire"), not by digits."""
        return bool(self.spelled) and self.spelled[0] in _WORD_ARTICLES

    @property
    def body(self) -> str:
        """The levels as written (adverbs in lower case), without prefix: ``852-3 bis``."""
        return "-".join(head + "".join(" " + q for q in qualifiers)
                        for head, qualifiers in self.levels)

    @property
    def key(self) -> str:
        """Lookup key: LEGI spelling without spaces before the suffix, "1er" as "1", one
        spelling for each adverb ("novies" as "nonies")."""
        return self.prefix + "-".join(
            head + "".join(" " + _CANONICAL_ADVERB.get(q, q) for q in qualifiers)
            for head, qualifiers in self.levels)

    @property
    def legi(self) -> str:
        """LEGI / Légifrance spelling: ``L852-3``, ``R*156-1``, ``L227-1 A``."""
        return self.prefix + ("1er" if self.first else self.body)

    @property
    def bill(self) -> str:
        """Spelling used in bills: ``L. 852-3``, ``R.* 12``, ``L.O. 6``, ``1er``."""
        body = "1er" if self.first or (not self.prefix and self.parts == (1,)
                                       and not self.suffix and not self.spelled) else self.body
        if not self.prefix:
            return body
        lead = self.prefix[:len(self.prefix) - len(self.prefix.lstrip("*"))]
        letters = self.prefix.strip("*")
        stars = self.prefix[len(lead) + len(letters):]
        return lead + "".join(c + "." for c in letters) + stars + " " + body

    @property
    def sort_key(self) -> SortKey:
        """Order of articles inside a division: L. 855-1 A < L. 855-1 < L. 855-1-1 <
        L. 855-1 bis < L. 855-2 (letters precede the plain number, adverbs follow it; a
        letter level precedes a digit level; 00 A < 00 < 0 A < 0 < 1). Distinct keys
        have distinct sort keys. A total order for sorting and for suggestions; where
        French codes place the letters either way, :func:`article_order` says so."""
        return tuple(_level_sort_key(head, qualifiers) for head, qualifiers in self.levels)


def article_order(a: ArticleNumber, b: ArticleNumber) -> int | None:
    """-1 when article ``a`` comes before ``b`` in any French code, 1 when after, 0 for
    one number; None when codes place them either way. Capital letters after a number
    have no fixed place beside the plain number or its adverbs: the code des douanes has
    163, 163 A; the code général des impôts 197, 197 A but 1 A (in its division 0 I)
    before 1, and 196, 196 bis, 196 A bis, 196 B; the code de la construction et de
    l'habitation L. 631-7-1, L. 631-7-1 A. So at the first qualifier where the two
    numbers part, a capital letter against no qualifier (or against an adverb) is no
    order; letters against letters (163 A < 163 B), adverbs against adverbs or against
    none (163 < 163 bis < 163 ter), and different heads (163 A < 164) are. Letters of
    different lengths have no fixed order either: the code général des impôts puts 235
    ter GC before 235 ter H and 1609 quinquies BA before 1609 quinquies C (an insertion
    after B), while bills put an article 1er AA before the 1er A; letters of one length
    compare as words (163 AB < 163 AC). The prefix is not compared (the caller compares
    numbers of one prefix).

    >>> p = ArticleNumber.parse
    >>> article_order(p("163"), p("163 A")), article_order(p("196 bis"), p("196 A bis"))
    (None, None)
    >>> article_order(p("163 A"), p("163 B")), article_order(p("163 A"), p("164"))
    (-1, -1)
    >>> article_order(p("163 ter"), p("163 bis")), article_order(p("L. 855-1-1"), p("L. 855-1 A"))
    (1, None)
    >>> article_order(p("235 ter GC"), p("235 ter H")), article_order(p("46 AB"), p("46 AC"))
    (None, -1)
    """
    if a.key == b.key:
        return 0
    for (ha, qa), (hb, qb) in zip(a.levels, b.levels, strict=False):
        if ha != hb:
            break
        for x, y in itertools.zip_longest(qa, qb):
            if x is not None and y is not None and suffix_rank(x) == suffix_rank(y):
                continue
            if _either_way(x, y) or _either_way(y, x) or (
                    x is not None and y is not None and _letters(x) and _letters(y)
                    and len(x) != len(y)):
                return None
            break
        else:
            continue
        break
    return -1 if a.sort_key < b.sort_key else 1


def _letters(token: str) -> bool:
    # capital letters ("A", "ZA"), not an adverb
    return token.isalpha() and token.lower() not in ADVERBS


def _either_way(letter: str | None, other: str | None) -> bool:
    # a capital letter ("A", "ZA") against no qualifier or against an adverb
    return (letter is not None and _letters(letter)
            and (other is None or other.lower() in ADVERBS))


def _plain_digits(text: str) -> bool:
    # digits that their value says: "3", "0", but not "00" or "03"
    return text.isdigit() and (text == "0" or not text.startswith("0"))


def _qualifiers(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t.lower() if t.lower() in ADVERBS else t for t in tokens)


def _level_sort_key(head: str, qualifiers: tuple[str, ...]) -> tuple[int, tuple[tuple[int, int],
                                                                                ...]]:
    plain = ((1, 0),)
    if head in _WORD_ARTICLES:
        return (_WORD_ARTICLES[head] - 10**9, plain)
    if head.isdigit():
        value = int(head)
        # "00" comes before "0", "01" before "1": leading zeros mark an insertion before
        zeros = ((-1, -len(head)),) if len(head) > 1 and head.startswith("0") else ()
    else:
        value, zeros = _letters_value(head) - 10**8, ()
    return (value, zeros + tuple(suffix_rank(q) for q in qualifiers) + plain)


def _letters_value(token: str) -> int:
    # base 27 with A = 1: one value per string of capitals, and "Z" < "AA"
    return sum((ord(c) - 64) * 27**i for i, c in enumerate(reversed(token)))


@lru_cache(maxsize=1 << 18)
def _parse_article_number(text: str) -> ArticleNumber | None:
    # Article numbers recur (a code is indexed, then each instruction names its article):
    # the parse is pure and its result frozen, so it is cached.
    return ArticleNumber._parse(text)


def suffix_rank(token: str) -> tuple[int, int]:
    """Rank of a number's suffix: capital letters come before the plain number, adverbs
    after it (``1° A`` < ``1°`` < ``1° bis`` < ``1° ter``); the plain number is (1, 0);
    digits after a letter (``406 A 12``) come after the letter alone."""
    value = ADVERBS.get(token.lower())
    if value is not None:
        return (2, value)
    if token.isdigit():
        return (1, int(token) + 1)
    return (0, _letters_value(token.upper()))


# The LEGI spelling of a plain number is its own key: "L1234-5", "R*156-1", "LO6", "12".
LEGI_KEY_RE = re.compile(r"(?:[LRDA]\*?|LO|LP)?[1-9]\d*(?:-[1-9]\d*)*")
# An article number inside words ("Annexe à l'article R. 122-2"): written as its key.
# (possessive runs: three "\s*" in a row were tried in every split of a run of spaces)
_EMBEDDED_NUMBER_RE = re.compile(
    r"\b(L\.?\s*+O\.?|[LRDA])\s*+\.?\s*+(\*{0,2})\s*+(\d+(?:-\d+)*)\b")


@lru_cache(maxsize=1 << 18)
def article_key(text: str) -> str:
    """Lookup key of any article number spelling. A number that is words ("Annexe II à
    l'article R. 4312-6", "Tableau n° 1") keeps its words, casefolded with single
    spaces, any article number in it written as its key.

    >>> article_key("L. 852-3"), article_key("R.* 156-1"), article_key("1er")
    ('L852-3', 'R*156-1', '1')
    >>> article_key("L1234-5")  # the LEGI spelling, read at once
    'L1234-5'
    >>> article_key("Annexe à l'article R. 122-2") == article_key("Annexe à l'article R122-2")
    True
    """
    if LEGI_KEY_RE.fullmatch(text):
        return text
    parsed = ArticleNumber.parse(text)
    if parsed is not None:
        return parsed.key
    words = _EMBEDDED_NUMBER_RE.sub(
        lambda m: re.sub(r"[\s.]", "", m.group(1)) + m.group(2) + m.group(3),
        text.replace("\u00a0", " ").replace("\u202f", " "))
    return " ".join(words.split()).casefold()


@lru_cache(maxsize=1 << 18)
def article_bill_form(text: str) -> str:
    """Bill spelling of an article number (``L852-3`` → ``L. 852-3``); unparseable
    numbers are returned as they are."""
    parsed = ArticleNumber.parse(text)
    return parsed.bill if parsed is not None else text

# ---------------------------------------------------------------------------
# Division numbers
#
# A division number is levels joined by hyphens, each a head and qualifiers, like an
# article number: "III bis", "Ier A", "III-1", "0I ter" (a zero marks a division inserted
# before I), "VII-0 A". Divisions whose heading names no kind (the code général des
# impôts: "I : Bénéfices…", "1° : Généralités", "A : …", "a) …", "2 septies : …") are
# numbered by labels: capital letters, a lower-case letter, "1°".

_DIV_QUALIFIERS = rf"(?:\s+(?:(?i:{ADVERB_PATTERN})|[A-Z]{{1,2}})\b)*"
_DIV_NEXT_LEVELS = rf"(?:-(?:0*(?:[IVXLCDM]+|[A-Z]{{1,2}})|\d+)\b{_DIV_QUALIFIERS})*"
DIVISION_NUMBER_PATTERN = (
    r"(?:(?-i:0*[IVXLCDM]+)|\d+|1er|Ier|premier|premi[èe]re|unique|pr[ée]liminaire|liminaire)"
    rf"\b(?-i:{_DIV_QUALIFIERS}{_DIV_NEXT_LEVELS})")
"""The number after a kind of division ("Chapitre III-1", "Titre Ier A", "Section 0I"),
for a regular expression compiled with IGNORECASE."""
DIVISION_LABEL_PATTERN = (
    rf"(?-i:(?:0*(?:[IVXLCDM]+|[A-Z]{{1,2}})|\d+\s?°|\d+|[a-z])(?![^\W\d_])"
    rf"{_DIV_QUALIFIERS}{_DIV_NEXT_LEVELS})")
"""The label that numbers a division of no named kind: "I", "2 septies", "19° quinquies",
"0I ter A", "3-0 A bis", "a"."""

_DIVISION_NUMBER_RE = re.compile(
    rf"(?:(?i:1er|ier|premier|premi[èe]re|unique|pr[ée]liminaire|liminaire)"
    rf"|0*(?:[IVXLCDM]+|[ivxlcdm]{{2,}}|[A-Z]{{1,3}}|\d+)°?|[a-z])"
    rf"{_DIV_QUALIFIERS}{_DIV_NEXT_LEVELS}")
_FIRST_WORDS = {"1er", "ier", "premier", "première", "premiere"}
_WORD_NUMBERS = {"unique", "preliminaire", "liminaire"}


@lru_cache(maxsize=1 << 14)
def division_key(number: str) -> str:
    """Lookup key of a division number: roman and ordinal forms become digits.

    >>> division_key("Ier"), division_key("III bis"), division_key("PREMIÈRE")
    ('1', '3 bis', '1')
    >>> division_key("unique"), division_key("Préliminaire"), division_key("1 A")
    ('unique', 'preliminaire', '1 A')
    >>> division_key("III-1"), division_key("0I ter"), division_key("C"), division_key("c")
    ('3-1', '0I ter', 'C', 'c')
    """
    text = " ".join(number.replace("\u00a0", " ").split()).rstrip(".").replace(" °", "°")
    ordinal = parse_ordinal(text)
    if ordinal is not None and ordinal > 0:
        return str(ordinal)
    if not _DIVISION_NUMBER_RE.fullmatch(text):
        return strip_accents(text).casefold()
    levels = []
    for level in text.split("-"):
        head, *qualifiers = level.split()
        levels.append(" ".join([_division_head_key(head), *(
            _CANONICAL_ADVERB.get(q.lower(), q.upper()) for q in qualifiers)]))
    return "-".join(levels)


def _division_head_key(head: str) -> str:
    lower = head.lower()
    if lower in _FIRST_WORDS:
        return "1"
    if strip_accents(lower) in _WORD_NUMBERS:
        return strip_accents(lower)
    degree = "°" if head.endswith("°") else ""
    core = head.removesuffix("°")
    letters = core.lstrip("0")
    zeros = len(core) - len(letters)
    # A roman numeral, unless a lone C, D, L or M (letters: "C : Dispositions diverses"
    # follows "B"), or a lone lower-case letter ("c)" is a letter, "ii" a numeral). With
    # leading zeros ("0I", a division inserted before I) it stays as written: "01" is
    # another number.
    if letters and not zeros and not letters.isdigit() and (
            (letters.isupper() and (len(letters) > 1 or letters in "IVX"))
            or (letters.islower() and len(letters) > 1)):
        value = roman_to_int(letters.upper())
        if value is not None:
            return str(value) + degree
    return head


def division_number_for_display(key: str, roman: bool) -> str:
    """Inverse of :func:`division_key` for new divisions: ``("3 bis", roman=True)`` →
    ``"III bis"``, ``("1", True)`` → ``"Ier"``; a number no roman numeral writes stays
    as it is (the code général des impôts has a ``chapitre 0 II``).

    >>> division_number_for_display("0 II", roman=True), division_number_for_display("00", True)
    ('0 II', '00')
    """
    base, _, rest = key.partition(" ")
    if roman and _plain_digits(base) and base != "0":
        base = "Ier" if base == "1" else int_to_roman(int(base))
    return base + (" " + rest if rest else "")
