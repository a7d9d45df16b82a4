"""Reading and writing files safely: clear errors on unreadable input, atomic outputs,
inputs never overwritten.

An output is checked before anything is written (:func:`check_output`): it is a regular
file or a folder (never a device, a pipe or a socket), and it is none of the inputs
however it is spelt (a relative path, a symbolic link, a hard link: files are compared
by device and inode), nor inside an input folder, nor a folder holding an input.

A file is written to a temporary sibling, flushed to the disk (``fsync``), renamed over
the destination, and the folder is flushed: the destination is the old file or the new
one, never a torn one. A folder is built beside the destination and swapped with it.
Temporaries are named ``.NAME.legidiff-tmp.HOST.PID.XXXXXXXX…`` and removed on any
exception; those left by a run that was killed (same host, process gone) are removed by
the next write to the same destination, and a previous folder left aside
(``….old``) is put back when the destination is missing.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import os
import re
import secrets
import shutil
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from legidiff.diagnostics import InputError, Location

STDIN = "-"  # a path that names the standard input


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; ``-`` is the standard input (read once: every later read of
    ``-`` gives the same bytes)."""
    if str(path) == STDIN:
        return _stdin_bytes()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("LD101", "fichier introuvable", Location(str(path))) from None
    except IsADirectoryError:
        raise InputError("LD101", "un fichier est attendu, c'est un dossier",
                         Location(str(path))) from None
    except OSError as e:
        raise InputError("LD101", f"lecture impossible : {reason(e)}",
                         Location(str(path))) from None


_stdin: tuple[object, bytes] | None = None

# the system's reasons in French (os.strerror speaks the C locale's English)
_REASONS = {
    errno.ENOSPC: "plus de place sur le périphérique",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EIO: "erreur d'entrée-sortie",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ELOOP: "trop de liens symboliques",
    errno.EEXIST: "existe déjà",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EXDEV: "autre système de fichiers",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EPIPE: "tube fermé",
}


def reason(error: OSError) -> str:
    """Why a system call failed, in French (the system's words for a rare error).

    >>> reason(OSError(28, "No space left on device"))
    'plus de place sur le périphérique'
    """
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return error.strerror or str(error)


def _stdin_bytes() -> bytes:
    global _stdin
    stream = sys.stdin
    if _stdin is not None and _stdin[0] is stream:
        return _stdin[1]
    if stream is None:
        raise InputError("LD101", "pas d'entrée standard", Location(STDIN))
    try:
        data = stream.buffer.read() if hasattr(stream, "buffer") else \
            stream.read().encode("utf-8", "surrogateescape")
    except OSError as e:
        raise InputError("LD101", f"lecture impossible : {reason(e)}",
                         Location(STDIN)) from None
    _stdin = (stream, data)
    return data


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


_MARK = "legidiff-tmp"
_HOST = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"


def printable(text: str, *, json: bool = False) -> str:
    r"""``text`` with the lone surrogates that undecodable bytes of file names become
    (``surrogateescape``) written as ``\xNN`` (other lone surrogates as ``\uXXXX``):
    always encodable in UTF-8. ``json``: ``text`` is JSON, the backslash is escaped.

    >>> printable("b\udce9.md"), printable("ok")
    ('b\\xe9.md', 'ok')
    """
    if not _SURROGATE_RE.search(text):
        return text
    slash = "\\\\" if json else "\\"

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return (f"{slash}x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF
                else f"{slash}u{code:04x}")

    return _SURROGATE_RE.sub(escape, text)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _refuse(out: Path, message: str) -> InputError:
    return InputError("LD105", message, Location(str(out)))


def _write_error(e: OSError, out: Path) -> InputError:
    return _refuse(out, f"écriture impossible : {reason(e)}")


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of what ``path`` names (links followed), None if nothing."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _ancestors(path: Path) -> list[Path]:
    """The folders ``path`` is in, whatever its spelling (links resolved)."""
    try:
        return list(path.resolve().parents)
    except (OSError, RuntimeError):
        return list(Path(os.path.abspath(path)).parents)


