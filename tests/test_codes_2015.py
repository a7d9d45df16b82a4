"""Every code in force in spring 2015 reads, writes itself back byte for byte and shows.

``../shared/corpus/codes-2015`` holds the 75 codes of etalab's ``codes-juridiques-
francais`` export (DILA's LEGI base), one ``<slug>.tar.xz`` each, and ``codes.tsv`` (slug,
official title). Third-party data, read in place: each archive is extracted once into a
cache outside the repository (``$LEGIDIFF_CACHE``, by default ``<tmp>/legidiff-codes-2015``)
and reused while the archive is unchanged; every test skips, with a message, when
``../shared`` is absent.

Run as a script for the figures (extraction, reading, articles, slowest codes)::

    python tests/test_codes_2015.py
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, corpus_path, shared_dir

import legidiff.cli
from legidiff.cli import main
from legidiff.diagnostics import Severity
from legidiff.document.model import Article, Code, Division
from legidiff.formats import Base, Format, first_difference, read_base, render, write_base
from legidiff.formats import markdown as md
from legidiff.lang.codes import canonical_code_name, display_name
from legidiff.lang.numbering import LEGI_KEY_RE, ArticleNumber, article_bill_form, article_key

# What the reader says about the real data, code by code (every other code: nothing).
# LD114: a division whose heading names neither a kind nor a number — annex contents
# ("Convention type…", "Statuts types…", "Liste des communes…"), unnumbered subdivisions
# of the code général des impôts ("Régime simplifié"), "Préambule", "Dispositions
# générales"; they are kept as divisions of kind "autre" and cannot be named by number.
# LD110: one number on two article files, both kept (@1, @2): code de commerce "Annexe
# 6-1" (annexes of the code and of the livre VI), code de l'éducation "Annexe" (two
# sections), CPP D46-7, code du travail R6332-4, CGCT L2333-87-1 and R4422-2, code rural
# D665-31 — each in two places of the tree, as LEGI published them.
EXPECTED_WARNINGS: dict[str, dict[str, int]] = {
    "code-civil": {"LD114": 1},
    "code-de-commerce": {"LD110": 1},
    "code-de-deontologie-des-architectes": {"LD114": 1},
    "code-de-l-aviation-civile": {"LD114": 2},
    "code-de-l-education": {"LD110": 1},
    "code-de-l-urbanisme": {"LD114": 5},
    "code-de-la-construction-et-de-l-habitation": {"LD114": 24},
    "code-de-la-sante-publique": {"LD114": 4},
    "code-de-la-securite-sociale": {"LD114": 2},
    "code-de-procedure-penale": {"LD110": 1, "LD114": 2},
    "code-des-pensions-de-retraite-des-marins-francais-du-commerce-de-peche-ou-de-plaisance":
        {"LD114": 1},
    "code-des-pensions-militaires-d-invalidite-et-des-victimes-de-la-guerre": {"LD114": 5},
    "code-du-service-national": {"LD114": 1},
    "code-du-travail": {"LD110": 1},
    "code-electoral": {"LD114": 6},
    "code-general-des-collectivites-territoriales": {"LD110": 2, "LD114": 1},
    "code-general-des-impots-annexe-1-cgian1": {"LD114": 1},
    "code-general-des-impots-annexe-2-cgian2": {"LD114": 4},
    "code-general-des-impots-annexe-3-cgian3": {"LD114": 10},
    "code-general-des-impots-annexe-4-cgian4": {"LD114": 7},
    "code-general-des-impots-cgi": {"LD114": 8},
    "code-rural-et-de-la-peche-maritime": {"LD110": 1, "LD114": 9},
    "livre-des-procedures-fiscales": {"LD114": 3},
}
ABSENT = "(corpus absent)"


def _codes() -> list[tuple[str, str]]:
    """(slug, official title) of each code in codes.tsv; one placeholder that skips when
    the corpus is absent."""
    shared = shared_dir()
    tsv = shared / "corpus" / "codes-2015" / "codes.tsv" if shared is not None else None
    if tsv is None or not tsv.is_file():
        return [(ABSENT, "")]
    rows = [line.split("\t") for line in tsv.read_text("utf-8").splitlines() if line.strip()]
    return [(slug, title) for slug, title in rows]


CODES = _codes()


def cache_root() -> Path:
    return Path(os.environ.get("LEGIDIFF_CACHE")
                or Path(tempfile.gettempdir()) / "legidiff-codes-2015")


def extracted(slug: str) -> Path:
    """The code's folder, extracted from its archive once. The folder is named after the
    archive's size and modification time, made whole in a temporary folder and renamed in
    place: runs in parallel (several checkouts, one cache) never see a half-made folder
    and never remove one another's."""
    archive = corpus_path("codes-2015", f"{slug}.tar.xz")
    info = archive.stat()
    stamp = hashlib.sha256(f"{archive.name} {info.st_size} {info.st_mtime_ns}".encode())
    home = cache_root() / f"{slug}-{stamp.hexdigest()[:12]}"
    folder = home / "codes-en-vigueur" / slug
    if folder.is_dir():
        return folder
    home.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=home.parent))
    try:
        _unpack(archive, tmp)
        assert (tmp / "codes-en-vigueur" / slug).is_dir(), \
            f"{archive} does not hold codes-en-vigueur/{slug}"
        try:
            os.rename(tmp, home)  # atomic; fails if another run made it first
        except OSError:
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _unpack(archive: Path, into: Path) -> None:
    # GNU tar is much faster than tarfile on a slow disk (the code du travail: 1.7 s
    # against 14 s on the development machine); it refuses members with ".." and strips
    # a leading "/". Without tar and xz, tarfile and its data filter.
    if shutil.which("tar") and shutil.which("xz"):
        done = subprocess.run(["tar", "-xJf", str(archive), "-C", str(into)],
                              capture_output=True, check=False)
        if done.returncode == 0:
            return
        shutil.rmtree(into)
        into.mkdir()
    with tarfile.open(archive, "r:xz") as tar:
        if hasattr(tarfile, "data_filter"):  # Python ≥ 3.11.4: no path outside ``into``
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - older Python
            tar.extractall(into)


