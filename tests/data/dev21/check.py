"""Check the dev21 sets against their field files.

Run from the repository root: .venv/bin/python tests/data/dev21/check.py
Every call's `expected` must have exactly the config's field names; enum values must be
among the choices; dates must be real YYYY-MM-DD dates; date-times must be ISO 8601 with
seconds and the UTC offset the call's zone has on that date; phones digits only; emails
lower case; numbers JSON numbers; booleans true, false or null.
"""

import json
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postcall_site.settings")

import django  # noqa: E402

django.setup()

from agents.seed_format import loads, parse_fields  # noqa: E402
from calls.evaluation import load_dataset  # noqa: E402

SETS = {
    "dental.jsonl": HERE / "dental_fields.json",
    "realtor.jsonl": HERE / "realtor_fields.json",
    "stt_five.jsonl": ROOT / "tests" / "data" / "seed_fields.json",
    "mixed.jsonl": HERE / "mixed_fields.json",
    "pet_grooming.jsonl": HERE / "pet_grooming_fields.json",
    "car_service.jsonl": HERE / "car_service_fields.json",
    "catering.jsonl": HERE / "catering_fields.json",
}
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")


def problems_in(value, spec, zone):
    if value is None:
        return []
    kind = spec.type
    if kind == "boolean":
        return [] if isinstance(value, bool) else ["not a boolean"]
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else ["not a number"]
    if kind == "enum":
        return [] if value in spec.choices else [f"{value!r} not in {spec.choices}"]
    if not isinstance(value, str):
        return ["not a string"]
    if spec.format == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return [f"{value!r} is not a date"]
        return [] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else [f"{value!r} not YYYY-MM-DD"]
    if spec.format == "date-time":
        if not DATETIME.fullmatch(value):
            return [f"{value!r} is not ISO 8601 with seconds and offset"]
        moment = datetime.fromisoformat(value)
        wall = moment.replace(tzinfo=ZoneInfo(zone))
        if wall.utcoffset() != moment.utcoffset():
            return [f"{value!r}: {zone} has offset {wall.utcoffset()} then"]
        return []
    if spec.format == "phone":
        return [] if re.fullmatch(r"\d{7,15}", value) else [f"{value!r} is not 7-15 digits"]
    if spec.format == "email":
        ok = value == value.lower() and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", value)
        return [] if ok else [f"{value!r} is not a lower-case email"]
    return []


def main():
    failures = 0
    for name, fields_path in SETS.items():
        specs = parse_fields(loads(fields_path.read_text(), fields_path.name))
        names = [spec.name for spec in specs]
        calls = load_dataset(HERE / name)
        rows = [json.loads(line) for line in (HERE / name).read_text().splitlines() if line]
        for row in rows:
            where = f"{name} {row['id']}"
            start = datetime.fromisoformat(row["started_at"])
            wall = start.replace(tzinfo=ZoneInfo(row["timezone"]))
            if wall.utcoffset() != start.utcoffset():
                print(f"{where}: started_at offset does not match {row['timezone']}")
                failures += 1
            expected = row["expected"]
            if list(expected) != names:
                print(f"{where}: expected keys {list(expected)} != {names}")
                failures += 1
            for spec in specs:
                for problem in problems_in(expected.get(spec.name), spec, row["timezone"]):
                    print(f"{where} {spec.name}: {problem}")
                    failures += 1
            has_time = "expected_time" in row
            if has_time != (name == "stt_five.jsonl"):
                print(f"{where}: expected_time only belongs in stt_five.jsonl")
                failures += 1
            if has_time and row["expected_time"] and not expected.get("follow_up_date"):
                print(f"{where}: a stated time without a follow-up date")
                failures += 1
        print(f"{name}: {len(calls)} calls, fields {', '.join(names)}")
    print("ok" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
