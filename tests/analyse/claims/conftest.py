"""Fixtures for the claim tests: a store of other reports (claim_world.fill) and an empty store."""

from __future__ import annotations

import pytest

from claim_world import fill
from proxywatch.store import Store


@pytest.fixture(scope="module")
def store():
    """Read-only, DuckDB: the tests that write build their own store (of either backend)."""
    with Store(":memory:") as s:
        yield fill(s)


@pytest.fixture()
def empty_store(db):
    """A new store of either backend (tests/conftest.py: DuckDB and PostgreSQL)."""
    with Store(db) as s:
        yield s
