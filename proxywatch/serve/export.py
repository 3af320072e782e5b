"""Write stored events in standard forms: CSV, JSON Lines, Parquet, GeoJSON, ACLED, PLOVER, POLECAT.

One SQL query selects the events with every export column (:func:`export_rows`); the rows stream
from DuckDB a batch at a time and each text form is written by a small Python writer to any text
stream (:func:`write_export`), so a file, standard output or an HTTP response take the same rows
and an export of millions of events never sits in memory whole. Parquet is written by DuckDB's
``COPY`` (a binary file). :func:`export_events` writes a file: under a temporary name next to the
target, renamed when complete, so a failed export leaves no half-written file; ``-`` is standard
output, and a device, folder, link or database is never a target (:mod:`proxywatch.serve.output`). A PostgreSQL store
is first copied in bulk chunks into a temporary DuckDB file (:func:`duckdb_view`), which the same
SQL then reads. ``--partition-by month`` writes an event lake instead: a folder of Parquet files,
one per month of the start date, that ``ingest-events`` reads back (:func:`export_lake`).

Every CSV-like form (csv, acled, polecat) neutralises cells a spreadsheet would run as a formula
(:mod:`proxywatch.serve.cells`). Nothing is left out silently: each form reports how many events
it left out and why (:attr:`ExportResult.left_out_by`).

Sources (``--source``): ``canonical`` (merged real events, the default), ``mentions`` (the single,
occurred, non-negated mentions analysis counts; see :mod:`proxywatch.analyse.source`) and
``all-mentions`` (every stored event record, including negated, planned, threatened, denied,
hypothetical and aggregate ones). See ``docs/exports.md`` for the columns and mappings.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TextIO

import duckdb

from proxywatch.analyse.source import relation
from proxywatch.errors import ProxywatchError, StoreError, WorkError
from proxywatch.serve.output import atomic_output, check_output_path, is_stdout
from proxywatch.serve.acled import ACLED_COLUMNS, AcledContext, acled_row
from proxywatch.serve.cells import csv_writer, neutralise_array
from proxywatch.serve.formats import EXPORT_FORMATS, EXPORT_SOURCES, TEXT_FORMATS
from proxywatch.serve.plover import POLECAT_COLUMNS, PloverContext, plover_record, polecat_row
from proxywatch.store import EventQuery, Store

__all__ = [
    "EXPORT_FORMATS", "TEXT_FORMATS", "EXPORT_SOURCES", "CSV_COLUMNS", "ACLED_COLUMNS", "POLECAT_COLUMNS",
    "LEFT_OUT_REASONS", "PARTITIONS", "ExportResult", "export_rows", "write_export", "export_events",
    "export_lake", "check_output_path", "check_lake_path", "duckdb_view",
]

# The flat columns of the csv and parquet forms, in order (docs/exports.md describes each).
CSV_COLUMNS = (
    "id", "type", "mode", "status", "negated", "date_start", "date_end", "date_precision",
    "actor_text", "actor_id", "actor_name", "actor_country", "actor_kind", "actor_sponsors",
    "target_text", "target_id", "target_name", "target_country", "target_kind", "target_sponsors",
    "location_name", "location_country", "location_admin1", "lat", "lon", "location_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "injuries_low", "injuries_best", "injuries_high",
    "aggregate_min", "aggregate_max", "mentions", "sources", "article_ids", "source_names", "urls",
    "evidence", "confidence",
)
_LIST_COLUMNS = ("actor_sponsors", "target_sponsors", "article_ids", "source_names", "urls")

# Why a form leaves an event out (ExportResult.left_out_by keys), in the words of the note.
LEFT_OUT_REASONS = {
    "type": "of types ACLED does not record (statements, diplomacy, cooperation)",
    "form": "of violence whose ACLED sub-event cannot be told (no weapon, no armed or civilian target)",
    "date": "without a date",
    "country": "without a country (at sea or with no place)",
    "point": "without coordinates (GeoJSON needs a point; --keep-unlocated keeps them with a null geometry)",
}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows written, rows of the selection left out, and why."""

    path: Path | None
    format: str
    rows: int
    left_out: int = 0
    note: str = ""
    left_out_by: dict[str, int] = field(default_factory=dict)


# --- the rows every form starts from ----------------------------------------------------------
def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_ALL_MENTIONS = (
    "(SELECT ev.*, ev.fatalities_min AS fatalities_low, ev.fatalities_min AS fatalities_best, "
    "ev.fatalities_max AS fatalities_high, ev.injuries_min AS injuries_low, ev.injuries_min AS injuries_best, "
    "ev.injuries_max AS injuries_high FROM events ev{semi})"
)

