"""YAML loading that remembers where every value sits, so errors can name file:line:column."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import yaml

from checker.errors import RuleError
from checker.regularfile import NotRegularFile, read_regular

try:  # libyaml is ~8x faster than the pure-Python loader on the registries (research/perf.md),
    # and bounds nesting, which the pure-Python scanner handles in quadratic time (5 s for a
    # configuration file of 5,000 nested brackets)
    SafeLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    SafeLoader = yaml.SafeLoader


class _Loader(SafeLoader):  # type: ignore[misc,valid-type]
    """A date that does not exist (2025-02-30) stays text, so that the schema reports it where
    it is written instead of the loader failing on it."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

Position = tuple[int, int]  # 1-based line, column
JSON = dict[str, Any]  # a mapping read from YAML or JSON
YamlPath = tuple[str | int, ...]  # keys and indexes from the document root

# How many values a file may hold once its aliases are expanded. The largest bundled list holds
# about 40,000; an alias bomb (anchors that repeat anchors, "billion laughs") holds billions and
# would take hours to walk.
MAX_VALUES = 2_000_000


class YamlDocument:
    """Parsed data plus the position of each value and each mapping key, by path."""

    def __init__(
        self,
        path: str,
        data: Any,
        values: dict[YamlPath, Position],
        keys: dict[YamlPath, Position],
        duplicates: tuple[tuple[YamlPath, Position], ...] = (),
    ):
        self.path = path
        self.data = data
        self._values = values
        self._keys = keys
        # Keys written twice in one mapping: YAML silently keeps the last value, which loses
        # whatever the author wrote first. (path of the key, position of the repeat)
        self.duplicates = duplicates

    def position(self, path: YamlPath = (), key: str | None = None) -> Position:
        """Where the value at `path` (or the key `key` inside it) is written; falls back upward."""
        if key is not None and path + (key,) in self._keys:
            return self._keys[path + (key,)]
        while path not in self._values and path:
            path = path[:-1]
        return self._values.get(path, (1, 1))

    def error(self, message: str, path: YamlPath = (), key: str | None = None) -> RuleError:
        line, column = self.position(path, key)
        return RuleError(self.path, message, line, column)


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(
    node: yaml.Node,
    path: YamlPath,
    values: dict[YamlPath, Position],
    keys: dict[YamlPath, Position],
    duplicates: list[tuple[YamlPath, Position]],
) -> None:
    values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                duplicates.append((path + (key,), _mark(key_node)))
            seen.add(key)
            keys[path + (key,)] = _mark(key_node)
            _walk(value_node, path + (key,), values, keys, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), values, keys, duplicates)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _refuse_expansion(root: yaml.Node, path: str) -> None:
    """Refuse a document whose aliases expand beyond MAX_VALUES values or refer to themselves,
    before anything walks the expanded data. Iterative: nesting may be deep."""
    sizes: dict[int, int] = {}
    expanding: set[int] = set()  # nodes whose children are being counted: the current path
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, counted = stack.pop()
        key = id(node)
        if counted:
            expanding.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_VALUES:
                line, column = _mark(node)
                raise RuleError(path, f"YAML aliases expand to more than {MAX_VALUES:,} values here; "
                                "write the values out or use fewer aliases", line, column)
            continue
        if key in sizes:
            continue
        if key in expanding:
            line, column = _mark(node)
            raise RuleError(path, "a YAML alias refers to the value that contains it", line, column)
        expanding.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def dates_to_text(data: Any) -> Any:
    """YAML turns 2024-02-20 into a date; the schemas and loaders expect ISO text."""
    if isinstance(data, dict):
        return {k: dates_to_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [dates_to_text(v) for v in data]
    if isinstance(data, (_dt.date, _dt.datetime)):
        return data.isoformat()[:10]
    return data


def parse_yaml(text: str, path: str) -> YamlDocument:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_expansion(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleError(path, f"YAML syntax error: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise RuleError(path, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    values: dict[YamlPath, Position] = {}
    keys: dict[YamlPath, Position] = {}
    duplicates: list[tuple[YamlPath, Position]] = []
    if node is not None:
        _walk(node, (), values, keys, duplicates)
    return YamlDocument(path, dates_to_text(data), values, keys, tuple(duplicates))


# A rule or list file larger than this is no rule file: the biggest bundled list is under 1 MB.
MAX_YAML_BYTES = 64 * 1024 * 1024


def load_yaml(path: Path) -> YamlDocument:
    """A rule, list or lexicon file: regular files only (a FIFO or a device would never end)."""
    try:
        text = read_regular(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError(str(path), "not UTF-8 text") from None
    except NotRegularFile as exc:
        raise RuleError(str(path), str(exc)) from None
    except OSError as exc:
        raise RuleError(str(path), exc.strerror or "cannot read file") from None
    return parse_yaml(text.replace("\r\n", "\n").replace("\r", "\n"), str(path))
