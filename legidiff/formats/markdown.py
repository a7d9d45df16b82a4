"""Archéo Lex Markdown: one file per code.

What Archéo Lex writes (``doc/format.md`` of Archéo Lex), and what this reader accepts:

* ``#`` headings of any depth (more than six occur) for divisions and for articles
  ("Article L852-3", one level below their division, or, in older files, at the same
  level); an optional first heading naming the code ("# Code de la sécurité
  intérieure"), or an old-style title line before the first heading.
* one alinéa per non-empty line, paragraphs separated by blank lines; a table is HTML
  spread over several lines (``<table>`` … ``</table>``) and is one alinéa; a line with
  HTML is cut into alinéas at ``<br/>`` and block tags (``legidiff.lang.text.split_html``).

Reading then writing gives the file back byte for byte: whatever departs from the
default spelling (blank lines, heading markers, CRLF, text before the first heading)
is kept in the nodes' :class:`~legidiff.document.model.Layout`.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field, replace
from pathlib import Path

from legidiff.diagnostics import Diagnostic, InputError, Location, warning
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Layout,
    Node,
    parse_heading,
)
from legidiff.lang.text import has_markup, merge_invisible, split_html

FORMAT = "markdown"
_HEADING_RE = re.compile(r"^(#+[ \t]+)(.*)$")
_ARTICLE_RE = re.compile(r"^Article\s")
_TABLE_OPEN_RE = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE_RE = re.compile(r"</table\s*>", re.IGNORECASE)
DEFAULT_SEP = "\n\n"


@dataclass(slots=True)
class _Element:
    kind: str  # "heading" | "text"
    text: str
    before: str | None  # separator from the previous element; None for the first one
    line: int
    marker: str = ""
    level: int = 0


@dataclass
class _Builder:
    division: Division | None
    level: int
    children: list[Node] = field(default_factory=list)


def looks_like(text: str) -> bool:
    """Whether a text looks like Archéo Lex Markdown: it has ``#`` headings."""
    return re.search(r"^#+[ \t]+\S", text, re.MULTILINE) is not None


