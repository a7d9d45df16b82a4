"""The implicit structure inside an article: items (I. / A. / 1° / a) / tirets) and phrases.

Rules (docs/drafting.md §1), as applied here:

* Every alinéa is a line; an alinéa that opens with a label opens an item, which runs
  until the next label of the same or an outer level. Levels, outermost first: roman
  (``I. –``, ``II bis.-``), capital letter (``A. –``), arabic (``1°``, ``2° bis``,
  ``1° A``), small letter (``a)``, ``b bis)``), tiret (``– ``). An alinéa may open several
  nested items at once ("II. – A. – Le …").
* Unlabelled alinéas after an item belong to it (its continuation). The last item of a
  list may thus hold a closing alinéa that drafters see as the parent's; ``Item.open_end``
  flags that case so that operations on it can refuse to guess — except where the list's
  punctuation tells: items ending with « ; » and a last one whose first alinéa ends with
  « . » end the enumeration there, and the alinéas after it are the parent's.
* "C", "I", "L", "V", "X" followed by ". –" are letters when they continue a letter
  list (after "B", "H", "K", "U", "W"), roman numerals otherwise.
* A phrase ends with a full stop followed by a space or the end of the alinéa, outside
  « » and parentheses, unless the full stop ends an abbreviation ("art.", "M.") or an
  initial before a number ("L. 851-1"). The labels and the article header
  ("Art. L. 852-3. –") that open an alinéa are not part of its phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from legidiff.document.model import Alinea, Article
from legidiff.lang.numbering import roman_to_int, suffix_rank
from legidiff.lang.text import visible
from legidiff.lang.vocabulary import ADVERB_PATTERN


class Level(IntEnum):
    """Item levels, outermost first."""

    ROMAN = 1
    LETTER = 2
    NUMBER = 3  # "1.", "2 bis." (the code général des impôts: I > A > 1 > 1° > a)
    ARABIC = 4
    SMALL = 5
    TIRET = 6


# the levels, read once (``Level.ROMAN`` looks the member up through the enumeration's
# class each time): read_labels reads every line of a bill
_ROMAN, _LETTER, _NUMBER, _ARABIC, _SMALL, _TIRET = Level

_DASH = "-‐‑‒–—―−"
_SUFFIX = rf"(?:\s+(?:{ADVERB_PATTERN}))*(?:\s+[A-Z](?=[\s.]))?"
_ROMAN_RE = re.compile(rf"(?P<n>[IVXLC]+)(?P<s>{_SUFFIX})\s*\.\s*[{_DASH}]\s*")
_ROMAN_BARE_RE = re.compile(rf"(?P<n>[IVXLC]+)(?P<s>{_SUFFIX})\s*\.\s+(?=[A-ZÀ-Ý«])")
_LETTER_RE = re.compile(rf"(?P<n>[A-Z])(?P<s>(?:\s+(?:{ADVERB_PATTERN}))*)\s*\.\s*[{_DASH}]\s*")
_ARABIC_RE = re.compile(
    rf"(?P<n>\d+)\s*(?:°|º|o(?=\s))(?P<s>(?:\s+(?:{ADVERB_PATTERN}))*"
    r"(?:\s+[A-Z](?=\.?\s+(?:[A-ZÀ-Ý«\"(]|$)|$))?)[\s.]*(?:[" + _DASH + r"]\s+)?")
# "1. Les contributions …", "2 bis. Le …", "1.1° (Périmé)", "1. 1° (Périmé)",
# "12.L'Agence …" (LEGI's missing space): a number and a full stop,
# before a capital, a quotation, a parenthesis or a "1°"
_NUMBER_RE = re.compile(rf"(?P<n>\d{{1,4}})(?P<s>(?:\s+(?:{ADVERB_PATTERN}))*)\s*\."
                        r"(?:\s+(?=[A-ZÀ-Ý«\"(])|\s*(?=\d{1,3}\s*°)|(?=[A-ZÀ-Ý]['’a-zà-ÿ]))")
# "a)", "b bis)"; "a.", "b bis." as the code général des impôts writes them (one letter or
# a doubled one: "ex." or "cf." are no labels)
_SMALL_RE = re.compile(rf"(?P<n>[a-z]{{1,2}})(?P<s>(?:\s+(?:{ADVERB_PATTERN}))*)\s*\)\s*"
                       rf"|(?P<n2>[a-z]|(?P<d>[a-z])(?P=d))(?P<s2>(?:\s+(?:{ADVERB_PATTERN}))*)"
                       r"\.\s+")
# a tiret: its dash, then a space — or, the space lost, the word straight after it in
# small letters (« -les mots : … y sont remplacés », a 1992 law as Légifrance gives it;
# never a number nor a capital: « -10 % », « -A- »)
_TIRET_RE = re.compile(rf"[{_DASH}•](?:\s+|(?=[a-zàâäçéèêëîïôöùûü]))")
# (possessive runs of spaces: "Art. 2999" then 40,000 spaces split the run between the
# "\s*" in a row, 6 s)
_HEADER_RE = re.compile(
    rf"^\s*+«?\s*+Art(?:icle)?\.?\s++(?P<num>(?:[LRDA]\.?\s*+O?\.?\s*+\*?\s*+)?\d++"
    rf"(?:-\d++)*+(?:\s*+(?:er|re))?(?:\s++(?:{ADVERB_PATTERN}|[A-Z])\b)*)\s*+\.?\s*+"
    rf"[{_DASH}]\s*")


@dataclass(frozen=True, slots=True)
class Label:
    """An item label as read at the start of an alinéa."""

    level: Level
    text: str  # canonical: "I", "II bis", "A", "1°", "2° bis", "1° A", "a", "b bis", "–"
    end: int  # offset in the visible text where the label (and its spacing) ends


@lru_cache(maxsize=4096)
def canonical_label(text: str) -> str:
    """The canonical form used in locators: "II bis", "1°", "b", "2° A".

    >>> canonical_label("b)"), canonical_label("1o bis"), canonical_label(" I  bis ")
    ('b', '1° bis', 'I bis')
    """
    t = " ".join(text.replace("º", "°").split()).rstrip(").").strip()
    t = re.sub(r"^(\d+)\s*o\b", r"\1°", t)
    t = re.sub(r"^(\d+)\s*°\s*(?=[a-z])", r"\1° ", t)  # "4°bis" is "4° bis"
    return re.sub(r"^(\d+)\s*°", r"\1°", t)


def read_labels(text: str, letter_context: str | None = None) -> list[Label]:
    """The labels that open a visible text, outermost first (usually zero or one).

    ``letter_context`` is the last capital-letter label seen in the article, which
    decides whether "C. –" is a letter or a roman numeral.

    >>> [(l.level.name, l.text) for l in read_labels("II. – A. – 1° Le texte")]
    [('ROMAN', 'II'), ('LETTER', 'A'), ('ARABIC', '1°')]
    >>> [l.text for l in read_labels("b bis) Les mots")], read_labels("L'article")
    (['b bis'], [])
    >>> [l.text for l in read_labels("b. 1° Les remboursements")]
    ['b', '1°']
    """
    labels: list[Label] = []
    pos = 0
    min_level = _ROMAN
    while True:
        label = _read_one(text, pos, min_level, letter_context)
        if label is None:
            return labels
        labels.append(label)
        if label.level is _LETTER:
            letter_context = label.text
        pos = label.end
        min_level = Level(label.level + 1) if label.level < _TIRET else _TIRET
        if label.level is _SMALL:
            # the code général des impôts' "b. 1° Les remboursements …": a 1° opening the
            # list of the b (an inner list of an outer level: it nests in the b)
            m = _ARABIC_RE.match(text, pos)
            if m:
                labels.append(Label(_ARABIC, canonical_label(
                    m.group("n") + "°" + m.group("s")), m.end()))
        if label.level >= _SMALL:
            return labels


def _read_one(text: str, pos: int, min_level: Level, letter_context: str | None
              ) -> Label | None:
    if min_level <= _LETTER:
        m = _LETTER_RE.match(text, pos)
        roman = _ROMAN_RE.match(text, pos)
        if m and (roman is None or roman.end() <= m.end()):
            letter = m.group("n")
            is_letter = (roman_to_int(letter) is None
                         or (letter_context is not None
                             and ord(letter) == ord(letter_context[0]) + 1)
                         or min_level == _LETTER)
            if is_letter:
                return Label(_LETTER, canonical_label(letter + m.group("s")), m.end())
        if min_level == _ROMAN:
            roman = roman or _ROMAN_BARE_RE.match(text, pos)
            if roman and roman_to_int(roman.group("n")) is not None:
                return Label(_ROMAN, canonical_label(roman.group("n") + roman.group("s")),
                             roman.end())
    if min_level <= _NUMBER:
        m = _NUMBER_RE.match(text, pos)
        if m:
            return Label(_NUMBER, canonical_label(m.group("n") + m.group("s")), m.end())
    if min_level <= _ARABIC:
        m = _ARABIC_RE.match(text, pos)
        if m:
            return Label(_ARABIC, canonical_label(m.group("n") + "°" + m.group("s")),
                         m.end())
    if min_level <= _SMALL:
        m = _SMALL_RE.match(text, pos)
        if m:
            letters = m.group("n") or m.group("n2")
            suffix = m.group("s") if m.group("n") else m.group("s2")
            return Label(_SMALL, canonical_label(letters + suffix), m.end())
    m = _TIRET_RE.match(text, pos)
    if m and pos == 0:
        return Label(_TIRET, "–", m.end())
    return None


def strip_header(text: str) -> tuple[str | None, int]:
    """The article number of a bill-style header ("Art. L. 852-3. – ") and where the
    text after it starts; ``(None, 0)`` when there is none."""
    m = _HEADER_RE.match(text)
    if not m:
        return None, 0
    return " ".join(m.group("num").split()), m.end()


# ---------------------------------------------------------------------------
# Phrases

_ABBREVIATIONS = frozenset({
    "art", "Art", "al", "cf", "M", "MM", "Mme", "Mlle", "Me", "Dr", "St", "Ste", "av",
    "bd", "chap", "coll", "éd", "ex", "fasc", "op", "cit", "ibid", "id", "not", "suiv",
    "vol", "n", "p", "pp", "s", "ss", "v", "c", "J.O", "JO", "JORF", "Bull", "Rec",
})
# a full stop followed by a space or the end; in LEGI's copies the space is sometimes
# missing ("… conditions requises.L'établissement …", "… locaux.A défaut, …"): a full stop
# after a word in small letters, right before a capital that starts a word, ends a phrase
# too
_PHRASE_END_RE = re.compile(
    r"\.(?=\s|$)|(?<=[a-zàâçéèêëîïôûùüÿœ]{2})\.(?=[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŸ][a-zàâçéèêëîïôûùüÿœ'’\s])")
_LONGEST_WORD_BEFORE = 64
_NEXT_RE = re.compile(r"\s*(\S)")


def phrase_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans ``(begin, end)`` of the phrases of a visible text, from ``start``.

    >>> t = "Les articles L. 851-1 et L. 852-1 sont applicables. M. le ministre statue."
    >>> [t[a:b] for a, b in phrase_spans(t)]
    ['Les articles L. 851-1 et L. 852-1 sont applicables.', 'M. le ministre statue.']
    >>> t = "Les conditions requises.L'établissement statue."
    >>> [t[a:b] for a, b in phrase_spans(t)]
    ['Les conditions requises.', "L'établissement statue."]
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    if start >= n:
        return spans
    quote_ok = text.count("«") == text.count("»")
    paren_ok = text.count("(") == text.count(")")
    depth_q = depth_p = 0
    begin = start
    i = start
    for m in _PHRASE_END_RE.finditer(text, start):
        j = m.start()
        segment = text[i:j]
        if quote_ok:
            depth_q += segment.count("«") - segment.count("»")
        if paren_ok:
            depth_p += segment.count("(") - segment.count(")")
        i = j
        if depth_q > 0 or depth_p > 0:
            continue
        if not _ends_phrase(text, j):
            continue
        spans.append((begin, j + 1))
        k = j + 1
        while k < n and text[k].isspace():
            k += 1
        begin = k
    if begin < n:
        end = n
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            spans.append((begin, end))
    return spans


def _ends_phrase(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` (followed by a space, the end, or a capital glued
    to it) ends a phrase."""
    nxt = _NEXT_RE.match(text, dot + 1)
    if nxt is None:
        return True
    following = nxt.group(1)
    if following.islower() or following in ",;:)»":
        return False  # a phrase never starts with a small letter or punctuation
    # the word before the full stop, read backwards (a search from the text's start was
    # quadratic on a long word or a run of dots); a word longer than any abbreviation or
    # run of initials ends the phrase
    k, limit = dot, max(0, dot - _LONGEST_WORD_BEFORE)
    while k > limit and (text[k - 1].isalnum() or text[k - 1] in "_.*"):
        k -= 1
    if k == dot:
        return True
    if k == limit and limit > 0 and (text[k - 1].isalnum() or text[k - 1] in "_.*"):
        return True
    before = text[k:dot]
    if before in _ABBREVIATIONS or (before.endswith(".") and before.rstrip(".") in
                                    _ABBREVIATIONS):
        return False
    if following.isdigit() or following == "*":
        # "L. 851-1", "R.* 12", "L.O. 6", "art. 5": an initial or abbreviation before a number
        letters = before.replace(".", "").replace("*", "")
        if len(letters) <= 3 and letters.isupper():
            return False
    return not (before.count(".") >= 1 and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", before))


# ---------------------------------------------------------------------------
# The structure of an article


ItemKey = tuple[int, tuple[tuple[int, int], ...]]


def item_sort_key(label: str, level: Level) -> ItemKey | None:
    """Order of items of one list: ``I`` < ``I bis`` < ``II``, ``1° A`` < ``1°`` <
    ``1° bis``, ``z`` < ``aa``; None for tirets and what cannot be read.

    >>> sorted(["2°", "1° bis", "1° A", "1°"], key=lambda t: item_sort_key(t, Level.ARABIC))
    ['1° A', '1°', '1° bis', '2°']
    """
    head, *suffix = label.split()
    value: int | None
    if level is Level.ROMAN:
        value = roman_to_int(head)
    elif level is Level.LETTER:
        value = ord(head) - 64 if len(head) == 1 and "A" <= head <= "Z" else None
    elif level in (Level.ARABIC, Level.NUMBER):
        digits = head.rstrip("°")
        value = int(digits) if digits.isdigit() else None
    elif level is Level.SMALL and head.isalpha() and head.islower():
        value = 0
        for c in head:
            value = value * 26 + ord(c) - 96
    else:
        value = None
    if value is None:
        return None
    return value, (*(suffix_rank(s) for s in suffix), (1, 0))


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered item of an article: alinéas ``start`` to ``end`` (exclusive, indexes in
    the article), and its sub-items."""

    label: str
    level: Level
    start: int
    end: int
    children: tuple[Item, ...]
    open_end: bool  # last of its list and followed by unlabelled alinéas

    @property
    def count(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class AlineaInfo:
    """What the structure knows of one alinéa."""

    text: str  # visible text
    labels: tuple[Label, ...]
    body: int  # where the text after the labels (and header) starts
    phrases: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ArticleStructure:
    """The items and phrases of an article."""

    alineas: tuple[AlineaInfo, ...]
    items: tuple[Item, ...]  # top-level items

    def phrases(self, index: int) -> list[str]:
        info = self.alineas[index]
        return [info.text[a:b] for a, b in info.phrases]

    def path_to(self, index: int) -> list[Item]:
        """The items holding alinéa ``index``, outermost first."""
        chain: list[Item] = []
        items = self.items
        while True:
            for item in items:
                if item.start <= index < item.end:
                    chain.append(item)
                    items = item.children
                    break
            else:
                return chain


def alinea_info(alinea: Alinea, first: bool = False,
                letter_context: str | None = None) -> AlineaInfo:
    """Labels and phrases of one alinéa (``first``: the article's first, which may carry
    a bill-style header)."""
    return _alinea_info(alinea.text, alinea.markup, first, letter_context)


@lru_cache(maxsize=65536)
def _alinea_info(raw: str, markup: bool, first: bool, letter_context: str | None
                 ) -> AlineaInfo:
    text = visible(raw, markup)
    offset = 0
    if first:
        _, offset = strip_header(text)
    if markup and "<table" in raw.lower():
        return AlineaInfo(text, (), 0, ())
    labels = read_labels(text[offset:], letter_context)
    body = offset + (labels[-1].end if labels else 0)
    shifted = tuple(Label(lab.level, lab.text, lab.end + offset) for lab in labels)
    return AlineaInfo(text, shifted, body, tuple(phrase_spans(text, body)))


def analyse(article: Article) -> ArticleStructure:
    """Compute the items and phrases of an article (the last article's are kept: an
    operation often asks twice for those of the article it reads)."""
    last = next(iter(_LAST_ANALYSED), None)  # one read: another thread may replace it
    if last is not None and last[0] is article:
        return last[1]
    structure = _analyse(article)
    _LAST_ANALYSED[:] = [(article, structure)]
    return structure


_LAST_ANALYSED: list[tuple[Article, ArticleStructure]] = []


def _analyse(article: Article) -> ArticleStructure:
    infos: list[AlineaInfo] = []
    letter_context: str | None = None
    for i, alinea in enumerate(article.alineas):
        info = alinea_info(alinea, first=(i == 0), letter_context=letter_context)
        for lab in info.labels:
            if lab.level is Level.LETTER:
                letter_context = lab.text
            elif lab.level is Level.ROMAN:
                letter_context = None
        infos.append(info)
    return ArticleStructure(tuple(infos), _build_items(infos))


@dataclass
class _Open:
    label: str
    level: Level
    start: int
    children: list[Item]


def _build_items(infos: list[AlineaInfo]) -> tuple[Item, ...]:
    root: list[Item] = []
    stack: list[_Open] = []

    def pop(at: int) -> None:
        node = stack.pop()
        item = Item(node.label, node.level, node.start, at, tuple(node.children), False)
        (stack[-1].children if stack else root).append(item)

    def close(level: Level, at: int) -> None:
        # a list opened inside an item of an inner level ("b. 1° …", "b octies. … :" then
        # "1° …"): its next item closes up to its sibling, not the item holding the list
        sibling = next((k for k in range(len(stack) - 1, -1, -1)
                        if stack[k].level is level), None)
        if sibling is not None:
            while len(stack) > sibling:
                pop(at)
            return
        while stack and stack[-1].level >= level:
            pop(at)

    for i, info in enumerate(infos):
        for k, lab in enumerate(info.labels):
            # labels on one alinéa nest in reading order ("b. 1° Les …": the 1° of the b);
            # so does a 1° opening a list after a small-letter item ending with « : »
            # ("b octies. … :") — not a 2° that goes on the list of an outer 1° ("1° a) … ;
            # b) … ; c) … :" then "2° a) …")
            inverted = stack and lab.level < stack[-1].level and (
                k > 0 or (lab.text == "1°" and stack[-1].level is Level.SMALL
                          and all(o.level is not lab.level for o in stack)
                          and i > 0 and _ends_with(infos[i - 1].text, ":")))
            if not inverted:
                close(lab.level, i)
            stack.append(_Open(lab.text, lab.level, i, []))
    close(Level.ROMAN, len(infos))
    return _flag_open_ends(tuple(root), [info.text for info in infos])


def _ends_with(text: str, mark: str) -> bool:
    return text.rstrip().endswith(mark)


def _flag_open_ends(items: tuple[Item, ...], texts: list[str]) -> tuple[Item, ...]:
    """Mark the last item of each list of 1° / a) / tirets when it runs over several
    alinéas without sub-items: its trailing alinéas may close the parent instead —
    unless the list's punctuation says where it ends: the items before end with « ; »
    and the last one's first alinéa with « . », the mark of an enumeration's end; the
    item is then that alinéa alone, the alinéas after it close the parent."""
    out = []
    for k, item in enumerate(items):
        children = _flag_open_ends(item.children, texts)
        last = k == len(items) - 1 and item.level >= Level.ARABIC and not children
        if (last and item.count > 1 and k > 0 and _ends_with(texts[item.start], ".")
                and _ends_with(texts[items[k - 1].end - 1], ";")):
            out.append(Item(item.label, item.level, item.start, item.start + 1, (), False))
            continue
        open_end = last and item.count > 1
        out.append(Item(item.label, item.level, item.start, item.end, children, open_end))
    return tuple(out)
