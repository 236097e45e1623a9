"""Transcripts arrive as a list of turns or as plain text ("Agent: …\\nUser: …")."""

from __future__ import annotations

import re
from typing import Any

AGENT_ROLES = {"agent", "assistant", "bot", "ai"}
USER_ROLES = {"user", "customer", "caller", "human", "client"}
SPEAKER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s?(.*)$")


class TranscriptInvalid(ValueError):
    pass


def canonical_role(role: object) -> str | None:
    if not isinstance(role, str):
        return None
    folded = role.strip().casefold()
    if folded in AGENT_ROLES:
        return "agent"
    if folded in USER_ROLES:
        return "user"
    return None


def parse_transcript(value: Any) -> list[dict[str, Any]]:
    """Return the transcript as turns, or raise TranscriptInvalid saying where it is wrong."""
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        return parse_plain_text(value)
    if not isinstance(value, list):
        raise TranscriptInvalid("transcript must be a list of turns or plain text")
    return [_parse_turn(index, turn) for index, turn in enumerate(value)]


def _parse_turn(index: int, turn: Any) -> dict[str, Any]:
    where = f"transcript turn {index + 1}"
    if not isinstance(turn, dict):
        raise TranscriptInvalid(f'{where}: must be an object like {{"role": "user", "text": "…"}}')
    role = canonical_role(turn.get("role"))
    if role is None:
        raise TranscriptInvalid(f"{where}: role {turn.get('role')!r} is not agent or user")
    text = turn.get("text")
    if not isinstance(text, str):
        raise TranscriptInvalid(f"{where}: text must be a string")
    parsed: dict[str, Any] = {"role": role, "text": text}
    offset = turn.get("offset")
    if offset is not None:
        if isinstance(offset, bool) or not isinstance(offset, int | float) or offset < 0:
            raise TranscriptInvalid(f"{where}: offset must be a number of seconds, not {offset!r}")
        parsed["offset"] = offset
    return parsed


def parse_plain_text(text: str) -> list[dict[str, Any]]:
    """Read "Agent: …" / "User: …" lines; a line with no speaker continues the last turn."""
    turns: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SPEAKER_LINE.match(line)
        role = canonical_role(match.group(1)) if match else None
        if match is not None and role is not None:
            turns.append({"role": role, "text": match.group(2).strip()})
        elif turns:
            turns[-1]["text"] = f"{turns[-1]['text']} {line.strip()}"
        else:
            raise TranscriptInvalid(
                f"transcript line {number}: start each turn with 'Agent:' or 'User:'"
            )
    return turns


def transcript_as_text(turns: list[dict[str, Any]]) -> str:
    return "\n".join(f"{turn['role'].capitalize()}: {turn['text']}" for turn in turns)
