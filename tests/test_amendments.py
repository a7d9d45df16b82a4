"""Amendments and debates (issue 6), on the Senate's verbatim record of 29 June 2021
(``examples/senat-seance-2021-06-29-extrait.txt``, copied from the corpus, which allows it)
and on the real amendments of the corpus (``tests/fixtures/bills/cases.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, FIXTURES, corpus_path

from legidiff.bill.operations import InsertUnits, operation_json
from legidiff.cli import main
from legidiff.parliament.amend import AmendmentStatus, amend, select, write_bill
from legidiff.parliament.amendments import (
    is_location_line,
    read_amendment,
    read_amendments_file,
    split_pieces,
)
from legidiff.parliament.debate import Debate, Fate, read_debate, render_debate

TRANSCRIPT = EXAMPLES / "senat-seance-2021-06-29-extrait.txt"
BASE = EXAMPLES / "csi-livre-viii-avant-2021-construit.md"
TITLE = "Projet de loi relatif à la prévention d'actes de terrorisme et au renseignement"


@pytest.fixture(scope="module")
def debate() -> Debate:
    return read_debate(TRANSCRIPT.read_text("utf-8"), TRANSCRIPT.name)


# -- the transcript ---------------------------------------------------------------------


def test_the_eight_amendments(debate: Debate) -> None:
    assert [(a.number, a.article) for a in debate.amendments] == [
        ("73", "8"), ("55", "8"), ("56", "8"), ("24", "8"), ("26", "10"), ("74", "10"),
        ("27", "11"), ("90", "11")]
    a73 = debate.amendment("73")
    assert a73 is not None
    assert a73.authors == ("Mme Benbassa, M. Benarroche et les membres du groupe Écologiste - "
                           "Solidarité et Territoires")
    assert a73.group == "groupe Écologiste - Solidarité et Territoires"
    assert a73.text.split("\n") == [
        "Alinéa 4", "Compléter cet alinéa par une phrase ainsi rédigée :",
        "Le stockage de ces données est matériellement et informatiquement cloisonné afin "
        "d’empêcher leur utilisation à des fins de surveillance."]
    a90 = debate.amendment("90")
    assert a90 is not None and a90.authors == "le Gouvernement" and a90.group is None
    assert a90.text.split("\n")[:4] == ["Alinéa 4, première phrase", "Après le mot :",
                                        "renseignement", "insérer les mots :"]
    # identical amendments: presented apart, one text, voted together
    a26, a74 = debate.amendment("26"), debate.amendment("74")
    assert a26 is not None and a74 is not None
    assert (a26.identical, a74.identical) == (("74",), ("26",))
    assert a26.text == a74.text == "Supprimer cet article."
    assert a74.group == "groupe Écologiste - Solidarité et Territoires"


def test_fates_are_read_never_guessed(debate: Debate) -> None:
    assert {a.number: a.fate for a in debate.amendments} == {
        "73": Fate.UNKNOWN, "55": Fate.UNKNOWN, "56": Fate.UNKNOWN, "24": Fate.UNKNOWN,
        "26": Fate.REJECTED, "74": Fate.REJECTED, "27": Fate.UNKNOWN, "90": Fate.UNKNOWN}
    assert {a.number: (a.fate, a.shown) for a in debate.articles} == {
        "8": (Fate.ADOPTED, False), "9": (Fate.ADOPTED, True), "10": (Fate.ADOPTED, True),
        "11": (Fate.UNKNOWN, True)}


def test_opinions_in_the_standard_forms(debate: Debate) -> None:
    opinions = {a.number: [(o.by, o.value) for o in a.opinions] for a in debate.amendments}
    assert opinions == {
        "73": [("commission", "retrait")], "55": [("commission", "défavorable")],
        "56": [("commission", "défavorable")],
        "24": [("commission", "défavorable"), ("gouvernement", "défavorable")],
        "26": [("commission", "défavorable")], "74": [("commission", "défavorable")],
        "27": [("commission", "défavorable")], "90": []}


def test_the_bill_articles_shown(debate: Debate) -> None:
    bill = debate.bill(TITLE)
    assert [a.number for a in bill.articles] == ["9", "10", "11"]
    article_11 = bill.articles[2]
    assert len(article_11.alineas) == 11
    assert article_11.alineas[3].text.startswith("« Art. L. 852-3. – I. – Dans les conditions")


def test_debate_goldens(debate: Debate, golden: Callable[[str, str], None]) -> None:
    golden("debate/senat-2021-06-29.txt", render_debate(debate))
    golden("debate/senat-2021-06-29.json",
           json.dumps(debate.to_json(), ensure_ascii=False, indent=1) + "\n")


# -- amending the bill ------------------------------------------------------------------


def amended(debate: Debate, numbers: set[str]) -> Any:
    return amend(debate.bill(TITLE), select(debate.amendments, numbers=numbers),
                 TRANSCRIPT.name)


def test_amendment_90_inserts_its_words_after_renseignement(debate: Debate) -> None:
    result = amended(debate, {"90"})
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED
    assert [d.code for d in outcome.diagnostics] == ["LD310"]  # the comma, merged
    alinea_4 = result.code.find_articles("11")[0].article.alineas[3].text
    assert ("par les services spécialisés de renseignement et les services mentionnés à "
            "l’article L. 811-4 désignés, au regard de leurs missions, par un décret en Conseil "
            "d’État pris après avis de la Commission nationale de contrôle des techniques de "
            "renseignement, d’un appareil ou d’un dispositif technique") in alinea_4
    before = debate.bill(TITLE).articles[2].alineas[3].text
    assert alinea_4.replace(
        " et les services mentionnés à l’article L. 811-4 désignés, au regard de leurs "
        "missions, par un décret en Conseil d’État pris après avis de la Commission nationale "
        "de contrôle des techniques de renseignement", "", 1) == before


def test_a_deletion_makes_the_other_amendments_fall(debate: Debate) -> None:
    result = amended(debate, {"27", "90"})
    statuses = {o.amendment.number: (o.status, o.because_of) for o in result.outcomes}
    assert statuses == {"27": (AmendmentStatus.APPLIED, None),
                        "90": (AmendmentStatus.FALLEN, "27")}
    assert result.deleted == ("11",)
    assert "Article 11\n(Supprimé)\n" in write_bill(result)
    assert result.complete


def test_identical_amendments_apply_once(debate: Debate) -> None:
    result = amended(debate, {"26", "74"})
    statuses = {o.amendment.number: (o.status, o.because_of) for o in result.outcomes}
    assert statuses == {"26": (AmendmentStatus.APPLIED, None),
                        "74": (AmendmentStatus.IDENTICAL, "26")}
    assert result.deleted == ("10",)


def test_article_8_is_not_in_the_transcript(debate: Debate) -> None:
    result = amended(debate, {"73", "55", "56", "24"})
    assert {o.status for o in result.outcomes} == {AmendmentStatus.NO_TEXT}
    assert all(o.diagnostics[0].code == "LD401" and "article 8" in o.diagnostics[0].message
               for o in result.outcomes)
    assert not result.complete
    assert result.code == result.bill  # nothing forced


def test_56_missing_closing_quote_is_reported_and_recovered(debate: Debate) -> None:
    a56 = debate.amendment("56")
    assert a56 is not None
    read = read_amendment(list(a56.lines), article="8", bill_text="projet", number="56",
                          path=TRANSCRIPT.name)
    assert [d.code for d in read.diagnostics] == ["LD202"]
    (op,) = read.operations
    assert isinstance(op, InsertUnits) and str(op.target) == "projet:art_8/al_6"
    assert op.new.alineas == (
        "Lorsque le programme de recherche et de développement mentionné au présent III "
        "recourt à des traitements algorithmiques, il définit clairement les modalités et les "
        "critères pris en compte pour son déploiement.",)


def test_an_amendment_whose_words_are_absent_is_reported_not_forced(debate: Debate) -> None:
    bill = debate.bill(TITLE)
    (a90,) = select(debate.amendments, numbers={"90"})
    wrong = type(a90)(a90.number, a90.authors, a90.group, "10", a90.lines, a90.line)
    result = amend(bill, (wrong,), TRANSCRIPT.name)
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.FAILED
    # article 10's fourth alinéa is not the one the amendment was written for
    assert outcome.diagnostics[0].code == "LD302"
    assert "renseignement" in outcome.diagnostics[0].message
    assert result.code == result.bill


def test_an_inserted_alinea_inside_a_quotation_opens_with_a_quote(debate: Debate) -> None:
    lines = (("Après l'alinéa 5", 1), ("Insérer un alinéa ainsi rédigé :", 2),
             ("« III bis. – Nouveau. »", 3))
    (a,) = select(debate.amendments, numbers={"90"})
    result = amend(debate.bill(TITLE), (type(a)("1", "x", None, "11", lines, 1),), "t")
    texts = [x.text for x in result.code.find_articles("11")[0].article.alineas]
    assert texts[5] == "« III bis. – Nouveau."
    # outside a quotation, a line of the bill itself, checked as such: a III after the II
    lines = (("Après l'alinéa 11", 1), ("Insérer un alinéa ainsi rédigé :", 2),
             ("« III. – Nouveau. »", 3))
    result = amend(debate.bill(TITLE), (type(a)("2", "x", None, "11", lines, 1),), "t")
    assert [x.text for x in result.code.find_articles("11")[0].article.alineas][11] == (
        "III. – Nouveau.")
    # … but not after the quotation closes (« V. – (Supprimé) ».): it would precede the II
    lines = (("Après l'alinéa 9", 1), ("Insérer un alinéa ainsi rédigé :", 2),
             ("« III. – Nouveau. »", 3))
    result = amend(debate.bill(TITLE), (type(a)("3", "x", None, "11", lines, 1),), "t")
    assert result.outcomes[0].diagnostics[0].code == "LD306"


# -- the corpus's other amendments ------------------------------------------------------

AMENDMENT_CASES = ["provisions-07", "provisions-08", "provisions-09", "provisions-17",
                   "provisions-18", "provisions-19", "provisions-20", "provisions-21",
                   "provisions-22", "provisions-23", "provisions-24", "provisions-25",
                   "provisions-26"]


def test_the_corpus_amendments_parse_to_operations(golden: Callable[[str, str], None]) -> None:
    cases = {c["name"]: c for c in json.loads(
        (FIXTURES / "bills" / "cases.json").read_text("utf-8"))}
    out: dict[str, dict[str, Any]] = {}
    for name in AMENDMENT_CASES:
        lines = [(t, i) for i, t in enumerate(cases[name]["text"].split("\n"), 1)]
        read = read_amendment(lines, article="2", bill_text="projet", number=name)
        assert not read.unrecognized, name
        out[name] = {"on_code": read.on_code, "sentences": [p.sentence for p in read.pieces],
                     "operations": [operation_json(op) for op in read.operations],
                     "diagnostics": [d.code for d in read.diagnostics]}
    golden("amendments/corpus.json", json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    # a few by hand
    assert out["provisions-07"]["operations"][0]["kind"] == "delete_words"
    assert out["provisions-17"]["sentences"][1] == "rédiger ainsi l’alinéa 6 :"
    assert out["provisions-18"]["on_code"] is True


# -- the command line -------------------------------------------------------------------


def test_debate_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["debate", str(TRANSCRIPT), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["number"] for a in data["amendments"]] == ["73", "55", "56", "24", "26", "74",
                                                         "27", "90"]


def test_amend_command(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       golden: Callable[[str, str], None]) -> None:
    out, page, report = tmp_path / "amende.txt", tmp_path / "r.html", tmp_path / "r.json"
    assert main(["amend", str(TRANSCRIPT), "--select", "90", "--title", TITLE, "-o", str(out),
                 "--html", str(page), "--report", str(report)]) == 0
    capsys.readouterr()
    golden("debate/projet-amende-90.txt", out.read_text("utf-8"))
    assert "amendement n° 90" in page.read_text("utf-8")
    assert json.loads(report.read_text("utf-8"))["amendments"][0]["status"] == "applied"
    # every amendment: those on article 8 cannot apply (exit 1)
    assert main(["amend", str(TRANSCRIPT), "--all", "-q", "-o", str(out)]) == 1
    assert "[LD401]" in capsys.readouterr().err
    # a selection is required; an unknown number is an error
    with pytest.raises(SystemExit):
        main(["amend", str(TRANSCRIPT)])
    assert main(["amend", str(TRANSCRIPT), "--select", "999"]) == 2


def test_apply_with_amendments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What the code would say if amendment n° 90 passed."""
    out = tmp_path / "csi.md"
    assert main(["apply", str(BASE), str(TRANSCRIPT), "--amendments", str(TRANSCRIPT),
                 "--select", "90", "--title", TITLE, "-o", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text("utf-8")
    assert ("par les services spécialisés de renseignement et les services mentionnés à "
            "l’article L. 811-4 désignés") in text
    # the transcript alone, as the bill: the same text as the bill file of examples/
    plain = tmp_path / "plain.md"
    assert main(["apply", str(BASE), str(TRANSCRIPT), "--title", TITLE, "-o", str(plain)]) == 0
    capsys.readouterr()
    assert plain.read_text("utf-8") == (Path(__file__).parent / "golden" / "apply" /
                                        "csi-livre-viii-apres.md").read_text("utf-8")


def test_amendment_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Amendement n° 90\nprésenté par le Gouvernement\nArticle 11\n"
            "Alinéa 4, première phrase\nAprès le mot :\nrenseignement\ninsérer les mots :\n"
            "et d'autres services,\n\nAmendement n° 27\nArticle 11\nSupprimer cet article.\n")
    amendments = read_amendments_file(text, "amdts.txt")
    assert [(a.number, a.authors, a.article, a.line) for a in amendments] == [
        ("90", "le Gouvernement", "11", 1), ("27", "", "11", 10)]
    path = tmp_path / "amdts.txt"
    path.write_text(text, "utf-8")
    out = tmp_path / "out.txt"
    assert main(["amend", str(TRANSCRIPT), str(path), "--select", "90", "-o", str(out)]) == 0
    capsys.readouterr()
    assert "de renseignement et d'autres services, d’un appareil" in out.read_text("utf-8")


# The Senate prints the place of an article additionnel on a line of its own, then
# « Insérer un article additionnel ainsi rédigé : » (amendments n° 30 rectifié bis of
# 30 March 2016, n° 83 rectifié, n° 342 on the Senate's pages): the two lines are one
# instruction; a part's label before the place is passed over.
@pytest.mark.parametrize(("place", "anchor"), [
    ("Après l'article 6", "Après l'article 6"),
    ("Avant l’article 33", "Avant l’article 33"),
    ("I. Après l’article 36", "Après l’article 36"),
])
def test_a_place_line_opens_the_article_additionnel(place: str, anchor: str) -> None:
    assert is_location_line(place)
    body = ("À la première phrase du premier alinéa de l'article 706-54 du code de procédure "
            "pénale, après les mots : « l'identification et la recherche », sont insérés les "
            "mots : « directes ou indirectes ».")
    lines = [(place, 1), ("Insérer un article additionnel ainsi rédigé :", 2), (body, 3)]
    pieces, diagnostics = split_pieces(lines)
    assert [(p.sentence, p.block) for p in pieces] == [
        (f"{anchor}, insérer un article additionnel ainsi rédigé :", (body,))]
    assert diagnostics == []


@pytest.mark.parametrize("line", [
    "Insérer un article additionnel ainsi rédigé :",
    "Après l'article 6, insérer un article additionnel ainsi rédigé :",
    "Supprimer cet article.",
])
def test_an_instruction_is_not_a_place_line(line: str) -> None:
    assert not is_location_line(line)


# -- the older drafting: a change located in the text a bill article proposes -----------
#
# « Dans le premier alinéa du texte proposé par le I de cet article pour l'article
# L. 423-14 … » (amendment n° 8 on article 9 of the second 2009 finance bill, corpus item
# #1077), « Supprimer le cinquième alinéa (1°) du III du texte proposé par cet article pour
# l'article L. 213-10-2 du code de l'environnement. » (amendment n° 455 on the 2006 water
# bill, #6088): the unit is counted inside the quoted text written for that code article.
# The corpus holds neither bill: the bill articles below are built for these tests from
# the amendments' own words (a first alinéa holding « 30 % », a III whose fifth alinéa is
# a 1°), and say so.

from legidiff.bill.text import read_bill  # noqa: E402
from legidiff.parliament.debate import Amendment  # noqa: E402

_BILL_9 = """Projet de loi de finances rectificative (article construit pour les tests)
Article 9
I. – L'article L. 423-14 du code de la construction et de l'habitation est ainsi rédigé :
« Art. L. 423-14. – Les organismes versent un prélèvement lorsque leurs investissements \
sont inférieurs à 30 % de leur potentiel financier.
« L'investissement annuel est égal à l'augmentation des postes d'immobilisations.
« Les ressources de long terme sont prises en compte. Elles sont calculées chaque année.
« Le prélèvement est fixé à 25 %.
« Il est versé à la caisse mentionnée à l'article L. 452-1. »
II. – Le présent article entre en vigueur le 1er janvier 2010.
"""
_BILL_37 = """Projet de loi sur l'eau et les milieux aquatiques (article construit pour les tests)
Article 37
Après l'article L. 213-10 du code de l'environnement, sont insérés deux articles ainsi rédigés :
« Art. L. 213-10-1. – Les redevances sont perçues par l'agence de l'eau.
« Art. L. 213-10-2. – I. – Toute personne dont les activités entraînent des rejets \
est assujettie à une redevance.
« II. – L'assiette de la redevance est la pollution annuelle.
« III. – Les éléments constitutifs de la pollution sont :
« – les matières en suspension ;
« – la demande chimique en oxygène ;
« – l'azote réduit ;
« 1° Les sels dissous ;
« 2° La chaleur rejetée en mer.
« IV. – La redevance est due à compter du 1er janvier 2008. »
"""
_L423 = ("texte proposé par le I de cet article pour l'article L. 423-14 de code de la "
         "construction et de l'habitation")
_L213 = "texte proposé par cet article pour l'article L. 213-10-2 du code de l'environnement"


def _amended(bill: str, article: str, text: str) -> tuple[Any, list[str]]:
    lines = tuple((x, i + 1) for i, x in enumerate(text.split("\n")) if x.strip())
    amended = amend(read_bill(bill), (Amendment("8", "", None, article, lines, 1),))
    outcome = amended.outcomes[0]
    return outcome, write_bill(amended).splitlines()[2:]


@pytest.mark.parametrize(("sentence", "article", "steps"), [
    (f"Dans le premier alinéa du {_L423}, remplacer les taux :\n30 %\npar le taux :\n50 %",
     "9", "art_9/lab_I/prop_L423-14/al_1"),
    (f"Supprimer le cinquième alinéa (1°) du III du {_L213}.", "37",
     "art_37/prop_L213-10-2/lab_III/al_5"),
    # the Senate's transcript of 2001, the bill article named: « de l'article 1er »
    ("Par amendement n° 72 rectifié, MM. Eckenspieller, François, Murat, Fournier, Joyandet, "
     "Dufaut et Cazalet proposent, dans le premier alinéa du texte présenté par le III de "
     "l'article 1er pour l'article 7-1 de la loi n° 92-125 du 6 février 1992, avant les "
     "mots : « leurs ressources », d'insérer les mots : « la faiblesse de ».", "1er",
     "art_1/lab_III/prop_7-1/al_1"),
    ("Dans le premier alinéa du texte proposé par le 2° du I de cet article pour l'article "
     "L. 5-1 du code rural, supprimer le mot : « annuel ».", "4",
     "art_4/lab_I/lab_2°/prop_L5-1/al_1"),
    ("Au premier alinéa de la rédaction proposée par le 2° du I de cet article pour l'article "
     "L. 5-1 du code rural, supprimer le mot : « annuel ».", "4",
     "art_4/lab_I/lab_2°/prop_L5-1/al_1"),
])
def test_old_locator_read_as_a_step_in_the_proposed_text(sentence: str, article: str,
                                                         steps: str) -> None:
    lines = [(x, i + 1) for i, x in enumerate(sentence.split("\n"))]
    read = read_amendment(lines, article=article, bill_text="pjl")
    assert not read.unrecognized
    assert [str(op.target).split(":", 1)[1] for op in read.operations] == [steps]


def test_old_locator_names_the_bill_article_when_the_amendment_does_not() -> None:
    # « par le III de l'article 1er » in a transcript that does not say the article
    read = read_amendment([("Dans le premier alinéa du texte présenté par le III de l'article "
                            "1er pour l'article 7-1 de la loi n° 92-125 du 6 février 1992, "
                            "supprimer le mot : « annuel ».", 1)], article=None, bill_text="pjl")
    assert [str(op.target) for op in read.operations] == ["pjl:art_1/lab_III/prop_7-1/al_1"]


def test_old_locator_of_another_bill_article_is_not_read() -> None:
    # « par le III de l'article 1er » in an amendment on article 2: not guessed
    read = read_amendment([("Dans le premier alinéa du texte présenté par le III de l'article "
                            "1er pour l'article 7-1 de la loi n° 92-125 du 6 février 1992, "
                            "supprimer le mot : « annuel ».", 1)], article="2", bill_text="pjl")
    assert read.unrecognized and not read.operations


def test_same_text_follows_the_proposed_text_and_parts_end_an_open_quotation() -> None:
    # amendment n° 8 (#1077): its part II's text lacks its closing », part III's has none
    text = (f"I. - Dans le premier alinéa du {_L423}, remplacer les taux :\n30 %\n"
            "par le taux :\n50 %\n"
            "II. - Rédiger comme suit le deuxième alinéa du même texte :\n"
            "« L'investissement annuel est égal à l'augmentation des stocks.\n"
            "III. - Rédiger comme suit la deuxième phrase du troisième alinéa du même texte :\n"
            "Les ressources sont le capital.\n"
            "IV. - Rédiger comme suit le quatrième alinéa du même texte :\n"
            "« Le prélèvement est fixé à 25 % moins le rapport.")
    outcome, lines = _amended(_BILL_9, "9", text)
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines == [
        "I. – L'article L. 423-14 du code de la construction et de l'habitation est ainsi "
        "rédigé :",
        "« Art. L. 423-14. – Les organismes versent un prélèvement lorsque leurs "
        "investissements sont inférieurs à 50 % de leur potentiel financier.",
        "« L'investissement annuel est égal à l'augmentation des stocks.",
        "« Les ressources de long terme sont prises en compte. Les ressources sont le capital.",
        "« Le prélèvement est fixé à 25 % moins le rapport.",
        "« Il est versé à la caisse mentionnée à l'article L. 452-1. »",
        "II. – Le présent article entre en vigueur le 1er janvier 2010."]


def test_the_first_and_last_lines_keep_their_heading_and_quotation_marks() -> None:
    outcome, lines = _amended(_BILL_9, "9", f"Rédiger comme suit le premier alinéa du {_L423} :"
                              "\n« Les organismes versent un prélèvement. »")
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines[1] == "« Art. L. 423-14. – Les organismes versent un prélèvement."
    outcome, lines = _amended(_BILL_9, "9", f"Rédiger comme suit le dernier alinéa du {_L423} :"
                              "\n« Il est versé à l'État. »")
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines[5] == "« Il est versé à l'État. »"


def test_fifth_alinea_of_the_iii_inside_the_proposed_text() -> None:
    outcome, lines = _amended(_BILL_37, "37",
                              f"Supprimer le cinquième alinéa (1°) du III du {_L213}.")
    assert outcome.status is AmendmentStatus.APPLIED
    assert "« 1° Les sels dissous ;" not in lines
    assert len(lines) == len(_BILL_37.splitlines()) - 3
    # the label said is checked: the fourth alinéa of the III is no 1°
    outcome, lines = _amended(_BILL_37, "37",
                              f"Supprimer le quatrième alinéa (1°) du III du {_L213}.")
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics] == ["LD405"]
    assert lines == _BILL_37.splitlines()[2:]


