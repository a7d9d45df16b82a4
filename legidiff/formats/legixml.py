"""DILA's LEGI XML: a folder of ``ARTICLE``, ``SECTION_TA`` and text (``TEXTELR``,
``TEXTE_VERSION``) files, as in the LEGI open data archives.

The version in force at a date ``d`` is built: links (``LIEN_SECTION_TA``, ``LIEN_ART``)
and articles count when ``DATE_DEBUT ≤ d < DATE_FIN`` (2999-01-01: open-ended). The tree
starts from the text's ``texte/struct`` file (``STRUCT``); without one, from the sections
no other section links to. ``BLOC_TEXTUEL/CONTENU`` becomes alinéas at ``<p>`` and
``<br/>`` (``legidiff.lang.text.alineas_from_html``), entities decoded; tables and inline
markup are kept as HTML.

Writing produces the same layout (``article/LEGI/ARTI/…/LEGIARTI….xml``, ``section_ta/…``,
``texte/struct/…``, ``texte/version/…``); nodes without LEGI identifiers get
synthetic ones (``LEGIARTI99…``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from legidiff.diagnostics import Diagnostic, InputError, Location, info, warning
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Meta,
    Node,
    parse_heading,
)
from legidiff.fsio import reason
from legidiff.lang.numbering import ArticleNumber
from legidiff.lang.text import alineas_from_html, xhtml

FORMAT = "legi-xml"
OPEN_END = "2999-01-01"
ALWAYS = "0001-01-01"
_ROOT_TAGS = {"ARTICLE", "SECTION_TA", "TEXTELR", "TEXTE_VERSION"}


@dataclass
class _Link:
    id: str
    debut: str
    fin: str
    etat: str | None
    num: str | None
    title: str | None
    is_article: bool


@dataclass
class _Article:
    id: str
    num: str
    etat: str | None
    debut: str
    fin: str
    content: str
    cid: str | None
    chain: list[tuple[str, str, str, str]]  # CONTEXTE: (id, title, debut, fin)
    path: str


@dataclass
class _Section:
    id: str
    title: str
    cid: str | None
    links: list[_Link]
    path: str


@dataclass
class _Index:
    articles: dict[str, list[_Article]] = field(default_factory=dict)
    sections: dict[str, _Section] = field(default_factory=dict)
    structs: dict[str, list[_Link]] = field(default_factory=dict)
    titles: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    cids: set[str] = field(default_factory=set)
    context_titles: dict[str, str] = field(default_factory=dict)


def xml_files(folder: Path) -> list[str]:
    """The XML files of a folder, in a stable order (paths as strings: a Path per file
    cost a quarter of the reading time of a whole code)."""
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".xml"))
    return out


def looks_like(folder: Path) -> bool:
    for path in xml_files(folder)[:20]:
        try:
            with open(path, "rb") as f:
                head = f.read(400)
        except OSError:
            continue
        if any(f"<{tag}".encode() in head for tag in _ROOT_TAGS):
            return True
    return False


def _text(elem: ET.Element | None) -> str | None:
    if elem is None:
        return None
    return elem.text.strip() if elem.text and elem.text.strip() else None


def _inner(elem: ET.Element | None) -> str:
    """The content of an element as XML text: its text and its children serialized, in
    one serialization of the element (not one per child) whose own tags are cut off."""
    if elem is None:
        return ""
    if len(elem) == 0:
        return escape(elem.text or "", quote=False)
    tail, elem.tail = elem.tail, None
    try:
        whole = ET.tostring(elem, encoding="unicode")
    finally:
        elem.tail = tail
    return whole[whole.index(">") + 1:whole.rindex("</")]


def _parse(path: str) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        line, column = e.position
        why = re.sub(r": line \d+, column \d+$", "", str(e))
        raise InputError("LD103", f"XML mal formé : {why}",
                         Location(str(path), line, column + 1)) from None
    except OSError as e:
        raise InputError("LD101", f"lecture impossible : {reason(e)}", Location(str(path))
                         ) from None


def _require(elem: ET.Element, tag: str, path: str) -> ET.Element:
    found = elem.find(tag)
    if found is None:
        raise InputError("LD104", f"élément <{tag}> absent de <{elem.tag}>", Location(str(path)))
    return found


def _link(elem: ET.Element, path: str) -> _Link:
    link_id = elem.get("id")
    if not link_id:
        raise InputError("LD104", f"<{elem.tag}> sans attribut id", Location(str(path)))
    return _Link(link_id, elem.get("debut") or "0000-00-00", elem.get("fin") or OPEN_END,
                 elem.get("etat"), elem.get("num"), _text(elem), elem.tag == "LIEN_ART")


def _index(folder: Path) -> _Index:
    index = _Index()
    files = xml_files(folder)
    if not files:
        raise InputError("LD104", "aucun fichier XML dans ce dossier", Location(str(folder)))
    for path in files:
        root = _parse(path)
        if root.tag == "ARTICLE":
            _index_article(root, path, index)
        elif root.tag == "SECTION_TA":
            section_id = _text(_require(root, "ID", path))
            if section_id is None:
                raise InputError("LD104", "<ID> vide", Location(str(path)))
            texte = root.find("CONTEXTE/TEXTE")
            cid = texte.get("cid") if texte is not None else None
            structure = _require(root, "STRUCTURE_TA", path)
            links = [_link(e, path) for e in structure if e.tag in ("LIEN_ART", "LIEN_SECTION_TA")]
            index.sections[section_id] = _Section(
                section_id, _text(root.find("TITRE_TA")) or "", cid, links, path)
            _note_context(root, index)
        elif root.tag == "TEXTELR":
            cid = _text(root.find("META/META_SPEC/META_TEXTE_CHRONICLE/CID")) or _text(
                root.find("META/META_COMMUN/ID"))
            if cid is None:
                raise InputError("LD104", "identifiant du texte (CID) absent", Location(str(path)))
            struct = _require(root, "STRUCT", path)
            index.structs[cid] = [_link(e, path) for e in struct
                                  if e.tag in ("LIEN_ART", "LIEN_SECTION_TA")]
            index.cids.add(cid)
        elif root.tag == "TEXTE_VERSION":
            spec = root.find("META/META_SPEC")
            cid = _text(spec.find("META_TEXTE_CHRONICLE/CID")) if spec is not None else None
            version = spec.find("META_TEXTE_VERSION") if spec is not None else None
            if cid and version is not None:
                title = _text(version.find("TITRE")) or _text(version.find("TITREFULL"))
                if title:
                    index.titles.setdefault(cid, []).append((
                        title, _text(version.find("DATE_DEBUT")) or "0000-00-00",
                        _text(version.find("DATE_FIN")) or OPEN_END))
                index.cids.add(cid)
        # other XML files are not part of a LEGI text: ignored
    return index


def _note_context(root: ET.Element, index: _Index) -> None:
    texte = root.find("CONTEXTE/TEXTE")
    if texte is None:
        return
    cid = texte.get("cid")
    if cid:
        index.cids.add(cid)
        title = root.find("CONTEXTE/TEXTE/TITRE_TXT")
        if title is not None and cid not in index.context_titles:
            name = title.get("c_titre_court") or _text(title)
            if name:
                index.context_titles[cid] = name


def _index_article(root: ET.Element, path: str, index: _Index) -> None:
    meta = _require(root, "META", path)
    article_id = _text(meta.find("META_COMMUN/ID"))
    spec = meta.find("META_SPEC/META_ARTICLE")
    if article_id is None or spec is None:
        raise InputError("LD104", "<META_COMMUN/ID> ou <META_ARTICLE> absent", Location(str(path)))
    texte = root.find("CONTEXTE/TEXTE")
    chain = []
    if texte is not None:
        for tm in texte.iter("TITRE_TM"):
            chain.append((tm.get("id") or "", _text(tm) or "", tm.get("debut") or "0000-00-00",
                          tm.get("fin") or OPEN_END))
    article = _Article(
        article_id, _text(spec.find("NUM")) or "", _text(spec.find("ETAT")),
        _text(spec.find("DATE_DEBUT")) or "0000-00-00", _text(spec.find("DATE_FIN")) or OPEN_END,
        _inner(root.find("BLOC_TEXTUEL/CONTENU")),
        texte.get("cid") if texte is not None else None, chain, path)
    index.articles.setdefault(article_id, []).append(article)
    _note_context(root, index)


def _valid(debut: str, fin: str, date: str) -> bool:
    return debut <= date < fin


def read(folder: Path, diagnostics: list[Diagnostic], date: str | None = None,
         text_id: str | None = None) -> Code:
    """Read the version of a LEGI text in force at ``date`` (ISO, default today)."""
    when = date or dt.date.today().isoformat()
    index = _index(folder)
    cid = _choose_cid(index, text_id, folder)
    title = _title(index, cid, when)
    if cid in index.structs:
        roots = [link for link in index.structs[cid] if _valid(link.debut, link.fin, when)]
        children = _build(roots, index, when, diagnostics, folder)
    elif any(s.cid in (cid, None) for s in index.sections.values()):
        children = _build(_root_links(index, cid), index, when, diagnostics, folder)
    else:
        children = _from_contexts(index, cid, when, diagnostics, folder)
    return Code(title, tuple(children), Meta(id=cid, date_debut=when, source=str(folder)),
                source_format=FORMAT)


def _choose_cid(index: _Index, text_id: str | None, folder: Path) -> str:
    if text_id:
        if text_id not in index.cids:
            raise InputError("LD104", f"le texte {text_id} n'est pas dans ce dossier",
                             Location(str(folder)),
                             "textes présents : " + ", ".join(sorted(index.cids)))
        return text_id
    if len(index.cids) == 1:
        return next(iter(index.cids))
    if not index.cids:
        raise InputError("LD104", "aucun identifiant de texte (cid) dans les fichiers XML",
                         Location(str(folder)))
    raise InputError("LD104", "plusieurs textes dans ce dossier : choisissez-en un avec --text-id",
                     Location(str(folder)), ", ".join(sorted(index.cids)))


def _title(index: _Index, cid: str, when: str) -> str | None:
    versions = index.titles.get(cid, [])
    for title, debut, fin in versions:
        if _valid(debut, fin, when):
            return title
    if versions:
        return versions[-1][0]
    return index.context_titles.get(cid)


def _root_links(index: _Index, cid: str) -> list[_Link]:
    linked = {link.id for s in index.sections.values() for link in s.links}
    roots = [s for s in index.sections.values() if s.id not in linked and s.cid in (cid, None)]
    roots.sort(key=lambda s: s.id)
    return [_Link(s.id, "0000-00-00", OPEN_END, None, None, s.title, False) for s in roots]


def _build(links: list[_Link], index: _Index, when: str, diagnostics: list[Diagnostic],
           folder: Path, seen: frozenset[str] = frozenset()) -> list[Node]:
    nodes: list[Node] = []
    for link in links:
        if link.is_article:
            article = _pick_article(index, link, when, diagnostics, folder)
            if article is not None:
                nodes.append(article)
            continue
        section = index.sections.get(link.id)
        if section is None:
            diagnostics.append(warning("LD111", f"section {link.id} référencée mais absent"
                                                f"e ({link.title or 'sans titre'})",
                                       Location(str(folder))))
            continue
        if link.id in seen:
            raise InputError("LD103", f"section {link.id} incluse dans elle-même",
                             Location(str(section.path)))
        valid = [child for child in section.links if _valid(child.debut, child.fin, when)]
        children = _build(valid, index, when, diagnostics, folder, seen | {link.id})
        heading = section.title or link.title or ""
        division = parse_heading(heading)
        if division is None:
            diagnostics.append(warning("LD114", f"intitulé sans type de division reconnu : "
                                                f"« {heading} »", Location(str(section.path))))
            division = Division(DivisionKind.AUTRE, "", heading or None, heading)
        nodes.append(Division(division.kind, division.number, division.title, heading,
                              tuple(children),
                              Meta(id=section.id, etat=link.etat, date_debut=link.debut,
                                   date_fin=link.fin, source=str(section.path))))
    return nodes


def _pick_article(index: _Index, link: _Link, when: str, diagnostics: list[Diagnostic],
                  folder: Path) -> Article | None:
    versions = index.articles.get(link.id)
    if not versions:
        diagnostics.append(warning("LD111", f"article {link.num or link.id} référencé mais "
                                            f"absent ({link.id})", Location(str(folder))))
        return None
    article = versions[-1]
    return _article(article, link.etat)


def _article(article: _Article, etat: str | None = None) -> Article:
    alineas = tuple(Alinea(text, markup) for text, markup in alineas_from_html(article.content))
    return Article(article.num, alineas, Meta(
        id=article.id, etat=article.etat or etat, date_debut=article.debut,
        date_fin=article.fin, source=str(article.path)))


def _from_contexts(index: _Index, cid: str, when: str, diagnostics: list[Diagnostic],
                   folder: Path) -> list[Node]:
    """No section files: divisions from each article's CONTEXTE, articles in number order."""
    diagnostics.append(info("LD113", "pas de fichiers SECTION_TA : divisions lues dans le "
                                     "CONTEXTE des articles, articles rangés par numéro",
                            Location(str(folder))))
    chosen = [a for versions in index.articles.values() for a in versions
              if a.cid in (cid, None) and _valid(a.debut, a.fin, when)]

    def order(a: _Article) -> tuple[object, ...]:
        parsed = ArticleNumber.parse(a.num)
        return (0, parsed.sort_key, a.id) if parsed else (1, a.num, a.id)

    chosen.sort(key=order)

    @dataclass
    class Tree:
        heading: str
        meta: Meta | None
        children: list[Tree | Article] = field(default_factory=list)
        by_id: dict[str, Tree] = field(default_factory=dict)

    root = Tree("", None)
    for a in chosen:
        node = root
        for section_id, heading, debut, fin in a.chain:
            if not _valid(debut, fin, when):
                continue
            child = node.by_id.get(section_id)
            if child is None:
                child = Tree(heading, Meta(id=section_id, date_debut=debut, date_fin=fin))
                node.by_id[section_id] = child
                node.children.append(child)
            node = child
        node.children.append(_article(a))

    def convert(tree: Tree) -> list[Node]:
        out: list[Node] = []
        for c in tree.children:
            if isinstance(c, Article):
                out.append(c)
                continue
            division = parse_heading(c.heading) or Division(DivisionKind.AUTRE, "", c.heading,
                                                            c.heading)
            out.append(Division(division.kind, division.number, division.title, c.heading,
                                tuple(convert(c)), c.meta))
        return out

    return convert(root)


