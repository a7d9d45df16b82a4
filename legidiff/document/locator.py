"""Locators: the address of any unit of a code, and its resolution in the tree.

A locator is a chain of steps, outermost first, with one canonical string that parses
back (usable as an HTML id, in JSON and in logs)::

    art_L853-3/lab_I/al_1/ph_2      la seconde phrase du premier alinéa du I de
                                    l'article L. 853-3
    livre_8/titre_5/chapitre_2      le chapitre II du titre V du livre VIII
    art_L822-2/lab_II/lab_2°/lab_b  le b du 2° du II de l'article L. 822-2
    art_R6332-4@2                   the second article numbered R6332-4 (duplicates)
    titre_2/div_DROITS_DE_TIMBRE    la division intitulée : « DROITS DE TIMBRE » du titre II

A ``div`` step names a division by its heading as written, for divisions that have no
kind or number to be named by ("DROITS DE TIMBRE", "III : Exonérations", "Annexes");
in its value ``%``, ``_``, ``/``, ``.``, ``@`` and ``:`` are written ``%25``, ``%5F``…

Step values are lookup keys (``numbering``), spaces written ``_``; alinéa, phrase and
tiret numbers count from 1, negative numbers from the end (``al_-1``: le dernier
alinéa). A locator may name its code: ``code-du-travail:art_L1234-5``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import lru_cache
from typing import Protocol, TypeVar

from legidiff.diagnostics import LegidiffError
from legidiff.document.model import Article, ArticlePath, Code, Division, DivisionKind
from legidiff.document.structure import ArticleStructure, Item, Level, analyse
from legidiff.lang.codes import name_from_slug
from legidiff.lang.matching import fold, same_text
from legidiff.lang.nearest import nearest_articles
from legidiff.lang.numbering import (
    ArticleNumber,
    article_bill_form,
    article_key,
    division_key,
    division_number_for_display,
    int_to_roman,
    ordinal_words,
    strip_accents,
)
from legidiff.lang.text import counted, of
from legidiff.perf import quick_init


class StepKind(Enum):
    """What a step of a locator designates. Division kinds use their French names."""

    PARTIE = "partie"
    LIVRE = "livre"
    TITRE = "titre"
    CHAPITRE = "chapitre"
    SECTION = "section"
    SOUS_SECTION = "sous-section"
    PARAGRAPHE = "paragraphe"
    SOUS_PARAGRAPHE = "sous-paragraphe"
    ANNEXE = "annexe"
    ARTICLE = "art"
    ITEM = "lab"
    TIRET = "tir"
    ALINEA = "al"
    PHRASE = "ph"
    INTITULE = "intitule"  # the heading of a division: value "1"
    # a division named by its heading, as written ("la division intitulée : « … »"): the
    # divisions that have no kind or no number ("DROITS DE TIMBRE", "III : Exonérations")
    DIVISION = "div"
    # a table (one alinéa of HTML): value "1", the only table of the unit holding it, or
    # the number of a table annexed to the text ("le tableau n° 7 annexé"); its rows and
    # columns by rank — read from the bills, refused when applied (see _descend)
    TABLEAU = "tab"
    # a point of an annex numbered by its place (« le point 2.2.2.2.5 », décrets and
    # arrêtés): the alinéa opening with that number and those after it, its sub-points
    # (« 2.2.2.2.5.1 ») included, up to the next point that is not one of them
    POINT = "pt"
    LIGNE = "ligne"
    COLONNE = "col"
    # the text a bill article proposes for a code article (« le texte proposé par le I de
    # cet article pour l'article L. 423-14 », older amendments): value the article's key;
    # the steps after it count inside that quoted text. Resolved against the bill by
    # legidiff.parliament.amend, never inside an article (see _descend)
    PROPOSE = "prop"

    # each kind is one object, equal only to itself: hashed as such, in C (Enum's own hash
    # hashes its name in Python — a call for each kind a dict of the parse looks up; the
    # order of a set of kinds followed the name's hash, which changes with the hash seed,
    # so no output may depend on it either way)
    __hash__ = object.__hash__

    @property
    def division(self) -> DivisionKind | None:
        # DivisionKind(value), None if it is none (read from _value_: not through the
        # descriptor of Enum.value, nor an exception per step)
        return _DIVISION_KINDS.get(self._value_)

    @property
    def divisional(self) -> bool:
        """Whether the step names a division: by kind and number, or by heading."""
        return self._value_ in _DIVISIONAL


_DIVISION_KINDS = {kind.value: kind for kind in DivisionKind}
_DIVISIONAL = frozenset({StepKind.DIVISION.value, *(k.value for k in StepKind
                                                     if k.value in _DIVISION_KINDS)})

_ORDINAL_KINDS = (StepKind.ALINEA, StepKind.PHRASE, StepKind.TIRET)
_ORDINAL_NOUNS = {StepKind.ALINEA: "alinéa", StepKind.PHRASE: "phrase", StepKind.TIRET: "tiret"}

IN_ARTICLE = frozenset({StepKind.ITEM, StepKind.TIRET, StepKind.ALINEA, StepKind.PHRASE,
                        StepKind.POINT})
"""The units only an article holds (never named alone in a code)."""

# the kinds the hot paths compare with, read once (``StepKind.ARTICLE`` looks the member
# up through the enum's class each time: ten times the time of a global)
_ARTICLE, _ALINEA, _DIVISION = StepKind.ARTICLE, StepKind.ALINEA, StepKind.DIVISION


@quick_init
@dataclass(frozen=True, slots=True)
class Step:
    """One step: a kind and a value (a key, a label, or a number as a string)."""

    kind: StepKind
    value: str
    occurrence: int | None = None  # for duplicate article numbers: the n-th one
    until: str | None = None  # a range: "les articles L. 1 à L. 3" is art_L1..L3
    # the heading a division step's text gives it besides its number (« la section IV
    # intitulée : « Du racolage » »): checked against the base when the step is
    # resolved, not part of the address (equality, hash and the string leave it out)
    heading: str | None = field(default=None, compare=False)
    # what the text says the division is about (« le chapitre III relatif aux plans
    # locaux d'urbanisme »): its words checked against the title, as ``heading``
    about: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.kind is StepKind.DIVISION:
            return f"div_{_escape_heading(self.value)}"
        text = f"{self.kind.value}_{self.value.replace(' ', '_')}"
        if self.until is not None:
            text += ".." + self.until.replace(" ", "_")
        return text if self.occurrence is None else f"{text}@{self.occurrence}"

    @property
    def number(self) -> int:
        """The ordinal of an alinéa, phrase or tiret step (negative: from the end)."""
        return int(self.value)


_ESCAPED = "%_/.@:"


def _escape_heading(heading: str) -> str:
    """A heading as the value of a ``div`` step: the characters the locator syntax uses
    written ``%XX``, spaces ``_`` (so that the string parses back to the same heading).

    >>> _escape_heading("III : Exonérations")
    'III_%3A_Exonérations'
    >>> _unescape_heading(_escape_heading("CONTRAT DE TRAVAIL . 50 %_x/y"))
    'CONTRAT DE TRAVAIL . 50 %_x/y'
    """
    out = "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in heading)
    return out.replace(" ", "_")


def _unescape_heading(value: str) -> str:
    value = value.replace("_", " ")
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), value)


class LocatorSyntaxError(LegidiffError):
    """A locator string, canonical or French, that cannot be read (LD124)."""

    def __init__(self, message: str):
        super().__init__("LD124", message)


@quick_init
@dataclass(frozen=True, slots=True)
class Locator:
    """An address in a code: steps outermost first, and the code it names, if any."""

    steps: tuple[Step, ...]
    code: str | None = None  # slug of the code's name: "code-de-la-securite-interieure"

    def __str__(self) -> str:
        # Step.__str__, written here for the usual step (one a result names per operation)
        path = "/".join([f"{s.kind._value_}_{s.value.replace(' ', '_')}"
                         if s.until is None and s.occurrence is None
                         and s.kind is not _DIVISION else str(s)
                         for s in self.steps])
        return f"{self.code}:{path}" if self.code else path

    def child(self, kind: StepKind, value: str | int) -> Locator:
        return Locator((*self.steps, Step(kind, str(value))), self.code)

    @staticmethod
    def parse(text: str) -> Locator:
        """Read a canonical locator string.

        >>> str(Locator.parse("art_L853-3/lab_I/al_1/ph_2"))
        'art_L853-3/lab_I/al_1/ph_2'
        """
        code: str | None = None
        if not text:
            return Locator(())  # no unit named, no text named
        head, sep, rest = text.partition(":")
        if sep and "/" not in head and "_" not in head:
            code, text = head, rest
            if not text:
                return Locator((), code)  # the whole code or law
        steps = []
        for part in text.split("/"):
            kind_text, sep, value = part.partition("_")
            try:
                kind = StepKind(kind_text)
            except ValueError:
                raise LocatorSyntaxError(f"étape inconnue « {part} » dans « {text} »") from None
            if not sep or not value:
                raise LocatorSyntaxError(f"étape sans valeur « {part} » dans « {text} »")
            if kind is StepKind.DIVISION:
                steps.append(Step(kind, _unescape_heading(value)))
                continue
            occurrence = None
            m = re.fullmatch(r"(.*)@(\d+)", value)
            if m and kind is StepKind.ARTICLE:
                value, occurrence = m.group(1), int(m.group(2))
            until = None
            if ".." in value:
                value, until = (v.replace("_", " ") for v in value.split("..", 1))
                if not value or not until:
                    raise LocatorSyntaxError(f"plage incomplète « {part} » dans « {text} »")
            value = value.replace("_", " ")
            if kind in _ORDINAL_KINDS and not re.fullmatch(r"-?[1-9]\d*", value):
                raise LocatorSyntaxError(f"numéro invalide « {part} » dans « {text} »")
            steps.append(Step(kind, value, occurrence, until))
        return Locator(tuple(steps), code)

    def to_french(self, counts: Sequence[int | None] | None = None) -> str:
        """The locator in French, innermost unit first. ``counts`` (per step, optional)
        gives the number of units of that kind, so that a unit of two is "second(e)".

        >>> Locator.parse("art_L853-3/lab_I/al_1/ph_2").to_french([None, None, 3, 2])
        "la seconde phrase du premier alinéa du I de l'article L. 853-3"
        >>> Locator.parse("livre_8/titre_5/chapitre_3/art_L853-2/lab_I").to_french()
        "le I de l'article L. 853-2"
        >>> Locator.parse("livre_8/titre_5/chapitre_2").to_french()
        'le chapitre II du titre V du livre VIII'
        """
        steps = self.steps
        # An article number names its article in the code: the divisions above it are
        # not said ("l'article L. 853-2", not "… du chapitre III du titre V")
        article = 0
        for i, s in enumerate(steps):
            if s.kind is _ARTICLE and s.occurrence is None:
                article = i
                break
        words: list[str] = []  # innermost unit first
        for i in range(len(steps) - 1, -1, -1):
            step = steps[i]
            if i < article and step.kind._value_ in _DIVISIONAL:
                continue
            if step.kind is _ARTICLE and step.until is None:  # the usual step
                det, rest = "l'", "article " + article_bill_form(step.value)
            else:
                det, rest = _french_step(step, counts[i] if counts is not None
                                         and i < len(counts) else None)
            if words:
                words.append(_OF[det] + rest)
            else:
                words.append(det + rest if det == "l'" else f"{det} {rest}")
        if self.code:
            words.append("du " + (name_from_slug(self.code) or self.code.replace("-", " ")))
        return " ".join(words)


_OF = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}
"""The determiner of a unit as the unit holding the one named before it takes it."""


_PART_NAMES = {"legislative": "législative", "reglementaire": "réglementaire",
               "arretes": "arrêtés"}


def _french_step(step: Step, total: int | None) -> tuple[str, str]:
    kind = step.kind
    if step.until is not None and kind in _ORDINAL_KINDS and step.value.isdigit() and \
            step.until.isdigit():
        # « les sixième à huitième alinéas »
        feminine = kind is StepKind.PHRASE
        return "les", (f"{ordinal_words(int(step.value), feminine=feminine)} à "
                       f"{ordinal_words(int(step.until), feminine=feminine)} "
                       f"{_ORDINAL_NOUNS[kind]}s")
    if step.until is not None:
        first = _french_step(Step(kind, step.value), None)[1]
        last = _french_step(Step(kind, step.until), None)[1].split(" ", 1)[-1]
        plural = first.split(" ", 1)
        return "les", (f"{plural[0]}s {plural[1]}" if len(plural) == 2 else first) + f" à {last}"
    if kind in _ORDINAL_KINDS:
        key = (kind._value_, step.value, total == 2)
        said = _ORDINAL_SAID.get(key)
        if said is None:
            said = _ordinal_step(step, total)
            if len(_ORDINAL_SAID) < 4096:
                _ORDINAL_SAID[key] = said
        return said
    if kind is StepKind.ARTICLE:
        return "l'", "article " + article_bill_form(step.value)
    if kind is StepKind.ITEM:
        return "le", step.value
    if kind is StepKind.POINT:
        return "le", f"point {step.value}"
    if kind is StepKind.INTITULE:
        return "l'", "intitulé"
    if kind is StepKind.DIVISION:
        return "la", f"division intitulée : « {step.value} »"
    if kind is StepKind.PROPOSE:
        return "le", f"texte proposé pour l'article {article_bill_form(step.value)}"
    if kind is StepKind.TABLEAU:
        return "le", "tableau" if step.value == "1" else f"tableau n° {step.value}"
    if kind in (StepKind.LIGNE, StepKind.COLONNE):
        noun = "ligne" if kind is StepKind.LIGNE else "colonne"
        if not step.value.isdigit():
            return "la", f"{noun} {step.value}"
        return "la", f"{ordinal_words(int(step.value), feminine=True)} {noun}"
    division = kind.division
    assert division is not None
    if division is DivisionKind.PARTIE:
        if step.value.isdigit():  # "la première partie"
            return "la", f"{ordinal_words(int(step.value), feminine=True)} partie"
        return "la", "partie " + _PART_NAMES.get(step.value, step.value)
    number = division_number_for_display(step.value, roman=division.roman)
    return division.determiner, f"{division.value} {number}"


_ORDINAL_SAID: dict[tuple[str, str, bool], tuple[str, str]] = {}
"""An alinéa, phrase or tiret step in French, by kind, value and whether its unit has
two parts (the same few words for most operations: "le premier alinéa")."""


def _ordinal_step(step: Step, total: int | None) -> tuple[str, str]:
    kind = step.kind
    feminine = kind is StepKind.PHRASE
    noun = _ORDINAL_NOUNS[kind]
    if step.number < -2:  # no single word: "le troisième alinéa en partant de la fin"
        return ("la" if feminine else "le",
                f"{ordinal_words(-step.number, feminine=feminine)} {noun} en partant de "
                f"la fin")
    ordinal = ordinal_words(step.number, feminine=feminine, of_two=total == 2)
    det = "la" if feminine else "le"
    if ordinal[0] in "aeéiou":
        det = "l'"
    return det, f"{ordinal} {noun}"


def code_slug(name: str) -> str:
    """Slug of a code's name, used in locators: "code-de-la-securite-interieure"."""
    text = strip_accents(name).casefold().replace("’", "'")
    return "-".join(re.findall(r"[a-z0-9]+", text))


