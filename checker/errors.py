"""Typed errors. Library code raises them; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class CheckerError(Exception):
    """An error the user can act on: it names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class InputError(CheckerError):
    """An article could not be read or decoded."""


class RuleError(CheckerError):
    """A rule or list file is invalid (YAML syntax, schema, unknown list, unsafe regex...)."""


# Where a crash is reported: the checker project's issue tracker.
ISSUE_TRACKER = "the checker issue tracker"


def internal_error(path: str, error: BaseException) -> str:
    """The one line that stands for a crash of the checker on one input: the file, "internal
    error", what went wrong, and how to report it. The traceback is for `--debug`."""
    summary = (str(error).strip().splitlines() or [""])[0][:200]
    what = f"{type(error).__name__}: {summary}" if summary else type(error).__name__
    return (
        f"{path}: internal error: {what} (a bug in checker, not in the file: please report it to "
        f"{ISSUE_TRACKER} with the output of `checker check --debug`)"
    )
