"""Health of the knowledge base: coverage, missing facts, and what needs re-checking.

Used by `check_content` (which fails on errors) and to write the coverage table in docs/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils import timezone

from kb.content.links import is_mirror, url_kind
from kb.models import Channel, Guide, GuideTranslation, Jurisdiction, Law, Source
from kb.selectors import guide_translations_stale
from kb.vocab import TALK_NOW_KINDS, ChannelKind, LawStatus, ReviewStatus, Route, Verification

UN_MEMBERS_FILE = Path(__file__).parent / "content" / "data" / "un_member_states.txt"

TARGETS = {
    "UN member states covered": 193,
    "jurisdictions covered": 140,
    "laws": 250,
    "channels": 80,
    "guides": 12,
}


@dataclass
class Finding:
    record: str  # "law us-tx-…", "channel stopncii"
    problem: str

    def __str__(self) -> str:
        return f"{self.record}: {self.problem}"


@dataclass
class ContentHealth:
    errors: list[Finding] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    old_bills: list[str] = field(default_factory=list)
    channels_without_url: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    laws_by_kind: Counter = field(default_factory=Counter)
    laws_by_status: Counter = field(default_factory=Counter)
    laws_by_verification: Counter = field(default_factory=Counter)
    records_by_verification: Counter = field(default_factory=Counter)
    records_with_last_verified: int = 0
    records_total: int = 0
    link_kinds: Counter = field(default_factory=Counter)  # ("in_force", "homepage") -> laws without url_note
    links_with_note: int = 0
    mirror_sources: list[str] = field(default_factory=list)
    un_members_covered: list[str] = field(default_factory=list)
    un_members_missing: list[str] = field(default_factory=list)
    translations: Counter = field(default_factory=Counter)  # published guide translations by language
    stale_translations: list[str] = field(default_factory=list)  # the English guide changed since
    rows: list[dict] = field(default_factory=list)  # one per jurisdiction, for the coverage table


def _stale(last_verified: dt.date | None, today: dt.date, days: int) -> bool:
    return last_verified is None or (today - last_verified).days > days


def content_health(*, stale_days: int, bill_days: int, today: dt.date | None = None) -> ContentHealth:
    today = today or timezone.localdate()
    health = ContentHealth()
    laws = list(Law.objects.published().select_related("jurisdiction").prefetch_related("sources"))
    channels = list(Channel.objects.published().prefetch_related("jurisdictions"))
    guides = list(Guide.objects.published())
    jurisdictions = list(Jurisdiction.objects.published().order_by("code"))

    for law in laws:
        label = f"law {law.id}"
        for name in ("citation", "url", "title"):
            if not getattr(law, name):
                health.errors.append(Finding(label, f"{name} is missing"))
        if not law.sources.all():
            health.errors.append(Finding(label, "has no source"))
        if not law.jurisdiction.is_published:
            health.errors.append(Finding(label, f"its jurisdiction {law.jurisdiction_id} is not published"))
        if law.status == LawStatus.BILL and _stale(law.last_verified, today, bill_days):
            health.old_bills.append(label)
        health.laws_by_kind[law.get_kind_display()] += 1
        health.laws_by_status[law.get_status_display()] += 1
        health.laws_by_verification[law.verification] += 1
    for channel in channels:
        label = f"channel {channel.id}"
        if not channel.jurisdictions.all():
            health.errors.append(Finding(label, "serves no jurisdiction"))
        if not channel.url:
            health.channels_without_url.append(label)
            if not channel.phone:
                health.errors.append(Finding(label, "has neither a URL nor a phone number"))
    for record, label in (
        [(r, f"law {r.id}") for r in laws]
        + [(r, f"channel {r.id}") for r in channels]
        + [(r, f"guide {r.id}") for r in guides]
        + [(r, f"jurisdiction {r.code}") for r in jurisdictions]
    ):
        health.records_total += 1
        health.records_by_verification[record.verification] += 1
        if record.verification == Verification.UNVERIFIED:
            health.unverified.append(label)
        elif record.last_verified is None:
            health.errors.append(Finding(label, f"is {record.verification} but has no last_verified date"))
        elif _stale(record.last_verified, today, stale_days):
            health.stale.append(label)
        if record.last_verified is not None:
            health.records_with_last_verified += 1
    health.translations = Counter(
        GuideTranslation.objects.published().filter(guide__in=guides).values_list("lang", flat=True)
    )
    health.stale_translations = [f"{t.lang}/{t.guide_id}" for t in guide_translations_stale()]
    health.errors.extend(_same_citation_disagreements(laws))
    health.errors.extend(_crisis_lines_that_are_not(channels))
    health.errors.extend(country_route_gaps(jurisdictions, channels))
    for law in laws:
        kind = url_kind(law.url)
        if law.url_note:
            health.links_with_note += 1
        elif kind != "text":
            health.link_kinds[(law.status, kind)] += 1
        if law.status == LawStatus.BILL and law.session_end and law.session_end < today:
            label = f"law {law.id}"
            if label in health.old_bills:
                health.old_bills.remove(label)
            health.old_bills.append(f"{label} (session ended {law.session_end})")
    health.mirror_sources = [
        f"{s.content_type.model} {s.object_id}: {s.url}"
        for s in Source.objects.select_related("content_type")
        if is_mirror(s.url)
    ]

    laws_by_place: dict[str, list[Law]] = defaultdict(list)
    for law in laws:
        laws_by_place[law.jurisdiction_id].append(law)
    channels_by_place: Counter = Counter(j.code for ch in channels for j in ch.jurisdictions.all())
    covered = 0
    covered_codes: set[str] = set()
    for j in jurisdictions:
        own = laws_by_place.get(j.code, [])
        in_force = [law for law in own if law.is_law]
        synthetic = [law for law in in_force if law.covers_synthetic == "explicit"]
        if own or j.no_specific_law:
            covered += 1
            covered_codes.add(j.code)
        elif j.kind not in ("global",) and not _inherits_everything(j):
            health.uncovered.append(j.code)
        health.rows.append(
            {
                "code": j.code,
                "name": j.name,
                "laws": len(own),
                "in_force": len(in_force),
                "bills": sum(1 for law in own if law.status == LawStatus.BILL),
                "synthetic": len(synthetic),
                "channels": channels_by_place.get(j.code, 0),
                "no_specific_law": j.no_specific_law,
            }
        )
    published = {j.code for j in jurisdictions if j.code in covered_codes}
    members = un_member_states()
    health.un_members_covered = sorted(members & published)
    health.un_members_missing = sorted(members - published)
    health.totals = {
        "jurisdictions": len(jurisdictions),
        "jurisdictions covered": covered,
        "UN member states covered": len(health.un_members_covered),
        "laws": len(laws),
        "channels": len(channels),
        "guides": len(guides),
        "drafts and in review": sum(
            m.objects.exclude(review_status=ReviewStatus.PUBLISHED).count()
            for m in (Law, Channel, Guide, Jurisdiction)
        ),
    }
    return health


@cache
def un_member_states() -> frozenset[str]:
    """The 193 UN member states' ISO codes, kept as data (content/data/un_member_states.txt)."""
    lines = UN_MEMBERS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(code for line in lines if not line.startswith("#") for code in line.split())


