"""Parse-tree helpers and word lists shared by the extractor's stages (pipeline.py, fields.py).

Pure functions over spaCy tokens: clause heads, mention cores, casualty groups, the clause that tells
an earlier event ("a day after ..."), pronoun checks. No model or knowledge base is touched here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.doccache import ent_bounds, sent_ents
from proxywatch.records import Count, Event, Party
from proxywatch.resolve.parties import KIND_NOUNS

__all__ = ["child", "prep_object", "AREA_NOUNS", "PARTNER_PREPS", "CASUALTY_NOUNS", "CASUALTY_VERBS", "CLAUSES", "CONSEQUENCE_VERBS",
    "DENIALS", "ENVOYS", "GATHERINGS", "Hit", "INVOLVEMENT", "NIGHTS", "OTHER_TIME", "PLACE_LABELS", "PLACE_PREPS",
    "PRECISION_RANK", "QUANTITY_HEADS", "REPORTING", "SEPARATOR", "SITES", "SITE_NOUNS", "TARGET_PREPS", "TO_NOUNS",
    "added_count", "argument_of", "casualty_only", "clause_head", "consequence", "core_span", "counted_thing", "denier",
    "earlier_clause", "interception", "involvement", "main_clause", "merge_casualties", "name_runs", "named_modifier",
    "one_side_each", "own_dates", "incident_words", "own_side", "owner_kind", "pronominal", "ranked_remark", "said_of_it", "threatened",
    "time_offset", "to_article", "told_again", "tree_depth"]

# Event nouns whose object follows "to", "for" or "of" ("aid to Hamas", "backing of the Houthis").
TO_NOUNS = frozenset("aid assistance funding financing backing support shipment visit appeal request demand call "
                      "sanction designation".split())
# Nouns after which "of" introduces a place ("the outskirts of Khan Younis").
AREA_NOUNS = frozenset("outskirts edge centre center suburb area city town village province region north south east "
                        "west port coast vicinity part district camp".split())
# Nouns that count the dead or wounded ("12 deaths", "no casualties": both kinds).
CASUALTY_NOUNS = {"death": "fatal", "fatality": "fatal", "injury": "injured", "casualty": "both"}
CASUALTY_VERBS = lx.FATAL_VERBS | lx.INJURY_VERBS
ENVOYS = frozenset("ambassador envoy diplomat charge chargé representative".split())
# Where the other party of a non-violent event is named: "talks with Iran", "recalled its envoy from Israel",
# "a shipment of bombs to Israel", "sanctions on Iran".
PARTNER_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "to"), "COOPERATE": ("with",), "AGREE": ("with",),
    "SANCTION": ("from", "with", "on", "against", "to"),
    "AID": ("to", "for"), "SUPPORT": ("to", "for", "with"), "RETREAT": ("to",), "REJECT": ("from",),
}
CLAUSES = frozenset("advcl ccomp relcl acl conj xcomp parataxis".split())
SITE_NOUNS = frozenset("target site area position facility base building office compound depot center centre "
                        "headquarters warehouse camp post outpost installation".split())
SITES = AREA_NOUNS | SITE_NOUNS | frozenset("airport harbour harbor refinery plant hospital school".split())
QUANTITY_HEADS = frozenset("dozen hundred thousand score number handful some many several member gathering "
                             "concentration".split())
# Nouns that count or gather what their "of" names: "28 of the drones", "a wave of drones", "dozens of missiles".
GATHERINGS = QUANTITY_HEADS | frozenset("wave swarm salvo barrage volley series pair couple most all one each none "
                                        "half majority rest remainder both".split())
PLACE_PREPS = frozenset("in at near on off outside inside across into over around along".split())
TARGET_PREPS = frozenset("on against at targeting toward towards".split())
PLACE_LABELS = frozenset(["GPE", "LOC", "FAC"])
PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "sea": 3, "region": 4, "country": 5}
REPORTING = frozenset("say warn tell add announce state report note insist claim write".split())
# First words of the THREATEN phrases whose subject is the one threatened ("Hezbollah would pay a heavy price",
# "the attack would not go unanswered"): the threat is made by whoever says it.
CONSEQUENCE_VERBS = frozenset("pay go pass bear face receive bring".split())
# "denied any role in the strike": a denial of taking part in an event is that event with status "denied".
DENIALS = frozenset("deny reject dismiss".split())
INVOLVEMENT = frozenset("involvement role responsibility part hand".split())
NIGHTS = frozenset(["overnight", "last night", "this morning", "tonight", "this afternoon", "this evening"])
# Subordinate clauses about another time or condition: their places are not the event's.
OTHER_TIME = frozenset("until unless if because since although though while before after".split())

SEPARATOR = "\n\n"


def child(tok: Token, *deps: str) -> Token | None:
    """The first child with one of these dependency labels."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def _clause_subject(prep: Token) -> Token | None:
    """ "spoke with Prime Minister al-Sudani to discuss ...": the parser may make the preposition's object the
    subject of the purpose clause after it ("with [al-Sudani to discuss]"); that noun is still the object."""
    clause = child(prep, "pcomp")
    if clause is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    subject = child(clause, "nsubj")
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None


