import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
for name, value in (
    ("HF_HUB_OFFLINE", "1"),
    ("TRANSFORMERS_OFFLINE", "1"),
    ("TOKENIZERS_PARALLELISM", "false"),
    ("TRANSFORMERS_VERBOSITY", "error"),
    ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
):
    os.environ.setdefault(name, value)
application = get_wsgi_application()


def _warm_up() -> None:
    """Load the model and the index in the background so the first question is answered quickly."""
    import logging
    import threading

    from django.conf import settings

    if not settings.RECOURSE_WARM_ON_START:
        return

    def work() -> None:
        from django.db import connection

        from kb.search.engine import engine_get

        try:
            engine_get().index()
        except Exception:  # a missing table or index is reported by the first request instead
            logging.getLogger(__name__).warning("search warm-up failed", exc_info=True)
        finally:
            connection.close()

    threading.Thread(target=work, name="recourse-warm-up", daemon=True).start()


_warm_up()
