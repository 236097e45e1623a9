"""Fields that users of other voice platforms expect every call to have.

Each is an ordinary field once added to an agent: its name, type and description are
what the model reads (the description is the instruction), and the offline extractor
recognises a preset by its name and type (offline.py, "Presets"). Renaming the field
keeps it working with a model backend; the offline extractor then reads it as any other
field of its type.
"""

from __future__ import annotations

from extraction.types import FieldSpec

CALL_SUMMARY = FieldSpec(
    name="call_summary",
    type="string",
    description="A summary of the call in two or three sentences: why the call took place, "
    "what the customer said they want or need, and what was agreed as the next step. Write "
    "it in the language of the call. As evidence, quote the customer's words the summary "
    "rests on most",
)
SENTIMENT = FieldSpec(
    name="sentiment",
    type="enum",
    choices=("positive", "neutral", "negative"),
    description="The customer's overall attitude by the end of the call: positive (pleased, "
    "keen, thankful), neutral (matter-of-fact) or negative (annoyed, upset, complaining). "
    "Judge the customer, not the agent; when the mood changes, the end of the call decides",
)
CALL_SUCCESSFUL = FieldSpec(
    name="call_successful",
    type="boolean",
    description="Whether the call reached its goal: true when the customer agreed to what "
    "the agent asked for (an appointment, a follow-up call, a purchase) or got the answer "
    "they called for; false when they refused, the call broke off, or it reached voicemail",
)
VOICEMAIL_REACHED = FieldSpec(
    name="voicemail_reached",
    type="boolean",
    description="Whether the call reached voicemail or an answering machine instead of a "
    'person: true when only a recorded greeting answered ("leave a message after the '
    'tone"), false when a person spoke with the agent',
)

PRESETS: dict[str, FieldSpec] = {
    spec.name: spec for spec in (CALL_SUMMARY, SENTIMENT, CALL_SUCCESSFUL, VOICEMAIL_REACHED)
}
LABELS = {
    CALL_SUMMARY.name: "Call summary",
    SENTIMENT.name: "Sentiment",
    CALL_SUCCESSFUL.name: "Call outcome (successful or not)",
    VOICEMAIL_REACHED.name: "Voicemail reached",
}


def preset_for(spec: FieldSpec) -> FieldSpec | None:
    """The preset `spec` is, by its name and type; None for any other field."""
    preset = PRESETS.get(spec.name)
    return preset if preset is not None and preset.type == spec.type else None
