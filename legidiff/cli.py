"""The ``legidiff`` command.

Exit codes: 0 success; 1 the work was done but found problems (reserved for ``apply``);
2 usage or input errors (unreadable, malformed, unknown article…), reported in one
line on stderr without a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from legidiff._version import __version__
from legidiff.apply.consolidate import Consolidation
from legidiff.apply.run import apply_bill, output_code
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill, parse_locator, render_listing
from legidiff.diagnostics import Diagnostic, InputError, Location, Severity
from legidiff.document.locator import Locator, LocatorSyntaxError, ResolveError, neighbours, resolve
from legidiff.document.model import Article, ArticlePath, Code, Division
from legidiff.draft import draft
from legidiff.formats import Base, Format, read_base, render, write_base
from legidiff.formats.bases import read_bases
from legidiff.formats.jsonfmt import dump
from legidiff.fsio import read_text, write_file_atomic
from legidiff.lang.numbering import article_key
from legidiff.parliament.amend import Amended, write_bill
from legidiff.parliament.debate import read_debate, render_debate
from legidiff.parliament.workflow import amended_bill, bill_source
from legidiff.render.mapview import article_map, map_json, render_map
from legidiff.render.pages import render_redline, render_table
from legidiff.render.redline import compare, unified_diff
from legidiff.render.report import dumps
from legidiff.render.report import report as report_data

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "show":
            return _show(args)
        if args.command == "convert":
            return _convert(args)
        if args.command == "parse":
            return _parse(args)
        if args.command == "apply":
            return _apply(args)
        if args.command == "redline":
            return _redline(args)
        if args.command == "debate":
            return _debate(args)
        if args.command == "draft":
            return _draft(args)
        if args.command == "amend":
            return _amend(args)
    except InputError as e:
        print(f"legidiff: {e.diagnostic}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    raise AssertionError(args.command)  # pragma: no cover - argparse checks commands


def _load(args: argparse.Namespace) -> Base:
    base = read_base(args.base, args.format, code_name=args.code, date=args.date,
                     text_id=args.text_id)
    if not args.quiet:
        _print_diagnostics(base.diagnostics)
    return base


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is not Severity.INFO:
            print(f"legidiff: {d}", file=sys.stderr)


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
                print("\n".join(render_map(m) for m in maps), end="")
            return 0
        if args.json:  # a legidiff-code document holding the articles found
            _print_json(dump(Code(code.title, tuple(p.article for _, p in occurrences),
                                  code.meta, code.source_format)))
            return 0
        for k, (occ, path) in enumerate(occurrences):
            if k:
                print()
            print(_article_text(path, occ, len(paths)), end="")
        return 0
    if args.map:
        for path in code.articles():
            print(render_map(article_map(path)))
        return 0
    if args.json:
        _print_json(dump(code))
        return 0
    print(_toc(code, base), end="")
    return 0


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1))


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
        print(f"{target.french()}   [{locator}]")
        print(target.text)
    return 0


def _convert(args: argparse.Namespace) -> int:
    base = _load(args)
    written = write_base(base.code, args.out, args.to, inputs=(args.base,),
                         replace_folder=args.force)
    print(f"legidiff: {args.out} écrit ({written.value}, {base.code.count_articles()} articles)",
          file=sys.stderr)
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
    bases = read_bases(base_paths, args.format, code_name=args.code, date=args.date,
                       text_id=args.text_id)
    stdout_format = Format(args.to) if args.to else bases[0].format
    if to_stdout and stdout_format not in (Format.MARKDOWN, Format.BLOCKS, Format.JSON):
        raise InputError("LD106", f"-o - écrit sur la sortie standard un format texte "
                                  f"(markdown, blocks, json), pas {stdout_format.value} : --to")
    if not args.quiet:
        for base in bases:
            _print_diagnostics(base.diagnostics)
    bill_text = read_text(bill_path)
    title = args.title
    if args.amendments:
        if not (args.adopted or args.select or args.all):
            raise InputError("LD106", "--amendments : dites lesquels appliquer (--adopted, "
                                      "--select N,N ou --all)")
        amended = _amended(bill_path, args.amendments, args)
        _print_outcomes(amended, args.quiet)
        if not amended.complete:
            print("legidiff: des amendements n'ont pas pu être appliqués au projet : la "
                  "consolidation porte sur le projet tel qu'ils le laissent", file=sys.stderr)
        bill_text, title = write_bill(amended), None  # the text opens with its title line
    else:
        bill_text, title = bill_source(bill_text, str(bill_path), args.title)
    bill = parse_bill(bill_text, title=title, unwrap=args.unwrap,
                      code=args.code, path=str(bill_path))
    if not args.quiet:
        _print_diagnostics([d for d in bill.diagnostics if d.severity is not Severity.INFO])
    application = apply_bill(bases, bill, path=str(bill_path))
    runs, complete = list(application.runs), application.complete
    for base, consolidation in runs:
        for result in consolidation.results:
            for d in result.diagnostics:
                if d.severity is Severity.ERROR or not args.quiet:
                    print(f"legidiff: {d}", file=sys.stderr)
        counts = ", ".join(f"{n} {_STATUS_FR[k]}" for k, n in consolidation.counts().items())
        print(f"legidiff: {base.path} : {counts}", file=sys.stderr)
    inputs = (*base_paths, bill_path)
    if args.report is not None:
        data = report_data(bill.title, str(bill_path), runs)
        write_file_atomic(args.report, dumps(data).encode("utf-8"), inputs)
    if args.output is None:
        print("legidiff: pas de -o : vérification seule, le texte consolidé n'est pas écrit "
              "(-o OUT, ou -o - pour la sortie standard)", file=sys.stderr)
    elif not complete and not args.partial:
        print("legidiff: consolidation incomplète : rien n'est écrit (--partial pour écrire le "
              "texte avec les échecs marqués)", file=sys.stderr)
    elif to_stdout:
        ((_, consolidation),) = runs
        sys.stdout.write(render(output_code(consolidation), stdout_format))
    else:
        _write_outputs(runs, args, inputs)
    _write_views(runs, bill, args, inputs, complete)
    return 0 if complete else 1


def _write_views(runs: list[tuple[Base, Consolidation]], bill: Bill,
                 args: argparse.Namespace, inputs: tuple[Path, ...], complete: bool) -> None:
    """--html, --table (written even when instructions failed: they list the failures)
    and --diff (the consolidated text's diff: only when it may be written)."""
    several = len(runs) > 1
    for base, consolidation in runs:
        name = base.path.name
        view = compare(base.code, consolidation.code, consolidation, bill)
        if args.html is not None:
            _write_text(args.html / f"{name}.html" if several else args.html,
                        render_redline(view), inputs)
        if args.table is not None:
            _write_text(args.table / f"{name}.table.html" if several else args.table,
                        render_table(view), inputs)
        if args.diff is not None and (complete or args.partial):
            _write_text(args.diff / f"{name}.diff" if several else args.diff,
                        unified_diff(base.code, output_code(consolidation), name), inputs)


def _write_text(path: Path, text: str, inputs: tuple[Path, ...]) -> None:
    write_file_atomic(path, text.encode("utf-8"), inputs)
    print(f"legidiff: {path} écrit", file=sys.stderr)


def _debate(args: argparse.Namespace) -> int:
    debate = read_debate(read_text(args.transcript), str(args.transcript))
    if args.json:
        _print_json(debate.to_json())
    else:
        print(render_debate(debate), end="")
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
                print(f"legidiff: {d}", file=sys.stderr)
    summary: dict[str, int] = {}
    for outcome in amended.outcomes:
        summary[outcome.status.value] = summary.get(outcome.status.value, 0) + 1
    text = ", ".join(f"{n} {_OUTCOME_FR[k]}" for k, n in summary.items()) or "aucun amendement"
    print(f"legidiff: amendements : {text}", file=sys.stderr)


def _amend(args: argparse.Namespace) -> int:
    bill_path, *amendment_paths = args.inputs
    amended = _amended(bill_path, amendment_paths, args)
    _print_outcomes(amended, args.quiet)
    inputs = tuple(args.inputs) + ((args.debate,) if args.debate else ())
    if args.report is not None:
        write_file_atomic(args.report, dumps(amended.to_json()).encode("utf-8"), inputs)
    if args.output is not None:
        text = write_bill(amended)
        if str(args.output) == "-":
            sys.stdout.write(text)
        else:
            _write_text(args.output, text, inputs)
    if args.html is not None:
        view = compare(amended.bill, amended.code, amended.consolidation, None,
                       old_label="texte du projet", new_label="texte amendé")
        _write_text(args.html, render_redline(view), inputs)
    return 0 if amended.complete else 1


def _draft(args: argparse.Namespace) -> int:
    old, new = _two_versions(args)
    result = draft(old.code, new.code,
                   articles=set(args.article) if args.article else None)
    text = (json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"
            if args.json else result.text)
    if args.output is not None:
        _write_text(args.output, text, (args.old, args.new))
    else:
        sys.stdout.write(text)
    kinds: dict[str, int] = {}
    for a in result.articles:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "aucun changement"
    state = ("vérifiées : appliquées à OLD, elles donnent NEW" if result.checked else
             "NON vérifiées : appliquées à OLD, elles ne donnent pas NEW")
    print(f"legidiff: articles : {summary} ; instructions {state}", file=sys.stderr)
    return 0 if result.checked else 1


def _two_versions(args: argparse.Namespace) -> tuple[Base, Base]:
    """OLD and NEW of ``draft`` and ``redline``, read with the same options."""
    old, new = read_bases((args.old, args.new), args.format, code_name=args.code,
                          date=args.date, text_id=args.text_id)
    if not args.quiet:
        _print_diagnostics([*old.diagnostics, *new.diagnostics])
    return old, new


def _redline(args: argparse.Namespace) -> int:
    old, new = _two_versions(args)
    inputs = (args.old, args.new)
    view = compare(old.code, new.code, old_label=str(args.old), new_label=str(args.new))
    if args.title:
        view = dataclasses.replace(view, title=args.title)
    if args.html is None and args.table is None and args.diff is None:
        sys.stdout.write(unified_diff(old.code, new.code, args.new.name))
        return 0
    if args.html is not None:
        _write_text(args.html, render_redline(view), inputs)
    if args.table is not None:
        _write_text(args.table, render_table(view), inputs)
    if args.diff is not None:
        _write_text(args.diff, unified_diff(old.code, new.code, args.new.name), inputs)
    counts = ", ".join(f"{n} {k}(s)" for k, n in view.article_counts.items() if n)
    print(f"legidiff: {counts or 'aucun article changé'}", file=sys.stderr)
    return 0


_STATUS_FR = {"applied": "appliquée(s)", "failed": "en échec", "out_of_scope": "hors du texte",
              "standalone": "disposition(s) autonome(s)", "unrecognized": "non comprise(s)"}


def _write_outputs(runs: list[tuple[Base, Consolidation]], args: argparse.Namespace,
                   inputs: tuple[Path, ...]) -> None:
    out: Path = args.output
    for base, consolidation in runs:
        code = output_code(consolidation)
        if len(runs) == 1:
            target, fmt = out, args.to or (None if out.suffix else base.format.value)
        else:
            target, fmt = out / base.path.name, base.format.value
        written = write_base(code, target, fmt, inputs=inputs, replace_folder=args.force)
        print(f"legidiff: {target} écrit ({written.value})", file=sys.stderr)


def _parse(args: argparse.Namespace) -> int:
    text = read_text(args.bill)
    bill = parse_bill(text, title=args.title, unwrap=args.unwrap, code=args.code,
                      path=str(args.bill))
    if args.json:
        _print_json(bill.to_json())
    else:
        print(render_listing(bill), end="")
    if not args.quiet:
        _print_diagnostics(bill.diagnostics)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
