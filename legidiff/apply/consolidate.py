"""Consolidation: apply the operations of a bill or a law to a base text, exactly.

    consolidate(code, bill) -> Consolidation(code: the new tree, results, provenance)

Every operation first checks its target (the unit exists, once; the quoted words are
there once, or at the stated occurrence; a new number is free and lands in order) on a
working copy of the article, and changes the tree only when all checks pass. A failure
is a result with a diagnostic (stable code, the bill's reference and line, the resolved
address, the evidence); the other operations go on. Nothing is raised for a bad
instruction.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from enum import Enum

from legidiff.apply.content import NewTextError, parse_new_units
from legidiff.apply.worktree import WArticle, WDivision, Work
from legidiff.bill.operations import (
    Bill,
    Complete,
    DeleteEnd,
    DeleteUnit,
    DeleteWords,
    InsertUnits,
    InsertWords,
    NewText,
    Operation,
    Position,
    Renumber,
    Repeal,
    ReplaceWords,
    Restore,
    Rewrite,
    RewriteEnd,
    Source,
    UnitKind,
    Unrecognized,
    Words,
)
from legidiff.diagnostics import Diagnostic, LegidiffError, Location, Severity
from legidiff.document.locator import (
    Locator,
    ResolveError,
    Step,
    StepKind,
    Target,
    resolve_inside,
)
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.document.structure import (
    Item,
    Level,
    analyse,
    item_sort_key,
    phrase_spans,
    read_labels,
    strip_header,
)
from legidiff.lang.codes import code_key, names_in
from legidiff.lang.matching import find_all, join, split_final
from legidiff.lang.numbering import (
    ArticleNumber,
    article_bill_form,
    article_key,
    division_number_for_display,
)
from legidiff.lang.text import has_markup, visible
from legidiff.perf import paused_gc


class Status(Enum):
    APPLIED = "applied"
    FAILED = "failed"
    OUT_OF_SCOPE = "out_of_scope"
    STANDALONE = "standalone"
    UNRECOGNIZED = "unrecognized"


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one instruction."""

    status: Status
    source: Source
    kind: str  # operation kind, "provision" or "unrecognized"
    target: str | None = None  # canonical locator
    address: str | None = None  # the unit in French
    before: str | None = None
    after: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    dates: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"status": self.status.value, "kind": self.kind}
        for key in ("target", "address", "before", "after"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.dates:
            out["dates"] = list(self.dates)
        out.update(self.source.to_json())
        out["diagnostics"] = [d.to_json() for d in self.diagnostics]
        return out


@dataclass(frozen=True, slots=True)
class Consolidation:
    """The consolidated tree, what became of each instruction, and what changed what."""

    base: Code
    code: Code
    results: tuple[Result, ...]
    provenance: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # article key → the instructions (line, column in the bill) that changed, created or
    # removed it, in the order they applied
    changes: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @property
    def failures(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.status in (Status.FAILED,
                                                             Status.UNRECOGNIZED))

    @property
    def complete(self) -> bool:
        """Every instruction in scope applied (and none left unread)."""
        return not self.failures

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(d for r in self.results for d in r.diagnostics)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            out[r.status.value] = out.get(r.status.value, 0) + 1
        return out


class EngineError(LegidiffError):
    """An instruction that cannot be applied: code, message, evidence."""


# ---------------------------------------------------------------------------
# Entry point


def code_id(code: Code) -> str | None:
    """The slug instructions use for the code of a base ("code-de-la-route")."""
    return code_key(code.title) if code.title else None


def consolidate(code: Code, bill: Bill, *, path: str = "<texte>") -> Consolidation:
    """Apply a parsed bill to a base text. Instructions for another code or law are
    out of scope; a modifying sentence that was not understood makes the consolidation
    incomplete."""
    with paused_gc():
        return _consolidate(code, bill, path)


def _consolidate(code: Code, bill: Bill, path: str) -> Consolidation:
    work = Work(code)
    own = code_id(code)
    results: list[Result] = []
    for op in bill.operations:
        results.append(_one(work, op, own, path))
    for unread in bill.unrecognized:
        in_scope = unread.modifying and _may_concern(unread, code, own)
        status = Status.UNRECOGNIZED if in_scope else Status.OUT_OF_SCOPE
        diags: tuple[Diagnostic, ...] = ()
        if status is Status.OUT_OF_SCOPE:
            diags = (Diagnostic("LD308", Severity.INFO,
                                f"{unread.source.bill_ref} : hors du texte de base, phrase non "
                                f"comprise qui vise un autre texte",
                                Location(path, unread.source.line, unread.source.column)),)
        else:
            diags = (Diagnostic("LD309", Severity.ERROR,
                                f"{unread.source.bill_ref} : instruction non comprise, la "
                                f"consolidation ne peut être dite complète ({unread.reason})",
                                Location(path, unread.source.line, unread.source.column)),)
        results.append(Result(status, unread.source, "unrecognized", diagnostics=diags))
    for provision in bill.provisions:
        results.append(Result(Status.STANDALONE, provision.source, "provision",
                              dates=provision.dates))
    results.sort(key=lambda r: (r.source.line, r.source.column))
    frozen, provenance = work.freeze()
    work.dispose()
    return Consolidation(code, frozen, tuple(results),
                         {k: tuple(v) for k, v in provenance.items()},
                         {k: tuple(v) for k, v in work.touched.items()})


def mark_failures(consolidation: Consolidation) -> Code:
    """The consolidated tree with a marker alinéa at the end of each article where an
    instruction failed (``--partial``): a partial text must never pass for the law."""
    marks: dict[str, list[str]] = {}
    for result in consolidation.failures:
        key = next((s.value for s in reversed(Locator.parse(result.target).steps)
                    if s.kind is StepKind.ARTICLE), None) if result.target else None
        if key is not None:
            message = result.diagnostics[0].message if result.diagnostics else result.kind
            marks.setdefault(key, []).append(f"[legidiff : instruction non appliquée — "
                                             f"{message}]")
    if not marks:
        return consolidation.code

    def mark(node: Article | Division) -> Article | Division:
        if isinstance(node, Article):
            notes = marks.get(node.key)
            if not notes:
                return node
            return replace(node, alineas=(*node.alineas, *(Alinea(n) for n in notes)))
        return replace(node, children=tuple(mark(c) for c in node.children))

    code = consolidation.code
    return replace(code, children=tuple(mark(c) for c in code.children))


def _may_concern(unread: Unrecognized, code: Code, own: str | None) -> bool:
    """Whether a sentence that was not understood may modify the base. It does unless
    that is certain not to be so: its chapeau amends another text, or it has none and
    names (outside quotations) other texts and not this one. An unknown code name proves
    nothing; wrongly calling a sentence out of scope would pass an incomplete text for
    a complete one, so doubt counts as in scope."""
    if unread.context is not None and unread.context == own:
        return True
    named = {code_key(n) if n != "autre texte" else n
             for n in names_in(_unquoted(unread.source.text), code.title)}
    if own is not None and own in named:
        return True
    if unread.context is not None:
        return False
    return not named


def _unquoted(text: str) -> str:
    """The text without what is inside « » (nested quotations included)."""
    out: list[str] = []
    depth = 0
    for c in text:
        if c == "«":
            depth += 1
        elif c == "»" and depth:
            depth -= 1
        elif not depth:
            out.append(c)
    return "".join(out)


def _origin(op: Operation) -> str:
    return op.source.origin


def _one(work: Work, op: Operation, own: str | None, path: str) -> Result:
    target = str(op.target)
    location = Location(path, op.source.line, op.source.column)
    if op.target.code is None and own is not None and own in {
            code_key(n) for n in names_in(_unquoted(op.source.text), work.base.title)}:
        # the sentence names this code but its operation was read without it: never skip
        return _failed(op, target, location, "LD309", "l'instruction nomme ce code mais n'a "
                       "pas pu lui être rattachée : consolidation incomplète", None)
    if op.target.code is None or op.target.code != own:
        reason = ("l'instruction ne nomme pas de code (--code pour l'appliquer à ce texte)"
                  if op.target.code is None else f"vise un autre texte ({op.target.code})")
        return Result(Status.OUT_OF_SCOPE, op.source, op.kind, target, diagnostics=(
            Diagnostic("LD308", Severity.INFO, f"{op.source.bill_ref} : hors du texte de base, "
                                               f"{reason}", location),))
    work.current = (op.source.line, op.source.column)
    try:
        applied = _apply(work, op)
    except ResolveError as e:
        return _failed(op, target, location, "LD301", e.message, e.evidence)
    except EngineError as e:
        return _failed(op, target, location, e.code, e.message, e.evidence)
    except NewTextError as e:
        return _failed(op, target, location, "LD311", f"texte cité illisible : {e}", None)
    finally:
        work.current = None
    infos = tuple(Diagnostic(code, Severity.INFO, f"{op.source.bill_ref} : {message}", location)
                  for code, message in applied.infos)
    return Result(Status.APPLIED, op.source, op.kind, target, applied.address, applied.before,
                  applied.after, infos)


def _failed(op: Operation, target: str, location: Location, code: str, message: str,
            evidence: str | None) -> Result:
    where = op.target.to_french() if op.target.steps else "le texte"
    diag = Diagnostic(code, Severity.ERROR, f"{op.source.bill_ref} : {message} ({where})",
                      location, evidence)
    return Result(Status.FAILED, op.source, op.kind, target, where, diagnostics=(diag,))


@dataclass
class Applied:
    address: str | None = None
    before: str | None = None
    after: str | None = None
    infos: list[tuple[str, str]] = field(default_factory=list)


def _apply(work: Work, op: Operation) -> Applied:
    match op:
        case ReplaceWords() | DeleteWords() | InsertWords() | RewriteEnd() | DeleteEnd():
            return _words_op(work, op)
        case Rewrite():
            return _rewrite(work, op)
        case Complete():
            return _complete(work, op)
        case InsertUnits():
            return _insert_units(work, op)
        case DeleteUnit() | Repeal():
            return _delete(work, op)
        case Restore():
            return _restore(work, op)
        case Renumber():
            return _renumber(work, op)
        case _:  # pragma: no cover - every operation kind is handled above
            raise AssertionError(op)


# ---------------------------------------------------------------------------
# Finding the unit of an operation


@dataclass
class Unit:
    """A unit inside an article: alinéas [start, end) and, for a phrase, its span in
    the alinéa's text."""

    w: WArticle
    target: Target
    start: int
    end: int
    phrase: tuple[int, int] | None = None

    @property
    def article(self) -> Article:
        return self.w.article

    def text(self) -> str:
        alineas = self.article.alineas
        if self.phrase is not None:
            a, b = self.phrase
            return alineas[self.start].text[a:b]
        return "\n".join(visible(a.text, a.markup) for a in alineas[self.start:self.end])


def _unit(work: Work, locator: Locator) -> Unit:
    _, w, first = work.locate(locator)
    if w is None:
        raise EngineError("LD301", "l'instruction ne désigne pas un article")
    steps = locator.steps
    last = steps[-1] if len(steps) > first else None
    if last is not None and last.until is not None:
        return _span(work, w, locator, first)
    if first == len(steps):  # the whole article: no need of its structure
        count = len(w.article.alineas)
        return Unit(w, Target(locator, w.parent.chain(), w.article, None, (), (0, count)),
                    0, count)
    target = resolve_inside(locator, work.path(w), first)
    assert target.alineas is not None
    start, end = target.alineas
    phrase = None
    if target.phrase is not None:
        phrase = _raw_phrase(w.article.alineas[start], target.phrase)
    return Unit(w, target, start, end, phrase)


def _span(work: Work, w: WArticle, locator: Locator, first: int) -> Unit:
    """"Les premier et deuxième alinéas", "les 1° et 2°": from the first unit to the last,
    which must follow each other with nothing else between them."""
    last = locator.steps[-1]
    assert last.until is not None
    head = locator.steps[:-1]
    a = resolve_inside(Locator((*head, replace(last, until=None)), locator.code),
                       work.path(w), first)
    b = resolve_inside(Locator((*head, Step(last.kind, last.until)), locator.code),
                       work.path(w), first)
    assert a.alineas is not None
    assert b.alineas is not None
    if last.kind is StepKind.ITEM:
        siblings = (a.items[-2].children if len(a.items) > 1 else a.structure.items
                    ) if a.structure is not None else ()
        labels = [it.label for it in siblings]
        i, j = labels.index(a.items[-1].label), labels.index(b.items[-1].label)
        if j != i + 1:
            raise EngineError("LD313", f"entre le {last.value} et le {last.until} se trouvent "
                                       f"d'autres éléments que le texte ne nomme pas",
                              "éléments : " + ", ".join(labels[i:j + 1]))
    if b.alineas[1] <= a.alineas[0]:
        raise EngineError("LD301", "plage vide ou à l'envers")
    return Unit(w, a, a.alineas[0], b.alineas[1])


def _raw_phrase(alinea: Alinea, index: int) -> tuple[int, int]:
    if alinea.markup:
        raise EngineError("LD312", "phrase dans un alinéa en HTML : modification non prise en "
                                   "charge", alinea.text[:200])
    spans = raw_phrases(alinea.text)
    if index >= len(spans):
        raise EngineError("LD301", f"pas de phrase n° {index + 1}", alinea.text[:200])
    return spans[index]


def raw_phrases(text: str) -> list[tuple[int, int]]:
    """Phrase spans in the text as written (labels and header left out)."""
    _, offset = strip_header(text)
    labels = read_labels(text[offset:])
    body = offset + (labels[-1].end if labels else 0)
    return phrase_spans(text, body)


# ---------------------------------------------------------------------------
# Words


@dataclass
class Place:
    index: int  # alinéa index in the article
    start: int
    end: int


def _search_space(unit: Unit) -> list[tuple[int, int, int]]:
    """(alinéa index, start, end) of the text the words are looked for in."""
    out = []
    alineas = unit.article.alineas
    for i in range(unit.start, unit.end):
        text = alineas[i].text
        if unit.phrase is not None:
            out.append((i, unit.phrase[0], unit.phrase[1]))
        else:
            out.append((i, 0, len(text)))
    return out


def _find(unit: Unit, words: str) -> list[Place]:
    places = []
    alineas = unit.article.alineas
    for i, a, b in _search_space(unit):
        alinea = alineas[i]
        if alinea.markup and has_markup(alinea.text):
            if find_all(visible(alinea.text, True), words):
                raise EngineError("LD312", "mots à modifier dans un alinéa en HTML (tableau, "
                                           "balises) : modification non prise en charge",
                                  alinea.text[:200])
            continue
        for s, e in find_all(alinea.text[a:b], words):
            places.append(Place(i, a + s, a + e))
    return places


def _choose(unit: Unit, words: Words, text: str) -> list[Place]:
    places = _find(unit, text)
    name = f"« {text} »"
    if not places:
        raise EngineError("LD302", f"les mots {name} ne figurent pas dans l'unité visée",
                          _evidence(unit, text))
    if words.everywhere:
        return places
    if words.occurrence is not None:
        n = words.occurrence
        index = n - 1 if n > 0 else len(places) + n
        if not 0 <= index < len(places):
            raise EngineError("LD304", f"{name} n'y figure que {len(places)} fois : pas "
                                       f"d'occurrence n° {n}", _occurrences(unit, places))
        return [places[index]]
    if len(places) > 1:
        raise EngineError("LD303", f"{name} figure {len(places)} fois et l'instruction ne dit "
                                   "pas laquelle", _occurrences(unit, places))
    return places


def _occurrences(unit: Unit, places: list[Place], width: int = 40) -> str:
    """Each occurrence with its alinéa (counted in the article) and its context."""
    alineas = unit.article.alineas
    shown = []
    for n, place in enumerate(places[:10], 1):
        text = alineas[place.index].text
        a, b = max(0, place.start - width), min(len(text), place.end + width)
        context = (("…" if a else "") + text[a:place.start] + "[" + text[place.start:place.end]
                   + "]" + text[place.end:b] + ("…" if b < len(text) else ""))
        shown.append(f"{n}) alinéa {place.index + 1} : « {context} »")
    more = f"\n… et {len(places) - 10} autres" if len(places) > 10 else ""
    return "\n".join(shown) + more


def _evidence(unit: Unit, words: str) -> str:
    text = unit.text()
    folded = words.lower()
    close = text.lower().find(folded)
    if close >= 0 and not words.isspace():
        return f"forme proche dans le texte : « {text[close:close + len(words)]} »"
    shown = text if len(text) <= 400 else text[:400] + " …"
    return f"le texte visé contient : « {shown} »"


def _words_op(work: Work, op: ReplaceWords | DeleteWords | InsertWords | RewriteEnd | DeleteEnd
              ) -> Applied:
    if not op.target.steps:
        return _everywhere(work, op)
    unit = _unit(work, op.target)
    applied = Applied(address=op.target.to_french(), before=unit.text())
    alineas = list(unit.article.alineas)
    edits: list[tuple[Place, str]] = []  # where, and the new text
    match op:
        case ReplaceWords():
            pairs = _pairs(op)
            for old_text, new_text in pairs:
                words = replace(op.old, texts=(old_text,))
                edits.extend((p, new_text) for p in _choose(unit, words, old_text))
        case DeleteWords():
            for old_text in op.old.texts:
                words = replace(op.old, texts=(old_text,))
                edits.extend((p, "") for p in _choose(unit, words, old_text))
        case InsertWords():
            new = " ".join(op.new)
            if op.anchor is not None:
                anchor = op.anchor.texts[0]
                place = _choose(unit, op.anchor, anchor)[0]
                if op.position is Position.BEFORE:
                    edits.append((Place(place.index, place.start, place.start), new))
                else:
                    edits.append((Place(place.index, place.end, place.end), new))
            else:
                edits.append((_edge(unit, op.position), new))
        case RewriteEnd() | DeleteEnd():
            place = _choose(unit, op.anchor, op.anchor.texts[0])[0]
            end = _end_of(unit, place)
            new = op.new if isinstance(op, RewriteEnd) else ""
            if isinstance(op, DeleteEnd):
                text = alineas[place.index].text
                final = text[place.end:end].rstrip()[-1:]
                new = final if final in ".;:" else ""
            edits.append((Place(place.index, place.end, end), new))
    origin = _origin(op)
    for place, new in sorted(edits, key=lambda e: (e[0].index, e[0].start), reverse=True):
        text = alineas[place.index].text
        left, right = text[:place.start], text[place.end:]
        if isinstance(op, DeleteEnd):
            joined, merged = left.rstrip() + new, False
        elif isinstance(op, RewriteEnd):
            joined, merged = join(left, new, "")
        else:
            joined, merged = join(left, new, right)
        if merged:
            applied.infos.append(("LD310", "ponctuation des mots insérés fusionnée avec celle "
                                           "du texte"))
        alineas[place.index] = replace(alineas[place.index], text=joined, origin=origin)
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    applied.after = _unit(work, op.target).text()
    return applied


def _pairs(op: ReplaceWords) -> list[tuple[str, str]]:
    old = op.old.texts
    if op.respectively or (len(old) > 1 and len(old) == len(op.new)):
        if len(old) != len(op.new):
            raise EngineError("LD311", f"{len(old)} mots remplacés « respectivement » par "
                                       f"{len(op.new)}")
        return list(zip(old, op.new, strict=True))
    new = _french_list(op.new) if not op.old.quoted else " ".join(op.new)
    return [(text, new) for text in old]


def _french_list(items: tuple[str, ...]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _edge(unit: Unit, position: Position) -> Place:
    if position is Position.START:
        index = unit.start
        text = unit.article.alineas[index].text
        start = unit.phrase[0] if unit.phrase else _body_start(text)
        return Place(index, start, start)
    index = unit.end - 1
    text = unit.article.alineas[index].text
    end = unit.phrase[1] if unit.phrase else len(text)
    body, _ = split_final(text[:end])
    return Place(index, len(body), len(body))


def _body_start(text: str) -> int:
    _, offset = strip_header(text)
    labels = read_labels(text[offset:])
    return offset + (labels[-1].end if labels else 0)


def _end_of(unit: Unit, place: Place) -> int:
    """End of the phrase holding ``place`` (or of the unit's phrase, or alinéa)."""
    text = unit.article.alineas[place.index].text
    if unit.phrase is not None:
        return unit.phrase[1]
    for a, b in raw_phrases(text):
        if a <= place.start < b:
            return b
    return len(text.rstrip())


def _everywhere(work: Work, op: ReplaceWords | DeleteWords | InsertWords | RewriteEnd | DeleteEnd
                ) -> Applied:
    if not isinstance(op, ReplaceWords | DeleteWords) or not op.old.everywhere:
        raise EngineError("LD301", "l'instruction ne désigne aucune unité du texte")
    pairs = _pairs(op) if isinstance(op, ReplaceWords) else [(t, "") for t in op.old.texts]
    origin = _origin(op)
    count = 0
    for w in list(work.articles()):
        alineas = list(w.article.alineas)
        touched = False
        for i, alinea in enumerate(alineas):
            if alinea.markup:
                continue
            text = alinea.text
            for old, new in pairs:
                for s, e in reversed(find_all(text, old)):
                    text, _ = join(text[:s], new, text[e:])
                    count += 1
                    touched = True
            if text != alinea.text:
                alineas[i] = replace(alinea, text=text, origin=origin)
        if touched:
            work.set_article(w, replace(w.article, alineas=tuple(alineas)), origin)
    if not count:
        raise EngineError("LD302", "les mots visés ne figurent nulle part dans le texte de base")
    return Applied(address="l'ensemble du texte", before=None,
                   after=f"{count} occurrence(s) remplacée(s)")


# ---------------------------------------------------------------------------
# Units


def _new_alineas(new: NewText, origin: str) -> list[Alinea]:
    return [Alinea(text, markup=has_markup(text), origin=origin) for text in new.alineas]


def _rewrite(work: Work, op: Rewrite) -> Applied:
    steps = op.target.steps
    origin = _origin(op)
    if steps and steps[-1].kind is StepKind.INTITULE:
        return _rewrite_heading(work, op)
    scope, w, first = work.locate(op.target)
    if w is None:
        return _rewrite_division(work, scope, op)
    if first == len(steps):  # the whole article
        texts = _article_content(op.new, w.article.num)
        before = "\n".join(a.text for a in w.article.alineas)
        work.set_article(w, replace(w.article, alineas=tuple(
            Alinea(t, markup=has_markup(t), origin=origin) for t in texts)), origin)
        return Applied(op.target.to_french(), before, "\n".join(texts))
    unit = _unit(work, op.target)
    before = unit.text()
    alineas = list(unit.article.alineas)
    if unit.phrase is not None:
        if len(op.new.alineas) != 1:
            raise EngineError("LD311", "une phrase réécrite par plusieurs alinéas")
        index = unit.start
        text = alineas[index].text
        a, b = unit.phrase
        joined, _ = join(text[:a], op.new.alineas[0], text[b:])
        alineas[index] = replace(alineas[index], text=joined, origin=origin)
    else:
        _check_open_end(unit)
        alineas[unit.start:unit.end] = _new_alineas(op.new, origin)
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, "\n".join(op.new.alineas))


def _check_open_end(unit: Unit) -> None:
    items = unit.target.items
    if items and items[-1].open_end and unit.start == items[-1].start and \
            unit.end == items[-1].end:
        raise EngineError("LD314", f"la fin du {items[-1].label} est incertaine : ses derniers "
                                   "alinéas, sans numéro, peuvent appartenir à l'élément qui le "
                                   "contient", unit.text()[:400])


def _rewrite_heading(work: Work, op: Rewrite) -> Applied:
    scope, _, _ = work.locate(Locator(op.target.steps[:-1], op.target.code))
    if scope.header is None or len(op.new.alineas) != 1:
        raise EngineError("LD311", "intitulé de division attendu, en une ligne")
    header = scope.header
    before = header.heading
    prefix = header.heading.split(":", 1)[0].rstrip() if ":" in header.heading else (
        f"{header.kind.label} {header.number}")
    title = op.new.alineas[0]
    scope.header = replace(header, title=title, heading=f"{prefix} : {title}", layout=None)
    scope.touch()
    return Applied(op.target.to_french(), before, scope.header.heading)


def _rewrite_division(work: Work, scope: WDivision, op: Rewrite) -> Applied:
    if scope.header is None:
        raise EngineError("LD301", "l'instruction ne désigne ni article ni division")
    units = parse_new_units(op.new.alineas, work, _origin(op))
    parent = scope.parent
    assert parent is not None
    before = scope.header.heading
    for child in list(scope.children):
        work.remove(child)
    for node in units:
        work.insert(scope, len(scope.children), node)
    return Applied(op.target.to_french(), before, f"{len(units)} unité(s) réécrite(s)")


def _article_content(new: NewText, expected: str) -> list[str]:
    """The alinéas of a rewritten article, its header "Art. L. 233. – " removed (it must
    name the article rewritten)."""
    alineas = list(new.alineas)
    if not alineas:
        raise EngineError("LD207", "le texte de l'article manque")
    number, offset = strip_header(alineas[0])
    if number is None:
        return alineas
    if article_key(number) != article_key(expected):
        raise EngineError("LD311", f"le texte cité est celui de l'article "
                                   f"{article_bill_form(number)}, pas de l'article "
                                   f"{article_bill_form(expected)}")
    alineas[0] = alineas[0][offset:]
    return alineas


def _complete(work: Work, op: Complete) -> Applied:
    origin = _origin(op)
    new = op.new
    scope, w, first = work.locate(op.target)
    if new.kind in (UnitKind.ARTICLE, UnitKind.DIVISION) or (
            w is None and new.kind is UnitKind.TEXT):
        container = scope
        nodes = parse_new_units(new.alineas, work, origin)
        _check_new_numbers(work, nodes)
        for node in nodes:
            _check_order_at_end(container, node)
            work.insert(container, len(container.children), node)
        return Applied(op.target.to_french(), None, "\n".join(new.alineas))
    if w is None:
        raise EngineError("LD301", "l'instruction ne désigne pas un article")
    unit = _unit(work, op.target) if first < len(op.target.steps) else Unit(
        w, resolve_inside(op.target, work.path(w), first), 0, len(w.article.alineas))
    before = unit.text()
    alineas = list(unit.article.alineas)
    if new.kind is UnitKind.WORDS:
        place = _edge(unit, Position.END)
        text = alineas[place.index].text
        joined, _ = join(text[:place.start], " ".join(new.alineas), text[place.end:])
        alineas[place.index] = replace(alineas[place.index], text=joined, origin=origin)
    elif new.kind is UnitKind.PHRASE or (new.kind is UnitKind.TEXT and new.inline
                                         and len(new.alineas) == 1):
        # "est complété par les dispositions suivantes : « X »" quoted in the sentence itself
        # adds to the unit's last alinéa, as a phrase (a block below would add alinéas)
        index = unit.end - 1
        text = alineas[index].text
        if unit.phrase is not None:
            raise EngineError("LD311", "une phrase complétée par une phrase")
        joined, _ = join(text, " ".join(new.alineas), "")
        alineas[index] = replace(alineas[index], text=joined, origin=origin)
    else:
        if unit.target.items:
            _check_open_end(unit)
        added = _new_alineas(new, origin)
        alineas[unit.end:unit.end] = added
        _check_new_items(unit.article, alineas, unit.end, len(added))
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    after = _unit(work, op.target).text() if first < len(op.target.steps) else "\n".join(
        a.text for a in unit.w.article.alineas)
    return Applied(op.target.to_french(), before, after)


def _insert_units(work: Work, op: InsertUnits) -> Applied:
    origin = _origin(op)
    new = op.new
    if new.kind in (UnitKind.ARTICLE, UnitKind.DIVISION):
        return _insert_nodes(work, op, origin)
    unit = _unit(work, op.target)
    before = unit.text()
    alineas = list(unit.article.alineas)
    if new.kind is UnitKind.PHRASE:
        index = unit.start if op.position in (Position.BEFORE, Position.START) else unit.end - 1
        text = alineas[index].text
        if unit.phrase is not None:
            a, b = unit.phrase
        else:
            spans = raw_phrases(text)
            a, b = (spans[0] if op.position in (Position.BEFORE, Position.START) else spans[-1]
                    ) if spans else (0, len(text))
        joined = (join(text[:a], " ".join(new.alineas), text[a:])[0]
                  if op.position in (Position.BEFORE, Position.START)
                  else join(text[:b], " ".join(new.alineas), text[b:])[0])
        alineas[index] = replace(alineas[index], text=joined, origin=origin)
    else:
        at = unit.start if op.position in (Position.BEFORE, Position.START) else unit.end
        if op.position is Position.START and unit.target.items == () and unit.start == 0:
            at = 0
        added = _new_alineas(new, origin)
        alineas[at:at] = added
        _check_new_items(unit.article, alineas, at, len(added))
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, "\n".join(new.alineas))


