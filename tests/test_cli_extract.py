"""Acceptance for `proxywatch extract`: contract records that validate, exact evidence offsets, stable ids."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from proxywatch.records import event_json_schema

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from proxywatch.cli import main; main()"]
DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def demo_records() -> tuple[list[dict], list[dict]]:
    with resources.as_file(DEMO) as path:
        first = _run("extract", "--input", str(path), "--format", "jsonl")
        second = _run("extract", "--input", str(path), "--format", "jsonl")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    return [json.loads(l) for l in first.stdout.splitlines()], [json.loads(l) for l in second.stdout.splitlines()]


def test_every_record_validates_against_the_schema(demo_records):
    records, _ = demo_records
    assert len(records) > 50
    validator = jsonschema.Draft202012Validator(event_json_schema())
    for record in records:
        errors = list(validator.iter_errors(record))
        assert not errors, (record["id"], errors[0].message)


def test_evidence_is_an_exact_slice_of_the_article(demo_records):
    records, _ = demo_records
    texts = {}
    with resources.as_file(DEMO) as path:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            texts[article["id"]] = article["text"]
    for record in records:
        ev = record["evidence"]
        assert texts[record["article_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_ids_are_the_same_on_a_second_run(demo_records):
    first, second = demo_records
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert first == second


def test_schema_command_prints_the_generated_schema():
    out = _run("schema")
    assert out.returncode == 0
    assert json.loads(out.stdout) == event_json_schema()


def test_table_format_and_stdout_stderr_split(tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "x1", "published": "2024-02-03",
                                  "text": "Militants fired rockets at a base in Syria on Friday."}) + "\n")
    out = _run("extract", "--input", str(source), "--format", "table")
    assert out.returncode == 0
    assert "ASSAULT" in out.stdout and "2024-02-02" in out.stdout
    assert "1 articles, 1 events, 0 problems" in out.stderr
