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

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from operator import attrgetter
from typing import Any, assert_never

from legidiff.apply import move, numbering, units
from legidiff.apply.content import NewTextError
from legidiff.apply.prefix import renumber_prefix
from legidiff.apply.target import Applied, EngineError
from legidiff.apply.words import apply_words
from legidiff.apply.worktree import WArticle, WDivision, Work
from legidiff.bill.build import UNREAD_CHAPEAU, law_key
from legidiff.bill.operations import (
    Bill,
    Complete,
    DeleteEnd,
    DeleteUnit,
    DeleteWords,
    GroupArticles,
    InsertUnits,
    InsertWords,
    Limited,
    Move,
    NewText,
    Operation,
    Renumber,
    RenumberPrefix,
    Repeal,
    ReplaceWords,
    Restore,
    Rewrite,
    RewriteEnd,
    RewriteStart,
    Source,
    SplitAlinea,
    UnitKind,
    Unrecognized,
)
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import (
    Locator,
    ResolveError,
    Step,
    StepKind,
    code_slug,
    part_of_article,
)
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.lang.codes import CODE_NAME_PATTERN, code_key, name_from_slug, names_in, suggest
from legidiff.lang.matching import same_text
from legidiff.lang.numbering import article_key, strip_accents
from legidiff.lang.text import counted
from legidiff.perf import paused_gc, quick_init


class Status(Enum):
    APPLIED = "applied"
    FAILED = "failed"
    OUT_OF_SCOPE = "out_of_scope"
    STANDALONE = "standalone"
    UNRECOGNIZED = "unrecognized"


@quick_init
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


@quick_init
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


# ---------------------------------------------------------------------------
# Entry point


def code_id(code: Code) -> str | None:
    """The slug instructions use for the text of a base: a code's ("code-de-la-route"), or
    a law's, an ordonnance's, a décret's or an arrêté's when its title says it is one
    (« Loi n° 78-17 du 6 janvier 1978 relative à … » → "loi-78-17", as « la loi n° 78-17 du
    6 janvier 1978 » names it)."""
    if not code.title:
        return None
    if _TEXT_TITLE_RE.match(code.title):
        return law_key(code.title)
    return code_key(code.title)


_TEXT_TITLE_RE = re.compile(r"(?:loi|ordonnance|décret|arrêté)(?:\s++organique)?\s++"
                            r"(?:n\s*+°|du\s++\d)", re.IGNORECASE)


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
    text_part = part_of_bill(bill.title)
    failed: set[tuple[int, int]] = set()  # the instructions with an operation that failed
    for op in bill.operations:
        work.part = _part_of(op) or text_part
        at = (op.source.line, op.source.column)
        if isinstance(op, Move) and at in failed:
            # "Il est inséré un chapitre Ier …, comprenant l'article L. 691-1": the article
            # goes into the chapter only if the instruction made it (never into another
            # chapter Ier that was there)
            results.append(_failed(op, str(op.target), Location(path, *at), "LD301",
                                   "l'instruction n'a pas pu faire ce qui précède ce "
                                   "déplacement : l'unité n'est pas déplacée", None))
            continue
        results.append(_one(work, op, own, path))
        if results[-1].status is Status.FAILED:
            failed.add(at)
    work.part = None
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
    results.sort(key=_IN_THE_BILL)
    frozen, provenance = work.freeze()
    work.dispose()
    return Consolidation(code, frozen, tuple(results), provenance, work.touched)


_IN_THE_BILL = attrgetter("source.line", "source.column")
"""The place of a result's instruction in the bill: (line, column)."""


MARKER_ARTICLE = "LEGIDIFF-TEXTE-PARTIEL"
"""The number of the article ``--partial`` puts first in a partial text: it says the text
is not the law and names every instruction that was not applied."""