def _insert_nodes(work: Work, op: InsertUnits, origin: str) -> Applied:
    nodes = parse_new_units(op.new.alineas, work, origin)
    _check_new_numbers(work, nodes)
    if op.position is Position.ORDER:
        places = [_place_in_order(work, op.target, node) for node in nodes]
        for node, (where, at) in zip(nodes, places, strict=True):
            work.insert(where, at, node)
        return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))
    scope, w, first = work.locate(op.target)
    anchor: WArticle | WDivision = w if w is not None else scope
    if w is not None and first < len(op.target.steps):
        raise EngineError("LD311", "des articles insérés à l'intérieur d'un article")
    container = anchor.parent
    if container is None:
        raise EngineError("LD301", "pas de division où insérer")
    index = container.children.index(anchor) + (1 if op.position is Position.AFTER else 0)
    _check_order_around([*container.children[:index], *nodes, *container.children[index:]],
                        index, len(nodes))
    for k, node in enumerate(nodes):
        work.insert(container, index + k, node)
    return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))


def _delete(work: Work, op: DeleteUnit | Repeal) -> Applied:
    steps = op.target.steps
    if not steps:
        raise EngineError("LD301", "abrogation d'un texte entier : hors de la base")
    last = steps[-1]
    if last.kind is StepKind.ARTICLE and last.until is not None:
        return _delete_article_range(work, op)
    scope, w, first = work.locate(op.target)
    if w is None:
        if scope.header is None:
            raise EngineError("LD301", "rien à supprimer")
        before = scope.header.heading
        work.remove(scope)
        return Applied(op.target.to_french(), before, None)
    if first == len(steps):
        before = "\n".join(a.text for a in w.article.alineas)
        work.remove(w)
        return Applied(op.target.to_french(), before, None)
    unit = _unit(work, op.target)
    before = unit.text()
    alineas = list(unit.article.alineas)
    origin = _origin(op)
    if unit.phrase is not None:
        text = alineas[unit.start].text
        a, b = unit.phrase
        joined, _ = join(text[:a], "", text[b:].lstrip())
        if not joined.strip():
            del alineas[unit.start]
        else:
            alineas[unit.start] = replace(alineas[unit.start], text=joined.rstrip(), origin=origin)
    else:
        _check_open_end(unit)
        del alineas[unit.start:unit.end]
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, None)


