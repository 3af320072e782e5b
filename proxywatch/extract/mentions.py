"""Who a mention refers to: pronouns, "the group", relative pronouns.

A pronoun is first read from its own sentence (the subject of a clause it is
embedded in: "Israel's army said it had called up reservists, as its warplanes
pounded Gaza" → Israel's army), then from the article so far, newest sentence
first, preferring that sentence's subjects. "The group", "the militia" and the
like take the newest armed group named before them. A mention whose kind does
not fit ("its" cannot be a person, "the group" cannot be a state) is never
chosen: when nothing fits the mention stays unresolved, which is better than
confidently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from proxywatch.records import Party

__all__ = ["Salience", "anaphor_kinds", "relative_head", "subject_before", "subject_like", "title_anaphor",
           "FIRST_PERSON_PLURAL"]

_ORGANISED = frozenset({"state", "armed_group", "military", "government", "organization"})
_GROUPS = frozenset({"armed_group"})
_STATES = frozenset({"state"})
_PERSONS = frozenset({"person"})
# Object pronouns ("urged them to halt") are left out: they are seldom the clause's subject and most often
# a noun phrase just before them ("met militia leaders and urged them"), which is not tracked.
_PRONOUNS = {
    "it": _ORGANISED, "its": _ORGANISED, "they": _ORGANISED, "their": _ORGANISED,
    "he": _PERSONS, "his": _PERSONS, "she": _PERSONS,
}
# Definite nouns that stand for a group named earlier: "the group", "the militia", "the militants".
_NOUN_ANAPHORS = frozenset("group militia movement faction militant organization organisation".split())
_RELATIVES = frozenset("who which that whom".split())
# Nouns the tagger may leave as nouns before "group": "the militant group", "the terror group".
_GROUP_WORDS = frozenset("militant extremist terror terrorist rebel insurgent jihadist armed".split())
# Titles that stand for the office-holder named earlier: "the Secretary", "the defense secretary", "the general".
_TITLES = frozenset("secretary minister president general amir emir king prince chairman premier chancellor "
                    "ambassador envoy commander spokesperson spokesman spokeswoman admiral".split())
# Words inside a title that do not name its holder: "the Prime Minister", "the Foreign Minister", "the Crown Prince".
_TITLE_PARTS = frozenset("prime foreign defense defence deputy vice crown interior first".split())
PLURAL_PRONOUNS = frozenset("they their them theirs themselves".split())
# "We strongly condemn", "our forces": the one who speaks (see roles.first-person-is-publisher).
FIRST_PERSON_PLURAL = frozenset("we us our ours".split())


def anaphor_kinds(tok: Token, core: Span) -> frozenset[str] | None:
    """The kinds of party an anaphor may refer to, or None when ``tok`` is not an anaphor."""
    if tok.pos_ == "PRON":
        return _PRONOUNS.get(tok.lower_, frozenset())
    if tok.lemma_.lower() in _NOUN_ANAPHORS and core[0].lower_ == "the" and (len(core) == 2 or len(core) == 3 and (
            core[1].pos_ == "ADJ" or core[1].lower_ in _GROUP_WORDS) and not core[1].ent_type_):
        return _GROUPS  # "the group", "the extremist group", "the militant group"; "the Lebanese group": named
    if tok.lemma_.lower() in ("nation", "country") and len(core) == 2 and core[0].lower_ in ("that", "this"):
        return _STATES  # "Iran's attacks on that nation": the state named before
    return None


def title_anaphor(tok: Token, core: Span) -> str | None:
    """The title word when a mention is only a title with "the": "the Secretary", "the defense secretary",
    "The Amir" → "secretary", "amir"; ``None`` for a name ("Secretary Austin") or anything else."""
    lemma = tok.lemma_.lower()
    if lemma not in _TITLES or core[0].lower_ != "the" or len(core) > 4:
        return None
    if any(t.pos_ == "PROPN" and t.i != tok.i and t.lemma_.lower() not in _TITLES | _TITLE_PARTS for t in core) \
            or any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.i > tok.i for c in tok.children):
        return None  # "the Secretary Austin", "the Amir Tamim": named
    return lemma


def relative_head(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the militants who launched" → militants."""
    if tok.lower_ in _RELATIVES and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        head = tok.head.head
        return head.head if head.dep_ == "appos" else head  # "Qaani, the Quds Force commander, who met": Qaani
    return None


def subject_before(tok: Token) -> Token | None:
    """The nearest earlier, non-pronoun subject of a clause that ``tok`` is inside."""
    head = tok
    while head.head.i != head.i:
        head = head.head
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < tok.i and child.pos_ != "PRON" \
                    and not (child.left_edge.i <= tok.i <= child.right_edge.i):
                return child
    return None


def subject_like(tok: Token) -> bool:
    """A subject, or a name inside one ("Israel's military", "the Houthi leader")."""
    while tok.dep_ in ("compound", "poss", "amod", "nmod", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


@dataclass
class Salience:
    """Parties named so far in an article: (sentence number, subject?, party), in order."""

    _seen: list[tuple[int, bool, Party]] = field(default_factory=list)

    def add(self, sentence: int, party: Party | None, subject: bool = False) -> None:
        if party is not None and (party.id or party.sponsors or party.country) and party.kind:
            self._seen.append((sentence, subject, party))

    def titled(self, title: str) -> Party | None:
        """The newest person named with this title ("Secretary of Defense Lloyd J. Austin III" for "secretary")."""
        return next((p for _, _, p in reversed(self._seen) if p.kind == "person" and title in p.text.lower()), None)

    def last(self, kinds: frozenset[str], pronoun: bool = False, plural: bool = False) -> Party | None:
        """The newest party of one of ``kinds``; for a pronoun, its sentence's subject if it has one. A plural
        pronoun ("their attacks") passes over states named as one country ("the United States ... their") when
        another party fits."""
        fitting = [(n, subj, p) for n, subj, p in self._seen if p.kind in kinds]
        if plural and any(p.kind != "state" for _, _, p in fitting):
            fitting = [(n, subj, p) for n, subj, p in fitting if p.kind != "state"]
        if not fitting:
            return None
        if not pronoun:
            return fitting[-1][2]
        newest = fitting[-1][0]
        same = [(subj, p) for n, subj, p in fitting if n == newest]
        return next((p for subj, p in same if subj), same[-1][1])
