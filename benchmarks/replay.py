"""Replay: legidiff on real changes of real whole codes (issue 12, item 5b).

    python benchmarks/replay.py [--corpus PATH] [--limit N] [--json OUT.jsonl]
                                [--typographic-quotes] [-v]

Input: ``replay-2/triples.jsonl`` of the shared corpus (default ``../shared/corpus`` beside
the checkout, read in place): real amending instructions, each paired with the change it
made to an article in the LEGI history (etalab's ``codes-juridiques-francais``), and the
whole code just before the change (``replay-2/snapshots/<commit>-<code>.tar.xz``). Each
snapshot is extracted once into a cache outside the repository
(``$TMPDIR/legidiff-replay-2/<file name>/``), read once with
:func:`legidiff.formats.read_base`, and every record on it is replayed: the record becomes
a one-article bill (``replay_case.bill_text``: its chapeaux, the instruction, the quoted
alinéas), parsed with :func:`legidiff.bill.parse_bill` (the record's code as the default
code, as ``legidiff apply --code`` would), consolidated into the code, and the article the
record names is compared with the official article after the change
(``replay_case.compare``). Each record is one of:

- **exact**: the same text as the official one, typography aside (DOMAIN.md);
- **consistent**: not exact, but every change legidiff made is in the official text, which
  carries other changes too (one commit holds every change a law made to the article);
- **wrong**: applied, and the article carries a change the official one does not have, or
  the instruction reported applied left the article unchanged — every one is listed, with
  the difference;
- **failed**: legidiff refused (a diagnostic: its code and message), did not understand the
  instruction, applied nothing, or the snapshot could not be read;
- **crash**: an exception from legidiff — a bug — with the last line of its traceback.

Typography the comparison sets aside, besides DOMAIN.md's (apostrophes, spaces, dashes,
"Etat"/"État"): quotation marks — « », " and “ ” are one mark (La Fabrique de la loi turned
the bills' « » into straight quotes; LEGI writes inner quotes as " … ”) — and LEGI's call
of an editor's note at the end of an alinéa ("… du schéma (1)."), which is not law text.

The consolidators' list punctuation (``replay_case.as_consolidated``): when an item is
added after the last item of an enumeration ending with « . », that « . » becomes « ; »
and the new last item ends with « . ». legidiff does it itself (LD317); the comparison
takes it into account only where the words are the same: an item legidiff wrote ending
with « . » matches the official one ending with « ; » when the official text added an
item right after it (another provision of the law), and an item whose « . » legidiff
made « ; » matches the official one when LEGI left the « . » (it does not always apply
the rule). A change that ends an alinéa and writes new alinéas after it (". → ; ¶ 7° …")
is judged as its two changes when it fails as a whole: another provision may have
written words between them. Nothing else is loosened.

Every wrong record is explained (``explain``, printed with it and counted in the figures):
(b) the reading's wording differs from the promulgated law's — found automatically when
every difference is words the instruction quotes, written as quoted, strictly inside what
legidiff wrote (or words it named to delete), where the official text has others
(``replay_case._from_the_reading``), or checked by hand (``NOTES``, with the two
wordings); (c) the official text moved the unit, or LEGI's text before is faulty (by
hand); (a) a legidiff bug not fixed; else "unexplained".

Consistent records where the official text also changed words right next to legidiff's
change are counted apart: there, legidiff's change is in the official text but the
official one at that place is larger (a later reading's words, the « ; » the consolidators
put at the end of the item before an added one, or a piece legidiff missed).

Caveats of the data (corpus README): most instructions are the wording of a parliamentary
reading, not the promulgated law, so a change may differ from the official one where the
final reading changed the words (counted wrong all the same: the report says whether the
official text changed that stretch otherwise or left it as it was); the same instruction
appears twice when two commits name its law (figures are also given per distinct
instruction and article). Only the named article is compared: what the instruction did
to other articles has no official text in the record. A record holds one instruction and
its chapeaux, not its sibling items: « la même phrase » naming an earlier item fails.
Quoted alinéas from La Fabrique de la loi use straight quotes, as given;
``--typographic-quotes`` is a what-if that makes them « » before parsing.

Figures are printed last. ``--json`` writes one line per record. Exit status 0 (a
measurement), 2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from replay_case import (  # noqa: E402
    amending_kind,
    bill_text,
    compare,
    quoted_pieces,
    quoted_tokens,
    readable_diff,
)

from legidiff.apply.consolidate import Consolidation, Status, consolidate  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.diagnostics import InputError  # noqa: E402
from legidiff.document.model import Article, Code  # noqa: E402
from legidiff.formats import read_base  # noqa: E402
from legidiff.formats.layout import read_article_text  # noqa: E402
from legidiff.lang.text import visible  # noqa: E402

CLASSES = ("exact", "consistent", "wrong", "failed", "crash")
CACHE = Path(tempfile.gettempdir()) / "legidiff-replay-2"


@dataclass
class Outcome:
    """What became of one record."""

    index: int  # line of triples.jsonl, from 0
    record: dict[str, Any]
    kind: str = "failed"  # one of CLASSES
    code: str = ""  # diagnostic code of a failure (LDxxx), or a reason of ours
    message: str = ""
    cause: str = ""  # of a wrong case
    differences: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)  # ours against official, for people
    notes: list[str] = field(default_factory=list)
    overlap: bool = False  # consistent, the official text changing more next to the change
    explanation: tuple[str, str] = ("", "")  # of a wrong case: category, why (see explain)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {"index": self.index, "code": r["code"], "article": r["article"],
                "law": r["law"], "amending_kind": amending_kind(r["law"]),
                "change": r["change"], "verified_by": r["verified_by"],
                "snapshot": r["snapshot"], "instruction": r["instruction"],
                "class": self.kind, "diagnostic": self.code or None,
                "message": self.message or None, "cause": self.cause or None,
                "overlap": self.overlap, "explanation": list(self.explanation),
                "differences": self.differences, "diff": self.diff,
                "notes": self.notes,
                "seconds": round(self.seconds, 4)}


# ---------------------------------------------------------------------------
# Snapshots


def extract(archive: Path, cache: Path = CACHE) -> Path:
    """The folder of the code a snapshot holds, extracted once into the cache (keyed by
    the archive's file name; a partial extraction is never used)."""
    target = cache / archive.name.removesuffix(".tar.xz")
    done = target / ".complete"
    if not done.exists():
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=cache))
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(work, filter="data")
        (work / ".complete").write_text("", "utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    folders = [p for p in (target / "codes-en-vigueur").iterdir() if p.is_dir()] if (
        target / "codes-en-vigueur").is_dir() else []
    if len(folders) != 1:
        raise InputError("LD104", f"{archive.name} : un dossier de code attendu sous "
                                  f"codes-en-vigueur/, {len(folders)} trouvé(s)")
    return folders[0]