def _delete_article_range(work: Work, op: DeleteUnit | Repeal) -> Applied:
    last = op.target.steps[-1]
    assert last.until is not None
    scope, _, _ = work.locate(Locator(op.target.steps[:-1], op.target.code))
    order = [w for w in work.articles() if _in_scope(w, scope)]
    keys = [w.key for w in order]
    if last.value not in keys or last.until not in keys:
        missing = last.value if last.value not in keys else last.until
        raise EngineError("LD301", f"l'article {article_bill_form(missing)} n'existe pas")
    i, j = keys.index(last.value), keys.index(last.until)
    if j < i:
        raise EngineError("LD301", "plage d'articles à l'envers")
    removed = order[i:j + 1]
    for w in removed:
        work.remove(w)
    return Applied(op.target.to_french(), ", ".join(w.article.num for w in removed), None)


def _in_scope(w: WArticle, scope: WDivision) -> bool:
    node: WDivision | None = w.parent
    while node is not None:
        if node is scope:
            return True
        node = node.parent
    return False


def _restore(work: Work, op: Restore) -> Applied:
    origin = _origin(op)
    if op.new.kind is UnitKind.ARTICLE or (op.target.steps and
                                           op.target.steps[-1].kind is StepKind.ARTICLE):
        nodes = parse_new_units(op.new.alineas, work, origin)
        _check_new_numbers(work, nodes)
        for node in nodes:
            parent, index = _place_in_order(work, op.target, node)
            work.insert(parent, index, node)
        return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))
    # an item re-established ("Le 3° est ainsi rétabli") takes its place among its siblings
    raise EngineError("LD312", "rétablissement d'un élément à l'intérieur d'un article : non "
                               "pris en charge")


