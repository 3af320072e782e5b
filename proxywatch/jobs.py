"""Jobs that run the stages end to end: read → extract → merge → store. The CLI is a thin layer over these.

A write is composed here: the store stores (``Store.put_rows``), ``merge.py`` decides which
canonical events change (``merge.recluster``, reading the store through its ``MentionSource``
methods) and the store keeps its tables in step (``Store.replace_canonical``), all in one
transaction (:func:`store_batch`).

Bad input never stops a job: each problem is passed to ``on_problem`` and the
rest of the batch goes on. Extraction that fails on one article, or takes longer
than its time budget (setting ``article_seconds``), is reported the same way.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from proxywatch.analyse.claims import ClaimReport, check_article
from proxywatch.evaluate.benchmarks import DATASETS
from proxywatch.evaluate.scoring import score
from proxywatch.errors import InputProblem, StoreError
from proxywatch.extract.pipeline import Extractor
from proxywatch.ingest.gold import gold_article
from proxywatch.ingest.lake import read_lake
from proxywatch.ingest.readers import ReadOptions, input_files, read_file
from proxywatch.records import Article, Event
from proxywatch.merge import BatchFirst, MergeRules, canonicalise, recluster
from proxywatch.store import BatchRows, EventQuery, Store, batch_rows

__all__ = ["BenchmarkResult", "IngestSummary", "OverBudget", "PARSE_BATCH", "check_claims", "collect",
           "extract_articles", "ingest", "ingest_on_dask", "ingest_events", "longest_first", "run_benchmark",
           "store_batch", "store_rows", "rebuild_canonical", "time_budget"]

ProblemSink = Callable[[InputProblem], None]
Progress = Callable[[int], None]
# Articles the language pipeline parses together while ingesting (a store batch is ``batch_size``):
# a batch of 32 news articles took 240 MB more memory at its peak than one of 8, for the same CPU.
PARSE_BATCH = 8


@dataclass
class IngestSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    def stored(self, store: Store, rows: BatchRows, known: dict[str, str], rules: MergeRules | None,
               on_problem: ProblemSink | None = None) -> None:
        """Write one extracted batch's rows (:func:`store_rows`) and count it; ``known`` are the hashes
        stored before the job, which tell new articles from changed ones. With ``on_problem``, an
        article whose rows cannot be stored is reported and left out, and the rest stored (:func:`_write`)."""
        written = _write(store, rows, rules, on_problem) if rows.article_ids else []
        self.events += sum(part.events.num_rows for part in written)
        ids = [article_id for part in written for article_id in part.article_ids]
        changed = sum(1 for article_id in ids if article_id in known)
        self.changed += changed
        self.new += len(ids) - changed

    def line(self) -> str:
        return (f"articles: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{self.failed} failed; events stored: {self.events}")


def collect(paths: Iterable[str], opts: ReadOptions, on_problem: ProblemSink) -> list[Article]:
    """Read every article; problems go to ``on_problem``; an id seen twice keeps its first article."""
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in input_files((Path(p) for p in paths), opts.follow_symlinks):
        if isinstance(path, InputProblem):
            on_problem(path)
            continue
        for item in read_file(path, opts):
            if isinstance(item, InputProblem):
                on_problem(item)
            elif item.id in seen:
                on_problem(InputProblem.at(path, f"article id {item.id!r} was already read from {seen[item.id]}; skipped"))
            else:
                seen[item.id] = str(path)
                articles.append(item)
    return articles


class OverBudget(Exception):
    """Raised inside a :func:`time_budget` block that ran out of time."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the block if it runs longer than ``seconds`` of wall-clock time.

    A POSIX interval timer interrupts the Python code of the main thread; elsewhere (another thread, a
    system without ``setitimer``) and with no ``seconds`` the block runs unbounded. The exception may
    also surface just after the block ends, so catch it around the ``with``.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    armed = [True]

    def expired(signum: int, frame: object) -> None:
        if armed[0]:
            raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _failed(article: Article, exc: Exception, seconds: float | None) -> InputProblem:
    if isinstance(exc, OverBudget):
        return InputProblem.at(f"article {article.id}", f"extraction took longer than {seconds:g} s "
                               "(setting article_seconds); skipped")
    return InputProblem.at(f"article {article.id}", f"extraction failed ({type(exc).__name__}: {exc}); skipped")


