"""Run one production instance: nginx in front of gunicorn, supervised. `make serve` calls this.

    python deploy/serve.py [--port 8150] [--run-dir data/run/8150] [--workers N] [--threads N]

nginx listens on 127.0.0.1:PORT and talks to gunicorn over a unix socket in the run directory.
nginx starts first and answers 503 ("try again in a moment") until gunicorn has loaded the model
and the index and bound its socket (config/serve.py); /healthz/ready says when the instance is
ready. If gunicorn's master or nginx dies, it is started again at once; SIGTERM or Ctrl-C stops
both. Only the standard library is used here, so the supervisor itself loads nothing heavy.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
RESTARTS_PER_MINUTE = 5


def nginx_config(
    *, port: int, run_dir: Path, upstream: str, max_in_progress: int, access_log: str, page_cache: int
) -> str:
    """deploy/nginx.conf with this instance's addresses and folders filled in."""
    text = (DEPLOY / "nginx.conf").read_text()
    for name, value in {
        "@RUN@": str(run_dir),
        "@LISTEN@": f"127.0.0.1:{port}",
        "@UPSTREAM@": upstream,
        "@STATIC@": str(ROOT / "staticfiles"),
        "@ERRORS@": str(DEPLOY / "errors"),
        "@MAX_IN_PROGRESS@": str(max_in_progress),
        "@ACCESS_LOG@": access_log,
        "@PAGE_CACHE@": f"{page_cache}s",
    }.items():
        text = text.replace(name, value)
    return text


_CLIENT = re.compile(r"client: [^,]+")
_REFERRER = re.compile(r'referrer: "[^"]*"')
_QUERY = re.compile(r"\?[^\s\"]*")


def error_line_redact(line: str) -> str:
    """An nginx error line without the person's traces: address, query strings, Referer."""
    return _QUERY.sub("?…", _REFERRER.sub("referrer: -", _CLIENT.sub("client: -", line)))


def _pass_redacted(stream) -> None:
    for raw in stream:
        sys.stderr.write(error_line_redact(raw.decode("utf-8", "replace")))
        sys.stderr.flush()


def _die_with_parent() -> None:
    """Children get SIGTERM if this supervisor is killed, so nothing outlives it (Linux)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Instance:
    def __init__(self, args: argparse.Namespace) -> None:
        self.port = args.port
        self.run_dir = Path(args.run_dir or ROOT / "data" / "run" / str(args.port)).resolve()
        self.socket = self.run_dir / "app.sock"
        self.args = args
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.restarts: list[float] = []
        self.stopping = False

    def prepare(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(nginx):
            sys.exit("nginx is not installed: `make serve` installs it (apt-get install nginx-light)")
        self.nginx_bin = nginx
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # nginx's workers drop to `nobody`: they must reach the socket, the cache and the static files.
            for folder in (self.run_dir, *self.run_dir.parents):
                if not os.stat(folder).st_mode & 0o001:
                    sys.exit(f"{folder} is not searchable by nginx's workers: choose another --run-dir")
        access = "off" if self.args.access_log == "off" else f"{self.args.access_log} notrace"
        if self.args.access_log == "":
            access = f"{self.run_dir / 'access.log'} notrace"
        (self.run_dir / "nginx.conf").write_text(
            nginx_config(
                port=self.port,
                run_dir=self.run_dir,
                upstream=f"unix:{self.socket}",
                max_in_progress=self.args.max_in_progress,
                access_log=access,
                page_cache=self.args.page_cache,
            )
        )
        subprocess.run(
            [self.nginx_bin, "-e", "stderr", "-t", "-q", "-c", str(self.run_dir / "nginx.conf")], check=True
        )

    def start_gunicorn(self) -> None:
        env = {
            **os.environ,
            "RECOURSE_BIND": f"unix:{self.socket}",
            "RECOURSE_PIDFILE": str(self.run_dir / "gunicorn.pid"),
            "RECOURSE_CLIENT_IP_HEADER": os.environ.get("RECOURSE_CLIENT_IP_HEADER", "X-Real-IP"),
        }
        if self.args.workers:
            env["RECOURSE_WORKERS"] = str(self.args.workers)
        if self.args.threads:
            env["RECOURSE_THREADS"] = str(self.args.threads)
        self.gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            preexec_fn=_die_with_parent,
        )

    def start_nginx(self) -> None:
        # nginx reloads its page cache from disk when it starts, and would hand out a page kept
        # before the stop (hours ago, from older content) while it refreshes it: start empty.
        shutil.rmtree(self.run_dir / "cache", ignore_errors=True)
        self.nginx = subprocess.Popen(
            [self.nginx_bin, "-e", "stderr", "-c", str(self.run_dir / "nginx.conf"), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent,
        )
        threading.Thread(target=_pass_redacted, args=(self.nginx.stderr,), daemon=True).start()

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz/ready", timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_ready(self, started: float, timeout: float) -> None:
        deadline = started + timeout
        while time.monotonic() < deadline and not self.stopping:
            if self.ready():
                print(
                    f"recourse: ready on http://127.0.0.1:{self.port}/ "
                    f"after {time.monotonic() - started:.1f} s",
                    flush=True,
                )
                return
            if self.gunicorn and self.gunicorn.poll() is not None:
                return
            time.sleep(0.2)

    def restart_allowed(self) -> bool:
        now = time.monotonic()
        self.restarts = [t for t in self.restarts if now - t < 60] + [now]
        return len(self.restarts) <= RESTARTS_PER_MINUTE

    def supervise(self) -> int:
        """Restart whichever process died; stop both on a signal."""
        while not self.stopping:
            time.sleep(0.2)
            for name in ("gunicorn", "nginx"):
                process = getattr(self, name)
                if self.stopping or process is None or process.poll() is None:
                    continue
                if not self.restart_allowed():
                    print(f"recourse: {name} keeps dying; giving up", file=sys.stderr, flush=True)
                    self.stop()
                    return 1
                print(f"recourse: {name} exited ({process.returncode}); starting it again", flush=True)
                started = time.monotonic()
                getattr(self, f"start_{name}")()
                if name == "gunicorn":
                    self.wait_ready(started, self.args.ready_timeout)
        return 0

    def stop(self, *_: object) -> None:
        """nginx first (it finishes what it is sending and drops its connections to the app), then gunicorn."""
        self.stopping = True
        for process, sig in ((self.nginx, signal.SIGQUIT), (self.gunicorn, signal.SIGTERM)):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(sig)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8150)))
    parser.add_argument(
        "--run-dir", default="", help="sockets, pid files, nginx.conf (default data/run/PORT)"
    )
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: one per core)")
    parser.add_argument("--threads", type=int, default=0, help="threads per worker (default 4)")
    parser.add_argument("--max-in-progress", type=int, default=256, help="nginx answers 503 past this")
    parser.add_argument("--access-log", default="", help="a file, or 'off' (default RUN_DIR/access.log)")
    parser.add_argument(
        "--page-cache",
        type=int,
        default=30,
        help="seconds nginx keeps public pages (0: not at all); see deploy/nginx.conf",
    )
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    args = parser.parse_args()

    instance = Instance(args)
    instance.prepare()
    signal.signal(signal.SIGTERM, instance.stop)
    signal.signal(signal.SIGINT, instance.stop)
    started = time.monotonic()
    instance.start_nginx()
    instance.start_gunicorn()
    instance.wait_ready(started, args.ready_timeout)
    return instance.supervise()


if __name__ == "__main__":
    sys.exit(main())
