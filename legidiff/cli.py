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
from typing import Any, NamedTuple, NoReturn, TextIO

from tqdm import tqdm

from legidiff._version import __version__
from legidiff.apply.consolidate import Consolidation
from legidiff.apply.run import Application, apply_bill, output_code
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill, parse_locator, render_listing
from legidiff.bill.text import normalize_pdf
from legidiff.diagnostics import Diagnostic, InputError, Location, Severity, warning
from legidiff.document.locator import (
    Locator,
    LocatorSyntaxError,
    ResolveError,
    StepKind,
    neighbours,
    resolve,
)
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
from legidiff.fsio import (
    STDIN,
    check_output,
    printable,
    read_text,
    reason,
    write_file_atomic,
)
from legidiff.lang.nearest import lenient_matches, typed_article
from legidiff.lang.numbering import article_bill_form, article_key
from legidiff.lang.text import counted
from legidiff.parliament.amend import Amended, write_bill
from legidiff.parliament.debate import read_debate, render_debate
from legidiff.parliament.workflow import amended_bill, bill_source
from legidiff.render.docx import DEFAULT_AUTHOR, render_docx
from legidiff.render.mapview import article_map, map_json, render_map
from legidiff.render.pages import render_redline, render_table
from legidiff.render.redline import Redline, compare, unified_diff
from legidiff.render.report import FailureGroup, dumps, failure_groups
from legidiff.render.report import report as report_data
from legidiff.render.serve import Server, is_loopback, serve

FORMATS = [f.value for f in Format]


# argparse's own messages, in French (argparse looks them up through gettext's ``_``
# and ``ngettext`` when it builds a parser, formats a help or reports an error)
_ARGPARSE_FR: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erreur : %(message)s\n",
    "the following arguments are required: %s": "arguments obligatoires absents : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "une valeur au plus attendue",
    "expected at least one argument": "une valeur au moins attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ignored explicit argument %r": "valeur %r ignorée",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande inconnue %(parser_name)r (choix : %(choices)s)",
}


def _french(message: str) -> str:
    return _ARGPARSE_FR.get(message, message)


def _french_plural(singular: str, plural: str, n: int) -> str:
    return _french(singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_in_french() -> Iterator[None]:
    """argparse's own messages in French while the block runs ("utilisation :",
    "erreur :", "arguments obligatoires absents"…): its gettext hooks, restored after."""
    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    argparse.__dict__["_"], argparse.__dict__["ngettext"] = _french, _french_plural
    try:
        yield
    finally:
        argparse.__dict__["_"], argparse.__dict__["ngettext"] = saved


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks French: its help, its usage and its errors (its
    subcommands' parsers are of this class too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _argparse_in_french():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        with _argparse_in_french():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        with _argparse_in_french():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_in_french():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in_french():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_in_french():
            super().error(message)


def _base_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, help="format de BASE (reconnu par défaut)")
    p.add_argument("--code", metavar="NOM",
                   help="nom du code, quand la base ne le dit pas "
                        "(« code de la sécurité intérieure »)")
    p.add_argument("--date", metavar="AAAA-MM-JJ",
                   help="version en vigueur à cette date (LEGI XML, legi.py ; par défaut : "
                        "aujourd'hui)")
    p.add_argument("--text-id", metavar="LEGITEXT…",
                   help="texte à lire dans un dossier LEGI ou une base legi.py")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="ne pas afficher les avertissements")


def _view_options(p: argparse.ArgumentParser, several: str) -> None:
    p.add_argument("--html", type=Path, metavar="REDLINE.html",
                   help="la version surlignée (redline) : chaque article changé, mot à mot, "
                        f"avec les instructions qui l'ont changé{several}")
    p.add_argument("--table", type=Path, metavar="TABLEAU.html",
                   help="le tableau comparatif, par article du texte : dispositions en "
                        "vigueur / texte du projet de loi (de la proposition, de la loi…) / "
                        f"texte consolidé{several}")
    p.add_argument("--diff", type=Path, metavar="SORTIE.diff",
                   help=f"un diff unifié des textes en Markdown, pour git{several}")
    p.add_argument("--docx", type=Path, metavar="SORTIE.docx",
                   help="un document Word des articles changés, dont les changements sont des "
                        "révisions (suivi des modifications) à accepter ou refuser"
                        f"{several}")
    p.add_argument("--author", default=DEFAULT_AUTHOR, metavar="NOM",
                   help=f"auteur des révisions de --docx (par défaut : {DEFAULT_AUTHOR})")


