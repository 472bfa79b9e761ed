"""Writing database records back to content files, in the canonical form the loader reads."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.db import models

from kb.content.files import render_record
from kb.content.schema import SCHEMAS, TRANSLATION, Field
from kb.content.translations import translation_path
from kb.content.validate import content_files
from kb.models import Channel, Guide, GuideTranslation, Jurisdiction, Law, Record


def default_path(record: Record | GuideTranslation, rtype: str) -> str:
    """Where a record made in the admin goes: its jurisdiction's folder, then laws/channels/guides."""
    if rtype == TRANSLATION:
        guide = record.guide
        return translation_path(
            guide_path=guide.content_path or default_path(guide, "guide"), guide_id=guide.pk, lang=record.lang
        )
    if rtype == "jurisdiction":
        return f"jurisdictions/{record.pk}.md"
    if rtype == "law":
        code = record.jurisdiction_id
    else:
        first = record.jurisdictions.order_by("code").first()
        code = first.code if first else "GLOBAL"
    folder = "/".join(code.lower().split("-"))
    return f"{folder}/{rtype}s/{record.pk}.md"


def _value(record: Record, spec: Field) -> Any:
    name = spec.name
    if name == "sources":
        return [
            {k: v for k, v in (("url", s.url), ("title", s.title), ("accessed", s.accessed)) if v is not None}
            for s in record.sources.all()
        ]
    if name in ("member_of", "jurisdictions"):
        return sorted(getattr(record, name).values_list("code", flat=True))
    if name in ("jurisdiction", "parent", "guide"):
        return getattr(record, f"{name}_id")
    return getattr(record, name)


def _records(rtype: str) -> models.QuerySet:
    if rtype == TRANSLATION:
        return GuideTranslation.objects.select_related("guide")
    model = {"jurisdiction": Jurisdiction, "law": Law, "channel": Channel, "guide": Guide}[rtype]
    return model.objects.prefetch_related("sources")


def record_front_matter(record: Record | GuideTranslation, rtype: str) -> dict[str, Any]:
    front: dict[str, Any] = {"type": rtype}
    for spec in SCHEMAS[rtype]:
        value = _value(record, spec)
        if spec.required or value != spec.empty:
            front[spec.name] = value
    return front


def record_text(record: Record | GuideTranslation, rtype: str) -> str:
    return render_record(record_front_matter(record, rtype), record.body)


def content_export(*, root: Path, scope: Path | None = None) -> tuple[list[str], list[str]]:
    """Write every record kept under scope; remove files under scope with no record.

    Returns the paths written (changed) and removed, relative to root.
    """
    root = root.resolve()
    scope = scope.resolve() if scope else root
    written: list[str] = []
    kept: set[Path] = set()
    for rtype in ("jurisdiction", "law", "channel", "guide", TRANSLATION):
        for record in _records(rtype):
            rel = record.content_path or default_path(record, rtype)
            path = root / rel
            if not path.resolve().is_relative_to(scope):
                continue
            kept.add(path.resolve())
            text = record_text(record, rtype)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                written.append(rel)
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                type(record).objects.filter(pk=record.pk).update(content_path=rel, content_hash=digest)
    removed = []
    for path in content_files(root, scope):
        if path.resolve() not in kept:
            path.unlink()
            removed.append(path.relative_to(root).as_posix())
    return written, removed