def read(text: str, path: Path, diagnostics: list[Diagnostic]) -> Code:
    """Read an Archéo Lex Markdown text (see the module documentation)."""
    newline = None
    if "\r\n" in text and text.count("\r\n") == text.count("\n"):
        newline = "\r\n"
        text = text.replace("\r\n", "\n")
    elements, preamble, tail = _scan(text, path)
    title: str | None = None
    code_layout: dict[str, str | None] = {"newline": newline}
    if preamble:
        code_layout["before"] = preamble
    if tail != "\n":
        code_layout["after"] = tail
    start = 0
    if elements[0].kind == "heading" and _is_title(elements[0]):
        first = elements[0]
        title = first.text.strip()
        code_layout["marker"] = first.marker if first.marker != "# " else None
        if first.text != title:
            code_layout["heading"] = first.text
        start = 1
    else:
        code_layout["marker"] = ""
        first_line = preamble.lstrip("\ufeff").split("\n", 1)[0].strip() if preamble else ""
        if first_line.lower().startswith("code "):
            title = first_line
    offset = 0 if code_layout["marker"] == "" else 1
    same_level = _same_level_articles(elements[start:])
    root = _Builder(None, offset)
    stack: list[_Builder] = [root]
    current: list[tuple[str, str | None]] | None = None  # the article's pieces, separators
    article_info: tuple[str, Layout | None] | None = None

    def flush_article() -> None:
        nonlocal current, article_info
        if article_info is not None and current is not None:
            num, layout = article_info
            alineas = tuple(
                Alinea(text, markup=has_markup(text),
                       layout=Layout(before=sep) if sep not in (None, DEFAULT_SEP) else None)
                for text, sep in merge_invisible(current))
            stack[-1].children.append(Article(num, alineas, layout=layout))
        current, article_info = None, None

    def close_to(level: int, keep_equal: bool) -> None:
        while len(stack) > 1 and (stack[-1].level > level or
                                  (stack[-1].level == level and not keep_equal)):
            done = stack.pop()
            assert done.division is not None
            stack[-1].children.append(replace(done.division, children=tuple(done.children)))

    for el in elements[start:]:
        if el.kind == "heading":
            flush_article()
            if _ARTICLE_RE.match(el.text):
                close_to(el.level, keep_equal=same_level)
                default_marker = "#" * (len(stack) + offset) + " "  # one below its division
                layout = _layout(el.before, el.marker, default_marker)
                article_info = (el.text[len("Article "):], layout)
                current = []
                continue
            close_to(el.level, keep_equal=False)
            division = parse_heading(el.text)
            if division is None:
                diagnostics.append(warning(
                    "LD114", f"intitulé sans type de division reconnu : « {el.text.strip()} »",
                    Location(str(path), el.line)))
                division = Division(DivisionKind.AUTRE, "", el.text.strip() or None, el.text)
            default_marker = "#" * (len(stack) + offset) + " "
            layout = _layout(el.before, el.marker, default_marker)
            stack.append(_Builder(replace(division, layout=layout), el.level))
        else:
            if current is None:
                # Text under a division heading, outside any article: kept verbatim.
                diagnostics.append(warning(
                    "LD115", "texte hors de tout article, conservé tel quel",
                    Location(str(path), el.line), el.text[:80]))
                _attach_stray(stack, code_layout, el)
                continue
            if _TABLE_OPEN_RE.search(el.text) and _table_balance(el.text) > 0:
                diagnostics.append(warning("LD103", "tableau sans </table>, fermé à la fin "
                                           "de l'article", Location(str(path), el.line)))
            pieces = [el.text]
            if has_markup(el.text) and not _TABLE_OPEN_RE.search(el.text):
                pieces = split_html(el.text)
            current.extend((piece, el.before if k == 0 else "") for k, piece in enumerate(pieces))
    flush_article()
    close_to(-1, keep_equal=False)
    layout_obj = Layout(**code_layout) if any(v is not None for v in code_layout.values()) \
        else None
    return Code(title, tuple(root.children), source_format=FORMAT, layout=layout_obj)


def _is_title(heading: _Element) -> bool:
    text = heading.text.strip()
    return (heading.level == 1 and not _ARTICLE_RE.match(text)
            and parse_heading(text) is None)


def _same_level_articles(elements: list[_Element]) -> bool:
    previous: _Element | None = None
    for el in elements:
        if el.kind != "heading":
            continue
        if _ARTICLE_RE.match(el.text) and previous is not None and not _ARTICLE_RE.match(
                previous.text):
            return el.level == previous.level
        previous = el
    return False


def _layout(before: str | None, marker: str, default_marker: str) -> Layout | None:
    b = before if before != DEFAULT_SEP else None
    m = marker if marker != default_marker else None
    return Layout(before=b, marker=m) if (b is not None or m is not None) else None


def _attach_stray(stack: list[_Builder], code_layout: dict[str, str | None],
                  el: _Element) -> None:
    stray = (el.before or "") + el.text
    top = stack[-1]
    if top.division is None:
        code_layout["lead"] = (code_layout.get("lead") or "") + stray
        return
    layout = top.division.layout or Layout()
    top.division = replace(top.division, layout=replace(layout, lead=(layout.lead or "") + stray))


