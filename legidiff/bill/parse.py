"""Parse a bill, a law or a committee text into operations (``legidiff parse``).

    read_bill (billtext) ─▶ items ─▶ prepare + parse each sentence (instructions)
                                   ─▶ operations, in context (chapeaux, "même …")

A sentence the grammar does not understand is kept as :class:`Unrecognized` with its
place; if it has no verb of modification it is a standalone provision (entry into
force, a report to Parliament…), classified, not an error.
"""

from __future__ import annotations

import re
from dataclasses import replace

from legidiff.bill.build import (
    UNREAD_CHAPEAU,
    Built,
    Context,
    ContextError,
    build_operations,
    is_code_slug,
    resolve_chain,
)
from legidiff.bill.operations import (
    Bill,
    Complete,
    Limited,
    Operation,
    Provision,
    ProvisionKind,
    Rewrite,
    Source,
    UnitKind,
    Unrecognized,
)
from legidiff.bill.sentence import (
    LimitedParts,
    Prepared,
    SentenceError,
    is_provenance,
    limited_parts,
    parse_chain,
    parse_sentence,
    prepare,
)
from legidiff.bill.text import BillItem, BillText, Quote, read_bill
from legidiff.diagnostics import Diagnostic, Location, Severity
from legidiff.document.locator import Locator, LocatorSyntaxError, StepKind
from legidiff.lang.codes import canonical_code_name, code_key, names_in
from legidiff.lang.numbering import parse_cardinal
from legidiff.lang.text import counted
from legidiff.lang.vocabulary import (
    ACTIVE_VERBS,
    ACTIVE_VERBS_IN_TEXT,
    AMENDMENT_VERBS,
    AND_REMAIN_PATTERN,
    DIVISION_NOUNS,
    INSTRUCTION_PARTICIPLES,
    ORDINAL_PATTERN,
    RECEIVES_WORDING_PATTERN,
    SHARED_VERBS,
    UNIT_NOUNS,
    WORD_NOUN_PATTERN,
    WORD_NOUNS,
)
from legidiff.perf import paused_gc

_REPORT_RE = re.compile(r"\brapport\b", re.IGNORECASE)
_APPLICATION_RE = re.compile(
    r"\b(?:applicables?|s['’]appliquent|s['’]applique|entre(?:nt)? en vigueur|"
    r"entreront en (?:vigueur|application)|en application|à compter d[ue]|jusqu['’]au)\b",
    re.IGNORECASE)
# a sentence naming a code (« du code général des impôts ») other than « du même code »,
# « du présent code »; a law, ordinance or decree by its number or date (« de la loi
# n° 2014-58 », « du décret du 19 mars 1987 »), not one named generically (« un décret
# en Conseil d'État », « la présente loi »)
_NAMES_CODE_RE = re.compile(r"(?<!même )(?<!présent )(?<!ce )\bcode\b|\blivre des procédures "
                            r"fiscales\b", re.IGNORECASE)
_NAMES_LAW_RE = re.compile(r"\b(?:loi|ordonnance|décret)(?:\s+organique)?\s+(?:n[°o]\s*\d|du\s+"
                           r"(?:1er|\d))", re.IGNORECASE)


def _names_another_code(text: str, last: str | None) -> bool:
    """Whether a sentence the grammar did not read names a code other than ``last`` (the
    last code named before it), or a « code … » that cannot be told: then « du même
    code » after it cannot be resolved with confidence. A law named does not count."""
    if not _NAMES_CODE_RE.search(text):
        return False
    codes = [n for n in names_in(text) if n != "autre texte"]
    return not codes or any(code_key(n) != last for n in codes)


def _names_another_text(text: str, last: str | None) -> bool:
    """Whether a sentence the grammar did not read names a text other than ``last`` (the
    last text named before it), or one that cannot be told: then « du même code » after
    it cannot be resolved with confidence."""
    if not (_NAMES_CODE_RE.search(text) or _NAMES_LAW_RE.search(text)):
        return False
    names = names_in(text)
    return not names or any(n == "autre texte" or code_key(n) != last for n in names) or (
        bool(_NAMES_LAW_RE.search(text)) and "autre texte" not in names)


_MONTHS = {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "décembre": 12}
_DATE_RE = re.compile(r"\b(1er|\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b",
                      re.IGNORECASE)


def dates_in(text: str) -> tuple[str, ...]:
    """ISO dates named in a text: "31 juillet 2025" → "2025-07-31".

    >>> dates_in("LE 1ER JANVIER 2004 et le 31 juillet 2025")
    ('2004-01-01', '2025-07-31')
    """
    out = []
    for day, month, year in _DATE_RE.findall(text):
        number = _MONTHS.get(month.lower())
        if number is None:  # case-insensitive matching took "juıllet" for "juillet"
            continue
        d = 1 if day.lower() == "1er" else int(day)  # "1ER JANVIER 2004" in capitals too
        out.append(f"{int(year):04d}-{number:02d}-{d:02d}")
    return tuple(out)


def parse_bill(text: str, *, title: str | None = None, unwrap: bool = False,
               code: str | None = None, path: str = "<texte>") -> Bill:
    """Parse a bill or a law: every instruction becomes operations, with its source.

    ``code`` names the code the instructions apply to when the text does not (an
    extract starting with "Le même code est ainsi modifié :")."""
    with paused_gc():
        return parse_bill_text(read_bill(text, title=title, unwrap_lines=unwrap, path=path),
                               code=code)


def parse_bill_text(bill: BillText, code: str | None = None) -> Bill:
    """The operations, unrecognized sentences and provisions of a bill read by
    :func:`legidiff.bill.text.read_bill`. The collector is paused meanwhile (see
    :mod:`legidiff.perf`): the tokens and parts of every sentence would otherwise make it
    pass again and again over all that is alive, a whole code too when one is loaded."""
    with paused_gc():
        return _parse_bill_text(bill, code)


def _parse_bill_text(bill: BillText, code: str | None) -> Bill:
    ops: list[Operation] = []
    unrecognized: list[Unrecognized] = []
    provisions: list[Provision] = []
    diagnostics: list[Diagnostic] = list(bill.diagnostics)
    default = Context()
    if code is not None:
        name = canonical_code_name(code)
        default = Context(code_key(name), name, last_text=code_key(name),
                          last_code=code_key(name) if is_code_slug(code_key(name)) else None)
    for diagnostic in bill.diagnostics:
        if diagnostic.code == "LD212" and diagnostic.location is not None:
            # an article heading the reader could not read: what follows it may be read
            # as part of the article before; the run must not pass for complete
            unrecognized.append(Unrecognized(
                Source(bill.title, "texte", diagnostic.location.line or 0, 1,
                       diagnostic.evidence or ""), diagnostic.message, True, default.text))
    # « L'article L. 214-4 du même code » in an article refers to the code named last in
    # the articles before it (drafters rely on it): the last text named is carried from
    # one article to the next — only that; the units named (« le même alinéa ») and the
    # chapeaux' context stay inside their article.
    last_text: list[tuple[str | None, str | None]] = [(default.last_text, default.last_code)]
    announced: dict[int, Context] = {}  # « … est modifié conformément aux articles 2 à 4 »
    present = {_article_number(article.number) for article in bill.articles}
    for article in bill.articles:
        context = default.child(default.text, default.text_name, ())
        context.last_text, context.last_code = last_text[-1]
        own = announced.get(_article_number(article.number) or 0)
        if own is not None:
            context = own.child(own.text, own.text_name, own.steps)
            context.last_text, context.last_code = last_text[-1]
        for item in article.items:
            if _announcement(item, article.number, context, bill, present, announced,
                             diagnostics):
                continue
            _walk(item, context, bill, ops, unrecognized, provisions, diagnostics, last_text)
    return Bill(bill.title, tuple(ops), tuple(unrecognized), tuple(provisions),
                tuple(diagnostics), bill)


