"""Gold annotation files (contract section 3): JSON Lines of articles with scored types and events."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from proxywatch.errors import ContractError, InputProblem
from proxywatch.ingest.readers import STDIN
from proxywatch.records import PLOVER_TYPES, Article

__all__ = ["read_gold", "gold_article"]

_GOLD_KEYS = ("scored_types", "events")


def _check(obj: dict[str, Any]) -> str | None:
    for key in ("id", "text"):
        if not isinstance(obj.get(key), str):
            return f"gold article needs a string {key!r}"
    scored = obj.get("scored_types")
    if not isinstance(scored, list) or not all(t in PLOVER_TYPES for t in scored):
        return "'scored_types' must be a list of PLOVER types"
    events = obj.get("events")
    if not isinstance(events, list):
        return "'events' must be a list"
    for n, event in enumerate(events, start=1):
        if not isinstance(event, dict) or not isinstance(event.get("anchor"), str):
            return f"event {n} needs a string 'anchor'"
        types = event.get("type")
        types = types if isinstance(types, list) else [types]
        if not types or not all(t in PLOVER_TYPES for t in types):
            return f"event {n} has an unknown type {event.get('type')!r}"
        if event["anchor"] not in obj["text"]:
            return f"event {n}: anchor {event['anchor']!r} is not in the text"
    return None


def read_gold(paths: list[Path]) -> tuple[list[dict[str, Any]], list[InputProblem]]:
    """Gold articles from JSON Lines files (``-``: standard input); bad lines become problems naming file
    and line."""
    articles: list[dict[str, Any]] = []
    problems: list[InputProblem] = []
    for path in paths:
        try:
            lines = (sys.stdin.read() if str(path) == STDIN else path.read_text(encoding="utf-8")).splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(InputProblem.at(path, f"cannot read gold file ({exc})"))
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(InputProblem.at(path, f"not valid JSON ({exc.msg})", number))
                continue
            reason = _check(obj) if isinstance(obj, dict) else "expected a JSON object"
            if reason:
                problems.append(InputProblem.at(path, reason, number))
                continue
            articles.append(obj)
    return articles, problems


def gold_article(gold: dict[str, Any]) -> Article:
    """The article part of a gold record, without its annotations."""
    try:
        return Article.from_json({k: v for k, v in gold.items() if k not in _GOLD_KEYS and k != "incidents"})
    except ContractError as exc:
        raise ContractError(f"gold article {gold.get('id')!r}: {exc}") from None
