"""Where SECRET_KEY comes from, and the keys Recourse refuses to run with.

The key signs the guided help's state, so anyone who knows it can forge that state. A key that is
public (the development key this project once shipped, any key in the repository) must never run
a site with DEBUG off. So there is no built-in key: SECRET_KEY from the environment wins; otherwise
a random key is generated once and kept in the data folder (`data/secret_key`, mode 0600), which
is what `make run`, `make test` and CI use. `RECOURSE_REQUIRE_SECRET_KEY=1` turns that fallback off
for deployments that must bring their own key (several servers must share one).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 32
# Keys that have been public: the development default this project shipped before it generated keys.
KNOWN_PUBLIC = frozenset({"dev-only-insecure-key-set-SECRET_KEY-in-production"})


def secret_key_get(*, environ_key: str, key_file: Path, debug: bool, required: bool) -> str:
    """The key to sign with; refuses a public or short key unless DEBUG is on."""
    if environ_key:
        if not debug and (environ_key in KNOWN_PUBLIC or len(environ_key) < MIN_LENGTH):
            raise ImproperlyConfigured(
                f"SECRET_KEY is public or shorter than {MIN_LENGTH} characters: set a random one "
                '(python -c "import secrets; print(secrets.token_urlsafe(50))")'
            )
        return environ_key
    if required:
        raise ImproperlyConfigured("SECRET_KEY must be set (RECOURSE_REQUIRE_SECRET_KEY=1)")
    return _key_file_read_or_create(key_file)


def _key_file_read_or_create(path: Path) -> str:
    """Read the local key, creating it first if needed.

    The key is written to a private temporary file and linked into place, which fails if the file
    exists: several processes starting at once all end up reading the same, complete key.
    """
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(50))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        except OSError as error:
            raise ImproperlyConfigured(
                f"cannot create the key file {path} ({error}); set SECRET_KEY"
            ) from error
    key = path.read_text().strip()
    if len(key) < MIN_LENGTH:
        raise ImproperlyConfigured(f"the key file {path} holds no usable key; delete it or set SECRET_KEY")
    return key
