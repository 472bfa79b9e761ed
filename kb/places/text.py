"""Words with their positions, folded the same way for the text and for every name we match.

Matching works on a normalised string: each word folded (accents dropped, lower case), joined by
single spaces and padded with a space at each end, so a name is found only as whole words
("Iowa" never inside "Iowan"). Every word keeps its span in the original text, so the guards can
look at its capital letters and at the words around it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().replace("ß", "ss")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    raw: str
    folded: str


def text_words(text: str) -> list[Word]:
    """Words of the text; a possessive "'s" is dropped ("Spain's" → "Spain", "Coco's Law" → "Coco Law")."""
    words: list[Word] = []
    for m in _WORD.finditer(text):
        raw = m.group(0)
        if raw.lower() == "s" and m.start() > 0 and text[m.start() - 1] in "'\u2019":
            continue
        words.append(Word(m.start(), m.end(), raw, fold(raw)))
    return words


def name_key(name: str) -> str:
    """A name as the matcher stores it: its words folded and joined by single spaces."""
    return " ".join(w.folded for w in text_words(name))


def text_line(words: list[Word]) -> tuple[str, list[int]]:
    """The padded matching string and, for each of its characters, the index of the word it is in."""
    parts, owner = [" "], [-1]
    for i, w in enumerate(words):
        parts.append(w.folded + " ")
        owner.extend([i] * len(w.folded) + [-1])
    return "".join(parts), owner


TYPO_MIN_LENGTH = 7  # names shorter than this are never corrected (kb/places/fuzzy.py)


def deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours is one edit."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
