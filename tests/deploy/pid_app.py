"""A WSGI app for tests/deploy/test_queueing.py: holds each request for a moment, answers its worker's pid."""

import os
import time

HOLD_SECONDS = 1.0


def application(environ, start_response):
    time.sleep(HOLD_SECONDS)
    body = str(os.getpid()).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
