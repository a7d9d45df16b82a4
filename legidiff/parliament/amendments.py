"""Parliamentary amendments to a bill: from their text to operations on the bill.

An amendment addresses the bill's alinéas in the imperative (docs/drafting.md §3), and debate
transcripts put the quoted words on lines of their own::

    Alinéa 4, première phrase
    Après le mot :
    renseignement
    insérer les mots :
    et les services mentionnés à l'article L. 811-4 …

The lines are first turned into the sentences the grammar reads ("À la première phrase
de l'alinéa 4, après le mot : « renseignement », insérer les mots : « … »"), the text an
amendment writes ("ainsi rédigé :", "suivant :") becoming the quoted block; then the same
grammar and operation builder as for bills apply, in the context of the bill article the
amendment is on ("cet article"). An amendment that is itself a code instruction (an
"article additionnel" written in the indicative) is read as a bill.

Problems are reported with stable codes: LD202 a quoted text whose closing » is missing
(the quotation ends with the amendment: recovered), LD203 a sentence not understood.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from legidiff.bill.build import Context, ContextError, build_operations
from legidiff.bill.operations import Operation, Source, Unrecognized
from legidiff.bill.parse import parse_bill
from legidiff.bill.sentence import SentenceError, parse_sentence, prepare
from legidiff.bill.text import closes_block, quote_opening
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import Step, StepKind
from legidiff.lang.numbering import article_key, parse_cardinal
from legidiff.lang.vocabulary import (
    ADVERB_PATTERN,
    AMENDMENT_VERBS,
    IMPERATIVES,
    MODIFYING_RE,
    ORDINAL_PATTERN,
    WORD_NOUN_PATTERN,
)
from legidiff.parliament.debate import Amendment

_ORDINAL = ORDINAL_PATTERN
_PHRASES = rf"(?P<phrase>{_ORDINAL}(?:\s+(?:et|à)\s+{_ORDINAL})?)\s+phrases?"
_PHRASE_ANCHOR = rf"(?P<anchor>(?:après|avant)\s+la\s+{_ORDINAL}\s+phrase)"
# "Alinéa 5", "Alinéas 5 à 7", "Alinéa 4, première phrase :", "Alinéas 6 et 19, secondes
# phrases", "Alinéa 3, après la première phrase"
_LOCATION_RE = re.compile(
    rf"^alinéas?\s+(?P<nums>\d+(?:\s*(?:,|et|à)\s*\d+)*)"
    rf"(?:\s*,\s*(?:{_PHRASES}|{_PHRASE_ANCHOR}))?\s*[.:]?$",
    re.IGNORECASE)
# a sub-location under a part that named its alinéa: "1° Deuxième phrase", "2° Après la
# deuxième phrase"
_PHRASE_LINE_RE = re.compile(rf"^(?:{_PHRASES}|{_PHRASE_ANCHOR})\s*[.:]?$", re.IGNORECASE)
_ANCHOR_LINE_RE = re.compile(r"^(?:après|avant)\s+l['’](?:alinéa|article)\s+[^:«»]+?(?<!\s)\s*+$",
                             re.IGNORECASE)
_WORDS_LINE_RE = re.compile(
    r"^(?:par\s++)?(?:après|avant\s++)?(?:les?|la|l['’]|aux?|à\s+la|à\s+l['’])?\s*"
    rf"{WORD_NOUN_PATTERN}\s*+:?\s*+$",
    re.IGNORECASE)
# the instruction ends where quoted words are announced ("… les mots :", "Après le mot :")
# ("par les mots et la phrase suivante :": the words, then a phrase, in one quotation)
_EXPECTS_WORDS_RE = re.compile(
    rf"(?:\b(?:les?|la|l['’]|aux?|du|des|à\s+la|à\s+l['’])\s*{WORD_NOUN_PATTERN}"
    r"(?:\s+suivante?s?)?"
    r"|\bles\s+mots\s+et\s+(?:la|une|deux|trois|quatre)\s+phrases?\s+suivante?s?)"
    r"[\s\u00a0]*+:?\s*+$", re.IGNORECASE)
# … or where a text is announced ("ainsi rédigé :", "l'alinéa suivant :")
# (« ainsi régiés : », a typo LD215 says, amendment n° COM-17 on the 2012 overseas bill)
_EXPECTS_TEXT_RE = re.compile(r"(?:ainsi\s+rédigée?s?|ainsi\s+régiée?s?|ainsi\s+libellée?s?|"
                              r"suivante?s?|"
                              r"comme\s+suit)\s*(?::\s*){0,2}$|\brédiger\s+(?:ainsi|comme\s+suit)\b[^«»\"]*:?\s*$",
                              re.IGNORECASE)
# a part of an amendment ("I. – …") and the connector of its later parts
# ("I. – ", "I.- ", "I – ", "II - ", or "I. " before a capital: "I. Après l'article 36";
# "A. – ", "B - ": parts lettered; a letter alone needs its dash: "M. Dupont")
_PART_RE = re.compile(r"^(?:[IVXLC]+\s*+(?:\.?\s*+[–—-]|\.(?=\s+[A-ZÀÂÉÈÊÎÔ]))"
                      r"|[A-Z]\s*+\.?\s*+[–—-])\s*(?i:en\s+conséquence\s*,\s*)?")
# lines of an amendment that are not instructions: the Assemblée's header ("Amendement
# permettant l'application des dispositions / des deux derniers alinéas de l'article 99
# du Règlement"), a description or a notice ("Amendement de précision rédactionnelle.",
# "Amendement irrecevable au titre de l'article 40 de la Constitution."); but not
# "Amendement n° 78 rectifié, alinéa 9" (a sub-amendment's target)
_NOTE_RE = re.compile(r"^(?:(?:cet\s+)?amendement\b(?!\s+(?:n[°o]\s*)?\d)"
                      r"|des\s+deux\s+derniers\s+alinéas\s+de\s+l['’]article\s+99\b)",
                      re.IGNORECASE)
# the explanation that follows the instructions
_EXPLANATION_RE = re.compile(r"^(?:EXPOSÉ\s+SOMMAIRE|Exposé\s+sommaire|OBJET|Objet)\s*+:?\s*+$")
# an amendment's own verbs: the grammar's imperatives, and those it does not take (yet)
# — they still make the amendment an edit of the bill, never code instructions
_AMENDMENT_VERB_RE = re.compile(r"\b(?:" + "|".join(AMENDMENT_VERBS) + r")\b", re.IGNORECASE)
_QUOTED_RE = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”")
# a sub-part: "1° ", "1°) ", "2° – "
_SUBPART_RE = re.compile(r"^\d+\s*°\s*+\)?\s*+(?:[–—-]\s*+)?(?=\S)")
_NOUVEAU_RE = re.compile(r"(?:(?<!\s)\s++)?\((?:nouveau|supprimé|non modifié)\)",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of an amendment, as the grammar reads it, and the text it writes."""

    sentence: str
    block: tuple[str, ...] | None
    line: int


