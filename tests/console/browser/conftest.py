"""A logged-in ops user in headless Chromium, and where screenshots go."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import Page, sync_playwright

from agents.roles import staff_user_create

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def page(live_server, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    # Playwright's sync API keeps an event loop in this thread; the test's own database
    # calls are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    User.objects.create_superuser("ops", password="ops-password-1")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "ops")
        page.fill("#id_password", "ops-password-1")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        yield page
        browser.close()


@pytest.fixture
def browser_as(live_server, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Page]]:
    """Log a new user of the given role into the admin in a fresh Chromium page, which
    accepts downloads."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def login(role: str) -> Page:
            username = role.lower()
            staff_user_create(username=username, password="pw-" + username, role=role)
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "pw-" + username)
            page.click("input[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")
            return page

        yield login
        browser.close()


def screenshot_path(name: str) -> Path:
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
