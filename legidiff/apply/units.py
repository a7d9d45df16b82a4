"""Operations inside an article: phrases, alinéas and items rewritten, completed, inserted
before or after another unit, deleted. A unit that is a whole article or division goes to
:mod:`legidiff.apply.numbering`.

New items must take a free number in order among their siblings; a unit whose end is
uncertain (an item followed by alinéas without number) is not rewritten or deleted.
"""

from __future__ import annotations

from dataclasses import replace

from legidiff.apply import numbering
from legidiff.apply.target import (
    Applied,
    EngineError,
    Unit,
    bare_path,
    find_unit,
    opening_labels,
    raw_phrases,
    rewritten,
    unit_in,
    with_alineas,
)
from legidiff.apply.words import edge
from legidiff.apply.worktree import Work
from legidiff.bill.operations import (
    Complete,
    DeleteUnit,
    InsertUnits,
    NewText,
    Position,
    Repeal,
    Rewrite,
    UnitKind,
)
from legidiff.document.locator import StepKind, resolve_inside
from legidiff.document.model import Alinea, Article
from legidiff.document.structure import (
    Item,
    Level,
    analyse,
    item_sort_key,
    read_labels,
    strip_header,
)
from legidiff.lang.matching import join
from legidiff.lang.numbering import article_bill_form, article_key
from legidiff.lang.text import counted, has_markup


def item_end_kept(text: str, phrase: str) -> tuple[str, str] | None:
    """A phrase added to an item of an enumeration, which ends with « ; »: the item keeps
    its « ; » at its end, the phrase before it closing with « . » as a phrase does — what
    the consolidators write ("… gagiste ;" completed by "La juridiction … motivée." is
    "… gagiste. La juridiction … motivée ;"). None when the text does not end with « ; »
    or the phrase does not end with « . ».

    >>> item_end_kept("1° La confiscation du véhicule ;", "Elle est obligatoire.")
    ('1° La confiscation du véhicule.', 'Elle est obligatoire ;')
    >>> item_end_kept("2° L'immobilisation.", "Elle dure un an.") is None
    True
    """
    # the final « ; » and the spaces before it, read from the end (a search from each
    # place of a run of spaces was quadratic)
    closed = text.rstrip()
    stripped = phrase.rstrip()
    if not closed.endswith(";") or not stripped.endswith(".") or stripped.endswith(".."):
        return None
    start = len(closed[:-1].rstrip())
    return text[:start].rstrip() + ".", stripped[:-1].rstrip() + text[start:len(closed)]


def _last_before(items: tuple[Item, ...], at: int) -> tuple[Item, tuple[Item, ...]] | None:
    """The item ending right before alinéa ``at`` that is the last of its list, with its
    list (the innermost such item)."""
    for k, item in enumerate(items):
        if item.start < at <= item.end:
            inner = _last_before(item.children, at)
            if inner is not None:
                return inner
            if item.end == at and k == len(items) - 1:
                return item, items
    return None


def close_enumeration(article: Article, alineas: list[Alinea], at: int, count: int,
                      origin: str) -> bool:
    """The consolidators' rule for items added at the end of an enumeration (``count``
    alinéas at ``at``, ``alineas`` holding them, ``article`` the text before): when the
    last item, now followed by a new one of its level, ended the enumeration with « . »
    (the items before it ending with « ; ») and the new items end with « . », that « . »
    becomes « ; » (spaced as the list's other « ; »). Returns whether it did."""
    if at == 0 or count == 0 or at > len(article.alineas):
        return False
    new_labels = read_labels(alineas[at].text)
    if not new_labels:  # no item added: the article's structure is not read
        return False
    found = _last_before(analyse(article).items, at)
    if found is None:
        return False
    item, siblings = found
    if new_labels[0].level is not item.level or len(siblings) < 2:
        return False
    previous = article.alineas[siblings[-2].end - 1].text.rstrip()
    text = alineas[at - 1].text
    stripped = text.rstrip()
    if (not previous.endswith(";") or not stripped.endswith(".") or stripped.endswith("..")
            or not alineas[at + count - 1].text.rstrip().endswith(".")):
        return False
    mark = " ;" if previous.endswith((" ;", "\u00a0;")) else ";"
    alineas[at - 1] = replace(alineas[at - 1], text=stripped[:-1].rstrip() + mark,
                              origin=origin)
    return True


