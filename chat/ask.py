"""The question-answering pipeline: place → chain → hybrid retrieval → ranked records → answer.

Everything said comes from published records of the asker's jurisdiction chain; the answer
text is composed from those records (see chat/answer.py), never generated freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chat.without_search import records_without_search, search_notice_add
from kb.danger import danger_detect
from kb.detect import Detection, jurisdiction_detect, jurisdiction_from_code
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.minors import minor_detect
from kb.models import Channel, Guide, Law
from kb.search.engine import Engine, IndexUnavailable, engine_get
from kb.search.passages import Passage
from kb.search.retrieve import RecordHit, retrieve

MAX_LAWS, MAX_CHANNELS, MAX_GUIDES = 5, 5, 3
# Priors added to the normalised retrieval score (tuned with `manage.py evaluate`).
OWN_PLACE_BONUS = 0.3
PARENT_BONUS = 0.05
NOT_LAW_PENALTY = 0.2
MINOR_BONUS = 0.6
ADULT_MINORS_PENALTY = 0.3
CHANNEL_OWN_PLACE_BONUS = 0.15
DANGER_BONUS = 0.6


class UnknownJurisdiction(ValueError):
    pass


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
    search_unavailable: bool = False  # the index is being rebuilt: no retrieval, see chat/without_search.py

    @property
    def needs(self) -> list[str]:
        return ["jurisdiction"] if self.detection.needs_jurisdiction else []


def place_resolve(*, question: str, jurisdiction: str | None) -> Detection:
    if jurisdiction:
        detection = jurisdiction_from_code(jurisdiction)
        if detection is None:
            raise UnknownJurisdiction(f"unknown jurisdiction code {jurisdiction!r}")
        return detection
    return jurisdiction_detect(question)


@dataclass(frozen=True)
class Asker:
    """What we know of the person asking, for the priors."""

    code: str | None
    chain: list[str]
    minor: bool
    danger: bool


def _adjust(hit: RecordHit, passage: Passage, *, top: float, asker: Asker) -> float:
    """Priors on top of retrieval: the asker's own place first; child protection first for minors
    only; listening lines first for someone in danger."""
    score = hit.score / top if top else 0.0
    if passage.record_type == "law":
        if passage.jurisdictions[0] == asker.code:
            score += OWN_PLACE_BONUS
        elif passage.jurisdictions[0] in asker.chain[1:2]:
            score += PARENT_BONUS
        if passage.status in ("bill", "failed", "repealed"):
            score -= NOT_LAW_PENALTY
    if passage.record_type == "channel":
        if asker.code and asker.code in passage.jurisdictions:
            score += CHANNEL_OWN_PLACE_BONUS
        if asker.danger and (passage.kind in ("helpline", "support") or "danger" in passage.tags):
            score += DANGER_BONUS
    if asker.minor and (passage.minors or "minor" in passage.tags):
        score += MINOR_BONUS
    elif not asker.minor and passage.minors:
        score -= ADULT_MINORS_PENALTY
    return round(score, 4)


def ask(
    *,
    question: str,
    jurisdiction: str | None = None,
    minor: bool | None = None,
    mode: str = "hybrid",
    engine: Engine | None = None,
) -> AskResult:
    from chat.answer import answer_compose

    detection = place_resolve(question=question, jurisdiction=jurisdiction)
    is_minor = minor if minor is not None else minor_detect(question)
    graph = jurisdiction_graph()
    chain = graph.chain(detection.code) if detection.code else [GLOBAL]
    engine = engine or engine_get()
    result = AskResult(question_minor=is_minor, danger=danger_detect(question), detection=detection)
    try:
        index = engine.index()
    except IndexUnavailable:  # being rebuilt: the place's services and guides, and a notice
        channels, guides = records_without_search(chain=chain, minor=is_minor)
        result.search_unavailable = True
        result.channels = [Ranked(c, 0.0) for c in channels[:MAX_CHANNELS]]
        result.guides = [Ranked(g, 0.0) for g in guides[:MAX_GUIDES]]
        answer = answer_compose(result, emergency=graph.emergency_number(detection.code or GLOBAL))
        result.answer = search_notice_add(answer, danger=result.danger)
        return result
    hits = retrieve(index, engine.embedder, query=question, codes=chain, mode=mode)
    asker = Asker(code=detection.code, chain=chain, minor=is_minor, danger=result.danger)

    # Rank with what the index knows about each record; only the records shown are read from the database.
    top = hits[0].score if hits else 0.0
    adjusted = [
        RecordHit(
            h.record_type,
            h.record_id,
            _adjust(h, index.by_record[(h.record_type, h.record_id)], top=top, asker=asker),
        )
        for h in hits
    ]
    adjusted.sort(key=lambda h: (-h.score, h.record_id))
    result.ranking = adjusted
    shown = {"law": MAX_LAWS, "channel": MAX_CHANNELS, "guide": MAX_GUIDES}
    models = {
        "law": Law.objects.published().select_related("jurisdiction"),
        "channel": Channel.objects.published().prefetch_related("jurisdictions"),
        "guide": Guide.objects.published(),
    }
    lists = {"law": result.laws, "channel": result.channels, "guide": result.guides}
    for kind, limit in shown.items():
        # A few spare in case a record was unpublished since the index was built.
        wanted = [h for h in adjusted if h.record_type == kind][: limit + 3]
        records = models[kind].in_bulk([h.record_id for h in wanted])
        lists[kind].extend(Ranked(records[h.record_id], h.score) for h in wanted if h.record_id in records)
        del lists[kind][limit:]
    result.answer = answer_compose(result, emergency=graph.emergency_number(detection.code or GLOBAL))
    return result


def ask_payload(result: AskResult) -> dict:
    """The public shape of an answer, shared by the API and the `ask` command."""
    d = result.detection
    return {
        "jurisdiction": {
            "code": d.code,
            "name": d.name,
            "source": d.source,
            "alternatives": [{"code": p.code, "name": p.name} for p in d.alternatives],
        },
        "answer": result.answer,
        "needs": result.needs,
        "laws": [
            {
                "id": r.record.id,
                "title": r.record.short_name or r.record.title,
                "citation": r.record.citation,
                "jurisdiction": r.record.jurisdiction_id,
                "status": r.record.status,
                "url": r.record.url,
                "last_verified": r.record.last_verified.isoformat() if r.record.last_verified else None,
                "score": r.score,
            }
            for r in result.laws
        ],
        "channels": [
            {
                "id": r.record.id,
                "name": r.record.name,
                "kind": r.record.kind,
                "url": r.record.url,
                "jurisdictions": sorted(j.code for j in r.record.jurisdictions.all()),
                "score": r.score,
            }
            for r in result.channels
        ],
        "guides": [{"id": r.record.id, "title": r.record.title, "score": r.score} for r in result.guides],
    }
