"""bench/serve.py end to end on a small synthetic store: a real server, a real HTTP client, a report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_bench_serve_runs_and_reports_every_endpoint(tmp_path):
    out = tmp_path / "serve.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "serve.py"), "--events", "3000", "--days", "60",
                          "--requests", "3", "--out", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(out.read_text())
    assert 2000 < report["canonical_events"] < 4000
    timed = {k: v for k, v in report["results"].items() if isinstance(v, dict)}
    assert len(timed) == 5 and all(v["n"] == 3 and 0 < v["p50_ms"] <= v["max_ms"] for v in timed.values())
