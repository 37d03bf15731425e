"""Where reports go: `--format FMT[:FILE]` and `--output FILE`, and writing files atomically.

Rules, so that `--format text|json` alone keeps printing to standard output as always:
- each `--format` asks for one report; `FMT:FILE` sends it to FILE (`-` is standard output);
- `--output FILE` options pair, in order, with the `--format` options that name no file (with
  no `--format` at all they pair with the default text report); their numbers must then match;
- at most one report goes to standard output, and no file is named twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from checker.atomic import write_atomic

__all__ = ["Output", "OutputError", "plan", "refuse_inputs", "split_format", "write_atomic"]


class OutputError(ValueError):
    """A combination of --format and --output that cannot be carried out."""


@dataclass(frozen=True)
class Output:
    format: str
    path: str | None  # None: standard output

    @property
    def to_stdout(self) -> bool:
        return self.path is None


def split_format(value: str, known: set[str] | frozenset[str] | dict[str, Any]) -> tuple[str, str | None]:
    """"sarif:out/x.sarif" -> ("sarif", "out/x.sarif"); "json" -> ("json", None)."""
    name, sep, path = value.partition(":")
    if name not in known:
        choices = ", ".join(repr(k) for k in sorted(known))
        raise OutputError(f"{name!r} is not one of {choices} (write FORMAT or FORMAT:FILE)")
    if sep and not path:
        raise OutputError(f"{value!r}: no file after the colon (write FORMAT:FILE, or FORMAT:- for standard output)")
    return name, path if sep else None


def plan(formats: list[tuple[str, str | None]], outputs: list[str], default: str = "text") -> list[Output]:
    specs = list(formats) or [(default, None)]
    bare = [i for i, (_, path) in enumerate(specs) if path is None]
    if outputs:
        if len(outputs) != len(bare):
            raise OutputError(
                f"{len(outputs)} --output for {len(bare)} --format without a file: give one --output per "
                "--format, in the same order, or write --format FORMAT:FILE"
            )
        for i, path in zip(bare, outputs):
            specs[i] = (specs[i][0], path)
    plan_ = [Output(fmt, None if path == "-" else path) for fmt, path in specs]
    if sum(o.to_stdout for o in plan_) > 1:
        shown = ", ".join(o.format for o in plan_ if o.to_stdout)
        raise OutputError(f"only one report can go to standard output ({shown} would): send the others to files")
    seen: set[str] = set()
    for o in plan_:
        if o.path is None:
            continue
        key = os.path.abspath(o.path)
        if key in seen:
            raise OutputError(f"{o.path} is named for two reports")
        seen.add(key)
    return plan_


def refuse_inputs(outputs: list[Output], inputs: list[str]) -> None:
    """Refuse a report that would overwrite one of the articles being checked
    (`-o article.html article.html`)."""
    checked = {_identity(path) for path in inputs if path != "-"}
    for out in outputs:
        if out.path is not None and _identity(out.path) in checked:
            raise OutputError(
                f"{out.path} is one of the articles being checked: write the {out.format} report elsewhere"
            )


def _identity(path: str) -> tuple[int, int] | str:
    """What makes two paths the same file: device and inode when it exists, else the absolute path."""
    try:
        found = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return found.st_dev, found.st_ino
