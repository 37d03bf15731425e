"""Metadata values as pages and front matter write them: dates, language codes, JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_LANG = re.compile(r"[A-Za-z]{2,8}")


def first_text(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str):
            text = " ".join(value.split())
            if text:
                return text
    return None


def language_code(value: object) -> str | None:
    """Primary language subtag, lower case: "ru-RU" → "ru"; None when it does not look like one."""
    if not isinstance(value, str):
        return None
    primary = value.split(",")[0].strip().replace("_", "-").split("-")[0]
    return primary.lower() if _LANG.fullmatch(primary) else None


def parse_date(value: object) -> date | None:
    """A date from a date/datetime or an ISO 8601 string ("2024-03-01T10:00+03:00"); else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def json_ld(scripts: list[str]) -> tuple[str | None, str | None, str | None]:
    """datePublished, publisher name and headline from JSON-LD blocks; broken JSON is skipped."""
    published = publisher = headline = None
    for script in scripts:
        try:
            data = json.loads(script, strict=False)
        except (ValueError, RecursionError):
            continue
        nodes = _ld_nodes(data)
        by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for node in nodes:
            if published is None and isinstance(node.get("datePublished"), str):
                published = node["datePublished"]
            if publisher is None:
                publisher = _ld_name(node.get("publisher"), by_id)
            if headline is None and isinstance(node.get("headline"), str):
                headline = first_text(node["headline"])
    return published, publisher, headline


def _ld_nodes(data: object) -> list[dict[str, Any]]:
    """Top-level objects, flattening lists and @graph (not every nested object)."""
    nodes: list[dict[str, Any]] = []
    pending = [data]
    while pending and len(nodes) < 1000:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            nodes.append(item)
            if isinstance(item.get("@graph"), list):
                pending.extend(item["@graph"])
    return nodes


def _ld_name(value: object, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    if "name" not in value and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], value)  # a reference to a node elsewhere in @graph
    name = value.get("name")
    if not isinstance(name, str):
        return None
    return name.strip() or None
