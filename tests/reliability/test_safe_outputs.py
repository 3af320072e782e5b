"""Probes: outputs never clobber what is not a regular file.

``export --output`` used to write a temporary file and rename it over the target: as root ``-o /dev/null``
replaced the device with a regular file, and after a crash ``-o store.duckdb.wal`` replaced the write-ahead
log (96 committed articles lost). Now devices, folders, links, the database and its log are refused before
any work, ``-`` is standard output, and a rename only ever replaces a regular file.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from sample_store import sample_store
from typer.testing import CliRunner

from proxywatch.cli import app
from proxywatch.errors import ProxywatchError

runner = CliRunner()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    sample_store(str(path)).close()
    return path


@pytest.fixture()
def device(tmp_path):
    """A private character device (a twin of /dev/null): a probe that fails must not damage the machine's own."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return node


@pytest.fixture()
def stdout_link(tmp_path):
    """A private twin of /dev/stdout: a symbolic link to this process's standard output."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def refused(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.output


def test_export_refuses_dev_null_and_leaves_it_a_device(db, device):
    result = run("export", "--db", db, "-f", "csv", "-o", device)
    refused(result, "is not a regular file (a device, pipe or socket)")
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_export_refuses_dev_stdout(db, stdout_link):
    refused(run("export", "--db", db, "-f", "csv", "-o", stdout_link), f"{stdout_link}: is a symbolic link")
    assert stdout_link.is_symlink()


def test_export_refuses_the_store_and_its_wal(db, tmp_path):
    before = db.read_bytes()
    refused(run("export", "--db", db, "-f", "csv", "-o", db), "is the database being read")
    refused(run("export", "--db", db, "-f", "csv", "-o", f"{db}.wal"), "is the write-ahead log of the database")
    assert db.read_bytes() == before
    assert not Path(f"{db}.wal").exists()


def test_export_refuses_a_wal_left_by_a_crash(db, tmp_path):
    """The log of another database, present after a crash, is not the one being read: still refused."""
    other = tmp_path / "other.duckdb"
    sample_store(str(other)).close()
    wal = Path(f"{other}.wal")
    wal.write_bytes(b"committed but not yet checkpointed")
    refused(run("export", "--db", db, "-f", "csv", "-o", wal), "is the write-ahead log of a database")
    assert wal.read_bytes() == b"committed but not yet checkpointed"
    refused(run("export", "--db", db, "-f", "jsonl", "-o", other), "is a DuckDB database")


def test_export_refuses_a_folder_and_a_symlink(db, tmp_path):
    refused(run("export", "--db", db, "-f", "csv", "-o", tmp_path), "is a folder")
    real = tmp_path / "real.csv"
    real.write_text("keep me\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    refused(run("export", "--db", db, "-f", "csv", "-o", link), "is a symbolic link")
    assert link.is_symlink() and real.read_text() == "keep me\n"


def test_export_dash_writes_to_standard_output(db, tmp_path):
    result = run("export", "--db", db, "-f", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and "id" in rows[0]
    assert "events written to standard output" in result.stderr
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_export_replaces_a_regular_file_keeping_its_mode_and_leaves_no_temporary_file(db, tmp_path):
    out = tmp_path / "e.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    assert run("export", "--db", db, "-f", "csv", "-o", out).exit_code == 0
    assert next(csv.reader(io.StringIO(out.read_text())))[0] == "id"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.csv", "s.duckdb"]


def test_network_and_plot_outputs_refuse_devices(db, tmp_path, device):
    refused(run("network", "--db", db, "-f", "json", "-o", device), "is not a regular file")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    refused(run("trend", "--db", db, "--plot", fifo), "is not a regular file")
    link = tmp_path / "chart.png"
    link.symlink_to(device)
    refused(run("trend", "--db", db, "--plot", link), "is a symbolic link")
    assert link.is_symlink()


def test_network_dash_writes_json_to_standard_output(db):
    result = run("network", "--db", db, "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert '"nodes"' in result.stdout


def test_a_target_swapped_for_a_device_during_the_export_is_not_replaced(tmp_path):
    """The check is made again just before the rename."""
    from proxywatch.serve.output import atomic_output

    target = tmp_path / "out.txt"
    with pytest.raises(ProxywatchError, match="is a symbolic link"):
        with atomic_output(target) as part:
            part.write_text("data\n")
            target.symlink_to(tmp_path / "elsewhere")  # swapped in while the export ran
    assert target.is_symlink() and not list(tmp_path.glob("*.part"))
