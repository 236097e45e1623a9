"""Try a config on a labelled set of calls: nothing is stored and no action fires.

The set is a JSON Lines file, or the agent's reviewed calls (`--reviewed --agent SLUG`),
which `--export FILE` writes in the same format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from agents.models import Agent
from agents.seed_format import ImportInvalid, loads, parse_fields
from calls.evaluation import (
    EvaluationCall,
    evaluate,
    load_dataset,
    parse_call,
    summary_table,
)
from calls.reviews import reviewed_lines
from extraction.engine import backend_named
from extraction.types import FieldSpec


class Command(BaseCommand):
    help = (
        "Run extraction on each call of a JSON Lines file and print, per field and overall, "
        "accuracy, precision (right among the values filled) and recall (found right among "
        "the values stated) against the calls' expected values. Failed calls count as "
        "wrong and are listed; having filled nothing, they lower recall but not precision. "
        "The command exits with an error when any call failed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "dataset", type=Path, nargs="?", help="JSON Lines file, one call a line."
        )
        parser.add_argument(
            "--reviewed",
            action="store_true",
            help="Use the agent's reviewed calls as the labelled set instead of a file: "
            "the values people confirmed or corrected are the expected ones.",
        )
        parser.add_argument(
            "--export",
            type=Path,
            help="With --reviewed: write the labelled set to this JSON Lines file, in the "
            "format the command reads, and evaluate nothing.",
        )
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--agent", help="Slug of the agent whose fields to use.")
        source.add_argument("--fields", type=Path, help="JSON file with a field array.")
        parser.add_argument("--backend", choices=["offline", "openai"], default="")
        parser.add_argument(
            "--model",
            default="",
            help="Model for the openai backend (default: the agent's, else "
            "EXTRACTION_DEFAULT_MODEL).",
        )
        parser.add_argument("--json", action="store_true", help="One JSON object a call.")

    def handle(self, *args: Any, **options: Any) -> None:
        fields, model = self._fields(options)
        if options["reviewed"]:
            calls = self._reviewed(options, fields)
            if calls is None:
                return
        else:
            if options["export"] or options["dataset"] is None:
                raise CommandError("Give a JSON Lines file, or --reviewed --agent SLUG.")
            calls = self._calls(options["dataset"])
        backend = backend_named(options["backend"] or settings.EXTRACTION_BACKEND)
        progress = tqdm(total=len(calls), disable=options["json"], file=self.stderr)
        report = evaluate(
            calls,
            fields=fields,
            backend=backend,
            model=options["model"] or model or settings.EXTRACTION_DEFAULT_MODEL,
            on_call=lambda _: progress.update(1),
        )
        progress.close()
        if options["json"]:
            for outcome in report.outcomes:
                line = outcome.as_json(report.timed_field)
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            self.stdout.write(json.dumps({"summary": report.summary()}, ensure_ascii=False))
        else:
            self.stdout.write(summary_table(report))
        failed = report.summary()["failed"]
        if failed:
            raise CommandError(f"{failed} of {len(report.outcomes)} call(s) failed")

    def _fields(self, options: dict[str, Any]) -> tuple[tuple[FieldSpec, ...], str]:
        if options["agent"]:
            agent = Agent.objects.filter(slug=options["agent"]).first()
            if agent is None:
                raise CommandError(f"No agent with slug {options['agent']!r}.")
            return tuple(field.spec() for field in agent.fields.all()), agent.extraction_model
        path: Path = options["fields"]
        try:
            return tuple(parse_fields(loads(path.read_text(), str(path)))), ""
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ImportInvalid as error:
            raise CommandError(str(error)) from error

    def _reviewed(
        self, options: dict[str, Any], fields: tuple[FieldSpec, ...]
    ) -> list[EvaluationCall] | None:
        """The agent's reviewed calls, read as the lines of a file would be; None once
        they are exported instead."""
        if not options["agent"] or options["dataset"] is not None:
            raise CommandError("--reviewed reads the calls of --agent SLUG, not a file.")
        agent = Agent.objects.get(slug=options["agent"])
        date_field = next((spec.name for spec in fields if spec.format == "date"), None)
        lines = reviewed_lines(agent_id=agent.pk, date_field=date_field)
        if options["export"]:
            path: Path = options["export"]
            text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
            try:
                path.write_text(text)
            except OSError as error:
                raise CommandError(f"Cannot write {path}: {error.strerror}") from error
            self.stdout.write(f"Wrote {len(lines)} reviewed call(s) to {path}.")
            return None
        if not lines:
            raise CommandError(f"No call of {agent.slug!r} has been reviewed yet.")
        return [parse_call(number, line) for number, line in enumerate(lines, start=1)]

    def _calls(self, path: Path) -> list[EvaluationCall]:
        try:
            return load_dataset(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
