"""Typed operations parsed from drafting instructions, with their provenance.

Every operation has a ``target`` (a :class:`~legidiff.document.locator.Locator`, naming its code or
law when the bill does) and a ``source`` (where it is in the bill). One instruction
with a list of targets ("Les articles R. 223-11 et R. 223-12 sont abrogés") gives one
operation per target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Union, assert_never

from legidiff.diagnostics import Diagnostic
from legidiff.document.locator import Locator
from legidiff.perf import quick_init

if TYPE_CHECKING:
    from legidiff.bill.text import BillText


@quick_init
@dataclass(frozen=True, slots=True)
class Source:
    """Where an operation comes from: the bill's title, the item ("article 11, I, 2°"),
    the line and column of the instruction, and its text as written."""

    title: str | None
    bill_ref: str
    line: int
    column: int
    text: str
    # the dates the instruction itself gives ("est abrogé à compter du 1er janvier 2011"):
    # recorded in the report; the instruction is applied all the same
    dates: tuple[str, ...] = ()

    @property
    def origin(self) -> str:
        """What the engine records on what it writes: "title, bill reference"."""
        return origin_label(self.title, self.bill_ref)

    def to_json(self) -> dict[str, object]:
        return {"bill_ref": self.bill_ref, "line": self.line, "column": self.column,
                "text": self.text}


def origin_label(title: str | None, bill_ref: str) -> str:
    """"Projet de loi …, article 11, I, 1°", or the reference alone without a title."""
    return f"{title}, {bill_ref}" if title else bill_ref


@quick_init
@dataclass(frozen=True, slots=True)
class Words:
    """Quoted words of the text: « X » (several with "respectivement" or lists), with
    the occurrence named ("la deuxième occurrence", -1: the last), or everywhere."""

    texts: tuple[str, ...]
    kind: str = "mots"  # mot(s), référence(s), nombre, taux, montant, signe, mention…
    occurrence: int | None = None
    everywhere: bool = False
    quoted: bool = True  # False: "la référence à l'article R. 224-6" (the words are implied)
    # "deux fois", "(trois occurrences)": every occurrence in the unit, and there must be
    # exactly that many
    count: int | None = None
    # "les mots : « le présent chapitre » ou « du présent chapitre » sont remplacés par les
    # mots : « la présente section » ou « de la présente section »": the unit holds one or
    # the other (or both); each found is replaced by its own, paired in order
    alternatives: bool = False
    # "Dans tous les textes législatifs et réglementaires, …": everywhere in every text, the
    # base among them (a text that does not hold the words is left as it is)
    all_texts: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"texts": list(self.texts), "kind": self.kind}
        if self.occurrence is not None:
            out["occurrence"] = self.occurrence
        if self.everywhere:
            out["everywhere"] = True
        if not self.quoted:
            out["quoted"] = False
        if self.count is not None:
            out["count"] = self.count
        if self.alternatives:
            out["alternatives"] = True
        if self.all_texts:
            out["all_texts"] = True
        return out


class UnitKind(Enum):
    """Kinds of units an instruction writes."""

    ALINEA = "alinéa"
    PHRASE = "phrase"
    TIRET = "tiret"
    ITEM = "item"  # I, 1°, a), named by their labels
    ARTICLE = "article"
    DIVISION = "division"
    WORDS = "mots"
    TEXT = "dispositions"  # "les dispositions suivantes": whatever the quote holds


@quick_init
@dataclass(frozen=True, slots=True)
class NewText:
    """What an instruction writes: "deux alinéas ainsi rédigés : « … » « … »", "un
    article L. 852-3 ainsi rédigé", "les mots : « … »". ``alineas`` is the quoted text,
    without its quotation marks, one string per alinéa."""

    kind: UnitKind
    alineas: tuple[str, ...]
    count: int | None = None  # "deux alinéas"
    labels: tuple[str, ...] = ()  # article numbers, item labels, division numbers
    division: str | None = None  # "chapitre" when kind is DIVISION
    markers: tuple[str, ...] = ()  # "V. – (Supprimé)" lines of the quote, not text
    inline: bool = False  # quoted in the instruction's own sentence, not as a block below
    ordinal: int | None = None  # "un second alinéa": the rank it takes (checked when applied)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind.value, "alineas": list(self.alineas)}
        if self.inline:
            out["inline"] = True
        if self.count is not None:
            out["count"] = self.count
        if self.labels:
            out["labels"] = list(self.labels)
        if self.division:
            out["division"] = self.division
        if self.markers:
            out["markers"] = list(self.markers)
        if self.ordinal is not None:
            out["ordinal"] = self.ordinal
        return out


class Position(Enum):
    AFTER = "after"
    BEFORE = "before"
    # « entre les mots : « A » et « B » » (a 1990s arrêté): where « A » is followed by « B »,
    # the separator between them written again after the new words
    BETWEEN = "between"
    START = "start"
    END = "end"
    ORDER = "order"  # "il est inséré un article L. 114-3": at its place in the numbering


@quick_init
@dataclass(frozen=True, slots=True)
class ReplaceWords:
    """« X » replaced by « Y » (pairs when ``respectively``)."""

    target: Locator
    source: Source
    old: Words
    new: tuple[str, ...]
    respectively: bool = False
    kind: str = field(default="replace_words", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class DeleteWords:
    target: Locator
    source: Source
    old: Words
    kind: str = field(default="delete_words", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class InsertWords:
    """New words after or before an anchor, or at the start or end of the unit."""

    target: Locator
    source: Source
    new: tuple[str, ...]
    position: Position
    anchor: Words | None = None
    # the words are a label given to the unit (« … constituent un I », « … est numéroté :
    # « 18° » »): refused when the unit already opens with a label of that level or above
    label: bool = False
    kind: str = field(default="insert_words", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class RewriteEnd:
    """"Après le mot : « X », la fin de la phrase est ainsi rédigée : « Y »"."""

    target: Locator
    source: Source
    anchor: Words
    new: str
    phrase: bool = False  # « la fin de la phrase »: to the end of the words' phrase
    kind: str = field(default="rewrite_end", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class RewriteStart:
    """"Le début du premier alinéa est ainsi rédigé : « Y… (le reste sans changement) »":
    ``new`` (the new beginning, without the ellipsis and the marker) replaces the text
    from the start of the unit up to the end of the words it shares with it: the longest
    end of ``new`` found in the unit, which must be found there once."""

    target: Locator
    source: Source
    new: str
    kind: str = field(default="rewrite_start", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class DeleteEnd:
    target: Locator
    source: Source
    anchor: Words
    phrase: bool = False  # « la fin de la phrase »: to the end of the words' phrase
    kind: str = field(default="delete_end", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Rewrite:
    """The unit is rewritten ("est ainsi rédigé", "est remplacé par …")."""

    target: Locator
    source: Source
    new: NewText
    kind: str = field(default="rewrite", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Complete:
    """New text added at the end of the unit ("est complété par …", "Il est ajouté …")."""

    target: Locator
    source: Source
    new: NewText
    kind: str = field(default="complete", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class InsertUnits:
    """New units after or before ``anchor`` inside ``target`` ("Après le III, il est
    inséré un III bis ainsi rédigé")."""

    target: Locator  # the anchor unit
    source: Source
    position: Position
    new: NewText
    kind: str = field(default="insert_units", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class DeleteUnit:
    target: Locator
    source: Source
    kind: str = field(default="delete", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Repeal:
    target: Locator
    source: Source
    kind: str = field(default="repeal", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Restore:
    """A repealed unit re-established ("est rétabli un article L. 123-4 ainsi rédigé")."""

    target: Locator
    source: Source
    new: NewText
    kind: str = field(default="restore", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Renumber:
    target: Locator
    source: Source
    new_label: str
    kind: str = field(default="renumber", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Move:
    """An existing unit moved into another division, where it may take another kind and
    number: "Les sections 2, 3 et 4 deviennent respectivement les sous-sections 1, 2 et 3
    de la section 1" (each section goes into the section 1, as a sous-section); "Il est
    inséré un chapitre Ier intitulé : « … », comprenant l'article L. 691-1" (the article
    goes into the new chapter, which the instruction creates just before). ``destination``
    is the division it goes into; ``new_division`` and ``new_label`` the kind and number it
    takes there (None: it keeps its own, as an article does)."""

    target: Locator
    source: Source
    destination: Locator
    new_division: str | None = None
    new_label: str | None = None
    kind: str = field(default="move", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class GroupArticles:
    """Existing articles gathered in a new division, where they stand: "Les articles
    D. 171-2 à D. 171-11 sont regroupés au sein d'une sous-section 1 intitulée : « … »" (a
    2015 décret, code de la sécurité sociale), "Les articles R. 1 à R. 5 constituent une
    section 1 intitulée : « … »", "Il est créé une section 1 intitulée : « … » comprenant les
    articles L. 1 à L. 3". ``target`` names the articles (one, or a range over the base's
    articles in their order); ``new`` is the division, its heading alone. The articles
    must stand side by side in one division, nothing else between them; the new division
    takes their place there and they go into it, in their order."""

    target: Locator
    source: Source
    new: NewText
    kind: str = field(default="group", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class RenumberPrefix:
    """"Dans la numérotation des articles R.* 112-6 à R.* 112-50, R.* 112-56, … et R.* 162-1,
    la lettre « R.* » est remplacée par la lettre « R. »" (décret n° 2005-368 du 19 avril
    2005, code rural): the articles named, each one alone or a range (first, last) over the
    base's articles in their order inside ``target``, their prefix ``old`` becoming ``new``.
    One operation for the whole list: every article is found before any is renumbered."""

    target: Locator  # where the articles are (the chapeau's unit)
    source: Source
    numbers: tuple[tuple[str, str | None], ...]  # article keys: (one, None) or (first, last)
    old: str
    new: str
    kind: str = field(default="renumber_prefix", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class SplitAlinea:
    """"Les troisième et quatrième phrases du sixième alinéa deviennent un septième alinéa"
    (Grenelle II, article L. 123-1 of the code de l'urbanisme): the phrases leave their
    alinéa and make a new alinéa, which takes the rank ``rank`` among the alinéas of the
    article (checked: after its own alinéa, with every rank before it filled)."""

    target: Locator  # the phrases: one, or a span of them
    source: Source
    rank: int
    kind: str = field(default="split_alinea", init=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Limited:
    """A change the text makes only as far as a subject goes: « Les articles 27 à 31 et, en
    tant qu'ils concernent les sociétaires coopératives de production et leurs unions, 39
    à 45 du titre II du livre III de l'ancien code du travail sont abrogés » (a law of
    2014). ``change`` is the operation as written without its limitation (the repeal of
    the articles 39 to 45), ``limitation`` the words that limit it. What it takes out of,
    or changes in, each unit is a matter of reading, not of words: the engine never
    applies it and always reports it as failed (LD321), so the consolidation is marked
    incomplete. The units the sentence changes without condition (the articles 27 to 31)
    are operations of their own."""

    target: Locator
    source: Source
    change: Operation
    limitation: str
    kind: str = field(default="limited", init=False)


Operation = Union[  # noqa: UP007 - a runtime union, matched in one place by the engine
    ReplaceWords, DeleteWords, InsertWords, RewriteEnd, RewriteStart, DeleteEnd, Rewrite,
    Complete,
    InsertUnits, DeleteUnit, Repeal, Restore, Renumber, Move, RenumberPrefix, SplitAlinea,
    GroupArticles, Limited]


def operation_json(op: Operation) -> dict[str, object]:
    """The documented JSON form of an operation: ``kind``, ``target``, operands,
    ``bill_ref``, ``line``, ``column``, ``text``."""
    out: dict[str, object] = {"kind": op.kind, "target": str(op.target)}
    if op.target.code:
        out["code"] = op.target.code
    match op:
        case ReplaceWords():
            out["old"] = op.old.to_json()
            out["new"] = list(op.new)
            if op.respectively:
                out["respectively"] = True
        case DeleteWords():
            out["old"] = op.old.to_json()
        case InsertWords():
            out["new"] = list(op.new)
            out["position"] = op.position.value
            if op.anchor is not None:
                out["anchor"] = op.anchor.to_json()
            if op.label:
                out["label"] = True
        case RewriteEnd():
            out["anchor"] = op.anchor.to_json()
            out["new"] = op.new
            if op.phrase:
                out["phrase"] = True
        case RewriteStart():
            out["new"] = op.new
        case DeleteEnd():
            out["anchor"] = op.anchor.to_json()
            if op.phrase:
                out["phrase"] = True
        case Rewrite() | Complete() | Restore() | GroupArticles():
            out["new"] = op.new.to_json()
        case InsertUnits():
            out["position"] = op.position.value
            out["new"] = op.new.to_json()
        case Renumber():
            out["new_label"] = op.new_label
        case SplitAlinea():
            out["rank"] = op.rank
        case RenumberPrefix():
            out["numbers"] = [[first, last] if last else [first] for first, last in op.numbers]
            out["old"] = op.old
            out["new"] = op.new
        case Move():
            out["destination"] = str(op.destination)
            if op.new_division is not None:
                out["new_division"] = op.new_division
            if op.new_label is not None:
                out["new_label"] = op.new_label
        case Limited():
            out["limitation"] = op.limitation
            out["change"] = operation_json(op.change)
        case DeleteUnit() | Repeal():
            pass
        case _:
            assert_never(op)
    out.update(op.source.to_json())
    return out


@quick_init
@dataclass(frozen=True, slots=True)
class Unrecognized:
    """A sentence the grammar does not understand, kept with its place."""

    source: Source
    reason: str
    modifying: bool  # it looks like an instruction (a verb of modification)
    context: str | None = None  # the text (code slug) its chapeau was amending, if any

    def to_json(self) -> dict[str, object]:
        return {"reason": self.reason, "modifying": self.modifying, "code": self.context,
                **self.source.to_json()}


class ProvisionKind(Enum):
    APPLICATION = "application"  # entry into force, applicability, sunset
    REPORT = "report"  # "Le Gouvernement adresse au Parlement un rapport …"
    OTHER = "other"


@quick_init
@dataclass(frozen=True, slots=True)
class Provision:
    """A standalone provision: it modifies no text."""

    kind: ProvisionKind
    source: Source
    dates: tuple[str, ...] = ()  # ISO dates named in it

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "dates": list(self.dates), **self.source.to_json()}


@quick_init
@dataclass(frozen=True, slots=True)
class Bill:
    """A parsed bill or law."""

    title: str | None
    operations: tuple[Operation, ...]
    unrecognized: tuple[Unrecognized, ...]
    provisions: tuple[Provision, ...]
    diagnostics: tuple[Diagnostic, ...]
    # the text as read (articles, numbered alinéas, items): what the tableau comparatif
    # lays out article by article; None for a bill built from operations alone
    text: BillText | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        return {
            "format": "legidiff-bill", "version": 1, "title": self.title,
            "operations": [operation_json(op) for op in self.operations],
            "unrecognized": [u.to_json() for u in self.unrecognized],
            "provisions": [p.to_json() for p in self.provisions],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }
