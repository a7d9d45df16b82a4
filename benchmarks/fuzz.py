"""Fuzzing the parser, the engine and the readers with mutated real text (issue 13).

    python benchmarks/fuzz.py N [--seed S] [--corpus PATH] [--out DIR] [--timeout 10]
                                [--hang 2] [--no-scaling]

N inputs are built from the real texts of ``../shared/corpus`` (read in place, never
copied): instruction sentences with their chapeau (``instructions/instructions.jsonl``),
real instructions with the article they changed (``replay-2/triples.jsonl``, the base is
that article), amending provisions (``provisions.jsonl``), windows of the Senate
transcript and of whole small bills (``instructions/texts``), and articles written as
Markdown, article blocks and legidiff JSON for the readers. Each is mutated (spans
deleted, duplicated, spliced from another text; hostile characters and tokens inserted:
« » ’ ° non-breaking spaces, runs of thousands of spaces, numbers of thousands of digits,
"⟨0⟩", dotless ı, long s ſ, byte-order marks, line and paragraph separators, controls…),
then ``parse_bill`` and ``consolidate`` run on a small real base (the article of the
replay record, or the articles of the replay set for the code the text names) and the
result is written back as Markdown (with the ``--partial`` markers).

What counts:

- a **crash**: any exception but :class:`legidiff.diagnostics.LegidiffError` (with a
  code of ``diagnostics.CODES``), the worker killed (memory: the worker is limited to
  3 GB), or a failed or unread instruction without a diagnostic code;
- a **hang**: an input taking more than ``--hang`` seconds (2); the worker is killed
  after ``--timeout`` seconds (10) and restarted.

Every crash and hang is saved in ``--out`` (``NAME.json`` with the traceback, and the
bill and the base as files to run ``legidiff`` on). The inputs run one at a time in one
worker process (one core; run it under ``nice``). Then the parser's time is measured on
bills of 1 KB to 1 MB, of real instructions and of hostile shapes (runs of spaces in a
quotation, an unclosed «, one line without punctuation): time per KB must stay flat.
Figures are printed last.
"""

from __future__ import annotations

import argparse
import cProfile
import faulthandler
import hashlib
import heapq
import json
import multiprocessing as mp
import os
import pstats
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legidiff.apply.consolidate import Status, consolidate  # noqa: E402
from legidiff.apply.run import output_code  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.diagnostics import CODES, LegidiffError  # noqa: E402
from legidiff.document.model import Alinea, Article, Code  # noqa: E402
from legidiff.formats import Format, blocks, jsonfmt, markdown, render  # noqa: E402
from legidiff.lang.codes import canonical_code_name, display_name, names_in  # noqa: E402
from legidiff.lang.text import has_markup  # noqa: E402

EXAMPLE_BASE = ROOT / "examples" / "csi-livre-viii-avant-2021-construit.md"
MAX_INPUT = 64_000  # characters of one fuzzed input (whole bills are cut to windows)
MEMORY_LIMIT = 3 * 1024 ** 3

# ---------------------------------------------------------------------------
# The corpus


@dataclass
class Corpus:
    instructions: list[tuple[str, str, str | None]]  # text, context, code
    replays: list[tuple[str, str, str, tuple[str, ...]]]  # code, bill text, number, alinéas
    provisions: list[str]
    senate: list[str]  # lines
    bills: list[str]  # whole small bills
    articles: list[tuple[str, str, tuple[str, ...]]]  # code, number, alinéas
    words: list[str] = field(default_factory=list)  # donor fragments


