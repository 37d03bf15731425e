"""pytest plugin: check articles as test items, and a `checker` fixture for your own assertions.

Installed with the package (entry point `pytest11`), it does nothing until asked:

- `pytest --checker [PATHS]`, or `checker_paths = content/` in the pytest configuration, makes one
  test item per article (HTML, Markdown, text) under those paths, named by its path. An item
  fails when a result at or above the failing level is missing, malformed or flagged; the
  failure lists each problem with rule id, line, the text found and the law, without a traceback.
- `pytest --checker-rules` (or `checker_rules = true`) makes one item per example written in the
  project's own rule files (the `rules` of its checker configuration), so a repository of rules
  runs its examples with plain `pytest`.
- The `checker` fixture checks a path or an HTML, Markdown or text string and returns the report.

Configuration is the command line's: `[tool.checker]` in pyproject.toml or checker.yaml, found
from pytest's rootdir upward; pytest options and ini keys override publisher, regions,
jurisdictions, as-of date and failing level. The rule pack is loaded once per test process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from checker.report import SEVERITIES

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

    from checker.config import Config
    from checker.discovery import Excludes
    from checker.report import DocumentReport
    from checker.session import Session


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("checker", "legal-notice checks of articles (checker)")
    group.addoption(
        "--checker", action="store_true", default=False,
        help="Collect articles (HTML, Markdown, text) under the given paths or checker_paths as test items.",
    )
    group.addoption(
        "--checker-rules", action="store_true", default=False,
        help="Collect the examples of the project's own rule files as test items.",
    )
    group.addoption("--checker-publisher", metavar="NAME", help="Publisher of the articles (overrides the config).")
    group.addoption(
        "--checker-house-name", action="append", metavar="NAME",
        help="A publisher declared not designated (repeatable; adds to the config's house-names).",
    )
    group.addoption(
        "--checker-region", action="append", default=[], metavar="CODE",
        help="Audience region (repeatable, or comma-separated; overrides the config).",
    )
    group.addoption(
        "--checker-jurisdiction", action="append", default=[], metavar="CODE",
        help="Jurisdiction binding the publisher (repeatable; overrides the config).",
    )
    group.addoption("--checker-as-of", metavar="YYYY-MM-DD", help="Date designations are checked on (default today).")
    group.addoption("--checker-fail-on", choices=SEVERITIES, help="Lowest severity that fails an article.")
    parser.addini("checker_paths", "Folders or files of articles to check as test items.", type="paths", default=[])
    parser.addini("checker_publisher", "Publisher of the articles.", default="")
    parser.addini(
        "checker_house_names", "Publishers declared not designated (not an unknown-publisher error).",
        type="args", default=[],
    )
    parser.addini("checker_regions", "Audience regions (ISO codes).", type="args", default=[])
    parser.addini("checker_jurisdictions", "Jurisdictions binding the publisher.", type="args", default=[])
    parser.addini("checker_as_of", "Date designations are checked on (YYYY-MM-DD).", default="")
    parser.addini("checker_fail_on", "Lowest severity that fails an article (info, warning, error).", default="")
    parser.addini("checker_rules", "Collect the examples of the project's rule files.", type="bool", default=False)


# --- the session: configuration, context, rule pack (loaded once) ------------------------------

# How each unusable override is reported, by the name the library gives it.
_OVERRIDE_ERRORS = {
    "regions": "checker", "jurisdictions": "checker", "as_of": "checker as-of date", "fail_on": "checker_fail_on",
    "publisher": "checker publisher",
}


@contextmanager
def _usage_errors() -> Iterator[None]:
    """Invalid rules and unusable options stop pytest with one message, not a traceback."""
    from checker.rulepack.pack import RulePackError
    from checker.session import OverrideError

    try:
        yield
    except RulePackError as error:
        raise pytest.UsageError("checker: invalid rules:\n" + str(error)) from None
    except OverrideError as error:
        raise pytest.UsageError(f"{_OVERRIDE_ERRORS[error.name]}: {error}") from None


class CheckerSession:
    """What every item and the fixture share within one test process: the project's
    configuration, what to collect, and the library `Session` (its rule pack loaded once)."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.rootpath = Path(config.rootpath)
        self.content = bool(config.getoption("checker") or config.getini("checker_paths"))
        self.rules_wanted = bool(config.getoption("checker_rules") or config.getini("checker_rules"))
        self._settings: Config | None = None
        self._excludes: Excludes | None = None
        self._run: Session | None = None
        self._rule_files: dict[Path, list[Any]] | None = None
        self._content_roots: list[Path] = []
        self._rule_roots: list[Path] = []

    @property
    def active(self) -> bool:
        return self.content or self.rules_wanted

    @property
    def loaded(self) -> bool:
        return self._run is not None

    # configuration --------------------------------------------------------------------------

    @property
    def settings(self) -> Config:
        """The project's checker configuration ([tool.checker] or checker.yaml from rootdir up)."""
        if self._settings is None:
            from checker.config import find_config
            from checker.errors import CheckerError

            try:
                self._settings = find_config(self.rootpath)
            except CheckerError as error:
                raise pytest.UsageError(f"checker configuration: {error}") from None
        return self._settings

    def _option(self, name: str, ini: str) -> Any:
        value = self.config.getoption(name)
        return value if value not in (None, [], "") else (self.config.getini(ini) or None)

    @property
    def run(self) -> Session:
        """The run: the bundled rules plus the project's, configured, loaded once per process;
        pytest options and ini keys override the configuration. Excluded paths are left out at
        collection (relative to rootdir), so the run itself excludes nothing."""
        if self._run is None:
            from checker.session import Session

            with _usage_errors():
                self._run = Session(
                    self.settings,
                    publisher=self._option("checker_publisher", "checker_publisher"),
                    regions=self._option("checker_region", "checker_regions") or (),
                    jurisdictions=self._option("checker_jurisdiction", "checker_jurisdictions") or (),
                    as_of=self._option("checker_as_of", "checker_as_of"),
                    fail_on=self._option("checker_fail_on", "checker_fail_on"),
                    house_names=self._option("checker_house_name", "checker_house_names") or (),
                    exclude=(),
                )
        return self._run

    def in_context(self, **overrides: Any) -> Session:
        """The run in the context of the fixture's arguments (publisher, regions, jurisdictions,
        as_of, lang); then, as for the command line, front matter, configuration, page metadata."""
        if not overrides:
            return self.run
        with _usage_errors():
            return self.run.override(**overrides)

    # what to collect --------------------------------------------------------------------------

    def plan_collection(self) -> None:
        """Decide the roots articles and rule files are collected under, and add them to what
        pytest collects when the command line named nothing."""
        config = self.config
        explicit = config.args_source == pytest.Config.ArgsSource.ARGS
        here = str(config.invocation_params.dir)
        given = [Path(os.path.normpath(os.path.join(here, a.split("::")[0]))) for a in config.args] if explicit else []
        if self.content:
            ini_paths = [Path(p) for p in config.getini("checker_paths")]
            self._content_roots = list(ini_paths)
            if config.getoption("checker"):
                fallback = [] if ini_paths else [Path(os.path.normpath(os.path.join(here, a))) for a in config.args]
                self._content_roots += given or fallback
            if not explicit:
                self._extend_args(ini_paths)
        if self.rules_wanted:
            rule_paths = [Path(p) for p in self.settings.rules]
            self._rule_roots = rule_paths + (given if config.getoption("checker_rules") else [])
            if not explicit:
                self._extend_args(rule_paths)

    def _extend_args(self, paths: Iterable[Path]) -> None:
        present = {os.path.abspath(a) for a in self.config.args}
        for path in paths:
            if str(path) not in present and path.exists():
                self.config.args.append(str(path))
                present.add(str(path))

    @staticmethod
    def _under(path: Path, roots: Iterable[Path]) -> bool:
        return any(path == root or root in path.parents for root in roots)

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.rootpath).as_posix()
        except ValueError:
            return str(path)

    def is_content(self, path: Path) -> bool:
        if not self.content:
            return False
        from checker.documents import SUFFIXES

        if path.suffix.lower() not in SUFFIXES or not self._under(path, self._content_roots):
            return False
        if self._excludes is None:
            from checker.discovery import Excludes

            settings = self.settings
            patterns = (*settings.exclude, *settings.extend_exclude)
            self._excludes = Excludes(settings.root or self.rootpath, patterns, settings.respect_gitignore)
        return not self._excludes.excluded(path)

    def is_rule_file(self, path: Path) -> bool:
        if not self.rules_wanted or not self._under(path, self._rule_roots):
            return False
        return path in self.rule_files()

    def rule_files(self) -> dict[Path, list[Any]]:
        """The rule files of the pack, each with its compiled rules."""
        if self._rule_files is None:
            self._rule_files = {}
            for compiled in self.run.pack.rules:
                self._rule_files.setdefault(Path(os.path.abspath(compiled.rule.path)), []).append(compiled)
        return self._rule_files

    # checking -------------------------------------------------------------------------------

    def check_file(self, path: Path, run: Session | None = None) -> DocumentReport:
        """The DocumentReport of one article file, reported by its path from rootdir."""
        from checker.errors import InputError, internal_error
        from checker.regularfile import NotRegularFile, read_regular
        from checker.report import DocumentReport

        name = self.relative(path)
        run = run or self.run
        try:
            data = read_regular(path, run.limits.max_input_bytes)
        except NotRegularFile as error:
            return DocumentReport(name, error=f"{name}: {error}")
        except OSError as error:
            return DocumentReport(name, error=f"{name}: cannot read: {error.strerror or error}")
        try:
            return run.check_bytes(data, name)
        except InputError as error:
            return DocumentReport(name, error=str(error))
        except Exception as crash:
            return DocumentReport(name, error=internal_error(name, crash))


