"""Readers and writers of base texts, and the detection of their format.

========  ==================================================  ===========================
format    input                                               detected from
========  ==================================================  ===========================
markdown  Archéo Lex Markdown file                            ``#`` headings
layout    folder of the ``codes-juridiques-francais`` export  ``README.md`` with a list
legi-xml  folder of DILA LEGI XML files                       ``<ARTICLE>``, ``<SECTION_TA>``
sqlite    legi.py SQLite database (``--text-id``, ``--date``)  SQLite header
blocks    plain article blocks as bills write them             ``Art. L. 1. –`` lines
json      legidiff JSON (schema ``legidiff-code`` v1)          ``"format": "legidiff-code"``
========  ==================================================  ===========================
"""

from __future__ import annotations

from legidiff._compiled import use_compiled

__path__ = use_compiled(__path__)  # the optional accelerator: see legidiff.accelerate

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from legidiff.diagnostics import Diagnostic, InputError, Location, warning
from legidiff.document.model import Article, Code
from legidiff.formats import blocks, jsonfmt, layout, legisqlite, legixml, markdown
from legidiff.fsio import (
    STDIN,
    decode_utf8,
    read_bytes,
    write_file_atomic,
    write_tree_atomic,
    write_via_temp,
)
from legidiff.lang.codes import canonical_code_name, display_name, is_known
from legidiff.lang.numbering import article_bill_form
from legidiff.lang.text import counted, visible
from legidiff.perf import paused_gc


class Format(Enum):
    MARKDOWN = markdown.FORMAT
    LAYOUT = layout.FORMAT
    LEGI_XML = legixml.FORMAT
    SQLITE = legisqlite.FORMAT
    BLOCKS = blocks.FORMAT
    JSON = jsonfmt.FORMAT

    @property
    def is_folder(self) -> bool:
        return self in (Format.LAYOUT, Format.LEGI_XML)


@dataclass(frozen=True, slots=True)
class Base:
    """A base text as read: the code, its format, its path, and what the reader noticed."""

    code: Code
    format: Format
    path: Path
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def detect_format(path: Path) -> Format:
    """The format of a base, from the file or folder itself."""
    if path.is_dir():
        if layout.looks_like(path):
            return Format.LAYOUT
        if legixml.looks_like(path):
            return Format.LEGI_XML
        raise InputError("LD102", "dossier de format inconnu : ni export "
                         "codes-juridiques-francais (README.md), ni XML LEGI", Location(str(path)))
    data = read_bytes(path)
    if legisqlite.looks_like(data[:16]):
        return Format.SQLITE
    text = decode_utf8(data[:65536], path) if len(data) <= 65536 else data[:65536].decode(
        "utf-8", errors="ignore")
    if jsonfmt.looks_like(text):
        return Format.JSON
    if text.lstrip().startswith("{"):
        raise InputError("LD102", "JSON qui n'est pas au format legidiff-code",
                         Location(str(path)))
    stripped = text.lstrip("\ufeff")
    if stripped.lstrip().startswith("<"):
        raise InputError("LD102", "un fichier XML seul n'est pas un texte LEGI : donnez le "
                         "dossier qui contient les fichiers ARTICLE et SECTION_TA",
                         Location(str(path)))
    if markdown.looks_like(stripped):
        return Format.MARKDOWN
    if blocks.looks_like(stripped):
        return Format.BLOCKS
    raise InputError("LD102", "format de texte de base inconnu (Markdown Archéo Lex, dossier "
                     "LEGI ou codes-juridiques-francais, base legi.py, blocs « Art. … », "
                     "JSON legidiff)", Location(str(path)))


def format_for_output(path: Path, explicit: str | None = None) -> Format:
    """The format to write ``path`` in: ``explicit``, or from its extension."""
    if explicit:
        return Format(explicit)
    suffix = path.suffix.lower()
    by_suffix = {".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN, ".json": Format.JSON,
                 ".sqlite": Format.SQLITE, ".sqlite3": Format.SQLITE, ".db": Format.SQLITE,
                 ".txt": Format.BLOCKS}
    if suffix in by_suffix:
        return by_suffix[suffix]
    raise InputError("LD102", "format de sortie à préciser avec --to (markdown, layout, "
                     "legi-xml, sqlite, blocks, json)", Location(str(path)))


def render(code: Code, fmt: Format) -> str:
    """A single-file format as text (Markdown, blocks, JSON), read back and compared with
    the tree first (see ``_render``)."""
    with paused_gc():
        return _render(code, fmt)


