"""Held-out reading: how much of real amending texts that are NOT in the corpus legidiff reads.

    python benchmarks/heldout.py [SOURCE…] [--mirror DIR] [--examples N] [--top N] [-v]

``benchmarks/coverage.py`` measures the corpus (``../shared/corpus``), on which the grammar
was developed; this script measures texts the grammar never saw. They are third-party data,
read in place (never copied into the project): from git snapshots of public repositories,
brought onto the machine with the session's ``fetch`` tool (``fetch github:OWNER/NAME`` gives
``/work/.mirror/OWNER+NAME/repo``, a bare git directory), or from any file named on the
command line. With no SOURCE, the default set below is read from ``--mirror`` (default
``/work/.mirror``); a source whose snapshot is absent is skipped with a message.

The default set (none of these texts is in the corpus: its instructions come from
pjl09-200, NosDéputés' batch/loi files, the mdamien, medialab and law-is-code-proto
datasets and Légifrance pages — see ``../shared/corpus/README.md``):

- ``Legilibre/DuraLex`` (``fetch github:Legilibre/DuraLex``), commit 72fe9ad and its
  successors' ``tests/input/*.json``: La Fabrique de la loi exports of eight bills of
  2013–2016 (pjl12-614 enseignement supérieur et recherche, pjl12-691 procureur financier,
  ppl12-866, ppl13-007, ppl13-040 produits phytopharmaceutiques, ppl13-332, ppl14-0058
  code de la santé publique, A14-3037) and one Senate amendment in NosDéputés' JSON
  (amendement 114920, projet de loi République numérique);
- ``regardscitoyens/the-law-factory-parser``
  (``fetch github:regardscitoyens/the-law-factory-parser``), commit cf85a4d:
  ``tests/ppl11-290`` — the proposition de loi on air transport (loi n° 2012-375 du
  19 mars 2012, code des transports), as tabled and as finally adopted;
- ``regardscitoyens/nosdeputes.fr`` (``fetch github:regardscitoyens/nosdeputes.fr``), files
  of its history (commits named below): ``batch/loi/save_json/ta376simplifionslaloi.xml``
  and ``batch/loi/json/…pion1890.xml`` — the 2009 bill « de simplification et
  d'amélioration de la qualité du droit » (loi n° 2011-525) as adopted by the Assemblée and
  as tabled, 300 articles amending some forty codes and laws from 1790 to 2009, with lists
  of repealed texts; ``batch/amendements/txt/amendements_13.txt``: 1,700 amendments of the
  Assemblée (July–September 2009, texts n° 1722 to 1844: Sunday work, vocational training,
  HADOPI 2, nuclear test victims, gangs…; not the bills of the corpus), and
  ``batch/amendements/amdmts_951.xml``, the committee amendments on pl0951 (the bill is in
  the corpus, its amendments are not); NosDéputés' JSON lines, « » and <i>bis</i> kept;
- ``leximpact/etudes-amendements`` (``fetch github:leximpact/etudes-amendements``):
  ``notebook/textes_amendements_nouveaux_articles_plfss_2020-2021.csv``, the bodies
  (``dispositif``) of the Assemblée's amendments creating articles in the PLFSS 2020 and
  2021 (1,608 amendments, 918 distinct texts; identical texts tabled by several deputies
  are read once). That export lost the paragraph breaks: « modifié :1° Au III » — a break
  is put back where a sentence ends (« : », « ; », « . », « » ») and a label or a
  quotation starts with no space between them, the one trace the lost break leaves. That
  re-split also cuts some quoted alinéas, counted as standalone provisions: the standalone
  figure of this source is an upper bound, the instruction figures are not affected.

No décret, arrêté or ordonnance is in the default set: no public repository holding their
text was found (the corpus's 65 décrets come from Légifrance pages); a file of them can be
named on the command line (plain text, « Article 1er » then its alinéas).

A SOURCE is ``GITDIR:COMMIT:PATH`` (a file of a git snapshot) or a file path; its format
is told by its content: La Fabrique's ``texte.json`` (``{"articles": [{"titre",
"alineas"}]}``, or one article), NosDéputés' amendments JSON (``{"amendements": […]}``), the
leximpact CSV (``dispositif`` column), or plain text (a bill as ``legidiff`` reads it).

Each bill is read whole by the bill reader (``legidiff.billtext.read_bill`` then
``legidiff.bill.parse_bill_text``), as ``benchmarks/coverage.py`` reads the corpus's whole
bills, and every sentence is classified the same way (``coverage.classify_line``: read =
operations, chapeau or a standalone provision; not read = a sentence refused, an error, or
a modifying sentence taken for a provision). An amendment is read by the amendment reader
(``legidiff.parliament.amendments.read_amendment``) on the article it names; an
amendment's new article is read as a bill article. Instruction sentences (operations,
chapeaux and what is not read) are counted apart from standalone provisions (which
modify nothing). Identical sentences met in several readings of a text are counted once.

Printed: the forms not read (grouped as ``coverage.py`` groups them, with the parser's
reason), then per text and per kind, figures last.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from coverage import (  # noqa: E402
    _STRAIGHT,
    Outcome,
    Record,
    _pct,
    _walk_items,
    classify_line,
    group_failures,
    name_failure,
    print_groups,
    read_amendment_record,
)

from legidiff.bill.parse import parse_bill_text  # noqa: E402
from legidiff.bill.text import read_bill  # noqa: E402
from legidiff.parliament.amendments import unquoted_article  # noqa: E402

TITLE = "Projet de loi (banc d'essai hors corpus)"

# (snapshot folder under --mirror, commit, path, name, kind)
DEFAULT_SOURCES: list[tuple[str, str, str, str, str]] = [
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/pjl12-614.json",
     "pjl12-614 enseignement supérieur (Sénat 2013)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/pjl12-691.json",
     "pjl12-691 procureur financier (2013)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl12-866.json", "ppl12-866 (2013)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article1.json",
     "ppl13-007 art. 1", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article2.json",
     "ppl13-007 art. 2", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article3.json",
     "ppl13-007 art. 3", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article4.json",
     "ppl13-007 art. 4", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article5.json",
     "ppl13-007 art. 5", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-007-article6.json",
     "ppl13-007 art. 6", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-040.json",
     "ppl13-040 phytopharmaceutiques (2014)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/ppl13-332.json", "ppl13-332 (2014)", "bill"),
    ("Legilibre+DuraLex", "6e8c6fc", "tests/input/ppl14-0058.json",
     "ppl14-0058 santé publique (2014)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/00_A14-3037.json",
     "A14-3037 (2015)", "bill"),
    ("Legilibre+DuraLex", "72fe9ad", "tests/input/amendement-114920.json",
     "amendement 114920 République numérique (Sénat 2016)", "amendment"),
    ("regardscitoyens+the-law-factory-parser", "cf85a4d",
     "tests/ppl11-290/procedure/00_1erelecture_assemblee_depot/texte/texte.json",
     "ppl11-290 transport aérien, dépôt (2011)", "bill"),
    ("regardscitoyens+the-law-factory-parser", "cf85a4d",
     "tests/ppl11-290/procedure/05_1erelecture_senat_hemicycle/texte/texte.json",
     "ppl11-290 transport aérien, Sénat séance (2012)", "bill"),
    ("regardscitoyens+the-law-factory-parser", "cf85a4d",
     "tests/ppl11-290/procedure/14_l.définitive_assemblee_hemicycle/texte/texte.json",
     "ppl11-290 transport aérien, lecture définitive = loi 2012-375", "law"),
    ("regardscitoyens+nosdeputes.fr", "a38eb962b", "batch/loi/save_json/ta376simplifionslaloi.xml",
     "ta376 simplification et amélioration de la qualité du droit (AN 2009)", "bill"),
    ("regardscitoyens+nosdeputes.fr", "f1146e535",
     "batch/loi/json/http:__www.assemblee-nationale.fr_13_propositions_pion1890.xml",
     "pion1890 simplification du droit, as tabled (AN 2009)", "bill"),
    ("regardscitoyens+nosdeputes.fr", "6347fbe62", "batch/amendements/txt/amendements_13.txt",
     "AN amendments of July–September 2009", "amendment"),
    ("regardscitoyens+nosdeputes.fr", "8d7f40c4d", "batch/amendements/amdmts_951.xml",
     "AN amendments on pl0951 (Cour pénale internationale, 2009)", "amendment"),
    ("leximpact+etudes-amendements", "HEAD",
     "notebook/textes_amendements_nouveaux_articles_plfss_2020-2021.csv",
     "PLFSS 2020-2021 AN amendments creating articles", "amendment"),
]

# ---------------------------------------------------------------------------
# Reading the sources


@dataclass
class Text:
    """One amending text to read: a bill (its lines as legidiff reads them) or an
    amendment (its lines and the bill article it is on)."""

    name: str
    kind: str  # bill | law | amendment
    lines: list[str]
    article: str | None = None  # an amendment's article; None: read as a bill article
    as_bill: bool = True
    group: str | None = None  # the text it belongs to, within a source of several


def git_show(gitdir: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", f"--git-dir={gitdir}", "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def _article_lines(article: dict[str, Any]) -> list[str]:
    title = str(article.get("titre", "")).strip()
    alineas = article.get("alineas") or {}
    lines = [f"Article {title}"] if title else ["Article 1er"]
    lines.extend(" ".join(str(alineas[k]).split()) for k in sorted(alineas))
    return lines


def fabrique_text(data: dict[str, Any], name: str, kind: str) -> Text:
    """La Fabrique de la loi's texte.json: the articles in order, one alinéa a line."""
    articles = data.get("articles", [data])
    lines = [TITLE]
    for article in sorted(articles, key=lambda a: int(a.get("order", 0))):
        if article.get("type", "article") == "article":
            lines.extend(_article_lines(article))
    return Text(name, kind, lines)


