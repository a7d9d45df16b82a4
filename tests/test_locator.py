"""Locators: canonical strings, French phrasing, resolution in a real base."""

from __future__ import annotations

import pytest
from support import EXAMPLES, real_article

from legidiff.bill.parse import parse_locator
from legidiff.document.locator import (
    Locator,
    LocatorSyntaxError,
    ResolveError,
    Step,
    StepKind,
    resolve,
)
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind
from legidiff.formats import read_base


@pytest.mark.parametrize(("french", "canonical"), [
    ("la seconde phrase du premier alinéa du I de l'article L. 853-3",
     "art_L853-3/lab_I/al_1/ph_2"),
    ("À la seconde phrase du premier alinéa du I de l’article L. 853-3",
     "art_L853-3/lab_I/al_1/ph_2"),
    ("le b du 2° du II", "lab_II/lab_2°/lab_b"),
    ("au b) du 2° du II de l'article L. 822-2 du code de la sécurité intérieure",
     "code-de-la-securite-interieure:art_L822-2/lab_II/lab_2°/lab_b"),
    ("le dernier alinéa", "al_-1"),
    ("l'avant-dernier alinéa du III", "lab_III/al_-2"),
    ("le deuxième tiret du 3°", "lab_3°/tir_2"),
    ("le chapitre II du titre V du livre VIII", "livre_8/titre_5/chapitre_2"),
    ("la sous-section 2 de la section 1", "section_1/sous-section_2"),
    ("l'article R6332-4", "art_R6332-4"),
    ("l'article 1er", "art_1"),
    ("la partie législative", "partie_legislative"),
    ("la première partie", "partie_1"),
    ("la vingt-deuxième phrase du trente et unième alinéa", "al_31/ph_22"),
    ("le I bis de l'article L. 851-2", "art_L851-2/lab_I_bis"),
    ("le 1° A du II", "lab_II/lab_1°_A"),
    ("le chapitre Ier", "chapitre_1"),
    ("le titre préliminaire", "titre_preliminaire"),
    ("au premier alinéa de l'article L. 227-1 A", "art_L227-1_A/al_1"),
])
def test_french_locators(french: str, canonical: str) -> None:
    locator = parse_locator(french)
    assert str(locator) == canonical
    assert Locator.parse(canonical) == locator


@pytest.mark.parametrize("canonical", [
    "art_L853-3/lab_I/al_1/ph_2", "livre_8/titre_5/chapitre_2/art_L852-3",
    "art_R6332-4@2/al_1", "code-du-travail:art_L1234-5", "art_L227-1_A/lab_I_bis/al_-1",
    "partie_legislative/livre_1", "art_L1/lab_2°/tir_3",
])
def test_canonical_round_trip(canonical: str) -> None:
    assert str(Locator.parse(canonical)) == canonical


def test_french_rendering() -> None:
    loc = Locator.parse("art_L853-3/lab_I/al_1/ph_2")
    assert loc.to_french() == ("la deuxième phrase du premier alinéa du I de l'article "
                               "L. 853-3")
    assert loc.to_french([None, None, 2, 2]) == ("la seconde phrase du premier alinéa du I "
                                                 "de l'article L. 853-3")
    assert Locator.parse("art_L1/al_-2").to_french() == "l'avant-dernier alinéa de l'article L. 1"
    assert Locator.parse("livre_8/titre_5/chapitre_2").to_french() == (
        "le chapitre II du titre V du livre VIII")
    assert Locator.parse("partie_legislative").to_french() == "la partie législative"
    assert Locator.parse("code-de-la-securite-interieure:art_L1").to_french() == (
        "l'article L. 1 du code de la sécurité intérieure")


@pytest.mark.parametrize("bad", ["art", "xx_1", "al_zero", "al_0", "art_/al_1", "ph_1.5"])
def test_bad_canonical(bad: str) -> None:
    with pytest.raises(LocatorSyntaxError):
        Locator.parse(bad)


@pytest.mark.parametrize("bad", ["la phrase du", "le vingtunième alinéa", "l'article",
                                 "le chapitre", "la seconde phrase du premier alinéa du"])
def test_bad_french(bad: str) -> None:
    with pytest.raises(LocatorSyntaxError):
        parse_locator(bad)


# ---------------------------------------------------------------------------
# Resolution in the example base


