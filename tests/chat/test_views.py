"""The guided help over HTTP: forms without JavaScript, no cookies, nothing typed kept, a cited plan."""

import html as htmllib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import signing
from django.test.signals import template_rendered

from chat.state import SALT

STEP = "/help/step/"


def token(response) -> str:
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


def h1(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip())


def private(response):
    """Every guided-help response: no cookie, not cached, nothing loaded from elsewhere, no inline code."""
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert 'id="quick-exit"' in html
    assert "<script>" not in html and " style=" not in html
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)
    return response


def link(response, pattern: str) -> str:
    """The href of the first link whose opening tag matches `pattern` (unescaped, ready to GET)."""
    match = re.search(rf"<a [^>]*{pattern}[^>]*>", response.content.decode())
    assert match, f"no link matching {pattern}"
    return htmllib.unescape(re.search(r'href="([^"]+)"', match.group(0)).group(1))


class Visitor:
    """Someone going through the guided help with the test client, one screen at a time.

    Answers are POSTed and followed to the next screen's GET page, as a browser does; `who` answers
    the first question ("about me" unless None).
    """

    def __init__(self, client, url="/help/", *, who="self"):
        self.client = client
        self.page = private(client.get(url))
        self.urls: list[str] = []
        if who:
            self.answer(who=who)

    def answer(self, **data):
        action = re.search(
            r'action="([^"]*/help/step/)"', self.html
        )  # in the page's language: /es/help/step/
        response = self.client.post(
            action.group(1) if action else STEP, {"state": token(self.page), **data}, follow=True
        )
        self.urls.extend(url for url, _ in response.redirect_chain)
        self.page = private(response)
        return self

    def get(self, url: str):
        self.urls.append(url)
        self.page = private(self.client.get(url))
        return self

    def back(self):
        return self.get(link(self.page, 'class="back-link"'))

    def change(self, step):
        return self.answer(action="goto", goto=step)

    @property
    def html(self) -> str:
        return self.page.content.decode()

    @property
    def title(self) -> str:
        return h1(self.page)


def through_to_the_plan(
    client, *, place="Texas", danger="no", minor="no", wants=("removal", "prosecution"), who="self"
):
    v = Visitor(client, who=who).answer(danger=danger).answer(place_text=place)
    v.answer(place=re.search(r'name="place" value="([^"]+)" checked', v.html).group(1))
    if danger != "no":
        v.answer()
    return (
        v.answer(happened=["created", "shared"])
        .answer(minor=minor)
        .answer(platforms=["instagram"])
        .answer(wants=list(wants))
    )


def test_the_start_page_asks_who_it_is_about_then_about_safety(client, texas_world):
    v = Visitor(client, who=None)
    assert v.title == "Is this about you, or someone you're helping?"
    assert "Step 1 of 8" in v.html
    assert 'action="/help/step/"' in v.html and 'method="post"' in v.html
    assert v.answer(who="self").title == "Are you in danger right now?"


def test_the_whole_flow_reaches_a_cited_plan_for_texas(client, texas_world):
    v = through_to_the_plan(client)
    assert v.title == "Your plan for Texas, United States"
    assert "Step 8 of 8" in v.html
    for law_id, citation in [
        ("us-tx-penal-21-165", "Tex. Penal Code § 21.165"),
        ("us-take-it-down-act", "47 U.S.C. § 223(h)"),
    ]:
        assert citation in v.html
        assert f'href="/laws/{law_id}/"' in v.html
    assert "28 November 2026" in v.html
    assert "In force" in v.html
    assert 'href="/channels/instagram/"' in v.html
    assert "Code pénal" not in v.html and "PHAROS" not in v.html


def test_a_bill_is_labelled_and_kept_apart_from_the_laws(client, texas_world):
    v = through_to_the_plan(client, wants=("compensation",))
    bills = v.html.split('id="plan-h-bills"')
    assert len(bills) == 2
    assert "DEFIANCE Act" not in bills[0]
    assert "DEFIANCE Act" in bills[1] and "not law yet" in bills[1]


def test_a_place_given_by_a_place_page_is_confirmed_after_the_safety_question(client, texas_world):
    v = Visitor(client, "/help/?j=us-tx").answer(danger="no")
    assert v.title == "Texas, United States — is that right?"


@pytest.mark.parametrize("code", ["ZZ", "GLOBAL", "<script>", ""])
def test_an_unknown_place_in_the_link_is_ignored(client, texas_world, code):
    v = Visitor(client, f"/help/?j={code}").answer(danger="no")
    assert v.title == "Where do you live?"