def _renumber(work: Work, op: Renumber) -> Applied:
    last = op.target.steps[-1] if op.target.steps else None
    if last is None:
        raise EngineError("LD301", "rien à renuméroter")
    origin = _origin(op)
    if last.kind is StepKind.ARTICLE:
        if last.until is not None or ".." in op.new_label:
            return _renumber_range(work, op)
        _, w, _ = work.locate(op.target)
        assert w is not None
        new_key = article_key(op.new_label)
        if work.index.get(new_key):
            raise EngineError("LD307", f"l'article {article_bill_form(op.new_label)} existe déjà")
        before = w.article.num
        work.set_article(w, replace(w.article, num=work.article_num(op.new_label),
                                    layout=None), origin)
        return Applied(op.target.to_french(), before, w.article.num)
    if last.kind.division is not None:
        scope, _, _ = work.locate(op.target)
        header = scope.header
        assert header is not None
        siblings = scope.parent.children if scope.parent else []
        if any(isinstance(c, WDivision) and c is not scope and c.header is not None
               and c.header.kind is header.kind and c.header.key == op.new_label
               for c in siblings):
            raise EngineError("LD307", f"{header.kind.value} {op.new_label} existe déjà")
        number = division_number_for_display(op.new_label, roman=header.kind.roman)
        title = f" : {header.title}" if header.title else ""
        before = header.heading
        scope.header = replace(header, number=number, heading=f"{header.kind.label} {number}"
                               f"{title}", layout=None)
        scope.touch()
        return Applied(op.target.to_french(), before, scope.header.heading)
    unit = _unit(work, op.target)
    items = unit.target.items
    if last.kind is not StepKind.ITEM or not items:
        raise EngineError("LD312", "seuls les articles, les divisions et les éléments "
                                   "numérotés se renumérotent")
    item_siblings = items[-2].children if len(items) > 1 else (
        unit.target.structure.items if unit.target.structure else ())
    if any(it.label == op.new_label for it in item_siblings):
        raise EngineError("LD307", f"le {op.new_label} existe déjà")
    alineas = list(unit.article.alineas)
    text = alineas[unit.start].text
    old = items[-1].label
    head = old.rstrip("°")
    new_head = op.new_label.rstrip("°")
    k = text.find(head)
    if k < 0 or k > 10:
        raise EngineError("LD301", f"numéro {old} introuvable en tête de l'élément", text[:80])
    alineas[unit.start] = replace(alineas[unit.start],
                                  text=text[:k] + new_head + text[k + len(head):], origin=origin)
    work.set_article(unit.w, replace(unit.article, alineas=tuple(alineas)), origin)
    return Applied(op.target.to_french(), text, alineas[unit.start].text)