@pytest.mark.parametrize(("bill", "article", "sentence", "says"), [
    (_BILL_9, "9", "Dans le premier alinéa du texte proposé par le II de cet article pour "
     "l'article L. 423-14 du code de la construction et de l'habitation, remplacer le taux : "
     "« 30 % » par le taux : « 50 % ».", "ne cite pas de texte pour l'article L. 423-14"),
    (_BILL_9.replace("II. – Le présent article", "III. – L'article L. 423-14 du code de la "
                     "construction et de l'habitation est ainsi rédigé :\n« Art. L. 423-14. – "
                     "Néant. »\nII. – Le présent article"), "9",
     "Dans le premier alinéa du texte proposé par cet article pour l'article L. 423-14 du "
     "code de la construction et de l'habitation, remplacer le taux : « 30 % » par le taux : "
     "« 50 % ».", "cite 2 textes"),
    # the last line carries the closing »: not deleted; nor the III, several alinéas,
    # rewritten as one
    (_BILL_9, "9", f"Supprimer le dernier alinéa du {_L423}.", "guillemets"),
    (_BILL_37, "37", f"Rédiger comme suit le III du {_L213} :\n« III. – Néant. »",
     "compte 6 alinéas"),
])
def test_proposed_text_not_found_twice_or_at_its_marks_is_refused(
        bill: str, article: str, sentence: str, says: str) -> None:
    outcome, lines = _amended(bill, article, sentence)
    assert outcome.status is AmendmentStatus.FAILED
    assert any(d.code == "LD405" and says in d.message for d in outcome.diagnostics)
    assert lines == bill.splitlines()[2:]


