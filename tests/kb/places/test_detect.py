"""Finding the place from free text, against the real jurisdiction files."""

import pytest

from kb.minors import minor_detect
from kb.places import jurisdiction_detect, jurisdiction_from_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Someone posted a fake nude of me. I live in Paris, Texas.", "US-TX"),
        ("I'm in Houston", "US-TX"),
        ("deepfake law in TX?", "US-TX"),
        ("I live in Victoria, Australia", "AU-VIC"),
        ("Victoria, near Melbourne", "AU-VIC"),
        ("I live in Victoria, BC", "CA-BC"),
        ("New South Wales", "AU-NSW"),
        ("what are the laws in NSW", "AU-NSW"),
        ("I live in Scotland", "GB-SCT"),
        ("I'm in Northern Ireland", "GB-NIR"),
        ("I live in Jersey", "JE"),
        ("I live in New Jersey", "US-NJ"),
        ("Georgia, USA", "US-GA"),
        ("Portland, OR", "US-OR"),
        ("I'm in Washington state", "US-WA"),
        ("Washington, D.C.", "US-DC"),
        ("is it illegal in France", "FR"),
        ("Ich wohne in Deutschland", "DE"),
        ("someone in England shared my photos", "GB-ENG"),
        ("I live in London", "GB-ENG"),
        ("my ex in Sydney", "AU-NSW"),
        ("Toronto", "CA-ON"),
        ("in Seoul", "KR"),
        ("España", "ES"),
        ("Is Spain's proposed offence in force?", "ES"),
        ("Can the B.C. tribunal order it removed?", "CA-BC"),
        ("I'm in the U.S.", "US"),
        ("im in tx and my ex is posting my pics", "US-TX"),
        ("im in the uk what do i do", "GB"),
        ("I'm in Miami", "US-FL"),
    ],
)
def test_it_finds_the_place(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_georgia_alone_is_ambiguous_and_offers_both(kb_jurisdictions):
    d = jurisdiction_detect("I live in Georgia")
    assert d.code is None and d.needs_jurisdiction
    assert {p.code for p in d.alternatives} == {"US-GA", "GE"}


def test_a_place_outside_the_knowledge_base_falls_back_to_global_and_says_so(kb_jurisdictions):
    d = jurisdiction_detect("I live in Mongolia")
    assert d.code == "GLOBAL"
    assert "no records for Mongolia" in d.note


@pytest.mark.parametrize(
    "text",
    [
        "my ex Austin is threatening to leak my nudes",
        "sorry for my english, someone made a porn video with my face",
    ],
)
def test_a_person_or_a_language_is_not_taken_for_a_place(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


def test_no_place_means_we_must_ask(kb_jurisdictions):
    d = jurisdiction_detect("someone made a fake nude of me")
    assert d.code is None and d.source is None and d.needs_jurisdiction


def test_two_places_pick_the_first_and_offer_the_other(kb_jurisdictions):
    d = jurisdiction_detect("I live in Texas but the man who posted it is in France")
    assert d.code == "US-TX"
    assert "FR" in [p.code for p in d.alternatives]


@pytest.mark.parametrize(("code", "expected"), [("us-tx", "US-TX"), ("FR", "FR"), ("GB-EAW", "GB-EAW")])
def test_a_given_code_is_taken_as_given(kb_jurisdictions, code, expected):
    d = jurisdiction_from_code(code)
    assert (d.code, d.source) == (expected, "given")


def test_an_unknown_code_is_refused(kb_jurisdictions):
    assert jurisdiction_from_code("XX-YY") is None


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("I'm 15 and someone made a fake of me", True),
        ("my daughter's classmate shared a nude", True),
        ("a student at my school", True),
        ("I was 16 in the photo", True),
        ("I am 25", False),
        ("someone made a deepfake of me", False),
        ("15 U.S.C. 6851 damages", False),
    ],
)
def test_it_notices_when_the_person_shown_is_a_minor(text, minor):
    assert minor_detect(text) is minor
