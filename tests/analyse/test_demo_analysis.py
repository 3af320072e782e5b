"""The analysis commands on the demo corpus (our own writing): attacks on US forces around 2 February 2024.

Counted over canonical events (the default: ingest merges reports of one attack, such as the seven
mentions of Tower 22) and over single mentions.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from proxywatch import jobs
from proxywatch.analyse.changepoints import changepoints
from proxywatch.analyse.compare import compare
from proxywatch.ingest.readers import ReadOptions
from proxywatch.store import EventQuery, Store

DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


@pytest.fixture(scope="module")
def demo_store(extractor):
    with resources.as_file(DEMO) as path:
        articles = jobs.collect([str(path)], ReadOptions(), lambda p: None)
    store = Store()
    jobs.ingest(articles, store, extractor, lambda p: None)
    yield store
    store.close()


@pytest.mark.parametrize("source", ["canonical", "mentions"])
def test_changepoints_on_attacks_on_us_forces_put_a_drop_near_2_february(demo_store, source):
    assert demo_store.sql("SELECT count(*) FROM canonical_events")[0][0] > 0
    result = changepoints(demo_store, EventQuery(target_country="USA"), source=source)
    drops = [c for c in result.changes if c.ratio < 1]
    assert drops, result.changes
    assert any(abs((c.date - date(2024, 2, 2)).days) <= 5 for c in drops), [c.date for c in drops]


@pytest.mark.parametrize("source", ["canonical", "mentions"])
def test_compare_at_2_february_shows_fewer_attacks_after(demo_store, source):
    result = compare(demo_store, date(2024, 2, 2), 30, EventQuery(target_country="USA"), source=source)
    assert result.before.rate.events > result.after.rate.events
    assert result.ratio.ratio < 1
