"""Analysis commands over the store (trend, changepoints, compare, claims, network, export).

Thin wrappers: each parses flags with :mod:`proxywatch.clikit` and calls a pure function of
:mod:`proxywatch.analyse` or :mod:`proxywatch.serve`.
"""

from __future__ import annotations

__all__: list[str] = []