_SESSION = pytest.StashKey["CheckerSession"]()


def _session(config: pytest.Config) -> CheckerSession:
    if _SESSION not in config.stash:
        config.stash[_SESSION] = CheckerSession(config)
    return config.stash[_SESSION]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "checker: an article checked by checker (select with -m checker)")
    session = _session(config)
    if session.active:
        session.plan_collection()


def pytest_sessionstart(session: pytest.Session) -> None:
    checker = _session(session.config)
    if checker.active:
        checker.run  # noqa: B018 - load (and validate) the rules once, before any item runs


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    session = _session(config)
    if not session.active:
        return None
    ctx = session.run.effective_context
    source = session.settings.source or "no configuration file"
    parts = [f"config {source}", f"publisher {ctx.publisher or '-'}"]
    parts += [f"regions {','.join(ctx.regions) or '-'}", f"jurisdictions {','.join(ctx.jurisdictions) or '-'}"]
    parts += [f"as of {ctx.as_of.isoformat()}", f"fails on {session.run.fail_on}"]
    return ["checker: " + "; ".join(parts)]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    session = _session(config)
    if not session.active or not session.loaded:
        return
    warnings = session.run.stale_list_warnings()
    if warnings:
        terminalreporter.write_sep("-", "checker warnings")
        for warning in warnings:
            terminalreporter.write_line(f"warning: {warning}")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    session = _session(parent.config)
    if not session.active:
        return None
    path = Path(os.path.abspath(file_path))
    if session.is_content(path):
        return ArticleFile.from_parent(parent, path=file_path)
    if session.is_rule_file(path):
        return RuleFile.from_parent(parent, path=file_path)
    return None


