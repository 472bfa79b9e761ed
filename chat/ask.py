"""The question-answering pipeline: place → chain → hybrid retrieval → ranked records → answer.

Everything said comes from published records of the asker's jurisdiction chain; the answer
text is composed from those records (see chat/answer.py), never generated freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chat.answer import answer_compose
from chat.results import AskResult, Ranked
from chat.without_search import records_without_search, search_notice_add
from kb.acts import school_detect, synthetic_detect, threat_detect
from kb.danger import danger_detect
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.minors import minor_detect
from kb.places import Detection, jurisdiction_detect, jurisdiction_from_code
from kb.places.language import language_detect
from kb.places.names import section_numbers
from kb.roles import PLATFORM_FORMS, REMOVAL, REPORT, SUPPORT, asks_who_can_help, channel_roles, needs_detect
from kb.search.engine import Engine, IndexUnavailable, engine_get
from kb.search.passages import Passage
from kb.search.retrieve import RecordHit, retrieve
from kb.search.translate import query_translate
from kb.vocab import PLATFORM_TAGS

MAX_LAWS, MAX_CHANNELS, MAX_GUIDES = 5, 5, 3
# Priors added to the normalised retrieval score (tuned with `manage.py evaluate --split dev`).
OWN_PLACE_BONUS = 0.3
# Weight of the ranking of the asker's own place's passages alone (kb/search/retrieve.py): its best match
# competes even when federal and global records fill the other rankings (Wisconsin's law for "Kenosha").
LOCAL_WEIGHT = 1.0
PARENT_BONUS = 0.05
NOT_LAW_PENALTY = 0.2
MINOR_BONUS = 0.6
ADULT_MINORS_PENALTY = 0.3
CHANNEL_OWN_PLACE_BONUS = 0.15  # the asker's own place; each step up the chain takes CHANNEL_STEP off
CHANNEL_STEP = 0.02
NEEDED_ROLE_BONUS = 0.15
PLATFORM_PENALTY = 0.15  # platform and search forms, unless the question names a platform
NAMED_PLATFORM_BONUS = 0.3  # … and the forms of the platforms it names
DANGER_BONUS = 0.6
REAL_IMAGES_PENALTY = 0.3  # a law for real images only, when the question is about a fake one
THREATS_ONLY_PENALTY = 0.3  # a law about threats only, when the question speaks of no threat
CITED_SECTION_BONUS = 0.5  # a law whose section the question cites ("§ 120a StGB")
# A guide written for one situation, when the question shows no sign of it: blackmail without a threat,
# school for an adult who speaks of no school.
OTHER_SITUATION_PENALTY = 0.3


class UnknownJurisdiction(ValueError):
    pass


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
    needs: tuple[str, ...] = ()
    platforms: frozenset[str] = frozenset()  # platform tags the question names ("instagram")
    synthetic: bool = False  # the question says the image is fake, AI-made or edited
    threat: bool = False  # the question speaks of a threat, blackmail or a demand
    school: bool = False  # the question speaks of a school, a class, a teacher or a student
    sections: frozenset[str] = frozenset()  # section and article numbers the question cites ("120a")

    @property
    def country(self) -> str | None:
        """The asker's country: the last place of their chain below the supranational bodies and GLOBAL."""
        graph = jurisdiction_graph()
        node = self.code
        while node and graph.parent.get(node):
            node = graph.parent[node]
        return node


def _channel_distance(codes: list[str], chain: list[str]) -> int | None:
    """How far up the asker's chain a channel's nearest place is (0: their own place); None if GLOBAL only."""
    steps = [chain.index(c) for c in codes if c in chain and c != GLOBAL]
    return min(steps) if steps else None


