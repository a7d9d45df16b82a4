"""The LEGI history benchmark (``benchmarks/legi_history.py``): its core gives the same
results in this process, in a process pool and on a Dask cluster; its reading of the two
versions in memory is ``layout.read``'s; what it counts as the export's artefact.

A small history in the export's layout is made here with git (three commits: a code
created, an article modified, created and repealed, a chapter added); the real one
(``etalab/codes-juridiques-francais``) is used too when it is present."""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, legi_history_mirror

from legidiff.document.model import Article, Code, Division, Node
from legidiff.draft import draft
from legidiff.formats import layout, markdown

sys.path.insert(0, str(ROOT / "benchmarks"))
import legi_history

CODE = "codes-en-vigueur/code-de-la-route"
VERSIONS: list[dict[str, str]] = [
    {"README.md": "# Code de la route\n\n- [Partie législative](partie-legislative)\n",
     "partie-legislative/README.md":
         "# Partie législative\n\n- [Livre Ier : Dispositions générales](livre-ier)\n",
     "partie-legislative/livre-ier/README.md":
         "# Livre Ier : Dispositions générales\n\n- [Article L1](article-l1.md)\n"
         "- [Article L2](article-l2.md)\n",
     "partie-legislative/livre-ier/article-l1.md":
         "# Article L1\n\nLe conducteur doit rester maître de son véhicule.\n",
     "partie-legislative/livre-ier/article-l2.md": "# Article L2\n\nLe piéton circule.\n"},
    {"partie-legislative/livre-ier/README.md":
         "# Livre Ier : Dispositions générales\n\n- [Article L1](article-l1.md)\n"
         "- [Article L3](article-l3.md)\n",
     "partie-legislative/livre-ier/article-l1.md":
         "# Article L1\n\nTout conducteur doit rester constamment maître de son véhicule.\n",
     "partie-legislative/livre-ier/article-l2.md": "",
     "partie-legislative/livre-ier/article-l3.md": "# Article L3\n\nLe cycliste roule.\n"},
    {"partie-legislative/livre-ier/README.md":
         "# Livre Ier : Dispositions générales\n\n- [Chapitre Ier : Vitesse](chapitre-ier)\n"
         "- [Article L1](article-l1.md)\n- [Article L3](article-l3.md)\n",
     "partie-legislative/livre-ier/chapitre-ier/README.md":
         "# Chapitre Ier : Vitesse\n\n- [Article L4](article-l4.md)\n",
     "partie-legislative/livre-ier/chapitre-ier/article-l4.md":
         "# Article L4\n\nLa vitesse est limitée.\n\nLe préfet peut l'abaisser.\n"},
]


def _history(folder: Path) -> Path:
    """A git repository of three commits in the export's layout."""
    repo = folder / "history"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    for k, files in enumerate(VERSIONS):
        for name, text in files.items():
            path = repo / CODE / name
            if text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
            else:
                path.unlink()
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m",
            f"Loi n° {k}", "--date", f"200{k}-01-01T00:00:00")
    return repo


def _records(results: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[dict[str, Any]]:
    return sorted((r for r, _ in results), key=lambda r: str(r["key"]))


def test_serial_pool_and_dask_give_the_same_results(tmp_path: Path) -> None:
    """Every case of the small history is exact, and the results are the same, field for
    field, in this process, in a pool of two processes and on a Dask ``LocalCluster``
    (when dask.distributed is installed: the ``dask`` extra)."""
    mirror = _history(tmp_path)
    cases = legi_history.select(legi_history.history(mirror), None,
                                list(legi_history.PASSES), None, 0)
    assert [c.pass_name for c in cases] == ["modifications", *["creations"] * 4, "deletions"]
    serial = _records(legi_history.run_all(mirror, cases, 1, 30.0, None, None))
    assert [r["status"] for r in serial] == ["exact"] * len(cases), serial
    pool = _records(legi_history.run_all(mirror, cases, 2, 30.0, None, None))
    assert pool == serial
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("dask.distributed is absent (pip install 'legidiff[dask]')")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call,unused-ignore]
        dask = _records(legi_history.run_all(mirror, cases, 1, 30.0, None, None, client))
    assert dask == serial


def test_the_draft_s_own_check_is_what_the_benchmark_would_compute(tmp_path: Path) -> None:
    """``Draft.applied`` (the check's bill applied to the old code) taken instead of
    parsing and applying the draft again: the same results."""
    mirror = _history(tmp_path)
    cases = legi_history.select(legi_history.history(mirror), None,
                                list(legi_history.PASSES), None, 0)
    reused = _records(legi_history.run_all(mirror, cases, 1, 30.0, None, None))
    legi_history._Reuse.enabled = False
    try:
        again = _records(legi_history.run_all(mirror, cases, 1, 30.0, None, None))
    finally:
        legi_history._Reuse.enabled = True
    assert again == reused


