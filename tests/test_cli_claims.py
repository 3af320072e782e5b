"""`proxywatch claims`: bad input is one line; on the demo corpus the "more than 150 attacks" claim is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


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


ARTICLE = Path(__file__).parent / "data" / "claims" / "restraint.jsonl"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    built = subprocess.run([*CLI, "demo", "--db", str(db)], capture_output=True, text=True, env=ENV, timeout=600)
    assert built.returncode == 0, built.stderr
    return db


def _claims(*args: str) -> dict:
    run = subprocess.run([*CLI, "claims", *args, "--format", "json"], capture_output=True, text=True, env=ENV,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _sql(db, query: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, list(params)).fetchall()
    finally:
        con.close()


def _count_mentions(db, claim: dict) -> int:
    """The store's count for a claim, computed here from its filters and window (mentions: one row per report)."""
    f, w = claim["filters"], claim["window"]
    where = ["type = ?", "status = 'occurred'", "NOT negated", "aggregate_min IS NULL", "aggregate_max IS NULL",
             "article_id <> ?", "date_start <= CAST(? AS DATE)"]
    params = [f["type"], claim["article_id"], w["end"]]
    if not w["open_start"]:
        where.append("date_start >= CAST(? AS DATE)")
        params.append(w["start"])
    for key, column in (("sponsor", None), ("target_country", "target_country"), ("actor", "actor_id"),
                        ("actor_country", "actor_country")):
        if key in f:
            where.append("list_contains(actor_sponsors, ?)" if column is None else f"{column} = ?")
            params.append(f[key])
    if "countries" in f:
        where.append("list_contains(?, location_country)")
        params.append(f["countries"])
    anchor = w["anchor"] or {}
    same = list(anchor.get("same_events") or []) + ([anchor["event"]["id"]] if anchor.get("event") and
                                                    anchor["event"]["origin"] == "store" else [])
    where.append("NOT list_contains(?, id)")
    params.append(same)
    return _sql(db, f"SELECT count(*) FROM events WHERE {' AND '.join(where)}", params)[0][0]


