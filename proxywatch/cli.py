"""The ``proxywatch`` command line: thin wrappers over importable functions.

Records go to standard output; progress, warnings and summaries to standard
error. Every user error is one line, ``error: ...``, with no traceback.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from enum import Enum
from itertools import islice
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import typer

from proxywatch.clikit import (
    ConfigOpt, DbOpt, Group, KbOpt, ReportFormat, app, err, ActorOpt, CountryOpt, SinceOpt, SponsorOpt, StrictOpt,
    FollowOpt, TargetCountryOpt, TypeOpt, UntilOpt, exit_status,
)
from proxywatch.clikit import event_query as _query
from proxywatch.clikit import extractor as _extractor
from proxywatch.clikit import guard as _guard
from proxywatch.clikit import open_existing as _open_existing
from proxywatch.clikit import problem_log as _problem_log
from proxywatch.clikit import progress as _progress
from proxywatch.clikit import read_options as _read_options
from proxywatch.clikit import settings_from as _settings
from proxywatch.clikit import stdout_console as _stdout_console
from proxywatch.clikit import warn as _warn
from proxywatch.errors import InputProblem, ProxywatchError, WorkError
from proxywatch.serve.terminal import json_text
from proxywatch.settings import Settings, describe_settings, load_settings

if TYPE_CHECKING:  # heavy: imported inside the commands that use them, so that --help starts fast
    from rich.console import Console

    from proxywatch import jobs
    from proxywatch.merge import MergeRules
    from proxywatch.store import Store

__all__ = ["app", "main"]

class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class EventsSource(str, Enum):
    all_mentions = "all-mentions"
    mentions = "mentions"
    canonical = "canonical"


class EventsFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def extract(
    paths: Optional[list[Path]] = typer.Argument(None, help="files or folders of articles (JSON Lines, .txt, .html, "
                                                           "RSS/Atom), as ingest takes them; - reads standard input"),
    input: Optional[list[Path]] = typer.Option(None, "--input", "-i", help="the same as PATHS (repeatable)"),
    published: Optional[str] = typer.Option(None, help="publication date for inputs that lack one (ISO 8601)"),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="jsonl (contract records) or table"),
    follow_symlinks: bool = FollowOpt,
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Extract events from articles and print them; stores nothing."""
    from proxywatch import jobs
    from proxywatch.serve.render import write_events

    with _guard():
        settings = _settings(config)
        inputs = [str(p) for p in [*(paths or ()), *(input or ())]]
        if not inputs:
            raise ProxywatchError("give the articles to read: files or folders, or - for standard input")
        for path in inputs:  # nothing to read is a usage error, not one bad input
            if path != "-" and not Path(path).exists():
                raise ProxywatchError(f"{path}: no such file or directory")
        problems, problem = _problem_log()
        articles = jobs.collect(inputs, _read_options(settings, published, follow_symlinks), problem)
        extractor = _extractor(settings, kb)
        out = sys.stdout
        count = done = 0
        with _progress(len(articles)) as bar:
            task = bar.add_task("extracting", total=len(articles))
            pairs = jobs.extract_articles(extractor, articles, problem, seconds=settings.article_seconds)
            if format is ExtractFormat.jsonl:
                for _, events in pairs:
                    count += write_events(events, "jsonl", out)
                    out.flush()
                    done += 1
                    bar.advance(task)
            else:
                collected = []
                for _, events in pairs:
                    collected += events
                    done += 1
                    bar.advance(task)
                count = write_events(collected, "table", out, _stdout_console())
        err.print(f"{len(articles)} articles, {count} events, {len(problems)} problems", markup=False)
        exit_status(done, problems, strict)