# --- articles as items -------------------------------------------------------------------------


class ArticleProblems(Exception):
    """An article has problems at or above the failing level (or could not be read)."""

    def __init__(self, report: Any, problems: list[Any], fail_on: str, context: Any):
        super().__init__(f"{report.path}: {len(problems)} problem(s)")
        self.report = report
        self.problems = problems
        self.fail_on = fail_on
        self.context = context


def describe_problems(report: Any, problems: list[Any], fail_on: str, context: Any | None = None) -> str:
    """A linter-like account of an article's problems: where, what, the text found, the law."""
    from checker.printable import printable

    if report.error:
        return f"cannot be checked: {printable(report.error)}"
    listed = ", ".join(f"{r.status} {r.rule} at {r.location.line}:{r.location.column}" for r in problems)
    lines = [f"{len(problems)} problem(s) at or above {fail_on}: {listed}" if problems else "no problem"]
    width = max((len(f"{r.location.line}:{r.location.column}") for r in problems), default=0)
    for r in problems:
        where = f"{r.location.line}:{r.location.column}".ljust(width)
        lines.append(f"  {where}  {r.status.upper():<9} {r.severity:<7} {r.rule}")
        pad = " " * (width + 4)
        lines.append(f"{pad}{r.message}")
        if r.text:
            lines.append(f"{pad}found: {' '.join(r.text.split())!r}")
        for citation in r.law[:1]:
            lines.append(f"{pad}law: {citation.title}" + (f" <{citation.url}>" if citation.url else ""))
    if context is not None:
        ctx = report.context or context
        bits = [f"publisher {ctx.publisher or '-'}", f"regions {', '.join(ctx.regions) or '-'}"]
        if ctx.jurisdictions:
            bits.append(f"jurisdictions {', '.join(ctx.jurisdictions)}")
        lines.append(f"  (checked for {'; '.join(bits)}; as of {context.as_of.isoformat()})")
    return printable("\n".join(lines), keep="\n")


class ArticleFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield ArticleItem.from_parent(self, name="checker")


