"""The fields of one event read from its sentence: place, date, ASSAULT mode, casualties, status.

A mixin of :class:`~proxywatch.extract.pipeline.Extractor`: the methods need only the knowledge base
(``self.kb``, for places) and the curated place matcher (``self._places``) the extractor holds.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.dates import offset_date, resolve_date
from proxywatch.extract.doccache import doc_ents, sent_ents
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.senses import child as _child, prep_object as _prep_object
from proxywatch.extract.syntax import (AREA_NOUNS, CASUALTY_NOUNS, CLAUSES, NIGHTS, OTHER_TIME, PLACE_LABELS,
    PLACE_PREPS, PRECISION_RANK, SITES, TARGET_PREPS, clause_head, core_span, earlier_clause, time_offset)
from proxywatch.records import Count, DateSpan, Place
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.names import normalize

__all__ = ["FieldReader"]

# Heads of purpose phrases ("in support of ...", "on behalf of ...", "for the sake of ..."): a place inside one
# tells why, not where the event happened.
_PURPOSES = frozenset("support solidarity retaliation response revenge reprisal protest honour honor behalf sake "
                      "defence defense memory".split())


class FieldReader:
    """Readers of an event's place, date, mode, casualty counts and status (mixed into the extractor)."""

    kb: KnowledgeBase
    _places: PhraseMatcher

    def _location(self, sent: Span, trigger: Token, skip: list[Span], target_tok: Token | None,
                  group: list[Token] | None = None, others: set[int] | frozenset[int] = frozenset(),
                  whence: bool = False) -> Place | None:
        """The event's place; ``whence``: a place after "from" counts ("withdrew from southern Lebanon")."""
        doc = sent.doc
        spans: list[Span] = [e for e in sent_ents(sent) if e.label_ in PLACE_LABELS]
        spans += [core_span(t) for t in sent if t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS and (
            t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS or t.dep_ in ("poss", "compound")
            and t.head.lemma_.lower() in SITES)]  # "rallied in Sanaa", "Sanaa's airport": names not tagged as places
        if "pw_places" not in doc.user_data:  # curated place names, matched once per document
            doc.user_data["pw_places"] = [(s, e) for _, s, e in self._places(doc)]
        spans += [doc[s:e] for s, e in doc.user_data["pw_places"] if sent.start <= s and e <= sent.end]
        context = self._countries_in(doc)
        foreign = {t.i for c in sent if c.dep_ == "advcl" and c.i != trigger.i and not c.is_ancestor(trigger)
                   and (mark := _child(c, "mark")) is not None and mark.lower_ in OTHER_TIME for t in c.subtree}
        for c in sent:  # "in support of the Palestinians in Gaza", "in solidarity with Gaza": why, not where
            if c.dep_ == "pobj" and c.head.lower_ in ("in", "on", "for") and c.lemma_.lower() in _PURPOSES \
                    and c.i != trigger.i:
                foreign |= {t.i for t in c.subtree}
                after = doc[c.right_edge.i + 1] if c.right_edge.i + 1 < sent.end else None
                if after is not None and after.dep_ == "prep" and after.lower_ in ("of", "with", "for", "to"):
                    foreign |= {t.i for t in after.subtree}  # the parser hung "with ..." on the verb
        candidates: list[tuple[int, int, Place, int, int]] = []
        for span in spans:
            if any(span.start < k.end and k.start < span.end for k in skip):
                continue
            root = span.root
            named = _prep_object(root, ("of",)) if root.lemma_.lower() in AREA_NOUNS else None
            if named is not None and named.pos_ == "PROPN":
                continue  # "the southern Gaza city of Khan Younis": Khan Younis, not Gaza City
            if others and clause_head(root).i in others or root.i in foreign:
                continue  # a place of the sentence's other attack; "until the war in Gaza ends"
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "brokered by the United States and France": as the first conjunct
            if root.dep_ in ("nsubj", "nsubjpass") and root.lemma_.lower() not in SITES \
                    or root.dep_ == "pobj" and root.head.lower_ in ("by", "with"):
                continue  # "Tehran denied", "a deal brokered by Qatar": a party, not the place; "the base came
                # under fire": the place
            entry = self.kb.gazetteer.lookup(span.text, context)
            if entry is None:
                continue
            if root.dep_ in ("compound", "amod", "poss", "npadvmod", "nmod") and entry.precision == "country":
                continue
            origin = root
            while origin.dep_ in ("compound", "det", "amod") and origin.head.i != origin.i:
                origin = origin.head  # "(the) Golan" in "the Golan Heights"
            while origin.dep_ == "pobj" and origin.head.lower_ == "of" and origin.head.head.lemma_.lower() in (
                    "direction", "side", "territory"):
                origin = origin.head.head  # "from the direction of the Golan Heights": where it came from
            if origin.dep_ == "pobj" and origin.head.lower_ == "from" and not whence:
                continue
            attached = root.dep_ == "pobj" and (root.head.lower_ in PLACE_PREPS or root.head.lower_ == "of" and
                                                root.head.head.lemma_.lower() in AREA_NOUNS)
            if entry.precision == "city" and not attached and root.head.i != trigger.i \
                    and not (root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in SITES) \
                    and not (root.dep_ == "pobj" and root.head.head.pos_ in ("VERB", "AUX", "NOUN")) \
                    and self.kb.gazetteer.country_code(span.text) and not self.kb.gazetteer.country_code(
                        span.text, demonyms=False):
                continue  # "accused Washington of ...", "a militia loyal to Tehran": a capital standing for its
                # state; "in Tehran", "Damascus airport", "jets struck Damascus", "flew to Moscow": the place
            if not attached and entry.precision == "country" and root.dep_ not in ("appos", "conj"):
                continue
            place = Place(text=span.text, name=entry.name, country=entry.country, admin1=entry.admin1,
                          lat=entry.lat, lon=entry.lon, precision=entry.precision)
            phrase = root
            while phrase.dep_ == "compound" and phrase.head.i != phrase.i and phrase.head.pos_ in ("NOUN", "PROPN"):
                phrase = phrase.head  # "Erbil" in "the Erbil air base": that base
            listing = phrase
            while listing.dep_ == "conj" and listing.head.i != listing.i:
                listing = listing.head  # "Al-Asad air base, the Erbil air base and al-Tanf": one listing
            candidates.append((PRECISION_RANK[entry.precision], abs(root.i - trigger.i), place, listing.i, phrase.i))
        if not candidates:
            return None
        subtree = {t.i for anchor in (group or [trigger]) for t in anchor.subtree}
        attached = [c for c in candidates if c[3] in subtree]
        candidates = attached or candidates  # "no attacks in Iraq ..., and only two in Syria": Iraq
        candidates.sort(key=lambda c: (c[0], c[1]))
        best = candidates[0][2]
        by_phrase: dict[int, Place] = {}
        for c in candidates:  # the best place of each noun phrase of the first place's listing
            if c[3] == candidates[0][3] and c[2].precision in ("site", "city"):
                by_phrase.setdefault(c[4], c[2])
        listed = list(by_phrase.values())
        if len({p.name for p in listed}) > 1:  # "Al-Asad, Erbil air base and al-Tanf have all come under fire"
            names = " and ".join(dict.fromkeys(p.name or p.text for p in listed))
            countries = {p.country for p in listed}
            return Place(text=names, name=names, country=countries.pop() if len(countries) == 1 else None,
                         precision="region")
        if best.precision == "country":
            countries = {c[2].country for c in candidates if c[2].precision == "country"}
            if len(countries) > 1:  # "sites in Iraq and Syria": no single country
                names = " and ".join(dict.fromkeys(c[2].text for c in sorted(candidates, key=lambda c: c[1])))
                return Place(text=names, name=None, country=None, precision="region")
        return best

    def _name_span(self, tok: Token) -> Span:
        """A mention's core words, with the title-case word before them when the two name another known actor:
        "Kata'ib | Hezbollah", split by the parser, is Kata'ib Hezbollah (Iraq), not Hezbollah (Lebanon)."""
        core = core_span(tok)
        if core.start == 0 or not tok.doc[core.start - 1].text[:1].isupper():
            return core
        longer = tok.doc[core.start - 1: core.end]
        if normalize(longer.text) not in self.kb.alias_index():  # the whole of it a name: not "Israel Hezbollah"
            return core
        return longer if self.kb.find_actor(longer.text) != self.kb.find_actor(core.text) else core

    def _countries_in(self, doc: Doc) -> set[str]:
        """Countries the article names: context for ambiguous place names."""
        if doc.user_data.get("pw_countries") is None:
            doc.user_data["pw_countries"] = {
                code for e in doc_ents(doc) if e.label_ == "GPE"
                if (code := self.kb.gazetteer.country_code(e.text, demonyms=False))
            }
        return doc.user_data["pw_countries"]

    def _date(self, sent: Span, trigger: Token, published: date | None,
              skip: set[int] | frozenset[int] = frozenset()) -> DateSpan | None:
        """The event's date; dates whose head word is in ``skip`` (another moment: timing.py) are not it."""
        doc = sent.doc
        dates = [e for e in sent_ents(sent) if (e.label_ == "DATE" or e.label_ == "TIME" and e.text.lower() in NIGHTS)
                 and e.root.i not in skip]
        if earlier_clause(trigger):  # "..., a day after a drone struck Tel Aviv": not the main event's day
            clause = clause_head(trigger)
            dates = [e for e in dates if clause.is_ancestor(e.root)]
            offset = time_offset(clause)
            if offset is not None:
                main = self._date(sent, clause.head, published) if clause.head.i != clause.i else None
                return offset_date(main, *offset) if main else None
        best: DateSpan | None = None
        best_distance = None
        for n, ent in enumerate(dates):
            owner = ent.root.head.head if ent.root.dep_ == "pobj" and ent.root.head.dep_ == "prep" else ent.root.head
            since = owner.dep_ == "pobj" and owner.head.lower_ == "since" and owner.i != trigger.i  # "since the
            # strikes of 2 February": from then on (for the strikes themselves, their day)
            if ent.root.dep_ in ("nmod", "compound", "amod", "pobj") and owner.i != trigger.i and owner.pos_ == "NOUN" \
                    and owner.lemma_.lower() in lx.NOUN_TRIGGERS and not since:
                continue  # "denies any role in the October 7 attack": that attack's date, not the aid's
            if since and published is not None:
                point = resolve_date(ent.text, published)
                if point is not None and point.start is not None:
                    span = DateSpan(point.start, published.isoformat(), "range", doc[owner.head.i: ent.end].text)
                    distance = abs(ent.root.i - trigger.i)
                    if best_distance is None or distance < best_distance:
                        best, best_distance = span, distance
                continue
            start, end = ent.start, ent.end
            if start > sent.start and doc[start - 1].like_num and doc[start - 1].head.i == ent.root.i:
                start -= 1  # "17 October" with "17" tagged a cardinal
            before = doc[start - 1].lower_ if start > sent.start else ""
            if doc[start].lower_ in ("between", "from"):  # "between 17 October" tagged as one entity
                before, start = doc[start].lower_, start + 1
            if before in ("since", "between", "from"):
                start -= 1
                if before != "since" and end < sent.end - 1 and doc[end].lower_ in ("and", "to", "until"):
                    nxt = next((d for d in dates[n + 1:] if d.start == end + 1 or d.start == end + 2
                                and doc[end + 1].like_num), None)  # "... and 30 October", "30" apart
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
        own = [trigger, *(t for c in trigger.children if c.dep_ not in CLAUSES and c.dep_ not in (
            "nsubj", "nsubjpass", "agent") and not (c.dep_ == "prep" and c.lower_ in TARGET_PREPS)
            for t in c.subtree)]  # "struck ..., after militias fired missiles"; "fired on the aircraft": not aerial
        elsewhere = {t.i for c in sent if c.dep_ in ("relcl", "acl", "advcl") and c.i != trigger.i
                     and not c.is_ancestor(trigger) for t in c.subtree}  # clauses about other events
        elsewhere |= {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                      for t in c.subtree}  # what was aimed at is not how
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

    def _casualties(self, sent: Span, others: set[int] | frozenset[int] = frozenset()
                    ) -> tuple[Count | None, Count | None, Token | None]:
        """Killed and wounded counts in a sentence, and the first victims' mention; not those told in the
        clauses of the sentence's other attacks (their clause heads are ``others``)."""
        fatal = injured = None
        first: Token | None = None
        for tok in sent:
            if others and clause_head(tok).i in others:
                continue
            lemma = tok.lemma_.lower()
            kind = "fatal" if lemma in lx.FATAL_VERBS else "injured" if lemma in lx.INJURY_VERBS else None
            if kind is None and lemma == "life" and tok.head.lemma_.lower() == "claim":
                kind, victims = "fatal", _child(_child(tok, "prep") or tok, "pobj")
            elif kind is None and lemma in ("dead", "wounded", "injured") and tok.pos_ == "ADJ":
                kind = "fatal" if lemma == "dead" else "injured"
                victims = tok.head if tok.dep_ in ("amod", "acomp") and tok.head.pos_ in ("NUM", "NOUN") else None
                victims = victims or next((c for c in tok.lefts if c.pos_ == "NUM"), None)
            elif kind is None and lemma in CASUALTY_NOUNS and tok.pos_ == "NOUN":
                kind, victims = CASUALTY_NOUNS[lemma], tok
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
