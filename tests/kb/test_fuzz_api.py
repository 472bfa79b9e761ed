"""`make fuzz` fails when an operation's fuzzing phase runs short, and its Schemathesis runs parse safely.

The counts come from Schemathesis' NDJSON events; the small stream below has the shape of a real one
(trimmed), including the run that motivated the check: `GET /api/v1/channels/` ended its fuzzing
phase after 9 cases, reported as a success.
"""

from __future__ import annotations

import ast
import json
import sys
import threading
import time

import pytest

from kb.management import schemathesis_cli
from kb.management.commands.fuzz_api import (
    cases_per_operation,
    fuzz_problems,
    operation_labels,
    operations_short,
)

CHANNELS = "GET /api/v1/channels/"
GUIDES = "GET /api/v1/guides/"
ASK = "POST /api/v1/ask"


def _finished(label: str, phase: str, cases: int, status: str = "success") -> dict:
    ids = [f"c{phase[0]}{n}" for n in range(cases)]
    return {
        "ScenarioFinished": {
            "id": "47415e6de1f4470e963d204840618100",
            "phase": phase,
            "status": status,
            "elapsed_time": 1.3,
            "is_final": False,
            "recorder": {
                "label": label,
                "cases": {i: {"value": {"method": label.split()[0], "id": i}} for i in ids},
                "checks": {},
                "interactions": {},
            },
        }
    }


@pytest.fixture
def events(tmp_path):
    lines = [
        {"Initialize": {"schemathesis_version": "4.32.5", "seed": 20261130}},
        {"PhaseStarted": {"phase": {"name": "coverage"}}},
        {"ScenarioStarted": {"id": "x", "phase": "coverage"}},
        _finished(CHANNELS, "examples", 0, status="skip"),
        _finished(CHANNELS, "coverage", 119),
        _finished(GUIDES, "coverage", 122),
        _finished(CHANNELS, "fuzzing", 9),
        _finished(GUIDES, "fuzzing", 12),
        # What Schemathesis reports for an operation whose strategy it could not build.
        _finished("Error", "fuzzing", 0, status="error"),
        {"EngineFinished": {"running_time": 500.8}},
    ]
    path = tmp_path / "schemathesis.ndjson"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_it_counts_cases_per_operation_and_phase(events):
    counts = cases_per_operation(events)

    assert counts[CHANNELS] == {"examples": 0, "coverage": 119, "fuzzing": 9}
    assert counts[GUIDES] == {"coverage": 122, "fuzzing": 12}
    assert counts[CHANNELS].total() == 128


def test_it_counts_nothing_without_an_events_file(tmp_path):
    assert cases_per_operation(tmp_path / "missing.ndjson") == {}


def test_it_names_every_operation_short_of_the_minimum(events):
    counts = cases_per_operation(events)

    short = operations_short(counts, operations={CHANNELS, GUIDES, ASK}, minimum=10)

    # The coverage phase does not make up for a fuzzing phase that stopped early, and an operation
    # that never ran at all is short too.
    assert short == {ASK: 0, CHANNELS: 9}


def test_it_finds_nothing_short_when_every_operation_reached_the_minimum(events):
    counts = cases_per_operation(events)

    assert operations_short(counts, operations={CHANNELS, GUIDES}, minimum=9) == {}


def test_the_run_fails_when_an_operation_is_short_even_if_schemathesis_passed(events):
    counts = cases_per_operation(events)

    problems = fuzz_problems(returncode=0, counts=counts, operations={CHANNELS, GUIDES}, minimum=10)

    assert problems == ["the fuzzing phase ran fewer than 10 cases for GET /api/v1/channels/ (9)"]


def test_the_run_fails_when_schemathesis_failed_and_passes_when_all_is_well(events):
    counts = cases_per_operation(events)

    failed = fuzz_problems(returncode=1, counts=counts, operations={GUIDES}, minimum=12)
    passed = fuzz_problems(returncode=0, counts=counts, operations={GUIDES}, minimum=12)

    assert failed == ["Schemathesis found failures or errors (see above)"]
    assert passed == []


def test_it_labels_operations_as_schemathesis_does():
    schema = {
        "paths": {
            "/api/v1/channels/": {"get": {}, "parameters": []},
            "/api/v1/ask": {"post": {}, "summary": "Ask"},
        }
    }

    assert operation_labels(schema) == {CHANNELS, ASK}


def test_the_schemathesis_launcher_never_runs_two_parses_at_once(monkeypatch):
    running = 0
    most = 0
    lock = threading.Lock()

    def slow_parse(source, *args, **kwargs):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return ast.Module(body=[], type_ignores=[])

    monkeypatch.setattr(schemathesis_cli, "_original_parse", slow_parse)
    threads = [
        threading.Thread(target=lambda: [schemathesis_cli.ast_parse_serialized("x = 1") for _ in range(5)])
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert most == 1


def test_the_launcher_serializes_ast_parse_on_python_3_11_and_runs_schemathesis(monkeypatch):
    called = []
    monkeypatch.setattr(ast, "parse", ast.parse)  # restored after the test
    monkeypatch.setattr(sys, "argv", ["python -m kb.management.schemathesis_cli", "--version"])
    monkeypatch.setattr("schemathesis.cli.schemathesis", lambda: called.append(sys.argv[:]) or 0)

    assert schemathesis_cli.main() == 0

    assert called == [["st", "--version"]]
    if sys.version_info < (3, 12):
        assert ast.parse is schemathesis_cli.ast_parse_serialized
    assert schemathesis_cli.ast_parse_serialized("x = 1").body[0].targets[0].id == "x"