def test_a_typed_place_is_used_for_that_response_and_only_its_code_is_kept(client, texas_world):
    v = Visitor(client).answer(danger="no").answer(place_text="Paris, Texas")
    assert v.title == "Texas, United States — is that right?"
    payload = signing.loads(token(v.page), salt=SALT)
    assert payload[3] == "US-TX"
    assert "Paris" not in str(payload)


def test_a_place_picked_from_the_list_goes_straight_on(client, texas_world):
    v = Visitor(client).answer(danger="no")
    assert '<option value="US-TX">Texas</option>' in v.html
    assert v.answer(place_code="FR").title == "What happened?"


def test_an_ambiguous_place_offers_the_choices(client, texas_world, make_jurisdiction):
    make_jurisdiction("US-GA", "Georgia", kind="state", parent="US")
    make_jurisdiction("GE", "Georgia")
    v = Visitor(client).answer(danger="no").answer(place_text="Georgia")
    assert v.title == "Where do you live?"
    assert 'role="alert"' in v.html and "more than one place" in v.html
    assert "Georgia, United States" in v.html and 'value="GE"' in v.html
    assert v.answer(place_pick="US-GA").title == "What happened?"


def test_an_unknown_place_says_so_and_keeps_the_list(client, texas_world):
    v = Visitor(client).answer(danger="no").answer(place_text="Gondor")
    assert v.title == "Where do you live?"
    assert "We could not find that place" in v.html
    assert 'aria-invalid="true"' in v.html
    assert 'value="Gondor"' in v.html  # echoed in this response only, to correct it
    assert "Gondor" not in str(signing.loads(token(v.page), salt=SALT))


def test_a_country_we_have_no_records_for_falls_back_honestly(client, texas_world):
    v = Visitor(client).answer(danger="no").answer(place_text="Brazil")
    assert v.title == "We don\u2019t have details for that place yet"
    assert "We have no records for Brazil yet" in v.html
    v.answer(place="GLOBAL").answer(happened=["shared"]).answer(minor="no").answer(platforms=["dont_know"])
    v.answer(wants=["removal"])
    assert v.title == "Your plan: help that works anywhere"
    assert "Laws depend on where you live" in v.html
    assert "StopNCII.org" in v.html


def test_a_missing_answer_is_explained_in_a_way_screen_readers_announce(client, texas_world):
    v = Visitor(client)
    before = len(v.urls)
    v.answer()
    assert len(v.urls) == before  # the error is the POST's own answer; chat.js swaps its history entry for:
    assert 'data-step-url="/help/step/?s=' in v.html
    assert v.title == "Are you in danger right now?"
    assert 'role="alert"' in v.html
    assert 'href="#danger-1"' in v.html
    assert 'aria-describedby="danger-hint danger-error"' in v.html
    assert 'id="danger-error"' in v.html and 'aria-invalid="true"' in v.html
    assert "<title>Error:" in v.html


@pytest.mark.parametrize(
    "bad", ["", "garbage", signing.dumps([1, "plan", "no", "US-TX", 1, [], "no", [], []], salt="other")]
)
def test_a_bad_or_tampered_state_starts_again_gracefully(client, texas_world, bad):
    response = private(client.post(STEP, {"state": bad, "wants": ["removal"]}))
    assert h1(response) == "Is this about you, or someone you're helping?"
    assert "we started again" in response.content.decode()
    response = private(client.get(STEP, {"s": bad}))
    assert "we started again" in response.content.decode()


def test_each_screen_is_a_get_page_so_back_works_and_no_typed_text_lands_in_the_address_bar(
    client, texas_world
):
    v = through_to_the_plan(client, place="Paris, Texas")
    assert len(v.urls) >= 7 and all(url.startswith("/help/step/?s=") for url in v.urls)
    assert not any("Paris" in url for url in v.urls)
    tokens = [parse_qs(urlsplit(url).query)["s"][0] for url in v.urls]
    assert all("Paris" not in str(signing.loads(t, salt=SALT)) for t in tokens)
    # A GET answers nothing: answers only ever come in a POST.
    assert h1(client.get(STEP, {"danger": "no"})) == "Is this about you, or someone you're helping?"
    # Going back to an earlier URL shows that screen again, with its answer.
    earlier = private(client.get(v.urls[1]))
    assert h1(earlier) == "Where do you live?"


def test_back_keeps_the_answer_and_change_returns_to_the_plan(client, texas_world):
    v = Visitor(client).answer(danger="yes")
    assert v.back().title == "Are you in danger right now?"
    assert 'value="yes" checked' in v.html
    plan = through_to_the_plan(client)
    plan.get(
        link(plan.page, r'href="/help/step/\?s=[^"]+">Change<span class="visually-hidden"> person shown')
    )
    assert plan.title == "Was the person shown under 18?"
    assert 'value="no" checked' in plan.html
    plan.answer(minor="yes")
    assert plan.title == "Your plan for Texas, United States"
    assert "Because the person shown is under 18" in plan.html


