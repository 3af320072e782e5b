"""Which articles are not in English, the only language the extractor reads.

A cheap first look decides most articles: English running text is full of a few dozen function words
("the", "of", "and", ...). Only a text where they are rare is handed to py3langid (a language
identifier whose model ships inside the package; loading it takes about a second, so it is loaded on
the first such text). Its answer is trusted when it is confident.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["unsupported_language", "language_name"]

# Function words of English running text; in English news they are a quarter or more of the words.
_ENGLISH = frozenset(
    "the of and to in a is was on for that with by at from as it its said were are has have had be been "
    "an or not but which who this after their they he she his her will would than also into over".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 3000
_MIN_WORDS = 12  # fewer words say too little about the language
_ENGLISH_SHARE = 0.12  # above this share of function words, the text is English
_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_name(code: str) -> str:
    """"fr" -> "French" (ISO 639 names from pycountry), else the code."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def unsupported_language(text: str) -> str | None:
    """The name of the language of ``text`` when it is confidently not English (e.g. "Arabic (ar)"), else None."""
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return None
    if sum(w in _ENGLISH for w in words) / len(words) >= _ENGLISH_SHARE:
        return None
    code, confidence = _identifier().classify(sample)
    if code == "en" or confidence < _CONFIDENCE:
        return None
    return f"{language_name(code)} ({code})"
