"""Acceptance: real articles through the real extractor and the store.

Five articles (written for these tests, about the US drone strike in eastern Baghdad on 4 January
2024 that killed the Harakat al-Nujaba commander Abu Taqwa) become one canonical event with five
mentions and five sources; two US strikes in the first hour of 24 January 2024 on Kata'ib
Hezbollah sites at Jurf al-Sakhar (Babil) and near al-Qaim (Anbar) stay two.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proxywatch import jobs
from proxywatch.ingest.readers import ReadOptions
from proxywatch.merge import MergeRules
from proxywatch.store import EventQuery, Store

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1] / "data" / "canonical"


def _ingest(store: Store, extractor, kb, name: str, batch_size: int = 32, reverse: bool = False) -> None:
    problems: list = []
    articles = jobs.collect([str(DATA / name)], ReadOptions(), problems.append)
    articles = articles[::-1] if reverse else articles
    summary = jobs.ingest(articles, store, extractor, problems.append, batch_size, rules=MergeRules.from_kb(kb))
    assert not problems and summary.failed == 0


def _strikes(store: Store) -> list[dict]:
    return list(store.canonical_events(EventQuery(type="ASSAULT")))


def test_five_reports_of_one_strike_are_one_canonical_event(extractor, kb):
    with Store(":memory:") as store:
        _ingest(store, extractor, kb, "same_strike.jsonl")
        (strike,) = _strikes(store)
        assert strike["mentions"] == 5
        assert strike["sources"] == 5
        assert sorted(strike["article_ids"]) == [f"nujaba-{i}" for i in range(1, 6)]
        assert strike["location"]["name"] == "Baghdad"
        assert strike["date"]["start"] == "2024-01-04"
        assert strike["actor"]["country"] == "USA"
        assert strike["target"]["id"] == "nujaba"
        low, best, high = (strike["fatalities"][k] for k in ("low", "best", "high"))
        assert 1 <= low <= best <= high <= 2
        # the aggregate claim in the fifth article ("more than 100 times") is not an event
        aggregates = store.sql("SELECT id FROM events WHERE aggregate_min IS NOT NULL")
        linked = {r[0] for r in store.sql("SELECT event_id FROM canonical_mentions")}
        assert aggregates and not linked & {r[0] for r in aggregates}


def test_two_strikes_on_one_day_in_two_provinces_stay_two(extractor, kb):
    with Store(":memory:") as store:
        _ingest(store, extractor, kb, "two_strikes.jsonl")
        strikes = _strikes(store)
        assert len(strikes) == 2
        assert {s["date"]["start"] for s in strikes} == {"2024-01-24"}
        assert sorted(s["location"]["name"] for s in strikes) == ["Al-Qaim", "Jurf al-Sakhar"]
        assert all(s["target"]["id"] == "kataib-hezbollah" for s in strikes)


def test_one_by_one_or_all_at_once_gives_the_same_events(extractor, kb):
    snapshots = []
    for batch_size, reverse in ((32, False), (1, False), (1, True)):
        with Store(":memory:") as store:
            for name in ("two_strikes.jsonl", "same_strike.jsonl")[:: -1 if reverse else 1]:
                _ingest(store, extractor, kb, name, batch_size, reverse)
            snapshots.append(store.sql("SELECT id, record FROM canonical_events ORDER BY id"))
    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert len(snapshots[0]) >= 3


def test_demo_prints_canonical_events_next_to_mentions(tmp_path):
    from typer.testing import CliRunner

    from proxywatch.cli import app

    db = tmp_path / "demo.duckdb"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("proxywatch demo:"))
    merged, mentions = (int(x) for x in re.search(r"canonical events: (\d+) \(from (\d+) single", line).groups())
    assert 0 < merged < mentions
    with Store(str(db), read_only=True) as store:
        assert store.canonical_counts() == {"canonical_events": merged, "mentions": mentions}
        assert store.unmerged_mentions() == 0
        across = [r for r in store.canonical_events() if len(r["article_ids"]) > 1]
        assert across, "the demo corpus tells some events in more than one article"
