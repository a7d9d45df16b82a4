"""Parliamentary amendments to a bill: from their text to operations on the bill.

An amendment addresses the bill's alinéas in the imperative (DOMAIN.md §3), and debate
transcripts put the quoted words on lines of their own::

    Alinéa 4, première phrase
    Après le mot :
    renseignement
    insérer les mots :
    et les services mentionnés à l'article L. 811-4 …

The lines are first turned into the sentences the grammar reads ("À la première phrase
de l'alinéa 4, après le mot : « renseignement », insérer les mots : « … »"), the text an
amendment writes ("ainsi rédigé :", "suivant :") becoming the quoted block; then the same
grammar and operation builder as for bills apply, in the context of the bill article the
amendment is on ("cet article"). An amendment that is itself a code instruction (an
"article additionnel" written in the indicative) is read as a bill.

Problems are reported with stable codes: LD202 a quoted text whose closing » is missing
(the quotation ends with the amendment: recovered), LD203 a sentence not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legidiff.bill.build import Context, ContextError, build_operations
from legidiff.bill.operations import Operation, Source, Unrecognized
from legidiff.bill.parse import parse_bill
from legidiff.bill.sentence import SentenceError, parse_sentence, prepare
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import Step, StepKind
from legidiff.lang.numbering import article_key
from legidiff.lang.vocabulary import IMPERATIVES, WORD_NOUN_PATTERN
from legidiff.parliament.debate import Amendment

_ORDINAL = r"(?:premi[eè]re|seconde|deuxième|troisième|quatrième|cinquième|sixième|septième|" \
           r"huitième|neuvième|dixième|dernière|avant-dernière|[a-zé-]+ième)"
_LOCATION_RE = re.compile(
    rf"^alinéas?\s+(?P<nums>\d+(?:\s*(?:,|et|à)\s*\d+)*)"
    rf"(?:\s*,\s*(?P<phrase>{_ORDINAL}(?:\s+(?:et|à)\s+{_ORDINAL})?)\s+phrases?)?\s*\.?$",
    re.IGNORECASE)
_ANCHOR_LINE_RE = re.compile(r"^(?:après|avant)\s+l['’](?:alinéa|article)\s+[^:«»]+?\s*$",
                             re.IGNORECASE)
_IMPERATIVE_RE = re.compile(r"\b(?:" + "|".join(p for p, _ in IMPERATIVES.values()) + r")\b",
                            re.IGNORECASE)
_WORDS_LINE_RE = re.compile(
    r"^(?:par\s+)?(?:après|avant\s+)?(?:les?|la|l['’]|aux?|à\s+la|à\s+l['’])?\s*"
    rf"{WORD_NOUN_PATTERN}\s*:?\s*$",
    re.IGNORECASE)
# the instruction ends where quoted words are announced ("… les mots :", "Après le mot :")
_EXPECTS_WORDS_RE = re.compile(
    rf"(?:\b(?:les?|la|l['’]|aux?|à\s+la|à\s+l['’])\s*{WORD_NOUN_PATTERN})\s*:?\s*$",
    re.IGNORECASE)
# … or where a text is announced ("ainsi rédigé :", "l'alinéa suivant :")
_EXPECTS_TEXT_RE = re.compile(r"(?:ainsi\s+rédigée?s?|ainsi\s+libellée?s?|suivante?s?|"
                              r"comme\s+suit)\s*:?\s*$|^rédiger\s+ainsi\b.*:\s*$",
                              re.IGNORECASE)
# a part of an amendment ("I. – …") and the connector of its later parts
_PART_RE = re.compile(r"^[IVXLC]+\.\s*[–—-]\s*(?:en\s+conséquence,\s*)?", re.IGNORECASE)
_NOUVEAU_RE = re.compile(r"\s*\((?:nouveau|supprimé|non modifié)\)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of an amendment, as the grammar reads it, and the text it writes."""

    sentence: str
    block: tuple[str, ...] | None
    line: int


@dataclass(frozen=True, slots=True)
class ReadAmendment:
    operations: tuple[Operation, ...]
    unrecognized: tuple[Unrecognized, ...]
    diagnostics: tuple[Diagnostic, ...]
    pieces: tuple[Piece, ...]
    on_code: bool = False  # a code instruction in the indicative, not an edit of the bill