def _without_sources(node: Node) -> Node:
    if isinstance(node, Article):
        return dataclasses.replace(node, meta=None)
    assert isinstance(node, Division)
    return dataclasses.replace(node, children=tuple(_without_sources(c) for c in node.children))


def _same_reading(tree: legi_history.Tree, folder: Path) -> None:
    legi_history.write_tree(tree, folder)
    on_disk = layout.read(folder, [])
    in_memory = legi_history.read_tree(tree, folder)
    assert on_disk.title == in_memory.title
    assert [_without_sources(c) for c in on_disk.children] == \
        [_without_sources(c) for c in in_memory.children]
    sources = [p.article.meta.source for p in on_disk.articles() if p.article.meta]
    assert sources == [p.article.meta.source for p in in_memory.articles() if p.article.meta]


def test_the_versions_read_in_memory_as_layout_reads_their_folders(tmp_path: Path) -> None:
    """The two versions of each case, read from memory, are what ``layout.read`` reads
    from the same files written out: the small history, and 60 cases of the real one
    when it is present (with unlisted files, headings of no kind, annexes)."""
    mirror = _history(tmp_path)
    cases = legi_history.select(legi_history.history(mirror), None,
                                list(legi_history.PASSES), None, 0)
    blobs = legi_history.Blobs(mirror)
    try:
        for k, case in enumerate(cases):
            old, new = legi_history.trees(case, blobs)
            _same_reading(old, tmp_path / f"{k}" / "old")
            _same_reading(new, tmp_path / f"{k}" / "new")
    finally:
        blobs.close()
    real = legi_history_mirror()
    cases = legi_history.select(legi_history.history(real), None,
                                list(legi_history.PASSES), 20, 7)
    blobs = legi_history.Blobs(real)
    try:
        for k, case in enumerate(cases):
            old, new = legi_history.trees(case, blobs)
            _same_reading(old, tmp_path / f"real-{k}" / "old")
            _same_reading(new, tmp_path / f"real-{k}" / "new")
    finally:
        blobs.close()


def _code(text: str) -> Code:
    return markdown.read("# Code rural\n\n" + text, Path("base.md"), [])


def test_one_unit_twice_is_the_export_s_artefact() -> None:
    """Two divisions of one kind and number side by side ("Titre 2" and "TITRE II"), two
    articles of one number (R*814-1 and R814-1: the star is no part of the number):
    named; the same numbers in two divisions, or divisions of no number, are not."""
    twice = _code("## Livre III\n\n### Titre 2 : Aides\n\n#### Article R1\n\nUn.\n\n"
                  "### TITRE II : Aides\n\n#### Article R2\n\nDeux.\n")
    assert legi_history.duplicate(twice) == "livre III: « Titre 2 : Aides » et « TITRE II : Aides »"
    starred = _code("## Section 1\n\n### Article R*814-1\n\nUn.\n\n### Article R814-1\n\nDeux.\n")
    assert legi_history.duplicate(starred) == "section 1: article R*814-1 et article R814-1"
    apart = _code("## Section 1\n\n### Article R1\n\nUn.\n\n## Section 2\n\n### Article R1\n\n"
                  "Deux.\n\n### Chapitre I\n\n### Chapitre II\n")
    assert legi_history.duplicate(apart) is None
    unnumbered = _code("## DROITS DE TIMBRE\n\n### Article 1\n\nUn.\n\n## DROITS DE TIMBRE\n\n"
                       "### Article 2\n\nDeux.\n")
    assert legi_history.duplicate(unnumbered) is None


def _first_failure(old: Code, new: Code) -> str:
    drafted = draft(old, new)
    assert drafted.applied is not None and not drafted.applied.complete
    failure = drafted.applied.failures[0]
    assert failure.diagnostics[0].code == "LD306"
    return failure.diagnostics[0].message


