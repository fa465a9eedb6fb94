"""Masthead's one settings module.

Layers, each overriding the one before:
1. The embedded defaults: everything lives in the data dir (``MASTHEAD_DATA_DIR``, default
   ``./masthead-data``): a SQLite database in WAL mode, local media, a secret key generated once,
   mail written as files to ``outbox/``, the database task queue, a local-memory cache.
2. The environment: ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` (cache and rate limits; the task
   queue too with ``MASTHEAD_TASK_BACKEND=redis``),
   ``EMAIL_URL`` (SMTP), ``AWS_STORAGE_BUCKET_NAME`` (S3 media), Stripe keys and the site's
   names and URLs. Every variable is optional; docs/product.md and the README list them.
3. Tests: ``masthead.site.settings_test`` adjusts a few values for speed (see that file).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.utils.csp import CSP

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MASTHEAD_DATA_DIR", "masthead-data")).resolve()
# Owner-only but traversable (0711): nginx may reach the public static/ and media/ inside it,
# nobody else may list it or read the database, the outbox or the keys.
try:
    DATA_DIR.mkdir(parents=True)
    DATA_DIR.chmod(0o711)  # mkdir's mode passes through the umask
except FileExistsError:
    pass


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data dir."""
    if key := os.environ.get("MASTHEAD_SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
        except FileExistsError:
            pass
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("MASTHEAD_DEBUG")

BASE_URL = os.environ.get("MASTHEAD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
_base_host = urlsplit(BASE_URL).hostname or "localhost"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("MASTHEAD_ALLOWED_HOSTS", f"{_base_host},localhost,127.0.0.1").split(",")
    if h.strip()
]
SITE_NAME = os.environ.get("MASTHEAD_SITE_NAME", "The Riverside Ledger")
# The name in each edition's language (MASTHEAD_SITE_NAME_AR…); the demo's Arabic name by default.
SITE_NAMES = {
    "ar": os.environ.get(
        "MASTHEAD_SITE_NAME_AR",
        "ريفرسايد ليدجر" if "MASTHEAD_SITE_NAME" not in os.environ else SITE_NAME,
    ),
}
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = BASE_URL
# How many proxies stand in front of the site; only then is X-Forwarded-For read (from the right).
TRUSTED_PROXY_COUNT = int(os.environ.get("MASTHEAD_TRUSTED_PROXIES", "0"))

INSTALLED_APPS = [
    "masthead.core",
    "masthead.newsroom",
    "masthead.comments",
    "masthead.moderation",
    "masthead.inline",
    "masthead.subscriptions",
    "masthead.funding",
    "masthead.migration",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "axes",
    "ninja",  # serves /api/docs' Swagger UI from our own static files, not from a public CDN
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "masthead.core.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "masthead.core.http.SiteContentSecurityPolicyMiddleware",
    # HEAD is answered wherever GET is (then without a body); 304 for a matching ETag or date;
    # brotli or gzip for what the page cache did not compress already.
    "masthead.core.http.HeadAsGetMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "masthead.core.compression.CompressionMiddleware",
    # Before the page cache: /?p=123 must not be answered with the cached front page.
    "masthead.migration.middleware.ShortLinkRedirectMiddleware",
    "masthead.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Fetch Metadata / Origin on the public site (no tokens: pages are cached); Django's CSRF
    # tokens in the admin. It replaces django.middleware.csrf.CsrfViewMiddleware.
    "masthead.core.fetchmetadata.FetchMetadataMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login attempt
]

ROOT_URLCONF = "masthead.site.urls"
WSGI_APPLICATION = "masthead.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "masthead.site.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    # Health checks: a connection kept across a PostgreSQL restart is found dead and replaced
    # when a request begins, instead of failing that request's first query.
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Wagtail's PostgreSQL search backend needs it (its system check stops the worker otherwise).
        INSTALLED_APPS.append("django.contrib.postgres")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "masthead.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at BEGIN so that two writers queue on the busy timeout instead of failing
                # with "database is locked" when a read lock would have to be upgraded.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA temp_store=MEMORY;PRAGMA mmap_size=134217728"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------------------
# Rendered pages have a cache of their own ("pages"), bounded in bytes: a flood of addresses
# pushes out old pages, never an entry of the default cache.
PAGE_CACHE_MAX_BYTES = int(os.environ.get("MASTHEAD_PAGE_CACHE_MB", "32")) * 1024 * 1024
if os.environ.get("REDIS_URL"):
    _prefix = os.environ.get("MASTHEAD_CACHE_PREFIX", "masthead")
    # FailSoftRedisCache (core/failsoft.py): while Redis is down every read misses and nothing
    # raises, so the site serves pages without the cache instead of failing.
    CACHES = {
        "default": {
            "BACKEND": "masthead.core.failsoft.FailSoftRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": _prefix,
        },
        # Bounded by Redis's own maxmemory (with an allkeys-lru policy): give it a Redis of its
        # own (MASTHEAD_PAGES_REDIS_URL) so that evicting pages never evicts anything else.
        "pages": {
            "BACKEND": "masthead.core.failsoft.FailSoftRedisCache",
            "LOCATION": os.environ.get("MASTHEAD_PAGES_REDIS_URL") or os.environ["REDIS_URL"],
            "KEY_PREFIX": f"{_prefix}-pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "masthead.core.boundedcache.BoundedMemoryCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_BYTES": PAGE_CACHE_MAX_BYTES, "MAX_ENTRIES": 1_000_000},
        },
    }
# Rate-limit counters (masthead/core/counters.py): in Redis with REDIS_URL (or a Redis of their
# own, MASTHEAD_COUNTERS_REDIS_URL), else in a table of the database, and there too while Redis is
# down; never in the cache, where page entries could evict them and each process counts apart.
COUNTERS_REDIS_URL = os.environ.get("MASTHEAD_COUNTERS_REDIS_URL") or os.environ.get("REDIS_URL", "")
COUNTERS_PREFIX = os.environ.get("MASTHEAD_CACHE_PREFIX", "masthead")
# Seconds a page that is the same for every reader is kept by the full-page cache (0 turns it
# off), then by a browser (max-age, and stale-while-revalidate after that), then by nginx before
# it asks again with If-None-Match (X-Accel-Expires; docs/nginx.conf).
PAGE_CACHE_SECONDS = int(os.environ.get("MASTHEAD_PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("MASTHEAD_PAGE_CACHE_BROWSER_SECONDS", "10"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("MASTHEAD_PAGE_CACHE_STALE_SECONDS", "30"))
PAGE_CACHE_FRONT_SECONDS = int(os.environ.get("MASTHEAD_PAGE_CACHE_FRONT_SECONDS", "2"))

# --- Mail -----------------------------------------------------------------------------------
# Django 6.1's MAILERS (the EMAIL_BACKEND family of settings is deprecated).
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    # Port 465 speaks TLS from the first byte (SMTPS); dj-email-url's `smtps://` means STARTTLS,
    # which would hang there, so 465 always gets implicit TLS.
    _implicit_tls = _email["EMAIL_USE_SSL"] or (_email["EMAIL_USE_TLS"] and _email["EMAIL_PORT"] == 465)
    MAILERS = {
        "default": {
            # Django's SMTP backend, signing with DKIM when DKIM_KEY_FILE is set (core/dkim.py).
            "BACKEND": "masthead.core.dkim.SigningEmailBackend",
            "OPTIONS": {
                "host": _email["EMAIL_HOST"],
                "port": _email["EMAIL_PORT"],
                "username": _email["EMAIL_HOST_USER"] or "",
                "password": _email["EMAIL_HOST_PASSWORD"] or "",
                "use_ssl": bool(_implicit_tls),
                "use_tls": bool(_email["EMAIL_USE_TLS"] and not _implicit_tls),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(DATA_DIR / "outbox")},
        }
    }
# Mails kept in the outbox (file backend only): the scheduler deletes older files (0 keeps all).
OUTBOX_KEEP_DAYS = int(os.environ.get("MASTHEAD_OUTBOX_KEEP_DAYS", "14"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"noreply@{_base_host}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# DKIM signing of mail sent through EMAIL_URL (masthead/core/dkim.py); unset: unsigned. The key
# is a PEM RSA private key (2048 bits); its public half goes in DNS at
# <selector>._domainkey.<domain> (docs/operations.md). The domain defaults to the From address's,
# the one DMARC aligns with.
DKIM_KEY_FILE = os.environ.get("MASTHEAD_DKIM_KEY_FILE", "")
DKIM_SELECTOR = os.environ.get("MASTHEAD_DKIM_SELECTOR", "")
DKIM_DOMAIN = os.environ.get("MASTHEAD_DKIM_DOMAIN") or DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">")

# --- Background tasks -----------------------------------------------------------------------
# A task left running by a worker that has not beaten for this long (killed, machine lost) is
# queued again (core/taskworker.py, core/redistaskworker.py); a live worker beats every 5 s, even
# during a long task.
TASK_WORKER_DEAD_SECONDS = int(os.environ.get("MASTHEAD_TASK_WORKER_DEAD_SECONDS", "60"))
# The queue: "database" (django-tasks-db in the site's database, part of each transaction) or
# "redis" (django-tasks-redis on MASTHEAD_TASKS_REDIS_URL, else REDIS_URL: a Redis that never
# evicts). docs/scaling.md weighs them; a start with another value, or with "redis" and no Redis
# that answers, fails with one sentence (site/dependencies.py).
TASK_BACKEND = os.environ.get("MASTHEAD_TASK_BACKEND", "database").strip().lower()
TASKS_REDIS_URL = os.environ.get("MASTHEAD_TASKS_REDIS_URL") or os.environ.get("REDIS_URL", "")
if TASK_BACKEND == "redis" and TASKS_REDIS_URL:
    TASKS = {
        "default": {
            "BACKEND": "masthead.core.redistasks.CommittedRedisTaskBackend",
            "OPTIONS": {
                "REDIS_URL": TASKS_REDIS_URL,
                "REDIS_KEY_PREFIX": f"{os.environ.get('MASTHEAD_CACHE_PREFIX', 'masthead')}-tasks",
                "REDIS_CLAIM_TIMEOUT": TASK_WORKER_DEAD_SECONDS,
                # An enqueue in a request waits at most this long for a Redis that does not answer.
                "REDIS_SOCKET_CONNECT_TIMEOUT": 2,
                "REDIS_SOCKET_TIMEOUT": 10,  # above the worker's 5 s blocking read
                "REDIS_COMPLETED_TASK_TTL": 7 * 24 * 3600,
            },
        }
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploads are served by nginx (another user); the process umask (077) would hide them from it.
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "masthead.core.compression.StaticFilesStorage"},  # WhiteNoise's
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Media in an S3-compatible bucket (`uv sync --extra s3`): the AWS_* variables, read in
    # masthead/site/s3.py, which says why each option is set as it is.
    from masthead.site.s3 import s3_storage_options

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_storage_options(os.environ),
    }
# The production server serves media itself in the embedded setup (see site/urls.py).
SERVE_MEDIA = not os.environ.get("AWS_STORAGE_BUCKET_NAME")
WHITENOISE_MAX_AGE = 3600

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("MASTHEAD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Wagtail --------------------------------------------------------------------------------
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"
# Editions: each language has its own tree of pages (Wagtail's translation copies).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Documents reach readers only through Wagtail's view, which checks their collection's privacy
# (login or password), from local files and from S3 alike; /media/documents/ is never served
# (masthead/site/media.py, docs/nginx.conf).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The admin talks to no third party: no avatars from Gravatar (initials drawn here instead, see
# masthead/core/avatars.py), and no question to wagtail.org about new releases unless the
# operator asks for it (MASTHEAD_ADMIN_UPDATE_CHECK=1, or "lts" for long-term releases only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
_update_check = os.environ.get("MASTHEAD_ADMIN_UPDATE_CHECK", "").strip().lower()
WAGTAIL_ENABLE_UPDATE_CHECK = "lts" if _update_check == "lts" else _env_bool("MASTHEAD_ADMIN_UPDATE_CHECK")
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False  # it links to wagtail.org
# Django's own admin is a second login page; Wagtail's admin does everything the newsroom needs.
DJANGO_ADMIN_ENABLED = _env_bool("MASTHEAD_DJANGO_ADMIN")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Readers' pages run only the site's own scripts (data rides in json_script blocks), load no
# plugin, cannot be re-based, framed by others or made to post elsewhere. Images and embedded
# players may come from elsewhere (Wagtail embeds, remote images in rich text).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Style attributes only (no <style> element, no stylesheet from elsewhere): the campaign bar's
    # markers place themselves with a CSS variable, Wagtail's responsive embeds size themselves.
    # No script can run from a style attribute.
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "https:"],
    "media-src": [CSP.SELF, "https:"],
    "frame-src": [CSP.SELF, "https:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Pictures from a bucket on plain HTTP (a development MinIO or moto): "https:" misses it.
    from masthead.site.s3 import s3_plain_http_origin

    if _media_origin := s3_plain_http_origin(os.environ):
        SECURE_CSP["img-src"].append(_media_origin)
        SECURE_CSP["media-src"].append(_media_origin)
# The admins (Wagtail's, Django's) keep what their own scripts need.
SECURE_CSP_ADMIN = {
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
if BASE_URL.startswith("https://"):
    SECURE_HSTS_SECONDS = int(os.environ.get("MASTHEAD_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("MASTHEAD_HSTS_SUBDOMAINS", "0") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A site announced at https:// is https only: plain requests are sent there (nginx does it
    # first; this covers any other proxy), and browsers are told to remember it
    # (MASTHEAD_HSTS_SECONDS, 0 turns it off). Load balancers' health checks stay reachable.
    SECURE_SSL_REDIRECT = _env_bool("MASTHEAD_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("MASTHEAD_HSTS_SECONDS", str(365 * 86400)))
    # Subdomains and the browsers' preload list reach beyond this site (the newsroom's other
    # hosts): the operator opts in; until then `check --deploy` is not asked to warn about it.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("MASTHEAD_HSTS_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = _env_bool("MASTHEAD_HSTS_PRELOAD")
# Wagtail's live preview shows the page in a frame of the admin, so frames of the same origin
# stay allowed (security.W019 asks for DENY); other sites still cannot frame any page.
# security.W003 looks for django.middleware.csrf.CsrfViewMiddleware by name; the Fetch-Metadata
# middleware in its place is a subclass of it (Django's token check in the admin).
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W005", "security.W021", "security.W003"]
CSRF_TRUSTED_ORIGINS = [BASE_URL]

# Admin login throttling (django-axes; Wagtail has none of its own): after
# MASTHEAD_LOGIN_FAILURES failed logins from one address (any usernames) that address may not log
# in for MASTHEAD_LOGIN_LOCKOUT_MINUTES. Counted in the database, so every process sees the same
# count; the address is read as everywhere else (MASTHEAD_TRUSTED_PROXIES). Locking by address,
# not by username, so that nobody can lock an editor out by typing their name.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("MASTHEAD_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MASTHEAD_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "masthead.core.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "masthead.core.login_throttle.lockout_response"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# MASTHEAD_LOG_FORMAT=json writes one JSON object per line (for a log collector); every line,
# JSON or not, carries the id of the request it belongs to (X-Request-ID).
_LOG_FORMATTER = (
    {"()": "masthead.core.requestlog.JsonFormatter"}
    if os.environ.get("MASTHEAD_LOG_FORMAT", "").lower() == "json"
    else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "masthead.core.requestlog.RequestIdFilter"}},
    "formatters": {"masthead": _LOG_FORMATTER},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "masthead"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("MASTHEAD_LOG_LEVEL", "WARNING")},
    "loggers": {"masthead": {"level": os.environ.get("MASTHEAD_LOG_LEVEL", "INFO")}},
}

# --- comments ---
# The screening pipeline every new comment passes (moderation app) and the form extensions
# (inline anchors, "Notify of"); see masthead/comments/screening.py and form_extensions.py.
COMMENTS_SCREEN = "masthead.moderation.pipeline.comment_screen"
COMMENTS_EXTENSIONS: list[str] = []
COMMENTS_MAX_LENGTH = int(os.environ.get("MASTHEAD_COMMENTS_MAX_LENGTH", "5000"))  # characters
COMMENTS_EDIT_MINUTES = int(os.environ.get("MASTHEAD_COMMENTS_EDIT_MINUTES", "15"))
# Threads close by themselves this many days after the article was first published (0: never).
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS", "0"))
COMMENTS_PAGE_SIZE = 20  # top-level comments per page of a thread
COMMENTS_REPLIES_SHOWN = 10  # replies shown under a top-level comment before "view replies (n)"
COMMENTS_DEFAULT_SORT = os.environ.get("MASTHEAD_COMMENTS_DEFAULT_SORT", "oldest")
# Issues the signed "started typing" time that the pipeline's minimum-time rule reads.
COMMENTS_FORM_TOKEN_ISSUER = "masthead.moderation.formtoken.form_token_issue"  # noqa: S105 (a dotted path, not a secret)
# Votes per network ("count/seconds", like every rate limit: see "--- rate limits" below).
COMMENTS_RATE_VOTES_NETWORK = os.environ.get("MASTHEAD_RATE_LIMIT_VOTES", "300/3600")

# --- funding ---
# Stripe: without STRIPE_SECRET_KEY the donate page says that online payments are off.
# STRIPE_WEBHOOK_SECRET may list several secrets, comma-separated, while one is being rotated.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
# How amounts are shown, over Babel/CLDR: "key=value" pairs, comma-separated, for every currency
# or for one ("USD.symbol=$"). Keys: symbol, position (before|after), digits (latn|arab),
# decimals (auto = none on whole amounts, or a number). The default is the reference "2,500 $",
# with "$" for USD in every language (CLDR says "US$" in Arabic).
MASTHEAD_CURRENCY_FORMAT = os.environ.get(
    "MASTHEAD_CURRENCY_FORMAT", "position=after,decimals=auto,USD.symbol=$"
)
FUNDING_BAR_CACHE_SECONDS = int(os.environ.get("MASTHEAD_FUNDING_BAR_CACHE_SECONDS", "60"))
FUNDING_FORM_MIN_SECONDS = 3  # a person takes longer than this to choose an amount and type an email
# Checkout attempts ("count/seconds"): card testers try many cards from one network.
FUNDING_RATE_CHECKOUT_NETWORK = os.environ.get("MASTHEAD_RATE_LIMIT_CHECKOUT_NETWORK", "10/3600")
FUNDING_RATE_CHECKOUT_EMAIL = os.environ.get("MASTHEAD_RATE_LIMIT_CHECKOUT_EMAIL", "5/3600")
# The donor's own page: its mailed links work this many days; "Manage my gift" mails them
# ("count/seconds" per network and per address asked for).
FUNDING_DONOR_LINK_DAYS = int(os.environ.get("MASTHEAD_DONOR_LINK_DAYS", "30"))
FUNDING_RATE_DONOR_LINK_NETWORK = os.environ.get("MASTHEAD_RATE_LIMIT_DONOR_LINK_NETWORK", "10/3600")
FUNDING_RATE_DONOR_LINK_EMAIL = os.environ.get("MASTHEAD_RATE_LIMIT_DONOR_LINK_EMAIL", "3/3600")
# The yearly statement for tax: who received the gifts (name and postal address; lines of the
# address separated by "|"), and a TrueType font with Latin and Arabic letters for its PDF.
ORGANISATION_NAME = os.environ.get("MASTHEAD_ORGANISATION_NAME", "")  # default: the site's name
ORGANISATION_ADDRESS = os.environ.get("MASTHEAD_ORGANISATION_ADDRESS", "")
FUNDING_STATEMENT_FONT = os.environ.get(
    "MASTHEAD_STATEMENT_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

# --- moderation ---
# The screening pipeline (masthead/moderation/pipeline.py). Rate limits are "count/seconds"
# windows, comma-separated ("5/60,30/3600": 5 a minute and 30 an hour); "" turns one off.
MODERATION_MIN_FILL_SECONDS = float(os.environ.get("MASTHEAD_MODERATION_MIN_SECONDS", "3"))
MODERATION_FORM_TOKEN_MAX_AGE = int(os.environ.get("MASTHEAD_MODERATION_TOKEN_MAX_AGE", "86400"))
MODERATION_RATE_NETWORK = os.environ.get("MASTHEAD_RATE_LIMIT_NETWORK", "5/60,30/3600")
MODERATION_RATE_EMAIL = os.environ.get("MASTHEAD_RATE_LIMIT_EMAIL", "5/60,30/3600")
MODERATION_RATE_SESSION = os.environ.get("MASTHEAD_RATE_LIMIT_SESSION", "5/60,30/3600")
MODERATION_MAX_LINKS = int(os.environ.get("MASTHEAD_MODERATION_MAX_LINKS", "3"))
# The same text by the same person: refused on the same page within a day, anywhere within 10 min.
MODERATION_DUPLICATE_PAGE_SECONDS = 86400
MODERATION_DUPLICATE_ANYWHERE_SECONDS = 600
MODERATION_HOLD_FIRST_COMMENT = _env_bool("MASTHEAD_MODERATION_HOLD_FIRST_COMMENT", True)
# Apps holding data by email that the admin's export and erasure of a commenter also reach
# (masthead/moderation/privacy.py): subscriptions are deleted, gifts keep their amounts.
MODERATION_PRIVACY_EXTENSIONS = [
    "masthead.subscriptions.services.privacy.extension",
    "masthead.funding.services.privacy.extension",
]
# Days the screening log keeps its decisions (`masthead manage moderation_prune` forgets older).
MODERATION_SCREENING_LOG_DAYS = int(os.environ.get("MASTHEAD_SCREENING_LOG_DAYS", "90"))

# --- inline ---
# Inline feedback adds the passage fields (hidden selectors) to the comment form.
COMMENTS_EXTENSIONS.append("masthead.inline.form_extension.inline_anchor")

# --- subscriptions ---
# Email follow-ups of discussions. At most one mail per address per window (what comes meanwhile
# waits for the next mail); the first mail waits GATHER seconds so that a moderator's burst of
# approvals arrives together; digest readers get one mail a day at DIGEST_HOUR (site time zone).
SUBSCRIPTIONS_WINDOW_SECONDS = int(os.environ.get("MASTHEAD_NOTIFY_WINDOW_SECONDS", "300"))
SUBSCRIPTIONS_GATHER_SECONDS = int(os.environ.get("MASTHEAD_NOTIFY_GATHER_SECONDS", "30"))
SUBSCRIPTIONS_DIGEST_HOUR = int(os.environ.get("MASTHEAD_NOTIFY_DIGEST_HOUR", "7"))
SUBSCRIPTIONS_CONFIRM_MAX_AGE = int(os.environ.get("MASTHEAD_CONFIRM_MAX_AGE", str(3 * 86400)))
# A bounce counts only when it echoes the signed header of a mail sent this recently (seconds).
SUBSCRIPTIONS_BOUNCE_MAX_AGE = int(os.environ.get("MASTHEAD_BOUNCE_MAX_AGE", str(30 * 86400)))
SUBSCRIPTIONS_MAX_ATTEMPTS = 6  # SMTP attempts per mail; retries wait RETRY_SECONDS × 2^n
SUBSCRIPTIONS_RETRY_SECONDS = int(os.environ.get("MASTHEAD_NOTIFY_RETRY_SECONDS", "60"))
SUBSCRIPTIONS_SMTP_CONNECTIONS = int(os.environ.get("MASTHEAD_SMTP_CONNECTIONS", "4"))  # per worker
# A delivery claimed ("sending") this long ago and not marked sent was left by a worker that died
# mid-flush: it is sent again (same Message-ID). Keep it above the longest flush of a live worker.
SUBSCRIPTIONS_CLAIM_STALE_SECONDS = int(os.environ.get("MASTHEAD_NOTIFY_CLAIM_STALE_SECONDS", "600"))
# "count/seconds": confirmation mails per address, subscribe requests per network.
SUBSCRIPTIONS_CONFIRM_RATE_ADDRESS = os.environ.get("MASTHEAD_CONFIRM_RATE_ADDRESS", "3/86400")
SUBSCRIPTIONS_RATE_NETWORK = os.environ.get("MASTHEAD_SUBSCRIBE_RATE_NETWORK", "20/3600")
SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = os.environ.get(
    "MASTHEAD_UNSUBSCRIBE_MAILTO", "unsubscribe@" + DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].rstrip(">")
)
COMMENTS_EXTENSIONS.append("masthead.subscriptions.form_extension.notify_of")

# --- i18n ---
# Digits in the Arabic edition: "latn" (0123456789, the default) or "arab" (Arabic-Indic ٠١٢٣٤٥٦٧٨٩)
# for comment counts, dates, campaign amounts and days (masthead/core/digits.py). Other editions
# always show Latin digits; MASTHEAD_CURRENCY_FORMAT's "digits" still wins for amounts.
MASTHEAD_ARABIC_DIGITS = os.environ.get("MASTHEAD_ARABIC_DIGITS", "latn")
