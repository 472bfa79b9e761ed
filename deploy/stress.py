"""Load test of the production server: a realistic mix of victims, advocates and policymakers.

    python deploy/stress.py --serve                 # start an instance (deploy/serve.py), run every phase
    python deploy/stress.py --url http://127.0.0.1:8150 --phases mix --users 50 --duration 60

Each simulated user is a thread with its own keep-alive connection that sends its next request as
soon as the last one is answered (a closed loop, no think time: the harshest reading of "50
users"). The mix: questions to POST /api/v1/ask (taken from the evaluation set), guided-help
sessions (/help/ then one step at a time, carrying the signed state), place pages and API lists.

Phases (each bounded in users and seconds, loopback only):
  mix       the mix, `--users` users for `--duration` seconds
  think     the same with `--think` seconds (on average) between each user's requests (not by default)
  ask       questions only, to measure asks per second
  overload  four times the users: the server must shed with 429/503, never fail, and recover
  restart   kill -9 a worker, then gunicorn's master: seconds until the next good answer

Prints a table per phase: requests, p50/p95/p99/max latency, throughput, statuses, errors (any
5xx other than a 503 with Retry-After, and connection failures) and the server's memory (RSS summed
over its processes, and PSS, which counts shared pages once). Only the standard library and psutil.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["US-TX", "US-CA", "US-NY", "GB-EAW", "FR", "DE", "AU", "CA-ON", "IN", "BR", "KR", "IE"]
API_LISTS = [
    "/api/v1/laws?jurisdiction={place}",
    "/api/v1/laws?applies_in={place}&limit=20",
    "/api/v1/channels?applies_in={place}",
    "/api/v1/jurisdictions?limit=50",
    "/api/v1/guides",
]
MIX = [("ask", 0.35), ("help", 0.25), ("place", 0.2), ("api", 0.2)]
MAX_HELP_STEPS = 9
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')
CHOICE = re.compile(r'<input[^>]*type="(?:radio|checkbox)"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')
FORM = re.compile(r'<form[^>]*action="/help/step/"[^>]*>(.*?)</form>', re.S)


def questions_load() -> list[tuple[str, str]]:
    """(question, place) pairs from the evaluation set, read without YAML to stay dependency-free."""
    text = (ROOT / "chat" / "evaluation" / "questions.yaml").read_text()
    pairs = re.findall(r'^- q: "(.*)"\n\s+jurisdiction: (\S+)', text, re.M)
    pairs = [(q.replace('\\"', '"'), j.strip('"')) for q, j in pairs]
    return [(q, "" if j == "null" else j) for q, j in pairs] or [("What can I do about a deepfake?", "US")]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int | str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1


def is_error(status: int | str) -> bool:
    """Shedding (429, 503) is the server doing its job past capacity; anything else 5xx or broken is not."""
    return isinstance(status, str) or (status >= 500 and status != 503)


class User(threading.Thread):
    def __init__(
        self,
        host: str,
        port: int,
        kinds: list[tuple[str, float]],
        stats: Stats,
        stop_at: float,
        think: float = 0.0,
    ):
        super().__init__(daemon=True)
        self.think = think
        self.host, self.port = host, port
        self.kinds, self.stats, self.stop_at = kinds, stats, stop_at
        self.questions = QUESTIONS
        self.conn: http.client.HTTPConnection | None = None
        self.help_state: dict[str, str] | None = None
        self.help_steps = 0
        self.rng = random.Random()
        self.location = ""  # of the last response, for the guided help's redirects

    def request(self, kind: str, method: str, path: str, body: bytes | None = None, ctype: str = "") -> str:
        headers = {"Content-Type": ctype} if ctype else {}
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            status: int | str = response.status
            self.location = response.getheader("Location", "")
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
        except (OSError, http.client.HTTPException) as exc:
            status, text = type(exc).__name__, ""
            if self.conn:
                self.conn.close()
            self.conn = None
        self.stats.add(kind, status, time.perf_counter() - started)
        return text if status == 200 else ""

    def ask(self) -> None:
        question, place = self.rng.choice(self.questions)
        payload = {"question": question}
        if place and self.rng.random() < 0.5:
            payload["jurisdiction"] = place
        self.request("ask", "POST", "/api/v1/ask", json.dumps(payload).encode(), "application/json")

    def help_step(self) -> None:
        """One screen of a guided-help session; a new session starts after the plan or a failure."""
        if self.help_state is None or self.help_steps >= MAX_HELP_STEPS:
            self.help_steps = 0
            html = self.request("help", "GET", f"/help/?j={self.rng.choice(PLACES)}")
        else:
            self.help_steps += 1
            body = urllib.parse.urlencode(self.help_state).encode()
            html = self.request("help", "POST", "/help/step/", body, "application/x-www-form-urlencoded")
            if not html and self.location.startswith("/help/"):
                # An answer is posted, then the browser follows the 303 to the next screen: two requests.
                html = self.request("help", "GET", self.location)
        self.help_state = self.next_answer(html)

    def next_answer(self, html: str) -> dict[str, str] | None:
        forms = [f for f in FORM.findall(html) if CHOICE.search(f)]
        if not forms:
            return None  # the plan (or an error): start again next time
        form = forms[-1]
        data = dict(HIDDEN.findall(form))
        choices: dict[str, list[str]] = defaultdict(list)
        for name, value in CHOICE.findall(form):
            choices[name].append(value)
        for name, values in choices.items():
            data[name] = "no" if name == "danger" else self.rng.choice(values)
        return data

    def run(self) -> None:
        names, weights = zip(*self.kinds, strict=True)
        while time.monotonic() < self.stop_at:
            kind = self.rng.choices(names, weights)[0]
            place = self.rng.choice(PLACES)
            if kind == "ask":
                self.ask()
            elif kind == "help":
                self.help_step()
            elif kind == "place":
                self.request("place", "GET", f"/places/{place}/")
            else:
                self.request("api", "GET", self.rng.choice(API_LISTS).format(place=place))
            if self.think:
                time.sleep(
                    min(self.think * self.rng.uniform(0.5, 1.5), max(0.0, self.stop_at - time.monotonic()))
                )
        if self.conn:
            self.conn.close()


def server_processes(run_dir: Path) -> list[psutil.Process]:
    processes = []
    for name in ("gunicorn.pid", "nginx.pid"):
        try:
            root = psutil.Process(int((run_dir / name).read_text().strip()))
            processes += [root, *root.children(recursive=True)]
        except (OSError, ValueError, psutil.Error):
            continue
    return processes


def memory_mb(run_dir: Path) -> tuple[float, float]:
    """(RSS summed over the server's processes, PSS summed: shared pages counted once), in MB."""
    rss = pss = 0
    for process in server_processes(run_dir):
        try:
            info = process.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        except psutil.Error:
            continue
    return rss / 2**20, pss / 2**20


def cpu_seconds(run_dir: Path) -> float:
    """CPU time (user + system) used so far by the server's processes."""
    total = 0.0
    for process in server_processes(run_dir):
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def phase_run(url: str, run_dir: Path, *, users: int, seconds: float, kinds, think: float = 0.0) -> dict:
    parsed = urllib.parse.urlsplit(url)
    stats = Stats()
    stop_at = time.monotonic() + seconds
    peak = [0.0, 0.0]
    threads = [User(parsed.hostname, parsed.port or 80, kinds, stats, stop_at, think) for _ in range(users)]
    started = time.monotonic()
    cpu_before, own_before = cpu_seconds(run_dir), time.process_time()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        rss, pss = memory_mb(run_dir)
        peak = [max(peak[0], rss), max(peak[1], pss)]
        time.sleep(1)
    elapsed = time.monotonic() - started
    return {
        "stats": stats,
        "elapsed": elapsed,
        "rss": peak[0],
        "pss": peak[1],
        "users": users,
        "server_cpu": cpu_seconds(run_dir) - cpu_before,
        "own_cpu": time.process_time() - own_before,
    }


def report(title: str, result: dict) -> dict:
    stats: Stats = result["stats"]
    rows = []
    everything = [x for values in stats.latencies.values() for x in values]
    all_statuses = sum(stats.statuses.values(), Counter())
    for kind in [*sorted(stats.latencies), "all"]:
        values = everything if kind == "all" else stats.latencies[kind]
        statuses = all_statuses if kind == "all" else stats.statuses[kind]
        if not values:
            continue
        rows.append(
            {
                "kind": kind,
                "requests": len(values),
                "per_second": len(values) / result["elapsed"],
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "p99": percentile(values, 99),
                "max": max(values) * 1000,
                "errors": sum(n for s, n in statuses.items() if is_error(s)),
                "shed": statuses.get(429, 0) + statuses.get(503, 0),
                "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
            }
        )
    print(f"\n### {title}: {result['users']} users, {result['elapsed']:.0f} s\n")
    print("| kind | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | shed (429/503) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['kind']} | {r['requests']} | {r['per_second']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} "
            f"| {r['p99']:.0f} | {r['max']:.0f} | {r['errors']} | {r['shed']} |"
        )
    print(f"\nstatuses: {rows[-1]['statuses'] if rows else {}}")
    print(
        f"server memory, peak: RSS {result['rss']:.0f} MB summed over processes, PSS {result['pss']:.0f} MB"
    )
    served = all_statuses.get(200, 0)
    cpu_ms = result["server_cpu"] / served * 1000 if served else 0.0
    print(
        f"CPU: the server used {result['server_cpu']:.0f} s ({cpu_ms:.1f} ms per answered request, "
        f"{result['server_cpu'] / result['elapsed'] * 100:.0f}% of one core); this load generator "
        f"{result['own_cpu']:.0f} s; load average {os.getloadavg()[0]:.1f}"
    )
    sys.stdout.flush()
    return {
        "title": title,
        "users": result["users"],
        "rows": rows,
        "rss_mb": result["rss"],
        "pss_mb": result["pss"],
        "server_cpu_ms_per_answer": cpu_ms,
    }


def good_answer(url: str) -> bool:
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=5)
    try:
        body = json.dumps({"question": "fake nude posted of me", "jurisdiction": "US-TX"})
        conn.request("POST", "/api/v1/ask", body=body, headers={"Content-Type": "application/json"})
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def seconds_to_good_answer(url: str, timeout: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if good_answer(url):
            return time.monotonic() - started
        time.sleep(0.1)
    return float("inf")


def restart_phase(url: str, run_dir: Path) -> None:
    """kill -9 a worker, then the master; time until a good answer from a fresh process."""
    master = psutil.Process(int((run_dir / "gunicorn.pid").read_text()))
    workers = master.children()
    killed = time.monotonic()
    workers[0].send_signal(signal.SIGKILL)
    psutil.wait_procs([workers[0]], timeout=5)
    seconds_to_good_answer(url)
    after_worker = time.monotonic() - killed
    killed = time.monotonic()
    master.send_signal(signal.SIGKILL)
    # The old workers die with their master (PR_SET_PDEATHSIG); then every answer is the new master's.
    psutil.wait_procs([p for p in workers[1:] if p.is_running()], timeout=15)
    orphans_gone = time.monotonic() - killed
    seconds_to_good_answer(url)
    after_master = time.monotonic() - killed
    print("\n### restarts\n")
    print("| event | seconds from the kill to the next good answer |")
    print("|---|---:|")
    print(
        f"| kill -9 one gunicorn worker (the others keep answering; the master forks a new one) | {after_worker:.2f} |"
    )
    print(
        f"| kill -9 gunicorn's master (the supervisor starts a new one; model and index load again) | {after_master:.2f} |"
    )
    print(
        f"\n(the old workers were gone {orphans_gone:.1f} s after their master; nginx answered 503 until ready)"
    )
    sys.stdout.flush()


def serve_start(port: int, run_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "RECOURSE_RATE_LIMIT_ASK": "0", "RECOURSE_RATE_LIMIT_HELP": "0"}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port), "--run-dir", str(run_dir)],
        env=env,
        start_new_session=True,
    )
    started = time.monotonic()
    while time.monotonic() - started < 180:
        if process.poll() is not None:
            sys.exit("the server did not start")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz/ready")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    sys.exit("the server was not ready within 180 s")


