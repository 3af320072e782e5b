"""Write stored events to files: CSV, JSON Lines, Parquet, GeoJSON, ACLED-style CSV, PLOVER JSON Lines.

Every format is one SQL query run by DuckDB's ``COPY ... TO``: the rows are selected, joined,
mapped and written inside the database, so an export of millions of events never sits in Python
memory. The file is written next to the target under a temporary name and renamed when complete,
so a failed export leaves no half-written file; ``-`` writes to standard output, and a device, folder,
link or database is never a target (:mod:`proxywatch.serve.output`).

Sources (``--source``): ``canonical`` (merged real events, the default), ``mentions`` (the single,
occurred, non-negated mentions analysis counts; see :mod:`proxywatch.analyse.source`) and
``all-mentions`` (every stored event record, including negated, planned, threatened, denied,
hypothetical and aggregate ones). See ``docs/exports.md`` for the columns and mappings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import duckdb

from proxywatch.analyse.countries import country_names
from proxywatch.analyse.source import relation
from proxywatch.errors import ProxywatchError, StoreError, WorkError
from proxywatch.serve.output import atomic_output, check_output_path
from proxywatch.store.duck import EventQuery, Store

__all__ = [
    "EXPORT_FORMATS", "EXPORT_SOURCES", "CSV_COLUMNS", "ACLED_COLUMNS", "ACLED_RULES", "ACLED_TYPES",
    "ExportResult", "export_events", "check_output_path",
]

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled", "plover")
EXPORT_SOURCES = ("canonical", "mentions", "all-mentions")

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

ACLED_COLUMNS = (
    "event_date", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)

# PLOVER type (+ mode, + civilian target) -> ACLED event_type, sub_event_type; the first rule that
# matches wins. ``modes=None`` means any mode; ``civilians=True`` needs a target of kind civilians.
# Types with no rule have no ACLED equivalent (verbal and diplomatic events) and are left out.
@dataclass(frozen=True)
class AcledRule:
    type: str
    modes: tuple[str, ...] | None
    civilians: bool
    event_type: str
    sub_event_type: str


_EXPLOSIONS = "Explosions/Remote violence"
_VAC = "Violence against civilians"
_SD = "Strategic developments"
ACLED_RULES: tuple[AcledRule, ...] = (
    AcledRule("ASSAULT", ("aerial", "drone"), False, _EXPLOSIONS, "Air/drone strike"),
    AcledRule("ASSAULT", ("missile", "rocket", "artillery"), False, _EXPLOSIONS, "Shelling/artillery/missile attack"),
    AcledRule("ASSAULT", ("explosives",), False, _EXPLOSIONS, "Remote explosive/landmine/IED"),
    AcledRule("ASSAULT", ("suicide",), False, _EXPLOSIONS, "Suicide bomb"),
    AcledRule("ASSAULT", ("abduction",), False, _VAC, "Abduction/forced disappearance"),
    AcledRule("ASSAULT", None, True, _VAC, "Attack"),
    AcledRule("ASSAULT", None, False, "Battles", "Armed clash"),
    AcledRule("PROTEST", None, False, "Protests", "Peaceful protest"),
    AcledRule("COERCE", ("arrest", "detain", "detention"), False, _SD, "Arrests"),
    AcledRule("COERCE", ("seize", "seizure"), False, _SD, "Looting/property destruction"),
    AcledRule("COERCE", None, False, _SD, "Other"),
    AcledRule("AGREE", None, False, _SD, "Agreement"),
    AcledRule("MOBILIZE", None, False, _SD, "Change to group/activity"),
    AcledRule("RETREAT", None, False, _SD, "Other"),
)
ACLED_TYPES = tuple(dict.fromkeys(rule.type for rule in ACLED_RULES))
_DISORDER = {"Battles": "Political violence", _EXPLOSIONS: "Political violence", _VAC: "Political violence",
             "Protests": "Demonstrations", _SD: "Strategic developments"}
# ACLED's geo_precision: 1 the named town or site, 2 a part of a region / near a town, 3 a larger area.
_GEO_PRECISION = {"site": 1, "city": 1, "region": 2, "admin1": 3, "country": 3, "sea": 3}
_QUAD = {1: ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 2: ("COOPERATE", "AID", "RETREAT"),
         3: ("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 4: ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT")}
_SECTORS = {"military": "MIL", "government": "GOV", "state": "GOV", "civilians": "CVL"}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows written, rows of the selection left out, and why."""

    path: Path
    format: str
    rows: int
    left_out: int = 0
    note: str = ""


