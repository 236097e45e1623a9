"""Call list filters on the values of each call's latest analysis.

The parameters look like `value__interest_level=high`; `__null__` asks for calls where
the field was not found; a list field matches when any of its items is the value. With an
agent chosen, its enum and boolean fields, and its lists of choices, get a filter of their
own in the sidebar; any other `value__…` parameter still filters, and is listed
under "extracted values" so it can be seen and cleared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest

from agents.models import Agent, ExtractionField, FieldType, ItemType
from calls.confidences import BANDS
from calls.selectors import NO_CONFIDENCE, calls_by_confidence, calls_with_value, value_literal
from extraction.names import is_field_name

PREFIX = "value__"
NOT_FOUND = "__null__"


def literal_from_parameter(text: str) -> Any:
    return None if text == NOT_FOUND else value_literal(text)


def filter_by_value(queryset: QuerySet, parameter: str, text: str) -> QuerySet:
    try:
        return calls_with_value(
            queryset, parameter.removeprefix(PREFIX), literal_from_parameter(text)
        )
    except ValueError as error:
        raise IncorrectLookupParameters(str(error)) from error


def field_value_filter(name: str, options: list[tuple[str, str]]) -> type[admin.SimpleListFilter]:
    """A sidebar filter for one enum, boolean or list-of-choices field of the chosen agent."""

    class FieldValueFilter(admin.SimpleListFilter):
        title = name.replace("_", " ")
        parameter_name = f"{PREFIX}{name}"

        def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
            return [*options, (NOT_FOUND, "not found")]

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            value = self.value()
            return (
                queryset if value is None else filter_by_value(queryset, self.parameter_name, value)
            )

    return FieldValueFilter


def agent_value_filters(agent_id: str | None) -> list[type[admin.SimpleListFilter]]:
    if not agent_id or not agent_id.isdigit():
        return []
    agent = Agent.objects.filter(pk=agent_id).prefetch_related("fields").first()
    if agent is None:
        return []
    filters = []
    for field in agent.fields.all():
        if field.type == FieldType.ENUM or (
            field.type == FieldType.LIST and field.item_type == ItemType.ENUM
        ):
            filters.append(field_value_filter(field.name, [(c, c) for c in field.choices]))
        elif field.type == FieldType.BOOLEAN:
            filters.append(field_value_filter(field.name, [("true", "yes"), ("false", "no")]))
    return filters


class ExtractedValueFilter(admin.ListFilter):
    """Every `value__…` parameter no field filter took, e.g. from a link or a string field."""

    title = "extracted values"

    def __init__(self, request: HttpRequest, params: dict, model: Any, model_admin: Any) -> None:
        super().__init__(request, params, model, model_admin)
        self.values = {key: params.pop(key)[-1] for key in list(params) if key.startswith(PREFIX)}

    def has_output(self) -> bool:
        return bool(self.values)

    def expected_parameters(self) -> list[str | None]:
        return list(self.values)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        for parameter, text in self.values.items():
            queryset = filter_by_value(queryset, parameter, text)
        return queryset

    def choices(self, changelist: Any) -> Iterator[dict[str, Any]]:
        yield {
            "selected": False,
            "query_string": changelist.get_query_string(remove=list(self.values)),
            "display": "Clear these",
        }
        for parameter, text in self.values.items():
            shown = "not found" if text == NOT_FOUND else text
            yield {
                "selected": True,
                "query_string": changelist.get_query_string(remove=[parameter]),
                "display": f"{parameter.removeprefix(PREFIX)} = {shown} ✕",
            }


class LowestConfidenceFilter(admin.SimpleListFilter):
    """Calls by the confidence of the least trusted value of their latest analysis."""

    title = "lowest confidence"
    parameter_name = "confidence"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*((band.key, band.label) for band in BANDS), (NO_CONFIDENCE, "no confidence")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value is None:
            return queryset
        try:
            return calls_by_confidence(queryset, value)
        except ValueError as error:
            raise IncorrectLookupParameters(str(error)) from error


COLUMNS = "columns"


def chosen_columns(request: HttpRequest) -> list[str]:
    """The field names asked for as columns (`?columns=customer_name,interest_level`)."""
    text = request.GET.get(COLUMNS, "")
    return [name for name in dict.fromkeys(text.split(",")) if is_field_name(name)]


class ValueColumnsFilter(admin.ListFilter):
    """Not a filter: the choice of the chosen agent's fields shown as columns.

    It sits in the sidebar with the filters so that the choice is made, kept and cleared
    like them, and so that the list does not refuse `columns` as an unknown lookup.
    """

    title = "columns"

    def __init__(self, request: HttpRequest, params: dict, model: Any, model_admin: Any) -> None:
        super().__init__(request, params, model, model_admin)
        params.pop(COLUMNS, None)
        self.chosen = chosen_columns(request)
        self.offered = agent_field_names(request.GET.get("agent__id__exact"))

    def has_output(self) -> bool:
        return bool(self.offered or self.chosen)

    def expected_parameters(self) -> list[str | None]:
        return [COLUMNS]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset

    def choices(self, changelist: Any) -> Iterator[dict[str, Any]]:
        yield {
            "selected": not self.chosen,
            "query_string": changelist.get_query_string(remove=[COLUMNS]),
            "display": "No value columns",
        }
        if self.offered:
            everything = ",".join(self.offered)
            yield {
                "selected": self.chosen == self.offered,
                "query_string": changelist.get_query_string({COLUMNS: everything}),
                "display": "Every field",
            }
        for name in [*self.offered, *(n for n in self.chosen if n not in self.offered)]:
            shown = name in self.chosen
            toggled = [n for n in self.chosen if n != name] if shown else [*self.chosen, name]
            query = (
                changelist.get_query_string({COLUMNS: ",".join(toggled)})
                if toggled
                else changelist.get_query_string(remove=[COLUMNS])
            )
            yield {
                "selected": shown,
                "query_string": query,
                "display": f"{'✓' if shown else '+'} {name}",
            }


def agent_field_names(agent_id: str | None) -> list[str]:
    if not agent_id or not agent_id.isdigit():
        return []
    return list(
        ExtractionField.objects.filter(agent_id=agent_id)
        .order_by("position", "id")
        .values_list("name", flat=True)
    )