_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_RE = re.compile(r"</p>|<br\s*/?>|</li>|</div>", re.IGNORECASE)


def html_lines(html: str) -> list[str]:
    text = _BLOCK_RE.sub("\n", html)
    text = _TAG_RE.sub("", text)
    for entity, char in (("&nbsp;", "\u00a0"), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"),
                         ("&#8217;", "’"), ("&laquo;", "«"), ("&raquo;", "»")):
        text = text.replace(entity, char)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


_ARTICLE_SUBJECT_RE = re.compile(
    r"^article\s+(\S+(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies|"
    r"[A-Z]))*)$", re.IGNORECASE)


def nosdeputes_amendments(data: dict[str, Any], name: str) -> Iterator[Text]:
    for entry in data["amendements"]:
        a = entry.get("amendement", entry)
        subject = str(a.get("sujet", "")).strip()
        m = _ARTICLE_SUBJECT_RE.match(subject)
        lines = html_lines(str(a.get("texte", "")))
        yield Text(f"{name} n° {a.get('numero', '?')}", "amendment", lines,
                   article=m.group(1) if m else None, as_bill=m is None)


def nosdeputes_law(rows: list[dict[str, Any]], name: str, kind: str) -> Text:
    """NosDéputés' bill in JSON lines (``batch/loi``): a "loi" line, then "article" and
    "alinea" lines; the alinéas of each article in order."""
    articles: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        if row.get("type") == "article":
            articles.setdefault(str(row["article"]), [])
        elif row.get("type") == "alinea":
            number = str(row.get("alinea", "0"))
            articles.setdefault(str(row["article"]), []).append(
                (int(number) if number.isdigit() else 0,
                 " ".join(html_lines(str(row.get("texte", ""))))))
    lines = [TITLE]
    for article, alineas in articles.items():
        lines.append(f"Article {article}")
        lines.extend(text for _, text in sorted(alineas, key=lambda a: a[0]) if text)
    return Text(name, kind, lines)


