"""The comparison matrix: structured facts (rows) for chosen jurisdictions (columns).

A column summarises the published laws OF that jurisdiction only; with `inherit` it also folds in
the laws of its chain (a state's federal law, a member state's EU law), each marked as coming from
there. Failed bills and repealed laws are left out. A bill never makes a cell say "yes": a fact
that only a bill would establish reads "bill pending".

The page, the CSV, the JSON download and the API all read the same `Matrix`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kb.jurisdictions import JurisdictionGraph, jurisdiction_graph
from kb.localnames import place_local_name
from kb.models import Law
from kb.vocab import Intent, LawKind, LawStatus, SyntheticCoverage

MAX_COLUMNS = 250

# Cell values, strongest first; a cell always carries a text label too (never colour alone).
VALUE_RANK = {
    "yes": 0,
    "in_force": 0,
    "text": 1,
    "partial": 2,
    "enacted": 2,
    "bill": 3,
    "no": 4,
    "unknown": 5,
    "none": 6,
}
LABELS = {
    "yes": _("Yes"),
    "partial": _("By interpretation"),
    "bill": _("Bill pending"),
    "no": _("No"),
    "unknown": _("Not recorded"),  # laws exist but our records do not say: never read as "no"
    "none": _("No law recorded"),
    "in_force": _("In force"),
    "enacted": _("Passed, not yet in force"),
}
LEGEND = ["yes", "partial", "bill", "no", "unknown", "none"]


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    question: str = ""  # for the filter: "where is … ?"; empty when the fact is not a yes/no

    @property
    def filterable(self) -> bool:
        return bool(self.question)


FACTS = [
    Fact("criminal", _("Criminal offence"), _("Where is there a criminal offence?")),
    Fact("civil", _("Civil action (victims can sue)"), _("Where can victims sue?")),
    Fact(
        "synthetic",
        _("Covers fake or AI-made images"),
        _("Where does a law explicitly cover fake or AI-made images?"),
    ),
    Fact(
        "creation",
        _("Creating one is a crime on its own"),
        _("Where is creating a deepfake a crime on its own?"),
    ),
    Fact("threats", _("Threats to share are covered"), _("Where are threats to share covered?")),
    Fact("intent", _("Intent required (criminal)")),
    Fact("minors", _("Specific provisions for minors"), _("Where are there provisions for minors?")),
    Fact("penalty", _("Maximum penalty")),
    Fact(
        "removal",
        _("Platform removal duty and deadline"),
        _("Where must platforms remove the images?"),
    ),
    Fact("limitation", _("Time limit to act")),
    Fact("status", _("Status")),
    Fact("in_force", _("In force since")),
]
FACTS_BY_KEY = {f.key: f for f in FACTS}
SORTS = ["", "name", *FACTS_BY_KEY]  # "" keeps the order chosen


@dataclass(frozen=True)
class Entry:
    """A law as it appears in one column: whether it is law or a bill, and whether it is inherited."""

    law: Law
    inherited: bool

    @property
    def is_law(self) -> bool:
        return self.law.status in (LawStatus.IN_FORCE, LawStatus.ENACTED)

    @property
    def is_bill(self) -> bool:
        return self.law.status == LawStatus.BILL


@dataclass
class Cell:
    value: str
    label: str
    entries: list[Entry] = field(default_factory=list)
    number: float | None = None  # a secondary sort key: months, hours, days since 1970

    @property
    def sort_key(self) -> tuple:
        return (VALUE_RANK[self.value], self.number if self.number is not None else float("inf"))

    @property
    def inherited_from(self) -> list[str]:
        """Names of the parents the value comes from (in the page's language), when every supporting law is
        inherited."""
        if not self.entries or not all(e.inherited for e in self.entries):
            return []
        return sorted(
            {place_local_name(e.law.jurisdiction_id, e.law.jurisdiction.name) for e in self.entries}
        )


@dataclass
class Column:
    code: str
    name: str
    cells: dict[str, Cell]


@dataclass
class Matrix:
    columns: list[Column]
    inherit: bool = False
    only: list[str] = field(default_factory=list)
    sort: str = ""
    unknown: list[str] = field(default_factory=list)  # codes asked for that are not published
    dropped: int = 0  # columns hidden by the `only` filter
    facts: list[Fact] = field(default_factory=lambda: list(FACTS))

    @property
    def rows(self) -> list[tuple[Fact, list[Cell]]]:
        return [(f, [c.cells[f.key] for c in self.columns]) for f in self.facts]


# --- Choosing columns -------------------------------------------------------------------------


def _descendants(code: str) -> Callable[[JurisdictionGraph], list[str]]:
    return lambda graph: graph.descendants(code)


GROUPS: dict[str, tuple[str, Callable[[JurisdictionGraph], list[str]]]] = {
    "us-states": (_("All US states"), _descendants("US")),
    "eu": (_("EU members"), lambda graph: graph.members("EU")),
    "au-states": (_("Australian states and territories"), _descendants("AU")),
    "ca-provinces": (_("Canadian provinces and territories"), _descendants("CA")),
    "gb-nations": (_("UK nations"), _descendants("GB")),
    "countries": (
        _("All countries"),
        lambda graph: [c for c, kind in graph.kinds.items() if kind == "country"],
    ),
}


def compare_codes(*, codes: Iterable[str], groups: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The published jurisdictions chosen one by one (in that order), then by group (by name).

    Returns (codes, unknown): unknown are the codes asked for that are not published.
    """
    graph = jurisdiction_graph()
    chosen: list[str] = []
    unknown: list[str] = []
    for raw in codes:
        for code in (c.strip().upper() for c in raw.split(",")):
            if not code:
                continue
            if code in graph.published:
                chosen.append(code)
            elif code not in unknown:
                unknown.append(code)
    for key in groups:
        if key in GROUPS:
            members = [c for c in GROUPS[key][1](graph) if c in graph.published]
            chosen.extend(sorted(members, key=lambda c: graph.names[c]))
    return list(dict.fromkeys(chosen))[:MAX_COLUMNS], unknown


# --- Building cells ---------------------------------------------------------------------------


def _boolean(entries: list[Entry], test: Callable[[Law], bool | None], *, absent: str = "unknown") -> Cell:
    """Yes if a law says so; bill pending if only a bill does; no if a law says no.

    `absent` is the value when laws exist but none answers (`none` for "is there a … law").
    """
    laws = [e for e in entries if e.is_law]
    yes = [e for e in laws if test(e.law) is True]
    if yes:
        return Cell("yes", str(LABELS["yes"]), yes)
    bills = [e for e in entries if e.is_bill and test(e.law) is True]
    no = [e for e in laws if test(e.law) is False]
    if no:
        cell = Cell("no", str(LABELS["no"]), no)
    elif bills:
        return Cell("bill", str(LABELS["bill"]), bills)
    elif laws:
        cell = Cell(absent, str(LABELS[absent]))
    else:
        return Cell("none", str(LABELS["none"]))
    return _with_bill(cell, bills)


def _with_bill(cell: Cell, bills: list[Entry]) -> Cell:
    if bills:
        cell.label = f"{cell.label} · {LABELS['bill']}"
        cell.entries = cell.entries + bills
    return cell


def _kind_is(*kinds: str) -> Callable[[Law], bool | None]:
    return lambda law: True if law.kind in kinds else None


def _criminal(entries: list[Entry]) -> Cell:
    return _boolean(entries, _kind_is(LawKind.CRIMINAL), absent="none")


def _civil(entries: list[Entry]) -> Cell:
    return _boolean(
        entries, lambda law: True if law.kind == LawKind.CIVIL or law.civil_remedies else None, absent="none"
    )


def _synthetic(entries: list[Entry]) -> Cell:
    def explicit(law: Law) -> bool | None:
        return {SyntheticCoverage.EXPLICIT: True, SyntheticCoverage.NO: False}.get(law.covers_synthetic)

    laws = [e for e in entries if e.is_law]
    if any(explicit(e.law) for e in laws):
        return _boolean(entries, explicit)
    partial = [e for e in laws if e.law.covers_synthetic == SyntheticCoverage.INTERPRETATION]
    if partial:
        bills = [e for e in entries if e.is_bill and explicit(e.law)]
        return _with_bill(Cell("partial", str(LABELS["partial"]), partial), bills)
    return _boolean(entries, explicit)


def _creation(entries: list[Entry]) -> Cell:
    """Creating a deepfake is an offence: only criminal laws that explicitly cover synthetic images count.

    A law about recording or making real images ("covers creation" of a real photo) says nothing about
    deepfakes, and one that covers them only by interpretation does not settle it either.
    """

    def creates_deepfakes(law: Law) -> bool | None:
        if law.kind != LawKind.CRIMINAL or law.covers_synthetic != SyntheticCoverage.EXPLICIT:
            return None
        return law.covers_creation

    return _boolean(entries, creates_deepfakes)


def _threats(entries: list[Entry]) -> Cell:
    return _boolean(entries, lambda law: law.covers_threats)


def _minors(entries: list[Entry]) -> Cell:
    return _boolean(entries, lambda law: True if law.minors_specific else None, absent="none")


def _decided(entries: list[Entry], keep: Callable[[Law], bool]) -> tuple[list[Entry], bool]:
    """Laws that pass `keep`, or else bills that do (second item True when only bills)."""
    laws = [e for e in entries if e.is_law and keep(e.law)]
    if laws:
        return laws, False
    return [e for e in entries if e.is_bill and keep(e.law)], True


def _text(entries: list[Entry], texts: list[str], only_bills: bool, number: float | None = None) -> Cell:
    label = "; ".join(dict.fromkeys(t for t in texts if t))
    if only_bills:
        return Cell("bill", f"{LABELS['bill']}: {label}" if label else str(LABELS["bill"]), entries, number)
    return Cell("text", label, entries, number)


def _intent(entries: list[Entry]) -> Cell:
    chosen, only_bills = _decided(entries, lambda law: law.kind == LawKind.CRIMINAL)
    if not chosen:
        return Cell("none", str(LABELS["none"]))
    known = [e for e in chosen if e.law.intent != Intent.UNKNOWN]
    if not known:
        return Cell("unknown", str(LABELS["unknown"]), chosen)
    return _text(known, [str(e.law.get_intent_display()) for e in known], only_bills)


def _penalty(entries: list[Entry]) -> Cell:
    chosen, only_bills = _decided(entries, lambda law: law.kind == LawKind.CRIMINAL)
    if not chosen:
        return Cell("none", str(LABELS["none"]))
    stated = [e for e in chosen if e.law.max_penalty]
    if not stated:
        return Cell("unknown", str(LABELS["unknown"]), chosen)
    top = max(stated, key=lambda e: e.law.max_prison_months or 0)
    months = top.law.max_prison_months
    return _text([top], [top.law.max_penalty], only_bills, -months if months else None)


def _removal(entries: list[Entry]) -> Cell:
    def duty(law: Law) -> bool:
        return bool(law.removal_deadline_hours) or law.kind in (LawKind.REGULATORY, LawKind.TAKEDOWN)

    chosen, only_bills = _decided(entries, duty)
    if not chosen:
        return Cell("none", str(LABELS["none"]))
    hours = [e.law.removal_deadline_hours for e in chosen if e.law.removal_deadline_hours]
    label = str(LABELS["bill"] if only_bills else LABELS["yes"])
    if hours:
        label = f"{label}: " + str(_("within %(hours)s hours") % {"hours": min(hours)})
    return Cell("bill" if only_bills else "yes", label, chosen, min(hours) if hours else None)


def _limitation(entries: list[Entry]) -> Cell:
    chosen, only_bills = _decided(entries, lambda law: bool(law.limitation_period))
    if not chosen:
        laws = [e for e in entries if e.is_law]
        return Cell("unknown", str(LABELS["unknown"])) if laws else Cell("none", str(LABELS["none"]))
    return _text(chosen, [e.law.limitation_period for e in chosen], only_bills)


def _status(entries: list[Entry]) -> Cell:
    for status in (LawStatus.IN_FORCE, LawStatus.ENACTED, LawStatus.BILL):
        found = [e for e in entries if e.law.status == status]
        if found:
            value = "bill" if status == LawStatus.BILL else str(status)
            return Cell(value, str(LABELS[value]), found)
    return Cell("none", str(LABELS["none"]))


def _in_force(entries: list[Entry]) -> Cell:
    dated = [e for e in entries if e.law.status == LawStatus.IN_FORCE and e.law.in_force]
    if dated:
        first = min(dated, key=lambda e: e.law.in_force)
        day = first.law.in_force
        return Cell("text", day.isoformat(), [first], (day - dt.date(1970, 1, 1)).days)
    if any(e.law.status == LawStatus.IN_FORCE for e in entries):
        return Cell("unknown", str(LABELS["unknown"]))
    enacted = [e for e in entries if e.law.status == LawStatus.ENACTED]
    if enacted:
        return Cell("enacted", str(LABELS["enacted"]), enacted)
    bills = [e for e in entries if e.is_bill]
    return Cell("bill", str(LABELS["bill"]), bills) if bills else Cell("none", str(LABELS["none"]))


BUILDERS: dict[str, Callable[[list[Entry]], Cell]] = {
    "criminal": _criminal,
    "civil": _civil,
    "synthetic": _synthetic,
    "creation": _creation,
    "threats": _threats,
    "intent": _intent,
    "minors": _minors,
    "penalty": _penalty,
    "removal": _removal,
    "limitation": _limitation,
    "status": _status,
    "in_force": _in_force,
}


def column_build(*, code: str, name: str, entries: list[Entry]) -> Column:
    cells = {}
    for fact in FACTS:
        cell = BUILDERS[fact.key](entries)
        origin = cell.inherited_from
        if origin:
            cell.label = str(
                _("%(label)s (from %(place)s)") % {"label": cell.label, "place": ", ".join(origin)}
            )
        cells[fact.key] = cell
    return Column(code=code, name=name, cells=cells)


def matrix_build(
    *,
    codes: list[str],
    inherit: bool = False,
    only: Iterable[str] = (),
    sort: str = "",
    unknown: Iterable[str] = (),
) -> Matrix:
    """The matrix for these published jurisdictions: one query for the laws, whatever the number."""
    graph = jurisdiction_graph()
    chains = {c: (graph.chain(c) if inherit else [c]) for c in codes}
    wanted = {j for chain in chains.values() for j in chain}
    laws: dict[str, list[Law]] = {}
    rows = (
        Law.objects.published()
        .filter(jurisdiction_id__in=wanted)
        .exclude(status__in=[LawStatus.FAILED, LawStatus.REPEALED])
        .select_related("jurisdiction")
        .order_by("jurisdiction_id", "id")
    )
    for law in rows:
        laws.setdefault(law.jurisdiction_id, []).append(law)
    columns = [
        column_build(
            code=code,
            name=graph.names[code],
            entries=[Entry(law, j != code) for j in chains[code] for law in laws.get(j, [])],
        )
        for code in codes
    ]
    only = [k for k in only if k in FACTS_BY_KEY and FACTS_BY_KEY[k].filterable]
    kept = [c for c in columns if all(c.cells[k].value == "yes" for k in only)]
    if sort in FACTS_BY_KEY:
        kept.sort(key=lambda c: (c.cells[sort].sort_key, c.name))
    elif sort == "name":
        kept.sort(key=lambda c: c.name)
    return Matrix(
        columns=kept,
        inherit=inherit,
        only=only,
        sort=sort if sort in SORTS else "",
        unknown=list(unknown),
        dropped=len(columns) - len(kept),
    )


# --- Downloads ----------------------------------------------------------------------------------


def _entry_dict(entry: Entry) -> dict:
    law = entry.law
    return {
        "id": law.id,
        "title": law.short_name or law.title,
        "citation": law.citation,
        "status": law.status,
        "jurisdiction": law.jurisdiction_id,
        "inherited": entry.inherited,
        "url": law.get_absolute_url(),
        "official_url": law.url,
    }


def matrix_as_dict(matrix: Matrix) -> dict:
    """The matrix as JSON: rows of facts, a cell per jurisdiction, in the page's order."""
    return {
        "inherit": matrix.inherit,
        "only": matrix.only,
        "sort": matrix.sort,
        "unknown": matrix.unknown,
        "jurisdictions": [{"code": c.code, "name": c.name} for c in matrix.columns],
        "rows": [
            {
                "fact": fact.key,
                "label": str(fact.label),
                "cells": [
                    {
                        "jurisdiction": col.code,
                        "value": cell.value,
                        "label": cell.label,
                        "laws": [_entry_dict(e) for e in cell.entries],
                    }
                    for col, cell in zip(matrix.columns, cells, strict=True)
                ],
            }
            for fact, cells in matrix.rows
        ],
    }


def matrix_as_rows(matrix: Matrix) -> list[list[str]]:
    """The matrix as CSV rows: a header of codes, then per fact a row of labels and a row of law ids."""
    out = [["fact", "label", *(c.code for c in matrix.columns)]]
    for fact, cells in matrix.rows:
        out.append([fact.key, str(fact.label), *(cell.label for cell in cells)])
        out.append(
            [
                f"{fact.key}.laws",
                str(_("record ids")),
                *(" ".join(e.law.id for e in cell.entries) for cell in cells),
            ]
        )
    return out
