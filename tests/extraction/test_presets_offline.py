"""The field presets read offline: what the words show, and plain reasons for the rest."""

from __future__ import annotations

from extraction.presets import CALL_SUCCESSFUL, CALL_SUMMARY, PRESETS, SENTIMENT, VOICEMAIL_REACHED
from extraction.prompt import system_message
from extraction.schema import value_schema
from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed

PRESET_FIELDS = tuple(PRESETS.values())
CONVERSATION = [
    ("agent", "Hello, this is Ada from Solaris. Who am I speaking with?"),
    ("user", "Hi, it's Maria. I'm really annoyed, nobody called me back last week."),
    ("agent", "I'm sorry about that. Shall we book the survey for Tuesday?"),
    ("user", "Yes, that's perfect, thank you so much!"),
]
VOICEMAIL = [
    ("agent", "Hello, this is Ada from Solaris."),
    ("user", "Hi, you've reached Maria. I can't take your call, leave a message after the tone."),
    ("agent", "Hi Maria, please call us back on 0850 123 4567."),
]


def test_a_conversation_reads_mood_and_a_person() -> None:
    result = analysed(request_for(CONVERSATION, fields=PRESET_FIELDS))

    assert result.values["sentiment"] == "positive"  # the end of the call decides
    assert result.evidence["sentiment"] == "Yes, that's perfect, thank you so much!"
    assert result.values["voicemail_reached"] is False
    assert result.evidence["voicemail_reached"] == "Yes, that's perfect, thank you so much!"


def test_what_the_offline_extractor_cannot_do_it_says() -> None:
    result = analysed(request_for(CONVERSATION, fields=PRESET_FIELDS))

    assert result.values["call_summary"] is None
    assert "does not write summaries" in result.reasons["call_summary"]
    assert "model backend" in result.reasons["call_summary"]
    assert result.values["call_successful"] is None
    assert "cannot judge whether a call reached its goal" in result.reasons["call_successful"]


def test_a_voicemail_greeting_is_voicemail_and_no_success() -> None:
    result = analysed(request_for(VOICEMAIL, fields=PRESET_FIELDS))

    assert result.values["voicemail_reached"] is True
    assert "leave a message after the tone" in result.evidence["voicemail_reached"]
    assert result.values["call_successful"] is False
    assert result.values["sentiment"] is None
    assert "does not guess neutral" in result.reasons["sentiment"]


def test_a_customer_mentioning_voicemail_is_a_person() -> None:
    lines = [
        ("agent", "Hello, this is Ada from Solaris."),
        ("user", "Hi, I got your voicemail yesterday."),
        ("agent", "Great. Are you still interested?"),
        ("user", "Not really, and I'm not happy with the price."),
    ]

    result = analysed(request_for(lines, fields=PRESET_FIELDS))

    assert result.values["voicemail_reached"] is False
    assert result.values["sentiment"] == "negative"


def test_one_short_turn_is_too_little_to_tell() -> None:
    result = analysed(request_for([("user", "Hello?")], fields=PRESET_FIELDS))

    assert result.values["voicemail_reached"] is None
    assert "too little" in result.reasons["voicemail_reached"]


def test_moods_are_read_in_english_only() -> None:
    lines = [("agent", "¿Con quién hablo?"), ("user", "Soy Carmen, estoy muy contenta.")]

    result = analysed(request_for(lines, zone="Europe/Madrid", fields=(SENTIMENT,)))

    assert result.values["sentiment"] is None
    assert "English only" in result.reasons["sentiment"]


def test_a_renamed_or_retyped_preset_is_an_ordinary_field() -> None:
    as_text = FieldSpec("call_summary", "boolean", "Whether the call was summarised")
    lines = [("agent", "Was the call summarised?"), ("user", "Yes.")]

    result = analysed(request_for(lines, fields=(as_text,)))

    assert result.values["call_summary"] is True


def test_a_model_reads_each_presets_description_and_choices() -> None:
    request = request_for(CONVERSATION, fields=PRESET_FIELDS)

    prompt = system_message(request)
    sentiment = value_schema(SENTIMENT)

    for spec in (CALL_SUMMARY, SENTIMENT, CALL_SUCCESSFUL, VOICEMAIL_REACHED):
        assert f"- {spec.name} ({spec.type}): {spec.description}." in prompt
    assert "One of: positive, neutral, negative." in prompt
    assert sentiment["enum"] == ["positive", "neutral", "negative", None]
    assert sentiment["description"].startswith("The customer's overall attitude")
