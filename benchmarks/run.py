"""The benchmark of legidiff: every figure of the README's Performance section, one command.

    python benchmarks/run.py [--quick] [--runs 3] [--json results.json] [--compare old.json]

Inputs are real: the whole CSI and code du travail of ``../shared/corpus/codes`` (read in
place; the benchmark stops with a message when they are absent), and a code of about
100,000 articles grown from the code du travail — its livres repeated ten times under new
numbers, articles renumbered, every alinéa real. Bills of 100, 1,000 and 10,000
instructions are generated from the code they are aimed at, mixing eleven kinds of
operation (words replaced, deleted, inserted; the end of a phrase deleted; a phrase and an
alinéa rewritten; an alinéa deleted; an article completed, inserted, repealed and
renumbered), each on a different real article and built so that the engine's checks pass
— the checks still run, and the failures, if any, are counted.

Measured (medians of ``--runs`` runs, with min and max): reading a code (layout folder,
Markdown, LEGI XML), parsing a bill (instructions/s), applying it (operations/s),
building and rendering the redline, writing the consolidated text, and peak memory (in a
fresh process: the peak of Python's allocations and the resident set, against the size of
the input texts). Compared in the same run: Lark LALR against Earley on the same
sentences, the diff-match-patch word diff against difflib, and the cost of an operation
as the code grows (the exponent of cost ∝ articles^k: 0 is flat).

``--json`` writes every figure; ``--compare`` prints each against an earlier run's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_parse import _parses, long_bill, sentences  # noqa: E402
from bench_redline import difflib_changed, dmp_changed  # noqa: E402
from lark import Lark  # noqa: E402
from timing import measure  # noqa: E402

from legidiff.accelerate import MODULES, compiled_in_use  # noqa: E402
from legidiff.apply.consolidate import Consolidation, consolidate  # noqa: E402
from legidiff.bill.grammar import grammar_text  # noqa: E402
from legidiff.bill.operations import Bill  # noqa: E402
from legidiff.bill.parse import parse_bill  # noqa: E402
from legidiff.bill.sentence import _sentence_parser  # noqa: E402
from legidiff.document.model import Article, Code, Division, DivisionKind  # noqa: E402
from legidiff.document.structure import analyse  # noqa: E402
from legidiff.formats import Format, read_base, render, write_base  # noqa: E402
from legidiff.lang.matching import find_all  # noqa: E402
from legidiff.lang.numbering import ArticleNumber, article_bill_form, roman_to_int  # noqa: E402
from legidiff.render.pages import render_redline  # noqa: E402
from legidiff.render.redline import AlineaStatus, compare  # noqa: E402

CODES = ROOT.parent / "shared" / "corpus" / "codes"
BILLS = ROOT.parent / "shared" / "corpus" / "instructions" / "texts"
WORD_RE = re.compile(r"[a-zéèàùâêîôûç]{6,}")


# -- a code of 100,000 articles from real material ---------------------------------------


def grow(code: Code, copies: int) -> Code:
    """The code with each livre repeated ``copies`` times (livre N of copy k numbered
    N + 100 k, articles L1234-5 → L{1234 + 10000 k}-5): real alinéas, real structure."""
    parties = []
    for top in code.children:
        if not isinstance(top, Division):
            continue
        livres: list[Division | Article] = []
        for k in range(copies):
            for child in top.children:
                copied = _copy(child, k)
                if copied is not None:
                    livres.append(copied)
        parties.append(dataclasses.replace(top, children=tuple(livres), layout=None))
    return dataclasses.replace(code, children=tuple(parties), layout=None)


def _copy(node: Division | Article, k: int) -> Division | Article | None:
    if isinstance(node, Article):
        if k == 0:
            return dataclasses.replace(node, layout=None)
        number = ArticleNumber.parse(node.num)
        if number is None:
            return None
        parts = (number.parts[0] + 10000 * k, *number.parts[1:])
        return dataclasses.replace(node, num=dataclasses.replace(number, parts=parts).legi,
                                   meta=None, layout=None)
    children = tuple(c for c in (_copy(x, k) for x in node.children) if c is not None)
    if node.kind is DivisionKind.LIVRE and k:
        value = roman_to_int(node.number.replace("Ier", "I").split()[0]) or 0
        return Division.new(node.kind, str(value + 100 * k), node.title, children)
    return dataclasses.replace(node, children=children, meta=None, layout=None)


# -- bills of every operation kind -------------------------------------------------------


def _unique_word(texts: list[str], within: str) -> str | None:
    for word in WORD_RE.findall(within):
        if sum(len(find_all(t, word)) for t in texts) == 1:
            return str(word)
    return None


def make_law(code: Code, name: str, count: int, seed: int = 7) -> tuple[str, dict[str, int]]:
    """A law of ``count`` instructions, one per article, cycling through eleven kinds."""
    rng = random.Random(seed)
    paths = [p for p in code.articles() if p.article.alineas
             and not any(a.markup for a in p.article.alineas)
             and ArticleNumber.parse(p.article.num) is not None
             and len(code.find_articles(p.article.num)) == 1]
    rng.shuffle(paths)
    taken = {p.article.key for p in code.articles()}
    parents = {key.rsplit("-", 1)[0] for key in taken if key.rsplit("-", 1)[-1].isdigit()}
    kinds = ["replace", "delete_words", "insert_words", "end_of_phrase", "phrase",
             "alinea", "delete_alinea", "complete", "insert_article", "repeal", "renumber"]
    made: dict[str, int] = dict.fromkeys(kinds, 0)
    lines = ["Loi de référence pour la mesure", "Article 1er"]
    turn = 0
    for path in paths:
        if len(lines) - 2 >= count:
            break
        article = path.article
        num = article_bill_form(article.num)
        texts = [a.text for a in article.alineas]
        structure = analyse(article)
        plain = not structure.items
        at = f"l'article {num} du {name}"
        kind = kinds[turn % len(kinds)]
        line = None
        if kind in ("replace", "delete_words", "insert_words"):
            word = _unique_word(texts, texts[0])
            if word:
                line = {"replace": f"À {at}, le mot : « {word} » est remplacé par le mot : "
                                   f"« {word}s ».",
                        "delete_words": f"À {at}, le mot : « {word} » est supprimé.",
                        "insert_words": f"À {at}, après le mot : « {word} », sont insérés "
                                        "les mots : « et autres »."}[kind]
        elif kind == "end_of_phrase" and plain:
            phrases = structure.alineas[0].phrases
            if phrases:
                a, b = phrases[0]
                first = structure.alineas[0].text[a:b]
                word = _unique_word(texts, first[: len(first) // 2])
                if word:
                    line = (f"Au premier alinéa de {at}, après le mot : « {word} », la fin de "
                            "la phrase est supprimée.")
        elif kind == "phrase" and plain and len(structure.alineas[0].phrases) >= 2:
            line = (f"La première phrase du premier alinéa de {at} est ainsi rédigée : "
                    "« Phrase nouvelle écrite pour la mesure. »")
        elif kind == "alinea" and plain and len(texts) >= 2:
            line = f"Le dernier alinéa de {at} est ainsi rédigé :\n« Alinéa réécrit. »"
        elif kind == "delete_alinea" and plain and len(texts) >= 3:
            line = f"Le deuxième alinéa de {at} est supprimé."
        elif kind == "complete":
            line = f"L'{at[2:]} est complété par un alinéa ainsi rédigé :\n« Alinéa ajouté. »"
        elif kind == "insert_article":
            parsed = ArticleNumber.parse(article.num)
            assert parsed is not None
            new = dataclasses.replace(parsed, parts=(*parsed.parts, 1), suffix=())
            if not parsed.suffix and new.key not in taken:
                taken.add(new.key)
                parents.add(parsed.key)
                line = (f"Après {at}, il est inséré un article {new.bill} ainsi rédigé :\n"
                        f"« Art. {new.bill}. – Article inséré pour la mesure. »")
        elif kind == "repeal":
            line = f"L'{at[2:]} est abrogé."
        elif kind == "renumber":
            parsed = ArticleNumber.parse(article.num)
            assert parsed is not None
            new = dataclasses.replace(parsed, suffix=(*parsed.suffix, "bis"))
            # "X bis" comes after "X-1", "X-2" in the codes (the one such pair of the 75
            # codes of 2015: R553-14-1, R553-14 bis): an article with numbers below it keeps
            # its number
            if new.key not in taken and parsed.key not in parents:
                taken.add(new.key)
                line = f"L'{at[2:]} devient l'article {new.bill}."
        if line is not None:
            lines.append(line)
            made[kind] += 1
            turn += 1
    return "\n".join(lines) + "\n", made


# -- measuring ---------------------------------------------------------------------------


def peak_memory(code_md: Path, bill: Path) -> dict[str, float]:
    """Read the code, parse the bill, apply it and write the result, in a fresh process:
    the peak of traced Python allocations and the peak resident set, in MB."""
    probe = f"""