def _run_ingest(paths: list[str], store: Store, settings: Settings, published: Optional[str],
                kb: Optional[list[Path]], dask: Optional[str] = None,
                follow_symlinks: bool = False) -> jobs.IngestSummary:
    from proxywatch import jobs
    from proxywatch.merge import MergeRules

    read_problems, problem = _problem_log()
    spec = _dask_spec(dask)
    articles = jobs.collect(paths, _read_options(settings, published, follow_symlinks), problem)
    unread = sum(not p.kept for p in read_problems)
    if spec is None:
        extractor = _extractor(settings, kb)
        rules = MergeRules.from_settings(settings, extractor.kb)
        summary = _ingest_with(articles, store, rules, lambda advance: jobs.ingest(
            articles, store, extractor, problem, settings.batch_size, progress=advance, rules=rules,
            seconds=settings.article_seconds))
    else:
        from proxywatch.cluster import dask_client, merge_rules  # distributed is imported only when asked for

        # the workers load the pipeline and the knowledge base; this process only writes and merges
        with ExitStack() as stack:
            with err.status("starting Dask workers (each loads the language pipeline once)"):
                client = stack.enter_context(dask_client(spec, settings.model, [str(k) for k in kb or ()]))
                rules = merge_rules(client, settings)
            summary = _ingest_with(articles, store, rules, lambda advance: jobs.ingest_on_dask(
                articles, store, client, problem, settings.batch_size, progress=advance, rules=rules))
    summary.failed += unread
    summary.problems = read_problems  # every problem: the unread inputs, and articles not extracted or stored
    return summary


def _ingest_with(articles: list, store: Store, rules: MergeRules, run) -> jobs.IngestSummary:
    """Merge any stored mentions not yet merged, then ``run(advance)`` under a progress bar."""
    from proxywatch import jobs

    unmerged = store.unmerged_mentions()
    if unmerged:  # stored before canonical events (or the merge index) existed: merge them all once
        err.print(f"merging {unmerged} stored mentions into canonical events", markup=False)
        jobs.rebuild_canonical(store, rules)
    with _progress(len(articles)) as bar:
        task = bar.add_task("ingesting", total=len(articles))
        return run(lambda n: (bar.advance(task, n), _log_batch(n)))


def _dask_spec(dask: Optional[str]):
    if not dask:
        return None
    from proxywatch.cluster import parse_dask

    return parse_dask(dask)


_VERBOSE = {"on": False}