# ---------------------------------------------------------------------------
# Resolution


class ResolveError(LegidiffError):
    """A locator that designates nothing, or more than one unit, in a code.

    ``code`` is a stable diagnostic code; ``evidence`` says what the code actually has.
    """


@dataclass(frozen=True, slots=True)
class Target:
    """What a locator designates: a division, an article, or a unit inside an article
    (items, a range of alinéas, a phrase)."""

    locator: Locator
    divisions: tuple[Division, ...]
    article: Article | None = None
    structure: ArticleStructure | None = field(default=None, repr=False, compare=False)
    items: tuple[Item, ...] = ()
    alineas: tuple[int, int] | None = None  # [start, end) in the article
    phrase: int | None = None  # index in the alinéa's phrases
    phrase_span: tuple[int, int] | None = None  # in the alinéa's visible text
    counts: tuple[int | None, ...] = ()  # per step: how many units of its kind were there

    def french(self) -> str:
        """The locator in French, "second(e)" where the unit has two parts."""
        return self.locator.to_french(self.counts)

    @property
    def text(self) -> str:
        """The visible text of the unit, alinéas separated by newlines."""
        if self.article is None or self.structure is None:
            node = self.divisions[-1] if self.divisions else None
            return node.heading if node is not None else ""
        infos = self.structure.alineas
        if self.phrase_span is not None and self.alineas is not None:
            a, b = self.phrase_span
            return infos[self.alineas[0]].text[a:b]
        start, end = self.alineas if self.alineas is not None else (0, len(infos))
        return "\n".join(infos[i].text for i in range(start, end))


