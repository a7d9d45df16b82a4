"""Build ``examples/csi-extrait.md`` and its sources note from ``../shared/corpus``.

Run from the repository: ``python examples/build_csi_extract.py [CORPUS]``. The
output is committed; ``tests/test_example.py`` checks that it is what this script
produces from the corpus (when the corpus is present).

Rules:
* the CSI articles of ``articles.jsonl`` whose text is complete, one version per
  article (the most recent of the complete ones); former articles (L. 243-9,
  L. 242-9), the Archéo Lex diff view (L. 132-5) and other codes are left out;
* alinéas: one per line of the source page; for texts copied from a PDF (their line
  breaks are wraps), lines are rejoined where the break is certainly a wrap (the line
  does not end a sentence or a clause) and split where the line is short enough for
  the next word to have fitted (so the paragraph had ended); any other break is
  ambiguous and the article is left out, with the reason in the note;
* divisions: only those the public sources name — livre II and its titre II (numbers
  only: their titles are in the third-party etalab export, which stays out of the
  project), chapitre VII "Fermeture de lieux de culte" (loi n° 2017-1510); the articles
  of livre VIII sit directly under "LIVRE VIII", whose title and sub-divisions the
  sources do not give.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE.parent))

from legidiff.lang.numbering import ArticleNumber  # noqa: E402

LEFT_OUT_FORMER = {"L. 243-9", "L. 242-9"}
FONT_MARGIN = 10  # characters: proportional fonts make line widths approximate


def _article_number(label: str) -> str:
    return label.split(" (")[0].strip()


def _is_pdf(record: dict[str, object]) -> bool:
    # Copies of PDFs (data.guardint.org) keep the PDF's line wraps (corpus README).
    return "PDF line wraps kept" in str(record.get("note") or "") or "guardint.org" in str(
        record.get("source") or "")


def _unwrap(text: str) -> tuple[list[str] | None, str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    width = max(len(line) for line in lines)
    paragraphs: list[str] = []
    current = lines[0]
    for line, nxt in itertools.pairwise(lines):
        next_word = nxt.split(" ", 1)[0]
        ends_clause = line.endswith((".", ";", ":"))
        fits = len(line) + 1 + len(next_word) + FONT_MARGIN < width
        if not ends_clause:
            current += " " + nxt
        elif fits:
            paragraphs.append(current)
            current = nxt
        else:
            return None, (f"saut de ligne ambigu après « …{line[-40:]} » (ligne pleine "
                          "terminée par une ponctuation : fin d'alinéa ou simple retour ?)")
    paragraphs.append(current)
    return paragraphs, (f"lignes du PDF rejointes ({len(lines)} lignes → {len(paragraphs)} "
                        "alinéa(s)) : une ligne qui ne finit pas une phrase continue à la "
                        "suivante ; une ligne courte finie par un point clôt l'alinéa")


def build(corpus: Path) -> tuple[str, dict[str, Any]]:
    records = [json.loads(line) for line in (corpus / "articles.jsonl").read_text(
        "utf-8").splitlines() if line.strip()]
    chosen: dict[str, dict[str, object]] = {}
    left_out: list[dict[str, str]] = []
    for rec in records:  # the file lists the most recent version of an article first
        number = _article_number(rec["article"])
        if rec["article"].startswith("CPCE") or "not CSI" in rec["article"]:
            continue
        if number in LEFT_OUT_FORMER:
            left_out.append({"article": number, "reason": "ancien article (abrogé)"})
            continue
        if number == "L. 132-5":
            left_out.append({"article": number,
                             "reason": "vue des différences d'Archéo Lex, pas un texte"})
            continue
        if not rec["complete"] or number in chosen:
            continue
        chosen[number] = rec
    articles = []
    for number, rec in chosen.items():
        text = str(rec["text"])
        if _is_pdf(rec):
            paragraphs, how = _unwrap(text)
            if paragraphs is None:
                left_out.append({"article": number, "reason": how})
                continue
        else:
            paragraphs = [line for line in text.split("\n") if line.strip()]
            how = "un alinéa par paragraphe de la page source"
        articles.append((number, paragraphs, rec, how))
    parsed = {n: ArticleNumber.parse(n) for n, *_ in articles}
    articles.sort(key=lambda a: parsed[a[0]].sort_key)  # type: ignore[union-attr]

    out = ["# Code de la sécurité intérieure", "## Partie législative"]
    current_livre = None
    notes = []
    for number, paragraphs, rec, how in articles:
        legi = parsed[number].legi  # type: ignore[union-attr]
        livre = "II" if legi.startswith("L2") else "VIII"
        if livre != current_livre:
            current_livre = livre
            if livre == "II":
                out += ["### LIVRE II", "#### TITRE II",
                        "##### Chapitre VII : Fermeture de lieux de culte"]
            else:
                out += ["### LIVRE VIII"]
        level = 6 if livre == "II" else 4
        out.append("#" * level + f" Article {legi}")
        out.extend(paragraphs)
        notes.append({"article": number, "version": rec["version_date_or_label"],
                      "source": rec["source"], "alineas": len(paragraphs), "alineas_from": how,
                      **({"note": rec["note"]} if rec.get("note") else {})})
    sources = {
        "extract": "csi-extrait.md",
        "code": "Code de la sécurité intérieure",
        "built_by": "examples/build_csi_extract.py from ../shared/corpus/articles.jsonl",
        "divisions": {
            "LIVRE II, TITRE II": "numbers named by the loi n° 2017-1510 (\"Le titre II du livre "
                                  "II du code de la sécurité intérieure est complété par un "
                                  "chapitre VII\"); titles not in the public sources",
            "Chapitre VII : Fermeture de lieux de culte":
                "loi n° 2017-1510, instruction creating the chapter (corpus triples.jsonl)",
            "LIVRE VIII": "named by the bills' chapeaux; its title and sub-divisions are not in "
                          "the sources, so its articles sit directly under it",
        },
        "articles": notes,
        "left_out": left_out,
    }
    return "\n\n".join(out) + "\n", sources


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    markdown, sources = build(corpus)
    (HERE / "csi-extrait.md").write_text(markdown, "utf-8")
    (HERE / "csi-extrait.sources.json").write_text(
        json.dumps(sources, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(sources['articles'])} articles written, {len(sources['left_out'])} left out")


if __name__ == "__main__":
    main()
