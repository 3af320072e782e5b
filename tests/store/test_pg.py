"""The PostgreSQL backend as a shared store: two ingest processes at once, and what only it does."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from sample_store import snapshot

from proxywatch import jobs
from proxywatch.errors import StoreError
from proxywatch.ingest.readers import ReadOptions
from proxywatch.merge import MergeRules
from proxywatch.settings import Settings
from proxywatch.store import Store

REPO = Path(__file__).resolve().parents[2]
DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


def _ingest(path: Path, db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from proxywatch.cli import main; main()", "ingest", str(path),
                             "--db", db], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_concurrent_ingest_processes_store_what_one_stores(pg_server, extractor, tmp_path):
    lines = DEMO.read_text(encoding="utf-8").splitlines()[:21]  # part of the demo corpus keeps it quick
    # overlapping halves: the shared articles are sent by both processes
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[: len(lines) * 2 // 3]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[len(lines) // 3:]) + "\n", encoding="utf-8")
    shared = pg_server.new_schema()
    runs = [_ingest(first, shared), _ingest(second, shared)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with resources.as_file(DEMO) as path:
        articles = jobs.collect([str(path)], ReadOptions(), lambda p: None)[:21]
    with Store(pg_server.new_schema()) as alone:
        rules = MergeRules.from_settings(Settings(), extractor.kb)  # as the command line merges
        jobs.ingest(articles, alone, extractor, lambda p: None, rules=rules)
        expected = snapshot(alone)
    with Store(shared) as together:
        assert snapshot(together) == expected
        assert len(expected["articles"]) == len(lines) and len(expected["canonical"]) > 0
    pg_server.drop_schemas()


def test_a_pg_store_refuses_a_newer_schema_and_a_foreign_database(pg_server):
    url = pg_server.new_schema()
    with Store(url) as s:
        s.sql("INSERT INTO schema_version VALUES (?, now())", [99])
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        Store(url)
    with pytest.raises(StoreError, match="not a proxywatch database"):
        Store(pg_server.new_schema(), read_only=True)
    pg_server.drop_schemas()


def test_an_unreachable_server_is_one_line():
    with pytest.raises(StoreError) as info:
        Store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    message = str(info.value)
    assert "\n" not in message and "cannot open database" in message and "secret" not in message


def test_a_read_only_pg_store_cannot_write(pg_server, extractor):
    url = pg_server.new_schema()
    with Store(url) as s:
        jobs.store_batch(s, [])
    with Store(url, read_only=True) as ro, pytest.raises(Exception, match="read-only"):
        ro.sql("DELETE FROM articles")
    pg_server.drop_schemas()


def test_export_from_postgres_equals_export_from_duckdb(pg_server, tmp_path):
    from sample_store import sample_store

    from proxywatch.serve.export import export_events

    outputs = {}
    for name, db in (("duck", ":memory:"), ("pg", pg_server.new_schema())):
        with sample_store(db) as store:
            export_events(store, "jsonl", tmp_path / f"{name}.jsonl")
            outputs[name] = [json.loads(x) for x in (tmp_path / f"{name}.jsonl").read_text().splitlines()]
    assert outputs["pg"] == outputs["duck"] and len(outputs["pg"]) == 5
    assert not list(tmp_path.glob(".proxywatch-export-*"))  # the temporary copy is gone
    pg_server.drop_schemas()
