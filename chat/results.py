"""What one question's answer is made of: the place, the ranked records and the composed text.

Kept apart from chat/ask.py (which computes it) and chat/answer.py (which writes it), so the two
use one shape without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.models import Channel, Guide, Law
from kb.places import Detection
from kb.search.retrieve import RecordHit


@dataclass
class Ranked:
    record: Law | Channel | Guide
    score: float


@dataclass
class AskResult:
    question_minor: bool
    danger: bool
    detection: Detection
    laws: list[Ranked] = field(default_factory=list)
    channels: list[Ranked] = field(default_factory=list)
    guides: list[Ranked] = field(default_factory=list)
    ranking: list[RecordHit] = field(default_factory=list)  # every record, best first (for evaluation)
    answer: str = ""
    language: str = "en"  # the question's language; the knowledge base itself is in English
    search_unavailable: bool = False  # the index is being rebuilt: no retrieval, see chat/without_search.py
    threat: bool = False  # the question speaks of a threat, blackmail or a demand (kb/acts.py)

    @property
    def guide_records(self) -> list[Guide]:
        return [r.record for r in self.guides]

    @property
    def needs(self) -> list[str]:
        return ["jurisdiction"] if self.detection.needs_jurisdiction else []
