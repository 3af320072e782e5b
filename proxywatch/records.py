"""Typed, frozen records mirroring the record contract (``shared/contract/EVENTS.md``, v1).

Every stage of proxywatch passes these records, never loose dicts. ``to_json``
gives the contract's JSON form; ``from_json`` reads it back and rejects what
the contract forbids with a :class:`~proxywatch.errors.ContractError`. The JSON
Schema of the event record is generated from these classes by pydantic
(:func:`event_json_schema`), so the schema cannot drift from the code: the
vocabularies are ``Literal`` types and the constraints ``Annotated`` ones, which
the checks here read too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, Mapping, Optional, TypeVar, Union

from pydantic import Field

from proxywatch.errors import ContractError

__all__ = [
    "SCHEMA_ID",
    "ADDED_FIELDS",
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
    "lone_surrogate",
    "published_day",
]

SCHEMA_ID = "proxywatch.event/1"

# Fields proxywatch writes beyond the contract (which lets code add fields, never rename or re-type them): always
# written, but optional in the JSON Schema, so a contract record from elsewhere stays valid without them.
ADDED_FIELDS: dict[str, tuple[str, ...]] = {"Place": ("inferred",)}

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

# Constrained types: pydantic writes them into the JSON Schema; the contract checks below read the Literals.
Alpha3 = Annotated[str, Field(pattern="^[A-Z]{3}$")]
IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]
NonNegative = Annotated[int, Field(ge=0)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Share = Annotated[float, Field(ge=0, le=1)]
# pydantic's settings for the records: unknown keys are allowed; every field is in the output (required)
_SCHEMA_CONFIG = {"extra": "allow", "json_schema_serialization_defaults_required": True}


def published_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 ``published`` value ("2024-01-29", "2024-01-29T10:00:00Z"), or None
    (the extractor then has no day to resolve "on Monday" against; readers warn about such a value)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: Any, where: str = "text") -> str | None:
    """Where the first lone surrogate is in a string or in the strings (keys too) of a nested value, or None.

    A lone surrogate (a JSON escape such as ``\\udc00`` with no partner) is not a character: it cannot be
    written as UTF-8, so no stage downstream can store or print it.
    """
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found is None:
            return None
        return f"{where} holds a lone surrogate (\\u{ord(found.group()):04x}) at character {found.start()}"
    if isinstance(value, Mapping):
        for key, item in value.items():
            hit = lone_surrogate(key, f"a key in {where}") or lone_surrogate(item, f"{where}.{key}")
            if hit:
                return hit
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            hit = lone_surrogate(item, f"{where}[{n}]")
            if hit:
                return hit
    return None


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

    def __post_init__(self) -> None:
        for name in ARTICLE_FIELDS:
            found = lone_surrogate(getattr(self, name), f"field {name!r}")
            if found:
                raise ContractError(f"{found}; not text")
        found = lone_surrogate(self.metadata, "metadata")
        if found:
            raise ContractError(f"{found}; not text")

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

    __pydantic_config__ = _SCHEMA_CONFIG
    text: str
    id: Optional[str] = None
    name: Optional[str] = None
    country: Optional[Alpha3] = None
    kind: Optional[Literal[PARTY_KINDS]] = None
    sponsors: tuple[Alpha3, ...] = ()

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class Place(_Record):
    """Where the event happened, as resolved against the gazetteer."""

    __pydantic_config__ = _SCHEMA_CONFIG
    text: str
    name: Optional[str] = None
    country: Optional[Alpha3] = None
    admin1: Optional[str] = None
    lat: Optional[Latitude] = None
    lon: Optional[Longitude] = None
    precision: Optional[Literal[PLACE_PRECISIONS]] = None
    # True when the evidence sentence names no place and this one was inferred from the article (its dateline,
    # headline and lead all place it in one country); ``precision`` says how coarse it is. An added field.
    inferred: bool = False

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class DateSpan(_Record):
    """When: ISO dates, ``start == end`` for a single day; ``None`` start is unknown."""

    __pydantic_config__ = _SCHEMA_CONFIG
    start: Optional[IsoDate] = None
    end: Optional[IsoDate] = None
    precision: Optional[Literal[DATE_PRECISIONS]] = None
    text: Optional[str] = None

    def __post_init__(self) -> None:
        _check_enums(self)


@dataclass(frozen=True)
class Count(_Record):
    """A bounded count; ``max`` is ``None`` for "at least" / "more than"."""

    __pydantic_config__ = _SCHEMA_CONFIG
    min: NonNegative
    max: Optional[NonNegative] = None

    def __post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise ContractError(f"count max {self.max} is below min {self.min}")


@dataclass(frozen=True)
class Evidence(_Record):
    """The sentence an event was read from: ``article.text[start:end] == text``."""

    __pydantic_config__ = _SCHEMA_CONFIG
    text: str
    start: NonNegative
    end: NonNegative


@dataclass(frozen=True)
class Event:
    """One event record out (contract section 2)."""

    __pydantic_config__ = _SCHEMA_CONFIG
    id: str
    article_id: str
    type: Literal[PLOVER_TYPES]
    evidence: Evidence
    mode: Optional[str] = None
    status: Literal[STATUSES] = "occurred"
    negated: bool = False
    actor: Optional[Party] = None
    target: Optional[Party] = None
    location: Optional[Place] = None
    date: Optional[DateSpan] = None
    fatalities: Optional[Count] = None
    injuries: Optional[Count] = None
    aggregate: Optional[Count] = None
    confidence: Share = 0.5
    schema: Literal[SCHEMA_ID] = SCHEMA_ID

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
        schema = data.get("schema", SCHEMA_ID) if isinstance(data, Mapping) else SCHEMA_ID
        if schema != SCHEMA_ID:
            raise ContractError(f"unknown schema {schema!r} (expected {SCHEMA_ID!r})")
        return _from_plain(cls, data, "event")


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


def _literal(hint: Any) -> tuple[Any, ...] | None:
    """The allowed values of a ``Literal`` type (optional or not), else None."""
    inner, _ = _split_optional(hint)
    return typing.get_args(inner) if typing.get_origin(inner) is Literal else None


def _check_enums(obj: Any) -> None:
    cls = type(obj)
    if cls not in _ENUMS:
        hints = _hints(cls)
        _ENUMS[cls] = tuple((f.name, _literal(hints[f.name])) for f in _fields(cls) if _literal(hints[f.name]))
    for name, allowed in _ENUMS[cls]:
        value = getattr(obj, name)
        if value is not None and value not in allowed:
            raise ContractError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in _fields(type(value))}
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
    if typing.get_origin(inner) is Literal:
        inner = str  # the value itself is checked against the vocabulary by the record (_check_enums)
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


# --- JSON Schema, generated from the same classes by pydantic --------------------------


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an event record, generated from :class:`Event` by pydantic."""
    from pydantic import TypeAdapter

    body = TypeAdapter(Event).json_schema(mode="serialization")
    for name, added in ADDED_FIELDS.items():  # fields beyond the contract: written by us, not required of others
        definition = body.get("$defs", {}).get(name, {})
        definition["required"] = [f for f in definition.get("required", []) if f not in added]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://proxywatch.invalid/schema/event-1.json",
        **body,
        "title": SCHEMA_ID,
    }
