"""Which code a text names: every French code, its former names and short forms.

A base knows its code from its source (the Markdown title, LEGI's ``TITRE_TXT``, the
layout's top heading) or from ``--code``. Bills name codes in running text ("du code de
l'entrée et du séjour des étrangers et du droit d'asile", "de l'annexe III au code
général des impôts", "du livre des procédures fiscales"); :func:`canonical_code_name`
maps every spelling, short form and former name to one name, and :data:`CODE_NAME_PATTERN`
finds a name whole in a sentence whatever it contains (« et », commas, apostrophes,
parentheses).

The table holds every code of LEGI — in force and repealed — as Légifrance titles them
(``Code forestier (nouveau)``, ``Code général des impôts, annexe 2``), plus the codes
created since. A name that looks like a code's but is in no table is *unknown*: the
engine reports it with the nearest real name (:func:`suggest`), never treats the
instruction as aimed at some other text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from legidiff.lang.numbering import roman_to_int, strip_accents


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One code: its title as Légifrance writes it, and whether it is in force."""

    title: str
    in_force: bool = True

    @property
    def name(self) -> str:
        """The title in running text: "code de la route", "livre des procédures fiscales"."""
        return self.title[:1].lower() + self.title[1:]


CODES: tuple[CodeEntry, ...] = tuple(CodeEntry(t) for t in (
    # the codes of LEGI (codes-juridiques-francais, 2015), titles as LEGI gives them
    "Code civil", "Code de commerce",
    "Code de déontologie des agents de police municipale",
    "Code de déontologie des architectes",
    "Code de déontologie des professionnels de l'expertise comptable",
    "Code de justice administrative", "Code de justice militaire (nouveau)",
    "Code de l'action sociale et des familles", "Code de l'artisanat",
    "Code de l'aviation civile", "Code de l'éducation", "Code de l'énergie",
    "Code de l'entrée et du séjour des étrangers et du droit d'asile",
    "Code de l'environnement", "Code de l'expropriation pour cause d'utilité publique",
    "Code de l'organisation judiciaire", "Code de l'urbanisme", "Code de la consommation",
    "Code de la construction et de l'habitation", "Code de la défense",
    "Code de la famille et de l'aide sociale",
    "Code de la légion d'honneur et de la médaille militaire", "Code de la mutualité",
    "Code de la propriété intellectuelle", "Code de la recherche", "Code de la route",
    "Code de la santé publique", "Code de la sécurité intérieure",
    "Code de la sécurité sociale", "Code de la voirie routière",
    "Code de procédure civile", "Code de procédure pénale", "Code des assurances",
    "Code des communes de la Nouvelle-Calédonie", "Code des communes",
    "Code des douanes de Mayotte", "Code des douanes",
    "Code des instruments monétaires et des médailles",
    "Code des juridictions financières", "Code des marchés publics (édition 2006)",
    "Code des pensions civiles et militaires de retraite",
    "Code des pensions de retraite des marins français du commerce, de pêche ou de "
    "plaisance",
    "Code des pensions militaires d'invalidité et des victimes de la guerre",
    "Code des ports maritimes", "Code des postes et des communications électroniques",
    "Code des procédures civiles d'exécution", "Code des transports",
    "Code disciplinaire et pénal de la marine marchande",
    "Code du cinéma et de l'image animée",
    "Code du domaine de l'Etat et des collectivités publiques applicable à la "
    "collectivité territoriale de Mayotte",
    "Code du domaine de l'Etat",
    "Code du domaine public fluvial et de la navigation intérieure", "Code du patrimoine",
    "Code du service national", "Code du sport", "Code du tourisme",
    "Code du travail applicable à Mayotte", "Code du travail maritime", "Code du travail",
    "Code électoral", "Code forestier (nouveau)",
    "Code général de la propriété des personnes publiques",
    "Code général des collectivités territoriales", "Code général des impôts, annexe 1",
    "Code général des impôts, annexe 2", "Code général des impôts, annexe 3",
    "Code général des impôts, annexe 4", "Code général des impôts",
    "Code minier (nouveau)", "Code minier", "Code monétaire et financier", "Code pénal",
    "Code rural (ancien)", "Code rural et de la pêche maritime",
    "Livre des procédures fiscales",
    # created since 2015
    "Code des relations entre le public et l'administration",
    "Code de la commande publique", "Code de la justice pénale des mineurs",
    "Code pénitentiaire", "Code général de la fonction publique",
    "Code des impositions sur les biens et services",
)) + tuple(CodeEntry(t, in_force=False) for t in (
    # repealed or replaced codes that older texts still name
    "Code de l'industrie cinématographique",
    "Code des tribunaux administratifs et des cours administratives d'appel",
    "Code de la nationalité française", "Code forestier (ancien)",
    "Code de justice militaire (ancien)", "Code des caisses d'épargne",
    "Code de l'organisation judiciaire (ancien)", "Code du travail (ancien)",
    "Code des marchés publics (édition 2001)", "Code des marchés publics (édition 2004)",
    # the codes of the LEGI history that are no longer in force (etalab's
    # codes-non-en-vigueur), titles as LEGI gives them
    "Code de commerce (ancien)", "Code de déontologie de la profession de commissaire aux "
    "comptes", "Code de déontologie des chirurgiens-dentistes",
    "Code de déontologie des sages-femmes", "Code de déontologie médicale",
    "Code de déontologie vétérinaire", "Code de justice militaire",
    "Code de l'Office national interprofessionnel du blé", "Code de l'enseignement technique",
    "Code de la consommation des boissons et des mesures contre l'alcoolisme applicable "
    "dans la collectivité territoriale de Mayotte", "Code de la route (ancien)",
    "Code de procédure civile (1807)", "Code des débits de boissons et des mesures contre "
    "l'alcoolisme", "Code des marchés publics (édition 1964)", "Code du blé", "Code du vin",
    "Code forestier", "Code forestier de Mayotte", "Code pénal (ancien)",
))