QUESTIONS = questions_load()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8150")
    parser.add_argument("--serve", action="store_true", help="start an instance on --url's port first")
    parser.add_argument("--run-dir", default="", help="the instance's run dir (default data/run/PORT)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--ask-duration", type=float, default=30)
    parser.add_argument("--overload-factor", type=int, default=4)
    parser.add_argument("--overload-duration", type=float, default=20)
    parser.add_argument("--phases", default="mix,ask,overload,restart", help="also: think")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean seconds between requests, phase 'think'"
    )
    parser.add_argument("--json", default="", help="also write the results here")
    args = parser.parse_args()
    parsed = urllib.parse.urlsplit(args.url)
    if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("stress.py only loads a server on this machine (loopback)")
    port = parsed.port or 80
    run_dir = Path(args.run_dir or ROOT / "data" / "run" / str(port)).resolve()
    server = serve_start(port, run_dir) if args.serve else None
    results = []
    try:
        phases = args.phases.split(",")
        print(f"load: {os.cpu_count()} cores, load average before {os.getloadavg()[0]:.2f}")
        if "mix" in phases:
            result = phase_run(args.url, run_dir, users=args.users, seconds=args.duration, kinds=MIX)
            results.append(report("mix (asks, guided help, place pages, API lists)", result))
        if "think" in phases:
            result = phase_run(
                args.url, run_dir, users=args.users, seconds=args.duration, kinds=MIX, think=args.think
            )
            results.append(report(f"mix with {args.think:g} s between a user's requests", result))
        if "ask" in phases:
            result = phase_run(
                args.url, run_dir, users=args.users, seconds=args.ask_duration, kinds=[("ask", 1.0)]
            )
            results.append(report("asks only", result))
        if "overload" in phases:
            users = args.users * args.overload_factor
            result = phase_run(args.url, run_dir, users=users, seconds=args.overload_duration, kinds=MIX)
            results.append(report("overload", result))
            recovered = seconds_to_good_answer(args.url)
            print(f"\nafter the overload stopped, the first good answer came in {recovered:.2f} s")
        if "restart" in phases and server is not None:
            restart_phase(args.url, run_dir)
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    failed = [r["title"] for r in results if r["rows"] and r["rows"][-1]["errors"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
