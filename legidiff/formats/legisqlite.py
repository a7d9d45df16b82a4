"""A legi.py SQLite database (``pip install legi``; schema version 6): tables
``sommaires`` (the tree: ``parent``, ``element``, ``position``, ``debut``, ``fin``),
``sections`` (``titre_ta``), ``articles`` (``num``, ``bloc_textuel``, dates) and
``textes_versions`` (``titre``). A text is chosen by its ``cid`` (``--text-id``) and a
date: an element counts when ``debut ≤ d < fin`` (2999-01-01: open-ended).

Writing creates the tables legidiff uses, with legi.py's names and column types, so
that the file reads back here and with legi.py's queries.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from legidiff.diagnostics import Diagnostic, InputError, Location, warning
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
from legidiff.formats.legixml import LegiIds, contenu
from legidiff.lang.text import alineas_from_html

FORMAT = "sqlite"
OPEN_END = "2999-01-01"
ALWAYS = "0001-01-01"
MAGIC = b"SQLite format 3\x00"
_REQUIRED = ("sommaires", "sections", "articles")


def looks_like(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as e:
        raise InputError("LD103", f"base SQLite illisible : {e}", Location(str(path))) from None
    missing = [t for t in _REQUIRED if t not in tables]
    if missing:
        db.close()
        raise InputError("LD104", "ce n'est pas une base legi.py : "
                         + ("table " if len(missing) == 1 else "tables ")
                         + ", ".join(missing)
                         + (" absente" if len(missing) == 1 else " absentes"),
                         Location(str(path)))
    return db


def read(path: Path, diagnostics: list[Diagnostic], date: str | None = None,
         text_id: str | None = None) -> Code:
    when = date or dt.date.today().isoformat()
    db = _connect(path)
    try:
        return _read(db, path, diagnostics, when, text_id)
    except sqlite3.DatabaseError as e:
        raise InputError("LD103", f"base SQLite : {e}", Location(str(path))) from None
    finally:
        db.close()


def _read(db: sqlite3.Connection, path: Path, diagnostics: list[Diagnostic], when: str,
          text_id: str | None) -> Code:
    cids = [r[0] for r in db.execute("SELECT DISTINCT cid FROM sommaires ORDER BY cid")]
    if text_id is None:
        if len(cids) != 1:
            raise InputError("LD104", "choisissez le texte avec --text-id" if cids
                             else "la table sommaires est vide", Location(str(path)),
                             "textes présents : " + ", ".join(cids) if cids else None)
        text_id = cids[0]
    elif text_id not in cids:
        raise InputError("LD104", f"le texte {text_id} n'est pas dans cette base",
                         Location(str(path)), "textes présents : " + ", ".join(cids))
    rows = db.execute(
        "SELECT parent, element, debut, fin, etat, num FROM sommaires "
        "WHERE cid = ? AND (debut IS NULL OR debut <= ?) AND (fin IS NULL OR fin = '' OR ? < fin)"
        " ORDER BY parent, position", (text_id, when, when)).fetchall()
    children: dict[str | None, list[tuple[str, str | None, str | None, str | None]]] = {}
    for parent, element, debut, fin, etat, _num in rows:
        children.setdefault(parent, []).append((element, debut, fin, etat))
    sections = {r[0]: r[1] for r in db.execute(
        "SELECT id, titre_ta FROM sections WHERE cid = ?", (text_id,))}
    articles = {r[0]: r[1:] for r in db.execute(
        "SELECT id, num, etat, date_debut, date_fin, bloc_textuel FROM articles WHERE cid = ?",
        (text_id,))}
    title = _title(db, text_id, when)

    def build(parent: str | None, seen: frozenset[str]) -> list[Node]:
        nodes: list[Node] = []
        for element, debut, fin, etat in children.get(parent, []):
            if element.startswith("LEGIARTI") or element in articles:
                row = articles.get(element)
                if row is None:
                    diagnostics.append(warning("LD111", f"article {element} référencé mais "
                                                        "absent de la table articles",
                                               Location(str(path))))
                    continue
                num, a_etat, a_debut, a_fin, bloc = row
                alineas = tuple(Alinea(t, m) for t, m in alineas_from_html(bloc or ""))
                nodes.append(Article(num or "", alineas, Meta(
                    id=element, etat=a_etat or etat, date_debut=a_debut, date_fin=a_fin)))
                continue
            heading = sections.get(element)
            if heading is None:
                diagnostics.append(warning("LD111", f"section {element} référencée mais absente "
                                                    "de la table sections", Location(str(path))))
                continue
            if element in seen:
                raise InputError("LD103", f"section {element} incluse dans elle-même",
                                 Location(str(path)))
            sub = tuple(build(element, seen | {element}))
            division = parse_heading(heading)
            if division is None:
                diagnostics.append(warning("LD114", f"intitulé sans type de division reconnu :"
                                                    f" « {heading} »", Location(str(path))))
                division = Division(DivisionKind.AUTRE, "", heading or None, heading)
            nodes.append(Division(division.kind, division.number, division.title, heading, sub,
                                  Meta(id=element, etat=etat, date_debut=debut, date_fin=fin)))
        return nodes

    return Code(title, tuple(build(None, frozenset())),
                Meta(id=text_id, date_debut=when, source=str(path)), source_format=FORMAT)


def _title(db: sqlite3.Connection, cid: str, when: str) -> str | None:
    try:
        rows = db.execute("SELECT titre, date_debut, date_fin FROM textes_versions WHERE cid = ?"
                          " ORDER BY date_debut", (cid,)).fetchall()
    except sqlite3.DatabaseError:
        return None
    for titre, debut, fin in rows:
        if (debut or "") <= when < (fin or OPEN_END) and titre:
            return str(titre)
    return str(rows[-1][0]) if rows and rows[-1][0] else None


# ---------------------------------------------------------------------------
# Writing

# The subset of legi.py's schema (version 6) that legidiff reads and writes.
_DDL = """
CREATE TABLE db_meta (key text primary key, value blob);
CREATE TABLE textes_versions (id char(20) unique not null, nature text, titre text,
    titrefull text, etat text, date_debut day, date_fin day, num text,
    dossier text not null, cid char(20) not null, mtime int not null);
