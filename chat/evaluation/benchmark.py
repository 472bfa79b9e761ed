"""Speed and memory figures for `ask`, the HTTP API and index builds.

Printed by `python manage.py benchmark` as Markdown tables; never asserted in tests (timings vary
by machine). Each timed call records wall time and the process's CPU time: on a shared machine
wall time mostly measures the neighbours, CPU time measures us (over HTTP it includes the client,
which runs in the same process and costs well under a millisecond).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from kb.search.embedder import Embedder
from kb.search.index import index_build, index_load
from kb.search.parallel import ProcessPoolEmbedder
from kb.search.passages import Passage
from kb.search.retrieve import retrieve


@dataclass
class Timing:
    label: str
    samples: list[float]  # wall seconds per call
    cpu: list[float] = field(default_factory=list)  # process CPU seconds per call

    HEADER = (
        "| measure | n | p50 ms | p95 ms | p99 ms | mean ms | CPU ms per call (mean) | q/s |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )

    def row(self) -> str:
        ms = sorted(s * 1000 for s in self.samples)

        def pct(p: float) -> float:
            return ms[min(len(ms) - 1, round(p / 100 * (len(ms) - 1)))]

        qps = len(ms) / (sum(ms) / 1000) if ms else 0
        cpu = statistics.fmean(self.cpu) * 1000 if self.cpu else float("nan")
        return (
            f"| {self.label} | {len(ms)} | {pct(50):.1f} | {pct(95):.1f} | {pct(99):.1f} | "
            f"{statistics.fmean(ms):.1f} | {cpu:.1f} | {qps:.1f} |"
        )

    def line(self) -> str:
        """One timing printed on its own: its table row under the header."""
        return f"{self.HEADER}\n{self.row()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb(*, children: bool = False) -> float:
    """This process's RSS in MB; with `children`, plus the memory its child processes (a parallel
    build's) do not share with it (USS: they are forked, so the model's pages are shared)."""
    import psutil

    process = psutil.Process()
    total = process.memory_info().rss
    if children:
        for child in process.children(recursive=True):
            try:
                total += child.memory_full_info().uss
            except psutil.Error:
                continue  # it ended meanwhile
    return total / 1024 / 1024


def cpu_seconds_with_children() -> float:
    """CPU used so far by this process and by its children that have ended (a parallel build's)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_calls(label: str, fn, inputs: list, *, warmup: int = 10) -> Timing:
    for item in inputs[:warmup]:
        fn(item)
    timing = Timing(label, [])
    for item in inputs:
        started, cpu = time.perf_counter(), time.process_time()
        fn(item)
        timing.samples.append(time.perf_counter() - started)
        timing.cpu.append(time.process_time() - cpu)
    return timing


class PeakRss:
    """The highest memory seen while the block runs (sampled every 50 ms), in MB: this process's
    RSS plus what its children do not share with it (see current_rss_mb)."""

    def __enter__(self) -> PeakRss:
        self.peak = current_rss_mb(children=True)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, current_rss_mb(children=True))

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, current_rss_mb(children=True))


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the benchmark's questions stay out of the terminal too
        pass

    def handle(self) -> None:
        from django.db import connections

        super().handle()
        connections.close_all()  # the server thread's own connections, not kept past the request


@contextmanager
def http_server():
    """Serve the Django app on a free loopback port in a thread, with the rate limits off; yields its URL.

    The benchmark is one client asking hundreds of questions: with the production limits (30 asks
    a minute) its HTTP row died on a 429 after the first 30. The limits are turned off while this
    server runs (and only then) by the settings the middleware reads on each request."""
    from django.core.wsgi import get_wsgi_application
    from django.test import override_settings

    with override_settings(RECOURSE_RATE_LIMIT_ASK=0, RECOURSE_RATE_LIMIT_HELP=0):
        server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()


def http_ask(base: str, question: str, jurisdiction: str | None) -> dict:
    body = json.dumps({"question": question, **({"jurisdiction": jurisdiction} if jurisdiction else {})})
    request = urllib.request.Request(
        f"{base}/api/v1/ask", data=body.encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # loopback only
        return json.loads(response.read())


def synthetic_passages(real: list[Passage], n: int, *, seed: int = 7) -> list[Passage]:
    """n law-like passages spread over 200 made-up places, built from the real corpus's words."""
    rng = random.Random(seed)
    words = [w for p in real for w in p.text.split()] or ["law", "image", "consent"]
    places = [f"ZZ-{i:03d}" for i in range(200)]
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(60, 160)))
        kind = rng.choice(["law", "law", "channel"])
        out.append(Passage(kind, f"synthetic-{i}", [rng.choice(places)], f"Synthetic record {i}", text))
    return out


@dataclass
class Build:
    seconds: float
    cpu_seconds: float  # this process and the processes it forked to embed
    peak_rss_mb: float  # this process's RSS plus its embedding processes' own memory
    manifest: dict
    out: Path
    processes: int


def synthetic_build(embedder: Embedder, passages: list[Passage], *, processes: int = 1) -> Build:
    """Build an index of the passages as `build_index` does from the command line: embedding in
    `processes` processes (kb/search/parallel.py)."""
    out = Path(tempfile.mkdtemp(prefix="recourse-bench-"))
    started, cpu = time.perf_counter(), cpu_seconds_with_children()
    with PeakRss() as rss:
        manifest = index_build(
            out_dir=out,
            embedder=ProcessPoolEmbedder(embedder, processes),
            passages=passages,
            fingerprint="synthetic",
            force=True,
        )
    seconds, cpu = time.perf_counter() - started, cpu_seconds_with_children() - cpu
    return Build(seconds, cpu, rss.peak, manifest, out, processes)


def synthetic_queries(embedder: Embedder, out: Path, questions: list[str], n: int) -> Timing:
    index = index_load(out)
    places = sorted({c for p in index.passages for c in p.jurisdictions})
    rng = random.Random(3)
    picks = [(rng.choice(questions), [rng.choice(places), "GLOBAL"]) for _ in range(n)]
    records = len({p.record_id for p in index.passages})
    return time_calls(
        f"retrieve, {records:,}-record synthetic corpus",
        lambda item: retrieve(index, embedder, query=item[0], codes=item[1]),
        picks,
    )


_COLD_LOAD = """
import json, os, time, psutil, django
django.setup()
from kb.places.fuzzy import fuzzy_index
from kb.places.gazetteer import gazetteer
process = psutil.Process()
before = process.memory_info().rss
started = time.perf_counter()
gazetteer()
fuzzy_index()  # the typo index, from its own disk cache beside the gazetteer's
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "mb": (process.memory_info().rss - before) / 1024 / 1024}))
"""


def gazetteer_cold_load() -> tuple[float, float]:
    """Seconds and extra RSS (MB) to load the compiled gazetteer and its typo index in a fresh process
    (disk caches warm)."""
    import json
    import os
    import subprocess
    import sys

    from kb.places.fuzzy import fuzzy_index

    fuzzy_index()  # builds and caches the gazetteer and its typo index on disk if this is the first run
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
    }
    out = subprocess.run(
        [sys.executable, "-c", _COLD_LOAD], capture_output=True, text=True, env=env, check=True
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return figures["seconds"], figures["mb"]
