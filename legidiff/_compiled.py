"""Whether the compiled copies of a package's modules are used (see
:mod:`legidiff.accelerate`, which builds them).

They sit in ``_accel/`` beside the modules of their package, with a manifest of the
Python they were built for and the digest of each module's source. They are used only
when that Python is the running one and every source is still the one compiled: a module
edited since (or checked out at another commit) makes its whole package pure Python
again, never a mix of old compiled code and new sources. ``LEGIDIFF_PURE=1`` leaves them
unused."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

FOLDER = "_accel"
MANIFEST = "manifest.json"
PURE_ENV = "LEGIDIFF_PURE"


def source_digest(path: Path) -> str:
    """The digest of a module's source file, and of the ``.pxd`` beside it when there is
    one (the types Cython reads with it: a change there makes the compiled module stale
    too)."""
    digest = hashlib.sha256(path.read_bytes())
    types = path.with_suffix(".pxd")
    if types.is_file():
        digest.update(b"\0pxd\0" + types.read_bytes())
    return digest.hexdigest()


def compiled_folder(package_path: list[str]) -> Path | None:
    """The folder of the compiled modules, if they are built, current and wanted."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    here = Path(package_path[0])
    folder = here / FOLDER
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        if manifest.get("python") != sys.implementation.cache_tag:
            return None
        modules = manifest["modules"]
        for name, digest in modules.items():
            built = [*folder.glob(f"{name}.*.so"), *folder.glob(f"{name}.*.pyd")]
            if not built or source_digest(here / f"{name}.py") != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return folder if modules else None


def use_compiled(package_path: list[str]) -> list[str]:
    """The package's ``__path__``: its compiled copies first when they may be used."""
    folder = compiled_folder(list(package_path))
    return list(package_path) if folder is None else [str(folder), *package_path]
