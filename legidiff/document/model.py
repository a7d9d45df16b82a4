"""The document model of a base text: a code as a tree of values.

    Code ─┬─ Division (partie, livre, titre, chapitre, section, …) ─┬─ Division …
          └─ Article                                                 └─ Article ─ Alinea…

Nodes are frozen, slotted dataclasses: an edit builds a new tree and shares the
unchanged nodes. Every node keeps the spelling of its source (``Article.num`` as
written, ``Division.heading`` as written, ``Alinea.text`` byte for byte) and, in
``layout``, whatever else its reader needs to write the file back byte for byte.
The implicit structure inside an article (I / 1° / a) items and phrases) is computed
by :mod:`legidiff.document.structure`, not stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Union

from legidiff.lang.numbering import (
    DIVISION_LABEL_PATTERN,
    DIVISION_NUMBER_PATTERN,
    article_key,
    division_key,
    parse_ordinal,
)
from legidiff.lang.vocabulary import noun
from legidiff.perf import quick_init


class DivisionKind(Enum):
    """Kinds of divisions, outermost first."""

    PARTIE = "partie"
    LIVRE = "livre"
    TITRE = "titre"
    CHAPITRE = "chapitre"
    SECTION = "section"
    SOUS_SECTION = "sous-section"
    PARAGRAPHE = "paragraphe"
    SOUS_PARAGRAPHE = "sous-paragraphe"
    ANNEXE = "annexe"
    # A heading that names no kind of this list: numbered by a label ("I : Bénéfices…",
    # "1° : …" in the code général des impôts) or by a rarer kind ("Sous-titre II",
    # "Sous-sous-paragraphe 1", kept in the heading), or not numbered ("Préambule")
    AUTRE = "autre"

    @property
    def label(self) -> str:
        """Capitalised French name: "Sous-section"."""
        return self.value[0].upper() + self.value[1:]

    @property
    def feminine(self) -> bool:
        entry = noun(self.value)
        return entry is not None and entry.feminine

    @property
    def determiner(self) -> str:
        """The definite article before the kind's name: "le", "la", or "l'" before a
        vowel ("l'annexe")."""
        if self.value[0] in "aeiou":
            return "l'"
        return "la" if self.feminine else "le"

    @property
    def roman(self) -> bool:
        """Whether numbers of this kind are usually roman (livre VIII, but section 2)."""
        return self in (DivisionKind.LIVRE, DivisionKind.TITRE, DivisionKind.CHAPITRE)


@quick_init
@dataclass(frozen=True, slots=True)
class Layout:
    """How a node was written in the file it was read from, for exact round trips.

    Only the reader of ``Code.source_format`` sets it and only its writer reads it, and
    only where the file departs from that writer's default. Nodes built by an edit have
    none and are written in the default form.
    """

    before: str | None = None  # exact separator before the node (blank lines…)
    after: str | None = None  # exact text after the node (end of the file)
    lead: str | None = None  # stray text between a heading and its first child, verbatim
    marker: str | None = None  # exact heading marker ("####### ")
    heading: str | None = None  # exact heading text, when it differs from the node's own
    slug: str | None = None  # file or folder name
    toc: str | None = None  # entry in the parent's table of contents, when it differs
    newline: str | None = None  # line ending of the whole file, when not "\n"


@quick_init
@dataclass(frozen=True, slots=True)
class Alinea:
    """One alinéa: a line of the article. ``text`` is exactly as in the source.

    ``markup`` is true when ``text`` is HTML (a table, inline ``<sup>``, ``<br/>``…),
    kept byte for byte; its visible text is computed by :func:`legidiff.lang.text.visible`.
    """

    text: str
    markup: bool = False
    layout: Layout | None = None
    origin: str | None = None  # what wrote or last changed it ("loi n° …, art. 12, II")

    @property
    def is_table(self) -> bool:
        return self.markup and "<table" in self.text.lower()


@quick_init
@dataclass(frozen=True, slots=True)
class Meta:
    """Where a node comes from: LEGI identifiers and dates, free notes."""

    id: str | None = None  # LEGIARTI…, LEGISCTA…, LEGITEXT…
    etat: str | None = None  # VIGUEUR, MODIFIE, ABROGE…
    date_debut: str | None = None  # ISO dates
    date_fin: str | None = None
    source: str | None = None  # a file path, an address
    note: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f) is None for f in self.__slots__)


@quick_init
@dataclass(frozen=True, slots=True)
class Article:
    """An article: its number as written in the source, and its alinéas."""

    num: str
    alineas: tuple[Alinea, ...] = ()
    meta: Meta | None = None
    layout: Layout | None = None

    @property
    def key(self) -> str:
        """Lookup key of the number: ``L. 852-3`` and ``L852-3`` share ``L852-3``."""
        return article_key(self.num)


@quick_init
@dataclass(frozen=True, slots=True)
class Division:
    """A division: ``heading`` as written ("LIVRE Ier : PRINCIPES GÉNÉRAUX…"), and its
    kind, number and title as read from it."""

    kind: DivisionKind
    number: str  # as written: "Ier", "III bis", "unique", "PREMIÈRE", "législative"
    title: str | None
    heading: str
    children: tuple[Node, ...] = ()
    meta: Meta | None = None
    layout: Layout | None = None

    @property
    def key(self) -> str:
        """Lookup key of the number: "Ier", "premier" and "1er" share "1"."""
        return division_key(self.number)

    @property
    def french(self) -> str:
        """The division named in French: "le chapitre VII", "la section 2", "l'annexe 2"."""
        det = self.kind.determiner
        space = "" if det == "l'" else " "
        return f"{det}{space}{self.kind.value} {self.number}"

    @staticmethod
    def new(kind: DivisionKind, number: str, title: str | None = None,
            children: tuple[Node, ...] = ()) -> Division:
        """A division with the conventional heading "Chapitre II : Title"."""
        heading = f"{kind.label} {number}" + (f" : {title}" if title else "")
        return Division(kind, number, title, heading, children)


Node = Union[Division, Article]  # noqa: UP007 - used at runtime in isinstance checks


@quick_init
@dataclass(frozen=True, slots=True)
class Code:
    """A base text: a code (or any text with articles), as a tree."""

    title: str | None
    children: tuple[Node, ...] = ()
    meta: Meta | None = None
    source_format: str | None = None  # the reader that built it, owner of the layouts
    layout: Layout | None = None
    _index: dict[str, list[ArticlePath]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def walk(self) -> Iterator[tuple[tuple[Division, ...], Node]]:
        """Every node in document order, with its chain of enclosing divisions."""
        stack: list[tuple[tuple[Division, ...], Iterator[Node]]] = [((), iter(self.children))]
        while stack:
            parents, children = stack[-1]
            node = next(children, None)
            if node is None:
                stack.pop()
                continue
            yield parents, node
            if isinstance(node, Division):
                stack.append(((*parents, node), iter(node.children)))

    def articles(self) -> Iterator[ArticlePath]:
        """Every article in document order, with its divisions."""
        for parents, node in self.walk():
            if isinstance(node, Article):
                yield ArticlePath(parents, node)

    def find_articles(self, number: str) -> list[ArticlePath]:
        """Every article with this number (any spelling), in document order.

        More than one means duplicate numbers in the source: all are kept."""
        index = self._index
        if index is None:
            index = {}
            for path in self.articles():
                index.setdefault(path.article.key, []).append(path)
            object.__setattr__(self, "_index", index)
        return list(index.get(article_key(number), ()))

    def duplicates(self) -> dict[str, list[ArticlePath]]:
        """Article numbers that occur more than once."""
        self.find_articles("")
        assert self._index is not None
        return {k: v for k, v in self._index.items() if len(v) > 1}

    def count_articles(self) -> int:
        return sum(1 for _ in self.articles())


@quick_init
@dataclass(frozen=True, slots=True)
class ArticlePath:
    """An article and the divisions that hold it, outermost first."""

    divisions: tuple[Division, ...]
    article: Article

    def describe(self) -> str:
        """French description of where the article sits: "livre II > titre II > …"."""
        return " > ".join(f"{d.kind.value} {d.number}" for d in self.divisions)


# ---------------------------------------------------------------------------
# Reading division headings

_KINDS_BY_WORD = {
    "partie": DivisionKind.PARTIE, "livre": DivisionKind.LIVRE, "titre": DivisionKind.TITRE,
    "chapitre": DivisionKind.CHAPITRE, "section": DivisionKind.SECTION,
    "sous-section": DivisionKind.SOUS_SECTION, "paragraphe": DivisionKind.PARAGRAPHE,
    "sous-paragraphe": DivisionKind.SOUS_PARAGRAPHE,
    "annexe": DivisionKind.ANNEXE, "annexes": DivisionKind.ANNEXE,
    # Real kinds that the model (and the JSON schema v1) do not list: the division is of
    # kind "autre", with its number; the heading keeps the word. Code de procédure civile
    # and pénale ("Sous-titre II"), code de commerce ("Sous-sous-paragraphe 1").
    "sous-titre": DivisionKind.AUTRE, "sous-sous-paragraphe": DivisionKind.AUTRE,
}
_KIND_WORDS = "|".join(sorted(_KINDS_BY_WORD, key=len, reverse=True))
_HEADING_RE = re.compile(
    rf"""^(?P<kind>{_KIND_WORDS})\b
        (?:(?:\s++|\s*+:\s*+)(?P<number>{DIVISION_NUMBER_PATTERN}))?
        (?:\s*+\.)?(?:\s*+:\s*+(?P<title>(?:.*\S)?)|\s++(?P<title2>\S(?:.*\S)?))?\s*$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