@pytest.fixture(scope="module", params=CODES, ids=[slug for slug, _ in CODES])
def code(request: pytest.FixtureRequest) -> tuple[str, str, Path, Base]:
    slug, title = request.param
    if slug == ABSENT:
        corpus_path("codes-2015", "codes.tsv")  # skips, saying why
    folder = extracted(slug)
    return slug, title, folder, read_base(folder)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """Where to write a whole code: memory when the machine has /dev/shm (writing 10,000
    small files to a loaded disk takes tens of seconds), else pytest's tmp_path."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        path = Path(tempfile.mkdtemp(prefix="legidiff-test-", dir=shm))
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)
    else:
        yield tmp_path


def test_the_corpus_lists_75_codes() -> None:
    corpus_path("codes-2015", "codes.tsv")
    assert len(CODES) == 75
    assert len({slug for slug, _ in CODES}) == 75
    assert set(EXPECTED_WARNINGS) <= {slug for slug, _ in CODES}


def test_reads(code: tuple[str, str, Path, Base]) -> None:
    slug, title, _, base = code
    assert base.format is Format.LAYOUT
    assert base.code.title == title
    # --code with the official title names the code the same way
    assert display_name(canonical_code_name(title)) == title
    assert base.code.count_articles() > 0
    assert all(d.severity is Severity.WARNING for d in base.diagnostics)
    found = Counter(d.code for d in base.diagnostics)
    assert dict(found) == EXPECTED_WARNINGS.get(slug, {}), [str(d) for d in base.diagnostics]


def test_layout_round_trip_is_byte_exact(code: tuple[str, str, Path, Base],
                                         scratch: Path) -> None:
    _, _, folder, base = code
    out = scratch / "out"
    write_base(base.code, out, "layout")
    sources = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == sources
    for rel in sources:
        assert (out / rel).read_bytes() == (folder / rel).read_bytes(), rel


def _tree(code: Code) -> list[tuple[int, str, str, str]]:
    return [(len(parents), node.kind.value if isinstance(node, Division) else "article",
             node.key, " ".join(node.heading.split()) if isinstance(node, Division)
             else node.num) for parents, node in code.walk()]


def test_markdown_and_json_keep_the_tree(code: tuple[str, str, Path, Base],
                                         scratch: Path) -> None:
    _, _, _, base = code
    text = render(base.code, Format.MARKDOWN)  # refuses (LD105) a text that reads back otherwise
    again = md.read(text, Path("code.md"), [])
    assert first_difference(base.code, again) is None
    assert _tree(again) == _tree(base.code)
    out = scratch / "code.json"
    write_base(base.code, out)
    assert read_base(out).code == base.code
    # and the JSON keeps its published schema (kinds of division, fields)
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "legidiff" / "schemas" / "code-v1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(out.read_text("utf-8")))


def test_article_keys_are_unique_and_sort(code: tuple[str, str, Path, Base]) -> None:
    _, _, _, base = code
    spellings: dict[str, set[str]] = {}
    order: dict[tuple[str, object], str] = {}
    for path in base.code.articles():
        num = path.article.num
        key = article_key(num)
        assert article_key(key) == key, num
        spellings.setdefault(key, set()).add(num)
        parsed = ArticleNumber.parse(num)
        if parsed is not None:
            again = ArticleNumber.parse(parsed.bill)  # "L. 852-3" reads back as L852-3
            assert again is not None and again.key == key, num
            assert order.setdefault((parsed.prefix, parsed.sort_key), key) == key, num
    # two different numbers never share a key (the same number twice is LD110)
    assert [s for s in spellings.values() if len(s) > 1] == []


def _pick_articles(code: Code) -> list[Article]:
    """A few real numbers: the first plain one, the first with qualifiers or an odd
    prefix, the first that is words (an annex stored as an article)."""
    plain = odd = words = None
    for path in code.articles():
        article = path.article
        parsed = ArticleNumber.parse(article.num)
        if parsed is None:
            words = words or article
        elif LEGI_KEY_RE.fullmatch(article.num):
            plain = plain or article
        else:
            odd = odd or article
        if plain and odd and words:
            break
    return [a for a in (plain, odd, words) if a is not None]


def test_show(code: tuple[str, str, Path, Base], capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch) -> None:
    _, title, folder, base = code
    assert main(["show", str(folder), "-q"]) == 0
    toc = capsys.readouterr().out
    assert toc.splitlines()[0] == f"{title}   [layout, {base.code.count_articles()} articles]"
    # The article calls reuse the reading above (the TOC call read the folder itself)
    monkeypatch.setattr(legidiff.cli, "read_base", lambda path, *a, **k: base)
    for article in _pick_articles(base.code):
        asked = article_bill_form(article.num)  # "L. 852-3", "49 septies-0 T", "Annexe …"
        assert main(["show", str(folder), "-q", "--article", asked]) == 0
        shown = capsys.readouterr().out
        heads = (f"Article {article.num}\n", f"Article {article.num} (1/")  # (1/2: LD110
        assert shown.startswith(heads), shown[:200]
        assert all(a.text in shown for a in article.alineas)


# ---------------------------------------------------------------------------
# Figures: python tests/test_codes_2015.py


def _measure() -> None:
    if CODES == [(ABSENT, "")]:
        print("../shared/corpus/codes-2015 is absent")
        return
    for slug, _ in CODES:  # measure the extraction too: the cached folders go first
        for old in cache_root().glob(f"{slug}-*"):
            shutil.rmtree(old, ignore_errors=True)
    start = time.perf_counter()
    folders = {slug: extracted(slug) for slug, _ in CODES}
    extraction = time.perf_counter() - start
    times: dict[str, float] = {}
    counts: dict[str, int] = {}
    for slug, folder in folders.items():
        begin = time.perf_counter()
        base = read_base(folder)
        times[slug] = time.perf_counter() - begin
        counts[slug] = base.code.count_articles()
    print("slowest codes to read:")
    for slug in sorted(times, key=times.__getitem__, reverse=True)[:5]:
        print(f"  {times[slug]:5.2f} s  {counts[slug]:6d} articles  {slug}")
    print(f"codes: {len(CODES)}")
    print(f"articles: {sum(counts.values())}")
    print(f"extraction: {extraction:.1f} s")
    print(f"reading: {sum(times.values()):.1f} s")


if __name__ == "__main__":
    _measure()
