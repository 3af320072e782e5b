"""Pieces every command module shares: the Typer app, consoles, options, the error guard, filters.

Command modules (``cli.py`` and the ``cli_*.py`` modules it registers) import from here, so no
command module imports another. Nothing here does work of its own: it turns flags into typed values.
Importing this module (and so every command module) loads no heavy library: spaCy, DuckDB,
pydantic and the like are imported inside the functions that use them, so ``--help`` is fast
(``tests/reliability/test_cli_startup.py``).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

import typer
from typer.core import TyperGroup

from proxywatch.analyse.source import SOURCES
from proxywatch.errors import InputProblem, ProxywatchError, WorkError
from proxywatch.serve.terminal import printable
from proxywatch.settings import Settings, load_settings

if TYPE_CHECKING:  # the heavy modules are imported where they are used, so that --help starts fast
    from rich.console import Console
    from rich.progress import Progress

    from proxywatch.extract.pipeline import Extractor
    from proxywatch.ingest.readers import ReadOptions
    from proxywatch.store import EventQuery, Store

__all__ = [
    "app", "Group", "err", "ReportFormat", "ConfigOpt", "DbOpt", "KbOpt", "TypeOpt", "ActorOpt", "SponsorOpt",
    "CountryOpt", "TargetCountryOpt", "SinceOpt", "UntilOpt", "SourceChoice", "SourceOpt", "PlotOpt", "StrictOpt", "FollowOpt",
    "exit_status",
    "check_plot", "guard", "stdout_console", "warn", "problem_log",
    "settings_from", "read_options", "extractor", "progress", "open_existing", "event_query",
]

class Group(TyperGroup):
    """A command group whose ``--help`` flag is False when not given, as every other flag is.

    Typer coerces a parameter's value through pydantic unless it is already a bool, and the help flag
    of a group is None when not given: ``proxywatch COMMAND --help`` would import pydantic (about a
    third of its start-up time) only to read the group's unused ``--help``."""

    def get_help_option(self, ctx: typer.Context) -> Optional[typer.core.TyperOption]:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


