"""A law or a service named implies the place, learned from the records themselves."""

import pytest

from kb.places import jurisdiction_detect
from kb.places.names import kb_names_clear


@pytest.fixture
def named_world(world, make_jurisdiction, make_law, make_channel):
    make_jurisdiction("IE", "Ireland", member_of=["EU"])
    make_jurisdiction("AU", "Australia")
    make_law(
        "gb-soa-66b",
        "GB-EAW",
        short_name="Intimate image sharing offence",
        citation="Sexual Offences Act 2003, s.66B(1)-(3), inserted by Online Safety Act 2023, s.188",
    )
    make_law(
        "ie-coco",
        "IE",
        short_name="Coco's Law (section 2)",
        citation="Harassment Act 2020 (No. 32 of 2020), s.2",
    )
    make_law(
        "fr-226-8-1",
        "FR",
        short_name="French sexual deepfake offence",
        citation="Code pénal, art. 226-8-1 (loi n° 2024-449 du 21 mai 2024, SREN)",
    )
    make_law("au-osa", "AU", short_name="eSafety scheme", citation="Online Safety Act 2021 (Cth), ss. 32, 75")
    make_channel("revenge-porn-helpline", ["GB"], name="Revenge Porn Helpline")
    make_channel("esafety", ["AU"], name="eSafety Commissioner: report image-based abuse")
    make_channel("stopncii", ["GLOBAL"], name="StopNCII")
    make_jurisdiction("CA", "Canada")
    make_jurisdiction("CA-BC", "British Columbia", kind="province", parent="CA", aliases=["BC", "Vancouver"])
    make_jurisdiction("US-WA", "Washington", kind="state", parent="US")
    make_jurisdiction("BR", "Brazil")
    make_channel("bc-crt", ["CA-BC"], name="BC Civil Resolution Tribunal: intimate images claims")
    make_channel("safernet", ["BR"], name="SaferNet Brasil Helpline (Canal de Ajuda)")
    kb_names_clear()
    yield
    kb_names_clear()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Does section 66B of the Sexual Offences Act cover deepfakes?", "GB-EAW"),
        ("la loi SREN s'applique-t-elle aux montages ?", "FR"),
        ("Does Coco's Law cover fake images?", "IE"),
        ("Can an Online Safety Act 2021 removal notice reach a site overseas?", "AU"),
        ("I called the Revenge Porn Helpline but they said", "GB"),
        ("eSafety said they can't help", "AU"),
    ],
)
def test_a_named_law_or_service_implies_its_place(named_world, text, code):
    assert jurisdiction_detect(text).code == code


def test_everyday_words_of_a_records_name_are_not_a_name(named_world):
    assert jurisdiction_detect("is intimate image sharing an offence where I live?").code is None


def test_a_global_service_implies_no_place(named_world):
    assert jurisdiction_detect("I used StopNCII already").code is None


def test_a_place_named_beats_a_law_named(named_world):
    assert jurisdiction_detect("I live in France, does the Sexual Offences Act apply to me?").code == "FR"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("how do I file with the Civil Resolution Tribunal?", "CA-BC"),  # "BC Civil Resolution Tribunal"
        ("a SaferNet pode me ajudar?", "BR"),  # a brand inside a longer name
    ],
)
def test_a_service_is_known_without_its_place_code_and_by_its_brand(named_world, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_service_named_chooses_among_a_shared_name_s_meanings(named_world):
    # Vancouver, British Columbia does not dominate Vancouver, Washington (196,000 people) by itself.
    assert jurisdiction_detect("Vancouver").code is None
    d = jurisdiction_detect("Vancouver. how do I file a claim with the Civil Resolution Tribunal?")
    assert d.code == "CA-BC"