# ---------------------------------------------------------------------------
# Writing


class LegiIds:
    """LEGI identifiers for written nodes: their own when they have one, else synthetic
    ones (``LEGIARTI99…``) that cannot collide with DILA's."""

    def __init__(self) -> None:
        self.counter = 0
        self.used: set[str] = set()

    def get(self, meta: Meta | None, prefix: str) -> str:
        if meta is not None and meta.id and meta.id.startswith(prefix) and meta.id not in self.used:
            self.used.add(meta.id)
            return meta.id
        while True:
            self.counter += 1
            candidate = f"{prefix}99{self.counter:010d}"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate


def _subpath(kind: str, ident: str) -> str:
    digits = ident[8:]
    parts = [digits[i:i + 2] for i in range(0, 10, 2)]
    return f"{kind}/LEGI/{ident[4:8]}/{'/'.join(parts)}/{ident}.xml"


def _attr(value: str | None) -> str:
    return escape(value or "", quote=True)


def write(code: Code, folder: Path) -> None:
    """Write a code as a LEGI XML folder into ``folder`` (created if needed)."""
    ids = LegiIds()
    cid = ids.get(code.meta, "LEGITEXT")
    title = code.title or "Texte"
    # A node without dates is written in force from the start: it shows at any date.
    when = code.meta.date_debut if code.meta and code.meta.date_debut else ALWAYS
    files: dict[str, str] = {}
    contexte_head = (f'<CONTEXTE>\n<TEXTE cid="{cid}" nature="CODE">\n'
                     f'<TITRE_TXT c_titre_court="{_attr(title)}" id_txt="{cid}">'
                     f"{escape(title, quote=False)}</TITRE_TXT>\n")

    def dates(meta: Meta | None) -> tuple[str, str, str]:
        debut = meta.date_debut if meta and meta.date_debut else when
        fin = meta.date_fin if meta and meta.date_fin else OPEN_END
        etat = meta.etat if meta and meta.etat else "VIGUEUR"
        return debut, fin, etat

    def context(chain: list[tuple[str, Division]]) -> str:
        out = contexte_head
        for section_id, d in chain:
            debut, fin, _ = dates(d.meta)
            out += (f'<TM>\n<TITRE_TM debut="{debut}" fin="{fin}" id="{section_id}">'
                    f"{escape(d.heading, quote=False)}</TITRE_TM>\n")
        out += "</TM>\n" * len(chain) + "</TEXTE>\n</CONTEXTE>\n"
        return out

    def links(nodes: tuple[Node, ...], chain: list[tuple[str, Division]]) -> list[str]:
        out = []
        for node in nodes:
            debut, fin, etat = dates(node.meta)
            if isinstance(node, Article):
                art_id = ids.get(node.meta, "LEGIARTI")
                files[_subpath("article", art_id)] = _article_xml(node, art_id, debut, fin, etat,
                                                                  context(chain))
                out.append(f'<LIEN_ART debut="{debut}" etat="{etat}" fin="{fin}" id="{art_id}" '
                           f'num="{_attr(node.num)}" origine="LEGI"/>')
            else:
                sec_id = ids.get(node.meta, "LEGISCTA")
                inner = links(node.children, [*chain, (sec_id, node)])
                files[_subpath("section_ta", sec_id)] = (
                    '<?xml version="1.0" encoding="UTF-8"?>\n<SECTION_TA>\n'
                    f"<ID>{sec_id}</ID>\n<TITRE_TA>{escape(node.heading, quote=False)}</TITRE_TA>\n"
                    f"<COMMENTAIRE/>\n{context(chain)}<STRUCTURE_TA>\n"
                    + "".join(line + "\n" for line in inner) + "</STRUCTURE_TA>\n</SECTION_TA>\n")
                out.append(f'<LIEN_SECTION_TA cid="{cid}" debut="{debut}" etat="{etat}" '
                           f'fin="{fin}" id="{sec_id}" niv="{len(chain) + 1}" '
                           f'url="/{_subpath("section_ta", sec_id)}">'
                           f"{escape(node.heading, quote=False)}</LIEN_SECTION_TA>")
        return out

    top = links(code.children, [])
    files[f"texte/struct/{cid}.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEXTELR>\n<META>\n<META_COMMUN>\n'
        f"<ID>{cid}</ID>\n<NATURE>CODE</NATURE>\n</META_COMMUN>\n<META_SPEC>\n"
        f"<META_TEXTE_CHRONICLE>\n<CID>{cid}</CID>\n</META_TEXTE_CHRONICLE>\n</META_SPEC>\n"
        "</META>\n<STRUCT>\n" + "".join(line + "\n" for line in top) + "</STRUCT>\n</TEXTELR>\n")
    files[f"texte/version/{cid}.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEXTE_VERSION>\n<META>\n<META_COMMUN>\n'
        f"<ID>{cid}</ID>\n<NATURE>CODE</NATURE>\n</META_COMMUN>\n<META_SPEC>\n"
        f"<META_TEXTE_CHRONICLE>\n<CID>{cid}</CID>\n</META_TEXTE_CHRONICLE>\n"
        f"<META_TEXTE_VERSION>\n<TITRE>{escape(title, quote=False)}</TITRE>\n"
        f"<TITREFULL>{escape(title, quote=False)}</TITREFULL>\n<ETAT>VIGUEUR</ETAT>\n"
        f"<DATE_DEBUT>{when}</DATE_DEBUT>\n<DATE_FIN>{OPEN_END}</DATE_FIN>\n"
        "</META_TEXTE_VERSION>\n</META_SPEC>\n</META>\n</TEXTE_VERSION>\n")
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))


