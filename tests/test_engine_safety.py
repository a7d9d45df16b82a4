"""Never silent (issue 13, the engine's part): each case where the engine wrote a text that
was not the law, or said nothing when it should have, with its regression test."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support import corpus_path

from legidiff.apply.consolidate import MARKER_ARTICLE, Consolidation, Status, consolidate
from legidiff.apply.run import output_code
from legidiff.bill.parse import parse_bill
from legidiff.cli import main
from legidiff.diagnostics import CODES, Severity
from legidiff.document.model import Alinea, Article, Code
from legidiff.formats import Format, read_base, render
from legidiff.formats import markdown as md
from legidiff.lang.matching import join

CSI = "Code de la sécurité intérieure"


def run(base: Code, *sentences: str) -> Consolidation:
    return consolidate(base, parse_bill("Article 1er\n" + "\n".join(sentences) + "\n"))


def one_article(number: str, *alineas: str, title: str = CSI) -> Code:
    return Code(title, (Article(number, tuple(Alinea(a) for a in alineas)),))


def alineas(result: Consolidation, number: str) -> list[str]:
    (path,) = result.code.find_articles(number)
    return [a.text for a in path.article.alineas]


# ---------------------------------------------------------------------------
# Words replaced at the start of an item keep the space after its label


@pytest.mark.parametrize(("label", "unit"), [
    ("I. - ", "Au I"), ("I. – ", "Au I"), ("I.\u00a0–\u00a0", "Au I"), ("I.-", "Au I"),
    ("II. - ", "Au II"), ("1° ", "Au 1°"), ("a) ", "Au a"),
])
def test_words_replaced_at_the_start_of_an_item_keep_the_labels_spacing(label: str,
                                                                        unit: str) -> None:
    base = one_article("L222-1", f"{label}Pour les besoins de la prévention, les agents.")
    result = run(base, f"{unit} de l'article L. 222-1 du code de la sécurité intérieure, les "
                       "mots : « Pour les besoins » sont remplacés par les mots : « Aux fins ».")
    assert result.complete, result.diagnostics
    assert alineas(result, "L222-1") == [f"{label}Aux fins de la prévention, les agents."]


def test_words_inserted_or_deleted_at_the_start_of_an_item_keep_its_spacing() -> None:
    base = one_article("L1", "I. - Pour les besoins, les agents.", "II.-Le préfet décide.")
    result = run(base, "Au I de l'article L. 1 du code de la sécurité intérieure, les mots : "
                       "« Pour les besoins, » sont supprimés.",
                 "Au II de l'article L. 1 du code de la sécurité intérieure, les mots : "
                 "« Le préfet » sont supprimés.")
    assert result.complete, result.diagnostics
    assert alineas(result, "L1") == ["I. - les agents.", "II.-décide."]


@pytest.mark.parametrize(("label", "expected"), [
    ("I. - ", "I. - recteur Dans le délai."), ("I.-", "I.-recteur Dans le délai."),
    ("I. – ", "I. – recteur Dans le délai."),
    ("I.\u00a0–\u00a0", "I.\u00a0–\u00a0recteur Dans le délai.")])
def test_words_inserted_after_a_label_keep_its_spacing(label: str, expected: str) -> None:
    # found by tests/test_properties.py: "I. -recteur Dans"
    base = one_article("L1", f"{label}Dans le délai.")
    result = run(base, f"Au I de l'article L. 1 du code de la sécurité intérieure, après les "
                       f"mots : « {label.strip()} », est inséré le mot : « recteur ».")
    assert result.complete, result.diagnostics
    assert alineas(result, "L1") == [expected]


def test_the_real_csi_l222_1() -> None:
    path = corpus_path("codes", "code-de-la-securite-interieure", "partie-legislative")
    (found,) = path.rglob("article-l222-1.md")
    base = md.read(f"# {CSI}\n\n" + found.read_text("utf-8").replace("# Article", "## Article"),
                   Path("csi.md"), [])
    first = alineas(consolidate(base, parse_bill("")), "L222-1")[0]
    assert first.startswith("I. - Pour les besoins de la prévention")
    result = run(base, "Au premier alinéa du I de l'article L. 222-1 du code de la sécurité "
                       "intérieure, les mots : « Pour les besoins » sont remplacés par les "
                       "mots : « Aux fins ».")
    assert result.complete, result.diagnostics
    assert alineas(result, "L222-1")[0] == first.replace("Pour les besoins", "Aux fins", 1)


@pytest.mark.parametrize(("left", "new", "right", "expected"), [
    ("I. - ", "Aux fins", " de la", "I. - Aux fins de la"),
    ("II.-", "Aux fins", " de", "II.-Aux fins de"),  # the text's own: no space
    ("I.\u00a0–\u00a0", "Aux fins", " de", "I.\u00a0–\u00a0Aux fins de"),  # never two
    ("« ", "Aux fins", " »", "« Aux fins »"),
    ("II.-", "", " de", "II.-de"),
    ("", "zorglub", "'en 2025", "zorglub'en 2025"),  # before an apostrophe: no space
])
def test_join_keeps_the_texts_own_spacing(left: str, new: str, right: str,
                                          expected: str) -> None:
    assert join(left, new, right) == (expected, False)


def test_words_before_an_apostrophe_get_no_space() -> None:
    base = one_article("L1", "Le délai court jusqu'en 2025.")
    result = run(base, "À l'article L. 1 du code de la sécurité intérieure, le mot : « jusqu » "
                       "est remplacé par le mot : « lorsqu ».")
    assert result.complete, result.diagnostics
    assert alineas(result, "L1") == ["Le délai court lorsqu'en 2025."]


# ---------------------------------------------------------------------------
# A misspelt code name is an error, never "out of scope"


@pytest.mark.parametrize("name", ["code de la sécurité intérieur", "code de sécurité intérieure",
                                  "code de la sécurité"])
def test_an_unknown_code_name_is_an_error_with_the_nearest_real_name(name: str) -> None:
    base = one_article("L222-1", "I. - Pour les besoins de la prévention.")
    result = run(base, f"Au I de l'article L. 222-1 du {name}, les mots : « Pour les besoins » "
                       "sont remplacés par les mots : « Aux fins ».")
    (failure,) = result.results
    assert failure.status is Status.FAILED and not result.complete
    (diagnostic,) = failure.diagnostics
    assert diagnostic.code == "LD315" and diagnostic.severity is Severity.ERROR
    assert f"« {name} »" in diagnostic.message
    assert "code le plus proche : « code de la sécurité" in diagnostic.message
    assert alineas(result, "L222-1") == ["I. - Pour les besoins de la prévention."]
    assert "LD315" in CODES


def test_an_unknown_code_in_a_chapeau_fails_each_item() -> None:
    base = one_article("L1", "Le maire signe.", "Le préfet décide.")
    result = run(base, "Le code de la sécurité intérieur est ainsi modifié :",
                 "1° À l'article L. 1, le mot : « maire » est remplacé par le mot : « recteur » ;",
                 "2° À l'article L. 1, le mot : « préfet » est remplacé par.")
    assert [r.status for r in result.results] == [Status.FAILED, Status.UNRECOGNIZED]
    assert result.results[0].diagnostics[0].code == "LD315"
    assert result.results[1].diagnostics[0].code == "LD309"


@pytest.mark.parametrize(("text", "named"), [
    ("du code de la route", "code-de-la-route"),
    ("du code rural", "code-rural-et-de-la-peche-maritime"),
    ("de la loi n° 78-17 du 6 janvier 1978", "loi-78-17"),
])
def test_a_known_code_or_a_law_stays_out_of_scope(text: str, named: str) -> None:
    base = one_article("L1", "Le maire signe.")
    result = run(base, f"À l'article 1er {text}, le mot : « maire » est remplacé par le mot : "
                       "« recteur ».")
    (other,) = result.results
    assert other.status is Status.OUT_OF_SCOPE and result.complete
    assert other.diagnostics[0].code == "LD308" and named in other.diagnostics[0].message


def test_an_unread_sentence_naming_an_unknown_code_and_a_law_is_in_scope() -> None:
    base = one_article("L1", "Le maire signe.")
    result = run(base, "À l'article L. 1 du code de la sécurité intérieur et à l'article 3 de "
                       "la loi n° 78-17 du 6 janvier 1978, le mot : « maire » est remplacé par.")
    (unread,) = result.results
    assert unread.status is Status.UNRECOGNIZED and not result.complete


# ---------------------------------------------------------------------------
# An instruction that changes nothing is applied, with a warning


@pytest.mark.parametrize(("old", "new"), [("Conseil d'État", "Conseil d'Etat"),
                                          ("Conseil d'État", "Conseil d’État"),
                                          ("Conseil d'État", "Conseil d'État")])
def test_an_instruction_that_changes_nothing_is_warned(old: str, new: str) -> None:
    base = one_article("L1", "1° Le Conseil d'État statue ;")
    result = run(base, f"Au 1° de l'article L. 1 du code de la sécurité intérieure, les mots : "
                       f"« {old} » sont remplacés par les mots : « {new} ».")
    (applied,) = result.results
    assert applied.status is Status.APPLIED and result.complete
    (warning,) = applied.diagnostics
    assert warning.code == "LD316" and warning.severity is Severity.WARNING
    assert "LD316" in CODES


def test_a_replacement_everywhere_by_the_same_words_is_warned() -> None:
    base = one_article("L1", "Le Conseil d'État statue.")
    result = run(base, "Dans l'ensemble du code de la sécurité intérieure, les mots : "
                       "« Conseil d'État » sont remplacés par les mots : « Conseil d'Etat ».")
    (applied,) = result.results
    assert applied.status is Status.APPLIED
    assert [d.code for d in applied.diagnostics] == ["LD316"]


def test_a_real_change_is_not_warned() -> None:
    base = one_article("L1", "Le Conseil d'État statue.")
    result = run(base, "À l'article L. 1 du code de la sécurité intérieure, les mots : "
                       "« Conseil d'État » sont remplacés par les mots : « conseil d'État ».")
    assert [d.code for d in result.results[0].diagnostics] == []


# ---------------------------------------------------------------------------
# --partial marks every failure; the text says at its top that it is partial


PARTIAL_BILL = ("Article 1er\nLe code électoral est ainsi modifié :\n"
                "1° À l'article L. 9, le mot : « préfet » est remplacé par le mot : « recteur » ;\n"
                "2° À l'article L. 1, le mot : « préfet » est remplacé par.\n"
                "3° À l'article L. 1, le mot : « maire » est remplacé par le mot : « recteur » ;\n"
                "4° À l'article L. 2, le mot : « adjoint » est supprimé.\n")
PARTIAL_BASE = ("# Code électoral\n\n## Livre Ier\n\n### Article L1\n\nLe maire signe.\n\n"
                "### Article L2\n\nLe préfet décide.\n")


def test_partial_marks_a_missing_article_and_an_unread_instruction_at_the_top() -> None:
    base = md.read(PARTIAL_BASE, Path("base.md"), [])
    result = consolidate(base, parse_bill(PARTIAL_BILL))
    assert [r.status for r in result.results] == [Status.FAILED, Status.UNRECOGNIZED,
                                                  Status.APPLIED, Status.FAILED]
    code = output_code(result)
    top = code.children[0]
    assert isinstance(top, Article) and top.num == MARKER_ARTICLE
    notes = [a.text for a in top.alineas]
    assert notes[0].startswith("[legidiff : TEXTE PARTIEL")
    assert "3 instructions non appliquées" in notes[0]
    assert "ligne 3" in notes[1] and "L. 9" in notes[1]  # the missing article
    assert "non comprise (ligne 4)" in notes[2]
    assert "« À l'article L. 1, le mot : « préfet »" in notes[2]  # the sentence, named
    assert "ligne 6" in notes[3]
    # the failure on an existing article is also marked where it is
    (l2,) = code.find_articles("L2")
    assert l2.article.alineas[-1].text.startswith("[legidiff : instruction non appliquée "
                                                  "(ligne 6)")
    (l1,) = code.find_articles("L1")
    assert [a.text for a in l1.article.alineas] == ["Le recteur signe."]
    for fmt in (Format.MARKDOWN, Format.BLOCKS, Format.JSON):
        text = render(code, fmt)
        assert text.index("[legidiff : TEXTE PARTIEL") < text.index("Livre Ier")


@pytest.mark.parametrize("suffix", [".md", ".json", ".txt"])
def test_partial_cli_output_starts_with_the_warning(tmp_path: Path, suffix: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    base, bill = tmp_path / "base.md", tmp_path / "loi.txt"
    base.write_text(PARTIAL_BASE, "utf-8")
    bill.write_text(PARTIAL_BILL, "utf-8")
    out = tmp_path / f"out{suffix}"
    assert main(["apply", str(base), str(bill), "-o", str(out), "--partial"]) == 1
    capsys.readouterr()
    again = read_base(out)
    first = next(again.code.articles()).article
    assert first.num == MARKER_ARTICLE and "TEXTE PARTIEL" in first.alineas[0].text
    written = out.read_text("utf-8")
    assert written.index("TEXTE PARTIEL") < written.index("recteur")
    if suffix == ".json":
        assert json.loads(written)["children"][0]["num"] == MARKER_ARTICLE


def test_a_complete_consolidation_has_no_marker() -> None:
    base = md.read(PARTIAL_BASE, Path("base.md"), [])
    result = run(base, "À l'article L. 1 du code électoral, le mot : « maire » est remplacé par "
                       "le mot : « recteur ».")
    assert result.complete and output_code(result) is result.code


def test_inserted_markup_makes_the_alinea_markup() -> None:
    # bill text holding a tag: the alinéa is HTML from then on, so every format writes it
    # back as it is (and words inside it are not edited blindly)
    base = md.read(PARTIAL_BASE, Path("base.md"), [])
    result = run(base, "Au début de l'article L. 1 du code électoral, sont insérés les mots : "
                       "« <b>I. –</b> ».")
    assert result.complete, result.diagnostics
    (l1,) = result.code.find_articles("L1")
    assert l1.article.alineas[0].markup
    assert "<b>I. –</b> Le maire signe." in render(result.code, Format.MARKDOWN)


# ---------------------------------------------------------------------------
# LD302: the evidence never repeats the quoted words as a "close form"


def test_ld302_words_inside_a_longer_word_are_shown_whole() -> None:
    base = one_article("L1", "Dans les conditions fixées par la loi n° 78-17 du 6 janvier 1978.")
    result = run(base, "À l'article L. 1 du code de la sécurité intérieure, les mots : « loi n » "
                       "sont remplacés par les mots : « loi organique n ».")
    (diagnostic,) = result.results[0].diagnostics
    assert diagnostic.code == "LD302" and diagnostic.evidence is not None
    assert "forme proche" not in diagnostic.evidence
    assert "« loi n° »" in diagnostic.evidence


def test_ld302_a_form_differing_by_case_is_still_suggested() -> None:
    base = one_article("L1", "Le Maire signe.")
    result = run(base, "À l'article L. 1 du code de la sécurité intérieure, le mot : « maire » "
                       "est remplacé par le mot : « recteur ».")
    (diagnostic,) = result.results[0].diagnostics
    assert diagnostic.evidence == "forme proche dans le texte : « Maire »"


# ---------------------------------------------------------------------------
# Crashes found by benchmarks/fuzz.py outside the parser


def test_a_unit_counted_from_the_end_beyond_the_second_is_named() -> None:
    # "les trois derniers alinéas" names the third alinéa from the end: its French name
    # ended in ValueError (no ordinal for -3) when the instruction failed or applied
    from legidiff.document.locator import Locator
    assert Locator.parse("art_L1/al_-3").to_french() == (
        "le troisième alinéa en partant de la fin de l'article L. 1")
    assert Locator.parse("art_L1/al_2/ph_-4").to_french() == (
        "la quatrième phrase en partant de la fin du deuxième alinéa de l'article L. 1")


def test_an_article_number_of_thousands_of_digits_in_the_base() -> None:
    # the neighbours of a missing article are listed from the numbers of the base: a number
    # past Python's int limit (4,300 digits) ended in ValueError
    base = md.read(f"# {CSI}\n\n## Article L7{'9' * 4400}\n\nTexte.\n", Path("b.md"), [])
    result = run(base, "À l'article L. 1 du code de la sécurité intérieure, le mot : « a » est "
                       "supprimé.")
    (failure,) = result.results
    assert failure.status is Status.FAILED and failure.diagnostics[0].code == "LD301"


@pytest.mark.parametrize("text", [
    '{"format": "legidiff-code", "version": 1, "title": "x", "n": ' + "9" * 5000 + "}",
    "[" * 100_000 + "]" * 100_000,
    '{"format": "legidiff-code", "version": 1, "title": "Code civil", "children": ['
    + '{"type": "division", "kind": "section", "number": "1", "heading": "S", "children": ['
    * 450 + "]}" * 450 + "]}",
])
def test_the_json_reader_refuses_huge_numbers_and_deep_nesting(text: str) -> None:
    from legidiff.diagnostics import InputError
    from legidiff.formats import jsonfmt
    with pytest.raises(InputError) as caught:
        jsonfmt.read(text, Path("x.json"))
    assert caught.value.code == "LD103"


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t"])
def test_the_blocks_reader_is_linear_in_runs_of_spaces(space: str) -> None:
    # "Art. L44" then 20,000 spaces: the header expressions split the run two ways (seconds)
    import time

    from legidiff.formats import blocks
    text = "Code civil\n\nArt. L44" + space * 200_000 + "x\n"
    start = time.process_time()
    for line in text.splitlines():
        assert blocks._HEADER_RE.match(line) is None
        assert blocks._WORD_HEADER_RE.match(line) is None
    assert time.process_time() - start < 1.0  # quadratic: minutes
    words = blocks._WORD_HEADER_RE.match("Art. Annexe" + space * 1000 + "Tableau. – Texte")
    assert words is not None and words.group("num") == "Annexe" + space * 1000 + "Tableau"


@pytest.mark.parametrize("number", ["L" + "\t" * 200_000, "\t" * 200_000 + "x",
                                    "L 1" + " " * 200_000 + "x", "R " + " " * 100_000 + "*"])
def test_article_numbers_are_read_in_linear_time(number: str) -> None:
    # a Markdown base whose heading is "## Article L" and 20,000 tabs took seconds to read
    import time

    from legidiff.lang.numbering import ArticleNumber
    start = time.process_time()
    assert ArticleNumber.parse(number) is None
    assert time.process_time() - start < 1.0  # quadratic: minutes


@pytest.mark.parametrize("heading", ["Chapitre II : a" + " " * 200_000 + "b",
                                     "première partie : a" + "\u00a0" * 200_000 + "b",
                                     "Section 2" + " " * 100_000 + "." + " " * 100_000 + "x"])
def test_division_headings_are_read_in_linear_time(heading: str) -> None:
    # a run of spaces inside a heading's title (a base, or a division a bill creates) took
    # seconds: the lazy title was tried at every place of the run
    import time

    from legidiff.document.model import parse_heading
    start = time.process_time()
    division = parse_heading(heading)
    assert time.process_time() - start < 1.0  # quadratic: minutes
    assert division is not None and division.title is not None
    assert not division.title[-1].isspace()


def test_the_blocks_reader_finds_the_closing_quote_in_linear_time() -> None:
    # blocks pasted from a bill ("« Art. L. 1. – …" to "… »."): the final » was looked for
    # at every place of a run of spaces (seconds for 20,000)
    import time

    from legidiff.formats import blocks
    text = "« Code civil\n« Art. L. 1. – Texte" + " " * 200_000 + "fin. »\n"
    start = time.process_time()
    code = blocks.read(text, Path("x.txt"), [])
    assert time.process_time() - start < 1.0  # quadratic: minutes
    (path,) = code.find_articles("L. 1")
    assert path.article.alineas[0].text.endswith(" fin.")
    closed = blocks.read("« Code civil\n« Art. L. 1. – Texte  »  ;\n", Path("x.txt"), [])
    assert [a.text for a in next(closed.articles()).article.alineas] == ["Texte"]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_article_keys_with_words_are_read_in_linear_time(space: str) -> None:
    # "## Article L" then 1,000 narrow spaces in a Markdown base: the embedded number's
    # three runs of spaces in a row were tried in every split (5 s for 1,300 characters)
    import time

    from legidiff.lang.numbering import article_key
    start = time.process_time()
    key = article_key("Annexe L" + space * 20_000 + "x")
    assert time.process_time() - start < 1.0  # cubic: hours
    assert key == "annexe l x"
    embedded = article_key("Annexe à l'article R. " + space * 3 + "122-2")
    assert embedded == "annexe à l'article r122-2"


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_version_qualifiers_are_set_aside_in_linear_time(space: str) -> None:
    # "tel qu'il résulte de l'ordonnance n° … du" then a long run of spaces: the look for
    # "est" or "sont" after the qualifier was tried at every space of the run (3 s for 10 KB)
    import time

    from legidiff.bill.sentence import prepare
    start = time.process_time()
    prepared = prepare("Le livre IX du même code tel qu'il résulte de l'ordonnance n° "
                       "2010-462 du" + space * 100_000 + "x")
    assert time.process_time() - start < 1.0  # quadratic: minutes
    assert prepared.set_aside == ()
    closed = prepare("Le livre IX du même code tel qu'il résulte de l'ordonnance du 6 mai "
                     "2010" + space * 5 + "est ainsi modifié :")
    assert closed.text == "Le livre IX du même code est ainsi modifié"
    assert closed.set_aside == ("tel qu'il résulte de l'ordonnance du 6 mai 2010",)


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_the_new_beginning_of_a_unit_is_read_in_linear_time(space: str) -> None:
    # « Rédiger ainsi le début de l'alinéa 9 : « Art. L. 5 » then a long run of spaces:
    # "(le reste sans changement)" was looked for from each place of the run (10 s, 5 KB)
    import time

    from legidiff.bill.build import new_beginning
    start = time.process_time()
    assert new_beginning("Art. L. 5" + space * 100_000 + "x") is None
    assert new_beginning("Le texte" + space * 100_000) is None
    assert time.process_time() - start < 1.0  # quadratic: minutes
    kept = new_beginning("Le texte" + space * 1000 + "est… (le reste sans changement)."
                         + space * 1000)
    assert kept == "Le texte" + space * 1000 + "est"


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_a_trailing_clause_of_a_repeal_is_set_aside_in_linear_time(space: str) -> None:
    # « … est abrogé à compter de … » (legidiff.bill.sentence._TRAILING_CLAUSE_RE): looked
    # for once from the sentence's last quotation or stop, never at each repeal of a run
    import time

    from legidiff.bill.sentence import prepare
    start = time.process_time()
    prepare("L'article 1 est abrogé" + (space + "est abrogé, à compter") * 20_000 + "x")
    prepare("L'article 1 est abrogé," + space * 100_000 + "sous réserve" + space * 100_000)
    prepare("L'article 1 est abrogé à compter de « a » ; " * 20_000)
    assert time.process_time() - start < 1.0
    closed = prepare("L'article 1 est abrogé," + space * 3 + "sous réserve du II.")
    assert closed.text == "L'article 1 est abrogé"
    assert closed.set_aside == ("sous réserve du II",)


def test_a_long_line_of_relative_clauses_is_told_from_an_instruction_in_linear_time() -> None:
    # one line of 1 MB without a full stop (fuzz.py's "ligne unique"): the clause
    # boundaries before each verb were looked for from the line's start (30 s for 1 MB)
    import time

    from legidiff.bill.parse import is_instruction
    from legidiff.bill.sentence import prepare
    relative = prepare("Les biens qui sont transférés " * 20_000 + "restent")
    start = time.process_time()
    assert not is_instruction(relative)
    assert time.process_time() - start < 1.0  # quadratic: minutes
    assert is_instruction(prepare("Les biens qui sont transférés " * 100
                                  + "; l'article L. 1 est abrogé"))


@pytest.mark.parametrize("space", [" ", "\u00a0", " \u00a0"])
def test_a_quoted_article_header_is_read_in_linear_time(space: str) -> None:
    # « Art. 2999… » then 40,000 spaces in a quoted article (fuzz.py, fifth run): the
    # header's runs of spaces in a row were split every way (6 s)
    import time

    from legidiff.document.structure import strip_header
    start = time.process_time()
    assert strip_header("« Art. 2" + "9" * 6000 + space * 20_000 + "texte") == (None, 0)
    assert time.process_time() - start < 1.0  # quadratic: minutes
    assert strip_header("« Art. L. 852-3" + space * 3 + ". – I. – Texte")[0] == "L. 852-3"


@pytest.mark.parametrize("space", [" ", "\u00a0", " \u00a0"])
def test_a_law_named_after_a_run_of_spaces_is_read_in_linear_time(space: str) -> None:
    # "La loi" then 40,000 spaces before "… du 13 juillet 2005 … est ainsi modifiée"
    # (fuzz.py, sixth run): the law's reference split the run every way (13 s)
    import time

    start = time.process_time()
    parse_bill("Article 1er\nLa loi" + space * 20_000 + "n° 2005-781 du 13 juillet 2005 "
               "de programme est ainsi modifiée :")
    assert time.process_time() - start < 2.0  # cubic: hours
    named = parse_bill("Article 1er\nL'article 3 de la loi organique n° 2001-692 du 1er août "
                       "2001 modifiée est abrogé.")
    assert [str(o.target) for o in named.operations] == ["loi-2001-692:art_3"]


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_a_list_of_articles_before_a_run_of_spaces_is_read_in_linear_time(space: str) -> None:
    # "… de l'article L. 171-14," then 40,000 spaces (fuzz.py, ninth run): between the comma
    # and the next article number's prefix the run was split every way (2.6 s; quadratic)
    import time

    start = time.process_time()
    parse_bill("Article 1er\nLe code de la voirie routière est ainsi modifié :\n1° À la "
               "troisième phrase du premier alinéa de l'article L. 151-2 et au premier alinéa de "
               "l'article L. 171-14," + space * 80_000 + "après les mots : « enquête publique », "
               "sont insérés les mots : « réalisée »")
    assert time.process_time() - start < 2.0  # quadratic: 10 s
    listed = parse_bill("Article 1er\nLes articles L. 1 ,  L. 2 et  L. 3 du code civil sont "
                        "abrogés.")
    assert [str(o.target) for o in listed.operations] == [
        "code-civil:art_L1", "code-civil:art_L2", "code-civil:art_L3"]


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_a_quoted_article_header_without_digits_is_read_in_linear_time(space: str) -> None:
    # '"Art. L' then 20,000 spaces in the quoted text of a new article (fuzz.py, seventh
    # run): the number's prefix split the run two ways (3 s)
    import time

    from legidiff.formats import blocks
    start = time.process_time()
    for line in ("Art. L" + space * 100_000 + "x", "Article L. O." + space * 100_000):
        assert blocks._HEADER_RE.match(line) is None
        assert blocks._BARE_HEADER_RE.match(line) is None
    assert time.process_time() - start < 1.0  # quadratic: minutes
    header = blocks._HEADER_RE.match("Art. L." + space * 3 + "852-3. – Texte")
    assert header is not None and header.group("rest") == "Texte"


def test_the_end_of_an_item_is_read_in_linear_time() -> None:
    # an item's final « ; » was looked for from each place of a run of spaces (0.4 s for
    # 20,000 spaces, quadratic), when a phrase is added to it
    import time

    from legidiff.apply.units import item_end_kept
    start = time.process_time()
    assert item_end_kept("1° Texte" + " " * 100_000 + "suite", "Elle dure.") is None
    assert time.process_time() - start < 1.0  # quadratic: seconds to minutes
    assert item_end_kept("1° La confiscation  ;  ", "Elle dure.") == ("1° La confiscation.",
                                                                     "Elle dure  ;")


@pytest.mark.parametrize("run", ["9" * 50_000, "." * 50_000, "a." * 25_000])
def test_phrases_are_cut_in_linear_time_after_a_long_word(run: str) -> None:
    # the word before each full stop was looked for from the text's start (fuzz.py, seventh
    # run: 3.5 s for an alinéa of 10 KB with a long run of digits)
    import time

    from legidiff.document.structure import phrase_spans
    start = time.process_time()
    spans = phrase_spans("Début " + run + ". Suite. M. le maire statue.")
    assert time.process_time() - start < 1.0  # quadratic: seconds to minutes
    assert len(spans) >= 3
    t = "Les articles L. 851-1 et L. 852-1 sont applicables. M. le ministre statue."
    assert [t[a:b] for a, b in phrase_spans(t)] == [
        "Les articles L. 851-1 et L. 852-1 sont applicables.", "M. le ministre statue."]


def test_a_run_of_hyphenated_words_is_no_ordinal_in_linear_time() -> None:
    # « Wallis-et-Futunallis-et-unallis-et-… » in a sentence whose quotation is not closed
    # (fuzz.py, thirteenth run): an ordinal's separators « - » and « -et- » read each
    # « -et- » two ways, and a run that is no ordinal was tried in every combination (16 s
    # for 260 characters, doubling with each « -et- »)
    import re
    import time

    from legidiff.bill.parse import parse_bill
    from legidiff.lang.vocabulary import ORDINAL_PATTERN
    run = "Wallis-et-Futuna" + "llis-et-una" * 26  # before: a minute; each more, twice that
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    assert re.compile(ORDINAL_PATTERN, re.IGNORECASE).match(run) is None
    bill = parse_bill(f"Article 1er\nLe 2° de l'article L. 1 est complété par les mots : \"{run}\n"
                      f"{run}\".\n")
    assert time.process_time() - start < 1.0  # exponential: never ends
    assert bill.operations == () and bill.unrecognized  # an unclosed quotation: not read
    ordinal = re.compile(ORDINAL_PATTERN, re.IGNORECASE)
    for written in ("vingt-et-unième", "vingt et unième", "quatre-vingt-dix-neuvième"):
        match = ordinal.fullmatch(written)
        assert match is not None, written


@pytest.mark.parametrize("space", [" ", "\u00a0"])
def test_a_limited_repeal_with_a_long_run_of_spaces_is_read_in_linear_time(space: str) -> None:
    # « Les articles 27 à 31 et, en tant qu'ils concernent …, 39 à 45 … sont abrogés » with
    # 25,000 spaces in it (fuzz.py, thirteenth run): the end of a repeal was searched with
    # the spaces before its verb, each run of them read again from each of its characters
    import time

    from legidiff.bill.parse import parse_bill
    text = ("Article 1er\nLes articles 27 à 31 et, en tant qu'ils concernent les sociétaires "
            "coopér" + space * 25_000 + "atives de production et leurs unions, 39 à 45 du "
            "titre II du livre III de l'ancien code du travail sont abrogés.\n")
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    bill = parse_bill(text)
    assert time.process_time() - start < 1.0  # quadratic: seconds
    assert bill.unrecognized or bill.operations


@pytest.mark.parametrize("space", [" ", "\u00a0"])
@pytest.mark.parametrize("rest", ["applicable dans les conditions suivantes",
                                  "applicable conformément aux règles suivantes"])
def test_a_chapeau_with_a_long_run_of_spaces_is_read_in_linear_time(space: str,
                                                                    rest: str) -> None:
    # « Le code de commerce est », 60,000 spaces, « alinéa ainsi un : » (fuzz.py, sixteenth
    # run), a provision over items: the subject of « … est ratifiée, sous réserve des
    # modifications suivantes : » (and, « conformément » being there, of « … est modifié
    # conformément aux articles … »), looked for in every such provision, was ended at
    # each space of the run, each time reading the run again to its end (3 s)
    import time

    from legidiff.bill.parse import parse_bill
    text = ("Article 1er\nLe code de commerce est" + space * 60_000 + f"{rest} :\n"
            "1° Les sociétés commerciales ;\n2° Les groupements d'intérêt économique.\n")
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    bill = parse_bill(text)
    assert time.process_time() - start < 1.0  # quadratic: seconds
    assert bill.provisions and not bill.operations


_RUN = 60_000  # a run of spaces (or of commas) no real text holds, as fuzz.py writes them


def _pieces_of_amendment(line: str) -> object:
    from legidiff.parliament.amendments import split_pieces
    return split_pieces([("Alinéa 4", 1), (line, 2)])


@pytest.mark.parametrize("space", [" ", "\u00a0"])
@pytest.mark.parametrize("case", [
    "typography", "html", "law_key", "nearest", "amendment_list", "amendment_same",
    "amendment_anchor", "amendment_part", "transcript", "amend_header", "subpart",
    "amend_closing", "expects_words", "words_line", "anchor_line", "part", "explanation",
    "anchor_edge", "file_article", "put_amendments", "words_line_head"])
def test_expressions_read_long_runs_of_spaces_in_linear_time(case: str, space: str) -> None:
    # each expression had two ways to share a run of spaces (two « \s* » in a row, or a
    # lazy part then « \s* »), so a run was read again from each of its characters:
    # seconds for 20,000 spaces, minutes for 60,000 (found by a sweep of every expression
    # of the package with such runs; each now matches the same texts, checked against the
    # old expression on 60,000 random texts each)
    import time

    from legidiff.bill.build import law_key
    from legidiff.lang.nearest import typed_article
    from legidiff.lang.text import alineas_from_html, normalize_typography
    from legidiff.parliament import amend, amendments, debate

    run = space * _RUN
    calls: dict[str, Callable[[], object]] = {
        "typography": lambda: normalize_typography(f"L'État{run}x : y"),
        "html": lambda: alineas_from_html(f"<p>1<sup>er</sup>{run}x{run}</p>"),
        "law_key": lambda: law_key(f"loi{run}x"),
        "nearest": lambda: typed_article(f"article l{run}x"),
        "amendment_list": lambda: amendments._list_lead(f"Alinéas 4{run}x"),
        "amendment_same": lambda: amendments._SAME_RE.match(
            f"procéder à la même suppression à l'alinéa{run}x"),
        "amendment_anchor": lambda: amendments._ANCHOR_WORDS_RE.match(f"après les mots{run}x"),
        "amendment_part": lambda: amendments._next_part(f"III. - À l'alinéa 5{run}x"),
        "transcript": lambda: amendments._from_transcript(
            f"Par amendement n° 1, M. X{run}x propose, dans{run}x"),
        "amend_header": lambda: amend._HEADER_RE.match(f"Art. 1{run}x"),
        "subpart": lambda: amendments._SUBPART_RE.match(f"1°{run}"),
        "amend_closing": lambda: amend._closing(f"« Texte. »{run}x"),
        "expects_words": lambda: amendments._EXPECTS_WORDS_RE.search(f"les mots{run}x"),
        "words_line": lambda: amendments._WORDS_LINE_RE.match(f"les mots{run}x"),
        "words_line_head": lambda: amendments._WORDS_LINE_RE.match(f"par{run}x"),
        "anchor_line": lambda: amendments._lead(f"Après l'article 5{run}x"),
        "part": lambda: amendments._PART_RE.match(f"II{run}x"),
        "explanation": lambda: amendments._EXPLANATION_RE.match(f"Objet{run}x"),
        "anchor_edge": lambda: amendments._ANCHOR_EDGE_RE.match(
            f"après le mot : « x », supprimer la fin de l'alinéa{run[:3_000]}x"),  # cubic
        "file_article": lambda: amendments._FILE_ARTICLE_RE.match(f"Article 5{run}x"),
        "put_amendments": lambda: debate._PUT_AMENDMENTS_RE.search(
            f"Je mets aux voix les amendements{run}x"),
    }
    calls[case]()  # made once (imports, caches), not timed
    start = time.process_time()
    calls[case]()
    assert time.process_time() - start < 1.0  # quadratic: minutes


def test_a_unit_created_after_a_run_of_signs_is_looked_for_in_linear_time() -> None:
    # « Il est créé , , , … un fonds » (« créé » then 40 commas): whether a unit of text
    # is created was looked for up to eight words on, each word and the signs after it
    # shared every way (« \S+\W+ » with commas in both): 0.4 s for 25 commas, hours for 40
    import time

    from legidiff.bill.parse import parse_bill
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    bill = parse_bill("Article 1er\nIl est créé" + " ," * 40 + " un fonds de garantie.\n"
                      "Article 2\nIl est créé, à l'article 5, un alinéa ainsi rédigé :\n"
                      "« Texte. »\n")
    assert time.process_time() - start < 1.0
    # the first creates a fund (a provision), the second a unit of text (an instruction)
    assert len(bill.provisions) == 1 and (bill.operations or bill.unrecognized)


def test_a_run_of_verbs_is_weighed_in_linear_time() -> None:
    # « Les biens sont transférés sont transférés … » (4,000 times): for each verb, whether
    # the sentence's subject is a unit of text was read from the subject to that verb, the
    # whole of it taken for the subject's words (1.3 s); the words read up to the noun now
    import time

    from legidiff.bill.parse import parse_bill
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    bill = parse_bill("Article 1er\nLes biens" + " sont transférés" * 4_000 + ".\n")
    assert time.process_time() - start < 0.6  # quadratic: 1.3 s
    assert bill.provisions and not bill.operations  # property, not a unit of text


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t"])
def test_a_slip_of_comma_before_the_verb_is_looked_for_in_linear_time(space: str) -> None:
    # « Le code … est modifié co » then 60,000 spaces, tabs and no-break spaces, then a
    # slip's hint (« 3° L'article »; fuzz.py, seventeenth run, seed 2046): the slip « Le
    # III, est complété » (a comma between the subject and its verb) was looked for with
    # the subject ended at each space of the run, each time reading the run to its end
    import time

    from legidiff.bill.parse import parse_bill
    parse_bill("Article 1er\nLe 2° est abrogé.\n")  # the parser made first, not timed
    start = time.process_time()
    parse_bill("Article 1er\nLe code des pensions civiles et militaires de retraite est modifié "
               "co" + space * 60_000 + "mme suit : / 3° L'article L. 25 est ainsi modifié :\n")
    assert time.process_time() - start < 1.0  # quadratic: seconds
    # the slip is still read: « Le III, est complété … »
    bill = parse_bill("Article 1er\nLe III de l'article L. 5 du code civil, est complété par les "
                      "mots : « et c » ;\n")
    assert len(bill.operations) == 1 and any(d.code == "LD215" for d in bill.diagnostics)
