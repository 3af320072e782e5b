"""Word lists and patterns the claim rules share (data, not logic)."""

from __future__ import annotations

import calendar
import re

__all__ = [
    "EVENT_NOUNS", "EVENT_VERBS", "MODE_WORDS", "LAUNCH_VERBS", "SUFFER_VERBS", "RESPONSE_WORDS", "COUNTING_VERBS",
    "NUM", "CMP", "NEG", "COUNT_RE", "MONTHS", "WEEKDAYS", "BOUNDARY_WORDS", "MODAL_RE", "REPORTING_RE",
    "NAME", "NAME_LIST", "event_type", "is_month_or_day",
]

# Event nouns and verbs → PLOVER type (contract: ASSAULT is every use of force).
EVENT_NOUNS: dict[str, str] = {
    **{w: "ASSAULT" for w in (
        "attack attacks strike strikes airstrike airstrikes raid raids bombing bombings assault assaults "
        "ambush ambushes shelling shellings bombardment bombardments killing killings kidnapping kidnappings "
        "abduction abductions hijacking hijackings"
    ).split()},
    **{w: "PROTEST" for w in "protest protests demonstration demonstrations rally rallies".split()},
}
EVENT_VERBS: dict[str, str] = {
    **{w: "ASSAULT" for w in (
        "attacked attack attacking targeted target targeting struck strike hit shelled shell bombed bomb raided raid "
        "ambushed ambush fired"
    ).split()},
    **{w: "PROTEST" for w in "protested protest".split()},
}
# Weapon words before the event noun → contract modes.
MODE_WORDS = {"drone": "drone", "drones": "drone", "uav": "drone", "rocket": "rocket", "rockets": "rocket",
              "missile": "missile", "missiles": "missile", "mortar": "artillery", "artillery": "artillery",
              "air": "aerial", "aerial": "aerial", "suicide": "suicide", "bomb": "explosives", "ied": "explosives"}
# Verbs whose subject carried out the counted events ("militias have launched 150 attacks").
LAUNCH_VERBS = (r"claimed\s+(?:responsibility|credit)\s+for|launched|launch|launching|carried\s+out|carry\s+out|carrying\s+out|conducted|conduct|mounted|mount|"
                r"staged|stage|claimed|claim|made|waged|committed|perpetrated|executed|fired|been\s+behind|"
                r"been\s+responsible\s+for")
# Verbs whose subject was the target of the counted events ("the US endured 100 attacks").
SUFFER_VERBS = r"endured|endure|enduring|suffered|suffer|faced|face|sustained|sustain|weathered|absorbed|experienced"
# Verbs whose subject only counted the events: the counter is neither actor nor target.
COUNTING_VERBS = r"counted|recorded|logged|documented|tallied|tracked|registered|reported|confirmed|listed|noted"
# Words that make an anchor a response to an earlier attack ("since the US retaliated").
RESPONSE_WORDS = re.compile(r"\b(?:retaliat\w*|respon(?:se|ses|ded|d|ding)|hit\s+back|struck\s+back|answer(?:ed)?|"
                            r"reprisals?|counter-?strikes?)\b", re.IGNORECASE)

_UNITS = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" \
         "seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUM = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+"
       rf"|(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+)?hundred(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[\s-](?:{_SMALL_UNITS}))?|{_UNITS}))?"
       rf"|(?:{_TENS})(?:[\s-](?:{_SMALL_UNITS}))?|(?:{_UNITS})"
       rf"|half\s+a\s+dozen|a\s+dozen|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|several|a\s+few"
       rf"|a\s+handful(?:\s+of)?|a\s+couple(?:\s+of)?|multiple|numerous|a\s+series\s+of)")
CMP = (r"(?:well\s+over|well\s+above|far\s+more\s+than|many\s+more\s+than|more\s+than|over|above|at\s+least|"
       r"no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|fewer\s+than|less\s+than|under|up\s+to|at\s+most|"
       r"no\s+more\s+than|nearly|almost|about|around|roughly|approximately|some|an\s+estimated|close\s+to|"
       r"as\s+many\s+as|in\s+excess\s+of|upwards\s+of|only|just|a\s+total\s+of|exactly|a\s+further|another|"
       r"an\s+additional)")
NEG = r"(?:not\s+a\s+single|not\s+one|not\s+any|no|zero)"
# A count of events: "more than 150", "only two", "no", "not a single", "a dozen".
COUNT_RE = rf"(?:(?P<cmp>{CMP})\s+)?(?P<num>{NUM})\b|(?P<neg>{NEG})\b"

MONTHS = {m.lower() for m in calendar.month_name if m} | {m.lower() for m in calendar.month_abbr if m} | {"sept"}
WEEKDAYS = {d.lower() for d in calendar.day_name}

# Words that end a party or anchor phrase.
BOUNDARY_WORDS = frozenset(
    "in inside across throughout within since between from during over at on upon by according with after before "
    "until till that which who whom whose where there times occasions when while as than for to near including "
    "mostly mainly most so but or against toward towards amid despite because although though".split())
# Words that make a count hypothetical: not a claim of what happened.
MODAL_RE = re.compile(r"\b(?:will|would|could|might|may|should|shall|if|unless|threaten\w*|vow\w*|plan\w*|"
                      r"intend\w*|expect\w*|warn\w*|promis\w*|pledg\w*|could|would)\b", re.IGNORECASE)
# A reporting clause before the claim ("US officials say", "the Pentagon said that").
REPORTING_RE = re.compile(r"^.*?\b(?:said|says|say|told|tells|reported|reports|announced|added|noted|stated|"
                          r"estimated|estimates|believes?|insisted|acknowledged|confirmed)\s+(?:that\s+)?",
                          re.IGNORECASE)

# A place name as written: capitalised words, with Arabic articles ("al-Asad", "Deir ez-Zor") and numbers ("Tower 22").
_ART = r"(?:(?:al|el|as|ad|an|ar|ash|at|ez|az|ad)[-‐])"
_WORD = rf"(?:{_ART}?[A-Z][\w'’.-]*)"
_DIRECTION = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)"
NAME = rf"(?:(?:the\s+)?{_DIRECTION}?{_WORD}(?:\s+(?:{_WORD}|{_ART}?[a-z]+[-‐][A-Z][\w'’]*|\d+))*)"
# A list of names: an element after a comma must be followed by another comma or by and/or ("Iraq, Syria and
# Jordan"), so that "in Syria, US officials say" stops at Syria.
NAME_LIST = rf"(?:{NAME}(?:\s*,\s*{NAME}(?=\s*,|\s+(?:and|or)\b))*(?:,?\s+(?:and|or)\s+{NAME})?)"


def event_type(word: str) -> str | None:
    """The PLOVER type of an event noun or verb ("attacks", "struck"), or ``None``."""
    w = word.lower().replace(" ", "")
    return EVENT_NOUNS.get(w) or EVENT_VERBS.get(w)


def is_month_or_day(word: str) -> bool:
    return word.lower().strip(".") in MONTHS or word.lower() in WEEKDAYS
