"""The person's answers in words, for "Your answers" on the plan and the printed summary."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from chat.state import (
    DANGER_HELPING_LABELS,
    DANGER_LABELS,
    HAPPENED_HELPING_LABELS,
    HAPPENED_LABELS,
    MINOR_LABELS,
    PLATFORM_LABELS,
    WANT_LABELS,
    WHO_LABELS,
    FlowState,
    Step,
)


@dataclass(frozen=True)
class AnswerRow:
    step: Step
    question: str
    answers: list[str]


def _in_order(labels: dict, chosen) -> list[str]:
    return [str(label) for value, label in labels.items() if value in chosen]


def answer_rows(state: FlowState, place: str) -> list[AnswerRow]:
    """The answers in the words the person read: a helper's say "them", not "me"."""
    helping = state.helping
    return [
        AnswerRow(Step.WHO, _("Who this is about"), _in_order(WHO_LABELS, {state.who})),
        AnswerRow(
            Step.SAFETY,
            _("In danger right now"),
            _in_order(DANGER_HELPING_LABELS if helping else DANGER_LABELS, {state.danger}),
        ),
        AnswerRow(Step.PLACE, _("Where they live") if helping else _("Where you live"), [place]),
        AnswerRow(
            Step.HAPPENED,
            _("What happened"),
            _in_order(HAPPENED_HELPING_LABELS if helping else HAPPENED_LABELS, state.happened),
        ),
        AnswerRow(Step.MINOR, _("Person shown under 18"), _in_order(MINOR_LABELS, {state.minor})),
        AnswerRow(Step.PLATFORMS, _("Where it is"), _in_order(PLATFORM_LABELS, state.platforms)),
        AnswerRow(
            Step.WANTS,
            _("What they want") if helping else _("What you want"),
            _in_order(WANT_LABELS, state.wants),
        ),
    ]
