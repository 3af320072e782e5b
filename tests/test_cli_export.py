"""The export and network commands: files that open, one-line errors, clear notes for empty results."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from sample_store import sample_store
from typer.testing import CliRunner

from proxywatch.cli import app

runner = CliRunner()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    sample_store(str(path)).close()
    return str(path)


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_export_csv_with_filters(db, tmp_path):
    out = tmp_path / "e.csv"
    result = _run("export", "--db", db, "--format", "csv", "--output", out, "--sponsor", "IRN")
    assert result.exit_code == 0, result.output
    assert "1 events written" in result.output
    with open(out, newline="") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == ["c1"]


def test_export_geojson_notes_the_events_left_out(db, tmp_path):
    out = tmp_path / "e.geojson"
    result = _run("export", "--db", db, "-f", "geojson", "-o", out, "--source", "mentions")
    assert result.exit_code == 0, result.output
    assert "note: left out of the geojson form: 2 events without coordinates" in result.output
    assert json.loads(out.read_text())["type"] == "FeatureCollection"


def test_export_geojson_keeps_unlocated_events_when_asked(db, tmp_path):
    out = tmp_path / "e.geojson"
    result = _run("export", "--db", db, "-f", "geojson", "-o", out, "--source", "mentions", "--keep-unlocated")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output and "6 events written" in result.output
    assert sum(f["geometry"] is None for f in json.loads(out.read_text())["features"]) == 2


def test_export_empty_result_is_a_note_not_an_error(db, tmp_path):
    result = _run("export", "--db", db, "-f", "jsonl", "-o", tmp_path / "e.jsonl", "--since", "2030-01-01")
    assert result.exit_code == 0, result.output
    assert "note: no events matched" in result.output and "0 events written" in result.output


@pytest.mark.parametrize("args, message", [
    (["-f", "csv", "-o", "{tmp}/missing/e.csv"], "error: {tmp}/missing/e.csv: folder {tmp}/missing does not exist"),
    (["-f", "acled", "-o", "{tmp}/a.csv", "--source", "all-mentions"], "error: --format acled writes events"),
    (["-f", "csv", "-o", "{tmp}/e.csv", "--sponsor", "Iran"], "error: --sponsor takes an ISO 3166-1 alpha-3"),
])
def test_export_bad_input_is_one_line(db, tmp_path, args, message):
    result = _run("export", "--db", db, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.output.startswith(message.format(tmp=tmp_path))
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_export_unknown_format_is_a_usage_error(db, tmp_path):
    result = _run("export", "--db", db, "-f", "xml", "-o", tmp_path / "e.xml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'xml' is not one of" in result.output


def test_export_without_a_database_says_so(tmp_path):
    result = _run("export", "--db", tmp_path / "none.duckdb", "-f", "csv", "-o", tmp_path / "e.csv")
    assert result.exit_code == 2 and "no database here" in result.output


def test_network_table_json_graphml_and_plot(db, tmp_path):
    table = _run("network", "--db", db, "--source", "mentions")
    assert table.exit_code == 0, table.output
    assert "Iran" in table.output and "sponsors" in table.output and "Islamic Resistance in Iraq" in table.output
    doc = json.loads(_run("network", "--db", db, "--format", "json", "--sponsor", "IRN").output)
    assert {e["relation"] for e in doc["edges"]} == {"sponsors", "targets"}
    graphml, png = tmp_path / "n.graphml", tmp_path / "n.png"
    result = _run("network", "--db", db, "-f", "graphml", "-o", graphml, "--plot", png)
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(graphml).number_of_edges() == 5
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_network_errors_and_empty_note(db, tmp_path):
    result = _run("network", "--db", db, "-f", "graphml")
    assert result.exit_code == 2 and "give --output" in result.output
    result = _run("network", "--db", db, "--plot", tmp_path / "n.pdf")
    assert result.exit_code == 2 and "--plot writes .png or .html" in result.output
    result = _run("network", "--db", db, "--since", "2030-01-01")
    assert result.exit_code == 0 and "note: no events matched" in result.output


def test_event_lake_round_trip_through_the_command_line(db, tmp_path):
    lake, target = tmp_path / "lake", tmp_path / "copy.duckdb"
    wrong = _run("export", "--db", db, "-f", "csv", "--partition-by", "month", "-o", lake)
    assert wrong.exit_code == 2 and "use it with --format parquet" in wrong.output and not lake.exists()
    made = _run("export", "--db", db, "-f", "parquet", "--partition-by", "month", "--source", "all-mentions", "-o", lake)
    assert made.exit_code == 0 and "8 events written" in made.output, made.output
    read = _run("ingest-events", lake, "--db", target)
    assert read.exit_code == 0 and "5 new" in read.output and "events stored: 8" in read.output, read.output
    missing = _run("ingest-events", tmp_path / "none", "--db", target)
    assert missing.exit_code == 2 and "no such folder" in missing.output


def test_a_bad_dask_address_is_refused_before_anything_is_read(tmp_path):
    result = _run("ingest", tmp_path / "nothing.jsonl", "--db", tmp_path / "x.duckdb", "--dask", "localhost")
    assert result.exit_code == 2 and "--dask takes local, local:N" in result.output
    assert not (tmp_path / "x.duckdb").exists()
