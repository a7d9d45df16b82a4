"""The ``legidiff`` command.

Exit codes: 0 success; 1 the work was done but found problems (``apply``, ``amend``,
``draft``); 2 usage or input errors (unreadable, malformed, unknown article, an output
refused, standard output full…), reported in one line on stderr without a traceback;
130 interrupted (Ctrl-C), 143 or 129 terminated (SIGTERM, SIGHUP), temporaries removed;
141 standard output closed (``| head``), silently, as a process killed by SIGPIPE.

Every output is checked before any is written (:func:`_check_outputs`); every file a
command reads is an input, never overwritten.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import io
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from legidiff._version import __version__
from legidiff.apply.consolidate import Consolidation
from legidiff.apply.run import apply_bill, output_code
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill, parse_locator, render_listing
from legidiff.bill.text import normalize_pdf
from legidiff.diagnostics import Diagnostic, InputError, Location, Severity, warning
from legidiff.document.locator import Locator, LocatorSyntaxError, ResolveError, neighbours, resolve
from legidiff.document.model import Article, ArticlePath, Code, Division
from legidiff.draft import Draft, draft
from legidiff.formats import (
    Base,
    Format,
    content,
    detect_format,
    format_for_output,
    read_base,
    render,
    write_base,
)
from legidiff.formats.bases import read_bases
from legidiff.formats.jsonfmt import dump
from legidiff.fsio import check_output, printable, read_text, write_file_atomic
from legidiff.lang.numbering import article_bill_form, article_key
from legidiff.lang.text import counted
from legidiff.parliament.amend import Amended, write_bill
from legidiff.parliament.debate import read_debate, render_debate
from legidiff.parliament.workflow import amended_bill, bill_source
from legidiff.render.docx import DEFAULT_AUTHOR, render_docx
from legidiff.render.mapview import article_map, map_json, render_map
from legidiff.render.pages import render_redline, render_table
from legidiff.render.redline import Redline, compare, unified_diff
from legidiff.render.report import dumps
from legidiff.render.report import report as report_data
from legidiff.render.serve import Server, is_loopback, serve

FORMATS = [f.value for f in Format]


def _base_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, help="format of BASE (detected by default)")
    p.add_argument("--code", metavar="NAME",
                   help='name of the code, when the base does not say it '
                        '("code de la sécurité intérieure")')
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="version in force at this date (LEGI XML, legi.py; default: today)")
    p.add_argument("--text-id", metavar="LEGITEXT…",
                   help="text to read from a LEGI folder or legi.py database")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _view_options(p: argparse.ArgumentParser, several: str) -> None:
    p.add_argument("--html", type=Path, metavar="REDLINE.html",
                   help="the redline: every changed article, word by word, with the "
                        f"instructions that changed it{several}")
    p.add_argument("--table", type=Path, metavar="TABLE.html",
                   help="the tableau comparatif: texte en vigueur / texte de la loi / "
                        f"texte consolidé{several}")
    p.add_argument("--diff", type=Path, metavar="OUT.diff",
                   help=f"a unified diff of the texts as Markdown, for git users{several}")
    p.add_argument("--docx", type=Path, metavar="OUT.docx",
                   help="a Word document of the changed articles whose changes are Word "
                        "revisions (tracked changes) to accept or reject"
                        f"{several}")
    p.add_argument("--author", default=DEFAULT_AUTHOR, metavar="NAME",
                   help=f"author of the revisions of --docx (default: {DEFAULT_AUTHOR})")


def _selection_options(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--debate", type=Path, metavar="TRANSCRIPT",
                   help="the transcript the fates of --adopted come from")
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument("--adopted", action="store_true",
                       help="the amendments the transcript shows adopted")
    group.add_argument("--select", metavar="N,N",
                       help="the amendments with these numbers (\"26,90\")")
    group.add_argument("--all", action="store_true", help="every amendment")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legidiff", description="Apply French drafting instructions to codes, exactly.")
    parser.add_argument("--version", action="version", version=f"legidiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = sub.add_parser("show", help="print the table of contents, an article, or its map",
                          description="Print the table of contents of a base, an article, "
                                      "or (--map) every alinéa and phrase with its address.")
    show.add_argument("base", type=Path, metavar="BASE")
    show.add_argument("--article", "-a", metavar="NUM", help='article number ("L. 853-3")')
    show.add_argument("--map", action="store_true",
                      help="every alinéa and phrase with its address")
    show.add_argument("--at", metavar="LOCATOR",
                      help="print one unit: a canonical locator (art_L853-3/lab_I/al_1/ph_2) "
                           "or French (\"la seconde phrase du premier alinéa du I de "
                           "l'article L. 853-3\")")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    _base_options(show)

    convert = sub.add_parser("convert", help="convert a base from one format to another",
                             description="Convert a base text between formats. OUT is "
                                         "written atomically; an input is never overwritten.")
    convert.add_argument("base", type=Path, metavar="BASE")
    convert.add_argument("out", type=Path, metavar="OUT")
    convert.add_argument("--to", choices=FORMATS,
                         help="output format (default: from OUT's extension: .md, .json, "
                              ".sqlite, .txt)")
    convert.add_argument("--force", action="store_true",
                         help="replace OUT when it is an existing folder")
    _base_options(convert)

    apply = sub.add_parser(
        "apply", help="apply a bill or a law to one or more base texts",
        usage="legidiff apply BASE [BASE ...] BILL [-o OUT] [--report REPORT.json] "
              "[--partial] [options]",
        description="Consolidate: apply the instructions of BILL to each BASE. Exit 0 when "
                    "every instruction for these bases applied; 1 when one failed (nothing is "
                    "written then, unless --partial); 2 for usage and input errors.")
    apply.add_argument("inputs", nargs="+", type=Path, metavar="FILE",
                       help="the base texts, then the bill or law")
    apply.add_argument("-o", "--output", type=Path, metavar="OUT",  # "-": standard output
                       help="consolidated text (a folder when several bases are given); its "
                            "format is the base's, or the one OUT's extension names")
    apply.add_argument("--to", choices=FORMATS, help="format of OUT")
    apply.add_argument("--report", type=Path, metavar="REPORT.json",
                       help="every instruction with its status, place, before and after")
    apply.add_argument("--partial", action="store_true",
                       help="write the consolidated text even when instructions failed, with "
                            "a marker alinéa where they did")
    apply.add_argument("--force", action="store_true", help="replace OUT if it is a folder")
    apply.add_argument("--title", help="title of the bill or law (default: its first line)")
    apply.add_argument("--unwrap", action="store_true",
                       help="rejoin lines wrapped by a PDF (Journal officiel copies)")
    _view_options(apply, " (a folder when several bases are given)")
    _base_options(apply)

    apply.add_argument("--amendments", nargs="+", type=Path, metavar="AMENDMENT",
                       help="apply these amendments to BILL first (amendment files or debate "
                            "transcripts): what the code would say if they pass")
    _selection_options(apply, required=False)

    debate = sub.add_parser(
        "debate", help="read a debate transcript: articles, amendments, opinions, votes",
        description="Read a Senate debate transcript (compte rendu intégral): the bill "
                    "articles shown, every amendment with its authors, target, text, the "
                    "opinions and the votes. What the extract does not show is unknown.")
    debate.add_argument("transcript", type=Path, metavar="TRANSCRIPT")
    debate.add_argument("--json", action="store_true", help="machine-readable output")

    amend_cmd = sub.add_parser(
        "amend", help="the bill as amended by a chosen set of amendments",
        usage="legidiff amend BILL [AMENDMENT ...] (--adopted | --select N,N | --all) "
              "[-o OUT] [--html REDLINE.html] [--report REPORT.json] [options]",
        description="Apply amendments to a bill. BILL is a bill text or a debate transcript "
                    "(its articles shown in full); AMENDMENT files are amendment files or "
                    "transcripts (default: the amendments of BILL when it is a transcript). "
                    "Exit 0 when every selected amendment applied (or fell, or was identical "
                    "to one applied); 1 otherwise; 2 for usage and input errors.")
    amend_cmd.add_argument("inputs", nargs="+", type=Path, metavar="FILE",
                           help="the bill (or transcript), then amendment files")
    amend_cmd.add_argument("-o", "--output", type=Path, metavar="OUT",
                           help="the bill as amended (a bill text; - for standard output)")
    amend_cmd.add_argument("--html", type=Path, metavar="REDLINE.html",
                           help="the redline of the bill")
    amend_cmd.add_argument("--report", type=Path, metavar="REPORT.json",
                           help="every amendment: status, operations, diagnostics")
    amend_cmd.add_argument("--title", help="title of the bill (default: its first line)")
    amend_cmd.add_argument("-q", "--quiet", action="store_true",
                           help="print errors only")
    _selection_options(amend_cmd, required=True)

    draft_cmd = sub.add_parser(
        "draft", help="write the instructions that turn one version of a text into another",
        description="Reverse drafting: compare two versions of a base (any formats) and "
                    "write the instructions a drafter would write, checked by applying them "
                    "to OLD. Exit 0 when they give NEW exactly, 1 otherwise.")
    draft_cmd.add_argument("old", type=Path, metavar="OLD")
    draft_cmd.add_argument("new", type=Path, metavar="NEW")
    draft_cmd.add_argument("--article", action="append", metavar="NUM",
                           help="only this article (may be repeated)")
    draft_cmd.add_argument("-o", "--output", type=Path, metavar="BILL.txt",
                           help="write the instructions there (default: standard output)")
    draft_cmd.add_argument("--json", action="store_true",
                           help="the instructions, article by article, as JSON")
    _base_options(draft_cmd)

    redline = sub.add_parser(
        "redline", help="show what changed between two versions of a base",
        description="Compare two versions of a base (any formats): the redline, the "
                    "tableau comparatif, a unified diff (printed when no output is named).")
    redline.add_argument("old", type=Path, metavar="OLD")
    redline.add_argument("new", type=Path, metavar="NEW")
    redline.add_argument("--title", help="title of the pages (default: the code's)")
    _view_options(redline, "")
    _base_options(redline)

    parse = sub.add_parser("parse", help="parse a bill or a law into operations",
                           description="Parse the drafting instructions of a bill, a law or "
                                       "a committee text into typed operations.")
    parse.add_argument("bill", type=Path, metavar="BILL")
    parse.add_argument("--json", action="store_true",
                       help='JSON: {"operations", "unrecognized", "diagnostics", "provisions"}')
    parse.add_argument("--title", help="title of the bill or law (default: its first line)")
    parse.add_argument("--unwrap", action="store_true",
                       help="rejoin lines wrapped by a PDF (Journal officiel copies)")
    parse.add_argument("--code", metavar="NAME",
                       help="the code the instructions apply to when the text does not "
                            "name it (\"Le même code est ainsi modifié\")")
    parse.add_argument("-q", "--quiet", action="store_true", help="do not print diagnostics")

    serve_cmd = sub.add_parser(
        "serve", help="une page locale pour rédiger un projet de loi et en voir l'effet à "
                      "mesure de la frappe",
        description="Lance un serveur web local et sa page : on y colle ou on y tape un projet "
                    "de loi, et le diagnostic, la redline et les articles consolidés se mettent "
                    "à jour à chaque pause de la frappe. BASE est lu une fois, au démarrage. "
                    "Le serveur n'écoute que sur 127.0.0.1, sauf --host. Ctrl-C l'arrête.")
    serve_cmd.add_argument("base", type=Path, metavar="BASE")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="adresse d'écoute (par défaut : 127.0.0.1, cette machine "
                                "seule ; une autre adresse ouvre la page au réseau)")
    serve_cmd.add_argument("--port", type=int, default=8765,
                           help="port d'écoute (par défaut : 8765 ; 0 : un port libre)")
    _base_options(serve_cmd)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "show": _show, "convert": _convert, "parse": _parse, "apply": _apply,
        "redline": _redline, "debate": _debate, "draft": _draft, "amend": _amend,
        "serve": _serve}
    with _signals_as_exceptions():
        try:
            status = commands[args.command](args)
            _flush_stdout()
            return status
        except InputError as e:
            _err(f"legidiff: {e.diagnostic}")
            return 2
        except _StdoutError as e:
            return _stdout_failed(e.error)
        except BrokenPipeError:  # standard error closed too
            _silence(sys.stdout)
            _silence(sys.stderr)
            return 128 + 13
        except KeyboardInterrupt:
            return 130
        except _Terminated as e:
            return 128 + e.signum


# -- standard output and signals ---------------------------------------------------------


class _StdoutError(Exception):
    """Standard output cannot be written (a full device, a closed pipe)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