@pytest.mark.slow
def test_an_article_in_our_own_words_checked_against_the_demo_store(demo_db):
    """Issue 14's acceptance: sponsor-qualified counts, per-country conjuncts, an event-anchored period and a
    tally-bounded count, in an article written for this test (tests/data/claims/restraint.jsonl)."""
    report = _claims(str(ARTICLE), "--db", str(demo_db), "--source", "mentions")
    [article] = report["articles"]
    claims = {c["focus"]: c for c in article["claims"]}
    iraq = claims["have not mounted a single attack on American troops in Iraq"]
    syria = claims["only two in Syria"]
    tallied = claims["more than 100 attacks that American forces endured between mid-October and early February"]
    jordan = claims["no further attacks on US troops in Jordan"]
    # every filter right: "Tehran's proxies" is a sponsor, "attacks on American troops" a target, each conjunct
    # has its own place and number; "the attacks that American forces endured" a target, never a place
    assert iraq["filters"] == {"type": "ASSAULT", "sponsor": "IRN", "target_country": "USA", "countries": ["IRQ"]}
    assert syria["filters"] == {"type": "ASSAULT", "sponsor": "IRN", "target_country": "USA", "countries": ["SYR"]}
    assert (iraq["claimed"]["min"], iraq["claimed"]["max"]) == (0, 0)
    assert (syria["claimed"]["min"], syria["claimed"]["max"]) == (2, 2)
    assert tallied["filters"] == {"type": "ASSAULT", "target_country": "USA"}
    assert jordan["filters"] == {"type": "ASSAULT", "target_country": "USA", "countries": ["JOR"]}
    # "since the US retaliated": the first stored US strike after the attack the article dates (28 January),
    # which the demo corpus reports on 2 February 2024 (demo-15, demo-16)
    first_strike = _sql(demo_db, """SELECT min(date_start) FROM events WHERE type = 'ASSAULT' AND actor_country = 'USA'
                                    AND status = 'occurred' AND NOT negated AND aggregate_min IS NULL
                                    AND date_start BETWEEN DATE '2024-01-28' AND DATE '2024-02-20'""")[0][0]
    assert first_strike.isoformat() == "2024-02-02"
    for claim in (iraq, syria):
        anchor = claim["window"]["anchor"]
        assert claim["window"]["start"] == "2024-02-02" and claim["window"]["end"] == "2024-02-20"
        assert anchor["phrase"] == "the US retaliated" and anchor["date"] == "2024-02-02"
        assert anchor["event"]["origin"] == "store" and "2024-01-28" in anchor["note"]
    assert jordan["window"]["start"] == "2024-01-28" and jordan["window"]["anchor"]["event"]["origin"] == "article"
    assert tallied["window"]["start"] == "2023-10-11" and tallied["window"]["end"] == "2024-02-10"
    # the counts are the store's own, computed here from the filters and window
    for claim in article["claims"]:
        if claim["store"]["count"] is not None:
            assert claim["store"]["count"] == _count_mentions(demo_db, claim), claim["focus"]
    # "none in Iraq": answered with its coverage
    cover = iraq["coverage"]
    assert cover["weeks"] == 3 and 0 < cover["covered_weeks"] <= 3
    covered = cover["share"] >= report["min_coverage"]
    expected = ("inconsistent" if iraq["store"]["count"] > 0 else "consistent" if covered else "not enough data")
    assert iraq["verdict"] == expected
    assert f"{cover['covered_weeks']} of its 3 weeks" in iraq["reason"] or iraq["verdict"] == "inconsistent"
    # "only two in Syria": honest: the store's own count decides, with the rule that says why
    n = syria["store"]["count"]
    assert syria["verdict"] == ("inconsistent" if n > 2 else "consistent" if n == 2 and covered else
                                "not enough data")
    assert str(n) in syria["reason"]
    # the tally-bounded claim is consistent, named by a stored tally inside its filters and window
    assert tallied["verdict"] == "consistent" and tallied["verdict_rule"] == "verdict-at-least"
    used = tallied["bounds"]["min_from"]
    assert used.startswith("tally ") and used.split()[1] in tallied["reason"]
    lower = [t for t in tallied["tallies"] if t["relation"] == "lower"]
    assert lower and lower[0]["claimed"]["min"] == tallied["bounds"]["min"] >= 101
    best = lower[0]
    assert "2023-10-11" <= best["window"]["start"] and best["window"]["end"] <= "2024-02-10"
    stored = _sql(demo_db, "SELECT aggregate_min, evidence_text FROM events WHERE article_id = ? AND aggregate_min >= 101",
                  [best["article_id"]])
    assert any(text == best["text"] for _, text in stored)  # the tally is a stored aggregate, quoted
    # a tally is never counted as an event: no aggregate mention is among the events listed
    aggregates = {r[0] for r in _sql(demo_db, "SELECT id FROM events WHERE aggregate_min IS NOT NULL OR negated")}
    assert not any(e["id"] in aggregates for c in article["claims"] for e in c["store"]["events"])


@pytest.mark.slow
def test_claims_of_a_stored_article_and_the_table(demo_db):
    report = _claims("demo-30", "--db", str(demo_db))
    [claim] = [c for c in report["articles"][0]["claims"] if "more than 150 attacks" in c["focus"]]
    assert claim["filters"] == {"type": "ASSAULT", "sponsor": "IRN", "target_country": "USA", "countries": ["IRQ", "SYR"]}
    assert (claim["window"]["start"], claim["window"]["end"]) == ("2023-10-01", "2024-01-29")
    assert claim["store"]["source"] == "canonical"
    expected = _sql(demo_db, """SELECT count(*) FROM canonical_events c WHERE type = 'ASSAULT' AND target_country = 'USA'
           AND list_contains(actor_sponsors, 'IRN') AND list_contains(['IRQ', 'SYR'], location_country)
           AND date_start BETWEEN DATE '2023-10-01' AND DATE '2024-01-29'
           AND EXISTS (SELECT 1 FROM canonical_mentions m WHERE m.canonical_id = c.id AND m.article_id <> 'demo-30')""")
    assert claim["store"]["count"] == expected[0][0]
    assert claim["verdict"] == ("consistent" if claim["bounds"]["min"] >= 151 else "not enough data")
    table = subprocess.run([*CLI, "claims", "demo-30", "--db", str(demo_db)], capture_output=True, text=True, env=ENV,
                           timeout=600)
    assert table.returncode == 0, table.stderr
    assert "demo-30" in table.stdout and "verdict" in table.stdout
    summary = ", ".join(f"{n} {v}" for v, n in report["summary"].items())
    assert f"1 articles, {len(report['articles'][0]['claims'])} claims: {summary}" in table.stderr
