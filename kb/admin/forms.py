"""The edit form editors see: choices from the controlled vocabulary, one item a line, sources as text,
a change note for the reviewer, and a token that stops two people overwriting each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import format_html, format_html_join

from kb.diff import snapshot_diff
from kb.revisions import edit_token, editable_fields, open_revision, record_snapshot
from kb.vocab import PLATFORM_TAGS, SITUATION_TAGS, WANT_TAGS, CivilRemedy

TAG_CHOICES = [
    ("What happened", list(SITUATION_TAGS.items())),
    ("What the person wants", list(WANT_TAGS.items())),
    ("Where the images are", list(PLATFORM_TAGS.items())),
]

# Help in editors' words (the model's own help texts are written for developers).
HELP = {
    "tags": "Tick the situations this record helps with; the guided help uses them to pick what to show.",
    "body": "Plain words, short sentences. Markdown: **bold**, lists with “- ”, links as [text](address).",
    "verification": "“Official” only if you read the law or a government page yourself.",
    "aliases": "Other names people type for this place, one a line (Cali, NSW, Deutschland).",
    "languages": "Languages the service answers in, one a line.",
    "steps": "How to use it, one short step a line.",
    "civil_remedies": "What a court can order under this law.",
}


class LinesField(forms.CharField):
    """A list of short texts edited as one item a line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> str:
        return "\n".join(value) if isinstance(value, list) else (value or "")

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


def sources_to_text(sources: list[dict]) -> str:
    return "\n".join(
        " | ".join([s["title"], s["url"]] + ([s["accessed"]] if s.get("accessed") else [])) for s in sources
    )


def sources_from_text(text: str) -> list[dict]:
    """Parse “title | address | date accessed” lines, refusing anything a reader could not follow."""
    sources, validate = [], URLValidator(schemes=["http", "https"])
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise ValidationError(f"Line {n}: write “title | address” or “title | address | YYYY-MM-DD”.")
        try:
            validate(parts[1])
        except ValidationError:
            raise ValidationError(f"Line {n}: “{parts[1]}” is not a web address.") from None
        accessed = None
        if len(parts) == 3 and parts[2]:
            try:
                accessed = dt.date.fromisoformat(parts[2]).isoformat()
            except ValueError:
                raise ValidationError(f"Line {n}: write the date as YYYY-MM-DD.") from None
        sources.append({"url": parts[1], "title": parts[0], "accessed": accessed})
    return sources


class RecordForm(forms.ModelForm):
    """Shared by every record type; the admin fills in the model and its fields."""

    tags = forms.MultipleChoiceField(
        choices=TAG_CHOICES, widget=forms.CheckboxSelectMultiple, required=False, help_text=HELP["tags"]
    )
    sources_text = forms.CharField(
        label="Sources",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Pages a reader can check, one a line: title | address | date you read it (YYYY-MM-DD).",
    )
    change_note = forms.CharField(
        label="What you changed and why",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The reviewer reads this next to your change.",
    )
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in HELP.items():
            if name in self.fields and name != "tags":
                self.fields[name].help_text = text
        instance = self.instance
        if instance.pk and not instance._state.adding:
            snapshot = getattr(instance, "_snapshot", None) or record_snapshot(instance)
            for name in ("member_of", "jurisdictions"):
                if name in self.fields and name in snapshot:
                    self.initial[name] = snapshot[name]
            self.initial["sources_text"] = sources_to_text(snapshot.get("sources", []))
            self.initial["edit_token"] = edit_token(instance)
            # Editing someone's waiting change: start from their note, for the reviewer to read.
            self.initial.setdefault("change_note", getattr(instance, "_note", ""))

    def clean_sources_text(self) -> list[dict]:
        return sources_from_text(self.cleaned_data.get("sources_text", ""))

    def clean(self):
        data = super().clean()
        instance = self.instance
        if instance.pk and not instance._state.adding:
            current = type(instance).objects.get(pk=instance.pk)
            if data.get("edit_token") != edit_token(current):
                raise ValidationError(self._conflict_message(current))
        return data

    def _conflict_message(self, current) -> str:
        """Tell the second editor what the first one saved, so they can merge by hand."""
        waiting = open_revision(current) if current.is_published else None
        saved = waiting.snapshot if waiting else record_snapshot(current)
        who = waiting.last_editor if waiting else current.edited_by
        mine = self.snapshot()
        labels = {n: str(f.label) for n, f in self.fields.items()}
        rows = snapshot_diff(mine, saved, labels)
        return format_html(
            "{} saved this record while you were editing it, so your changes were not saved "
            "(nothing was overwritten). What is saved now differs from your version in: {}"
            "Copy your changes, reload the page and apply them again.",
            who or "Someone",
            format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "",
                    "<li><strong>{}</strong>: saved now “{}”; yours “{}”</li>",
                    ((r.label, r.after, r.before) for r in rows),
                ),
            ),
        )

    def snapshot(self) -> dict[str, Any]:
        """The submitted values in the shape of `record_snapshot`."""
        data, out = self.cleaned_data, {}
        rtype = self._meta.model._meta.model_name
        stored = (
            record_snapshot(self.instance) if self.instance.pk and not self.instance._state.adding else {}
        )
        for name in editable_fields(rtype):
            if name == "sources":
                out[name] = data.get("sources_text", [])
                continue
            if name not in data:
                if name in stored:
                    out[name] = stored[name]
                continue
            value = data[name]
            if name in ("member_of", "jurisdictions"):
                value = sorted(j.code for j in value)
            elif name in ("jurisdiction", "parent"):
                value = value.pk if value else None
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[name] = value
        return out


def record_form_fields(model) -> dict[str, forms.Field]:
    """Friendly fields for the JSON lists of one model."""
    fields: dict[str, forms.Field] = {}
    names = {f.name for f in model._meta.get_fields()}
    for name in ("aliases", "languages", "steps"):
        if name in names:
            fields[name] = LinesField(required=False, help_text=HELP[name])
    if "civil_remedies" in names:
        fields["civil_remedies"] = forms.MultipleChoiceField(
            choices=CivilRemedy.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=HELP["civil_remedies"],
        )
    return fields


def record_form_for(model) -> type[RecordForm]:
    return type(f"{model.__name__}Form", (RecordForm,), {**record_form_fields(model), "__module__": __name__})
