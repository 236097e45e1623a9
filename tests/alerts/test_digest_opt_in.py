"""Each staff user turns their own daily digest on or off from a page of the admin; it is
off until they do, and one user's choice changes nobody else's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AbstractUser
from django.test import Client

from agents.roles import OPS, SUPPORT, staff_user_create
from alerts.models import DigestSubscription
from postcall_site.scheduler import tick
from tests.alerts.conftest import digests_to

pytestmark = pytest.mark.django_db

PAGE = "/admin/digest/"
SEVEN_IN_ISTANBUL = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
NEXT_DAY = datetime(2026, 12, 8, 4, 0, tzinfo=UTC)
TURNED_ON = {"enabled": "on", "timezone": "Europe/Istanbul", "send_hour": "7"}


def staff(username: str, role: str) -> AbstractUser:
    user = staff_user_create(username=username, password=f"{username}-password-1", role=role)
    user.email = f"{username}@example.com"
    user.save(update_fields=["email"])
    return user


def signed_in(user: AbstractUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sent_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        tick()


def test_off_until_the_user_turns_it_on() -> None:
    sena = signed_in(staff("sena", SUPPORT))
    home = sena.get("/admin/")
    assert PAGE in home.content.decode()
    page = sena.get(PAGE)
    assert page.status_code == 200
    assert not page.context["form"]["enabled"].value()
    sent_at(SEVEN_IN_ISTANBUL)
    assert digests_to("sena@example.com") == []

    saved = sena.post(PAGE, TURNED_ON, follow=True)
    assert "sent to sena@example.com every day at 07:00 (Europe/Istanbul)" in saved.content.decode()
    sent_at(NEXT_DAY)
    assert digests_to("sena@example.com") == [
        "Postcall daily digest for 2026-12-07 (Europe/Istanbul)"
    ]


def test_turned_off_it_stops() -> None:
    olga = staff("olga", OPS)
    client = signed_in(olga)
    client.post(PAGE, TURNED_ON)
    sent_at(SEVEN_IN_ISTANBUL)
    client.post(PAGE, {**TURNED_ON, "enabled": ""})
    sent_at(NEXT_DAY)
    assert digests_to("olga@example.com") == [
        "Postcall daily digest for 2026-12-06 (Europe/Istanbul)"
    ]


def test_a_user_changes_only_their_own() -> None:
    olga, sena = staff("olga", OPS), staff("sena", SUPPORT)
    signed_in(olga).post(PAGE, TURNED_ON)
    signed_in(sena).post(PAGE, {**TURNED_ON, "enabled": "", "timezone": "America/Chicago"})
    olgas = DigestSubscription.objects.get(user=olga)
    assert (olgas.enabled, olgas.timezone) == (True, "Europe/Istanbul")
    senas = DigestSubscription.objects.get(user=sena)
    assert (senas.enabled, senas.timezone) == (False, "America/Chicago")


def test_a_zone_that_does_not_exist_is_refused_and_nothing_changes() -> None:
    olga = signed_in(staff("olga", OPS))
    olga.post(PAGE, TURNED_ON)
    page = olga.post(PAGE, {"enabled": "", "timezone": "Mars/Olympus", "send_hour": "9"})
    assert page.status_code == 200
    assert page.context["form"].errors == {
        "timezone": ["'Mars/Olympus' is not an IANA time zone (e.g. Europe/Istanbul)."]
    }
    stored = DigestSubscription.objects.get()
    assert (stored.enabled, stored.timezone, stored.send_hour) == (True, "Europe/Istanbul", 7)
