"""Parsing bills and laws: real texts of the corpus (golden), general forms, the
reader's segmentation, and the diagnostics."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from support import FIXTURES

from legidiff.bill.operations import (
    Bill,
    Complete,
    InsertUnits,
    ProvisionKind,
    ReplaceWords,
    Rewrite,
    RewriteEnd,
    UnitKind,
)
from legidiff.bill.parse import dates_in, parse_bill, render_listing
from legidiff.bill.sentence import prepare
from legidiff.bill.text import normalize_pdf, read_bill, unwrap

CASES: list[dict[str, Any]] = json.loads((FIXTURES / "bills" / "cases.json").read_text("utf-8"))


def parse_case(case: dict[str, Any]) -> Bill:
    return parse_bill(case["text"], title=case["title"], unwrap=case["unwrap"],
                      code=case["code"], path=case["name"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_corpus_golden(case: dict[str, Any], golden: Callable[[str, str], None]) -> None:
    bill = parse_case(case)
    golden(f"parse/{case['name']}.json",
           json.dumps(bill.to_json(), ensure_ascii=False, indent=1) + "\n")


def test_general_forms_golden(golden: Callable[[str, str], None]) -> None:
    text = (FIXTURES / "bills" / "general-forms.txt").read_text("utf-8")
    bill = parse_bill(text, path="general-forms.txt")
    assert bill.unrecognized == ()
    golden("parse/general-forms.txt", render_listing(bill))


def case(name: str) -> Bill:
    return parse_case(next(c for c in CASES if c["name"] == name))


def test_senate_bill_article_11() -> None:
    bill = case("senat-2021-06-29-pjl-articles-9-11")
    ops = {op.source.bill_ref: op for op in bill.operations}
    replace = ops["article 11, I, 1°"]
    assert isinstance(replace, ReplaceWords)
    assert str(replace.target) == ("code-de-la-securite-interieure:livre_8/art_L822-2/lab_I/"
                                   "lab_1°")
    assert replace.old.texts == ("et L. 852-2",)
    assert replace.old.kind == "référence"
    assert replace.new == (", L. 852-2 et L. 852-3",)
    complete = ops["article 11, I, 2°"]
    assert isinstance(complete, Complete)
    assert str(complete.target) == "code-de-la-securite-interieure:livre_8/titre_5/chapitre_2"
    assert complete.new.kind is UnitKind.ARTICLE
    assert complete.new.labels == ("L. 852-3",)
    assert len(complete.new.alineas) == 5  # I, II, III (two alinéas), IV
    assert complete.new.alineas[0].startswith("Art. L. 852-3. – I. – Dans les conditions")
    assert complete.new.markers == ("V. – (Supprimé)",)  # a marker, not text
    kinds = {(p.source.bill_ref, p.kind) for p in bill.provisions}
    assert kinds == {("article 11, II", ProvisionKind.APPLICATION),
                     ("article 11, II", ProvisionKind.REPORT)}
    assert [p.dates for p in bill.provisions if p.kind is ProvisionKind.APPLICATION] == [
        ("2025-07-31",)]
    assert bill.unrecognized == ()
    assert bill.diagnostics == ()


def test_senate_bill_articles_9_and_10() -> None:
    bill = case("senat-2021-06-29-pjl-articles-9-11")
    ops = {op.source.bill_ref: op for op in bill.operations}
    rewrite_i = ops["article 9, 1°, a"]
    assert isinstance(rewrite_i, Rewrite)
    assert str(rewrite_i.target).endswith("livre_8/titre_5/chapitre_3/art_L853-2/lab_I")
    assert rewrite_i.new.alineas[0].startswith("I. – Dans les conditions prévues")
    rewrite_phrase = ops["article 9, 1°, b"]
    assert str(rewrite_phrase.target).endswith("art_L853-2/lab_II/ph_1")
    ref = ops["article 9, 2°"]
    assert isinstance(ref, ReplaceWords)
    assert str(ref.target).endswith("art_L853-3/lab_I/al_1/ph_2")
    assert (ref.old.texts, ref.new) == (("au 1° du I de",), ("à",))
    end = ops["article 10, I, 2°"]
    assert isinstance(end, RewriteEnd)
    assert (end.anchor.texts, end.anchor.occurrence) == (("livre",), 2)
    assert end.new.startswith(", de la section 3 du chapitre Ier")
    two = [op for op in bill.operations if op.source.bill_ref == "article 10, II"]
    assert [type(op).__name__ for op in two] == ["ReplaceWords", "ReplaceWords"]


# The operation each replay record describes (replay/triples.jsonl, field "operation")
REPLAY_KINDS = {
    "replay-00": ["replace_words"], "replay-01": ["insert_words"], "replay-02": ["rewrite"],
    "replay-03": ["repeal"], "replay-04": ["replace_words", "rewrite"],
    "replay-05": ["rewrite"], "replay-06": ["rewrite"],
    "replay-07": ["replace_words"], "replay-08": ["repeal", "repeal"],
    "replay-09": ["insert_units"], "replay-10": ["complete"],
    "replay-11": ["renumber", "insert_units"], "replay-12": ["insert_units"],
    "replay-13": ["complete"], "replay-14": ["rewrite"], "replay-15": ["replace_words"],
    "replay-16": ["rewrite"], "replay-17": ["replace_words"], "replay-18": ["complete"],
    "replay-19": ["rewrite"], "replay-20": ["insert_words", "insert_units"],
    "replay-21": ["rewrite", "complete"],
    "replay-22": ["replace_words", "replace_words", "delete_words", "replace_words",
                  "insert_words", "delete_words", "rewrite", "rewrite"],
    "replay-23": ["repeal"],
}


@pytest.mark.parametrize("name", sorted(REPLAY_KINDS))
def test_replay_instructions(name: str) -> None:
    bill = case(name)
    assert bill.unrecognized == ()
    assert [op.kind for op in bill.operations] == REPLAY_KINDS[name]
    code = next(c for c in CASES if c["name"] == name)["code"]
    slug = "code-electoral" if code == "code électoral" else "code-de-la-route"
    assert all(op.target.code == slug for op in bill.operations)


def test_replay_rewrites_two_alineas_with_one() -> None:
    # « Les premier et deuxième alinéas … sont remplacés par un alinéa »: one text for the
    # span of the two alinéas, not the same text twice
    bill = case("replay-06")
    assert [str(op.target) for op in bill.operations] == ["code-de-la-route:art_R224-12/al_1..2"]


def test_units_that_do_not_follow_each_other_cannot_share_one_text() -> None:
    bill = parse_bill("Article 1er\nLes 1° et 3° de l'article L. 1 du code électoral sont "
                      "remplacés par un 1° ainsi rédigé :\n« 1° Nouveau. »\n")
    assert bill.operations == ()
    assert [d.code for d in bill.diagnostics] == ["LD203"]


def test_every_modifying_sentence_of_the_laws_parses() -> None:
    # loi n° 2021-998 (JO), loi n° 2003-239, projet de loi 2017-1510, code instructions of
    # amendments: what is left unrecognized is only cut text (the corpus says which).
    for c in CASES:
        if not c["name"].startswith("provisions"):
            continue
        bill = parse_case(c)
        for u in bill.unrecognized:
            cut = c.get("complete") is False or "incomplète" in u.reason
            amendment = "amendement" in c["source"] or "Alinéa" in c["text"]
            assert cut or amendment, (c["name"], u.reason, u.source.text)


# ---------------------------------------------------------------------------
# Reading the text


def test_pdf_numbers() -> None:
    assert normalize_pdf("1o Au 1o du I, la loi no 2017-1510") == (
        "1° Au 1° du I, la loi n° 2017-1510")
    assert normalize_pdf("Les no mots") == "Les no mots"


def test_unwrap_joins_wrapped_lines() -> None:
    lines = ["Article 2",
             "L’article L. 226-1 du code de la sécurité intérieure est ainsi modifié :",
             "1o Le dernier alinéa est complété par une phrase ainsi rédigée : « Pour les lieux "
             "faisant l’objet du périmètre de",
             "protection, l’arrêté ne peut être renouvelé qu’une seule fois. »"]
    assert [text for text, _ in unwrap([normalize_pdf(x) for x in lines])] == [
        "Article 2", lines[1],
        "1° Le dernier alinéa est complété par une phrase ainsi rédigée : « Pour les lieux "
        "faisant l’objet du périmètre de protection, l’arrêté ne peut être renouvelé qu’une "
        "seule fois. »"]


def test_bill_alineas_and_markers() -> None:
    text = "\n".join(CASES[0]["text"].splitlines())
    bill = read_bill(text)
    nine, _ten, eleven = bill.articles
    assert (nine.number, nine.markers, nine.adopted) == ("9", ("Non modifié",), True)
    assert len(nine.alineas) == 6  # the "(Non modifié)" line is not an alinéa
    assert len(eleven.alineas) == 11  # quoted lines count, as amendments count them
    assert eleven.alineas[3].text.startswith("« Art. L. 852-3. – I. –")
    second = eleven.items[1]
    assert (second.label, second.markers) == ("II", ("Non modifié",))
    assert second.children[0].text.startswith("Le Gouvernement adresse")


def test_article_headings() -> None:
    bill = read_bill("Article 1er bis (nouveau)\nL'article L. 1 est abrogé.\n"
                     "Article 8\n(Supprimé)\n")
    first, second = bill.articles
    assert (first.number, first.markers) == ("1er bis", ("nouveau",))
    assert (second.number, second.markers, second.items) == ("8", ("Supprimé",), ())


def test_title_line() -> None:
    bill = read_bill("LOI n° 2021-998 du 30 juillet 2021 relative à la prévention d'actes de "
                     "terrorisme et au renseignement\nArticle 1er\nL'article L. 1 est abrogé.\n")
    assert bill.title is not None and bill.title.startswith("LOI n° 2021-998")
    parsed = parse_bill("LOI n° 2021-998\nArticle 1er\nL'article L. 1 du code électoral est "
                        "abrogé.\n")
    assert parsed.operations[0].source.title == "LOI n° 2021-998"


# ---------------------------------------------------------------------------
# Quotations and diagnostics


def test_prepare_quotes() -> None:
    p = prepare("le mot : « X » est remplacé par les mots : « , Y « Z » » ;")
    assert p.text == "le mot : ⟨0⟩ est remplacé par les mots : ⟨1⟩"
    assert p.quotes == ("X", ", Y « Z »")
    straight = prepare('les mots : " préfet maritime " sont remplacés par les mots : " délégué "')
    assert straight.quotes == ("préfet maritime", "délégué")


def _diag_codes(text: str) -> list[str]:
    return [d.code for d in parse_bill(text).diagnostics]


def test_unclosed_quote_in_a_sentence_is_recovered() -> None:
    bill = parse_bill("Article 1er\nAu premier alinéa de l'article L. 1 du code électoral, les "
                      "mots : « deux mois sont remplacés\n")
    assert [d.code for d in bill.diagnostics][:1] == ["LD210"]
    assert bill.unrecognized  # the sentence lost its verb inside the quote: reported


def test_unclosed_block_stops_at_the_next_item() -> None:
    text = ("Article 1er\nLe code électoral est ainsi modifié :\n"
            "1° L'article L. 1 est complété par un alinéa ainsi rédigé :\n"
            "« Nouvel alinéa sans guillemet fermant ;\n"
            "2° L'article L. 2 est abrogé.\n")
    bill = parse_bill(text)
    assert [d.code for d in bill.diagnostics] == ["LD202"]
    assert [op.kind for op in bill.operations] == ["complete", "repeal"]
    complete = bill.operations[0]
    assert isinstance(complete, Complete)
    assert complete.new.alineas == ("Nouvel alinéa sans guillemet fermant ;",)


@pytest.mark.parametrize(("text", "code"), [
    ("Article 1er\nL'article L. 1 du code électoral est ainsi modifié :\n", "LD206"),
    ("Article 1er\nL'article L. 1 du code électoral est ainsi rédigé :\n", "LD207"),
    ("Article 1er\nL'article L. 1 du code électoral est complété par deux alinéas ainsi "
     "rédigés :\n« Un seul. »\n", "LD208"),
    ("Article 1er\nAu même alinéa de l'article L. 1 du code électoral, le mot : « a » est "
     "supprimé.\n", "LD209"),
    ("Article 1er\nÀ l'article L. 1 du code électoral, les mots : « » sont supprimés.\n", "LD205"),
    ("Article 1er\nAu vingtunième alinéa de l'article L. 1 du code électoral, le mot : « a » "
     "est supprimé.\n", "LD204"),
])
def test_diagnostics(text: str, code: str) -> None:
    bill = parse_bill(text, path="bill.txt")
    assert code in [d.code for d in bill.diagnostics]
    diag = next(d for d in bill.diagnostics if d.code == code)
    assert diag.location is not None and diag.location.path == "bill.txt"
    assert diag.location.line is not None


def test_large_ordinals_and_occurrences() -> None:
    bill = parse_bill("Article 1er\nAu vingt-deuxième alinéa de l'article L. 1 du code "
                      "électoral, la trente et unième occurrence du mot : « a » est "
                      "remplacée par le mot : « b ».\n")
    (op,) = bill.operations
    assert isinstance(op, ReplaceWords)
    assert str(op.target) == "code-electoral:art_L1/al_22"
    assert op.old.occurrence == 31


def test_context_inheritance_and_same() -> None:
    text = ("Article 3\nLe code électoral est ainsi modifié :\n"
            "1° L'article L. 1 est ainsi modifié :\n"
            "a) Au premier alinéa, le mot : « a » est supprimé ;\n"
            "b) Au même alinéa, le mot : « b » est supprimé ;\n"
            "c) Le II est abrogé ;\n"
            "2° À l'article L. 2 du même code, le mot : « c » est supprimé.\n")
    bill = parse_bill(text)
    assert [str(op.target) for op in bill.operations] == [
        "code-electoral:art_L1/al_1", "code-electoral:art_L1/al_1",
        "code-electoral:art_L1/lab_II", "code-electoral:art_L2"]
    assert [op.source.bill_ref for op in bill.operations] == [
        "article 3, 1°, a", "article 3, 1°, b", "article 3, 1°, c", "article 3, 2°"]


def test_lines_and_columns() -> None:
    bill = case("senat-2021-06-29-pjl-articles-9-11")
    op = next(o for o in bill.operations if o.source.bill_ref == "article 11, I, 1°")
    line = CASES[0]["text"].splitlines()[op.source.line - 1]
    assert line[op.source.column - 1:].startswith("Au 1° du I de l’article L. 822-2")


def test_dates() -> None:
    assert dates_in("entre en vigueur le 1er janvier 2026 et jusqu'au 31 juillet 2025") == (
        "2026-01-01", "2025-07-31")


def test_every_diagnostic_code_is_documented() -> None:
    import re
    from pathlib import Path

    from legidiff.diagnostics import CODES
    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in (root / "legidiff").rglob("*.py"):
        used.update(re.findall(r'"(LD\d{3})"', path.read_text("utf-8")))
    assert used <= set(CODES), sorted(used - set(CODES))


def test_cli_parse(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    from legidiff.cli import main
    path = tmp_path / "bill.txt"
    path.write_text(CASES[0]["text"], "utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"operations", "unrecognized", "diagnostics", "provisions"}
    first = data["operations"][0]
    assert {"kind", "target", "bill_ref", "line", "column"} <= set(first)
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "article 11, I, 1° (l. " in out
    assert main(["parse", str(tmp_path / "absent.txt")]) == 2
    assert "introuvable" in capsys.readouterr().err


def test_every_target_has_a_canonical_string_that_parses_back() -> None:
    from legidiff.document.locator import Locator
    texts = [*CASES, {"text": (FIXTURES / "bills" / "general-forms.txt").read_text(
        "utf-8"), "title": None, "unwrap": False, "code": None, "name": "general"}]
    count = 0
    for c in texts:
        for op in parse_case(c).operations:
            assert Locator.parse(str(op.target)) == op.target, str(op.target)
            count += 1
    assert count > 100  # every case was parsed


def test_every_rule_of_the_grammar_has_a_handler() -> None:
    """A rule without a method of the transformer would pass a raw tree on and fail far
    away: each named rule of ``instructions.lark`` has its method (inlined ``?rule`` and
    ``_rule`` need none), and a rule without one is refused when it is met."""
    from lark import Tree

    from legidiff.bill.grammar import parser
    from legidiff.bill.sentence import _ToParts

    named = {str(rule.origin.name) for rule in parser("instructions").rules
             if not str(rule.origin.name).startswith("_")
             and not (rule.options.expand1 and len(rule.expansion) == 1)}
    missing = sorted(r for r in named if not callable(getattr(_ToParts, r, None)))
    assert missing == []
    with pytest.raises(TypeError, match="n'a pas de traitement"):
        _ToParts().transform(Tree("a_rule_nobody_wrote", []))


@pytest.mark.parametrize(("heading", "number"), [
    ("ARTICLE PREMIER", "1er"), ("ARTICLE 1ER", "1er"), ("Art. 1er", "1er"),
    ("Article 1er –", "1er"), ("Article 1er :", "1er"), ("Article 1 er", "1er"),
    ("Article liminaire", "liminaire"), ("Article 1er bis AA", "1er bis AA"),
    ("\ufeffArticle 1er", "1er"), ("Article 3 (nouveau)", "3"), ("Article 12 quater", "12 quater"),
])
def test_real_article_headings_are_read(heading: str, number: str) -> None:
    """Issue 13: 8 of 17 real heading forms were dropped with a warning, their
    instructions silently lost."""
    bill = parse_bill(f"{heading}\nL'article L. 1 du code électoral est abrogé.\n")
    assert [d.code for d in bill.diagnostics] == []
    (op,) = bill.operations
    assert op.source.bill_ref == f"article {number}"


def test_a_law_heading_with_its_first_line() -> None:
    """The Journal officiel's "Art. 1er. - Le code … est ainsi modifié :"."""
    bill = parse_bill("Art. 1er. - Le code électoral est ainsi modifié :\n"
                      "1° L'article L. 1 est abrogé ;\n2° L'article L. 2 est abrogé.\n")
    assert [str(op.target) for op in bill.operations] == ["code-electoral:art_L1",
                                                           "code-electoral:art_L2"]


