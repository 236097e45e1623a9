from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from agents.api_keys import api_key_create
from agents.models import ApiScope


class Command(BaseCommand):
    help = "Create an API key and print it once (the admin's API keys page does the same)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", help="Who uses the key, e.g. 'Voice runtime'.")
        parser.add_argument(
            "--scope",
            action="append",
            choices=ApiScope.values,
            required=True,
            help="read, write, runtime or review; repeat for several.",
        )

    def handle(self, *args: Any, name: str, scope: list[str], **options: Any) -> None:
        try:
            _, key = api_key_create(name=name, scopes=scope)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(key)
