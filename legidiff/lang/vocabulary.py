"""The vocabulary of French drafting, in one place.

Every list of words legidiff recognises lives here: the verbs of modification (which
decide whether a sentence modifies a text), the nouns that announce quoted words
("les mots", "la référence", "le taux" …), the kinds of division and their gender,
the multiplicative adverbs (bis, ter … quadragies) and the shape of ordinals in words.
The grammar's terminals for these pieces are generated from here
(:func:`grammar_terminals`, appended to ``grammars/instructions.lark`` when it is
loaded), and every regular expression of the other modules is built from the same
tables: adding a word here adds it everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# ---------------------------------------------------------------------------
# Multiplicative adverbs: bis, ter, quater… (inserted units: "L. 1-2 bis", "3° ter")

_ADVERB_UNITS = ("", "un", "duo", "ter", "quater", "quin", "sex", "sept", "octo", "novo")
_ADVERB_TENS = {10: "decies", 20: "vicies", 30: "tricies", 40: "quadragies"}


def _build_adverbs() -> dict[str, int]:
    table = {
        "bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6, "septies": 7,
        "octies": 8, "nonies": 9, "novies": 9,
    }
    for tens, word in _ADVERB_TENS.items():
        table[word] = tens
        for unit in range(1, 10):
            table[_ADVERB_UNITS[unit] + word] = tens + unit
    # Spellings found in real texts
    table.update({"sedecies": 16, "sexdecies": 16, "septdecies": 17, "octodecies": 18,
                  "novodecies": 19, "nonodecies": 19, "undevicies": 19})
    return table


ADVERBS: dict[str, int] = _build_adverbs()
"""Multiplicative adverbs and their rank: ``ADVERBS["ter"] == 3``."""

ADVERB_PATTERN = "|".join(sorted(ADVERBS, key=len, reverse=True))
"""A regular-expression alternation matching any adverb (longest first)."""

# ---------------------------------------------------------------------------
# Ordinals in words: "deuxième", "vingt et unième", "premier", "dernière"

CARDINAL_PATTERN = (
    r"(?:(?:(?:vingt|trente|quarante|cinquante|soixante|quatre-vingts?|cents?|deux|trois|quatre"
    r"|cinq|six|sept|huit|neuf|dix)(?:-| et |-et-))*(?:une?|deux|trois|quatre|cinq|six|sept"
    r"|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante"
    r"|cinquante|soixante|cents?))")
"""A count in words: "trois", "onze", "vingt et un", "quatre-vingt-dix" (validated by
:func:`legidiff.lang.numbering.parse_cardinal`)."""

# What stands between two ordinals of a list (« aux premier et deuxième alinéas », « au premier
# et au deuxième », « du troisième et du quatrième », « le premier et le deuxième »: the
# article and the preposition said again), a comma or « et »: the grammar's ORDINALS (with
# « à » for a range, generated below as _ORDINAL_SEP) and the transformer's split of its
# token (legidiff.bill.sentence._ordinals) read the same separators
ORDINAL_COMMA = r"\s*,\s*"
ORDINAL_AND = r"\s+et\s+(?:(?:à\s+la|au|de\s+la|du|le|la)\s+)?"

ORDINAL_PATTERN = (r"(?:(?:[a-zéè]+(?:-| et ))*[a-zéè]+ièmes?|premi[eè]re?s?"
                   r"|secondes?|seconds?|(?:avant-)?derni[eè]re?s?)")
"""One ordinal in words, as drafters write them (case-insensitive). « vingt-et-unième » is
« vingt », « - », « et », « - », « unième »: a separator « -et- » besides « - » would be a
second way to read each « -et- », and a text of many of them that is no ordinal
(« Wallis-et-Futunallis-et-unallis-et-… ») would be tried in every combination of the two
(a fuzzed sentence of 260 characters: 16 s)."""

# ---------------------------------------------------------------------------
# Nouns


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun of drafting with its plural and gender."""

    singular: str
    plural: str
    feminine: bool

    def pattern(self) -> str:
        """Singular or plural, as one regular expression."""
        if self.plural == self.singular:
            return re.escape(self.singular)
        if self.plural == self.singular + "s":
            return re.escape(self.singular) + "s?"
        return f"(?:{re.escape(self.plural)}|{re.escape(self.singular)})"


