"""Redlines, the tableau comparatif and the unified diff (issue 5).

The example is the Senate bill applied to the built CSI base of ``examples/``; the
browser test reads the redline back from headless Chromium's DOM and checks it against
the consolidated text.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import EXAMPLES, FIXTURES, two_codes

from legidiff.apply.consolidate import Consolidation, Status, consolidate
from legidiff.bill.operations import Bill
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.document.model import Code
from legidiff.formats import markdown as md
from legidiff.formats import read_base
from legidiff.lang.numbering import strip_accents
from legidiff.lang.text import visible
from legidiff.render.diffing import _DMP, Op, Segment, align, word_diff
from legidiff.render.pages import Group, index_groups, render_redline, render_table
from legidiff.render.redline import (
    AlineaStatus,
    ArticleStatus,
    ArticleView,
    Redline,
    compare,
    unified_diff,
)
from legidiff.render.tableau import Table, tableau, text_label

BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
BILL = EXAMPLES / "pjl-prevention-terrorisme-renseignement-senat-art-9-11.txt"


def read_md(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


@pytest.fixture(scope="module")
def senate() -> tuple[Code, Consolidation, Redline]:
    base = read_base(BASE).code
    bill = parse_bill(BILL.read_text("utf-8"), path=str(BILL))
    result = consolidate(base, bill)
    return base, result, compare(base, result.code, result, bill)


# -- the word diff ------------------------------------------------------------------


def rejoin(segments: list[Segment]) -> tuple[str, str]:
    old = "".join(s.text for s in segments if s.op is not Op.INSERT)
    new = "".join(s.text for s in segments if s.op is not Op.DELETE)
    return old, new


def test_word_diff_rejoins_both_texts_on_real_articles() -> None:
    texts = [json.loads(p.read_text("utf-8")).get("text", "")
             for p in sorted((FIXTURES / "articles").glob("*.json"))]
    alineas = [a for t in texts for a in t.split("\n") if a]
    assert len(alineas) > 40
    for old, new in itertools.pairwise(alineas):
        segments = word_diff(old, new)
        assert rejoin(segments) == (old, new)
        # no two neighbours with the same operation
        assert all(a.op is not b.op for a, b in itertools.pairwise(segments))


def test_word_diff_works_on_words() -> None:
    segments = word_diff("Le maire et un adjoint signent un procès-verbal.",
                         "Le recteur et un suppléant signent le registre.")
    assert [(s.op.value, s.text) for s in segments] == [
        ("equal", "Le "), ("delete", "maire"), ("insert", "recteur"), ("equal", " et un "),
        ("delete", "adjoint"), ("insert", "suppléant"), ("equal", " signent "),
        ("delete", "un procès-verbal"), ("insert", "le registre"), ("equal", ".")]
    # never cut short by the clock: the same result on any machine
    assert _DMP.Diff_Timeout == 0


def test_references_are_never_cut_inside() -> None:
    """A changed reference (article number, item label with its adverb, amount with its
    unit, date) is deleted and inserted whole, on real alinéas of the CSI and the code du
    travail."""
    from legidiff.render.diffing import word_tokens

    cases = [
        ("Les modalités d'application des articles L. 852-2 et L. 853-2 sont fixées",
         "Les modalités d'application des articles L. 852-3 et L. 853-2 sont fixées",
         ["L. 852-2"], ["L. 852-3"]),
        ("2° A La mise en œuvre de la technique mentionnée au I bis de l'article L. 851-3 ;",
         "2° B La mise en œuvre de la technique mentionnée au I ter de l'article L. 851-3 ;",
         ["2° A", "I bis"], ["2° B", "I ter"]),
        ("est puni d'une amende de 1 500 € au plus, majorée de 90 % en cas de récidive",
         "est puni d'une amende de 3 750 € au plus, majorée de 80 % en cas de récidive",
         ["1 500 €", "90 %"], ["3 750 €", "80 %"]),
        ("Les dispositions du présent article sont applicables jusqu'au 1er janvier 2011.",
         "Les dispositions du présent article sont applicables jusqu'au 31 décembre 2020.",
         ["1er janvier 2011"], ["31 décembre 2020"]),
        ("Les articles L. 3121-10 et R.* 3121-4 du code du travail",
         "Les articles L. 3121-11 et R.* 3121-5 du code du travail",
         ["L. 3121-10", "R.* 3121-4"], ["L. 3121-11", "R.* 3121-5"]),
    ]
    for old, new, deleted, inserted in cases:
        segments = word_diff(old, new)
        assert rejoin(segments) == (old, new)
        assert [s.text for s in segments if s.op is Op.DELETE] == deleted
        assert [s.text for s in segments if s.op is Op.INSERT] == inserted
    assert word_tokens("au 3° bis de l'article L. 855-1 B") == [
        "au", " ", "3° bis", " ", "de", " ", "l", "'", "article", " ", "L. 855-1 B"]
    # a reference ends where a word ends; a plain number stays a word
    assert word_tokens("A 18 ans, la loi n° 2021-998") == [
        "A", " ", "18", " ", "ans", ",", " ", "la", " ", "loi", " ", "n", "°", " ", "2021-998"]


def test_alineas_are_aligned() -> None:
    pairs = align(["a b c", "d e f", "g h i"], ["a b c", "d e x f", "nouveau", "g h i"])
    assert [(p.old, p.new) for p in pairs] == [(0, 0), (1, 1), (None, 2), (2, 3)]
    # unrelated texts are a deletion and an insertion, unless at the same place
    assert [(p.old, p.new) for p in align(["un", "deux"], ["trois"])] == [
        (0, None), (1, None), (None, 0)]
    assert [(p.old, p.new) for p in align(["I. – Ancien.", "II. – Reste."],
                                          ["I. – Tout autre chose.", "II. – Reste."],
                                          same_place=lambda a, b: a[:2] == b[:2])] == [
        (0, 0), (1, 1)]


# -- the view -----------------------------------------------------------------------


def test_the_senate_bill_as_a_redline(senate: tuple[Code, Consolidation, Redline]) -> None:
    _, _, view = senate
    assert [(a.id, a.status) for a in view.articles] == [
        ("art_L822-2", ArticleStatus.MODIFIED), ("art_L852-3", ArticleStatus.CREATED),
        ("art_L853-2", ArticleStatus.MODIFIED), ("art_L853-3", ArticleStatus.MODIFIED),
        ("art_L871-3", ArticleStatus.MODIFIED), ("art_L871-6", ArticleStatus.MODIFIED),
        ("art_L871-7", ArticleStatus.MODIFIED)]
    assert view.article_counts == {"créé": 1, "modifié": 6, "abrogé": 0, "renuméroté": 0}
    assert view.instruction_counts == {"applied": 10, "standalone": 2}
    l822 = view.articles[0]
    assert l822.where == "Partie législative > LIVRE VIII > TITRE II > Chapitre II"
    changed = [a for a in l822.alineas if a.status is AlineaStatus.CHANGED]
    assert [a.id for a in changed] == ["art_L822-2/al_2"]
    assert changed[0].old_id == "old:art_L822-2/al_2"
    assert [(s.op.value, s.text) for s in changed[0].segments][1:] == [
        ("insert", ", L. 852-2"), ("equal", " et "), ("delete", "L. 852-2"),
        ("insert", "L. 852-3"), ("equal", " ;")]  # a reference is never cut inside
    # the instruction that made it, with its bill reference, line and text
    (made_by,) = l822.instructions
    assert changed[0].instructions == (made_by.id,) == ("instr-18-4",)
    assert made_by.ref == "article 11, I, 1°" and made_by.text.startswith("Au 1° du I")
    # a created article: every alinéa inserted, with the quoted text of its instruction
    created = view.articles[1]
    assert {a.status for a in created.alineas} == {AlineaStatus.INSERTED}
    assert created.instructions[0].quoted[0].startswith("Art. L. 852-3. – I. –")
    # the rewritten I of L. 853-2 is shown in place, word by word
    i_of_l853_2 = view.articles[2].alineas[0]
    assert i_of_l853_2.status is AlineaStatus.CHANGED
    assert i_of_l853_2.old_text.startswith("I.-Texte construit")
    assert i_of_l853_2.new_text.startswith("I. – Dans les conditions")


def test_new_and_old_texts_of_the_view_are_the_codes(
        senate: tuple[Code, Consolidation, Redline]) -> None:
    base, result, view = senate
    for article in view.articles:
        new = result.code.find_articles(article.number)
        assert [a.new_text for a in article.new_alineas] == [
            visible(x.text, x.markup) for x in new[0].article.alineas]
        old = base.find_articles(article.number)
        assert [a.old_text for a in article.old_alineas] == (
            [visible(x.text, x.markup) for x in old[0].article.alineas] if old else [])


def test_repealed_and_renumbered_articles() -> None:
    old = read_md("# Code électoral\n\n## Article L1\n\nUn.\n\n## Article L2\n\nDeux.\n\n"
                  "## Article L3\n\nTrois.\n\n## Article L4\n\nQuatre.\n")
    bill = parse_bill("Article 1er\nL'article L. 2 du code électoral est abrogé.\n"
                      "L'article L. 4 du code électoral devient l'article L. 5.\n")
    result = consolidate(old, bill)
    view = compare(old, result.code, result, bill)
    assert [(a.id, a.status, a.old_number) for a in view.articles] == [
        ("old:art_L2", ArticleStatus.REPEALED, None),  # where it stood, after L. 1
        ("art_L5", ArticleStatus.RENUMBERED, "L. 4")]
    repealed = view.articles[0]
    assert [(a.id, a.status) for a in repealed.alineas] == [
        ("old:art_L2/al_1", AlineaStatus.DELETED)]
    assert [i.ref for i in repealed.instructions] == ["article 1er"]


def test_each_change_is_credited_to_its_own_instruction() -> None:
    """Two sentences under one reference ("article 1er") changing two articles: each
    article and alinéa names the sentence that changed it, not both."""
    old = read_md("# Code électoral\n\n## Article L1\n\nLe maire signe.\n\n"
                  "## Article L2\n\nLe préfet signe.\n")
    bill = parse_bill("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « maire » est "
                      "remplacé par le mot : « recteur ».\nÀ l'article L. 2 du code électoral, "
                      "le mot : « préfet » est remplacé par le mot : « ministre ».\n")
    result = consolidate(old, bill)
    assert result.changes == {"L1": ((2, 1),), "L2": ((3, 1),)}
    view = compare(old, result.code, result, bill)
    assert [[i.id for i in a.instructions] for a in view.articles] == [
        ["instr-2-1"], ["instr-3-1"]]
    assert [a.alineas[0].instructions for a in view.articles] == [("instr-2-1",),
                                                                  ("instr-3-1",)]


def test_failures_are_listed_with_their_diagnostics() -> None:
    old = read_md("# Code électoral\n\n## Article L1\n\nLe maire signe.\n")
    bill = parse_bill("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « préfet » "
                      "est remplacé par le mot : « recteur ».\n")
    result = consolidate(old, bill)
    view = compare(old, result.code, result, bill)
    (failure,) = view.failures
    assert failure.diagnostics[0][0] == "LD302"
    page = render_redline(view)
    assert "Instructions non appliquées (1)" in page and "[LD302]" in page


# -- the pages ----------------------------------------------------------------------


def test_redline_table_and_diff_goldens(senate: tuple[Code, Consolidation, Redline],
                                        golden: Callable[[str, str], None]) -> None:
    base, result, view = senate
    golden("redline/senat-art-9-11.html", render_redline(view))
    golden("redline/senat-art-9-11.table.html", render_table(view))
    golden("redline/senat-art-9-11.diff", unified_diff(base, result.code, BASE.name))


def test_unified_diff_is_difflib_s_computed_by_block() -> None:
    """The diff is computed block by block (a block per heading), yet is the text of
    difflib's diff over the whole files; a change in one article stays in its hunk."""
    import difflib

    from legidiff.render.redline import _unified

    blocks = [f"### Article L{n}\n\nAlinéa un de L{n}.\n\nAlinéa deux.\n" for n in range(40)]

    def lines(bs: list[str]) -> list[str]:
        return "".join(["# Code\n\n", *bs]).splitlines(keepends=True)

    cases = [
        (blocks, blocks),  # nothing changed: no diff at all
        (blocks, [*blocks[:3], blocks[3].replace("un de", "1 de"), *blocks[4:]]),
        (blocks, [*blocks[:10], *blocks[11:30], "## Titre II\n\n", *blocks[30:],
                  "### Article L99\n\nNouveau.\n"]),
        (blocks, [blocks[0].replace("deux", "trois"), *blocks[1:-1],
                  blocks[-1] + "\nAlinéa trois.\n"]),
        (blocks[:1], []),
        ([], blocks[:2]),
    ]
    for old, new in cases:
        a, b = lines(old) if old else [], lines(new) if new else []
        assert "".join(_unified(a, b, "a/x", "b/x")) == "".join(
            difflib.unified_diff(a, b, "a/x", "b/x"))


