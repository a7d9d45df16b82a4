"""Benchmark: rendering the redline of a law that changes a thousand articles.

    python benchmarks/bench_redline.py [--code-dir ../shared/corpus/codes/code-du-travail]
                                       [--articles 1000] [--runs 3]

The law is the one of ``bench_apply.py`` (one word replaced in each of N articles of the
code), applied to the whole code; then the view is built (alignment of alinéas and word
diffs: ``redline.compare``) and the redline page and the tableau comparatif are
rendered. The word diff (diff-match-patch on words, semantic cleanup, no timeout) is
compared with Python's difflib (SequenceMatcher on the same word tokens) on the same
pairs of alinéas: time, and how many characters each marks as changed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_apply import CODES, make_law  # noqa: E402
from timing import measure  # noqa: E402

from legidiff.apply.consolidate import consolidate  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.formats import read_base  # noqa: E402
from legidiff.render.diffing import _TOKEN_RE, Op, word_diff  # noqa: E402
from legidiff.render.pages import render_redline, render_table  # noqa: E402
from legidiff.render.redline import AlineaStatus, compare  # noqa: E402


def difflib_changed(old: str, new: str) -> int:
    """Characters difflib marks as changed (both sides), on word tokens."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(len("".join(a[i1:i2])) + len("".join(b[j1:j2]))
               for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def dmp_changed(old: str, new: str) -> int:
    return sum(len(s.text) for s in word_diff(old, new) if s.op is not Op.EQUAL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--code-dir", type=Path, default=CODES / "code-du-travail")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not args.code_dir.is_dir():
        sys.exit(f"{args.code_dir} is absent: this benchmark reads a whole code from "
                 "../shared/corpus/codes")
    base = read_base(args.code_dir).code
    name = (base.title or "code").lower()
    bill = parse_bill(make_law(base, name, args.articles))
    result = consolidate(base, bill)
    view = compare(base, result.code, result, bill)
    changed = len(view.articles)
    build = measure(lambda: compare(base, result.code, result, bill), args.runs)
    page = measure(lambda: render_redline(view), args.runs)
    table = measure(lambda: render_table(view), args.runs)
    size = len(render_redline(view).encode("utf-8"))
    print(f"{base.title}: {base.count_articles():,} articles, {changed:,} changed by "
          f"{len(bill.operations):,} instructions ({result.counts().get('applied', 0):,} "
          "applied); medians of "
          f"{args.runs} runs")
    print(f"  view (alignment + word diffs): {build['median']:.3f} s "
          f"(min {build['min']:.3f}, max {build['max']:.3f})")
    print(f"  redline page: {page['median']:.3f} s ({size / 1e6:.1f} MB); tableau "
          f"comparatif: {table['median']:.3f} s")
    print(f"  view + redline page: {build['median'] + page['median']:.3f} s for "
          f"{changed:,} articles")

    pairs = [(a.old_text, a.new_text) for art in view.articles for a in art.alineas
             if a.status is AlineaStatus.CHANGED]
    start = time.perf_counter()
    ours = sum(dmp_changed(o, n) for o, n in pairs)
    dmp_time = time.perf_counter() - start
    start = time.perf_counter()
    theirs = sum(difflib_changed(o, n) for o, n in pairs)
    difflib_time = time.perf_counter() - start
    print(f"  word diff of the {len(pairs):,} changed alinéas: diff-match-patch "
          f"{dmp_time:.3f} s, difflib {difflib_time:.3f} s; characters marked changed: "
          f"{ours:,} vs {theirs:,}")


if __name__ == "__main__":
    main()