# the text of a sub-amendment's amended amendment when its number is not given («
# Compléter cet amendement par … » with no « Amendement n° 24 » line above it)
UNNAMED_AMENDMENT = "amendement"


@dataclass(frozen=True, slots=True)
class ReadAmendment:
    operations: tuple[Operation, ...]
    unrecognized: tuple[Unrecognized, ...]
    diagnostics: tuple[Diagnostic, ...]
    pieces: tuple[Piece, ...]
    on_code: bool = False  # a code instruction in the indicative, not an edit of the bill


def _unquote(text: str) -> tuple[str, bool]:
    """The words of a line quoted with « », "…" or “…”; and whether a closing mark is
    missing. The punctuation after the closing mark is the sentence's: « ; », « . », and
    the comma of « Après le mot : / « X », / insérer … »."""
    t = text.strip()
    for opening, closing in (("«", "»"), ('"', '"'), ("“", "”")):
        if t.startswith(opening):
            inner = t[len(opening):]
            stripped = inner.rstrip(" \u00a0\u202f;.,")
            if stripped.endswith(closing):
                return stripped[:-len(closing)].strip(), False
            return inner.strip(), True
    return t, False


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _lead(line: str, nums: str | None = None) -> str | None:
    """A location line turned into a lead: "Alinéa 5, première phrase" → "À la première
    phrase de l'alinéa 5"; "Après l'alinéa 6" as it is. With ``nums``, the alinéa(s) its
    part named, a phrase alone is a location too: "Deuxième phrase" → "À la deuxième
    phrase de l'alinéa 2"."""
    line = _NOUVEAU_RE.sub("", line).strip()
    m = _LOCATION_RE.match(line)
    if m is None and nums is not None and _PHRASE_LINE_RE.match(line):
        noun = "Alinéas" if re.search(r"\D", nums) else "Alinéa"
        m = _LOCATION_RE.match(f"{noun} {nums}, {line}")
    if m:
        nums = " ".join(m.group("nums").split())
        plural = bool(re.search(r"\D", nums))
        alinea = f"des alinéas {nums}" if plural else f"de l'alinéa {nums}"
        if m.group("anchor"):
            anchor = " ".join(m.group("anchor").split())
            return f"{anchor[:1].upper()}{anchor[1:].lower()} {alinea}"
        if m.group("phrase"):
            # "secondes phrases" of several alinéas: the second phrase of each
            phrase = re.sub(r"s\b", "", " ".join(m.group("phrase").lower().split()))
            several = " et " in phrase or " à " in phrase
            return f"{'Aux' if several else 'À la'} {phrase} phrase{'s' if several else ''} " \
                   f"{alinea}"
        return f"Aux alinéas {nums}" if plural else f"À l'alinéa {nums}"
    if _ANCHOR_LINE_RE.match(line):
        return line.rstrip(" .,")
    return _list_lead(line)


def is_location_line(line: str) -> bool:
    """Whether a line of an amendment only says where its instruction applies («
    Alinéa 5, première phrase », « Après l'article 6 »): the reader joins it to the line
    after it. A part's label before it (« I. Après l'article 36 ») is passed over, as the
    reader does."""
    line = line.strip()
    part = _PART_RE.match(line)
    return _lead(line[part.end():] if part else line) is not None


# "Alinéas 2, 3, deuxième phrase, et 4", "Alinéas 7, deuxième et dernière phrases, 8,
# première phrase, et 11, première phrase" (amendments on the 2019 Alsace bill): a
# phrase after a number is that alinéa's
_LIST_BODY_RE = re.compile(r"^alinéas\s+(?P<body>\d.*?)(?<!\s)\s*+[.:]?$", re.IGNORECASE)
_LIST_TOKEN_RE = re.compile(
    rf"(?P<num>\d+)(?!\s*°)|(?P<phrase>{_ORDINAL}(?:\s+(?:et|à)\s+{_ORDINAL})*)\s+phrases?"
    r"|(?P<sep>\s*,\s*(?:et\s+)?|\s+et\s+)", re.IGNORECASE)


def _list_lead(line: str) -> str | None:
    """A list of alinéas, some with their phrase, turned into leads: "Alinéas 2, 3,
    deuxième phrase, et 4" → "À l'alinéa 2, à la deuxième phrase de l'alinéa 3 et à
    l'alinéa 4"; None for any other line."""
    m = _LIST_BODY_RE.match(line)
    if m is None:
        return None
    body = m.group("body")
    entries: list[list[str]] = []  # [number, phrase or ""]
    at = 0
    while at < len(body):
        token = _LIST_TOKEN_RE.match(body, at)
        if token is None or token.end() == at:
            return None
        if token.group("num"):
            entries.append([token.group("num"), ""])
        elif token.group("phrase"):
            if not entries or entries[-1][1]:
                return None
            entries[-1][1] = " ".join(token.group("phrase").lower().split())
        at = token.end()
    if len(entries) < 2 or not any(phrase for _, phrase in entries):
        return None
    leads = []
    for number, phrase in entries:
        if not phrase:
            leads.append(f"à l'alinéa {number}")
        elif " et " in phrase or " à " in phrase:
            leads.append(f"aux {phrase} phrases de l'alinéa {number}")
        else:
            leads.append(f"à la {phrase} phrase de l'alinéa {number}")
    text = ", ".join(leads[:-1]) + " et " + leads[-1]
    return text[:1].upper() + text[1:]


