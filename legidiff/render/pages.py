"""The HTML pages: the redline and the tableau comparatif, one standalone file each
(inline CSS, no script, no network), from the jinja2 templates of ``legidiff/templates``
(autoescape on, strict undefined: a missing value is an error, never an empty string).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from legidiff._version import __version__
from legidiff.apply.consolidate import Status
from legidiff.render.redline import Instruction, Redline

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
    """The redline page."""
    return environment().get_template("redline.html.j2").render(_context(redline))


def render_table(redline: Redline) -> str:
    """The tableau comparatif: texte en vigueur / texte de la loi / texte consolidé."""
    return environment().get_template("table.html.j2").render(_context(redline))
