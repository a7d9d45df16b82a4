"""Operations on quoted words: replaced, inserted (before or after other words, at the
start or end of a unit), deleted, "respectivement", "partout où ils figurent", and the end
of a phrase rewritten or deleted after a word.

The words must be found in the unit as the instruction says: once, or at the occurrence it
names, or everywhere it says so; otherwise nothing changes and the evidence shows what the
unit holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import assert_never

from legidiff.apply.numbering import heading_scope, heading_title, set_heading_title
from legidiff.apply.target import (
    Applied,
    EngineError,
    Unit,
    body_start,
    find_unit,
    opening_labels,
    raw_phrases,
    rewritten,
    unit_in,
    with_alineas,
)
from legidiff.apply.worktree import WArticle, Work
from legidiff.bill.operations import (
    DeleteEnd,
    DeleteWords,
    InsertWords,
    Position,
    ReplaceWords,
    RewriteEnd,
    RewriteStart,
    Words,
)
from legidiff.document.locator import StepKind, new_target
from legidiff.document.model import Alinea, Article
from legidiff.document.structure import read_labels, strip_header
from legidiff.lang.codes import canonical_code_name
from legidiff.lang.matching import (
    code_name_goes_on,
    code_name_re,
    find_all,
    fold,
    join,
    same_text,
    split_final,
)
from legidiff.lang.nearest import nearest_words
from legidiff.lang.text import counted, has_markup, visible

WordsOperation = ReplaceWords | DeleteWords | InsertWords | RewriteEnd | RewriteStart | DeleteEnd


@dataclass
class Place:
    index: int  # alinéa index in the article
    start: int
    end: int


def _search_space(unit: Unit) -> list[tuple[int, int, int]]:
    """(alinéa index, start, end) of the text the words are looked for in."""
    out = []
    alineas = unit.article.alineas
    for i in range(unit.start, unit.end):
        text = alineas[i].text
        if unit.phrase is not None:
            out.append((i, unit.phrase[0], unit.phrase[1]))
        else:
            out.append((i, 0, len(text)))
    return out


def _find(unit: Unit, words: str) -> list[Place]:
    places = []
    alineas = unit.article.alineas
    for i, a, b in _search_space(unit):
        alinea = alineas[i]
        if alinea.markup and has_markup(alinea.text):
            if find_all(visible(alinea.text, True), words):
                raise EngineError("LD312", "mots à modifier dans un alinéa en HTML (tableau, "
                                           "balises) : modification non prise en charge",
                                  alinea.text[:200])
            continue
        for s, e in find_all(alinea.text[a:b], words):
            places.append(Place(i, a + s, a + e))
    return places


def _choose(unit: Unit, words: Words, text: str, found: list[Place] | None = None
            ) -> list[Place]:
    """The places of ``text`` the instruction means (``found``: every place of it in the
    unit, when the caller just looked for them)."""
    places = _find(unit, text) if found is None else found
    name = f"« {text} »"
    if not places:
        raise EngineError("LD302", f"les mots {name} ne figurent pas dans l'unité visée",
                          _evidence(unit, text))
    if words.everywhere:
        return places
    if words.count is not None:
        # "deux fois", "(trois occurrences)": the engine checks the count it was given
        if len(places) != words.count:
            raise EngineError("LD319", f"{name} figure {len(places)} fois dans l'unité visée, "
                                       f"l'instruction dit {words.count} fois",
                              _occurrences(unit, places))
        return places
    if words.occurrence is not None:
        n = words.occurrence
        index = n - 1 if n > 0 else len(places) + n
        if not 0 <= index < len(places):
            raise EngineError("LD304", f"{name} n'y figure que {len(places)} fois : pas "
                                       f"d'occurrence n° {n}", _occurrences(unit, places))
        return [places[index]]
    if len(places) > 1:
        raise EngineError("LD303", f"{name} figure {len(places)} fois et l'instruction ne dit "
                                   "pas laquelle", _occurrences(unit, places))
    return places


def _occurrences(unit: Unit, places: list[Place], width: int = 40) -> str:
    """Each occurrence with its alinéa (counted in the article) and its context."""
    alineas = unit.article.alineas
    shown = []
    for n, place in enumerate(places[:10], 1):
        text = alineas[place.index].text
        a, b = max(0, place.start - width), min(len(text), place.end + width)
        context = (("…" if a else "") + text[a:place.start] + "[" + text[place.start:place.end]
                   + "]" + text[place.end:b] + ("…" if b < len(text) else ""))
        shown.append(f"{n}) alinéa {place.index + 1} : « {context} »")
    more = f"\n… et {len(places) - 10} autres" if len(places) > 10 else ""
    return "\n".join(shown) + more


def _trailing_code_name(text: str) -> str | None:
    """The name of a code that ends ``text`` (« … du code rural » → "code rural")."""
    stripped = text.rstrip()
    k = stripped.lower().rfind("code")
    m = code_name_re().match(stripped, k) if k >= 0 else None
    return m.group() if m is not None and m.end() == len(stripped) else None


def _renamed_code(old: str, new: str) -> tuple[str, str, str] | None:
    """Quoted words ending with a code's former name (« … du code rural ») where the text
    writes its present name ("… du code rural et de la pêche maritime": LEGI rewrote every
    reference when the code was renamed): the words read with the present name, the new
    words too when they end with either name — else None (the new words would leave
    the rest of the name behind). Third: the note saying so.

    >>> _renamed_code("des articles L. 1 à L. 9 du code rural", "du titre VI du code rural")[:2]
    ('des articles L. 1 à L. 9 du code rural et de la pêche maritime', \
'du titre VI du code rural et de la pêche maritime')
    >>> _renamed_code("L. 1 du code rural", "L. 2") is None
    True
    """
    name = _trailing_code_name(old)
    if name is None:
        return None
    present = canonical_code_name(name)
    if fold(present).text.lower() == fold(name).text.lower():
        return None
    other = _trailing_code_name(new)
    if other is None or canonical_code_name(other) != present:
        return None
    old, new = old.rstrip(), new.rstrip()
    return (old[:len(old) - len(name)] + present, new[:len(new) - len(other)] + present,
            f"« {name} », ancien nom du code, lu sous son nom actuel : « {present} »")


def _code_name_around(text: str, start: int, end: int) -> str | None:
    """The code name the words ``text[start:end]`` end inside, if they do."""
    if not code_name_goes_on(text, start, end):
        return None
    k = text.lower().rfind("code", start, end)
    m = code_name_re().match(text, k)
    return m.group() if m else None


def _evidence(unit: Unit, words: str) -> str:
    """What the unit holds instead of ``words``: a form differing by case, or the words
    inside a longer word or number ("loi n" in "loi n°"), or the unit's text, after the
    nearest words in it when they are near (« hertzienne » for « hertziene »)."""
    text = unit.text()
    lower, folded = text.lower(), words.lower()
    if words.strip() and len(lower) == len(text):  # lower() kept the offsets
        inside = None
        close = lower.find(folded)
        while close >= 0:
            form = text[close:close + len(words)]
            if form != words:
                return f"forme proche dans le texte : « {form} »"
            inside = inside if inside is not None else close
            close = lower.find(folded, close + 1)
        if inside is not None:
            a, b = inside, inside + len(words)
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while b < len(text) and not text[b].isspace():
                b += 1
            name = _code_name_around(text, inside, inside + len(words))
            if name is not None:
                return (f"les mots n'y figurent qu'au début du nom d'un code plus long : "
                        f"« {name} »")
            return (f"les mots n'y figurent qu'à l'intérieur d'un mot ou d'un numéro plus "
                    f"long : « {text[a:b]} »")
    shown = text if len(text) <= 400 else text[:400] + " …"
    near = nearest_words(text, words)
    hint = f"vouliez-vous dire « {near} » ?\n" if near is not None else ""
    return f"{hint}le texte visé contient : « {shown} »"


def apply_words(work: Work, op: WordsOperation) -> Applied:
    if not op.target.steps:
        return _everywhere(work, op)
    if op.target.steps[-1].kind is StepKind.INTITULE:
        return _in_heading(work, op)
    located = work.locate(op.target)
    unit = find_unit(work, op.target, located)
    alineas = list(unit.article.alineas)
    # the whole article: its text after is its text before but for the alinéas edited
    # (the words change no alinéa's place), each alinéa's visible text read once
    shown = [visible(a.text, a.markup) for a in alineas] \
        if located[2] == len(op.target.steps) else None
    applied = Applied(address=op.target.to_french(),
                      before="\n".join(shown) if shown is not None else unit.text())
    edits = _edits(unit, op, applied)
    _edit(alineas, edits, op, applied)
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), op.source.origin)
    if shown is not None:
        for place, _ in edits:
            shown[place.index] = visible(alineas[place.index].text, alineas[place.index].markup)
        applied.after = "\n".join(shown)
    else:
        applied.after = unit_in(work, unit.w, op.target, located[2]).text()
    return applied


def _in_heading(work: Work, op: WordsOperation) -> Applied:
    """Words of a heading (« Dans l'intitulé du chapitre II, le mot : … ») or of the text's
    own title (« le titre du projet de loi »): edited as the words of a one-alinéa unit
    holding the title alone, with the same checks; then the title is set."""
    scope = heading_scope(work, op.target)
    title = heading_title(work, scope)
    if not title:
        raise EngineError("LD302", "la division visée n'a pas d'intitulé où chercher les mots",
                          scope.header.heading if scope.header is not None else "")
    holder = WArticle(Article("intitulé", (Alinea(title),)), scope)
    unit = Unit(holder, new_target(op.target, (), holder.article, None, (), (0, 1), None,
                                   None, ()), 0, 1)
    applied = Applied(address=op.target.to_french(), before=title)
    alineas = [holder.article.alineas[0]]
    _edit(alineas, _edits(unit, op, applied), op, applied)
    new = alineas[0].text
    if not new.strip():
        raise EngineError("LD311", "l'intitulé serait vide après la modification", title)
    set_heading_title(work, scope, new)
    applied.after = new
    return applied


def _edits(unit: Unit, op: WordsOperation, applied: Applied) -> list[tuple[Place, str]]:
    """Where the operation writes in ``unit``, and what: each place checked as the
    instruction counts it (``applied`` gets the notes of the way)."""
    alineas = unit.article.alineas
    edits: list[tuple[Place, str]] = []  # where, and the new text
    match op:
        case ReplaceWords() if op.old.alternatives:
            edits.extend(_alternatives(unit, op.old, _pairs(op)))
        case ReplaceWords():
            pairs = _pairs(op)
            for old_text, new_text in pairs:
                found = _find(unit, old_text)
                if not found:
                    renamed = _renamed_code(old_text, new_text)
                    found_renamed = _find(unit, renamed[0]) if renamed is not None else []
                    if renamed is not None and found_renamed:
                        old_text, new_text = renamed[0], renamed[1]
                        found = found_renamed
                        applied.infos.append(("LD318", renamed[2]))
                # (_choose reads only how the words are counted, not their texts)
                edits.extend((p, new_text) for p in _choose(unit, op.old, old_text, found))
        case DeleteWords():
            for old_text in op.old.texts:
                edits.extend((p, "") for p in _choose(unit, op.old, old_text))
        case InsertWords() if op.position is Position.BETWEEN:
            assert op.anchor is not None
            edits.append(_between(unit, op.anchor, " ".join(op.new)))
        case InsertWords():
            new = " ".join(op.new)
            if op.anchor is not None:
                anchor = op.anchor.texts[0]
                chosen = _choose(unit, op.anchor, anchor)
                # after each of them when a count is given ("sont insérés, deux fois")
                for place in chosen if op.anchor.count is not None else chosen[:1]:
                    if op.position is Position.BEFORE:
                        edits.append((Place(place.index, place.start, place.start), new))
                    else:
                        edits.append((Place(place.index, place.end, place.end), new))
            else:
                if op.label:
                    _check_new_label(unit, new)
                edits.append((edge(unit, op.position), new))
        case RewriteStart():
            edits.append((_shared_end(unit, op.new), op.new))
        case RewriteEnd() | DeleteEnd():
            place = _choose(unit, op.anchor, op.anchor.texts[0])[0]
            end = _end_of(unit, place, op.phrase)
            new = op.new if isinstance(op, RewriteEnd) else ""
            if isinstance(op, DeleteEnd):
                text = alineas[place.index].text
                final = text[place.end:end].rstrip()[-1:]
                new = final if final in ".;:" else ""
            edits.append((Place(place.index, place.end, end), new))
        case _:
            assert_never(op)
    return edits


def _edit(alineas: list[Alinea], edits: list[tuple[Place, str]], op: WordsOperation,
          applied: Applied) -> None:
    """The edits written into ``alineas``, the last first (the places stay right)."""
    origin = op.source.origin
    if len(edits) > 1:
        edits.sort(key=lambda e: (e[0].index, e[0].start), reverse=True)
    for place, new in edits:
        text = alineas[place.index].text
        left, right = text[:place.start], text[place.end:]
        if isinstance(op, DeleteEnd):
            joined, merged = left.rstrip() + new + right, False
        elif isinstance(op, RewriteEnd):
            joined, merged = join(left, new, "")
            joined += right  # the phrases after the one whose end is rewritten
        else:
            joined, merged = join(left, new, right, insertion=place.start == place.end)
        if merged:
            applied.infos.append(("LD310", "ponctuation des mots insérés fusionnée avec celle "
                                           "du texte"))
        alineas[place.index] = rewritten(alineas[place.index], joined, origin,
                                         markup=alineas[place.index].markup or has_markup(joined))


_SEPARATOR_RE = re.compile(r"\s*+[,;]?\s*+")


def _between(unit: Unit, anchor: Words, new: str) -> tuple[Place, str]:
    """« entre les mots : « A » et « B », sont insérés les mots : « N » »: where « A » is
    followed by « B », with nothing but a separator between them (spaces, a comma or a
    semicolon), once in the unit: « A, N, B », « A ; N ; B » (the separator as the text
    writes it, again after the new words), « A N B »."""
    first, second = anchor.texts
    seconds = {(p.index, p.start) for p in _find(unit, second)}
    alineas = unit.article.alineas
    pairs: list[tuple[Place, str]] = []
    for place in _find(unit, first):
        text = alineas[place.index].text
        sep = _SEPARATOR_RE.match(text, place.end)
        if sep is not None and sep.end() > place.end and (place.index, sep.end()) in seconds:
            pairs.append((Place(place.index, sep.end(), sep.end()), sep.group().rstrip()))
    if not pairs:
        raise EngineError("LD302", f"« {first} » suivi de « {second} » absent de l'unité visée",
                          unit.text()[:200])
    if len(pairs) > 1:
        raise EngineError("LD303", f"« {first} » suivi de « {second} » présent {len(pairs)} "
                                   "fois : lequel n'est pas dit", unit.text()[:200])
    place, written = pairs[0]  # the new words before « B », the separator after them
    mark = written.strip()
    core = new.strip().strip(mark).strip() if mark else new.strip()
    return place, f"{core}{written}"


_WORD_START_RE = re.compile(r"(?<![\w'’-])\w")


def _shared_end(unit: Unit, new: str) -> Place:
    """The text a new beginning replaces: from the start of the unit (its phrase, or its
    first alinéa) to the end of the words the new beginning shares with it — the longest
    end of ``new``, from a word on, found in that text. It must be found there once:
    else nothing is replaced and the evidence shows the places."""
    index = unit.start
    text = unit.article.alineas[index].text
    a, b = unit.phrase if unit.phrase is not None else (0, len(text))
    for m in _WORD_START_RE.finditer(new):
        tail = new[m.start():]
        places = [Place(index, a + s, a + e) for s, e in find_all(text[a:b], tail)]
        if len(places) > 1:
            raise EngineError("LD303", f"la fin du nouveau début, « {tail} », figure "
                                       f"{len(places)} fois dans le texte : où l'ancien texte "
                                       "reprend n'est pas sûr", _occurrences(unit, places))
        if places:
            return Place(index, a, places[0].end)
    raise EngineError("LD302", "le nouveau début ne partage aucun mot avec le texte visé : "
                               "où l'ancien texte reprend n'est pas dit", _evidence(unit, new))


def _alternatives(unit: Unit, words: Words, pairs: list[tuple[str, str]]
                  ) -> list[tuple[Place, str]]:
    """« les mots : « X » ou « Y » sont remplacés par les mots : « A » ou « B » »: the unit
    holds one or the other, or both; each found is replaced by its own, found as any words
    are (once, unless the instruction says which or how many). None found is an error, and
    so are two that overlap (« chapitre » ou « du chapitre »): which one the drafter meant
    there is not said."""
    found = [(old, new) for old, new in pairs if _find(unit, old)]
    if not found:
        shown = " ou ".join(f"« {old} »" for old, _ in pairs)
        raise EngineError("LD302", f"aucun des mots {shown} ne figure dans l'unité visée",
                          _evidence(unit, pairs[0][0]))
    edits = [(place, new) for old, new in found
             for place in _choose(unit, replace(words, texts=(old,)), old)]
    spans = sorted((p.index, p.start, p.end) for p, _ in edits)
    for (i, _, end), (j, start, _) in pairwise(spans):
        if i == j and start < end:
            raise EngineError("LD320", "les mots donnés au choix se chevauchent dans le texte "
                                       "visé : lesquels remplacer n'est pas dit",
                              _occurrences(unit, [p for p, _ in edits]))
    return edits


def _pairs(op: ReplaceWords) -> list[tuple[str, str]]:
    old = op.old.texts
    if op.respectively or (len(old) > 1 and len(old) == len(op.new)):
        if len(old) != len(op.new):
            raise EngineError("LD311", f"{len(old)} mots remplacés « respectivement » par "
                                       f"{len(op.new)}")
        return list(zip(old, op.new, strict=True))
    new = _french_list(op.new) if not op.old.quoted else " ".join(op.new)
    return [(text, new) for text in old]


def _french_list(items: tuple[str, ...]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _check_new_label(unit: Unit, label: str) -> None:
    """A label given to alinéas (« … constituent un I ») must be new there: the first
    alinéa may open with a label of an inner level (« 1° » under a new « I. – »), never
    with one of that level or above (it would read « I. – II. – … »)."""
    text = unit.article.alineas[unit.start].text
    new = read_labels(f"{label} X")
    old = opening_labels(text)
    if not new:
        raise EngineError("LD311", f"« {label} » : numéro illisible")
    if old and old[0].level <= new[0].level:
        raise EngineError("LD311", f"l'alinéa est déjà numéroté (« {old[0].text} ») : le "
                                   f"numéro « {label} » n'y est pas ajouté",
                          " ".join(text.split())[:80])


def edge(unit: Unit, position: Position) -> Place:
    """Where words go at the start of a unit (after its labels: « Au début du 1°, sont
    insérés les mots … »), before it (``Position.BEFORE``, before its labels too: « Le 1°
    est précédé de la mention : « A. – » » gives « A. – 1° … »), or at its end (before its
    final punctuation)."""
    if position is Position.START or position is Position.BEFORE:
        index = unit.start
        text = unit.article.alineas[index].text
        start = unit.phrase[0] if unit.phrase else (
            body_start(text) if position is Position.START else strip_header(text)[1])
        return Place(index, start, start)
    index = unit.end - 1
    text = unit.article.alineas[index].text
    end = unit.phrase[1] if unit.phrase else len(text)
    body, _ = split_final(text[:end])
    return Place(index, len(body), len(body))


def _end_of(unit: Unit, place: Place, phrase: bool) -> int:
    """Where « la fin de … » after the words at ``place`` ends: the end of the unit's
    phrase (« la fin de la première phrase »: the phrases after it stay), or of the phrase
    holding the words when the instruction says « la fin de la phrase » (``phrase``), else
    the end of the alinéa holding the words, when it is the unit's last (« la fin du
    premier alinéa », « la fin de l'article » of one alinéa, or of several with the words
    in the last). Words in an earlier alinéa of a unit of several: whether the alinéas
    after them are rewritten too is not said — refused, never guessed."""
    alinea = unit.article.alineas[place.index]
    text = alinea.text
    if unit.phrase is not None:
        return unit.phrase[1]
    if phrase:
        structure = unit.target.structure if unit.target.article is unit.article else None
        info = structure.alineas[place.index] if structure is not None and not alinea.markup \
            else None
        for a, b in raw_phrases(text, info):
            if a <= place.start < b:
                return b
        return len(text)
    if place.index != unit.end - 1:
        raise EngineError(
            "LD314", f"la fin de l'unité visée, après les mots « {text[place.start:place.end]} » "
            f"de son alinéa {place.index - unit.start + 1} sur {unit.end - unit.start} : "
            "si les alinéas suivants en font partie n'est pas dit", unit.text()[:400])
    return len(text)


def _everywhere(work: Work, op: WordsOperation) -> Applied:
    if not isinstance(op, ReplaceWords | DeleteWords) or not op.old.everywhere:
        raise EngineError("LD301", "l'instruction ne désigne aucune unité du texte")
    pairs = _pairs(op) if isinstance(op, ReplaceWords) else [(t, "") for t in op.old.texts]
    origin = op.source.origin
    count = 0
    changed = False
    for w in list(work.articles()):
        alineas = list(w.article.alineas)
        touched = False
        for i, alinea in enumerate(alineas):
            if alinea.markup:
                continue
            text = alinea.text
            for old, new in pairs:
                for s, e in reversed(find_all(text, old)):
                    text, _ = join(text[:s], new, text[e:])
                    count += 1
                    touched = True
            if text != alinea.text:
                alineas[i] = replace(alinea, text=text, origin=origin, markup=has_markup(text))
                changed = changed or not same_text(text, alinea.text)
        if touched:
            work.set_article(w, with_alineas(w.article, tuple(alineas)), origin)
    if not count and op.old.all_texts:
        # "dans tous les textes législatifs et réglementaires": this one does not hold them
        return Applied(address="tous les textes législatifs et réglementaires", before=None,
                       after="aucune occurrence dans ce texte", unchanged=True)
    if not count:
        raise EngineError("LD302", "les mots visés ne figurent nulle part dans le texte de base")
    return Applied(address="l'ensemble du texte", before=None,
                   after=counted(count, "occurrence remplacée", "occurrences remplacées"),
                   unchanged=not changed)