def _renumber_range(work: Work, op: Renumber) -> Applied:
    raise EngineError("LD312", "renumérotation d'une plage d'articles : non prise en charge "
                               "(renumérotez article par article)")


# ---------------------------------------------------------------------------
# Checks on new numbers and their order


def _check_new_numbers(work: Work, nodes: list[WArticle | WDivision]) -> None:
    for node in nodes:
        articles = [node] if isinstance(node, WArticle) else list(_articles_in(node))
        for w in articles:
            if work.index.get(w.key):
                existing = work.index[w.key][0]
                raise EngineError("LD305", f"l'article {article_bill_form(w.article.num)} existe "
                                           "déjà dans le texte de base",
                                  "dans : " + (" > ".join(d.heading for d in
                                                          existing.parent.chain()) or "racine"))


def _articles_in(node: WDivision) -> list[WArticle]:
    out: list[WArticle] = []
    for child in node.children:
        out.extend([child] if isinstance(child, WArticle) else _articles_in(child))
    return out


SortKey = tuple[str, tuple[tuple[int, tuple[tuple[int, int], ...]], ...]]


def _sort_key(num: str) -> SortKey | None:
    """Articles compare within one prefix (L, R/R*, D): R.* 12 and R. 13 interleave."""
    parsed = ArticleNumber.parse(num)
    return (parsed.prefix.rstrip("*"), parsed.sort_key) if parsed else None


