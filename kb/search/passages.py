"""Turning published records into passages: the text that search sees for each record.

A law's passage states its facts in words ("covers AI-made images: yes, explicitly") so that
a question phrased in plain words can find the structured fields, not just the summary.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

from kb.jurisdictions import jurisdiction_graph
from kb.models import Channel, Guide, Law
from kb.places.names import section_numbers
from kb.selectors import published_channels, published_guides, published_laws

GUIDE_CHUNK_WORDS = 140


@dataclass
class Passage:
    record_type: str  # "law" | "channel" | "guide"
    record_id: str
    jurisdictions: list[str]  # codes it applies to; [] means everywhere (guides)
    title: str
    text: str
    minors: bool = False  # for children only: a child-protection law, a children's service, the minors guide
    tags: list[str] = field(default_factory=list)
    status: str = ""  # a law's status, so ranking can demote bills without a database query
    kind: str = ""  # a law's or channel's kind, a guide's topic
    covers_synthetic: str = ""  # a law's covers_synthetic ("no": real images only), for ranking
    threats_only: bool = False  # a law about threatening to share, with no offence for sharing itself
    sections: list[str] = field(default_factory=list)  # a law's section numbers ("120a"), to match one cited

    def to_json(self) -> dict:
        return asdict(self)


def _facts(law: Law) -> str:
    facts = [
        f"{law.get_kind_display()}.",
        f"Status: {law.status_now_label}.",
        f"Covers fake, AI-made or altered images (deepfakes): {law.get_covers_synthetic_display()}.",
    ]
    for label, value in (
        ("Creating an image is an offence", law.covers_creation),
        ("Sharing or distributing is covered", law.covers_distribution),
        ("Threatening to share is covered", law.covers_threats),
    ):
        if value is not None:
            facts.append(f"{label}: {'yes' if value else 'no'}.")
    if law.minors_specific:
        facts.append("Protects children under 18 (child sexual abuse material).")
    if law.max_penalty:
        facts.append(f"Maximum penalty: {law.max_penalty}.")
    if law.civil_remedies:
        facts.append("Civil remedies: " + ", ".join(r.replace("_", " ") for r in law.civil_remedies) + ".")
    if law.removal_deadline_hours:
        facts.append(f"Platforms must remove content within {law.removal_deadline_hours} hours.")
    return " ".join(facts)


def _threats_only(law: Law) -> bool:
    """A law about threatening to share: threats covered, sharing and making not (by field or by tags)."""
    acts = set(law.tags) & {"created", "shared", "threatened"}
    return (
        bool(law.covers_threats)
        and not law.covers_distribution
        and not law.covers_creation
        and acts <= {"threatened"}
    )


def law_passages(law: Law, place_names: str) -> list[Passage]:
    head = " — ".join(x for x in (law.short_name, law.title) if x)
    text = f"{head}. {law.citation}. {place_names}. {_facts(law)} {law.body}"
    return [
        Passage(
            "law",
            law.id,
            [law.jurisdiction_id],
            law.short_name or law.title,
            _squash(text),
            minors=law.minors_specific,
            status=law.status,
            kind=law.kind,
            tags=list(law.tags),
            covers_synthetic=law.covers_synthetic,
            threats_only=_threats_only(law),
            sections=sorted(section_numbers(law.citation)),
        )
    ]


def channel_passages(channel: Channel, place_names: str) -> list[Passage]:
    codes = sorted(j.code for j in channel.jurisdictions.all())
    who = ", ".join(
        w for w, yes in (("adults", channel.serves_adults), ("under-18s", channel.serves_minors)) if yes
    )
    steps = " ".join(channel.steps)
    text = (
        f"{channel.name}. {channel.get_kind_display()} for {who}. Serves {place_names}. "
        f"{channel.body} {steps} {' '.join(channel.tags)}"
    )
    return [
        Passage(
            "channel",
            channel.id,
            codes,
            channel.name,
            _squash(text),
            minors=channel.serves_minors and not channel.serves_adults,
            kind=channel.kind,
            tags=list(channel.tags),
        )
    ]


def guide_passages(guide: Guide) -> list[Passage]:
    codes = sorted(j.code for j in guide.jurisdictions.all())
    chunks, words = [], []
    for para in re.split(r"\n\s*\n", guide.body):
        para_words = para.split()
        if words and len(words) + len(para_words) > GUIDE_CHUNK_WORDS:
            chunks.append(" ".join(words))
            words = []
        words.extend(para_words)
    if words or not chunks:
        chunks.append(" ".join(words))
    head = f"{guide.title}. {guide.summary} {guide.get_topic_display()}."
    return [
        Passage(
            "guide",
            guide.id,
            codes,
            guide.title,
            _squash(f"{head} {chunk}"),
            minors=guide.topic == "minor",
            kind=guide.topic,
            tags=list(guide.tags),
        )
        for chunk in chunks
    ]


def _squash(text: str) -> str:
    text = re.sub(r"[#*_`>\[\]]", " ", text)
    text = re.sub(r"\(https?://[^)]*\)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def passages_from_db() -> list[Passage]:
    """Every published record as passages, in a stable order (so identical content hashes the same)."""
    graph = jurisdiction_graph()

    def names(codes: list[str]) -> str:
        return ", ".join(graph.names.get(c, c) for c in codes)

    out: list[Passage] = []
    for law in published_laws().order_by("id"):
        parent = graph.parent.get(law.jurisdiction_id)
        out.extend(law_passages(law, names([law.jurisdiction_id] + ([parent] if parent else []))))
    for channel in published_channels().order_by("id"):
        out.extend(channel_passages(channel, names(sorted(j.code for j in channel.jurisdictions.all()))))
    for guide in published_guides().order_by("id"):
        out.extend(guide_passages(guide))
    return out


def passages_digest(passages: list[Passage]) -> str:
    payload = json.dumps([p.to_json() for p in passages], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
