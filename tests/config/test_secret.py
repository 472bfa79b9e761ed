"""The signing key: never a public one with DEBUG off, and a private local key when none is given."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.secret import KNOWN_PUBLIC, secret_key_get

BASE_DIR = Path(__file__).resolve().parents[2]
PUBLIC = next(iter(KNOWN_PUBLIC))


def test_it_refuses_the_formerly_built_in_key_when_debug_is_off(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="public"):
        secret_key_get(environ_key=PUBLIC, key_file=tmp_path / "k", debug=False, required=False)


def test_it_refuses_a_short_key_when_debug_is_off(tmp_path):
    with pytest.raises(ImproperlyConfigured):
        secret_key_get(environ_key="changeme", key_file=tmp_path / "k", debug=False, required=False)


def test_debug_accepts_any_key(tmp_path):
    assert secret_key_get(environ_key=PUBLIC, key_file=tmp_path / "k", debug=True, required=False) == PUBLIC


def test_without_a_key_it_creates_a_private_one_and_keeps_it(tmp_path):
    key_file = tmp_path / "data" / "secret_key"
    first = secret_key_get(environ_key="", key_file=key_file, debug=False, required=False)
    again = secret_key_get(environ_key="", key_file=key_file, debug=False, required=False)
    assert first == again and len(first) >= 50 and first not in KNOWN_PUBLIC
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert list(key_file.parent.iterdir()) == [key_file]  # no temporary file left behind


def test_a_deployment_that_requires_a_key_refuses_the_local_fallback(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="must be set"):
        secret_key_get(environ_key="", key_file=tmp_path / "k", debug=False, required=True)
    assert not (tmp_path / "k").exists()


def test_an_empty_key_file_is_refused_rather_than_used(tmp_path):
    (tmp_path / "k").write_text("")
    with pytest.raises(ImproperlyConfigured, match="no usable key"):
        secret_key_get(environ_key="", key_file=tmp_path / "k", debug=False, required=False)


def test_the_service_does_not_start_with_the_public_key(tmp_path):
    env = {**os.environ, "SECRET_KEY": PUBLIC, "DEBUG": "0", "RECOURSE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "SECRET_KEY is public" in done.stderr
