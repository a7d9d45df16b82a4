"""Existing units moved into another division (:class:`~legidiff.bill.operations.Move`):
a division that becomes a division of another kind inside another ("Les sections 2, 3 et 4
deviennent respectivement les sous-sections 1, 2 et 3 de la section 1"), an article that
goes into a new division ("Il est inséré un chapitre Ier intitulé : « … », comprenant
l'article L. 691-1"); articles gathered in a new division where they stand
(:class:`~legidiff.bill.operations.GroupArticles`: "Les articles D. 171-2 à D. 171-11 sont
regroupés au sein d'une sous-section 1 intitulée : « … »").

Every check is made before the text changes: the unit exists once, the destination
exists (the same instruction may have created it just before) and is a division outside
the unit, the kinds fit (a sous-section inside a section, never a section inside a
sous-section; the unit's own divisions stay deeper than its new kind), the new number is
free there, and the numbers keep their order among the destination's units.
"""

from __future__ import annotations

from dataclasses import replace

from legidiff.apply.content import parse_new_units
from legidiff.apply.numbering import (
    _check_division_order,
    _check_order_around,
    _sort_key,
    range_of_articles,
)
from legidiff.apply.target import (
    Applied,
    EngineError,
    body_start,
    find_unit,
    rewritten,
    with_alineas,
)
from legidiff.apply.worktree import WArticle, WDivision, Work, inside
from legidiff.bill.operations import GroupArticles, Move, SplitAlinea
from legidiff.document.locator import StepKind
from legidiff.document.model import Alinea, Division, DivisionKind
from legidiff.lang.numbering import article_bill_form, division_key, division_number_for_display

_DEPTH: dict[DivisionKind, int] = {kind: index for index, kind in enumerate(DivisionKind)
                                  if kind is not DivisionKind.AUTRE}


def move(work: Work, op: Move) -> Applied:
    scope, w, first = work.locate(op.target)
    if w is not None and first < len(op.target.steps):
        raise EngineError("LD312", "seuls les articles et les divisions se déplacent")
    node: WArticle | WDivision = w if w is not None else scope
    if node.parent is None or (isinstance(node, WDivision) and node.header is None):
        raise EngineError("LD301", "rien à déplacer")
    into, inner, _ = work.locate(op.destination)
    if inner is not None:
        raise EngineError("LD311", "une unité ne va pas dans un article : une division est "
                                   "attendue")
    if into.header is None:
        raise EngineError("LD311", "la division où va l'unité n'est pas nommée")
    if isinstance(node, WDivision) and inside(into, node):
        raise EngineError("LD311", f"{node.header.french if node.header else 'la division'} "
                                   "ne peut aller dans une de ses propres divisions")
    if isinstance(node, WArticle):
        return _move_article(work, op, node, into)
    return _move_division(work, op, node, into)


def _move_article(work: Work, op: Move, w: WArticle, into: WDivision) -> Applied:
    if op.new_division is not None or op.new_label is not None:
        raise EngineError("LD312", "un article qui devient une division : non pris en charge")
    before = work.place(w)
    old_parent = w.parent
    old_index = old_parent.children.index(w)
    work.remove(w)
    try:
        index = _place_article(into, w)
        _check_order_around([*into.children[:index], w, *into.children[index:]], index, 1)
    except EngineError:
        work.insert(old_parent, old_index, w)
        raise
    work.insert(into, index, w)
    assert into.header is not None
    return Applied(op.target.to_french(), before,
                   f"article {article_bill_form(w.article.num)} : {into.header.heading}")