def contenu(article: Article, sep: str = "\n") -> str:
    """The alinéas of an article as LEGI's ``CONTENU`` XHTML: one ``<p>`` each, a table
    as it is."""
    paragraphs = []
    for alinea in article.alineas:
        if alinea.markup:
            body = xhtml(alinea.text)
            paragraphs.append(body if alinea.is_table else f"<p>{body}</p>")
        else:
            paragraphs.append(f"<p>{escape(alinea.text, quote=False)}</p>")
    return sep.join(paragraphs)


def _article_xml(article: Article, art_id: str, debut: str, fin: str, etat: str,
                 context: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ARTICLE>\n<META>\n<META_COMMUN>\n'
        f"<ID>{art_id}</ID>\n<ORIGINE>LEGI</ORIGINE>\n"
        f"<URL>{_subpath('article', art_id)}</URL>\n<NATURE>Article</NATURE>\n</META_COMMUN>\n"
        f"<META_SPEC>\n<META_ARTICLE>\n<NUM>{escape(article.num, quote=False)}</NUM>\n"
        f"<ETAT>{etat}</ETAT>\n<DATE_DEBUT>{debut}</DATE_DEBUT>\n<DATE_FIN>{fin}</DATE_FIN>\n"
        "<TYPE>AUTONOME</TYPE>\n</META_ARTICLE>\n</META_SPEC>\n</META>\n"
        f"{context}<BLOC_TEXTUEL>\n<CONTENU>\n" + contenu(article)
        + "\n</CONTENU>\n</BLOC_TEXTUEL>\n</ARTICLE>\n")
