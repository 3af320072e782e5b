"""Start-up time of the installed ``proxywatch`` console script: ``--help`` of the app and of commands.

    .venv/bin/python bench/cli_startup.py [--runs 30] [--console PATH] [--out bench/results/cli_startup.json]

Runs each command line ``--runs`` times, one after another, as a user does (the console script in a
new process, output to a pipe), after 2 untimed warm-up runs that fill the file cache. Per command it
reports the wall time (median, p90, max) and the process's own CPU time (user + system, from
``resource.getrusage(RUSAGE_CHILDREN)``: what start-up costs whatever else the machine runs), and the
same for ``python -c pass`` with the same interpreter, the floor any Python program pays. The load
average before and after goes with the figures, in the JSON written to ``--out``.
``--console`` times another installation (e.g. main's ``.venv/bin/proxywatch``) for a before/after ratio.

Target (issue 13): ``proxywatch --help`` median under 0.3 s on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (
    ("--help",),
    ("events", "--help"),
    ("ingest", "--help"),
    ("export", "--help"),
    ("trend", "--help"),
    ("kb", "check", "--help"),
    ("--version",),
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(argv: list[str], runs: int, warmup: int = 2) -> dict[str, float]:
    """Wall and CPU seconds of ``argv`` over ``runs`` runs (after ``warmup`` untimed ones)."""
    for _ in range(warmup):
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    walls.sort()
    return {
        "runs": runs,
        "median_s": statistics.median(walls),
        "p90_s": walls[min(len(walls) - 1, round(0.9 * (len(walls) - 1)))],
        "max_s": walls[-1],
        "min_s": walls[0],
        "cpu_median_s": statistics.median(cpus),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--console", type=Path, default=Path(sys.executable).with_name("proxywatch"),
                        help="the console script to time (default: the one beside this Python)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "cli_startup.json")
    args = parser.parse_args()
    if not args.console.is_file():
        parser.error(f"{args.console}: no console script here; run `make install` first")
    python = args.console.with_name("python")
    load_before = os.getloadavg()
    results = {"python -c pass": time_command([str(python), "-c", "pass"], args.runs)}
    for command in COMMANDS:
        results["proxywatch " + " ".join(command)] = time_command([str(args.console), *command], args.runs)
    load_after = os.getloadavg()
    floor = results["python -c pass"]["median_s"]
    print(f"{'command':<32} {'median s':>9} {'p90 s':>7} {'max s':>7} {'CPU s':>7} {'x python':>9}")
    for name, r in results.items():
        print(f"{name:<32} {r['median_s']:9.3f} {r['p90_s']:7.3f} {r['max_s']:7.3f} {r['cpu_median_s']:7.3f} "
              f"{r['median_s'] / floor:9.2f}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 minute); "
          f"{os.cpu_count()} cores")
    record = {
        "console": str(args.console),
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "load_average_before": load_before,
        "load_average_after": load_after,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
