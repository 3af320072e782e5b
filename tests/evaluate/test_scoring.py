"""Contract section 4, rule by rule, on hand-made gold and predictions."""

from __future__ import annotations

import copy

import pytest

from proxywatch.evaluate.scoring import CONFIDENTLY_WRONG, MISSING, error_kind, name_matches, score

TEXT = "Militants attacked a base near Erbil on Sunday, killing two soldiers. Iraq condemned the raid."


def _pred(type_="ASSAULT", start=0, end=69, **fields):
    record = {"type": type_, "status": "occurred", "negated": False, "mode": None, "actor": None, "target": None,
              "location": None, "date": None, "fatalities": None, "injuries": None, "aggregate": None,
              "evidence": {"text": TEXT[start:end], "start": start, "end": end}, "article_id": "a"}
    record.update(fields)
    return record


def _gold(*events, scored=("ASSAULT", "ACCUSE")):
    return [{"id": "a", "text": TEXT, "scored_types": list(scored), "events": list(events)}]


ATTACK = {"anchor": "attacked a base", "type": "ASSAULT", "negated": False,
          "location": {"country": "IRQ", "name": "Erbil"}, "fatalities": {"min": 2, "max": 2},
          "date": {"start": "2024-01-28", "end": "2024-01-28"}}
GOOD = dict(location={"text": "Erbil", "name": "Erbil Air Base", "country": "IRQ"}, fatalities={"min": 2, "max": 2},
            date={"start": "2024-01-28", "end": "2024-01-28"})


def test_perfect_prediction():
    r = score(_gold(ATTACK), {"a": [_pred(**GOOD)]})
    assert (r.precision, r.recall, r.f1, r.headline) == (1.0, 1.0, 1.0, 1.0)
    assert r.field_accuracy == 1.0
    assert r.field_total["status"] == 1  # status is always scored


def test_evidence_must_contain_the_anchor():
    r = score(_gold(ATTACK), {"a": [_pred(start=70, end=len(TEXT), **GOOD)]})
    assert r.paired == 0 and r.predicted == 1 and r.gold == 1
    assert len(r.misses) == 1 and len(r.false_positives) == 1


def test_type_must_be_accepted_and_lists_accept_either():
    r = score(_gold(ATTACK), {"a": [_pred(type_="ACCUSE", **GOOD)]})
    assert r.paired == 0
    gold = dict(ATTACK, type=["ACCUSE", "ASSAULT"])
    assert score(_gold(gold), {"a": [_pred(type_="ACCUSE", **GOOD)]}).paired == 1


def test_unscored_types_are_ignored_on_both_sides():
    r = score(_gold(ATTACK, scored=("ASSAULT",)), {"a": [_pred(**GOOD), _pred(type_="ACCUSE", start=70, end=95)]})
    assert (r.predicted, r.paired) == (1, 1)


def test_one_to_one_best_agreement_first():
    wrong = _pred(fatalities={"min": 9, "max": 9})
    right = _pred(**GOOD)
    r = score(_gold(ATTACK), {"a": [wrong, right]})
    assert r.paired == 1 and r.fully_correct == 1 and r.predicted == 2
    assert r.precision == 0.5


def test_optional_gold_is_neither_hit_nor_miss():
    optional = dict(ATTACK, optional=True)
    r = score(_gold(optional), {"a": [_pred(**GOOD)]})
    assert (r.predicted, r.gold, r.paired) == (0, 0, 0)
    assert not r.false_positives and not r.misses
    r = score(_gold(optional), {})
    assert (r.gold, r.misses) == (0, [])