# Diagnostic codes of the document layer (see legidiff.diagnostics)
NOT_FOUND = "LD120"
AMBIGUOUS = "LD121"
OUT_OF_RANGE = "LD122"
NEEDS_ALINEA = "LD123"


def resolve(code: Code, locator: Locator) -> Target:
    """Find the unit a locator designates; raise :class:`ResolveError` otherwise."""
    steps = locator.steps
    ranged = [s for s in steps if s.until is not None]
    if ranged:
        raise ResolveError(AMBIGUOUS, f"« {ranged[0]} » désigne une plage, pas une unité")
    located = locate(CodeTree(code), (), steps)  # unpacked apart: mypy would infer the
    divisions, path, first = located  # article type from the names it is unpacked into
    if path is not None:
        return resolve_inside(locator, path, first)
    if first < len(steps):
        raise ResolveError(NOT_FOUND, f"« {steps[first]} » ne peut suivre qu'un article : "
                                      f"nommez l'article")
    return Target(locator, divisions)


_TABLE_PARTS = (StepKind.LIGNE, StepKind.COLONNE)
_TABLE_VALUES = frozenset({"tab", "ligne", "col"})


def _check_table_steps(steps: Sequence[Step]) -> None:
    """Tables are alinéas of HTML: their rows and columns, and the tables annexed to a
    text (outside its articles), are not units the engine changes — an error that says
    so, never a change of the alinéas around them."""
    if not any(s.kind._value_ in _TABLE_VALUES for s in steps):
        return
    for index, step in enumerate(steps):
        if index and steps[index - 1].kind._value_ in _TABLE_VALUES and \
                step.kind._value_ not in _TABLE_VALUES:
            raise ResolveError(NOT_FOUND, f"« {step} » ne peut se trouver dans un tableau : "
                                          "il n'a que des lignes et des colonnes")
        if step.kind in _TABLE_PARTS:
            raise ResolveError(NOT_FOUND, "lignes et colonnes d'un tableau : modification non "
                                          "prise en charge (le tableau est un alinéa en HTML : "
                                          "il peut être réécrit en entier)")
        if step.kind is StepKind.TABLEAU and not any(
                s.kind is StepKind.ARTICLE for s in steps[:index]):
            raise ResolveError(NOT_FOUND, "tableau annexé au texte, hors de ses articles : "
                                          "modification non prise en charge")


