"""Operations on whole articles and divisions: inserted after or before another, at the
end of a division or "at their place in the numbering", repealed (one, or a range),
re-established, renumbered, a division's heading or content rewritten; and the checks that
keep numbers free and in order.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from legidiff.apply.content import parse_new_units
from legidiff.apply.target import Applied, EngineError, find_unit, with_alineas
from legidiff.apply.worktree import WArticle, WDivision, Work, inside
from legidiff.bill.operations import (
    Complete,
    DeleteUnit,
    InsertUnits,
    Operation,
    Position,
    Renumber,
    Repeal,
    Restore,
    Rewrite,
    UnitKind,
)
from legidiff.document.locator import Locator, Step, StepKind, find_article, find_division
from legidiff.document.model import Article, Division
from legidiff.lang.matching import join
from legidiff.lang.numbering import (
    ArticleNumber,
    article_bill_form,
    article_key,
    article_order,
    division_key,
    division_number_for_display,
    suffix_rank,
)
from legidiff.lang.text import counted


def rewrite_heading(work: Work, op: Rewrite) -> Applied:
    scope = heading_scope(work, op.target)
    if len(op.new.alineas) != 1:
        raise EngineError("LD311", "un intitulé s'écrit en une ligne : le texte cité en a "
                                   f"{len(op.new.alineas)}")
    header = scope.header
    if header is None:  # the text's own title
        before = work.title or ""
        set_heading_title(work, scope, op.new.alineas[0])
        return Applied(op.target.to_french(), before, op.new.alineas[0])
    before = header.heading
    set_heading_title(work, scope, _own_title(op.new.alineas[0], header.kind.label,
                                              header.number))
    assert scope.header is not None
    return Applied(op.target.to_french(), before, scope.header.heading)


def complete_heading(work: Work, op: Complete) -> Applied:
    """« L'intitulé du chapitre II est complété par les mots : « … » », « Compléter le titre
    du projet de loi par les mots : … »: the words at the end of the title."""
    if op.new.kind is not UnitKind.WORDS:
        raise EngineError("LD311", "un intitulé se complète par des mots, pas par "
                                   f"{op.new.kind.value}")
    scope = heading_scope(work, op.target)
    before = heading_title(work, scope)
    if not before:
        raise EngineError("LD311", "la division visée n'a pas d'intitulé à compléter",
                          scope.header.heading if scope.header is not None else "")
    title, _ = join(before, " ".join(op.new.alineas), "")
    set_heading_title(work, scope, title)
    return Applied(op.target.to_french(), before, title)


def heading_scope(work: Work, target: Locator) -> WDivision:
    """The division whose heading ``target`` (its last step the intitulé) names, or the
    root for the text's own title; an article has none, nor a text without a title."""
    scope, w, _ = work.locate(Locator(target.steps[:-1], target.code))
    if w is not None:
        raise EngineError("LD311", "un article n'a pas d'intitulé : intitulé de division ou du "
                                   "texte attendu")
    if scope.header is None and not work.title:
        raise EngineError("LD311", "le texte de base n'a pas d'intitulé à modifier")
    return scope


def heading_title(work: Work, scope: WDivision) -> str | None:
    """The title of the division ``scope`` (see :func:`heading_scope`), or the text's own
    for the root."""
    return scope.header.title if scope.header is not None else work.title


def set_heading_title(work: Work, scope: WDivision, title: str) -> None:
    """The title of the division ``scope`` made ``title``, its heading's kind and number
    kept as the heading writes them (« Chapitre Ier : … »); for the root, the text's own
    title."""
    header = scope.header
    if header is None:
        work.title = title
        return
    prefix = header.heading.split(":", 1)[0].rstrip() if ":" in header.heading else (
        f"{header.kind.label} {header.number}")
    scope.header = replace(header, title=title, heading=f"{prefix} : {title}", layout=None)
    scope.touch()


_HEADING_PREFIX_RE = re.compile(r"^(?P<kind>partie|livre|titre|chapitre|section|sous-section|"
                                r"paragraphe|sous-paragraphe|annexe)\s+(?P<number>\S+)"
                                r"\s*[-–—:.]\s+", re.IGNORECASE)


def _own_title(quoted: str, kind: str, number: str) -> str:
    """The title of a heading as quoted: « Titre III - Qualité nutritionnelle … » (the
    2010 agriculture bill writes the kind and number before the title) is the title
    « Qualité nutritionnelle … » of the titre III; a quoted heading naming another
    division is refused."""
    m = _HEADING_PREFIX_RE.match(quoted)
    if m is None:
        return quoted
    if m.group("kind").lower() != kind.lower() or \
            division_key(m.group("number")) != division_key(number):
        raise EngineError("LD311", f"l'intitulé cité nomme « {m.group('kind')} "
                                   f"{m.group('number')} », pas « {kind} {number} »")
    return quoted[m.end():]


