from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from agents.roles import roles_sync


class Command(BaseCommand):
    help = "Create the Support, Ops and Admin groups and reset their permissions."

    def handle(self, *args: Any, **options: Any) -> None:
        synced = roles_sync()
        if synced.missing:
            raise CommandError(f"Permissions not found: {', '.join(synced.missing)}")
        for role, count in synced.groups.items():
            self.stdout.write(f"{role}: {count} permissions")