def test_ids_are_unique_and_stable(senate: tuple[Code, Consolidation, Redline]) -> None:
    for page in (render_redline(senate[2]), render_table(senate[2])):
        ids = IdCollector.of(page)
        assert len(ids) == len(set(ids))
        assert "art_L822-2/al_2" in ids and "art_L852-3" in ids
    table_ids = IdCollector.of(render_table(senate[2]))
    assert "old:art_L822-2/al_2" in table_ids  # the old version's alinéa, prefixed


def test_hostile_content_is_escaped() -> None:
    old = read_md("# Code électoral\n\n## Article L1\n\nLe maire & l'adjoint \"signent\".\n")
    bill = parse_bill("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « maire » est "
                      "remplacé par les mots : « <script>alert('x')</script> \" & <b>gras</b> ».\n")
    result = consolidate(old, bill)
    assert result.complete
    view = compare(old, result.code, result, bill)
    for page, scripts in ((render_redline(view), 1), (render_table(view), 0)):
        # the one script is the page's own (the index's filter), never the content's
        assert page.count("<script") == scripts and "<b>" not in page
        assert "<script>alert" not in page and "alert(&#39;x&#39;)" in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
        assert "Le " in page and " &amp; l&#39;adjoint &#34;signent&#34;" in page
    # the running header of the printed page names the bill inside <style>: escaped too
    hostile = Redline('Loi </style><script>x</script> "; } body { color: red', "base", "new",
                      view.articles)
    for page in (render_redline(hostile), render_table(hostile)):
        assert page.count("</style>") == 1 and "<script>x" not in page
        assert page.count("<script") == page.count("</script>") <= 1
        header = next(line for line in page.splitlines() if "@top-center" in line)
        assert header.startswith('  @top-center { content: "Loi \\3c \\2f style\\3e ')
        assert header.count('"') == 2 and "color: red" not in header