def extract_articles(extractor: Extractor, articles: Sequence[Article], on_problem: ProblemSink,
                     batch_size: int = 16, seconds: float | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """Events per article, in input order; an article whose extraction fails or takes longer than
    ``seconds`` is reported and skipped, and the others go on.

    Articles are parsed in batches; if parsing a batch fails, the articles not yet done are parsed one at
    a time, so only the article that fails is lost.
    """
    articles = list(articles)
    if seconds and articles:
        extractor.kb.gazetteer.load_indexes()  # built once, in seconds: not on the first article's clock
    parsed = extractor.parse(articles, batch_size)
    done = 0
    while done < len(articles):
        try:
            doc, article = next(parsed)
        except StopIteration:
            return
        except Exception:  # which article broke the batch is found below, one at a time
            break
        done += 1
        try:
            with time_budget(seconds):
                events = extractor.extract_doc(article, doc)
        except Exception as exc:  # one article's failure must not lose the batch
            on_problem(_failed(article, exc, seconds))
            continue
        yield article, events
    for article in articles[done:]:
        try:
            with time_budget(seconds):
                events = extractor.extract(article)
        except Exception as exc:
            on_problem(_failed(article, exc, seconds))
            continue
        yield article, events


def store_batch(store: Store, batch: Sequence[tuple[Article, Sequence[Event]]],
                rules: MergeRules | None = None) -> int:
    """Store articles with their events and merge them into canonical events, in one transaction;
    return the events written (:func:`store_rows` of the batch's rows)."""
    return store_rows(store, batch_rows(batch), rules)


def store_rows(store: Store, rows: BatchRows, rules: MergeRules | None = None) -> int:
    """Store a batch's rows (``store.batch_rows``, made here or on a Dask worker) and merge its
    mentions into canonical events, in one transaction; return the events written.

    An article already stored is replaced together with all its events: the canonical events its
    old mentions were in are dropped, and their other members reclustered with the new mentions.
    Only such articles are looked for in the canonical tables, so a batch of new articles costs
    the same however large the store.
    """
    rules = rules or MergeRules()
    with store.transaction("write"):
        replaced = list(store.stored_hashes(rows.article_ids))
        orphans: list[str] = []
        if replaced:
            orphans = store.canonical_comembers_of_articles(replaced)
            store.replace_canonical((), (), article_ids=replaced)
        seeds = store.put_rows(rows, replaced)
        # the batch's own mentions come from its rows, the rest from the store (merge.BatchFirst)
        source = BatchFirst(store, rows.article_ids, rows.mentions())
        group, events = recluster(seeds + orphans, source, rules)
        store.replace_canonical(group, events)
    return rows.events.num_rows


def _write(store: Store, rows: BatchRows, rules: MergeRules | None,
           on_problem: ProblemSink | None) -> list[BatchRows]:
    """Write a batch's rows in one transaction (:func:`store_rows`) and return what was stored. When the
    rows are at fault rather than the database (``StoreError.kind == "data"``), each article is written
    alone and only the bad one is reported and left out; a full disk, a lock or a damaged file stops the
    job (raised), as does any failure with no ``on_problem`` to report to."""
    try:
        store_rows(store, rows, rules)
        return [rows]
    except StoreError as exc:
        if exc.kind != "data" or on_problem is None:
            raise
        if len(rows.article_ids) == 1:
            on_problem(InputProblem.at(f"article {rows.article_ids[0]}", f"not stored ({exc}); skipped"))
            return []
    return [part for one in rows.per_article() for part in _write(store, one, rules, on_problem)]


def rebuild_canonical(store: Store, rules: MergeRules | None = None) -> int:
    """Recompute every canonical event (and the merge index) from the stored mentions, in one transaction."""
    with store.transaction("canonical rebuild"):
        store.clear_canonical()
        mentions = store.merge_mentions()
        store.index_mentions(mentions)
        return store.replace_canonical((), canonicalise(mentions, rules or MergeRules()))


def ingest(articles: Sequence[Article], store: Store, extractor: Extractor, on_problem: ProblemSink,
           batch_size: int = 32, progress: Progress | None = None, rules: MergeRules | None = None,
           seconds: float | None = None) -> IngestSummary:
    """Store articles and their events; unchanged articles are skipped, changed ones replaced.

    Each batch of ``batch_size`` articles is one transaction, canonical events (merged by ``rules``)
    included. ``seconds`` is the time budget of one article's extraction (see :func:`extract_articles`).
    """
    summary = IngestSummary()

    def problem(p: InputProblem) -> None:
        summary.failed += 1
        on_problem(p)

    for offset in range(0, len(articles), batch_size):
        chunk = articles[offset: offset + batch_size]
        stored = store.stored_hashes([a.id for a in chunk])
        todo = [a for a in chunk if stored.get(a.id) != a.content_hash]
        summary.unchanged += len(chunk) - len(todo)
        extracted = list(extract_articles(extractor, todo, problem, PARSE_BATCH, seconds))
        summary.stored(store, batch_rows(extracted, problem), stored, rules, problem)
        if progress:
            progress(len(chunk))
    return summary


def ingest_events(folder: Path, store: Store, on_problem: ProblemSink, batch_size: int = 256,
                  progress: Progress | None = None, rules: MergeRules | None = None) -> IngestSummary:
    """Store the articles and event records of an event lake (``ingest.lake``) and merge them.

    Nothing is extracted: the records are stored as they are. An article already stored with the
    same content is skipped, a changed one replaced; each batch is one transaction.
    """
    summary = IngestSummary()

    def flush(batch: list[tuple[Article, list[Event]]]) -> None:
        stored = store.stored_hashes([a.id for a, _ in batch])
        todo = [(a, events) for a, events in batch if stored.get(a.id) != a.content_hash]
        summary.unchanged += len(batch) - len(todo)
        summary.stored(store, batch_rows(todo), stored, rules)
        if progress:
            progress(len(batch))

    batch: list[tuple[Article, list[Event]]] = []
    for item in read_lake(folder):
        if isinstance(item, InputProblem):
            summary.failed += 1
            on_problem(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
    return summary


def _extract_on_worker(articles: Sequence[Article], parse_batch: int) -> tuple[BatchRows, list[InputProblem]]:
    """A Dask task: a batch of articles extracted by the worker's own extractor, handed back as the
    rows the store writes (Arrow tables: compact to send, and nothing left to convert in the job's
    own process), with the problems met."""
    from proxywatch.cluster import worker_extractor

    problems: list[InputProblem] = []
    extracted = list(extract_articles(worker_extractor(), articles, problems.append, parse_batch))
    return batch_rows(extracted, problems.append), problems


def longest_first(articles: Sequence[Article], batch_size: int) -> list[list[Article]]:
    """The articles cut into batches of ``batch_size`` in input order, the batch with the most text
    first (ties in input order): Dask hands out tasks in the order they are submitted, so a job does
    not end with one worker on a long batch while the others have nothing left to do."""
    batches = [list(articles[i: i + batch_size]) for i in range(0, len(articles), batch_size)]
    return sorted(batches, key=lambda batch: -sum(len(a.text) for a in batch))


def ingest_on_dask(articles: Sequence[Article], store: Store, client: Any, on_problem: ProblemSink,
                   batch_size: int = 32, progress: Progress | None = None,
                   rules: MergeRules | None = None) -> IngestSummary:
    """:func:`ingest` with extraction spread over a Dask cluster (``cluster.dask_client``).

    Batches are extracted on the workers in any order and each is stored here, as it arrives, in
    its own transaction (canonical events included; the merge does not depend on the order). A
    batch lost with a killed worker is recomputed by Dask and stored once, when it arrives. The
    workers hand back rows ready to write, so this process only writes and merges.
    """
    from distributed import as_completed

    summary = IngestSummary()
    stored: dict[str, str] = {}
    for offset in range(0, len(articles), 1000):
        stored.update(store.stored_hashes([a.id for a in articles[offset: offset + 1000]]))
    todo = [a for a in articles if stored.get(a.id) != a.content_hash]
    summary.unchanged = len(articles) - len(todo)
    if progress and summary.unchanged:
        progress(summary.unchanged)
    futures = [client.submit(_extract_on_worker, batch, PARSE_BATCH, pure=False)
               for batch in longest_first(todo, batch_size)]

    def problem(p: InputProblem) -> None:
        summary.failed += 1
        on_problem(p)

    for future in as_completed(futures):
        rows, problems = future.result()
        future.release()
        for p in problems:
            problem(p)
        summary.stored(store, rows, stored, rules, problem)
        if progress:
            progress(len(rows.article_ids) + len(problems))
    return summary


def check_claims(store: Store, articles: Sequence[Article], extractor: Extractor, on_problem: ProblemSink, *,
                 source: str = "canonical", min_coverage: float = 0.5, pick: EventQuery | None = None,
                 seconds: float | None = None) -> ClaimReport:
    """Read each article's claims and check them against the store: the one function behind
    ``proxywatch claims`` and the HTTP API's ``claims``. An article whose extraction fails (or takes
    longer than ``seconds``) is reported to ``on_problem`` and left out; nothing is written to the store."""
    memo: dict = {}  # the stored tallies, read once for all the articles
    checked = tuple(check_article(store, article, events, extractor.kb, source=source, min_coverage=min_coverage,
                                  pick=pick, memo=memo)
                    for article, events in extract_articles(extractor, articles, on_problem, seconds=seconds))
    return ClaimReport(source, min_coverage, checked)


@dataclass
class BenchmarkResult:
    """One dataset split scored: the figures, and what the set can and cannot score."""

    dataset: str
    split: str
    level: str
    items: int
    words: int
    seconds: float
    scores: dict
    cannot_score: str
    test_only: bool

    def to_json(self) -> dict:
        return {"dataset": self.dataset, "split": self.split, "level": self.level, "items": self.items,
                "words": self.words, "seconds": round(self.seconds, 2), "scores": self.scores,
                "cannot_score": self.cannot_score, "test_only": self.test_only}


def run_benchmark(name: str, split: str, gold: Sequence[dict], extractor: Extractor, on_problem: ProblemSink,
                  batch_size: int = 32, progress: Progress | None = None,
                  seconds: float | None = None) -> BenchmarkResult:
    """Extract from the texts of one converted benchmark split (``load_gold``) and score the events.

    Anchored sets use the contract scorer; document- and snippet-level sets their own variant.
    """
    started = time.perf_counter()
    dataset = DATASETS[name]
    articles = [gold_article(g) for g in gold]
    predictions: dict[str, list[dict]] = {}
    for offset in range(0, len(articles), batch_size):
        chunk = articles[offset: offset + batch_size]
        for article, events in extract_articles(extractor, chunk, on_problem, batch_size, seconds):
            predictions[article.id] = [e.to_json() for e in events]
        if progress:
            progress(len(chunk))
    scores = dataset.score(gold, predictions) if dataset.score else score(gold, predictions).to_json()
    return BenchmarkResult(name, split, dataset.level, len(gold), sum(len(a.text.split()) for a in articles),
                           time.perf_counter() - started, scores, dataset.cannot_score, dataset.test_only)
