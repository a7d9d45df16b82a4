"""Which code a base text is: names, renamed codes, LEGI identifiers.

A base knows its code from its source (the Markdown title, LEGI's ``TITRE_TXT``, the
layout's top heading) or from ``--code``. Bills name codes in running text ("du code des
postes et télécommunications"); :func:`canonical_code_name` maps every spelling, and
the former names of renamed codes, to one name.
"""

from __future__ import annotations

import re

from legidiff.lang.numbering import strip_accents

# Current names, as Légifrance writes them (lower case after "code").
_NAMES = (
    "code de l'action sociale et des familles",
    "code de l'entrée et du séjour des étrangers et du droit d'asile",
    "code de l'environnement",
    "code de l'éducation",
    "code de l'urbanisme",
    "code de la commande publique",
    "code de la consommation",
    "code de la construction et de l'habitation",
    "code de la défense",
    "code de la route",
    "code de la santé publique",
    "code de la sécurité intérieure",
    "code de la sécurité sociale",
    "code de procédure pénale",
    "code de justice administrative",
    "code des postes et des communications électroniques",
    "code des relations entre le public et l'administration",
    "code du travail",
    "code civil",
    "code de commerce",
    "code électoral",
    "code général des collectivités territoriales",
    "code général des impôts",
    "code monétaire et financier",
    "code pénal",
)

# Former or short names → current name. Only renames (same code, new name), never a
# code replaced by another one.
_ALIASES = {
    "code des postes et télécommunications": "code des postes et des communications électroniques",
    "code des postes et des télécommunications":
        "code des postes et des communications électroniques",
    "cpce": "code des postes et des communications électroniques",
    "csi": "code de la sécurité intérieure",
    "ceseda": "code de l'entrée et du séjour des étrangers et du droit d'asile",
    "cgct": "code général des collectivités territoriales",
    "cgi": "code général des impôts",
    "cja": "code de justice administrative",
    "cpp": "code de procédure pénale",
    "crpa": "code des relations entre le public et l'administration",
}

# LEGI identifiers (cid) seen in the project's sources.
LEGI_IDS = {
    "LEGITEXT000025503132": "code de la sécurité intérieure",
    "LEGITEXT000006070239": "code électoral",
}


def _fold(name: str) -> str:
    text = strip_accents(name).casefold().replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9']+", text))


_BY_FOLD = {_fold(n): n for n in _NAMES}
_BY_FOLD.update({_fold(alias): target for alias, target in _ALIASES.items()})
_BY_SLUG: dict[str, str] = {}
for _folded, _name in _BY_FOLD.items():  # names before aliases: the first spelling wins
    _BY_SLUG.setdefault("-".join(re.findall(r"[a-z0-9]+", _folded)), _name)


def canonical_code_name(name: str) -> str:
    """The current name of a code, whatever spelling or former name is given; an
    unknown name is returned in lower case with single spaces.

    >>> canonical_code_name("Code des postes et télécommunications")
    'code des postes et des communications électroniques'
    >>> canonical_code_name("CODE DE LA SECURITE INTERIEURE")
    'code de la sécurité intérieure'
    """
    folded = _fold(name)
    known = _BY_FOLD.get(folded)
    if known is not None:
        return known
    text = " ".join(name.replace("’", "'").split())
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def is_known(name: str) -> bool:
    return _fold(name) in _BY_FOLD


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
    names = [_BY_FOLD[m.group()] for m in _KNOWN_RE.finditer(folded)]
    if extra is not None and re.search(rf"\b{re.escape(_fold(extra))}\b", folded):
        names.append(canonical_code_name(extra))
    if _OTHER_TEXT_RE.search(folded):
        names.append("autre texte")
    return names


def display_name(name: str) -> str:
    """The name with a capital: "Code de la sécurité intérieure"."""
    return name[:1].upper() + name[1:]


def name_from_slug(slug: str) -> str | None:
    """The known code whose slug (see ``locator.code_slug``) is ``slug``."""
    return _BY_SLUG.get(slug)
