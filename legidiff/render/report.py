"""The consolidation report: every instruction, what became of it, where, and the text
before and after (``legidiff apply --report REPORT.json``).

Schema (``"format": "legidiff-report", "version": 1``; JSON Schema:
``legidiff/schemas/report-v1.schema.json``)::

    {"format": "legidiff-report", "version": 1,
     "bill": {"title": "…", "path": "…"},
     "complete": true,                         # every in-scope instruction applied
     "counts": {"applied": 10, "failed": 0, "out_of_scope": 0, "standalone": 2,
                "unrecognized": 0},
     "dates": ["2025-07-31"],                  # named by standalone provisions
     "bases": [{"path": "…", "format": "markdown", "code": "Code de la sécurité intérieure",
                "complete": true, "counts": {…},
                "changed_articles": {"L852-3": ["Projet de loi …, article 11, I, 2°"]},
                "results": [{"status": "applied", "kind": "replace_words",
                             "target": "code-…:livre_8/art_L822-2/lab_I/lab_1°",
                             "address": "le 1° du I de l'article L. 822-2",
                             "before": "…", "after": "…",
                             "bill_ref": "article 11, I, 1°", "line": 18, "column": 4,
                             "text": "Au 1° du I …", "diagnostics": []}, …],
                "repeated_failures": [{"code": "LD301", "count": 3,
                                       "message": "l'article L. 8522 n'existe pas …",
                                       "bill_refs": ["article 1er, 2°", …]}]}]}

``status`` is one of ``applied``, ``failed``, ``out_of_scope`` (another code or law),
``standalone`` (a provision that modifies nothing), ``unrecognized`` (a modifying
sentence not understood: the consolidation is not complete). ``repeated_failures``
(present when there are some) groups the instructions that failed for the same reason
(the same missing article, say): one entry with their count and their places.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from legidiff.apply.consolidate import Consolidation, Result
from legidiff.diagnostics import Diagnostic, Severity
from legidiff.formats import Base

FORMAT = "legidiff-report"
VERSION = 1


def report(bill_title: str | None, bill_path: str,
           runs: list[tuple[Base, Consolidation]]) -> dict[str, object]:
    counts: dict[str, int] = {}
    dates: list[str] = []
    bases = []
    for base, consolidation in runs:
        for status, n in consolidation.counts().items():
            counts[status] = counts.get(status, 0) + n
        for result in consolidation.results:
            dates.extend(d for d in result.dates if d not in dates)
        bases.append({
            "path": str(base.path), "format": base.format.value, "code": base.code.title,
            "complete": consolidation.complete, "counts": consolidation.counts(),
            "changed_articles": {k: list(v) for k, v in consolidation.provenance.items()},
            "results": [r.to_json() for r in consolidation.results],
        })
        repeated = [group.to_json() for group in failure_groups(consolidation.results)
                    if group.count > 1]
        if repeated:
            bases[-1]["repeated_failures"] = repeated
    return {"format": FORMAT, "version": VERSION,
            "bill": {"title": bill_title, "path": bill_path},
            "complete": all(c.complete for _, c in runs),
            "counts": counts, "dates": dates, "bases": bases}


def dumps(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True, slots=True)
class FailureGroup:
    """Instructions that failed for the same reason: the same code, the same message
    once the instruction's reference and its target are taken off ("l'article L. 8522
    n'existe pas dans le texte de base"), the same evidence."""

    code: str
    message: str
    evidence: str | None
    failures: tuple[tuple[Result, Diagnostic], ...]

    @property
    def count(self) -> int:
        return len(self.failures)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code, "message": self.message, "count": self.count,
            "bill_refs": [result.source.bill_ref for result, _ in self.failures]}
        if self.evidence:
            out["evidence"] = self.evidence
        return out


def failure_groups(results: Iterable[Result]) -> list[FailureGroup]:
    """The errors of failed instructions grouped by reason, in the order of their first
    instruction (a group of one for a reason given once)."""
    groups: dict[tuple[str, str, str | None], list[tuple[Result, Diagnostic]]] = {}
    for result in results:
        for d in result.diagnostics:
            if d.severity is Severity.ERROR:
                groups.setdefault((d.code, reason(result, d), d.evidence), []).append(
                    (result, d))
    return [FailureGroup(code, message, evidence, tuple(failures))
            for (code, message, evidence), failures in groups.items()]


def reason(result: Result, diagnostic: Diagnostic) -> str:
    """The message of a failure without the instruction's reference before it nor its
    target after it: what is the same when one mistake makes several instructions fail."""
    message = diagnostic.message.removeprefix(f"{result.source.bill_ref} : ")
    if result.address:
        message = message.removesuffix(f" ({result.address})")
    return message
