"""What the console, the API and the site read of `actions`, each re-exported from the
module that owns it: the review queues, an inbox's URL, an action's kind with what its
plan reads and tells, and why an action would wait for a review. The writes go through
`actions/services.py`; code outside `actions` imports only these two and `actions.models`
(an import-linter contract holds it).
"""

from actions.inbox import inbox_url
from actions.kinds import Firing, Outline, kind_for, native_property_choices
from actions.kinds.base import extraction_payload
from actions.reviews import (
    ReviewedAction,
    ValueTrust,
    held_reason,
    hold_reasons,
    review_waiting_for,
    reviews_below_confidence,
    reviews_stale,
    reviews_waiting,
    shown_confidence,
    stale_after,
)
from actions.webhooks.catalog import ready_templates
from actions.webhooks.payload import ExtractionPayload, FiringIds

__all__ = [
    "ExtractionPayload",
    "Firing",
    "FiringIds",
    "Outline",
    "ReviewedAction",
    "ValueTrust",
    "extraction_payload",
    "held_reason",
    "hold_reasons",
    "inbox_url",
    "kind_for",
    "native_property_choices",
    "ready_templates",
    "review_waiting_for",
    "reviews_below_confidence",
    "reviews_stale",
    "reviews_waiting",
    "shown_confidence",
    "stale_after",
]
