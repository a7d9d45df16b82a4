"""The other base formats (layout folder, LEGI XML, legi.py SQLite, plain article blocks,
JSON), format detection, and conversions between all of them."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from support import EXAMPLES, FIXTURES

from legidiff.diagnostics import InputError
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind, parse_heading
from legidiff.document.structure import analyse
from legidiff.formats import Format, detect_format, read_base, render, write_base
from legidiff.lang.text import visible

XML = FIXTURES / "legi-xml"
SQLITE = FIXTURES / "legi.sqlite"


def signature(code: Code) -> list[tuple[object, ...]]:
    """What must survive any conversion: divisions, article numbers, visible alinéas."""
    out: list[tuple[object, ...]] = [("title", code.title)]
    for parents, node in code.walk():
        depth = len(parents)
        if isinstance(node, Division):
            out.append((depth, node.kind.value, node.key, " ".join(node.heading.split())))
        else:
            out.append((depth, node.key, tuple(visible(a.text, a.markup) for a in node.alineas)))
    return out


# ---------------------------------------------------------------------------
# Layout folder (codes-juridiques-francais)

ARTICLE_HTML = (
    '# Article R*156-1\n\n<div align="left">Sont applicables les dispositions suivantes : </div>'
    '\n<div align="left"/>\n<div align="left">\n<div>\n<table>\n<tbody>\n<tr>\n<th>\n<br/>A <br/>'
    '\n</th>\n</tr>\n<tr>\n<td align="center">\n<br/>R. * 121-1<br/>\n</td>\n</tr>\n</tbody>\n'
    '</table>\n</div>\n</div>\n\n<div align="left">Premier.<br/>\n<br/>Second, avec 3 750 &euro;.'
    '<br/>\n</div>\n')


def make_layout(root: Path) -> Path:
    """A small folder in the export's exact shape (synthetic HTML article; the plain
    articles are real CSI texts; the duplicate numbers mimic the code du travail's)."""
    code = root / "code-test"
    files = {
        "README.md": "# Code de la sécurité intérieure\n\n"
        "- [Partie réglementaire](partie-reglementaire)\n",
        "partie-reglementaire/README.md": "# Partie réglementaire\n\n"
        "- [LIVRE Ier : PRINCIPES](livre-ier)\n- [Section 1 : Contrôle](section-1)\n"
        "- [Section 2 : Autre contrôle](section-2)\n",
        "partie-reglementaire/livre-ier/README.md": "# LIVRE Ier : PRINCIPES\n\n"
        "- [Article D156-3](article-d156-3.md)\n- [Article R*156-1](article-r-156-1.md)\n",
        "partie-reglementaire/livre-ier/article-d156-3.md":
            "# Article D156-3\n\nLes agents\nsont habilités.\n\nDeuxième alinéa.\n",
        "partie-reglementaire/livre-ier/article-r-156-1.md": ARTICLE_HTML,
        "partie-reglementaire/section-1/README.md": "# Section 1 : Contrôle\n\n"
        "- [Article R6332-4](article-r6332-4.md)\n",
        "partie-reglementaire/section-1/article-r6332-4.md": "# Article R6332-4\n\nPremier.\n",
        "partie-reglementaire/section-2/README.md": "# Section 2 : Autre contrôle\n\n"
        "- [Article R6332-4](article-r6332-4.md)\n",
        "partie-reglementaire/section-2/article-r6332-4.md": "# Article R6332-4\n\nSecond.\n",
    }
    for rel, text in files.items():
        path = code / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return code


def test_layout_round_trip_and_html(tmp_path: Path) -> None:
    folder = make_layout(tmp_path)
    base = read_base(folder)
    assert base.format is Format.LAYOUT
    assert [d.code for d in base.diagnostics] == ["LD110"]  # two R6332-4, both kept
    (html_path,) = base.code.find_articles("R.* 156-1")
    alineas = html_path.article.alineas
    # text, table (with its wrappers), then the two alinéas of a <br/> paragraph
    assert len(alineas) == 4
    assert visible(alineas[0].text, True) == "Sont applicables les dispositions suivantes :"
    assert alineas[1].is_table and "R. * 121-1" in alineas[1].text
    assert visible(alineas[2].text, True) == "Premier."
    assert visible(alineas[3].text, True) == "Second, avec 3 750 €."
    assert "".join(a.text for a in alineas[:2]) + "\n\n" + "".join(
        a.text for a in alineas[2:]) + "\n" == ARTICLE_HTML.split("\n\n", 1)[1]
    (wrapped,) = base.code.find_articles("D156-3")
    assert [a.text for a in wrapped.article.alineas] == ["Les agents\nsont habilités.",
                                                         "Deuxième alinéa."]
    out = tmp_path / "out"
    write_base(base.code, out, "layout")
    for path in folder.rglob("*"):
        if path.is_file():
            assert (out / path.relative_to(folder)).read_bytes() == path.read_bytes(), path


