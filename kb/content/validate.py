"""Validating content files: every problem is reported with its file, its field and what is wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

from kb.content.files import FrontMatterError, split_front_matter
from kb.content.links import host_of, is_mirror, on_domains, url_kind
from kb.content.schema import (
    CODE_PATTERN,
    ID_PATTERN,
    SCHEMAS,
    SOURCE_KEYS,
    TRANSLATION,
    Field,
    ParsedRecord,
)
from kb.content.translations import translation_checks, translation_id, translation_rules


@dataclass(frozen=True)
class ContentError:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}" if self.field else f"{self.path}: {self.message}"


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def content_files(root: Path, scope: Path | None = None) -> list[Path]:
    """The record files under scope (default: the whole root), in a stable order."""
    base = scope or root
    if base.is_file():
        return [base]
    return sorted(p for p in base.rglob("*.md") if p.name != "README.md")


def is_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    raise ValueError


def _check_field(spec: Field, value: Any) -> tuple[Any, str | None]:
    """Return the clean value, or an error message."""
    kind = spec.kind
    if kind == "str":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return None, "must be text"
        return value.strip(), None
    if kind == "url":
        if not isinstance(value, str) or not is_url(value.strip()):
            return None, f"{value!r} is not a valid http(s) URL"
        return value.strip(), None
    if kind == "date":
        try:
            return _date(value), None
        except (ValueError, TypeError):
            return None, f"{value!r} is not a date (use YYYY-MM-DD)"
    if kind in ("bool", "nbool"):
        if not isinstance(value, bool):
            return None, f"{value!r} is not true or false"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return None, f"{value!r} is not a whole number"
        return value, None
    if kind == "enum":
        if value not in spec.choices:
            return None, f"{value!r} is not one of: {', '.join(spec.choices)}"
        return value, None
    if kind in ("enums", "strs", "jurs"):
        if not isinstance(value, list):
            return None, "must be a list"
        clean = []
        for item in value:
            if kind == "enums" and item not in spec.choices:
                return None, f"{item!r} is not one of: {', '.join(spec.choices)}"
            if kind == "jurs" and (not isinstance(item, str) or not re.fullmatch(CODE_PATTERN, item)):
                return None, f"{item!r} is not a jurisdiction code"
            if kind == "strs" and not isinstance(item, (str, int)):
                return None, f"{item!r} is not text"
            clean.append(str(item).strip() if kind == "strs" else item)
        if len(set(clean)) != len(clean):
            return None, "lists the same value twice"
        return clean, None
    if kind == "jur":
        if not isinstance(value, str) or not re.fullmatch(CODE_PATTERN, value):
            return None, f"{value!r} is not a jurisdiction code"
        return value, None
    if kind == "sources":
        return _check_sources(value)
    raise AssertionError(f"unknown field kind {kind}")


def _check_sources(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, "must be a list of {url, title, accessed}"
    clean = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            return None, f"source {i} must be a mapping with url, title, accessed"
        unknown = set(item) - set(SOURCE_KEYS)
        if unknown:
            return None, f"source {i} has unknown keys: {', '.join(sorted(unknown))}"
        url, title = item.get("url"), item.get("title")
        if not isinstance(url, str) or not is_url(url.strip()):
            return None, f"source {i}: {url!r} is not a valid http(s) URL"
        if not isinstance(title, str) or not title.strip():
            return None, f"source {i} needs a title"
        accessed = item.get("accessed")
        if accessed is not None:
            try:
                accessed = _date(accessed)
            except (ValueError, TypeError):
                return None, f"source {i}: accessed {accessed!r} is not a date (use YYYY-MM-DD)"
        clean.append({"url": url.strip(), "title": title.strip(), "accessed": accessed})
    return clean, None


def parse_file(path: Path, root: Path) -> tuple[ParsedRecord | None, list[ContentError]]:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    raw = path.read_bytes()
    try:
        front, body = split_front_matter(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [ContentError(rel, "", "is not UTF-8 text")]
    except FrontMatterError as exc:
        return None, [ContentError(rel, "", str(exc))]

    errors: list[ContentError] = []
    rtype = front.pop("type", None)
    if rtype not in SCHEMAS:
        return None, [ContentError(rel, "type", f"{rtype!r} is not one of: {', '.join(SCHEMAS)}")]
    rid = path.stem
    pattern = CODE_PATTERN if rtype == "jurisdiction" else ID_PATTERN
    if not re.fullmatch(pattern, rid):
        what = (
            "a jurisdiction code like US-TX"
            if rtype == "jurisdiction"
            else "lower-case letters, digits, hyphens"
        )
        errors.append(ContentError(rel, "id", f"file name {rid!r} must be {what}"))

    record = ParsedRecord(type=rtype, id=rid, path=rel, body=body, digest=hashlib.sha256(raw).hexdigest())
    specs = {spec.name: spec for spec in SCHEMAS[rtype]}
    for name in front:
        if name not in specs:
            errors.append(ContentError(rel, name, f"unknown field for a {rtype}"))
    for name, spec in specs.items():
        value = front.get(name)
        if value is None or value == "" or value == []:
            if spec.required:
                errors.append(ContentError(rel, name, "is required"))
            record.values[name] = spec.empty
            continue
        clean, problem = _check_field(spec, value)
        if problem:
            errors.append(ContentError(rel, name, problem))
        record.values[name] = clean
    if not errors:
        errors.extend(_check_rules(record))
        errors.extend(record_limits_check(record))
    if not errors and rtype == TRANSLATION:
        record.id = translation_id(record.values)
    return (None if errors else record), errors


def _check_rules(record: ParsedRecord) -> Iterable[ContentError]:
    """Rules about meaning rather than form: what makes a record honest."""
    v, rel = record.values, record.path
    if record.type == TRANSLATION:
        yield from translation_rules(record)
        return
    if record.type == "law":
        if not v["sources"]:
            yield ContentError(rel, "sources", "a law needs at least one source")
        today = timezone.localdate()
        if v["status"] == "in_force" and v["in_force"] and v["in_force"] > today:
            yield ContentError(
                rel, "status", "is in_force but the in_force date is in the future (use enacted)"
            )
        if v["session_end"] and v["status"] != "bill":
            yield ContentError(rel, "session_end", "only a bill has a session end")
        if v["status"] in ("bill", "failed") and v["in_force"]:
            yield ContentError(rel, "in_force", f"a {v['status']} has no in-force date")
        if v["enacted"] and v["in_force"] and v["in_force"] < v["enacted"] and v["status"] != "bill":
            yield ContentError(rel, "in_force", "is before the enacted date")
    if record.type == "channel" and not v["url"] and not v["phone"]:
        yield ContentError(rel, "url", "a channel needs a url or a phone number")
    if record.type == "jurisdiction":
        if v["kind"] != "global" and record.id != "GLOBAL" and v["parent"] == record.id:
            yield ContentError(rel, "parent", "a jurisdiction cannot be its own parent")
        if v["no_specific_law"] and not record.body:
            yield ContentError(rel, "body", "no_specific_law needs a body saying what still helps")
    if v["last_verified"] and v["last_verified"] > timezone.localdate():
        yield ContentError(rel, "last_verified", "is in the future")
    yield from _check_verification(record)
    yield from _check_links(record)


def _check_verification(record: ParsedRecord) -> Iterable[ContentError]:
    """last_verified is the day someone compared the record with a source, and nothing else."""
    v, rel = record.values, record.path
    if v["verification"] == "unverified":
        if v["last_verified"]:
            yield ContentError(
                rel, "last_verified", "an unverified record has no last_verified date: nobody checked it"
            )
        return
    if not v["last_verified"]:
        yield ContentError(
            rel, "last_verified", f"a {v['verification']} record needs the date someone checked it"
        )
    if not v["sources"]:
        yield ContentError(
            rel, "sources", f"a {v['verification']} record needs the source it was checked against"
        )


def _check_links(record: ParsedRecord) -> Iterable[ContentError]:
    """No mirrors anywhere; a law's link opens the law itself unless a note says why it cannot."""
    v, rel = record.values, record.path
    for name in ("url", "bill_url"):
        if v.get(name) and is_mirror(v[name]):
            yield ContentError(rel, name, f"{host_of(v[name])} serves copies or proxies: link the original")
    for i, source in enumerate(v["sources"], 1):
        if is_mirror(source["url"]):
            yield ContentError(
                rel,
                "sources",
                f"source {i}: {host_of(source['url'])} serves copies or proxies: cite the original",
            )
    if record.type != "law":
        return
    if v["status"] == "bill":
        if v["bill_url"]:
            yield ContentError(
                rel, "bill_url", "a bill's url is the bill itself; bill_url is for enacted laws"
            )
        return
    kind = url_kind(v["url"])
    if kind != "text" and not v["url_note"]:
        what = "a site's homepage" if kind == "homepage" else "a bill page"
        yield ContentError(
            rel,
            "url",
            f"is {what}, not the law's own text: link the section or act, or say why not in url_note",
        )


