from types import SimpleNamespace

import pytest

from policy.classify import Treatment, laws_classify, places_classify


def law(id="x", kind="criminal", status="in_force", covers_synthetic="explicit", minors_specific=False):
    return SimpleNamespace(
        id=id,
        jurisdiction_id="ZZ",
        kind=kind,
        status=status,
        covers_synthetic=covers_synthetic,
        minors_specific=minors_specific,
    )


@pytest.mark.parametrize(
    ("laws", "treatment"),
    [
        ([law()], Treatment.SPECIFIC_CRIMINAL),
        ([law(status="enacted")], Treatment.SPECIFIC_CRIMINAL),
        ([law(kind="civil")], Treatment.CIVIL_ONLY),
        ([law(kind="takedown")], Treatment.CIVIL_ONLY),
        ([law(kind="civil"), law(covers_synthetic="interpretation")], Treatment.CIVIL_ONLY),
        ([law(covers_synthetic="interpretation")], Treatment.GENERAL_ONLY),
        ([law(covers_synthetic="unknown")], Treatment.GENERAL_ONLY),
        ([law(kind="child_protection", minors_specific=True)], Treatment.GENERAL_ONLY),
        ([law(status="bill")], Treatment.BILL_PENDING),
        ([law(status="failed"), law(status="repealed")], Treatment.NOTHING_KNOWN),
        ([], Treatment.NOTHING_KNOWN),
    ],
)
def test_a_place_gets_the_first_category_its_laws_fit(laws, treatment):
    assert laws_classify(code="ZZ", laws=laws).treatment == treatment


def test_a_bill_is_never_counted_as_law_but_is_reported_as_pending():
    found = laws_classify(code="ZZ", laws=[law("old", covers_synthetic="no"), law("new", status="bill")])
    assert found.treatment == Treatment.GENERAL_ONLY
    assert found.bill_pending is True


def test_it_names_the_laws_that_decided():
    found = laws_classify(code="ZZ", laws=[law("a"), law("b", kind="civil"), law("c")])
    assert found.law_ids == ("a", "c")


def test_laws_within_count_only_when_stronger_and_say_so():
    national = [law("n", covers_synthetic="interpretation")]
    found = laws_classify(code="ZZ", laws=national, within=[law("state")])
    assert (found.treatment, found.from_within, found.law_ids) == (
        Treatment.SPECIFIC_CRIMINAL,
        True,
        ("state",),
    )
    found = laws_classify(code="ZZ", laws=[law("n")], within=[law("state")])
    assert found.from_within is False


def test_places_are_classified_from_published_laws_in_one_query(world, make_law, django_assert_num_queries):
    make_law("us-fed", "US")
    make_law("us-tx-bill", "US-TX", status="bill")
    make_law("gb-eaw-1", "GB-EAW", kind="civil")
    make_law("fr-draft", "FR", review_status="draft")
    places_classify(codes=["US"])  # warm the jurisdiction graph
    with django_assert_num_queries(2):  # the graph's freshness check, then the laws
        found = places_classify(codes=["US", "US-TX", "GB", "FR"], include_within=True)
    assert found["US"].treatment == Treatment.SPECIFIC_CRIMINAL
    assert found["US-TX"].treatment == Treatment.BILL_PENDING
    assert (found["GB"].treatment, found["GB"].from_within) == (Treatment.CIVIL_ONLY, True)
    assert found["FR"].treatment == Treatment.NOTHING_KNOWN