_MENTION_ROWS = (
    "SELECT e.id, e.type, e.mode, e.status, e.negated, e.date_start, e.date_end, e.date_precision, "
    "e.actor_text, e.actor_id, e.actor_name, e.actor_country, e.actor_kind, e.actor_sponsors, "
    "e.target_text, e.target_id, e.target_name, e.target_country, e.target_kind, e.target_sponsors, "
    "e.location_name, e.location_country, e.location_admin1, e.lat, e.lon, e.location_precision, "
    "e.fatalities_low, e.fatalities_best, e.fatalities_high, e.injuries_low, e.injuries_best, e.injuries_high, "
    "e.aggregate_min, e.aggregate_max, 1 AS mentions, 1 AS sources, [e.article_id] AS article_ids, "
    "list_filter([a.source], lambda s: s IS NOT NULL) AS source_names, "
    "list_filter([a.url], lambda u: u IS NOT NULL) AS urls, e.evidence_text AS evidence, e.confidence, "
    "e.record, a.published_date AS published, a.ingested_at AS updated, a.record AS article_record, "
    "e.article_id AS sort_key "
    "FROM {rel} e LEFT JOIN articles a ON a.id = e.article_id WHERE {where}"
)

_CANONICAL_ROWS = (
    "SELECT e.id, e.type, e.mode, 'occurred' AS status, false AS negated, e.date_start, e.date_end, "
    "e.date_precision, e.actor_text, e.actor_id, e.actor_name, e.actor_country, e.actor_kind, e.actor_sponsors, "
    "e.target_text, e.target_id, e.target_name, e.target_country, e.target_kind, e.target_sponsors, "
    "e.location_name, e.location_country, e.location_admin1, e.lat, e.lon, e.location_precision, "
    "e.fatalities_low, e.fatalities_best, e.fatalities_high, e.injuries_low, e.injuries_best, e.injuries_high, "
    "NULL::INTEGER AS aggregate_min, NULL::INTEGER AS aggregate_max, e.mentions, e.sources, "
    "coalesce(l.article_ids, []) AS article_ids, coalesce(l.source_names, []) AS source_names, "
    "coalesce(l.urls, []) AS urls, l.evidence, NULL::DOUBLE AS confidence, e.record, l.published, l.updated, "
    "NULL::VARCHAR AS article_record, '' AS sort_key "
    "FROM canonical_events e LEFT JOIN ("
    "  SELECT cm.canonical_id, list(DISTINCT cm.article_id ORDER BY cm.article_id) AS article_ids, "
    "  list(DISTINCT a.source ORDER BY a.source) FILTER (WHERE a.source IS NOT NULL) AS source_names, "
    "  list(DISTINCT a.url ORDER BY a.url) FILTER (WHERE a.url IS NOT NULL) AS urls, "
    "  first(ev.evidence_text ORDER BY a.published_date NULLS LAST, cm.article_id, ev.evidence_start) "
    "    FILTER (WHERE ev.evidence_text IS NOT NULL) AS evidence, "
    "  min(a.published_date) AS published, max(a.ingested_at) AS updated "
    "  FROM canonical_mentions cm "
    "  LEFT JOIN events ev ON ev.id = cm.event_id AND ev.article_id = cm.article_id "
    "  LEFT JOIN articles a ON a.id = cm.article_id GROUP BY cm.canonical_id"
    ") l ON l.canonical_id = e.id WHERE {where}"
)

_ORDER = " ORDER BY r.date_start NULLS LAST, r.id, r.sort_key"


def _rows_sql(source: str, query: EventQuery) -> tuple[str, list[Any]]:
    """The selected events, one row each, with every export column (plus ``record``)."""
    where, params = query.where("e")
    if source == "canonical":
        return _CANONICAL_ROWS.format(where=where), params
    if source == "mentions":
        semi = f" SEMI JOIN {relation('mentions')} m ON ev.id = m.id AND ev.article_id = m.article_id"
        return _MENTION_ROWS.format(rel=_ALL_MENTIONS.format(semi=semi), where=where), params
    if source == "all-mentions":
        return _MENTION_ROWS.format(rel=_ALL_MENTIONS.format(semi=""), where=where), params
    raise ProxywatchError(f"--source must be one of {', '.join(EXPORT_SOURCES)}, got {source!r}")


def export_rows(store: Store, query: EventQuery | None = None, source: str = "canonical",
                columns: tuple[str, ...] | None = None) -> Iterator[dict[str, Any]]:
    """The selected events as flat dicts (the csv columns plus ``record``, ``published``, ``updated``;
    only ``columns`` when given), ordered by start date then id, streamed from the store."""
    rows, params = _rows_sql(source, query or EventQuery())
    select = ", ".join(f"r.{c}" for c in columns) if columns else "r.*"
    return store.stream(f"SELECT {select} FROM ({rows}) r{_ORDER}", params)


