"""The action plan: only the person's chain, in a fixed order, safe for children, honest about bills."""

import pytest

from chat.plan import plan_for
from chat.state import Danger, FlowState, Happened, Minor, Platform, Step, Want, Who
from kb.models import Jurisdiction


def choices(
    place="US-TX",
    *,
    danger=Danger.NO,
    minor=Minor.NO,
    happened=(Happened.CREATED, Happened.SHARED),
    platforms=(Platform.INSTAGRAM,),
    wants=(Want.REMOVAL, Want.PROSECUTION, Want.SUPPORT),
    who=Who.SELF,
) -> FlowState:
    return FlowState(
        step=Step.PLAN,
        who=who,
        danger=danger,
        place=place,
        place_confirmed=True,
        happened=frozenset(happened),
        minor=minor,
        platforms=frozenset(platforms),
        wants=frozenset(wants),
    )


def ids(records) -> list[str]:
    return [r.pk for r in records]


def everything(plan) -> list[str]:
    out = []
    for section in plan.sections:
        out += ids(section.channels) + ids(section.more) + ids(section.laws)
    return out


@pytest.fixture
def crisis_lines(texas_world, make_channel):
    make_channel(
        "us-crisis", jurisdictions=["US"], name="US crisis line", tags=["danger", "support"], phone="988"
    )
    make_channel(
        "fr-police", jurisdictions=["FR"], name="Police nationale", kind="police", tags=["prosecution"]
    )


def test_a_plan_for_texas_uses_texas_us_and_global_records_only(texas_world):
    plan = plan_for(choices())
    assert plan.place_name == "Texas, United States"
    assert [j.code for j in plan.chain] == ["US-TX", "US", "GLOBAL"]
    assert "fr-code-penal-226-8-1" not in everything(plan)
    assert "pharos" not in everything(plan)
    assert {law.jurisdiction_id for law in plan.laws} <= {"US-TX", "US", "GLOBAL"}


def test_a_plan_for_france_never_shows_a_us_law(texas_world):
    plan = plan_for(choices("FR"))
    assert ids(plan.laws) == ["fr-code-penal-226-8-1"]
    assert plan.emergency == "112"


def test_the_steps_come_in_order_evidence_removal_report_legal_support(texas_world):
    assert [s.key for s in plan_for(choices()).sections] == [
        "evidence",
        "removal",
        "report",
        "legal",
        "support",
    ]


def test_danger_puts_the_emergency_number_and_crisis_lines_first(crisis_lines):
    plan = plan_for(choices(danger=Danger.YES))
    assert plan.sections[0].key == "danger"
    assert plan.emergency == "911"
    assert ids(plan.sections[0].channels)[0] == "us-crisis"


def test_an_under_18_gets_child_protection_first(texas_world):
    plan = plan_for(choices(minor=Minor.YES))
    first = plan.sections[0]
    assert first.key == "minor"
    assert ids(first.channels)[0] == "take-it-down-ncmec"
    assert ids(first.laws) == ["us-18-usc-2252a"]
    assert [g.pk for g in first.guides] == ["when-under-18"]


def test_an_under_18_is_never_sent_to_an_adults_only_service(texas_world):
    assert "stopncii" not in everything(plan_for(choices(minor=Minor.YES)))


def test_an_adult_is_not_sent_to_an_under_18_only_service_or_shown_child_law(texas_world):
    plan = plan_for(choices(minor=Minor.NO))
    assert "take-it-down-ncmec" not in everything(plan)
    assert "us-18-usc-2252a" not in ids(plan.laws)
    assert "stopncii" in everything(plan)


def test_prefer_not_to_say_shows_the_child_services_as_a_possibility_and_the_adult_ones_too(texas_world):
    plan = plan_for(choices(minor=Minor.UNSAID))
    assert plan.sections[0].key == "maybe_minor"
    assert "take-it-down-ncmec" in ids(plan.sections[0].channels)
    assert "stopncii" in everything(plan)
    assert plan.maybe_minor and not plan.is_minor