def _move_division(work: Work, op: Move, node: WDivision, into: WDivision) -> Applied:
    header = node.header
    assert header is not None
    assert into.header is not None
    kind = DivisionKind(op.new_division) if op.new_division else header.kind
    _check_goes_into(kind, into.header)
    for sub in _subdivisions(node):
        if sub.kind is not DivisionKind.AUTRE and _DEPTH[sub.kind] <= _DEPTH[kind]:
            raise EngineError("LD311", f"{header.french} devient un(e) {kind.value} mais "
                                       f"contient {sub.french}")
    key = division_key(op.new_label) if op.new_label else header.key
    if any(isinstance(c, WDivision) and c is not node and c.header is not None
           and c.header.kind is kind and c.header.key == key for c in into.children):
        raise EngineError("LD307", f"{kind.value} {key} existe déjà dans {into.header.french}")
    number = division_number_for_display(key, roman=kind.roman) if op.new_label else \
        header.number
    title = f" : {header.title}" if header.title else ""
    moved = replace(header, kind=kind, number=number, heading=f"{kind.label} {number}{title}",
                    layout=None)
    children = [c for c in into.children if c is not node]
    index = _place_division(children, moved)
    node.header = moved
    try:
        _check_division_order([*children[:index], node, *children[index:]], index, 1)
    except EngineError:
        node.header = header
        raise
    work.remove(node)
    work.insert(into, into.children.index(children[index]) if index < len(children)
                else len(into.children), node)
    node.touch()
    return Applied(op.target.to_french(), header.heading,
                   f"{moved.heading} ({into.header.french})")


def group_articles(work: Work, op: GroupArticles) -> Applied:
    """The articles named (one, or a range over the base's articles in their order) go
    into a new division that takes their place. Checked before anything changes: every
    article is there, all in one division and side by side (no other article, no
    division between them), the quoted text is the announced division's heading and
    nothing else, its kind is deeper than the division it goes into, and its number keeps
    the order of its siblings of that kind."""
    steps = op.target.steps
    last = steps[-1] if steps else None
    if last is None or last.kind is not StepKind.ARTICLE:
        raise EngineError("LD311", "seuls des articles se regroupent dans une division")
    if last.until is not None:
        order, i, j = range_of_articles(work, op, len(steps) - 1)
        if j < i:
            raise EngineError("LD301", "plage d'articles à l'envers")
        chosen = order[i:j + 1]
    else:
        _, w, first = work.locate(op.target)
        if w is None or first < len(steps):
            raise EngineError("LD301", "l'article à regrouper n'est pas trouvé")
        chosen = [w]
    parent = chosen[0].parent
    names = ", ".join(article_bill_form(w.article.num) for w in chosen)
    if any(w.parent is not parent for w in chosen):
        raise EngineError("LD313", f"articles à regrouper dans plusieurs divisions : {names}")
    index = parent.children.index(chosen[0])
    if parent.children[index:index + len(chosen)] != chosen:
        raise EngineError("LD313", "entre les articles à regrouper se trouvent d'autres unités "
                                   "que le texte ne nomme pas")
    nodes = parse_new_units(op.new.alineas, work, op.source.origin)
    node = nodes[0] if len(nodes) == 1 else None
    if not isinstance(node, WDivision) or node.children or node.header is None:
        raise EngineError("LD311", "le texte cité n'est pas l'intitulé d'une division, seul")
    header = node.header
    if header.kind.value != op.new.division or len(op.new.labels) != 1 or \
            header.key != division_key(op.new.labels[0]):
        raise EngineError("LD311", f"{op.new.division} {' '.join(op.new.labels)} annoncé(e) ; "
                                   f"le texte cité donne : {header.heading}")
    if parent.header is not None:
        _check_goes_into(header.kind, parent.header)
    _check_division_order([*parent.children[:index], node, *parent.children[index:]], index, 1)
    work.insert(parent, index, node)
    for w in chosen:
        work.remove(w)
        work.insert(node, len(node.children), w)
    return Applied(op.target.to_french(), names, f"{header.heading} : {names}")


def _check_goes_into(kind: DivisionKind, into: Division) -> None:
    """A division of ``kind`` goes into ``into`` only when it is deeper (a sous-section in a
    section, never a section in a sous-section nor in a section; a division of no known
    kind nowhere)."""
    if kind is DivisionKind.AUTRE or into.kind is DivisionKind.AUTRE or \
            _DEPTH[kind] <= _DEPTH[into.kind]:
        raise EngineError("LD311", f"un(e) {kind.value} ne peut aller dans {into.french}")


