"""Read an event lake back: a folder of Parquet files written by ``export --partition-by month``.

Each row is one stored event record (``record``, contract JSON) with its article's record
(``article``); rows are grouped by article, so an article comes back with all its events whatever
month folders they were filed under. DuckDB reads the folder (``read_parquet`` with Hive
partitions) and does the grouping, so a lake larger than memory streams through. Rows without an
article (a canonical-events lake) cannot be stored as mentions and are reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import duckdb

from proxywatch.errors import ContractError, InputProblem
from proxywatch.records import Article, Event

__all__ = ["read_lake"]


def read_lake(folder: Path, chunk: int = 256) -> Iterator[tuple[Article, list[Event]] | InputProblem]:
    """``(article, events)`` per article of the lake, or a problem for what cannot be read."""
    files = sorted(str(p) for p in Path(folder).rglob("*.parquet"))
    if not files:
        yield InputProblem.at(folder, "no Parquet files here (an event lake is written by "
                                      "`proxywatch export --format parquet --partition-by month`)")
        return
    con = duckdb.connect()
    try:
        columns = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = true)",
                                             [files]).fetchall()}
        if not {"record", "article"} <= columns:
            yield InputProblem.at(folder, "not an event lake: no record and article columns")
            return
        orphans = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true) WHERE article IS NULL",
                              [files]).fetchone()[0]
        if orphans:
            yield InputProblem.at(folder, f"{orphans} rows without an article skipped (canonical events are merged "
                                          "from mentions: export the lake with --source all-mentions)")
        cursor = con.execute(
            "SELECT article, list(record ORDER BY record) FROM read_parquet(?, hive_partitioning = true) "
            "WHERE article IS NOT NULL GROUP BY article ORDER BY article", [files])
        while rows := cursor.fetchmany(chunk):
            for article_json, records in rows:
                try:
                    article = Article.from_json(json.loads(article_json))
                    events = [Event.from_json(json.loads(r)) for r in records]
                except (json.JSONDecodeError, ContractError) as exc:
                    yield InputProblem.at(folder, f"a row that is not a contract record ({exc}); skipped")
                    continue
                yield article, events
    finally:
        con.close()
