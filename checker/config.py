"""Project configuration: `[tool.checker]` in pyproject.toml or a checker.yaml, found from the
working directory upward. Command-line options override it."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from checker.checks.mention_label import LABEL_ONCE
from checker.codes import CodeError, country_codes, split_items
from checker.documents.limits import DEFAULT_LIMITS, Limits, parse_limits
from checker.errors import RuleError
from checker.fixes.model import MARKERS, STYLES
from checker.report import SEVERITIES
from checker.schema import did_you_mean
from checker.yamlsource import SafeLoader

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
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to the config file's folder
    extend_exclude: tuple[str, ...] = ()  # more of them, added to `exclude` (as in ruff)
    respect_gitignore: bool = True  # skip what .gitignore files ignore
    house_names: tuple[str, ...] = ()  # publishers declared not designated
    label_once: str | None = None  # which mentions need a label, for mention-label rules that leave it out
    fix_style: str = "parenthesis"  # how `checker fix` adds a label: parenthesis or footnote
    footnote_marker: str = "*"  # the footnote style's marker: * (then **, ***) or numbered
    limits: Limits = DEFAULT_LIMITS  # what one document may cost
    source: str | None = None  # the file it came from

    @property
    def root(self) -> Path | None:
        """The folder excludes are relative to: the configuration file's."""
        return Path(self.source).parent if self.source else None

    def excluded(self, path: str) -> bool:
        """Whether a path is excluded (see `discovery.Excludes`)."""
        from checker.discovery import Excludes

        return Excludes(self.root or Path.cwd(), (*self.exclude, *self.extend_exclude), self.respect_gitignore)\
            .excluded(path)

    @property
    def check_options(self) -> dict[str, Any]:
        """Check options the configuration gives every rule that leaves them out (see
        `RulePack.configured`)."""
        return {"label_once": self.label_once}

    def as_dict(self) -> dict[str, Any]:
        data = {f.name.replace("_", "-"): getattr(self, f.name) for f in fields(self) if f.name != "source"}
        data["limits"] = self.limits.as_dict()
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def severity_problem(level: str) -> str | None:
    """Why `level` is not a severity (info, warning, error), or None when it is one."""
    return None if level in SEVERITIES else f"{level!r} is not one of {', '.join(SEVERITIES)}"


_ITEM_KEYS = ("rules", "disable", "exclude", "extend-exclude", "house-names")  # one text item or a list of them
_KEYS = {
    "publisher", "severity", "fail-on", "respect-gitignore", "limits", "label-once", "fix-style", "footnote-marker",
    "regions", "jurisdictions", *_ITEM_KEYS,
}


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
            data = yaml.load(text, Loader=SafeLoader)
    except UnicodeDecodeError as error:
        raise RuleError(str(path), f"configuration is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise RuleError(str(path), f"cannot read configuration: {error.strerror or error}") from None
    except RecursionError:
        raise RuleError(str(path), "configuration is nested too deeply to read") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise RuleError(str(path), f"cannot parse configuration: {error.problem or error}", line, column) from None
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


def _flag(value: Any, key: str, source: Path) -> bool:
    if not isinstance(value, bool):
        raise RuleError(str(source), f"{key}: write true or false, not {value!r}")
    return value


class ConfigErrors(RuleError):
    """Every problem of one configuration file, not only the first; `errors` has one each."""

    def __init__(self, errors: list[RuleError]):
        super().__init__(errors[0].path, errors[0].message, errors[0].line, errors[0].column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def parse(data: dict[str, Any], source: Path) -> Config:
    """The configuration of one file's checker section; `ConfigErrors` lists all its problems."""
    errors: list[RuleError] = []

    def problem(message: str) -> None:
        errors.append(RuleError(str(source), message))

    for key in sorted(str(key) for key in data if key not in _KEYS):
        hint = did_you_mean(key, _KEYS) or f"; known keys: {', '.join(sorted(_KEYS))}"
        problem(f"unknown configuration key {key!r}{hint}")
    raw_severity = data.get("severity") or {}
    if not isinstance(raw_severity, dict):
        problem("severity: write one `rule-id: level` per line under it")
        raw_severity = {}
    severity = {str(k): str(v) for k, v in raw_severity.items()}
    for rule_id, level in [*severity.items(), ("fail-on", str(data.get("fail-on", "warning")))]:
        if why := severity_problem(level):
            problem(f"{rule_id}: {why}{did_you_mean(level, SEVERITIES)}")
    values: dict[str, Any] = {}
    for key, read in (
        ("regions", lambda: _codes(data.get("regions"), "regions", source)),
        ("jurisdictions", lambda: _codes(data.get("jurisdictions"), "jurisdictions", source)),
        ("respect_gitignore", lambda: _flag(data.get("respect-gitignore", True), "respect-gitignore", source)),
    ):
        try:
            values[key] = read()
        except RuleError as error:
            errors.append(error)
    try:
        limits = parse_limits(data.get("limits"))
    except ValueError as error:
        problem(str(error))
    label_once = data.get("label-once")
    if label_once is not None and label_once not in LABEL_ONCE:
        hint = did_you_mean(str(label_once), LABEL_ONCE)
        problem(f"label-once: {label_once!r} is not one of {', '.join(LABEL_ONCE)}{hint}")
    for key, choices in (("fix-style", STYLES), ("footnote-marker", MARKERS)):
        value = data.get(key, choices[0])
        if value not in choices:
            problem(f"{key}: {value!r} is not one of {', '.join(choices)}{did_you_mean(str(value), choices)}")
    for key in _ITEM_KEYS:
        value = data.get(key)
        if not (value is None or isinstance(value, str) or _texts(value)):
            problem(f"{key}: write one item, or a list of items, as text; not {value!r}")
    publisher = data.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        problem(f"publisher: write the publisher's name as text (in quotes if need be), not {publisher!r}")
    if errors:
        raise ConfigErrors(errors)
    values.update((key.replace("-", "_"), split_items(data.get(key))) for key in _ITEM_KEYS)
    values["rules"] = tuple(str(source.parent / p) for p in values["rules"])
    return Config(
        publisher=publisher,
        severity=severity,
        fail_on=str(data.get("fail-on", "warning")),
        label_once=label_once,
        fix_style=str(data.get("fix-style", STYLES[0])),
        footnote_marker=str(data.get("footnote-marker", MARKERS[0])),
        limits=limits,
        source=str(source),
        **values,
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