def split_alinea(work: Work, op: SplitAlinea) -> Applied:
    """The phrases leave their alinéa and make a new alinéa of rank ``op.rank`` among the
    article's alinéas: after their own alinéa, every rank before it filled. Only an alinéa
    of the article itself (not one inside an item: the new alinéa's place in the list
    would be a guess)."""
    steps = op.target.steps
    if len(steps) < 2 or steps[-2].kind is not StepKind.ALINEA or not steps[-2].value.lstrip(
            "-").isdigit() or (len(steps) > 2 and steps[-3].kind is not StepKind.ARTICLE):
        raise EngineError("LD312", "phrases qui deviennent un alinéa : seulement d'un alinéa "
                                   "de l'article lui-même")
    unit = find_unit(work, op.target)
    if unit.phrase is None or unit.end != unit.start + 1:
        raise EngineError("LD301", "les phrases ne sont pas trouvées dans un alinéa")
    alineas = list(unit.article.alineas)
    alinea = alineas[unit.start]
    a, b = unit.phrase
    moved = alinea.text[a:b].strip()
    kept = (alinea.text[:a].rstrip() + " " + alinea.text[b:].lstrip()).strip()
    if a <= body_start(alinea.text) and not alinea.text[b:].strip():
        raise EngineError("LD311", "toutes les phrases de l'alinéa deviendraient un autre "
                                   "alinéa : l'alinéa resterait vide")
    if not moved:
        raise EngineError("LD301", "phrases vides")
    # the rank as the instruction counts: the alinéa named is alinéa n, at index start
    count = int(steps[-2].value)
    number = count if count > 0 else len(alineas) + count + 1
    at = unit.start + op.rank - number
    if op.rank <= number or at > len(alineas):
        raise EngineError("LD311", f"les phrases de l'alinéa {number} ne peuvent devenir "
                                   f"l'alinéa {op.rank} (l'article en compte {len(alineas)})")
    origin = op.source.origin
    alineas[unit.start] = rewritten(alinea, kept, origin)
    alineas.insert(at, Alinea(moved, origin=origin))
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    return Applied(op.target.to_french(), alinea.text, f"{kept}\n[alinéa {op.rank}] {moved}")


def _place_article(into: WDivision, w: WArticle) -> int:
    """Where an article goes among the children of ``into``: after the last article
    numbered below it, else before the first article, else before the first division (a
    division's own articles come before its subdivisions), else at the end."""
    key = _sort_key(w.article.num)
    articles = [(i, c) for i, c in enumerate(into.children) if isinstance(c, WArticle)]
    if key is not None:
        lower = [i for i, c in articles if (k := _sort_key(c.article.num)) is not None
                 and k[0] == key[0] and k[1] < key[1]]
        if lower:
            return lower[-1] + 1
    if articles:
        return articles[0][0]
    return next((i for i, c in enumerate(into.children) if isinstance(c, WDivision)),
                len(into.children))


def _subdivisions(node: WDivision) -> list[Division]:
    out: list[Division] = []
    for child in node.children:
        if isinstance(child, WDivision):
            if child.header is not None:
                out.append(child.header)
            out.extend(_subdivisions(child))
    return out


def _place_division(children: list[WArticle | WDivision], moved: Division) -> int:
    """Where a division goes among ``children``: after the last of its kind numbered
    below it, else before the first numbered above it, else at the end."""
    same = [(i, c.header) for i, c in enumerate(children)
            if isinstance(c, WDivision) and c.header is not None and c.header.kind is moved.kind]
    key = division_key(moved.number)
    lower = [i for i, h in same if _below(h.key, key)]
    if lower:
        return lower[-1] + 1
    if same:
        return same[0][0]
    return len(children)


def _below(a: str, b: str) -> bool:
    head_a, head_b = a.split(" ", 1)[0], b.split(" ", 1)[0]
    if head_a.isdigit() and head_b.isdigit():
        return (int(head_a), a) < (int(head_b), b)
    return False
