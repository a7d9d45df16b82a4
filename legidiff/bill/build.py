"""Parts of an instruction sentence → typed operations, in context.

The context of an item is what the chapeaux above it name (the code, a division, an
article, an item…) and the last unit of each kind named ("le même …"). Relative
locators ("Au premier alinéa", "Le I") go inside the context's unit; lists give one
operation per target; consecutive units replaced by one text become a span.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from legidiff.bill.operations import (
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
    Words,
)
from legidiff.bill.sentence import (
    Chain,
    Clause,
    ContentSpec,
    Lead,
    Prepared,
    Sentence,
    TextRef,
    UnitSpec,
    WordsSpec,
)
from legidiff.diagnostics import Diagnostic, LegidiffError, Location, Severity
from legidiff.document.locator import Locator, Step, StepKind, code_slug
from legidiff.document.structure import Level, read_labels, strip_header
from legidiff.lang.codes import canonical_code_name
from legidiff.lang.numbering import article_key, int_to_roman, roman_to_int

# ---------------------------------------------------------------------------
# Context and resolution


@dataclass
class Context:
    """What the instructions of an item refer to: the text (code or law) and the unit
    named by the chapeaux above, and the last unit of each kind named ("le même …")."""

    text: str | None = None  # code or law slug
    text_name: str | None = None
    steps: tuple[Step, ...] = ()
    last: dict[StepKind, Step] = field(default_factory=dict)
    last_text: str | None = None

    def child(self, text: str | None, text_name: str | None, steps: tuple[Step, ...]
              ) -> Context:
        return Context(text, text_name, steps, dict(self.last), self.last_text)


_DIVISION_ORDER = [StepKind.PARTIE, StepKind.LIVRE, StepKind.TITRE, StepKind.CHAPITRE,
                   StepKind.SECTION, StepKind.SOUS_SECTION, StepKind.PARAGRAPHE,
                   StepKind.SOUS_PARAGRAPHE, StepKind.ANNEXE]


@lru_cache(maxsize=1024)
def _item_level(label: str) -> int:
    labels = read_labels(_label_probe(label))
    return int(labels[0].level) if labels else int(Level.SMALL)


def _label_probe(label: str) -> str:
    if label.endswith("°") or re.match(r"^\d+°", label):
        return label + " X"
    if re.fullmatch(r"[a-z]{1,2}(?: \w+)?", label):
        return label + ") X"
    return label + ". – X"


def _depth(step: Step) -> tuple[int, int]:
    """Order of steps from outer to inner, for relative locators."""
    if step.kind in _DIVISION_ORDER:
        return (0, _DIVISION_ORDER.index(step.kind))
    if step.kind is StepKind.ARTICLE:
        return (1, 0)
    if step.kind is StepKind.ITEM:
        return (2, _item_level(step.value))
    if step.kind is StepKind.TIRET:
        return (2, int(Level.TIRET))
    if step.kind is StepKind.INTITULE:
        return (0, len(_DIVISION_ORDER))
    if step.kind is StepKind.ALINEA:
        return (3, 0)
    return (4, 0)


class ContextError(LegidiffError):
    """A reference the context cannot resolve: "du même code" with no code named
    before (LD209), a relative locator outside any chapeau."""


def resolve_chain(chain: Chain | None, context: Context) -> list[Locator]:
    """The locators a chain designates in a context (one per value of its lists)."""
    text, _ = _resolve_text(chain.text if chain else None, context)
    if chain is None or not chain.units:
        return [Locator(context.steps if text == context.text else (), text)]
    outer_first = list(reversed(chain.units))
    alternatives: list[list[Step]] = [[]]
    for spec in outer_first:
        steps = _spec_steps(spec, context)
        alternatives = [[*prefix, step] for prefix in alternatives for step in steps]
    out = []
    for steps in alternatives:
        base: tuple[Step, ...] = context.steps if (chain.text is None or text == context.text
                                                   ) else ()
        out.append(Locator(_attach(base, tuple(steps)), text))
    return out


def _whole(ref: TextRef, context: Context) -> Locator:
    """The whole of a text: "dans l'ensemble du code électoral", "… du code" (the text of
    the context), "… du même code"."""
    if ref.kind == "context":
        return Locator((), context.text)
    text, _ = _resolve_text(ref, context)
    return Locator((), text)


def _resolve_text(ref: TextRef | None, context: Context) -> tuple[str | None, str | None]:
    if ref is None:
        return context.text, context.text_name
    if ref.kind == "same":
        if context.last_text is None:
            raise ContextError("LD209", "« du même code » sans code nommé auparavant")
        return context.last_text, context.text_name
    return _text_slug(ref.kind, ref.name)


@lru_cache(maxsize=1024)
def _text_slug(kind: str, name: str) -> tuple[str, str]:
    """Slug and name of a code or law: "code de la route" → "code-de-la-route"."""
    if kind == "law":
        m = re.search(r"n°\s*([\d-]+)", name) or re.search(r"(\d[\d-]*)", name)
        word = name.split()[0].lower()
        return (f"{word}-{m.group(1)}" if m else code_slug(name)), name
    canonical = canonical_code_name(name)
    return code_slug(canonical), canonical


def _spec_steps(spec: UnitSpec, context: Context) -> list[Step]:
    if spec.same or spec.this:
        # "le même alinéa", "du présent article", "dudit article": the last one named
        previous = context.last.get(spec.kind)
        if previous is None:
            word = "même" if spec.same else "présent"
            raise ContextError("LD209", f"« {word} {_NOUNS.get(spec.kind, spec.kind.value)} »"
                                           " sans antécédent dans les instructions")
        if spec.values and previous.value not in spec.values and spec.kind in (
                StepKind.PHRASE, StepKind.ALINEA):
            return [Step(spec.kind, v) for v in spec.values]
        return [previous]
    if spec.kind is StepKind.ARTICLE:
        return [Step(StepKind.ARTICLE, article_key(v), until=article_key(spec.until)
                     if spec.until else None) for v in spec.values]
    if spec.until is not None:
        expanded = _expand_labels(spec.values[0], spec.until)
        if expanded is not None:
            return [Step(spec.kind, v) for v in expanded]
        return [Step(spec.kind, spec.values[0], until=spec.until)]
    return [Step(spec.kind, v) for v in spec.values]


_NOUNS = {StepKind.ARTICLE: "article", StepKind.ITEM: "élément", StepKind.ALINEA: "alinéa",
          StepKind.PHRASE: "phrase", StepKind.TIRET: "tiret"}


def _expand_labels(first: str, last: str) -> list[str] | None:
    """"III" à "V" → III, IV, V; "1°" à "3°" → 1°, 2°, 3°; None when not simple."""
    a, b = roman_to_int(first), roman_to_int(last)
    if a is not None and b is not None and a < b <= a + 50:
        return [int_to_roman(n) for n in range(a, b + 1)]
    ma, mb = re.fullmatch(r"(\d+)°", first), re.fullmatch(r"(\d+)°", last)
    if ma and mb and int(ma.group(1)) < int(mb.group(1)):
        return [f"{n}°" for n in range(int(ma.group(1)), int(mb.group(1)) + 1)]
    return None


def _attach(base: tuple[Step, ...], steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """Attach a locator to the context: an article or a division starts over inside the
    context's divisions; an item, alinéa or phrase goes inside the context's unit,
    replacing what is at its depth or deeper."""
    if not steps:
        return base
    first = _depth(steps[0])
    kept = tuple(s for s in base if _depth(s) < first)
    if first[0] >= 2 and not any(s.kind is StepKind.ARTICLE for s in kept):
        kept = tuple(s for s in base if _depth(s) < first)
    return (*kept, *steps)


def remember(context: Context, locator: Locator) -> None:
    """Record the units a locator names, for later "même …"."""
    for step in locator.steps:
        context.last[step.kind] = step
    if locator.code:
        context.last_text = locator.code


# ---------------------------------------------------------------------------
# Building operations


@dataclass(frozen=True, slots=True)
class Built:
    operations: tuple[Operation, ...]
    chapeau: Context | None  # the context of the items below, when this is a chapeau
    diagnostics: tuple[Diagnostic, ...]


def build_operations(sentence: Sentence, prepared: Prepared, context: Context, source: Source,
                     block: tuple[str, ...] | None, block_markers: tuple[str, ...],
                     path: str) -> Built:
    """Turn a parsed sentence into operations, in the context of its item."""
    ops: list[Operation] = []
    diagnostics: list[Diagnostic] = []
    chapeau: Context | None = None
    first_leads = sentence.items[0][0] if sentence.items else ()
    shared = [lead for lead in first_leads if lead.kind in ("at", "everywhere")]

    def targets_of(leads: tuple[Lead, ...]) -> tuple[list[Locator], Lead | None, Lead | None,
                                                     bool]:
        at = [lead for lead in leads if lead.kind == "at"] or [
            lead for lead in shared if lead.kind == "at"]
        edge = next((lead for lead in leads if lead.kind == "edge"), None)
        anchor = next((lead for lead in leads if lead.kind == "anchor"), None)
        everywhere_leads = [lead for lead in (*leads, *shared) if lead.kind == "everywhere"]
        everywhere = bool(everywhere_leads)
        named = next((lead.chain.text for lead in everywhere_leads
                      if lead.chain is not None and lead.chain.text is not None), None)
        if at:
            targets = [loc for lead in at for loc in resolve_chain(lead.chain, context)]
        elif named is not None:
            targets = [_whole(named, context)]
        else:
            targets = [Locator(context.steps, context.text)]
        if edge is not None and edge.chain is not None:
            targets = [loc for base in targets for loc in resolve_chain(
                edge.chain, context.child(base.code, context.text_name, base.steps))]
        for loc in targets:
            remember(context, loc)
        return targets, edge, anchor, everywhere

    def quoted(indexes: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(prepared.quotes[i] for i in indexes)

    def words(spec: WordsSpec) -> Words:
        if spec.articles:
            return Words(tuple(spec.articles), spec.kind, spec.occurrence, spec.everywhere,
                         quoted=False)
        return Words(quoted(spec.quotes), spec.kind, spec.occurrence, spec.everywhere)

    def new_text(spec: ContentSpec | None, clause: Clause) -> NewText:
        inline = quoted(clause.quotes)
        if spec is not None and spec.words is not None:
            return NewText(UnitKind.WORDS, words(spec.words).texts)
        alineas = inline if inline else (block or ())
        unit = spec.unit if spec is not None else UnitKind.TEXT
        labels = spec.labels if spec is not None else ()
        if spec is not None and spec.until is not None and spec.labels:
            expanded = _expand_labels(spec.labels[0], spec.until)
            labels = tuple(expanded) if expanded else (*spec.labels, spec.until)
        if not alineas:
            diagnostics.append(_diag("LD207", "le texte à écrire manque : « ainsi rédigé » "
                                     "sans citation", source, path))
        count = spec.count if spec is not None else None
        if count is not None and count > 1 and unit in (UnitKind.ALINEA, UnitKind.PHRASE) and \
                alineas and unit is UnitKind.ALINEA and len(alineas) != count:
            diagnostics.append(_diag("LD208", f"{count} alinéas annoncés, {len(alineas)} cités",
                                     source, path, Severity.WARNING))
        return NewText(unit, tuple(alineas), count, tuple(labels),
                       spec.division if spec is not None else None,
                       block_markers if not inline else (), inline=bool(inline))

    marks: list[int] = []  # where the operations of each clause start
    for leads, clause in sentence.items:
        marks.append(len(ops))
        targets, edge, anchor, everywhere = targets_of(leads)
        if clause.everywhere_in is not None and not any(lead.kind == "at" for lead in leads):
            targets = [_whole(clause.everywhere_in, context)]
        if clause.kind == "words_replace":
            assert clause.words is not None
            assert clause.new_words is not None
            old, new = words(clause.words), words(clause.new_words)
            if everywhere:
                old = replace(old, everywhere=True)
            for loc in targets:
                ops.append(ReplaceWords(loc, source, old, new.texts, clause.respectively))
        elif clause.kind == "words_delete":
            assert clause.words is not None
            old = words(clause.words)
            if everywhere:
                old = replace(old, everywhere=True)
            for loc in targets:
                ops.append(DeleteWords(loc, source, old))
        elif clause.kind in ("end_rewrite", "end_delete"):
            if anchor is None or anchor.words is None:
                raise ContextError("LD203", "« la fin … » sans mots après lesquels elle "
                                               "commence (« après le mot : … »)")
            scope = targets
            if clause.end_chain is not None:
                scope = [loc for base in targets for loc in resolve_chain(
                    clause.end_chain, context.child(base.code, context.text_name, base.steps))]
            for loc in scope:
                if clause.kind == "end_rewrite":
                    texts = quoted(clause.quotes) or (block or ())
                    if not texts:
                        diagnostics.append(_diag("LD207", "la nouvelle fin manque", source,
                                                 path))
                    ops.append(RewriteEnd(loc, source, words(anchor.words),
                                          texts[0] if texts else ""))
                else:
                    ops.append(DeleteEnd(loc, source, words(anchor.words)))
        elif clause.kind == "unit_modify":
            subjects = resolve_chain(clause.subject, context)
            if len(subjects) != 1:
                raise ContextError("LD203", "un chapeau doit désigner une seule unité")
            remember(context, subjects[0])
            chapeau = context.child(subjects[0].code, _name_of(clause.subject, context),
                                    subjects[0].steps)
        elif clause.kind in ("unit_rewrite", "unit_replace", "unit_complete", "unit_delete",
                             "unit_repeal", "unit_restore"):
            subjects = resolve_chain(clause.subject, context)
            shares = _share_block(subjects, block) if clause.kind in (
                "unit_rewrite", "unit_replace", "unit_restore") else None
            if shares is None and len(subjects) > 1 and clause.kind in (
                    "unit_rewrite", "unit_replace"):
                # "Les premier et deuxième alinéas sont remplacés par un alinéa": one text
                # for consecutive units, written as a span
                subjects = [_span(subjects)]
            for index, loc in enumerate(subjects):
                remember(context, loc)
                if shares is not None:
                    block = shares[index]
                if clause.kind == "unit_delete":
                    ops.append(DeleteUnit(loc, source))
                elif clause.kind == "unit_repeal":
                    ops.append(Repeal(loc, source))
                elif clause.kind == "unit_complete":
                    ops.append(Complete(loc, source, new_text(clause.content, clause)))
                elif clause.kind == "unit_restore":
                    ops.append(Restore(loc, source, new_text(clause.content, clause)))
                else:
                    ops.append(Rewrite(loc, source, new_text(clause.content, clause)))
        elif clause.kind == "unit_precede":
            for loc in resolve_chain(clause.subject, context):
                remember(context, loc)
                spec = clause.content
                if spec is not None and spec.unit is UnitKind.WORDS:
                    assert spec.words is not None
                    ops.append(InsertWords(loc, source, words(spec.words).texts, Position.START))
                else:
                    ops.append(InsertUnits(loc, source, Position.BEFORE,
                                           new_text(spec, clause)))
        elif clause.kind == "unit_renumber":
            subjects = resolve_chain(clause.subject, context)
            assert clause.renamed is not None
            new_labels = [_label_of(loc.steps[-1]) for loc in resolve_chain(clause.renamed,
                                                                            context)]
            if len(subjects) != len(new_labels):
                raise ContextError("LD203", f"{len(subjects)} unité(s) renumérotée(s) en "
                                               f"{len(new_labels)} numéro(s)")
            for loc, label in zip(subjects, new_labels, strict=True):
                ops.append(Renumber(loc, source, label))
        elif clause.kind == "unit_insert":
            ops.extend(_insert(clause, targets, anchor, edge, context, source, new_text,
                               words))
        else:  # pragma: no cover - every rule of the grammar is handled above
            raise AssertionError(clause.kind)
    _last_first(ops, marks)
    return Built(tuple(ops), chapeau, tuple(diagnostics))


def _last_first(ops: list[Operation], marks: list[int]) -> None:
    """The targets of one clause are all named on the text as it stands before it ("Les
    deuxième et troisième alinéas sont supprimés"); its operations apply one after the
    other, so those on units counted by position (alinéas, phrases) go from the last to
    the first: removing or inserting one then never moves the others."""
    bounds = [*marks, len(ops)]
    for start, end in itertools.pairwise(bounds):
        group = ops[start:end]
        if len(group) > 1 and all(_positional(op) for op in group):
            ops[start:end] = sorted(group, key=_position_key, reverse=True)


def _positional(op: Operation) -> bool:
    steps = op.target.steps
    return bool(steps) and steps[-1].kind in (StepKind.ALINEA, StepKind.PHRASE) and \
        steps[-1].until is None and steps[-1].value.lstrip("-").isdigit()


def _position_key(op: Operation) -> tuple[tuple[str, ...], int]:
    """The same container, then the position in it (counted from the end: negative)."""
    *outer, last = op.target.steps
    value = int(last.value)
    return tuple(str(s) for s in outer), value if value > 0 else 10**6 + value


def _span(subjects: list[Locator]) -> Locator:
    """Consecutive units named by a list ("les 1° et 2°", "les premier et deuxième
    alinéas") as one locator whose last step is a range."""
    lasts = [loc.steps[-1] for loc in subjects]
    heads = {loc.steps[:-1] for loc in subjects}
    if len(heads) != 1 or len({s.kind for s in lasts}) != 1 or not _consecutive(lasts):
        raise ContextError("LD203", "un seul texte pour des unités qui ne se suivent pas : "
                                       "précisez l'instruction")
    first = subjects[0]
    return Locator((*first.steps[:-1], replace(lasts[0], until=lasts[-1].value)), first.code)


def _consecutive(steps: list[Step]) -> bool:
    def rank(value: str) -> int | None:
        if re.fullmatch(r"-?\d+", value):
            return int(value)
        m = re.fullmatch(r"(\d+)°", value)
        if m:
            return int(m.group(1))
        roman = roman_to_int(value)
        if roman is not None:
            return roman
        return ord(value) if re.fullmatch(r"[a-zA-Z]", value) else None

    ranks = [rank(s.value) for s in steps]
    if any(r is None for r in ranks):
        return False
    values = [r for r in ranks if r is not None]
    return all(b == a + 1 for a, b in itertools.pairwise(values))


def _label_of(step: Step) -> str:
    return step.value if step.until is None else f"{step.value}..{step.until}"


def _name_of(chain: Chain | None, context: Context) -> str | None:
    if chain is not None and chain.text is not None and chain.text.kind != "same":
        return chain.text.name
    return context.text_name


def _insert(clause: Clause, targets: list[Locator], anchor: Lead | None, edge: Lead | None,
            context: Context, source: Source, new_text: Any, words: Any) -> list[Operation]:
    lead = clause.inner_lead or anchor
    content = clause.content
    out: list[Operation] = []
    if content is not None and content.unit is UnitKind.WORDS:
        assert content.words is not None
        new = words(content.words).texts
        for loc in targets:
            if lead is not None and lead.words is not None:
                out.append(InsertWords(loc, source, new, lead.position or Position.AFTER,
                                       words(lead.words)))
            elif edge is not None:
                out.append(InsertWords(loc, source, new, edge.position or Position.END))
            elif clause.verb == "added":
                out.append(InsertWords(loc, source, new, Position.END))
            else:
                raise ContextError("LD203", "mots insérés sans dire où (« après le mot : "
                                               "… », « au début »)")
        return out
    text = new_text(content, clause)
    if clause.verb == "restored" and (lead is None or lead.chain is None):
        # "Il est rétabli un article L. 2": at its place in the numbering; with an anchor
        # ("Après l'article L. 1, il est rétabli …") it is an insertion there, below
        for loc in targets:
            out.append(Restore(_with_new_unit(loc, text), source, text))
        return out
    if lead is not None and lead.chain is not None:
        for base in targets:
            for loc in resolve_chain(lead.chain, context.child(base.code, context.text_name,
                                                                 base.steps)):
                remember(context, loc)
                out.append(InsertUnits(loc, source, lead.position or Position.AFTER, text))
        return out
    if lead is not None and lead.words is not None:
        raise ContextError("LD203", "unités insérées après des mots : tournure non reconnue")
    if edge is not None and edge.position is Position.START:
        for loc in targets:
            out.append(InsertUnits(loc, source, Position.START, text))
        return out
    if clause.verb in ("inserted", "created") and text.kind is UnitKind.ARTICLE and text.labels:
        # "Il est inséré un article L. 114-3": at its place among the articles
        for loc in targets:
            out.append(InsertUnits(_with_new_unit(loc, text), source, Position.ORDER, text))
        return out
    for loc in targets:  # "Il est ajouté un II", "est inséré un alinéa" at the end
        out.append(Complete(loc, source, text))
    return out


def _share_block(subjects: list[Locator], block: tuple[str, ...] | None
                 ) -> list[tuple[str, ...] | None] | None:
    """"Les articles L. 1 et L. 2 sont ainsi rédigés" with one block holding both: give
    each article the alinéas from its own "Art. L. 1. –" header on."""
    if block is None or len(subjects) < 2 or not all(
            loc.steps and loc.steps[-1].kind is StepKind.ARTICLE for loc in subjects):
        return None
    starts: dict[str, int] = {}
    for index, alinea in enumerate(block):
        number, _ = strip_header(alinea)
        if number is not None:
            starts[article_key(number)] = index
    keys = [loc.steps[-1].value for loc in subjects]
    if not all(k in starts for k in keys):
        return None
    bounds = [*sorted(starts.values()), len(block)]
    out: list[tuple[str, ...] | None] = []
    for key in keys:
        first = starts[key]
        last = next(b for b in bounds if b > first)
        out.append(block[first:last])
    return out


def _with_new_unit(container: Locator, text: NewText) -> Locator:
    if text.kind is UnitKind.ARTICLE and text.labels:
        steps = tuple(s for s in container.steps if s.kind is not StepKind.ARTICLE)
        return Locator((*steps, Step(StepKind.ARTICLE, article_key(text.labels[0]))),
                       container.code)
    if text.kind is UnitKind.ITEM and text.labels:
        return Locator((*container.steps, Step(StepKind.ITEM, text.labels[0])), container.code)
    return container


def _diag(code: str, message: str, source: Source, path: str,
          severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code, severity, f"{source.bill_ref} : {message}",
                      Location(path, source.line, source.column))
