"""The event lake: export --partition-by month writes it, ingest-events reads it back into any store."""

from __future__ import annotations

import pyarrow.dataset as ds
import pytest
from sample_store import MENTIONS, merged_groups, sample_store, snapshot

from proxywatch import jobs
from proxywatch.errors import ProxywatchError
from proxywatch.ingest.lake import read_lake
from proxywatch.serve.export import export_events
from proxywatch.store import Store


def test_a_lake_is_one_folder_per_month_readable_by_pyarrow(db, tmp_path):
    with sample_store(db) as store:
        result = export_events(store, "parquet", tmp_path / "lake", source="all-mentions", partition_by="month")
    assert result.rows == len(MENTIONS)
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == ["month=2023-10", "month=2024-01",
                                                                     "month=2024-02"]
    table = ds.dataset(tmp_path / "lake", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(MENTIONS) and {"record", "article", "month"} <= set(table.column_names)


def test_ingest_events_stores_what_was_exported_and_merges_it(fresh_db, tmp_path):
    with sample_store(fresh_db()) as store:
        export_events(store, "parquet", tmp_path / "lake", source="all-mentions", partition_by="month")
        before = snapshot(store)
    with Store(fresh_db()) as target:
        problems = []
        summary = jobs.ingest_events(tmp_path / "lake", target, problems.append, batch_size=2)
        after = snapshot(target)
        again = jobs.ingest_events(tmp_path / "lake", target, problems.append)
    assert problems == [] and summary.new == 5 and again.unchanged == 5 and again.new == 0
    assert after["articles"] == before["articles"] and after["events"] == before["events"]
    groups = {}
    for canonical_id, event_id, _ in after["links"]:
        groups.setdefault(canonical_id, []).append(event_id)
    assert sorted(sorted(g) for g in groups.values()) == merged_groups()


def test_a_canonical_lake_or_a_foreign_folder_is_reported_not_stored(tmp_path):
    with sample_store() as store:
        export_events(store, "parquet", tmp_path / "canonical", partition_by="month")
    problems = [x for x in read_lake(tmp_path / "canonical") if not isinstance(x, tuple)]
    assert len(problems) == 1 and "--source all-mentions" in str(problems[0])
    (tmp_path / "empty").mkdir()
    (problem,) = read_lake(tmp_path / "empty")
    assert "no Parquet files" in str(problem)


def test_a_lake_is_never_written_over_a_file_or_a_full_folder(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    (tmp_path / "file").write_text("mine")
    with sample_store() as store:
        for target in ("full", "file"):
            with pytest.raises(ProxywatchError, match="already exists"):
                export_events(store, "parquet", tmp_path / target, partition_by="month")
        with pytest.raises(ProxywatchError, match="--partition-by must be one of"):
            export_events(store, "parquet", tmp_path / "new", partition_by="week")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine" and (tmp_path / "file").read_text() == "mine"
