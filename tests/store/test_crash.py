"""Acceptance: ``kill -9`` in the middle of an ingest loses at most the open batch, and re-running finishes the job.

The ingest runs as a real ``proxywatch ingest -v`` subprocess with five articles per
transaction; once stderr says a batch was committed it gets SIGKILL. The database must
then open, hold whole batches only (each stored article with exactly the events a clean
run gives it), and a second run must add the rest without duplicates, ending equal to a
clean ingest of the same corpus.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from proxywatch.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

N_ARTICLES = 300
BATCH = 5
FIRST_BATCH_TIMEOUT = 120.0

# Synthetic articles from templates written for this test.
ACTORS = ["Militants", "Gunmen", "Rebel fighters", "Insurgents", "An armed group", "Masked attackers"]
ATTACKS = ["fired rockets at", "attacked", "shelled", "launched a drone at", "ambushed", "stormed"]
TARGETS = ["a military base", "a police checkpoint", "an army convoy", "a border post", "a fuel depot",
           "a supply truck"]
PLACES = ["Erbil", "Kirkuk", "Mosul", "Basra", "Tikrit", "Hodeidah", "Taiz", "Marib", "Homs", "Idlib",
          "Sidon", "Aden"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight"]
EXTRA = [
    "Officials said the area was sealed off while medics treated the wounded.",
    "No group said it was behind the attack by the evening.",
    "Residents reported hearing several loud blasts before dawn.",
    "Security forces later searched nearby farms for the attackers.",
    "A local council member called for calm and more patrols.",
]


def synthetic_article(i: int) -> dict[str, str]:
    place = PLACES[i % len(PLACES)]
    first = (f"{ACTORS[i % 6]} {ATTACKS[(i // 6) % 6]} {TARGETS[(i // 3) % 6]} near {place} "
             f"on {DAYS[(i * 5) % 7]}, killing {NUMBERS[i % 7]} people and wounding {NUMBERS[(i + 3) % 7]} others.")
    sentences = [first] + [EXTRA[(i + j) % len(EXTRA)] for j in range(2 + i % 3)]  # 3 to 5 sentences
    return {
        "id": f"art-{i:04d}",
        "published": (date(2024, 1, 1) + timedelta(days=i % 330)).isoformat(),
        "title": f"Attack near {place}",
        "text": " ".join(sentences),
    }


def cli_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("proxywatch")
    prefix = [str(script)] if script.is_file() else [sys.executable, "-c", "from proxywatch.cli import main; main()"]
    return [*prefix, *args]


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROXYWATCH_")}
    env["HF_HUB_OFFLINE"] = "1"
    env["PROXYWATCH_BATCH_SIZE"] = str(BATCH)
    return env


def summary(stderr: str) -> dict[str, int]:
    last = [line for line in stderr.splitlines() if line.strip()][-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (new|changed|unchanged|failed)", last)}
    assert len(counts) == 4, f"not an ingest summary line: {last!r}"
    return counts


def snapshot(db: Path) -> tuple[list[str], dict[str, set[str]], int, int]:
    """Sorted article ids, event ids per article, event rows and distinct event ids."""
    with Store(db) as store:  # read-write, as the next ingest would open it
        ids = [row[0] for row in store.sql("SELECT id FROM articles ORDER BY id")]
        per_article: dict[str, set[str]] = {}
        for event_id, article_id in store.sql("SELECT id, article_id FROM events"):
            per_article.setdefault(article_id, set()).add(event_id)
        total, distinct = store.sql("SELECT count(*), count(DISTINCT id) FROM events")[0]
    return ids, per_article, total, distinct


def kill_after_first_commit(cmd: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Start ``cmd``, SIGKILL it shortly after its first committed batch; return its status and stderr lines."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stderr:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    seen: list[str] = []
    deadline = time.monotonic() + FIRST_BATCH_TIMEOUT
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no 'committed a batch' line within {FIRST_BATCH_TIMEOUT:.0f} s; stderr so far: {seen}")
            if line is None:
                pytest.fail(f"ingest ended (status {proc.wait()}) before committing a batch; stderr: {seen}")
            seen.append(line)
            if "committed a batch" in line:
                break
        time.sleep(0.3)
        if proc.poll() is not None:
            pytest.fail(f"ingest finished (status {proc.returncode}) before it could be killed; "
                        "the corpus is too small or the machine too fast for this test")
        proc.send_signal(signal.SIGKILL)
        status = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=10)
    proc.stderr.close()
    while True:
        try:
            line = lines.get_nowait()
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
    return status, seen


def test_kill_9_mid_ingest_then_resume(tmp_path):
    started = time.monotonic()
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            fh.write(json.dumps(synthetic_article(i)) + "\n")
    all_ids = [f"art-{i:04d}" for i in range(N_ARTICLES)]
    crashed_db, clean_db = tmp_path / "x.duckdb", tmp_path / "clean.duckdb"
    ingest_into = lambda db, *extra: cli_command("ingest", str(corpus), "--db", str(db), *extra)  # noqa: E731

    # 1. kill -9 shortly after the first committed batch
    status, crash_log = kill_after_first_commit(ingest_into(crashed_db, "-v"), tmp_path)
    assert status == -signal.SIGKILL, f"ingest was not killed mid-run (status {status}); stderr: {crash_log}"
    assert not any("articles:" in line for line in crash_log), "the killed run printed its final summary"
    assert not any("Traceback" in line for line in crash_log)

    # 2. the database opens and holds whole batches only, a prefix of the corpus
    ids, crashed_events, total, distinct = snapshot(crashed_db)
    assert 0 < len(ids) < N_ARTICLES, f"{len(ids)} articles stored; the kill should land mid-run"
    assert len(ids) % BATCH == 0, f"{len(ids)} articles stored: a batch was half written"
    assert ids == all_ids[: len(ids)], "stored articles are not the first whole batches of the corpus"
    assert set(crashed_events) <= set(ids), "events stored for an article that is not stored"
    assert total == distinct
    stored_before_resume = len(ids)

    # 3. resume the killed ingest while a clean ingest runs into a fresh database (two cores, two processes)
    clean = subprocess.Popen(ingest_into(clean_db), cwd=tmp_path, env=cli_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        resumed = subprocess.run(ingest_into(crashed_db), cwd=tmp_path, env=cli_env(),
                                 capture_output=True, text=True, timeout=180)
        _, clean_err = clean.communicate(timeout=180)
    finally:
        if clean.poll() is None:
            clean.kill()
            clean.wait()
    assert clean.returncode == 0, clean_err
    assert summary(clean_err) == {"new": N_ARTICLES, "changed": 0, "unchanged": 0, "failed": 0}
    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert summary(resumed.stderr) == {
        "new": N_ARTICLES - stored_before_resume, "changed": 0, "unchanged": stored_before_resume, "failed": 0,
    }

    clean_ids, clean_events, clean_total, clean_distinct = snapshot(clean_db)
    assert clean_ids == all_ids and clean_total == clean_distinct > 0

    # every article that survived the crash had all its events, exactly as a clean run gives them
    for article_id in ids:
        assert crashed_events.get(article_id, set()) == clean_events.get(article_id, set()), article_id

    # 4. after the resume: all articles, no duplicate events, the same events as the clean run
    final_ids, final_events, final_total, final_distinct = snapshot(crashed_db)
    assert final_ids == all_ids
    assert final_total == final_distinct == clean_total
    assert final_events == clean_events

    elapsed = time.monotonic() - started
    print(f"\nkill -9 test: {stored_before_resume} of {N_ARTICLES} articles stored at the kill; {elapsed:.1f} s")
