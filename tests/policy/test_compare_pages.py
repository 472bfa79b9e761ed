"""The compare page and its CSV/JSON downloads (policy/views/compare.py)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.compare import FACTS, matrix_as_dict, matrix_as_rows, matrix_build

QUERY = "j=US-CA,US-TX,GB-EAW,FR"


def test_the_page_shows_the_matrix_with_links_to_records_and_citations(client, compare_laws):
    response = client.get(f"/compare?{QUERY}")
    assert response.status_code == 200
    html = response.content.decode()
    assert [c.code for c in response.context["matrix"].columns] == ["US-CA", "US-TX", "GB-EAW", "FR"]
    for fact in FACTS:
        assert str(fact.label) in html
    assert 'href="/laws/us-tx-penal/" title="Tex. Penal Code § 21.165">' in html  # short name, full citation
    assert "Bill (not law)" in html  # a bill's status is always visible
    assert 'class="cell cell-bill"' in html and "Bill pending" in html
    assert "fr-draft" not in html


def test_the_page_works_without_javascript_through_a_get_form_and_links(client, compare_laws):
    html = client.get(f"/compare/?{QUERY}").content.decode()
    assert '<form method="get" action="/compare"' in html
    assert f"?{QUERY}&amp;sort=criminal" in html  # sorting by URL
    assert f'value="http://testserver/compare?{QUERY}"' in html  # the share link
    assert "<script>" not in html and "style=" not in html


def test_the_page_parses_repeated_params_and_shares_a_canonical_link(client, compare_laws):
    response = client.get("/compare?j=us-tx&j=FR,us-tx&g=eu&g=bogus&inherit=on&only=criminal&sort=name")
    assert response.context["q"].querystring() == "j=US-TX,FR&g=eu&only=criminal&sort=name"
    response = client.get("/compare?j=FR&inherit=0&inherit=1")  # the form's hidden 0, then the ticked box
    assert response.context["q"].inherit is True
    assert client.get("/compare?j=FR&inherit=0").context["q"].querystring() == "j=FR&inherit=0"
    assert client.get("/compare?j=FR&sort=bogus").context["q"].querystring() == "j=FR"


def test_an_empty_choice_offers_examples_and_unknown_codes_are_named(client, compare_laws):
    assert "?j=US-CA,US-TX,GB-EAW,FR" in client.get("/compare").content.decode()
    assert "We have no published record for: ZZ." in client.get("/compare?j=ZZ").content.decode()


def test_csv_download_matches_the_matrix(client, compare_laws):
    response = client.get(f"/compare.csv?{QUERY}&inherit=1")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], inherit=True)
    assert rows == matrix_as_rows(matrix)
    assert rows[0] == ["fact", "label", "US-CA", "US-TX", "GB-EAW", "FR"]
    page = client.get(f"/compare?{QUERY}&inherit=1").context["matrix"]
    assert [[cell.label for cell in row] for _, row in page.rows] == [r[2:] for r in rows[1::2]]


def test_json_download_matches_the_matrix(client, compare_laws):
    data = client.get(f"/compare.json?{QUERY}&sort=criminal&inherit=0").json()
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], sort="criminal")
    expected = matrix_as_dict(matrix)
    assert {k: data[k] for k in expected} == expected
    assert "Not legal advice" in data["notice"]
    ca_criminal = data["rows"][0]["cells"][2]
    assert ca_criminal == {
        "jurisdiction": "US-CA",
        "value": "bill",
        "label": "Bill pending",
        "laws": [
            {
                "id": "us-ca-bill",
                "title": "Law us-ca-bill",
                "citation": "AB 1 (bill)",
                "status": "bill",
                "jurisdiction": "US-CA",
                "inherited": False,
                "url": "/laws/us-ca-bill/",
                "official_url": "https://example.org/law",
            }
        ],
    }


def queries_for(client, url: str) -> int:
    client.get(url)  # build the jurisdiction graph first
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url", ["/compare?g=us-states", "/compare.csv?g=us-states", "/compare.json?g=us-states"]
)
def test_the_matrix_takes_the_same_number_of_queries_for_2_or_20_places(
    url, world, make_jurisdiction, make_law, client
):
    make_law("us-tx-law", "US-TX")
    make_law("us-ca-law", "US-CA")
    two = queries_for(client, url)
    for i in range(18):
        make_jurisdiction(f"US-S{i}", f"State {i}", kind="state", parent="US")
        make_law(f"us-s{i}-law", f"US-S{i}")
    assert b"us-s17-law" in client.get(url).content
    assert queries_for(client, url) == two <= 4


def test_national_laws_are_folded_in_by_default_and_marked(client, compare_laws):
    matrix = client.get("/compare?j=US-TX").context["matrix"]
    assert matrix.inherit
    removal = matrix.columns[0].cells["removal"]
    assert [(e.law.id, e.inherited) for e in removal.entries] == [("us-take-it-down", True)]
    assert "(from United States)" in client.get("/compare?j=US-TX").content.decode()


def test_places_can_be_typed_by_name_or_picked_from_the_suggestions(client, compare_laws):
    response = client.get("/compare", {"add": "texas, France (FR), Atlantis"})
    assert [c.code for c in response.context["matrix"].columns] == ["US-TX", "FR"]
    assert response.context["matrix"].unknown == ["ATLANTIS"]
    html = response.content.decode()
    assert 'list="compare-place-list"' in html and '<option value="Texas (US-TX)">' in html
    assert 'name="j" value="US-TX" checked' in html  # chosen places stay, and can be unticked
