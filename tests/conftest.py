"""Shared fixtures: the spaCy pipeline and knowledge base are loaded once per session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp():
    from proxywatch.extract import load_pipeline
    from proxywatch.settings import Settings

    return load_pipeline(Settings().model)


@pytest.fixture(scope="session")
def kb():
    from proxywatch.resolve import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def extractor(nlp, kb):
    from proxywatch.extract import Extractor

    return Extractor(nlp, kb)
