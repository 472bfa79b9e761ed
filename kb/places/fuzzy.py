"""Place names typed with one slip ("Pheonix", "Mancester", "Califronia", "Pennsylvannia").

Conservative by design, because a wrong place is worse than none:

- only long names (MIN_LENGTH letters or more) of countries, subdivisions and cities of
  MIN_POPULATION people or more, so short names ("Iran", "Niger", "Bath") never match a word;
- exactly one edit (a letter added, dropped, changed, or two neighbours swapped);
- only a word the search model's vocabulary does not know as a word ("Denial" is a word);
- the corrected name then goes through the same rules as one typed correctly, and unless a residence
  cue stands before it ("I live in Pheonix") the place is offered, not assumed ("Did you mean …?").

The index maps every name with one letter deleted to the names it came from (the "symmetric delete"
method): a typo and its name share a one-deletion form, so a lookup costs a dozen dictionary reads.
It is built from the compiled gazetteer on first use (a fraction of a second), only when a message
has a long unknown word.
"""

from __future__ import annotations

import threading

from kb.places.gazetteer import CITY, gazetteer
from kb.places.text import TYPO_MIN_LENGTH, deletes, edit_distance

MIN_LENGTH = TYPO_MIN_LENGTH
MIN_POPULATION = 100_000


def _eligible(entries) -> bool:
    return any(e.kind != CITY or (e.primary and e.population >= MIN_POPULATION) for e in entries)


class FuzzyIndex:
    def __init__(self) -> None:
        gaz = gazetteer()
        self.names: list[str] = []
        self.deletes: dict[str, list[int]] = {}
        for padded, index in gaz.automaton.items():
            key = padded.strip()
            if len(key.replace(" ", "")) < MIN_LENGTH or not _eligible(gaz.entries[index]):
                continue
            number = len(self.names)
            self.names.append(key)
            for form in (key, *deletes(key)):
                self.deletes.setdefault(form, []).append(number)

    def correct(self, key: str) -> list[str]:
        """The names one edit away from `key` (none when `key` is itself a name)."""
        found = set()
        for form in (key, *deletes(key)):
            found.update(self.deletes.get(form, ()))
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
