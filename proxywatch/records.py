"""Typed, frozen records mirroring the record contract (``shared/contract/EVENTS.md``, v1).

Every stage of proxywatch passes these records, never loose dicts. ``to_json``
gives the contract's JSON form; ``from_json`` reads it back and rejects what
the contract forbids with a :class:`~proxywatch.errors.ContractError`. The JSON
Schema of the event record is generated from these classes by
:func:`event_json_schema`, so the schema cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping, TypeVar, Union

from proxywatch.errors import ContractError

__all__ = [
    "SCHEMA_ID",
    "PLOVER_TYPES",
    "ASSAULT_MODES",
    "STATUSES",
    "PARTY_KINDS",
    "PLACE_PRECISIONS",
    "DATE_PRECISIONS",
    "ARTICLE_FIELDS",
    "Article",
    "Party",
    "Place",
    "DateSpan",
    "Count",
    "Evidence",
    "Event",
    "event_id",
    "event_json_schema",
]

SCHEMA_ID = "proxywatch.event/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ASSAULT_MODES = (
    "aerial", "drone", "missile", "rocket", "artillery", "firearms", "explosives",
    "suicide", "naval", "abduction", "other",
)
STATUSES = ("occurred", "planned", "threatened", "denied", "hypothetical")
PARTY_KINDS = ("state", "military", "government", "armed_group", "civilians", "organization", "person")
PLACE_PRECISIONS = ("site", "city", "admin1", "country", "region", "sea")
# The contract names "day" and "month"; the others cover weeks, years and spans.
DATE_PRECISIONS = ("day", "week", "month", "year", "range")
# Article fields the contract names; anything else in an input line is metadata.
ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "source", "author", "section", "keywords")


T = TypeVar("T")


def _enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"enum": list(values)}


@dataclass(frozen=True)
class Article:
    """An article in (contract section 1). ``metadata`` keeps unknown input fields."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    section: str | None = None
    keywords: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def content_hash(self) -> str:
        """Hash of everything extraction reads: a changed hash means re-extract."""
        payload = json.dumps([self.text, self.published, self.title], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.metadata)
        for name in ARTICLE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Article":
        """Build an article from a contract input object; raise ContractError if unusable."""
        if not isinstance(data, Mapping):
            raise ContractError("an article must be a JSON object")
        missing = [name for name in ("id", "text") if data.get(name) is None]
        if missing:
            raise ContractError(f"missing required field {' and '.join(repr(m) for m in missing)}")
        values: dict[str, Any] = {}
        for name in ARTICLE_FIELDS:
            value = data.get(name)
            if value is None:
                continue
            if name == "keywords" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ", ".join(value)
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise ContractError(f"field {name!r} must be a string, not {type(value).__name__}")
            values[name] = value
        if not values["id"].strip():
            raise ContractError("field 'id' is empty")
        if not values["text"].strip():
            raise ContractError("field 'text' is empty")
        metadata = {k: v for k, v in data.items() if k not in ARTICLE_FIELDS}
        return cls(**values, metadata=metadata)


