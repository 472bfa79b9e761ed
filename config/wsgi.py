import os

from django.core.wsgi import get_wsgi_application

from config.env import env_offline_defaults

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
env_offline_defaults()
application = get_wsgi_application()


def _warm_up() -> None:
    """Load the model, the index and the gazetteer in the background so the first question is quick."""
    import logging
    import threading

    from django.conf import settings

    if not settings.RECOURSE_WARM_ON_START:
        return

    def work() -> None:
        from django.db import connection

        from config.health import ready_mark
        from kb.places.fuzzy import fuzzy_index
        from kb.search.engine import engine_get

        try:
            engine_get().index()
            fuzzy_index()  # the gazetteer and its typo index: a second or so, not on a person's question
            ready_mark()
        except Exception:  # a missing table or index is reported by the first request instead
            logging.getLogger(__name__).warning("search warm-up failed", exc_info=True)
        finally:
            connection.close()

    threading.Thread(target=work, name="recourse-warm-up", daemon=True).start()


_warm_up()
