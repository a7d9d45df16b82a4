"""Reading real texts before the grammar (issue 12): straight-quoted blocks of La Fabrique
de la loi, accents written as combining characters, amendments whose first line is not
their instruction, context across the articles of a bill, what is and is not an
instruction. The sentences are real lines of the corpus (``../shared/corpus``), a few
copied here; the whole-bill checks read the corpus in place and skip without it."""

from __future__ import annotations

import unicodedata

from support import corpus_path

from legidiff.bill.operations import (
    DeleteWords,
    InsertUnits,
    InsertWords,
    ProvisionKind,
    ReplaceWords,
)
from legidiff.bill.parse import parse_bill
from legidiff.bill.text import closes_block, read_bill
from legidiff.parliament.amendments import ReadAmendment, read_amendment

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


# -- amendments: the anchor before the imperative, notes, parts, « la même … » -----------


def _amendment(text: str, article: str = "5") -> ReadAmendment:
    lines = [(t, n) for n, t in enumerate(text.split("\n"), 1) if t.strip()]
    return read_amendment(lines, article=article, bill_text="projet")


def test_anchor_first_then_imperative_is_an_amendment() -> None:
    # corpus #5404 (Assemblée nationale): the first line has no verb
    read = _amendment("À l'alinéa 5, après le mot :\n« que »,\ninsérer le mot :\n« par ».")
    assert not read.on_code and read.unrecognized == ()
    assert [p.sentence for p in read.pieces] == [
        "À l'alinéa 5, après le mot : « que », insérer le mot : « par »"]
    op = read.operations[0]
    assert isinstance(op, InsertWords) and op.new == ("par",)
    assert op.anchor is not None and op.anchor.texts == ("que",)
    assert str(op.target) == "projet:art_5/al_5"


def test_quoted_words_with_their_comma_on_their_own_line() -> None:
    # corpus #2226: « vertu », — the comma is the sentence's, not the quotation's
    read = _amendment("Substituer au mot :\n\n« vertu »,\n\nle mot :\n\n« application ».")
    op = read.operations[0]
    assert isinstance(op, ReplaceWords)
    assert (op.old.texts, op.new) == (("vertu",), ("application",))


def test_indicative_amendment_is_still_read_as_code_instructions() -> None:
    # an article additionnel written in the indicative, after the Assemblée's header
    # (corpus #6014, cut): the header is not an instruction, the imperative inside the
    # quoted text does not make it an amendment of the bill
    read = _amendment(
        "Amendement permettant l'application des dispositions\n"
        "des deux derniers alinéas de l'article 99 du Règlement\n"
        "Après l'article L. 4111-3 du code de la santé publique, il est inséré un article "
        "L. 4111-3-1 ainsi rédigé :\n"
        "« Art. L. 4111-3-1. - Le ministre peut supprimer l'autorisation. »")
    assert read.on_code


def test_header_lines_and_notes_are_not_instructions() -> None:
    # corpus #6006 (cut) and #5673: the header, and the note after the instruction
    read = _amendment(
        "Amendement permettant l'application des dispositions\n"
        "des deux derniers alinéas de l'article 99 du Règlement\n"
        "À l'alinéa 5, substituer aux mots :\n« du 9 janvier 1986 »,\nles mots :\n"
        "« n° 86-33 du 9 janvier 1986 ».\nAmendement de précision rédactionnelle.")
    assert not read.on_code and read.unrecognized == ()
    assert [p.sentence for p in read.pieces] == [
        "À l'alinéa 5, substituer aux mots : « du 9 janvier 1986 » les mots : "
        "« n° 86-33 du 9 janvier 1986 »"]


def test_sub_parts_take_the_location_of_their_part() -> None:
    # corpus #2378 (Sénat): « Alinéa 2 », then « 1° Deuxième phrase », « 2° Après la
    # deuxième phrase »
    read = _amendment("Alinéa 2\n\n1° Deuxième phrase\n\nRemplacer les mots :\n\ndoit être\n\n"
                      "par le mot :\n\nest\n\n2° Après la deuxième phrase\n\n"
                      "Insérer une phrase ainsi rédigée :\n\n"
                      "Le mineur peut cependant être consigné avec sa famille.", "22")
    assert [p.sentence for p in read.pieces] == [
        "À la deuxième phrase de l'alinéa 2, remplacer les mots : « doit être » par le mot "
        ": « est »",
        "Après la deuxième phrase de l'alinéa 2, insérer une phrase ainsi rédigée :"]
    assert [str(op.target) for op in read.operations] == ["projet:art_22/al_2/ph_2"] * 2
    assert read.unrecognized == ()


