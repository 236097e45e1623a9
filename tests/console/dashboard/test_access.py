"""Who may open an agent's dashboard, and where it is linked from."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from agents.models import Agent

pytestmark = pytest.mark.django_db


def staff(*permissions: str) -> Client:
    user = User.objects.create_user("support", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client = Client()
    client.force_login(user)
    return client


def dashboard_url(agent: Agent) -> str:
    return reverse("admin:agents_agent_dashboard", args=[agent.pk])


def test_staff_without_view_permission_on_agents_is_refused(agent: Agent) -> None:
    client = staff("view_call")

    assert client.get(dashboard_url(agent)).status_code == 403


def test_view_permission_is_enough(agent: Agent) -> None:
    client = staff("view_agent")

    response = client.get(dashboard_url(agent))

    assert response.status_code == 200
    assert "Dashboard of Solaris sales" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(agent: Agent) -> None:
    response = Client().get(dashboard_url(agent))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_unknown_agent_is_404(staff_client: Client) -> None:
    assert staff_client.get(reverse("admin:agents_agent_dashboard", args=[999])).status_code == 404


def test_breadcrumbs_lead_back_to_the_agent(agent: Agent, staff_client: Client) -> None:
    html = staff_client.get(dashboard_url(agent)).content.decode()

    change_url = reverse("admin:agents_agent_change", args=[agent.pk])
    assert f'&rsaquo; <a href="{change_url}">Solaris sales</a>' in html


def test_linked_from_the_agent_page(agent: Agent, staff_client: Client) -> None:
    html = staff_client.get(reverse("admin:agents_agent_change", args=[agent.pk])).content.decode()

    assert f'<a href="{dashboard_url(agent)}">Dashboard</a>' in html


def test_linked_from_the_agent_list(agent: Agent) -> None:
    client = staff("view_agent")

    html = client.get(reverse("admin:agents_agent_changelist")).content.decode()

    assert f'<a href="{dashboard_url(agent)}">Dashboard</a>' in html