class _Record:
    """Contract JSON for the nested records: ``to_json`` and ``from_json``, driven by the fields."""

    def to_json(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
        return _from_plain(cls, data, cls.__name__.lower())


@dataclass(frozen=True)
class Party(_Record):
    """An actor or target: who did it, or to whom."""

    text: str
    id: str | None = None
    name: str | None = None
    country: str | None = field(default=None, metadata={"pattern": "^[A-Z]{3}$"})
    kind: str | None = field(default=None, metadata=_enum(PARTY_KINDS))
    sponsors: tuple[str, ...] = field(default=(), metadata={"items_pattern": "^[A-Z]{3}$"})

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class Place(_Record):
    """Where the event happened, as resolved against the gazetteer."""

    text: str
    name: str | None = None
    country: str | None = field(default=None, metadata={"pattern": "^[A-Z]{3}$"})
    admin1: str | None = None
    lat: float | None = field(default=None, metadata={"minimum": -90, "maximum": 90})
    lon: float | None = field(default=None, metadata={"minimum": -180, "maximum": 180})
    precision: str | None = field(default=None, metadata=_enum(PLACE_PRECISIONS))
    # True when the evidence sentence names no place and this one was inferred from the article (its dateline,
    # headline and lead all place it in one country); ``precision`` says how coarse it is. Written only when true.
    inferred: bool = field(default=False, metadata={"omit_default": True})

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class DateSpan(_Record):
    """When: ISO dates, ``start == end`` for a single day; ``None`` start is unknown."""

    start: str | None = field(default=None, metadata={"format": "date"})
    end: str | None = field(default=None, metadata={"format": "date"})
    precision: str | None = field(default=None, metadata=_enum(DATE_PRECISIONS))
    text: str | None = None

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class Count(_Record):
    """A bounded count; ``max`` is ``None`` for "at least" / "more than"."""

    min: int = field(metadata={"minimum": 0})
    max: int | None = field(default=None, metadata={"minimum": 0})

    def __post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise ContractError(f"count max {self.max} is below min {self.min}")


@dataclass(frozen=True)
class Evidence(_Record):
    """The sentence an event was read from: ``article.text[start:end] == text``."""

    text: str
    start: int = field(metadata={"minimum": 0})
    end: int = field(metadata={"minimum": 0})


@dataclass(frozen=True)
class Event:
    """One event record out (contract section 2)."""

    id: str
    article_id: str
    type: str = field(metadata=_enum(PLOVER_TYPES))
    evidence: Evidence
    mode: str | None = None
    status: str = field(default="occurred", metadata=_enum(STATUSES))
    negated: bool = False
    actor: Party | None = None
    target: Party | None = None
    location: Place | None = None
    date: DateSpan | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    aggregate: Count | None = None
    confidence: float = field(default=0.5, metadata={"minimum": 0, "maximum": 1})
    schema: str = field(default=SCHEMA_ID, metadata={"const": SCHEMA_ID})

    # The contract's key order, used for output.
    KEY_ORDER: ClassVar[tuple[str, ...]] = (
        "schema", "id", "article_id", "type", "mode", "status", "negated", "actor", "target",
        "location", "date", "fatalities", "injuries", "aggregate", "evidence", "confidence",
    )

    def __post_init__(self) -> None:
        _check_enums(self)
        if self.type == "ASSAULT" and self.mode is not None and self.mode not in ASSAULT_MODES:
            raise ContractError(f"ASSAULT mode must be one of {', '.join(ASSAULT_MODES)}, not {self.mode!r}")

    def to_json(self) -> dict[str, Any]:
        raw = _to_plain(self)
        return {key: raw[key] for key in self.KEY_ORDER}

    def to_json_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Event":
        event = _from_plain(cls, data, "event")
        if event.schema != SCHEMA_ID:
            raise ContractError(f"unknown schema {event.schema!r} (expected {SCHEMA_ID!r})")
        return event


def event_id(article_id: str, evidence: Evidence, type_: str, ordinal: int) -> str:
    """A stable id: the same article, sentence, type and position give the same id."""
    key = "\x1f".join([article_id, str(evidence.start), str(evidence.end), evidence.text, type_, str(ordinal)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


# --- generic conversion, driven by the dataclass fields -------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


_FIELDS: dict[type, tuple[dataclasses.Field, ...]] = {}
_ENUMS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    if cls not in _FIELDS:  # read once per class: every record made or written asks
        _FIELDS[cls] = tuple(f for f in dataclasses.fields(cls) if f.name != "metadata")
    return _FIELDS[cls]


def _check_enums(obj: Any) -> None:
    cls = type(obj)
    if cls not in _ENUMS:
        _ENUMS[cls] = tuple((f.name, f.metadata.get("enum")) for f in _fields(cls) if f.metadata.get("enum"))
    for name, allowed in _ENUMS[cls]:
        value = getattr(obj, name)
        if value is not None and value not in allowed:
            raise ContractError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):  # a field marked ``omit_default`` is written only when it is not its default
        return {f.name: _to_plain(getattr(value, f.name)) for f in _fields(type(value))
                if not (f.metadata.get("omit_default") and getattr(value, f.name) == f.default)}
    if isinstance(value, tuple):
        return [_to_plain(v) for v in value]
    return value


def _split_optional(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _from_plain(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, Mapping):
        raise ContractError(f"{where} must be a JSON object")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in _fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if f.name not in data:
            if required:
                raise ContractError(f"{where}: missing field {f.name!r}")
            continue
        values[f.name] = _coerce(hints[f.name], data[f.name], f"{where}.{f.name}")
    try:
        return cls(**values)
    except ContractError as exc:
        raise ContractError(f"{where}: {exc}") from None


def _coerce(hint: Any, value: Any, where: str) -> Any:
    inner, optional = _split_optional(hint)
    if value is None:
        if optional:
            return None
        raise ContractError(f"{where} must not be null")
    if dataclasses.is_dataclass(inner):
        return _from_plain(inner, value, where)
    if typing.get_origin(inner) is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ContractError(f"{where} must be a list of strings")
        return tuple(value)
    if inner is bool:
        ok = isinstance(value, bool)
    elif inner is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif inner is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    else:
        ok = isinstance(value, inner)
    if not ok:
        raise ContractError(f"{where} must be {getattr(inner, '__name__', inner)}, not {type(value).__name__}")
    return value


# --- JSON Schema, generated from the same classes --------------------------------------

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _schema_for(hint: Any, meta: Mapping[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    inner, optional = _split_optional(hint)
    if dataclasses.is_dataclass(inner):
        name = inner.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(inner, defs)
        schema: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
    elif typing.get_origin(inner) is tuple:
        item: dict[str, Any] = {"type": "string"}
        if "items_pattern" in meta:
            item["pattern"] = meta["items_pattern"]
        schema = {"type": "array", "items": item}
    else:
        schema = {"type": _JSON_TYPES[inner]}
        for key in ("enum", "pattern", "minimum", "maximum", "format", "const"):
            if key in meta:
                schema[key] = meta[key]
    if optional:
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props = {f.name: _schema_for(hints[f.name], f.metadata, defs) for f in _fields(cls)}
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": props,
        # Contract output always carries every field, null where unknown (added fields written only when set
        # are optional).
        "required": [f.name for f in _fields(cls) if not f.metadata.get("omit_default")],
        "additionalProperties": True,
    }


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an event record, generated from :class:`Event`."""
    defs: dict[str, Any] = {}
    body = _object_schema(Event, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://proxywatch.invalid/schema/event-1.json",
        "title": SCHEMA_ID,
        **body,
        "$defs": defs,
    }