def test_parts_lettered_and_a_location_ending_with_a_colon() -> None:
    # corpus #3116 (cut) and #1363
    read = _amendment("A. – Alinéa 3\n\nSupprimer cet alinéa.\n\nB. – Alinéa 7, première "
                      "phrase :\n\nRemplacer les mots :\n\nen liaison avec\n\npar les mots :\n\n"
                      "après avis de")
    assert [p.sentence for p in read.pieces] == [
        "À l'alinéa 3, supprimer cet alinéa.",
        "À la première phrase de l'alinéa 7, remplacer les mots : « en liaison avec » par "
        "les mots : « après avis de »"]


def test_the_same_operation_elsewhere() -> None:
    # corpus #5881 and #2985: « procéder à la même substitution / insertion »
    read = _amendment("I. - À l'alinéa 94, substituer aux mots :\n« de l'organisation »,\n"
                      "les mots :\n« d'organisation ».\nII. - En conséquence, procéder à la "
                      "même substitution aux alinéas 99, 104 et 105.", "26")
    assert sorted(str(op.target) for op in read.operations) == [
        "projet:art_26/al_104", "projet:art_26/al_105", "projet:art_26/al_94",
        "projet:art_26/al_99"]
    read = _amendment("I. A l’alinéa 22, après la deuxième occurrence du mot :\n\n« Alsace, »"
                      "\n\ninsérer les mots :\n\n« dans sa forme standard, ».\n\nII. En "
                      "conséquence, au même alinéa, après le mot :\n\n« allemand »,\n\n"
                      "procéder à la même insertion.", "1er")
    assert read.pieces[1].sentence == ("Au même alinéa, après le mot : « allemand », insérer "
                                       "les mots : « dans sa forme standard, »")
    assert [op.anchor.texts for op in read.operations
            if isinstance(op, InsertWords) and op.anchor is not None] == [("Alsace,",),
                                                                           ("allemand",)]


def test_the_same_operation_must_be_the_same() -> None:
    # corpus #5349: « supprimer », then « la même substitution »: not repeated, refused
    read = _amendment("I. – A l'alinéa 24, supprimer le mot :\n« dûment ».\nII. – En "
                      "conséquence, procéder à la même substitution à l'alinéa 57.", "1er")
    assert len(read.operations) == 1 and len(read.unrecognized) == 1


def test_restore_is_never_code_instructions() -> None:
    # corpus #2473: « Rétablir » is an amendment's verb: the bill's article gets the quoted
    # text again (a rewrite of it), never instructions on the code the text names
    read = _amendment("Rétablir cet article dans la rédaction suivante :\n\n"
                      "« L'article L.O. 148 du même code est abrogé. »", "1er quater")
    assert not read.on_code and read.unrecognized == ()
    (op,) = read.operations
    assert op.kind == "rewrite" and str(op.target) == "projet:art_1er_quater"


def test_senate_transcript_form_and_inline_html() -> None:
    # corpus #6056: the old Senate transcript's form; #1598: « <u>avant</u>la »
    read = _amendment("Par amendement n° 3, M. Paul Girod propose de rédiger comme suit cet "
                      "article :\n« Le dernier alinéa de l'article 3 est supprimé. »")
    assert read.pieces[0].sentence == "Rédiger comme suit cet article :"
    assert read.pieces[0].block == ("Le dernier alinéa de l'article 3 est supprimé.",)
    read = _amendment("Alinéa 4, <u>avant</u>la dernière phrase\n\nInsérer une phrase ainsi "
                      "rédigée :\n\nElle précise le droit de tout salarié.", "25")
    assert read.pieces[0].sentence == ("Avant la dernière phrase de l'alinéa 4, insérer une "
                                       "phrase ainsi rédigée :")
    assert read.unrecognized == ()


def test_decomposed_accents_in_an_amendment() -> None:
    # corpus #5360: written with combining accents
    read = _amendment(unicodedata.normalize("NFD", "À l'alinéa 7, supprimer le mot :\n"
                                            "« dûment »."), "1er")
    op = read.operations[0]
    assert isinstance(op, DeleteWords) and op.old.texts == ("dûment",)


# -- « du même code » across the articles of a bill --------------------------------------

