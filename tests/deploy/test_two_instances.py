"""Two production instances over one PostgreSQL and one Redis: nothing one needs lives in the other.

Runs in file order: the last test kills an instance.
"""

import json
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import warnings

import psycopg

from tests.deploy.conftest import (
    DB_URL,
    HELP_LIMIT,
    REBUILD_LOCK,
    ROOT,
    get,
    instance_env,
    law_ids,
    redis_command,
    request,
    wait_until,
)

QUESTION = "Someone made a fake nude of me with an app and posted it. Is that a crime?"
PLACE = "US-TX"


def law_status(law_id: str) -> str:
    with psycopg.connect(DB_URL, connect_timeout=5) as conn:
        return conn.execute("SELECT review_status FROM kb_law WHERE id = %s", [law_id]).fetchone()[0]


def test_an_instance_started_without_an_index_answers_only_when_ready(cluster):
    for instance in cluster:
        assert instance.startup_statuses, "start-up was not observed"
        # Until ready: nothing listening yet, then nginx's 503 (with Retry-After); never a 500 or a 502.
        assert set(instance.startup_statuses) <= {"ConnectionRefusedError", 503, 200}
        assert 503 in instance.startup_statuses
        assert get(instance, "/healthz/ready")[0] == 200


def test_a_publish_through_one_instance_is_answered_by_both(cluster):
    a, b = cluster
    law = sorted(law_ids(a, QUESTION, PLACE))[0]
    assert law in law_ids(b, QUESTION, PLACE)
    cluster.admin.law_unpublish(a, law)
    assert law_status(law) == "draft"
    gone = [wait_until(lambda i=i: law not in law_ids(i, QUESTION, PLACE), timeout=30) for i in cluster]

    cluster.admin.law_publish(a, law)
    assert law_status(law) == "published"
    back = [wait_until(lambda i=i: law in law_ids(i, QUESTION, PLACE), timeout=30) for i in cluster]
    print(f"unpublish seen after {gone} s, publish after {back} s (instances {a.port}, {b.port})")


def index_fingerprint(instance) -> str:
    """The content fingerprint of the index this instance last built or loaded (on its own disk)."""
    manifest = instance.data_dir / "index" / "current" / "manifest.json"
    return json.loads(manifest.read_text())["content_fingerprint"]


def followed(instance, fingerprint: str) -> bool:
    """Ask (the index follows the content when used), then compare the index's fingerprint."""
    law_ids(instance, QUESTION, PLACE)
    return index_fingerprint(instance) == fingerprint


def database_fingerprint(instance) -> str:
    """The fingerprint of the published content, as every instance computes it from the database."""
    code = "from kb.search.index import content_fingerprint; print(content_fingerprint())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=instance_env(instance.data_dir),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def test_an_instance_waits_while_another_holds_the_rebuild_lock(cluster):
    a = cluster[0]
    law = sorted(law_ids(a, QUESTION, PLACE))[0]
    # Let both finish following the last change: each index built from what the database holds now.
    current = database_fingerprint(a)
    # Then take the lock as an instance would (SET NX), once the last rebuild has let go of it.
    wait_until(
        lambda: (
            all(followed(i, current) for i in cluster)
            and redis_command("SET", REBUILD_LOCK, "held-by-the-test", "NX", "EX", "60") == "OK"
        ),
        timeout=60,
    )
    before = [current, current]
    try:
        cluster.admin.law_unpublish(a, law)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:  # asks make each instance notice the change and try to rebuild
            law_ids(a, QUESTION, PLACE), law_ids(cluster[1], QUESTION, PLACE)
            time.sleep(0.2)
        # Neither rebuilt while another process held the lock; both kept answering meanwhile (the
        # unpublished law is already left out: answers read the records' status from the database).
        assert [index_fingerprint(i) for i in cluster] == before
        assert all(law not in law_ids(i, QUESTION, PLACE) for i in cluster)
        assert redis_command("GET", REBUILD_LOCK) == "held-by-the-test"
    finally:
        redis_command("DEL", REBUILD_LOCK)
    for n, instance in enumerate(cluster):
        wait_until(
            lambda i=instance, n=n: (
                law_ids(i, QUESTION, PLACE) is not None and index_fingerprint(i) != before[n]
            ),
            timeout=30,
        )
    from kb.search.engine import RETRY_SECONDS

    cluster.admin.law_publish(a, law)
    assert law_status(law) == "published"
    # Each instance in turn: one rebuilds while the other waits for the lock. A rebuild that failed is
    # retried after RETRY_SECONDS (said below, from the instances' logs, so it is not passed over).
    for instance in cluster:
        wait_until(lambda i=instance: law in law_ids(i, QUESTION, PLACE), timeout=RETRY_SECONDS + 15)
    for instance in cluster:
        failed = [line for line in instance.log_path.read_text().splitlines() if "rebuild failed" in line]
        if failed:
            warnings.warn(f"instance {instance.port}: {failed[-1]}", stacklevel=1)


