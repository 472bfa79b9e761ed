"""nginx keeps the public pages for a few seconds, although every page tells the browser `no-store`.

Before, nothing was ever cached (nginx obeyed the browser's `no-store`), and concurrent requests
for one place page queued behind nginx's cache lock in 500 ms steps: 1-5 s under load.
"""

import threading
import time

from tests.deploy.conftest import get


def test_a_place_page_is_kept_by_nginx_and_still_says_no_store_to_the_browser(cluster):
    instance = cluster[0]
    status, first, headers = get(instance, "/places/FR/")
    assert status == 200
    status, again, headers = get(instance, "/places/FR/")
    assert (status, headers.get("X-Cache")) == (200, "HIT")  # the instance started with an empty cache
    assert again == first
    assert headers["Cache-Control"] == "no-store"  # the browser still keeps nothing (quick exit)


def test_concurrent_requests_for_a_page_not_yet_kept_do_not_queue_behind_each_other(cluster):
    instance = cluster[1]
    answers = []

    def fetch():
        started = time.perf_counter()
        status, _, headers = get(instance, "/places/DE/")
        answers.append((status, headers.get("X-Cache"), time.perf_counter() - started))

    threads = [threading.Thread(target=fetch) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [a[0] for a in answers] == [200] * 12
    # With the cache lock, each waiting request re-checked every 500 ms: the last took ~5 s.
    print("12 concurrent first requests:", sorted(round(a[2], 2) for a in answers))
    assert get(instance, "/places/DE/")[2].get("X-Cache") == "HIT"


def test_pages_with_a_query_string_and_the_chat_are_not_kept(cluster):
    instance = cluster[0]
    for _ in range(2):
        status, _, headers = get(instance, "/compare?add=words+someone+typed")
    assert status == 200 and headers.get("X-Cache") == "BYPASS"
    status, _, headers = get(instance, "/ask/")  # not /help/: test_two_instances counts its rate limit
    assert status == 200 and "X-Cache" not in headers