def _read(path: Path, fmt: Format, diagnostics: list[Diagnostic], date: str | None,
          text_id: str | None) -> Code:
    if fmt is Format.LAYOUT:
        return layout.read(path, diagnostics)
    if fmt is Format.LEGI_XML:
        return legixml.read(path, diagnostics, date=date, text_id=text_id)
    if fmt is Format.SQLITE:
        return legisqlite.read(path, diagnostics, date=date, text_id=text_id)
    text = decode_utf8(read_bytes(path), path)
    if fmt is Format.MARKDOWN:
        return markdown.read(text, path, diagnostics)
    if fmt is Format.BLOCKS:
        return blocks.read(text, path, diagnostics)
    return jsonfmt.read(text, path)


def today_in_paris(now: dt.datetime | None = None) -> str:
    """The date of today in Paris (ISO), the Journal officiel's time: the default
    version of LEGI XML folders and legi.py databases, the same whatever the machine's
    time zone. Without the time zone database, the rule of the European Union
    (UTC+1; UTC+2 from the last Sunday of March to the last Sunday of October, 1:00 UTC).

    >>> today_in_paris(dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC))
    '2025-01-01'
    >>> today_in_paris(dt.datetime(2024, 7, 1, 21, 59, tzinfo=dt.UTC))
    '2024-07-01'
    >>> today_in_paris(dt.datetime(2024, 7, 1, 22, 0, tzinfo=dt.UTC))
    '2024-07-02'
    """
    now = now or dt.datetime.now(dt.UTC)
    try:
        return now.astimezone(ZoneInfo("Europe/Paris")).date().isoformat()
    except ZoneInfoNotFoundError:  # no time zone database (the tzdata package)
        return _paris_by_rule(now).date().isoformat()


def _paris_by_rule(now: dt.datetime) -> dt.datetime:
    """Paris time by the European Union's rule (see :func:`today_in_paris`).

    >>> _paris_by_rule(dt.datetime(2024, 3, 31, 0, 59, tzinfo=dt.UTC)).hour
    1
    >>> _paris_by_rule(dt.datetime(2024, 3, 31, 1, 0, tzinfo=dt.UTC)).hour
    3
    """
    utc = now.astimezone(dt.UTC)

    def last_sunday(month: int) -> dt.datetime:
        day = dt.datetime(utc.year, month, 31, 1, tzinfo=dt.UTC)
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3) <= utc < last_sunday(10)
    return utc + dt.timedelta(hours=2 if summer else 1)


def read_base(path: Path | str, format: Format | str | None = None, *,
              code_name: str | None = None, date: str | None = None,
              text_id: str | None = None) -> Base:
    """Read a base text in any supported format (detected unless given).

    ``code_name`` names the code when the source does not (or overrides it); ``date``
    (default: today in Paris, :func:`today_in_paris`) and ``text_id`` choose the version
    and the text in LEGI XML and legi.py databases.
    Unusable input raises :class:`~legidiff.diagnostics.InputError`; what the reader
    noticed on the way (duplicate article numbers…) is in ``Base.diagnostics``.
    """
    path = Path(path)
    stdin = str(path) == STDIN  # "-": the standard input, a text in one file
    if not stdin and not path.exists():
        raise InputError("LD101", "fichier ou dossier introuvable", Location(str(path)))
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError("LD106", f"date invalide « {date} » : AAAA-MM-JJ attendu") from None
    fmt = Format(format) if format is not None else detect_format(path)
    if stdin and fmt in (Format.LAYOUT, Format.LEGI_XML, Format.SQLITE):
        raise InputError("LD102", f"l'entrée standard ne peut porter qu'un texte d'un seul "
                                  f"fichier (markdown, blocks, json), pas {fmt.value}",
                         Location(STDIN))
    diagnostics: list[Diagnostic] = []
    if fmt.is_folder and not path.is_dir():
        raise InputError("LD102", f"le format {fmt.value} attend un dossier", Location(str(path)))
    if not fmt.is_folder and path.is_dir():
        raise InputError("LD102", f"le format {fmt.value} attend un fichier", Location(str(path)))
    if date is None and fmt in (Format.LEGI_XML, Format.SQLITE):
        date = today_in_paris()  # explicit: never the machine's time zone
    with paused_gc():  # a whole code is a large tree: see legidiff.perf
        code = _read(path, fmt, diagnostics, date, text_id)
    if code_name:
        if not is_known(code_name):
            diagnostics.append(warning("LD116", f"code inconnu de legidiff : « {code_name} » "
                                                "(nom gardé tel quel)", Location(str(path))))
        code = Code(display_name(canonical_code_name(code_name)), code.children, code.meta,
                    code.source_format, code.layout)
    for number, paths in sorted(code.duplicates().items()):
        places = "; ".join(p.describe() or "racine" for p in paths)
        diagnostics.append(warning(
            "LD110", f"{len(paths)} articles portent le numéro {article_bill_form(number)} : "
                     f"tous sont gardés (art_{number.replace(' ', '_')}@1, @2…)",
            Location(str(path)), places))
    return Base(code, fmt, path, tuple(diagnostics))


