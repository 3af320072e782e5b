"""The registry of claim rules: every reading, anchoring, tally and verdict rule with its id.

Each rule is a small named function registered with :func:`rule`: an id, the group it belongs to,
a one-line purpose, an example and the value the rule gives on that example (its test row,
checked by ``tests/analyse/claims/test_rules.py``). The groups, in the order a claim is read:

* ``count``: where a sentence states a number of events ("more than 150 attacks", "attacked
  23 times", "have not attacked", "and only two in Syria");
* ``actor``, ``sponsor``, ``target``, ``place``, ``type``: the filters of one claim;
* ``period``: the window ("since mid-October", "between X and Y", "since the US retaliated");
* ``anchor``: the event an anchored period starts or ends on;
* ``tally``: how other reports' counts bound a claim;
* ``verdict``: the verdict, first rule that holds.

``docs/claims.md`` lists the rules with their examples; ``proxywatch claims --format json`` names
the rules that read each claim (``rules``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Rule", "REGISTRY", "GROUPS", "rule", "rules_of"]

GROUPS = ("count", "actor", "sponsor", "target", "place", "type", "period", "anchor", "tally", "verdict")


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    purpose: str
    example: Any
    expect: Any
    fn: Callable[..., Any]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


REGISTRY: dict[str, Rule] = {}


def rule(id: str, group: str, purpose: str, example: Any, expect: Any) -> Callable[[Callable[..., Any]], Rule]:
    """Register a function as a named rule (the function is replaced by its :class:`Rule`)."""
    if group not in GROUPS:
        raise ValueError(f"unknown rule group {group!r}")

    def register(fn: Callable[..., Any]) -> Rule:
        if id in REGISTRY:
            raise ValueError(f"rule id {id!r} registered twice")
        made = Rule(id, group, purpose, example, expect, fn)
        REGISTRY[id] = made
        return made
    return register


def rules_of(group: str) -> list[Rule]:
    """The rules of one group, in registration order (the order they are tried)."""
    return [r for r in REGISTRY.values() if r.group == group]