def parse_tree(
    files: list[Path],
    root: Path,
    known_codes: set[str],
    known_domains: dict[str, tuple[str | None, list[str]]] | None = None,
    known_guides: set[str] | None = None,
) -> list[ParsedRecord]:
    """Parse and validate every file, then check ids and references across files.

    Raises ContentInvalid with every problem found, so an editor can fix them all in one go.
    known_domains gives, for jurisdictions already in the database but not in these files, their
    parent and official domains (so loading one folder can still check "official"); known_guides,
    the guides in the database that stay, so a translation loaded on its own can name its guide.
    """
    records: list[ParsedRecord] = []
    errors: list[ContentError] = []
    for path in files:
        record, problems = parse_file(path, root)
        errors.extend(problems)
        if record:
            records.append(record)

    seen: dict[str, str] = {}
    for r in records:
        key = r.id.lower()
        if key in seen:
            errors.append(ContentError(r.path, "id", f"duplicate id {r.id!r}, also used by {seen[key]}"))
        else:
            seen[key] = r.path
    errors.extend(translation_checks(records, known_guides or set()))

    codes = known_codes | {r.id for r in records if r.type == "jurisdiction"}
    for r in records:
        for name in ("jurisdiction", "parent"):
            code = r.values.get(name)
            if code and code not in codes:
                errors.append(ContentError(r.path, name, f"unknown jurisdiction {code!r}"))
        for name in ("jurisdictions", "member_of"):
            for code in r.values.get(name) or []:
                if code not in codes:
                    errors.append(ContentError(r.path, name, f"unknown jurisdiction {code!r}"))
    errors.extend(_check_cycles([r for r in records if r.type == "jurisdiction"]))
    if not errors:
        errors.extend(_check_official(records, known_domains))
    if errors:
        raise ContentInvalid(errors)
    return records


