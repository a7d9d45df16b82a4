"""Benchmark: parsing bills (instructions per second), LALR against Earley.

    python benchmarks/bench_parse.py [--instructions 5000] [--runs 5] [--json out.json]

The long bill is built from the real instruction sentences of the test corpus
(``tests/fixtures/bills``: Senate bill, loi n° 2021-998, replay set) and the general
forms, repeated under new article numbers until it holds the asked number of
instructions. Figures are medians over ``--runs`` runs, with min and max, measured on
one core; nothing here is a timed test.
"""

from __future__ import annotations

import argparse
import functools
import json
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from lark import Lark  # noqa: E402
from timing import measure  # noqa: E402

from legidiff.accelerate import MODULES, compiled_in_use  # noqa: E402
from legidiff.bill.grammar import grammar_text  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.bill.sentence import prepare  # noqa: E402
from legidiff.bill.text import read_bill  # noqa: E402


def real_articles() -> list[str]:
    """The bill articles of the corpus cases and the general forms, as texts."""
    cases = json.loads((ROOT / "tests" / "fixtures" / "bills" / "cases.json").read_text("utf-8"))
    # whole articles that parse cleanly (fragments and amendments left out)
    texts = [c["text"] for c in cases
             if not parse_bill(c["text"], unwrap=c["unwrap"], code=c["code"]).unrecognized
             and not c["unwrap"]]
    texts.append((ROOT / "tests" / "fixtures" / "bills" / "general-forms.txt").read_text("utf-8"))
    return texts


def long_bill(instructions: int) -> tuple[str, int]:
    """A bill of at least ``instructions`` operations, made of real articles renumbered."""
    pieces: list[str] = ["Projet de loi de référence pour les mesures"]
    articles = real_articles()
    counted = [len(parse_bill(text).operations) for text in articles]
    total = 0
    n = 0
    while total < instructions:
        for text, count in zip(articles, counted, strict=True):
            body = "\n".join(line for line in text.splitlines()
                             if not line.startswith("Article "))
            n += 1
            pieces.append(f"Article {n}\nLe code électoral est ainsi modifié :\n{body}")
            total += count
            if total >= instructions:
                break
    return "\n".join(pieces) + "\n", total


def sentences(text: str) -> list[str]:
    out = []

    def walk(items: Any) -> None:
        for item in items:
            if item.text:
                out.append(prepare(item.text).text)
            walk(item.children)

    for article in read_bill(text).articles:
        walk(article.items)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--instructions", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--earley-sample", type=int, default=300)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    text, expected = long_bill(args.instructions)
    bill = parse_bill(text)
    ops = len(bill.operations)
    lines = text.count("\n")
    whole = measure(lambda: parse_bill(text), args.runs)

    scaling = []
    for size in (1000, 5000, 10000):
        sized, _ = long_bill(size)
        n_ops = len(parse_bill(sized).operations)
        timing = measure(functools.partial(parse_bill, sized), max(1, args.runs // 2))
        scaling.append({"operations": n_ops, "seconds": timing,
                        "operations_per_second": n_ops / timing["median"]})

    grammar = grammar_text("instructions")
    lalr = Lark(grammar, parser="lalr", lexer="contextual")
    earley = Lark(grammar, parser="earley", lexer="dynamic")
    sample = [s for s in sentences(text) if s][: args.earley_sample]
    ok = [s for s in sample if _parses(lalr, s)]
    lalr_time = measure(lambda: [lalr.parse(s) for s in ok], args.runs)
    earley_time = measure(lambda: [earley.parse(s) for s in ok], max(1, args.runs // 2))
    per_second = ops / whole["median"]
    lalr_rate = len(ok) / lalr_time["median"]
    earley_rate = len(ok) / earley_time["median"]
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        # the modules run compiled (python -m legidiff.accelerate), none in pure Python
        "compiled_modules": compiled_in_use(),
        "bill": {"lines": lines, "operations": ops, "expected_operations": expected,
                 "unrecognized": len(bill.unrecognized)},
        "parse_bill_seconds": whole,
        "scaling": scaling,
        "operations_per_second": per_second,
        "grammar_sample": {"sentences": len(ok),
                           "lalr_seconds": lalr_time, "earley_seconds": earley_time,
                           "lalr_sentences_per_second": lalr_rate,
                           "earley_sentences_per_second": earley_rate},
    }
    compiled = results["compiled_modules"]
    print("accelerator: " + ("none (pure Python)" if not compiled else
                             f"{len(compiled)} of {len(MODULES)} modules compiled"))
    print(f"bill: {lines} lines, {ops} operations ({len(bill.unrecognized)} unrecognized)")
    print(f"parse_bill: median {whole['median']:.3f} s (min {whole['min']:.3f}, "
          f"max {whole['max']:.3f}) → {per_second:,.0f} operations/s")
    print("scaling: " + ", ".join(f"{x['operations']:,} ops → {x['operations_per_second']:,.0f}/s"
                                  for x in scaling))
    print(f"grammar only, {len(ok)} sentences: LALR {lalr_rate:,.0f} sentences/s, Earley "
          f"{earley_rate:,.0f} sentences/s (LALR {lalr_rate / earley_rate:.0f}× faster)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")


def _parses(parser: Lark, sentence: str) -> bool:
    try:
        parser.parse(sentence)
    except Exception:
        return False
    return True


if __name__ == "__main__":
    main()
