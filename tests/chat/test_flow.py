"""The guided help's state machine and its signed state: every path, back, change, danger, minors, places."""

from dataclasses import replace

import pytest
from django.core import signing

from chat.flow import (
    ConfirmAnswer,
    CrisisSeen,
    HappenedAnswer,
    MinorAnswer,
    PlaceAnswer,
    PlatformsAnswer,
    SafetyAnswer,
    WantsAnswer,
    WhoAnswer,
    WrongStep,
    flow_back,
    flow_complete,
    flow_current,
    flow_goto,
    flow_next,
    flow_start,
    flow_steps,
    step_number,
)
from chat.state import (
    MAX_TOKEN_CHARS,
    SALT,
    BadState,
    Danger,
    FlowState,
    Happened,
    Minor,
    Platform,
    Step,
    Want,
    Who,
    state_dumps,
    state_loads,
)

HAPPENED = HappenedAnswer(frozenset({Happened.CREATED, Happened.SHARED}))
PLATFORMS = PlatformsAnswer(frozenset({Platform.INSTAGRAM}))
WANTS = WantsAnswer(frozenset({Want.REMOVAL, Want.SUPPORT}))


def begun(**kwargs) -> FlowState:
    """A start where the person said it is about them: the first question answered."""
    return flow_next(flow_start(**kwargs), WhoAnswer(Who.SELF))


def walk(state, *answers):
    for answer in answers:
        state = flow_next(state, answer)
    return state


def complete(danger=Danger.NO, minor=Minor.NO, place="US-TX") -> FlowState:
    answers = [SafetyAnswer(danger), PlaceAnswer(place, confirmed=True)]
    if danger in (Danger.YES, Danger.NOT_SURE):
        answers.append(CrisisSeen())
    return walk(begun(), *answers, HAPPENED, MinorAnswer(minor), PLATFORMS, WANTS)


# The path through


def test_a_fresh_start_asks_who_it_is_about_then_about_safety():
    assert flow_start().step == Step.WHO
    assert begun().step == Step.SAFETY


def test_someone_helping_is_remembered_through_to_the_plan():
    state = walk(
        flow_next(flow_start(), WhoAnswer(Who.HELPING)),
        SafetyAnswer(Danger.NO),
        PlaceAnswer("US-TX", confirmed=True),
        HAPPENED,
        MinorAnswer(Minor.YES),
        PLATFORMS,
        WANTS,
    )
    assert (state.step, state.helping) == (Step.PLAN, True)
    assert state_loads(state_dumps(state)).who == Who.HELPING


def test_someone_safe_goes_through_every_step_to_the_plan():
    state = flow_start()
    seen = [state.step]
    for answer in [
        WhoAnswer(Who.SELF),
        SafetyAnswer(Danger.NO),
        PlaceAnswer("US-TX"),
        ConfirmAnswer("US-TX"),
        HAPPENED,
        MinorAnswer(Minor.NO),
        PLATFORMS,
        WANTS,
    ]:
        state = flow_next(state, answer)
        seen.append(state.step)
    assert seen == [
        Step.WHO,
        Step.SAFETY,
        Step.PLACE,
        Step.CONFIRM,
        Step.HAPPENED,
        Step.MINOR,
        Step.PLATFORMS,
        Step.WANTS,
        Step.PLAN,
    ]
    assert state == FlowState(
        step=Step.PLAN,
        who=Who.SELF,
        danger=Danger.NO,
        place="US-TX",
        place_confirmed=True,
        happened=HAPPENED.happened,
        minor=Minor.NO,
        platforms=PLATFORMS.platforms,
        wants=WANTS.wants,
    )
    assert flow_complete(state)


def test_a_typed_place_is_confirmed_before_it_is_used():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("US-TX"))
    assert state.step == Step.CONFIRM
    assert state.place == "US-TX" and not state.place_confirmed


def test_a_place_picked_from_the_list_needs_no_confirmation():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("FR", confirmed=True))
    assert state.step == Step.HAPPENED
    assert state.place_confirmed


def test_an_ambiguous_place_can_be_settled_on_the_confirm_screen():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("AU-VIC"), ConfirmAnswer("CA-BC"))
    assert (state.place, state.place_confirmed, state.step) == ("CA-BC", True, Step.HAPPENED)


def test_somewhere_else_goes_back_to_typing_the_place_and_forgets_the_guess():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("US-GA"), ConfirmAnswer(None))
    assert (state.step, state.place, state.place_confirmed) == (Step.PLACE, "", False)


def test_an_unknown_place_falls_back_to_help_that_works_everywhere_once_confirmed():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("GLOBAL"), ConfirmAnswer("GLOBAL"))
    assert (state.place, state.step) == ("GLOBAL", Step.HAPPENED)


# Safety first


