"""The prefilter (extract/prefilter.py): which sentences go to the parser — trigger forms alone, and forms that
count only in company (phrase triggers, light verbs, words a sense rule reads in company)."""

from __future__ import annotations

import pytest
import spacy

from proxywatch.extract.prefilter import Prefilter


@pytest.fixture(scope="module")
def prefilter() -> Prefilter:
    return Prefilter(spacy.blank("en"))


def _kept(prefilter: Prefilter, text: str) -> bool:
    return bool(prefilter.spans(text))


@pytest.mark.parametrize("text, kept", [
    ("Militants took control of the town.", True),            # a phrase trigger with its last word
    ("The delegation came home on Sunday.", False),            # its first word alone ("came under fire")
    ("The ministers are going to Geneva next week.", False),
    ("Houthi fighters launched two missiles.", True),          # a light verb with a weapon
    ("The company launched a new phone.", False),              # ... without one
    ("Israel launched Operation Long Arm.", True),             # a sense rule's company
    ("Iran armed the militias for years.", True),              # arming someone
    ("The armed groups met in Doha.", True),                   # 'met' counts on its own
    ("Armed groups control the north.", False),                # 'armed' as a modifier only
    ("Rebels made rapid advances, taking Aleppo.", True),      # 'take' read by a sense rule
    ("The leading candidate went home.", False),
    ("We will respond at a time of our choosing.", True),      # statements read in company
    ("The spokesman did not respond to questions.", False),
    ("We remain committed to Israel's security.", True),
])
def test_kept(prefilter, text, kept):
    assert _kept(prefilter, text) is kept
