"""Loading validated content files into the database, all or nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from kb.content.schema import SCHEMAS, TRANSLATION, ParsedRecord
from kb.content.translations import (
    translations_apply,
    translations_orphaned,
    translations_remove_missing,
)
from kb.content.validate import ContentError, ContentInvalid, content_files, parse_tree
from kb.models import Channel, Guide, Jurisdiction, Law, Source

MODELS = {"jurisdiction": Jurisdiction, "law": Law, "channel": Channel, "guide": Guide}
REPORTED = (*MODELS, TRANSLATION)
# Fields kept outside the model's own columns.
RELATIONS = {"sources", "member_of", "jurisdictions"}
FOREIGN_KEYS = {"jurisdiction": "jurisdiction_id", "parent": "parent_id"}


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        for rtype in REPORTED:
            parts.append(
                f"{rtype}s: {self.created[rtype]} new, {self.updated[rtype]} changed, "
                f"{self.unchanged[rtype]} unchanged, {self.deleted[rtype]} removed"
            )
        return "; ".join(parts)


def _scope_prefix(root: Path, scope: Path | None) -> str:
    if scope is None or scope.resolve() == root.resolve():
        return ""
    rel = scope.resolve().relative_to(root.resolve()).as_posix()
    return rel if scope.is_file() else rel.rstrip("/") + "/"


def content_load(*, root: Path, scope: Path | None = None, dry_run: bool = False) -> LoadReport:
    """Validate every file under scope, then load them in one transaction.

    Records whose files are gone are removed, but only those kept under scope, so loading
    one folder never touches another. Unchanged files (same hash) are skipped, which keeps
    `updated_at`, the history and the search index quiet on a rerun.
    """
    root = root.resolve()
    scope = scope.resolve() if scope else None
    if scope and not scope.is_relative_to(root):
        raise ContentInvalid([ContentError(str(scope), "", f"is not inside the content folder {root}")])
    files = content_files(root, scope)
    known = {
        code: (parent, domains)
        for code, parent, domains in Jurisdiction.objects.values_list("code", "parent_id", "official_domains")
    }
    prefix = _scope_prefix(root, scope)
    removes = not prefix.endswith(".md")  # loading a single file removes nothing
    # Guides that stay whatever these files say: a translation loaded on its own may name one of them.
    staying = Guide.objects.exclude(content_path__startswith=prefix) if removes else Guide.objects.all()
    records = parse_tree(files, root, set(known), known, set(staying.values_list("pk", flat=True)))
    if removes:
        orphaned = translations_orphaned(
            prefix=prefix, loaded_guides={r.id for r in records if r.type == "guide"}
        )
        if orphaned:
            raise ContentInvalid(orphaned)
    report = LoadReport()
    if dry_run:
        for r in records:
            report.unchanged[r.type] += 1
        return report
    with transaction.atomic():
        by_type: dict[str, list[ParsedRecord]] = {t: [] for t in REPORTED}
        for r in records:
            by_type[r.type].append(r)
        # Jurisdictions first, parents before children so foreign keys resolve.
        _apply(by_type["jurisdiction"], report, parents_first=True)
        for rtype in ("law", "channel", "guide"):
            _apply(by_type[rtype], report)
        translated = translations_apply(by_type[TRANSLATION], report)
        if removes:
            translations_remove_missing(prefix=prefix, loaded=translated, report=report)
            _remove_missing(prefix, {t: {r.id for r in by_type[t]} for t in MODELS}, report)
    from kb.jurisdictions import jurisdiction_graph_clear

    jurisdiction_graph_clear()
    return report


def _remove_missing(prefix: str, loaded: dict[str, set[str]], report: LoadReport) -> None:
    """Delete records kept under prefix whose files are gone (children before what they point to)."""
    for rtype in ("guide", "channel", "law", "jurisdiction"):
        model = MODELS[rtype]
        stale = list(
            model.objects.filter(content_path__startswith=prefix)
            .exclude(pk__in=loaded[rtype])
            .values_list("pk", flat=True)
        )
        if stale:
            ctype = ContentType.objects.get_for_model(model)
            Source.objects.filter(content_type=ctype, object_id__in=stale).delete()
            model.objects.filter(pk__in=stale).delete()
        report.deleted[rtype] += len(stale)


def _ordered(records: list[ParsedRecord]) -> list[ParsedRecord]:
    by_id = {r.id: r for r in records}
    done: set[str] = set()
    out: list[ParsedRecord] = []

    def visit(r: ParsedRecord) -> None:
        if r.id in done:
            return
        done.add(r.id)
        parent = by_id.get(r.values.get("parent") or "")
        if parent:
            visit(parent)
        out.append(r)

    for r in records:
        visit(r)
    return out


def _apply(records: list[ParsedRecord], report: LoadReport, parents_first: bool = False) -> None:
    if not records:
        return
    model = MODELS[records[0].type]
    existing = model.objects.in_bulk([r.id for r in records])
    ctype = ContentType.objects.get_for_model(model)
    for r in _ordered(records) if parents_first else records:
        obj = existing.get(r.id)
        if obj is not None and obj.content_hash == r.digest and obj.content_path == r.path:
            report.unchanged[r.type] += 1
            continue
        if obj is None:
            obj = model(pk=r.id)
            report.created[r.type] += 1
        else:
            report.updated[r.type] += 1
        for spec in SCHEMAS[r.type]:
            if spec.name in RELATIONS:
                continue
            setattr(obj, FOREIGN_KEYS.get(spec.name, spec.name), r.values[spec.name])
        obj.body = r.body
        obj.content_path = r.path
        obj.content_hash = r.digest
        obj._change_reason = "load_content"
        obj.save()
        if "member_of" in r.values:
            obj.member_of.set(r.values["member_of"])
        if "jurisdictions" in r.values:
            obj.jurisdictions.set(r.values["jurisdictions"])
        Source.objects.filter(content_type=ctype, object_id=r.id).delete()
        Source.objects.bulk_create(
            Source(content_type=ctype, object_id=r.id, position=i, **s)
            for i, s in enumerate(r.values["sources"])
        )