@pytest.mark.parametrize("danger", [Danger.YES, Danger.NOT_SURE])
def test_danger_asks_where_then_shows_crisis_lines_before_anything_else(danger):
    state = walk(begun(), SafetyAnswer(danger))
    assert state.step == Step.PLACE
    state = walk(state, PlaceAnswer("AU-NSW"), ConfirmAnswer("AU-NSW"))
    assert state.step == Step.CRISIS
    assert flow_next(state, CrisisSeen()).step == Step.HAPPENED


def test_danger_with_a_place_already_given_confirms_it_then_shows_crisis_lines():
    state = walk(begun(place="US-TX"), SafetyAnswer(Danger.YES))
    assert state.step == Step.CONFIRM
    assert flow_next(state, ConfirmAnswer("US-TX")).step == Step.CRISIS


def test_no_danger_never_shows_the_crisis_screen():
    assert Step.CRISIS not in flow_steps(complete(danger=Danger.NO))
    assert Step.CRISIS in flow_steps(complete(danger=Danger.YES))


def test_a_place_from_a_place_page_is_confirmed_after_the_safety_question():
    state = walk(begun(place="FR"), SafetyAnswer(Danger.NO))
    assert (state.step, state.place) == (Step.CONFIRM, "FR")


# The minors path


@pytest.mark.parametrize(("minor", "tagged"), [(Minor.YES, True), (Minor.NO, False), (Minor.UNSAID, False)])
def test_the_under_18_answer_is_kept_and_tags_the_situation(minor, tagged):
    state = complete(minor=minor)
    assert state.minor == minor
    assert ("minor" in state.situation_tags) is tagged


def test_threats_count_as_sextortion_for_the_knowledge_base():
    state = walk(
        begun(),
        SafetyAnswer(Danger.NO),
        PlaceAnswer("FR", confirmed=True),
        HappenedAnswer(frozenset({Happened.THREATENED})),
    )
    assert {"threatened", "sextortion"} <= state.situation_tags


# Back


@pytest.mark.parametrize(
    ("step", "previous"),
    [
        (Step.PLACE, Step.SAFETY),
        (Step.CONFIRM, Step.PLACE),
        (Step.HAPPENED, Step.PLACE),
        (Step.MINOR, Step.HAPPENED),
        (Step.PLATFORMS, Step.MINOR),
        (Step.WANTS, Step.PLATFORMS),
        (Step.PLAN, Step.WANTS),
    ],
)
def test_back_goes_to_the_screen_before(step, previous):
    state = replace(complete(), step=step)
    if step == Step.CONFIRM:
        state = replace(state, place_confirmed=False)
    assert flow_back(state).step == previous


def test_back_from_the_first_question_stays_there():
    assert flow_back(flow_start()).step == Step.WHO
    assert flow_back(begun()).step == Step.WHO


def test_back_from_what_happened_returns_to_the_crisis_lines_when_in_danger():
    assert flow_back(replace(complete(danger=Danger.YES), step=Step.HAPPENED)).step == Step.CRISIS


def test_back_keeps_every_answer():
    state = complete()
    back = flow_back(flow_back(state))
    assert back.step == Step.PLATFORMS
    assert replace(back, step=Step.PLAN) == state


def test_going_back_then_forward_on_the_first_pass_revisits_each_screen():
    state = walk(begun(), SafetyAnswer(Danger.NO), PlaceAnswer("US-TX", confirmed=True), HAPPENED)
    assert state.step == Step.MINOR
    state = flow_back(state)
    assert state.step == Step.HAPPENED
    state = flow_next(state, HappenedAnswer(frozenset({Happened.UNSURE})))
    assert state.step == Step.MINOR
    assert state.happened == {Happened.UNSURE}


# Change (edit) from the plan


@pytest.mark.parametrize(
    ("step", "answer", "check"),
    [
        (Step.SAFETY, SafetyAnswer(Danger.NOT_SURE), lambda s: s.danger == Danger.NOT_SURE),
        (
            Step.HAPPENED,
            HappenedAnswer(frozenset({Happened.REAL_IMAGES})),
            lambda s: s.happened == {"real_images"},
        ),
        (Step.MINOR, MinorAnswer(Minor.YES), lambda s: s.minor == Minor.YES),
        (
            Step.PLATFORMS,
            PlatformsAnswer(frozenset({Platform.DONT_KNOW})),
            lambda s: s.platforms == {"dont_know"},
        ),
        (Step.WANTS, WantsAnswer(frozenset({Want.PROSECUTION})), lambda s: s.wants == {"prosecution"}),
    ],
)
def test_changing_an_answer_from_the_plan_goes_straight_back_to_the_plan(step, answer, check):
    state = flow_goto(complete(), step)
    assert state.step == step
    state = flow_next(state, answer)
    assert state.step == Step.PLAN
    assert check(state)


def test_changing_the_place_confirms_the_new_one_then_returns_to_the_plan():
    state = flow_goto(complete(), Step.PLACE)
    assert state.step == Step.PLACE
    state = flow_next(state, PlaceAnswer("FR"))
    assert state.step == Step.CONFIRM
    state = flow_next(state, ConfirmAnswer("FR"))
    assert (state.step, state.place) == (Step.PLAN, "FR")


