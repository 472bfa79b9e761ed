"""Recourse settings: one module, driven by the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_path, env_str
from config.secret import secret_key_get

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
DATA_DIR = env_path("RECOURSE_DATA_DIR", BASE_DIR / "data")
# No built-in key: SECRET_KEY, or a random key kept in data/secret_key (see config/secret.py).
SECRET_KEY = secret_key_get(
    environ_key=env_str("SECRET_KEY", ""),
    key_file=DATA_DIR / "secret_key",
    debug=DEBUG,
    required=env_bool("RECOURSE_REQUIRE_SECRET_KEY", False),
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "kb",
    "chat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.privacy_headers",
    # Hardening (config/guard.py): no cookies outside /admin/, hostile input refused, same-site forms.
    "config.guard.no_cookies_outside_admin",
    "config.guard.input_guard",
    "config.guard.same_site_posts",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kb.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'recourse.sqlite3'}"), conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env_str("RECOURSE_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "recourse",
            "TIMEOUT": 300,
        }
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves the collected static files from the app itself: no CDN, no separate web server.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Public pages set no cookies: the session and CSRF cookies exist only for the admin,
# and the chat's forms carry a signed state instead of a CSRF token (see chat/state.py).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = env_bool("RECOURSE_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"

# Nothing sent here is large (a question is at most 2,000 characters; the admin's longest body is far
# below this); the API's JSON parser applies the same cap (config/parsers.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["config.parsers.StrictJSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Recourse API",
    "DESCRIPTION": (
        "Read-only access to Recourse's curated, cited knowledge base of laws and reporting channels "
        "for non-consensual intimate images and sexual deepfakes, and the `ask` endpoint. "
        "Not legal advice."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kb.api.schema.errors_document",
    ],
}

# Logging never records request bodies or query strings: what a victim types stays out of logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"drop_request_detail": {"()": "config.logging.DropRequestDetail"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["drop_request_detail"]},
    },
    "root": {"handlers": ["console"], "level": env_str("RECOURSE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "faiss": {"level": "WARNING"},
        "sentence_transformers": {"level": "WARNING"},
        "bm25s": {"level": "WARNING"},
    },
}

# Recourse's own options.
RECOURSE_CONTENT_DIR = env_path("RECOURSE_CONTENT_DIR", BASE_DIR / "legal_content")
RECOURSE_INDEX_DIR = DATA_DIR / "index"
RECOURSE_EMBEDDER = env_str(
    "RECOURSE_EMBEDDER", "minilm-int8"
)  # "minilm-int8", "minilm" (float32) or "hashing" (tests)
RECOURSE_AUTO_REINDEX = env_bool("RECOURSE_AUTO_REINDEX", True)
RECOURSE_REINDEX_IN_BACKGROUND = env_bool("RECOURSE_REINDEX_IN_BACKGROUND", True)
RECOURSE_WARM_ON_START = env_bool("RECOURSE_WARM_ON_START", True)
RECOURSE_STALE_DAYS = env_int("RECOURSE_STALE_DAYS", 180)
RECOURSE_BILL_STALE_DAYS = env_int("RECOURSE_BILL_STALE_DAYS", 90)
RECOURSE_QUICK_EXIT_URL = env_str("RECOURSE_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
