"""The store interface: what every backend offers, written once over a handful of primitives.

``Store(db)`` opens the backend ``db`` names: a file path (or ``:memory:``) is a DuckDB file
(:mod:`proxywatch.store.duck`), ``postgresql://...`` a PostgreSQL database
(:mod:`proxywatch.store.pg`). Every query here is written once, in DuckDB's dialect; the
PostgreSQL backend translates it (:mod:`proxywatch.store.dialect`). Writes are bulk: one Arrow
insert (DuckDB) or one ``COPY`` (PostgreSQL) per table per batch.

The store stores; it does not merge. ``jobs.py`` composes a write: inside one
:meth:`Store.transaction` it calls :meth:`Store.put_rows`, asks ``merge.py`` which canonical
events change (the store answers its questions through :meth:`merge_mentions`,
:meth:`canonical_comembers` and :meth:`block_members`) and hands the result to
:meth:`replace_canonical`. A crash (even ``kill -9``) leaves whole batches or nothing.
"""

from __future__ import annotations

import base64
import binascii
import functools
import inspect
import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from proxywatch.errors import InputProblem, ParameterError, StoreError
from proxywatch.merge import CanonicalEvent, Mention, block_of, effective_span, eligible, source_key
from proxywatch.records import Article, Count, DateSpan, Event, Party, Place
from proxywatch.store.faults import check_schema, store_error
from proxywatch.store.migrations import MIGRATIONS

__all__ = ["Store", "BatchRows", "batch_rows", "to_arrow", "EventQuery", "EventPage", "EVENT_COLUMNS", "CANONICAL_COLUMNS", "TABLES", "PAGE_SOURCES", "SORTS",
           "is_postgres", "order_by", "encode_cursor", "decode_cursor"]


def is_postgres(db: str | Path) -> bool:
    """True when ``--db`` names a PostgreSQL database rather than a DuckDB file."""
    return str(db).startswith(("postgresql://", "postgres://"))