def test_layout_missing_and_unlisted_files(tmp_path: Path) -> None:
    folder = make_layout(tmp_path)
    (folder / "partie-reglementaire/section-1/article-r6332-4.md").unlink()
    (folder / "partie-reglementaire/livre-ier/article-d156-9.md").write_text(
        "# Article D156-9\n\nTexte.\n", "utf-8")
    base = read_base(folder)
    codes = sorted(d.code for d in base.diagnostics)
    assert codes == ["LD111", "LD117"]
    assert base.code.find_articles("D156-9")


def test_layout_bad_readme(tmp_path: Path) -> None:
    folder = make_layout(tmp_path)
    (folder / "partie-reglementaire/section-1/README.md").write_text("Pas un titre\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_base(folder)
    assert err.value.diagnostic.code == "LD103"
    assert "section-1/README.md:1" in str(err.value)


def test_layout_bad_readme_is_refused_at_once(tmp_path: Path) -> None:
    # An entry's label may hold line breaks, but not another entry: with labels that
    # could span entries, refusing this README took 18 s (and 5 times more for every
    # two entries more).
    folder = make_layout(tmp_path)
    entries = "".join(f"- [Article R{i}](article-r{i}.md)\n" for i in range(18))
    (folder / "partie-reglementaire/section-1/README.md").write_text(
        f"# Section 1 : Contrôle\n\n{entries}fin inattendue\n", "utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_base(folder)
    assert err.value.diagnostic.code == "LD103"
    assert time.perf_counter() - start < 2


def test_layout_headings_on_several_lines(tmp_path: Path) -> None:
    # Real READMEs (code de l'éducation, code des transports, code de l'environnement):
    # a heading runs to the blank line before the list, over several lines, and may even
    # hold a blank line; the parent's entry repeats it.
    code = tmp_path / "code-test"
    two = "Section 1 : Droits et obligations des élèves\ndes établissements du second degré"
    blank = "Section 5 : Recherche de formations souterraines aptes \n\nau stockage géologique"
    files = {
        "README.md": "# Code de l'éducation\n\n- [Chapitre unique](chapitre-unique)\n",
        "chapitre-unique/README.md": f"# Chapitre unique\n\n- [{two}](section-1)\n"
                                     f"- [{blank}](section-5)\n",
        "chapitre-unique/section-1/README.md":
            f"# {two}\n\n- [Article D511-3](article-d511-3.md)\n",
        "chapitre-unique/section-1/article-d511-3.md": "# Article D511-3\n\nTexte.\n",
        "chapitre-unique/section-5/README.md":
            f"# {blank}\n\n- [Article L229-27](article-l229-27.md)\n",
        "chapitre-unique/section-5/article-l229-27.md": "# Article L229-27\n\nTexte.\n",
    }
    for rel, text in files.items():
        (code / rel).parent.mkdir(parents=True, exist_ok=True)
        (code / rel).write_text(text, "utf-8")
    base = read_base(code)
    assert base.diagnostics == ()
    sections = [d for _, d in base.code.walk() if isinstance(d, Division)
                and d.kind is DivisionKind.SECTION]
    assert [(d.key, d.heading) for d in sections] == [("1", two), ("5", blank)]
    assert sections[0].title == two.split(" : ", 1)[1]
    out = tmp_path / "out"
    write_base(base.code, out, "layout")
    for rel in files:
        assert (out / rel).read_bytes() == (code / rel).read_bytes(), rel
    # Markdown writes such a heading on one line, and reads it back the same division
    text = render(base.code, Format.MARKDOWN)
    assert "## Section 5 : Recherche de formations souterraines aptes au stockage géologique\n" \
        in text


@pytest.mark.parametrize(("heading", "kind", "number", "key", "title"), [
    # headings that name their kind, as real folders write them
    ("PREMIERE PARTIE : DISPOSITIONS COMMUNES", "partie", "PREMIERE", "1", "DISPOSITIONS COMMUNES"),
    ("SIXIEME PARTIE : AVIATION CIVILE", "partie", "SIXIEME", "6", "AVIATION CIVILE"),
    ("1re Sous-section : Dispositions générales", "sous-section", "1re", "1",
     "Dispositions générales"),
    ("PARTIE LEGISLATIVE", "partie", "LEGISLATIVE", "legislative", None),
    ("Partie réglementaire - Décrets simples", "partie", "réglementaire - Décrets simples",
     "reglementaire - decrets simples", None),
    ("Partie législative nouvelle", "partie", "législative nouvelle", "legislative nouvelle",
     None),
    ("TITRE PRELIMINAIRE : LES OBJECTIFS", "titre", "PRELIMINAIRE", "preliminaire",
     "LES OBJECTIFS"),
    ("Chapitre III-1 : De la vente d'immeubles à construire.", "chapitre", "III-1", "3-1",
     "De la vente d'immeubles à construire."),
    ("Section 0I bis-0 A : Exonération", "section", "0I bis-0 A", "0I bis-0 A", "Exonération"),
    ("Chapitre 000I ter : Dispositifs", "chapitre", "000I ter", "000I ter", "Dispositifs"),
    ("TITRE VI BIS : Des injonctions", "titre", "VI BIS", "6 bis", "Des injonctions"),
    ("Titre : XIV : Des mesures de protection", "titre", "XIV", "14",
     "Des mesures de protection"),
    ("Sous-titre II : De la justice restaurative", "autre", "II", "2",
     "De la justice restaurative"),
    ("Sous-sous-paragraphe 1 : Des déclarations", "autre", "1", "1",
     "Des déclarations"),
    # divisions that name no kind, numbered by a label (code général des impôts…)
    ("I : Bénéfices industriels et commerciaux", "autre", "I", "1",
     "Bénéfices industriels et commerciaux"),
    ("2 septies : Entreprises implantées", "autre", "2 septies", "2 septies",
     "Entreprises implantées"),
    ("19° quinquies : Réduction d'impôt", "autre", "19° quinquies", "19° quinquies",
     "Réduction d'impôt"),
    ("1° Généralités", "autre", "1°", "1°", "Généralités"),
    ("10 ° : Sécurité sociale", "autre", "10 °", "10°", "Sécurité sociale"),
    ("3° quater ; Prélèvement sur les dividendes", "autre", "3° quater", "3° quater",
     "Prélèvement sur les dividendes"),
    ("0I ter A : Déclaration", "autre", "0I ter A", "0I ter A", "Déclaration"),
    ("3-0 A bis : Bons ou contrats", "autre", "3-0 A bis", "3-0 A bis", "Bons ou contrats"),
    ("C : Dispositions diverses", "autre", "C", "C", "Dispositions diverses"),
    ("c : Dispositions communes", "autre", "c", "c", "Dispositions communes"),
    ("a) Du retrait ordonné par le juge", "autre", "a", "a", "Du retrait ordonné par le juge"),
    ("A. - Dispositions communes.", "autre", "A", "A", "Dispositions communes."),
    ("A. : De la décision du juge", "autre", "A", "A", "De la décision du juge"),
    ("F. ― Taxe pour la gestion\r\net la prévention", "autre", "F", "F",
     "Taxe pour la gestion\r\net la prévention"),
    ("1. Règles d'intervention", "autre", "1", "1", "Règles d'intervention"),
    ("1  Structure tarifaire des établissements.", "autre", "1", "1",
     "Structure tarifaire des établissements."),
    ("II.", "autre", "II", "2", None),
    ("OA : Boissons non alcoolisées", "autre", "OA", "OA", "Boissons non alcoolisées"),
])
def test_real_headings(heading: str, kind: str, number: str, key: str,
                       title: str | None) -> None:
    division = parse_heading(heading)
    assert division is not None
    assert (division.kind.value, division.number, division.key, division.title) == (
        kind, number, key, title)


@pytest.mark.parametrize("heading", [
    "Dispositions générales", "Préambule", "Annexe", "Titre", "Code civil",
    "REGLES DE l'AIR", "Tableau 1 Siège et ressort des tribunaux", "CONTRAT TYPE : CITÉ",
    "Annexes au Chapitre II du Titre Ier du Livre Ier", "Actes notariés",
])
def test_headings_without_kind_or_number(heading: str) -> None:
    division = parse_heading(heading)
    assert division is None or (division.kind is DivisionKind.ANNEXE and division.number == "")


# ---------------------------------------------------------------------------
# LEGI XML and legi.py SQLite (fixtures: tests/fixtures/build_legi_fixtures.py)


@pytest.mark.parametrize("source", [XML, SQLITE])
def test_versions_in_force_at_a_date(source: Path) -> None:
    old = read_base(source, date="2017-01-01").code
    assert old.title == "Code de la sécurité intérieure"
    assert [p.article.num for p in old.articles()] == ["L851-2"]
    (l851_2,) = old.find_articles("L. 851-2")
    texts = [a.text for a in l851_2.article.alineas]
    assert len(texts) == 2  # "<br/>" separates the I and the II; wraps are spaces
    assert texts[0].startswith("I.-Dans les conditions prévues au chapitre Ier du titre II du "
                               "présent livre et pour les seuls besoins")
    assert texts[1] == ("II.-L'article L. 821-5 n'est pas applicable à une autorisation "
                        "délivrée en application du présent article.")
    assert l851_2.article.meta is not None
    assert l851_2.article.meta.id == "LEGIARTI000032925403"

    mid = read_base(source, date="2019-06-01").code  # the 2017-2021 version is not there
    assert mid.find_articles("L851-2") == []
    assert [p.article.num for p in mid.articles()] == ["L227-1"]

    new = read_base(source, date="2022-01-01").code
    assert [p.article.num for p in new.articles()] == ["L851-2", "L855-1 B", "L863-1"]
    (l851_2,) = new.find_articles("L851-2")
    assert [i.label for i in analyse(l851_2.article).items] == ["I", "I bis", "II"]
    (l863_1,) = new.find_articles("L863-1")
    assert l863_1.article.alineas[-1].text.endswith("30\u00a0000 € d'amende.")
    (chapitre,) = [d for _, d in new.walk() if isinstance(d, Division)
                   and d.kind is DivisionKind.CHAPITRE]
    assert chapitre.title == "Fermeture de lieux de culte"


def test_date_boundaries_are_half_open() -> None:
    assert read_base(XML, date="2017-11-01").code.find_articles("L851-2") == []
    assert read_base(XML, date="2017-10-31").code.find_articles("L851-2")
    assert read_base(XML, date="2021-07-31").code.find_articles("L851-2")


def test_xml_missing_article_is_a_warning(tmp_path: Path) -> None:
    copy = tmp_path / "legi"
    shutil.copytree(XML, copy)
    next(copy.rglob("LEGIARTI990000000101.xml")).unlink()
    base = read_base(copy, date="2022-01-01")
    assert [d.code for d in base.diagnostics] == ["LD111"]
    assert [p.article.num for p in base.code.articles()] == ["L851-2", "L863-1"]


def test_xml_malformed_file(tmp_path: Path) -> None:
    copy = tmp_path / "legi"
    shutil.copytree(XML, copy)
    victim = next(copy.rglob("LEGIARTI990000000102.xml"))
    victim.write_text(victim.read_text("utf-8").replace("</NUM>", "</NUMERO>"), "utf-8")
    with pytest.raises(InputError) as err:
        read_base(copy)
    assert err.value.diagnostic.code == "LD103"
    location = err.value.diagnostic.location
    assert location is not None and location.path.endswith("LEGIARTI990000000102.xml")
    assert location.line == 13  # <NUM>L863-1</NUMERO>


def test_xml_without_expected_elements(tmp_path: Path) -> None:
    copy = tmp_path / "legi"
    shutil.copytree(XML, copy)
    victim = next(copy.rglob("LEGISCTA990000000008.xml"))
    text = victim.read_text("utf-8")
    start, end = text.index("<STRUCTURE_TA>"), text.index("</STRUCTURE_TA>") + 15
    victim.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(InputError) as err:
        read_base(copy)
    assert err.value.diagnostic.code == "LD104"
    assert "STRUCTURE_TA" in err.value.diagnostic.message


def test_xml_unknown_text_id() -> None:
    with pytest.raises(InputError) as err:
        read_base(XML, text_id="LEGITEXT000006072050")
    assert "LEGITEXT000025503132" in (err.value.diagnostic.evidence or "")


def test_sqlite_is_a_real_legi_py_schema() -> None:
    db = sqlite3.connect(SQLITE)
    version = db.execute("SELECT value FROM db_meta WHERE key = 'schema_version'").fetchone()
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert version == (6,)
    assert {"textes", "textes_structs", "textes_versions", "sections", "articles", "sommaires",
            "liens", "duplicate_files"} <= tables


def test_sqlite_errors(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE x (y)")
    db.commit()
    db.close()
    with pytest.raises(InputError) as err:
        read_base(other)
    assert err.value.diagnostic.code == "LD104"
    with pytest.raises(InputError):
        read_base(SQLITE, text_id="LEGITEXT000006072050")


# ---------------------------------------------------------------------------
# Plain article blocks, as bills write them


def test_blocks_from_the_law_creating_L227_1(tmp_path: Path) -> None:
    # loi n° 2017-1510, the quoted chapter (corpus triples.jsonl; public text)
    text = (FIXTURES / "blocks" / "loi-2017-1510-chapitre-VII.txt").read_text("utf-8")
    path = tmp_path / "blocks.txt"
    path.write_text(text, "utf-8")
    base = read_base(path)
    assert base.format is Format.BLOCKS
    (chapitre,) = base.code.children
    assert isinstance(chapitre, Division)
    assert (chapitre.kind, chapitre.key, chapitre.title) == (
        DivisionKind.CHAPITRE, "7", "Fermeture de lieux de culte")
    l227_1, l227_2 = (c for c in chapitre.children if isinstance(c, Article))
    assert (l227_1.num, len(l227_1.alineas)) == ("L. 227-1", 3)
    assert l227_1.alineas[0].text.startswith("Aux seules fins de prévenir")
    assert l227_2.alineas[0].text.endswith("7 500 € d'amende.")  # the closing » is removed
    again = tmp_path / "again.txt"
    write_base(base.code, again)
    assert signature(read_base(again).code) == signature(base.code)


def test_blocks_text_before_any_article(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("Code X\nUne ligne perdue\nArt. L. 1. – Texte.\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_base(path, "blocks")
    assert err.value.diagnostic.code == "LD115"
    assert err.value.diagnostic.location is not None
    assert err.value.diagnostic.location.line == 2


# ---------------------------------------------------------------------------
# JSON


def test_json_round_trip_keeps_everything(tmp_path: Path) -> None:
    code = read_base(EXAMPLES / "csi-extrait.md").code
    out = tmp_path / "code.json"
    write_base(code, out)
    again = read_base(out).code
    assert again == code
    assert render(again, Format.MARKDOWN) == (EXAMPLES / "csi-extrait.md").read_text("utf-8")


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d.update(version=2), "/version"),
    (lambda d: d["children"][0].update(kind="tome"), "/children/0/kind"),
    (lambda d: d["children"][0]["children"][0]["children"][0]["children"][0]["children"][0]
     .pop("num"), "/children/0/children/0/children/0/children/0/children/0/num"),
    (lambda d: d["children"][0].update(type="x"), "/children/0/type"),
])
def test_json_errors_name_the_place(tmp_path: Path, mutate: object, where: str) -> None:
    code = read_base(EXAMPLES / "csi-extrait.md").code
    out = tmp_path / "code.json"
    write_base(code, out)
    data = json.loads(out.read_text("utf-8"))
    mutate(data)  # type: ignore[operator]
    out.write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as err:
        read_base(out)
    assert f"(à {where})" in err.value.diagnostic.message


def test_json_schema_document_matches_output(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).resolve().parents[1] / "legidiff" / "schemas" / \
        "code-v1.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    for source in (EXAMPLES / "csi-extrait.md", XML):
        out = tmp_path / "code.json"
        write_base(read_base(source, date="2022-01-01").code, out)
        jsonschema.validate(json.loads(out.read_text("utf-8")), schema)


# ---------------------------------------------------------------------------
# Detection and conversions


def test_detection(tmp_path: Path) -> None:
    assert detect_format(EXAMPLES / "csi-extrait.md") is Format.MARKDOWN
    assert detect_format(XML) is Format.LEGI_XML
    assert detect_format(SQLITE) is Format.SQLITE
    assert detect_format(make_layout(tmp_path)) is Format.LAYOUT
    assert detect_format(FIXTURES / "blocks" / "loi-2017-1510-chapitre-VII.txt") is Format.BLOCKS
    unknown = tmp_path / "x.txt"
    unknown.write_text("Bonjour.\n", "utf-8")
    with pytest.raises(InputError) as err:
        detect_format(unknown)
    assert err.value.diagnostic.code == "LD102"
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("# Code\n\n## Article L1\n\nSécurité\n".encode("latin-1"))
    with pytest.raises(InputError) as err:
        read_base(latin1)
    assert err.value.diagnostic.code == "LD103"
    assert err.value.diagnostic.location is not None
    assert err.value.diagnostic.location.line == 5


@pytest.mark.parametrize("target", ["markdown", "layout", "legi-xml", "sqlite", "blocks", "json"])
@pytest.mark.parametrize("source", ["example", "xml"])
def test_conversions_keep_the_text(tmp_path: Path, target: str, source: str) -> None:
    path = EXAMPLES / "csi-extrait.md" if source == "example" else XML
    code = read_base(path, date="2022-01-01").code
    suffix = {"markdown": ".md", "json": ".json", "sqlite": ".sqlite", "blocks": ".txt"}
    out = tmp_path / ("out" + suffix.get(target, ""))
    write_base(code, out, target)
    again = read_base(out, date="2022-01-01").code
    assert signature(again) == signature(code)


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    source = tmp_path / "code.md"
    shutil.copy(EXAMPLES / "csi-extrait.md", source)
    code = read_base(source).code
    with pytest.raises(InputError) as err:
        write_base(code, source, inputs=(source,))
    assert err.value.diagnostic.code == "LD105"
    assert source.read_bytes() == (EXAMPLES / "csi-extrait.md").read_bytes()


def test_blocks_refuse_what_they_cannot_write(tmp_path: Path) -> None:
    # code du travail R. 1272-4 quotes an article of the code de la sécurité sociale:
    # in bill-style blocks its line reads back as a new article
    code = Code("Code du travail", (Article("R1272-4", (
        Alinea("Le contenu du volet social est fixé par l'article D. 133-13-2 du code de la "
               "sécurité sociale ci-après reproduit :"),
        Alinea("Art. D. 133-13-2.-Le volet social comporte les mentions suivantes :"),
    )),))
    out = tmp_path / "out.txt"
    with pytest.raises(InputError) as err:
        write_base(code, out)
    assert err.value.diagnostic.code == "LD105"
    assert "R1272-4" in err.value.diagnostic.message
    assert not out.exists()
    md_out = tmp_path / "out.md"
    write_base(code, md_out)  # Markdown has no such ambiguity here
    assert signature(read_base(md_out).code) == signature(code)


def test_markdown_refuses_an_alinea_that_reads_as_a_heading(tmp_path: Path) -> None:
    code = Code("Code X", (Article("L1", (Alinea("# Pas un titre"),)),))
    with pytest.raises(InputError) as err:
        write_base(code, tmp_path / "x.md")
    assert "L1" in err.value.diagnostic.message


def test_existing_folder_is_replaced_only_when_asked(tmp_path: Path) -> None:
    code = read_base(EXAMPLES / "csi-extrait.md").code
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x", "utf-8")
    with pytest.raises(InputError) as err:
        write_base(code, out, "layout")
    assert "--force" in err.value.diagnostic.message
    assert (out / "keep.txt").exists()
    write_base(code, out, "layout", replace_folder=True)
    assert not (out / "keep.txt").exists()
    assert signature(read_base(out).code) == signature(code)


def test_bad_date_is_a_clear_error() -> None:
    with pytest.raises(InputError) as err:
        read_base(XML, date="31/07/2021")
    assert err.value.diagnostic.code == "LD106"


def test_markup_without_text_is_not_an_alinea(tmp_path: Path) -> None:
    # as in CSI D. 155-3: the <div> around a table is a paragraph of its own in the export
    folder = make_layout(tmp_path)
    path = folder / "partie-reglementaire/livre-ier/article-d156-3.md"
    text = ('# Article D156-3\n\nSont applicables :\n\n<div align="center">\n\n<table>\n<tr>\n'
            '<td>A</td>\n</tr>\n</table>\n\n</div>\n')
    path.write_text(text, "utf-8")
    base = read_base(folder)
    (article,) = base.code.find_articles("D156-3")
    alineas = article.article.alineas
    assert len(alineas) == 2
    assert alineas[1].is_table
    assert alineas[1].text == ('<div align="center">\n\n<table>\n<tr>\n<td>A</td>\n</tr>\n'
                               '</table>\n\n</div>')
    out = tmp_path / "out"
    write_base(base.code, out, "layout")
    assert (out / path.relative_to(folder)).read_text("utf-8") == text
