"""The ``claims`` commands: thin wrappers over importable functions (see proxywatch.clikit)."""

from __future__ import annotations

__all__: list[str] = []
