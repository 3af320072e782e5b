"""The evaluation report as a person reads it: per-type rows, per-field missing and confidently wrong."""

from __future__ import annotations

import json

from rich.console import Console
from typer.testing import CliRunner

from proxywatch.cli import app
from proxywatch.evaluate.scoring import score
from proxywatch.serve.render import detection_table, fields_table, render_report

TEXT = "Gunmen attacked a village. Gunmen attacked a market. Police arrested two men. Officials met in Cairo."
SENTENCES = [(0, 26), (27, 52), (53, 77), (78, len(TEXT))]


def _pred(type_, sentence, **fields):
    start, end = SENTENCES[sentence]
    return {"type": type_, "status": "occurred", "negated": False, "article_id": "a",
            "evidence": {"text": TEXT[start:end], "start": start, "end": end}, **fields}


def _article(i: int) -> dict:
    return {"id": f"a{i}", "text": TEXT, "scored_types": ["ASSAULT", "COERCE", "CONSULT"], "events": [
        {"anchor": "attacked a village", "type": "ASSAULT", "location": {"country": "EGY"}},
        {"anchor": "attacked a market", "type": "ASSAULT"},
        {"anchor": "arrested two men", "type": "COERCE"},
    ]}


def _report():
    # five articles: 10 ASSAULT gold (listed), 5 COERCE gold (listed, the bound is inclusive), CONSULT only predicted
    golds = [_article(i) for i in range(5)]
    preds = {f"a{i}": [_pred("ASSAULT", 0, location={"text": "a village", "country": "EGY" if i else "LBY"}),
                       _pred("CONSULT", 3), *([_pred("COERCE", 2)] if i < 2 else [])] for i in range(5)}
    return score(golds, preds)


def _text(renderable) -> str:
    console = Console(record=True, width=200)
    console.print(renderable)
    return console.export_text()


def test_types_with_five_gold_events_get_their_own_row_and_the_rest_are_summed():
    scores = _report().to_json()
    table, note = detection_table(scores)
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in _text(table).splitlines() if line.startswith("│")}
    assert rows["ASSAULT"] == ["10", "5", "5", "1.000", "0.500", "0.667"]
    assert rows["COERCE"] == ["5", "2", "2", "1.000", "0.400", "0.571"]
    assert rows["other types (1)"][:3] == ["0", "5", "0"]  # CONSULT: five false positives, no gold
    assert rows["all"] == ["15", "12", "7", "0.583", "0.467", "0.519"]
    assert "CONSULT 0/5/0" in note


def test_fields_table_shows_missing_and_confidently_wrong():
    text = _text(fields_table(_report().to_json()))
    line = next(row for row in text.splitlines() if "location.country" in row)
    assert [c.strip() for c in line.split("│")[1:-1]] == ["location.country", "5", "4", "0.800", "0 (0.0%)", "1 (20.0%)"]


def test_evaluate_reports_missing_and_confidently_wrong_in_table_and_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(a) + "\n" for a in (_article(i) for i in range(5))), encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    lines = []
    for i in range(5):
        for j, p in enumerate([_pred("ASSAULT", 0, location=None if i == 0 else {"text": "x", "country": "EGY"})]):
            p.update(article_id=f"a{i}", id=f"e{i}{j}", schema="proxywatch.event/1", confidence=0.5)
            lines.append(json.dumps(p))
    preds.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(gold), "--pred", str(preds), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["fields"]["location.country"] == {"correct": 4, "missing": 1, "confidently_wrong": 0, "total": 5,
                                                 "accuracy": 0.8, "missing_share": 0.2, "confidently_wrong_share": 0.0}
    assert out["confidently_wrong_share"] == 0.0 and out["type_min_gold"] == 5
    result = runner.invoke(app, ["evaluate", str(gold), "--pred", str(preds)])
    assert result.exit_code == 0, result.output
    assert "confidently wrong" in result.stdout and "location.country missing" in result.stdout
    assert "Detection per type" in result.stdout and "COERCE" in result.stdout


def test_render_report_lists_field_errors_with_their_kind():
    console = Console(record=True, width=200)
    render_report(_report(), console)
    text = console.export_text()
    assert "a0: location.country confidently wrong: gold='EGY' predicted='LBY'" in text
