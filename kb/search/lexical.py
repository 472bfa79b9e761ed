"""BM25 over passages (bm25s), with the Snowball English stemmer so "sharing" finds "shared".

Thread safety: a Snowball stemmer keeps its working word in the object, so one stemmer shared by
the threads of a server gives wrong stems and IndexErrors under load (seen: ~430 exceptions in
57,000 calls from 8 threads). Each thread gets its own stemmer, and stems are cached: the cache
holds only immutable strings, and functools' cache is safe to share.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from pathlib import Path

import bm25s
import numpy as np
import snowballstemmer

_STOP = frozenset(
    """
    a an and are as at be but by for from has have he her his i if in into is it its me my of on or our
    she so that the their them there they this to was we were what when where which who will with you
    your can do does did how about any am been being than then these those would could should
    """.split()
)
_local = threading.local()

# How victims say it → how laws and services say it. Applied to queries only, so a frightened
# "they posted my nudes" still meets "distribute intimate images".
SYNONYMS = {
    "nude": "intimate sexual explicit naked",
    "nudes": "intimate sexual explicit naked images",
    "nudez": "nudes intimate sexual explicit naked images",
    "subreddit": "reddit",
    "insta": "instagram",
    "snap": "snapchat",
    "twitter": "x",
    "fb": "facebook",
    "naked": "intimate nude",
    "pic": "image photo",
    "pics": "images photos",
    "photo": "image",
    "video": "image film",
    "fake": "deepfake synthetic altered",
    "deepfake": "fake synthetic altered ai",
    "ai": "deepfake synthetic altered",
    "app": "deepfake ai",
    "nudify": "deepfake ai synthetic nude",
    "edited": "altered deepfake",
    "photoshopped": "altered deepfake",
    "make": "create creating",
    "made": "created creating",
    "making": "creating",
    "posted": "shared published distributed",
    "post": "share publish distribute",
    "leaked": "shared distributed",
    "sent": "shared distributed",
    "spread": "shared distributed",
    "sue": "civil damages court",
    "compensation": "damages civil",
    "money": "damages",
    "blackmail": "sextortion threat extortion",
    "blackmailing": "sextortion threat extortion",
    "threatening": "threat",
    "remove": "removal takedown",
    "delete": "removal takedown",
    "police": "report crime",
    "kid": "child minor",
    "daughter": "child minor",
    "son": "child minor",
    "teen": "child minor",
    "underage": "child minor",
}


def fold(text: str) -> str:
    """Lower-case and strip accents, so "pénal" matches "penal"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The word's Snowball stem, from this thread's own stemmer (never shared between threads)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    words = re.findall(r"\w+", fold(text))
    return [stem(w) for w in words if w not in _STOP and (len(w) > 1 or w.isdigit())]


def expand(query: str) -> str:
    extra = [SYNONYMS[w] for w in re.findall(r"\w+", query.lower()) if w in SYNONYMS]
    return " ".join([query, *extra])


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25, size: int):
        self._retriever = retriever
        self.size = size
        self._vocab = set(retriever.vocab_dict) if retriever.vocab_dict else set()

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokens(t) or ["∅"] for t in texts]
        retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """A BM25 score for every passage (0 where no query word occurs)."""
        words = [w for w in tokens(expand(query)) if w in self._vocab]
        if not words:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(words), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)
        (folder / "size.json").write_text(json.dumps({"size": self.size}))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        size = json.loads((folder / "size.json").read_text())["size"]
        return cls(retriever, size)
