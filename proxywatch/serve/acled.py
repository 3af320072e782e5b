"""proxywatch events as ACLED rows: ACLED's 31 columns, in ACLED's order and vocabulary.

Checked against ACLED's public codebook and column guide (the 2023 column changes: 31 columns from
``event_id_cnty`` to ``timestamp``) and against acledR, ACLED's R package (its readers and transforms
read these columns by name; ``inter1``/``inter2`` are codes 0-8 and ``interaction`` their lowest joint
number). This is proxywatch's data in ACLED's layout, **not ACLED data and not ACLED's coding**.

Every column has one named rule (:data:`COLUMN_RULES`: an id, a purpose, an example, and a test row
in ``tests/serve/test_acled.py``). Rows are built from the flat export rows of
:mod:`proxywatch.serve.export` (the csv columns plus ``published`` and ``updated``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable, Mapping

from proxywatch.analyse.countries import country_name

__all__ = [
    "ACLED_COLUMNS", "EVENT_TYPES", "DISORDER_TYPES", "INTER_CODES", "REGIONS", "REGION_OF", "SubEventRule",
    "SUB_EVENT_RULES", "ColumnRule", "COLUMN_RULES", "AcledContext", "sub_event", "acled_row", "LEFT_OUT_TYPES",
    "time_precision", "inter_code",
]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# ACLED's event types and their sub-event types (codebook, "Event Types and Sub-Event Types").
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
# disorder_type by event type (ACLED: political violence, demonstrations, strategic developments;
# "Political violence; Demonstrations" for violence against demonstrators and mob violence).
DISORDER_TYPES = ("Political violence", "Demonstrations", "Political violence; Demonstrations",
                  "Strategic developments")
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_BOTH = {"Excessive force against protesters", "Mob violence"}

# inter1/inter2: ACLED's actor types; 0 = no actor (inter2 of a one-sided event).
INTER_CODES = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
               6: "Protesters", 7: "Civilians", 8: "External/Other forces"}

# ACLED's regions (acledR's region list), by ISO 3166-1 alpha-3. ACLED mostly follows the UN M49
# sub-regions, with the Middle East, the Caucasus and Central Asia, and South Asia as it groups them.
REGIONS: dict[str, tuple[str, ...]] = {
    "Western Africa": tuple("BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN".split()),
    "Middle Africa": tuple("AGO CMR CAF TCD COG COD GNQ GAB STP".split()),
    "Eastern Africa": tuple("BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE "
                            "IOT ATF".split()),
    "Southern Africa": tuple("BWA SWZ LSO NAM ZAF".split()),
    "Northern Africa": tuple("DZA EGY LBY MAR SDN TUN ESH".split()),
    "South Asia": tuple("AFG BGD BTN IND MDV NPL PAK LKA".split()),
    "Southeast Asia": tuple("BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM".split()),
    "East Asia": tuple("CHN HKG MAC JPN MNG PRK KOR TWN".split()),
    "Middle East": tuple("BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM".split()),
    "Europe": tuple("ALA ALB AND AUT BLR BEL BIH BGR HRV CYP CZE DNK EST FRO FIN FRA DEU GIB GRC GGY HUN ISL IRL "
                    "IMN ITA JEY XKX LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN "
                    "ESP SJM SWE CHE UKR GBR VAT".split()),
    "Caucasus and Central Asia": tuple("ARM AZE GEO KAZ KGZ TJK TKM UZB".split()),
    "Central America": tuple("BLZ CRI SLV GTM HND MEX NIC PAN".split()),
    "South America": tuple("ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN SGS".split()),
    "Caribbean": tuple("AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA "
                       "MAF VCT SXM TTO TCA VIR".split()),
    "North America": tuple("BMU CAN GRL SPM USA".split()),
    "Oceania": tuple("ASM AUS CXR CCK COK FJI PYF GUM HMD KIR MHL FSM NRU NCL NZL NIU NFK MNP PLW PNG PCN WSM "
                     "SLB TKL TON TUV UMI VUT WLF".split()),
    "Antarctica": ("ATA", "BVT"),
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes}

# Types ACLED does not record as events (statements, diplomacy, material cooperation).
LEFT_OUT_TYPES = ("CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                  "SANCTION")
_ARMED = {"military", "armed_group", "state"}
_STATE = {"state", "military", "government"}


# --- sub-event rules: data, first match wins ---------------------------------------------------
@dataclass(frozen=True)
class SubEventRule:
    """When an event matches, its ACLED event and sub-event type."""

    id: str
    purpose: str
    event_type: str
    sub_event_type: str
    test: Callable[[Mapping[str, Any]], bool]


# "shot down", "intercepted", "downed": a force stopped a weapon in flight (ACLED: Disrupted weapons use).
_INTERCEPT = re.compile(r"\b(?:shot|shoot|shoots|shooting)\b(?:\W+\w+){0,6}?\W+down\b|\bintercept\w*|\bdowned\b",
                        re.IGNORECASE)
# A weapon named in the evidence sentence when the record has no mode.
_WEAPON_WORDS = (
    ("air", re.compile(r"\b(?:air ?strikes?|airstrikes?|air raids?|drones?|warplanes?|fighter jets?|jets?|"
                       r"aircraft|bombers?|helicopters?|UAVs?)\b", re.IGNORECASE)),
    ("shelling", re.compile(r"\b(?:rockets?|missiles?|artillery|shell(?:s|ing|ed)?|mortars?|katyushas?)\b",
                            re.IGNORECASE)),
    ("explosive", re.compile(r"\b(?:IEDs?|roadside bombs?|landmines?|mines?|car bombs?|explosive devices?)\b",
                             re.IGNORECASE)),
)


def _mode(row: Mapping[str, Any]) -> str | None:
    return row.get("mode")


def _weapon_in_text(row: Mapping[str, Any]) -> str | None:
    if _mode(row) is not None:
        return None
    text = row.get("evidence") or ""
    return next((kind for kind, pattern in _WEAPON_WORDS if pattern.search(text)), None)


def is_interception(row: Mapping[str, Any]) -> bool:
    """A state force stopped weapons in flight ("a US destroyer shot down three drones")."""
    return (row.get("type") == "ASSAULT" and row.get("actor_kind") in _STATE
            and row.get("target_kind") != "civilians"
            and bool(_INTERCEPT.search(row.get("evidence") or "")))


def _assault(*modes: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda r: r.get("type") == "ASSAULT" and _mode(r) in modes


def _type(name: str, *modes: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda r: r.get("type") == name and (not modes or _mode(r) in modes)


_ER, _VAC, _SD = "Explosions/Remote violence", "Violence against civilians", "Strategic developments"
SUB_EVENT_RULES: tuple[SubEventRule, ...] = (
    SubEventRule("A1", "an interception is disrupted weapons use, not an attack", _SD, "Disrupted weapons use",
                 is_interception),
    SubEventRule("A2", "air and drone strikes", _ER, "Air/drone strike", _assault("aerial", "drone")),
    SubEventRule("A3", "missiles, rockets and artillery", _ER, "Shelling/artillery/missile attack",
                 _assault("missile", "rocket", "artillery")),
    SubEventRule("A4", "bombs and IEDs", _ER, "Remote explosive/landmine/IED", _assault("explosives")),
    SubEventRule("A5", "suicide attacks", _ER, "Suicide bomb", _assault("suicide")),
    SubEventRule("A6", "abductions", _VAC, "Abduction/forced disappearance", _assault("abduction")),
    SubEventRule("A7", "no mode, but the sentence names aircraft or drones", _ER, "Air/drone strike",
                 lambda r: r.get("type") == "ASSAULT" and _weapon_in_text(r) == "air"),
    SubEventRule("A8", "no mode, but the sentence names rockets, missiles or shells", _ER,
                 "Shelling/artillery/missile attack",
                 lambda r: r.get("type") == "ASSAULT" and _weapon_in_text(r) == "shelling"),
    SubEventRule("A9", "no mode, but the sentence names a bomb or IED", _ER, "Remote explosive/landmine/IED",
                 lambda r: r.get("type") == "ASSAULT" and _weapon_in_text(r) == "explosive"),
    SubEventRule("A10", "any other attack on civilians", _VAC, "Attack",
                 lambda r: r.get("type") == "ASSAULT" and r.get("target_kind") == "civilians"),
    SubEventRule("A11", "an armed clash: small arms or unstated weapons against an armed, organised target",
                 "Battles", "Armed clash",
                 lambda r: r.get("type") == "ASSAULT" and _mode(r) in (None, "firearms", "naval", "other")
                 and r.get("target_kind") in _ARMED),
    SubEventRule("P1", "protests (the extractor does not tell whether force was used on them)", "Protests",
                 "Peaceful protest", _type("PROTEST")),
    SubEventRule("C1", "arrests and detentions", _SD, "Arrests", _type("COERCE", "arrest", "detain", "detention")),
    SubEventRule("C2", "seizures", _SD, "Looting/property destruction", _type("COERCE", "seize", "seizure")),
    SubEventRule("C3", "other coercion", _SD, "Other", _type("COERCE")),
    SubEventRule("G1", "agreements", _SD, "Agreement", _type("AGREE")),
    SubEventRule("M1", "mobilisation", _SD, "Change to group/activity", _type("MOBILIZE")),
    SubEventRule("R1", "retreats, releases, ceasefires", _SD, "Other", _type("RETREAT")),
)


def sub_event(row: Mapping[str, Any]) -> SubEventRule | None:
    """The first rule the event matches; ``None``: no ACLED form (see :func:`acled_row`)."""
    return next((rule for rule in SUB_EVENT_RULES if rule.test(row)), None)


# --- helpers the column rules share ------------------------------------------------------------
def _days(row: Mapping[str, Any]) -> int | None:
    start, end = row.get("date_start"), row.get("date_end") or row.get("date_start")
    return None if start is None else (end - start).days + 1


def time_precision(row: Mapping[str, Any]) -> int | None:
    """ACLED's 1 (the day), 2 (a week or so), 3 (a month or longer) from our date and its span."""
    days = _days(row)
    if days is None:
        return None
    if row.get("date_precision") in ("month", "year") or days > 7:
        return 3
    return 1 if days == 1 else 2


