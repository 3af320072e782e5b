"""Extract: articles and parsed documents in, contract event records out."""

from proxywatch.extract.dates import parse_published, resolve_date
from proxywatch.extract.model import load_pipeline
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.pipeline import Extractor

__all__ = ["Extractor", "load_pipeline", "parse_count", "parse_published", "resolve_date"]
