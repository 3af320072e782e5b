"""The extractor: an article and a parsed spaCy ``Doc`` in, contract :class:`Event` records out.

Per sentence, the rule stages of ``engine.py`` run in order:

1. **sense** — each word proposes the event type of its lexicon entry (``lexicon.py``; multi-word
   triggers are matched first) and the sense rules (``senses.py``) confirm, change or withdraw it;
2. **drop** — hits that tell no new event are dropped (``generic.py``);
3. **group** — hits are grouped into one event per type and clause (``groups.py``);
4. **event** — each group's main trigger is read into an event, field by field (``fields.py``);
5. **refine** — a second look at its parties, place and counts (``roles.py``);
6. **more** — events the sentence tells by ellipsis (``groups.py``);

and after the last sentence, 7. **article** — whole-article touches (``article.py``). The readers the rules
call (roles, parties, place, date, mode, casualties, status) are in ``readers.py``; the contexts they read
from in ``context.py``. :meth:`Extractor.explain` runs the same stages and records what each rule did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from proxywatch.extract import lexicon as lx
from proxywatch.extract.context import DocContext, EventContext, SentenceContext, cue
from proxywatch.extract.dates import parse_published
from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.engine import REGISTRY, Trace, diff
from proxywatch.extract.groups import base_groups
from proxywatch.extract.mentions import subject_like
from proxywatch.extract.prefilter import Prefilter
from proxywatch.extract.readers import Readers
from proxywatch.extract.rules import load_rules
from proxywatch.extract.runner import Runner
from proxywatch.extract.senses import read_sense
from proxywatch.extract.syntax import (PLACE_PREPS, SEPARATOR, Hit, clause_head, earlier_clause, name_runs, to_article,
                                       tree_depth)
from proxywatch.extract.timing import timed_against
from proxywatch.ingest.layout import Layout, read_layout
from proxywatch.records import Article, Event, Evidence, event_id
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.parties import resolve_party

__all__ = ["Extractor", "Explanation"]

# The drop rule after which a sentence's attack words count as told (a later "the siege" re-mentions "the
# lifting of the siege" that a demand asked for).
_TOLD_AFTER = "drop.re-mention"

# Word classes no sense rule reads as an event (closed classes: punctuation, determiners, prepositions,
# conjunctions, pronouns, numbers, particles): the sense stage skips them.
_NEVER_TRIGGERS = frozenset("PUNCT DET ADP CCONJ SCONJ PRON NUM PART SPACE SYM INTJ".split())


@dataclass
class Explanation:
    """What :meth:`Extractor.explain` found: the events, and every step of every rule that fired."""

    article: Article
    events: list[Event]
    trace: Trace = field(default_factory=Trace)
    origins: list[tuple[int, int, str]] = field(default_factory=list)  # per event: (sentence, ordinal, trigger word)


class Extractor(Readers):
    """Stateless apart from the pipeline and knowledge base it is given."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, prefilter: bool = True) -> None:
        self.nlp = nlp
        self.kb = kb
        self._prefilter = Prefilter(nlp) if prefilter else None
        self._run = Runner(nlp)  # nlp's components, a faster attribute ruler; same annotations
        self._phrases = Matcher(nlp.vocab)
        for n, (words, _trigger) in enumerate(lx.PHRASE_TRIGGERS):
            def pattern(attr: str, words: tuple[str, ...] = words) -> list[dict]:
                return [{"IS_ALPHA": True, "OP": "?"} if w == "*" else {"LEMMA": w} if i == 0 else {attr: w}
                        for i, w in enumerate(words)]
            self._phrases.add(str(n), [pattern("LOWER")])
            self._phrases.add(str(n) + "l", [pattern("LEMMA")])
        self._places = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._places.add("place", [nlp.make_doc(name) for name in kb.gazetteer.curated_names()])
        load_rules()
        self._stages = {stage: list(REGISTRY.stage(stage)) for stage in ("sense", "drop", "group", "event",
                                                                          "refine", "more", "article")}

    # --- public ------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        return self.extract_doc(article, self._run(self.prepare(article)))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
        for doc, article in self.parse(articles, batch_size):
            yield article, self.extract_doc(article, doc)

    def explain(self, article: Article) -> Explanation:
        """The events of an article with the trace of every rule that fired: which word each trigger came
        from, which rules changed or dropped it, and what each rule changed in each event."""
        trace, origins = Trace(), []
        events = self.extract_doc(article, self._run(self.prepare(article)), trace, origins)
        return Explanation(article, events, trace, origins)

    def prepare(self, article: Article) -> Doc:
        """The tokens to parse: the article's body prose only, and when prefiltering only its candidate
        sentences, each starting a sentence.

        The article's layout (``ingest/layout.py``) marks what is not body prose — datelines, bylines,
        headings, speaker labels, captions, boilerplate, procedural talk. Those stretches are left out at the
        edges of a piece and blanked (same length, so offsets hold) inside one: they never become a party, a
        place, an event or part of an evidence span. ``doc.user_data["pw_offsets"]`` maps the parsed text back
        to the article: (doc offset, article offset) for each piece, in order; ``doc.user_data["pw_layout"]``
        keeps the layout.
        """
        text = article.text
        layout = read_layout(text, article.title or "")
        if self._prefilter is None:
            doc = self.nlp.make_doc(_blanked(text, 0, len(text), layout))
            doc.user_data["pw_offsets"] = [(0, 0)]
            doc.user_data["pw_layout"] = layout
            return doc
        pieces, offsets, at = [], [], 0
        for start, end in self._prefilter.spans(text):
            for s, e in _paragraphs(text, start, end):
                body = layout.body_spans(s, e)
                if not body:
                    continue
                s, e = body[0][0], body[-1][1]
                piece = _blanked(text, s, e, layout)
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if not any(c.isalnum() for c in piece):
                    continue
                offsets.append((at, s + lead))
                pieces.append(piece)
                at += len(piece) + len(SEPARATOR)
        doc = self.nlp.make_doc(SEPARATOR.join(pieces))
        starts = {c for c, _ in offsets}
        for token in doc:
            if token.idx in starts:
                token.is_sent_start = True
        doc.user_data["pw_offsets"] = offsets
        doc.user_data["pw_layout"] = layout
        return doc

    def parse(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Doc, Article]]:
        """Parsed documents with their articles, in input order (spaCy's ``nlp.pipe``)."""
        pairs = ((self.prepare(a), a) for a in articles)
        return self._run.pipe(pairs, batch_size, source_chars=lambda a: len(a.text))  # batches of equal text

    def extract_doc(self, article: Article, doc: Doc, trace: Trace | None = None,
                    origins: list[tuple[int, int, str]] | None = None) -> list[Event]:
        """Events from a document made by :meth:`prepare` (or a plain parse of the article text); with a
        ``trace``, every rule's change is recorded, and ``origins`` gets each event's (sentence, ordinal,
        trigger word)."""
        origins = [] if origins is None else origins
        dc = DocContext(article, doc, parse_published(article.published), self, trace=trace, origins=origins)
        for n_sent, sent in enumerate(doc.sents):
            sc = SentenceContext(dc, sent, n_sent)
            sc.hits = self._triggers(sc)
            groups = base_groups(sc.hits)
            for r in self._stages["group"]:
                new = r.fn(groups, sc)
                if trace is not None and list(new) != list(groups):
                    trace.add(r.id, f"sentence {n_sent}", f"{len(groups)} → {len(new)} event groups",
                              ("sentence", n_sent, 0))
                groups = new
            ordinal = 0
            for hits in groups.values():
                main = max(hits, key=lambda h: (h.trigger.weight, -tree_depth(h.token)))
                others = {k[1] for k in groups if k[0] == "ASSAULT" and groups[k] is not hits}
                ec = EventContext(sc, main.token, main.trigger.type, [h.token for h in hits], others,
                                  trigger_mode=main.trigger.mode, ordinal=ordinal)
                event = self._event(ec, main)
                dated_here = event.date is not None
                subject = f"event {ordinal} of sentence {n_sent} ({event.type}, {main.token.text!r})"
                event = self._run_rules("refine", event, ec, subject)
                dc.salience.add(n_sent, event.actor, subject=True)
                tok = main.token
                if dated_here and event.date.precision == "day" and event.aggregate is None \
                        and not (dc.published and (event.date.start or "") > dc.published.isoformat()) \
                        and not earlier_clause(tok) and timed_against(tok) is None \
                        and clause_head(tok).dep_ not in ("relcl", "acl") \
                        and tok.head.lower_ not in ("including", "like"):
                    dc.last_day = event.date  # the story's day: not that of an earlier or included attack
                dc.events.append(event)
                origins.append((n_sent, ordinal, main.token.text))
                dc.cues.append(cue(main.token))
                if event.type == "ASSAULT" and event.status == "occurred" and not event.negated \
                        and event.aggregate is None and not earlier_clause(tok) \
                        and (dc.attack is None or dc.attack[0] != n_sent):
                    dc.attack = (n_sent, len(dc.events) - 1)  # the sentence's first attack: its main clause
                ordinal += 1
                for r in self._stages["more"]:
                    ec.ordinal = ordinal - 1
                    for extra in r.fn(event, ec):
                        if trace is not None:
                            trace.add(r.id, subject, f"one more event: {diff(event, extra)}",
                                      ("event", n_sent, ordinal))
                        dc.events.append(extra)
                        origins.append((n_sent, ordinal, main.token.text))
                        dc.cues.append(cue(main.token))
                        ordinal += 1
            self._note_names(sent, n_sent, dc)
        events = dc.events
        for r in self._stages["article"]:  # article rules change events, or fold one into another (None)
            new = r.fn(events, dc)
            if trace is not None:
                for (n, k, _), before, after in zip(origins, events, new):
                    if after is None:
                        trace.add(r.id, f"event {k} of sentence {n}", "folded into an earlier event",
                                  ("event", n, k))
                    elif before != after:
                        trace.add(r.id, f"event {k} of sentence {n}", diff(before, after), ("event", n, k))
            if any(e is None for e in new):
                keep = [i for i, e in enumerate(new) if e is not None]
                origins[:] = [origins[i] for i in keep]
                dc.cues[:] = [dc.cues[i] for i in keep]
                new = [new[i] for i in keep]
            events = new
        return events

    def _run_rules(self, stage: str, event: Event, ec: EventContext, subject: str) -> Event:
        """The rules of the event or refine stage over one event, in order; with a trace, each change to the event
        and each move of its actor or target word is recorded."""
        trace = ec.dc.trace
        for r in self._stages[stage]:
            before = _state(event, ec) if trace is not None else None
            event = r.fn(event, ec)
            if trace is not None and _state(event, ec) != before:
                changes = [diff(before[0], event)] if event != before[0] else []
                for role, old, new in (("actor", before[1], ec.actor_tok), ("target", before[2], ec.target_tok)):
                    if old is not new:
                        changes.append(f"{role} word: {_word(old)} → {_word(new)}")
                if frozenset(ec.reason) != before[3]:
                    doc = ec.sent.doc
                    changes.append(f"reason phrase: «{doc[min(ec.reason): max(ec.reason) + 1].text}»" if ec.reason
                                   else "no reason phrase")
                trace.add(r.id, subject, "; ".join(c for c in changes if c), ("event", ec.sc.number, ec.ordinal))
        return event

    # --- one sentence ---------------------------------------------------------------------
    def _triggers(self, sc: SentenceContext) -> list[Hit]:
        """The sentence's trigger hits: phrases first, then word by word through the sense rules; then the
        drop rules, each over the hits the ones before it kept."""
        sent, doc, trace = sc.sent, sc.sent.doc, sc.dc.trace
        hits: list[Hit] = []
        taken: set[int] = set()
        if "pw_phrases" not in doc.user_data:  # phrase triggers, matched once per document
            doc.user_data["pw_phrases"] = self._phrases(doc)
        for match_id, start, end in doc.user_data["pw_phrases"]:
            if not (sent.start <= start and end <= sent.end):
                continue
            trigger = lx.PHRASE_TRIGGERS[int(self.nlp.vocab.strings[match_id].rstrip("l"))][1]
            tok = sent.doc[start]
            if tok.i not in taken:
                hits.append(Hit(tok, trigger))
                taken.update(range(start, end))
        senses = self._stages["sense"]
        for tok in sent:
            if tok.i in taken or tok.pos_ in _NEVER_TRIGGERS:
                continue
            trigger = read_sense(senses, tok, sc, trace, sc.number)
            if trigger is not None:
                hits.append(Hit(tok, trigger))
        for r in self._stages["drop"]:
            sc.hits = hits
            kept = [h for h in hits if not r.fn(h, sc)]
            if trace is not None:
                for h in hits:
                    if h not in kept:
                        trace.add(r.id, f"word {h.token.text!r} ({h.token.i})", f"dropped {h.trigger.type}",
                                  ("word", sc.number, h.token.i))
            hits = kept
            if r.id == _TOLD_AFTER:  # what later sentences may re-mention: attacks told, asked for or not
                words = {h.token.lemma_.lower() for h in hits if h.trigger.type == "ASSAULT"}
                if words:
                    sc.dc.told.setdefault(sent.start, set()).update(words)
        return hits

    def _event(self, ec: EventContext, main: Hit) -> Event:
        """A group's event: the evidence sentence, then the event rules field by field, then its id."""
        sent, article = ec.sent, ec.dc.article
        words = [t for t in sent if not t.is_space] or list(sent)
        start = to_article(sent.doc, words[0].idx)
        end = to_article(sent.doc, words[-1].idx) + len(words[-1].text)  # not into the next piece's text
        text = article.text[start:end].rstrip()
        evidence = Evidence(text=text, start=start, end=start + len(text))
        event = Event(id="", article_id=article.id, type=main.trigger.type, evidence=evidence)
        subject = f"event {ec.ordinal} of sentence {ec.sc.number} ({main.trigger.type}, {main.token.text!r})"
        event = self._run_rules("event", event, ec, subject)
        found = sum(x is not None for x in (event.actor, event.target, event.location, event.date))
        confidence = round(min(0.95, 0.4 + 0.1 * main.trigger.weight + 0.1 * found), 2)
        return replace(event, id=event_id(article.id, evidence, event.type, ec.ordinal), confidence=confidence)

    def _note_names(self, sent: Span, n_sent: int, dc: DocContext) -> None:
        """Remember the parties a sentence names, for "the group" and pronouns in later sentences."""
        day, salient = (dc.published.isoformat() if dc.published else None), dc.salience
        for ent in sent_ents(sent):
            if ent.label_ in ("ORG", "NORP", "PERSON", "GPE") and not (
                    ent.root.dep_ == "pobj" and ent.root.head.lower_ in PLACE_PREPS):
                party = resolve_party(self.name_span(ent.root).text, ent.root.lemma_, self.kb, day,
                                      is_person=ent.label_ == "PERSON")
                salient.add(n_sent, party, subject=subject_like(ent.root))
        covered = {i for ent in sent_ents(sent) for i in range(ent.start, ent.end)}
        for run in name_runs(sent, covered):  # "leaders of Kata'ib Hezbollah", untagged: a known group all the same
            actor = self.kb.find_actor(run.text)
            if actor is not None and actor.kind not in ("state", "person"):
                salient.add(n_sent, resolve_party(run.text, run.root.lemma_, self.kb, day),
                            subject=subject_like(run.root))



_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at blank lines: a sentence never runs across a paragraph break."""
    out, at = [], start
    for m in _BLANK_LINE.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return [(s, e) for s, e in out if e > s]


def _blanked(text: str, start: int, end: int, layout: Layout) -> str:
    """``text[start:end]`` with the non-body regions inside it turned to spaces (line breaks kept)."""
    piece = text[start:end]
    regions = layout.overlapping(start, end)
    if not regions:
        return piece
    chars = list(piece)
    for region in regions:
        for i in range(max(region.start, start) - start, min(region.end, end) - start):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _word(tok) -> str:
    return "none" if tok is None else repr(tok.text)


def _state(event: Event, ec: EventContext) -> tuple:
    return event, ec.actor_tok, ec.target_tok, frozenset(ec.reason), ec.trigger_type
