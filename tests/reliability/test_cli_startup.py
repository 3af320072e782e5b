"""Probe: ``--help`` took 1.2-1.5 s because every command imported spaCy, DuckDB and pydantic.

Structural, not timed (the time is measured by ``bench/cli_startup.py``, docs/benchmarks.md): a fresh
interpreter runs the command line as the console script does, and we look at which heavy libraries
it imported. ``--help``, ``--version`` and a command's ``--help`` import none; a command that works
still imports what it needs.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

# Each of these costs from 30 ms (rich) to over a second (spacy) to import; none is needed to print help.
HEAVY = ("spacy", "thinc", "duckdb", "pyarrow", "pydantic", "numpy", "pandas", "matplotlib", "networkx",
         "fastapi", "psycopg", "yaml", "rapidfuzz", "trafilatura", "feedparser", "scipy", "ruptures", "plotly", "rich")

_RUN = """
import json, sys
code = None
args, heavy = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
sys.argv = ["proxywatch", *args]
from proxywatch.cli import main
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "heavy": sorted({m.split(".")[0] for m in sys.modules} & heavy)}), file=sys.stderr)
"""


def heavy_imports(*args: str) -> tuple[int, list[str]]:
    """Exit status of ``proxywatch ARGS`` and the heavy libraries it imported (run in a fresh interpreter)."""
    result = subprocess.run([sys.executable, "-c", _RUN, json.dumps(args), json.dumps(HEAVY)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    return report["code"], report["heavy"]


@pytest.mark.parametrize("args", [
    ("--help",), ("--version",), ("events", "--help"), ("ingest", "--help"), ("extract", "--help"),
    ("export", "--help"), ("trend", "--help"), ("claims", "--help"), ("serve", "--help"), ("kb", "--help"),
    ("kb", "check", "--help"),
])
def test_help_imports_no_heavy_library(args):
    code, heavy = heavy_imports(*args)
    assert code in (0, None) and heavy == [], f"proxywatch {' '.join(args)} imported {heavy}"


def test_every_command_help_imports_no_heavy_library():
    """One interpreter per command is slow; here each command's --help runs in the same one, in turn."""
    import typer.main

    from proxywatch.cli import app

    commands = [[name] for name in typer.main.get_command(app).commands]
    script = (
        "import sys\nfrom proxywatch.cli import app\n"
        f"for args in {commands!r}:\n"
        "    try:\n        app([*args, '--help'], prog_name='proxywatch')\n    except SystemExit:\n        pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert len(commands) >= 20 and result.stderr.strip().splitlines()[-1] == "[]", result.stderr


def test_a_command_that_works_still_imports_what_it_needs(tmp_path):
    """The lazy imports are not lost: ``schema`` builds the JSON Schema with pydantic."""
    code, heavy = heavy_imports("schema")
    assert code in (0, None) and "pydantic" in heavy
