"""The documented production settings pass Django's deployment checks, and the web process
listens on this machine only unless told otherwise."""

from __future__ import annotations

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "HTTPS", "DEBUG"}
    }
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "postcall.example.com",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_settings_pass_check_deploy() -> None:
    result = deploy_check(HTTPS="true")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_check_names_the_insecure_cookies() -> None:
    result = deploy_check()

    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout
    assert "security.W004" in result.stderr + result.stdout


def test_gunicorn_binds_the_loopback_address_unless_told(monkeypatch) -> None:
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("PORT", "8123")

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["bind"] == "127.0.0.1:8123"


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=None)
def test_behind_tls_pages_redirect_to_https_but_the_probes_answer(client) -> None:
    assert client.get("/healthz").status_code == 200
    page = client.get("/admin/")
    assert page.status_code == 301
    assert page.url.startswith("https://")