# -- the tableau comparatif ------------------------------------------------------------

MIXED_BASE = ("# Code électoral\n\n## Article L1\n\nUn.\n\n## Article L2\n\nLe préfet signe.\n\n"
              "Il date.\n\n## Article L3\n\nTrois.\n")
MIXED_BILL = """Proposition de loi visant à éprouver le tableau
Article 1er
I. – L'article L. 1 du code électoral est abrogé.
II. – Après l'article L. 3 du code électoral, il est inséré un article L. 3-1 ainsi rédigé :
« Art. L. 3-1. – Le maire signe.
« Il date. »
III. – À l'article L. 2 du code électoral, le mot : « maire » est remplacé par le mot : « recteur ».
Article 2 (nouveau)
L'article L. 5 du code de la route est abrogé.
Article 3
I. – Au second alinéa de l'article L. 2 du code électoral, le mot : « date » est remplacé par \
le mot : « signe ».
II. – La présente loi entre en vigueur le 1er janvier 2030.
Article 4
(Supprimé)
""".replace("\\\n", "")


@pytest.fixture(scope="module")
def mixed() -> tuple[Bill, Redline]:
    old = read_md(MIXED_BASE)
    bill = parse_bill(MIXED_BILL)
    result = consolidate(old, bill)
    return bill, compare(old, result.code, result, bill)