def test_the_end_of_the_last_line_and_a_completion_keep_the_closing_mark() -> None:
    # parts V and VI of amendment n° 8 (#1077): the end after « article » deleted, the
    # » kept; then an alinéa added, the » moving to it
    text = (f"V. - Après le mot :\narticle\nsupprimer la fin du dernier alinéa du {_L423}.\n"
            "VI. - Compléter ce même texte par un alinéa ainsi rédigé :\n"
            "« Les sociétés d'économie mixte sont soumises au prélèvement. »")
    outcome, lines = _amended(_BILL_9, "9", text)
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines[5:] == ["« Il est versé à la caisse mentionnée à l'article.",
                         "« Les sociétés d'économie mixte sont soumises au prélèvement. »",
                         "II. – Le présent article entre en vigueur le 1er janvier 2010."]
    outcome, lines = _amended(_BILL_37, "37", "Compléter le texte proposé par cet article pour "
                              "l'article L. 213-10-1 du code de l'environnement par un alinéa "
                              "ainsi rédigé :\n« Elles sont affectées. »")
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines[1:3] == ["« Art. L. 213-10-1. – Les redevances sont perçues par l'agence de "
                          "l'eau.", "« Elles sont affectées."]


def test_a_line_with_marks_changed_by_two_amendments_is_refused() -> None:
    bill = read_bill(_BILL_9)
    first = (f"Dans le dernier alinéa du {_L423}, remplacer le mot : « caisse » par le "
             "mot : « banque ».", 1)
    second = ("Alinéa 6", 1), ("Après le mot :", 2), ("versé", 3), ("insérer le mot :", 4), \
        ("chaque année", 5)
    amended = amend(bill, (Amendment("1", "", None, "9", (first,), 1),
                           Amendment("2", "", None, "9", second, 2)))
    assert [o.status for o in amended.outcomes] == [AmendmentStatus.FAILED,
                                                    AmendmentStatus.APPLIED]
    assert "n° 2" in amended.outcomes[0].diagnostics[-1].message