def _adjust(hit: RecordHit, passage: Passage, *, top: float, asker: Asker) -> float:
    """Priors on top of retrieval: the asker's own place first (nearest first up the chain); child
    protection first for minors only; for a fake image, not the laws about real images only; no
    threats-only law where no threat was made, nor a guide for a situation the question does not speak of;
    the law whose section is cited; the help the question asks for; listening lines in danger."""
    score = hit.score / top if top else 0.0
    if passage.record_type == "law":
        if passage.jurisdictions[0] == asker.code:
            score += OWN_PLACE_BONUS
        elif passage.jurisdictions[0] in asker.chain[1:2]:
            score += PARENT_BONUS
        if passage.status in ("bill", "failed", "repealed"):
            score -= NOT_LAW_PENALTY
        if asker.synthetic and passage.covers_synthetic == "no":
            score -= REAL_IMAGES_PENALTY
        if passage.threats_only and not asker.threat:
            score -= THREATS_ONLY_PENALTY
        if asker.sections & set(passage.sections):
            score += CITED_SECTION_BONUS
    if passage.record_type == "channel":
        distance = _channel_distance(passage.jurisdictions, asker.chain) if asker.code else None
        if distance is not None:
            score += max(0.0, CHANNEL_OWN_PLACE_BONUS - CHANNEL_STEP * distance)
        roles = channel_roles(kind=passage.kind, tags=passage.tags)
        if roles & set(asker.needs):
            score += NEEDED_ROLE_BONUS
        if passage.kind in PLATFORM_FORMS:
            score += NAMED_PLATFORM_BONUS if asker.platforms & set(passage.tags) else -PLATFORM_PENALTY
        if asker.danger and (passage.kind in ("helpline", "support") or "danger" in passage.tags):
            score += DANGER_BONUS
    if passage.record_type == "guide" and (
        (passage.kind == "sextortion" and not asker.threat)
        or (passage.kind == "school" and not (asker.school or asker.minor))
    ):
        score -= OTHER_SITUATION_PENALTY
    if asker.minor and (passage.minors or "minor" in passage.tags):
        score += MINOR_BONUS
    elif not asker.minor and passage.minors:
        score -= ADULT_MINORS_PENALTY
    return round(score, 4)


def _platforms_named(question: str) -> frozenset[str]:
    """The platform tags a question names, by the platform's tag or the words of its name ("X (Twitter)")."""
    folded = question.lower()
    named = set()
    for tag, name in PLATFORM_TAGS.items():
        if tag in ("porn_sites", "search", "group_chats", "school"):
            continue
        words = {w for w in re.findall(r"\w+", str(name).lower()) if len(w) >= 3} | (
            {tag} if len(tag) >= 3 else set()
        )
        if any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words):
            named.add(tag)
    if re.search(r"\b(?:google|bing|search results?)\b", folded):
        named.add("search")
    return frozenset(named)


