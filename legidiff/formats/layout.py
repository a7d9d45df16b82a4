"""The folder layout of the ``codes-juridiques-francais`` export of LEGI (etalab).

::

    code-de-la-securite-interieure/
      README.md                   # Code de la sécurité intérieure + list of children
      partie-legislative/
        README.md                 # Partie législative + list of children
        livre-ier/…/chapitre-ier/
          README.md
          article-l111-1.md       # Article L111-1, blank line, one alinéa per paragraph

Each ``README.md`` is a heading and a list ``- [Heading](slug)`` of the children, in the
export's order (the export lists sub-divisions before articles and groups articles by
letter, L, then D, then R: that order is kept as it is, not guessed otherwise). A
paragraph of an article file is an alinéa; a line break inside a paragraph is a wrap.
Paragraphs holding HTML are cut at ``<br/>`` and block tags, a table being one alinéa.
Reading then writing gives every file back byte for byte.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from legidiff.diagnostics import Diagnostic, InputError, Location, warning
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Layout,
    Meta,
    Node,
    parse_heading,
)
from legidiff.fsio import decode_utf8, read_bytes, reason
from legidiff.lang.text import has_markup, merge_invisible, split_html

FORMAT = "layout"
# The heading is everything between "# " and the blank line before the list: real
# headings run over several lines, some with blank lines inside ("aptes \n\nau stockage").
# An entry's label, a heading too, runs to the first "](slug)" that ends a line: one way
# only to cut the list into entries (a label that could span entries makes a malformed
# README take exponential time to refuse).
_SLUG = r"[^()\n]*"
_LABEL = rf"(?:[^\]]|\](?!\({_SLUG}\)\n))*"
_README_RE = re.compile(
    rf"\A# (?P<heading>.*?)\n\n(?P<entries>(?:- \[{_LABEL}\]\({_SLUG}\)\n)*)\Z", re.DOTALL)
_ENTRY_RE = re.compile(rf"- \[(?P<label>{_LABEL})\]\((?P<slug>{_SLUG})\)\n", re.DOTALL)
_ARTICLE_RE = re.compile(r"\A(?P<marker>#[ \t]+)Article (?P<num>[^\n]*)\n(?P<rest>.*)\Z",
                         re.DOTALL)
_PARA_SEP_RE = re.compile(r"(\n(?:[ \t]*\n)+)")
_TABLE_OPEN_RE = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE_RE = re.compile(r"</table\s*>", re.IGNORECASE)


def looks_like(folder: Path) -> bool:
    readme = folder / "README.md"
    if not readme.is_file():
        return False
    try:
        head = readme.read_text("utf-8", errors="replace")[:4096]
    except OSError:
        return False
    return head.startswith("# ") and re.search(r"^- \[.*\]\(.*\)$", head, re.MULTILINE) is not None


def slugify(text: str) -> str:
    """The export's file and folder names: "LIVRE Ier : …" → "livre-ier",
    "R*156-1" → "r-156-1"."""
    decomposed = unicodedata.normalize("NFD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def default_slug(node: Node) -> str:
    if isinstance(node, Article):
        return f"article-{slugify(node.num)}.md"
    return slugify(node.heading.split(":", 1)[0])


def toc_label(node: Node) -> str:
    return f"Article {node.num}" if isinstance(node, Article) else node.heading


def read(folder: Path, diagnostics: list[Diagnostic]) -> Code:
    """Read a code from the export's folder layout."""
    heading, entries = _read_readme(folder)
    children = tuple(_read_children(folder, entries, diagnostics))
    return Code(heading, children, meta=Meta(source=str(folder)), source_format=FORMAT)


def _read_readme(folder: Path) -> tuple[str, list[tuple[str, str]]]:
    path = folder / "README.md"
    text = decode_utf8(read_bytes(path), path)
    m = _README_RE.match(text)
    if not m:
        raise InputError("LD103", "README.md inattendu : un intitulé « # … », une ligne vide "
                         "et une liste « - [Intitulé](dossier) » sont attendus",
                         Location(str(path), 1))
    entries = [(e.group("label"), e.group("slug")) for e in _ENTRY_RE.finditer(m.group("entries"))]
    return m.group("heading"), entries


def _read_children(folder: Path, entries: list[tuple[str, str]],
                   diagnostics: list[Diagnostic]) -> list[Node]:
    nodes: list[Node] = []
    listed = set()
    for label, slug in entries:
        listed.add(slug)
        path = folder / slug
        if slug.endswith(".md") and path.is_file():
            nodes.append(_read_article(path, label))
        elif path.is_dir():
            nodes.append(_read_division(path, label, diagnostics))
        else:
            diagnostics.append(warning("LD111", f"« {label} » est listé mais absent",
                                       Location(str(folder / "README.md")), slug))
    try:
        present = sorted(os.listdir(folder))
    except OSError as e:
        raise InputError("LD101", f"lecture impossible : {reason(e)}", Location(str(folder))
                         ) from None
    for name in present:
        if name in listed or name == "README.md" or name.startswith("."):
            continue
        path = folder / name
        if path.is_dir() or (name.startswith("article-") and name.endswith(".md")):
            diagnostics.append(warning(
                "LD117", "élément absent du README.md, ajouté à la fin du dossier",
                Location(str(path))))
            nodes.append(_read_division(path, None, diagnostics) if path.is_dir()
                         else _read_article(path, None))
    return nodes


