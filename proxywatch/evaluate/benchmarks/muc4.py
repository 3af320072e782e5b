"""MUC-4 (GTT preprocessing plus the 1992 raw answer keys): document-level terrorist incidents.

Splits: ``train`` = processed/train.json (DEV-MUC3-*), ``dev`` = processed/dev.json (TST1, TST2)
with raw keys key-tst1.v7 / key-tst2.v4 and texts tst1-muc3 / tst2-muc4, ``test`` = processed/test.json
(TST3, TST4) with their raw keys; test is for reporting only.

MUC templates have no trigger or sentence, so the gold is a document with ``incidents`` rather
than anchored events, and :func:`score_documents` scores a document-level variant.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Mapping, Sequence

from proxywatch.evaluate.benchmarks._common import Dataset, dataset_dir, mode_from_instrument, overlaps, prf

__all__ = ["DATASET", "convert", "score_documents", "parse_key_file", "parse_raw_texts"]

_RAW = {
    "dev": (("key-tst1.v7", "tst1-muc3"), ("key-tst2.v4", "tst2-muc4")),
    "test": (("key-tst3.v2", "tst3-muc4"), ("key-tst4.v2", "tst4-muc4")),
}
_ASSAULT_KINDS = {"attack": None, "bombing": "explosives", "kidnapping": "abduction", "arson": "other"}
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


# --- raw answer keys ---------------------------------------------------------------------

_SLOT = re.compile(r"^(\d+)\.\s+\S.*?(?:\s{2,}(.*))?$")  # "21. HUM TGT: NUMBER    1: \"CEREZO\""


def parse_key_file(path: Path) -> dict[str, list[dict[int, list[str]]]]:
    """Templates per message id: ``{slot number: [fill lines]}``; irrelevant ("*") blocks are left out."""
    templates: dict[str, list[dict[int, list[str]]]] = defaultdict(list)
    text = path.read_text(encoding="latin-1")
    for block in re.split(r"\n(?=0\.\s+MESSAGE: ID)", text):
        slots: dict[int, list[str]] = defaultdict(list)
        current = None
        for line in block.split("\n"):
            match = _SLOT.match(line)
            if match:
                current = int(match.group(1))
                slots[current].append((match.group(2) or "").strip())
            elif current is not None and line.strip() and not line.startswith(";"):
                slots[current].append(line.strip())
        if 0 in slots and slots.get(1) and slots[1][0] != "*":
            templates[slots[0][0]].append(dict(slots))
    return templates


def parse_raw_texts(path: Path) -> dict[str, str]:
    """Publication date (ISO) per message id, from datelines such as ``SAN SALVADOR, 3 FEB 90 (DPA) --``."""
    dates: dict[str, str] = {}
    text = path.read_text(encoding="latin-1")
    parts = re.split(r"^([A-Z0-9]+-MUC\d-\d{4})\s*$", text, flags=re.M)
    for doc_id, body in zip(parts[1::2], parts[2::2]):
        dateline = body.lstrip()[:400].split("--", 1)[0]
        match = re.search(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) (\d{2})\b", dateline)
        if match:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], 1900 + int(match.group(3))
            dates[doc_id] = f"{year:04d}-{month:02d}-{day:02d}"
    return dates


def _fill_pairs(lines: Sequence[str]) -> list[tuple[str, str]]:
    """``VALUE: "WHO" / "WHO2"`` lines as (value, who) pairs."""
    pairs = []
    for line in lines:
        match = re.match(r'^(.*?):\s*(".*)$', line)
        if match:
            pairs.append((match.group(1).strip(), match.group(2).strip()))
    return pairs


def _casualties(slots: Mapping[int, list[str]], effect: str) -> dict[str, int] | None:
    """People killed (``DEATH``) or wounded (``INJURY``) in one template, when the key makes it exact.

    Sums HUM TGT NUMBER over the human targets whose EFFECT OF INCIDENT is ``effect``. Gives None when
    no target has that effect, when a count is not a plain number (PLURAL, ~70, 5/6, ranges) or when
    the effect is optional ("? DEATH") or one of several alternatives, or when the sum exceeds
    HUM TGT TOTAL NUMBER.
    """
    numbers: dict[str, str] = {}
    for value, who in _fill_pairs(slots.get(21, [])):
        numbers[who] = "" if who in numbers else value  # a target counted twice is ambiguous
    total, found = 0, False
    for value, who in _fill_pairs(slots.get(23, [])):
        options = [o.strip() for o in value.split("/")]
        if not any(o.lstrip("? ").strip() == effect for o in options):
            continue
        if value.startswith("?") or len(options) > 1:
            return None
        count = numbers.get(who, "")
        if not count.isdigit():
            return None
        total += int(count)
        found = True
    overall = (slots.get(24) or ["-"])[0]
    if overall.isdigit() and total > int(overall):
        return None  # targets overlap (e.g. 107 "VICTIMS" and 5 "INFORMERS" among them)
    return {"min": total, "max": total} if found else None


def _instrument_types(slots: Mapping[int, list[str]]) -> list[str]:
    return [line.split(":")[0].strip() for line in slots.get(7, []) if line not in ("-", "*")]


# --- conversion --------------------------------------------------------------------------


def _strings(entities: Sequence[Sequence[Sequence[Any]]]) -> list[str]:
    seen: list[str] = []
    for entity in entities:
        for mention, _offset in entity:
            if mention not in seen:
                seen.append(mention)
    return seen


def _contract_type(incident_type: str) -> str | None:
    kinds = [k.strip() for k in incident_type.split("/")]
    if any(k in _ASSAULT_KINDS for k in kinds):
        return "ASSAULT"
    if "forced work stoppage" in kinds:
        return "COERCE"
    return None  # robbery: no contract type


def _incident(template: Mapping[str, Any], raw: Mapping[int, list[str]] | None) -> dict[str, Any]:
    incident_type = template["incident_type"]
    incident: dict[str, Any] = {
        "type": _contract_type(incident_type),
        "incident_type": incident_type,
        "perpetrator_org": _strings(template.get("PerpOrg", [])),
        "perpetrator_ind": _strings(template.get("PerpInd", [])),
        "targets": _strings(template.get("Target", [])),
        "victims": _strings(template.get("Victim", [])),
        "weapons": _strings(template.get("Weapon", [])),
    }
    if incident["type"] == "ASSAULT":
        kinds = {k.strip() for k in incident_type.split("/")}
        if len(kinds) == 1 and _ASSAULT_KINDS.get(next(iter(kinds))):
            incident["mode"] = _ASSAULT_KINDS[next(iter(kinds))]
        elif kinds == {"attack"}:
            mode = mode_from_instrument(_instrument_types(raw) if raw else incident["weapons"])
            if mode:
                incident["mode"] = mode
    if raw is not None:
        stage = raw.get(5, ["-"])[0]
        incident["stage"] = stage
        if "(OPTIONAL)" in raw[1][0]:
            incident["optional"] = True
        if stage == "THREATENED":
            incident["type"] = "THREATEN"
            incident.pop("mode", None)
        for field, effect in (("fatalities", "DEATH"), ("injuries", "INJURY")):
            count = _casualties(raw, effect)
            if count:
                incident[field] = count
    return incident


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    base = dataset_dir(data_dir, "muc4")
    raw_templates: dict[str, list[dict[int, list[str]]]] = {}
    published: dict[str, str] = {}
    for key_name, text_name in _RAW.get(split, ()):
        raw_templates.update(parse_key_file(base / "raw_keys" / key_name))
        published.update(parse_raw_texts(base / "raw_keys" / text_name))
    docs = []
    with open(base / "processed" / f"{split}.json", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            templates = record["templates"]
            raw = raw_templates.get(record["docid"])
            if raw is not None and [r[4][0].lower() for r in raw] != [t["incident_type"] for t in templates]:
                raw = None  # keys and processed file disagree: use the processed file alone
            doc: dict[str, Any] = {"id": record["docid"], "text": record["doctext"]}
            if record["docid"] in published:
                doc["published"] = published[record["docid"]]
            doc["scored_types"] = []
            doc["events"] = []
            doc["incidents"] = [_incident(t, raw[i] if raw else None) for i, t in enumerate(templates)]
            docs.append(doc)
    return docs


# --- document-level scoring --------------------------------------------------------------


def _assaults(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Reported attacks: not negated, and not planned, threatened, denied or hypothetical."""
    return [e for e in events if e.get("type") == "ASSAULT" and not e.get("negated")
            and e.get("status", "occurred") == "occurred"]


