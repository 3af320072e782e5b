"""The DuckDB backend: one file (or ``:memory:``), one writer at a time, the default store.

Bulk writes hand DuckDB one Arrow table per table per batch; every query of
:class:`~proxywatch.store.base.Store` runs as written (DuckDB is the dialect SQL is written in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pyarrow as pa

from proxywatch.errors import StoreError
from proxywatch.store.base import EVENT_COLUMNS, TABLES, EventQuery, Store, is_postgres, register_backend, to_arrow
from proxywatch.store.faults import DUCKDB_CONFIG, check_database_file, check_schema, store_error
from proxywatch.store.migrations import MIGRATIONS

__all__ = ["DuckStore", "Store", "EventQuery", "EVENT_COLUMNS"]

# up to this many keys of a batch are looked up through an index (see ``DuckStore.__init__``)
_KEYS_BY_INDEX = 2048


class DuckStore(Store):
    """A proxywatch database in one DuckDB file (or ``:memory:``)."""

    dialect = "duckdb"

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: cannot create database, folder {parent} does not exist")
            check_database_file(self.path)  # a device, folder or another program's file is never opened
        try:  # extension autoinstall/autoload off: nothing is ever fetched
            self._con = duckdb.connect(self.path, read_only=read_only, config=DUCKDB_CONFIG)
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "open database") from None
        # a look-up by a list of keys (``id IN (SELECT unnest(?))``) becomes a filter DuckDB answers from
        # the key's index only when the list has at most this many keys (default 50); past it every
        # stored row is scanned, so a batch's merge would cost more as the store grows
        try:
            self._con.execute(f"SET dynamic_or_filter_threshold = {_KEYS_BY_INDEX}")
            version = self.schema_version()
            check_schema(self.path, version, len(MIGRATIONS))  # for every command, reading or writing
            if not read_only:
                self.migrate()
            elif version == 0:
                raise StoreError(f"{self.path}: not a proxywatch database (no schema version)", kind="foreign")
        except BaseException:
            self._con.close()  # a half-opened store must not keep the file open
            raise

    def close(self) -> None:
        try:
            self._con.close()  # writes a checkpoint: may meet a full disk (the log keeps the data)
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "close the database") from None

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._con.execute(query, list(params))
        return cursor.fetchall() if cursor.description else []

    def _bulk(self, table: str, rows: Sequence[tuple[Any, ...]] | pa.Table) -> None:
        data = rows if isinstance(rows, pa.Table) else to_arrow(table, rows)
        if not data.num_rows:
            return
        spec = TABLES[table]
        casts = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in spec)
        self._con.register("_proxywatch_bulk", data)
        try:
            self._con.execute(f"INSERT INTO {table} ({', '.join(n for n, _ in spec)}) "
                              f"SELECT {casts} FROM _proxywatch_bulk")
        finally:
            try:
                self._con.unregister("_proxywatch_bulk")
            except duckdb.Error:  # refused in a transaction the failed INSERT aborted: that error is the one to tell
                pass

    def _stream(self, query: str, size: int = 10_000):
        cursor = self._con.cursor()
        try:
            cursor.execute(query)
            while chunk := cursor.fetchmany(size):
                yield chunk
        finally:
            cursor.close()

    def stream(self, query: str, params: Sequence[Any] = (), batch: int = 2048) -> Iterator[dict[str, Any]]:
        cursor = self._con.cursor()
        try:
            cursor.execute(query, list(params))
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(batch):
                for row in rows:
                    yield dict(zip(names, row))
        finally:
            cursor.close()

    def stream_arrow(self, query: str, params: Sequence[Any] = (), batch: int = 65536) -> Iterator[Any]:
        cursor = self._con.cursor()
        try:
            yield from cursor.sql(query, params=list(params)).to_arrow_reader(batch)
        finally:
            cursor.close()

    # A write transaction runs on one DuckDB thread: its statements touch a few rows each through
    # the indexes, and a second thread only added work that grew with the store (+40% CPU a batch at
    # a million mentions, against +2% on one thread). Reads (analysis) keep every thread.
    def _begin(self) -> None:
        self._con.execute("SET threads = 1")
        self._con.execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        try:
            self._con.execute("COMMIT")
        finally:
            self._threads_back()

    def _rollback(self) -> None:
        try:
            self._con.execute("ROLLBACK")
        finally:
            self._threads_back()

    def _threads_back(self) -> None:
        """Every thread again for reads; quietly, so that an error here never hides the commit's own."""
        try:
            self._con.execute("RESET threads")
        except duckdb.Error:
            pass

    def _error_types(self) -> tuple[type[BaseException], ...]:
        return (duckdb.Error,)

    def duckdb_connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection itself (exports write files with DuckDB's ``COPY``)."""
        return self._con


register_backend(lambda db: not is_postgres(db), DuckStore)