def _nums(line: str) -> str | None:
    """The alinéa(s) a location line names: "Alinéa 2" → "2"."""
    m = _LOCATION_RE.match(_NOUVEAU_RE.sub("", line).strip())
    return " ".join(m.group("nums").split()) if m else None


def split_pieces(lines: list[tuple[str, int]], path: str = "<amendement>",
                 number: str = "") -> tuple[list[Piece], list[Diagnostic]]:
    """The sentences of an amendment (see the module documentation).

    An amendment is made of parts (« I. – », « A. – ») and of numbered sub-parts
    (« 1° », « 2°) »); a location line (« Alinéa 14, première phrase ») at the head of a
    part is the lead of every sub-part below it, which may narrow it (« 1° Deuxième
    phrase »)."""
    pieces: list[Piece] = []
    diagnostics: list[Diagnostic] = []
    who = f"amendement n° {number}" if number else "amendement"
    lines = _without_header_location([(t.strip(), n) for t, n in lines if t.strip()])
    current = ""
    lead_only = False  # ``current`` holds a lead and nothing after it yet
    part_lead: str | None = None  # the location given at the head of the part
    part_nums: str | None = None  # … and its alinéa(s)
    in_subpart = False
    start = lines[0][1] if lines else 0
    i = 0

    def missing(n: int, text: str) -> None:
        diagnostics.append(Diagnostic(
            "LD202", Severity.WARNING, f"{who} : le » fermant manque ; la citation finit avec "
            "l'amendement", Location(path, n), text[:120]))

    def flush() -> None:
        nonlocal current, lead_only
        if current:  # a location with nothing after it too: reported, never dropped
            pieces.append(Piece(current, None, start))
        current, lead_only = "", False

    def waiting() -> bool:
        """``current`` is the part's location, waiting for the sub-parts it leads."""
        return lead_only and current == part_lead and part_lead is not None

    while i < len(lines):
        text, n = lines[i]
        text = _from_transcript(text)
        part = _PART_RE.match(text)
        if part:  # "I. – …", "II. – En conséquence, …": a new part of the amendment
            flush()
            part_lead, part_nums, in_subpart = None, None, False
            text = text[part.end():]
            if not text:
                i += 1
                continue
        sub = _SUBPART_RE.match(text)
        if sub:  # "1° …", "2°) …": a sub-part, under the part's location
            if not waiting():
                flush()
            in_subpart = True
            current, lead_only, start = part_lead or "", part_lead is not None, n
            text = text[sub.end():]
            if not text:
                i += 1
                continue
        lead = _lead(text, part_nums if in_subpart else None)
        if lead is not None:
            if not (in_subpart and waiting()):
                flush()  # a new location: the sentence before is complete
            current, lead_only, start = lead, True, n
            if not in_subpart:
                part_lead, part_nums = lead, _nums(text)
            i += 1
            continue
        if not current:
            start = n
            current = text
        elif current.endswith("»") and (re.match(r"par\b", text, re.IGNORECASE)
                                        or _WORDS_LINE_RE.match(text)):
            current = f"{current} {_lower_first(text)}"  # "… « X » par les mots :"
        elif current.endswith(":"):
            current = f"{current} {text}"
        else:
            current = f"{current.rstrip(',')}, {_lower_first(text)}"
        lead_only = False
        i += 1
        purpose = _PURPOSE_RE.match(current)
        if purpose:
            current = current[purpose.end():]
            current = current[:1].upper() + current[1:]
        if _EXPECTS_WORDS_RE.search(current) and i < len(lines):
            words, open_end = _unquote(lines[i][0])
            if open_end:
                missing(lines[i][1], lines[i][0])
            current = f"{current.rstrip(' :' + chr(0xa0))} : « {words} »"
            i += 1
            continue
        if _EXPECTS_TEXT_RE.search(current):
            end = i + _block_length([t for t, _ in lines[i:]])
            block = [t for t, _ in lines[i:end]]
            if block:
                block, open_end = _block(block)
                if open_end:
                    missing(lines[i][1], lines[i][0])
            pieces.append(Piece(current, tuple(block), start))
            current, lead_only = "", False
            i = end
            continue
    flush()
    return _repeat_same([_these_counted(p) for p in pieces]), diagnostics


# "Alinéas 24 et 25 / Remplacer ces deux alinéas par un alinéa ainsi rédigé :" (AN
# amendment n° 270 on the 2010 social security financing bill): « ces deux alinéas » are
# the alinéas of the location, when they are that many
_THESE_COUNTED_RE = re.compile(
    r"^Aux alinéas (?P<nums>\d+(?:\s*(?:,|et|à)\s*\d+)+), (?P<before>.*?\bces )"
    r"(?P<count>\w+) (?P<after>alinéas\b.*)$", re.DOTALL)


def _these_counted(piece: Piece) -> Piece:
    """« ces deux alinéas » after « Aux alinéas 24 et 25 »: the count dropped when it is
    the number of alinéas named (« 24 à 26 » are three), else left for the grammar to
    refuse."""
    m = _THESE_COUNTED_RE.match(piece.sentence)
    if m is None or m.group("before").count("«") != m.group("before").count("»") or \
            m.group("before").count('"') % 2:
        # (« Remplacer les mots : « ces deux alinéas » par … »: quoted words, never changed)
        return piece
    count = parse_cardinal(m.group("count").lower())
    named = 0
    for part in re.split(r"\s*(?:,|\bet\b)\s*", m.group("nums")):
        bounds = re.fullmatch(r"(\d+)\s*à\s*(\d+)", part)
        named += int(bounds.group(2)) - int(bounds.group(1)) + 1 if bounds else 1
    if count is None or count != named:
        return piece
    sentence = f"Aux alinéas {m.group('nums')}, {m.group('before')}{m.group('after')}"
    return Piece(sentence, piece.block, piece.line)


