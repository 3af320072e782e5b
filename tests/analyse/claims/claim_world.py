"""A small world for claim tests: a few article events, and a store holding other reports (no spaCy needed).

Every sentence is written for these tests, about the real events of October 2023 to February 2024:
the militia attacks on US forces in Iraq and Syria, the drone attack on Tower 22 in Jordan
(28 January 2024) and the US strikes of 2 February 2024.
"""

from __future__ import annotations

from datetime import date, timedelta

from proxywatch.records import Article, DateSpan, Event, Evidence, Party, Place
from proxywatch.jobs import store_batch
from proxywatch.store import Store

PUBLISHED = "2024-02-20"
US_TROOPS = Party("three US soldiers", id="us-military", name="United States Armed Forces", country="USA",
                  kind="military")
UNITED_STATES = Party("The United States", id="united-states", name="United States", country="USA", kind="state")
TOWER_22 = Place("Tower 22", name="Tower 22", country="JOR", precision="site")

# Two sentences an article tells before its claims: an attack on US forces, dated in its own sentence,
# and the response to it, not dated there.
PREAMBLE = ("A drone killed three US soldiers at Tower 22 in Jordan on 28 January. "
            "Washington answered with a wave of air strikes on militia sites in Iraq and Syria. ")


def event(id_: str, article: str, text: str, *, day: str | None = None, day_text: str | None = None,
          actor: Party | None = None, target: Party | None = None, place: Place | None = None, type_: str = "ASSAULT",
          start: int = 0) -> Event:
    return Event(id=id_, article_id=article, type=type_, evidence=Evidence(text, start, start + len(text)),
                 actor=actor, target=target, location=place,
                 date=DateSpan(day, day, "day", day_text) if day else None)


def article_events(article: str = "claimer") -> list[Event]:
    """What the extractor would read in PREAMBLE: the Tower 22 attack, dated by '28 January' in its sentence."""
    first = PREAMBLE.split(". ")[0] + "."
    return [event("e-tower22", article, first, day="2024-01-28", day_text="28 January", target=US_TROOPS,
                  place=TOWER_22)]


def weekly(first: str, weeks: int, prefix: str = "news") -> list[Article]:
    start = date.fromisoformat(first)
    return [Article(f"{prefix}-{i}", "text", published=(start + timedelta(days=7 * i)).isoformat())
            for i in range(weeks)]


def fill(store: Store) -> Store:
    """Other reports: US strikes on 27 October and 2 February, the Tower 22 attack, weekly news since January."""
    syria = Place("Syria", country="SYR", precision="country")
    store_batch(store, [(a, []) for a in weekly("2024-01-01", 8)])
    store_batch(store, [
        (Article("s-oct", "t", published="2023-10-28"),
         [event("us-oct", "s-oct", "US jets struck two sites in eastern Syria on 27 October.", day="2023-10-27",
                day_text="27 October", actor=UNITED_STATES, place=syria)]),
        (Article("s-jan", "t", published="2024-01-29"),
         [event("t22", "s-jan", "A drone struck Tower 22 on Sunday.", day="2024-01-28", day_text="Sunday",
                target=US_TROOPS, place=TOWER_22)]),
        (Article("s-feb", "t", published="2024-02-03"),
         [event("us-feb", "s-feb", "The United States struck 85 targets in Iraq and Syria on Friday.",
                day="2024-02-02", day_text="Friday", actor=UNITED_STATES, place=syria)]),
    ])
    return store


