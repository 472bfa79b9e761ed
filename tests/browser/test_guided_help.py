"""The guided help in a real browser on a phone-sized screen: three places, quick exit, keyboard only,
no outside requests, nothing left behind, and no serious accessibility problems."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, EXIT_PATH

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PLACES = [
    ("Texas", "Your plan for Texas, United States", "Tex. Penal Code § 21.165", "us-tx-penal-21-165"),
    ("France", "Your plan for France", "Code pénal, art. 226-8-1", "fr-code-penal-226-8-1"),
    (
        "Sydney",
        "Your plan for New South Wales, Australia",
        "Crimes Act 1900 (NSW)",
        "au-nsw-crimes-act-div-15c",
    ),
]


def go_on(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").last.click()


def answer_flow(
    page,
    place: str,
    *,
    who="It's about me",
    danger="No, I am safe right now",
    happened=("Someone made fake or AI-altered intimate images of me", "They shared or posted them"),
    minor="No, 18 or older",
    where=("Instagram", "Search results (Google, Bing)"),
    wants=("Get it removed", "Report a crime", "Compensation or a court order", "Talk to someone"),
    on_each_page=lambda page: None,
):
    """Answer every screen by clicking labels, as a person would."""
    on_each_page(page)
    page.get_by_label(who).check()
    go_on(page)
    on_each_page(page)
    page.get_by_label(danger).check()
    go_on(page)
    on_each_page(page)
    page.get_by_label("Type where you live").fill(place)
    go_on(page)
    on_each_page(page)
    go_on(page)  # "… — is that right?" with the detected place already chosen
    if not danger.startswith("No"):
        on_each_page(page)
        assert page.locator("h1").inner_text() == "Get safe now"
        go_on(page)
    for label in happened:
        on_each_page(page)
        page.get_by_label(label).check()
    go_on(page)
    on_each_page(page)
    page.get_by_label(minor).check()
    go_on(page)
    on_each_page(page)
    for label in where:
        page.get_by_label(label, exact=True).check()
    go_on(page)
    on_each_page(page)
    for label in wants:
        page.get_by_label(label).check()
    go_on(page)
    on_each_page(page)


def nothing_left_behind(v):
    assert v.context.cookies() == []
    stored = v.context.storage_state()
    assert stored["cookies"] == [] and all(not origin["localStorage"] for origin in stored["origins"])
    if v.page.url.startswith(v.site):
        assert v.page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize(("place", "title", "citation", "law_id"), PLACES)
def test_a_phone_goes_from_the_home_page_to_a_cited_plan(visit, place, title, citation, law_id):
    v = visit()
    page = v.open("/")
    page.get_by_role("link", name="Start: get a step-by-step plan").click()
    answer_flow(page, place)
    assert page.locator("h1").inner_text() == title
    page.locator("summary", has_text="The laws, with citations").click()  # details are one tap away
    page.locator(f'a[href="/laws/{law_id}/"]').locator("xpath=ancestor::article//summary").click()
    assert citation in page.inner_text("main")
    assert page.locator(f'a[href="/laws/{law_id}/"]').count() == 1
    assert page.get_by_text("not legal advice").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator(f'a[href="/laws/{law_id}/"]').click()
    assert citation in page.inner_text("main")
    nothing_left_behind(v)


def test_quick_exit_by_click_replaces_the_page_so_back_does_not_return(visit):
    v = visit()
    page = v.open("/help/")
    entries = page.evaluate("history.length")
    page.locator("#quick-exit").click()
    page.wait_for_url("**" + EXIT_PATH)
    assert page.evaluate("history.length") == entries  # replaced, not added
    page.go_back()
    assert "/help/" not in page.url
    nothing_left_behind(v)


def test_quick_exit_by_pressing_shift_three_times(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("It's about me").check()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**" + EXIT_PATH)
    assert page.title() == "Weather"


def test_clear_and_leave_wipes_the_page_and_leaves(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("It's about me").check()
    entries = page.evaluate("history.length")
    page.get_by_role("link", name="Clear and leave").click()
    page.wait_for_url("**" + EXIT_PATH)
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert "/help/" not in page.url


def test_without_javascript_the_flow_and_the_quick_exit_link_still_work(visit):
    v = visit(java_script_enabled=False)
    page = v.open("/help/?j=AU-NSW")
    page.get_by_label("It's about me").check()
    go_on(page)
    page.get_by_label("No, I am safe right now").check()
    go_on(page)
    assert page.locator("h1").inner_text() == "New South Wales, Australia — is that right?"
    go_on(page)
    page.get_by_label("They shared or posted them").check()
    go_on(page)
    page.get_by_label("I'd rather not say").check()
    go_on(page)
    page.get_by_label("Snapchat").check()
    go_on(page)
    page.get_by_label("Get it removed").check()
    go_on(page)
    assert page.locator("h1").inner_text() == "Your plan for New South Wales, Australia"
    assert "eSafety" in page.inner_text("main")
    page.locator("#quick-exit").click()
    page.wait_for_url("**" + EXIT_PATH)
    nothing_left_behind(v)


def _focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return [e.tagName, e.id, e.name || '', e.value || '', e.textContent.trim()].join('|'); })()"
    )


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; stuck at {_focused(page)}")


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def press_continue(page) -> None:
    tab_to(page, "button[type=submit]")
    press_and_wait(page, "Enter")


def test_keyboard_only_from_the_first_tab_to_the_plan(visit):
    v = visit()
    page = v.open("/help/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    tab_to(page, "input[name=who]")
    page.keyboard.press("Space")
    press_continue(page)
    tab_to(page, "input[name=danger]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "no"
    press_continue(page)
    tab_to(page, "#place-text")
    page.keyboard.type("France")
    press_and_wait(page, "Enter")  # submits the form from the text field
    assert page.locator("h1").inner_text() == "France — is that right?"
    press_continue(page)
    tab_to(page, "input[value=created]")
    page.keyboard.press("Space")
    press_continue(page)
    tab_to(page, "input[name=minor]")
    page.keyboard.press("Space")
    press_continue(page)
    assert page.locator("h1").inner_text() == "Where is it?"
    tab_to(page, "input[value=tiktok]")
    page.keyboard.press("Space")
    press_continue(page)
    tab_to(page, "input[value=removal]")
    page.keyboard.press("Space")
    press_continue(page)
    assert page.locator("h1").inner_text() == "Your plan for France"
    assert "Because the person shown is under 18" in page.inner_text("main")  # Space chose "Yes, under 18"
    page.locator("details.answers summary").click()  # the answers are folded away below the plan
    tab_to(page, "details.answers a[href*='/help/step/']")
    press_and_wait(page, "Enter")
    assert (
        page.locator("h1").inner_text() == "Is this about you, or someone you're helping?"
    )  # "Change" reopened it
    nothing_left_behind(v)


def test_a_320_pixel_screen_never_scrolls_sideways(visit):
    v = visit(viewport={"width": 320, "height": 640})
    page = v.open("/help/")
    widths: list[tuple[str, int]] = []

    def measure(page):
        page.wait_for_load_state("load")  # styles applied
        widths.append(
            (page.locator("h1").inner_text(), page.evaluate("document.documentElement.scrollWidth"))
        )

    answer_flow(
        page,
        "Sydney",
        danger="Yes, I am in danger now",
        minor="I'd rather not say",
        where=("Snapchat", "Group chats", "I don't know"),
        on_each_page=measure,
    )
    page.get_by_role("link", name="Printable summary for the police or a school").click()
    measure(page)
    assert [w for w in widths if w[1] > 320] == []


def axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_or_critical_accessibility_problems_on_any_screen(visit):
    v = visit(bypass_csp=True)  # axe-core is injected as an inline script
    page = v.open("/help/")
    problems: list[str] = []
    seen: set[str] = set()

    def check(page):
        title = page.title()
        if title not in seen:
            seen.add(title)
            problems.extend(axe_problems(page))

    go_on(page)  # no answer: the error summary and an invalid field
    check(page)
    answer_flow(
        page,
        "Texas",
        danger="I'm not sure",
        minor="I'd rather not say",
        happened=("They threaten to share them, or demand money or more images",),
        on_each_page=check,
    )
    page.get_by_role("link", name="Printable summary for the police or a school").click()
    check(page)
    page.get_by_role("link", name="Back to your plan").click()
    page.locator("summary", has_text="Ask a question").click()
    page.get_by_label("Your question").fill("Can I sue for a fake nude in Texas?")
    page.get_by_role("button", name="Ask", exact=True).click()
    assert page.locator("h1").inner_text() == "Your answer"
    check(page)
    assert len(seen) >= 11
    assert problems == []