_ADDITIONAL_SUBJECT_RE = re.compile(r"^(?:avant|après)\s+l['’]article\b", re.IGNORECASE)


def nosdeputes_amendment_lines(rows: list[dict[str, Any]], name: str) -> Iterator[Text]:
    """NosDéputés' amendments in JSON lines (``batch/amendements``): each read by the
    amendment reader on the article its subject names (« Article 10 »); an amendment
    before or after an article (« Après l'article 5 ») creates one."""
    for a in rows:
        subject = " ".join(str(a.get("sujet", "")).split())
        m = _ARTICLE_SUBJECT_RE.match(subject)
        article = m.group(1) if m else None
        if article and article.lower() == "premier":
            article = "1er"
        lines = html_lines(str(a.get("texte", "")))
        if not lines:
            continue
        label = f"{name} n° {a.get('numero', '?')} ({subject})"
        group = f"texte n° {a.get('loi', '?')}"
        if _ADDITIONAL_SUBJECT_RE.match(subject) and not any(
                _AMENDMENT_RE.search(_QUOTED_RE.sub("", line)) for line in lines):
            # an article additionnel: its text (quoted or not) is the new article of the
            # bill, read as a bill article (as coverage.py reads the corpus's)
            body = [t for t, _ in unquoted_article([(t, n) for n, t in enumerate(lines, 1)])]
            yield Text(label, "amendment", [TITLE, "Article 1er", *body], group=group)
            continue
        yield Text(label, "amendment", lines, article=article, as_bill=False, group=group)


