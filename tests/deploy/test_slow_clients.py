"""Clients that send their request slowly hold nginx connections, never the app's workers.

Before the buffering proxy, two such clients took a two-worker gunicorn down for 35 s.
"""

import socket
import threading
import time

from tests.deploy.conftest import ask

SLOW_CLIENTS = 40


def slow_client(port: int, stop: threading.Event, *, body: bool) -> None:
    """Send a request a byte at a time: a body that never finishes, or headers that never end."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        if body:
            sock.sendall(
                b"POST /api/v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100000\r\n\r\n{"
            )
        else:
            sock.sendall(b"GET /help/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while not stop.wait(1.0):
            try:
                sock.sendall(b" " if body else b"X-Slow: 1\r\n")
            except OSError:
                return  # nginx closed it (client_body_timeout / client_header_timeout)


def test_slow_clients_do_not_hold_up_other_askers(cluster):
    instance = cluster[1]
    stop = threading.Event()
    slow = [
        threading.Thread(target=slow_client, args=(instance.port, stop), kwargs={"body": n % 2 == 0})
        for n in range(SLOW_CLIENTS)
    ]
    for thread in slow:
        thread.start()
    try:
        time.sleep(1)
        latencies = []
        for _ in range(20):
            started = time.perf_counter()
            status, payload = ask(instance, "my ex posted my nudes, what can I do", "US-TX")
            latencies.append(time.perf_counter() - started)
            assert status == 200
            assert payload["laws"]
        latencies.sort()
        print(f"asks during {SLOW_CLIENTS} slow clients: median {latencies[10] * 1000:.0f} ms")
        assert latencies[10] < 2.0
    finally:
        stop.set()
        for thread in slow:
            thread.join(timeout=15)
