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
                             "text": "Au 1° du I …", "diagnostics": []}, …]}]}

``status`` is one of ``applied``, ``failed``, ``out_of_scope`` (another code or law),
``standalone`` (a provision that modifies nothing), ``unrecognized`` (a modifying
sentence not understood: the consolidation is not complete).
"""

from __future__ import annotations

import json

from legidiff.apply.consolidate import Consolidation
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
    return {"format": FORMAT, "version": VERSION,
            "bill": {"title": bill_title, "path": bill_path},
            "complete": all(c.complete for _, c in runs),
            "counts": counts, "dates": dates, "bases": bases}


def dumps(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
