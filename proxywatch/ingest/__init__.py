"""Ingest: files in, :class:`~proxywatch.records.Article` records and input problems out.
(Names are imported on first use.)"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.ingest.readers": ("SUFFIXES", "ReadOptions", "read_articles", "input_files", "read_file",
                                  "parse_jsonl", "parse_text", "parse_html", "parse_feed"),
    "proxywatch.ingest.gold": ("read_gold", "gold_article"),
})