def mark_failures(consolidation: Consolidation) -> Code:
    """The consolidated tree marked for ``--partial``, so that a partial text can never pass
    for the law: a first article, :data:`MARKER_ARTICLE`, saying so and naming every
    instruction not applied or not understood (an instruction on a missing article or
    division, or one not read, has no other place), and a marker alinéa at the end of each
    article where an instruction failed. Unchanged when nothing failed."""
    failures = consolidation.failures
    if not failures:
        return consolidation.code
    present = {p.article.key for p in consolidation.code.articles()}
    marks: dict[str, list[str]] = {}
    listed: list[str] = []
    for result in failures:
        note = _marker(result)
        listed.append(note)
        key = next((s.value.split("@")[0] for s in reversed(Locator.parse(result.target).steps)
                    if s.kind is StepKind.ARTICLE), None) if result.target else None
        if key is not None and key in present:
            marks.setdefault(key, []).append(note)

    def mark(node: Article | Division) -> Article | Division:
        if isinstance(node, Article):
            notes = marks.get(node.key)
            if not notes:
                return node
            return replace(node, alineas=(*node.alineas, *(Alinea(n) for n in notes)))
        return replace(node, children=tuple(mark(c) for c in node.children))

    n = len(failures)
    what = counted(n, "instruction non appliquée ou non comprise",
                   "instructions non appliquées ou non comprises")
    e = "" if n == 1 else "s"
    head = (f"[legidiff : TEXTE PARTIEL, ce n'est pas la loi consolidée — {what}, nommée{e} "
            f"ci-dessous et marquée{e} à la fin de l'article visé quand il existe]")
    top = Article(MARKER_ARTICLE, tuple(Alinea(n) for n in (head, *listed)))
    code = consolidation.code
    return replace(code, children=(top, *(mark(c) for c in code.children)))


def _marker(result: Result) -> str:
    """The marker alinéa of a failed or unread instruction: what, where in the bill, why."""
    message = result.diagnostics[0].message if result.diagnostics else result.kind
    where = f"ligne {result.source.line}"
    if result.status is Status.UNRECOGNIZED:
        sentence = " ".join(result.source.text.split())
        if len(sentence) > 160:
            sentence = sentence[:160] + " …"
        return _plain(f"[legidiff : instruction non comprise ({where}) — {message} : "
                      f"« {sentence} »]")
    return _plain(f"[legidiff : instruction non appliquée ({where}) — {message}]")


def _plain(note: str) -> str:
    """A marker as plain text on one line: no markup a reader would take for HTML."""
    return " ".join(note.replace("<", "‹").replace(">", "›").split())


def _may_concern(unread: Unrecognized, code: Code, own: str | None) -> bool:
    """Whether a sentence that was not understood may modify the base. It does unless
    that is certain not to be so: its chapeau amends another text, or it has none and
    names (outside quotations) other texts and not this one. An unknown code name proves
    nothing; wrongly calling a sentence out of scope would pass an incomplete text for
    a complete one, so doubt counts as in scope."""
    if unread.context is not None and (unread.context in (own, UNREAD_CHAPEAU)
                                       or _unknown_code(unread.context)):
        return True
    text = _unquoted(unread.source.text)
    named = {code_key(n) if n != "autre texte" else n for n in names_in(text, code.title)}
    if own is not None and own in named:
        return True
    if unread.context is not None:
        return False
    return not named or _names_unknown_code(text, code.title)


def _unknown_code(slug: str) -> bool:
    """Whether the slug of a text an instruction names is a code legidiff does not know
    ("code-de-la-securite-interieur"): a law's slug starts with its kind ("loi-2021-998")."""
    return slug.split("-", 1)[0] == "code" and name_from_slug(slug) is None


_KNOWN_CODE_RE = re.compile(CODE_NAME_PATTERN, re.IGNORECASE)
# "code" followed by what may be a code's name ("code de la sécurité intérieur"), not
# by a verb or a reference to a code already named ("le présent code est", "du même code,")
_CODE_WORD_RE = re.compile(
    r"\bcode\s+(?!(?:est|sont|ainsi|et|ou|qui|précité|susvisé|susmentionné|modifié|en|dans|"
    r"à|au|aux|le|la|les|pour|par|sur|a|ont)\b)[^\W\d_]", re.IGNORECASE)


def _names_unknown_code(text: str, title: str | None) -> bool:
    """Whether a sentence names (outside quotations) a code that is not a known one."""
    rest = _KNOWN_CODE_RE.sub(" ", text)
    if title:
        rest = re.sub(r"\s+".join(re.escape(w) for w in title.split()), " ", rest,
                      flags=re.IGNORECASE)
    return _CODE_WORD_RE.search(rest) is not None


def _written_name(slug: str, text: str) -> str:
    """The name of the code of ``slug`` as the sentence writes it, or the slug's words."""
    words = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text))
    for i, first in enumerate(words):
        if first.group().lower() != "code":
            continue
        for j in range(i, min(i + 20, len(words))):
            name = text[first.start():words[j].end()]
            got = code_slug(name)
            if got == slug:
                return " ".join(name.split())
            if not slug.startswith(got):
                break
    return slug.replace("-", " ")


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


def _at(op: Operation, path: str) -> Location:
    """Where an operation's instruction is in the bill (made only for a diagnostic)."""
    return Location(path, op.source.line, op.source.column)


