"""The demo store, built once for the web tests (in-process ingest with the session's extractor).

Expected numbers are always taken from the store itself or from the CLI, never hard-coded: the demo's
counts move as extraction improves.
"""

from __future__ import annotations

from importlib import resources

import pytest

from proxywatch import jobs
from proxywatch.ingest.readers import ReadOptions
from proxywatch.store import Store

DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, extractor):
    """Path of a file store holding the demo corpus (written once, then only read)."""
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with resources.as_file(DEMO) as corpus:
        articles = jobs.collect([str(corpus)], ReadOptions(), lambda p: None)
    with Store(path) as store:
        jobs.ingest(articles, store, extractor, lambda p: None)
    return str(path)


@pytest.fixture(scope="session")
def web_backend(demo_db, extractor):
    """The app over the demo store, read-only, with the session's extractor already loaded."""
    from proxywatch.serve.web.app import create_app

    store = Store(demo_db, read_only=True)
    app = create_app(store)
    inner = app.app  # the FastAPI app inside the limits middleware
    inner.state.backend._extractor = extractor  # the test session's pipeline: no second load
    inner.state.backend._kb = extractor.kb
    yield app
    store.close()


@pytest.fixture(scope="session")
def client(web_backend):
    from fastapi.testclient import TestClient

    with TestClient(web_backend, raise_server_exceptions=False) as c:
        yield c
