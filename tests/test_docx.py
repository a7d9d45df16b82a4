"""The Word document of the redline (issue 14, item 3): its changes are Word revisions.

The document is read back with python-docx and its XML; accepting every revision (the
deletions dropped, the insertions unwrapped, a paragraph whose mark is deleted joined to
the next) must give the consolidated text of each changed article, and rejecting every
revision the base's. The articles expected are found from the two codes, not from the
redline the document was made from.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from support import EXAMPLES, two_codes

from legidiff.apply.consolidate import consolidate
from legidiff.apply.run import output_code
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.document.model import Code
from legidiff.formats import markdown as md
from legidiff.formats import read_base
from legidiff.lang.numbering import article_bill_form
from legidiff.lang.text import visible
from legidiff.render.diffing import Op, Segment
from legidiff.render.docx import ALINEA_STYLE, render_docx, xml_safe
from legidiff.render.redline import (
    AlineaStatus,
    AlineaView,
    ArticleStatus,
    ArticleView,
    Redline,
    compare,
)

BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"
DATE = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
DATE_XML = "2024-01-02T03:04:05Z"
HEADING_STYLE = "Heading2"  # the style id of "Heading 2"


# -- reading the document back: accept or reject every revision ---------------------


def body(data: bytes) -> Any:
    return Document(io.BytesIO(data)).element.body


def _marked(p: Any, tag: str) -> bool:
    """Whether the paragraph mark of ``p`` is inserted (``w:ins``) or deleted."""
    ppr = p.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    return rpr is not None and rpr.find(qn(tag)) is not None


def _join_next(p: Any) -> None:
    """A paragraph whose mark is gone: what is left of it joins the next paragraph."""
    following = p.getnext()
    assert following is not None and following.tag == qn("w:p"), "no paragraph to join"
    at = 1 if following.find(qn("w:pPr")) is not None else 0
    for child in [c for c in p if c.tag != qn("w:pPr")]:
        following.insert(at, child)
        at += 1
    p.getparent().remove(p)


def resolve(data: bytes, accept: bool) -> Any:
    """The body with every revision accepted (or rejected), as Word does it."""
    root = copy.deepcopy(body(data))
    drop, keep = ("w:del", "w:ins") if accept else ("w:ins", "w:del")
    for p in list(root.iter(qn("w:p"))):
        for marker in p.findall(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn(keep)}"):
            marker.getparent().remove(marker)
    for p in list(root.iter(qn("w:p"))):
        if _marked(p, drop):
            for marker in p.findall(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn(drop)}"):
                marker.getparent().remove(marker)
            for element in p.findall(qn(drop)):
                p.remove(element)
            _join_next(p)
    for element in list(root.iter(qn(drop))):
        element.getparent().remove(element)
    for element in list(root.iter(qn(keep))):
        parent = element.getparent()
        at = parent.index(element)
        for child in list(element):
            parent.insert(at, child)
            at += 1
        parent.remove(element)
    for text in list(root.iter(qn("w:delText"))):
        assert not accept, "deleted text left after accepting every revision"
        text.tag = qn("w:t")
    return root


def text_of(p: Any) -> str:
    out = []
    for element in p.iter(qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")):
        if element.tag == qn("w:tab"):
            out.append("\t")
        elif element.tag == qn("w:br"):
            out.append("\n")
        else:
            out.append(element.text or "")
    return "".join(out)


def style_of(p: Any) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else str(style.get(qn("w:val")))


def articles(root: Any) -> dict[str, list[str]]:
    """The article headings ("Article L. 852-3" → "L. 852-3") with their alinéas."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for p in root.iter(qn("w:p")):
        style = style_of(p)
        if style == HEADING_STYLE:
            heading = text_of(p)
            assert heading.startswith("Article "), heading
            number = heading.removeprefix("Article ")
            assert number not in out, f"two headings {heading}"
            current = out[number] = []
        elif style == ALINEA_STYLE:
            assert current is not None, "an alinéa before any article"
            current.append(text_of(p))
        elif style is not None and style.startswith("Heading"):
            current = None
    return out