def test_the_real_amendment_8_applies_whole() -> None:
    """#1077 as the corpus gives it, on the bill article built from its words."""
    path = corpus_path("instructions", "instructions.jsonl")
    text = next(json.loads(line)["text"] for line in path.open(encoding="utf-8")
                if "texte proposé par le I de cet article pour l'article L. 423-14" in line)
    outcome, lines = _amended(_BILL_9, "9", text)
    assert outcome.status is AmendmentStatus.APPLIED
    assert [d.code for d in outcome.diagnostics] == ["LD202", "LD202"]  # II, IV: no »
    assert lines[1].startswith("« Art. L. 423-14. – ") and "50 %" in lines[1]
    assert lines[3].startswith("« Les ressources de long terme sont prises en compte. "
                               "Les ressources de long terme prises en compte sont le capital")
    assert lines[5] == "« Il est versé à la caisse mentionnée à l'article."
    assert lines[6].startswith("« Les sociétés d'économie mixte") and lines[6].endswith(
        "l'État. »")
    assert len(lines) == len(_BILL_9.splitlines()) - 2 + 1


def test_a_further_part_ends_a_text_its_purpose_passed_over() -> None:
    # amendments #1139 / #1140 of the corpus (a 2009 finance bill): « II. Pour compenser
    # …, compléter cet article … » is a part, not a line of the text before it
    lines = ["I. Après l'alinéa 3", "Insérer deux alinéas ainsi rédigés :",
             "...° Après ce même tableau, il est inséré un alinéa ainsi rédigé :",
             "« Les véhicules bénéficient d'un abattement de 40 %. »",
             "II. Pour compenser la perte de recettes résultant du I ci-dessus, compléter cet "
             "article par un paragraphe ainsi rédigé :",
             "La perte de recettes est compensée par une taxe additionnelle."]
    pieces, _ = split_pieces([(t, n) for n, t in enumerate(lines, 1)])
    assert [(p.sentence, len(p.block or ())) for p in pieces] == [
        ("Après l'alinéa 3, insérer deux alinéas ainsi rédigés :", 2),
        ("Compléter cet article par un paragraphe ainsi rédigé :", 1)]
    # a verb inside a line of the text is no part: « II. – Le ministre peut supprimer … »
    lines = ["Rédiger ainsi cet article :", "I. – Le ministre fixe le taux.",
             "II. – Le ministre peut supprimer la taxe."]
    pieces, _ = split_pieces([(t, n) for n, t in enumerate(lines, 1)])
    assert len(pieces) == 1 and len(pieces[0].block or ()) == 2


