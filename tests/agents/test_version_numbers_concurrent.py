"""Saves of one agent at the same moment each get their own version number, in order."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from django.db import connection

from agents.models import Agent
from agents.selectors import agent_field_specs
from agents.services import agent_save

pytestmark = pytest.mark.django_db(transaction=True)
SAVERS = 6


def test_concurrent_saves_number_their_versions_uniquely(seed_agent: Agent) -> None:
    start = threading.Barrier(SAVERS)
    failures: list[BaseException] = []

    def save(index: int) -> None:
        try:
            agent = Agent.objects.get(pk=seed_agent.pk)
            fields = agent_field_specs(agent=agent)
            fields[0] = replace(fields[0], description=f"Customer full name, as saver {index}")
            start.wait()
            agent_save(agent=agent, fields=fields, by=f"saver {index}")
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    versions = list(seed_agent.versions.order_by("number").values_list("number", "created_by"))
    assert [number for number, _ in versions] == list(range(1, SAVERS + 2))
    assert sorted(by for _, by in versions[1:]) == sorted(f"saver {i}" for i in range(SAVERS))
