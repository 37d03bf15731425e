"""The JSON Schemas shipped with the package, and plain-language validation errors."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from .errors import RuleError
from .yamlsource import YamlDocument

SCHEMAS = ("rule", "list")


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("checker.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(error: jsonschema.ValidationError) -> tuple[str, str | None]:
    """A message for a rule author, and the key it is about (to point at its position)."""
    where = ".".join(str(p) for p in error.absolute_path) or "top level"
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            key = extra[0]
            return f"unknown key {key!r} in {where}{_did_you_mean(key, allowed)}", key
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where}: missing required key {missing!r}", None
    if error.validator in ("enum", "const"):
        choices = error.validator_value if error.validator == "enum" else [error.validator_value]
        hint = _did_you_mean(str(error.instance), [str(c) for c in choices])
        allowed = ", ".join(str(c) for c in choices)
        return f"{where}: {error.instance!r} is not one of {allowed}{hint}", None
    if error.validator == "format" and error.validator_value == "date":
        return f"{where}: {error.instance!r} is not a date (write YYYY-MM-DD)", None
    if error.validator == "pattern":
        return f"{where}: {error.instance!r} is not in the expected form", None
    if error.validator == "type":
        return f"{where}: expected {error.validator_value}, found {type(error.instance).__name__}", None
    return f"{where}: {error.message}", None


def _leaf_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    # if/then and allOf wrap the useful error; report the innermost ones.
    if error.context:
        return [leaf for sub in error.context for leaf in _leaf_errors(sub)]
    return [error]


def validate(doc: YamlDocument, schema: str, data: Any = None, base: tuple = ()) -> list[RuleError]:
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
