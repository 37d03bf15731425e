"""Whether a stated publisher is one the lists know: a misspelt name ("Meduzza") must not turn
every designation rule off and let the run pass. A publisher that resolves to no entry is a
usage error with the closest names, unless it is declared a house name (`house-names` in the
configuration, `--house-name`): a publisher known not to be designated."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from checker.match.names import NameIndex
from checker.match.normalise import fold


class UnknownPublisher(ValueError):
    """A stated publisher that names no list entry; the message names it and the closest names."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        hint = f" (did you mean {', '.join(repr(c) for c in candidates)}?)" if candidates else ""
        super().__init__(
            f"publisher {name!r} is on no designation list{hint}; if it is not designated, "
            "declare it with house-names in the configuration or --house-name"
        )


def _names(index: NameIndex) -> list[str]:
    names = (n for entry in index.entries for n in (entry.name, *(a.name for a in entry.aliases)))
    return list(dict.fromkeys(names))


def closest_names(name: str, index: NameIndex, n: int = 3) -> list[str]:
    """Up to `n` list names or aliases that look like `name`, closest first."""
    by_fold = {fold(written): written for written in _names(index)}
    close = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=0.6)
    return [by_fold[key] for key in close]


def check_publisher(name: str | None, index: NameIndex, house_names: Iterable[str] = ()) -> None:
    """Raise `UnknownPublisher` when `name` is stated, names no entry and is no house name."""
    if not name or index.resolve(name):
        return
    if fold(name) in {fold(house) for house in house_names}:
        return
    raise UnknownPublisher(name, closest_names(name, index))