# lafabrique_pjl09-200_04_1erelecture_assemblee_commission.txt, articles 10 bis and 10 ter
ACROSS = """\
Article 10 bis
Après le premier alinéa de l'article L. 511-2 du code de l'environnement, il est inséré un \
alinéa ainsi rédigé :
"Certaines de ces installations peuvent faire l'objet d'un enregistrement."
Article 10 ter
Après l'article L. 512-2 du même code, il est inséré un article L. 512-2-1 ainsi rédigé :
"Art. L. 512-2-1. - Le préfet statue dans un délai fixé par décret."
"""


def test_same_code_refers_to_the_code_named_in_an_earlier_article() -> None:
    bill = parse_bill(ACROSS)
    assert bill.unrecognized == ()
    assert [op.target.code for op in bill.operations] == ["code-de-l-environnement"] * 2
    assert str(bill.operations[1].target) == "code-de-l-environnement:art_L512-2"


def test_same_code_after_a_sentence_naming_a_text_not_read_is_an_error() -> None:
    # a sentence naming the code général des impôts that is not read (a form the grammar
    # does not take: « le barème »; a table is read since); « du même code » after it must
    # not fall back on the code of the article before
    text = ACROSS + (
        "Article 16\n"
        "I. - Le barème du f du 2 de l'article 199 decies H du code général des impôts est "
        "ainsi modifié :\n"
        "1° Le premier alinéa est supprimé ;\n"
        "V. - Le b septies de l'article 279 du même code est complété par les mots : \", "
        "ainsi que les travaux de prévention des incendies de forêt\".\n")
    bill = parse_bill(text)
    assert not any(op.source.line == 10 for op in bill.operations)
    assert any(u.source.line == 10 and "même code" in u.reason for u in bill.unrecognized)


def test_same_code_across_articles_of_a_real_bill() -> None:
    name = "lafabrique_pjl09-200_04_1erelecture_assemblee_commission.txt"
    path = corpus_path("instructions", "texts", name)
    bill = parse_bill(path.read_text("utf-8"), path=name)
    by_line = {op.source.line: op for op in bill.operations}
    assert by_line[388].target.code == "code-de-l-environnement"  # article 10 ter
    assert by_line[423].target.code == "code-general-des-impots"  # article 11 quater
    # article 16: its I (« Le f du 2 de l'article 199 decies H du code général des impôts »)
    # is read since the code général des impôts' numbered items are; its V, « du même
    # code », is that code
    assert by_line[738].target.code == "code-general-des-impots"


def test_article_heading_with_an_editor_note() -> None:
    # lafabrique_pjl09-200_08_cmp_senat_hemicycle.txt: « Article 7 bis  [article 23 du
    # texte définitif] »
    bill = read_bill("Article 7 bis A  [article 21 du texte définitif]\n"
                     "L'article L. 641-11 du code rural et de la pêche maritime est abrogé.\n"
                     "Article 7 bis  [article 23 du texte définitif]\n"
                     "L'article L. 632-12 du même code est abrogé.\n")
    assert [a.number for a in bill.articles] == ["7 bis A", "7 bis"]


# -- what is an instruction --------------------------------------------------------------


def _kinds(sentence: str) -> tuple[int, int, int]:
    """(operations, not understood, provisions) of one sentence in a bill article."""
    bill = parse_bill(f"Article 4\n{sentence}\n")
    return len(bill.operations), len(bill.unrecognized), len(bill.provisions)


def test_adaptation_clause_is_a_provision_not_an_amendment() -> None:
    # corpus #2998 (Alsace bill): it says how the II reads for Strasbourg; no text changes
    bill = parse_bill("Article 4\n2° Pour l'application du II du présent article, les mots : "
                      "\"du président du conseil départemental d'Alsace\" sont remplacés par "
                      "les mots : \"du président de l'eurométropole de Strasbourg\" ;\n")
    assert bill.operations == () and bill.unrecognized == ()
    assert [p.kind for p in bill.provisions] == [ProvisionKind.APPLICATION]


def test_standalone_provisions_with_a_verb_of_modification() -> None:
    for sentence in (
            # corpus #3115, #3099 (cut), and the Grenelle II bill
            "III. - Le département d'Alsace est substitué, à la date de sa création, aux "
            "départements du Bas-Rhin et du Haut-Rhin au sein des commissions et instances "
            "présidées par le représentant de l'État dans le département.",
            "Les routes et autoroutes non concédées, classées dans le domaine public routier "
            "national, sont transférées avec leurs dépendances et accessoires.",
            "Les directives peuvent être supprimées, selon les modalités prévues à l'alinéa "
            "précédent, par décret en Conseil d'État.",
            "Les dispositions transitoires prévues aux articles 4 à 6 de l'ordonnance "
            "n° 2005-898 du 2 août 2005 précitée, telles que modifiées par la présente loi, "
            "sont applicables aux voies ferrées portuaires.",
            "II. - Il est créé, à compter du 1er janvier 2011, un régime de retraite "
            "complémentaire obligatoire."):
        assert _kinds(sentence) == (0, 0, 1), sentence


