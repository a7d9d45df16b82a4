"""Reading one instruction sentence with ``grammars/instructions.lark``.

Quotations « … » become placeholders (:func:`prepare`); the LALR parser reads the
sentence and :class:`_ToParts`, given to the parser, turns it into plain parts: chains of
units, words, contents, clauses (:class:`Sentence`). What they designate in a code is
decided by :mod:`legidiff.bill.build`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from lark import Token, Transformer, Tree
from lark.exceptions import UnexpectedInput

from legidiff.bill.grammar import FastLALR, pure_rule, transforming_parser
from legidiff.bill.operations import Position, UnitKind
from legidiff.diagnostics import LegidiffError
from legidiff.document.locator import StepKind
from legidiff.document.structure import canonical_label
from legidiff.lang.codes import CODE_NAME_PATTERN
from legidiff.lang.numbering import (
    article_key,
    division_key,
    ordinal_words,
    parse_cardinal,
    parse_ordinal,
)
from legidiff.lang.vocabulary import (
    ADVERB_PATTERN,
    AND_REMAIN_PATTERN,
    IMPERATIVES,
    ORDINAL_AND,
    ORDINAL_COMMA,
    ORDINAL_PATTERN,
    Verb,
)
from legidiff.perf import quick_init

# ---------------------------------------------------------------------------
# Preparing a sentence: quotations out, final punctuation off


@quick_init
@dataclass(frozen=True, slots=True)
class Prepared:
    """A sentence ready for the grammar: ``text`` with ⟨n⟩ for the n-th quotation."""

    text: str
    quotes: tuple[str, ...]
    origin: tuple[int, ...]  # index in the original sentence of each character of text
    ends_with_colon: bool
    problems: tuple[tuple[str, str, int], ...] = ()  # (code, message, offset)
    set_aside: tuple[str, ...] = ()  # version qualifiers and dates the grammar does not see
    # where, in the original sentence, each clause of time or reservation set aside stood
    # (a date set aside is the whole sentence's: see parse_sentence)
    timed: tuple[int, ...] = ()

    def column(self, index: int) -> int:
        """0-based offset in the original sentence of the prepared text's ``index``."""
        if not self.origin:
            return 0
        return self.origin[min(max(index, 0), len(self.origin) - 1)]


_TRANSLATE = str.maketrans({"’": "'", "\u2011": "-", "\u00a0": " ", "\u202f": " ",
                            "\u2009": " "})
# Outside quotations: the placeholders of quotations (a literal "⟨0⟩" in the text is not a
# quotation), and the letters that case-insensitive matching takes for i, s and k although
# no word of drafting has them ("du lıvre", "la ſection"), become a character no rule reads
_UNSAFE = str.maketrans({"⟨": "\ufffd", "⟩": "\ufffd", "\u0130": "\ufffd",
                         "\u0131": "\ufffd", "\u017f": "\ufffd", "\u212a": "\ufffd"})




