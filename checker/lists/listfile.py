"""List files on disk: the layout people edit (one key a line, aliases in flow style, notes
folded), written atomically so that a reader never sees half a file."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from checker.atomic import write_atomic
from checker.yamlsource import JSON, dates_to_text, load_yaml


class ListFileError(Exception):
    """A file that is not a list file, or a list that would not read back as written."""


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9, sort_keys=False).strip()


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_style=None).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def render_list(data: JSON) -> str:
    lines = []
    for key, value in data.items():
        if key == "entries":
            continue
        if key == "notes":
            lines.append("notes: >-")
            lines += ["  " + line for line in textwrap.wrap(str(value), 98, break_on_hyphens=False)]
        elif key == "update":
            lines.append("update:")
            lines += [f"  - {_flow(source)}" for source in value]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("entries:")
    for entry in data["entries"]:
        lines.append(f"  - id: {_scalar(entry['id'])}")
        for key in ("name", "kind", "designated", "delisted"):
            lines.append(f"    {key}: {_scalar(entry.get(key))}")
        aliases = entry.get("aliases") or []
        if aliases:
            lines.append("    aliases:")
            lines += [f"      - {_flow(alias)}" for alias in aliases]
        else:
            lines.append("    aliases: []")
        for key in ("exclude", "domains"):
            lines.append(f"    {key}: {_flow(list(entry.get(key) or []))}")
        principal = entry.get("principal")
        lines.append(f"    principal: {_flow(principal) if isinstance(principal, list) else _scalar(principal)}")
        if entry.get("roles"):
            lines.append(f"    roles: {_flow(list(entry['roles']))}")
        lines.append(f"    source: {_scalar(entry['source'])}")
    return "\n".join(lines) + "\n"


def write_list(path: Path, data: JSON) -> None:
    """Write atomically: the new file replaces the old one whole, or not at all."""
    text = render_list(data)
    if dates_to_text(yaml.safe_load(text)) != dates_to_text(data):  # the layout must not change data
        raise ListFileError(f"{path}: internal error: the rendered list does not read back the same")
    write_atomic(path, text)


def read_list_file(path: Path) -> JSON | None:
    if not path.exists():
        return None
    data = load_yaml(path).data
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ListFileError(f"{path}: not a list file (no entries)")
    return data
