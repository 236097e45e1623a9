from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from agents.roles import ROLE_PERMISSIONS, staff_user_create


class Command(BaseCommand):
    help = "Create an admin login with one role (Support, Ops or Admin); prints the password."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=list(ROLE_PERMISSIONS), required=True)

    def handle(self, *args: Any, username: str, role: str, **options: Any) -> None:
        password = secrets.token_urlsafe(9)
        try:
            staff_user_create(username=username, password=password, role=role)
        except IntegrityError as error:
            raise CommandError(f"A user named {username!r} already exists.") from error
        self.stdout.write(f"{username} ({role}): {password}  (shown once)")
