"""Extraction on a Dask LocalCluster of two workers: the same store as one process, whatever dies."""

from __future__ import annotations

import os
import signal
from importlib import resources

import pytest
from sample_store import snapshot

from proxywatch import jobs
from proxywatch.cluster import PLUGIN_NAME, DaskSpec, dask_client, loads_in_this_process, parse_dask
from proxywatch.errors import ProxywatchError
from proxywatch.ingest.readers import ReadOptions
from proxywatch.records import Article
from proxywatch.settings import Settings
from proxywatch.store import Store

DEMO = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"


@pytest.fixture(scope="module")
def articles():
    with resources.as_file(DEMO) as path:  # half the demo corpus keeps the test quick
        return jobs.collect([str(path)], ReadOptions(), lambda p: None)[:18]


@pytest.fixture(scope="module")
def one_process(articles, extractor):
    with Store() as store:
        jobs.ingest(articles, store, extractor, lambda p: None)
        return snapshot(store)


@pytest.fixture(scope="module")
def client():
    with dask_client(DaskSpec(workers=2), Settings().model) as c:
        yield c


def test_dask_spec_parsing():
    assert parse_dask("local") == DaskSpec() and parse_dask("local:3") == DaskSpec(workers=3)
    assert parse_dask("tcp://10.0.0.5:8786") == DaskSpec(address="tcp://10.0.0.5:8786")
    for bad in ("local:0", "localhost", "8786", "tcp:/x"):
        with pytest.raises(ProxywatchError, match="--dask"):
            parse_dask(bad)


@pytest.mark.slow
def test_two_workers_store_what_one_process_stores(client, articles, one_process):
    done: list[int] = []
    with Store() as store:
        summary = jobs.ingest_on_dask(articles, store, client, lambda p: None, batch_size=4, progress=done.append)
        assert snapshot(store) == one_process
    assert sum(done) == len(articles) and summary.new == len(articles) and summary.failed == 0
    # each worker holds its extractor, loaded once by the plugin when it joined (not once per task)
    loaded = client.run(lambda dask_worker: dask_worker.plugins[PLUGIN_NAME].extractor is not None)
    assert list(loaded.values()) == [True, True]
    assert list(client.run(loads_in_this_process).values()) == [1, 1]
    # a local cluster for long CPU-bound tasks: no malloc trimming, profiler or work stealing
    assert list(client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values()) == [None, None]
    assert list(client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks).values()) == [False, False]
    assert client.run_on_scheduler(lambda dask_scheduler: "stealing" in dask_scheduler.extensions) is False


def test_batches_go_out_longest_first():
    texts = ["a" * n for n in (5, 50, 1, 1, 40, 7, 300)]
    batches = jobs.longest_first([Article(id=str(i), text=t) for i, t in enumerate(texts)], 2)
    assert [[a.id for a in b] for b in batches] == [["6"], ["0", "1"], ["4", "5"], ["2", "3"]]


@pytest.mark.slow
def test_a_worker_killed_mid_job_loses_and_duplicates_nothing(client, articles, one_process):
    pids = client.run(os.getpid)
    killed: list[int] = []

    def progress(n: int) -> None:
        if not killed:  # after the first stored batch, kill a worker outright (its batches are in flight)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    with Store() as store:
        summary = jobs.ingest_on_dask(articles, store, client, lambda p: None, batch_size=2, progress=progress)
        assert killed and summary.new == len(articles) and summary.failed == 0
        assert store.sql("SELECT count(*), count(DISTINCT id) FROM articles") == [(len(articles), len(articles))]
        assert store.sql("SELECT count(*) FROM (SELECT id, article_id FROM events GROUP BY ALL HAVING count(*) > 1)"
                         ) == [(0,)]
        assert snapshot(store) == one_process
    client.wait_for_workers(2, timeout=120)  # the nanny restarted it, plugin and all