def _check_order_at_end(container: WDivision, node: WArticle | WDivision) -> None:
    if not isinstance(node, WArticle):
        return
    previous = [c for c in container.children if isinstance(c, WArticle)]
    if not previous:
        return
    a, b = _sort_key(previous[-1].article.num), _sort_key(node.article.num)
    if a is not None and b is not None and a[0] == b[0] and b[1] <= a[1]:
        before = article_bill_form(previous[-1].article.num)
        raise EngineError("LD306", f"l'article {article_bill_form(node.article.num)} ne peut "
                                   f"venir après l'article {before}")


def _check_order_around(children: list[WArticle | WDivision], index: int, count: int) -> None:
    """The inserted nodes, at ``index`` in ``children``, keep the articles in order."""
    articles = [(i, c) for i, c in enumerate(children) if isinstance(c, WArticle)]
    keyed = [(i, _sort_key(c.article.num), c.article.num) for i, c in articles]
    for (i, a, na), (j, b, nb) in itertools.pairwise(keyed):
        if not (index - 1 <= i < index + count or index <= j < index + count + 1):
            continue
        if a is not None and b is not None and a[0] == b[0] and not a[1] < b[1]:
            raise EngineError("LD306", f"l'article {article_bill_form(nb)} ne peut venir après "
                                       f"l'article {article_bill_form(na)}")


