"""The whole LEGI history as a round-trip benchmark of reverse drafting.

    python benchmarks/legi_history.py MIRROR [--codes NAME ...] [--passes P ...]
        [--sample N] [--seed S] [--workers N] [--timeout SECONDS]
        [--json OUT.jsonl] [--resume]
    python benchmarks/legi_history.py MIRROR --dump KEY [--dump-to DIR]

MIRROR is a git copy of the public repository ``etalab/codes-juridiques-francais``: the
LEGI history of every French code, one commit per amending text dated by its entry into
force, in the export's folder layout (``legidiff/formats/layout.py``). Get it with
``git clone https://github.com/etalab/codes-juridiques-francais`` (a bare or ``--mirror``
clone will do: only the objects are read, never a work tree). It is third-party data:
read it in place, never copy it into the project.

Cases. Every article file a commit adds, modifies or deletes is one case, in one of three
passes: ``modifications`` (66,674 in the whole history), ``creations`` (196,272),
``deletions`` (95,078). For each case two small codes are built from the commit's parent
(old) and the commit (new): the code's ``README.md``, the chain of divisions down to the
article (a ``README.md`` per division folder) and the article; for a creation or a deletion
also the nearest article or division before and after it, at the level where it appears or
disappears, that both versions hold (so that "Après l'article …" and "Après le chapitre …"
are drafted). What is not the case is held fixed: such neighbours keep their old text in
both versions, and a division both versions hold keeps its old heading (a commit that also
renames a division would otherwise charge the article with a change reverse drafting does
not make). Divisions the old version lacks (or the new one) come and go with the article,
with their real headings. The two trees are built in memory (the files a batch of cases
needs asked of one ``git cat-file --batch`` at once) and read with the layout reader's
own functions, as ``legidiff draft OLD/ NEW/`` would read them written out (a test
compares both readings; ``--dump`` writes them).

Each case runs ``legidiff.draft.draft(old, new)``, parses the draft
(``legidiff.bill.parse.parse_bill``), applies it to ``old`` (``legidiff.apply.consolidate``) and
compares the result with ``new`` (the parse and the application are those the draft's own
check made, ``Draft.applied``: the same functions on the same objects; ``--no-reuse`` makes
them again, with the same results), exactly as DOMAIN.md defines it (the same alinéas in the
same order, each the same but for typography: ``legidiff.draft.same_alineas``), and also
in each division the order of its divisions and of its articles, and the titles of the
divisions (``same_text``); not how articles and divisions interleave in one division, which
the export does not keep (it lists sub-divisions first). Each case is one of:

- ``exact``: the result is the new text;
- ``failed``: the draft does not apply (the first diagnostic: code and message);
- ``artefact``: a failure the official text itself causes, the evidence named; never
  exact. (1) It fails (LD301, LD306) on a base or a result that holds one unit twice,
  which no code does: two divisions of one kind and number side by side ("Titre 2 : …"
  beside "TITRE II : …", "Section 4" beside "Section IV"), or two articles of one
  number in one division (R*814-1 beside R814-1) — the export lays LEGI's versions of a
  division or an article side by side. (2) The drafter finds no neighbour to name
  because the result holds that article twice, in a division and in a sub-division of
  it (the export keeps an article's place before and after a move). (3) An LD306 whose
  two units the result itself holds, as siblings, in an order the engine's own check
  refuses (``legidiff.apply.numbering.out_of_order``): some commits list a folder's
  entries by label ("Titre II … Titre IV, Titre premier"; articles "10 C, 10 A, 10 B"),
  and no instruction the engine accepts can give that text;
- ``wrong``: it applies and gives another text, and the drafter did not say it left a
  change out — the worst case: each one is listed (a draft that names the changes it
  could not write, ``Draft.reasons``, is a failure "refused" with its first reason);
- ``crashed``: an exception (its stage and the last line of its traceback);
- ``timeout``: longer than ``--timeout`` seconds (30 by default), stopped.

``draft.checked`` is recorded too, and the cases where it is true while the result is not
exact are counted and listed: there must be none.

Results: with ``--json OUT.jsonl``, one JSON line per case, sorted by case key (pass,
place of the commit in the history, path) and identical whatever ``--workers``; the
per-case times go to ``OUT.timing.jsonl`` beside it (the git reading of a batch is
done before its cases, and not counted in them). ``--resume`` keeps the cases already
in OUT and runs the others. ``--sample N`` takes N cases per pass, drawn with ``--seed``
(deterministic for a given snapshot of the history). ``--workers`` defaults to every local
core (``--workers 1`` runs in this process); ``--scheduler ADDRESS`` sends the cases to a
Dask cluster instead (``pip install 'legidiff[dask]'``; ``dask scheduler`` on one machine,
``dask worker ADDRESS`` on each, every worker reading MIRROR at the same path), with the
same results (``--timeout`` is not enforced there: a worker's tasks run in threads).
The report is printed at the end: failure buckets with an example each, every wrong
case, the slowest cases, time percentiles and, last, the figures per pass. SIGTERM
stops a run cleanly (``--resume`` goes on from there).
``--dump KEY`` writes one case's two folders and its draft, to reproduce it with the CLI.
Measured on the whole history (358,024 cases, two workers): 6 min 35 s on this 2-core
machine (626 s of CPU; 28 minutes when about ten other processes share it), 0 wrong,
0 crashed; per case p50 1 ms, at most 0.8 s (0.6 s of CPU).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legidiff.apply.consolidate import consolidate  # noqa: E402
from legidiff.apply.numbering import out_of_order  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.bill.sentence import parse_chain  # noqa: E402
from legidiff.diagnostics import (  # noqa: E402
    InputError,
    Location,
)
from legidiff.document.model import (  # noqa: E402
    Alinea,
    Article,
    Code,
    Division,
    DivisionKind,
    Layout,
    Meta,
    Node,
    parse_heading,
)
from legidiff.draft import draft, same_alineas  # noqa: E402
from legidiff.formats import layout  # noqa: E402
from legidiff.fsio import decode_utf8  # noqa: E402
from legidiff.lang.matching import same_text  # noqa: E402
from legidiff.lang.numbering import article_key, division_key  # noqa: E402

PASSES = ("modifications", "creations", "deletions")
_PASS_OF_STATUS = {"M": "modifications", "A": "creations", "D": "deletions"}
STATUSES = ("exact", "failed", "artefact", "wrong", "crashed", "timeout")
_BATCH = 32  # cases per task sent to a worker
_SHOWN = 40  # failure reasons printed per status


# ---------------------------------------------------------------------------
# The cases


@dataclass(frozen=True, slots=True)
class Case:
    """One article file added, modified or deleted by one commit."""

    pass_name: str
    seq: int  # place of the commit in the history, oldest first
    commit: str
    parent: str | None  # None for the first commit
    date: str  # the commit's date: the entry into force
    text: str  # the commit's subject: the amending text
    path: str  # the article file, from the top of the repository

    @property
    def key(self) -> str:
        return f"{self.pass_name}:{self.commit}:{self.path}"

    @property
    def order(self) -> tuple[int, int, str]:
        return PASSES.index(self.pass_name), self.seq, self.path

    @property
    def code(self) -> str:
        """The code's folder: "codes-en-vigueur/code-civil"."""
        return "/".join(self.path.split("/")[:2])


