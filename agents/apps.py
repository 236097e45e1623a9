from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def sync_roles_after_migrate(**kwargs: Any) -> None:
    from agents.roles import roles_sync

    roles_sync()


class AgentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agents"

    def ready(self) -> None:
        # The last project app: by the time its post_migrate runs, every app's
        # permissions exist, so each role gets its whole list.
        post_migrate.connect(
            sync_roles_after_migrate,
            sender=apps.get_app_config("actions"),
            dispatch_uid="agents.sync_roles",
        )