CREATE TABLE sections (id char(20) unique not null, titre_ta text, commentaire text,
    parent char(20), dossier text not null, cid char(20) not null, mtime int not null);
CREATE TABLE articles (id char(20) unique not null, section char(20), num text, etat text,
    date_debut day, date_fin day, type text, nota text, bloc_textuel text,
    dossier text not null, cid char(20) not null, mtime int not null);
CREATE TABLE sommaires (cid char(20) not null, parent char(20), element char(20) not null,
    debut day, fin day, etat text, num text, position int, _source text);
CREATE INDEX sommaires_cid_num_idx ON sommaires (cid, num);
"""


def write(code: Code, path: Path) -> None:
    """Write a code into a new SQLite file at ``path``."""
    ids = LegiIds()
    cid = ids.get(code.meta, "LEGITEXT")
    # A node without dates is written in force from the start: it shows at any date.
    when = code.meta.date_debut if code.meta and code.meta.date_debut else ALWAYS
    db = sqlite3.connect(path)
    try:
        db.executescript(_DDL)
        db.execute("INSERT INTO db_meta VALUES ('schema_version', 6)")
        db.execute("INSERT INTO textes_versions (id, nature, titre, titrefull, etat, date_debut,"
                   " date_fin, dossier, cid, mtime) VALUES (?, 'CODE', ?, ?, 'VIGUEUR', ?, ?,"
                   " 'code_en_vigueur', ?, 0)",
                   (cid, code.title, code.title, when, OPEN_END, cid))

        def dates(meta: Meta | None) -> tuple[str, str, str]:
            return ((meta.date_debut if meta and meta.date_debut else when),
                    (meta.date_fin if meta and meta.date_fin else OPEN_END),
                    (meta.etat if meta and meta.etat else "VIGUEUR"))

        def emit(nodes: tuple[Node, ...], parent: str | None) -> None:
            for position, node in enumerate(nodes):
                debut, fin, etat = dates(node.meta)
                if isinstance(node, Article):
                    element = ids.get(node.meta, "LEGIARTI")
                    bloc = contenu(node, sep="")
                    db.execute("INSERT INTO articles (id, section, num, etat, date_debut, "
                               "date_fin, type, bloc_textuel, dossier, cid, mtime) VALUES "
                               "(?, ?, ?, ?, ?, ?, 'AUTONOME', ?, 'code_en_vigueur', ?, 0)",
                               (element, parent, node.num, etat, debut, fin, bloc, cid))
                    num: str | None = node.num
                else:
                    element = ids.get(node.meta, "LEGISCTA")
                    db.execute("INSERT INTO sections (id, titre_ta, parent, dossier, cid, mtime)"
                               " VALUES (?, ?, ?, 'code_en_vigueur', ?, 0)",
                               (element, node.heading, parent, cid))
                    num = None
                db.execute("INSERT INTO sommaires VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (cid, parent, element, debut, fin, etat, num, position,
                            "section_ta_liens" if parent else f"struct/{cid}"))
                if isinstance(node, Division):
                    emit(node.children, element)

        emit(code.children, None)
        db.commit()
    finally:
        db.close()