def _end_of_list(unit: Unit, added: list[Alinea]) -> int:
    """Where items completing a unit go: after the last item of their level in it, which
    alinéas without a label closing the unit may follow ("L'article est complété par un
    8°" goes after the 7°, before the article's closing alinéa) — LD314 when where that
    item ends is uncertain; the unit's end for other alinéas."""
    labels = read_labels(added[0].text) if added else []
    if not labels:
        return unit.end
    items = unit.target.items[-1].children if unit.target.items else tuple(
        i for i in analyse(unit.article).items if unit.start <= i.start < unit.end)
    same = [i for i in items if i.level is labels[0].level]
    if not same or same[-1].end >= unit.end:
        return unit.end
    last = same[-1]
    if last.open_end:
        raise EngineError("LD314", f"la fin du {last.label} est incertaine : ses derniers "
                                   "alinéas, sans numéro, peuvent clore l'énumération",
                          "\n".join(a.text for a in unit.article.alineas[last.start:unit.end]
                                    )[:400])
    return last.end


_CLOSED = ("LD317", "le « . » qui terminait l'énumération devient « ; » : un élément est "
                    "ajouté après le dernier")


def _new_alineas(new: NewText, origin: str) -> list[Alinea]:
    return [Alinea(text, markup=has_markup(text), origin=origin) for text in new.alineas]


def rewrite(work: Work, op: Rewrite) -> Applied:
    steps = op.target.steps
    origin = op.source.origin
    if steps and steps[-1].kind is StepKind.INTITULE:
        return numbering.rewrite_heading(work, op)
    scope, w, first = work.locate(op.target)
    if w is None:
        return numbering.rewrite_division(work, scope, op)
    if first == len(steps):  # the whole article
        texts = _article_content(op.new, w.article.num)
        before = "\n".join(a.text for a in w.article.alineas)
        work.set_article(w, with_alineas(w.article, tuple(
            Alinea(t, markup=has_markup(t), origin=origin) for t in texts)), origin)
        return Applied(op.target.to_french(), before, "\n".join(texts))
    unit = find_unit(work, op.target, (scope, w, first))
    before = unit.text()
    alineas = list(unit.article.alineas)
    if unit.phrase is not None:
        if len(op.new.alineas) != 1:
            raise EngineError("LD311", "une phrase réécrite par plusieurs alinéas")
        index = unit.start
        text = alineas[index].text
        a, b = unit.phrase
        joined, _ = join(text[:a], op.new.alineas[0], text[b:])
        alineas[index] = rewritten(alineas[index], joined, origin,
                                   markup=alineas[index].markup or has_markup(joined))
    else:
        _check_open_end(unit)
        added = _new_alineas(op.new, origin)
        if len(steps) >= 2 and steps[-1].kind is StepKind.ALINEA and \
                steps[-2].kind is StepKind.ITEM and added:
            # "Le premier alinéa du I est ainsi rédigé : « Lorsque … »": the label "I. –"
            # opens the item, not the alinéa's words; it stays unless the new text has one
            labels = read_labels(alineas[unit.start].text)
            if labels and not read_labels(added[0].text):
                label = alineas[unit.start].text[:labels[-1].end]
                added[0] = replace(added[0], text=label + added[0].text)
        if added and steps[-1].kind is StepKind.ITEM:
            # a unit named by its label (an alinéa named by its rank may take another)
            _check_same_label(alineas[unit.start].text, added[0].text)
        alineas[unit.start:unit.end] = added
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, "\n".join(op.new.alineas))


def _check_same_label(old: str, new: str) -> None:
    """A unit named by its label rewritten with a text that opens with a label of the level
    of its own, but another (« Le 2° est ainsi rédigé : « 3° … » », « Le II … : « III. –
    … » »): which is meant, the unit or the label, is not sure — it wrote a second 3°
    beside the 3°, an article with a I and a III. Refused, as a quoted article of another
    number is. (« Le cinquième alinéa est ainsi rédigé : « B. … » » gives that alinéa
    another label on purpose: not checked.)"""
    before = opening_labels(old)
    after = opening_labels(new)
    if before and after and before[0].level is after[0].level and \
            before[0].text != after[0].text:
        raise EngineError("LD311", f"le texte cité est celui du {after[0].text}, pas du "
                                   f"{before[0].text}", " ".join(new.split())[:80])


