"""Test settings: the embedded defaults in a throwaway data dir, tasks run at once, fast hashing.

The database is a SQLite file (not memory) so that tests with threads and the live server see
the same data; with DATABASE_URL the suite runs on PostgreSQL instead (CI does both).
"""

import os
import tempfile

os.environ["MASTHEAD_DATA_DIR"] = tempfile.mkdtemp(prefix="masthead-test-")
os.environ.setdefault("MASTHEAD_SECRET_KEY", "test-secret-key-not-for-production")

from .settings import *  # noqa: E402,F403
from .settings import DATA_DIR, DATABASES  # noqa: E402

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise expects STATIC_ROOT to exist
# The immediate task backend logs every task it runs; tests only want to hear of failures.
LOGGING["loggers"]["django.tasks"] = {"level": "WARNING"}  # noqa: F405

# Under pytest-xdist each worker process gets its own Redis database, so that one worker's
# cache.clear() (FLUSHDB) or rate-limit counters never reach another's tests.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _base, _, _db = CACHES["default"]["LOCATION"].rpartition("/")  # noqa: F405
    _first = int(_db) if _db.isdigit() else 0
    CACHES["default"]["LOCATION"] = f"{_base}/{(_first + 1 + int(_worker[2:] or 0)) % 16}"  # noqa: F405
    CACHES["pages"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
    COUNTERS_REDIS_URL = CACHES["default"]["LOCATION"]  # noqa: F405
