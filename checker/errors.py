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
