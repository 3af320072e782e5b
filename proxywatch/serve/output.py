"""Where an output goes: a regular file, replaced only when it is complete, or standard output (``-``).

Refused before any work is done, with one line: a device, pipe or socket (as root, ``-o /dev/null``
used to be replaced by a regular file), a folder, a symbolic link, the database being read and its
write-ahead log (after a crash, ``-o store.duckdb.wal`` once lost 96 committed articles), and any
other DuckDB database. Writing goes to a new temporary file beside the target, which is renamed over
the target only if that is still absent or a regular file.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from proxywatch.errors import ProxywatchError

__all__ = ["STDOUT", "check_output_path", "atomic_output", "is_stdout"]

STDOUT = "-"
_DUCKDB_MAGIC = (8, b"DUCK")


def is_stdout(path: Path | str | None) -> bool:
    return path is not None and str(path) == STDOUT


def _is_duckdb(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    at, magic = _DUCKDB_MAGIC
    return head[at:at + len(magic)] == magic


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def check_output_path(path: Path | str, protect: Sequence[str | Path] = (), flag: str = "--output") -> None:
    """Refuse an output path that must not be written, before any work is done.

    ``protect``: databases in use (each with its write-ahead log ``<db>.wal``), refused even when the log
    does not exist yet.
    """
    if is_stdout(path):
        return
    path = Path(path)
    for db in protect:
        if str(db) == ":memory:":
            continue
        if _same(path, Path(db)) or _same(path, Path(f"{db}.wal")):
            what = "the database" if _same(path, Path(db)) else "the write-ahead log of the database"
            raise ProxywatchError(f"{path}: is {what} being read; choose another {flag}")
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ProxywatchError(f"{path}: cannot be written ({exc.strerror})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise ProxywatchError(f"{path}: is a symbolic link; {flag} takes the file itself (links are not "
                                  "replaced)")
        if stat.S_ISDIR(info.st_mode):
            raise ProxywatchError(f"{path}: is a folder; {flag} takes a file name")
        if not stat.S_ISREG(info.st_mode):
            raise ProxywatchError(f"{path}: is not a regular file (a device, pipe or socket); {flag} writes files "
                                  "only (use - for standard output)")
        if _is_duckdb(path):
            raise ProxywatchError(f"{path}: is a DuckDB database; choose another {flag}")
        if path.name.endswith(".wal") and _is_duckdb(path.with_name(path.name[:-4])):
            raise ProxywatchError(f"{path}: is the write-ahead log of a database; choose another {flag}")
    if not path.parent.is_dir():
        raise ProxywatchError(f"{path}: folder {path.parent} does not exist")


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)  # an existing file keeps its permissions
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_output(path: Path | str, protect: Sequence[str | Path] = (), flag: str = "--output") -> Iterator[Path]:
    """A new temporary file to write to; when the block ends without error it becomes ``path``, or, for
    ``-``, is copied to standard output. On error it is removed and ``path`` is untouched."""
    check_output_path(path, protect, flag)
    target = Path(path)
    folder = None if is_stdout(path) else target.parent
    handle, name = tempfile.mkstemp(prefix=f".{target.name}." if folder else "proxywatch-", suffix=".part",
                                    dir=folder)
    os.close(handle)
    part = Path(name)
    try:
        yield part
        if folder is None:
            sys.stdout.flush()
            with part.open("rb") as source:
                shutil.copyfileobj(source, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        check_output_path(target, protect, flag)  # still absent or a regular file (not swapped meanwhile)
        os.chmod(part, _mode_for(target))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
