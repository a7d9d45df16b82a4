"""What the drafter writes must be what its own parser reads back: an article whose LEGI
number is words (annexes stored as articles: « Annexe 4 » of the code des pensions
militaires d'invalidité, « TABLEAU 34 » of the code de la sécurité sociale, « Rubrique
0 » of the code général des collectivités territoriales) is inserted as « un article ainsi
rédigé », its number given by the quoted « Art. … – »; the livre des procédures fiscales
is « Le livre des procédures fiscales » at the head of a sentence, as it is « du livre des
procédures fiscales » inside one."""

from __future__ import annotations

from pathlib import Path

import pytest

from legidiff.document.model import Article, Code, Division
from legidiff.draft import draft
from legidiff.formats import markdown as md


def read_md(text: str) -> Code:
    return md.read(text, Path("base.md"), [])


@pytest.mark.parametrize(("code", "division", "before", "number", "text"), [
    ("Code des pensions militaires d'invalidité et des victimes de la guerre",
     "Titre VI : Etrangers", "Annexe 3", "Annexe 4",
     "La jouissance de certains droits et le bénéfice de certaines faveurs accordés aux "
     "étrangers sous condition de réciprocité ne seront pas refusés aux réfugiés faute de "
     "réciprocité."),
    ("Code de la sécurité sociale", "Annexe II : Tableaux des maladies professionnelles",
     "TABLEAU 33", "TABLEAU 34", "Affections professionnelles provoquées par les "
                                 "anhydrides."),
    ("Code général des collectivités territoriales", "Titre Ier : Autres annexes",
     "Rubrique 0", "Rubrique 1", "Dépenses de personnel."),
])
def test_an_article_numbered_in_words_is_inserted_and_read_back(
        code: str, division: str, before: str, number: str, text: str) -> None:
    head = f"# {code}\n\n## {division}\n\n### Article {before}\n\nUn.\n"
    new = head + f"\n### Article {number}\n\n{text}\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "il est inséré un article ainsi rédigé :" in result.text
    assert f"« Art. {number}. – {text} »" in result.text
    (chapter,) = [c for c in result.applied.code.children if isinstance(c, Division)] \
        if result.applied is not None else [None]
    assert chapter is not None
    assert [a.num for a in chapter.children if isinstance(a, Article)] == [before, number]


def test_an_article_numbered_by_a_number_keeps_its_number_in_the_lead() -> None:
    head = "# Code des douanes\n\n## Chapitre V\n\n### Article 163\n\nUn.\n"
    result = draft(read_md(head), read_md(head + "\n### Article 163 A\n\nDeux.\n"))
    assert result.checked, result.reasons
    assert "Après l'article 163 du code des douanes, il est inséré un article 163 A ainsi " \
           "rédigé :" in result.text


def test_the_livre_des_procedures_fiscales_heads_a_sentence_with_its_article() -> None:
    old = ("# Livre des procédures fiscales\n\n## Chapitre premier : Le droit de contrôle\n\n"
           "### Article L10\n\nL'administration contrôle les déclarations.\n\n"
           "### Article L11\n\nA moins qu'un délai plus long ne soit prévu.\n")
    new = old.replace("contrôle les déclarations.", "contrôle les déclarations et les actes.") \
        .replace("plus long", "plus court")
    result = draft(read_md(old), read_md(new))
    assert result.checked, result.reasons
    assert result.text.splitlines()[1] == "Le livre des procédures fiscales est ainsi modifié :"


@pytest.mark.parametrize(("code", "number"), [
    ("Code de la sécurité sociale", "TABLEAU 34"),
    ("Code de la sécurité sociale", "Tableau n° 1 bis"),
    ("Code général des collectivités territoriales", "Rubrique 0"),
    ("Code des pensions militaires d'invalidité et des victimes de la guerre", "Annexe 4"),
])
def test_an_article_numbered_in_words_is_named_when_modified_or_repealed(
        code: str, number: str) -> None:
    old = (f"# {code}\n\n## Annexe II\n\n### Article {number}\n\nDésignation des maladies.\n\n"
           "Délai de prise en charge : sept jours.\n\n### Article Annexe 99\n\nAutre.\n")
    for new, said in ((old.replace("sept jours", "quinze jours"),
                       f"l'article {number} du {code[:1].lower()}{code[1:]}"),
                      (old.replace(f"### Article {number}\n\nDésignation des maladies.\n\n"
                                   "Délai de prise en charge : sept jours.\n\n", ""),
                       f"L'article {number} du {code[:1].lower()}{code[1:]} est abrogé.")):
        result = draft(read_md(old), read_md(new))
        assert result.checked, result.reasons
        assert said in result.text, result.text


@pytest.mark.parametrize(("code", "annex", "number"), [
    ("Code rural (nouveau)", "Annexe II : Tableaux des maladies professionnelles en "
                             "agriculture.", "Tableau n° 1"),
    ("Code de la sécurité sociale", "Annexe II : Tableaux des maladies professionnelles",
     "TABLEAU 1"),
])
def test_an_annex_division_is_inserted_by_its_heading_then_filled(
        code: str, annex: str, number: str) -> None:
    """The reader of quoted text takes a line « Annexe II » as text, not as a heading: a
    new livre holding an annexe is quoted without it, the annexe inserted as « une
    division et un intitulé », then its articles (code rural, livre VII; code de la
    sécurité sociale, annexe II)."""
    head = f"# {code}\n\n## Livre II : Dispositions\n\n### Article 1\n\nUn.\n"
    new = head + (f"\n## Livre VII : Dispositions sociales\n\n### {annex}\n\n"
                  f"#### Article {number}\n\nTétanos professionnel.\n")
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert f"est complété par une division et un intitulé ainsi rédigés :\n« {annex} »" \
        in result.text
    assert f"« Art. {number}. – Tétanos professionnel. »" in result.text


