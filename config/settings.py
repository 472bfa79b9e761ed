"""Recourse settings: one module, driven by the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_header, env_header_https, env_int, env_list, env_path, env_str
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
    "kb.apps.RecourseAdminConfig",  # django.contrib.admin with the two-factor site
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "kb",
    "chat",
    "policy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.overload.shed_overload",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.privacy_headers",
    # Hardening (config/guard.py): no cookies outside /admin/, hostile input refused, same-site forms.
    "config.guard.no_cookies_outside_admin",
    "config.guard.input_guard",
    "config.guard.same_site_posts",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.language_from_browser",
    "config.ratelimit.rate_limits",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
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
# The public pages in these languages, chosen by the URL (/es/help/), never a cookie; see config/urls.py.
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français"), ("pt", "Português")]
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

# Behind TLS (deploy/README.md): HSTS, the proxy's scheme header, the HTTPS redirect.
# The load balancer's health checks reach /healthz/ over plain HTTP.
SECURE_HSTS_SECONDS = env_int("RECOURSE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RECOURSE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("RECOURSE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("RECOURSE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SECURE_PROXY_SSL_HEADER = env_header_https("RECOURSE_PROXY_SSL_HEADER")

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
        "axes": {"level": "WARNING"},
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
# Threads torch uses per encode: 1 suits a server (its workers already share the cores); see docs/performance.md.
RECOURSE_TORCH_THREADS = env_int("RECOURSE_TORCH_THREADS", 1)
RECOURSE_WARM_ON_START = env_bool("RECOURSE_WARM_ON_START", True)
RECOURSE_STALE_DAYS = env_int("RECOURSE_STALE_DAYS", 180)
RECOURSE_BILL_STALE_DAYS = env_int("RECOURSE_BILL_STALE_DAYS", 90)
RECOURSE_QUICK_EXIT_URL = env_str("RECOURSE_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

RECOURSE_BILL_SESSION_DAYS = env_int("RECOURSE_BILL_SESSION_DAYS", 730)

# Staff security (issue 11): the admin's address, two-factor sign-in (kb.admin.site), lockout after
# repeated failures (django-axes), sessions that end after RECOURSE_STAFF_IDLE_MINUTES without a request.
RECOURSE_ADMIN_PATH = env_str("RECOURSE_ADMIN_PATH", "admin/").strip("/") + "/"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("RECOURSE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("RECOURSE_LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the proxy every request comes from 127.0.0.1: lock out by the client's address the proxy saw
# (RECOURSE_CLIENT_IP_HEADER), as the rate limits do, or one attacker would lock out every editor.
AXES_CLIENT_IP_CALLABLE = "config.ratelimit.client_address"
SESSION_COOKIE_AGE = env_int("RECOURSE_STAFF_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the idle clock restarts on each admin request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OTP_TOTP_ISSUER = "Recourse"
# The public correction form: at most this many suggestions per address per hour.
RECOURSE_SUGGESTIONS_PER_HOUR = env_int("RECOURSE_SUGGESTIONS_PER_HOUR", 5)

# Limits (config/ratelimit.py, config/overload.py): requests per client per minute (0 = off), the
# header the reverse proxy puts the client's address in, and how long a request may wait in the
# server's queue before it is shed with 503.
RECOURSE_RATE_LIMIT_ASK = env_int("RECOURSE_RATE_LIMIT_ASK", 30)
RECOURSE_RATE_LIMIT_HELP = env_int("RECOURSE_RATE_LIMIT_HELP", 120)
RECOURSE_CLIENT_IP_HEADER = env_header("RECOURSE_CLIENT_IP_HEADER")
RECOURSE_SHED_AFTER_MS = env_int("RECOURSE_SHED_AFTER_MS", 1000)
