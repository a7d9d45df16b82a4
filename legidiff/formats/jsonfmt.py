"""JSON: the tree of a code, in a documented and versioned schema.

The schema is ``legidiff/schemas/code-v1.schema.json`` (JSON Schema 2020-12, shipped in
the package); in short::

    {"format": "legidiff-code", "version": 1,
     "title": "Code de la sécurité intérieure",
     "source_format": "markdown",            # the reader that built the tree, or null
     "meta": {"id": "LEGITEXT000025503132"},  # optional, every node
     "layout": {…},                           # optional, every node: exact source spelling
     "children": [
       {"type": "division", "kind": "livre", "number": "VIII", "title": "…",
        "heading": "LIVRE VIII : …", "children": [ … ]},
       {"type": "article", "num": "L852-3",
        "alineas": ["I. – Texte …", {"text": "<table>…</table>", "markup": true}]}]}

An alinéa is a string, or an object when it holds HTML (``markup``) or a layout.
Reading the JSON written from a tree gives the same tree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from legidiff.diagnostics import InputError, Location
from legidiff.document.model import (
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Layout,
    Meta,
    Node,
)

FORMAT = "json"
SCHEMA_NAME = "legidiff-code"
SCHEMA_VERSION = 1
_META_FIELDS = ("id", "etat", "date_debut", "date_fin", "source", "note")
MAX_DEPTH = 64
_LAYOUT_FIELDS = ("before", "after", "lead", "marker", "heading", "slug", "toc", "newline")


def looks_like(text: str) -> bool:
    return text.lstrip().startswith("{") and f'"{SCHEMA_NAME}"' in text[:2000]


def dump(code: Code) -> dict[str, Any]:
    out: dict[str, Any] = {"format": SCHEMA_NAME, "version": SCHEMA_VERSION,
                           "title": code.title, "source_format": code.source_format}
    _put_common(out, code.meta, code.layout)
    out["children"] = [dump_node(n) for n in code.children]
    return out


def write(code: Code) -> str:
    return json.dumps(dump(code), ensure_ascii=False, indent=1) + "\n"


def _put_common(out: dict[str, Any], meta: Meta | None, layout: Layout | None) -> None:
    if meta is not None and not meta.is_empty():
        out["meta"] = {f: getattr(meta, f) for f in _META_FIELDS if getattr(meta, f) is not None}
    if layout is not None:
        values = {f: getattr(layout, f) for f in _LAYOUT_FIELDS if getattr(layout, f) is not None}
        if values:
            out["layout"] = values


def dump_node(node: Node) -> dict[str, Any]:
    if isinstance(node, Article):
        out: dict[str, Any] = {"type": "article", "num": node.num}
        _put_common(out, node.meta, node.layout)
        out["alineas"] = [_dump_alinea(a) for a in node.alineas]
        return out
    out = {"type": "division", "kind": node.kind.value, "number": node.number,
           "title": node.title, "heading": node.heading}
    _put_common(out, node.meta, node.layout)
    out["children"] = [dump_node(n) for n in node.children]
    return out


def _dump_alinea(alinea: Alinea) -> str | dict[str, Any]:
    if not alinea.markup and alinea.layout is None and alinea.origin is None:
        return alinea.text
    out: dict[str, Any] = {"text": alinea.text}
    if alinea.markup:
        out["markup"] = True
    if alinea.origin is not None:
        out["origin"] = alinea.origin
    _put_common(out, None, alinea.layout)
    return out


# ---------------------------------------------------------------------------
# Reading (strict: every error names its place as a JSON pointer)


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, message: str) -> InputError:
        return InputError("LD103", f"{message} (à {where or '/'})", Location(str(self.path)))

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "un objet est attendu")
        return value

    def string(self, value: Any, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(where, "une chaîne est attendue")
        return value

    def req_str(self, d: dict[str, Any], key: str, where: str) -> str:
        if key not in d:
            raise self.fail(f"{where}/{key}", f"« {key} » manque")
        value = self.string(d[key], f"{where}/{key}")
        assert value is not None
        return value

    def strings(self, d: dict[str, Any], key: str, allowed: tuple[str, ...], where: str
                ) -> dict[str, str | None] | None:
        """An optional object of optional strings, with only the ``allowed`` fields."""
        if key not in d:
            return None
        m = self.obj(d[key], f"{where}/{key}")
        unknown = set(m) - set(allowed)
        if unknown:
            raise self.fail(f"{where}/{key}", f"champ inconnu « {sorted(unknown)[0]} »")
        return {k: self.string(v, f"{where}/{key}/{k}", optional=True) for k, v in m.items()}

    def meta(self, d: dict[str, Any], where: str) -> Meta | None:
        values = self.strings(d, "meta", _META_FIELDS, where)
        return None if values is None else Meta(**values)

    def layout(self, d: dict[str, Any], where: str) -> Layout | None:
        values = self.strings(d, "layout", _LAYOUT_FIELDS, where)
        return None if values is None else Layout(**values)

    def children(self, d: dict[str, Any], where: str) -> tuple[Node, ...]:
        items = d.get("children", [])
        if not isinstance(items, list):
            raise self.fail(f"{where}/children", "une liste est attendue")
        return tuple(self.node(n, f"{where}/children/{i}") for i, n in enumerate(items))

    def node(self, value: Any, where: str) -> Node:
        if where.count("/children/") > MAX_DEPTH:  # a code has about ten levels
            raise self.fail(where, f"plus de {MAX_DEPTH} niveaux de divisions imbriquées")
        d = self.obj(value, where)
        kind = d.get("type")
        if kind == "article":
            alineas = d.get("alineas", [])
            if not isinstance(alineas, list):
                raise self.fail(f"{where}/alineas", "une liste est attendue")
            return Article(self.req_str(d, "num", where),
                           tuple(self.alinea(a, f"{where}/alineas/{i}")
                                 for i, a in enumerate(alineas)),
                           self.meta(d, where), self.layout(d, where))
        if kind == "division":
            kind_text = self.req_str(d, "kind", where)
            try:
                division_kind = DivisionKind(kind_text)
            except ValueError:
                raise self.fail(f"{where}/kind", f"type de division inconnu « {kind_text} »"
                                ) from None
            return Division(division_kind, self.req_str(d, "number", where),
                            self.string(d.get("title"), f"{where}/title", optional=True),
                            self.req_str(d, "heading", where), self.children(d, where),
                            self.meta(d, where), self.layout(d, where))
        raise self.fail(f"{where}/type", "« type » doit valoir « article » ou « division »")

    def alinea(self, value: Any, where: str) -> Alinea:
        if isinstance(value, str):
            return Alinea(value)
        d = self.obj(value, where)
        markup = d.get("markup", False)
        if not isinstance(markup, bool):
            raise self.fail(f"{where}/markup", "un booléen est attendu")
        return Alinea(self.req_str(d, "text", where), markup, self.layout(d, where),
                      self.string(d.get("origin"), f"{where}/origin", optional=True))


def read(text: str, path: Path) -> Code:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError("LD103", f"JSON invalide : {e.msg}", Location(str(path), e.lineno, e.colno)
                         ) from None
    except (ValueError, RecursionError) as e:  # a number of more than 4,300 digits, nesting
        raise InputError("LD103", f"JSON illisible : {type(e).__name__}", Location(str(path))
                         ) from None
    reader = _Reader(path)
    d = reader.obj(data, "")
    if d.get("format") != SCHEMA_NAME:
        raise reader.fail("/format", f"« format » doit valoir « {SCHEMA_NAME} »")
    if d.get("version") != SCHEMA_VERSION:
        raise reader.fail("/version", f"version {d.get('version')!r} non prise en charge "
                                      f"(attendue : {SCHEMA_VERSION})")
    return Code(reader.string(d.get("title"), "/title", optional=True), reader.children(d, ""),
                reader.meta(d, ""), reader.string(d.get("source_format"), "/source_format",
                                                 optional=True), reader.layout(d, ""))