def test_instructions_before_the_first_heading_are_never_dropped() -> None:
    bill = parse_bill("L'article L. 1 du code électoral est abrogé.\n"
                      "Article 2\nL'article L. 2 du code électoral est abrogé.\n")
    assert [str(op.target) for op in bill.operations] == ["code-electoral:art_L1",
                                                           "code-electoral:art_L2"]
    assert [d.code for d in bill.diagnostics] == ["LD201"]


def test_an_unreadable_heading_makes_the_run_incomplete() -> None:
    bill = parse_bill("Article 1er\nL'article L. 1 du code électoral est abrogé.\n"
                      "Article 1er bis AAAA\nL'article L. 2 du code électoral est abrogé.\n")
    assert [d.code for d in bill.diagnostics] == ["LD212"]
    assert [u.reason for u in bill.unrecognized] == [
        "titre d'article illisible : les lignes qui suivent seraient lues comme la suite "
        "de l'article précédent"]


@pytest.mark.parametrize("sentence", [
    "L'article L. " + "9" * 5000 + " du code électoral est abrogé.",  # over Python's int limit
    "Le " + "9" * 5000 + "° de l'article L. 1 du code électoral est abrogé.",
    "L'alinéa " + "9" * 5000 + " de l'article L. 1 du code électoral est supprimé.",
    "Le mot ⟨9⟩ est supprimé.",  # a literal placeholder of quotations
    "La ſection 2 du code électoral est abrogée.",  # ſ and ı match s and i case-insensitively
    "Le livre Iı du code électoral est abrogé.",
    "Les deuxième à millionième alinéas de l'article L. 1 du code électoral sont supprimés.",
])
def test_hostile_sentences_are_not_understood_never_a_crash(sentence: str) -> None:
    """Issue 13: each of these raised ValueError, IndexError or KeyError, or took unbounded
    memory; they are sentences not understood, reported as such."""
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.operations == ()
    assert len(bill.unrecognized) == 1 and bill.unrecognized[0].modifying
    assert bill.diagnostics[0].code in ("LD203", "LD204")


