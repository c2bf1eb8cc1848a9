"""Settings for loti-okr, read from environment variables (see .env.example and the README)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # First: its createsuperuser (which also asks for the person's name) replaces Django's.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    # Council sign-in (OpenID Connect, one app per council tenant): accounts/council_sign_in.py.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "workstreams",
    "boroughs",
    "partners",
    "objectives",
    "notifications",
    # The API (/api/v1/): django-ninja, whose docs page then uses its own bundled files.
    "ninja",
    "api",
    # Last: the site's own plumbing, which connects the page cache to every app's writes.
    "loti_okr.apps.SiteConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the page cache's early answers, so they carry it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Early, so an anonymous reader's cached page skips the rest (loti_okr/page_cache.py).
    "loti_okr.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads a form or a query string (core/text.py).
    "loti_okr.middleware.RefuseControlCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-allauth's request context, for council sign-in's callback.
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and messages: it serves each audience its copy (page_cache.py).
    "loti_okr.page_cache.PageCacheMiddleware",
    "accounts.access.AccessPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its own answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "loti_okr.urls"
WSGI_APPLICATION = "loti_okr.wsgi.application"

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
                "objectives.context_processors.navigation",
                "objectives.context_processors.sample_data",
                "accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Rendered pages (loti_okr/page_cache.py): in each process's memory by default, at most
# CACHE_MAX_ENTRIES pages a process, or shared between processes and servers, e.g.
# CACHE_URL=redis://127.0.0.1:6379/1. Never stale either way; with Redis away, pages are
# rendered afresh (a Redis call gives up after half a second).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://loti-okr")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = env.int(
        "CACHE_MAX_ENTRIES", default=300
    )
elif CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    )

# Django's database sessions: signing out ends a session on every app server and worker at once.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Persistent connections: opening a PostgreSQL connection costs more than a whole page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The GOV.UK Frontend build (`make assets`) writes here; it is not committed. Tests and
# `manage.py check` run without it, so a missing build is not an error here.
STATICFILES_DIRS = [path for path in [BASE_DIR / "assets" / "dist"] if path.is_dir()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Who may see what (the README's security section has the table).
# Anonymous visitors read the published plans unless PUBLIC_READ is off.
PUBLIC_READ = env.bool("PUBLIC_READ", default=True)
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "objectives:home"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses sign-ins from a locked-out user and address.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RoleAwareModelBackend",
]
# Council sign-in through each council's own Microsoft tenant (django-allauth's generic OpenID
# Connect provider; accounts/council_sign_in.py). Only people LOTI has invited come in: allauth's
# sign-up is closed and its own pages are not mounted; the ID token's claims alone are read (no
# userinfo call), checked for issuer, audience and expiry, after state and PKCE.
SOCIALACCOUNT_ADAPTER = "accounts.council_sign_in.CouncilSignInAdapter"
ACCOUNT_ADAPTER = "accounts.council_sign_in.SignInAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_NOTIFICATIONS = False
# How long the council's sign-in page may take before the tracker gives up on it (seconds).
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("COUNCIL_SIGN_IN_TIMEOUT", default=5)

# Sign-in throttling: after 5 failures for one username from one address, that pair is locked
# out for 15 minutes. Every failure and lock-out is logged by django-axes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Failures are counted per client address (accounts/client_address.py): behind N proxies, set
# TRUSTED_PROXY_COUNT=N to read it from X-Forwarded-For; without it that header is ignored.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("AXES_IPWARE_PROXY_COUNT", default=0)
)
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
AXES_VERBOSE = False

# Security headers and cookies. With DEBUG off these default to what `check --deploy` asks for.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a proxy that ends TLS, e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
if proxy_header := env.list("SECURE_PROXY_SSL_HEADER", default=[]):
    SECURE_PROXY_SSL_HEADER = tuple(proxy_header)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "loti_okr.errors.csrf_failure"

# Content-Security-Policy (django-csp): only this site's own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Refuse oversized requests before they reach a view: every form here is small.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1_048_576)

# The API: calls a token may make each minute (then 429 with Retry-After).
API_CALLS_PER_MINUTE = env.int("API_CALLS_PER_MINUTE", default=120)

# A key result with no check-in for this many days, while its quarter runs, is flagged stale.
STALE_AFTER_DAYS = env.int("STALE_AFTER_DAYS", default=14)

# E-mail: reminders, the digest, invitations and password resets. EMAIL_URL is django-environ's
# e-mail URL (smtp://user:password@host:25, smtp+tls://...:587, smtp+ssl://...:465); the default
# prints messages to the console, so development needs no mail server.
email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = email["EMAIL_BACKEND"]
EMAIL_HOST = email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="LOTI OKR tracker <okr@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is reached, for the absolute links in messages (no trailing slash).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# At most one check-in reminder per owner in this many days, and one digest per reader.
REMIND_EVERY_DAYS = env.int("REMIND_EVERY_DAYS", default=7)
DIGEST_EVERY_DAYS = env.int("DIGEST_EVERY_DAYS", default=7)
# How long an invitation's or a password reset's link works (Django's token machinery).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_DAYS", default=3) * 24 * 60 * 60

# How many key results a list page shows before it paginates.
KEY_RESULTS_PER_PAGE = env.int("KEY_RESULTS_PER_PAGE", default=25)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own logger writes to the root's handler only: with its default console handler
    # too, every line (runserver's "Watching for file changes") came out twice.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}

# `manage.py backup` writes Django's XML, keeping references to deleted rows as ids.
SERIALIZATION_MODULES = {"backup-json": "loti_okr.backup_json"}

# The Q2 plan (`manage.py loaddata loti-year3-q2`) and any later plans.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
