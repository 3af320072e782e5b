"""The extractor: an article and a parsed spaCy ``Doc`` in, contract :class:`Event` records out.

Per sentence: find trigger words (lexicon.py), group them into one event per
type and clause, then read the roles from the dependency parse (actor, target),
the place, the date, casualty counts, an aggregate count of events, the status
and negation. The spaCy pipeline and the knowledge base are passed in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.dates import parse_published, resolve_date
from proxywatch.extract.doccache import doc_ents, ent_bounds, sent_ents
from proxywatch.extract.mentions import Salience, anaphor_kinds, relative_head, subject_before, subject_like
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.prefilter import Prefilter
from proxywatch.extract.runner import Runner
from proxywatch.extract.senses import (NEEDS_OBJECT, NOT_RELEASED, back_reference, conditional, military_operation,
                                       noun_sense, requested, verb_sense)
from proxywatch.extract.senses import child as _child
from proxywatch.extract.senses import prep_object as _prep_object
from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place, event_id
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.parties import resolve_party

__all__ = ["Extractor"]

# Event nouns whose object follows "to", "for" or "of" ("aid to Hamas", "backing of the Houthis").
_TO_NOUNS = frozenset("aid assistance funding financing backing support shipment visit appeal request demand call "
                      "sanction designation".split())
# Nouns after which "of" introduces a place ("the outskirts of Khan Younis").
_AREA_NOUNS = frozenset("outskirts edge centre center suburb area city town village province region north south east "
                        "west port coast vicinity part district camp".split())
# Nouns that count the dead or wounded ("12 deaths", "no casualties": both kinds).
_CASUALTY_NOUNS = {"death": "fatal", "fatality": "fatal", "injury": "injured", "casualty": "both"}
_CASUALTY_VERBS = lx.FATAL_VERBS | lx.INJURY_VERBS
_ENVOYS = frozenset("ambassador envoy diplomat charge chargé representative".split())
# Where the other party of a non-violent event is named: "talks with Iran", "recalled its envoy from Israel",
# "a shipment of bombs to Israel", "sanctions on Iran".
_PARTNER_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "to"), "COOPERATE": ("with",), "AGREE": ("with",), "SANCTION": ("from", "with", "on", "against", "to"),
    "AID": ("to", "for"), "SUPPORT": ("to", "for", "with"), "RETREAT": ("to",), "REJECT": ("from",),
}
_CLAUSES = frozenset("advcl ccomp relcl acl conj xcomp parataxis".split())
_SITE_NOUNS = frozenset("target site area position facility base building office compound depot".split())
_SITES = _AREA_NOUNS | _SITE_NOUNS | frozenset("airport harbour harbor refinery plant hospital school".split())
_QUANTITY_HEADS = frozenset("dozen hundred thousand score number handful some many several member".split())
_PLACE_PREPS = frozenset("in at near on off outside inside across into over around along".split())
_TARGET_PREPS = frozenset("on against at targeting".split())
_PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
_PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "sea": 3, "region": 4, "country": 5}
_REPORTING = frozenset("say warn tell add announce state report note insist claim write".split())
# First words of the THREATEN phrases whose subject is the one threatened ("Hezbollah would pay a heavy price",
# "the attack would not go unanswered"): the threat is made by whoever says it.
_CONSEQUENCE_VERBS = frozenset("pay go bear face receive bring".split())
# "denied any role in the strike": a denial of taking part in an event is that event with status "denied".
_DENIALS = frozenset("deny reject dismiss".split())
_INVOLVEMENT = frozenset("involvement role responsibility part hand".split())

_SEPARATOR = "\n\n"


def _named_modifier(tok: Token) -> Token | None:
    """A named owner inside a noun phrase: "Houthi" in "a Houthi anti-ship missile", "US" in "US drone strike"."""
    for left in tok.lefts:
        for t in left.subtree:
            if t.ent_type_ in ("NORP", "GPE", "ORG") and t.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                return t
    return None


def _merge_casualties(groups: dict[tuple[str, int], list[_Hit]]) -> None:
    """"12 were killed and 40 wounded in the strike": one ASSAULT, not one per casualty verb."""
    assaults = [key for key in groups if key[0] == "ASSAULT"]
    if len(assaults) < 2:
        return
    casualty = [k for k in assaults if all(h.trigger.weight <= 1 and h.token.pos_ == "VERB" for h in groups[k])]
    attacks = [k for k in assaults if k not in casualty]
    into = attacks[0] if len(attacks) == 1 else casualty[0] if not attacks and casualty else None
    if into is None:
        return
    for key in casualty:
        if key != into:
            groups[into].extend(groups.pop(key))


def _casualty_only(hits: list[_Hit]) -> bool:
    """Casualty verbs with no one doing them: "eight fighters were killed", "two others died"."""
    return all(h.token.pos_ == "VERB" and h.token.lemma_.lower() in _CASUALTY_VERBS and _child(h.token, "nsubj") is None
               and _child(h.token, "agent") is None and _main_clause(h.token) for h in hits)


def _main_clause(tok: Token) -> bool:
    """The sentence's own statement, or what its speaker says; not "came days after 100 were killed"."""
    while tok.dep_ in ("conj", "ccomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


def _added(before: Count | None, new: Count | None, more: bool) -> Count | None:
    if new is None or before is None:
        return before or new
    if not more:
        return before  # told again
    return Count(before.min + new.min, None if before.max is None or new.max is None else before.max + new.max)


def _said_of_it(tok: Token) -> bool:
    """"It was the first attack on the base in weeks": a remark on the event just told, not a new one."""
    subject = _child(tok.head, "nsubj") if tok.dep_ == "attr" and tok.head.lemma_ == "be" else None
    return subject is not None and subject.lower_ in ("it", "this", "that")


def _own(tok: Token | None) -> bool:
    """"its ambassador", "their forces": the actor's own people, not the other side."""
    return tok is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _consequence(tok: Token) -> bool:
    return tok.lemma_.lower() in _CONSEQUENCE_VERBS


def _involvement(tok: Token) -> Token | None:
    """The object of "denied any involvement (in ...)", or None."""
    obj = _child(tok, "dobj") if tok.lemma_.lower() in _DENIALS else None
    return obj if obj is not None and obj.lemma_.lower() in _INVOLVEMENT else None


def _denier(tok: Token) -> Token | None:
    """Who denies an event named under a denial verb: "Tehran denied any role in the strike" → Tehran."""
    for head in list(tok.ancestors)[:4]:
        if head.lemma_.lower() in _DENIALS:
            return _child(head, "nsubj")
    return None


def _threatened(tok: Token) -> Token | None:
    """Who a warning is aimed at: "warned that the Houthis would face consequences" → the Houthis."""
    for t in tok.subtree:
        if t.i != tok.i and _consequence(t) and t.pos_ in ("VERB", "AUX"):
            return _child(t, "nsubj") or _child(t, "nsubjpass")
    return None


def _to_article(doc: Doc, char: int) -> int:
    """An offset in the parsed text → the same place in the article text."""
    offsets = doc.user_data.get("pw_offsets") or [(0, 0)]
    at, origin = offsets[bisect_right(offsets, (char, float("inf"))) - 1]
    return origin + (char - at)


@dataclass(frozen=True)
class _Hit:
    token: Token
    trigger: lx.Trigger


def _clause(tok: Token) -> Token:
    """The head of the clause a token belongs to; a conjoined or embedded clause with its own subject counts."""
    while tok.dep_ != "ROOT" and tok.head.i != tok.i:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("conj", "ccomp", "relcl", "parataxis") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            return tok
        tok = tok.head
    return tok


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _core(tok: Token) -> Span:
    """A mention's core words: its left modifiers, itself, and name parts to its right ("Tower 22")."""
    doc = tok.doc
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "nummod", "flat") and child.i == end:
            end = child.i + 1
    bounds = ent_bounds(doc, tok.i) if tok.ent_type_ and tok.ent_iob_ in ("B", "I") else None
    if bounds is not None:
        start, end = min(start, bounds[0]), max(end, bounds[1])
    if tok.pos_ == "PROPN":  # a name the parser split: "Kata'ib" taken as a clause of its own
        sent_start = tok.sent.start
        while start > sent_start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].whitespace_:
            start -= 1
        while end < tok.sent.end and doc[end].pos_ == "PROPN" and doc[end - 1].whitespace_ and not doc[end].ent_type_ \
                in ("DATE", "TIME"):
            end += 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