@pytest.fixture(scope="module")
def example() -> Code:
    return read_base(EXAMPLES / "csi-extrait.md").code


def test_resolve_phrase(example: Code) -> None:
    target = resolve(example, parse_locator(
        "la seconde phrase du second alinéa du I de l'article L. 855-1 B"))
    assert target.text == ("Ils ne peuvent être conservés plus de huit ans à compter de leur "
                           "recueil.")
    assert target.alineas == (1, 2)
    assert target.phrase == 1


def test_resolve_item_and_last_alinea(example: Code) -> None:
    target = resolve(example, parse_locator("le I bis de l'article L. 851-2"))
    assert target.text.startswith("I bis.-Le nombre maximal")
    last = resolve(example, parse_locator("le dernier alinéa de l'article L. 863-1"))
    assert last.text.startswith("Ces actes ne peuvent constituer")
    item = resolve(example, Locator.parse("art_L863-1/lab_2°"))
    assert item.text.startswith("2° Extraire, acquérir")


def test_resolve_division_and_article_in_it(example: Code) -> None:
    target = resolve(example, Locator.parse("livre_2/titre_2/chapitre_7"))
    assert isinstance(target.divisions[-1], Division)
    assert target.divisions[-1].kind is DivisionKind.CHAPITRE
    art = resolve(example, Locator.parse("livre_2/art_L227-1/al_2"))
    assert art.text.startswith("Cette fermeture")


@pytest.mark.parametrize(("locator", "code", "evidence"), [
    ("art_L999-9", "LD120", None),
    ("art_L851-2/lab_III", "LD120", "contient : I, I bis, II"),
    ("art_L851-2/al_4", "LD122", "compte 3 alinéas"),
    ("art_L855-1_B/lab_I/ph_1", "LD123", None),
    ("art_L855-1_B/lab_I/al_2/ph_3", "LD122", "compte 2 phrases"),
    ("livre_9", "LD120", "livres présents : II, VIII"),
    ("art_L851-2/lab_I/al_1/ph_1/al_1", "LD120", None),
])
def test_resolve_errors(example: Code, locator: str, code: str, evidence: str | None) -> None:
    with pytest.raises(ResolveError) as err:
        resolve(example, Locator.parse(locator))
    assert err.value.code == code
    if evidence is not None:
        assert err.value.evidence is not None and evidence in err.value.evidence


def test_item_deeper_than_named_is_found_when_it_is_the_only_one() -> None:
    # "le 2° de l'article L. 822-2": the article's only 2° is the I's (the replay's "Le 5°
    # de l'article L. 334-6 est ainsi modifié", whose 5° is the I's)
    article, _ = real_article("L822-2")
    code = Code("CSI", (article,))
    assert resolve(code, Locator.parse("art_L822-2/lab_2°")).text.startswith("2° Cent")
    assert resolve(code, Locator.parse("art_L822-2/lab_I/lab_2°")).text.startswith("2° Cent")


def test_item_deeper_than_named_is_reported_when_there_are_several() -> None:
    article = Article("L1", tuple(Alinea(t) for t in (
        "I. – Sont punis :", "1° Le vol ;", "2° Le recel.", "II. – Sont exclus :", "1° Le don.")))
    code = Code("CSI", (article,))
    with pytest.raises(ResolveError) as err:
        resolve(code, Locator.parse("art_L1/lab_1°"))
    assert err.value.evidence is not None
    assert "existe plus bas : I > 1°; II > 1°" in err.value.evidence


def test_duplicate_articles_are_addressable() -> None:
    one = Division.new(DivisionKind.SECTION, "1", children=(
        _article("R6332-4", "Premier texte."),))
    two = Division.new(DivisionKind.SECTION, "2", children=(
        _article("R6332-4", "Second texte."),))
    code = Code("Code du travail", (one, two))
    with pytest.raises(ResolveError) as err:
        resolve(code, Locator.parse("art_R6332-4"))
    assert err.value.code == "LD121"
    assert resolve(code, Locator.parse("art_R6332-4@2")).text == "Second texte."
    assert resolve(code, Locator.parse("section_1/art_R6332-4")).text == "Premier texte."
    assert Step(StepKind.ARTICLE, "R6332-4", 2).__str__() == "art_R6332-4@2"


def _article(num: str, text: str) -> Article:
    return Article(num, (Alinea(text),))
