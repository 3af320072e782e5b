"""What reading a sentence needs besides its words, and where a sentence states a count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from proxywatch.resolve.kb import KnowledgeBase

__all__ = ["ReadContext", "Hit"]


@dataclass(frozen=True)
class ReadContext:
    """What reading needs besides the words: the knowledge base, the publication day, the article."""

    kb: KnowledgeBase
    published: date | None = None
    article_id: str = ""
    previous_dates: tuple[str, ...] = ()  # ISO days stated earlier in the article ("since then")

    @property
    def day(self) -> str | None:
        return self.published.isoformat() if self.published else None


@dataclass(frozen=True)
class Hit:
    """Where a sentence states a count of events."""

    form: str  # "noun" ("150 attacks"), "times" ("attacked 23 times"), "negated" ("have not attacked"), "conjunct"
    start: int  # the count's first character
    end: int  # the end of the event word (or of "times", or of the conjunct's place)
    count_text: str
    min: int
    max: int | None
    approximate: bool
    word: str  # the event word ("attacks", "attacked"); the conjunct's is its main claim's
    word_start: int
    mods: str = ""  # words between the count and the event noun ("Iran-backed", "drone and rocket")
    rule: str = ""
    place_text: str = ""  # a conjunct's own place list ("Syria")