# -- an amendment on a quoted line of the bill: the framing kept ------------------------

_QUOTED = """Projet de loi test
Article 3
I. - Après l'article L. 1 du code civil, il est inséré un article L. 1-1 ainsi rédigé :
« Art. L. 1-1. - Premier alinéa.
« Alinéa du milieu, qui dit une chose. Puis une autre.
« Second alinéa du texte. » ;
II. - Le reste.
"""
_HEAD = "I. - Après l'article L. 1 du code civil, il est inséré un article L. 1-1 ainsi rédigé :"
_MIDDLE = "« Alinéa du milieu, qui dit une chose. Puis une autre."


@pytest.mark.parametrize(("body", "expected", "codes"), [
    # a new text without the marks: the line's kept, said (LD406)
    ("Alinéa 4\nRédiger ainsi cet alinéa :\nAutre alinéa.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Autre alinéa. » ;"], ["LD406"]),
    ("Alinéa 2\nRédiger ainsi cet alinéa :\nAutre premier.",
     ["« Art. L. 1-1. - Autre premier.", _MIDDLE, "« Second alinéa du texte. » ;"],
     ["LD406"]),
    ("Alinéa 3\nRédiger ainsi cet alinéa :\nAutre milieu.",
     ["« Art. L. 1-1. - Premier alinéa.", "« Autre milieu.", "« Second alinéa du texte. » ;"],
     ["LD406"]),
    # the new text reproduces the marks, as both assemblies write it: taken as it is
    ("Rédiger ainsi l'alinéa 4 :\n« « Autre alinéa. » ; »",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Autre alinéa. » ;"], []),
    ("Rédiger ainsi l'alinéa 3 :\n« « Autre milieu. »",
     ["« Art. L. 1-1. - Premier alinéa.", "« Autre milieu.", "« Second alinéa du texte. » ;"],
     []),
    # words at the end of the closing line: inside the marks
    ("Alinéa 4\nAprès le mot :\nalinéa\nrédiger ainsi la fin de cet alinéa :\nnouveau.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa nouveau. » ;"], []),
    ("Alinéa 4\nCompléter cet alinéa par les mots :\net suite",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa du texte et suite. » ;"],
     []),
    ("Alinéa 4\nAprès le mot :\nalinéa\nsupprimer la fin de cet alinéa.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa. » ;"], []),
    # words inside: as before
    ("Alinéa 4\nSupprimer les mots :\ndu texte",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa. » ;"], []),
    # a phrase of a quoted line, the first one of a middle line, the last of the closing
    ("Alinéa 3, première phrase\nRédiger ainsi cette phrase :\nUne phrase nouvelle.",
     ["« Art. L. 1-1. - Premier alinéa.", "« Une phrase nouvelle. Puis une autre.",
      "« Second alinéa du texte. » ;"], []),
    ("Alinéa 4\nCompléter cet alinéa par une phrase ainsi rédigée :\nEt encore.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa du texte. Et encore. » ;"],
     []),
    # deleting the closing line: its » (and « ; ») moves to the line before
    ("Supprimer l'alinéa 4.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE + " » ;"], []),
    ("Supprimer l'alinéa 3.",
     ["« Art. L. 1-1. - Premier alinéa.", "« Second alinéa du texte. » ;"], []),
    ("Supprimer les alinéas 3 et 4.", ["« Art. L. 1-1. - Premier alinéa. » ;"], []),
    ("Supprimer les alinéas 3 à 4.", ["« Art. L. 1-1. - Premier alinéa. » ;"], []),
    # several lines of the quotation rewritten: the first's heading, the last's »
    ("Rédiger ainsi les alinéas 3 et 4 :\nUn.\nDeux.",
     ["« Art. L. 1-1. - Premier alinéa.", "« Un.", "« Deux. » ;"], ["LD406"]),
    # the marks reproduced, the heading not: kept, said
    ("Rédiger ainsi l'alinéa 2 :\n« « Autre premier. »",
     ["« Art. L. 1-1. - Autre premier.", _MIDDLE, "« Second alinéa du texte. » ;"],
     ["LD406"]),
    ("Rédiger ainsi l'alinéa 2 :\n« « Art. L. 1-1. - Autre premier. »",
     ["« Art. L. 1-1. - Autre premier.", _MIDDLE, "« Second alinéa du texte. » ;"], []),
    # lines added after the closing one, with their own «: the quotation goes on
    ("Après l'alinéa 4, insérer un alinéa ainsi rédigé :\n« « Troisième alinéa. » ; »",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa du texte.",
      "« Troisième alinéa. » ;"], []),
    # … without: a line of the bill, as before
    ("Après l'alinéa 4, insérer un alinéa ainsi rédigé :\nI bis. - Autre chose.",
     ["« Art. L. 1-1. - Premier alinéa.", _MIDDLE, "« Second alinéa du texte. » ;",
      "I bis. - Autre chose."], []),
])
def test_a_quoted_line_keeps_its_framing(body: str, expected: list[str],
                                         codes: list[str]) -> None:
    outcome, lines = _amended(_QUOTED, "3", body)
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert [d.code for d in outcome.diagnostics] == codes
    assert lines[0] == _HEAD and lines[-1] == "II. - Le reste."
    assert lines[1:-1] == expected


