"""Scoring the ask pipeline against a question set, and the gate `make test` holds it to.

Question sets: `dev.yaml` (for tuning) and `test.yaml` (only reported; gates the tests), split by
place so no city or subdivision of test appears in dev; `questions.yaml` is the older set, used
until the split files exist. Per question:

- jurisdiction: the place is right, or, when the right answer is to ask, we ask;
- foreign-law answer: any law shown from outside the expected place's chain (must never happen);
- law@5: for questions expecting a law, one of them is among the five laws shown;
- channel-role coverage: the channels shown cover every role the question needs (kb/roles.py);
- ask on ambiguous: for a shared name ("Georgia"), we ask and offer every place meant;
- Recall@1/@5 and MRR of the first expected record, in the list of its own kind (as a person sees it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from chat.ask import ask
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.roles import channel_roles

HERE = Path(__file__).parent
QUESTIONS = HERE / "questions.yaml"
SPLITS = ("dev", "test")
# Issue 9's targets for the held-out test split.
GATE = {
    "Jurisdiction accuracy": (">=", 0.97),
    "Foreign-law answers": ("<=", 0),
    "Law@5": (">=", 0.92),
    "Channel-role coverage": (">=", 0.92),
    "Ask on ambiguous": (">=", 1.0),
}
# What `make test` holds the test split to today: the targets where they are met, and otherwise the
# figures measured last, so a change cannot slip back unseen. Never tune on test.
#
# ORIGINAL_TEST: the first questions of test.yaml, the held-out set of rounds one and two. Its
# jurisdiction floor went down once, in round two, to 0.93 (asking instead of guessing cost three right
# guesses); rounds three to six (2026-11-30) took the figure to 0.941 and back to 0.938, and foreign-law
# answers from 4 to 3.
# Rounds three to six added 605 test questions (and 975 dev ones) written blind by twenty new writers,
# split by place before anyone saw an answer (chat/evaluation/test.yaml says how). The pipeline did far
# worse on them than on the original set (round three on first sight: jurisdiction 0.841), so the whole
# split's floor is today's whole-split figure and the original questions keep theirs. Both only go up.
ORIGINAL_TEST = 357
ORIGINAL_FLOOR = {
    **GATE,
    "Jurisdiction accuracy": (">=", 0.93),
    "Foreign-law answers": ("<=", 3),
    "Ask on ambiguous": (">=", 0.88),
}
# Today's whole-split figures (829 of 962 places, 28 foreign-law answers, 632 of 741 law@5, 35 of 53
# asked; 2026-12-01, second session), less one question each, so a tie broken differently by another
# database does not fail the gate.
FLOOR = {
    **GATE,
    "Jurisdiction accuracy": (">=", 0.860),
    "Foreign-law answers": ("<=", 29),
    "Law@5": (">=", 0.851),
    "Ask on ambiguous": (">=", 0.64),
}


@dataclass(frozen=True)
class Question:
    q: str
    jurisdiction: str | None  # expected code; None when the right answer is to ask where
    expect: tuple[str, ...]  # record ids; any one of them counts
    who: str = "victim"
    given: str | None = None  # a jurisdiction passed explicitly, as the chat does
    minor: bool | None = None
    ambiguous: tuple[str, ...] = ()  # the places to ask between
    roles: tuple[str, ...] = ()  # channel roles the answer must cover
    lang: str = "en"
    place: str | None = None


def split_path(split: str) -> Path:
    """The file for a split; questions.yaml until the split files exist."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    path = HERE / f"{split}.yaml"
    return path if path.exists() else QUESTIONS


