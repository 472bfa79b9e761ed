"""What a change does, field by field, with word-level marks in long text, for the reviewer.

The reviewer must see every word that changes before it goes live: nothing is truncated, and a field
that did not change is not shown at all.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    words: SafeString  # the "after" text with insertions and deletions marked (<ins>/<del>)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # sources
            return "\n".join(
                f"{s.get('title', '')} | {s.get('url', '')}"
                + (f" | accessed {s['accessed']}" if s.get("accessed") else "")
                for s in value
            )
        return ", ".join(str(v) for v in value) or "—"
    return str(value) if value != "" else "—"


def word_diff(before: str, after: str) -> SafeString:
    """Both texts in one, words removed in <del> and words added in <ins>; everything escaped."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


def snapshot_diff(before: dict[str, Any], after: dict[str, Any], labels: dict[str, str]) -> list[FieldChange]:
    """The fields whose values differ, in the order of `after`, with readable before/after text."""
    changes = []
    for name, new in after.items():
        old = before.get(name)
        if _normal(old) == _normal(new):
            continue
        old_text, new_text = _text(old), _text(new)
        changes.append(
            FieldChange(
                name=name,
                label=labels.get(name, name.replace("_", " ")),
                before=old_text,
                after=new_text,
                words=word_diff(old_text, new_text),
            )
        )
    return changes


def _normal(value: Any) -> Any:
    return None if value in ("", [], None) else value