def test_the_platform_chosen_brings_its_report_route(texas_world):
    removal = plan_for(choices(platforms=(Platform.INSTAGRAM,))).section("removal")
    assert dict(removal.channel_groups)["platforms"][0].pk == "instagram"
    removal = plan_for(choices(platforms=(Platform.TIKTOK,))).section("removal")
    assert dict(removal.channel_groups)["platforms"] == []


def test_hash_blocking_is_offered_to_stop_it_spreading(texas_world):
    removal = plan_for(choices(wants=(Want.STOP_SPREAD,))).section("removal")
    assert ids(dict(removal.channel_groups)["hash_blocking"]) == ["stopncii"]


def test_a_bill_is_never_listed_as_law(texas_world):
    plan = plan_for(choices(wants=(Want.COMPENSATION,)))
    assert ids(plan.bills) == ["us-defiance-act"]
    assert "us-defiance-act" not in ids(plan.laws)
    assert "us-defiance-act" not in everything(plan)


def test_each_record_appears_once(crisis_lines):
    for minor in Minor:
        found = everything(plan_for(choices(danger=Danger.YES, minor=minor)))
        assert len(found) == len(set(found))


def test_the_report_step_is_always_there_with_the_local_route(crisis_lines):
    report = plan_for(choices("FR", wants=(Want.PROSECUTION,))).section("report")
    assert ids(report.channels) == ["fr-police", "pharos"]
    # Not ticking "report a crime" does not lose Pharos, even when removal showed it first.
    report = plan_for(choices("FR", wants=(Want.REMOVAL,))).section("report")
    assert "pharos" in ids(report.channels) and not report.local_none


def test_a_place_with_no_report_route_says_so(texas_world):
    report = plan_for(choices(wants=(Want.SUPPORT,))).section("report")
    assert report.channels == [] and report.local_none


def test_the_law_is_always_there_even_when_only_support_is_wanted(texas_world):
    plan = plan_for(choices(wants=(Want.SUPPORT,)))
    assert [s.key for s in plan.sections] == ["evidence", "report", "legal", "support"]
    assert "us-tx-penal-21-165" in ids(plan.section("legal").laws)


def test_court_options_come_first_when_compensation_is_wanted_and_reporting_is_not(texas_world, make_law):
    make_law("us-tx-civil", "US-TX", kind="civil", title="Texas civil claim")
    legal = plan_for(choices(wants=(Want.COMPENSATION,))).section("legal")
    assert [name for name, _ in legal.law_groups] == ["court", "criminal"]
    legal = plan_for(choices(wants=(Want.PROSECUTION, Want.COMPENSATION))).section("legal")
    assert [name for name, _ in legal.law_groups] == ["criminal", "court"]


def test_a_legal_removal_duty_is_shown_with_the_removal_routes(texas_world, make_law):
    make_law("us-platform-duty", "US", kind="regulatory", removal_deadline_hours=48, tags=["removal"])
    plan = plan_for(choices())
    assert ids(plan.section("removal").laws) == ["us-platform-duty"]


def test_threats_add_the_advice_for_sextortion(texas_world, make_guide):
    make_guide("sextortion", title="If someone is blackmailing you", topic="sextortion")
    plan = plan_for(choices(happened=(Happened.THREATENED,)))
    assert plan.section("threats").guides[0].pk == "sextortion"
    assert plan.section("threats") is plan.sections[0]  # "do not pay" comes before anything else


def test_a_place_without_a_specific_law_says_so(world, make_jurisdiction):
    make_jurisdiction("XK", "Nowhereland", no_specific_law=True, body="General harassment law may apply.")
    plan = plan_for(choices("XK"))
    assert [j.code for j in plan.without_specific_law] == ["XK"]
    assert plan.laws == []


def test_an_unknown_or_unpublished_place_falls_back_to_help_that_works_everywhere(texas_world):
    Jurisdiction.objects.filter(code="US-CA").update(review_status="draft")
    for code in ["US-CA", "ZZ", ""]:
        plan = plan_for(choices(code))
        assert plan.jurisdiction.code == "GLOBAL"
        assert plan.laws == []
        assert "stopncii" in everything(plan)