def _without_header_location(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``lines`` without a first line that repeats the location its first part opens with:
    « Alinéa 69 / I. - Alinéa 69 / Remplacer l'année : … » (amendment n° 42 on the 2013
    pensions bill: the Assemblée prints the location of the first part as the header)."""
    if len(lines) < 2 or _lead(lines[0][0]) is None:
        return lines
    part = _PART_RE.match(lines[1][0])
    if part is None:
        return lines
    again = lines[1][0][part.end():].strip() or (lines[2][0] if len(lines) > 2 else "")
    if " ".join(again.split()).rstrip(" .:") != " ".join(lines[0][0].split()).rstrip(" .:"):
        return lines
    return lines[1:]


# the Senate's transcripts before 2009: "Par amendement n° 1, M. Cabanel, au nom de la
# commission, propose de rédiger ainsi …", "… proposent, dans le premier alinéa …, avant
# les mots : « … », d'insérer les mots : « … »"
_TRANSCRIPT_RE = re.compile(
    r"^par\s+amendement\s+n[°o]\s*\S+(?:\s+rectifié(?:\s+(?:bis|ter))?)?\s*,\s*.+?(?<!\s)\s+"
    r"propos(?:e|ent)\s*(?:,\s*(?P<lead>.+?)(?<!\s)\s*+,\s*)?(?:de\s+|d['’])(?P<rest>\S.*)$",
    re.IGNORECASE)


def _from_transcript(line: str) -> str:
    """An amendment as a transcript reports it, turned into the amendment itself: « Par
    amendement n° 3, M. Paul Girod propose de rédiger comme suit cet article : » →
    « Rédiger comme suit cet article : »."""
    m = _TRANSCRIPT_RE.match(line)
    if m is None:
        return line
    sentence = f"{m.group('lead')}, {m.group('rest')}" if m.group("lead") else m.group("rest")
    return sentence[:1].upper() + sentence[1:]


# "(En conséquence,) procéder à la même suppression aux alinéas 5 à 7", "à l'alinéa 11,
# procéder à la même substitution", "au même alinéa, après le mot : « allemand »,
# procéder à la même insertion": the operation of the piece before, at other places
_SAME_RE = re.compile(
    r"^(?:en\s+conséquence\s*,\s*)?(?:(?P<pre>(?:à|a|au|aux|après|avant)\b.+?)(?<!\s)\s*+,\s*)?"
    r"procéder\s+(?:à\s+la\s+même|aux\s+mêmes)\s+(?P<noun>[a-zé]+?)s?"
    r"(?:\s+(?P<where>(?:à|aux?|dans)\b.+?))?(?<!\s)\s*+[.;]?$", re.IGNORECASE)
# an anchor at the head of what a piece does: "après le mot : « X », insérer …"
_ANCHOR_CLAUSE_RE = re.compile(r"^(?P<anchor>(?:après|avant)\s[^«»]*?:\s*«[^«»]*»)\s*,\s*"
                               r"(?P<clause>\S.*)$", re.IGNORECASE)
_SAME_VERBS = {"suppression": "supprimer", "substitution": "substituer|remplacer",
               "remplacement": "substituer|remplacer", "insertion": "insérer|ajouter",
               "ajout": "ajouter|insérer", "rédaction": "rédiger",
               "modification": "supprimer|substituer|remplacer|insérer|ajouter|compléter|"
                               "rédiger"}
# a piece's lead and what it does there: "À la première phrase de l'alinéa 40, | substituer
# au mot : « chef » le mot : « directeur »"
_LEAD_BODY_RE = re.compile(
    r"^(?P<lead>(?:à|a|au|aux)\b[^«»:]*?),\s*(?P<body>(?:(?:après|avant)\s[^«»]*?:\s*«"
    r"|(?P<verb>" + "|".join(p for p, _ in IMPERATIVES.values()) + r")\b).*)$",
    re.IGNORECASE)


def _same_where(same: re.Match[str], body: str) -> tuple[str, str] | None:
    """Where « procéder à la même … » repeats the piece before, and what it repeats there:
    the new lead and the body; a new anchor (« après le mot : « allemand » ») replaces the
    body's own. None when the places are not said, or said twice."""
    pre, where = same.group("pre"), same.group("where")
    if (pre is None) == (where is None):
        return None
    if where is not None:
        return where, body
    assert pre is not None
    anchor = _ANCHOR_CLAUSE_RE.match(body)
    new_anchor = re.search(r",\s*((?:après|avant)\s[^«»]*?:\s*«[^«»]*»)$", pre, re.IGNORECASE)
    if new_anchor is not None:
        if anchor is None:
            return None
        return pre, anchor.group("clause")
    return pre, body


# a piece whose anchor comes first and whose unit is named at the end of what it does:
# "Après le mot : « consentement », rédiger ainsi la fin de l'alinéa 3 :" (its text below)
_ANCHOR_EDGE_RE = re.compile(
    r"^(?P<anchor>(?:après|avant)\s[^«»]*?:\s*«[^«»]*»)\s*,\s*"
    r"(?P<verb>rédiger\s+ainsi\s+la\s+fin|supprimer\s+la\s+fin)\s+"
    r"(?:de\s+l['’]|du\s|de\s+la\s|des\s)\s*(?P<unit>[^«»:,]+?)(?<!\s)\s*+[:.;]?\s*+$",
    re.IGNORECASE)
_EDGE_NOUNS = {"rédiger": ("substitution", "rédaction", "modification"),
               "supprimer": ("suppression", "modification")}
# "au dernier alinéa" → "du dernier alinéa", "à l'alinéa 57" → "de l'alinéa 57"
_TO_OF = (("aux ", "des "), ("au ", "du "), ("à la ", "de la "), ("a la ", "de la "),
          ("à l'", "de l'"), ("à l’", "de l’"), ("a l'", "de l'"))


def _unit_noun(place: str) -> str | None:
    """The noun of the unit a place names first: « phrase » in « de la première phrase de
    l'alinéa 3 »."""
    m = re.search(r"\b(alinéa|phrase|article|paragraphe|tiret)s?\b", place, re.IGNORECASE)
    return m.group(1).lower() if m else None


