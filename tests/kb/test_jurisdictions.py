import pytest

from kb.jurisdictions import chain_codes, jurisdiction_chain, jurisdiction_graph


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("US-TX", ["US-TX", "US", "GLOBAL"]),
        ("FR", ["FR", "EU", "GLOBAL"]),
        ("GB-SCT", ["GB-SCT", "GB", "GLOBAL"]),
        ("GB-ENG", ["GB-ENG", "GB-EAW", "GB", "GLOBAL"]),
        ("GLOBAL", ["GLOBAL"]),
    ],
)
def test_chain_walks_up_through_parents_and_supranational_bodies_to_global(world, code, chain):
    assert chain_codes(code) == chain
    assert [j.code for j in jurisdiction_chain(code)] == chain


def test_an_unknown_code_falls_back_to_global(world):
    assert chain_codes("ZZ") == ["GLOBAL"]


def test_the_graph_is_rebuilt_when_a_jurisdiction_changes(world, make_jurisdiction, monkeypatch):
    assert "US-NY" not in jurisdiction_graph().names
    make_jurisdiction("US-NY", "New York", kind="state", parent="US")
    assert chain_codes("US-NY") == ["US-NY", "US", "GLOBAL"]


def test_descendants_and_members(world):
    graph = jurisdiction_graph()
    assert set(graph.descendants("US")) == {"US-TX", "US-CA"}
    assert graph.members("EU") == ["FR"]
    assert graph.emergency_number("GB-ENG") == "999"


def test_within_a_second_the_graph_is_reused_without_a_query(world, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("kb.jurisdictions.CHECK_EVERY_SECONDS", 60)
    jurisdiction_graph()
    with django_assert_num_queries(0):
        jurisdiction_graph()
