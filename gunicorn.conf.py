"""gunicorn's settings for the web and API process, read from the environment.

gunicorn loads this file by itself when started from the project's directory
(`bin/serve` does). Every variable is described in docs/deployment.md.
"""

from pathlib import Path

import environ

from infra.logs import default_log_format, gunicorn_logging_config

environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
env = environ.Env()

# Only this machine by default: listening on every interface is a choice a deployment
# makes (`GUNICORN_BIND=0.0.0.0:8000` behind its balancer), not an accident.
bind = env.str("GUNICORN_BIND", default=f"127.0.0.1:{env.int('PORT', default=8000)}")
# Requests mostly wait on the database: threads overlap that waiting, and a few
# processes use both cores and survive one another's crash.
workers = env.int("WEB_CONCURRENCY", default=2)
worker_class = "gthread"
threads = env.int("GUNICORN_THREADS", default=4)
timeout = env.int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
keepalive = env.int("GUNICORN_KEEPALIVE", default=5)
# Recycling workers now and then bounds the memory a slow leak can take.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=2000)
max_requests_jitter = max_requests // 10
# Its default socket path is one per user: two gunicorns on one machine would share it.
# Signals (HUP, TTIN, TTOU, TERM) manage the process instead.
control_socket_disable = True
forwarded_allow_ips = env.str("FORWARDED_ALLOW_IPS", default="127.0.0.1,::1")
logconfig_dict = gunicorn_logging_config(
    log_format=env.str(
        "LOG_FORMAT", default=default_log_format(debug=env.bool("DEBUG", default=False))
    ),
    level=env.str("LOG_LEVEL", default="INFO"),
)