def _place_in_order(work: Work, target: Locator, node: WArticle | WDivision
                    ) -> tuple[WDivision, int]:
    """Where an article goes "at its place in the numbering": after the article of the
    base whose number comes just before it (in the target's division when named)."""
    if not isinstance(node, WArticle):
        raise EngineError("LD312", "division insérée sans point d'ancrage")
    scope = work.root
    for step in target.steps:
        if step.kind.division is None:
            break
        scope = work.find_division(scope, step)
    key = _sort_key(node.article.num)
    if key is None:
        raise EngineError("LD311", f"numéro d'article illisible : {node.article.num}")
    best: tuple[SortKey, WArticle] | None = None
    after: tuple[SortKey, WArticle] | None = None
    for w in work.articles():
        if scope.header is not None and not _in_scope(w, scope):
            continue
        k = _sort_key(w.article.num)
        if k is None or k[0] != key[0]:
            continue
        if k < key and (best is None or k > best[0]):
            best = (k, w)
        if k > key and (after is None or k < after[0]):
            after = (k, w)
    if best is not None:
        before_it = best[1]
        return before_it.parent, before_it.parent.children.index(before_it) + 1
    if after is not None:
        after_it = after[1]
        return after_it.parent, after_it.parent.children.index(after_it)
    if scope.header is not None:
        return scope, len(scope.children)
    raise EngineError("LD306", f"aucune place pour l'article {article_bill_form(node.article.num)}"
                               " : nommez la division ou l'article après lequel il vient")