def test_a_literal_placeholder_is_never_a_quotation() -> None:
    """"⟨0⟩" written in the text was read as the first quotation: the old words became
    the new ones."""
    bill = parse_bill("Article 1er\nÀ l'article L. 1 du code électoral, le mot : « maire » et "
                      "⟨0⟩ sont supprimés.\n")
    assert bill.operations == ()


def test_a_huge_range_of_items_stays_a_range() -> None:
    """"Les 3° à 99999999°" expanded item by item (7.6 GB): a range that long is kept as a
    span for the engine to check against the article, never expanded."""
    bill = parse_bill("Article 1er\nLes 3° à 99999999° de l'article L. 111-2 du code électoral "
                      "sont abrogés.\n")
    (op,) = bill.operations
    assert str(op.target).endswith("lab_3°..99999999°")


def test_a_month_matched_case_insensitively_is_no_date() -> None:
    bill = parse_bill("Article 1er\nLe présent article entre en vigueur le 1er juıllet 2025.\n")
    (provision,) = bill.provisions
    assert provision.dates == ()


REAL_FORMS = json.loads((FIXTURES / "forms" / "real-forms.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", REAL_FORMS, ids=[f"{c['form']}-{i}"
                                                  for i, c in enumerate(REAL_FORMS)])
def test_real_drafting_forms(case: dict[str, Any]) -> None:
    """One real item per drafting form read since the second round (code names with « et »,
    leads joined by « et », « Dans le … », counts before « suivants », « un dernier
    alinéa », version qualifiers, « Son intitulé », « Il est complété », a comma before
    the verb, several new units, « est ainsi complété : », laws by date, …)."""
    bill = parse_bill(f"Article 1er\n{case['text']}\n", code=case["code"])
    assert bill.unrecognized == ()
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == case["operations"]


def test_an_edge_of_another_unit_among_several_is_not_guessed() -> None:
    """"À la première phrase du deuxième alinéa de l'article L. 813-1 et à la fin de la
    première phrase du cinquième alinéa de l'article L. 813-2": the first unit was lost.
    Words replaced there are looked for in each phrase (where in the phrase adds nothing
    to a replacement: found once, or the engine says so); words inserted at that edge
    beside other units are not read."""
    bill = parse_bill(
        "Article 1er\nLe code rural et de la pêche maritime est ainsi modifié :\n"
        "11° À la première phrase du deuxième alinéa de l'article L. 813-1 et à la fin de la "
        "première phrase du cinquième alinéa de l'article L. 813-2, les mots : « a » sont "
        "remplacés par les mots : « b ».\n")
    assert sorted(str(op.target) for op in bill.operations) == [
        "code-rural-et-de-la-peche-maritime:art_L813-1/al_2/ph_1",
        "code-rural-et-de-la-peche-maritime:art_L813-2/al_5/ph_1"]
    inserted = parse_bill(
        "Article 1er\nLe code rural et de la pêche maritime est ainsi modifié :\n"
        "11° À la première phrase du deuxième alinéa de l'article L. 813-1 et à la fin de la "
        "première phrase du cinquième alinéa de l'article L. 813-2, sont ajoutés les mots : "
        "« b ».\n")
    assert inserted.operations == () and len(inserted.unrecognized) == 1


@pytest.mark.parametrize("text", [
    "Le deuxième alinéa de l'article 1 du code civil est ainsi rédigé :",
    "Après le mot : « a », la fin du deuxième alinéa de l'article 1 du code civil est ainsi "
    "rédigée :",
])
def test_a_rewrite_without_its_text_is_never_an_operation(text: str) -> None:
    """Applied, it deleted the alinéa (the replay benchmark found it: three real texts lost
    alinéas this way)."""
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == ()
    assert [d.code for d in bill.diagnostics if d.code == "LD207"] == ["LD207"]


def test_a_chapeau_naming_several_units_applies_its_items_to_each() -> None:
    """"Les articles 335 et 448 sont ainsi modifiés :", "Le I des articles L. 746-5,
    L. 756-5 et L. 766-5 est ainsi modifié :" (real chapeaux of the corpus): each item
    below, for each unit, in the order of the units."""
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n"
                      "1° Les articles 335 et 448 sont ainsi modifiés :\n"
                      "a) Le mot : « père » est remplacé par le mot : « parent » ;\n"
                      "b) Le dernier alinéa est supprimé ;\n"
                      "2° Le I des articles L. 746-5, L. 756-5 et L. 766-5 est ainsi modifié :\n"
                      "a) Au premier alinéa, le mot : « a » est supprimé.\n")
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == [
        "ReplaceWords code-civil:art_335", "DeleteUnit code-civil:art_335/al_-1",
        "ReplaceWords code-civil:art_448", "DeleteUnit code-civil:art_448/al_-1",
        "DeleteWords code-civil:art_L746-5/lab_I/al_1",
        "DeleteWords code-civil:art_L756-5/lab_I/al_1",
        "DeleteWords code-civil:art_L766-5/lab_I/al_1"]