def resolve_inside(locator: Locator, path: ArticlePath, first: int, *,
                   analysed: bool = True) -> Target:
    """Resolve the steps of ``locator`` from index ``first`` (items, alinéas, phrases)
    inside the article ``path``. ``analysed`` False: the article's structure is read only
    when a step needs it (an item, a tiret, a phrase; an alinéa of the article is counted
    without it), and the target's ``structure`` is else None — for the engine, which
    reads the text of the units itself, not :attr:`Target.text`."""
    steps = locator.steps
    _check_table_steps(steps)
    structure = analyse(path.article) if analysed or any(
        steps[k].kind is not _ALINEA for k in range(first, len(steps))) else None
    count = len(path.article.alineas)
    target = new_target(locator, path.divisions, path.article, structure, (), (0, count), None,
                     None, (None,) * first)
    for k in range(first, len(steps)):
        if steps[k].until is not None:
            raise ResolveError(AMBIGUOUS, f"« {steps[k]} » désigne une plage, pas une unité")
        target = _descend(target, steps[k], _Named(locator, k))
    return target


class _Named:
    """The unit reached so far (the first ``k`` steps of a locator), in French when a
    message needs it (neither said nor made a locator for each step found)."""

    __slots__ = ("k", "locator")

    def __init__(self, locator: Locator, k: int):
        self.locator = locator
        self.k = k

    def __str__(self) -> str:
        return Locator(self.locator.steps[:self.k], self.locator.code).to_french()


def _with(target: Target, items: tuple[Item, ...], alineas: tuple[int, int] | None,
          phrase: int | None, phrase_span: tuple[int, int] | None, count: int | None
          ) -> Target:
    """``dataclasses.replace(target, …)`` with the count of one more step, without its look
    at the fields on each call."""
    return new_target(target.locator, target.divisions, target.article, target.structure, items,
                   alineas, phrase, phrase_span, (*target.counts, count))


_TARGET_SLOTS = ("locator", "divisions", "article", "structure", "items", "alineas", "phrase",
                 "phrase_span", "counts")
assert tuple(f.name for f in fields(Target)) == _TARGET_SLOTS, "update new_target"
_TARGET_SETTERS = tuple(getattr(Target, name).__set__ for name in _TARGET_SLOTS)


def new_target(locator: Locator, divisions: tuple[Division, ...], article: Article | None,
            structure: ArticleStructure | None, items: tuple[Item, ...],
            alineas: tuple[int, int] | None, phrase: int | None,
            phrase_span: tuple[int, int] | None, counts: tuple[int | None, ...]) -> Target:
    """``Target(…)``, its fields set through their slots (the frozen dataclass's __init__
    sets each through ``object.__setattr__``; one is made for each step resolved)."""
    target: Target = object.__new__(Target)
    (set_locator, set_divisions, set_article, set_structure, set_items, set_alineas,
     set_phrase, set_phrase_span, set_counts) = _TARGET_SETTERS
    set_locator(target, locator)
    set_divisions(target, divisions)
    set_article(target, article)
    set_structure(target, structure)
    set_items(target, items)
    set_alineas(target, alineas)
    set_phrase(target, phrase)
    set_phrase_span(target, phrase_span)
    set_counts(target, counts)
    return target


