"""Errors raised by proxywatch, and the one-line problem report for bad input.

Every error a user can cause prints as a single line (``path:line: message``)
with no traceback; the CLI catches :class:`ProxywatchError` and nothing else. Exit status: 2 for a
:class:`ProxywatchError` (how the command was called: flags, files named, settings), 1 for a
:class:`WorkError` (the request was fine but the work could not be done: a damaged or locked database,
a full disk, nothing to analyse).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ProxywatchError",
    "InputProblem",
    "ContractError",
    "SettingsError",
    "StoreError",
    "WorkError",
    "ParameterError",
]


class ProxywatchError(Exception):
    """Base class: an error with a message fit to show a user on one line."""


class ContractError(ProxywatchError, ValueError):
    """A record does not follow ``shared/contract/EVENTS.md``."""


class SettingsError(ProxywatchError):
    """A setting has a bad value, or the settings file cannot be read."""


class WorkError(ProxywatchError):
    """The command was well formed, but its work could not be done (exit status 1, not 2)."""


class StoreError(WorkError):
    """The database cannot be opened, migrated or written.

    ``kind`` says why (see :mod:`proxywatch.store.faults`): ``disk_full``, ``locked``, ``corrupt``,
    ``foreign``, ``schema``, ``permission``, ``data`` (the rows written, not the database) or ``other``.
    """

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


class ParameterError(ProxywatchError, ValueError):
    """A filter or option has a bad value; ``param`` names it (``target_country``), as the HTTP API spells it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class InputProblem:
    """One piece of bad input: reported, skipped, and the batch goes on. ``kept`` marks a warning about
    input that is still used (an unreadable date dropped from an article that is kept)."""

    path: str
    message: str
    line: int | None = None
    kept: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    @classmethod
    def at(cls, path: Path | str, message: str, line: int | None = None, kept: bool = False) -> "InputProblem":
        return cls(str(path), " ".join(message.split()), line, kept)