@pytest.mark.parametrize(("text", "dates"), [
    # real: the 2010 agriculture bill
    ("III. - L'article L. 111-4 du code rural et de la pêche maritime est abrogé à compter du "
     "1er janvier 2011.", ("2011-01-01",)),
    ("À compter du 1er janvier 2012, le code électoral est ainsi modifié :\n"
     "1° L'article L. 1 est abrogé.", ("2012-01-01",)),
])
def test_an_instruction_keeps_the_date_it_gives(text: str, dates: tuple[str, ...]) -> None:
    """The date is recorded with the operation (and the report); the operation is read."""
    bill = parse_bill(f"Article 1er\n{text}\n")
    (op,) = bill.operations
    assert op.source.dates == dates


def test_a_lead_alone_is_a_chapeau_for_the_items_below() -> None:
    """"À la première phrase :" then tirets (the 2010 agriculture bill, 17 sentences of the
    whole bills); a lead alone without a colon stops before its verb: an error."""
    bill = parse_bill("Article 1er\nLe code électoral est ainsi modifié :\n"
                      "1° L'article L. 5 est ainsi modifié :\na) À la première phrase :\n"
                      "- le mot : « a » est supprimé ;\n- le mot : « b » est supprimé ;\n")
    assert [str(op.target) for op in bill.operations] == ["code-electoral:art_L5/ph_1"] * 2
    alone = parse_bill("Article 1er\nAprès l'alinéa 15 de l'article L. 5 du code électoral\n")
    assert alone.operations == () and alone.unrecognized[0].modifying


