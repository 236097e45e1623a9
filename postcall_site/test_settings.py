"""Settings for the test suite: the same as production's, with tasks run inline."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from postcall_site.settings import *  # noqa: F403
from postcall_site.settings import Q_CLUSTER

Q_CLUSTER["sync"] = True
OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests with several threads or processes share the database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