def prep_object(tok: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first of these prepositions under ``tok`` that is not a date ("on Tuesday")."""
    wanted = set(preps)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in wanted:
            obj = child(c, "pobj") or _clause_subject(c)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and obj.lemma_.lower() not in _NO_ARGUMENT:
                return obj
    return None


# Objects of a preposition that say on whose word or in whose name, not whom: "on President Trump's orders", "on
# behalf of", "on the basis of".
_NO_ARGUMENT = frozenset("order orders behalf instruction direction request basis advice".split())

_child, _prep_object = child, prep_object


def counted_thing(tok: Token) -> Token:
    """What a count or a gathering is of: "28 of the drones" and "a wave of drones" are drones; else the word."""
    if tok.pos_ == "NUM" or tok.lemma_.lower() in GATHERINGS:
        of = prep_object(tok, ("of",))
        if of is not None:
            return of
    return tok


_INTERCEPTING = frozenset("intercept down destroy shoot engage neutralize neutralise eliminate".split())


def interception(tok: Token) -> bool:
    """Whether a verb tells force used against weapons in flight or before launch, not against people or places: "shot
    down 28 of the drones", "most of the projectiles were intercepted", "engaged and destroyed four missiles"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in _INTERCEPTING or lemma == "shoot" and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in tok.children):
        return False
    objects = [o for verb in (tok, *tok.conjuncts) for o in (child(verb, "dobj"), child(verb, "nsubjpass")) if o]
    return bool(objects) and all(counted_thing(o).lemma_.lower() in lx.WEAPON_NOUNS for o in objects)


def named_modifier(tok: Token) -> Token | None:
    """A named owner inside a noun phrase: "Houthi" in "a Houthi anti-ship missile", "US" in "US drone strike"."""
    for left in tok.lefts:
        for t in left.subtree:
            if t.ent_type_ in ("NORP", "GPE", "ORG") and t.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                return t
    return None


def merge_casualties(groups: dict[tuple[str, int], list[Hit]]) -> None:
    """"12 were killed and 40 wounded in the strike": one ASSAULT, not one per casualty verb."""
    assaults = [key for key in groups if key[0] == "ASSAULT"]
    if len(assaults) < 2:
        return
    casualty = [k for k in assaults if all(h.trigger.weight <= 1 and h.token.pos_ == "VERB" and not (
        _doer(h.token) and _child(h.token, "dobj") is not None) for h in groups[k])
                and not any(earlier_clause(h.token) for h in groups[k])]  # "a day after a drone killed one man";
    # "Israel killed Hezbollah commander Fuad Shukr": a killing with its doer is an attack of its own
    attacks = [k for k in assaults if k not in casualty and k[1] >= 0]  # not into a count of attacks (key < 0)
    into = attacks[0] if len(attacks) == 1 else casualty[0] if not attacks and casualty else None
    if into is None:
        return
    for key in casualty:
        if key != into:
            groups[into].extend(groups.pop(key))


def _doer(verb: Token) -> bool:
    """A subject that did the killing: not "that" standing for the attack, nor the attack itself."""
    subject = _child(verb, "nsubj")
    return subject is not None and subject.tag_ not in ("WDT", "WP") and not (
        subject.pos_ == "NOUN" and subject.lemma_.lower() in lx.ASSAULT_NOUNS)


def casualty_only(hits: list[Hit]) -> bool:
    """Casualty verbs with no one doing them: "eight fighters were killed", "two others died"."""
    return all(h.token.pos_ == "VERB" and h.token.lemma_.lower() in CASUALTY_VERBS and _child(h.token, "nsubj") is None
               and _child(h.token, "agent") is None and main_clause(h.token) or told_again(h.token) for h in hits)


def time_offset(clause: Token) -> tuple[str, str] | None:
    """("a day", "after") for "a day after X struck": how far the clause's event lies from the main one."""
    mark = _child(clause, "mark")
    offset = next((c for c in clause.children if c.dep_ == "npadvmod" and mark is not None and c.i == mark.i - 1
                   and c.lemma_.lower() in ("day", "week", "hour")), None)
    return (clause.doc[offset.left_edge.i: offset.i + 1].text, mark.lower_) if offset is not None else None


def ranked_remark(tok: Token) -> bool:
    """"the first attacks on American forces", "the latest strike": a remark ranking an event told beside it."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and any(
        c.ent_type_ == "ORDINAL" or c.lower_ in ("latest", "last", "previous") for c in tok.children)


def name_runs(sent: Span, covered: set[int]) -> list[Span]:
    """Runs of proper nouns the entity tagger left untagged ("Kata'ib Hezbollah", "Harakat al-Nujaba")."""
    runs: list[Span] = []
    start = None
    for tok in sent:
        inside = tok.i not in covered and (tok.pos_ == "PROPN" or start is not None and tok.text == "-")
        if inside and start is None:
            start = tok.i
        elif not inside and start is not None:
            runs.append(sent.doc[start:tok.i])
            start = None
    if start is not None:
        runs.append(sent.doc[start:sent.end])
    return [r for r in runs if r[-1].pos_ == "PROPN"]


def one_side_each(event: Event, actor_tok: Token | None, target_tok: Token | None) -> Event:
    """An attacker read through a pronoun on its target's side ("their crews fired on the American aircraft"
    taken as American) was read wrongly: say nothing rather than the wrong side. A negated attack has no dead."""
    actor, target = event.actor, event.target
    if event.negated and (event.fatalities or event.injuries):
        event = replace(event, fatalities=None, injuries=None)
    if event.type != "ASSAULT" or actor is None or target is None or not actor.country \
            or actor.country != target.country:
        return event
    if actor.kind == "armed_group" and target.kind not in (None, "armed_group"):
        return event  # insurgents attacking their own country's troops or people: one country, two sides
    if pronominal(actor_tok):
        return replace(event, actor=Party(text=actor.text))
    if pronominal(target_tok):
        return replace(event, target=Party(text=target.text))
    return event


def pronominal(tok: Token | None) -> bool:
    """A mention read through a pronoun: "it", "their crews", "one of its commanders"."""
    if tok is not None and (tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITY_HEADS):
        tok = _prep_object(tok, ("of",)) or tok
    return tok is not None and (tok.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children))


def owner_kind(tok: Token) -> str | None:
    """"militia sites": the kind of the owner word in front of a site noun."""
    return next((KIND_NOUNS[c.lemma_.lower()] for c in tok.children if c.dep_ in ("compound", "amod")
                 and c.lemma_.lower() in KIND_NOUNS), None)


def earlier_clause(tok: Token) -> bool:
    """A trigger in an "after"/"before" clause with its own subject: another event, at another time."""
    clause = clause_head(tok)
    mark = _child(clause, "mark") if clause.dep_ == "advcl" else None
    return mark is not None and mark.lower_ in ("after", "before")


def argument_of(tok: Token, hits: list[Hit]) -> bool:
    """Whether an event noun is the subject or object of another trigger verb ("Dozens of attacks hit bases")."""
    for hit in hits:
        if hit.token.pos_ == "VERB" and hit.token.i != tok.i:
            for arg in hit.token.children:
                if arg.dep_ in ("nsubj", "nsubjpass", "dobj") and (arg.i == tok.i or arg.is_ancestor(tok)):
                    return True
    return False


def told_again(tok: Token) -> bool:
    """"80 people were wounded in the port attack", "the strike killed three": the attack already told."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) or any(
            c.dep_ not in ("det", "compound", "punct") for c in tok.children):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") else tok.head
    return (tok.dep_ == "nsubj" or tok.dep_ == "pobj") and verb.lemma_.lower() in CASUALTY_VERBS


