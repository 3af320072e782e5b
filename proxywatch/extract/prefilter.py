"""Cheap first pass: which sentences could hold an event, before any statistical model runs.

Tokenise, split sentences by punctuation rules, and keep the sentences with a
word form of a trigger lemma (lexicon.py). Only those are parsed. The word
forms are generated from the lemmas by English inflection rules plus a table
of irregular verbs, so the lexicon stays the single list of triggers.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from proxywatch.extract import lexicon as lx

__all__ = ["Prefilter", "word_forms", "MAX_PIECE_TOKENS", "cut_long"]

# The longest piece of text parsed as one sentence, in tokens. Reading the roles costs more than
# linear time in a sentence's length (each trigger looks over its whole sentence), so a text with no
# full stop for pages would take hours; a longer sentence is cut at its last clause break (; : , or
# a dash) in the second half of each window, else hard at the bound. News sentences are far shorter:
# 99% of the demo and gold sentences have at most 50 tokens (longest 56); of the 11,025 sentences of
# the muc4, wikievents, m2e2 and rams dev splits, 6 have more than 150 (5 in RAMS, longest 369).
MAX_PIECE_TOKENS = 150
_BREAKS = frozenset(";:,—–")

_IRREGULAR = {
    "strike": ["struck", "stricken"], "shoot": ["shot"], "meet": ["met"], "hit": ["hit"], "fight": ["fought"],
    "come": ["came"], "hold": ["held"], "take": ["took", "taken"], "seek": ["sought"], "bring": ["brought"],
    "send": ["sent"], "give": ["gave", "given"], "lead": ["led"], "shell": ["shelled"], "free": ["freed"],
    "slay": ["slew", "slain"], "die": ["died", "dying"], "arm": ["armed"], "deny": ["denied"], "rally": ["rallied"],
    "ally": ["allied"], "pound": ["pounded"], "blast": ["blasted"], "bombard": ["bombarded"],
    "mobilise": ["mobilised"], "criticise": ["criticised"], "shut": ["shut"], "set": ["set"], "put": ["put"],
    "blow": ["blew", "blown"], "stand": ["stood"], "withdraw": ["withdrew", "withdrawn"], "speak": ["spoke", "spoken"],
    "bear": ["bore", "borne"], "go": ["went", "gone"], "pay": ["paid"], "cut": ["cut"], "overrun": ["overran"],
    "sink": ["sank", "sunk"], "plead": ["pled"], "throw": ["threw", "thrown"], "lay": ["laid", "lain"],
}
_VOWELS = set("aeiou")
# Base forms that are mostly other words in news ("back in October", "the press", "a train"): a
# sentence is not kept for them alone. Their inflections ("backed", "trained") still count.
_TOO_COMMON = frozenset("back press train ship march arm free sign give".split())


def word_forms(lemma: str) -> set[str]:
    """Lower-case inflections of a verb or noun lemma ("attack" → attacks, attacked, attacking)."""
    w = lemma.lower()
    forms = {w, *_IRREGULAR.get(w, [])}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in _VOWELS | set("wxy") and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # "target" → "targetted" is harmless
    return forms


def _forms_of(lemmas: set[str] | frozenset[str]) -> set[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= word_forms(lemma)
    return forms


def _all_forms() -> frozenset[str]:
    """Forms that send a sentence to the parser on their own."""
    lemmas = set(lx.VERB_TRIGGERS) | set(lx.NOUN_TRIGGERS) | set(lx.CONDITIONAL_VERBS)
    lemmas |= lx.FATAL_VERBS | lx.INJURY_VERBS  # "two others also died": counts for the attack before
    lemmas |= lx.FIGHT_WORDS | lx.FIRE_WORDS
    lemmas |= lx.FORCE_SENSE_WORDS  # "a kinetic military action", "the death of"
    lemmas |= lx.STATEMENT_WORDS  # "reaffirmed the commitment", "Israel should", "entered the area of responsibility"
    return frozenset(_forms_of(lemmas) - _TOO_COMMON)


def _companions() -> dict[str, frozenset[str]]:
    """Forms that send a sentence to the parser only in company: the first word of a phrase trigger with its
    last word somewhere in the sentence ("took control of", "came under fire", "go unpunished"; not "took
    office", "going forward"), and a light verb with a weapon ("launched missiles", "led the attack";
    not "the US-led coalition", "leading figures"). A form that counts on its own is not listed."""
    alone = _all_forms()
    need: dict[str, set[str]] = {}
    for words, _ in lx.PHRASE_TRIGGERS:
        last = next(w for w in reversed(words) if w != "*")
        for form in word_forms(words[0]) - alone - _TOO_COMMON:
            need.setdefault(form, set()).update(word_forms(last))
    weapons = _forms_of(lx.WEAPON_NOUNS) | set(lx.MODE_WORDS)
    for form in _forms_of(lx.LIGHT_VERBS) - alone - _TOO_COMMON:
        need.setdefault(form, set()).update(weapons)
    for lemma, company in lx.PREFILTER_COMPANY.items():
        for form in word_forms(lemma) - alone - _TOO_COMMON:
            need.setdefault(form, set()).update(_forms_of(company))
    return {form: frozenset(words) for form, words in need.items()}


# "armed" before these is a modifier ("armed groups", "the armed forces"), not a sentence about arming anyone.
_ARMED_MODIFIES = frozenset("forces force group groups men man militants militias militia gangs gang factions "
                            "faction wing wings personnel guards guard police robbery robbers conflict conflicts "
                            "violence struggle resistance opposition rebellion insurgency insurgents services "
                            "drones drone".split())


def _word(tok) -> str:
    return tok.lower_.split("-")[-1]


class Prefilter:
    """Find candidate sentences in raw text: character spans of sentences with a trigger word form.

    Each span is one sentence by the punctuation rules; the extractor parses each as a sentence of its
    own, so the parser cannot join two of them ("... the Golan Heights. Brigadier General ...")."""

    def __init__(self, nlp: Language, max_tokens: int = MAX_PIECE_TOKENS) -> None:
        self._tokenizer = nlp.tokenizer
        self._sentencizer = Sentencizer()
        self._forms = _all_forms()
        self._companions = _companions()
        self._max_tokens = max_tokens

    def keeps(self, piece: Span) -> bool:
        """Whether a sentence (or piece of one) holds a trigger form, alone or in its company."""
        forms, companions = self._forms, self._companions
        words: set[str] | None = None
        for tok in piece:
            word = tok.lower_ if tok.lower_ in forms or tok.lower_ in companions else _word(tok)
            if word in forms:
                if word == "armed" and tok.i + 1 < piece.end and piece.doc[tok.i + 1].lower_ in _ARMED_MODIFIES:
                    continue
                return True
            need = companions.get(word)
            if need is not None:
                if words is None:
                    words = {_word(t) for t in piece} | {t.lower_ for t in piece}
                if words & need:
                    return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        doc: Doc = self._sentencizer(self._tokenizer(text))
        keep: list[tuple[int, int]] = []
        for sent in doc.sents:
            for piece in cut_long(sent, self._max_tokens):
                if self.keeps(piece):
                    chars = text[piece.start_char:piece.end_char]
                    start = piece.start_char + len(chars) - len(chars.lstrip())  # not the paragraph break before it
                    keep.append((start, piece.start_char + len(chars.rstrip())))
        return keep


def cut_long(sent: Span, max_tokens: int = MAX_PIECE_TOKENS) -> list[Span]:
    """A sentence as pieces of at most ``max_tokens`` tokens (itself when it is short enough).

    Each cut falls after the last clause break (; : , or a dash) in the second half of the window,
    else at the bound. Costs one pass over the tokens.
    """
    if len(sent) <= max_tokens:
        return [sent]
    doc, pieces, start = sent.doc, [], sent.start
    while sent.end - start > max_tokens:
        end = start + max_tokens
        cut = next((i + 1 for i in range(end - 1, start + max_tokens // 2, -1) if doc[i].text in _BREAKS), end)
        pieces.append(doc[start:cut])
        start = cut
    pieces.append(doc[start:sent.end])
    return pieces