class _Terminated(BaseException):
    """SIGTERM or SIGHUP: raised so that temporaries are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP raise :class:`_Terminated` (a
    ``BaseException``: every write removes its temporaries on the way out)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]

    def handler(signum: int, _frame: object) -> None:
        raise _Terminated(signum)

    previous = {n: signal.signal(n, handler) for n in wanted}
    try:
        yield
    finally:
        for n, old in previous.items():
            signal.signal(n, old)


def _emit(text: str) -> None:
    """Write to standard output now; a failure is a :class:`_StdoutError` (never a
    traceback). Undecodable bytes of file names are written as \\xNN."""
    text = printable(text)
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a terminal that is not UTF-8
            if not isinstance(sys.stdout, io.TextIOWrapper):
                raise
            sys.stdout.reconfigure(errors="backslashreplace")
            sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as e:
        raise _StdoutError(e) from None


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as e:
        raise _StdoutError(e) from None


def _err(text: str) -> None:
    """A line on standard error (undecodable bytes of file names written as \\xNN)."""
    print(printable(text), file=sys.stderr)


def _stdout_failed(error: OSError) -> int:
    """One line for a full device (exit 2); nothing for a closed pipe (``| head``: the
    exit code of a process killed by SIGPIPE, 141)."""
    _silence(sys.stdout)
    if isinstance(error, BrokenPipeError):
        return 128 + 13
    _err(f"legidiff: <sortie standard>: error: écriture impossible : "
         f"{error.strerror or error} [LD105]")
    return 2


def _silence(stream: TextIO) -> None:
    """Point a standard stream at /dev/null: what is left in its buffer is dropped at
    exit instead of failing again there."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's capture)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