# the text a décret or an arrêté modifies through its next articles, said once: « Le code de
# la route est modifié conformément aux articles 2, 3 et 4. » (décret n° 2016-39), « Le
# décret du 19 décembre 1991 susvisé est modifié conformément aux dispositions des articles
# 9 à 22. » (décret n° 2012-66), « Le titre II du livre VII (partie réglementaire) du code
# rural et de la pêche maritime est modifié conformément aux articles 10 à 15. » (décret
# n° 2017-1492), « Le code civil est modifié conformément aux articles 2 à 18 de la
# présente ordonnance. » (ordonnance n° 2016-131): a chapeau over those articles of the
# same text (the spaces before the verb tried only from the first of their run: from each,
# the run was read again to its end, seconds for a sentence of 60,000 spaces, fuzz.py's
# sixteenth run)
_ANNOUNCED_RE = re.compile(
    r"(?P<subject>\S.*?)(?<!\s)\s++(?:est|sont)\s++modifiée?s?\s++conformément\s++aux\s++"
    r"(?:dispositions\s++des\s++)?articles\s++(?P<numbers>\d++(?:(?:\s*+,\s*+|\s++et\s++"
    r"|\s++à\s++)\d++)*+)(?:\s++(?:ci-après|ci-dessous|suivants|du\s++présent\s++(?:décret|"
    r"arrêté)|de\s++la\s++présente\s++(?:ordonnance|loi)))?", re.IGNORECASE)
# what every announcement holds, as its sentence is written (preparing it changes spaces
# and quotations, not this word)
_ANNOUNCED_HINT_RE = re.compile(r"conformément\s", re.IGNORECASE)
_ARTICLE_NUMBER_RE = re.compile(r"(\d++)(?:\s*+er)?")


def _article_number(number: str) -> int | None:
    """A bill article's number as an integer (« 1er » is 1); None for « 1er bis »."""
    m = _ARTICLE_NUMBER_RE.fullmatch(number.strip())
    return int(m.group(1)) if m else None


def _announcement(item: BillItem, number: str, context: Context, bill: BillText,
                  present: set[int | None], announced: dict[int, Context],
                  diagnostics: list[Diagnostic]) -> bool:
    """Whether an item announces the text its next articles modify (see ``_ANNOUNCED_RE``):
    then those articles read it as their chapeau — the unit named, as « … est ainsi
    modifié : » would make it — and the item is reported (LD217). Announced articles the text
    does not hold (an extract) are said in a warning (LD217); the item itself changes
    nothing. An item whose subject does not read as a unit, or that names its own article
    or one before it, is left to be read as any other."""
    if item.quote is not None or item.children or item.label is not None or \
            _ANNOUNCED_HINT_RE.search(item.text) is None:
        return False  # (the hint first: preparing each item twice cost a tenth of a parse)
    prepared = prepare(item.text.strip())
    m = _ANNOUNCED_RE.fullmatch(prepared.text)
    own = _article_number(number)
    if m is None or own is None or prepared.quotes or prepared.set_aside:
        # (a date or a version set aside would not reach the articles: left to be refused)
        return False
    numbers: list[int] = []
    parts = re.split(r"\s*+,\s*+|\s++et\s++", m.group("numbers"))
    for part in parts:
        first, _, last = part.partition(" à ")
        low, high = int(first), int(last or first)
        if high < low or high - low > 200:
            return False
        numbers.extend(range(low, high + 1))
    if min(numbers) <= own:
        return False
    chapeau = _chapeau_over(m.group("subject"), "modifié", context, Source(
        bill.title, item.ref, item.line, item.column, item.text), bill)
    if chapeau is None or not announced.keys().isdisjoint(numbers):
        # (several units named — « Les articles R. 1 et R. 2 … sont modifiés conformément
        # aux articles 2 et 3 »: which one each article modifies is not said — or an
        # article announced twice: not read as a chapeau, left to be refused)
        return False
    # the articles the text read holds are read under it; those it does not hold (an
    # extract: « Article 1er » and « Article 2 » alone) are said in a warning — the
    # announcement itself changes nothing
    missing = [n for n in numbers if n not in present]
    for n in numbers:
        if n in present:
            announced.setdefault(n, chapeau)
    where = Location(bill.path, item.line, item.column)
    if missing:
        held = [str(n) for n in numbers if n in present]
        gone = "rien à lire sous cette annonce" if not held else (
            f"lue comme le chapeau de l'article {held[0]}" if len(held) == 1 else
            f"lue comme le chapeau des articles {', '.join(held)}")
        diagnostics.append(Diagnostic(
            "LD217", Severity.WARNING, f"{item.ref} : les articles {m.group('numbers')} "
            f"modifient ce qu'il nomme, mais le texte lu ne contient pas "
            f"{counted(len(missing), 'article annoncé', 'articles annoncés')} (un extrait ?) : "
            f"{gone}", where))
        return True
    diagnostics.append(Diagnostic(
        "LD217", Severity.INFO, f"{item.ref} : les articles {m.group('numbers')} modifient "
        f"ce qu'il nomme : lu comme leur chapeau", where))
    return True


# an ordonnance ratified with changes: « L'ordonnance n° 2009-325 du 25 mars 2009 relative à …
# est ratifiée, sous réserve des modifications suivantes : » (2010 agriculture bill): the
# ratification is a provision, and its items modify the ordonnance — their chapeau (they
# were read in the bill's own context: « Au IV de l'article 5, … » in no text, or the
# text of the chapeau above); the spaces before the verb as in _ANNOUNCED_RE
_RATIFIED_CHANGES_RE = re.compile(
    r"(?P<subject>\S.*?)(?<!\s)\s++(?:est|sont)\s++ratifiée?s?\s*+,?\s*+(?:sous\s++réserve\s++"
    r"(?:des\s++dispositions\s++de\s++la\s++présente\s++loi\s++et\s++)?des|avec\s++les)\s++"
    r"modifications\s++suivantes", re.IGNORECASE)


_TEXT_BY_NUMBER_RE = re.compile(
    r"(?:l'|la\s++|le\s++)(?:loi|ordonnance|décret)(?:\s++organique)?\s++n°\s*+\d[\d-]*+"
    r"(?:\s++du\s++\d{1,2}(?:er)?\s++\w++\s++\d{4})?(?=\s|,|$)", re.IGNORECASE)


