"""The one-slip corrector for long place names (kb/places/fuzzy.py)."""

import pytest

from kb.places.fuzzy import fuzzy_index
from kb.places.text import edit_distance


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("pheonix", "phoenix", 1),
        ("mancester", "manchester", 1),
        ("brisbain", "brisbane", 2),
        ("same", "same", 0),
    ],
)
def test_a_swap_of_neighbours_counts_as_one_edit(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("typed", "name"),
    [("califronia", "california"), ("pennsylvannia", "pennsylvania"), ("rio de janiero", "rio de janeiro")],
)
def test_a_long_name_one_slip_away_is_corrected(typed, name):
    assert fuzzy_index().correct(typed) == [name]


@pytest.mark.parametrize("typed", ["phoenix", "brisbain", "irn", "bathh"])
def test_a_name_itself_two_slips_or_a_short_name_is_not_corrected(typed):
    assert fuzzy_index().correct(typed) == []


def test_the_typo_index_is_cached_beside_the_gazetteer_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    from kb.places import fuzzy

    monkeypatch.setattr(fuzzy, "gazetteer_cache_path", lambda: tmp_path / "gazetteer-test.pickle")
    built = fuzzy.FuzzyIndex()
    cached = tmp_path / "gazetteer-test.typos.npz"
    assert cached.exists()
    loaded = fuzzy.FuzzyIndex()  # from the file
    assert loaded.names == built.names and (loaded.sums == built.sums).all()
    assert loaded.correct("califronia") == ["california"]
    cached.write_bytes(cached.read_bytes()[:1000])  # cut short, as by a full disk
    again = fuzzy.FuzzyIndex()
    assert again.correct("pennsylvannia") == ["pennsylvania"]
    assert fuzzy.FuzzyIndex().names == built.names  # written whole again