# Column names and DuckDB types of the tables written in bulk (migrations.py creates them).
_PARTY = lambda p: [(f"{p}_text", "VARCHAR"), (f"{p}_id", "VARCHAR"), (f"{p}_name", "VARCHAR"),  # noqa: E731
                    (f"{p}_country", "VARCHAR"), (f"{p}_kind", "VARCHAR"), (f"{p}_sponsors", "VARCHAR[]")]
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "VARCHAR"), ("content_hash", "VARCHAR"), ("published", "VARCHAR"),
                 ("published_date", "DATE"), ("title", "VARCHAR"), ("url", "VARCHAR"), ("source", "VARCHAR"),
                 ("text", "VARCHAR"), ("record", "VARCHAR"), ("ingested_at", "TIMESTAMP")],
    "events": [("id", "VARCHAR"), ("article_id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
               ("status", "VARCHAR"), ("negated", "BOOLEAN"), *_PARTY("actor"), *_PARTY("target"),
               ("location_text", "VARCHAR"), ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
               ("location_admin1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
               ("location_precision", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"),
               ("date_precision", "VARCHAR"), ("date_text", "VARCHAR"),
               *[(f"{n}_{b}", "INTEGER") for n in ("fatalities", "injuries", "aggregate") for b in ("min", "max")],
               ("evidence_text", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
               ("confidence", "DOUBLE"), ("record", "VARCHAR")],
    "canonical_events": [("id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"), *_PARTY("actor"),
                         *_PARTY("target"), ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
                         ("location_admin1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
                         ("location_precision", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"),
                         ("date_precision", "VARCHAR"),
                         *[(f"{n}_{b}", "INTEGER") for n in ("fatalities", "injuries") for b in ("low", "best", "high")],
                         ("mentions", "INTEGER"), ("sources", "INTEGER"), ("record", "VARCHAR")],
    "canonical_mentions": [("canonical_id", "VARCHAR"), ("event_id", "VARCHAR"), ("article_id", "VARCHAR")],
    "merge_index": [("event_id", "VARCHAR"), ("article_id", "VARCHAR"), ("block", "VARCHAR"),
                    ("any_block", "VARCHAR"), ("match_start", "DATE")],
}
# Contract fields flattened to columns; the full record is kept in ``record``.
EVENT_COLUMNS = tuple(c for c, _ in TABLES["events"])
CANONICAL_COLUMNS = tuple(c for c, _ in TABLES["canonical_events"])


@dataclass(frozen=True)
class EventQuery:
    """Filters shared by ``events`` and the analysis commands; ``None`` means any."""

    type: str | None = None
    actor: str | None = None
    sponsor: str | None = None
    country: str | None = None
    target_country: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A SQL ``WHERE`` clause and its parameters over the events table."""
        clauses, params = ["TRUE"], []
        if self.type:
            clauses.append(f"{alias}.type = ?")
            params.append(self.type.upper())
        if self.actor:
            clauses.append(
                f"(contains(lower({alias}.actor_text), ?) OR contains(lower({alias}.actor_name), ?) "
                f"OR {alias}.actor_id = ?)"
            )
            needle = self.actor.lower()  # a plain substring: % and _ are not wildcards
            params += [needle, needle, self.actor]
        if self.sponsor:
            clauses.append(f"list_contains({alias}.actor_sponsors, ?)")
            params.append(self.sponsor.upper())
        if self.country:
            clauses.append(f"{alias}.location_country = ?")
            params.append(self.country.upper())
        if self.target_country:
            clauses.append(f"{alias}.target_country = ?")
            params.append(self.target_country.upper())
        if self.since:
            clauses.append(f"{alias}.date_start >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            clauses.append(f"{alias}.date_start <= CAST(? AS DATE)")
            params.append(self.until)
        return " AND ".join(clauses), params


# --- listing events: sources, sort orders and keyset cursors ---------------------------------------
# What ``Store.event_page`` lists: canonical events, the single occurred mentions analysis counts, or
# every stored mention record. Each is ``FROM <table> e WHERE <extra>`` so EventQuery.where applies.
PAGE_SOURCES: dict[str, tuple[str, str]] = {
    "canonical": ("canonical_events", "TRUE"),
    "mentions": ("events", "e.status = 'occurred' AND NOT e.negated AND e.aggregate_min IS NULL "
                           "AND e.aggregate_max IS NULL"),
    "all-mentions": ("events", "TRUE"),
}
# Unknown dates and counts sort last in both directions (a sentinel past the end of the order).
_LAST_DATE = {False: "DATE '9999-12-31'", True: "DATE '0001-01-01'"}
_LAST_INT = {False: "2147483647", True: "-1"}
# Ties are broken as the CLI lists events (date, then type and id / article, position and id).
_TIES = {"canonical": [("e.type", "VARCHAR"), ("e.id", "VARCHAR")],
         "events": [("e.article_id", "VARCHAR"), ("e.evidence_start", "INTEGER"), ("e.id", "VARCHAR")]}
SORTS: dict[str, str] = {
    "date": "start date (unknown last)",
    "fatalities": "fatalities, best estimate (a mention's lower bound; unknown last)",
    "sources": "independent sources (canonical events)",
    "type": "PLOVER type",
    "country": "country where it happened",
    "actor": "actor name",
}


def _sort_keys(sort: str, table: str, descending: bool) -> list[tuple[str, str]]:
    """The ORDER BY keys (SQL over alias ``e``, and the key's type) of a sort order."""
    day = (f"coalesce(e.date_start, {_LAST_DATE[descending]})", "DATE")
    fatalities = "e.fatalities_best" if table == "canonical_events" else "e.fatalities_min"
    first = {
        "date": [],
        "fatalities": [(f"coalesce({fatalities}, {_LAST_INT[descending]})", "INTEGER")],
        "sources": [("e.sources", "INTEGER")] if table == "canonical_events" else [],
        "type": [("e.type", "VARCHAR")],
        "country": [("coalesce(e.location_country, '')", "VARCHAR")],
        "actor": [("coalesce(e.actor_name, e.actor_text, '')", "VARCHAR")],
    }[sort]
    keys = first + [day] + _TIES["canonical" if table == "canonical_events" else "events"]
    return list(dict.fromkeys(keys))  # sort=type: the type key once


def _raw_key(sql: str, descending: bool) -> tuple[str, str] | None:
    """The column and sentinel of a key ``coalesce(e.col, <unknown-last sentinel>)``, else None.

    The sentinel sorts after every value in the key's direction, so for a cut ``c`` other than the
    sentinel, ``coalesce(col, sentinel) <= c`` (``>=`` descending) holds exactly when ``col <= c``.
    """
    for sentinel in (_LAST_DATE[descending], _LAST_INT[descending]):
        if sql.startswith("coalesce(e.") and sql.endswith(f", {sentinel})") and sql.count(",") == 1:
            value = sentinel.removeprefix("DATE ").strip("'")
            return sql[len("coalesce("):-len(f", {sentinel})")], value
    return None


def order_by(sort: str, table: str, descending: bool = False) -> str:
    """The ``ORDER BY`` list of a sort order; the CLI's listings use ``sort="date"``."""
    return ", ".join(f"{sql}{' DESC' if descending else ''}" for sql, _ in _sort_keys(sort, table, descending))


def _after(keys: list[tuple[str, str]], forward: bool) -> str:
    """SQL: the row comes after (or, ``forward=False``, before) the cursor's key values, lexicographically."""
    op = ">" if forward else "<"
    terms = []
    for i, (sql, kind) in enumerate(keys):
        equal = [f"{k} = CAST(? AS {t})" for k, t in keys[:i]]
        terms.append("(" + " AND ".join([*equal, f"{sql} {op} CAST(? AS {kind})"]) + ")")
    return "(" + " OR ".join(terms) + ")"


def _after_params(values: list[Any]) -> list[Any]:
    return [v for i in range(len(values)) for v in values[: i + 1]]


def encode_cursor(values: Sequence[Any]) -> str:
    text = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The key values a cursor holds; a cursor that was not made by :func:`encode_cursor` is refused."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != size or not all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        raise ParameterError("cursor", "cursor is not one this listing gave out (sort and source must not change)")
    return values


@dataclass(frozen=True)
class EventPage:
    """One page of a listing: records in order, how many match in all, and cursors to either side."""

    source: str
    sort: str
    descending: bool
    total: int
    records: list[dict[str, Any]]
    next_cursor: str | None
    prev_cursor: str | None


# --- records <-> rows ------------------------------------------------------------------------------

def _party(prefix: str, party: Any) -> dict[str, Any]:
    names = ("text", "id", "name", "country", "kind")
    row = {f"{prefix}_{n}": getattr(party, n) if party else None for n in names}
    row[f"{prefix}_sponsors"] = list(party.sponsors) if party else []
    return row


def _event_row(event: Event) -> tuple[Any, ...]:
    loc, day = event.location, event.date
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "type": event.type, "mode": event.mode,
        "status": event.status, "negated": event.negated,
        **_party("actor", event.actor), **_party("target", event.target),
        "location_text": loc.text if loc else None, "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None, "location_admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "date_start": day.start if day else None, "date_end": day.end if day else None,
        "date_precision": day.precision if day else None, "date_text": day.text if day else None,
        "evidence_text": event.evidence.text, "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end, "confidence": event.confidence,
        "record": event.to_json_line(),
    }
    for name in ("fatalities", "injuries", "aggregate"):
        count = getattr(event, name)
        row[f"{name}_min"] = count.min if count else None
        row[f"{name}_max"] = count.max if count else None
    return tuple(row[c] for c in EVENT_COLUMNS)


def _canonical_row(event: CanonicalEvent) -> tuple[Any, ...]:
    row: dict[str, Any] = {"id": event.id, "type": event.type, "mode": event.mode,
                           **_party("actor", event.actor), **_party("target", event.target)}
    loc, day = event.location, event.date
    row.update({
        "location_name": (loc.name or loc.text) if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "location_precision": loc.precision if loc else None,
        "date_start": day.start if day else None, "date_end": day.end if day else None,
        "date_precision": day.precision if day else None,
        "mentions": len(event.mention_ids), "sources": len(event.sources),
        "record": json.dumps(event.to_json(), ensure_ascii=False),
    })
    for name in ("fatalities", "injuries"):
        row[f"{name}_low"], row[f"{name}_best"], row[f"{name}_high"] = getattr(event, name)
    return tuple(row[c] for c in CANONICAL_COLUMNS)


def _published_date(value: str | None) -> str | None:
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return value[:10]
    return None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _row_party(values: Sequence[Any]) -> Party | None:
    text, id_, name, country, kind, sponsors = values
    if text is None:
        return None
    return Party(text=text, id=id_, name=name, country=country, kind=kind, sponsors=tuple(sponsors or ()))


def _row_count(low: Any, high: Any) -> Count | None:
    return None if low is None else Count(low, high)


# Eligible mentions (single, occurred, not negated) with their article's source: what merging reads.
_ELIGIBLE = "e.status = 'occurred' AND NOT e.negated AND e.aggregate_min IS NULL AND e.aggregate_max IS NULL"
_MENTION_COLUMNS = """e.id, e.article_id, e.type, e.mode,
    e.actor_text, e.actor_id, e.actor_name, e.actor_country, e.actor_kind, e.actor_sponsors,
    e.target_text, e.target_id, e.target_name, e.target_country, e.target_kind, e.target_sponsors,
    e.location_text, e.location_name, e.location_country, e.location_admin1, e.lat, e.lon, e.location_precision,
    e.date_start, e.date_end, e.date_precision, e.date_text,
    e.fatalities_min, e.fatalities_max, e.injuries_min, e.injuries_max, e.evidence_text, e.evidence_start"""
_MENTION_FIELDS = tuple(c.strip().removeprefix("e.") for c in _MENTION_COLUMNS.split(","))
_DATE_FIELDS = frozenset(i for i, c in enumerate(_MENTION_FIELDS) if dict(TABLES["events"])[c] == "DATE")
_MENTIONS = f"""SELECT {_MENTION_COLUMNS}, a.published_date, a.source, a.url
  FROM events e JOIN articles a ON a.id = e.article_id WHERE {_ELIGIBLE}"""


def _as_date(value: str | date | None) -> date | None:
    """A DATE column's value as the database returns it (the rows of a batch hold ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _eligible_row(values: Sequence[Any]) -> bool:
    """``_ELIGIBLE`` over (status, negated, aggregate_min, aggregate_max), in Python."""
    status, negated, aggregate_min, aggregate_max = values
    return status == "occurred" and not negated and aggregate_min is None and aggregate_max is None


def _mention(row: Sequence[Any]) -> Mention:
    """A mention from one row of ``_MENTIONS``."""
    (id_, article_id, type_, mode), actor, target = row[:4], row[4:10], row[10:16]
    loc_text, loc_name, loc_country, admin1, lat, lon, precision = row[16:23]
    d_start, d_end, d_precision, d_text = row[23:27]
    f_min, f_max, i_min, i_max, evidence, position, published, source, url = row[27:36]
    place = None if loc_text is None else Place(loc_text, loc_name, loc_country, admin1, lat, lon, precision)
    span = None if d_start is None and d_end is None else DateSpan(_iso(d_start), _iso(d_end), d_precision, d_text)
    start, end, dated = effective_span(span, _iso(published))
    return Mention(id=id_, article_id=article_id, source=source_key(article_id, source, url), type=type_,
                   mode=mode, actor=_row_party(actor), target=_row_party(target), place=place, date=span,
                   start=start, end=end, dated=dated, fatalities=_row_count(f_min, f_max),
                   injuries=_row_count(i_min, i_max), evidence=evidence, position=position)


def _index_row(m: Mention) -> tuple[Any, ...] | None:
    block = block_of(m)
    return None if block is None else (m.id, m.article_id, block.key, block.any_key, block.start)


# Arrow types of the columns written in bulk; dates travel as ISO text (each backend casts them)
_ARROW = {"VARCHAR": pa.string(), "VARCHAR[]": pa.list_(pa.string()), "DOUBLE": pa.float64(),
          "INTEGER": pa.int64(), "BOOLEAN": pa.bool_(), "DATE": pa.string(), "TIMESTAMP": pa.timestamp("us")}


def _arrow_value(kind: str, value: Any) -> Any:
    return value.isoformat() if kind == "DATE" and value is not None and not isinstance(value, str) else value


def to_arrow(table: str, rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    """Rows of ``table`` (every column of ``TABLES[table]``, in order) as one Arrow table."""
    spec = TABLES[table]
    columns = list(zip(*rows)) if rows else [()] * len(spec)
    return pa.table({name: pa.array([_arrow_value(kind, v) for v in values], _ARROW[kind])
                     for (name, kind), values in zip(spec, columns)})


@dataclass(frozen=True)
class BatchRows:
    """What one extracted batch writes: its articles, events and merge-index entries as Arrow tables,
    the ids of its articles and of its eligible mentions (the seeds of the merge). Made without the
    store (:func:`batch_rows`), so a Dask worker makes them and hands back only these tables."""

    article_ids: tuple[str, ...]
    articles: pa.Table
    events: pa.Table
    merge_index: pa.Table
    seeds: tuple[str, ...]

    def mentions(self) -> list[Mention]:
        """The batch's eligible mentions, exactly as :meth:`Store.merge_mentions` reads them back once
        these rows are stored (made from the rows, so a batch's merge need not read its own rows)."""
        articles = {r[0]: r[1:] for r in zip(*(self.articles[c].to_pylist()
                                               for c in ("id", "published_date", "source", "url")))}
        names = [*_MENTION_FIELDS, "status", "negated", "aggregate_min", "aggregate_max"]
        found = []
        for row in zip(*(self.events[name].to_pylist() for name in names)):
            if _eligible_row(row[-4:]) and row[1] in articles:
                published, *rest = articles[row[1]]
                values = [_as_date(v) if i in _DATE_FIELDS else v for i, v in enumerate(row[:-4])]
                found.append(_mention((*values, _as_date(published), *rest)))
        return found

    def per_article(self) -> list["BatchRows"]:
        """The same rows cut into one :class:`BatchRows` per article (to write them one by one)."""
        parts = []
        for article_id in self.article_ids:
            events = self.events.filter(pc.equal(self.events["article_id"], article_id))
            mine = set(events["id"].to_pylist())
            articles = self.articles.filter(pc.equal(self.articles["id"], article_id))
            index = self.merge_index.filter(pc.equal(self.merge_index["article_id"], article_id))
            parts.append(BatchRows((article_id,), articles, events, index, tuple(s for s in self.seeds if s in mine)))
        return parts

    @classmethod
    def joined(cls, parts: Sequence["BatchRows"]) -> "BatchRows":
        """The rows of several batches as one."""
        if not parts:
            return batch_rows(())
        return cls(tuple(i for p in parts for i in p.article_ids),
                   *(pa.concat_tables([getattr(p, name) for p in parts]).combine_chunks()
                     for name in ("articles", "events", "merge_index")),
                   tuple(s for p in parts for s in p.seeds))


# what building an article's Arrow rows can raise: text the encoder refuses, a number no column holds
_ROW_ERRORS = (UnicodeError, OverflowError, pa.ArrowException)


def batch_rows(batch: Sequence[tuple[Article, Sequence[Event]]],
               on_problem: Callable[[InputProblem], None] | None = None) -> BatchRows:
    """The rows of articles with their events, as :meth:`Store.put_rows` writes them. With
    ``on_problem``, an article whose rows cannot be made is reported there and left out; without
    it, the error is raised."""
    try:
        return _batch_rows(batch)
    except _ROW_ERRORS:
        if on_problem is None:
            raise
    parts = []
    for article, found in batch:
        try:
            parts.append(_batch_rows([(article, found)]))
        except _ROW_ERRORS as exc:
            reason = (str(exc).splitlines() or [type(exc).__name__])[0]
            on_problem(InputProblem.at(f"article {article.id}", f"not stored (its rows cannot be written: "
                                                                 f"{reason}); skipped"))
    return BatchRows.joined(parts)


def _batch_rows(batch: Sequence[tuple[Article, Sequence[Event]]]) -> BatchRows:
    articles, events, index, seeds = [], [], [], []
    for article, found in batch:
        published = _published_date(article.published)
        articles.append((article.id, article.content_hash, article.published, published, article.title,
                         article.url, article.source, article.text,
                         json.dumps(article.to_json(), ensure_ascii=False, default=str), None))
        for event in found:
            events.append(_event_row(event))
            if eligible(event):
                seeds.append(event.id)
                row = _index_row(Mention.of(event, published, article.source, article.url))
                if row:
                    index.append(row)
    return BatchRows(tuple(a.id for a, _ in batch), to_arrow("articles", articles), to_arrow("events", events),
                     to_arrow("merge_index", index), tuple(seeds))


# (does this --db name me?, backend class), tried in order; each backend module registers itself
_BACKENDS: list[tuple[Callable[[str], bool], type["Store"]]] = []


def register_backend(matches: Callable[[str], bool], backend: type["Store"]) -> None:
    _BACKENDS.append((matches, backend))


def _ids(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


F = TypeVar("F", bound=Callable[..., Any])


def _reads(method: F) -> F:
    """A read method whose driver errors become one-line :class:`StoreError` (generators too)."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def rows(self: "Store", *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except Exception as exc:
                if not isinstance(exc, self._error_types()):
                    raise
                raise store_error(self.path, exc, "read the database") from None
        return rows  # type: ignore[return-value]

    @functools.wraps(method)
    def read(self: "Store", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            if not isinstance(exc, self._error_types()):
                raise
            raise store_error(self.path, exc, "read the database") from None
    return read  # type: ignore[return-value]


class Store:
    """A proxywatch database: DuckDB (a file or ``:memory:``) or PostgreSQL (``postgresql://...``).

    ``Store(db)`` returns the backend's subclass; every public method below is the interface both
    implement. Backends supply the primitives: ``_rows`` (run DuckDB-dialect SQL), ``_bulk``
    (insert many rows), ``_begin``/``_commit``/``_rollback`` and ``close``.
    """

    path: str
    dialect: str = "duckdb"

    def __new__(cls, path: str | Path = ":memory:", *, read_only: bool = False) -> "Store":
        if cls is Store:
            from proxywatch.store import load_backends  # each backend module registers itself when imported

            load_backends()
            backend = next(b for matches, b in _BACKENDS if matches(str(path)))
            return super().__new__(backend)
        return super().__new__(cls)

    # --- primitives (each backend) ---------------------------------------------------------------
    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _bulk(self, table: str, rows: "Sequence[tuple[Any, ...]] | pa.Table") -> None:
        """Insert ``rows`` (every column of ``TABLES[table]``, in order; tuples or an Arrow table) in
        one bulk operation."""
        raise NotImplementedError

    def _stream(self, query: str, size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a read query in chunks of ``size`` (never all in memory at once)."""
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _rollback_quietly(self) -> None:
        """Roll back if a transaction is still open: a failed COMMIT has already ended it, and a second
        error from the ROLLBACK would hide the first (store/faults.py says what the first one means)."""
        try:
            self._rollback()
        except Exception:  # nothing open: nothing to undo
            pass

    def _error_types(self) -> tuple[type[BaseException], ...]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- lifecycle ---------------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, what: str = "write") -> Iterator["Store"]:
        """One transaction: everything inside is committed together or rolled back together.

        On PostgreSQL a writer also takes the store's write lock (released at commit), so several
        ingest processes write one batch at a time and never see half of another's batch.
        """
        try:
            self._begin()
            yield self
            self._commit()
        except Exception as exc:
            self._rollback_quietly()
            # a driver error, or text the driver cannot encode (kind "data": jobs retries such a batch one by one)
            if isinstance(exc, self._error_types() + (UnicodeError,)):
                raise store_error(self.path, exc, what, rolled_back=True) from None
            raise
        except BaseException:
            self._rollback_quietly()
            raise

    @_reads
    def schema_version(self) -> int:
        exists = self._rows(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
            "AND table_schema = current_schema()")[0][0]
        if not exists:
            return 0
        return self._rows("SELECT coalesce(max(version), 0) FROM schema_version")[0][0]

    def migrate(self) -> int:
        """Apply every migration newer than the database; each in its own transaction."""
        current = self.schema_version()
        check_schema(self.path, current, len(MIGRATIONS))
        for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                self._begin()
                if self.schema_version() >= version:  # another process migrated while we waited
                    self._commit()
                    continue
                for statement in statements:
                    self._rows(statement)
                self._rows("INSERT INTO schema_version VALUES (?, now())", [version])
                self._commit()
            except Exception as exc:
                self._rollback_quietly()
                raise store_error(self.path, exc, f"migrate the database to schema version {version}",
                                  rolled_back=True) from None
        return self.schema_version()

    # --- writes (inside a transaction; jobs.py composes them) -------------------------------------
    @_reads
    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hashes of the given article ids that are already stored."""
        if not ids:
            return {}
        rows = self._rows("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                          [_ids(ids)])
        return dict(rows)

    def put_rows(self, rows: "BatchRows", replaced: Sequence[str] = ()) -> list[str]:
        """Store the rows of a batch (:func:`batch_rows`); the articles in ``replaced`` (ids already
        stored) are deleted first, with their events. Return the ids of the new eligible mentions.
        Call inside :meth:`transaction`."""
        if replaced:
            ids = _ids(replaced)
            for table, column in (("events", "article_id"), ("merge_index", "article_id"), ("articles", "id")):
                self._rows(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [ids])
        articles = rows.articles
        if articles.num_rows:  # stored now, not when the rows were made (perhaps on another machine)
            now = datetime.now(timezone.utc).replace(tzinfo=None)
            at = articles.schema.get_field_index("ingested_at")
            articles = articles.set_column(at, "ingested_at", pa.array([now] * articles.num_rows, pa.timestamp("us")))
        self._bulk("articles", articles)
        self._bulk("events", rows.events)
        self._bulk("merge_index", rows.merge_index)
        return list(rows.seeds)

    def canonical_comembers_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        """Mentions of other articles that share a canonical event with these articles' mentions."""
        ids = _ids(article_ids)
        return [r[0] for r in self._rows(
            "SELECT DISTINCT event_id FROM canonical_mentions WHERE canonical_id IN "
            "(SELECT canonical_id FROM canonical_mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))) "
            "AND article_id NOT IN (SELECT unnest(?::VARCHAR[]))", [ids, ids])]

    def replace_canonical(self, mention_ids: Sequence[str], events: Sequence[CanonicalEvent],
                          article_ids: Sequence[str] = ()) -> int:
        """Drop the canonical events holding any of these mentions (or any mention of these
        articles) with all their links, and store ``events``. Call inside :meth:`transaction`."""
        for column, values in (("event_id", _ids(mention_ids)), ("article_id", _ids(article_ids))):
            if values:
                gone = f"(SELECT canonical_id FROM canonical_mentions WHERE {column} IN (SELECT unnest(?::VARCHAR[])))"
                self._rows(f"DELETE FROM canonical_events WHERE id IN {gone}", [values])
                self._rows(f"DELETE FROM canonical_mentions WHERE canonical_id IN {gone}", [values])
        self._bulk("canonical_events", [_canonical_row(e) for e in events])
        self._bulk("canonical_mentions", [(e.id, mid, aid) for e in events for mid, aid, _ in e.evidence])
        return len(events)

    def copy_into(self, target: "Store", tables: Sequence[str] = ("articles", "events", "canonical_events",
                                                                   "canonical_mentions")) -> None:
        """Copy whole tables into another (empty) store, in bulk chunks: a PostgreSQL store's rows
        go into a temporary DuckDB file when DuckDB formats an export."""
        with target.transaction("copy"):
            for table in tables:
                columns = ", ".join(name for name, _ in TABLES[table])
                for chunk in self._stream(f"SELECT {columns} FROM {table}"):
                    target._bulk(table, chunk)

    def clear_canonical(self) -> None:
        """Forget every canonical event and the merge index (before a full rebuild)."""
        for table in ("canonical_mentions", "canonical_events", "merge_index"):
            self._rows(f"DELETE FROM {table}")

    def index_mentions(self, mentions: Sequence[Mention]) -> None:
        """File mentions in the merge index (a full rebuild re-files every stored mention)."""
        self._bulk("merge_index", [r for r in map(_index_row, mentions) if r])

    # --- what merging reads (merge.MentionSource) ----------------------------------------------------
    def merge_mentions(self, ids: Sequence[str] = (), article_ids: Sequence[str] = ()) -> list[Mention]:
        """Eligible mentions with one of ``ids`` or of one of ``article_ids``; no arguments: all of them.

        Events and their articles are looked up separately, each by its indexed key alone: a join, or
        a filter on another column (eligibility is checked here, not in SQL), would make DuckDB scan
        every stored mention for a handful of them, so the cost of a batch would grow with the store.
        """
        if not ids and not article_ids:
            return [_mention(r) for r in self._rows(_MENTIONS)]
        rows: dict[str, tuple[Any, ...]] = {}
        for column, values in (("id", _ids(ids)), ("article_id", _ids(article_ids))):
            if values:
                rows.update((r[0], r[:-4]) for r in self._rows(
                    f"SELECT {_MENTION_COLUMNS}, e.status, e.negated, e.aggregate_min, e.aggregate_max "
                    f"FROM events e WHERE e.{column} IN (SELECT unnest(?::VARCHAR[]))", [values])
                    if _eligible_row(r[-4:]))
        if not rows:
            return []
        articles = {r[0]: r[1:] for r in self._rows(
            "SELECT id, published_date, source, url FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [_ids([r[1] for r in rows.values()])])}
        return [_mention((*r, *articles[r[1]])) for r in rows.values() if r[1] in articles]

    def canonical_comembers(self, ids: Sequence[str]) -> list[str]:
        if not ids:
            return []
        return [r[0] for r in self._rows(
            "SELECT event_id FROM canonical_mentions WHERE canonical_id IN (SELECT canonical_id FROM "
            "canonical_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[])))", [_ids(ids)])]

    def block_members(self, keys: Sequence[str], any_keys: Sequence[str]) -> list[tuple[str, date]]:
        found: dict[str, date] = {}
        for column, values in (("block", list(keys)), ("any_block", list(any_keys))):
            if values:
                found.update(self._rows(f"SELECT event_id, match_start FROM merge_index "
                                        f"WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [values]))
        return list(found.items())

    # --- reads -----------------------------------------------------------------------------------------
    @_reads
    def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query written in DuckDB's SQL and return its rows (used by ``analyse``)."""
        return self._rows(query, list(params))

    @_reads
    def stream(self, query: str, params: Sequence[Any] = (), batch: int = 2048) -> Iterator[dict[str, Any]]:
        """Run a read query (DuckDB's SQL) and yield its rows as dicts, fetched ``batch`` at a time
        (used by exports); it runs on its own cursor, so other reads may run while iterating."""
        raise NotImplementedError

    @_reads
    def stream_arrow(self, query: str, params: Sequence[Any] = (), batch: int = 65536) -> Iterator[Any]:
        """Run a read query (DuckDB's SQL) and yield its rows as Arrow record batches (used by exports)."""
        raise NotImplementedError

    @_reads
    def canonical_events(self, query: EventQuery | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Canonical event records (``proxywatch.canonical/1``), filtered like :meth:`events`."""
        where, params = (query or EventQuery()).where()
        sql = f"SELECT record FROM canonical_events e WHERE {where} ORDER BY {order_by('date', 'canonical_events')}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self._rows(sql, params):
            yield json.loads(record)

    @_reads
    def unmerged_mentions(self) -> int:
        """Eligible mentions in no canonical event (a database written before canonical events, or
        migrated to the merge index): ``jobs.rebuild_canonical`` merges them."""
        return self._rows(f"SELECT count(*) FROM ({_MENTIONS}) m "
                          "WHERE m.id NOT IN (SELECT event_id FROM canonical_mentions)")[0][0]

    @_reads
    def canonical_counts(self) -> dict[str, int]:
        """Canonical events, and the mentions linked to them."""
        events = self._rows("SELECT count(*) FROM canonical_events")[0][0]
        links = self._rows("SELECT count(*) FROM canonical_mentions")[0][0]
        return {"canonical_events": events, "mentions": links}

    @_reads
    def events(self, query: EventQuery | None = None, limit: int | None = None) -> Iterator[Event]:
        where, params = (query or EventQuery()).where()
        sql = f"SELECT record FROM events e WHERE {where} ORDER BY {order_by('date', 'events')}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self._rows(sql, params):
            yield Event.from_json(json.loads(record))

    @_reads
    def article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT record FROM articles WHERE id = ?", [article_id])
        return Article.from_json(json.loads(rows[0][0])) if rows else None

    @_reads
    def counts(self) -> dict[str, int]:
        articles = self._rows("SELECT count(*) FROM articles")[0][0]
        events = self._rows("SELECT count(*) FROM events")[0][0]
        return {"articles": articles, "events": events}

    # --- listing and showing events (the HTTP API and dashboard) ------------------------------------
    def event_page(self, query: EventQuery | None = None, source: str = "canonical", sort: str = "date",
                   descending: bool = False, cursor: str | None = None, before: bool = False,
                   limit: int = 50) -> EventPage:
        """One page of events (records as ``events`` lists them), sorted, with keyset cursors.

        ``cursor`` (from a previous page's ``next_cursor``, or ``prev_cursor`` with ``before=True``)
        continues after (before) that page; cursors stay valid while the store is unchanged.
        """
        if source not in PAGE_SOURCES:
            raise ParameterError("source", f"source must be one of {', '.join(PAGE_SOURCES)}, got {source!r}")
        if sort not in SORTS:
            raise ParameterError("sort", f"sort must be one of {', '.join(SORTS)} (- before it: descending), "
                                         f"got {sort!r}")
        table, extra = PAGE_SOURCES[source]
        where, params = (query or EventQuery()).where("e")
        where = f"{where} AND {extra}"
        keys = _sort_keys(sort, table, descending)
        forward = not before
        page_where, page_params = where, list(params)
        after, after_params = "TRUE", []
        if cursor:
            values = decode_cursor(cursor, len(keys))
            after, after_params = _after(keys, forward != descending), _after_params(values)
            page_where += " AND " + after
            page_params += after_params
        # reading backwards: the reverse order, then the rows put back in order
        down = descending == forward
        order = ", ".join(f"{sql}{' DESC' if down else ''}" for sql, _ in keys)
        # One pass counts the listing and finds the (limit + 1)-th smallest (largest) first sort key
        # of the rows after the cursor (``min(k, n)``: the n smallest non-NULL values, in order; NULL
        # keys sort last, so past them there is no cut). The page's rows all have a first sort key no
        # further than it, so only the rows up to it are sorted by every key (ties on the first key,
        # e.g. all events of a day, are few).
        # (A CASE, not an aggregate's FILTER clause: DuckDB evaluates the CASE several times faster.)
        lead, kind = keys[0]
        total, lowest = self._rows(
            f"SELECT count(*), {'max' if down else 'min'}(CASE WHEN {after} THEN {lead} END, {int(limit) + 1}) "
            f"FROM {table} e WHERE {where}", [*after_params, *params])[0]
        if lowest and len(lowest) > limit and lowest[limit] is not None:
            cut = lowest[limit]
            page_where += f" AND {lead} {'>=' if down else '<='} CAST(? AS {kind})"
            page_params.append(cut)
            raw = _raw_key(lead, descending) if forward else None  # reading back, unknown keys come first
            if raw and str(cut) != raw[1]:  # the same rows, said on the column itself: its min/max prune whole row groups
                page_where += f" AND {raw[0]} {'>=' if down else '<='} CAST(? AS {kind})"
                page_params.append(cut)
        # the page's ids and keys first (no record is read while sorting), then the page's records by id
        rows = self._rows(
            f"SELECT e.id, {', '.join(sql for sql, _ in keys)} FROM {table} e WHERE {page_where} "
            f"ORDER BY {order} LIMIT {int(limit) + 1}", page_params)
        more = len(rows) > limit
        rows = rows[:limit]
        if not forward:
            rows.reverse()
        ids = [r[0] for r in rows]
        found: dict[str, str] = {}
        if ids:
            found = dict(self._rows(f"SELECT e.id, e.record FROM {table} e WHERE e.id IN ({', '.join('?' for _ in ids)})",
                                    ids))
        records = [json.loads(found[i]) for i in ids if i in found]
        first, last = (encode_cursor(rows[0][1:]), encode_cursor(rows[-1][1:])) if rows else (None, None)
        next_cursor = last if (more if forward else True) and rows else None
        prev_cursor = first if ((more if not forward else bool(cursor)) and rows) else None
        return EventPage(source, sort, descending, int(total), records, next_cursor, prev_cursor)

    def canonical_event(self, event_id: str) -> dict[str, Any] | None:
        """One canonical event record (``proxywatch.canonical/1``), or ``None``."""
        rows = self._rows("SELECT record FROM canonical_events WHERE id = ?", [event_id])
        return json.loads(rows[0][0]) if rows else None

    def mention_records(self, ids: Sequence[str]) -> list[tuple[dict[str, Any], str | None]]:
        """Stored mention records with these ids (in that order), each with its canonical event's id."""
        rows = self._rows(
            "SELECT e.id, e.record, (SELECT min(cm.canonical_id) FROM canonical_mentions cm "
            "WHERE cm.event_id = e.id AND cm.article_id = e.article_id) FROM events e WHERE list_contains(?, e.id)",
            [list(ids)])
        found = {r[0]: (json.loads(r[1]), r[2]) for r in rows}
        return [found[i] for i in ids if i in found]

    def article_briefs(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Title, URL, source and publication of the given articles (no text), by id."""
        rows = self._rows(
            "SELECT id, title, url, source, published FROM articles WHERE list_contains(?, id)", [list(ids)]
        )
        return {r[0]: dict(zip(("id", "title", "url", "source", "published"), r)) for r in rows}

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """A canonical event (or one mention) with every mention: its record, evidence span and article.

        ``{"event": canonical record or None, "mentions": [{"record", "canonical_id", "article"}]}``;
        for a mention id, ``event`` is the canonical event it belongs to, if any. ``None``: no such id.
        """
        event = self.canonical_event(event_id)
        if event is not None:
            ids = event.get("mention_ids") or [r[0] for r in self._rows(
                "SELECT event_id FROM canonical_mentions WHERE canonical_id = ? ORDER BY article_id, event_id",
                [event_id])]
        else:
            found = self.mention_records([event_id])
            if not found:
                return None
            canonical_id = found[0][1]
            if canonical_id:
                return self.event_detail(canonical_id)
            event, ids = None, [event_id]
        mentions = self.mention_records(ids)
        briefs = self.article_briefs([m["article_id"] for m, _ in mentions])
        return {"event": event, "mentions": [{"record": m, "canonical_id": c, "article": briefs.get(m["article_id"])}
                                              for m, c in mentions]}

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """Every stored mention record of one article, in the order of the text."""
        rows = self._rows("SELECT record FROM events WHERE article_id = ? ORDER BY evidence_start, id", [article_id])
        return [json.loads(r[0]) for r in rows]