def _selection_options(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--debate", type=Path, metavar="COMPTE-RENDU",
                   help="le compte rendu d'où viennent les sorts de --adopted")
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument("--adopted", action="store_true",
                       help="les amendements que le compte rendu montre adoptés")
    group.add_argument("--select", metavar="N,N",
                       help="les amendements de ces numéros (« 26,90 »)")
    group.add_argument("--all", action="store_true", help="tous les amendements")


_STDIN = " ; - pour l'entrée standard"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="legidiff", description="Appliquer aux codes les instructions de rédaction "
                                     "des projets de loi, exactement.")
    parser.add_argument("--version", action="version", version=f"legidiff {__version__}",
                        help="afficher la version et quitter")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE",
                                title="commandes")

    show = sub.add_parser("show", help="afficher la table des matières, un article ou sa carte",
                          description="Afficher la table des matières d'une base, un article, "
                                      "ou (--map) chaque alinéa et chaque phrase avec son "
                                      "adresse.")
    show.add_argument("base", type=Path, metavar="BASE",
                      help="le texte de base (un fichier : - pour l'entrée standard)")
    show.add_argument("--article", "-a", metavar="NUM",
                      help="numéro d'article (« L. 853-3 » ; « 853-3 » ou « article l. 853-3 » "
                           "suffisent quand un seul article porte ce numéro)")
    show.add_argument("--map", action="store_true",
                      help="chaque alinéa et chaque phrase avec son adresse")
    show.add_argument("--at", metavar="ADRESSE",
                      help="afficher une unité : une adresse (art_L853-3/lab_I/al_1/ph_2) "
                           "ou en français (« la seconde phrase du premier alinéa du I de "
                           "l'article L. 853-3 »)")
    show.add_argument("--json", action="store_true", help="sortie en JSON")
    _base_options(show)

    convert = sub.add_parser("convert", help="convertir une base d'un format à un autre",
                             description="Convertir un texte de base d'un format à un autre. "
                                         "SORTIE est écrite atomiquement ; une entrée n'est "
                                         "jamais écrasée.")
    convert.add_argument("base", type=Path, metavar="BASE",
                         help="le texte de base (un fichier : - pour l'entrée standard)")
    convert.add_argument("out", type=Path, metavar="SORTIE",
                         help="le texte converti (- pour la sortie standard, en format texte)")
    convert.add_argument("--to", choices=FORMATS,
                         help="format de sortie (par défaut : selon l'extension de SORTIE : "
                              ".md, .json, .sqlite, .txt)")
    convert.add_argument("--force", action="store_true",
                         help="remplacer SORTIE quand c'est un dossier existant")
    _base_options(convert)

    apply = sub.add_parser(
        "apply", help="appliquer un projet ou une loi à un ou plusieurs textes de base",
        usage="legidiff apply BASE [BASE ...] BILL [-o SORTIE] [--report RAPPORT.json] "
              "[--partial] [options]",
        description="Consolider : appliquer les instructions de BILL (le projet ou la loi) à "
                    "chaque BASE. Code de sortie 0 quand toutes les instructions visant ces "
                    "bases sont appliquées ; 1 quand l'une a échoué (rien n'est écrit alors, "
                    "sauf avec --partial) ; 2 pour les erreurs d'utilisation et d'entrée.")
    apply.add_argument("inputs", nargs="+", type=Path, metavar="FICHIER",
                       help="les textes de base, puis le projet ou la loi (- : lu sur l'entrée "
                            "standard)")
    apply.add_argument("-o", "--output", type=Path, metavar="SORTIE",
                       help="le texte consolidé (un dossier quand plusieurs bases sont "
                            "données) ; son format est celui de la base, ou celui que nomme "
                            "l'extension de SORTIE ; - pour la sortie standard")
    apply.add_argument("--to", choices=FORMATS, help="format de SORTIE")
    apply.add_argument("--report", type=Path, metavar="RAPPORT.json",
                       help="chaque instruction avec son statut, sa place, l'avant et l'après")
    apply.add_argument("--partial", action="store_true",
                       help="écrire le texte consolidé même quand des instructions ont échoué, "
                            "avec un alinéa marqueur là où elles ont échoué")
    apply.add_argument("--force", action="store_true",
                       help="remplacer SORTIE si c'est un dossier")
    apply.add_argument("--title", help="titre du projet ou de la loi (par défaut : sa "
                                       "première ligne)")
    apply.add_argument("--unwrap", action="store_true",
                       help="recoller les lignes coupées par un PDF (copies du Journal "
                            "officiel)")
    _view_options(apply, " (un dossier quand plusieurs bases sont données)")
    _base_options(apply)

    apply.add_argument("--amendments", nargs="+", type=Path, metavar="AMENDEMENT",
                       help="appliquer d'abord ces amendements à BILL (fichiers d'amendements "
                            "ou comptes rendus de séance) : ce que dirait le code s'ils "
                            "étaient adoptés")
    _selection_options(apply, required=False)

    debate = sub.add_parser(
        "debate", help="lire un compte rendu : articles, amendements, avis, votes",
        description="Lire le compte rendu intégral d'une séance du Sénat : les articles du "
                    "projet cités, chaque amendement avec ses auteurs, sa cible, son texte, "
                    "les avis et les votes. Ce que l'extrait ne montre pas est inconnu.")
    debate.add_argument("transcript", type=Path, metavar="COMPTE-RENDU",
                        help="le compte rendu" + _STDIN)
    debate.add_argument("--json", action="store_true", help="sortie en JSON")

    amend_cmd = sub.add_parser(
        "amend", help="le projet tel que le modifie un ensemble d'amendements choisis",
        usage="legidiff amend BILL [AMENDEMENT ...] (--adopted | --select N,N | --all) "
              "[-o SORTIE] [--html REDLINE.html] [--report RAPPORT.json] [options]",
        description="Appliquer des amendements à un projet. BILL est le texte d'un projet ou "
                    "un compte rendu de séance (ses articles cités en entier) ; les fichiers "
                    "AMENDEMENT sont des amendements ou des comptes rendus (par défaut : les "
                    "amendements de BILL quand c'est un compte rendu). Code de sortie 0 quand "
                    "chaque amendement choisi est appliqué (ou tombé, ou identique à un "
                    "amendement appliqué) ; 1 sinon ; 2 pour les erreurs d'utilisation et "
                    "d'entrée.")
    amend_cmd.add_argument("inputs", nargs="+", type=Path, metavar="FICHIER",
                           help="le projet (ou le compte rendu), puis les amendements"
                                + _STDIN)
    amend_cmd.add_argument("-o", "--output", type=Path, metavar="SORTIE",
                           help="le projet amendé (un texte de projet ; - pour la sortie "
                                "standard)")
    amend_cmd.add_argument("--html", type=Path, metavar="REDLINE.html",
                           help="la version surlignée du projet")
    amend_cmd.add_argument("--report", type=Path, metavar="RAPPORT.json",
                           help="chaque amendement : statut, opérations, diagnostics")
    amend_cmd.add_argument("--title", help="titre du projet (par défaut : sa première ligne)")
    amend_cmd.add_argument("-q", "--quiet", action="store_true",
                           help="n'afficher que les erreurs")
    _selection_options(amend_cmd, required=True)

    draft_cmd = sub.add_parser(
        "draft", help="rédiger les instructions qui font passer d'une version d'un texte à "
                      "une autre",
        description="Rédaction inverse : comparer deux versions d'une base (de tous formats) "
                    "et écrire les instructions qu'un rédacteur écrirait, vérifiées en les "
                    "appliquant à ANCIEN. Code de sortie 0 quand elles donnent exactement "
                    "NOUVEAU, 1 sinon.")
    draft_cmd.add_argument("old", type=Path, metavar="ANCIEN", help="la version d'avant")
    draft_cmd.add_argument("new", type=Path, metavar="NOUVEAU", help="la version d'après")
    draft_cmd.add_argument("--article", action="append", metavar="NUM",
                           help="seulement cet article (peut être répété ; « 852-2 » suffit "
                                "quand un seul article porte ce numéro)")
    draft_cmd.add_argument("-o", "--output", type=Path, metavar="PROJET.txt",
                           help="y écrire les instructions (par défaut : la sortie standard)")
    draft_cmd.add_argument("--json", action="store_true",
                           help="les instructions, article par article, en JSON")
    _base_options(draft_cmd)

    redline = sub.add_parser(
        "redline", help="montrer ce qui a changé entre deux versions d'une base",
        description="Comparer deux versions d'une base (de tous formats) : la version "
                    "surlignée, le tableau comparatif, un diff unifié (affiché quand aucune "
                    "sortie n'est nommée).")
    redline.add_argument("old", type=Path, metavar="ANCIEN", help="la version d'avant")
    redline.add_argument("new", type=Path, metavar="NOUVEAU", help="la version d'après")
    redline.add_argument("--title", help="titre des pages (par défaut : celui du code)")
    _view_options(redline, "")
    _base_options(redline)

    parse = sub.add_parser("parse", help="analyser un projet ou une loi en opérations",
                           description="Analyser les instructions de rédaction d'un projet, "
                                       "d'une loi ou d'un texte de commission en opérations "
                                       "typées.")
    parse.add_argument("bill", type=Path, metavar="BILL",
                       help="le projet ou la loi" + _STDIN)
    parse.add_argument("--json", action="store_true",
                       help='JSON : {"operations", "unrecognized", "diagnostics", '
                            '"provisions"}')
    parse.add_argument("--title", help="titre du projet ou de la loi (par défaut : sa "
                                       "première ligne)")
    parse.add_argument("--unwrap", action="store_true",
                       help="recoller les lignes coupées par un PDF (copies du Journal "
                            "officiel)")
    parse.add_argument("--code", metavar="NOM",
                       help="le code auquel s'appliquent les instructions quand le texte ne "
                            "le nomme pas (« Le même code est ainsi modifié »)")
    parse.add_argument("-q", "--quiet", action="store_true",
                       help="ne pas afficher les diagnostics")

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
            _check_stdin(args)
            _PROGRESS.start()
            try:
                status = commands[args.command](args)
            finally:
                _PROGRESS.stop()
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