def main_clause(tok: Token) -> bool:
    """The sentence's own statement, or what its speaker says; not "came days after 100 were killed"."""
    while tok.dep_ in ("conj", "ccomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


def added_count(before: Count | None, new: Count | None, more: bool) -> Count | None:
    if new is None or before is None:
        return before or new
    if not more:
        return before  # told again
    return Count(before.min + new.min, None if before.max is None or new.max is None else before.max + new.max)


def said_of_it(tok: Token) -> bool:
    """"It was the first attack on the base in weeks": a remark on the event just told, not a new one."""
    subject = _child(tok.head, "nsubj") if tok.dep_ == "attr" and tok.head.lemma_ == "be" else None
    return subject is not None and subject.lower_ in ("it", "this", "that")


def own_side(tok: Token | None) -> bool:
    """"its ambassador", "their forces": the actor's own people, not the other side."""
    return tok is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def consequence(tok: Token) -> bool:
    return tok.lemma_.lower() in CONSEQUENCE_VERBS


def involvement(tok: Token) -> Token | None:
    """The object of "denied any involvement (in ...)", or None."""
    obj = _child(tok, "dobj") if tok.lemma_.lower() in DENIALS else None
    return obj if obj is not None and obj.lemma_.lower() in INVOLVEMENT else None


def denier(tok: Token) -> Token | None:
    """Who denies an event named under a denial verb: "Tehran denied any role in the strike" → Tehran."""
    for head in list(tok.ancestors)[:4]:
        if head.lemma_.lower() in DENIALS:
            return _child(head, "nsubj")
    return None


def threatened(tok: Token) -> Token | None:
    """Who a warning is aimed at: "warned that the Houthis would face consequences" → the Houthis."""
    for t in tok.subtree:
        if t.i != tok.i and consequence(t) and t.pos_ in ("VERB", "AUX"):
            return _child(t, "nsubj") or _child(t, "nsubjpass")
    said = _child(tok, "ccomp")
    if said is not None and said.lemma_.lower() == "hold":  # "warned that it would hold Iran responsible"
        held = next((c for c in said.children if c.lower_ in ("responsible", "accountable")), None)
        return (_child(held, "nsubj") if held is not None else None) or _child(said, "dobj")
    return None


def to_article(doc: Doc, char: int) -> int:
    """An offset in the parsed text → the same place in the article text."""
    offsets = doc.user_data.get("pw_offsets") or [(0, 0)]
    at, origin = offsets[bisect_right(offsets, (char, float("inf"))) - 1]
    return origin + (char - at)


@dataclass(frozen=True)
class Hit:
    token: Token
    trigger: lx.Trigger


def clause_head(tok: Token) -> Token:
    """The head of the clause a token belongs to; a conjoined or embedded clause with its own subject counts."""
    while tok.dep_ != "ROOT" and tok.head.i != tok.i:
        if tok.pos_ in ("VERB", "AUX") and (tok.dep_ in ("conj", "ccomp", "relcl", "parataxis") or tok.dep_ == "advcl"
                                            and _child(tok, "mark") is not None
                                            and _child(tok, "mark").lower_ in ("after", "before")) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            return tok  # "..., a day after a Houthi drone struck Tel Aviv": a second event
        tok = tok.head
    return tok


_DAY_LIKE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE)