def _descend(target: Target, step: Step, name: _Named) -> Target:
    """One step down inside an article; ``name`` is the unit reached so far, in French.
    An alinéa needs no structure (``target.structure`` may be None: see
    :func:`resolve_inside`), the other steps do."""
    assert target.alineas is not None
    start, end = target.alineas
    if target.phrase is not None:
        raise ResolveError(NOT_FOUND, f"« {step} » ne peut suivre une phrase")
    if step.kind is _ALINEA:
        index = _pick(step.number, end - start, "alinéa", name)
        return _with(target, target.items, (start + index, start + index + 1), target.phrase,
                     target.phrase_span, end - start)
    structure = target.structure
    assert structure is not None
    if step.kind is StepKind.ITEM:
        children = target.items[-1].children if target.items else structure.items
        matches = [it for it in children if it.label == step.value and it.level < Level.TIRET]
        chains = _deeper_items(children, step.value) if not matches else []
        if len(chains) == 1 and not target.items:
            # "le 5° de l'article L. 334-6" where the 5° is the I's: the article holds one
            # 5° only, inside an item the text does not name (never guessed among several)
            chain = chains[0]
            return _with(target, (*target.items, *chain), (chain[-1].start, chain[-1].end),
                         target.phrase, target.phrase_span, None)
        if len(matches) != 1:
            present = ", ".join(it.label for it in children if it.level < Level.TIRET)
            deeper = _deeper_labels(children, step.value)
            evidence = f"{name} contient : {present or 'aucun élément numéroté'}"
            if deeper:
                evidence += f" ; « {step.value} » existe plus bas : {deeper}"
            code = NOT_FOUND if not matches else AMBIGUOUS
            raise ResolveError(code, f"pas de {step.value} unique dans {name}", evidence)
        item = matches[0]
        return _with(target, (*target.items, item), (item.start, item.end), target.phrase,
                     target.phrase_span, None)
    if step.kind is StepKind.POINT:
        article = target.article
        assert article is not None
        first, last = _point_span(article, start, end, step.value, name)
        return _with(target, target.items, (first, last), target.phrase, target.phrase_span,
                     None)
    if step.kind is StepKind.TIRET:
        children = target.items[-1].children if target.items else structure.items
        tirets = [it for it in children if it.level is Level.TIRET]
        index = _pick(step.number, len(tirets), "tiret", name)
        item = tirets[index]
        return _with(target, (*target.items, item), (item.start, item.end), target.phrase,
                     target.phrase_span, len(tirets))
    if step.kind is StepKind.TABLEAU:
        # the table of the unit: its only alinéa of HTML holding a table
        article = target.article
        assert article is not None
        if step.value != "1":
            # « le tableau n° 2 de l'article 1 »: the HTML says no number (never the only
            # table taken for it)
            raise ResolveError(NOT_FOUND, f"tableau n° {step.value} dans {name} : numéro de "
                                          "tableau non vérifiable")
        tables = [i for i in range(start, end) if article.alineas[i].is_table]
        if len(tables) != 1:
            raise ResolveError(NOT_FOUND if not tables else AMBIGUOUS,
                               f"pas de tableau unique dans {name}",
                               f"{name} compte {counted(len(tables), 'tableau', 'tableaux')}")
        return _with(target, target.items, (tables[0], tables[0] + 1), target.phrase,
                     target.phrase_span, len(tables))
    if step.kind is StepKind.PHRASE:
        if end - start != 1:
            raise ResolveError(NEEDS_ALINEA, f"{name} compte {end - start} alinéas : "
                                             f"précisez l'alinéa de la phrase")
        spans = structure.alineas[start].phrases
        index = _pick(step.number, len(spans), "phrase", name)
        return _with(target, target.items, target.alineas, index, spans[index], len(spans))
    raise ResolveError(NOT_FOUND, f"« {step} » ne peut se trouver dans un article")


# the number opening a point of an annex: « 2.2.2.2.5 », « 3.1. », « 4. » (its final full
# stop, when written, left out); never a decimal inside a sentence (« 2,5 »), nor a date
_POINT_NUMBER_RE = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)|(\d{1,3})\.(?=\s|$)")


def _point_span(article: Article, start: int, end: int, number: str, name: _Named
                ) -> tuple[int, int]:
    """The alinéas of the point ``number`` among ``start``–``end``: the one alinéa opening
    with that number, and the alinéas after it up to the next point that is not one of
    its sub-points (« 4.2 » holds « 4.2.1 », not « 4.3 » nor « 5. »). None or several
    alinéas opening so is an error naming the points present."""
    numbers: list[tuple[int, str]] = []
    for i in range(start, end):
        m = _POINT_NUMBER_RE.match(article.alineas[i].text.lstrip())
        if m is not None:
            numbers.append((i, m.group(1) or m.group(2)))
    opening = [i for i, n in numbers if n == number]
    if len(opening) != 1:
        present = ", ".join(n for _, n in numbers[:40]) + (" …" if len(numbers) > 40 else "")
        raise ResolveError(NOT_FOUND if not opening else AMBIGUOUS,
                           f"pas de point {number} unique dans {name}",
                           f"points présents : {present}" if numbers else
                           f"{name} ne compte aucun point numéroté")
    first = opening[0]
    last = next((i for i, n in numbers if i > first and not n.startswith(number + ".")), end)
    return first, last


def _pick(number: int, count: int, noun: str, name: _Named) -> int:
    index = number - 1 if number > 0 else count + number
    if not 0 <= index < count:
        raise ResolveError(OUT_OF_RANGE, f"pas {of(noun)} n° {number} dans {name}",
                           f"{name} compte {counted(count, noun)}")
    return index


def _deeper_items(items: Sequence[Item], label: str) -> list[tuple[Item, ...]]:
    """Every item of that label below ``items`` (not among them), each with the items
    holding it."""
    found: list[tuple[Item, ...]] = []

    def walk(nodes: Sequence[Item], chain: tuple[Item, ...]) -> None:
        for node in nodes:
            if node.label == label and chain and node.level < Level.TIRET:
                found.append((*chain, node))
            walk(node.children, (*chain, node))

    walk(items, ())
    return found


def _deeper_labels(items: Sequence[Item], label: str) -> str:
    found: list[str] = []

    def walk(nodes: Sequence[Item], chain: list[str]) -> None:
        for node in nodes:
            if node.label == label and chain:
                found.append(" > ".join([*chain, node.label]))
            walk(node.children, [*chain, node.label])

    walk(items, [])
    return "; ".join(found)


