"""proxywatch events as PLOVER records (JSON) and POLECAT-style rows (TSV).

Written from the current PLOVER manual (openeventdata/PLOVER, ``PLOVER_MANUAL``, draft 0.8, 2021:
chapters "Event Categories", "Actor and Sector Codes" and "Data Fields"). What it prescribes and
this module follows:

* the record: ``id``, ``date`` (YYYY-MM-DD), ``source`` and ``recipient`` (lists of actor objects),
  ``event`` (a list of categories) required as the manual marks them; ``mode`` and ``context`` are
  *lists*; ``event_loc`` is a location object with GeoNames' field names (``"country code"`` alpha-2,
  ``cc3`` alpha-3, ``"feature class"``); ``quad_code`` 1-4 and ``event_scale`` (the manual's PLOVER
  scores); ``dead``/``injured`` for ASSAULT; ``cite_info`` a citation object;
* the actor object: ``code`` (ISO alpha-3, or IGO/NGO/ISM/IMG/MNC), ``sector`` (the manual's primary
  sector codes), ``actor_text`` (the words in the article), ``identifier_id`` (a Wikidata id) and
  ``identifier_text`` (its canonical name);
* the vocabularies: the 16 categories of 0.8 (the contract's REQUEST is 0.8's DEMAND: "all demands
  and orders"; the manual dropped appeals), each category's modes, the contexts including the special
  ``future``/``hypothetical``/``negation``.

The JSON Schema ``plover.schema.json`` beside this module encodes the same manual, and the tests
validate every exported record against it. The POLECAT-style TSV has the 40 columns of the POLECAT
data set's tab-separated files (Event ID … Version).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from proxywatch.analyse.countries import country_names

__all__ = [
    "PLOVER_CATEGORIES", "CATEGORY_OF", "PLOVER_MODES", "MODE_MAP", "QUAD", "PLOVER_SCORES", "SECTORS",
    "NON_STATE_CODES", "CONTEXT_OF_STATUS", "plover_schema", "plover_record", "POLECAT_COLUMNS", "polecat_row",
    "PloverContext",
]

PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# contract type -> PLOVER 0.8 category (REQUEST: the manual's DEMAND covers demands and calls)
CATEGORY_OF = {**{c: c for c in PLOVER_CATEGORIES}, "REQUEST": "DEMAND"}

# Each category's modes in the manual (tables "… modes"); categories with none take no mode.
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "DEMAND": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "general", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"),
    "ASSAULT": ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "heavy-weapons", "cleansing", "massacre", "unconventional", "sideAB"),
}
# Our modes that PLOVER names differently (contract section 2 -> the manual). Aircraft, drones,
# missiles, rockets and artillery are crew-served weapons ("heavy-weapons"); PLOVER has no mode for
# naval attacks or "other": those records carry no PLOVER mode (ours stays in the extension object).
MODE_MAP: dict[tuple[str, str], str] = {
    **{("ASSAULT", m): "heavy-weapons" for m in ("aerial", "drone", "missile", "rocket", "artillery")},
    ("ASSAULT", "suicide"): "suicide-attack", ("ASSAULT", "abduction"): "abduct",
    ("COERCE", "detain"): "arrest", ("COERCE", "detention"): "arrest",
    ("COERCE", "seize"): "confiscate", ("COERCE", "seizure"): "confiscate",
}
QUAD = {**{c: 1 for c in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")}, **{c: 2 for c in ("COOPERATE", "AID", "RETREAT")},
        **{c: 3 for c in ("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN")},
        **{c: 4 for c in ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT")}}
# The manual's "PLOVER conflict-cooperation scores" (event_scale).
PLOVER_SCORES = {"ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
                 "THREATEN": -5.1, "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1, "AGREE": 4.2,
                 "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4, "RETREAT": 7.6}
SECTORS = ("GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF", "CVL", "BUS", "EDU", "MED",
           "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM")
NON_STATE_CODES = ("IGO", "NGO", "ISM", "IMG", "MNC")
# our kind -> the manual's sector; an unnamed armed group is "unidentified armed forces"
_SECTOR = {"military": "MIL", "government": "GOV", "state": "GOV", "civilians": "CVL"}
# special contexts of the manual for our statuses and negation
CONTEXT_OF_STATUS = {"planned": "future", "hypothetical": "hypothetical", "threatened": "hypothetical"}
# GeoNames feature classes for our place precision
_FEATURE_CLASS = {"site": "S", "city": "P", "admin1": "A", "country": "A", "region": "L", "sea": "H"}
CODEBOOK = "PLOVER 0.8 (proxywatch.event/1 mapped; see docs/exports.md)"


@lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a PLOVER record, written from the manual (``plover.schema.json``)."""
    text = (resources.files("proxywatch.serve") / "plover.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


class PloverContext:
    """Knowledge-base look-ups the mapping needs: Wikidata ids, and the kind a person serves."""

    def __init__(self, kb: Any = None) -> None:
        self._kb = kb

    def _knowledge(self) -> Any:
        if self._kb is None:
            from proxywatch.resolve.kb import load_kb

            self._kb = load_kb()
        return self._kb

    def wikidata(self, actor_id: str | None) -> str | None:
        actor = self._knowledge().actors.get(actor_id) if actor_id else None
        return actor.wikidata if actor is not None else None

    def kind(self, actor_id: str | None, kind: str | None) -> str | None:
        if kind != "person" or not actor_id:
            return kind
        kb = self._knowledge()
        actor = kb.actors.get(actor_id)
        return next((a.kind for a in (kb.chain(actor) if actor else ()) if a.kind != "person"), None)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def modes(row: Mapping[str, Any]) -> list[str]:
    """The record's mode as a list in the manual's vocabulary for its category (empty when none fits)."""
    category, mode = CATEGORY_OF.get(row["type"], row["type"]), row.get("mode")
    if not mode:
        return []
    mapped = MODE_MAP.get((row["type"], mode), mode)
    return [mapped] if mapped in PLOVER_MODES.get(category, ()) else []


def _sector(row: Mapping[str, Any], role: str, ctx: PloverContext) -> str | None:
    kind = ctx.kind(row.get(f"{role}_id"), row.get(f"{role}_kind"))
    if kind == "armed_group" and not row.get(f"{role}_id"):
        return "UAF"  # an armed group the knowledge base does not know: "unknown gunmen"
    return _SECTOR.get(kind or "")


def _code(row: Mapping[str, Any], role: str, ctx: PloverContext) -> str | None:
    if row.get(f"{role}_country"):
        return row[f"{role}_country"]
    kind = ctx.kind(row.get(f"{role}_id"), row.get(f"{role}_kind"))
    if kind == "organization" and row.get(f"{role}_id"):
        return "IGO"  # a known international body without a home state (the UN, the IAEA)
    if kind == "armed_group" and row.get(f"{role}_id"):
        return "IMG"  # a known armed group without a home state: transnational militarized group
    return None


def actor_object(row: Mapping[str, Any], role: str, ctx: PloverContext) -> dict[str, Any]:
    return {"code": _code(row, role, ctx), "sector": _sector(row, role, ctx), "actor_text": row.get(f"{role}_text"),
            "identifier_id": ctx.wikidata(row.get(f"{role}_id")), "identifier_text": row.get(f"{role}_name")}


def _has(row: Mapping[str, Any], role: str) -> bool:
    return any(row.get(f"{role}_{f}") for f in ("text", "id", "name"))


def sources(row: Mapping[str, Any], ctx: PloverContext) -> list[dict[str, Any]]:
    """The source actors; an ASSAULT whose attacker is not named has an unidentified armed force (UAF)."""
    if _has(row, "actor"):
        return [actor_object(row, "actor", ctx)]
    if row["type"] == "ASSAULT":
        return [{"code": row.get("location_country"), "sector": "UAF", "actor_text": None, "identifier_id": None,
                 "identifier_text": None}]
    return []


def event_loc(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """GeoNames-keyed location object; ``None`` when no place is known."""
    if not (row.get("location_name") or row.get("location_country") or row.get("lat") is not None):
        return None
    alpha2 = country_names()[1].get(row.get("location_country") or "")
    loc = {"name": row.get("location_name"), "latitude": row.get("lat"), "longitude": row.get("lon"),
           "feature class": _FEATURE_CLASS.get(row.get("location_precision") or ""),
           "country code": alpha2, "cc3": row.get("location_country")}
    return {k: v for k, v in loc.items() if v is not None}


def contexts(row: Mapping[str, Any]) -> list[str]:
    out = [CONTEXT_OF_STATUS[row["status"]]] if row.get("status") in CONTEXT_OF_STATUS else []
    return out + (["negation"] if row.get("negated") else [])


def plover_record(row: Mapping[str, Any], ctx: PloverContext) -> dict[str, Any]:
    """One PLOVER record (the row must have a start date: the manual requires ``date``)."""
    category = CATEGORY_OF[row["type"]]
    record: dict[str, Any] = {
        "id": row["id"], "has_event": True, "date": _iso(row["date_start"]), "enddate": _iso(row.get("date_end")),
        "source": sources(row, ctx),
        "recipient": [actor_object(row, "target", ctx)] if _has(row, "target") else [],
        "event": [category], "mode": modes(row), "context": contexts(row), "quad_code": QUAD[category],
        "event_scale": PLOVER_SCORES[category], "event_loc": event_loc(row),
        "event_text": [row["evidence"]] if row.get("evidence") else [],
        "cite_info": {"url": (row.get("urls") or [None])[0], "publication": (row.get("source_names") or [None])[0],
                      "coder": "proxywatch", "codebook": CODEBOOK},
        "coder": "proxywatch", "coded_date": _iso(row["updated"].date()) if row.get("updated") else None,
    }
    if category == "ASSAULT":
        record["dead"], record["injured"] = row.get("fatalities_best"), row.get("injuries_best")
    record["proxywatch"] = {
        "type": row["type"], "mode": row.get("mode"), "status": row.get("status"), "negated": row.get("negated"),
        "date_precision": row.get("date_precision"),
        "actor": _ours(row, "actor"), "target": _ours(row, "target"),
        "location": {"precision": row.get("location_precision"), "admin1": row.get("location_admin1")},
        "fatalities": {"low": row.get("fatalities_low"), "best": row.get("fatalities_best"),
                       "high": row.get("fatalities_high")},
        "injuries": {"low": row.get("injuries_low"), "best": row.get("injuries_best"),
                     "high": row.get("injuries_high")},
        "aggregate": None if row.get("aggregate_min") is None and row.get("aggregate_max") is None
        else {"min": row.get("aggregate_min"), "max": row.get("aggregate_max")},
        "mentions": row.get("mentions"), "sources": row.get("sources"), "article_ids": list(row.get("article_ids") or []),
        "urls": list(row.get("urls") or []), "confidence": row.get("confidence"),
    }
    return {k: v for k, v in record.items() if v is not None}


def _ours(row: Mapping[str, Any], role: str) -> dict[str, Any] | None:
    if not _has(row, role):
        return None
    return {"kb_id": row.get(f"{role}_id"), "kind": row.get(f"{role}_kind"),
            "sponsors": list(row.get(f"{role}_sponsors") or [])}


# --- POLECAT-style rows ----------------------------------------------------------------------------
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)


def polecat_row(row: Mapping[str, Any], ctx: PloverContext, version: str) -> list[Any]:
    """The PLOVER record flattened into POLECAT's 40 columns (lists ``;``-joined)."""
    record = plover_record(row, ctx)
    actor = (record["source"] or [{}])[0]
    target = (record["recipient"] or [{}])[0]
    loc = record.get("event_loc") or {}
    city = loc.get("name") if row.get("location_precision") in ("city", "site") else None

    def party(obj: Mapping[str, Any]) -> list[Any]:
        return [obj.get("identifier_text"), obj.get("code"), None, obj.get("sector"), obj.get("sector"), None,
                obj.get("actor_text"), obj.get("identifier_id")]

    return [record["id"], record["date"], record["event"][0], ";".join(record["mode"]), record["event_scale"],
            record["quad_code"], ";".join(record["context"]), *party(actor), *party(target), loc.get("name"), city,
            None, row.get("location_admin1"), loc.get("cc3"), loc.get("latitude"), loc.get("longitude"), None,
            row.get("location_name"), loc.get("feature class"), "; ".join(row.get("source_names") or []),
            _iso(row.get("published")), None, None, None, "en", version]
