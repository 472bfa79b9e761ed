"""The records an answer shows are read once per content version, and follow every change of it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat.ask import ask
from kb.models import Law
from kb.search import records as records_module
from kb.search.engine import engine_get, engine_reset

QUESTION = "Someone made a sexual deepfake of me"
TEXAS_LAW = "us-tx-penal-21-165"


def shown_laws(**kwargs) -> dict[str, str]:
    return {
        r.record.id: r.record.short_name for r in ask(question=QUESTION, jurisdiction="US-TX", **kwargs).laws
    }


def record_queries(queries) -> list[str]:
    tables = ('"kb_law"', '"kb_channel"', '"kb_guide"')
    return [q["sql"] for q in queries if q["sql"].startswith("SELECT") and any(t in q["sql"] for t in tables)]


@pytest.fixture
def stale_index(settings):
    """An engine that never rebuilds its index, so only the kept records can follow the content."""
    settings.RECOURSE_AUTO_REINDEX = False
    engine_reset()


def test_a_second_answer_reads_no_record_from_the_database(texas_world):
    first = shown_laws()
    assert TEXAS_LAW in first
    with CaptureQueriesContext(connection) as queries:
        assert shown_laws() == first
    assert record_queries(queries.captured_queries) == []


def test_a_withdrawn_record_leaves_the_answers_once_the_change_is_noticed(texas_world, stale_index):
    assert TEXAS_LAW in shown_laws()
    law = Law.objects.get(id=TEXAS_LAW)
    law.review_status = "draft"
    law.save()  # changes the content fingerprint (updated_at)
    engine_get()._checked_at = 0  # as a second later: the engine compares the fingerprint again
    assert TEXAS_LAW in {p.record_id for p in engine_get().index().passages}  # the index is still stale
    assert TEXAS_LAW not in shown_laws()


def test_an_edited_record_is_shown_as_edited(texas_world, stale_index):
    assert shown_laws()[TEXAS_LAW] == "Texas deepfake media offence"
    law = Law.objects.get(id=TEXAS_LAW)
    law.short_name = "Texas Penal Code 21.165"
    law.save()
    engine_get()._checked_at = 0
    assert shown_laws()[TEXAS_LAW] == "Texas Penal Code 21.165"


def test_past_the_bound_the_kept_records_are_dropped_and_answers_stay_whole(texas_world, monkeypatch):
    everything = shown_laws()
    monkeypatch.setattr(records_module, "MAX_KEPT", 1)
    assert shown_laws() == everything
    assert shown_laws() == everything
    assert len(engine_get().records._kept) <= len(everything) + 3 + 5 + 3  # one answer's worth at most


def test_before_any_content_version_is_known_records_are_read_straight_from_the_database(texas_world):
    cache = records_module.RecordCache()
    with CaptureQueriesContext(connection) as queries:
        found = cache.records_get(kind="law", ids=[TEXAS_LAW, "no-such-law"])
    assert list(found) == [TEXAS_LAW]
    assert len(record_queries(queries.captured_queries)) == 1
    assert cache._kept == {}
