"""Benchmark: consolidating a long law into a whole code (operations per second).

    python benchmarks/bench_apply.py [--code-dir ../shared/corpus/codes/code-du-travail]
                                     [--instructions 5000] [--runs 3] [--json out.json]

The law is generated from the code itself: for each of N articles, one instruction
replaces a word of its first alinéa that occurs once in the whole article ("À l'article
L. 1234-5 du code du travail, le mot : « X » est remplacé par le mot : « Y ».") — real
articles, real words, the checks of a real consolidation. The code is read from
``../shared`` when present (the code du travail: about 11,000 articles). Medians of
``--runs`` runs, with min and max, and the first run apart (article numbers are parsed
through a cache). The scaling check applies the same number of instructions to the code
du travail and to the CSI, five times smaller, and reports the cost per operation of
each once the fixed cost (indexing the code and rebuilding it, measured with an empty
law) is taken out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import measure  # noqa: E402

from legidiff.apply.consolidate import consolidate  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.document.model import Code  # noqa: E402
from legidiff.formats import read_base  # noqa: E402
from legidiff.lang.matching import find_all  # noqa: E402
from legidiff.lang.numbering import ArticleNumber, article_bill_form  # noqa: E402

CODES = ROOT.parent / "shared" / "corpus" / "codes"


def make_law(code: Code, name: str, count: int) -> str:
    lines = ["Loi de référence", "Article 1er"]
    made = 0
    for path in code.articles():
        article = path.article
        if (not article.alineas or any(a.markup for a in article.alineas)
                or ArticleNumber.parse(article.num) is None):  # "Annexe 3": not this form
            continue
        texts = [a.text for a in article.alineas]
        words = [w for w in re.findall(r"[a-zéèàùâêîôûç]{6,}", texts[0])
                 if sum(len(find_all(t, w)) for t in texts) == 1]
        if not words or len(code.find_articles(article.num)) != 1:
            continue
        lines.append(f"À l'article {article_bill_form(article.num)} du {name}, le mot : "
                     f"« {words[0]} » est remplacé par le mot : « {words[0]}s ».")
        made += 1
        if made == count:
            break
    return "\n".join(lines) + "\n"


def run(folder: Path, count: int, runs: int) -> dict[str, Any]:
    base = read_base(folder).code
    name = (base.title or "code").lower()
    law = make_law(base, name, count)
    bill = parse_bill(law)
    empty = parse_bill("Loi vide\nArticle 1er\nLa présente loi est applicable.\n")
    start = time.perf_counter()
    result = consolidate(base, bill)
    cold = time.perf_counter() - start
    applied = result.counts().get("applied", 0)
    timing = measure(lambda: consolidate(base, bill), runs)
    fixed = measure(lambda: consolidate(base, empty), runs)
    n = len(bill.operations)
    return {"code": base.title, "articles": base.count_articles(),
            "operations": n, "applied": applied,
            "failed": len(result.failures), "first_run_seconds": cold,
            "consolidate_seconds": timing, "fixed_seconds": fixed,
            "operations_per_second": n / timing["median"],
            "microseconds_per_operation": 1e6 * (timing["median"] - fixed["median"]) / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--code-dir", type=Path, default=CODES / "code-du-travail")
    ap.add_argument("--small-code-dir", type=Path,
                    default=CODES / "code-de-la-securite-interieure")
    ap.add_argument("--instructions", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not args.code_dir.is_dir():
        sys.exit(f"{args.code_dir} is absent: this benchmark reads a whole code from "
                 "../shared/corpus/codes")
    big = run(args.code_dir, args.instructions, args.runs)
    small = run(args.small_code_dir, args.instructions, args.runs)
    for r in (small, big):
        t = r["consolidate_seconds"]
        print(f"{r['code']}: {r['articles']:,} articles, {r['operations']:,} operations "
              f"({r['applied']:,} applied, {r['failed']} failed)\n"
              f"  whole consolidation: median {t['median']:.3f} s (min {t['min']:.3f}, "
              f"max {t['max']:.3f}; first run {r['first_run_seconds']:.3f} s) → "
              f"{r['operations_per_second']:,.0f} operations/s\n"
              f"  of which fixed cost (index and rebuild the code, empty law): "
              f"{r['fixed_seconds']['median']:.3f} s; each operation: "
              f"{r['microseconds_per_operation']:.0f} µs")
    ratio = big["microseconds_per_operation"] / small["microseconds_per_operation"]
    print(f"cost per operation, {big['articles']:,} vs {small['articles']:,} articles: "
          f"×{ratio:.2f} (1.00 = independent of the code's size)")
    if args.json:
        args.json.write_text(json.dumps({"large": big, "small": small,
                                         "per_operation_ratio": ratio}, indent=1) + "\n")


if __name__ == "__main__":
    main()