class ArticleItem(pytest.Item):
    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_marker("checker")

    def runtest(self) -> None:
        run = _session(self.config).run
        report = _session(self.config).check_file(Path(self.path), run)
        problems = [r for r in report.results if r.fails(run.fail_on)]
        self.user_properties.append(("checker.results", len(report.results)))
        if report.error or problems:
            raise ArticleProblems(report, problems, run.fail_on, run.context)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, ArticleProblems):
            e = excinfo.value
            return describe_problems(e.report, e.problems, e.fail_on, e.context)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"checker: {_session(self.config).relative(Path(self.path))}"


# --- rule examples as items --------------------------------------------------------------------


class RuleFile(pytest.File):
    def collect(self) -> Iterator[pytest.Collector]:
        session = _session(self.config)
        for compiled in session.rule_files().get(Path(os.path.abspath(self.path)), []):
            yield RuleExamples.from_parent(self, name=compiled.rule.id, compiled=compiled)


class RuleExamples(pytest.Collector):
    def __init__(self, *, compiled: Any, **kwargs: Any):
        super().__init__(**kwargs)
        self.compiled = compiled

    def collect(self) -> Iterator[pytest.Item]:
        seen: set[str] = set()
        for index, example in enumerate(self.compiled.rule.examples):
            name = str(example.get("name") or f"example {index + 1}")
            if name in seen:
                name = f"{name} ({index + 1})"
            seen.add(name)
            yield RuleExampleItem.from_parent(self, name=name, compiled=self.compiled, index=index)


class ExampleMismatch(Exception):
    def __init__(self, outcome: Any):
        super().__init__(outcome.name)
        self.outcome = outcome


class RuleExampleItem(pytest.Item):
    def __init__(self, *, compiled: Any, index: int, **kwargs: Any):
        super().__init__(**kwargs)
        self.compiled = compiled
        self.index = index

    def runtest(self) -> None:
        from checker.authoring.examples import run_example

        outcome = run_example(self.compiled, _session(self.config).run.pack, self.index)
        if not outcome.passed:
            raise ExampleMismatch(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, ExampleMismatch):
            o = excinfo.value.outcome
            return f"{o.where}: example {o.name!r} of rule {o.rule}\n  expected: {o.expected}\n  found:    {o.found}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.compiled.rule.id}: {self.name}"


# --- the fixture ---------------------------------------------------------------------------------


class Checker:
    """The `checker` fixture: check paths or strings in a context and get reports back.

    Context arguments (all optional; the session's options and configuration fill the rest):
    publisher, regions, jurisdictions, as_of (date or "YYYY-MM-DD"), lang.
    """

    def __init__(self, session: CheckerSession):
        self._session = session

    @property
    def pack(self) -> Any:
        return self._session.run.pack

    @property
    def fail_on(self) -> str:
        return self._session.run.fail_on

    def context(self, **context: Any) -> Any:
        return self._session.in_context(**context).context

    def check(self, *paths: str | os.PathLike[str], **context: Any) -> Any:
        """The Report of files and folders (folders recurse), as `checker check` makes it."""
        return self._session.in_context(**context).check_paths(paths)

    def check_file(self, path: str | os.PathLike[str], **context: Any) -> Any:
        """The DocumentReport of one article file."""
        return self._session.check_file(Path(os.path.abspath(path)), self._session.in_context(**context))

    def check_string(self, text: str, fmt: str, path: str | None = None, **context: Any) -> Any:
        return self._session.in_context(**context).check_text(text, fmt, path)

    def check_html(self, html: str, path: str | None = None, **context: Any) -> Any:
        """The DocumentReport of an HTML string."""
        return self.check_string(html, "html", path, **context)

    def check_markdown(self, text: str, path: str | None = None, **context: Any) -> Any:
        return self.check_string(text, "markdown", path, **context)

    def check_text(self, text: str, path: str | None = None, **context: Any) -> Any:
        return self.check_string(text, "text", path, **context)

    def problems(self, report: Any, fail_on: str | None = None) -> list[Any]:
        """The results that fail at the level (default: the session's), of a document or a run."""
        level = fail_on or self.fail_on
        documents = getattr(report, "documents", None) or [report]
        return [r for d in documents for r in d.results if r.fails(level)]

    def describe(self, report: Any, fail_on: str | None = None) -> str:
        """The same account of problems a failing article item prints."""
        level = fail_on or self.fail_on
        documents = getattr(report, "documents", None) or [report]
        return "\n".join(
            f"{d.path}: " + describe_problems(d, self.problems(d, level), level) for d in documents
        )


@pytest.fixture
def checker(request: pytest.FixtureRequest) -> Checker:
    """Check articles in your own tests: checker.check_html(html, publisher=..., regions=[...])."""
    return Checker(_session(request.config))
