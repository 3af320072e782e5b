"""The ``explain`` and ``rules`` commands: why each record says what it says (thin wrappers)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from proxywatch.clikit import (ConfigOpt, DbOpt, KbOpt, ReportFormat, StrictOpt, app, err, exit_status, extractor,
                               guard, open_existing, problem_log, read_options, settings_from, stdout_console)
from proxywatch.errors import ProxywatchError, WorkError
from proxywatch.serve.terminal import json_text

__all__ = ["explain", "rules"]


@app.command()
def explain(
    target: Optional[str] = typer.Argument(None, help="a file of articles (JSON Lines, .txt, .html, feed; - reads "
                                                      "standard input), or the id of an article stored in --db"),
    text: Optional[str] = typer.Option(None, "--text", help="explain this text instead of a file or stored article"),
    article_id: Optional[str] = typer.Option(None, "--id", help="only the article with this id in the file"),
    published: Optional[str] = typer.Option(None, help="publication date for inputs that lack one (ISO 8601)"),
    db: Optional[str] = DbOpt,
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
    strict: bool = StrictOpt,
    kb: Optional[list[Path]] = KbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """For every event: the word it was read from, the rules that fired and what each changed; for every
    candidate word that is no event, the rule that dropped it."""
    from proxywatch import jobs
    from proxywatch.records import Article

    with guard():
        settings = settings_from(config, db=db)
        if (text is None) == (target is None):
            raise ProxywatchError("give a file or stored article id, or --text (one of them)")
        problems, problem = problem_log()
        if text is not None:
            articles = [Article(id="text", text=text, published=published)]
        elif target == "-" or Path(target).exists():
            articles = jobs.collect([target], read_options(settings, published), problem)
            if article_id is not None:
                articles = [a for a in articles if a.id == article_id]
                if not articles:
                    raise ProxywatchError(f"{target}: no article with id {article_id!r}")
            if not articles:  # every article of the input was bad: nothing to explain
                raise WorkError(f"{target}: no readable article")
        else:
            with open_existing(settings.db) as store:
                stored = store.article(target)
            if stored is None:
                raise ProxywatchError(f"{target}: no such file, and no article with this id in {settings.db}")
            articles = [stored]
        ex = extractor(settings, kb)
        explanations = [ex.explain(a) for a in articles]
        if format is ReportFormat.json:
            from proxywatch.serve.explain import explanation_json

            for item in explanations:
                sys.stdout.write(json_text(explanation_json(item)) + "\n")
        else:
            from proxywatch.serve.explain import render_explanation

            console = stdout_console()
            for item in explanations:
                render_explanation(item, console)
        err.print(f"{len(articles)} articles, {sum(len(e.events) for e in explanations)} events", markup=False)
        exit_status(len(articles), problems, strict)


@app.command()
def rules(
    stage: Optional[str] = typer.Option(None, help="only the rules of this stage (sense, drop, group, event, refine, "
                                                   "more, article)"),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f"),
) -> None:
    """List the extractor's rules in the order they run: id, where it lives, purpose and an example."""
    with guard():
        from proxywatch.extract.engine import STAGES
        from proxywatch.serve.explain import render_rules, rules_json

        if stage is not None and stage not in STAGES:
            raise ProxywatchError(f"--stage must be one of {', '.join(STAGES)}, not {stage!r}")
        if format is ReportFormat.json:
            sys.stdout.write(json.dumps([r for r in rules_json() if stage in (None, r["stage"])], indent=1) + "\n")
        else:
            render_rules(stdout_console(), stage)