def test_a_change_cannot_skip_questions_not_yet_answered():
    state = walk(begun(), SafetyAnswer(Danger.NO))
    assert flow_goto(state, Step.PLAN).step == Step.PLACE
    assert flow_goto(state, Step.WANTS).step == Step.PLACE


def test_an_answer_for_another_screen_is_refused():
    with pytest.raises(WrongStep):
        flow_next(flow_start(), WANTS)


def test_a_state_whose_earlier_answers_are_missing_is_shown_the_first_missing_question():
    state = FlowState(step=Step.WANTS, who=Who.SELF, danger=Danger.NO, place="FR", place_confirmed=True)
    assert flow_current(state).step == Step.HAPPENED


# Progress


@pytest.mark.parametrize(
    ("step", "number"),
    [
        (Step.WHO, 1),
        (Step.SAFETY, 2),
        (Step.PLACE, 3),
        (Step.CONFIRM, 3),
        (Step.CRISIS, 3),
        (Step.HAPPENED, 4),
        (Step.MINOR, 5),
        (Step.PLATFORMS, 6),
        (Step.WANTS, 7),
        (Step.PLAN, 8),
    ],
)
def test_progress_counts_eight_steps(step, number):
    assert step_number(step) == number


# The signed state


@pytest.mark.parametrize(
    "state",
    [
        flow_start(),
        flow_start(place="US-TX"),
        complete(),
        complete(danger=Danger.YES, minor=Minor.YES, place="AU-NSW"),
        complete(danger=Danger.NOT_SURE, minor=Minor.UNSAID, place="GLOBAL"),
    ],
)
def test_the_state_round_trips_through_its_signed_token(state):
    assert state_loads(state_dumps(state)) == state


def test_the_token_is_small_enough_for_a_hidden_field():
    assert len(state_dumps(complete(danger=Danger.YES, minor=Minor.UNSAID))) < 200


def test_a_tampered_token_is_refused():
    token = state_dumps(complete())
    with pytest.raises(BadState):
        state_loads(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))


def test_an_expired_token_is_refused():
    token = state_dumps(complete())
    with pytest.raises(BadState):
        state_loads(token, max_age=-1)


def test_a_token_signed_for_another_purpose_is_refused():
    with pytest.raises(BadState):
        state_loads(signing.dumps([1, "plan", "no", "US-TX", 1, [], "no", [], []], salt="other"))


@pytest.mark.parametrize(
    "payload",
    [
        [1, "nowhere", "no", "US-TX", 1, [], "no", [], []],
        [1, "plan", "maybe", "US-TX", 1, [], "no", [], []],
        [1, "plan", "no", "US-TX", 1, ["my own words"], "no", [], []],
        [1, "plan", "no", "X" * 40, 1, [], "no", [], []],
        [1, "plan", "no", "US-TX", 1, [], "no", [], []],
        [2, "plan", "no", "US-TX", 1, [], "no", [], [], "me"],
        [1, "plan"],
        "not a list",
    ],
)
def test_a_well_signed_token_with_values_outside_the_vocabulary_is_refused(payload):
    with pytest.raises(BadState):
        state_loads(signing.dumps(payload, salt=SALT, compress=True))


def test_the_token_carries_only_choices_and_a_place_code():
    payload = signing.loads(state_dumps(complete()), salt=SALT)
    assert payload == [
        2,
        "plan",
        "no",
        "US-TX",
        1,
        ["created", "shared"],
        "no",
        ["instagram"],
        ["removal", "support"],
        "self",
    ]


# The state against someone who knows the key (or forges a token): caps before and after decoding


def _signed(data: bytes, *, compressed: bool) -> str:
    encoded = ("." if compressed else "") + signing.b64_encode(data).decode()
    return signing.TimestampSigner(salt=SALT).sign(encoded)


def test_a_compressed_bomb_is_refused_without_inflating_it():
    import tracemalloc
    import zlib

    bomb = zlib.compress(b"[" + b" " * 700_000 + b"]", 9)  # 700 KB of JSON that fits in a short token
    token = _signed(bomb, compressed=True)
    assert len(token) < MAX_TOKEN_CHARS
    tracemalloc.start()
    with pytest.raises(BadState, match="cap"):
        state_loads(token)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000


def test_a_small_token_that_inflates_past_the_cap_is_refused():
    import zlib

    token = _signed(zlib.compress(b'[1, "' + b"a" * 5000 + b'"]', 9), compressed=True)
    assert len(token) < 200
    with pytest.raises(BadState, match="cap"):
        state_loads(token)


def test_an_overlong_token_is_refused_before_its_signature_is_checked():
    with pytest.raises(BadState, match="too long"):
        state_loads("x" * 5000)


def test_a_token_signed_with_the_old_shared_salt_is_refused():
    with pytest.raises(BadState):
        state_loads(signing.dumps([1, "plan", "no", "US-TX", 1, [], "no", [], []], salt="recourse.chat"))
