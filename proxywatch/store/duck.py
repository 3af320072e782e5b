"""The DuckDB store: articles, events and the schema version, with one write path.

Every write goes through :meth:`Store.write_batch`, one transaction per batch:
a crash (even ``kill -9``) leaves whole batches or nothing, and re-running the
same ingest completes the work without duplicates because an article already
stored with the same content hash is skipped, and a changed one has its events
replaced.
"""

from __future__ import annotations

import functools
import inspect
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

import duckdb

from proxywatch.errors import StoreError
from proxywatch.records import Article, Count, DateSpan, Event, Party, Place
from proxywatch.merge import (
    CanonicalEvent,
    Mention,
    MergeRules,
    canonicalise,
    effective_span,
    linked_to_any,
    source_key,
)
from proxywatch.store.faults import DUCKDB_CONFIG, check_database_file, check_schema, rollback_quietly, store_error
from proxywatch.store.migrations import MIGRATIONS

__all__ = ["Store", "EventQuery", "EVENT_COLUMNS"]

# Contract fields flattened to columns; the full record is kept in ``record``.
EVENT_COLUMNS = (
    "id", "article_id", "type", "mode", "status", "negated",
    "actor_text", "actor_id", "actor_name", "actor_country", "actor_kind", "actor_sponsors",
    "target_text", "target_id", "target_name", "target_country", "target_kind", "target_sponsors",
    "location_text", "location_name", "location_country", "location_admin1", "lat", "lon", "location_precision",
    "date_start", "date_end", "date_precision", "date_text",
    "fatalities_min", "fatalities_max", "injuries_min", "injuries_max", "aggregate_min", "aggregate_max",
    "evidence_text", "evidence_start", "evidence_end", "confidence", "record",
)


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


def _party(prefix: str, party: Any) -> dict[str, Any]:
    names = ("text", "id", "name", "country", "kind")
    row = {f"{prefix}_{n}": getattr(party, n) if party else None for n in names}
    row[f"{prefix}_sponsors"] = list(party.sponsors) if party else []
    return row


def _event_row(event: Event) -> tuple[Any, ...]:
    loc, date = event.location, event.date
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "type": event.type, "mode": event.mode,
        "status": event.status, "negated": event.negated,
        **_party("actor", event.actor), **_party("target", event.target),
        "location_text": loc.text if loc else None, "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None, "location_admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        "date_precision": date.precision if date else None, "date_text": date.text if date else None,
        "evidence_text": event.evidence.text, "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end, "confidence": event.confidence,
        "record": event.to_json_line(),
    }
    for name in ("fatalities", "injuries", "aggregate"):
        count = getattr(event, name)
        row[f"{name}_min"] = count.min if count else None
        row[f"{name}_max"] = count.max if count else None
    return tuple(row[c] for c in EVENT_COLUMNS)


# Eligible mentions (single, occurred, not negated) with their article's source and matching dates.
_MENTIONS = """(SELECT e.id, e.article_id, e.type, e.mode,
    e.actor_text, e.actor_id, e.actor_name, e.actor_country, e.actor_kind, e.actor_sponsors,
    e.target_text, e.target_id, e.target_name, e.target_country, e.target_kind, e.target_sponsors,
    e.location_text, e.location_name, e.location_country, e.location_admin1, e.lat, e.lon, e.location_precision,
    e.date_start, e.date_end, e.date_precision, e.date_text,
    e.fatalities_min, e.fatalities_max, e.injuries_min, e.injuries_max, e.evidence_text, e.evidence_start,
    a.published_date, a.source, a.url,
    coalesce(e.date_start, a.published_date - 1) AS match_start,
    CASE WHEN e.date_start IS NULL THEN a.published_date ELSE greatest(e.date_start, coalesce(e.date_end, e.date_start))
    END AS match_end
  FROM events e JOIN articles a ON a.id = e.article_id
  WHERE e.status = 'occurred' AND NOT e.negated AND e.aggregate_min IS NULL AND e.aggregate_max IS NULL) m"""
_MENTION_COLUMNS = 36  # the columns of _MENTIONS read into a Mention (all but the two match dates)