def test_instructions_are_never_standalone() -> None:
    for sentence in (
            # corpus #2357, the Grenelle II bill (line 314), #6040, #2473
            "d) Les 5° à 8° sont renumérotés de 4° à 7° ;",
            "f) Les deux dernières phrases du sixième alinéa deviennent un huitième alinéa ;",
            "Cette société est ajoutée à la liste figurant à l'annexe III de la loi n° 83-675 "
            "du 26 juillet 1983 relative à la démocratisation du secteur public.",
            "Rétablir cet article dans la rédaction suivante :",
            "Les premier et dernier alinéas sont respectivement précédés des mentions : "
            "« I. - » et « III. - » ;"):
        operations, unrecognized, provisions = _kinds(sentence)
        assert provisions == 0 and operations + unrecognized > 0, sentence


def test_quoted_text_after_a_sentence_that_is_no_instruction_is_an_error() -> None:
    # lafabrique_pjl09-200_00_1erelecture_senat_depot.txt:29-32: a line of the quoted
    # block lost its opening quote; the quoted lines after it must not be dropped
    bill = parse_bill("Article 1er\n"
                      "Un décret en Conseil d'État précise la procédure selon laquelle sont "
                      "prises les décisions prévues au présent article.\n"
                      "\"Art. L. 230-4. - L'aide alimentaire a pour objet la fourniture de "
                      "denrées alimentaires aux plus démunis.\"\n")
    assert bill.provisions == () and len(bill.unrecognized) == 1


# -- labels of bill items the code layouts do not use ------------------------------------


def test_loose_item_labels_of_real_bills() -> None:
    # nosdeputes_r2449grenelle2.txt (lines 890, 1252, 1497, 136, 2018, 578) and
    # lafabrique_pjl09-200_05_…hemicycle.txt:886
    text = ("Article 5\n"
            "I AA. - Le II de l'article 2 de la loi n° 2000-108 du 10 février 2000 est abrogé.\n"
            "III (nouveau). - A l'article L. 272-1 du code rural, la référence : « L. 254-10 » "
            "est remplacée par la référence : « L. 254-11 ».\n"
            "VI -La dernière phrase du deuxième alinéa du I de l'article L. 411-5 du même code "
            "est supprimée.\n"
            "VIII. - 1. L'article L. 4433-7 du code général des collectivités territoriales est "
            "abrogé.\n"
            "D. - (Supprimé)\n"
            "E. L'article L. 221-3 du code de l'environnement est abrogé.\n"
            ";\n")
    items = read_bill(text).articles[0].items
    assert [(i.label, i.markers) for i in items] == [
        ("I AA", ()), ("III", ("nouveau",)), ("VI", ()), ("VIII", ())]
    assert items[1].text.startswith("A l'article L. 272-1")
    assert [(i.label, i.markers) for i in items[3].children] == [
        ("1", ()), ("D", ("Supprimé",)), ("E", ())]
    assert items[3].children[0].text.startswith("L'article L. 4433-7")
    bill = parse_bill(text)
    assert bill.unrecognized == () and len(bill.operations) == 5
    item = read_bill("Article 1er\na) bis Le troisième alinéa est supprimé ;\n").articles[0]
    assert (item.items[0].label, item.items[0].text) == ("a bis", "Le troisième alinéa est "
                                                                  "supprimé ;")


def test_a_decree_named_generically_leaves_the_same_code_alone() -> None:
    # nosdeputes_transparence-1004.txt, articles 1 and 2 (cut): the provision on entry
    # into force names « du décret nommant le président », no text of its own
    bill = parse_bill(
        "Article 1er\n"
        "V. - Au début de l'article L.O. 136-2 du code électoral, les mots : « La Commission "
        "» sont remplacés par les mots : « La Haute autorité ».\n"
        "VI. - Les dispositions du présent article entrent en vigueur à compter de la date "
        "de publication au Journal officiel du décret nommant le président de la Haute "
        "autorité.\n"
        "Article 2\n"
        "IV. - À l'article L.O. 149 du même code, les mots : « ou de consulter » sont "
        "supprimés.\n")
    assert bill.unrecognized == ()
    assert [op.target.code for op in bill.operations] == ["code-electoral"] * 2
