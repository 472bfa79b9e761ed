"""The ask pipeline, API and command: chain-exact answers, the minors path, and asking where."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chat.ask import ask, ask_payload

API = "/api/v1/ask"


def test_an_answer_for_texas_uses_texas_us_and_global_records_only(texas_world):
    result = ask_payload(
        ask(question="Someone made a sexual deepfake of me and posted it", jurisdiction="US-TX")
    )
    assert result["jurisdiction"] == {"code": "US-TX", "name": "Texas", "source": "given", "alternatives": []}
    assert {law["jurisdiction"] for law in result["laws"]} <= {"US-TX", "US"}
    assert result["laws"][0]["id"] == "us-tx-penal-21-165"
    assert "pharos" not in {c["id"] for c in result["channels"]}
    assert result["needs"] == []


def test_the_answer_cites_every_law_with_its_citation_and_calls_a_bill_a_bill(texas_world):
    result = ask(question="can I sue for a deepfake", jurisdiction="US-TX")
    for ranked in result.laws:
        assert ranked.record.citation in result.answer
        assert f"/laws/{ranked.record.id}/" in result.answer
    assert "DEFIANCE Act** (S. 1837; United States; a bill — not law)" in result.answer


def test_the_place_is_detected_from_the_question(texas_world):
    result = ask_payload(ask(question="fake nude of me in Paris, Texas"))
    assert result["jurisdiction"]["code"] == "US-TX"
    assert result["jurisdiction"]["source"] == "detected"


def test_without_a_place_it_asks_and_still_gives_help_that_works_everywhere(texas_world):
    result = ask_payload(ask(question="someone shared intimate images of me"))
    assert result["needs"] == ["jurisdiction"]
    assert result["laws"] == []
    assert {c["id"] for c in result["channels"]} <= {"stopncii", "take-it-down-ncmec", "instagram"}
    assert result["channels"]
    assert "Where do you live?" in result["answer"]


def test_a_minor_gets_child_protection_first(texas_world):
    result = ask(question="I'm 15 and someone shared a nude of me", jurisdiction="US-TX")
    assert result.question_minor
    assert result.laws[0].record.id == "us-18-usc-2252a"
    assert result.channels[0].record.id == "take-it-down-ncmec"
    assert "do not copy, save or forward" in result.answer


def test_a_minor_is_told_first_that_it_is_not_their_fault_in_the_guide_s_own_words(texas_world):
    from kb.models import Guide

    Guide.objects.filter(id="when-under-18").update(
        body="**You are not in trouble for asking for help.** Report it."
    )
    result = ask(question="I'm 15 and someone shared a nude of me", jurisdiction="US-TX")
    assert result.answer.split("\n\n")[1].startswith("**You are not in trouble for asking for help.**")
    assert "/guides/when-under-18/" in result.answer


def test_the_minor_flag_can_be_passed(texas_world):
    result = ask(question="someone shared a nude", jurisdiction="US-TX", minor=True)
    assert result.channels[0].record.id == "take-it-down-ncmec"


def test_an_adult_question_does_not_lead_with_child_protection(texas_world):
    result = ask(question="someone shared a nude of me", jurisdiction="US-TX", minor=False)
    assert result.laws[0].record.id != "us-18-usc-2252a"


def test_danger_puts_the_emergency_number_first(texas_world):
    result = ask(question="he is outside my house and threatening to hurt me", jurisdiction="US-TX")
    assert result.answer.startswith("**If you are in danger right now, call 911.**")


@pytest.mark.django_db
def test_the_api_answers_in_the_documented_shape(client, texas_world):
    response = client.post(
        API,
        {"question": "deepfake of me", "jurisdiction": "US-TX", "minor": False},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"jurisdiction", "answer", "needs", "laws", "channels", "guides"}
    assert set(body["laws"][0]) == {
        "id",
        "title",
        "citation",
        "jurisdiction",
        "status",
        "url",
        "last_verified",
        "score",
    }
    assert set(body["channels"][0]) == {"id", "name", "kind", "url", "jurisdictions", "score"}
    assert set(body["guides"][0]) == {"id", "title", "score"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "question"),
        ({"question": ""}, "question"),
        ({"question": "x" * 2001}, "question"),
        ({"question": "hi", "jurisdiction": "XX-YY"}, "jurisdiction"),
        ({"question": "hi", "minor": "perhaps"}, "minor"),
        ({"question": "hi", "colour": "red"}, "colour"),
    ],
)
def test_the_api_rejects_bad_input_with_a_clear_400(client, texas_world, payload, field):
    response = client.post(API, payload, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert field in body["errors"]


def test_the_api_rejects_a_body_that_is_not_an_object(client, texas_world):
    response = client.post(API, "[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_the_command_prints_json(texas_world):
    out = StringIO()
    call_command("ask", "fake nude of me", "--jurisdiction", "US-TX", "--json", stdout=out)
    assert json.loads(out.getvalue())["jurisdiction"]["code"] == "US-TX"


def test_the_command_reads_one_question_per_line_from_stdin(texas_world, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO("deepfake in Texas\n\nnude shared in France\n"))
    out = StringIO()
    call_command("ask", "-", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["jurisdiction"]["code"] for line in lines] == ["US-TX", "FR"]


@pytest.fixture
def help_world(texas_world, make_channel):
    """More platforms and a national helpline, to see how the channels shown are composed."""
    for name in ("YouTube", "Discord", "Reddit"):
        make_channel(name.lower(), name=name, kind="platform", tags=[name.lower(), "removal"])
    make_channel("google-search", name="Google Search removal", kind="search_removal", tags=["removal"])
    make_channel("fbi-tips", ["US"], name="FBI tips", kind="police", tags=["prosecution"])
    make_channel("uk-helpline", ["GB"], name="UK helpline for image abuse", tags=["support", "removal"])


def test_a_national_helpline_counts_for_someone_in_a_nation_of_that_country(help_world):
    result = ask(question="my ex shared my nudes, who can help me?", jurisdiction="GB-ENG")
    assert result.channels[0].record.id == "uk-helpline"


def test_who_can_help_leads_with_the_asker_s_own_helpline(help_world):
    result = ask(question="someone posted a fake nude of me, who can help me?", jurisdiction="US-TX")
    assert result.channels[0].record.id == "ccri-helpline"


def test_at_most_one_platform_form_unless_platforms_are_named(help_world):
    forms = {"instagram", "youtube", "discord", "reddit", "google-search"}
    plain = ask(question="someone posted a fake nude of me online", jurisdiction="US-TX")
    assert len(forms & {r.record.id for r in plain.channels}) <= 1
    named = ask(question="someone posted a fake nude of me on YouTube and Reddit", jurisdiction="US-TX")
    assert {"youtube", "reddit"} <= {r.record.id for r in named.channels}


def test_the_channels_shown_cover_the_roles_the_question_needs(help_world):
    result = ask(question="I want to report it to the police and get it removed", jurisdiction="US-TX")
    ids = {r.record.id for r in result.channels}
    assert "fbi-tips" in ids and ids & {"stopncii", "instagram", "youtube", "google-search"}


@pytest.mark.parametrize(
    ("question", "lead"),
    [("someone shared my nudes", "stopncii"), ("I'm 15 and someone shared my nudes", "take-it-down-ncmec")],
)
def test_the_place_free_answer_leads_with_hash_blocking_for_the_asker_s_age(help_world, question, lead):
    result = ask(question=question)
    assert result.needs == ["jurisdiction"]
    assert result.channels[0].record.id == lead


def test_a_question_in_another_language_says_the_knowledge_base_is_in_english(help_world):
    result = ask(question="alguien publicó un montaje desnudo mío y vivo en Texas, ¿qué puedo hacer?")
    assert result.detection.code == "US-TX"
    assert "written in English" in result.answer


def test_two_places_without_a_residence_cue_are_asked_about_with_the_choices(help_world):
    payload = ask_payload(ask(question="Is a fake nude a crime in Texas or in California?"))
    assert payload["needs"] == ["jurisdiction"]
    assert {a["code"] for a in payload["jurisdiction"]["alternatives"]} == {"US-TX", "US-CA"}
    assert "Did you mean" in payload["answer"]


def test_a_law_for_real_images_only_does_not_lead_an_answer_about_a_deepfake(
    texas_world, make_law, monkeypatch
):
    # Worded to match the question better than the deepfake law does, as real statutes often are.
    make_law(
        "us-tx-penal-21-16",
        "US-TX",
        short_name="Texas unlawful disclosure of intimate visual material",
        citation="Tex. Penal Code § 21.16",
        covers_synthetic="no",
        body="Someone made a sexual photo of me and posted it: sharing a real intimate photo or video "
        "of someone who expected privacy is a crime in Texas.",
    )
    question = "someone made a sexual deepfake of me and posted it"
    monkeypatch.setattr("chat.ask.REAL_IMAGES_PENALTY", 0.0)
    assert ask(question=question, jurisdiction="US-TX").laws[0].record.id == "us-tx-penal-21-16"
    monkeypatch.undo()
    fake = ask(question=question, jurisdiction="US-TX")
    assert fake.laws[0].record.id == "us-tx-penal-21-165"
    assert "us-tx-penal-21-16" in [r.record.id for r in fake.laws]  # still shown, further down
    real = ask(question="someone made a sexual photo of me and posted it", jurisdiction="US-TX")
    assert real.laws[0].record.id == "us-tx-penal-21-16"


def test_a_guide_for_blackmail_or_school_does_not_lead_when_the_question_speaks_of_neither(
    texas_world, make_guide
):
    body = "Someone made a sexual deepfake of me: what to do."
    make_guide(
        "sextortion",
        title="If someone is blackmailing you",
        topic="sextortion",
        body=body + " Threats to post.",
    )
    make_guide("at-school", title="When it happens at school", topic="school", body=body + " A class.")
    make_guide("police", title="Reporting to the police", topic="police", body=body + " Report it.")
    guides = lambda q: [g.record.id for g in ask(question=q, jurisdiction="US-TX").guides]  # noqa: E731
    assert guides("someone made a sexual deepfake of me")[0] == "police"
    assert guides("he made a sexual deepfake of me and threatens to post it unless I pay")[0] == "sextortion"
    assert guides("a boy in my class made a sexual deepfake of me")[0] == "at-school"


def test_a_law_about_threats_only_does_not_lead_when_no_threat_was_made(texas_world, make_law):
    make_law(
        "us-tx-threat-to-share",
        "US-TX",
        short_name="Texas threat to share intimate images",
        covers_threats=True,
        covers_distribution=False,
        covers_creation=False,
        tags=["threatened"],
        body="Someone shared a sexual deepfake of me: threatening to share such images is a crime in Texas.",
    )
    shared = ask(question="someone shared a sexual deepfake of me", jurisdiction="US-TX")
    assert shared.laws[0].record.id != "us-tx-threat-to-share"
    threat = ask(question="someone threatens to share a sexual deepfake of me", jurisdiction="US-TX")
    assert threat.laws[0].record.id == "us-tx-threat-to-share"
