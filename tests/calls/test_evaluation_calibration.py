"""`evaluate_extraction` prints how well the confidences tell right values from wrong,
overall and per field, and puts the figures in its JSON summary."""

from __future__ import annotations

from pathlib import Path

from tests.calls.test_evaluation_precision_recall import (
    AT_THREE,
    NAMED,
    REFUSED,
    SEED_FIELDS,
    call,
    run,
    summary_of,
    write,
)


def labelled(tmp_path: Path) -> str:
    return write(
        tmp_path,
        call("c1", NAMED, {"customer_name": "Ali Veli", "follow_up_required": False}),
        call("c2", REFUSED, {"customer_name": None, "follow_up_required": False}),
        call("c3", AT_THREE, {"customer_name": "Someone Else", "follow_up_required": True}),
    )


def test_the_reliability_table_and_the_figures_per_field(tmp_path: Path) -> None:
    out, failed = run(labelled(tmp_path), "--fields", SEED_FIELDS)

    assert failed is None
    assert "confidence  values  right" in out
    assert "reviewing the least confident 10% / 20% / 30% of the values catches" in out
    assert "any order could catch at most" in out
    field_rows = out.split("caught at 20%")[1].splitlines()
    assert any(line.split()[:2] == ["customer_name", "3"] for line in field_rows)


def test_the_json_summary_carries_the_calibration(tmp_path: Path) -> None:
    summary = summary_of(labelled(tmp_path))

    overall = summary["calibration"]["overall"]
    assert overall["values"] == 6  # two labelled fields on three calls
    assert sum(band["values"] for band in overall["bands"]) == 6
    assert set(overall["wrong_caught_by_reviewing"]) == {"10%", "20%", "30%"}
    assert summary["calibration"]["fields"]["customer_name"]["values"] == 3


def test_the_values_filled_are_measured_apart(tmp_path: Path) -> None:
    out, _ = run(labelled(tmp_path), "--fields", SEED_FIELDS)
    summary = summary_of(labelled(tmp_path))

    filled = summary["calibration"]["filled"]
    assert 0 < filled["values"] < summary["calibration"]["overall"]["values"]
    assert f"of the {filled['values']} values filled: calibration error" in out
    assert set(filled["most_any_order_could_catch"]) == {"10%", "20%", "30%"}