@pytest.mark.parametrize("body", [
    "Supprimer l'alinéa 2.",  # the « Art. L. 1-1. – » heading would go
    "Supprimer les alinéas 2, 3 et 4.",  # the quotation left empty
    "Supprimer les alinéas 2 à 4.",
    "Rédiger ainsi l'alinéa 3 :\n« « Autre milieu. » »",  # it would close the quotation early
])
def test_a_quoted_line_change_that_cannot_be_exact_fails(body: str) -> None:
    outcome, lines = _amended(_QUOTED, "3", body)
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics][-1] == "LD405"
    assert lines == _QUOTED.splitlines()[2:]


def test_a_line_of_the_bill_is_changed_as_before() -> None:
    outcome, lines = _amended(_QUOTED, "3", "Rédiger ainsi l'alinéa 5 :\nII. - Autre reste.")
    assert outcome.status is AmendmentStatus.APPLIED and not outcome.diagnostics
    assert lines == [*_QUOTED.splitlines()[2:-1], "II. - Autre reste."]
    outcome, lines = _amended(_QUOTED, "3", "Alinéa 1\nCompléter cet alinéa par les mots :\n"
                              "et un autre")
    assert outcome.status is AmendmentStatus.APPLIED
    assert lines[0] == _HEAD[:-2] + " et un autre :"  # the engine's rule: before the colon
    assert lines[1:] == _QUOTED.splitlines()[3:]


