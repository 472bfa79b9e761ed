import pytest

from kb.compare import LABELS, compare_codes, matrix_build


def cells(matrix, code):
    column = next(c for c in matrix.columns if c.code == code)
    return {key: (cell.value, cell.label) for key, cell in column.cells.items()}


def test_a_column_summarises_the_laws_of_that_place_only(compare_laws):
    matrix = matrix_build(codes=["US-TX"])
    tx = cells(matrix, "US-TX")
    assert tx["criminal"] == ("yes", "Yes")
    assert tx["civil"] == ("yes", "Yes")
    assert tx["creation"] == ("yes", "Yes")
    assert tx["removal"] == ("none", "No law recorded")  # the federal duty is not Texas's own
    assert tx["penalty"] == ("text", "Up to 1 year")
    assert tx["in_force"] == ("text", "2023-09-01")
    assert tx["status"] == ("in_force", "In force")


def test_inherit_folds_in_the_chain_and_says_where_it_comes_from(compare_laws):
    matrix = matrix_build(codes=["US-TX"], inherit=True)
    tx = matrix.columns[0].cells
    assert tx["removal"].value == "yes"
    assert tx["removal"].label == "Yes: within 48 hours (from United States)"
    assert [(e.law.id, e.inherited) for e in tx["removal"].entries] == [("us-take-it-down", True)]
    assert tx["criminal"].label == "Yes"  # Texas's own law decides; no "from"


def test_a_place_whose_only_record_is_a_bill_reads_bill_pending_never_yes(compare_laws):
    ca = cells(matrix_build(codes=["US-CA"]), "US-CA")
    assert ca["criminal"] == ("bill", "Bill pending")
    assert ca["creation"] == ("bill", "Bill pending")
    assert ca["status"] == ("bill", "Bill pending")
    assert "yes" not in {value for value, _ in ca.values()}


def test_a_law_by_interpretation_with_an_explicit_bill_says_both(compare_laws):
    gb = cells(matrix_build(codes=["GB-EAW"]), "GB-EAW")
    assert gb["synthetic"] == ("partial", "By interpretation · Bill pending")


def test_failed_bills_repealed_laws_and_drafts_are_left_out(compare_laws):
    fr = cells(matrix_build(codes=["FR"]), "FR")
    assert {value for value, _ in fr.values()} == {"none"}


def test_groups_expand_to_published_members_and_unknown_codes_are_reported(compare_laws):
    codes, unknown = compare_codes(codes=["fr", "ZZ,US-TX"], groups=["us-states", "eu", "nope"])
    assert codes == ["FR", "US-TX", "US-CA"]  # chosen order, then groups by name; no duplicates
    assert unknown == ["ZZ"]


@pytest.mark.parametrize(
    ("only", "expected"),
    [(["creation"], ["US-TX"]), (["civil"], ["US-TX"]), ([], ["US-CA", "US-TX", "GB-EAW", "FR"])],
)
def test_only_keeps_places_where_a_fact_is_yes(compare_laws, only, expected):
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
def test_columns_sort_by_name_or_by_a_fact(compare_laws, sort, expected):
    matrix = matrix_build(codes=["US-CA", "US-TX", "GB-EAW", "FR"], sort=sort)
    assert [c.code for c in matrix.columns] == expected


def test_creating_a_deepfake_counts_only_laws_that_explicitly_cover_synthetic_images(world, make_law):
    make_law("fr-voyeur", "FR", covers_creation=True, covers_synthetic="no")  # recording real images
    make_law("gb-eaw-real", "GB-EAW", covers_creation=True, covers_synthetic="interpretation")
    make_law("us-tx-deepfake", "US-TX", covers_creation=True, covers_synthetic="explicit")
    cells_by_code = {
        c.code: c.cells["creation"].value for c in matrix_build(codes=["FR", "GB-EAW", "US-TX"]).columns
    }
    assert cells_by_code == {"FR": "unknown", "GB-EAW": "unknown", "US-TX": "yes"}


def test_not_recorded_reads_differently_from_no(compare_laws):
    labels = {str(label) for label in (LABELS["unknown"], LABELS["none"], LABELS["no"])}
    assert len(labels) == 3 and "Not recorded" in labels