def _same_at_edge(same: re.Match[str], before: Piece) -> str | None:
    """« (En conséquence,) au dernier alinéa, après le mot : « consentement », procéder à
    la même substitution » after « Après le mot : « consentement », rédiger ainsi la fin de
    l'alinéa 3 : « … » » (two amendments of the 2015 health bill): the same end rewritten
    (or deleted) after the same words — or those it names — in the unit it names, with the
    same text. None unless the noun says what the piece before does and the place is said
    once, as one unit (« à l'alinéa 57 », « au dernier alinéa »)."""
    edge = _ANCHOR_EDGE_RE.match(before.sentence)
    if edge is None:
        return None
    verb = edge.group("verb").split()[0].lower()
    if same.group("noun").lower() not in _EDGE_NOUNS[verb]:
        return None
    pre, where = same.group("pre"), same.group("where")
    if (pre is None) == (where is None):
        return None
    place, anchor = (where or pre or "").strip(), edge.group("anchor")
    new_anchor = re.search(r",\s*((?:après|avant)\s[^«»]*?:\s*«[^«»]*»)$", place,
                           re.IGNORECASE)
    if new_anchor is not None:
        place, anchor = place[:new_anchor.start()].strip(), new_anchor.group(1)
    lowered = place[:1].lower() + place[1:]
    to = next((t for t, _ in _TO_OF if lowered.startswith(t)), None)
    if to is None or re.search(r",|\bet\b|\bà\b|«", lowered[len(to):]):
        return None  # one unit only
    of = dict(_TO_OF)[to] + lowered[len(to):]
    if _unit_noun(edge.group("unit")) != _unit_noun(of):
        # « … la fin de la première phrase de l'alinéa 3 » then « à l'alinéa 5 »: the end
        # of the alinéa, or of its phrase
        return None
    end = " :" if verb == "rédiger" else ""
    return f"{anchor[:1].upper()}{anchor[1:]}, {edge.group('verb')} {of}{end}"


def _repeat_same(pieces: list[Piece]) -> list[Piece]:
    """« procéder à la même suppression aux alinéas 8 et 12 » repeats the piece before at
    other places: its lead is replaced by them, what it does is kept — when the piece
    before has a lead and does what the noun says (« la même suppression » after
    « supprimer »); else the sentence is left as it is, for the grammar to refuse."""
    out: list[Piece] = []
    for piece in pieces:
        same = _SAME_RE.match(piece.sentence)
        before = _LEAD_BODY_RE.match(out[-1].sentence) if same and out else None
        if same and before:
            verbs = _SAME_VERBS.get(same.group("noun").lower())
            verb = before.group("verb") or re.search(
                r"\b(" + "|".join(p for p, _ in IMPERATIVES.values()) + r")\b",
                before.group("body"), re.IGNORECASE)
            done = verb if isinstance(verb, str) else verb.group(1) if verb else ""
            where = _same_where(same, before.group("body"))
            if verbs and re.fullmatch(verbs, done, re.IGNORECASE) and where is not None:
                piece = Piece(f"{where[0][:1].upper()}{where[0][1:]}, {where[1]}",
                              out[-1].block, piece.line)
        elif same and out and (at_edge := _same_at_edge(same, out[-1])) is not None:
            piece = Piece(at_edge, out[-1].block, piece.line)
        out.append(piece)
    return out


def _block_length(lines: list[str]) -> int:
    """How many of ``lines`` the text an amendment writes takes: a quoted text ends on
    the line that closes it, unless the next line opens another quotation (the same
    text closed early); the lines after it are the amendment's next parts (« II. – En
    conséquence, … »). A text without quotation marks takes every line left. Either
    ends before a line that is a further part (:func:`_next_part`)."""
    opening = quote_opening(lines[0]) if lines else None
    if opening is None:
        return next((k for k, line in enumerate(lines) if k and _next_part(line)), len(lines))
    for k, line in enumerate(lines):
        if k and _next_part(line):
            # « II. - Rédiger comme suit … » after a text whose » is missing (amendment
            # n° 8 on article 9 of the second 2009 finance bill): the next part, not text
            return k
        if closes_block(line, opening) and (
                k + 1 == len(lines) or quote_opening(lines[k + 1]) is None):
            return k + 1
    return len(lines)


_ANCHOR_WORDS_RE = re.compile(rf"^(?:après|avant)\s+(?:les?|la|l['’])\s*{WORD_NOUN_PATTERN}"
                              r"\s*+:?\s*+$", re.IGNORECASE)


# the purpose an amendment's part says before what it does, of no effect on the text:
# « III. – Pour compenser la perte de recettes résultant des I et II ci-dessus, compléter
# cet article par un paragraphe ainsi rédigé : »
_PURPOSE_RE = re.compile(r"^pour\s+compenser\s+la\s+perte\s+de\s+recettes?\s[^,«»:]*?"
                         r"ci-dessus\s*,\s*", re.IGNORECASE)


# an amendment's verb opening a part, or after the place it names first (« Dans le premier
# alinéa du …, remplacer »): never a verb inside the text of a provision
_PART_VERB_RE = re.compile(r"^(?:(?:en\s+conséquence|(?:dans|à|au|aux|après|avant)\b[^«»:]*?)"
                           r"(?<!\s)\s*+,\s*)?(?:" + "|".join(AMENDMENT_VERBS) + r")\b",
                           re.IGNORECASE)


def _next_part(line: str) -> bool:
    """Whether a line is a further part of the amendment (« III. - Rédiger comme suit … »):
    not quoted, a part's label, then an amendment's verb first (or after the place it
    names), or the words it acts after (« V. - Après le mot : »), or a location
    (« II. - Alinéa 4 »)."""
    part = _PART_RE.match(line.strip())
    if part is None or quote_opening(line) is not None:
        return False
    rest = line.strip()[part.end():]
    return (_PART_VERB_RE.match(_QUOTED_RE.sub(" ", _PURPOSE_RE.sub("", rest))) is not None
            or _ANCHOR_WORDS_RE.match(rest) is not None or _lead(rest) is not None)


def _block(lines: list[str]) -> tuple[list[str], bool]:
    """The alinéas an amendment writes, without its quotation marks (a first line opening
    with « or " closes on the last one), and whether the closing mark is missing."""
    first = lines[0].lstrip()
    for opening, closing in (("«", "»"), ('"', '"'), ("“", "”")):
        if first.startswith(opening):
            out = [line.strip() for line in lines]
            out[0] = out[0][len(opening):].lstrip()
            last = out[-1].rstrip(" ;.")
            closed = last.endswith(closing)
            if closed:  # the final punctuation inside the quotation is the text's own
                out[-1] = last[:-len(closing)].rstrip()
            # the following lines of a multi-line quotation open with « too
            return [out[0], *(line[len(opening):].lstrip() if line.startswith(opening) else line
                              for line in out[1:])], not closed
    return [line.strip() for line in lines], False


