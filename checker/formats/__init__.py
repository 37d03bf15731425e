"""Output formats. Each module offers `render(report, color) -> str`."""

from . import json, text

FORMATS = {"text": text, "json": json}
