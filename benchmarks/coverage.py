"""Coverage: how much real drafting legidiff's parser reads.

    python benchmarks/coverage.py [--corpus PATH] [--kind K] [--json OUT] [--examples N] [-v]

Inputs (read in place, never copied): ``instructions/instructions.jsonl`` of the corpus
(``../shared/corpus`` beside the repository by default), 6,170 real instruction items of
bills, amendments, decrees and laws, and the 23 whole bills of ``instructions/texts/``.

Each item is pasted the way a user would paste it, then read by the public API:

- bills, laws, decrees: a small bill — a title, "Article 1er", the chapeaux of its
  ``context`` (one line each, outermost first), the item, the quoted alinéas that follow it
  (``quoted_follow``) — read by :func:`legidiff.billtext.read_bill` and
  :func:`legidiff.bill.parse_bill_text`, with the corpus's ``code`` as the default code
  (as ``legidiff apply --code`` gives it);
- amendments: their lines, read by :func:`legidiff.amendments.read_amendment` on the bill
  article they name, as ``legidiff amend`` reads an amendment file. The lines of a debate
  transcript before the item (the corpus gives them as ``context``) come first; the
  "L'amendement n° …, présenté par …, est ainsi libellé :" header (and its plural, "Ces
  deux amendements sont ainsi libellés :") is left out, as the amendment file's header
  is. The body of an "article additionnel" quoted by its context ("Insérer un article
  additionnel ainsi rédigé :") is read as a bill article.

Each item is then classified from what the parser says about its own line(s):

- **read**: every modifying sentence became operations (``operations``); or it is a
  chapeau ("… est ainsi modifié :") whose items are elsewhere in the corpus
  (``chapeau``); or it is truthfully a standalone provision — no verb of modification
  outside its quotations (``standalone``);
- **not read**: a sentence was not understood or an error was reported on it — with the
  parser's code and message (LD203 "tournure non reconnue : « X » inattendu", LD209…);
  or a sentence classified as a standalone provision although it holds a verb of
  modification in the form instructions use it (passive "est remplacé", "sont
  insérés", "il est créé un article", "devient", an amendment's imperative):
  ``misclassified standalone``, a silent failure, counted apart; or nothing was produced
  and nothing said (``no specific reason``);
- **exception**: the parser crashed (counted and shown apart; never hidden).

An operation whose text was announced ("ainsi rédigé :") but which the corpus does not
hold (nothing follows the item in the corpus) is read: the text is missing from the
corpus, not misread.

An amendment's line that only says where its instruction goes (the Senate prints
« Après l'article 6 » on a line of its own, then « Insérer un article additionnel ainsi
rédigé : » as the next item) is read with the item after it, as the amendment reader joins
the two lines; when the two read, it counts as ``chapeau`` (a lead, like a chapeau).

Failures are grouped by *form* (``coverage_forms.py``): the general rule of drafting
behind the failure when one of its rules names it ("code-name-et": code names holding
« et »; "several-targets"; "amendment-read-as-code"…), else the word the LALR grammar
did not expect and the terminals it expected there. Each failure also keeps, in the
JSON, the grammar state and the normalized words before the stop (« … » for quotations,
"L.n" for article numbers, "ORD" for ordinals…). The whole bills of ``texts/`` are read
as they are and their sentences counted read or not; the lines of quoted text opening
with a straight quote, which the reader takes for sentences, are counted apart.

Figures are printed last. ``--json`` writes every item's outcome and every form.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from coverage_forms import (  # noqa: E402
    RULES,
    describe_expected,
    fallback_form,
    make_failure,
    rule_of,
)

from legidiff.bill.operations import Bill  # noqa: E402
from legidiff.bill.parse import (  # noqa: E402
    _text_subject_or_unknown,
    is_adaptation,
    is_adaptation_at,
    parse_bill_text,
)
from legidiff.bill.sentence import prepare  # noqa: E402
from legidiff.bill.text import BillItem, read_bill  # noqa: E402
from legidiff.diagnostics import Diagnostic, Severity  # noqa: E402
from legidiff.lang.numbering import roman_to_int  # noqa: E402
from legidiff.lang.vocabulary import ADVERB_PATTERN, SHARED_VERBS  # noqa: E402
from legidiff.parliament.amendments import (  # noqa: E402
    is_location_line,
    read_amendment,
    unquoted_article,
)

KINDS = ("bill", "amendment", "decree", "law")
TITLE = "Projet de loi (banc d'essai de couverture)"

# A sentence classified as a standalone provision although it modifies a text: a verb of
# modification in the form instructions use it (passive after est/sont/il est…, "devient",
# or an amendment's imperative), outside its quotations. An adjective ("les comités
# locaux, créés en vertu de la loi …") is not one.
_VERBS = (r"remplacée?s?|insérée?s?|ajoutée?s?|complétée?s?|supprimée?s?|abrogée?s?|"
          r"rédigée?s?|précédée?s?|rétablie?s?|créée?s?|modifiée?s?|substituée?s?|"
          r"renumérotée?s?")
MODIFYING_RE = re.compile(
    r"\b(?:est|sont|soit|soient|sera|seront|été|il est)\s+"
    r"(?:(?:ainsi|respectivement|également|alors|donc|en conséquence|désormais)\s+)*"
    rf"(?:{_VERBS})\b"
    r"|\bdevien(?:t|nent)\b", re.IGNORECASE)
# an amendment's imperative (in a bill, "D'abroger les dispositions …" lists what an
# ordinance may do: not an instruction)
IMPERATIVE_RE = re.compile(r"\b(?:remplacer|insérer|ajouter|compléter|supprimer|abroger|"
                           r"rédiger|substituer|rétablir)\b", re.IGNORECASE)

# ---------------------------------------------------------------------------
# Outcomes


@dataclass
class Outcome:
    """What the parser made of one item (or one sentence of a whole bill)."""

    status: str  # operations | chapeau | standalone | misclassified | not_read | exception
    code: str | None = None  # LD203, LD209…; None: no specific reason
    message: str | None = None
    sentence: str | None = None  # the sentence that failed, as the grammar saw it
    note: str | None = None  # "on_code", "straight quotes", "quoted text absent…"
    operations: int = 0
    rule: str | None = None  # the drafting rule behind a failure (coverage_forms.RULES)
    form: str | None = None  # the grouping key of a failure: the rule, else the stop
    state: str | None = None  # where the grammar stopped
    window: str | None = None  # the normalized words before the stop, then ⟪the word⟫
    expected: str | None = None  # what the grammar expected there

    @property
    def read(self) -> bool:
        return self.status in READ_STATUSES


READ_STATUSES = ("operations", "chapeau", "standalone")
MISSING_TEXT = "quoted text absent from the corpus"
SIBLINGS = "its antecedent named in the items before it in its article"
LEAD = "a location line of an amendment, read with the item after it"


def not_read(code: str | None, message: str | None, sentence: str | None,
             note: str | None = None) -> Outcome:
    return Outcome("not_read", code, message, sentence, note)


def name_failure(kind: str, text: str, outcome: Outcome) -> Outcome:
    """Give a failure its rule and form (see ``coverage_forms``)."""
    if outcome.read:
        return outcome
    if outcome.status == "exception":
        outcome.form = outcome.form or "exception"
        return outcome
    if outcome.status == "misclassified":
        outcome.form = f"misclassified standalone: « {(outcome.message or '').lower()} »"
        return outcome
    f = make_failure(kind, text, outcome.sentence, outcome.code, outcome.message, outcome.note)
    rule = rule_of(f)
    outcome.rule = rule.id if rule else None
    outcome.form = rule.id if rule else fallback_form(f)
    if f.stop is not None:
        outcome.state = f.stop.state
        outcome.window = f.stop.window
        outcome.expected = describe_expected(f.stop.expected)
    return outcome


# ---------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Record:
    index: int  # line of instructions.jsonl, from 0
    kind: str
    text: str
    context: tuple[str, ...]
    chapeau: bool
    follow: tuple[str, ...]
    article: str | None
    code: str | None
    law: str | None
    source: str
    step: str | None = None

    @property
    def follow_kind(self) -> str:
        """"none", "straight" (quoted alinéas opening with "), or "quoted"."""
        if not self.follow:
            return "none"
        return "straight" if self.follow[0].lstrip().startswith(('"', "“")) else "quoted"


def load_records(path: Path) -> list[Record]:
    out = []
    with path.open(encoding="utf-8") as f:
        for index, line in enumerate(f):
            if not line.strip():
                continue
            r = json.loads(line)
            context = tuple(c.strip() for c in (r.get("context") or "").split(" / ")
                            if c.strip())
            out.append(Record(index, r["kind"], r["text"], context, bool(r.get("chapeau")),
                              tuple(r.get("quoted_follow") or ()), r.get("article"),
                              r.get("code"), r.get("law"), r.get("source", ""),
                              r.get("step")))
    return out


# ---------------------------------------------------------------------------
# Reading one item


_UNIT_AFTER_RE = re.compile(r"\W+(?:\S+\W+){0,8}?(?:un|une|des|les?|la|l['’])\s*"
                            r"(?:article|chapitre|section|sous-section|titre|livre|paragraphe|"
                            r"alinéa|phrase|annexe)s?\b", re.IGNORECASE)


_SHARED_VERB_RE = re.compile(r"\b(?:" + "|".join(SHARED_VERBS) + r")\b", re.IGNORECASE)


def modifying_verb(text: str, imperative: bool = False) -> str | None:
    """The verb of modification of a sentence, outside its quotations (with
    ``imperative``, an amendment's imperative too). "créé" counts when a unit of text
    follows ("Il est créé un article L. 126-9"), not for a fund or a body ("Il est créé,
    à compter du …, un régime de retraite")."""
    prepared = prepare(text).text
    for m in MODIFYING_RE.finditer(prepared):
        if "créé" in m.group(0).lower() and not _UNIT_AFTER_RE.match(prepared, m.end()):
            continue
        if is_adaptation_at(prepared, m.start()):
            continue  # a later sentence of the item: « Pour l'application de …, les mots … »
        if _SHARED_VERB_RE.search(m.group(0)) and \
                not _text_subject_or_unknown(prepared, m.start()):
            # « La Collectivité européenne d'Alsace est substituée aux départements … », « Si
            # aucun comité n'a été créé …, les biens … sont transférés … »: a verb that also
            # says what happens to persons and property, whose subject (in its own sentence,
            # after a leading phrase) is plainly no unit of text (the parser's rule,
            # legidiff.bill.parse.is_instruction)
            continue
        return " ".join(m.group(0).split())
    found = IMPERATIVE_RE.search(prepared) if imperative else None
    return found.group(0) if found else None


def _errors(diagnostics: Iterable[Diagnostic], lines: set[int]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR and d.location is not None
            and d.location.line in lines]


def _announces_text(text: str) -> bool:
    return text.rstrip().endswith(":")


def classify_line(bill: Bill, line: int, text: str, quote_lines: set[int], follow: str,
                  has_children: bool, imperative: bool = False) -> Outcome:
    """The outcome of the sentence on ``line`` of a parsed bill. ``follow`` says what
    follows it in its source: "none" (the corpus item ends there), "lines" (more of the
    text), "quoted" alinéas or "straight"-quoted ones."""
    unrecognized = [u for u in bill.unrecognized if u.source.line == line]
    ops = [o for o in bill.operations if o.source.line == line]
    provisions = [p for p in bill.provisions if p.source.line == line]
    errors = _errors(bill.diagnostics, {line} | quote_lines)
    if unrecognized:
        u = unrecognized[0]
        if u.reason.startswith("le texte à écrire manque") and follow == "none" \
                and _announces_text(text):
            # the instruction is read; the text it announces is not in the corpus item
            return Outcome("operations", operations=1, note=MISSING_TEXT)
        code = next((d.code for d in errors if d.location and d.location.line == line
                     and d.code in ("LD203", "LD204", "LD209", "LD211")), None)
        return not_read(code, u.reason, u.source.text)
    others = [d for d in errors if d.code != "LD206"]
    if ops:
        if others and all(d.code == "LD207" for d in others) and follow == "none" \
                and _announces_text(text):
            return Outcome("operations", operations=len(ops), note=MISSING_TEXT)
        if others:
            d = others[0]
            note = None
            if d.code == "LD207" and follow == "straight":
                note = "its quoted alinéas open with straight quotes: not taken as its text"
            elif d.code == "LD207" and follow == "quoted":
                note = "its quoted alinéas were not taken as its text"
            elif d.code == "LD207" and follow == "lines":
                note = "the lines after it (not in « ») were not taken as its text"
            return not_read(d.code, d.message, text, note)
        return Outcome("operations", operations=len(ops))
    if provisions:
        if is_adaptation(prepare(provisions[0].source.text)):
            # « Pour l'application de …, les mots … sont remplacés … » outside quotations:
            # how a provision reads when applied, not an amendment of it (a standalone
            # provision of kind application; see legidiff.bill.parse._ADAPTATION_RE)
            return Outcome("standalone", note="adaptation clause")
        verb = modifying_verb(provisions[0].source.text, imperative)
        if verb is not None:
            return Outcome("misclassified", None, verb, provisions[0].source.text)
        return Outcome("standalone")
    if others:
        d = others[0]
        return not_read(d.code, d.message, text)
    # a chapeau, over its items (LD206 when it has none) or over the articles it announces
    # (« Le code de la route est modifié conformément aux articles 2, 3 et 4. », LD217)
    chapeau = any(d.code in ("LD206", "LD217") and d.location and d.location.line == line
                  for d in bill.diagnostics)
    if chapeau or has_children:
        return Outcome("chapeau")
    return not_read(None, None, text)


def _item_at(items: Iterable[BillItem], line: int) -> BillItem | None:
    for item in items:
        if item.line == line and item.text:
            return item
        found = _item_at(item.children, line)
        if found is not None:
            return found
    return None


def read_as_bill(lines: list[str], first: int, last: int, code: str | None, follow: str,
                 note: str | None = None, imperative: bool = False) -> Outcome:
    """Read ``lines`` (a whole small bill) and classify the sentences on lines
    ``first``..``last`` (1-based) together: the first failure decides."""
    bill_text = read_bill("\n".join(lines) + "\n", path="<coverage>")
    bill = parse_bill_text(bill_text, code=code)
    items = [it for article in bill_text.articles for it in article.items]
    outcomes = []
    for line in range(first, last + 1):
        item = _item_at(items, line)
        if item is None:
            continue
        quote_lines = set(item.quote.lines) if item.quote else set()
        outcomes.append(classify_line(bill, line, item.text, quote_lines,
                                      follow if line == last else "lines",
                                      bool(item.children), imperative))
    if not outcomes:
        return not_read(None, "the bill reader found no sentence on the item's line",
                        lines[first - 1] if first - 1 < len(lines) else None, note)
    out = combine(outcomes)
    if not out.read and note:
        out.note = f"{note}; {out.note}" if out.note else note
    return out


_PRECEDENCE = ["not_read", "misclassified", "operations", "chapeau", "standalone"]


def combine(outcomes: list[Outcome]) -> Outcome:
    """One outcome for several sentences: the first failure, else the strongest read."""
    best = min(outcomes, key=lambda o: _PRECEDENCE.index(o.status))
    if best.status == "operations":
        best.operations = sum(o.operations for o in outcomes)
    return best


def bill_lines(record: Record) -> tuple[list[str], int, int]:
    """The small bill a user would paste for a bill/law/decree item, and the lines of the
    item in it."""
    lines = [TITLE, "Article 1er", *record.context]
    first = len(lines) + 1
    lines.extend(record.text.split("\n"))
    last = len(lines)
    lines.extend(record.follow)
    return lines, first, last


_AMENDMENT_HEADER_RE = re.compile(
    r"^(?:L['’]amendement|Amendement|Par amendement|Ces\s+\w+\s+amendements\s)\b", re.IGNORECASE)
_ADDITIONAL_RE = re.compile(r"article additionnel ainsi rédigé\s*:\s*$", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?:l['’])?article\s+", re.IGNORECASE)
_ARTICLE_NUMBER_RE = re.compile(rf"(?:1er|\d+)(?:\s+(?:{ADVERB_PATTERN}|[A-Z]))*")


def amendment_article(record: Record) -> str | None:
    """The bill article an amendment is on: "Article 26" → "26", "article 1er" → "1er",
    "34 nonies"; None for an "article additionnel" (before or after another)."""
    candidates = [record.article or ""]
    for part in record.context:
        m = re.search(r"\((?P<a>[^()]*)\)|à l['’](?P<b>article .+)$", part)
        if m:
            candidates.append(m.group("a") or m.group("b") or "")
    for raw in candidates:
        text = raw.strip()
        if not text:
            continue
        if re.search(r"additionnel|^(?:après|avant)\b", text, re.IGNORECASE):
            return None
        text = re.sub(r"(?i)^premier\b", "1er", _ARTICLE_RE.sub("", text))
        if _ARTICLE_NUMBER_RE.fullmatch(text):
            return text
    return None


def read_amendment_record(record: Record) -> Outcome:
    body = [c for c in record.context if not _AMENDMENT_HEADER_RE.match(c)]
    text_lines = record.text.split("\n")
    if any(_ADDITIONAL_RE.search(c) for c in body):
        # the text of an article additionnel, quoted by its chapeau: a bill article
        article = ["Article 1er", *text_lines, *record.follow]
        return read_as_bill(article, 2, 1 + len(text_lines), record.code, record.follow_kind,
                            imperative=True)
    raw = [*body, *text_lines, *record.follow]
    lines = [(t, n) for n, t in enumerate(raw, 1) if t.strip()]
    number = next((m.group(1) for c in record.context
                   if (m := re.search(r"n°\s*(\S+)", c))), "")
    read = read_amendment(lines, article=amendment_article(record), bill_text="projet",
                          number=number.rstrip(","))
    if read.on_code:  # instructions on a code: read as a bill of one article, as amend does
        bill = ["Article 1er", *(t for t, _ in unquoted_article(lines))]
        return read_as_bill(bill, 2, len(bill), record.code, record.follow_kind,
                            note="on_code: read as code instructions", imperative=True)
    if read.unrecognized:
        u = read.unrecognized[0]
        if len(read.unrecognized) == 1 and u.reason.startswith("le texte à écrire manque") \
                and not record.follow and _announces_text(record.text):
            return Outcome("operations", operations=len(read.operations) + 1,
                           note=MISSING_TEXT)
        code = next((d.code for d in read.diagnostics if d.severity is Severity.ERROR
                     and d.message.endswith(u.reason)), None)
        return not_read(code, u.reason, u.source.text)
    errors = [d for d in read.diagnostics if d.severity is Severity.ERROR]
    if errors:
        if all(d.code == "LD207" for d in errors) and read.operations and not record.follow \
                and _announces_text(record.text):
            return Outcome("operations", operations=len(read.operations), note=MISSING_TEXT)
        return not_read(errors[0].code, errors[0].message,
                        read.pieces[0].sentence if read.pieces else record.text)
    if read.operations:
        return Outcome("operations", operations=len(read.operations))
    return not_read(None, "no operation and no diagnostic",
                    read.pieces[0].sentence if read.pieces else record.text)


# ---------------------------------------------------------------------------
# The sibling items of an item: « Le même chapitre Ier », « du même code » name a unit or
# a text named in an earlier item of the same article. The corpus keeps the items of
# one source in the order of the text (no item of a source ever comes before one it
# follows in the text: its item numbers never go back), but not always all of them (an
# item kept from another reading is missing): an item whose antecedent is not in its own
# lines is read again after the items before it in its article — only when those are
# there without a gap.

_LABEL_RE = re.compile(r"^(?:(?P<n>\d+)\s*°"
                       r"|(?P<r>[IVXLC]+)\s*(?:bis|ter|quater|[A-Z])*\s*\.?\s*[-–]"
                       r"|(?P<a>[a-z])\s*(?:bis|ter|quater)?\s*\))")


def _label_rank(text: str) -> tuple[str, int] | None:
    """The family and rank of an item's label: "3° bis" → ("n", 3), "II. -" → ("r", 2),
    "b)" → ("a", 2); None for an item without one of those labels."""
    m = _LABEL_RE.match(text.strip())
    if m is None:
        return None
    if m.group("n"):
        return "n", int(m.group("n"))
    if m.group("r"):
        value = roman_to_int(m.group("r"))
        return ("r", value) if value else None
    return "a", ord(m.group("a")) - ord("a") + 1


def siblings(records: list[Record], position: int) -> list[Record]:
    """The items before ``records[position]`` in its article (same source, reading,
    article and text), in the order of the text, from the last gap on: two items of one
    chapeau whose labels do not follow each other (« 5° » then « 7° ») mean one is
    missing here, and with it perhaps the antecedent."""
    record = records[position]
    if record.kind == "amendment" or record.article is None:
        return []
    key = (record.source, record.step, record.article, record.law)
    run: list[Record] = []
    index = position - 1
    while index >= 0 and (r := records[index]).kind != "amendment" and \
            (r.source, r.step, r.article, r.law) == key and r.index == records[index + 1].index - 1:
        run.insert(0, r)
        index -= 1
    chain = [*run, record]
    start = 0
    last_of: dict[tuple[str, ...], Record] = {}
    for i, r in enumerate(chain):
        before = last_of.get(r.context)
        if before is not None:
            a, b = _label_rank(before.text), _label_rank(r.text)
            if a and b and a[0] == b[0] and b[1] not in (a[1], a[1] + 1):
                start = i  # a gap: the items before it may not be all there
        last_of[r.context] = r
    return chain[start:-1]


def sibling_lines(record: Record, before: list[Record]) -> tuple[list[str], int, int]:
    """The small bill of :func:`bill_lines` with the items before ``record`` in its
    article first (each chapeau written once, as in the text)."""
    lines = [TITLE, "Article 1er"]
    open_: tuple[str, ...] = ()
    for r in [*before, record]:
        common = 0
        while common < min(len(open_), len(r.context)) and open_[common] == r.context[common]:
            common += 1
        lines.extend(r.context[common:])
        if r is record:
            first = len(lines) + 1
            lines.extend(r.text.split("\n"))
            last = len(lines)
        else:
            lines.extend(r.text.split("\n"))
        lines.extend(r.follow)
        open_ = (*r.context, r.text) if r.chapeau else r.context
    return lines, first, last


def next_line(records: list[Record], position: int) -> Record | None:
    """The item after an amendment's item when it is the next line of the same amendment
    (the same source, the next line of the corpus file), else None. The Senate prints the
    place of an article additionnel on a line of its own: « Après l'article 6 » /
    « Insérer un article additionnel ainsi rédigé : »."""
    record = records[position]
    if record.kind != "amendment" or position + 1 >= len(records):
        return None
    after = records[position + 1]
    if after.kind != "amendment" or after.source != record.source \
            or after.index != record.index + 1:
        return None
    return after


def read_record(record: Record, before: list[Record] | None = None,
                after: Record | None = None) -> Outcome:
    """The outcome of one corpus item, named; a crash of the parser is an outcome too.
    An item whose « même … » has no antecedent in its own lines is read again after the
    items before it in its article (``before``, see :func:`siblings`). An amendment's
    location line alone (« Après l'article 6 ») is read with the item after it (``after``,
    see :func:`next_line`), as the amendment reader joins them."""
    try:
        if record.kind == "amendment":
            outcome = read_amendment_record(record)
            if not outcome.read and after is not None and is_location_line(record.text):
                joined = replace(record, text=f"{record.text}\n{after.text}",
                                 follow=after.follow)
                again = read_amendment_record(joined)
                if again.read:
                    outcome = Outcome("chapeau", note=LEAD)
        else:
            lines, first, last = bill_lines(record)
            outcome = read_as_bill(lines, first, last, record.code, record.follow_kind)
            if outcome.code == "LD209" and before:
                lines, first, last = sibling_lines(record, before)
                again = read_as_bill(lines, first, last, record.code, record.follow_kind)
                if again.read:
                    again.note = SIBLINGS
                outcome = again
        return name_failure(record.kind, record.text, outcome)
    except Exception as e:  # a crash is measured, never hidden
        frame = traceback.extract_tb(e.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return Outcome("exception", None, f"{type(e).__name__}: {e}", record.text,
                       form=f"exception {type(e).__name__} at {where}")


# ---------------------------------------------------------------------------
# Whole bills

_STRAIGHT = ('"', "“")


@dataclass
class TextCount:
    name: str
    sentences: int = 0
    quoted_lines: int = 0  # lines of quoted text opening with " read as sentences
    statuses: Counter[str] = field(default_factory=Counter)


def _walk_items(items: Iterable[BillItem]) -> Iterator[BillItem]:
    for item in items:
        yield item
        yield from _walk_items(item.children)


def read_whole_bill(path: Path) -> tuple[TextCount, list[tuple[Record, Outcome]]]:
    """Every sentence of a whole bill, read as it is. The lines of quoted text that open
    with a straight quote (La Fabrique) are not sentences of the bill: the reader takes
    them for sentences, they are counted apart (and the instruction they belong to fails
    with LD207)."""
    text = path.read_text("utf-8")
    bill_text = read_bill(text, path=path.name)
    bill = parse_bill_text(bill_text)
    count = TextCount(path.name)
    out = []
    for article in bill_text.articles:
        for item in _walk_items(article.items):
            if not item.text.strip():
                continue
            if item.text.lstrip().startswith(_STRAIGHT):
                count.quoted_lines += 1
                continue
            straight = any(c.text.lstrip().startswith(_STRAIGHT) for c in item.children)
            follow = "quoted" if item.quote else "straight" if straight else "lines"
            quote_lines = set(item.quote.lines) if item.quote else set()
            children = any(not c.text.lstrip().startswith(_STRAIGHT) for c in item.children)
            try:
                outcome = name_failure("bill", item.text, classify_line(
                    bill, item.line, item.text, quote_lines, follow, children))
            except Exception as e:  # a crash is measured, never hidden
                outcome = Outcome("exception", None, f"{type(e).__name__}: {e}", item.text,
                                  form=f"exception {type(e).__name__}")
            count.sentences += 1
            count.statuses[outcome.status] += 1
            record = Record(item.line, "bill", item.text, (), item.is_chapeau, (), None, None,
                            path.name, f"{path.name}:{item.line}")
            out.append((record, outcome))
    return count, out


# ---------------------------------------------------------------------------
# Report


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f} %" if total else "   — "


def _clip(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


_TITLES = {rule.id: rule.title for rule in RULES}


@dataclass
class Group:
    form: str
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    windows: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return _TITLES.get(self.form)


def group_failures(pairs: Iterable[tuple[Record, Outcome]], examples: int) -> list[Group]:
    groups: dict[str, Group] = {}
    for record, outcome in pairs:
        if outcome.read:
            continue
        key = outcome.form or "?"
        g = groups.setdefault(key, Group(key))
        g.count += 1
        g.kinds[record.kind] += 1
        if outcome.window:
            g.windows[outcome.window] += 1
        if outcome.state:
            g.states[outcome.state] += 1
        if len(g.examples) < examples:
            g.examples.append({"index": record.index, "kind": record.kind,
                               "source": record.source, "text": record.text,
                               "context": list(record.context), "sentence": outcome.sentence,
                               "code": outcome.code, "message": outcome.message,
                               "note": outcome.note, "window": outcome.window,
                               "expected": outcome.expected})
    return sorted(groups.values(), key=lambda g: (-g.count, g.form))


def print_groups(groups: list[Group], top: int, examples: int, total: int) -> None:
    for rank, g in enumerate(groups[:top], 1):
        kinds = ", ".join(f"{k} {n}" for k, n in g.kinds.most_common())
        print(f"\n{rank:2}. [{g.count}, {_pct(g.count, total).strip()}] {g.form}   ({kinds})")
        if g.title:
            print(f"    {g.title}")
        if g.windows:
            shown = "; ".join(f"{w} ({n}×)" for w, n in g.windows.most_common(3))
            print(f"    stops at: {shown}")
        for ex in g.examples[:examples]:
            print(f"    e.g. #{ex['index']} ({ex['kind']}): {_clip(ex['text'])}")
            if ex["sentence"] and " ".join(ex["sentence"].split()) != " ".join(
                    ex["text"].split()):
                print(f"         sentence read: {_clip(ex['sentence'])}")
            if ex["message"]:
                code = f"[{ex['code']}] " if ex["code"] else ""
                print(f"         says: {code}{_clip(ex['message'], 160)}")
            if ex["expected"]:
                print(f"         expected: {ex['expected']}")
            if ex["note"]:
                print(f"         note: {ex['note']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                    help="the corpus folder (default: ../shared/corpus beside the repository)")
    ap.add_argument("--kind", choices=KINDS, help="only the items of this kind")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every outcome and form")
    ap.add_argument("--examples", type=int, default=1, metavar="N",
                    help="examples shown per form (default 1)")
    ap.add_argument("--top", type=int, default=20, metavar="N",
                    help="forms shown (default 20)")
    ap.add_argument("--limit", type=int, metavar="N",
                    help="only the first N items, and no whole bill (a quick sample)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="every item not read, and the forms of the whole bills")
    args = ap.parse_args(argv)

    instructions = args.corpus / "instructions" / "instructions.jsonl"
    if not instructions.is_file():
        print(f"coverage: {instructions} is absent: the corpus is read in place, never "
              "copied (--corpus PATH names it)", file=sys.stderr)
        return 2
    records = load_records(instructions)
    if args.kind:
        records = [r for r in records if r.kind == args.kind]
    if args.limit:
        records = records[:args.limit]

    started = time.perf_counter()
    results = [(r, read_record(r, siblings(records, i), next_line(records, i)))
               for i, r in enumerate(records)]
    elapsed = time.perf_counter() - started

    texts_dir = args.corpus / "instructions" / "texts"
    texts: list[TextCount] = []
    text_results: list[tuple[Record, Outcome]] = []
    if texts_dir.is_dir() and args.kind in (None, "bill") and not args.limit:
        for path in sorted(texts_dir.glob("*.txt")):
            count, outcomes = read_whole_bill(path)
            texts.append(count)
            text_results.extend(outcomes)

    n_examples = max(args.examples, 5)
    groups = group_failures(results, n_examples)
    text_groups = group_failures(text_results, n_examples)
    not_read_items = [o for _, o in results if not o.read]
    exceptions = [(r, o) for r, o in (*results, *text_results) if o.status == "exception"]

    # --- the forms not read -------------------------------------------------------------
    print(f"Forms not read in the corpus items: the top {min(args.top, len(groups))} of "
          f"{len(groups)}, with {args.examples} example(s) each (share of the items not read)")
    print_groups(groups, args.top, args.examples, len(not_read_items))
    if text_groups:
        top = args.top if args.verbose else 10
        n_text = sum(g.count for g in text_groups)
        print(f"\nForms not read in the whole bills: the top {min(top, len(text_groups))} of "
              f"{len(text_groups)}")
        print_groups(text_groups, top, args.examples if args.verbose else 1, n_text)
    if args.verbose:
        print("\nEvery item not read:")
        for r, o in results:
            if not o.read:
                print(f"  #{r.index} {r.kind} [{o.form}] {_clip(r.text, 160)}")

    print(f"\nExceptions (crashes of the parser): {len(exceptions)}")
    for r, o in exceptions[:20]:
        print(f"  #{r.index} {r.kind} ({r.source}): {o.message}  [{o.form}]\n"
              f"     {_clip(r.text, 160)}")

    # --- the figures, last --------------------------------------------------------------
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for r, o in results:
        by_kind[r.kind][o.status] += 1
        by_kind["all"][o.status] += 1
    print(f"\nFigures: {len(results)} corpus items read in {elapsed:.1f} s "
          f"(corpus {args.corpus})")
    print(f"{'kind':<10} {'items':>6} {'read':>8}   {'operations':>10} {'chapeau':>8} "
          f"{'standalone':>10}   {'not read':>8} {'misclass.':>9} {'exception':>9}")
    for kind in (*KINDS, "all"):
        c = by_kind.get(kind)
        if not c:
            continue
        total = sum(c.values())
        read = sum(c[s] for s in READ_STATUSES)
        print(f"{kind:<10} {total:>6} {_pct(read, total):>8}   {c['operations']:>10} "
              f"{c['chapeau']:>8} {c['standalone']:>10}   {c['not_read']:>8} "
              f"{c['misclassified']:>9} {c['exception']:>9}")
    total = len(results)
    specific = sum(1 for o in not_read_items if o.code is not None)
    named = sum(1 for o in not_read_items if o.rule is not None)
    print(f"read: {total - len(not_read_items)} / {total} = "
          f"{_pct(total - len(not_read_items), total).strip()}")
    misclassified = sum(o.status == "misclassified" for o in not_read_items)
    unexplained = sum(o.status == "not_read" and o.code is None for o in not_read_items)
    crashed = sum(o.status == "exception" for o in not_read_items)
    print(f"not read: {len(not_read_items)} — with a specific reason (LD2xx and its message): "
          f"{specific} = {_pct(specific, len(not_read_items)).strip()}; misclassified "
          f"standalone: {misclassified}; no specific reason: {unexplained}; exceptions: "
          f"{crashed}")
    print(f"forms not read: {len(groups)}; the top {args.top} hold "
          f"{_pct(sum(g.count for g in groups[:args.top]), len(not_read_items)).strip()} of "
          f"the items not read; a drafting rule names "
          f"{_pct(named, len(not_read_items)).strip()} of them")
    missing = sum(1 for _, o in results if o.note == MISSING_TEXT)
    print(f"read although the text they announce is absent from the corpus: {missing}")
    after = sum(1 for _, o in results if o.note == SIBLINGS)
    print(f"read with the items before them in their article (« même … » named there): "
          f"{after}")
    if texts:
        statuses: Counter[str] = Counter()
        for t in texts:
            statuses.update(t.statuses)
        total_s = sum(t.sentences for t in texts)
        read_s = sum(statuses[s] for s in READ_STATUSES)
        print(f"whole bills ({len(texts)} texts): {read_s} / {total_s} sentences read = "
              f"{_pct(read_s, total_s).strip()} (operations {statuses['operations']}, chapeau "
              f"{statuses['chapeau']}, standalone {statuses['standalone']}; not read "
              f"{statuses['not_read']}, misclassified {statuses['misclassified']}, exceptions "
              f"{statuses['exception']}); lines of quoted text in straight quotes read as "
              f"sentences, not counted: {sum(t.quoted_lines for t in texts)}")
        for t in texts:
            read_t = sum(t.statuses[s] for s in READ_STATUSES)
            print(f"  {t.name:<58} {read_t:>5} / {t.sentences:<5} {_pct(read_t, t.sentences)}")

    if args.json:
        payload = {
            "format": "legidiff-coverage", "version": 1, "corpus": str(args.corpus),
            "items": total, "by_kind": {k: dict(v) for k, v in by_kind.items()},
            "rules": [{"id": r.id, "title": r.title} for r in RULES],
            "forms": [{"form": g.form, "title": g.title, "count": g.count,
                       "kinds": dict(g.kinds), "states": dict(g.states),
                       "windows": g.windows.most_common(10), "examples": g.examples}
                      for g in groups],
            "outcomes": [{"index": r.index, "kind": r.kind, "text": r.text,
                          "context": list(r.context), **asdict(o)} for r, o in results],
            "texts": [{"name": t.name, "sentences": t.sentences,
                       "quoted_lines": t.quoted_lines, "statuses": dict(t.statuses)}
                      for t in texts],
            "text_forms": [{"form": g.form, "title": g.title, "count": g.count,
                            "examples": g.examples} for g in text_groups],
            "text_outcomes": [{"source": r.source, "text": r.text, **asdict(o)}
                              for r, o in text_results if not o.read],
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n",
                             "utf-8")
        print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
