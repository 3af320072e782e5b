"""Which words of a sentence speak of the event itself, and which of another moment or another event.

Four rules, each keeping a field null rather than wrong:

* the day of a saying is not the day of the act told in what was said ("The group said on Monday
  that its fighters had fired rockets": Monday dates the statement; the attack may be earlier);
* a "retaliation for X" or "in response to X" phrase tells another event X, with its own date,
  victims, means and place: none of them belong to the retaliating event;
* an event named only to time another ("flew to Baghdad on 29 January, the day after the drone
  attack") has the other's date shifted by the offset, or none;
* a demand or a condition ("Israel should not start an operation unless ...") is not an event that
  occurred, nor one said not to have happened.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.senses import child as _child
from proxywatch.extract.syntax import REPORTING

__all__ = ["said_dates", "reason_tokens", "modal_status", "timed_against"]

REASON_NOUNS = frozenset("retaliation response revenge reprisal reply answer".split())
REASON_PREPS = {"in": ("for", "to", "against"), "as": ("for", "to", "against")}
DEMAND_MODALS = frozenset("should must ought shall".split())


def _verb_of(tok: Token) -> Token | None:
    """The verb a word (a date's head word) belongs to, through its prepositions and nouns."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _ongoing(clause: Token) -> bool:
    """"... said on Monday that strikes are continuing": present tense, the saying's day is the act's day."""
    if clause.tag_ in ("VBZ", "VBP"):
        return True
    return clause.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re", "was", "were")
                                        for c in clause.children)  # "said it was carrying out strikes": then


def said_dates(sent: Span, trigger: Token, type_: str) -> set[int]:
    """Words of the sentence's dates that date a saying whose content tells the (past) attack.

    "The White House said on Monday that the drone attack killed ...", "Militants fired rockets, the group
    said on Monday": Monday is when it was said; the attack may be days older. Only for attacks (a warning
    made on Monday is Monday's; a decision the speaker announces is made that day), nor for a trigger that is the saying
    itself, nor when what was said is going on or to come."""
    if type_ != "ASSAULT":
        return set()  # a decision the speaker announces ("said on Friday it had paused funding") is made that day
    out: set[int] = set()
    for ent in sent_ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        verb = _verb_of(ent.root)
        if verb is None or verb.lemma_.lower() not in REPORTING or verb.i == trigger.i:
            continue
        if verb.is_ancestor(trigger):  # "said on Monday that ... attacked": the clause under the saying
            clause = trigger
            while clause.head.i != verb.i:
                clause = clause.head
        elif trigger.is_ancestor(verb) and verb.dep_ in ("ccomp", "parataxis", "advcl"):
            clause = verb.head  # "X attacked Y, the group said on Monday" parsed with the saying beneath
        else:
            continue
        if clause.dep_ not in ("ccomp", "parataxis", "xcomp", "advcl", "ROOT") or _ongoing(clause) or any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in clause.children):
            continue  # going on, or to come: the statement's day is the one to give
        out.update(range(ent.start, ent.end))
    return out


def reason_tokens(sent: Span, trigger: Token) -> set[int]:
    """Tokens of a "in retaliation for X" / "in response to X" phrase that does not hold the trigger.

    The phrase runs from the reason word to the next comma or the end of the sentence (a relative clause
    after X is often attached to the main verb by the parser)."""
    out: set[int] = set()
    doc = sent.doc
    for tok in sent:
        if tok.lemma_.lower() not in REASON_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ not in REASON_PREPS:
            continue
        prep = _child(tok, "prep")
        if prep is None or prep.lower_ not in REASON_PREPS[tok.head.lower_]:
            continue
        start, end = tok.head.i, tok.i
        while end + 1 < sent.end and doc[end + 1].text not in (",", ";", "—", "–"):
            end += 1
        end = max(end, max(t.i for t in tok.subtree))
        if start <= trigger.i <= end:
            continue  # the retaliation is the event itself: "The strikes came in response to ..."
        out.update(range(start, end + 1))
    return out


def modal_status(tok: Token, status: str, negated: bool) -> tuple[str, bool]:
    """A demanded or conditional act is hypothetical, and not an event said not to have happened.

    "Israel should not start a military operation in Rafah unless it has a plan": nothing occurred, and the
    "not" belongs to the demand."""
    if status != "occurred":
        return status, negated
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head if tok.dep_ in ("dobj", "nsubjpass") else None
    # not a subject: "the strikes should deter further attacks" (the strikes happened)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return status, negated
    aux = [c for c in verb.children if c.dep_ == "aux"]
    demand = any(c.lower_ in DEMAND_MODALS for c in aux) and not any(c.lower_ == "have" for c in aux)
    condition = any(c.dep_ == "advcl" and (m := _child(c, "mark")) is not None and m.lower_ in ("unless", "if")
                    for c in verb.children)
    if demand or condition and any(c.lower_ in ("would", "could", "might", "will") for c in aux):
        return "hypothetical", False if demand else negated
    return status, negated



OFFSET_NOUNS = frozenset("day week hour".split())


def timed_against(tok: Token) -> tuple[Token, str | None, str] | None:
    """For an event noun after "after"/"before" that times another clause: (that clause's verb, the offset
    as ``offset_date`` reads it or ``None``, the mark).

    "flew to Baghdad on 29 January, the day after the drone attack": (flew, "a day", "after"): the attack
    was on the 28th. "arrived on 3 March after the attack": (arrived, None, "after"): some time before."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("after", "before"):
        return None
    mark, head = tok.head.lower_, tok.head.head
    if head.pos_ in ("VERB", "AUX"):
        return head, None, mark
    if head.ent_type_ == "DATE" and head.lemma_.lower() not in OFFSET_NOUNS:
        verb = _verb_of(head)  # "landed on 12 January after the attack", the parser hanging it on the date
        return (verb, None, mark) if verb is not None else None
    if head.lemma_.lower() not in OFFSET_NOUNS or head.dep_ not in ("npadvmod", "appos", "pobj") \
            or not any(c.i == tok.head.i for c in head.children):
        return None
    verb = head.head if head.dep_ != "pobj" else head.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    count = next((c for c in head.children if c.dep_ == "nummod"), None)
    article = next((c for c in head.children if c.dep_ == "det" and c.lower_ in ("the", "a", "an")), None)
    if count is not None:
        offset = f"{count.lower_} {head.lower_}"
    elif article is not None and head.tag_ == "NN":
        offset = f"a {head.lower_}"  # "the day after", "a week before"
    else:
        offset = None
    return verb, offset, mark
