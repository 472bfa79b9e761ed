"""One form per screen of the guided help: it checks the answer and turns it into a flow answer.

Forms only validate; nothing they receive is kept. The typed place is looked up for the
response being built and then dropped: only the code of the place found goes into the state.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chat.flow import (
    Answer,
    ConfirmAnswer,
    CrisisSeen,
    HappenedAnswer,
    MinorAnswer,
    PlaceAnswer,
    PlatformsAnswer,
    SafetyAnswer,
    WantsAnswer,
    WhoAnswer,
)
from chat.places import PlaceLookup, place_known, place_lookup
from chat.state import (
    DANGER_HELPING_LABELS,
    DANGER_LABELS,
    HAPPENED_HELPING_LABELS,
    HAPPENED_LABELS,
    MINOR_LABELS,
    PLATFORM_LABELS,
    WANT_LABELS,
    WHO_LABELS,
    Danger,
    Happened,
    Minor,
    Platform,
    Want,
    Who,
)

ELSEWHERE = "elsewhere"


class ChoiceStepForm(forms.Form):
    """A screen with one question and a list of choices (radio buttons or checkboxes)."""

    name: str = ""
    title = ""
    hint = ""
    multiple = False
    labels: dict = {}
    # Someone helping reads the question about the person they help ("the person in the image").
    helping_title = ""
    helping_hint = ""
    helping_labels: dict = {}

    def __init__(self, *args, who: Who = Who.SELF, **kwargs):
        super().__init__(*args, **kwargs)
        if who == Who.HELPING:
            self.title = self.helping_title or self.title
            self.hint = self.helping_hint or self.hint
            self.labels = self.helping_labels or self.labels

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(value.value, label) for value, label in self.labels.items()]

    def answer(self) -> Answer:
        raise NotImplementedError


def _choice_field(labels: dict, *, multiple: bool, required_message: str) -> forms.Field:
    choices = [(value.value, label) for value, label in labels.items()]
    field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
    return field_class(
        choices=choices,
        error_messages={
            "required": required_message,
            "invalid_choice": required_message,
            "invalid_list": required_message,
        },
    )


class WhoForm(ChoiceStepForm):
    name = "who"
    title = _("Is this about you, or someone you're helping?")
    hint = _("We will use the right words, and show what parents, friends, schools and advocates can do.")
    labels = WHO_LABELS
    who = _choice_field(WHO_LABELS, multiple=False, required_message=_("Choose one."))

    def answer(self) -> WhoAnswer:
        return WhoAnswer(Who(self.cleaned_data["who"]))


class SafetyForm(ChoiceStepForm):
    name = "danger"
    title = _("Are you in danger right now?")
    hint = _("For example, someone is threatening to hurt you, or you are thinking about hurting yourself.")
    labels = DANGER_LABELS
    helping_title = _("Is the person you're helping, or you, in danger right now?")
    helping_hint = _(
        "For example, someone is threatening to hurt them, or they are thinking about hurting themselves."
    )
    helping_labels = DANGER_HELPING_LABELS
    danger = _choice_field(
        DANGER_LABELS, multiple=False, required_message=_("Choose yes, no or I'm not sure.")
    )

    def answer(self) -> SafetyAnswer:
        return SafetyAnswer(Danger(self.cleaned_data["danger"]))


class HappenedForm(ChoiceStepForm):
    name = "happened"
    title = _("What happened?")
    hint = _("Choose all that apply. You do not have to describe it.")
    multiple = True
    labels = HAPPENED_LABELS
    helping_labels = HAPPENED_HELPING_LABELS
    happened = _choice_field(
        HAPPENED_LABELS,
        multiple=True,
        required_message=_("Choose at least one, or “I'm not sure what exists”."),
    )

    def answer(self) -> HappenedAnswer:
        return HappenedAnswer(frozenset(Happened(v) for v in self.cleaned_data["happened"]))


class MinorForm(ChoiceStepForm):
    name = "minor"
    title = _("Was the person shown under 18?")
    hint = _("Under 18 when the image was made or is shown as under 18. This changes who can help most.")
    labels = MINOR_LABELS
    minor = _choice_field(
        MINOR_LABELS, multiple=False, required_message=_("Choose yes, no or I'd rather not say.")
    )

    def answer(self) -> MinorAnswer:
        return MinorAnswer(Minor(self.cleaned_data["minor"]))


class PlatformsForm(ChoiceStepForm):
    name = "platforms"
    title = _("Where is it?")
    hint = _("Choose all the places you have seen it or been told about.")
    multiple = True
    labels = PLATFORM_LABELS
    platforms = _choice_field(
        PLATFORM_LABELS, multiple=True, required_message=_("Choose at least one, or “I don't know”.")
    )

    def answer(self) -> PlatformsAnswer:
        return PlatformsAnswer(frozenset(Platform(v) for v in self.cleaned_data["platforms"]))


class WantsForm(ChoiceStepForm):
    name = "wants"
    title = _("What do you want to happen?")
    hint = _("Choose all that apply. You can change this later.")
    helping_title = _("What do they want to happen?")
    helping_hint = _(
        "Choose all that apply. It is their choice: ask them if you can. You can change this later."
    )
    multiple = True
    labels = WANT_LABELS
    wants = _choice_field(WANT_LABELS, multiple=True, required_message=_("Choose at least one."))

    def answer(self) -> WantsAnswer:
        return WantsAnswer(frozenset(Want(v) for v in self.cleaned_data["wants"]))


class PlaceForm(forms.Form):
    """Where someone lives: typed (looked up now, then forgotten) or picked from the list."""

    place_text = forms.CharField(required=False, max_length=200, strip=True)
    place_code = forms.CharField(required=False, max_length=16)
    place_pick = forms.CharField(required=False, max_length=16)  # one of the places a name could mean

    lookup: PlaceLookup | None = None

    def clean(self):
        data = super().clean()
        code = (data.get("place_pick") or data.get("place_code") or "").strip().upper()
        text = data.get("place_text") or ""
        if code:
            if not place_known(code):
                raise forms.ValidationError(_("Choose a place from the list."), code="unknown_code")
            data["code"], data["confirmed"] = code, True
            return data
        if not text:
            raise forms.ValidationError(_("Type where you live, or choose it from the list."), code="empty")
        self.lookup = place_lookup(text)
        if self.lookup.code is None and self.lookup.alternatives:
            raise forms.ValidationError(
                _("That name fits more than one place. Which one do you mean?"), code="which"
            )
        if self.lookup.code is None:
            raise forms.ValidationError(
                _("We could not find that place. Try your country's name, or choose it from the list."),
                code="unknown",
            )
        data["code"], data["confirmed"] = self.lookup.code, False
        return data

    def answer(self) -> PlaceAnswer:
        return PlaceAnswer(self.cleaned_data["code"], confirmed=self.cleaned_data["confirmed"])


class ConfirmForm(forms.Form):
    place = forms.CharField(max_length=16, error_messages={"required": _("Choose one.")})

    def clean_place(self) -> str:
        place = self.cleaned_data["place"].strip()
        if place != ELSEWHERE and not place_known(place.upper()):
            raise forms.ValidationError(_("Choose one."))
        return place if place == ELSEWHERE else place.upper()

    def answer(self) -> ConfirmAnswer:
        place = self.cleaned_data["place"]
        return ConfirmAnswer(None if place == ELSEWHERE else place)


class CrisisForm(forms.Form):
    def answer(self) -> CrisisSeen:
        return CrisisSeen()


class AskForm(forms.Form):
    question = forms.CharField(
        max_length=2000,
        strip=True,
        error_messages={
            "required": _("Type a question."),
            "max_length": _("Please keep your question under 2,000 characters."),
        },
    )
    jurisdiction = forms.CharField(required=False, max_length=16)

    def clean_jurisdiction(self) -> str:
        code = self.cleaned_data["jurisdiction"].strip().upper()
        return code if code and place_known(code) else ""