def load_corpus(path: Path) -> Corpus:
    def jsonl(name: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in (path / name).read_text("utf-8").splitlines()
                if line.strip()]

    instructions = [(str(r["text"]), str(r.get("context") or ""), r.get("code"))
                    for r in jsonl("instructions/instructions.jsonl")]
    replays = []
    articles = []
    for r in jsonl("replay-2/triples.jsonl"):
        lines = [x for x in str(r.get("before") or "").split("\n") if x.strip()]
        number = lines[0].removeprefix("# Article ").strip() if lines else ""
        alineas = tuple(lines[1:])
        text = "Article 1er\n"
        if r.get("instruction_context"):
            text += str(r["instruction_context"]) + "\n"
        text += str(r["instruction"]) + "\n" + "\n".join(r.get("instruction_quoted_follow") or [])
        replays.append((str(r["code"]), text, number, alineas))
        for key in ("before", "after"):
            lines = [x for x in str(r.get(key) or "").split("\n") if x.strip()]
            if lines:
                articles.append((str(r["code"]), lines[0].removeprefix("# Article ").strip(),
                                 tuple(lines[1:])))
    provisions = [str(r["text"]) for r in jsonl("provisions.jsonl")]
    senate = (path / "senat-seance-2021-06-29-extrait.txt").read_text("utf-8").splitlines()
    bills = [p.read_text("utf-8") for p in sorted((path / "instructions" / "texts").glob("*.txt"))
             if p.stat().st_size <= 60_000]
    corpus = Corpus(instructions, replays, provisions, senate, bills, articles)
    words: set[str] = set()
    for text, _, _ in instructions[::7]:
        words.update(re.findall(r"\S+(?:\s+\S+){0,3}", text))
    corpus.words = sorted(words)
    return corpus


# ---------------------------------------------------------------------------
# Mutations

HOSTILE = [
    "« ", " »", "«", "»", "\"", "“", "”", "’", "'", "°", "o", "\u00a0", "\u202f", "\u2009",
    "\t", "\n", "\r\n", "\r", "\ufeff", "⟨0⟩", "⟨9⟩", "⟨", "⟩", "ı", "ſ", "İ", "K", "ﬁ",
    "\u0301", "\x00", "\x0c", "\x0b", "\x1c", "\u2028", "\u2029", "\x85", "\u200b", "\u200f",
    "𝟙", "½", "²", "٣", "Ⅳ", "ǅ", "ß", "ﬀ", "\U0001F600", "&amp;", "<b>", "</table>", "<br/>",
    "# ", "## Article L. 1", "Art. L. 1. – ", "Article 1er\n", "ARTICLE PREMIER\n",
    "Article 2\n", "Chapitre II\n", "L. ", "R. *", "1°", "1o", "I. –", "II.-", "a)", "bis",
    "ter", "A", "premier", "dernier", "alinéa", "phrase", "à", "au", "du", "de la", "le mot : ",
    "les mots : ", " sont remplacés par les mots : ", " est supprimé", " sont abrogés",
    " ainsi rédigé :", " est complété par ", "Le code électoral est ainsi modifié :\n",
    " du même code", " respectivement", " partout où ils figurent", " après ", " avant ",
    "Après le 3°, il est inséré un 3° bis ainsi rédigé :", " est ainsi rétabli",
    " devient l'article ", " du présent article", " à la fin", " au début", "-", "–", ":", ";",
    ",", ".", "(", ")", "[", "]", "*", "…", "1er", "2e", "n°", "no", "99999999999999999999",
    "3° à 99999999999999999999°", "du 2° au 9999°", "L. 1 à L. 99999999", "0", "-0", "1-",
]


def huge_number(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) + "9" * rng.choice((9, 19, 100, 4300, 4400, 6000))