def json_lines(content: str) -> tuple[list[dict[str, Any]], int]:
    rows, bad = [], 0
    for line in content.split("\n"):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                bad += 1  # a line the export cut: counted, never guessed
    return rows, bad


# a sentence's end glued to the next alinéa (no space between them): the trace of a lost
# break: a label after a sentence's end (« modifié : 1° Au … », « … ;2° … », « … ».II. – … »,
# « … » II. – La perte … », « modifié : – après … »; inside one alinéa a label never follows
# « : », « ; », « . » or « » ») or a capital glued to a colon (« modifié :Au 14° … »). A
# quotation after its colon (« les mots :« X » ») is no trace: quotations stay inline.
_LOST_BREAK_RE = re.compile(
    r"(?<=[:;.»])\s*(?=(?:\d+°\s*\)?\s|[IVX]+\.\s*[-–—]|[A-Z]\.\s*[-–—]\s|[a-z]\)\s))"
    r"|(?<=[:;])\s*(?=[-–]\s)"
    r"|(?<=:)(?=[A-ZÀÂÉÈ][a-zàâéèêôûç’'])")
# an amendment of the bill's own alinéas (« Supprimer l'alinéa 3 », « En conséquence, à
# l'alinéa 5, … insérer … », « Compléter cet amendement … ») rather than the text of a new
# article — an imperative outside quotations: read by the amendment reader
_QUOTED_RE = re.compile(r"«[^»]*»?")
_AMENDMENT_RE = re.compile(
    r"\b(?:supprimer|rédiger|compléter|insérer|substituer|remplacer|procéder)\b|cet amendement",
    re.IGNORECASE)


def resplit(dispositif: str) -> list[str]:
    text = dispositif.replace("\u2011", "-")
    return [" ".join(part.split()) for part in _LOST_BREAK_RE.split(text) if part.strip()]


def leximpact_amendments(text: str, name: str) -> Iterator[Text]:
    seen: set[str] = set()
    for row in csv.DictReader(io.StringIO(text)):
        body = row.get("dispositif") or ""
        key = " ".join(body.split())
        if not key or key in seen:
            continue
        seen.add(key)
        lines = resplit(body)
        if any(_AMENDMENT_RE.search(_QUOTED_RE.sub("", line)) for line in lines):
            yield Text(f"{name} {row.get('uid', '?')}", "amendment", lines, as_bill=False)
        else:
            yield Text(f"{name} {row.get('uid', '?')}", "amendment",
                       [TITLE, "Article 1er", *lines])


