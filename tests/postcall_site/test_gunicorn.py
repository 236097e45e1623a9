"""The production web process for real: gunicorn with gunicorn.conf.py, DEBUG off,
static files collected into a temporary STATIC_ROOT and served by WhiteNoise."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 20


@dataclass
class Served:
    url: str
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(var_dir: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        SECRET_KEY="gunicorn-test-secret-key",
        POSTCALL_VAR_DIR=str(var_dir),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        LOG_FORMAT="json",
    )
    return env


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            requests.get(f"{url}/healthz", timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):
            # The socket listens before the worker has loaded Django.
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    var_dir = tmp_path_factory.mktemp("var")
    port = free_port()
    env = production_env(var_dir, port)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = var_dir / "gunicorn.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [python, "-m", "gunicorn", "postcall_site.wsgi"], cwd=ROOT, env=env, stderr=stderr
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield Served(url=url, log=log)
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_healthz_answers_through_gunicorn(served: Served) -> None:
    response = requests.get(f"{served.url}/healthz", timeout=5)

    assert response.status_code == 200
    assert response.headers["Server"] == "gunicorn"
    assert response.json() == {"status": "ok"}


def test_the_admin_css_is_served_hashed_compressed_and_cached_for_good(served: Served) -> None:
    login = requests.get(f"{served.url}/admin/login/", timeout=5)
    assert login.status_code == 200
    css_path = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', login.text)
    assert css_path, "the login page links no hashed admin stylesheet"

    css = requests.get(
        f"{served.url}{css_path.group(1)}", headers={"Accept-Encoding": "gzip"}, timeout=5
    )

    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]
    assert "#header" in css.text


def test_gunicorn_writes_json_log_lines(served: Served) -> None:
    requests.get(f"{served.url}/healthz", timeout=5)

    lines = [json.loads(line) for line in served.log.read_text().splitlines() if line]

    assert any(
        line["logger"] == "gunicorn.access" and "GET /healthz" in line["message"] for line in lines
    )
