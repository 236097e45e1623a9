"""Webhook bodies built from a template: JSON whose strings insert a call's values.

A template is a JSON object or list. Each string in it is a Jinja template, rendered in
`ImmutableSandboxedEnvironment` against plain data only (dicts, lists, text, numbers):
a name resolves to a key of a dict, never to an attribute or method of a Python object,
and names starting with `_` are refused. Loops, output size and render time are bounded,
so a template can neither hang a worker nor fill its memory.

A string that is exactly one `{{ … }}` keeps the JSON type of what it gives: a number
stays a number, `true` a boolean, a null value `null`. Anywhere else a null value renders
as empty text, never as "None"; `default` says what to write instead.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_time
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.filters import FILTERS
from jinja2.runtime import Context, LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing, pass_context

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
CONTENT_TYPES = (JSON, FORM)
MAX_TEMPLATE_CHARS = 16 * 1024
MAX_BODY_CHARS = 256 * 1024
MAX_RENDER_SECONDS = 1.0
MAX_LOOP_STEPS = 10_000
MAX_FORMAT_CHARS = 64
MAX_POWER_EXPONENT = 256
# Macros calling themselves stop here, long before Python's own recursion limit, which a
# slow machine may not reach within the render's time.
MAX_CALL_DEPTH = 64
# What a template may name; each is plain data.
SCOPE_NAMES = ("values", "call", "action", "confidence", "evidence", "test")
# The global each loop's items go through, each counted as a step.
COUNTED = "_counted"
# `{{ x }}` and nothing else: the string keeps the JSON type of `x`.
ONE_EXPRESSION = re.compile(r"\A\{\{-?(?P<expression>.*?)-?\}\}\Z", re.DOTALL)


class TemplateInvalid(ValueError):
    """A template cannot be rendered; the message names the place it breaks."""


@dataclass
class _Budget:
    deadline: float
    steps: int = 0
    chars: int = 0
    depth: int = 0

    def charge(self) -> None:
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS:
            raise SecurityError(f"more than {MAX_LOOP_STEPS} steps (loop turns and lookups)")
        if time.monotonic() > self.deadline:
            raise SecurityError(f"rendering took more than {MAX_RENDER_SECONDS:g} s")

    def output(self, chars: int) -> None:
        self.chars += chars
        if self.chars > MAX_BODY_CHARS:
            raise SecurityError(f"the body would be larger than {MAX_BODY_CHARS} characters")


_budget: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


def _charge() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.charge()


class _Missing(StrictUndefined):
    """A name that is not there: any use of it fails, saying which keys there are."""

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = self._undefined_name
        if isinstance(self._undefined_obj, Mapping):
            keys = ", ".join(sorted(str(key) for key in self._undefined_obj)[:30])
            return f"{name!r} is not there (there is: {keys or 'nothing'})"
        if self._undefined_obj is not missing:
            return f"{name!r}: only an object's keys can be looked up (use the filters)"
        return f"{name!r} is not defined (use {', '.join(SCOPE_NAMES)})"


def text_of(value: Any) -> str:
    """A value written inside text as JSON spells it: null as nothing (never "None"),
    booleans as true and false, lists and objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _Generator(CodeGenerator):
    """Jinja's code, but `a ~ b` joins with `text_of`, as `{{ }}` writes, not with str()."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.join_text((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Sandbox(ImmutableSandboxedEnvironment):
    """Dict keys and list items only; every lookup, call and operation counts against the
    render's budget."""

    intercepted_binops = frozenset({"*", "**", "%"})
    code_generator_class = _Generator

    @staticmethod
    def join_text(items: Sequence[Any]) -> str:
        _charge()
        text = "".join(map(text_of, items))
        if len(text) > MAX_BODY_CHARS:
            raise SecurityError(f"a text larger than {MAX_BODY_CHARS} characters")
        return text

    def getattr(self, obj: Any, attribute: str) -> Any:
        _charge()
        if attribute.startswith("_"):
            raise SecurityError(f"{attribute!r}: names starting with _ are not allowed")
        if isinstance(obj, LoopContext):
            return super().getattr(obj, attribute)
        if isinstance(obj, Mapping) and attribute in obj:
            return obj[attribute]
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _charge()
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        if isinstance(obj, str | list | tuple) and isinstance(argument, int | slice):
            try:
                return obj[argument]
            except IndexError:
                pass
        return self.undefined(obj=obj, name=str(argument))

    def call(self, context: Context, obj: Any, *args: Any, **kwargs: Any) -> Any:
        _charge()
        budget = _budget.get()
        if budget is None:
            return super().call(context, obj, *args, **kwargs)
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise RecursionError(f"calls nested more than {MAX_CALL_DEPTH} deep")
            return super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _charge()
        if operator == "%":
            raise SecurityError("% is not allowed (use the filters)")
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_POWER_EXPONENT}")
        if operator == "*":
            _check_repeat(left, right)
        return super().call_binop(context, operator, left, right)


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        sized = isinstance(sequence, str | list | tuple) and isinstance(count, int)
        if sized and len(sequence) * count > MAX_BODY_CHARS:
            raise SecurityError("a repetition larger than a body may be")


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        _charge()
        yield item