def questions_load(path: Path = QUESTIONS) -> list[Question]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            q=r["q"],
            jurisdiction=r.get("jurisdiction"),
            expect=tuple(r.get("expect") or []),
            who=r.get("who", "victim"),
            given=r.get("given"),
            minor=r.get("minor"),
            ambiguous=tuple(r.get("ambiguous") or []),
            roles=tuple(r.get("roles") or []),
            lang=r.get("lang", "en"),
            place=r.get("place"),
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
    foreign_answers: int = 0
    law_questions: int = 0
    law5: int = 0
    role_questions: int = 0
    roles_covered: int = 0
    ambiguous_questions: int = 0
    asked: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float | None]:
        """Each metric; None when the set has no question it applies to (questions.yaml has no roles)."""
        n = self.n or 1

        def share(hits: int, of: int) -> float | None:
            return hits / of if of else None

        return {
            "Jurisdiction accuracy": self.place_right / n,
            "Foreign-law answers": self.foreign_answers,
            "Law@5": share(self.law5, self.law_questions),
            "Channel-role coverage": share(self.roles_covered, self.role_questions),
            "Ask on ambiguous": share(self.asked, self.ambiguous_questions),
            "Recall@1": self.hit1 / n,
            "Recall@5": self.hit5 / n,
            "MRR": self.rr / n,
            "ms per question": 1000 * self.seconds / n,
        }


def gate_failures(scores: Scores, rules: dict[str, tuple[str, float]] = GATE) -> list[str]:
    """The metrics that fail the rules, as "metric value (needs op target)"; empty when all pass."""
    failures = []
    for metric, (op, target) in rules.items():
        value = scores.row()[metric]
        if value is None:
            continue
        ok = value >= target if op == ">=" else value <= target
        if not ok:
            failures.append(f"{metric} {value:.3f} (needs {op} {target})")
    return failures


def _law_ids(expect: tuple[str, ...]) -> set[str]:
    from kb.models import Law

    return set(Law.objects.filter(id__in=expect).values_list("id", flat=True))


def evaluate(questions: list[Question], *, mode: str = "hybrid") -> Scores:
    graph = jurisdiction_graph()
    scores = Scores(mode=mode)
    for item in questions:
        started = time.perf_counter()
        result = ask(question=item.q, jurisdiction=item.given, minor=item.minor, mode=mode)
        scores.seconds += time.perf_counter() - started
        scores.n += 1
        d = result.detection
        if d.code == item.jurisdiction or (item.jurisdiction is None and result.needs):
            scores.place_right += 1
        elif len(scores.misses) < 400:
            scores.misses.append(
                f"place: expected {item.jurisdiction}, got {d.code} ({d.reason}) — {item.place}"
            )
        if item.ambiguous:
            scores.ambiguous_questions += 1
            offered = {p.code for p in d.alternatives}
            scores.asked += bool(result.needs) and set(item.ambiguous) <= offered
        position: dict[str, int] = {}
        seen: dict[str, int] = {}
        for hit in result.ranking:
            seen[hit.record_type] = seen.get(hit.record_type, 0) + 1
            position[hit.record_id] = seen[hit.record_type]
        if item.expect:
            positions = [position[i] for i in item.expect if i in position]
            first = min(positions) if positions else None
            scores.hit1 += first == 1
            scores.hit5 += bool(first and first <= 5)
            scores.rr += 1 / first if first else 0.0
            if not first or first > 5:
                scores.misses.append(f"record: expected {item.expect[0]} for {item.jurisdiction}")
            laws = _law_ids(item.expect)
            if laws:
                scores.law_questions += 1
                scores.law5 += bool(laws & {r.record.id for r in result.laws[:5]})
        if item.roles:
            scores.role_questions += 1
            covered = set().union(
                *(channel_roles(kind=r.record.kind, tags=r.record.tags) for r in result.channels)
            )
            if set(item.roles) <= covered:
                scores.roles_covered += 1
            else:
                scores.misses.append(
                    f"roles: needed {item.roles}, covered {sorted(covered)} for {item.jurisdiction}"
                )
        allowed = set(graph.chain(item.jurisdiction)) if item.jurisdiction else {GLOBAL}
        if any(r.record.jurisdiction_id not in allowed for r in result.laws[:5]):
            scores.foreign_answers += 1
            scores.misses.append(f"foreign: expected {item.jurisdiction}, answered for {d.code}")
    return scores
