"""What every platform module shares: the request as received, the call it maps to and
its assembly, the two ways a delivery is refused, and readers for the fields platforms
send."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeVar

import phonenumbers

from extraction.timezones import known_timezones

NUMBER = (int, float)
# What a platform sends for a detail it has nothing for.
EMPTY: tuple[Any, ...] = (None, "", {})


class SignatureRefused(Exception):
    """The request is not signed by the connection's secret; the message says why."""


class DeliveryMalformed(ValueError):
    """A verified body that is not this platform's finished-call shape.

    `problems` maps each field (a dotted path into the body) to what is wrong with it.
    """

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{path} {problem}" for path, problem in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Received:
    """A request as it arrived: header names lower-cased, the body's raw bytes, and the
    connection's public URL (what the platform was told to post to)."""

    headers: Mapping[str, str]
    body: bytes
    url: str
    now: datetime

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "").strip()

    def required_header(self, name: str) -> str:
        """The header's value; the request is refused without it."""
        value = self.header(name)
        if not value:
            raise SignatureRefused(f"no {name} header")
        return value


@dataclass(frozen=True)
class PlatformCall:
    """A finished call as `calls.services.call_create` takes it."""

    external_id: str
    started_at: datetime
    ended_at: datetime | None = None
    direction: str = "inbound"
    from_number: str = ""
    to_number: str = ""
    # Turns, or plain text as `parse_transcript` reads it ("bot:" and "human:" lines).
    transcript: list[dict[str, Any]] | str = field(default_factory=list)
    timezone: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


class PlatformAdapter:
    """One voice platform: how it signs, which events end a call, how its call maps."""

    slug: ClassVar[str]
    label: ClassVar[str]
    dashboard_hint: ClassVar[str]
    secret_label: ClassVar[str]
    finished_events: ClassVar[frozenset[str]]
    # Where the platform's id of the call is in its body, as a dotted path.
    call_id_path: ClassVar[str]
    # Events that may follow the first one for the same call and add to it.
    adding_events: ClassVar[frozenset[str]] = frozenset()

    def verify(self, received: Received, secrets: list[str], options: dict[str, Any]) -> None:
        """Raise SignatureRefused unless one of `secrets` signed the request."""
        raise NotImplementedError

    def event(self, document: Any) -> str:
        """The event's name; raise DeliveryMalformed when the body names none."""
        raise NotImplementedError

    def call(self, document: dict[str, Any]) -> PlatformCall:
        """The finished call in a finished-call event; raise DeliveryMalformed."""
        raise NotImplementedError

    def call_id(self, document: Any) -> str:
        """The platform's id of the call, when the body has one in its usual place."""
        value = Fields(document).value(self.call_id_path)
        return value if isinstance(value, str) else ""

    def mapped_call(
        self,
        fields: Fields,
        *,
        call_id: str,
        started: datetime | None,
        started_path: str,
        ended: datetime | None = None,
        duration: float | None = None,
        duration_unit: str = "seconds",
        direction: str,
        numbers: tuple[str, str],
        transcript: list[dict[str, Any]] | str,
        timezone: Any = None,
        analysis: Any,
        variables: Any,
        details: dict[str, Any],
    ) -> PlatformCall:
        """The call once every field of the body is read from `fields`: the body is
        refused with every problem found, else the call is assembled in the one shape.
        `numbers` are the caller's and the callee's, as the platform wrote them. Without
        an end, a `duration` (in `duration_unit`, a `timedelta` keyword) from the start
        gives it; the `timezone` the platform names is kept when it is an IANA zone."""
        fields.check()
        started_at = fields.present(started, started_path)
        if ended is None and duration is not None:
            ended = started_at + timedelta(**{duration_unit: duration})
        from_number, to_number = e164_pair(*numbers)
        return PlatformCall(
            external_id=call_id,
            started_at=started_at,
            ended_at=ended,
            timezone=known_zone(timezone),
            direction=direction,
            from_number=from_number,
            to_number=to_number,
            transcript=transcript,
            metadata=platform_metadata(
                platform=self.slug,
                call_id=call_id,
                analysis=analysis,
                variables=variables,
                details=details,
            ),
        )

    def sample(self, *, call_id: str, now: datetime) -> dict[str, Any]:
        """A finished call in the shape the platform's docs give."""
        raise NotImplementedError

    def sign(
        self, *, body: bytes, secret: str, options: dict[str, Any], url: str, now: datetime
    ) -> dict[str, str]:
        """The headers the platform would sign `body` with."""
        raise NotImplementedError


