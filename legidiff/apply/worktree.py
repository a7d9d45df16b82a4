"""A private, mutable working copy of a code for one consolidation, frozen at the end.

Divisions keep their children in lists and articles are found through an index, so that
an operation costs the size of the units it touches, not of the code. Articles and
divisions that no operation touched are the very objects of the base: the frozen result
shares them, and the base stays intact for the redline.

The copy is made lazily: a division's children are made when something first asks for
them, and the index holds, for each article number of the base, where its articles are
in the base until an operation asks for them (the numbers and places of the base's
articles are read once for a base and kept with the last base read, :func:`_base_index`).
A bill of a few instructions on a code of 100,000 articles so makes the few divisions it
goes through, not the whole code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

from legidiff.document.locator import Locator, locate
from legidiff.document.model import Article, ArticlePath, Code, Division
from legidiff.lang.numbering import (
    LEGI_KEY_RE,
    ArticleNumber,
    article_key,
)


@dataclass(eq=False, slots=True)
class WArticle:
    article: Article
    parent: WDivision
    changed: bool = False
    # the instructions that changed it (a tuple: most articles of a code are never changed,
    # and the working copy makes one WArticle per article)
    changed_by: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.article.key


class WDivision:
    """A division (or, with ``header`` None, the code itself) and its children.

    Made from the base (``source``: the base's children, ``children`` None), its children
    are made when first asked for; ``base_children`` are those, in the base's order, even
    after operations changed the list of children. Before that, :meth:`base_child` makes
    one child alone (the index finding an article makes only the divisions above it and
    the article, not their other children); the list, when it is made, holds the very
    children made so."""

    __slots__ = ("_base", "_children", "_registry", "_some", "_source", "changed", "header",
                 "original", "parent")

    def __init__(self, header: Division | None, children: list[WArticle | WDivision] | None,
                 parent: WDivision | None = None, original: Division | None = None,
                 changed: bool = False, source: tuple[Article | Division, ...] = (),
                 registry: list[WDivision] | None = None):
        self.header = header
        self._children = children
        self._source = source
        self._base: tuple[WArticle | WDivision, ...] = ()
        # the children made one by one before the list (by their index in ``source``)
        self._some: dict[int, WArticle | WDivision] | None = None
        # where a division made from the base is listed when its children (or one of
        # them) are made, for Work.dispose
        self._registry = registry
        self.parent = parent
        self.original = original
        self.changed = changed

    @property
    def children(self) -> list[WArticle | WDivision]:
        if self._children is None:
            return self._make()
        return self._children

    @children.setter
    def children(self, value: list[WArticle | WDivision]) -> None:
        self._children = value

    def base_children(self) -> tuple[WArticle | WDivision, ...]:
        if self._children is None:
            self._make()
        return self._base

    def base_child(self, i: int) -> WArticle | WDivision:
        """The child made from the base's ``i``-th child (``base_children()[i]``), made
        alone when the list of children is not made yet."""
        if self._children is not None:
            return self._base[i]
        some = self._some
        if some is None:
            some = self._some = {}
            if self._registry is not None:
                self._registry.append(self)
        child = some.get(i)
        if child is None:
            child = some[i] = self._child(self._source[i])
        return child

    def forget(self) -> None:
        """Drop the children, ``base_children``, the parent and the registry (for
        :meth:`Work.dispose`: they point back here)."""
        self._children = []
        self._base = ()
        self._some = None
        self.parent = None
        self._registry = None

    def _child(self, node: Article | Division) -> WArticle | WDivision:
        if type(node) is Article:
            return WArticle(node, self)
        assert isinstance(node, Division)
        return WDivision(node, None, self, node, False, node.children, self._registry)

    def _make(self) -> list[WArticle | WDivision]:
        children: list[WArticle | WDivision] = []
        registry = self._registry
        some = self._some
        if registry is not None and some is None:
            registry.append(self)
        for i, node in enumerate(self._source):
            child = some.get(i) if some is not None else None
            if child is not None:
                children.append(child)
            elif type(node) is Article:
                children.append(WArticle(node, self))
            else:
                assert isinstance(node, Division)
                children.append(WDivision(node, None, self, node, False, node.children,
                                          registry))
        self._base = tuple(children)
        self._source = ()
        self._some = None
        self._children = children
        return children

    def chain(self) -> tuple[Division, ...]:
        out: list[Division] = []
        node: WDivision | None = self
        while node is not None and node.header is not None:
            out.append(node.header)
            node = node.parent
        return tuple(reversed(out))

    def touch(self) -> None:
        node: WDivision | None = self
        while node is not None and not node.changed:
            node.changed = True
            node = node.parent


class Work:
    """The working copy of a code."""

    def __init__(self, code: Code):
        self.base = code
        # the divisions whose children were made or that operations inserted (dispose)
        self._made: list[WDivision] = []
        self.root = WDivision(None, None, source=code.children, registry=self._made)
        # the text's own title (« L'intitulé de la loi … », « le titre du projet de loi »)
        self.title = code.title
        # the instruction being applied (its line and column in the bill), and for each
        # article key, the instructions that changed, created or removed it
        self.current: tuple[int, int] | None = None
        # the partie the operation being applied is about, when its locator does not say
        # (see legidiff.document.locator.locate)
        self.part: str | None = None
        # (tuples, as Consolidation.changes holds them: most articles are touched once)
        self.touched: dict[str, tuple[tuple[int, int], ...]] = {}
        places, legi, total = _base_index(code)
        self.index = ArticleIndex(self.root, places)
        self.legi_style = legi >= total / 2

    # -- lookup -------------------------------------------------------------

    def articles(self) -> Iterator[WArticle]:
        stack: list[Iterator[WArticle | WDivision]] = [iter(self.root.children)]
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
            elif isinstance(node, WArticle):
                yield node
            else:
                stack.append(iter(node.children))

    def locate(self, locator: Locator) -> tuple[WDivision, WArticle | None, int]:
        """The division scope, the article (if the locator names one) and the index of the
        first step inside the article (the finder of :mod:`legidiff.document.locator`)."""
        return locate(self, self.root, locator.steps, self.part)

    # the working copy as a locator Tree: the finder's lookups, through the index

    def header(self, node: WDivision) -> Division | None:
        return node.header

    def subdivisions(self, node: WDivision) -> Iterator[tuple[WDivision, Division]]:
        for child in node.children:
            if isinstance(child, WDivision) and child.header is not None:
                yield child, child.header

    def numbered(self, key: str, scope: WDivision) -> list[WArticle]:
        found = self.index.get(key)
        if not found:
            return []
        if scope is self.root:  # every article of the index lies under the root
            return list(found)
        return [w for w in found if inside(w.parent, scope)]

    def numbers(self) -> Iterator[str]:
        return (w.article.num for ws in self.index.lists() for w in ws)

    def place(self, article: WArticle) -> str:
        return self.path(article).describe()

    def path(self, w: WArticle) -> ArticlePath:
        return ArticlePath(w.parent.chain(), w.article)

    # -- changes ------------------------------------------------------------

    def set_article(self, w: WArticle, article: Article, by: str) -> None:
        if article.num != w.article.num and article.key != w.article.key:
            self.index.discard(w.key, w)
            w.article = article
            self.index.add(w.key, w)
        else:
            w.article = article
        w.changed = True
        if by not in w.changed_by:
            w.changed_by = (*w.changed_by, by)
        self._touch(w.key)
        w.parent.touch()

    def _touch(self, key: str) -> None:
        current = self.current
        if current is not None:
            seen = self.touched.get(key)
            if seen is None:
                self.touched[key] = (current,)
            elif current not in seen:
                self.touched[key] = (*seen, current)

    def insert(self, parent: WDivision, position: int, node: WArticle | WDivision) -> None:
        parent.children.insert(position, node)
        if isinstance(node, WDivision):
            node.parent = parent
            self._made.extend(_walk_divisions(node))
            for w in _walk_articles(node):
                self.index.add(w.key, w)
                self._touch(w.key)
        else:
            node.parent = parent
            self.index.add(node.key, node)
            self._touch(node.key)
        parent.touch()

    def remove(self, node: WArticle | WDivision) -> None:
        parent = node.parent
        assert parent is not None
        parent.children.remove(node)
        articles = [node] if isinstance(node, WArticle) else list(_walk_articles(node))
        for w in articles:
            self.index.discard(w.key, w)
            self._touch(w.key)
        parent.touch()

    def article_num(self, number: str) -> str:
        """A number in the base's own spelling (LEGI "L852-3" or bill "L. 852-3")."""
        parsed = ArticleNumber.parse(number)
        if parsed is None:
            return number
        return parsed.legi if self.legi_style else parsed.bill

    def dispose(self) -> None:
        """Break the child ↔ parent cycles of the working copy so that reference
        counting frees it at once (see legidiff.perf: the collector is paused meanwhile,
        and would otherwise scan all of it at its next pass). Every division that holds
        children is listed in ``_made``: once none holds them, only links up are left,
        and they make no cycle."""
        for node in self._made:  # node.forget(), without a call for each
            node._children = None
            node._base = ()
            node._some = None
        self._made.clear()
        self.index = ArticleIndex(self.root, {})

    # -- freezing -----------------------------------------------------------

    def freeze(self) -> tuple[Code, dict[str, tuple[str, ...]]]:
        provenance: dict[str, tuple[str, ...]] = {}
        children = _frozen_children(self.root, provenance)
        if not self.root.changed and self.title == self.base.title:
            return self.base, provenance
        return replace(self.base, children=children, title=self.title), provenance


def _frozen_children(node: WDivision, provenance: dict[str, tuple[str, ...]]
                     ) -> tuple[Article | Division, ...]:
    """The children of a division as they now are (the base's own objects where nothing
    changed), and the instructions that changed its articles into ``provenance``, in
    the order of the text. A division whose list of children was never made has the
    base's children but for those made one by one (:meth:`WDivision.base_child`); one
    loop each way, the divisions below made here without a call of their own."""
    if node._children is None:
        # the base's children, but for those made one by one that changed (an article
        # or a division not changed is still the base's: its place keeps it)
        out = list(node._source)
        some = node._some
        if some:
            for i in sorted(some) if len(some) > 1 else some:
                child = some[i]
                if type(child) is WArticle:
                    if child.changed:
                        if child.changed_by:
                            _record(provenance, child)
                        out[i] = child.article
                else:
                    assert isinstance(child, WDivision)
                    if child.changed or child.original is None:
                        h = child.header
                        assert h is not None
                        out[i] = _with_children(h, _frozen_children(child, provenance))
        return tuple(out)
    out = []
    for child in node._children:
        if type(child) is WArticle:
            if child.changed_by:
                _record(provenance, child)
            out.append(child.article)
        else:
            assert isinstance(child, WDivision)
            h = child.header
            assert h is not None
            if not child.changed and child.original is not None:
                out.append(child.original)
            else:
                out.append(_with_children(h, _frozen_children(child, provenance)))
    return tuple(out)


def _record(provenance: dict[str, tuple[str, ...]], w: WArticle) -> None:
    """The instructions that changed an article, after those of an article of the same
    number met before (the tuple itself when it is the first: the usual case)."""
    key = article_key(w.article.num)
    seen = provenance.get(key)
    provenance[key] = w.changed_by if seen is None else seen + w.changed_by


_DIVISION_SLOTS = ("kind", "number", "title", "heading", "children", "meta", "layout")
assert tuple(f.name for f in fields(Division)) == _DIVISION_SLOTS, "update _with_children"
_new_object = object.__new__
(_set_kind, _set_number, _set_title, _set_heading, _set_children, _set_meta,
 _set_layout) = (getattr(Division, name).__set__ for name in _DIVISION_SLOTS)


def _with_children(h: Division, children: tuple[Article | Division, ...]) -> Division:
    """``dataclasses.replace(h, children=children)``: a new division, its fields set
    through their slots (the frozen dataclass's __init__ sets each through
    ``object.__setattr__``: half the time, for each changed division of a freeze)."""
    division: Division = _new_object(Division)
    _set_kind(division, h.kind)
    _set_number(division, h.number)
    _set_title(division, h.title)
    _set_heading(division, h.heading)
    _set_children(division, children)
    _set_meta(division, h.meta)
    _set_layout(division, h.layout)
    return division


def inside(node: WDivision | None, scope: WDivision) -> bool:
    """Whether ``node`` is ``scope`` or lies under it."""
    while node is not None:
        if node is scope:
            return True
        node = node.parent
    return False


def _walk_articles(node: WDivision) -> Iterator[WArticle]:
    for child in node.children:
        if isinstance(child, WArticle):
            yield child
        else:
            yield from _walk_articles(child)


class ArticleIndex:
    """Article key → the articles of the working copy with that number, in the order of
    the eager index it stands for: the base's articles in the base's order, then those
    the operations added. The base's articles of a number are made (with the divisions
    above them) when the number is first asked for; every change asks for it first, so
    until then they are exactly where the base has them.

    The base's places (``_places``, shared by every consolidation of the base) are not
    copied: ``_lists`` holds only the numbers asked for or added, ``_gone`` the base's
    numbers whose articles all went, and ``_tail`` the numbers that, as in one dict of
    every number, come after the base's: new ones, and the base's gone then added again
    (a copy of the 100,000 numbers of a big code for each consolidation cost more than a
    bill of a hundred instructions)."""

    __slots__ = ("_gone", "_lists", "_places", "_root", "_tail")

    def __init__(self, root: WDivision, places: dict[str, list[tuple[int, ...]]]):
        self._root = root
        self._places = places
        self._lists: dict[str, list[WArticle]] = {}
        self._gone: set[str] = set()
        self._tail: dict[str, None] = {}

    def _made(self, key: str) -> list[WArticle]:
        found: list[WArticle] = []
        for place in self._places[key]:
            node: WArticle | WDivision = self._root
            for i in place:
                # node.base_child(i), written out: a call less for each division above
                assert type(node) is WDivision
                if node._children is not None:
                    node = node._base[i]
                    continue
                some = node._some
                if some is None:
                    some = node._some = {}
                    if node._registry is not None:
                        node._registry.append(node)
                    child = None
                else:
                    child = some.get(i)
                if child is None:
                    child = some[i] = node._child(node._source[i])
                node = child
            assert type(node) is WArticle
            found.append(node)
        self._lists[key] = found
        return found

    def get(self, key: str) -> list[WArticle] | None:
        found = self._lists.get(key)
        if found is None and key in self._places and key not in self._gone:
            return self._made(key)
        return found

    def __getitem__(self, key: str) -> list[WArticle]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def add(self, key: str, w: WArticle) -> None:
        found = self.get(key)
        if found is None:
            self._lists[key] = [w]
            self._tail[key] = None
        else:
            found.append(w)

    def discard(self, key: str, w: WArticle) -> None:
        found = self[key]
        found.remove(w)
        if not found:
            del self._lists[key]
            if self._tail.pop(key, 0) is not None and key in self._places:
                self._gone.add(key)

    def lists(self) -> Iterator[list[WArticle]]:
        gone = self._gone
        for key in list(self._places):
            if key not in gone:
                found = self.get(key)
                if found is not None:
                    yield found
        for key in list(self._tail):
            found = self._lists.get(key)
            if found is not None:
                yield found


_LAST_BASE: list[tuple[Code, dict[str, list[tuple[int, ...]]], int, int]] = []
"""The base last read by :func:`_base_index` and what it found: a code is immutable, and
one base is usually consolidated with several bills (the benchmark, LEGI history runs)."""


def _base_index(code: Code) -> tuple[dict[str, list[tuple[int, ...]]], int, int]:
    """For each article key of the base, the places of its articles (the index of each
    child from the root down), in the base's order; and how many of its articles are
    numbered in the LEGI style ("L852-3"), of how many."""
    last = next(iter(_LAST_BASE), None)  # one read: another thread may replace it
    if last is not None and last[0] is code:
        return last[1], last[2], last[3]
    places: dict[str, list[tuple[int, ...]]] = {}
    counts = [0, 0]
    legi_key = LEGI_KEY_RE.fullmatch

    def walk(nodes: tuple[Article | Division, ...], above: tuple[int, ...]) -> None:
        for i, node in enumerate(nodes):
            if type(node) is Article:
                num = node.num
                # the key (article_key) and the style of the number, with one match for
                # the LEGI spelling ("L852-3"), the usual one
                if legi_key(num):
                    key = num
                    legi = ". " not in num
                else:
                    key = node.key
                    legi = ". " not in num and ArticleNumber.parse(num) is not None
                found = places.get(key)
                if found is None:
                    places[key] = [(*above, i)]
                else:
                    found.append((*above, i))
                counts[1] += 1
                if legi:
                    counts[0] += 1
            else:
                assert isinstance(node, Division)
                walk(node.children, (*above, i))

    walk(code.children, ())
    _LAST_BASE[:] = [(code, places, counts[0], counts[1])]
    return places, counts[0], counts[1]


def _walk_divisions(node: WDivision) -> Iterator[WDivision]:
    yield node
    for child in node.children:
        if isinstance(child, WDivision):
            yield from _walk_divisions(child)
