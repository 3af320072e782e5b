"""JSON Schemas of the knowledge-base files, checked when a file is loaded.

A bad entry stops the load with one line naming the file and the entry: ``actors.yaml: actors[12]
(id 'hamas'): 'kind' must be one of ...``. Cross-entry rules (unknown parents, shared aliases,
coordinates outside the country) are :mod:`proxywatch.resolve.check`'s business.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from proxywatch.errors import ProxywatchError
from proxywatch.records import PARTY_KINDS, PLACE_PRECISIONS

__all__ = ["KB_SCHEMA", "validate_kb_file"]

_DAY = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_ISO3 = {"type": "string", "pattern": "^[A-Z]{3}$"}
_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}}
_LINK = {
    "type": "object", "additionalProperties": False, "required": ["id"],
    "properties": {"id": {"type": "string", "minLength": 1}, "since": _DAY, "until": _DAY},
}

ACTOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "kind"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "name": {"type": "string", "minLength": 1},
        "aliases": _NAMES,
        "country": {"anyOf": [_ISO3, {"type": "null"}]},
        "kind": {"enum": list(PARTY_KINDS)},
        "parent": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"},
                             {"type": "array", "items": _LINK, "minItems": 1}]},
        "wikidata": {"anyOf": [{"type": "string", "pattern": r"^Q[1-9]\d*$"}, {"type": "null"}]},
        "sponsors": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["state", "source"],
            "properties": {"state": _ISO3, "since": _DAY, "until": _DAY,
                           "source": {"type": "string", "minLength": 3}},
        }},
        "prefer": _NAMES,
        "note": {"type": "string"},
    },
}

PLACE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "country", "lat", "lon", "precision", "source"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "aliases": _NAMES,
        "country": {"anyOf": [_ISO3, {"type": "null"}]},
        "admin1": {"type": ["string", "null"]},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "precision": {"enum": list(PLACE_PRECISIONS)},
        "source": {"type": "string", "minLength": 3},
        "note": {"type": "string"},
        "hosts": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["actor", "source"],
            "properties": {"actor": {"type": "string", "minLength": 1}, "since": _DAY, "until": _DAY,
                           "source": {"type": "string", "minLength": 3}},
        }},
    },
}

KB_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"actors": {"type": ["array", "null"]}, "places": {"type": ["array", "null"]}},
}

_VALIDATORS = {
    "file": jsonschema.Draft202012Validator(KB_SCHEMA),
    "actors": jsonschema.Draft202012Validator(ACTOR_SCHEMA),
    "places": jsonschema.Draft202012Validator(PLACE_SCHEMA),
}


def _message(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    text = " ".join(error.message.split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{where}: {text}" if where else text


def validate_kb_file(data: Any, where: str) -> None:
    """Raise :class:`ProxywatchError` on the first schema violation in a parsed KB file."""
    error = jsonschema.exceptions.best_match(_VALIDATORS["file"].iter_errors(data))
    if error is not None:
        raise ProxywatchError(f"{where}: {_message(error)}")
    for section in ("actors", "places"):
        for n, entry in enumerate(data.get(section) or ()):
            error = jsonschema.exceptions.best_match(_VALIDATORS[section].iter_errors(entry))
            if error is None:
                continue
            label = entry.get("id") or entry.get("name") if isinstance(entry, dict) else None
            named = f" ({'id' if section == 'actors' else 'name'} {label!r})" if label else ""
            raise ProxywatchError(f"{where}: {section}[{n}]{named}: {_message(error)}")
