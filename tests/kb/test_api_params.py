"""Strict API parameters: what the schema allows is answered, anything else is a 400, never a 500."""

import pytest


@pytest.mark.parametrize(
    "since",
    [
        "2024-01-01T00:00:00+18:00",  # issue 10: a 500 on PostgreSQL; a valid RFC 3339 offset
        "2024-01-01T00:00:00-23:59",
        "9999-12-31T23:59:59-23:59",  # past year 9999 in UTC: clamped, not an overflow
        "0001-01-01T00:00:00+23:59",  # before year 1 in UTC: clamped
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00.123456789Z",
        "2024-01-01",
    ],
)
def test_any_rfc_3339_moment_is_answered_in_utc(client, texas_world, since):
    response = client.get("/api/v1/laws", {"updated_since": since})
    assert response.status_code == 200


def test_far_future_since_returns_nothing_and_far_past_returns_everything(client, texas_world):
    future = client.get("/api/v1/laws", {"updated_since": "9999-12-31T23:59:59-23:59"}).json()
    past = client.get("/api/v1/laws", {"updated_since": "0001-01-01T00:00:00+23:59"}).json()
    assert future["count"] == 0 and past["count"] > 0


@pytest.mark.parametrize(("limit", "status"), [("1", 200), ("100", 200), ("101", 400), ("0", 400)])
def test_limit_is_between_1_and_100(client, texas_world, limit, status):
    assert client.get("/api/v1/laws", {"limit": limit}).status_code == status


def test_a_non_ascii_official_url_is_served_as_a_uri(client, texas_world, make_law):
    make_law(
        "kr-law",
        "US-TX",
        url="https://www.law.go.kr/법령/아동청소년",
        sources=[("https://例え.jp/ページ", "Source")],
    )
    law = client.get("/api/v1/laws/kr-law").json()
    assert (
        law["official_url"]
        == "https://www.law.go.kr/%EB%B2%95%EB%A0%B9/%EC%95%84%EB%8F%99%EC%B2%AD%EC%86%8C%EB%85%84"
    )
    assert law["sources"][0]["url"] == "https://xn--r8jz45g.jp/%E3%83%9A%E3%83%BC%E3%82%B8"


def test_compare_is_documented_as_one_object(client, world):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    ok = schema["paths"]["/api/v1/compare/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    assert ok == {"$ref": "#/components/schemas/Compare"}


def test_every_operation_documents_its_errors_with_the_shared_body(client, world):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            assert {"400", "429", "503"} <= set(responses), path
            assert responses["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


@pytest.mark.parametrize("params", [{"member_of": "EU"}, {"member_of": "eu"}, {"applies_in": "US-TX"}])
def test_a_code_as_the_schema_writes_it_is_still_answered(client, world, params):
    response = client.get("/api/v1/jurisdictions", params)
    assert response.status_code == 200 and response.json()["count"] > 0


@pytest.mark.parametrize("value", ["EU\n", "\nEU", " EU", "EU ", "\u00a0", "\u2003", "\t"])
def test_a_code_the_schema_pattern_refuses_is_refused_not_read_as_no_filter(client, world, value):
    """make fuzz found `member_of=%C2%A0` answered with every jurisdiction: the form field stripped it."""
    for path, name in [
        ("/api/v1/jurisdictions", "member_of"),
        ("/api/v1/laws", "jurisdiction"),
        ("/api/v1/compare", "j"),
    ]:
        response = client.get(path, {name: value})
        assert response.status_code == 400, (path, value)
        assert response.json()["code"] == "invalid"


def test_whole_value_reads_a_schema_pattern_as_json_schema_does():
    import re

    from kb.api.params import CODE_PATTERN, whole_value

    assert re.search(CODE_PATTERN, "US\n")  # Python's `$`: the trap
    assert not whole_value(CODE_PATTERN).search("US\n")
    assert whole_value(CODE_PATTERN).search("US-TX")
    assert not whole_value("^a|b$").search("ab")


def test_the_question_pattern_names_exactly_what_the_app_treats_as_blank():
    import re
    import sys

    from chat.api import BLANK, QUESTION_PATTERN

    python_blanks = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(BLANK) == python_blanks | {"\ufeff"}
    pattern = re.compile(QUESTION_PATTERN)
    for blank in BLANK:
        assert not pattern.search(blank * 3), hex(ord(blank))
        assert pattern.search(f"{blank}help{blank}"), hex(ord(blank))
    assert pattern.search("\u200b")  # a zero-width space is text to Python and to the schema