def _titled(op: Complete | InsertUnits | Restore) -> bool:
    """Whether the new text is the heading of a division of no kind or number ("une
    division et un intitulé ainsi rédigés : « … »")."""
    return op.new.division == "division"


def rewrite_division(work: Work, scope: WDivision, op: Rewrite) -> Applied:
    if scope.header is None:
        raise EngineError("LD301", "l'instruction ne désigne ni article ni division")
    units = parse_new_units(op.new.alineas, work, op.source.origin)
    parent = scope.parent
    assert parent is not None
    before = scope.header.heading
    for child in list(scope.children):
        work.remove(child)
    for node in units:
        work.insert(scope, len(scope.children), node)
    return Applied(op.target.to_french(), before,
                   counted(len(units), "unité réécrite", "unités réécrites"))


def complete_division(work: Work, scope: WDivision, op: Complete) -> Applied:
    """Articles or divisions added at the end of a division (or of the text)."""
    nodes = parse_new_units(op.new.alineas, work, op.source.origin, _titled(op))
    _check_new_numbers(work, nodes)
    for node in nodes:
        _check_order_at_end(scope, node)
        work.insert(scope, len(scope.children), node)
    return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))


def insert_nodes(work: Work, op: InsertUnits) -> Applied:
    nodes = parse_new_units(op.new.alineas, work, op.source.origin, _titled(op))
    _check_new_numbers(work, nodes)
    if op.position is Position.ORDER:
        places = [_place_in_order(work, op.target, node) for node in nodes]
        for node, (where, at) in zip(nodes, places, strict=True):
            work.insert(where, at, node)
        return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))
    scope, w, first = work.locate(op.target)
    anchor: WArticle | WDivision = w if w is not None else scope
    if w is not None and first < len(op.target.steps):
        raise EngineError("LD311", "des articles insérés à l'intérieur d'un article")
    container = anchor.parent
    if container is None:
        raise EngineError("LD301", "pas de division où insérer")
    index = container.children.index(anchor) + (1 if op.position is Position.AFTER else 0)
    _check_order_around([*container.children[:index], *nodes, *container.children[index:]],
                        index, len(nodes))
    for k, node in enumerate(nodes):
        work.insert(container, index + k, node)
    return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))


def repeal(work: Work, op: DeleteUnit | Repeal, scope: WDivision, w: WArticle | None
           ) -> Applied:
    """A whole article (``w``) or division (``scope``) repealed."""
    if w is not None:
        before = "\n".join(a.text for a in w.article.alineas)
        work.remove(w)
        return Applied(op.target.to_french(), before, None)
    if scope.header is None:
        raise EngineError("LD301", "rien à supprimer")
    before = scope.header.heading
    work.remove(scope)
    return Applied(op.target.to_french(), before, None)


def range_of_articles(work: Work, op: Operation, k: int) -> tuple[list[WArticle], int, int]:
    """The articles of the division a range of articles (``op``'s step ``k``, « les articles
    L. 1 à L. 3 ») lies in, in the code's order, and where its first and its last are
    among them (each end must be there: the error of a missing article otherwise)."""
    step = op.target.steps[k]
    assert step.until is not None
    scope, _, _ = work.locate(Locator(op.target.steps[:k], op.target.code))
    order = [w for w in work.articles() if inside(w.parent, scope)]
    keys = [w.key for w in order]
    for end in (step.value, step.until):
        if end not in keys:
            find_article(work, scope, Step(StepKind.ARTICLE, end))  # raises: it is missing
    return order, keys.index(step.value), keys.index(step.until)


def repeal_range(work: Work, op: DeleteUnit | Repeal) -> Applied:
    order, i, j = range_of_articles(work, op, len(op.target.steps) - 1)
    if j < i:
        raise EngineError("LD301", "plage d'articles à l'envers")
    removed = order[i:j + 1]
    for w in removed:
        work.remove(w)
    return Applied(op.target.to_french(), ", ".join(w.article.num for w in removed), None)


def restore(work: Work, op: Restore) -> Applied:
    origin = op.source.origin
    if op.new.kind is UnitKind.ARTICLE or (op.target.steps and
                                           op.target.steps[-1].kind is StepKind.ARTICLE):
        nodes = parse_new_units(op.new.alineas, work, origin, _titled(op))
        _check_new_numbers(work, nodes)
        for node in nodes:
            parent, index = _place_in_order(work, op.target, node)
            work.insert(parent, index, node)
        return Applied(op.target.to_french(), None, "\n".join(op.new.alineas))
    # an item re-established ("Le 3° est ainsi rétabli") takes its place among its siblings
    raise EngineError("LD312", "rétablissement d'un élément à l'intérieur d'un article : non "
                               "pris en charge")


