"""Forms of décrets, arrêtés and ordonnances found outside the corpus (benchmarks/heldout.py
on real articles of the Journal officiel): each real sentence in
``fixtures/forms/jorf-forms.json`` with its source, read as it must be or refused as it
must be; and the text a décret modifies through its next articles, announced once (« Le
code de la route est modifié conformément aux articles 2, 3 et 4. »)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legidiff.apply.consolidate import consolidate
from legidiff.bill.operations import ReplaceWords
from legidiff.bill.parse import parse_bill
from legidiff.bill.sentence import prepare
from legidiff.bill.text import read_bill
from legidiff.document.model import Alinea, Article, Code

_CASES = json.loads((Path(__file__).parent / "fixtures" / "forms" / "jorf-forms.json")
                    .read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", _CASES, ids=lambda c: c["form"])
def test_forms_of_the_journal_officiel(case: dict[str, Any]) -> None:
    text = case["text"] if case["text"].startswith("Art.") else f"Article 1er\n{case['text']}"
    bill = parse_bill(f"{text}\n", code=case.get("code"))
    if case.get("refused"):
        # an instruction not understood: an error, never operations nor a provision
        assert bill.operations == () and bill.provisions == ()
        assert [u.modifying for u in bill.unrecognized] == [True]
    elif case.get("provision"):
        assert bill.operations == () and bill.unrecognized == ()
        assert len(bill.provisions) == 1
    else:
        assert bill.unrecognized == ()
        assert [f"{type(op).__name__} {op.target}" for op in bill.operations] == \
            case["operations"]


def test_a_later_clause_names_no_sibling_of_another_kind() -> None:
    """The clause before names the units of the subject's kind that are its siblings; a
    unit of another kind, or units of several articles, are not guessed at."""
    other_kind = parse_bill("Article 1er\nL'article R. 5121-112 du code de la santé publique "
                            "est abrogé et les 4° et 5° deviennent respectivement les 3° et "
                            "4°.\n")
    assert [str(op.target) for op in other_kind.operations][1:] == ["lab_4°", "lab_5°"]
    two_articles = parse_bill("Article 1er\nLe 3° de l'article R. 1 et le 3° de l'article "
                              "R. 2 du code de la santé publique sont abrogés et le 4° devient "
                              "le 3°.\n")
    assert [str(op.target) for op in two_articles.operations][2:] == ["lab_4°"]
    other_level = parse_bill("Article 1er\nLe a du 3° de l'article R. 1 du code de la route est "
                             "supprimé et le 4° devient le 3°.\n")
    assert [str(op.target) for op in other_level.operations][1:] == ["lab_4°"]
    same_level = parse_bill("Article 1er\nLe 3° du I de l'article R. 1 du code de la route est "
                            "abrogé et le 4° devient le 3°.\n")
    assert [str(op.target) for op in same_level.operations][1:] == [
        "code-de-la-route:art_R1/lab_I/lab_4°"]


# Décret n° 2016-39 du 22 janvier 2016 (lexbase.fr, source 28685194), articles 1 to 4
DECRET_2016_39 = (
    "Décret n° 2016-39 du 22 janvier 2016 pris en application de l'article L. 224-14 du code "
    "de la route\n"
    "Article 1\nLe code de la route est modifié conformément aux articles 2, 3 et 4.\n"
    "Article 2\nL'article R. 224-21 est remplacé par les dispositions suivantes :\n"
    "« Art. R. 224-21.-Tout conducteur dont le permis de conduire a été annulé, invalidé ou "
    "suspendu pour une durée égale ou supérieure à six mois doit, pour être admis à se "
    "présenter aux épreuves exigées pour la délivrance d'un nouveau permis ou solliciter la "
    "restitution de son permis suspendu, produire à l'appui de sa demande un avis médical "
    "délivré par un médecin agréé consultant hors commission médicale ou par la commission "
    "médicale attestant qu'il n'est atteint d'aucune affection médicale incompatible avec la "
    "délivrance du permis de conduire ou sa restitution.\n"
    "« L'avis médical ne peut être émis qu'après que l'intéressé a satisfait à un examen "
    "psychotechnique. »\n"
    "Article 3\nL'article R. 224-22 est ainsi modifié :\n"
    "1° Au premier alinéa, les mots : « le certificat » sont remplacés par les mots : "
    "« l'avis » ;\n"
    "2° Au troisième alinéa, les mots : « , qui se déroule dans un centre agréé par le préfet, » "
    "sont supprimés.\n"
    "Article 4\nL'article R. 226-2 est ainsi modifié :\n"
    "1° Au quatrième alinéa, les mots : « prononcée en application du présent code » sont "
    "remplacés par les mots : « d'une durée de six mois ou plus » ;\n"
    "2° Au dernier alinéa, après le mot : « médical » sont insérés les mots : « et des tests "
    "psychotechniques ».\n")


def test_the_text_announced_once_is_the_chapeau_of_the_articles_it_names() -> None:
    """Décret n° 2016-39: article 1 names the code, articles 2 to 4 its articles alone. Each
    of them is read in the code de la route; the announcement is reported (LD217), neither
    an error nor an operation."""
    bill = parse_bill(DECRET_2016_39)
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == [
        "code-de-la-route:art_R224-21", "code-de-la-route:art_R224-22/al_1",
        "code-de-la-route:art_R224-22/al_3", "code-de-la-route:art_R226-2/al_4",
        "code-de-la-route:art_R226-2/al_-1"]
    assert [d.code for d in bill.diagnostics if d.code == "LD217"] == ["LD217"]
    # an article the announcement does not name keeps its own reading
    extra = parse_bill(DECRET_2016_39 + "Article 5\nL'article R. 226-3 est abrogé.\n")
    assert str(extra.operations[-1].target) == "art_R226-3"


@pytest.mark.parametrize(("announcement", "articles", "target"), [
    # décret n° 2017-1492, article 9 (juriblio.fr): a division of a code; the articles
    # after it here are made up, to read the chapeau it gives them
    ("Le titre II du livre VII (partie réglementaire) du code rural et de la pêche maritime "
     "est modifié conformément aux articles 10 à 11.", ("10", "11"),
     "code-rural-et-de-la-peche-maritime:partie_reglementaire/livre_7/titre_2/art_D721-1"),
    # décret n° 2012-66, article 8 (juriblio.fr): a décret, by its date
    ("Le décret du 19 décembre 1991 susvisé est modifié conformément aux dispositions des "
     "articles 9 à 10.", ("9", "10"), "décret-1991-12-19:art_D721-1"),
    # ordonnance n° 2016-131, article 1er (the articles after it made up, as above): « de la
    # présente ordonnance » after the numbers
    ("Le code civil est modifié conformément aux articles 2 à 3 de la présente ordonnance.",
     ("2", "3"), "code-civil:art_D721-1"),
])
def test_an_announced_text_or_division(announcement: str, articles: tuple[str, str],
                                       target: str) -> None:
    first = int(articles[0]) - 1
    bill = parse_bill(f"Article {first}\n{announcement}\nArticle {articles[0]}\nL'article "
                      f"D. 721-1 est abrogé.\nArticle {articles[1]}\nL'article D. 721-2 est "
                      "abrogé.\n")
    assert bill.unrecognized == ()
    second = target.removesuffix("D721-1") + "D721-2"
    assert [str(op.target) for op in bill.operations] == [target, second]


def test_an_announcement_reads_the_articles_an_extract_holds() -> None:
    """An extract (décret n° 2012-66, article 8 and one article after it): the articles it
    holds are read under the announcement; those it does not are said in a warning."""
    bill = parse_bill("Article 8\nLe décret du 19 décembre 1991 susvisé est modifié "
                      "conformément aux dispositions des articles 9 à 22.\nArticle 9\n"
                      "L'article 3 est abrogé.\n")
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == ["décret-1991-12-19:art_3"]
    (warning,) = [d for d in bill.diagnostics if d.code == "LD217"]
    assert warning.severity.value == "warning" and "13 articles annoncés" in warning.message


@pytest.mark.parametrize("bill_text", [
    # an article before the announcement, or the announcement's own
    "Article 2\nLe code de la route est modifié conformément aux articles 1 et 2.\n"
    "Article 1\nL'article R. 1 est abrogé.\n",
    # several units: which one each article modifies is not said (the chapeau was the
    # first alone, « Le II est abrogé » read in article R. 1 only)
    "Article 1\nLes articles R. 1 et R. 2 du code de la route sont modifiés conformément "
    "aux articles 2 et 3.\nArticle 2\nLe II est abrogé.\nArticle 3\nLe III est abrogé.\n",
])
def test_an_announcement_that_is_not_sure_is_not_read(bill_text: str) -> None:
    bill = parse_bill(bill_text)
    assert not any(d.code == "LD217" for d in bill.diagnostics)
    assert bill.unrecognized and bill.unrecognized[0].modifying


@pytest.mark.parametrize("announcement", [
    # three held-out décrets, each read as an extract of its first article
    "Le code de la sécurité sociale est modifié conformément aux articles 2 à 25 du présent "
    "décret.",
    "Le code de procédure pénale (troisième partie : décret) est modifié conformément aux "
    "articles 2 à 10 du présent décret.",
    "Le décret du 19 décembre 1991 susvisé est modifié conformément aux dispositions des "
    "articles 9 à 22.",
])
def test_an_announcement_whose_articles_are_all_outside_an_extract(announcement: str) -> None:
    """None of the articles announced is in the text read: the announcement changes
    nothing itself and is the chapeau of nothing — read, with a warning (never an error
    for a sentence that is understood, never an operation)."""
    bill = parse_bill(f"Article 1er\n{announcement}\n")
    assert bill.operations == () and bill.unrecognized == () and bill.provisions == ()
    (warning,) = bill.diagnostics
    assert warning.code == "LD217" and warning.severity.value == "warning"
    assert "rien à lire sous cette annonce" in warning.message


def test_an_article_announced_twice_is_not_guessed() -> None:
    """Article 3 announced as modifying two texts: the second announcement is refused
    (article 3 was read in the first text's alone, without a word)."""
    bill = parse_bill("Article 1\nLe code de la route est modifié conformément aux articles 2 "
                      "et 3.\nArticle 2\nLe code pénal est modifié conformément aux articles 3 "
                      "et 4.\nArticle 3\nL'article R. 2 est abrogé.\nArticle 4\nL'article R. "
                      "3 est abrogé.\n")
    assert [u.source.bill_ref for u in bill.unrecognized] == ["article 2"]
    assert [str(op.target) for op in bill.operations] == ["code-de-la-route:art_R2", "art_R3"]


@pytest.mark.parametrize("words", [
    "qui concernent les communes", "relatives aux mineurs", "applicables aux communes",
    "relatif aux mineurs",  # (a title, or the provisions of that article on minors)
])
def test_the_provisions_of_a_unit_said_in_part_are_refused(words: str) -> None:
    """« Les dispositions de l'article 3 du décret n° … » is that article; words after the
    text say which of its provisions go (or are its title: not sure): the whole article
    was repealed, or the sentence taken for a provision (« qui … sont abrogées »)."""
    bill = parse_bill(f"Article 1er\nLes dispositions de l'article 3 du décret n° 2000-1 du "
                      f"1er janvier 2000 {words} sont abrogées.\n")
    assert bill.operations == () and bill.provisions == ()
    assert [u.modifying for u in bill.unrecognized] == [True]
    bare = parse_bill("Article 1er\nLes dispositions de l'article 3 de l'arrêté du 4 mai 2009 "
                      "susvisé sont abrogées.\n")
    assert [str(op.target) for op in bare.operations] == ["arrêté-2009-05-04:art_3"]


@pytest.mark.parametrize("sentence", [
    "Il est inséré, dans le code civil, au deuxième alinéa de l'article 5, après le mot : "
    "« X », le mot : « Y ».",
    "À l'article 5 du code civil, il est inséré, au I, au deuxième alinéa, après le mot : "
    "« X », le mot : « Y ».",
])
def test_several_units_named_after_the_verb_are_refused(sentence: str) -> None:
    """One place inside the other, after the verb: each was read as a place of its own (the
    word inserted in the whole code civil, or in the I and in the second alinéa)."""
    bill = parse_bill(f"Article 1er\n{sentence}\n")
    assert bill.operations == ()
    assert [u.modifying for u in bill.unrecognized] == [True]


def test_an_arrete_opens_with_its_title() -> None:
    """« Arrêté du 18 septembre 2017 » is the text's title, as « Décret … » is, never a
    line before the first article."""
    text = read_bill("Arrêté du 18 septembre 2017\nArticle 1\nL'article 2 est abrogé.\n")
    assert text.title == "Arrêté du 18 septembre 2017"
    assert not any(d.code == "LD201" for d in text.diagnostics)


@pytest.mark.parametrize(("sentence", "read", "aside"), [
    # décret n° 2011-1049, article 31, 2°
    ("Le dixième alinéa, devenu treizième, est ainsi modifié :",
     "Le treizième alinéa est ainsi modifié", "dixième alinéa, devenu treizième"),
    ("Au deuxième alinéa, devenu le troisième, les mots : « a » sont supprimés.",
     "Au troisième alinéa, les mots : ⟨0⟩ sont supprimés", "deuxième alinéa, devenu le troisième"),
    ("Le 3°, devenu 4°, est abrogé.", "Le 4° est abrogé", "3°, devenu 4°"),
    # two kinds of unit: not one unit named twice
    ("Le 3°, devenu troisième alinéa, est abrogé.", "Le 3°, devenu troisième alinéa, est abrogé",
     None),
    # the same apposition with no comma before it, in parentheses, on a part or a division's
    # number in Roman figures
    ("Au troisième alinéa devenu le septième alinéa, le mot : « a » est supprimé.",
     "Au septième alinéa, le mot : ⟨0⟩ est supprimé", "troisième alinéa devenu le septième alinéa"),
    ("Le 3° devenu le 5° est abrogé.", "Le 5° est abrogé", "3° devenu le 5°"),
    ("Le cinquième alinéa (devenu le septième alinéa) est supprimé.",
     "Le septième alinéa est supprimé", "cinquième alinéa (devenu le septième alinéa"),
    ("Le II, devenu III, est ainsi modifié :", "Le III est ainsi modifié", "II, devenu III"),
    ("Au premier alinéa du I, devenu II, le mot : « a » est supprimé.",
     "Au premier alinéa du II, le mot : ⟨0⟩ est supprimé", "I, devenu II"),
    ("Le chapitre II, devenu III, est abrogé.", "Le chapitre III est abrogé", "II, devenu III"),
    # an apposition not closed, or a Roman part that became an alinéa: left to the grammar
    ("Le cinquième alinéa (devenu le septième alinéa est supprimé.",
     "Le cinquième alinéa (devenu le septième alinéa est supprimé", None),
    ("Au second alinéa du II, devenu le septième alinéa, le mot : « a » est supprimé.",
     "Au second alinéa du II, devenu le septième alinéa, le mot : ⟨0⟩ est supprimé", None),
])
def test_a_unit_named_by_its_former_and_present_rank(sentence: str, read: str,
                                                      aside: str | None) -> None:
    """The instructions apply in order: the unit is the one of the rank it has now; the
    former rank is set aside, kept for the report."""
    prepared = prepare(sentence)
    assert " ".join(prepared.text.split()) == read
    assert prepared.set_aside == ((aside,) if aside else ())


def test_the_present_rank_is_the_unit_after_the_items_above() -> None:
    """Two alinéas inserted after the first: the former second is now the fourth, and it is
    the one deleted."""
    code = Code("code-de-la-route", (Article("R224-22", (Alinea("Un."), Alinea("Deux."),
                                                          Alinea("Trois."))),))
    bill = parse_bill("Article 1er\nL'article R. 224-22 du code de la route est ainsi modifié :\n"
                      "1° Après le premier alinéa, sont insérés deux alinéas ainsi rédigés :\n"
                      "« A. »\n« B. »\n"
                      "2° Le deuxième alinéa, devenu quatrième, est supprimé.\n")
    result = consolidate(code, bill)
    assert result.complete, [d.message for d in result.diagnostics]
    article = result.code.find_articles("R224-22")[0].article
    assert [a.text for a in article.alineas] == ["Un.", "A.", "B.", "Trois."]


def test_a_reference_with_its_code_changes_its_number_only() -> None:
    """« la référence à l'article R. 172-1 du code électoral est remplacée par la référence à
    l'article R. 334 du même code » (JORFARTI000018158803, 3°): the number is replaced
    where the code follows it — « du code électoral » stays as the text has it, and a
    reference to another text's article R. 172-1 is not touched."""
    bill = parse_bill("Article 1er\nLe décret du 28 février 1979 susvisé est ainsi modifié :\n"
                      "3° A l'article 24, la référence à l'article R. 172-1 du code électoral est "
                      "remplacée par la référence à l'article R. 334 du même code ;\n")
    (op,) = bill.operations
    assert isinstance(op, ReplaceWords)
    assert (op.old.texts, op.new) == (("R. 172-1 du code électoral",),
                                      ("R. 334 du code électoral",))
    sentence = ("Article 1er\nÀ l'article R. 5 du code de la route, la référence à l'article "
                "R. 1 du code électoral est remplacée par la référence à l'article R. 3 du même "
                "code.\n")
    both = Code("Code de la route", (Article("R5", (Alinea(
        "Comme prévu à l'article R. 1 du présent code et à l'article R. 1 du code "
        "électoral."),)),))
    result = consolidate(both, parse_bill(sentence))
    assert result.complete
    assert [a.text for a in next(iter(result.code.articles())).article.alineas] == [
        "Comme prévu à l'article R. 1 du présent code et à l'article R. 3 du code électoral."]
    # the code's own article R. 1 only: the number was replaced there
    own = Code("Code de la route", (Article("R5", (Alinea(
        "Comme prévu à l'article R. 1 du présent code."),)),))
    assert not consolidate(own, parse_bill(sentence)).complete
    plural = parse_bill("Article 1er\nÀ l'article R. 5 du code de la route, les références aux "
                        "articles R. 1 et R. 2 du code électoral sont remplacées par les "
                        "références aux articles R. 3 et R. 4 du même code.\n")
    assert plural.operations == () and len(plural.unrecognized) == 1


@pytest.mark.parametrize(("bill_text", "targets"), [
    # arrêté JORFARTI000002307883, article 3 (its arrêté named, here, by a first article
    # made up for the test): the text named after the verb, then the place in it
    ("Article 1er\nL'article 2 de l'arrêté du 4 mai 2009 est abrogé.\nArticle 3\nIl est "
     "inséré dans le même arrêté, après l'article 7, un article 7-1 ainsi rédigé :\n« Conformé"
     "ment aux dispositions de l'article 7-1 du décret du 15 février 1988 susvisé, un "
     "représentant suppléant n'a voix délibérative qu'en l'absence du membre titulaire qu'il "
     "remplace ; si tel n'est pas le cas, il peut, toutefois, assister à la séance. »\n",
     ["arrêté-2009-05-04:art_2", "arrêté-2009-05-04:art_7"]),
    # the form of instructions.lark's header: the alinéa, then the words after which
    ("Article 1er\nL'article L. 1 du code de la route est ainsi modifié :\n1° Il est inséré, "
     "au deuxième alinéa, après les mots : « X », les mots : « Y » ;\n",
     ["code-de-la-route:art_L1/al_2"]),
    ("Article 1er\nÀ l'article L. 1 du code de la route, il est inséré, au deuxième alinéa, "
     "après les mots : « X », les mots : « Y ».\n", ["code-de-la-route:art_L1/al_2"]),
])
def test_a_unit_named_after_the_verb_is_kept_beside_the_place(bill_text: str,
                                                               targets: list[str]) -> None:
    """« Il est inséré dans le même arrêté, après l'article 7, … », « Il est inséré, au
    deuxième alinéa, après les mots : … »: the unit (or text) named after the verb was
    dropped, only the place read — the article 7 of no text, the words looked for in the
    whole article."""
    bill = parse_bill(bill_text)
    assert bill.unrecognized == ()
    assert [str(op.target) for op in bill.operations] == targets


# ---------------------------------------------------------------------------
# « entre les mots : « A » et « B », sont insérés les mots : « N » » (an arrêté of 1986
# amended in 2008, the list of départements of its article 4): where « A » is followed by
# « B » with only a separator between them, once; the separator as the text writes it,
# again after the new words

LIST = "Départements : Ain, Allier, Hautes-Alpes, Ardèche et Aude ; Corse ; Var."


def _list_code() -> Code:
    return Code("Code civil", (Article("4", (Alinea("Un."), Alinea(LIST))),))


@pytest.mark.parametrize(("sentence", "after"), [
    ("Au second alinéa de l'article 4 du code civil, entre les mots : « Allier » et "
     "« Hautes-Alpes », sont insérés les mots : « Alpes-de-Haute-Provence » et entre les mots : "
     "« Hautes-Alpes » et « Ardèche », sont insérés les mots : « Alpes-Maritimes ».",
     "Départements : Ain, Allier, Alpes-de-Haute-Provence, Hautes-Alpes, Alpes-Maritimes, "
     "Ardèche et Aude ; Corse ; Var."),
    # a semicolon with its space before it; the new words given with the separator
    ("À l'article 4 du code civil, entre les mots : « Corse » et « Var », est inséré le mot : "
     "« Gard ; ».",
     "Départements : Ain, Allier, Hautes-Alpes, Ardèche et Aude ; Corse ; Gard ; Var."),
    # words with a space only between them
    ("À l'article 4 du code civil, entre les mots : « Ardèche » et « et Aude », est inséré le "
     "mot : « , Ariège ».",
     "Départements : Ain, Allier, Hautes-Alpes, Ardèche, Ariège et Aude ; Corse ; Var."),
])
def test_words_inserted_between_two_words(sentence: str, after: str) -> None:
    result = consolidate(_list_code(), parse_bill(f"Article 1er\n{sentence}\n"))
    assert result.complete, [d.message for d in result.diagnostics]
    assert [a.text for a in result.code.find_articles("4")[0].article.alineas] == ["Un.", after]


@pytest.mark.parametrize(("sentence", "code"), [
    # not next to each other, or not in that order: nothing changed
    ("entre les mots : « Ain » et « Hautes-Alpes »", "LD302"),
    ("entre les mots : « Allier » et « Ain »", "LD302"),
])
def test_words_between_words_not_next_to_each_other(sentence: str, code: str) -> None:
    result = consolidate(_list_code(), parse_bill(f"Article 1er\nÀ l'article 4 du code civil, "
                                                  f"{sentence}, est inséré le mot : « Gard ».\n"))
    assert [d.code for d in result.diagnostics] == [code]
    assert [a.text for a in result.code.find_articles("4")[0].article.alineas] == ["Un.", LIST]


@pytest.mark.parametrize("anchor", [
    # after several words: after each, or after all of them? (the first alone was taken)
    "après les mots : « Ain » et « Allier »",
    "avant les mots : « Ain » et « Allier »",
    # « entre » three words, or one
    "entre les mots : « Ain », « Allier » et « Aude »",
    "entre les mots : « Ain »",
])
def test_an_anchor_of_several_words_is_refused(anchor: str) -> None:
    bill = parse_bill(f"Article 1er\nÀ l'article 4 du code civil, {anchor}, est inséré le mot : "
                      "« Gard ».\n")
    assert bill.operations == () and len(bill.unrecognized) == 1
    assert [d.code for d in bill.diagnostics] == ["LD203"]
