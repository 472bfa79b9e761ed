"""Which language a question is written in, among the ones we support, by py3langid.

Used by the not-a-place guards ("IA" is Iowa only in English) and by the lexical query's
vocabulary (kb/search/translate.py). Short texts are hard to classify, so anything without at
least a few letters, or where English is nearly as likely, counts as English: the knowledge base
and most questions are in English.
"""

from __future__ import annotations

import threading

SUPPORTED = ("en", "es", "fr", "pt", "it", "de")
MIN_LETTERS = 12
ENGLISH_MARGIN = 2.0  # log-probability by which another language must beat English

_lock = threading.Lock()
_identifier = None


def _get():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
                identifier.set_languages(list(SUPPORTED))
                _identifier = identifier
    return _identifier


def language_detect(text: str) -> str:
    """ "en", "es", "fr", "pt", "it" or "de"."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return "en"
    identifier = _get()
    ranked = identifier.rank(text)
    best, score = ranked[0]
    english = next((s for lang, s in ranked if lang == "en"), score)
    if best != "en" and score - english < ENGLISH_MARGIN:
        return "en"
    return best