# ---------------------------------------------------------------------------
# One record


def _alineas(article: Article) -> list[str]:
    return [visible(a.text, a.markup) for a in article.alineas]


def _official(text: str | None) -> list[str] | None:
    return None if text is None else _alineas(read_article_text(text))


def _find(code: Code, number: str, source: str | None) -> tuple[Article | None, str]:
    """The article of this number (the one read from ``source`` when several are)."""
    found = code.find_articles(number)
    if len(found) > 1 and source is not None:
        chosen = [p for p in found if p.article.meta is not None
                  and p.article.meta.source == source]
        if len(chosen) == 1:
            return chosen[0].article, ""
    if len(found) > 1:
        return found[0].article, f"{len(found)} articles {number}: the first compared"
    return (found[0].article, "") if found else (None, "")


def replay(index: int, record: dict[str, Any], code: Code, folder: Path, *,
           typographic: bool = False) -> Outcome:
    """Replay one record on the code read from its snapshot (see the module docs)."""
    out = Outcome(index, record)
    started = time.perf_counter()
    try:
        _replay(out, code, folder, typographic)
    except Exception as e:  # a bug of legidiff (or of this script): counted apart
        out.kind = "crash"
        out.code = type(e).__name__
        out.message = traceback.format_exception_only(e)[-1].strip()
        out.notes.append("".join(traceback.format_exception(e))[-2000:])
    out.seconds = time.perf_counter() - started
    return out


