"""The registry's contents: importing the rule modules registers their rules, in stage order and, within
a stage, in the order of this list (which is the order they run in)."""

from __future__ import annotations

__all__ = ["load_rules"]


def load_rules() -> None:
    """Register every rule of the extractor (idempotent: modules are imported once)."""
    from proxywatch.extract import senses  # noqa: F401  sense
    from proxywatch.extract import generic  # noqa: F401  drop
    from proxywatch.extract import groups  # noqa: F401  group, more
    from proxywatch.extract import fields  # noqa: F401  event
    from proxywatch.extract import roles  # noqa: F401  refine
    from proxywatch.extract import placing  # noqa: F401  refine: a second look at the place
    from proxywatch.extract import force  # noqa: F401  sense, group, refine, more: uses of force (after the general rules)
    from proxywatch.extract import statements  # noqa: F401  sense, drop, event, more: acts that are not force
    from proxywatch.extract import discourse  # noqa: F401  refine, article: the whole article's context
    from proxywatch.extract import article  # noqa: F401  article