def renumber(work: Work, op: Renumber) -> Applied:
    last = op.target.steps[-1] if op.target.steps else None
    if last is None:
        raise EngineError("LD301", "rien à renuméroter")
    origin = op.source.origin
    if last.kind is StepKind.ARTICLE:
        if last.until is not None or ".." in op.new_label:
            return _renumber_range(work, op)
        _, w, _ = work.locate(op.target)
        assert w is not None
        new_key = article_key(op.new_label)
        if work.index.get(new_key):
            raise EngineError("LD307", f"l'article {article_bill_form(op.new_label)} existe déjà")
        _check_renumbered_order(w, op.new_label)
        before = w.article.num
        work.set_article(w, Article(work.article_num(op.new_label), w.article.alineas,
                                    w.article.meta), origin)  # replace(…, layout=None)
        return Applied(op.target.to_french(), before, w.article.num)
    if last.kind.division is not None:
        scope, _, _ = work.locate(op.target)
        header = scope.header
        assert header is not None
        siblings = scope.parent.children if scope.parent else []
        if any(isinstance(c, WDivision) and c is not scope and c.header is not None
               and c.header.kind is header.kind and c.header.key == op.new_label
               for c in siblings):
            raise EngineError("LD307", f"{header.kind.value} {op.new_label} existe déjà")
        number = division_number_for_display(op.new_label, roman=header.kind.roman)
        title = f" : {header.title}" if header.title else ""
        before = header.heading
        scope.header = replace(header, number=number, heading=f"{header.kind.label} {number}"
                               f"{title}", layout=None)
        scope.touch()
        return Applied(op.target.to_french(), before, scope.header.heading)
    unit = find_unit(work, op.target)
    items = unit.target.items
    if last.kind is not StepKind.ITEM or not items:
        raise EngineError("LD312", "seuls les articles, les divisions et les éléments "
                                   "numérotés se renumérotent")
    item_siblings = items[-2].children if len(items) > 1 else (
        unit.target.structure.items if unit.target.structure else ())
    if any(it.label == op.new_label for it in item_siblings):
        raise EngineError("LD307", f"le {op.new_label} existe déjà")
    alineas = list(unit.article.alineas)
    text = alineas[unit.start].text
    old = items[-1].label
    head = old.rstrip("°")
    new_head = op.new_label.rstrip("°")
    k = text.find(head)
    if k < 0 or k > 10:
        raise EngineError("LD301", f"numéro {old} introuvable en tête de l'élément", text[:80])
    alineas[unit.start] = replace(alineas[unit.start],
                                  text=text[:k] + new_head + text[k + len(head):], origin=origin)
    work.set_article(unit.w, with_alineas(unit.article, tuple(alineas)), origin)
    return Applied(op.target.to_french(), text, alineas[unit.start].text)


def _renumber_range(work: Work, op: Renumber) -> Applied:
    raise EngineError("LD312", "renumérotation d'une plage d'articles : non prise en charge "
                               "(renumérotez article par article)")


def _check_new_numbers(work: Work, nodes: list[WArticle | WDivision]) -> None:
    for node in nodes:
        articles = [node] if isinstance(node, WArticle) else list(_articles_in(node))
        for w in articles:
            if work.index.get(w.key):
                existing = work.index[w.key][0]
                raise EngineError("LD305", f"l'article {article_bill_form(w.article.num)} existe "
                                           "déjà dans le texte de base",
                                  "dans : " + (" > ".join(d.heading for d in
                                                          existing.parent.chain()) or "racine"))


def _articles_in(node: WDivision) -> list[WArticle]:
    out: list[WArticle] = []
    for child in node.children:
        out.extend([child] if isinstance(child, WArticle) else _articles_in(child))
    return out


SortKey = tuple[str, tuple[tuple[int, tuple[tuple[int, int], ...]], ...]]


def _sort_key(num: str) -> SortKey | None:
    """Articles compare within one prefix (L, R/R*, D): R.* 12 and R. 13 interleave."""
    parsed = ArticleNumber.parse(num)
    return (parsed.prefix.rstrip("*"), parsed.sort_key) if parsed else None


_DivisionRank = tuple[str, int, tuple[tuple[int, int], ...]]