def _check_stdin(args: argparse.Namespace) -> None:
    """``-`` names the standard input once at most (it can be read only once)."""
    paths: list[Path] = [*(getattr(args, "inputs", None) or ()),
                         *(getattr(args, "amendments", None) or ())]
    for name in ("base", "bill", "transcript", "old", "new", "debate"):
        value = getattr(args, name, None)
        if isinstance(value, Path):
            paths.append(value)
    if sum(str(p) == STDIN for p in paths) > 1:
        raise InputError("LD106", "l'entrée standard (-) ne peut être lue qu'une fois : un "
                                  "seul des fichiers lus peut être -")


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
    """A line on standard error (undecodable bytes of file names written as \\xNN),
    above the progress line when there is one."""
    if _PROGRESS.bar is not None:
        _PROGRESS.bar.clear()
        print(printable(text), file=sys.stderr)
        _PROGRESS.bar.refresh()
    else:
        print(printable(text), file=sys.stderr)


class _Progress:
    """What a command is doing, on one line of standard error that rewrites itself
    ("legidiff: application à csi.md (2/3)… 00:04"), only when standard error is a
    terminal: nothing is written otherwise (a pipe, a file, a test's capture)."""

    def __init__(self) -> None:
        self.bar: tqdm[NoReturn] | None = None
        self.terminal = False

    def start(self) -> None:
        stream = sys.stderr
        try:
            self.terminal = stream is not None and stream.isatty()
        except (AttributeError, ValueError, OSError):
            self.terminal = False

    def stage(self, what: str) -> None:
        if not self.terminal:
            return
        if self.bar is None:
            self.bar = tqdm(total=None, file=sys.stderr, leave=False, dynamic_ncols=True,
                            bar_format="legidiff: {desc}… {elapsed}", mininterval=0.2,
                            desc=printable(what))
        else:
            self.bar.set_description_str(printable(what))

    def stop(self) -> None:
        if self.bar is not None:
            with contextlib.suppress(OSError, ValueError):
                self.bar.close()
            self.bar = None
        self.terminal = False