# --- one writer per text form -------------------------------------------------------------------
@dataclass
class _Tally:
    rows: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1


def _flat(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _csv_batch(batch: Any) -> Any:
    """One Arrow batch as csv cells: lists ``;``-joined, text neutralised (serve/cells.py), the rest as is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for name, column in zip(batch.schema.names, batch.columns):
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            column = pc.binary_join(column, ";")
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            column = neutralise_array(column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _write_csv(store: Store, query: EventQuery, source: str, out: TextIO, tally: _Tally) -> None:
    """The csv form, columnar: DuckDB streams Arrow batches, Arrow writes them (RFC 4180, CRLF)."""
    import pyarrow.csv as pa_csv

    rows, params = _rows_sql(source, query)
    select = ", ".join(f"r.{c}" for c in CSV_COLUMNS)
    header = True
    for batch in store.stream_arrow(f"SELECT {select} FROM ({rows}) r{_ORDER}", params):
        sink = io.BytesIO()
        pa_csv.write_csv(_csv_batch(batch), sink,
                         pa_csv.WriteOptions(include_header=header, quoting_style="needed", eol="\r\n"))
        out.write(sink.getvalue().decode("utf-8"))
        tally.rows += batch.num_rows
        header = False
    if header:  # no rows: the header alone
        csv_writer(out).writerow(CSV_COLUMNS)


def _write_jsonl(rows: Iterable[Mapping[str, Any]], out: TextIO, tally: _Tally, **_: Any) -> None:
    for row in rows:
        record = row["record"]
        if "\n" in record:  # never written by proxywatch; keep one record per line
            record = json.dumps(json.loads(record), ensure_ascii=False)
        out.write(record + "\n")
        tally.rows += 1


def _has_point(row: Mapping[str, Any]) -> bool:
    lat, lon = row.get("lat"), row.get("lon")
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _geo_properties(row: Mapping[str, Any]) -> dict[str, Any]:
    def label(role: str) -> Any:
        return row.get(f"{role}_name") or row.get(f"{role}_text")

    return {
        "id": row["id"], "type": row["type"], "mode": row["mode"], "status": row["status"],
        "negated": row["negated"], "date_start": _flat(row["date_start"]), "date_end": _flat(row["date_end"]),
        "date_precision": row["date_precision"], "actor": label("actor"), "actor_id": row["actor_id"],
        "actor_country": row["actor_country"], "actor_sponsors": list(row["actor_sponsors"] or []),
        "target": label("target"), "target_id": row["target_id"], "target_country": row["target_country"],
        "location_name": row["location_name"], "location_country": row["location_country"],
        "location_admin1": row["location_admin1"], "location_precision": row["location_precision"],
        "fatalities_low": row["fatalities_low"], "fatalities_best": row["fatalities_best"],
        "fatalities_high": row["fatalities_high"], "mentions": row["mentions"], "sources": row["sources"],
        "article_ids": list(row["article_ids"] or []), "source_names": list(row["source_names"] or []),
        "url": (row["urls"] or [None])[0], "urls": list(row["urls"] or []), "evidence": row["evidence"],
    }


def _write_geojson(rows: Iterable[Mapping[str, Any]], out: TextIO, tally: _Tally, *, keep_unlocated: bool = False,
                   **_: Any) -> None:
    out.write('{"type": "FeatureCollection", "features": [\n')
    for row in rows:
        if _has_point(row):
            geometry: Any = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        elif keep_unlocated:
            geometry = None  # RFC 7946 section 3.2: an unlocated Feature has a null geometry
        else:
            tally.skip("point")
            continue
        feature = {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": _geo_properties(row)}
        out.write((",\n" if tally.rows else "") + json.dumps(feature, ensure_ascii=False))
        tally.rows += 1
    out.write("\n]}\n")


def _write_acled(rows: Iterable[Mapping[str, Any]], out: TextIO, tally: _Tally, *, kb: Any = None,
                 **_: Any) -> None:
    ctx = AcledContext(kb)
    writer = csv_writer(out)
    writer.writerow(ACLED_COLUMNS)
    for row in rows:
        values, reason = acled_row(row, ctx)
        if values is None:
            tally.skip(reason or "form")
            continue
        writer.writerow(values)
        tally.rows += 1


def _write_plover(rows: Iterable[Mapping[str, Any]], out: TextIO, tally: _Tally, *, kb: Any = None,
                  **_: Any) -> None:
    ctx = PloverContext(kb)
    for row in rows:
        if row.get("date_start") is None:
            tally.skip("date")  # the manual requires a date
            continue
        out.write(json.dumps(plover_record(row, ctx), ensure_ascii=False) + "\n")
        tally.rows += 1


def _write_polecat(rows: Iterable[Mapping[str, Any]], out: TextIO, tally: _Tally, *, kb: Any = None,
                   **_: Any) -> None:
    from proxywatch import __version__

    ctx = PloverContext(kb)
    writer = csv_writer(out, delimiter="\t")
    writer.writerow(POLECAT_COLUMNS)
    for row in rows:
        if row.get("date_start") is None:
            tally.skip("date")
            continue
        writer.writerow(polecat_row(row, ctx, f"proxywatch {__version__}"))
        tally.rows += 1


_WRITERS: dict[str, Callable[..., None]] = {
    "jsonl": _write_jsonl, "geojson": _write_geojson, "acled": _write_acled,
    "plover": _write_plover, "polecat": _write_polecat,
}


def _check(fmt: str, source: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise ProxywatchError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    if source not in EXPORT_SOURCES:
        raise ProxywatchError(f"--source must be one of {', '.join(EXPORT_SOURCES)}, got {source!r}")
    if fmt == "acled" and source == "all-mentions":
        raise ProxywatchError("--format acled writes events that happened: use --source canonical or mentions, "
                              "not all-mentions (negated, planned and aggregate mentions are no ACLED events)")


def _note(fmt: str, tally: _Tally) -> str:
    parts = [f"{n} events {LEFT_OUT_REASONS[why]}" for why, n in sorted(tally.left_out.items()) if n]
    return f"left out of the {fmt} form: " + "; ".join(parts) if parts else ""


def write_export(store: Store, fmt: str, out: TextIO, query: EventQuery | None = None, source: str = "canonical",
                 *, keep_unlocated: bool = False, kb: Any = None) -> ExportResult:
    """Write the events selected by ``query`` from ``source`` to the text stream ``out`` in ``fmt``.

    ``fmt`` is one of :data:`TEXT_FORMATS`; ``keep_unlocated`` keeps GeoJSON features without
    coordinates (null geometry); ``kb`` is the knowledge base the acled, plover and polecat forms
    look actors and places up in (default: the built-in one). Returns rows written and left out.
    """
    _check(fmt, source)
    if fmt not in TEXT_FORMATS:
        raise ProxywatchError(f"--format {fmt} writes a binary file: give a file name, not a text stream")
    with duckdb_view(store) as duck:
        return _write_text(duck, fmt, out, query, source, keep_unlocated, kb)


def _write_text(store: Store, fmt: str, out: TextIO, query: EventQuery | None, source: str, keep_unlocated: bool,
                kb: Any) -> ExportResult:
    tally = _Tally()
    if fmt == "csv":
        _write_csv(store, query or EventQuery(), source, out, tally)
    else:
        rows = export_rows(store, query, source, ("record",) if fmt == "jsonl" else None)
        _WRITERS[fmt](rows, out, tally, keep_unlocated=keep_unlocated, kb=kb)
    left_out = sum(tally.left_out.values())
    note = _note(fmt, tally)
    if tally.rows == 0 and not note:
        note = _empty_note(store, source)
    return ExportResult(path=None, format=fmt, rows=tally.rows, left_out=left_out, note=note,
                        left_out_by=dict(tally.left_out))


_PARQUET = "(FORMAT parquet)"


def _write_parquet(store: Store, query: EventQuery, source: str, target: Path) -> int:
    rows, params = _rows_sql(source, query)
    select = "SELECT " + ", ".join(f"r.{c}" for c in CSV_COLUMNS)
    sql = f"COPY ({select} FROM ({rows}) r{_ORDER}) TO {_literal(str(target))} {_PARQUET}"
    try:
        return int(store.sql(sql, params)[0][0])
    except (duckdb.Error, StoreError) as exc:
        if getattr(exc, "kind", "") == "disk_full" or "No space left" in str(exc):
            raise WorkError(f"{target}: the disk is full; the export was not written") from None
        raise WorkError(f"{target}: export failed ({str(exc).splitlines()[0]})") from None


@contextmanager
def duckdb_view(store: Store, beside: Path | None = None) -> Iterator[Store]:
    """The store itself when it is DuckDB; else a temporary DuckDB copy (next to ``beside``), removed after."""
    if store.dialect == "duckdb":
        yield store
        return
    folder = beside.parent if beside is not None else None
    with tempfile.TemporaryDirectory(prefix=".proxywatch-export-", dir=folder) as tmp, \
            Store(Path(tmp) / "export.duckdb") as copy:
        store.copy_into(copy)
        yield copy


def export_events(store: Store, fmt: str, path: Path, query: EventQuery | None = None,
                  source: str = "canonical", *, keep_unlocated: bool = False, kb: Any = None,
                  partition_by: str | None = None) -> ExportResult:
    """Write the events selected by ``query`` from ``source`` to the file ``path`` in ``fmt``; with
    ``partition_by`` (parquet only), an event lake in the new folder ``path`` (:func:`export_lake`)."""
    _check(fmt, source)
    if partition_by is not None:
        if fmt != "parquet":
            raise ProxywatchError("--partition-by writes Parquet: use it with --format parquet")
        return export_lake(store, path, query, source, partition_by)
    protect = [store.path] if store.dialect == "duckdb" else []
    check_output_path(path, protect)  # before any work; again before the rename (atomic_output)
    with duckdb_view(store, path) as duck:
        return _export_file(duck, fmt, path, query, source, keep_unlocated, kb, protect)


def _export_file(store: Store, fmt: str, path: Path, query: EventQuery | None, source: str, keep_unlocated: bool,
                 kb: Any, protect: list[str]) -> ExportResult:
    with atomic_output(path, protect) as part:  # a regular file, replaced when complete; or - (standard output)
        if fmt == "parquet":
            n = _write_parquet(store, query or EventQuery(), source, part)
            result = ExportResult(path=path, format=fmt, rows=n, note="" if n else _empty_note(store, source))
        else:
            with open(part, "w", encoding="utf-8", newline="") as out:
                result = _write_text(store, fmt, out, query, source, keep_unlocated, kb)
            result = ExportResult(path=path, format=fmt, rows=result.rows, left_out=result.left_out,
                                  note=result.note, left_out_by=result.left_out_by)
    return result


# --- the event lake --------------------------------------------------------------------------------
# ``--partition-by month``: the parquet columns plus each row's record and, for mentions, its
# article's record (what ``ingest-events`` needs to store and merge them elsewhere), in one folder per
# month of the start date (``month=2024-01/``, ``month=undated/``), Hive-style.
PARTITIONS = ("month",)


def check_lake_path(path: Path) -> None:
    """A lake is written into a new (or empty) folder, never over a file or a folder's contents."""
    if is_stdout(path):
        raise ProxywatchError("--partition-by writes a folder of Parquet files: give -o FOLDER, not -")
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise ProxywatchError(f"{path}: already exists; --partition-by writes a new (or empty) folder")
    if not path.parent.is_dir():
        raise ProxywatchError(f"{path}: folder {path.parent} does not exist")


def export_lake(store: Store, path: Path, query: EventQuery | None = None, source: str = "all-mentions",
                partition_by: str = "month") -> ExportResult:
    """Write the selected events as an event lake in the new folder ``path`` (complete, or not at all)."""
    if partition_by not in PARTITIONS:
        raise ProxywatchError(f"--partition-by must be one of {', '.join(PARTITIONS)}, got {partition_by!r}")
    check_lake_path(path)
    rows, params = _rows_sql(source, query or EventQuery())
    select = ("SELECT " + ", ".join(f"r.{c}" for c in CSV_COLUMNS) + ", r.record, r.article_record AS article, "
              "coalesce(strftime(r.date_start, '%Y-%m'), 'undated') AS month")
    part = path.with_name(f".{path.name}.part")
    with duckdb_view(store, path) as duck:
        try:
            sql = (f"COPY ({select} FROM ({rows}) r{_ORDER}) TO {_literal(str(part))} "
                   f"(FORMAT parquet, PARTITION_BY ({partition_by}), WRITE_PARTITION_COLUMNS false)")
            try:
                n = int(duck.sql(sql, params)[0][0])
            except duckdb.Error as exc:
                raise ProxywatchError(f"{path}: export failed ({str(exc).splitlines()[0]})") from None
            if path.exists():
                path.rmdir()
            os.replace(part, path)
        finally:
            shutil.rmtree(part, ignore_errors=True)
        note = "" if n else _empty_note(duck, source)
    return ExportResult(path=path, format="parquet", rows=n, note=note)


def _empty_note(store: Store, source: str) -> str:
    if source == "canonical" and store.sql("SELECT count(*) FROM canonical_events")[0][0] == 0:
        stored = store.sql("SELECT count(*) FROM events")[0][0]
        if stored:
            return (f"no canonical events in the database ({stored} mentions stored): merge them first, "
                    "or export with --source mentions")
    return "no events matched the filters; the file holds no events"