def _replay(out: Outcome, code: Code, folder: Path, typographic: bool) -> None:
    record = out.record
    bill = parse_bill(bill_text(record, typographic=typographic), title=record["law"],
                      code=record["code"])
    result = consolidate(code, bill)
    failures = result.failures
    if failures:
        diagnostic = next((d for r in failures for d in r.diagnostics), None)
        out.kind = "failed"
        out.code = diagnostic.code if diagnostic else failures[0].status.value
        out.message = diagnostic.message if diagnostic else failures[0].kind
        out.notes += [str(d) for r in failures for d in r.diagnostics[1:]]
        return
    if not any(r.status is Status.APPLIED for r in result.results):
        out.kind = "failed"
        diagnostic = next((d for d in result.diagnostics), None)
        out.code = diagnostic.code if diagnostic else "nothing"
        out.message = ("nothing applied: " + diagnostic.message) if diagnostic else (
            "nothing applied, no diagnostic (" + ", ".join(
                f"{k} {v}" for k, v in sorted(result.counts().items())) + ")")
        return
    _classify(out, result, folder)


def _classify(out: Outcome, result: Consolidation, folder: Path) -> None:
    record = out.record
    number = record["article"]
    path = record["history"]["path"]
    source = str(folder.parent.parent / path) if path else None
    before_article, note = _find(result.base, number, source)
    if note:
        out.notes.append("before: " + note)
    ours_article, note = _find(result.code, number, source)
    if note:
        out.notes.append("after: " + note)
    before = _alineas(before_article) if before_article is not None else None
    recorded = _official(record.get("before"))
    if (recorded is None) != (before is None) or (
            recorded is not None and before is not None and compare(recorded, before,
                                                                    before).kind != "exact"):
        out.notes.append("the snapshot's article differs from the record's « before »")
    ours = _alineas(ours_article) if ours_article is not None else None
    official = _official(record.get("after"))
    verdict = compare(before, ours, official, quoted_tokens(quoted_pieces(record)))
    out.kind = verdict.kind
    if verdict.kind == "wrong":
        out.explanation = explain(out.index, verdict.reading)
    out.cause = verdict.cause
    out.differences = list(verdict.differences)
    out.overlap = verdict.overlap
    if verdict.kind != "exact" and ours is not None and official is not None:
        out.diff = readable_diff(ours, official)


# ---------------------------------------------------------------------------
# Why a case is wrong

CATEGORIES = {
    "reading": "(b) the reading's wording differs from the promulgated law's",
    "moved": "(c) the official text moved the unit legidiff changed",
    "data": "(c) LEGI's text before is faulty",
    "bug": "(a) a legidiff bug, not fixed",
    "?": "unexplained",
}

# Wrong cases checked by hand whose differences are not all told apart by the automatic
# test (replay_case._from_the_reading): line of triples.jsonl → category and why, the
# two wordings shown where the reading's differs. A note only explains: the record stays
# wrong, and a case no longer wrong is simply not listed.
_L111_1_2 = ("reading", "the reading: « doivent être préalablement soumis pour avis à la "
                       "commission départementale … »; the law: « … soumis pour avis par le "
                       "représentant de l'Etat dans le département à la commission "
                       "départementale … » (and LEGI put the alinéa after the 2°, not last)")