# older amendments locate their change inside the text the bill article proposes for a
# code article: « Dans le premier alinéa du texte proposé par le I de cet article pour
# l'article L. 423-14 du code de la construction et de l'habitation, remplacer … »,
# « Supprimer le cinquième alinéa (1°) du III du texte proposé par cet article pour
# l'article L. 213-10-2 du code de l'environnement. », « … du texte présenté par le III de
# l'article 1er pour l'article 7-1 de la loi n° 92-125 du 6 février 1992 »; then « du même
# texte », « ce même texte »; « dans la rédaction proposée par le I de cet article pour
# l'article … » as well
_LABEL = r"(?:[IVXLC]+|\d+\s*°|[a-z]\)?|[A-Z])(?:\s+(?:" + ADVERB_PATTERN + r"))?"
_PROPOSED_RE = re.compile(
    r"\b(?:(?P<det>du|le|au|dans\s+le)\s+texte\s+(?:proposé|présenté)"
    r"|(?P<fem>de\s+la|à\s+la|dans\s+la|la)\s+rédaction\s+(?:proposée|présentée))\s+"
    r"(?:par\s+(?:(?P<part>(?:le|la)\s+" + _LABEL + r"(?:\s+du\s+" + _LABEL + r")*)\s+de\s+)?"
    r"(?P<article>cet\s+article|l['’]article\s+\d+\s*(?:er)?(?:\s+(?:" + ADVERB_PATTERN
    + r"))?)\s+)?"
    r"pour\s+l['’]article\s+(?P<target>(?:[LRDA]\s*\.\s*(?:O\s*\.\s*)?)?\d+(?:\s*[-‑]\s*\d+)*"
    r"(?:\s+(?:" + ADVERB_PATTERN + r"))?)"
    r"(?:\s+(?:du|de\s+la|de)\s+(?:code|loi)\b[^,;:«»]*?)?(?=\s*(?:[,;:.]|$)|\s+par\s)")
_SAME_TEXT_RE = re.compile(r"\b(?P<det>du|ce|au|dans\s+le)\s+même\s+texte\b")
_THIS_ARTICLE = {"du": "de cet article", "le": "cet article", "ce": "cet article",
                 "au": "à cet article", "dans le": "dans cet article",
                 "de la": "de cet article", "la": "cet article", "à la": "à cet article",
                 "dans la": "dans cet article"}
# « le cinquième alinéa (1°) »: the label the alinéa opens with, checked when applied
_ALINEA_LABEL_RE = re.compile(r"(\balinéa)\s*\((?P<label>[^()«»]{1,10})\)")


@dataclass(frozen=True, slots=True)
class Proposed:
    """Where a text proposed for a code article is, in the bill article: the steps of the
    part of the bill article that proposes it (« le I de cet article »: the I) and the
    article it is proposed for."""

    part: tuple[Step, ...]
    article: str  # its key: "L423-14"
    # the bill article the sentence names (« par le III de l'article 1er ») when the
    # amendment's article is not given
    bill_article: str | None = None


def _proposed(sentence: str, article: str | None, last: Proposed | None
              ) -> tuple[str, Proposed | None]:
    """The sentence with « du texte proposé par … pour l'article X … » (or « du même
    texte » after it) read as « de cet article », and where that text is; the sentence as
    it is and None when it names no such text, names two, or names another bill article
    than the amendment's (« par le III de l'article 1er »: read as that article when the
    amendment's is not given)."""
    found = list(_PROPOSED_RE.finditer(sentence))
    if len(found) == 1:
        m = found[0]
        named = m.group("article")
        number = (" ".join(re.sub(r"^l['’]article\s+", "", named).split())
                  if named and not named.startswith("cet") else None)
        if number is not None and article is not None \
                and article_key(number) != article_key(article):
            return sentence, None
        part: list[Step] = []
        if m.group("part"):
            labels = re.split(r"\s+du\s+", re.sub(r"^(?:le|la)\s+", "", m.group("part")))
            part = [Step(StepKind.ITEM, " ".join(label.replace(" °", "°").split()))
                    for label in reversed(labels)]
        where = Proposed(tuple(part), article_key(" ".join(m.group("target").split())),
                         article_key(number) if number is not None and article is None
                         else None)
        said = _THIS_ARTICLE[" ".join((m.group("det") or m.group("fem")).split())]
        if where.bill_article is not None:  # no article given: the one the sentence names
            said = said.replace("cet article", f"l'article {number}")
        return f"{sentence[:m.start()]}{said}{sentence[m.end():]}", where
    if found or last is None:
        return sentence, None
    same = list(_SAME_TEXT_RE.finditer(sentence))
    if len(same) != 1:
        return sentence, None
    m = same[0]
    said = _THIS_ARTICLE[" ".join(m.group("det").split())]
    return f"{sentence[:m.start()]}{said}{sentence[m.end():]}", last


def proposed_label(text: str) -> str | None:
    """The label an amendment says its alinéa opens with: « le cinquième alinéa (1°) »
    → "1°"; None when it says none or several."""
    found = _ALINEA_LABEL_RE.findall(text)
    return " ".join(found[0][1].split()) if len(found) == 1 else None


def _in_proposed(op: Operation, where: Proposed) -> Operation:
    """``op``, built on « cet article », located in the text proposed instead: the steps
    after the bill article count inside it."""
    steps = op.target.steps
    inner = steps[1:]
    return replace(op, target=replace(op.target, steps=(
        steps[0], *where.part, Step(StepKind.PROPOSE, where.article), *inner)))