def _division_rank(division: Division | None) -> _DivisionRank | None:
    """Kind, number and suffixes of a division, comparable among its siblings of the same
    kind as item labels are (``suffix_rank``): chapitre II A < chapitre II < chapitre II bis
    < chapitre III; None when its number is no rank (unique, législative)."""
    if division is None:
        return None
    if division.key in ("preliminaire", "liminaire"):
        return division.kind.value, 0, ((1, 0),)
    words = division.key.split()
    if not words:  # a division with no number (a heading alone in real data)
        return None
    head, *suffix = words
    if not head.isdigit() or not all(s.isalpha() for s in suffix):
        return None
    return division.kind.value, int(head), (*(suffix_rank(s) for s in suffix), (1, 0))


def out_of_order(first: Article | Division, second: Article | Division) -> bool:
    """Whether ``second``, after ``first`` among the children of one division, breaks
    the order these checks keep: two articles of one prefix whose order is certain
    (``article_order``) and reversed or equal, or two divisions of one kind whose ranks
    are. A text that holds such a pair cannot be the result of an instruction the engine
    accepts (the LEGI history benchmark sets such results aside, evidence given)."""
    if isinstance(first, Article) and isinstance(second, Article):
        order = _order(first.num, second.num)
        return order is not None and order >= 0
    if isinstance(first, Division) and isinstance(second, Division):
        a, b = _division_rank(first), _division_rank(second)
        return a is not None and b is not None and a[0] == b[0] and not a[1:] < b[1:]
    return False


def _check_division_order(children: list[WArticle | WDivision], index: int, count: int
                          ) -> None:
    """New divisions at ``index`` keep their siblings of the same kind in the order of
    their numbers: a chapitre Ier never lands after a chapitre II."""
    ranked = [(i, _division_rank(c.header), c.header) for i, c in enumerate(children)
              if isinstance(c, WDivision) and c.header is not None]
    for kind_of in {r[0] for _, r, _ in ranked if r is not None}:
        same = [(i, r, h) for i, r, h in ranked if r is not None and r[0] == kind_of]
        for (i, a, ha), (j, b, hb) in itertools.pairwise(same):
            if not (index <= i < index + count or index <= j < index + count):
                continue
            if not a[1:] < b[1:]:
                raise EngineError("LD306", f"le {hb.kind.value} {hb.number} ne peut venir "
                                           f"après le {ha.kind.value} {ha.number}")


def _order(na: str, nb: str) -> int | None:
    """The order of two article numbers (``article_order``) when they can be compared:
    None for two prefixes (L, R/R*, D… interleave), a number that cannot be read, or
    letters that codes place either way beside the plain number (163 and 163 A)."""
    a, b = ArticleNumber.parse(na), ArticleNumber.parse(nb)
    if a is None or b is None or a.prefix.rstrip("*") != b.prefix.rstrip("*"):
        return None
    return _article_order(a, b)


def _article_order(a: ArticleNumber, b: ArticleNumber) -> int | None:
    """``article_order(a, b)``, at once for two numbers of digits only of one prefix
    ("L. 1234-5", "1er": no qualifier, no head spelled otherwise than by its value):
    their levels' order is that of their heads, a number before the numbers it begins
    (L. 1234-5 < L. 1234-5-1 < L. 1234-6), as the sort keys of such numbers compare."""
    if a.suffix or b.suffix or a.inner or b.inner or a.spelled or b.spelled or \
            a.prefix != b.prefix:
        return article_order(a, b)
    return 0 if a.parts == b.parts else -1 if a.parts < b.parts else 1


def _nearest_ordered(articles: list[WArticle] | list[WArticle | WDivision], num: str,
                     step: int, start: int) -> tuple[WArticle, int] | None:
    """From ``start`` on, going by ``step``, the first article whose order with ``num``
    is not open (163 A is compared with 162, not with 163), divisions passed over: that
    article and the order; None when that first article is of another prefix or
    unreadable, or there is none."""
    k = start
    b = ArticleNumber.parse(num)
    if b is None:
        return None
    prefix = b.prefix.rstrip("*")
    while 0 <= k < len(articles):
        other = articles[k]
        if not isinstance(other, WArticle):
            k += step
            continue
        a = ArticleNumber.parse(other.article.num)
        if a is None or a.prefix.rstrip("*") != prefix:
            return None
        order = _article_order(a, b)
        if order is not None:
            return other, order
        k += step
    return None


def _check_renumbered_order(w: WArticle, num: str) -> None:
    """An article renumbered where it stands keeps the order of the articles around it, as
    an inserted one does: « L'article R. 224-1 devient l'article R. 534-5 » among the R. 224-…
    of its chapter is refused (LD306), never an R. 534-5 left in chapter IV without a word
    (where the article goes is another instruction's)."""
    children = w.parent.children
    _check_between(children, children.index(w), num)


