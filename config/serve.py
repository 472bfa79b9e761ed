"""The WSGI application of the production server (`make serve`: gunicorn with --preload, see deploy/).

config/wsgi.py warms up in a background thread so that `make run` starts at once. Here the
model and the search index are loaded *before* this module returns. gunicorn imports it in its
master process before it binds the socket and forks the workers, so:

- no worker ever serves before the model and the index are ready (nginx answers 503 meanwhile);
- the workers share the model's memory (copy-on-write) instead of loading one copy each;
- a worker that dies or times out is replaced by a fork in milliseconds, without reloading anything;
- with no index on disk (or a stale one) it is built here, once, not by every worker under a
  request timeout.

Nothing may be left running at fork time: a thread holding a lock (the embedder's, a rebuild's)
would leave that lock held forever in every worker. So the warm-up is synchronous, and the
database and cache connections are closed before the workers are forked.
"""

import gc
import logging
import os
import time

from config.env import env_offline_defaults

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("RECOURSE_WARM_ON_START", "1")
# One torch (and FAISS) thread per worker: the workers, not the threads inside one, use the cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
env_offline_defaults()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
log = logging.getLogger("recourse.serve")

WARM_QUESTION = "Someone made a fake nude of me and posted it. What can I do in Texas?"


def server_warm() -> float:
    """Load the model and the index (building it if needed) and run one question through every stage."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connections
    from django.template.loader import get_template

    from chat.ask import ask
    from config.health import ready_mark
    from kb.search.engine import engine_get

    started = time.perf_counter()
    engine = engine_get()
    engine.background = False  # a stale index is rebuilt now, not in a thread that fork would orphan
    try:
        engine.index()
        ask(question=WARM_QUESTION)
    finally:
        engine.background = settings.RECOURSE_REINDEX_IN_BACKGROUND
    templates = settings.BASE_DIR / "templates"
    for path in sorted(templates.rglob("*.html")):
        get_template(str(path.relative_to(templates)))
    connections.close_all()
    cache.close()
    # What is loaded now lives as long as the process: keep the garbage collector's hands off it, so
    # the workers' collections do not write to (and so copy) the memory they share with the master.
    gc.collect()
    gc.freeze()
    ready_mark()
    return time.perf_counter() - started


log.info("model and search index ready in %.1f s", server_warm())
