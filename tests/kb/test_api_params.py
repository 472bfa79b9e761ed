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
