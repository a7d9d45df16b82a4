"""Plain article blocks, as bills write articles::

    Chapitre VII
    Fermeture de lieux de culte
    Art. L. 227-1. – Aux seules fins de prévenir …
    II. – Second alinéa …
    Art. L. 227-2. – …

An ``Art. N. –`` line starts an article, the rest of the line is its first alinéa, and
every following non-empty line is an alinéa. A division heading ("Chapitre VII",
"Section 2 : Intitulé") starts a division; a line right after a heading without title
is its title. Text copied from a bill may keep its quotation marks: when every line
opens with « they are removed, with the closing » of the last line. A first line that
is not an article nor a heading names the code ("Code de la sécurité intérieure").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from legidiff.diagnostics import Diagnostic, InputError, Location, warning
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Node,
    parse_heading,
)
from legidiff.lang.numbering import article_bill_form
from legidiff.lang.text import has_markup
from legidiff.lang.vocabulary import ADVERB_PATTERN

FORMAT = "blocks"
_DASH = "-‐‑‒–—―"
# possessive runs of spaces (\s*+): a long run of spaces is read once, never split two
# ways (a line of 20,000 non-breaking spaces took seconds)
# suffixes as the code général des impôts writes them: "46 quaterdecies BA", "46 AGA",
# "235 ter ZE bis", "1649 quater-0 B bis" (one to three capitals, an adverb, each may take
# "-0"), as the instructions' grammar reads them
# (possessive runs of spaces: "Art. L" then 20,000 spaces was split two ways, 3 s)
_NUM = (r"(?:L\.\s*+O\.|L\.\s*+P\.|(?:\*{1,2}+\s*+)?[LRDA]\.?\s*+\*{0,2}+\s*+)?"
        r"\d+(?:-\d+)*(?:\s*+(?:er|re))?"
        rf"(?:\s++(?:{ADVERB_PATTERN}|[A-Z]{{1,3}})(?:-\d+)?\b)*")
_HEADER_RE = re.compile(
    rf"^Art(?:icle)?\.?\s+(?P<num>{_NUM})\s*+(?:\.\s*+)?[{_DASH}]\s*(?P<rest>.*)$")
_BARE_HEADER_RE = re.compile(rf"^Article\s+(?P<num>{_NUM})\s*\.?$")
# Articles without a number ("Art. Annexe Tableau. – …"): up to the first ". –"; the
# abbreviation "art." may be part of it ("Annexe I à l'art. R434-35 (1)", code de la
# sécurité sociale; "ANNEXE, art. 1", code de procédure civile)
_WORD_HEADER_RE = re.compile(
    rf"^Art\.\s+(?P<num>[^\d\s](?:(?:[^.]|(?<=[Aa]rt)\.)*[^.\s])?)\s*+\.\s*+[{_DASH}]\s+"
    r"(?P<rest>.*)$")
_CLOSING_QUOTE_RE = re.compile(r"»\s*+[.;]?$")
_HEADING_LINE_RE = re.compile(
    r"^(?:sous-paragraphe|sous-section|paragraphe|section|chapitre|titre|livre|partie)\s+\S+"
    rf"(?:\s+(?:{ADVERB_PATTERN}|[A-Z]))?\s*(?:[:.–-]\s*.*)?$|^\S+\s+partie\b.*$"
    r"|^partie\s+\S+.*$", re.IGNORECASE)


def heading_of(line: str) -> Division | None:
    """The division a line of quoted text opens ("Chapitre II", "Deuxième partie : …"),
    as ``read`` takes it; None for a line it takes as text ("Annexe II": no kind of
    division this reader opens)."""
    return parse_heading(line) if _HEADING_LINE_RE.match(line) else None


def looks_like(text: str) -> bool:
    for line in text.splitlines()[:200]:
        line = line.strip().lstrip("«").strip()
        if _HEADER_RE.match(line):
            return True
    return False


@dataclass
class _Open:
    division: Division | None
    children: list[Node] = field(default_factory=list)


def read(text: str, path: Path, diagnostics: list[Diagnostic]) -> Code:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    numbered = [(i + 1, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if numbered and all(line.startswith("«") for _, line in numbered):
        numbered = [(n, line[1:].strip()) for n, line in numbered]
        last_n, last = numbered[-1]
        close = _CLOSING_QUOTE_RE.search(last)  # the final » (and . or ;), and the spaces
        if close is not None:  # before it: found from the », linear in runs of spaces
            last = last[:close.start()].rstrip()
        numbered[-1] = (last_n, last)
    title: str | None = None
    stack: list[_Open] = [_Open(None)]
    article: tuple[str, list[Alinea]] | None = None
    awaiting_title = False

    def flush() -> None:
        nonlocal article
        if article is not None:
            stack[-1].children.append(Article(article[0], tuple(article[1])))
            article = None

    def close_division() -> None:
        done = stack.pop()
        assert done.division is not None
        d = done.division
        stack[-1].children.append(Division(d.kind, d.number, d.title, d.heading,
                                           tuple(done.children)))

    seen_content = False
    for n, line in numbered:
        m = _HEADER_RE.match(line) or _BARE_HEADER_RE.match(line) or _WORD_HEADER_RE.match(line)
        if m:
            flush()
            awaiting_title = False
            rest = m.groupdict().get("rest") or ""
            article = (" ".join(m.group("num").split()), [])
            if rest:
                article[1].append(Alinea(rest, markup=has_markup(rest)))
            seen_content = True
            continue
        heading = heading_of(line)
        if heading is not None:
            flush()
            # a division closes the open ones of the same or a lower rank
            while len(stack) > 1 and _rank(stack[-1].division) >= _rank(heading):
                close_division()
            stack.append(_Open(heading))
            awaiting_title = heading.title is None
            seen_content = True
            continue
        if awaiting_title and article is None:
            d = stack[-1].division
            assert d is not None
            stack[-1].division = Division(d.kind, d.number, line, f"{d.heading} : {line}")
            awaiting_title = False
            continue
        if article is None:
            if not seen_content and title is None:
                title = line
                continue
            raise InputError("LD115", "texte hors de tout article : un en-tête « Art. N. – » "
                             "est attendu avant", Location(str(path), n), line[:80])
        article[1].append(Alinea(line, markup=has_markup(line)))
    flush()
    while len(stack) > 1:
        close_division()
    if not any(True for _ in Code(None, tuple(stack[0].children)).articles()):
        diagnostics.append(warning("LD104", "aucun article « Art. N. – » trouvé",
                                   Location(str(path))))
    return Code(title, tuple(stack[0].children), source_format=FORMAT)


def _rank(division: Division | None) -> int:
    if division is None:
        return -1
    return list(DivisionKind).index(division.kind)


def write(code: Code) -> str:
    out: list[str] = []
    if code.title:
        out.append(code.title + "\n\n")

    def emit(nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Article):
                head = f"Art. {article_bill_form(node.num)}. –"
                texts = [_one_line(a) for a in node.alineas]
                if texts:
                    out.append(f"{head} {texts[0]}\n")
                    out.extend(t + "\n" for t in texts[1:])
                else:
                    out.append(head + "\n")
                out.append("\n")
            else:
                out.append(" ".join(node.heading.split()) + "\n\n")
                emit(node.children)

    emit(code.children)
    return "".join(out).rstrip("\n") + "\n"


def _one_line(alinea: Alinea) -> str:
    return " ".join(alinea.text.split()) if "\n" in alinea.text else alinea.text
