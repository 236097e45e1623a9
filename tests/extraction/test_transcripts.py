from __future__ import annotations

import pytest

from extraction.transcripts import TranscriptInvalid, parse_transcript


def test_plain_text_becomes_turns() -> None:
    text = "Agent: Hello, who's calling?\nUser: Maria here.\n\nAgent: Thanks Maria!"

    assert parse_transcript(text) == [
        {"role": "agent", "text": "Hello, who's calling?"},
        {"role": "user", "text": "Maria here."},
        {"role": "agent", "text": "Thanks Maria!"},
    ]


def test_a_line_without_speaker_continues_the_turn() -> None:
    text = "Customer: My number is\n555 0134.\nAssistant: Got it."

    assert parse_transcript(text) == [
        {"role": "user", "text": "My number is 555 0134."},
        {"role": "agent", "text": "Got it."},
    ]


def test_turns_keep_offsets_and_roles_are_normalised() -> None:
    turns = [{"role": "Assistant", "text": "Hi", "offset": 0.5}, {"role": "caller", "text": "Hey"}]

    assert parse_transcript(turns) == [
        {"role": "agent", "text": "Hi", "offset": 0.5},
        {"role": "user", "text": "Hey"},
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Hello there\nAgent: hi", "transcript line 1: start each turn with 'Agent:' or 'User:'"),
        ([{"role": "robot", "text": "hi"}], "transcript turn 1: role 'robot' is not agent or user"),
        ([{"role": "user"}], "transcript turn 1: text must be a string"),
        ([{"role": "user", "text": "x", "offset": -1}], "transcript turn 1: offset must be"),
        ({"role": "user"}, "transcript must be a list of turns or plain text"),
    ],
)
def test_bad_transcripts_say_where(value: object, message: str) -> None:
    with pytest.raises(TranscriptInvalid) as raised:
        parse_transcript(value)

    assert str(raised.value).startswith(message)
