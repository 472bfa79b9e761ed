"""The published knowledge base as one versioned, documented archive.

`dataset_build` gives every file of the archive; `dataset_archive` zips them as
`recourse-dataset-<YYYY-MM-DD>-<hash8>.zip`, where the hash is of the tables only, so the same
content always has the same hash. Every column is described once, in TABLES, and the data
dictionary is written from that, so an undocumented column cannot ship.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from kb.models import Channel, Guide, Jurisdiction, Law, Source
from kb.vocab import (
    ChannelKind,
    CivilRemedy,
    GuideTopic,
    Intent,
    JurisdictionKind,
    LawKind,
    LawStatus,
    SyntheticCoverage,
    Verification,
)

LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_ID = "CC-BY-4.0"


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    get: Callable[[object], object]


def _attr(name: str) -> Callable[[object], object]:
    return lambda obj: getattr(obj, name)


def _c(name: str, help: str, get: Callable[[object], object] | None = None) -> Column:
    return Column(name, help, get or _attr(name))


def _codes(relation: str) -> Callable[[object], list[str]]:
    return lambda obj: sorted(j.code for j in getattr(obj, relation).all())


def _choices(choices) -> str:
    return ", ".join(f"`{value}`" for value, _label in choices)


RECORD_COLUMNS = [
    _c("review_status", "Always `published`: only published records are in the dataset."),
    _c("verification", f"How the facts were checked: {_choices(Verification.choices)}."),
    _c("last_verified", "Date an editor last checked the record against its sources (YYYY-MM-DD)."),
    _c("tags", "Situation tags (see kb/vocab.py), separated by `;` in CSV."),
    _c("updated_at", "When the record last changed in Recourse (ISO 8601, UTC)."),
    _c("content_path", "The file in legal_content/ the record is kept in."),
    _c("page_path", "The record's page on the Recourse site (a path).", lambda o: o.get_absolute_url()),
    _c("body", "Plain-language summary in Markdown (not legal advice)."),
]

TABLES: dict[str, list[Column]] = {
    "jurisdictions": [
        _c("code", "Stable id: ISO 3166 style code (US, US-TX, GB-EAW); GLOBAL for everywhere."),
        _c("name", "English name."),
        _c("kind", f"One of {_choices(JurisdictionKind.choices)}."),
        _c("parent", "Code of the place this one is within, if any.", _attr("parent_id")),
        _c(
            "member_of",
            "Codes of supranational bodies it belongs to (EU), `;`-separated.",
            _codes("member_of"),
        ),
        _c("aliases", "Other names people use, `;`-separated."),
        _c("emergency_number", "The number to call in danger."),
        _c("no_specific_law", "`true` when no law specific to intimate images is known here."),
        *RECORD_COLUMNS,
    ],
    "laws": [
        _c("id", "Stable id of the law (the content file's name)."),
        _c("jurisdiction", "Code of the jurisdiction whose law it is.", _attr("jurisdiction_id")),
        _c("title", "Official or descriptive title."),
        _c("short_name", "What people call it."),
        _c("citation", "Official citation."),
        _c("kind", f"One of {_choices(LawKind.choices)}."),
        _c(
            "status",
            f"One of {_choices(LawStatus.choices)}. Only `in_force` and `enacted` are law; a bill is not law.",
        ),
        _c("enacted", "Date enacted (for a bill: date introduced), YYYY-MM-DD, if known."),
        _c("in_force", "Date in force, YYYY-MM-DD, if known."),
        _c("url", "Official text."),
        _c(
            "covers_synthetic",
            f"Does it cover AI-made or altered images? {_choices(SyntheticCoverage.choices)}.",
        ),
        _c("covers_creation", "`true` when creating the image is itself an offence; empty when unknown."),
        _c("covers_distribution", "`true` when sharing or publishing is covered; empty when unknown."),
        _c("covers_threats", "`true` when threatening to share is covered; empty when unknown."),
        _c("intent", f"Intent the offence requires: {_choices(Intent.choices)}."),
        _c("minors_specific", "`true` for child-protection laws or provisions specific to minors."),
        _c("max_penalty", "Maximum penalty, in words."),
        _c("max_prison_months", "Maximum prison term in months, where known."),
        _c("civil_remedies", f"Civil remedies, `;`-separated: {_choices(CivilRemedy.choices)}."),
        _c("removal_deadline_hours", "Platform removal deadline in hours, where the law sets one."),
        _c("limitation_period", "Time limit to act, in words."),
        *RECORD_COLUMNS,
    ],
    "channels": [
        _c("id", "Stable id of the channel."),
        _c("name", "Name."),
        _c("kind", f"One of {_choices(ChannelKind.choices)}."),
        _c(
            "jurisdictions",
            "Codes of the places it serves, `;`-separated (GLOBAL: everyone).",
            _codes("jurisdictions"),
        ),
        _c("serves_adults", "`true` if it helps adults."),
        _c("serves_minors", "`true` if it helps people under 18."),
        _c("url", "Where to start."),
        _c("phone", "Phone number."),
        _c("hours", "Opening hours."),
        _c("languages", "ISO 639-1 language codes, `;`-separated."),
        _c("cost", "Cost, in words."),
        _c("anonymous", "`true` if it can be used without giving a name; empty when unknown."),
        _c("steps", "How-to steps, `;`-separated in CSV (a list in JSON)."),
        *RECORD_COLUMNS,
    ],
    "guides": [
        _c("id", "Stable id of the guide."),
        _c("title", "Title."),
        _c("topic", f"One of {_choices(GuideTopic.choices)}."),
        _c("summary", "One sentence."),
        _c(
            "jurisdictions",
            "Codes it is written for, `;`-separated; empty when it applies everywhere.",
            _codes("jurisdictions"),
        ),
        *RECORD_COLUMNS,
    ],
    "sources": [
        _c("record_type", "`jurisdiction`, `law`, `channel` or `guide`."),
        _c("record_id", "The record's stable id (a code for jurisdictions)."),
        _c("position", "Order of the source within the record, from 0."),
        _c("url", "Where a reader can check the record's facts."),
        _c("title", "Title of the source page."),
        _c("accessed", "Date the source was read, YYYY-MM-DD, if known."),
    ],
}


@dataclass(frozen=True)
class SourceRow:
    record_type: str
    record_id: str
    position: int
    url: str
    title: str
    accessed: dt.date | None


def _records() -> dict[str, list]:
    """Published records of every table, in a stable order (a fixed number of queries)."""
    records = {
        "jurisdictions": list(
            Jurisdiction.objects.published().prefetch_related("member_of").order_by("code")
        ),
        "laws": list(Law.objects.published().order_by("id")),
        "channels": list(Channel.objects.published().prefetch_related("jurisdictions").order_by("id")),
        "guides": list(Guide.objects.published().prefetch_related("jurisdictions").order_by("id")),
    }
    types = {"jurisdictions": "jurisdiction", "laws": "law", "channels": "channel", "guides": "guide"}
    models = {"jurisdictions": Jurisdiction, "laws": Law, "channels": Channel, "guides": Guide}
    rows = []
    for table, model in models.items():
        ids = {str(r.pk) for r in records[table]}
        ctype = ContentType.objects.get_for_model(model)
        for src in Source.objects.filter(content_type=ctype).order_by("object_id", "position", "pk"):
            if src.object_id in ids:
                rows.append(
                    SourceRow(types[table], src.object_id, src.position, src.url, src.title, src.accessed)
                )
    records["sources"] = rows
    return records


def _json_value(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv_value(value) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def dataset_tables() -> dict[str, list[dict]]:
    """Every published record as a dict of its documented columns, table by table."""
    records = _records()
    return {
        table: [{col.name: _json_value(col.get(obj)) for col in columns} for obj in records[table]]
        for table, columns in TABLES.items()
    }


def _csv(table: str, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in TABLES[table]])
    for row in rows:
        writer.writerow([_csv_value(row[c.name]) for c in TABLES[table]])
    return out.getvalue().encode("utf-8")


def data_dictionary() -> str:
    lines = [
        "# Recourse dataset: data dictionary",
        "",
        "Every file, every column. CSV files are UTF-8 with a header row; lists are joined with `;`",
        "and empty cells mean not known or not applicable. dataset.json holds the same tables, with",
        "lists as lists and unknown values as null.",
        "",
    ]
    for table, columns in TABLES.items():
        lines += [f"## {table}.csv", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{c.name}` | {c.help} |" for c in columns]
        lines.append("")
    return "\n".join(lines)


def _licence(day: dt.date) -> str:
    return (
        f"The Recourse knowledge base (this dataset, {day.isoformat()}) is licensed under the\n"
        f"{LICENCE_NAME}.\n{LICENCE_URL}\n\n"
        "You may share and adapt it for any purpose, including commercially, if you give appropriate\n"
        'credit ("Recourse knowledge base", the version and a link), indicate if changes were made, and\n'
        "do not suggest that Recourse endorses you or your use.\n\n"
        "The official texts of laws are not included: each law links to its official source, which is\n"
        "subject to its own terms. This dataset is general information, not legal advice.\n"
    )


def _readme(day: dt.date, version: str, counts: dict[str, int]) -> str:
    listing = "\n".join(f"- {table}.csv: {n} rows" for table, n in counts.items())
    return (
        f"# Recourse dataset {version}\n\n"
        f"Published knowledge base of Recourse as of {day.isoformat()}: laws, bills, reporting channels\n"
        "and guides about non-consensual intimate images and sexual deepfakes, with their sources.\n\n"
        f"{listing}\n- dataset.json: the same tables as JSON\n- DATA_DICTIONARY.md: every column explained\n"
        f"- LICENSE: {LICENCE_NAME}\n\n"
        "Only published records are included. A law's `status` is always given: a bill is not law.\n"
        "Not legal advice: laws change; check each record's sources.\n\n"
        f"Cite as: Recourse knowledge base, version {version}, {LICENCE_ID}.\n"
    )


@dataclass(frozen=True)
class Dataset:
    day: dt.date
    content_hash: str  # of the tables only: the same content gives the same hash on any day
    files: dict[str, bytes]

    @property
    def version(self) -> str:
        return f"{self.day.isoformat()}-{self.content_hash[:8]}"

    @property
    def filename(self) -> str:
        return f"recourse-dataset-{self.version}.zip"


def dataset_build(*, today: dt.date | None = None) -> Dataset:
    day = today or timezone.localdate()
    tables = dataset_tables()
    csvs = {f"{t}.csv": _csv(t, rows) for t, rows in tables.items()}
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + body for name, body in csvs.items())).hexdigest()
    version = f"{day.isoformat()}-{digest[:8]}"
    document = {
        "name": "Recourse dataset",
        "version": version,
        "date": day.isoformat(),
        "licence": {"id": LICENCE_ID, "name": LICENCE_NAME, "url": LICENCE_URL},
        "tables": tables,
    }
    files = {
        **csvs,
        "dataset.json": json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"),
        "DATA_DICTIONARY.md": data_dictionary().encode("utf-8"),
        "LICENSE": _licence(day).encode("utf-8"),
        "README.md": _readme(day, version, {t: len(r) for t, r in tables.items()}).encode("utf-8"),
    }
    return Dataset(day=day, content_hash=digest, files=files)


def dataset_zip(dataset: Dataset) -> bytes:
    """The archive, byte-identical for the same content and day (fixed timestamps and order)."""
    buffer = io.BytesIO()
    stamp = (dataset.day.year, dataset.day.month, dataset.day.day, 0, 0, 0)
    folder = dataset.filename.removesuffix(".zip")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in dataset.files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()


def dataset_fingerprint() -> str:
    """Changes whenever any record (published or not) or source changes: the cache key."""
    parts = []
    for model in (Jurisdiction, Law, Channel, Guide):
        agg = model.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
        parts.append(f"{agg['n']}:{agg['latest']}")
    parts.append(str(Source.objects.aggregate(n=Count("pk"), latest=Max("pk"))))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def dataset_archive(*, today: dt.date | None = None) -> tuple[str, bytes]:
    """(filename, zip bytes), built once per content version and day and then served from the cache."""
    day = today or timezone.localdate()
    key = f"recourse:dataset:{dataset_fingerprint()}:{day.isoformat()}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    dataset = dataset_build(today=day)
    result = (dataset.filename, dataset_zip(dataset))
    cache.set(key, result, timeout=24 * 3600)
    return result
