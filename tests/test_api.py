"""The public API is small and typed: ``__all__`` is exactly what we promise."""

import proxywatch

EXPECTED = {
    "SCHEMA_ID", "Article", "ContractError", "Count", "DateSpan", "Event", "EventQuery", "Evidence",
    "Extractor", "InputProblem", "KnowledgeBase", "Party", "Place", "ProxywatchError", "ReadOptions",
    "Settings", "SettingsError", "Store", "StoreError", "event_json_schema", "load_kb", "load_pipeline",
    "load_settings", "read_articles",
}


def test_all_is_the_promised_api():
    assert set(proxywatch.__all__) == EXPECTED
    assert len(proxywatch.__all__) == len(EXPECTED)  # no duplicates


def test_every_name_in_all_exists():
    for name in proxywatch.__all__:
        assert getattr(proxywatch, name) is not None, name


def test_subpackages_declare_all():
    import importlib

    for module in ("records", "errors", "settings", "ingest", "extract", "resolve", "store", "analyse", "serve",
                   "jobs", "cli"):
        mod = importlib.import_module(f"proxywatch.{module}")
        assert mod.__all__, module
        for name in mod.__all__:
            assert hasattr(mod, name), f"proxywatch.{module}.{name}"
