"""Package attributes imported on first use (proxywatch/lazy.py, PEP 562)."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from proxywatch.lazy import lazy_attributes


def _package(name: str, offers: dict[str, tuple[str, ...]]) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module
    module.__getattr__, module.__dir__, module.__all__ = lazy_attributes(name, offers)
    return module


def _fresh(script: str) -> list[str]:
    """The words ``script`` prints, run in a fresh interpreter (nothing imported yet)."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          check=True).stdout.split()


def test_a_name_is_imported_when_first_asked_for_then_kept(monkeypatch):
    package = _package("lazy_probe", {"json": ("dumps", "loads"), "textwrap": ("dedent",)})
    try:
        assert package.__all__ == ["dumps", "loads", "dedent"]
        assert "dumps" not in vars(package)
        import json

        assert package.dumps is json.dumps
        assert vars(package)["dumps"] is json.dumps  # kept: the next access is a plain attribute
        assert {"dumps", "loads", "dedent"} <= set(dir(package))
        with pytest.raises(AttributeError, match="lazy_probe.*'nope'"):
            package.nope  # noqa: B018
    finally:
        del sys.modules["lazy_probe"]


def test_a_name_offered_twice_is_refused():
    with pytest.raises(ValueError, match="offered by two modules"):
        _package("lazy_twice", {"json": ("dumps",), "pickle": ("dumps",)})
    del sys.modules["lazy_twice"]


def test_the_public_api_loads_on_use_and_importing_the_package_loads_nothing_heavy():
    script = (
        "import sys, proxywatch\n"
        "before = {'duckdb', 'pydantic', 'spacy'} & set(sys.modules)\n"
        "from proxywatch import Store, load_kb, Article\n"
        "print(sorted(before), Store.__module__, load_kb.__module__, Article.__module__, 'duckdb' in sys.modules)\n"
    )
    assert _fresh(script) == ["[]", "proxywatch.store.base", "proxywatch.resolve.kb", "proxywatch.records", "False"]


def test_store_registers_its_backends_when_first_opened():
    """``import proxywatch.store`` no longer imports DuckDB; ``Store(db)`` imports the backends itself."""
    script = (
        "import sys\nfrom proxywatch.store import Store\n"
        "light = 'duckdb' not in sys.modules\n"
        "store = Store(':memory:')\n"
        "print(light, type(store).__name__)\n"
    )
    assert _fresh(script) == ["True", "DuckStore"]
