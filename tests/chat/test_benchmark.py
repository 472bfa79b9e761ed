"""The benchmark command prints its figures as tables, and labels the synthetic corpus by its size."""

from io import StringIO

import pytest
from django.core.management import call_command

from chat.evaluation import benchmark as b
from chat.evaluation.metrics import Question

QUESTIONS = [
    Question(q="Someone made a sexual deepfake of me", jurisdiction="US-TX", expect=(), given="US-TX"),
    Question(q="deepfake nude shared in France", jurisdiction="FR", expect=(), given=None),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("records", [60, 250])
def test_the_benchmark_prints_tables_and_names_the_corpus_size(texas_world, monkeypatch, records):
    monkeypatch.setattr("chat.management.commands.benchmark.questions_load", lambda *args: QUESTIONS)
    out = StringIO()
    call_command("benchmark", queries=4, synthetic=records, stdout=out)
    text = out.getvalue()
    assert "| measure | n | p50 ms | p95 ms | p99 ms | mean ms | CPU ms per call (mean) | q/s |" in text
    assert "| `ask`, in-process | 4 |" in text
    assert "| `POST /api/v1/ask` over HTTP | 4 |" in text
    assert f"| retrieve, {records:,}-record synthetic corpus | 4 |" in text
    assert "10,000" not in text


def test_a_timing_row_reports_wall_and_cpu_time():
    timing = b.time_calls("sum", lambda n: sum(range(n)), [10_000] * 5, warmup=1)
    assert len(timing.samples) == len(timing.cpu) == 5
    assert timing.row().startswith("| sum | 5 |")
    assert timing.line().splitlines() == [*b.Timing.HEADER.splitlines(), timing.row()]


@pytest.mark.django_db(transaction=True)
def test_the_http_measure_is_never_rate_limited_and_leaves_the_limits_as_they_were(
    texas_world, settings, monkeypatch, client
):
    """`make benchmark` runs with the production limits (30 asks a minute): its own server turns them off.

    The limiter's clock stands still here: its windows are whole minutes, and the benchmark may take
    longer than the rest of one, which would let the last ask through for the wrong reason."""
    from types import SimpleNamespace

    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr("config.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    settings.RECOURSE_RATE_LIMIT_ASK = 1
    settings.RECOURSE_RATE_LIMIT_HELP = 1
    ask = {"question": "Someone made a sexual deepfake of me", "jurisdiction": "US-TX"}
    statuses = [
        client.post("/api/v1/ask", ask, content_type="application/json").status_code for _ in range(2)
    ]
    assert statuses == [200, 429]  # the limit is on for everyone else
    monkeypatch.setattr("chat.management.commands.benchmark.questions_load", lambda *args: QUESTIONS)
    out = StringIO()
    call_command("benchmark", queries=6, synthetic=0, stdout=out)  # 10 warm-up + 6 timed asks over HTTP
    assert "| `POST /api/v1/ask` over HTTP | 6 |" in out.getvalue()
    assert (settings.RECOURSE_RATE_LIMIT_ASK, settings.RECOURSE_RATE_LIMIT_HELP) == (1, 1)
    assert client.post("/api/v1/ask", ask, content_type="application/json").status_code == 429