def _budgeted_range(*args: int) -> range:
    """Python's range, at most as long as a render's loop steps; a loop counts its steps."""
    span = range(*args)
    if len(span) > MAX_LOOP_STEPS:
        raise SecurityError(f"a range of more than {MAX_LOOP_STEPS} numbers")
    return span


def _zone(context: Context, zone: str | None) -> ZoneInfo:
    name = zone or str((context.get("call") or {}).get("timezone") or "UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise TemplateError(f"{name!r} is not a time zone (e.g. Europe/Istanbul)") from error


def _moment(value: Any, zone: ZoneInfo) -> tuple[datetime, bool]:
    """The moment a date or date-time value names, in `zone`, and whether it had a time."""
    text = str(value)
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, day_time(), tzinfo=zone), False
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise TemplateError(f"{text!r} is not a date or date-time (ISO 8601)") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone), True


def _strftime(moment: datetime | date, fmt: str) -> str:
    if len(fmt) > MAX_FORMAT_CHARS:
        raise TemplateError(f"a format of at most {MAX_FORMAT_CHARS} characters")
    return moment.strftime(fmt)


@pass_context
def date_filter(
    context: Context, value: Any, fmt: str = "%Y-%m-%d", zone: str | None = None
) -> str | None:
    """A date or date-time value as a date, in `zone` (the call's by default)."""
    if value is None:
        return None
    moment, _ = _moment(value, _zone(context, zone))
    return _strftime(moment.date(), fmt)


@pass_context
def datetime_filter(
    context: Context, value: Any, fmt: str = "iso", zone: str | None = None
) -> str | int | None:
    """A date-time value in `zone` (the call's by default); a date is its midnight there.
    `fmt` is "iso", "epoch" (seconds), "epoch_ms" (milliseconds) or a strftime format."""
    if value is None:
        return None
    moment, _ = _moment(value, _zone(context, zone))
    if fmt == "iso":
        return moment.isoformat()
    if fmt == "epoch":
        return int(moment.timestamp())
    if fmt == "epoch_ms":
        return int(moment.timestamp() * 1000)
    return _strftime(moment, fmt)


