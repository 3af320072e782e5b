"""Probes: Unix manners of the command line, run as a user runs it (the console script, in a subprocess).

``--version``; ``-`` for standard input; exit status 1 when every input failed; file names with a
newline or ESC escaped in the one-line warnings; tables that do not wrap ids when piped, with control
characters escaped; ``events --source`` as the other commands spell it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sample_store import sample_store

from proxywatch import __version__
from proxywatch.serve.terminal import printable

pytestmark = pytest.mark.slow
CONSOLE = Path(sys.executable).with_name("proxywatch")
ARTICLE = {"id": "m1", "published": "2024-03-04",  # written for this test
           "text": "Militants fired rockets at a base near Erbil on Monday, wounding two soldiers."}


def run(*args, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CONSOLE), *map(str, args)], capture_output=True, text=True, timeout=600, cwd=cwd,
                          input=stdin)


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"proxywatch {__version__}"


def test_dash_reads_standard_input(tmp_path):
    result = run("extract", "-i", "-", cwd=tmp_path, stdin=json.dumps(ARTICLE) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["article_id"] for r in records} == {"m1"}
    db = tmp_path / "s.duckdb"
    stored = run("ingest", "-", "--db", db, cwd=tmp_path, stdin=ARTICLE["text"])
    assert stored.returncode == 0, stored.stderr
    assert "1 new" in stored.stderr


def test_every_input_failed_exits_1_and_names_are_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "bad\nname\x1b[31m.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    result = run("ingest", folder, "--db", tmp_path / "s.duckdb", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "bad\\nname\\x1b[31m.txt" in warnings[0], result.stderr


def test_piped_tables_do_not_wrap(tmp_path):
    """The settings table has long help texts: at the old piped width (160) they folded mid-word."""
    from proxywatch.settings import describe_settings

    result = run("settings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "│" in line]
    for name, _default, env, help_text in describe_settings():
        (row,) = [r for r in rows if f" {name} " in r]
        assert env in row and help_text in row, row


def test_events_source_matches_the_other_commands(tmp_path):
    db = tmp_path / "s.duckdb"
    sample_store(str(db)).close()
    counts = {}
    for source in ("all-mentions", "mentions", "canonical"):
        result = run("events", "--db", db, "--source", source, "-f", "jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        counts[source] = len(result.stdout.splitlines())
    assert counts["all-mentions"] >= counts["mentions"] > 0 and counts["canonical"] > 0
    old = run("events", "--db", db, "--canonical", "-f", "jsonl", cwd=tmp_path)  # still accepted, not shown
    assert len(old.stdout.splitlines()) == counts["canonical"]


def test_printable_escapes_controls_but_keeps_text():
    assert printable("a\x1b[31mb\u202ec\x07") == "a\\x1b[31mb\\u202ec\\x07"
    assert printable("line one\nline two") == "line one\nline two"
    assert printable("line one\nline two", one_line=True) == "line one\\nline two"
    assert printable("Kata'ib Ḥizb Allāh — كتائب") == "Kata'ib Ḥizb Allāh — كتائب"


# Names, places and ids as hostile or unlucky data may hold them: Rich markup, a lone closing tag, an
# emoji code (written for this test).
MARKUP_SENTENCE = "Fighters of [bold]Red Hand[/bold] shelled a checkpoint near Kafr [/red] on Tuesday :fire:."


def _markup_store(db: Path) -> dict[str, str]:
    from proxywatch.jobs import store_batch
    from proxywatch.records import Article, DateSpan, Event, Evidence, Party, Place
    from proxywatch.store import Store

    names = {"actor": "[bold]Red Hand[/bold]", "target": "[/red] guards", "place": "[/]Kafr :fire:",
             "article": "a[red]1"}
    event = Event(id="e1", article_id=names["article"], type="ASSAULT", confidence=0.8,
                  evidence=Evidence(MARKUP_SENTENCE, 0, len(MARKUP_SENTENCE)),
                  actor=Party(names["actor"], name=names["actor"], sponsors=("IRN",)),
                  target=Party(names["target"]), location=Place("near Kafr", name=names["place"], country="SYR"),
                  date=DateSpan(start="2024-03-05", end="2024-03-05", precision="day"))
    with Store(str(db)) as store:
        store_batch(store, [(Article(names["article"], MARKUP_SENTENCE, published="2024-03-06"), [event])])
    return names


@pytest.mark.parametrize("command", [
    ("events",), ("events", "--source", "canonical"), ("trend", "--by", "month", "--split", "actor"),
    ("trend", "--by", "month", "--split", "target"), ("network",),
])
def test_markup_in_the_data_prints_as_it_is_in_tables(tmp_path, command):
    """Rich read markup in table cells: ``[/red]`` stopped the command with a MarkupError traceback, and
    ``[bold]Red Hand[/bold]`` printed as a bold "Red Hand"."""
    db = tmp_path / "s.duckdb"
    names = _markup_store(db)
    result = run(*command, "--db", db, cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    shown = {"events": ("actor", "target", "place", "article"), "network": ("actor", "target"),
             "trend": ("actor",) if "actor" in command else ("target",)}[command[0]]
    if command[:3] == ("events", "--source", "canonical"):
        shown = ("actor", "target", "place")
    for key in shown:
        assert names[key] in result.stdout, (key, result.stdout)


def test_markup_in_settings_and_in_a_written_network_table(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    names = _markup_store(db)
    monkeypatch.setenv("PROXYWATCH_DB", str(tmp_path / "[/red]:fire:.duckdb"))
    result = run("settings", cwd=tmp_path)
    assert result.returncode == 0 and "[/red]:fire:.duckdb" in result.stdout, result.stderr
    written = run("network", "--db", db, "-o", tmp_path / "net.txt", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert names["actor"] in (tmp_path / "net.txt").read_text(encoding="utf-8")


def test_markup_in_an_article_prints_as_it_is_in_claims_and_extract(tmp_path):
    text = ("Before the strikes, the Pentagon had counted more than 150 attacks on US troops in Iraq and Syria, "
            "[bold]officials[/bold] said [/red]. :fire:")  # written for this test
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "x[red]1", "published": "2024-02-20", "text": text}) + "\n",
                       encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert run("ingest", article, "--db", db, cwd=tmp_path).returncode == 0
    claims = run("claims", article, "--db", db, cwd=tmp_path)
    assert claims.returncode == 0 and "Traceback" not in claims.stderr, claims.stderr
    assert "x[red]1" in claims.stdout and "[bold]officials[/bold] said [/red]. :fire:" in claims.stdout
    table = run("extract", "-i", article, "-f", "table", cwd=tmp_path)
    assert table.returncode == 0 and "Traceback" not in table.stderr, table.stderr
    assert "x[red]1" in table.stdout


# --- standard input, --strict and exit statuses in every command that reads input ------------------
# In-process (typer's runner), with the session's extractor: each subprocess would load spaCy again.

@pytest.fixture()
def cli(monkeypatch, extractor):
    from typer.testing import CliRunner

    import proxywatch.cli
    import proxywatch.cli_claims
    import proxywatch.cli_explain

    for module, name in ((proxywatch.cli, "_extractor"), (proxywatch.cli_claims, "extractor"),
                         (proxywatch.cli_explain, "extractor")):
        monkeypatch.setattr(module, name, lambda settings, kb=None: extractor)
    runner = CliRunner()
    return lambda *args, stdin=None: runner.invoke(proxywatch.cli.app, [str(a) for a in args], input=stdin)


def _articles(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_extract_takes_files_as_ingest_does(cli, tmp_path):
    one = _articles(tmp_path / "one.jsonl", json.dumps(ARTICLE))
    two = tmp_path / "two.txt"
    two.write_text("Gunmen attacked a police post in Kirkuk on Sunday, killing three officers.", encoding="utf-8")
    both = cli("extract", one, two)
    assert both.exit_code == 0, both.output
    assert {json.loads(line)["article_id"] for line in both.stdout.splitlines()} == {"m1", "two"}
    assert cli("extract", "-i", one).exit_code == 0  # the old spelling still works
    none = cli("extract")
    assert none.exit_code == 2 and "give the articles to read" in none.output
    missing = cli("extract", one, tmp_path / "nope.jsonl")
    assert missing.exit_code == 2 and "nope.jsonl: no such file" in missing.output


def test_explain_and_claims_read_standard_input(cli, tmp_path):
    explained = cli("explain", "-", stdin=json.dumps(ARTICLE) + "\n")
    assert explained.exit_code == 0, explained.output
    assert "m1" in explained.stdout and "1 articles" in explained.output
    db = tmp_path / "s.duckdb"
    sample_store(str(db)).close()
    claim = {"id": "c1", "published": "2024-02-20",  # written for this test
             "text": "Before the strikes, the Pentagon had counted more than 150 attacks on US troops in Iraq and Syria."}
    checked = cli("claims", "-", "--db", db, "-f", "json", stdin=json.dumps(claim) + "\n")
    assert checked.exit_code == 0, checked.output
    assert "c1" in checked.stdout and "1 articles, 1 claims" in checked.output


def test_explain_and_claims_fail_only_under_strict_or_when_nothing_was_read(cli, tmp_path):
    mixed = _articles(tmp_path / "mixed.jsonl", json.dumps(ARTICLE), "{not json")
    bad = _articles(tmp_path / "bad.jsonl", "{not json", json.dumps({"id": "no text"}))
    db = tmp_path / "s.duckdb"
    sample_store(str(db)).close()
    for command in (("explain",), ("claims", "--db", db)):
        ok = cli(*command, mixed)
        assert ok.exit_code == 0 and "mixed.jsonl:2" in ok.output, ok.output
        strict = cli(*command, mixed, "--strict")
        assert strict.exit_code == 1 and "mixed.jsonl:2" in strict.output, strict.output
        nothing = cli(*command, bad)
        assert nothing.exit_code == 1 and "no readable article" in nothing.output, nothing.output


def _gold(path: Path) -> Path:
    return _articles(path, json.dumps({"id": "g1", "published": "2024-03-04", "text": ARTICLE["text"],
                                       "scored_types": ["ASSAULT"],
                                       "events": [{"anchor": "fired rockets", "type": "ASSAULT"}]}))


def test_evaluate_exit_statuses_and_standard_input(tmp_path):
    from typer.testing import CliRunner

    from proxywatch.cli import app
    from proxywatch.records import Event, Evidence

    runner = CliRunner()
    gold = _gold(tmp_path / "gold.jsonl")
    sentence = ARTICLE["text"]
    record = Event(id="p1", article_id="g1", type="ASSAULT", evidence=Evidence(sentence, 0, len(sentence)),
                   confidence=0.9).to_json()
    pred = _articles(tmp_path / "pred.jsonl", json.dumps(record), "{not a record")
    ok = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "-f", "json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["paired"] == 1, ok.output
    assert "pred.jsonl:2" in ok.output
    assert runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--strict"]).exit_code == 1
    piped = runner.invoke(app, ["evaluate", "-", "--pred", str(pred), "-f", "json"], input=gold.read_text())
    assert piped.exit_code == 0 and json.loads(piped.stdout)["gold"] == 1, piped.output
    nothing = runner.invoke(app, ["evaluate", str(tmp_path / "none.jsonl"), "--pred", str(pred)])
    assert nothing.exit_code == 1 and "no gold article could be read" in nothing.output, nothing.output
    assert "Detection" not in nothing.output  # no empty report


def test_ingest_events_fails_only_under_strict_when_a_row_is_bad(tmp_path):
    import duckdb
    from typer.testing import CliRunner

    from proxywatch.cli import app

    runner = CliRunner()
    db, lake = tmp_path / "s.duckdb", tmp_path / "lake"
    sample_store(str(db)).close()
    made = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet", "--partition-by", "month",
                               "--source", "all-mentions", "-o", str(lake)])
    assert made.exit_code == 0, made.output
    (lake / "month=2099-01").mkdir()
    duckdb.sql(f"COPY (SELECT * REPLACE ('{{not a record' AS record) FROM read_parquet('{lake}/*/*.parquet', "
               f"hive_partitioning = false) LIMIT 1) TO '{lake}/month=2099-01/bad.parquet'")
    ok = runner.invoke(app, ["ingest-events", str(lake), "--db", str(tmp_path / "a.duckdb")])
    assert ok.exit_code == 0 and "not a contract record" in ok.output, ok.output
    strict = runner.invoke(app, ["ingest-events", str(lake), "--db", str(tmp_path / "b.duckdb"), "--strict"])
    assert strict.exit_code == 1 and "not a contract record" in strict.output, strict.output


def test_json_lines_on_a_terminal_carry_no_raw_control_characters(tmp_path):
    """JSON escapes C0 controls itself, but leaves C1 controls (U+009B is a CSI) and bidi overrides raw."""
    from proxywatch.jobs import store_batch
    from proxywatch.records import Article, DateSpan, Event, Evidence, Party
    from proxywatch.store import Store

    actor = "Red\u202eHand\x9b31m"
    sentence = f"Fighters of {actor} shelled a checkpoint on Tuesday."  # written for this test
    event = Event(id="e1", article_id="a1", type="ASSAULT", confidence=0.8,
                  evidence=Evidence(sentence, 0, len(sentence)), actor=Party(actor, name=actor),
                  date=DateSpan(start="2024-03-05", end="2024-03-05", precision="day"))
    db = tmp_path / "s.duckdb"
    with Store(str(db)) as store:
        store_batch(store, [(Article("a1", sentence, published="2024-03-06"), [event])])
    for source in ("all-mentions", "canonical"):
        result = run("events", "--db", db, "--source", source, "-f", "jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "\u202e" not in result.stdout and "\x9b" not in result.stdout
        (record,) = [json.loads(line) for line in result.stdout.splitlines()]
        assert actor in json.dumps(record, ensure_ascii=False)
