"""Synthetic events with known truth, for acceptance tests and benchmarks.

The truth is a daily Poisson series: ``rate_before`` events/day for ``days_before`` days, then
``rate_after`` for ``days_after`` days, drawn with a seeded :class:`numpy.random.Generator`.
The rows themselves are expanded inside DuckDB (one INSERT … SELECT over the daily counts), so
ten million events take seconds. Each row's attributes (type, actor, sponsors, target, place,
fatalities) come from a hash of (seed, day, index): deterministic, and independent of the date,
so any filter thins the series without moving the change (the rate ratio stays the truth).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from proxywatch.analyse.series import Reader

__all__ = ["SyntheticTruth", "generate", "write_synthetic", "TABLES"]

TABLES = ("canonical_events", "events")

# (actor id, name, home country, sponsors, kind): the attribute pools rows draw from.
_ACTORS = [
    ("islamic-resistance-in-iraq", "Islamic Resistance in Iraq", "IRQ", ["IRN"], "armed_group"),
    ("houthis", "Ansar Allah", "YEM", ["IRN"], "armed_group"),
    ("hezbollah", "Hezbollah", "LBN", ["IRN"], "armed_group"),
    ("kataib-hezbollah", "Kata'ib Hezbollah", "IRQ", ["IRN"], "armed_group"),
    (None, None, None, [], None),
]
_TARGETS = [("us-military", "United States Armed Forces", "USA", "military"),
            ("idf", "Israel Defense Forces", "ISR", "military"),
            (None, "civilians", None, "civilians")]
_PLACES = ["IRQ", "SYR", "YEM", "LBN", "JOR"]
_MODES = ["drone", "rocket", "missile", "firearms"]


@dataclass(frozen=True)
class SyntheticTruth:
    seed: int
    start: date
    days_before: int
    days_after: int
    rate_before: float
    rate_after: float
    counts: tuple[int, ...]  # events generated on each day from ``start``

    @property
    def change(self) -> date:
        """First day of the new regime."""
        return self.start + timedelta(days=self.days_before)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.counts) - 1)

    @property
    def ratio(self) -> float:
        return self.rate_after / self.rate_before

    @property
    def events(self) -> int:
        return sum(self.counts)


def generate(seed: int, rate_before: float = 1.5, rate_after: float = 0.1, days_before: int = 100,
             days_after: int = 100, start: date = date(2023, 10, 1)) -> SyntheticTruth:
    """Draw the daily counts: Poisson(rate_before) then Poisson(rate_after)."""
    import numpy as np

    if min(days_before, days_after) < 1 or min(rate_before, rate_after) < 0:
        raise ValueError("need at least one day on each side and non-negative rates")
    rng = np.random.default_rng(seed)
    rates = np.repeat([rate_before, rate_after], [days_before, days_after])
    counts = rng.poisson(rates)
    return SyntheticTruth(seed=seed, start=start, days_before=days_before, days_after=days_after,
                          rate_before=rate_before, rate_after=rate_after, counts=tuple(int(c) for c in counts))


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def _pick(values: list, h: str) -> str:
    """SQL: the element of ``values`` chosen by the hash expression ``h``."""
    return f"({_literal(values)})[1 + CAST(({h}) % {len(values)} AS BIGINT)]"


def _rows_sql(truth: SyntheticTruth) -> str:
    """SELECT of every synthetic row, with both tables' column names."""
    h = "hash(d.day, d.i, {seed})".format(seed=int(truth.seed))
    actor, target = f"(({h}) >> 8)", f"(({h}) >> 16)"
    cols = {
        "id": f"'syn-{int(truth.seed)}-' || d.day || '-' || d.i",
        "type": f"CASE WHEN ({h}) % 10 < 8 THEN 'ASSAULT' WHEN ({h}) % 10 = 8 THEN 'COERCE' ELSE 'THREATEN' END",
        "mode": _pick(_MODES, f"({h}) >> 24"),
        "actor_id": _pick([a[0] for a in _ACTORS], actor),
        "actor_name": _pick([a[1] for a in _ACTORS], actor),
        "actor_text": _pick([a[1] for a in _ACTORS], actor),
        "actor_country": _pick([a[2] for a in _ACTORS], actor),
        "actor_kind": _pick([a[4] for a in _ACTORS], actor),
        "actor_sponsors": f"CAST({_pick([a[3] for a in _ACTORS], actor)} AS VARCHAR[])",
        "target_id": _pick([t[0] for t in _TARGETS], target),
        "target_name": _pick([t[1] for t in _TARGETS], target),
        "target_text": _pick([t[1] for t in _TARGETS], target),
        "target_country": _pick([t[2] for t in _TARGETS], target),
        "target_kind": _pick([t[3] for t in _TARGETS], target),
        "target_sponsors": "CAST([] AS VARCHAR[])",
        "location_country": _pick(_PLACES, f"({h}) >> 32"),
        "location_precision": "'country'",
        "date_start": f"DATE '{truth.start.isoformat()}' + d.day",
        "date_end": f"DATE '{truth.start.isoformat()}' + d.day",
        "date_precision": "'day'",
        "fat": f"CASE WHEN (({h}) >> 40) % 10 < 7 THEN 0 ELSE (({h}) >> 44) % 5 END",
        "spread": f"(({h}) >> 48) % 3",
    }
    return ("SELECT " + ", ".join(f"{expr} AS \"{name}\"" for name, expr in cols.items())
            + " FROM (SELECT day, unnest(range(n)) AS i FROM "
              "(SELECT unnest(?::INTEGER[]) AS day, unnest(?::INTEGER[]) AS n) WHERE n > 0) d")


