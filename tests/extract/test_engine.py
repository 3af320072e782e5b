"""The rule engine: registry, trace and the words it writes about changes (written for this project)."""

from __future__ import annotations

import pytest

from proxywatch.extract.engine import REGISTRY, STAGES, Registry, Trace, brief, diff
from proxywatch.extract.rules import load_rules
from proxywatch.records import Count, DateSpan, Event, Evidence, Party


def test_rules_register_in_stage_order_with_unique_ids():
    load_rules()
    stages = [r.stage for r in REGISTRY]
    assert stages == sorted(stages, key=STAGES.index)
    assert len({r.id for r in REGISTRY}) == len(REGISTRY) > 50
    assert all(r.purpose and r.example and r.id.startswith(r.stage + ".") for r in REGISTRY)


def test_a_rule_id_twice_or_an_unknown_stage_is_refused():
    reg = Registry()
    reg.rule("drop.x", "p", "e")(lambda hit, sc: False)
    with pytest.raises(ValueError, match="twice"):
        reg.rule("drop.x", "p", "e")(lambda hit, sc: False)
    with pytest.raises(ValueError, match="unknown stage"):
        reg.rule("later.x", "p", "e")


def _event(**fields) -> Event:
    return Event(id="e", article_id="a", type="ASSAULT", evidence=Evidence("x", 0, 1), **fields)


def test_diff_names_each_changed_field_in_few_words():
    before = _event()
    after = _event(target=Party(text="US forces", country="USA", kind="military"), fatalities=Count(3, 3),
                   date=DateSpan("2024-01-28", "2024-01-28", "day", "Sunday"))
    text = diff(before, after)
    assert "target: none → 'US forces' [USA/military]" in text
    assert "fatalities: none → 3" in text and "date: none → 2024-01-28 (day, 'Sunday')" in text
    assert diff(after, after) == ""
    assert brief(Count(101, None)) == "101.."


def test_a_trace_keeps_steps_in_order():
    trace = Trace()
    trace.add("drop.x", "word 'a' (1)", "dropped ASSAULT", ("word", 0, 1))
    trace.add("refine.y", "event 0", "mode: none → 'drone'")
    assert [s.rule for s in trace.steps] == ["drop.x", "refine.y"] and trace.steps[0].key == ("word", 0, 1)
