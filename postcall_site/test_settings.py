"""Settings for the test suite: the same as production's, with tasks run inline."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from postcall_site.settings import *  # noqa: F403
from postcall_site.settings import Q_CLUSTER, STORAGES

Q_CLUSTER["sync"] = True
OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
# Pages render without a prior collectstatic; tests/postcall_site serves the manifest storage
# through gunicorn.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# No STATIC_ROOT to scan at start: WhiteNoise looks files up per request instead.
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests with several threads or processes share the database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
