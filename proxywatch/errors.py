"""Errors raised by proxywatch, and the one-line problem report for bad input.

Every error a user can cause prints as a single line (``path:line: message``)
with no traceback; the CLI catches :class:`ProxywatchError` and nothing else.
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
    "ParameterError",
]


class ProxywatchError(Exception):
    """Base class: an error with a message fit to show a user on one line."""


class ContractError(ProxywatchError, ValueError):
    """A record does not follow ``shared/contract/EVENTS.md``."""


class SettingsError(ProxywatchError):
    """A setting has a bad value, or the settings file cannot be read."""


class StoreError(ProxywatchError):
    """The database cannot be opened, migrated or written."""


class ParameterError(ProxywatchError, ValueError):
    """A filter or option has a bad value; ``param`` names it (``target_country``), as the HTTP API spells it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class InputProblem:
    """One piece of bad input: reported, skipped, and the batch goes on."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    @classmethod
    def at(cls, path: Path | str, message: str, line: int | None = None) -> "InputProblem":
        return cls(str(path), " ".join(message.split()), line)
