"""A private, mutable working copy of a code for one consolidation, frozen at the end.

Divisions keep their children in lists and articles are found through an index, so that
an operation costs the size of the units it touches, not of the code. Articles and
divisions that no operation touched are the very objects of the base: the frozen result
shares them, and the base stays intact for the redline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from legidiff.document.locator import Locator, locate
from legidiff.document.model import Article, ArticlePath, Code, Division
from legidiff.lang.numbering import (
    LEGI_KEY_RE,
    ArticleNumber,
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


@dataclass(eq=False, slots=True)
class WDivision:
    """A division (or, with ``header`` None, the code itself) and its children."""

    header: Division | None
    children: list[WArticle | WDivision]
    parent: WDivision | None = None
    original: Division | None = None
    changed: bool = False

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
        self.root = WDivision(None, [])
        self.index: dict[str, list[WArticle]] = {}
        self._legi = self._total = 0
        # the instruction being applied (its line and column in the bill), and for each
        # article key, the instructions that changed, created or removed it
        self.current: tuple[int, int] | None = None
        # the partie the operation being applied is about, when its locator does not say
        # (see legidiff.document.locator.locate)
        self.part: str | None = None
        self.touched: dict[str, list[tuple[int, int]]] = {}
        # every division of the working copy, for dispose
        self._divisions: list[WDivision] = [self.root]
        self._load(code.children, self.root)
        self.legi_style = self._legi >= self._total / 2

    def _load(self, nodes: tuple[Article | Division, ...], parent: WDivision) -> None:
        index = self.index
        children = parent.children
        legi_key = LEGI_KEY_RE.fullmatch
        for node in nodes:
            if type(node) is Article:
                w = WArticle(node, parent)
                children.append(w)
                num = node.num
                # the key (article_key) and the style of the number, with one match for
                # the LEGI spelling ("L852-3"), the usual one
                if legi_key(num):
                    key = num
                    legi = ". " not in num
                else:
                    key = node.key
                    legi = ". " not in num and ArticleNumber.parse(num) is not None
                found = index.get(key)
                if found is None:
                    index[key] = [w]
                else:
                    found.append(w)
                self._total += 1
                if legi:
                    self._legi += 1
            else:
                assert isinstance(node, Division)
                d = WDivision(node, [], parent, node)
                children.append(d)
                self._divisions.append(d)
                self._load(node.children, d)

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
        return [w for w in self.index.get(key, ()) if inside(w.parent, scope)]

    def numbers(self) -> Iterator[str]:
        return (w.article.num for ws in self.index.values() for w in ws)

    def place(self, article: WArticle) -> str:
        return self.path(article).describe()

    def path(self, w: WArticle) -> ArticlePath:
        return ArticlePath(w.parent.chain(), w.article)

    # -- changes ------------------------------------------------------------

    def set_article(self, w: WArticle, article: Article, by: str) -> None:
        if article.key != w.article.key:
            self.index[w.key].remove(w)
            if not self.index[w.key]:
                del self.index[w.key]
            w.article = article
            self.index.setdefault(w.key, []).append(w)
        else:
            w.article = article
        w.changed = True
        if by not in w.changed_by:
            w.changed_by = (*w.changed_by, by)
        self._touch(w.key)
        w.parent.touch()

    def _touch(self, key: str) -> None:
        if self.current is not None:
            seen = self.touched.setdefault(key, [])
            if self.current not in seen:
                seen.append(self.current)

    def insert(self, parent: WDivision, position: int, node: WArticle | WDivision) -> None:
        parent.children.insert(position, node)
        if isinstance(node, WDivision):
            node.parent = parent
            self._divisions.extend(_walk_divisions(node))
            for w in _walk_articles(node):
                self.index.setdefault(w.key, []).append(w)
                self._touch(w.key)
        else:
            node.parent = parent
            self.index.setdefault(node.key, []).append(node)
            self._touch(node.key)
        parent.touch()

    def remove(self, node: WArticle | WDivision) -> None:
        parent = node.parent
        assert parent is not None
        parent.children.remove(node)
        articles = [node] if isinstance(node, WArticle) else list(_walk_articles(node))
        for w in articles:
            self.index[w.key].remove(w)
            if not self.index[w.key]:
                del self.index[w.key]
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
        and would otherwise scan all of it at its next pass)."""
        for node in self._divisions:
            node.children = []
            node.parent = None
        self._divisions = []
        self.index = {}

    # -- freezing -----------------------------------------------------------

    def freeze(self) -> tuple[Code, dict[str, list[str]]]:
        provenance: dict[str, list[str]] = {}
        children = tuple(self._freeze(c, provenance) for c in self.root.children)
        if not self.root.changed:
            return self.base, provenance
        return replace(self.base, children=children), provenance

    def _freeze(self, node: WArticle | WDivision, provenance: dict[str, list[str]]
                ) -> Article | Division:
        if isinstance(node, WArticle):
            if node.changed_by:
                provenance.setdefault(node.key, []).extend(node.changed_by)
            return node.article
        assert node.header is not None
        if not node.changed and node.original is not None:
            return node.original
        children = tuple(self._freeze(c, provenance) for c in node.children)
        h = node.header  # dataclasses.replace, without its introspection of the fields
        return Division(h.kind, h.number, h.title, h.heading, children, h.meta, h.layout)


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


def _walk_divisions(node: WDivision) -> Iterator[WDivision]:
    yield node
    for child in node.children:
        if isinstance(child, WDivision):
            yield from _walk_divisions(child)