def _ratified_chapeau(subject: str, context: Context, source: Source, bill: BillText
                      ) -> Context:
    """The context of the changes listed after a ratification (see
    ``_RATIFIED_CHANGES_RE``): the text ratified, as « … est ainsi modifiée : » names it;
    a text not read leaves the items without one (errors, never read elsewhere)."""
    named = _TEXT_BY_NUMBER_RE.match(subject)
    if named is not None:  # (its title, which may hold commas, is not needed)
        subject = named.group()
    chapeau = _chapeau_over(subject, "modifiée", context, source, bill)
    return chapeau if chapeau is not None else Context(UNREAD_CHAPEAU, "chapeau non compris")


def _chapeau_over(subject: str, participle: str, context: Context, source: Source,
                  bill: BillText) -> Context | None:
    """The context the chapeau « <subject> est ainsi <participle> : » gives the items
    below it; None when it does not read as one chapeau over one text (not understood,
    operations of its own, several units named, no text named)."""
    chapeau = prepare(f"{subject} est ainsi {participle} :")
    try:
        built = build_operations(parse_sentence(chapeau), chapeau, context.child(
            context.text, context.text_name, context.steps), source, None, (), bill.path)
    except (SentenceError, ContextError):
        return None
    if built.chapeau is None or built.operations or built.more_chapeaux or \
            built.chapeau.text is None:
        return None
    return built.chapeau


# an instruction that ends announcing words (« … par les mots : », « … les mots suivants : »,
# « par une phrase et les mots : »), the words quoted on the line below
_WORDS_ANNOUNCED_RE = re.compile(
    rf"(?:\b(?:les?|la|l['’])\s*{WORD_NOUN_PATTERN}(?:\s+suivante?s?)?|\bune\s+phrase\s+et\s+"
    r"les\s+mots|\bles\s+mots\s+et\s+(?:la|une|deux|trois)\s+phrases?(?:\s+suivante?s?)?)"
    r"\s*:\s*$", re.IGNORECASE)


def _walk(item: BillItem, context: Context, bill: BillText, ops: list[Operation],
          unrecognized: list[Unrecognized], provisions: list[Provision],
          diagnostics: list[Diagnostic], last_text: list[tuple[str | None, str | None]],
          enabling: bool = False, repealed: str | None = None, listed: bool = False
          ) -> None:
    """Read one item and its sub-items in ``context``; ``last_text`` receives the last
    text named, in the order of the bill (for « du même code » in the next article).
    ``enabling``: the item is in the list of an enabling provision (see ``_ENABLING_RE``).
    ``repealed``: the item is one of the subjects listed after « Sont abrogés : » (see
    ``_REPEAL_LIST_RE``), in the place that list names (« Sont abrogés, dans la cinquième
    partie du même code : »; "" when it names none). ``listed``: the item is in the list
    that ends a provision's
    sentence (« … créés en application des dispositions suivantes : », see
    ``_LIST_ANNOUNCED_RE``)."""
    source = Source(bill.title, item.ref, item.line, item.column, item.text)
    child_context = context
    children_enabling = False
    children_listed = False
    more: tuple[Context, ...] = ()
    text = item.text.strip()
    if repealed is not None and text and item.quote is None and not item.children:
        # one subject of the list: it takes the verb of the list's chapeau (« Sont
        # abrogés : … 2° Les articles L. 230-1 à L. 230-3 du code de l'éducation ; »),
        # and its place (« Sont abrogés, dans la cinquième partie du même code : 1° Le
        # chapitre VI du titre III du livre Ier ; »: that chapter of that partie)
        subject = text.rstrip(" ;.,")
        if not is_instruction(prepare(subject)):
            text = f"{repealed[0].upper()}{repealed[1:]}, {subject} sont abrogés" \
                if repealed else f"{subject} sont abrogés"
    if not text:
        if item.quote is not None:
            diagnostics.append(Diagnostic(
                "LD211", Severity.ERROR, f"{item.ref} : texte cité sans instruction qui "
                "l'introduise", Location(bill.path, item.line, item.column)))
            unrecognized.append(Unrecognized(source, "texte cité sans instruction", True,
                                             context.text))
    else:
        quote = item.quote
        if quote is not None and len(quote.alineas) == 1 and _WORDS_ANNOUNCED_RE.search(text):
            # the words quoted on the line below: « Le b septies de l'article 279 du même
            # code est complété par les mots suivants : / « … » » (2012 budget bill)
            words = quote.alineas[0]
            straight = "«" not in text and '"' in text and '"' not in words
            text = f"{text.rstrip()[:-1].rstrip()} : " + (
                f'"{words}"' if straight else f"« {words} »")
            quote = None
        prepared = prepare(text)
        for code, message, offset in prepared.problems:
            diagnostics.append(Diagnostic(code, Severity.WARNING, f"{item.ref} : {message}",
                                          Location(bill.path, item.line, item.column + offset)))
        own = tuple(d for note in prepared.set_aside if not is_provenance(note)
                    for d in dates_in(note)) if prepared.set_aside else ()
        if own or context.dates:
            source = replace(source, dates=tuple(dict.fromkeys((*context.dates, *own))))
        repeal_list = _REPEAL_LIST_RE.fullmatch(prepared.text) \
            if item.children and item.quote is None else None
        if repeal_list is not None:
            # « Sont abrogés : », « Sont et demeurent abrogés ou supprimés : », « Sont
            # abrogées les dispositions suivantes : »: the verb first, the subjects listed
            # as its items, each repealed (the 2009 simplification bill; the 2013
            # transparency bill)
            # (its dates — « Sont abrogés à compter du 1er janvier 2011 : » — are theirs)
            dated = replace(context, dates=source.dates) if source.dates else context
            for child in item.children:
                _walk(child, dated, bill, ops, unrecognized, provisions, diagnostics,
                      last_text, repealed=repeal_list.group("place") or "")
            return
        if is_adaptation(prepared) and item.quote is None:
            provisions.append(Provision(ProvisionKind.APPLICATION, source, dates_in(text)))
            for child in item.children:
                _walk(child, context, bill, ops, unrecognized, provisions, diagnostics,
                      last_text)
            return
        built: Built | None = None
        error: SentenceError | ContextError | None = None
        try:
            parts = limited_parts(prepared)
            if parts is None:
                sentence = parse_sentence(prepared)
                built = build_operations(sentence, prepared, context, source,
                                         quote.alineas if quote else None,
                                         quote.markers if quote else (), bill.path)
            else:
                built = _limited(parts, quote, context, source, bill.path)
        except (SentenceError, ContextError) as e:
            error = e
            built = _several_sentences(text, prepared, quote, item, context, source, bill)
        if built is None:
            assert error is not None
            doubt_text = _names_another_text(prepared.text, context.last_text)
            doubt_code = _names_another_code(prepared.text, context.last_code)
            if doubt_text or doubt_code:
                # it named another text, or one we cannot tell: « du même … » after it is in
                # doubt, an error rather than a guess (a law named leaves « du même code »
                # to the last code)
                if doubt_text:
                    context.last_text = None
                if doubt_code:
                    context.last_code = None
                last_text.append((context.last_text, context.last_code))
            at = error.offset if isinstance(error, SentenceError) else 0
            offset = prepared.column(at)
            # not understood: an error if it is an instruction (or may be one: a text to
            # write follows it, or the grammar stopped before the verb); else a provision
            measure = enabling and not prepared.ends_with_colon and bool(
                _INFINITIVE_OPENING_RE.match(prepared.text))
            # a reference alone in the list a provision ends with (« 3° Les articles L. 1411-14,
            # L. 6113-10 et L. 6133-1 du code de la santé publique ; » after « … aux
            # groupements créés en application des dispositions suivantes : », the 2009
            # simplification bill): the rest of that provision, no instruction cut short
            # — never one holding a verb of modification, even in a relative clause
            # (« L'article 5, qui est abrogé ; »: refused), nor one cut short holding quoted
            # words (« Les mots : « X » du II de l'article 7 ; »); words the provision is
            # about are part of it (« j) Au premier alinéa du I de l'article 35 quater, les
            # mots suivants : « et désignée par arrêté » ; », a décret)
            changing = _INSTRUCTION_VERB_RE.search(prepared.text) is not None
            reference = listed and item.quote is None and not item.children and \
                not changing and not prepared.quotes and bool(_DETERMINER_RE.match(text))
            modifying = item.quote is not None or repealed or (listed and changing) or (
                not measure and is_instruction(prepared)) or (
                isinstance(error, SentenceError) and error.incomplete and not reference) or (
                isinstance(error, SentenceError) and error.instruction)
            if modifying:
                diagnostics.append(Diagnostic(
                    error.code, Severity.ERROR, f"{item.ref} : {error.message}",
                    Location(bill.path, item.line, item.column + offset), _caret(text, offset)))
                unrecognized.append(Unrecognized(source, error.message, True, context.text))
                # the items below depend on what it names: their text is not known
                child_context = Context(UNREAD_CHAPEAU, "chapeau non compris")
            else:
                provisions.append(Provision(_provision_kind(text), source, dates_in(text)))
                children_enabling = prepared.ends_with_colon and bool(
                    _ENABLING_RE.search(prepared.text))
                children_listed = prepared.ends_with_colon and bool(
                    _LIST_ANNOUNCED_RE.search(prepared.text)) and \
                    _CHANGES_ANNOUNCED_RE.search(prepared.text) is None
                ratified = _RATIFIED_CHANGES_RE.fullmatch(prepared.text) \
                    if prepared.ends_with_colon and item.children else None
                if ratified is not None:
                    child_context = _ratified_chapeau(ratified.group("subject"), context,
                                                      source, bill)
        else:
            if context.last_text is not None:
                last_text.append((context.last_text, context.last_code))
            ops.extend(built.operations)
            diagnostics.extend(built.diagnostics)
            if built.chapeau is not None:
                child_context = built.chapeau
                more = built.more_chapeaux
                if not item.children:
                    diagnostics.append(Diagnostic(
                        "LD206", Severity.ERROR, f"{item.ref} : chapeau sans éléments "
                        "(« … est ainsi modifié : » suivi de rien)",
                        Location(bill.path, item.line, item.column)))
    for child in item.children:
        _walk(child, child_context, bill, ops, unrecognized, provisions, diagnostics,
              last_text, children_enabling, listed=children_listed)
    for other in more:
        # the same items for each further unit the chapeau names; what they report is
        # kept once
        seen_unread = {(u.source.line, u.source.column, u.reason) for u in unrecognized}
        seen_diags = set(diagnostics)
        again_unread: list[Unrecognized] = []
        again_diags: list[Diagnostic] = []
        for child in item.children:
            _walk(child, other, bill, ops, again_unread, [], again_diags, last_text)
        unrecognized.extend(u for u in again_unread
                            if (u.source.line, u.source.column, u.reason) not in seen_unread)
        diagnostics.extend(d for d in again_diags if d not in seen_diags)


