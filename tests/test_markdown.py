"""Archéo Lex Markdown: reading, and writing back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLES

from legidiff.diagnostics import Diagnostic, InputError
from legidiff.document.model import Article, Code, Division, DivisionKind
from legidiff.formats import Format, read_base, render
from legidiff.formats import markdown as md


def read(text: str) -> tuple[Code, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    return md.read(text, Path("t.md"), diagnostics), diagnostics


def test_example_round_trip_is_exact() -> None:
    path = EXAMPLES / "csi-extrait.md"
    base = read_base(path)
    assert base.format is Format.MARKDOWN
    assert render(base.code, Format.MARKDOWN).encode("utf-8") == path.read_bytes()


def test_example_tree() -> None:
    code = read_base(EXAMPLES / "csi-extrait.md").code
    assert code.title == "Code de la sécurité intérieure"
    assert code.count_articles() == 13
    (partie,) = code.children
    assert isinstance(partie, Division)
    assert (partie.kind, partie.number) == (DivisionKind.PARTIE, "législative")
    paths = code.find_articles("L. 227-1")
    assert [(d.kind.value, d.key) for d in paths[0].divisions] == [
        ("partie", "legislative"), ("livre", "2"), ("titre", "2"), ("chapitre", "7")]
    assert len(paths[0].article.alineas) == 3


CASES = {
    "canonical": "# Code X\n\n## Livre Ier : Titre\n\n### Article L1\n\nUn.\n\nDeux.\n",
    "no title heading": ("# Partie législative\n\n## Chapitre Ier : A\n\n### Article L1\n\n"
                         "Un.\n"),
    "deep headings": ("# Code X\n\n## Partie législative\n\n### Livre Ier\n\n#### Titre Ier\n\n"
                      "##### Chapitre Ier\n\n###### Section 1\n\n####### Sous-section 1\n\n"
                      "######## Paragraphe 1\n\n######### Article R1\n\nTexte.\n"),
    "crlf": "# Code X\r\n\r\n## Livre Ier\r\n\r\n### Article L1\r\n\r\nUn.\r\n",
    "no final newline": "# Code X\n\n### Article L1\n\nUn.",
    "extra blank lines": "# Code X\n\n\n\n## Livre Ier\n\n### Article L1\n\nUn.\n\n\n\nDeux.\n\n\n",
    "lines without blank": "# Code X\n\n## Livre Ier\n\n### Article L1\n\nUn.\nDeux.\n- trois\n",
    "same-level articles": ("Code de l'entrée et du séjour des étrangers\n\n"
                            "- Date de consolidation : 11 janvier 2017\n\n"
                            "#### Chapitre unique\n\n#### Article L111-1\n\n"
                            "Texte.\n\n#### Article L111-2\n\nAutre.\n"),
    "table with blank line": ("# Code X\n\n## Article L1\n\nAvant :\n\n<table>\n <tr>\n  <td>A"
                              "</td>\n\n  <td>B</td>\n </tr>\n</table>\n\nAprès.\n"),
    "bom": "\ufeff# Code X\n\n## Article L1\n\nUn.\n",
    "stray text under a division": ("# Code X\n\n## Livre Ier\n\n(sans article)\n\n## Livre II\n\n"
                                    "### Article L1\n\nUn.\n"),
    "text after the title": "# Code X\n\n- Date de consolidation : 2021\n\n## Article L1\n\nUn.\n",
    "unknown heading": "# Code X\n\n## Visas\n\n### Article 1er\n\nUn.\n",
    "trailing spaces": "# Code X  \n\n## Livre Ier : A \n\n### Article L1\n\nUn.  \n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_round_trip_byte_for_byte(name: str) -> None:
    text = CASES[name]
    code, _ = read(text)
    assert md.write(code) == text


def test_deep_headings_nest() -> None:
    code, _ = read(CASES["deep headings"])
    (path,) = list(code.articles())
    assert [d.kind for d in path.divisions] == [
        DivisionKind.PARTIE, DivisionKind.LIVRE, DivisionKind.TITRE, DivisionKind.CHAPITRE,
        DivisionKind.SECTION, DivisionKind.SOUS_SECTION, DivisionKind.PARAGRAPHE]


def test_same_level_articles_belong_to_the_division() -> None:
    code, _ = read(CASES["same-level articles"])
    assert code.title == "Code de l'entrée et du séjour des étrangers"
    (chapitre,) = code.children
    assert isinstance(chapitre, Division)
    assert [a.num for a in chapitre.children if isinstance(a, Article)] == ["L111-1", "L111-2"]


def test_article_one_level_below_leaves_the_previous_division() -> None:
    code, _ = read("# Code X\n\n## Livre Ier\n\n### Chapitre Ier\n\n#### Article L1\n\nUn.\n\n"
                   "### Article L2\n\nDeux.\n")
    (livre,) = code.children
    assert isinstance(livre, Division)
    assert [type(c).__name__ for c in livre.children] == ["Division", "Article"]


def test_lines_and_tables_are_alineas() -> None:
    code, _ = read(CASES["lines without blank"])
    (path,) = list(code.articles())
    assert [a.text for a in path.article.alineas] == ["Un.", "Deux.", "- trois"]
    code, _ = read(CASES["table with blank line"])
    (path,) = list(code.articles())
    texts = [a.text for a in path.article.alineas]
    assert len(texts) == 3
    assert texts[1].startswith("<table>") and texts[1].endswith("</table>")
    assert path.article.alineas[1].is_table


def test_html_line_is_cut_at_br() -> None:
    code, _ = read("# Code X\n\n## Article L1\n\n<div>Un.<br/>Deux.</div>\n")
    (path,) = list(code.articles())
    assert [a.text for a in path.article.alineas] == ["<div>Un.<br/>", "Deux.</div>"]
    assert md.write(code) == "# Code X\n\n## Article L1\n\n<div>Un.<br/>Deux.</div>\n"


def test_warnings_for_stray_text_and_unknown_headings() -> None:
    _, diags = read(CASES["stray text under a division"])
    assert [d.code for d in diags] == ["LD115"]
    _, diags = read(CASES["unknown heading"])
    assert [d.code for d in diags] == ["LD114"]


def test_no_heading_is_an_error() -> None:
    with pytest.raises(InputError) as err:
        read("Juste du texte.\n")
    assert err.value.diagnostic.code == "LD104"


def test_written_from_another_format_uses_archeo_lex_defaults() -> None:
    code = Code("Code X", (Division.new(DivisionKind.LIVRE, "Ier", "Titre", (
        Article("L1", ()),)),))
    assert md.write(code) == "# Code X\n\n## Livre Ier : Titre\n\n### Article L1\n"
