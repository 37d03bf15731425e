"""Project configuration: `[tool.checker]` in pyproject.toml or a checker.yaml, found from the
working directory upward. Command-line options override it."""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .codes import CodeError, country_codes, split_items
from .documents.limits import DEFAULT_LIMITS, Limits, parse_limits
from .errors import RuleError
from .report import SEVERITIES
from .schema import did_you_mean

CONFIG_FILES = ("checker.yaml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    publisher: str | None = None
    regions: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # extra rule paths, relative to the config file
    disable: tuple[str, ...] = ()  # rule ids
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity
    fail_on: str = "warning"
    exclude: tuple[str, ...] = ()  # path globs
    limits: Limits = DEFAULT_LIMITS  # what one document may cost
    source: str | None = None  # the file it came from

    def excluded(self, path: str) -> bool:
        return excluded(path, self.exclude)

    def as_dict(self) -> dict[str, Any]:
        data = {f.name.replace("_", "-"): getattr(self, f.name) for f in fields(self) if f.name != "source"}
        data["limits"] = self.limits.as_dict()
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def excluded(path: str, globs: tuple[str, ...]) -> bool:
    """Whether a path, or its file name, matches one of the globs."""
    return any(fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(Path(path).name, glob) for glob in globs)


def severity_problem(level: str) -> str | None:
    """Why `level` is not a severity (info, warning, error), or None when it is one."""
    return None if level in SEVERITIES else f"{level!r} is not one of {', '.join(SEVERITIES)}"


_LISTS = ("regions", "jurisdictions", "rules", "disable", "exclude")
_KEYS = {"publisher", "severity", "fail-on", "limits", *_LISTS}


def _read(path: Path) -> dict[str, Any] | None:
    """The checker section of a config file, or None when the file has none."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.name == "pyproject.toml":
            tool = tomllib.loads(text).get("tool", {})
            if not isinstance(tool, dict):
                raise RuleError(str(path), "`tool` must be a table, with the configuration in [tool.checker]")
            data = tool.get("checker")
            if data is None:
                return None
        else:
            data = yaml.safe_load(text)
    except UnicodeDecodeError as error:
        raise RuleError(str(path), f"configuration is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise RuleError(str(path), f"cannot read configuration: {error.strerror or error}") from None
    except RecursionError:
        raise RuleError(str(path), "configuration is nested too deeply to read") from None
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError) as error:
        raise RuleError(str(path), f"cannot parse configuration: {error}".splitlines()[0]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RuleError(str(path), "configuration must be a mapping of keys to values")
    return data


def _codes(value: Any, key: str, source: Path) -> tuple[str, ...]:
    try:
        return country_codes([value])
    except CodeError as error:
        raise RuleError(str(source), f"{key}: {error}") from None


def parse(data: dict[str, Any], source: Path) -> Config:
    unknown = sorted(str(key) for key in data if key not in _KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _KEYS) or f"; known keys: {', '.join(sorted(_KEYS))}"
        raise RuleError(str(source), f"unknown configuration key {unknown[0]!r}{hint}")
    raw_severity = data.get("severity") or {}
    if not isinstance(raw_severity, dict):
        raise RuleError(str(source), "severity: write one `rule-id: level` per line under it")
    severity = {str(k): str(v) for k, v in raw_severity.items()}
    for rule_id, level in [*severity.items(), ("fail-on", str(data.get("fail-on", "warning")))]:
        if problem := severity_problem(level):
            raise RuleError(str(source), f"{rule_id}: {problem}{did_you_mean(level, SEVERITIES)}")
    publisher = data.get("publisher")
    try:
        limits = parse_limits(data.get("limits"))
    except ValueError as error:
        raise RuleError(str(source), str(error)) from None
    base = source.parent
    return Config(
        publisher=str(publisher) if publisher is not None else None,
        regions=_codes(data.get("regions"), "regions", source),
        jurisdictions=_codes(data.get("jurisdictions"), "jurisdictions", source),
        rules=tuple(str(base / p) for p in split_items(data.get("rules"))),
        disable=split_items(data.get("disable")),
        severity=severity,
        fail_on=str(data.get("fail-on", "warning")),
        exclude=split_items(data.get("exclude")),
        limits=limits,
        source=str(source),
    )


def find_config(start: Path | None = None) -> Config:
    """The first configuration found from `start` (default: the working directory) upward."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            path = folder / name
            if path.is_file():
                data = _read(path)
                if data is not None:
                    return parse(data, path)
    return Config()


def load_config(path: Path) -> Config:
    data = _read(path)
    return parse(data or {}, path)