def _event_day(row: Mapping[str, Any]) -> date | None:
    """The day: ours when exact, else the middle of our span (ACLED codes a vague date to its midpoint)."""
    start = row.get("date_start")
    if start is None:
        return None
    end = row.get("date_end") or start
    return start + (end - start) / 2 if end > start else start


def country_code(row: Mapping[str, Any], ctx: "AcledContext") -> str | None:
    """Where it happened: the place's country, else the curated gazetteer's for the place name."""
    if "_country" in row:  # computed once per row by acled_row
        return row["_country"]
    if row.get("location_country"):
        return row["location_country"]
    name = row.get("location_name")
    entry = ctx.place(name) if name else None
    return entry.country if entry is not None else None


def _party_country(role: str, row: Mapping[str, Any], ctx: "AcledContext") -> str | None:
    return row.get(f"{role}_country") or country_code(row, ctx)


def _kind(role: str, row: Mapping[str, Any], ctx: "AcledContext") -> str | None:
    """The party's kind; a person takes the kind of the organisation or state they serve."""
    kind = row.get(f"{role}_kind")
    if kind == "person" and row.get(f"{role}_id"):
        return ctx.person_kind(row[f"{role}_id"])
    return kind


def actor_name(role: str, row: Mapping[str, Any], ctx: "AcledContext") -> str:
    """A party's ACLED name: the knowledge-base name, else ACLED's convention for an unnamed party.

    ACLED never leaves ``actor1`` empty: an attacker it cannot name is "Unidentified Armed Group
    (Country)". An unnamed party ("its drones", "the government") is named by kind and country:
    "Military Forces of Iraq", "Government of Iraq", "Civilians (Iraq)", "Protesters (Iraq)";
    anything else unnamed is "Unidentified Armed Group (Country)". Without a country the
    parenthesis is left out.
    """
    if row.get(f"{role}_name"):
        return row[f"{role}_name"]
    code = _party_country(role, row, ctx)
    where = country_name(code) if code else None
    kind = _kind(role, row, ctx)
    if role == "actor" and row.get("type") == "PROTEST":
        return f"Protesters ({where})" if where else "Protesters"
    if kind in ("military", "state") and where:
        return f"Military Forces of {where}"
    if kind == "government" and where:
        return f"Government of {where}"
    if kind == "civilians":
        return f"Civilians ({where})" if where else "Civilians"
    return f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"


