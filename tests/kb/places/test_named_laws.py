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
    make_jurisdiction("IT", "Italy", member_of=["EU"])
    make_channel("it-1522", ["IT"], name="1522 national anti-violence and anti-stalking number")
    make_jurisdiction("BS", "Bahamas")
    make_law("bs-soa", "BS", short_name="Bahamas offence", citation="Sexual Offences Act, Ch. 99, s.5A")
    make_law(
        "gb-soa-66e",
        "GB-EAW",
        short_name="Deepfake creation offence",
        citation="Sexual Offences Act 2003, s.66E, inserted by Data (Use and Access) Act 2025 (c. 18), s.138",
    )
    make_jurisdiction("DE", "Germany", member_of=["EU"])
    make_jurisdiction("CH", "Switzerland")
    make_law("de-201a", "DE", short_name="German image offence", citation="StGB § 201a")
    make_law(
        "ch-197",
        "CH",
        short_name="Swiss offence",
        citation="Schweizerisches Strafgesetzbuch (StGB/CP/CP), Art. 197a",
    )
    make_jurisdiction("CA-PE", "Prince Edward Island", kind="province", parent="CA")
    make_law("ca-bc-iipa", "CA-BC", short_name="Intimate Images Protection Act", citation="SBC 2023, c 11")
    make_law(
        "ca-pe-iipa", "CA-PE", short_name="Intimate Images Protection Act", citation="RSPEI 1988, c I-9.1"
    )
    make_jurisdiction("EG", "Egypt")
    make_law(
        "eg-175",
        "EG",
        short_name="Egyptian offence",
        citation="Law No. 175 of 2018 on Combating Crimes, art. 25",
    )
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
        ("does cocos law cover fake images", "IE"),  # the possessive typed without its apostrophe
        ("Does Law 175 of 2018 apply to fakes?", "EG"),  # "Law No. 175 of 2018", typed without "No."
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


def test_a_helpline_named_by_its_number_implies_its_place(named_world):
    assert jurisdiction_detect("what does the 1522 actually do?").code == "IT"
    assert jurisdiction_detect("I paid 2500 dollars to him").code is None


def test_a_helpline_whose_number_looks_like_a_year_is_known_where_it_is_called(
    named_world, make_jurisdiction, make_channel
):
    make_jurisdiction("IN", "India")
    make_channel("in-portal", ["IN"], name="National Cyber Crime Reporting Portal and helpline 1930")
    kb_names_clear()
    assert jurisdiction_detect("I called 1930 and nothing happened").code == "IN"
    assert jurisdiction_detect("ya llamé al 1930 y nada").code == "IN"
    assert jurisdiction_detect("my grandmother was born in 1930").code is None


def test_a_section_number_says_whose_statute_a_shared_name_is(named_world):
    assert jurisdiction_detect("Is it an offence under the Sexual Offences Act?").code is None
    text = "Is a deepfake an offence under section 66E of the Sexual Offences Act?"
    assert jurisdiction_detect(text).code == "GB-EAW"


def test_a_mixed_case_code_from_a_citation_is_a_law_s_name(named_world):
    d = jurisdiction_detect("Ist das nach dem StGB strafbar?")
    assert d.code is None and {"DE", "CH"} <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("Ist das nach § 201a StGB strafbar?").code == "DE"


def test_a_law_several_provinces_share_asks_which_rather_than_answering_for_the_country(named_world):
    d = jurisdiction_detect("Does a claim under the Intimate Images Protection Act cover fakes?")
    assert d.code is None and {p.code for p in d.alternatives} == {"CA-BC", "CA-PE"}


def test_a_service_name_that_opens_other_services_names_means_all_their_places(
    named_world, make_jurisdiction, make_channel
):
    for code, name in (("CO", "Colombia"), ("HN", "Honduras"), ("NI", "Nicaragua")):
        make_jurisdiction(code, name)
    make_channel("co-police", ["CO"], name="Policía Nacional: CAI Virtual")
    make_channel("hn-police", ["HN"], name="Policía Nacional and 911")
    make_channel("ni-police", ["NI"], name="Policía Nacional de Nicaragua")
    kb_names_clear()
    d = jurisdiction_detect("Fui a la Policía Nacional y no me hicieron caso")
    assert d.code is None and {p.code for p in d.alternatives} == {"CO", "HN", "NI"}
    assert jurisdiction_detect("fui a la policía nacional de nicaragua").code == "NI"


def test_words_of_a_name_set_in_capitals_are_not_brands(named_world, make_channel):
    make_channel("us-tida-form", ["US"], name="TAKE IT DOWN Act removal form")
    make_channel("fr-pharos", ["FR"], name="PHAROS (online reporting)")
    kb_names_clear()
    assert jurisdiction_detect("Down at the Mount. Someone is blackmailing me").code is None
    assert jurisdiction_detect("I TAKE the bus every day").code is None
    assert jurisdiction_detect("I reported it to PHAROS").code == "FR"