def texts_of(content: str, name: str, kind: str) -> list[Text]:
    stripped = content.lstrip()
    first = stripped.split("\n", 1)[0]
    if stripped.startswith("{") and first.rstrip().endswith("}") and "\n{" in stripped:
        rows, bad = json_lines(content)
        if bad:
            print(f"heldout: {name}: {bad} lines are not JSON (cut by the export): left out",
                  file=sys.stderr)
        if rows and rows[0].get("type") == "loi":
            return [nosdeputes_law(rows, name, kind)]
        return list(nosdeputes_amendment_lines(rows, name))
    if stripped.startswith("{"):
        data = json.loads(content)
        if "amendements" in data:
            return list(nosdeputes_amendments(data, name))
        return [fabrique_text(data, name, kind)]
    if stripped.startswith("texteLegislatifUid") or "dispositif" in stripped.split("\n", 1)[0]:
        return list(leximpact_amendments(content, name))
    return [Text(name, kind, content.split("\n"))]


# ---------------------------------------------------------------------------
# Reading the texts


@dataclass
class Count:
    name: str
    kind: str
    statuses: Counter[str] = field(default_factory=Counter)
    quoted_lines: int = 0

    @property
    def instructions(self) -> int:
        return sum(n for s, n in self.statuses.items() if s != "standalone")

    @property
    def instructions_read(self) -> int:
        return self.statuses["operations"] + self.statuses["chapeau"]


def read_bill_text(text: Text) -> list[tuple[Record, Outcome]]:
    """Every sentence of a bill, read as it is (``coverage.read_whole_bill``)."""
    bill_text = read_bill("\n".join(text.lines) + "\n", path=text.name)
    bill = parse_bill_text(bill_text)
    out = []
    for article in bill_text.articles:
        for item in _walk_items(article.items):
            if not item.text.strip() or item.text.lstrip().startswith(_STRAIGHT):
                continue
            straight = any(c.text.lstrip().startswith(_STRAIGHT) for c in item.children)
            follow = "quoted" if item.quote else "straight" if straight else "lines"
            quote_lines = set(item.quote.lines) if item.quote else set()
            children = any(not c.text.lstrip().startswith(_STRAIGHT) for c in item.children)
            try:
                outcome = name_failure(text.kind, item.text, classify_line(
                    bill, item.line, item.text, quote_lines, follow, children,
                    imperative=text.kind == "amendment"))
            except Exception as e:  # a crash is measured, never hidden
                outcome = Outcome("exception", None, f"{type(e).__name__}: {e}", item.text,
                                  form=f"exception {type(e).__name__}")
            record = Record(item.line, text.kind, item.text, (), item.is_chapeau, (), None,
                            None, None, f"{text.name}:{item.line}")
            out.append((record, outcome))
    return out


def read_amendment_text(text: Text) -> list[tuple[Record, Outcome]]:
    record = Record(0, "amendment", "\n".join(text.lines), (), False, (), text.article, None,
                    None, text.name)
    try:
        outcome = name_failure("amendment", record.text, read_amendment_record(record))
    except Exception as e:  # a crash is measured, never hidden
        frame = traceback.extract_tb(e.__traceback__)[-1]
        outcome = Outcome("exception", None, f"{type(e).__name__}: {e}", record.text,
                          form=f"exception {type(e).__name__} at {frame.lineno}")
    return [(record, outcome)]


def read_text(text: Text) -> list[tuple[Record, Outcome]]:
    return read_bill_text(text) if text.as_bill else read_amendment_text(text)


# ---------------------------------------------------------------------------
# Report


