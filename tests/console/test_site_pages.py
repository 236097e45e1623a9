"""The site's landing page, which the admin's "View site" opens, and its error pages:
each in the admin's look, with a way back, whether DEBUG is on or off."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from agents.roles import SUPPORT, staff_user_create

pytestmark = pytest.mark.django_db

WAY_BACK = ('id="way-back"', 'href="/admin/"', 'href="/"')


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def support_client(client: Client) -> Client:
    user = staff_user_create(username="sam", password="support-password-1", role=SUPPORT)
    client.force_login(user)
    return client


@pytest.mark.parametrize("debug", [False, True])
def test_view_site_opens_a_landing_page_that_says_what_postcall_is_and_where_to_go(
    support_client: Client, settings, debug: bool
) -> None:
    settings.DEBUG = debug
    admin_index = support_client.get(reverse("admin:index"))
    assert 'href="/">View site' in text(admin_index)

    response = support_client.get("/")

    assert response.status_code == 200
    assert "site/home.html" in [template.name for template in response.templates]
    page = text(response)
    assert "Postcall reads the transcript of every call" in page
    assert 'id="user-tools"' in page
    for link in ("/admin/", "/api/docs/", "/api/redoc/", "/healthz"):
        assert f'href="{link}"' in page


def test_the_landing_page_asks_a_visitor_who_is_not_logged_in_to_log_in(client: Client) -> None:
    page = text(client.get("/"))

    assert "(log in first)" in page
    assert 'id="user-tools"' not in page


def test_an_unknown_address_gets_an_admin_styled_404_with_a_way_back(client: Client) -> None:
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    page = text(response)
    assert "There is no page here" in page
    assert "/no/such/page/" in page
    assert "admin/css/base.css" in page
    for link in WAY_BACK:
        assert link in page


def test_an_unknown_api_address_still_gets_the_api_s_json_error(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("debug", [False, True])
def test_a_page_the_user_may_not_open_gets_an_admin_styled_403_with_a_way_back(
    support_client: Client, settings, debug: bool
) -> None:
    settings.DEBUG = debug

    response = support_client.get(reverse("admin:agents_agent_add"))

    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    page = text(response)
    assert "You are not allowed to see this page" in page
    assert "(sam)" in page
    for link in WAY_BACK:
        assert link in page


def test_a_server_error_page_has_a_way_back_and_needs_no_context() -> None:
    server_error = get_resolver().resolve_error_handler(500)

    response = server_error(RequestFactory().get("/admin/calls/call/"))

    assert response.status_code == 500
    page = unescape(response.content.decode())
    assert "Something went wrong on our side" in page
    for link in WAY_BACK:
        assert link in page