def check_output(out: Path, inputs: tuple[Path, ...] = (), *, folder: bool = False,
                 replace_folder: bool = True) -> None:
    """Refuse (:class:`InputError` LD105) an output that could not be written safely:
    a device, a pipe or a socket; a file where a folder is written or the reverse; one
    of ``inputs`` (compared by device and inode, links followed), inside an input folder
    or a folder holding one; an existing non-empty folder unless ``replace_folder``.
    Writes nothing."""
    try:
        st: os.stat_result | None = os.stat(out)
    except FileNotFoundError:
        st = None
    except OSError as e:
        if e.errno != errno.ENOTDIR:
            raise _write_error(e, out) from None
        st = None  # a parent is a file: said below
    except ValueError:  # a NUL byte in the name
        raise _refuse(out, "nom de fichier invalide") from None
    if st is not None:
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
            raise _refuse(out, "la sortie n'est ni un fichier ordinaire ni un dossier "
                               "(périphérique, tube ou socket) : elle n'est pas remplacée")
        if folder and not stat.S_ISDIR(st.st_mode):
            raise _refuse(out, "la sortie est un fichier : un dossier est attendu")
        if not folder and stat.S_ISDIR(st.st_mode):
            raise _refuse(out, "la sortie est un dossier : un fichier est attendu")
        if folder and not replace_folder and any(out.iterdir()):
            raise _refuse(out, "la sortie existe déjà : elle ne sera remplacée qu'avec "
                               "--force")
    for parent in Path(os.path.abspath(out)).parents:
        if parent.exists():
            if not parent.is_dir():
                raise _refuse(out, f"{parent} n'est pas un dossier")
            break
    target = (st.st_dev, st.st_ino) if st is not None else None
    parents = {_identity(p) for p in _ancestors(out)}
    for source in inputs:
        src = _identity(source)
        if src is None:
            continue
        if src == target or (source.is_dir() and src in parents):
            raise _refuse(out, f"la sortie écraserait une entrée ({printable(str(source))})")
        if target is not None and folder and target in {
                _identity(p) for p in _ancestors(source)}:
            raise _refuse(out, f"le dossier de sortie contient une entrée "
                               f"({printable(str(source))})")


# ---------------------------------------------------------------------------
# temporaries


def _prefix(out: Path) -> str:
    """The name of the temporaries of ``out`` up to their random part."""
    name = os.fsdecode(os.fsencode(out.name)[:100])
    return f".{name}.{_MARK}.{_HOST}.{os.getpid()}."


def _folder_of(out: Path) -> Path:
    return out.parent if str(out.parent) else Path(".")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or no process number: left alone
    return True


_STALE_RE = re.compile(rf"\.{re.escape(_MARK)}\.(?P<host>[A-Za-z0-9_-]+)\.(?P<pid>\d+)\."
                       r"[0-9a-f]{8}(?P<rest>.*)$")


def clean_stale(out: Path) -> list[Path]:
    """Remove the temporaries of ``out`` left by a legidiff run that was killed on this
    host (its process is gone); put back a previous folder left aside when ``out`` is
    missing. Returns what was removed or put back. POSIX only (elsewhere: nothing)."""
    if os.name != "posix":
        return []
    folder = _folder_of(out)
    head = "." + os.fsdecode(os.fsencode(out.name)[:100]) + "."
    whole = len(os.fsencode(out.name)) <= 100  # the name is not cut: the folder is out's
    done: list[Path] = []
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(head)]
    except OSError:
        return []
    for entry in sorted(entries, key=lambda e: not e.endswith(".old")):
        m = _STALE_RE.match(entry, len(head) - 1)
        if m is None or m.group("host") != _HOST or _alive(int(m.group("pid"))):
            continue
        path = folder / entry
        if m.group("rest") == ".old" and not os.path.lexists(out) and whole:
            with contextlib.suppress(OSError):
                os.rename(path, out)  # the previous version, back in place
        else:
            _remove_tree(path)
        if not os.path.lexists(path):
            done.append(path)
    return done


def _new_temp(out: Path, suffix: str, make: Callable[[Path], None]) -> Path:
    folder = _folder_of(out)
    prefix = _prefix(out)
    for _ in range(100):
        path = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            make(path)
        except FileExistsError:
            continue
        return path
    raise _refuse(out, "aucun nom de fichier temporaire libre")


