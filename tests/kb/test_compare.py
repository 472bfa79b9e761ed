import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.compare import FACTS, compare_codes, matrix_as_dict, matrix_as_rows, matrix_build

QUERY = "j=US-CA,US-TX,GB-EAW,FR"


@pytest.fixture
def laws(world, make_law):
    make_law(
        "us-tx-penal",
        "US-TX",
        citation="Tex. Penal Code § 21.165",
        covers_creation=True,
        max_penalty="Up to 1 year",
        max_prison_months=12,
        in_force=dt.date(2023, 9, 1),
    )
    make_law("us-tx-civil", "US-TX", kind="civil", citation="Tex. Civ. Code 98B", civil_remedies=["damages"])
    make_law("us-ca-bill", "US-CA", status="bill", citation="AB 1 (bill)", covers_creation=True)
    make_law(
        "us-take-it-down",
        "US",
        citation="47 U.S.C. § 223(h)",
        kind="criminal",
        removal_deadline_hours=48,
        in_force=dt.date(2025, 5, 19),
    )
    make_law(
        "gb-eaw-soa", "GB-EAW", covers_synthetic="interpretation", max_penalty="2 years", max_prison_months=24
    )
    make_law("gb-eaw-bill", "GB-EAW", status="bill", covers_synthetic="explicit")
    make_law("fr-old", "FR", status="repealed")
    make_law("fr-failed", "FR", status="failed")
    make_law("fr-draft", "FR", review_status="draft")


def cells(matrix, code):
    column = next(c for c in matrix.columns if c.code == code)
    return {key: (cell.value, cell.label) for key, cell in column.cells.items()}


def test_a_column_summarises_the_laws_of_that_place_only(laws):
    matrix = matrix_build(codes=["US-TX"])
    tx = cells(matrix, "US-TX")
    assert tx["criminal"] == ("yes", "Yes")
    assert tx["civil"] == ("yes", "Yes")
    assert tx["creation"] == ("yes", "Yes")
    assert tx["removal"] == ("none", "None recorded")  # the federal duty is not Texas's own
    assert tx["penalty"] == ("text", "Up to 1 year")
    assert tx["in_force"] == ("text", "2023-09-01")
    assert tx["status"] == ("in_force", "In force")


def test_inherit_folds_in_the_chain_and_says_where_it_comes_from(laws):
    matrix = matrix_build(codes=["US-TX"], inherit=True)
    tx = matrix.columns[0].cells
    assert tx["removal"].value == "yes"
    assert tx["removal"].label == "Yes: within 48 hours (from United States)"
    assert [(e.law.id, e.inherited) for e in tx["removal"].entries] == [("us-take-it-down", True)]
    assert tx["criminal"].label == "Yes"  # Texas's own law decides; no "from"


def test_a_place_whose_only_record_is_a_bill_reads_bill_pending_never_yes(laws):
    ca = cells(matrix_build(codes=["US-CA"]), "US-CA")
    assert ca["criminal"] == ("bill", "Bill pending")
    assert ca["creation"] == ("bill", "Bill pending")
    assert ca["status"] == ("bill", "Bill pending")
    assert "yes" not in {value for value, _ in ca.values()}


def test_a_law_by_interpretation_with_an_explicit_bill_says_both(laws):
    gb = cells(matrix_build(codes=["GB-EAW"]), "GB-EAW")
    assert gb["synthetic"] == ("partial", "By interpretation · Bill pending")


def test_failed_bills_repealed_laws_and_drafts_are_left_out(laws):
    fr = cells(matrix_build(codes=["FR"]), "FR")
    assert {value for value, _ in fr.values()} == {"none"}


def test_groups_expand_to_published_members_and_unknown_codes_are_reported(laws):
    codes, unknown = compare_codes(codes=["fr", "ZZ,US-TX"], groups=["us-states", "eu", "nope"])
    assert codes == ["FR", "US-TX", "US-CA"]  # chosen order, then groups by name; no duplicates
    assert unknown == ["ZZ"]


@pytest.mark.parametrize(
    ("only", "expected"),
    [(["creation"], ["US-TX"]), (["civil"], ["US-TX"]), ([], ["US-CA", "US-TX", "GB-EAW", "FR"])],
)
def test_only_keeps_places_where_a_fact_is_yes(laws, only, expected):
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], only=only)
    assert [c.code for c in matrix.columns] == expected
    assert matrix.dropped == 4 - len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["US-CA", "US-TX", "GB-EAW", "FR"]),
        ("name", ["US-CA", "GB-EAW", "FR", "US-TX"]),
        ("criminal", ["GB-EAW", "US-TX", "US-CA", "FR"]),
        ("penalty", ["GB-EAW", "US-TX", "US-CA", "FR"]),
    ],
)
def test_columns_sort_by_name_or_by_a_fact(laws, sort, expected):
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], sort=sort)
    assert [c.code for c in matrix.columns] == expected


def test_the_page_shows_the_matrix_with_links_to_records_and_citations(client, laws):
    response = client.get(f"/compare?{QUERY}")
    assert response.status_code == 200
    html = response.content.decode()
    assert [c.code for c in response.context["matrix"].columns] == ["US-CA", "US-TX", "GB-EAW", "FR"]
    for fact in FACTS:
        assert str(fact.label) in html
    assert 'href="/laws/us-tx-penal/">Tex. Penal Code § 21.165</a>' in html
    assert "Bill (not law)" in html  # a bill's status is always visible
    assert 'class="cell cell-bill"' in html and "Bill pending" in html
    assert "fr-draft" not in html


def test_the_page_works_without_javascript_through_a_get_form_and_links(client, laws):
    html = client.get(f"/compare/?{QUERY}").content.decode()
    assert '<form method="get" action="/compare"' in html
    assert f"?{QUERY}&amp;sort=criminal" in html  # sorting by URL
    assert f'value="http://testserver/compare?{QUERY}"' in html  # the share link
    assert "<script>" not in html and "style=" not in html


def test_the_page_parses_repeated_params_and_shares_a_canonical_link(client, laws):
    response = client.get("/compare?j=us-tx&j=FR,us-tx&g=eu&g=bogus&inherit=on&only=criminal&sort=name")
    assert response.context["q"].querystring() == "j=US-TX,FR&g=eu&inherit=1&only=criminal&sort=name"
    assert client.get("/compare?j=FR&sort=bogus").context["q"].querystring() == "j=FR"


def test_an_empty_choice_offers_examples_and_unknown_codes_are_named(client, laws):
    assert "?j=US-CA,US-TX,GB-EAW,FR" in client.get("/compare").content.decode()
    assert "We have no published record for: ZZ." in client.get("/compare?j=ZZ").content.decode()


def test_csv_download_matches_the_matrix(client, laws):
    response = client.get(f"/compare.csv?{QUERY}&inherit=1")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], inherit=True)
    assert rows == matrix_as_rows(matrix)
    assert rows[0] == ["fact", "label", "US-CA", "US-TX", "GB-EAW", "FR"]
    page = client.get(f"/compare?{QUERY}&inherit=1").context["matrix"]
    assert [[cell.label for cell in row] for _, row in page.rows] == [r[2:] for r in rows[1::2]]


def test_json_download_matches_the_matrix(client, laws):
    data = client.get(f"/compare.json?{QUERY}&sort=criminal").json()
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