def hmac_hex(key: str | bytes, message: bytes, algorithm: str = "sha256") -> str:
    key_bytes = key.encode() if isinstance(key, str) else key
    return hmac.new(key_bytes, message, getattr(hashlib, algorithm)).hexdigest()


def same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def check_moment(moment: datetime, now: datetime, tolerance: timedelta, header: str) -> None:
    skew = abs((now - moment).total_seconds())
    if skew > tolerance.total_seconds():
        raise SignatureRefused(
            f"{header} is {skew:.0f} s away from our clock; the limit is "
            f"{tolerance.total_seconds():.0f} s (a replayed or delayed request)"
        )


T = TypeVar("T")


class Fields:
    """Reads a body's fields by dotted path and collects every problem before refusing."""

    def __init__(self, document: Any, root: str = "") -> None:
        self.document = document
        self.root = root
        self.problems: dict[str, str] = {}

    def _path(self, path: str) -> str:
        return f"{self.root}.{path}" if self.root else path

    def value(self, path: str) -> Any:
        current = self.document
        for key in path.split("."):
            if not isinstance(current, dict):
                return None
            current = current.get(key)
        return current

    def values(self, paths: Mapping[str, str]) -> dict[str, Any]:
        """The value at each of `paths`, by its name."""
        return {name: self.value(path) for name, path in paths.items()}

    def given(self, paths: Iterable[str]) -> dict[str, Any]:
        """The values the body gives at `paths`, by path; empty ones are left out."""
        return {path: value for path in paths if (value := self.value(path)) not in EMPTY}

    def text(self, path: str, *, required: bool = False) -> str:
        value = self.value(path)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if value is None or value == "":
            if required:
                self.problems[self._path(path)] = "is missing"
            return ""
        if not isinstance(value, str):
            self.problems[self._path(path)] = f"must be text, not {type(value).__name__}"
            return ""
        return value

    def number(self, path: str, *, required: bool = False) -> float | None:
        value = self.value(path)
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                self.problems[self._path(path)] = f"must be a number, not {value!r}"
                return None
        if value is None:
            if required:
                self.problems[self._path(path)] = "is missing"
            return None
        if isinstance(value, bool) or not isinstance(value, NUMBER):
            self.problems[self._path(path)] = f"must be a number, not {type(value).__name__}"
            return None
        return float(value)

    def mapping(self, path: str, *, required: bool = False) -> dict[str, Any]:
        value = self.value(path)
        if value is None:
            if required:
                self.problems[self._path(path)] = "is missing"
            return {}
        if not isinstance(value, dict):
            self.problems[self._path(path)] = "must be an object"
            return {}
        return value

    def items(self, path: str) -> list[Any]:
        value = self.value(path)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems[self._path(path)] = "must be a list"
            return []
        return value

    def epoch(self, path: str, *, scale: float, required: bool = False) -> datetime | None:
        """A Unix time in seconds (`scale` 1) or milliseconds (`scale` 1000)."""
        value = self.number(path, required=required)
        if value is None:
            return None
        try:
            return datetime.fromtimestamp(value / scale, UTC)
        except (OverflowError, OSError, ValueError):
            self.problems[self._path(path)] = f"{value!r} is not a Unix time"
            return None

    def iso(self, path: str, *, required: bool = False) -> datetime | None:
        """An ISO 8601 moment; one without an offset is read as UTC, as these platforms
        document their clocks."""
        text = self.text(path, required=required)
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.problems[self._path(path)] = f"{text!r} is not an ISO 8601 date and time"
            return None
        return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)

    def within(self, path: str) -> Fields:
        """The fields of the object at `path`; the body is refused when it has none."""
        self.mapping(path, required=True)
        self.check()
        return Fields(self.value(path), root=self._path(path))

    def check(self) -> None:
        if self.problems:
            raise DeliveryMalformed(self.problems)

    def present(self, value: T | None, path: str) -> T:
        """`value`, read from `path` with required=True; the body is refused without it."""
        if value is None:
            self.problems.setdefault(self._path(path), "is missing")
            raise DeliveryMalformed(self.problems)
        return value


