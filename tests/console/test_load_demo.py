"""`manage.py load_demo`: what a new user gets from `bin/dev`."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from agents.models import Agent
from calls.models import Call

pytestmark = pytest.mark.django_db


def test_the_demo_prints_a_login_for_each_role_once(capsys) -> None:
    call_command("load_demo")
    first = capsys.readouterr().out
    calls_after_first = Call.objects.count()
    call_command("load_demo")
    second = capsys.readouterr().out

    logins = dict(re.findall(r"login: (\w+) / (\S+)  \(shown once\)", first))
    assert set(logins) == {"admin", "ops", "support"}
    for username, password in logins.items():
        client = Client()
        assert client.login(username=username, password=password)
        assert client.get(reverse("admin:calls_call_changelist")).status_code == 200
    assert "shown once" not in second
    agent = Agent.objects.get(slug="demo")
    assert agent.fields.count() == 5
    assert calls_after_first > 0
    assert Call.objects.count() == calls_after_first  # the demo is loaded once
    support = Client()
    support.login(username="support", password=logins["support"])
    change = reverse("admin:agents_agent_change", args=[agent.pk])
    assert support.post(change, {"name": "x"}).status_code == 403
