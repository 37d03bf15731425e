"""The JSON Schemas shipped with the package, and plain-language validation errors."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, cast

import jsonschema

from checker.codes import country_problem
from checker.errors import RuleError
from checker.yamlsource import YamlDocument, YamlPath

SCHEMAS = ("rule", "list")


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("checker.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when none is close. YAML keys may be
    numbers, booleans or null (`1:`, `yes:`, `~:`): they are compared as written."""
    written, options = str(word), [str(choice) for choice in choices]
    close = difflib.get_close_matches(written, options, n=1, cutoff=0.6)
    if not close:  # a case slip ("Notice") is not "close" to difflib
        close = [c for c in options if c.lower() == written.lower()]
    return f" (did you mean {close[0]!r}?)" if close else ""


# What each pattern of the schemas asks for, in words a rule author understands.
_PATTERN_WORDS = {
    "^[a-z0-9]+(\\.[a-z0-9-]+)+$": "an id of lower-case words joined by dots, e.g. house.byline.credit",
    "^[a-z]{2}$": "a two-letter ISO 639-1 language code in lower case, e.g. ru",
    "^https?://": "an address starting with http:// or https://",
    "^[a-z]{2}\\.[a-z0-9-]+$": "a list id such as ru.foreign-agents",
}
_COUNTRY_PATTERN = "^[A-Z]{2}$"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str | None]:
    """A message for a rule author, and the key it is about (to point at its position)."""
    # jsonschema leaves these unset only on errors built by hand, never on those it yields
    schema = cast("Mapping[str, Any]", error.schema)
    instance: Any = error.instance
    value: Any = error.validator_value
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        if extra:
            key = extra[0]
            return f"unknown key {key!r} in {where}{did_you_mean(key, allowed)}", key
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where}: missing required key {missing!r}", None
    if error.validator in ("enum", "const"):
        choices = value if error.validator == "enum" else [value]
        hint = did_you_mean(str(instance), [str(c) for c in choices])
        listed = ", ".join(str(c) for c in choices)
        return f"{where}: {instance!r} is not one of {listed}{hint}", None
    if error.validator == "format" and value == "date":
        return f"{where}: {instance!r} is not a date (write YYYY-MM-DD)", None
    if error.validator == "pattern":
        if value == _COUNTRY_PATTERN and isinstance(instance, str):
            return f"{where}: {country_problem(instance)}", None
        wanted = _PATTERN_WORDS.get(value, "in the expected form")
        return f"{where}: {instance!r} is not {wanted}", None
    if error.validator == "type":
        wanted = _TYPE_WORDS.get(str(value), value)
        return f"{where}: expected {wanted}, found {_describe_value(instance)}", None
    if error.validator == "oneOf":  # only examples use oneOf: text, html or markdown
        return f"{where}: an example needs exactly one of text, html or markdown", None
    return f"{where}: {error.message}", None


_TYPE_WORDS = {
    "object": "keys with values (a mapping)",
    "array": "a list (items starting with '- ', or [a, b])",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _leaf_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    # if/then and allOf wrap the useful error; report the innermost ones. A oneOf's inner errors
    # ("text is required", "html is required"...) say less than the oneOf itself.
    if error.context and error.validator != "oneOf":
        return [leaf for sub in error.context for leaf in _leaf_errors(sub)]
    return [error]


def validate(doc: YamlDocument, schema: str, data: Any = None, base: YamlPath = ()) -> list[RuleError]:
    """All schema errors of `data` (default: the whole document), with file:line:column."""
    instance = doc.data if data is None else data
    errors = []
    for error in _validator(schema).iter_errors(instance):
        for leaf in _leaf_errors(error):
            message, key = _describe(leaf)
            path = base + tuple(leaf.absolute_path)
            errors.append(doc.error(message, path, key))
    unique = {(e.line, e.column, e.message): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e.line or 0, e.column or 0))