def _one(work: Work, op: Operation, own: str | None, path: str) -> Result:
    target = str(op.target)
    if op.target.code == UNREAD_CHAPEAU:
        return _failed(op, target, _at(op, path), "LD309", "élément d'un chapeau non compris : le "
                       "texte et l'unité qu'il modifie ne sont pas sûrs, il n'est pas appliqué",
                       None)
    if op.target.code is None and own is not None and own in {
            code_key(n) for n in names_in(_unquoted(op.source.text), work.base.title)}:
        # the sentence names this code but its operation was read without it: never skip
        return _failed(op, target, _at(op, path), "LD309", "l'instruction nomme ce code mais n'a "
                       "pas pu lui être rattachée : consolidation incomplète", None)
    if op.target.code is not None and op.target.code != own and _unknown_code(op.target.code):
        # a misspelt name ("code de la sécurité intérieur") is no other text: never skip
        name = _written_name(op.target.code, op.source.text)
        near = suggest(name)
        hint = f" ; code le plus proche : « {near} »" if near else ""
        return _failed(op, target, _at(op, path), "LD315", f"code inconnu : « {name} »{hint}",
                       "seul un code connu ou une autre loi peut être hors du texte de base")
    every_text = op.target.code is None and not op.target.steps \
        and isinstance(op, ReplaceWords | DeleteWords) and op.old.all_texts
    if not every_text and (op.target.code is None or op.target.code != own):
        reason = ("l'instruction ne nomme pas de code (--code pour l'appliquer à ce texte)"
                  if op.target.code is None else f"vise un autre texte ({op.target.code})")
        return Result(Status.OUT_OF_SCOPE, op.source, op.kind, target, diagnostics=(
            Diagnostic("LD308", Severity.INFO, f"{op.source.bill_ref} : hors du texte de base, "
                                               f"{reason}", _at(op, path)),))
    work.current = (op.source.line, op.source.column)
    try:
        applied = _apply(work, op)
    except ResolveError as e:
        return _failed(op, target, _at(op, path), "LD301", e.message, e.evidence)
    except EngineError as e:
        return _failed(op, target, _at(op, path), e.code, e.message, e.evidence)
    except NewTextError as e:
        return _failed(op, target, _at(op, path), "LD311", f"texte cité illisible : {e}", None)
    finally:
        work.current = None
    infos = tuple([Diagnostic(code, Severity.INFO, f"{op.source.bill_ref} : {message}",
                              _at(op, path)) for code, message in applied.infos]
                  ) if applied.infos else ()
    if applied.unchanged or (applied.before is not None and applied.after is not None
                             and same_text(applied.before, applied.after)):
        infos += (Diagnostic("LD316", Severity.WARNING,
                             f"{op.source.bill_ref} : l'instruction ne change rien au texte "
                             f"(le nouveau texte est l'ancien, à la typographie près) : "
                             f"à vérifier ({applied.address or target})", _at(op, path)),)
    return _applied(op.source, op.kind, target, applied.address, applied.before, applied.after,
                    infos, op.source.dates)


def _over_range(work: Work, op: Operation) -> Applied | None:
    """An operation on a range of articles or divisions (« les articles L. 1 à L. 3 », « les
    chapitres II à IV »), which the engines found by its first unit alone and changed it
    alone, the consolidation called complete: None when the engine of the operation reads
    the range itself (the repeal of a range of articles); else the operation made here, or
    refused (LD312) when which unit is meant is not said."""
    steps = op.target.steps
    k = next((i for i, s in enumerate(steps) if s.until is not None and (
        s.kind is StepKind.ARTICLE or s.kind.division is not None)), None)
    if k is None or isinstance(op, Limited):
        return None
    step = steps[k]
    last = k == len(steps) - 1
    if step.kind is StepKind.ARTICLE:
        if last and isinstance(op, (DeleteUnit, Repeal, Renumber, GroupArticles)):
            # numbering.repeal_range, move.group_articles; a range renumbered is refused
            # there
            return None
        if not last or isinstance(op, _WORD_TYPES):
            return _over_articles(work, op, k)
    elif last and isinstance(op, (DeleteUnit, Repeal)):
        return _repeal_divisions(work, op)
    raise EngineError("LD312", "modification d'une plage d'unités autre qu'une abrogation ou "
                               "un changement de mots : non prise en charge (quelle unité est "
                               "visée n'est pas dit), nommez chaque unité")