# -- review: a quotation inside a quotation of the bill -----------------------------------
# A line « « 2° … » ; (a quotation quoted inside the quoted text) has marks of its own
# inside the outer ones: a change at its start or end, or a new text without them, lost
# or misplaced them (« « 2° Le mineur émancipé. » et majeur ; / « Autre. for « « Autre. » ;);
# lines inserted inside the inner quotation opened with one « instead of « «.

_NESTED = """Projet de loi test
Article 4
Le code civil est ainsi modifié :
1° L'article 5 est ainsi rédigé :
« Art. 5. - Le 2° de l'article 6 est ainsi rédigé :
« « 2° Le mineur émancipé. » ;
« Le reste. » ;
2° L'article 6 est ainsi rédigé :
« Art. 6. - L'article 7 est ainsi rédigé :
« « Art. 7. - Premier.
« « Second. » ;
« Le reste. » ;
3° Fin.
"""


@pytest.mark.parametrize("body", [
    "Alinéa 4\nCompléter cet alinéa par les mots :\net majeur",
    "Rédiger ainsi l'alinéa 4 :\nAutre.",
    "Alinéa 4\nAprès le mot :\nmineur\nrédiger ainsi la fin de cet alinéa :\nmajeur.",
    "Supprimer l'alinéa 5.",  # the » ; of the outer quotation after the inner » ;
    "Alinéa 9\nCompléter cet alinéa par les mots :\net plus",
    "Rédiger ainsi l'alinéa 8 :\nAutre.",
    "Après l'alinéa 8, insérer un alinéa ainsi rédigé :\nNouveau.",
    "Avant l'alinéa 9, insérer un alinéa ainsi rédigé :\n« Nouveau. »",
])
def test_a_line_quoting_a_quotation_is_refused_when_its_marks_are_uncertain(
        body: str) -> None:
    outcome, lines = _amended(_NESTED, "4", body)
    assert outcome.status is AmendmentStatus.FAILED, lines
    assert [d.code for d in outcome.diagnostics][-1] == "LD405"
    assert lines == _NESTED.splitlines()[2:]


@pytest.mark.parametrize(("body", "changed"), [
    # words inside the line, a line of the outer quotation added, the marks reproduced
    ("Alinéa 4\nSupprimer le mot :\némancipé", {3: "« « 2° Le mineur. » ;"}),
    ("Après l'alinéa 8, insérer un alinéa ainsi rédigé :\n« « « Nouveau. »",
     {7: "« « Art. 7. - Premier.\n« « Nouveau."}),
    ("Alinéa 7\nCompléter cet alinéa par les mots :\net plus",
     {6: "« Art. 6. - L'article 7 est ainsi rédigé et plus :"}),
])
def test_a_line_quoting_a_quotation_keeps_what_is_certain(body: str,
                                                          changed: dict[int, str]) -> None:
    outcome, lines = _amended(_NESTED, "4", body)
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    expected = _NESTED.splitlines()[2:]
    for index, text in changed.items():
        expected[index] = text
    assert lines == "\n".join(expected).splitlines()


# -- review: « texte proposé … pour l'article L. 423-14 » when the bill names two --------
# A quotation without its « Art. … – » heading was taken as the text proposed for any
# article its instruction names: « Après l'article L. 423-14, il est inséré un article
# L. 423-14-1 ainsi rédigé : « … » » then read as the text for L. 423-14 (the anchor).

