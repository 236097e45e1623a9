from django.apps import AppConfig


class ActionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actions"

    def ready(self) -> None:
        # The agents app validates and stores action configs without importing the
        # kinds, which sit above it: it finds them in its registry.
        from actions.kinds import KINDS
        from agents.kinds import action_kinds_register

        action_kinds_register(KINDS)
