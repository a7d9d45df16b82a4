"""The table of French codes: every title of LEGI, former names, short forms, annexes;
names found whole in sentences; unknown names get a suggestion."""

from __future__ import annotations

import pytest
from support import corpus_path

from legidiff.bill.parse import parse_bill
from legidiff.lang.codes import canonical_code_name, display_name, is_known, names_in, suggest


def test_every_code_of_legi_is_in_the_table() -> None:
    tsv = corpus_path("codes-2015", "codes.tsv")
    titles = [line.split("\t")[1] for line in tsv.read_text("utf-8").splitlines() if line]
    assert len(titles) == 75
    for title in titles:
        assert is_known(title), title
        # a base's title comes back as Légifrance writes it
        assert display_name(canonical_code_name(title)) == title


@pytest.mark.parametrize(("written", "name"), [
    ("Code des postes et télécommunications",
     "code des postes et des communications électroniques"),
    ("code rural", "code rural et de la pêche maritime"),
    ("code forestier", "code forestier"),
    ("Code forestier (nouveau)", "code forestier (nouveau)"),
    ("code rural (ancien)", "code rural (ancien)"),
    ("CGI", "code général des impôts"),
    ("LPF", "livre des procédures fiscales"),
    ("annexe II au code général des impôts", "code général des impôts, annexe 2"),
    ("l'annexe 4 du code général des impôts", "code général des impôts, annexe 4"),
    ("CODE DU DOMAINE DE L’ETAT", "code du domaine de l'Etat"),
    ("code des communes", "code des communes"),
])
def test_spellings_former_names_and_short_forms(written: str, name: str) -> None:
    assert canonical_code_name(written) == name
    assert is_known(written)


@pytest.mark.parametrize(("wrong", "nearest"), [
    ("code de la sécurité intérieur", "code de la sécurité intérieure"),
    ("code de sécurité intérieure", "code de la sécurité intérieure"),
    ("code de l'environnemnt", "code de l'environnement"),
])
def test_an_unknown_name_is_unknown_with_the_nearest_real_one(wrong: str, nearest: str) -> None:
    assert not is_known(wrong)
    assert suggest(wrong) == nearest


def test_nothing_is_suggested_for_a_name_far_from_every_code() -> None:
    assert suggest("code de la galaxie lointaine") is None


@pytest.mark.parametrize(("sentence", "target"), [
    # « et », commas, apostrophes and qualifiers are part of the name: read whole
    ("À l'article L. 111-1 du code de l'entrée et du séjour des étrangers et du droit "
     "d'asile, le mot : « a » est supprimé.",
     "code-de-l-entree-et-du-sejour-des-etrangers-et-du-droit-d-asile:art_L111-1"),
    ("À l'article L. 2 du code de la construction et de l'habitation, le mot : « a » est "
     "supprimé.", "code-de-la-construction-et-de-l-habitation:art_L2"),
    ("À l'article L. 5 du code des pensions de retraite des marins français du commerce, de "
     "pêche ou de plaisance, le mot : « a » est supprimé.",
     "code-des-pensions-de-retraite-des-marins-francais-du-commerce-de-peche-ou-de-plaisance"
     ":art_L5"),
    ("L'article L. 10 du livre des procédures fiscales est abrogé.",
     "livre-des-procedures-fiscales:art_L10"),
    ("L'article 39 AB du code général des impôts est abrogé.",
     "code-general-des-impots:art_39_AB"),
    ("L'article 235 ter ZA du code général des impôts est abrogé.",
     "code-general-des-impots:art_235_ter_ZA"),
    ("L'article L. 1 du code du travail applicable à Mayotte est abrogé.",
     "code-du-travail-applicable-a-mayotte:art_L1"),
    ("L'article L. 1 du code forestier est abrogé.", "code-forestier:art_L1"),
])
def test_code_names_are_read_whole_in_instructions(sentence: str, target: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert [d.code for d in bill.diagnostics] == []
    assert [str(op.target) for op in bill.operations] == [target]


def test_names_in_finds_codes_with_et_and_commas() -> None:
    assert names_in("au code de l'action sociale et des familles et au code civil") == [
        "code de l'action sociale et des familles", "code civil"]
