"""The rule engine: every rule of the extractor is a named function in one ordered registry.

A rule has an id (``stage.name``), a one-line purpose and an example sentence; ``proxywatch rules`` lists
them, ``proxywatch explain`` shows which fired for each event and what each changed, and every rule has a
test row keyed by its id (``tests/extract/test_rule_rows.py``). Rules run stage by stage, in the order the
modules register them:

========  =====================================================  ====================================
stage     what a rule of it does                                  its signature
========  =====================================================  ====================================
sense     gives a trigger word its event type by the company it   ``(tok, trigger, sc) -> Trigger|None``
          keeps, or takes it away ("launch" a missile; "summon"
          an envoy); returns :data:`KEEP` when it does not apply
drop      removes a trigger that tells no new event (a generic    ``(hit, sc) -> bool``
          plural, a re-mention, what a request asks for)
event     sets one field of a new event from its sentence         ``(event, ec) -> Event``
refine    a second look at an event's parties, place and counts   ``(event, ec) -> Event``
article   whole-article touches after every sentence is read;     ``(events, dc) -> list[Event|None]``
          ``None`` in an event's slot folds it into another
========  =====================================================  ====================================

A rule's example is one article's text; it may begin with ``[source: X]`` to give the article's publisher
(for rules about who "we" are) and ``[title: X]`` to give its headline (for rules that read the title). Rules are stateless: what they read comes in through the contexts (:mod:`proxywatch.extract.context`).
The engine records what each rule changed in a :class:`Trace` when one is asked for; without one it
records nothing and costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable

__all__ = ["KEEP", "Registry", "Rule", "STAGES", "Step", "Trace", "REGISTRY", "rule", "diff", "brief"]

STAGES = ("sense", "drop", "group", "event", "refine", "more", "article")
KEEP: Any = object()  # a sense rule that does not apply


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    purpose: str
    example: str
    fn: Callable[..., Any]

    @property
    def module(self) -> str:
        return self.fn.__module__


class Registry:
    """Rules by stage, in registration order (which is import order: see ``extract/rules.py``)."""

    def __init__(self) -> None:
        self._rules: dict[str, list[Rule]] = {stage: [] for stage in STAGES}
        self._ids: dict[str, Rule] = {}

    def rule(self, id: str, purpose: str, example: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        stage = id.split(".", 1)[0]
        if stage not in self._rules:
            raise ValueError(f"rule {id!r}: unknown stage {stage!r} (stages: {', '.join(STAGES)})")

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            if id in self._ids:
                raise ValueError(f"rule {id!r} registered twice")
            entry = Rule(id, stage, purpose, example, fn)
            self._rules[stage].append(entry)
            self._ids[id] = entry
            fn.rule_id = id  # type: ignore[attr-defined]
            return fn

        return register

    def stage(self, name: str) -> list[Rule]:
        return self._rules[name]

    def __getitem__(self, id: str) -> Rule:
        return self._ids[id]

    def __iter__(self):
        for stage in STAGES:
            yield from self._rules[stage]

    def __len__(self) -> int:
        return len(self._ids)


REGISTRY = Registry()
rule = REGISTRY.rule


@dataclass(frozen=True)
class Step:
    """One rule that fired: on which word or event (``subject``, and ``key``: ``("word", sentence, token)`` or
    ``("event", sentence, ordinal)``) and what it changed."""

    rule: str
    subject: str
    change: str
    key: tuple[str, int, int] | None = None


@dataclass
class Trace:
    steps: list[Step] = field(default_factory=list)

    def add(self, rule_id: str, subject: str, change: str, key: tuple[str, int, int] | None = None) -> None:
        self.steps.append(Step(rule_id, subject, change, key))


def brief(value: Any) -> str:
    """A record field in a few words: a party, place, date or count as a reader would write it."""
    if value is None:
        return "none"
    name = type(value).__name__
    if name == "Party":
        facts = "/".join(x or "-" for x in (value.country, value.kind)) + (
            f" backed by {','.join(value.sponsors)}" if value.sponsors else "")
        return f"{value.text!r} [{facts}]"
    if name == "Place":
        return f"{value.name or value.text!r} [{value.country or '-'}, {value.precision or '-'}]"
    if name == "DateSpan":
        span = value.start if value.start == value.end else f"{value.start or '?'}..{value.end or '?'}"
        return f"{span} ({value.precision}, {value.text!r})"
    if name == "Count":
        return str(value.min) if value.min == value.max else f"{value.min}..{'' if value.max is None else value.max}"
    return repr(value)


_QUIET = frozenset({"confidence", "id", "evidence", "schema", "article_id"})


def diff(before: Any, after: Any) -> str:
    """What changed between two events, field by field: ``target: none → 'US forces' [USA/military]``."""
    parts = []
    for f in fields(after):
        if f.name in _QUIET:
            continue
        old, new = getattr(before, f.name, None), getattr(after, f.name)
        if old != new:
            parts.append(f"{f.name}: {brief(old)} → {brief(new)}")
    return "; ".join(parts)