def _read_division(folder: Path, label: str | None, diagnostics: list[Diagnostic]) -> Division:
    heading, entries = _read_readme(folder)
    children = tuple(_read_children(folder, entries, diagnostics))
    division = parse_heading(heading)
    if division is None:
        diagnostics.append(warning(
            "LD114", f"intitulé sans type de division reconnu : « {heading} »",
            Location(str(folder / "README.md"), 1)))
        division = Division(DivisionKind.AUTRE, "", heading, heading)
    slug = folder.name if folder.name != slugify(heading.split(":", 1)[0]) else None
    toc = label if label is not None and label != heading else None
    layout = Layout(slug=slug, toc=toc) if (slug or toc) else None
    return Division(division.kind, division.number, division.title, heading, children,
                    None, layout)


def _read_article(path: Path, label: str | None) -> Article:
    return read_article_text(decode_utf8(read_bytes(path), path), path, label)


def read_article_text(text: str, path: Path = Path("<article>"),
                      label: str | None = None) -> Article:
    """One article file of the export ("# Article L111-1", then one alinéa per
    paragraph), as a text."""
    m = _ARTICLE_RE.match(text)
    if not m:
        raise InputError("LD103", "fichier d'article inattendu : « # Article … » est attendu "
                         "en première ligne", Location(str(path), 1))
    num = m.group("num")
    rest = m.group("rest")
    # rest = lead + paragraphs separated by blank lines + tail
    stripped = rest.lstrip("\n")
    lead = "\n" + rest[: len(rest) - len(stripped)]
    body = stripped.rstrip("\n")
    tail = stripped[len(body):]
    alineas = _split_body(body) if body else ()
    slug = path.name if path.name != f"article-{slugify(num)}.md" else None
    toc = label if label is not None and label != f"Article {num}" else None
    layout_fields = {
        "marker": m.group("marker") if m.group("marker") != "# " else None,
        "lead": lead if lead != "\n\n" else None,
        "after": tail if tail != "\n" else None,
        "slug": slug, "toc": toc,
    }
    layout = Layout(**layout_fields) if any(v is not None for v in layout_fields.values()) \
        else None
    return Article(num, alineas, Meta(source=str(path)), layout)


def _split_body(body: str) -> tuple[Alinea, ...]:
    parts = _PARA_SEP_RE.split(body)
    paragraphs: list[tuple[str, str | None]] = []  # (text, separator before)
    k = 0
    while k < len(parts):
        text = parts[k]
        sep = parts[k - 1] if k > 0 else None
        k += 2
        # A table may hold blank lines: keep its paragraphs together.
        while _table_balance(text) > 0 and k < len(parts):
            text += parts[k - 1] + parts[k]
            k += 2
        paragraphs.append((text, sep))
    pieces: list[tuple[str, str | None]] = []
    for text, sep in paragraphs:
        slices = split_html(text) if has_markup(text) and not _is_one_table(text) else [text]
        pieces.extend((piece, sep if i == 0 else "") for i, piece in enumerate(slices))
    alineas: list[Alinea] = []
    for piece, before in merge_invisible(pieces):
        layout = Layout(before=before) if before not in (None, "\n\n") else None
        alineas.append(Alinea(piece, markup=has_markup(piece), layout=layout))
    return tuple(alineas)


def _table_balance(text: str) -> int:
    return len(_TABLE_OPEN_RE.findall(text)) - len(_TABLE_CLOSE_RE.findall(text))


def _is_one_table(text: str) -> bool:
    stripped = text.strip()
    return stripped.lower().startswith("<table") and stripped.lower().endswith("</table>")


# ---------------------------------------------------------------------------
# Writing


def write(code: Code, folder: Path) -> None:
    """Write a code in the export's layout into ``folder`` (created if needed)."""
    own = code.source_format == FORMAT
    folder.mkdir(parents=True, exist_ok=True)
    _write_folder(folder, code.title or "Code", code.children, own)


def _write_folder(folder: Path, heading: str, children: tuple[Node, ...], own: bool) -> None:
    entries = []
    used: set[str] = set()
    for node in children:
        layout = node.layout if own else None
        slug = layout.slug if layout is not None and layout.slug else default_slug(node)
        slug = _unique(slug, used)
        label = layout.toc if layout is not None and layout.toc else toc_label(node)
        entries.append(f"- [{label}]({slug})\n")
        if isinstance(node, Article):
            (folder / slug).write_bytes(_article_text(node, own).encode("utf-8"))
        else:
            (folder / slug).mkdir()
            _write_folder(folder / slug, node.heading, node.children, own)
    readme = f"# {heading}\n\n" + "".join(entries)
    (folder / "README.md").write_bytes(readme.encode("utf-8"))


def _unique(slug: str, used: set[str]) -> str:
    if slug not in used:
        used.add(slug)
        return slug
    stem, dot, ext = slug.rpartition(".") if slug.endswith(".md") else (slug, "", "")
    n = 2
    while f"{stem}-{n}{dot}{ext}" in used:
        n += 1
    slug = f"{stem}-{n}{dot}{ext}"
    used.add(slug)
    return slug


def _article_text(article: Article, own: bool) -> str:
    layout = article.layout if own and article.layout is not None else Layout()
    out = [(layout.marker or "# ") + "Article " + article.num + "\n",
           (layout.lead if layout.lead is not None else "\n\n")[1:]]
    for i, alinea in enumerate(article.alineas):
        if i:
            before = alinea.layout.before if own and alinea.layout is not None and \
                alinea.layout.before is not None else "\n\n"
            out.append(before)
        out.append(alinea.text)
    out.append(layout.after if layout.after is not None else "\n")
    return "".join(out)
