"""The action plan: what to do, in order, built only from published records of the person's place.

`plan_for(state)` picks from the records of the jurisdiction chain (the place, its country,
supranational bodies, GLOBAL) and nothing else. The order is fixed: safety now (when in danger),
the under-18 path (when the person shown is a child), save evidence, get it removed, report,
legal options, support. Each record appears once, in the first section that needs it.

Channels are chosen by kind and tags: platform tags for where the images are, situation tags
for what happened, want tags for what the person wants, and the age the channel serves. A bill
is never listed as law; it goes to `bills`. Sections carry records only: the words around them
live in the templates, where they can be translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chat.places import place_name
from chat.state import FlowState, Happened, Minor, Platform, Want
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.models import Channel, Guide, Jurisdiction, Law
from kb.selectors import Applicable, applicable_for
from kb.vocab import TALK_NOW_KINDS, ChannelKind, GuideTopic, LawKind, LawStatus

MAX_CRISIS, MAX_CHILD, MAX_SUPPORT = 4, 5, 4
REMOVAL_LAW_KINDS = {LawKind.REGULATORY, LawKind.TAKEDOWN}
# Talk-to-someone lines: crisis lines, helplines and support services.
CRISIS_KIND = ChannelKind.CRISIS
SUPPORT_KINDS = set(TALK_NOW_KINDS)
# On the under-18 path: hash-blocking first (it needs no copy of the image), then child lines, then reporting.
CHILD_KIND_ORDER = {
    ChannelKind.HASH_BLOCKING: 0,
    ChannelKind.HELPLINE: 1,
    ChannelKind.POLICE: 2,
    ChannelKind.SEARCH_REMOVAL: 3,
    ChannelKind.SUPPORT: 4,
}


@dataclass
class Section:
    """One step of the plan. `key` names its template (chat/plan/_<key>.html)."""

    key: str
    channels: list[Channel] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    more: list[Channel] = field(default_factory=list)  # shown folded away
    channel_groups: list[tuple[str, list[Channel]]] = field(default_factory=list)  # removal routes by kind
    law_groups: list[tuple[str, list[Law]]] = field(default_factory=list)  # legal options by kind
    # Places further away (GLOBAL): shown as what is left when nothing local is known, and said so.
    international: list[Channel] = field(default_factory=list)
    local_none: bool = False  # nothing recorded for the person's own place: the template says so

    @property
    def channel_count(self) -> int:
        return len(self.channels) + len(self.more)

    @property
    def template(self) -> str:
        return f"chat/plan/_{self.key}.html"


@dataclass
class Plan:
    state: FlowState
    jurisdiction: Jurisdiction
    place_name: str
    chain: list[Jurisdiction]
    emergency: str
    sections: list[Section]
    laws: list[Law]  # every law (not bill) of the chain that applies to this person
    bills: list[Law]
    report_channels: list[Channel]  # for the printed summary: where a report can be made
    without_specific_law: list[Jurisdiction]  # places in the chain with no law specific to images

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def guides(self) -> list[Guide]:
        """Every guide the plan links to, once, in the order of its steps (for the printed summary)."""
        return list({g.pk: g for section in self.sections for g in section.guides}.values())

    @property
    def is_minor(self) -> bool:
        return self.state.minor == Minor.YES

    @property
    def maybe_minor(self) -> bool:
        return self.state.minor in (Minor.YES, Minor.UNSAID)


def _is_child_law(law: Law) -> bool:
    return law.minors_specific or law.kind == LawKind.CHILD_PROTECTION


def _is_child_channel(channel: Channel) -> bool:
    return channel.serves_minors and ("minor" in channel.tags or not channel.serves_adults)


def _is_report_route(channel: Channel) -> bool:
    return channel.kind in (ChannelKind.POLICE, ChannelKind.REGULATOR) or (
        channel.kind == ChannelKind.HELPLINE and "prosecution" in channel.tags
    )


class _Picker:
    """Chooses the records for each section: nearest place and best tag match first, each record once."""

    def __init__(self, state: FlowState, applicable: Applicable):
        self.state = state
        self.rank = {j.code: i for i, j in enumerate(applicable.chain)}
        self.wanted = (
            state.situation_tags | {w.value for w in state.wants} | {p.value for p in state.platforms}
        )
        self.channels = [c for c in applicable.channels if self.serves(c)]
        situation = state.situation_tags
        # Only fake images: a law for real images only (covers_synthetic "no") does not fit them.
        fake_only = Happened.CREATED in state.happened and Happened.REAL_IMAGES not in state.happened
        # Nearest place first; within a place, the laws whose tags match what happened.
        nearest = sorted(
            applicable.laws,
            key=lambda law: (
                self.rank.get(law.jurisdiction_id, 99),
                fake_only and law.covers_synthetic == "no",
                -len(situation & set(law.tags)),
            ),
        )
        if state.minor == Minor.NO:
            nearest = [law for law in nearest if not _is_child_law(law)]
        self.laws = [law for law in nearest if law.is_law]
        self.bills = [law for law in nearest if law.status == LawStatus.BILL]
        self.by_topic = {g.topic: g for g in applicable.guides}
        self.used: set[str] = set()
        self.used_laws: set[str] = set()

    def serves(self, channel: Channel) -> bool:
        if self.state.minor == Minor.YES:
            return channel.serves_minors
        if self.state.minor == Minor.NO:
            return channel.serves_adults
        return True  # not said: both, each card says who it is for

    def is_local(self, channel: Channel) -> bool:
        """Recorded for the place, its country or a body above it; not only GLOBAL."""
        return any(j.code != GLOBAL and j.code in self.rank for j in channel.jurisdictions.all())

    def nearness(self, channel: Channel) -> int:
        return min((self.rank.get(j.code, 99) for j in channel.jurisdictions.all()), default=99)

    def relevance(self, channel: Channel) -> int:
        return len(self.wanted & set(channel.tags))

    def nearest_first(self, channel: Channel) -> tuple:
        return (self.nearness(channel), -self.relevance(channel), channel.name)

    def take(self, test, *, key=None, limit: int | None = None) -> list[Channel]:
        key = key or (lambda c: (-self.relevance(c), self.nearness(c), c.name))
        found = sorted((c for c in self.channels if c.pk not in self.used and test(c)), key=key)
        found = found[:limit] if limit is not None else found
        self.used.update(c.pk for c in found)
        return found

    def take_laws(self, test) -> list[Law]:
        found = [law for law in self.laws if law.pk not in self.used_laws and test(law)]
        self.used_laws.update(law.pk for law in found)
        return found

    def guides(self, *topics: str) -> list[Guide]:
        return [self.by_topic[t] for t in topics if t in self.by_topic]


def _is_talk_line(channel: Channel) -> bool:
    """A line a person in danger can talk to now: a crisis line, or a helpline or support line with a
    phone number for danger or support. Websites (a coalition's pages, a self-help guide) are not."""
    if channel.kind == CRISIS_KIND:
        return True
    return (
        channel.kind in SUPPORT_KINDS
        and bool(channel.phone)
        and bool({"danger", "support", "crisis"} & set(channel.tags))
    )


def _is_helpline_directory(channel: Channel) -> bool:
    """An international way to find a line (a helpline directory), offered when no local line is known."""
    return channel.kind in (CRISIS_KIND, ChannelKind.HELPLINE) and "danger" in channel.tags


def _danger_section(pick: _Picker) -> Section:
    """Crisis and support lines of the place, nearest first; if none is known, say so, with what works anywhere."""

    def order(c: Channel) -> tuple:
        return (pick.nearness(c), c.kind != CRISIS_KIND, "danger" not in c.tags, c.name)

    adult = pick.state.minor == Minor.NO  # an adult in danger is not sent to a children's line

    def fits(c: Channel) -> bool:
        return _is_talk_line(c) and not (adult and _is_child_channel(c))

    local = pick.take(lambda c: pick.is_local(c) and fits(c), key=order, limit=MAX_CRISIS)
    international = pick.take(
        lambda c: not pick.is_local(c) and (fits(c) or _is_helpline_directory(c)), key=order, limit=2
    )
    return Section(
        "danger",
        channels=local,
        international=international,
        local_none=not local,
        guides=pick.guides(GuideTopic.SAFETY),
    )


def _child_section(pick: _Picker) -> Section:
    """Services for under-18s and child-protection law; "maybe" when the age was not given."""
    sure = pick.state.minor == Minor.YES
    child = pick.take(
        _is_child_channel,
        key=lambda c: (
            c.kind != ChannelKind.HASH_BLOCKING,
            pick.nearness(c),
            CHILD_KIND_ORDER.get(c.kind, 9),
            -pick.relevance(c),
            not c.anonymous,
            c.name,
        ),
        limit=MAX_CHILD if sure else 3,
    )
    return Section(
        "minor" if sure else "maybe_minor",
        channels=child,
        laws=pick.take_laws(_is_child_law),
        guides=pick.guides(GuideTopic.MINOR, GuideTopic.SCHOOL),
    )


def _removal_section(pick: _Picker) -> Section:
    """Each chosen platform's route, hash-blocking, search removal, regulators, and the legal removal duty."""
    state = pick.state
    chosen = {p.value for p in state.platforms}
    wide = bool(chosen & {Platform.SEARCH, Platform.DONT_KNOW, Platform.OTHER, Platform.PORN_SITES})
    situation = pick.wanted - {"removal", "search"}
    groups = [
        ("platforms", pick.take(lambda c: c.kind == ChannelKind.PLATFORM and bool(chosen & set(c.tags)))),
        ("hash_blocking", pick.take(lambda c: c.kind == ChannelKind.HASH_BLOCKING)),
        (
            "search",
            pick.take(
                lambda c: (
                    c.kind == ChannelKind.SEARCH_REMOVAL
                    and (wide or Want.STOP_SPREAD in state.wants)
                    and bool(set(c.tags) & situation)
                )
            ),
        ),
        ("regulators", pick.take(lambda c: c.kind == ChannelKind.REGULATOR and "removal" in c.tags)),
        ("helpers", pick.take(lambda c: c.kind in SUPPORT_KINDS and "removal" in c.tags, limit=2)),
    ]
    laws = pick.take_laws(
        lambda law: law.kind in REMOVAL_LAW_KINDS and ("removal" in law.tags or law.removal_deadline_hours)
    )
    return Section(
        "removal",
        channels=[c for _, group in groups for c in group],
        channel_groups=groups,
        laws=laws,
        guides=pick.guides(GuideTopic.REMOVAL, GuideTopic.HASH_BLOCKING),
    )


def _report_section(pick: _Picker, report_channels: list[Channel]) -> Section:
    """Always in the plan: the official routes of the place, even if they were already shown above
    (Pharos in France is both a removal and a crime-report route), and a plain word when none is known."""
    local = [c for c in report_channels if pick.is_local(c)]
    pick.used.update(c.pk for c in local)
    return Section("report", channels=local, local_none=not local, guides=pick.guides(GuideTopic.POLICE))


def _legal_section(pick: _Picker) -> Section:
    """Every remaining law, grouped: crimes, court, duties; court first when only compensation is wanted."""
    laws = pick.take_laws(lambda law: True)
    groups = [
        ("criminal", [law for law in laws if law.kind in (LawKind.CRIMINAL, LawKind.CHILD_PROTECTION)]),
        ("court", [law for law in laws if law.kind in (LawKind.CIVIL, LawKind.PROTECTIVE_ORDER)]),
        ("duties", [law for law in laws if law.kind in REMOVAL_LAW_KINDS]),
    ]
    wants = pick.state.wants
    if Want.COMPENSATION in wants and Want.PROSECUTION not in wants:
        groups[0], groups[1] = groups[1], groups[0]
    return Section(
        "legal",
        laws=laws,
        law_groups=[(name, group) for name, group in groups if group],
        channels=pick.take(lambda c: c.kind == ChannelKind.LEGAL_HELP),
        guides=pick.guides(GuideTopic.CIVIL),
        # Compensation was asked for and no court route is recorded: the template says so, and what to do.
        local_none=Want.COMPENSATION in wants and not groups_court(groups),
    )


def groups_court(groups: list[tuple[str, list[Law]]]) -> list[Law]:
    return next((group for name, group in groups if name == "court"), [])


def _support_section(pick: _Picker) -> Section:
    support = pick.take(lambda c: c.kind in SUPPORT_KINDS, key=pick.nearest_first)
    return Section(
        "support",
        channels=support[:MAX_SUPPORT],
        more=support[MAX_SUPPORT:],
        local_none=not any(pick.is_local(c) for c in support),
        guides=pick.guides(GuideTopic.SELF_CARE),
    )


def _helping_section(pick: _Picker) -> Section:
    """For parents, friends, teachers and advocates: how to help, and what a school or employer should do."""
    return Section("helping", guides=pick.guides(GuideTopic.SUPPORTING, GuideTopic.SCHOOL))


def plan_for(state: FlowState) -> Plan:
    """The ordered, cited action plan for these choices."""
    jurisdiction = (
        Jurisdiction.objects.published().filter(code=state.place).first()
        or Jurisdiction.objects.published().filter(code=GLOBAL).first()
    )
    if jurisdiction is None:
        raise Jurisdiction.DoesNotExist("no published place and no GLOBAL record")
    applicable = applicable_for(jurisdiction=jurisdiction)
    pick = _Picker(state, applicable)
    # Every place a report can be made, for the printed summary, whichever step shows it.
    report_channels = sorted((c for c in pick.channels if _is_report_route(c)), key=pick.nearest_first)

    sections: list[Section] = []
    if state.in_danger:
        sections.append(_danger_section(pick))
    if Happened.THREATENED in state.happened:  # "do not pay" is the first thing to do, before evidence
        sections.append(Section("threats", guides=pick.guides(GuideTopic.SEXTORTION)))
    if state.minor in (Minor.YES, Minor.UNSAID):
        sections.append(_child_section(pick))
    if state.helping:
        sections.append(_helping_section(pick))
    sections.append(Section("evidence", guides=pick.guides(GuideTopic.EVIDENCE)))
    if state.wants & {Want.REMOVAL, Want.STOP_SPREAD}:
        sections.append(_removal_section(pick))
    sections.append(_report_section(pick, report_channels))
    sections.append(_legal_section(pick))
    sections.append(_support_section(pick))
    return Plan(
        state=state,
        jurisdiction=jurisdiction,
        place_name=place_name(jurisdiction.code),
        chain=applicable.chain,
        emergency=jurisdiction_graph().emergency_number(jurisdiction.code),
        sections=sections,
        laws=pick.laws,
        bills=pick.bills,
        report_channels=report_channels,
        without_specific_law=[j for j in applicable.chain if j.no_specific_law],
    )