def test_the_danger_path_shows_the_emergency_number_and_crisis_lines(client, texas_world, make_channel):
    make_channel("us-crisis", jurisdictions=["US"], name="US crisis line", tags=["danger"], phone="988")
    v = Visitor(client).answer(danger="yes")
    assert "Tell us where you are so we can show your emergency number" in v.html
    v.answer(place_code="US-TX")
    assert v.title == "Get safe now"
    assert 'href="tel:911"' in v.html
    assert "US crisis line" in v.html and 'href="tel:988"' in v.html
    v.answer()
    assert v.title == "What happened?"
    assert "In danger? Call 911 now." in v.html


def test_the_under_18_path_puts_child_services_first_and_never_advises_saving_the_image(client, texas_world):
    v = through_to_the_plan(client, minor="yes")
    html = v.html
    assert html.index("Take It Down (NCMEC)") < html.index("Save evidence")
    assert "Do not copy, screenshot, save or forward the image" in html
    assert "Take screenshots" not in html
    assert "StopNCII.org" not in html


def test_the_under_18_path_does_not_lead_with_prison_terms(client, texas_world):
    from kb.models import Law

    Law.objects.filter(id="us-18-usc-2252a").update(max_penalty="Up to 20 years in prison")
    html = through_to_the_plan(client, minor="yes").html
    assert "Federal child sexual abuse material law" in html
    assert "Up to 20 years in prison" not in html


def test_an_adult_gets_screenshot_advice_and_adult_services(client, texas_world):
    v = through_to_the_plan(client, minor="no")
    assert "Take screenshots" in v.html
    assert "StopNCII.org" in v.html


def test_the_plan_says_it_is_not_legal_advice_and_where_free_help_is(client, texas_world):
    v = through_to_the_plan(client)
    assert "not legal advice" in v.html
    assert 'href="/about/"' in v.html


def test_unverified_records_are_marked(client, texas_world):
    from kb.models import Law

    Law.objects.filter(id="us-tx-penal-21-165").update(verification="unverified")
    assert "Not yet verified" in through_to_the_plan(client).html


def test_the_printable_summary_cites_every_law_with_its_record_and_a_place_to_log_reports(
    client, texas_world
):
    plan = through_to_the_plan(client)
    response = private(client.get(link(plan.page, 'href="/help/plan/print/')))
    html = response.content.decode()
    assert "What happened" in html and "Someone made fake or AI-altered intimate images of me" in html
    assert "Tex. Penal Code § 21.165" in html
    assert "http://testserver/laws/us-tx-penal-21-165/" in html
    assert "Where I reported" in html
    assert "Bills (not law yet)" in html


def test_the_printable_summary_needs_a_finished_plan(client, texas_world):
    v = Visitor(client)
    response = private(client.get("/help/plan/print/", {"s": token(v.page)}))
    assert h1(response) == "Are you in danger right now?"


def test_the_question_page_answers_with_sources_and_keeps_nothing(client, texas_world):
    assert private(client.get("/ask/"))
    response = private(client.post("/ask/", {"question": "Someone made a deepfake of me in Texas"}))
    html = response.content.decode()
    assert h1(response) == "Your answer"
    assert "Someone made a deepfake of me in Texas" in html  # echoed in this response only
    assert "For <strong>Texas</strong>" in html
    assert 'href="/laws/us-tx-penal-21-165/"' in html
    assert "not legal advice" in html


@pytest.mark.parametrize(
    ("question", "threatened"),
    [
        ("He says he will post my nudes unless I pay him. I live in Texas", True),
        ("Il me fait du chantage avec mes photos, j'habite au Texas", True),
        ("A guy made a deepfake of me, I live in Texas", False),
    ],
)
def test_the_answer_leads_with_do_not_pay_only_when_the_question_speaks_of_a_threat(
    client, texas_world, question, threatened
):
    html = private(client.post("/ask/", {"question": question})).content.decode()
    assert ("Do not pay, and do not send more images." in html) is threatened


def test_a_question_from_the_plan_uses_the_plans_place_and_can_return_to_it(client, texas_world):
    plan = through_to_the_plan(client, place="France")
    response = private(
        client.post("/ask/", {"question": "Can I go to the police?", "state": token(plan.page)})
    )
    html = response.content.decode()
    assert "For <strong>France</strong>" in html
    assert "Tex. Penal Code" not in html
    assert "Back to your plan" in html
    back = private(
        client.post(STEP, {"state": token(response), "action": "goto", "goto": "plan"}, follow=True)
    )
    assert h1(back) == "Your plan for France"