def read_amendment(lines: list[tuple[str, int]], *, article: str | None, bill_text: str,
                   number: str = "", path: str = "<amendement>") -> ReadAmendment:
    """The operations of an amendment on the bill article ``article`` (the bill's text
    slug is ``bill_text``)."""
    who = f"amendement n° {number}" if number else "amendement"
    lines = [(_inline_html(unicodedata.normalize("NFC", t)), n) for t, n in lines]
    instructions = _instruction_lines(lines)
    if instructions:
        lines = instructions
    target = _sub_amendment(lines)
    if target is not None:
        # a sub-amendment: its instructions are on the amendment it names, whose alinéas
        # it counts — another text than the bill (not applied to it)
        bill_text, lines = target
        article = None
    if _on_code(lines):
        return _as_bill(lines, who, path)
    pieces, diagnostics = split_pieces(lines, path, number)
    steps = (Step(StepKind.ARTICLE, article_key(article)),) if article else ()
    last = {StepKind.ARTICLE: steps[0]} if steps else {}
    context = Context(bill_text, bill_text, steps, dict(last), bill_text,
                      bill=None if target is not None else bill_text)
    operations: list[Operation] = []
    unrecognized: list[Unrecognized] = []
    last_proposed: Proposed | None = None
    for index, piece in enumerate(pieces):
        source = Source(None, who, piece.line, 1, piece.sentence)
        prepared = prepare(piece.sentence)
        for code, message, _ in prepared.problems:
            if code == "LD215":  # a typing error read as the word meant: said
                diagnostics.append(Diagnostic(code, Severity.WARNING, f"{who} : {message}",
                                              Location(path, piece.line), piece.sentence))
        proposed: Proposed | None = None
        if not bill_text.startswith(UNNAMED_AMENDMENT):
            sentence_text, proposed = _proposed(piece.sentence, article, last_proposed)
            if proposed is not None:
                last_proposed = proposed
                prepared = prepare(_ALINEA_LABEL_RE.sub(r"\1", sentence_text))
        try:
            same = _SAME_RE.match(piece.sentence)
            if same is not None:
                # left as it was by _repeat_same: what to repeat, or where, is not certain
                raise SentenceError("LD203", f"« procéder à la même {same.group('noun')} » : "
                                             "la partie précédente ne fait pas cette "
                                             "opération avec un alinéa pour lieu, ou le "
                                             "lieu n'est pas dit une seule fois", 0)
            sentence = parse_sentence(prepared)
            try:
                built = build_operations(sentence, prepared, context, source, piece.block, (),
                                         path)
            except ContextError as e:
                if e.code != "LD216" or index > 0 or bill_text == UNNAMED_AMENDMENT:
                    raise
                # « Compléter cet amendement par … » opening an amendment that names no
                # amendment: a sub-amendment whose amended amendment's number the source
                # does not give. Its operations are on that amendment (the text
                # "amendement", out of the bill's scope; applied only to a base that is
                # that amendment), never on the bill — said.
                bill_text = UNNAMED_AMENDMENT
                context = Context(bill_text, bill_text, (), {}, bill_text)
                built = build_operations(sentence, prepared, context, source, piece.block, (),
                                         path)
                diagnostics.append(Diagnostic(
                    "LD216", Severity.WARNING, f"{who} : sous-amendement : le numéro de "
                    "l'amendement qu'il modifie n'est pas donné ; ses opérations visent cet "
                    "amendement (texte « amendement »), hors du projet de loi",
                    Location(path, piece.line), piece.sentence))
        except (SentenceError, ContextError) as e:
            diagnostics.append(Diagnostic(e.code, Severity.ERROR, f"{who} : {e.message}",
                                          Location(path, piece.line), piece.sentence))
            unrecognized.append(Unrecognized(source, e.message, True, bill_text))
            continue
        if proposed is not None:
            first = steps[0] if steps else (
                Step(StepKind.ARTICLE, proposed.bill_article) if proposed.bill_article
                else None)
            if first is None or any(not op.target.steps or op.target.steps[0] != first
                                    for op in built.operations):
                message = ("le texte proposé pour l'article nommé est dans l'article que vise "
                           "l'amendement ; cette phrase vise une autre unité")
                diagnostics.append(Diagnostic("LD405", Severity.ERROR, f"{who} : {message}",
                                              Location(path, piece.line), piece.sentence))
                unrecognized.append(Unrecognized(source, message, True, bill_text))
                continue
            operations.extend(_in_proposed(op, proposed) for op in built.operations)
            diagnostics.extend(built.diagnostics)
            continue
        operations.extend(built.operations)
        diagnostics.extend(built.diagnostics)
    return ReadAmendment(tuple(operations), tuple(unrecognized), tuple(diagnostics),
                         tuple(pieces))


# inline formatting of amendments copied from web pages: "I<sup>er</sup>", "<u>avant</u>"
_INLINE_TAG_RE = re.compile(r"</?(?:sup|sub|u|i|b|em|strong|span)(?:\s[^<>]*)?>", re.IGNORECASE)


# a sub-amendment's first line: "Alinéa 2 de l'amendement n° 1181", "Amendement n° 78
# rectifié, alinéa 9", "Amendement 80 rect, alinéa 24, première phrase", "Amendement n° 81
# rectifié, après l'alinéa 3", "Amendement 78 rect bis" (the 2010 pensions bill, the 2013
# transparency bill)
_SUB_AMENDMENT_RE = re.compile(
    rf"^(?:(?P<before>alinéas?\s+\d[^,]*?|(?P<ordinal>{_ORDINAL})\s+alinéa)\s+de\s+"
    r"l['’]amendement|amendement)\s+"
    r"(?:n[°o]\s*)?(?P<number>\d+)(?:\s+(?:rectifiée?|rect\.?)(?:\s+(?:bis|ter))?)?"
    r"\s*(?:,\s*(?P<after>(?:après\s+l['’]|avant\s+l['’])?alinéas?\s+\d.*?))?\s*[.:]?$",
    re.IGNORECASE)


def _sub_amendment(lines: list[tuple[str, int]]
                   ) -> tuple[str, list[tuple[str, int]]] | None:
    """The text a sub-amendment amends ("amendement-78") and its lines, its first line
    turned into the location it names ("Alinéa 9"), or dropped when it names none; None
    for an amendment of the bill."""
    if not lines:
        return None
    text, n = lines[0]
    m = _SUB_AMENDMENT_RE.match(" ".join(text.split()))
    if m is None:
        return None
    location = m.group("before") or m.group("after")
    if m.group("ordinal"):
        # "Dernier alinéa de l'amendement n° 1221" (2010 pensions bill): a lead
        location = f"au {m.group('ordinal').lower()} alinéa"
    rest = lines[1:]
    if location:
        rest = [(location[:1].upper() + location[1:], n), *rest]
    return f"amendement-{m.group('number')}", rest