# Former names, usual short forms and names without their qualifier → the title.
# Only the same code under another name, never a code replaced by a new one.
ALIASES: dict[str, str] = {
    "code des postes et télécommunications":
        "Code des postes et des communications électroniques",
    "code des postes et des télécommunications":
        "Code des postes et des communications électroniques",
    "code rural": "Code rural et de la pêche maritime",
    # its name since its recodification (ordonnance n° 2015-1781 of 28 December 2015, in
    # force on 1 January 2017): the same code
    "code des pensions militaires d'invalidité et des victimes de guerre":
        "Code des pensions militaires d'invalidité et des victimes de la guerre",
    "code de l'administration communale": "Code des communes",
    "code de la légion d'honneur, de la médaille militaire et de l'ordre national du "
    "mérite": "Code de la légion d'honneur et de la médaille militaire",
    # short forms
    "cpce": "Code des postes et des communications électroniques",
    "csi": "Code de la sécurité intérieure",
    "ceseda": "Code de l'entrée et du séjour des étrangers et du droit d'asile",
    "cgct": "Code général des collectivités territoriales",
    "cgi": "Code général des impôts",
    "lpf": "Livre des procédures fiscales",
    "cja": "Code de justice administrative",
    "cpp": "Code de procédure pénale",
    "crpa": "Code des relations entre le public et l'administration",
    "casf": "Code de l'action sociale et des familles",
    "cch": "Code de la construction et de l'habitation",
    "cgppp": "Code général de la propriété des personnes publiques",
    "cmf": "Code monétaire et financier",
    "cpi": "Code de la propriété intellectuelle",
    "csp": "Code de la santé publique",
    "css": "Code de la sécurité sociale",
    "crpm": "Code rural et de la pêche maritime",
}

# LEGI identifiers (cid) seen in the project's sources.
LEGI_IDS = {
    "LEGITEXT000025503132": "code de la sécurité intérieure",
    "LEGITEXT000006070239": "code électoral",
}


def _fold(name: str) -> str:
    text = strip_accents(name).casefold().replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9']+", text))