def _over_articles(work: Work, op: Operation, k: int) -> Applied:
    """A change in each article of a range (« Aux articles R. 552-12 à R. 552-16, les mots
    … sont remplacés », « Le premier alinéa des articles L. 1 à L. 3 est supprimé »): made
    in each article of the range, in the order of the code, both ends there — all or
    nothing: the articles are given back as they were when one of them fails."""
    steps = op.target.steps
    engine = _BY_TYPE[type(op)]
    order, i, j = numbering.range_of_articles(work, op, k)
    if j <= i:
        raise EngineError("LD301", "plage d'articles vide ou à l'envers")
    chosen = order[i:j + 1]
    saved = [(w, w.article, w.changed, w.changed_by, work.touched.get(w.key)) for w in chosen]
    flags = [(node, node.changed) for w in chosen for node in _divisions_above(w)]
    done: list[Applied] = []
    try:
        for w in chosen:
            one = replace(op, target=Locator((*steps[:k], Step(StepKind.ARTICLE, w.key),
                                              *steps[k + 1:]), op.target.code))
            done.append(engine(work, one))
    except (EngineError, ResolveError, NewTextError):
        for w, article, changed, changed_by, touched in saved:
            w.article, w.changed, w.changed_by = article, changed, changed_by
            if touched is None:
                work.touched.pop(w.key, None)
            else:
                work.touched[w.key] = touched
        for node, changed in flags:
            node.changed = changed
        raise
    return Applied(op.target.to_french(), "\n".join(a.before or "" for a in done),
                   "\n".join(a.after or "" for a in done),
                   [info for a in done for info in a.infos], all(a.unchanged for a in done))


def _repeal_divisions(work: Work, op: DeleteUnit | Repeal) -> Applied:
    """« Les chapitres II à IV sont abrogés »: the first, the last and every division
    between them, all of that kind and side by side in one division (the first alone
    was removed)."""
    steps = op.target.steps
    last = steps[-1]
    assert last.until is not None
    first, _, _ = work.locate(Locator((*steps[:-1], replace(last, until=None)), op.target.code))
    end, _, _ = work.locate(Locator((*steps[:-1], Step(last.kind, last.until)), op.target.code))
    parent = first.parent
    if parent is None or end.parent is not parent:
        raise EngineError("LD313", f"plage de divisions ({last.value} à {last.until}) : pas "
                                   "dans une même division")
    siblings = parent.children
    i, j = siblings.index(first), siblings.index(end)
    if j <= i:
        raise EngineError("LD301", "plage de divisions vide ou à l'envers")
    kind = first.header.kind if first.header is not None else None
    between = siblings[i:j + 1]
    if any(not isinstance(n, WDivision) or n.header is None or n.header.kind is not kind
           for n in between):
        raise EngineError("LD313", f"entre {last.value} et {last.until} se trouvent d'autres "
                                   "unités que le texte ne nomme pas")
    removed = [n for n in between if isinstance(n, WDivision)]
    headings = [n.header.heading for n in removed if n.header is not None]
    for node in removed:
        work.remove(node)
    return Applied(op.target.to_french(), "\n".join(headings), None)


def _divisions_above(w: WArticle) -> list[WDivision]:
    out: list[WDivision] = []
    node: WDivision | None = w.parent
    while node is not None:
        out.append(node)
        node = node.parent
    return out


_RESULT_SLOTS = ("status", "source", "kind", "target", "address", "before", "after",
                 "diagnostics", "dates")
assert tuple(f.name for f in fields(Result)) == _RESULT_SLOTS, "update _applied"
(_set_status, _set_source, _set_kind, _set_target, _set_address, _set_before, _set_after,
 _set_diagnostics, _set_dates) = (getattr(Result, name).__set__ for name in _RESULT_SLOTS)


def _applied(source: Source, kind: str, target: str, address: str | None, before: str | None,
             after: str | None, diagnostics: tuple[Diagnostic, ...], dates: tuple[str, ...]
             ) -> Result:
    """``Result(Status.APPLIED, …)``, its fields set through their slots (the frozen
    dataclass's __init__ sets each through ``object.__setattr__``: the time of a small
    operation's check, for each instruction applied)."""
    result: Result = object.__new__(Result)
    _set_status(result, Status.APPLIED)
    _set_source(result, source)
    _set_kind(result, kind)
    _set_target(result, target)
    _set_address(result, address)
    _set_before(result, before)
    _set_after(result, after)
    _set_diagnostics(result, diagnostics)
    _set_dates(result, dates)
    return result


