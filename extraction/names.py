"""The one rule for a field's name, shared by config validation and every value filter."""

import re

FIELD_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def is_field_name(name: object) -> bool:
    return isinstance(name, str) and FIELD_NAME_PATTERN.fullmatch(name) is not None