def _load(args: argparse.Namespace) -> Base:
    base = read_base(args.base, args.format, code_name=args.code, date=args.date,
                     text_id=args.text_id)
    if not args.quiet:
        _print_diagnostics(base.diagnostics)
    return base


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is not Severity.INFO:
            _err(f"legidiff: {d}")


def _show(args: argparse.Namespace) -> int:
    base = _load(args)
    code = base.code
    if args.at:
        return _show_at(code, args.at, args.json)
    if args.article:
        paths = code.find_articles(args.article)
        if not paths:
            raise InputError("LD120", f"l'article {args.article} n'existe pas dans {base.path}",
                             evidence=neighbours((p.article.num for p in code.articles()),
                                                 args.article))
        occurrences = [(i + 1 if len(paths) > 1 else None, p) for i, p in enumerate(paths)]
        if args.map:
            maps = [article_map(p, occ) for occ, p in occurrences]
            if args.json:
                documents = [{"format": "legidiff-map", "version": 1, **map_json(m)}
                             for m in maps]
                _print_json(documents if len(documents) > 1 else documents[0])
            else:
                _emit("\n".join(render_map(m) for m in maps))
            return 0
        if args.json:  # a legidiff-code document holding the articles found
            _print_json(dump(Code(code.title, tuple(p.article for _, p in occurrences),
                                  code.meta, code.source_format)))
            return 0
        _emit("\n".join(_article_text(path, occ, len(paths)) for occ, path in occurrences))
        return 0
    if args.map:
        _emit("".join(render_map(article_map(path)) + "\n" for path in code.articles()))
        return 0
    if args.json:
        _print_json(dump(code))
        return 0
    _emit(_toc(code, base))
    return 0


