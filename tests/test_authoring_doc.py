"""docs/authoring.md, followed word for word: every file it shows is written, every edit made,
every command run, and what the command prints compared with what the page shows.

The page marks its blocks for this test in the fence's info string (editors and GitHub show
only the language):
  ```yaml file=PATH          write PATH with the block
  ```yaml append=PATH        add the block at the end of PATH
  ```yaml edit=PATH before   the text to change in PATH ...
  ```yaml edit=PATH after    ... and what it becomes
  ```console [exit=N]        `$ checker ...` lines, each followed by its output; exit status N
                             (default 0). An output line `...` stands for any number of lines.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from checker.cli import main

DOC = ROOT / "docs" / "authoring.md"
_FENCE = re.compile(r"^(\s*)(`{3,})(.*)$")
_INLINE_COMMAND = re.compile(r"`(checker [^`]+)`")


@dataclass
class Block:
    info: list[str]
    lines: list[str]
    line: int  # where the block starts in the page

    @property
    def language(self) -> str:
        return self.info[0] if self.info else ""

    def option(self, name: str) -> str | None:
        return next((i.split("=", 1)[1] for i in self.info if i.startswith(f"{name}=")), None)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass
class Command:
    args: list[str]
    output: list[str] = field(default_factory=list)


def blocks(markdown: str) -> list[Block]:
    found, current, indent, fence = [], None, "", ""
    for number, line in enumerate(markdown.split("\n"), 1):
        match = _FENCE.match(line)
        if current is None and match:
            indent, fence = match[1], match[2]
            current = Block(match[3].split(), [], number)
        elif current is not None and match and match[2] == fence and not match[3].strip():
            found.append(current)
            current = None
        elif current is not None:
            current.lines.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
    return found


def commands(block: Block) -> list[Command]:
    found: list[Command] = []
    for line in block.lines:
        if line.startswith("$ "):
            words = shlex.split(line[2:])
            assert words[0] == "checker", f"line {block.line}: the page runs {words[0]!r}; the test runs only checker"
            found.append(Command(words[1:]))
        else:
            assert found, f"line {block.line}: output before any command"
            found[-1].output.append(line.rstrip())
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, `...` standing for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def follow(page: str, folder: Path) -> list[str]:
    """Do what the page says in `folder`; every difference from what it shows, in words."""
    problems, before = [], None
    for block in blocks(page):
        if path := block.option("file"):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(block.text, encoding="utf-8")
        elif path := block.option("append"):
            with (folder / path).open("a", encoding="utf-8") as out:
                out.write(block.text)
        elif (path := block.option("edit")) and "before" in block.info:
            before = block.text
        elif (path := block.option("edit")) and "after" in block.info:
            text = (folder / path).read_text(encoding="utf-8")
            once = before is not None and text.count(before) == 1
            assert once, f"line {block.line}: the text to change is not in {path} exactly once"
            (folder / path).write_text(text.replace(before, block.text), encoding="utf-8")
        elif block.language == "console":
            status = int(block.option("exit") or 0)
            for command in commands(block):
                result = run(command.args)
                shown = [line.rstrip() for line in result.output.rstrip("\n").split("\n")] if result.output else []
                where = f"line {block.line}: checker {' '.join(command.args)}"
                if result.exit_code != status:
                    problems.append(f"{where}: exit status {result.exit_code}, the page says {status}\n{result.output}")
                if command.output and not matches(command.output, shown):
                    printed, page_shows = "\n".join(shown), "\n".join(command.output)
                    problems.append(f"{where}: prints\n{printed}\nthe page shows\n{page_shows}")
    return problems


@pytest.fixture(scope="module")
def page() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_tutorial_works_word_for_word(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = follow(page, tmp_path)
    assert not problems, "\n\n".join(problems)
    # What the reader ends with: a valid rule whose examples pass, used by `checker check`.
    assert run(["rules", "validate"]).exit_code == 0
    assert run(["rules", "test", "house-rules"]).exit_code == 0
    assert "ge.house.funding-note" in (tmp_path / "catalogue.md").read_text(encoding="utf-8")


def test_every_command_mentioned_in_the_text_runs(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert not follow(page, tmp_path)
    mentioned = sorted(set(_INLINE_COMMAND.findall(page)))
    assert len(mentioned) >= 8
    for command in mentioned:
        args = shlex.split(command)[1:]
        if args == ["init"]:  # it refuses to overwrite the configuration the tutorial made
            (tmp_path / "elsewhere").mkdir()
            monkeypatch.chdir(tmp_path / "elsewhere")
        result = run(args)
        monkeypatch.chdir(tmp_path)
        assert result.exit_code in (0, 1), f"`{command}` exits {result.exit_code}:\n{result.output}"


def test_the_tutorial_covers_the_whole_journey(page):
    shown = [" ".join(c.args[:2]) for b in blocks(page) if b.language == "console" for c in commands(b)]
    for step in ("init", "rules validate", "rules test", "rules show", "check article.html", "rules stale",
                 "rules docs", "rules schema"):
        assert any(s.startswith(step) for s in shown), step


def test_a_difference_from_the_page_is_caught(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = "```console\n$ checker rules schema -o s.json\nwrote something else\n```\n"
    [problem] = follow(page, tmp_path)
    assert "prints\nwrote s.json" in problem
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"]) and not matches(["a", "...", "d"], ["a", "b"])
