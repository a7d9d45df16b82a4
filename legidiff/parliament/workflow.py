"""Bills in Parliament: a debate transcript read as the bill it shows, and a bill as
amended by a chosen set of amendments (``legidiff amend``, ``legidiff apply
--amendments``).

The errors are :class:`~legidiff.diagnostics.InputError` (LD106) with the messages of
the command line, which name its options (``--select``, ``--adopted``, ``--debate``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from legidiff.bill.text import read_bill
from legidiff.diagnostics import InputError
from legidiff.fsio import read_text
from legidiff.parliament.amend import Amended, amend, select
from legidiff.parliament.amendments import is_transcript, read_amendments_file
from legidiff.parliament.debate import Amendment, Debate, read_debate


def bill_source(text: str, path: str, title: str | None = None) -> tuple[str, str | None]:
    """The text to parse as a bill, and the title to parse it with: a bill text as it
    is, with ``title``; a debate transcript as the bill articles it shows in full,
    opening with its title line (``title`` or a default), the title then being None.

    >>> bill_source("Article 1er\\nLe code est ainsi modifié :\\n", "pjl.txt", "PJL")
    ('Article 1er\\nLe code est ainsi modifié :\\n', 'PJL')
    """
    if is_transcript(text):
        return read_debate(text, path).bill_text(title), None
    return text, title


def amended_bill(bill_path: Path, amendment_paths: Sequence[Path] = (), *,
                 title: str | None = None, debate: Path | None = None,
                 numbers: set[str] | None = None, adopted: bool = False) -> Amended:
    """Read a bill (a bill text or a debate transcript showing its articles) and
    amendments (amendment files or transcripts; by default the amendments of the bill's
    transcript), choose them (``numbers``; the ones adopted, with their fates from the
    transcripts or from ``debate``; or all) and apply them to the bill."""
    text = read_text(bill_path)
    transcripts: dict[Path, Debate] = {}
    if is_transcript(text):
        transcripts[bill_path] = read_debate(text, str(bill_path))
        bill = transcripts[bill_path].bill(title)
    else:
        bill = read_bill(text, title=title, path=str(bill_path))
    amendments: list[Amendment] = []
    sources = list(amendment_paths) or ([bill_path] if bill_path in transcripts else [])
    if not sources:
        raise InputError("LD106", "aucun amendement : donnez des fichiers d'amendements ou un "
                                  "compte rendu de séance")
    for path in sources:
        if path not in transcripts:
            content = read_text(path)
            if is_transcript(content):
                transcripts[path] = read_debate(content, str(path))
            else:
                amendments.extend(read_amendments_file(content, str(path)))
                continue
        amendments.extend(transcripts[path].amendments)
    if debate is not None:
        fates = {a.number: a for a in read_debate(read_text(debate), str(debate)).amendments}
        amendments = [dataclasses.replace(a, fate=fates[a.number].fate,
                                          fate_line=fates[a.number].fate_line)
                      if a.number in fates else a for a in amendments]
    if adopted and not transcripts and debate is None:
        raise InputError("LD106", "--adopted : les sorts des amendements viennent d'un compte "
                                  "rendu (--debate TRANSCRIPT)")
    if numbers is not None:
        unknown = numbers - {a.number for a in amendments}
        if unknown:
            raise InputError("LD106", "--select : "
                             + ("amendement inconnu : " if len(unknown) == 1
                                else "amendements inconnus : ")
                             + ", ".join(sorted(unknown)))
    chosen = select(tuple(amendments), numbers=numbers, adopted=adopted)
    return amend(bill, chosen, str(amendment_paths[0] if amendment_paths else bill_path))
