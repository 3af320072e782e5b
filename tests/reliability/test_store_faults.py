"""Probes: the database file is foreign, damaged, newer, locked or on a full disk.

Each gives one line naming the file and what to do, never a traceback; a store on a full disk keeps
what it had and a re-run completes; a file in another engine's format makes no network call (DuckDB
would otherwise download a scanner extension to read it).
"""

from __future__ import annotations

import http.server
import os
import socketserver
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from proxywatch.errors import StoreError
from proxywatch.jobs import store_batch
from proxywatch.records import Article
from proxywatch.store import Store
from proxywatch.store.migrations import MIGRATIONS

CONSOLE = Path(sys.executable).with_name("proxywatch")


def article(n: int, size: int = 200) -> Article:
    words = ("the weather in the valley was mild and the market stalls were busy until late in the evening " * 400)
    return Article(id=f"art-{n}", text=f"Report {n}: " + words[:size], published="2024-01-02")


def sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a)")
    con.commit()
    con.close()
    return path


@pytest.fixture
def extension_server(monkeypatch, tmp_path):
    """A loopback HTTP server standing in for DuckDB's extension repository; every duckdb.connect is
    pointed at it (and at an empty extension folder), so a download attempt is seen as a request."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    real = duckdb.connect

    def connect(database=":memory:", read_only=False, config=None):
        config = {**(config or {}), "custom_extension_repository": f"http://127.0.0.1:{server.server_address[1]}",
                  "extension_directory": str(tmp_path / "extensions")}
        return real(database, read_only=read_only, config=config)

    monkeypatch.setattr(duckdb, "connect", connect)
    yield hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_sqlite_file_is_refused_in_one_line_with_no_network_call(tmp_path, extension_server, read_only):
    path = sqlite_file(tmp_path / "other.db")
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        Store(path, read_only=read_only)
    assert str(info.value) == f"{path}: is a SQLite database, not a proxywatch database; nothing was read or changed"
    assert extension_server == [], "DuckDB tried to download an extension"
    assert path.read_bytes() == before


def test_duckdb_itself_is_opened_with_extension_autoload_off(tmp_path, extension_server, monkeypatch):
    """Even a file the header check lets through never makes DuckDB fetch an extension."""
    import proxywatch.store.duck as duck

    monkeypatch.setattr(duck, "check_database_file", lambda path: None)
    path = sqlite_file(tmp_path / "other.duckdb")
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "\n" not in str(info.value)
    assert extension_server == []


@pytest.mark.parametrize("content, what", [
    (b"", "is an empty file"),
    (b"PAR1" + bytes(60), "is a Parquet file"),
    (b"hello, this is not a database at all" * 20, "is not a DuckDB database file"),
])
def test_other_files_are_refused_by_their_header(tmp_path, content, what):
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value).startswith(f"{path}: {what}")
    assert path.read_bytes() == content


def test_a_folder_or_device_is_refused_as_a_database(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    fifo = tmp_path / "pipe.duckdb"
    os.mkfifo(fifo)  # not the machine's /dev/null: a probe that fails must not touch it
    with pytest.raises(StoreError, match="not a regular file"):
        Store(fifo, read_only=True)


def damaged_store(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.duckdb"
    with Store(path) as store:
        store_batch(store, [(article(n, 3000), []) for n in range(200)])
    data = bytearray(path.read_bytes())
    assert data[8:12] == b"DUCK"
    for at in range(4096 * 3, len(data), 4096 * 2):  # scribble over every other block after the headers
        data[at:at + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_store_is_reported_as_damaged_not_as_in_use(tmp_path):
    path = damaged_store(tmp_path)
    with pytest.raises(StoreError) as info:
        with Store(path, read_only=True) as store:
            store.counts()
            list(store.events())
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: the database file is damaged (")
    assert "in use" not in message
    assert info.value.kind == "corrupt"


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    ["events"], ["export", "-f", "csv", "-o", "{out}"], ["trend"], ["ingest", "{input}"],
])
def test_a_newer_schema_is_refused_by_every_command_with_its_version(tmp_path, command):
    path = tmp_path / "future.duckdb"
    with Store(path) as store:
        store_batch(store, [(article(1), [])])
        store.sql("INSERT INTO schema_version VALUES (?, now())", [len(MIGRATIONS) + 1])
    before = path.read_bytes()
    (tmp_path / "in.txt").write_text("Militants attacked a base on Monday.\n")
    args = [a.format(out=tmp_path / "out.csv", input=tmp_path / "in.txt") for a in command]
    result = subprocess.run([str(CONSOLE), *args, "--db", str(path)], capture_output=True, text=True, timeout=300,
                            cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        f"error: {path}: database schema version {len(MIGRATIONS) + 1} is newer than this proxywatch "
        f"(schema version {len(MIGRATIONS)}); upgrade proxywatch. Nothing was read or written")
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()


class FullDiskAtCommit:
    """The store's connection, failing every COMMIT the way a full disk does."""

    def __init__(self, con):
        self.con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise duckdb.IOException('IO Error: Could not write file "store.duckdb.wal": No space left on device')
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_a_commit_on_a_full_disk_gives_one_line_and_a_rerun_completes(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store_batch(store, [(article(0), [])])
        real = store._con
        store._con = FullDiskAtCommit(real)
        with pytest.raises(StoreError) as info:
            store_batch(store, [(article(1), []), (article(2), [])])
        store._con = real
        message = str(info.value)
        assert info.value.kind == "disk_full"
        assert "\n" not in message and message.startswith(f"{path}: the disk is full")
        assert store.counts()["articles"] == 1, "the failed batch left nothing behind"
        store_batch(store, [(article(1), []), (article(2), [])])  # space freed: the same batch again
        assert store.counts()["articles"] == 3


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
def test_ingest_on_a_full_disk_says_so_in_one_line_and_a_rerun_completes(tmp_path):
    """A real full disk: a 3 MB tmpfs (needs root; the COMMIT fault above covers other machines)."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "3m"):
        pytest.skip("cannot mount a tmpfs here (not root); the injected COMMIT fault covers this")
    try:
        texts = tmp_path / "articles.jsonl"
        words = "the weather in the valley was mild and the market stalls were busy until late in the evening "
        # no trigger word: nothing to parse, the articles only fill the disk (text is stored twice)
        lines = [f'{{"id": "a{n}", "published": "2024-01-02", "text": "Note {n}: {words * 60}"}}' for n in range(400)]
        texts.write_text("\n".join(lines) + "\n")
        db = disk / "s.duckdb"
        full = subprocess.run([str(CONSOLE), "ingest", str(texts), "--db", str(db)], capture_output=True, text=True,
                              timeout=600, cwd=tmp_path)
        assert full.returncode == 1, full.stderr
        errors = [line for line in full.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "the disk is full" in errors[0], full.stderr
        assert "Traceback" not in full.stderr
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = subprocess.run([str(CONSOLE), "ingest", str(texts), "--db", str(db)], capture_output=True,
                               text=True, timeout=600, cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        with Store(db, read_only=True) as store:
            assert store.counts()["articles"] == 400
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