# --- the rows every format starts from ----------------------------------------------------------
def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(_literal(v) for v in values) + ")"


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
    "e.record, e.article_id AS sort_key "
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
    "coalesce(l.urls, []) AS urls, l.evidence, NULL::DOUBLE AS confidence, e.record, '' AS sort_key "
    "FROM canonical_events e LEFT JOIN ("
    "  SELECT cm.canonical_id, list(DISTINCT cm.article_id ORDER BY cm.article_id) AS article_ids, "
    "  list(DISTINCT a.source ORDER BY a.source) FILTER (WHERE a.source IS NOT NULL) AS source_names, "
    "  list(DISTINCT a.url ORDER BY a.url) FILTER (WHERE a.url IS NOT NULL) AS urls, "
    "  first(ev.evidence_text ORDER BY a.published_date NULLS LAST, cm.article_id, ev.evidence_start) "
    "    FILTER (WHERE ev.evidence_text IS NOT NULL) AS evidence "
    "  FROM canonical_mentions cm "
    "  LEFT JOIN events ev ON ev.id = cm.event_id AND ev.article_id = cm.article_id "
    "  LEFT JOIN articles a ON a.id = cm.article_id GROUP BY cm.canonical_id"
    ") l ON l.canonical_id = e.id WHERE {where}"
)


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


_ORDER = " ORDER BY r.date_start NULLS LAST, r.id, r.sort_key"


# --- one SELECT per format ------------------------------------------------------------------------
def _csv_select() -> str:
    cols = [f"array_to_string(r.{c}, ';') AS {c}" if c in _LIST_COLUMNS else f"r.{c}" for c in CSV_COLUMNS]
    return "SELECT " + ", ".join(cols)


def _parquet_select() -> str:
    return "SELECT " + ", ".join(f"r.{c}" for c in CSV_COLUMNS)


def _jsonl_select() -> str:
    # the stored record verbatim; a record with a line break (never written by proxywatch) is re-serialised
    return "SELECT CASE WHEN contains(r.record, chr(10)) THEN json(r.record)::VARCHAR ELSE r.record END"


def _party_label(role: str) -> str:
    return f"coalesce(r.{role}_name, r.{role}_text)"


def _geojson_select() -> str:
    props = ", ".join(
        f"'{name}', {expr}" for name, expr in (
            ("id", "r.id"), ("type", "r.type"), ("mode", "r.mode"), ("status", "r.status"),
            ("negated", "r.negated"), ("date_start", "r.date_start"), ("date_end", "r.date_end"),
            ("actor", _party_label("actor")), ("actor_id", "r.actor_id"), ("actor_country", "r.actor_country"),
            ("actor_sponsors", "r.actor_sponsors"), ("target", _party_label("target")),
            ("target_id", "r.target_id"), ("target_country", "r.target_country"),
            ("location_name", "r.location_name"), ("location_country", "r.location_country"),
            ("location_precision", "r.location_precision"), ("fatalities_low", "r.fatalities_low"),
            ("fatalities_best", "r.fatalities_best"), ("fatalities_high", "r.fatalities_high"),
            ("mentions", "r.mentions"), ("sources", "r.sources"), ("article_ids", "r.article_ids"),
        )
    )
    return ("SELECT json_object('type', 'Feature', 'id', r.id, "
            "'geometry', json_object('type', 'Point', 'coordinates', [r.lon, r.lat]), "
            f"'properties', json_object({props}))::VARCHAR")


_HAS_POINT = "r.lat IS NOT NULL AND r.lon IS NOT NULL AND r.lat BETWEEN -90 AND 90 AND r.lon BETWEEN -180 AND 180"


def _acled_case(field: str) -> str:
    whens = []
    for rule in ACLED_RULES:
        test = [f"r.type = {_literal(rule.type)}"]
        if rule.modes:
            test.append(f"r.mode IN {_in(rule.modes)}")
        if rule.civilians:
            test.append("r.target_kind = 'civilians'")
        value = getattr(rule, field) if field != "disorder_type" else _DISORDER[rule.event_type]
        whens.append(f"WHEN {' AND '.join(test)} THEN {_literal(value)}")
    return f"CASE {' '.join(whens)} END"