# ---------------------------------------------------------------------------
# Finding divisions and articles by number: one lookup, one set of messages, for the
# frozen code (``show``) and for apply's working copy


N = TypeVar("N")
A = TypeVar("A")


class Tree(Protocol[N, A]):
    """A text as the finder sees it: ``N`` its division nodes (the root stands for the
    text itself), ``A`` its articles. Two trees implement it: :class:`CodeTree` (a frozen
    code) and :class:`legidiff.apply.worktree.Work` (the working copy, through its index
    of article numbers)."""

    def header(self, node: N) -> Division | None:
        """The division a node stands for (None: the text itself)."""
        ...

    def subdivisions(self, node: N) -> Iterable[tuple[N, Division]]:
        """The divisions directly under a node, in document order."""
        ...

    def numbered(self, key: str, scope: N) -> list[A]:
        """The articles whose key is ``key`` inside ``scope``, in document order."""
        ...

    def numbers(self) -> Iterable[str]:
        """The number of every article of the text."""
        ...

    def place(self, article: A) -> str:
        """Where an article sits: "livre II > titre Ier" ("" at the root)."""
        ...


class CodeTree:
    """A frozen code as a :class:`Tree`: division nodes are chains of divisions (``()``
    is the code itself), articles are paths."""

    def __init__(self, code: Code):
        self.code = code

    def header(self, node: tuple[Division, ...]) -> Division | None:
        return node[-1] if node else None

    def subdivisions(self, node: tuple[Division, ...]
                     ) -> list[tuple[tuple[Division, ...], Division]]:
        children = node[-1].children if node else self.code.children
        return [((*node, d), d) for d in children if isinstance(d, Division)]

    def numbered(self, key: str, scope: tuple[Division, ...]) -> list[ArticlePath]:
        return [p for p in self.code.find_articles(key) if p.divisions[:len(scope)] == scope]

    def numbers(self) -> Iterator[str]:
        return (p.article.num for p in self.code.articles())

    def place(self, article: ArticlePath) -> str:
        return article.describe()


PARTS = ("legislative", "reglementaire", "arretes")
"""The keys of the parties of a code: législative, réglementaire, arrêtés."""


@lru_cache(maxsize=1 << 14)
def part_of_article(key: str) -> str | None:
    """The partie an article number belongs to, by its prefix: L. and L.O. législative;
    R., R.* and D. réglementaire; A. arrêtés; None without a prefix (code général des
    impôts, code civil).

    >>> [part_of_article(n) for n in ("L852-3", "R*12", "D20", "1382")]
    ['legislative', 'reglementaire', 'reglementaire', None]
    """
    m = _PART_PREFIX_RE.match(key)
    if m is None:
        return None
    return _PART_OF_PREFIX[m.group(1)]


_PART_PREFIX_RE = re.compile(r"(LO|LP|L|R|D|A)(?=[\d*])")
_PART_OF_PREFIX = {"L": "legislative", "LO": "legislative", "LP": "legislative",
                   "R": "reglementaire", "D": "reglementaire", "A": "arretes"}


def locate(tree: Tree[N, A], root: N, steps: Sequence[Step], part: str | None = None
           ) -> tuple[N, A | None, int]:
    """The division the leading steps name (``root`` when none), the article the next
    step names (None when it names none), and the index of the first step after them.

    ``part`` ("legislative", "reglementaire", "arretes") tells which partie a division
    belongs to when its number is in several (the livres of the two parties of a code
    share numbers); the prefix of the article the steps name, when there is one, tells it
    first."""
    _check_table_steps(steps)
    scope = root
    i = 0
    if steps and steps[0].kind._value_ in _DIVISIONAL:  # kind.divisional
        article = next((s for s in steps if s.kind is _ARTICLE), None)
        hint = (part_of_article(article.value) if article is not None else None) or part
        while i < len(steps) and steps[i].kind._value_ in _DIVISIONAL:
            try:
                scope = find_division(tree, scope, steps[i], hint)
            except ResolveError as e:
                annex = _annex_article(tree, scope, steps[i]) if e.code == NOT_FOUND else None
                if annex is None:
                    raise
                return scope, annex, i + 1
            i += 1
    while i < len(steps) and steps[i].kind is StepKind.ITEM:
        # the divisions of no kind the code général des impôts numbers as items (« II :
        # Taxes facultatives », « A : Taxe d'enlèvement … »), named so: « Le II de la
        # section 7 du chapitre Ier … est complété par un article 1531 »
        value = steps[i].value
        named = [node for node, d in tree.subdivisions(scope)
                 if d.kind is DivisionKind.AUTRE and " ".join(d.number.split()) == value]
        if len(named) != 1:
            break
        scope = named[0]
        i += 1
    if i < len(steps) and steps[i].kind is _ARTICLE:
        return scope, find_article(tree, scope, steps[i]), i + 1
    if i < len(steps) and steps[i].kind in IN_ARTICLE:
        # « Le chapitre Ier … est ainsi modifié : 1° Le 3° est abrogé »: a unit of an
        # article, and no article named — the engines took the division for the unit and
        # repealed, rewrote or completed the whole chapter
        raise ResolveError(NOT_FOUND, f"{Locator(tuple(steps[i:])).to_french()} : l'instruction "
                                      f"ne nomme pas l'article qui le contient "
                                      f"{_where(tree.header(scope))}")
    return scope, None, i



def _annex_article(tree: Tree[N, A], scope: N, step: Step) -> A | None:
    """« l'annexe 5 du code … », « l'annexe II … » where the text holds no annex division of
    that number: the one article its number names so, as LEGI stores most annexes
    (« Annexe 5 », « Annexe II »), when there is exactly one; else None."""
    if step.kind is not StepKind.ANNEXE or step.heading is not None or step.about is not None:
        return None
    spellings = {step.value}
    head, dash, rest = step.value.partition("-")
    if head.isdigit() and 0 < int(head) < 4000:  # « II », « I-5 » (the key says 2, 1-5)
        spellings.add(int_to_roman(int(head)) + dash + rest)
    found = [a for v in sorted(spellings) for a in tree.numbered(article_key(f"Annexe {v}"),
                                                                 scope)]
    return found[0] if len(found) == 1 else None


