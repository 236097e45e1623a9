"""A choice is read the same way on every worker: a read-back that names two choices
settles neither, whatever the process's hash seed; and a choice's
meaning written in brackets ends with the bracket, so the list after it is no word of
that choice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

ROOT = Path(__file__).resolve().parents[2]
VEHICLE = FieldSpec(
    "vehicle_class",
    "enum",
    "Car class they want (van = our 7 and 9 seaters): economy, compact, suv, van, premium",
    ("economy", "compact", "suv", "van", "premium"),
)
READ_BACK = [
    ("agent", "which class would you like"),
    ("user", "something bigger please"),
    ("agent", "so a compact or rather an suv"),
    ("user", "yes"),
]
READ_IN_A_FRESH_PROCESS = """
from extraction.offline import OfflineBackend
from tests.extraction.conftest import request_for
from tests.extraction.test_any_field_choices_in_order import READ_BACK, VEHICLE
print(OfflineBackend().extract(request_for(READ_BACK, fields=(VEHICLE,))).values["vehicle_class"])
"""


def test_a_read_back_of_two_choices_settles_neither_under_every_hash_seed() -> None:
    read = {
        subprocess.run(
            [sys.executable, "-c", READ_IN_A_FRESH_PROCESS],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }

    assert read == {"None"}


def test_a_meaning_in_brackets_is_not_the_list_after_it() -> None:
    request = request_for(
        [("agent", "which class would you like"), ("user", "economy please, it's just me")],
        zone="Europe/Lisbon",
        fields=(VEHICLE,),
    )

    assert values(request) == {"vehicle_class": "economy"}