def load_sources(args: argparse.Namespace) -> list[tuple[str, str, list[Text]]]:
    """(group name, kind, texts) for each source; a missing snapshot is said, not fatal."""
    loaded = []
    if args.sources:
        for spec in args.sources:
            parts = spec.split(":", 2)
            if len(parts) == 3 and Path(parts[0]).is_dir():
                content = git_show(Path(parts[0]), parts[1], parts[2])
                name = parts[2]
            else:
                content = Path(spec).read_text("utf-8")
                name = Path(spec).name
            loaded.append((name, args.kind, texts_of(content, name, args.kind)))
        return loaded
    for folder, commit, path, name, kind in DEFAULT_SOURCES:
        gitdir = args.mirror / folder / "repo"
        if not gitdir.is_dir():
            print(f"heldout: {gitdir} is absent (fetch github:{folder.replace('+', '/')}): "
                  f"{name} skipped", file=sys.stderr)
            continue
        loaded.append((name, kind, texts_of(git_show(gitdir, commit, path), name, kind)))
    return loaded


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sources", nargs="*", metavar="SOURCE",
                    help="GITDIR:COMMIT:PATH or a file (default: the set described above)")
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                    help="the folder of the git snapshots (default /work/.mirror)")
    ap.add_argument("--kind", default="bill", choices=("bill", "law", "decree", "amendment"),
                    help="the kind of the texts named on the command line (default bill)")
    ap.add_argument("--examples", type=int, default=1, metavar="N")
    ap.add_argument("--top", type=int, default=25, metavar="N")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every outcome")
    ap.add_argument("-v", "--verbose", action="store_true", help="every sentence not read")
    args = ap.parse_args(argv)

    sources = load_sources(args)
    if not sources:
        print("heldout: no source to read", file=sys.stderr)
        return 2
    seen: set[tuple[str, str]] = set()
    per_source: list[Count] = []
    results: list[tuple[Record, Outcome]] = []
    n_texts = 0
    for name, kind, texts in sources:
        counts: dict[str | None, Count] = {}
        for text in texts:
            n_texts += 1
            count = counts.setdefault(text.group, Count(
                f"{name}, {text.group}" if text.group else name, kind))
            for record, outcome in read_text(text):
                key = (" ".join(record.text.split()), kind)
                if key in seen:
                    continue  # the same sentence in another reading of the text
                seen.add(key)
                count.statuses[outcome.status] += 1
                results.append((record, outcome))
        per_source.extend(counts.values() or [Count(name, kind)])

    not_read = [(r, o) for r, o in results if not o.read]
    groups = group_failures(results, max(args.examples, 5))
    print(f"Forms not read in the held-out texts: the top {min(args.top, len(groups))} of "
          f"{len(groups)} (share of the sentences not read)")
    print_groups(groups, args.top, args.examples, len(not_read))
    if args.verbose:
        print("\nEvery sentence not read:")
        for record, outcome in not_read:
            print(f"  {record.source}: [{outcome.code or '-'}] {outcome.form}\n"
                  f"      {' '.join(record.text.split())[:300]}\n"
                  f"      says: {outcome.message}")
    if args.json:
        args.json.write_text(json.dumps(
            [{"source": r.source, "kind": r.kind, "text": r.text, "status": o.status,
              "code": o.code, "message": o.message, "form": o.form, "note": o.note}
             for r, o in results], ensure_ascii=False, indent=1), "utf-8")

    print("\nPer text (instruction sentences read / all; standalone provisions apart):")
    for c in per_source:
        n = c.instructions
        print(f"  {c.instructions_read:5} / {n:5} {_pct(c.instructions_read, n)}"
              f"   not read {c.statuses['not_read']:4}  misclassified "
              f"{c.statuses['misclassified']:3}  exception {c.statuses['exception']:2}"
              f"  standalone {c.statuses['standalone']:4}  [{c.kind}] {c.name}")
    print("\nPer kind:")
    kinds: dict[str, Count] = {}
    for c in per_source:
        k = kinds.setdefault(c.kind, Count(c.kind, c.kind))
        k.statuses.update(c.statuses)
    for k in kinds.values():
        n = k.instructions
        print(f"  {k.kind:10} instruction sentences read {k.instructions_read:5} / {n:5} "
              f"{_pct(k.instructions_read, n)}   (standalone {k.statuses['standalone']})")
    total = Counter[str]()
    for c in per_source:
        total.update(c.statuses)
    n_all = sum(total.values())
    n_instr = n_all - total["standalone"]
    read_instr = total["operations"] + total["chapeau"]
    print(f"\nHeld-out: {len(per_source)} sources, {n_texts} texts, {n_all} distinct sentences")
    print(f"  instruction sentences {n_instr}: read {read_instr} {_pct(read_instr, n_instr)}"
          f" (operations {total['operations']}, chapeaux {total['chapeau']})")
    print(f"  not read {total['not_read']} {_pct(total['not_read'], n_instr)}, misclassified "
          f"standalone {total['misclassified']}, exceptions {total['exception']}")
    print(f"  standalone provisions (modify nothing) {total['standalone']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