def find_division(tree: Tree[N, A], scope: N, step: Step, part: str | None = None) -> N:
    """The division a step names inside ``scope``: a direct child, or else the only one
    of that kind and number deeper down ("le chapitre II du titre V" inside a livre);
    among several, the only one in the partie ``part``, when that tells. When the
    instruction gives it a heading besides its number, the division found has that
    heading (:func:`check_heading`)."""
    node = _find_division(tree, scope, step, part)
    if step.heading is not None or step.about is not None:
        check_heading(tree.header(node), step)
    return node


def _find_division(tree: Tree[N, A], scope: N, step: Step, part: str | None) -> N:
    if step.kind is StepKind.DIVISION:
        return find_titled(tree, scope, step.value)
    kind = step.kind.division
    assert kind is not None
    direct = [node for node, d in tree.subdivisions(scope)
              if d.kind is kind and d.key == step.value]
    if len(direct) == 1:
        return direct[0]
    found: list[tuple[N, str]] = []  # each division of that number, and where it is
    parts: list[str | None] = []  # the partie each is in
    present: list[str] = []  # the numbers of that kind
    stack: list[tuple[tuple[Division, ...], Iterator[tuple[N, Division]]]] = [
        ((), iter(tree.subdivisions(scope)))]
    while stack:
        chain, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        node, division = child
        if division.kind is kind:
            present.append(division.number)
            if division.key == step.value:
                found.append((node, " > ".join(f"{d.kind.value} {d.number}"
                                               for d in (*chain, division))))
                parts.append(_part(tree, scope, (*chain, division)))
        stack.append(((*chain, division), iter(tree.subdivisions(node))))
    if not found and kind is DivisionKind.PARTIE and step.value in PARTS:
        # "la partie réglementaire": a partie the heading qualifies ("Partie réglementaire
        # - Décrets en Conseil d'Etat", "Partie législative ancienne"; the decrees that
        # amend it name it so), when no other partie of the scope answers to that name
        loose = [(node, d) for node, d in _divisions_under(tree, scope)
                 if d.kind is kind and _part_name(d.key) == step.value]
        if len(loose) == 1:
            return loose[0][0]
        found = [(node, f"{d.kind.value} {d.number}") for node, d in loose]
        parts = [_part_name(d.key) for _, d in loose]
    if len(found) == 1:
        return found[0][0]
    if len(found) > 1 and part is not None:
        # the livres of the partie législative and of the partie réglementaire share
        # numbers: the article's prefix or the kind of the amending text tells which
        inside = [f for f, p in zip(found, parts, strict=True) if p == part]
        if len(inside) == 1:
            return inside[0][0]
    where = _where(tree.header(scope))
    named = f"{kind.value} {division_number_for_display(step.value, roman=kind.roman)}"
    if not found:
        e = "e" if kind.feminine else ""
        shown = sorted(set(present), key=division_key)
        evidence = (f"{kind.value}s présent{e}s : " + ", ".join(shown[:30])
                    + (" …" if len(shown) > 30 else "")) if shown else (
            f"aucun{e} {kind.value} {where}")
        raise ResolveError(NOT_FOUND, f"pas {of(named)} {where}", evidence)
    raise ResolveError(AMBIGUOUS, f"{len(found)} divisions {named} {where} : précisez "
                                  f"laquelle", "; ".join(place for _, place in found))


def check_heading(division: Division | None, step: Step) -> None:
    """The division found for ``step`` has the heading its text gives it (« la section IV
    intitulée : « Du racolage » du chapitre V »): its title is that text but for
    typography (:func:`legidiff.lang.matching.same_text`), else the instruction is not
    sure to name it: not found (LD120; LD301 when applied), with the title the division
    has."""
    title = division.title if division is not None else None
    if title is not None and (same_text(title, step.heading) if step.heading is not None
                              else step.about is None or _is_about(title, step.about)):
        return
    shown = "sans intitulé" if title is None else f"intitulé « {' '.join(title.split())} »"
    said = (f"n'a pas l'intitulé que l'instruction lui donne (« {step.heading} »)"
            if step.heading is not None else
            f"n'a pas l'objet que l'instruction lui donne (« {step.about} »)")
    raise ResolveError(NOT_FOUND, f"la division désignée {said}",
                       f"{division.kind.value if division else 'texte'} "
                       f"{division.number if division else ''} : {shown}".strip())


# what « relatif à … » says before the subject, and the small words of a subject: the words
# left must all be the title's (« relatif aux plans locaux d'urbanisme »: « Plans locaux
# d'urbanisme », « Dispositions relatives aux plans locaux d'urbanisme »)
_ABOUT_LEAD_RE = re.compile(r"^(?:relati(?:f|ve)s?|consacr[ée]e?s?)\s+(?:à|a|aux?)\s+")
_ABOUT_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_SMALL_WORDS = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "à", "au", "aux",
                          "et", "en", "un", "une", "a"})


def _is_about(title: str, about: str) -> bool:
    """Whether a division's title holds every word (but the small ones) of what the text
    says it is about, typography and capitals aside."""
    def words(text: str) -> set[str]:
        return set(_ABOUT_WORD_RE.findall(fold(text).text.lower())) - _SMALL_WORDS

    said = words(_ABOUT_LEAD_RE.sub("", fold(about).text.lower()))
    return bool(said) and said <= words(title)


