"""Where a field's evidence quote sits in the transcript, for highlighting it.

Quotes are found the way grounding finds them (ignoring case, spacing and
punctuation, parts split at an ellipsis), then mapped back to the characters of
the turn they came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from extraction.types import Quote, Turn
from extraction.validation import ELLIPSIS, SPEAKER_LABEL

NOT_WORD = re.compile(r"[\W_]")


@dataclass(frozen=True)
class Span:
    turn: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    text: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class HighlightedTurn:
    role: str
    offset: float | None
    segments: tuple[Segment, ...]


def folded_with_origins(text: str) -> tuple[str, list[int]]:
    """`text` folded like grounding folds it, and for each folded character its index in `text`."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char).casefold():
            if NOT_WORD.match(piece):
                if not folded or folded[-1] == " ":
                    continue
                piece = " "
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


def quote_parts(quote: str) -> list[str]:
    parts = [folded_with_origins(part)[0].strip() for part in ELLIPSIS.split(quote)]
    return [part for part in parts if part]


def evidence_spans(quote: str, turns: tuple[Turn, ...]) -> list[Span]:
    """The spans of each part of `quote`, in order through the transcript; [] if any is missing."""
    folded_turns = [folded_with_origins(turn.text) for turn in turns]
    spans: list[Span] = []
    turn_index, position = 0, 0
    for part in quote_parts(SPEAKER_LABEL.sub("", quote)):
        while turn_index < len(turns):
            folded, origins = folded_turns[turn_index]
            found = folded.find(part, position)
            if found >= 0:
                end = found + len(part)
                spans.append(Span(turn_index, origins[found], origins[end - 1] + 1))
                position = end
                break
            turn_index, position = turn_index + 1, 0
        else:
            return []
    return spans


def quotes_of(evidence: Quote) -> list[str]:
    """A field's quotes: its one quote, or each item's of a list."""
    if isinstance(evidence, list):
        return [quote for quote in evidence if isinstance(quote, str) and quote]
    return [evidence] if isinstance(evidence, str) and evidence else []


def highlighted_turns(
    turns: tuple[Turn, ...], evidence: Mapping[str, Quote]
) -> list[HighlightedTurn]:
    """The transcript cut into segments, each naming the fields whose evidence covers it;
    a list field's each item's quote."""
    marks: list[list[set[str]]] = [[set() for _ in turn.text] for turn in turns]
    for name, given in evidence.items():
        for quote in quotes_of(given):
            for span in evidence_spans(quote, turns):
                for index in range(span.start, span.end):
                    marks[span.turn][index].add(name)
    return [
        HighlightedTurn(turn.role, turn.offset, tuple(segments(turn.text, marks[index])))
        for index, turn in enumerate(turns)
    ]


def segments(text: str, marks: list[set[str]]) -> list[Segment]:
    result: list[Segment] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marks[index] != marks[start]:
            result.append(Segment(text[start:index], tuple(sorted(marks[start]))))
            start = index
    return result