def code_articles(code: Code) -> dict[str, list[str]]:
    return {article_bill_form(p.article.num): [visible(a.text, a.markup)
                                               for a in p.article.alineas]
            for p in code.articles()}


def check_round_trip(data: bytes, old: Code, new: Code) -> None:
    """Accepting every revision gives ``new``'s changed articles, rejecting every one
    gives ``old``'s; the changed articles are found from the codes."""
    before, after = code_articles(old), code_articles(new)
    assert len(before) == sum(1 for _ in old.articles()), "twin numbers: test cannot say"
    assert len(after) == sum(1 for _ in new.articles()), "twin numbers: test cannot say"
    changed = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    assert changed, "nothing changed: the test would prove nothing"
    accepted, rejected = articles(resolve(data, True)), articles(resolve(data, False))
    assert set(accepted) == {n for n in changed if n in after}
    assert set(rejected) == {n for n in changed if n in before}
    for number, alineas in accepted.items():
        assert alineas == after[number], number
    for number, alineas in rejected.items():
        assert alineas == before[number], number


def revisions(data: bytes) -> list[Any]:
    root = body(data)
    return [*root.iter(qn("w:ins")), *root.iter(qn("w:del"))]


# -- the example of the project: the Senate bill on the CSI ---------------------------


@pytest.fixture(scope="module")
def senate() -> tuple[Code, Code, Redline, bytes]:
    base = read_base(BASE).code
    bill = parse_bill(BILL.read_text("utf-8"), path=str(BILL))
    result = consolidate(base, bill)
    view = compare(base, result.code, result, bill)
    return base, result.code, view, render_docx(view, base=base.title, date=DATE)


def test_accepting_gives_the_consolidated_text_and_rejecting_the_base(
        senate: tuple[Code, Code, Redline, bytes]) -> None:
    old, new, _, data = senate
    check_round_trip(data, old, new)
    accepted = articles(resolve(data, True))
    assert "L. 852-3" in accepted  # created by the bill
    assert "L. 852-3" not in articles(resolve(data, False))


def test_the_round_trip_check_fails_on_a_wrong_document(
        senate: tuple[Code, Code, Redline, bytes]) -> None:
    """The check can fail: the document of the base against itself does not give the
    consolidated text."""
    old, new, view, _ = senate
    wrong = render_docx(compare(old, old), date=DATE)
    with pytest.raises(AssertionError):
        check_round_trip(wrong, old, new)
    swapped = render_docx(compare(new, old), date=DATE)
    with pytest.raises(AssertionError):
        check_round_trip(swapped, old, new)
    assert view.articles


def test_titles_at_the_top(senate: tuple[Code, Code, Redline, bytes]) -> None:
    _, _, view, data = senate
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == view.title and view.title.startswith("Projet de loi relatif")
    assert "Texte de base : Code de la sécurité intérieure" in texts
    assert document.core_properties.title == view.title


def test_revisions_carry_author_and_date(senate: tuple[Code, Code, Redline, bytes]) -> None:
    _, _, view, data = senate
    found = revisions(data)
    assert len(found) >= 10
    assert {r.get(qn("w:author")) for r in found} == {"legidiff"}
    assert {r.get(qn("w:date")) for r in found} == {DATE_XML}
    ids = [r.get(qn("w:id")) for r in found]
    assert len(set(ids)) == len(ids)
    other = render_docx(view, author="Commission des lois", date=datetime(2021, 6, 29, 14))
    assert {r.get(qn("w:author")) for r in revisions(other)} == {"Commission des lois"}
    assert {r.get(qn("w:date")) for r in revisions(other)} == {"2021-06-29T14:00:00Z"}