def test_a_question_without_a_place_asks_where_and_keeps_the_question_for_the_next_try(client, texas_world):
    response = private(client.post("/ask/", {"question": "someone shared a nude of me"}))
    html = response.content.decode()
    assert "Where do you live?" in html
    assert ">someone shared a nude of me</textarea>" in html


def test_an_empty_question_is_explained(client, texas_world):
    response = private(client.post("/ask/", {"question": "  "}))
    assert 'role="alert"' in response.content.decode()
    assert "Type a question." in response.content.decode()


def test_the_home_page_question_box_posts_to_the_question_page(client, texas_world):
    html = client.get("/").content.decode()
    assert 'action="/ask/"' in html and 'name="question"' in html


def test_every_guided_help_template_is_rendered_by_these_flows(client, texas_world, make_channel):
    make_channel("us-crisis", jurisdictions=["US"], name="US crisis line", tags=["danger"], phone="988")
    used: set[str] = set()

    def record(sender, template, context, **kwargs):
        used.add(template.name)

    template_rendered.connect(record)
    try:
        plan = through_to_the_plan(
            client, danger="yes", minor="unsaid", wants=["removal", "prosecution", "support"]
        )
        through_to_the_plan(client, minor="yes", wants=["compensation"])
        Visitor(client).answer(danger="no").answer(place_text="Brazil")
        client.get("/help/plan/print/", {"s": token(plan.page)})
        client.post("/ask/", {"question": "deepfake in Texas"})
        client.post("/ask/", {"question": ""})
        client.post(
            STEP,
            {
                "state": token(through_to_the_plan(client, minor="no").page),
                "action": "goto",
                "goto": "happened",
            },
            follow=True,
        )
        client.post(STEP, {"state": token(plan.page)}, follow=True)
        through_to_the_plan(client, who="helping", minor="yes")
    finally:
        template_rendered.disconnect(record)
    root = Path(settings.BASE_DIR) / "templates"
    files = {str(p.relative_to(root)) for p in (root / "chat").rglob("*.html")}
    missing = files - used
    if "chat/plan/_threats.html" in missing:
        missing.remove("chat/plan/_threats.html")
        v = Visitor(client).answer(danger="no").answer(place_code="FR").answer(happened=["threatened"])
        v.answer(minor="no").answer(platforms=["snapchat"]).answer(wants=["support"])
        assert "Do not pay, and do not send more" in v.html
    assert not missing


def test_a_parent_helping_a_14_year_old_reads_about_them_and_is_not_told_to_tell_a_parent(
    client, texas_world
):
    v = Visitor(client, who="helping")
    assert v.title == "Is the person you're helping, or you, in danger right now?"
    v.answer(danger="no").answer(place_code="US-TX")
    assert "Someone made fake or AI-altered intimate images of them" in v.html
    v.answer(happened=["created"]).answer(minor="yes").answer(platforms=["snapchat"]).answer(
        wants=["removal"]
    )
    assert v.title == "Your plan for Texas, United States"
    assert "tell an adult you trust" not in v.html
    assert "How to help them" in v.html and "safeguarding" in v.html
    summary = private(client.get(link(v.page, 'href="/help/plan/print/')))
    assert "Prepared by someone helping" in summary.content.decode()
    assert "Where it was reported" in summary.content.decode()


def test_the_plan_leads_each_step_with_an_action_and_folds_the_details(client, texas_world):
    v = through_to_the_plan(client)
    first_step = v.html.split('class="plan-step"')[1]
    assert '<p class="do">' in first_step
    assert v.html.count("<details") >= 5


def test_the_answer_page_leads_with_what_to_do_then_where_to_report_then_the_law(client, texas_world):
    html = private(
        client.post("/ask/", {"question": "Someone made a deepfake of me in Texas"})
    ).content.decode()
    now, report, law = html.find('id="ask-now"'), html.find('id="ask-report"'), html.find('id="ask-law"')
    assert -1 < now < report < law
    assert html.count('href="/laws/us-tx-penal-21-165/"') == 1  # each record once, no repeated cards


@pytest.mark.parametrize("url", ["/", "/places/US-TX/", "/help/", "/es/help/", "/compare"])
def test_every_page_is_not_cached_and_loads_the_exit_guard_before_anything_is_drawn(client, texas_world, url):
    response = client.get(url)
    assert response["Cache-Control"] == "no-store"  # Back after a quick exit must ask again
    head = response.content.decode().split("</head>")[0]
    guard = head.index('<script src="/static/js/exit-guard.js"></script>')  # not deferred: runs first
    assert guard < head.index("quick-exit.js")