def channels_compose(
    ranked: list[RecordHit], index, *, asker: Asker, who_can_help: bool, place_free: bool
) -> list[RecordHit]:
    """The channels shown, best first, covering the roles the question needs.

    Each needed role (or, when the question names none, support, report and removal) gets its best
    channel; the rest follow by score, with at most one platform form unless the question names
    platforms. "Who can help" leads with the asker's own national helpline; the place-free answer
    leads with the hash-blocking service for the asker's age (StopNCII, Take It Down).
    """
    channels = [h for h in ranked if h.record_type == "channel"]
    passage = {h.record_id: index.by_record[("channel", h.record_id)] for h in channels}
    roles = {rid: channel_roles(kind=p.kind, tags=p.tags) for rid, p in passage.items()}

    def is_form(rid: str) -> bool:
        return passage[rid].kind in PLATFORM_FORMS and not (asker.platforms & set(passage[rid].tags))

    def serves(rid: str) -> bool:
        return asker.minor or not passage[rid].minors  # no children-only service for an adult

    def fits_age(rid: str) -> bool:
        return passage[rid].minors == asker.minor  # Take It Down for under-18s, StopNCII for adults

    chosen: list[RecordHit] = []
    lead = None
    if place_free:
        lead = next(
            (h for h in channels if passage[h.record_id].kind == "hash_blocking" and fits_age(h.record_id)),
            None,
        )
    elif who_can_help:
        # The national helpline: a listening line of the asker's country, for their age; else the nearest.
        local = [
            h
            for h in channels
            if SUPPORT in roles[h.record_id]
            and _channel_distance(passage[h.record_id].jurisdictions, asker.chain) is not None
            and (asker.minor or not passage[h.record_id].minors)
        ]
        national = [h for h in local if asker.country in passage[h.record_id].jurisdictions]
        lead = (national or local or [None])[0]
    if lead:
        chosen.append(lead)
    for role in asker.needs or (SUPPORT, REPORT, REMOVAL):
        if any(role in roles[h.record_id] for h in chosen):
            continue
        best = next(
            (
                h
                for h in channels
                if role in roles[h.record_id]
                and h not in chosen
                and not is_form(h.record_id)
                and serves(h.record_id)
            ),
            None,
        )
        best = best or next(
            (h for h in channels if role in roles[h.record_id] and h not in chosen and serves(h.record_id)),
            None,
        )
        if best and len(chosen) < MAX_CHANNELS:
            chosen.append(best)
    forms = sum(is_form(h.record_id) for h in chosen)
    for h in channels:
        if len(chosen) >= MAX_CHANNELS:
            break
        if h in chosen:
            continue
        if is_form(h.record_id):
            if forms >= 1:
                continue
            forms += 1
        chosen.append(h)
    head = chosen[:1] if lead else []
    rest = sorted(chosen[len(head) :], key=lambda h: (-h.score, h.record_id))
    return head + rest


def ask(
    *,
    question: str,
    jurisdiction: str | None = None,
    minor: bool | None = None,
    mode: str = "hybrid",
    engine: Engine | None = None,
) -> AskResult:
    detection = place_resolve(question=question, jurisdiction=jurisdiction)
    is_minor = minor if minor is not None else minor_detect(question)
    language = language_detect(question)
    graph = jurisdiction_graph()
    chain = graph.chain(detection.code) if detection.code else [GLOBAL]
    engine = engine or engine_get()
    result = AskResult(question_minor=is_minor, danger=danger_detect(question), detection=detection)
    result.language = language
    query = query_translate(question, language=language)
    result.threat = threat_detect(query)
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
    hits = retrieve(index, engine.embedder, query=query, codes=chain, mode=mode, local_weight=LOCAL_WEIGHT)
    asker = Asker(
        code=detection.code,
        chain=chain,
        minor=is_minor,
        danger=result.danger,
        needs=tuple(needs_detect(question)),
        platforms=_platforms_named(question),
        synthetic=synthetic_detect(query),
        threat=result.threat,
        school=school_detect(query),
        sections=frozenset(section_numbers(question)),
    )

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
    shown_channels = channels_compose(
        adjusted,
        index,
        asker=asker,
        who_can_help=asks_who_can_help(question),
        place_free=detection.needs_jurisdiction,
    )
    # The ranking lists the shown channels first, in the order shown, so evaluation sees what a person sees.
    shown_ids = {h.record_id for h in shown_channels}
    others = [h for h in adjusted if not (h.record_type == "channel" and h.record_id in shown_ids)]
    result.ranking = (
        [h for h in others if h.record_type != "channel"]
        + shown_channels
        + [h for h in others if h.record_type == "channel"]
    )
    shown = {"law": MAX_LAWS, "channel": MAX_CHANNELS, "guide": MAX_GUIDES}
    lists = {"law": result.laws, "channel": result.channels, "guide": result.guides}
    for kind, limit in shown.items():
        # A few spare in case a record was unpublished since the index was built. Read once per
        # content version (kb/search/records.py), not on every question.
        wanted = [h for h in result.ranking if h.record_type == kind][: limit + 3]
        records = engine.records.records_get(kind=kind, ids=[h.record_id for h in wanted])
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
