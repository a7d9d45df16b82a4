"""Several base texts read with the same options: the bases of ``legidiff apply``, the
two versions of ``legidiff draft`` and ``legidiff redline``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legidiff.formats import Base, Format, read_base


def read_bases(paths: Sequence[Path | str], format: Format | str | None = None, *,
               code_name: str | None = None, date: str | None = None,
               text_id: str | None = None) -> tuple[Base, ...]:
    """Each of ``paths`` read by :func:`~legidiff.formats.read_base` with the same
    options, in order; the first unusable one raises
    :class:`~legidiff.diagnostics.InputError`."""
    return tuple(read_base(p, format, code_name=code_name, date=date, text_id=text_id)
                 for p in paths)