def _print_json(data: object) -> None:
    _emit(printable(json.dumps(data, ensure_ascii=False, indent=1), json=True) + "\n")


def _article_text(path: ArticlePath, occurrence: int | None, total: int) -> str:
    article = path.article
    head = f"Article {article.num}"
    if occurrence is not None:
        head += f" ({occurrence}/{total}, art_{article_key(article.num).replace(' ', '_')}"\
                f"@{occurrence})"
    lines = [head]
    if path.divisions:
        lines.append("[" + " > ".join(" ".join(d.heading.split()) for d in path.divisions)
                     + "]")
    for alinea in article.alineas:
        lines.append("")
        lines.append(alinea.text)
    return "\n".join(lines) + "\n"


def _toc(code: Code, base: Base) -> str:
    count = code.count_articles()
    lines = [f"{code.title or '(code sans titre : --code pour le nommer)'}"
             f"   [{base.format.value}, {count} articles]"]

    def walk(nodes: tuple[Division | Article, ...], depth: int) -> None:
        articles = [n.num for n in nodes if isinstance(n, Article)]
        if articles:
            lines.append("  " * depth + "articles " + ", ".join(articles))
        for node in nodes:
            if isinstance(node, Division):
                lines.append("  " * depth + " ".join(node.heading.split()))
                walk(node.children, depth + 1)

    walk(code.children, 0)
    return "\n".join(lines) + "\n"


def _show_at(code: Code, text: str, as_json: bool) -> int:
    try:
        locator = Locator.parse(text) if "_" in text and " " not in text else \
            parse_locator(text)
    except LocatorSyntaxError as e:
        raise InputError("LD120", str(e)) from None
    try:
        target = resolve(code, locator)
    except ResolveError as e:
        raise InputError(e.code, e.message, evidence=e.evidence) from None
    if as_json:
        _print_json({"format": "legidiff-unit", "version": 1, "locator": str(locator),
                     "french": target.french(), "text": target.text})
    else:
        _emit(f"{target.french()}   [{locator}]\n{target.text}\n")
    return 0


def _convert(args: argparse.Namespace) -> int:
    base = _load(args)
    written = _write_base(base.code, args.out, args.to, inputs=(args.base,),
                          replace_folder=args.force)
    _err(f"legidiff: {args.out} écrit ({written.value}, {base.code.count_articles()} articles)")
    return 0