# "PREMIÈRE PARTIE : …", "DEUXIEME PARTIE", "1re Sous-section : …"
_ORDINAL_KIND_RE = re.compile(
    rf"^(?P<ordinal>[^\s:]+)\s+(?P<kind>{_KIND_WORDS})\b\s*+(?::\s*+(?P<title>(?:.*\S)?))?\s*$",
    re.IGNORECASE | re.DOTALL)
# "Partie législative", "PARTIE REGLEMENTAIRE - Arrêtés", "Partie législative nouvelle"
_NAMED_PART_RE = re.compile(
    r"^partie\s+(?P<number>(?:l[ée]gislative|r[ée]glementaire|arr[êe]t[ée]s)"
    r"(?:\s+(?:nouvelle|ancienne))?(?:\s+[-–]\s+[^:\n]*?)?)"
    r"\s*+(?::\s*+(?P<title>(?:.*\S)?))?\s*$", re.IGNORECASE | re.DOTALL)
# A division of no named kind, numbered by a label: "I : Bénéfices…", "1° Généralités",
# "A. - Dispositions communes.", "a) Du retrait…", "2 septies : …", "II." (code général
# des impôts, code de procédure pénale…)
_LABEL_HEADING_RE = re.compile(
    rf"""^(?P<number>{DIVISION_LABEL_PATTERN})
        (?:\s*+\.?\s*+[:;]\s*+(?P<title>(?:.*\S)?)    # "I : …", "A. : …", "1° quater ; …"
          |\s*+[.)]\s*+(?:[-–―]\s*+)?(?P<title2>\S(?:.*\S)?) # "A. …", "C) …", "A. - …"
          |(?<=°)\s++(?P<title3>\S(?:.*\S)?)          # "1° Généralités"
          |\s\s++(?P<title4>\S(?:.*\S)?)             # "1  Structure tarifaire…"
          |\s*+\.?                                   # "II."
        )\s*$""",
    re.VERBOSE | re.DOTALL)


