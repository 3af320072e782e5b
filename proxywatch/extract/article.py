"""Article rules: whole-article touches after every sentence is read (stage ``article``)."""

from __future__ import annotations

import re
from dataclasses import replace

from proxywatch.extract.context import DocContext
from proxywatch.extract.engine import rule
from proxywatch.records import Count, Event

__all__: list[str] = []

_UNHURT = re.compile(r"\b(?:no one|no-one|nobody|none of them)\b[^.;]*?\b(?:was|were)\s+(?:hurt|harmed|injured)\b",
                     re.IGNORECASE)
_NO_INJURIES = re.compile(r"\bno (?:injuries|casualties)\b", re.IGNORECASE)


def _next_sentence(event: Event, events: list[Event], text: str) -> tuple[str, bool]:
    """The sentence after an event's, and whether it tells no event of its own."""
    after = text[event.evidence.end:]
    end = after.find(".", 1)
    nxt = after[: end + 1] if end >= 0 else after
    skip = len(nxt) - len(nxt.lstrip())
    return nxt, event.evidence.end + skip not in {e.evidence.start for e in events}


def _single_attack(event: Event) -> bool:
    return event.type == "ASSAULT" and event.status == "occurred" and not event.negated and event.aggregate is None


@rule("article.nobody-hurt", "An attack with no one wounded, followed by 'Nobody was hurt' (in its own sentence or "
      "the next, when that one tells no event of its own), killed no one either.",
      "A drone struck the base on Monday, wounding no one. Nobody was hurt, the army said.")
def nobody_hurt(events: list[Event], dc: DocContext) -> list[Event]:
    out = []
    for event in events:
        if _single_attack(event) and event.fatalities is None and event.injuries == Count(0, 0):
            nxt, alone = _next_sentence(event, events, dc.article.text)
            if _UNHURT.search(event.evidence.text) or alone and _UNHURT.search(nxt):
                event = replace(event, fatalities=Count(0, 0))
        out.append(event)
    return out


@rule("article.no-injuries-next", "'No injuries were reported' in the sentence after an attack, which tells no event "
      "of its own: the attack wounded no one.", "A rocket hit the embassy compound. No injuries were reported.")
def no_injuries_next(events: list[Event], dc: DocContext) -> list[Event]:
    out = []
    for event in events:
        if _single_attack(event) and event.injuries is None and event.fatalities in (None, Count(0, 0)) \
                and not _NO_INJURIES.search(event.evidence.text):
            nxt, alone = _next_sentence(event, events, dc.article.text)
            if alone and _NO_INJURIES.search(nxt):
                event = replace(event, injuries=Count(0, 0))
        out.append(event)
    return out