def _limited(parts: LimitedParts, quote: Quote | None, context: Context, source: Source,
             path: str) -> Built:
    """The operations of a sentence holding a change limited by subject (see
    :func:`legidiff.bill.sentence.limited_parts`): what it says without condition, as
    operations; the change of the limited units, each as a :class:`Limited` that the
    engine never applies and always reports."""
    if quote is not None:
        raise SentenceError("LD203", f"modification limitée à un objet (« {parts.limitation} "
                                     "») suivie d'un texte cité : tournure non reconnue", 0)
    whole = parse_sentence(parts.whole) if parts.whole is not None else None
    limited = parse_sentence(parts.limited)
    ops: list[Operation] = []
    diagnostics: list[Diagnostic] = []
    for sentence, prepared, is_limited in ((whole, parts.whole, False),
                                           (limited, parts.limited, True)):
        if sentence is None or prepared is None:
            continue
        built = build_operations(sentence, prepared, context, source, None, (), path)
        if built.chapeau is not None or not built.operations:
            raise SentenceError("LD203", "modification limitée à un objet (« "
                                f"{parts.limitation} ») : tournure non reconnue", 0)
        ops.extend(Limited(op.target, op.source, op, parts.limitation) if is_limited else op
                   for op in built.operations)
        diagnostics.extend(built.diagnostics)
    return Built(tuple(ops), None, tuple(diagnostics))


# Two instructions written as two sentences of one item: « L'intitulé de la section 1
# devient « Section 1 - … ». Les sections 2, 3 et 4 deviennent respectivement les
# sous-sections 1, 2 et 3 de la section 1 ; » (2010 agriculture bill, code rural), « …,
# comprenant un article 230-20. Le I de l'article 23 de la loi n° 2003-239 … » (2011 LOPPSI
# bill). A full stop, outside quotations, then a capital: the next sentence (« L. »,
# « art. », « n° » are abbreviations: a capital or a digit follows them, never a word that
# opens an instruction, and each part must read as an instruction for the cut to stand).
_NEXT_SENTENCE_RE = re.compile(r"(?<![\s.])(?<!\b[A-Z])(?<!\bart)(?<!\bArt)\.\s++"
                               r"(?=[A-ZÀÂÉÈÊÎÔÛÇ][a-zàâéèêëîïôûüç'])")


# a sentence whose subject is a pronoun: « Il est complété par … », « Elle est ainsi rédigée »
# — never the impersonal « Il est inséré / ajouté … » (« Au premier alinéa, … . Il est
# ajouté un alinéa ainsi rédigé » adds it to the item's unit, not after the first alinéa)
_PRONOUN_RE = re.compile(r"(?:Il|Elle)\s++est\b(?!\s++(?:inséré|ajouté|créé|rétabli|institué|"
                         r"procédé)e?s?\b)")
_FEMININE = frozenset({StepKind.PHRASE, StepKind.SECTION, StepKind.SOUS_SECTION,
                       StepKind.PARTIE, StepKind.ANNEXE, StepKind.LIGNE, StepKind.COLONNE,
                       StepKind.DIVISION})


def _in_place(op: Operation) -> bool:
    """Whether an operation changes its unit in place, making no new unit: the unit a
    pronoun of the next sentence may name."""
    if isinstance(op, Complete | Rewrite):
        new = op.new
        return new.kind in (UnitKind.WORDS, UnitKind.PHRASE) or (
            isinstance(op, Rewrite) and len(new.alineas) == 1 and new.kind is not UnitKind.TEXT)
    return op.kind in ("replace_words", "delete_words", "insert_words", "rewrite_end",
                       "rewrite_start", "delete_end")


