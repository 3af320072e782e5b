"""Rendering :class:`~proxywatch.extract.pipeline.Explanation`: why each record says what it says.

For every event: the word it was read from, every rule that set or changed a field, and the record as it
ends. For every word that was a candidate and is no event: the rule that withdrew or dropped it.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from proxywatch.extract.engine import REGISTRY, brief
from proxywatch.extract.pipeline import Explanation

__all__ = ["explanation_json", "render_explanation", "rules_json", "render_rules"]

_FIELDS = ("mode", "status", "negated", "actor", "target", "location", "date", "fatalities", "injuries", "aggregate")


def explanation_json(ex: Explanation) -> dict[str, Any]:
    """A stable JSON form: the article id, its events with their steps, and the dropped candidates."""
    events = []
    for event, (sentence, ordinal, word) in zip(ex.events, ex.origins):
        steps = [{"rule": s.rule, "change": s.change} for s in ex.trace.steps
                 if s.key in (("event", sentence, ordinal), ("sentence", sentence, 0))]
        words = [{"rule": s.rule, "change": s.change} for s in ex.trace.steps
                 if s.key is not None and s.key[0] == "word" and s.key[1] == sentence
                 and s.subject.startswith(f"word {word!r}")]
        events.append({"event": event.to_json(), "sentence": sentence, "trigger": word,
                       "steps": words + steps})
    made = {(s, w) for s, _, w in ex.origins}
    dropped = []
    for step in ex.trace.steps:
        if step.key is None or step.key[0] != "word" or not (step.change.endswith("→ none")
                                                            or step.change.startswith("dropped")):
            continue
        word = step.subject.split("'")[1] if "'" in step.subject else step.subject
        if (step.key[1], word) not in made:
            dropped.append({"sentence": step.key[1], "word": word, "rule": step.rule, "change": step.change})
    return {"article_id": ex.article.id, "events": events, "dropped": dropped}


def render_explanation(ex: Explanation, console: Console) -> None:
    data = explanation_json(ex)
    console.print(f"[bold]{escape(ex.article.id)}[/bold]: {len(ex.events)} events, "
                  f"{len(data['dropped'])} candidates dropped", markup=True)
    for n, item in enumerate(data["events"]):
        event = ex.events[n]
        console.print(f"\n[bold]{n + 1}. {event.type}[/bold] from {escape(repr(item['trigger']))} "
                      f"(sentence {item['sentence'] + 1}): «{escape(event.evidence.text)}»", markup=True)
        for step in item["steps"]:
            console.print(f"   [cyan]{escape(step['rule'])}[/cyan]  {escape(step['change'])}", markup=True)
        values = [f"{name}={brief(getattr(event, name))}" for name in _FIELDS
                  if getattr(event, name) not in (None, False)
                  and not (name == "status" and event.status == "occurred")]
        console.print("   = " + escape("; ".join(values) or "(no fields)"), markup=True)
    if data["dropped"]:
        console.print("\n[bold]Not events[/bold]", markup=True)
        for item in data["dropped"]:
            console.print(f"   sentence {item['sentence'] + 1}: {escape(repr(item['word']))} — "
                          f"[cyan]{escape(item['rule'])}[/cyan] ({escape(item['change'])})", markup=True)


def rules_json() -> list[dict[str, str]]:
    """Every rule of the extractor, in the order it runs: id, stage, module, purpose, example."""
    from proxywatch.extract.rules import load_rules

    load_rules()
    return [{"id": r.id, "stage": r.stage, "module": r.module, "purpose": r.purpose, "example": r.example}
            for r in REGISTRY]


def render_rules(console: Console, stage: str | None = None) -> None:
    for r in rules_json():
        if stage is None or r["stage"] == stage:
            module = r["module"].rsplit(".", 1)[-1]
            console.print(f"[cyan]{escape(r['id'])}[/cyan]  ({escape(module)}.py)", markup=True)
            console.print(f"    {escape(r['purpose'])}", markup=True)
            console.print(f"    e.g. «{escape(r['example'])}»", markup=True)