def git(mirror: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(mirror), *args], capture_output=True, text=True,
                          check=True).stdout


def history(mirror: Path) -> Iterator[Case]:
    """Every article file added, modified or deleted, commit by commit, oldest first
    (renames are a deletion and a creation, as in the repository's own counts)."""
    command = ["git", "-C", str(mirror), "log", "--reverse", "--no-renames", "--raw", "-r",
               "--no-abbrev", "--date=short", "--format=%x00%H %P%x09%ad%x09%s"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                          encoding="utf-8", errors="replace") as process:
        assert process.stdout is not None
        yield from _cases(process.stdout)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)


def _cases(lines: Iterable[str]) -> Iterator[Case]:
    seq = -1
    commit, parent, date, text = "", None, "", ""
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("\0"):
            head, date, text = line[1:].split("\t", 2)
            hashes = head.split()
            commit, parent = hashes[0], (hashes[1] if len(hashes) > 1 else None)
            seq += 1
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            status = meta.split()[-1]
            name = path.rsplit("/", 1)[-1]
            if name.startswith("article-") and name.endswith(".md") and \
                    status in _PASS_OF_STATUS and path.count("/") >= 2:
                yield Case(_PASS_OF_STATUS[status], seq, commit, parent, date, text, path)


def select(cases: Iterable[Case], codes: Sequence[str] | None, passes: Sequence[str],
           sample: int | None, seed: int) -> list[Case]:
    """The cases of these codes and passes; ``sample`` per pass, drawn with ``seed``."""
    wanted = set(codes) if codes else None
    by_pass: dict[str, list[Case]] = {p: [] for p in passes}
    for case in cases:
        if case.pass_name not in by_pass:
            continue
        if wanted is not None and case.code not in wanted and \
                case.code.split("/")[1] not in wanted:
            continue
        by_pass[case.pass_name].append(case)
    out: list[Case] = []
    for name in passes:
        group = sorted(by_pass[name], key=lambda c: c.order)
        if sample is not None and sample < len(group):
            rng = random.Random(f"{seed}:{name}")
            group = [group[k] for k in sorted(rng.sample(range(len(group)), sample))]
        out.extend(group)
    return out


# ---------------------------------------------------------------------------
# Reading the repository