def bill_lines(table: Table) -> list[list[tuple[int, str]]]:
    return [[(line.number, line.text) for row in a.rows for line in row.lines]
            for a in table.articles]


def test_the_tableau_follows_the_articles_of_the_bill(
        senate: tuple[Code, Consolidation, Redline]) -> None:
    """One block per article of the bill, in its order; every alinéa of the bill once, in
    order, numbered as amendments count them, beside the code articles it changed."""
    table = tableau(senate[2])
    source = senate[2].source
    assert source is not None and table.has_bill and table.others == ()
    assert table.text_label == "Texte du projet de loi"
    assert [(a.id, a.heading, a.markers) for a in table.articles] == [
        ("article-9", "Article 9", ("Non modifié",)), ("article-10", "Article 10", ()),
        ("article-11", "Article 11", ())]
    assert bill_lines(table) == [[(x.number, x.text) for x in a.alineas]
                                 for a in source.articles]
    assert [[[c.article.id for c in row.articles] for row in a.rows]
            for a in table.articles] == [
        [["art_L853-2"], ["art_L853-3"]],
        [["art_L871-3"], ["art_L871-6"], ["art_L871-7"]],
        [["art_L822-2"], ["art_L852-3"], []]]
    # the chapeau goes with the row it introduces; the quoted article, its « V. –
    # (Supprimé) » line included, with the instruction that quotes it
    l852_3 = table.articles[2].rows[1]
    assert [x.number for x in l852_3.lines] == [3, 4, 5, 6, 7, 8, 9]
    assert [x.quoted for x in l852_3.lines] == [False] + [True] * 6
    # the II of article 11: two standalone provisions, with their text
    provisions = table.articles[2].rows[2]
    assert provisions.status is Status.STANDALONE
    assert [x.text for x in provisions.lines][-1].startswith("Le Gouvernement adresse")
    assert table.articles[2].counts == {"applied": 2, "standalone": 2}


def test_the_tableau_shows_what_failed_and_what_is_elsewhere(
        mixed: tuple[Bill, Redline], golden: Callable[[str, str], None]) -> None:
    bill, view = mixed
    golden("redline/proposition-mixte.table.html", render_table(view))
    table = tableau(view)
    assert table.text_label == "Texte de la proposition de loi"
    assert bill.text is not None
    assert bill_lines(table) == [[(x.number, x.text) for x in a.alineas]
                                 for a in bill.text.articles]
    rows = {row.id: row for a in table.articles for row in a.rows}
    assert [(i, r.status.value if r.status else None,
             [(c.article.id, c.article.status.value) for c in r.articles])
            for i, r in rows.items()] == [
        ("article-1er-r-1", "applied", [("old:art_L1", "abrogé")]),
        ("article-1er-r-2", "applied", [("art_L3-1", "créé")]),
        ("article-1er-r-5", "failed", []),
        ("article-2-r-1", "out_of_scope", []),
        ("article-3-r-1", "applied", [("art_L2", "modifié")]),
        ("article-3-r-2", "standalone", [])]
    (failed,) = rows["article-1er-r-5"].lines
    assert [d[0] for d in failed.diagnostics] == ["LD302"]
    assert [(a.heading, a.markers, a.rows) for a in table.articles[3:]] == [
        ("Article 4", ("Supprimé",), ())]
    page = render_table(view)
    ids = IdCollector.of(page)
    assert len(ids) == len(set(ids))
    assert "<th scope=\"col\">Texte de la proposition de loi</th>" in page
    for row_id, wanted in [
            ("article-1er-r-1", ["Art. L. 1", "(Supprimé)", "<del"]),
            ("article-1er-r-2", ["Art. L. 3-1 <span class=\"mention\">(nouveau)</span>",
                                "<ins"]),
            ("article-1er-r-5", ["[LD302]", "Instruction non appliquée"]),
            ("article-2-r-1", ["Hors du texte de base"]),
            ("article-3-r-2", ["entre en vigueur le 1er janvier 2030",
                               "Disposition autonome"])]:
        row = re.search(rf'<tr class="rang [a-z_]+" id="{row_id}">(.*?)</tr>', page, re.S)
        assert row is not None, row_id
        assert all(w in row.group(1) for w in wanted), (row_id, row.group(1))
    assert re.search(r'<li><a href="#article-4">Article 4</a> \(Supprimé\)</li>', page)
    assert '<a href="#article-2">Article 2</a> (nouveau) — 1 instruction hors du texte' in page
    # the redline lists the standalone provision and the instruction for another text
    redline = render_redline(view)
    for title, text in [("Dispositions autonomes (1)", "entre en vigueur le 1er janvier 2030"),
                        ("Instructions hors du texte de base (1)",
                         "L'article L. 5 du code de la route est abrogé.")]:
        section = redline[redline.index(title):]
        assert text.replace("'", "&#39;") in section[:section.index("</section>")]