def _scan(text: str, path: Path) -> tuple[list[_Element], str, str]:
    """Cut the text into headings and alinéa blocks with their exact separators.

    text = preamble + element₁ + before₂ + element₂ + … + elementₙ + tail, where the
    preamble is everything before the first heading."""
    # where each line starts, as machine integers: a whole code has a million lines
    starts = array("q", [0])
    starts.extend(nl.end() for nl in re.finditer("\n", text))
    lines = text.split("\n")
    n = len(lines)
    i = 0
    bom = 1 if text.startswith("\ufeff") else 0
    while i < n and not _HEADING_RE.match(lines[i][bom if i == 0 else 0:]):
        i += 1
    if i == n:
        raise InputError("LD104", "aucun intitulé « # » : ce n'est pas un fichier Archéo Lex",
                         Location(str(path)))
    first_start = starts[i] + (bom if i == 0 else 0)
    preamble = text[:first_start]
    elements: list[_Element] = []
    end = first_start  # end of the previous element's text
    while i < n:
        line = lines[i][bom if i == 0 else 0:] if i == 0 else lines[i]
        if not line.strip():
            i += 1
            continue
        begin = starts[i] + (bom if i == 0 else 0)
        before = _shared(text[end:begin]) if elements else None
        m = _HEADING_RE.match(line)
        if m:
            elements.append(_Element("heading", m.group(2), before, i + 1, m.group(1),
                                     len(m.group(1).rstrip())))
            end = begin + len(line)
            i += 1
            continue
        j = i + 1
        if _table_balance(line) > 0:
            depth = _table_balance(line)
            while j < n and depth > 0 and not _HEADING_RE.match(lines[j]):
                depth += _table_balance(lines[j])
                j += 1
            while j - 1 > i and not lines[j - 1].strip():
                j -= 1  # an unclosed table stops at its last non-empty line
        block_end = starts[j - 1] + len(lines[j - 1])
        elements.append(_Element("text", text[begin:block_end], before, i + 1))
        end = block_end
        i = j
    return elements, preamble, text[end:]


_SEPARATORS = {DEFAULT_SEP: DEFAULT_SEP, "\n": "\n", "\n\n\n": "\n\n\n"}


def _shared(separator: str) -> str:
    """The usual separators as one shared string each (not a million copies)."""
    return _SEPARATORS.get(separator, separator)


def _table_balance(line: str) -> int:
    return len(_TABLE_OPEN_RE.findall(line)) - len(_TABLE_CLOSE_RE.findall(line))


# ---------------------------------------------------------------------------
# Writing


def write(code: Code) -> str:
    """Write a code as Archéo Lex Markdown (byte for byte what was read, when the code
    was read from Markdown and not changed)."""
    own = code.source_format == FORMAT
    code_layout = code.layout if own and code.layout is not None else Layout()
    out: list[str] = []
    if code_layout.before:
        out.append(code_layout.before)
    first = True
    offset = 1
    if code_layout.marker == "" or (not own and not code.title):
        offset = 0
    elif code.title:
        exact = code_layout.heading
        out.append((code_layout.marker or "# ") + (
            exact if exact is not None and exact.strip() == code.title else code.title))
        first = False
    if code_layout.lead:
        out.append(code_layout.lead)

    def sep(layout: Layout | None) -> str:
        nonlocal first
        if first:
            first = False
            return ""
        if own and layout is not None and layout.before is not None:
            return layout.before
        return DEFAULT_SEP

    def emit(nodes: tuple[Node, ...], depth: int) -> None:
        for node in nodes:
            layout = node.layout if own else None
            marker = layout.marker if layout is not None and layout.marker is not None \
                else "#" * (depth + offset + 1) + " "
            out.append(sep(layout))
            if isinstance(node, Article):
                out.append(f"{marker}Article {node.num if own else _one_line(node.num)}")
                for alinea in node.alineas:
                    out.append(sep(alinea.layout if own else None))
                    out.append(_alinea_text(alinea, own))
            else:
                out.append(marker + (node.heading if own else _one_line(node.heading)))
                if layout is not None and layout.lead:
                    out.append(layout.lead)
                emit(node.children, depth + 1)

    emit(code.children, 0)
    tail = code_layout.after if code_layout.after is not None else "\n"
    out.append(tail)
    text = "".join(out)
    if code_layout.newline:
        text = text.replace("\n", code_layout.newline)
    return text


def _one_line(text: str) -> str:
    # A Markdown heading is one line: line breaks from other formats become spaces.
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def _alinea_text(alinea: Alinea, own: bool) -> str:
    if own or "\n" not in alinea.text:
        return alinea.text
    # From another format: a line break inside an alinéa is a wrap, not a new alinéa, and
    # HTML (tables included) is insensitive to it: one line reads back as one alinéa.
    return " ".join(part.strip() for part in alinea.text.split("\n") if part.strip())