def citation_key(citation: str) -> str:
    """Citations that differ only in spacing, case, punctuation or 's.'/'section' are the same."""
    text = citation.lower().replace("section", "s").replace("§", "s")
    return re.sub(r"[^a-z0-9]+", "", text)


def _same_citation_disagreements(laws: list[Law]) -> list[Finding]:
    """Two records of one provision must agree on its status and dates (commencement is one fact)."""
    groups: dict[tuple[str, str], list[Law]] = defaultdict(list)
    for law in laws:
        groups[(law.jurisdiction_id, citation_key(law.citation))].append(law)
    found = []
    for group in groups.values():
        for name in ("status", "enacted", "in_force"):
            values = {getattr(law, name) for law in group}
            if len(values) > 1:
                ids = ", ".join(sorted(law.id for law in group))
                found.append(
                    Finding(f"laws {ids}", f"share the citation {group[0].citation!r} but disagree on {name}")
                )
    return found


def _crisis_lines_that_are_not(channels: list[Channel]) -> list[Finding]:
    """What is offered to someone in danger must be a line they can talk to now."""
    return [
        Finding(f"channel {ch.id}", f"is tagged danger but is a {ch.kind} channel, not a line to call now")
        for ch in channels
        if "danger" in (ch.tags or []) and not channel_is_a_line(ch)
    ]