_PROGRESS = _Progress()


def _stage(what: str) -> None:
    """Say on the progress line (when there is one) what the command does now."""
    _PROGRESS.stage(what)


def _short(path: Path) -> str:
    """A file as the progress line names it: its name."""
    return "<entrée standard>" if str(path) == STDIN else path.name


def _name(path: Path) -> str:
    """A path as messages name it: ``-`` is the standard input."""
    return "<entrée standard>" if str(path) == STDIN else str(path)


def _stdout_failed(error: OSError) -> int:
    """One line for a full device (exit 2); nothing for a closed pipe (``| head``: the
    exit code of a process killed by SIGPIPE, 141)."""
    _silence(sys.stdout)
    if isinstance(error, BrokenPipeError):
        return 128 + 13
    _err(f"legidiff: <sortie standard>: erreur : écriture impossible : "
         f"{reason(error)} [LD105]")
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
    _stage(f"lecture de {_short(args.base)}")
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
        paths = code.find_articles(_typed_article([code], args.article, str(base.path)))
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


def _typed_article(codes: Sequence[Code], typed: str, where: str) -> str:
    """The number of the article a user typed ("852-2", "l. 852-2", "article L. 852-2"
    are L. 852-2 when no other article bears those digits), as the code writes it: an
    error naming the candidates when several articles may be meant (LD121), or the
    neighbours and the nearest numbers when none is (LD120)."""
    numbers = list(dict.fromkeys(p.article.num for code in codes for p in code.articles()))
    if any(code.find_articles(typed) for code in codes):
        return typed
    found = lenient_matches(numbers, typed)
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError("LD121", f"« {typed} » peut désigner {len(found)} articles dans "
                                  f"{where} : précisez lequel",
                         evidence="articles : " + ", ".join(article_bill_form(n)
                                                            for n in found))
    raise InputError("LD120", f"l'article {typed} n'existe pas dans {where}",
                     evidence=neighbours(numbers, typed_article(typed)))


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
    steps = tuple(dataclasses.replace(step, value=article_key(_typed_article(
        [code], step.value, "le texte de base"))) if step.kind is StepKind.ARTICLE
        and step.until is None and not code.find_articles(step.value) else step
        for step in locator.steps)
    locator = dataclasses.replace(locator, steps=steps)
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
    if str(args.out) == STDIN:
        fmt = Format(args.to) if args.to else base.format
        if fmt not in (Format.MARKDOWN, Format.BLOCKS, Format.JSON):
            raise InputError("LD106", f"SORTIE - écrit sur la sortie standard un format texte "
                                      f"(markdown, blocks, json), pas {fmt.value} : --to")
        _emit(render(base.code, fmt))
        return 0
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
    _stage("lecture des textes de base")
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
    _stage(f"lecture de {_short(bill_path)}")
    bill_text = _bill_text(bill_path)
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
    runs: list[tuple[Base, Consolidation]] = []
    for k, base in enumerate(bases, 1):
        _stage(f"application à {_short(base.path)}"
               + (f" ({k}/{len(bases)})" if len(bases) > 1 else ""))
        runs.extend(apply_bill([base], bill, path=str(bill_path)).runs)
    application = Application(bill, tuple(runs))
    complete = application.complete and (amended is None or amended.complete)
    for base, consolidation in runs:
        _print_results(consolidation, args.quiet)
        counts = ", ".join(counted(n, *_STATUS_FR[k]) for k, n in consolidation.counts().items())
        _err(f"legidiff: {_name(base.path)} : {counts}")
    if args.report is not None:
        data = report_data(bill.title, str(bill_path), runs)
        _write_text(args.report, dumps(data), inputs, json=True)
    if args.output is None:
        _err("legidiff: pas de -o : vérification seule, le texte consolidé n'est pas écrit "
             "(-o SORTIE, ou -o - pour la sortie standard)")
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


