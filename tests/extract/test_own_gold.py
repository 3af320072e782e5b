"""Regression thresholds on the project's own gold set (tests/data/gold, contract section 3).

The floors are the figures measured when they were last raised; a change that lowers quality
fails here. Issue 3's targets are 0.85 for both: both are reached; the floors sit at the measured
levels and go up as extraction improves. Sponsors are held on a meaningful number of scored
parties (every named Iran-backed group in the gold carries its sponsor, from the text or the KB).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proxywatch.evaluate.scoring import score
from proxywatch.ingest.gold import gold_article, read_gold

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"
F1_FLOOR = 0.87
FIELD_FLOOR = 0.90
PRECISION_FLOOR = 0.92  # precision over recall: confidently wrong events cost most
# per-field floors: (accuracy, fewest scored pairs)
PER_FIELD_FLOORS = {"actor.sponsors": (0.95, 25), "actor.country": (0.85, 100), "target.country": (0.77, 80),
                    "location.country": (0.95, 60), "fatalities": (0.9, 20)}


@pytest.fixture(scope="module")
def report(extractor):
    gold, problems = read_gold(sorted(GOLD.glob("*.jsonl")))
    assert not problems, [str(p) for p in problems]
    assert len(gold) >= 40
    predictions = {a.id: events for a, events in extractor.extract_many([gold_article(g) for g in gold])}
    return score(gold, predictions)


@pytest.mark.slow
def test_gold_set_is_large_and_exhaustive():
    gold, _ = read_gold(sorted(GOLD.glob("*.jsonl")))
    assert len(gold) >= 40
    assert sum(1 for g in gold for e in g["events"] if not e.get("optional")) >= 150
    assert all(g["scored_types"] for g in gold)


@pytest.mark.slow
def test_event_detection_does_not_regress(report):
    assert report.f1 >= F1_FLOOR, f"event F1 {report.f1:.3f} < {F1_FLOOR}"
    assert report.precision >= PRECISION_FLOOR, f"precision {report.precision:.3f} < {PRECISION_FLOOR}"


@pytest.mark.slow
def test_field_accuracy_does_not_regress(report):
    assert report.field_accuracy is not None
    assert report.field_accuracy >= FIELD_FLOOR, f"field accuracy {report.field_accuracy:.3f} < {FIELD_FLOOR}"
    for name in ("negated", "status", "date", "mode"):
        assert (report.accuracy(name) or 0) >= 0.8, f"{name}: {report.accuracy(name)}"
    for name, (floor, least) in PER_FIELD_FLOORS.items():
        assert report.field_total.get(name, 0) >= least, f"{name}: only {report.field_total.get(name, 0)} scored"
        assert (report.accuracy(name) or 0) >= floor, f"{name}: {report.accuracy(name)} < {floor}"