WORD_NOUNS: tuple[Noun, ...] = (
    Noun("mot", "mots", False), Noun("référence", "références", True),
    Noun("nombre", "nombres", False), Noun("taux", "taux", False),
    Noun("montant", "montants", False), Noun("signe", "signes", False),
    # « insérer le signe de ponctuation : « , » » (Senate amendment n° 2 on the 2013 bill
    # on the regulated price of electricity)
    Noun("signe de ponctuation", "signes de ponctuation", False),
    Noun("mention", "mentions", True), Noun("chiffre", "chiffres", False),
    Noun("somme", "sommes", True), Noun("date", "dates", True),
    Noun("année", "années", True), Noun("expression", "expressions", True),
    Noun("terme", "termes", False), Noun("pourcentage", "pourcentages", False),
    Noun("durée", "durées", True), Noun("délai", "délais", False),
    Noun("lettre", "lettres", True),  # "la lettre "R.*" est remplacée par la lettre "R.""
    # "Il est complété par le membre de phrase suivant : « … »" (2010 agriculture bill)
    Noun("membre de phrase", "membres de phrase", False),
    # the quantities laws change by quoting them: « le seuil : « 50 » », « l'âge : « 16
    # ans » », « le plafond : « 1 500 € » », « le coefficient : « 1,2 » »
    Noun("seuil", "seuils", False), Noun("âge", "âges", False),
    Noun("plafond", "plafonds", False), Noun("coefficient", "coefficients", False),
    Noun("valeur", "valeurs", True), Noun("indice", "indices", False),
    Noun("fraction", "fractions", True), Noun("proportion", "proportions", True),
    Noun("numéro", "numéros", False),
)
"""Nouns that announce quoted words: "les mots : « … »", "le taux : « 90 % »"."""

# A noun that can also name a unit of the text must not be read as announcing words
# when no quotation follows: the grammar asks for the colon or the quotation.
WORD_NOUN_PATTERN = "(?:" + "|".join(
    n.pattern() for n in sorted(WORD_NOUNS, key=lambda n: -len(n.singular))) + ")"

DIVISION_NOUNS: tuple[Noun, ...] = (
    Noun("partie", "parties", True), Noun("livre", "livres", False),
    Noun("titre", "titres", False), Noun("chapitre", "chapitres", False),
    Noun("section", "sections", True), Noun("sous-section", "sous-sections", True),
    Noun("paragraphe", "paragraphes", False),
    Noun("sous-paragraphe", "sous-paragraphes", False),
    Noun("annexe", "annexes", True),
)
"""The kinds of division, outermost first, with their gender."""

UNIT_NOUNS: tuple[Noun, ...] = (
    Noun("article", "articles", False), Noun("alinéa", "alinéas", False),
    Noun("phrase", "phrases", True), Noun("tiret", "tirets", False),
)


def noun(word: str) -> Noun | None:
    """The noun of a division, a unit or quoted words, from its singular or plural."""
    word = word.lower().replace("’", "'")
    for entry in (*DIVISION_NOUNS, *UNIT_NOUNS, *WORD_NOUNS):
        if word in (entry.singular, entry.plural):
            return entry
    return None


# ---------------------------------------------------------------------------
# Verbs of modification


class Verb(Enum):
    """What a clause does, as its verb says it (indicative participle or imperative)."""

    REPLACED = "remplacé"
    DELETED = "supprimé"
    INSERTED = "inséré"
    ADDED = "ajouté"
    CREATED = "créé"
    WRITTEN = "rédigé"
    COMPLETED = "complété"
    PRECEDED = "précédé"
    REPEALED = "abrogé"
    RESTORED = "rétabli"
    BECOMES = "devient"
    MODIFIED = "modifié"


# Participles, agreeing in gender and number: "remplacé", "remplacées"; unaccented
# spellings of copies typed without accents are accepted where the grammar had them.
_PARTICIPLES: dict[Verb, str] = {
    Verb.REPLACED: r"remplacée?s?",
    Verb.DELETED: r"supprimée?s?",
    Verb.INSERTED: r"insérée?s?",
    Verb.ADDED: r"ajoutée?s?",
    Verb.CREATED: r"créée?s?",
    # « est ainsi réécrit : » (not « libellé »: « L'amendement n° 455, présenté par …, est
    # ainsi libellé : » is how the Senate presents an amendment)
    Verb.WRITTEN: r"rédigée?s?|réécrite?s?",
    Verb.COMPLETED: r"complétée?s?",
    Verb.PRECEDED: r"précédée?s?",
    Verb.REPEALED: r"abrogée?s?",
    Verb.RESTORED: r"rétablie?s?",
    Verb.BECOMES: r"devient|deviennent",
}

# The imperative of amendments, and the verb it stands for
IMPERATIVES: dict[str, tuple[str, Verb]] = {
    "IMP_REPLACE": (r"remplacer", Verb.REPLACED),
    "IMP_SUBSTITUTE": (r"substituer", Verb.REPLACED),
    "IMP_DELETE": (r"supprimer", Verb.DELETED),
    "IMP_INSERT": (r"insérer|ajouter|inserer", Verb.INSERTED),
    "IMP_COMPLETE": (r"compléter|completer", Verb.COMPLETED),
    "IMP_WRITE": (r"rédiger|rediger", Verb.WRITTEN),
    "IMP_PRECEDE": (r"faire\s+précéder", Verb.PRECEDED),
    "IMP_RESTORE": (r"rétablir|retablir", Verb.RESTORED),
}

# Participles of verbs that modify a text without being one of the grammar's clauses
# (yet), and infinitives that amendments use: a sentence that holds them is still a
# modification, never a standalone provision.
_OTHER_PARTICIPLES = (r"modifiée?s?", r"substituée?s?", r"transférée?s?", r"renumérotée?s?",
                      r"intercalée?s?", r"intitulée?s?", r"numérotée?s?", r"regroupée?s?")
_OTHER_INFINITIVES = (r"abroger",)