def _bill_text(path: Path) -> str:
    """The text of a bill (``-``: the standard input), without the byte-order mark some
    editors put first (it would hide the title line)."""
    return read_text(path).removeprefix("\ufeff")


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
        _stage(f"comparaison de {_short(base.path)} et du texte consolidé")
        view = compare(base.code, consolidation.code, consolidation, bill)
        if args.html is not None:
            _write_text(_view_path(args, "html", base, several), render_redline(view), inputs)
        if args.table is not None:
            _write_text(_view_path(args, "table", base, several), render_table(view), inputs)
        if args.diff is not None and (complete or args.partial):
            _stage("diff unifié")
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
    _stage(f"document Word {path.name}")
    data = render_docx(view, base=printable(base), author=printable(author), date=_run_date())
    write_file_atomic(path, data, inputs)
    _err(f"legidiff: {path} écrit")


def _write_text(path: Path, text: str, inputs: tuple[Path, ...], *, json: bool = False) -> None:
    """Write a page, a diff or a JSON document atomically; undecodable bytes of file
    names in it are written as \\xNN (:func:`legidiff.fsio.printable`)."""
    _stage(f"écriture de {path.name}")
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
    numbers = [_typed_article([old.code, new.code], number,
                              f"{args.old} ni dans {args.new}")
               for number in args.article or ()]
    if content(old.code) == content(new.code):
        raise InputError("LD130", f"rien à rédiger : {args.old} et {args.new} ont le même "
                                  "texte (mêmes divisions, mêmes articles, mêmes alinéas)")
    _stage("rédaction et vérification des instructions")
    result = draft(old.code, new.code, articles=set(numbers) if numbers else None)
    if not result.articles:
        raise InputError("LD130", "rien à rédiger : "
                         + (f"l'article {', '.join(numbers)} est le même dans ANCIEN et "
                            "NOUVEAU" if numbers else "ANCIEN et NOUVEAU ne diffèrent pas dans "
                            "ce que les instructions peuvent dire"))
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
    summary = ", ".join(counted(n, *_DRAFTED_FR.get(k, (k, k))) for k, n in kinds.items())
    state = ("vérifiées : appliquées à ANCIEN, elles donnent NOUVEAU" if result.checked else
             "NON vérifiées : appliquées à ANCIEN, elles ne donnent pas NOUVEAU")
    _err(f"legidiff: articles : {summary} ; instructions {state}")
    return 0 if result.checked else 1