@pytest.mark.parametrize(("text", "target"), [
    # real: the 2010 agriculture bill (a version qualifier without commas)
    ("Le livre IX du code rural et de la pêche maritime tel qu'il résulte de l'ordonnance "
     "n° 2010-462 du 6 mai 2010 précitée est ainsi modifié :\n1° L'article L. 911-1 est "
     "abrogé.", "code-rural-et-de-la-peche-maritime:livre_9/art_L911-1"),
    # real: an amendment's "la fin de l'alinéa 11" (the alinéa numbered)
    ("Après le mot : « articles », la fin de l'alinéa 11 de l'article L. 1 du code électoral "
     "est ainsi rédigée : « L. 385 ; ».", "code-electoral:art_L1/al_11"),
])
def test_more_real_forms(text: str, target: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert [str(op.target) for op in bill.operations] == [target]


def test_a_quoted_block_ends_the_same_with_any_run_of_spaces() -> None:
    """The closing » and a transcript's "– (Adopté.)" are taken off the end without a
    regular expression tried at every position (a run of spaces made it quadratic: 100 KB
    took 49 s in the fuzzer; benchmarks/fuzz.py measures the time per KB)."""
    spaces = " " * 5000
    bill = parse_bill("Article 1er\nAprès l'article 1 du code civil, il est inséré un article 2 "
                      f"ainsi rédigé :\n« Art. 2. – Texte{spaces}fin ».\n")
    (op,) = bill.operations
    assert isinstance(op, InsertUnits)
    assert op.new.alineas[-1].endswith("fin")
    adopted = read_bill(f"Article 1er\nLe mot : « a » est supprimé.{spaces}– (Adopté.)\n")
    assert adopted.articles[0].adopted
    assert adopted.articles[0].items[0].text == "Le mot : « a » est supprimé."


@pytest.mark.parametrize("text", [
    # the fuzzer's slowest inputs (2 to over 10 s each), cut to their shape
    "Article 1er\nÀ l'article L" + " " * 20000 + ". 681-7, les mots : « a » sont supprimés.\n",
    "Article " + "9" * 300 + "\u00a0" * 20000 + "\nL'article L. 1 est abrogé.\n",
    "Article 1er\nI. - LE CODE EST AINSI MODIFIÉ :\n1° LE 1ER JANVIER 2004, RIEN.\n",
])
def test_inputs_the_fuzzer_found_are_read_without_error(text: str) -> None:
    """Each gave a traceback (« 1ER JANVIER » read as a date) or took seconds (a regular
    expression with two runs of spaces side by side); they are read, or refused with a
    diagnostic, like any text."""
    bill = parse_bill(text)
    assert all(d.code.startswith("LD") for d in bill.diagnostics)


def test_units_share_only_the_containers_of_units_of_their_level() -> None:
    """"Au premier alinéa et à l'article L. 2" (in the chapeau's article L. 1): the
    article written last is no container of the alinéa; "à la première phrase du II et
    au dernier alinéa du III de l'article L. 1": the II is that article's."""
    bill = parse_bill("Article 1er\nLe code électoral est ainsi modifié :\n"
                      "1° L'article L. 1 est ainsi modifié :\n"
                      "a) Au premier alinéa et à l'article L. 2, le mot : « a » est supprimé ;\n"
                      "b) À la première phrase du II et au dernier alinéa du III, le mot : « b » "
                      "est supprimé.\n")
    assert sorted(str(op.target) for op in bill.operations) == [
        "code-electoral:art_L1/al_1", "code-electoral:art_L1/lab_II/ph_1",
        "code-electoral:art_L1/lab_III/al_-1", "code-electoral:art_L2"]


@pytest.mark.parametrize("number", ["Annexe à l'article R422-37", "Annexe (2) à l'article R511-9",
                                    "Annexe II à l'article R. 4312-6"])
def test_an_annex_stored_as_an_article_is_one_article_not_a_range(number: str) -> None:
    # LEGI's annex articles are numbered with words: « Annexe à l'article R422-37 » (code
    # de la construction et de l'habitation), « Annexe (2) à l'article R511-9 » (code de
    # l'environnement). « à l'article … » is part of the number, never a range's end (94
    # changes of the LEGI history were drafted so and not found)
    from pathlib import Path

    from legidiff.apply.consolidate import Status, consolidate
    from legidiff.formats import markdown
    from legidiff.lang.numbering import article_key
    bill = parse_bill(f"Article 1er\nÀ l'article {number} du code de l'environnement, le mot : "
                      "« Vieux » est remplacé par le mot : « Neuf ».")
    (step,) = bill.operations[0].target.steps
    assert (step.value, step.until) == (article_key(number), None)
    base = markdown.read(f"# Code de l'environnement\n\n## Article {number}\n\nVieux texte.\n",
                         Path("b.md"), [])
    result = consolidate(base, bill)
    assert [r.status for r in result.results] == [Status.APPLIED]
    assert next(result.code.articles()).article.alineas[0].text == "Neuf texte."
