"""Reading and writing files safely: clear errors on unreadable input, atomic outputs,
inputs never overwritten."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from legidiff.diagnostics import InputError, Location


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("LD101", "fichier introuvable", Location(str(path))) from None
    except IsADirectoryError:
        raise InputError("LD101", "un fichier est attendu, c'est un dossier",
                         Location(str(path))) from None
    except OSError as e:
        raise InputError("LD101", f"lecture impossible : {e.strerror}",
                         Location(str(path))) from None


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF); a bad byte is an error with its place."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise InputError("LD103", f"le fichier n'est pas en UTF-8 (octet {data[e.start]:#04x})",
                         Location(str(path), line, column)) from None


def read_text(path: Path) -> str:
    return decode_utf8(read_bytes(path), path)


def _write_error(e: OSError, out: Path) -> InputError:
    return InputError("LD105", f"écriture impossible : {e.strerror}", Location(str(out)))


def _check_not_input(out: Path, inputs: tuple[Path, ...]) -> None:
    target = out.resolve()
    for source in inputs:
        src = source.resolve()
        if target == src or (src.is_dir() and src in target.parents) or (
                target.is_dir() and target in src.parents):
            raise InputError("LD105", "la sortie écraserait une entrée", Location(str(out)))


def write_file_atomic(out: Path, data: bytes, inputs: tuple[Path, ...] = ()) -> None:
    """Write a file through a temporary file in the same folder, then rename it."""
    write_via_temp(out, lambda tmp: tmp.write_bytes(data), inputs)


def write_via_temp(out: Path, produce: Callable[[Path], object],
                   inputs: tuple[Path, ...] = ()) -> None:
    """Have ``produce`` write a temporary file beside ``out``, then rename it to ``out``."""
    _check_not_input(out, inputs)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as e:
        raise _write_error(e, out) from None
    tmp = Path(name)
    try:
        produce(tmp)
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _write_error(e, out) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_tree_atomic(out: Path, fill: Callable[[Path], None],
                      inputs: tuple[Path, ...] = ()) -> None:
    """Build a folder in a temporary sibling with ``fill``, then put it in place of
    ``out`` (an existing ``out`` is replaced only once the new one is complete)."""
    _check_not_input(out, inputs)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as e:
        raise _write_error(e, out) from None
    old: Path | None = None
    try:
        fill(tmp)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=parent))
            os.rmdir(old)
            os.replace(out, old)
        os.replace(tmp, out)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not out.exists():
            os.replace(old, out)
        raise _write_error(e, out) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