def test_the_column_of_the_bill_is_named_after_its_kind() -> None:
    cases = {"Projet de loi relatif à la prévention": "Texte du projet de loi",
             "PROJET DE LOI ORGANIQUE relatif": "Texte du projet de loi organique",
             "Proposition de loi visant à": "Texte de la proposition de loi",
             "Loi n° 2021-998 du 30 juillet 2021": "Texte de la loi",
             "Ordonnance n° 2019-738 du 17 juillet 2019": "Texte de l'ordonnance",
             "Décret n° 2015-1211 du 1er octobre 2015": "Texte du décret",
             "N° 2559 - Projet de loi, adopté, par le Sénat": "Texte du projet de loi",
             "Texte adopté n° 510 - Proposition de loi, modifiée":
                 "Texte de la proposition de loi",
             "Lois et règlements": "Texte modificatif", "Réforme des retraites":
                 "Texte modificatif", "": "Texte modificatif"}
    assert {title: text_label(title) for title in cases} == cases


def test_a_code_article_changed_by_two_articles_of_the_bill_is_shown_once() -> None:
    old = read_md("# Code électoral\n\n## Article L1\n\nLe maire signe.\n")
    bill = parse_bill("Loi\nArticle 1er\nÀ l'article L. 1 du code électoral, le mot : « maire » "
                      "est remplacé par le mot : « préfet ».\nArticle 2\nÀ l'article L. 1 du "
                      "code électoral, le mot : « signe » est remplacé par le mot : « date ».\n")
    result = consolidate(old, bill)
    table = tableau(compare(old, result.code, result, bill))
    cells = [c for a in table.articles for row in a.rows for c in row.articles]
    assert [(c.article.id, c.first, c.shown_in) for c in cells] == [
        ("art_L1", True, "article-1er-r-1"), ("art_L1", False, "article-1er-r-1")]
    page = render_table(compare(old, result.code, result, bill))
    assert page.count('id="art_L1"') == 1
    assert 'Art. L. 1 : voir <a href="#article-1er-r-1">article 1er</a>' in page


def test_without_a_bill_the_tableau_follows_the_code() -> None:
    old = read_md("# Code électoral\n\n## Article L1\n\nLe maire signe.\n")
    new = read_md("# Code électoral\n\n## Article L1\n\nLe recteur signe.\n")
    page = render_table(compare(old, new, old_label="avant.md", new_label="après.md"))
    assert "<th scope=\"col\">avant.md</th><th scope=\"col\">après.md</th>" in page
    assert "<del>maire</del>" in page and "<ins>recteur</ins>" in page


# -- the redline's index ----------------------------------------------------------------


def test_the_index_groups_the_articles_by_division(
        senate: tuple[Code, Consolidation, Redline]) -> None:
    def shape(groups: list[Group]) -> list[object]:
        return [(g.heading, g.count, g.open, [a.id for a in g.articles], shape(g.children))
                for g in groups]

    assert shape(index_groups(senate[2].articles)) == [
        ("Partie législative", 7, True, [], [
            ("LIVRE VIII", 7, True, [], [
                ("TITRE II", 1, True, [], [("Chapitre II", 1, True, ["art_L822-2"], [])]),
                ("TITRE V", 3, True, [], [
                    ("Chapitre II", 1, True, ["art_L852-3"], []),
                    ("Chapitre III", 2, True, ["art_L853-2", "art_L853-3"], [])]),
                ("TITRE VII", 3, True, [], [
                    ("Chapitre Ier", 3, True, ["art_L871-3", "art_L871-6", "art_L871-7"],
                     [])])])])]
    # many changes: the big groups closed at first (the outermost open), the small open
    many = [ArticleView(f"art_L{n}", f"L. {n}", ArticleStatus.MODIFIED, "", (),
                        divisions=("Partie législative", "Livre Ier",
                                   "Titre Ier" if n < 50 else "Titre II"))
            for n in range(53)]
    (partie,) = index_groups(many)
    assert (partie.heading, partie.count, partie.open) == ("Partie législative", 53, True)
    (livre,) = partie.children
    assert (livre.count, livre.open) == (53, False)
    assert [(g.heading, g.count, g.open) for g in livre.children] == [
        ("Titre Ier", 50, False), ("Titre II", 3, True)]
    page = render_redline(senate[2])
    assert page.count("<details class=\"groupe\" open>") == 9
    assert "<summary>TITRE V <span class=\"compte\">(3 articles)</span></summary>" in page