def mutate(rng: random.Random, text: str, corpus: Corpus, rounds: int | None = None) -> str:
    """The text with one to five random changes (see the module's documentation)."""
    for _ in range(rounds if rounds is not None else rng.randint(1, 5)):
        n = len(text)
        pos = rng.randint(0, n)
        end = min(n, pos + rng.randint(1, 40))
        op = rng.random()
        if op < 0.30:
            text = text[:pos] + rng.choice(HOSTILE) + text[pos:]
        elif op < 0.40:
            text = text[:pos] + text[end:]
        elif op < 0.47:
            text = text[:end] + text[pos:end] + text[end:]
        elif op < 0.57:
            text = text[:pos] + rng.choice(corpus.words) + " " + text[end:]
        elif op < 0.63:
            text = re.sub(r"\d+", lambda m: huge_number(rng) if rng.random() < 0.3 else m.group(),
                          text, count=3)
        elif op < 0.69:
            run = rng.choice((" ", "\u00a0", "\u202f", "\t", " \u00a0")) * rng.choice(
                (50, 500, 5000, 20000))
            text = text[:pos] + run + text[pos:]
        elif op < 0.73:
            text = text[:pos] + text[pos:end].swapcase() + text[end:]
        elif op < 0.77:
            words = text.split(" ")
            if len(words) > 2:
                i, j = rng.randrange(len(words)), rng.randrange(len(words))
                words[i], words[j] = words[j], words[i]
                text = " ".join(words)
        elif op < 0.80:
            text = text[:pos]
        elif op < 0.84:
            table = rng.choice(({"«": "\"", "»": "\""}, {"«": "", "»": ""}, {"»": ""},
                                {"«": "«\u00a0«"}, {"’": "'", "'": "’"}, {"°": "o"}))
            text = text.translate(str.maketrans(table))  # type: ignore[arg-type]
        elif op < 0.87:
            line = text[pos:end]
            text = text[:pos] + line * rng.choice((2, 10, 200)) + text[end:]
        elif op < 0.90:
            text = text[:pos] + "\n" + text[pos:]
        elif op < 0.93:
            text = text[:pos] + chr(rng.randint(1, 0x2FFF)) + text[end:]
        elif op < 0.96:
            text = text.replace("\n", rng.choice(("\r\n", "\r", "\n\n", "\u2028", " ")))
        else:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        text = text[:MAX_INPUT]
    return text


# ---------------------------------------------------------------------------
# Jobs


@dataclass(frozen=True)
class Job:
    kind: str  # instruction, replay, provision, senate, bill, reader-markdown, … , scale
    text: str
    code: str | None = None  # the code a bill names by default (``parse_bill(code=…)``)
    base_key: str | None = None  # a base of the worker's pool
    base_md: str | None = None  # or a base as Markdown
    unwrap: bool = False


def article_md(code: str, number: str, alineas: tuple[str, ...]) -> str:
    return f"# {display_name(code)}\n\n## Article {number}\n\n" + "\n\n".join(alineas) + "\n"


def make_job(rng: random.Random, corpus: Corpus) -> Job:
    roll = rng.random()
    keep = rng.random() < 0.08  # a few inputs unmutated
    if roll < 0.45:
        text, context, code = rng.choice(corpus.instructions)
        bill = "Article 1er\n" + (context.replace(" / ", "\n") + "\n" if context else "") + text
        return Job("instruction", bill if keep else mutate(rng, bill, corpus),
                   code=code if rng.random() < 0.5 else None, base_key=code or "")
    if roll < 0.75:
        code, bill, number, alineas = rng.choice(corpus.replays)
        base = article_md(code, number, alineas) if number else f"# {display_name(code)}\n"
        if not keep and rng.random() < 0.2:
            base = mutate(rng, base, corpus)
        return Job("replay", bill if keep else mutate(rng, bill, corpus), code=code,
                   base_md=base)
    if roll < 0.80:
        text = rng.choice(corpus.provisions)
        return Job("provision", "Article 1er\n" + (text if keep else mutate(rng, text, corpus)),
                   base_key="csi", unwrap=rng.random() < 0.5)
    if roll < 0.85:
        start = rng.randrange(len(corpus.senate))
        window = "\n".join(corpus.senate[start:start + rng.randint(1, 30)])
        return Job("senate", window if keep else mutate(rng, window, corpus), base_key="csi")
    if roll < 0.87:
        whole = rng.choice(corpus.bills)
        if rng.random() < 0.7:
            lines = whole.splitlines()
            start = rng.randrange(len(lines))
            whole = "\n".join(lines[start:start + rng.randint(5, 120)])
        named = Counter(n for n in names_in(whole[:20_000]) if n != "autre texte")
        code = display_name(named.most_common(1)[0][0]) if named else None
        return Job("bill", whole if keep else mutate(rng, whole, corpus, rng.randint(1, 8)),
                   base_key=code or "")
    code, number, alineas = rng.choice(corpus.articles)
    fmt = rng.choice(("markdown", "blocks", "json"))
    if fmt == "markdown":
        text = article_md(code, number, alineas)
    elif fmt == "blocks":
        text = f"{display_name(code)}\n\nArt. {number}. – " + "\n".join(alineas) + "\n"
    else:
        text = jsonfmt.write(Code(display_name(code), (Article(number, tuple(
            Alinea(a, markup=has_markup(a)) for a in alineas)),)))
    return Job("reader-" + fmt, text if keep else mutate(rng, text, corpus))