def _check_open_end(unit: Unit) -> None:
    items = unit.target.items
    if items and items[-1].open_end and unit.start == items[-1].start and \
            unit.end == items[-1].end:
        raise EngineError("LD314", f"la fin du {items[-1].label} est incertaine : ses derniers "
                                   "alinéas, sans numéro, peuvent appartenir à l'élément qui le "
                                   "contient", unit.text()[:400])


def _article_content(new: NewText, expected: str) -> list[str]:
    """The alinéas of a rewritten article, its header "Art. L. 233. – " removed (it must
    name the article rewritten)."""
    alineas = list(new.alineas)
    if not alineas:
        raise EngineError("LD207", "le texte de l'article manque")
    number, offset = strip_header(alineas[0])
    if number is None:
        return alineas
    if article_key(number) != article_key(expected):
        raise EngineError("LD311", f"le texte cité est celui de l'article "
                                   f"{article_bill_form(number)}, pas de l'article "
                                   f"{article_bill_form(expected)}")
    alineas[0] = alineas[0][offset:]
    return alineas


def _one_alinea(op: Complete) -> bool:
    """Whether an instruction completes one alinéa (not a range, not a phrase of it)."""
    steps = op.target.steps
    return bool(steps) and steps[-1].kind is StepKind.ALINEA and steps[-1].until is None


def complete(work: Work, op: Complete) -> Applied:
    origin = op.source.origin
    new = op.new
    if op.target.steps and op.target.steps[-1].kind is StepKind.INTITULE:
        return numbering.complete_heading(work, op)
    scope, w, first = work.locate(op.target)
    if new.kind in (UnitKind.ARTICLE, UnitKind.DIVISION) or (
            w is None and new.kind is UnitKind.TEXT):
        return numbering.complete_division(work, scope, op)
    if w is None:
        raise EngineError("LD301", "l'instruction ne désigne pas un article")
    unit = find_unit(work, op.target, (scope, w, first)) if first < len(op.target.steps) else Unit(
        w, resolve_inside(op.target, bare_path(w), first, analysed=False), 0,
        len(w.article.alineas))
    before = unit.text()
    alineas = list(unit.article.alineas)
    infos: list[tuple[str, str]] = []
    if new.kind is UnitKind.WORDS:
        place = edge(unit, Position.END)
        text = alineas[place.index].text
        joined, _ = join(text[:place.start], " ".join(new.alineas), text[place.end:])
        alineas[place.index] = rewritten(alineas[place.index], joined, origin)
    elif new.kind is UnitKind.PHRASE or (new.kind is UnitKind.TEXT and len(new.alineas) == 1
                                         and (new.inline or (_one_alinea(op) and not
                                                             read_labels(new.alineas[0])))):
        # "est complété par les dispositions suivantes : « X »" quoted in the sentence itself
        # adds to the unit's last alinéa, as a phrase (a block below would add alinéas);
        # so does a block completing one alinéa ("Le cinquième alinéa est ainsi complété :
        # « Dans ce cas, … »": an alinéa holds no alinéa) — not an item ("« 1° … »")
        index = unit.end - 1
        text = alineas[index].text
        if unit.phrase is not None:
            raise EngineError("LD311", "une phrase complétée par une phrase")
        if new.ordinal is not None:
            # "Il est ajouté une troisième phrase": the alinéa completed holds two
            _check_phrase_rank(unit, text, len(raw_phrases(text)) + 1, new.ordinal)
        phrase = " ".join(new.alineas)
        kept = item_end_kept(text, phrase)
        if kept is not None:
            text, phrase = kept
            infos.append(("LD317", "phrase ajoutée avant le « ; » qui termine l'élément de "
                                   "l'énumération"))
        joined, _ = join(text, phrase, "")
        alineas[index] = rewritten(alineas[index], joined, origin,
                                   markup=alineas[index].markup or has_markup(joined))
    else:
        if unit.target.items:
            _check_open_end(unit)
        added = _new_alineas(new, origin)
        if new.ordinal is not None and unit.end - unit.start + len(added) != new.ordinal:
            # "complété par un second alinéa": the unit must hold one alinéa before it
            raise EngineError("LD311", f"le nouvel alinéa serait le "
                                       f"{unit.end - unit.start + len(added)}e de l'unité, "
                                       f"l'instruction dit le {new.ordinal}e",
                              f"l'unité compte {counted(unit.end - unit.start, 'alinéa')}")
        _insert_alineas(unit, alineas, _end_of_list(unit, added), added, origin, infos)
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    after = (unit_in(work, w, op.target, first).text() if first < len(op.target.steps)
             else "\n".join(a.text for a in unit.w.article.alineas))
    return Applied(op.target.to_french(), before, after, infos)