def _log_batch(n: int) -> None:
    if _VERBOSE["on"]:
        err.print(f"committed a batch of {n} articles", markup=False)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="files or folders of articles; - reads standard input"),
    db: Optional[str] = DbOpt,
    published: Optional[str] = typer.Option(None, help="publication date for inputs that lack one (ISO 8601)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="log each committed batch"),
    dask: Optional[str] = typer.Option(None, "--dask",
                                       help="extract on Dask workers: local (one per core), local:N, or a "
                                            "scheduler address tcp://host:8786 (docs/scaling.md)"),
    follow_symlinks: bool = FollowOpt,
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Read, extract and store articles; already stored unchanged articles are skipped."""
    from proxywatch.store import Store

    with _guard():
        settings = _settings(config, db=db)
        _VERBOSE["on"] = verbose
        _dask_spec(dask)  # a bad --dask is refused before anything is read
        with Store(settings.db) as store:
            summary = _run_ingest([str(p) for p in paths], store, settings, published, kb, dask, follow_symlinks)
        err.print(summary.line(), markup=False)
        exit_status(summary.new + summary.changed + summary.unchanged, summary.problems, strict)


@app.command("ingest-events")
def ingest_events(
    folder: Path = typer.Argument(..., help="an event lake: the folder `export --format parquet --partition-by "
                                            "month --source all-mentions` writes"),
    db: Optional[str] = DbOpt,
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Store the event records of an event lake (no extraction) and merge them into canonical events."""
    from proxywatch import jobs
    from proxywatch.merge import MergeRules
    from proxywatch.resolve.kb import load_kb
    from proxywatch.store import Store

    with _guard():
        if not folder.is_dir():
            raise ProxywatchError(f"{folder}: no such folder")
        settings = _settings(config, db=db)
        rules = MergeRules.from_settings(settings, load_kb(kb or ()))
        problems, problem = _problem_log()
        with Store(settings.db) as store:
            summary = jobs.ingest_events(folder, store, problem, rules=rules)
        err.print(summary.line(), markup=False)
        done = summary.new + summary.changed + summary.unchanged
        if done == 0:  # an empty lake too: nothing useful was done
            raise typer.Exit(1)
        exit_status(done, problems, strict)


@app.command()
def events(
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    limit: Optional[int] = typer.Option(None, min=1, help="at most this many events"),
    source: EventsSource = typer.Option(
        EventsSource.all_mentions, "--source",
        help="all-mentions (every stored record), mentions (single occurred mentions, what analysis counts) or "
             "canonical (reports merged across articles, with mention and source counts); the names of export"),
    canonical: bool = typer.Option(False, "--canonical", hidden=True, help="the same as --source canonical"),
    format: EventsFormat = typer.Option(EventsFormat.table, "--format", "-f"),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """List stored events, filtered."""
    from proxywatch.serve.canonical import write_canonical
    from proxywatch.serve.render import write_events

    with _guard():
        settings = _settings(config, db=db)
        query = _query(type, actor, sponsor, country, since, until, target_country)
        canonical = canonical or source is EventsSource.canonical
        with _open_existing(settings.db) as store:
            if canonical:
                n = write_canonical(store.canonical_events(query, limit), format.value, sys.stdout,
                                    _stdout_console())
                unmerged = store.unmerged_mentions()
                if unmerged:
                    err.print(f"warning: {unmerged} stored mentions are in no canonical event (stored before "
                              "canonical events existed); any `proxywatch ingest` into this database merges them",
                              markup=False)
            elif source is EventsSource.mentions:  # single, occurred, not negated, not a count of events
                chosen = (e for e in store.events(query) if e.status == "occurred" and not e.negated
                          and e.aggregate is None)
                n = write_events(islice(chosen, limit), format.value, sys.stdout, _stdout_console())
            else:
                n = write_events(store.events(query, limit), format.value, sys.stdout, _stdout_console())
        err.print(f"{n} {'canonical events' if canonical else 'events'}", markup=False)


def _print_summary(store: Store, console: Console) -> None:
    from proxywatch.analyse.summary import events_by_type_and_month, top_actors
    from proxywatch.serve.render import actors_table, type_month_table

    console.print(type_month_table(events_by_type_and_month(store)))
    console.print(actors_table(top_actors(store)))


@app.command()
def demo(
    db: Optional[Path] = typer.Option(None, "--db", help="keep the demo database here (default: a temporary one)"),
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Ingest the bundled demo corpus into a fresh database and summarise it."""
    from proxywatch.store import Store

    with _guard():
        started = time.perf_counter()
        settings = _settings(config)
        corpus = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
        with tempfile.TemporaryDirectory(prefix="proxywatch-demo-") as tmp, resources.as_file(corpus) as path:
            target = db or Path(tmp) / "demo.duckdb"
            if db is not None and db.exists():
                raise ProxywatchError(f"{db}: already exists; the demo writes a fresh database, give a new path")
            with Store(target) as store:
                summary = _run_ingest([str(path)], store, settings, None, kb)
                out = _stdout_console()
                merged = store.canonical_counts()
                out.print(f"proxywatch demo: {summary.line()}; canonical events: {merged['canonical_events']} "
                          f"(from {merged['mentions']} single occurred mentions)")
                _print_summary(store, out)
            where = f"database kept at {db}" if db else "temporary database removed"
            out.print(f"done in {time.perf_counter() - started:.1f} s; {where}. "
                      f"Try: proxywatch events --db {db or 'demo.duckdb'} --type ASSAULT --sponsor IRN")
            if db:
                out.print(f"Browse it: proxywatch serve --db {db}   then open http://127.0.0.1:8000/")


@app.command()
def evaluate(
    gold: list[Path] = typer.Argument(..., help="gold JSON Lines files (contract section 3); - reads standard input"),
    pred: Optional[Path] = typer.Option(None, help="predicted events (JSON Lines); default: extract from the gold texts"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    show: int = typer.Option(25, min=0, help="list at most this many misses, false positives and field errors"),
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Score events against gold annotations (contract section 4): detection P/R/F1 and field accuracy."""
    from proxywatch import jobs
    from proxywatch.evaluate.scoring import score
    from proxywatch.ingest.gold import gold_article, read_gold
    from proxywatch.serve.render import render_report

    with _guard():
        settings = _settings(config)
        problems, problem = _problem_log()
        articles, unread = read_gold(gold)
        for p in unread:
            problem(p)
        if not articles:  # every gold file missing or bad: no score to give
            raise WorkError(f"no gold article could be read from {', '.join(map(str, gold))}")
        if pred is not None:
            predictions = _read_predictions(pred, problem)
        else:
            extractor = _extractor(settings, kb)
            predictions = {a.id: events for a, events in
                           jobs.extract_articles(extractor, [gold_article(g) for g in articles], problem,
                                                 seconds=settings.article_seconds)}
        report = score(articles, predictions)
        if format is ReportFormat.json:
            typer.echo(json_text(report.to_json(), indent=2))
        else:
            render_report(report, _stdout_console(), show)
        exit_status(len(articles), problems, strict)


def _read_predictions(path: Path, problem: Callable[[InputProblem], None]) -> dict[str, list[dict]]:
    from proxywatch.records import Event

    out: dict[str, list[dict]] = {}
    if not path.is_file():
        raise ProxywatchError(f"{path}: no such file")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = Event.from_json(json.loads(line)).to_json()
        except (json.JSONDecodeError, ProxywatchError) as exc:
            problem(InputProblem.at(path, f"not a contract event record ({exc})", number))
            continue
        out.setdefault(record["article_id"], []).append(record)
    return out


@app.command()
def benchmark(
    name: str = typer.Argument(..., help="muc4, wikievents, m2e2, rams, case2021 or plover"),
    split: str = typer.Option("dev", help="dev or test (test: reporting only); see each set's splits"),
    data: Path = typer.Option(Path("../shared/benchmarks"), help="the benchmarks folder, or one dataset's folder"),
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N items (for a quick look)"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Convert a public benchmark split to contract gold, extract from its texts and score it."""
    from proxywatch import jobs
    from proxywatch.evaluate.benchmarks import DATASETS, load_gold
    from proxywatch.serve.render import render_benchmark

    with _guard():
        if name not in DATASETS:
            raise ProxywatchError(f"unknown benchmark {name!r}; known: {', '.join(DATASETS)}")
        if split not in DATASETS[name].splits:
            raise ProxywatchError(f"{name} has splits {', '.join(DATASETS[name].splits)}, not {split!r}")
        if not data.is_dir():
            raise ProxywatchError(f"{data}: benchmarks folder not found (--data)")
        settings = _settings(config)
        extractor = _extractor(settings, kb)
        try:
            gold = load_gold(name, split, data)[:limit]
        except (OSError, ValueError, KeyError) as exc:
            raise ProxywatchError(f"{data}: cannot read {name} {split} ({exc})") from None
        with _progress(len(gold)) as bar:
            task = bar.add_task("extracting", total=len(gold))
            result = jobs.run_benchmark(name, split, gold, extractor, _warn, batch_size=settings.batch_size,
                                        progress=lambda n: bar.advance(task, n), seconds=settings.article_seconds)
        if format is ReportFormat.json:
            typer.echo(json_text(result.to_json(), indent=2))
        else:
            render_benchmark(result.to_json(), _stdout_console())


def _day(on: Optional[str]) -> Optional[str]:
    if on is None:
        return None
    try:
        return date.fromisoformat(on).isoformat()
    except ValueError:
        raise ProxywatchError(f"--on must be a date YYYY-MM-DD, got {on!r}") from None


@app.command()
def actors(
    query: Optional[str] = typer.Argument(None, help="name, alias or id (any spelling); none lists every actor"),
    on: Optional[str] = typer.Option(None, "--on", help="show parents and sponsors in force on this date (YYYY-MM-DD)"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    kb: Optional[list[Path]] = KbOpt,
) -> None:
    """Search the actor knowledge base; one match is shown with its chain, sponsors and aliases."""
    from rich.table import Table

    from proxywatch.resolve.describe import actor_records
    from proxywatch.resolve.kb import load_kb

    with _guard():
        day = _day(on)
        records = actor_records(load_kb(kb or ()), query, day)
        if not records:
            raise WorkError(f"no actor matches {query!r}")
        if format is ReportFormat.json:
            typer.echo(json_text(records if len(records) > 1 else records[0], indent=2))
            return
        out = _stdout_console()
        if len(records) == 1:
            r = records[0]
            out.print(f"{r['name']}  [{r['id']}]  {r['kind']}, {r['country'] or 'no home state'}"
                      f"{'  wikidata ' + r['wikidata'] if r['wikidata'] else ''}", markup=False)
            if r["chain"]:
                out.print("part of: " + " > ".join(r["chain"]), markup=False)
            out.print(f"sponsors{' on ' + day if day else ' now'}: {', '.join(r['sponsors']) or 'none'}", markup=False)
            for f in r["sponsor_facts"]:
                out.print(f"  {f['state']} {f['since'] or '…'} to {f['until'] or 'now'} (via {f['actor']}): "
                          f"{f['source']}", markup=False)
            out.print("aliases: " + ("; ".join(r["aliases"]) or "none"), markup=False)
            if r["note"]:
                out.print(f"note: {r['note']}", markup=False)
            return
        table = Table(header_style="bold")
        for column in ("id", "name", "kind", "country", "sponsors"):
            table.add_column(column, overflow="fold")
        for r in records:
            table.add_row(r["id"], r["name"], r["kind"], r["country"] or "", ", ".join(r["sponsors"]))
        out.print(table)
        err.print(f"{len(records)} actors", markup=False)


@app.command()
def places(
    query: Optional[str] = typer.Argument(None, help="place name (any spelling); none lists the curated places"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    kb: Optional[list[Path]] = KbOpt,
) -> None:
    """Search the gazetteer: curated places (bases, seas, camps), then countries, towns and divisions."""
    from rich.table import Table

    from proxywatch.resolve.describe import place_records
    from proxywatch.resolve.kb import load_kb

    with _guard():
        records = place_records(load_kb(kb or ()), query)
        if not records:
            raise WorkError(f"no place matches {query!r}")
        if format is ReportFormat.json:
            typer.echo(json_text(records, indent=2))
            return
        table = Table(header_style="bold")
        for column in ("name", "country", "precision", "lat", "lon", "aliases", "source"):
            table.add_column(column, overflow="fold")
        for r in records:
            table.add_row(r["name"], r["country"] or "(sea)", r["precision"],
                          "" if r["lat"] is None else f"{r['lat']:.2f}", "" if r["lon"] is None else f"{r['lon']:.2f}",
                          "; ".join(r["aliases"]), r["source"] or "")
        _stdout_console().print(table)
        err.print(f"{len(records)} places", markup=False)


kb_app = typer.Typer(help="The knowledge base: actors, sponsors and places.", cls=Group, no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def kb_check(
    kb: Optional[list[Path]] = KbOpt,
    notes: bool = typer.Option(False, "--notes", help="also list notes (folded spellings not used, unchecked boxes)"),
) -> None:
    """Check the knowledge base: shared aliases, codes, sponsors, parents, place coordinates."""
    from proxywatch.resolve.check import check_kb
    from proxywatch.resolve.kb import load_kb

    with _guard():
        report = check_kb(load_kb(kb or ()))
        out = _stdout_console()
        for line in report.errors:
            out.print(f"error: {line}", markup=False)
        if notes:
            for line in report.notes:
                out.print(f"note: {line}", markup=False)
        out.print(report.summary(), markup=False)
        if not report.ok:
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the event record (contract v1)."""
    from proxywatch.records import event_json_schema

    typer.echo(json.dumps(event_json_schema(), indent=2))


@app.command("settings")
def settings_cmd(config: Optional[Path] = ConfigOpt) -> None:
    """Show every setting: value in force, where it came from, and what it does."""
    from rich.table import Table

    with _guard():
        values, sources = load_settings(config)
        table = Table(header_style="bold")
        for column in ("setting", "value", "source", "environment", "help"):
            table.add_column(column, overflow="fold")
        for name, _default, env, help_text in describe_settings():
            table.add_row(name, repr(getattr(values, name)), sources[name], env, help_text)
        _stdout_console().print(table)


# Command modules register themselves on ``app`` when imported.
from proxywatch import cli_analyse, cli_claims, cli_explain, cli_export, cli_serve  # noqa: E402,F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()
