"""The whole CSI (about 2,000 articles) and code du travail (about 11,000) from
``../shared/corpus/codes`` (etalab's codes-juridiques-francais export, spring 2015),
read in place; skipped when ``../shared`` is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import corpus_path

from legidiff.diagnostics import InputError
from legidiff.document.model import Article, Code, Division, DivisionKind
from legidiff.document.structure import analyse
from legidiff.formats import Base, Format, read_base, render, write_base
from legidiff.formats import markdown as md
from legidiff.lang.text import visible

CODES = {
    "code-de-la-securite-interieure": ("Code de la sécurité intérieure", 2116),
    "code-du-travail": ("Code du travail", 10711),
}


@pytest.fixture(scope="module", params=list(CODES))
def whole(request: pytest.FixtureRequest) -> tuple[str, Path, Base]:
    name = str(request.param)
    path = corpus_path("codes", name)
    return name, path, read_base(path)


def test_reads_the_whole_code(whole: tuple[str, Path, Base]) -> None:
    name, _, base = whole
    title, count = CODES[name]
    assert base.format is Format.LAYOUT
    assert base.code.title == title
    assert base.code.count_articles() == count
    unknown = [d for d in base.diagnostics if d.code == "LD114"]
    assert unknown == []  # every heading of both codes is a known kind of division


def test_layout_round_trip_is_byte_exact(whole: tuple[str, Path, Base],
                                         tmp_path: Path) -> None:
    _, path, base = whole
    out = tmp_path / "out"
    write_base(base.code, out, "layout")
    sources = sorted(p.relative_to(path) for p in path.rglob("*") if p.is_file())
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert written == sources
    for rel in sources:
        assert (out / rel).read_bytes() == (path / rel).read_bytes(), rel


def test_markdown_and_json_keep_the_tree(whole: tuple[str, Path, Base], tmp_path: Path) -> None:
    _, _, base = whole
    text = render(base.code, Format.MARKDOWN)
    again = md.read(text, Path("x.md"), [])
    assert md.write(again) == text
    assert [p.article.key for p in again.articles()] == [p.article.key for p in
                                                         base.code.articles()]
    out = tmp_path / "code.json"
    write_base(base.code, out)
    assert read_base(out).code == base.code


def test_every_article_has_a_structure(whole: tuple[str, Path, Base]) -> None:
    _, _, base = whole
    tables = 0
    for path in base.code.articles():
        structure = analyse(path.article)
        assert len(structure.alineas) == len(path.article.alineas)
        tables += sum(1 for a in path.article.alineas if a.is_table)
        for item in structure.items:
            assert 0 <= item.start < item.end <= len(path.article.alineas)
    assert tables > 0


def test_duplicate_numbers_in_the_code_du_travail(whole: tuple[str, Path, Base]) -> None:
    name, _, base = whole
    duplicates = [d for d in base.diagnostics if d.code == "LD110"]
    if name != "code-du-travail":
        assert duplicates == []
        return
    assert len(duplicates) == 1 and "R. 6332-4" in duplicates[0].message
    first, second = base.code.find_articles("R. 6332-4")
    # both files kept, each with its own text (read from the corpus, not copied here)
    sources = [Path(p.article.meta.source) for p in (first, second) if p.article.meta
               and p.article.meta.source]
    assert len(sources) == 2 and sources[0] != sources[1]
    for path, article in zip(sources, (first.article, second.article), strict=True):
        paragraphs = path.read_text("utf-8").rstrip("\n").split("\n\n")[1:]
        assert [a.text for a in article.alineas] == paragraphs
    assert [d.kind for d in second.divisions][-1] is DivisionKind.PARAGRAPHE


def test_parts_of_the_code_du_travail(whole: tuple[str, Path, Base]) -> None:
    name, _, base = whole
    if name != "code-du-travail":
        pytest.skip("code du travail only")
    (legislative, _) = base.code.children
    assert isinstance(legislative, Division)
    parts = [c for c in legislative.children if isinstance(c, Division)
             and c.kind is DivisionKind.PARTIE]
    assert [p.key for p in parts] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    preliminaire = legislative.children[0]
    assert isinstance(preliminaire, Division)
    assert (preliminaire.kind, preliminaire.key) == (DivisionKind.CHAPITRE, "preliminaire")
    assert any(isinstance(c, Article) for c in preliminaire.children)


@pytest.mark.parametrize("target", ["markdown", "legi-xml", "sqlite", "json"])
def test_conversions_keep_every_alinea(whole: tuple[str, Path, Base], tmp_path: Path,
                                       target: str) -> None:
    _, _, base = whole
    out = tmp_path / {"markdown": "code.md", "json": "code.json", "sqlite": "code.sqlite",
                      "legi-xml": "xml"}[target]
    write_base(base.code, out, target)
    again = read_base(out).code

    def visible_alineas(code: Code) -> list[tuple[str, tuple[str, ...]]]:
        return [(p.article.key, tuple(visible(a.text, a.markup) for a in p.article.alineas))
                for p in code.articles()]

    assert visible_alineas(again) == visible_alineas(base.code)
    assert [d.heading.split() for _, d in again.walk() if isinstance(d, Division)] == [
        d.heading.split() for _, d in base.code.walk() if isinstance(d, Division)]


def test_blocks_refuse_a_whole_code(whole: tuple[str, Path, Base], tmp_path: Path) -> None:
    _, _, base = whole
    out = tmp_path / "code.txt"
    with pytest.raises(InputError) as err:
        write_base(base.code, out, "blocks")
    assert err.value.diagnostic.code == "LD105"
    assert not out.exists()