# « l'ancien code du travail » (a law of 2014 repealing what was left of it): a code LEGI
# titles « (ancien) », named as laws name it
ALIASES.update({"ancien " + e.title[:-len(" (ancien)")].lower(): e.title for e in CODES
                if e.title.endswith(" (ancien)")})

_BY_FOLD: dict[str, str] = {_fold(e.title): e.name for e in CODES}
for _alias, _title in ALIASES.items():
    _BY_FOLD[_fold(_alias)] = _title[:1].lower() + _title[1:]

# "annexe II au code général des impôts", "annexe 3 du CGI" → "…, annexe 3"
_CGI_ANNEX_RE = re.compile(
    r"^(?:l')?annexe (?P<n>[ivx]+|\d) (?:au|du|a|de) (?:code general des impots|cgi)$")


def canonical_code_name(name: str) -> str:
    """The name of a code as Légifrance titles it, in running text, whatever spelling,
    short form or former name is given; an unknown name is returned in lower case with
    single spaces.

    >>> canonical_code_name("Code des postes et télécommunications")
    'code des postes et des communications électroniques'
    >>> canonical_code_name("CODE DE LA SECURITE INTERIEURE")
    'code de la sécurité intérieure'
    >>> canonical_code_name("annexe III au code général des impôts")
    'code général des impôts, annexe 3'
    >>> canonical_code_name("Code forestier (nouveau)")
    'code forestier (nouveau)'
    """
    folded = _fold(name)
    known = _BY_FOLD.get(folded)
    if known is not None:
        return known
    annex = _CGI_ANNEX_RE.match(folded)
    if annex:
        number = annex.group("n")
        value = int(number) if number.isdigit() else roman_to_int(number.upper())
        if value is not None and 1 <= value <= 4:
            return f"code général des impôts, annexe {value}"
    text = " ".join(name.replace("’", "'").split())
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


_EDITION_RE = re.compile(r"\s*\((?:nouveau|nouvelle|édition\s+\d{4})\)$", re.IGNORECASE)


def code_key(name: str) -> str:
    """The identity of a code in locators and for scope: the slug of its name, without
    the qualifier LEGI adds to tell the code in force from an earlier one ("Code forestier
    (nouveau)" is what laws call "code forestier"); "(ancien)" stays: it is another text.

    >>> code_key("Code forestier (nouveau)") == code_key("code forestier")
    True
    >>> code_key("code rural (ancien)") == code_key("code rural")
    False
    """
    name = name.strip()
    if name.endswith(")"):  # "(nouveau)", "(édition 2006)": read at the end only
        name = name[:-40] + _EDITION_RE.sub("", name[-40:])
    family = canonical_code_name(name)
    return "-".join(re.findall(r"[a-z0-9]+", strip_accents(family).casefold()))


def is_known(name: str) -> bool:
    """Whether ``name`` is a code of the table (any spelling, short form, former name,
    with or without LEGI's "(nouveau)")."""
    return _fold(canonical_code_name(name)) in _BY_FOLD or code_key(name) in _BY_KEY


def suggest(name: str) -> str | None:
    """The known code nearest to an unknown name ("code de la sécurité intérieur" →
    "code de la sécurité intérieure"), or None when nothing is near.

    >>> suggest("code de sécurité intérieure")
    'code de la sécurité intérieure'
    """
    folded = _fold(name)
    titles = {_fold(e.title): e.name for e in CODES}
    close = difflib.get_close_matches(folded, list(titles), n=1, cutoff=0.75)
    return titles[close[0]] if close else None


def _spelling(title: str, any_digit: bool = False) -> str:
    """A regular expression for a title in running text: any case, any spacing, ’ or ',
    a capital written without its accent ("Etat"); with ``any_digit``, any digit where
    the title has one."""
    out = []
    for word in re.split(r"(\s+|'|’)", title):
        if not word or word.isspace():
            if word:
                out.append(r"\s+")
            continue
        if word in ("'", "’"):
            out.append(r"['’]\s*")
            continue
        piece = re.escape(word)
        if word[0] in "éÉèÈ":  # "État" / "Etat", "Électoral" / "Electoral"
            piece = "[eéEÉèÈ]" + re.escape(word[1:])
        out.append(re.sub(r"\d", r"\\d", piece) if any_digit else piece)
    return "".join(out)