CANONICAL_COLUMNS = (
    "id", "type", "mode",
    "actor_text", "actor_id", "actor_name", "actor_country", "actor_kind", "actor_sponsors",
    "target_text", "target_id", "target_name", "target_country", "target_kind", "target_sponsors",
    "location_name", "location_country", "location_admin1", "lat", "lon", "location_precision",
    "date_start", "date_end", "date_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "injuries_low", "injuries_best", "injuries_high",
    "mentions", "sources", "record",
)

_CANONICAL_TYPES = (
    "VARCHAR", "VARCHAR", "VARCHAR", *(["VARCHAR"] * 5 + ["VARCHAR[]"]) * 2,
    "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "VARCHAR", "DATE", "DATE", "VARCHAR",
    *["INTEGER"] * 8, "VARCHAR",
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _row_party(values: Sequence[Any]) -> Party | None:
    text, id_, name, country, kind, sponsors = values
    if text is None:
        return None
    return Party(text=text, id=id_, name=name, country=country, kind=kind, sponsors=tuple(sponsors or ()))


def _row_count(low: Any, high: Any) -> Count | None:
    return None if low is None else Count(low, high)


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


F = TypeVar("F", bound=Callable[..., Any])


def _reads(method: F) -> F:
    """A read method whose driver errors become one-line :class:`StoreError` (generators too)."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def rows(self: "Store", *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except duckdb.Error as exc:
                raise store_error(self.path, exc, "read the database") from None
        return rows  # type: ignore[return-value]

    @functools.wraps(method)
    def read(self: "Store", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "read the database") from None
    return read  # type: ignore[return-value]


class Store:
    """A proxywatch database in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: cannot create database, folder {parent} does not exist")
            check_database_file(self.path)  # a device, folder or another program's file is never opened
        try:
            self._con = duckdb.connect(self.path, read_only=read_only, config=DUCKDB_CONFIG)
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "open database") from None
        try:
            version = self.schema_version()
            check_schema(self.path, version, len(MIGRATIONS))  # for every command, reading or writing
            if not read_only:
                self.migrate()
            elif version == 0:
                raise StoreError(f"{self.path}: not a proxywatch database (no schema version)", kind="foreign")
        except BaseException:
            self._con.close()  # a half-opened store must not keep the file open
            raise

    # --- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        try:
            self._con.close()  # writes a checkpoint: may meet a full disk (the log keeps the data)
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "close the database") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_reads
    def schema_version(self) -> int:
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self._con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> int:
        """Apply every migration newer than the database; each in its own transaction."""
        current = self.schema_version()
        check_schema(self.path, current, len(MIGRATIONS))
        for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                self._con.execute("BEGIN TRANSACTION")
                for statement in statements:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
                self._con.execute("COMMIT")
            except Exception as exc:
                rollback_quietly(self._con)
                raise store_error(self.path, exc, f"migrate the database to schema version {version}",
                                  rolled_back=True) from None
        return self.schema_version()

    # --- the single write path --------------------------------------------------------
    @_reads
    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hashes of the given article ids that are already stored."""
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT id, content_hash FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return dict(rows)

    def write_batch(self, batch: Sequence[tuple[Article, Sequence[Event]]], rules: MergeRules | None = None) -> int:
        """Store articles with their events in one transaction; return events written.

        An article already stored is replaced together with all its events. Canonical events are
        updated in the same transaction: the replaced article's old mentions leave their events,
        which are recomputed, and the new mentions are merged (``rules``; default ``MergeRules()``).
        """
        placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
        written = 0
        ids = [article.id for article, _ in batch]
        try:
            self._con.execute("BEGIN TRANSACTION")
            # mentions left behind in events the replaced articles' old mentions belonged to
            orphans = [r[0] for r in self._con.execute(
                "SELECT DISTINCT event_id FROM canonical_mentions WHERE canonical_id IN "
                "(SELECT canonical_id FROM canonical_mentions WHERE list_contains(?, article_id)) "
                "AND NOT list_contains(?, article_id)", [ids, ids]).fetchall()]
            self._drop_canonical("list_contains(?, article_id)", [ids])
            for article, events in batch:
                self._con.execute("DELETE FROM events WHERE article_id = ?", [article.id])
                self._con.execute("DELETE FROM articles WHERE id = ?", [article.id])
                self._con.execute(
                    "INSERT INTO articles (id, content_hash, published, published_date, title, url, source, "
                    "text, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
                    [
                        article.id, article.content_hash, article.published, _published_date(article.published),
                        article.title, article.url, article.source, article.text,
                        json.dumps(article.to_json(), ensure_ascii=False, default=str),
                    ],
                )
                if events:
                    self._con.executemany(
                        f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})",
                        [_event_row(e) for e in events],
                    )
                written += len(events)
            seeds = [r[0] for r in self._con.execute(
                f"SELECT m.id FROM {_MENTIONS} WHERE list_contains(?, m.article_id)", [ids]).fetchall()]
            self._recluster(seeds + orphans, rules or MergeRules())
            self._con.execute("COMMIT")
        except Exception as exc:  # a failed COMMIT has already ended the transaction
            rollback_quietly(self._con)
            what = f"article {ids[0]!r}" if len(ids) == 1 else f"the batch of {len(ids)} articles"
            raise store_error(self.path, exc, f"store {what}", rolled_back=True) from None
        return written

    # --- canonical events (merge.py decides; this keeps the tables in step) -------------
    def rebuild_canonical(self, rules: MergeRules | None = None) -> int:
        """Recompute every canonical event from the stored mentions, in one transaction."""
        try:
            self._con.execute("BEGIN TRANSACTION")
            self._con.execute("DELETE FROM canonical_mentions")
            self._con.execute("DELETE FROM canonical_events")
            rows = self._con.execute(f"SELECT * EXCLUDE (match_start, match_end) FROM {_MENTIONS}").fetchall()
            written = self._write_canonical(canonicalise((_mention(r) for r in rows), rules or MergeRules()))
            self._con.execute("COMMIT")
        except Exception as exc:
            rollback_quietly(self._con)
            raise store_error(self.path, exc, "rebuild the canonical events", rolled_back=True) from None
        return written

    def _drop_canonical(self, where: str, params: list[Any]) -> None:
        """Delete the canonical events (and all their links) of the mentions matching ``where``."""
        gone = f"(SELECT canonical_id FROM canonical_mentions WHERE {where})"
        self._con.execute(f"DELETE FROM canonical_events WHERE id IN {gone}", params)
        self._con.execute(f"DELETE FROM canonical_mentions WHERE canonical_id IN {gone}", params)

    def _mentions(self, where: str, params: list[Any]) -> list[Mention]:
        rows = self._con.execute(f"SELECT * EXCLUDE (match_start, match_end) FROM {_MENTIONS} WHERE {where}",
                                 params).fetchall()
        return [_mention(r) for r in rows]

    def _recluster(self, seeds: Sequence[str], rules: MergeRules) -> None:
        """Recompute the canonical events of every mention linked, directly or not, to ``seeds``.

        The group is closed under links (candidates come from SQL by type and date window, or the
        same article) and takes in whole existing events, so clustering it alone gives what
        clustering the whole table would: the result does not depend on batch boundaries.
        """
        if not seeds:
            return
        group: dict[str, Mention] = {}
        frontier = self._mentions("list_contains(?, m.id)", [list(dict.fromkeys(seeds))])
        tol = timedelta(days=rules.date_tolerance_days)
        while frontier:
            group.update((m.id, m) for m in frontier)
            windows = [(m.type, m.start - tol, m.end + tol) for m in frontier
                       if m.start is not None and (m.end - m.start).days + 1 <= rules.max_span_days]
            # candidates: the same article, the same type within the date window, or another
            # member of an existing event of the frontier (whole events are recomputed, so none is
            # left half-linked even when the rules changed since it was formed)
            members = [r[0] for r in self._con.execute(
                "SELECT event_id FROM canonical_mentions WHERE canonical_id IN (SELECT canonical_id FROM "
                "canonical_mentions WHERE list_contains(?, event_id))", [[m.id for m in frontier]]).fetchall()]
            found = self._mentions(
                "NOT list_contains(?, m.id) AND (list_contains(?, m.article_id) OR list_contains(?, m.id) OR EXISTS "
                "(SELECT 1 FROM (SELECT unnest(?::VARCHAR[]) AS type, unnest(?::DATE[]) AS lo, "
                "unnest(?::DATE[]) AS hi) w WHERE w.type = m.type AND m.match_start <= w.hi AND m.match_end >= w.lo))",
                [list(group), list({m.article_id for m in frontier}), members,
                 [w[0] for w in windows], [w[1] for w in windows], [w[2] for w in windows]])
            linked_ids = set(members)
            frontier = [c for c in found if c.id in linked_ids] + linked_to_any(
                [c for c in found if c.id not in linked_ids], frontier, rules)
        self._drop_canonical("list_contains(?, event_id)", [list(group)])
        self._write_canonical(canonicalise(group.values(), rules))

    def _write_canonical(self, events: Sequence[CanonicalEvent]) -> int:
        """Insert canonical events and their links, one statement per table (column lists unnested)."""
        if events:
            rows = [_canonical_row(e) for e in events]
            self._insert_columns("canonical_events", CANONICAL_COLUMNS, _CANONICAL_TYPES, rows)
            links = [(e.id, mid, aid) for e in events for mid, aid, _ in e.evidence]
            self._insert_columns("canonical_mentions", ("canonical_id", "event_id", "article_id"),
                                 ("VARCHAR",) * 3, links)
        return len(events)

    def _insert_columns(self, table: str, columns: Sequence[str], types: Sequence[str],
                        rows: Sequence[tuple[Any, ...]]) -> None:
        # executemany costs about a millisecond a row in DuckDB; one list per column does not
        selects = ", ".join(f"unnest(?::{t}[]) AS {c}" for c, t in zip(columns, types))
        self._con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selects}",
                          [list(col) for col in zip(*rows)])

    @_reads
    def canonical_events(self, query: EventQuery | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Canonical event records (``proxywatch.canonical/1``), filtered like :meth:`events`."""
        where, params = (query or EventQuery()).where()
        sql = (f"SELECT record FROM canonical_events e WHERE {where} "
               "ORDER BY e.date_start NULLS LAST, e.type, e.id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self._con.execute(sql, params).fetchall():
            yield json.loads(record)

    @_reads
    def unmerged_mentions(self) -> int:
        """Eligible mentions in no canonical event (a database written before canonical events)."""
        return self._con.execute(
            f"SELECT count(*) FROM {_MENTIONS} WHERE m.id NOT IN (SELECT event_id FROM canonical_mentions)"
        ).fetchone()[0]

    @_reads
    def canonical_counts(self) -> dict[str, int]:
        """Canonical events, and the mentions linked to them."""
        events = self._con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        links = self._con.execute("SELECT count(*) FROM canonical_mentions").fetchone()[0]
        return {"canonical_events": events, "mentions": links}

    # --- reads ------------------------------------------------------------------------
    @_reads
    def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return its rows (used by ``analyse``)."""
        return self._con.execute(query, list(params)).fetchall()

    @_reads
    def stream(self, query: str, params: Sequence[Any] = (), batch: int = 2048) -> Iterator[dict[str, Any]]:
        """Run a read query and yield its rows as dicts, fetched ``batch`` at a time (used by exports).

        The query runs on its own cursor, so the caller may run other reads while iterating.
        """
        cursor = self._con.cursor()
        try:
            cursor.execute(query, list(params))
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(batch):
                for row in rows:
                    yield dict(zip(names, row))
        finally:
            cursor.close()

    @_reads
    def stream_arrow(self, query: str, params: Sequence[Any] = (), batch: int = 65536) -> Iterator[Any]:
        """Run a read query and yield its rows as Arrow record batches (columnar; used by exports)."""
        cursor = self._con.cursor()
        try:
            yield from cursor.sql(query, params=list(params)).to_arrow_reader(batch)
        finally:
            cursor.close()

    @_reads
    def events(self, query: EventQuery | None = None, limit: int | None = None) -> Iterator[Event]:
        where, params = (query or EventQuery()).where()
        sql = f"SELECT record FROM events e WHERE {where} ORDER BY e.date_start NULLS LAST, e.article_id, e.evidence_start, e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self._con.execute(sql, params).fetchall():
            yield Event.from_json(json.loads(record))

    @_reads
    def article(self, article_id: str) -> Article | None:
        row = self._con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return Article.from_json(json.loads(row[0])) if row else None

    @_reads
    def counts(self) -> dict[str, int]:
        articles = self._con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = self._con.execute("SELECT count(*) FROM events").fetchone()[0]
        return {"articles": articles, "events": events}
