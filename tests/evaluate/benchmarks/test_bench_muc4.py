"""MUC-4 converter and document-level scorer, on invented files in the GTT and 1992 key formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proxywatch.evaluate.benchmarks import muc4

BENCH = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks"

SLOT_NAMES = (
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION", "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID", "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID", "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE",
    "PHYS TGT: ID", "PHYS TGT: TYPE", "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION",
    "PHYS TGT: EFFECT OF INCIDENT", "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME", "HUM TGT: DESCRIPTION",
    "HUM TGT: TYPE", "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION", "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
)


def key_block(doc_id: str, template: str, fills: dict[int, list[str]] | None = None) -> str:
    """One key block in the 1992 layout: ``N.  SLOT NAME`` padded to column 36, continuation lines indented."""
    fills = dict(fills or {})
    fills.setdefault(0, [doc_id])
    fills.setdefault(1, [template])
    lines = []
    for number, name in enumerate(SLOT_NAMES):
        values = fills.get(number, ["*" if template == "*" else "-"])
        lines.append(f"{f'{number}.':<4}{name:<32}{values[0]}")
        lines += [" " * 36 + extra for extra in values[1:]]
    return "\n".join(lines) + "\n"


def processed_doc(doc_id: str, text: str, templates: list[dict]) -> str:
    return json.dumps({"docid": doc_id, "doctext": text, "templates": templates})


def template(kind: str, **roles: list[str]) -> dict:
    out: dict = {"incident_type": kind, "PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}
    for role, mentions in roles.items():
        out[role] = [[[m, 0]] for m in mentions]
    return out


@pytest.fixture()
def muc_dir(tmp_path: Path) -> Path:
    base = tmp_path / "muc4"
    (base / "processed").mkdir(parents=True)
    (base / "raw_keys").mkdir()
    dev_docs = [
        processed_doc("TST1-MUC3-0001", "gunmen of the red hand front shot two guards and wounded the mayor.", [
            template("attack", PerpOrg=["red hand front"], Victim=["guards", "mayor"], Weapon=["rifles"]),
        ]),
        processed_doc("TST1-MUC3-0002", "the assembly debated the budget.", []),
        processed_doc("TST2-MUC4-0001", "a bomb damaged a bridge; rebels threatened the judges.", [
            template("bombing", Target=["bridge"]),
            template("attack", Victim=["judges"]),
        ]),
        processed_doc("TST2-MUC4-0002", "thieves took cattle from a farm.", [template("robbery")]),
        processed_doc("TST2-MUC4-0003", "the key and this file disagree.", [template("kidnapping")]),
    ]
    (base / "processed" / "dev.json").write_text("\n".join(dev_docs) + "\n", encoding="utf-8")
    (base / "processed" / "train.json").write_text(dev_docs[0] + "\n", encoding="utf-8")
    key1 = ";;; an invented comment line\n" + key_block("TST1-MUC3-0001", "1", {
        2: ["04 MAR 90"], 4: ["ATTACK"], 5: ["ACCOMPLISHED"], 7: ['GUN: "RIFLES"'],
        10: ['"RED HAND FRONT"'],
        18: ['"MAYOR"'], 21: ['2: "GUARDS"', '1: "MAYOR"'],
        23: ['DEATH: "GUARDS"', 'INJURY: "MAYOR"'], 24: ["3"],
    }) + "\n" + key_block("TST1-MUC3-0002", "*")
    (base / "raw_keys" / "key-tst1.v7").write_text(key1, encoding="latin-1")
    key2 = key_block("TST2-MUC4-0001", "1 (OPTIONAL)", {4: ["BOMBING"], 5: ["ACCOMPLISHED"]}) + "\n" + key_block(
        "TST2-MUC4-0001", "2", {4: ["ATTACK"], 5: ["THREATENED"]}) + "\n" + key_block(
        "TST2-MUC4-0002", "1", {4: ["ROBBERY"], 5: ["ACCOMPLISHED"]}) + "\n" + key_block(
        "TST2-MUC4-0003", "1", {4: ["ATTACK"], 5: ["ACCOMPLISHED"], 21: ['4: "HOSTAGES"'],
                               23: ['DEATH: "HOSTAGES"']})
    (base / "raw_keys" / "key-tst2.v4").write_text(key2, encoding="latin-1")
    (base / "raw_keys" / "tst1-muc3").write_text(
        "TST1-MUC3-0001\n\n   LIMA, 5 MAR 90 (INVENTED RADIO) -- [TEXT] GUNMEN SHOT TWO GUARDS.\n\n"
        "TST1-MUC3-0002\n\n   LIMA, NO DATE (INVENTED RADIO) -- [TEXT] THE ASSEMBLY MET ON 9 MAR 90.\n",
        encoding="latin-1")
    (base / "raw_keys" / "tst2-muc4").write_text(
        "TST2-MUC4-0001\n\n   QUITO, 12 JUN 91 (INVENTED PAPER) -- A BOMB.\n", encoding="latin-1")
    return tmp_path


# --- raw keys ----------------------------------------------------------------------------


def test_parse_key_file_reads_slots_continuations_and_skips_irrelevant_blocks(muc_dir: Path) -> None:
    keys = muc4.parse_key_file(muc_dir / "muc4" / "raw_keys" / "key-tst1.v7")
    assert list(keys) == ["TST1-MUC3-0001"]  # the "*" block of 0002 is left out
    (slots,) = keys["TST1-MUC3-0001"]
    assert slots[4] == ["ATTACK"]
    assert slots[21] == ['2: "GUARDS"', '1: "MAYOR"']
    assert slots[23] == ['DEATH: "GUARDS"', 'INJURY: "MAYOR"']
    assert slots[2] == ["04 MAR 90"]
    keys2 = muc4.parse_key_file(muc_dir / "muc4" / "raw_keys" / "key-tst2.v4")
    assert [t[1][0] for t in keys2["TST2-MUC4-0001"]] == ["1 (OPTIONAL)", "2"]


def test_parse_raw_texts_takes_the_dateline_date_only(muc_dir: Path) -> None:
    dates = muc4.parse_raw_texts(muc_dir / "muc4" / "raw_keys" / "tst1-muc3")
    assert dates == {"TST1-MUC3-0001": "1990-03-05"}  # "NO DATE": the body's 9 MAR 90 is not used


def test_casualties_only_when_every_count_is_exact() -> None:
    slots = {21: ['2: "GUARDS"', '1: "MAYOR"'], 23: ['DEATH: "GUARDS"', 'DEATH: "MAYOR"'], 24: ["-"]}
    assert muc4._casualties(slots, "DEATH") == {"min": 3, "max": 3}
    assert muc4._casualties(slots, "INJURY") is None
    assert muc4._casualties({**slots, 21: ['PLURAL: "GUARDS"', '1: "MAYOR"']}, "DEATH") is None
    assert muc4._casualties({**slots, 23: ['? DEATH: "GUARDS"']}, "DEATH") is None
    assert muc4._casualties({**slots, 23: ['DEATH / INJURY: "GUARDS"']}, "DEATH") is None
    assert muc4._casualties({**slots, 24: ["2"]}, "DEATH") is None  # more than the stated total
    assert muc4._casualties({**slots, 23: ['NO INJURY OR DEATH: "GUARDS"']}, "DEATH") is None


# --- conversion --------------------------------------------------------------------------


def test_convert_dev_merges_processed_templates_and_raw_keys(muc_dir: Path) -> None:
    docs = {d["id"]: d for d in muc4.convert(muc_dir, "dev")}
    assert list(docs) == ["TST1-MUC3-0001", "TST1-MUC3-0002", "TST2-MUC4-0001", "TST2-MUC4-0002", "TST2-MUC4-0003"]
    for doc in docs.values():
        assert doc["events"] == [] and doc["scored_types"] == []
    first = docs["TST1-MUC3-0001"]
    assert first["published"] == "1990-03-05"
    assert first["text"].startswith("gunmen of the red hand front")
    (incident,) = first["incidents"]
    assert incident == {
        "type": "ASSAULT", "incident_type": "attack", "perpetrator_org": ["red hand front"],
        "perpetrator_ind": [], "targets": [], "victims": ["guards", "mayor"], "weapons": ["rifles"],
        "mode": "firearms", "stage": "ACCOMPLISHED",
        "fatalities": {"min": 2, "max": 2}, "injuries": {"min": 1, "max": 1},
    }
    assert "published" not in docs["TST1-MUC3-0002"] and docs["TST1-MUC3-0002"]["incidents"] == []
    bombing, threat = docs["TST2-MUC4-0001"]["incidents"]
    assert bombing["type"] == "ASSAULT" and bombing["mode"] == "explosives" and bombing["optional"] is True
    assert threat["type"] == "THREATEN" and "mode" not in threat and "optional" not in threat
    assert docs["TST2-MUC4-0002"]["incidents"][0]["type"] is None  # robbery
    # the key says ATTACK, the processed file kidnapping: the raw key is not used for this document
    (kidnap,) = docs["TST2-MUC4-0003"]["incidents"]
    assert kidnap["mode"] == "abduction" and "stage" not in kidnap and "fatalities" not in kidnap


def test_convert_train_has_no_raw_fields(muc_dir: Path) -> None:
    (doc,) = muc4.convert(muc_dir, "train")
    (incident,) = doc["incidents"]
    assert "published" not in doc
    assert "stage" not in incident and "fatalities" not in incident
    assert incident["mode"] == "firearms"  # without a key, from the processed Weapon mentions


# --- document-level scoring --------------------------------------------------------------


def incident(type_: str | None = "ASSAULT", optional: bool = False, **fields) -> dict:
    out = {"type": type_, "incident_type": "attack", "perpetrator_org": [], "perpetrator_ind": [],
           "targets": [], "victims": [], "weapons": [], **fields}
    if optional:
        out["optional"] = True
    return out


def doc(doc_id: str, *incidents: dict) -> dict:
    return {"id": doc_id, "text": "x", "scored_types": [], "events": [], "incidents": list(incidents)}


def assault(actor: str | None = None, target: str | None = None, fatalities: dict | None = None,
            type_: str = "ASSAULT", negated: bool = False) -> dict:
    return {"type": type_, "negated": negated, "actor": {"text": actor} if actor else None,
            "target": {"text": target, "name": None} if target else None, "fatalities": fatalities}


def test_score_documents_detection_counts() -> None:
    gold = [
        doc("tp", incident()),
        doc("fn", incident()),
        doc("fp"),
        doc("tn"),
        doc("neutral-optional", incident(optional=True)),
        doc("neutral-robbery", incident(type_=None)),
        doc("neutral-threat", incident(type_="THREATEN")),
        doc("negated-only", incident()),
        doc("wrong-type", incident()),
    ]
    preds = {
        "tp": [assault()],
        "fp": [assault()],
        "neutral-optional": [assault()],
        "neutral-robbery": [assault()],
        "negated-only": [assault(negated=True)],
        "wrong-type": [assault(type_="COERCE")],
    }
    result = muc4.score_documents(gold, preds)
    detection = result["detection"]
    assert (detection["tp"], detection["fp"], detection["fn"]) == (1, 1, 3)
    assert detection["tn"] == 1 and detection["neutral"] == 3
    assert detection["precision"] == 0.5 and detection["recall"] == 0.25
    assert result["documents"] == 9


def test_score_documents_field_checks() -> None:
    gold = [
        doc("a", incident(perpetrator_org=["red hand front"], victims=["mayor"],
                          fatalities={"min": 2, "max": 2})),
        doc("b", incident(perpetrator_org=["blue star"], targets=["power pylon"],
                          fatalities={"min": 1, "max": 1})),
        # only the OPTIONAL incident names a perpetrator and a count: no check is made
        doc("c", incident(), incident(optional=True, perpetrator_org=["green cell"], fatalities={"min": 5, "max": 5})),
        # an optional incident's mentions are still accepted answers when a required one is checked
        doc("d", incident(perpetrator_org=["grey wolves"]), incident(optional=True, perpetrator_org=["silver fox"])),
    ]
    preds = {
        "a": [assault(actor="the Red Hand Front", target="town mayor", fatalities={"min": 2, "max": 2})],
        "b": [assault(actor="Red Army", target="a pylon", fatalities={"min": 1, "max": None})],
        "c": [assault(actor="someone else")],
        "d": [assault(actor="Silver Fox")],
    }
    result = muc4.score_documents(gold, preds)
    assert result["detection"]["tp"] == 4
    assert result["perpetrator_org"] == {"matched": 2, "total": 3, "accuracy": 0.6667}
    assert result["target"] == {"matched": 1, "total": 2, "accuracy": 0.5}
    assert result["fatalities"] == {"matched": 1, "total": 2, "accuracy": 0.5}


def test_score_documents_without_fields_reports_none() -> None:
    result = muc4.score_documents([doc("a", incident())], {})
    assert result["perpetrator_org"] == {"matched": 0, "total": 0, "accuracy": None}
    assert result["detection"]["fn"] == 1


def test_dataset_record() -> None:
    assert muc4.DATASET.level == "document" and muc4.DATASET.score is muc4.score_documents
    assert muc4.DATASET.splits == ("train", "dev", "test") and not muc4.DATASET.test_only
    with pytest.raises(ValueError):
        muc4.DATASET.load(Path("."), "validation")


# --- the real files (skipped when the benchmarks folder is absent) -------------------------

needs_data = pytest.mark.skipif(not (BENCH / "muc4").is_dir(), reason="benchmarks folder not present")


@needs_data
def test_real_dev_counts_match_the_readme() -> None:
    docs = muc4.convert(BENCH, "dev")
    assert len(docs) == 200
    assert sum(1 for d in docs if d["incidents"]) == 116
    incidents = [i for d in docs for i in d["incidents"]]
    assert len(incidents) == 191  # 85 (TST1) + 106 (TST2) templates
    assert sum(1 for i in incidents if i.get("optional")) == 6 + 25
    assert all("stage" in i for i in incidents)  # every document's key agreed with the processed file
    assert sum(1 for i in incidents if i["type"] is None) == 3  # robbery
    assert sum(1 for d in docs if "published" in d) > 150
    assert all(d["id"].startswith(("TST1-MUC3-", "TST2-MUC4-")) for d in docs)


@needs_data
def test_real_train_counts_match_the_readme() -> None:
    docs = muc4.convert(BENCH, "train")
    assert len(docs) == 1300
    assert sum(1 for d in docs if d["incidents"]) == 700
    assert sum(len(d["incidents"]) for d in docs) == 1114


@needs_data
def test_real_dev_perfect_document_predictions_score_full_recall() -> None:
    docs = muc4.convert(BENCH, "dev")
    preds = {d["id"]: [assault()] for d in docs
             if any(i["type"] == "ASSAULT" and not i.get("optional") for i in d["incidents"])}
    detection = muc4.score_documents(docs, preds)["detection"]
    assert detection["fn"] == 0 and detection["fp"] == 0 and detection["tp"] == len(preds)