def _check_cycles(jurisdictions: list[ParsedRecord]) -> list[ContentError]:
    parent = {r.id: r.values["parent"] for r in jurisdictions}
    errors = []
    for r in jurisdictions:
        seen, code = {r.id}, parent.get(r.id)
        while code:
            if code in seen:
                errors.append(ContentError(r.path, "parent", "the parent chain loops back on itself"))
                break
            seen.add(code)
            code = parent.get(code)
    return errors


def _check_official(
    records: list[ParsedRecord], known: dict[str, tuple[str | None, list[str]]] | None
) -> list[ContentError]:
    """'official' needs a source (or the law's own link) on an official domain of the record's place.

    A place's official domains are its own and its parents' (a US state law may cite congress.gov);
    a channel's own website is an official source about that channel.
    """
    places = dict(known or {})
    for r in records:
        if r.type == "jurisdiction":
            places[r.id] = (r.values["parent"], r.values["official_domains"])

    def domains(code: str) -> list[str]:
        found: list[str] = []
        seen: set[str] = set()
        while code and code not in seen and code in places:
            seen.add(code)
            parent, own = places[code]
            found.extend(own)
            code = parent or ""
        return found

    errors = []
    for r in records:
        v = r.values
        if v.get("verification") != "official":
            continue
        if r.type == "jurisdiction":
            codes = [r.id]
        elif r.type == "law":
            codes = [v["jurisdiction"]]
        else:
            codes = v.get("jurisdictions") or []
        allowed = [d for code in codes for d in domains(code)]
        if r.type == "channel" and v["url"]:
            allowed.append(host_of(v["url"]))
        urls = [s["url"] for s in v["sources"]] + ([v["url"]] if r.type == "law" else [])
        if not any(on_domains(u, allowed) for u in urls):
            where = ", ".join(codes) or "its places"
            errors.append(
                ContentError(
                    r.path,
                    "verification",
                    f"is official but no source is on an official domain of {where} "
                    f"(add the domain to the jurisdiction's official_domains, or use secondary)",
                )
            )
    return errors


# --- Column limits ---------------------------------------------------------------------------------
# SQLite stores a 400-character citation in a 300-character column; PostgreSQL refuses it mid-load
# with a traceback that names no file. So every value is checked against its column, and the limits
# are read from the models (max_length, integer ranges), never typed out by hand.


def _record_model(rtype: str) -> type[models.Model]:
    from kb.models import Channel, Guide, GuideTranslation, Jurisdiction, Law

    return {
        "jurisdiction": Jurisdiction,
        "law": Law,
        "channel": Channel,
        "guide": Guide,
        TRANSLATION: GuideTranslation,
    }[rtype]


def _column_problem(column: models.Field, value: Any) -> str | None:
    """What is wrong with value for this column, or None. A foreign key is checked as its target's key."""
    if column.is_relation and column.target_field is not None and not column.many_to_many:
        column = column.target_field
    if isinstance(value, str) and column.max_length and len(value) > column.max_length:
        return f"is {len(value)} characters long; the most is {column.max_length}"
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = BaseDatabaseOperations.integer_field_ranges.get(column.get_internal_type(), (None, None))
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{value} is outside {low}..{high}"
    return None


def record_limits_check(record: ParsedRecord) -> Iterable[ContentError]:
    """Every value against its database column: text lengths and integer ranges, named by file and field."""
    from kb.models import Source

    model = _record_model(record.type)
    columns = {f.name: f for f in model._meta.get_fields() if isinstance(f, models.Field)}
    checks: list[tuple[str, models.Field, Any]] = [("path", columns["content_path"], record.path)]
    if record.type != TRANSLATION:  # a translation is keyed by guide and language, not by its own id
        checks.append(("id", model._meta.pk, record.id))
    for name, value in record.values.items():
        column = columns.get(name)
        if column is None or column.many_to_many:
            continue
        checks.append((name, column, value))
    for i, source in enumerate(record.values.get("sources") or [], 1):
        for key in ("url", "title"):
            checks.append((f"sources: source {i} {key}", Source._meta.get_field(key), source[key]))
    for name, column, value in checks:
        problem = _column_problem(column, value)
        if problem:
            yield ContentError(record.path, name, problem)
