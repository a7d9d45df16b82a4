"""One bill applied to several base texts: the workflow of ``legidiff apply``.

Each base is consolidated on its own: an instruction on another code is ``out_of_scope``
in it (a base is known by its code's name: ``read_base(…, code_name=…)`` names a code
whose source does not, and ``parse_bill(…, code=…)`` the code of a bill that says "le
même code"). The application is complete when every base's consolidation is.

>>> from legidiff.document.model import Alinea, Article, Code
>>> from pathlib import Path
>>> from legidiff.formats import Base, Format
>>> from legidiff.bill.parse import parse_bill
>>> base = Base(Code("Code électoral", (Article("L1", (Alinea("Le préfet."),)),)),
...             Format.JSON, Path("electoral.json"))
>>> bill = parse_bill("Article 1er\\nÀ l'article L. 1 du code électoral, le mot : "
...                   "« préfet » est remplacé par le mot : « maire ».\\n")
>>> application = apply_bill([base], bill)
>>> application.complete, output_code(application.runs[0][1]).children[0].alineas[0].text
(True, 'Le maire.')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from legidiff.apply.consolidate import Consolidation, consolidate, mark_failures
from legidiff.bill.operations import Bill
from legidiff.document.model import Code
from legidiff.formats import Base


@dataclass(frozen=True, slots=True)
class Application:
    """A bill applied to several bases: each base with its consolidation, in order."""

    bill: Bill
    runs: tuple[tuple[Base, Consolidation], ...]

    @property
    def complete(self) -> bool:
        """Every base's consolidation is complete."""
        return all(c.complete for _, c in self.runs)


def apply_bill(bases: Sequence[Base], bill: Bill, *, path: str = "<texte>") -> Application:
    """Consolidate each base with ``bill`` (``path`` names the bill in diagnostics).
    Never raises on a bad instruction: see each :class:`Consolidation`."""
    return Application(bill, tuple((base, consolidate(base.code, bill, path=path))
                                   for base in bases))


def output_code(consolidation: Consolidation) -> Code:
    """The consolidated tree to write: as it is when the consolidation is complete,
    otherwise with a marker alinéa where instructions failed (``--partial``: a partial
    text must never pass for the law)."""
    return consolidation.code if consolidation.complete else mark_failures(consolidation)