def test_words_are_revisions_inside_the_alinea(
        senate: tuple[Code, Code, Redline, bytes]) -> None:
    """L. 822-2: ", L. 852-2" inserted and "2" replaced by "3" inside one alinéa, the
    rest of it plain text; deleted words in w:delText."""
    _, _, _, data = senate
    root = body(data)
    paragraphs = [p for p in root.iter(qn("w:p"))
                  if "Trente jours à compter de leur recueil" in text_of(p)]
    assert len(paragraphs) == 1
    p = paragraphs[0]
    inserted = ["".join(t.text for t in i.iter(qn("w:t"))) for i in p.iter(qn("w:ins"))]
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in p.iter(qn("w:del"))]
    assert ", L. 852-2" in "".join(inserted)
    assert deleted and all(deleted)
    assert not any(d.find(f".//{qn('w:t')}") is not None for d in p.iter(qn("w:del")))
    assert not _marked(p, "w:ins") and not _marked(p, "w:del")


# -- repealed, renumbered, created, alinéas inserted and deleted ----------------------

OLD_MD = ("# Code électoral\n\n## Article L1\n\nLe maire signe.\n\nIl rend compte.\n\n"
          "## Article L2\n\nDeux articles se suivent.\n\n## Article L4\n\nQuatre sera abrogé.\n")
NEW_MD = ("# Code électoral\n\n## Article L1\n\nLe maire et l'adjoint signent.\n\n"
          "Un alinéa nouveau.\n\n## Article L3\n\nDeux articles se suivent.\n\n"
          "## Article L5\n\nCinq est créé.\n")


def read_md(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


def test_whole_articles_and_alineas_are_paragraph_revisions() -> None:
    old, new = read_md(OLD_MD), read_md(NEW_MD)
    view = compare(old, new)
    assert {a.status for a in view.articles} == set(ArticleStatus)  # all four kinds
    data = render_docx(view, date=DATE)
    check_round_trip(data, old, new)
    root = body(data)
    marks = [p for p in root.iter(qn("w:p")) if _marked(p, "w:ins") or _marked(p, "w:del")]
    assert {text_of(p) for p in marks} >= {"Article L. 4", "Article L. 5", "Cinq est créé.",
                                           "Quatre sera abrogé.", "Il rend compte."}
    for mark in (m for p in marks for m in p.iter(qn("w:ins"), qn("w:del"))):
        assert mark.get(qn("w:author")) == "legidiff" and mark.get(qn("w:date")) == DATE_XML
    headings = [text_of(p) for p in resolve(data, True).iter(qn("w:p"))
                if style_of(p) == HEADING_STYLE]
    assert "Article L. 3" in headings  # the renumbered article: old number deleted


def test_hostile_text_is_written_safely() -> None:
    hostile_old = "a < b & c ]]> \x0b\x00 <w:t>"
    hostile_new = "a < b & c ]]> \udce9 \ufffe\x1f & fin"
    view = Redline(
        "Titre <script>&amp;\x01", "ancien <", "nouveau &",
        (ArticleView("art_L1", "L. 1 <&>", ArticleStatus.MODIFIED, "Livre <I> & \x02",
                     (AlineaView("art_L1/al_1", AlineaStatus.CHANGED,
                                 (Segment(Op.EQUAL, "a < b & c ]]> "),
                                  Segment(Op.DELETE, "\x0b\x00 <w:t>"),
                                  Segment(Op.INSERT, "\udce9 \ufffe\x1f & fin"))),
                      AlineaView("art_L1/al_2", AlineaStatus.INSERTED,
                                 (Segment(Op.INSERT, "tab\there\nbreak"),)))),))
    data = render_docx(view, author="Nom <&>\x07", date=DATE)
    accepted, rejected = articles(resolve(data, True)), articles(resolve(data, False))
    assert accepted == {"L. 1 <&>": [xml_safe(hostile_new), "tab\there\nbreak"]}
    assert rejected == {"L. 1 <&>": [xml_safe(hostile_old)]}
    assert xml_safe(hostile_new) == "a < b & c ]]> \\xe9 \\ufffe\\x1f & fin"
    assert {r.get(qn("w:author")) for r in revisions(data)} == {"Nom <&>\\x07"}
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Titre <script>&amp;\\x01"


# -- the command line ---------------------------------------------------------------


def test_apply_writes_the_document(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DATE.timestamp())))
    out = tmp_path / "redline.docx"
    assert main(["apply", str(BASE), str(BILL), "--docx", str(out),
                 "--author", "Commission des lois"]) == 0
    assert f"{out} écrit" in capsys.readouterr().err
    data = out.read_bytes()
    base = read_base(BASE).code
    result = consolidate(base, parse_bill(BILL.read_text("utf-8"), path=str(BILL)))
    check_round_trip(data, base, result.code)
    assert {r.get(qn("w:author")) for r in revisions(data)} == {"Commission des lois"}
    assert {r.get(qn("w:date")) for r in revisions(data)} == {DATE_XML}
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert f"Texte de base : Code de la sécurité intérieure ({BASE.name})" in texts
    assert not any(str(tmp_path) in t or str(EXAMPLES) in t for t in texts)