def _several_sentences(text: str, prepared: Prepared, quote: Quote | None, item: BillItem,
                       context: Context, source: Source, bill: BillText) -> Built | None:
    """The operations of an item that holds several sentences, each an instruction read
    in the item's context (the quoted text below goes with the last, the only one that
    may be a chapeau); None when it holds one sentence, or when any part does not read
    as an instruction (the item's own refusal then stands). ``prepared``: ``text``
    prepared, as the item's own reading made it."""
    cuts = list(_NEXT_SENTENCE_RE.finditer(prepared.text))
    if not cuts:
        return None
    bounds, start = [], 0
    for m in cuts:
        stop = prepared.column(m.start()) + 1  # after the full stop
        bounds.append((start, stop))
        start = prepared.column(m.end())
    bounds.append((start, len(text)))
    lead = len(item.text) - len(item.text.lstrip())
    trial = replace(context, last=dict(context.last), paths=dict(context.paths),
                    path_texts=dict(context.path_texts))
    operations: list[Operation] = []
    diagnostics: list[Diagnostic] = []
    built: Built | None = None
    for k, (begin, end) in enumerate(bounds):
        part = text[begin:end].strip()
        last = k == len(bounds) - 1
        if built is not None and built.chapeau is not None:
            return None  # a chapeau before the last sentence: not a form of drafting
        within = trial
        if k and _PRONOUN_RE.match(part):
            # « … sont remplacés par … . Il est complété par … » (2010 agriculture bill,
            # décret du 9 janvier 1852): « Il » is the one unit the sentence before changed
            named = {op.target for op in built.operations} if built is not None else set()
            if len(named) != 1 or built is None or not all(
                    _in_place(op) for op in built.operations):
                # (« Après le premier alinéa, il est inséré un alinéa … . Il est … »: the
                # new alinéa more likely than the first; « … est supprimé. Il … »: none)
                return None
            (unit,) = named
            feminine = bool(unit.steps) and unit.steps[-1].kind in _FEMININE
            if not unit.steps or unit.steps[-1].until is not None or \
                    feminine != part.startswith("Elle"):
                return None  # « Il » for a phrase, « Elle » for an alinéa: not that unit
            own = unit.steps[len(trial.steps):] if unit.code == trial.text and \
                unit.steps[:len(trial.steps)] == trial.steps else unit.steps
            if sum((s.kind in _FEMININE) == feminine for s in own) != 1:
                # « Au premier alinéa de l'article 1, … . Il est complété … »: the alinéa or
                # the article, both named in the sentence before
                return None
            within = trial.child(unit.code, trial.text_name, unit.steps)
        try:
            part_prepared = prepare(part)
            sentence = parse_sentence(part_prepared)
            block = quote if last else None
            # each sentence's own dates (« L'article 5 est abrogé. L'article 6 est abrogé à
            # compter du 1er janvier 2005. »: the date is not the first's)
            dated = tuple(d for note in part_prepared.set_aside if not is_provenance(note)
                          for d in dates_in(note))
            built = build_operations(
                sentence, part_prepared, within,
                replace(source, column=item.column + lead + begin, text=part,
                        dates=tuple(dict.fromkeys((*context.dates, *dated)))),
                block.alineas if block else None, block.markers if block else (), bill.path)
        except (SentenceError, ContextError):
            return None
        if not built.operations and built.chapeau is None:
            return None
        operations.extend(built.operations)
        diagnostics.extend(built.diagnostics)
    assert built is not None
    for name in ("last", "last_text", "last_code", "paths", "recent", "path_texts"):
        setattr(context, name, getattr(trial, name))
    return Built(tuple(operations), built.chapeau, tuple(diagnostics), built.more_chapeaux)


# ---------------------------------------------------------------------------
# What is an instruction (a sentence the grammar did not read)

# an adaptation clause: « Pour l'application du II du présent article, les mots : « … »
# sont remplacés par les mots : « … » » (corpus: the Alsace bill, articles 4 to 6; the
# transport bill on article L. 5531-19 of the code des transports). Written in a bill
# outside any quotation, it says how a provision reads when it is applied — to the
# Collectivité européenne d'Alsace, until a date —; it does not amend that provision,
# whose text stays as it is (an amendment reads « Au second alinéa du I de l'article 80
# de la loi … , la date … est remplacée … »). So it is a standalone provision of the
# bill, of kind « application », never an operation. When a bill writes such a clause
# into a code, the clause is quoted text (« … est complété par un alinéa ainsi rédigé :
# « Pour l'application … » »), which is not a sentence of the bill.
_ADAPTATION_RE = re.compile(r"pour\s+l'application\s+(?:de|du|des|d')", re.IGNORECASE)


def is_adaptation(prepared: Prepared) -> bool:
    """Whether a sentence of a bill is an adaptation clause (see ``_ADAPTATION_RE``)."""
    return bool(_ADAPTATION_RE.match(prepared.text))


# an enabling provision (« Dans les conditions prévues par l'article 38 de la Constitution,
# le Gouvernement est autorisé à prendre par ordonnances les dispositions législatives
# nécessaires afin de : 1° Redéfinir, …, les conditions … ; compléter les missions … »): its
# list says what the ordonnance may do, in infinitives, and amends no text itself. An item
# of that list that opens with an infinitive is a provision of the bill even if a verb of
# modification follows (« compléter les missions ainsi confiées »); an item that is an
# instruction (« a) L'article L. 5 est ainsi rédigé : »), or one that announces a text
# (« Compléter l'article L. 5 par un alinéa ainsi rédigé : »), is read as one
# a list of repealed texts and units, the verb first: « Sont abrogés : », « I. - Sont et
# demeurent abrogés ou supprimés : », « Est abrogée : », « Sont abrogées les dispositions
# suivantes : » (the subjects are its items)
_REPEAL_LIST_RE = re.compile(
    r"(?:sont|est)\s++(?:" + AND_REMAIN_PATTERN + r"\s++)?abrogée?s?(?:\s++ou\s++supprimée?s?)?"
    r"(?:\s++les\s++dispositions\s++suivantes)?"
    # the place the subjects are in: « Sont abrogés, dans la cinquième partie du même
    # code : » (a décret of 2016, code de la santé publique)
    r"(?:\s*+,\s*+(?P<place>(?:dans|à|au|aux|en)\s[^:;]+?))?\s*+,?", re.IGNORECASE)
# a provision that ends with the list of what it names: « … créés en application des
# dispositions suivantes : », « Sont ratifiées : » (a ratification modifies nothing)
_LIST_ANNOUNCED_RE = re.compile(r"(?:\bsuivante?s|\bci-après|^(?:sont|est)\s++ratifiée?s?)$",
                                re.IGNORECASE)
# — not a list of changes to make: « … est ratifiée, sous réserve des modifications
# suivantes : » (an ordonnance ratified, then amended by the items), « Sont apportées au code
# du travail les modifications suivantes : » (the items modify; a unit alone among them is
# a change cut short, an error). (« L'abrogation prévue au 1° de l'article 4 ne prendra
# effet qu'à compter … pour ce qui concerne les articles, alinéas, phrases et mots
# suivants : », a décret, lists the units a provision is about: it is one)
_CHANGES_ANNOUNCED_RE = re.compile(
    r"modifi|remplac|insér|insertion|ajout|complét|rédig|rectifi|correcti|adapt",
    re.IGNORECASE)