# Two phrases of the passive the grammar reads and ``is_instruction`` counts alike: the
# rewrite of older texts and of décrets (« L'article 5 reçoit la rédaction suivante : »,
# = « est ainsi rédigé »), and the codification formula between « sont » and « abrogés »
# (« Les articles 3 et 4 … sont et demeurent abrogés »)
RECEIVES_WORDING_PATTERN = r"reçoi(?:t|vent)\s+la\s+rédaction\s+suivante"
AND_REMAIN_PATTERN = r"et\s+demeure(?:nt)?"

# The passive of an instruction ("… est remplacé", "sont insérés", "il est créé") uses
# these participles: the grammar's verbs and the others above.
INSTRUCTION_PARTICIPLES: tuple[str, ...] = (
    *(p for verb, p in _PARTICIPLES.items() if verb is not Verb.BECOMES), *_OTHER_PARTICIPLES)
# Of these, the verbs that also say what happens to things other than texts ("Le
# département d'Alsace est substitué aux départements …", "Les routes … sont transférées
# à …", "Les membres … deviennent membres de …"): an instruction only when their subject
# is a unit of text.
# "… est intitulée : « … »" too (a division's heading; a report or a plan is also
# "intitulé")
# Beside « devient », verbs of the active voice that rearrange or replace units of text
# (« Les premier et deuxième alinéas constituent un I, le troisième alinéa un II », a 2003
# décret on the code de la route; « l'annexe au présent arrêté remplace l'annexe à
# l'arrêté du 4 mai 2009 », a 2017 arrêté): shared too (« Cette indemnité remplace la
# prime … »).
# « Les deux premiers alinéas forment un I » likewise (« Les membres forment un collège »).
# « Les articles D. 171-2 à D. 171-11 sont regroupés au sein d'une sous-section 1 » (a 2015
# décret) is shared too (« Les candidats sont regroupés par académie »).
# Each with what must follow it to be the verb, as it is looked for in a sentence:
# « forme » is a noun too (« l'exercice sous forme de sociétés »), a verb before « un »,
# « une » only.
_ACTIVE: dict[str, str] = {r"constitu(?:e|ent)": "", r"form(?:e|ent)": r"(?=\s+une?\s)",
                           r"remplac(?:e|ent)": ""}
ACTIVE_VERBS: tuple[str, ...] = tuple(_ACTIVE)
ACTIVE_VERBS_IN_TEXT: tuple[str, ...] = tuple(verb + after for verb, after in _ACTIVE.items())
SHARED_VERBS: tuple[str, ...] = (r"substituée?s?", r"transférée?s?", r"devien(?:t|nent)",
                                 r"intitulée?s?", r"regroupée?s?", *ACTIVE_VERBS)
# The verbs of an amendment (imperative or infinitive), the grammar's and the others.
AMENDMENT_VERBS: tuple[str, ...] = (
    *(p for p, _ in IMPERATIVES.values()), *_OTHER_INFINITIVES,
    r"procéder\s+(?:à\s+la\s+même|aux\s+mêmes)")

MODIFYING_RE = re.compile(
    r"\b(?:" + "|".join([*_PARTICIPLES.values(), *(p for p, _ in IMPERATIVES.values()),
                         *_OTHER_PARTICIPLES, r"substitu\w+", *_OTHER_INFINITIVES]) + r")\b",
    re.IGNORECASE)
"""A verb of modification anywhere in a sentence: such a sentence is an instruction,
and if the grammar does not read it, it is not understood — never a standalone
provision."""

# ---------------------------------------------------------------------------
# The grammar's generated terminals


def grammar_terminals() -> str:
    """Lark terminal definitions for the pieces above, appended to the grammar.

    Each piece is one group (``(?:…)``) so that terminals of the grammar can use it
    inside a larger pattern (``ARTICLE_NUMS`` uses ``ADVERB``).
    """
    lines = [
        "// ---- generated from legidiff/lang/vocabulary.py ----",
        f"ADVERB: /(?:{ADVERB_PATTERN})/",
        f"ORDINAL_WORD: /{ORDINAL_PATTERN}/i",
        rf"_ORDINAL_SEP: /(?:{ORDINAL_COMMA}|{ORDINAL_AND}|\s+à\s+)/i",
        f"CARDINAL_WORD: /{CARDINAL_PATTERN}/i",
        f"WORD_NOUN: /{WORD_NOUN_PATTERN}/i",
        "DIVISION_NOUN: /(?:" + "|".join(
            n.pattern() for n in sorted(DIVISION_NOUNS, key=lambda n: -len(n.singular)))
        + ")/i",
    ]
    for verb, pattern in _PARTICIPLES.items():
        lines.append(f"{verb.name}.3: /(?:{pattern})\\b/i")
    for name, (pattern, _) in IMPERATIVES.items():
        lines.append(f"{name}.3: /(?:{pattern})\\b/i")
    lines.append(f"RECEIVES_WORDING.5: /(?:{RECEIVES_WORDING_PATTERN})\\b/i")
    lines.append(f"_AND_REMAIN.5: /(?:{AND_REMAIN_PATTERN})\\b/i")
    return "\n".join(lines) + "\n"
