"""The DuckDB store: migrations, the single write path, queries and locking."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from proxywatch.errors import StoreError
from proxywatch.records import Article, Count, DateSpan, Event, Evidence, Party, Place, event_id
from proxywatch.store import EVENT_COLUMNS, BatchRows, EventQuery, Store, batch_rows
from proxywatch.store.migrations import MIGRATIONS
from proxywatch.jobs import store_batch

REPO = Path(__file__).resolve().parents[2]


def article(ident: str, text: str = "Some text about the day.", **kw) -> Article:
    return Article(id=ident, text=text, **kw)


def event(
    art: Article,
    n: int = 0,
    *,
    type: str = "ASSAULT",
    actor: Party | None = None,
    target: Party | None = None,
    country: str | None = None,
    day: str | None = None,
    fatalities: Count | None = None,
) -> Event:
    start = n * 10
    evidence = Evidence(text=art.text[start : start + 5] or "x", start=start, end=start + 5)
    return Event(
        id=event_id(art.id, evidence, type, n),
        article_id=art.id,
        type=type,
        evidence=evidence,
        actor=actor,
        target=target,
        location=Place(text=f"near {country}", country=country, precision="country") if country else None,
        date=DateSpan(day, day, "day", "that day") if day else None,
        fatalities=fatalities,
        confidence=0.6,
    )


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def count(store: Store, table: str, where: str = "TRUE", params=()) -> int:
    return store.sql(f"SELECT count(*) FROM {table} WHERE {where}", params)[0][0]


# --- opening and migrating ---------------------------------------------------------------------


def test_memory_store_is_migrated(store):
    assert len(MIGRATIONS) >= 1
    assert store.schema_version() == len(MIGRATIONS)
    assert count(store, "schema_version") == len(MIGRATIONS)
    assert store.counts() == {"articles": 0, "events": 0}
    columns = [row[0] for row in store.sql("SELECT column_name FROM information_schema.columns "
                                            "WHERE table_name = 'events' ORDER BY ordinal_position")]
    assert columns == list(EVENT_COLUMNS)


def test_file_store_is_migrated(tmp_path):
    path = tmp_path / "pw.duckdb"
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
    assert path.is_file()


def test_reopen_does_not_rerun_migrations(tmp_path):
    path = tmp_path / "pw.duckdb"
    with Store(path) as s:
        first_applied = s.sql("SELECT version, applied_at FROM schema_version ORDER BY version")
        store_batch(s, [(article("keep"), [])])
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert s.sql("SELECT version, applied_at FROM schema_version ORDER BY version") == first_applied
        assert s.migrate() == len(MIGRATIONS)
        assert count(s, "schema_version") == len(MIGRATIONS)
        assert s.counts()["articles"] == 1  # data survived; tables were not recreated


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store(path) as s:
        s.sql("INSERT INTO schema_version VALUES (?, now())", [len(MIGRATIONS) + 1])
    with pytest.raises(StoreError) as info:
        Store(path)
    message = str(info.value)
    assert "\n" not in message
    assert f"schema version {len(MIGRATIONS) + 1} is newer" in message


def test_missing_folder(tmp_path):
    path = tmp_path / "no" / "such" / "dir" / "pw.duckdb"
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == f"{path}: cannot create database, folder {path.parent} does not exist"


def test_read_only_store_on_proxywatch_file(tmp_path):
    path = tmp_path / "pw.duckdb"
    a = article("ro")
    with Store(path) as s:
        store_batch(s, [(a, [event(a, day="2024-01-01")])])
    with Store(path, read_only=True) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert s.counts() == {"articles": 1, "events": 1}


def test_read_only_store_on_foreign_duckdb_file(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO sales VALUES (1, 9.5)")
    con.close()
    with pytest.raises(StoreError) as info:
        Store(path, read_only=True)
    assert str(info.value) == f"{path}: not a proxywatch database (no schema version)"
    # The failed open must not keep the file: it can be opened read-write again here.
    con = duckdb.connect(str(path))
    assert con.execute("SELECT amount FROM sales").fetchall() == [(9.5,)]
    con.close()


def test_read_only_store_on_missing_file(tmp_path):
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError) as info:
        Store(path, read_only=True)
    assert str(info.value).startswith(f"{path}: cannot open database (")
    assert "\n" not in str(info.value)
    assert not path.exists()


@pytest.mark.slow
def test_second_process_gets_a_one_line_lock_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    code = textwrap.dedent(
        """
        import sys
        from proxywatch.errors import StoreError
        from proxywatch.store import Store
        try:
            Store(sys.argv[1])
        except StoreError as exc:
            print(exc)
            sys.exit(3)
        print("opened")
        """
    )
    with Store(path) as holder:
        store_batch(holder, [(article("held"), [])])
        result = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True, text=True, timeout=120, cwd=REPO,
        )
    assert result.returncode == 3, (result.stdout, result.stderr)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0] == (f"{path}: cannot open database (it is in use by another process, PID {os.getpid()}; "
                        "try again when that has finished)")
    assert "Traceback" not in result.stderr
    # Once the holder has closed, the other process can open it.
    again = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                           timeout=120, cwd=REPO)
    assert again.stdout.strip() == "opened", (again.stdout, again.stderr)


# --- the write path ----------------------------------------------------------------------------


def test_write_batch_stores_articles_and_events(store):
    a = article("a1", "Rockets hit the port. Two people died.", published="2024-01-28T10:00:00Z",
                title="Port hit", url="https://example.invalid/a1", source="Wire", metadata={"lang": "en"})
    b = article("b1", "Envoys met on Monday.")
    events_a = [
        event(a, 0, actor=Party("a militia", kind="armed_group", sponsors=("IRN",)), country="YEM",
              day="2024-01-28", fatalities=Count(2, 2)),
        event(a, 1, type="THREATEN"),
    ]
    written = store_batch(store, [(a, events_a), (b, [])])
    assert written == 2
    assert store.counts() == {"articles": 2, "events": 2}
    assert store.article("a1") == a
    assert dict(store.article("a1").metadata) == {"lang": "en"}
    assert store.article("missing") is None
    row = store.sql("SELECT content_hash, published, published_date, title, source FROM articles WHERE id = 'a1'")[0]
    assert row[0] == a.content_hash
    assert row[1] == "2024-01-28T10:00:00Z"
    assert str(row[2]) == "2024-01-28"
    assert row[3:] == ("Port hit", "Wire")
    got = list(store.events())
    assert got == events_a
    flat = store.sql("SELECT actor_kind, actor_sponsors, location_country, fatalities_min, fatalities_max, "
                     "CAST(date_start AS VARCHAR) FROM events WHERE type = 'ASSAULT'")
    assert flat == [("armed_group", ["IRN"], "YEM", 2, 2, "2024-01-28")]


def test_rewriting_an_article_replaces_its_events(store):
    a = article("same", "Text one about events here.")
    other = article("other")
    store_batch(store, [(a, [event(a, 0), event(a, 1)]), (other, [event(other, 0)])])
    assert store.counts() == {"articles": 2, "events": 3}
    changed = article("same", "Text two, rewritten after an update.")
    new_events = [event(changed, 0, type="AID")]
    assert store_batch(store, [(changed, new_events)]) == 1
    assert store.counts() == {"articles": 2, "events": 2}
    assert count(store, "articles", "id = ?", ["same"]) == 1
    assert [e for e in store.events() if e.article_id == "same"] == new_events
    assert store.article("same").text == "Text two, rewritten after an update."
    assert count(store, "events", "article_id = ?", ["other"]) == 1


def test_writing_the_same_batch_twice_gives_no_duplicates(store):
    a = article("twice")
    batch = [(a, [event(a, 0), event(a, 1)])]
    store_batch(store, batch)
    store_batch(store, batch)
    assert store.counts() == {"articles": 1, "events": 2}


def test_article_with_no_events_clears_old_ones(store):
    a = article("clear")
    store_batch(store, [(a, [event(a, 0)])])
    store_batch(store, [(a, [])])
    assert store.counts() == {"articles": 1, "events": 0}


def test_failed_batch_is_rolled_back(store):
    good = article("good")
    store_batch(store, [(good, [event(good, 0)])])
    broken = article("broken")
    bad_event = event(broken, 0)
    # A count too big for the INTEGER column makes the insert fail inside the transaction.
    object.__setattr__(bad_event, "fatalities", Count(10**12, None))
    with pytest.raises(StoreError) as info:
        store_batch(store, [(article("fresh"), []), (broken, [bad_event])])
    assert "rolled back" in str(info.value) and "\n" not in str(info.value)
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.article("fresh") is None


def test_batch_rows_cut_per_article_and_joined_give_the_same_rows():
    a, b, c = article("r1", "Rockets hit the port today."), article("r2", "No events."), article("r3", "Shells fell.")
    batch = [(a, [event(a, 0, country="YEM", day="2024-01-28"), event(a, 1)]), (b, []),
             (c, [event(c, 0, country="SYR")])]
    rows = batch_rows(batch)
    parts = rows.per_article()
    assert [p.article_ids for p in parts] == [("r1",), ("r2",), ("r3",)]
    assert [p.events.num_rows for p in parts] == [2, 0, 1]
    assert parts[0].seeds + parts[2].seeds == rows.seeds and parts[1].seeds == ()
    # only a dated and placed mention has a merge-index entry
    assert [p.merge_index.num_rows for p in parts] == [1, 0, 0] == [rows.merge_index.num_rows, 0, 0]
    assert BatchRows.joined(parts) == rows
    assert [p.article_ids for p in BatchRows.joined([]).per_article()] == []


def test_batch_rows_leave_out_an_article_whose_rows_cannot_be_made():
    a, b = article("fine", "A drone hit a depot."), article("huge", "A bigger number than any.")
    bad = event(b, 0)
    object.__setattr__(bad, "fatalities", Count(10**20, None))  # no Arrow int64 holds it
    problems = []
    rows = batch_rows([(a, [event(a, 0)]), (b, [bad])], problems.append)
    assert rows.article_ids == ("fine",) and rows.events.num_rows == 1
    (line,) = [str(p) for p in problems]
    assert line.startswith("article huge: not stored (its rows cannot be written") and "\n" not in line
    with pytest.raises(OverflowError):
        batch_rows([(b, [bad])])


def test_stored_hashes(store):
    a, b = article("h1", "First text."), article("h2", "Second text.")
    store_batch(store, [(a, []), (b, [])])
    assert store.stored_hashes(["h1", "h2", "nope"]) == {"h1": a.content_hash, "h2": b.content_hash}
    assert store.stored_hashes(["nope"]) == {}
    assert store.stored_hashes([]) == {}
    changed = article("h1", "First text, edited.")
    store_batch(store, [(changed, [])])
    assert store.stored_hashes(["h1"]) == {"h1": changed.content_hash}
    assert changed.content_hash != a.content_hash


def test_data_survives_reopen(tmp_path):
    path = tmp_path / "persist.duckdb"
    a = article("p1")
    evs = [event(a, 0, day="2024-05-01")]
    with Store(path) as s:
        store_batch(s, [(a, evs)])
    with Store(path) as s:
        assert list(s.events()) == evs
        assert s.stored_hashes(["p1"]) == {"p1": a.content_hash}


# --- queries -----------------------------------------------------------------------------------


@pytest.fixture
def filled(store):
    a = article("q1", "x" * 200)
    b = article("q2", "y" * 200)
    militia = Party("an Iran-backed militia", id="kataib-x", name="Kataib Example", country="IRQ",
                    kind="armed_group", sponsors=("IRN",))
    navy = Party("the navy", name="Example Navy", country="USA", kind="military")
    rebels = Party("Rebel Fighters", kind="armed_group", sponsors=("SYR", "RUS"))
    evs = {
        "e1": event(a, 0, actor=militia, target=navy, country="JOR", day="2024-01-28"),
        "e2": event(a, 1, actor=navy, target=militia, country="IRQ", day="2024-02-02"),
        "e3": event(a, 2, type="THREATEN", actor=militia, target=navy, country="IRQ", day="2024-01-10"),
        "e4": event(b, 0, actor=rebels, target=None, country="SYR", day="2023-12-31"),
        "e5": event(b, 1, type="AID", actor=None, target=None, country=None, day=None),
    }
    store_batch(store, [(a, [evs["e1"], evs["e2"], evs["e3"]]), (b, [evs["e4"], evs["e5"]])])
    return store, evs


def names(result, evs) -> set[str]:
    by_id = {e.id: name for name, e in evs.items()}
    return {by_id[e.id] for e in result}


def test_query_all_ordered_by_date(filled):
    store, evs = filled
    got = list(store.events())
    assert [e.id for e in got] == [evs[n].id for n in ("e4", "e3", "e1", "e2", "e5")]
    assert len(list(store.events(limit=2))) == 2


@pytest.mark.parametrize(
    "query, expected",
    [
        (EventQuery(), {"e1", "e2", "e3", "e4", "e5"}),
        (EventQuery(type="ASSAULT"), {"e1", "e2", "e4"}),
        (EventQuery(type="threaten"), {"e3"}),
        (EventQuery(type="PROTEST"), set()),
        (EventQuery(actor="MILITIA"), {"e1", "e3"}),
        (EventQuery(actor="iran-backed"), {"e1", "e3"}),
        (EventQuery(actor="kataib ex"), {"e1", "e3"}),  # matches the resolved name
        (EventQuery(actor="kataib-x"), {"e1", "e3"}),  # exact actor id
        (EventQuery(actor="rebel"), {"e4"}),
        (EventQuery(actor="navy"), {"e2"}),
        (EventQuery(actor="nobody"), set()),
        (EventQuery(sponsor="IRN"), {"e1", "e3"}),
        (EventQuery(sponsor="rus"), {"e4"}),
        (EventQuery(sponsor="USA"), set()),
        (EventQuery(country="IRQ"), {"e2", "e3"}),
        (EventQuery(country="jor"), {"e1"}),
        (EventQuery(target_country="USA"), {"e1", "e3"}),
        (EventQuery(target_country="IRQ"), {"e2"}),
        (EventQuery(since="2024-01-10"), {"e1", "e2", "e3"}),
        (EventQuery(since="2024-01-11"), {"e1", "e2"}),
        (EventQuery(until="2024-01-10"), {"e3", "e4"}),
        (EventQuery(until="2023-12-30"), set()),
        (EventQuery(since="2024-01-28", until="2024-01-28"), {"e1"}),
        (EventQuery(type="ASSAULT", sponsor="IRN", country="JOR", since="2024-01-01"), {"e1"}),
        (EventQuery(type="ASSAULT", actor="militia", target_country="IRQ"), set()),
    ],
)
def test_event_query_filters(filled, query, expected):
    store, evs = filled
    assert names(store.events(query), evs) == expected


def test_event_query_where_clause_parameters():
    where, params = EventQuery(type="assault", actor="Militia", country="irq").where("x")
    assert where.startswith("TRUE AND x.type = ?")
    assert params == ["ASSAULT", "militia", "militia", "Militia", "IRQ"]  # plain substring, no LIKE wildcards