@pytest.mark.parametrize(
    ("field", "pred_value", "ok"),
    [
        ("fatalities", {"min": 2, "max": None}, False),
        ("date", {"start": "2024-01-29", "end": "2024-01-29"}, True),  # widened by a day
        ("date", {"start": "2024-01-30", "end": "2024-01-30"}, False),
        ("date", None, False),
        ("location", {"name": "the Erbil governorate", "country": "IRQ"}, True),
        ("location", {"name": "Arbil", "country": "IRQ"}, False),
    ],
)
def test_field_rules(field, pred_value, ok):
    fields = copy.deepcopy(GOOD)
    fields[field] = pred_value
    r = score(_gold(ATTACK), {"a": [_pred(**fields)]})
    assert (r.fully_correct == 1) is ok


def test_sponsors_compare_as_sets_and_status_defaults_to_occurred():
    gold = {"anchor": "attacked a base", "type": "ASSAULT", "actor": {"sponsors": ["IRN", "SYR"]},
            "status": "occurred"}
    pred = _pred(actor={"text": "x", "sponsors": ["SYR", "IRN"]})
    assert score(_gold(gold), {"a": [pred]}).fully_correct == 1
    planned = _pred(actor={"text": "x", "sponsors": ["SYR", "IRN"]}, status="planned")
    r = score(_gold(gold), {"a": [planned]})
    assert r.field_errors[0].field == "status"


@pytest.mark.parametrize(
    ("predicted", "gold", "ok"),
    [
        ("Erbil Air Base", "Erbil", True),
        ("Ain al-Asad Air Base", "Asad", True),
        ("The Red Sea", "red sea", True),
        ("Kata'ib base", "Kataib", True),
        ("Erbil", "Erbil Air Base", False),
        ("Sanaa", ["Sana'a", "Sanaa"], True),
        (None, "Erbil", False),
    ],
)
def test_name_matching(predicted, gold, ok):
    assert name_matches(predicted, gold) is ok


