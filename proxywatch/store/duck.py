"""The DuckDB store: articles, events and the schema version, with one write path.

Every write goes through :meth:`Store.write_batch`, one transaction per batch:
a crash (even ``kill -9``) leaves whole batches or nothing, and re-running the
same ingest completes the work without duplicates because an article already
stored with the same content hash is skipped, and a changed one has its events
replaced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb

from proxywatch.errors import StoreError
from proxywatch.records import Article, Event
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


def _published_date(value: str | None) -> str | None:
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return value[:10]
    return None


class Store:
    """A proxywatch database in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: cannot create database, folder {parent} does not exist")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
            if "lock" in reason.lower():
                reason = "it is in use by another proxywatch process"
            raise StoreError(f"{self.path}: cannot open database ({reason})") from None
        try:
            if not read_only:
                self.migrate()
            elif self.schema_version() == 0:
                raise StoreError(f"{self.path}: not a proxywatch database (no schema version)")
        except BaseException:
            self._con.close()  # a half-opened store must not keep the file open
            raise

    # --- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: database schema version {current} is newer than this proxywatch "
                f"({len(MIGRATIONS)}); upgrade proxywatch"
            )
        for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
            self._con.execute("BEGIN TRANSACTION")
            try:
                for statement in statements:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
                self._con.execute("COMMIT")
            except duckdb.Error as exc:
                self._con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version} failed ({exc})") from None
        return self.schema_version()

    # --- the single write path --------------------------------------------------------
    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hashes of the given article ids that are already stored."""
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT id, content_hash FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return dict(rows)

    def write_batch(self, batch: Sequence[tuple[Article, Sequence[Event]]]) -> int:
        """Store articles with their events in one transaction; return events written.

        An article already stored is replaced together with all its events.
        """
        placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
        written = 0
        self._con.execute("BEGIN TRANSACTION")
        try:
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
            self._con.execute("COMMIT")
        except duckdb.Error as exc:
            self._con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed, batch rolled back ({str(exc).splitlines()[0]})") from None
        return written

    # --- reads ------------------------------------------------------------------------
    def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return its rows (used by ``analyse``)."""
        return self._con.execute(query, list(params)).fetchall()

    def events(self, query: EventQuery | None = None, limit: int | None = None) -> Iterator[Event]:
        where, params = (query or EventQuery()).where()
        sql = f"SELECT record FROM events e WHERE {where} ORDER BY e.date_start NULLS LAST, e.article_id, e.evidence_start, e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (record,) in self._con.execute(sql, params).fetchall():
            yield Event.from_json(json.loads(record))

    def article(self, article_id: str) -> Article | None:
        row = self._con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return Article.from_json(json.loads(row[0])) if row else None

    def counts(self) -> dict[str, int]:
        articles = self._con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = self._con.execute("SELECT count(*) FROM events").fetchone()[0]
        return {"articles": articles, "events": events}