def test_unpublished_records_never_reach_the_plan(texas_world, make_channel, make_law):
    make_channel("draft-line", jurisdictions=["US"], review_status="draft", tags=["support"])
    make_law("us-draft-law", "US", review_status="in_review")
    found = everything(plan_for(choices()))
    assert "draft-line" not in found and "us-draft-law" not in found


def test_the_summary_lists_where_a_report_can_be_made(crisis_lines):
    assert ids(plan_for(choices("FR", wants=(Want.SUPPORT,))).report_channels) == ["pharos", "fr-police"]


def test_building_a_plan_takes_a_bounded_number_of_queries(crisis_lines, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        plan_for(choices(danger=Danger.YES, minor=Minor.UNSAID))


def test_crisis_lines_are_people_to_talk_to_not_reporting_hotlines(crisis_lines, make_channel):
    make_channel("us-tipline", jurisdictions=["US"], name="Report line", tags=["prosecution"])
    make_channel(
        "us-listening", jurisdictions=["US"], name="Listening line", tags=["support"], phone="123 456"
    )
    make_channel(
        "us-coalition", jurisdictions=["US"], name="A coalition's website", kind="support", tags=["danger"]
    )
    danger = plan_for(choices(danger=Danger.YES)).section("danger")
    assert ids(danger.channels) == ["us-crisis", "us-listening"]
    assert not danger.local_none


def test_a_crisis_kind_line_comes_first_when_the_vocabulary_has_it(crisis_lines, make_channel):
    make_channel(
        "us-988", jurisdictions=["US"], name="988 Lifeline", kind="crisis", tags=["support"], phone="988"
    )
    danger = plan_for(choices(danger=Danger.YES)).section("danger")
    assert ids(danger.channels)[0] == "us-988"


def test_with_no_local_crisis_line_the_plan_says_so_and_offers_only_international_lines(
    texas_world, make_channel
):
    make_channel("fr-web", jurisdictions=["FR"], name="A support website", kind="support", tags=["danger"])
    make_channel(
        "find-a-line",
        jurisdictions=["GLOBAL"],
        name="Find a line",
        kind="helpline",
        tags=["support", "danger"],
    )
    danger = plan_for(choices("FR", danger=Danger.YES)).section("danger")
    assert danger.channels == [] and danger.local_none
    assert ids(danger.international) == ["find-a-line"]


def test_someone_helping_gets_a_step_on_how_to_help_and_what_schools_must_do(texas_world):
    plan = plan_for(choices(who=Who.HELPING, minor=Minor.YES))
    keys = [s.key for s in plan.sections]
    assert keys.index("minor") < keys.index("helping") < keys.index("evidence")
    assert "helping" not in [s.key for s in plan_for(choices()).sections]


def test_an_adult_in_danger_is_not_offered_a_childrens_line_as_a_crisis_line(crisis_lines, make_channel):
    make_channel(
        "us-kids",
        jurisdictions=["US"],
        name="Kids line",
        kind="helpline",
        tags=["minor", "support"],
        phone="1 800",
        serves_minors=True,
    )
    assert "us-kids" not in ids(plan_for(choices(danger=Danger.YES)).section("danger").channels)
    young = plan_for(choices(danger=Danger.YES, minor=Minor.YES)).section("danger")
    assert "us-kids" in ids(young.channels)


def test_for_a_fake_image_a_law_for_real_images_only_comes_after_the_laws_that_fit(texas_world, make_law):
    make_law("us-tx-penal-21-16", "US-TX", covers_synthetic="no", tags=["created", "shared", "real_images"])
    fake = ids(plan_for(choices(happened=(Happened.CREATED, Happened.SHARED))).section("legal").laws)
    assert fake.index("us-tx-penal-21-165") < fake.index("us-tx-penal-21-16")
    real = ids(plan_for(choices(happened=(Happened.REAL_IMAGES, Happened.SHARED))).section("legal").laws)
    assert real.index("us-tx-penal-21-16") < real.index("us-tx-penal-21-165")