def test_the_redline_shows_standalone_provisions_with_their_text(
        senate: tuple[Code, Consolidation, Redline]) -> None:
    page = render_redline(senate[2])
    section = page[page.index('id="dispositions-autonomes"'):]
    assert "Dispositions autonomes (2)" in section
    assert "Le I est applicable jusqu’au 31 juillet 2025." in section
    assert "Le Gouvernement adresse au Parlement un rapport" in section
    assert page.count('<a href="#haut">↑ Haut de page</a>') == len(senate[2].articles)


# -- the command line ---------------------------------------------------------------


def test_apply_writes_the_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, table, diff = tmp_path / "r.html", tmp_path / "t.html", tmp_path / "c.diff"
    assert main(["apply", str(BASE), str(BILL), "--html", str(html), "--table", str(table),
                 "--diff", str(diff)]) == 0
    capsys.readouterr()
    assert "art_L852-3" in html.read_text("utf-8")
    page = table.read_text("utf-8")
    assert "Tableau comparatif" in page
    # by article of the bill, the middle column named after it, the standalone II there
    assert '<th scope="col">Texte du projet de loi</th>' in page
    assert re.findall(r'<tbody class="article-du-texte" id="([^"]+)"', page) == [
        "article-9", "article-10", "article-11"]
    assert "Le I est applicable jusqu’au 31 juillet 2025." in page
    assert diff.read_text("utf-8").startswith(f"--- a/{BASE.name}\n+++ b/{BASE.name}\n")


