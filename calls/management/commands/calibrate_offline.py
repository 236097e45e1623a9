"""Count, on labelled calls, how often the offline extractor is right by how it read a
value, and write the table its confidences come from (`extraction/offline_confidence.py`).

Give it the development sets, never a blind one: a confidence measured on the calls that
measure it would say nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from agents.seed_format import parse_fields
from calls.evaluation import load_dataset, offline_counts
from extraction.offline_confidence import TABLE, smoothed


class Command(BaseCommand):
    help = (
        "Measure the offline extractor's confidences on labelled calls: each argument is "
        "DATASET.jsonl=FIELDS.json. Prints the table and, with --write, writes it where "
        "the offline extractor reads it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("sets", nargs="+", help="DATASET.jsonl=FIELDS.json, one per set.")
        parser.add_argument("--write", action="store_true", help=f"Write {TABLE.name}.")

    def handle(self, *args: Any, **options: Any) -> None:
        labelled = []
        for pair in options["sets"]:
            dataset, _, fields = pair.partition("=")
            if not fields:
                raise CommandError(f"{pair!r}: give DATASET.jsonl=FIELDS.json")
            try:
                specs = tuple(parse_fields(json.loads(Path(fields).read_text())))
                labelled.append((load_dataset(Path(dataset)), specs))
            except (OSError, ValueError) as error:
                raise CommandError(f"{pair}: {error}") from error
        counts = offline_counts(labelled)
        for said, (right, read) in counts.items():
            self.stdout.write(f"{said:55} {right:4}/{read:<4} {smoothed(right, read):.3f}")
        if options["write"]:
            sets = sorted(options["sets"])
            TABLE.write_text(json.dumps({"sets": sets, "counts": counts}, indent=1) + "\n")
            self.stdout.write(f"wrote {TABLE}")