_L2224_11_4 = ("reading", "the reading leaves the law's number blank: « la loi n° du portant "
                          "engagement national pour l'environnement »; the law: « la loi n° "
                          "2010-788 du 12 juillet 2010 portant … »; another provision of the "
                          "law rewrote the phrase before it (« Les supports techniques … »)")
_CONFISCATION = ("moved", "legidiff's changes to the 6° (« confiscation obligatoire », the "
                          "added phrase) are in the official text, in the same item renumbered "
                          "1° and moved by other provisions of the law: a word diff cannot "
                          "follow a moved alinéa")
NOTES: dict[int, tuple[str, str]] = {
    213: _L111_1_2, 245: _L111_1_2,
    260: ("reading", "organic law 2013-906: the reading rewrote the fifth alinéa « … selon les "
                     "modalités prévues par les articles 131-26 et 131-26-1 du code pénal, … "
                     "prévues par l'article 131-27 … »; the law: « … prévues aux articles "
                     "131-26 et 131-26-1 …, … prévues à l'article 131-27 … »"),
    299: ("reading", "the reading's new alinéa ends « … décider d'en garantir le paiement » "
                     "with no full stop; the law's ends « … le paiement. »"),
    314: ("reading", "the reading's new alinéa ends « … sont précisés par décret » with no "
                     "full stop; the law's ends « … sont précisés par décret. »"),
    386: ("reading", "the reading: « … d'économies d'énergie, et de prévention des nuisances "
                     "lumineuses au sens de l'article L. 583-1, à des prescriptions … »; the "
                     "law: « … d'économies d'énergie et de prévention des nuisances lumineuses "
                     "au sens du chapitre III du présent titre, à des prescriptions … » (the "
                     "diff also pairs « d'entretien » across the two texts)"),
    463: _L2224_11_4, 464: _L2224_11_4,
    514: ("data", "LEGI's text lacks the space after a full stop (« … de l'article L. 515-16.A "
                  "cet effet, ils concluent … »): legidiff reads one phrase where the Journal "
                  "officiel has two, and completes the wrong one; a number before the full "
                  "stop is not taken as a phrase's end (« 16.A » could be a reference)"),
    614: _CONFISCATION, 615: _CONFISCATION,
}


def explain(index: int, reading: bool) -> tuple[str, str]:
    """The category of a wrong case and why: "reading" when every difference is the
    wording the instruction quotes (found by :func:`replay_case.compare`); else the note
    written after checking the case by hand; else unexplained."""
    if reading:
        return ("reading", "every difference is the wording the instruction quotes, where "
                           "the official text (the promulgated law) has other words")
    return NOTES.get(index, ("?", "no explanation"))


# ---------------------------------------------------------------------------
# The run


