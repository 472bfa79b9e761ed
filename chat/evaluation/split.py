"""Which split a new evaluation question goes to, decided by its place before anyone sees an answer.

Rounds three to six (2026-11-30) were split this way: a place goes to test when the SHA-256 of its folded
name, mod 5, is below 2 (about 40%); a question with no place is split by its own text. Because the rule
depends only on the place, a place never lands in both splits, and nobody can move a question after
seeing how the pipeline answers it (tests/chat/test_evaluation_split.py checks every question since).

    python -m chat.evaluation.split NEW.yaml   # writes NEW.dev.yaml and NEW.test.yaml beside it
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

import yaml

TEST_BUCKETS = 2  # of 5
# The line in dev.yaml and test.yaml after which every question was split by this rule.
BLIND_ROUNDS_MARKER = "# Written blind by five writers on 2026-11-30"


def place_key(place: str) -> str:
    """A place's name folded: no accents, no case, letters and digits only ("São Paulo" → "saopaulo")."""
    text = unicodedata.normalize("NFKD", place).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def split_of(row: dict) -> str:
    """ "dev" or "test" for a question (its `place`, else its text)."""
    basis = place_key(row["place"]) if row.get("place") else "q:" + row["q"]
    bucket = int(hashlib.sha256(basis.encode()).hexdigest(), 16) % 5
    return "test" if bucket < TEST_BUCKETS else "dev"


def main(path: str) -> None:
    source = Path(path)
    rows = yaml.safe_load(source.read_text(encoding="utf-8"))
    for split in ("dev", "test"):
        chosen = [row for row in rows if split_of(row) == split]
        target = source.with_suffix(f".{split}.yaml")
        target.write_text(
            yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
        )
        print(f"{split}: {len(chosen)} questions → {target}")


if __name__ == "__main__":
    main(sys.argv[1])