def find_titled(tree: Tree[N, A], scope: N, text: str) -> N:
    """The division whose heading is ``text`` but for typography
    (:func:`legidiff.lang.matching.same_text`, never approximate): a direct child of
    ``scope``, or else the only one deeper down; when no heading is that text, the one
    whose title is (« III : Exonérations » is titled « Exonérations »). None or several
    is an error naming the candidates."""
    def by_heading(d: Division) -> bool:
        return same_text(d.heading, text)

    def by_title(d: Division) -> bool:
        return d.title is not None and same_text(d.title, text)

    found: list[N] = []
    for named in (by_heading, by_title):
        direct = [node for node, d in tree.subdivisions(scope) if named(d)]
        if len(direct) == 1:
            return direct[0]
        found = direct or [node for node, d in _divisions_under(tree, scope) if named(d)]
        if found:
            break
    if len(found) == 1:
        return found[0]
    where = _where(tree.header(scope))
    if not found:
        headings = [d.heading for _, d in tree.subdivisions(scope)]
        evidence = ("divisions présentes : " + " ; ".join(
            f"« {' '.join(h.split())[:60]} »" for h in headings[:20])
            + (" …" if len(headings) > 20 else "")) if headings else f"aucune division {where}"
        raise ResolveError(NOT_FOUND, f"pas de division intitulée « {text} » {where}",
                           evidence)
    places = "; ".join(" > ".join(" ".join(d.heading.split())[:40] for d in _chain_to(
        tree, scope, node)) for node in found)
    raise ResolveError(AMBIGUOUS, f"{len(found)} divisions intitulées « {text} » {where} : "
                                  f"précisez laquelle", places)


def _chain_to(tree: Tree[N, A], scope: N, target: N) -> list[Division]:
    """The divisions from ``scope`` (excluded) down to ``target``."""
    def walk(node: N, chain: list[Division]) -> list[Division] | None:
        for child, d in tree.subdivisions(node):
            if child is target or child == target:
                return [*chain, d]
            got = walk(child, [*chain, d])
            if got is not None:
                return got
        return None

    return walk(scope, []) or []


def _part_name(key: str) -> str | None:
    """The partie a partie's key names ("reglementaire - decrets en conseil d'etat" and
    "legislative ancienne" are réglementaire and législative), None for another."""
    first = re.split(r"[\s-]", key, maxsplit=1)[0]
    return first if first in PARTS else None


def _divisions_under(tree: Tree[N, A], scope: N) -> Iterator[tuple[N, Division]]:
    stack = [iter(tree.subdivisions(scope))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        yield child
        stack.append(iter(tree.subdivisions(child[0])))


def _part(tree: Tree[N, A], scope: N, chain: tuple[Division, ...]) -> str | None:
    """The partie (législative, réglementaire, arrêtés) a chain of divisions under
    ``scope`` is in: its own, or the scope's."""
    header = tree.header(scope)
    for division in (*chain, *([header] if header is not None else [])):
        # "Partie réglementaire - Décrets en Conseil d'Etat" is réglementaire too
        first = division.key.split(" ", 1)[0] if division.kind is DivisionKind.PARTIE else ""
        if first in PARTS:
            return first
    return None


def find_article(tree: Tree[N, A], scope: N, step: Step) -> A:
    """The article a step names inside ``scope`` (the n-th of its number with
    ``step.occurrence``); when it is missing, the evidence names its neighbours."""
    candidates = tree.numbered(step.value, scope)
    if len(candidates) == 1 and step.occurrence is None:
        return candidates[0]
    bill = article_bill_form(step.value)
    if not candidates:
        raise ResolveError(NOT_FOUND, f"l'article {bill} n'existe pas "
                                      f"{_where(tree.header(scope))}",
                           neighbours(tree.numbers(), step.value))
    if step.occurrence is not None:
        if step.occurrence > len(candidates):
            raise ResolveError(NOT_FOUND, f"il n'y a que {counted(len(candidates), 'article')} "
                                          f"{bill}")
        return candidates[step.occurrence - 1]
    if len(candidates) > 1:
        places = "; ".join(tree.place(a) or "racine" for a in candidates)
        raise ResolveError(AMBIGUOUS, f"{len(candidates)} articles portent le numéro {bill} : "
                                      f"précisez lequel ({step}@1, {step}@2…)", places)
    return candidates[0]


def neighbours(numbers: Iterable[str], number: str, around: int = 3) -> str | None:
    """The articles around a missing number, in number order, ``around`` on each side:
    among those of its division number when there are some ("L. 851-2" for L. 851-9),
    else among those of its prefix (L, R, D…). "articles voisins : L. 851-2"; then the
    numbers the user probably meant when they are not among them ("vouliez-vous dire
    L. 852-2 ?" for L. 8522: :func:`legidiff.lang.nearest.nearest_articles`); None when
    the number cannot be read or has no neighbour."""
    numbers = list(numbers)
    wanted = ArticleNumber.parse(number)
    if wanted is None:
        return None
    prefix = wanted.prefix.rstrip("*")
    same_prefix = sorted({(parsed.sort_key, parsed.parts[:-1], n) for n in numbers
                          if (parsed := ArticleNumber.parse(n)) is not None
                          and parsed.prefix.rstrip("*") == prefix})
    stem = wanted.parts[:-1]
    same_stem = [entry for entry in same_prefix if stem and entry[1] == stem]
    pool = same_stem or same_prefix
    position = sum(1 for entry in pool if entry[0] < wanted.sort_key)
    names = [n for _, _, n in pool[max(0, position - around):position + around]]
    listed = {article_key(n) for n in names}
    near = [n for n in nearest_articles(numbers, number) if article_key(n) not in listed]
    lines = []
    if names:
        lines.append("articles voisins : " + ", ".join(article_bill_form(n) for n in names))
    if near:
        lines.append("vouliez-vous dire " + " ou ".join(article_bill_form(n) for n in near)
                     + " ?")
    return "\n".join(lines) or None


def _where(division: Division | None) -> str:
    return "dans le texte de base" if division is None else f"dans {division.french}"