def _render(code: Code, fmt: Format) -> str:
    """A single-file format as text.

    Markdown and article blocks have no escaping: an alinéa that starts like a heading
    or an article header ("Art. D. 133-13-2.-…" quoted inside an article) would read back
    as one. The text is therefore read back and compared with the tree; when they differ
    :class:`InputError` (LD105) says where, instead of writing a text that lies."""
    if fmt is Format.JSON:
        return jsonfmt.write(code)
    if fmt is Format.MARKDOWN:
        text = markdown.write(code)
        again = markdown.read(text, Path("<sortie>"), [])
    elif fmt is Format.BLOCKS:
        text = blocks.write(code)
        try:
            again = blocks.read(text, Path("<sortie>"), [])
        except InputError as e:
            raise InputError("LD105", f"le format blocks ne peut pas écrire ce texte sans "
                             f"ambiguïté : {e.diagnostic.message}",
                             evidence=e.diagnostic.evidence) from None
    else:
        raise ValueError(f"{fmt.value} is not a text format")
    difference = first_difference(code, again)
    if difference is not None:
        raise InputError("LD105", f"le format {fmt.value} ne peut pas écrire ce texte sans "
                         f"ambiguïté : {difference}")
    return text


class Entry(NamedTuple):
    """One node of :func:`content`."""

    depth: int
    kind: str  # "article" or a division kind
    key: str
    label: str  # article number or heading, as written
    texts: tuple[str, ...]  # visible alinéas (articles)


def content(code: Code) -> list[Entry]:
    """What every format must keep: the divisions (kind, number), the articles (number)
    and the visible text of their alinéas, in order."""
    out: list[Entry] = []
    for parents, node in code.walk():
        if isinstance(node, Article):
            out.append(Entry(len(parents), "article", node.key, node.num,
                             tuple(visible(a.text, a.markup) for a in node.alineas)))
        else:
            out.append(Entry(len(parents), node.kind.value, node.key, node.heading, ()))
    return out


def first_difference(a: Code, b: Code) -> str | None:
    """Where two trees differ in content (see :func:`content`), in French; None if not."""
    left, right = content(a), content(b)
    for x, y in zip(left, right, strict=False):
        if x[:3] == y[:3] and x.texts == y.texts:
            continue
        if x.kind == "article" and x[:3] == y[:3]:
            return (f"l'article {x.label} se relirait avec {counted(len(y.texts), 'alinéa')} "
                    f"au lieu de {len(x.texts)}" if len(x.texts) != len(y.texts) else
                    f"un alinéa de l'article {x.label} se relirait autrement")
        where = f"l'article {x.label}" if x.kind == "article" else f"« {x.label} »"
        return f"{where} ne se relirait pas à sa place"
    if len(left) != len(right):
        return "le nombre d'articles et de divisions changerait à la relecture"
    return None


def write_base(code: Code, out: Path | str, fmt: Format | str | None = None, *,
               inputs: tuple[Path, ...] = (), replace_folder: bool = False) -> Format:
    """Write a code to ``out`` atomically (a folder for ``layout`` and ``legi-xml``).

    Refuses to overwrite any of ``inputs``, and an existing non-empty folder unless
    ``replace_folder``. Returns the format written."""
    out = Path(out)
    target = format_for_output(out, fmt.value if isinstance(fmt, Format) else fmt)
    if target.is_folder and out.exists() and not replace_folder and (
            not out.is_dir() or any(out.iterdir())):
        raise InputError("LD105", "la sortie existe déjà : elle ne sera remplacée qu'avec "
                         "--force", Location(str(out)))
    if target is Format.LAYOUT:
        write_tree_atomic(out, lambda tmp: layout.write(code, tmp), inputs)
    elif target is Format.LEGI_XML:
        write_tree_atomic(out, lambda tmp: legixml.write(code, tmp), inputs)
    elif target is Format.SQLITE:
        write_via_temp(out, lambda tmp: legisqlite.write(code, tmp), inputs)
    else:
        write_file_atomic(out, render(code, target).encode("utf-8"), inputs)
    return target
