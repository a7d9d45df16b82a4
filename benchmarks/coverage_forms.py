"""The forms of drafting legidiff does not read: where the grammar stopped, and the
general rule of French drafting behind a failure (used by ``benchmarks/coverage.py``).

A failure is first located: the sentence is parsed again with the plain LALR parser of
``grammars/instructions.lark`` to get the state where it stopped, the first word it did not
expect and the terminals it expected. Then it is named by the first :data:`RULES` entry
that matches — a general form of drafting ("code names holding « et »", "several targets
in one lead", "« Il est inséré après l'article X un article Y »"…) — or, when none does,
by the word and the terminals the grammar expected there (``stop ⟪douze⟫ where the grammar
expects: …``; not the LALR state's number, which changes from one run to the next), so
that nothing is hidden.

The rules are heuristics over the words around the stop: each is a regular expression
or two, written from the failures of the corpus and checked against them; a rule that
matches a failure of another nature would show in the examples ``coverage.py -v`` prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from legidiff.bill.grammar import parser as grammar_parser
from legidiff.bill.sentence import prepare
from legidiff.lang.vocabulary import ADVERB_PATTERN

# ---------------------------------------------------------------------------
# Normalizing: particulars out, drafting words kept

# each particular becomes a placeholder (so that the "L" of "L. n" is never read again as a
# roman numeral), then its display form
_NORMALIZE = [
    (re.compile(r"⟨\d+⟩(?:(?:\s*,\s*|\s+et\s+|\s+ou\s+)⟨\d+⟩)*"), "\x00Q\x00"),
    (re.compile(r"\b(?:L\.\s*O\.|L\.\s*P\.|LO|LP|[LRDA]\.?\s*\*?)\s*\d+(?:[-‑–]\d+)*"
                rf"(?:\s+(?:{ADVERB_PATTERN}|[A-Z])\b)*"), "\x00A\x00"),
    (re.compile(r"\b\d+\s*(?:er|re|ère)?\s*[°º](?:\s+(?:bis|ter|quater|[A-Z])\b)*"), "\x00D\x00"),
    (re.compile(rf"\b\d+(?:[-‑–]\d+)*(?:\s*er)?(?:\s+(?:{ADVERB_PATTERN})\b)*"), "\x00N\x00"),
    (re.compile(r"\b(?:[a-zéè]+-)*[a-zéè]+ièmes?\b|\bpremi[eè]re?s?\b|\bsecond(?:e|es|s)?\b"
                r"|\b(?:avant-)?derni[eè]re?s?\b", re.IGNORECASE), "\x00O\x00"),
    (re.compile(r"\b[IVXLC]+(?:\s+(?:bis|ter|quater|quinquies|sexies|[A-Z])\b)*"
                r"(?=[\s,.;:]|$)"), "\x00R\x00"),
    (re.compile(r"(?<![\w'’])[a-z](?:\s+(?:bis|ter|quater))?\)"), "\x00S\x00"),
]
_DISPLAY = {"Q": "«…»", "A": "L.n", "D": "n°", "N": "N", "O": "ORD", "R": "I", "S": "a)"}
_PLACEHOLDER_RE = re.compile("\x00(.)\x00")
_WORD_RE = re.compile(r"«…»|L\.n|a\)|[\w°]+(?:['’])?|[^\w\s]")


def normalize(text: str) -> str:
    """Drafting words kept, particulars replaced: quotations, numbers, ordinals, labels.

    >>> normalize("Au 2° du I de l'article L. 822-2, les mots : ⟨0⟩ sont supprimés")
    "au n° du I de l'article L.n, les mots : «…» sont supprimés"
    """
    out = text.replace("’", "'")
    for pattern, repl in _NORMALIZE:
        out = pattern.sub(repl, out)
    out = _PLACEHOLDER_RE.sub(lambda m: _DISPLAY[m.group(1)], out)
    out = " ".join(out.split())
    return out[:1].lower() + out[1:] if out[1:2].islower() or out[:1] in "ÀÉ" else out


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


# ---------------------------------------------------------------------------
# Where the grammar stopped

# readable names of the grammar's terminals, for "expected: …"
TERMINALS = {
    "_EST": "est", "_SONT": "sont", "BECOMES": "devient", "_COMMA": ",", "_SEMI": ";",
    "_COLON": ":", "_AND": "et", "_BY": "par", "_AINSI": "ainsi", "_COMME_SUIT": "comme suit",
    "_IL": "il", "ANCHOR": "après/avant", "EDGE": "au début/à la fin", "THE_END": "la fin",
    "EVERYWHERE": "partout où…", "EVERYWHERE_TEXT": "dans l'ensemble du code",
    "ALL_OF": "dans l'ensemble du code X", "IMP_COMPLETE": "compléter",
    "IMP_DELETE": "supprimer", "IMP_INSERT": "insérer", "IMP_REPLACE": "remplacer",
    "IMP_SUBSTITUTE": "substituer", "IMP_WRITE": "rédiger", "_LE": "le", "_LA": "la",
    "_L": "l'", "_LES": "les", "_CE": "ce/cet", "_LEDIT": "ledit", "_AU": "au", "_AUX": "aux",
    "_A_LA": "à la", "_A_L": "à l'", "_DU": "du", "_DE_LA": "de la", "_DE_L": "de l'",
    "_DES": "des", "_DUDIT": "dudit", "WORDS_KIND": "les mots", "WORDS_KIND_TO": "la référence à",
    "WORDS_KIND_TO_IMP": "aux mots", "WORDS_OF": "du mot", "QUOTES": "«…»",
    "COUNT": "un/deux…", "PROVISIONS": "les dispositions suivantes", "REPLACED": "remplacé",
    "DELETED": "supprimé", "INSERTED": "inséré", "ADDED": "ajouté", "CREATED": "créé",
    "WRITTEN": "rédigé", "COMPLETED": "complété", "PRECEDED": "précédé",
    "REPEALED": "abrogé", "RESTORED": "rétabli", "MODIFIED": "ainsi modifié",
    "RESPECTIVELY": "respectivement", "ORDINALS": "ORD", "FIRST_LAST_N": "deux derniers",
    "LABELS": "I/1°/a)", "ARTICLE_NUMS": "L.n", "DIVISION_NUMBERS": "II",
    "NUMBERS": "N", "ARTICLE_NOUN": "article", "ALINEA_NOUN": "alinéa",
    "PHRASE_NOUN": "phrase", "TIRET_NOUN": "tiret", "DIVISION_KIND": "chapitre…",
    "HEADING_NOUN": "intitulé", "SAME": "même", "THIS": "présent", "CODE_WORD": "code",
    "CODE_NAME": "code X", "LAW_REF": "loi n° N", "LAW_TITLE": "titre de loi",
    "PARTIE": "partie", "OCCURRENCE": "occurrence", "FOLLOWING": "suivant",
    "ADDITIONAL": "additionnel", "_OF_BY": "de/par", "$END": "fin de phrase",
}


def describe_expected(names: Iterable[str], limit: int = 14) -> str:
    shown = sorted({TERMINALS.get(n, n) for n in names})
    return " | ".join(shown[:limit]) + (" | …" if len(shown) > limit else "")


@dataclass(frozen=True)
class Stop:
    """Where the grammar stopped in a sentence (offsets in the prepared text)."""

    state: str  # the LALR state
    pos: int
    word: str  # the first word it did not expect, normalized, lower case
    window: str  # the normalized words before it, then ⟪the word⟫
    expected: frozenset[str]  # terminal names


def _first_word(text: str) -> str:
    found = words(normalize(text))
    if not found:
        return "fin de phrase"
    first = found[0].lower()
    if first == "l'" and len(found) > 1:  # "l'article": the noun says more
        return first + found[1].lower()
    return first


def grammar_stop(sentence: str) -> Stop | None:
    """Parse a sentence again with the plain parser to see where it stops (None: it
    parses — the failure came after the grammar)."""
    prepared = prepare(sentence)
    try:
        grammar_parser("instructions").parse(prepared.text)
    except UnexpectedInput as e:
        pos = getattr(e, "pos_in_stream", None)
        pos = len(prepared.text) if pos is None else pos
        number = getattr(getattr(e, "state", None), "position", None)
        expected: frozenset[str] = frozenset()
        if isinstance(e, UnexpectedToken):
            expected = frozenset(e.expected)
            if e.token.type == "$END" or not str(e.token):
                pos, word = len(prepared.text), "fin de phrase"
            else:
                word = _first_word(str(e.token))
        elif isinstance(e, UnexpectedCharacters):
            expected = frozenset(e.allowed or ())
            word = _first_word(prepared.text[pos:pos + 40])
        else:
            word = "fin de phrase"
        before = words(normalize(prepared.text[:pos]))[-5:]
        window = " ".join([*before, f"⟪{word}⟫"])
        return Stop(str(number) if number is not None else "?", pos, word, window, expected)
    return None


# ---------------------------------------------------------------------------
# The rules


@dataclass(frozen=True)
class Failure:
    """What is known of a sentence not read, for the rules."""

    kind: str  # bill | amendment | decree | law
    text: str  # the corpus item
    sentence: str  # the sentence that failed, as given to the grammar
    code: str | None  # LD203…, None: no specific reason
    message: str
    note: str
    stop: Stop | None
    before: str  # the prepared sentence before the stop, lower case, ’ → '
    after: str  # the prepared sentence from the stop, lower case, ’ → '
    start: str  # the whole prepared sentence, lower case, ’ → '

    @property
    def word(self) -> str:
        return self.stop.word if self.stop else ""


def make_failure(kind: str, text: str, sentence: str | None, code: str | None,
                 message: str | None, note: str | None) -> Failure:
    sentence = sentence if sentence is not None else text
    prepared = prepare(sentence).text.replace("’", "'")
    grammar = code == "LD203" and (message or "").startswith(
        ("tournure non reconnue", "phrase incomplète"))
    stop = grammar_stop(sentence) if grammar else None
    pos = stop.pos if stop else 0

    def fold(part: str) -> str:  # the rules read composed accents, lower case, single spaces
        return " ".join(unicodedata.normalize("NFC", part).lower().split())

    return Failure(kind, text, sentence, code, message or "", note or "", stop,
                   fold(prepared[:pos]), fold(prepared[pos:]), fold(prepared))


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    test: Callable[[Failure], bool]


def _re(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


_UNIT_NOUN = (r"(?:alinéas?|phrases?|articles?|chapitres?|titres?|livres?|sections?|"
              r"sous-sections?|paragraphes?|parties?|tirets?|intitulés?|mots?|références?)")
_CARDINALS = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")
_BIG_CARDINALS = ("onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente",
                  "quarante", "cinquante", "soixante", "cent")
_TEXT_WORDS = ("loi", "lois", "ordonnance", "décret", "arrêté", "règlement", "directive",
               "convention", "traité", "constitution", "accord")
_IMPERATIVES = r"(?:remplacer|substituer|supprimer|compléter|rédiger|insérer|ajouter|rétablir)"
_AMENDMENT_STYLE = _re(r"(?im)^(?:[IVX]+\.?\s*[–-]?\s*)?(?:alinéas?\s+\d|"
                       rf"{_IMPERATIVES}\b)|\b{_IMPERATIVES}\b")
_ADVERB_LATE = ("undecies|duodecies|terdecies|quaterdecies|quindecies|sexdecies|sedecies|"
                "septdecies|octodecies|novodecies|nonodecies|vicies|unvicies|duovicies|"
                "tervicies|tricies")


def _several_targets(f: Failure) -> bool:
    if f.word not in ("et", ",", "ou"):
        return False
    return bool(re.match(
        r"(?:,\s*)?(?:(?:et|ou)\s*,?\s*)?(?:à la|à l'|a la|a l'|au|aux|du|de la|de l'|des|"
        r"dans|le|la|les|l')\s*(?:\w+\s+){0,3}?"
        rf"(?:{_UNIT_NOUN}|\d+\s*°|[ivxlc]+\b|[a-z]\)|premi|deuxi|troisi|dernier|second|"
        r"même|présent|l\. ?\d|r\. ?\d|d\. ?\d)", f.after))


def _code_name_et(f: Failure) -> bool:
    return f.word == "et" and re.search(r"\bcode(?:\s+[\w'-]+){0,5}\s*$", f.before) is not None


_LAW_TITLE_RE = re.compile(r"\b(?:loi|ordonnance|décret)\b(?:(?!⟨).)*\b(?:relative?s?|portant|"
                           r"sur|créant|pour|tendant|instituant)\b")


def _law_title(f: Failure) -> bool:
    """A stop inside the title of a law: "relative à l'informatique, aux fichiers"."""
    return f.stop is not None and _LAW_TITLE_RE.search(f.before) is not None and (
        f.word in (",", "et") or f.word.isalpha()) and not re.match(
        r"[,]?\s*(?:est|sont|les mots|le mot|la référence|après|avant)\b", f.after)


_TYPOS = ("aliéna", "ierdu", "lu", "régiés", "dé", "bl'")


def _typo(f: Failure) -> bool:
    return f.word in _TYPOS or re.match(r"avant dernier|l\. l\.|0i\b|\d+° alinéa", f.after) \
        is not None


def _non_textual_subject(f: Failure) -> bool:
    """A sentence about persons, bodies or property that the verb list took for an
    instruction: the grammar stops on the noun after its first determiner."""
    if f.stop is None or not re.fullmatch(r"(?:le|la|les|l'|ce|cet|cette|ces|à l')?", f.before):
        return False
    return f.word.replace("'", "").isalpha() and len(f.word) > 3 and not re.match(
        rf"{_UNIT_NOUN}|(?:dans|pour|procéder|amendement|article)\b", f.after)


_WORDS_NOUN = r"(?:mots?|références?|nombres?|taux|montants?|mentions?|dates?|années?|chiffres?)"


RULES: tuple[Rule, ...] = (
    # --- reading the item, before the grammar -------------------------------------------
    Rule("quoted-block-straight-quotes",
         "quoted alinéas opening with a straight quote \" (La Fabrique de la loi) are not "
         "taken as the text the instruction writes (LD207)",
         lambda f: f.code == "LD207" and "straight" in f.note),
    Rule("amendment-read-as-code",
         "amendment in the imperative taken for code instructions (« on_code »): its first "
         "line has no imperative verb (« À l'alinéa 5, après le mot : », « I. – Alinéa 9 », "
         "a header line)",
         lambda f: "on_code" in f.note and _AMENDMENT_STYLE(f.text)),
    Rule("announced-text-not-taken",
         "« ainsi rédigé : » whose text is not taken (LD207: not in « », or absent)",
         lambda f: f.code == "LD207"),
    Rule("amendment-quote-comma",
         "amendment: quoted words on their own line followed by a comma (« X »,): the "
         "closing » is not seen",
         lambda f: f.kind == "amendment" and re.search(r"»\s*,\s*»|», »", f.sentence) is not None),
    Rule("amendment-parts-run-together",
         "amendment: its parts (« I. … II. En conséquence … », « 1° … 2° … ») run into one "
         "sentence",
         lambda f: f.kind == "amendment" and re.search(
             r"[,.»]\s+(?:[IVX]+\.\s*(?:[–-]\s*)?|\d+°\s*\)?\s*)(?:en conséquence|[A-ZÀ])",
             f.sentence) is not None),
    Rule("amendment-location-alone",
         "an amendment's location line alone (« Après l'alinéa 6 »), its instruction in "
         "another item",
         lambda f: f.word == "fin de phrase" and re.fullmatch(
             r"(?:après|avant|à) l'(?:alinéa|article) [\w ]+", f.start) is not None),
    Rule("transcript-par-amendement",
         "Senate transcript form « Par amendement n° 3, M. X propose de rédiger … »",
         lambda f: f.start.startswith("par amendement") or " propose de " in f.start
         or " proposent" in f.start),
    Rule("amendment-prose",
         "amendment header or comment, not an instruction (« Amendement permettant "
         "l'application des dispositions … », « Ces deux amendements sont … »)",
         lambda f: re.match(r"(?:amendement|cet amendement|ces \w+ amendements|l'amendement)\b",
                            f.start) is not None),
    # --- resolving ----------------------------------------------------------------------
    Rule("same-without-antecedent",
         "« même … », « du même code », « cet article » whose antecedent is not in the item "
         "or its chapeaux (LD209)",
         lambda f: f.code == "LD209"),
    Rule("chapeau-several-units",
         "a chapeau naming several units (« Les articles L. 613-19 et L. 722-8 sont ainsi "
         "modifiés : »)",
         lambda f: "un chapeau doit désigner une seule unité" in f.message),
    Rule("one-text-several-units",
         "one text for several units that do not follow each other (« Les articles L. 635-1 "
         "et L. 635-2 sont ainsi rédigés », « Les troisième et dernier alinéas sont "
         "remplacés »)",
         lambda f: "ne se suivent pas" in f.message),
    Rule("plural-ordinals",
         "ordinals in the plural (« Aux premiers et derniers alinéas des articles … ») (LD204)",
         lambda f: f.code == "LD204"),
    Rule("marker-remnant",
         "shuttle markers of a range of items (« 2° et 3° (Supprimés) », « D. – (Supprimé) ») "
         "that the bill reader takes for a sentence",
         lambda f: re.search(r"\((?:supprimée?s?|non modifiée?s?|conformes?)\)\s*\.?$",
                             f.start) is not None or re.fullmatch(r"[;.,]*|supprimée?s?", f.start)
         is not None),
    Rule("lead-as-chapeau",
         "a locator alone as the chapeau of the items below (« À l'article L. 612-34 : », « Au "
         "II : », « À la première phrase : »)",
         lambda f: f.word == "fin de phrase" and re.match(r"(?:au|aux|à la|a la)\s|à l'|a l'",
                                                          f.start) is not None
         and f.sentence.rstrip().endswith(":") and f.stop is not None
         and "_COMMA" in f.stop.expected),
    Rule("enumerated-subjects",
         "the verb first, then the subjects listed as items (« Sont abrogés : », then "
         "« L'ordonnance n° 2009-663 du 11 juin 2009 relative à … ; »)",
         lambda f: re.match(r"(?:sont|est)\s+(?:abrogée?s?|ratifiée?s?|supprimée?s?)\s*$",
                            f.start) is not None
         or (f.word == "fin de phrase" and f.stop is not None
             and f.stop.expected <= frozenset({"BECOMES", "_EST", "_SONT"})
             and "⟨" not in f.start and re.search(rf"\b{_IMPERATIVES}\b", f.start) is None)),
    Rule("decomposed-accents",
         "accents written as combining characters (Unicode NFD: « e » + « ́ »): the grammar's "
         "keywords do not match (« procéder », « après »)",
         lambda f: unicodedata.normalize("NFC", f.sentence) != f.sentence),
    Rule("typos",
         "typing errors of the source (« aliéna », « Ierdu », « avant dernier alinéa », « lu "
         "mot », « L. L. 5742-2 », « 4° alinéa »)",
         _typo),
    # --- the grammar: names of texts and numbers ---------------------------------------
    Rule("date-trailing",
         "instruction followed by its date or a reservation (« … est abrogé à compter du 1er "
         "juillet 2011 », « … sont abrogés, sous réserve des dispositions … »)",
         lambda f: bool(f.before) and re.match(r"(?:,\s*)?(?:à compter|à l'expiration|à partir|"
                                               r"jusqu'|à la date|sous réserve)", f.after)
         is not None),
    Rule("law-title-punctuation",
         "law titles holding commas or « et » (« loi n° 78-17 du 6 janvier 1978 relative à "
         "l'informatique, aux fichiers et aux libertés »)",
         _law_title),
    Rule("code-name-et",
         "code names holding « et » (code rural et de la pêche maritime, code de l'action "
         "sociale et des familles, code de la construction et de l'habitation…)",
         _code_name_et),
    Rule("name-qualified",
         "a code or division named with a qualifier (« le code monétaire et financier (partie "
         "législative) », « du livre VI (partie législative) », « la quatrième partie "
         "législative »)",
         lambda f: (f.word == "(" and re.match(r"\((?:partie|[^)]*partie|[^)]*décrets)",
                                               f.after) is not None)
         or f.word in ("législative", "réglementaire")),
    Rule("division-ordinal-words",
         "divisions numbered in words after their noun (« du livre troisième », « la section "
         "première »)",
         lambda f: f.word == "ord" and re.search(
             r"\b(?:livre|titre|chapitre|section|partie|sous-section|paragraphe)\s*$", f.before)
         is not None),
    Rule("text-name-not-code",
         "texts named otherwise than « code … » (« livre des procédures fiscales »)",
         lambda f: re.search(r"\blivre des\s*$", f.before) is not None),
    Rule("version-qualifier",
         "a unit qualified by its version (« , tel qu'il résulte de … », « , dans sa "
         "rédaction résultant de … »)",
         lambda f: re.match(r",?\s*(?:(?:tel|telle|tels|telles)\s*,?\s+qu|dans (?:sa|leur) "
                            r"rédaction|issue?s? de|modifiée? par)", f.after) is not None),
    Rule("all-texts",
         "a substitution in every text (« Dans tous les textes législatifs et réglementaires, "
         "le mot … est remplacé … »)",
         lambda f: f.start.startswith(("dans tous les textes", "dans l'ensemble des textes"))),
    Rule("other-texts",
         "instructions to laws, ordinances, decrees, arrêtés named by date or title (« la loi "
         "du 16 octobre 1919 relative à … », « la même loi », « l'arrêté du 31 juillet "
         "2003 », « la loi n° du … » whose number is not yet known)",
         lambda f: f.word in _TEXT_WORDS or re.search(
             r"\b(?:loi|ordonnance|décret)(?: organique)? n° du\b", f.before + " " + f.after[:30])
         is not None),
    Rule("article-number-forms",
         "article numbers the grammar does not take (« 200 undecies », « 199 sexvicies », "
         "« 235 ter ZD », « L. 173-2-0-1A », « LO. 6161-42 », « L. O 145-1 »)",
         lambda f: (re.match(rf"(?:{_ADVERB_LATE})\b|(?:un|duo|ter|quater|quin|sex|sept|octo|"
                            r"novo)(?:decies|vicies)\b|l\.?\s*o\.?\s*\d|o\.?\s*\d",
                            f.after) is not None and re.search(
             r"\b(?:articles?|l\.|\d+(?: \w+)?)\s*$", f.before) is not None)
         or (f.word == "a" and re.search(r"\d[A-Z]\b", f.sentence) is not None)
         or (re.fullmatch(r"[a-z]{2}", f.word) is not None
             and re.search(rf"\d+ (?:{ADVERB_PATTERN}) {f.word.upper()}\b", f.sentence)
             is not None)),
    Rule("arabic-items",
         "items numbered 1, 2, 3 bis without « ° » (code général des impôts: « Le 3 est "
         "complété », « Au c du 4, … », « Le 1. de l'article »)",
         lambda f: f.word == "n" and re.search(
             r"(?:^|\b(?:le|la|les|du|au|aux|des|et|après|avant|un))\s*$", f.before) is not None
         and re.match(r"\d+\.?(?:\s+(?:bis|ter|quater))?(?:\s*[,;]|\s+(?:est|sont|du|de|et|"
                      r"ainsi|à|au|aux)\b)", f.after) is not None),
    Rule("label-forms",
         "item labels written « 4°bis », « 5°ainsi »",
         lambda f: re.match(r"\d+\s*°\S", f.after) is not None),
    Rule("same-with-number",
         "« même » with the number repeated (« le même chapitre Ier », « après le même article "
         "L. 161-37 », « le même alinéa 23 »)",
         lambda f: re.search(r"\bmêmes?\s+(?:article|chapitre|titre|livre|section|sous-section|"
                             r"paragraphe|partie|alinéa)s?\s*$", f.before) is not None),
    # --- the grammar: leads and word order ----------------------------------------------
    Rule("date-lead",
         "instruction opening with its date or condition (« À compter du 1er janvier 2013, "
         "… », « Jusqu'au … »)",
         lambda f: re.match(r"(?:à compter d|a compter d|jusqu'|à la date|au plus tard|à titre "
                            r"transitoire|à partir d|dès )", f.start) is not None),
    Rule("adaptation-clause",
         "adaptation clause « Pour l'application de …, les mots … sont remplacés … » "
         "(it adapts a text, it does not amend it: a standalone provision)",
         lambda f: f.start.startswith(("pour l'application", "pour son application"))),
    Rule("lead-dans",
         "« Dans » as the preposition of a locator (« Dans le premier alinéa », « Dans les "
         "articles L. 1 et L. 2 », « Il est ajouté dans le même code … »)",
         lambda f: f.word == "dans" and re.match(
             r"dans (?:le|la|les|l'|chaque|tout|toute|ce|cet|cette|ces)\b", f.after) is not None
         and not re.match(r"dans (?:sa|leur) rédaction", f.after)),
    Rule("il-est-insere-where",
         "« Il est inséré / ajouté » then where, without its commas (« Il est inséré après "
         "l'article X un article Y », « Il est ajouté au chapitre IV une section 8 »)",
         lambda f: re.search(r"\bil (?:est|sont)\s+(?:insérée?s?|ajoutée?s?|créée?s?|"
                             r"rétablie?s?)(?:\s*,\s*(?:après|avant) [^,]*)?\s*,?\s*$", f.before)
         is not None),
    Rule("pronoun-subject",
         "a pronoun for the unit of the chapeau (« Il est complété par … », « Son intitulé "
         "est … »)",
         lambda f: (f.word in ("son", "sa", "ses", "leur", "leurs") and not f.before)
         or (re.fullmatch(r"il (?:est|sont)", f.before) is not None
             and f.word not in ("inséré", "ajouté"))),
    Rule("ainsi-other-verbs",
         "« ainsi » with other verbs than « rédigé » and « modifié » (« est ainsi complété : », "
         "« est complété comme suit : », « est ainsi remplacé par »)",
         lambda f: (f.word.startswith(("complét", "remplac")) and f.before.endswith("ainsi"))
         or (f.word in ("comme", "ainsi") and re.search(r"complétée?s?\s*$", f.before)
             is not None)),
    Rule("verb-preposition",
         "another preposition after the verb (« est complétée d'un article », « est complété "
         "les mots »)",
         lambda f: re.search(r"complétée?s?\s*$", f.before) is not None
         and f.word in ("d'", "de", "les", "le", "la")),
    Rule("respectively-commas",
         "« respectivement » between commas (« sont, respectivement, remplacés », « deviennent, "
         "respectivement, »)",
         lambda f: f.word == "," and re.match(r",\s*respectivement", f.after) is not None),
    Rule("devient-forms",
         "« devient » with an indefinite article or without determiner (« Le IV devient un "
         "V », « Le chapitre Ier devient chapitre unique », « Les troisième et quatrième "
         "phrases … deviennent un septième alinéa »)",
         lambda f: re.search(r"\b(?:devient|deviennent)\s*$", f.before) is not None),
    Rule("substitute-comma",
         "a comma between the words and their replacement (« substituer aux mots : « X », "
         "les mots : « Y » »)",
         lambda f: f.word == "," and f.before.endswith("⟩") and re.search(
             r"\b(?:substituer|remplacer)\b", f.before) is not None),
    Rule("several-targets",
         "several targets in one lead or subject (« Au dernier alinéa de l'article L. 811-2 "
         "et à la première phrase du dixième alinéa de l'article L. 811-8, … »)",
         _several_targets),
    Rule("elliptic-clause",
         "a second pair without its verb (« … remplacer le mot : « X » par le mot : « Y », et "
         "les mots : « Z » par les mots : « T » »)",
         lambda f: re.search(rf"\bet (?:les?|la|l') ?{_WORDS_NOUN}\s*:?\s*⟨\d+⟩\s*$", f.before)
         is not None),
    Rule("clauses-by-commas",
         "clauses joined by commas, not « et » (« les mots … sont remplacés par …, le mot … "
         "est supprimé et … »)",
         lambda f: f.stop is not None and f.stop.expected == frozenset({"_AND"})
         and re.match(rf"(?:les?|la|l') ?{_WORDS_NOUN}", f.after) is not None),
    Rule("comma-before-verb",
         "a comma between the quoted words and the verb (« la référence : « … », est "
         "remplacée »)",
         lambda f: f.word == "," and re.match(r",\s*(?:est|sont)\b", f.after) is not None),
    Rule("words-then-where",
         "the new words first, then where (« les mots : « X » sont insérés après les mots : "
         "« Y » », « sont supprimés et remplacés par »)",
         lambda f: f.word.startswith(("insér", "ajout", "remplac")) and f.before.endswith(
             ("sont", "est", "et"))),
    Rule("trailing-count",
         "« deux fois », « (deux fois) », « par deux fois »: how many occurrences",
         lambda f: re.match(r"[,(]?\s*(?:par\s+)?(?:deux|trois|quatre|cinq)\s+fois", f.after)
         is not None),
    Rule("words-or",
         "alternative words with « ou » (« les mots : « le présent chapitre » ou « du présent "
         "chapitre » sont remplacés par … »)",
         lambda f: f.word == "ou" and f.before.endswith("⟩")),
    Rule("relative-clause",
         "a relative clause carrying a second instruction (« … deviennent l'article "
         "L. 123-1-5, qui est ainsi modifié : »)",
         lambda f: f.word in ("qui", "lequel", "laquelle", "lesquels", "lesquelles")),
    Rule("text-as-lead",
         "a code or a new unit as the lead (« Au même code, il est rétabli … », « Au nouveau "
         "1°, … »)",
         lambda f: (f.word in ("code", "nouveau", "nouvel", "nouvelle")
                    and re.search(r"\b(?:au|à la|à l'|aux)(?: même)?\s*$", f.before) is not None)),
    Rule("two-sentences",
         "two sentences in one item (« … par les mots : « Y ». Il est complété par … »)",
         lambda f: f.word == "." and bool(f.before) and re.match(r"\.\s+\S", f.after)
         is not None),
    # --- the grammar: what is written -------------------------------------------------
    Rule("count-following",
         "a count between the determiner and the noun (« les deux alinéas suivants », « les "
         "trois phrases suivantes », « Aux trois alinéas de l'article … »)",
         lambda f: f.word in _CARDINALS and re.search(r"\b(?:les|ces|aux|des)\s*$", f.before)
         is not None),
    Rule("big-count",
         "counts above ten or in digits (« douze alinéas », « vingt-sept alinéas », « 9 "
         "alinéas »)",
         lambda f: f.word.startswith(_BIG_CARDINALS) or (
             f.word == "n" and re.match(rf"\d+\s+{_UNIT_NOUN}", f.after) is not None)),
    Rule("following-forms",
         "« suivants » where the grammar does not take it (« les mots suivants : », « insérer "
         "les alinéas suivants : »)",
         lambda f: f.word.startswith("suivant")),
    # (« les dispositions de » a unit is read as that unit: what is not read is the rest)
    Rule("replaced-by-other-units",
         "a unit replaced by units of the text named by their place, not by a text written "
         "out (« Les dispositions du I de l'article L. 632-2 sont remplacées par les trois "
         "premiers alinéas du II de l'article L. 632-1 »)",
         lambda f: re.search(r"\bremplacée?s? par (?:les|le|la|l') (?:\w+ )*?(?:alinéas?|"
                             r"phrases?) (?:du|de la|de l'|des)\b", f.start) is not None),
    Rule("qualified-new-unit",
         "a new unit qualified (« un dernier alinéa », « un second alinéa », « une nouvelle "
         "phrase »)",
         lambda f: f.word in ("ord", "nouvelle", "nouvel", "nouveau", "nouveaux", "nouvelles")
         and re.search(r"\b(?:une?|des|les|deux|trois)\s*$", f.before) is not None),
    Rule("several-new-units",
         "several new units in one clause (« un 13° et un 14° ainsi rédigés », « un 9°, un "
         "10° et un 11° », « les mots et trois alinéas ainsi rédigés »)",
         lambda f: (f.word in ("un", "une", "deux", "trois", "quatre", "des", "la", "les")
                    and re.search(r"(?:,|\bet)\s*$", f.before) is not None
                    and re.search(r"\b(?:une?|sont (?:insérés|ajoutés|rétablis))\b[^⟨]*$",
                                  f.before) is not None)
         or (f.word == "et" and re.search(r"\b(?:les mots|un [^,]+|une phrase)\s*$", f.before)
             is not None)),
    Rule("headings",
         "headings as content or subject (« est remplacé par l'intitulé suivant », « un "
         "chapitre Ier intitulé : « … » », « est intitulée »)",
         lambda f: f.word.startswith(("intitul", "l'intitul"))),
    Rule("written-forms",
         "how the new text is announced (« trois alinéas rédigés : » without « ainsi », « un "
         "article L. 133-8-3 ainsi rétabli : »)",
         lambda f: (f.stop is not None and f.stop.expected == frozenset({"_COMME_SUIT"}))
         or (f.word == "rétabli" and f.before.endswith("ainsi"))),
    Rule("start-rewrite",
         "the beginning of a unit rewritten (« Le début de la première phrase … est ainsi "
         "rédigé : « … (le reste sans changement) » », « Rédiger ainsi le début de l'alinéa "
         "8 »)",
         lambda f: f.word == "début"),
    Rule("imperative-end-rewrite",
         "« rédiger ainsi la fin de cet alinéa » (the imperative of « la fin … est ainsi "
         "rédigée »)",
         lambda f: f.word == "fin" and f.before.endswith("ainsi la")),
    Rule("substituer-to-unit",
         "« substituer à » a unit or an occurrence (« substituer à la première occurrence du "
         "mot », « Substituer aux alinéas 15 à 19 les sept alinéas suivants »)",
         lambda f: f.before.endswith("substituer") and f.word in ("à", "aux", "au", "a")),
    Rule("imperative-unit-object",
         "imperative with a unit as object where the grammar takes words (« remplacer ces "
         "alinéas par … », « remplacer cet alinéa par deux alinéas »)",
         lambda f: re.search(rf"\b{_IMPERATIVES}\s+(?:ces|cet|cette|ce|le|la|les|l')\s*$",
                             f.before) is not None and re.match(
             rf"(?:deux |trois )?{_UNIT_NOUN}", f.after) is not None),
    Rule("rediger-comme-suit",
         "« Rédiger comme suit … »",
         lambda f: f.before.endswith("rédiger") and f.word == "comme"),
    Rule("proceder-meme",
         "« (En conséquence,) procéder à la même suppression / substitution à l'alinéa N »",
         lambda f: "procéder à la même" in f.start),
    Rule("sub-amendment",
         "« Compléter cet amendement par … » (a sub-amendment: its target is the amendment)",
         lambda f: f.word == "amendement" or "de l'amendement n°" in f.start),
    Rule("old-amendment-locator",
         "old amendment locators (« Supprimer le cinquième alinéa (1°) du III du texte proposé "
         "par cet article pour l'article L. 213-10-2 »)",
         lambda f: re.search(r"texte (?:proposé|présenté)", f.start) is not None),
    Rule("items-after-lead",
         "items « 1° … 2° … » inside the sentence after its lead",
         lambda f: f.word == "°"),
    Rule("unquoted-new-text",
         "the new text after « : » without « » (« rédiger ainsi cet alinéa : a) Les mots … », "
         "« la mention : I. - » »)",
         lambda f: f.stop is not None and "QUOTES" in f.stop.expected and f.word != "«…»"
         and f.before.endswith(":")),
    Rule("tables",
         "tables, their rows and columns (« Le tableau du a », « les neuvième et dixième "
         "lignes »)",
         lambda f: f.word.startswith(("tableau", "colonne", "ligne", "annexe"))),
    Rule("article-header",
         "an article header before the instruction (« Art. 1er. – », « Art. 4. – »)",
         lambda f: re.match(r"art(?:icle)?\.?\s+(?:\d|premier|unique)", f.start) is not None),
    Rule("label-remnant",
         "an item label the bill reader did not take (« I BA A. – », « III (nouveau). – », "
         "« bis Le … », « 1. L'article … »)",
         lambda f: f.stop is not None and not f.before and (
             f.word in ("i", "bis", "ter", ")", ".", "a", "b", "a)")
             or (f.word == "n" and re.match(r"\d+\.\s", f.after) is not None))),
    Rule("fragment",
         "an item cut in the corpus, starting mid-sentence (« publique est modifié comme "
         "suit : »)",
         lambda f: f.stop is not None and not f.before and f.sentence[:1].islower()
         and re.match(r"(?:le|la|les|l'|au|aux|à|a|après|avant|dans|il|et|en|pour|par|"
                      r"supprimer|remplacer|insérer|compléter|rédiger|substituer|procéder)\b",
                      f.start) is None),
    Rule("provisions-subject",
         "the new text as subject (« Les dispositions suivantes sont ajoutées après le dernier "
         "alinéa : »)",
         lambda f: f.after.startswith(("dispositions suivantes", "disposition suivante"))),
    Rule("standalone-taken-for-instruction",
         "a provision that is not an instruction but holds a word taken for a verb of "
         "modification (« La Collectivité européenne d'Alsace est substituée aux départements "
         "… », « Les membres … deviennent membres … », « Redéfinir, … » in a habilitation)",
         _non_textual_subject),
)


def rule_of(failure: Failure) -> Rule | None:
    for rule in RULES:
        if rule.test(failure):
            return rule
    return None


def fallback_form(failure: Failure) -> str:
    """The form of a failure no rule names: the grammar state and the word, or the
    diagnostic's message with its particulars out."""
    if failure.stop is not None:  # the expected terminals, not the state's number: LALR
        # state numbers change from one run to the next (hash seeds)
        expected = describe_expected(failure.stop.expected, 6)
        return f"stop ⟪{failure.stop.word}⟫ where the grammar expects: {expected}"
    if failure.code is None:
        return "no specific reason: " + (failure.message or "nothing produced, nothing said")
    text = re.sub(r"^(?:article [^:]+|texte|amendement(?: n° \S+)?) : ", "", failure.message)
    text = re.sub(r"«[^»]*»", "« … »", text)
    text = re.sub(r"\d+", "N", text)
    return f"{failure.code} {text}"
