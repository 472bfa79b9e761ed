"""Guide translations as content files: their own rules, the checks across files, and loading.

A translation (`type: guide_translation`) sits at `<guide folder>/translations/<lang>/<guide-id>.md`.
It is keyed by its guide and language, not by a file-name id of its own, so its parsed id is
`<lang>/<guide-id>` (`es/sextortion`), which never collides with a record's id. The hard cases: a
translation of a guide that is not in the files being loaded (loading one folder: the guide may be in
the database), and a guide whose file was deleted while a translation of it stays (refused, naming
the translation, instead of a database error halfway through the load).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from kb.content.schema import ID_PATTERN, TRANSLATION, ParsedRecord

if TYPE_CHECKING:
    from kb.content.load import LoadReport
    from kb.content.validate import ContentError

SHA_PATTERN = r"^[0-9a-f]{16}$"
FOLDER = "translations"


def translation_id(values: dict[str, Any]) -> str:
    return f"{values['lang']}/{values['guide']}"


def translation_path(*, guide_path: str, guide_id: str, lang: str) -> str:
    """Where a translation goes: beside its guide's folder (`global/guides/translations/es/<id>.md`)."""
    folder = PurePosixPath(guide_path).parent if guide_path else PurePosixPath("global/guides")
    return (folder / FOLDER / lang / f"{guide_id}.md").as_posix()


def translation_rules(record: ParsedRecord) -> Iterable[ContentError]:
    """One file's rules: where it sits, that its hash looks like a hash, and that it has a body."""
    from kb.content.validate import ContentError

    v, rel = record.values, record.path
    path = PurePosixPath(rel)
    if not re.fullmatch(ID_PATTERN, v["guide"]):
        yield ContentError(
            rel, "guide", f"{v['guide']!r} is not a guide id (lower-case letters, digits, hyphens)"
        )
    elif path.stem != v["guide"]:
        yield ContentError(
            rel, "guide", f"is {v['guide']!r} but the file is named {path.stem!r}: name it {v['guide']}.md"
        )
    if path.parent.name != v["lang"] or path.parent.parent.name != FOLDER:
        yield ContentError(
            rel,
            "lang",
            f"is {v['lang']!r}: the file belongs in a {FOLDER}/{v['lang']}/ folder beside the guide's",
        )
    if not re.fullmatch(SHA_PATTERN, v["source_sha256"]):
        yield ContentError(
            rel,
            "source_sha256",
            f"{v['source_sha256']!r} is not the first 16 hex characters of a SHA-256 "
            "(sha256sum <the English guide file> | cut -c1-16)",
        )
    if not record.body:
        yield ContentError(rel, "body", "a translation needs the translated guide as its body")


def translation_checks(records: list[ParsedRecord], known_guides: set[str]) -> list[ContentError]:
    """Across files: the guide exists (in these files or in the database), one file per guide and language."""
    from kb.content.validate import ContentError

    guides = known_guides | {r.id for r in records if r.type == "guide"}
    errors: list[ContentError] = []
    seen: dict[str, str] = {}
    for r in records:
        if r.type != TRANSLATION:
            continue
        v = r.values
        if v["guide"] not in guides:
            errors.append(ContentError(r.path, "guide", f"there is no guide {v['guide']!r} to translate"))
        if r.id in seen:
            errors.append(
                ContentError(
                    r.path,
                    "lang",
                    f"a second {v['lang']} translation of {v['guide']!r} (also {seen[r.id]}): "
                    "one file per guide and language",
                )
            )
        seen.setdefault(r.id, r.path)
    return errors


def translations_orphaned(*, prefix: str, loaded_guides: set[str]) -> list[ContentError]:
    """Translations kept outside the loaded folder whose guide this load would remove."""
    from kb.content.validate import ContentError
    from kb.models import Guide, GuideTranslation

    gone = Guide.objects.filter(content_path__startswith=prefix).exclude(pk__in=loaded_guides)
    orphans = GuideTranslation.objects.filter(guide__in=gone).exclude(content_path__startswith=prefix)
    return [
        ContentError(
            t.content_path or str(t),
            "guide",
            f"translates {t.guide_id!r}, whose file is gone: remove or move this translation too",
        )
        for t in orphans
    ]


def translations_apply(records: list[ParsedRecord], report: LoadReport) -> set[int]:
    """Create or update each translation (unchanged files are skipped); returns the pks now loaded."""
    from kb.models import GuideTranslation

    existing = {(t.guide_id, t.lang): t for t in GuideTranslation.objects.all()}
    loaded: set[int] = set()
    for r in records:
        v = r.values
        obj = existing.get((v["guide"], v["lang"]))
        if obj is not None and obj.content_hash == r.digest and obj.content_path == r.path:
            report.unchanged[TRANSLATION] += 1
            loaded.add(obj.pk)
            continue
        if obj is None:
            obj = GuideTranslation()
            report.created[TRANSLATION] += 1
        else:
            report.updated[TRANSLATION] += 1
        obj.guide_id = v["guide"]
        for name in ("lang", "title", "summary", "source_sha256", "review_status", "translator_note"):
            setattr(obj, name, v[name])
        obj.body = r.body
        obj.content_path = r.path
        obj.content_hash = r.digest
        obj._change_reason = "load_content"
        obj.save()
        loaded.add(obj.pk)
    return loaded


def translations_remove_missing(*, prefix: str, loaded: set[int], report: LoadReport) -> None:
    from kb.models import GuideTranslation

    stale = GuideTranslation.objects.filter(content_path__startswith=prefix).exclude(pk__in=loaded)
    report.deleted[TRANSLATION] += len(stale)
    for translation in stale:  # one by one, so each removal is in the history
        translation._change_reason = "load_content: file removed"
        translation.delete()
