"""CASE 2021 Task 2 converter and snippet-level scorer, on an invented TSV.

The real file is a test split: the real-data test below checks only the row count, the header
and that every label has a mapping; it never looks at snippet texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proxywatch.evaluate.benchmarks import case2021
from proxywatch.evaluate.benchmarks._common import CONTRACT_TYPES

BENCH = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks"

ROWS = [
    ("1", "Jets struck a depot outside an invented town", "AIR_STRIKE"),
    ("2", "Hundreds marched peacefully in a made-up city", "PEACE_PROTEST"),
    ("3", "Flooding displaced families in an invented valley", "NATURAL_DISASTER"),
    ("4", "A fictional group renamed itself", "CHANGE_TO_GROUP_ACT"),
    ("5", "Police seized a weapons cache", "DISR_WEAP"),
    ("6", "Two ministers met for talks", "DIPLO"),
    ("7", "Something new happened", "NOT_A_LABEL"),
]


def write_tsv(folder: Path, rows=ROWS, header: str = "id\tEventSnippet\tSubType") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [header] + ["\t".join(r) for r in rows]
    (folder / case2021.FILE_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_convert_builds_one_item_per_snippet(tmp_path: Path) -> None:
    write_tsv(tmp_path / "case2021_task2")
    items = case2021.convert(tmp_path, "test")
    assert [i["id"] for i in items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert items[0] == {"id": "1", "text": "Jets struck a depot outside an invented town", "label": "AIR_STRIKE",
                        "types": ["ASSAULT"], "modes": ["aerial", "drone"]}
    assert items[1] == {"id": "2", "text": ROWS[1][1], "label": "PEACE_PROTEST", "types": ["PROTEST"]}
    assert items[2]["types"] == [] and items[2]["no_assault"] is True
    assert items[3]["types"] == [] and "no_assault" not in items[3]
    assert items[4]["types"] == ["COERCE", "ASSAULT"]
    assert items[5]["types"][0] == "CONSULT"
    assert items[6]["types"] == []  # an unknown label maps to nothing


def test_convert_accepts_the_dataset_folder_itself(tmp_path: Path) -> None:
    folder = write_tsv(tmp_path / "somewhere")
    assert len(case2021.convert(folder, "test")) == len(ROWS)


def test_convert_rejects_bad_files_and_other_splits(tmp_path: Path) -> None:
    write_tsv(tmp_path / "a", header="id\ttext\tlabel")
    with pytest.raises(ValueError, match="header"):
        case2021.convert(tmp_path / "a", "test")
    write_tsv(tmp_path / "b", rows=[("1", "only two fields")])
    with pytest.raises(ValueError, match="line 2"):
        case2021.convert(tmp_path / "b", "test")
    with pytest.raises(ValueError):
        case2021.convert(tmp_path / "b", "dev")
    with pytest.raises(ValueError):
        case2021.DATASET.load(tmp_path / "b", "train")


def test_mapping_uses_contract_types_and_modes_only() -> None:
    from proxywatch.records import ASSAULT_MODES

    assert len(case2021.LABELS) == 30
    for label, (types, modes) in case2021.LABELS.items():
        assert len(set(types)) == len(types), label
        assert all(t in CONTRACT_TYPES for t in types), label
        assert all(m in ASSAULT_MODES for m in modes), label
        assert not modes or "ASSAULT" in types, label
    assert case2021.NO_ASSAULT_LABELS <= {k for k, (t, _m) in case2021.LABELS.items() if not t}
    for label in ("ARMED_CLASH", "SUIC_BOMB", "ABDUCT_DISSAP", "GRENADE", "REM_EXPLOS", "ATTACK"):
        assert case2021.LABELS[label][0][0] == "ASSAULT"
    assert case2021.LABELS["ARREST"][0] == ("COERCE",)
    assert case2021.LABELS["AGREEMENT"][0][0] == "AGREE"


# --- scoring -----------------------------------------------------------------------------


def ev(type_: str, mode: str | None = None, negated: bool = False) -> dict:
    return {"type": type_, "mode": mode, "negated": negated}


def gold_item(snippet_id: str, label: str) -> dict:
    return case2021.snippet_item(snippet_id, "invented text", label)


def test_score_snippets_accuracy_types_negatives_and_modes() -> None:
    gold = [
        gold_item("a", "AIR_STRIKE"),        # ASSAULT (drone): right, mode right
        gold_item("b", "ART_MISS_ATTACK"),   # ASSAULT + PROTEST predicted: right, mode wrong, PROTEST fp
        gold_item("c", "PEACE_PROTEST"),     # nothing predicted: fn PROTEST
        gold_item("d", "ARREST"),            # ASSAULT predicted: wrong type, fp ASSAULT, fn COERCE
        gold_item("e", "VIOL_DEMONSTR"),     # ASSAULT accepted (secondary type): right
        gold_item("f", "PEACE_PROTEST"),     # only a negated PROTEST: counts as no prediction
        gold_item("g", "NATURAL_DISASTER"),  # ASSAULT on a negative: fp, with_assault
        gold_item("h", "MAN_MADE_DISASTER"),  # AID only: ignored, not silent
        gold_item("i", "NATURAL_DISASTER"),  # nothing: silent
        gold_item("j", "OTHER"),             # unscored, whatever is predicted
    ]
    preds = {
        "a": [ev("ASSAULT", "drone")],
        "b": [ev("ASSAULT", "aerial"), ev("PROTEST")],
        "d": [ev("ASSAULT", "firearms")],
        "e": [ev("ASSAULT")],
        "f": [ev("PROTEST", negated=True)],
        "g": [ev("ASSAULT", "explosives")],
        "h": [ev("AID")],
        "j": [ev("ASSAULT")],
    }
    result = case2021.score_snippets(gold, preds)
    assert result["snippets"] == 10
    assert result["classification"] == {"total": 6, "correct": 3, "accuracy": 0.5, "no_prediction": 2,
                                        "wrong_type": 1}
    by_type = result["by_type"]
    assert (by_type["ASSAULT"]["tp"], by_type["ASSAULT"]["fp"], by_type["ASSAULT"]["fn"]) == (3, 2, 0)
    assert (by_type["PROTEST"]["tp"], by_type["PROTEST"]["fp"], by_type["PROTEST"]["fn"]) == (0, 1, 2)
    assert (by_type["COERCE"]["tp"], by_type["COERCE"]["fp"], by_type["COERCE"]["fn"]) == (0, 0, 1)
    assert "AID" not in by_type  # types other than ASSAULT on negative labels are not judged
    assert by_type["ASSAULT"]["precision"] == 0.6
    assert result["no_assault_labels"] == {"total": 3, "with_assault": 1, "no_event": 1, "assault_free": 0.6667}
    assert result["mode"] == {"matched": 1, "total": 2, "accuracy": 0.5}
    assert result["unscored_labels"] == {"OTHER": 1}
    assert result["by_label"]["PEACE_PROTEST"] == {"total": 2, "correct": 0, "no_prediction": 2, "accuracy": 0.0}
    assert result["by_label"]["AIR_STRIKE"]["accuracy"] == 1.0


def test_score_snippets_handles_no_predictions_and_integer_ids() -> None:
    gold = [case2021.snippet_item("12", "t", "ARMED_CLASH")]
    assert case2021.score_snippets(gold, {})["classification"]["no_prediction"] == 1
    assert case2021.score_snippets(gold, {"12": [ev("ASSAULT")]})["classification"]["accuracy"] == 1.0
    empty = case2021.score_snippets([], {})
    assert empty["classification"]["accuracy"] is None and empty["mode"]["accuracy"] is None


def test_dataset_record() -> None:
    dataset = case2021.DATASET
    assert dataset.splits == ("test",) and dataset.test_only is True
    assert dataset.score is case2021.score_snippets
    assert "ARREST -> COERCE" in dataset.cannot_score


# --- the real file: row count and conversion only (it is a test split) ---------------------

needs_data = pytest.mark.skipif(not (BENCH / "case2021_task2").is_dir(), reason="benchmarks folder not present")


@needs_data
def test_real_file_converts_with_the_readme_row_count() -> None:
    items = case2021.convert(BENCH, "test")
    assert len(items) == 1019
    assert len({i["id"] for i in items}) == 1019
    assert all(i["label"] in case2021.LABELS for i in items)


@needs_data
def test_real_label_list_is_covered_by_the_mapping() -> None:
    folder = BENCH / "case2021_task2"
    seen = (folder / "event_types.txt").read_text(encoding="utf-8").split()
    note = (folder / "note_on_event_types.txt").read_text(encoding="utf-8")
    unseen = {w for w in note.split() if w.isupper() and "_" in w or w in ("DIPLO", "ATTRIB")}
    assert len(seen) == 25
    assert set(seen) | unseen <= set(case2021.LABELS)
