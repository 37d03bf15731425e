"""Which files a run checks: folders walked, excluded paths left out, as ruff does it.

Exclude patterns have gitignore semantics (`pathspec`) and are matched relative to the
configuration file's folder, so `checker check .`, `checker check ./content` and a run from a
subfolder skip the same files. `.gitignore` files are honoured, and the usual tool folders
(`DEFAULT_EXCLUDE`) are never walked. A file named on the command line is checked even when
excluded, unless `force_exclude` (pre-commit names every file it passes).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

from checker.documents import SUFFIXES

DEFAULT_EXCLUDE = (
    ".git/", ".hg/", ".svn/", ".tox/", ".nox/", ".venv/", "venv/", "node_modules/", "__pycache__/",
    ".mypy_cache/", ".ruff_cache/", ".pytest_cache/", "site-packages/", ".eggs/", "*.egg-info/",
)


def _spec(lines: Iterable[str]) -> GitIgnoreSpec:
    return GitIgnoreSpec.from_lines(list(lines))


def _git_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def project_root(config_root: Path | None = None, start: Path | None = None) -> Path:
    """The folder code-scanning paths are relative to: the git root (from the working
    directory up), else the configuration's folder, else the working directory."""
    here = (start or Path.cwd()).resolve()
    return _git_root(here) or (config_root.resolve() if config_root else here)


@dataclass
class Excludes:
    """What a run leaves out. `root` is the folder patterns are relative to (the configuration
    file's, else the working directory)."""

    root: Path
    patterns: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    _spec: GitIgnoreSpec = field(init=False, repr=False)
    _ignores: dict[Path, GitIgnoreSpec | None] = field(default_factory=dict, init=False, repr=False)
    _git_roots: dict[Path, Path | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self._spec = _spec([*DEFAULT_EXCLUDE, *self.patterns])

    def _gitignore(self, folder: Path) -> GitIgnoreSpec | None:
        if folder not in self._ignores:
            try:
                text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = None
            self._ignores[folder] = _spec(text.splitlines()) if text else None
        return self._ignores[folder]

    def _git_root(self, folder: Path) -> Path | None:
        if folder not in self._git_roots:
            self._git_roots[folder] = _git_root(folder)
        return self._git_roots[folder]

    def matches(self, path: Path, is_dir: bool) -> bool:
        """Whether this one entry (not its parents) is excluded; `path` is absolute."""
        tail = "/" if is_dir else ""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.name  # outside the root only patterns without a slash can match
        if relative != "." and self._spec.match_file(relative + tail):
            return True
        if not self.respect_gitignore:
            return False
        top = self._git_root(path.parent)
        if top is None:
            return False
        for folder in (path.parent, *path.parent.parents):
            spec = self._gitignore(folder)
            if spec is not None and spec.match_file(path.relative_to(folder).as_posix() + tail):
                return True
            if folder == top:
                break
        return False

    def excluded(self, path: str | Path) -> bool:
        """Whether a path is excluded, itself or through a folder it is in."""
        absolute = Path(os.path.abspath(path))
        if self.matches(absolute, absolute.is_dir()):
            return True
        # Only folders under the root: a clone inside ~/venv/ is not excluded by "venv/".
        return any(self.matches(parent, True) for parent in absolute.parents if self.root in parent.parents)

    def files(self, args: Iterable[str]) -> list[str]:
        """Command-line paths → files to check, written as the paths were given. Folders are
        walked (sorted; hidden and excluded entries skipped, excluded folders not entered); any
        other argument is kept, even a missing one, so loading it reports the error."""
        found: list[str] = []
        for arg in args:
            if arg == "-" or not os.path.isdir(arg):
                if arg == "-" or not (self.force_exclude and self.excluded(arg)):
                    found.append(arg)
                continue
            if self.force_exclude and self.excluded(arg):
                continue
            found += self._walk(arg)
        return list(dict.fromkeys(found))  # the same file named twice is checked once

    def _walk(self, top: str) -> list[str]:
        found = []
        for folder, dirs, names in os.walk(top):
            here = Path(os.path.abspath(folder))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not self.matches(here / d, True))
            for name in sorted(names):
                if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                    continue
                if not self.matches(here / name, False):
                    found.append(os.path.join(folder, name))
        return found
