"""The trigger word found again in the evidence sentence, in any inflected form."""

from __future__ import annotations

import pytest

from proxywatch.serve.web.highlight import segments, trigger_span

CASES = [  # (sentence, type, trigger) — sentences written for these tests
    ("A drone struck the base before dawn.", "ASSAULT", "struck"),
    ("Militants shelled the town for hours.", "ASSAULT", "shelled"),
    ("The airstrikes killed four people.", "ASSAULT", "airstrikes"),
    ("The ministers met in Doha on Tuesday.", "CONSULT", "met"),
    ("Tehran condemned the raid as a crime.", "ACCUSE", "condemned"),
]


@pytest.mark.parametrize("text,type_,word", CASES)
def test_trigger_found_in_any_form(text, type_, word):
    start, end = trigger_span(text, type_)
    assert text[start:end] == word


def test_no_trigger_of_another_type():
    assert trigger_span("The ministers met in Doha.", "ASSAULT") is None


def test_segments_rebuild_the_text_and_never_overlap():
    text = "Iran-backed fighters attacked US troops at Tower 22 in Jordan."
    pieces = segments(text, "ASSAULT", {"actor": "Iran-backed fighters", "target": "US troops", "place": "Jordan",
                                        "bogus": "not in the sentence"})
    assert "".join(p for p, _ in pieces) == text
    marks = {mark: p for p, mark in pieces if mark}
    assert marks == {"actor": "Iran-backed fighters", "trigger": "attacked", "target": "US troops", "place": "Jordan"}


def test_a_party_overlapping_the_trigger_is_not_marked_twice():
    pieces = segments("The strike killed three.", "ASSAULT", {"actor": "The strike"})
    assert [m for _, m in pieces if m] == ["trigger"]
