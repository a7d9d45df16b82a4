"""Parse a bill, a law or a committee text into operations (``legidiff parse``).

    read_bill (billtext) ─▶ items ─▶ prepare + parse each sentence (instructions)
                                   ─▶ operations, in context (chapeaux, "même …")

A sentence the grammar does not understand is kept as :class:`Unrecognized` with its
place; if it has no verb of modification it is a standalone provision (entry into
force, a report to Parliament…), classified, not an error.
"""

from __future__ import annotations

import re
from dataclasses import replace

from legidiff.bill.build import Context, ContextError, build_operations, resolve_chain
from legidiff.bill.operations import (
    Bill,
    Operation,
    Provision,
    ProvisionKind,
    Source,
    Unrecognized,
)
from legidiff.bill.sentence import SentenceError, parse_chain, parse_sentence, prepare
from legidiff.bill.text import BillItem, BillText, read_bill
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import Locator, LocatorSyntaxError
from legidiff.lang.codes import canonical_code_name, code_key
from legidiff.lang.vocabulary import MODIFYING_RE

# the date from which an instruction applies, as the grammar ignores it (EFFECT_DATE)
_EFFECT_RE = re.compile(r"(?:à|a) compter du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}", re.IGNORECASE)
_REPORT_RE = re.compile(r"\brapport\b", re.IGNORECASE)
_APPLICATION_RE = re.compile(
    r"\b(?:applicables?|s['’]appliquent|s['’]applique|entre(?:nt)? en vigueur|"
    r"entreront en (?:vigueur|application)|en application|à compter d[ue]|jusqu['’]au)\b",
    re.IGNORECASE)
_MONTHS = {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "décembre": 12}
_DATE_RE = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b",
                      re.IGNORECASE)


def dates_in(text: str) -> tuple[str, ...]:
    """ISO dates named in a text: "31 juillet 2025" → "2025-07-31"."""
    out = []
    for day, month, year in _DATE_RE.findall(text):
        number = _MONTHS.get(month.lower())
        if number is None:  # case-insensitive matching took "juıllet" for "juillet"
            continue
        d = 1 if day == "1er" else int(day)
        out.append(f"{int(year):04d}-{number:02d}-{d:02d}")
    return tuple(out)


def parse_bill(text: str, *, title: str | None = None, unwrap: bool = False,
               code: str | None = None, path: str = "<texte>") -> Bill:
    """Parse a bill or a law: every instruction becomes operations, with its source.

    ``code`` names the code the instructions apply to when the text does not (an
    extract starting with "Le même code est ainsi modifié :")."""
    return parse_bill_text(read_bill(text, title=title, unwrap_lines=unwrap, path=path),
                           code=code)


def parse_bill_text(bill: BillText, code: str | None = None) -> Bill:
    ops: list[Operation] = []
    unrecognized: list[Unrecognized] = []
    provisions: list[Provision] = []
    diagnostics: list[Diagnostic] = list(bill.diagnostics)
    default = Context()
    if code is not None:
        name = canonical_code_name(code)
        default = Context(code_key(name), name, last_text=code_key(name))
    for diagnostic in bill.diagnostics:
        if diagnostic.code == "LD212" and diagnostic.location is not None:
            # an article heading the reader could not read: what follows it may be read
            # as part of the article before; the run must not pass for complete
            unrecognized.append(Unrecognized(
                Source(bill.title, "texte", diagnostic.location.line or 0, 1,
                       diagnostic.evidence or ""), diagnostic.message, True, default.text))
    for article in bill.articles:
        context = default.child(default.text, default.text_name, ())
        for item in article.items:
            _walk(item, context, bill, ops, unrecognized, provisions, diagnostics)
    return Bill(bill.title, tuple(ops), tuple(unrecognized), tuple(provisions),
                tuple(diagnostics))