def _create_file(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666))


def _fsync(path: Path, directory: bool = False) -> None:
    """Flush a file or a folder to the disk (a file system that cannot: ignored)."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return  # folders cannot be opened on some systems
        raise
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Flush a folder and everything in it to the disk: the whole file system at once
    where Linux can (``syncfs``: one call instead of one per file, 19,000 for the code
    du travail), otherwise file by file."""
    if _syncfs(root):
        return
    for folder, _, files in os.walk(root):
        for name in files:
            _fsync(Path(folder) / name)
        _fsync(Path(folder), directory=True)


def _syncfs(path: Path) -> bool:
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return bool(libc.syncfs(fd) == 0)
    finally:
        os.close(fd)


def _libc() -> ctypes.CDLL | None:
    """The C library, on Linux (for ``syncfs`` and ``renameat2``)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _make_folder(out: Path) -> Path:
    """The folder of ``out``, created if needed."""
    folder = _folder_of(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _write_error(e, out) from None
    return folder


def write_file_atomic(out: Path, data: bytes, inputs: tuple[Path, ...] = ()) -> None:
    """Write a file through a temporary file in the same folder, then rename it."""
    write_via_temp(out, lambda tmp: tmp.write_bytes(data), inputs)


def write_via_temp(out: Path, produce: Callable[[Path], object],
                   inputs: tuple[Path, ...] = ()) -> None:
    """Have ``produce`` write a temporary file beside ``out`` (created empty), flush it
    to the disk, rename it to ``out`` and flush the folder."""
    check_output(out, inputs)
    folder = _make_folder(out)
    clean_stale(out)
    try:
        tmp = _new_temp(out, ".tmp", _create_file)
    except OSError as e:
        raise _write_error(e, out) from None
    try:
        produce(tmp)
        _fsync(tmp)
        os.replace(tmp, out)
    except BaseException as e:
        _remove(tmp)
        if isinstance(e, OSError):
            raise _write_error(e, out) from None
        raise
    _sync_folder(folder)


def _remove(tmp: Path) -> None:
    """A temporary and what a writer added beside it (SQLite's journal)."""
    for path in (tmp, *tmp.parent.glob(glob.escape(tmp.name) + "-*")):
        _remove_tree(path)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(folder, directory=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False when
    the system or the file system cannot."""
    libc = _libc()
    if libc is None or not hasattr(libc, "renameat2"):
        return False
    renameat2 = libc.renameat2
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(a))


def write_tree_atomic(out: Path, fill: Callable[[Path], None],
                      inputs: tuple[Path, ...] = ()) -> None:
    """Build a folder in a temporary sibling with ``fill``, flush it to the disk, then
    put it in place of ``out``: swapped in one step where the system can; elsewhere the
    old folder is set aside (``….old``) for the instant of two renames, and put back by
    the next write if the run is killed then."""
    check_output(out, inputs, folder=True)
    parent = _make_folder(out)
    clean_stale(out)
    try:
        tmp = _new_temp(out, "", lambda p: p.mkdir())
    except OSError as e:
        raise _write_error(e, out) from None
    aside: Path | None = None  # the previous version, set aside (no one-step swap)
    try:
        fill(tmp)
        _fsync_tree(tmp)
        if not (os.path.lexists(out) and _exchange(tmp, out)):
            if os.path.lexists(out):
                aside = Path(f"{tmp}.old")
                os.replace(out, aside)
            os.replace(tmp, out)
        _sync_folder(parent)
    except BaseException as e:
        if aside is not None and not os.path.lexists(out):
            with contextlib.suppress(OSError):
                os.replace(aside, out)
        _remove_tree(tmp)
        if aside is not None and os.path.lexists(out):
            _remove_tree(aside)
        if isinstance(e, OSError):
            raise _write_error(e, out) from None
        raise
    # after a swap, tmp holds the previous version
    _remove_tree(tmp)
    if aside is not None:
        _remove_tree(aside)


def _remove_tree(path: Path) -> None:
    """Remove a file or a folder, quietly (a temporary: nothing to report)."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()