_CANONICAL_INSERT = """
INSERT INTO canonical_events (id, type, mode, actor_text, actor_id, actor_name, actor_country, actor_kind,
    actor_sponsors, target_text, target_id, target_name, target_country, target_kind, target_sponsors,
    location_country, location_precision, date_start, date_end, date_precision,
    fatalities_low, fatalities_best, fatalities_high, mentions, sources, record)
SELECT id, type, mode, actor_text, actor_id, actor_name, actor_country, actor_kind, actor_sponsors,
    target_text, target_id, target_name, target_country, target_kind, target_sponsors,
    location_country, location_precision, date_start, date_end, date_precision,
    fat, fat, fat + spread, 1, 1, '{{"synthetic": true}}' FROM ({rows})
"""

_EVENTS_INSERT = """
INSERT INTO events (id, article_id, type, mode, status, negated, actor_text, actor_id, actor_name,
    actor_country, actor_kind, actor_sponsors, target_text, target_id, target_name, target_country,
    target_kind, target_sponsors, location_country, location_precision, date_start, date_end,
    date_precision, fatalities_min, fatalities_max, evidence_text, evidence_start, evidence_end,
    confidence, record)
SELECT id, 'syn-article-' || date_start, type, mode, 'occurred', false, actor_text, actor_id, actor_name,
    actor_country, actor_kind, actor_sponsors, target_text, target_id, target_name, target_country,
    target_kind, target_sponsors, location_country, location_precision, date_start, date_end,
    date_precision, fat, fat + spread, 'synthetic', 0, 0, 1.0, '{{"synthetic": true}}' FROM ({rows})
"""


def write_synthetic(db: Reader, truth: SyntheticTruth, table: str = "canonical_events") -> int:
    """Insert the truth's rows into ``canonical_events`` or ``events`` of a writable store."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, got {table!r}")
    template = _CANONICAL_INSERT if table == "canonical_events" else _EVENTS_INSERT
    days = list(range(len(truth.counts)))
    db.sql(template.format(rows=_rows_sql(truth)), [days, list(truth.counts)])
    return truth.events
