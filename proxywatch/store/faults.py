"""Store failures as one line a user can act on, and the checks made before a database file is opened.

Small functions, each usable by any backend: :func:`store_error` turns an exception from a driver
into a :class:`~proxywatch.errors.StoreError` with a ``kind`` (``disk_full``, ``locked``,
``corrupt``, ``foreign``, ``schema``, ``permission``, ``data`` or ``other``); :func:`check_schema`
refuses a schema newer than the code. :func:`check_database_file` and :data:`DUCKDB_CONFIG` are for
the DuckDB file backend.
"""

from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from proxywatch.errors import StoreError

__all__ = ["DUCKDB_CONFIG", "check_database_file", "check_schema", "store_error", "rollback_quietly"]

# DuckDB must never fetch or load an extension on its own: a file in another engine's format (SQLite,
# Postgres) would otherwise make it download a scanner extension from the internet.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# What another program's file starts with (checked before DuckDB sees it).
_SIGNATURES = (
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip file"),
    (b"ARROW1", "an Arrow file"),
    (b"{", "a JSON text"),
)
_DUCKDB_MAGIC = (8, b"DUCK")  # bytes 8-11 of every DuckDB database file

# Driver messages and errno values, most specific first: (kind, phrases).
_KINDS = (
    ("disk_full", ("no space left", "disk full", "not enough space", "out of disk")),
    ("locked", ("could not set lock", "conflicting lock", "database is locked", "lock is held")),
    ("corrupt", ("corrupt", "checksum", "not a valid duckdb database", "could not read enough bytes",
                 "invalid database", "malformed")),
    ("permission", ("permission denied", "read-only file system", "read only file system")),
)
_ERRNO_KINDS = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EACCES: "permission",
                errno.EPERM: "permission", errno.EROFS: "permission"}
_PID = re.compile(r"\(PID (\d+)\)")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(text[0].split()) if text else type(exc).__name__


def _kind(exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if code in _ERRNO_KINDS:
        return _ERRNO_KINDS[code]
    text = str(exc).lower()
    for kind, phrases in _KINDS:
        if any(p in text for p in phrases):
            return kind
    module = type(exc).__module__ or ""
    if not module.startswith(("duckdb", "_duckdb", "psycopg")) or type(exc).__name__ in (
            "ConversionException", "InvalidInputException", "ConstraintException", "DataError"):
        return "data"  # something about the rows written, not the database: worth retrying alone
    return "other"


def store_error(path: str, exc: BaseException, doing: str, rolled_back: bool = False) -> StoreError:
    """A one-line :class:`StoreError` for ``exc``, raised while trying to ``doing`` (a verb phrase such as
    "store the batch of 32 articles"); ``rolled_back`` when a transaction was undone."""
    kind = _kind(exc)
    reason = _first_line(exc)
    if kind == "disk_full":
        message = (f"{path}: the disk is full, could not {doing}; it was rolled back and nothing of it is stored. "
                   "Free some space and run the same command again (what was stored before is kept)")
    elif kind == "locked":
        pid = _PID.search(str(exc))
        message = (f"{path}: cannot {doing} (it is in use by another process"
                   f"{', PID ' + pid.group(1) if pid else ''}; try again when that has finished)")
    elif kind == "corrupt":
        message = f"{path}: the database file is damaged ({reason}); restore it from a copy, or use a new --db"
    elif kind == "permission":
        message = f"{path}: not allowed to {doing} ({reason})"
    else:
        message = f"{path}: cannot {doing} ({reason})"
    if rolled_back and kind != "disk_full":
        message += "; rolled back, nothing of it is stored"
    return StoreError(message, kind=kind)


def check_schema(path: str, version: int, known: int) -> None:
    """Refuse a database whose schema is newer than this code knows, whatever the command."""
    if version > known:
        raise StoreError(f"{path}: database schema version {version} is newer than this proxywatch "
                         f"(schema version {known}); upgrade proxywatch. Nothing was read or written",
                         kind="schema")


def check_database_file(path: str) -> None:
    """Refuse, before DuckDB opens it, a path that is not a regular file or not a DuckDB database.

    A missing file is fine (a new database is made there when writing).
    """
    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot open database ({exc.strerror})", kind="permission") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path}: is a folder, not a database file; pass --db FILE", kind="foreign")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: is not a regular file (a device, pipe or socket); pass --db FILE",
                         kind="foreign")
    try:
        with target.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open database ({exc.strerror})", kind="permission") from None
    if not head:
        raise StoreError(f"{path}: is an empty file, not a database; remove it or pass another --db",
                         kind="foreign")
    at, magic = _DUCKDB_MAGIC
    if head[at:at + len(magic)] == magic:
        return
    what = next((name for sig, name in _SIGNATURES if head.startswith(sig)), None)
    found = f"is {what}, not a proxywatch database" if what else "is not a DuckDB database file (unknown format)"
    raise StoreError(f"{path}: {found}; nothing was read or changed", kind="foreign")


def rollback_quietly(con: object) -> None:
    """Roll back the open transaction, if there still is one (a failed COMMIT has already ended it)."""
    try:
        con.execute("ROLLBACK")  # type: ignore[attr-defined]
    except Exception:  # nothing is open: nothing to undo
        pass