def _phone(context: Context, value: Any, region: str | None) -> phonenumbers.PhoneNumber | None:
    text = str(value).strip()
    call = context.get("call") or {}
    regions: list[str | None] = [region.upper()] if region else []
    for number in (call.get("to_number"), call.get("from_number")):
        if isinstance(number, str) and number.startswith("+"):
            try:
                regions.append(
                    phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
                )
            except phonenumbers.NumberParseException:
                continue
    candidates: list[tuple[str, str | None]] = [
        (text if text.startswith("+") else f"+{text}", None)
    ]
    candidates += [(text, candidate) for candidate in regions]
    for candidate, candidate_region in candidates:
        try:
            parsed = phonenumbers.parse(candidate, candidate_region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
    return None


@pass_context
def e164_filter(context: Context, value: Any, region: str | None = None) -> str | None:
    """A phone number in E.164 (+14155550134); one without its country is read in `region`,
    else in the country of the call's numbers. A number that cannot be read stays as it is."""
    if value is None:
        return None
    parsed = _phone(context, value, region)
    if parsed is None:
        return str(value)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@pass_context
def national_filter(context: Context, value: Any, region: str | None = None) -> str | None:
    """A phone number as its country writes it ((415) 555-0134); read as `e164` reads it."""
    if value is None:
        return None
    parsed = _phone(context, value, region)
    if parsed is None:
        return str(value)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def default_filter(value: Any, fallback: Any = "") -> Any:
    """`fallback` when the value is null or missing."""
    if value is None or isinstance(value, Undefined):
        return fallback
    return value


def json_filter(value: Any) -> str:
    """The value as JSON text, e.g. to quote it inside a message."""
    return json.dumps(value, ensure_ascii=False)


def join_filter(value: Any, separator: str = ", ") -> str:
    """The list's items that have a value, as text, between `separator`."""
    if value is None:
        return ""
    items = [str(item) for item in value if item is not None]
    if sum(map(len, items)) + len(separator) * len(items) > MAX_BODY_CHARS:
        raise SecurityError("a joined text larger than a body may be")
    return separator.join(items)


def replace_filter(value: Any, old: str, new: str, count: int = -1) -> str | None:
    if value is None:
        return None
    text = str(value)
    grows = max(len(new) - len(old), 0) * (text.count(old) if old else len(text) + 1)
    if len(text) + grows > MAX_BODY_CHARS:
        raise SecurityError("a replacement larger than a body may be")
    return text.replace(old, new, count)


def _keeping_null(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, giving null for null; Jinja's first argument (its environment or
    context, when the filter asks for one) is passed on as it comes."""
    passes = getattr(function, "jinja_pass_arg", None)
    if passes is None:

        def filtered(value: Any, *args: Any, **kwargs: Any) -> Any:
            return None if value is None else function(value, *args, **kwargs)

        return filtered

    def filtered_passing(first: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        return None if value is None else function(first, value, *args, **kwargs)

    filtered_passing.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return filtered_passing


# Jinja's own filters that cannot build large output from small input.
SAFE_BUILTINS = (
    *("abs", "capitalize", "first", "last", "length", "lower", "upper", "title", "trim"),
    *("truncate", "round", "int", "float", "min", "max", "sum", "list", "unique"),
    *("urlencode", "striptags"),
)

OUR_FILTERS: dict[str, Callable[..., Any]] = {
    "date": date_filter,
    "datetime": datetime_filter,
    "e164": e164_filter,
    "national": national_filter,
    "default": default_filter,
    "d": default_filter,
    "json": json_filter,
    "join": join_filter,
    "replace": replace_filter,
}


def _environment() -> _Sandbox:
    env = _Sandbox(undefined=_Missing, finalize=text_of, autoescape=False)
    env.filters = {name: _keeping_null(FILTERS[name]) for name in SAFE_BUILTINS}
    env.filters.update(OUR_FILTERS)
    env.globals = {"range": _budgeted_range, COUNTED: _counted}
    env.tests = {
        name: env.tests[name] for name in ("defined", "undefined", "none", "number", "string")
    }
    return env


ENV = _environment()


def template_strings(template: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string of a template with its JSON path (`config.template.properties.phone`);
    keys are plain text."""
    if isinstance(template, str):
        yield path, template
    elif isinstance(template, Mapping):
        for key, item in template.items():
            yield from template_strings(item, f"{path}.{key}")
    elif isinstance(template, list):
        for index, item in enumerate(template):
            yield from template_strings(item, f"{path}[{index}]")


def template_errors(template: Any, *, path: str = "config.template") -> list[str]:
    """What makes a template unusable whatever the values: its shape, its size and the
    syntax of each string, each with the place it breaks."""
    if not isinstance(template, dict | list):
        return [f"{path}: an object or a list, the JSON of the body"]
    if len(json.dumps(template)) > MAX_TEMPLATE_CHARS:
        return [f"{path}: at most {MAX_TEMPLATE_CHARS} characters of JSON"]
    problems = []
    for where, source in template_strings(template, path):
        try:
            ENV.parse(source)
        except TemplateSyntaxError as error:
            problems.append(f"{where}: line {error.lineno}: {error.message}")
    return problems


def render(template: Any, scope: Mapping[str, Any], *, path: str = "config.template") -> Any:
    """The JSON value a template gives for `scope`; TemplateInvalid naming the place."""
    token = _budget.set(_Budget(deadline=time.monotonic() + MAX_RENDER_SECONDS))
    try:
        return _render(template, scope, path)
    finally:
        _budget.reset(token)


def _render(template: Any, scope: Mapping[str, Any], path: str) -> Any:
    if isinstance(template, str):
        try:
            return _render_string(template, scope)
        except TemplateSyntaxError as error:
            raise TemplateInvalid(f"{path}: line {error.lineno}: {error.message}") from error
        except (TemplateError, ArithmeticError, TypeError, ValueError, RecursionError) as error:
            raise TemplateInvalid(f"{path}: {_told(error)}") from error
    if isinstance(template, Mapping):
        return {key: _render(item, scope, f"{path}.{key}") for key, item in template.items()}
    if isinstance(template, list):
        return [_render(item, scope, f"{path}[{index}]") for index, item in enumerate(template)]
    return template


def _told(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, UndefinedError | SecurityError | TemplateError):
        return str(error.message if isinstance(error, TemplateError) else error)
    return f"{type(error).__name__}: {error}"


def _render_string(source: str, scope: Mapping[str, Any]) -> Any:
    budget = _budget.get()
    whole = ONE_EXPRESSION.match(source)
    if whole and _is_one_output(source):
        value = _expression(whole["expression"])(**scope)
        if isinstance(value, Undefined):
            str(value)  # raises the undefined name's error
        plain = _plain(value)
        if budget is not None:
            budget.output(len(json.dumps(plain, ensure_ascii=False)))
        return plain
    text = []
    for chunk in _template(source).generate(**scope):
        if budget is not None:
            budget.output(len(chunk))
        text.append(chunk)
    return "".join(text)


@lru_cache(maxsize=1024)
def _template(source: str) -> Template:
    """The compiled template, each `{% for %}` counting its steps as it goes: a loop over
    a long value inside another cannot run on unbounded."""
    tree = ENV.parse(source)
    for loop in tree.find_all(nodes.For):
        counted = nodes.Call(nodes.Name(COUNTED, "load"), [loop.iter], [], None, None)
        loop.iter = counted.set_lineno(loop.lineno)
    return ENV.from_string(tree)


@lru_cache(maxsize=1024)
def _expression(source: str) -> TemplateExpression:
    return ENV.compile_expression(source, undefined_to_none=False)


@lru_cache(maxsize=1024)
def _is_one_output(source: str) -> bool:
    body = ENV.parse(source).body
    return (
        len(body) == 1
        and isinstance(body[0], nodes.Output)
        and len(body[0].nodes) == 1
        and not isinstance(body[0].nodes[0], nodes.TemplateData)
    )


def _plain(value: Any) -> Any:
    """A rendered value as JSON holds it: text, number, boolean, null, list or object."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    raise TemplateError(
        f"gives a {type(value).__name__}, not a JSON value (add | list to a filtered list)"
    )


def form_fields(rendered: Any, *, path: str = "config.template") -> list[tuple[str, str]]:
    """A rendered body as the name/value pairs of a form; a list gives its name once per
    item. TemplateInvalid when a value is an object or a list of lists."""
    if not isinstance(rendered, Mapping):
        raise TemplateInvalid(f"{path}: a form is an object of field names and values")
    pairs: list[tuple[str, str]] = []
    for name, value in rendered.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, Mapping | list):
                raise TemplateInvalid(
                    f"{path}.{name}: a form field holds text, a number, true/false, null "
                    "or a list of them"
                )
            pairs.append((name, _form_text(item)))
    return pairs


def _form_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def body_bytes(rendered: Any, content_type: str) -> bytes:
    """The bytes sent for a rendered body: compact JSON, or a URL-encoded form."""
    if content_type == FORM:
        return urlencode(form_fields(rendered)).encode()
    return json.dumps(rendered, ensure_ascii=False, separators=(",", ":")).encode()


def body_shown(body: bytes, content_type: str) -> str:
    """The body as the trial shows it: JSON indented, a form one field a line."""
    text = body.decode()
    if content_type == FORM:
        return text.replace("&", "\n&")
    return json.dumps(json.loads(text), indent=2, ensure_ascii=False)


def render_checks(
    template: Any, scopes: Sequence[tuple[str, Mapping[str, Any]]], content_type: str
) -> list[str]:
    """Render the template for each named scope (the sample call, every value null) and
    say where it breaks on each."""
    problems: dict[tuple[str, str], str] = {}
    for told, scope in scopes:
        try:
            rendered = render(template, scope)
            if content_type == FORM:
                form_fields(rendered)
        except TemplateInvalid as error:
            where, _, why = str(error).partition(": ")
            problems.setdefault((where, why), f"{where}: {told}: {why}")
    return list(problems.values())