_NAMES_FOR_PATTERN = sorted({e.title for e in CODES} | set(ALIASES), key=len, reverse=True)


def _name_pattern(any_digit: bool) -> str:
    names = dict.fromkeys(_spelling(n, any_digit) for n in _NAMES_FOR_PATTERN if len(n) > 5)
    return (
        # a quick look at the first word first: the long alternation below is tried only
        # where a code's name can start (the lexer tries this terminal at many places)
        r"(?=code\b|livre\b|ceseda\b|annexe\b|l['’]\s*annexe\b|ancien\b)"
        r"(?:(?:l['’]\s*)?annexe\s+(?:[IVX]+|\d)\s+(?:au|du)\s+code\s+général\s+des\s+impôts"
        r"|(?:" + "|".join(names) + r")"
        # LEGI's qualifiers: "code rural (nouveau)", "(ancien)", "(édition 1964)", "(1807)"
        r"(?:\s*\((?:nouveau|nouvelle|ancien|ancienne|édition\s+\d{4}|\d{4})\))?)"
        r"(?![\w-])")


CODE_NAME_PATTERN = _name_pattern(any_digit=False)
"""A known code's name, whole, in running text (case-insensitive): the longest first, so
that "code du travail applicable à Mayotte" is not "code du travail"."""

CODE_NAME_LEXER_PATTERN = _name_pattern(any_digit=True)
"""The same, with any digit where a title has one ("Code général des impôts, annexe
\\d", "(édition \\d\\d\\d\\d)"): the grammar's KNOWN_CODE, which then treats all
digits alike, as the parser's memory of parses wants (legidiff.bill.grammar.digit_blind).
What it finds that :data:`CODE_NAME_PATTERN` does not find whole (« code général des
impôts, annexe 7 ») is refused by the parser as no code's name."""

_KNOWN_RE = re.compile(r"\b(?:" + "|".join(
    re.escape(f) for f in sorted(_BY_FOLD, key=len, reverse=True)) + r")\b")
# "loi n° 2021-998", "ordonnance no 2000-549", "décret n° …" once folded
_OTHER_TEXT_RE = re.compile(r"\b(?:loi|ordonnance|decret)(?: organique)? no? \d")


def names_in(text: str, extra: str | None = None) -> list[str]:
    """The texts a sentence names: the canonical name of every known code (``extra``:
    one more code name to look for, the base's own), and "autre texte" for a law,
    ordinance or decree cited by number.

    >>> names_in("À l'article 3 de la loi n° 2000-1 et au code des postes et "
    ...          "télécommunications")
    ['code des postes et des communications électroniques', 'autre texte']
    """
    folded = _fold(text)
    names = [_BY_FOLD[m.group()] for m in _KNOWN_RE.finditer(folded)
             if len(m.group()) > 3 or m.group() in ("cgi", "lpf", "csi", "cpp", "cja")]
    if extra is not None and re.search(rf"\b{re.escape(_fold(extra))}\b", folded):
        names.append(canonical_code_name(extra))
    if _OTHER_TEXT_RE.search(folded):
        names.append("autre texte")
    return names


def display_name(name: str) -> str:
    """The name with a capital: "Code de la sécurité intérieure"."""
    return name[:1].upper() + name[1:]


def name_from_slug(slug: str) -> str | None:
    """The name drafters give the code whose key (:func:`code_key`) is ``slug``:
    "code-forestier" → "code forestier"."""
    return _BY_KEY.get(slug)


# titles before aliases: the first spelling wins
_BY_KEY: dict[str, str] = {}
for _name in [*_BY_FOLD.values()]:
    _BY_KEY.setdefault(code_key(_name), _EDITION_RE.sub("", _name))