def _check_phrase_rank(unit: Unit, text: str, rank: int, said: int) -> None:
    """A new phrase announced by its rank (« une troisième phrase ») takes ``rank`` in its
    alinéa: the same rank, or the instruction is not applied. Only in a unit of one
    alinéa: phrases are counted in an alinéa, and which one is meant is not said."""
    if unit.end - unit.start != 1:
        raise EngineError("LD311", f"une {said}e phrase annoncée dans une unité de "
                                   f"{counted(unit.end - unit.start, 'alinéa')} : l'alinéa "
                                   "où elle prend ce rang n'est pas dit")
    if rank != said:
        raise EngineError("LD311", f"la nouvelle phrase serait la {rank}e de l'alinéa, "
                                   f"l'instruction dit la {said}e",
                          f"l'alinéa compte {counted(len(raw_phrases(text)), 'phrase')}")


def insert_units(work: Work, op: InsertUnits) -> Applied:
    origin = op.source.origin
    new = op.new
    if new.kind in (UnitKind.ARTICLE, UnitKind.DIVISION):
        return numbering.insert_nodes(work, op)
    unit = find_unit(work, op.target)
    before = unit.text()
    alineas = list(unit.article.alineas)
    infos: list[tuple[str, str]] = []
    if new.kind is UnitKind.PHRASE:
        index = unit.start if op.position in (Position.BEFORE, Position.START) else unit.end - 1
        text = alineas[index].text
        if unit.phrase is not None:
            a, b = unit.phrase
        else:
            spans = raw_phrases(text)
            a, b = (spans[0] if op.position in (Position.BEFORE, Position.START) else spans[-1]
                    ) if spans else (0, len(text))
        if new.ordinal is not None:
            # "Après la deuxième phrase, il est inséré une troisième phrase": the rank it
            # takes is the rank of the phrase before it, plus one
            last = op.target.steps[-1] if op.target.steps else None
            if not (op.position is Position.AFTER and last is not None and
                    last.kind is StepKind.PHRASE and last.value.isdigit()):
                raise EngineError("LD311", f"une {new.ordinal}e phrase annoncée à un rang "
                                           "que l'instruction ne confirme pas")
            _check_phrase_rank(unit, text, int(last.value) + 1, new.ordinal)
        joined = (join(text[:a], " ".join(new.alineas), text[a:])[0]
                  if op.position in (Position.BEFORE, Position.START)
                  else join(text[:b], " ".join(new.alineas), text[b:])[0])
        alineas[index] = rewritten(alineas[index], joined, origin,
                                   markup=alineas[index].markup or has_markup(joined))
    else:
        at = unit.start if op.position in (Position.BEFORE, Position.START) else unit.end
        if op.position is Position.BETWEEN:
            # « entre le troisième et le quatrième alinéa »: the range of the two, found
            # (both there); the new alinéas after the first
            last = op.target.steps[-1] if op.target.steps else None
            if last is None or last.kind is not StepKind.ALINEA or last.until is None or \
                    unit.end - unit.start != 2:
                raise EngineError("LD312", "insertion « entre » deux unités autres que deux "
                                           "alinéas qui se suivent : non prise en charge")
            at = unit.start + 1
        if op.position is Position.AFTER:
            # "Après le 6°, il est inséré un 7°": if the 6° is the last item and unlabelled
            # alinéas follow it, the 7° goes before them or after them as they close the
            # list or continue the 6° — never guessed
            _check_open_end(unit)
        if op.position is Position.START and unit.target.items == () and unit.start == 0:
            at = 0
        if new.ordinal is not None:
            # "Après le premier alinéa, il est inséré un deuxième alinéa": checked against
            # the alinéa named; any other rank is not checked here, so not applied
            last = op.target.steps[-1] if op.target.steps else None
            if not (op.position is Position.AFTER and last is not None and
                    last.kind is StepKind.ALINEA and last.value.isdigit() and
                    int(last.value) + 1 == new.ordinal):
                raise EngineError("LD311", f"un {new.ordinal}e alinéa annoncé à un rang que "
                                           "l'instruction ne confirme pas")
        _insert_alineas(unit, alineas, at, _new_alineas(new, origin), origin, infos)
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, "\n".join(new.alineas), infos)


