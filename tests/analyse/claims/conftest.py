"""Fixtures for the claim tests: a store of other reports (claim_world.fill) and an empty store."""

from __future__ import annotations

import pytest

from claim_world import fill
from proxywatch.store.duck import Store


@pytest.fixture(scope="module")
def store():
    """Read-only: the tests that write build their own store."""
    with Store() as s:
        yield fill(s)


@pytest.fixture()
def empty_store():
    with Store() as s:
        yield s
