"""The guided help as a small state machine: one screen per step, every answer editable.

Plain functions over `FlowState`, with no HTTP in sight:

- `flow_next(state, answer)` records an answer and moves on: to the next screen the first time
  through, straight back to the plan once everything is answered (so "Change" returns to it);
- `flow_back(state)` goes one screen back, keeping the answers;
- `flow_goto(state, step)` opens an earlier screen to change its answer;
- `flow_steps(state)` lists the screens this person goes through, for "Step 3 of 7".

Safety comes first: when someone is (or may be) in danger, the emergency number and crisis
lines for their place come as soon as the place is known. The place is always confirmed
before it is used, unless it was picked from the list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chat.state import Danger, FlowState, Happened, Minor, Platform, Step, Want, Who

# The numbered steps people see ("Step 3 of 7"); confirming the place and the crisis screen
# belong to the place step.
NUMBERED = [
    Step.WHO,
    Step.SAFETY,
    Step.PLACE,
    Step.HAPPENED,
    Step.MINOR,
    Step.PLATFORMS,
    Step.WANTS,
    Step.PLAN,
]
_NUMBER_OF = {Step.CONFIRM: Step.PLACE, Step.CRISIS: Step.PLACE}


@dataclass(frozen=True)
class WhoAnswer:
    who: Who


@dataclass(frozen=True)
class SafetyAnswer:
    danger: Danger


@dataclass(frozen=True)
class PlaceAnswer:
    """A place code. `confirmed` when picked from the list; a detected place is confirmed next."""

    code: str
    confirmed: bool = False


@dataclass(frozen=True)
class ConfirmAnswer:
    """The place to use (the one shown or one of the alternatives), or None for "somewhere else"."""

    code: str | None


@dataclass(frozen=True)
class CrisisSeen:
    pass


@dataclass(frozen=True)
class HappenedAnswer:
    happened: frozenset[Happened]


@dataclass(frozen=True)
class MinorAnswer:
    minor: Minor


@dataclass(frozen=True)
class PlatformsAnswer:
    platforms: frozenset[Platform]


@dataclass(frozen=True)
class WantsAnswer:
    wants: frozenset[Want]


Answer = (
    WhoAnswer
    | SafetyAnswer
    | PlaceAnswer
    | ConfirmAnswer
    | CrisisSeen
    | HappenedAnswer
    | MinorAnswer
    | PlatformsAnswer
    | WantsAnswer
)
ANSWER_STEP: dict[type, Step] = {
    WhoAnswer: Step.WHO,
    SafetyAnswer: Step.SAFETY,
    PlaceAnswer: Step.PLACE,
    ConfirmAnswer: Step.CONFIRM,
    CrisisSeen: Step.CRISIS,
    HappenedAnswer: Step.HAPPENED,
    MinorAnswer: Step.MINOR,
    PlatformsAnswer: Step.PLATFORMS,
    WantsAnswer: Step.WANTS,
}


class WrongStep(ValueError):
    """An answer arrived for a screen the person is not on (an old tab, a resubmitted form)."""


def flow_steps(state: FlowState) -> list[Step]:
    """The screens this person goes through, in order (confirming the place is part of PLACE)."""
    steps = [Step.WHO, Step.SAFETY, Step.PLACE]
    if state.in_danger:
        steps.append(Step.CRISIS)
    return [*steps, Step.HAPPENED, Step.MINOR, Step.PLATFORMS, Step.WANTS, Step.PLAN]


def step_answered(state: FlowState, step: Step) -> bool:
    match step:
        case Step.WHO:
            return state.who != Who.UNANSWERED
        case Step.SAFETY:
            return state.danger != Danger.UNANSWERED
        case Step.PLACE | Step.CONFIRM:
            return bool(state.place) and state.place_confirmed
        case Step.CRISIS:
            return True  # information, not a question
        case Step.HAPPENED:
            return bool(state.happened)
        case Step.MINOR:
            return state.minor != Minor.UNANSWERED
        case Step.PLATFORMS:
            return bool(state.platforms)
        case Step.WANTS:
            return bool(state.wants)
        case _:
            return False


def flow_complete(state: FlowState) -> bool:
    return all(step_answered(state, s) for s in flow_steps(state) if s != Step.PLAN)


def step_number(step: Step) -> int:
    """1-based position among the numbered steps."""
    return NUMBERED.index(_NUMBER_OF.get(step, step)) + 1


def _main(step: Step) -> Step:
    return Step.PLACE if step == Step.CONFIRM else step


def _entering(state: FlowState, step: Step) -> FlowState:
    """Move to `step`, or to the first earlier step still unanswered; a place not yet confirmed is confirmed."""
    steps = flow_steps(state)
    target = _main(step) if _main(step) in steps else Step.WHO
    for earlier in steps[: steps.index(target)]:
        if not step_answered(state, earlier):
            target = earlier
            break
    if target == Step.PLACE and state.place and not state.place_confirmed:
        target = Step.CONFIRM
    return replace(state, step=target)


def flow_current(state: FlowState) -> FlowState:
    """The state as it should be shown: never a step whose earlier questions are unanswered."""
    return _entering(state, state.step)


def _apply(state: FlowState, answer: Answer) -> FlowState:
    match answer:
        case WhoAnswer(who=who):
            return replace(state, who=who)
        case SafetyAnswer(danger=danger):
            return replace(state, danger=danger)
        case PlaceAnswer(code=code, confirmed=confirmed):
            return replace(state, place=code, place_confirmed=confirmed)
        case ConfirmAnswer(code=None):
            return replace(state, place="", place_confirmed=False)
        case ConfirmAnswer(code=code):
            return replace(state, place=code, place_confirmed=True)
        case CrisisSeen():
            return state
        case HappenedAnswer(happened=happened):
            return replace(state, happened=frozenset(happened))
        case MinorAnswer(minor=minor):
            return replace(state, minor=minor)
        case PlatformsAnswer(platforms=platforms):
            return replace(state, platforms=frozenset(platforms))
        case WantsAnswer(wants=wants):
            return replace(state, wants=frozenset(wants))
    raise TypeError(f"not an answer: {answer!r}")


def flow_next(state: FlowState, answer: Answer) -> FlowState:
    """Record the answer to the current screen and move on."""
    state = flow_current(state)
    step = ANSWER_STEP[type(answer)]
    if step != state.step:
        raise WrongStep(f"answer for {step} while on {state.step}")
    state = _apply(state, answer)
    if isinstance(answer, PlaceAnswer) and not answer.confirmed:
        return replace(state, step=Step.CONFIRM)
    if isinstance(answer, ConfirmAnswer) and answer.code is None:
        return replace(state, step=Step.PLACE)
    if flow_complete(state):
        return replace(state, step=Step.PLAN)
    steps = flow_steps(state)
    return _entering(state, steps[steps.index(_main(step)) + 1])


def flow_back(state: FlowState) -> FlowState:
    """One screen back; answers are kept. From the place check, back to typing the place."""
    state = flow_current(state)
    if state.step == Step.CONFIRM:
        return replace(state, step=Step.PLACE, place="")
    steps = flow_steps(state)
    index = steps.index(state.step)
    if index == 0:
        return state
    previous = steps[index - 1]
    return replace(state, step=previous)


def flow_goto(state: FlowState, step: Step) -> FlowState:
    """Open a screen to change its answer (the plan's "Change" buttons)."""
    if step == Step.CONFIRM:
        step = Step.PLACE
    return _entering(state, step)


def flow_start(*, place: str = "") -> FlowState:
    """A fresh start, optionally with a place already chosen (from a place's page), still to confirm."""
    return FlowState(place=place)
