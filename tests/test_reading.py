"""Reading real texts before the grammar (issue 12): straight-quoted blocks of La Fabrique
de la loi, accents written as combining characters, amendments whose first line is not
their instruction, context across the articles of a bill, what is and is not an
instruction. The sentences are real lines of the corpus (``../shared/corpus``), a few
copied here; the whole-bill checks read the corpus in place and skip without it."""

from __future__ import annotations

import unicodedata

from legidiff.bill.operations import InsertUnits, ReplaceWords
from legidiff.bill.parse import parse_bill
from legidiff.bill.text import closes_block, read_bill

# -- straight-quoted blocks (La Fabrique de la loi turned « » into ") --------------------

# lafabrique_pjl09-200_00_1erelecture_senat_depot.txt, article 1er (cut; 1° from article 3)
LAFABRIQUE = """\
Article 1er
I. - Le livre II du code rural est ainsi modifié :
1° À l'article L. 631-23, les mots : "sections 2 à 4 du présent chapitre" sont remplacés \
par les mots : "sous-sections 1 à 3 de la présente section" ;
3° Il est inséré, avant le chapitre Ier du titre III, un chapitre préliminaire ainsi rédigé :
"Chapitre préliminaire
"La politique de l'alimentation
"Art. L. 230-1. - La politique de l'alimentation vise à assurer à la population l'accès à \
une alimentation sûre.
"Le programme national pour l'alimentation prévoit les actions à mettre en oeuvre dans les \
domaines suivants :
"- la sécurité sanitaire des produits agricoles et des aliments ;
"- le patrimoine alimentaire et culinaire français.
"Art. L. 230-2. - Un décret en Conseil d'État précise la nature de ces données et les \
conditions de leur transmission."
II. - Il est créé dans le titre IV du livre V du code de la consommation un article \
L. 541-1 rédigé comme suit :
"Art. L. 541-1. - La politique de l'alimentation est définie à l'article L. 230-1 du code \
rural."
"""


def test_straight_quoted_block_is_the_text_written() -> None:
    bill = read_bill(LAFABRIQUE)
    chapeau = bill.articles[0].items[0]
    inserted = chapeau.children[1]
    assert inserted.label == "3°" and inserted.quote is not None
    assert inserted.quote.closed
    assert inserted.quote.alineas[0] == "Chapitre préliminaire"
    assert inserted.quote.alineas[-1] == ("Art. L. 230-2. - Un décret en Conseil d'État "
                                          "précise la nature de ces données et les "
                                          "conditions de leur transmission.")
    assert len(inserted.quote.alineas) == 7
    created = bill.articles[0].items[1]
    assert created.quote is not None and created.quote.alineas == (
        "Art. L. 541-1. - La politique de l'alimentation est définie à l'article L. 230-1 "
        "du code rural.",)
    parsed = parse_bill(LAFABRIQUE)
    assert parsed.unrecognized == ()
    assert [d.code for d in parsed.diagnostics if d.severity.value == "error"] == []
    insert = next(op for op in parsed.operations if op.source.line == 4)
    assert isinstance(insert, InsertUnits) and len(insert.new.alineas) == 7


def test_inline_straight_quotes_are_quotations_not_blocks() -> None:
    # a sentence of the article holding a straight quotation stays a sentence
    op = parse_bill(LAFABRIQUE).operations[0]
    assert isinstance(op, ReplaceWords)
    assert op.old.texts == ("sections 2 à 4 du présent chapitre",)
    assert op.new == ("sous-sections 1 à 3 de la présente section",)


def test_a_sentence_opening_with_a_quotation_is_not_quoted_text() -> None:
    text = ('Article 5\n'
            '"Grenelle de l\'environnement" désigne les engagements pris le 25 octobre 2007.\n')
    item = read_bill(text).articles[0].items[0]
    assert item.quote is None and item.text.startswith('"Grenelle')


def test_straight_closing_counts_inner_quotes() -> None:
    # #2246: inner "…" pairs do not close the block; the last quote does
    assert not closes_block('"2° À la première phrase du dernier alinéa, les mots : '
                            '"au premier alinéa"')
    assert closes_block('"Le comité national est, en outre, chargé de "veiller"." ;')
    assert closes_block('"Cet accord peut être étendu."')
    # a block's last line that lost its opening mark closes with its closing one
    assert closes_block("le Premier ministre fixe des orientations.\"", '"')
    assert not closes_block("les mots : \"X\" sont supprimés", '"')


def test_nbsp_before_the_final_semicolon_closes_a_block() -> None:
    # nosdeputes_2760-retraites.txt:34 « … de ces droits. »\u00a0;
    assert closes_block("« Les assurés bénéficient à leur demande d'un entretien sur "
                        "les perspectives d'évolution de ces droits. »\u00a0;")


def test_block_going_on_after_a_lost_opening_mark() -> None:
    # an article additionnel whose second alinéa lost its opening quote (tests case
    # provisions-25, a real amendment): the closing " ends the block there
    text = ('Article 1er\n'
            'Insérer un article additionnel ainsi rédigé :\n'
            '"Après l’article L.811-1 du code de la sécurité intérieure, insérer un article '
            'ainsi rédigé :\n'
            'Dans le respect du droit et des conventions internationales auxquelles la '
            'France est partie, le Premier ministre fixe des orientations."\n')
    item = read_bill(text).articles[0].items[0]
    assert item.quote is not None and item.quote.closed
    assert len(item.quote.alineas) == 2
    assert item.quote.alineas[1].endswith("fixe des orientations.")


# -- accents as combining characters -----------------------------------------------------


def test_decomposed_accents_are_composed_where_the_text_enters() -> None:
    line = ("2° Au premier alinéa, le mot : « renseignement » est remplacé par le mot : "
            "« sécurité » ;")
    text = "Article 1er\nL'article L. 822-2 du code de la sécurité intérieure est ainsi modifié :\n"
    decomposed = unicodedata.normalize("NFD", text + line + "\n")
    assert decomposed != text + line + "\n"
    bill = parse_bill(decomposed)
    assert bill.unrecognized == ()
    op = bill.operations[0]
    assert isinstance(op, ReplaceWords) and op.new == ("sécurité",)
    assert unicodedata.is_normalized("NFC", op.new[0])
    assert op.source.line == 3


def test_complete_by_straight_quoted_words() -> None:
    # lafabrique …_02_…hemicycle.txt: « complété par les mots : » then the words on a line
    text = ('Article 1er\n'
            "V. - Le b septies de l'article 279 du code général des impôts est complété par "
            "les mots :\n"
            '", ainsi que les travaux de prévention en vue de la défense des forêts contre '
            'les incendies".\n')
    item = read_bill(text).articles[0].items[0]
    assert item.quote is not None and item.quote.closed
    assert item.quote.alineas == (", ainsi que les travaux de prévention en vue de la défense "
                                  "des forêts contre les incendies",)
