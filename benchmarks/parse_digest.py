"""What the parser makes of the whole instruction corpus, as JSON lines: to compare two
versions of legidiff (a speed-up must change nothing).

    python benchmarks/parse_digest.py [--root CHECKOUT] [--corpus PATH] > digest.jsonl

For each of the 6,170 items of ``instructions/instructions.jsonl`` (pasted as a small
bill: a title, "Article 1er", its chapeaux, the item, the quoted alinéas that follow
it, with its code as the default code), each of the 2,590 sentences of
``code_adaptations.jsonl`` and each of the 23 whole bills of ``instructions/texts/``:
the parsed bill as JSON (operations, unrecognized sentences, provisions, diagnostics)
and the prepared form of every sentence (:func:`legidiff.bill.sentence.prepare`). The
corpus is read in place. ``--root`` imports legidiff from another checkout (an older
commit exported with ``git archive``), so that the same corpus is read by both:

    git archive REF | tar -x -C /tmp/ref
    python benchmarks/parse_digest.py --root /tmp/ref > before.jsonl
    python benchmarks/parse_digest.py > after.jsonl
    cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def records(corpus: Path) -> Iterator[tuple[str, str, str | None]]:
    """(name, bill text, default code) for every item and whole bill of the corpus."""
    folder = corpus / "instructions"
    with (folder / "instructions.jsonl").open(encoding="utf-8") as f:
        for index, line in enumerate(f):
            if not line.strip():
                continue
            r = json.loads(line)
            context = [c.strip() for c in (r.get("context") or "").split(" / ") if c.strip()]
            lines = ["Loi de référence", "Article 1er", *context, *r["text"].split("\n"),
                     *(r.get("quoted_follow") or ())]
            yield f"instructions:{index}", "\n".join(lines) + "\n", r.get("code")
    with (folder / "code_adaptations.jsonl").open(encoding="utf-8") as f:
        for index, line in enumerate(f):
            if line.strip():
                text = json.loads(line)["text"]
                yield f"adaptations:{index}", f"Loi de référence\nArticle 1er\n{text}\n", None
    for path in sorted((folder / "texts").glob("*.txt")):
        yield f"texts:{path.name}", path.read_text("utf-8"), None


def digest(corpus: Path) -> Iterator[dict[str, Any]]:
    from legidiff.bill.parse import parse_bill_text
    from legidiff.bill.sentence import prepare
    from legidiff.bill.text import BillItem, read_bill

    def sentences(items: tuple[BillItem, ...]) -> Iterator[str]:
        for item in items:
            if item.text.strip():
                yield item.text.strip()
            yield from sentences(item.children)

    for name, text, code in records(corpus):
        out: dict[str, Any] = {"name": name}
        try:
            bill_text = read_bill(text)
            out["prepared"] = [
                [p.text, list(p.quotes), list(p.origin), p.ends_with_colon,
                 [list(x) for x in p.problems], list(p.set_aside)]
                for s in (s for a in bill_text.articles for s in sentences(a.items))
                for p in [prepare(s)]]
            out["bill"] = parse_bill_text(bill_text, code=code).to_json()
        except Exception:  # a crash is a result too: both versions must crash alike
            out["crash"] = traceback.format_exc().splitlines()[-1]
        yield out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to import")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not (args.corpus / "instructions").is_dir():
        sys.exit(f"{args.corpus / 'instructions'} is absent: the digest reads the corpus in "
                 "place")
    sys.path.insert(0, str(args.root.resolve()))
    whole = hashlib.sha256()
    count = 0
    for row in digest(args.corpus):
        line = json.dumps(row, ensure_ascii=False, sort_keys=True)
        whole.update(line.encode("utf-8"))
        print(line)
        count += 1
    print(f"{count} records, sha256 {whole.hexdigest()}", file=sys.stderr)


if __name__ == "__main__":
    main()