def _party_texts(event: Mapping[str, Any], role: str) -> list[str]:
    party = event.get(role)
    if not isinstance(party, Mapping):
        return []
    return [party[k] for k in ("text", "name") if isinstance(party.get(k), str) and party[k]]


def _any_overlap(predicted: Sequence[str], gold: Sequence[str]) -> bool:
    return any(overlaps(p, g) for p in predicted for g in gold)


def _share(hit: int, total: int) -> dict[str, Any]:
    return {"matched": hit, "total": total, "accuracy": round(hit / total, 4) if total else None}


def score_documents(gold_docs: Sequence[Mapping[str, Any]],
                    predictions_by_doc: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """Document-level MUC-4 score of predicted contract events (see ``DATASET.cannot_score``)."""
    tp = fp = fn = tn = neutral = 0
    perp_hit = perp_total = target_hit = target_total = fat_hit = fat_total = 0
    for doc in gold_docs:
        preds = _assaults(predictions_by_doc.get(doc["id"], ()))
        incidents = doc.get("incidents") or []
        assault = [i for i in incidents if i.get("type") == "ASSAULT"]
        required = [i for i in assault if not i.get("optional")]
        if not required:
            if incidents:
                neutral += 1
            elif preds:
                fp += 1
            else:
                tn += 1
            continue
        if not preds:
            fn += 1
            continue
        tp += 1
        # A field is checked when a required incident gives it; an optional incident's mentions are
        # accepted as answers but never make a check (missing an optional incident costs nothing).
        if any(i.get("perpetrator_org") for i in required):
            perp_total += 1
            orgs = [s for i in assault for s in i.get("perpetrator_org", [])]
            perp_hit += _any_overlap([t for e in preds for t in _party_texts(e, "actor")], orgs)
        if any(i.get("targets") or i.get("victims") for i in required):
            target_total += 1
            targets = [s for i in assault for s in i.get("targets", []) + i.get("victims", [])]
            target_hit += _any_overlap([t for e in preds for t in _party_texts(e, "target")], targets)
        predicted_counts = [e.get("fatalities") for e in preds if isinstance(e.get("fatalities"), Mapping)]
        for incident in required:
            gold = incident.get("fatalities")
            if gold:
                fat_total += 1
                fat_hit += any(p.get("min") == gold["min"] and p.get("max") == gold["max"]
                               for p in predicted_counts)
    return {
        "documents": len(gold_docs),
        "detection": {**prf(tp, fp, fn), "tn": tn, "neutral": neutral},
        "perpetrator_org": _share(perp_hit, perp_total),
        "target": _share(target_hit, target_total),
        "fatalities": _share(fat_hit, fat_total),
    }


CANNOT_SCORE = (
    "MUC-4 templates are document-level with no trigger or sentence, so nothing is anchored: the "
    "converter gives documents with `incidents` (and empty `events`/`scored_types`, so the contract "
    "scorer skips them) and `score_documents` scores a document-level variant instead. Detection: a "
    "document with at least one non-optional ASSAULT incident (attack, bombing, kidnapping, arson or a "
    "combined label) is a true positive when proxywatch emits any ASSAULT event in it that is not negated and has status occurred and a "
    "false negative otherwise; ASSAULT in a document with no template at all is a false positive; a "
    "document whose templates are all OPTIONAL, robbery (no contract type), forced work stoppage "
    "(COERCE) or, in the raw keys, STAGE OF EXECUTION = THREATENED (THREATEN) is neutral. Because MUC "
    "leaves out guerrilla-versus-army clashes, old and generic incidents, some of these 'false "
    "positives' are real uses of force, so precision is a lower bound. In true-positive documents "
    "three fields are checked, each only when a non-optional incident gives it (an OPTIONAL incident's "
    "mentions are accepted answers but never make a check): perpetrator organisation (any predicted "
    "ASSAULT actor text or name containing, or contained in, any gold PerpOrg mention, whole words, "
    "ignoring case and accents), target (the same against PHYS TGT and HUM TGT mentions) and "
    "fatalities (per non-optional incident, some predicted ASSAULT has min and max equal to the "
    "count). Fatalities and injuries come only from the raw keys (dev and test), summed over "
    "DEATH/INJURY human targets and given only when every count is a plain number; the train split "
    "has none, nor stage, OPTIONAL marks or publication dates (parsed from the raw datelines). The "
    "text is the lower-cased GTT `doctext`. Not scorable: anchors and evidence, actor/target "
    "country, kind and sponsors, location, date, negated, status, aggregate and every type but "
    "ASSAULT; one template may span several sentences."
)

DATASET = Dataset(
    name="muc4",
    splits=("train", "dev", "test"),
    level="document",
    convert=convert,
    scores=("type", "actor.text", "target.text", "fatalities"),
    cannot_score=CANNOT_SCORE,
    test_only=False,
    score=score_documents,
)
