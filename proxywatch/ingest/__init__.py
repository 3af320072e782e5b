"""Ingest: files in, :class:`~proxywatch.records.Article` records and input problems out."""

from proxywatch.ingest.readers import (
    SUFFIXES,
    ReadOptions,
    input_files,
    read_file,
    parse_feed,
    parse_html,
    parse_jsonl,
    parse_text,
    read_articles,
)

__all__ = ["SUFFIXES", "ReadOptions", "read_articles", "input_files", "read_file", "parse_jsonl", "parse_text", "parse_html", "parse_feed"]

from proxywatch.ingest.gold import gold_article, read_gold  # noqa: E402

__all__ += ["read_gold", "gold_article"]
