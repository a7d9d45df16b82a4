"""Forms of real drafting read since the third round, each applied exactly where a real
article allows it: the beginning of a unit rewritten (« Le début … est ainsi rédigé :
« … (le reste sans changement) » »), counts of occurrences (« deux fois », « (trois
occurrences) »), … The one-case-per-form fixture is ``fixtures/forms/real-forms.json``
(run by ``test_bill.test_real_drafting_forms``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support import corpus_path

import legidiff
from legidiff.apply.consolidate import Status, consolidate, mark_failures
from legidiff.bill.build import UNREAD_CHAPEAU, new_beginning
from legidiff.bill.operations import (
    Complete,
    DeleteUnit,
    DeleteWords,
    GroupArticles,
    InsertUnits,
    Limited,
    Move,
    Position,
    Renumber,
    RenumberPrefix,
    Repeal,
    ReplaceWords,
    Rewrite,
    RewriteStart,
)
from legidiff.bill.parse import is_instruction, parse_bill
from legidiff.bill.sentence import prepare
from legidiff.document.locator import Locator, ResolveError, resolve
from legidiff.document.model import Alinea, Article, Code, Division, DivisionKind
from legidiff.formats import Base, Format
from legidiff.render.report import report


def real_code_article(slug: str, member: str, number: str, tmp_path: Path) -> Code:
    """One article of a real code of ``codes-2015`` (read in place: extracted into
    ``tmp_path``), as a code of that article alone."""
    archive = corpus_path("codes-2015", f"{slug}.tar.xz")
    name = f"codes-en-vigueur/{slug}/{member}"
    if shutil.which("tar") and shutil.which("xz"):
        subprocess.run(["tar", "-xJf", str(archive), "-C", str(tmp_path), name], check=True)
    else:
        with tarfile.open(archive, "r:xz") as tar:
            tar.extract(name, tmp_path, filter="data")
    lines = (tmp_path / name).read_text("utf-8").split("\n")[1:]
    return Code(slug, (Article(number, tuple(Alinea(x) for x in lines if x.strip())),))


def _alineas(code: Code, number: str) -> list[str]:
    return [a.text for a in code.find_articles(number)[0].article.alineas]


# ---------------------------------------------------------------------------
# « Le début … est ainsi rédigé : « … (le reste sans changement) » »

CPP_706_71 = ("Article 1er\nL'article 706-71 du code de procédure pénale est ainsi modifié :\n"
              "1° Le début de la première phrase du premier alinéa est ainsi rédigé : « Sauf "
              "décision contraire de l'autorité judiciaire compétente, l'audition ou "
              "l'interrogatoire d'une personne sont effectués... (le reste sans changement). » ;\n")


def test_a_new_beginning_replaces_the_text_up_to_the_words_it_shares(tmp_path: Path) -> None:
    """LOPPSI 2 (report 2271, article on 706-71 of the code de procédure pénale): the new
    beginning ends with « sont effectués », the old phrase read « … peuvent être
    effectués en plusieurs points … »: the longest end of the new beginning found in the
    phrase is « effectués », found once; the text from the start of the phrase to it is
    replaced, the rest of the phrase and of the alinéa stay as they were."""
    code = real_code_article("code-de-procedure-penale",
                             "partie-legislative/livre-iv/titre-xxiii/article-706-71.md",
                             "706-71", tmp_path)
    before = _alineas(code, "706-71")
    bill = parse_bill(CPP_706_71)
    (op,) = bill.operations
    assert isinstance(op, RewriteStart) and str(op.target) == \
        "code-de-procedure-penale:art_706-71/al_1/ph_1"
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    after = _alineas(result.code, "706-71")
    kept = before[0][before[0].index(" effectués en plusieurs points"):]
    assert after[0] == ("Sauf décision contraire de l'autorité judiciaire compétente, "
                        "l'audition ou l'interrogatoire d'une personne sont") + kept
    assert after[1:] == before[1:]


def _one_article(*alineas: str) -> Code:
    return Code("Code civil", (Article("1", tuple(Alinea(a) for a in alineas)),))


@pytest.mark.parametrize(("new", "code", "message"), [
    # the shared words are there twice: where the old text goes on is not sure
    ("Le conseil saisit le préfet", "LD303", "figure 2 fois"),
    # nothing shared
    ("Aucun mot commun", "LD302", "ne partage aucun mot"),
])
def test_a_new_beginning_must_share_words_found_once(new: str, code: str,
                                                      message: str) -> None:
    base = _one_article("Le maire ou le préfet peut saisir le préfet du département.")
    bill = parse_bill("Article 1er\nLe début du premier alinéa de l'article 1 du code civil "
                      f"est ainsi rédigé : « {new}… (le reste sans changement) ».\n")
    result = consolidate(base, bill)
    assert not result.complete
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == code and message in diagnostic.message
    assert _alineas(result.code, "1") == _alineas(base, "1")


def test_a_new_beginning_applies_to_an_alinea_and_keeps_its_end() -> None:
    base = _one_article("I. – Un département peut demander une modification des limites "
                        "régionales.", "Second alinéa.")
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      "1° Le début du I est ainsi rédigé :\n"
                      "« I. – Un département peut demander, sur proposition d'un cinquième "
                      "des membres, une modification… (le reste sans changement). »\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [
        "I. – Un département peut demander, sur proposition d'un cinquième des membres, une "
        "modification des limites régionales.", "Second alinéa."]


@pytest.mark.parametrize(("quoted", "new"), [
    ("Les contributions sont recouvrées par les… (le reste sans changement).",
     "Les contributions sont recouvrées par les"),
    ("Si cette formation décide... (le reste sans changement).", "Si cette formation décide"),
    ("Tout autre médecin a vocation (… le reste sans changement).",
     "Tout autre médecin a vocation"),
    ("Le directeur général délivre… (le reste sans changement)", "Le directeur général délivre"),
    ("Dans les mêmes conditions, il adresse au Bureau...", "Dans les mêmes conditions, il "
                                                          "adresse au Bureau"),
    ("Un texte entier.", None),
])
def test_the_marker_of_a_new_beginning_is_not_text(quoted: str, new: str | None) -> None:
    """Real endings of the corpus (bills and amendments of 2009–2013)."""
    assert new_beginning(quoted) == new


def test_a_new_beginning_without_its_marker_is_not_guessed() -> None:
    """Without « (le reste sans changement) » or an ellipsis, where the old text goes on
    is not said: an error, never a rewrite of the whole unit."""
    bill = parse_bill("Article 1er\nLe début du premier alinéa de l'article 1 du code civil "
                      "est ainsi rédigé : « Le maire peut saisir ».\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_an_amendment_rewrites_the_beginning_of_an_alinea() -> None:
    """« Rédiger ainsi le début de l'alinéa 8 : « … (le reste sans changement) » »
    (amendment n° 20 on article 3 quater of the 2013 bill on the référendum)."""
    bill = parse_bill("Article 1er\nRédiger ainsi le début du premier alinéa de l'article 1 du "
                      "code civil : « Lorsque plusieurs référendums sont organisés…(le reste sans "
                      "changement) ».\n")
    (op,) = bill.operations
    assert isinstance(op, RewriteStart) and op.new == \
        "Lorsque plusieurs référendums sont organisés"


# ---------------------------------------------------------------------------
# Counts: « deux fois », « par deux fois », « (deux fois) », « (trois occurrences) »

CG3P = ("Article 1er\nVI. - Aux premier et deuxième alinéas de l'article L. 2142-1 du code "
        "général de la propriété des personnes publiques, après les mots : « enquête "
        "publique », sont insérés, deux fois, les mots : « réalisée conformément au code de "
        "l'expropriation pour cause d'utilité publique ».\n")
INSERTED = " réalisée conformément au code de l'expropriation pour cause d'utilité publique"


def test_twice_over_two_alineas_is_once_in_each(tmp_path: Path) -> None:
    """Grenelle II (report 2449): « deux fois » over the two alinéas named is once in
    each, as the code reads since. Applied to the article as it stood before (its 2015
    text without the words the instruction inserted), it gives the 2015 text."""
    after = real_code_article(
        "code-general-de-la-propriete-des-personnes-publiques",
        "partie-legislative/deuxieme-partie/livre-ier/titre-iv/chapitre-ii/article-l2142-1.md",
        "L2142-1", tmp_path)
    official = _alineas(after, "L2142-1")
    assert sum(a.count(INSERTED) for a in official) == 2
    before = Code(after.title, (Article("L2142-1", tuple(
        Alinea(a.replace(INSERTED, "")) for a in official)),))
    bill = parse_bill(CG3P)
    assert [op.anchor.count for op in bill.operations] == [1, 1]  # type: ignore[union-attr]
    result = consolidate(before, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L2142-1") == official


@pytest.mark.parametrize(("instruction", "found"), [
    ("le mot : « cinquante » est remplacé, deux fois, par le mot : « cinquante-deux »", 1),
    ("les mots : « ans » sont supprimés (trois occurrences)", 2),
])
def test_a_count_the_text_does_not_have_is_an_error(instruction: str, found: int) -> None:
    """The engine counts: a count the unit does not have changes nothing (LD319)."""
    base = _one_article("Un délai de cinquante ans, porté à soixante ans.")
    bill = parse_bill(f"Article 1er\nAu premier alinéa de l'article 1 du code civil, "
                      f"{instruction}.\n")
    result = consolidate(base, bill)
    assert not result.complete
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "LD319" and f"figure {found} fois" in diagnostic.message
    assert _alineas(result.code, "1") == _alineas(base, "1")


@pytest.mark.parametrize("instruction", [
    "supprimer (deux fois) les mots : « ans »",  # amendment n° 1686 (2010 pensions bill)
    "supprimer par deux fois les mots : « ans »",
    "les mots : « ans » sont supprimés (deux occurrences)",
])
def test_a_count_the_text_has_changes_every_occurrence(instruction: str) -> None:
    base = _one_article("Un délai de cinquante ans, porté à soixante ans.")
    bill = parse_bill(f"Article 1er\nAu premier alinéa de l'article 1 du code civil, "
                      f"{instruction}.\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Un délai de cinquante, porté à soixante."]


def test_a_count_that_does_not_share_out_over_the_units_is_not_guessed() -> None:
    """« deux fois » over three alinéas: how many in each is not said."""
    bill = parse_bill("Article 1er\nAux premier, deuxième et troisième alinéas de l'article 1 "
                      "du code civil, le mot : « a » est remplacé, deux fois, par le mot : "
                      "« b ».\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# Titles of laws holding commas (a second pass when the sentence was not read)


@pytest.mark.parametrize(("sentence", "target"), [
    # Grenelle II (report 2449): the comma after the title ends the lead
    ("À la première phrase du sixième alinéa de l'article 57 de la loi n° 83-8 du 7 janvier "
     "1983 relative à la répartition de compétences entre les communes, les départements, les "
     "régions et l'État, les mots : « a » sont remplacés par les mots : « b ».",
     "loi-83-8:art_57/al_6/ph_1"),
    # the 2013 transparency bill (report 1109)
    ("Au 1° du I de l'article 6 de la loi n° 78-753 du 17 juillet 1978 portant diverses "
     "mesures d'amélioration des relations entre l'administration et le public et diverses "
     "dispositions d'ordre administratif, social et fiscal, après le mot : « décision, », "
     "sont insérés les mots : « c ».", "loi-78-753:art_6/lab_I/lab_1°"),
    # the 2011 LOPPSI (report 2271); a title ending before the verb
    ("Le dernier alinéa de l'article 34 de la loi n° 82-213 du 2 mars 1982 relative aux "
     "droits et aux libertés des communes, des départements et des régions est supprimé.",
     "loi-82-213:art_34/al_-1"),
])
def test_a_law_title_holding_commas_is_read_whole(sentence: str, target: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [target]


def test_units_of_several_laws_are_not_taken_for_a_title() -> None:
    """« … de la loi n° 84-16 … de l'État, de l'article 65 de la loi n° 84-53 … » (the
    2013 transparency bill): the comma is followed by another unit, not the title's words —
    never read as one article whose law has a long title; the unit named first is that of
    each (« Le deuxième alinéa … de l'article 65 … »), a title ends before « et de l'article
    … »."""
    bill = parse_bill("Article 1er\nLe deuxième alinéa de l'article 46 de la loi n° 84-16 du "
                      "11 janvier 1984 portant dispositions statutaires relatives à la fonction "
                      "publique de l'État, de l'article 65 de la loi n° 84-53 du 26 janvier 1984 "
                      "portant dispositions statutaires relatives à la fonction publique "
                      "territoriale et de l'article 53 de la loi n° 86-33 du 9 janvier 1986 "
                      "portant dispositions statutaires relatives à la fonction publique "
                      "hospitalière est supprimé.\n")
    assert bill.unrecognized == ()
    assert sorted(str(op.target) for op in bill.operations) == [
        "loi-84-16:art_46/al_2", "loi-84-53:art_65/al_2", "loi-86-33:art_53/al_2"]
    edge = parse_bill("Article 1er\nI. - À la fin de l'article 51 de la loi n° 84-16 du 11 "
                      "janvier 1984 portant dispositions statutaires relative à la fonction "
                      "publique de l'État, de l'article 72 de la loi n° 84-53 du 26 janvier 1984 "
                      "portant dispositions statutaires relatives à la fonction publique "
                      "territoriale et de l'article 62 de la loi n° 86-33 du 9 janvier 1986 "
                      "portant dispositions statutaires relatives à la fonction publique "
                      "hospitalière, il est ajouté un alinéa ainsi rédigé :\n« Nouveau. »\n")
    assert edge.unrecognized == ()
    assert [f"{type(op).__name__} {op.target}" for op in edge.operations] == [
        "Complete loi-84-16:art_51", "Complete loi-84-53:art_72", "Complete loi-86-33:art_62"]


# ---------------------------------------------------------------------------
# Forms of a held-out set of laws, ordonnances and décrets (1990–2024, gathered in the
# twelfth round), each a general rule of drafting


@pytest.mark.parametrize(("sentence", "kind", "target", "new"), [
    # « le taux de : « … » »: the noun's « de » before the quotation (a 1991 décret)
    ("Au deuxième alinéa de l'article 3, le taux de : « 2,5 % » est remplacé par le taux de :"
     " « 2 % ».", "ReplaceWords", "al_2", ("2 %",)),
    # « la mention du : « I » » (a 1992 law)
    ("Au premier alinéa de l'article 3, la mention du : « I » est supprimée.", "DeleteWords",
     "al_1", ()),
    # the noun said again by a pronoun (a 1976 adaptation décret of the corpus)
    ("À l'article 3, la date du : « 1er janvier 1993 » est remplacée par celle du : « 1er "
     "janvier 2009 ».", "ReplaceWords", "art_3", ("1er janvier 2009",)),
])
def test_a_noun_of_quoted_words_said_otherwise(sentence: str, kind: str, target: str,
                                               new: tuple[str, ...]) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.unrecognized == ()
    [op] = bill.operations
    assert type(op).__name__ == kind
    assert str(op.target).endswith(target)
    assert tuple(getattr(op, "new", ())) == new


def test_replaced_by_the_text_below_and_modified_and_completed_as_follows() -> None:
    # « est remplacé par le texte suivant : » (a 1991 arrêté), « est modifié et complété
    # comme suit : » (a décret incorporating texts into the code général des impôts)
    bill = parse_bill("Article 1er\nLe premier alinéa de l'article 4-1 est remplacé par le "
                      "texte suivant :\n« Nouveau. »\n")
    [op] = bill.operations
    assert type(op).__name__ == "Rewrite" and str(op.target) == "art_4-1/al_1"
    chapeau = parse_bill("Article 1er\nLe code général des impôts est modifié et complété "
                         "comme suit :\n1° L'article 3 est abrogé ;\n2° L'article 4 est "
                         "complété par les mots : « et 5 ».\n")
    assert chapeau.unrecognized == ()
    assert [str(op.target) for op in chapeau.operations] == [
        "code-general-des-impots:art_3", "code-general-des-impots:art_4"]


def test_a_tiret_whose_space_was_lost_and_y() -> None:
    # a 1992 law (code des juridictions financières) as Légifrance gives it: each tiret's
    # dash glued to its first word, « y » the chapeau's article
    bill = parse_bill("Article 1er\nL'article 3 est ainsi modifié :\n-les mots : « au I » y "
                      "sont remplacés par les mots : « à l'article L. 242-2 » ;\n-les mots : "
                      "« formation de jugement » y sont remplacés par les mots : « chambre "
                      "régionale des comptes ».\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == ["art_3", "art_3"]


def test_where_a_unit_came_from_is_set_aside() -> None:
    # « Le titre III du livre IV du code de l'action sociale et des familles inséré par le 7°
    # de l'article 5 de la même ordonnance est ainsi modifié : » (a 2006 ratification law):
    # which text made the unit, not which unit; its date is not the instruction's
    bill = parse_bill("Article 1er\nLe titre III du livre IV du code de l'action sociale et "
                      "des familles inséré par le 7° de l'article 5 de la même ordonnance est "
                      "ainsi modifié :\n1° L'article L. 430-1 est abrogé ;\n2° À l'article "
                      "L. 430-2 créé par l'article 3 de la loi n° 2004-1 du 1er janvier 2004, "
                      "les mots : « a » sont supprimés.\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [
        "code-de-l-action-sociale-et-des-familles:livre_4/titre_3/art_L430-1",
        "code-de-l-action-sociale-et-des-familles:livre_4/titre_3/art_L430-2"]
    assert all(op.source.dates == () for op in bill.operations)
    # a participle that « est » makes a verb is the provision's own: not set aside
    provision = parse_bill("Article 1er\nIl est créé par la présente loi un fonds de "
                           "garantie.\n")
    assert provision.operations == () and len(provision.provisions) == 1


def test_y_after_et_is_the_unit_the_clause_before_names() -> None:
    # « L'article L. 245-1 devient l'article L. 242-6 et les mots : … y sont remplacés »
    # (the same 1992 law): the words of the article as renumbered
    base = Code("Code des juridictions financières", (
        Article("L. 242-5", (Alinea("Texte."),)),
        Article("L. 245-1", (Alinea("Le maire de la collectivité locale décide."),)),))
    bill = parse_bill("Article 1er\nL'article L. 245-1 du code des juridictions financières "
                      "devient l'article L. 242-6 et les mots : « la collectivité locale » y "
                      "sont remplacés par les mots : « la collectivité territoriale ».\n")
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == [
        "Renumber code-des-juridictions-financieres:art_L245-1",
        "ReplaceWords code-des-juridictions-financieres:art_L242-6"]
    result = consolidate(base, bill)
    assert all(r.status is Status.APPLIED for r in result.results)
    [moved] = [p.article for p in result.code.articles() if p.article.num == "L. 242-6"]
    assert moved.alineas[0].text == "Le maire de la collectivité territoriale décide."
    # « il y est inséré »: the lead's unit
    there = parse_bill("Article 1er\nÀ l'article 3, il y est inséré un alinéa ainsi rédigé :\n"
                       "« Nouveau. »\n")
    assert [str(op.target) for op in there.operations] == ["art_3"]
    # after a clause with no subject of its own, « y » is the place they share
    shared = parse_bill("Article 1er\nAu 1° de l'article 3, les mots : « a » sont supprimés et "
                        "les mots : « b » y sont remplacés par les mots : « c ».\n")
    assert [str(op.target) for op in shared.operations] == ["art_3/lab_1°", "art_3/lab_1°"]
    # the clause before takes its unit away: « y » is not sure
    for sentence in ("L'article 5 est abrogé et les mots : « a » y sont supprimés.",
                     "Le premier alinéa de l'article 5 est supprimé et les mots : « a » y sont "
                     "supprimés."):
        refused = parse_bill(f"Article 1er\n{sentence}\n")
        assert refused.operations == ()
        assert "« y »" in refused.unrecognized[0].reason


_LAW_78_17 = "Article 1er\nLe 2° de la loi n° 78-17 du 6 janvier 1978 relative à l'informatique"


@pytest.mark.parametrize("other", [
    "et le 3° du code civil", "et le II de l'article 5 du code civil",
    "et le b) du 2° de l'article 3 de la loi n° 2000-1 du 1er janvier 2000",
])
def test_a_unit_of_another_text_after_a_law_title_is_not_swallowed(other: str) -> None:
    # the grammar reads a law's title up to the verb: « … relative à l'informatique et le
    # 3° du code civil sont abrogés » repealed the law's 2° alone, the 3° lost in its
    # title; a title followed by « et » and a unit of another text (named by a noun, or by
    # a label: 3°, II, b)) is refused, where the title ends not being sure
    bill = parse_bill(f"{_LAW_78_17} {other} sont abrogés.\n")
    assert bill.operations == ()
    assert "titre de loi suivi d'autres unités" in bill.unrecognized[0].reason


def test_a_law_title_with_et_and_no_unit_after_it_is_read_whole() -> None:
    whole = parse_bill(f"{_LAW_78_17}, aux fichiers et aux libertés est abrogé.\n")
    assert [str(op.target) for op in whole.operations] == ["loi-78-17:lab_2°"]
    # the grammar's title ends before « et l'article »: two units, each of its text
    two = parse_bill(f"{_LAW_78_17} et l'article 7 du code civil sont abrogés.\n")
    assert [str(op.target) for op in two.operations] == ["loi-78-17:lab_2°", "code-civil:art_7"]


# ---------------------------------------------------------------------------
# « L'intitulé du titre III est remplacé par l'intitulé suivant : « Titre III - … » »


def _titled_code() -> Code:
    return Code("Code rural et de la pêche maritime", (Division.new(
        DivisionKind.TITRE, "III", "Ancien intitulé", (Article("L. 230-1", (Alinea("x"),)),)),))


@pytest.mark.parametrize("verb", ["est remplacé par l'intitulé suivant", "est ainsi rédigé"])
def test_a_heading_quoted_with_its_kind_and_number_keeps_its_own(verb: str) -> None:
    """The 2010 agriculture bill quotes the heading with the division's kind and number
    (« Titre III - Qualité nutritionnelle … »): that is the titre III's title."""
    bill = parse_bill("Article 1er\nL'intitulé du titre III du code rural et de la pêche "
                      f"maritime {verb} : \"Titre III - Qualité nutritionnelle et sécurité "
                      "sanitaire des aliments\" ;\n")
    result = consolidate(_titled_code(), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    (titre,) = result.code.children
    assert isinstance(titre, Division)
    assert titre.heading == "Titre III : Qualité nutritionnelle et sécurité sanitaire des " \
                           "aliments"


def test_a_heading_quoted_for_another_division_is_refused() -> None:
    bill = parse_bill("Article 1er\nL'intitulé du titre III du code rural et de la pêche "
                      "maritime est ainsi rédigé : « Titre IV - Autre » ;\n")
    result = consolidate(_titled_code(), bill)
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "LD311"


def test_the_following_heading_replaces_only_a_heading() -> None:
    bill = parse_bill("Article 1er\nL'article L. 230-1 du code rural et de la pêche maritime "
                      "est remplacé par l'intitulé suivant : « X » ;\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# Words of a heading: « Dans l'intitulé du titre Ier, les mots : « … » sont remplacés … »
# (the forms of the corpus's laws: code de l'environnement 2016, code civil, code de la
# santé publique), on headings of the CSI's livres Ier and IV (their runs of spaces made one)


def _csi_headings() -> Code:
    return Code("Code de la sécurité intérieure", (Division.new(
        DivisionKind.LIVRE, "Ier", "PRINCIPES GÉNÉRAUX ET ORGANISATION DE LA SÉCURITÉ "
        "INTÉRIEURE", (Division.new(
            DivisionKind.TITRE, "Ier", "PRINCIPES GÉNÉRAUX DE LA SÉCURITÉ INTÉRIEURE", (
                Division.new(DivisionKind.CHAPITRE, "Ier", "Sécurité publique",
                             (Article("L. 111-1", (Alinea("x"),)),)),
                Division.new(DivisionKind.CHAPITRE, "II", "Sécurité civile",
                             (Article("L. 112-1", (Alinea("y"),)),)))),)),
        Division.new(DivisionKind.LIVRE, "IV", "POLICE NATIONALE ET GENDARMERIE NATIONALE",
                     (Article("L. 411-1", (Alinea("z"),)),))))


def _division_headings(code: Code) -> list[str]:
    return [node.heading for _, node in code.walk() if isinstance(node, Division)]


_CSI = "du code de la sécurité intérieure"


@pytest.mark.parametrize(("sentence", "index", "heading"), [
    (f"Dans l'intitulé du chapitre Ier du titre Ier du livre Ier {_CSI}, le mot : « publique » "
     "est remplacé par les mots : « publique et tranquillité » ;", 2,
     "Chapitre Ier : Sécurité publique et tranquillité"),
    (f"Dans l'intitulé du livre Ier {_CSI}, les mots : « ET ORGANISATION » sont supprimés ;", 0,
     "Livre Ier : PRINCIPES GÉNÉRAUX DE LA SÉCURITÉ INTÉRIEURE"),
    (f"À l'intitulé du titre Ier du livre Ier {_CSI}, après le mot : « GÉNÉRAUX », sont "
     "insérés les mots : « ET COMMUNS » ;", 1,
     "Titre Ier : PRINCIPES GÉNÉRAUX ET COMMUNS DE LA SÉCURITÉ INTÉRIEURE"),
    (f"L'intitulé du chapitre II du titre Ier du livre Ier {_CSI} est complété par les mots : "
     "« et protection des populations » ;", 3,
     "Chapitre II : Sécurité civile et protection des populations"),
])
def test_the_words_of_a_heading_are_edited(sentence: str, index: int, heading: str) -> None:
    """The words of a division's heading are found, counted and edited as the words of an
    alinéa; only that heading changes (the others, and the articles, stay)."""
    base = _csi_headings()
    result = consolidate(base, parse_bill(f"Article 1er\n{sentence}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    before, after = _division_headings(base), _division_headings(result.code)
    assert after[index] == heading
    assert [h for i, h in enumerate(after) if i != index] == \
        [h for i, h in enumerate(before) if i != index]
    assert [p.article for p in result.code.articles()] == [p.article for p in base.articles()]


@pytest.mark.parametrize(("sentence", "code"), [
    # not in the heading: the heading is shown
    (f"Dans l'intitulé du chapitre Ier du titre Ier du livre Ier {_CSI}, le mot : « civile » "
     "est remplacé par le mot : « routière » ;", "LD302"),
    # twice, which one not said
    (f"Dans l'intitulé du livre IV {_CSI}, le mot : « NATIONALE » est remplacé par le mot : "
     "« NATIONALES » ;", "LD303"),
    # a heading completed by an alinéa
    (f"L'intitulé du chapitre II du titre Ier du livre Ier {_CSI} est complété par un alinéa "
     "ainsi rédigé : « Autre. » ;", "LD311"),
])
def test_the_words_of_a_heading_are_checked(sentence: str, code: str) -> None:
    result = consolidate(_csi_headings(), parse_bill(f"Article 1er\n{sentence}\n"))
    assert [d.code for d in result.diagnostics] == [code]
    assert _division_headings(result.code) == _division_headings(_csi_headings())


def test_the_words_of_real_headings_keep_their_spacing() -> None:
    """On the real CSI (read in place): its headings hold runs of two spaces (« GÉNÉRAUX  DE
    LA SÉCURITÉ ») that stay where the words do not change; the chapter's title goes, and
    nothing but the four headings changes."""
    from legidiff.formats import read_base
    base = read_base(corpus_path("codes", "code-de-la-securite-interieure")).code
    bill = parse_bill(  # a law: the partie législative (there is a livre Ier in each partie)
        "Loi relative à la sécurité intérieure\nArticle 1er\nLe code de la sécurité "
        "intérieure est ainsi modifié :\n1° À l'intitulé du chapitre Ier du titre Ier du "
        "livre Ier, après le mot : « Sécurité », la fin de la phrase est supprimée ;\n"
        "2° Au début de l'intitulé du chapitre II du titre Ier du livre Ier, sont insérés les "
        "mots : « Protection et » ;\n"
        "3° À l'intitulé du titre Ier du livre Ier, les mots : « PRINCIPES » et « SÉCURITÉ » "
        "sont remplacés respectivement par les mots : « RÈGLES » et « SÛRETÉ » ;\n"
        "4° Dans l'intitulé du livre Ier, le mot : « INTÉRIEURE » est remplacé par le mot : "
        "« PUBLIQUE » partout où il figure.\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    before, after = _division_headings(base), _division_headings(result.code)
    changed = {(b, a) for b, a in zip(before, after, strict=True) if b != a}
    assert changed == {
        ("LIVRE Ier : PRINCIPES GÉNÉRAUX ET ORGANISATION  DE LA SÉCURITÉ INTÉRIEURE",
         "LIVRE Ier : PRINCIPES GÉNÉRAUX ET ORGANISATION  DE LA SÉCURITÉ PUBLIQUE"),
        ("TITRE Ier : PRINCIPES GÉNÉRAUX  DE LA SÉCURITÉ INTÉRIEURE",
         "TITRE Ier : RÈGLES GÉNÉRAUX  DE LA SÛRETÉ INTÉRIEURE"),
        ("Chapitre Ier : Sécurité publique", "Chapitre Ier : Sécurité"),
        ("Chapitre II : Sécurité civile", "Chapitre II : Protection et Sécurité civile")}
    assert [p.article for p in result.code.articles()] == [p.article for p in base.articles()]


def test_the_title_of_a_law_is_rewritten() -> None:
    """« L'intitulé de la loi n° … est ainsi rédigé » on that law: its own title."""
    law = Code("Loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et "
               "aux libertés", (Article("1er", (Alinea("L'informatique doit être au service "
                                                     "de chaque citoyen."),)),))
    bill = parse_bill("Article 1er\nL'intitulé de la loi n° 78-17 du 6 janvier 1978 relative à "
                      "l'informatique, aux fichiers et aux libertés est ainsi rédigé : « Loi "
                      "relative à l'informatique et aux libertés ».\n")
    result = consolidate(law, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert result.code.title == "Loi relative à l'informatique et aux libertés"
    assert result.code.children == law.children


def test_the_bill_named_outside_amendments_is_refused() -> None:
    bill = parse_bill("Article 1er\nL'intitulé du projet de loi est ainsi rédigé : « X ».\n")
    assert bill.operations == ()
    assert [u.reason for u in bill.unrecognized] == [
        "« le projet de loi » ou « la proposition de loi » nommé hors d'un amendement : quel "
        "texte, pas dit"]


# ---------------------------------------------------------------------------
# « Les 6° à 11° sont renumérotés de 4° à 9° », pairs without their verb


def test_items_renumbered_from_a_range_to_a_range() -> None:
    """The 2012 bill on the sea (article L. 218-26 of the code de l'environnement): the
    4° and 5° deleted, the 6° to 11° renumbered 4° to 9°."""
    items = [f"{n}° Agent {n} ;" for n in range(1, 12)]
    base = Code("Code de l'environnement", (Article("L. 218-26", tuple(
        Alinea(a) for a in ["Sont habilités :", *items])),))
    bill = parse_bill("Article 1er\nL'article L. 218-26 du code de l'environnement est ainsi "
                      "modifié :\na) Les 4° et 5° sont abrogés ;\n"
                      "c) Les 6° à 11° sont renumérotés de 4° à 9° ;\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L. 218-26")[1:] == [
        "1° Agent 1 ;", "2° Agent 2 ;", "3° Agent 3 ;", "4° Agent 6 ;", "5° Agent 7 ;",
        "6° Agent 8 ;", "7° Agent 9 ;", "8° Agent 10 ;", "9° Agent 11 ;"]


def test_a_range_renumbered_into_a_range_of_another_size_is_refused() -> None:
    bill = parse_bill("Article 1er\nAu I de l'article 1 du code civil, les 6° à 11° sont "
                      "renumérotés de 4° à 8°.\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


@pytest.mark.parametrize("sentence", [
    # the 2013 bill on marriage (report 344), article L. 434-10 of the code de la sécurité
    # sociale
    "Au premier alinéa de l'article 1 du code civil, les mots : « de père et de mère » sont "
    "remplacés par les mots : « des deux parents » et les mots : « le père ou la mère » par "
    "les mots : « l'un des deux parents » ;",
    # amendment n° 1611 on the 2011 biology bill
    "Au premier alinéa de l'article 1 du code civil, remplacer les mots : « de père et de "
    "mère » par les mots : « des deux parents », et les mots : « le père ou la mère » par les "
    "mots : « l'un des deux parents »",
])
def test_a_pair_without_its_verb_takes_the_verb_before(sentence: str) -> None:
    base = _one_article("Les enfants de père et de mère inconnus ; le père ou la mère peut "
                        "agir.")
    result = consolidate(base, parse_bill(f"Article 1er\n{sentence}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Les enfants des deux parents inconnus ; l'un des "
                                          "deux parents peut agir."]


def test_a_pair_without_its_verb_after_another_kind_of_clause_is_refused() -> None:
    bill = parse_bill("Article 1er\nAu premier alinéa de l'article 1 du code civil, le mot : "
                      "« a » est supprimé et les mots : « b » par les mots : « c ».\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# Amendments: « Rétablir cet article dans la rédaction suivante : « … » »


@pytest.mark.parametrize("verb", ["Rétablir cet article dans la rédaction suivante :",
                                  "Rétablir cet article dans le texte suivant :"])
def test_an_amendment_restores_an_article_the_bill_deleted(verb: str) -> None:
    """The 2013 bills on the non-cumulation of mandates (amendments on article 1er
    quater): the article the committee deleted gets the text again."""
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    bill = read_bill("Projet de loi\nArticle 1er\nL'article L.O. 140 du code électoral est "
                     "abrogé.\nArticle 1er quater\n(Supprimé)\n")
    lines = ((verb, 1), ("« L'article L.O. 148 du même code est abrogé. »", 2))
    result = amend(bill, (Amendment("91", "x", None, "1er quater", lines, 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert "Article 1er quater\nL'article L.O. 148 du même code est abrogé.\n" in \
        write_bill(result)


# ---------------------------------------------------------------------------
# The new words first, then where; clauses joined by commas


@pytest.mark.parametrize(("instruction", "after"), [
    # PLFSS 2012 (article L. 24 of the code des pensions civiles et militaires de retraite)
    ("les mots : « ou à la réduction » sont insérés après les mots : « à l'interruption »",
     "Droit à l'interruption ou à la réduction d'activité."),
    ("la référence : « I. - » est insérée avant les mots : « Droit »",
     "I. - Droit à l'interruption d'activité."),
])
def test_new_words_first_then_where(instruction: str, after: str) -> None:
    base = _one_article("Droit à l'interruption d'activité.")
    result = consolidate(base, parse_bill(f"Article 1er\nAu premier alinéa de l'article 1 du "
                                          f"code civil, {instruction}.\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [after]


def test_clauses_joined_by_commas_apply_in_order() -> None:
    """The 2013 bill on marriage (report 344, article 371-4 of the code civil)."""
    base = _one_article("Le père et la mère, ascendants et aïeules, l'aïeul et l'aïeule.")
    bill = parse_bill("Article 1er\nAu premier alinéa de l'article 1 du code civil, les mots : "
                      "« Le père et la mère » sont remplacés par les mots : « Les parents », "
                      "les mots : « et aïeules » sont supprimés et les mots : « l'aïeul et "
                      "l'aïeule » sont remplacés par les mots : « les aïeuls ».\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Les parents, ascendants, les aïeuls."]


# ---------------------------------------------------------------------------
# « est complété par un second alinéa », « Il est ajouté un sixième alinéa »


@pytest.mark.parametrize(("instruction", "complete"), [
    ("L'article 1 du code civil est complété par un second alinéa ainsi rédigé : « Second. »",
     True),
    ("L'article 1 du code civil est complété par un troisième alinéa ainsi rédigé : "
     "« Troisième. »", False),
    ("Après le premier alinéa de l'article 1 du code civil, il est inséré un deuxième alinéa "
     "ainsi rédigé : « Second. »", True),
    ("Après le premier alinéa de l'article 1 du code civil, il est inséré un troisième alinéa "
     "ainsi rédigé : « Second. »", False),
])
def test_the_rank_of_a_new_alinea_is_checked(instruction: str, complete: bool) -> None:
    """« L'article L. 621-8 est complété par un second alinéa » (the 2010 agriculture
    bill): the article must hold one alinéa before it; a rank the text does not have
    changes nothing (LD311)."""
    base = _one_article("Premier.")
    result = consolidate(base, parse_bill(f"Article 1er\n{instruction}\n"))
    assert result.complete is complete, [d.message for d in result.diagnostics]
    expected = ["Premier.", "Second."] if complete else ["Premier."]
    assert _alineas(result.code, "1") == expected
    if not complete:
        assert [d.code for d in result.diagnostics] == ["LD311"]


def test_a_sixth_alinea_on_a_real_article_of_five(tmp_path: Path) -> None:
    """LOPPSI 2 (report 2271): « Il est ajouté un sixième alinéa ainsi rédigé » on article
    L. 224-1 of the code de la route, whose sixth alinéa (in its promulgated wording) is
    the last one of its 2015 text: on the five before it, the new alinéa is the sixth."""
    after = real_code_article("code-de-la-route",
                              "partie-legislative/livre-2/titre-2/chapitre-4/article-l224-1.md",
                              "L224-1", tmp_path)
    official = _alineas(after, "L224-1")
    assert len(official) == 6 and official[5].startswith("En cas d'accident de la circulation")
    before = Code(after.title, (Article("L224-1", tuple(Alinea(a) for a in official[:5])),))
    new = ("Les dispositions qui précèdent s'appliquent également en cas d'accident de la "
           "circulation ayant entraîné la mort d'une personne.")
    bill = parse_bill("Article 1er\nI. - L'article L. 224-1 du code de la route est ainsi "
                      f"modifié :\n2° Il est ajouté un sixième alinéa ainsi rédigé :\n« {new} »\n")
    result = consolidate(before, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L224-1") == [*official[:5], new]
    # on the 2015 text (six alinéas already), the rank is wrong: nothing changes
    refused = consolidate(after, bill)
    assert [d.code for d in refused.diagnostics] == ["LD311"]
    assert _alineas(refused.code, "L224-1") == official


def test_a_unit_becoming_a_unit_of_another_kind_is_not_a_renumbering() -> None:
    """« Les troisième et quatrième phrases du sixième alinéa deviennent un septième
    alinéa » (the 2010 Grenelle II bill) splits an alinéa: never read as a new number (it
    is a SplitAlinea, applied below); « Le vingt-huitième alinéa de l'article L. 123-1
    devient l'article L. 123-1-6 » is not read."""
    bill = parse_bill("Article 1er\nL'article L. 1 du code civil est ainsi modifié :\n"
                      "e) Les troisième et quatrième phrases du sixième alinéa deviennent un "
                      "septième alinéa ;\n")
    assert [type(op).__name__ for op in bill.operations] == ["SplitAlinea"]
    article = parse_bill("Article 1er\nLe code de l'urbanisme est ainsi modifié :\n"
                         "e) Le vingt-huitième alinéa de l'article L. 123-1 devient l'article "
                         "L. 123-1-6 ;\n")
    assert article.operations == () and len(article.unrecognized) == 1


# ---------------------------------------------------------------------------
# « il est inséré un chapitre Ier bis intitulé : « … » comprenant un article … ainsi rédigé »

CHAPTER = ("Article 1er\nAprès le chapitre Ier du titre II du livre II du code rural et de la "
           "pêche maritime, il est inséré un chapitre Ier bis intitulé : \"Les chambres "
           "d'agriculture\" comprenant un article L. 221-11 ainsi rédigé :\n")


def _rural() -> Code:
    return Code("Code rural et de la pêche maritime", (Division.new(
        DivisionKind.LIVRE, "II", "L", (Division.new(DivisionKind.TITRE, "II", "T", (
            Division.new(DivisionKind.CHAPITRE, "Ier", "C", (
                Article("L. 221-1", (Alinea("x"),)),)),)),)),))


def test_a_new_division_with_its_articles_written_below() -> None:
    result = consolidate(_rural(), parse_bill(CHAPTER + "« Art. L. 221-11. – Texte. »\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    shown = [n.heading if isinstance(n, Division) else n.num for _, n in result.code.walk()]
    assert shown == ["Livre II : L", "Titre II : T", "Chapitre Ier : C", "L. 221-1",
                     "Chapitre Ier bis : Les chambres d'agriculture", "L. 221-11"]


@pytest.mark.parametrize("block", ["« Art. L. 221-12. – Texte. »", "« Texte sans en-tête. »"])
def test_the_articles_a_new_division_announces_must_be_those_written(block: str) -> None:
    bill = parse_bill(CHAPTER + block + "\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_existing_articles_moved_into_a_new_division_are_moved() -> None:
    """« Il est inséré un chapitre Ier intitulé : « … », comprenant l'article L. 691-1 »
    (the 2010 agriculture bill) moves an article: the chapter, its heading alone, goes
    before the article, then the article moves into it (never a chapter left empty: the
    engine tests are below, test_a_new_chapter_takes_an_existing_article)."""
    bill = parse_bill("Article 1er\nAu titre IX du livre VI du code rural et de la pêche "
                      "maritime, il est inséré un chapitre Ier intitulé : \"Observatoire des "
                      "distorsions\", comprenant l'article L. 691-1 ;\n")
    insert, move = bill.operations
    assert isinstance(insert, InsertUnits) and isinstance(move, Move)
    assert str(insert.target) == str(move.target) == \
        "code-rural-et-de-la-peche-maritime:livre_6/titre_9/art_L691-1"
    assert insert.position is Position.BEFORE
    assert insert.new.alineas == ("Chapitre Ier", "Observatoire des distorsions")
    assert str(move.destination) == "code-rural-et-de-la-peche-maritime:livre_6/titre_9/chapitre_1"


# ---------------------------------------------------------------------------
# Amendments: lists of alinéas with their phrases; « Substituer à l'alinéa 15, les … »


@pytest.mark.parametrize(("location", "lead", "targets"), [
    # the 2019 bill on the Collectivité européenne d'Alsace (Senate amendments)
    ("Alinéas 2, 3, deuxième phrase, et 4",
     "À l'alinéa 2, à la deuxième phrase de l'alinéa 3 et à l'alinéa 4", 3),
    ("Alinéas 7, deuxième et dernière phrases, 8, première phrase, et 11, première phrase",
     "Aux deuxième et dernière phrases de l'alinéa 7, à la première phrase de l'alinéa 8 et "
     "à la première phrase de l'alinéa 11", 4),
    # the 2011 bill on biology (amendment n° 1169)
    ("Alinéas 24, seconde phrase, 37 et 38", "À la seconde phrase de l'alinéa 24, à l'alinéa 37 "
                                             "et à l'alinéa 38", 3),
])
def test_a_list_of_alineas_with_their_phrases(location: str, lead: str, targets: int) -> None:
    from legidiff.parliament.amendments import read_amendment

    lines = [(location, 1), ("Remplacer les mots :", 2), ("au département", 3),
             ("par les mots :", 4), ("à la Collectivité européenne", 5)]
    read = read_amendment(lines, article="1er", bill_text="projet")
    assert read.pieces[0].sentence.startswith(lead + ", remplacer les mots")
    assert read.unrecognized == () and len(read.operations) == targets


def test_an_amendment_substitutes_alineas_after_a_comma() -> None:
    """« Substituer à l'alinéa 15, les quatre alinéas suivants : » (the 2013 bill on the
    non-cumulation of mandates)."""
    bill = parse_bill("Article 1er\nSubstituer à l'alinéa 15 de l'article 1 du code civil, les "
                      "deux alinéas suivants :\n« Un. »\n« Deux. »\n")
    (op,) = bill.operations
    assert op.kind == "rewrite" and str(op.target) == "code-civil:art_1/al_15"


@pytest.mark.parametrize(("sentence", "kind", "target"), [
    # amendment n° 2836 (2013): "occurence", a spelling of several amendments
    ("À l'alinéa 14 de l'article 1 du code civil, substituer à la deuxième occurence des "
     "mots : « , les noms », le mot : « et ».", "replace_words", "code-civil:art_1/al_14"),
    # amendment n° 5902 (2015 intelligence bill): "respectivement" after the comma
    ("À l'alinéa 40 de l'article 1 du code civil, substituer aux références : « L. 313-2-1 » "
     "et « L. 313-2-2 », respectivement les références : « L. 313-12-1 » et « L. 313-12-2 ».",
     "replace_words", "code-civil:art_1/al_40"),
    # amendment n° 5988 (2009 hospital bill): "rédiger la fin" without "ainsi"
    ("Après le mot : « soumettent », rédiger la fin de l'alinéa 8 de l'article 1 du code "
     "civil : « à l'agence. »", "rewrite_end", "code-civil:art_1/al_8"),
    # amendment n° 1616 (2011): "de la référence suivante"; "cet alinéa" is the lead's,
    # with its code
    ("À l'alinéa 12 de l'article 1 du code civil, faire précéder cet alinéa de la référence "
     "suivante : « I. – »", "insert_words", "code-civil:art_1/al_12"),
    # amendments n° 2543, 6057: a bill of one article
    ("Rédiger ainsi le second alinéa de l'article unique : « X »", "rewrite",
     "art_unique/al_2"),
])
def test_amendment_spellings(sentence: str, kind: str, target: str) -> None:
    (op,) = parse_bill(f"Article 1er\n{sentence}\n").operations
    assert (op.kind, str(op.target)) == (kind, target)


# ---------------------------------------------------------------------------
# Sub-amendments: instructions on another amendment, never on the bill


@pytest.mark.parametrize(("first", "target"), [
    ("Amendement n° 78 rectifié, alinéa 9", "amendement-78:al_9"),  # the 2013 transparency bill
    ("Alinéa 2 de l'amendement n° 1181", "amendement-1181:al_2"),  # the 2010 pensions bill
    ("Amendement 80 rect, alinéa 24, première phrase", "amendement-80:al_24/ph_1"),
])
def test_a_sub_amendment_amends_the_amendment_it_names(first: str, target: str) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend
    from legidiff.parliament.amendments import read_amendment
    from legidiff.parliament.debate import Amendment

    lines = [(first, 1), ("Après le mot :", 2), ("« code »", 3), ("insérer le mot :", 4),
             ("« électoral »", 5)]
    read = read_amendment(lines, article="1er", bill_text="projet")
    assert [str(op.target) for op in read.operations] == [target]
    # applied to the bill, it is out of its scope: said, never applied to the bill
    bill = read_bill("Projet de loi\nArticle 1er\nL'article L.O. 140 du code électoral est "
                     "abrogé.\n")
    result = amend(bill, (Amendment("132", "x", None, "1er", tuple(lines), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics] == ["LD308"]
    assert result.code == result.bill


def test_the_two_occurrences_of_a_word_are_a_count() -> None:
    """« les deux occurrences du mot : « cinquante » sont remplacées … » (the 2010
    pensions bill): every occurrence, and there must be two."""
    base = _one_article("Un délai de cinquante ans, porté à cinquante ans.")
    bill = parse_bill("Article 1er\nAu premier alinéa de l'article 1 du code civil, les deux "
                      "occurrences du mot : « cinquante » sont remplacées par les mots : "
                      "« cinquante-deux ».\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Un délai de cinquante-deux ans, porté à "
                                          "cinquante-deux ans."]
    once = consolidate(_one_article("Un délai de cinquante ans."), bill)
    assert [d.code for d in once.diagnostics] == ["LD319"]


# ---------------------------------------------------------------------------
# Standalone provisions whose verb is also a verb of modification: the subject of the
# verb's own sentence, after a leading phrase, tells (legidiff.bill.parse.is_instruction)

@pytest.mark.parametrize("text", [
    # the fishing committees (pjl 09-200, article on the comités locaux)
    "Si aucun comité départemental ou interdépartemental n'a été créé à la date mentionnée "
    "au premier alinéa, les biens, droits et obligations des comités locaux sont transférés "
    "aux comités régionaux correspondants.",
    # the Alsace bill: a relative « dont … sont transférés », then a second sentence
    "IV. - À l'exception des aménagements de sécurité dont les financements sont transférés "
    "dans les conditions prévues à l'article 3, l'État continue d'assurer le financement des "
    "opérations routières jusqu'au 31 décembre 2020. La maîtrise d'ouvrage des travaux non "
    "réalisés à cette date est transférée au 1er janvier 2021 à la Collectivité européenne "
    "d'Alsace.",
    # the Alsace bill: entry into force, then an adaptation clause in a second sentence
    "À l'exception de son article 2, la présente loi entre en vigueur le 1er janvier 2021. "
    "Pour l'application de l'article 2, entre le lendemain du jour de la publication de la "
    "présente loi et le 1er janvier 2021, les mots : « sur le territoire des départements » "
    "sont substitués aux mots : « sur le territoire de la Collectivité ».",
    # a second sentence whose subject is property, after a first one about bodies
    "Les comités locaux continuent de fonctionner jusqu'à leur remplacement. Les biens, "
    "droits et obligations des comités locaux sont transférés à cette date aux comités "
    "départementaux.",
])
def test_a_provision_on_persons_or_property_is_standalone(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.unrecognized == () and bill.operations == ()
    assert len(bill.provisions) == 1


@pytest.mark.parametrize("text", [
    # the subject after a leading phrase is a unit of text: an instruction, read or not
    "À compter du 1er janvier 2021, le chapitre II du titre Ier du livre Ier du code du "
    "tourisme devient le chapitre III.",
    "Si la loi n° 2020-1 est promulguée, les articles L. 5 et L. 6 du code civil "
    "deviennent les articles L. 7 et L. 8.",
    "Dans le code civil, le 3° de l'article 5, tel qu'il est en vigueur, devient le 4°.",
    "À l'article 5 du code civil, les références : « L. 1 » sont substituées aux "
    "références : « L. 2 ».",
    # a first sentence about property, a second one that is an instruction
    "Les biens sont transférés à l'État. Le II de l'article 5 du code civil devient le III.",
    # a subject that cannot be told (no determiner after the leading phrase): in doubt
    "Si nécessaire, il est substitué au mot : « a » le mot : « b ».",
    "Dans le code civil, deviennent les articles 8 et 9 les articles 6 et 7.",
])
def test_an_instruction_with_a_leading_phrase_is_never_standalone(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.provisions == ()
    assert bill.operations or bill.unrecognized


@pytest.mark.parametrize(("text", "instruction"), [
    # « qui » is its clause's subject: its verb follows it at once, and a verb after other
    # words is the sentence's own (the reviewer's case: a repeal silently taken for a
    # provision, the units it repeals left in the text)
    ("Les articles L. 1 et L. 2 du code civil qui concernent les communes sont abrogés.", True),
    ("Les dispositions du titre II du code civil qui concernent les communes sont abrogées.",
     True),
    # three items of the code adaptation corpus, words quoted with unmatched straight
    # marks: a modification, never a provision
    ('Les mots : " celles qui naissent des dispositions de l\'article 1269 du code de '
     'procédure civile " sont remplacés par les mots : les demandes en révision de compte ".',
     True),
    ('Au b, les mots : "ou dont la population est comprise entre 3 500 et 20 000 habitants qui '
     'remplissent les conditions prévues par l\'article L. 5214-23-1” sont supprimés.', True),
    # the verb right after « qui », with what may stand between them: the relative's own
    ("Les biens qui sont transférés à la commune restent soumis au régime antérieur.", False),
    ("Les biens qui ne leur sont pas transférés restent soumis au régime antérieur.", False),
    ("Les dispositions qui ont été modifiées par la loi n° 2000-1 du 1er janvier 2000 restent "
     "applicables.", False),
])
def test_the_verb_after_a_relative_clause_with_qui_is_the_sentences(text: str,
                                                                    instruction: bool) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == ()
    assert (len(bill.unrecognized), len(bill.provisions)) == ((1, 0) if instruction else (0, 1))


@pytest.mark.parametrize(("text", "instruction"), [
    # « dont », « auxquels », « où », « lorsque »: the clause has a subject of its own, then
    # its verb; a verb after the clause's own is the sentence's (a repeal silently taken
    # for a provision, the units it repeals left in the text): the clause's subject holds a
    # verb (« suit », « figure », « renvoie », an auxiliary), or the verb does not agree
    # with it (« la liste … sont »)
    ("Les articles L. 1 à L. 3 du code civil dont la liste suit sont abrogés.", True),
    ("Les dispositions du code civil dont la liste figure en annexe sont abrogées.", True),
    ("Les articles du code civil auxquels la loi renvoie sont abrogés.", True),
    ("Le chapitre II du titre Ier du code civil dont les articles ont été transférés au code "
     "de commerce est abrogé.", True),
    ("Les articles 3 et 4 de l'ordonnance n° 2000-1 du 1er janvier 2000 dont les dispositions "
     "sont reprises par le code civil sont abrogés.", True),
    # the verb right after the clause's subject (its auxiliary between them): the clause's
    ("Les biens dont la propriété est transférée à la commune restent soumis au régime "
     "antérieur.", False),
    ("Les biens dont les titres ont été modifiés restent soumis au régime antérieur.", False),
    # the sentence's verb after such a clause, its subject persons or property: a provision
    # (code général des collectivités territoriales: « dont est issue », « laquelle ils ont
    # été nommés » end their clause; « ensemble des biens » counts goods)
    ("Les biens dont l'État est propriétaire sont transférés à la commune.", False),
    ("Les membres décédés, démissionnaires ou qui ont perdu la qualité au titre de laquelle ils "
     "ont été nommés sont remplacés dans un délai de trois mois.", False),
    ("L'ensemble des biens, droits et obligations des établissements publics supprimés et des "
     "communes dont est issue la commune nouvelle est transféré à cette dernière.", False),
    # a verb denied is a statement, never an instruction (code général des collectivités
    # territoriales); « que ce soit » is no verb of the clause after « lorsque »
    ("Ni les attributions du syndicat, ni le périmètre dans lequel il exerce ses compétences "
     "ne sont modifiés.", False),
    ("Lorsque pour quelque cause que ce soit le siège d'un membre de la commission devient "
     "vacant, il est attribué au premier candidat non élu figurant sur la même liste.", False),
    # no subject told (code de l'environnement): a notice published, as before the clause
    # was read — the sentence's verb after such a clause needs a unit of text for subject
    ("Mention des lieux où ces documents peuvent être consultés est insérée dans deux "
     "journaux régionaux ou locaux diffusés dans le département.", False),
    ("Un avis indiquant les lieux où le plan de gêne peut être consulté est inséré par le "
     "préfet dans deux journaux locaux ou régionaux.", False),
    # a clause has one verb: the next is the sentence's
    ("Les articles du code civil dont la numérotation est modifiée sont abrogés.", True),
    # a clause of one sentence holds no verb of the next (the repeal was a provision)
    ("Les biens dont l'État est propriétaire sont transférés à la commune. Les articles 5 et "
     "6 du code civil sont abrogés.", True),
])
def test_the_verb_after_a_clause_with_its_own_subject(text: str, instruction: bool) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == ()
    assert (len(bill.unrecognized), len(bill.provisions)) == ((1, 0) if instruction else (0, 1))


def test_the_verbs_after_one_clause_are_read_in_linear_time() -> None:
    """Each clause's verb and the sentence's subject after it are read once: a run of
    verbs after one clause was read again from the clause for each (20 s for 8,000)."""
    for text in ("Les biens dont la commune " + "est transférée " * 8000 + "là.",
                 "Les biens dont la liste " + "ne " * 8000 + "sont abrogés."):
        prepared = prepare(text)
        start = time.perf_counter()
        assert not is_instruction(prepared)
        assert time.perf_counter() - start < 2.0


ENABLING = ("Article 2\nI. - Dans les conditions prévues par l'article 38 de la Constitution, "
            "le Gouvernement est autorisé à prendre par ordonnances les dispositions "
            "législatives nécessaires afin de :\n")
# pjl 09-200 (modernisation de l'agriculture), article 2, at every reading
REDEFINE = ("1° Redéfinir, en clarifiant la situation juridique des intervenants, les conditions "
            "dans lesquelles sont réalisées les missions entrant dans le champ du mandat "
            "sanitaire prévu à l'article L. 221-11 du code rural et de la pêche maritime ; "
            "compléter les missions ainsi confiées à des vétérinaires ;\n")


def test_the_measures_of_an_enabling_list_are_provisions() -> None:
    """An ordonnance's enabling list says what the ordonnance may do, in infinitives: the
    « compléter les missions » of its items amends no text."""
    bill = parse_bill(ENABLING + REDEFINE + "2° Modifier les dispositions des articles "
                      "L. 243-1 et L. 243-2 du code rural et de la pêche maritime ;\n")
    assert bill.unrecognized == () and bill.operations == ()
    assert len(bill.provisions) == 3


def test_outside_an_enabling_list_an_infinitive_stays_an_instruction() -> None:
    """The same item under a chapeau that enables nothing, and an instruction inside an
    enabling list, are instructions (read, or reported)."""
    alone = parse_bill("Article 2\nI. - Le code rural est ainsi modifié :\n" + REDEFINE)
    assert alone.provisions == () and len(alone.unrecognized) == 1
    within = parse_bill(ENABLING + "1° Le second alinéa de l'article L. 221-11 du code rural "
                        "et de la pêche maritime est supprimé ;\n2° Compléter l'article "
                        "L. 221-12 du code rural et de la pêche maritime par un alinéa "
                        "ainsi rédigé :\n")
    assert len(within.provisions) == 1  # the enabling chapeau
    assert len(within.operations) == 1
    assert [u.source.bill_ref for u in within.unrecognized] == ["article 2, I, 2°"]


# ---------------------------------------------------------------------------
# A clause of time or reservation ending a repeal is set aside, like « à compter du … »

@pytest.mark.parametrize(("text", "target", "aside"), [
    # pension reform (2760), article on the statut général des militaires
    ("L'article 91 de la loi n° 2005-270 du 24 mars 2005 portant statut général des "
     "militaires est abrogé à compter de l'entrée en vigueur du décret mentionné au I et au "
     "plus tard le 1er juillet 2011.", "loi-2005-270:art_91",
     "à compter de l'entrée en vigueur du décret mentionné au I et au plus tard le 1er "
     "juillet 2011"),
    # transparency bill (r1109)
    ("Les articles 1er à 5-1 de la loi n° 88-227 du 11 mars 1988 relative à la transparence "
     "financière de la vie politique sont abrogés, sous réserve des dispositions du second "
     "alinéa du II du présent article.", "loi-88-227:art_1..5-1",
     "sous réserve des dispositions du second alinéa du II du présent article"),
    # Grenelle 2 (r2449)
    ("L'article L. 553-2 du code de l'environnement est abrogé à l'expiration du délai d'un "
     "an à compter de la date de publication de la présente loi.",
     "code-de-l-environnement:art_L553-2",
     "à l'expiration du délai d'un an à compter de la date de publication de la présente "
     "loi"),
])
def test_a_clause_ending_a_repeal_is_set_aside(text: str, target: str, aside: str) -> None:
    from legidiff.bill.sentence import prepare
    assert prepare(text).set_aside == (aside,)
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.unrecognized == ()
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == [
        f"Repeal {target}"]


@pytest.mark.parametrize("text", [
    # not at the end: something quoted, or another instruction, follows
    "Le mot : « abrogé à compter de » est remplacé par le mot : « x ».",
    "L'article 5 est abrogé à compter de la publication ; l'article 6 est ainsi rédigé :",
    # not after the repeal's verb: a leading clause stays the grammar's to read
    "Sous réserve du II, l'article 5 du code civil est abrogé.",
    "L'article 5 du code civil est modifié à compter de la publication de la présente loi.",
])
def test_a_clause_elsewhere_is_not_set_aside(text: str) -> None:
    from legidiff.bill.sentence import prepare
    assert prepare(text).set_aside == ()


# ---------------------------------------------------------------------------
# A partie named after the code, by its number and title, as décrets of the 1990s wrote

@pytest.mark.parametrize(("qualifier", "partie"), [
    ("(deuxième partie : Décrets en Conseil d'Etat)", "partie_2"),
    ("(troisième partie : Décrets)", "partie_3"),
    ("(première partie)", "partie_1"),
    ("(partie réglementaire)", "partie_reglementaire"),
    # in capitals, as the terminal reads it (it crashed: the number was not read, fuzz.py's
    # run 23 of session 8)
    ("(DEUXIÈME PARTIE : DÉCRETS EN CONSEIL D'ETAT)", "partie_2"),
    ("(deuxIÈME PARTIE : dÉCRETS EN cONSEIl d'Etat)", "partie_2"),
])
def test_a_partie_qualifier_after_the_code(qualifier: str, partie: str) -> None:
    bill = parse_bill("Article 1er\nLa section II du chapitre Ier du titre III du livre V du "
                      f"code de la santé publique {qualifier} est modifiée comme suit :\n"
                      "I. - A l'article R. 5150, les mots : « a » sont remplacés par les "
                      "mots : « b ».\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [
        f"code-de-la-sante-publique:{partie}/livre_5/titre_3/chapitre_1/section_2/art_R5150"]


@pytest.mark.parametrize("qualifier", [
    "(deuxième partie : Décrets (ancien))",  # a parenthesis inside: not a title
    "(partie : Décrets)",  # no number
    "(deuxième partie : " + "x" * 81 + ")",  # longer than a title
])
def test_what_is_not_a_partie_qualifier_is_not_read(qualifier: str) -> None:
    bill = parse_bill("Article 1er\nL'article R. 5150 du code de la santé publique "
                      f"{qualifier} est abrogé.\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# A range among other numbers: spelt out for alinéas, never one range up to a list

def test_a_range_among_other_articles_is_never_one_range() -> None:
    """« Les articles R.* 112-6 à R.* 112-50, R.* 112-56 et R.* 113-1 » was read as one
    range from R.* 112-6 up to « R.* 112-50, R.* 112-56 et R.* 113-1 » (a décret of
    1994 on the code rural), then refused: « à » binds closer than the comma and « et »,
    so it is a range and two articles — which articles lie between the range's ends is
    the code's to say, at apply (each range as one range alone is)."""
    rural = "code-rural-et-de-la-peche-maritime"
    for numbers, targets in (
            ("R.* 112-6 à R.* 112-50, R.* 112-56 et R.* 113-1",
             ["art_R*112-6..R*112-50", "art_R*112-56", "art_R*113-1"]),
            ("L. 1 à L. 3 et L. 7", ["art_L1..L3", "art_L7"]),
            ("5 à 7, 9", ["art_5..7", "art_9"])):
        bill = parse_bill(f"Article 1er\nLes articles {numbers} du code rural sont "
                          "abrogés.\n")
        assert bill.unrecognized == ()
        assert [str(op.target) for op in bill.operations] == [f"{rural}:{t}" for t in targets]
    alone = parse_bill("Article 1er\nLes articles R. 112-6 à R. 112-50 du code rural sont "
                       "abrogés.\n")
    assert [str(op.target) for op in alone.operations] == [
        "code-rural-et-de-la-peche-maritime:art_R112-6..R112-50"]
    # a part with two « à » is no list of ranges
    twice = parse_bill("Article 1er\nLes articles L. 1 à L. 3 à L. 5 et L. 7 du code rural sont "
                       "abrogés.\n")
    assert twice.operations == () and len(twice.unrecognized) == 1


def test_a_range_among_other_alineas_is_spelt_out() -> None:
    """The Alsace amendments: « Alinéas 5 à 7, 17 et 18 » are alinéas 5, 6, 7, 17, 18."""
    bill = parse_bill("Article 1er\nAux alinéas 5 à 7, 17 et 18 de l'article 3 de la loi "
                      "n° 2020-1, les mots : « a » sont remplacés par les mots : « b ».\n")
    assert sorted(str(op.target) for op in bill.operations) == sorted(
        f"loi-2020-1:art_3/al_{n}" for n in (5, 6, 7, 17, 18))
    for numbers in ("5 à 7, 17 à 300", "7 à 5, 9", "II à IV, 9"):
        wide = parse_bill(f"Article 1er\nAux alinéas {numbers} de l'article 3 de la loi "
                          "n° 2020-1, les mots : « a » sont supprimés.\n")
        assert wide.operations == () and len(wide.unrecognized) == 1


# ---------------------------------------------------------------------------
# Words given as alternatives: « X » ou « Y », replaced by « A » ou « B », paired in order

WORDS_OR = ("Article 1er\nLe code civil est ainsi modifié :\n4° Aux articles 1 et 2, les "
            "mots : « le présent chapitre » ou « du présent chapitre » sont remplacés par "
            "les mots : « la présente section » ou « de la présente section » ;\n")


def test_words_or_replace_whichever_each_unit_holds() -> None:
    """The 2010 agriculture bill (pjl 09-200, articles L. 631-1 to L. 631-23 of the code
    rural): one article says « du présent chapitre », another « le présent chapitre »;
    each is replaced by its own (found as any words are: « Le présent chapitre » opening a
    sentence is other words)."""
    base = Code("Code civil", (
        Article("1", (Alinea("Les accords conclus en application du présent chapitre "
                             "sont étendus."),)),
        Article("2", (Alinea("Le présent chapitre s'applique aux produits agricoles."),
                      Alinea("Les organisations que reconnaît le présent chapitre sont "
                             "consultées."))),
    ))
    bill = parse_bill(WORDS_OR)
    assert bill.unrecognized == ()
    assert [op.old.alternatives for op in bill.operations if isinstance(op, ReplaceWords)] \
        == [True, True]
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [
        "Les accords conclus en application de la présente section sont étendus."]
    assert _alineas(result.code, "2") == [
        "Le présent chapitre s'applique aux produits agricoles.",
        "Les organisations que reconnaît la présente section sont consultées."]


def test_words_or_each_found_once_and_never_overlapping() -> None:
    both = Code("Code civil", (Article("1", (Alinea(
        "Il applique le présent chapitre ; les accords du présent chapitre aussi."),)),))
    bill = parse_bill(WORDS_OR.replace("Aux articles 1 et 2", "À l'article 1"))
    result = consolidate(both, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [
        "Il applique la présente section ; les accords de la présente section aussi."]
    for text, code in (("Rien à remplacer ici.", "LD302"),
                       ("Selon le présent chapitre et le présent chapitre.", "LD303")):
        base = Code("Code civil", (Article("1", (Alinea(text),)),))
        result = consolidate(base, bill)
        assert not result.complete and result.diagnostics[0].code == code
        assert _alineas(result.code, "1") == [text]
    overlap = parse_bill("Article 1er\nÀ l'article 1 du code civil, les mots : « chapitre » "
                         "ou « présent chapitre » sont remplacés par les mots : « section » "
                         "ou « présente section ».\n")
    base = Code("Code civil", (Article("1", (Alinea("Le présent chapitre s'applique."),)),))
    result = consolidate(base, overlap)
    assert not result.complete and result.diagnostics[0].code == "LD320"


@pytest.mark.parametrize("text", [
    # alternatives anywhere but words replaced: refused, never taken for a list
    "À l'article 1 du code civil, les mots : « a » ou « b » sont supprimés.",
    "À l'article 1 du code civil, après les mots : « a » ou « b », sont insérés les mots : "
    "« c ».",
    # three alternatives for two new words
    "À l'article 1 du code civil, les mots : « a », « b » ou « c » sont remplacés par les "
    "mots : « d » ou « e ».",
    # new words as alternatives for plain words
    "À l'article 1 du code civil, les mots : « a » sont remplacés par les mots : « d » ou "
    "« e ».",
])
def test_words_or_elsewhere_are_not_read(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# « Dans tous les textes législatifs et réglementaires, … »: every text, the base among them

ALL_TEXTS = ("Article 1er\nDans tous les textes législatifs et réglementaires, le mot : "
             "« vidéosurveillance » est remplacé par le mot : « vidéoprotection ».\n")


def test_words_replaced_in_every_text_are_replaced_in_the_base() -> None:
    """LOPPSI 2 (report 2271): the base is one of those texts; each occurrence in it is
    replaced, and a base that does not hold the words is left as it is (LD316 says the
    instruction changed nothing there), never an error nor out of scope."""
    bill = parse_bill(ALL_TEXTS)
    (op,) = bill.operations
    assert isinstance(op, ReplaceWords) and op.old.all_texts and op.old.everywhere
    assert op.target.code is None and not op.target.steps
    base = _one_article("La vidéosurveillance est autorisée ; la vidéosurveillance aussi.")
    result = consolidate(base, bill)
    assert result.complete and result.counts() == {"applied": 1}
    assert _alineas(result.code, "1") == [
        "La vidéoprotection est autorisée ; la vidéoprotection aussi."]
    other = _one_article("Rien à changer.")
    result = consolidate(other, bill)
    assert result.complete and result.counts() == {"applied": 1}
    assert [d.code for d in result.diagnostics] == ["LD316"]
    assert _alineas(result.code, "1") == ["Rien à changer."]


@pytest.mark.parametrize("text", [
    "Dans tous les textes législatifs et réglementaires, au premier alinéa de l'article 1 "
    "du code civil, le mot : « a » est remplacé par le mot : « b ».",
    "Dans tous les textes législatifs et réglementaires, après le mot : « a », est inséré "
    "le mot : « b ».",
])
def test_every_text_with_a_unit_is_not_read(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# Other texts named by date, or by a number not yet known


@pytest.mark.parametrize(("named", "key"), [
    # two décrets of the same day: the key holds the whole date (it held the day alone,
    # "décret-19", and the two met)
    ("du décret du 19 mars 1987 susvisé", "décret-1987-03-19"),
    ("du décret du 19 avril 1987", "décret-1987-04-19"),
    ("du décret du 19 mars 1988", "décret-1988-03-19"),
    ("de la loi du 16 octobre 1919 relative à l'utilisation de l'énergie hydraulique",
     "loi-1919-10-16"),
    ("de l'arrêté du 1er juillet 2003", "arrêté-2003-07-01"),
    # a number names one text of its kind
    ("de la loi n° 78-17 du 6 janvier 1978 relative à l'informatique", "loi-78-17"),
    ("de la loi organique n° 99-209 du 19 mars 1999", "loi-99-209"),
    # the finance laws: their title, then their number and date in parentheses (PLFSS 2012)
    ("de la loi de financement de la sécurité sociale pour 2001 (n° 2000-1257 du 23 décembre "
     "2000)", "loi-2000-1257"),
    ("de la loi de finances pour 1984 (n° 83-1179 du 29 décembre 1983)", "loi-83-1179"),
    # a law not yet promulgated: its number and date blank, its title names it (2010
    # agriculture bill, « la loi n° du relative à l'entrepreneur individuel … »)
    ("de la loi n° du relative à l'entrepreneur individuel à responsabilité limitée",
     "loi-relative-a-l-entrepreneur-individuel-a-responsabilite-limitee"),
])
def test_a_text_named_by_date_or_title_has_its_own_key(named: str, key: str) -> None:
    bill = parse_bill(f"Article 1er\nL'article 3 {named} est abrogé.\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [f"{key}:art_3"]


def test_two_decrets_of_the_same_day_stay_apart() -> None:
    """Each instruction goes to its own décret: the context of the second chapeau is not
    the first décret's."""
    bill = parse_bill("Article 1er\nI. - Le décret du 19 mars 1987 est ainsi modifié :\n"
                      "1° L'article 2 est abrogé ;\n"
                      "II. - Le décret du 19 juin 1987 est ainsi modifié :\n"
                      "1° L'article 2 est abrogé.\n")
    assert [op.target.code for op in bill.operations] == ["décret-1987-03-19",
                                                          "décret-1987-06-19"]


def test_an_instruction_to_a_law_whose_number_is_not_known_is_out_of_scope_of_a_code() -> None:
    base = Code("code-rural", (Article("L1", (Alinea("Le maire signe."),)),))
    bill = parse_bill("Article 1er\nL'article 8 de la loi n° du relative à l'entrepreneur "
                      "individuel à responsabilité limitée est ainsi modifié :\n"
                      "1° Au premier alinéa, le mot : « maire » est remplacé par le mot : "
                      "« préfet ».\n")
    result = consolidate(base, bill)
    (other,) = result.results
    assert other.status.value == "out_of_scope"
    assert other.diagnostics[0].code == "LD308"


# ---------------------------------------------------------------------------
# Units moved into another division (« deviennent respectivement les sous-sections 1, 2
# et 3 de la section 1 », « comprenant l'article L. 691-1 »)


def _div(kind: DivisionKind, number: str, title: str, *children: Article | Division
         ) -> Division:
    return Division.new(kind, number, title, tuple(children))


def _art(number: str) -> Article:
    return Article(number, (Alinea(f"Texte de l'article {number}."),))


def _rural_book_vi(chapter: Division, *more: Division) -> Code:
    """The code rural's book VI as the 2010 agriculture bill found it (headings and
    article numbers of the code's chapter I of title III before the law; the articles'
    text is left out)."""
    return Code("code-rural-et-de-la-peche-maritime", (
        _div(DivisionKind.LIVRE, "VI", "Production et marchés",
             _div(DivisionKind.TITRE, "III", "Les accords interprofessionnels agricoles",
                  chapter), *more),))


CHAPTER_631 = _div(
    DivisionKind.CHAPITRE, "Ier", "Le régime contractuel en agriculture",
    _div(DivisionKind.SECTION, "1", "Les accords interprofessionnels à long terme",
         _art("L. 631-1"), _art("L. 631-2")),
    _div(DivisionKind.SECTION, "2", "Contenu des accords interprofessionnels à long terme",
         _art("L. 631-3"), _art("L. 631-4")),
    _div(DivisionKind.SECTION, "3", "Les conventions de campagne et les contrats types",
         _art("L. 631-12")),
    _div(DivisionKind.SECTION, "4", "Dispositions communes", _art("L. 631-19")))

SECTIONS_MOVED = ("Article 1er\nI. - Le chapitre Ier du titre III du livre VI du code rural "
                  "et de la pêche maritime est ainsi modifié :\n2° Les sections 2, 3 et 4 "
                  "deviennent respectivement les sous-sections 1, 2 et 3 de la section 1 ;\n")


def _headings(node: Code | Division, depth: int = 0) -> list[str]:
    out: list[str] = []
    for child in node.children:
        if isinstance(child, Division):
            out.append("  " * depth + child.heading)
            out.extend(_headings(child, depth + 1))
        else:
            out.append("  " * depth + child.num)
    return out


def test_sections_become_sous_sections_of_a_section() -> None:
    """The 2010 agriculture bill (article 12 of the law, code rural L. 631-1 and after):
    each section goes into the section 1 as the sous-section it becomes, with its title
    and its articles; the section 1 keeps its own articles first. This is the structure
    of the code since (codes-2015: section 1 holds L631-1, L631-2, then the sous-sections
    1 to 3)."""
    bill = parse_bill(SECTIONS_MOVED)
    assert [type(op).__name__ for op in bill.operations] == ["Move"] * 3
    result = consolidate(_rural_book_vi(CHAPTER_631), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)[3:]] == [
        "Section 1 : Les accords interprofessionnels à long terme",
        "L. 631-1", "L. 631-2",
        "Sous-section 1 : Contenu des accords interprofessionnels à long terme",
        "L. 631-3", "L. 631-4",
        "Sous-section 2 : Les conventions de campagne et les contrats types",
        "L. 631-12",
        "Sous-section 3 : Dispositions communes", "L. 631-19"]
    depth = {h.strip(): len(h) - len(h.lstrip()) for h in _headings(result.code)}
    assert depth["L. 631-1"] == depth["Sous-section 3 : Dispositions communes"] == \
        depth["Section 1 : Les accords interprofessionnels à long terme"] + 2
    assert depth["L. 631-19"] == depth["L. 631-1"] + 2


@pytest.mark.parametrize(("chapter", "code"), [
    # the section 4 is missing
    (replace(CHAPTER_631, children=CHAPTER_631.children[:3]), "LD301"),
    # the destination is missing
    (replace(CHAPTER_631, children=CHAPTER_631.children[1:]), "LD301"),
    # the section 2 holds a sous-section: it cannot become a sous-section itself
    (replace(CHAPTER_631, children=(
        CHAPTER_631.children[0],
        _div(DivisionKind.SECTION, "2", "Contenu",
             _div(DivisionKind.SOUS_SECTION, "1", "Objet", _art("L. 631-3"))),
        *CHAPTER_631.children[2:])), "LD311"),
    # the section 1 holds a sous-section 2 already
    (replace(CHAPTER_631, children=(
        _div(DivisionKind.SECTION, "1", "Les accords interprofessionnels à long terme",
             _art("L. 631-1"), _div(DivisionKind.SOUS_SECTION, "2", "Autre", _art("L. 631-2"))),
        *CHAPTER_631.children[1:])), "LD307"),
])
def test_a_move_that_cannot_be_made_is_refused(chapter: Division, code: str) -> None:
    result = consolidate(_rural_book_vi(chapter), parse_bill(SECTIONS_MOVED))
    assert not result.complete
    assert code in [d.code for d in result.diagnostics]


@pytest.mark.parametrize(("sentence", "message"), [
    # a section cannot go into a sous-section, nor into itself
    ("Les sections 2 et 3 deviennent respectivement les sections 1 et 2 de la sous-section 1 "
     "de la section 1 ;", "ne peut aller dans"),
    ("Les sections 2 et 3 deviennent respectivement les sous-sections 1 et 2 de la section 2 ;",
     "ses propres divisions"),
    ("Les sections 2, 3 et 4 deviennent respectivement les sous-sections 1 et 2 de la "
     "section 1 ;", "3 divisions déplacées en 2 numéros"),
])
def test_a_move_that_cannot_be_read_is_refused_by_the_parser(sentence: str, message: str
                                                             ) -> None:
    bill = parse_bill("Article 1er\nLe chapitre Ier du titre III du livre VI du code rural "
                      f"est ainsi modifié :\n1° {sentence}\n")
    assert bill.operations == ()
    (unread,) = bill.unrecognized
    assert message in unread.reason


OBSERVATORY = ("Article 1er\nLe livre VI du code rural est ainsi modifié :\n"
               "4° Le titre IX est ainsi modifié :\n"
               "b) Il est inséré un chapitre Ier intitulé : \"Observatoire des distorsions\", "
               "comprenant l'article L. 691-1 ;\n")


def _title_ix(*children: Article | Division) -> Code:
    return Code("code-rural-et-de-la-peche-maritime", (
        _div(DivisionKind.LIVRE, "VI", "Production et marchés",
             _div(DivisionKind.TITRE, "VIII", "Dispositions diverses", _art("L. 681-1")),
             _div(DivisionKind.TITRE, "IX", "Observatoire des distorsions", *children)),))


def test_a_new_chapter_takes_an_existing_article() -> None:
    """The 2010 agriculture bill (code rural, title IX of book VI): the new chapter Ier,
    its heading alone, goes where the article L. 691-1 was, and the article moves into
    it; what follows stays after it."""
    bill = parse_bill(OBSERVATORY)
    assert [type(op).__name__ for op in bill.operations] == ["InsertUnits", "Move"]
    result = consolidate(_title_ix(_art("L. 691-1")), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)] == [
        "Livre VI : Production et marchés", "Titre VIII : Dispositions diverses", "L. 681-1",
        "Titre IX : Observatoire des distorsions",
        "Chapitre Ier : Observatoire des distorsions", "L. 691-1"]
    depth = {h.strip(): len(h) - len(h.lstrip()) for h in _headings(result.code)}
    assert depth["L. 691-1"] == depth["Chapitre Ier : Observatoire des distorsions"] + 2


@pytest.mark.parametrize(("children", "code"), [
    ((_art("L. 691-2"),), "LD301"),  # the article is not in the title
    # a chapter II comes before the article: a chapter Ier cannot come after it
    ((_div(DivisionKind.CHAPITRE, "II", "Autre", _art("L. 692-1")), _art("L. 691-1")), "LD306"),
    # the title has a chapter Ier already: the new one cannot come after it, and the
    # article never goes into the old one
    ((_div(DivisionKind.CHAPITRE, "Ier", "Autre", _art("L. 690-1")), _art("L. 691-1")),
     "LD306"),
])
def test_a_new_chapter_taking_articles_is_refused_when_it_cannot_be_made(
        children: tuple[Article | Division, ...], code: str) -> None:
    base = _title_ix(*children)
    result = consolidate(base, parse_bill(OBSERVATORY))
    assert not result.complete
    assert code in [d.code for d in result.diagnostics], [d.message for d in result.diagnostics]
    assert [r.status.value for r in result.results] == ["failed", "failed"]
    assert _headings(result.code) == _headings(base)


# ---------------------------------------------------------------------------
# Existing articles gathered in a new division where they stand (« Les articles D. 171-2 à
# D. 171-11 sont regroupés au sein d'une sous-section 1 intitulée : », « constituent une
# section 1 intitulée », « Il est créé une section 1 … comprenant les articles L. 1 à L. 3 »)

# a 2015 décret (JORFARTI000030906604), article 1er, 1°, its heading quoted below
REGROUPED = ("Article 1er\n1° Au sein de la section 1 du chapitre Ier du titre VII du livre Ier "
             "du code de la sécurité sociale, les articles D. 171-2 à D. 171-11 sont regroupés "
             "au sein d'une sous-section 1 intitulée :\n« Sous-section 1\n« Coordination entre "
             "le régime général et les régimes spéciaux »\n")


def _css_chapter(*sections: Division) -> Code:
    """A fixture shaped as the décret names the code de la sécurité sociale (the numbers
    of the section's articles; headings and texts are this test's)."""
    return Code("code-de-la-securite-sociale", (
        _div(DivisionKind.LIVRE, "Ier", "Généralités",
             _div(DivisionKind.TITRE, "VII", "Coordination",
                  _div(DivisionKind.CHAPITRE, "Ier", "Dispositions générales", *sections))),))


SECTION_171 = _div(DivisionKind.SECTION, "1", "Personnes exerçant plusieurs activités",
                   *(_art(f"D. 171-{n}") for n in range(1, 12)))
SECTION_171_2 = _div(DivisionKind.SECTION, "2", "Autres", _art("D. 171-12"))


def test_articles_are_regrouped_in_a_new_sous_section() -> None:
    """The new sous-section takes the articles' place in the section (the article before
    them stays before it) and holds them, in their order; nothing else moves."""
    bill = parse_bill(REGROUPED)
    (op,) = bill.operations
    assert isinstance(op, GroupArticles)
    assert str(op.target) == ("code-de-la-securite-sociale:livre_1/titre_7/chapitre_1/section_1/"
                              "art_D171-2..D171-11")
    assert op.new.alineas == ("Sous-section 1",
                              "Coordination entre le régime général et les régimes spéciaux")
    base = _css_chapter(SECTION_171, SECTION_171_2)
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)[3:]] == [
        "Section 1 : Personnes exerçant plusieurs activités", "D. 171-1",
        "Sous-section 1 : Coordination entre le régime général et les régimes spéciaux",
        *(f"D. 171-{n}" for n in range(2, 12)),
        "Section 2 : Autres", "D. 171-12"]
    depth = {h.strip(): len(h) - len(h.lstrip()) for h in _headings(result.code)}
    assert depth["D. 171-2"] == depth["D. 171-11"] == depth["D. 171-1"] + 2
    assert depth["D. 171-12"] == depth["D. 171-1"]


@pytest.mark.parametrize(("sentence", "alineas"), [
    # the heading quoted in the sentence; « constituent », « forment »
    ("Les articles L. 631-3 et L. 631-4 du code rural et de la pêche maritime constituent une "
     "section 2 intitulée : « Contenu des accords ».", None),
    ("Les articles L. 631-3 à L. 631-4 du code rural et de la pêche maritime forment une "
     "section 2, intitulée : « Contenu des accords ».", ("Section 2", "Contenu des accords")),
    ("Les articles L. 631-3 à L. 631-4 du code rural et de la pêche maritime sont regroupés dans "
     "une section 2 intitulée : « Contenu des accords ».", ("Section 2", "Contenu des accords")),
    # the range of the new division's existing articles (the 2010 agriculture bill names one
    # article, Grenelle II a list: both moves, see above)
    ("Au chapitre Ier du titre III du livre VI du code rural et de la pêche maritime, il est "
     "inséré une section 2 intitulée : « Contenu des accords » comprenant les articles "
     "L. 631-3 à L. 631-4.", ("Section 2", "Contenu des accords")),
])
def test_a_new_division_of_existing_articles_in_other_words(
        sentence: str, alineas: tuple[str, ...] | None) -> None:
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    if alineas is None:
        # a list: which of its articles stand together is not said
        assert bill.operations == () and len(bill.unrecognized) == 1
        assert "plage" in bill.unrecognized[0].reason
        return
    (op,) = bill.operations
    assert isinstance(op, GroupArticles) and op.new.alineas == alineas
    chapter = _div(DivisionKind.CHAPITRE, "Ier", "Le régime contractuel",
                   _div(DivisionKind.SECTION, "1", "Les accords", _art("L. 631-1"),
                        _art("L. 631-2")),
                   _art("L. 631-3"), _art("L. 631-4"))
    result = consolidate(_rural_book_vi(chapter), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)[3:]] == [
        "Section 1 : Les accords", "L. 631-1", "L. 631-2",
        "Section 2 : Contenu des accords", "L. 631-3", "L. 631-4"]


@pytest.mark.parametrize(("bill", "sections", "code"), [
    # the range runs over two sections (of the chapter the instruction names)
    (REGROUPED.replace("D. 171-11", "D. 171-12").replace("de la section 1 du chapitre",
                                                         "du chapitre"),
     (SECTION_171, SECTION_171_2), "LD313"),
    # the instruction names the section, which does not hold the range's last article
    (REGROUPED.replace("D. 171-11", "D. 171-12"), (SECTION_171, SECTION_171_2), "LD301"),
    # an article of the range is elsewhere: another unit stands between them
    (REGROUPED, (replace(SECTION_171, children=(
        *SECTION_171.children[:5], _div(DivisionKind.SOUS_SECTION, "2", "Autre",
                                        *SECTION_171.children[5:6]),
        *SECTION_171.children[6:])),), "LD313"),
    # the range's last article is missing
    (REGROUPED, (replace(SECTION_171, children=SECTION_171.children[:-1]),), "LD301"),
    # a sous-section 1 is there already
    (REGROUPED, (replace(SECTION_171, children=(
        _div(DivisionKind.SOUS_SECTION, "1", "Déjà", _art("D. 171-0")),
        *SECTION_171.children)),), "LD306"),
    # the quoted text announces another division
    (REGROUPED.replace("« Sous-section 1\n", "« Sous-section 2\n"), (SECTION_171,), "LD311"),
    # the quoted text holds an article besides the heading
    (REGROUPED.replace("spéciaux »", "spéciaux\n« Art. D. 171-20. – Texte. »"),
     (SECTION_171,), "LD311"),
    # a section cannot go inside a section
    (REGROUPED.replace("une sous-section 1", "une section 1").replace("« Sous-section 1",
                                                                       "« Section 1"),
     (SECTION_171,), "LD311"),
])
def test_articles_are_not_regrouped_when_the_base_says_otherwise(
        bill: str, sections: tuple[Division, ...], code: str) -> None:
    """Every check is made before the text changes: refused, the code is as it was."""
    base = _css_chapter(*sections)
    result = consolidate(base, parse_bill(bill))
    assert not result.complete
    assert code in [d.code for d in result.diagnostics], [d.message for d in result.diagnostics]
    assert _headings(result.code) == _headings(base)


@pytest.mark.parametrize(("sentence", "instruction"), [
    ("Les articles L. 1 à L. 3 du code civil sont regroupés au sein d'une section 1 intitulée : "
     "« Généralités ».", True),
    ("Les candidats sont regroupés par académie.", False),
    ("Les services sont regroupés au sein d'une direction unique.", False),
])
def test_regrouped_is_an_instruction_only_for_units_of_text(sentence: str,
                                                            instruction: bool) -> None:
    assert is_instruction(prepare(sentence.rstrip("."))) is instruction


# ---------------------------------------------------------------------------
# « Dans la numérotation des articles R.* 112-6 à R.* 112-50, R.* 112-56 …, la lettre
# "R.*" est remplacée par la lettre "R." » (décret n° 2005-368 du 19 avril 2005, code rural)

NUMBERING_CHAPEAU = ("Article 1er\nLe livre Ier (partie réglementaire) du code rural est modifié "
                     "comme suit :\n")


def _rural_book_i(*numbers: str) -> Code:
    return Code("code-rural-et-de-la-peche-maritime", (
        _div(DivisionKind.PARTIE, "réglementaire", "",
             _div(DivisionKind.LIVRE, "Ier", "Aménagement et équipement de l'espace rural",
                  *(_art(n) for n in numbers))),))


def test_the_prefix_of_listed_articles_and_ranges_is_replaced() -> None:
    """Each range runs over the base's articles in their order; an article named twice by
    overlapping ranges (« R.* 136-1 à R.* 136-4, R.* 136-4 à R.* 136-11 », as the décret
    writes) changes once; the articles not named stay as they were."""
    bill = parse_bill(NUMBERING_CHAPEAU + "I. - Dans la numérotation des articles R.* 112-6 à "
                      "R.* 112-8, R.* 112-56, R.* 136-1 à R.* 136-4, R.* 136-4 à R.* 136-11 et "
                      "R.* 162-1, la lettre \"R.*\" est remplacée par la lettre \"R.\".\n")
    (op,) = bill.operations
    assert isinstance(op, RenumberPrefix) and (op.old, op.new) == ("R.*", "R.")
    assert op.numbers == (("R*112-6", "R*112-8"), ("R*112-56", None), ("R*136-1", "R*136-4"),
                          ("R*136-4", "R*136-11"), ("R*162-1", None))
    base = _rural_book_i("R.* 112-6", "R.* 112-7", "R.* 112-8", "R. 112-51", "R.* 112-56",
                         "R.* 136-1", "R.* 136-4", "R.* 136-11", "R.* 162-1", "R.* 162-2")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)[2:]] == [
        "R. 112-6", "R. 112-7", "R. 112-8", "R. 112-51", "R. 112-56", "R. 136-1", "R. 136-4",
        "R. 136-11", "R. 162-1", "R.* 162-2"]


@pytest.mark.parametrize(("numbers", "code"), [
    # a range's end is missing
    (("R.* 112-6", "R.* 112-7"), "LD301"),
    # an article of the range is written with another prefix: the list does not name it
    (("R.* 112-6", "D. 112-7", "R.* 112-8"), "LD313"),
    # the new number is taken
    (("R.* 112-6", "R.* 112-8", "R. 112-6"), "LD307"),
])
def test_a_prefix_replaced_over_a_list_is_made_whole_or_not_at_all(numbers: tuple[str, ...],
                                                                  code: str) -> None:
    bill = parse_bill(NUMBERING_CHAPEAU + "Dans la numérotation des articles R.* 112-6 à "
                      "R.* 112-8 et R.* 112-56, la lettre \"R.*\" est remplacée par la lettre "
                      "\"R.\".\n")
    base = _rural_book_i(*numbers, "R.* 112-56")
    result = consolidate(base, bill)
    assert not result.complete
    assert [d.code for d in result.diagnostics] == [code]
    assert result.code == base or _headings(result.code) == _headings(base)


def test_a_number_listed_without_the_old_prefix_is_refused() -> None:
    bill = parse_bill(NUMBERING_CHAPEAU + "Dans la numérotation des articles R.* 112-6 à "
                      "R. 112-8, la lettre \"R.*\" est remplacée par la lettre \"R.\".\n")
    assert bill.operations == ()
    assert "ne commence pas par « R.* »" in bill.unrecognized[0].reason


# ---------------------------------------------------------------------------
# Headings given by the verb: « est intitulée : « … » et est ainsi modifiée », « devient
# chapitre Ier et est intitulé : « … » »


def test_a_division_given_its_heading_then_modified() -> None:
    """The 2010 pensions reform (article 24 octies, code de la sécurité sociale): the
    heading is rewritten, and the section is the chapeau of the items below."""
    bill = parse_bill("Article 1er\nII. - À compter du 1er janvier 2013, la section 1 du "
                      "chapitre V du titre III du livre VI du code de la sécurité sociale est "
                      "intitulée : \"Régime complémentaire d'assurance vieillesse\" et est "
                      "ainsi modifiée :\n1° L'article L. 635-1 est abrogé ;\n")
    assert [str(op.target) for op in bill.operations] == [
        "code-de-la-securite-sociale:livre_6/titre_3/chapitre_5/section_1/intitule_1",
        "code-de-la-securite-sociale:livre_6/titre_3/chapitre_5/section_1/art_L635-1"]
    base = Code("code-de-la-securite-sociale", (
        _div(DivisionKind.LIVRE, "VI", "Régimes des travailleurs non salariés",
             _div(DivisionKind.TITRE, "III", "Assurance vieillesse et invalidité-décès",
                  _div(DivisionKind.CHAPITRE, "V", "Régimes complémentaires",
                       _div(DivisionKind.SECTION, "1", "Assurance vieillesse complémentaire "
                            "obligatoire", _art("L. 635-1"), _art("L. 635-2"))))),))
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)][3:] == [
        "Section 1 : Régime complémentaire d'assurance vieillesse", "L. 635-2"]


@pytest.mark.parametrize("verb", [
    "devient chapitre Ier et est intitulé :",
    # 2013 higher education bill (code de l'éducation): without « et est »
    "devient un chapitre Ier intitulé :",
    "devient un chapitre Ier, intitulé :",
])
def test_a_division_renumbered_with_its_heading_in_each_form(verb: str) -> None:
    bill = parse_bill("Article 1er\nLe titre V du livre Ier de la première partie du code de "
                      "la santé publique est ainsi modifié :\n2° Le chapitre unique "
                      f"{verb} « Mesures de protection ».\n")
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == [
        "Renumber code-de-la-sante-publique:partie_1/livre_1/titre_5/chapitre_unique",
        "Rewrite code-de-la-sante-publique:partie_1/livre_1/titre_5/chapitre_1/intitule_1"]


def test_a_heading_replaced_by_the_heading_quoted() -> None:
    """« L'intitulé de la sous-section 3 … est remplacé par l'intitulé : « … » » (an
    adaptation of the code du travail to Mayotte, in the corpus): « suivant » left out."""
    bill = parse_bill("Article 1er\nL'intitulé du titre III du code rural et de la pêche "
                      "maritime est remplacé par l'intitulé : « Qualité des aliments » ;\n")
    result = consolidate(_titled_code(), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    (titre,) = result.code.children
    assert isinstance(titre, Division) and titre.heading == "Titre III : Qualité des aliments"


def test_a_division_renumbered_and_given_its_heading() -> None:
    """Amendment n° 945 on the 2009 hospital bill (code de la santé publique): the heading
    rewritten is the chapter's under its new number."""
    bill = parse_bill("Article 1er\nLe titre V du livre Ier de la première partie du code de "
                      "la santé publique est ainsi modifié :\n2° Le chapitre unique devient "
                      "chapitre Ier et est intitulé : « Mesures de protection ».\n")
    base = Code("code-de-la-sante-publique", (
        _div(DivisionKind.PARTIE, "1", "Protection générale de la santé",
             _div(DivisionKind.LIVRE, "Ier", "Protection des personnes en matière de santé",
                  _div(DivisionKind.TITRE, "V", "Recherches biomédicales",
                       _div(DivisionKind.CHAPITRE, "unique", "Dispositions",
                            _art("L. 1151-1"))))),))
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)][3:] == [
        "Chapitre Ier : Mesures de protection", "L. 1151-1"]


def test_a_heading_given_to_what_is_no_division_is_refused() -> None:
    bill = parse_bill("Article 1er\nL'article L. 1 du code civil est intitulé : « Titre ».\n")
    assert bill.operations == ()
    assert "intitulé" in bill.unrecognized[0].reason


def test_a_new_chapter_takes_an_article_and_another_follows_written_below() -> None:
    """The 2010 agriculture bill as tabled (Senate, article 6): « Il est créé un chapitre Ier
    intitulé "Observatoire des distorsions" comprenant l'article L. 691-1 et un chapitre II,
    ainsi rédigé : » then the chapter II quoted: the chapter Ier takes the article, the
    chapter II comes after it (the code's title IX since: chapter II, L. 692-1)."""
    bill = parse_bill(
        "Article 1er\nLe livre VI du code rural est modifié comme suit :\n"
        "3° Le titre IX est ainsi modifié :\n"
        "b) Il est créé un chapitre Ier intitulé \"Observatoire des distorsions\" comprenant "
        "l'article L. 691-1 et un chapitre II, ainsi rédigé :\n"
        "\"Chapitre II\n\"Observatoire de la formation des prix et des marges des produits "
        "alimentaires\n\"Art. L. 692-1. - L'observatoire de la formation des prix et des marges "
        "des produits alimentaires remet chaque année un rapport au Parlement.\"\n")
    assert [type(op).__name__ for op in bill.operations] == ["InsertUnits", "Move",
                                                             "InsertUnits"]
    result = consolidate(_title_ix(_art("L. 691-1")), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [h.strip() for h in _headings(result.code)][3:] == [
        "Titre IX : Observatoire des distorsions",
        "Chapitre Ier : Observatoire des distorsions", "L. 691-1",
        "Chapitre II : Observatoire de la formation des prix et des marges des produits "
        "alimentaires", "L. 692-1"]
    # the division written below must be the one announced
    wrong = parse_bill(
        "Article 1er\nLe livre VI du code rural est modifié comme suit :\n"
        "3° Le titre IX est ainsi modifié :\n"
        "b) Il est créé un chapitre Ier intitulé \"Observatoire\" comprenant l'article "
        "L. 691-1 et un chapitre II, ainsi rédigé :\n\"Chapitre III\n\"Autre\n")
    assert wrong.operations == ()
    assert "chapitre II annoncé" in wrong.unrecognized[0].reason


def test_a_heading_that_becomes_a_quoted_heading() -> None:
    """The 2010 agriculture bill as tabled: « L'intitulé de la section 1 devient "Section 1
    - Les accords interprofessionnels à long terme" »: the quoted kind and number are
    checked against the section (LD311 otherwise), the title is rewritten."""
    chapeau = ("Article 1er\nI. - Le chapitre Ier du titre III du livre VI du code rural est "
               "ainsi modifié :\n1° L'intitulé de la section 1 devient ")
    base = _rural_book_vi(replace(CHAPTER_631, children=(
        _div(DivisionKind.SECTION, "1", "Les accords", _art("L. 631-1")),)))
    result = consolidate(base, parse_bill(chapeau + "\"Section 1 - Les accords "
                                          "interprofessionnels à long terme\" ;\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert "Section 1 : Les accords interprofessionnels à long terme" in [
        h.strip() for h in _headings(result.code)]
    other = consolidate(base, parse_bill(chapeau + "\"Section 2 - Autre\" ;\n"))
    assert [d.code for d in other.diagnostics] == ["LD311"]


# ---------------------------------------------------------------------------
# Phrases that become an alinéa (Grenelle II, article L. 123-1 of the code de l'urbanisme)

URBANISM = ("Article 1er\nI. - Le chapitre III du titre II du livre Ier du code de l'urbanisme "
            "est ainsi modifié :\n1° L'article L. 123-1 est ainsi modifié :\n")


def _urbanism_l123_1() -> Code:
    alineas = [f"Alinéa {n}." for n in range(1, 6)]
    alineas.append("Les plans locaux d'urbanisme comportent un règlement. Ils peuvent "
                   "comporter des orientations. Ces orientations peuvent prévoir les actions. "
                   "Elles peuvent prendre la forme de schémas. Le règlement fixe les règles. "
                   "Il délimite les zones.")
    alineas.append("Alinéa 7.")
    return Code("code-de-l-urbanisme", (
        _div(DivisionKind.LIVRE, "Ier", "Règles générales",
             _div(DivisionKind.TITRE, "II", "Prévisions et règles d'urbanisme",
                  _div(DivisionKind.CHAPITRE, "III", "Plans locaux d'urbanisme",
                       Article("L. 123-1", tuple(Alinea(a) for a in alineas))))),))


def test_phrases_become_new_alineas_in_turn() -> None:
    """« Les troisième et quatrième phrases du sixième alinéa deviennent un septième
    alinéa ; Les deux dernières phrases du sixième alinéa deviennent un huitième alinéa »:
    applied in turn, the sixth alinéa keeps its first two phrases and the two new alinéas
    follow it in their order, the old seventh after them."""
    bill = parse_bill(URBANISM + "a) Les troisième et quatrième phrases du sixième alinéa "
                      "deviennent un septième alinéa ;\nb) Les deux dernières phrases du "
                      "sixième alinéa deviennent un huitième alinéa ;\n")
    assert [type(op).__name__ for op in bill.operations] == ["SplitAlinea", "SplitAlinea"]
    result = consolidate(_urbanism_l123_1(), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L. 123-1")[5:] == [
        "Les plans locaux d'urbanisme comportent un règlement. Ils peuvent comporter des "
        "orientations.",
        "Ces orientations peuvent prévoir les actions. Elles peuvent prendre la forme de "
        "schémas.",
        "Le règlement fixe les règles. Il délimite les zones.",
        "Alinéa 7."]


@pytest.mark.parametrize("sentence", [
    "Les troisième et quatrième phrases du sixième alinéa deviennent un cinquième alinéa ;",
    "Les troisième et quatrième phrases du sixième alinéa deviennent un douzième alinéa ;",
    "Les six premières phrases du sixième alinéa deviennent un septième alinéa ;",
])
def test_phrases_that_cannot_become_that_alinea_are_refused(sentence: str) -> None:
    base = _urbanism_l123_1()
    result = consolidate(base, parse_bill(URBANISM + f"a) {sentence}\n"))
    assert [d.code for d in result.diagnostics] == ["LD311"]
    assert _alineas(result.code, "L. 123-1") == _alineas(base, "L. 123-1")


@pytest.mark.parametrize("sentence", [
    "Les articles L. 1 et L. 2 deviennent respectivement les articles L. 3 et L. 4 du "
    "chapitre II ;",
    "Le 3° du I de l'article L. 5 devient le 4° du II ;",
])
def test_a_new_number_in_another_place_is_not_taken_for_a_renumbering(sentence: str) -> None:
    """Only divisions are moved: an article or an item given a number inside another unit
    was renumbered where it stood, its new place dropped."""
    bill = parse_bill(f"Article 1er\nLe code civil est ainsi modifié :\n1° {sentence}\n")
    assert bill.operations == ()
    assert "renumérotée dans une autre unité" in bill.unrecognized[0].reason


def test_a_new_number_in_the_same_place_is_a_renumbering() -> None:
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n1° Le chapitre unique du "
                      "titre IV du livre Ier devient le chapitre Ier du même titre ;\n")
    assert [(type(op).__name__, getattr(op, "new_label", None)) for op in bill.operations] == [
        ("Renumber", "1")]


# Typing errors of the sources whose meaning is certain: read as the word meant, each
# with a warning that names the correction (LD215); the others are still refused


@pytest.mark.parametrize(("sentence", "target", "written", "meant"), [
    # the 2015 intelligence bill (article L. 621-12 of the code monétaire et financier)
    ("Le deuxième aliéna est complété par une phrase ainsi rédigée : « X. »",
     "code-civil:art_1/al_2", "aliéna", "alinéa"),
    # the 2010 agriculture bill (article L. 632-4 of the code rural)
    ("À l'avant dernier alinéa, après la première phrase, est ajoutée la phrase suivante : "
     "« X. »", "code-civil:art_1/al_-2/ph_1", "avant dernier", "avant-dernier"),
    # the Grenelle II bill (article L. 213-10-2 of the code de l'environnement)
    ("À la dernière phrase du troisième alinéa du IV, lu mot : « verbalisés » est remplacé "
     "par les mots : « condamnés pénalement ».", "code-civil:art_1/lab_IV/al_3/ph_-1",
     "lu mot", "le mot"),
    ("Au premier aliéna, les mots : « d'une licence » sont supprimés ;", "code-civil:art_1/al_1",
     "aliéna", "alinéa"),
])
def test_a_certain_typing_error_is_read_and_said(sentence: str, target: str, written: str,
                                                 meant: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"1° {sentence}\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [target]
    (said,) = [d for d in bill.diagnostics if d.code == "LD215"]
    shown, read_as = said.message.split(" » lu « ")
    assert written in shown and meant in read_as
    assert said.severity.value == "warning"


@pytest.mark.parametrize(("sentence", "target"), [
    # the 2012 overseas bill (code des transports): the prefix written twice
    ("Le code des transports est ainsi modifié :\n4° Il est inséré un article L. L. 5742-2 "
     "ainsi rédigé :", "code-des-transports:art_L5742-2"),
    # amendment n° 88 on the 2014 terrorism bill: « Ierdu »
    ("Le chapitre Ierdu titre II du livre IV du code pénal est complété par un article "
     "421-6-1 ainsi rédigé :", "code-penal:livre_4/titre_2/chapitre_1"),
])
def test_glued_or_doubled_words_of_a_source_are_read_and_said(sentence: str,
                                                              target: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n« Art. X. – Texte. »\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [target]
    assert [d.code for d in bill.diagnostics] == ["LD215"]


@pytest.mark.parametrize("sentence", [
    # (« 1° BL'intitulé du chapitre Ier … », 2013 banking bill, is read since: « B » of a
    # label or a stray letter, the instruction is the same — only its label differs)
    # a word that only looks like one: « alinéas » misspelt otherwise is not guessed
    "Le deuxième alnéa est supprimé ;",
])
def test_an_uncertain_slip_is_still_refused(sentence: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"1° {sentence}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1
    assert "LD215" not in [d.code for d in bill.diagnostics]


def test_a_typing_error_inside_quoted_words_is_never_corrected() -> None:
    bill = parse_bill("Article 1er\nAu premier alinéa de l'article 1 du code civil, le mot : "
                      "« aliéna » est remplacé par le mot : « avant dernier ».\n")
    (op,) = bill.operations
    assert isinstance(op, ReplaceWords)
    assert op.old.texts == ("aliéna",) and op.new == ("avant dernier",)
    assert "LD215" not in [d.code for d in bill.diagnostics]


# ---------------------------------------------------------------------------
# Article numbers: the organic prefix as bills write it, a capital suffix glued


@pytest.mark.parametrize(("number", "key"), [
    ("L. O 145-1", "LO145-1"),      # the 2013 bills on the non-cumulation of mandates
    ("L.O 145-1", "LO145-1"),
    ("LO. 6161-42", "LO6161-42"),   # the Grenelle II bill
    ("L. 173-2-0-1A", "L173-2-0-1 A"),  # PLFSS 2013
    ("L. 5125-1-1A", "L5125-1-1 A"),    # amendment n° 395 on the 2009 hospital bill
])
def test_article_numbers_as_bills_write_them(number: str, key: str) -> None:
    from legidiff.lang.numbering import article_key

    bill = parse_bill(f"Article 1er\nAprès l'article L. 1 du code civil, il est inséré un "
                      f"article {number} ainsi rédigé :\n« Art. {number}. – Texte. »\n")
    (op,) = bill.operations
    assert isinstance(op, InsertUnits)
    assert [article_key(label) for label in op.new.labels] == [key]
    target = parse_bill(f"Article 1er\nL'article {number} du code civil est abrogé.\n")
    assert [str(o.target) for o in target.operations] == [f"code-civil:art_{key}".replace(" ", "_")]


def test_a_glued_word_after_a_number_is_no_suffix() -> None:
    from legidiff.lang.numbering import ArticleNumber, article_key

    assert ArticleNumber.parse("L. 173-2Ab") is None
    assert article_key("1ER") == "1"


# ---------------------------------------------------------------------------
# Sub-amendments on « cet amendement »: the amendment named on their first line, else
# the amendment whose number is not given (text "amendement", LD216 warning): the corpus
# does not say which amendment they are attached to


def test_a_sub_amendment_completes_the_amendment_it_names() -> None:
    from legidiff.bill.operations import Complete
    from legidiff.parliament.amendments import read_amendment

    # sub-amendment n° 58 to amendment n° 24 (the 2011 biology bill)
    lines = ["Amendement n° 24", "Compléter cet amendement par une phrase ainsi rédigée :",
             "« Toute convention ou clause cachée est alors inopposable. »"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="8",
                          bill_text="projet")
    (op,) = read.operations
    assert isinstance(op, Complete) and str(op.target) == "amendement-24:"
    assert op.new.alineas == ("Toute convention ou clause cachée est alors inopposable.",)
    # sub-amendment n° 1229 to amendment n° 1221 (the 2010 pensions bill)
    lines = ["Dernier alinéa de l'amendement n° 1221", "Supprimer les mots :",
             ", diminuée de cinq années"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="24",
                          bill_text="projet")
    assert [str(op.target) for op in read.operations] == ["amendement-1221:al_-1"]


@pytest.mark.parametrize(("first", "quoted", "kind"), [
    # AN n° 404, 2015 intelligence bill
    ("Compléter cet amendement par l'alinéa suivant :",
     "« Le présent article est applicable aux agents non titulaires de droit public. »",
     "alinéa"),
    # AN n° 419, the same bill
    ("Compléter l'amendement par la phrase suivante :",
     "« La commission veille au caractère nécessaire et proportionné des atteintes au "
     "secret médical des personnes. »", "phrase"),
    # AN n° 422, the same bill
    ("Compléter cet amendement par la phrase suivante :",
     "« Les délégations parlementaires au renseignement de l'Assemblée nationale et du "
     "Sénat sont consultées par le Gouvernement lors de la rédaction de ce rapport. »",
     "phrase"),
])
def test_a_sub_amendment_of_an_amendment_not_named_is_on_that_amendment(
        first: str, quoted: str, kind: str) -> None:
    """The amended amendment's number is not given (the corpus keeps the sub-amendment
    alone): its operations are on « cet amendement » — the text "amendement", never the
    bill — and a warning says the number is missing (LD216); applied to the bill, out of
    its scope (LD308), the bill unchanged."""
    from legidiff.bill.operations import Complete
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend
    from legidiff.parliament.amendments import read_amendment
    from legidiff.parliament.debate import Amendment

    lines = ((first, 1), (quoted, 2))
    read = read_amendment(list(lines), article="1er", bill_text="projet")
    (op,) = read.operations
    assert isinstance(op, Complete) and str(op.target) == "amendement:"
    assert op.new.kind.value == kind and op.new.alineas == (quoted[2:-2],)
    assert [(d.code, d.severity.value) for d in read.diagnostics] == [("LD216", "warning")]
    assert read.unrecognized == ()
    bill = read_bill("Projet de loi\nArticle 1er\nL'article L.O. 140 du code électoral est "
                     "abrogé.\n")
    result = amend(bill, (Amendment("404", "x", None, "1er", lines, 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.FAILED
    assert [d.code for d in outcome.diagnostics] == ["LD216", "LD308"]
    assert result.code == result.bill


def test_cet_amendement_after_a_part_on_the_bill_is_refused() -> None:
    """Only an amendment that opens on « cet amendement » is a sub-amendment: « cet
    amendement » after a part on the bill is not said which amendment (LD216 error)."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["I. – Alinéa 3", "Supprimer cet alinéa.",
             "II. – Compléter cet amendement par l'alinéa suivant :", "« Le texte. »"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="1er",
                          bill_text="projet")
    assert [str(op.target) for op in read.operations] == ["projet:art_1/al_3"]
    assert [(d.code, d.severity.value) for d in read.diagnostics] == [("LD216", "error")]


# ---------------------------------------------------------------------------
# Slips of a bill item's label, read with a warning (LD215)


def test_a_letter_without_its_parenthesis_before_a_capital_is_a_label() -> None:
    """« b Sont ajoutés les mots : « … » ; » (the 2013 transparency bill, article L.O.
    135-3 of the code électoral): the « b » is the item's label, said."""
    bill = parse_bill("Article 1er\nLe deuxième alinéa de l'article 1 du code civil est ainsi "
                      "modifié :\na) Les mots : « x » sont supprimés ;\nb Sont ajoutés les mots "
                      ": « , qui les lui transmet dans les soixante jours » ;\n")
    assert bill.unrecognized == ()
    assert [(type(op).__name__, str(op.target), op.source.bill_ref) for op in bill.operations] \
        == [("DeleteWords", "code-civil:art_1/al_2", "article 1er, a"),
            ("InsertWords", "code-civil:art_1/al_2", "article 1er, b")]
    (said,) = [d for d in bill.diagnostics if d.code == "LD215"]
    assert "« b » lu « b) »" in said.message


@pytest.mark.parametrize("line", [
    "b sont ajoutés les mots : « x » ;",   # no capital after the letter: not a label
    "a) ) les mots : « x » sont supprimés ;",
])
def test_a_label_slip_is_read_only_before_a_capital(line: str) -> None:
    bill = parse_bill(f"Article 1er\nL'article 1 du code civil est ainsi modifié :\n{line}\n")
    assert "LD215" not in [d.code for d in bill.diagnostics]
    assert bill.operations == ()


# ---------------------------------------------------------------------------
# Straight quotation marks (La Fabrique de la loi's texts): nested, and their slips


def test_a_straight_quotation_inside_a_straight_quotation() -> None:
    """« … la référence : "à l'article 113 quater … (règlement "OCM unique")" ; » (the
    2010 agriculture bill): the inner marks are part of the words."""
    from legidiff.bill.sentence import prepare

    p = prepare('la référence : "au règlement (CE) n° 1493/1999" est remplacée par la '
                'référence : "au règlement (CE) n° 1234/2007 (règlement "OCM unique")" ;')
    assert p.text == "la référence : ⟨0⟩ est remplacée par la référence : ⟨1⟩"
    assert p.quotes == ("au règlement (CE) n° 1493/1999",
                        'au règlement (CE) n° 1234/2007 (règlement "OCM unique")')
    assert p.problems == ()
    # a mark glued to the next word is no nested quotation: « le mot : " décret "et … »
    glued = prepare('le mot : " décret "et les mots : "décret en Conseil d\'Etat" sont '
                    'remplacés par les mots : " arrêté "')
    assert glued.quotes[:2] == ("décret", "décret en Conseil d'Etat")


@pytest.mark.parametrize(("sentence", "quotes"), [
    # the 2010 agriculture bill, article L. 551-3 of the code rural
    ('Au début du premier alinéa, est ajoutée la mention : I. -" ;', ("I. -",)),
    # the 2010 pensions bill, article 78 of the loi n° 2003-775
    ('les mots : "soixante" sont remplacés par les mots : ""soixante-deux".',
     ("soixante", "soixante-deux")),
])
def test_a_straight_mark_lost_or_doubled_is_read_and_said(sentence: str,
                                                          quotes: tuple[str, ...]) -> None:
    from legidiff.bill.sentence import prepare

    p = prepare(sentence)
    assert p.quotes == quotes
    assert [code for code, _, _ in p.problems] == ["LD210"]


def test_a_lone_straight_mark_after_other_words_is_not_guessed() -> None:
    from legidiff.bill.sentence import prepare

    p = prepare('Le 3° est ainsi rédigé : le texte est long et "il continue ;')
    assert p.quotes == () and p.problems == ()


def test_an_amendment_announcing_its_text_with_a_doubled_colon() -> None:
    """« III.– Substituer à l'alinéa 5 deux alinéas ainsi rédigés : : » (amendment
    n° CL52 on the 2013 bill on the non-cumulation of mandates)."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["Substituer à l'alinéa 5 deux alinéas ainsi rédigés : :", "« Un.", "« Deux. »"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="3",
                          bill_text="projet")
    (op,) = read.operations
    assert isinstance(op, Rewrite) and str(op.target) == "projet:art_3/al_5"
    assert op.new.alineas == ("Un.", "Deux.")


# ---------------------------------------------------------------------------
# Amendments: a header repeating the first part's location, words and a phrase in one
# quotation, « procéder à la même … » that repeats nothing certain


def test_a_header_repeating_the_first_location_is_not_an_instruction() -> None:
    """« Alinéa 69 / I. - Alinéa 69 / Remplacer l'année : / 2018 / par l'année : / 2020 /
    II. - Alinéa 72 / Supprimer cet alinéa. » (amendment n° 42, 2013 pensions bill)."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["Alinéa 69", "I. - Alinéa 69", "Remplacer l'année :", "2018", "par l'année :",
             "2020", "II. - Alinéa 72", "Supprimer cet alinéa."]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="7",
                          bill_text="projet")
    assert [(type(op).__name__, str(op.target)) for op in read.operations] == [
        ("ReplaceWords", "projet:art_7/al_69"), ("DeleteUnit", "projet:art_7/al_72")]
    assert read.diagnostics == ()
    # a first location that is not the first part's is kept (and said incomplete)
    other = read_amendment([(t, n) for n, t in enumerate(["Alinéa 68", *lines[1:]], 1)],
                           article="7", bill_text="projet")
    assert [d.code for d in other.diagnostics] == ["LD203"]


@pytest.mark.parametrize("first", [
    "Compléter la première phrase de l'alinéa 40 par les mots et la phrase suivante :",
    "Compléter l'alinéa 40 par les mots et la phrase suivants :",  # AN n° 248, 2015
])
def test_an_amendment_completes_with_words_and_a_phrase(first: str) -> None:
    from legidiff.bill.operations import Complete
    from legidiff.parliament.amendments import read_amendment

    lines = [first, "« après avis de la Commission. En l'absence de réponse, l'avis est "
                    "réputé rendu. »"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="1er",
                          bill_text="projet")
    (op,) = read.operations
    assert isinstance(op, Complete) and op.new.kind.value == "mots"
    assert op.new.alineas == ("après avis de la Commission. En l'absence de réponse, l'avis "
                              "est réputé rendu.",)


def test_words_and_phrases_complete_the_alinea_in_order() -> None:
    base = _one_article("Le préfet décide.", "Deux.")
    bill = parse_bill("Article 1er\nLe premier alinéa de l'article 1 du code civil est complété "
                      "par les mots et deux phrases ainsi rédigées : « et indique sa décision. "
                      "Il précise les modalités. Il en informe la commission. »\n")
    result = consolidate(base, bill)
    assert result.complete
    assert _alineas(result.code, "1") == ["Le préfet décide et indique sa décision. Il précise "
                                          "les modalités. Il en informe la commission.", "Deux."]


def test_the_same_operation_after_another_one_is_refused_with_its_reason() -> None:
    """« I. – A l'alinéa 24, supprimer le mot : « dûment ». II. – En conséquence, procéder
    à la même substitution à l'alinéa 57. » (AN n° 272, 2015 intelligence bill)."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["I. – A l'alinéa 24, supprimer le mot :", "« dûment ».",
             "II. – En conséquence, procéder à la même substitution à l'alinéa 57."]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="1er",
                          bill_text="projet")
    assert [str(op.target) for op in read.operations] == ["projet:art_1/al_24"]
    (refused,) = read.diagnostics
    assert refused.code == "LD203" and "même substitution" in refused.message


# ---------------------------------------------------------------------------
# Several units, one instruction: each quoted on its own; the same unit of several units


def test_articles_each_quoted_on_their_own_are_one_text() -> None:
    """« 1° Les articles L. 4622-2 et L. 4622-4 sont ainsi rédigés : "Art. L. 4622-2. - …"
    "Art. L. 4622-4. - …" » (2011 bill on occupational health, straight quotes closed at
    the end of each article): each article gets its own."""
    bill = parse_bill(
        "Article 1er\nI. - Le code du travail est ainsi modifié :\n1° Les articles L. 4622-2 "
        "et L. 4622-4 sont ainsi rédigés :\n\"Art. L. 4622-2. - Les services ont pour "
        "mission :\n\"1° De conduire les actions.\"\n\"Art. L. 4622-4. - Dans les services "
        "d'entreprise, les missions sont assurées.\" ;\n")
    assert bill.unrecognized == ()
    assert all(isinstance(op, Rewrite) for op in bill.operations)
    assert {str(op.target): op.new.alineas for op in bill.operations
            if isinstance(op, Rewrite)} == {
        "code-du-travail:art_L4622-2": ("Art. L. 4622-2. - Les services ont pour mission :",
                                        "1° De conduire les actions."),
        "code-du-travail:art_L4622-4": ("Art. L. 4622-4. - Dans les services d'entreprise, "
                                        "les missions sont assurées.",)}


def test_alineas_each_quoted_and_closed_are_the_alineas_announced() -> None:
    """« IX. - Après le cinquième alinéa du I de l'article LO. 6161-42 …, sont insérés
    trois alinéas ainsi rédigés : « … » « … » « … » » (Grenelle II bill)."""
    bill = parse_bill("Article 1er\nAprès le cinquième alinéa de l'article 1 du code civil, sont "
                      "insérés trois alinéas ainsi rédigés :\n« Un. »\n« Deux. »\n« Trois. »\n")
    assert bill.unrecognized == () and bill.diagnostics == ()
    (op,) = bill.operations
    assert isinstance(op, InsertUnits) and op.new.alineas == ("Un.", "Deux.", "Trois.")
    # announcing one: a second quotation is still not the instruction's
    one = parse_bill("Article 1er\nAprès le cinquième alinéa de l'article 1 du code civil, est "
                     "inséré un alinéa ainsi rédigé :\n« Un. »\n« Deux. »\n")
    assert [d.code for d in one.diagnostics] == ["LD211"]


def test_the_same_unit_of_several_articles_gets_the_text_in_each() -> None:
    """« 3° Le troisième alinéa des articles L. 131-4 et L. 141-3 est ainsi rédigé : « … » »
    (Grenelle II bill, code de la voirie routière)."""
    base = Code("code civil", (Article("1", (Alinea("Un."), Alinea("Deux."), Alinea("Trois."))),
                               Article("2", (Alinea("A."), Alinea("B."), Alinea("C."))),))
    bill = parse_bill("Article 1er\nLe troisième alinéa des articles 1 et 2 du code civil est "
                      "ainsi rédigé :\n« Nouveau. »\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Un.", "Deux.", "Nouveau."]
    assert _alineas(result.code, "2") == ["A.", "B.", "Nouveau."]
    # two units of one article that do not follow each other: which text goes where is
    # not said
    apart = parse_bill("Article 1er\nLes premier et troisième alinéas de l'article 1 du code "
                       "civil sont ainsi rédigés :\n« Nouveau. »\n")
    assert apart.operations == () and len(apart.unrecognized) == 1
    # the same unit named twice, each with its container: one alinéa for both may merge
    # them — not guessed
    twice = parse_bill("Article 1er\nLe 1° du I et le 1° du II de l'article 1 du code civil "
                       "sont remplacés par un alinéa ainsi rédigé :\n« Nouveau. »\n")
    assert twice.operations == () and len(twice.unrecognized) == 1


# ---------------------------------------------------------------------------
# The end of several units after the same words; every alinéa of a unit that has N


def test_the_end_of_several_units_after_the_same_words() -> None:
    """« Après le mot : « soumis », la fin du second alinéa de l'article 64, de l'article
    114 et du dernier alinéa de l'article 161 est ainsi rédigée : « … » » (2013
    transparency bill): the words are looked for in each unit."""
    base = Code("code civil", (
        Article("64", (Alinea("Un."), Alinea("Ils sont soumis aux règles anciennes."))),
        Article("114", (Alinea("Le président est soumis à la loi ancienne."),)),
        Article("161", (Alinea("Un."), Alinea("Deux."), Alinea("Ils sont soumis à tout."))),))
    bill = parse_bill("Article 1er\nAprès le mot : « soumis », la fin du second alinéa de "
                      "l'article 64, de l'article 114 et du dernier alinéa de l'article 161 du "
                      "code civil est ainsi rédigée : « à la loi nouvelle. »\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "64")[1] == "Ils sont soumis à la loi nouvelle."
    assert _alineas(result.code, "114") == ["Le président est soumis à la loi nouvelle."]
    assert _alineas(result.code, "161")[2] == "Ils sont soumis à la loi nouvelle."
    # the words absent from one of them: said, never guessed
    base = Code("code civil", (Article("64", (Alinea("Un."), Alinea("Rien."))),
                               Article("114", (Alinea("Il est soumis à la loi."),)),
                               Article("161", (Alinea("Ils sont soumis à tout."),))))
    assert "LD302" in [d.code for d in consolidate(base, bill).diagnostics]


def test_every_alinea_of_a_unit_that_has_that_many() -> None:
    """« Aux trois alinéas de l'article L. 465-1 du même code et au second alinéa de
    l'article L. 465-2, les mots : « … » sont remplacés … » (2013 banking bill): the
    alinéas 1 to 3, and the second unit of the code named in the first."""
    bill = parse_bill("Article 1er\nAux trois alinéas de l'article 1 du code civil et au second "
                      "alinéa de l'article 2, les mots : « a » sont remplacés par les mots : "
                      "« b ».\n")
    assert sorted(str(op.target) for op in bill.operations) == [
        "code-civil:art_1/al_1", "code-civil:art_1/al_2", "code-civil:art_1/al_3",
        "code-civil:art_2/al_2"]
    # a subject counted so is not read: « Les trois alinéas … sont supprimés »
    refused = parse_bill("Article 1er\nLes trois alinéas de l'article 1 du code civil sont "
                         "supprimés.\n")
    assert refused.operations == () and len(refused.unrecognized) == 1


@pytest.mark.parametrize(("places", "targets"), [
    # the 2013 banking bill: the first two alinéas are L. 465-1's, never L. 465-2's
    ("Aux deux premiers alinéas et à la première phrase du dernier alinéa de l'article 1 et "
     "au second alinéa de l'article 2 du code civil",
     ["code-civil:art_1/al_-1/ph_1", "code-civil:art_1/al_1", "code-civil:art_1/al_2",
      "code-civil:art_2/al_2"]),
    # the Grenelle II bill on the code de l'urbanisme (the last unit of the list names no
    # alinéa: the seventh alinéa was read without its article)
    ("Au premier alinéa de l'article 1, à la deuxième phrase du septième alinéa et au "
     "dernier alinéa de l'article 2, à l'article 3 du code civil",
     ["code-civil:art_1/al_1", "code-civil:art_2/al_-1", "code-civil:art_2/al_7/ph_2",
      "code-civil:art_3"]),
    # the ordonnances adapting the code monétaire et financier overseas
    ("Au I et au II de l'article 1 et à l'article 2 du code civil",
     ["code-civil:art_1/lab_I", "code-civil:art_1/lab_II", "code-civil:art_2"]),
])
def test_units_share_the_containers_named_after_the_next_of_them(places: str,
                                                                 targets: list[str]) -> None:
    """A unit named without its article takes the article of the unit named right after
    it, not of the last unit of the list."""
    bill = parse_bill(f"Article 1er\n{places}, les mots : « a » sont remplacés par les mots : "
                      "« b ».\n")
    assert sorted(str(op.target) for op in bill.operations) == targets


@pytest.mark.parametrize(("sentence", "target", "said"), [
    # the 2010 bill on violence against women (article 222-14 of the code pénal)
    ("Après le 4° alinéa de l'article 1 du code civil, il est inséré un alinéa ainsi rédigé "
     ":\n« X. »", "code-civil:art_1/al_4", "« 4° alinéa » lu « quatrième alinéa »"),
    # the 2013 bill on local elections (« par » lost)
    ("Le quatrième alinéa de l'article 1 du code civil est complété les mots : « x » ;",
     "code-civil:art_1/al_4", "« complété les » lu « complété par les »"),
])
def test_an_ordinal_in_digits_or_a_lost_par_is_read_and_said(sentence: str, target: str,
                                                            said: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert [str(op.target) for op in bill.operations] == [target]
    (warning,) = [d for d in bill.diagnostics if d.code == "LD215"]
    assert said in warning.message
    # an item « 4° » stays an item
    item = parse_bill("Article 1er\nAu 4° de l'article 1 du code civil, le mot : « a » est "
                      "supprimé.\n")
    assert [str(op.target) for op in item.operations] == ["code-civil:art_1/lab_4°"]


@pytest.mark.parametrize(("sentence", "said"), [
    # amendments on the 2015 intelligence bill, the 2019 Alsace bill, the 2009 hospital bill
    ("Au premier alinéa de l'article 1 du code civil, insérer les neufs alinéas suivants :",
     "« neufs alinéas » lu « neuf alinéas »"),
    ("Aux première et deuxième phrases del'alinéa 9, le mot : « a » est supprimé.",
     "« del'alinéa » lu « de l'alinéa »"),
    ("Après le chapitre II du code civil, il est inséré un chapitre II _bis_ainsi rédigé :",
     "« II _bis_ainsi » lu « II bis ainsi »"),
    ("À la première phrase l'alinéa 6, le mot : « a » est supprimé.",
     "« phrase l'alinéa » lu « phrase de l'alinéa »"),
    # Grenelle II bill; the 2013 bill on the code de procédure pénale
    ("Après le douzième alinéa de l'article 1 du code civil, il est inséré un 5°ainsi rédigé :",
     "« 5°ainsi » lu « 5° ainsi »"),
    ("Au premier alinéa de l'article 1 du code civil, les mots : « a » sont remplacés les "
     "mots : « b ».", "« sont remplacés les » lu « sont remplacés par les »"),
    # amendments: an ordinal in digits (AN n° CL89, 2013 transparency bill), the verb
    # written twice (AN n° 378, 2015 intelligence bill)
    ("Insérer après le 9ème alinéa un alinéa ainsi rédigé :",
     "« 9ème alinéa » lu « neuvième alinéa »"),
    ("Au 2e alinéa de l'article 1 du code civil, le mot : « a » est supprimé.",
     "« 2e alinéa » lu « deuxième alinéa »"),
    ("À l'alinéa 8, insérer après le mot : « que », insérer le mot : « pour »",
     "« insérer après » lu « après »"),
    # AN amendment n° 1204 on the 2010 pensions bill: the article lost
    ("Compléter cet article par paragraphe ainsi rédigé :",
     "« par paragraphe » lu « par un paragraphe »"),
    ("L'article 1 du code civil est complété par alinéa ainsi rédigé :",
     "« par alinéa » lu « par un alinéa »"),
])
def test_other_certain_slips_are_said(sentence: str, said: str) -> None:
    from legidiff.bill.sentence import prepare

    p = prepare(sentence)
    assert [(code, message) for code, message, _ in p.problems] == [
        ("LD215", f"faute de frappe corrigée : {said}")]


@pytest.mark.parametrize("sentence", [
    # the code de la sécurité sociale's annex, as the LEGI history names it: the ordinal
    # in digits is part of the number (it was read « troisième alinéa »: no such article)
    "L'article Annexe à l'article A. 931-11-9 (3e alinéa) Annexe II du code de la sécurité "
    "sociale est abrogé.",
    "L'article Annexe à l'article A. 931-11-9 (3e alinéa) Annexe II du code de la sécurité "
    "sociale est ainsi rédigé :",
])
def test_an_ordinal_in_digits_is_a_slip_only_after_its_article(sentence: str) -> None:
    from legidiff.bill.sentence import prepare

    assert prepare(sentence).problems == ()
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert "LD215" not in [d.code for d in bill.diagnostics]


# ---------------------------------------------------------------------------
# More real forms: an article added to a whole code goes at its number's place; the text
# alone as a lead; the words quoted on the line below; a label reminder after an alinéa


def test_an_article_added_to_a_whole_code_goes_at_its_place() -> None:
    """« XII. - Le code des transports est ainsi modifié : / 7° Il est ajouté un article L.
    5761-2 ainsi rédigé : » (2012 overseas bill): among the articles by its number, not
    after the last article of the code (which was refused, LD306)."""
    base = Code("code civil", (Article("L5761-1", (Alinea("A."),)),
                               Article("L5762-1", (Alinea("B."),))))
    for line in ("Le code civil est ainsi modifié :\n7° Il est ajouté un article L. 5761-2 "
                 "ainsi rédigé :", "Il est ajouté dans le code civil un article L. 5761-2 "
                 "ainsi rédigé :"):
        bill = parse_bill(f"Article 1er\n{line}\n« Art. L. 5761-2. - C. »\n")
        result = consolidate(base, bill)
        assert result.complete, [d.message for d in result.diagnostics]
        assert [a.num for a in result.code.children if isinstance(a, Article)] == [
            "L5761-1", "L5761-2", "L5762-1"]
    # an alinéa added to a whole code: where is not said
    alinea = parse_bill("Article 1er\nIl est ajouté dans le code civil un alinéa ainsi "
                        "rédigé :\n« C. »\n")
    assert alinea.operations == () and len(alinea.unrecognized) == 1


def test_words_quoted_on_the_line_below_their_announcement() -> None:
    """« V. - Le b septies de l'article 279 du même code est complété par les mots suivants :
    / « … » » (2012 budget bill)."""
    bill = parse_bill("Article 1er\nLe 1° de l'article 1 du code civil est complété par les "
                      "mots suivants :\n« , y compris la fourniture de logements »\n")
    (op,) = bill.operations
    assert isinstance(op, Complete) and str(op.target) == "code-civil:art_1/lab_1°"
    assert op.new.alineas == (", y compris la fourniture de logements",)
    # two alinéas below: not words
    two = parse_bill("Article 1er\nLe 1° de l'article 1 du code civil est complété par les "
                     "mots suivants :\n« a\n« b »\n")
    assert two.operations == ()


def test_the_label_after_an_alinea_is_a_reminder() -> None:
    """« Rédiger comme suit le troisième alinéa (2°) de cet article : » (Senate, 2006)."""
    bill = parse_bill("Article 1er\nLe troisième alinéa (2°) de l'article 1 du code civil est "
                      "supprimé.\n")
    assert [str(op.target) for op in bill.operations] == ["code-civil:art_1/al_3"]


def test_one_unit_of_several_units() -> None:
    """« À la première phrase de l'article L. 152-1 et du premier alinéa de l'article L.
    152-4, après la référence : « L. 111-10-1, », est insérée … » (Grenelle II bill): that
    phrase of each; « … du III de l'article L. 211-12, du deuxième alinéa de l'article L.
    212-6 et du I de l'article L. 214-4 » too."""
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n1° Au III de l'article 1, "
                      "à la deuxième phrase du III de l'article 2, du deuxième alinéa de "
                      "l'article 3 et du I de l'article 4, au premier alinéa de l'article 5, "
                      "les mots : « a » sont remplacés par les mots : « b ».\n")
    assert sorted(str(op.target) for op in bill.operations) == [
        "code-civil:art_1/lab_III", "code-civil:art_2/lab_III/ph_2",
        "code-civil:art_3/al_2/ph_2", "code-civil:art_4/lab_I/ph_2", "code-civil:art_5/al_1"]
    # « du même chapitre Ier » in the list is the chapitre Ier the list named first (read
    # since the fourth round: test_the_same_unit_in_a_list_is_the_one_the_list_names)
    same = parse_bill("Article 1er\nDans l'intitulé de la section 1 du chapitre Ier du titre Ier "
                      "du code civil et du même chapitre Ier, le mot : « a » est remplacé par "
                      "le mot : « b ».\n")
    assert sorted(str(op.target) for op in same.operations) == [
        "code-civil:titre_1/chapitre_1/intitule_1",
        "code-civil:titre_1/chapitre_1/section_1/intitule_1"]
    # the end of several units after the same words, with « du même … » naming the same
    # unit again: refused
    end = parse_bill("Article 1er\nAprès le mot : « a », la fin du premier alinéa de l'article "
                     "1 du code civil et du même alinéa est supprimée.\n")
    assert end.operations == ()


@pytest.mark.parametrize(("sentence", "target"), [
    # the 2013 marriage bill (code civil)
    ("L'intitulé de la section première du chapitre III du titre Ier du livre troisième du "
     "code civil est supprimé.", "code-civil:livre_3/titre_1/chapitre_3/section_1/intitule_1"),
    # amendment n° 2029 on the 2009 hospital bill
    ("Au chapitre Ier du titre II du livre deuxième de la quatrième partie du code civil, le mot :"
     " « a » est supprimé.", "code-civil:partie_4/livre_2/titre_2/chapitre_1"),
])
def test_a_division_numbered_by_an_ordinal_word(sentence: str, target: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert [str(op.target) for op in bill.operations] == [target]


def test_a_letter_label_written_with_its_parenthesis_before_the_adverb() -> None:
    """« Après le b), il est inséré un b) bis ainsi rédigé » (amendment on the 2015 bill on
    regional councils): the b bis."""
    from legidiff.bill.operations import InsertUnits

    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n1° Après le "
                      "b), il est inséré un b) bis ainsi rédigé : « b bis) Deux membres ; » ;\n"
                      "2° Le c) bis est supprimé ;\n")
    first, second = bill.operations
    assert isinstance(first, InsertUnits) and first.new.labels == ("b bis",)
    assert str(second.target) == "code-civil:art_1/lab_c_bis"


# ---------------------------------------------------------------------------
# Two instructions written as two sentences of one item


def test_each_sentence_of_an_item_is_read_in_its_context() -> None:
    """« L'intitulé de la section 1 devient « … ». Les sections 2, 3 et 4 deviennent … »
    (2010 agriculture bill as tabled): two instructions, each read under the item's
    chapeau; the new sentence starts at a full stop outside quotations followed by a
    capital."""
    bill = parse_bill(
        "Article 1er\nI. - Le chapitre Ier du titre III du livre VI du code rural et de la pêche "
        "maritime est ainsi modifié :\n1° L'article L. 631-1 est abrogé. Les articles L. 631-2 "
        "et L. 631-3 sont abrogés ;\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [
        "code-rural-et-de-la-peche-maritime:livre_6/titre_3/chapitre_1/art_L631-1",
        "code-rural-et-de-la-peche-maritime:livre_6/titre_3/chapitre_1/art_L631-2",
        "code-rural-et-de-la-peche-maritime:livre_6/titre_3/chapitre_1/art_L631-3"]
    assert {op.source.text for op in bill.operations} == {
        "L'article L. 631-1 est abrogé.", "Les articles L. 631-2 et L. 631-3 sont abrogés ;"}


@pytest.mark.parametrize("text", [
    # (« … . Il est complété par le membre de phrase suivant : … », 2010 agriculture bill,
    # is read since: test_the_pronoun_of_a_second_sentence_is_the_unit_of_the_first)
    # a second sentence that is no instruction
    "a) Au premier alinéa, le mot : « a » est supprimé. Il est entendu que rien ne change ;",
    # an abbreviation is no end of sentence
    "a) Au premier alinéa de l'art. L. 2, le mot : « a » est supprimé ;",
])
def test_a_second_sentence_that_is_no_instruction_leaves_the_item_refused(text: str) -> None:
    bill = parse_bill("Article 1er\nL'article 3 du code civil est ainsi modifié :\n" + text + "\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


# ---------------------------------------------------------------------------
# « du même code »: the last code named, whatever law was named since


def test_the_same_code_is_the_last_code_named_even_after_a_law() -> None:
    """« du même code » names the last code named, not the last text: a law cited in a
    standalone provision (2010 agriculture bill, articles 21 and 22: « … créés en vertu de
    la loi n° 91-411 du 2 mai 1991 … » then « La section 2 … du même code … ») or the
    version of the code an ordonnance gave (« tel qu'il résulte de l'ordonnance n° 2010-462
    du 6 mai 2010 ») leaves it the code; « de la même loi » stays in doubt after a sentence
    not understood that names another text."""
    bill = parse_bill(
        "Article 1er\nI. - Le livre IX du code rural et de la pêche maritime est ainsi modifié :\n"
        "1° L'article L. 912-4 est abrogé ;\n"
        "II. - Les comités locaux, créés en vertu de la loi n° 91-411 du 2 mai 1991 relative à "
        "l'organisation interprofessionnelle des pêches maritimes, continuent de fonctionner.\n"
        "Article 2\nLa section 2 du chapitre II du titre Ier du livre IX du même code, telle "
        "qu'elle résulte de l'ordonnance n° 2010-462 du 6 mai 2010, est ainsi modifiée :\n"
        "1° L'article L. 912-6 est abrogé ;\n"
        "Article 3\nL'article 3 de la même loi est abrogé.\n")
    assert [str(op.target) for op in bill.operations] == [
        "code-rural-et-de-la-peche-maritime:livre_9/art_L912-4",
        "code-rural-et-de-la-peche-maritime:livre_9/titre_1/chapitre_2/section_2/art_L912-6"]
    (unread,) = bill.unrecognized
    assert unread.source.bill_ref == "article 3" and "même loi" in unread.reason


# ---------------------------------------------------------------------------
# An article additionnel quoted whole, its header left out: the opening mark of its first
# line is the article's


@pytest.mark.parametrize(("lines", "article", "before", "after"), [
    # AN amendment n° 868 (2009 hospital bill, après l'article 8)
    (["« Les deuxième et troisième alinéas de l'article L. 6147-1 du code de la santé "
      "publique sont supprimés. »"], "L. 6147-1", ["Un.", "Deux.", "Trois.", "Quatre."],
     ["Un.", "Quatre."]),
    # AN amendment n° 80 (the same bill, après l'article 24)
    (["« Après le 8° de l'article L. 3323-2 du code de la santé publique, il est inséré un 9° "
      "ainsi rédigé :", "« 9° Sur les services de communications en ligne. »"], "L. 3323-2",
     ["La propagande est autorisée :", "1° Dans la presse ;", "8° Par voie d'affiches."],
     # the item before the new last one ends with « ; » (the engine's rule for lists)
     ["La propagande est autorisée :", "1° Dans la presse ;", "8° Par voie d'affiches ;",
      "9° Sur les services de communications en ligne."]),
])
def test_an_article_additionnel_quoted_whole_is_read_as_its_instruction(
        lines: list[str], article: str, before: list[str], after: list[str]) -> None:
    from legidiff.bill.operations import Bill
    from legidiff.parliament.amendments import read_amendment

    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article=None,
                          bill_text="projet")
    assert read.on_code and read.unrecognized == ()
    base = Code("Code de la santé publique",
                (Article(article, tuple(Alinea(a) for a in before)),))
    result = consolidate(base, Bill(None, read.operations, (), (), ()))
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, article) == after


def test_a_quoted_article_of_several_parts_is_not_unquoted() -> None:
    """A further line opening with a mark may be a further part of the article as well as
    the next alinéa of the text announced: not guessed."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["« Le code de la santé publique est ainsi modifié :",
             "« 1° L'article L. 1 est abrogé ;", "« II. – L'article L. 2 est abrogé. »"]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article=None,
                          bill_text="projet")
    assert read.operations == () and read.unrecognized


# ---------------------------------------------------------------------------
# « procéder à la même substitution » after a part whose anchor comes first


@pytest.mark.parametrize("lines", [
    # AN amendment n° 2080 (2015 health bill): the anchor on the line of the verb
    ["I. - Après le mot : « consentement », rédiger ainsi la fin de l'alinéa 3 :",
     "« exprès, libre et éclairé de la personne intéressée. »",
     "II. - En conséquence, au dernier alinéa, après le mot : « consentement », procéder à "
     "la même substitution."],
    # AN amendment n° 2130 (the same bill): the quoted words on lines of their own
    ["I. - Après le mot :", "« consentement »,", "rédiger ainsi la fin de l'alinéa 3 :",
     "« exprès, libre et éclairé de la personne intéressée. »",
     "II. - En conséquence, au dernier alinéa, après le mot :", "« consentement »,",
     "procéder à la même substitution."],
])
def test_the_same_substitution_rewrites_the_same_end_elsewhere(lines: list[str]) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    bill = read_bill("Projet de loi\nArticle 25\nLe code est ainsi modifié :\n"
                     "1° L'article 1 est abrogé ;\n"
                     "2° Les données sont levées avec le consentement de la personne ;\n"
                     "3° Le fichier est tenu.\n"
                     "Le secret est levé avec le consentement préalable.\n")
    result = amend(bill, (Amendment("2080", "x", None, "25",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    text = write_bill(result)
    assert ("2° Les données sont levées avec le consentement exprès, libre et éclairé de la "
            "personne intéressée.\n") in text
    assert ("Le secret est levé avec le consentement exprès, libre et éclairé de la personne "
            "intéressée.\n") in text
    assert "3° Le fichier est tenu.\n" in text


@pytest.mark.parametrize(("first", "same"), [
    # AN amendment n° 272 (2015 intelligence bill): « substitution » after a deletion
    ("I. – A l'alinéa 24, supprimer le mot : « dûment ».",
     "II. – En conséquence, procéder à la même substitution à l'alinéa 57."),
    # the same end rewritten in two places at once: not one unit
    ("I. - Après le mot : « a », rédiger ainsi la fin de l'alinéa 3 : « b ».",
     "II. - En conséquence, procéder à la même substitution aux alinéas 5 et 7."),
    # a deletion of the end is no substitution
    ("I. - Après le mot : « a », supprimer la fin de l'alinéa 3.",
     "II. - En conséquence, procéder à la même substitution à l'alinéa 5."),
])
def test_the_same_operation_that_the_part_before_does_not_do_is_refused(
        first: str, same: str) -> None:
    from legidiff.parliament.amendments import read_amendment

    read = read_amendment([(first, 1), (same, 2)], article="1er", bill_text="projet")
    assert len(read.operations) == 1
    assert [d.code for d in read.diagnostics] == ["LD203"]


# ---------------------------------------------------------------------------
# The imperative of insertion before its place, as the passive has it


@pytest.mark.parametrize("lines", [
    # AN amendment n° CL89 (2013 transparency bill, article 1er)
    ["Insérer après le 9ème alinéa un alinéa ainsi rédigé :", "« Nouveau. »"],
    ["Insérer, après le neuvième alinéa, un alinéa ainsi rédigé :", "« Nouveau. »"],
    ["Après l'alinéa 9, insérer un alinéa ainsi rédigé :", "« Nouveau. »"],
])
def test_insert_then_where_is_where_then_insert(lines: list[str]) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    body = "".join(f"Alinéa {n}.\n" for n in range(1, 11))
    bill = read_bill(f"Projet de loi\nArticle 1er\n{body}")
    result = amend(bill, (Amendment("89", "x", None, "1er",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert "Alinéa 9.\nNouveau.\nAlinéa 10.\n" in write_bill(result)


@pytest.mark.parametrize("lines", [
    # AN amendment n° 378 (2015 intelligence bill, article 13): the verb written twice
    ["À l'alinéa 8, insérer après le mot :", "« que »,", "insérer le mot :", "« pour »."],
    ["Alinéa 8", "Insérer, après le mot :", "« que »,", "le mot :", "« pour »."],
])
def test_words_inserted_with_the_place_after_the_verb(lines: list[str]) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    body = "".join(f"Alinéa {n}.\n" for n in range(1, 8)) + "Il faut que le service soit.\n"
    bill = read_bill(f"Projet de loi\nArticle 13\n{body}")
    result = amend(bill, (Amendment("378", "x", None, "13",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert "Il faut que pour le service soit.\n" in write_bill(result)


@pytest.mark.parametrize(("lines", "after"), [
    # Senate amendment n° 2 (2013 bill on the regulated price of electricity, article 1er)
    (["Alinéa 3", "Après les mots :", "inférieure à 36 kilovoltampères",
      "insérer le signe de ponctuation :", ","],
     "Pour une puissance inférieure à 36 kilovoltampères, et les sites, le tarif est fixé."),
    (["Alinéa 3", "Supprimer le signe de ponctuation :", ","],
     "Pour une puissance inférieure à 36 kilovoltampères et les sites le tarif est fixé."),
])
def test_a_punctuation_sign_is_quoted_words(lines: list[str], after: str) -> None:
    """« le signe de ponctuation : , » announces its sign as « les mots : » do their words:
    the line below is the quotation."""
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    bill = read_bill("Projet de loi\nArticle 1er\nUn.\nDeux.\nPour une puissance inférieure à "
                     "36 kilovoltampères et les sites, le tarif est fixé.\n")
    result = amend(bill, (Amendment("2", "x", None, "1er",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert f"\n{after}\n" in write_bill(result)


@pytest.mark.parametrize("noun", ["la phrase et les mots suivants :", "une phrase et les mots :"])
def test_words_replaced_by_a_phrase_and_words(noun: str) -> None:
    """AN amendment n° 4 on the 2015 intelligence bill (article 1er): one quotation, a
    phrase then the words that begin the next one."""
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    lines = ["À l'alinéa 2, substituer aux mots :",
             "« La mise en œuvre sur le territoire national des techniques de recueil de "
             "renseignement mentionnées au titre V du présent livre »", noun,
             "« Les techniques de recueil du renseignement mentionnées au titre V du présent "
             "livre ne peuvent être mises en œuvre que de façon exceptionnelle sur le "
             "territoire national. Cette mise en œuvre »."]
    bill = read_bill("Projet de loi\nArticle 1er\nUn.\n« La mise en œuvre sur le territoire "
                     "national des techniques de recueil de renseignement mentionnées au titre "
                     "V du présent livre est autorisée par le Premier ministre.\n")
    result = amend(bill, (Amendment("4", "x", None, "1er",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert ("\n« Les techniques de recueil du renseignement mentionnées au titre V du présent "
            "livre ne peuvent être mises en œuvre que de façon exceptionnelle sur le territoire "
            "national. Cette mise en œuvre est autorisée par le Premier ministre.\n"
            ) in write_bill(result)


@pytest.mark.parametrize(("lines", "after"), [
    # AN amendment n° 270 on the 2010 social security financing bill (article 36)
    (["Alinéas 24 et 25", "Remplacer ces deux alinéas par un alinéa ainsi rédigé :",
      "« La répartition régionale des crédits est fixée chaque année par arrêté. »"],
     "A23.\nLa répartition régionale des crédits est fixée chaque année par arrêté.\nA26.\n"),
    (["Alinéas 24 à 26", "Supprimer ces trois alinéas."], "A23.\nA27.\n"),
])
def test_these_alineas_counted_are_those_of_the_location(lines: list[str], after: str
                                                        ) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    body = "".join(f"A{n}.\n" for n in range(1, 31))
    bill = read_bill(f"Projet de loi\nArticle 36\n{body}")
    result = amend(bill, (Amendment("270", "x", None, "36",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert after in write_bill(result)


def test_these_alineas_counted_otherwise_are_refused() -> None:
    """« ces trois alinéas » after « Alinéas 24 et 25 »: which three is not said."""
    from legidiff.parliament.amendments import read_amendment

    read = read_amendment([("Alinéas 24 et 25", 1), ("Supprimer ces trois alinéas.", 2)],
                          article="36", bill_text="projet")
    assert read.operations == () and [d.code for d in read.diagnostics] == ["LD203"]


@pytest.mark.parametrize("lines", [
    # Senate amendment n° 8 on the 2013 transparency bill (article 1er)
    ["Alinéa 3, troisième phrase", "Supprimer les mots :",
     "et dans les cinq années précédant cette date", "et les mots :",
     ", qu’il envisage de conserver"],
    ["À la troisième phrase de l'alinéa 3, supprimer les mots : « et dans les cinq années "
     "précédant cette date » et les mots : « , qu’il envisage de conserver »."],
])
def test_a_further_deletion_without_its_verb(lines: list[str]) -> None:
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    bill = read_bill("Projet de loi\nArticle 1er\nUn.\nDeux.\nIl déclare ses biens. Il le fait "
                     "chaque année. Il dit les biens acquis et dans les cinq années précédant "
                     "cette date, qu’il envisage de conserver ou de céder.\n")
    result = amend(bill, (Amendment("8", "x", None, "1er",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    assert "\nIl déclare ses biens. Il le fait chaque année. Il dit les biens acquis ou de " \
           "céder.\n" in write_bill(result)


@pytest.mark.parametrize("sentence", [
    "Au premier alinéa de l'article 1 du code civil, les mots : « a ».",
    "Au premier alinéa de l'article 1 du code civil, le mot : « a » est remplacé par le mot : "
    "« b », et les mots : « c ».",
])
def test_words_alone_after_no_deletion_are_refused(sentence: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.operations == ()
    (unread,) = bill.unrecognized
    assert unread.reason.startswith("phrase incomplète")


@pytest.mark.parametrize("lead", ["audit alinéa", "au même alinéa", "à cet alinéa"])
def test_audit_is_the_unit_named_last(lead: str) -> None:
    """« IV. – En conséquence, audit alinéa, supprimer le mot : « obligatoires ». » (AN
    amendment n° 315 on the 2019 Alsace bill): « audit » is « à ledit », the alinéa named
    by the part before."""
    from legidiff.bill.text import read_bill
    from legidiff.parliament.amend import AmendmentStatus, amend, write_bill
    from legidiff.parliament.debate import Amendment

    lines = ["I. – Au début de l’alinéa 2, ajouter la mention :", "«Art. L. 3431‑4. – »",
             f"II. – En conséquence, {lead}, supprimer le mot :", "« obligatoires »."]
    bill = read_bill("Projet de loi\nArticle 1er\nUn.\nLes cours obligatoires sont donnés.\n"
                     "Les cours obligatoires restent.\n")
    result = amend(bill, (Amendment("315", "x", None, "1er",
                                    tuple((t, n) for n, t in enumerate(lines, 1)), 1),))
    (outcome,) = result.outcomes
    assert outcome.status is AmendmentStatus.APPLIED, outcome.diagnostics
    text = write_bill(result)
    assert "\nArt. L. 3431‑4. – Les cours sont donnés.\nLes cours obligatoires restent.\n" in text


def test_audit_is_a_noun_elsewhere() -> None:
    bill = parse_bill("Article 1er\nAudit des comptes du code civil, le mot : « a » est "
                      "supprimé.\n")
    assert bill.operations == ()


# Forms of bills, laws and décrets read in the fourth round: tables, their rows and
# columns; new alinéas by rank; the new text as subject; a count after the words


def _cgi_1010(a_table: str = "<table><tr><td>Ancien a</td></tr></table>") -> Code:
    """Article 1010 of the code général des impôts as its a and b stood: each item an
    alinéa of text, then its table (an alinéa of HTML)."""
    return Code("Code général des impôts", (Article("1010", (
        Alinea("a) Pour les véhicules qui ont fait l'objet d'une réception communautaire :"),
        Alinea(a_table, markup=True),
        Alinea("b) Pour les véhicules autres que ceux mentionnés au a :"),
        Alinea("<table><tr><td>Ancien b</td></tr></table>", markup=True),
    )),))


# the 2012 budget bill on article 1010 (items 1°, 1° bis and 2°; the tables cut short)
_TABLES_1010 = (
    "Article 1er\nI. - L'article 1010 du code général des impôts est ainsi modifié :\n"
    "1° Le tableau du a est ainsi rédigé :\n"
    '"<table><tbody><tr><td>Nouveau a</td></tr></tbody></table>"\n'
    "1° bis Après ce même tableau, il est inséré un alinéa ainsi rédigé :\n"
    '"Les véhicules spécialement équipés pour fonctionner au moyen du superéthanol E85 '
    'bénéficient d\'un abattement de 40 %."\n'
    "2° Le tableau du b est ainsi rédigé :\n"
    '"<table><tbody><tr><td>Nouveau b</td></tr></tbody></table>"\n')


def test_the_table_of_an_item_is_rewritten_and_followed_by_an_alinea() -> None:
    """« Le tableau du a est ainsi rédigé », « Après ce même tableau, il est inséré un
    alinéa »: the table is the only alinéa of HTML of the a — rewritten whole, as HTML;
    « ce même tableau » the one named in the item before."""
    bill = parse_bill(_TABLES_1010)
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [
        "code-general-des-impots:art_1010/lab_a/tab_1",
        "code-general-des-impots:art_1010/lab_a/tab_1",
        "code-general-des-impots:art_1010/lab_b/tab_1"]
    result = consolidate(_cgi_1010(), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    alineas = result.code.find_articles("1010")[0].article.alineas
    assert [(a.text, a.markup) for a in alineas] == [
        ("a) Pour les véhicules qui ont fait l'objet d'une réception communautaire :", False),
        ("<table><tbody><tr><td>Nouveau a</td></tr></tbody></table>", True),
        ("Les véhicules spécialement équipés pour fonctionner au moyen du superéthanol E85 "
         "bénéficient d'un abattement de 40 %.", False),
        ("b) Pour les véhicules autres que ceux mentionnés au a :", False),
        ("<table><tbody><tr><td>Nouveau b</td></tr></tbody></table>", True)]


def test_a_unit_without_one_table_is_not_guessed() -> None:
    """No table in the a, or two: « le tableau du a » names none — an error, no change."""
    for a_table in ("Pas de tableau.", None):
        code = _cgi_1010() if a_table is None else _cgi_1010(a_table)
        if a_table is None:  # two tables in the article, « le tableau » of the article
            bill = parse_bill("Article 1er\nLe tableau de l'article 1010 du code général des "
                              "impôts est ainsi rédigé :\n\"<table><tr><td>X</td></tr>"
                              "</table>\"\n")
        else:
            bill = parse_bill(_TABLES_1010.split("1° bis")[0] + "\n")
        result = consolidate(code, bill)
        assert not result.complete
        assert [d.code for d in result.diagnostics] == ["LD301"]
        assert "pas de tableau unique" in result.diagnostics[0].message
        assert result.code == code


@pytest.mark.parametrize("instruction", [
    # the 2013 transparency bill (loi organique n° 2010-837 as the base)
    "Après la trente et unième ligne du tableau annexé à la loi organique n° 2010-837 du 23 "
    "juillet 2010 relative à l'application du cinquième alinéa de l'article 13 de la "
    "Constitution, est insérée une ligne ainsi rédigée :\n\"<table><tbody><tr><td>Haute "
    "Autorité</td><td>Président</td></tr></tbody></table>\"",
    "Le tableau annexé à la loi organique n° 2010-837 relative à l'application de l'article 13 "
    "de la Constitution est complété comme suit :\n« Haute autorité Président ».",
    # the 2015 bill on the regions (code électoral), here on an article's table
    "Aux troisième et quatrième colonnes du tableau de l'article 1, les neuvième et dixième "
    "lignes sont remplacées par une ligne ainsi rédigée :\n\"<table><tbody><tr><td>Alsace</td>"
    "<td>60</td></tr></tbody></table>\".",
    "Le tableau de l'article 1 est complété par une ligne ainsi rédigée :\n« Alsace 60 »",
])
def test_rows_and_annexed_tables_are_read_then_refused(instruction: str) -> None:
    """Rows, columns and tables annexed to a text are read (operations on them) but never
    applied: the engine says what it does not do, and the text stays as it was."""
    bill = parse_bill(f"Article 1er\n{instruction}\n", code="code civil")
    assert bill.unrecognized == () and bill.operations
    base = Code("Code civil", (Article("1", (
        Alinea("Premier."), Alinea("<table><tr><td>A</td></tr></table>", markup=True))),))
    if "loi organique" in instruction:
        # the table annexed to the law, outside its articles: refused wherever it is looked for
        assert all(str(op.target).startswith("loi-2010-837:tab_1/ligne_") for op in
                   bill.operations)
        for op in bill.operations:
            with pytest.raises(ResolveError, match="tableau"):
                resolve(base, Locator(op.target.steps))
        return
    result = consolidate(base, bill)
    assert not result.complete
    assert {d.code for d in result.diagnostics} == {"LD301"}
    assert all("tableau" in d.message for d in result.diagnostics)
    assert result.code == base


def test_a_row_outside_a_table_is_not_read() -> None:
    bill = parse_bill("Article 1er\nAprès le 3° de l'article 1 du code civil, est insérée une "
                      "ligne ainsi rédigée :\n« X »\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_new_alineas_by_rank_on_a_real_article(tmp_path: Path) -> None:
    """LOPPSI 2 (report 2271), article L. 224-2 of the code de la route: « sont ajoutés un
    cinquième et un sixième alinéas, ainsi rédigés » — on its first four alinéas, the two
    new ones are its fifth and sixth, as its 2015 text has them; on five, refused."""
    after = real_code_article("code-de-la-route",
                              "partie-legislative/livre-2/titre-2/chapitre-4/article-l224-2.md",
                              "L224-2", tmp_path)
    official = _alineas(after, "L224-2")
    assert len(official) == 6
    before = Code(after.title, (Article("L224-2", tuple(Alinea(a) for a in official[:4])),))
    bill = parse_bill("Article 1er\nII. - À l'article L. 224-2 du code de la route sont ajoutés "
                      "un cinquième et un sixième alinéas, ainsi rédigés :\n"
                      f"« {official[4]}\n« {official[5]} »\n")
    result = consolidate(before, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L224-2") == official
    five = Code(after.title, (Article("L224-2", tuple(Alinea(a) for a in official[:5])),))
    refused = consolidate(five, bill)
    assert [d.code for d in refused.diagnostics] == ["LD311"]


def test_ranks_of_new_alineas_must_follow_each_other() -> None:
    bill = parse_bill("Article 1er\nÀ l'article 1 du code civil sont ajoutés un cinquième et "
                      "un septième alinéas, ainsi rédigés :\n« A »\n« B »\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_the_new_text_as_subject_goes_where_the_verb_says() -> None:
    """« Les dispositions suivantes sont ajoutées après le dernier alinéa : » (2010
    agriculture bill, article 8 of the loi n° 91-411)."""
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\nb) Les "
                      "dispositions suivantes sont ajoutées après le dernier alinéa :\n"
                      "« Nouveau. »\n")
    result = consolidate(_one_article("Premier.", "Dernier."), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Premier.", "Dernier.", "Nouveau."]


@pytest.mark.parametrize(("text", "complete"), [
    ("pour ceux de cinquante ans et de cinquante ans révolus", True),
    ("pour ceux de cinquante ans", False),
])
def test_a_count_after_the_words_is_checked(text: str, complete: bool) -> None:
    """« les mots : « de cinquante ans » dans leurs deux occurrences sont remplacés par … »
    (2010 pensions bill, article L. 25 of the code des pensions civiles et militaires)."""
    bill = parse_bill("Article 1er\nÀ l'article 1 du code civil, les mots : « de cinquante "
                      "ans » dans leurs deux occurrences sont remplacés par les mots : « de "
                      "cinquante-deux ans » ;\n")
    assert bill.unrecognized == ()
    result = consolidate(_one_article(text), bill)
    assert result.complete is complete, [d.message for d in result.diagnostics]
    if complete:
        assert _alineas(result.code, "1") == [
            "pour ceux de cinquante-deux ans et de cinquante-deux ans révolus"]


def test_the_same_law_by_number_must_be_the_last_named() -> None:
    ok = parse_bill("Article 1er\nI. - La loi n° 91-411 du 2 mai 1991 est ainsi modifiée :\n"
                    "1° L'article 1er est abrogé ;\nII. - La même loi n° 91-411 est ainsi "
                    "modifiée :\n1° L'article 2 est abrogé ;\n")
    assert ok.unrecognized == ()
    assert [str(op.target) for op in ok.operations] == ["loi-91-411:art_1", "loi-91-411:art_2"]
    other = parse_bill("Article 1er\nI. - La loi n° 91-411 du 2 mai 1991 est ainsi modifiée :\n"
                       "1° L'article 1er est abrogé ;\nII. - La même loi n° 92-1 est ainsi "
                       "modifiée :\n1° L'article 2 est abrogé ;\n")
    assert len(other.unrecognized) == 1


@pytest.mark.parametrize(("first", "second", "complete"), [
    ("1° Le revenu professionnel.", "2° Le revenu professionnel et le gain professionnel.", True),
    # twice in the 1°, once in the 2°: not what the instruction says
    ("1° Le revenu professionnel et le gain professionnel.", "2° Le revenu professionnel.",
     False),
])
def test_a_count_of_one_lead_of_a_list(first: str, second: str, complete: bool) -> None:
    """« Au 1° et, deux fois, au 2°, le mot : « professionnel » est remplacé par les mots :
    « d'activité » » (2010 pensions bill, article L. 633-10 of the code de la sécurité
    sociale): once in the 1°, twice in the 2°."""
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n3° Au 1° et, "
                      "deux fois, au 2°, le mot : \"professionnel\" est remplacé par les mots : "
                      "\"d'activité\".\n")
    assert bill.unrecognized == ()
    result = consolidate(_one_article("Chapeau :", first, second), bill)
    assert result.complete is complete, [d.message for d in result.diagnostics]
    if complete:
        assert _alineas(result.code, "1") == [
            "Chapeau :", "1° Le revenu d'activité.",
            "2° Le revenu d'activité et le gain d'activité."]


def test_a_count_after_its_lead_counts_the_anchor_words() -> None:
    """« à l'avant-dernier alinéa, trois fois, et au dernier alinéa …, après le mot :
    « collège », sont insérés les mots : « de supervision » » (2013 banking bill, code
    monétaire et financier): three times in the one, once in the other."""
    bill = parse_bill("Article 1er\nÀ l'avant-dernier alinéa, deux fois, et au dernier alinéa "
                      "de l'article 1 du code civil, après le mot : « collège », sont insérés "
                      "les mots : « de supervision » ;\n")
    assert bill.unrecognized == ()
    result = consolidate(_one_article("Premier.", "Le collège et le collège.", "Le collège."),
                         bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [
        "Premier.", "Le collège de supervision et le collège de supervision.",
        "Le collège de supervision."]


@pytest.mark.parametrize("sentence", [
    # a count of a lead, then another clause that would inherit it
    "Au 1° et, deux fois, au 2°, le mot : « a » est remplacé par le mot : « b » et le mot : "
    "« c » est supprimé.",
    # a count of a lead for a unit operation
    "Au 1° et, deux fois, au 2°, le dernier alinéa est supprimé.",
])
def test_a_count_of_one_lead_is_not_stretched(sentence: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"1° {sentence}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_the_pronoun_of_a_second_sentence_is_the_unit_of_the_first() -> None:
    """« Au premier alinéa, les mots : … sont remplacés par les mots : … . Il est complété
    par le membre de phrase suivant : « … » » (2010 agriculture bill, article 3 of the
    décret du 9 janvier 1852): « Il » is the alinéa the first sentence changed."""
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\na) Au premier "
                      "alinéa, les mots : \"règlements de la communauté\" sont remplacés par les "
                      "mots : \"accords internationaux\". Il est complété par le membre de phrase "
                      "suivant : \"et à la réglementation nationale\" ;\n")
    assert bill.unrecognized == ()
    result = consolidate(_one_article("Soumis aux règlements de la communauté", "Second."),
                         bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == [
        "Soumis aux accords internationaux et à la réglementation nationale", "Second."]


@pytest.mark.parametrize("sentence", [
    # « Elle » for an alinéa
    "Au premier alinéa, le mot : « a » est remplacé par le mot : « b ». Elle est complétée "
    "par les mots : « c » ;",
    # two units changed: which one « Il » is, is not said
    "Aux premier et deuxième alinéas, le mot : « a » est remplacé par le mot : « b ». Il est "
    "complété par les mots : « c » ;",
])
def test_a_pronoun_without_one_unit_of_its_gender_is_not_read(sentence: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"a) {sentence}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


@pytest.mark.parametrize(("sentence", "quotes"), [
    # 2010 pensions bill (article L. 241-3 of the code de la sécurité sociale)
    ('après la référence : "L. 135-2,", sont insérés les mots : "par une contribution de la '
     'branche " accidents du travail " couvrant les dépenses" ;',
     ("L. 135-2,", 'par une contribution de la branche " accidents du travail " couvrant les '
      "dépenses")),
    # two quotations of their own, spaced inside: never one nested in the other
    ('les mots : " a " sont remplacés par les mots : " b " ;', ("a", "b")),
    ('les mots : "x" sont remplacés par les mots : "y " et les mots : " z" sont supprimés',
     ("x", "y", "z")),
])
def test_spaced_words_quoted_inside_a_straight_quotation(sentence: str,
                                                         quotes: tuple[str, ...]) -> None:
    """« … l'agrément " qualité " visé à … » (2010 agriculture bill; LEGI's article 199
    sexvicies of the code général des impôts has the spaced straight marks as written): a
    few words between spaced marks, the outer text going on in lower case after them."""
    assert prepare(sentence).quotes == quotes


def test_the_same_unit_in_a_list_is_the_one_the_list_names() -> None:
    """« Dans l'intitulé de la section 1 du chapitre Ier du titre Ier et du même chapitre
    Ier » (2013 bill, livre IV of the code de l'environnement): the chapitre Ier of that
    titre Ier; a number that is not the one named, or a unit not named in the list, is
    refused."""
    def read(lead: str) -> Any:
        return parse_bill("Article 1er\nLe livre IV du code de l'environnement est ainsi "
                          f"modifié :\n3° {lead}, le mot : « biologique » est remplacé par le "
                          "mot : « naturel ».\n")
    bill = read("Dans l'intitulé de la section 1 du chapitre Ier du titre Ier et du même "
                "chapitre Ier")
    assert bill.unrecognized == ()
    assert sorted(str(op.target) for op in bill.operations) == [
        "code-de-l-environnement:livre_4/titre_1/chapitre_1/intitule_1",
        "code-de-l-environnement:livre_4/titre_1/chapitre_1/section_1/intitule_1"]
    for lead in ("Dans l'intitulé de la section 1 du chapitre Ier du titre Ier et du même "
                 "chapitre II", "Dans l'intitulé de la section 1 du chapitre Ier et du même "
                 "titre Ier"):
        refused = read(lead)
        assert refused.operations == () and len(refused.unrecognized) == 1


def test_an_insertion_letter_glued_to_the_article_is_a_slip() -> None:
    """« 1° BL'intitulé du chapitre Ier est ainsi rédigé » (2013 banking bill): the label
    « 1° B », with a warning naming the correction."""
    bill = parse_bill("Article 1er\nLe titre III du livre VI du code monétaire et financier est "
                      "ainsi modifié :\n1° BL'intitulé du chapitre Ier est ainsi rédigé : "
                      "« Surveillance » ;\n")
    assert bill.unrecognized == ()
    assert [op.source.bill_ref for op in bill.operations] == ["article 1er, 1° B"]
    assert [d.code for d in bill.diagnostics] == ["LD215"]


def test_a_unit_inside_a_table_other_than_rows_is_not_read() -> None:
    """« Le tableau du f … est ainsi modifié : 1° Le premier alinéa est supprimé »: the
    table is one alinéa of HTML — « its first alinéa » would be the whole table."""
    bill = parse_bill("Article 1er\nI. - Le tableau du f du 2 de l'article 199 decies H du "
                      "code général des impôts est ainsi modifié :\n1° Le premier alinéa est "
                      "supprimé ;\n")
    assert bill.operations == () and len(bill.unrecognized) == 1
    with pytest.raises(ResolveError, match="tableau"):
        resolve(_cgi_1010(), Locator.parse("art_1010/lab_a/tab_1/al_1"))


# ---------------------------------------------------------------------------
# A change limited by subject (« en tant qu'ils concernent … », « en ce qu'il a de
# contraire … », « pour ce qui concerne … »): the unconditional part applied, the limited
# part read as `limited` operations, never applied, reported at apply (LD321); where the
# words sit does not tell which units they limit, the sentence is refused whole

# a law's repeal of articles of the former code du travail (corpus item #6086,
# legal.tricoteuses.fr, LEGIARTI000029320940)
COOPERATIVES = ("Les articles 27 à 31 et, en tant qu'ils concernent les sociétaires "
                "coopératives de production et leurs unions, 39 à 45 du titre II du livre III "
                "de l'ancien code du travail sont abrogés.")
FORMER_LABOUR = "code-du-travail-ancien:livre_3/titre_2/"


def _former_labour_code() -> Code:
    return Code("Code du travail (ancien)", (_div(DivisionKind.LIVRE, "III", "Livre III",
                _div(DivisionKind.TITRE, "II", "Titre II",
                     *(_art(str(n)) for n in range(25, 47)))),))


def _numbers(node: Code | Division) -> list[str]:
    out: list[str] = []
    for child in node.children:
        out.extend(_numbers(child) if isinstance(child, Division) else [child.num])
    return out


@pytest.mark.parametrize(("sentence", "whole", "limited", "limitation"), [
    # between « et, » and the last member of the list: that member only
    (COOPERATIVES, [FORMER_LABOUR + "art_27..31"], [FORMER_LABOUR + "art_39..45"],
     "en tant qu'ils concernent les sociétaires coopératives de production et leurs unions"),
    ("Les articles 27, 28 et, en tant qu'il vise les unions, 40 du titre II du livre III de "
     "l'ancien code du travail sont abrogés.",
     [FORMER_LABOUR + "art_27", FORMER_LABOUR + "art_28"], [FORMER_LABOUR + "art_40"],
     "en tant qu'il vise les unions"),
    # between a subject of one unit (or range) and its verb: every unit
    ("Les articles 39 à 45 du titre II du livre III de l'ancien code du travail, en tant "
     "qu'ils concernent les sociétaires coopératives de production, sont abrogés.",
     [], [FORMER_LABOUR + "art_39..45"],
     "en tant qu'ils concernent les sociétaires coopératives de production"),
    # after the verb, to the end: every unit, a list too
    ("L'article 40 du titre II du livre III de l'ancien code du travail est abrogé en ce "
     "qu'il a de contraire à la présente loi.", [], [FORMER_LABOUR + "art_40"],
     "en ce qu'il a de contraire à la présente loi"),
    ("Les articles 40 et 41 du titre II du livre III de l'ancien code du travail sont "
     "abrogés pour ce qui concerne les unions.", [],
     [FORMER_LABOUR + "art_40", FORMER_LABOUR + "art_41"], "pour ce qui concerne les unions"),
    ("L'article 40 du titre II du livre III de l'ancien code du travail est supprimé en tant "
     "qu'il s'applique aux unions.", [], [FORMER_LABOUR + "art_40"],
     "en tant qu'il s'applique aux unions"),
])
def test_a_change_limited_by_subject_is_read_by_parts(sentence: str, whole: list[str],
                                                       limited: list[str],
                                                       limitation: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations if not isinstance(op, Limited)] == whole
    assert [str(op.target) for op in bill.operations if isinstance(op, Limited)] == limited
    for op in bill.operations:
        assert op.source.text == sentence
        if isinstance(op, Limited):
            assert op.limitation == limitation and op.change.target == op.target
            assert isinstance(op.change, Repeal | DeleteUnit)
        else:
            assert isinstance(op, Repeal)


def test_the_limited_part_is_never_applied_and_always_reported() -> None:
    """The articles 27 to 31 are repealed; the articles 39 to 45 stay as they were, the
    consolidation is incomplete, the failure names the change, the limitation and the
    units, and the partial text says so."""
    base = _former_labour_code()
    bill = parse_bill(f"Article 1er\n{COOPERATIVES}\n")
    result = consolidate(base, bill)
    assert not result.complete
    assert _numbers(result.code) == [str(n) for n in (25, 26, *range(32, 47))]
    statuses = [(r.status, r.kind) for r in result.results]
    assert statuses == [(Status.APPLIED, "repeal"), (Status.FAILED, "limited")]
    (diagnostic,) = result.results[1].diagnostics
    assert diagnostic.code == "LD321"
    assert "abrogation limitée à un objet (« en tant qu'ils concernent les sociétaires " \
           "coopératives de production et leurs unions ») : ce qu'elle retire de chaque " \
           "article n'est pas dit mot à mot" in diagnostic.message
    assert "les articles 39 à 45" in diagnostic.message
    marked = mark_failures(result)
    head = marked.children[0]
    assert isinstance(head, Article)
    assert any("LD321" not in a.text and "limitée à un objet" in a.text for a in head.alineas)
    # out of scope on another code, as any operation naming the former code
    other = consolidate(Code("code-du-travail", (_art("40"),)), bill)
    assert {r.status for r in other.results} == {Status.OUT_OF_SCOPE}


def test_a_limited_operation_has_its_documented_json() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    bill = parse_bill(f"Article 1er\n{COOPERATIVES}\n")
    data: Any = json.loads(json.dumps(bill.to_json()))
    limited = data["operations"][1]
    assert limited["kind"] == "limited" and limited["change"]["kind"] == "repeal"
    assert limited["limitation"].startswith("en tant qu'ils concernent")
    schemas = Path(legidiff.__file__).parent / "schemas"
    schema = json.loads((schemas / "bill-v1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    # the report of the apply: the limited repeal failed, with its kind
    consolidation = consolidate(_former_labour_code(), bill)
    document = json.loads(json.dumps(report(bill.title, "loi", [
        (Base(_former_labour_code(), Format.JSON, Path("code.json")), consolidation)])))
    schema = json.loads((schemas / "report-v1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    results = document["bases"][0]["results"]
    assert [(r["status"], r["kind"]) for r in results] == [("applied", "repeal"),
                                                           ("failed", "limited")]


@pytest.mark.parametrize("sentence", [
    # a subject of several units before the verb: the last one, or all?
    "Les articles 40 et 41 du titre II du livre III de l'ancien code du travail, en tant "
    "qu'ils concernent les unions, sont abrogés.",
    # after a member that is not the last
    "Les articles 27, en tant qu'il concerne les unions, et 40 du titre II du livre III de "
    "l'ancien code du travail sont abrogés.",
    # in a lead
    "Pour ce qui concerne les unions, l'article 40 du titre II du livre III de l'ancien code "
    "du travail est abrogé.",
    # a comma inside its words: where they end is not sure
    "L'article 40 du titre II du livre III de l'ancien code du travail est abrogé en tant "
    "qu'il concerne les sociétaires, les unions et les fédérations.",
    "Les articles 27 et, en tant qu'ils concernent les sociétaires, les unions, 40 du titre "
    "II du livre III de l'ancien code du travail sont abrogés.",
    # two limitations
    "Les articles 27 et, en tant qu'il concerne les unions, 40 du titre II du livre III de "
    "l'ancien code du travail sont abrogés en tant qu'ils visent les sociétaires.",
    # another verb than a repeal or a deletion
    "Aux articles 27 et, en tant qu'il concerne les unions, 40 du titre II du livre III de "
    "l'ancien code du travail, le mot : « a » est remplacé par le mot : « b ».",
    "L'article 40 du titre II du livre III de l'ancien code du travail, en tant qu'il concerne "
    "les unions, est ainsi rédigé : « Texte. »",
    # a chapeau
    "Les articles 27 et, en tant qu'il concerne les unions, 40 du titre II du livre III de "
    "l'ancien code du travail sont ainsi modifiés :",
])
def test_a_limitation_whose_units_are_not_sure_is_refused_whole(sentence: str) -> None:
    """Nothing is applied — neither the limited part as a full change, nor the rest."""
    items = "1° Le mot : « a » est supprimé ;\n" if sentence.endswith(":") else ""
    bill = parse_bill(f"Article 1er\n{sentence}\n{items}")
    # (the items of a chapeau not read are never applied either: LD309)
    assert all(op.target.code == UNREAD_CHAPEAU for op in bill.operations)
    assert bill.unrecognized
    assert bill.unrecognized[0].reason.startswith("modification limitée à un objet")
    base = _former_labour_code()
    result = consolidate(base, bill)
    assert not result.complete
    assert result.code == base



def test_common_words_after_a_stray_quotation_mark_are_no_limitation() -> None:
    """A quotation not closed (« " … ” », an adaptation of the code des transports):
    « en ce qui concerne » may be quoted words; the grammar's own reason stands."""
    bill = parse_bill("Article 1er\nAu début du premier alinéa de l'article L. 5312-3 du code "
                      "des transports, les mots : \" Sous réserve des limitations prévues par "
                      "l'article L. 5312-4 en ce qui concerne l'exploitation des outillages, ” "
                      "sont supprimés ;\n")
    (unread,) = bill.unrecognized
    assert bill.operations == ()
    assert not unread.reason.startswith("modification limitée")


# Review of the fourth round's forms: near variants that meant something else, each now
# read right or refused (never a wrong target, count or place)

_REVIEW_BASE = ("Chapeau :", "1° Le revenu professionnel et le gain professionnel.",
                "2° Le revenu professionnel et le gain professionnel.",
                "3° Le revenu professionnel.")


@pytest.mark.parametrize("lead", [
    # a count after a lead of several units: twice in each, or once in each (as « deux
    # fois » over two units reads)
    "Aux 1° et 2°, deux fois, et au 3°",
    "Au 3° et, deux fois, aux 1° et 2°",
    # a count after one unit of a group: that phrase, or both
    "À la première phrase du 1° et du 2°, deux fois, et au 3°",
])
def test_a_count_of_a_lead_of_several_units_is_refused(lead: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"a) {lead}, le mot : « professionnel » est remplacé par le mot : "
                      "« X ».\n")
    assert bill.operations == () and len(bill.unrecognized) == 1
    assert "nombre d'occurrences" in bill.unrecognized[0].reason


def test_a_count_of_a_lead_next_to_it_in_a_longer_list() -> None:
    """« …, à l'avant-dernier alinéa, trois fois, et au dernier alinéa … » (2013 banking
    bill): the count is the lead's next to it, even with other leads around."""
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      "a) Au 1°, au 2°, deux fois, et au 3°, le mot : « professionnel » est "
                      "remplacé par le mot : « X ».\n")
    assert bill.unrecognized == ()
    base = _one_article("Chapeau :", "1° Le revenu professionnel.",
                        "2° Le revenu professionnel et le gain professionnel.",
                        "3° Le revenu professionnel.")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1")[1:] == ["1° Le revenu X.", "2° Le revenu X et le gain X.",
                                              "3° Le revenu X."]
    # twice in the 1° of a base: the count said for the 2° only, never stretched
    assert not consolidate(_one_article(*_REVIEW_BASE), bill).complete


@pytest.mark.parametrize("words", [
    # a count of one lead with two words: twice each, or once each
    "Au 1° et, deux fois, au 2°, les mots : « professionnel » et « revenu » sont remplacés "
    "par le mot : « X ».",
    # « leurs deux occurrences » of two words: one each, or two each
    "Au 2°, les mots : « professionnel » et « revenu » dans leurs deux occurrences sont "
    "remplacés par le mot : « X ».",
    "Au 2°, les mots : « professionnel » et « revenu » sont supprimés deux fois.",
])
def test_a_count_of_several_words_is_refused(words: str) -> None:
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      f"a) {words}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


@pytest.mark.parametrize("sentence", [
    # « Il »: the new alinéa rather than the first one
    "Après le premier alinéa, il est inséré un alinéa ainsi rédigé : « Nouveau. ». Il est "
    "complété par les mots : « c » ;",
    # the unit is gone, or moved
    "Le premier alinéa est supprimé. Il est complété par les mots : « c » ;",
    "Le 1° devient le 4°. Il est complété par les mots : « c » ;",
    # « Il »: the alinéa or the article, both named in the sentence before
    "Au premier alinéa de l'article 1, le mot : « a » est supprimé. Il est complété par les "
    "mots : « c » ;",
])
def test_a_pronoun_whose_unit_is_not_one_unit_changed_in_place_is_refused(sentence: str
                                                                          ) -> None:
    chapeau = "" if "l'article 1," in sentence else "L'article 1 du code civil est ainsi " \
        "modifié :\n"
    bill = parse_bill(f"Article 1er\n{chapeau or 'Le code civil est ainsi modifié :'}\n"
                      f"a) {sentence}\n".replace("\n\n", "\n"))
    assert not any(op.kind == "complete" for op in bill.operations)
    assert len(bill.unrecognized) == 1


@pytest.mark.parametrize("lead", [
    # the end of article 72, or of its first alinéa
    "À la fin du premier alinéa de l'article 51 de la loi n° 84-16 du 11 janvier 1984 portant "
    "dispositions statutaires relatives à la fonction publique de l'État, de l'article 72 de la "
    "loi n° 84-53 du 26 janvier 1984 portant dispositions statutaires relatives à la fonction "
    "publique territoriale",
])
def test_the_end_of_units_of_several_kinds_is_refused(lead: str) -> None:
    bill = parse_bill(f"Article 1er\n{lead}, il est ajouté une phrase ainsi rédigée : « X. »\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


@pytest.mark.parametrize(("sentence", "quotes"), [
    # a comma between spaced quotations: three quotations, never one nested in another
    ('les mots : " a " , " b " et " c " sont supprimés', ("a", "b", "c")),
    ('les mots : " a " , " b " , " c " sont supprimés', ("a", "b", "c")),
])
def test_punctuation_between_spaced_quotations_is_no_nested_quotation(
        sentence: str, quotes: tuple[str, ...]) -> None:
    assert prepare(sentence).quotes == quotes


@pytest.mark.parametrize("table", ["Le tableau n° 2 du a", "Le tableau n° 2 de l'article 1010"])
def test_a_numbered_table_of_an_article_is_never_its_only_table(table: str) -> None:
    """The HTML of a table says no number: « le tableau n° 2 » is never taken for the only
    table of the unit."""
    bill = parse_bill("Article 1er\nL'article 1010 du code général des impôts est ainsi "
                      f"modifié :\n1° {table} est ainsi rédigé :\n\"<table><tr><td>X</td></tr>"
                      "</table>\"\n")
    assert bill.unrecognized == ()
    code = _cgi_1010()
    result = consolidate(code, bill)
    assert not result.complete and result.code == code
    assert "tableau n° 2" in result.diagnostics[0].message


def test_a_table_and_another_unit_rewritten_by_one_text_are_not_each_rewritten() -> None:
    """« Le tableau du a et le deuxième alinéa du b sont ainsi rédigés : « X » »: one text
    for units that do not follow each other — refused, as for any alinéas (only rows and
    columns, refused when applied, are never a span)."""
    bill = parse_bill("Article 1er\nL'article 1010 du code général des impôts est ainsi "
                      "modifié :\n1° Le tableau du a et le deuxième alinéa du b sont ainsi "
                      "rédigés : « X »\n")
    assert not consolidate(_cgi_1010(), bill).complete


_LAW_84_16 = ("la loi n° 84-16 du 11 janvier 1984 portant dispositions statutaires relatives à la "
              "fonction publique de l'État")
_LAW_84_53 = ("la loi n° 84-53 du 26 janvier 1984 portant dispositions statutaires relatives à la "
              "fonction publique territoriale")


@pytest.mark.parametrize(("sentence", "targets"), [
    # 2010 agriculture bill (article 6 of the ordonnance n° 2010-462): the law's article was
    # read into the ordonnance's « title » and never repealed
    ("L'article 6 de l'ordonnance n° 2010-462 du 6 mai 2010 précitée et l'article 2 de la loi "
     "n° 97-1051 du 18 novembre 1997 d'orientation sur la pêche maritime et les cultures "
     "marines sont abrogés.", ["loi-97-1051:art_2", "ordonnance-2010-462:art_6"]),
    # 2010 pensions bill: the code des communes' article was read into the law's title
    ("À l'article 20 de la loi n° 47-1465 du 8 août 1947 relative à certaines dispositions "
     "d'ordre financier et à l'article L. 422-7 du code des communes, les mots : « soixante-cinq "
     "ans » sont remplacés par les mots : « soixante-sept ans ».",
     ["code-des-communes:art_L422-7", "loi-47-1465:art_20"]),
    (f"Le deuxième alinéa de l'article 46 de {_LAW_84_16} et l'article 65 de {_LAW_84_53} sont "
     "supprimés.", ["loi-84-16:art_46/al_2", "loi-84-53:art_65"]),
    (f"Au premier alinéa de l'article 46 de {_LAW_84_16} et aux deuxième et troisième alinéas "
     f"de l'article 65 de {_LAW_84_53}, le mot : « a » est supprimé.",
     ["loi-84-16:art_46/al_1", "loi-84-53:art_65/al_2", "loi-84-53:art_65/al_3"]),
    # a title that still ends nowhere before the next unit: refused
    (f"L'article 46 de {_LAW_84_16} et le 2° de l'article 65 de {_LAW_84_53} sont abrogés.",
     None),
    (f"Au premier alinéa de l'article 46 de {_LAW_84_16} et au 2° du I de l'article 65 de "
     f"{_LAW_84_53}, le mot : « a » est supprimé.", None),
])
def test_a_law_title_never_takes_the_next_units_of_a_list(sentence: str,
                                                         targets: list[str] | None) -> None:
    """A law's title without a comma was read up to the verb: the units named after it, and
    their text, were part of the title — the sentence changed the first unit only. The title
    ends before « et l'article », « et à l'article », « et aux deuxième et troisième
    alinéas »…; where it still takes another unit and its text, refused."""
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    if targets is None:
        assert bill.operations == () and len(bill.unrecognized) == 1
        assert "titre de loi" in bill.unrecognized[0].reason
    else:
        assert bill.unrecognized == ()
        assert sorted(str(op.target) for op in bill.operations) == targets


def test_a_law_title_naming_another_law_is_still_one_title() -> None:
    bill = parse_bill("Article 1er\nL'article 3 de la loi n° 2004-801 du 6 août 2004 relative à "
                      "la protection des personnes physiques et modifiant la loi n° 78-17 du 6 "
                      "janvier 1978 relative à l'informatique est abrogé.\n")
    assert [str(op.target) for op in bill.operations] == ["loi-2004-801:art_3"]


@pytest.mark.parametrize("lines", [
    # the end of a phrase rewritten, then « la même substitution » at an alinéa: the end of
    # the alinéa, or of one of its phrases
    ["I. - Après le mot : « a », rédiger ainsi la fin de la première phrase de l'alinéa 3 :",
     "« b. »", "II. - En conséquence, à l'alinéa 5, procéder à la même substitution."],
    ["I. - Après le mot : « a », rédiger ainsi la fin de l'alinéa 3 :", "« b. »",
     "II. - En conséquence, procéder à la même modification à la première phrase de l'alinéa 5."],
])
def test_the_same_substitution_on_a_unit_of_another_kind_is_refused(lines: list[str]) -> None:
    from legidiff.parliament.amendments import read_amendment

    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="1er",
                          bill_text="projet")
    assert len(read.operations) == 1
    assert [d.code for d in read.diagnostics] == ["LD203"]


@pytest.mark.parametrize("lead", ["audit alinéa", "au même alinéa", "à cet alinéa"])
def test_one_unit_recalled_after_a_lead_of_several_is_refused(lead: str) -> None:
    """« I. – Aux alinéas 3 et 5, supprimer … II. – En conséquence, audit alinéa, … »: the
    alinéa 3 or the alinéa 5 — it was the last named, the 5; « auxdits / ces alinéas »
    stay both."""
    from legidiff.parliament.amendments import read_amendment

    lines = ["I. - Aux alinéas 3 et 5, supprimer le mot : « a »",
             f"II. - En conséquence, {lead}, supprimer le mot : « b »."]
    read = read_amendment([(t, n) for n, t in enumerate(lines, 1)], article="1er",
                          bill_text="projet")
    assert sorted(str(op.target) for op in read.operations) == ["projet:art_1/al_3",
                                                                 "projet:art_1/al_5"]
    assert [d.code for d in read.diagnostics] == ["LD209"]
    both = read_amendment([(lines[0], 1), ("II. - En conséquence, auxdits alinéas, supprimer "
                                           "le mot : « b ».", 2)], article="1er",
                          bill_text="projet")
    assert len(both.operations) == 4 and both.diagnostics == ()


def test_the_same_article_of_a_lead_of_several_units_of_one_article_is_that_article() -> None:
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n1° Au I et au II de "
                      "l'article L. 1, le mot : « a » est supprimé ; au III du même article, le "
                      "mot : « b » est supprimé.\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations][-1] == "code-civil:art_L1/lab_III"


@pytest.mark.parametrize(("times", "complete"), [("trois", True), ("deux", False)])
def test_a_count_of_one_lead_on_a_real_article(tmp_path: Path, times: str, complete: bool
                                               ) -> None:
    """2013 banking bill (article L. 612-5 of the code monétaire et financier): « à
    l'avant-dernier alinéa, trois fois, et au dernier alinéa …, après le mot : « collège »,
    sont insérés les mots : « de supervision » ». On its 2015 text with the words taken
    out of those two alinéas, the instruction gives back the official text; « deux fois »
    (the avant-dernier alinéa has three) is refused, never applied to two of the three."""
    official_code = real_code_article(
        "code-monetaire-et-financier", "partie-legislative/livre-vi/titre-ier/chapitre-ii/"
        "section-2/sous-section-1/article-l612-5.md", "L612-5", tmp_path)
    official = _alineas(official_code, "L612-5")
    assert official[-2].count("collège de supervision") == 3
    before = [*official[:-2], *(a.replace("collège de supervision", "collège")
                                for a in official[-2:])]
    base = Code(official_code.title, (Article("L612-5", tuple(Alinea(a) for a in before)),))
    bill = parse_bill("Article 1er\nÀ l'avant-dernier alinéa, " + times + " fois, et au "
                      "dernier alinéa de l'article L. 612-5 du code monétaire et financier, "
                      "après le mot : « collège », sont insérés les mots : « de supervision » ;\n")
    assert bill.unrecognized == ()
    result = consolidate(base, bill)
    assert result.complete is complete, [d.message for d in result.diagnostics]
    if complete:
        assert _alineas(result.code, "L612-5") == official
    else:  # the avant-dernier alinéa left as it was (the other is reported apart)
        assert _alineas(result.code, "L612-5")[-2] == before[-2]


def test_a_count_after_the_words_on_a_real_article(tmp_path: Path) -> None:
    """2010 pensions bill, article L. 25 of the code des pensions civiles et militaires de
    retraite (its 2° as the 2015 text has it, the change undone — « 2° pour les
    officiers » as the words added before require): « les mots : « de
    cinquante ans » dans leurs deux occurrences sont remplacés par … » — both occurrences
    of the 2°, nothing else."""
    official_code = real_code_article(
        "code-des-pensions-civiles-et-militaires-de-retraite",
        "partie-legislative/livre-ier/titre-iv/article-l25.md", "L25", tmp_path)
    official = _alineas(official_code, "L25")
    (index,) = [k for k, a in enumerate(official) if a.startswith("2° ")]
    assert official[index].count("de cinquante-deux ans") == 2
    before = list(official)
    before[index] = official[index].replace("de cinquante-deux ans", "de cinquante ans").replace(
        "Par dérogation à l'article L. 161-17-2 du code de la sécurité sociale, ", "")
    base = Code(official_code.title, (Article("L25", tuple(Alinea(a) for a in before)),))
    bill = parse_bill(
        "Article 1er\nI. - Le code des pensions civiles et militaires de retraite est modifié "
        "comme suit :\n3° L'article L. 25 est ainsi modifié :\nb) Au 2°, les mots : « Par "
        "dérogation à l'article L. 161-17-2 du code de la sécurité sociale, » sont ajoutés "
        "avant les mots : « pour les officiers de carrière » et les mots : « de cinquante ans » "
        "dans leurs deux occurrences sont remplacés par les mots : « de cinquante-deux ans » ;\n")
    assert bill.unrecognized == ()
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L25") == official


def test_the_tables_of_a_real_article(tmp_path: Path) -> None:
    """Article 1010 of the code général des impôts as its 2015 text has it (read by the
    Markdown reader: each table one alinéa of HTML): the 2012 budget bill's « Le tableau
    du a / du b est ainsi rédigé », « Après ce même tableau, il est inséré un alinéa »
    change exactly those tables and that place; « le tableau du I » (two tables) is refused."""
    from legidiff.formats import markdown

    member = ("codes-en-vigueur/code-general-des-impots-cgi/livre-premier/premiere-partie/"
              "titre-iv/chapitre-iii/section-iii/ii/article-1010.md")
    archive = corpus_path("codes-2015", "code-general-des-impots-cgi.tar.xz")
    with tarfile.open(archive, "r:xz") as tar:
        extracted = tar.extractfile(member)
        assert extracted is not None
        body = extracted.read().decode("utf-8")
    code = markdown.read(f"# Code général des impôts\n\n{body}", tmp_path / "cgi.md", [])
    before = code.find_articles("1010")[0].article.alineas
    assert [a.is_table for a in before[2:6]] == [False, True, False, True]
    result = consolidate(code, parse_bill(_TABLES_1010))
    assert result.complete, [d.message for d in result.diagnostics]
    after = result.code.find_articles("1010")[0].article.alineas
    assert [a.text for a in after] == [
        *(a.text for a in before[:3]), "<table><tbody><tr><td>Nouveau a</td></tr></tbody></table>",
        "Les véhicules spécialement équipés pour fonctionner au moyen du superéthanol E85 "
        "bénéficient d'un abattement de 40 %.", before[4].text,
        "<table><tbody><tr><td>Nouveau b</td></tr></tbody></table>",
        *(a.text for a in before[6:])]
    refused = consolidate(code, parse_bill(_TABLES_1010.split("1° Le tableau")[0] + "1° Le "
                                           "tableau du I est ainsi rédigé :\n\"<table><tr><td>X"
                                           "</td></tr></table>\"\n"))
    assert not refused.complete and refused.code == code


def test_the_impersonal_il_of_a_second_sentence_is_no_pronoun() -> None:
    """« Au premier alinéa, … . Il est ajouté un alinéa ainsi rédigé : « … » »: the
    impersonal « il est ajouté » adds the alinéa to the item's unit (at the end of the
    article), as it did before « Il » was read as a pronoun — never after the first alinéa."""
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\na) Au premier "
                      "alinéa, le mot : « a » est remplacé par le mot : « b ». Il est ajouté un "
                      "alinéa ainsi rédigé : « Nouveau. » ;\n")
    assert bill.unrecognized == ()
    result = consolidate(_one_article("Premier a.", "Deuxième."), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "1") == ["Premier b.", "Deuxième.", "Nouveau."]


@pytest.mark.parametrize(("second", "targets"), [
    # « du même article » in the list: the article named before it in that list, never the
    # article the item before named (it was taken: the L. 5's second alinéa deleted)
    ("2° Le premier alinéa de l'article L. 1 et le deuxième alinéa du même article sont "
     "supprimés ;", ["code-civil:art_L1/al_1", "code-civil:art_L1/al_2"]),
    ("2° Au 1° du I de l'article L. 1 et au 2° du même article, le mot : « a » est supprimé ;",
     ["code-civil:art_L1/lab_2°", "code-civil:art_L1/lab_I/lab_1°"]),
    # « du même I »: the I that holds the 1° named last (it was the II of the item before,
    # and, after this change alone, the 1°)
    ("2° Au 1° du I de l'article L. 1 et au 2° du même I, le mot : « a » est supprimé ;",
     ["code-civil:art_L1/lab_I/lab_1°", "code-civil:art_L1/lab_I/lab_2°"]),
    # « au b du même 2° » after « au a du 2° »: the b of that 2°, not of the a
    ("2° Au a du 2° de l'article L. 1, le mot : « z » est supprimé ;\n3° Au b du même 2°, le "
     "mot : « a » est supprimé ;", ["code-civil:art_L1/lab_2°/lab_a",
                                    "code-civil:art_L1/lab_2°/lab_b"]),
])
def test_a_unit_recalled_in_a_list_is_the_one_the_list_named(second: str, targets: list[str]
                                                             ) -> None:
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n1° Au II de l'article "
                      f"L. 5, le mot : « z » est supprimé ;\n{second}\n")
    assert bill.unrecognized == ()
    assert str(bill.operations[0].target) == "code-civil:art_L5/lab_II"
    assert sorted(str(op.target) for op in bill.operations[1:]) == targets


def test_an_item_recalled_that_no_address_holds_is_refused() -> None:
    bill = parse_bill("Article 1er\nLe code civil est ainsi modifié :\n1° Au a du 2° de "
                      "l'article L. 1, le mot : « z » est supprimé ;\n2° Au b du même 3°, le mot "
                      ": « a » est supprimé ;\n")
    assert len(bill.operations) == 1 and len(bill.unrecognized) == 1
    assert "même 3°" in bill.unrecognized[0].reason


@pytest.mark.parametrize("words", ["ces deux alinéas", "sur ces deux alinéas"])
def test_these_alineas_counted_inside_quoted_words_are_the_words(words: str) -> None:
    """« Alinéas 24 et 25 / Remplacer les mots : « ces deux alinéas » par … »: the count
    is dropped only from the instruction's own words — the quoted words were changed (« ces
    alinéas » looked for instead)."""
    from legidiff.parliament.amendments import read_amendment

    read = read_amendment([("Alinéas 24 et 25", 1), (f"Remplacer les mots : « {words} » par "
                                                     "les mots : « ces alinéas ».", 2)],
                          article="36", bill_text="projet")
    assert read.operations and all(op.old.texts == (words,) for op in read.operations
                                   if isinstance(op, ReplaceWords))
    assert len(read.operations) == 2


# -- review: a limitation followed by another unit or another verb -----------------------
# « … et, en tant qu'ils concernent …, 39 à 45 du titre II … et l'article 46 … sont
# abrogés » repealed the article 46 in full and listed it as limited too; « L'article 40
# … est abrogé et l'article 41 est supprimé en tant qu'il concerne … » limited the
# article 40, which the words after the second verb do not reach. Refused whole.

@pytest.mark.parametrize("sentence", [
    "Les articles 27 à 31 et, en tant qu'ils concernent les unions, 39 à 45 du titre II du "
    "livre III de l'ancien code du travail et l'article 46 du même titre sont abrogés.",
    "Les articles 27 à 31 et, en tant qu'ils concernent les unions, 39 à 45 du titre II du "
    "livre III de l'ancien code du travail sont abrogés et l'article 46 est supprimé.",
    "L'article 40 du titre II du livre III de l'ancien code du travail est abrogé et "
    "l'article 41 est supprimé en tant qu'il concerne les unions.",
])
def test_a_limitation_next_to_another_unit_or_verb_is_refused_whole(sentence: str) -> None:
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert not bill.operations
    assert bill.unrecognized[0].reason.startswith("modification limitée à un objet")
    base = _former_labour_code()
    result = consolidate(base, bill)
    assert not result.complete and result.code == base


def test_a_list_cut_by_a_limitation_keeps_a_code_named_with_et() -> None:
    """« et » inside the code's name after the last member is no other unit."""
    bill = parse_bill("Article 1er\nLes articles L. 1 et, en tant qu'il concerne les "
                      "unions, L. 2 du code de la construction et de l'habitation sont "
                      "abrogés.\n")
    assert bill.unrecognized == ()
    assert [type(op).__name__ for op in bill.operations] == ["Repeal", "Limited"]


_HELDOUT = json.loads((Path(__file__).parent / "fixtures" / "forms" / "heldout-forms.json")
                      .read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", _HELDOUT, ids=lambda c: c["form"])
def test_forms_found_outside_the_corpus(case: dict[str, Any]) -> None:
    """Forms that benchmarks/heldout.py found in real amending texts outside the corpus: « X
    est rétabli dans la rédaction suivante : » (the passive of the amendments' « Rétablir
    … dans la rédaction suivante », = « est ainsi rétabli »), the verb first and the
    repealed units listed as its items (« Sont abrogés : 1° L'article … ; 2° … »), ordinals
    each with its article and preposition, the noun once (« À la première et à la seconde
    phrases »); and slips read with a warning naming them: a comma between a sentence's
    first subject and its verb (« Le III, est complété … »), a label's degree sign glued to
    the next word (« Au 3°du I »), « du » lost before a code's name or « de » after an item
    (« Après le 1° l'article 261 D »), the digit one for the letter l (« de 1'article »).
    Old kinds of texts: « le décret-loi du 21 avril 1939 »."""
    bill = parse_bill(f"Article 1er\n{case['text']}\n")
    assert bill.unrecognized == ()
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == case["operations"]
    slips = [d for d in bill.diagnostics if d.code == "LD215"]
    assert bool(slips) == (case["form"] in (
        "comma-before-verb", "degree-glued", "du-lost-before-code", "de-lost-after-item",
        "digit-one-for-l"))


@pytest.mark.parametrize("text", [
    # restored without its wording: the former wording is not given, nothing to write
    "L'article L. 131-4-4 du code de la sécurité sociale est rétabli dans sa rédaction "
    "antérieure à la loi n° 2019-1446 du 24 décembre 2019.",
    "L'article L. 131-4-4 du code de la sécurité sociale est rétabli.",
])
def test_a_restored_unit_without_its_text_is_not_read(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


def test_a_comma_closing_an_incise_is_no_slip() -> None:
    """Only a subject holding no other comma loses its comma before the verb: « Le II de
    l'article 20, dans sa rédaction résultant de …, est complété » keeps its incise."""
    bill = parse_bill(
        "Article 1er\nLe II de l'article L. 241-2 du code de la sécurité sociale, dans sa "
        "rédaction résultant de la loi n° 2019-1446 du 24 décembre 2019, est complété par les "
        "mots : « et des contributions ».\n")
    assert [d for d in bill.diagnostics if d.code == "LD215"] == []
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == [
        "Complete code-de-la-securite-sociale:art_L241-2/lab_II"]


def test_du_lost_before_a_code_name_applied_to_the_real_article(tmp_path: Path) -> None:
    """« Le 8° de l'article L. 5552-16 code des transports est ainsi modifié : 1° Au premier
    alinéa, les mots : « , avant d'avoir atteint un âge fixé par décret en Conseil d'État, »
    sont supprimés » (AN amendment on the 2021 social security financing bill), applied to
    the real article (code des transports, 2015, whose 8° is the same in 2020): only the
    8°'s first alinéa loses the words, « État » matching the code's « Etat »."""
    code = real_code_article(
        "code-des-transports",
        "partie-legislative/cinquieme-partie/livre-v/titre-v/chapitre-ii/section-3/"
        "article-l5552-16.md", "L5552-16", tmp_path)
    before = _alineas(code, "L5552-16")
    bill = parse_bill(
        "Article 1er\nII. – Le 8° de l’article L. 5552-16 code des transports est ainsi "
        "modifié :\n1° Au premier alinéa, les mots : « , avant d’avoir atteint un âge fixé "
        "par décret en Conseil d’État, » sont supprimés ;\n")
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    after = _alineas(result.code, "L5552-16")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(
        "8° Les périodes pendant lesquelles, avant d'avoir atteint un âge fixé par décret en "
        "Conseil d'Etat, les marins sont privés d'emploi et perçoivent :",
        "8° Les périodes pendant lesquelles les marins sont privés d'emploi et perçoivent :")]


def test_ordinals_each_with_its_article_applied_to_the_real_article(tmp_path: Path) -> None:
    """« À la première et à la seconde phrases de l'article 113-3, après les mots : « de tels
    navires », sont insérés les mots : « ou des personnes se trouvant à bord » » (the 2009
    simplification bill; loi n° 2011-525): applied to article 113-3 of the code pénal before
    that law (the 2015 text without those words), it gives the 2015 text."""
    after = real_code_article(
        "code-penal", "partie-legislative/livre-ier/titre-ier/chapitre-iii/section-1/"
        "article-113-3.md", "113-3", tmp_path)
    official = _alineas(after, "113-3")
    added = " ou des personnes se trouvant à bord"
    assert len(official) == 1 and official[0].count(added) == 2
    before = Code(after.title, (Article("113-3", (Alinea(official[0].replace(added, "")),)),))
    bill = parse_bill("Article 50\nII. - Le code pénal est ainsi modifié :\n1° À la première et "
                      "à la seconde phrases de l'article 113-3, après les mots : « de tels "
                      "navires », sont insérés les mots : « ou des personnes se trouvant à "
                      "bord » ;\n")
    result = consolidate(before, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "113-3") == official


@pytest.mark.parametrize("item", [
    "Le décret des 22 et 28 juillet 1791 qui règle la couleur des affiches ;",
    "Les dispositions relatives à la navigation sur le Rhin ;",
])
def test_an_item_of_a_repeal_list_not_understood_is_an_error(item: str) -> None:
    """An item after « Sont abrogés : » is repealed or refused, never taken for a provision
    (« qui règle … » would otherwise make the verb a relative clause's)."""
    bill = parse_bill(f"Article 1er\nI. - Sont et demeurent abrogés :\n1° {item}\n"
                      "2° L'article L. 114-1 du code du sport.\n")
    assert [str(op.target) for op in bill.operations] == ["code-du-sport:art_L114-1"]
    assert len(bill.unrecognized) == 1 and bill.provisions == ()


def test_the_list_ending_a_provision_is_part_of_it() -> None:
    """« … aux groupements d'intérêt public créés en application des dispositions
    suivantes : 1° Les articles L. 146-3 et L. 226-6 du code de l'action sociale et des
    familles ; » (the 2009 simplification bill), « Sont ratifiées : 1° L'ordonnance … »
    (Grenelle II bill): the items name what the provision is about, they modify nothing.
    A list after another colon (« Remplacer les mots : / à l'article L. 5 / par les mots :
    ») is not one: its lines stay errors."""
    bill = parse_bill(
        "Article 81\nLe chapitre II de la présente loi n'est pas applicable, sauf à titre "
        "subsidiaire, aux groupements d'intérêt public créés en application des dispositions "
        "suivantes :\n1° Les articles L. 146-3 et L. 226-6 du code de l'action sociale et des "
        "familles ;\n2° L'article 33 de la loi n° 90-568 du 2 juillet 1990 relative à "
        "l'organisation du service public de la poste et des télécommunications.\n"
        "Article 82\nSont ratifiées :\n1° L'ordonnance n° 2009-663 du 11 juin 2009 relative à "
        "l'enregistrement de certaines installations classées pour la protection de "
        "l'environnement ;\n")
    assert bill.operations == () and bill.unrecognized == () and len(bill.provisions) == 5
    amendment = parse_bill("Article 1er\nRemplacer les mots :\nle 2 de l'article L. 137-5\n"
                           "par les mots :\nle 3 de l'article L. 137-5\n")
    assert amendment.unrecognized != ()


@pytest.mark.parametrize("chapeau", [
    "L'ordonnance n° 2009-325 du 25 mars 2009 relative à la création de l'Agence de services "
    "et de paiement est ratifiée, sous réserve des modifications suivantes :",
    "Sont apportées à l'ordonnance n° 2009-325 du 25 mars 2009 les modifications suivantes :",
])
def test_a_list_of_changes_is_no_list_ending_a_provision(chapeau: str) -> None:
    """A provision that ends announcing changes (« … est ratifiée, sous réserve des
    modifications suivantes : », the 2010 agriculture bill) lists instructions: a unit
    alone among them is one cut short (an error), never the rest of the provision — nor is
    an item holding quoted words or a verb of modification."""
    bill = parse_bill(f"Article 1er\n{chapeau}\n1° L'article 6 est abrogé ;\n"
                      "2° Le IV de l'article 5 ;\n")
    assert [u.source.bill_ref for u in bill.unrecognized] == ["article 1er, 2°"]
    listed = parse_bill("Article 1er\nSont ratifiées :\n1° L'ordonnance n° 2009-663 du 11 juin "
                        "2009 relative à l'enregistrement ;\n2° Le II de l'article 8, qui est "
                        "abrogé\n")
    assert [u.source.bill_ref for u in listed.unrecognized] == ["article 1er, 2°"]
    # a provision about a repeal lists the units and words it concerns: part of it
    # (JORFARTI000002493323, I, a) and j))
    about = parse_bill(
        "Article 1er\nI. - L'abrogation prévue au 1° de l'article 4 ne prendra effet qu'à "
        "compter de la publication des dispositions réglementaires du code de l'entrée et du "
        "séjour des étrangers et du droit d'asile pour ce qui concerne les articles, alinéas, "
        "phrases et mots suivants :\na) La deuxième phrase du quatrième alinéa et le cinquième "
        "alinéa de l'article 5-1 ;\nj) Au premier alinéa du I de l'article 35 quater, les mots "
        "suivants : « et désignée par arrêté » ;\n")
    assert about.operations == () and about.unrecognized == () and len(about.provisions) == 3


@pytest.mark.parametrize("sentence", [
    "L'article 5 du code civil est abrogé et, à compter du 1er janvier 2005, l'article 6 du "
    "même code est abrogé.",
    "L'article 5 du code civil est abrogé et l'article 6 du même code est abrogé à compter du "
    "1er janvier 2005.",
    # the clause of time took the next instruction with it (the renumbering lost)
    "Le 2° de l'article 5 du code civil est supprimé à compter du 1er janvier 2005 et le 3° "
    "devient le 2°.",
])
def test_a_date_of_one_clause_is_not_given_to_the_others(sentence: str) -> None:
    """A date set aside is the whole sentence's: after the first of several clauses it is
    one clause's (or not sure), so the sentence is refused — article 5 was repealed from
    2005 on, or the renumbering silently dropped."""
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.operations == () and bill.provisions == ()
    assert [u.modifying for u in bill.unrecognized] == [True]


def test_a_date_before_the_clauses_or_in_its_own_sentence() -> None:
    """Before the first clause (or after the places they share) a date is each clause's;
    in an item of several sentences, each sentence has its own."""
    shared = parse_bill(
        "Article 1er\nAu 2° de l'article 5 du code civil, à compter du 1er janvier 2005, les "
        "mots : « X » sont supprimés et les mots : « Y » sont remplacés par les mots : "
        "« Z ».\n")
    assert [op.source.dates for op in shared.operations] == [("2005-01-01",)] * 2
    each = parse_bill(
        "Article 1er\nL'article 5 du décret n° 2000-1 du 1er janvier 2000 est abrogé. "
        "L'article 6 du même décret est abrogé à compter du 1er janvier 2005.\n")
    assert [(str(op.target), op.source.dates) for op in each.operations] == [
        ("décret-2000-1:art_5", ()), ("décret-2000-1:art_6", ("2005-01-01",))]


def test_the_changes_of_a_ratification_modify_the_text_ratified() -> None:
    """« L'ordonnance n° 2010-462 du 6 mai 2010 créant un livre IX du code rural …, prise en
    application de la loi n° 2009-526 …, est ratifiée, sous réserve des dispositions de la
    présente loi et des modifications suivantes : a) L'article 3 est abrogé ; » (2010
    agriculture bill): the ratification is a provision, its items modify the ordonnance —
    they were read in the bill's own text (the code rural's article 3, or no text)."""
    bill = parse_bill(
        "Article 17 octies B\nL'ordonnance n° 2010-462 du 6 mai 2010 créant un livre IX du "
        "code rural relatif à la pêche maritime et à l'aquaculture marine, prise en application "
        "de la loi n° 2009-526 du 12 mai 2009 de simplification et de clarification du droit et "
        "d'allègement des procédures, est ratifiée, sous réserve des dispositions de la présente "
        "loi et des modifications suivantes :\na) L'article 3 est abrogé ;\nb) À l'article 5, les "
        "mots : « à compter du 1er janvier 2011 » sont supprimés.\n", code="code rural")
    assert [str(op.target) for op in bill.operations] == [
        "ordonnance-2010-462:art_3", "ordonnance-2010-462:art_5"]
    assert len(bill.provisions) == 1 and bill.unrecognized == ()


def test_a_repeal_list_gives_its_date_to_its_items() -> None:
    """« Sont abrogés à compter du 1er janvier 2011 : » (the date set aside from the verb):
    each listed repeal takes effect at that date, as the items of a dated chapeau do."""
    bill = parse_bill("Article 1er\nI. - Sont abrogés à compter du 1er janvier 2011 :\n"
                      "1° L'article L. 313-6 du code de la consommation ;\n"
                      "2° L'article L. 114-1 du code du sport.\n")
    assert [(str(op.target), op.source.dates) for op in bill.operations] == [
        ("code-de-la-consommation:art_L313-6", ("2011-01-01",)),
        ("code-du-sport:art_L114-1", ("2011-01-01",))]


# ---------------------------------------------------------------------------
# « dudit code », « de ce code », « du code »: no code is named « code »; the code named
# last, as « du même code » (the heldout PLFSS amendments write « l'article L. 1435-8 dudit
# code »); with no code named before, LD209 at parse time, never a code « code » (LD315
# when applied)

@pytest.mark.parametrize("of", ["dudit code", "de ce code", "du code", "du code précité",
                                "du code susmentionné"])
def test_the_said_code_is_the_code_named_last(of: str) -> None:
    base = Code("Code civil", (Article("1", (Alinea("Un."), Alinea("Deux."))),
                               Article("2", (Alinea("Trois."), Alinea("Quatre.")))))
    bill = parse_bill("Article 1er\nL'article 1 du code civil est ainsi modifié :\n"
                      "1° Le premier alinéa est supprimé ;\n"
                      f"2° Le second alinéa de l'article 2 {of} est supprimé.\n")
    assert [op.target.code for op in bill.operations] == ["code-civil", "code-civil"]
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert (_alineas(result.code, "1"), _alineas(result.code, "2")) == (["Deux."], ["Trois."])


@pytest.mark.parametrize("text", [
    "L'article L. 5 dudit code est abrogé.",
    "Au premier alinéa de l'article L. 5 de ce code, le mot : « a » est supprimé.",
])
def test_the_said_code_with_no_code_before_is_refused(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == ()
    assert [d.code for d in bill.diagnostics] == ["LD209"]
    assert "dudit code" in bill.unrecognized[0].reason


# ---------------------------------------------------------------------------
# A code's name right after a text's number or date is never that text's title (« la loi
# n° 2004-1343 du 9 décembre 2004 code civil »: the law's article 2 was changed, the title
# « du code civil » after the slip « du » lost was put back): refused; after an article's
# number, « du » lost is put back as before (AN amendments on the 2021 PLFSS)

@pytest.mark.parametrize("text", [
    "L'article 2 de la loi n° 2004-1343 du 9 décembre 2004 code civil est abrogé.",
    "L'article 2 de la loi n° 2004-1343 du 9 décembre 2004 du code civil est abrogé.",
    "L'article 2 de la loi du 9 décembre 2004 code civil est abrogé.",
    "À l'article 3 de l'ordonnance n° 2000-1 du 1er janvier 2000 code de commerce, le mot : "
    "« a » est supprimé.",
])
def test_a_code_right_after_a_text_is_not_its_title(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == ()
    assert [d.code for d in bill.diagnostics] == ["LD203"]
    assert "code nommé juste après un texte" in bill.unrecognized[0].reason


@pytest.mark.parametrize(("text", "code"), [
    ("Le 8° de l'article L. 5552-16 code des transports est abrogé.", "code-des-transports"),
    ("À l'article 1010 code général des impôts, le mot : « a » est supprimé.",
     "code-general-des-impots"),
    # a title that names a code after its first word stays the title
    ("L'article 7 de l'ordonnance n° 2004-545 du 11 juin 2004 relative à la partie législative "
     "du code de la recherche est abrogé.", "ordonnance-2004-545"),
])
def test_du_lost_after_an_article_number(text: str, code: str) -> None:
    (op,) = parse_bill(f"Article 1er\n{text}\n").operations
    assert op.target.code == code


# ---------------------------------------------------------------------------
# « de la même loi organique » (AN amendments of 2009 on the organic law n° 99-209 of
# Nouvelle-Calédonie): the last text named, when it was named as an organic law

ORGANIC = "I. – L'article 5 de la loi organique n° 99-209 du 19 mars 1999 est abrogé.\n"


@pytest.mark.parametrize(("second", "kind"), [
    ("II. – Après l'article 233 de la même loi organique, il est inséré un article 233-1 ainsi "
     "rédigé :\n« Art. 233-1. – Texte. »\n", InsertUnits),
    ("II. – L'article 204 de la même loi organique est complété par un VIII ainsi rédigé :\n"
     "« VIII. – Texte. »\n", Complete),
    ("II. – Au premier alinéa de l'article 59 de la même loi organique, le mot : « a » est "
     "supprimé.\n", DeleteWords),
])
def test_the_same_organic_law(second: str, kind: type) -> None:
    bill = parse_bill(f"Article 1er\n{ORGANIC}{second}")
    assert bill.unrecognized == ()
    assert [op.target.code for op in bill.operations] == ["loi-99-209", "loi-99-209"]
    assert isinstance(bill.operations[1], kind)


@pytest.mark.parametrize("first", [
    # the last law named is not an organic law (its key does not tell), or none is named
    "I. – L'article 5 de la loi n° 99-209 du 19 mars 1999 est abrogé.\n",
    "I. – L'article 5 du code civil est abrogé.\n",
    "",
])
def test_the_same_organic_law_needs_one_named(first: str) -> None:
    bill = parse_bill(f"Article 1er\n{first}II. – L'article 7 de la même loi organique est "
                      "abrogé.\n")
    assert len(bill.unrecognized) == 1 and "même loi organique" in bill.unrecognized[0].reason
    assert [d.code for d in bill.diagnostics] == ["LD209"]


# ---------------------------------------------------------------------------
# A list of ranges and single numbers: « à » binds closer than the comma and « et »
# (« Aux articles R. 111-1, …, R. 552-10, R. 552-12 à R. 552-16 et R. 552-20 à R. 552-22 », a
# code adaptation of the corpus; « Les a à d et g du 4° du I de l'article 7 de l'ordonnance
# n° 2004-545 … sont abrogés », the 2009 simplification bill): each range as one range is

def _numbered(*numbers: str) -> Code:
    return Code("Code civil", tuple(Article(n, (Alinea(f"Le mot a de l'article {n}."),))
                                    for n in numbers))


@pytest.mark.parametrize(("text", "kept"), [
    ("Les articles 3 à 5, 7 et 9 à 11 du code civil sont abrogés.", ["1", "2", "6", "8"]),
    ("Les articles 1 à 2 et 11 du code civil sont abrogés.", ["3", "4", "5", "6", "7", "8", "9",
                                                               "10"]),
    ("Les articles 1, 3 à 10 et 11 du code civil sont abrogés.", ["2"]),
])
def test_a_list_of_ranges_and_numbers_repealed(text: str, kept: list[str]) -> None:
    base = _numbered(*(str(n) for n in range(1, 12)))
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.unrecognized == ()
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    left = [n for n in map(str, range(1, 12)) if result.code.find_articles(n) and
            result.code.find_articles(n)[0].article.alineas]
    assert left == kept


def test_a_list_of_ranges_and_numbers_modified() -> None:
    base = _numbered("R111-1", "R552-10", "R552-12", "R552-13", "R552-16", "R552-17", "R552-20",
                     "R552-22")
    bill = parse_bill("Article 1er\nAux articles R. 111-1, R. 552-10, R. 552-12 à R. 552-16 et "
                      "R. 552-20 à R. 552-22 du code civil, le mot : « a » est remplacé par le "
                      "mot : « b ».\n")
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    changed = {n: _alineas(result.code, n)[0].split()[2] for n in (
        "R111-1", "R552-10", "R552-12", "R552-13", "R552-16", "R552-17", "R552-20", "R552-22")}
    assert changed == {"R111-1": "b", "R552-10": "b", "R552-12": "b", "R552-13": "b",
                       "R552-16": "b", "R552-17": "a", "R552-20": "b", "R552-22": "b"}


def test_a_list_of_item_ranges_and_items() -> None:
    bill = parse_bill("Article 1er\nLes a à d et g du 4° de l'article 7 du code civil sont "
                      "abrogés.\n")
    assert [str(op.target) for op in bill.operations] == ["code-civil:art_7/lab_4°/lab_a..d",
                                                          "code-civil:art_7/lab_4°/lab_g"]
    assert all(isinstance(op, Repeal) for op in bill.operations)


def test_words_changed_in_a_range_of_articles_all_or_nothing() -> None:
    """« Aux articles R. 552-12 à R. 552-16, les mots … sont remplacés »: every article of
    the range, in the code's order (the engine changed the first alone and called the
    consolidation complete); when one of them lacks the words, none is changed."""
    numbers = ("L1", "L2", "L2-1", "L3", "L4")
    bill = parse_bill("Article 1er\nAu premier alinéa des articles L. 1 à L. 3 du code civil, le "
                      "mot : « a » est remplacé par le mot : « b ».\n")
    result = consolidate(_numbered(*numbers), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [_alineas(result.code, n)[0].split()[2] for n in numbers] == ["b", "b", "b", "b", "a"]
    lacking = Code("Code civil", tuple(Article(n, (Alinea(f"Le mot {w} de l'article {n}."),))
                                       for n, w in zip(numbers, "aaxaa", strict=True)))
    failed = consolidate(lacking, bill)
    assert not failed.complete and [d.code for d in failed.diagnostics] == ["LD302"]
    assert [_alineas(failed.code, n)[0].split()[2] for n in numbers] == ["a", "a", "x", "a", "a"]


@pytest.mark.parametrize("text", [
    # which article is meant is not said: refused, never the first article of the range
    "Après les articles L. 1 à L. 3 du code civil, il est inséré un article L. 3-1 ainsi "
    "rédigé :\n« Art. L. 3-1. – Texte. »",
    "Les articles L. 1 à L. 3 du code civil sont complétés par un alinéa ainsi rédigé :\n"
    "« Texte. »",
])
def test_other_changes_to_a_range_of_articles_are_refused(text: str) -> None:
    result = consolidate(_numbered("L1", "L2", "L3"), parse_bill(f"Article 1er\n{text}\n"))
    assert not result.complete
    assert {d.code for d in result.diagnostics} == {"LD312"}
    assert [_alineas(result.code, n) for n in ("L1", "L2", "L3")] == [
        [f"Le mot a de l'article {n}."] for n in ("L1", "L2", "L3")]


@pytest.mark.parametrize(("text", "code"), [
    # « de la loi précitée », « de l'ordonnance susmentionnée » (AN amendments of 2009): the
    # last text of that kind named, as « de la même loi »
    ("I. – L'article 1 de la loi n° 2000-1 du 1er janvier 2000 est abrogé.\nII. – L'article 5 "
     "de la loi précitée est abrogé.", "loi-2000-1"),
    ("I. – L'article 1 de la loi organique n° 99-209 du 19 mars 1999 est abrogé.\nII. – "
     "L'article 101 de la loi organique précitée est complété par un alinéa ainsi rédigé :\n"
     "« Texte. »", "loi-99-209"),
    ("I. – L'article 1 de l'ordonnance n° 2005-1 du 1er janvier 2005 est abrogé.\nII. – "
     "L'article 5 de l'ordonnance susmentionnée est abrogé.", "ordonnance-2005-1"),
])
def test_a_text_named_before(text: str, code: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.unrecognized == ()
    assert {op.target.code for op in bill.operations} == {code}


@pytest.mark.parametrize("text", [
    # « susvisé »: a text of the visas, which are not read; or no text of that kind named
    "L'article 5 du décret susvisé est abrogé.",
    "L'article 5 du code susvisé est abrogé.",
    "I. – L'article 1 du code civil est abrogé.\nII. – L'article 5 de la loi précitée est abrogé.",
])
def test_a_text_named_before_that_is_not_there(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert len(bill.unrecognized) == 1
    assert [d.code for d in bill.diagnostics] == ["LD209"]


# ---------------------------------------------------------------------------
# A range of divisions, or a unit inside each article of a range: the engine found the
# first unit of the range and changed it alone, the consolidation called complete

def _chapters(*numbers: str) -> Code:
    return Code("Code civil", tuple(
        Division.new(DivisionKind.CHAPITRE, n, f"Chapitre {n}", (_art(str(k)),))
        for k, n in enumerate(numbers, 1)))


@pytest.mark.parametrize(("text", "kept"), [
    ("Les chapitres II à IV du code civil sont abrogés.", ["Ier", "V", "VI"]),
    ("Les chapitres II à IV et VI du code civil sont abrogés.", ["Ier", "V"]),
    ("Les chapitres Ier, III à IV du code civil sont abrogés.", ["II", "V", "VI"]),
])
def test_a_range_of_divisions_repealed(text: str, kept: list[str]) -> None:
    result = consolidate(_chapters("Ier", "II", "III", "IV", "V", "VI"),
                         parse_bill(f"Article 1er\n{text}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert [c.number for c in result.code.children if isinstance(c, Division)] == kept


def test_a_range_of_divisions_runs_from_the_first_to_the_last() -> None:
    """As a range of articles: a chapter II bis between II and IV is in « les chapitres II à
    IV »; an article between them, not a chapter, is a unit the text does not name: refused,
    nothing removed."""
    result = consolidate(_chapters("Ier", "II", "II bis", "IV", "V"),
                         parse_bill("Article 1er\nLes chapitres II à IV du code civil sont "
                                    "abrogés.\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert [c.number for c in result.code.children if isinstance(c, Division)] == ["Ier", "V"]
    chapters = _chapters("Ier", "II", "III", "IV").children
    base = Code("Code civil", (*chapters[:2], _art("9"), *chapters[2:]))
    refused = consolidate(base, parse_bill("Article 1er\nLes chapitres II à IV du code civil "
                                           "sont abrogés.\n"))
    assert [d.code for d in refused.diagnostics] == ["LD313"]
    assert refused.code == base


@pytest.mark.parametrize(("text", "after"), [
    ("Le premier alinéa des articles L. 1 à L. 3 du code civil est supprimé.",
     [["Deux L1."], ["Deux L2."], ["Deux L3."], ["Un L4.", "Deux L4."]]),
    ("Le second alinéa des articles L. 1 à L. 3 du code civil est ainsi rédigé :\n« Nouveau. »",
     [["Un L1.", "Nouveau."], ["Un L2.", "Nouveau."], ["Un L3.", "Nouveau."],
      ["Un L4.", "Deux L4."]]),
])
def test_a_unit_in_each_article_of_a_range(text: str, after: list[list[str]]) -> None:
    base = Code("Code civil", tuple(Article(n, (Alinea(f"Un {n}."), Alinea(f"Deux {n}.")))
                                    for n in ("L1", "L2", "L3", "L4")))
    result = consolidate(base, parse_bill(f"Article 1er\n{text}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert [_alineas(result.code, n) for n in ("L1", "L2", "L3", "L4")] == after


@pytest.mark.parametrize("text", [
    "Les articles 1 à 3 du code civil sont ainsi rédigés :\n« Nouveau. »",
    "Les chapitres II à IV du code civil deviennent les chapitres III à V.",
    "Le chapitre II à IV du code civil est ainsi rédigé :\n« Chapitre II : Nouveau »",
])
def test_other_changes_of_a_range_are_refused(text: str) -> None:
    base = _chapters("Ier", "II", "III", "IV", "V")
    result = consolidate(base, parse_bill(f"Article 1er\n{text}\n"))
    assert not result.complete
    assert result.code == base


# ---------------------------------------------------------------------------
# The verb first, its subject after it: « Sont abrogés les articles … », « Est abrogé
# l'article … », « Sont et demeurent abrogées les dispositions de … » (the formula the
# circulaire of 30 May 1996 on codification gives for repeals), « Sont abrogés, dans la
# cinquième partie du même code : 1° Le chapitre VI … » (décret n° 2008-109 du 5 février
# 2008, article 13, code de la santé publique). « sont et demeurent abrogés » was read as
# a provision: the repeal silently left out.

_SSI = "du code de la sécurité intérieure"


@pytest.mark.parametrize(("text", "expected"), [
    (f"Sont abrogés les articles L. 111-1 et L. 112-1 {_SSI}.",
     ["Repeal code-de-la-securite-interieure:art_L111-1",
      "Repeal code-de-la-securite-interieure:art_L112-1"]),
    (f"Est abrogée la section 2 du chapitre Ier du titre Ier du livre Ier {_SSI}.",
     ["Repeal code-de-la-securite-interieure:livre_1/titre_1/chapitre_1/section_2"]),
    ("Sont et demeurent abrogées les dispositions de l'article 5 de la loi n° 78-17 du "
     "6 janvier 1978.", ["Repeal loi-78-17:art_5"]),
    (f"Les articles L. 111-1 et L. 112-1 {_SSI} sont et demeurent abrogés.",
     ["Repeal code-de-la-securite-interieure:art_L111-1",
      "Repeal code-de-la-securite-interieure:art_L112-1"]),
    # an adverb of manner
    (f"L'article L. 111-1 {_SSI} est purement et simplement abrogé.",
     ["Repeal code-de-la-securite-interieure:art_L111-1"]),
    (f"L'article L. 111-1 {_SSI} est en conséquence abrogé.",
     ["Repeal code-de-la-securite-interieure:art_L111-1"]),
    (f"Sont également abrogés les articles L. 111-1 et L. 112-1 {_SSI}.",
     ["Repeal code-de-la-securite-interieure:art_L111-1",
      "Repeal code-de-la-securite-interieure:art_L112-1"]),
    # the date set aside, the subject after it kept
    (f"Sont abrogés, à compter du 1er janvier 2011, les articles L. 111-1 et L. 112-1 {_SSI}.",
     ["Repeal code-de-la-securite-interieure:art_L111-1",
      "Repeal code-de-la-securite-interieure:art_L112-1"]),
    (f"À l'article L. 111-1 {_SSI}, sont supprimés les deuxième et troisième alinéas.",
     ["DeleteUnit code-de-la-securite-interieure:art_L111-1/al_3",
      "DeleteUnit code-de-la-securite-interieure:art_L111-1/al_2"]),
    (f"Au premier alinéa de l'article L. 111-1 {_SSI}, sont supprimés les mots : « de la "
     "sécurité ».", ["DeleteWords code-de-la-securite-interieure:art_L111-1/al_1"]),
    # « réécrit » for « rédigé »: it was taken for a provision
    (f"L'article L. 111-1 {_SSI} est réécrit comme suit : « Art. L. 111-1. – A. »",
     ["Rewrite code-de-la-securite-interieure:art_L111-1"]),
    (f"L'article L. 111-1 {_SSI} est ainsi réécrit : « Art. L. 111-1. – A. »",
     ["Rewrite code-de-la-securite-interieure:art_L111-1"]),
    # « reçoit la rédaction suivante » (older texts, décrets)
    (f"L'article L. 111-1 {_SSI} reçoit la rédaction suivante : « Art. L. 111-1. – A. »",
     ["Rewrite code-de-la-securite-interieure:art_L111-1"]),
    (f"Le deuxième alinéa de l'article L. 111-1 {_SSI} reçoit la rédaction suivante :\n"
     "« B. »", ["Rewrite code-de-la-securite-interieure:art_L111-1/al_2"]),
    # the list, in the place its chapeau names
    ("Sont abrogés, dans la cinquième partie du code de la santé publique :\n1° Le chapitre "
     "VI du titre III du livre Ier ;\n2° Le chapitre VI du titre III du livre IV.",
     ["Repeal code-de-la-sante-publique:partie_5/livre_1/titre_3/chapitre_6",
      "Repeal code-de-la-sante-publique:partie_5/livre_4/titre_3/chapitre_6"]),
])
def test_the_verb_before_its_subject(text: str, expected: list[str]) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert not bill.unrecognized and not bill.provisions, bill.unrecognized
    assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == expected


def test_articles_that_are_and_remain_repealed_are_repealed() -> None:
    code = Code("Code de la sécurité intérieure", (
        Article("L. 111-1", (Alinea("a"),)), Article("L. 111-2", (Alinea("b"),)),
        Article("L. 112-1", (Alinea("c"),))))
    result = consolidate(code, parse_bill(
        f"Article 1er\nLes articles L. 111-1 et L. 112-1 {_SSI} sont et demeurent abrogés.\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert [p.article.num for p in result.code.articles()] == ["L. 111-2"]


def test_a_place_between_the_verb_and_its_subject_is_not_read() -> None:
    bill = parse_bill(f"Article 1er\nSont abrogés, dans le livre Ier {_SSI}, les articles "
                      "L. 111-1 et L. 112-1.\n")
    assert bill.operations == () and len(bill.unrecognized) == 1


@pytest.mark.parametrize("text", [
    f"L'article L. 111-1 {_SSI} se trouve abrogé.",
    f"Les articles L. 111-1 et L. 112-1 {_SSI} demeurent abrogés.",
    f"L'article L. 111-1 {_SSI} est expressément et définitivement abrogé.",
    # an incise between the verb and its participle
    f"L'article L. 111-1 {_SSI} est, à titre transitoire, abrogé.",
    f"Au premier alinéa de l'article L. 111-1 {_SSI}, les mots : « x » sont, deux fois, "
    "remplacés par les mots : « y ».",
    "Dans le code de la sécurité intérieure, les mots : « x » sont, dans l'ensemble du code, "
    "remplacés par les mots : « y ».",
])
def test_a_repeal_not_read_is_never_a_provision(text: str) -> None:
    """A change in a form the grammar does not read is an instruction not understood (the
    consolidation incomplete), never a provision that modifies nothing: these were."""
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == () and bill.provisions == ()
    assert [u.modifying for u in bill.unrecognized] == [True]


def test_words_replaced_everywhere_with_partout_before_the_participle() -> None:
    """« Les mots : « X » et les mots : « Y » sont partout remplacés par les mots : « Z » »
    (2009 fisheries bill, on the loi n° 91-411): everywhere in the text, as « partout où
    ils figurent » — it was taken for a provision, and left out."""
    law = Code("Loi n° 91-411 du 2 mai 1991 relative à l'organisation interprofessionnelle "
               "des pêches maritimes", (
                   Article("1er", (Alinea("Les règlements de la Communauté européenne."),)),
                   Article("2", (Alinea("Le droit de la communauté économique européenne "
                                        "et de la Communauté européenne."),))))
    bill = parse_bill(
        "Article 1er\nLa loi n° 91-411 du 2 mai 1991 est ainsi modifiée :\n1° Les mots : "
        "\"de la communauté économique européenne\" et les mots : \"de la Communauté "
        "européenne\" sont partout remplacés par les mots : \"de l'Union européenne\".\n")
    assert bill.provisions == () and len(bill.operations) == 2
    result = consolidate(law, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [a.text for p in result.code.articles() for a in p.article.alineas] == [
        "Les règlements de l'Union européenne.",
        "Le droit de l'Union européenne et de l'Union européenne."]


@pytest.mark.parametrize(("noun", "old", "new"), [
    ("le seuil", "50", "100"), ("l'âge", "16 ans", "18 ans"),
    ("le plafond", "1 500 €", "2 000 €"), ("le coefficient", "1,2", "1,5"),
    ("la valeur", "0,5", "0,7"), ("l'indice", "100", "110"),
    ("la fraction", "un tiers", "la moitié"), ("la proportion", "20 %", "30 %"),
    ("le numéro", "12", "13"),
])
def test_quantities_quoted_as_words(noun: str, old: str, new: str) -> None:
    """The nouns laws use to quote a quantity they change, as « le taux : « 5 % » »: read
    as words, found and counted as words."""
    code = Code("Code de la sécurité intérieure", (Article("L. 111-1", (Alinea(
        f"Une première mesure, {old} au plus, est appliquée."),)),))
    bill = parse_bill(f"Article 1er\nAu premier alinéa de l'article L. 111-1 {_SSI}, {noun} : "
                      f"« {old} » est remplacé par {noun} : « {new} ».\n")
    assert [type(op).__name__ for op in bill.operations] == ["ReplaceWords"]
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert result.code.find_articles("L. 111-1")[0].article.alineas[0].text == \
        f"Une première mesure, {new} au plus, est appliquée."


# « Il est ajouté une troisième phrase » (décret, JORFARTI000021974209, article 8 of the
# décret it amends): the rank the new phrase takes, checked against its alinéa
_CONVENED = ("L'article R. 8 du code de la route est ainsi modifié :\n1° La deuxième phrase "
             "est remplacée par les dispositions suivantes : « Il est convoqué par le "
             "directeur général du Centre national de gestion. » ;\n2° Il est ajouté une "
             "troisième phrase ainsi rédigée : « Le directeur général du Centre national de "
             "gestion arrête l'ordre du jour. »\n")


def _route_article(*alineas: str) -> Code:
    return Code("Code de la route", (Article("R. 8", tuple(Alinea(a) for a in alineas)),))


@pytest.mark.parametrize(("alineas", "after", "error"), [
    (("Le comité se réunit deux fois par an. Il est convoqué par son président.",),
     ["Le comité se réunit deux fois par an. Il est convoqué par le directeur général du "
      "Centre national de gestion. Le directeur général du Centre national de gestion "
      "arrête l'ordre du jour."], None),
    # three phrases already: the new one would be the fourth
    (("Le comité se réunit. Il est convoqué par son président. Il siège à Paris.",), None,
     "la nouvelle phrase serait la 4e de l'alinéa, l'instruction dit la 3e"),
    # two alinéas: which one the rank counts in is not said
    (("Le comité se réunit. Il est convoqué par son président.", "Il siège à Paris."), None,
     "une 3e phrase annoncée dans une unité de 2 alinéas"),
])
def test_a_phrase_added_with_its_rank(alineas: tuple[str, ...], after: list[str] | None,
                                      error: str | None) -> None:
    bill = parse_bill(f"Article 1er\n{_CONVENED}")
    assert [type(op).__name__ for op in bill.operations] == ["Rewrite", "Complete"]
    result = consolidate(_route_article(*alineas), bill)
    messages = [d.message for d in result.diagnostics]
    if after is not None:
        assert result.complete, messages
        assert _alineas(result.code, "R. 8") == after
    else:
        assert error is not None
        assert not result.complete and any(error in m for m in messages), messages


@pytest.mark.parametrize(("before", "applied"), [("deuxième", True), ("première", False)])
def test_a_phrase_inserted_with_its_rank(before: str, applied: bool) -> None:
    """« Après la deuxième phrase …, il est inséré une troisième phrase »: the rank follows
    the phrase named; after the first, a third is refused, nothing changed."""
    code = _route_article("Le comité se réunit. Il est convoqué. Il siège à Paris.")
    bill = parse_bill(f"Article 1er\nAprès la {before} phrase de l'article R. 8 du code de la "
                      "route, il est inséré une troisième phrase ainsi rédigée : « Il "
                      "délibère. »\n")
    result = consolidate(code, bill)
    assert result.complete is applied
    assert _alineas(result.code, "R. 8") == (
        ["Le comité se réunit. Il est convoqué. Il délibère. Il siège à Paris."] if applied
        else ["Le comité se réunit. Il est convoqué. Il siège à Paris."])


@pytest.mark.parametrize(("text", "label"), [
    # an arrêté of 1998 (held-out: « La première phrase du paragraphe A de l'article 9 de
    # l'arrêté du 3 décembre 1990 susvisé est ainsi rédigée : »)
    ("La première phrase du paragraphe V de l'article L. 616-4 du code de la sécurité "
     "intérieure est ainsi rédigée : « Les visites sont effectuées en présence de "
     "l'occupant. »", "V"),
    ("Au paragraphe II de l'article L. 616-4 du code de la sécurité intérieure, les mots : "
     "« les commandants des bâtiments de l'Etat » sont remplacés par les mots : « les "
     "commandants de bâtiments de l'Etat ».", "II"),
])
def test_a_part_of_an_article_named_paragraphe(text: str, label: str,
                                               tmp_path: Path) -> None:
    """« le paragraphe II de l'article … », as older texts name the parts of an article:
    the article's II (a division « paragraphe » cannot be in an article: LD301 before)."""
    code = real_code_article("code-de-la-securite-interieure",
                             "partie-legislative/livre-vi/titre-ier/chapitre-vi/section-4/"
                             "article-l616-4.md", "L. 616-4", tmp_path)
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert [(s.kind.name, s.value) for s in bill.operations[0].target.steps
            if s.kind.name != "PHRASE"][-1] == ("ITEM", label)
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    changed = [a for a, b in zip(_alineas(result.code, "L. 616-4"),
                                 _alineas(code, "L. 616-4"), strict=True) if a != b]
    assert len(changed) == 1 and changed[0].startswith(f"{label}.-")


def test_a_division_paragraphe_stays_a_division() -> None:
    """« Le paragraphe 2 de la sous-section 1 … » names a division; only before an article
    is « paragraphe » a part of it."""
    bill = parse_bill("Article 1er\nLe paragraphe 2 de la sous-section 1 de la section 2 du "
                      "chapitre Ier du titre II du livre Ier du code de la route est abrogé.\n")
    assert [s.kind.value for s in bill.operations[0].target.steps][-1] == "paragraphe"


# A division named by its number and its heading, « La section IV intitulée : « Du
# racolage » du chapitre V du titre II du livre VI … est supprimée » (décret n° 2004-1021):
# the heading checked against the base (else not found: LD301), not taken as a second unit
_CSI_LAW = ("Loi relative à la sécurité intérieure\nArticle 1er\nLe code de la sécurité "
            "intérieure est ainsi modifié :\n")


@pytest.mark.parametrize(("sentence", "code"), [
    ("La section 2 intitulée : « Rôle du représentant de l'Etat et du procureur de la "
     "République dans le département » du chapitre II du titre III du livre Ier est "
     "abrogée.", None),
    # the heading as a text may write it: other spaces and apostrophes
    ("La section 2 intitulée « Rôle du représentant de l’Etat et du procureur de la "
     "République  dans le département » du chapitre II du titre III du livre Ier est "
     "abrogée.", None),
    # the heading of another section: not sure which one is meant
    ("La section 2 intitulée : « Rôle du maire » du chapitre II du titre III du livre Ier "
     "est abrogée.", "LD301"),
])
def test_a_division_named_by_number_and_heading(sentence: str, code: str | None) -> None:
    from legidiff.formats import read_base
    base = read_base(corpus_path("codes", "code-de-la-securite-interieure")).code
    bill = parse_bill(f"{_CSI_LAW}1° {sentence}\n")
    assert [type(op).__name__ for op in bill.operations] == ["Repeal"]
    result = consolidate(base, bill)
    if code is None:
        assert result.complete, [d.message for d in result.diagnostics]
        gone = {str(p.article.num) for p in base.articles()} - {
            str(p.article.num) for p in result.code.articles()}
        assert gone == {"L132-8", "L132-9", "L132-10", "L132-10-1"}
    else:
        assert [d.code for d in result.diagnostics] == [code]
        assert "n'a pas l'intitulé que l'instruction lui donne (« Rôle du maire »)" in \
            result.diagnostics[0].message
        assert "intitulé « Rôle du représentant" in (result.diagnostics[0].evidence or "")
        assert result.code == base


@pytest.mark.parametrize("text", [
    # a comma between a unit and what holds it: read as two units, the unit and then the
    # one after it were deleted
    "Le deuxième alinéa, de l'article L. 111-1 du code de la sécurité intérieure est "
    "supprimé.",
    "La section 2 intitulée : « Rôle du maire », du chapitre II du titre III du livre Ier "
    "du code de la sécurité intérieure est abrogée.",
    # a heading for several divisions
    "Les sections 2 et 3 intitulées : « Rôle du maire » du chapitre II du titre III du "
    "livre Ier du code de la sécurité intérieure sont abrogées.",
])
def test_a_unit_and_what_holds_it_split_by_a_comma_is_refused(text: str) -> None:
    bill = parse_bill(f"Article 1er\n{text}\n")
    assert bill.operations == () and [u.modifying for u in bill.unrecognized] == [True]


@pytest.mark.parametrize(("partie", "number"), [
    # décret n° 2004-1021 (code de procédure pénale): « de la deuxième partie (Décrets en
    # Conseil d'Etat) de ce code »
    ("deuxième partie (Décrets en Conseil d'Etat)", "2"),
    ("troisième partie (Décrets)", "3"),
    ("troisième partie (Décrets simples)", "3"),
    ("quatrième partie (Arrêtés)", "4"),
    # a name that is not that partie's: which one is meant is not sure
    ("troisième partie (Décrets en Conseil d'Etat)", None),
    ("deuxième partie (Arrêtés)", None),
])
def test_the_name_of_a_partie_after_its_number(partie: str, number: str | None) -> None:
    bill = parse_bill(f"Article 1er\nLe chapitre V du titre II du livre VI de la {partie} du "
                      "code de procédure pénale est abrogé.\n")
    if number is not None:
        assert [str(op.target) for op in bill.operations] == [
            f"code-de-procedure-penale:partie_{number}/livre_6/titre_2/chapitre_5"]
    else:
        assert bill.operations == () and [u.modifying for u in bill.unrecognized] == [True]


@pytest.mark.parametrize(("sentence", "gone"), [
    # « le chapitre III relatif aux plans locaux d'urbanisme » (a décret of 2001): the
    # words of what it is about are the title's, capitals and small words aside
    ("Le chapitre II relatif à la sécurité civile du titre Ier du livre Ier est abrogé.",
     {"L112-1", "L112-2"}),
    ("Le chapitre II relatif aux préfets du titre II du livre Ier est abrogé.",
     {"L122-1", "L122-2", "L122-3", "L122-4", "L122-5"}),
    ("La section 1 consacrée au rôle du maire du chapitre II du titre III du livre Ier est "
     "abrogée.", {f"L132-{n}" for n in range(1, 8)}),
    # the subject of another chapter: not sure which one is meant
    ("Le chapitre Ier relatif à la sécurité civile du titre Ier du livre Ier est abrogé.",
     None),
    # a word the title does not hold
    ("Le chapitre II relatif à la sécurité civile et militaire du titre Ier du livre Ier "
     "est abrogé.", None),
])
def test_a_division_named_by_number_and_subject(sentence: str, gone: set[str] | None) -> None:
    from legidiff.formats import read_base
    base = read_base(corpus_path("codes", "code-de-la-securite-interieure")).code
    bill = parse_bill(f"{_CSI_LAW}1° {sentence}\n")
    assert [type(op).__name__ for op in bill.operations] == ["Repeal"]
    result = consolidate(base, bill)
    if gone is not None:
        assert result.complete, [d.message for d in result.diagnostics]
        assert {str(p.article.num) for p in base.articles()} - {
            str(p.article.num) for p in result.code.articles()} == gone
    else:
        assert [d.code for d in result.diagnostics] == ["LD301"]
        assert "n'a pas l'objet que l'instruction lui donne" in result.diagnostics[0].message
        assert result.code == base


def test_a_chapeau_over_a_division_named_by_its_subject() -> None:
    """The held-out décret's chapeau (code de l'urbanisme): its items are read in that
    chapter; « relatif à … » stops before what holds the division."""
    bill = parse_bill("Article 1er\nDans le titre II du livre Ier du code de l'urbanisme, le "
                      "chapitre III relatif aux plans locaux d'urbanisme est ainsi modifié :\n"
                      "1° La section 2 est abrogée ;\n2° Le chapitre III relatif au contrôle "
                      "du stationnement du titre II du livre Ier est abrogé.\n")
    assert [str(op.target) for op in bill.operations] == [
        "code-de-l-urbanisme:livre_1/titre_2/chapitre_3/section_2",
        "code-de-l-urbanisme:livre_1/titre_2/chapitre_3"]
    assert [s.about for s in bill.operations[1].target.steps] == [
        None, None, "relatif au contrôle du stationnement"]


# Points of an annex numbered by their place (« Au point 2.2.2.2.5, les mots … », « Le
# point 4.2 est complété par les mots … », a décret of 2016 amending the annexe I-5 of the
# code de la santé publique), the annex stored as an article (« Annexe 5 »), as LEGI stores
# most annexes
_ANNEX = ("1. Objet", "Le présent cahier des charges fixe les règles.", "2. Organisation",
          "2.1. Le conseil", "Le conseil se réunit au plus tard le 31 mars suivant.",
          "2.2. Le bureau", "Le bureau statue.", "2.2.1. Composition",
          "Il comprend trois membres.", "3. Dotation",
          "3.1 Le montant de la dotation est fixé chaque année.", "4. Dissolution",
          "4.1. Le conseil prononce la dissolution.", "4.2. Il nomme un liquidateur")


def _annex(*alineas: str) -> Code:
    return Code("Code de la santé publique", (Article("Annexe 5", tuple(
        Alinea(a) for a in alineas)),))


@pytest.mark.parametrize(("item", "changed"), [
    ("Au point 2.1, les mots : « 31 mars suivant » sont remplacés par les mots : « 31 "
     "décembre de l'année durant laquelle se tiennent les élections »",
     {4: "Le conseil se réunit au plus tard le 31 décembre de l'année durant laquelle se "
         "tiennent les élections."}),
    ("Au point 3.1, avant les mots : « Le montant de la dotation », sont insérés les mots : "
     "« Le cas échéant, »", {10: "3.1 Le cas échéant, Le montant de la dotation est fixé "
                                 "chaque année."}),
    ("Le point 4.2 est complété par les mots : « et attribue l'actif net »",
     {13: "4.2. Il nomme un liquidateur et attribue l'actif net"}),
    # a point holds its sub-points (2.2.1 is the 2.2's), not the next point (2.3, 3.)
    ("Au point 2.2, les mots : « trois membres » sont remplacés par les mots : « cinq "
     "membres »", {8: "Il comprend cinq membres."}),
    ("Au point 2, les mots : « trois membres » sont remplacés par les mots : « cinq "
     "membres »", {8: "Il comprend cinq membres."}),
])
def test_a_point_of_an_annex(item: str, changed: dict[int, str]) -> None:
    bill = parse_bill("Article 1er\nL'annexe 5 du code de la santé publique est ainsi "
                      f"modifiée :\n1° {item}.\n")
    result = consolidate(_annex(*_ANNEX), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "Annexe 5") == [changed.get(i, a) for i, a in
                                                   enumerate(_ANNEX)]


@pytest.mark.parametrize(("item", "evidence"), [
    # not there: the points present are listed
    ("Au point 2.3, le mot : « conseil » est supprimé", "points présents : 1, 2, 2.1, 2.2, "
                                                       "2.2.1, 3, 3.1, 4, 4.1, 4.2"),
    # the words are in the 2.2, not in the 2.1 (whose span stops at the 2.2)
    ("Au point 2.1, le mot : « bureau » est supprimé", None),
    # the words are in the 3.1, not in the 2 (which stops at the 3.)
    ("Au point 2, le mot : « dotation » est supprimé", None),
])
def test_a_point_of_an_annex_not_found(item: str, evidence: str | None) -> None:
    bill = parse_bill("Article 1er\nL'annexe 5 du code de la santé publique est ainsi "
                      f"modifiée :\n1° {item}.\n")
    result = consolidate(_annex(*_ANNEX), bill)
    assert not result.complete and result.code == _annex(*_ANNEX)
    if evidence is not None:
        assert [d.evidence for d in result.diagnostics] == [evidence]


def test_a_point_number_opening_two_alineas_is_ambiguous() -> None:
    bill = parse_bill("Article 1er\nAu point 2.1 de l'annexe 5 du code de la santé publique, "
                      "le mot : « conseil » est supprimé.\n")
    result = consolidate(_annex(*_ANNEX[:4], "2.1. Le conseil bis"), bill)
    assert [d.message.split(" (")[0] for d in result.diagnostics] == [
        "article 1er : pas de point 2.1 unique dans l'annexe 5 du code de la santé publique"]


def test_an_annex_named_by_number_is_the_article_legi_stores() -> None:
    """« L'annexe II » where the code stores an article « Annexe II » and no division of
    that number: that article; two such articles (« Annexe 2 », « Annexe II »): refused."""
    bill = parse_bill("Article 1er\nL'annexe II du code de la santé publique est abrogée.\n")
    one = Code("Code de la santé publique", (Article("Annexe II", (Alinea("Texte."),)),
                                              Article("L. 1", (Alinea("Texte."),))))
    result = consolidate(one, bill)
    assert result.complete and [p.article.num for p in result.code.articles()] == ["L. 1"]
    two = Code("Code de la santé publique", (Article("Annexe II", (Alinea("Texte."),)),
                                              Article("Annexe 2", (Alinea("Texte."),))))
    assert not consolidate(two, bill).complete


def test_an_annex_numbered_by_a_roman_numeral_and_a_number() -> None:
    """« L'annexe I-5 du même code (partie réglementaire) est ainsi modifiée : » (the
    décret of 2016): the article « Annexe I-5 »."""
    code = Code("Code de la santé publique", (Article("Annexe I-5", tuple(
        Alinea(a) for a in _ANNEX)), Article("Annexe I-4", (Alinea("Autre annexe."),))))
    bill = parse_bill("Article 1er\nL'annexe I-5 du code de la santé publique est ainsi "
                      "modifiée :\n1° Au point 4.2, le mot : « liquidateur » est remplacé par "
                      "le mot : « mandataire ».\n")
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "Annexe I-5")[-1] == "4.2. Il nomme un mandataire"


@pytest.mark.parametrize(("sentence", "after"), [
    # before the unit, its label too: « A. – 1° … » (it gave « 1° A. – … »)
    ("Le 1° de l'article L. 1 du code de la route est précédé de la mention : « A. – ».",
     ["Le conducteur doit :", "A. – 1° Détenir un permis ;", "2° Être assuré."]),
    ("Faire précéder le 1° de l'article L. 1 du code de la route de la mention : « A. – ».",
     ["Le conducteur doit :", "A. – 1° Détenir un permis ;", "2° Être assuré."]),
    ("Le premier alinéa de l'article L. 1 du code de la route est précédé de la mention : "
     "« I. – ».", ["I. – Le conducteur doit :", "1° Détenir un permis ;", "2° Être assuré."]),
    # « au début du 1° »: the words of the 1°, after its label
    ("Au début du 1° de l'article L. 1 du code de la route, sont insérés les mots : « Sauf "
     "dérogation, ».",
     ["Le conducteur doit :", "1° Sauf dérogation, Détenir un permis ;", "2° Être assuré."]),
])
def test_a_mention_before_a_unit_goes_before_its_label(sentence: str, after: list[str]
                                                        ) -> None:
    code = Code("Code de la route", (Article("L. 1", (
        Alinea("Le conducteur doit :"), Alinea("1° Détenir un permis ;"),
        Alinea("2° Être assuré."))),))
    result = consolidate(code, parse_bill(f"Article 1er\n{sentence}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "L. 1") == after


# Labels given to alinéas that had none: « Les premier et deuxième alinéas constituent un
# I, le troisième alinéa un II, le quatrième alinéa un III et le cinquième alinéa un IV. »
# (a 2003 décret on the code de la route), « Le vingtième alinéa est numéroté : « 18° » »
# (a 2013 décret)
_FIVE = ("Le permis est délivré.", "Il est valable dix ans.", "Il peut être suspendu.",
         "Il peut être annulé.", "Un décret fixe les modalités.")


@pytest.mark.parametrize(("item", "after"), [
    ("Les premier et deuxième alinéas constituent un I, le troisième alinéa un II, le "
     "quatrième alinéa un III et le cinquième alinéa un IV.",
     ["I. – Le permis est délivré.", "Il est valable dix ans.", "II. – Il peut être suspendu.",
      "III. – Il peut être annulé.", "IV. – Un décret fixe les modalités."]),
    ("Le premier alinéa constitue un I.", ["I. – Le permis est délivré.", *_FIVE[1:]]),
    ("Les deux premiers alinéas forment un A.", ["A. – Le permis est délivré.", *_FIVE[1:]]),
    ("Le troisième alinéa est numéroté : « 1° » ;",
     [*_FIVE[:2], "1° Il peut être suspendu.", *_FIVE[3:]]),
    ("Les troisième et quatrième alinéas constituent un a.",
     [*_FIVE[:2], "a) Il peut être suspendu.", *_FIVE[3:]]),
])
def test_alineas_given_a_label(item: str, after: list[str]) -> None:
    code = Code("Code de la route", (Article("R. 221-1", tuple(Alinea(a) for a in _FIVE)),))
    bill = parse_bill("Article 1er\nL'article R. 221-1 du code de la route est ainsi modifié :"
                      f"\n1° {item}\n")
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert _alineas(result.code, "R. 221-1") == after


@pytest.mark.parametrize(("alineas", "item", "said"), [
    # the label is there already: « I. – II. – … » never written
    (("I. – Le permis est délivré.", "II. – Il est valable."),
     "Le deuxième alinéa constitue un II.", "l'alinéa est déjà numéroté (« II »)"),
    # the group must be there whole
    (_FIVE, "Les cinquième et sixième alinéas constituent un II.", "pas d'alinéa n° 6"),
])
def test_a_label_that_cannot_be_given_is_refused(alineas: tuple[str, ...], item: str,
                                                 said: str) -> None:
    code = Code("Code de la route", (Article("R. 221-1", tuple(Alinea(a) for a in alineas)),))
    bill = parse_bill("Article 1er\nL'article R. 221-1 du code de la route est ainsi modifié :"
                      f"\n1° {item}\n")
    result = consolidate(code, bill)
    assert not result.complete and result.code == code
    assert any(said in d.message for d in result.diagnostics), \
        [d.message for d in result.diagnostics]


@pytest.mark.parametrize("item", [
    "Les premier et troisième alinéas constituent un I.",  # not one after the other
    "Les premier et deuxième alinéas constituent un I et un II.",
    "Le 1° constitue un I.",  # not alinéas
])
def test_labels_not_read_are_refused(item: str) -> None:
    bill = parse_bill("Article 1er\nL'article R. 221-1 du code de la route est ainsi modifié :"
                      f"\n1° {item}\n")
    assert bill.operations == () and [u.modifying for u in bill.unrecognized] == [True]


def test_alineas_forming_a_part_are_never_a_provision() -> None:
    """« Les deux premiers alinéas … forment un I » was taken for a provision (« forment »
    was no verb of modification): the change left out without a word."""
    assert is_instruction(prepare("Les deux premiers alinéas de l'article 5 forment une "
                                  "section 1"))
    assert not is_instruction(prepare("Les membres forment un collège"))


def test_a_label_has_its_documented_json() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    bill = parse_bill("Article 1er\nLe premier alinéa de l'article R. 221-1 du code de la route "
                      "constitue un I.\nLe 1° de l'article R. 221-2 du code de la route est "
                      "précédé de la mention : « A. – ».\n")
    data: Any = json.loads(json.dumps(bill.to_json()))
    assert [(o["position"], o["new"], o.get("label")) for o in data["operations"]] == [
        ("before", ["I. –"], True), ("before", ["A. –"], None)]
    schema = json.loads((Path(legidiff.__file__).parent / "schemas" / "bill-v1.schema.json"
                         ).read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def _code_with_a_paragraphe() -> Code:
    """A code with a division « Paragraphe 2 » and, elsewhere, an article of parts I, II."""
    return Code("Code de la route", (Division(
        DivisionKind.CHAPITRE, "Ier", "Dispositions", "Chapitre Ier : Dispositions", (
            Division(DivisionKind.SECTION, "1", "Permis", "Section 1 : Permis", (
                Division(DivisionKind.PARAGRAPHE, "2", "Délivrance",
                         "Paragraphe 2 : Délivrance",
                         (Article("R. 5", (Alinea("Le permis est délivré."),)),)),)),
            Article("R. 9", (Alinea("I. – Le conducteur est assuré."),
                             Alinea("II. – Le véhicule est immatriculé."))))),))


@pytest.mark.parametrize(("item", "after"), [
    # the article's II: it was the code's division « Paragraphe 2 », repealed, article
    # R. 5 with it, and the consolidation said complete
    ("Le paragraphe II est abrogé.", {"R. 5": ["Le permis est délivré."],
                                      "R. 9": ["I. – Le conducteur est assuré."]}),
    ("Au paragraphe II, le mot : « immatriculé » est remplacé par le mot : « assuré ».",
     {"R. 5": ["Le permis est délivré."],
      "R. 9": ["I. – Le conducteur est assuré.", "II. – Le véhicule est assuré."]}),
])
def test_a_paragraphe_under_an_article_is_the_articles_part(item: str,
                                                           after: dict[str, list[str]]) -> None:
    bill = parse_bill("Article 1er\nL'article R. 9 du code de la route est ainsi modifié :\n"
                      f"1° {item}\n")
    result = consolidate(_code_with_a_paragraphe(), bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert {str(p.article.num): [a.text for a in p.article.alineas]
            for p in result.code.articles()} == after


def test_a_division_under_an_article_is_refused() -> None:
    """« L'article R. 9 … est ainsi modifié : 1° La section 1 est abrogée »: no division is
    in an article (the code's section 1 was repealed, the article set aside without a
    word); with the code named, it is the code's."""
    bill = parse_bill("Article 1er\nL'article R. 9 du code de la route est ainsi modifié :\n"
                      "1° La section 1 est abrogée ;\n2° Le paragraphe 2 de la section 1 du "
                      "chapitre Ier est abrogé ;\n3° Le paragraphe 2 de la section 1 du "
                      "chapitre Ier du code de la route est abrogé.\n")
    assert [u.reason for u in bill.unrecognized] == [
        "« section » nommé(e) dans un article : tournure non reconnue",
        "« chapitre » nommé(e) dans un article : tournure non reconnue"]
    assert [str(op.target) for op in bill.operations] == [
        "code-de-la-route:chapitre_1/section_1/paragraphe_2"]


@pytest.mark.parametrize("item", [
    # it rewrote the code's own title
    "L'intitulé est ainsi rédigé : « Nouveau code »",
    "Dans l'intitulé, le mot : « route » est remplacé par le mot : « rue »",
    "La division intitulée : « Chapitre Ier : Dispositions » est abrogée",
])
def test_a_heading_under_an_article_is_refused(item: str) -> None:
    """Under « L'article R. 9 … est ainsi modifié : », « l'intitulé » is no heading of the
    article (a code's articles have none): refused, never the code's own title."""
    code = _code_with_a_paragraphe()
    bill = parse_bill("Article 1er\nL'article R. 9 du code de la route est ainsi modifié :\n"
                      f"1° {item}.\n")
    assert bill.operations == () and [u.modifying for u in bill.unrecognized] == [True]
    result = consolidate(code, bill)
    assert not result.complete and result.code == code


@pytest.mark.parametrize("item", [
    # the chapter was repealed whole, the consolidation said complete
    "Le 3° est abrogé",
    "Le deuxième alinéa est supprimé",
    # the article went after the chapter, complete
    "Après le 3°, il est inséré un article R. 9-1 ainsi rédigé : « Art. R. 9-1. – Texte. »",
    "Le 3° est ainsi rédigé : « 3° Texte. »",
    "Au 3°, le mot : « immatriculé » est remplacé par le mot : « assuré »",
])
def test_a_unit_of_an_article_with_no_article_named_is_not_found(item: str) -> None:
    """« Le chapitre Ier … est ainsi modifié : 1° Le 3° est abrogé »: a unit only an article
    holds, and no article named — never the division taken for it."""
    code = _code_with_a_paragraphe()
    bill = parse_bill("Article 1er\nLe chapitre Ier du code de la route est ainsi modifié :\n"
                      f"1° {item}.\n")
    result = consolidate(code, bill)
    assert not result.complete and result.code == code
    assert all("ne nomme pas l'article qui le contient" in d.message
               for d in result.diagnostics), [d.message for d in result.diagnostics]


def test_a_division_of_no_kind_named_as_an_item() -> None:
    """The code général des impôts numbers divisions of no kind as items (« II : Taxes
    facultatives », « A : … »): « Le II de la section 7 du chapitre Ier … est complété par
    un article 1531 » (loi n° 2010-788, a replay record) puts the article in that II —
    not at the end of the section (which is where it went), nor nowhere."""
    section = Division(DivisionKind.SECTION, "VII", "Autres taxes communales",
                       "Section VII : Autres taxes communales", (
                           Division(DivisionKind.AUTRE, "I", "Taxes obligatoires",
                                    "I : Taxes obligatoires",
                                    (Article("1519", (Alinea("Un."),)),)),
                           Division(DivisionKind.AUTRE, "II", "Taxes facultatives",
                                    "II : Taxes facultatives", (
                                        Division(DivisionKind.AUTRE, "A", "Taxe de balayage",
                                                 "A : Taxe de balayage",
                                                 (Article("1528", (Alinea("Deux."),)),)),
                                        Article("1530", (Alinea("Trois."),)))),
                           Division(DivisionKind.AUTRE, "III", "Dispositions communes",
                                    "III : Dispositions communes",
                                    (Article("1530 ter", (Alinea("Quatre."),)),))))
    code = Code("Code général des impôts", (Division(
        DivisionKind.CHAPITRE, "Ier", "Impôts directs", "Chapitre Ier : Impôts directs",
        (section,)),))
    bill = parse_bill("Article 1er\nLe II de la section 7 du chapitre Ier du code général des "
                      "impôts est complété par un article 1531 ainsi rédigé :\n« Art. 1531. – "
                      "Cinq. »\nAu A du II de la section 7 du chapitre Ier du même code, "
                      "l'article 1528 est abrogé.\n")
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert {str(p.article.num): [d.number for d in p.divisions]
            for p in result.code.articles()} == {
        "1519": ["Ier", "VII", "I"], "1530": ["Ier", "VII", "II"],
        "1531": ["Ier", "VII", "II"], "1530 ter": ["Ier", "VII", "III"]}
    assert [str(p.article.num) for p in result.code.articles()] == [
        "1519", "1530", "1531", "1530 ter"]


@pytest.mark.parametrize(("item", "said"), [
    # a second 3° was written beside the 3°
    ("Le 2° du I est ainsi rédigé : « 3° Autre ; »", "le texte cité est celui du 3°, pas du 2°"),
    # an article with a I and a III
    ("Le II est ainsi rédigé : « III. – Texte. »", "le texte cité est celui du III, pas du II"),
])
def test_a_unit_rewritten_with_another_label_is_refused(item: str, said: str) -> None:
    code = Code("Code de la route", (Article("R. 9", (
        Alinea("I. – Le conducteur doit :"), Alinea("1° Détenir un permis ;"),
        Alinea("2° Être assuré ;"), Alinea("3° Être en règle."),
        Alinea("II. – Le véhicule est immatriculé."))),))
    bill = parse_bill("Article 1er\nL'article R. 9 du code de la route est ainsi modifié :\n"
                      f"1° {item}\n")
    result = consolidate(code, bill)
    assert not result.complete and result.code == code
    assert [d.message.split(" (")[0] for d in result.diagnostics] == [f"article 1er, 1° : {said}"]


@pytest.mark.parametrize(("sentence", "old", "new"), [
    # décrets and arrêtés leave the noun out after « par » (two held-out arrêtés)
    ("Au premier alinéa de l'article L. 5 du code civil, les mots : « six titularisations » "
     "sont remplacés par : « cinq nominations ».", "six titularisations", "cinq nominations"),
    ("À l'article L. 5 du code civil, les termes : « dix ans » sont remplacés par : « neuf ans ».",
     "dix ans", "neuf ans"),
])
def test_new_words_without_their_noun(sentence: str, old: str, new: str) -> None:
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    (op,) = bill.operations
    assert isinstance(op, ReplaceWords) and op.old.texts == (old,) and op.new == (new,)
    base = Code("code-civil", (Article("L. 5", (Alinea(f"Après {old} de service."),)),))
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    article = result.code.children[0]
    assert isinstance(article, Article) and article.alineas[0].text == f"Après {new} de service."


@pytest.mark.parametrize(("sentence", "targets"), [
    # the article said again before each ordinal (a held-out décret of the code de
    # l'urbanisme: « Dans le premier et le deuxième alinéa de l'article R. 111-26 »)
    ("Dans le premier et le deuxième alinéa de l'article R. 111-26 du code de l'urbanisme, les "
     "mots : « ou l'arrêté du préfet » sont supprimés.",
     ["code-de-l-urbanisme:art_R111-26/al_2", "code-de-l-urbanisme:art_R111-26/al_1"]),
    ("Le premier et le dernier alinéas de l'article R. 111-26 du code de l'urbanisme sont "
     "supprimés.",
     ["code-de-l-urbanisme:art_R111-26/al_1", "code-de-l-urbanisme:art_R111-26/al_-1"]),
    ("La première et la dernière phrases du premier alinéa de l'article R. 111-26 du code de "
     "l'urbanisme sont supprimées.",
     ["code-de-l-urbanisme:art_R111-26/al_1/ph_1", "code-de-l-urbanisme:art_R111-26/al_1/ph_-1"]),
    # « un alinéa supplémentaire » (a held-out décret, article R. 421-13): an alinéa
    ("Après le troisième alinéa de l'article R. 421-13 du code de l'urbanisme, il est inséré un "
     "alinéa supplémentaire ainsi rédigé :\n« Texte nouveau. »",
     ["code-de-l-urbanisme:art_R421-13/al_3"]),
])
def test_ordinals_with_their_article_and_a_supplementary_alinea(sentence: str,
                                                                 targets: list[str]) -> None:
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == targets
    if "supplémentaire" in sentence:
        (op,) = bill.operations
        assert isinstance(op, InsertUnits) and op.new.kind.value == "alinéa"
        assert op.new.alineas == ("Texte nouveau.",)


@pytest.mark.parametrize(("item", "first", "last"), [
    # the LOPPSI, as tabled (2009) and as adopted by the committee (2010)
    ("Le premier et le dernier alinéas sont respectivement précédés des mentions : « I. - » "
     "et « III. - » ;", "I. - Un.", "III. - Trois."),
    ("Le premier et le dernier alinéas sont respectivement précédés d'un I et d'un III ;",
     "I. – Un.", "III. – Trois."),
])
def test_units_preceded_respectively_by_their_mentions(item: str, first: str, last: str) -> None:
    bill = parse_bill("Article 1er\nL'article L. 5 du code civil est ainsi modifié :\n1° " + item
                      + "\n")
    assert [str(op.target) for op in bill.operations] == ["code-civil:art_L5/al_1",
                                                          "code-civil:art_L5/al_-1"]
    base = Code("code-civil", (Article("L. 5", (Alinea("Un."), Alinea("Deux."),
                                                Alinea("Trois."))),))
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    article = result.code.children[0]
    assert isinstance(article, Article)
    assert [a.text for a in article.alineas] == [first, "Deux.", last]


def test_units_preceded_respectively_need_as_many_mentions() -> None:
    bill = parse_bill("Article 1er\nL'article L. 5 du code civil est ainsi modifié :\n1° Le "
                      "premier et le dernier alinéas sont respectivement précédés des mentions : "
                      "« I. - », « II. - » et « III. - » ;\n")
    assert bill.operations == ()
    assert "3 mentions" in bill.unrecognized[0].reason


@pytest.mark.parametrize(("sentence", "kinds", "target"), [
    # a décret of the code de l'éducation (held out)
    ("A l'article R. 224-1 du code de l'éducation qui devient l'article R. 534-5, la "
     "référence : « L. 224-6 » est remplacée par la référence : « L. 534-10 » et il est "
     "ajouté un dernier alinéa ainsi rédigé :\n« Texte. »",
     ["replace_words", "complete", "renumber"], "code-de-l-education:art_R224-1"),
    # a 2015 décret of the code de la sécurité sociale (held out)
    ("Au premier alinéa de l'article D. 136-1 du code de la sécurité sociale qui devient "
     "l'article D. 131-7 du même code, les mots : « a du 4° » sont remplacés par les mots : "
     "« b du 3° ».", ["replace_words", "renumber"], "code-de-la-securite-sociale:art_D136-1"),
    ("L'article R. 224-1 du code de l'éducation, qui devient l'article R. 534-5, est complété "
     "par un alinéa ainsi rédigé :\n« Texte. »", ["complete", "renumber"],
     "code-de-l-education:art_R224-1"),
])
def test_a_unit_renumbered_as_it_is_named(sentence: str, kinds: list[str], target: str) -> None:
    """« qui devient l'article … »: the change, then the new number (a renumbering's
    checks: the number free, in order — an article that moves to another chapter is
    refused there, loudly)."""
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    assert bill.unrecognized == ()
    assert [op.kind for op in bill.operations] == kinds
    renumber = bill.operations[-1]
    assert str(renumber.target) == target and isinstance(renumber, Renumber)
    assert renumber.new_label in ("R534-5", "D131-7")


def test_a_unit_renumbered_as_it_is_named_is_applied() -> None:
    bill = parse_bill("Article 1er\nÀ l'article L. 5 du code civil qui devient l'article "
                      "L. 5-1, le mot : « un » est remplacé par le mot : « deux ».\n")
    base = Code("code-civil", (_art("L. 4"), Article("L. 5", (Alinea("Texte un."),)),
                               _art("L. 6")))
    result = consolidate(base, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    assert [(a.num, a.alineas[0].text) for a in result.code.children
            if isinstance(a, Article)][:3] == [
        ("L. 4", "Texte de l'article L. 4."), ("L. 5-1", "Texte deux."),
        ("L. 6", "Texte de l'article L. 6.")]


@pytest.mark.parametrize("sentence", [
    # the rank of an alinéa is no name: what insertions before it did, or this one, is not sure
    "Le neuvième alinéa de l'article R. 1 du code de l'éducation, qui devient le dixième "
    "alinéa, est supprimé.",
    # the text under its new number, or the old one rewritten first: not said
    "L'article R. 224-1 du code de l'éducation, qui devient l'article R. 534-5, est ainsi "
    "rédigé :\n« Art. R. 534-5. – Texte. »",
    # a unit renumbered and repealed
    "L'article R. 224-1 du code de l'éducation, qui devient l'article R. 534-5, est abrogé.",
])
def test_a_renaming_that_is_not_sure_is_refused(sentence: str) -> None:
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    assert bill.operations == () and len(bill.unrecognized) == 1
    assert "qui devient" in bill.unrecognized[0].reason


def _education(*chapters: Division) -> Code:
    return Code("code-de-l-education", chapters)


CHAPTERS_IV_V = (_div(DivisionKind.CHAPITRE, "IV", "Un", _art("R. 224-1"), _art("R. 224-2")),
                 _div(DivisionKind.CHAPITRE, "V", "Deux", _art("R. 534-4"), _art("R. 534-6")))


@pytest.mark.parametrize(("new", "complete"), [
    # among the R. 224-… of its chapter an R. 534-5 is out of order: refused (it was left
    # there, in the chapter IV, and the consolidation called complete)
    ("R. 534-5", False),
    # in order there: renumbered where it stands
    ("R. 224-1-1", True),
])
def test_a_renumbered_article_keeps_the_order_of_its_neighbours(new: str,
                                                                complete: bool) -> None:
    base = _education(*CHAPTERS_IV_V)
    result = consolidate(base, parse_bill(f"Article 1er\nL'article R. 224-1 du code de "
                                          f"l'éducation devient l'article {new}.\n"))
    assert result.complete is complete, [d.message for d in result.diagnostics]
    headings = [h.strip() for h in _headings(result.code)]
    if complete:
        assert headings[:3] == ["Chapitre IV : Un", new, "R. 224-2"]
    else:
        assert [d.code for d in result.diagnostics] == ["LD306"]
        assert headings == [h.strip() for h in _headings(base)]


@pytest.mark.parametrize(("text", "target", "alineas"), [
    # « son article »: the article of the text the chapeau names (held-out décrets)
    ("L'arrêté du 2 février 2021 est ainsi modifié :\n1° Le deuxième alinéa de son article 77 "
     "est remplacé par les dispositions suivantes :\n« Texte. »",
     "arrêté-2021-02-02:art_77/al_2", ("Texte.",)),
    # « remplacé par : » and the text below (an arrêté of 2021)
    ("Le premier alinéa de l'article 2 de l'arrêté du 2 février 2021 susvisé est remplacé "
     "par :\n« Texte nouveau. »", "arrêté-2021-02-02:art_2/al_1", ("Texte nouveau.",)),
    # « remplacée par la phrase : » (an arrêté of 1985)
    ("La première phrase de l'article 5 de l'arrêté du 22 mai 1985 susvisé est remplacée par "
     "la phrase :\n« Phrase nouvelle. »", "arrêté-1985-05-22:art_5/ph_1", ("Phrase nouvelle.",)),
])
def test_regulatory_rewrites(text: str, target: str, alineas: tuple[str, ...]) -> None:
    bill = parse_bill("Article 1er\n" + text + "\n")
    (op,) = bill.operations
    assert isinstance(op, Rewrite) and str(op.target) == target and op.new.alineas == alineas


def test_replaced_by_nothing_is_refused() -> None:
    bill = parse_bill("Article 1er\nLe premier alinéa de l'article 2 de l'arrêté du 2 février "
                      "2021 susvisé est remplacé par.\n")
    assert bill.operations == () and bill.unrecognized[0].reason.startswith(
        "le texte à écrire manque")


@pytest.mark.parametrize(("sentence", "alineas", "done"), [
    # a held-out décret of the code de l'urbanisme (article R. 421-13)
    ("Il est inséré, entre le troisième et le quatrième alinéa de l'article L. 5 du code civil, "
     "un alinéa supplémentaire ainsi rédigé :\n« Nouveau. »", 4, True),
    ("Entre les deuxième et troisième alinéas de l'article L. 5 du code civil, il est inséré un "
     "alinéa ainsi rédigé :\n« Nouveau. »", 4, True),
    # the article has no fourth alinéa: the text meant another state of it
    ("Il est inséré, entre le troisième et le quatrième alinéa de l'article L. 5 du code civil, "
     "un alinéa ainsi rédigé :\n« Nouveau. »", 3, False),
])
def test_an_alinea_inserted_between_two_alineas(sentence: str, alineas: int,
                                                done: bool) -> None:
    bill = parse_bill("Article 1er\n" + sentence + "\n")
    (op,) = bill.operations
    assert isinstance(op, InsertUnits) and op.position is Position.BETWEEN
    texts = ["Un.", "Deux.", "Trois.", "Quatre."][:alineas]
    base = Code("code-civil", (Article("L. 5", tuple(Alinea(t) for t in texts)),))
    result = consolidate(base, bill)
    assert result.complete is done, [d.message for d in result.diagnostics]
    article = result.code.children[0]
    assert isinstance(article, Article)
    if done:
        first = int(op.target.steps[-1].value)
        assert [a.text for a in article.alineas] == [*texts[:first], "Nouveau.", *texts[first:]]
    else:
        assert [a.text for a in article.alineas] == texts


def test_between_two_alineas_that_do_not_follow_each_other_is_refused() -> None:
    bill = parse_bill("Article 1er\nEntre les deuxième et quatrième alinéas de l'article L. 5 du "
                      "code civil, il est inséré un alinéa ainsi rédigé :\n« Nouveau. »\n")
    assert bill.operations == () and "se suivent" in bill.unrecognized[0].reason
