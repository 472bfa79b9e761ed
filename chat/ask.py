"""The question-answering pipeline: place → chain → hybrid retrieval → ranked records → answer.

Everything said comes from published records of the asker's jurisdiction chain; the answer
text is composed from those records (see chat/answer.py), never generated freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.danger import danger_detect
from kb.detect import Detection, jurisdiction_detect, jurisdiction_from_code
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.minors import minor_detect
from kb.models import Channel, Guide, Law
from kb.search.engine import Engine, engine_get
from kb.search.retrieve import RecordHit, retrieve

MAX_LAWS, MAX_CHANNELS, MAX_GUIDES = 5, 5, 3


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


def _adjust(hit: RecordHit, record, *, top: float, code: str | None, chain: list[str], minor: bool) -> float:
    """Priors on top of retrieval: the asker's own place first; child protection first for minors only."""
    score = hit.score / top if top else 0.0
    if isinstance(record, Law):
        if record.jurisdiction_id == code:
            score += 0.15
        elif record.jurisdiction_id in chain[1:2]:
            score += 0.05
        if record.status in ("bill", "failed", "repealed"):
            score -= 0.2
    minors_record = (
        (isinstance(record, Law) and record.minors_specific)
        or (isinstance(record, Channel) and record.serves_minors and not record.serves_adults)
        or (isinstance(record, Guide) and record.topic == "minor")
    )
    if minor and (minors_record or "minor" in record.tags):
        score += 0.6
    elif not minor and minors_record:
        score -= 0.3
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
    hits = retrieve(engine.index(), engine.embedder, query=question, codes=chain, mode=mode)
    result = AskResult(question_minor=is_minor, danger=danger_detect(question), detection=detection)

    laws = (
        Law.objects.published()
        .select_related("jurisdiction")
        .in_bulk([h.record_id for h in hits if h.record_type == "law"])
    )
    channels = (
        Channel.objects.published()
        .prefetch_related("jurisdictions")
        .in_bulk([h.record_id for h in hits if h.record_type == "channel"])
    )
    guides = Guide.objects.published().in_bulk([h.record_id for h in hits if h.record_type == "guide"])
    records = {"law": laws, "channel": channels, "guide": guides}
    top = hits[0].score if hits else 0.0
    ranked: list[tuple[str, Ranked]] = []
    for hit in hits:
        record = records[hit.record_type].get(hit.record_id)
        if record is None:  # unpublished since the index was built
            continue
        score = _adjust(hit, record, top=top, code=detection.code, chain=chain, minor=is_minor)
        ranked.append((hit.record_type, Ranked(record, score)))
    ranked.sort(key=lambda item: -item[1].score)
    result.ranking = [RecordHit(t, r.record.pk, r.score) for t, r in ranked]
    result.laws = [r for t, r in ranked if t == "law"][:MAX_LAWS]
    result.channels = [r for t, r in ranked if t == "channel"][:MAX_CHANNELS]
    result.guides = [r for t, r in ranked if t == "guide"][:MAX_GUIDES]
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
