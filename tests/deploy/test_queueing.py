"""Requests wait in one queue that every gunicorn worker takes from, never behind one busy worker.

Under `make stress` one worker used 79% of a core and the other 0%: each gthread worker accepted
every connection it could and queued the requests in its own thread pool, and nginx's kept-alive
connections all belonged to the first. deploy/gunicorn.conf.py now has a worker accept a connection
only while one of its threads is free, and close it after the answer.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 5


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str):
        super().__init__("localhost", timeout=30)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(self.path)


def pid_of_answer(path: str, out: list) -> None:
    conn = UnixConnection(path)
    try:
        conn.request("GET", "/")
        out.append(int(conn.getresponse().read()))
    finally:
        conn.close()


def test_two_requests_at_once_go_to_two_one_thread_workers(tmp_path):
    sock = tmp_path / "app.sock"
    env = {
        **os.environ,
        "RECOURSE_BIND": f"unix:{sock}",
        "RECOURSE_WORKERS": "2",
        "RECOURSE_THREADS": "1",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "deploy/gunicorn.conf.py",
            "tests.deploy.pid_app:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.monotonic()
        while not sock.exists() and time.monotonic() - started < 60:
            time.sleep(0.1)
        time.sleep(1)  # both workers forked and waiting
        for _ in range(ROUNDS):
            pids: list[int] = []
            clients = [threading.Thread(target=pid_of_answer, args=(str(sock), pids)) for _ in range(2)]
            for client in clients:
                client.start()
            for client in clients:
                client.join(timeout=60)
            # Each worker holds one request (one thread) for a second: the other request must have
            # gone to the other worker, not waited in the busy one's pool.
            assert len(pids) == 2 and pids[0] != pids[1], pids
    finally:
        server.terminate()
        server.wait(timeout=30)
