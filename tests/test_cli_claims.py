"""`proxywatch claims`: bad input is one line; on the demo corpus the "more than 150 attacks" claim is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import duckdb
import pytest
from typer.testing import CliRunner

from proxywatch.cli import app
from proxywatch.cli_claims import articles_for
from proxywatch.ingest.readers import ReadOptions
from proxywatch.records import Article
from proxywatch.store import Store
from proxywatch.jobs import store_batch

CLI = [sys.executable, "-c", "from proxywatch.cli import main; main()"]
DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


def _one_line_error(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store_batch(store, [(Article("stored-1", "Nothing happened.", published="2024-02-01"), [])])
    return str(path)


def test_an_unknown_article_is_a_one_line_error(db):
    result = CliRunner().invoke(app, ["claims", "no-such-article", "--db", db])
    _one_line_error(result, "no such file, and no article with this id")


def test_an_id_missing_from_the_file_is_a_one_line_error(db, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Rockets hit a base."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["claims", str(path), "--id", "b", "--db", db])
    _one_line_error(result, "no article with id 'b'")


def test_a_missing_database_and_bad_filters_are_one_line_errors(tmp_path):
    result = CliRunner().invoke(app, ["claims", "x", "--db", str(tmp_path / "none.duckdb")])
    _one_line_error(result, "no database here")
    result = CliRunner().invoke(app, ["claims", "x", "--db", str(tmp_path / "none.duckdb"), "--target-country", "US"])
    _one_line_error(result, "alpha-3")


def test_help_lists_the_source_option():
    result = CliRunner().invoke(app, ["claims", "--help"])
    assert result.exit_code == 0 and "--source" in result.output and "ARTICLE_FILE_OR_ID" in result.output


def test_the_article_is_every_article_of_a_file_the_one_id_picks_or_a_stored_one(db, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": "Rockets hit a base."}) + "\n" for i in ("a", "b")),
                    encoding="utf-8")
    problems = []
    with Store(db, read_only=True) as store:
        assert [a.id for a in articles_for(str(path), None, store, ReadOptions(), problems.append)] == ["a", "b"]
        assert [a.id for a in articles_for(str(path), "b", store, ReadOptions(), problems.append)] == ["b"]
        [stored] = articles_for("stored-1", None, store, ReadOptions(), problems.append)
    assert (stored.id, stored.published) == ("stored-1", "2024-02-01")
    assert problems == []


@pytest.mark.slow
def test_the_more_than_150_attacks_claim_on_the_demo_store(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    db = tmp_path / "demo.duckdb"
    built = subprocess.run([*CLI, "demo", "--db", str(db)], capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    with resources.as_file(DEMO) as path:
        run = subprocess.run([*CLI, "claims", str(path), "--id", "demo-30", "--db", str(db), "--source", "mentions",
                              "--format", "json"], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    checks = json.loads(run.stdout)
    [check] = [c for c in checks if "more than 150 attacks since October" in c["text"]]
    assert check["claimed"] == {"min": 151, "max": None}
    assert check["filters"]["target_country"] == "USA" and check["filters"]["type"] == "ASSAULT"
    window = check["window"]
    assert window["start"] == "2023-10-01" and window["end"] == "2024-01-29"  # "since October", to publication
    # The count is the store's own: single occurred mentions matching the claim's filters, other articles only.
    con = duckdb.connect(str(db), read_only=True)
    expected = con.execute(
        """SELECT count(*) FROM events WHERE type = 'ASSAULT' AND target_country = 'USA'
           AND list_contains(actor_sponsors, ?) AND status = 'occurred' AND NOT negated AND aggregate_min IS NULL
           AND date_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AND article_id <> 'demo-30'""",
        [check["filters"].get("sponsor", "IRN"), window["start"], window["end"]]).fetchone()[0]
    con.close()
    assert check["store"]["count"] == expected
    count, cover = check["store"]["count"], check["coverage"]
    assert 0 < cover["covered_weeks"] <= cover["weeks"]
    expected_verdict = ("not enough data" if count < 151 else "consistent")
    assert check["verdict"] == expected_verdict
    assert str(count) in check["reason"]
    assert check["corroboration"]  # other articles' counts for overlapping periods
    for other in check["corroboration"]:
        assert other["article_id"] != "demo-30"
        assert other["window"]["start"] <= window["end"] and other["window"]["end"] >= window["start"]
    table = subprocess.run([*CLI, "claims", "demo-30", "--db", str(db), "--source", "mentions"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert table.returncode == 0, table.stderr
    assert "demo-30" in table.stdout and check["verdict"].split()[0] in table.stdout
    # The default source: canonical events (reports merged on ingest), counted by their own query.
    with resources.as_file(DEMO) as path:
        run = subprocess.run([*CLI, "claims", str(path), "--id", "demo-30", "--db", str(db), "--format", "json"],
                             capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    [canonical] = [c for c in json.loads(run.stdout) if "more than 150 attacks since October" in c["text"]]
    con = duckdb.connect(str(db), read_only=True)
    expected = con.execute(
        """SELECT count(*) FROM canonical_events c WHERE type = 'ASSAULT' AND target_country = 'USA'
           AND list_contains(actor_sponsors, ?) AND date_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
           AND EXISTS (SELECT 1 FROM canonical_mentions m WHERE m.canonical_id = c.id AND m.article_id <> 'demo-30')""",
        [canonical["filters"].get("sponsor", "IRN"), window["start"], window["end"]]).fetchone()[0]
    con.close()
    assert canonical["store"]["count"] == expected > 0
    assert canonical["verdict"] == ("not enough data" if expected < 151 else "consistent")
