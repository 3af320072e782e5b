"""Bad input through the real command line: one line per problem, no traceback, the good part kept.

Every test runs ``proxywatch`` in a subprocess (the console script's entry point,
``proxywatch.cli.main``) so exit codes, stdout and stderr are exactly what a user sees.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proxywatch.store import Store

pytestmark = pytest.mark.slow

# Every sentence here was written for these tests.
GOOD_JSONL = [
    {"id": "j-1", "published": "2024-03-04",
     "text": "Militants fired rockets at a base near Erbil on Monday, wounding two soldiers."},
    {"id": "j-2", "published": "2024-03-05",
     "text": "Gunmen attacked a checkpoint outside Kirkuk on Tuesday, killing three police officers."},
    {"id": "j-3", "published": "2024-03-06",
     "text": "Insurgents attacked an army post near Mosul on Wednesday, killing one soldier."},
]
TXT_ARTICLE = "Rebels shelled a village near Hodeidah on Thursday, killing four civilians. The group denied it.\n"
TXT_ARTICLE_CHANGED = (
    "Rebels shelled a market near Taiz on Saturday, killing six people. "
    "Separately, a drone hit a fuel depot near Marib.\n"
)
HTML_ARTICLE = (
    "<!DOCTYPE html><html><head><title>Police station raided</title></head><body><article>"
    "<h1>Police station raided</h1>"
    "<p>Armed men stormed a police station in the town of Tikrit late on Friday, officials said.</p>"
    "<p>Two officers were killed and five were wounded in the fighting, which lasted about an hour.</p>"
    "<p>No group has said it carried out the attack, and the attackers fled towards the desert.</p>"
    "</article></body></html>"
)
GOOD_IDS = {"j-1", "j-2", "j-3", "note", "raid"}

# Bad JSONL lines sit between the good ones: line number -> what is wrong.
JSONL_LINES = [
    json.dumps(GOOD_JSONL[0]),                                                  # 1
    "{this is not json",                                                        # 2 not JSON
    json.dumps({"text": "A drone struck a convoy near Deir ez-Zor on Tuesday."}),  # 3 no id
    json.dumps(GOOD_JSONL[1]),                                                  # 4
    json.dumps({"id": "j-no-text", "published": "2024-03-05"}),                 # 5 no text
    json.dumps(GOOD_JSONL[2]),                                                  # 6
]
BAD_JSONL_LINES = (2, 3, 5)
BAD_FILES = ("empty.txt", "latin.txt", "data.txt", "huge.txt", "broken.rss", "menu.html")

CONSOLE_SCRIPT = Path(sys.executable).with_name("proxywatch")


def _cli_prefix() -> list[str]:
    if CONSOLE_SCRIPT.is_file():
        return [str(CONSOLE_SCRIPT)]
    return [sys.executable, "-c", "from proxywatch.cli import main; main()"]


def run_cli(*args: str, cwd: Path, max_file_mb: str | None = "2", timeout: float = 180) -> subprocess.CompletedProcess:
    """Run ``proxywatch ARGS`` with a clean proxywatch environment; ``max_file_mb=None`` keeps the default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROXYWATCH_")}
    env["HF_HUB_OFFLINE"] = "1"
    env["COLUMNS"] = "200"
    if max_file_mb is not None:
        env["PROXYWATCH_MAX_FILE_MB"] = max_file_mb
    result = subprocess.run(
        [*_cli_prefix(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, f"traceback from proxywatch {' '.join(args)}:\n{result.stderr}"
    return result


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def summary_counts(stderr: str) -> dict[str, int]:
    """The numbers of the ingest summary line (the last line on stderr)."""
    last = lines(stderr)[-1]
    found = dict((word, int(n)) for n, word in re.findall(r"(\d+) (new|changed|unchanged|failed)", last))
    events = re.search(r"events stored: (\d+)", last)
    assert events and len(found) == 4, f"not an ingest summary line: {last!r}"
    found["events"] = int(events.group(1))
    return found


def make_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "batch.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text(TXT_ARTICLE, encoding="utf-8")
    (folder / "raid.html").write_text(HTML_ARTICLE, encoding="utf-8")
    # the bad files
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes("A caf\u00e9 was bombed in the old town on Sunday.".encode("latin-1"))
    (folder / "data.txt").write_bytes(b"\x00\x01\x02binary\x00\xff" * 100)
    (folder / "huge.txt").write_bytes(b"Rockets hit the airport. " * (3 * 1024 * 1024 // 25 + 10))  # > 3 MB
    (folder / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Strike</title><description>A strike hit", encoding="utf-8")
    (folder / "menu.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8")
    return folder


def db_state(db: Path) -> tuple[set[str], list[tuple[str, str]], int, int]:
    """Article ids, (event id, article id) pairs, event rows and distinct event ids."""
    with Store(db, read_only=True) as store:
        ids = {row[0] for row in store.sql("SELECT id FROM articles")}
        pairs = store.sql("SELECT id, article_id FROM events ORDER BY id")
        total, distinct = store.sql("SELECT count(*), count(DISTINCT id) FROM events")[0]
    return ids, pairs, total, distinct


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The mixed folder ingested once: (work dir, folder, db, completed process)."""
    work = tmp_path_factory.mktemp("mixed")
    folder = make_corpus(work / "in")
    db = work / "x.duckdb"
    result = run_cli("ingest", str(folder), "--db", str(db), cwd=work)
    return work, folder, db, result


def test_ingest_mixed_folder_reports_each_bad_input_once(ingested):
    work, folder, db, result = ingested
    assert result.returncode == 0, result.stderr
    err = lines(result.stderr)
    summary, problems = err[-1], err[:-1]
    assert summary.startswith("articles: "), result.stderr

    expected = [f"{folder / 'batch.jsonl'}:{n}:" for n in BAD_JSONL_LINES] + [f"{folder / name}:" for name in BAD_FILES]
    assert len(problems) == len(expected), "want exactly one line per bad input:\n" + result.stderr
    for where in expected:
        hits = [line for line in problems if where in line]
        assert len(hits) == 1, f"{where!r} should be on exactly one stderr line:\n{result.stderr}"
    for good in ("note.txt", "raid.html", "batch.jsonl:1:", "batch.jsonl:4:", "batch.jsonl:6:"):
        assert not any(good in line for line in problems), f"good input {good} reported:\n{result.stderr}"
    assert all(line.startswith("warning: ") for line in problems), result.stderr
    # the size problem names the limit that refused it
    (huge,) = [line for line in problems if "huge.txt" in line]
    assert "2 MB limit" in huge and "max_file_mb" in huge

    counts = summary_counts(result.stderr)
    assert counts["new"] == 5 and counts["changed"] == 0 and counts["unchanged"] == 0
    assert counts["failed"] == len(expected)

    ids, pairs, total, distinct = db_state(db)
    assert ids == GOOD_IDS
    assert total == distinct == counts["events"] == len(pairs)
    assert {article for _, article in pairs} <= GOOD_IDS
    assert total > 0


def test_reingest_unchanged_then_changed(ingested, tmp_path):
    _, source, source_db, first = ingested
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "in"
    shutil.copytree(source, folder)
    db = tmp_path / "x.duckdb"
    shutil.copy(source_db, db)
    ids0, pairs0, total0, _ = db_state(db)

    # same folder again: nothing new, nothing re-extracted, nothing duplicated
    again = run_cli("ingest", str(folder), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    counts = summary_counts(again.stderr)
    assert (counts["new"], counts["changed"], counts["unchanged"], counts["events"]) == (0, 0, 5, 0)
    ids1, pairs1, total1, distinct1 = db_state(db)
    assert ids1 == ids0 and pairs1 == pairs0
    assert total1 == distinct1 == total0

    # one article rewritten: it alone is re-extracted, its old events replaced
    old_note = {eid for eid, article in pairs0 if article == "note"}
    (folder / "note.txt").write_text(TXT_ARTICLE_CHANGED, encoding="utf-8")
    changed = run_cli("ingest", str(folder), "--db", str(db), cwd=tmp_path)
    assert changed.returncode == 0, changed.stderr
    counts = summary_counts(changed.stderr)
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (0, 1, 4)
    ids2, pairs2, total2, distinct2 = db_state(db)
    assert ids2 == GOOD_IDS
    assert total2 == distinct2, "duplicate event ids after re-ingesting a changed article"
    new_note = {eid for eid, article in pairs2 if article == "note"}
    assert len(new_note) == counts["events"] > 0
    assert not (old_note & new_note), "events of the old text survived"
    assert [p for p in pairs2 if p[1] != "note"] == [p for p in pairs0 if p[1] != "note"]
    with Store(db, read_only=True) as store:
        assert "Taiz" in store.article("note").text
        evidence = store.sql("SELECT evidence_text FROM events WHERE article_id = 'note'")
    assert all(text in TXT_ARTICLE_CHANGED for (text,) in evidence)


def test_default_limit_refuses_a_50_mb_file(tmp_path):
    big = tmp_path / "big.txt"
    line = b"Rockets hit the airport near the city on Monday morning.\n"
    with big.open("wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert big.stat().st_size > 50 * 1024 * 1024
    db = tmp_path / "x.duckdb"
    result = run_cli("ingest", str(big), "--db", str(db), cwd=tmp_path, max_file_mb=None)
    assert result.returncode == 1, result.stderr  # the only input failed: nothing was done
    problem, summary = lines(result.stderr)
    assert problem.startswith(f"warning: {big}: file is ") and "over the 25 MB limit" in problem
    assert summary_counts(result.stderr)["failed"] == 1
    with Store(db, read_only=True) as store:
        assert store.counts() == {"articles": 0, "events": 0}


def test_extract_strict_exit_status(tmp_path):
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    results = {}
    for strict in (False, True):
        args = ["extract", "--input", str(source)] + (["--strict"] if strict else [])
        results[strict] = run_cli(*args, cwd=tmp_path)
    assert results[False].returncode == 0, results[False].stderr
    assert results[True].returncode == 1, results[True].stderr
    for result in results.values():
        err = lines(result.stderr)
        assert len(err) == len(BAD_JSONL_LINES) + 1, result.stderr
        for n, line in zip(BAD_JSONL_LINES, err):
            assert line.startswith(f"warning: {source}:{n}: "), result.stderr
        assert err[-1].startswith("3 articles, ") and err[-1].endswith(f"{len(BAD_JSONL_LINES)} problems")
    # the good lines still give their records, the same with and without --strict
    records = [json.loads(line) for line in lines(results[True].stdout)]
    assert {r["article_id"] for r in records} == {a["id"] for a in GOOD_JSONL}
    assert all(r["schema"] == "proxywatch.event/1" for r in records)
    assert results[True].stdout == results[False].stdout


def test_extract_missing_input_is_one_error_line(tmp_path):
    missing = tmp_path / "no-such-file.jsonl"
    result = run_cli("extract", "--input", str(missing), cwd=tmp_path)
    assert result.returncode != 0
    assert result.stdout == ""
    (line,) = lines(result.stderr)
    assert line.startswith("error: ") and str(missing) in line


def test_events_without_database(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "missing.duckdb"), cwd=tmp_path)
    assert result.returncode == 2
    (line,) = lines(result.stderr)
    assert line.startswith("error: ") and "missing.duckdb" in line
    assert not (tmp_path / "missing.duckdb").exists(), "a read command must not create a database"


def test_events_unknown_type(ingested, tmp_path):
    _, _, db, _ = ingested
    result = run_cli("events", "--db", str(db), "--type", "NOPE", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = lines(result.stderr)
    assert line.startswith("error: --type") and "'NOPE'" in line and "ASSAULT" in line
