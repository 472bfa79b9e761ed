"""Fuzz the read API and `ask` with Schemathesis against a live server on loopback (`make fuzz`).

The server runs in its own data folder, on a slice of the real content: the places below, their
parents and bodies, and every record that applies only there. A slice keeps each list request
cheap (so 1,000 cases per operation fit in a few minutes on two cores) while keeping what makes
the real content hard: non-ASCII official URLs (Korea, Taiwan), bills, nations, supranational
bodies and records for everywhere. Every Schemathesis check runs; any failure fails the command, and
so does an operation whose fuzzing phase ran fewer cases than `--max-examples`: Schemathesis reports
a phase that stopped early as passed (see kb/management/schemathesis_cli.py for the case that did).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.content.files import split_front_matter
from kb.content.validate import content_files

PLACES = {"US-TX", "FR", "GB-SCT", "KR", "TW"}
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def _front(path: Path) -> dict:
    return split_front_matter(path.read_text(encoding="utf-8"))[0]


def content_slice(*, source: Path, out: Path, places: set[str]) -> int:
    """Copy the records of these places (with their parents and bodies) to out; returns how many."""
    files = content_files(source)
    fronts = {path: _front(path) for path in files}
    jurisdictions = {p.stem: f for p, f in fronts.items() if f.get("type") == "jurisdiction"}
    keep = {"GLOBAL"}
    todo = list(places)
    while todo:
        code = todo.pop()
        if code in keep or code not in jurisdictions:
            continue
        keep.add(code)
        todo.extend([jurisdictions[code].get("parent") or "", *(jurisdictions[code].get("member_of") or [])])
    chosen = []
    for path, front in fronts.items():
        kind = front.get("type")
        codes = (
            {path.stem}
            if kind == "jurisdiction"
            else {front.get("jurisdiction")}
            if kind == "law"
            else set(front.get("jurisdictions") or [])
        )
        if codes <= keep:
            chosen.append(path)
    for path in chosen:
        target = out / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return len(chosen)


def cases_per_operation(events: Path) -> dict[str, Counter]:
    """How many cases Schemathesis ran for each operation, by phase, read from its NDJSON events."""
    counts: dict[str, Counter] = {}
    if not events.exists():
        return counts
    for line in events.read_text(encoding="utf-8").splitlines():
        finished = json.loads(line).get("ScenarioFinished") or {}
        recorder = finished.get("recorder") or {}
        if "label" in recorder:
            by_phase = counts.setdefault(recorder["label"], Counter())
            by_phase[finished.get("phase") or "?"] += len(recorder.get("cases", {}))
    return counts


def operation_labels(schema: dict) -> set[str]:
    """Every operation of an OpenAPI document, labelled as Schemathesis labels them ("GET /path")."""
    return {
        f"{method.upper()} {path}"
        for path, item in schema.get("paths", {}).items()
        for method in item
        if method in HTTP_METHODS
    }


def operations_short(
    counts: dict[str, Counter], *, operations: set[str], minimum: int, phase: str = "fuzzing"
) -> dict[str, int]:
    """The operations whose phase ran fewer than `minimum` cases (none at all counts), with their count.

    Schemathesis passes a phase that Hypothesis ended early without a failed check, so a short run is
    only visible in the counts.
    """
    ran = {label: counts.get(label, Counter())[phase] for label in operations}
    return {label: count for label, count in sorted(ran.items()) if count < minimum}


def fuzz_problems(
    *, returncode: int, counts: dict[str, Counter], operations: set[str], minimum: int
) -> list[str]:
    """Why the run fails, if it does: Schemathesis' own verdict, then any operation left short."""
    problems = []
    if returncode != 0:
        problems.append("Schemathesis found failures or errors (see above)")
    short = operations_short(counts, operations=operations, minimum=minimum)
    if short:
        problems.append(
            f"the fuzzing phase ran fewer than {minimum} cases for "
            + ", ".join(f"{label} ({count})" for label, count in short.items())
        )
    return problems


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"the server did not answer {url} within {seconds:.0f} s")