@pytest.mark.parametrize(("old", "new", "evidence"), [
    # some commits list a folder's entries by label: "Titre II … Titre premier" (code
    # général des impôts, annexe 2, at 642e3a4944); the drafter writes "Après le titre
    # II", which the engine refuses
    ("## Première partie\n\n### Titre II : Taxes\n\n#### Article 267\n\nDeux.\n",
     "## Première partie\n\n### Titre II : Taxes\n\n#### Article 267\n\nDeux.\n\n"
     "### Titre premier : Impôts directs\n\n#### Article 1\n\nUn.\n",
     "titre II avant titre premier (partie Première)"),
    # articles listed 10 C, 10 A, 10 B (annexe 3 of the code général des impôts)
    ("## Chapitre Ier\n\n### Article 10 C\n\nC.\n",
     "## Chapitre Ier\n\n### Article 10 C\n\nC.\n\n### Article 10 A\n\nA.\n",
     "article 10 C avant article 10 A (chapitre Ier)"),
])
def test_an_official_text_out_of_numbering_order_is_the_export_s_artefact(
        old: str, new: str, evidence: str) -> None:
    """The engine's refusal names two units the official result itself holds in an
    order the engine's own check refuses: the export's artefact, the pair named."""
    message = _first_failure(_code(old), _code(new))
    assert legi_history.out_of_order_in(_code(new), message) == evidence


def test_an_order_the_official_text_keeps_is_no_artefact() -> None:
    """Strict: the named pair must be in the official text, in that order, certainly out
    of order; 163 then 163 A (open), units in order, another message: none."""
    ordered = _code("## Chapitre V\n\n### Article 163\n\nUn.\n\n### Article 163 A\n\nDeux."
                    "\n\n### Article 163 B\n\nTrois.\n")
    for message in ("article 1er : l'article 163 A ne peut venir après l'article 163 (x)",
                    "article 1er : l'article 163 A ne peut venir après l'article 163 B (x)",
                    "article 1er : l'article 163 B ne peut venir après l'article 163 A (x)",
                    "article 1er : le 1° bis ne peut venir après le 2° (x)",
                    "article 1er : le chapitre premier ne peut venir après le chapitre V (x)"):
        assert legi_history.out_of_order_in(ordered, message) is None, message
    divisions = _code("## Titre Ier : Un\n\n### Article 1\n\nUn.\n\n## Titre II : Deux\n\n"
                      "### Article 2\n\nDeux.\n")
    assert legi_history.out_of_order_in(
        divisions, "article 1er : le titre premier ne peut venir après le titre II") is None
    assert legi_history.out_of_order_in(
        divisions, "article 1er : le titre II ne peut venir après le titre premier") is None


def test_an_article_in_a_division_and_in_a_sub_division_of_it_is_the_export_s_artefact(
        ) -> None:
    """The export keeps an article's place before and after a move (code du travail,
    L. 211-6 in its section 2 and in the division created inside it): the drafter
    cannot name the neighbour, and the engine could not number it twice; the two places
    are named. The same number in two places apart is no artefact."""
    old = ("## Section 2 : Emploi des enfants\n\n### Article L211-6\n\nSix.\n\n"
           "### Article L211-7\n\nSept.\n")
    new = ("## Section 2 : Emploi des enfants\n\n"
           "### Emploi des enfants comme mannequins.\n\n#### Article L211-6\n\nSix.\n\n"
           "### Article L211-6\n\nSix.\n\n### Article L211-7\n\nSept.\n")
    drafted = draft(_code(old), _code(new))
    assert not drafted.checked
    (reason,) = [r for r in drafted.reasons if "aucun voisin" in r]
    assert legi_history.nested_twice(_code(new), reason) == (
        "article L. 211-6 dans « Section 2 : Emploi des enfants » et dans « Emploi des "
        "enfants comme mannequins. »")
    apart = _code("## Annexe I\n\n### Article L211-6\n\nSix.\n\n## Annexe II\n\n"
                  "### Article L211-6\n\nSix.\n")
    assert legi_history.nested_twice(apart, reason) is None
    assert legi_history.nested_twice(_code(new), "l'article L. 211-6 : le texte cité se "
                                                 "relit autrement") is None


def test_the_files_read_stay_right_when_the_cache_is_full(tmp_path: Path) -> None:
    """The cache of ``git cat-file`` answers emptied when full, whatever was asked
    before: each answer is still the file's (a full run once stopped on a name emptied
    from the cache between two questions)."""
    mirror = _history(tmp_path)
    blobs = legi_history.Blobs(mirror)
    blobs.limit = 3
    try:
        for _ in range(3):
            for names in (["README.md", "partie-legislative/README.md"],
                          ["partie-legislative/livre-ier/article-l1.md", "README.md",
                           "partie-legislative/livre-ier/article-l2.md"]):
                got = blobs.read_many([("HEAD~1", f"{CODE}/{n}") for n in names])
                assert got == [(mirror / CODE / n).read_bytes()
                               if (mirror / CODE / n).exists() else None for n in names]
    finally:
        blobs.close()