def channel_is_a_line(channel: Channel) -> bool:
    """A crisis line or helpline, or a support service with a phone: someone answers now."""
    if channel.kind in (ChannelKind.CRISIS, ChannelKind.HELPLINE):
        return True
    return channel.kind in TALK_NOW_KINDS and bool(channel.phone)


def country_route_gaps(jurisdictions: list[Jurisdiction], channels: list[Channel]) -> list[Finding]:
    """Every country: an emergency number, a police route and a support line, or 'none known'."""
    serving: dict[str, set[str]] = defaultdict(set)
    for ch in channels:
        for j in ch.jurisdictions.all():
            serving[j.code].add(ch.kind)
    found = []
    for j in jurisdictions:
        if j.kind != "country":
            continue
        kinds = set().union(*(serving[c] for c in serving if c == j.code or c.startswith(j.code + "-")))
        label = f"jurisdiction {j.code}"
        if not j.emergency_number and Route.EMERGENCY not in j.none_known:
            found.append(Finding(label, "has no emergency number (add one, or none_known: [emergency])"))
        if ChannelKind.POLICE not in kinds and Route.POLICE not in j.none_known:
            found.append(Finding(label, "has no police route (add one, or none_known: [police])"))
        if not kinds & set(TALK_NOW_KINDS) and Route.SUPPORT not in j.none_known:
            found.append(Finding(label, "has no support line (add one, or none_known: [support])"))
    return found


def _inherits_everything(j: Jurisdiction) -> bool:
    """England and Wales each share GB-EAW's law: they are covered through their parent."""
    return j.kind == "nation" and j.parent_id is not None and j.parent.laws.exists()


def coverage_markdown(health: ContentHealth) -> str:
    t = health.totals
    lines = [
        "# Coverage of the knowledge base",
        "",
        "Generated by `python manage.py check_content --coverage docs/coverage.md` from the published records.",
        "",
        "| total | count | target |",
        "|---|---:|---:|",
    ]
    for name in (
        "jurisdictions",
        "jurisdictions covered",
        "UN member states covered",
        "laws",
        "channels",
        "guides",
    ):
        lines.append(f"| {name} | {t[name]} | {TARGETS.get(name, '')} |")
    lines += [
        "",
        "Laws by status: " + ", ".join(f"{k} {v}" for k, v in sorted(health.laws_by_status.items())) + ".",
        "Laws by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(health.laws_by_kind.items())) + ".",
        "Laws by how they were verified: "
        + ", ".join(f"{k} {v}" for k, v in sorted(health.laws_by_verification.items()))
        + " (official: checked against an official text or government page; secondary: reputable"
        " secondary sources; unverified: shown with a warning until checked).",
        "",
        "| code | place | laws | in force | bills | in force and explicitly covering synthetic images | channels | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in health.rows:
        note = "no specific law" if r["no_specific_law"] else ""
        lines.append(
            f"| {r['code']} | {r['name']} | {r['laws']} | {r['in_force']} | {r['bills']} | "
            f"{r['synthetic']} | {r['channels']} | {note} |"
        )
    return "\n".join(lines) + "\n"
