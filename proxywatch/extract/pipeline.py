"""The extractor: an article and a parsed spaCy ``Doc`` in, contract :class:`Event` records out.

Per sentence: find trigger words (lexicon.py), group them into one event per
type and clause, then read the roles from the dependency parse (actor, target),
the place, the date, casualty counts, an aggregate count of events, the status
and negation. The spaCy pipeline and the knowledge base are passed in.

Where the parts live: this module finds triggers, groups them and assembles events with their
parties; fields.py reads place, date, mode, casualties and status; syntax.py holds the parse-tree
helpers and word lists both use; roles.py takes a second look at the parties; generic.py drops
mentions of force that are not a new event; aggregates.py reads counts of events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.aggregates import aggregate as aggregate_of
from proxywatch.extract.dates import offset_date, parse_published
from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.fields import FieldReader
from proxywatch.extract.generic import new_events
from proxywatch.extract.mentions import Salience, anaphor_kinds, relative_head, subject_before, subject_like
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.prefilter import Prefilter
from proxywatch.extract.roles import refine, settle
from proxywatch.extract.runner import Runner
from proxywatch.extract.senses import (ARMED_WORDS, NEEDS_OBJECT, NOT_RELEASED, armed_fight, arson,
                                       back_reference, conditional, military_operation, noun_sense, requested,
                                       verb_sense)
from proxywatch.extract.senses import child as _child, prep_object as _prep_object
from proxywatch.extract.syntax import (PARTNER_PREPS, CASUALTY_VERBS, ENVOYS, Hit, PLACE_PREPS, QUANTITY_HEADS,
    REPORTING, SEPARATOR, SITES, SITE_NOUNS, TARGET_PREPS, TO_NOUNS, added_count, argument_of, casualty_only,
    clause_head, consequence, core_span, denier, earlier_clause, involvement, main_clause, merge_casualties,
    name_runs, named_modifier, one_side_each, own_side, owner_kind, ranked_remark, said_of_it,
    threatened, time_offset, to_article, told_again, tree_depth)
from proxywatch.extract.timing import modal_status, reason_tokens, said_dates, timed_against
from proxywatch.records import Article, DateSpan, Event, Evidence, Party, Place, event_id
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.parties import resolve_party

__all__ = ["Extractor"]



class Extractor(FieldReader):
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

    # --- public ------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        return self.extract_doc(article, self._run(self.prepare(article)))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
        for doc, article in self.parse(articles, batch_size):
            yield article, self.extract_doc(article, doc)

    def prepare(self, article: Article) -> Doc:
        """The tokens to parse: only the candidate sentences, each starting a sentence, when prefiltering.

        ``doc.user_data["pw_offsets"]`` maps the parsed text back to the article: (doc offset, article offset)
        for each piece, in order.
        """
        if self._prefilter is None:
            doc = self.nlp.make_doc(article.text)
            doc.user_data["pw_offsets"] = [(0, 0)]
            return doc
        spans = self._prefilter.spans(article.text)
        pieces, offsets, at = [], [], 0
        for start, end in spans:
            offsets.append((at, start))
            pieces.append(article.text[start:end])
            at += end - start + len(SEPARATOR)
        doc = self.nlp.make_doc(SEPARATOR.join(pieces))
        starts = {c for c, _ in offsets}
        for token in doc:
            if token.idx in starts:
                token.is_sent_start = True
        doc.user_data["pw_offsets"] = offsets
        return doc

    def parse(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Doc, Article]]:
        """Parsed documents with their articles, in input order (spaCy's ``nlp.pipe``)."""
        pairs = ((self.prepare(a), a) for a in articles)
        return self._run.pipe(pairs, batch_size, source_chars=lambda a: len(a.text))  # batches of equal text

    def extract_doc(self, article: Article, doc: Doc) -> list[Event]:
        """Events from a document made by :meth:`prepare` (or a plain parse of the article text)."""
        published, salient = parse_published(article.published), Salience()
        events: list[Event] = []
        last_day: DateSpan | None = None
        attack: tuple[int, int] | None = None  # (sentence, index in events) of the last occurred attack
        for n_sent, sent in enumerate(doc.sents):
            groups: dict[tuple[str, int], list[Hit]] = defaultdict(list)
            hits = self._triggers(sent)
            for hit in hits:
                key = (hit.trigger.type, clause_head(hit.token).i)
                if hit.trigger.type == "ASSAULT" and hit.token.pos_ == "NOUN" and (aggregate_of(hit.token) and not (
                        argument_of(hit.token, hits)) or hit.token.head.lower_ in ("including", "like")):
                    # "the raid answered dozens of attacks", "only two in Syria, including a drone strike": two events
                    key = (hit.trigger.type, -1 - hit.token.i)
                groups[key].append(hit)
            merge_casualties(groups)
            if attack is not None and (attack[0] == n_sent - 1 or attack[0] >= n_sent - 3 and any(
                    told_again(h.token) for hits in groups.values() for h in hits)):
                updated = self._follow_up(sent, groups, events[attack[1]])
                if updated is not None:
                    events[attack[1]] = updated
            ordinal = 0
            for hits in groups.values():
                main = max(hits, key=lambda h: (h.trigger.weight, -tree_depth(h.token)))
                if main.trigger.type == "REJECT" and involvement(main.token) is not None and any(
                        e.type == "ASSAULT" and e.status == "occurred" for e in events):
                    main = Hit(main.token, lx.Trigger("ASSAULT", main.trigger.weight))  # "denied any involvement"
                others = {k[1] for k in groups if k[0] == "ASSAULT" and groups[k] is not hits}
                event = self._event(article, sent, main, published, salient, ordinal, [h.token for h in hits], others)
                event = one_side_each(refine(self, event, main.token, salient, events, published,
                                              [h.token for h in hits]), *self._roles(main.token))
                event = self._without_reason(event, sent, main.token)
                salient.add(n_sent, event.actor, subject=True)
                prior = earlier_clause(main.token) or timed_against(main.token) is not None  # another moment
                offset = time_offset(clause_head(main.token)) if earlier_clause(main.token) else None
                if event.date is None and last_day is not None and offset is not None:
                    event = replace(event, date=offset_date(last_day, *offset))  # "The raid came a day after ..."
                elif event.date is None and last_day is not None and event.aggregate is None and not event.negated \
                        and event.status == "occurred" and not prior:
                    event = replace(event, date=last_day)  # the story's day carries over ("The attack killed...")
                elif event.date is not None and event.date.precision == "day" and event.aggregate is None \
                        and not prior and clause_head(main.token).dep_ not in ("relcl", "acl") \
                        and main.token.head.lower_ not in ("including", "like"):
                    last_day = event.date  # the story's day: not that of an earlier or included attack
                events.append(event)
                if event.type == "ASSAULT" and event.status == "occurred" and not event.negated \
                        and event.aggregate is None and not earlier_clause(main.token) \
                        and (attack is None or attack[0] != n_sent):
                    attack = (n_sent, len(events) - 1)  # the sentence's first attack: its main clause
                ordinal += 1
                for extra in self._ellipses(article, sent, main.token, event, ordinal):
                    events.append(extra)
                    ordinal += 1
            self._note_names(sent, n_sent, published, salient)
        return settle(events, article.text)

    @staticmethod
    def _without_reason(event: Event, sent: Span, tok: Token) -> Event:
        """Counts read from a "in retaliation for the attack that killed three soldiers" phrase are that
        attack's: without the phrase the sentence tells none, so the event has none."""
        reason = reason_tokens(sent, tok)
        if not reason or event.type != "ASSAULT" or (event.fatalities is None and event.injuries is None):
            return event
        def told(words: frozenset[str], inside: bool) -> bool:  # noqa: E306
            return any((t.i in reason) == inside and t.lemma_.lower() in words for t in sent)
        fatal = told(lx.FATAL_VERBS, True) and not told(lx.FATAL_VERBS | {"death", "dead"}, False)
        injured = told(lx.INJURY_VERBS, True) and not told(lx.INJURY_VERBS | {"injury", "wounded"}, False)
        return replace(event, fatalities=None if fatal else event.fatalities,
                       injuries=None if injured else event.injuries)

    def _follow_up(self, sent: Span, groups: dict[tuple[str, int], list[Hit]], previous: Event) -> Event | None:
        """"Two other people in the car also died": more counts for the attack just before, not a new event.

        Only for a sentence whose attack words are all casualty verbs with no one doing them; its groups are
        removed. "other", "also", "more" add to the earlier counts; otherwise the earlier counts stand."""
        assaults = [key for key in groups if key[0] == "ASSAULT"]
        if not all(casualty_only(groups[key]) for key in assaults):
            return None
        if not assaults and not any(t.lemma_.lower() in CASUALTY_VERBS and main_clause(t) for t in sent):
            return None
        fatal, injured, _ = self._casualties(sent)
        if fatal is None and injured is None:
            return None
        for key in assaults:
            del groups[key]
        more = any(t.lower_ in ("other", "also", "more", "another") for t in sent)
        return replace(previous, fatalities=added_count(previous.fatalities, fatal, more),
                       injuries=added_count(previous.injuries, injured, more))

    def _note_names(self, sent: Span, n_sent: int, published: date | None, salient: Salience) -> None:
        """Remember the parties a sentence names, for "the group" and pronouns in later sentences."""
        day = published.isoformat() if published else None
        for ent in sent_ents(sent):
            if ent.label_ in ("ORG", "NORP", "PERSON", "GPE") and not (
                    ent.root.dep_ == "pobj" and ent.root.head.lower_ in PLACE_PREPS):
                party = resolve_party(self._name_span(ent.root).text, ent.root.lemma_, self.kb, day,
                                      is_person=ent.label_ == "PERSON")
                salient.add(n_sent, party, subject=subject_like(ent.root))
        covered = {i for ent in sent_ents(sent) for i in range(ent.start, ent.end)}
        for run in name_runs(sent, covered):  # "leaders of Kata'ib Hezbollah", untagged: a known group all the same
            actor = self.kb.find_actor(run.text)
            if actor is not None and actor.kind not in ("state", "person"):
                salient.add(n_sent, resolve_party(run.text, run.root.lemma_, self.kb, day), subject=subject_like(run.root))

    def _ellipses(self, article: Article, sent: Span, tok: Token, event: Event, ordinal: int) -> list[Event]:
        """"no attacks in Iraq ..., and only two in Syria": a count whose noun is left out is a second event."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ != "NNS" or not (event.aggregate or event.negated):
            return []
        out: list[Event] = []
        for num in sent:
            if num.lemma_.lower() == "one" and num.pos_ == "NOUN" and num.dep_ in ("conj", "attr", "dobj") \
                    and num.head.i in (tok.i, tok.head.i) and num.i > tok.i:
                count_tok = _child(num, "nummod")  # "no attacks in Iraq, and only two small ones in Syria"
                count = parse_count(sent.doc[count_tok.left_edge.i: count_tok.i + 1].text) if count_tok else None
            elif num.pos_ != "NUM" or num.dep_ != "conj" or num.head.i not in (tok.i, tok.head.i) or num.i < tok.i:
                continue
            else:
                count = parse_count(sent.doc[num.left_edge.i: num.i + 1].text)
            if count is None:
                continue
            location = self._location(sent, num, [], None)
            out.append(replace(event, id=event_id(article.id, event.evidence, event.type, ordinal), negated=False,
                               aggregate=count, location=location, fatalities=None, injuries=None))
        return out

    # --- triggers -----------------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[Hit]:
        hits: list[Hit] = []
        taken: set[int] = set()
        doc = sent.doc
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
        for tok in sent:
            if tok.i in taken:
                continue
            lemma = tok.lemma_.lower()
            trigger = None
            if lemma == "set" and arson(tok):  # "set fire to the embassy", whatever the parser makes of "set"
                hits.append(Hit(tok, lx.Trigger("ASSAULT", 2)))
                continue
            misparsed = tok.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
                and lemma in lx.NOUN_TRIGGERS and lemma not in lx.VERB_TRIGGERS  # "airstrikes" tagged a verb
            if tok.pos_ == "VERB" and not misparsed:
                if tok.i > 0 and doc[tok.i - 1].text == "-" or tok.dep_ == "amod":
                    continue  # "Iran-backed", "Houthi-claimed": a modifier, not an event
                trigger = lx.VERB_TRIGGERS.get(lemma)
                obj = _child(tok, "dobj")
                if lemma in lx.CONDITIONAL_VERBS or lemma in NEEDS_OBJECT:
                    trigger = conditional(tok, lemma, obj)
                clause = tok
                while clause.dep_ == "xcomp" and clause.head.i != clause.i:
                    clause = clause.head  # "since the Yemeni group began targeting shipping"
                if trigger is not None and _child(clause, "mark") is not None \
                        and _child(clause, "mark").lower_ == "since":
                    trigger = None  # "since the US retaliated": a point in time, not a new report
                if lemma == "launch" and obj is not None and (
                    obj.lemma_.lower() in lx.WEAPON_NOUNS or obj.lemma_.lower() in lx.MODE_WORDS
                ):
                    trigger = lx.Trigger("ASSAULT", 2)
                if lemma == "release" and obj is not None and obj.lemma_.lower() in NOT_RELEASED:
                    trigger = None
                if lemma == "summon" and (obj is None or obj.lemma_.lower() not in ENVOYS):
                    trigger = None  # a diplomatic protest only when an envoy is summoned
                if lemma == "sink" and trigger is not None and obj is None and _child(tok, "auxpass") is None:
                    trigger = lx.Trigger("ASSAULT", 1)  # "the ship sank": an outcome; whoever struck it is the actor
                trigger = verb_sense(tok, lemma, obj, trigger)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod") or misparsed:
                trigger = noun_sense(tok, lemma, lx.NOUN_TRIGGERS.get(lemma))
                if lemma == "operation" and not military_operation(tok):
                    trigger = None
                if trigger and (tok.head.lower_ == "since" or _child(tok, "mark") is not None
                                and _child(tok, "mark").lower_ == "since"):
                    trigger = None  # "since the US strikes of 2 February": a point in time, not a new report
                if trigger and (back_reference(tok) or tok.dep_ == "nsubj" and consequence(tok.head) or said_of_it(tok)):
                    trigger = None  # "Iraq condemned the attack", "the killing will not go unpunished"
                head_trigger = lx.VERB_TRIGGERS.get(tok.head.lemma_.lower())
                if trigger and tok.dep_ in ("dobj", "nsubj") and head_trigger and head_trigger.type in (
                        "RETREAT", "REQUEST") or tok.dep_ == "dobj" and tok.head.lemma_.lower() == "scale":
                    trigger = None  # "suspend operations", "attacks stopped": part of the RETREAT event
            if lemma in lx.FIGHT_WORDS and tok.pos_ in ("VERB", "NOUN") and tok.dep_ not in ("compound", "amod") \
                    and armed_fight(tok, self._armed):
                trigger = lx.Trigger("ASSAULT", 1)  # "rebels battled troops", "the battle for the town"
            if trigger is not None:
                hits.append(Hit(tok, trigger))
        if sum(h.trigger.type == "ASSAULT" for h in hits) > 1:  # "..., the first attacks on US forces": a remark
            hits = [h for h in hits if not (h.trigger.type == "ASSAULT" and ranked_remark(h.token))]
        hits = new_events(hits)  # generic plurals, re-mentions, senses that are not force
        requests = {h.token.i for h in hits if h.trigger.type == "REQUEST"}
        threats = [h.token for h in hits if h.trigger.type == "THREATEN" and not consequence(h.token)]
        denied = {h.token.i for h in hits if h.trigger.type == "REJECT" and involvement(h.token) is not None
                  and any(h.token.is_ancestor(o.token) and o.token.pos_ == "NOUN" for o in hits)}
        hits = [h for h in hits if h.token.i not in denied]  # the event denied stands for the denial
        return [h for h in hits if (h.trigger.type == "REQUEST" or not requested(h.token, requests)) and not (
            h.trigger.type == "THREATEN" and consequence(h.token) and any(t.is_ancestor(h.token) for t in threats))]

    def _armed(self, tok: Token) -> bool:
        """Armed men: "government troops", "rebel factions", or an armed group or military the KB knows;
        not "gale-force winds" (a modifier counts only as a word of its own)."""
        core = core_span(tok)
        if tok.lemma_.lower() in ARMED_WORDS or any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in ARMED_WORDS
                                                  and not any(g.lower_ == "-" for g in c.children) for c in tok.children):
            return True
        actor = self.kb.find_actor(core.text)
        return actor is not None and actor.kind in ("armed_group", "military")

    # --- one event ----------------------------------------------------------------------
    def _event(self, article: Article, sent: Span, hit: Hit, published: date | None,
               salient: Salience, ordinal: int, group: list[Token] | None = None,
               others: set[int] | frozenset[int] = frozenset()) -> Event:
        tok, trigger = hit.token, hit.trigger
        actor_tok, target_tok = self._roles(tok)
        status, negated = modal_status(tok, *self._status(tok))
        if trigger.type == "THREATEN" and consequence(tok):  # "X said Hezbollah would pay a heavy price"
            actor_tok, target_tok = subject_before(tok), _child(tok, "nsubj")
            status, negated = self._status(actor_tok.head) if actor_tok is not None else ("occurred", False)
        elif trigger.type == "THREATEN" and target_tok is None:
            target_tok = threatened(tok)
        if involvement(tok) is not None:  # "X denied any involvement": X, the event denied
            actor_tok, target_tok, status = _child(tok, "nsubj"), None, "denied"
        elif status == "denied" and actor_tok is None:
            actor_tok = denier(tok)
        reason = reason_tokens(sent, tok)  # "in retaliation for the attack that killed ...": another event
        date_span = self._date(sent, tok, published, skip=said_dates(sent, tok, trigger.type) | reason)
        timed = timed_against(tok)
        if timed is not None:  # "flew to Baghdad on 29 January, the day after the attack": the 28th
            verb, offset, mark = timed
            outside = {t.i for t in sent if not (tok.i == t.i or tok.is_ancestor(t))}
            main_day = self._date(sent, verb, published) if offset is not None else None
            date_span = self._date(sent, tok, published, skip=outside) or (
                offset_date(main_day, offset, mark) if main_day is not None else None)
        day = date_span.start if date_span else (published.isoformat() if published else None)
        actor = self._party(actor_tok, day, salient)
        target = self._party(target_tok, day, salient)
        if trigger.type in PARTNER_PREPS and (target is None or target.country is None or own_side(target_tok)):
            other = self._partner(tok, target_tok, trigger.type, day, salient)
            if other is not None:  # "recalled its ambassador from Israel", "cut ties with Israel"
                target_tok, target = other
            elif own_side(target_tok):
                target_tok, target = None, None  # "recalled their ambassadors": not the other side
        skip = [core_span(actor_tok)] if actor_tok is not None else []
        if target_tok is not None and target is not None and target.kind in ("state", "government") \
                and target_tok.lemma_.lower() not in SITES:  # "Iran's Fordow site": the place all the same
            skip.append(core_span(target_tok))  # "called on Washington": a party, not the place
        if reason:
            skip.append(sent.doc[min(reason): max(reason) + 1])
            others = set(others) | {h.i for i in reason if (h := clause_head(sent.doc[i])).i != clause_head(tok).i}
        location = self._location(sent, tok, skip, target_tok, group, others, whence=trigger.type == "RETREAT")
        if location is None and trigger.type == "ASSAULT" and target is not None and target.kind == "state" \
                and target.country and target_tok.ent_type_ == "GPE" and _child(target_tok, "conj") is None:
            # "at Israel": in Israel; "US bases", "US and coalition forces": not in the US
            location = Place(text=target.text, name=None, country=target.country, precision="country")
        fatalities = injuries = aggregate = None
        mode = None
        if trigger.type == "ASSAULT":
            mode = trigger.mode or self._mode(sent, tok)
            if mode is not None and trigger.mode is None and reason and mode not in {
                    lx.MODE_WORDS.get(t.lemma_.lower(), lx.MODE_WORDS.get(t.lower_)) for t in sent if t.i not in reason}:
                mode = None  # "struck back in retaliation for the drone attack": the drone was the other side's
            fatalities, injuries, victims = self._casualties(sent, others) if not negated else (None, None, None)
            aggregate = aggregate_of(tok) or next(  # "Scores of drone attacks have hit shipping"
                (count for t in group or () if t.i != tok.i and t.pos_ == "NOUN" and (count := aggregate_of(t))), None)
            if (target is None or target.country is None and target.kind in (None, "military") and not target.id) \
                    and victims is not None and victims.i != tok.i:
                hit = self._party(victims, day, salient)  # "claimed the lives of three soldiers"; "a strike on a
                if hit is not None and (hit.country or hit.kind):  # car killed a commander": whom it was aimed at
                    target = hit
        words = [t for t in sent if not t.is_space] or list(sent)
        start = to_article(sent.doc, words[0].idx)
        end = to_article(sent.doc, words[-1].idx) + len(words[-1].text)  # not into the next piece's text
        text = article.text[start:end].rstrip()
        evidence = Evidence(text=text, start=start, end=start + len(text))
        found = sum(x is not None for x in (actor, target, location, date_span))
        confidence = round(min(0.95, 0.4 + 0.1 * trigger.weight + 0.1 * found), 2)
        return Event(
            id=event_id(article.id, evidence, trigger.type, ordinal), article_id=article.id, type=trigger.type,
            evidence=evidence, mode=mode, status=status, negated=negated, actor=actor, target=target,
            location=location, date=date_span, fatalities=fatalities, injuries=injuries, aggregate=aggregate,
            confidence=confidence,
        )

    def _roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        """Actor and target tokens for a trigger in active, passive or nominal form."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            if lemma == "come":  # "came under fire": the subject is the target
                return None, _child(tok, "nsubj")
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if passive:
                agent = _child(tok, "agent")
                actor = _child(agent, "pobj") if agent is not None else None
                target = _child(tok, "nsubjpass")
            else:
                actor = _child(tok, "nsubj")
                target = _child(tok, "dobj")
                conj = _child(tok, "conj")
                if target is None and conj is not None and conj.pos_ == "VERB" and _child(conj, "nsubj") is None:
                    target = _child(conj, "dobj")  # "Iran has armed and trained the Houthis"
                if target is not None and target.lemma_.lower() in lx.WEAPON_NOUNS:
                    target = None
                target = target or _prep_object(tok, TARGET_PREPS)
            if target is not None and target.lemma_.lower() in ("fire", "attack"):
                target = _prep_object(tok, TARGET_PREPS)  # "opened fire on X"
            elif target is not None and target.lemma_.lower() in lx.NOUN_TRIGGERS:
                target = (_prep_object(target, TARGET_PREPS) or _prep_object(tok, TARGET_PREPS)
                          or target)  # "suspend operations against US forces"
            head = tok
            while actor is None and not passive and head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
                child_dep, head = head.dep_, head.head
                if head.lemma_.lower() in REPORTING:
                    break  # "..., a US official warned": the speaker is not the actor
                if child_dep == "xcomp" and _child(head, "dobj") is not None:
                    actor = _child(head, "dobj")  # "urged them to halt": they halt
                    break
                actor = _child(head, "nsubj")
            return actor, target
        # nominal trigger: "an attack by X on Y", "X's strikes", "Houthi attacks"
        actor = _prep_object(tok, ("by",)) or _child(tok, "poss")
        if actor is not None and actor.pos_ == "PRON" and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
            actor = _child(tok.head.head, "poss") or actor  # "Israel's preparation for its operation"
        if actor is None:
            actor = named_modifier(tok)
        if actor is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
            actor = _child(tok.head.head, "poss")  # "Israel's preparation for its operation"
        preps = TARGET_PREPS - {"at"} if lemma not in TO_NOUNS else {"to", "for", "of", "with"}
        target = _prep_object(tok, preps)
        relcl = _child(tok, "relcl")
        if target is None and relcl is not None and relcl.lemma_.lower() in ("endure", "suffer", "face", "see"):
            target = _child(relcl, "nsubj")  # "the over 100 attacks that the US endured"
        elif relcl is not None and relcl.lemma_.lower() in lx.LIGHT_VERBS:  # "attacks the group has launched on X"
            actor, target = actor or _child(relcl, "nsubj"), target or _prep_object(relcl, TARGET_PREPS)
        head = tok
        for _ in range(3):  # "launched an attack", "claimed responsibility for the attack"
            if head.dep_ not in ("dobj", "pobj", "prep", "attr") or head.head.i == head.i:
                break
            head = head.head
            if head.pos_ == "VERB":
                if actor is None and (head.lemma_.lower() in lx.LIGHT_VERBS or head.lemma_.lower() in lx.ISSUING_VERBS):
                    actor = _child(head, "nsubj") or _child(_child(head, "agent") or head, "pobj")
                if target is None and head.lemma_.lower() in lx.LIGHT_VERBS:
                    target = _prep_object(head, TARGET_PREPS)
                break
        return actor, target

    def _party(self, tok: Token | None, day: str | None, salient: Salience) -> Party | None:
        if tok is None:
            return None
        if tok.lemma_.lower() in QUANTITY_HEADS and _prep_object(tok, ("of",)) is not None:
            tok = _prep_object(tok, ("of",))  # "scores of drone attacks", "gatherings of militants"
        if tok.lemma_.lower() in lx.WEAPON_NOUNS or tok.lemma_.lower() in ("uav", "shahed") or tok.pos_ == "NOUN" \
                and tok.lemma_.lower() in lx.ASSAULT_NOUNS:
            owner = named_modifier(tok)  # "a Houthi anti-ship missile", "Houthi attacks": the Houthis; "a drone",
            # "the strikes": nobody (an event or a weapon is not a party); "a US drone strike": the US military
            if owner is not None and tok.lemma_.lower() not in lx.WEAPON_NOUNS:
                party = self._party(owner, day, salient)
                return replace(party, text=core_span(tok).text, kind="military") if party is not None \
                    and party.kind == "state" else party
            return self._party(owner, day, salient) if owner is not None else None
        if tok.lower_ in ("nobody", "none") or tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.children) \
                or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY"):
            return None  # "October" taken as the subject by a misparse is no party
        if tok.lemma_.lower() in QUANTITY_HEADS or tok.pos_ == "NUM":
            of = _prep_object(tok, ("of",))  # "dozens of soldiers", "three of the sailors"
            tok = of if of is not None else tok
        relative = relative_head(tok)
        if relative is not None:  # "the militants who launched the missiles"
            return self._party(relative, day, salient)
        core = self._name_span(tok)
        lemma = tok.lemma_.lower()
        kinds = anaphor_kinds(tok, core)
        if kinds is not None:
            prior = self._antecedent(tok, kinds, day, salient)
            if prior is None:
                return None if tok.pos_ == "PRON" else resolve_party(core.text, lemma, self.kb, day)
            return replace(prior, text=tok.text if tok.pos_ == "PRON" else core.text)
        if tok.pos_ == "NUM" or lemma in SITE_NOUNS:
            party = resolve_party(core.text, lemma, self.kb, day)
            if party.country or party.id:
                return party
            user = _child(tok, "acl")  # "bases hosting US troops", "facilities used by the group"
            if user is not None:
                by = _child(user, "agent") or user
                who = _child(user, "dobj") if user.lemma_.lower() in ("host", "house") else _prep_object(
                    user, ("to",)) if user.lemma_.lower() == "belong" else (  # "facilities belonging to KH"
                    _prep_object(by, ("by",)) or _child(by, "pobj"))
                if who is not None:
                    return self._party(who, day, salient)
            place = _prep_object(tok, ("in",))
            if place is not None and place.ent_type_ == "GPE":  # "military targets in Iran"
                code = self.kb.gazetteer.country_code(place.text, demonyms=False)
                if code:
                    kind = "military" if any(c.lemma_.lower() == "military" for c in tok.children) else owner_kind(tok)
                    return Party(text=core.text, country=code, kind=kind)
            return Party(text=core.text, kind=party.kind or owner_kind(tok))  # "the base": military, whose unknown
        party = resolve_party(core.text, lemma, self.kb, day, is_person=tok.ent_type_ == "PERSON")
        if party.kind == "person" and party.id is None and tok.ent_type_ == "PERSON" \
                and self.kb.gazetteer.lookup(core.text) is not None:
            return None  # "al-Tanf" tagged as a person: a place, not a party
        poss = _child(tok, "poss")
        if party.country is None and poss is not None and poss.pos_ == "PRON":
            prior = self._antecedent(poss, anaphor_kinds(poss, core_span(poss)) or frozenset(), day, salient)
            if prior is not None:  # "its warplanes": the state's or group's the pronoun stands for
                return Party(text=party.text, country=prior.country, kind=party.kind or prior.kind,
                             sponsors=prior.sponsors if party.kind in (None, prior.kind) else ())
        return party

    def _partner(self, tok: Token, obj: Token | None, type_: str, day: str | None,
                 salient: Salience) -> tuple[Token, Party] | None:
        """The other party named after a preposition of the trigger or of its object."""
        heads = [tok, obj, _prep_object(obj, ("of",)) if obj is not None else None]
        if tok.dep_ == "pobj":
            heads.append(tok.head.head)  # "flew to Moscow for talks"
        for head in heads:
            if head is None:
                continue
            for prep in PARTNER_PREPS[type_]:
                found = _prep_object(head, (prep,))
                party = self._party(found, day, salient) if found is not None else None
                if party is not None and party.country:
                    return found, party
        return None

    def _antecedent(self, tok: Token, kinds: frozenset[str], day: str | None, salient: Salience) -> Party | None:
        """What an anaphor stands for: a subject it is embedded under, else the article so far."""
        if not kinds:
            return None  # "I", "we", "you": the speaker, not reported here
        if tok.pos_ != "PRON":  # "struck sites used by Kata'ib Hezbollah, after the militia fired": the name just before
            for ent in reversed([e for e in sent_ents(tok.sent) if e.end <= tok.left_edge.i and e.label_ in ("ORG", "NORP", "PERSON")]):
                party = resolve_party(core_span(ent.root).text, ent.root.lemma_, self.kb, day)
                if party.kind in kinds and (party.id or party.country or party.sponsors):
                    return party
        if tok.pos_ == "PRON":
            subject = subject_before(tok)  # "X said it would ...": it = X
            if subject is not None:
                party = self._party(subject, day, salient)
                if party is not None and party.kind in kinds:
                    return party
        return salient.last(kinds, pronoun=tok.pos_ == "PRON")
