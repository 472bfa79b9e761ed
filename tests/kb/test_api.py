import datetime as dt

import pytest
import yaml
from django.utils import timezone
from openapi_spec_validator import validate

from kb.models import Channel, Guide, Jurisdiction, Law

OLD = timezone.make_aware(dt.datetime(2024, 1, 1))


@pytest.fixture
def records(world, make_law, make_channel, make_guide):
    make_law("us-fed", "US", kind="criminal", covers_synthetic="explicit")
    make_law("us-tx-penal", "US-TX", kind="criminal", minors_specific=True)
    make_law("us-tx-bill", "US-TX", kind="civil", status="bill", covers_synthetic="interpretation")
    make_law("us-ca-civil", "US-CA", kind="civil")
    make_law("fr-penal", "FR", covers_synthetic="no")
    make_law("us-tx-draft", "US-TX", review_status="draft")
    make_channel("stopncii", ["GLOBAL"], kind="hash_blocking")
    make_channel("tx-police", ["US-TX"], kind="police")
    make_channel("ncmec", ["US"], kind="helpline", serves_minors=True)
    make_channel("fr-pharos", ["FR", "EU"], kind="regulator")
    make_channel("draft-channel", ["US-TX"], review_status="draft")
    make_guide("evidence", [])
    make_guide("tx-police-guide", ["US-TX"], topic="police")
    make_guide("fr-minor", ["FR"], topic="minor")
    Law.objects.filter(id="fr-penal").update(updated_at=OLD)
    Channel.objects.filter(id="fr-pharos").update(updated_at=OLD)
    Guide.objects.filter(id="fr-minor").update(updated_at=OLD)
    Jurisdiction.objects.exclude(code__startswith="US").update(updated_at=OLD)


def ids(response, key="id"):
    assert response.status_code == 200, response.content
    return sorted(r[key] for r in response.json()["results"])


# --- endpoints ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/laws", "/api/v1/laws/"])
def test_laws_list_only_published_records_with_or_without_a_trailing_slash(client, records, path):
    assert ids(client.get(path)) == ["fr-penal", "us-ca-civil", "us-fed", "us-tx-bill", "us-tx-penal"]


def test_a_law_has_stable_id_status_facts_and_sources(client, records):
    law = client.get("/api/v1/laws/us-tx-bill").json()
    assert law["id"] == "us-tx-bill"
    assert (law["status"], law["is_law"]) == ("bill", False)
    assert law["jurisdiction"] == "US-TX"
    assert law["sources"] == [{"url": "https://example.org/source", "title": "Source page", "accessed": None}]
    assert law["page_url"] == "http://testserver/laws/us-tx-bill/"
    assert client.get("/api/v1/laws/us-tx-draft").status_code == 404


def test_jurisdictions_list_and_detail_by_code_in_any_case(client, records):
    assert "US-TX" in ids(client.get("/api/v1/jurisdictions?limit=100"), key="code")
    texas = client.get("/api/v1/jurisdictions/us-tx/").json()
    assert (texas["code"], texas["parent"], texas["chain"]) == ("US-TX", "US", ["US-TX", "US", "GLOBAL"])
    assert client.get("/api/v1/jurisdictions/FR").json()["member_of"] == ["EU"]


def test_channels_and_guides_list_and_detail(client, records):
    assert ids(client.get("/api/v1/channels")) == ["fr-pharos", "ncmec", "stopncii", "tx-police"]
    assert client.get("/api/v1/channels/fr-pharos").json()["jurisdictions"] == ["EU", "FR"]
    assert client.get("/api/v1/channels/draft-channel").status_code == 404
    assert ids(client.get("/api/v1/guides/")) == ["evidence", "fr-minor", "tx-police-guide"]
    assert client.get("/api/v1/guides/evidence").json()["jurisdictions"] == []


def test_the_api_root_lists_every_endpoint(client, records):
    assert set(client.get("/api/v1/").json()) == {"jurisdictions", "laws", "channels", "guides", "compare"}


