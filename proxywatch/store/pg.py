"""The PostgreSQL backend (psycopg 3): a shared store several ingest processes and readers use at once.

``--db postgresql://user@host:port/dbname``. The schema and migrations are DuckDB's, translated
(:mod:`proxywatch.store.dialect`); so is every query. Bulk writes are one ``COPY ... FROM STDIN``
per table per batch. A write transaction first takes the store's write lock (a transaction-level
advisory lock), so concurrent ingest processes extract in parallel and write whole batches one
after another: an article sent by two processes is stored once (the later replaces the earlier),
and the merge of one batch sees every batch committed before it.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from proxywatch.errors import StoreError
from proxywatch.store.base import TABLES, Store, is_postgres, register_backend
from proxywatch.store.faults import check_schema
from proxywatch.store.migrations import MIGRATIONS

__all__ = ["PgStore"]

_WRITE_LOCK = 0x70727877  # "prxw": the advisory lock key every proxywatch writer takes


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        raise StoreError("PostgreSQL stores need psycopg (pip install 'psycopg[binary]')") from None
    return psycopg


class PgStore(Store):
    """A proxywatch database in PostgreSQL."""

    dialect = "postgres"

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        psycopg = _psycopg()
        self.path = str(path)
        self._psycopg = psycopg
        self._read_only = read_only
        try:
            self._con = psycopg.connect(self.path, autocommit=True)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{_redact(self.path)}: cannot open database ({reason})") from None
        self._url = self.path
        self.path = _redact(self.path)
        # a Python str is text (psycopg's default leaves it untyped, which "? IS NULL" cannot use)
        self._con.adapters.register_dumper(str, _text_dumper())
        try:
            self._con.execute("SET TIME ZONE 'UTC'")
            if read_only:
                self._con.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                check_schema(self.path, self.schema_version(), len(MIGRATIONS))  # refused for every command
                if self.schema_version() == 0:
                    raise StoreError(f"{self.path}: not a proxywatch database (no schema version)")
            else:
                self.migrate()
        except BaseException:
            self._con.close()
            raise

    def close(self) -> None:
        self._con.close()

    def migrate(self) -> int:
        from proxywatch.store.dialect import PG_FUNCTIONS

        self._begin()  # the write lock: two processes opening a new store do not both create it
        try:
            for statement in PG_FUNCTIONS:
                self._con.execute(statement)
            self._commit()
        except self._psycopg.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot prepare the database ({str(exc).splitlines()[0]})") from None
        return super().migrate()

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        from proxywatch.store.dialect import to_postgres  # sqlglot is imported only for PostgreSQL

        text, count = to_postgres(query)
        values = list(params)
        if count != len(values):
            raise StoreError(f"query takes {count} parameters, {len(values)} given")
        cursor = self._con.execute(text, {f"p{i}": v for i, v in enumerate(values)})
        return cursor.fetchall() if cursor.description else []

    def _bulk(self, table: str, rows: Any) -> None:
        if hasattr(rows, "num_rows"):  # an Arrow table (Store.put_rows): its rows as tuples
            rows = list(zip(*(column.to_pylist() for column in rows.columns)))
        if not rows:
            return
        columns = ", ".join(name for name, _ in TABLES[table])
        with self._con.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _begin(self) -> None:
        self._con.execute("BEGIN")
        if not self._read_only:
            self._con.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])

    def _commit(self) -> None:
        self._con.execute("COMMIT")

    def _rollback(self) -> None:
        if self._con.closed:
            return
        self._con.execute("ROLLBACK")

    def _error_types(self) -> tuple[type[BaseException], ...]:
        return (self._psycopg.Error,)

    def _stream(self, query: str, size: int = 10_000):
        from proxywatch.store.dialect import to_postgres

        text, _ = to_postgres(query)
        with self._con.transaction(), self._con.cursor(name="proxywatch_stream") as cursor:
            cursor.execute(text)
            while chunk := cursor.fetchmany(size):
                yield chunk


    def stream(self, query: str, params: Sequence[Any] = (), batch: int = 2048) -> Iterator[dict[str, Any]]:
        from proxywatch.store.dialect import to_postgres

        text, _ = to_postgres(query)
        # a connection of its own: a server-side cursor needs a transaction, and other reads go on meanwhile
        with self._psycopg.connect(self._url, autocommit=False) as con, con.cursor(name="proxywatch_rows") as cursor:
            con.adapters.register_dumper(str, _text_dumper())
            cursor.execute(text, {f"p{i}": v for i, v in enumerate(params)})
            names = None
            while rows := cursor.fetchmany(batch):
                names = names or [d.name for d in cursor.description]
                for row in rows:
                    yield dict(zip(names, row))

    def stream_arrow(self, query: str, params: Sequence[Any] = (), batch: int = 65536) -> Iterator[Any]:
        import pyarrow as pa

        rows: list[dict[str, Any]] = []
        for row in self.stream(query, params, batch):
            rows.append(row)
            if len(rows) >= batch:
                yield pa.RecordBatch.from_pylist(rows)
                rows = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows)


def _text_dumper() -> Any:
    from psycopg.types.string import StrDumper

    return StrDumper


def _redact(url: str) -> str:
    """The URL without its password, fit for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


register_backend(is_postgres, PgStore)
