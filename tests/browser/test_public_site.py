"""The public site as new users meet it (issue 13): a frightened person on a phone, someone helping them,
Spanish and French speakers, and a policymaker comparing six places. Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import EXIT_PATH, PHONE
from tests.browser.test_guided_help import answer_flow, axe_problems, go_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
SIX = "US-CA,US-TX,GB-EAW,FR,AU-NSW,CA-QC"


def shoot(page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


def on_screen(page, selector: str) -> bool:
    """The element is inside the viewport and nothing covers its middle."""
    return page.evaluate(
        """(s) => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
        const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return inside && (top === e || e.contains(top)); }""",
        selector,
    )


def test_the_quick_exit_stays_on_screen_at_the_bottom_of_a_long_plan_on_a_phone(visit):
    v = visit()
    page = v.open("/help/")
    answer_flow(page, "Sydney", danger="I'm not sure", minor="I'd rather not say")
    assert page.locator("h1").inner_text() == "Your plan for New South Wales, Australia"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert page.evaluate("window.scrollY") > 1000
    assert on_screen(page, "#quick-exit")
    shoot(page, "plan-phone.png")


def test_the_quick_exit_is_on_screen_without_javascript(visit):
    v = visit(java_script_enabled=False)
    page = v.open("/places/US-TX/")
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(200)
    assert on_screen(page, "#quick-exit")


# The longest plans come from someone unsure whether they are in danger who would rather not give the
# age: every step (safety, the under-18 path, evidence, removal, report, the law, support). Screens at
# 360x740 on 2026-11-30, with these answers, before and after folding the details of the plan:
# Northwest Territories 7.25 → 5.30, North Macedonia 6.86 → 5.45 (the longest of all 279 places),
# New South Wales 6.61 → 5.00; Texas with the usual answers fits in five.
LONGEST = ["North Macedonia", "Northwest Territories", "Sydney", "France", "Mexico City"]


def plan_screens(page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


def test_the_first_thing_to_do_is_on_the_first_screen_and_the_plan_fits_in_about_five(visit):
    v = visit()
    page = v.open("/help/")
    answer_flow(page, "Texas")
    first = page.locator(".plan-step .do").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert plan_screens(page) <= 5


@pytest.mark.parametrize("place", LONGEST)
def test_the_longest_plans_fit_in_about_five_phone_screens_with_safety_first(visit, place):
    v = visit()
    page = v.open("/help/")
    answer_flow(page, place, danger="I'm not sure", minor="I'd rather not say")
    assert page.locator(".plan-step h2").count() == 7  # no step dropped: every one is there
    emergency = page.locator(".plan-step .emergency").first.bounding_box()
    assert emergency["y"] + emergency["height"] <= PHONE["height"], emergency
    screens = plan_screens(page)
    print(f"{place}: {screens:.2f} phone screens")
    assert screens <= 5.5, f"{place}: {screens:.2f} screens"


def test_back_in_the_middle_of_the_flow_goes_to_the_previous_step(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("It's about me").check()
    go_on(page)
    page.get_by_label("No, I am safe right now").check()
    go_on(page)
    page.get_by_label("Type where you live").fill("France")
    go_on(page)
    go_on(page)  # France — is that right?
    assert page.locator("h1").inner_text() == "What happened?"
    page.go_back()
    assert page.locator("h1").inner_text() == "France — is that right?"
    page.go_back()
    assert page.locator("h1").inner_text() == "Where do you live?"
    page.go_back()
    assert page.locator("h1").inner_text() == "Are you in danger right now?"
    assert page.get_by_label("No, I am safe right now").is_checked()  # the answer is kept
    page.go_forward()
    assert page.locator("h1").inner_text() == "Where do you live?"


def test_a_wrong_answer_screen_does_not_break_back(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("It's about me").check()
    go_on(page)
    go_on(page)  # no answer: the error is shown
    assert "There is a problem" in page.inner_text("main")
    page.get_by_label("No, I am safe right now").check()
    go_on(page)
    page.go_back()
    assert page.locator("h1").inner_text() == "Are you in danger right now?"


def test_back_after_a_quick_exit_never_shows_recourse_again(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("It's about me").check()
    go_on(page)
    page.get_by_label("No, I am safe right now").check()
    go_on(page)
    page.locator("#quick-exit").click()
    page.wait_for_url("**" + EXIT_PATH)
    for _ in range(2):
        page.go_back()
        page.wait_for_url("**" + EXIT_PATH)
        assert page.title() == "Weather"
        assert "Recourse" not in page.content()


def seguir(page, name="Continuar"):
    with page.expect_navigation():
        page.get_by_role("button", name=name).last.click()


def test_a_spanish_speaker_completes_the_flow_for_mexico_city_in_spanish(visit):
    v = visit(locale="es-MX")
    page = v.open("/")
    assert page.url.endswith("/es/")  # Accept-Language, on arrival
    page.get_by_role("link", name="Empezar: obtener un plan paso a paso").click()
    page.get_by_label("Me pasa a mí").check()
    seguir(page)
    page.get_by_label("No, ahora estoy a salvo").check()
    seguir(page)
    page.get_by_label("Escribe dónde vives").fill("Ciudad de México")
    seguir(page)
    confirm = page.locator("h1").inner_text()  # "México" now; "Ciudad de México, México" with state records
    assert "México" in confirm and confirm.endswith("¿es correcto?")
    shoot(page, "flow-es-confirm.png")
    seguir(page)
    page.get_by_label("Las compartieron o publicaron").check()
    seguir(page)
    page.get_by_label("No, 18 o más").check()
    seguir(page)
    page.get_by_label("WhatsApp").check()
    seguir(page)
    page.get_by_label("Que lo eliminen").check()
    page.get_by_label("Denunciar un delito").check()
    seguir(page)
    plan_title = page.locator("h1").inner_text()
    assert plan_title.startswith("Tu plan para ") and plan_title.endswith("México")
    assert "/es/help/step/" in page.url
    text = page.inner_text("main")
    assert "Guarda pruebas" in text and "Denúncialo a la policía" in text
    assert "Your plan" not in text and "Save evidence" not in text
    shoot(page, "flow-es-plan.png")


@pytest.fixture
def spanish_evidence_guide(server_db):
    """The published Spanish translation of the evidence guide, as legal_content loads it."""
    from kb.models import GuideTranslation

    return GuideTranslation.objects.get(guide_id="preserve-evidence", lang="es", review_status="published")


def test_a_spanish_speaker_opens_a_guide_from_the_plan_and_reads_it_in_spanish(visit, spanish_evidence_guide):
    v = visit(locale="es-MX")
    page = v.open("/help/")
    assert "/es/help/" in page.url
    page.get_by_label("Me pasa a mí").check()
    seguir(page)
    page.get_by_label("No, ahora estoy a salvo").check()
    seguir(page)
    page.get_by_label("Escribe dónde vives").fill("Ciudad de México")
    seguir(page)
    seguir(page)
    page.get_by_label("Las compartieron o publicaron").check()
    seguir(page)
    page.get_by_label("No, 18 o más").check()
    seguir(page)
    page.get_by_label("Instagram").check()
    seguir(page)
    page.get_by_label("Que lo eliminen").check()
    seguir(page)
    page.locator("summary", has_text="Por qué, y cómo hacerlo de forma segura").click()
    with page.expect_navigation():
        page.get_by_role("link", name=spanish_evidence_guide.title).click()
    assert page.url.endswith("/es/guides/preserve-evidence/")
    assert page.locator("h1").inner_text() == spanish_evidence_guide.title
    assert page.locator("html").get_attribute("lang") == "es"
    text = page.inner_text("main")
    first_sentence = spanish_evidence_guide.body.strip().split(". ")[1]
    assert first_sentence in text and "Saving evidence safely" not in text
    assert page.locator(".english-note").count() == 0


def test_a_french_speaker_completes_the_flow_for_quebec_in_french(visit):
    v = visit(locale="fr-CA")
    page = v.open("/help/")
    assert "/fr/help/" in page.url
    page.get_by_label("Cela me concerne").check()
    seguir(page, "Continuer")
    page.get_by_label("Non, je suis en sécurité pour le moment").check()
    seguir(page, "Continuer")
    page.get_by_label("Tapez où vous vivez").fill("Québec")
    seguir(page, "Continuer")
    assert "Québec, Canada" in page.locator("h1").inner_text()
    seguir(page, "Continuer")
    page.get_by_label("Elles ont été partagées ou publiées").check()
    seguir(page, "Continuer")
    page.get_by_label("Non, 18 ans ou plus").check()
    seguir(page, "Continuer")
    page.get_by_label("Facebook").check()
    seguir(page, "Continuer")
    page.get_by_label("Le faire retirer").check()
    seguir(page, "Continuer")
    assert page.locator("h1").inner_text() == "Votre plan pour Québec, Canada"
    assert "Garder des preuves" in page.inner_text("main")


def test_the_language_switcher_keeps_the_page_and_english_sticks(visit):
    v = visit(locale="pt-BR")
    page = v.open("/safety/")
    assert "/pt/safety/" in page.url
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/safety/") and "/pt/" not in page.url
    page.get_by_role("link", name="Get help").click()  # inside the site: no redirect back to Portuguese
    assert page.locator("h1").inner_text() == "Is this about you, or someone you're helping?"


def test_a_parent_completes_the_flow_for_a_14_year_old(visit):
    v = visit()
    page = v.open("/help/")
    page.get_by_label("I'm helping someone else").check()
    go_on(page)
    assert page.locator("h1").inner_text() == "Is the person you're helping, or you, in danger right now?"
    page.get_by_label("No, we are safe right now").check()
    go_on(page)
    page.get_by_label("Type where you live").fill("Texas")
    go_on(page)
    go_on(page)
    page.get_by_label("Someone made fake or AI-altered intimate images of them").check()
    page.get_by_label("They were shared or posted").check()
    go_on(page)
    page.get_by_label("Yes, under 18").check()
    go_on(page)
    page.get_by_label("Snapchat").check()
    go_on(page)
    assert page.locator("h1").inner_text() == "What do they want to happen?"
    page.get_by_label("Get it removed").check()
    page.get_by_label("Report a crime").check()
    go_on(page)
    text = page.inner_text("main")
    assert page.locator("h1").inner_text() == "Your plan for Texas, United States"
    assert "Because the person shown is under 18" in text and "How to help them" in text
    assert "tell an adult you trust" not in text
    assert "Take It Down" in text
    page.get_by_role("link", name="Printable summary for the police, a school or an employer").click()
    assert "Prepared by someone helping the person shown" in page.inner_text("main")


def test_compare_with_six_places_fits_in_about_two_desktop_screens(visit):
    v = visit(viewport=DESKTOP)
    page = v.open(f"/compare/?j={SIX}")
    assert page.locator(".compare-matrix thead th[scope=col]").count() == 7
    height = page.evaluate("document.documentElement.scrollHeight")
    shoot(page, "compare-desktop.png")
    assert height < 2000, height


def test_the_compare_picker_works_by_typing(visit):
    v = visit(viewport=DESKTOP)
    page = v.open("/compare/")
    page.get_by_label("Places", exact=True).fill("Texas, France")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare").click()
    assert page.locator(".compare-matrix thead th[scope=col]").count() == 3, page.inner_text("main")[:800]


PAGES = [
    "/",
    "/about/",
    "/safety/",
    "/places/",
    "/places/US-TX/",
    "/laws/us-tx-penal-21-165/",
    "/channels/stopncii/",
    "/guides/preserve-evidence/",
    "/help/",
    "/ask/",
    f"/compare/?j={SIX}",
    "/compare/",
    "/map/",
    "/map/us/",
    "/timeline/",
    "/data/",
    "/changes/",
    "/es/help/",
    "/fr/places/FR/",
    "/es/guides/preserve-evidence/",  # English, marked lang="en", with a note in Spanish
    f"/es/compare/?j={SIX}",
    "/fr/map/",
    "/pt/map/us/",
    "/es/timeline/",
    "/fr/data/",
    "/pt/changes/",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1366"])
def test_no_serious_or_critical_accessibility_problems_on_any_public_page(visit, viewport):
    v = visit(viewport=viewport, bypass_csp=True)  # axe-core is injected as an inline script
    problems: list[str] = []
    for path in PAGES:
        page = v.open(path)
        assert page.locator("#quick-exit").count() == 1, path
        problems.extend(axe_problems(page))
    assert problems == []