def _apply(args: argparse.Namespace) -> int:
    if len(args.inputs) < 2:
        raise InputError("LD106", "il faut au moins un texte de base et un projet de loi : "
                         "legidiff apply BASE... BILL")
    *base_paths, bill_path = args.inputs
    to_stdout = args.output is not None and str(args.output) == "-"
    if len(base_paths) > 1 and args.output is not None and (args.output.suffix or to_stdout):
        raise InputError("LD106", "plusieurs textes de base : -o doit nommer un dossier",
                         Location(str(args.output)))
    if args.amendments and not (args.adopted or args.select or args.all):
        raise InputError("LD106", "--amendments : dites lesquels appliquer (--adopted, "
                                  "--select N,N ou --all)")
    if (args.adopted or args.select or args.all or args.debate) and not args.amendments:
        raise InputError("LD106", "--adopted, --select, --all et --debate choisissent parmi "
                                  "les amendements de --amendments")
    # every file read is an input: the bases, the bill, the amendments, the transcript
    inputs = (*base_paths, bill_path, *(args.amendments or ()),
              *((args.debate,) if args.debate else ()))
    bill_as_base = _reads_as_base(bill_path)
    if bill_as_base is not None and bill_as_base is not Format.MARKDOWN:
        raise _swapped(bill_path, bill_as_base, base_paths[0])
    try:
        bases = read_bases(base_paths, args.format, code_name=args.code, date=args.date,
                           text_id=args.text_id)
    except InputError as e:
        if e.code == "LD102" and bill_as_base is not None:
            raise _swapped(bill_path, bill_as_base, base_paths[0]) from None
        raise
    stdout_format = Format(args.to) if args.to else bases[0].format
    if to_stdout and stdout_format not in (Format.MARKDOWN, Format.BLOCKS, Format.JSON):
        raise InputError("LD106", f"-o - écrit sur la sortie standard un format texte "
                                  f"(markdown, blocks, json), pas {stdout_format.value} : --to")
    _check_outputs(_apply_outputs(args, bases), inputs)
    if not args.quiet:
        for base in bases:
            _print_diagnostics(base.diagnostics)
    bill_text = read_text(bill_path)
    amended: Amended | None = None
    if args.amendments:
        amended = _amended(bill_path, args.amendments, args)
        _print_outcomes(amended, args.quiet)
        if not amended.complete:
            _err("legidiff: des amendements n'ont pas pu être appliqués au projet : la "
                 "consolidation est incomplète")
        source, title = write_bill(amended), None  # the text opens with its title line
    else:
        source, title = bill_source(bill_text, str(bill_path), args.title)
    bill = parse_bill(source, title=title, unwrap=args.unwrap,
                      code=args.code, path=str(bill_path))
    if not args.quiet:
        _print_diagnostics([*_pdf_hint(bill_text, bill_path, args.unwrap),
                            *(d for d in bill.diagnostics if d.severity is not Severity.INFO)])
    _check_bill(bill, bill_path, bill_as_base, bases)
    application = apply_bill(bases, bill, path=str(bill_path))
    runs = list(application.runs)
    complete = application.complete and (amended is None or amended.complete)
    for base, consolidation in runs:
        for result in consolidation.results:
            for d in result.diagnostics:
                if d.severity is Severity.ERROR or not args.quiet:
                    _err(f"legidiff: {d}")
        counts = ", ".join(counted(n, *_STATUS_FR[k]) for k, n in consolidation.counts().items())
        _err(f"legidiff: {base.path} : {counts}")
    if args.report is not None:
        data = report_data(bill.title, str(bill_path), runs)
        _write_text(args.report, dumps(data), inputs, json=True)
    if args.output is None:
        _err("legidiff: pas de -o : vérification seule, le texte consolidé n'est pas écrit "
             "(-o OUT, ou -o - pour la sortie standard)")
    elif not complete and not args.partial:
        _err("legidiff: consolidation incomplète : rien n'est écrit (--partial pour écrire le "
             "texte avec les échecs marqués)")
    elif to_stdout:
        ((_, consolidation),) = runs
        _emit(render(output_code(consolidation), stdout_format))
    else:
        _write_outputs(runs, args, inputs)
    _write_views(runs, bill, args, inputs, complete)
    return 0 if complete else 1


# -- outputs, checked before anything is written -------------------------------------------


class _Out(NamedTuple):
    path: Path
    kind: str  # "file"; "tree", a folder replaced as a whole; "folder", files written in it
    replace: bool = True  # an existing non-empty tree may be replaced


# the file each view is written to in the folder given, with several bases
_VIEWS = {"html": ".html", "table": ".table.html", "diff": ".diff", "docx": ".docx"}


def _apply_outputs(args: argparse.Namespace, bases: Sequence[Base]) -> list[_Out]:
    """Every output ``apply`` may write, for :func:`_check_outputs`."""
    several = len(bases) > 1
    outs: list[_Out] = []
    if args.report is not None:
        outs.append(_Out(args.report, "file"))
    out: Path | None = args.output
    if out is not None and str(out) != "-":
        if several:
            outs.append(_Out(out, "folder"))
            outs += [_Out(out / b.path.name, "tree" if b.format.is_folder else "file",
                          args.force) for b in bases]
        else:
            fmt = format_for_output(out, args.to or (None if out.suffix
                                                     else bases[0].format.value))
            outs.append(_Out(out, "tree" if fmt.is_folder else "file", args.force))
    for option in _VIEWS:
        view: Path | None = getattr(args, option)
        if view is not None and several:
            outs.append(_Out(view, "folder"))
        if view is not None:
            outs += [_Out(_view_path(args, option, b, several), "file") for b in bases]
    return outs


def _check_outputs(outs: Sequence[_Out], inputs: tuple[Path, ...]) -> None:
    """Every output checked before any is written (:func:`legidiff.fsio.check_output`),
    and no two outputs the same file, nor one inside a folder another replaces."""
    for out in outs:
        if out.kind == "folder":
            check_output(out.path, (), folder=True)  # the files in it are checked
        else:
            check_output(out.path, inputs, folder=out.kind == "tree",
                         replace_folder=out.replace)
    places = [(o.path.resolve(), o) for o in outs if o.kind != "folder"]
    for k, (place, out) in enumerate(places):
        for other_place, other in places[:k]:
            if place == other_place:
                raise InputError("LD105", f"deux sorties portent le même nom : "
                                          f"{printable(str(other.path))}", Location(str(out.path)))
            for a, b in ((place, other), (other_place, out)):
                if b.kind == "tree" and b.path.resolve() in a.parents:
                    raise InputError("LD105", f"la sortie est dans le dossier {b.path}, qui "
                                              f"est remplacé", Location(str(a)))


def _reads_as_base(path: Path) -> Format | None:
    """The format of ``path`` when it reads as a base text that no bill could be
    (article blocks excepted: a bill may look like them)."""
    if not path.exists():
        return None
    try:
        fmt = detect_format(path)
    except InputError:
        return None
    return None if fmt is Format.BLOCKS else fmt


