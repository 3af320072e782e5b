"""`proxywatch benchmark` and `proxywatch evaluate` from the command line: output shape and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from proxywatch.cli import main; main()"]
ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_unknown_benchmark_and_split_are_one_line_errors(tmp_path):
    for args in (("benchmark", "nosuch", "--data", str(tmp_path)),
                 ("benchmark", "case2021", "--split", "dev", "--data", str(tmp_path)),
                 ("benchmark", "muc4", "--data", str(tmp_path / "missing"))):
        result = _run(*args)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error:")


def test_a_dataset_folder_without_the_files_is_a_one_line_error(tmp_path):
    result = _run("benchmark", "rams", "--split", "dev", "--data", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "rams" in result.stderr


@pytest.mark.skipif(not BENCHMARKS.is_dir(), reason="../shared/benchmarks is absent")
def test_benchmark_json_report():
    result = _run("benchmark", "plover", "--split", "all", "--data", str(BENCHMARKS), "--limit", "25",
                  "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["dataset"] == "plover" and report["items"] == 25 and report["level"] == "sentence"
    scores = report["scores"]
    assert 0 <= scores["f1"] <= 1 and scores["gold"] > 0
    assert report["cannot_score"]


def test_evaluate_json_on_the_own_gold_set():
    result = _run("evaluate", "tests/data/gold/attacks.jsonl", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] >= 15 and report["gold"] > 0 and "ASSAULT" in report["types"]