def test_a_chapter_numbered_0_ii_is_named_and_filled() -> None:
    """The code général des impôts, annexe 4, has a « Chapitre 0 II » before its chapitre
    II: no roman numeral writes 0 (naming it once raised an exception)."""
    head = ("# Code général des impôts, annexe 4\n\n## Titre II : Taxes\n\n"
            "### Chapitre II : Autres\n\n#### Article 51\n\nUn.\n")
    new = head.replace("### Chapitre II", "### Chapitre 0 II : Taxe sur le chiffre d'affaires"
                       "\n\n#### Article 50 terdecies-0\n\nLe montant.\n\n### Chapitre II")
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "Le chapitre 0 II du titre II est complété par un article 50 terdecies-0" \
        in result.text


@pytest.mark.parametrize(("code", "number"), [
    ("Code de la sécurité sociale", "Annexe I à l'art. R434-35 (1)"),
    ("Code de procédure civile", "ANNEXE, art. 1"),
    ("Code des ports maritimes", "Annexe à l'article R*111-2, art. 1"),
])
def test_an_article_numbered_with_art_abbreviated_is_quoted_and_read_back(
        code: str, number: str) -> None:
    """An annex number that holds « art. » (« Annexe I à l'art. R434-35 (1) »): the
    quoted « Art. … – » header is read up to its first « . – », not to the dot of
    « art. »."""
    head = f"# {code}\n\n## Chapitre Ier : Annexe\n"
    new = head + f"\n### Article {number}\n\nPrincipes généraux.\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert f"« Art. {number}. – Principes généraux. »" in result.text


def test_an_article_with_two_stars_is_quoted_named_and_read_back() -> None:
    """The code des ports maritimes numbers some articles « R** 421-4 » (LEGI): quoted
    « Art. R.** 421-4. – », named « l'article R.** 421-4 »."""
    head = ("# Code des ports maritimes\n\n## Titre II : Etablissement de la voie ferrée\n\n"
            "### Article R**421-4\n\nSur les sections à rails noyés.\n")
    new = head + "\n### Article R**421-5\n\nSur les autres sections.\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "Après l'article R.** 421-4 du code des ports maritimes, il est inséré un article " \
           "R.** 421-5 ainsi rédigé :\n« Art. R.** 421-5. – Sur les autres sections. »" \
        in result.text
    modified = head.replace("rails noyés", "rails noyés ou non")
    result = draft(read_md(head), read_md(modified))
    assert result.checked, result.reasons
    assert "l'article R.** 421-4 du code des ports maritimes" in result.text


def test_an_article_with_stars_before_its_prefix_is_named() -> None:
    """LEGI numbers some articles of the code de l'expropriation pour cause d'utilité
    publique « **R16-2 » (the stars before the prefix): named « l'article **R. 16-2 »,
    an anchor the grammar reads."""
    head = ("# Code de l'expropriation pour cause d'utilité publique\n\n## Chapitre II\n\n"
            "### Article **R16-2\n\nLa demande est instruite.\n")
    new = head + "\n### Article R16-3\n\nEn ce qui concerne les aménagements.\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "Après l'article **R. 16-2 du code de l'expropriation pour cause d'utilité " \
           "publique, il est inséré un article R. 16-3 ainsi rédigé" in result.text
    # and quoted: « Art. **R. 11-19. – … »
    new = head + "\n### Article **R16-3\n\nEn ce qui concerne les aménagements.\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "« Art. **R. 16-3. – En ce qui concerne les aménagements. »" in result.text


def test_an_annex_article_numbered_with_art_is_named() -> None:
    """« ANNEXE, art. 4 » (code de procédure civile, the annex for the Bas-Rhin, the
    Haut-Rhin and the Moselle): named « l'article ANNEXE, art. 3 » as an anchor."""
    head = ("# Code de procédure civile\n\n## Chapitre Ier : Annexe\n\n"
            "### Article ANNEXE, art. 3\n\nLa procédure.\n")
    new = head + "\n### Article ANNEXE, art. 4\n\nLe tribunal.\n"
    result = draft(read_md(head), read_md(new))
    assert result.checked, result.reasons
    assert "Après l'article ANNEXE, art. 3 du code de procédure civile, il est inséré un " \
           "article ainsi rédigé :\n« Art. ANNEXE, art. 4. – Le tribunal. »" in result.text


def test_a_legi_number_typed_in_lower_case_is_the_article_of_that_number() -> None:
    """The code de l'urbanisme of 1985 lists an article « l445-3 » (LEGI's typing of
    L445-3): repealed as « l'article L. 445-3 », which the engine finds."""
    old = ("# Code de l'urbanisme\n\n## Chapitre V : Remontées mécaniques\n\n"
           "### Article L445-1\n\nUn.\n\n### Article l445-3\n\nTrois.\n\n"
           "### Article L445-4\n\nQuatre.\n")
    new = old.replace("### Article l445-3\n\nTrois.\n\n", "")
    result = draft(read_md(old), read_md(new))
    assert result.checked, result.reasons
    assert "L'article L. 445-3 du code de l'urbanisme est abrogé." in result.text
