"""Beredd's one settings module: everything configurable comes from environment variables.

SQLite by default so that a fresh checkout just works; PostgreSQL through DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


# The repository's key is public: good for a checkout on one's own machine, refused by
# `check --deploy` (beredd.E001) and so by `make serve`.
PUBLIC_DEFAULT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = os.getenv("SECRET_KEY", PUBLIC_DEFAULT_SECRET_KEY)
DEBUG = envbool("DEBUG", "False")
# Production must name its hosts (beredd.E003 refuses an empty list); DEBUG allows local ones.
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_ratelimit",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "simple_history",
    "beredd.core",
    "beredd.audit",
    "beredd.accounts",
    "beredd.network",
    "beredd.readiness",
    "beredd.stresstests",
    "beredd.requirements",
    "beredd.procurement",
    "beredd.publication",
    "beredd.dialogue",
    "beredd.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "beredd.audit.middleware.PermissionRefusalMiddleware",
    "beredd.audit.middleware.DatabaseBusyMiddleware",
    # Last, so that it sees the lockout that authentication (AxesBackend) signals.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "beredd.urls"
WSGI_APPLICATION = "beredd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "beredd" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beredd.site.context_processors.navigation",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; synchronous=NORMAL is safe in
    # WAL (a power cut may lose the last commits, never corrupt). IMMEDIATE takes the write lock
    # at BEGIN, so a transaction that reads and then writes waits for the lock up front instead
    # of failing halfway with "database is locked"; the timeout is how long it waits.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_TIMEOUT_SECONDS", "20"),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_SQLITE_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out person is refused before the password is even checked.
    "beredd.accounts.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files that whitenoise serves with far-future caching; needs
    # `collectstatic` (make serve runs it). Plain files in development and tests.
    "staticfiles": {
        "BACKEND": os.getenv(
            "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collected files (development, tests) whitenoise looks each file up when asked for it.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG or not STATIC_ROOT.is_dir()
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "5000")

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "beredd@example.se")

TASKS = {
    "default": {
        "BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

STRESSTEST_MAX_DRAWS = envint("STRESSTEST_MAX_DRAWS", "2000")
# Most values (draws x days x (units + suppliers), all scenarios) one web run may store.
STRESSTEST_MAX_DETAIL_CELLS = envint("STRESSTEST_MAX_DETAIL_CELLS", "100000000")
# Most stress tests one organisation may have queued or running at once (the worker is shared).
STRESSTEST_MAX_QUEUED_PER_ORG = envint("STRESSTEST_MAX_QUEUED_PER_ORG", "3")

# HTTPS=True when Beredd is reached over TLS (directly or through a reverse proxy): it turns on
# the redirect to https, secure cookies and HSTS; each can still be set on its own.
HTTPS = envbool("HTTPS", "False")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS))
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(HTTPS))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(HTTPS))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(HTTPS))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(HTTPS))
# Only behind a proxy that sets this header itself (and drops it from clients), e.g.
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
if proxy_ssl_header := envlist("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header[0], proxy_ssl_header[1])
# How many reverse proxies in front of Beredd append to X-Forwarded-For (0: none, trust
# REMOTE_ADDR). Login lockouts and rate limits count per address, so this must be right.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): only our own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Rate limits and login lockouts count in a cache shared by every gunicorn worker. The default
# is a directory (FileBasedCache): shared on one host and no database write per public search,
# which would queue behind SQLite's one writer. Several app hosts: CACHE_BACKEND=database.
CACHE_BACKEND = os.getenv("CACHE_BACKEND", "file")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "beredd_cache"}
        if CACHE_BACKEND == "database"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.getenv("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    )
}
# Neither cache increments atomically, so under a race a few requests more than the limit may
# pass; for throttling per address that is acceptable (memcached or Redis would be exact).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", "True")
RATELIMIT_SEARCH = os.getenv("RATELIMIT_SEARCH", "60/m")
RATELIMIT_FEED = os.getenv("RATELIMIT_FEED", "30/m")
RATELIMIT_PASSWORD_RESET = os.getenv("RATELIMIT_PASSWORD_RESET", "5/h")
RATELIMIT_INVITATION = os.getenv("RATELIMIT_INVITATION", "20/h")

# Login lockout (django-axes): AXES_FAILURE_LIMIT failed logins lock out that username, and
# separately that address, for AXES_COOLOFF_MINUTES (or until `manage.py axes_reset_username`).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "beredd.security.client_ip"
AXES_LOCKOUT_CALLABLE = "beredd.security.lockout_response"
# Lockouts and logins go to the audit log (beredd.audit): no axes banner on every start.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}