def delete(work: Work, op: DeleteUnit | Repeal) -> Applied:
    steps = op.target.steps
    if not steps:
        raise EngineError("LD301", "abrogation d'un texte entier : hors de la base")
    last = steps[-1]
    if last.kind is StepKind.ARTICLE and last.until is not None:
        return numbering.repeal_range(work, op)
    scope, w, first = work.locate(op.target)
    if w is None or first == len(steps):
        return numbering.repeal(work, op, scope, w)
    unit = find_unit(work, op.target, (scope, w, first))
    before = unit.text()
    alineas = list(unit.article.alineas)
    origin = op.source.origin
    if unit.phrase is not None:
        text = alineas[unit.start].text
        a, b = unit.phrase
        joined, _ = join(text[:a], "", text[b:].lstrip())
        if not joined.strip():
            del alineas[unit.start]
        else:
            alineas[unit.start] = rewritten(alineas[unit.start], joined.rstrip(), origin)
    else:
        _check_open_end(unit)
        del alineas[unit.start:unit.end]
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    return Applied(op.target.to_french(), before, None)


def _insert_alineas(unit: Unit, alineas: list[Alinea], at: int, added: list[Alinea],
                    origin: str, infos: list[tuple[str, str]]) -> None:
    """New alinéas put in at ``at``: their item labels checked in the list they join, and
    the enumeration's punctuation adjusted when they go on it after its last item (LD317)."""
    alineas[at:at] = added
    _check_new_items(unit.article, alineas, at, len(added))
    if close_enumeration(unit.article, alineas, at, len(added), origin):
        infos.append(_CLOSED)


def _check_new_items(article: Article, alineas: list[Alinea], at: int, count: int) -> None:
    """The items opened by alinéas [at, at + count) of the article as it would be: each
    number is free among its siblings and lands in order between its neighbours."""
    structure = analyse(with_alineas(article, tuple(alineas)))
    _check_new_among(structure.items, at, count)


def _check_new_among(siblings: tuple[Item, ...], at: int, count: int) -> None:
    """The items opened by alinéas [at, at + count), each among its siblings, at every
    depth (a function of its own, not a closure calling itself: that would be a cycle
    of references left for the collector, paused while a bill is applied)."""
    for k, item in enumerate(siblings):
        if at <= item.start < at + count:
            _check_among(siblings, k)
        _check_new_among(item.children, at, count)


def _check_among(siblings: tuple[Item, ...], k: int) -> None:
    item = siblings[k]
    shown = "éléments de la liste : " + ", ".join(s.label for s in siblings)
    if item.level is Level.TIRET:
        return
    if sum(1 for s in siblings if s.label == item.label) > 1:
        raise EngineError("LD305", f"le {item.label} existe déjà à cet endroit", shown)
    key = item_sort_key(item.label, item.level)
    if key is None:
        return
    for other, after in ((siblings[k - 1] if k else None, True),
                         (siblings[k + 1] if k + 1 < len(siblings) else None, False)):
        if other is None or other.level is not item.level:
            continue
        other_key = item_sort_key(other.label, other.level)
        if other_key is not None and (other_key > key if after else other_key < key):
            where = f"après le {other.label}" if after else f"avant le {other.label}"
            raise EngineError("LD306", f"le {item.label} ne peut venir {where}", shown)
