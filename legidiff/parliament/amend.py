"""The bill as amended: a chosen set of amendments applied to the bill's articles.

The bill is turned into a tree like a code's (one article per bill article, its alinéas
counted as amendments count them, quoted lines included) and the amendments' operations
are applied by the consolidation engine, with its checks and diagnostics. The rules of
the debate (docs/drafting.md §3):

- amendments do not build on each other: each refers to the text under discussion. They
  are applied, in each article, from the last alinéa they name to the first, so that
  every one finds the numbering it was written against;
- identical amendments apply once (the others are reported as identical);
- an amendment deleting or rewriting a whole article, when selected, makes the other
  amendments on that article fall ("deviennent sans objet");
- an amendment on an article whose text the bill (or transcript) does not give cannot
  apply: it is reported, never forced.

An alinéa inserted inside a quoted passage of the bill (after a line opening with « that
does not close the quotation) opens with « as its neighbours do. Any change of a quoted
line of the bill is made inside its marks (its opening « and « Art. X. – » heading, its
closing » and the punctuation after it): see :func:`_framed`. An "article additionnel"
is inserted after the article it names, as "Article additionnel après l'article 8", the
name the Senate gives it until the articles are renumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from legidiff.apply.consolidate import Consolidation, Result, Status, code_id, consolidate
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
    Repeal,
    ReplaceWords,
    Rewrite,
    RewriteEnd,
    RewriteStart,
    UnitKind,
)
from legidiff.bill.text import BillArticle, BillItem, BillText, closes_block
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import Locator, ResolveError, Step, StepKind, resolve
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.lang.numbering import article_bill_form, article_key
from legidiff.parliament.amendments import ReadAmendment, proposed_label, read_amendment
from legidiff.parliament.debate import Amendment, Fate


class AmendmentStatus(Enum):
    APPLIED = "applied"
    FAILED = "failed"  # an operation could not be applied (diagnostics say why)
    FALLEN = "fallen"  # another selected amendment deletes or rewrites its article
    IDENTICAL = "identical"  # identical to an amendment already applied
    NO_TEXT = "no_text"  # the article it is on is not in the bill text given
    UNRECOGNIZED = "unrecognized"  # a sentence not understood
    ON_CODE = "on_code"  # instructions on a code, not an edit of the bill


@dataclass(frozen=True, slots=True)
class AmendmentOutcome:
    amendment: Amendment
    status: AmendmentStatus
    diagnostics: tuple[Diagnostic, ...] = ()
    results: tuple[Result, ...] = ()
    because_of: str | None = None  # the amendment it is identical to, or that makes it fall

    def to_json(self) -> dict[str, object]:
        return {"number": self.amendment.number, "article": self.amendment.article,
                "fate": self.amendment.fate.value, "status": self.status.value,
                "because_of": self.because_of,
                "diagnostics": [d.to_json() for d in self.diagnostics],
                "results": [r.to_json() for r in self.results]}


@dataclass(frozen=True, slots=True)
class Amended:
    bill: Code  # the bill as a tree
    code: Code  # the bill as amended
    consolidation: Consolidation
    outcomes: tuple[AmendmentOutcome, ...]
    deleted: tuple[str, ...]  # bill articles deleted by an amendment
    title: str  # the bill's title, as amended

    @property
    def complete(self) -> bool:
        return all(o.status in (AmendmentStatus.APPLIED, AmendmentStatus.FALLEN,
                                AmendmentStatus.IDENTICAL) for o in self.outcomes)

    def to_json(self) -> dict[str, object]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.status.value] = counts.get(o.status.value, 0) + 1
        return {"format": "legidiff-amend", "version": 1, "bill": self.bill.title,
                "title": self.title,
                "complete": self.complete, "counts": counts, "deleted": list(self.deleted),
                "amendments": [o.to_json() for o in self.outcomes]}


def bill_tree(bill: BillText) -> Code:
    """The bill as a tree: one article per bill article, one alinéa per line as
    amendments count them."""
    title = bill.title or "Projet de loi"
    return Code(title, tuple(Article(a.number, tuple(Alinea(x.text) for x in a.alineas))
                             for a in bill.articles if a.number))


def select(amendments: tuple[Amendment, ...], *, numbers: set[str] | None = None,
           adopted: bool = False) -> tuple[Amendment, ...]:
    """The amendments chosen: by number, those the debate adopted, or all (neither)."""
    if numbers is not None:
        return tuple(a for a in amendments if a.number in numbers)
    if adopted:
        return tuple(a for a in amendments if a.fate is Fate.ADOPTED)
    return amendments


def amend(bill: BillText, amendments: tuple[Amendment, ...], path: str = "<amendements>"
          ) -> Amended:
    """Apply ``amendments`` (already selected) to ``bill``."""
    tree = bill_tree(bill)
    slug = code_id(tree) or "projet-de-loi"
    present = {article_key(a.num) for a in tree.children if isinstance(a, Article)}
    outcomes: dict[str, AmendmentOutcome] = {}
    taken: list[tuple[Amendment, ReadAmendment]] = []
    applied_texts: dict[tuple[str | None, str], str] = {}
    titled: set[str] = set()  # the amendments on the bill's title
    for amendment in amendments:
        where = Location(path, amendment.line)
        on_title: ReadAmendment | None = None
        if amendment.article is None or article_key(amendment.article) not in present:
            # on no article of the bill: applied when it changes the bill's title alone
            # (« Rédiger ainsi le titre du projet de loi : … »), which is on no article
            on_title = _on_title(amendment, slug, path)
            if on_title is None:
                message = ("l'article qu'il vise n'est pas connu" if amendment.article is None
                           else f"le texte de l'article {amendment.article} n'est pas dans le "
                           "texte du projet donné")
                outcomes[amendment.number] = AmendmentOutcome(
                    amendment, AmendmentStatus.NO_TEXT, (Diagnostic(
                        "LD401", Severity.ERROR, f"amendement n° {amendment.number} : "
                        f"{message}", where),))
                continue
        key = (_TITLE_GROUP if on_title is not None else amendment.article,
               " ".join(amendment.text.split()))
        first = applied_texts.get(key)
        if first is not None:  # the same text on the same article (or on the title)
            outcomes[amendment.number] = AmendmentOutcome(
                amendment, AmendmentStatus.IDENTICAL, (Diagnostic(
                    "LD404", Severity.INFO, f"amendement n° {amendment.number} : identique à "
                    f"l'amendement n° {first}, appliqué une fois", where),), because_of=first)
            continue
        applied_texts[key] = amendment.number
        if on_title is not None:
            titled.add(amendment.number)
            taken.append((amendment, on_title))
            continue
        read = read_amendment(list(amendment.lines), article=amendment.article,
                              bill_text=slug, number=amendment.number, path=path)
        if read.on_code:
            outcomes[amendment.number] = AmendmentOutcome(amendment, AmendmentStatus.ON_CODE,
                                                          read.diagnostics)
            continue
        if read.unrecognized:
            outcomes[amendment.number] = AmendmentOutcome(
                amendment, AmendmentStatus.UNRECOGNIZED, read.diagnostics)
            continue
        taken.append((amendment, read))
    # changes located in the text a bill article proposes for a code article (« le
    # premier alinéa du texte proposé par le I de cet article pour l'article L. 423-14 »)
    located: list[tuple[Amendment, ReadAmendment]] = []
    for amendment, read in taken:
        resolved, warnings, problems = _resolve_proposed(bill, read, path, amendment)
        if problems:
            outcomes[amendment.number] = AmendmentOutcome(
                amendment, AmendmentStatus.FAILED, (*read.diagnostics, *warnings, *problems))
            continue
        located.append((amendment, replace(read, operations=resolved,
                                           diagnostics=(*read.diagnostics, *warnings))))
    taken = _without_clashes(located, outcomes, path)
    # a selected deletion or rewriting of a whole article makes the others on it fall; so
    # does a rewriting of the whole title, for the others on the title
    def group(amendment: Amendment) -> str:
        return _TITLE_GROUP if amendment.number in titled else article_key(
            amendment.article or "")

    whole: dict[str, str] = {}
    for amendment, read in taken:
        if any(_whole_article(op) or (isinstance(op, Rewrite) and op.target.steps == (_TITLE,))
               for op in read.operations):
            whole.setdefault(group(amendment), amendment.number)
    kept: list[tuple[Amendment, ReadAmendment]] = []
    for amendment, read in taken:
        winner = whole.get(group(amendment))
        if winner is not None and winner != amendment.number:
            what = "le titre du projet" if amendment.number in titled else \
                f"l'article {amendment.article}"
            outcomes[amendment.number] = AmendmentOutcome(
                amendment, AmendmentStatus.FALLEN, (Diagnostic(
                    "LD403", Severity.INFO, f"amendement n° {amendment.number} : devenu sans "
                    f"objet, l'amendement n° {winner} supprimant ou réécrivant {what}",
                    Location(path, amendment.line)),), because_of=winner)
            continue
        kept.append((amendment, read))
    operations, additional = _ordered(kept)
    operations = [_quoted_if_inside(tree, op) for op in operations]
    consolidation = consolidate(tree, Bill(tree.title, tuple(operations), (), (), ()),
                                path=path)
    code = _add_articles(consolidation.code, additional)
    deleted = tuple(a.num for a in tree.children if isinstance(a, Article)
                    and not code.find_articles(a.num))
    by_source: dict[str, list[Result]] = {}
    for result in consolidation.results:
        by_source.setdefault(result.source.bill_ref, []).append(result)
    for amendment, read in kept:
        results = tuple(by_source.get(f"amendement n° {amendment.number}", ()))
        failed = any(r.status is not Status.APPLIED for r in results)
        diagnostics = (*read.diagnostics, *(d for r in results for d in r.diagnostics))
        outcomes[amendment.number] = AmendmentOutcome(
            amendment, AmendmentStatus.FAILED if failed else AmendmentStatus.APPLIED,
            tuple(diagnostics), results)
    ordered = tuple(outcomes[a.number] for a in amendments)
    return Amended(tree, code, consolidation, ordered, deleted, code.title or "Projet de loi")


def _on_title(amendment: Amendment, slug: str, path: str) -> ReadAmendment | None:
    """The amendment read, when every operation it makes is on the bill's own title; else
    None."""
    read = read_amendment(list(amendment.lines), article=None, bill_text=slug,
                          number=amendment.number, path=path)
    if read.on_code or read.unrecognized or not read.operations:
        return None
    if all(op.target.steps == (_TITLE,) and op.target.code == slug for op in read.operations):
        return read
    return None


_TITLE = Step(StepKind.INTITULE, "1")
_TITLE_GROUP = "\0titre"  # the amendments on the title, as those on one article are grouped


_HEADER_RE = re.compile(r"^Art\.\s*(?P<number>(?:[LRDA]\.\s*(?:O\.\s*)?)?\d+(?:[-‑]\d+)*"
                        r"(?:\s+[a-z]+)?)\s*+\.?\s*+[–—-]\s*")
_CLOSING_RE = re.compile(r"(?:(?<!\s)\s++)?»\s*+[.;,]?\s*+$")
# operations that change words inside one alinéa, never its first or last characters
_WORD_OPS = (ReplaceWords, DeleteWords)


def _resolve_proposed(bill: BillText, read: ReadAmendment, path: str, amendment: Amendment
                      ) -> tuple[tuple[Operation, ...], tuple[Diagnostic, ...],
                                 tuple[Diagnostic, ...]]:
    """The operations of ``read`` located in a text proposed for a code article
    (:data:`StepKind.PROPOSE`) turned into operations on the bill's alinéas, and those on
    a quoted line of the bill made inside its marks (:func:`_framed`); the warnings
    (LD406: a new text for a quoted line without its marks); a diagnostic (LD405) for each
    that cannot be: the text not found in the bill article, found twice, or a change the
    quotation marks around the text would make uncertain."""
    out: list[Operation] = []
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    lines: dict[int, str] = {}  # the lines rewritten with their marks, as they now read
    rewritten: dict[int, int] = {}  # … and the index in ``out`` of their rewriting
    operations = [one for op in read.operations for one in _one_by_one(bill, op)]
    deleted = {(op.target.steps[0].value, int(op.target.steps[1].value))
               for op in operations if isinstance(op, DeleteUnit)
               and len(op.target.steps) == 2 and op.target.steps[1].kind is StepKind.ALINEA
               and op.target.steps[1].value.isdigit() and op.target.steps[1].until is None}
    for op in operations:
        kinds = [s.kind for s in op.target.steps]
        try:
            if StepKind.PROPOSE in kinds:
                made_ops = _in_bill(bill, op, lines)
            else:
                made_ops, kept = _framed(bill, op, lines, deleted)
                if kept:
                    warnings.append(Diagnostic(
                        "LD406", Severity.WARNING, f"amendement n° {amendment.number} : "
                        f"{kept}", Location(path, op.source.line), op.source.text))
            for made in made_ops:
                number = _marked_line(made)
                if number is None:
                    out.append(made)
                    continue
                # a line carrying the marks changed twice by this amendment (« supprimer
                # la fin du dernier alinéa », then « compléter ce même texte »): one
                # rewriting, of the line as the parts before left it
                assert isinstance(made, Rewrite)
                lines[number] = "\n".join(made.new.alineas)
                if number in rewritten:
                    out[rewritten[number]] = made
                else:
                    rewritten[number] = len(out)
                    out.append(made)
        except _NotResolved as e:
            problems.append(Diagnostic(
                "LD405", Severity.ERROR, f"amendement n° {amendment.number} : {e.message}",
                Location(path, op.source.line), op.source.text))
    return tuple(out), tuple(warnings), tuple(problems)


def _without_clashes(located: list[tuple[Amendment, ReadAmendment]],
                     outcomes: dict[str, AmendmentOutcome], path: str
                     ) -> list[tuple[Amendment, ReadAmendment]]:
    """The amendments, but those that rewrite a line of a proposed text with its marks
    (:func:`_on_marked_line`) when another amendment changes the same line: each is
    written against the text under discussion, and the rewriting, made on that text,
    would undo the other's change — reported (LD405), not applied."""
    def lines(read: ReadAmendment) -> set[tuple[str, int]]:
        out = set()
        for op in read.operations:
            steps = op.target.steps
            if len(steps) >= 2 and steps[1].kind is StepKind.ALINEA:
                try:
                    out.add((article_key(steps[0].value), int(steps[1].value)))
                except ValueError:
                    continue
        return out

    kept: list[tuple[Amendment, ReadAmendment]] = []
    for amendment, read in located:
        marked = {(article_key(op.target.steps[0].value), n) for op in read.operations
                  if (n := _marked_line(op)) is not None}
        clash = next((other for other, theirs in located if other is not amendment
                      and marked & lines(theirs)), None) if marked else None
        if clash is None:
            kept.append((amendment, read))
            continue
        outcomes[amendment.number] = AmendmentOutcome(amendment, AmendmentStatus.FAILED, (
            *read.diagnostics, Diagnostic(
                "LD405", Severity.ERROR, f"amendement n° {amendment.number} : la ligne du "
                "texte proposé qu'il modifie, qui porte ses guillemets, est aussi modifiée "
                f"par l'amendement n° {clash.number} : non appliqué",
                Location(path, amendment.line))))
    return kept


