"""gunicorn settings for the production server. deploy/serve.py starts gunicorn with this file.

The work is CPU-bound (a small transformer embeds each question), so there is one worker process
per core, each with one torch thread, and a few threads per worker that overlap the I/O around the
model (database, cache, writing the response). --preload loads the model and the index once, in
the master, before forking (config/serve.py): workers share that memory and a replaced worker
is ready in milliseconds.

One queue for all workers. A gthread worker accepts every connection it can and queues the
requests in its own thread pool, and a connection that nginx keeps alive goes on sending to the
worker that accepted it: under load one worker had a queue of 30 requests while the other sat idle
(measured: 79% and 0% of a core, docs/performance.md). So a worker accepts a connection only while
one of its threads is free (`worker_connections = threads`) and closes it after the answer
(`keepalive = 0`; nginx keeps no idle connections to the app): requests that no thread can take
yet wait in the socket's listen queue, shared by all workers, and the first free thread of any
worker takes the oldest. A connection over the unix socket costs tens of microseconds.

Environment: RECOURSE_BIND (a unix socket `unix:/path` or `127.0.0.1:PORT`), RECOURSE_WORKERS
(default: the number of cores), RECOURSE_THREADS (default 4), RECOURSE_PIDFILE.
"""

import os

wsgi_app = "config.serve:application"
preload_app = True
worker_class = "gthread"
workers = int(os.environ.get("RECOURSE_WORKERS") or os.cpu_count() or 2)
threads = int(os.environ.get("RECOURSE_THREADS") or 4)
worker_connections = threads  # accept only with a free thread (see above)
bind = [os.environ.get("RECOURSE_BIND", "127.0.0.1:8151")]
pidfile = os.environ.get("RECOURSE_PIDFILE") or None
# gunicorn's control socket defaults to one path per user, which two instances on a machine would share.
control_socket_disable = True
proc_name = "recourse"
backlog = 1024
# A worker silent for this long is killed and replaced (a fork of the loaded master: milliseconds).
timeout = 30
# The heartbeat file in memory: on a slow or overlay disk its writes could make a busy worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
graceful_timeout = 5  # answers take well under a second; a stop or restart should not wait long
keepalive = 0  # one request per connection, so that each request is queued where every worker takes from
# nginx writes the access log (no query string, address, Referer or User-Agent); gunicorn logs errors only.
accesslog = None
errorlog = "-"
loglevel = "info"


def post_fork(server, worker):
    """One torch thread per worker; and a worker dies with its master (Linux), so after a kill -9 of
    the master no orphan keeps answering from the old socket while a new master starts."""
    import contextlib
    import ctypes
    import signal
    import sys

    torch = sys.modules.get("torch")  # loaded by the master with the model; never import it here
    if torch is not None:
        torch.set_num_threads(1)
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_exit(server, worker):
    """Leave at once once the worker has finished its requests.

    Python's own shutdown of a process holding torch and FAISS takes seconds (longer than the
    graceful timeout on a busy machine), which made every stop and restart slow. Nothing is left
    to save: connections are closed and the log flushed here.
    """
    import logging

    from django.db import connections

    connections.close_all()
    logging.shutdown()
    os._exit(0)