def platform_metadata(
    *,
    platform: str,
    call_id: str,
    analysis: Any,
    variables: Any,
    details: dict[str, Any],
) -> dict[str, Any]:
    """What a platform sends beyond the call itself, kept on the call's metadata in one
    shape for every platform; details it left empty are dropped."""
    return {
        "platform": platform,
        "platform_call_id": call_id,
        "platform_analysis": analysis,
        "platform_variables": variables,
        "platform_details": {key: value for key, value in details.items() if value not in EMPTY},
    }


# What every platform's sample call says, the agent first: one dialogue for all of them.
SAMPLE_DIALOGUE = (
    "Hello, this is Ada from Solaris. Who am I speaking with?",
    "Hi, my name is Maria Gonzalez.",
    "Shall we call you back to book a site survey?",
    "Yes please, next Tuesday. My cell is 0532 123 4567.",
)


def sample_lines(
    *, agent: str, user: str, offsets: Sequence[float]
) -> list[tuple[str, str, float]]:
    """The sample dialogue as (role, text, offset) in a platform's names for the two sides
    and its timing: `offsets` gives each line's start, in seconds into the call."""
    roles = (agent, user) * (len(SAMPLE_DIALOGUE) // 2)
    return list(zip(roles, SAMPLE_DIALOGUE, offsets, strict=True))


def spoken_turn(role: str, text: str, offset: float | None) -> dict[str, Any]:
    """A transcript turn as `call_create` takes it; the offset only where one was given."""
    turn: dict[str, Any] = {"role": role, "text": text}
    if offset is not None:
        turn["offset"] = offset
    return turn


def caller_and_callee(direction: str, *, ours: str, theirs: str) -> tuple[str, str]:
    """The numbers as caller and callee: on an outbound call ours called theirs, else
    theirs called ours."""
    return (ours, theirs) if direction == "outbound" else (theirs, ours)


def known_zone(name: Any) -> str:
    """`name` when it is an IANA time zone, else empty (the agent's zone is used)."""
    return name if isinstance(name, str) and name in known_timezones() else ""


def e164_pair(first: str, second: str) -> tuple[str, str]:
    """Both numbers in E.164 where they can be read; a number written without its country
    code takes the other number's country."""
    regions = [_region(number) for number in (first, second)]
    return (
        e164(first, region=regions[0] or regions[1]),
        e164(second, region=regions[1] or regions[0]),
    )


def _region(number: str) -> str | None:
    parsed = _parsed(number, None)
    return phonenumbers.region_code_for_number(parsed) if parsed else None


def _parsed(number: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    attempts = [(text, None)] if text.startswith("+") else [(text, region), ("+" + text, None)]
    for candidate, where in attempts:
        if where is None and not candidate.startswith("+"):
            continue
        try:
            parsed = phonenumbers.parse(candidate, where)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
    return None


def e164(number: str, *, region: str | None = None) -> str:
    """`+14155550134` for any way of writing a valid number; anything else (a SIP URI, a
    web call's empty number) as given."""
    if not number:
        return ""
    parsed = _parsed(number, region)
    if parsed is None:
        return number.strip()[:32]
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def seconds(value: Any) -> float | None:
    """A non-negative offset in seconds, rounded to the millisecond, or None."""
    if isinstance(value, bool) or not isinstance(value, NUMBER) or value < 0:
        return None
    return round(float(value), 3)
