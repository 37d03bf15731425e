"""The compiled HTML walk (_walk.pyx): what html._Walker gathers over lxml's tree."""

from typing import Any

from checker.documents.model import Block, Control, Link

class TooDeep(Exception): ...
class Unsupported(Exception): ...

def walk(
    root: Any, source: str, line_offset: int
) -> tuple[
    tuple[Block, ...],
    str | None,
    tuple[Link, ...],
    list[Control],
    dict[str, str],
    str | None,
    str | None,
    list[str | None],
    list[str],
]: ...