class Blobs:
    """``git cat-file --batch`` kept open: the content of ``<commit>:<path>``, the names a
    case needs asked all at once (one round trip), the answers kept for the next cases of
    the same commit."""

    def __init__(self, mirror: Path) -> None:
        self.process = subprocess.Popen(["git", "-C", str(mirror), "cat-file", "--batch"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.cache: dict[str, bytes | None] = {}

    def read(self, commit: str | None, path: str) -> bytes | None:
        """The file's bytes, or None when that version has no such file."""
        return self.read_many([(commit, path)])[0]

    limit = 32768  # files kept: a batch's, and more of the same commits

    def read_many(self, wanted: Sequence[tuple[str | None, str]]) -> list[bytes | None]:
        names = [f"{commit}:{path}" if commit is not None else None for commit, path in wanted]
        if len(self.cache) + len(names) > self.limit:
            self.cache.clear()  # before what is missing is known: all of it is asked
        missing = list(dict.fromkeys(n for n in names if n is not None and n not in self.cache))
        for k in range(0, len(missing), 256):  # a few KB at a time: no pipe ever fills up
            self._ask(missing[k:k + 256])
        return [self.cache[n] if n is not None else None for n in names]

    def _ask(self, names: list[str]) -> None:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        stdin.write(b"".join(name.encode("utf-8") + b"\n" for name in names))
        stdin.flush()
        for name in names:
            header = stdout.readline().split()
            data: bytes | None = None
            if len(header) == 3:
                size = int(header[2])
                body = stdout.read(size + 1)[:size]
                data = body if header[1] == b"blob" else None
            elif header[-1:] != [b"missing"]:
                raise RuntimeError(f"git cat-file: unexpected answer {header!r} for {name}")
            self.cache[name] = data

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


_ENTRY_RE = re.compile(rb"^- \[.*\]\(([^()\n]*)\)$", re.MULTILINE)


def _entries(readme: bytes) -> list[str]:
    return [m.group(1).decode("utf-8") for m in _ENTRY_RE.finditer(readme)]


def _heading_only(readme: bytes) -> bytes:
    return readme.split(b"\n\n", 1)[0] + b"\n\n"


def _with_heading(heading_of: bytes, entries_of: bytes) -> bytes:
    """A README with the heading of one version and the entries of another."""
    parts = entries_of.split(b"\n\n", 1)
    return _heading_only(heading_of) + (parts[1] if len(parts) > 1 else b"")


Tree = dict[str, bytes]  # the files of one version: path from the code's folder → bytes


def _files(case: Case) -> list[tuple[str | None, str]]:
    """The files a case reads first: the README of each folder down to the article, in
    both versions, then the article in both."""
    parts = case.path.split("/")
    dirs = ["/".join(parts[:k]) for k in range(2, len(parts))]
    old_rev, new_rev = case.parent, case.commit
    wanted: list[tuple[str | None, str]] = [(old_rev, f"{d}/README.md") for d in dirs]
    wanted += [(new_rev, f"{d}/README.md") for d in dirs]
    wanted += [(old_rev if case.pass_name != "creations" else None, case.path),
               (new_rev if case.pass_name != "deletions" else None, case.path)]
    return wanted


def prefetch(cases: Sequence[Case], blobs: Blobs) -> None:
    """Ask git at once for every file these cases read (two round trips for a whole
    batch, not two per case: on a busy machine each one waits to be scheduled)."""
    blobs.read_many([f for case in cases for f in _files(case)])
    later: list[tuple[str | None, str]] = []
    for case in cases:
        if case.pass_name != "modifications":
            try:
                trees(case, blobs, later)
            except Exception:  # its own run says what is wrong
                continue
    blobs.read_many(later)


def trees(case: Case, blobs: Blobs, plan: list[tuple[str | None, str]] | None = None
          ) -> tuple[Tree, Tree]:
    """The old and new versions of the case, as the files of two layout folders (module
    documentation), built in memory."""
    parts = case.path.split("/")
    dirs = ["/".join(parts[:k]) for k in range(2, len(parts))]  # the code, its divisions
    got = blobs.read_many(_files(case))
    old_readmes, new_readmes = got[:len(dirs)], got[len(dirs):2 * len(dirs)]
    old_article, new_article = got[-2], got[-1]
    old_tree: Tree = {}
    new_tree: Tree = {}
    # the code itself, in both versions (a code created or removed by the commit too)
    code_heading = old_readmes[0] or new_readmes[0]
    if code_heading is None:
        raise RuntimeError(f"no README.md for {dirs[0]} in either version")
    for k, d in enumerate(dirs):
        rel = "/".join([*d.split("/")[2:], "README.md"])
        old, new = old_readmes[k], new_readmes[k]
        if old is not None or k == 0:
            old_tree[rel] = old if old is not None else _heading_only(code_heading)
        if new is not None or k == 0:
            new_tree[rel] = (_with_heading(old, new) if old is not None and new is not None
                             else new if new is not None else _heading_only(code_heading))
    rel_article = "/".join(parts[2:])
    if old_article is not None:
        old_tree[rel_article] = old_article
    if new_article is not None:
        new_tree[rel_article] = new_article
    if case.pass_name in ("creations", "deletions"):
        _neighbours(case, blobs, dirs, old_readmes, new_readmes, old_tree, new_tree, plan)
    return old_tree, new_tree


def write_tree(tree: Tree, root: Path) -> Path:
    """A tree written as a layout folder (``--dump``; the tests read it back with
    ``layout.read`` and compare)."""
    root.mkdir(parents=True)
    for rel, data in tree.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def build(case: Case, blobs: Blobs, where: Path) -> tuple[Path, Path]:
    """The old and new versions of the case as two layout folders in ``where``."""
    old, new = trees(case, blobs)
    return write_tree(old, where / "old"), write_tree(new, where / "new")


def _neighbours(case: Case, blobs: Blobs, dirs: list[str], old_readmes: list[bytes | None],
                new_readmes: list[bytes | None], old_tree: Tree, new_tree: Tree,
                plan: list[tuple[str | None, str]] | None) -> None:
    """The nearest article or division before and after the node that appears (or
    disappears), among those both versions hold, with their old text in both trees
    (only the files to read added to ``plan``, when given)."""
    created = case.pass_name == "creations"
    here = old_readmes if created else new_readmes  # the version that may lack divisions
    there = new_readmes if created else old_readmes
    level = max(k for k, r in enumerate(here) if r is not None) if any(
        r is not None for r in here) else -1
    if level < 0:
        return  # the whole code is new (or gone): no neighbour
    node = case.path.split("/")[level + 2]  # the article, or the topmost division created
    listing, other = there[level], here[level]
    if listing is None or other is None:
        return
    entries = _entries(listing)
    both = set(_entries(other))
    if node not in entries:
        return
    at = entries.index(node)
    before = next((e for e in reversed(entries[:at]) if e in both), None)
    after = next((e for e in entries[at + 1:] if e in both), None)
    folder = dirs[level]
    rel = "/".join([*folder.split("/")[2:], ""])
    slugs = [s for s in (before, after) if s is not None and "/" not in s
             and not s.startswith(".")]
    paths = [f"{slug}" if slug.endswith(".md") else f"{slug}/README.md" for slug in slugs]
    wanted: list[tuple[str | None, str]] = [(case.parent, f"{folder}/{path}") for path in paths]
    if plan is not None:
        plan.extend(wanted)
        return
    for slug, path, data in zip(slugs, paths, blobs.read_many(wanted), strict=True):
        if data is None:
            continue
        text = data if slug.endswith(".md") else _heading_only(data)
        old_tree[rel + path] = new_tree[rel + path] = text


# ---------------------------------------------------------------------------
# Reading a tree as legidiff reads a layout folder (``legidiff.formats.layout.read``, the
# same functions, without the files: a test compares both readings)


def read_tree(tree: Tree, root: Path) -> Code:
    folders: dict[str, set[str]] = {}  # folder → the names it holds
    for rel in tree:
        bits = rel.split("/")
        for k in range(len(bits)):
            folders.setdefault("/".join(bits[:k]), set()).add(bits[k])
    heading, entries = _read_readme(tree, "", root)
    children = tuple(_read_children(tree, folders, "", entries, root))
    return Code(heading, children, meta=Meta(source=str(root)), source_format=layout.FORMAT)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _read_readme(tree: Tree, folder: str, root: Path) -> tuple[str, list[tuple[str, str]]]:
    path = root / _join(folder, "README.md")
    data = tree.get(_join(folder, "README.md"))
    if data is None:
        raise InputError("LD101", "fichier introuvable", Location(str(path)))
    m = layout._README_RE.match(decode_utf8(data, path))
    if not m:
        raise InputError("LD103", "README.md inattendu", Location(str(path), 1))
    entries = [(e.group("label"), e.group("slug"))
               for e in layout._ENTRY_RE.finditer(m.group("entries"))]
    return m.group("heading"), entries


def _read_children(tree: Tree, folders: dict[str, set[str]], folder: str,
                   entries: list[tuple[str, str]], root: Path) -> list[Node]:
    nodes: list[Node] = []
    listed = set()
    for label, slug in entries:
        listed.add(slug)
        rel = _join(folder, slug)
        if slug.endswith(".md") and rel in tree:
            nodes.append(_read_article(tree, rel, label, root))
        elif rel in folders:
            nodes.append(_read_division(tree, folders, rel, label, root))
    for name in sorted(folders.get(folder, ())):
        if name in listed or name == "README.md" or name.startswith("."):
            continue
        rel = _join(folder, name)
        if rel in folders:
            nodes.append(_read_division(tree, folders, rel, None, root))
        elif name.startswith("article-") and name.endswith(".md"):
            nodes.append(_read_article(tree, rel, None, root))
    return nodes


def _read_division(tree: Tree, folders: dict[str, set[str]], folder: str, label: str | None,
                   root: Path) -> Division:
    heading, entries = _read_readme(tree, folder, root)
    children = tuple(_read_children(tree, folders, folder, entries, root))
    division = parse_heading(heading)
    if division is None:
        division = Division(DivisionKind.AUTRE, "", heading, heading)
    name = folder.rsplit("/", 1)[-1]
    slug = name if name != layout.slugify(heading.split(":", 1)[0]) else None
    toc = label if label is not None and label != heading else None
    where = Layout(slug=slug, toc=toc) if (slug or toc) else None
    return Division(division.kind, division.number, division.title, heading, children,
                    None, where)


def _read_article(tree: Tree, rel: str, label: str | None, root: Path) -> Article:
    path = root / rel
    return layout.read_article_text(decode_utf8(tree[rel], path), path, label)


# ---------------------------------------------------------------------------
# One case


class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` hides it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise CaseTimeout


def duplicate(code: Code) -> str | None:
    """Two siblings that are one unit, which no code holds: two divisions of the same
    kind and number in one division ("LIVRE 1 : …" beside "Livre Ier : …", "titre 2"
    beside "titre II"), or two articles of the same number in one division, the star of
    a "R.*" set aside ("R*814-1" beside "R814-1"). The export lays such versions side by
    side when LEGI has both; None when the code has none."""
    return _duplicate(code.children, "code")


def _duplicate(children: Sequence[Node], where: str) -> str | None:
    seen: dict[tuple[str, str], Node] = {}
    for node in children:
        if isinstance(node, Division):
            if node.kind is DivisionKind.AUTRE or not node.key:
                ident = None
            else:
                ident = (node.kind.value, node.key)
        else:
            ident = ("article", node.key.replace("*", ""))
        if ident is not None:
            other = seen.setdefault(ident, node)
            if other is not node:
                return f"{where}: {_label(other)} et {_label(node)}"
        if isinstance(node, Division):
            inside = _duplicate(node.children, f"{node.kind.value} {node.number}")
            if inside is not None:
                return inside
    return None


_NO_NEIGHBOUR_RE = re.compile(r"aucun voisin que les instructions puissent nommer "
                              r"\(l'article (?P<number>.+?) le suit\)")


def nested_twice(code: Code, message: str) -> str | None:
    """The article a refusal for want of a nameable neighbour names ("aucun voisin que les
    instructions puissent nommer (l'article L. 211-6 le suit)"), when ``code`` holds it
    twice, once in a division and once in a division inside that one: the two places
    named; None otherwise (the message names no article, the article is there once, or
    twice in places apart, as two annexes may number their articles alike)."""
    m = _NO_NEIGHBOUR_RE.search(message)
    if m is None:
        return None
    key = article_key(m.group("number")).replace("*", "")
    places = [parents for parents, node in code.walk()
              if isinstance(node, Article) and node.key.replace("*", "") == key]
    for a, b in itertools.combinations(places, 2):
        outer, inner = (a, b) if len(a) <= len(b) else (b, a)
        if all(x is y for x, y in zip(outer, inner, strict=False)):
            return (f"article {m.group('number')} dans {_where(outer)} et dans "
                    f"{_where(inner)}")
    return None


def _where(chain: tuple[Division, ...]) -> str:
    return f"« {_cut(chain[-1].heading, 60)} »" if chain else "le code"


_ORDER_REFUSED_RE = re.compile(  # after "article 1er, 2° : ", before " (where)"
    r"(?:^|: )(?:l'article (?P<b>.+?) ne peut venir après l'article (?P<a>.+?)"
    r"|le (?P<kind>[\w-]+) (?P<db>.+?) ne peut venir après le (?P=kind) (?P<da>.+?))"
    r"(?: \(.*\))?$")


def out_of_order_in(code: Code, message: str) -> str | None:
    """The pair of units an LD306 message names ("l'article 10 A ne peut venir après
    l'article 10 C", "le titre premier ne peut venir après le titre II") when ``code``
    holds them as siblings in that very order and the engine's own order check refuses
    it (``legidiff.apply.numbering.out_of_order``): the official text breaks the
    numbering, and no instruction the engine accepts can give it. None otherwise (the
    message names something else, the text holds them in order, the order is open)."""
    m = _ORDER_REFUSED_RE.search(message)
    if m is None:
        return None
    if m.group("b") is not None:
        def wanted(node: Node, number: str) -> bool:
            return isinstance(node, Article) and node.key == article_key(number)
        first, second = m.group("a"), m.group("b")
    else:
        kind = m.group("kind")

        def wanted(node: Node, number: str) -> bool:
            return isinstance(node, Division) and node.kind.value == kind \
                and node.key == division_key(number)
        first, second = m.group("da"), m.group("db")
    return _out_of_order(code.children, wanted, first, second, "code")


def _out_of_order(children: Sequence[Node], wanted: Callable[[Node, str], bool], first: str,
                  second: str, where: str) -> str | None:
    earlier = [n for n in children if wanted(n, first)]
    if earlier:
        at = children.index(earlier[0])
        for node in children[at + 1:]:
            if wanted(node, second) and out_of_order(earlier[0], node):
                return f"{_unit(earlier[0])} avant {_unit(node)} ({where})"
    for node in children:
        if isinstance(node, Division):
            inside = _out_of_order(node.children, wanted, first, second,
                                   f"{node.kind.value} {node.number}")
            if inside is not None:
                return inside
    return None


def _unit(node: Node) -> str:
    return f"{node.kind.value} {node.number}" if isinstance(node, Division) else \
        f"article {node.num}"


def _label(node: Node) -> str:
    return f"« {node.heading} »" if isinstance(node, Division) else f"article {node.num}"


def differences(got: Code, want: Code) -> str | None:
    """The first difference between two codes, or None when they are the same text: in
    each division, the same divisions in the same order with the same titles, and the
    same articles in the same order, each with the same alinéas (DOMAIN.md's "exact").
    How articles and divisions interleave in one division is not compared: the export
    lists sub-divisions before articles whatever the code's order."""
    return _differences(got.children, want.children, ())


def _differences(got: Sequence[Node], want: Sequence[Node], chain: tuple[Division, ...]
                 ) -> str | None:
    where = " > ".join(f"{d.kind.value} {d.number}" for d in chain) or "code"
    got_divisions = [n for n in got if isinstance(n, Division)]
    want_divisions = [n for n in want if isinstance(n, Division)]
    got_articles = [n for n in got if isinstance(n, Article)]
    want_articles = [n for n in want if isinstance(n, Article)]
    for x, y in zip(got_articles, want_articles, strict=False):
        if x.key != y.key:
            return f"{where}: {_name(x)} where the new text has {_name(y)}"
        if not same_alineas(x.alineas, y.alineas):
            return f"{_name(y)}: {_first_alinea_difference(x.alineas, y.alineas)}"
    if len(got_articles) != len(want_articles):
        return _count_difference(where, got_articles, want_articles)
    for dx, dy in zip(got_divisions, want_divisions, strict=False):
        if (dx.kind, dx.key) != (dy.kind, dy.key):
            return f"{where}: {_name(dx)} where the new text has {_name(dy)}"
        if not same_text(dx.title or "", dy.title or ""):
            return f"{where}: {_name(dy)} titled « {dx.title} », not « {dy.title} »"
        inside = _differences(dx.children, dy.children, (*chain, dy))
        if inside is not None:
            return inside
    if len(got_divisions) != len(want_divisions):
        return _count_difference(where, got_divisions, want_divisions)
    return None


def _count_difference(where: str, got: Sequence[Node], want: Sequence[Node]) -> str:
    if len(got) > len(want):
        return f"{where}: {_name(got[len(want)])} in excess"
    return f"{where}: {_name(want[len(got)])} missing"


def _name(node: object) -> str:
    if isinstance(node, Division):
        return f"{node.kind.value} {node.number}"
    return f"article {getattr(node, 'num', '?')}"


def _first_alinea_difference(got: Sequence[Alinea], want: Sequence[Alinea]) -> str:
    for k, (x, y) in enumerate(zip(got, want, strict=False), 1):
        if not same_alineas((x,), (y,)):
            a, b = x.text, y.text
            at = next((i for i, (c, d) in enumerate(zip(a, b, strict=False)) if c != d),
                      min(len(a), len(b)))
            start = max(0, at - 50)
            return (f"alinéa {k} reads « {'…' if start else ''}{_cut(a[start:], 120)} », "
                    f"not « {'…' if start else ''}{_cut(b[start:], 120)} »")
    return f"{len(got)} alinéas, not {len(want)}"


def _cut(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _first_line(data: bytes | None) -> str:
    if data is None:
        return ""
    line = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    return line[len("# Article "):] if line.startswith("# Article ") else line


def run_case(case: Case, blobs: Blobs, timeout: float) -> tuple[dict[str, Any], dict[str, Any]]:
    """The result of one case (deterministic) and its times."""
    record: dict[str, Any] = {
        "key": case.key, "pass": case.pass_name, "seq": case.seq, "commit": case.commit,
        "date": case.date, "text": case.text, "path": case.path}
    stage = "build"
    started = time.perf_counter()
    engine = cpu = 0.0
    try:
        old_tree, new_tree = trees(case, blobs)
        record["article"] = _first_line(
            (new_tree if case.pass_name != "deletions" else old_tree)["/".join(
                case.path.split("/")[2:])])
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            stage = "read"
            old = read_tree(old_tree, Path("old"))
            new = read_tree(new_tree, Path("new"))
            engine_start, cpu_start = time.perf_counter(), time.process_time()
            stage = "draft"
            drafted = draft(old, new)
            record["checked"] = drafted.checked
            record["instructions"] = sum(len(a.items) for a in drafted.articles)
            result = drafted.applied if _Reuse.enabled else None
            if result is None:
                stage = "parse"
                bill = parse_bill(drafted.text)
                stage = "apply"
                result = consolidate(old, bill)
            stage = "compare"
            engine = time.perf_counter() - engine_start
            cpu = time.process_time() - cpu_start
            if not result.complete:
                failure = result.failures[0]
                diagnostic = failure.diagnostics[0] if failure.diagnostics else None
                record.update(status="failed",
                              code=diagnostic.code if diagnostic else failure.status.value,
                              message=diagnostic.message if diagnostic else failure.kind)
            else:
                difference = differences(result.code, new)
                if difference is None:
                    record["status"] = "exact"
                elif not drafted.checked and drafted.reasons:
                    # the drafter said it could not write every change, and why: a
                    # failure it reported, not a text it passed off as the new one
                    record.update(status="failed", code="refused",
                                  message=drafted.reasons[0])
                else:
                    record.update(status="wrong", message=difference)
            if record["status"] == "failed":
                # a base or a result that is no code (one unit twice): the export's
                # artefact, not a text the drafter could write; never exact
                twice = (duplicate(old) or duplicate(new)) if record["code"] in (
                    "LD301", "LD306") else None
                if twice is not None:
                    record.update(status="artefact", artefact=f"en double : {twice}")
                elif record["code"] == "refused":
                    # the neighbour is one article the official result holds twice, in a
                    # division and in a sub-division of it (the export keeps an article's
                    # place before and after a move): no instruction can name it, and
                    # none could put it there again without numbering it twice
                    nested = nested_twice(new, record["message"])
                    if nested is not None:
                        record.update(status="artefact", artefact=f"en double : {nested}")
                elif record["code"] == "LD306":
                    # the official result itself holds the two units the engine names
                    # out of the order it keeps ("Titre II … Titre IV, Titre premier":
                    # some commits list a folder's entries by label)
                    disorder = out_of_order_in(new, record["message"])
                    if disorder is not None:
                        record.update(status="artefact", artefact="hors d'ordre dans la "
                                      f"version officielle : {disorder}")
            if record["status"] != "exact":
                record["draft"] = drafted.text
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except CaseTimeout:
        record.update(status="timeout", stage=stage)
    except Exception as e:  # the benchmark counts crashes, it does not stop on them
        last = traceback.format_exception_only(type(e), e)[-1].strip()
        frames = traceback.extract_tb(e.__traceback__)
        origin = next((f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames)
                       if "legidiff" in f.filename), "")
        record.update(status="crashed", stage=stage, message=_cut(last, 400), origin=origin)
    total = time.perf_counter() - started
    return record, {"key": case.key, "seconds": round(total, 4),
                    "engine_seconds": round(engine, 4), "engine_cpu_seconds": round(cpu, 4)}


class _Reuse:
    """Whether the benchmark takes the draft's own check (``Draft.applied``: its text
    parsed and applied to the old code, the same pure functions on the same objects)
    rather than parsing and applying the text a second time (``--no-reuse``; the results
    are the same: a test compares)."""

    enabled = True


# ---------------------------------------------------------------------------
# Workers


_WORKER: dict[str, Any] = {}


def _worker_blobs(mirror: Path) -> Blobs:
    """This process's ``git cat-file`` (it stops when the process ends and its input
    closes). The alarm of ``--timeout`` is set where it can be: in a process's main thread
    (the pool's workers, ``--workers 1``), not in a Dask worker's task threads."""
    if _WORKER.get("pid") != os.getpid() or _WORKER.get("mirror") != str(mirror):
        if _WORKER.get("pid") == os.getpid():
            _WORKER["blobs"].close()
        _WORKER.update(pid=os.getpid(), mirror=str(mirror), blobs=Blobs(mirror))
        # the grammar's parser is built once per process, on first use (about 2 s):
        # built here, so that it is not charged to the first case of each worker
        parse_bill("Article 1er\nL'article 1er du code civil est abrogé.\n")
        parse_chain("le chapitre II du titre Ier")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGALRM, _alarm)
    return _WORKER["blobs"]  # type: ignore[no-any-return]


def _close_worker() -> None:
    if _WORKER.get("pid") == os.getpid():
        _WORKER["blobs"].close()
        _WORKER.clear()


def run_batch(mirror: Path, cases: list[Case], timeout: float
              ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The results of a few cases, in their order: the unit of work of every way to run
    (this process, a process pool, a Dask cluster)."""
    blobs = _worker_blobs(mirror)
    alarm = timeout if threading.current_thread() is threading.main_thread() else 0.0
    prefetch(cases, blobs)
    return [run_case(case, blobs, alarm) for case in cases]


def _batches(cases: list[Case], size: int = _BATCH) -> Iterator[list[Case]]:
    for k in range(0, len(cases), size):
        yield cases[k:k + size]


Results = list[tuple[dict[str, Any], dict[str, Any]]]


def run_all(mirror: Path, cases: list[Case], workers: int, timeout: float,
            sink: IO[str] | None, timing_sink: IO[str] | None,
            scheduler: str | Any | None = None) -> Results:
    """Every case, in this process (``workers`` 1), in a pool of ``workers`` processes,
    or on the Dask cluster at ``scheduler`` (an address, or a ``distributed.Client``);
    each result is written as soon as it is known (for ``--resume``). The results are the
    same whatever the way: each case is computed alone from the repository."""
    out: Results = []
    done = 0
    last_note = time.monotonic()

    def keep(results: Results) -> None:
        nonlocal done, last_note
        for record, times in results:
            out.append((record, times))
            if sink is not None and timing_sink is not None:
                sink.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                timing_sink.write(json.dumps(times, sort_keys=True) + "\n")
        if sink is not None and timing_sink is not None:
            sink.flush()
            timing_sink.flush()
        done += len(results)
        if time.monotonic() - last_note > 30:
            last_note = time.monotonic()
            print(f"… {done}/{len(cases)} cases", file=sys.stderr, flush=True)

    if scheduler is not None:
        _run_dask(mirror, cases, timeout, keep, scheduler)
    elif workers <= 1:
        try:
            for batch in _batches(cases):
                keep(run_batch(mirror, batch, timeout))
        finally:
            _close_worker()
    else:
        _run_pool(mirror, cases, workers, timeout, keep)
    return out


def _run_pool(mirror: Path, cases: list[Case], workers: int, timeout: float,
              keep: Callable[[Results], None]) -> None:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[Results]] = set()
        for batch in _batches(cases):  # a few tasks ahead of each worker, not the whole run
            pending.add(pool.submit(run_batch, mirror, batch, timeout))
            if len(pending) >= 4 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    keep(future.result())
        for future in pending:
            keep(future.result())


def _run_dask(mirror: Path, cases: list[Case], timeout: float,
              keep: Callable[[Results], None], scheduler: str | Any) -> None:
    """The batches sent to a Dask cluster (``pip install legidiff[dask]``): every worker
    must see the repository at the same path (a shared or copied folder)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SystemExit("legi_history: --scheduler needs dask.distributed "
                         "(pip install 'legidiff[dask]')") from None
    client = scheduler if not isinstance(scheduler, str) else Client(  # type: ignore[no-untyped-call,unused-ignore]
        scheduler)
    try:
        threads = max(1, sum(client.nthreads().values()))
        batches = _batches(cases, _BATCH * 4)
        window = as_completed()  # type: ignore[no-untyped-call,unused-ignore]
        for batch in itertools.islice(batches, 4 * threads):
            window.add(  # type: ignore[no-untyped-call,unused-ignore]
                client.submit(run_batch, mirror, batch, timeout, pure=False))
        for future in window:
            keep(future.result())
            future.release()
            more = next(batches, None)
            if more is not None:
                window.add(  # type: ignore[no-untyped-call,unused-ignore]
                    client.submit(run_batch, mirror, more, timeout, pure=False))
    finally:
        if isinstance(scheduler, str):
            client.close()


# ---------------------------------------------------------------------------
# The report


def _quotes(text: str) -> str:
    """Short quotations kept (« et », « (nouveau) »: they name the cause), long ones cut."""
    return re.sub(r"«[^»]*»", lambda m: m.group() if len(m.group()) <= 24 else "«…»", text)


def _bucket(record: dict[str, Any]) -> str:
    """The reason of a failure, a crash or a wrong text, with what varies from case to
    case taken out."""
    message = str(record.get("message", ""))
    status = record["status"]
    if status in ("failed", "artefact"):
        message = re.sub(r"^article [^:]*? : ", "", message, flags=re.IGNORECASE)
        if record.get("code") != "LD309":
            message = re.sub(r" \([^()]*\)$", "", message)  # the unit: it varies
        message = re.sub(r"\d+", "N", _quotes(message))
        return f"{record.get('code')} {_cut(message, 150)}"
    if status == "crashed":
        message = re.sub(r"(?:old|new)/\S*", "…", message)
        message = re.sub(r"\d+", "N", _quotes(message))
        return f"{record.get('stage')}: {_cut(message, 150)} [{record.get('origin', '')}]"
    if status == "wrong":
        message = re.sub(r"«[^»]*»", "«…»", message)
        message = re.sub(r"^article \S+", "article X", message)
        message = re.sub(r"^[^:]*: ", "", message)  # where: it varies
        message = re.sub(r"\d+", "N", message)
        return _cut(message, 150)
    return str(record.get("stage", ""))


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _example(record: dict[str, Any]) -> str:
    return (f"{record['commit'][:10]} {record['date']} {record['path']} "
            f"(« {record['text']} »)")


def report(records: list[dict[str, Any]], timings: dict[str, dict[str, Any]],
           wall: float, ran: int, workers: int) -> str:
    lines: list[str] = []
    by_pass: dict[str, list[dict[str, Any]]] = {p: [] for p in PASSES}
    for record in records:
        by_pass[record["pass"]].append(record)
    for status in ("failed", "artefact", "crashed", "timeout"):
        buckets: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            if record["status"] == status:
                buckets.setdefault(f"{record['pass']} | {_bucket(record)}", []).append(record)
        if not buckets:
            continue
        lines.append(f"\n{status.upper()}: {sum(len(v) for v in buckets.values())} cases, "
                     f"{len(buckets)} reasons")
        ranked = sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        for reason, group in ranked[:_SHOWN]:
            first = group[0]
            lines.append(f"  {len(group):6d}  {reason}")
            lines.append(f"          e.g. {_example(first)} {first.get('article', '')}")
            if status != "timeout":
                lines.append(f"               {_cut(str(first.get('message', '')), 300)}")
            if status == "artefact":
                lines.append(f"               {_cut(str(first.get('artefact', '')), 300)}")
        if len(ranked) > _SHOWN:
            rest = ranked[_SHOWN:]
            lines.append(f"  … {len(rest)} more reasons, {sum(len(g) for _, g in rest)} cases "
                         "(in the JSON lines)")
    wrong = [r for r in records if r["status"] == "wrong"]
    lines.append(f"\nWRONG (applied, and not the new text): {len(wrong)}")
    for record in wrong:
        lines.append(f"  {_example(record)} {record.get('article', '')} "
                     f"checked={record.get('checked')}")
        lines.append(f"      {record.get('message', '')}")
    slow = [r for r in records if r["status"] == "timeout"]
    if slow:
        lines.append(f"\nTIMEOUT (stopped after --timeout seconds): {len(slow)}")
        lines.extend(f"  {r['key']} (stage: {r.get('stage')})" for r in slow)
    lying = [r for r in records if r.get("checked") is True and r["status"] != "exact"]
    lines.append(f"\nCHECKED BUT NOT EXACT (draft.checked true, the result differs): "
                 f"{len(lying)}")
    for record in lying:
        lines.append(f"  {record['status']}: {_example(record)} {record.get('article', '')}")
    unchecked = [r for r in records if r.get("checked") is False and r["status"] == "exact"]
    lines.append(f"exact though draft.checked is false: {len(unchecked)}")
    times = [(timings[r["key"]], r) for r in records if r["key"] in timings]
    lines.append("\nSLOWEST CASES (seconds: draft+parse+apply, its CPU time, and the whole "
                 "case; on a busy machine the first waits for the CPU, the second does not)")
    for t, record in sorted(times, key=lambda t: (-t[0]["engine_seconds"], t[1]["key"]))[:10]:
        lines.append(f"  {t['engine_seconds']:8.3f} {t.get('engine_cpu_seconds', -1):8.3f} "
                     f"{t['seconds']:8.3f}  {record['status']:8s} "
                     f"{_example(record)} {record.get('article', '')}")
    by_cpu = sorted(times, key=lambda t: (-t[0].get("engine_cpu_seconds", 0), t[1]["key"]))
    lines.append("SLOWEST CASES BY CPU TIME (draft+parse+apply)")
    for t, record in by_cpu[:10]:
        lines.append(f"  {t.get('engine_cpu_seconds', -1):8.3f} {t['engine_seconds']:8.3f}  "
                     f"{record['status']:8s} {_example(record)} {record.get('article', '')}")
    lines.append("\nFIGURES")
    header = f"  {'pass':14s} {'cases':>7s}" + "".join(f" {s:>15s}" for s in STATUSES)
    lines.append(header)
    for name in PASSES:
        group = by_pass[name]
        if not group:
            continue
        counts = Counter(r["status"] for r in group)
        cells = "".join(f" {counts[s]:6d} {100 * counts[s] / len(group):6.2f}%"
                        for s in STATUSES)
        lines.append(f"  {name:14s} {len(group):7d}{cells}")
    counts = Counter(r["status"] for r in records)
    total = len(records)
    if total:
        cells = "".join(f" {counts[s]:6d} {100 * counts[s] / total:6.2f}%" for s in STATUSES)
        lines.append(f"  {'all':14s} {total:7d}{cells}")
    for name in PASSES:
        group = [r for r in by_pass[name] if r["status"] != "artefact"]
        if len(group) < len(by_pass[name]):
            exact = sum(1 for r in group if r["status"] == "exact")
            lines.append(f"  {name}, the export's artefacts set aside: {exact}/{len(group)} "
                         f"exact ({100 * exact / max(1, len(group)):.2f}%)")
    lines.append(f"  draft.checked true but not exact: {len(lying)}; wrong with draft.checked "
                 f"false (the draft said so): {sum(1 for r in wrong if not r.get('checked'))}")
    whole = [t["seconds"] for t, _ in times]
    engine = [t["engine_seconds"] for t, _ in times]
    cpu = [t["engine_cpu_seconds"] for t, _ in times if "engine_cpu_seconds" in t]
    for label, values in (("whole case", whole), ("draft+parse+apply", engine),
                          ("draft+parse+apply, CPU", cpu)):
        lines.append(f"  per case, {label} (s): p50 {_percentile(values, 0.5):.3f}  "
                     f"p90 {_percentile(values, 0.9):.3f}  p99 {_percentile(values, 0.99):.3f}"
                     f"  max {max(values, default=0.0):.3f}")
    if ran:
        lines.append(f"  this run: {ran} cases in {wall:.1f} s with {workers} worker(s): "
                     f"{ran / wall:.1f} cases/s")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Command line


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not path.exists():
        return out
    for line in path.read_text("utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut by an interrupted run: that case runs again
    return out


def _write_sorted(path: Path, records: list[dict[str, Any]], order: dict[str, Any]) -> None:
    ordered = sorted(records, key=lambda r: order.get(r["key"], (9, 0, r["key"])))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
                           for r in ordered), "utf-8")
    tmp.replace(path)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def dump(mirror: Path, key: str, to: Path) -> int:
    """One case as two layout folders and its draft, to reproduce it with the CLI
    (``legidiff draft TO/old TO/new``)."""
    case = next((c for c in history(mirror) if c.key == key), None)
    if case is None:
        print(f"legi_history: no case {key}", file=sys.stderr)
        return 2
    if to.exists():
        print(f"legi_history: {to} exists", file=sys.stderr)
        return 2
    to.mkdir(parents=True)
    blobs = Blobs(mirror)
    try:
        old_root, new_root = build(case, blobs, to)
    finally:
        blobs.close()
    drafted = draft(layout.read(old_root, []), layout.read(new_root, []))
    (to / "draft.txt").write_text(drafted.text, "utf-8")
    print(f"{old_root}\n{new_root}\n{to / 'draft.txt'} (checked: {drafted.checked})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mirror", type=Path, help="a git copy of etalab/codes-juridiques-francais")
    parser.add_argument("--codes", nargs="+", help="code folders (code-civil, …)")
    parser.add_argument("--passes", nargs="+", choices=PASSES, default=list(PASSES))
    parser.add_argument("--sample", type=int, help="cases per pass, drawn with --seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case")
    parser.add_argument("--json", type=Path, help="results, one JSON line per case")
    parser.add_argument("--resume", action="store_true",
                        help="keep the cases already in --json, run the others")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on this Dask cluster (tcp://host:8786; pip install "
                             "'legidiff[dask]'); every worker reads MIRROR at the same path")
    parser.add_argument("--no-reuse", action="store_true",
                        help="parse and apply the draft again rather than take the draft's "
                             "own check (slower; the same results)")
    parser.add_argument("--dump", metavar="KEY",
                        help="write the old and new folders of one case (its key in the "
                             "results) into --dump-to, with its draft, and stop")
    parser.add_argument("--dump-to", type=Path, default=Path("legi-history-case"))
    args = parser.parse_args(argv)
    if args.resume and args.json is None:
        parser.error("--resume needs --json")
    try:
        git(args.mirror, "rev-parse", "--git-dir")
    except (subprocess.CalledProcessError, FileNotFoundError):
        parser.error(f"{args.mirror}: not a git repository (git clone "
                     "https://github.com/etalab/codes-juridiques-francais)")
    _Reuse.enabled = not args.no_reuse
    if args.dump is not None:
        return dump(args.mirror, args.dump, args.dump_to)
    cases = select(history(args.mirror), args.codes, args.passes, args.sample, args.seed)
    order = {c.key: c.order for c in cases}
    previous: list[dict[str, Any]] = []
    previous_times: list[dict[str, Any]] = []
    timing_path = args.json.with_name(args.json.name.removesuffix(".jsonl") + ".timing.jsonl") \
        if args.json is not None else None
    if args.json is not None and timing_path is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        if args.resume:
            previous = [r for r in _read_jsonl(args.json) if r.get("key") in order]
            previous_times = [t for t in _read_jsonl(timing_path) if t.get("key") in order]
        known = {r["key"] for r in previous}
        _write_sorted(args.json, previous, order)
        _write_sorted(timing_path, [t for t in previous_times if t["key"] in known], order)
    known = {r["key"] for r in previous}
    todo = [c for c in cases if c.key not in known]
    signal.signal(signal.SIGTERM, _terminate)  # stop cleanly: what is done stays in OUT
    print(f"legi_history: {len(cases)} cases ({len(known)} already done), "
          f"{args.workers} worker(s)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    if args.json is not None and timing_path is not None:
        with args.json.open("a", encoding="utf-8") as sink, \
                timing_path.open("a", encoding="utf-8") as timing_sink:
            results = run_all(args.mirror, todo, args.workers, args.timeout, sink, timing_sink,
                              args.scheduler)
    else:
        results = run_all(args.mirror, todo, args.workers, args.timeout, None, None,
                          args.scheduler)
    wall = time.perf_counter() - started
    records = previous + [r for r, _ in results]
    timings = {t["key"]: t for t in previous_times}
    timings.update((t["key"], t) for _, t in results)
    if args.json is not None and timing_path is not None:
        _write_sorted(args.json, records, order)
        _write_sorted(timing_path, list(timings.values()), order)
    records.sort(key=lambda r: order[r["key"]])
    print(report(records, timings, wall, len(results), args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