def test_lists_are_paginated_with_limit_and_offset(client, records):
    page = client.get("/api/v1/laws?limit=2&offset=2").json()
    assert page["count"] == 5
    assert [r["id"] for r in page["results"]] == ["us-ca-civil", "us-tx-bill"]  # by place, then id
    assert "offset=4" in page["next"]


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jurisdiction=us-tx", ["us-tx-bill", "us-tx-penal"]),
        ("jurisdiction=US-TX,FR", ["fr-penal", "us-tx-bill", "us-tx-penal"]),
        ("applies_in=US-TX", ["us-fed", "us-tx-bill", "us-tx-penal"]),
        ("kind=civil", ["us-ca-civil", "us-tx-bill"]),
        ("status=bill", ["us-tx-bill"]),
        ("status=in_force&status=enacted&jurisdiction=US-TX", ["us-tx-penal"]),
        ("covers_synthetic=interpretation&covers_synthetic=no", ["fr-penal", "us-tx-bill"]),
        ("minors=true", ["us-tx-penal"]),
        ("updated_since=2025-01-01", ["us-ca-civil", "us-fed", "us-tx-bill", "us-tx-penal"]),
        ("updated_since=2023-12-31T00:00:00Z&jurisdiction=FR", ["fr-penal"]),
    ],
)
def test_law_filters(client, records, query, expected):
    assert ids(client.get(f"/api/v1/laws?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jurisdiction=US-TX", ["tx-police"]),
        ("applies_in=US-TX", ["ncmec", "stopncii", "tx-police"]),
        ("applies_in=FR", ["fr-pharos", "stopncii"]),
        ("kind=police&kind=regulator", ["fr-pharos", "tx-police"]),
        ("minors=true", ["ncmec"]),
        ("updated_since=2025-01-01", ["ncmec", "stopncii", "tx-police"]),
    ],
)
def test_channel_filters(client, records, query, expected):
    assert ids(client.get(f"/api/v1/channels?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jurisdiction=FR", ["fr-minor"]),
        ("applies_in=US-TX", ["evidence", "tx-police-guide"]),  # guides for everywhere included
        ("topic=police", ["tx-police-guide"]),
        ("minors=true", ["fr-minor"]),
        ("minors=false", ["evidence", "tx-police-guide"]),
        ("updated_since=2025-01-01", ["evidence", "tx-police-guide"]),
    ],
)
def test_guide_filters(client, records, query, expected):
    assert ids(client.get(f"/api/v1/guides?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=state", ["US-CA", "US-TX"]),
        ("parent=us", ["US-CA", "US-TX"]),
        ("member_of=EU", ["FR"]),
        ("applies_in=GB-ENG", ["GB", "GB-EAW", "GB-ENG", "GLOBAL"]),
        ("updated_since=2025-01-01", ["US", "US-CA", "US-TX"]),
    ],
)
def test_jurisdiction_filters(client, records, query, expected):
    assert ids(client.get(f"/api/v1/jurisdictions?{query}"), key="code") == expected


@pytest.mark.parametrize(
    "query",
    ["laws?status=law", "laws?kind=poem", "laws?covers_synthetic=maybe", "channels?updated_since=yesterday"],
)
def test_a_bad_filter_value_is_a_readable_400(client, records, query):
    response = client.get(f"/api/v1/{query}")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request is not valid."


