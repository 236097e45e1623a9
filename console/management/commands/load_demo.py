"""Load the demo: admin, ops and support logins, an agent with the product page's config,
a few calls."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from agents.models import Agent
from agents.roles import OPS, SUPPORT, staff_user_create
from agents.services import agent_import_json
from calls.services import call_create

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_SLUG = "demo"


class Command(BaseCommand):
    help = (
        "Create admin, ops and support logins, the demo agent and demo calls (safe to run again)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        password = self._admin(username)
        with transaction.atomic():
            agent, created = Agent.objects.get_or_create(
                slug=DEMO_SLUG,
                defaults={
                    "name": "Solaris Energy sales agent (demo)",
                    "description": "Outbound solar sales calls; the product page's example config.",
                    "timezone": "Europe/Istanbul",
                },
            )
            if created:
                agent_import_json(
                    agent=agent,
                    fields_json=(DEMO_DIR / "seed_fields.json").read_text(),
                    actions_json=(DEMO_DIR / "seed_action.json").read_text(),
                    by="load_demo",
                )
            new_calls = self._calls(agent)
        self.stdout.write(f"Demo agent: {agent.name} ({new_calls} new demo call(s)).")
        self._show_login("Admin", username, password)
        for role in (OPS, SUPPORT):
            self._show_login(role, role.lower(), self._staff(role.lower(), role))

    def _show_login(self, role: str, username: str, password: str) -> None:
        if password:
            self.stdout.write(
                self.style.SUCCESS(f"{role} login: {username} / {password}  (shown once)")
            )
        else:
            self.stdout.write(f"{role} login: {username} (already exists; password unchanged)")

    def _admin(self, username: str) -> str:
        users = get_user_model().objects
        if users.filter(username=username).exists():
            return ""
        password = secrets.token_urlsafe(9)
        users.create_superuser(username=username, email="", password=password)
        return password

    def _staff(self, username: str, role: str) -> str:
        if get_user_model().objects.filter(username=username).exists():
            return ""
        password = secrets.token_urlsafe(9)
        staff_user_create(username=username, password=password, role=role)
        return password

    def _calls(self, agent: Agent) -> int:
        now = timezone.now()
        created_count = 0
        for item in json.loads((DEMO_DIR / "calls.json").read_text()):
            started_at = now - timedelta(minutes=item["minutes_ago"])
            _, created = call_create(
                agent=agent,
                external_id=item["external_id"],
                started_at=started_at,
                ended_at=started_at + timedelta(seconds=item["duration_seconds"]),
                from_number=item["from_number"],
                to_number=item["to_number"],
                transcript=item["transcript"],
            )
            created_count += created
        return created_count