_MARKED = "lignes du texte proposé portant ses guillemets"


def _marked_line(op: Operation) -> int | None:
    """The bill alinéa a rewriting made by :func:`_on_marked_line` or :func:`_completed`
    is on; None for any other operation."""
    if isinstance(op, Rewrite) and op.new.markers == (_MARKED,):
        return int(op.target.steps[-1].value)
    return None


class _NotResolved(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class _Block:
    """A text proposed for a code article in the bill article: its bill alinéas (numbers)
    and their texts, without quotation marks nor the « Art. X. – » heading."""

    numbers: tuple[int, ...]
    texts: tuple[str, ...]
    header: str  # "Art. L. 423-14. – " on its first line, or ""
    closes: bool  # its last line closes the quotation


def _in_bill(bill: BillText, op: Operation, lines: dict[int, str]) -> list[Operation]:
    """``op`` on the bill's alinéas; ``lines``: the lines of the proposed text carrying
    its marks that the amendment's parts before have rewritten, as they now read."""
    steps = op.target.steps
    at = next(i for i, s in enumerate(steps) if s.kind is StepKind.PROPOSE)
    number = steps[0].value
    article = next((a for a in bill.articles if a.number
                    and article_key(a.number) == article_key(number)), None)
    if steps[0].kind is not StepKind.ARTICLE or article is None:
        raise _NotResolved(f"l'article {number} n'est pas dans le texte du projet donné")
    block = _proposed_block(article, steps[1:at], steps[at].value, lines)
    inner = Code("texte proposé", (Article(steps[at].value, tuple(
        Alinea(t) for t in block.texts)),))
    try:
        target = resolve(inner, Locator((Step(StepKind.ARTICLE, steps[at].value),
                                         *steps[at + 1:])))
    except ResolveError as e:
        raise _NotResolved(f"dans le texte proposé pour l'article {steps[at].value} : "
                           f"{e.message}") from None
    start, end = target.alineas if target.alineas is not None else (0, len(block.texts))
    label = proposed_label(op.source.text)
    if label is not None and (end - start != 1
                              or not block.texts[start].startswith(label)):
        raise _NotResolved(f"l'alinéa visé du texte proposé ne commence pas par « {label} »")
    first = block.numbers[start]
    at_header = start == 0 and bool(block.header)
    at_close = end == len(block.texts) and block.closes
    base = (steps[0],)
    if isinstance(op, DeleteUnit) and target.phrase is None and not at_header \
            and not at_close:
        return [replace(op, target=Locator((*base, Step(StepKind.ALINEA, str(n))),
                                           op.target.code))
                for n in reversed(block.numbers[start:end])]
    if isinstance(op, Complete) and len(steps) == at + 1:
        return [_completed(op, article, block, base, lines)]
    if end - start != 1:
        raise _NotResolved(f"l'unité visée du texte proposé compte {end - start} alinéas : "
                           "modification non prise en charge")
    one: tuple[Step, ...] = (*base, Step(StepKind.ALINEA, str(first)))
    if (at_header or at_close) and not isinstance(op, (DeleteUnit, InsertUnits)):
        return [_on_marked_line(op, bill.title or "Projet de loi", article, block, start,
                                steps[at:], one, lines)]
    if target.phrase is not None:
        if at_header or at_close or not isinstance(op, (*_WORD_OPS, Rewrite, DeleteUnit)):
            raise _NotResolved("phrase de la première ou de la dernière ligne du texte "
                               "proposé : modification non prise en charge")
        one = (*one, Step(StepKind.PHRASE, str(target.phrase + 1)))
        return [replace(op, target=Locator(one, op.target.code))]
    if isinstance(op, _WORD_OPS) or (isinstance(op, InsertWords) and op.anchor is not None):
        return [replace(op, target=Locator(one, op.target.code))]
    if isinstance(op, Rewrite) and op.new.alineas:
        line = next(a.text for a in article.alineas if a.number == first)
        opening = "« " + (block.header if at_header else "")
        texts = [f"« {t}" for t in op.new.alineas]
        texts[0] = opening + op.new.alineas[0]
        if at_close:
            closing = _CLOSING_RE.search(line)
            texts[-1] = texts[-1].rstrip() + (closing.group(0) if closing else "")
        return [replace(op, target=Locator(one, op.target.code),
                        new=replace(op.new, alineas=tuple(texts)))]
    if isinstance(op, InsertUnits) and op.new.alineas and not (
            op.position is Position.AFTER and at_close) and not (
            op.position is Position.BEFORE and at_header):
        return [replace(op, target=Locator(one, op.target.code),
                        new=replace(op.new, alineas=tuple(f"« {t}" for t in op.new.alineas)))]
    raise _NotResolved("cette modification du texte proposé n'est pas prise en charge à cet "
                       "endroit (guillemets ou intitulé « Art. » de la citation)")


def _line(article: BillArticle, number: int, lines: dict[int, str]) -> str:
    return lines.get(number) or next(a.text for a in article.alineas if a.number == number)


def _closing(line: str) -> str:
    closing = _CLOSING_RE.search(line)
    return closing.group(0) if closing else ""


def _on_marked_line(op: Operation, title: str, article: BillArticle, block: _Block,
                    index: int, inner_steps: tuple[Step, ...], one: tuple[Step, ...],
                    lines: dict[int, str], place: str | None = None) -> Operation:
    """A change of one alinéa of the proposed text that carries its « Art. … – » heading
    or its closing »: made by the engine on the text without them (so that « supprimer la
    fin … » ends before the », never with it), then the bill's line rewritten with them.
    ``place`` names the text in a failure (by default the proposed text's article)."""
    key = inner_steps[0].value
    slug = op.target.code
    inner = Code(title, (Article(key, tuple(Alinea(t) for t in block.texts)),))
    moved = replace(op, target=Locator((Step(StepKind.ARTICLE, key), *inner_steps[1:]), slug))
    done = consolidate(inner, Bill(None, (moved,), (), (), ()))
    results = [r for r in done.results if r.kind != "provision"]
    if code_id(inner) != slug or len(results) != 1 \
            or results[0].status is not Status.APPLIED:
        said = "; ".join(d.message for r in results for d in r.diagnostics)
        raise _NotResolved((place or "dans le texte proposé pour l'article "
                            f"{article_bill_form(key)}") + " : la modification ne s'applique pas"
                           + (f" ({said})" if said else ""))
    changed = done.code.find_articles(key)
    if len(changed) != 1 or len(changed[0].article.alineas) != len(block.texts):
        raise _NotResolved("la modification change le nombre d'alinéas du texte proposé à "
                           "une ligne qui porte ses guillemets : non prise en charge")
    text = changed[0].article.alineas[index].text
    line = _line(article, block.numbers[index], lines)
    head = "« " + (block.header if index == 0 else "")
    tail = _closing(line) if index == len(block.texts) - 1 and block.closes else ""
    return Rewrite(Locator(one, slug), op.source,
                   NewText(UnitKind.ALINEA, (f"{head}{text.rstrip()}{tail}",),
                           markers=(_MARKED,)))


# changes made inside a quoted line's marks, on its text without them (through
# :func:`_on_marked_line`): those that reach its first or last characters
_EDGE_OPS = (RewriteEnd, RewriteStart, DeleteEnd, Complete)
_UNIT_KINDS = (UnitKind.ALINEA, UnitKind.ITEM, UnitKind.TEXT)
_KEPT = "le texte nouveau ne reproduit pas les guillemets de la ligne citée du projet"


def _quoting_article(bill: BillText, op: Operation) -> BillArticle | None:
    """The bill article ``op`` is on when it names one alinéa (or a range of them) of
    it, numbered as amendments count them; None otherwise."""
    steps = op.target.steps
    if len(steps) < 2 or steps[0].kind is not StepKind.ARTICLE \
            or steps[1].kind is not StepKind.ALINEA or not steps[1].value.isdigit() \
            or not (steps[1].until or "0").isdigit():
        return None
    article = next((a for a in bill.articles if a.number
                    and article_key(a.number) == article_key(steps[0].value)), None)
    if article is None or [a.number for a in article.alineas] != list(
            range(1, len(article.alineas) + 1)):
        return None
    low, high = int(steps[1].value), int(steps[1].until or steps[1].value)
    return article if 1 <= low <= high <= len(article.alineas) else None


def _one_by_one(bill: BillText, op: Operation) -> list[Operation]:
    """A deletion of a range of alinéas of which some are quoted lines, as deletions of
    each, last first (their marks are then seen to); any other operation as it is."""
    article = _quoting_article(bill, op)
    steps = op.target.steps
    if not isinstance(op, DeleteUnit) or article is None or len(steps) != 2 \
            or steps[1].until is None:
        return [op]
    texts = [a.text for a in article.alineas]
    numbers = range(int(steps[1].value), int(steps[1].until) + 1)
    if all(_quotation(texts, n - 1) is None for n in numbers):
        return [op]
    return [replace(op, target=Locator((steps[0], Step(StepKind.ALINEA, str(n))),
                                       op.target.code)) for n in reversed(numbers)]


def _framing(line: str, closes: bool) -> tuple[str, str, str]:
    """A quoted bill line as (its opening « with its « Art. X. – » heading, its text,
    its closing » with the punctuation after it when it ``closes`` the quotation)."""
    rest = line.lstrip()[1:].lstrip()
    header = _HEADER_RE.match(rest)
    head = header.group(0) if header else ""
    rest = rest[len(head):]
    tail = _closing(rest) if closes else ""
    return "« " + head, rest[:len(rest) - len(tail)].rstrip(), tail


def _nested(inner: str) -> bool:
    """Whether the text of a quoted line inside its own marks still carries the marks of
    a quotation inside the quotation: a « or a » left unpaired (a line of a quotation
    quoted on several lines), or a « opening it that pairs with a » ending it (« « 2° …
    » ; »): its start or end are then no words of the line."""
    text = inner.strip()
    return text.count("«") != text.count("»") or (
        text.startswith("«") and _CLOSING_RE.search(text) is not None)


def _open_inside(inner: str) -> bool:
    """Whether a quoted line leaves a quotation inside the quotation open (its text
    inside its own marks has more « than »): the lines after it open with « «."""
    return inner.count("«") > inner.count("»")


def _quotation(texts: list[str], index: int) -> tuple[int, int] | None:
    """The quotation the bill line ``texts[index]`` is in, as (first, last) indexes: the
    lines opening with « from the first after a line of the bill (or a closed
    quotation) to the one that closes it; None for a line of the bill."""
    def opens(i: int) -> bool:
        return texts[i].lstrip().startswith("«")

    if not opens(index):
        return None
    first = index
    while first > 0 and opens(first - 1) and not closes_block(texts[first - 1]):
        first -= 1
    last = index
    while not closes_block(texts[last]) and last + 1 < len(texts) and opens(last + 1):
        last += 1
    return first, last


def _framed(bill: BillText, op: Operation, lines: dict[int, str],
            deleted: set[tuple[str, int]]) -> tuple[list[Operation], str]:
    """``op`` (on the bill's own alinéas) made on a quoted line of the bill inside its
    marks: words at its start or end, a phrase, « compléter cet alinéa », made on the text
    without the opening « (and « Art. X. – » heading) and the closing » (and its
    punctuation), the line then rewritten with them; a new text for the line, or lines
    added after the closing one, keep its marks (the closing » moves to the new last
    line), taken as they are when they reproduce them; deleting the closing line moves
    its » to the line before. Also what to warn about (a new text without the marks),
    or "". Raises :class:`_NotResolved` when the marks would be uncertain."""
    steps = op.target.steps
    article = _quoting_article(bill, op)
    if article is None:
        return [op], ""
    texts = [a.text for a in article.alineas]
    index = int(steps[1].value) - 1
    until = index if steps[1].until is None else int(steps[1].until) - 1
    span = _quotation(texts, index)
    if until != index and not isinstance(op, DeleteUnit):
        spans = {q for i in range(index, until + 1)
                 if (q := _quotation(texts, i)) is not None}
        one_quotation = spans == {span} and _quotation(texts, until) == span
        if not one_quotation and any(a < index or b > until for a, b in spans):
            raise _NotResolved(f"les alinéas {index + 1} à {until + 1} prennent une partie "
                               "d'une citation et des lignes hors d'elle : ses guillemets "
                               "seraient incertains")
    if span is None or (until != index and (not isinstance(op, Rewrite) or len(steps) != 2
                                            or _quotation(texts, until) != span)):
        return [op], ""
    first, last = span
    number = index + 1
    line = _line(article, number, lines)
    closes = until == last and closes_block(texts[until])
    head, inner, tail = _framing(line, closes and until == index)
    if _nested(inner) and not isinstance(op, (*_WORD_OPS, InsertUnits)) and not (
            isinstance(op, DeleteUnit) and not closes) and not (
            isinstance(op, Rewrite) and op.new.alineas
            and op.new.alineas[0].lstrip().startswith("«")):
        raise _NotResolved(f"l'alinéa {number} porte une citation dans la citation (« « "
                           "ou » fermant la sienne) : ses guillemets seraient incertains")
    if until != index:  # several lines of one quotation rewritten: the last one's »
        tail = _framing(_line(article, until + 1, lines), True)[2]
    one = steps[:2]
    slug = op.target.code
    phrase = len(steps) == 3 and steps[2].kind is StepKind.PHRASE
    if (phrase or len(steps) == 2) and (
            isinstance(op, _EDGE_OPS) or (isinstance(op, InsertWords) and op.anchor is None)
            or (phrase and isinstance(op, (Rewrite, DeleteUnit)))) \
            and not (isinstance(op, Complete) and op.new.kind in _UNIT_KINDS):
        block = _Block((number,), (inner,), head[2:], closes)
        inner_steps = (Step(StepKind.PROPOSE, "1"), Step(StepKind.ALINEA, "1"), *steps[2:])
        return [_on_marked_line(op, bill.title or "Projet de loi", article, block, 0,
                                inner_steps, one, lines,
                                f"dans la ligne citée (alinéa {number})")], ""
    if isinstance(op, Rewrite) and op.new.alineas:
        new = list(op.new.alineas)
        if new[0].lstrip().startswith("«"):  # the amendment reproduces the marks
            if closes_block(new[-1]) and not closes:
                raise _NotResolved(f"le texte nouveau de l'alinéa {number} ferme la "
                                   "citation, que cette ligne ne ferme pas")
            restored = []
            if head != "« " and not _HEADER_RE.match(new[0].lstrip()[1:].lstrip()):
                new[0] = head + new[0].lstrip()[1:].lstrip()
                restored.append(f"l'intitulé « {head[2:].strip()} » gardé")
            if closes and not closes_block(new[-1]):
                new[-1] = new[-1].rstrip() + tail
                restored.append("le guillemet fermant de la ligne gardé")
            if not restored:
                return [op], ""
            return [replace(op, new=replace(op.new, alineas=tuple(new)))], (
                f"le texte nouveau de l'alinéa {number} ne reproduit pas toute la ligne "
                f"citée : {', '.join(restored)}")
        opening = head if not _HEADER_RE.match(new[0]) else "« "
        framed = [f"« {t}" for t in new]
        framed[0] = opening + new[0]
        if closes:
            framed[-1] = framed[-1].rstrip() + tail
        return [replace(op, new=replace(op.new, alineas=tuple(framed)))], (
            f"{_KEPT} (alinéa {number}) : guillemets de la ligne gardés")
    if isinstance(op, DeleteUnit):
        key = steps[0].value
        gone = {n for k, n in deleted if article_key(k) == article_key(key)}
        if all(n in gone for n in range(first + 1, last + 2)):
            raise _NotResolved(f"supprimer l'alinéa {number} laisserait la citation "
                               "vide : non pris en charge")
        if head != "« ":
            raise _NotResolved(f"l'alinéa {number} porte l'intitulé « {head[2:].strip()} »"
                               " de la citation : sa suppression n'est pas prise en charge")
        if not closes:
            return [op], ""
        keep = max(n for n in range(first + 1, number) if n not in gone)
        before = _line(article, keep, lines)
        if _nested(_framing(before, False)[1]):
            raise _NotResolved(f"l'alinéa {keep}, qui fermerait la citation, ferme déjà une "
                               "citation dans la citation : ses guillemets seraient incertains")
        return [op, Rewrite(Locator((steps[0], Step(StepKind.ALINEA, str(keep))), slug),
                            op.source, NewText(UnitKind.ALINEA, (before.rstrip() + tail,),
                                               markers=(_MARKED,)))], ""
    if isinstance(op, InsertUnits) and op.new.alineas and op.new.kind in (
            UnitKind.ALINEA, UnitKind.ITEM, UnitKind.TEXT):
        new = list(op.new.alineas)
        reproduced = new[0].lstrip().startswith("«")
        if op.position is Position.AFTER and closes and reproduced:
            # lines added at the end of the quotation: the » moves to the new last one
            said = ""
            if not closes_block(new[-1]):
                new[-1] = new[-1].rstrip() + tail
                said = (f"les alinéas insérés après l'alinéa {number} ne ferment pas la "
                        "citation : le guillemet fermant de la ligne déplacé")
            return [Rewrite(Locator(one, slug), op.source, NewText(
                UnitKind.ALINEA, (line[:len(line) - len(tail)].rstrip(), *new),
                markers=(_MARKED,)))], said
        inside = (op.position is Position.AFTER and not closes) or (
            op.position is Position.BEFORE and index > first)
        previous = index if op.position is Position.AFTER else index - 1
        if inside and _open_inside(_framing(_line(article, previous + 1, lines), False)[1]) \
                and not re.match(r"\s*«\s*«", new[0]):
            raise _NotResolved(f"les alinéas insérés à l'alinéa {number} seraient dans une "
                               "citation dans la citation sans en reproduire les « « : "
                               "non pris en charge")
        if inside and not reproduced:  # « added by :func:`_quoted_if_inside`
            return [op], f"{_KEPT} (après l'alinéa {number}) : guillemets ajoutés"
    return [op], ""


def _completed(op: Complete, article: BillArticle, block: _Block, base: tuple[Step, ...],
               lines: dict[int, str]) -> Operation:
    """« Compléter ce même texte par un alinéa ainsi rédigé : … »: alinéas added at the
    end of the proposed text; the closing » moves to the last of them."""
    if op.new.kind not in (UnitKind.ALINEA, UnitKind.TEXT) or not op.new.alineas:
        raise _NotResolved("compléter le texte proposé par autre chose que des alinéas : "
                           "non prise en charge")
    last = block.numbers[-1]
    if last in lines and "\n" in lines[last]:
        raise _NotResolved("le texte proposé est complété deux fois : non pris en charge")
    line = _line(article, last, lines)
    added = [f"« {t}" for t in op.new.alineas]
    target = Locator((*base, Step(StepKind.ALINEA, str(last))), op.target.code)
    if not block.closes:  # before the next « Art. … » of the same quotation
        return InsertUnits(target, op.source, Position.AFTER,
                           NewText(UnitKind.ALINEA, tuple(added)))
    tail = _closing(line)
    if not tail:
        raise _NotResolved("la dernière ligne du texte proposé ne ferme pas la citation")
    added[-1] = added[-1].rstrip() + tail
    return Rewrite(target, op.source, NewText(UnitKind.ALINEA, (
        line[:len(line) - len(tail)].rstrip(), *added), markers=(_MARKED,)))


def _proposed_block(article: BillArticle, part: tuple[Step, ...], key: str,
                    lines: dict[int, str]) -> _Block:
    """The text ``article`` proposes for the code article ``key``, in its ``part``
    (its lines rewritten by the amendment's parts before as they now read)."""
    items = article.items
    for step in part:
        found = [it for it in items if it.label == step.value]
        if len(found) != 1:
            raise _NotResolved(f"pas de {step.value} unique dans l'article {article.number} "
                               "du projet")
        items = (found[0],)
    numbers = {a.line: a.number for a in article.alineas}
    candidates: list[_Block] = []

    def walk(nodes: tuple[BillItem, ...]) -> None:
        for item in nodes:
            quote = item.quote
            if quote is not None and quote.alineas:
                heads = [i for i, t in enumerate(quote.alineas) if _HEADER_RE.match(t)]
                mine = [i for i in heads if article_key(
                    _HEADER_RE.match(quote.alineas[i]).group("number")) == key]  # type: ignore[union-attr]
                for i in mine:
                    stop = next((j for j in heads if j > i), len(quote.alineas))
                    candidates.append(_block_of(quote.alineas[i:stop], quote.lines[i:stop],
                                                numbers, stop == len(quote.alineas)))
                if not heads and _names_article(item.text, key):
                    candidates.append(_block_of(quote.alineas, quote.lines, numbers, True))
            walk(item.children)

    walk(items)
    where = f"l'article {article.number} du projet" + (
        f" ({', '.join(s.value for s in reversed(part))})" if part else "")
    if not candidates:
        raise _NotResolved(f"{where} ne cite pas de texte pour l'article "
                           f"{article_bill_form(key)}")
    if len(candidates) > 1:
        raise _NotResolved(f"{where} cite {len(candidates)} textes pour l'article "
                           f"{article_bill_form(key)} : lequel n'est pas dit")
    block = candidates[0]
    texts = list(block.texts)
    for index, number in enumerate(block.numbers):
        if number not in lines:
            continue
        if "\n" in lines[number]:
            raise _NotResolved("le texte proposé a été complété par une partie précédente de "
                               "l'amendement : une autre modification n'est pas prise en "
                               "charge")
        text = lines[number].lstrip()[1:].lstrip()  # its «
        if index == 0 and block.header:
            text = text[len(block.header):]
        if index == len(texts) - 1 and block.closes:
            text = text[:len(text) - len(_closing(text))]
        texts[index] = text.rstrip()
    return replace(block, texts=tuple(texts))


def _block_of(texts: tuple[str, ...], lines: tuple[int, ...], numbers: dict[int, int],
              closes: bool) -> _Block:
    if any(line not in numbers for line in lines):
        raise _NotResolved("les lignes du texte proposé ne sont pas des alinéas du projet")
    header = _HEADER_RE.match(texts[0])
    first = texts[0][header.end():] if header else texts[0]
    return _Block(tuple(numbers[line] for line in lines), (first, *texts[1:]),
                  header.group(0) if header else "", closes)


def _names_article(text: str, key: str) -> bool:
    """Whether an instruction names the article ``key``, and no other (« L'article
    L. 423-14 du code … est ainsi rédigé : »): one naming two (« Après l'article L. 423-14,
    il est inséré un article L. 423-14-1 ainsi rédigé : ») does not say which its
    quotation is for."""
    named = {article_key(m.group(1)) for m in re.finditer(
        r"\barticles?\s+((?:[LRDA]\.\s*(?:O\.\s*)?)?\d+(?:[-‑]\d+)*)", text)}
    return named == {key}


def _whole_article(op: Operation) -> bool:
    steps = op.target.steps
    return (isinstance(op, (DeleteUnit, Repeal, Rewrite)) and len(steps) == 1
            and steps[0].kind is StepKind.ARTICLE)


def _additional(op: Operation) -> bool:
    return (isinstance(op, InsertUnits) and op.new.kind is UnitKind.ARTICLE
            and not op.new.labels)


def _ordered(kept: list[tuple[Amendment, ReadAmendment]]
             ) -> tuple[list[Operation], list[tuple[str, Amendment, tuple[str, ...]]]]:
    """The operations, last alinéa first in each article (each amendment then finds the
    numbering it was written against); additional articles apart."""
    keyed: list[tuple[str, float, int, Operation]] = []
    additional: list[tuple[str, Amendment, tuple[str, ...]]] = []
    order = 0
    for amendment, read in kept:
        for op in read.operations:
            if isinstance(op, InsertUnits) and _additional(op):
                anchor = op.target.steps[-1].value if op.target.steps else ""
                additional.append((anchor, amendment, op.new.alineas))
                continue
            keyed.append((op.target.steps[0].value if op.target.steps else "",
                          -_position(op), order, op))
            order += 1
    keyed.sort(key=lambda k: (k[0], k[1], k[2]))
    return [op for *_, op in keyed], additional


def _position(op: Operation) -> float:
    """Where in its article an operation acts: its alinéa (an insertion after alinéa N
    at N + 0.5); the whole article counts as beyond the last alinéa."""
    steps = op.target.steps[1:]
    if not steps or steps[0].kind is not StepKind.ALINEA:
        return float("inf")
    try:
        value = float(int(steps[0].value))
    except ValueError:
        return float("inf")
    if isinstance(op, InsertUnits) and len(steps) == 1:
        value += 0.5 if op.position is Position.AFTER else -0.5
    return value


def _quoted_if_inside(tree: Code, op: Operation) -> Operation:
    """Alinéas an amendment inserts inside a quoted passage of the bill (after a line
    that opens with « and does not close the quotation) open with « like their
    neighbours; elsewhere they are the bill's own lines."""
    if not isinstance(op, InsertUnits) or op.new.kind not in (UnitKind.ALINEA,
                                                               UnitKind.ITEM, UnitKind.TEXT):
        return op
    steps = op.target.steps
    if len(steps) != 2 or steps[1].kind is not StepKind.ALINEA:
        return op
    paths = tree.find_articles(steps[0].value)
    try:
        number = int(steps[1].value)
    except ValueError:
        return op
    if not paths or not 1 <= number <= len(paths[0].article.alineas):
        return op
    alineas = paths[0].article.alineas
    before = number if op.position is Position.AFTER else number - 1
    if before < 1:
        return op
    previous = alineas[before - 1].text.lstrip()
    if not previous.startswith("«") or closes_block(previous):
        return op
    quoted = tuple(a if a.lstrip().startswith("«") else f"« {a}" for a in op.new.alineas)
    return replace(op, new=replace(op.new, alineas=quoted))


def _add_articles(code: Code, additional: list[tuple[str, Amendment, tuple[str, ...]]]
                  ) -> Code:
    children: list[Article | Division] = list(code.children)
    for anchor, amendment, alineas in additional:
        article = Article(f"additionnel après l'article {anchor}",
                          tuple(Alinea(t, origin=f"amendement n° {amendment.number}")
                                for t in alineas))
        index = next((i for i, a in enumerate(children)
                      if isinstance(a, Article) and a.key == anchor), len(children) - 1)
        children.insert(index + 1, article)
    return replace(code, children=tuple(children))


def write_bill(amended: Amended) -> str:
    """The bill as amended, as a bill text: title, "Article N" headings, one alinéa per
    line; an article deleted by an amendment keeps its heading with "(Supprimé)"."""
    lines = [amended.title]
    current = {a.key: a for a in amended.code.children if isinstance(a, Article)}
    written: set[str] = set()
    for node in amended.code.children:
        if not isinstance(node, Article):
            continue
        for original in amended.bill.children:  # deleted articles, where they stood
            if (isinstance(original, Article) and original.key not in current
                    and original.key not in written
                    and _before(amended.bill, original.key, node.key)):
                lines += [f"Article {original.num}", "(Supprimé)"]
                written.add(original.key)
        lines.append(f"Article {node.num}")
        lines.extend(a.text for a in node.alineas)
        written.add(node.key)
    for original in amended.bill.children:
        if isinstance(original, Article) and original.key not in written:
            lines += [f"Article {original.num}", "(Supprimé)"]
    return "\n".join(lines) + "\n"


def _before(bill: Code, first: str, second: str) -> bool:
    keys = [a.key for a in bill.children if isinstance(a, Article)]
    return second in keys and keys.index(first) < keys.index(second)