def load(corpus: Path) -> list[dict[str, Any]]:
    path = corpus / "replay-2" / "triples.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run(corpus: Path, records: list[tuple[int, dict[str, Any]]], verbose: bool, *,
        typographic: bool = False, cache: Path = CACHE) -> list[Outcome]:
    """Every record, grouped by snapshot so that each code is extracted and read once."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for index, record in records:
        groups[record["snapshot"]].append((index, record))
    outcomes: list[Outcome] = []
    for n, (name, members) in enumerate(sorted(groups.items()), start=1):
        archive = corpus / "replay-2" / name
        started = time.perf_counter()
        try:
            folder = extract(archive, cache)
            code = read_base(folder).code
        except Exception as e:
            message = traceback.format_exception_only(e)[-1].strip()
            for index, record in members:
                outcomes.append(Outcome(index, record, "failed", "snapshot",
                                        f"{name} illisible : {message}"))
            print(f"[{n}/{len(groups)}] {name}: unreadable ({message})", file=sys.stderr)
            continue
        read = time.perf_counter() - started
        for index, record in members:
            outcome = replay(index, record, code, folder, typographic=typographic)
            outcomes.append(outcome)
            if verbose:
                print(f"  #{index} {record['code']} {record['article']}: {outcome.kind}"
                      + (f" {outcome.code} {outcome.message}" if outcome.code else "")
                      + (f" — {outcome.cause}" if outcome.cause else ""), file=sys.stderr)
        if verbose:
            print(f"[{n}/{len(groups)}] {name}: {code.count_articles()} articles read in "
                  f"{read:.1f} s, {len(members)} record(s)", file=sys.stderr)
    outcomes.sort(key=lambda o: o.index)
    return outcomes


def _pct(n: int, total: int) -> str:
    return f"{n:4d} ({100 * n / total:5.1f} %)" if total else f"{n:4d}"


def _line(counts: Counter[str], total: int) -> str:
    return " ".join(f"{c} {_pct(counts[c], total)}" for c in CLASSES)


_REF_RE = re.compile(r"^(?:article|texte)[^:]*? : ")
_WHERE_RE = re.compile(r" \((?:l[ae']|les |le texte|au |aux |à )[^()]*(?:\([^()]*\)[^()]*)*\)$")
_QUOTED_RE = re.compile(r"« ([^«»]*) »")


def reason(message: str) -> str:
    """A failure message without its particulars — the bill reference before it, the unit
    after it, long quotations, numbers — so that failures of one kind group together.

    >>> reason("article 1er, 1° : 2 divisions livre_6 dans le code (le 7° de l'article L. 1)")
    'N divisions livre_N dans le code'
    >>> reason("nothing applied: article 1er, I, 2° : hors du texte de base, vise un autre texte")
    'nothing applied: hors du texte de base, vise un autre texte'
    """
    prefix = "nothing applied: " if message.startswith("nothing applied: ") else ""
    text = prefix + _REF_RE.sub("", message.removeprefix(prefix), count=1)
    text = _WHERE_RE.sub("", text)
    text = _QUOTED_RE.sub(lambda m: m.group(0) if len(m.group(1)) <= 12 else "« … »", text)
    return re.sub(r"\d+", "N", text).strip()


def _where(o: Outcome) -> str:
    r = o.record
    return f"#{o.index} {r['code']}, article {r['article']}"


def _instruction(record: dict[str, Any]) -> str:
    context = str(record["instruction_context"] or "")
    return (context + " / " if context else "") + str(record["instruction"])


def report(outcomes: list[Outcome], elapsed: float, top: int = 30) -> None:
    """Print the wrong cases, the crashes, the failure reasons, then the figures (last)."""
    wrong = [o for o in outcomes if o.kind == "wrong"]
    print(f"WRONG — {len(wrong)} record(s): legidiff's article carries a change the official "
          f"one does not have")
    for o in wrong:
        r = o.record
        print(f"\n{_where(o)} ({r['law']}; paired by {r['verified_by']})")
        print(f"  instruction: {_instruction(r)[:400]}")
        if r["instruction_quoted_follow"]:
            print(f"  quoted: {' | '.join(r['instruction_quoted_follow'])[:300]}")
        print(f"  cause: {o.cause}")
        print(f"  explained: {CATEGORIES[o.explanation[0]]}: {o.explanation[1]}")
        for d in o.differences[:4]:
            print(f"  - {d[:400]}")
        for d in o.diff:
            print(f"    {d[:400]}")
    crashes = [o for o in outcomes if o.kind == "crash"]
    print(f"\nCRASHES — {len(crashes)} record(s) (exceptions: bugs)")
    for o in crashes:
        print(f"{_where(o)}: {o.message[:300]}")
    failed = [o for o in outcomes if o.kind == "failed"]
    by_code: Counter[str] = Counter(o.code for o in failed)
    print(f"\nFAILURES — {len(failed)} record(s); by diagnostic code: "
          + ", ".join(f"{c} {n}" for c, n in by_code.most_common()))
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in failed:
        groups[(o.code, reason(o.message))].append(o)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    print(f"top reasons ({min(top, len(ranked))} of {len(ranked)}), each with an example:")
    for (code, why), members in ranked[:top]:
        example = members[0]
        print(f"{len(members):4d}  {code} {why[:200]}")
        print(f"        e.g. {_where(example)}: {example.message[:300]}")
        print(f"        instruction: {_instruction(example.record)[:300]}")
    total = len(outcomes)
    counts = Counter(o.kind for o in outcomes)
    print(f"\nFIGURES — {total} record(s) in {elapsed:.1f} s")
    print(f"{'all:':28s}" + _line(counts, total))
    keys: list[tuple[str, Callable[[Outcome], str]]] = [
        ("amending text", lambda o: amending_kind(str(o.record["law"]))),
        ("wording from", lambda o: str(o.record["instruction_kind"])),
        ("change", lambda o: {"A": "article created", "M": "article modified",
                              "D": "article deleted"}[o.record["change"]]),
    ]
    for label, key in keys:
        by: dict[str, Counter[str]] = defaultdict(Counter)
        for o in outcomes:
            by[key(o)][o.kind] += 1
        for name, c in sorted(by.items(), key=lambda kv: -sum(kv[1].values())):
            n = sum(c.values())
            print(f"{label + ' ' + name + ':':28s}" + _line(c, n) + f"  of {n}")
    distinct: dict[tuple[str, str, str], str] = {}
    for o in outcomes:
        distinct.setdefault((o.record["code"], o.record["article"], o.record["instruction"]),
                            o.kind)
    dc = Counter(distinct.values())
    print(f"{'distinct instr. × article:':28s}" + _line(dc, len(distinct))
          + f"  of {len(distinct)}")
    kinds: Counter[str] = Counter()
    for o in outcomes:
        if o.kind == "wrong":
            kinds.update({c.split(" (")[0] for c in o.cause.split("; ")})
    if kinds:
        print("wrong, by kind of difference (a record may have several): " + "; ".join(
            f"{k} {n}" for k, n in kinds.most_common()))
    explained: Counter[str] = Counter(o.explanation[0] for o in outcomes if o.kind == "wrong")
    if explained:
        print("wrong, by explanation: " + "; ".join(
            f"{CATEGORIES[k]} {n}" for k, n in explained.most_common()))
    near = sum(1 for o in outcomes if o.kind == "consistent" and o.overlap)
    print(f"consistent where the official text also changed words right next to legidiff's "
          f"change: {near} of {counts['consistent']}")
    applied = counts["exact"] + counts["consistent"] + counts["wrong"]
    if applied:
        print(f"of the {applied} applied: exact {100 * counts['exact'] / applied:.1f} %, "
              f"consistent {100 * counts['consistent'] / applied:.1f} %, "
              f"wrong {100 * counts['wrong'] / applied:.1f} %")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="the shared corpus (default: ../shared/corpus beside the checkout)")
    parser.add_argument("--limit", type=int, default=None, help="the first N records only")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT.jsonl",
                        help="write one line per record")
    parser.add_argument("--typographic-quotes", action="store_true",
                        help="what-if: the quoted alinéas' straight quotes (La Fabrique de la "
                             "loi) made « » before parsing")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per record")
    args = parser.parse_args(argv)
    triples = args.corpus / "replay-2" / "triples.jsonl"
    if not triples.is_file():
        print(f"replay: {triples} is absent: the replay set is read from the shared corpus "
              f"(--corpus PATH)", file=sys.stderr)
        return 2
    records = list(enumerate(load(args.corpus)))
    if args.limit is not None:
        records = records[:args.limit]
    started = time.perf_counter()
    outcomes = run(args.corpus, records, args.verbose, typographic=args.typographic_quotes)
    elapsed = time.perf_counter() - started
    if args.json is not None:
        with args.json.open("w", encoding="utf-8") as f:
            for o in outcomes:
                f.write(json.dumps(o.to_json(), ensure_ascii=False) + "\n")
    report(outcomes, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
