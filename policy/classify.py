"""How a place treats sexual deepfakes, in five plain categories: the colours of the maps.

The rule, strongest first (a place gets the first category that fits its published laws):

1. **Specific criminal law** — a criminal law in force or enacted that covers AI-made or
   altered images explicitly (child-protection laws do not count here: they protect only children).
2. **Civil only** — no such crime, but a civil action, platform duty, takedown scheme or
   protective order in force or enacted covers AI-made images explicitly.
3. **General law only** — laws in force or enacted exist, but none covers AI-made images explicitly
   (they may by interpretation, or only for children).
4. **Bill pending** — no law in force or enacted, only bills. A bill is never shown as law.
5. **Nothing known** — no published law at all.

Failed bills and repealed laws are ignored. Whether a bill is pending is reported alongside any
category, so "general law only, bill pending" can still be said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from kb.vocab import LawKind, LawStatus, SyntheticCoverage


class Treatment(models.TextChoices):
    SPECIFIC_CRIMINAL = "specific_criminal", _("Specific criminal law")
    CIVIL_ONLY = "civil_only", _("Civil only")
    GENERAL_ONLY = "general_only", _("General law only")
    BILL_PENDING = "bill_pending", _("Bill pending")
    NOTHING_KNOWN = "nothing_known", _("Nothing known")


TREATMENT_RANK = {t: i for i, t in enumerate(Treatment)}  # 0 is strongest

TREATMENT_HELP = {
    Treatment.SPECIFIC_CRIMINAL: _(
        "A criminal law in force or passed that explicitly covers fake or AI-made intimate images."
    ),
    Treatment.CIVIL_ONLY: _(
        "Fake images are covered explicitly, but only by a civil action, a platform duty or a "
        "takedown scheme, not by a crime."
    ),
    Treatment.GENERAL_ONLY: _(
        "Laws exist, but none explicitly covers fake or AI-made images (some may by interpretation, "
        "or only for children)."
    ),
    Treatment.BILL_PENDING: _("No law yet, only a bill. A bill is not law and may never pass."),
    Treatment.NOTHING_KNOWN: _("We have no published law for this place."),
}

LAW_STATUSES = (LawStatus.IN_FORCE, LawStatus.ENACTED)


class LawFacts(Protocol):
    id: str
    jurisdiction_id: str
    kind: str
    status: str
    covers_synthetic: str
    minors_specific: bool


@dataclass(frozen=True)
class Classification:
    code: str
    treatment: Treatment
    bill_pending: bool = False
    from_within: bool = False  # the treatment comes from a state or nation within, not national law
    law_ids: tuple[str, ...] = field(default=())  # the laws that decided the treatment

    @property
    def label(self) -> str:
        return str(self.treatment.label)


def _is_law(law: LawFacts) -> bool:
    return law.status in LAW_STATUSES


def _treatment_of(law: LawFacts) -> Treatment | None:
    """What one law alone makes of a place, or None for failed bills and repealed laws."""
    if law.status == LawStatus.BILL:
        return Treatment.BILL_PENDING
    if not _is_law(law):
        return None
    explicit = law.covers_synthetic == SyntheticCoverage.EXPLICIT
    if not explicit or law.kind == LawKind.CHILD_PROTECTION:
        return Treatment.GENERAL_ONLY
    if law.kind == LawKind.CRIMINAL:
        return Treatment.SPECIFIC_CRIMINAL
    return Treatment.CIVIL_ONLY


def laws_classify(*, code: str, laws: Iterable[LawFacts], within: Iterable[LawFacts] = ()) -> Classification:
    """Classify a place from its own laws and, optionally, the laws of places within it.

    A place whose own laws are weaker than those within it (a country with state laws) takes the
    stronger treatment with `from_within` set, so a map can say "in some states". A bill pending
    within counts only then.
    """
    laws, within = list(laws), list(within)
    own, inner = _strongest(laws), _strongest(within)
    bill = any(law.status == LawStatus.BILL for law in laws)
    if inner[0] is not None and (own[0] is None or TREATMENT_RANK[inner[0]] < TREATMENT_RANK[own[0]]):
        bill = bill or any(law.status == LawStatus.BILL for law in within)
        return Classification(code, inner[0], bill, from_within=True, law_ids=inner[1])
    if own[0] is None:
        return Classification(code, Treatment.NOTHING_KNOWN, bill)
    return Classification(code, own[0], bill, law_ids=own[1])


def _strongest(laws: Iterable[LawFacts]) -> tuple[Treatment | None, tuple[str, ...]]:
    best: Treatment | None = None
    ids: list[str] = []
    for law in laws:
        treatment = _treatment_of(law)
        if treatment is None:
            continue
        if best is None or TREATMENT_RANK[treatment] < TREATMENT_RANK[best]:
            best, ids = treatment, [law.id]
        elif treatment == best:
            ids.append(law.id)
    return best, tuple(sorted(ids))


def places_classify(*, codes: Iterable[str], include_within: bool = False) -> dict[str, Classification]:
    """Classify each place from its published laws in one query.

    With `include_within`, the laws of every place below it in the tree (states, nations) count
    too, marked `from_within` when they decide.
    """
    from kb.jurisdictions import jurisdiction_graph
    from kb.models import Law

    codes = list(codes)
    graph = jurisdiction_graph()
    inner = {c: graph.descendants(c) for c in codes} if include_within else {}
    wanted = set(codes) | {d for ds in inner.values() for d in ds}
    by_place: dict[str, list] = {}
    rows = (
        Law.objects.published()
        .filter(jurisdiction_id__in=wanted)
        .only("id", "jurisdiction_id", "kind", "status", "covers_synthetic", "minors_specific")
    )
    for law in rows:
        by_place.setdefault(law.jurisdiction_id, []).append(law)
    return {
        code: laws_classify(
            code=code,
            laws=by_place.get(code, []),
            within=[law for d in inner.get(code, []) for law in by_place.get(d, [])],
        )
        for code in codes
    }
