"""Counts of events rather than one event: "over 100 attacks", "dozens of strikes", "a series of raids".

A plural event noun with a number or a vague quantity is an aggregate; so is one that
hangs under a quantity noun ("hundreds of attacks") or a series noun ("a wave of
attacks"), whose count is unknown but more than one. Volleys and blasts are never counted: "two salvoes
of rockets", "a series of explosions" tell how one attack went (or was heard), not how many there were.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from proxywatch.extract.numbers import approximate, parse_count
from proxywatch.records import Count

__all__ = ["aggregate"]

# "hundreds of attacks": the quantity noun gives the count (numbers.py reads it).
_QUANTITY_NOUNS = frozenset("dozen hundred thousand score handful couple".split())
# "a series of strikes": more than one, how many unknown. Not "barrage" or "salvo": one attack, many rockets.
_SERIES_NOUNS = frozenset("series wave spate string number succession spree run round".split())
# "several attacks", "multiple strikes": a vague count as the noun's own modifier.
_VAGUE_MODIFIERS = frozenset("several multiple numerous many few dozens hundreds scores".split())
_MORE_THAN_ONE = Count(2, None)
# Parts of one attack, or what was heard of it: "two salvoes of rockets", "a series of loud explosions" count
# volleys and blasts, not attacks.
_PARTS = frozenset("salvo volley barrage round explosion blast detonation".split())


def aggregate(tok: Token) -> Count | None:
    """The count of events an ASSAULT trigger states, or ``None`` when it reports one event. An estimate
    ("about 66 times") is not exactly 66 and states no bound: more than one, how many unknown."""
    count = _stated(tok)
    if count is None:
        return None
    phrase = next((tok.doc[c.left_edge.i: c.i + 1].text for c in tok.children if c.dep_ in ("nummod", "npadvmod")
                   and (c.lemma_.lower() == "time" or c.pos_ == "NUM" or c.like_num)), None)
    if phrase is not None and approximate(phrase):
        return _MORE_THAN_ONE if count.min >= 3 else None  # "about 66 times": more than one, how many unknown
    return count


def _stated(tok: Token) -> Count | None:
    doc = tok.doc
    if tok.lemma_.lower() in _PARTS:
        return None
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() != "time":
        return _ordinal(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ == "NNS" or tok.dep_ == "pobj" and tok.tag_ == "VBZ":  # a plural
        # noun the tagger took for a verb: "amid the more than 90 militia rocket and drone attacks"
        if any(c.dep_ in ("nummod", "quantmod", "amod") and (c.pos_ == "NUM" or c.like_num) for c in tok.children) \
                or any(c.dep_ == "nummod" for c in tok.children):
            return parse_count(doc[tok.left_edge.i: tok.i + 1].text)
        counted = next((c for c in tok.children if c.dep_ in ("compound", "nmod") and any(
            g.dep_ == "nummod" and g.like_num for g in c.children)), None)
        if counted is not None:  # "the over 200 Houthi missile and UAV attacks": the number hung on a modifier
            number = next(g for g in counted.children if g.dep_ == "nummod" and g.like_num)
            return parse_count(doc[number.left_edge.i: number.i + 1].text)
        vague = [c for c in tok.children if c.dep_ in ("amod", "det", "nummod") and c.lower_ in _VAGUE_MODIFIERS]
        if vague:
            return parse_count(doc[vague[0].left_edge.i: vague[0].i + 1].text) or _MORE_THAN_ONE
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            quantity = tok.head.head
            lemma = quantity.lemma_.lower()
            if lemma in _SERIES_NOUNS:
                return _MORE_THAN_ONE
            if lemma in _QUANTITY_NOUNS or quantity.pos_ == "NUM":  # "dozens of", "three of the attacks"
                count = parse_count(doc[quantity.left_edge.i: quantity.i + 1].text)
                if count is not None and count != Count(1, 1):
                    return count
        return None
    if tok.pos_ == "VERB":
        times = next((c for c in tok.children if c.lemma_.lower() == "time" and c.dep_ == "npadvmod"), None)
        if times is not None:
            return parse_count(doc[times.left_edge.i: times.i].text)
        clause = tok if tok.dep_ == "relcl" else next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
        if clause is not None and clause.head.lemma_.lower() == "time":
            return _ordinal(clause.head)  # "the second time in less than a week that forces were used to neutralize"
    return None


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}


def _ordinal(tok: Token) -> Count | None:
    """ "This marks the fourth attack by the Houthis on the ship", "the second time in less than a week": the
    attack is the n-th of a series, so n attacks; only as what a sentence says the event is (after "be" or
    "mark"), not "a second attack hit the airport"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or tok.dep_ not in ("attr", "dobj"):
        return None
    if tok.head.lemma_.lower() not in ("be", "mark", "represent"):
        return None
    n = next((_ORDINALS.get(c.lower_) or _numbered(c.lower_) for c in tok.children
              if c.dep_ == "amod" and c.ent_type_ == "ORDINAL"), None)
    return Count(n, n) if n else None


def _numbered(word: str) -> int | None:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m and int(m.group(1)) >= 2 else None
