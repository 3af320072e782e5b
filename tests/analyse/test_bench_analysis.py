"""A small run of bench/analysis.py (the 10M-event run is kept out of the test suite)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_runs_small_and_prints_every_measurement(tmp_path):
    db = tmp_path / "bench.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "analysis.py"), "--events", "10000", "--days",
                             "300", "--runs", "1", "--db", str(db)], capture_output=True, text=True, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("generate + insert", "trend --by month", "--split sponsor", "daily series", "PELT",
                 "changepoints (whole call)"):
        assert name in result.stdout
    assert "truth 2024-02-28" in result.stdout and "change 2024-02-2" in result.stdout
    assert db.exists()
    again = subprocess.run([sys.executable, str(ROOT / "bench" / "analysis.py"), "--db", str(db)],
                           capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 2 and "already exists" in again.stderr