@pytest.mark.parametrize("number", ["L. 423-14", "L. 423-14-1"])
def test_a_quotation_of_an_instruction_naming_two_articles_is_for_neither(
        number: str) -> None:
    bill = ("Projet de loi test\nArticle 9\nI. - Après l'article L. 423-14 du code de la "
            "construction et de l'habitation, il est inséré un article L. 423-14-1 ainsi "
            "rédigé :\n« Le taux réduit est de 30 %. »\nII. - Le reste.\n")
    outcome, lines = _amended(bill, "9", _L423.replace("L. 423-14", number).join(
        ["Dans le premier alinéa du ", ", remplacer le taux :\n30 %\npar le taux :\n50 %"]))
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics] == ["LD405"]
    assert lines == bill.splitlines()[2:]
    # the instruction naming one article only: its quotation is the text proposed for it
    bill = bill.replace("Après l'article L. 423-14 du code de la construction et de "
                        "l'habitation, il est inséré un article L. 423-14-1 ainsi rédigé",
                        "L'article L. 423-14-1 du même code est ainsi rédigé")
    outcome, lines = _amended(bill, "9", _L423.replace("L. 423-14", number).join(
        ["Dans le premier alinéa du ", ", remplacer le taux :\n30 %\npar le taux :\n50 %"]))
    if number == "L. 423-14":
        assert outcome.status is AmendmentStatus.FAILED
    else:
        assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
        assert lines[1] == "« Le taux réduit est de 50 %. »"


# -- review: a range of alinéas across the edge of a quotation ----------------------------
# « Rédiger ainsi les alinéas 4 et 5 » where 4 closes a quotation and 5 is a line of the
# bill replaced both with a line without marks: the quotation never closed; the same
# across its opening line lost its « Art. X. – » heading. Refused (LD405); a range
# holding whole quotations, or inside one, as before.

@pytest.mark.parametrize("body", [
    "Rédiger ainsi les alinéas 4 et 5 :\nAutre.",
    "Rédiger ainsi les alinéas 4 à 5 :\n« Autre. »",
    "Rédiger ainsi les alinéas 1 et 2 :\nAutre :",
])
def test_a_range_across_the_edge_of_a_quotation_is_refused(body: str) -> None:
    test_a_quoted_line_change_that_cannot_be_exact_fails(body)


def test_a_range_holding_a_whole_quotation_is_rewritten() -> None:
    outcome, lines = _amended(_QUOTED, "3", "Rédiger ainsi les alinéas 1 à 4 :\nI. - Autre.")
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert lines == ["I. - Autre.", "II. - Le reste."]


# -- the bill's own title: « Rédiger ainsi le titre du projet de loi : … » ----------------
# (Assemblée nationale, July–September 2009: 117 amendments of this form on the HADOPI 2
# bill; « Dans le titre de la proposition de loi, après le mot : « groupes », insérer les
# mots : « , les violences scolaires » » on the 2009 proposition on gangs). On no article:
# applied to the title, with the checks of any words.

_GANGS = ("Proposition de loi renforçant la lutte contre les violences de groupes et la "
          "protection des personnes chargées d'une mission de service public")
_GANGS_BILL = f"{_GANGS}\nArticle 1er\nLe code pénal est ainsi modifié.\n"


def _title_amended(text: str, bill: str = _GANGS_BILL) -> tuple[Any, str]:
    lines = tuple((x, i + 1) for i, x in enumerate(text.split("\n")) if x.strip())
    amended = amend(read_bill(bill), (Amendment("12", "", None, None, lines, 1),))
    return amended.outcomes[0], write_bill(amended).splitlines()[0]


@pytest.mark.parametrize(("text", "title"), [
    ("Dans le titre de la proposition de loi, après le mot :\n« groupes »,\ninsérer les mots :"
     "\n« , les violences scolaires ».", _GANGS.replace("groupes", "groupes, les violences "
                                                      "scolaires")),
    ("Rédiger ainsi le titre de la proposition de loi :\n« Proposition de loi relative aux "
     "bandes violentes ».", "Proposition de loi relative aux bandes violentes"),
    ("Compléter le titre de la proposition de loi par les mots :\n« et des enseignants ».",
     f"{_GANGS} et des enseignants"),
    ("Dans le titre de la proposition de loi, supprimer les mots :\n« et la protection des "
     "personnes chargées d'une mission de service public ».",
     "Proposition de loi renforçant la lutte contre les violences de groupes"),
])
def test_an_amendment_rewrites_or_edits_the_bill_title(text: str, title: str) -> None:
    outcome, first_line = _title_amended(text)
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert first_line == title


def test_an_amendment_on_the_title_is_checked() -> None:
    outcome, first_line = _title_amended("Dans le titre de la proposition de loi, après le "
                                         "mot :\n« bandes »,\ninsérer le mot :\n« armées ».")
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics] == ["LD302"]
    assert first_line == _GANGS


def test_an_amendment_on_no_article_and_not_on_the_title_has_no_text() -> None:
    outcome, _ = _title_amended("Supprimer le mot :\n« groupes ».")
    assert outcome.status is AmendmentStatus.NO_TEXT


def test_amendments_on_the_title_fall_or_are_identical_as_on_an_article() -> None:
    """Each refers to the title as tabled: a rewriting of the whole title makes the others
    on the title fall (LD403), an identical text applies once (LD404)."""
    texts = ["Rédiger ainsi le titre de la proposition de loi :\n« Proposition de loi A ».",
             "Rédiger ainsi le titre de la proposition de loi :\n« Proposition de loi B ».",
             "Rédiger ainsi le titre de la proposition de loi :\n« Proposition de loi A ».",
             "Compléter le titre de la proposition de loi par les mots :\n« et C »."]
    amendments = tuple(
        Amendment(str(n), "", None, None, tuple((x, i + 1) for i, x in enumerate(
            text.split("\n"))), 1) for n, text in enumerate(texts, 1))
    amended = amend(read_bill(_GANGS_BILL), amendments)
    assert [(o.status, o.because_of) for o in amended.outcomes] == [
        (AmendmentStatus.APPLIED, None), (AmendmentStatus.FALLEN, "1"),
        (AmendmentStatus.IDENTICAL, "1"), (AmendmentStatus.FALLEN, "1")]
    assert write_bill(amended).splitlines()[0] == "Proposition de loi A"