def _walk(item: BillItem, context: Context, bill: BillText, ops: list[Operation],
          unrecognized: list[Unrecognized], provisions: list[Provision],
          diagnostics: list[Diagnostic]) -> None:
    source = Source(bill.title, item.ref, item.line, item.column, item.text)
    child_context = context
    more: tuple[Context, ...] = ()
    text = item.text.strip()
    if not text:
        if item.quote is not None:
            diagnostics.append(Diagnostic(
                "LD211", Severity.ERROR, f"{item.ref} : texte cité sans instruction qui "
                "l'introduise", Location(bill.path, item.line, item.column)))
            unrecognized.append(Unrecognized(source, "texte cité sans instruction", True,
                                             context.text))
    else:
        prepared = prepare(text)
        for code, message, offset in prepared.problems:
            diagnostics.append(Diagnostic(code, Severity.WARNING, f"{item.ref} : {message}",
                                          Location(bill.path, item.line, item.column + offset)))
        effect = _EFFECT_RE.search(prepared.text)
        own = dates_in(effect.group()) if effect is not None else ()
        if own or context.dates:
            source = replace(source, dates=tuple(dict.fromkeys((*context.dates, *own))))
        try:
            sentence = parse_sentence(prepared)
            quote = item.quote
            built = build_operations(sentence, prepared, context, source,
                                     quote.alineas if quote else None,
                                     quote.markers if quote else (), bill.path)
        except (SentenceError, ContextError) as e:
            at = e.offset if isinstance(e, SentenceError) else 0
            offset = prepared.column(at)
            modifying = bool(MODIFYING_RE.search(text)) or (
                isinstance(e, SentenceError) and e.incomplete)
            if modifying:
                diagnostics.append(Diagnostic(
                    e.code, Severity.ERROR, f"{item.ref} : {e.message}",
                    Location(bill.path, item.line, item.column + offset), _caret(text, offset)))
                unrecognized.append(Unrecognized(source, e.message, True, context.text))
            else:
                provisions.append(Provision(_provision_kind(text), source, dates_in(text)))
        else:
            ops.extend(built.operations)
            diagnostics.extend(built.diagnostics)
            if built.chapeau is not None:
                child_context = built.chapeau
                more = built.more_chapeaux
                if not item.children:
                    diagnostics.append(Diagnostic(
                        "LD206", Severity.ERROR, f"{item.ref} : chapeau sans éléments "
                        "(« … est ainsi modifié : » suivi de rien)",
                        Location(bill.path, item.line, item.column)))
    for child in item.children:
        _walk(child, child_context, bill, ops, unrecognized, provisions, diagnostics)
    for other in more:
        # the same items for each further unit the chapeau names; what they report is
        # kept once
        seen_unread = {(u.source.line, u.source.column, u.reason) for u in unrecognized}
        seen_diags = set(diagnostics)
        again_unread: list[Unrecognized] = []
        again_diags: list[Diagnostic] = []
        for child in item.children:
            _walk(child, other, bill, ops, again_unread, [], again_diags)
        unrecognized.extend(u for u in again_unread
                            if (u.source.line, u.source.column, u.reason) not in seen_unread)
        diagnostics.extend(d for d in again_diags if d not in seen_diags)


def _provision_kind(text: str) -> ProvisionKind:
    if _REPORT_RE.search(text):
        return ProvisionKind.REPORT
    if _APPLICATION_RE.search(text):
        return ProvisionKind.APPLICATION
    return ProvisionKind.OTHER


def _caret(text: str, offset: int) -> str:
    return f"{text}\n  {' ' * offset}^"


def render_listing(bill: Bill) -> str:
    """The readable listing of ``legidiff parse``."""
    from legidiff.bill.operations import operation_json

    lines = [bill.title or "(texte sans titre)"]
    for op in bill.operations:
        data = operation_json(op)
        operands = {k: v for k, v in data.items() if k not in (
            "kind", "target", "code", "bill_ref", "line", "column", "text")}
        lines.append(f"{op.source.bill_ref} (l. {op.source.line})  {op.kind}  {op.target}"
                     f"  {_short(operands)}")
    for u in bill.unrecognized:
        lines.append(f"{u.source.bill_ref} (l. {u.source.line})  NON RECONNU  {u.reason} : "
                     f"{u.source.text[:100]}")
    for p in bill.provisions:
        dates = f" [{', '.join(p.dates)}]" if p.dates else ""
        lines.append(f"{p.source.bill_ref} (l. {p.source.line})  disposition {p.kind.value}"
                     f"{dates} : {p.source.text[:100]}")
    return "\n".join(lines) + "\n"


def _short(operands: dict[str, object]) -> str:
    parts = []
    for key, value in operands.items():
        text = str(value)
        parts.append(f"{key}={text if len(text) < 120 else text[:117] + '…'}")
    return " ".join(parts)


def parse_locator(text: str) -> Locator:
    """Read an address written in French, as in a bill (``grammars/instructions.lark``,
    start rule ``locator``).

    >>> str(parse_locator("la seconde phrase du premier alinéa du I de l'article L. 853-3"))
    'art_L853-3/lab_I/al_1/ph_2'
    """
    try:
        locators = resolve_chain(parse_chain(text), Context())
    except (SentenceError, ContextError) as e:
        raise LocatorSyntaxError(f"{e.message} : « {text.strip()} »") from None
    if len(locators) != 1:
        raise LocatorSyntaxError(f"« {text.strip()} » désigne {len(locators)} unités, pas une")
    return locators[0]
