"""The ``claims`` commands: thin wrappers over importable functions (see proxywatch.clikit)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import typer

from proxywatch.clikit import (
    ActorOpt,
    ConfigOpt,
    CountryOpt,
    DbOpt,
    KbOpt,
    PlotOpt,
    ReportFormat,
    SinceOpt,
    SourceChoice,
    SourceOpt,
    SponsorOpt,
    StrictOpt,
    TargetCountryOpt,
    TypeOpt,
    UntilOpt,
    app,
    check_plot,
    err,
    event_query,
    exit_status,
    extractor,
    guard,
    open_existing,
    problem_log,
    read_options,
    settings_from,
    stdout_console,
)
from proxywatch.errors import InputProblem, ProxywatchError, WorkError
from proxywatch.serve.terminal import json_text

if TYPE_CHECKING:  # heavy: imported where used, so that --help starts fast
    from rich.console import Console

    from proxywatch.analyse.claims import ClaimCheck
    from proxywatch.ingest.readers import ReadOptions
    from proxywatch.records import Article
    from proxywatch.store import Store

__all__ = ["claims", "articles_for", "render_checks"]


def articles_for(target: str, article_id: Optional[str], store: Store, opts: ReadOptions,
                 on_problem: Callable[[InputProblem], None]) -> list[Article]:
    """The article(s) to check: every article of a file (``-``: standard input) or the one ``--id`` names,
    else a stored article id."""
    from proxywatch import jobs

    path = Path(target)
    if target == "-" or path.exists():
        articles = jobs.collect([target], opts, on_problem)
        if article_id is not None:
            articles = [a for a in articles if a.id == article_id]
            if not articles:
                raise ProxywatchError(f"{target}: no article with id {article_id!r}")
        if not articles:
            raise WorkError(f"{target}: no readable article")
        return articles
    if article_id is not None and article_id != target:
        raise ProxywatchError(f"{target}: no such file (--id picks an article inside a file)")
    stored = store.article(target)
    if stored is None:
        raise ProxywatchError(f"{target}: no such file, and no article with this id in {store.path}")
    return [stored]


def _bounds(low: int, high: Optional[int]) -> str:
    if high is None:
        return f">= {low}"
    return str(low) if low == high else f"{low}-{high}"


def _window(check: ClaimCheck) -> str:
    w = check.claim.window
    text = f"{'(open)' if w.open_start else w.start or '?'} to {w.end or '?'}"
    if w.text:
        text += f"\n({w.text})"
    if w.anchor is not None:
        a = w.anchor
        text += f"\nanchor: {a.date or 'not found'} [{a.how}]"
    elif w.unresolved:
        text += f"\nunknown: {w.unresolved}"
    return text


def render_checks(checks: list[ClaimCheck], console: Console) -> None:
    """The table of claims, then per claim its anchor, tallies and the stored events behind the count."""
    from rich.table import Table

    table = Table(header_style="bold", show_lines=True)
    for column in ("claim", "filters", "window", "claimed", "store", "verdict", "reason"):
        table.add_column(column, overflow="fold")
    for n, check in enumerate(checks, 1):
        c = check.claim
        store = "-" if check.count is None else str(check.count)
        if check.coverage:
            store += f"\n{check.coverage.covered_weeks}/{check.coverage.weeks} weeks covered"
        bounding = [t for t in check.tallies if t.relation != "overlap"]
        if bounding:
            store += f"\n{len(bounding)} bounding tall{'y' if len(bounding) == 1 else 'ies'}"
        filters = "\n".join(f"{k}={'/'.join(v) if isinstance(v, list) else v}" for k, v in c.scope.filters().items())
        table.add_row(f"[{n}] {c.article_id}: {c.focus}", filters, _window(check), _bounds(c.min, c.max), store,
                      check.verdict, check.reason)
    console.print(table)
    for n, check in enumerate(checks, 1):
        anchor = check.claim.window.anchor
        if anchor is not None:
            console.print(f"[{n}] anchor '{anchor.phrase}': {anchor.note}", markup=False)
            if anchor.event:
                console.print(f"      used {anchor.event.get('origin')} event {anchor.event.get('date')}: "
                              f"{anchor.event.get('text')}", markup=False)
        for use in check.tallies:
            console.print(f"[{n}] tally ({use.relation}): {use.how}", markup=False)
        for ev in check.events[:5]:
            where = ev["place"] or ev["country"] or ""
            console.print(f"[{n}] stored {ev['date']} {where} ({', '.join(ev['article_ids']) or ev['sources']}): "
                          f"{ev['text'] or ''}", markup=False)
        for note in (*check.claim.notes, *check.claim.broad):
            console.print(f"[{n}] note: {note}", markup=False)


@app.command()
def claims(
    article: str = typer.Argument(..., metavar="ARTICLE_FILE_OR_ID",
                                  help="an articles file (JSON Lines, .txt, .html; - reads standard input) or a "
                                       "stored article's id"),
    id: Optional[str] = typer.Option(None, "--id", help="check only this article of the file"),
    db: Optional[str] = DbOpt,
    source: SourceChoice = SourceOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    published: Optional[str] = typer.Option(None, help="publication date for a file article that lacks one"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    plot: Optional[Path] = PlotOpt,
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Check an article's quantitative claims ("over 100 attacks", "no attacks since ...") against the store."""
    from proxywatch import jobs
    from proxywatch.analyse.claims import source_is_empty

    with guard():
        settings = settings_from(config, db=db)
        pick = event_query(type, actor, sponsor, country, since, until, target_country)
        check_plot(plot)
        problems, problem = problem_log()
        with open_existing(settings.db) as store:
            articles = articles_for(article, id, store, read_options(settings, published), problem)
            if source_is_empty(store, source.value):
                err.print(f"warning: {settings.db} has no {source.value} events yet; every count will be 0"
                          + (" (run the merge, or pass --source mentions)" if source.value == "canonical" else ""),
                          markup=False)
            report = jobs.check_claims(store, articles, extractor(settings, kb), problem, source=source.value,
                                       min_coverage=settings.claims_min_coverage, pick=pick,
                                       seconds=settings.article_seconds)
        checks = report.checks
        if format is ReportFormat.json:
            typer.echo(json_text(report.to_json(), indent=2))
        else:
            render_checks(checks, stdout_console())
        if plot is not None and checks:
            from proxywatch.serve.charts import claims_chart

            err.print(f"chart written to {claims_chart(checks, plot)}", markup=False)
        err.print(f"{len(articles)} articles, {len(checks)} claims: " + ", ".join(
            f"{n} {v}" for v, n in report.summary().items()), markup=False)
        exit_status(len(articles), problems, strict)