def part_of_bill(title: str | None) -> str | None:
    """The partie of a code a text amends by its kind: a loi or an ordonnance the partie
    législative, a décret the partie réglementaire, an arrêté the arrêtés; None when the
    title does not say.

    >>> part_of_bill("Décret n° 2014-1253 du 27 octobre 2014 …"), part_of_bill("Projet de loi …")
    ('reglementaire', 'legislative')
    """
    if title is None:
        return None
    first = strip_accents(title.strip()).lower()
    for prefix, part in (("decret", "reglementaire"), ("arrete", "arretes"),
                         ("loi", "legislative"), ("ordonnance", "legislative"),
                         ("projet de loi", "legislative"), ("proposition de loi", "legislative")):
        if first.startswith(prefix):
            return part
    return None


_ARTICLE = StepKind.ARTICLE  # read once: each StepKind.ARTICLE looks it up in the enum


def _part_of(op: Operation) -> str | None:
    """The partie an operation is about when its own words tell: the article it names, or
    the article it writes."""
    for step in op.target.steps:
        if step.kind is _ARTICLE:
            return part_of_article(step.value)
    new = getattr(op, "new", None)
    if isinstance(new, NewText) and new.kind is UnitKind.ARTICLE and new.labels:
        return part_of_article(article_key(new.labels[0]))
    return None


def _failed(op: Operation, target: str, location: Location, code: str, message: str,
            evidence: str | None) -> Result:
    where = op.target.to_french() if op.target.steps else "le texte"
    diag = Diagnostic(code, Severity.ERROR, f"{op.source.bill_ref} : {message} ({where})",
                      location, evidence)
    return Result(Status.FAILED, op.source, op.kind, target, where, diagnostics=(diag,))


# the change a limited operation makes, as a noun (« abrogation des articles 39 à 45 »)
_CHANGE_NOUNS = {"repeal": "abrogation", "delete": "suppression"}


def _limited_message(op: Limited) -> str:
    """Why a change limited by subject is not applied: which change, limited how (the
    units follow, as for every failure)."""
    noun = _CHANGE_NOUNS.get(op.change.kind, "modification")
    what = "retire de" if op.change.kind in _CHANGE_NOUNS else "change dans"
    last = op.target.steps[-1].kind if op.target.steps else None
    unit = "article" if last is StepKind.ARTICLE else "unité"
    return (f"{noun} limitée à un objet (« {op.limitation} ») : ce qu'elle {what} chaque "
            f"{unit} n'est pas dit mot à mot ; non appliquée, à faire à la main")


_BY_TYPE: dict[type, Callable[[Work, Any], Applied]] = {
    ReplaceWords: apply_words, DeleteWords: apply_words, InsertWords: apply_words,
    RewriteEnd: apply_words, RewriteStart: apply_words, DeleteEnd: apply_words,
    Rewrite: units.rewrite, Complete: units.complete, InsertUnits: units.insert_units,
    DeleteUnit: units.delete, Repeal: units.delete, Restore: numbering.restore,
    Renumber: numbering.renumber, Move: move.move, RenumberPrefix: renumber_prefix,
    SplitAlinea: move.split_alinea, GroupArticles: move.group_articles}
"""The engine of each type of operation, as :func:`_apply` matches them (one lookup, not a
match of the classes in turn; a subclass goes through the match)."""


_WORD_TYPES = (ReplaceWords, DeleteWords, InsertWords, RewriteEnd, RewriteStart, DeleteEnd)


def _apply(work: Work, op: Operation) -> Applied:
    if any(s.until is not None for s in op.target.steps):
        ranged = _over_range(work, op)
        if ranged is not None:
            return ranged
    engine = _BY_TYPE.get(type(op))
    if engine is not None:
        return engine(work, op)
    match op:
        case (ReplaceWords() | DeleteWords() | InsertWords() | RewriteEnd() | RewriteStart()
              | DeleteEnd()):
            return apply_words(work, op)
        case Rewrite():
            return units.rewrite(work, op)
        case Complete():
            return units.complete(work, op)
        case InsertUnits():
            return units.insert_units(work, op)
        case DeleteUnit() | Repeal():
            return units.delete(work, op)
        case Restore():
            return numbering.restore(work, op)
        case Renumber():
            return numbering.renumber(work, op)
        case Move():
            return move.move(work, op)
        case RenumberPrefix():
            return renumber_prefix(work, op)
        case SplitAlinea():
            return move.split_alinea(work, op)
        case GroupArticles():
            return move.group_articles(work, op)
        case Limited():
            raise EngineError("LD321", _limited_message(op))
        case _:
            assert_never(op)  # mypy proves every operation type is handled above