def _swapped(bill_path: Path, fmt: Format, base_path: Path) -> InputError:
    return InputError("LD107", f"BILL est un texte de base ({fmt.value}), pas un projet de loi : "
                      f"les arguments sont-ils inversés ? L'ordre est legidiff apply BASE... "
                      f"BILL (ici : legidiff apply {bill_path} {base_path})",
                      Location(str(bill_path)))


def _check_bill(bill: Bill, bill_path: Path, bill_as_base: Format | None,
                bases: Sequence[Base]) -> None:
    """A bill with no instruction: BASE and BILL given in the wrong order, or an empty
    bill (LD230): an error, never a blank summary and exit 0."""
    if bill.operations or bill.unrecognized:
        return
    if bill_as_base is not None:
        raise _swapped(bill_path, bill_as_base, bases[0].path)
    for base in bases:
        if base.path.is_file() and base.format in (Format.BLOCKS, Format.MARKDOWN) and \
                _reads_as_bill(base.path):
            raise InputError(
                "LD107", f"BASE se lit comme un projet de loi et BILL ne contient aucune "
                f"instruction : les arguments sont-ils inversés ? L'ordre est legidiff apply "
                f"BASE... BILL (ici : legidiff apply {bill_path} {base.path})",
                Location(str(base.path)))
    if not bill.provisions:
        raise InputError("LD230", "le projet de loi est vide : ni article ni instruction",
                         Location(str(bill_path)))


def _reads_as_bill(path: Path) -> bool:
    """Whether a file holds instructions a bill would give."""
    try:
        return bool(parse_bill(read_text(path), path=str(path)).operations)
    except InputError:
        return False


def _pdf_hint(text: str, path: Path, unwrapped: bool) -> list[Diagnostic]:
    """A copy of the Journal officiel's PDF ("1o", "no 2021-998") read without
    --unwrap: its wrapped lines would be read as alinéas of their own."""
    if unwrapped:
        return []
    for number, line in enumerate(text.splitlines(), start=1):
        if normalize_pdf(line) != line:
            return [warning("LD231", "copie du PDF du Journal officiel (« 1o », « no ») lue "
                            "sans --unwrap : si ses lignes sont coupées, relancez avec --unwrap",
                            Location(str(path), number), line.strip()[:80])]
    return []


def _write_views(runs: list[tuple[Base, Consolidation]], bill: Bill,
                 args: argparse.Namespace, inputs: tuple[Path, ...], complete: bool) -> None:
    """--html, --table (written even when instructions failed: they list the failures),
    --diff and --docx (the consolidated text's changes: only when it may be written; with
    --partial, its marker alinéas where instructions failed are among them)."""
    several = len(runs) > 1
    for base, consolidation in runs:
        name = base.path.name
        view = compare(base.code, consolidation.code, consolidation, bill)
        if args.html is not None:
            _write_text(_view_path(args, "html", base, several), render_redline(view), inputs)
        if args.table is not None:
            _write_text(_view_path(args, "table", base, several), render_table(view), inputs)
        if args.diff is not None and (complete or args.partial):
            _write_text(_view_path(args, "diff", base, several),
                        unified_diff(base.code, output_code(consolidation), name), inputs)
        if args.docx is None:
            continue
        docx_path = _view_path(args, "docx", base, several)
        if not (complete or args.partial):
            _err(f"legidiff: consolidation incomplète : {docx_path} n'est pas écrit "
                 "(--partial pour l'écrire avec les échecs marqués)")
            continue
        if not consolidation.complete:
            view = compare(base.code, output_code(consolidation), consolidation, bill)
        _write_docx(docx_path, view, _base_label(base, args), args.author, inputs)


def _view_path(args: argparse.Namespace, option: str, base: Base, several: bool) -> Path:
    """Where --html, --table or --diff writes the view of ``base``: the path given, or
    a file named after the base in the folder given when there are several bases."""
    view: Path = getattr(args, option)
    return view / f"{base.path.name}{_VIEWS[option]}" if several else view


def _base_label(base: Base, args: argparse.Namespace) -> str:
    """The base as the Word document names it: its title, its file's name (never a local
    folder), the date of the version read."""
    label = f"{base.code.title or 'texte sans titre'} ({base.path.name})"
    return label + (f", version du {args.date}" if args.date else "")


