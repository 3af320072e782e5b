"""Extraction on a Dask cluster: ``proxywatch ingest ... --dask local[:N] | tcp://scheduler:8786``.

Each worker loads the language pipeline and the knowledge base once, when it joins (a worker
plugin, :class:`ExtractorPlugin`), and keeps them for every task. The job's articles are cut into
batches; a task extracts one batch and hands back its ``(article, events)`` records; the process
that runs the job writes each batch to the store in its own transaction as it arrives
(``jobs.ingest_on_dask``). So a worker killed mid-run loses nothing: its unfinished batches are
recomputed by the scheduler on another worker, and a batch is written once, when its result
arrives. Workers never touch the store; a remote cluster needs the same proxywatch (and any
``--kb`` files, at the same paths) on every worker.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import dask
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from proxywatch.errors import ProxywatchError
from proxywatch.merge import MergeRules, actor_ancestors

__all__ = ["ExtractorPlugin", "DaskSpec", "parse_dask", "dask_client", "worker_extractor", "merge_rules",
           "PLUGIN_NAME"]

PLUGIN_NAME = "proxywatch-extractor"
_LOADS: list[str] = []  # one entry per ExtractorPlugin.setup in this process
_LOCAL = re.compile(r"^local(?::(\d+))?$")


@dataclass(frozen=True)
class DaskSpec:
    """Where to run: a new local cluster of ``workers`` processes, or a running scheduler's address."""

    address: str | None = None
    workers: int | None = None


def parse_dask(text: str) -> DaskSpec:
    """``local`` (one worker per core), ``local:N`` or ``tcp://host:port`` (a running scheduler)."""
    match = _LOCAL.match(text.strip())
    if match:
        workers = int(match.group(1)) if match.group(1) else None
        if workers is not None and workers < 1:
            raise ProxywatchError(f"--dask local:N needs at least one worker, got {text!r}")
        return DaskSpec(workers=workers)
    if re.match(r"^(tcp|tls|inproc|ucx)://\S+$", text.strip()):
        return DaskSpec(address=text.strip())
    raise ProxywatchError(f"--dask takes local, local:N or a scheduler address such as tcp://host:8786, got {text!r}")


class ExtractorPlugin(WorkerPlugin):
    """Loads the pipeline and the knowledge base once per worker process."""

    name = PLUGIN_NAME

    def __init__(self, model: str, kb_files: Sequence[str] = ()) -> None:
        self.model = model
        self.kb_files = tuple(kb_files)
        self.extractor: Any = None

    def setup(self, worker: Any) -> None:
        from proxywatch.extract import Extractor, load_pipeline
        from proxywatch.resolve import load_kb

        self.extractor = Extractor(load_pipeline(self.model), load_kb(self.kb_files))
        _LOADS.append(self.model)

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def loads_in_this_process() -> int:
    """How many times this process loaded a pipeline and knowledge base (a worker: once)."""
    return len(_LOADS)


def worker_extractor() -> Any:
    """The extractor of the worker this runs on (loaded by :class:`ExtractorPlugin`)."""
    return get_worker().plugins[PLUGIN_NAME].extractor


def _worker_ancestors() -> dict[str, frozenset[str]]:
    return actor_ancestors(worker_extractor().kb)


def merge_rules(client: Client, settings: Any) -> MergeRules:
    """The merge rules of a job on ``client``: the settings' tunables, and the actor hierarchy of
    the workers' knowledge base (asked of one worker: the job's own process loads no knowledge base)."""
    return MergeRules.from_settings(settings, ancestors=client.submit(_worker_ancestors, pure=False).result())


# A local cluster, tuned for a few long CPU-bound tasks on few cores (every CPU second Dask spends is
# taken from extraction there). Dask's defaults trim freed memory back to the system at every 64 kB
# (MALLOC_TRIM_THRESHOLD_, which made extraction spend 12% more CPU than in one process), sample each
# worker with a statistical profiler every 10 ms, check every event loop every 20 ms, every process's
# system figures every 0.5 s and memory every 0.1 s, and balance (steal) tasks between workers: idle,
# a cluster of 2 workers took 1.7 CPU seconds a minute in the job's process and 0.9 in each worker;
# with these settings 0.3 and 0.15. Tasks are handed out as workers free up (Dask's queuing), so no
# stealing is needed to keep both busy.
_LOCAL_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                 "distributed.worker.profile.enabled": False,
                 "distributed.admin.tick.interval": "1s",
                 "distributed.admin.system-monitor.interval": "5s",
                 "distributed.admin.system-monitor.disk": False,
                 "distributed.admin.system-monitor.gil.enabled": False,
                 "distributed.worker.memory.monitor-interval": "1s",
                 "distributed.scheduler.work-stealing": False,
                 "distributed.scheduler.active-memory-manager.start": False}


@contextmanager
def dask_client(spec: DaskSpec, model: str, kb_files: Sequence[str] = (),
                memory_limit: str = "auto") -> Iterator[Client]:
    """A client whose workers (a new local cluster, or a running one's) each hold an extractor."""
    cluster = None
    try:
        if spec.address:
            try:
                client = Client(spec.address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise ProxywatchError(f"--dask {spec.address}: cannot reach the scheduler ({exc})") from None
        else:
            with dask.config.set(_LOCAL_CONFIG):
                cluster = LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, memory_limit=memory_limit,
                                       silence_logs=logging.ERROR)
            client = Client(cluster)
        try:
            client.register_plugin(ExtractorPlugin(model, kb_files))
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
