"""Shared fixtures: the spaCy pipeline and knowledge base are loaded once per session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp():
    from proxywatch.extract import load_pipeline
    from proxywatch.settings import Settings

    return load_pipeline(Settings().model)


@pytest.fixture(scope="session")
def kb():
    from proxywatch.resolve import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def extractor(nlp, kb):
    from proxywatch.extract import Extractor

    return Extractor(nlp, kb)


# --- the two store backends ----------------------------------------------------------------------
# ``fresh_db()`` gives the ``--db`` of a new, empty store: ":memory:" (DuckDB) or a new schema in a
# PostgreSQL server the session starts on loopback (tests/pgserver.py). Store and analysis tests
# take it parametrised, so each runs against both backends.

@pytest.fixture(scope="session")
def pg_server():
    from pgserver import PgServer

    server = PgServer()
    yield server
    server.stop()


@pytest.fixture(params=["duckdb", "postgres"])
def backend(request):
    return request.param


@pytest.fixture
def fresh_db(request, backend):
    if backend == "duckdb":
        yield lambda: ":memory:"
        return
    server = request.getfixturevalue("pg_server")
    yield server.new_schema
    server.drop_schemas()


@pytest.fixture
def db(fresh_db):
    """The ``--db`` of one new, empty store of the test's backend."""
    return fresh_db()