def test_apply_never_overwrites_an_input(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    base, bill = tmp_path / "base.md", tmp_path / "loi.txt"
    shutil.copy(BASE, base)
    shutil.copy(BILL, bill)
    for target in (bill, base):
        before = target.read_bytes()
        assert main(["apply", str(base), str(bill), "--docx", str(target)]) == 2
        assert "[LD105]" in capsys.readouterr().err
        assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.md", "loi.txt"]


def test_apply_with_failures_writes_the_document_only_with_partial(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, bill = tmp_path / "base.md", tmp_path / "loi.txt"
    base.write_text("# Code électoral\n\n## Article L1\n\nLe maire signe.\n", "utf-8")
    bill.write_text("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « préfet » est "
                    "remplacé par le mot : « recteur ».\n", "utf-8")
    out = tmp_path / "r.docx"
    assert main(["apply", str(base), str(bill), "--docx", str(out)]) == 1
    assert "n'est pas écrit" in capsys.readouterr().err
    assert not out.exists()
    assert main(["apply", str(base), str(bill), "--docx", str(out), "--partial"]) == 1
    capsys.readouterr()
    data = out.read_bytes()
    old = read_base(base).code
    result = consolidate(old, parse_bill(bill.read_text("utf-8"), path=str(bill)))
    check_round_trip(data, old, output_code(result))
    accepted = articles(resolve(data, True))["L. 1"]
    assert any("instruction non appliquée" in a for a in accepted)
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert any(t.startswith("Instructions non appliquées (1)") for t in texts)


def test_redline_writes_the_document(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD_MD, "utf-8")
    new.write_text(NEW_MD, "utf-8")
    out = tmp_path / "r.docx"
    assert main(["redline", str(old), str(new), "--docx", str(out)]) == 0
    capsys.readouterr()
    check_round_trip(out.read_bytes(), read_base(old).code, read_base(new).code)
    texts = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert "old.md → new.md" in texts
    assert main(["redline", str(old), str(new), "--docx", str(new)]) == 2
    assert "[LD105]" in capsys.readouterr().err
    assert new.read_text("utf-8") == NEW_MD


def test_libreoffice_reads_the_document(tmp_path: Path,
                                        senate: tuple[Code, Code, Redline, bytes]) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: the PDF conversion is not tried")
    source = tmp_path / "redline.docx"
    source.write_bytes(senate[3])
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "redline.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_several_bases_write_one_document_each(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    electoral, route, bill = two_codes(tmp_path)
    out = tmp_path / "word"
    assert main(["apply", str(electoral), str(route), str(bill), "--docx", str(out)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["electoral.md.docx", "route.md.docx"]
    accepted = articles(resolve((out / "route.md.docx").read_bytes(), True))
    assert accepted == {"R. 1": ["Le pilote s'arrête."]}
    assert articles(resolve((out / "route.md.docx").read_bytes(), False)) == {
        "R. 1": ["Le conducteur s'arrête."]}


def test_track_changes_is_on_where_the_schema_puts_it(
        senate: tuple[Code, Code, Redline, bytes]) -> None:
    settings = Document(io.BytesIO(senate[3])).settings.element
    names = [child.tag.rsplit("}", 1)[1] for child in settings]
    at = names.index("trackRevisions")
    assert names.count("trackRevisions") == 1
    assert "proofState" not in names[at:] and "zoom" not in names[at:]
    assert "defaultTabStop" not in names[:at]