def _unquote(text: str) -> tuple[str, bool]:
    """The words of a line quoted with « », "…" or “…”; and whether a closing mark is
    missing."""
    t = text.strip()
    for opening, closing in (("«", "»"), ('"', '"'), ("“", "”")):
        if t.startswith(opening):
            inner = t[len(opening):]
            stripped = inner.rstrip(" ;.")
            if stripped.endswith(closing):
                return stripped[:-len(closing)].strip(), False
            return inner.strip(), True
    return t, False


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _lead(line: str) -> str | None:
    """A location line turned into a lead: "Alinéa 5, première phrase" → "À la première
    phrase de l'alinéa 5"; "Après l'alinéa 6" as it is."""
    line = _NOUVEAU_RE.sub("", line).strip()
    m = _LOCATION_RE.match(line)
    if m:
        nums = " ".join(m.group("nums").split())
        plural = bool(re.search(r"\D", nums))
        alinea = f"des alinéas {nums}" if plural else f"de l'alinéa {nums}"
        if m.group("phrase"):
            phrase = m.group("phrase").lower()
            several = " et " in phrase or " à " in phrase
            return f"{'Aux' if several else 'À la'} {phrase} phrase{'s' if several else ''} " \
                   f"{alinea}"
        return f"Aux alinéas {nums}" if plural else f"À l'alinéa {nums}"
    if _ANCHOR_LINE_RE.match(line):
        return line.rstrip(" .,")
    return None


def split_pieces(lines: list[tuple[str, int]], path: str = "<amendement>",
                 number: str = "") -> tuple[list[Piece], list[Diagnostic]]:
    """The sentences of an amendment (see the module documentation)."""
    pieces: list[Piece] = []
    diagnostics: list[Diagnostic] = []
    who = f"amendement n° {number}" if number else "amendement"
    lines = [(t.strip(), n) for t, n in lines if t.strip()]
    current = ""
    start = lines[0][1] if lines else 0
    i = 0

    def missing(n: int, text: str) -> None:
        diagnostics.append(Diagnostic(
            "LD202", Severity.WARNING, f"{who} : le » fermant manque ; la citation finit avec "
            "l'amendement", Location(path, n), text[:120]))

    while i < len(lines):
        text, n = lines[i]
        part = _PART_RE.match(text)
        if part:  # "I. – …", "II. – En conséquence, …": a new part of the amendment
            if current:
                pieces.append(Piece(current, None, start))
                current = ""
            text = text[part.end():]
            if not text:
                i += 1
                continue
        lead = _lead(text)
        if lead is not None and not current:
            current, start = lead, n
            i += 1
            continue
        if lead is not None:  # a new location: the sentence before is complete
            pieces.append(Piece(current, None, start))
            current, start = lead, n
            i += 1
            continue
        if not current:
            start = n
        if not current:
            current = text
        elif current.endswith("»") and (re.match(r"par\b", text, re.IGNORECASE)
                                        or _WORDS_LINE_RE.match(text)):
            current = f"{current} {_lower_first(text)}"  # "… « X » par les mots :"
        elif current.endswith(":"):
            current = f"{current} {text}"
        else:
            current = f"{current}, {_lower_first(text)}"
        i += 1
        if _EXPECTS_WORDS_RE.search(current) and i < len(lines):
            words, open_end = _unquote(lines[i][0])
            if open_end:
                missing(lines[i][1], lines[i][0])
            current = f"{current.rstrip(' :')} : « {words} »"
            i += 1
            continue
        if _EXPECTS_TEXT_RE.search(current):
            block = [t for t, _ in lines[i:]]
            if block:
                block, open_end = _block(block)
                if open_end:
                    missing(lines[i][1], lines[i][0])
            pieces.append(Piece(current, tuple(block), start))
            current = ""
            i = len(lines)
            continue
    if current:
        pieces.append(Piece(current, None, start))
    return pieces, diagnostics


def _block(lines: list[str]) -> tuple[list[str], bool]:
    """The alinéas an amendment writes, without its quotation marks (a first line opening
    with « or " closes on the last one), and whether the closing mark is missing."""
    first = lines[0].lstrip()
    for opening, closing in (("«", "»"), ('"', '"'), ("“", "”")):
        if first.startswith(opening):
            out = [line.strip() for line in lines]
            out[0] = out[0][len(opening):].lstrip()
            last = out[-1].rstrip(" ;.")
            closed = last.endswith(closing)
            if closed:  # the final punctuation inside the quotation is the text's own
                out[-1] = last[:-len(closing)].rstrip()
            # the following lines of a multi-line quotation open with « too
            return [out[0], *(line[len(opening):].lstrip() if line.startswith(opening) else line
                              for line in out[1:])], not closed
    return [line.strip() for line in lines], False