app = typer.Typer(
    help="proxywatch: news about armed conflict in, evidence-linked event records out.",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _Stderr:
    """Standard error's console (``serve/console.SafeConsole``: control characters escaped, no markup
    read from the data), made when first used, so that ``--help`` does not import Rich."""

    _console: Optional[Console] = None

    @property
    def console(self) -> Console:
        if _Stderr._console is None:
            from proxywatch.serve.console import SafeConsole

            _Stderr._console = SafeConsole(stderr=True, soft_wrap=True, highlight=False)
        return _Stderr._console

    def __getattr__(self, name: str) -> object:  # err.print, err.status, err.is_terminal ...
        return getattr(self.console, name)


err = _Stderr()


def _version(value: bool) -> None:
    if value:
        from proxywatch import __version__

        typer.echo(f"proxywatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """proxywatch: news about armed conflict in, evidence-linked event records out."""


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


ConfigOpt = typer.Option(None, "--config", help="settings file (TOML); default ./proxywatch.toml if present")
DbOpt = typer.Option(None, "--db", help="DuckDB file, or postgresql://user@host/dbname for a shared PostgreSQL store "
                                         "[env PROXYWATCH_DB; default ./proxywatch.duckdb]")
KbOpt = typer.Option(None, "--kb", help="extra knowledge-base YAML merged over the built-in one (repeatable)")

# The common filters of ``events`` and every analysis command (see EventQuery).
TypeOpt = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT")
ActorOpt = typer.Option(None, "--actor", help="actor name, text or knowledge-base id (substring)")
SponsorOpt = typer.Option(None, "--sponsor", help="state sponsor of the actor, ISO alpha-3 (IRN)")
CountryOpt = typer.Option(None, "--country", help="country where the event happened, ISO alpha-3")
TargetCountryOpt = typer.Option(None, "--target-country", help="country of the target, ISO alpha-3 (USA)")
SinceOpt = typer.Option(None, "--since", help="events starting on or after this date (YYYY-MM-DD)")
UntilOpt = typer.Option(None, "--until", help="events starting on or before this date (YYYY-MM-DD)")

# What the analysis commands count (analyse/source.py), and where they draw a chart.
SourceChoice = Enum("SourceChoice", {s: s for s in SOURCES}, type=str)
SourceOpt = typer.Option(SourceChoice("canonical"), "--source",
                         help="count canonical events (merged across articles) or single occurred mentions")
PlotOpt = typer.Option(None, "--plot", help="also draw a chart to this .png or .html file")
FollowOpt = typer.Option(False, "--follow-symlinks", help="read files that symbolic links in a folder lead to "
                         "outside it (default: reported and skipped)")
StrictOpt = typer.Option(False, "--strict", help="exit with status 1 if any input was bad or skipped (without it: "
                         "only when nothing at all could be done)")


def exit_status(done: int, problems: list[InputProblem], strict: bool) -> None:
    """Exit 1 when nothing useful was done and there were problems, or on any problem under ``--strict``;
    else return (status 0: skipped bad input was reported, as contract section 1 says)."""
    if problems and (strict or done == 0):
        raise typer.Exit(1)


def check_plot(plot: Optional[Path]) -> None:
    """Refuse a bad ``--plot`` path before any work is done (nothing to check without one)."""
    if plot is not None:
        from proxywatch.serve.figure import check_plot_path

        check_plot_path(plot)


@contextmanager
def guard() -> Iterator[None]:
    """Turn proxywatch errors and Ctrl-C into one line on stderr and an exit status: 1 when the work could
    not be done (:class:`WorkError`), 2 for a usage error (any other :class:`ProxywatchError`)."""
    try:
        yield
    except ProxywatchError as exc:
        err.print(f"error: {printable(str(exc), one_line=True)}", markup=False)
        raise typer.Exit(1 if isinstance(exc, WorkError) else 2) from None
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        raise typer.Exit(130) from None


def stdout_console() -> Console:
    """Tables for stdout: the terminal's width, or, when stdout is not a terminal, no wrapping at all;
    markup in the data printed as it is (serve/console.py)."""
    from proxywatch.serve.console import console_for

    return console_for()


def warn(problem: InputProblem) -> None:
    err.print(f"warning: {printable(str(problem), one_line=True)}", markup=False)


def problem_log() -> tuple[list[InputProblem], Callable[[InputProblem], None]]:
    """The input problems met so far, and the sink that warns of each (one line) and keeps it, for
    :func:`exit_status` at the end of the command."""
    problems: list[InputProblem] = []

    def problem(p: InputProblem) -> None:
        problems.append(p)
        warn(p)

    return problems, problem


def settings_from(config: Optional[Path], **flags: object) -> Settings:
    settings, _ = load_settings(config, overrides=flags)
    return settings


def read_options(settings: Settings, published: Optional[str], follow_symlinks: bool = False) -> ReadOptions:
    from proxywatch.ingest.readers import ReadOptions

    if published is not None:
        try:
            date.fromisoformat(published[:10])
        except ValueError:
            raise ProxywatchError(f"--published must be an ISO 8601 date, got {published!r}") from None
    return ReadOptions(published=published, max_bytes=int(settings.max_file_mb * 1024 * 1024),
                       max_chars=settings.max_article_chars, follow_symlinks=follow_symlinks)


def extractor(settings: Settings, kb_files: Optional[list[Path]] = None) -> Extractor:
    with err.status("loading the language pipeline and knowledge base"):  # importing spaCy is part of it
        from proxywatch.extract.model import load_pipeline
        from proxywatch.extract.pipeline import Extractor
        from proxywatch.resolve.kb import load_kb

        return Extractor(load_pipeline(settings.model), load_kb(kb_files or ()))


def progress(total: int) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err.console, transient=True, disable=not err.is_terminal or total == 0,
    )


def open_existing(path: str) -> Store:
    """Open a database that must already exist, read-only (analysis never writes)."""
    from proxywatch.store import Store, is_postgres

    if path != ":memory:" and not is_postgres(path) and not Path(path).exists():
        raise ProxywatchError(f"{path}: no database here; run `proxywatch ingest` first or pass --db")
    return Store(path, read_only=True)


def event_query(type_: Optional[str] = None, actor: Optional[str] = None, sponsor: Optional[str] = None,
                country: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                target_country: Optional[str] = None) -> EventQuery:
    """Check the common filter flags and build the query; a bad flag is one-line error (store/filters.py)."""
    from proxywatch.store.filters import checked_query, cli_flag

    return checked_query(type_, actor, sponsor, country, since, until, target_country, spell=cli_flag)