def _replaced(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)`` for a table of a few characters, each to a text that
    holds none of them: one search per character (``str.translate`` looks each character
    of the text up in the table, a tenth of the time of ``prepare``)."""
    pairs = _UNSAFE_PAIRS if table is _UNSAFE else _TRANSLATE_PAIRS if table is _TRANSLATE \
        else tuple((chr(code), new) for code, new in table.items())
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


# the two tables as characters, for _replaced
_UNSAFE_PAIRS = tuple((chr(code), new) for code, new in _UNSAFE.items())
_TRANSLATE_PAIRS = tuple((chr(code), new) for code, new in _TRANSLATE.items())


_MARKS_RE = re.compile("[«»]")
_STRAIGHT_MARKS_RE = re.compile('[«»"]')


def prepare(sentence: str) -> Prepared:
    """Replace each top-level quotation « … » by ⟨n⟩ and drop the final punctuation.

    >>> p = prepare("les mots : « X « Y » Z » sont supprimés ;")
    >>> p.text, p.quotes
    ('les mots : ⟨0⟩ sont supprimés', ('X « Y » Z',))
    """
    if "«" not in sentence and "»" not in sentence and '"' not in sentence:
        return _finish_prepared(_replaced(sentence, _UNSAFE), (), list(range(len(sentence))),
                                [])
    problems: list[tuple[str, str, int]] = []
    if "«" not in sentence and "»" not in sentence:
        sentence = _straight_slips(sentence, problems)
    out: list[str] = []
    origin: list[int] = []
    quotes: list[str] = []
    depth = 0
    start = 0
    straight = "«" not in sentence and sentence.count('"') >= 2 and sentence.count('"') % 2 == 0
    # only the quotation marks change the depth: the text between two of them is copied
    # at once (each character of it to one character: ``origin`` stays one to one)
    last = 0
    for mark in (_STRAIGHT_MARKS_RE if straight else _MARKS_RE).finditer(sentence):
        i = mark.start()
        if depth == 0 and i > last:
            out.append(_replaced(sentence[last:i], _UNSAFE))
            origin.extend(range(last, i))
        last = i + 1
        ch = sentence[i]
        # a straight mark inside a straight quotation opens a nested one when it stands
        # before a word after a space or a parenthesis, and the next mark closes it before
        # a mark that closes the outer one: « … (règlement "OCM unique")" » (2010
        # agriculture bill); any other closes
        nested = straight and ch == '"' and depth == 1 and i + 1 < len(sentence) and \
            sentence[i - 1] in " (\u00a0" and (
                sentence[i + 1].isalnum() or _spaced_nested(sentence, i)) and \
            _closes_nested(sentence, i)
        opening = ch == "«" or (straight and ch == '"' and (depth == 0 or nested))
        closing = ch == "»" or (straight and ch == '"' and depth >= 1 and not nested)
        if opening and not (straight and closing and depth):
            if depth == 0:
                start = i
            depth += 1
            continue
        if closing and depth:
            depth -= 1
            if depth == 0:
                _add_quote(sentence[start + 1:i], start, quotes, out, origin, problems)
            continue
        if closing:
            problems.append(("LD210", "guillemet fermant « » » sans guillemet ouvrant", i))
            continue
    if depth == 0 and len(sentence) > last:
        out.append(_replaced(sentence[last:], _UNSAFE))
        origin.extend(range(last, len(sentence)))
    if depth:
        body = sentence[start + 1:].rstrip()
        body = body[:-1].rstrip() if body.endswith((";", ".")) else body
        problems.append(("LD210", "guillemet « ouvert et jamais fermé : la citation va "
                                  "jusqu'à la fin de la phrase", start))
        _add_quote(body, start, quotes, out, origin, problems)
    return _finish_prepared("".join(out), tuple(quotes), origin, problems)


# a few words quoted between spaced straight marks inside a straight quotation,
# the outer text going on in lower case after them: « … par une contribution de la
# branche " accidents du travail et maladies professionnelles " couvrant … » (2010
# pensions bill), « … l'agrément " qualité " visé à … » (2010 agriculture bill)
_SPACED_NESTED_RE = re.compile(
    r'"[ \u00a0]++(?P<words>[^":;"]{1,80}?)[ \u00a0]"[ \u00a0]++[a-zàâéèêîôûç]')


_INSTRUCTION_WORDS_RE = re.compile(
    r"\b(?:sont|est|par|remplacée?s?|insérée?s?|ajoutée?s?|supprimée?s?|mots?|références?"
    r"|respectivement)\b")


def _spaced_nested(sentence: str, at: int) -> bool:
    """Whether the straight mark at ``at`` opens a few spaced words (at most six) that the
    next mark closes, the outer quotation going on after them in lower case."""
    m = _SPACED_NESTED_RE.match(sentence, at)
    if m is None or len(m.group("words").split()) > 6:
        return False
    # the words between two quotations of an instruction (« " X " et " Y " », « " X " sont
    # remplacés par les mots " Y " », as the code adaptations write them) are no words quoted
    words = m.group("words").strip().lower()
    # (« " a " , " b " et " c " »: a comma between two quotations is no words quoted)
    return words not in ("et", "ou") and _INSTRUCTION_WORDS_RE.search(words) is None and \
        re.search(r"[^\W\d_]", words) is not None


def _closes_nested(sentence: str, at: int) -> bool:
    """Whether the straight mark after ``at`` closes a quotation (no word glued after it)
    and the one after that closes the quotation around it, with no « : » between."""
    inner = sentence.find('"', at + 1)
    if inner < 0 or (inner + 1 < len(sentence) and sentence[inner + 1].isalnum()):
        return False
    outer = sentence.find('"', inner + 1)
    return outer > 0 and ":" not in sentence[inner + 1:outer]


# Slips of straight quotation marks whose meaning is certain (La Fabrique de la loi's
# texts): an opening mark doubled before a word (« les mots : ""soixante-deux". », 2010
# pensions bill), and the only mark of the sentence closing words announced by « : »
# whose opening mark is lost (« est ajoutée la mention : I. -" ; », 2010 agriculture
# bill: nothing but the stop follows it)
_DOUBLED_OPENING_RE = re.compile(r'(?<=[\s:])""(?=\w)')
_LOST_OPENING_RE = re.compile(r'\b(?:mention|mots?|références?)\s*+:\s*+(?P<words>[^":;]{1,40}?)"'
                              r'[\s;.]*$', re.IGNORECASE)


def _straight_slips(sentence: str, problems: list[tuple[str, str, int]]) -> str:
    """``sentence`` with the slips of ``_DOUBLED_OPENING_RE`` and ``_LOST_OPENING_RE``
    corrected, each reported (LD210, a warning)."""
    count = sentence.count('"')
    if count % 2 == 1 and count > 1:
        m = _DOUBLED_OPENING_RE.search(sentence)
        if m is not None and len(_DOUBLED_OPENING_RE.findall(sentence)) == 1:
            problems.append(("LD210", "guillemet ouvrant doublé : lu une fois", m.start()))
            return sentence[:m.start()] + sentence[m.start() + 1:]
    if count == 1:
        m = _LOST_OPENING_RE.search(sentence)
        if m is not None:
            problems.append(("LD210", "guillemet ouvrant manquant : la citation lue depuis le "
                                      "« : » qui l'annonce", m.start("words")))
            return f'{sentence[:m.start("words")]}"{sentence[m.start("words"):]}'
        m = _LONE_CLOSING_RE.search(sentence)
        if m is not None:
            # « L'article L. 4622-8 devient l'article L. 4622-15." ; » (2011 bill on
            # occupational health, code du travail): the only mark, after the sentence's
            # stop, closes the quotation the item stood in — not part of the instruction
            problems.append(("LD210", "guillemet fermant seul après la fin de la phrase : "
                                      "non lu", m.start("mark")))
            return sentence[:m.start("mark")] + sentence[m.end("mark"):]
    return sentence


# the only straight mark of a sentence, between its stop and the stop of the item (a mark
# that ends the line closes the quotation of a block, and is read as before)
_LONE_CLOSING_RE = re.compile(r'[.;](?P<mark>\s*+")\s*+[;.]\s*+$')


# What the grammar does not see (documented in instructions.lark): a version qualifier
# (", tel qu'il résulte de la loi n° …,") and the date an instruction applies from ("à
# compter du 1er janvier 2011", or any date in a leading clause ending with a comma), kept
# in ``Prepared.set_aside`` for the report
# (the expression starts on its first word, and the comma and spaces before it are taken
# by hand: a leading "\s*" tried at every position of a run of spaces was quadratic; the
# qualifier is read word by word, so that the look for "est" or "sont" after it is not
# tried at each space of a run)
_SET_ASIDE_RE = re.compile(
    r"\b(?:(?:tel|telle|tels|telles),?\s++qu'(?:il|elle|ils|elles)\s++résult(?:e|ent)"
    r"|dans\s++(?:sa|leur)\s++(?:rédaction|version)\s++(?:résultant|issue)s?)\s++d[eu']"
    r"(?:\s*+[^,;:\s]++)*?\s*+(?:,|(?<=\s)(?=(?:est|sont)\b))"
    r"|\b(?:à|a) compter du\s++\d{1,2}(?:er)?\s++(?:janvier|février|mars|avril|mai|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre)\s++\d{4}\s*+,?"
    # a leading clause of any date: "À compter du premier jour du quatrième mois suivant la
    # date de publication de la présente loi, le chapitre VII … est ainsi modifié :"
    r"|\A(?:à|a) compter (?:du|de la|de l'|des|de)\s[^,;:⟨⟩]{3,200}?,"
    # a delay between commas: "…, dans un délai de six mois à compter de la publication
    # de cette même loi, la référence : « … » est remplacée …" (Grenelle II bill)
    r"|(?<=,)\s*+dans\s++un\s++délai\s++d['e]\s*+[^,;:⟨⟩]{2,40}?\s++(?:à|a)\s++compter"
    r"\s++d[eu'][^,;:⟨⟩]{3,200}?,", re.IGNORECASE)


# a clause of time or reservation that ends a repeal, after its verb: « L'article 91 de la
# loi n° 2005-270 … est abrogé à compter de l'entrée en vigueur du décret mentionné au I …
# et au plus tard le 1er juillet 2011. », « Les articles 1er à 5-1 de la loi n° 88-227 …
# sont abrogés, sous réserve des dispositions du second alinéa du II du présent article. »,
# « … est abrogé à l'expiration du délai d'un an à compter de la date de publication … ».
# It says when or how far the repeal applies, not what is repealed: set aside (like
# « à compter du <date> »), its dates kept for the report. Only at the end of the sentence
# (nothing quoted, no « ; » or « : » after it) and right after « abrogé » or « supprimé »:
# elsewhere the clause may be part of what the instruction names. Looked for once, from
# the last quotation or stop of the sentence: linear.
_TRAILING_CLAUSE_RE = re.compile(
    r"\b(?:abrogé|supprimé)e?s?(?P<gap>\s*+,?\s*+)(?=(?:(?:à|a)\s++compter\s++d[eu'"
    r"]|(?:à|a)\s++l'expiration\s++d[eu']|sous\s++réserve\s++d[eu']|jusqu'(?:au|à)\s"
    r"|au\s++plus\s++tard\s))", re.IGNORECASE)


_TRAILING_CLAUSE_WORDS = ("compter", "expiration", "réserve", "jusqu", "tard")
# the verb of a repeal first, its subject after it (« Sont et demeurent abrogés, … »)
_VERB_FIRST_RE = re.compile(r"\s*+(?:est|sont)(?:\s++" + AND_REMAIN_PATTERN + r")?\s++",
                            re.IGNORECASE)


# the end of a sentence inside an item: a full stop, then a capitalised word (« … est
# abrogé à compter du 1er janvier 2004. Les articles 16 bis et 16 ter demeurent en
# vigueur … », a 2003 décret): a clause of time never runs past it
# (its full stop first, the characters before it looked at behind the stop: ``re`` then
# tries the expression only where a full stop stands, not at every character)
_SENTENCE_STOP_RE = re.compile(r"\.(?<![\s.]\.)(?<!\b[A-Z]\.)(?<!\bart\.)(?<!\bArt\.)\s++"
                               r"(?=[A-ZÀÂÉÈÊÎÔÛÇ][a-zàâéèêëîïôûüç'])")


def _trailing_clause(text: str) -> tuple[int, int] | None:
    """Where the clause of time or reservation that ends ``text`` starts, and where the
    participle before it ends (see ``_TRAILING_CLAUSE_RE``)."""
    low = text.lower()  # (the words every such clause opens with, first: most have none)
    if not any(word in low for word in _TRAILING_CLAUSE_WORDS):
        return None
    end = len(text.rstrip(" .;,"))
    if text[end:].strip(" .;,") or text.rstrip().endswith(":"):
        return None
    stop = max(text.rfind(c, 0, end) for c in "⟨⟩;:")
    for cut in _SENTENCE_STOP_RE.finditer(text, max(stop, 0), end):
        stop = cut.start()  # the clause is in the last sentence, or there is none
    m = _TRAILING_CLAUSE_RE.search(text, max(stop, 0), end)
    if m is None or _VERB_WORD_RE.search(text, m.end(), end) or \
            _VERB_FIRST_RE.fullmatch(text, max(stop + 1, 0), m.start()):
        # (a verb after it: « Le 2° est supprimé à compter du 1er janvier 2005 et le 3°
        # devient le 2° » — the clause would take the next instruction with it; the verb
        # first: « Sont abrogés, à compter du 1er janvier 2011, les articles … » — what is
        # repealed follows the clause)
        return None
    return m.start("gap"), m.end()


# a text's date or number just before (the end of « la loi n° 2004-1343 du 9 décembre
# 2004 », « l'ordonnance n° 2000-1 »), looked for in the 40 characters before (a search
# from the start for each slip would read a long sentence again for each)
_TEXT_NUMBER_BEFORE_RE = re.compile(
    r"(?:\bn\s*+°\s*+\d[\d-]*+|(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|"
    r"septembre|octobre|novembre|décembre|decembre)\s++\d{4})$", re.IGNORECASE)


# Typing errors of the sources whose meaning is certain, read as the word meant, each
# with a warning naming the correction (LD215), outside quotations only: « Le deuxième
# aliéna est complété … » (2015 intelligence bill), « À l'avant dernier alinéa » (2010
# agriculture bill), « lu mot : « verbalisés » est remplacé » (2006 water bill), « un
# article L. L. 5742-2 » (2012 overseas bill), « Le chapitre Ierdu titre II » (amendment
# n° 88, 2014 terrorism bill), « au dé but de la seconde phrase » (amendment n° 420,
# 2015 intelligence bill), « insérer deux alinéas ainsi régiés » (amendment n° COM-17,
# 2012 overseas bill), « Après le 4° alinéa de l'article 222-14 » (2010 violence bill: an
# ordinal in digits before « alinéa », never an item), « Le quatrième alinéa est complété
# les mots : « … » » (2013 local elections bill: « par » lost). Other slips (« BL'intitulé »)
# are left to the grammar's refusal.
_TYPOS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), meant) for pattern, meant in (
        (r"\baliéna(?=s?\b)", "alinéa"),
        (r"\bavant\s(?=derni[eè]re?s?\b)", "avant-"),
        (r"\blu(?=\smot\b)", "le"),
        (r"\b(?-i:([LRD])\.\s+\1)(?=\.\s*\d)", r"\1"),
        (r"\b(?-i:Ier)(?=(?:du|de|des)\b)", "Ier "),
        (r"\bdé\s(?=but\b)", "dé"),
        (r"\brégié(?=e?s?\b)", "rédigé"),
        (r"(?<![\w°-])(?P<n>[1-9]\d?)\s*+°(?=\s++alinéa\b)",
         lambda m: ordinal_words(int(m.group("n")))),
        (r"\bcomplétée?s?(?=\s++(?:les|le|la|l'|une?|des|deux|trois|quatre|cinq)\s++"
         r"(?:mots?|phrases?|alinéas?)\b)", lambda m: f"{m.group()} par"),
        # « les mots : « … » sont remplacés les mots : « … » » (2013 bill, code de procédure
        # pénale): « par » lost after the words replaced
        (r"(?<=⟩)\s++(?:est|sont)\s++remplacée?s?(?=\s++(?:les|le|la|l')\s*+(?:mots?|"
         r"références?)\b)", lambda m: f"{m.group()} par"),
        # amendments on the 2015 intelligence and 2019 Alsace bills, the 2009 hospital bill:
        # « insérer les neufs alinéas suivants », « Aux première et deuxième phrases
        # del'alinéa 9 », « un chapitre II _bis_ainsi rédigé » (italics of a web page),
        # « À la première phrase l'alinéa 6 »; « un 5°ainsi rédigé » (Grenelle II bill)
        (r"\bneufs(?=\s++alinéas\b)", "neuf"),
        (r"\bdel'(?=alinéa)", "de l'"),
        (rf"(?<=\S)\s*+_(?P<a>{ADVERB_PATTERN})_\s*+",
         lambda m: f" {m.group('a')}" + (" " if m.string[m.end():m.end() + 1].isalnum() else "")),
        (r"\bphrase(?=\s++l'(?:alinéa|article)\b)", "phrase de"),
        # « de » lost between an item and its article: « Après le 1° l'article 261 D du même
        # code, il est inséré un 1° bis » (the 2009 simplification bill); the digit one
        # typed for the letter l: « Au troisième alinéa de 1'article L. 5211-8 » (same bill)
        (r"(?<=\b(?:le|du|au)\s)(?P<n>\d{1,3}\s*+°(?:\s++(?:bis|ter|quater))?)\s++"
         r"(?=(?-i:l')article\b)", lambda m: f"{m.group('n')} de "),
        (r"(?<![\w'])1'(?=articles?\b)", "l'"),
        # « du » lost between a number and a code's name: « Après le premier alinéa de
        # l'article L. 224-14 code de la sécurité sociale », « Le 8° de l'article L. 5552-16
        # code des transports » (AN amendments on the 2021 social security financing bill)
        # — not after a text's date or number (« la loi n° 2004-1343 du 9 décembre 2004
        # code civil »: a unit of which text is meant is not sure; the title reader refuses)
        (r"(?<=\d)\s++(?=code\s++(?:de|des|du|civil|pénal|général|rural|électoral|forestier|"
         r"minier|monétaire)\b)", lambda m: m.group() if _TEXT_NUMBER_BEFORE_RE.search(
             m.string, max(m.start() - 40, 0), m.start()) else " du "),
        # the label's degree sign glued to the next word: « un 5°ainsi rédigé » (Grenelle II
        # bill), « Au 3°du I de l'article L. 162-22-10 », « Le b du 2°de l'article L. 1431-2 »
        # (AN amendments on the 2020 and 2021 social security financing bills)
        (r"(?<=\d°)(?=(?:ainsi|du|de|des|d'|et|est|sont)\b)", " "),
        # a comma between a sentence's first subject and its verb, the subject holding no
        # other comma (so closing no incise): « Le III, est complété par les mots : … », « Le
        # premier alinéa du I de l'article L. 162-16-4 du code de la sécurité sociale, est
        # complété par une phrase ainsi rédigée : » (AN amendments on the 2020 and 2021 social
        # security financing bills)
        (r"^(?P<s>(?:le|la|les|l')[^,⟨⟩;:]*?)(?<!\s)\s*+,(?=\s*+(?:est|sont)\s++(?:ainsi\s++)?"
         r"(?:complétée?s?|remplacée?s?|rédigée?s?|modifiée?s?|supprimée?s?|abrogée?s?)\b)",
         lambda m: m.group("s")),
        # amendments (2013 transparency bill, 2015 intelligence bill): an ordinal in
        # digits « le 9ème alinéa », « le 2e alinéa », after its article only (never in a
        # number: « l'article Annexe à l'article A. 931-11-9 (3e alinéa) Annexe II » of the
        # code de la sécurité sociale); the verb written twice « insérer après le mot :
        # « que », insérer le mot : « pour » »
        (r"(?<=(?:[lL]e|[dDaA]u)\s)(?P<n>[1-9]\d?)\s*+(?:ème|e)(?=\s++alinéa\b)",
         lambda m: ordinal_words(int(m.group("n")))),
        (r"\b(?P<v>insérer|ajouter)\s++(?=(?:après|avant)\s[^,⟩]*+⟩\s*+,\s*+(?P=v)\b)", ""),
        # its article lost: « Compléter cet article par paragraphe ainsi rédigé : » (AN
        # amendment n° 1204 on the 2010 pensions bill)
        (r"\bpar(?=\s++(?:paragraphe|alinéa|article)\s++ainsi\s++rédigé\b)", "par un"),
    ))


# what each slip of _TYPOS needs to be there, in one search: most sentences hold none
# (« complété » and « remplacé » alone are in most sentences; their slips, a lost « par »,
# are followed by the words' article); a slip added to _TYPOS is added here too
_TYPO_HINT_BRANCHES = (
    r"liéna", r"avant\sderni", r"lu\smot", r"L\.\s+[LRD]\.", r"R\.\s+[LRD]\.", r"D\.\s+[LRD]\.",
    r"Ierd", r"dé\sb", r"égié", r"°\s*+alinéa",
    r"complétée?s?\s++(?:les?\s|la\s|l'|une?\s|des\s|deux|trois|quatre|cinq)",
    r"remplacée?s?\s++(?:les?|la|l')", r"neufs", r"del'", r"_", r"phrase\s++l'",
    r"\d\s++code\s", r"°\s++l'article", r"1'article", r"°(?:ainsi|du|de|des|d'|et|est|sont)\b",
    r",\s*+(?:est|sont)\s++(?:ainsi\s++)?(?:complét|remplac|rédig|modifi|supprim|abrog)",
    r"\d\s*(?:ème|e)\s+alinéa", r"insérer\s++(?:après|avant)", r"ajouter\s++(?:après|avant)",
    r"par\s++(?:paragraphe|alinéa|article)\s++ainsi")
_TYPO_HINT = re.compile("|".join(_TYPO_HINT_BRANCHES), re.IGNORECASE)
# the same, case-sensitive, for the sentence in small letters: a tenth of the time (a
# search ignoring case lowers each character for each alternative). Outside quotations no
# character that case-insensitive matching takes for another letter is left (see
# _UNSAFE), so a letter matches the hint ignoring case exactly when its small letter
# matches this one (``tests/test_prefilters.py`` checks it on every character)
_TYPO_HINT_SMALL = re.compile(_TYPO_HINT.pattern.lower())
# and that search as several, their branches together the same (a text matches the one
# exactly when it matches any): the branches that open with a letter or a sign, grouped by
# that character (« l(?:iéna|u\smot|…) »: ``re`` looks for them only where one of those
# characters stands, and tries at each only the branches that open with it); and the
# branches that open with a class, each looked for only where the word it holds is in the
# sentence (``re`` would try them at every character)
_TYPO_HINT_NEEDS: dict[str, tuple[str, ...]] = {
    "alinéa": tuple(b for b in _TYPO_HINT_BRANCHES if b[0] in "\\[(" and b.endswith("alinéa")),
    "code": (r"\d\s++code\s",)}
_TYPO_HINT_OTHERS = tuple(b for needed in _TYPO_HINT_NEEDS.values() for b in needed)
assert all(b[0] not in ".^$*+?{|)" and b[1:2] not in ("*", "+", "?", "{")
           for b in _TYPO_HINT_BRANCHES if b not in _TYPO_HINT_OTHERS), "a branch to group"


def _grouped(branches: list[str]) -> str:
    """The alternation of ``branches`` (each opening with a plain character) grouped by
    their first character: the same texts matched."""
    groups: dict[str, list[str]] = {}
    for branch in branches:
        groups.setdefault(branch[0], []).append(branch[1:])
    return "|".join(re.escape(first) + (f"(?:{'|'.join(rests)})" if rests != [""] else "")
                    for first, rests in groups.items())


_TYPO_HINT_GROUPED = re.compile(
    _grouped([b.lower() for b in _TYPO_HINT_BRANCHES if b not in _TYPO_HINT_OTHERS]))


def _digits_before(small: str, at: int) -> bool:
    """Whether ``small[:at]`` ends with ``\\d\\s*``: a digit, then spaces or none."""
    while at and small[at - 1].isspace():
        at -= 1
    return at > 0 and small[at - 1].isdecimal()


def _ordinal_alinea(small: str) -> bool:
    """``\\d\\s*(?:ème|e)\\s+alinéa`` found in ``small``, read backwards from each
    « alinéa » (``re`` would try the digit at every character)."""
    at = small.find("alinéa")
    while at >= 0:
        k = at
        while k and small[k - 1].isspace():
            k -= 1
        if k < at and k and small[k - 1] == "e" and (
                _digits_before(small, k - 1) or (small.endswith("ème", 0, k)
                                                 and _digits_before(small, k - 3))):
            return True
        at = small.find("alinéa", at + 1)
    return False


def _number_code(small: str) -> bool:
    """``\\d\\s++code\\s`` found in ``small``, read backwards from each « code »."""
    at = small.find("code")
    while at >= 0:
        if at and small[at - 1].isspace() and small[at + 4:at + 5].isspace() and \
                _digits_before(small, at - 1):
            return True
        at = small.find("code", at + 1)
    return False


# each word, and the test of the branches that need it (the same texts matched:
# ``tests/test_prefilters.py``)
_TYPO_HINT_BY_WORD = (("alinéa", _ordinal_alinea), ("code", _number_code))
assert tuple(w for w, _f in _TYPO_HINT_BY_WORD) == tuple(_TYPO_HINT_NEEDS)


def _typo_hinted(small: str) -> bool:
    """Whether ``small`` (a sentence in small letters) matches :data:`_TYPO_HINT_SMALL`."""
    return _TYPO_HINT_GROUPED.search(small) is not None or any(
        word in small and found(small) for word, found in _TYPO_HINT_BY_WORD)


def _correct_typos(text: str, origin: list[int], problems: list[tuple[str, str, int]]
                   ) -> tuple[str, list[int]]:
    """``text`` with the typing errors of :data:`_TYPOS` corrected, each reported."""
    for pattern, meant in _TYPOS:
        m = pattern.search(text)
        while m is not None:
            written = m.group()
            fixed = meant(m) if callable(meant) else m.expand(meant)
            start, end = m.start(), m.end()
            if fixed == written:  # not a slip there (the rule's own test)
                m = pattern.search(text, end)
                continue
            column = origin[start] if start < len(origin) else (origin[-1] if origin else 0)
            tail = re.match(r"\s*[^\s⟨]*", text[end:end + 40])
            after = tail.group() if tail else ""
            head = re.search(r"[^\s⟩]*$", text[max(start - 30, 0):start])
            before = head.group() if head else ""
            shown = f"{before}{written}{after}".strip()
            meant_shown = f"{before}{fixed}{after}".strip()
            problems.append(("LD215", f"faute de frappe corrigée : « {shown} » lu "
                                      f"« {meant_shown} »", column))
            text = text[:start] + fixed + text[end:]
            origin = origin[:start] + [column] * len(fixed) + origin[end:]
            m = pattern.search(text, start + len(fixed))
    return text, origin


# a unit named by its rank before the items above changed it and by its rank now: « Le
# dixième alinéa, devenu treizième, est ainsi modifié » (décret n° 2011-1049, after three
# items inserted above it), « Au 3°, devenu 4°, », « Le II, devenu III, », « Au troisième
# alinéa devenu le septième alinéa, », « Le cinquième alinéa (devenu le septième alinéa) »
# — the instructions apply in order, so the unit is the one of the rank it has now; the
# former rank is set aside (reported). The apposition between commas, in parentheses, or
# with no comma before it (then it ends at the lead's comma or before the verb); the two
# ranks of one kind of unit (an alinéa, an item 3°, a part II)
_BECAME_RE = re.compile(
    rf"\b(?:(?P<old>{ORDINAL_PATTERN})\s++(?P<noun>alinéas?)|(?P<label>\d{{1,4}}°)"
    rf"|(?<![\w'’])(?P<roman>(?-i:[IVXLC]{{1,7}})))"
    rf"(?P<open>\s*+,\s*+|\s*+\(\s*+|\s++)devenue?s?\s++(?:(?:le|la|les|l['’])\s*+)?"
    rf"(?:(?P<new>{ORDINAL_PATTERN})(?:\s++alinéas?)?|(?P<new_label>\d{{1,4}}°)"
    rf"|(?P<new_roman>(?-i:[IVXLC]{{1,7}}))(?![\w'’]))"
    rf"(?P<close>\s*+[,)]|(?=\s++(?:est|sont)\b))", re.IGNORECASE)


_VERB_NEXT_RE = re.compile(r"\s*+(?:est|sont)\b")


def _became(text: str, origin: list[int], aside: list[str]) -> tuple[str, list[int]]:
    """``text`` with each unit named by its former and its present rank named by the
    present one (see ``_BECAME_RE``); what is set aside goes to ``aside``."""
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _BECAME_RE.finditer(text):
        if (m.group("noun") is None) != (m.group("new") is None) or \
                (m.group("label") is None) != (m.group("new_label") is None):
            continue  # « Le 3°, devenu troisième alinéa, »: not one kind of unit
        opened, closed = m.group("open").strip(), m.group("close").strip()
        if (opened == "(") != (closed == ")") or (opened == "," and closed != ","):
            continue  # « (devenu le septième alinéa », « , devenu le 4° est »: not closed
        now = f"{m.group('new')} {m.group('noun')}" if m.group("noun") else \
            m.group("new_label") or m.group("new_roman")
        # the comma closed the apposition; before a clause (« Au troisième alinéa, les
        # mots … »), not before the verb of its subject (« Le treizième alinéa est … »)
        now += " " if closed != "," or _VERB_NEXT_RE.match(text, m.end()) else ", "
        _keep(text, origin, last, m.start(), now, out, kept)
        aside.append(text[m.start():m.end()].strip(" ,()"))
        last = m.end()
    return _with_rest(text, origin, last, out, kept)


# where a unit came from, after its name: « Le titre III du livre IV du code de l'action
# sociale et des familles inséré par le 7° de l'article 5 de la même ordonnance est ainsi
# modifié : » (a ratification law of 2006), « l'article L. 1 créé par l'article 3 de la loi
# n° … , » — which text made the unit, not which unit: set aside up to the comma or the
# verb, as « tel qu'il résulte de … » is. Only a participle that no « est », « sont »,
# « a été » makes a verb (« Il est créé par la présente loi un fonds » stays), followed by
# « par » and a unit of a text (a label, a number, « article », « alinéa »).
_PROVENANCE_RE = re.compile(
    r"(?<!\best\s)(?<!\bsont\s)(?<!\bété\s)"
    r"\b(?:inséré|créé|introduit|rétabli|ajouté)e?s?\s++par\s++"
    r"(?:le|la|les|l['’])\s*+(?=\d|(?-i:[IVXLC]++)\b|articles?\b|alinéas?\b)"
    r"(?:\s*+[^,;:\s⟨⟩]++)*?\s*+(?:,|(?<=\s)(?=(?:est|sont)\b))", re.IGNORECASE)


def is_provenance(note: str) -> bool:
    """Whether a note set aside (``Prepared.set_aside``) says where a unit came from: its
    dates are those of the text that made the unit, not when the instruction applies."""
    return _PROVENANCE_RE.match(note + ",") is not None


def _spaces_before(text: str, start: int, last: int) -> int:
    """Where the spaces before ``start`` begin, not before ``last``."""
    while start > last and text[start - 1].isspace():
        start -= 1
    return start


def _keep(text: str, origin: list[int], last: int, start: int, filler: str, out: list[str],
          kept: list[int]) -> None:
    """The text from ``last`` to ``start`` kept, then ``filler`` in place of what is set
    aside from there (its origin: where that starts)."""
    out.append(text[last:start] + filler)
    kept.extend(origin[last:start])
    kept.extend([origin[start] if start < len(origin) else 0] * len(filler))


def _with_rest(text: str, origin: list[int], last: int, out: list[str], kept: list[int]
               ) -> tuple[str, list[int]]:
    """The pieces kept by :func:`_keep`, then the text from ``last`` on, with their origins;
    the text as it was when nothing was cut."""
    if not out:
        return text, origin
    out.append(text[last:])
    kept.extend(origin[last:])
    return "".join(out), kept


def _provenance(text: str, origin: list[int], aside: list[str]) -> tuple[str, list[int]]:
    """``text`` without where its units came from (see ``_PROVENANCE_RE``); what is set
    aside goes to ``aside``."""
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _PROVENANCE_RE.finditer(text):
        start = _spaces_before(text, m.start(), last)
        # its comma kept (the text after it has its space), or one space before the verb
        _keep(text, origin, last, start, "," if m.group().endswith(",") else " ", out, kept)
        aside.append(m.group().strip(" ,"))
        last = m.end()
    return _with_rest(text, origin, last, out, kept)


def _finish_prepared(text: str, quotes: tuple[str, ...], origin: list[int],
                     problems: list[tuple[str, str, int]]) -> Prepared:
    text = _replaced(text, _TRANSLATE)
    if _typo_hinted(text.lower()):
        text, origin = _correct_typos(text, origin, problems)
    aside: list[str] = []
    timed: list[int] = []
    if "devenu" in text:
        text, origin = _became(text, origin, aside)
    if " par " in text:
        low = text.lower()  # (the participles first: « remplacé par » is in most sentences)
        if "inséré" in low or "créé" in low or "introduit" in low or "rétabli" in low or \
                "ajouté" in low:  # (the participles of _PROVENANCE_RE)
            text, origin = _provenance(text, origin, aside)
    trailing = _trailing_clause(text) if ("abrog" in text or "supprim" in text) else None
    if trailing is not None:
        verb_end, clause = trailing
        end = len(text.rstrip(" .;,"))
        aside.append(text[clause:end])
        timed.append(origin[clause] if clause < len(origin) else 0)
        text, origin = text[:verb_end] + text[end:], origin[:verb_end] + origin[end:]
    if "compter" in text or "résult" in text or "rédaction" in text or "version" in text:
        kept: list[str] = []
        kept_origin: list[int] = []
        last = 0
        for m in _SET_ASIDE_RE.finditer(text):
            start = _spaces_before(text, m.start(), last)
            if start > last and text[start - 1] == ",":
                start -= 1
            _keep(text, origin, last, start, " ", kept, kept_origin)
            aside.append(m.group().strip(" ,"))
            if not m.group().lower().startswith(("tel", "dans sa", "dans leur")):
                timed.append(origin[m.start()] if m.start() < len(origin) else 0)
            last = m.end()
        text, origin = _with_rest(text, origin, last, kept, kept_origin)
    stripped = text.rstrip()
    colon = False
    while stripped and stripped[-1] in ";.:,":
        colon = colon or stripped[-1] == ":"
        stripped = stripped[:-1].rstrip()
    if stripped.endswith((" et", " ou")):
        stripped = stripped[:-3].rstrip()
    return Prepared(stripped, quotes, tuple(origin[:len(stripped)]), colon, tuple(problems),
                    tuple(aside), tuple(timed))


def _add_quote(body: str, start: int, quotes: list[str], out: list[str], origin: list[int],
               problems: list[tuple[str, str, int]]) -> None:
    content = body.strip(" \u00a0\u202f\t")
    if not content:
        problems.append(("LD205", "citation vide « »", start))
    placeholder = f"⟨{len(quotes)}⟩"
    quotes.append(content)
    out.extend(placeholder)
    origin.extend([start] * len(placeholder))


# ---------------------------------------------------------------------------
# Parts of a sentence, as the grammar gives them


@quick_init
@dataclass(frozen=True, slots=True)
class UnitSpec:
    """One unit of a chain: its kind and values ("premier et deuxième" alinéas: 1, 2)."""

    kind: StepKind
    values: tuple[str, ...]
    until: str | None = None  # a range "III à V"
    same: bool = False  # "le même III"
    this: bool = False  # "le présent article"
    plural: bool = False  # "ces alinéas": all those the last lead named
    confirm: bool = False  # "le même chapitre Ier": values check the unit named before
    counted: bool = False  # "aux trois alinéas": every alinéa, 1 to 3
    # a list of ranges and single numbers (« les articles 3 à 5, 7 et 9 à 11 »): the end
    # of each value's range, or None (as many as ``values``; ``until`` is None then)
    untils: tuple[str | None, ...] = ()
    # the heading the text gives one division besides its number (« la section IV
    # intitulée : « Du racolage » »; ⟨n⟩ until _fill_titles), checked when applied
    heading: str | None = None
    # what the text says one division is about (« le chapitre III relatif aux plans locaux
    # d'urbanisme »), checked when applied
    about: str | None = None
    # « le paragraphe II », as written: in an article (« L'article 9 est ainsi modifié :
    # 1° Le paragraphe II est abrogé »), the article's II, not a division of the code
    labels: tuple[str, ...] = ()


THE_BILL = "projet de loi"
"""The name of the text « le titre du projet de loi » (« de la proposition de loi ») names:
the bill the amendments amend (:class:`TextKind` CONTEXT)."""


class TextKind(Enum):
    """How a text is named: a code by name, a law (or décret, ordonnance) by number or
    date, "du même code" (the last text named), or the text of the context."""

    CODE = "code"
    LAW = "law"
    SAME = "same"
    CONTEXT = "context"

    __hash__ = object.__hash__  # each kind one object: hashed in C (see StepKind)


@quick_init
@dataclass(frozen=True, slots=True)
class TextRef:
    kind: TextKind
    name: str


@quick_init
@dataclass(frozen=True, slots=True)
class Chain:
    units: tuple[UnitSpec, ...]  # innermost first, as written
    text: TextRef | None = None
    # "l'article R. 224-1 qui devient l'article R. 534-5": the new name of one of its units
    becomes: Chain | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class WordsSpec:
    kind: str
    quotes: tuple[int, ...] = ()
    occurrence: int | None = None
    articles: tuple[str, ...] = ()  # "la référence à l'article R. 224-6"
    everywhere: bool = False
    count: int | None = None  # "les deux occurrences du mot : « X »"
    alternatives: bool = False  # "les mots : « X » ou « Y »"
    # the text of the articles named (« la référence à l'article R. 172-1 du code électoral »)
    articles_text: TextRef | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class ContentSpec:
    unit: UnitKind
    count: int | None = None
    labels: tuple[str, ...] = ()
    until: str | None = None
    division: str | None = None
    words: WordsSpec | None = None
    heading: int | None = None  # the quotation of its heading: "un chapitre Ier intitulé : « … »"
    title: bool = False  # "l'intitulé suivant": the new heading of a division
    ordinal: int | None = None  # "un second alinéa": the rank the new alinéa takes
    articles: tuple[str, ...] = ()  # "… intitulé : « … » comprenant un article L. 221-11"
    moved: tuple[str, ...] = ()  # "… intitulé : « … », comprenant l'article L. 691-1" (existing)
    moved_until: str | None = None  # "… comprenant les articles L. 691-1 à L. 691-3": the last
    # "… comprenant l'article L. 691-1 et un chapitre II, ainsi rédigé": the division written
    # below, after the new one (its kind and number)
    then_division: tuple[str, str] | None = None
    row: bool = False  # "une ligne ainsi rédigée": a row of a table (never alinéas)


class LeadKind(Enum):
    """What a lead of a clause says: where ("Au premier alinéa"), at which edge ("Au
    début"), after or before what ("Après le mot : « X »"), or everywhere ("Dans
    l'ensemble du code")."""

    AT = "at"
    EDGE = "edge"
    ANCHOR = "anchor"
    EVERYWHERE = "everywhere"


@quick_init
@dataclass(frozen=True, slots=True)
class _LeadCount:
    """« et, deux fois, au 2° » (the lead after it), « au 1°, trois fois, et … » (the lead
    before it): how many times the words are in that lead's unit."""

    times: int
    following: bool


@quick_init
@dataclass(frozen=True, slots=True)
class _LeadGroup:
    """The leads one unit of several units gives ("à la première phrase de l'article L. 1 et
    du premier alinéa de l'article L. 2")."""

    leads: tuple[Lead, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Lead:
    kind: LeadKind
    chain: Chain | None = None
    position: Position | None = None
    words: WordsSpec | None = None
    all_texts: bool = False  # "dans tous les textes législatifs et réglementaires"
    times: int | None = None  # "Au 1° et, deux fois, au 2°": how many in this unit


class ClauseKind(Enum):
    """The clauses of the grammar (``clause`` in ``instructions.lark``): the value is the
    rule's name."""

    WORDS_REPLACE = "words_replace"
    WORDS_DELETE = "words_delete"
    END_REWRITE = "end_rewrite"
    END_DELETE = "end_delete"
    START_REWRITE = "start_rewrite"
    WORDS_ELIDED = "words_elided"  # a further pair without its verb: made whole by clause_list
    UNIT_MODIFY = "unit_modify"
    UNIT_REWRITE = "unit_rewrite"
    UNIT_REPLACE = "unit_replace"
    UNIT_COMPLETE = "unit_complete"
    UNIT_PRECEDE = "unit_precede"
    UNIT_DELETE = "unit_delete"
    UNIT_REPEAL = "unit_repeal"
    UNIT_RESTORE = "unit_restore"
    UNIT_RENUMBER = "unit_renumber"
    UNIT_INSERT = "unit_insert"
    LEAD_CHAPEAU = "lead_chapeau"  # "À la première phrase :" (no verb: the items below)
    NUMBERING_REPLACE = "numbering_replace"  # "Dans la numérotation des articles …, la lettre …"
    UNIT_LABEL = "unit_label"  # "Les premier et deuxième alinéas constituent un I": ``label``
    # "Les articles D. 171-2 à D. 171-11 sont regroupés au sein d'une sous-section 1 intitulée
    # : « … »": ``content`` is the division
    UNIT_GROUP = "unit_group"


@quick_init
@dataclass(frozen=True, slots=True)
class Clause:
    kind: ClauseKind
    verb: Verb | None = None
    subjects: tuple[Chain, ...] = ()  # "Le I et le dernier alinéa du II sont supprimés"
    words: WordsSpec | None = None
    more_words: tuple[WordsSpec, ...] = ()  # "les mots : « X » et les mots : « Y » sont …"
    new_words: WordsSpec | None = None
    content: ContentSpec | None = None
    quotes: tuple[int, ...] = ()
    respectively: bool = False
    end_chain: Chain | None = None
    # "la fin du second alinéa de l'article 64, de l'article 114 et du dernier alinéa de
    # l'article 161": the units after the first
    more_end_chains: tuple[Chain, ...] = ()
    inner_lead: Lead | None = None
    # the units named between the verb and what it inserts, beside the place: « Il est
    # inséré, au deuxième alinéa, après les mots : « X », les mots : « Y » », « Il est
    # inséré dans le même arrêté, après l'article 7, un article 7-1 »
    inner_at: tuple[Lead, ...] = ()
    renamed: Chain | None = None
    everywhere_in: TextRef | None = None  # "… dans l'ensemble du code électoral"
    times: int | None = None  # "deux fois": the occurrences over the units named
    # "Dans la numérotation des articles R.* 112-6 à R.* 112-50, R.* 112-56 …": each
    # article number, or range (first, last), as written
    numbers: tuple[tuple[str, str | None], ...] = ()
    # clauses that go on with the same subject, without it: "… est intitulée : « … » et est
    # ainsi modifiée", "… devient chapitre Ier et est intitulé : « … »" (spelt out as clauses
    # of their own by clause_list)
    follow: tuple[Clause, ...] = ()
    # « la fin de la phrase », « de cette phrase »: the end of the phrase holding the words
    # after which it starts, not of the unit (an alinéa of several phrases)
    phrase_end: bool = False
    start: int = 0  # offset of the clause in the prepared text
    # the label put before the alinéas named (UNIT_LABEL): « I », « 1° », « a) » as written,
    # or the index of the quotation that holds it (« est numéroté : « 18° » »)
    label: str | None = None
    # « y » before the verb (« les mots : « X » y sont remplacés », « il y est inséré »): in
    # the unit the clause before names, after « et » (see _ToParts.clause_list)
    there: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    items: tuple[tuple[tuple[Lead, ...], Clause], ...]  # each clause with its own leads


_COUNTS = {"un": 1, "une": 1}


def _everywhere_text(children: list[Any]) -> TextRef | None:
    """The text a "dans l'ensemble …" covers whole: a named one, "du même code" (the
    last text named), "du code" (the text of the context); None for a unit's scope."""
    for child in children:
        if isinstance(child, TextRef):
            return child
        if isinstance(child, Token) and child.type == "EVERYWHERE_TEXT":
            return TextRef(TextKind.SAME if "même" in child.lower() else TextKind.CONTEXT, "")
    return None


@quick_init
@dataclass(frozen=True, slots=True)
class _Subjects:
    """The units a clause is about, as written ("Le I et le II")."""

    chains: tuple[Chain, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class _Becomes:
    """"qui devient l'article R. 534-5": the new name of the unit before it."""

    chain: Chain


@quick_init
@dataclass(frozen=True, slots=True)
class _Comprised:
    """"comprenant un article L. 221-11 ainsi rédigé": the new division's articles."""

    articles: tuple[str, ...]
    written: bool = True  # False: "comprenant l'article L. 691-1", an article of the text moved
    until: str | None = None  # "comprenant les articles L. 691-1 à L. 691-3" (existing ones)


@quick_init
@dataclass(frozen=True, slots=True)
class _Times:
    """"deux fois", "(trois occurrences)"."""

    count: int


@quick_init
@dataclass(frozen=True, slots=True)
class _Where:
    """A trailing "dans l'ensemble du code [X]"."""

    text: TextRef | None


# the verbs by their names, as ``Verb[name]`` gives them (``Verb.__members__`` copies
# the enumeration's whole table at each use)
_VERB_NAMES: dict[str, Verb] = {**Verb.__members__, "RECEIVES_WORDING": Verb.WRITTEN}
_RANGE_RE = re.compile(r"(.+?)\s+à\s+(.+)")
_LIST_RE = re.compile(r"\s*,\s*|\s+et\s+")


def _split_list(text: str, expand: bool = False) -> tuple[list[str], str | None]:
    """"L. 1, L. 2 et L. 5" → (["L. 1", "L. 2", "L. 5"], None); "III à V" → (["III"], "V").
    A range among other numbers ("Alinéas 5 à 7, 17 et 18") is spelt out with ``expand``
    (alinéas: every number between is one) when its ends are numbers; else, and always
    for articles (« R.* 112-6 à R.* 112-50, R.* 112-56 »: which articles lie between is
    the code's to say), an error: it was read as one range up to « R.* 112-50, R.* 112-56
    et … »."""
    text = " ".join(text.split())
    # its spaces single now (``\s`` and ``str.split`` know the same spaces): a range has
    # « à » between two of them
    m = _RANGE_RE.fullmatch(text) if " à " in text else None
    if m:
        if re.search(r",|\set\s", text):
            spelt = _spell_ranges(text) if expand else None
            if spelt is None:
                raise SentenceError("LD203", "liste mêlant une plage et d'autres numéros "
                                             f"(« {text[:80]} ») : non prise en charge, "
                                             "nommez chaque plage à part", 0)
            return spelt, None
        return [m.group(1)], m.group(2)
    # a comma or « et » between two spaces, or one number
    parts = _LIST_RE.split(text) if "," in text or " et " in text else [text]
    return [p for p in parts if p], None


def _split_ranges(text: str) -> tuple[list[str], list[str | None]] | None:
    """A list of ranges and single numbers, « à » binding closer than the comma and « et »
    (« 3 à 5, 7 et 9 à 11 », « L. 1 à L. 3 et L. 5 », « a à d et g »): each value with the
    end of its range or None; None when it is not such a list (no range, or a part with two
    « à »)."""
    if "à" not in text:  # most lists (run for every article named)
        return None
    text = " ".join(text.split())
    if " à " not in text or not re.search(r",|\set\s", text):
        return None
    values: list[str] = []
    untils: list[str | None] = []
    for part in re.split(r"\s*,\s*(?:et\s+)?|\s+et\s+", text):
        ends = part.split(" à ")
        if len(ends) > 2 or not all(ends):
            return None
        values.append(ends[0])
        untils.append(ends[1] if len(ends) == 2 else None)
    return values, untils


def _listed_units(kind: StepKind, text: str, key: Callable[[str], str]) -> UnitSpec:
    """The units of ``kind`` a list names, each written as ``key`` gives it: a list of
    ranges and single numbers (see ``_split_ranges``), else one range or a list (see
    ``_split_list``)."""
    mixed = _split_ranges(text)
    if mixed is not None:
        return UnitSpec(kind, tuple(key(v) for v in mixed[0]),
                        untils=tuple(key(u) if u else None for u in mixed[1]))
    values, until = _split_list(text)
    return UnitSpec(kind, tuple(key(v) for v in values), key(until) if until else None)


def _single_spaced(text: str) -> str:
    """``text`` with its spaces single, none at its ends."""
    return " ".join(text.split())


def _spell_ranges(text: str) -> list[str] | None:
    """"5 à 7, 17 et 18" → 5, 6, 7, 17, 18; None unless each range runs between two
    numbers, upwards, over at most 200."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*(?:et\s+)?|\s+et\s+", text):
        ends = part.split(" à ")
        if len(ends) == 1:
            out.append(part)
            continue
        if len(ends) != 2 or not all(e.isdigit() for e in ends):
            return None
        first, last = int(ends[0]), int(ends[1])
        if not first < last <= first + 200:
            return None
        out.extend(str(n) for n in range(first, last + 1))
    return out


def _plural_stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class _ToParts(Transformer[Token, Any]):
    """Parse tree → parts. One method per rule of ``instructions.lark`` (a test checks
    that every rule has one; a rule without one is refused, never passed on as a tree)."""

    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        if str(data).startswith("_"):  # inlined into its parent by Lark: not a part
            return Tree(data, children, meta)
        raise TypeError(f"la règle « {data} » de la grammaire n'a pas de traitement "
                        "(legidiff.bill.sentence._ToParts)")

    def start(self, children: list[Any]) -> Sentence:
        first = children[0]
        if first and isinstance(first[0], Lead):
            # "À la première phrase :": the leads alone, a chapeau for the items below
            return Sentence(((tuple(first), Clause(ClauseKind.LEAD_CHAPEAU)),))
        return Sentence(first)

    def locator(self, children: list[Any]) -> Chain:
        return children[-1]  # type: ignore[no-any-return]

    def lead_list(self, children: list[Lead | _LeadGroup | _LeadCount]) -> tuple[Lead, ...]:
        if not any(isinstance(c, _LeadCount) for c in children):
            return tuple(lead for child in children
                         if not isinstance(child, _LeadCount) for lead in (
                             child.leads if isinstance(child, _LeadGroup) else (child,)))
        # the count counts the one lead next to it, as the drafting has it even in a long
        # list (« …, à l'avant-dernier alinéa, trois fois, et au dernier alinéa …, aux
        # deuxième et avant-dernier alinéas et, deux fois, au dernier alinéa du I et … »,
        # 2013 banking bill); never a lead of several units (below and in build)
        out: list[Lead] = []
        pending: int | None = None
        grouped = False  # the lead before is one of a group (« du 1° et du 2° »)
        for child in children:
            if isinstance(child, _LeadCount):
                if child.following:
                    pending = child.times
                else:  # the lead before it: one unit, and not a count already
                    if not out or out[-1].times is not None or not isinstance(
                            out[-1], Lead) or out[-1].kind is not LeadKind.AT or grouped:
                        # (« À la première phrase du 1° et du 2°, deux fois, et au 3° »:
                        # one phrase or both)
                        raise SentenceError("LD203", "nombre d'occurrences sans unité, ou "
                                                     "pour plusieurs : tournure non reconnue",
                                            0)
                    out[-1] = replace(out[-1], times=child.times)
                continue
            leads = child.leads if isinstance(child, _LeadGroup) else (child,)
            if pending is not None:
                if len(leads) != 1 or leads[0].kind is not LeadKind.AT:
                    raise SentenceError("LD203", "nombre d'occurrences pour plusieurs unités "
                                                 ": tournure non reconnue", 0)
                leads = (replace(leads[0], times=pending),)
                pending = None
            grouped = len(leads) > 1
            out.extend(leads)
        return tuple(out)

    def lead_count_before(self, children: list[_Times]) -> _LeadCount:
        return _LeadCount(children[0].count, following=True)

    def lead_count_after(self, children: list[_Times]) -> _LeadCount:
        return _LeadCount(children[0].count, following=False)

    def clause_list(self, children: list[tuple[tuple[Lead, ...], Clause]]
                    ) -> tuple[tuple[tuple[Lead, ...], Clause], ...]:
        out: list[tuple[tuple[Lead, ...], Clause]] = []
        for leads, clause in children:
            if clause.kind is ClauseKind.WORDS_ELIDED:
                # "…, et les mots : « X » par les mots : « Y »": the verb of the clause
                # before, which must replace (or delete) words too
                before = out[-1][1] if out else None
                kind = ClauseKind.WORDS_REPLACE if clause.new_words is not None \
                    else ClauseKind.WORDS_DELETE
                if clause.new_words is None and (before is None
                                                 or before.kind is not ClauseKind.WORDS_DELETE):
                    # "Au premier alinéa, les mots : « X »": it stops before its verb, at
                    # its end (offset -1: parse_sentence says where); after a clause that
                    # does not delete words, too
                    raise SentenceError("LD203", "phrase incomplète : l'instruction s'arrête "
                                                 "avant son verbe", -1, incomplete=True)
                if before is None:
                    # "les mots : « X » par les mots : « Y »" alone: it stops before its verb
                    raise SentenceError("LD203", "phrase incomplète : l'instruction s'arrête "
                                                 "avant son verbe", clause.start,
                                        incomplete=True)
                if before.kind is not kind or leads:
                    raise SentenceError("LD203", "mots sans verbe qui ne suivent pas une "
                                                 "instruction de même nature", clause.start)
                clause = replace(clause, kind=kind, verb=before.verb)
            if clause.there and not leads and not clause.subjects and out and \
                    out[-1][1].subjects:
                # (after a clause with no subject, « y » is the place they share: nothing)
                leads = _there(out[-1][1], clause)
            out.append((leads, replace(clause, follow=()) if clause.follow else clause))
            out.extend(((), follow) for follow in clause.follow)
        return tuple(out)

    def clause_item(self, children: list[Any]) -> tuple[tuple[Lead, ...], Clause]:
        if len(children) == 2:
            return children[0], children[1]
        return (), children[0]

    def everywhere(self, children: list[Any]) -> Lead:
        if any(isinstance(c, Token) and c.type == "ALL_TEXTS" for c in children):
            return Lead(LeadKind.EVERYWHERE, all_texts=True)
        text = _everywhere_text(children)
        return Lead(LeadKind.EVERYWHERE, chain=Chain((), text) if text is not None else None)

    def heading(self, children: list[Token]) -> UnitSpec:
        return UnitSpec(StepKind.INTITULE, ("1",))

    def named_before(self, children: list[Token]) -> UnitSpec:
        # "ces alinéas": every unit of that kind the last lead named, not only the last
        plural = str(children[0]).lower().endswith("s")
        return replace(_reference_unit(children), same=True, plural=plural)

    def becomes(self, children: list[Any]) -> _Becomes:
        return _Becomes(next(c for c in children if isinstance(c, Chain)))

    def at_unit(self, children: list[Any]) -> Lead:
        if isinstance(children[-1], _Becomes):  # "A l'article R. 1 qui devient l'article R. 2"
            return Lead(LeadKind.AT, chain=replace(children[0], becomes=children[-1].chain))
        if isinstance(children[0], TextRef):  # "Au même code, il est rétabli …"
            return Lead(LeadKind.AT, chain=Chain((), children[0]))
        if isinstance(children[0], UnitSpec):  # "aux trois alinéas de l'article …"
            chain = children[1]
            return Lead(LeadKind.AT, chain=Chain((children[0], *chain.units), chain.text))
        return Lead(LeadKind.AT, chain=children[0])

    def at_units(self, children: list[Chain]) -> _LeadGroup:
        """"à la deuxième phrase du III de l'article L. 211-12, du deuxième alinéa de
        l'article L. 212-6 et du I de l'article L. 214-4": that phrase of each."""
        head = children[0].units[0]
        children = _listed_chains(children)
        return _LeadGroup((Lead(LeadKind.AT, chain=children[0]), *(
            Lead(LeadKind.AT, chain=Chain((head, *c.units), c.text)) for c in children[1:])))

    def at_edge(self, children: list[Any]) -> Lead | _LeadGroup:
        edge = str(children[0]).lower()
        position = Position.START if "début" in edge else Position.END
        chain = children[1] if len(children) > 1 else None
        if len(children) > 2:
            # "À la fin de l'article 51 de la loi …, de l'article 72 de la loi … et de
            # l'article 62 de la loi …": that edge of each unit, each named whole
            chains = _listed_chains([c for c in children[1:] if isinstance(c, Chain)])
            if any(c.units[:1] != () and c.units[0].kind is not chains[0].units[0].kind
                   for c in chains[1:]) or any(not c.units for c in chains):
                # « À la fin du premier alinéa de l'article 51 de la loi …, de l'article 72
                # de la loi … »: the end of article 72, or of its first alinéa
                raise SentenceError("LD203", "fin de plusieurs unités de sortes différentes : "
                                             "tournure non reconnue", 0)
            return _LeadGroup((*(Lead(LeadKind.AT, chain=c) for c in chains),
                               Lead(LeadKind.EDGE, position=position)))
        return Lead(LeadKind.EDGE, chain=chain, position=position)

    def unit_of_several(self, children: list[Any]) -> list[Chain]:
        """"Le deuxième alinéa de l'article 46 de la loi …, de l'article 65 de la loi … et
        de l'article 53 de la loi …": that alinéa of each."""
        chains = _listed_chains([c for c in children if isinstance(c, Chain)])
        if len(chains[0].units) == 1 and chains[0].text is None:
            # « Le deuxième alinéa, de l'article 46 du code … est supprimé », « La section
            # 4, du chapitre V … »: a comma between a unit and what holds it, no first
            # place of its own — read as two units, it deleted the unit and then the one
            # after it
            raise SentenceError("LD203", "virgule entre une unité et ce qui la contient : "
                                         "tournure non reconnue", 0)
        head = chains[0].units[0]
        return [chains[0], *(Chain((head, *c.units), c.text) for c in chains[1:])]

    @pure_rule
    def anchor(self, children: list[Any]) -> Lead:
        word = str(children[0]).lower()
        position = Position.BEFORE if word.startswith("avant") else \
            Position.BETWEEN if word.startswith("entre") else Position.AFTER
        target = children[1]
        if isinstance(target, WordsSpec):
            if target.articles_text is not None:
                raise SentenceError("LD203", "référence à un article d'un texte nommé hors "
                                             "d'un remplacement : tournure non reconnue", 0)
            several = len(target.quotes) > 1 and not target.alternatives
            if position is Position.BETWEEN and (
                    len(target.quotes) != 2 or target.alternatives or target.articles or
                    target.occurrence is not None or target.count is not None):
                raise SentenceError("LD203", "« entre » : deux mots ou groupes de mots, une "
                                             "fois chacun (« entre les mots : « A » et « B » ») "
                                             "attendus", 0)
            if several and position is not Position.BETWEEN:
                # « après les mots : « a » et « b », sont insérés … »: after each, or after
                # both? (the second was left out, the first alone taken)
                raise SentenceError("LD203", "plusieurs mots avant ou après lesquels insérer "
                                             "(« après les mots : « A » et « B » ») : après "
                                             "chacun ou après l'ensemble, pas sûr", 0)
            return Lead(LeadKind.ANCHOR, words=target, position=position)
        if position is Position.BETWEEN:
            # « entre le troisième et le quatrième alinéa »: two alinéas that follow each
            # other, as a range of the two (both must be there), the new text between them
            first = target.units[0] if target.units else None
            values: tuple[str, ...] = first.values if first is not None else ()
            if first is None or first.kind is not StepKind.ALINEA or first.until is not None \
                    or len(values) != 2 or not all(v.isdigit() for v in values) \
                    or int(values[1]) != int(values[0]) + 1:
                raise SentenceError("LD203", "« entre » deux unités qui ne sont pas deux alinéas "
                                             "qui se suivent : tournure non reconnue", 0)
            target = replace(target, units=(replace(first, values=values[:1], until=values[1]),
                                            *target.units[1:]))
        return Lead(LeadKind.ANCHOR, chain=target, position=position)

    # clauses ---------------------------------------------------------------

    def _clause(self, kind: ClauseKind, children: list[Any], **extra: Any) -> Clause:
        values: dict[str, Any] = {"kind": kind}
        quotes: tuple[int, ...] = ()
        for child in children:
            if isinstance(child, Token):
                if child.type == "QUOTES":
                    quotes = _quote_indexes(child)
                elif child.type == "RESPECTIVELY":
                    values["respectively"] = True
                elif child.type == "THERE":
                    values["there"] = True
                elif child.type in _VERB_NAMES:
                    values["verb"] = _VERB_NAMES[child.type]
                elif child.type in IMPERATIVES:
                    values["verb"] = IMPERATIVES[child.type][1]
                continue
            if isinstance(child, WordsSpec) and child.articles_text is not None and \
                    kind is not ClauseKind.WORDS_REPLACE:
                # (a reference with its code, read for a replacement of its number only)
                raise SentenceError("LD203", "référence à un article d'un texte nommé hors "
                                             "d'un remplacement : tournure non reconnue", 0)
            if isinstance(child, _Times):
                values["times"] = child.count
            elif isinstance(child, _LeadGroup):
                raise SentenceError("LD203", "une unité de plusieurs unités à l'intérieur de la "
                                             "clause : tournure non reconnue", 0)
            elif isinstance(child, Lead):
                if "inner_lead" in values:
                    # a unit named, then the place in it: each kept (the place was the
                    # only lead read, the unit dropped without a word)
                    first: Lead = values.pop("inner_lead")
                    ats = (*values.get("inner_at", ()), first)
                    if any(lead.kind is not LeadKind.AT or lead.chain is None
                           for lead in ats):
                        raise SentenceError("LD203", "plusieurs places pour une insertion : "
                                                     "tournure non reconnue", 0)
                    values["inner_at"] = ats
                values["inner_lead"] = child
            elif isinstance(child, ContentSpec):
                values["content"] = child
        values.update(extra)
        values["quotes"] = quotes
        return Clause(**values)

    @pure_rule
    def words_replace(self, children: list[Any]) -> Clause:
        words = [c for c in children if isinstance(c, WordsSpec)]
        where = next((c for c in children if isinstance(c, _Where)), None)
        old, new = words[0].articles_text, words[-1].articles_text
        if new is not None and (old is None or not (
                (new.kind is TextKind.SAME and new.name in ("code", "ce code")
                 and old.kind is TextKind.CODE)
                or new == old)):
            # « … par la référence à l'article L. 2 du code X »: the reference moves to
            # another text (or names one the old did not): more than its number changes
            raise SentenceError("LD203", "référence remplacée par celle d'un autre texte : "
                                         "tournure non reconnue", 0)
        if old is not None:
            # the words are the reference with its code (« R. 172-1 du code électoral » by
            # « R. 334 du code électoral »): the number alone would be replaced in a
            # reference to another text's article R. 172-1 (« … du présent code »). One
            # reference of a code only: « aux articles R. 1 et R. 2 du code … » holds the
            # code once, after the last
            if old.kind is not TextKind.CODE or len(words) != 2 or any(
                    len(w.articles) != 1 for w in words):
                raise SentenceError("LD203", "références à plusieurs articles d'un texte "
                                             "nommé : tournure non reconnue", 0)
            named = f" du {old.name[:1].lower()}{old.name[1:]}"
            words = [replace(w, articles=(w.articles[0] + named,)) for w in words]
        return self._clause(ClauseKind.WORDS_REPLACE, children,
                            words=replace(words[0], everywhere=where is not None),
                            more_words=tuple(replace(w, everywhere=where is not None)
                                             for w in words[1:-1]),
                            new_words=words[-1], everywhere_in=where and where.text)

    def numbering_replace(self, children: list[Any]) -> Clause:
        words = [c for c in children if isinstance(c, WordsSpec)]
        listed = next(c for c in children if isinstance(c, Token) and c.type == "ARTICLE_NUMS")
        numbers: list[tuple[str, str | None]] = []
        for part in re.split(r"\s*,\s*(?:et\s+)?|\s+et\s+", " ".join(str(listed).split())):
            first, _, last = part.partition(" à ")
            numbers.append((first, last or None))
        return self._clause(ClauseKind.NUMBERING_REPLACE, children, words=words[0],
                            new_words=words[-1], numbers=tuple(numbers))

    @pure_rule
    def words_delete(self, children: list[Any]) -> Clause:
        words = [c for c in children if isinstance(c, WordsSpec)]
        where = next((c for c in children if isinstance(c, _Where)), None)
        return self._clause(ClauseKind.WORDS_DELETE, children,
                            words=replace(words[0], everywhere=where is not None),
                            more_words=tuple(replace(w, everywhere=where is not None)
                                             for w in words[1:]),
                            everywhere_in=where and where.text)

    def times(self, children: list[Token]) -> _Times:
        word = re.search(r"(deux|trois|quatre|cinq|six|sept|huit|neuf|dix)", str(children[0]),
                         re.IGNORECASE)
        assert word is not None
        count = parse_cardinal(word.group(1).lower())
        assert count is not None
        return _Times(count)

    def words_insert(self, children: list[Any]) -> Clause:
        # the new words are the content, the anchor its inner lead (as in "Après les
        # mots : « Y », sont insérés les mots : « X »")
        words = next(c for c in children if isinstance(c, WordsSpec))
        lead = next(c for c in children if isinstance(c, Lead))
        if lead.words is None:
            raise SentenceError("LD203", "mots insérés après une unité : tournure non "
                                         "reconnue", 0)
        return replace(self._clause(ClauseKind.UNIT_INSERT, children, inner_lead=lead),
                       content=ContentSpec(UnitKind.WORDS, words=words))

    def words_elided(self, children: list[Any]) -> Clause:
        words = [c for c in children if isinstance(c, WordsSpec)]
        return self._clause(ClauseKind.WORDS_ELIDED, children, words=words[0],
                            new_words=words[1] if len(words) > 1 else None)

    def part(self, children: list[Token]) -> UnitSpec:
        text = str(children[0])
        numbered = re.match(r"\(\s*(\w+)\s+partie", text, re.IGNORECASE)
        if numbered is not None:
            # "(deuxième partie : Décrets en Conseil d'Etat)": that partie, by its number
            # (in any case: the terminal is read so, « (DEUXIÈME PARTIE : …) »)
            value = parse_ordinal(numbered.group(1).lower())
            if value is None:
                raise SentenceError("LD203", f"partie « {numbered.group(1)} » : numéro non "
                                             "reconnu", children[0].start_pos or 0)
            return UnitSpec(StepKind.PARTIE, (str(value),))
        word = re.search(r"(législative|réglementaire|arrêtés)", text, re.IGNORECASE)
        if word is None:
            raise SentenceError("LD203", f"partie non reconnue : « {text[:60]} »",
                                children[0].start_pos or 0)
        return UnitSpec(StepKind.PARTIE, (division_key(word.group(1).lower()),))

    def where(self, children: list[Any]) -> _Where:
        return _Where(_everywhere_text(children))

    def where_before(self, children: list[Any]) -> _Where:
        return _Where(None)  # « sont partout remplacés »: everywhere in the unit

    @pure_rule
    def end_rewrite(self, children: list[Any]) -> Clause:
        chains = _listed_chains([c for c in children if isinstance(c, Chain)])
        return self._clause(ClauseKind.END_REWRITE, children,
                            end_chain=chains[0] if chains else None,
                            more_end_chains=tuple(chains[1:]), phrase_end=_phrase_end(children))

    @pure_rule
    def start_rewrite(self, children: list[Any]) -> Clause:
        chain = next((c for c in children if isinstance(c, Chain)), None)
        return self._clause(ClauseKind.START_REWRITE, children, end_chain=chain)

    @pure_rule
    def end_delete(self, children: list[Any]) -> Clause:
        chains = _listed_chains([c for c in children if isinstance(c, Chain)])
        return self._clause(ClauseKind.END_DELETE, children,
                            end_chain=chains[0] if chains else None,
                            more_end_chains=tuple(chains[1:]), phrase_end=_phrase_end(children))

    def _unit_clause(self, kind: ClauseKind, children: list[Any]) -> Clause:
        subjects = next((c for c in children if isinstance(c, _Subjects)), None)
        return self._clause(kind, children, subjects=subjects.chains if subjects else ())

    def unit_modify(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_MODIFY, children)

    def unit_rewrite(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_REWRITE, children)

    def unit_replace(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_REPLACE, children)

    def unit_complete(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_COMPLETE, children)

    def unit_delete(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_DELETE, children)

    def unit_repeal(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_REPEAL, children)

    def unit_restore(self, children: list[Any]) -> Clause:
        return self._unit_clause(ClauseKind.UNIT_RESTORE, children)

    def unit_label(self, children: list[Any]) -> Clause:
        """« Les premier et deuxième alinéas constituent un I, le troisième alinéa un II »:
        one clause per group, the groups after the first following it; « Le vingtième
        alinéa est numéroté : « 18° » »: the quotation, the label."""
        subjects = next(c for c in children if isinstance(c, _Subjects))
        quotes = next((c for c in children if isinstance(c, Token) and c.type == "QUOTES"),
                      None)
        if quotes is not None:
            indexes = _quote_indexes(quotes)
            if len(indexes) != 1:
                raise SentenceError("LD203", "plusieurs numéros cités : tournure non reconnue",
                                    quotes.start_pos or 0)
            return Clause(ClauseKind.UNIT_LABEL, subjects=subjects.chains,
                          label=f"⟨{indexes[0]}⟩")
        more = tuple(c for c in children if isinstance(c, Clause))
        return Clause(ClauseKind.UNIT_LABEL, subjects=subjects.chains,
                      label=_group_label(children), follow=more)

    def unit_group(self, children: list[Any]) -> Clause:
        """« Les articles D. 171-2 à D. 171-11 sont regroupés au sein d'une sous-section 1
        intitulée : « … » », « … constituent une section 1 intitulée : » (its heading
        quoted below): the division, its heading alone."""
        subjects = next(c for c in children if isinstance(c, _Subjects))
        kind = next(c for c in children if isinstance(c, Token) and c.type == "DIVISION_KIND")
        number = next(c for c in children
                      if isinstance(c, Token) and c.type == "DIVISION_NUMBERS")
        quotes = next((c for c in children if isinstance(c, Token) and c.type == "QUOTES"),
                      None)
        content = replace(_noun_content(kind, number), count=1)
        if content.until is not None or len(content.labels) != 1:
            raise SentenceError("LD203", "articles regroupés dans plusieurs divisions : "
                                         "tournure non reconnue", number.start_pos or 0)
        if quotes is not None:
            indexes = _quote_indexes(quotes)
            if len(indexes) != 1:
                raise SentenceError("LD203", "plusieurs intitulés cités : tournure non "
                                             "reconnue", quotes.start_pos or 0)
            content = replace(content, heading=indexes[0])
        return Clause(ClauseKind.UNIT_GROUP, subjects=subjects.chains, content=content)

    def more_labels(self, children: list[Any]) -> Clause:
        chain = next(c for c in children if isinstance(c, Chain))
        return Clause(ClauseKind.UNIT_LABEL, subjects=(chain,), label=_group_label(children))

    def unit_precede(self, children: list[Any]) -> Clause:
        if not any(isinstance(c, Token) and c.type == "RESPECTIVELY" for c in children):
            return self._unit_clause(ClauseKind.UNIT_PRECEDE, children)
        # « … sont respectivement précédés des mentions : « I. - » et « III. - » », « … d'un I
        # et d'un III »: the mentions or the labels, in order, one for each unit (paired
        # with the units named when they are resolved)
        subjects = next(c for c in children if isinstance(c, _Subjects))
        quotes = next((c for c in children if isinstance(c, Token) and c.type == "QUOTES"),
                      None)
        if quotes is not None:
            content = ContentSpec(UnitKind.WORDS, words=WordsSpec("mentions",
                                                                  _quote_indexes(quotes)))
        else:
            contents = [c for c in children if isinstance(c, ContentSpec)]
            if any(c.unit is not UnitKind.ITEM or len(c.labels) != 1 or c.until is not None
                   for c in contents):
                raise SentenceError("LD203", "unités précédées respectivement d'autre chose que "
                                             "de numéros : tournure non reconnue", 0)
            content = ContentSpec(UnitKind.ITEM, labels=tuple(c.labels[0] for c in contents))
        return Clause(ClauseKind.UNIT_PRECEDE, Verb.PRECEDED, subjects=subjects.chains,
                      content=content, respectively=True)

    def unit_renumber(self, children: list[Any]) -> Clause:
        subjects = next(c for c in children if isinstance(c, _Subjects))
        renamed = next((c for c in children if isinstance(c, Chain)), None)
        if renamed is None:
            # "L'intitulé de la section 1 devient « … »": a heading, rewritten
            quotes = next(c for c in children if isinstance(c, Token) and c.type == "QUOTES")
            if any(not c.units or c.units[0].kind is not StepKind.INTITULE
                   for c in subjects.chains) or len(_quote_indexes(quotes)) != 1:
                raise SentenceError("LD203", "« devient » suivi d'un texte cité pour autre chose "
                                             "qu'un intitulé : tournure non reconnue", 0)
            return Clause(ClauseKind.UNIT_REWRITE, subjects=subjects.chains,
                          quotes=_quote_indexes(quotes))
        headed = next((c for c in children if isinstance(c, _Headed)), None)
        heading = renamed.units[0].heading if renamed.units else None
        if headed is None and heading is not None:
            # "… devient un chapitre Ier intitulé : « … »": the chain read the heading as
            # the one the new number has (see ``titled``); it is the heading it takes
            first, old = renamed.units[0], renamed
            headed = _Headed(_quote_indexes(heading))
            renamed = replace(renamed, units=(replace(first, heading=None),
                                              *renamed.units[1:]))
            children = [renamed if c is old else c for c in children]
        follow: tuple[Clause, ...] = ()
        if headed is not None:
            # "… devient chapitre Ier et est intitulé : « … »": the heading of the unit under
            # its new number
            follow = (_heading_rewrite((renamed,), headed.quotes),)
        return self._clause(ClauseKind.UNIT_RENUMBER, [c for c in children
                                                       if not isinstance(c, _Headed)],
                            subjects=subjects.chains, renamed=renamed, follow=follow)

    def and_headed(self, children: list[Token]) -> _Headed:
        quotes = next(c for c in children if c.type == "QUOTES")
        return _Headed(_quote_indexes(quotes))

    def unit_title(self, children: list[Any]) -> Clause:
        subjects = next(c for c in children if isinstance(c, _Subjects))
        quotes = next(c for c in children if isinstance(c, Token) and c.type == "QUOTES")
        modified = any(isinstance(c, Token) and c.type == "AND_MODIFIED" for c in children)
        rewrite = _heading_rewrite(subjects.chains, _quote_indexes(quotes))
        if modified:
            rewrite = replace(rewrite, follow=(Clause(ClauseKind.UNIT_MODIFY,
                                                      subjects=subjects.chains),))
        return rewrite

    def unit_insert(self, children: list[Any]) -> Clause:
        return self._clause(ClauseKind.UNIT_INSERT, children)

    def subject(self, children: list[Any]) -> _Subjects:
        chains: list[Chain] = []
        for child in children:
            if isinstance(child, Token) and child.type == "PROVISIONS_OF":
                _check_provisions_of(children)
            elif isinstance(child, TextRef):
                chains.append(Chain((), child))
            elif isinstance(child, Chain):
                chains.append(child)
            elif isinstance(child, UnitSpec) and chains:
                # "Le code monétaire et financier (partie législative)"
                chains[-1] = Chain((*chains[-1].units, child), chains[-1].text)
            elif isinstance(child, list):  # unit_of_several
                chains.extend(child)
            elif isinstance(child, _Becomes):  # "L'article R. 1, qui devient l'article R. 2,"
                chains[-1] = replace(chains[-1], becomes=child.chain)
        return _Subjects(tuple(chains))

    def one_subject(self, children: list[Any]) -> _Subjects:
        return self.subject(children)

    # content and words ---------------------------------------------------------

    @pure_rule
    def content(self, children: list[Any]) -> ContentSpec:
        first = children[0]
        if isinstance(first, WordsSpec):
            return ContentSpec(UnitKind.WORDS, words=first)
        if isinstance(first, Token) and first.type == "PROVISIONS":
            return ContentSpec(UnitKind.TEXT)
        if isinstance(first, Token) and first.type == "HEADING_NOUN":
            return ContentSpec(UnitKind.TEXT, count=1, title=True)
        ordinals = [c for c in children if isinstance(c, Token) and c.type == "ORDINALS"]
        if len(ordinals) > 1:
            # "un cinquième et un sixième alinéas": new alinéas that follow each other, the
            # last taking the last rank (checked when applied)
            each = [_ordinals(o) for o in ordinals]
            if any(len(r) != 1 or r[0] < 1 for r in each) or any(
                    b[0] != a[0] + 1 for a, b in itertools.pairwise(each)) or any(
                    _count(c) != 1 for c in children
                    if isinstance(c, Token) and c.type == "COUNT"):
                raise SentenceError("LD203", f"« {ordinals[0]} … {ordinals[-1]} » : rangs des "
                                             "nouveaux alinéas illisibles",
                                    ordinals[0].start_pos or 0)
            return ContentSpec(UnitKind.ALINEA, count=len(each), ordinal=each[-1][0])
        ordinal = ordinals[0] if ordinals else None
        if ordinal is not None:
            # "un second alinéa": one new alinéa, which takes that rank; "une troisième
            # phrase": one new phrase, the third of its alinéa
            phrase = any(isinstance(c, Token) and c.type == "PHRASE_NOUN" for c in children)
            ranks = _ordinals(ordinal)
            if len(ranks) != 1 or ranks[0] < 1 or _count(first) != 1:
                raise SentenceError("LD203", f"« {ordinal} » : rang de la nouvelle phrase "
                                             "illisible" if phrase else f"« {ordinal} » : "
                                             "rang du nouvel alinéa illisible",
                                    ordinal.start_pos or 0)
            return ContentSpec(UnitKind.PHRASE if phrase else UnitKind.ALINEA, count=1,
                               ordinal=ranks[0])
        if any(isinstance(c, Token) and c.type == "DIVISION_WORD" for c in children):
            # "une division et un intitulé ainsi rédigés : « … »": a division of no kind
            # or number, its heading quoted
            if _count(first) != 1:
                raise SentenceError("LD203", "plusieurs divisions sans numéro : tournure "
                                             "non reconnue", first.start_pos or 0)
            return ContentSpec(UnitKind.DIVISION, count=1, division="division")
        headed = next((c for c in children if isinstance(c, Token) and c.type == "HEADED"),
                      None)
        if headed is not None:
            # "un chapitre Ier intitulé : « … »": a new division, its heading quoted
            kind = next(c for c in children if isinstance(c, Token)
                        and c.type == "DIVISION_KIND")
            number = next((c for c in children if isinstance(c, Token)
                           and c.type == "DIVISION_NUMBERS"), None)
            quotes = next(c for c in children if isinstance(c, Token) and c.type == "QUOTES")
            comprised = next((c for c in children if isinstance(c, _Comprised)), None)
            then = next((c for c in children if isinstance(c, tuple)), None)
            if then is not None and (comprised is None or comprised.written):
                raise SentenceError("LD203", "une division puis une autre, rédigée : tournure "
                                             "non reconnue", 0)
            return replace(_noun_content(kind, number), count=1, then_division=then,
                           heading=_quote_indexes(quotes)[0],
                           articles=comprised.articles if comprised and comprised.written
                           else (),
                           moved=comprised.articles if comprised and not comprised.written
                           else (), moved_until=comprised.until if comprised else None)
        counts = ("COUNT", "COUNT_DIGITS")
        if not any(isinstance(c, Token) and c.type in (*counts, "FOLLOWING") for c in children):
            # "les 3° et 4° ainsi rédigés": as many as named
            noun = next(c for c in children if isinstance(c, ContentSpec) or (
                isinstance(c, Token) and c.type != "WRITTEN"))
            if isinstance(noun, ContentSpec):
                return noun
            assert isinstance(noun, Token)
            return _noun_content(noun, None)
        if isinstance(children[-1], Token) and children[-1].type == "FOLLOWING":
            # "l'alinéa suivant" (one), "les alinéas suivants" (as many as quoted), "les
            # deux alinéas suivants" (two)
            count = None if str(children[-1]).lower().endswith("s") else 1
            counted = next((c for c in children[:-2]
                            if isinstance(c, Token) and c.type == "COUNT"), None)
            if counted is not None:
                count = _count(counted)
            noun = children[-2]
            if isinstance(noun, ContentSpec):
                return replace(noun, count=count)
            assert isinstance(noun, Token)
            return replace(_noun_content(noun, None), count=count)
        count = _count(first)
        # "un dernier alinéa", "une nouvelle phrase": the qualifier adds nothing to what
        # "complété par" or "inséré" already say
        nouns = [c for c in children[1:] if isinstance(c, ContentSpec) or (
            isinstance(c, Token) and c.type not in ("NEW_QUALIFIER", *counts, "WRITTEN"))]
        if len(nouns) > 1:
            # "un 9°, un 10° et un 11°", "un article L. 1 et un article L. 2": the units
            # named one by one, of one kind
            specs = [n if isinstance(n, ContentSpec) else _noun_content(n, None) for n in nouns]
            if len({(x.unit, x.division) for x in specs}) != 1 or any(
                    x.until or len(x.labels) != 1 for x in specs):
                raise SentenceError("LD203", "unités nouvelles de natures différentes dans "
                                             "une même instruction", 0)
            return replace(specs[0], labels=tuple(x.labels[0] for x in specs),
                           count=len(specs))
        spec = nouns[0]
        if isinstance(spec, ContentSpec):
            return replace(spec, count=count)
        assert isinstance(spec, Token)
        return replace(_noun_content(spec, None), count=count)

    def provisions_first(self, children: list[Token]) -> ContentSpec:
        # "Les dispositions suivantes sont ajoutées après …": whatever the quote holds
        return ContentSpec(UnitKind.TEXT)

    def comprised(self, children: list[Token]) -> _Comprised:
        numbers = next(c for c in children if c.type == "ARTICLE_NUMS")
        values, until = _split_list(str(numbers))
        written = any(c.type == "WRITTEN" for c in children)
        if until is not None and (written or len(values) != 1):
            # (new articles written below are each named; a range among a list is not read)
            raise SentenceError("LD203", "articles d'une nouvelle division donnés par une "
                                         "plage : tournure non reconnue", numbers.start_pos or 0)
        return _Comprised(tuple(" ".join(v.split()) for v in values), written,
                          " ".join(until.split()) if until else None)

    def then_division(self, children: list[Token]) -> tuple[str, str]:
        kind = next(c for c in children if c.type == "DIVISION_KIND")
        number = next(c for c in children if c.type == "DIVISION_NUMBERS")
        return _plural_stem(str(kind)), " ".join(str(number).split())

    def noun_spec(self, children: list[Token]) -> ContentSpec:
        if len(children) > 1 and children[1].type == "ADDITIONAL":
            return ContentSpec(UnitKind.ARTICLE)  # "un article additionnel": no number
        return _noun_content(children[0], children[1] if len(children) > 1 else None)

    @pure_rule
    def words(self, children: list[Any]) -> WordsSpec:
        return _words(children)

    @pure_rule
    def occurrence_to(self, children: list[Any]) -> WordsSpec:
        return _words(children)

    def preceding_words(self, children: list[Any]) -> ContentSpec:
        return ContentSpec(UnitKind.WORDS, words=_words(children))

    def substituted(self, children: list[Any]) -> _Subjects:
        return _Subjects(tuple(c for c in children if isinstance(c, Chain)))

    @pure_rule
    def new_words(self, children: list[Any]) -> WordsSpec:
        return _words(children)

    # chains -------------------------------------------------------------------

    def chain(self, children: list[Any]) -> Chain:
        units: list[UnitSpec] = []
        text: TextRef | None = None
        for c in children:  # one pass: run for every locator of a bill
            if isinstance(c, UnitSpec):
                units.append(c)
            elif text is None and isinstance(c, TextRef):
                text = c
        return Chain(tuple(units), text)

    @pure_rule
    def phrase(self, children: list[Token]) -> UnitSpec:
        return _ordinal_unit(StepKind.PHRASE, children[0])

    @pure_rule
    def alinea(self, children: list[Token]) -> UnitSpec:
        if children[0].type == "ALINEA_NOUN":  # "l'alinéa 5"
            values, until = _split_list(str(children[1]), expand=True)
            return UnitSpec(StepKind.ALINEA, tuple(values), until)
        return _ordinal_unit(StepKind.ALINEA, children[0])

    def counted_alineas(self, children: list[Token]) -> UnitSpec:
        """"aux trois alinéas": the first to the third."""
        count = _count(children[0])
        if count is None or count < 2:
            raise SentenceError("LD203", f"« {children[0]} alinéas » : nombre illisible",
                                children[0].start_pos or 0)
        return UnitSpec(StepKind.ALINEA, tuple(str(n) for n in range(1, count + 1)),
                        counted=True)

    @pure_rule
    def tiret(self, children: list[Token]) -> UnitSpec:
        return _ordinal_unit(StepKind.TIRET, children[0])

    @pure_rule
    def point(self, children: list[Token]) -> UnitSpec:
        return UnitSpec(StepKind.POINT, (str(children[0]).split()[-1],))

    def items(self, children: list[Token]) -> UnitSpec:
        # « Les a à d et g du 4° »
        return _listed_units(StepKind.ITEM, _letter_label(str(children[-1])), canonical_label)

    def article(self, children: list[Token]) -> UnitSpec:
        if children[1].type == "ANNEX_NUM":
            # an annex stored as an article is named by its whole number, words and all:
            # « Annexe à l'article R. 422-37 » is one article, not a range up to the article
            # R. 422-37 (the drafter wrote them so: 94 changes of the LEGI history failed)
            return UnitSpec(StepKind.ARTICLE, (" ".join(str(children[1]).split()),), None)
        # « les articles L. 1 à L. 3, L. 5 et L. 7 à L. 9 »
        return _listed_units(StepKind.ARTICLE, str(children[1]), _single_spaced)

    def division(self, children: list[Token]) -> UnitSpec:
        if children[0].type == "DIVISION_WORD":
            # "la division intitulée : « … »": its heading, one quotation (filled in by
            # _fill_titles: the parser's transformer has no quotations at hand)
            indexes = _quote_indexes(children[-1])
            if len(indexes) != 1 or str(children[0]).lower().endswith("s"):
                raise SentenceError("LD203", "division nommée par plusieurs intitulés : "
                                             "tournure non reconnue",
                                    children[0].start_pos or 0)
            return UnitSpec(StepKind.DIVISION, (f"⟨{indexes[0]}⟩",))
        first, second = children[:2]
        if first.type == "ORDINALS":  # "la première partie"
            numbers = _ordinals(first)
            if len(children) == 3 and numbers != [_part_of_name(str(children[2]))]:
                # « la troisième partie (Décrets en Conseil d'Etat) »: which one is meant?
                raise SentenceError("LD203", f"« {first} partie {children[2]} » : le nom ne "
                                             "répond pas au numéro", first.start_pos or 0)
            return UnitSpec(StepKind.PARTIE, tuple(str(v) for v in numbers))
        # « Les sections 2 à 4 et 6 du chapitre II »
        spec = _listed_units(StepKind(_plural_stem(str(first))), str(second), division_key)
        if spec.kind is StepKind.PARAGRAPHE and spec.until is None and not spec.untils:
            spec = replace(spec, labels=tuple(canonical_label(v) for v in
                                              _split_list(str(second))[0]))
        if len(children) == 3:
            # « la section IV intitulée : « Du racolage » », « le chapitre III relatif aux
            # plans locaux d'urbanisme »: one division, one heading or subject
            about = children[2].type == "ABOUT"
            indexes = () if about else _quote_indexes(children[2])
            if (not about and len(indexes) != 1) or len(spec.values) != 1 or \
                    spec.until is not None:
                raise SentenceError("LD203", "intitulé ou objet donné à plusieurs divisions "
                                             ": tournure non reconnue", first.start_pos or 0)
            spec = replace(spec, about=" ".join(str(children[2]).split())) if about else \
                replace(spec, heading=f"⟨{indexes[0]}⟩")
        return spec

    def titled(self, children: list[Token]) -> Token:
        return children[-1]

    def table(self, children: list[Token]) -> UnitSpec:
        # "le tableau du a": the only table of the unit; "le tableau n° 7 annexé": by number
        if str(children[0]).lower().endswith("x"):
            raise SentenceError("LD203", "plusieurs tableaux : tournure non reconnue",
                                children[0].start_pos or 0)
        number = next((re.sub(r"\D", "", str(c)) for c in children
                       if c.type == "TABLE_NUMBER"), None)
        return UnitSpec(StepKind.TABLEAU, (number or "1",))

    def table_row(self, children: list[Token]) -> UnitSpec:
        return _ordinal_unit(StepKind.LIGNE, children[0])

    def table_column(self, children: list[Token]) -> UnitSpec:
        return _ordinal_unit(StepKind.COLONNE, children[0])

    def same(self, children: list[Token]) -> UnitSpec:
        spec = replace(_reference_unit(children[1:]), same=True)
        if len(children) == 3 and children[2].type in ("NUMBERS", "ARTICLE_NUMS",
                                                       "DIVISION_NUMBERS"):
            # "le même chapitre Ier": the number says which one the last named must be
            value = " ".join(str(children[2]).split())
            if children[2].type == "ARTICLE_NUMS":
                value = article_key(value)
            elif children[2].type == "DIVISION_NUMBERS":
                value = division_key(value)
            spec = replace(spec, values=(value,), confirm=True)
        return spec

    def this(self, children: list[Token]) -> UnitSpec:
        return replace(_reference_unit(children[1:]), this=True)

    @pure_rule
    def text(self, children: list[TextRef]) -> TextRef:
        return children[0]

    @pure_rule
    def text_name(self, children: list[Token]) -> TextRef:
        first = children[0]
        if first.type == "SAME" and children[1].type == "LAW_REF":
            # « la même loi n° 91-411 »: the last text named, which that number must name
            name = " ".join(" ".join(str(c) for c in children[1:]).split())
            return TextRef(TextKind.SAME, name.replace(TITLE_COMMA, ","))
        if first.type == "SAME":  # « du même code »: the last code; « de la même loi »: the
            # last text named (the noun kept: « code », or the law's word)
            return TextRef(TextKind.SAME, "code" if children[1].type == "CODE_WORD"
                           else " ".join(str(children[1]).lower().split()))
        if first.type == "AMENDMENT_WORD":  # "cet amendement": the text of the context
            return TextRef(TextKind.CONTEXT, "amendement")
        if first.type == "THIS_BILL":  # « du projet de loi »: the bill amendments amend
            return TextRef(TextKind.CONTEXT, THE_BILL)
        if first.type == "CODE_NAME" and len(children) == 1 and \
                _BARE_CODE_RE.fullmatch(str(first)):
            # « de l'article L. 5 dudit code », « de ce code », « du code », « du code
            # précité »: no code is named « code » (nor « code précité »); the code named
            # last, as « du même code » (LD209 when there is none)
            if "susvis" in str(first).lower():
                raise SentenceError("LD209", "« code susvisé » : un code des visas, qui ne "
                                             "sont pas lus — nommez le code", 0)
            return TextRef(TextKind.SAME, "ce code")
        if first.type == "LAW_NAMED_BEFORE":
            # « de la loi précitée »: the last text named of that kind, as « de la même loi »
            words = str(first).lower().split()
            if "susvis" in words[-1]:
                raise SentenceError("LD209", f"« {' '.join(words)} » : un texte des visas, qui "
                                             "ne sont pas lus — nommez le texte", 0)
            return TextRef(TextKind.SAME, " ".join(words[:-1]))
        title = next((c for c in children if c.type == "LAW_TITLE"), None)
        if title is not None and _CODE_AS_TITLE_RE.match(str(title)):
            # « de la loi n° 2004-1343 du 9 décembre 2004 code civil », « … 2004 du code
            # civil »: no law's title opens with a code's name — a unit of that code or of
            # the law, « du » or a comma lost: which text is meant is not sure
            raise SentenceError("LD203", f"un code nommé juste après un texte (« {first} "
                                         f"{str(title)[:60]} ») : titre du texte ou autre "
                                         "texte, pas sûr", title.start_pos or 0)
        if title is not None and (units := _UNITS_IN_TITLE_RE.search(str(title))):
            # « L'article 46 de la loi n° 84-16 du … portant … de l'État et l'article 65 de la
            # loi n° 84-53 … sont abrogés »: a title is read up to the verb, and would take
            # the next units of the list and their law (never repealed then)
            raise SentenceError("LD203", f"titre de loi suivi d'autres unités (« "
                                         f"{units.group(0)[:60]} … ») : où finit le titre "
                                         "n'est pas sûr", title.start_pos or 0)
        if first.type == "KNOWN_CODE" and _DIGIT_RE.search(first) and \
                not _EXACT_CODE_RE.fullmatch(first):
            # a name found with other digits than a code's (the lexer's KNOWN_CODE takes
            # any digit, see legidiff.lang.codes.CODE_NAME_LEXER_PATTERN): no such code
            raise SentenceError("LD203", f"« {first} » : aucun code ne porte ce nom",
                                first.start_pos or 0)
        name = " ".join(" ".join(str(c) for c in children).split()).replace(TITLE_COMMA, ",")
        return TextRef(TextKind.CODE if first.type in ("CODE_NAME", "KNOWN_CODE")
                       else TextKind.LAW, name)


_DIGIT_RE = re.compile(r"\d")
_EXACT_CODE_RE = re.compile(CODE_NAME_PATTERN, re.IGNORECASE)
# « code » alone, or with a word that recalls a code named before
_BARE_CODE_RE = re.compile(r"code(?:\s++(?:précité|susmentionné|susdit|susvisé))?",
                           re.IGNORECASE)
# what a law's title never opens with: a code's name (« code civil », « du code de … »)
_CODE_AS_TITLE_RE = re.compile(r"(?:(?:du|des|de\s++la|de)\s++)?codes?\b", re.IGNORECASE)
# a text named by its kind, number, date and « modifié » or « susvisé » only, nothing after
_BARE_LAW_RE = re.compile(
    r"(?:loi|ordonnance|d[ée]cret-loi|d[ée]cret|arr[êe]t[ée])(?:\s++organique)?"
    r"(?:\s++(?:n°|no|n\s*+°)?\s*+\d[\d-]*+)?(?:\s++du\s++\d{1,2}(?:er)?\s++\w++\s++\d{4})?"
    r"(?:\s++(?:modifiée?|susvisée?))?", re.IGNORECASE)


def _there(before: Clause, clause: Clause) -> tuple[Lead, ...]:
    """The place « y » names in a clause after « et »: the one unit the clause before
    names, as it stands after it — « L'article 5 est complété par … et les mots … y sont
    remplacés » (the article 5), « L'article L. 245-1 devient l'article L. 242-6 et les mots
    … y sont remplacés » (the article L. 242-6). Refused when that clause names several
    units, or none, or takes its unit away."""
    if len(before.subjects) != 1 or before.kind in (
            ClauseKind.UNIT_DELETE, ClauseKind.UNIT_REPEAL, ClauseKind.UNIT_GROUP) or (
            before.kind is ClauseKind.UNIT_RENUMBER and before.renamed is None):
        raise SentenceError("LD203", "« y » : l'unité qu'il désigne n'est pas sûre",
                            clause.start)
    chain = before.subjects[0]
    if before.kind is ClauseKind.UNIT_RENUMBER:
        assert before.renamed is not None
        # the new number, in the text the unit was named in
        chain = before.renamed if before.renamed.text is not None else replace(
            before.renamed, text=chain.text)
    return (Lead(LeadKind.AT, chain=chain),)


def _check_provisions_of(children: list[Any]) -> None:
    """« Les dispositions de l'article 3 du décret n° 2000-1 … » is that unit only when
    nothing follows the text's number and date: words after them (« … relatives aux
    mineurs », « … qui concernent les communes », « … contraires au présent décret ») may
    be the text's title or say which of its provisions go — a part, not the unit."""
    for child in children:
        chain = child if isinstance(child, Chain) else None
        text = chain.text if chain is not None else child if isinstance(child, TextRef) else None
        if text is not None and text.kind is TextKind.LAW and \
                _BARE_LAW_RE.fullmatch(text.name) is None:
            raise SentenceError("LD203", f"« les dispositions » d'un texte suivies d'autres mots "
                                         f"(« {text.name[:60]} ») : titre du texte ou partie de "
                                         "ses dispositions, pas sûr", 0, instruction=True)


# in a law's title as the grammar read it, another unit named after « et » then another
# text: « … de l'État et le 2° de l'article 65 de la loi n° 84-53 … » (the grammar's title
# ends before « et l'article », « et au second alinéa »…, not before every unit)
_UNITS_IN_TITLE_RE = re.compile(
    r"\bet\s++(?:à\s++la|à\s++l['’]|au|aux|du|des|de\s++la|de\s++l['’]|le|la|l['’]|les)\s*+"
    r"[^«»⟨⟩]{0,40}?(?:\b(?:articles?|alinéas?|phrases?)\b|\b\d{1,3}°|\b(?-i:[IVXL]{1,6})\b"
    r"|\b[a-z]\))"
    r".*?\b(?:de\s++la\s++loi|de\s++"
    r"l['’]ordonnance|du\s++décret|du\s++code|de\s++la\s++loi\s++organique)\b",
    re.IGNORECASE)


@quick_init
@dataclass(frozen=True, slots=True)
class _Headed:
    """"… et est intitulé : « … »": the new heading's quotation."""

    quotes: tuple[int, ...]


def _heading_rewrite(chains: tuple[Chain, ...], quotes: tuple[int, ...]) -> Clause:
    """The heading of each division named rewritten: "est intitulée : « … »"."""
    if len(quotes) != 1 or any(not c.units or c.units[0].kind.division is None for c in chains):
        raise SentenceError("LD203", "« intitulé » pour autre chose qu'une division, ou avec "
                                     "plusieurs intitulés : tournure non reconnue", 0)
    heading = UnitSpec(StepKind.INTITULE, ("1",))
    return Clause(ClauseKind.UNIT_REWRITE, subjects=tuple(
        replace(c, units=(heading, *c.units)) for c in chains), quotes=quotes)


def _phrase_end(children: list[Any]) -> bool:
    """Whether « la fin … » names the phrase (``THE_END`` holds « de la phrase », « de
    cette phrase »)."""
    return any(isinstance(c, Token) and c.type == "THE_END" and "phrase" in c.lower()
               for c in children)


def _listed_chains(chains: list[Chain]) -> list[Chain]:
    """``chains`` of a list of units ("la fin du second alinéa de l'article 64, de l'article
    114 et …"). A later one whose outermost unit is « le même chapitre Ier » names the unit of
    that kind and number the first chain names, with its containers ("Dans l'intitulé de la
    section 1 du chapitre Ier du titre Ier et du même chapitre Ier", 2013 bill on the
    code rural: the chapitre Ier of that titre Ier); any other « même … » or « présent … » in
    the list is refused (what it names is not resolved yet)."""
    if not any(u.same or u.this for c in chains[1:] for u in c.units):
        return chains
    first = chains[0]
    out = [first]
    for chain in chains[1:]:
        if any(u.same or u.this for u in chain.units):
            chain = _same_in_list(chain, first)
        out.append(chain)
    return out


def _same_in_list(chain: Chain, first: Chain) -> Chain:
    *inner, outer = chain.units
    if any(u.same or u.this for u in inner) or not outer.same or outer.plural or \
            outer.until is not None or chain.text is not None:
        raise SentenceError("LD203", "« même … » dans une liste d'unités : tournure non "
                                     "reconnue", 0)
    at = [k for k, u in enumerate(first.units) if u.kind is outer.kind and not u.same
          and not u.this and u.until is None and len(u.values) == 1]
    if len(at) != 1 or at[0] == 0 or (outer.values and
                                      outer.values != first.units[at[0]].values):
        # (at[0] == 0: « la fin du premier alinéa … et du même alinéa » names it twice)
        raise SentenceError("LD203", "« même … » dans une liste d'unités : pas une unité "
                                     "nommée une fois avant dans la liste", 0)
    return Chain((*inner, *first.units[at[0]:]), first.text)


def _part_of_name(name: str) -> int:
    """The partie of an older code's regulatory part a name in parentheses is (see
    PART_NAME): « (Décrets en Conseil d'Etat) » the second, « (Décrets) » or « (Décrets
    simples) » the third, « (Arrêtés) » the fourth."""
    name = name.lower()
    return 2 if "conseil" in name else 4 if "arrêtés" in name else 3


def _group_label(children: list[Any]) -> str:
    """The one label a group of alinéas takes, « un I » (« I », « 1° », « a) », « II bis »):
    never a count other than one, nor a list (« I et II », « 1° à 3° »)."""
    count = next(c for c in children if isinstance(c, Token) and c.type == "COUNT")
    label = next(c for c in children if isinstance(c, Token) and c.type == "LABELS")
    values, until = _split_list(str(label))
    if _count(count) != 1 or len(values) != 1 or until is not None:
        raise SentenceError("LD203", "plusieurs numéros pour un groupe d'alinéas : "
                                     "tournure non reconnue", label.start_pos or 0)
    return " ".join(str(label).split())


def _quote_indexes(token: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"⟨(\d+)⟩", str(token)))


_ORDINAL_SPLIT_RE = re.compile(rf"{ORDINAL_COMMA}|{ORDINAL_AND}(?!unième|onzième)")


def _ordinals(token: Token) -> list[int]:
    m = re.fullmatch(r"(\w+) (premi|derni)\w*", str(token).lower())
    if token.type == "FIRST_LAST_N" and m:  # "les deux derniers"
        count = parse_cardinal(m.group(1)) or 0
        return list(range(1, count + 1)) if m.group(2) == "premi" else list(range(-count, 0))
    values: list[int] = []
    # « première et à la seconde », « le premier et le deuxième »: the article and
    # preposition said again are no range (the separators of the grammar's ORDINALS; an
    # « et » inside an ordinal, « vingt et unième », none)
    for part in _ORDINAL_SPLIT_RE.split(str(token)):
        bounds: list[int] = []
        for word in re.split(r"\s+à\s+", part):  # "deuxième à huitième": a range
            value = parse_ordinal(word)
            if value is None and re.fullmatch(r"(?:premi[eè]re?|derni[eè]re?)s", word.lower()):
                # "Aux premiers et derniers alinéas des articles L. 6212-6 et L. 6222-5"
                # (2011 biology bill): plural, as the units of each article are
                value = parse_ordinal(word[:-1])
            if value is None:
                raise SentenceError("LD204", f"ordinal inconnu « {word} »",
                                    token.start_pos or 0)
            bounds.append(value)
        if len(bounds) == 2 and 0 < bounds[0] < bounds[1] <= bounds[0] + MAX_RANGE:
            values.extend(range(bounds[0], bounds[1] + 1))
        elif len(bounds) == 1:
            values.extend(bounds)
        else:
            raise SentenceError("LD204", f"plage d'ordinaux illisible « {part} »",
                                token.start_pos or 0)
    return values


MAX_RANGE = 500
"""The most units a range of ordinals or numbered items may span ("du 2° au 9°"): real
texts stay far below; a larger one is refused, never expanded into memory."""


def _count(token: Any) -> int | None:
    word = str(token).lower()
    if word.isdigit():  # "par 39 alinéas ainsi rédigés"
        return int(word)
    return _COUNTS.get(word) or parse_cardinal(word)


def _ordinal_unit(kind: StepKind, token: Token) -> UnitSpec:
    return UnitSpec(kind, tuple(str(v) for v in _ordinals(token)))


def _reference_unit(children: list[Token]) -> UnitSpec:
    """"même alinéa", "même III", "même première phrase", "présent article"."""
    first = children[0]
    if first.type == "ORDINALS":
        kind = StepKind.PHRASE if children[1].type == "PHRASE_NOUN" else StepKind.ALINEA
        return UnitSpec(kind, tuple(str(v) for v in _ordinals(first)))
    if first.type == "LABELS":
        values, _ = _split_list(str(first))
        return UnitSpec(StepKind.ITEM, tuple(canonical_label(v) for v in values))
    noun = {"PHRASE_NOUN": StepKind.PHRASE, "ALINEA_NOUN": StepKind.ALINEA,
            "TIRET_NOUN": StepKind.TIRET, "ARTICLE_NOUN": StepKind.ARTICLE,
            "TABLE_NOUN": StepKind.TABLEAU}.get(first.type)
    if noun is None:
        noun = StepKind(_plural_stem(str(first)))
    return UnitSpec(noun, ())


def _letter_label(labels: str) -> str:
    """Labels with "b) bis" written "b bis" (the parenthesis before the adverb)."""
    return re.sub(r"(?<=\b[a-z])\)(?=\s+[a-z])", "", labels) if ")" in labels else labels


def _noun_content(noun: Token, numbers: Token | None) -> ContentSpec:
    kinds = {"ALINEA_NOUN": UnitKind.ALINEA, "PHRASE_NOUN": UnitKind.PHRASE,
             "TIRET_NOUN": UnitKind.TIRET, "ARTICLE_NOUN": UnitKind.ARTICLE}
    if noun.type == "ROW_NOUN":  # a row of a table: the quote as written, for a row only
        return ContentSpec(UnitKind.TEXT, row=True)
    if noun.type == "LABELS":
        values, until = _split_list(_letter_label(str(noun)))
        return ContentSpec(UnitKind.ITEM, labels=tuple(canonical_label(v) for v in values),
                           until=canonical_label(until) if until else None)
    if noun.type == "DIVISION_KIND":
        values, until = _split_list(str(numbers)) if numbers is not None else ([], None)
        return ContentSpec(UnitKind.DIVISION, labels=tuple(values), until=until,
                           division=_plural_stem(str(noun)))
    values, until = _split_list(str(numbers)) if numbers is not None else ([], None)
    return ContentSpec(kinds[noun.type], labels=tuple(" ".join(v.split()) for v in values),
                       until=until)


def _words(children: list[Any]) -> WordsSpec:
    occurrence = None
    kind = ""
    quotes: tuple[int, ...] = ()
    articles: tuple[str, ...] = ()
    count = None
    alternatives = False
    articles_text = None
    for child in children:
        if isinstance(child, TextRef):
            articles_text = child
            continue
        if not isinstance(child, Token):
            continue
        if child.type == "COUNT":
            count = _count(child)
        elif child.type == "ORDINALS":
            occurrence = _ordinals(child)[0]
        elif child.type in ("WORDS_KIND", "WORDS_OF", "WORDS_KIND_TO", "WORDS_KIND_TO_IMP"):
            kind = re.sub(r"^(?:les|le|la|l'|du|des|de la|de l'|aux|au|à la|à l')\s*", "",
                          str(child).lower().replace("’", "'"))
            if kind.endswith(("de", "du", "des")):  # « le taux de : « 2 % » »: the noun
                kind = _NOUN_DE_RE.sub("", kind)
        elif child.type == "QUOTES":
            quotes = _quote_indexes(child)
            alternatives = re.search(r"\sou\s", str(child)) is not None
        elif child.type == "ARTICLE_NUMS":
            values, _ = _split_list(str(child))
            articles = tuple(" ".join(v.split()) for v in values)
    return WordsSpec(kind, quotes, occurrence, articles, count=count,
                     alternatives=alternatives, articles_text=articles_text)


_NOUN_DE_RE = re.compile(r"\s+(?:de|du|des)$")


class SentenceError(LegidiffError):
    """A sentence the grammar does not understand (code LD203) or with an unknown
    ordinal (LD204); ``offset`` is where, in the prepared text."""

    def __init__(self, code: str, message: str, offset: int, incomplete: bool = False,
                 instruction: bool = False):
        super().__init__(code, message)
        self.offset = offset
        self.incomplete = incomplete
        # read to its verb as an instruction, then refused: never a provision (« … qui
        # concernent les communes sont abrogées » would otherwise take the verb for a
        # relative clause's)
        self.instruction = instruction


@cache
def _sentence_parser() -> FastLALR:
    return transforming_parser("instructions", _ToParts(), start=["start", "locator"],
                               inlined_as_children=True)


def parse_chain(text: str) -> Chain:
    """Read a locator written in French ("le b du 2° du II de l'article L. 822-2")."""
    prepared = prepare(text)
    try:
        result = _sentence_parser().parse(prepared.text, start="locator")
    except SentenceError:
        raise
    except UnexpectedInput as e:
        offset = getattr(e, "pos_in_stream", None)
        raise SentenceError("LD203", "localisation illisible"
                            + (f" à la colonne {offset + 1}" if offset is not None else ""),
                            offset or len(prepared.text)) from None
    assert isinstance(result, Chain)
    return _fill_titles(result, prepared)


# The second pass for the titles of laws holding commas: "de la loi n° 78-17 du 6 janvier
# 1978 relative à l'informatique, aux fichiers et aux libertés est ainsi modifié" — the
# grammar cannot tell a comma of the title from the comma that ends a lead ("…, il est
# inséré"); when the sentence was not read, the commas after the title's first words are
# taken into it one by one (the fewest that make the sentence read), never a comma
# followed by a unit or another text ("…de l'État, de l'article 65 de la loi n° 84-53…":
# a list of units, not a title)
_LAW_DATED_RE = re.compile(
    r"\b(?:loi|ordonnance|décret|arrêté)(?:\s+organique)?\s+(?:n[°o]\s*[\d-]+\s+)?du\s+"
    r"\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4}\s+(?=[a-zéèêàâîôûç'])", re.IGNORECASE)
_TITLE_STOP_RE = re.compile(r"[:;⟨]|\b(?:est|sont|devient|deviennent)\b")
_NOT_TITLE_RE = re.compile(r"\b(?:articles?|alinéas?|phrases?|loi|ordonnance|décret|arrêté|il)\b"
                           r"|⟨", re.IGNORECASE)
TITLE_COMMA = "\u201a"  # "‚": a comma inside a law's title, as the grammar's LAW_TITLE takes it


def _title_variants(text: str) -> list[str]:
    """The sentence with the commas after a dated law's title taken into the title, one
    more at a time."""
    out = []
    for m in _LAW_DATED_RE.finditer(text):
        stop = _TITLE_STOP_RE.search(text, m.end())
        end = stop.start() if stop else len(text)
        commas = [i for i in range(m.end(), end) if text[i] == ","]
        variant = text
        for i, comma in enumerate(commas):
            following = text[comma + 1:commas[i + 1] if i + 1 < len(commas) else end]
            if _NOT_TITLE_RE.search(following):
                break
            variant = variant[:comma] + TITLE_COMMA + variant[comma + 1:]
            out.append(variant)
    return out


# A change limited by subject: « en tant qu'ils concernent les sociétaires coopératives de
# production et leurs unions », « en tant qu'il s'applique à … », « en ce qu'il vise … »,
# « en ce qu'elles ont de contraire à … », « pour ce qui concerne … ». What it takes out
# of (or changes in) each unit is a matter of reading, not of words. Where the words sit
# says which units they limit (see :func:`limited_parts`); anywhere else the sentence is
# refused whole (its unconditional part is never applied alone, as a full repeal of the
# others would be wrong)
_AS_FAR_AS_RE = re.compile(
    r"\ben tant qu['’](?:ils?|elles?)\s+(?:concern|vis|s['’]appliqu|port|regard|intéress)\w*"
    r"|\ben ce qu['’](?:ils?|elles?)\s+(?:concern|vis|s['’]appliqu)\w*"
    r"|\ben ce qu['’](?:ils?|elles?)\s+(?:a|ont)\s+de\s+contraire"
    r"|(?P<common>\b(?:pour|en)\s+ce\s+qui\s+(?:concerne|a\s+trait|est\s+de)\b)",
    re.IGNORECASE)
_STRAY_MARK_RE = re.compile("[\"“”«»]")


def _limitations(text: str) -> list[re.Match[str]]:
    """The limitations by subject of a prepared sentence. Words as common as « en ce qui
    concerne » after a quotation mark left in the text (a quotation not closed, « " … ” »)
    may be quoted words: not taken for a limitation (the grammar refuses the sentence)."""
    # every limitation holds « qu » and « ce » or « tant »: looked for in small letters
    # first (exact, as for _TYPO_HINT_SMALL: tests/test_prefilters.py)
    small = text.lower()
    if "qu" not in small or ("ce" not in small and "tant" not in small):
        return []
    return [m for m in _AS_FAR_AS_RE.finditer(text)
            if not (m.group("common") and _STRAY_MARK_RE.search(text, 0, m.start()))]


def _limited_refusal(limited: re.Match[str]) -> SentenceError:
    return SentenceError("LD203", f"modification limitée à un objet (« {limited.group(0)} "
                                  "… ») : ce qu'elle retire ou change dans chaque unité "
                                  "n'est pas dit mot à mot ; non appliquée, ni en tout ni "
                                  "en partie", limited.start())


@quick_init
@dataclass(frozen=True, slots=True)
class LimitedParts:
    """A sentence holding a limitation by subject, as two sentences: ``whole``, what it
    says without condition (None when the limitation covers every unit it names), and
    ``limited``, the sentence for the limited units alone, without the limitation's words
    (``limitation``)."""

    whole: Prepared | None
    limited: Prepared
    limitation: str


# the numbers of a list of articles or alinéas: « 27 à 31 », « L. 123-4 », « 12 bis »
_NUMBER = (r"(?:[LRDA]\.?\*?\s?)?\d+(?:-\d+)*(?:\s+(?:bis|ter|quater|quinquies|sexies|"
           r"septies|octies|nonies|decies))?")
_MEMBER = rf"{_NUMBER}(?:\s+à\s+{_NUMBER})?"
# « Les articles 27 à 31 et, » before the limitation: its list, up to « et, »
_LIST_BEFORE_RE = re.compile(rf"\b(?:articles|alinéas)\s+(?P<first>{_MEMBER}"
                             rf"(?:(?:\s*,\s*|\s+et\s+){_MEMBER})*)\s+et\s*,\s*$",
                             re.IGNORECASE)
# after it: the list's last member, then its complement or its verb
_LAST_MEMBER_RE = re.compile(rf"\s*(?P<member>{_MEMBER})(?=\s+(?:du|de|des|sont|est)\b)")
# a repeal or a deletion, the end of the sentence (``fullmatch`` from a place; a search
# looks for its verb, ``_REPEAL_END_SEARCH_RE``: with the spaces before it, a search tried
# them from each of their characters, a long run of them read again for each — seconds)
_REPEAL_END = r"(?:est|sont)\s++(?:abrogée?s?|supprimée?s?)\s*+$"
_REPEAL_END_RE = re.compile(r"\s*+" + _REPEAL_END, re.IGNORECASE)
_REPEAL_END_SEARCH_RE = re.compile(_REPEAL_END, re.IGNORECASE)
# a whole subject: one unit (or one range) of a code, the sentence's first words
_ONE_SUBJECT_RE = re.compile(r"^(?:l['’]|les?\s|la\s)[^,;:⟨]*$", re.IGNORECASE)
# after the last member of a list cut by a limitation, another unit (« … 39 à 45 du titre
# II et l'article 46 sont abrogés »: limited or not, not said); a second verb
_OTHER_UNIT_RE = re.compile(r",|\bet\s+(?:l['’]|les?\s|la\s|\d)|\bainsi\s+que\b",
                            re.IGNORECASE)
_VERB_RE = re.compile(r"\b(?:est|sont)\b", re.IGNORECASE)


def limited_parts(prepared: Prepared) -> LimitedParts | None:
    """The sentence cut where a limitation by subject tells which units it limits; None
    when it holds none; :class:`SentenceError` where its place does not tell for sure.

    - between « et, » and the last member of a list of numbers, in a sentence of repeal or
      deletion, it limits that member:
      « Les articles 27 à 31 et, en tant qu'ils concernent les sociétaires coopératives
      de production et leurs unions, 39 à 45 du titre II du livre III de l'ancien code du
      travail sont abrogés » (a law of 2014) — the articles 27 to 31 are repealed, the
      repeal of the articles 39 to 45 is limited;
    - between a subject of one unit and its verb of repeal or deletion (« Les articles
      39 à 45, en tant qu'ils concernent …, sont abrogés »), or after that verb at the end
      (« L'article 12 est abrogé en tant qu'il concerne … »), it limits every unit.

    Anywhere else (a subject listing several units, before a list, in a lead, words
    with a comma, another verb), which units it limits is not sure: refused whole."""
    text = prepared.text
    found = _limitations(text)
    if not found:
        return None
    m = found[0]
    refusal = _limited_refusal(m)
    if len(found) > 1 or prepared.ends_with_colon:
        raise refusal
    comma = text.find(",", m.end())
    stop = comma if comma >= 0 else len(text)
    limitation = " ".join(text[m.start():stop].split())
    if re.search(r"[;:⟨⟩]|\b(?:est|sont)\b", limitation):
        raise refusal
    before = text[:m.start()]

    def cut(*spans: tuple[int, int]) -> Prepared:
        # the words kept, each with its place in the sentence as written
        return replace(prepared, text="".join(text[a:b] for a, b in spans),
                       origin=tuple(i for a, b in spans for i in prepared.origin[a:b]))

    listed = _LIST_BEFORE_RE.search(before)
    if listed is not None:
        last = _LAST_MEMBER_RE.match(text, comma + 1) if comma >= 0 else None
        if last is None or not _REPEAL_END_SEARCH_RE.search(text) \
                or _OTHER_UNIT_RE.search(text, last.end()) \
                or len(_VERB_RE.findall(text, last.end())) != 1:
            raise refusal
        first = listed.start("first")
        return LimitedParts(
            cut((0, listed.end("first")), (last.end(), len(text))),
            cut((0, first), (last.start("member"), len(text))), limitation)
    if comma >= 0 and before.rstrip().endswith(",") and _REPEAL_END_RE.fullmatch(
            text, comma + 1):
        subject = before.rstrip()[:-1].rstrip()
        if _ONE_SUBJECT_RE.match(subject) and not re.search(r"\set\s", subject):
            return LimitedParts(None, cut((0, len(subject)), (comma + 1, len(text))),
                                limitation)
        raise refusal
    if comma < 0 and _REPEAL_END_SEARCH_RE.search(before) and _ONE_SUBJECT_RE.match(before) \
            and len(_VERB_RE.findall(before)) == 1:
        return LimitedParts(None, cut((0, len(before.rstrip()))), limitation)
    raise refusal


def parse_sentence(prepared: Prepared) -> Sentence:
    """Parse a prepared sentence; raise :class:`SentenceError` when the grammar does not
    understand it."""
    limited = _limitations(prepared.text)
    if limited:  # read by parts (limited_parts), never as one
        raise _limited_refusal(limited[0])
    try:
        result = _sentence_parser().parse(prepared.text, start="start")
    except (SentenceError, UnexpectedInput) as e:
        if isinstance(e, SentenceError) and e.offset >= 0:
            raise
        # (a SentenceError at offset -1: words alone with no clause before them, which
        # stops before its verb at the end, as the grammar stopping there)
        for variant in _title_variants(prepared.text) if "," in prepared.text else ():
            try:
                result = _sentence_parser().parse(variant, start="start")
            except (UnexpectedInput, SentenceError):
                continue
            assert isinstance(result, Sentence)
            return _fill_titles(result, prepared)
        offset = getattr(e, "pos_in_stream", None) or 0
        token = getattr(e, "token", None)
        if token is None or not str(token):
            raise SentenceError("LD203", "phrase incomplète : l'instruction s'arrête avant "
                                          "son verbe", len(prepared.text), incomplete=True
                                 ) from None
        raise SentenceError("LD203", f"tournure non reconnue : « {token} » inattendu",
                             offset) from None
    assert isinstance(result, Sentence)
    _check_timed(result, prepared)
    return _fill_titles(result, prepared)


def _check_timed(sentence: Sentence, prepared: Prepared) -> None:
    """A date set aside (« à compter du 1er janvier 2005 », « sous réserve de … ») applies to
    every operation of the sentence: refused when it stands after the first of several
    clauses (« L'article 5 est abrogé et, à compter du 1er janvier 2005, l'article 6 est
    abrogé », « Le 2° est supprimé à compter du … et le 3° devient le 2° », « L'article 5
    est abrogé. L'article 6 est abrogé à compter du … »): it is one clause's, or not sure.
    Before the first clause (« À compter du …, l'article 5 est abrogé et … ») it is each
    one's."""
    if not prepared.timed or len(sentence.items) < 2:
        return
    for at in prepared.timed:
        pos = next((i for i, o in enumerate(prepared.origin) if o >= at), len(prepared.text))
        before = prepared.text[:pos].strip(" ,")
        if before and (_LEAD_OPENING_RE.match(before) is None or _VERB_WORD_RE.search(before)):
            raise SentenceError("LD203", "date ou réserve d'une seule des instructions de la "
                                         "phrase (ou pas sûr) : non lue", pos, instruction=True)


# what may stand before a date that every clause of the sentence takes: the places the
# clauses share (« Au 2° de l'article 5, à compter du …, les mots … sont supprimés et … »),
# no verb
_LEAD_OPENING_RE = re.compile(r"(?:au|aux|à|dans|après|avant)\b", re.IGNORECASE)
_VERB_WORD_RE = re.compile(r"\b(?:est|sont|devien(?:t|nent)|constitu(?:e|ent)|remplac(?:e|ent))\b",
                           re.IGNORECASE)


_T = TypeVar("_T")
_DIVISION_WORD_RE = re.compile(r"\bdivision\b", re.IGNORECASE)


def _fill_titles(parts: _T, prepared: Prepared) -> _T:
    """The parts with the heading quoted for each division named by its heading ("la
    division intitulée : « … »"), in place of the quotation's index."""
    # « division » in small letters first: exact outside quotations (as _TYPO_HINT_SMALL,
    # tests/test_prefilters.py), a tenth of the time of the search ignoring case
    if not prepared.quotes:
        return parts
    lower = prepared.text.lower()
    if ("division" not in lower or not _DIVISION_WORD_RE.search(prepared.text)) and \
            "intitul" not in lower:
        return parts
    quotes = prepared.quotes

    def fill(value: Any) -> Any:
        if isinstance(value, UnitSpec):
            if value.heading is not None:
                index = int(value.heading.strip("⟨⟩"))
                return replace(value, heading=" ".join(quotes[index].split()))
            if value.kind is not StepKind.DIVISION:
                return value
            index = int(value.values[0].strip("⟨⟩"))
            return replace(value, values=(" ".join(quotes[index].split()),))
        if isinstance(value, tuple):
            filled = tuple(fill(v) for v in value)
            return value if all(a is b for a, b in zip(filled, value, strict=True)) else filled
        if is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in fields(value):
                old = getattr(value, f.name)
                new = fill(old)
                if new is not old:
                    changes[f.name] = new
            return replace(value, **changes) if changes else value
        return value

    filled: _T = fill(parts)
    return filled