_DETERMINER_RE = re.compile(r"(?:le|la|les)\s|l['’]", re.IGNORECASE)
_ENABLING_RE = re.compile(r"\best\s+autorisée?\s+à\s+(?:prendre|modifier|adopter)\s+par\s+"
                          r"(?:voie\s+d')?ordonnances?\b", re.IGNORECASE)
_INFINITIVE_OPENING_RE = re.compile(r"[A-ZÀÂÉÈÊÎÔÛÇ][a-zàâéèêëîïôûüç]++(?<=er|ir|re)\b")

# (« et demeure(nt) »: « Les articles 3 et 4 … sont et demeurent abrogés », the formula of
# codification and simplification laws; an adverb of manner: « est purement et simplement
# abrogé », « est expressément abrogé », « est en conséquence abrogé »)
_ADVERBS_OF_VERB = (r"(?:ainsi|respectivement|également|alors|donc|désormais|aussi|de\s+même"
                    r"|" + AND_REMAIN_PATTERN + r"|purement\s+et\s+simplement|en\s+conséquence|"
                    r"par\s+conséquent|de\s+plein\s+droit|à\s+nouveau|de\s+nouveau|partout|"
                    r"\w+ment)")
# the passive of an instruction, « devient », an amendment's verb — outside quotations
# (« se trouve abrogé », « demeurent abrogés »: the passive of a state, an instruction
# all the same when the grammar does not read it — never a provision left out)
# (an incise between commas too: « est, à titre transitoire, abrogé », « sont, deux fois,
# remplacés », « sont, dans l'ensemble du code, remplacés »)
_INSTRUCTION_VERB_RE = re.compile(
    r"\b(?:est|sont|soit|soient|sera|seront|été|se\s+trouve(?:nt)?|demeure(?:nt)?)"
    r"(?:[\s,]+(?:et\s+)?" + _ADVERBS_OF_VERB + r")*(?:\s*+,[^,;:⟨⟩]{1,80}+,)?[\s,]+"
    r"(?P<participle>" + "|".join(INSTRUCTION_PARTICIPLES) + r")\b"
    r"|\b(?P<becomes>devien(?:t|nent)|" + RECEIVES_WORDING_PATTERN + "|"
    + "|".join(ACTIVE_VERBS_IN_TEXT) + r")\b"
    r"|\b(?P<imperative>" + "|".join(AMENDMENT_VERBS) + r")\b", re.IGNORECASE)
_SHARED_RE = re.compile("|".join(SHARED_VERBS), re.IGNORECASE)
_ACTIVE_RE = re.compile("|".join(ACTIVE_VERBS), re.IGNORECASE)
# « … dont les financements sont transférés », « qui lui sont transférées »: a verb in a
# relative or subordinate clause is not the sentence's
# what may stand between « qui » and the verb it is the subject of: a negation, the
# pronouns before a verb, adverbs, the auxiliary of a compound tense (« qui ne leur sont
# pas transférés », « qui y sont également affectés », « qui ont été modifiées »; an
# incise between commas ends at a boundary of its own)
_BEFORE_VERB = (r"(?:ne|n'|n’|y|en|lui|leur|se|s'|s’|me|m'|te|nous|vous|le|la|les|l'|l’|pas|"
                r"plus|jamais|point|déjà|encore|toujours|a|ont|avait|avaient|aura|auront|aurait|"
                r"auraient|eu|" + _ADVERBS_OF_VERB + r")(?![\w'’-])")
_QUI_VERB_RE = re.compile(r"(?:\s*+" + _BEFORE_VERB + r")*+\s*+", re.IGNORECASE)
_BEFORE_VERB_WORD_RE = re.compile(_BEFORE_VERB, re.IGNORECASE)
_WORD_RE = re.compile(r"[^\s'’]++['’]?")
# A relative clause opened by « dont », « où », « lequel », « auxquels »… (or a clause by
# « lorsque », « quand ») has a subject of its own, which follows that word (« dont les
# financements sont transférés », « auxquels la loi renvoie »); the clause's verb follows
# that subject. A verb after the clause's own verb is the sentence's: « Les articles L. 1
# à L. 3 du code civil dont la liste suit sont abrogés », « … dont les dispositions ont
# été reprises dans le code … sont abrogés ». The clause has ended before the verb when
# its subject holds a verb already — an auxiliary, a modal, a pronoun only a verb takes
# (« ne », « se »), a verb of reference (« suit », « figure », « renvoie ») not after a
# determiner (« la suite ») — or when the verb does not agree in number with it (« la
# liste … sont »: a subject of several coordinated nouns is not counted). (« soit » is
# not counted: « lorsque, pour quelque cause que ce soit, le siège … devient vacant »;
# nor « A », a label, for « a ».)
_OWN_VERB_MARK_RE = re.compile(
    r"(?<![\w'’-])(?:est|sont|était|étaient|sera|seront|serait|seraient|fut|furent|(?-i:a)|"
    r"ont|avait|avaient|aura|auront|peut|peuvent|pourra|pourront|doit|doivent|devra|"
    r"devront|ne|n['’]|se|s['’])(?![\w'’-])"
    r"|(?<![\w'’-])(?<!\ble\s)(?<!\bla\s)(?<!\bles\s)(?<!\bune\s)(?<!\bun\s)(?<!\bl['’])"
    r"(?:sui(?:t|vent)|figur(?:e|ent)|renvoi(?:e|ent)|énumèr(?:e|ent)|mentionn(?:e|ent)|"
    r"concern(?:e|ent)|vis(?:e|ent)|prévoi(?:t|ent)|comport(?:e|ent)|contien(?:t|nent)|"
    r"régi(?:t|ssent)|relèv(?:e|ent)|précèd(?:e|ent)|fix(?:e|ent)|dispos(?:e|ent)|"
    r"demeur(?:e|ent)|rest(?:e|ent))(?![\w'’-])", re.IGNORECASE)
_SUBJECT_NUMBER_RE = re.compile(
    r"\s*+(?:(?P<one>le|la|l['’]|son|sa|ce|cet|cette|il|elle|on|un|une|chaque)|"
    r"(?P<several>les|ses|leurs|ces|des|ils|elles|plusieurs))(?![\w-])", re.IGNORECASE)
_SEVERAL_NOUNS_RE = re.compile(r"(?<![\w'’-])(?:et|ou|ainsi\s++que|plupart|nombre|partie|"
                               r"majorité|moitié|totalité|ensemble)(?![\w'’-])", re.IGNORECASE)
_SINGULAR_VERB_RE = re.compile(r"(?:est|soit|sera|serait|a|aura|devient|constitue|remplace)\b",
                               re.IGNORECASE)
_PLURAL_VERB_RE = re.compile(r"(?:sont|soient|seront|seraient|ont|auront|deviennent|constituent|"
                             r"remplacent)\b", re.IGNORECASE)


