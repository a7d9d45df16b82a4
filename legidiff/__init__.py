"""legidiff: apply French drafting instructions to codes, exactly.

The public API, one import away (``from legidiff import …``), in the order of the
pipeline:

- base texts: :func:`read_base` (any format, detected) gives a :class:`Base` (``code``,
  ``format``, ``path``, ``diagnostics``); :func:`write_base` writes a code in a
  :class:`Format`; the tree is :class:`Code` > :class:`Division` > :class:`Article` >
  :class:`Alinea` (frozen: a consolidation shares what it does not change);
- units: :class:`Locator` (``Locator.parse("art_L853-3/lab_I/al_1")``, or
  :func:`parse_locator` for French: "le 1° du I de l'article L. 822-2") and
  :func:`resolve` (a :class:`Target` with its ``text`` and ``french()``);
- bills: :func:`parse_bill` gives a :class:`Bill` (``operations``, ``unrecognized``,
  ``provisions``, ``diagnostics``);
- consolidation: :func:`consolidate` (never raises on a bad instruction) gives a
  :class:`Consolidation` of :class:`Result` (one per instruction, with its
  :class:`Status`); :func:`mark_failures` the tree with the ``--partial`` markers;
  :func:`apply_bill` applies one bill to several bases (``legidiff apply``), and
  :func:`report` builds the report's JSON (``legidiff-report`` v1);
- views: :func:`compare` gives a :class:`Redline`, rendered by :func:`render_redline`
  and :func:`render_table` (HTML) or :func:`unified_diff`;
- reverse drafting: :func:`draft` gives a :class:`Draft` (the instructions, checked);
- Parliament: :func:`read_debate` (a :class:`Debate`), :func:`read_amendments_file`,
  :func:`select` and :func:`amend` (an :class:`Amended` bill), :func:`write_bill`, and
  :func:`amended_bill` (``legidiff amend``: read, select, amend);
- findings: :class:`Diagnostic` (stable code, :class:`Severity`, French message,
  :class:`Location`, evidence) are collected and returned; unusable input raises
  :class:`InputError`, and every error legidiff raises is a :class:`LegidiffError`.

Every JSON output carries ``"format"`` and ``"version"``; their JSON Schemas are shipped
in ``legidiff/schemas/`` (``importlib.resources.files("legidiff") / "schemas"``).
"""

from legidiff._version import __version__
from legidiff.apply.consolidate import Consolidation, Result, Status, consolidate, mark_failures
from legidiff.apply.run import Application, apply_bill
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill, parse_locator
from legidiff.diagnostics import Diagnostic, InputError, LegidiffError, Location, Severity
from legidiff.document.locator import Locator, Target, resolve
from legidiff.document.model import Alinea, Article, Code, Division
from legidiff.draft import Draft, draft
from legidiff.formats import Base, Format, read_base, write_base
from legidiff.parliament.amend import Amended, amend, select, write_bill
from legidiff.parliament.amendments import read_amendments_file
from legidiff.parliament.debate import Debate, read_debate
from legidiff.parliament.workflow import amended_bill
from legidiff.render.pages import render_redline, render_table
from legidiff.render.redline import Redline, compare, unified_diff
from legidiff.render.report import report

__all__ = [
    "Alinea",
    "Amended",
    "Application",
    "Article",
    "Base",
    "Bill",
    "Code",
    "Consolidation",
    "Debate",
    "Diagnostic",
    "Division",
    "Draft",
    "Format",
    "InputError",
    "LegidiffError",
    "Location",
    "Locator",
    "Redline",
    "Result",
    "Severity",
    "Status",
    "Target",
    "__version__",
    "amend",
    "amended_bill",
    "apply_bill",
    "compare",
    "consolidate",
    "draft",
    "mark_failures",
    "parse_bill",
    "parse_locator",
    "read_amendments_file",
    "read_base",
    "read_debate",
    "render_redline",
    "render_table",
    "report",
    "resolve",
    "select",
    "unified_diff",
    "write_base",
    "write_bill",
]