def has_actor2(row: Mapping[str, Any]) -> bool:
    return any(row.get(f"target_{f}") for f in ("text", "name", "id"))


def inter_code(role: str, row: Mapping[str, Any], ctx: "AcledContext") -> int:
    """ACLED's actor type from our kind: state forces 1 at home, 8 abroad; armed groups 3; civilians 7.

    Protesters are 6. An armed group is a political militia (3), ACLED's type for unidentified
    armed groups too: proxywatch does not tell rebels (2) or identity militias (4) apart.
    Organisations (the UN, the IAEA) are external/other forces (8). No target: 0.
    """
    if role == "target" and not has_actor2(row):
        return 0
    if role == "actor" and row.get("type") == "PROTEST":
        return 6
    kind = _kind(role, row, ctx)
    if kind in _STATE:
        home, where = row.get(f"{role}_country"), country_code(row, ctx)
        return 8 if home and where and home != where else 1
    if kind == "civilians":
        return 7
    if kind == "organization":
        return 8
    return 3


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two codes as the lowest joint number (13, not 31); a sole actor is 10·code."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def event_id(row: Mapping[str, Any], ctx: "AcledContext") -> str:
    """ACLED's form, country code then digits: IRQ + a number derived from our id (stable across runs)."""
    digest = int(hashlib.blake2b(str(row["id"]).encode("utf-8"), digest_size=6).hexdigest(), 16)
    return f"{country_code(row, ctx) or 'XXX'}{digest}"