def _verb_of_the_clause(text: str, boundary: re.Match[str], verb: re.Match[str]) -> bool:
    """Whether the verb ``verb`` of a sentence is that of the clause opened by the word
    ``boundary`` (« qui », « dont », « où », « lorsque »…) before it, not the sentence's.
    « qui » is its clause's subject: its verb follows it at once (``_QUI_VERB_RE``); the
    others have a subject of their own (see ``_OWN_VERB_MARK_RE``)."""
    start, end = boundary.end(), verb.start()
    if boundary.group(0).lower() == "qui":
        return _QUI_VERB_RE.fullmatch(text, start, end) is not None
    subject = text[start:end]
    # what may stand before the verb (« ont », « ne … pas »), set aside from the end: the
    # words read once (a run of them would be searched again for each one, quadratic)
    words = list(_WORD_RE.finditer(subject))
    cut = len(words)
    while cut > 1 and _BEFORE_VERB_WORD_RE.fullmatch(words[cut - 1].group()):
        cut -= 1
    if cut < len(words):
        subject = subject[:words[cut].start()]
    if _OWN_VERB_MARK_RE.search(subject):
        return False
    number = _SUBJECT_NUMBER_RE.match(subject)
    if number is not None and not _SEVERAL_NOUNS_RE.search(subject):
        said = text[verb.start():verb.end()]
        if (number.group("one") and _PLURAL_VERB_RE.match(said)) or \
                (number.group("several") and _SINGULAR_VERB_RE.match(said)):
            return False
    return True


# a verb denied (« Ni les attributions du syndicat, ni le périmètre … ne sont modifiés »,
# « ne leur sont pas transférés »): what is, not what the text changes
_NEGATED_RE = re.compile(r"(?<![\w'’-])(?:ne\s++|n['’]\s*+)(?:(?:y|en|lui|leur|se|s['’]|le|la|les|"
                         r"l['’])\s*+)*+$", re.IGNORECASE)


def _in_clause_or_not_of_text(text: str, boundary: re.Match[str], verb: re.Match[str],
                              met: set[int], not_text: dict[int, bool]) -> bool:
    """Whether ``verb``, after the clause opened by ``boundary``, is not an instruction's:
    the verb of that clause (``_verb_of_the_clause``), or — after a clause with a subject
    of its own, not « qui » — the sentence's verb whose subject is not told to be a unit
    of text. A clause has one verb: a verb after the one it took is the sentence's
    (« Les articles dont la numérotation est modifiée sont abrogés »). ``met``: the clauses
    (by where their word is) whose verb was met; ``not_text``: for each, whether the
    sentence's subject is not a text (each read once: a long run of verbs after one clause
    is read in linear time)."""
    key = boundary.start()
    if key not in met:
        met.add(key)
        if _verb_of_the_clause(text, boundary, verb):
            return True
    if boundary.group(0).lower() == "qui":
        return False
    answer = not_text.get(key)
    if answer is None:
        answer = not_text[key] = not _text_subject_or_unknown(text, verb.start(), known=True)
    return answer


# (and the end of a sentence: a clause of one sentence holds no verb of the next, « Les
# biens dont l'État est propriétaire sont transférés. Les articles 5 et 6 sont abrogés. »)
_SUBORDINATE_RE = re.compile(r"\b(?:dont|qui|lorsque|lorsqu'|quand|où|lequel|laquelle|"
                             r"lesquels|lesquelles|auxquels|auxquelles|duquel)\b|[,;:(]"
                             r"|\.\s++(?=[A-ZÀÂÉÈÊÎÔÛÇ][a-zà-ÿ'])", re.IGNORECASE)
# « Il est créé un article L. 126-9 », not « Il est créé, à compter du …, un régime »
_UNIT_AFTER_RE = re.compile(r"\W++(?:\S++\W++){0,8}?(?:un|une|des|les?|la|l')\s*"
                            r"(?:article|chapitre|section|sous-section|titre|livre|paragraphe|"
                            r"alinéa|phrase|annexe|tiret)s?\b", re.IGNORECASE)
# « Il est créé au titre IV du livre IX du code du travail (…) un chapitre Ier intitulé … »
# (décret n° 92-113): created in a division or a code, however long its name
_IN_DIVISION_RE = re.compile(r"\W+(?:au|à\s+la|à\s+l'|dans\s+(?:le|la|l'))\s*(?:titre|chapitre|"
                             r"livre|section|sous-section|partie|code)\b", re.IGNORECASE)
_SUBJECT_RE = re.compile(r"(?:(?:les|le|la|cette|ces|cet|ce)\s+|l')(?P<words>[^,;:]{1,200})",
                         re.IGNORECASE)
# words before the noun: « Les deux dernières phrases », « les autres dispositions »
_BEFORE_NOUN = frozenset({"autres", "mêmes", "même", "plusieurs", "divers", "diverses",
                          "nouveaux", "nouvelles", "nouveau", "nouvelle", "dits", "dites"})
_TEXT_HEADS = frozenset(
    word for noun in (*DIVISION_NOUNS, *UNIT_NOUNS, *WORD_NOUNS)
    for word in (noun.singular, noun.plural)) | {
    "code", "codes", "loi", "lois", "ordonnance", "ordonnances", "décret", "décrets",
    "intitulé", "intitulés", "tableau", "tableaux", "disposition", "dispositions", "même",
    "mêmes", "présent", "présente", "ensemble", "liste", "rubrique", "rubriques", "colonne",
    "ligne", "lignes", "début", "fin", "reste", "dernier", "dernière", "derniers",
    "dernières", "avant-dernier", "avant-dernière", "premier", "première", "second",
    "seconde", "texte", "textes", "numérotation", "renvoi", "renvois"}
# a noun of quantity before the noun it counts: « l'ensemble des biens », « l'ensemble
# des dispositions »
_WHOLE_OF = frozenset({"ensemble", "totalité"})
_LABEL_HEAD_RE = re.compile(rf"^(?:[IVXLCDM]+|[A-Z]|[a-z]|\d+°?\S*|{ORDINAL_PATTERN})$")