def _warm(base: str, *, seconds: float) -> float:
    """Ask one question before fuzzing; returns how long it took.

    The first ask builds the gazetteer and the search state in this fresh data folder, holding the
    interpreter for seconds; Schemathesis' response-time check (10 s) would blame whichever requests
    were waiting behind it (CI saw two list requests at 13 s). Users meet a server warmed at start.
    """
    body = json.dumps({"question": "Someone made a fake nude of me. I live in Texas."}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/ask", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=seconds) as response:
        if response.status != 200:
            raise CommandError(f"the warm-up ask got {response.status}")
    return time.monotonic() - started


class Command(BaseCommand):
    help = "Run Schemathesis (every check) against a live server on a slice of the content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-examples",
            type=int,
            default=1000,
            help="fuzzing cases per operation; an operation that gets fewer fails the run",
        )
        parser.add_argument("--seed", type=int, default=20261130, help="fixed, so CI runs are reproducible")
        parser.add_argument("--port", type=int, default=0, help="0 picks a free port on 127.0.0.1")
        parser.add_argument("--timeout", type=int, default=1500, help="seconds before the run is stopped")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **opts):
        out = Path(settings.DATA_DIR) / "fuzz"
        shutil.rmtree(out, ignore_errors=True)
        records = content_slice(source=settings.RECOURSE_CONTENT_DIR, out=out / "content", places=PLACES)
        env = {
            **os.environ,
            "RECOURSE_DATA_DIR": str(out),
            "RECOURSE_CONTENT_DIR": str(out / "content"),
            "RECOURSE_EMBEDDER": "hashing",
            "RECOURSE_WARM_ON_START": "0",
            "RECOURSE_REINDEX_IN_BACKGROUND": "false",
            "DEBUG": "false",
            # The fuzzer is one client sending thousands of requests: with the limits on, most asks
            # would get 429 and the logic behind them would go untested (the limiter has its own tests).
            "RECOURSE_RATE_LIMIT_ASK": "0",
            "RECOURSE_RATE_LIMIT_HELP": "0",
        }
        for name in ("DATABASE_URL", "RECOURSE_CACHE_URL", "SECRET_KEY"):
            env.pop(name, None)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for step in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_content", "-v", "0"],
            ["build_index", "-v", "0"],
        ):
            subprocess.run([*manage, *step], env=env, check=True, stdout=subprocess.DEVNULL)
        port = opts["port"] or _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started = time.monotonic()
        try:
            _wait_for(f"{base}/api/schema/", seconds=60)
            self.stdout.write(f"warm-up ask took {_warm(base, seconds=180):.1f} s")
            self.stdout.write(
                f"fuzzing {base} ({records} records), {opts['max_examples']} cases per operation"
            )
            with urllib.request.urlopen(f"{base}/api/schema/?format=json", timeout=30) as response:
                operations = operation_labels(json.load(response))
            command = [
                # Not the `st` script: this runs it with the thread-safety fix it needs on Python 3.11.
                sys.executable, "-m", "kb.management.schemathesis_cli",
                "--config-file", str(Path(settings.BASE_DIR) / "config" / "schemathesis.toml"),
                "run", f"{base}/api/schema/",
                "--checks", "all",
                "--phases", "examples,coverage,fuzzing",
                "--max-examples", str(opts["max_examples"]),
                "--seed", str(opts["seed"]),
                "--workers", str(opts["workers"]),
                "--generation-database", "none",
                "--request-timeout", "30",
                "--no-color",
                "--report", "junit,json,ndjson",
                "--report-ndjson-path", str(out / "schemathesis.ndjson"),
                "--report-junit-path", str(out / "schemathesis-junit.xml"),
                "--report-json-path", str(out / "schemathesis.json"),
            ]  # fmt: skip
            try:
                done = subprocess.run(command, timeout=opts["timeout"], check=False, cwd=settings.BASE_DIR)
            except subprocess.TimeoutExpired:
                raise CommandError(f"Schemathesis did not finish within {opts['timeout']} s") from None
        finally:
            server.terminate()
            server.wait(timeout=30)
        counts = cases_per_operation(out / "schemathesis.ndjson")
        self.stdout.write(f"fuzz run took {time.monotonic() - started:.0f} s; cases per operation:")
        self.stdout.write(f"  {'coverage':>8}  {'fuzzing':>8}  {'total':>8}  operation")
        for label in sorted(operations | set(counts)):
            phases = counts.get(label, Counter())
            self.stdout.write(
                f"  {phases['coverage']:8d}  {phases['fuzzing']:8d}  {phases.total():8d}  {label}"
            )
        problems = fuzz_problems(
            returncode=done.returncode, counts=counts, operations=operations, minimum=opts["max_examples"]
        )
        if problems:
            raise CommandError("; ".join(problems))