def read_amendment(lines: list[tuple[str, int]], *, article: str | None, bill_text: str,
                   number: str = "", path: str = "<amendement>") -> ReadAmendment:
    """The operations of an amendment on the bill article ``article`` (the bill's text
    slug is ``bill_text``)."""
    who = f"amendement n° {number}" if number else "amendement"
    content = [t for t, _ in lines if t.strip()]
    first = content[0] if content else ""
    if content and _lead(first) is None and not _IMPERATIVE_RE.search(first.split(",")[0] +
                                                                       " " + first):
        return _as_bill(lines, who, path)
    pieces, diagnostics = split_pieces(lines, path, number)
    steps = (Step(StepKind.ARTICLE, article_key(article)),) if article else ()
    last = {StepKind.ARTICLE: steps[0]} if steps else {}
    context = Context(bill_text, bill_text, steps, dict(last), bill_text)
    operations: list[Operation] = []
    unrecognized: list[Unrecognized] = []
    for piece in pieces:
        source = Source(None, who, piece.line, 1, piece.sentence)
        prepared = prepare(piece.sentence)
        try:
            sentence = parse_sentence(prepared)
            built = build_operations(sentence, prepared, context, source, piece.block, (), path)
        except (SentenceError, ContextError) as e:
            diagnostics.append(Diagnostic(e.code, Severity.ERROR, f"{who} : {e.message}",
                                          Location(path, piece.line), piece.sentence))
            unrecognized.append(Unrecognized(source, e.message, True, bill_text))
            continue
        operations.extend(built.operations)
        diagnostics.extend(built.diagnostics)
    return ReadAmendment(tuple(operations), tuple(unrecognized), tuple(diagnostics),
                         tuple(pieces))


def _as_bill(lines: list[tuple[str, int]], who: str, path: str) -> ReadAmendment:
    """An amendment written as instructions on a code ("L'article L. 227-2 du code … est
    ainsi modifié : …"): read as a bill of one article."""
    text = "Article 1er\n" + "\n".join(t for t, _ in lines) + "\n"
    bill = parse_bill(text, title=who, path=path)
    return ReadAmendment(bill.operations, bill.unrecognized, bill.diagnostics, (),
                         on_code=True)


_FILE_HEAD_RE = re.compile(r"^(?:AMENDEMENT|Amendement)\s+n[°o]\s*(?P<num>(?:COM-|CL)?\d+"
                           r"(?:\s+rect\.(?:\s+(?:bis|ter))?)?)\b")
_FILE_ARTICLE_RE = re.compile(r"^(?:ARTICLE|Article)\s+(?P<num>\d+(?:\s+(?:bis|ter|quater|"
                              r"[A-Z]))*)\s*(?:\(.*\))?\s*$")
_FILE_AUTHORS_RE = re.compile(r"^présenté\s+par\s+(?P<authors>.+?)\.?$", re.IGNORECASE)


def is_transcript(text: str) -> bool:
    """Whether a text is a debate transcript rather than a bill or amendments file."""
    return bool(re.search(r"est ainsi libellé|^M\. le président\.", text, re.MULTILINE))


def read_amendments_file(text: str, path: str = "<amendements>") -> tuple[Amendment, ...]:
    """Amendments written one after the other, each opening with its number, then
    optionally "présenté par …", then the bill article ("Article 11"), then its text::

        Amendement n° 90
        présenté par le Gouvernement
        Article 11
        Alinéa 4, première phrase
        …
    """
    out: list[Amendment] = []
    number: str | None = None
    authors = ""
    article: str | None = None
    lines: list[tuple[str, int]] = []
    start = 0

    def flush() -> None:
        if number is not None:
            out.append(Amendment(number, authors, None, article, tuple(lines), start))

    for n, raw in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        head = _FILE_HEAD_RE.match(line)
        if head:
            flush()
            number, authors, article, lines, start = head.group("num"), "", None, [], n
            continue
        if number is None:
            continue
        by = _FILE_AUTHORS_RE.match(line)
        if by and not lines and not authors:
            authors = by.group("authors")
            continue
        target = _FILE_ARTICLE_RE.match(line)
        if target and not lines and article is None:
            article = " ".join(target.group("num").split())
            continue
        lines.append((line, n))
    flush()
    return tuple(out)
