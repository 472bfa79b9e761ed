"""Place names typed with one slip ("Pheonix", "Mancester", "Califronia", "Pennsylvannia").

Conservative by design, because a wrong place is worse than none:

- only long names (MIN_LENGTH letters or more) of countries, subdivisions and cities of
  MIN_POPULATION people or more, so short names ("Iran", "Niger", "Bath") never match a word;
- exactly one edit (a letter added, dropped, changed, or two neighbours swapped);
- only a word the search model's vocabulary does not know as a word ("Denial" is a word);
- the corrected name then goes through the same rules as one typed correctly, and unless a residence
  cue stands before it ("I live in Pheonix") the place is offered, not assumed ("Did you mean …?").

The index maps every name with one letter deleted to the names it came from (the "symmetric delete"
method): a typo and its name share a one-deletion form, so a lookup costs a dozen binary searches.
The forms are kept as CRC-32 checksums in one sorted numpy array beside the numbers of their names
(a dictionary of a million strings cost about 20 MB more); a checksum that collides only adds a
candidate, which the edit-distance check then drops. It is built from the compiled gazetteer on
first use (about 0.3 s), only when a message has a long unknown word, and cached beside the
gazetteer's own disk cache (so it follows the gazetteer's version), where later processes load it in
milliseconds.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import zipfile
import zlib

import numpy as np

from kb.places.gazetteer import CITY, gazetteer, gazetteer_cache_path
from kb.places.text import TYPO_MIN_LENGTH, deletes, edit_distance

log = logging.getLogger(__name__)
MIN_LENGTH = TYPO_MIN_LENGTH
MIN_POPULATION = 50_000


def _eligible(entries) -> bool:
    return any(e.kind != CITY or (e.primary and e.population >= MIN_POPULATION) for e in entries)


def _checksum(form: str) -> int:
    # surrogatepass: a lone surrogate typed into a message must not raise.
    return zlib.crc32(form.encode("utf-8", "surrogatepass"))


def _forms(key: str) -> set[str]:
    return {key, *deletes(key)}


class FuzzyIndex:
    def __init__(self) -> None:
        path = gazetteer_cache_path().with_suffix(".typos.npz")
        try:
            with np.load(path) as saved:
                self.sums, self.numbers = saved["sums"], saved["numbers"]
                self.names = bytes(saved["names"]).decode("utf-8").split("\n")
            return
        except (OSError, EOFError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile):
            pass  # none yet, or damaged: built again below
        self._build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".typos-", suffix=".npz")
            with os.fdopen(fd, "wb") as f:
                names = np.frombuffer("\n".join(self.names).encode("utf-8"), dtype=np.uint8)
                np.savez(f, sums=self.sums, numbers=self.numbers, names=names)
            os.replace(tmp, path)  # atomic: a concurrent reader sees no file or the whole one
        except OSError:
            log.warning("could not cache the typo index under %s", path.parent)

    def _build(self) -> None:
        gaz = gazetteer()
        self.names: list[str] = []
        sums: list[int] = []
        numbers: list[int] = []
        for padded, index in gaz.automaton.items():
            key = padded.strip()
            if len(key.replace(" ", "")) < MIN_LENGTH or not _eligible(gaz.entries[index]):
                continue
            number = len(self.names)
            self.names.append(key)
            for form in _forms(key):
                sums.append(_checksum(form))
                numbers.append(number)
        order = np.argsort(np.asarray(sums, dtype=np.uint32), kind="stable")
        self.sums = np.asarray(sums, dtype=np.uint32)[order]
        self.numbers = np.asarray(numbers, dtype=np.int32)[order]

    def _candidates(self, form: str) -> np.ndarray:
        value = np.uint32(_checksum(form))
        low = np.searchsorted(self.sums, value, side="left")
        high = np.searchsorted(self.sums, value, side="right")
        return self.numbers[low:high]

    def correct(self, key: str) -> list[str]:
        """The names one edit away from `key` (none when `key` is itself a name)."""
        found: set[int] = set()
        for form in _forms(key):
            found.update(int(n) for n in self._candidates(form))
        names = {self.names[n] for n in found}
        if key in names:
            return []
        return sorted(n for n in names if edit_distance(key, n) == 1)


_lock = threading.Lock()
_index: FuzzyIndex | None = None


def fuzzy_index() -> FuzzyIndex:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = FuzzyIndex()
    return _index