_DRAFTED_FR: dict[str, tuple[str, str]] = {
    "modified": ("modifié", "modifiés"), "created": ("créé", "créés"),
    "repealed": ("abrogé", "abrogés"), "renumbered": ("renuméroté", "renumérotés")}


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
    _stage(f"lecture de {_short(args.old)} et {_short(args.new)}")
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
    _stage("comparaison")
    view = compare(old.code, new.code, old_label=str(args.old), new_label=str(args.new))
    if args.title:
        view = dataclasses.replace(view, title=args.title)
    if args.html is None and args.table is None and args.diff is None and args.docx is None:
        _stage("diff unifié")
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


def _print_results(consolidation: Consolidation, quiet: bool) -> None:
    """The diagnostics of the instructions, in the bill's order; the errors given for
    the same reason by several instructions (the same missing article) once, with their
    count and their places, where the first of them is."""
    groups = {id(d): group for group in failure_groups(consolidation.results)
              for _, d in group.failures}
    for result in consolidation.results:
        for d in result.diagnostics:
            group = groups.get(id(d))
            if group is not None and group.count > 1:
                if d is group.failures[0][1]:
                    _err(f"legidiff: {_grouped(group)}")
            elif d.severity is Severity.ERROR or not quiet:
                _err(f"legidiff: {d}")


def _grouped(group: FailureGroup) -> Diagnostic:
    """One diagnostic for a reason several instructions fail for."""
    places = " ; ".join(f"{result.source.bill_ref}" + (f" (ligne {d.location.line})"
                                                        if d.location and d.location.line
                                                        else "")
                        for result, d in group.failures)
    first = group.failures[0][1]
    return dataclasses.replace(
        first, message=f"{group.message} — {group.count} instructions en échec : {places}")


def _write_outputs(runs: list[tuple[Base, Consolidation]], args: argparse.Namespace,
                   inputs: tuple[Path, ...]) -> None:
    out: Path = args.output
    for base, consolidation in runs:
        code = output_code(consolidation)
        if len(runs) == 1:
            target, fmt = out, args.to or (None if out.suffix else base.format.value)
        else:
            target, fmt = out / base.path.name, base.format.value
        _stage(f"écriture de {target.name}")
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
    text = _bill_text(args.bill)
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
                         f"{reason(e)}") from None
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