def _inline_html(line: str) -> str:
    """A line without its inline HTML tags; a closing tag glued to the next word stood for
    the space the copy lost ("I<sup>er</sup>du titre" → "Ier du titre")."""
    if "<" not in line:
        return line
    line = re.sub(r"</(?:sup|sub|u|i|b|em|strong|span)>(?=\w)", " ", line, flags=re.IGNORECASE)
    return _INLINE_TAG_RE.sub("", line)


def _instruction_lines(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines of an amendment that hold its instructions and their texts: without
    the header and notes around them (:data:`_NOTE_RE`), and without the explanation
    ("EXPOSÉ SOMMAIRE" and what follows). Quoted lines are always kept."""
    out: list[tuple[str, int]] = []
    for text, n in lines:
        stripped = text.strip()
        if _EXPLANATION_RE.match(stripped):
            break
        if stripped and not stripped.startswith(("«", '"', "“")) and _NOTE_RE.match(stripped):
            continue
        out.append((text, n))
    return out


def _on_code(lines: list[tuple[str, int]]) -> bool:
    """Whether an amendment is written as instructions on a code (an "article
    additionnel" in the indicative: « Après l'article L. 4111-3 du code de la santé
    publique, il est inséré un article … ») rather than as an edit of the bill in the
    imperative. Decided by its first line holding a verb, quoted text left out: the
    anchor often comes first on a line of its own (« À l'alinéa 5, après le mot : »,
    « I. – Alinéa 9 »), the imperative later (« insérer le mot : »). A location line
    (« Alinéa 9 », « Après l'alinéa 6 ») makes it an amendment at once."""
    for text, _ in lines:
        line = text.strip()
        if not line or line.startswith(("«", '"', "“")):
            continue
        part = _PART_RE.match(line)
        if part:
            line = line[part.end():]
        if _lead(line) is not None:
            return False
        bare = _QUOTED_RE.sub(" ", line)
        if _AMENDMENT_VERB_RE.search(bare):
            return False
        if MODIFYING_RE.search(bare):
            return True
    return bool(lines)


def unquoted_article(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """An article additionnel quoted whole, its header (« Insérer un article additionnel
    ainsi rédigé : ») left out: « « Les deuxième et troisième alinéas de l'article
    L. 6147-1 du code de la santé publique sont supprimés. » », « « Après le 8° de
    l'article L. 3323-2 du code de la santé publique, il est inséré un 9° ainsi rédigé : »
    then « « 9° … » » (two amendments of the 2009 hospital bill). The opening mark of its
    first line, an instruction in the indicative, is the article's, never a text's: it is
    taken off, and so is the closing mark of that line when it announces no text. Only for
    an amendment of one instruction: its first line alone, or the text it announces
    after it; a further line opening with a mark could be a further instruction of the
    article as well as the text's next alinéa."""
    if not lines:
        return lines
    first, n = lines[0]
    line = first.strip()
    body = line[1:].strip()
    if not line.startswith("«") or body.count("«") > body.count("»") \
            or body.count("»") > body.count("«") + 1:
        return lines
    bare = _QUOTED_RE.sub(" ", body)
    if not MODIFYING_RE.search(bare) or _AMENDMENT_VERB_RE.search(bare):
        return lines
    if body.endswith(":") and body.count("«") == body.count("»") and len(lines) > 1:
        # the text it announces: every line after it, none of them a further part of the
        # article (« « II. – … »)
        if any(_PART_RE.match(t.strip().lstrip("«").strip()) for t, _ in lines[1:]):
            return lines
        return [(body, n), *lines[1:]]
    closing = re.search(r"»\s*[.;]?$", body)
    if len(lines) != 1 or closing is None or body.count("»") != body.count("«") + 1:
        return lines
    return [(body[:closing.start()].rstrip(), n)]


def _as_bill(lines: list[tuple[str, int]], who: str, path: str) -> ReadAmendment:
    """An amendment written as instructions on a code ("L'article L. 227-2 du code … est
    ainsi modifié : …"): read as a bill of one article."""
    lines = unquoted_article(lines)
    text = "Article 1er\n" + "\n".join(t for t, _ in lines) + "\n"
    bill = parse_bill(text, title=who, path=path)
    return ReadAmendment(bill.operations, bill.unrecognized, bill.diagnostics, (),
                         on_code=True)


_FILE_HEAD_RE = re.compile(r"^(?:AMENDEMENT|Amendement)\s+n[°o]\s*(?P<num>(?:COM-|CL)?\d+"
                           r"(?:\s+rect\.(?:\s+(?:bis|ter))?)?)\b")
_FILE_ARTICLE_RE = re.compile(rf"^(?:ARTICLE|Article)\s+(?P<num>\d+(?:\s+(?:{ADVERB_PATTERN}|"
                              r"[A-Z]))*)\s*+(?:\(.*\))?\s*+$")
_FILE_AUTHORS_RE = re.compile(r"^présenté\s+par\s+(?P<authors>.+?)\.?$", re.IGNORECASE)


def is_transcript(text: str) -> bool:
    """Whether a text is a debate transcript rather than a bill or amendments file."""
    return bool(re.search(r"est ainsi libellé|^M\. le président\.", text, re.MULTILINE))


def read_amendments_file(text: str, path: str = "<amendements>") -> tuple[Amendment, ...]:
    """Amendments written one after the other, each opening with its number, then
    optionally "présenté par …", then the bill article ("Article 11"), then its text::

        Amendement n° 90
        présenté par le Gouvernement
        Article 11
        Alinéa 4, première phrase
        …
    """
    out: list[Amendment] = []
    number: str | None = None
    authors = ""
    article: str | None = None
    lines: list[tuple[str, int]] = []
    start = 0

    def flush() -> None:
        if number is not None:
            out.append(Amendment(number, authors, None, article, tuple(lines), start))

    for n, raw in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        head = _FILE_HEAD_RE.match(line)
        if head:
            flush()
            number, authors, article, lines, start = head.group("num"), "", None, [], n
            continue
        if number is None:
            continue
        by = _FILE_AUTHORS_RE.match(line)
        if by and not lines and not authors:
            authors = by.group("authors")
            continue
        target = _FILE_ARTICLE_RE.match(line)
        if target and not lines and article is None:
            article = " ".join(target.group("num").split())
            continue
        lines.append((line, n))
    flush()
    return tuple(out)