def _dated(ent: Span) -> bool:
    return ent.label_ == "DATE" or ent.label_ == "EVENT" and bool(_DAY_LIKE.search(ent.text))


def own_dates(tok: Token) -> list[Span]:
    """Date entities of an event noun's own phrase ("the Jan. 15 attack", "attacks against Israel on October 7,
    2023"), not of a clause under it; and a date just before the phrase that the parser hung elsewhere ("since the
    October 7, 2023 Hamas attacks", "the Oct. 7, 2023, terrorist assault")."""
    clauses = {t.i for c in tok.children if c.dep_ in CLAUSES for t in c.subtree}
    inside = {t.i for t in tok.subtree} - clauses
    ents = sent_ents(tok.sent)
    found = [e for e in ents if _dated(e) and e.root.i in inside]
    doc, left = tok.doc, tok.left_edge.i
    for ent in ents:
        if _dated(ent) and ent not in found and ent.start < tok.i and left - 2 <= ent.end <= tok.i and all(
                doc[k].is_punct for k in range(ent.end, left)):
            found.append(ent)
    return found


def incident_words(tok: Token) -> set[int]:
    """The words of an event noun's own mention: its phrase ("hundreds of attacks the group has launched since
    October": the count's phrase) and a date just before it."""
    top = tok
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ in ("NOUN", "NUM") \
            and top.head.head.lemma_.lower() not in lx.ASSAULT_NOUNS:
        top = top.head.head
    words = {t.i for t in top.subtree}
    for ent in own_dates(tok):
        start = ent.start - 1 if ent.start > tok.sent.start and tok.doc[ent.start - 1].lower_ in (
            "since", "the") else ent.start
        words |= set(range(start, ent.end))
    return words


def tree_depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def core_span(tok: Token) -> Span:
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
