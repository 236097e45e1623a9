"""The agent page's list of connections, each with its URL to paste."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.db.models import Max
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from agents.models import Agent
from connectors.platforms import PLATFORMS
from connectors.selectors import agent_connections, connection_url
from extraction.timezones import known_timezones

register = template.Library()


def copy_box(url: str) -> SafeString:
    return format_html(
        '<span class="connection-url"><input type="text" readonly value="{}" '
        'class="vTextField connection-url-text" style="width:42em"> '
        '<button type="button" class="button copy-url" data-url="{}">Copy</button> '
        '<span class="copy-result"></span></span>',
        url,
        url,
    )


def stored_zone(agent: Agent) -> str:
    """The agent's zone; on a page refused for its zone the instance holds the typed one."""
    if agent.timezone in known_timezones():
        return agent.timezone
    return Agent.objects.values_list("timezone", flat=True).get(pk=agent.pk)


@register.simple_tag
def agent_connection_rows(agent: Agent) -> list[dict[str, Any]]:
    zone = ZoneInfo(stored_zone(agent))
    rows = []
    for connection in agent_connections(agent_id=agent.pk).annotate(
        last_received=Max("deliveries__received_at")
    ):
        adapter = PLATFORMS[connection.platform]
        last = connection.last_received
        rows.append(
            {
                "label": adapter.label,
                "is_enabled": connection.is_enabled,
                "hint": adapter.dashboard_hint,
                "copy_box": copy_box(connection_url(connection)),
                "change_url": reverse("admin:connectors_connection_change", args=[connection.pk]),
                "last_delivery": (
                    f"last delivery {last.astimezone(zone):%Y-%m-%d %H:%M %Z}"
                    if last
                    else "nothing received yet"
                ),
            }
        )
    return rows
