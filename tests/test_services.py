"""The production path for real: PostgreSQL and Redis, when `make test` runs the suite against them."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs on the PostgreSQL pass"
)
@pytest.mark.django_db
def test_the_suite_is_talking_to_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@pytest.mark.skipif(not os.environ.get("RECOURSE_CACHE_URL"), reason="runs on the Redis pass")
def test_the_cache_is_redis_and_shared_locks_work():
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    cache.delete("recourse:test-lock")
    assert cache.add("recourse:test-lock", "me", timeout=5) is True
    assert cache.add("recourse:test-lock", "someone else", timeout=5) is False
    cache.delete("recourse:test-lock")