def _run_date() -> datetime.datetime:
    """The date of the revisions: now, or ``$SOURCE_DATE_EPOCH`` (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def _write_docx(path: Path, view: Redline, base: str, author: str,
                inputs: tuple[Path, ...]) -> None:
    data = render_docx(view, base=printable(base), author=printable(author), date=_run_date())
    write_file_atomic(path, data, inputs)
    _err(f"legidiff: {path} écrit")


def _write_text(path: Path, text: str, inputs: tuple[Path, ...], *, json: bool = False) -> None:
    """Write a page, a diff or a JSON document atomically; undecodable bytes of file
    names in it are written as \\xNN (:func:`legidiff.fsio.printable`)."""
    write_file_atomic(path, printable(text, json=json).encode("utf-8"), inputs)
    _err(f"legidiff: {path} écrit")


def _debate(args: argparse.Namespace) -> int:
    debate = read_debate(read_text(args.transcript), str(args.transcript))
    if args.json:
        _print_json(debate.to_json())
    else:
        _emit(render_debate(debate))
    _print_diagnostics(list(debate.diagnostics))
    return 0


def _amended(bill_path: Path, amendment_paths: list[Path], args: argparse.Namespace) -> Amended:
    """The bill as amended by the amendments the options choose."""
    numbers = ({n.strip() for n in args.select.split(",") if n.strip()} if args.select
               else None)
    return amended_bill(bill_path, amendment_paths, title=args.title, debate=args.debate,
                        numbers=numbers, adopted=args.adopted)


_OUTCOME_FR = {"applied": "appliqué", "failed": "en échec", "fallen": "tombé (sans objet)",
               "identical": "identique, appliqué une fois", "no_text": "article sans texte",
               "unrecognized": "non compris", "on_code": "instructions sur un code"}


def _print_outcomes(amended: Amended, quiet: bool) -> None:
    for outcome in amended.outcomes:
        for d in outcome.diagnostics:
            if d.severity is Severity.ERROR or not quiet:
                _err(f"legidiff: {d}")
    summary: dict[str, int] = {}
    for outcome in amended.outcomes:
        summary[outcome.status.value] = summary.get(outcome.status.value, 0) + 1
    text = ", ".join(f"{n} {_OUTCOME_FR[k]}" for k, n in summary.items()) or "aucun amendement"
    _err(f"legidiff: amendements : {text}")


def _amend(args: argparse.Namespace) -> int:
    bill_path, *amendment_paths = args.inputs
    inputs = tuple(args.inputs) + ((args.debate,) if args.debate else ())
    to_stdout = args.output is not None and str(args.output) == "-"
    _check_outputs([_Out(p, "file") for p in (args.report, args.html,
                                              None if to_stdout else args.output)
                    if p is not None], inputs)
    amended = _amended(bill_path, amendment_paths, args)
    _print_outcomes(amended, args.quiet)
    if args.report is not None:
        _write_text(args.report, dumps(amended.to_json()), inputs, json=True)
    if args.output is not None:
        text = write_bill(amended)
        if to_stdout:
            _emit(text)
        else:
            _write_text(args.output, text, inputs)
    if args.html is not None:
        view = compare(amended.bill, amended.code, amended.consolidation, None,
                       old_label="texte du projet", new_label="texte amendé")
        _write_text(args.html, render_redline(view), inputs)
    return 0 if amended.complete else 1


def _draft(args: argparse.Namespace) -> int:
    inputs = (args.old, args.new)
    if args.output is not None:
        _check_outputs([_Out(args.output, "file")], inputs)
    old, new = _two_versions(args)
    for number in args.article or ():
        if not old.code.find_articles(number) and not new.code.find_articles(number):
            raise InputError("LD120", f"l'article {number} n'existe ni dans {args.old} ni dans "
                             f"{args.new}", evidence=neighbours(
                                 (p.article.num for p in new.code.articles()), number))
    if content(old.code) == content(new.code):
        raise InputError("LD130", f"rien à rédiger : {args.old} et {args.new} ont le même "
                                  "texte (mêmes divisions, mêmes articles, mêmes alinéas)")
    result = draft(old.code, new.code,
                   articles=set(args.article) if args.article else None)
    if not result.articles:
        raise InputError("LD130", "rien à rédiger : "
                         + (f"l'article {', '.join(args.article)} est le même dans OLD et NEW"
                            if args.article else "OLD et NEW ne diffèrent pas dans ce que les "
                                                 "instructions peuvent dire"))
    if not args.quiet:
        _print_diagnostics(_drafted_duplicates(result, old, new))
    text = (json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
            if args.json else result.text)
    if args.output is not None:
        _write_text(args.output, text, inputs, json=args.json)
    else:
        _emit(printable(text, json=True) if args.json else text)
    kinds: dict[str, int] = {}
    for a in result.articles:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
    state = ("vérifiées : appliquées à OLD, elles donnent NEW" if result.checked else
             "NON vérifiées : appliquées à OLD, elles ne donnent pas NEW")
    _err(f"legidiff: articles : {summary} ; instructions {state}")
    return 0 if result.checked else 1


def _drafted_duplicates(result: Draft, old: Base, new: Base) -> list[Diagnostic]:
    """An article drafted whose number two articles bear (the code du travail's two
    R. 6332-4): the instructions cannot say which one; the warning names the one that
    changed (by its address and its place) among them."""
    drafted = {article_key(a.number) for a in result.articles}
    twins = {**old.code.duplicates(), **new.code.duplicates()}
    out: list[Diagnostic] = []
    for number in sorted(drafted & set(twins)):
        before, after = old.code.find_articles(number), new.code.find_articles(number)
        changed = [k for k in range(max(len(before), len(after)))
                   if k >= len(before) or k >= len(after)
                   or before[k].article.alineas != after[k].article.alineas
                   or before[k].describe() != after[k].describe()]
        paths = after or before
        name = f"art_{number.replace(' ', '_')}"
        places = [(after if k < len(after) else before)[k].describe() or "racine"
                  for k in changed]
        which = "; ".join(f"{name}@{k + 1} ({place})" for k, place in zip(changed, places,
                                                                           strict=True))
        out.append(warning(
            "LD110", f"{len(paths)} articles portent le numéro {article_bill_form(number)} : "
            f"les instructions rédigées ne disent pas lequel elles modifient",
            Location(str(new.path)), f"modifié : {which or 'aucun'}"))
    return out


def _two_versions(args: argparse.Namespace) -> tuple[Base, Base]:
    """OLD and NEW of ``draft`` and ``redline``, read with the same options."""
    old, new = read_bases((args.old, args.new), args.format, code_name=args.code,
                          date=args.date, text_id=args.text_id)
    if not args.quiet:
        _print_diagnostics([*old.diagnostics, *new.diagnostics])
    return old, new


def _redline(args: argparse.Namespace) -> int:
    inputs = (args.old, args.new)
    _check_outputs([_Out(p, "file") for p in (args.html, args.table, args.diff, args.docx)
                    if p is not None], inputs)
    old, new = _two_versions(args)
    view = compare(old.code, new.code, old_label=str(args.old), new_label=str(args.new))
    if args.title:
        view = dataclasses.replace(view, title=args.title)
    if args.html is None and args.table is None and args.diff is None and args.docx is None:
        _emit(unified_diff(old.code, new.code, args.new.name))
        return 0
    if args.html is not None:
        _write_text(args.html, render_redline(view), inputs)
    if args.table is not None:
        _write_text(args.table, render_table(view), inputs)
    if args.diff is not None:
        _write_text(args.diff, unified_diff(old.code, new.code, args.new.name), inputs)
    if args.docx is not None:
        named = dataclasses.replace(view, old_label=args.old.name, new_label=args.new.name)
        _write_docx(args.docx, named, _base_label(old, args), args.author, inputs)
    counts = ", ".join(counted(n, k) for k, n in view.article_counts.items() if n)
    _err(f"legidiff: {counts or 'aucun article changé'}")
    return 0


_STATUS_FR: dict[str, tuple[str, str]] = {
    "applied": ("appliquée", "appliquées"), "failed": ("en échec", "en échec"),
    "out_of_scope": ("hors du texte", "hors du texte"),
    "standalone": ("disposition autonome", "dispositions autonomes"),
    "unrecognized": ("non comprise", "non comprises")}


def _write_outputs(runs: list[tuple[Base, Consolidation]], args: argparse.Namespace,
                   inputs: tuple[Path, ...]) -> None:
    out: Path = args.output
    for base, consolidation in runs:
        code = output_code(consolidation)
        if len(runs) == 1:
            target, fmt = out, args.to or (None if out.suffix else base.format.value)
        else:
            target, fmt = out / base.path.name, base.format.value
        written = _write_base(code, target, fmt, inputs=inputs, replace_folder=args.force)
        _err(f"legidiff: {target} écrit ({written.value})")


def _write_base(code: Code, out: Path, fmt: str | None, *, inputs: tuple[Path, ...],
                replace_folder: bool) -> Format:
    """:func:`~legidiff.formats.write_base`, with a text that cannot be encoded (a file
    name that is not UTF-8, kept by a reader as the source of its text) reported as an
    error: nothing is written then."""
    try:
        return write_base(code, out, fmt, inputs=inputs, replace_folder=replace_folder)
    except UnicodeEncodeError as e:
        bad = printable(e.object[e.start:e.end]) if isinstance(e.object, str) else "?"
        raise InputError("LD105", f"texte impossible à écrire en UTF-8 ({bad} : un nom de "
                         "fichier qui n'est pas en UTF-8 ?) : rien n'est écrit",
                         Location(str(out))) from None


def _parse(args: argparse.Namespace) -> int:
    text = read_text(args.bill)
    bill = parse_bill(text, title=args.title, unwrap=args.unwrap, code=args.code,
                      path=str(args.bill))
    if not (bill.operations or bill.unrecognized or bill.provisions):
        raise InputError("LD230", "le projet de loi est vide : ni article ni instruction",
                         Location(str(args.bill)))
    if args.json:
        _print_json(bill.to_json())
    else:
        _emit(render_listing(bill))
    if not args.quiet:
        _print_diagnostics([*_pdf_hint(text, args.bill, args.unwrap), *bill.diagnostics])
    return 0


def _serve(args: argparse.Namespace) -> int:
    """The local page (:mod:`legidiff.render.serve`), until Ctrl-C."""
    if not 0 <= args.port <= 65535:
        raise InputError("LD106", f"--port {args.port} : un port va de 0 à 65535")
    base = _load(args)

    def ready(server: Server) -> None:
        if not is_loopback(args.host):
            _err(f"legidiff: attention : le serveur écoute sur {args.host}, hors de cette "
                 "machine : quiconque l'atteint sur le réseau peut lire le texte de base et "
                 "faire analyser des textes (--host 127.0.0.1 pour le garder local)")
        _err(f"legidiff: {base.path} lu ({base.code.count_articles()} articles) ; page "
             f"ouverte sur {server.url} (Ctrl-C pour arrêter)")

    try:
        serve(base, args.host, args.port, ready=ready)
    except OSError as e:
        raise InputError("LD106", f"impossible d'écouter sur {args.host}:{args.port} : "
                         f"{e.strerror or e}") from None
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