# ---------------------------------------------------------------------------
# The worker


@dataclass
class Outcome:
    status: str  # ok, rejected, crash
    seconds: float
    detail: str = ""
    signature: str = ""


def _pool(corpus_path: Path) -> dict[str, Code]:
    """Small real bases: the example CSI base, and per code the articles of the replay set."""
    example = markdown.read(EXAMPLE_BASE.read_text("utf-8"), EXAMPLE_BASE, [])
    pool: dict[str, Code] = {"csi": example, "": example}
    by_code: dict[str, dict[str, Article]] = {}
    for line in (corpus_path / "replay-2" / "triples.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        lines = [x for x in str(r.get("before") or "").split("\n") if x.strip()]
        if lines:
            number = lines[0].removeprefix("# Article ").strip()
            by_code.setdefault(display_name(canonical_code_name(r["code"])), {}).setdefault(
                number, Article(number, tuple(Alinea(a, markup=has_markup(a))
                                              for a in lines[1:])))
    for code, articles in by_code.items():
        pool[code] = Code(code, tuple(articles.values()))
    return pool


def _check(job: Job, pool: dict[str, Code]) -> None:
    """Run one job; raise AssertionError when a failure carries no diagnostic code."""
    if job.kind.startswith("reader-"):
        fmt = job.kind.removeprefix("reader-")
        if fmt == "markdown":
            markdown.read(job.text, Path("fuzz.md"), [])
        elif fmt == "blocks":
            blocks.read(job.text, Path("fuzz.txt"), [])
        else:
            jsonfmt.read(job.text, Path("fuzz.json"))
        return
    if job.kind == "scale":
        parse_bill(job.text)
        return
    if job.base_md is not None:
        base = markdown.read(job.base_md, Path("base.md"), [])
    else:
        key = job.base_key or ""
        base = pool.get(key) or Code(display_name(canonical_code_name(key)),
                                     pool["csi"].children)
        pool.setdefault(key, base)
    bill = parse_bill(job.text, code=job.code, unwrap=job.unwrap)
    for d in bill.diagnostics:
        assert d.code in CODES, f"code de diagnostic inconnu {d.code}"
    result = consolidate(base, bill)
    for r in result.results:
        assert all(d.code in CODES for d in r.diagnostics), "code de diagnostic inconnu"
        if r.status in (Status.FAILED, Status.UNRECOGNIZED, Status.OUT_OF_SCOPE):
            assert r.diagnostics, f"{r.status.value} sans diagnostic"
    if len(base.children) <= 50:
        render(output_code(result), Format.MARKDOWN)


def _signature(error: BaseException) -> str:
    """The exception type and the innermost legidiff frame: one signature per bug."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "legidiff" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} {where}"


def _hot_spot(job: Job, pool: dict[str, Code]) -> str:
    """Where a slow input spends its time: the function of legidiff that calls the most
    expensive one (a regular expression, usually), from a profile of a second run."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        _check(job, pool)
    except Exception:  # only the time matters here
        profile.disable()
    profile.disable()
    stats: dict[Any, Any] = pstats.Stats(profile).stats  # type: ignore[attr-defined]

    def name(key: tuple[str, int, str]) -> str:
        return f"{Path(key[0]).name}:{key[1]}({key[2]})" if key[0] != "~" else key[2]

    leaf = key = max(stats, key=lambda k: stats[k][2])
    seen = {key}
    while "legidiff" not in key[0]:  # up to the code of legidiff that called it (lark, re…)
        callers = [c for c in stats[key][4] if c not in seen]
        if not callers:
            return name(leaf)
        key = max(callers, key=lambda c: stats[key][4][c][3])
        seen.add(key)
    return name(leaf) if key == leaf else f"{name(key)} → {name(leaf)}"


def _stack(dump: Path) -> str:
    """The innermost frames of legidiff in a stack dumped by faulthandler."""
    text = dump.read_text("utf-8", errors="replace") if dump.exists() else ""
    frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', text)
    ours = [f"{Path(f).name}:{line}({name})" for f, line, name in frames if "legidiff" in f]
    return ours[0] if ours else "?"


def worker(conn: Connection, corpus_path: str, hang: float, dump: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    pool = _pool(Path(corpus_path))
    # the grammars are built on the first parse (about a second): not an input's time
    _check(Job("warm-up", "Article 1er\nÀ l'article L. 1 du code civil, le mot : « a » est "
                          "supprimé.\n"), pool)
    with open(dump, "w") as dump_file:
        # the parent asks for the stack (SIGUSR1) before it stops an input that runs too long:
        # faulthandler writes it even while a regular expression runs in C
        faulthandler.register(signal.SIGUSR1, file=dump_file)
        conn.send("ready")
        while True:
            try:
                job: Job | None = conn.recv()
            except EOFError:
                return
            if job is None:
                return
            start = time.process_time()
            try:
                _check(job, pool)
                outcome = Outcome("ok", 0.0)
            except LegidiffError as e:
                outcome = Outcome("rejected", 0.0) if e.code in CODES else Outcome(
                    "crash", 0.0, f"LegidiffError sans code connu : {e.code}", f"code {e.code}")
            except (Exception, RecursionError, MemoryError) as e:  # every other one is a bug
                outcome = Outcome("crash", 0.0, traceback.format_exc(limit=-12), _signature(e))
            outcome.seconds = time.process_time() - start
            if outcome.seconds > hang and job.kind != "scale":
                conn.send(("profile", outcome))  # a second run, on a new budget of time
                outcome.signature = _hot_spot(job, pool)
            conn.send(outcome)


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """The processor time a process has used (user and system), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


class Runner:
    """One worker process, restarted when it dies or takes too long.

    Times are processor times of the worker, not wall-clock times: run under ``nice`` on a
    busy machine, an input waits for the processor without being slow itself."""

    def __init__(self, corpus_path: Path, hang: float) -> None:
        self.corpus_path = corpus_path
        self.hang = hang
        self.dump = Path(tempfile.mkstemp(prefix="legidiff-fuzz-", suffix=".stack")[1])
        self.context = mp.get_context("spawn")
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self.restarts = 0

    def start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(
            target=worker, args=(child, str(self.corpus_path), self.hang, str(self.dump)),
            daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        if not parent.poll(600) or parent.recv() != "ready":
            raise SystemExit("fuzz: le processus de travail ne démarre pas")

    def close(self) -> None:
        self.stop()
        self.dump.unlink(missing_ok=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
        self.process = None
        self.conn = None

    def run(self, job: Job, timeout: float) -> Outcome:
        """Run one job; stop it after ``timeout`` seconds of processor time."""
        if self.conn is None or self.process is None:
            self.start()
        assert self.conn is not None
        assert self.process is not None
        pid = self.process.pid
        assert pid is not None
        before = cpu_seconds(pid)
        slow: Outcome | None = None  # a slow input, being profiled
        try:
            self.conn.send(job)
            while True:
                while not self.conn.poll(0.05 if timeout < 5 else 0.5):
                    if cpu_seconds(pid) - before > timeout * (3 if slow else 1):
                        self.dump.write_text("")
                        os.kill(pid, signal.SIGUSR1)
                        time.sleep(0.5)
                        stack = self.dump.read_text("utf-8", "replace")
                        self.stop()
                        self.restarts += 1
                        where = _stack(self.dump) if stack else "?"
                        if slow is not None:  # the profile took too long: the stack says where
                            slow.signature = where
                            return slow
                        return Outcome("timeout", timeout, f"plus de {timeout:g} s :\n{stack}",
                                       where)
                message = self.conn.recv()
                if isinstance(message, tuple):
                    slow = message[1]
                    before = cpu_seconds(pid)
                    continue
                result: Outcome = message
                return result
        except (EOFError, BrokenPipeError, ConnectionResetError):
            code = self.process.exitcode if self.process is not None else None
            used = cpu_seconds(pid) - before
            self.stop()
            self.restarts += 1
            return Outcome("crash", used, f"processus de travail mort (code {code} ; mémoire ?)",
                           "worker died")


# ---------------------------------------------------------------------------
# Findings


class Findings:
    def __init__(self, out: Path, seed: int, keep: int = 3) -> None:
        self.out = out
        self.seed = seed
        self.keep = keep
        self.by_signature: Counter[str] = Counter()
        self.saved: list[Path] = []

    def add(self, category: str, index: int, job: Job, outcome: Outcome) -> None:
        signature = f"{category}: {outcome.signature}"
        self.by_signature[signature] += 1
        if self.by_signature[signature] > self.keep:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(signature.encode()).hexdigest()[:8]
        name = f"{category}-{digest}-{self.by_signature[signature]}"
        record = {"category": category, "signature": outcome.signature, "seed": self.seed,
                  "index": index, "kind": job.kind, "code": job.code, "unwrap": job.unwrap,
                  "base_key": job.base_key, "seconds": round(outcome.seconds, 3),
                  "detail": outcome.detail, "text": job.text, "base_md": job.base_md}
        path = self.out / f"{name}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8",
                        errors="surrogatepass")
        (self.out / f"{name}.input.txt").write_text(job.text, "utf-8", errors="surrogatepass")
        if job.base_md is not None:
            (self.out / f"{name}.base.md").write_text(job.base_md, "utf-8",
                                                      errors="surrogatepass")
        self.saved.append(path)


def _excerpt(text: str, width: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[:width] + " …"


# ---------------------------------------------------------------------------
# Scaling of the parser


def scaling_bill(rng: random.Random, corpus: Corpus, series: str, size: int) -> str:
    """A bill of about ``size`` characters: real instructions, or a hostile shape."""
    if series == "réel":
        parts = ["Projet de loi"]
        n, total = 0, 0
        while total < size:
            n += 1
            text, context, _ = rng.choice(corpus.instructions)
            piece = f"Article {n}\n" + (context.replace(" / ", "\n") + "\n" if context else "")
            piece += mutate(rng, text, corpus, 1) if rng.random() < 0.2 else text
            parts.append(piece)
            total += len(piece) + 1
        return "\n".join(parts)[:size]
    head = "Article 1er\nÀ l'article L. 1 du code électoral, les mots : « "
    if series == "espaces cités":
        return head + ("a" + "\u00a0 " * 20) * (size // 41) + " » sont supprimés.\n"
    if series == "bloc cité":
        head = ("Article 1er\nAprès l'article 1 du code civil, il est inséré un article 2 ainsi "
                "rédigé :\n« Art. 2. – Texte")
        return head + " " * max(0, size - len(head) - 8) + "fin ».\n"
    if series == "« non fermé":
        return head + ("mot\u00a0" * (size // 4)) + "\n"
    words = [w for w in " ".join(t for t, _, _ in corpus.instructions[:400]).split()
             if w.isalpha()]
    line = " ".join(rng.choice(words) for _ in range(size // 6))
    return "Article 1er\n" + line[:size]


SERIES = ("réel", "espaces cités", "bloc cité", "« non fermé", "ligne unique")
SIZES = (1_000, 10_000, 100_000, 1_000_000)


# ---------------------------------------------------------------------------
# Main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="nombre d'entrées à essayer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "legidiff-fuzz",
                        help="dossier des entrées qui font échouer (créé au besoin)")
    parser.add_argument("--hang", type=float, default=2.0, help="seuil de lenteur (s)")
    parser.add_argument("--timeout", type=float, default=10.0, help="arrêt d'une entrée (s)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="sans la mesure du temps d'analyse de 1 Ko à 1 Mo")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                        help="tailles des projets de loi mesurés (caractères)")
    parser.add_argument("--progress", type=int, default=10_000,
                        help="une ligne d'avancement (stderr) toutes les N entrées")
    args = parser.parse_args(argv)
    if not (args.corpus / "instructions" / "instructions.jsonl").is_file():
        print(f"fuzz: corpus absent ({args.corpus}) : rien à faire", file=sys.stderr)
        return 0
    rng = random.Random(args.seed)
    corpus = load_corpus(args.corpus)
    runner = Runner(args.corpus, args.hang)
    findings = Findings(args.out, args.seed)
    kinds: Counter[str] = Counter()
    kind_time: dict[str, float] = {}
    statuses: Counter[str] = Counter()
    slowest: list[tuple[float, int, str, str]] = []
    hangs = 0
    started = time.perf_counter()
    for index in range(args.n):
        job = make_job(rng, corpus)
        kinds[job.kind] += 1
        outcome = runner.run(job, args.timeout)
        kind_time[job.kind] = kind_time.get(job.kind, 0.0) + outcome.seconds
        statuses[outcome.status] += 1
        if outcome.status in ("crash", "timeout"):
            findings.add(outcome.status, index, job, outcome)
        if outcome.status != "timeout" and outcome.seconds > args.hang:
            hangs += 1
            findings.add("hang", index, job, Outcome("hang", outcome.seconds,
                                                     f"{outcome.seconds:.2f} s",
                                                     outcome.signature))
        entry = (outcome.seconds, index, job.kind, _excerpt(job.text))
        if len(slowest) < 5:
            heapq.heappush(slowest, entry)
        else:
            heapq.heappushpop(slowest, entry)
        if args.progress and (index + 1) % args.progress == 0:
            print(f"fuzz: {index + 1} entrées, {statuses['crash']} plantage(s), "
                  f"{hangs + statuses['timeout']} lenteur(s), "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started

    scaling: dict[str, list[tuple[int, float | None]]] = {}
    if not args.no_scaling:
        for series in SERIES:
            previous: float | None = 0.0
            for size in args.sizes:
                text = scaling_bill(rng, corpus, series, size)
                best: float | None = None
                if previous is not None and previous < 30:  # else ten times as much at least
                    for _ in range(2 if size < 1_000_000 else 1):
                        outcome = runner.run(Job("scale", text), 600)
                        if outcome.status == "crash":
                            findings.add("crash", -1, Job("scale", text), outcome)
                        if outcome.status != "timeout":
                            best = min(best or outcome.seconds, outcome.seconds)
                previous = best
                scaling.setdefault(series, []).append((len(text.encode("utf-8")), best))
    runner.close()

    crashes = {s: n for s, n in findings.by_signature.items() if s.startswith("crash")}
    print()
    print(f"entrées sauvées : {args.out}" if findings.saved else
          "aucune entrée à sauver")
    for signature, count in sorted(findings.by_signature.items()):
        print(f"  {count:>7}  {signature}")
    for path in findings.saved:
        print(f"  {path}")
    print()
    print(f"fuzz : {args.n} entrées (graine {args.seed}) en {elapsed:.0f} s, "
          f"{args.n / max(elapsed, 1e-9):.0f} entrées/s, un processus")
    print("  par sorte (entrées, temps moyen) : " + ", ".join(
        f"{k} {v} ({kind_time[k] / v * 1000:.1f} ms)" for k, v in sorted(kinds.items())))
    print(f"  issues : lues {statuses['ok']}, refusées avec un code (LegidiffError) "
          f"{statuses['rejected']}")
    print(f"  plantages : {statuses['crash']} ({len(crashes)} distinct(s))")
    print(f"  lenteurs > {args.hang:g} s : {hangs} ; arrêtées à {args.timeout:g} s : "
          f"{statuses['timeout']} ; redémarrages du processus : {runner.restarts}")
    print("  entrées les plus lentes :")
    for seconds, index, kind, excerpt in sorted(slowest, reverse=True):
        print(f"    {seconds * 1000:8.1f} ms  n° {index} ({kind}) {excerpt}")
    if scaling:
        print("  temps d'analyse (parse_bill) par Ko :")
        for series, points in scaling.items():
            cells = [f"{size / 1000:>5.0f} Ko " + (f"{t * 1e6 / size:7.2f} ms/Ko" if t is not None
                                                     else "non mesuré (trop lent)")
                     for size, t in points]
            print(f"    {series:<14} " + " | ".join(cells))
    return 1 if statuses["crash"] or statuses["timeout"] or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