import resource, sys, tracemalloc, json

def peak_rss_kb():
    # VmHWM belongs to this address space; ru_maxrss would count the parent's, as it
    # survives fork and exec
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

sys.path.insert(0, {str(ROOT)!r})
from legidiff.bill.parse import parse_bill
from legidiff.apply.consolidate import consolidate
from legidiff.formats import Format, read_base, render
baseline = peak_rss_kb()
trace = sys.argv[1] == "trace"
if trace:
    tracemalloc.start()
code = read_base({str(code_md)!r}).code
bill = parse_bill(open({str(bill)!r}, encoding="utf-8").read())
result = consolidate(code, bill)
text = render(result.code, Format.MARKDOWN)
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({{"traced": peak, "rss": peak_rss_kb(), "baseline": baseline}}))
"""
    out = {}
    for mode in ("trace", "rss"):
        done = subprocess.run([sys.executable, "-c", probe, mode], capture_output=True,
                              text=True, check=True)
        out[mode] = json.loads(done.stdout)
    return {"traced_mb": out["trace"]["traced"] / 1e6, "rss_mb": out["rss"]["rss"] / 1e3,
            "baseline_rss_mb": out["rss"]["baseline"] / 1e3}


def timed(fn: Callable[[], object], runs: int) -> dict[str, float]:
    return measure(fn, runs)


def _redline(code: Code, result: Consolidation, bill: Bill) -> str:
    return render_redline(compare(code, result.code, result, bill))


def _diff_all(diff: Callable[[str, str], int], pairs: list[tuple[str, str]]) -> int:
    return sum(diff(old, new) for old, new in pairs)


def fmt(t: dict[str, float]) -> str:
    return f"{t['median']:.3f} s ({t['min']:.3f}–{t['max']:.3f})"


def run(args: argparse.Namespace) -> dict[str, Any]:
    runs = 1 if args.quick else args.runs
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine(),
                    "date": time.strftime("%Y-%m-%d"),
                    # the modules run compiled (python -m legidiff.accelerate)
                    "compiled_modules": compiled_in_use()},
        "runs": runs}
    table: list[tuple[str, str]] = []
    csi_dir, travail_dir = CODES / "code-de-la-securite-interieure", CODES / "code-du-travail"
    codes: dict[str, Code] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # reading
        reading: dict[str, Any] = {}
        for label, folder in (("CSI", csi_dir), ("code du travail", travail_dir)):
            codes[label] = read_base(folder).code
            n = codes[label].count_articles()
            md = work / f"{label}.md"
            write_base(codes[label], md, "markdown")
            xml = work / f"{label}-xml"
            write_base(codes[label], xml, "legi-xml")
            entry: dict[str, Any] = {
                "articles": n, "layout": timed(partial(read_base, folder), runs),
                "markdown": timed(partial(read_base, md), runs),
                "legi_xml": timed(partial(read_base, xml), runs),
                "markdown_bytes": md.stat().st_size}
            reading[label] = entry
            table.append((f"read {label} ({n:,} articles): layout / Markdown / LEGI XML",
                          f"{entry['layout']['median']:.2f} / {entry['markdown']['median']:.2f}"
                          f" / {entry['legi_xml']['median']:.2f} s"))
        start = time.perf_counter()
        big = grow(codes["code du travail"], 10)
        grow_seconds = time.perf_counter() - start
        big_md = work / "grown.md"
        write_base(big, big_md, "markdown")
        codes["grown"] = big
        n_big = big.count_articles()
        entry = {"articles": n_big, "markdown": timed(partial(read_base, big_md), runs),
                 "markdown_bytes": big_md.stat().st_size, "built_seconds": grow_seconds}
        reading["grown"] = entry
        table.append((f"read grown code ({n_big:,} articles, "
                      f"{entry['markdown_bytes'] / 1e6:.0f} MB Markdown)",
                      fmt(entry["markdown"])))
        results["reading"] = reading

        # bills on the grown code
        bills: dict[str, Any] = {}
        name = "code du travail"
        for size in ((100, 1000) if args.quick else (100, 1000, 10000)):
            text, kinds = make_law(big, name, size)
            bill = parse_bill(text)
            result = consolidate(big, bill)
            n_ops = len(bill.operations)
            entry = {"instructions": size, "operations": n_ops, "kinds": kinds,
                     "applied": result.counts().get("applied", 0),
                     "failed": len(result.failures),
                     "parse": timed(partial(parse_bill, text), runs),
                     "apply": timed(partial(consolidate, big, bill), runs)}
            entry["instructions_per_second"] = size / entry["parse"]["median"]
            entry["operations_per_second"] = n_ops / entry["apply"]["median"]
            bills[str(size)] = entry
            table.append((f"bill of {size:,} instructions on the grown code: parse",
                          f"{fmt(entry['parse'])} → {entry['instructions_per_second']:,.0f}"
                          " instructions/s"))
            table.append((f"  apply ({entry['applied']:,} applied, {entry['failed']} failed)",
                          f"{fmt(entry['apply'])} → {entry['operations_per_second']:,.0f}"
                          " operations/s"))
            if size == 1000:
                view = compare(big, result.code, result, bill)
                entry["redline"] = timed(partial(_redline, big, result, bill), runs)
                entry["changed_articles"] = len(view.articles)
                entry["render_markdown"] = timed(
                    partial(render, result.code, Format.MARKDOWN), runs)
                table.append((f"  redline of {len(view.articles):,} changed articles "
                              "(view + page)", fmt(entry["redline"])))
                table.append(("  consolidated text written as Markdown",
                              fmt(entry["render_markdown"])))
                pairs = [(a.old_text, a.new_text) for art in view.articles
                         for a in art.alineas if a.status is AlineaStatus.CHANGED]
                entry["word_diff"] = {
                    "pairs": len(pairs),
                    "dmp": timed(partial(_diff_all, dmp_changed, pairs), runs),
                    "difflib": timed(partial(_diff_all, difflib_changed, pairs), runs),
                    "dmp_changed_chars": sum(dmp_changed(o, n) for o, n in pairs),
                    "difflib_changed_chars": sum(difflib_changed(o, n) for o, n in pairs)}
                wd = entry["word_diff"]
                table.append((f"  word diff of {len(pairs):,} changed alinéas: "
                              "diff-match-patch / difflib",
                              f"{wd['dmp']['median']:.3f} / {wd['difflib']['median']:.3f} s "
                              f"({wd['dmp_changed_chars']:,} / {wd['difflib_changed_chars']:,}"
                              " characters marked)"))
            if size == 10000:
                bill_path = work / "bill.txt"
                bill_path.write_text(text, "utf-8")
                memory = peak_memory(big_md, bill_path)
                inputs_mb = (big_md.stat().st_size + bill_path.stat().st_size) / 1e6
                memory["inputs_mb"] = inputs_mb
                entry["memory"] = memory
                table.append((f"peak memory: read {n_big:,} articles + {size:,} "
                              "instructions, apply, write",
                              f"Python objects {memory['traced_mb']:.0f} MB "
                              f"(×{memory['traced_mb'] / inputs_mb:.1f} the {inputs_mb:.0f} MB"
                              f" of input), resident {memory['rss_mb']:.0f} MB of which "
                              f"{memory['baseline_rss_mb']:.0f} MB before any work"))
        results["bills"] = bills

        # real bills: the corpus's whole bills, parsed in turn, the parses remembered
        # forgotten before each run (the generated bills repeat eleven shapes of sentence;
        # real ones repeat far fewer, see FastLALR.parse)
        texts = sorted(BILLS.glob("*.txt")) if BILLS.is_dir() else []
        if texts:
            contents = [t.read_text("utf-8") for t in texts]

            def parse_all() -> int:
                _sentence_parser()._traces.clear()
                return sum(len(parse_bill(c).operations) for c in contents)

            n_ops = parse_all()
            entry = {"bills": len(contents), "operations": n_ops,
                     "parse": timed(parse_all, runs)}
            entry["operations_per_second"] = n_ops / entry["parse"]["median"]
            results["real_bills"] = entry
            table.append((f"parse the corpus's {len(contents)} whole bills ({n_ops:,} "
                          "operations found)", f"{fmt(entry['parse'])} → "
                          f"{entry['operations_per_second']:,.0f} operations/s"))

        # cost per operation as the code grows: the same kind of 1,000-instruction bill
        scaling: list[dict[str, Any]] = []
        for label in ("CSI", "code du travail", "grown"):
            code = codes[label]
            text, _ = make_law(code, name if label != "CSI" else
                               "code de la sécurité intérieure", 1000)
            bill = parse_bill(text)
            empty = parse_bill("Loi vide\nArticle 1er\nLa présente loi est applicable.\n")
            apply_t = timed(partial(consolidate, code, bill), runs)
            fixed = timed(partial(consolidate, code, empty), runs)
            per_op = (apply_t["median"] - fixed["median"]) / len(bill.operations)
            scaling.append({"code": label, "articles": code.count_articles(),
                            "operations": len(bill.operations), "apply": apply_t,
                            "fixed": fixed, "microseconds_per_operation": 1e6 * per_op})
        xs = [math.log(s["articles"]) for s in scaling]
        ys = [math.log(s["microseconds_per_operation"]) for s in scaling]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        exponent = (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
                    / sum((x - mx) ** 2 for x in xs))
        results["scaling"] = {"points": scaling, "exponent": exponent}
        table.append(("cost per operation, 1,000 instructions: " + " / ".join(
            f"{s['articles']:,} art." for s in scaling),
            " / ".join(f"{s['microseconds_per_operation']:.0f} µs" for s in scaling)
            + f" → exponent {exponent:+.2f}"))

        # the grammar: LALR against Earley on the same sentences
        text, _ = long_bill(2000)
        grammar = grammar_text("instructions")
        lalr = Lark(grammar, parser="lalr", lexer="contextual")
        earley = Lark(grammar, parser="earley", lexer="dynamic")
        sample = [s for s in sentences(text) if s][: 100 if args.quick else 300]
        ok = [s for s in sample if _parses(lalr, s)]
        lalr_t = timed(lambda: [lalr.parse(s) for s in ok], runs)
        earley_t = timed(lambda: [earley.parse(s) for s in ok], 1)
        results["grammar"] = {"sentences": len(ok), "lalr": lalr_t, "earley": earley_t,
                              "lalr_per_second": len(ok) / lalr_t["median"],
                              "earley_per_second": len(ok) / earley_t["median"]}
        g = results["grammar"]
        table.append((f"grammar alone, {len(ok)} sentences: LALR / Earley",
                      f"{g['lalr_per_second']:,.0f} / {g['earley_per_second']:,.0f} "
                      f"sentences/s (×{g['lalr_per_second'] / g['earley_per_second']:.0f})"))
    results["table"] = table
    return results


def _accelerator(compiled: list[str]) -> str:
    """Which modules ran compiled, in a few words."""
    if not compiled:
        return "none (pure Python)"
    if set(compiled) == set(MODULES):
        return f"built (all {len(MODULES)} modules of the parse and apply stages compiled)"
    return "partly built: " + ", ".join(compiled)


def compare_runs(now: dict[str, Any], before: dict[str, Any]) -> list[str]:
    """Each timed figure against the same figure of an earlier run."""
    out = []

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, dict) and "median" in a and isinstance(b, dict) and "median" in b:
            ratio = a["median"] / b["median"] if b["median"] else float("inf")
            flag = "  ← slower" if ratio > 1.2 else ("  ← faster" if ratio < 0.83 else "")
            out.append(f"{path}: {b['median']:.3f} s → {a['median']:.3f} s (×{ratio:.2f}){flag}")
        elif isinstance(a, dict) and isinstance(b, dict):
            for key in a:
                if key in b:
                    walk(a[key], b[key], f"{path}.{key}" if path else key)
        elif isinstance(a, list) and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b, strict=False)):
                walk(x, y, f"{path}[{i}]")

    walk(now, before, "")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="one run each, no 10,000-instruction bill, no memory probe")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--compare", type=Path, help="an earlier --json to compare with")
    args = ap.parse_args()
    if not (CODES / "code-du-travail").is_dir():
        sys.exit(f"{CODES} is absent: the benchmark reads the whole codes of "
                 "../shared/corpus/codes in place")
    results = run(args)
    machine = results["machine"]
    print(f"legidiff benchmark — Python {machine['python']}, {machine['platform']}, "
          f"medians of {results['runs']} run(s); accelerator: "
          f"{_accelerator(machine['compiled_modules'])}")
    width = max(len(k) for k, _ in results["table"])
    for key, value in results["table"]:
        print(f"  {key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"figures written to {args.json}")
    if args.compare:
        before = json.loads(args.compare.read_text("utf-8"))
        print(f"against {args.compare} ({before['machine'].get('date', '?')}):")
        then = before["machine"].get("compiled_modules", [])
        if bool(then) != bool(machine["compiled_modules"]):
            print(f"  (that run's accelerator: {_accelerator(then)}; this run's: "
                  f"{_accelerator(machine['compiled_modules'])} — the figures compare modes, "
                  "not code)")
        for line in compare_runs(results, before):
            print("  " + line)


if __name__ == "__main__":
    main()