def _check_new_items(article: Article, alineas: list[Alinea], at: int, count: int) -> None:
    """The items opened by alinéas [at, at + count) of the article as it would be: each
    number is free among its siblings and lands in order between its neighbours."""
    structure = analyse(replace(article, alineas=tuple(alineas)))

    def visit(siblings: tuple[Item, ...]) -> None:
        for k, item in enumerate(siblings):
            if at <= item.start < at + count:
                _check_among(siblings, k)
            visit(item.children)

    visit(structure.items)


def _check_among(siblings: tuple[Item, ...], k: int) -> None:
    item = siblings[k]
    shown = "éléments de la liste : " + ", ".join(s.label for s in siblings)
    if item.level is Level.TIRET:
        return
    if sum(1 for s in siblings if s.label == item.label) > 1:
        raise EngineError("LD305", f"le {item.label} existe déjà à cet endroit", shown)
    key = item_sort_key(item.label, item.level)
    if key is None:
        return
    for other, after in ((siblings[k - 1] if k else None, True),
                         (siblings[k + 1] if k + 1 < len(siblings) else None, False)):
        if other is None or other.level is not item.level:
            continue
        other_key = item_sort_key(other.label, other.level)
        if other_key is not None and (other_key > key if after else other_key < key):
            where = f"après le {other.label}" if after else f"avant le {other.label}"
            raise EngineError("LD306", f"le {item.label} ne peut venir {where}", shown)


def _all_items(items: tuple[Item, ...]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(_all_items(it.children))
    return out


