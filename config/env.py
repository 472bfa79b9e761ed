"""Typed readers for environment variables that refuse bad values loudly.

A typo in production configuration should stop the process at start-up, not
surface later as a silently wrong default.
"""

import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def env_header(name: str) -> str:
    """An HTTP header name (e.g. X-Real-IP) as Django's request.META key (HTTP_X_REAL_IP); '' if unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    if not all(c.isalnum() or c == "-" for c in raw):
        raise ValueError(f"{name}={raw!r} is not an HTTP header name")
    return "HTTP_" + raw.upper().replace("-", "_")


def env_header_https(name: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from a header name: the proxy sets it to 'https' for TLS requests."""
    key = env_header(name)
    return (key, "https") if key else None


def env_offline_defaults() -> None:
    """Keep the model libraries offline and quiet unless the operator says otherwise (WSGI entry points)."""
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
        ("TRANSFORMERS_VERBOSITY", "error"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
    ):
        os.environ.setdefault(name, value)