def parse_heading(heading: str) -> Division | None:
    """Read a division heading; None if it is not one.

    >>> d = parse_heading("LIVRE Ier : PRINCIPES GÉNÉRAUX")
    >>> (d.kind.value, d.number, d.title, d.key)
    ('livre', 'Ier', 'PRINCIPES GÉNÉRAUX', '1')
    >>> parse_heading("PREMIÈRE PARTIE : LES RELATIONS INDIVIDUELLES DE TRAVAIL").key
    '1'
    >>> parse_heading("Chapitre unique.").number
    'unique'
    >>> d = parse_heading("2 septies : Entreprises implantées dans les bassins d'emploi")
    >>> (d.kind.value, d.number, d.key)
    ('autre', '2 septies', '2 septies')
    """
    text = heading.strip()
    m = _NAMED_PART_RE.match(text)
    if m:
        return Division(DivisionKind.PARTIE, m.group("number"), m.group("title"), heading)
    m = _ORDINAL_KIND_RE.match(text)
    if m and (parse_ordinal(m.group("ordinal")) or 0) > 0:
        return Division(_KINDS_BY_WORD[m.group("kind").lower()], m.group("ordinal"),
                        m.group("title"), heading)
    m = _HEADING_RE.match(text)
    if m:
        kind = _KINDS_BY_WORD[m.group("kind").lower()]
        number = m.group("number")
        title = m.group("title") if m.group("title") is not None else m.group("title2")
        if number is None:
            if kind is not DivisionKind.ANNEXE:
                return None
            number = ""
        return Division(kind, number, title or None, heading)
    m = _LABEL_HEADING_RE.match(text)
    if m:
        title = next((t for t in m.group("title", "title2", "title3", "title4") if t), None)
        return Division(DivisionKind.AUTRE, m.group("number"), title, heading)
    return None