def _check_order_at_end(container: WDivision, node: WArticle | WDivision) -> None:
    if not isinstance(node, WArticle):
        children = [*container.children, node]
        _check_division_order(children, len(children) - 1, 1)
        return
    previous = [c for c in container.children if isinstance(c, WArticle)]
    before = _nearest_ordered(previous, node.article.num, -1, len(previous) - 1)
    if before is not None and before[1] >= 0:
        raise EngineError("LD306", f"l'article {article_bill_form(node.article.num)} ne peut "
                                   f"venir après l'article "
                                   f"{article_bill_form(before[0].article.num)}")


def _check_order_around(children: list[WArticle | WDivision], index: int, count: int) -> None:
    """The inserted nodes, at ``index`` in ``children``, keep the articles (and the
    divisions) in order: each inserted article comes after the nearest article before it
    and before the nearest after it, among those whose order with it is certain (163 A
    after 163, as the code des douanes has it, or before it: both are found in codes)."""
    _check_division_order(children, index, count)
    articles = [c for c in children if isinstance(c, WArticle)]
    where = {id(c): k for k, c in enumerate(articles)}
    for node in children[index:index + count]:
        if isinstance(node, WArticle):
            # the numbers around the inserted nodes only (a division may hold hundreds)
            _check_between(articles, where[id(node)], node.article.num)


def _check_between(articles: list[WArticle] | list[WArticle | WDivision], k: int,
                   num: str) -> None:
    """The number ``num`` at ``k`` among ``articles`` (divisions passed over) comes after
    the nearest article before it and before the nearest after it, among those whose order
    with it is certain."""
    before = _nearest_ordered(articles, num, -1, k - 1)
    if before is not None and before[1] >= 0:
        raise EngineError("LD306", f"l'article {article_bill_form(num)} ne peut venir après "
                                   f"l'article {article_bill_form(before[0].article.num)}")
    after = _nearest_ordered(articles, num, 1, k + 1)
    if after is not None and after[1] <= 0:
        raise EngineError("LD306", f"l'article {article_bill_form(after[0].article.num)} ne "
                                   f"peut venir après l'article {article_bill_form(num)}")


def _place_in_order(work: Work, target: Locator, node: WArticle | WDivision
                    ) -> tuple[WDivision, int]:
    """Where an article goes "at its place in the numbering": after the article of the
    base whose number comes just before it (in the target's division when named)."""
    if not isinstance(node, WArticle):
        raise EngineError("LD312", "division insérée sans point d'ancrage")
    scope = work.root
    for step in target.steps:
        if step.kind.division is None:
            break
        scope = find_division(work, scope, step, work.part)
    key = _sort_key(node.article.num)
    if key is None:
        raise EngineError("LD311", f"numéro d'article illisible : {node.article.num}")
    best: tuple[SortKey, WArticle, int] | None = None
    after: tuple[SortKey, WArticle, int] | None = None
    open_: list[tuple[int, WArticle]] = []  # whose order with the new one is open
    for at, w in enumerate(work.articles()):
        if scope.header is not None and not inside(w.parent, scope):
            continue
        k = _sort_key(w.article.num)
        if k is None or k[0] != key[0]:
            continue
        if _order(w.article.num, node.article.num) is None:
            open_.append((at, w))
            continue
        if k < key and (best is None or k > best[0]):
            best = (k, w, at)
        if k > key and (after is None or k < after[0]):
            after = (k, w, at)
    # an article that codes place either way beside the new one (163 and 163 A), lying
    # between the two that frame it: the place is the drafter's to say, not a guess
    between = [w for at, w in open_
               if (best is None or at > best[2]) and (after is None or at < after[2])]
    if between:
        new, other = article_bill_form(node.article.num), article_bill_form(between[0].article.num)
        raise EngineError("LD306", f"l'article {new} peut venir avant ou après l'article "
                                   f"{other} : les codes les placent dans un ordre ou dans "
                                   f"l'autre ; nommez l'article après lequel (ou avant "
                                   f"lequel) il s'insère")
    if best is not None:
        before_it = best[1]
        return before_it.parent, before_it.parent.children.index(before_it) + 1
    if after is not None:
        after_it = after[1]
        return after_it.parent, after_it.parent.children.index(after_it)
    if scope.header is not None:
        return scope, len(scope.children)
    raise EngineError("LD306", f"aucune place pour l'article {article_bill_form(node.article.num)}"
                               " : nommez la division ou l'article après lequel il vient")
