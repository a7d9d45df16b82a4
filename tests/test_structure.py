"""Items and phrases inside articles, on real CSI articles and focused fixtures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support import real_article

from legidiff.bill.parse import parse_locator
from legidiff.document.locator import resolve
from legidiff.document.model import Alinea, Article, ArticlePath, Code
from legidiff.document.structure import Level, analyse, phrase_spans, read_labels
from legidiff.render.mapview import article_map, render_map


def phrases(text: str) -> list[str]:
    return [text[a:b] for a, b in phrase_spans(text)]


def test_phrases_of_first_alinea_of_the_I_of_L853_3() -> None:
    article, record = real_article("L853-3")
    assert record["complete"] is False  # cut in III: only the I and II are used here
    structure = analyse(article)
    first = structure.items[0]
    assert (first.label, first.start, first.end) == ("I", 0, 2)
    assert structure.phrases(0) == [
        "Dans les conditions prévues au chapitre Ier du titre II du présent livre, lorsque les "
        "renseignements ne peuvent être recueillis par un autre moyen légalement autorisé, "
        "l'introduction dans un véhicule ou dans un lieu privé à la seule fin de mettre en "
        "place, d'utiliser ou de retirer les dispositifs techniques mentionnés aux articles "
        "L. 851-5, L. 853-1 et L. 853-2 peut être autorisée.",
        "S'il s'agit d'un lieu d'habitation ou pour l'utilisation de la technique mentionnée "
        "à l'article L. 853-2, la mise en place et l'utilisation de ces dispositifs ne peuvent "
        "être autorisées qu'après avis exprès de la Commission nationale de contrôle des "
        "techniques de renseignement, statuant en formation restreinte ou en formation "
        "plénière.",
        "La maintenance et le retrait de ces mêmes dispositifs peuvent être autorisés après "
        "avis exprès rendu dans les conditions prévues au premier alinéa de l'article "
        "L. 832-3.",
    ]
    # the label "I.-" is not part of the first phrase; the second alinéa of the I has one
    assert structure.alineas[0].labels[0].text == "I"
    assert len(structure.alineas[1].phrases) == 1


def test_items_of_L851_2() -> None:
    article, _ = real_article("L851-2")
    items = analyse(article).items
    assert [(i.label, i.level, i.start, i.end) for i in items] == [
        ("I", Level.ROMAN, 0, 1), ("I bis", Level.ROMAN, 1, 2), ("II", Level.ROMAN, 2, 3)]
    assert analyse(article).phrases(2) == ["(abrogé)"]


def test_items_of_L822_2_nested_and_open_end() -> None:
    article, _ = real_article("L822-2")
    items = analyse(article).items
    first = items[0]
    # the 1° and 2° end with « ; », the 3° with « . »: the enumeration ends there, and the
    # two alinéas after it close the I ("… au présent I.")
    assert [(c.label, c.start, c.end) for c in first.children] == [
        ("1°", 1, 2), ("2°", 2, 3), ("3°", 3, 4)]
    assert not any(c.open_end for c in first.children)
    assert (first.start, first.end) == (0, 6)
    assert items[1].label == "II"


def test_the_end_of_a_last_item_is_uncertain_unless_the_punctuation_tells() -> None:
    def ends(*texts: str) -> list[tuple[str, int, int, bool]]:
        article = Article("1", tuple(Alinea(t) for t in texts))
        return [(i.label, i.start, i.end, i.open_end) for i in analyse(article).items]

    # « ; » then « . »: the enumeration's end, the last alinéa is the article's
    assert ends("Sont punis :", "1° Le vol ;", "2° Le recel.", "Ces peines se cumulent.") == [
        ("1°", 1, 2, False), ("2°", 2, 3, False)]
    # the last item ends otherwise (« : », a list of its own; « ; »): uncertain, flagged
    assert ends("Sont punis :", "1° Le vol ;", "2° Le recel :", "Ces peines se cumulent.") == [
        ("1°", 1, 2, False), ("2°", 2, 4, True)]
    # every item a sentence: « . » tells nothing
    assert ends("Sont punis :", "1° Le vol.", "2° Le recel.", "Ces peines se cumulent.") == [
        ("1°", 1, 2, False), ("2°", 2, 4, True)]


def test_items_of_L863_1_without_roman_level() -> None:
    article, _ = real_article("L863-1")
    items = analyse(article).items
    # the 3° ends the enumeration with « . »: "Ces actes ne peuvent …" is the article's
    assert [(i.label, i.start, i.end) for i in items] == [("1°", 1, 2), ("2°", 2, 3),
                                                          ("3°", 3, 4)]


@pytest.mark.parametrize("name", ["L853-3", "L851-2", "L822-2", "L863-1", "L855-1-B",
                                  "L821-1", "L853-2", "L227-1"])
def test_map_golden(name: str, golden: Callable[[str, str], None]) -> None:
    article, _ = real_article(name)
    golden(f"structure/{name}.txt", render_map(article_map(ArticlePath((), article))))


# ---------------------------------------------------------------------------
# Labels


@pytest.mark.parametrize(("text", "labels"), [
    ("I.-Dans les conditions", [("ROMAN", "I")]),
    ("I. – Dans les conditions", [("ROMAN", "I")]),
    ("II bis.-Le nombre", [("ROMAN", "II bis")]),
    ("I. ― Il est institué", [("ROMAN", "I")]),
    ("III. - Texte", [("ROMAN", "III")]),
    ("A.-Investissements :", [("LETTER", "A")]),
    ("II. – A. – 1° Le texte", [("ROMAN", "II"), ("LETTER", "A"), ("ARABIC", "1°")]),
    ("1° Au 1° du I", [("ARABIC", "1°")]),
    ("1o Au 1o du I", [("ARABIC", "1°")]),
    ("2° bis Les mots", [("ARABIC", "2° bis")]),
    ("1° A Le texte", [("ARABIC", "1° A")]),
    ("a) Soit d'établir", [("SMALL", "a")]),
    ("b bis) Les mots", [("SMALL", "b bis")]),
    ("– soit en exerçant", [("TIRET", "–")]),
    ("- soit en exerçant", [("TIRET", "–")]),
    # the space after the dash lost (a 1992 law and four adaptation décrets as Légifrance
    # gives them): « -les mots : … », « -à l'article R. 261-7 »
    ("-les mots : « au I »", [("TIRET", "–")]),
    ("-à l'article R. 261-7", [("TIRET", "–")]),
])
def test_labels(text: str, labels: list[tuple[str, str]]) -> None:
    assert [(lab.level.name, lab.text) for lab in read_labels(text)] == labels


@pytest.mark.parametrize("text", [
    "1° A la demande du préfet",  # "A" is the preposition À, not a 1° A
    "L. 851-1 est applicable",
    "La sécurité est un droit",
    "10 000 euros",
    "M. le préfet",
    "Art. L. 1",
    "-10 % des sommes",  # a dash glued to a number or a capital is no tiret
    "-A- Dispositions",
])
def test_not_labels(text: str) -> None:
    labels = read_labels(text)
    assert all(lab.text != "1° A" for lab in labels)
    if not text.startswith("1°"):
        assert labels == []


def test_letter_after_letter_is_not_roman() -> None:
    article = Article("X", (Alinea("A.-Premier"), Alinea("B.-Deuxième"), Alinea("C.-Troisième"),
                            Alinea("I.-Autre")))
    items = analyse(article).items
    assert [(i.label, i.level) for i in items] == [
        ("A", Level.LETTER), ("B", Level.LETTER), ("C", Level.LETTER), ("I", Level.ROMAN)]


def test_bill_style_header_is_not_a_phrase() -> None:
    article = Article("L. 852-3", (Alinea("Art. L. 852-3. – I. – Dans les conditions prévues. "
                                          "Les agents statuent."),))
    structure = analyse(article)
    assert [lab.text for lab in structure.alineas[0].labels] == ["I"]
    assert structure.phrases(0) == ["Dans les conditions prévues.", "Les agents statuent."]


# ---------------------------------------------------------------------------
# Phrases: abbreviations and labels do not end a phrase


@pytest.mark.parametrize(("text", "expected"), [
    ("Les articles L. 851-1 et R. 851-2 sont applicables. Le décret fixe les modalités.",
     ["Les articles L. 851-1 et R. 851-2 sont applicables.", "Le décret fixe les modalités."]),
    ("M. le préfet statue. Mme la ministre est informée.",
     ["M. le préfet statue.", "Mme la ministre est informée."]),
    ("Voir l'art. 5 du décret. La suite.", ["Voir l'art. 5 du décret.", "La suite."]),
    ("Selon l'article L.O. 6 du code. Fin.", ["Selon l'article L.O. 6 du code.", "Fin."]),
    ("Les articles R.* 12 et R. * 13 s'appliquent. Fin.",
     ["Les articles R.* 12 et R. * 13 s'appliquent.", "Fin."]),
    ("La loi n° 2021-998 du 30 juillet 2021 s'applique. Fin.",
     ["La loi n° 2021-998 du 30 juillet 2021 s'applique.", "Fin."]),
    ("Les dispositions mentionnées au I. Les agents statuent.",
     ["Les dispositions mentionnées au I.", "Les agents statuent."]),
    ("Les mots : « Un. Deux. » sont ajoutés. Fin.",
     ["Les mots : « Un. Deux. » sont ajoutés.", "Fin."]),
    ("Les frais (voir al. 2. du texte) sont dus. Fin.",
     ["Les frais (voir al. 2. du texte) sont dus.", "Fin."]),
    ("Un montant de 3 750 €. Les frais.", ["Un montant de 3 750 €.", "Les frais."]),
    ("Les pièces, etc. sont remises.", ["Les pièces, etc. sont remises."]),
    ("Le texte ; suite : fin", ["Le texte ; suite : fin"]),
    ("Phrase sans point final", ["Phrase sans point final"]),
    ("", []),
])
def test_phrase_boundaries(text: str, expected: list[str]) -> None:
    assert phrases(text) == expected


CGI_793 = [  # the start of article 793 of the code général des impôts (its own numbering)
    "Sont exonérés des droits de mutation à titre gratuit :",
    "1.1° (Périmé) ;",
    "2° (Abrogé) ;",
    "3° les parts d'intérêts détenues dans un groupement forestier, si :",
    "a. que l'acte constatant la donation soit appuyé d'un certificat ;",
    "b. que le groupement forestier prenne l'un des engagements ;",
    "4° Les parts des groupements fonciers agricoles, si :",
    "a) Que les statuts du groupement lui interdisent l'exploitation ;",
    "c) Que les parts aient été détenues depuis deux ans au moins.",
    "2.1° (Abrogé) ;",
    "2° les successions et donations entre vifs.",
]


def test_the_numbered_items_of_the_code_general_des_impots() -> None:
    """The CGI numbers its items I > A > 1 > 1° > a (with "a." as often as "a)"): "le c
    du 4° du 1 de l'article 793" is an address of that code's drafting."""
    article = Article("793", tuple(Alinea(t) for t in CGI_793))
    code = Code("Code général des impôts", (article,))
    got = resolve(code, parse_locator("le c du 4° du 1 de l'article 793"))
    assert got.text == "c) Que les parts aient été détenues depuis deux ans au moins."
    got = resolve(code, parse_locator("le b du 3° du 1 de l'article 793"))
    assert got.text == "b. que le groupement forestier prenne l'un des engagements ;"
    got = resolve(code, parse_locator("le 2° du 2 de l'article 793"))
    assert got.text == "2° les successions et donations entre vifs."
    # "ex." and "1.5 %" open no item
    assert read_labels("ex. : un texte") == [] and read_labels("1.5 % des sommes") == []