def test_rate_limits_are_shared_between_instances(cluster):
    a, b = cluster
    if time.time() % 60 > 50:  # stay inside one one-minute window
        time.sleep(61 - time.time() % 60)
    redis_command("FLUSHDB")
    statuses = [get(cluster[n % 2], "/help/")[0] for n in range(HELP_LIMIT)]
    assert statuses == [200] * HELP_LIMIT
    status, _, headers = get(b, "/help/")
    assert status == 429
    assert int(headers["Retry-After"]) >= 1
    assert get(a, "/help/")[0] == 429
    # Only hashed, hourly keys are kept: no address in Redis.
    assert "127.0.0.1" not in redis_command("KEYS", "*")
    redis_command("FLUSHDB")


def test_a_guided_help_session_moves_between_instances(cluster):
    a, b = cluster
    status, first, _ = get(a, "/help/?j=US-TX")
    assert status == 200
    form = [
        f
        for f in re.findall(r'<form[^>]*action="/help/step/"[^>]*>(.*?)</form>', first, re.S)
        if "radio" in f
    ][-1]
    state = re.search(r'name="state" value="([^"]+)"', form).group(1)
    name, value = re.search(r'type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]+)"', form).groups()
    body = urllib.parse.urlencode({"state": state, name: value}).encode()
    page = help_answer(b, body)
    # The other instance took the answer and moved on to the same next screen as the first would have.
    assert "started again" not in page
    same = help_answer(a, body)
    heading = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    assert heading.search(page).group(1) == heading.search(same).group(1)
    assert heading.search(page).group(1) != heading.search(first).group(1)


def help_answer(instance, body: bytes) -> str:
    """Post an answer and follow the redirect (if any) on the same instance."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, page, response_headers = request(instance, "POST", "/help/step/", body, headers)
    if status in (302, 303):
        location = urllib.parse.urlsplit(response_headers["Location"])
        status, page, _ = get(instance, location.path + (f"?{location.query}" if location.query else ""))
    assert status == 200
    return page


def test_the_access_log_keeps_no_trace_of_the_person(cluster):
    a = cluster[0]
    status, _, _ = request(
        a,
        "GET",
        "/help/?j=US-TX&note=private-words",
        headers={"Referer": "https://x.example/", "User-Agent": "UA-x"},
    )
    assert status == 200
    log = (ROOT / "data" / "run" / str(a.port) / "access.log").read_text()
    line = [row for row in log.splitlines() if '"GET /help/"' in row][-1]
    for trace in ("private-words", "?", "x.example", "UA-x", "127.0.0.1"):
        assert trace not in line


def test_killing_one_instance_loses_no_data(cluster):
    a, b = cluster
    law = sorted(law_ids(a, QUESTION, PLACE))[0]
    cluster.admin.law_unpublish(a, law)
    a.kill(signal.SIGKILL)  # the instance that took the change, at once
    assert law_status(law) == "draft"
    wait_until(lambda: law not in law_ids(b, QUESTION, PLACE), timeout=30)
    assert get(b, "/healthz/ready")[0] == 200

    a.start()
    assert law not in law_ids(a, QUESTION, PLACE)
    print(f"instance {a.port} ready again {a.ready_after:.1f} s after a restart")
    cluster.admin.law_publish(b, law)  # the session signed in through a works on b
    for instance in cluster:
        wait_until(lambda i=instance: law in law_ids(i, QUESTION, PLACE), timeout=30)
