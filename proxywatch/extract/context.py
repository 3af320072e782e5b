"""What a rule can read: the article, the sentence, the event being built, and the readers.

Three nested contexts, built by the extractor (``pipeline.py``) and handed to the rules (``engine.py``):

- :class:`DocContext`: the article, its parsed document, the publication date, the knowledge base and the
  readers, the parties named so far (:class:`~proxywatch.extract.mentions.Salience`), the events read so
  far, the attack words told in earlier sentences, and the trace when one is asked for;
- :class:`SentenceContext`: one sentence and its trigger hits;
- :class:`EventContext`: one event being read: its main trigger and the other triggers of its group, the
  actor and target tokens (rules may move them), the event's day, and the words that belong to other
  events of the sentence (``others``, ``reason``).

The readers (``readers.py``) are public: ``roles`` (computed once per token), ``party``, ``location``,
``date``, ``mode``, ``casualties``, ``status``. Contexts pass the article's salience in for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from proxywatch.extract.engine import Trace
from proxywatch.extract.mentions import Salience
from proxywatch.ingest.layout import Layout
from proxywatch.records import Article, DateSpan, Event, Party
from proxywatch.resolve.focus import Focus, article_focus
from proxywatch.resolve.parties import publisher_party

if TYPE_CHECKING:
    from proxywatch.extract.readers import Readers
    from proxywatch.extract.syntax import Hit
    from proxywatch.resolve.kb import KnowledgeBase

__all__ = ["Cue", "DocContext", "SentenceContext", "EventContext", "cue"]


@dataclass(frozen=True)
class Cue:
    """How an event's trigger word names it, for rules that link events across sentences: its lemma, whether it
    is a definite noun ("the attack", "the RSF's shelling"), and the proper names in its phrase ("the Tutor")."""

    lemma: str
    definite: bool
    names: frozenset[str]


def cue(tok: Token) -> Cue:
    definite = tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and (c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss")
        for c in tok.children)
    names: set[str] = set()
    if tok.pos_ in ("NOUN", "PROPN"):
        for prep in tok.children:  # "the attack on the Tutor": the names of what it was aimed at or where
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "at", "in", "near"):
                names.update(t.lower_ for t in prep.subtree if t.text[:1].isupper() and t.is_alpha
                             and t.ent_type_ not in ("DATE", "TIME"))
    return Cue(tok.lemma_.lower(), definite, frozenset(names))


@dataclass
class DocContext:
    article: Article
    doc: Doc
    published: date | None
    read: Readers
    salience: Salience = field(default_factory=Salience)
    events: list[Event] = field(default_factory=list)
    told: dict[int, set[str]] = field(default_factory=dict)  # sentence start → attack words it told
    last_day: DateSpan | None = None  # the story's day so far
    attack: tuple[int, int] | None = None  # (sentence, index in events) of the last single attack told
    trace: Trace | None = None
    origins: list[tuple[int, int, str]] = field(default_factory=list)  # per event: (sentence, ordinal, word)
    cues: list[Cue] = field(default_factory=list)  # per event: how its trigger names it

    _publisher: tuple[Party | None] | None = None
    _focus: tuple[Focus | None] | None = None

    @property
    def kb(self) -> KnowledgeBase:
        return self.read.kb

    @property
    def layout(self) -> Layout | None:
        return self.doc.user_data.get("pw_layout")

    @property
    def focus(self) -> Focus | None:
        """What the article is about (resolve/focus.py): ranked places and countries, and its focus country."""
        if self._focus is None:
            layout = self.layout
            self._focus = (article_focus(layout, self.article.text, self.kb, self.article.title)
                           if layout is not None else None,)
        return self._focus[0]

    @property
    def publisher(self) -> Party | None:
        """The government body that published the article (its ``source``), or None."""
        if self._publisher is None:
            day = self.published.isoformat() if self.published else None
            self._publisher = (publisher_party(self.article.source, self.kb, day),)
        return self._publisher[0]

    def party(self, tok: Token | None, day: str | None) -> Party | None:
        return self.read.party(tok, day, self.salience)

    def roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        return self.read.roles(tok)

    def told_before(self, sent_start: int) -> set[str]:
        """Attack words of the sentences before the one starting at ``sent_start``."""
        return set().union(*(w for s, w in self.told.items() if s < sent_start))


@dataclass
class SentenceContext:
    dc: DocContext
    sent: Span
    number: int = 0  # the sentence's place among those read
    hits: list[Hit] = field(default_factory=list)
    apart: set[int] = field(default_factory=set)  # event nouns telling an incident of their own (force.py)
    counted: set[int] = field(default_factory=set)  # of those, the counts of events (read with the whole sentence)

    @property
    def kb(self) -> KnowledgeBase:
        return self.dc.kb

    @property
    def read(self) -> Readers:
        return self.dc.read

    def party(self, tok: Token | None, day: str | None) -> Party | None:
        return self.dc.party(tok, day)

    def roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        return self.dc.roles(tok)


@dataclass
class EventContext:
    """One event being read. ``actor_tok``/``target_tok`` start as the trigger's roles; rules may move them."""

    sc: SentenceContext
    tok: Token
    trigger_type: str
    group: list[Token]
    others: set[int]
    actor_tok: Token | None = None
    target_tok: Token | None = None
    reason: set[int] = field(default_factory=set)
    named_actor: bool = False  # the sentence's own reading named an actor (before the second look)
    trigger_mode: str | None = None
    victims: Token | None = None  # the first victims' mention (event.casualties)
    ordinal: int = 0  # the event's place among the sentence's events

    @property
    def dc(self) -> DocContext:
        return self.sc.dc

    @property
    def sent(self) -> Span:
        return self.sc.sent

    @property
    def kb(self) -> KnowledgeBase:
        return self.sc.kb

    @property
    def read(self) -> Readers:
        return self.sc.dc.read

    def day(self, event: Event) -> str | None:
        """The event's first day; the article's when the event has no date."""
        if event.date is not None:
            return event.date.start
        published = self.dc.published
        return published.isoformat() if published else None

    def party(self, tok: Token | None, day: str | None) -> Party | None:
        return self.dc.party(tok, day)

    def roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        return self.dc.roles(tok)
