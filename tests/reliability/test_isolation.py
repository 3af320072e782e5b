"""Probe: one article that breaks, or never finishes, must not cost its batch.

Faults are injected into a real extractor: an article whose reading raises, one that takes longer than
the time budget, and one that breaks the batched parse. Each is reported in one line and skipped; the
others of the batch come out (``extract_articles``) and are stored (``ingest``).
"""

from __future__ import annotations

import time

import pytest

from proxywatch import jobs
from proxywatch.records import Article
from proxywatch.store import Store

pytestmark = pytest.mark.slow

TEXTS = {  # written for these tests
    "a": "Militants fired rockets at a base near Erbil on Monday, wounding two soldiers.",
    "boom": "Gunmen attacked a checkpoint outside Kirkuk on Tuesday, killing three police officers.",
    "slow": "Insurgents attacked an army post near Mosul on Wednesday, killing one soldier.",
    "b": "A drone struck a fuel depot near Marib on Thursday, officials said.",
    "parse": "Rebels shelled a village near Hodeidah on Friday, killing four civilians.",
    "c": "Armed men stormed a police station in Tikrit late on Saturday.",
}


def batch(*ids: str) -> list[Article]:
    return [Article(id=i, text=TEXTS[i], published="2024-03-04") for i in ids]


class Faulty:
    """The real extractor, with faults for some article ids."""

    def __init__(self, real):
        self.real = real
        self.kb = real.kb

    def _fault(self, article):
        if article.id == "boom":
            raise ValueError("injected fault")
        if article.id == "slow":
            time.sleep(5)

    def parse(self, articles, batch_size=16):
        articles = list(articles)
        for doc, article in self.real.parse(articles, batch_size):
            if any(a.id == "parse" for a in articles):
                raise RuntimeError("injected parse fault")
            yield doc, article

    def extract_doc(self, article, doc):
        self._fault(article)
        return self.real.extract_doc(article, doc)

    def extract(self, article):
        if article.id == "parse":
            raise RuntimeError("injected parse fault")
        self._fault(article)
        return self.real.extract(article)


def test_failing_and_slow_articles_are_reported_and_the_others_kept(extractor):
    problems = []
    out = list(jobs.extract_articles(Faulty(extractor), batch("a", "boom", "slow", "b"), problems.append,
                                     seconds=0.5))
    assert [a.id for a, _ in out] == ["a", "b"]
    assert all(events for _, events in out)
    lines = sorted(str(p) for p in problems)
    assert len(lines) == 2
    assert lines[0].startswith("article boom: extraction failed (ValueError: injected fault)")
    assert lines[1].startswith("article slow: extraction took longer than 0.5 s (setting article_seconds)")
    assert all("\n" not in line for line in lines)


def test_a_batch_whose_parse_fails_is_parsed_one_by_one(extractor):
    problems = []
    out = list(jobs.extract_articles(Faulty(extractor), batch("a", "b", "parse", "c"), problems.append))
    assert [a.id for a, _ in out] == ["a", "b", "c"]
    assert [str(p).split(":")[0] for p in problems] == ["article parse"]


def test_ingest_stores_the_rest_of_a_batch_with_a_poisoned_article(extractor, tmp_path):
    problems = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = jobs.ingest(batch("a", "boom", "slow", "b", "parse", "c"), store, Faulty(extractor),
                              problems.append, batch_size=32, seconds=0.5)
        stored = {row[0] for row in store.sql("SELECT id FROM articles")}
    assert stored == {"a", "b", "c"}
    assert summary.failed == 3 and summary.new == 3
    assert len(problems) == 3


def test_time_budget_does_nothing_without_seconds():
    with jobs.time_budget(None):
        time.sleep(0.01)
    with pytest.raises(jobs.OverBudget):
        with jobs.time_budget(0.05):
            time.sleep(1)


class HugeCount(Faulty):
    """Article "b" gets an event whose count no INTEGER column holds: its rows fail to store."""

    def extract_doc(self, article, doc):
        events = self.real.extract_doc(article, doc)
        if article.id == "b":
            from dataclasses import replace

            from proxywatch.records import Count

            events = [replace(events[0], fatalities=Count(10**12, None))]
        return events


def test_a_batch_whose_rows_fail_to_store_is_written_one_by_one(extractor, tmp_path):
    problems = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = jobs.ingest(batch("a", "b", "c"), store, HugeCount(extractor), problems.append, batch_size=32)
        stored = {row[0] for row in store.sql("SELECT id FROM articles")}
    assert stored == {"a", "c"}
    assert summary.new == 2 and summary.failed == 1
    (line,) = [str(p) for p in problems]
    assert line.startswith("article b: not stored (") and "\n" not in line