def test_detection_per_type():
    accuse = {"anchor": "condemned the raid", "type": "ACCUSE"}
    preds = [_pred(**GOOD), _pred(type_="ACCUSE", start=0, end=69)]  # the ACCUSE prediction is in the wrong sentence
    types = score(_gold(ATTACK, accuse), {"a": preds}).type_scores()
    assert types["ASSAULT"] == {"paired": 1, "predicted": 1, "gold": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert types["ACCUSE"]["paired"] == 0 and types["ACCUSE"]["predicted"] == 1 and types["ACCUSE"]["gold"] == 1
    optional = dict(accuse, optional=True)
    types = score(_gold(ATTACK, optional), {"a": [_pred(**GOOD), _pred(type_="ACCUSE", start=70, end=len(TEXT))]})
    assert "ACCUSE" not in types.type_scores()  # a prediction paired with an optional gold event is not counted


def test_a_pair_counts_under_the_type_it_was_matched_with():
    either = {"anchor": "condemned the raid", "type": ["ACCUSE", "ASSAULT"]}
    preds = [_pred(type_="ASSAULT", start=70, end=len(TEXT))]
    types = score(_gold(either), {"a": preds}).type_scores()
    assert types["ASSAULT"]["paired"] == types["ASSAULT"]["gold"] == types["ASSAULT"]["predicted"] == 1
    assert "ACCUSE" not in types  # not a miss of ACCUSE, and never precision above 1
    types = score(_gold(either), {"a": []}).type_scores()
    assert types["ACCUSE"] == {"paired": 0, "predicted": 0, "gold": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}


# --- contract 4.6: missing versus confidently wrong -----------------------------------------------------------

FULL = {"anchor": "attacked a base", "type": "ASSAULT", "negated": False, "mode": "rocket",
        "actor": {"country": "IRQ", "kind": "armed_group", "sponsors": ["IRN"]},
        "location": {"country": "IRQ", "name": "Erbil"}, "date": {"start": "2024-01-28", "end": "2024-01-28"},
        "fatalities": {"min": 2, "max": 2}}
RIGHT = dict(GOOD, mode="rocket", actor={"text": "militants", "country": "IRQ", "kind": "armed_group", "sponsors": ["IRN"]})


@pytest.mark.parametrize(
    ("change", "field", "kind"),
    [
        ({"location": None}, "location.country", "missing"),
        ({"location": {"text": "a base", "name": None, "country": "SYR"}}, "location.country", "confidently_wrong"),
        ({"location": {"text": "a base", "name": None, "country": "IRQ"}}, "location.name", "missing"),
        ({"location": {"text": "a base", "name": "Mosul", "country": "IRQ"}}, "location.name", "confidently_wrong"),
        ({"actor": {"text": "militants", "country": "IRQ", "kind": "armed_group", "sponsors": []}},
         "actor.sponsors", "missing"),
        ({"actor": {"text": "militants", "country": "IRQ", "kind": "armed_group", "sponsors": ["SYR"]}},
         "actor.sponsors", "confidently_wrong"),
        ({"actor": None}, "actor.kind", "missing"),
        ({"mode": None}, "mode", "missing"),
        ({"mode": "drone"}, "mode", "confidently_wrong"),
        ({"date": None}, "date", "missing"),
        ({"date": {"start": None, "end": None, "text": "recently"}}, "date", "missing"),
        ({"date": {"start": "2024-01-20", "end": "2024-01-20"}}, "date", "confidently_wrong"),
        ({"fatalities": None}, "fatalities", "missing"),
        ({"fatalities": {"min": 2, "max": None}}, "fatalities", "confidently_wrong"),
        ({"status": "planned"}, "status", "confidently_wrong"),  # absent means occurred: status is never missing
        ({"negated": True}, "negated", "confidently_wrong"),
    ],
)
def test_a_wrong_field_is_missing_or_confidently_wrong(change, field, kind):
    r = score(_gold(FULL), {"a": [_pred(**dict(RIGHT, **change))]})
    wrong = {e.field: e.kind for e in r.field_errors}
    assert wrong.get(field) == kind
    assert error_kind(field, _pred(**dict(RIGHT, **change))) == kind
    other = MISSING if kind == CONFIDENTLY_WRONG else CONFIDENTLY_WRONG
    counts = r.to_json()["fields"][field]
    assert counts[kind] == 1 and counts[other] == 0 and counts["correct"] == counts["total"] - 1


def test_a_value_where_the_gold_says_null_is_confidently_wrong():
    at_sea = {"anchor": "attacked a base", "type": "ASSAULT", "location": {"country": None}}
    r = score(_gold(at_sea), {"a": [_pred(location={"text": "off the coast", "country": "YEM"})]})
    assert [(e.field, e.kind) for e in r.field_errors] == [("location.country", "confidently_wrong")]
    assert score(_gold(at_sea), {"a": [_pred(location={"text": "at sea", "country": None})]}).field_errors == []


def test_field_counts_and_shares_add_up():
    preds = {"a": [_pred(**dict(RIGHT, location=None, mode="drone", status="planned"))]}
    r = score(_gold(FULL), preds)
    # FULL scores 10 fields: actor x3, location x2, mode, negated, date, fatalities, status (always)
    assert r.scored_fields == sum(r.field_total.values()) == 10
    assert (r.missing, r.confidently_wrong) == (2, 2)  # location.country and .name missing; mode and status wrong
    assert r.confidently_wrong_share == pytest.approx(2 / 10)
    out = r.to_json()
    assert out["scored_fields"] == 10 and out["missing"] == 2 and out["confidently_wrong"] == 2
    assert out["confidently_wrong_share"] == 0.2 and out["missing_share"] == 0.2
    assert out["field_accuracy"] == 0.6
    for name, row in out["fields"].items():
        assert row["correct"] + row["missing"] + row["confidently_wrong"] == row["total"], name
    assert {e["kind"] for e in out["field_errors"]} == {"missing", "confidently_wrong"}


def test_unpaired_predictions_add_no_field_counts():
    r = score(_gold(FULL), {"a": [_pred(start=70, end=len(TEXT), **RIGHT)]})
    assert r.scored_fields == 0 and r.confidently_wrong_share is None and r.to_json()["missing_share"] is None