def _acled_select() -> str:
    precision = " ".join(f"WHEN {_literal(k)} THEN {v}" for k, v in _GEO_PRECISION.items())
    return (
        "SELECT strftime(r.date_start, '%Y-%m-%d') AS event_date, "
        f"{_acled_case('disorder_type')} AS disorder_type, {_acled_case('event_type')} AS event_type, "
        f"{_acled_case('sub_event_type')} AS sub_event_type, {_party_label('actor')} AS actor1, "
        "array_to_string(list_transform(r.actor_sponsors, lambda c: coalesce(MAP($names, $labels)[c], c)), '; ') "
        f"AS assoc_actor_1, {_party_label('target')} AS actor2, "
        "coalesce(MAP($names, $labels)[r.location_country], r.location_country) AS country, "
        "r.location_admin1 AS admin1, r.location_name AS location, r.lat AS latitude, r.lon AS longitude, "
        f"CASE r.location_precision {precision} END AS geo_precision, "
        "array_to_string(r.source_names, '; ') AS source, r.evidence AS notes, "
        "coalesce(r.fatalities_low, 0) AS fatalities"
    )


def _plover_party(role: str) -> str:
    sector = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in _SECTORS.items())
    return (f"CASE WHEN r.{role}_text IS NULL AND r.{role}_id IS NULL AND r.{role}_name IS NULL THEN []::JSON[] "
            f"ELSE [json_object('code', r.{role}_country, 'sector', CASE r.{role}_kind {sector} END, "
            f"'actor_text', r.{role}_text, 'identifier_id', r.{role}_id, 'identifier_text', r.{role}_name, "
            f"'kind', r.{role}_kind, 'sponsors', r.{role}_sponsors)] END")


def _plover_select() -> str:
    quad = " ".join(f"WHEN r.type IN {_in(types)} THEN {code}" for code, types in _QUAD.items())
    return (
        "SELECT json_object('id', r.id, 'has_event', true, 'date', strftime(r.date_start, '%Y-%m-%d'), "
        "'enddate', strftime(r.date_end, '%Y-%m-%d'), "
        f"'source', {_plover_party('actor')}, 'recipient', {_plover_party('target')}, "
        f"'event', [r.type], 'mode', r.mode, 'context', NULL, 'quad_code', CASE {quad} END, "
        "'event_loc', CASE WHEN r.location_name IS NULL AND r.location_country IS NULL AND r.lat IS NULL "
        "THEN NULL ELSE json_object('name', r.location_name, 'latitude', r.lat, 'longitude', r.lon, "
        "'country code', MAP($names, $alpha2)[r.location_country], 'cc3', r.location_country, "
        "'admin1 code', r.location_admin1, 'precision', r.location_precision) END, "
        "'event_text', list_filter([r.evidence], lambda t: t IS NOT NULL), "
        "'dead', r.fatalities_best, 'injured', r.injuries_best, "
        "'cite_info', json_object('url', r.urls[1], 'publication', r.source_names[1], "
        "'coder', 'proxywatch', 'codebook', 'proxywatch.event/1 (PLOVER categories)'), "
        "'coder', 'proxywatch', "
        "'proxywatch', json_object('status', r.status, 'negated', r.negated, 'date_precision', r.date_precision, "
        "'fatalities', json_object('low', r.fatalities_low, 'best', r.fatalities_best, 'high', r.fatalities_high), "
        "'injuries', json_object('low', r.injuries_low, 'best', r.injuries_best, 'high', r.injuries_high), "
        "'aggregate', CASE WHEN r.aggregate_min IS NULL AND r.aggregate_max IS NULL THEN NULL "
        "ELSE json_object('min', r.aggregate_min, 'max', r.aggregate_max) END, "
        "'mentions', r.mentions, 'sources', r.sources, 'article_ids', r.article_ids, 'urls', r.urls, "
        "'confidence', r.confidence))::VARCHAR"
    )


# COPY options: a header-ed CSV; raw lines (a one-column CSV with quoting switched off: every line is
# a JSON text, which never holds a raw line break or control character); Parquet.
_CSV = "(FORMAT csv, HEADER true)"
_LINES = "(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')"
_PARQUET = "(FORMAT parquet)"


