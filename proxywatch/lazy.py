"""Package attributes imported on first use (PEP 562), so that importing a package costs nothing.

A package ``__init__`` lists what it offers, module by module, and each name is imported the first
time it is used: ``from proxywatch import Extractor`` loads spaCy, ``import proxywatch.cli`` does not,
so ``proxywatch --help`` starts without the pipeline, DuckDB or pydantic (docs/reliability.md).
In a package ``__init__``::

    __getattr__, __dir__, __all__ = lazy_attributes(__name__, {"proxywatch.store.base": ("Store", "EventQuery")})
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable, Mapping, Sequence

__all__ = ["lazy_attributes"]


def lazy_attributes(package: str, offers: Mapping[str, Sequence[str]]
                    ) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, which offers each name of
    ``offers[module]`` from that module: imported when first asked for, then kept in the package."""
    where = {name: module for module, names in offers.items() for name in names}
    if len(where) != sum(len(names) for names in offers.values()):
        raise ValueError(f"{package}: a name is offered by two modules")
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *where})

    return __getattr__, __dir__, list(where)