class Extractor:
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
            at += end - start + len(_SEPARATOR)
        doc = self.nlp.make_doc(_SEPARATOR.join(pieces))
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
        published = parse_published(article.published)
        salient = Salience()
        events: list[Event] = []
        last_day: DateSpan | None = None
        attack: tuple[int, int] | None = None  # (sentence, index in events) of the last occurred attack
        for n_sent, sent in enumerate(doc.sents):
            groups: dict[tuple[str, int], list[_Hit]] = defaultdict(list)
            for hit in self._triggers(sent):
                groups[(hit.trigger.type, _clause(hit.token).i)].append(hit)
            _merge_casualties(groups)
            if attack is not None and attack[0] == n_sent - 1:
                updated = self._follow_up(sent, groups, events[attack[1]])
                if updated is not None:
                    events[attack[1]] = updated
            ordinal = 0
            for hits in groups.values():
                main = max(hits, key=lambda h: (h.trigger.weight, -_depth(h.token)))
                if main.trigger.type == "REJECT" and _involvement(main.token) is not None and any(
                        e.type == "ASSAULT" and e.status == "occurred" for e in events):
                    main = _Hit(main.token, lx.Trigger("ASSAULT", main.trigger.weight))  # "denied any involvement"
                event = self._event(article, sent, main, published, salient, ordinal, [h.token for h in hits])
                salient.add(n_sent, event.actor, subject=True)
                if event.date is None and last_day is not None and event.aggregate is None and not event.negated \
                        and event.status == "occurred":
                    event = replace(event, date=last_day)  # the story's day carries over ("The attack killed...")
                elif event.date is not None and event.date.precision == "day" and event.aggregate is None:
                    last_day = event.date
                events.append(event)
                if event.type == "ASSAULT" and event.status == "occurred" and not event.negated \
                        and event.aggregate is None:
                    attack = (n_sent, len(events) - 1)
                ordinal += 1
                for extra in self._ellipses(article, sent, main.token, event, ordinal):
                    events.append(extra)
                    ordinal += 1
            self._note_names(sent, n_sent, published, salient)
        return events

    def _follow_up(self, sent: Span, groups: dict[tuple[str, int], list[_Hit]], previous: Event) -> Event | None:
        """"Two other people in the car also died": more counts for the attack just before, not a new event.

        Only for a sentence whose attack words are all casualty verbs with no one doing them; its groups are
        removed. "other", "also", "more" add to the earlier counts; otherwise the earlier counts stand."""
        assaults = [key for key in groups if key[0] == "ASSAULT"]
        if not all(_casualty_only(groups[key]) for key in assaults):
            return None
        if not assaults and not any(t.lemma_.lower() in _CASUALTY_VERBS and _main_clause(t) for t in sent):
            return None
        fatal, injured, _ = self._casualties(sent)
        if fatal is None and injured is None:
            return None
        for key in assaults:
            del groups[key]
        more = any(t.lower_ in ("other", "also", "more", "another") for t in sent)
        return replace(previous, fatalities=_added(previous.fatalities, fatal, more),
                       injuries=_added(previous.injuries, injured, more))

    def _note_names(self, sent: Span, n_sent: int, published: date | None, salient: Salience) -> None:
        """Remember the parties a sentence names, for "the group" and pronouns in later sentences."""
        day = published.isoformat() if published else None
        for ent in sent_ents(sent):
            if ent.label_ in ("ORG", "NORP", "PERSON", "GPE") and not (
                    ent.root.dep_ == "pobj" and ent.root.head.lower_ in _PLACE_PREPS):
                party = resolve_party(_core(ent.root).text, ent.root.lemma_, self.kb, day,
                                      is_person=ent.label_ == "PERSON")
                salient.add(n_sent, party, subject=subject_like(ent.root))

    def _ellipses(self, article: Article, sent: Span, tok: Token, event: Event, ordinal: int) -> list[Event]:
        """"no attacks in Iraq ..., and only two in Syria": a count whose noun is left out is a second event."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ != "NNS" or not (event.aggregate or event.negated):
            return []
        out: list[Event] = []
        for num in sent:
            if num.pos_ != "NUM" or num.dep_ != "conj" or num.head.i not in (tok.i, tok.head.i) or num.i < tok.i:
                continue
            count = parse_count(sent.doc[num.left_edge.i: num.i + 1].text)
            if count is None:
                continue
            location = self._location(sent, num, [], None)
            out.append(replace(event, id=event_id(article.id, event.evidence, event.type, ordinal), negated=False,
                               aggregate=count, location=location, fatalities=None, injuries=None))
        return out

    # --- triggers -----------------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[_Hit]:
        hits: list[_Hit] = []
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
                hits.append(_Hit(tok, trigger))
                taken.update(range(start, end))
        for tok in sent:
            if tok.i in taken:
                continue
            lemma = tok.lemma_.lower()
            trigger = None
            if tok.pos_ == "VERB":
                if tok.i > 0 and doc[tok.i - 1].text == "-" or tok.dep_ == "amod":
                    continue  # "Iran-backed", "Houthi-claimed": a modifier, not an event
                trigger = lx.VERB_TRIGGERS.get(lemma)
                obj = _child(tok, "dobj")
                if lemma in lx.CONDITIONAL_VERBS or lemma in NEEDS_OBJECT:
                    trigger = conditional(tok, lemma, obj)
                if trigger is not None and _child(tok, "mark") is not None and _child(tok, "mark").lower_ == "since":
                    trigger = None  # "since the US retaliated": a point in time, not a new report
                if lemma == "launch" and obj is not None and (
                    obj.lemma_.lower() in lx.WEAPON_NOUNS or obj.lemma_.lower() in lx.MODE_WORDS
                ):
                    trigger = lx.Trigger("ASSAULT", 2)
                if lemma == "release" and obj is not None and obj.lemma_.lower() in NOT_RELEASED:
                    trigger = None
                if lemma == "summon" and (obj is None or obj.lemma_.lower() not in _ENVOYS):
                    trigger = None  # a diplomatic protest only when an envoy is summoned
                if lemma == "sink" and trigger is not None and obj is None and _child(tok, "auxpass") is None:
                    trigger = lx.Trigger("ASSAULT", 1)  # "the ship sank": an outcome; whoever struck it is the actor
                trigger = verb_sense(tok, lemma, obj, trigger)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod"):
                trigger = noun_sense(tok, lemma, lx.NOUN_TRIGGERS.get(lemma))
                if lemma == "operation" and not military_operation(tok):
                    trigger = None
                if trigger and (back_reference(tok) or tok.dep_ == "nsubj" and _consequence(tok.head) or _said_of_it(tok)):
                    trigger = None  # "Iraq condemned the attack", "the killing will not go unpunished"
                head_trigger = lx.VERB_TRIGGERS.get(tok.head.lemma_.lower())
                if trigger and tok.dep_ in ("dobj", "nsubj") and head_trigger and head_trigger.type in (
                        "RETREAT", "REQUEST") or tok.dep_ == "dobj" and tok.head.lemma_.lower() == "scale":
                    trigger = None  # "suspend operations", "attacks stopped": part of the RETREAT event
            if trigger is not None:
                hits.append(_Hit(tok, trigger))
        requests = {h.token.i for h in hits if h.trigger.type == "REQUEST"}
        threats = [h.token for h in hits if h.trigger.type == "THREATEN" and not _consequence(h.token)]
        denied = {h.token.i for h in hits if h.trigger.type == "REJECT" and _involvement(h.token) is not None
                  and any(h.token.is_ancestor(o.token) and o.token.pos_ == "NOUN" for o in hits)}
        hits = [h for h in hits if h.token.i not in denied]  # the event denied stands for the denial
        return [h for h in hits if (h.trigger.type == "REQUEST" or not requested(h.token, requests)) and not (
            h.trigger.type == "THREATEN" and _consequence(h.token) and any(t.is_ancestor(h.token) for t in threats))]

    # --- one event ----------------------------------------------------------------------
    def _event(self, article: Article, sent: Span, hit: _Hit, published: date | None,
               salient: Salience, ordinal: int, group: list[Token] | None = None) -> Event:
        tok, trigger = hit.token, hit.trigger
        actor_tok, target_tok = self._roles(tok)
        status, negated = self._status(tok)
        if trigger.type == "THREATEN" and _consequence(tok):  # "X said Hezbollah would pay a heavy price"
            actor_tok, target_tok = subject_before(tok), _child(tok, "nsubj")
            status, negated = self._status(actor_tok.head) if actor_tok is not None else ("occurred", False)
        elif trigger.type == "THREATEN" and target_tok is None:
            target_tok = _threatened(tok)
        if _involvement(tok) is not None:  # "X denied any involvement": X, the event denied
            actor_tok, target_tok, status = _child(tok, "nsubj"), None, "denied"
        elif status == "denied" and actor_tok is None:
            actor_tok = _denier(tok)
        date_span = self._date(sent, tok, published)
        day = date_span.start if date_span else (published.isoformat() if published else None)
        actor = self._party(actor_tok, day, salient)
        target = self._party(target_tok, day, salient)
        if trigger.type in _PARTNER_PREPS and (target is None or target.country is None or _own(target_tok)):
            other = self._partner(tok, target_tok, trigger.type, day, salient)
            if other is not None:  # "recalled its ambassador from Israel", "cut ties with Israel"
                target_tok, target = other
            elif _own(target_tok):
                target_tok, target = None, None  # "recalled their ambassadors": not the other side
        skip = [_core(actor_tok)] if actor_tok is not None else []
        if target_tok is not None and target is not None and target.kind in ("state", "government"):
            skip.append(_core(target_tok))  # "called on Washington": a party, not the place
        location = self._location(sent, tok, skip, target_tok, group)
        if location is None and trigger.type == "ASSAULT" and target is not None and target.kind == "state" \
                and target.country:  # "fired missiles at Israel": in Israel
            location = Place(text=target.text, name=None, country=target.country, precision="country")
        fatalities = injuries = aggregate = None
        mode = None
        if trigger.type == "ASSAULT":
            mode = trigger.mode or self._mode(sent, tok)
            fatalities, injuries, victims = self._casualties(sent)
            aggregate = self._aggregate(tok)
            if (target is None or target.country is None and target.kind in (None, "military") and not target.id) \
                    and victims is not None and victims.i != tok.i:
                hit = self._party(victims, day, salient)  # "claimed the lives of three soldiers"; "a strike on a
                if hit is not None and (hit.country or hit.kind):  # car killed a commander": whom it was aimed at
                    target = hit
        start, end = _to_article(sent.doc, sent.start_char), _to_article(sent.doc, sent.end_char)
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
                if target is not None and target.lemma_.lower() in lx.WEAPON_NOUNS:
                    target = None
                target = target or _prep_object(tok, _TARGET_PREPS)
            if target is not None and target.lemma_.lower() in ("fire", "attack"):
                target = _prep_object(tok, _TARGET_PREPS)  # "opened fire on X"
            elif target is not None and target.lemma_.lower() in lx.NOUN_TRIGGERS:
                target = (_prep_object(target, _TARGET_PREPS) or _prep_object(tok, _TARGET_PREPS)
                          or target)  # "suspend operations against US forces"
            head = tok
            while actor is None and not passive and head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
                child_dep, head = head.dep_, head.head
                if head.lemma_.lower() in _REPORTING:
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
            actor = _named_modifier(tok)
        if actor is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
            actor = _child(tok.head.head, "poss")  # "Israel's preparation for its operation"
        preps = _TARGET_PREPS - {"at"} if lemma not in _TO_NOUNS else {"to", "for", "of", "with"}
        target = _prep_object(tok, preps)
        relcl = _child(tok, "relcl")
        if target is None and relcl is not None and relcl.lemma_.lower() in ("endure", "suffer", "face", "see"):
            target = _child(relcl, "nsubj")  # "the over 100 attacks that the US endured"
        head = tok
        for _ in range(3):  # "launched an attack", "claimed responsibility for the attack"
            if head.dep_ not in ("dobj", "pobj", "prep", "attr") or head.head.i == head.i:
                break
            head = head.head
            if head.pos_ == "VERB":
                if actor is None and head.lemma_.lower() in lx.LIGHT_VERBS:
                    actor = _child(head, "nsubj") or _child(_child(head, "agent") or head, "pobj")
                if target is None and head.lemma_.lower() in lx.LIGHT_VERBS:
                    target = _prep_object(head, _TARGET_PREPS)
                break
        return actor, target

    def _party(self, tok: Token | None, day: str | None, salient: Salience) -> Party | None:
        if tok is None:
            return None
        if tok.lemma_.lower() in lx.WEAPON_NOUNS or tok.lemma_.lower() in ("uav", "shahed"):
            owner = _named_modifier(tok)  # "a Houthi anti-ship missile": the Houthis; "a drone": nobody
            return self._party(owner, day, salient) if owner is not None else None
        if tok.lower_ in ("nobody", "none") or tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.children):
            return None
        if tok.lemma_.lower() in _QUANTITY_HEADS or tok.pos_ == "NUM":
            of = _prep_object(tok, ("of",))  # "dozens of soldiers", "three of the sailors"
            tok = of if of is not None else tok
        relative = relative_head(tok)
        if relative is not None:  # "the militants who launched the missiles"
            return self._party(relative, day, salient)
        core = _core(tok)
        lemma = tok.lemma_.lower()
        kinds = anaphor_kinds(tok, core)
        if kinds is not None:
            prior = self._antecedent(tok, kinds, day, salient)
            if prior is None:
                return None if tok.pos_ == "PRON" else resolve_party(core.text, lemma, self.kb, day)
            return replace(prior, text=tok.text if tok.pos_ == "PRON" else core.text)
        if tok.pos_ == "NUM" or lemma in _SITE_NOUNS:
            party = resolve_party(core.text, lemma, self.kb, day)
            if party.country or party.id:
                return party
            user = _child(tok, "acl")  # "bases hosting US troops", "facilities used by the group"
            if user is not None:
                by = _child(user, "agent") or user
                who = _child(user, "dobj") if user.lemma_.lower() in ("host", "house") else (
                    _prep_object(by, ("by",)) or _child(by, "pobj"))
                if who is not None:
                    return self._party(who, day, salient)
            place = _prep_object(tok, ("in",))
            if place is not None and place.ent_type_ == "GPE":  # "military targets in Iran"
                code = self.kb.gazetteer.country_code(place.text, demonyms=False)
                if code:
                    kind = "military" if any(c.lemma_.lower() == "military" for c in tok.children) else None
                    return Party(text=core.text, country=code, kind=kind)
            return Party(text=core.text, kind=party.kind)  # "the base": military, whose unknown
        party = resolve_party(core.text, lemma, self.kb, day, is_person=tok.ent_type_ == "PERSON")
        poss = _child(tok, "poss")
        if party.country is None and poss is not None and poss.pos_ == "PRON":
            prior = self._antecedent(poss, anaphor_kinds(poss, _core(poss)) or frozenset(), day, salient)
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
            for prep in _PARTNER_PREPS[type_]:
                found = _prep_object(head, (prep,))
                party = self._party(found, day, salient) if found is not None else None
                if party is not None and party.country:
                    return found, party
        return None

    def _antecedent(self, tok: Token, kinds: frozenset[str], day: str | None, salient: Salience) -> Party | None:
        """What an anaphor stands for: a subject it is embedded under, else the article so far."""
        if not kinds:
            return None  # "I", "we", "you": the speaker, not reported here
        if tok.pos_ == "PRON":
            subject = subject_before(tok)  # "X said it would ...": it = X
            if subject is not None:
                party = self._party(subject, day, salient)
                if party is not None and party.kind in kinds:
                    return party
        return salient.last(kinds, pronoun=tok.pos_ == "PRON")

    def _location(self, sent: Span, trigger: Token, skip: list[Span], target_tok: Token | None,
                  group: list[Token] | None = None) -> Place | None:
        doc = sent.doc
        spans: list[Span] = [e for e in sent_ents(sent) if e.label_ in _PLACE_LABELS]
        spans += [_core(t) for t in sent if t.pos_ == "PROPN" and t.ent_type_ not in _PLACE_LABELS and (
            t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPS or t.dep_ in ("poss", "compound")
            and t.head.lemma_.lower() in _SITES)]  # "rallied in Sanaa", "Sanaa's airport": names not tagged as places
        if "pw_places" not in doc.user_data:  # curated place names, matched once per document
            doc.user_data["pw_places"] = [(s, e) for _, s, e in self._places(doc)]
        spans += [doc[s:e] for s, e in doc.user_data["pw_places"] if sent.start <= s and e <= sent.end]
        context = self._countries_in(doc)
        candidates: list[tuple[int, int, Place, int]] = []
        for span in spans:
            if any(span.start < k.end and k.start < span.end for k in skip):
                continue
            root = span.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "brokered by the United States and France": as the first conjunct
            if root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "pobj" and root.head.lower_ in ("by", "with"):
                continue  # "Tehran denied", "a deal brokered by Qatar": a party, not the place
            entry = self.kb.gazetteer.lookup(span.text, context)
            if entry is None:
                continue
            if root.dep_ in ("compound", "amod", "poss", "npadvmod", "nmod") and entry.precision == "country":
                continue
            if root.dep_ == "pobj" and root.head.lower_ == "from":
                continue
            attached = root.dep_ == "pobj" and (root.head.lower_ in _PLACE_PREPS or root.head.lower_ == "of" and
                                                root.head.head.lemma_.lower() in _AREA_NOUNS)
            if not attached and entry.precision == "country" and root.dep_ not in ("appos", "conj"):
                continue
            place = Place(text=span.text, name=entry.name, country=entry.country, admin1=entry.admin1,
                          lat=entry.lat, lon=entry.lon, precision=entry.precision)
            candidates.append((_PRECISION_RANK[entry.precision], abs(root.i - trigger.i), place, root.i))
        if not candidates:
            return None
        subtree = {t.i for anchor in (group or [trigger]) for t in anchor.subtree}
        attached = [c for c in candidates if c[3] in subtree]
        candidates = attached or candidates  # "no attacks in Iraq ..., and only two in Syria": Iraq
        candidates.sort(key=lambda c: (c[0], c[1]))
        best = candidates[0][2]
        if best.precision == "country":
            countries = {c[2].country for c in candidates if c[2].precision == "country"}
            if len(countries) > 1:  # "sites in Iraq and Syria": no single country
                names = " and ".join(dict.fromkeys(c[2].text for c in sorted(candidates, key=lambda c: c[1])))
                return Place(text=names, name=None, country=None, precision="region")
        return best

    def _countries_in(self, doc: Doc) -> set[str]:
        """Countries the article names: context for ambiguous place names."""
        if doc.user_data.get("pw_countries") is None:
            doc.user_data["pw_countries"] = {
                code for e in doc_ents(doc) if e.label_ == "GPE"
                if (code := self.kb.gazetteer.country_code(e.text, demonyms=False))
            }
        return doc.user_data["pw_countries"]

    def _date(self, sent: Span, trigger: Token, published: date | None) -> DateSpan | None:
        doc = sent.doc
        dates = [e for e in sent_ents(sent) if e.label_ == "DATE"]
        best: DateSpan | None = None
        best_distance = None
        for n, ent in enumerate(dates):
            start, end = ent.start, ent.end
            before = doc[start - 1].lower_ if start > sent.start else ""
            if before in ("since", "between", "from"):
                start -= 1
                if before != "since" and end < sent.end - 1 and doc[end].lower_ in ("and", "to", "until"):
                    nxt = next((d for d in dates[n + 1:] if d.start == end + 1), None)
                    if nxt is not None:
                        end = nxt.end
            if start > sent.start and doc[start].lower_ == "the" and doc[start - 1].lower_ in ("since", "between"):
                start -= 1
            span = resolve_date(doc[start:end].text, published)
            if span is None:
                continue
            distance = abs(ent.root.i - trigger.i)
            if best_distance is None or distance < best_distance:
                best, best_distance = span, distance
        if best is None:
            for tok in sent:  # "since the US retaliated": a period with an unknown start
                if tok.lower_ == "since" and tok.dep_ == "mark":
                    return DateSpan(None, published.isoformat() if published else None, "range",
                                    doc[tok.i:tok.head.i + 1].text)
        return best

    @staticmethod
    def _mode(sent: Span, trigger: Token) -> str | None:
        """How the force was used, from the words of the trigger's own phrase first, then the sentence.

        Several different means ("drones and missiles") give no single mode; a bomb dropped from
        an aircraft is aerial, an explosive drone a drone."""
        def modes(tokens: Iterable[Token]) -> set[str]:
            found: set[str] = set()
            for tok in tokens:
                if tok.lower_ == "air" and tok.head.lemma_.lower() in ("base", "defence", "defense", "field", "space"):
                    continue  # "al-Asad air base", "air defences": a place or a shield, not the means
                for key in (tok.lower_, tok.lemma_.lower()):
                    if key in lx.MODE_WORDS:
                        found.add(lx.MODE_WORDS[key])
                        break
            if "suicide" in found:
                return {"suicide"}
            if len(found) > 1 and "explosives" in found:
                found.discard("explosives")  # "bombers dropped bombs", "explosive drones"
            return found

        subject = (_child(_child(trigger, "agent") or trigger, "pobj") if _child(trigger, "nsubjpass") is not None
                   else _child(trigger, "nsubj")) if trigger.pos_ == "VERB" else None
        own = [trigger, *(t for c in trigger.children if c.dep_ not in _CLAUSES and c.dep_ not in (
            "nsubj", "nsubjpass", "agent") for t in c.subtree)]  # "struck ..., after militias fired missiles"
        elsewhere = {t.i for c in sent if c.dep_ in ("relcl", "acl", "advcl") and c.i != trigger.i
                     and not c.is_ancestor(trigger) for t in c.subtree}  # clauses about other events
        tiers: list[Iterable[Token]] = [[subject] if subject is not None else [], own,  # wider tiers: read lazily
                                        (t for t in trigger.subtree if t.i not in elsewhere),
                                        (t for t in sent if t.i not in elsewhere)]
        if subject is not None:
            tiers.insert(2, subject.subtree)
        for tokens in tiers:
            found = modes(tokens)
            if len(found) == 1:
                return found.pop()
            if found:
                return None
        return None  # no word says how: unknown, not "other"

    @staticmethod
    def _count_of(tok: Token | None) -> Count | None:
        if tok is None:
            return None
        phrase = tok.doc[tok.left_edge.i: tok.i + 1].text
        return parse_count(phrase)

    def _casualties(self, sent: Span) -> tuple[Count | None, Count | None, Token | None]:
        """Killed and wounded counts in a sentence, and the first victims' mention."""
        fatal = injured = None
        first: Token | None = None
        for tok in sent:
            lemma = tok.lemma_.lower()
            kind = "fatal" if lemma in lx.FATAL_VERBS else "injured" if lemma in lx.INJURY_VERBS else None
            if kind is None and lemma == "life" and tok.head.lemma_.lower() == "claim":
                kind, victims = "fatal", _child(_child(tok, "prep") or tok, "pobj")
            elif kind is None and lemma in ("dead", "wounded", "injured") and tok.pos_ == "ADJ":
                kind = "fatal" if lemma == "dead" else "injured"
                victims = tok.head if tok.dep_ in ("amod", "acomp") and tok.head.pos_ in ("NUM", "NOUN") else None
                victims = victims or next((c for c in tok.lefts if c.pos_ == "NUM"), None)
            elif kind is None and lemma in _CASUALTY_NOUNS and tok.pos_ == "NOUN":
                kind, victims = _CASUALTY_NOUNS[lemma], tok
                if not any(c.dep_ == "nummod" or c.lower_ in ("no", "zero") for c in tok.children):
                    continue
                if kind == "both":
                    if any(c.lower_ in ("no", "zero") for c in tok.children):
                        fatal, injured = fatal or Count(0, 0), injured or Count(0, 0)
                    continue
            elif kind is not None:
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
                victims = _child(tok, "nsubjpass") if passive else _child(tok, "dobj")
                if kind == "fatal" and lemma == "die" or victims is None and tok.tag_ == "VBN" and not passive:
                    victims = _child(tok, "nsubj")  # "12 were killed and more than 40 wounded"
            else:
                continue
            count = self._count_of(victims) if victims is not tok else parse_count(
                tok.doc[tok.left_edge.i: tok.i].text)
            if count is None and victims is None:
                continue
            negative = _child(tok, "neg") is not None or (victims is not None and any(
                c.lower_ in ("no", "none") for c in victims.children))
            if negative or (victims is not None and victims.lower_ in ("nobody", "none", "no-one")):
                count = Count(0, 0)
            if count is None:
                continue
            if first is None and victims is not None and victims.i != tok.i and count.max != 0:
                first = victims
            if kind == "fatal" and fatal is None:
                fatal = count
            elif kind == "injured" and injured is None:
                injured = count
        return fatal, injured, first

    @staticmethod
    def _aggregate(tok: Token) -> Count | None:
        if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ == "NNS":
            if any(c.dep_ in ("nummod", "quantmod", "amod") and (c.pos_ == "NUM" or c.like_num) for c in tok.children) \
                    or any(c.dep_ == "nummod" for c in tok.children):
                return parse_count(tok.doc[tok.left_edge.i: tok.i + 1].text)
        if tok.pos_ == "VERB":
            times = next((c for c in tok.children if c.lemma_.lower() == "time" and c.dep_ == "npadvmod"), None)
            if times is not None:
                return parse_count(tok.doc[times.left_edge.i: times.i].text)
        return None

    @staticmethod
    def _status(tok: Token) -> tuple[str, bool]:
        negated = _child(tok, "neg") is not None or any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        head = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
        if head is not None and head.pos_ in ("VERB", "AUX") and _child(head, "neg") is not None:
            negated = True
        status = "occurred"
        node = tok
        for _ in range(5):
            if _child(node, "mark") is not None and _child(node, "mark").lower_ in ("if", "unless"):
                return "hypothetical", negated
            lemma = node.lemma_.lower()
            if node.i != tok.i and lemma in lx.STATUS_HEADS:
                return lx.STATUS_HEADS[lemma], negated
            if lemma in ("preparation", "plan", "threat") and node.i != tok.i:
                return ("planned" if lemma != "threat" else "threatened"), negated
            if node.pos_ in ("VERB", "AUX") and any(
                    c.dep_ == "aux" and c.lower_ in ("will", "'ll", "would", "shall") for c in node.children):
                status = "planned"
            if node.dep_ == "ROOT" or node.head.i == node.i or node.dep_ in ("conj",) and node.pos_ == "VERB":
                break
            node = node.head
        return status, negated

