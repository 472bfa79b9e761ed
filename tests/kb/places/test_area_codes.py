"""North American area codes given as a place ("757 here"), read from libphonenumber's data."""

import pytest

from kb.places import jurisdiction_detect
from kb.places.area_codes import area_code_subdivision


@pytest.mark.parametrize(
    ("code", "iso"),
    [("757", "US-VA"), ("618", "US-IL"), ("212", "US-NY"), ("416", "CA-ON"), ("604", "CA-BC")],
)
def test_an_area_code_names_its_state_or_province(code, iso):
    assert area_code_subdivision(code) == iso


@pytest.mark.parametrize("code", ["911", "555", "800", "123", "12"])
def test_a_number_that_is_no_geographic_area_code_names_nothing(code):
    assert area_code_subdivision(code) == ""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("757 here. my ex has videos of me", "US-VA"),
        ("im from the 804 and my ex posted my pics", "US-VA"),
        ("Hi! 305 area mom here, my daughter is 14", "US-FL"),
        ("416-based, my ex posted my pics", "CA-ON"),
        # An amount, not a place.
        ("she sent 212 here and he still posted them", None),
        ("i paid 500 based on what he said", None),
    ],
)
def test_an_area_code_said_as_a_place_is_where_the_person_is(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_the_table_is_made_once_in_a_child_process_and_kept_beside_the_gazetteer(tmp_path, monkeypatch):
    from kb.places import area_codes, gazetteer

    monkeypatch.setattr(gazetteer, "gazetteer_cache_path", lambda: tmp_path / "gazetteer-test.pickle")
    made = area_codes._load_or_make()
    cached = tmp_path / "gazetteer-test.areacodes.json"
    assert cached.exists() and made["757"] == "US-VA"
    assert area_codes._load_or_make() == made  # read from the file
    cached.write_text(cached.read_text()[:100])  # cut short, as by a full disk
    assert area_codes._load_or_make() == made  # made again
