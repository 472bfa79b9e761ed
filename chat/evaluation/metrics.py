"""Scoring the ask pipeline against the repository's question set.

Per question: did an expected record appear at rank 1 / in the top 5 (Recall@1/@5), the
reciprocal rank of the first expected record (MRR), was the place right, and how many of the
top-5 laws come from outside the place's chain (must be none).

A record's rank is its place in the list of its own kind, because that is what a person sees:
the answer shows the best laws, the best channels and the best guides as separate lists.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from chat.ask import ask
from kb.jurisdictions import jurisdiction_graph

QUESTIONS = Path(__file__).with_name("questions.yaml")


@dataclass(frozen=True)
class Question:
    q: str
    jurisdiction: str | None  # expected code; None when the right answer is to ask where
    expect: tuple[str, ...]  # record ids; any one of them counts
    who: str = "victim"
    given: str | None = None  # a jurisdiction passed explicitly, as the chat does
    minor: bool | None = None


def questions_load(path: Path = QUESTIONS) -> list[Question]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            q=r["q"],
            jurisdiction=r.get("jurisdiction"),
            expect=tuple(r.get("expect", [])),
            who=r.get("who", "victim"),
            given=r.get("given"),
            minor=r.get("minor"),
        )
        for r in rows
    ]


@dataclass
class Scores:
    mode: str
    n: int = 0
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0
    place_right: int = 0
    top5_laws: int = 0
    foreign_laws: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float]:
        n = self.n or 1
        return {
            "Recall@1": self.hit1 / n,
            "Recall@5": self.hit5 / n,
            "MRR": self.rr / n,
            "Jurisdiction accuracy": self.place_right / n,
            "Foreign laws in top 5": self.foreign_laws / (self.top5_laws or 1),
            "ms per question": 1000 * self.seconds / n,
        }


def evaluate(questions: list[Question], *, mode: str) -> Scores:
    graph = jurisdiction_graph()
    scores = Scores(mode=mode)
    for item in questions:
        started = time.perf_counter()
        result = ask(question=item.q, jurisdiction=item.given, minor=item.minor, mode=mode)
        scores.seconds += time.perf_counter() - started
        scores.n += 1
        if result.detection.code == item.jurisdiction or (item.jurisdiction is None and result.needs):
            scores.place_right += 1
        position: dict[str, int] = {}
        seen: dict[str, int] = {}
        for hit in result.ranking:
            seen[hit.record_type] = seen.get(hit.record_type, 0) + 1
            position[hit.record_id] = seen[hit.record_type]
        ranked = [hit.record_id for hit in result.ranking]
        if item.expect:
            positions = [position[i] for i in item.expect if i in position]
            first = min(positions) if positions else None
            scores.hit1 += first == 1
            scores.hit5 += bool(first and first <= 5)
            scores.rr += 1 / first if first else 0.0
            if not first or first > 5:
                scores.misses.append(f"{item.q[:70]!r} → expected {item.expect[0]}, got {ranked[:3]}")
        allowed = set(graph.chain(item.jurisdiction)) if item.jurisdiction else {"GLOBAL"}
        for ranked_law in result.laws[:5]:
            scores.top5_laws += 1
            scores.foreign_laws += ranked_law.record.jurisdiction_id not in allowed
    return scores