def _admin1(row: Mapping[str, Any], ctx: "AcledContext") -> str | None:
    if row.get("location_admin1"):
        return row["location_admin1"]
    if row.get("location_precision") == "admin1":
        return row.get("location_name")
    entry = ctx.place(row["location_name"]) if row.get("location_name") else None
    return entry.admin1 if entry is not None else None


# ACLED's geo_precision: 1 the named town or site, 2 part of a region / near a town, 3 a larger area.
GEO_PRECISION = {"site": 1, "city": 1, "region": 2, "admin1": 3, "country": 3, "sea": 3}


def _source(row: Mapping[str, Any]) -> str:
    names = list(row.get("source_names") or [])
    if not names:  # no outlet name: the reporting sites' host names
        names = sorted({re.sub(r"^www\.", "", u.split("/")[2]) for u in row.get("urls") or [] if "//" in u})
    return "; ".join(names)


def _tags(row: Mapping[str, Any]) -> str:
    """ACLED-style ``key=value`` tags: our id, the sponsors, and a date ACLED's 1-3 cannot express."""
    tags = [f"proxywatch id={row['id']}"]
    for role, label in (("actor", "actor1"), ("target", "actor2")):
        if row.get(f"{role}_sponsors"):
            tags.append(f"{label} sponsored by=" + ", ".join(country_name(c) for c in row[f"{role}_sponsors"]))
    if row.get("date_precision") in ("year", "range", "month", "week"):
        tags.append(f"date precision={row['date_precision']} {row['date_start']}..{row.get('date_end')}")
    return "; ".join(tags)


