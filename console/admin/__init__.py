"""The admin: the pages ops and support staff work in, registered for every domain model."""

from console.admin import actions, agents, alerts, calls, connectors, reviews

__all__ = ["actions", "agents", "alerts", "calls", "connectors", "reviews"]
