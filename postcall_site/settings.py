"""Settings, read from the environment (see `.env.example`).

Every value has an embedded default so that a fresh clone runs with no set-up:
SQLite, the django-q2 ORM broker and the offline extractor.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from infra.logs import default_log_format, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG there is no default key: Django then refuses, at the first use of the key
# (serving a page, signing a session), with "The SECRET_KEY setting must not be empty",
# while commands that need no key (migrations, checks) still run.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key" if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Served over TLS (ended here or at a balancer that sets X-Forwarded-Proto): cookies only
# over HTTPS, plain HTTP redirected, and browsers told to stay on HTTPS.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
# Both apply to the host that sends them (postcall.example.com and its subdomains), never
# to its parent domain, which a preload submission would need to send them itself.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None

INSTALLED_APPS = [
    "console.apps.PostcallAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Before django_q: its `qcluster` command replaces django-q2's (infra/cluster.py).
    "postcall_site",
    "django_q",
    "agents",
    "calls",
    # Before actions: the roles are synced once actions has migrated, when every app's
    # permissions exist.
    "connectors",
    "alerts",
    "actions",
    "console",
]

MIDDLEWARE = [
    "postcall_site.ops.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost: it answers a view's database failure under /api/ and /hooks/ with 503.
    "api.outage.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "postcall_site.urls"
WSGI_APPLICATION = "postcall_site.wsgi.application"

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
            ],
        },
    },
]

VAR_DIR = Path(env.str("POSTCALL_VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'postcall.sqlite3'}"),
}
USES_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USES_SQLITE:
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while a worker writes; IMMEDIATE takes the write
    # lock at BEGIN so two writers queue on busy_timeout instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Keep each thread's connection between requests: opening one (and, on SQLite, running
# its PRAGMAs) costs more than a whole ingest request's queries.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Without DEBUG, WhiteNoise serves the files `collectstatic` wrote, compressed and with
# content hashes in their names so they can be cached forever. With DEBUG it serves them
# from the apps, as runserver does, and no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOG_FORMAT = env.str("LOG_FORMAT", default=default_log_format(debug=DEBUG))
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))

# Operations: /healthz, /readyz, /metrics (docs/deployment.md)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_LATENESS_WINDOW_MINUTES = env.int("METRICS_LATENESS_WINDOW_MINUTES", default=60)

# django-q2: the ORM broker by default, Redis when REDIS_URL is set.
# `retry` must exceed `timeout`, or a slow task is handed to a second worker.
# A task mostly waits for a model or a receiver, so a 2-core machine keeps 32 worker
# processes busy (~10 MiB each, measured in docs/deployment.md); SQLite has one writer
# at a time, so more than a couple of workers there only queue on its lock.
REDIS_URL = env.str("REDIS_URL", default="")
Q_TASK_TIMEOUT = env.int("Q_TASK_TIMEOUT", default=300)
Q_CLUSTER = {
    "name": env.str("Q_CLUSTER_NAME", default="postcall"),
    "workers": env.int("Q_WORKERS", default=2 if USES_SQLITE else 32),
    "timeout": Q_TASK_TIMEOUT,
    "retry": Q_TASK_TIMEOUT + 60,
    "max_attempts": env.int("Q_MAX_ATTEMPTS", default=5),
    "ack_failures": True,
    "catch_up": False,
    # Successes are not stored: each task's outcome is already on its own row (the run,
    # the delivery attempt, the follow-up's history). With a positive limit django-q2's
    # monitor loads every stored success on every result to prune them, which held the
    # whole cluster to about 30 tasks a second. Failures are still stored.
    "save_limit": -1,
    "label": "Task queue",
    "sync": env.bool("Q_SYNC", default=False),
}
# A cluster whose workers take no task for this long while tasks wait is stalled: /readyz
# says so, and with Q_EXIT_ON_STALL the cluster exits (status 3) for its supervisor to
# restart it (docs/deployment.md).
# Work queued but not yet taken by a worker (a new run, a hand-off) is queued again after
# this long, in case its message was lost with the broker; work in progress keeps its
# lease of Q_TASK_TIMEOUT.
Q_QUEUED_DEADLINE_SECONDS = env.int("Q_QUEUED_DEADLINE_SECONDS", default=30)
Q_STALL_SECONDS = env.int("Q_STALL_SECONDS", default=120)
Q_EXIT_ON_STALL = env.bool("Q_EXIT_ON_STALL", default=False)
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    # Polled only while the queue is empty: one indexed query every 20 ms when idle,
    # against a wait of half the interval on average at each of a call's three hand-overs
    # (extraction, decision, delivery); docs/benchmarks.md.
    Q_CLUSTER["poll"] = env.float("Q_ORM_POLL_SECONDS", default=0.02)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.base.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.base.HasScope"],
    "DEFAULT_PAGINATION_CLASS": "api.base.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.StorableJSONParser"],
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"ingest": env.str("API_INGEST_RATE", default="600/minute")},
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Postcall API",
    "DESCRIPTION": "Post finished calls, read their AI Analysis, configure agents, "
    "pull follow-up calls and ask for transfer decisions. Authenticate with "
    "`Authorization: Bearer pc_…` (API keys are created in the admin).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.errors.add_error_responses",
    ],
}
API_MAX_TRANSCRIPT_CHARS = env.int("API_MAX_TRANSCRIPT_CHARS", default=500_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_TRANSCRIPT_CHARS * 4 + 1_000_000
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Extraction
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="") or None
OPENAI_TIMEOUT_SECONDS = env.float("OPENAI_TIMEOUT_SECONDS", default=60.0)
OPENAI_MAX_RETRIES = env.int("OPENAI_MAX_RETRIES", default=3)
OPENAI_LOGPROBS = env.bool("OPENAI_LOGPROBS", default=True)
EXTRACTION_BACKEND = env.str(
    "EXTRACTION_BACKEND", default="openai" if OPENAI_API_KEY else "offline"
)
if EXTRACTION_BACKEND not in {"openai", "offline"}:
    raise ImproperlyConfigured("EXTRACTION_BACKEND must be 'openai' or 'offline'.")
if EXTRACTION_BACKEND == "openai" and not OPENAI_API_KEY:
    raise ImproperlyConfigured("EXTRACTION_BACKEND=openai needs OPENAI_API_KEY.")
EXTRACTION_DEFAULT_MODEL = env.str("EXTRACTION_DEFAULT_MODEL", default="gpt-4o-mini")

# Outbound HTTP to user-supplied URLs (webhooks, dialers)
OUTBOUND_ALLOWED_NETWORKS = env.list("OUTBOUND_ALLOWED_NETWORKS", default=[])
WEBHOOKS_ENABLED = env.bool("WEBHOOKS_ENABLED", default=True)

# Where people and senders reach this site; webhook inbox URLs are built on it.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
_public = urlsplit(PUBLIC_BASE_URL)
if _public.scheme not in {"http", "https"} or not _public.hostname:
    raise ImproperlyConfigured("PUBLIC_BASE_URL must be an http:// or https:// URL.")
INBOX_MAX_BODY_BYTES = env.int("INBOX_MAX_BODY_BYTES", default=256 * 1024)
INBOX_KEEP_REQUESTS = env.int("INBOX_KEEP_REQUESTS", default=50)
WEBHOOK_RETRY_SCHEDULE_SECONDS = env.list(
    "WEBHOOK_RETRY_SCHEDULE_SECONDS",
    cast=float,
    # Standard Webhooks' example: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    default=[0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400],
)
WEBHOOK_ROTATION_GRACE_HOURS = env.float("WEBHOOK_ROTATION_GRACE_HOURS", default=24)
WEBHOOK_DISABLE_AFTER_FAILING_HOURS = env.float("WEBHOOK_DISABLE_AFTER_FAILING_HOURS", default=120)
# The native actions' vendors. A Slack incoming webhook URL must start with the first, so a
# URL typed into an action reaches Slack only; tests aim them at local servers.
SLACK_WEBHOOK_BASE_URL = env.str("SLACK_WEBHOOK_BASE_URL", default="https://hooks.slack.com/")
HUBSPOT_API_BASE_URL = env.str("HUBSPOT_API_BASE_URL", default="https://api.hubapi.com").rstrip("/")
# CA certificates Salesforce's HTTPS is checked against; empty: the usual ones (certifi's).
SALESFORCE_CA_BUNDLE = env.str("SALESFORCE_CA_BUNDLE", default="")
NATIVE_ACTION_TIMEOUT_SECONDS = env.float("NATIVE_ACTION_TIMEOUT_SECONDS", default=10)
SCHEDULER_TICK_SECONDS = env.float("SCHEDULER_TICK_SECONDS", default=1.0)
# A call waiting for review longer than this is flagged on the dashboard; it is never
# released without a person.
REVIEW_STALE_AFTER_HOURS = env.float("REVIEW_STALE_AFTER_HOURS", default=24)

# Alerts (docs/operations.md): how often the scheduler looks for what broke, and the mail
# server their emails go through.
ALERTS_CHECK_SECONDS = env.float("ALERTS_CHECK_SECONDS", default=60)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="postcall@localhost")

# Follow-up calls
FOLLOW_UP_DIALER = env.str("FOLLOW_UP_DIALER", default="queue")
if FOLLOW_UP_DIALER not in {"queue", "http", "twilio"}:
    raise ImproperlyConfigured("FOLLOW_UP_DIALER must be queue, http or twilio.")
FOLLOW_UP_DIALER_URL = env.str("FOLLOW_UP_DIALER_URL", default="")
FOLLOW_UP_DIALER_HEADERS = env.dict("FOLLOW_UP_DIALER_HEADERS", default={})
FOLLOW_UP_DIALER_TIMEOUT_SECONDS = env.float("FOLLOW_UP_DIALER_TIMEOUT_SECONDS", default=10.0)
FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS = env.float(
    "FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS", default=5.0
)
# Time a dial task keeps for its database work around the dials, out of Q_TASK_TIMEOUT.
FOLLOW_UP_DIAL_MARGIN_SECONDS = 2.0
if FOLLOW_UP_DIALER != "queue" and (
    FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS
    + FOLLOW_UP_DIALER_TIMEOUT_SECONDS
    + FOLLOW_UP_DIAL_MARGIN_SECONDS
    > Q_TASK_TIMEOUT
):
    raise ImproperlyConfigured(
        "FOLLOW_UP_DIALER_CONNECT_TIMEOUT_SECONDS + FOLLOW_UP_DIALER_TIMEOUT_SECONDS must be "
        f"at least {FOLLOW_UP_DIAL_MARGIN_SECONDS:g} s shorter than Q_TASK_TIMEOUT."
    )
if FOLLOW_UP_DIALER == "http" and not FOLLOW_UP_DIALER_URL:
    raise ImproperlyConfigured("FOLLOW_UP_DIALER=http needs FOLLOW_UP_DIALER_URL.")
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_CALL_WEBHOOK_URL = env.str("TWILIO_CALL_WEBHOOK_URL", default="")
TWILIO_API_BASE_URL = env.str("TWILIO_API_BASE_URL", default="https://api.twilio.com")
if FOLLOW_UP_DIALER == "twilio" and not (
    TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_CALL_WEBHOOK_URL
):
    raise ImproperlyConfigured(
        "FOLLOW_UP_DIALER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
        "TWILIO_CALL_WEBHOOK_URL."
    )
FOLLOW_UP_LEASE_SECONDS = env.int("FOLLOW_UP_LEASE_SECONDS", default=120)
FOLLOW_UP_LATENESS_CUTOFF_MINUTES = env.int("FOLLOW_UP_LATENESS_CUTOFF_MINUTES", default=120)
FOLLOW_UP_DIAL_RETRY_MINUTES = env.list(
    "FOLLOW_UP_DIAL_RETRY_MINUTES", cast=int, default=[5, 30, 120]
)
TRANSFER_EXTRACTION_BACKEND = env.str("TRANSFER_EXTRACTION_BACKEND", default="")
FOLLOW_UP_RETRY_ON = env.list("FOLLOW_UP_RETRY_ON", default=["no_answer", "busy", "failed"])
FOLLOW_UP_RUNTIME_LEASE_SECONDS = env.int("FOLLOW_UP_RUNTIME_LEASE_SECONDS", default=600)
EXTRACTION_MAX_INPUT_TOKENS = env.int("EXTRACTION_MAX_INPUT_TOKENS", default=100_000)
# A bound on the model's answer: a server that runs away stops there, and a cut-off answer
# fails its run instead of being read as empty values.
EXTRACTION_MAX_OUTPUT_TOKENS = env.int("EXTRACTION_MAX_OUTPUT_TOKENS", default=2_000)

# Voice platform connections (docs/connectors.md): the largest end-of-call webhook body
# accepted; a larger one is answered 413 and not read.
CONNECTOR_MAX_BODY_BYTES = env.int("CONNECTOR_MAX_BODY_BYTES", default=DATA_UPLOAD_MAX_MEMORY_SIZE)