# --- ETag, Last-Modified, 304 --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/laws", "/api/v1/laws/us-fed", "/api/v1/compare?j=US-TX"])
def test_an_unchanged_answer_is_304_by_etag_or_date_and_changes_after_an_edit(client, records, path):
    first = client.get(path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
    law = Law.objects.get(id="us-fed")
    law.updated_at = timezone.now() + dt.timedelta(seconds=5)
    Law.objects.filter(id="us-fed").update(updated_at=law.updated_at)
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 200


def test_a_removal_changes_the_list_etag(client, records):
    etag = client.get("/api/v1/laws")["ETag"]
    Law.objects.filter(id="fr-penal").delete()
    assert client.get("/api/v1/laws", headers={"If-None-Match": etag}).status_code == 200


def test_pages_of_one_list_have_different_etags(client, records):
    assert client.get("/api/v1/laws?limit=1")["ETag"] != client.get("/api/v1/laws?limit=1&offset=1")["ETag"]


# --- query counts ------------------------------------------------------------------------------


def _grow(make_jurisdiction, make_law, make_channel, make_guide, start, n):
    for i in range(start, start + n):
        make_jurisdiction(f"XS-{i}", member_of=["EU"])
        make_law(
            f"extra-law-{i}",
            "US-TX",
            sources=[("https://example.org/a", "A"), ("https://example.org/b", "B")],
        )
        make_channel(f"extra-channel-{i}", ["US-TX", "US"])
        make_guide(f"extra-guide-{i}", ["US-TX"])


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # the ETag stamp, the count, the page, then one per prefetch (sources, places)
        ("/api/v1/laws", 4),
        ("/api/v1/channels", 5),
        ("/api/v1/guides", 5),
        ("/api/v1/jurisdictions", 6),  # + the jurisdiction graph's freshness check, once
        # applies_in checks the jurisdiction graph's freshness while filtering (once: stamp and page
        # share the filtered queryset)
        ("/api/v1/laws?applies_in=US-TX", 5),
        ("/api/v1/channels?applies_in=US-TX&kind=helpline", 6),
        ("/api/v1/guides?applies_in=US-TX", 6),
    ],
)
def test_list_endpoints_take_the_same_number_of_queries_for_2_or_20_records(
    client,
    world,
    make_jurisdiction,
    make_law,
    make_channel,
    make_guide,
    django_assert_num_queries,
    path,
    queries,
):
    grow = (make_jurisdiction, make_law, make_channel, make_guide)
    _grow(*grow, 0, 2)
    client.get(path)  # build the jurisdiction graph
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    _grow(*grow, 2, 18)
    client.get(path)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.json()["count"] >= (20 if "kind" not in path else 0)


# --- compare -----------------------------------------------------------------------------------


def test_compare_returns_the_same_matrix_as_the_site_download(client, records):
    query = "j=US-TX,FR&j=US-CA&only=criminal&sort=name"
    api = client.get(f"/api/v1/compare?{query}&inherit=true").json()  # the API takes true or false only
    site = client.get(f"/compare.json?{query}&inherit=1").json()
    site.pop("notice")
    assert api == site
    assert [j["code"] for j in api["jurisdictions"]] == ["US-CA", "FR", "US-TX"]  # California, France, Texas


def test_compare_takes_groups_and_rejects_unknown_options(client, records):
    assert [j["code"] for j in client.get("/api/v1/compare/?g=us-states").json()["jurisdictions"]] == [
        "US-CA",
        "US-TX",
    ]
    response = client.get("/api/v1/compare?j=FR&only=poetry&g=mars")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"only", "g"}


# --- schema and docs ---------------------------------------------------------------------------


def test_the_openapi_schema_validates_and_documents_every_endpoint_and_filter(client, world):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    paths = schema["paths"]
    expected = {
        "/api/v1/jurisdictions/": {"kind", "parent", "member_of", "applies_in", "updated_since"},
        "/api/v1/laws/": {
            "jurisdiction",
            "applies_in",
            "kind",
            "status",
            "covers_synthetic",
            "minors",
            "updated_since",
        },
        "/api/v1/channels/": {"jurisdiction", "applies_in", "kind", "minors", "updated_since"},
        "/api/v1/guides/": {"jurisdiction", "applies_in", "topic", "minors", "updated_since"},
        "/api/v1/compare/": {"j", "g", "inherit", "only", "sort"},
    }
    for path, filters in expected.items():
        params = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert filters | {"If-None-Match"} <= params, path
    for path in [
        "/api/v1/jurisdictions/{code}/",
        "/api/v1/laws/{id}/",
        "/api/v1/channels/{id}/",
        "/api/v1/guides/{id}/",
    ]:
        assert "get" in paths[path]
    for path in expected:
        assert paths[path]["get"]["description"], path


def test_the_api_docs_are_served_from_this_site(client):
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html