def _timestamp(row: Mapping[str, Any]) -> int | None:
    updated = row.get("updated")
    if updated is None:
        return None
    if isinstance(updated, datetime):
        return int(updated.replace(tzinfo=updated.tzinfo or timezone.utc).timestamp())
    return int(updated)


# --- the 31 column rules ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ColumnRule:
    column: str
    id: str
    purpose: str
    example: str
    value: Callable[[Mapping[str, Any], "AcledContext", SubEventRule], Any]


def _numeric_iso(code: str | None) -> int | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code) if code else None
    return int(country.numeric) if country is not None else None


COLUMN_RULES: tuple[ColumnRule, ...] = (
    ColumnRule("event_id_cnty", "ID", "ACLED's id form: country code + digits, stable for our event id",
               "IRQ138442218563", lambda r, c, s: event_id(r, c)),
    ColumnRule("event_date", "DATE", "the day, or the middle of a vaguer span (ACLED's convention), YYYY-MM-DD",
               "2024-01-28", lambda r, c, s: _event_day(r).isoformat()),
    ColumnRule("year", "YEAR", "the year of event_date", "2024", lambda r, c, s: _event_day(r).year),
    ColumnRule("time_precision", "TP", "1 a day, 2 up to a week, 3 a month or longer (year-only dates too)", "1",
               lambda r, c, s: time_precision(r)),
    ColumnRule("disorder_type", "DIS", "from the event type (codebook)", "Political violence",
               lambda r, c, s: ("Political violence; Demonstrations" if s.sub_event_type in _BOTH
                                else _DISORDER[s.event_type])),
    ColumnRule("event_type", "ET", "the sub-event rule's event type", "Explosions/Remote violence",
               lambda r, c, s: s.event_type),
    ColumnRule("sub_event_type", "SET", "the first sub-event rule that matches", "Air/drone strike",
               lambda r, c, s: s.sub_event_type),
    ColumnRule("actor1", "A1", "the actor's name; never empty (Unidentified Armed Group (Country))",
               "Islamic Resistance in Iraq", lambda r, c, s: actor_name("actor", r, c)),
    ColumnRule("assoc_actor_1", "AA1", "empty: proxywatch records no associated actors (sponsors go to tags)", "",
               lambda r, c, s: None),
    ColumnRule("inter1", "I1", "actor type code from the actor's kind", "3", lambda r, c, s: inter_code("actor", r, c)),
    ColumnRule("actor2", "A2", "the target's name, empty when there is none", "United States Armed Forces",
               lambda r, c, s: actor_name("target", r, c) if has_actor2(r) else None),
    ColumnRule("assoc_actor_2", "AA2", "empty, as assoc_actor_1", "", lambda r, c, s: None),
    ColumnRule("inter2", "I2", "the target's type code, 0 without a target", "8",
               lambda r, c, s: inter_code("target", r, c)),
    ColumnRule("interaction", "INT", "the two codes as their lowest joint number", "38",
               lambda r, c, s: interaction(inter_code("actor", r, c), inter_code("target", r, c))),
    ColumnRule("civilian_targeting", "CT", "'Civilian targeting' when violence targets civilians",
               "Civilian targeting",
               lambda r, c, s: "Civilian targeting" if r.get("target_kind") == "civilians"
               and _DISORDER[s.event_type] == "Political violence" else None),
    ColumnRule("iso", "ISO", "ISO 3166-1 numeric code of the country", "368",
               lambda r, c, s: _numeric_iso(country_code(r, c))),
    ColumnRule("region", "REG", "ACLED's region of the country", "Middle East",
               lambda r, c, s: REGION_OF.get(country_code(r, c) or "")),
    ColumnRule("country", "CTRY", "the country's short name (ACLED's spelling)", "Iraq",
               lambda r, c, s: country_name(country_code(r, c))),
    ColumnRule("admin1", "ADM1", "the place's first-level division, from the record or the curated gazetteer",
               "Anbar", lambda r, c, s: _admin1(r, c)),
    ColumnRule("admin2", "ADM2", "empty: proxywatch's gazetteer has no second-level divisions", "",
               lambda r, c, s: None),
    ColumnRule("admin3", "ADM3", "empty, as admin2", "", lambda r, c, s: None),
    ColumnRule("location", "LOC", "the place's name, else the country's", "Tower 22",
               lambda r, c, s: r.get("location_name") or country_name(country_code(r, c))),
    ColumnRule("latitude", "LAT", "the place's latitude (empty when only an area is known)", "33.32",
               lambda r, c, s: r.get("lat")),
    ColumnRule("longitude", "LON", "the place's longitude", "38.69", lambda r, c, s: r.get("lon")),
    ColumnRule("geo_precision", "GEO", "site/city 1, region 2, admin1/country/sea 3; no place 3", "1",
               lambda r, c, s: GEO_PRECISION.get(r.get("location_precision") or "country", 3)),
    ColumnRule("source", "SRC", "the reporting outlets, '; '-separated (their sites when unnamed)",
               "Paper Two; Wire One", lambda r, c, s: _source(r)),
    ColumnRule("source_scale", "SCALE", "empty: proxywatch does not know its sources' scale", "",
               lambda r, c, s: None),
    ColumnRule("notes", "NOTES", "the evidence sentence (the earliest report's, for a merged event)",
               "A militia drone hit ...", lambda r, c, s: r.get("evidence")),
    ColumnRule("fatalities", "FAT", "the lowest reported figure, 0 when none", "3",
               lambda r, c, s: r.get("fatalities_low") or 0),
    ColumnRule("tags", "TAGS", "key=value tags: our id, sponsors, a date vaguer than ACLED's precision",
               "proxywatch id=c1; actor1 sponsored by=Iran", lambda r, c, s: _tags(r)),
    ColumnRule("timestamp", "TS", "Unix time the record last changed (latest ingest of its articles)",
               "1706486400", lambda r, c, s: _timestamp(r)),
)
assert tuple(rule.column for rule in COLUMN_RULES) == ACLED_COLUMNS