def is_instruction(prepared: Prepared) -> bool:
    """Whether a sentence the grammar did not read is an instruction all the same — then
    it is an error, never a standalone provision. Its main verb (outside quotations, not
    in a relative clause) is a verb of modification in the form instructions use: the
    passive after « est / sont / il est » (« … sont remplacés », « il est inséré »),
    « devient », an amendment's imperative (« Rétablir cet article … »). A participle
    used otherwise (« telles que modifiées par », « peuvent être supprimées », « créés en
    vertu de la loi ») is not one. « Substitué », « transféré », « devient » also say
    what happens to persons and property (« Le département d'Alsace est substitué aux
    départements … »): with those, a subject that is plainly not a unit of text makes
    the sentence a provision. In doubt (a subject that cannot be told), an instruction."""
    text = prepared.text
    last: re.Match[str] | None = None  # the last clause boundary before the verb
    scanned = 0  # boundaries are looked for once, from one verb to the next (linear)
    met: set[int] = set()  # the clauses whose verb was met
    not_text: dict[int, bool] = {}  # after each, whether the sentence's subject is no text
    for m in _INSTRUCTION_VERB_RE.finditer(text):
        if m.group("imperative"):
            # an amendment's verb, or an infinitive anywhere (« Il convient d'abroger
            # l'article L. 2 »; in an enabling list, « …, compléter … », a doubt too)
            return True
        for boundary in _SUBORDINATE_RE.finditer(text, scanned, m.start()):
            last = boundary
        scanned = m.start()
        if last is not None and last.group(0).isalpha() and not prepared.quotes and \
                _in_clause_or_not_of_text(text, last, m, met, not_text):
            # the verb of a relative clause — but « qui » is the subject of its clause's
            # verb, which follows it at once (« les biens qui leur sont transférés »):
            # after other words (« Les articles L. 1 et L. 2 qui concernent les
            # communes sont abrogés ») the verb is the sentence's own; after « dont », the
            # clause's verb follows its own subject (« dont la liste suit sont abrogés »).
            # The sentence's verb after such a clause is an instruction only with a subject
            # told that is a unit of text: « Les membres … au titre de laquelle ils ont été
            # nommés sont remplacés » (persons), « Un avis … indiquant les lieux où le plan
            # peut être consulté est inséré … dans deux journaux » (no subject told) are
            # provisions, as when the clause hid the verb
            continue
        if _NEGATED_RE.search(text, max(scanned - 24, 0), scanned):
            continue  # « … ne sont pas modifiés »: a statement; an instruction never denies
        participle = (m.group("participle") or "").lower()
        if participle.startswith("créé") and not _UNIT_AFTER_RE.match(text, m.end()) and \
                not _IN_DIVISION_RE.match(text, m.end()):
            continue  # a body or a fund is created, not a unit of text
        if is_adaptation_at(text, m.start()):
            continue  # « … entre en vigueur le …. Pour l'application de …, les mots … »
        if _SHARED_RE.fullmatch(participle or m.group("becomes") or "") and \
                not prepared.quotes and not _text_subject_or_unknown(text, m.start()):
            continue
        if _ACTIVE_RE.fullmatch(m.group("becomes") or "") and not _text_subject_or_unknown(
                text, m.start(), known=True):
            # the active voice an instruction only with a subject told and a unit of text
            # (« Au sens de la présente loi, constitue un conflit d'intérêts … »: none)
            continue
        return True
    return False


# a sentence ends at a full stop before a capitalised word (« … le 1er janvier 2021. Pour
# l'application … »), not at an abbreviation (« L. 221-11 », « l'art. L. 5 »)
_SENTENCE_END_RE = re.compile(r"\.\s++(?=[A-ZÀÂÉÈÊÎÔÛÇ][a-zà-ÿ'])")
# what may open a sentence's main clause, after a leading phrase and its comma: « Si aucun
# comité … n'a été créé …, les biens … sont transférés », « À compter du …, l'article … »
_CLAUSE_SUBJECT_RE = re.compile(r",\s*+(?=(?:les|le|la|cette|ces|cet|ce)\s|l')",
                                re.IGNORECASE)


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts (an item may hold several)."""
    start = 0
    for m in _SENTENCE_END_RE.finditer(text, 0, at):
        start = m.end()
    return start


def is_adaptation_at(text: str, at: int) -> bool:
    """Whether the sentence holding ``text[at]`` is an adaptation clause (« Pour
    l'application de … », see ``_ADAPTATION_RE``): its verb says how a provision reads."""
    return bool(_ADAPTATION_RE.match(text, sentence_start(text, at)))


def _text_subject_or_unknown(text: str, at: int | None = None, known: bool = False) -> bool:
    """Whether a sentence's subject is a unit of text, or cannot be told (it does not
    open with a determiner and its noun: « À l'exception … », « Il … »). With ``at``, the
    verb's place: the subject is that of the verb's own sentence, and, when the sentence
    opens with a leading phrase (« Si aucun comité n'a été créé …, les biens … sont
    transférés »), the last group before the verb that opens with a determiner after a
    comma; with none, it cannot be told. ``known``: a subject that cannot be told is not
    one (False)."""
    if at is not None:
        start = sentence_start(text, at)
        while start < at and text[start].isspace():
            start += 1  # where a leading date was set aside (« À compter du …, l'annexe … »)
        subject = start
        if _SUBJECT_RE.match(text, start) is None:
            found = [m.end() for m in _CLAUSE_SUBJECT_RE.finditer(text, start, at)]
            if not found:
                return not known
            subject = found[-1]
        text = text[subject:at]
    m = _SUBJECT_RE.match(text)
    if m is None:
        return not known
    words = m.group("words").split()
    for index, word in enumerate(words):
        if word.lower() in _WHOLE_OF and index + 1 < len(words) and \
                words[index + 1].lower() in ("des", "du", "de"):
            continue  # « L'ensemble des biens, droits et obligations … »: the next noun tells
        if word.lower() in _TEXT_HEADS or _LABEL_HEAD_RE.match(word):
            return True
        if word.lower() in _BEFORE_NOUN or parse_cardinal(word) is not None:
            continue  # not the noun yet
        return False  # the noun, and not one of a text: « La Collectivité … »
    return not known


def _provision_kind(text: str) -> ProvisionKind:
    if _REPORT_RE.search(text):
        return ProvisionKind.REPORT
    if _APPLICATION_RE.search(text):
        return ProvisionKind.APPLICATION
    return ProvisionKind.OTHER


def _caret(text: str, offset: int) -> str:
    return f"{text}\n  {' ' * offset}^"


def render_listing(bill: Bill) -> str:
    """The readable listing of ``legidiff parse``."""
    from legidiff.bill.operations import operation_json

    lines = [bill.title or "(texte sans titre)"]
    for op in bill.operations:
        data = operation_json(op)
        operands = {k: v for k, v in data.items() if k not in (
            "kind", "target", "code", "bill_ref", "line", "column", "text")}
        lines.append(f"{op.source.bill_ref} (l. {op.source.line})  {op.kind}  {op.target}"
                     f"  {_short(operands)}")
    for u in bill.unrecognized:
        lines.append(f"{u.source.bill_ref} (l. {u.source.line})  NON RECONNU  {u.reason} : "
                     f"{u.source.text[:100]}")
    for p in bill.provisions:
        dates = f" [{', '.join(p.dates)}]" if p.dates else ""
        lines.append(f"{p.source.bill_ref} (l. {p.source.line})  disposition {p.kind.value}"
                     f"{dates} : {p.source.text[:100]}")
    return "\n".join(lines) + "\n"


def _short(operands: dict[str, object]) -> str:
    parts = []
    for key, value in operands.items():
        text = str(value)
        parts.append(f"{key}={text if len(text) < 120 else text[:117] + '…'}")
    return " ".join(parts)


def parse_locator(text: str) -> Locator:
    """Read an address written in French, as in a bill (``grammars/instructions.lark``,
    start rule ``locator``).

    >>> str(parse_locator("la seconde phrase du premier alinéa du I de l'article L. 853-3"))
    'art_L853-3/lab_I/al_1/ph_2'
    """
    try:
        locators = resolve_chain(parse_chain(text), Context())
    except (SentenceError, ContextError) as e:
        raise LocatorSyntaxError(f"{e.message} : « {text.strip()} »") from None
    if len(locators) != 1:
        raise LocatorSyntaxError(f"« {text.strip()} » désigne {len(locators)} unités, pas une")
    return locators[0]
