"""Locators: the address of any unit of a code, and its resolution in the tree.

A locator is a chain of steps, outermost first, with one canonical string that parses
back (usable as an HTML id, in JSON and in logs)::

    art_L853-3/lab_I/al_1/ph_2      la seconde phrase du premier alinéa du I de
                                    l'article L. 853-3
    livre_8/titre_5/chapitre_2      le chapitre II du titre V du livre VIII
    art_L822-2/lab_II/lab_2°/lab_b  le b du 2° du II de l'article L. 822-2
    art_R6332-4@2                   the second article numbered R6332-4 (duplicates)

Step values are lookup keys (``numbering``), spaces written ``_``; alinéa, phrase and
tiret numbers count from 1, negative numbers from the end (``al_-1``: le dernier
alinéa). A locator may name its code: ``code-du-travail:art_L1234-5``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from legidiff.diagnostics import LegidiffError
from legidiff.document.model import Article, ArticlePath, Code, Division, DivisionKind
from legidiff.document.structure import ArticleStructure, Item, Level, analyse
from legidiff.lang.codes import name_from_slug
from legidiff.lang.numbering import (
    article_bill_form,
    division_key,
    division_number_for_display,
    ordinal_words,
    strip_accents,
)


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

    @property
    def division(self) -> DivisionKind | None:
        try:
            return DivisionKind(self.value)
        except ValueError:
            return None


_ORDINAL_KINDS = (StepKind.ALINEA, StepKind.PHRASE, StepKind.TIRET)


@dataclass(frozen=True, slots=True)
class Step:
    """One step: a kind and a value (a key, a label, or a number as a string)."""

    kind: StepKind
    value: str
    occurrence: int | None = None  # for duplicate article numbers: the n-th one
    until: str | None = None  # a range: "les articles L. 1 à L. 3" is art_L1..L3

    def __str__(self) -> str:
        text = f"{self.kind.value}_{self.value.replace(' ', '_')}"
        if self.until is not None:
            text += ".." + self.until.replace(" ", "_")
        return text if self.occurrence is None else f"{text}@{self.occurrence}"

    @property
    def number(self) -> int:
        """The ordinal of an alinéa, phrase or tiret step (negative: from the end)."""
        return int(self.value)


class LocatorSyntaxError(LegidiffError):
    """A locator string, canonical or French, that cannot be read (LD124)."""

    def __init__(self, message: str):
        super().__init__("LD124", message)


@dataclass(frozen=True, slots=True)
class Locator:
    """An address in a code: steps outermost first, and the code it names, if any."""

    steps: tuple[Step, ...]
    code: str | None = None  # slug of the code's name: "code-de-la-securite-interieure"

    def __str__(self) -> str:
        path = "/".join(str(s) for s in self.steps)
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
        parts: list[tuple[str, str]] = []  # (article form "le"/"la"/"l'", rest)
        # An article number names its article in the code: the divisions above it are
        # not said ("l'article L. 853-2", not "… du chapitre III du titre V")
        article = next((i for i, s in enumerate(self.steps)
                        if s.kind is StepKind.ARTICLE and s.occurrence is None), 0)
        for i, step in enumerate(self.steps):
            if i < article and step.kind.division is not None:
                continue
            total = counts[i] if counts is not None and i < len(counts) else None
            parts.append(_french_step(step, total))
        parts.reverse()
        words = []
        for i, (det, rest) in enumerate(parts):
            if i == 0:
                words.append(det + (" " if not det.endswith("'") else "") + rest)
            else:
                of = {"le": "du", "la": "de la", "l'": "de l'", "les": "des"}[det]
                words.append(of + (" " if not of.endswith("'") else "") + rest)
        if self.code:
            words.append("du " + (name_from_slug(self.code) or self.code.replace("-", " ")))
        return " ".join(words)


_PART_NAMES = {"legislative": "législative", "reglementaire": "réglementaire",
               "arretes": "arrêtés"}


def _french_step(step: Step, total: int | None) -> tuple[str, str]:
    kind = step.kind
    if step.until is not None:
        first = _french_step(Step(kind, step.value), None)[1]
        last = _french_step(Step(kind, step.until), None)[1].split(" ", 1)[-1]
        plural = first.split(" ", 1)
        return "les", (f"{plural[0]}s {plural[1]}" if len(plural) == 2 else first) + f" à {last}"
    if kind is StepKind.ARTICLE:
        return "l'", "article " + article_bill_form(step.value)
    if kind is StepKind.ITEM:
        return "le", step.value
    if kind is StepKind.INTITULE:
        return "l'", "intitulé"
    if kind in _ORDINAL_KINDS:
        feminine = kind is StepKind.PHRASE
        ordinal = ordinal_words(step.number, feminine=feminine, of_two=total == 2)
        noun = {StepKind.ALINEA: "alinéa", StepKind.PHRASE: "phrase",
                StepKind.TIRET: "tiret"}[kind]
        det = "la" if feminine else "le"
        if ordinal[0] in "aeéiou":
            det = "l'"
        return det, f"{ordinal} {noun}"
    division = kind.division
    assert division is not None
    if division is DivisionKind.PARTIE:
        if step.value.isdigit():  # "la première partie"
            return "la", f"{ordinal_words(int(step.value), feminine=True)} partie"
        return "la", "partie " + _PART_NAMES.get(step.value, step.value)
    number = division_number_for_display(step.value, roman=division.roman)
    return ("la" if division.feminine else "le"), f"{division.value} {number}"


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
    divisions: tuple[Division, ...] = ()
    scope: Sequence[Division | Article] = code.children
    target = Target(locator, ())
    steps = list(locator.steps)
    ranged = [s for s in steps if s.until is not None]
    if ranged:
        raise ResolveError(AMBIGUOUS, f"« {ranged[0]} » désigne une plage, pas une unité")
    i = 0
    while i < len(steps) and steps[i].kind.division is not None:
        divisions = _find_division(scope, divisions, steps[i])
        scope = divisions[-1].children
        target = Target(locator, divisions)
        i += 1
    if i == len(steps):
        return target
    if steps[i].kind is not StepKind.ARTICLE:
        raise ResolveError(NOT_FOUND, f"« {steps[i]} » ne peut suivre que un article : "
                                      f"nommez l'article")
    path = _find_article(code, divisions, steps[i])
    return resolve_inside(locator, path, i + 1)


def resolve_inside(locator: Locator, path: ArticlePath, first: int) -> Target:
    """Resolve the steps of ``locator`` from index ``first`` (items, alinéas, phrases)
    inside the article ``path``."""
    steps = locator.steps
    structure = analyse(path.article)
    count = len(path.article.alineas)
    target = Target(locator, path.divisions, path.article, structure, (), (0, count),
                    counts=(None,) * first)
    for k in range(first, len(steps)):
        if steps[k].until is not None:
            raise ResolveError(AMBIGUOUS, f"« {steps[k]} » désigne une plage, pas une unité")
        name = Locator(tuple(steps[:k]), locator.code).to_french()
        target = _descend(target, steps[k], name)
    return target


def _find_division(scope: Sequence[Division | Article], parents: tuple[Division, ...],
                   step: Step) -> tuple[Division, ...]:
    kind = step.kind.division
    where = _where(parents)
    direct = [d for d in scope if isinstance(d, Division) and d.kind is kind
              and d.key == step.value]
    if len(direct) == 1:
        return (*parents, direct[0])
    if len(direct) > 1:
        raise ResolveError(AMBIGUOUS, f"{len(direct)} divisions « {step} » {where}")
    # Not a direct child: look deeper ("le chapitre II du titre V" inside a livre).
    found: list[tuple[Division, ...]] = []
    same_kind: list[str] = []
    stack = [(parents, list(scope))]
    while stack:
        chain, nodes = stack.pop()
        for node in nodes:
            if isinstance(node, Division):
                if node.kind is kind:
                    same_kind.append(node.number)
                    if node.key == step.value:
                        found.append((*chain, node))
                stack.append(((*chain, node), list(node.children)))
    if len(found) == 1:
        return found[0]
    if not found:
        assert kind is not None
        present = sorted(set(same_kind), key=division_key)
        plural = f"{kind.value}s présent{'e' if kind.feminine else ''}s"
        evidence = (f"{plural} : " + ", ".join(present[:30])) if present else (
            f"aucun{'e' if kind.feminine else ''} {kind.value} {where}")
        raise ResolveError(NOT_FOUND, f"pas de {step.kind.value} {step.value} {where}", evidence)
    places = "; ".join(" > ".join(f"{d.kind.value} {d.number}" for d in c) for c in found)
    raise ResolveError(AMBIGUOUS, f"{len(found)} divisions {step.kind.value} {step.value} "
                                  f"{where} : précisez laquelle", places)


def _where(parents: tuple[Division, ...]) -> str:
    if not parents:
        return "dans le code"
    last = parents[-1]
    return f"dans {last.kind.value} {last.number}"


def _find_article(code: Code, divisions: tuple[Division, ...], step: Step) -> ArticlePath:
    paths = [p for p in code.find_articles(step.value)
             if p.divisions[:len(divisions)] == divisions]
    bill = article_bill_form(step.value)
    if not paths:
        raise ResolveError(NOT_FOUND, f"l'article {bill} n'existe pas {_where(divisions)}")
    if step.occurrence is not None:
        if step.occurrence > len(paths):
            raise ResolveError(NOT_FOUND, f"il n'y a que {len(paths)} article(s) {bill}")
        return paths[step.occurrence - 1]
    if len(paths) > 1:
        places = "; ".join(p.describe() or "racine" for p in paths)
        raise ResolveError(AMBIGUOUS, f"{len(paths)} articles portent le numéro {bill} : "
                                      f"précisez lequel ({step}@1, {step}@2…)", places)
    return paths[0]


def _descend(target: Target, step: Step, name: str) -> Target:
    """One step down inside an article; ``name`` is the unit reached so far, in French."""
    assert target.structure is not None
    assert target.alineas is not None
    structure = target.structure
    start, end = target.alineas
    if target.phrase is not None:
        raise ResolveError(NOT_FOUND, f"« {step} » ne peut suivre une phrase")
    if step.kind is StepKind.ITEM:
        children = target.items[-1].children if target.items else structure.items
        matches = [it for it in children if it.label == step.value and it.level < Level.TIRET]
        if len(matches) != 1:
            present = ", ".join(it.label for it in children if it.level < Level.TIRET)
            deeper = _deeper_labels(children, step.value)
            evidence = f"{name} contient : {present or 'aucun élément numéroté'}"
            if deeper:
                evidence += f" ; « {step.value} » existe plus bas : {deeper}"
            code = NOT_FOUND if not matches else AMBIGUOUS
            raise ResolveError(code, f"pas de {step.value} unique dans {name}", evidence)
        item = matches[0]
        return replace(target, items=(*target.items, item), alineas=(item.start, item.end),
                       counts=(*target.counts, None))
    if step.kind is StepKind.TIRET:
        children = target.items[-1].children if target.items else structure.items
        tirets = [it for it in children if it.level is Level.TIRET]
        index = _pick(step.number, len(tirets), "tiret", name)
        item = tirets[index]
        return replace(target, items=(*target.items, item), alineas=(item.start, item.end),
                       counts=(*target.counts, len(tirets)))
    if step.kind is StepKind.ALINEA:
        index = _pick(step.number, end - start, "alinéa", name)
        return replace(target, alineas=(start + index, start + index + 1),
                       counts=(*target.counts, end - start))
    if step.kind is StepKind.PHRASE:
        if end - start != 1:
            raise ResolveError(NEEDS_ALINEA, f"{name} compte {end - start} alinéas : "
                                             f"précisez l'alinéa de la phrase")
        spans = structure.alineas[start].phrases
        index = _pick(step.number, len(spans), "phrase", name)
        return replace(target, phrase=index, phrase_span=spans[index],
                       counts=(*target.counts, len(spans)))
    raise ResolveError(NOT_FOUND, f"« {step} » ne peut se trouver dans un article")


def _pick(number: int, count: int, noun: str, name: str) -> int:
    index = number - 1 if number > 0 else count + number
    if not 0 <= index < count:
        raise ResolveError(OUT_OF_RANGE, f"pas de {noun} n° {number} dans {name}",
                           f"{name} compte {count} {noun}(s)")
    return index


def _deeper_labels(items: Sequence[Item], label: str) -> str:
    found: list[str] = []

    def walk(nodes: Sequence[Item], chain: list[str]) -> None:
        for node in nodes:
            if node.label == label and chain:
                found.append(" > ".join([*chain, node.label]))
            walk(node.children, [*chain, node.label])

    walk(items, [])
    return "; ".join(found)