def _copy(store: Store, select: str, rows: str, extra_where: str, params: list[Any], target: Path,
          options: str) -> int:
    sql = f"COPY ({select} FROM ({rows}) r{extra_where}{_ORDER}) TO {_literal(str(target))} {options}"
    try:
        return int(store.sql(sql, params)[0][0])
    except (duckdb.Error, StoreError) as exc:
        if getattr(exc, "kind", "") == "disk_full" or "No space left" in str(exc):
            raise WorkError(f"{target}: the disk is full; the export was not written") from None
        raise WorkError(f"{target}: export failed ({str(exc).splitlines()[0]})") from None


def _count(store: Store, rows: str, extra_where: str, params: list[Any]) -> int:
    return int(store.sql(f"SELECT count(*) FROM ({rows}) r{extra_where}", params)[0][0])


def _named(params: list[Any], select: str) -> tuple[str, list[Any]]:
    """Turn the ``$names``-style placeholders of a SELECT into positional ones, with their values."""
    names, alpha2 = country_names()
    codes = sorted(names)
    values = {"$names": codes, "$labels": [names[c] for c in codes], "$alpha2": [alpha2.get(c) for c in codes]}
    head: list[Any] = []
    while True:
        hits = [(select.find(k), k) for k in values if k in select]
        if not hits:
            break
        _, key = min(hits)
        select = select.replace(key, "?::VARCHAR[]", 1)
        head.append(values[key])
    return select, head + params


def _write_geojson(store: Store, rows: str, params: list[Any], target: Path) -> int:
    """A FeatureCollection, streamed: DuckDB writes one Feature per line, Python wraps them."""
    lines = target.with_name(target.name + ".features")
    try:
        n = _copy(store, _geojson_select(), rows, f" WHERE {_HAS_POINT}", params, lines, _LINES)
        with open(lines, encoding="utf-8") as features, open(target, "w", encoding="utf-8") as out:
            out.write('{"type": "FeatureCollection", "features": [\n')
            for i, line in enumerate(features):
                out.write((",\n" if i else "") + line.rstrip("\n"))
            out.write("\n]}\n")
        return n
    finally:
        lines.unlink(missing_ok=True)


def export_events(store: Store, fmt: str, path: Path, query: EventQuery | None = None,
                  source: str = "canonical") -> ExportResult:
    """Write the events selected by ``query`` from ``source`` to ``path`` in ``fmt``."""
    if fmt not in EXPORT_FORMATS:
        raise ProxywatchError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    if fmt == "acled" and source == "all-mentions":
        raise ProxywatchError("--format acled writes events that happened: use --source canonical or mentions, "
                              "not all-mentions (negated, planned and aggregate mentions are no ACLED events)")
    rows, params = _rows_sql(source, query or EventQuery())
    left_out, note = 0, ""
    with atomic_output(path, protect=[store.path]) as part:
        if fmt == "geojson":
            n = _write_geojson(store, rows, params, part)
            left_out = _count(store, rows, f" WHERE NOT ({_HAS_POINT})", params)
            if left_out:
                note = f"{left_out} events without coordinates left out (GeoJSON needs a point)"
        elif fmt == "acled":
            select, all_params = _named(params, _acled_select())
            n = _copy(store, select, rows, f" WHERE r.type IN {_in(ACLED_TYPES)}", all_params, part, _CSV)
            left_out = _count(store, rows, f" WHERE r.type NOT IN {_in(ACLED_TYPES)}", params)
            if left_out:
                note = f"{left_out} events of types with no ACLED equivalent left out (see docs/exports.md)"
        else:
            select, options = {"csv": (_csv_select(), _CSV), "parquet": (_parquet_select(), _PARQUET),
                               "jsonl": (_jsonl_select(), _LINES)}.get(fmt, (_plover_select(), _LINES))
            select, all_params = _named(params, select)
            n = _copy(store, select, rows, "", all_params, part, options)
    if n == 0 and not note:
        note = _empty_note(store, source)
    return ExportResult(path=path, format=fmt, rows=n, left_out=left_out, note=note)


def _empty_note(store: Store, source: str) -> str:
    if source == "canonical" and store.sql("SELECT count(*) FROM canonical_events")[0][0] == 0:
        stored = store.sql("SELECT count(*) FROM events")[0][0]
        if stored:
            return (f"no canonical events in the database ({stored} mentions stored): merge them first, "
                    "or export with --source mentions")
    return "no events matched the filters; the file holds no events"
