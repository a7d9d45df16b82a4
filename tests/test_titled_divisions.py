"""Divisions named by their heading: those of no kind or readable number ("DROITS DE
TIMBRE", "III : Exonérations", "CONTRAT DE TRAVAIL .", "Annexes", real headings of the
LEGI history), named as the laws amending the code général des impôts name them —
« la division intitulée : « … » », « la division « II bis : … » », and created as « il
est inséré une division et un intitulé ainsi rédigés : « … » »."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import ROOT, legi_history_mirror

from legidiff.apply.consolidate import consolidate
from legidiff.bill.parse import parse_bill, parse_locator
from legidiff.document.locator import Locator, ResolveError, Step, StepKind, resolve
from legidiff.document.model import Code, Division, DivisionKind
from legidiff.draft import draft, structure_difference
from legidiff.formats import layout
from legidiff.formats import markdown as md

# real headings of the history (code général des impôts and its annexes, code du
# travail, code des communes, code des pensions militaires)
CGI = ("# Code général des impôts\n\n## Livre premier\n\n### DROITS DE TIMBRE\n\n"
       "#### Article 945\n\nUn.\n\n### III : Exonérations\n\n#### Article 946\n\nDeux.\n\n"
       "### Personnel communal\n\n#### Section 1\n\n##### Article 947\n\nTrois.\n")


def _code(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


@pytest.mark.parametrize(("french", "heading"), [
    ("la division intitulée : « DROITS DE TIMBRE »", "DROITS DE TIMBRE"),
    ("la division « III : Exonérations »", "III : Exonérations"),
    ("la division intitulée « CONTRAT DE TRAVAIL . »", "CONTRAT DE TRAVAIL ."),
    ("la division intitulée : « Annexes »", "Annexes"),
])
def test_the_grammar_reads_a_division_named_by_its_heading(french: str, heading: str) -> None:
    locator = parse_locator(french + " du livre Ier du code général des impôts")
    assert locator.steps[-1] == Step(StepKind.DIVISION, heading)
    assert locator.steps[0] == Step(StepKind.LIVRE, "1")
    assert Locator.parse(str(locator)) == locator


@pytest.mark.parametrize("heading", [
    "III : Exonérations", "CONTRAT DE TRAVAIL .", "2° : Régime général", "50 %_a/b..c@d",
    "Partie réglementaire - Décrets en Conseil d'Etat"])
def test_the_canonical_string_round_trips(heading: str) -> None:
    locator = Locator((Step(StepKind.TITRE, "2"), Step(StepKind.DIVISION, heading)),
                      "code-general-des-impots")
    text = str(locator)
    assert "/" not in text.split("/", 1)[1] and ".." not in text
    assert Locator.parse(text) == locator


def test_the_division_is_found_by_its_heading_exactly() -> None:
    code = _code(CGI)
    # by the whole heading or by its title; typography set aside (spaces, apostrophes)
    for name in ("III : Exonérations", "III  :  Exonérations", "Exonérations"):
        target = resolve(code, Locator((Step(StepKind.DIVISION, name),)))
        assert target.divisions[-1].heading == "III : Exonérations"
    # never approximate: another case, a plural, a missing word is another heading
    for name in ("Droits de timbre", "DROITS DE TIMBRES", "Personnel"):
        with pytest.raises(ResolveError) as err:
            resolve(code, Locator((Step(StepKind.DIVISION, name),)))
        assert err.value.code == "LD120"
        assert "« DROITS DE TIMBRE »" in (err.value.evidence or "") or \
            "« Livre premier »" in (err.value.evidence or "")


def test_two_divisions_of_that_heading_are_ambiguous() -> None:
    twice = CGI + "\n## Livre II\n\n### DROITS DE TIMBRE\n\n#### Article 948\n\nQuatre.\n"
    code = _code(twice)
    with pytest.raises(ResolveError) as err:
        resolve(code, Locator((Step(StepKind.DIVISION, "DROITS DE TIMBRE"),)))
    assert err.value.code == "LD121"
    assert "Livre premier > DROITS DE TIMBRE" in (err.value.evidence or "")
    assert "Livre II > DROITS DE TIMBRE" in (err.value.evidence or "")
    # the divisions above it tell which
    inside = resolve(code, Locator((Step(StepKind.LIVRE, "2"),
                                    Step(StepKind.DIVISION, "DROITS DE TIMBRE"))))
    assert inside.divisions[0].number == "II"


def _apply(text: str, base: str = CGI) -> Code:
    result = consolidate(_code(base), parse_bill("Article 1er\n" + text + "\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    return result.code


def test_the_engine_creates_completes_and_repeals_such_divisions() -> None:
    created = _apply("Après l'article 946 du code général des impôts, il est inséré une "
                     "division et un intitulé ainsi rédigés : « II bis : Taxe sur les "
                     "passagers maritimes »")
    livre = created.children[0]
    assert isinstance(livre, Division)
    new = livre.children[1].children[1]  # type: ignore[union-attr]
    assert isinstance(new, Division)
    assert (new.kind, new.number, new.title) == (DivisionKind.AUTRE, "II bis",
                                                 "Taxe sur les passagers maritimes")
    completed = _apply("La division « III : Exonérations » du livre Ier du code général des "
                       "impôts est complétée par un article 946 bis ainsi rédigé :\n"
                       "« Art. 946 bis. – Deux bis. »")
    assert [p.article.num for p in completed.articles()] == ["945", "946", "946 bis", "947"]
    repealed = _apply("La division intitulée : « Personnel communal » du code général des "
                      "impôts est abrogée.")
    assert [p.article.num for p in repealed.articles()] == ["945", "946"]
    missing = consolidate(_code(CGI), parse_bill(
        "Article 1er\nLa division intitulée : « Personnel » du code général des impôts est "
        "abrogée.\n"))
    assert not missing.complete
    assert any(d.code == "LD301" for d in missing.diagnostics)


@pytest.mark.parametrize(("old", "new"), [
    # created (with what it holds), repealed, completed: real headings
    (CGI, CGI.replace("### III : Exonérations\n\n#### Article 946\n\nDeux.\n\n", "")),
    (CGI.replace("### III : Exonérations\n\n#### Article 946\n\nDeux.\n\n", ""), CGI),
    (CGI, CGI + "\n### CONTRAT DE TRAVAIL .\n\n#### Article 950\n\nCinq.\n"),
    (CGI, CGI.replace("##### Article 947\n\nTrois.\n",
                      "##### Article 947\n\nTrois.\n\n#### Annexes\n\n##### Article 949\n\n"
                      "Quatre.\n")),
    # a heading numbered by a label with two spaces ("3  Evaluation …", code de l'action
    # sociale et des familles): the division 3, quoted as written
    (CGI, CGI + "\n## Livre II\n\n### 3  Evaluation du degré de dépendance des personnes "
                "hébergées dans les établissements.\n\n#### Article R314-170\n\nSix.\n"),
])
def test_drafted_with_the_heading_and_checked_only_when_exact(old: str, new: str) -> None:
    a, b = _code(old), _code(new)
    result = draft(a, b)
    assert result.checked, result.reasons
    assert "division intitulée : « " in result.text
    applied = consolidate(a, parse_bill(result.text))
    assert applied.complete and structure_difference(applied.code, b) is None


def test_a_heading_read_otherwise_is_not_checked() -> None:
    """"3  Evaluation" (two spaces) is the division 3 titled "Evaluation"; "3 Evaluation"
    a heading of no number: the check tells them apart."""
    two = _code(CGI + "\n## Livre II\n\n### 3  Evaluation\n\n#### Article 951\n\nSept.\n")
    one = _code(CGI + "\n## Livre II\n\n### 3 Evaluation\n\n#### Article 951\n\nSept.\n")
    assert structure_difference(two, one) is not None
    result = draft(one, two)
    applied = consolidate(one, parse_bill(result.text)) if result.text else None
    exact = applied is not None and applied.complete and \
        structure_difference(applied.code, two) is None
    assert result.checked == exact


# -- real cases of the LEGI history, drafted and applied ----------------------------------

_CASES = [
    # the CGI's annexe 1 gains "DROITS DE TIMBRE" > "DROITS DE TIMBRE PROPREMENT DITS."
    "creations:642e3a4944:droits-de-timbre-proprement-dits/article-234.md",
    # the CGI loses "DROITS DE TIMBRE" (its last article, 945)
    "deletions:abc7093970:droits-de-delivrance-de-documents-et/article-945.md",
    # the code des communes loses "Services communaux"
    "deletions:441a31730a:services-communaux/concessions-et/article-l324-4.md",
]


@pytest.mark.parametrize("case", _CASES)
def test_real_cases_round_trip(case: str) -> None:
    mirror = legi_history_mirror()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import legi_history
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    pass_name, commit, tail = case.split(":")
    found = [c for c in legi_history.history(mirror)
             if c.pass_name == pass_name and c.commit.startswith(commit) and c.path.endswith(tail)]
    assert len(found) == 1
    blobs = legi_history.Blobs(mirror)
    try:
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            old_root, new_root = legi_history.build(found[0], blobs, Path(folder))
            old, new = layout.read(old_root, []), layout.read(new_root, [])
    finally:
        blobs.close()
    result = draft(old, new)
    assert result.checked, result.reasons
    assert "ivision intitulée : « " in result.text
    applied = consolidate(old, parse_bill(result.text))
    assert applied.complete
    assert legi_history.differences(applied.code, new) is None
    assert structure_difference(applied.code, new) is None


def test_a_heading_is_preferred_to_a_title() -> None:
    """The code général des impôts has « II : Tarifs. » holding « Tarifs. » (section I
    of chapitre premier, titre III): « la division intitulée : « Tarifs. » » is the one
    whose whole heading that is."""
    code = _code("# Code général des impôts\n\n## C : Droits\n\n### II : Tarifs.\n\n"
                 "#### Tarifs.\n\n##### Article 403\n\nUn.\n")
    target = resolve(code, Locator((Step(StepKind.DIVISION, "Tarifs."),)))
    assert target.divisions[-1].heading == "Tarifs."
    assert len(target.divisions) == 3


def test_the_french_form_reads_back() -> None:
    locator = Locator((Step(StepKind.TITRE, "2"), Step(StepKind.DIVISION, "III : Exonérations")))
    french = locator.to_french()
    assert french == "la division intitulée : « III : Exonérations » du titre II"
    assert parse_locator(french) == locator


def test_the_name_agrees_in_the_feminine() -> None:
    without = CGI.replace("### III : Exonérations\n\n#### Article 946\n\nDeux.\n\n", "")
    repealed = draft(_code(CGI), _code(without))
    assert repealed.text == ("Article 1er\nLa division intitulée : « III : Exonérations » du "
                             "livre premier du code général des impôts est abrogée.\n")
    emptied = CGI.replace("##### Article 947\n\nTrois.\n", "")
    completed = draft(_code(emptied.replace("#### Section 1\n", "")), _code(CGI))
    assert "La division intitulée : « Personnel communal » du livre premier du code général " \
           "des impôts est complétée par une section 1 ainsi rédigée" in completed.text
