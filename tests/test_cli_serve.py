"""The serve command: safe defaults, one-line errors, a real server on loopback, FastAPI loaded only by it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxywatch.cli import app
from sample_store import sample_store

runner = CliRunner()
CLI = [sys.executable, "-m", "proxywatch.cli"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "s.duckdb"
    sample_store(str(path)).close()
    return str(path)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("args,message", [
    (["--allow-ingest"], "--allow-ingest needs --token-file"),
    (["--token-file", "t.txt"], "--token-file is used only with --allow-ingest"),
    (["--allow-ingest", "--token-file", "missing.txt"], "no such file"),
])
def test_ingest_needs_a_token_file(db, args, message):
    result = runner.invoke(app, ["serve", "--db", db, *args])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_a_short_token_is_refused(db, tmp_path):
    token = tmp_path / "token"
    token.write_text("short\n")
    result = runner.invoke(app, ["serve", "--db", db, "--allow-ingest", "--token-file", str(token)])
    assert result.exit_code == 2 and "at least 16 characters" in result.output


def test_missing_store_and_busy_port_are_one_line_errors(db, tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--port", str(_free_port())])
    assert result.exit_code == 2 and "no database here" in result.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", db, "--port", str(port)])
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_only_serve_loads_the_web_stack():
    code = "import sys, proxywatch.cli; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.slow
def test_serve_answers_on_loopback_read_only(db):
    import httpx

    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port)], stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).json()
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert health and health["read_only"] is True and health["ingest"] is False
        assert health["canonical_events"] == 5
        page = httpx.get(f"http://127.0.0.1:{port}/events?target_country=USA", timeout=10)
        assert page.status_code == 200 and 'data-id="c1"' in page.text
        post = httpx.post(f"http://127.0.0.1:{port}/api/v1/articles", json={"id": "x", "text": "y"}, timeout=10)
        assert post.status_code in (404, 405)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"open http://127.0.0.1:{port}/" in err and "read-only" in err
    assert Path(db).exists()