def test_apply_with_failures_writes_the_pages_but_not_the_diff(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, bill = tmp_path / "base.md", tmp_path / "loi.txt"
    base.write_text("# Code électoral\n\n## Article L1\n\nLe maire signe.\n", "utf-8")
    bill.write_text("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « préfet » est "
                    "remplacé par le mot : « recteur ».\n", "utf-8")
    html, diff = tmp_path / "r.html", tmp_path / "c.diff"
    assert main(["apply", str(base), str(bill), "--html", str(html), "--diff",
                 str(diff)]) == 1
    capsys.readouterr()
    assert "[LD302]" in html.read_text("utf-8")
    assert not diff.exists()
    assert main(["apply", str(base), str(bill), "--diff", str(diff), "--partial"]) == 1
    assert "+[legidiff : instruction non appliquée" in diff.read_text("utf-8")


def test_several_bases_write_one_page_each(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    electoral, route, bill = two_codes(tmp_path)
    pages = tmp_path / "pages"
    assert main(["apply", str(electoral), str(route), str(bill), "--html", str(pages)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in pages.iterdir()) == ["electoral.md.html", "route.md.html"]
    assert 'aria-describedby="instr-4-1">pilote</ins>' in (pages / "route.md.html").read_text(
        "utf-8")


def test_redline_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Code électoral\n\n## Article L1\n\nLe maire signe.\n", "utf-8")
    new.write_text("# Code électoral\n\n## Article L1\n\nLe recteur signe.\n", "utf-8")
    assert main(["redline", str(old), str(new)]) == 0  # no output named: the diff
    assert capsys.readouterr().out == (
        "--- a/new.md\n+++ b/new.md\n@@ -2,4 +2,4 @@\n \n ## Article L1\n \n"
        "-Le maire signe.\n+Le recteur signe.\n")
    page = tmp_path / "r.html"
    assert main(["redline", str(old), str(new), "--html", str(page)]) == 0
    assert "1 modifié" in capsys.readouterr().err
    assert "<del>maire</del><ins>recteur</ins>" in page.read_text("utf-8")
    # two formats: the same comparison
    as_json = tmp_path / "new.json"
    assert main(["convert", str(new), str(as_json)]) == 0
    again = tmp_path / "again.html"
    assert main(["redline", str(old), str(as_json), "--html", str(again)]) == 0
    assert "<del>maire</del><ins>recteur</ins>" in again.read_text("utf-8")
    # an input is never overwritten
    assert main(["redline", str(old), str(new), "--html", str(old)]) == 2
    assert old.read_text("utf-8").startswith("# Code électoral")


# -- in a browser -------------------------------------------------------------------


class IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.extend(v for k, v in attrs if k == "id" and v is not None)

    @classmethod
    def of(cls, page: str) -> list[str]:
        parser = cls()
        parser.feed(page)
        return parser.ids


class AlineaReader(HTMLParser):
    """The alinéas of a redline as the browser holds them: id, status, segments."""

    def __init__(self) -> None:
        super().__init__()
        self.alineas: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.inside = False
        self.op = "equal"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "p" and "al" in (values.get("class") or "").split():
            self.inside = True
            status = (values.get("class") or "").split()[1]
            self.alineas.append((values.get("id") or "", status, []))
        elif self.inside and tag in ("del", "ins"):
            self.op = "delete" if tag == "del" else "insert"

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.inside = False
        elif tag in ("del", "ins"):
            self.op = "equal"

    def handle_data(self, data: str) -> None:
        if self.inside:
            segments = self.alineas[-1][2]
            if segments and segments[-1][0] == self.op:
                segments[-1] = (self.op, segments[-1][1] + data)
            else:
                segments.append((self.op, data))


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(chromium() is None, reason="headless Chromium is absent (Debian's "
                    "'chromium' package, installed by .ci/run): the DOM test does not run")
def test_the_browser_reads_the_consolidated_text_from_the_redline(
        senate: tuple[Code, Consolidation, Redline], tmp_path: Path) -> None:
    base, result, view = senate
    page = tmp_path / "redline.html"
    page.write_text(render_redline(view), "utf-8")
    browser = chromium()
    assert browser is not None
    args = [browser, "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
            page.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(1, "--no-sandbox")
    dom = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True).stdout
    reader = AlineaReader()
    reader.feed(dom)
    # every alinéa of the view, with its segments, as the browser built the DOM
    assert [(i, s) for i, s, _ in reader.alineas] == [
        (a.id, a.status.value) for article in view.articles for a in article.alineas]
    for (_, _, segments), alinea in zip(reader.alineas,
                                        (a for art in view.articles for a in art.alineas),
                                        strict=True):
        assert segments == [(s.op.value, s.text) for s in alinea.segments]
    # the new version read from the page is the consolidated text, the old one the base
    by_id = {i: segs for i, _, segs in reader.alineas}
    for article in view.articles:
        new_from_page = ["".join(t for op, t in by_id[a.id] if op != "delete")
                         for a in article.new_alineas]
        (path,) = result.code.find_articles(article.number)
        assert new_from_page == [visible(x.text, x.markup) for x in path.article.alineas]
        old_from_page = ["".join(t for op, t in by_id[a.id] if op != "insert")
                         for a in article.old_alineas]
        old = base.find_articles(article.number)
        assert old_from_page == ([visible(x.text, x.markup) for x in old[0].article.alineas]
                                 if old else [])


# -- in a browser, driven as a user would (tests/headless.py) --------------------------

needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="headless Chromium is absent (Debian's 'chromium' package, "
    "installed by .ci/run): the browser tests do not run")

READ_TABLE = """(() => {
  const own = (p) => Array.from(p.childNodes)
    .filter((n) => !(n.classList && n.classList.contains("num")))
    .map((n) => n.textContent).join("");
  return Array.from(document.querySelectorAll("tbody.article-du-texte")).map((body) => ({
    id: body.id,
    rows: Array.from(body.querySelectorAll("tr.rang")).map((tr) =>
      Array.from(tr.children).map((td) => {
        const box = td.getBoundingClientRect();
        return {col: td.dataset.col, left: box.left, top: box.top, width: box.width,
                shown: getComputedStyle(td).display !== "none" && box.height > 0,
                label: getComputedStyle(td, "::before").content,
                bill: Array.from(td.querySelectorAll("p.bl")).map(
                  (p) => [Number(p.querySelector(".num").textContent), own(p)]),
                code: Array.from(td.querySelectorAll("div.code-art")).map(
                  (d) => [d.dataset.article, Array.from(d.querySelectorAll("p.cal")).map(own)])};
      }))}));
})()"""


def screenshots() -> Path | None:
    """Where the browser tests save what they saw ($LEGIDIFF_SCREENSHOTS), if anywhere."""
    folder = os.environ.get("LEGIDIFF_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


@needs_chromium
def test_the_browser_reads_the_tableau_in_three_columns_or_stacked(
        senate: tuple[Code, Consolidation, Redline], tmp_path: Path) -> None:
    """The tableau read back from the browser's DOM: every alinéa of the bill in the
    middle column, the base's articles on the left, the consolidated ones on the right;
    three columns side by side on a wide screen and on paper, one under the other on a
    phone."""
    from headless import Browser

    base, result, view = senate
    source = view.source
    assert source is not None
    page = tmp_path / "tableau.html"
    page.write_text(render_table(view), "utf-8")
    shots = screenshots()
    with Browser(tmp_path / "profile") as browser:
        browser.viewport(1280, 900)
        browser.open(page.as_uri())
        assert browser.evaluate("Array.from(document.querySelectorAll('thead th'), "
                                "(th) => th.textContent)") == [
            "Dispositions en vigueur", "Texte du projet de loi", "Texte consolidé"]
        wide = browser.evaluate(READ_TABLE)
        if shots:
            browser.screenshot(shots / "tableau-large.png")
        browser.viewport(390, 844)
        narrow = browser.evaluate(READ_TABLE)
        assert browser.evaluate("getComputedStyle(document.querySelector('thead')).display") \
            == "none"
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        if shots:
            browser.screenshot(shots / "tableau-etroit.png")
        # printed on A4 (about 680 px between the margins): three columns, not stacked
        browser.media("print")
        browser.viewport(680, 1000)
        printed = browser.evaluate(READ_TABLE)
    assert [a["id"] for a in wide] == ["article-9", "article-10", "article-11"]
    # the middle column: the bill's alinéas, numbered, in order
    assert [[tuple(x) for row in a["rows"] for x in row[1]["bill"]] for a in wide] == [
        [(x.number, x.text) for x in a.alineas] for a in source.articles]
    # the side columns: the base's and the consolidated text of each article changed
    by_id = {a.id: a for a in view.articles}
    shown = [(cell["col"], ident, texts) for a in wide for row in a["rows"]
             for cell in (row[0], row[2]) for ident, texts in cell["code"]]
    assert {ident for _, ident, _ in shown} == set(by_id)
    for col, ident, texts in shown:
        number = by_id[ident].number
        code = base if col == "Dispositions en vigueur" else result.code
        (path,) = code.find_articles(number)
        assert texts == [visible(x.text, x.markup) for x in path.article.alineas], number
    for a in wide:
        for row in a["rows"]:
            assert [c["col"] for c in row] == [
                "Dispositions en vigueur", "Texte du projet de loi", "Texte consolidé"]
            left, middle, right = row
            assert left["left"] < middle["left"] < right["left"]
            assert left["top"] == middle["top"] == right["top"]
            assert min(c["width"] for c in row) > 250
    for a in printed:
        for row in a["rows"]:
            assert row[0]["left"] < row[1]["left"] < row[2]["left"]
            assert row[0]["top"] == row[1]["top"] == row[2]["top"]
    # a phone: the same cells, one under the other, each named by its column
    assert [[[c["bill"] for c in row] for row in a["rows"]] for a in narrow] == [
        [[c["bill"] for c in row] for row in a["rows"]] for a in wide]
    for a in narrow:
        for row in a["rows"]:
            cells = [c for c in row if c["shown"]]
            assert cells and len({c["left"] for c in cells}) == 1
            assert [c["top"] for c in cells] == sorted({c["top"] for c in cells})
            assert all(c["label"] == f'"{c["col"]}"' for c in cells)
            assert all(c["width"] > 300 for c in cells)


VISIBLE_ENTRIES = ("Array.from(document.querySelectorAll('.index li.entree'))"
                   ".filter((li) => li.offsetParent !== null).map((li) => li.dataset.article)")
VISIBLE_ARTICLES = ("Array.from(document.querySelectorAll('main article.art'))"
                    ".filter((a) => a.offsetParent !== null).map((a) => a.id)")
VISIBLE_GROUPS = ("Array.from(document.querySelectorAll('.index details.groupe'))"
                  ".filter((d) => d.offsetParent !== null)"
                  ".map((d) => d.querySelector('summary').firstChild.textContent.trim())")


@needs_chromium
def test_the_filter_box_of_the_redline(senate: tuple[Code, Consolidation, Redline],
                                       tmp_path: Path) -> None:
    """Typed into the filter box, key by key: the articles whose number or text holds
    every word (accents and case aside) stay, in the index and in the page; the others
    and the divisions left empty are hidden; emptied, the box shows everything again."""
    from headless import Browser

    view = senate[2]
    page = tmp_path / "redline.html"
    page.write_text(render_redline(view), "utf-8")
    every = [a.id for a in view.articles]

    def holding(*words: str) -> list[str]:
        def norm(text: str) -> str:
            return strip_accents(text).lower()
        return [a.id for a in view.articles if all(
            norm(w) in norm(" ".join([a.number, *(x.old_text + " " + x.new_text
                                                 for x in a.alineas)]))
            for w in words)]

    shots = screenshots()
    with Browser(tmp_path / "profile") as browser:
        browser.viewport(1100, 900)
        browser.open(page.as_uri())
        assert browser.evaluate(VISIBLE_ENTRIES) == every
        browser.focus("#filtre")
        browser.type("satellitaire")
        assert browser.evaluate(VISIBLE_ENTRIES) == ["art_L852-3"] == holding("satellitaire")
        assert browser.evaluate(VISIBLE_ARTICLES) == ["art_L852-3"]
        assert browser.evaluate(VISIBLE_GROUPS) == [
            "Partie législative", "LIVRE VIII", "TITRE V", "Chapitre II"]
        assert browser.evaluate("document.getElementById('filtre-compte').textContent") == \
            "1 article sur 7"
        browser.clear("#filtre")
        assert browser.evaluate(VISIBLE_ENTRIES) == every
        assert browser.evaluate(VISIBLE_ARTICLES) == every
        # two words, without their accents; an article number without its spaces or dot
        browser.focus("#filtre")
        browser.type("COMMUNICATIONS electroniques")
        wanted = holding("communications", "électroniques")
        assert browser.evaluate(VISIBLE_ENTRIES) == wanted
        assert 0 < len(wanted) < len(every)
        browser.clear("#filtre")
        browser.focus("#filtre")
        browser.type("L871")
        assert browser.evaluate(VISIBLE_ENTRIES) == ["art_L871-3", "art_L871-6", "art_L871-7"]
        if shots:
            browser.screenshot(shots / "redline-filtre.png")
        browser.clear("#filtre")
        browser.focus("#filtre")
        browser.type("aucun article ne dit cela")
        assert browser.evaluate(VISIBLE_ENTRIES) == browser.evaluate(VISIBLE_GROUPS) == []
        # back to the top from an article
        browser.clear("#filtre")
        assert browser.evaluate(
            "document.querySelector('#art_L871-7 p.haut a').getAttribute('href')") == "#haut"
        assert browser.evaluate("document.getElementById('haut').tagName") == "HEADER"