class AcledContext:
    """What the rules look up: curated places (country, admin1) and the kind a person serves."""

    def __init__(self, kb: Any = None) -> None:
        self._kb = kb
        self._places: dict[str, Any] = {}
        self._normalize: Callable[[str], str] = str

    def _knowledge(self) -> Any:
        if self._kb is None:
            from proxywatch.resolve.kb import load_kb

            self._kb = load_kb()
        return self._kb

    def place(self, name: str) -> Any:
        """The curated gazetteer entry named ``name`` (or with it as an alias), else ``None``."""
        if not self._places:
            from proxywatch.resolve.names import normalize

            self._normalize = normalize
            for entry in self._knowledge().gazetteer.curated:
                for alias in (entry.name, *entry.aliases):
                    self._places.setdefault(normalize(alias), entry)
        return self._places.get(self._normalize(name))

    def person_kind(self, actor_id: str) -> str | None:
        """The kind of the first non-person up a person's chain of posts ("Khamenei" -> state)."""
        kb = self._knowledge()
        actor = kb.actors.get(actor_id)
        for link in kb.chain(actor) if actor is not None else ():
            if link.kind != "person":
                return link.kind
        return None


def acled_row(row: Mapping[str, Any], ctx: AcledContext) -> tuple[list[Any] | None, str | None]:
    """The ACLED row for one event, or ``(None, reason)`` when the event has no ACLED form."""
    if row.get("type") in LEFT_OUT_TYPES:
        return None, "type"
    rule = sub_event(row)
    if rule is None:
        return None, "form"
    if row.get("date_start") is None:
        return None, "date"
    code = country_code(row, ctx)
    if not code:
        return None, "country"
    row = {**row, "_country": code}
    return [col.value(row, ctx, rule) for col in COLUMN_RULES], None
