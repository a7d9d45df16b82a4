"""The HTML pages: the redline and the tableau comparatif, one standalone file each
(inline CSS, no network; the redline's filter box is a short inline script, no framework),
from the jinja2 templates of ``legidiff/templates`` (autoescape on, strict undefined: a
missing value is an error, never an empty string).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from legidiff._version import __version__
from legidiff.apply.consolidate import Status
from legidiff.lang.text import counted
from legidiff.render.redline import ArticleView, Instruction, Redline
from legidiff.render.tableau import CodeCell, tableau

_COUNT_LABELS = {"applied": "Instructions appliquées", "failed": "Instructions en échec",
                 "unrecognized": "Instructions non comprises",
                 "out_of_scope": "Instructions hors du texte",
                 "standalone": "Dispositions autonomes"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("legidiff", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["version"] = __version__
    env.globals["described_by"] = _described_by
    env.globals["counted"] = counted
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    r"""``text`` as a quoted CSS string for a ``<style>`` element (where HTML escaping
    does not apply): every character but letters, digits and spaces as a hexadecimal
    escape, so no text can close the string or the element.

    >>> print(css_string('Loi « x » </style>'))
    "Loi \ab  x \bb  \3c \2f style\3e "
    """
    out = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} "
                  for c in text)
    return Markup(f'"{out}"')


def _described_by(ids: Sequence[str], suffix: str) -> str:
    return " ".join(f"{i}{suffix}" for i in ids)


def _context(redline: Redline) -> dict[str, object]:
    by_id: dict[str, Instruction] = {i.id: i for a in redline.articles for i in a.instructions}

    def instructions_title(ids: Sequence[str], _: object) -> str:
        return "\n".join(by_id[i].label for i in ids if i in by_id)

    applied = sorted((i for i in by_id.values() if i.status is Status.APPLIED),
                     key=lambda i: i.line)
    counts = [(_COUNT_LABELS.get(k, k), n) for k, n in redline.instruction_counts.items()]
    return {"redline": redline, "instructions": by_id, "applied": applied,
            "instructions_title": instructions_title,
            "instruction_counts": lambda _: counts}


def render_redline(redline: Redline) -> str:
    """The redline page: its index groups the changed articles by division (partie,
    livre, titre, chapitre…), with their counts, in collapsible ``<details>``."""
    context = _context(redline)
    context["index"] = index_groups(redline.articles)
    return environment().get_template("redline.html.j2").render(context)


OPEN_UP_TO = 40
"""A group of the index holding at most this many articles is open at first (the
outermost always is): a few changes are seen at once, 600 are not a flat list."""


@dataclass(slots=True)
class Group:
    """A division of the index: its heading, the changed articles right under it, its
    subdivisions; ``count`` is every changed article under it."""

    heading: str
    articles: list[ArticleView] = field(default_factory=list)
    children: list[Group] = field(default_factory=list)
    count: int = 0
    open: bool = False


def index_groups(articles: Sequence[ArticleView]) -> list[Group]:
    """The changed articles as a tree of their divisions, in the order of the page (an
    article outside any division: under a group with an empty heading)."""
    root = Group("")
    for article in articles:
        node = root
        node.count += 1
        for heading in article.divisions or ("",):
            if not node.children or node.children[-1].heading != heading:
                node.children.append(Group(heading))
            node = node.children[-1]
            node.count += 1
        node.articles.append(article)
    _mark_open(root.children, 0)
    return root.children


def _mark_open(groups: list[Group], depth: int) -> None:
    for group in groups:
        group.open = depth == 0 or group.count <= OPEN_UP_TO
        _mark_open(group.children, depth + 1)


def render_table(redline: Redline) -> str:
    """The tableau comparatif (:mod:`legidiff.render.tableau`): dispositions en vigueur /
    texte du projet de loi (or de la proposition, de la loi…) / texte consolidé, by
    article of the bill."""
    context = _context(redline)
    context["table"] = tableau(redline)
    context["first"] = lambda a: CodeCell(a, True, a.id, "")
    context["counts_text"] = _counts_text
    return environment().get_template("table.html.j2").render(context)


_COUNTED = {"applied": ("instruction appliquée", "instructions appliquées"),
            "failed": ("instruction en échec", "instructions en échec"),
            "unrecognized": ("instruction non comprise", "instructions non comprises"),
            "out_of_scope": ("instruction hors du texte", "instructions hors du texte"),
            "standalone": ("disposition autonome", "dispositions autonomes")}


def _counts_text(counts: dict[str, int]) -> str:
    """"3 instructions appliquées, 1 disposition autonome", in a fixed order."""
    return ", ".join(f"{counts[k]} {_COUNTED[k][counts[k] > 1]}" for k in _COUNTED
                     if counts.get(k))
