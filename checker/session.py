"""One run of the checker: configuration plus overrides, the rule pack loaded once, and the calls
that check articles in it. The command line, the pytest plugin and the benchmark all build one;
so can a CMS or a script::

    from checker import Session

    session = Session(publisher="Meduza", regions=["RU"])
    report = session.check_text("<h1>Title</h1><p>Text</p>", fmt="html")
    print([r.status for r in report.results], session.exit_code(report))
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from checker.codes import CodeError, country_codes
from checker.config import Config, severity_problem
from checker.context import Context
from checker.deadline import deadline
from checker.discovery import Excludes
from checker.documents import Document, Limits, Metadata, load_bytes
from checker.documents.limits import parse_limits
from checker.engine import Checked, check_document, check_each, stale_list_warnings
from checker.fixes.fixer import fix_bytes
from checker.fixes.model import FixOutcome, FixStyle
from checker.publishers import UnknownPublisher, check_publisher
from checker.report import DocumentReport, ExitCode, Report
from checker.rulepack import pack as rulepack


class OverrideError(ValueError):
    """An override that cannot be used; `name` says which (regions, jurisdictions, as_of, fail_on)."""

    def __init__(self, name: str, message: str, value: object = None):
        super().__init__(message)
        self.name = name
        self.message = message
        self.value = value


def parse_date(value: date | str) -> date:
    """A date, or a YYYY-MM-DD string read as one; ValueError saying why not."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _codes(name: str, values: str | Iterable[str]) -> tuple[str, ...]:
    try:
        return country_codes([values] if isinstance(values, str) else values)
    except CodeError as error:
        raise OverrideError(name, str(error), error.code) from None


class Session:
    """A run: the rule pack (bundled rules, the configuration's and `rules`; disabled rules and
    severities as configured), the context articles are checked in, and the failing level.

    Overrides beat the configuration: `publisher`, `regions` and `jurisdictions` (country codes
    or EU; a string may hold several, "RU, BY"), `as_of` (a date or "YYYY-MM-DD"; default
    today), `lang`, `fail_on` (info, warning or error), `exclude` (gitignore-style patterns
    relative to the configuration's folder; replaces the configuration's), `extend_exclude`
    (added to them), `respect_gitignore`, `force_exclude` (skip excluded files even when named),
    `house_names` (publishers declared not designated; added to the configuration's). The
    article's front matter comes between the two, page metadata last. `pack` shares a rule pack
    already loaded (and configured) instead of loading one. Raises `RulePackError` for invalid
    rules and `OverrideError` for an unusable override, a stated publisher that names no list
    entry included (`name` "publisher"). `limits` says what one document may cost: a `Limits`,
    or a mapping of `max_input_bytes`, `max_blocks`, `max_seconds` (default: the configuration's).
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        publisher: str | None = None,
        regions: str | Iterable[str] = (),
        jurisdictions: str | Iterable[str] = (),
        as_of: date | str | None = None,
        lang: str | None = None,
        rules: Iterable[str | Path] = (),
        include_default: bool = True,
        fail_on: str | None = None,
        exclude: Iterable[str] | None = None,
        extend_exclude: Iterable[str] = (),
        respect_gitignore: bool | None = None,
        force_exclude: bool = False,
        house_names: Iterable[str] = (),
        pack: rulepack.RulePack | None = None,
        limits: Limits | dict[str, int] | None = None,
    ):
        self.config = config if config is not None else Config()
        self.pack = pack if pack is not None else self._load(rules, include_default)
        try:
            day = parse_date(as_of) if as_of is not None else date.today()
        except ValueError as error:
            raise OverrideError("as_of", str(error), as_of) from None
        configured = self.config
        self.context = Context(
            as_of=day,
            publisher=publisher,
            regions=_codes("regions", regions),
            jurisdictions=_codes("jurisdictions", jurisdictions),
            lang=lang.lower() if lang else None,
            house_names=(*configured.house_names, *house_names),
            configured=Context(day, configured.publisher, configured.regions, configured.jurisdictions),
        )
        self._check_publisher()
        self.fail_on = fail_on or configured.fail_on
        if problem := severity_problem(self.fail_on):
            raise OverrideError("fail_on", problem, self.fail_on)
        self.exclude = tuple(exclude) if exclude is not None else configured.exclude
        self.limits = self._limits(limits)
        self.extend_exclude = (*configured.extend_exclude, *extend_exclude)
        self.excludes = Excludes(
            configured.root or Path.cwd(),
            (*self.exclude, *self.extend_exclude),
            configured.respect_gitignore if respect_gitignore is None else respect_gitignore,
            force_exclude,
        )

    def _check_publisher(self) -> None:
        stated = self.context.publisher or self.config.publisher
        try:
            check_publisher(stated, self.pack.index, self.context.house_names)
        except UnknownPublisher as error:
            where = "" if self.context.publisher else f" (configuration {self.config.source})"
            raise OverrideError("publisher", f"{error}{where}", stated) from None

    def _limits(self, limits: Limits | dict[str, int] | None) -> Limits:
        try:
            return limits if isinstance(limits, Limits) else (
                parse_limits(limits) if limits is not None else self.config.limits
            )
        except ValueError as error:
            raise OverrideError("limits", str(error), limits) from None

    def _load(self, rules: Iterable[str | Path], include_default: bool) -> rulepack.RulePack:
        config = self.config
        # Looked up on the module at call time, so a test may count the loads.
        pack = rulepack.load_rulepack([*config.rules, *rules], include_default=include_default)
        return pack.configured(config.disable, config.severity, config.source or "configuration", config.check_options)

    def override(
        self,
        *,
        publisher: str | None = None,
        regions: str | Iterable[str] | None = None,
        jurisdictions: str | Iterable[str] | None = None,
        as_of: date | str | None = None,
        lang: str | None = None,
        exclude: Iterable[str] | None = None,
        fail_on: str | None = None,
        house_names: Iterable[str] | None = None,
    ) -> Session:
        """The same run in another context, sharing the rule pack: what is given replaces this
        session's value, what is left out (None) keeps it (`house_names`: those given besides the
        configuration's)."""
        ctx = self.context
        return Session(
            self.config,
            publisher=publisher or ctx.publisher,
            regions=ctx.regions if regions is None else regions,
            jurisdictions=ctx.jurisdictions if jurisdictions is None else jurisdictions,
            as_of=ctx.as_of if as_of is None else as_of,
            lang=lang or ctx.lang,
            fail_on=fail_on or self.fail_on,
            exclude=self.exclude if exclude is None else exclude,
            extend_exclude=self.extend_exclude[len(self.config.extend_exclude):],
            respect_gitignore=self.excludes.respect_gitignore,
            force_exclude=self.excludes.force_exclude,
            house_names=self.context.house_names[len(self.config.house_names):] if house_names is None else house_names,
            pack=self.pack,
            limits=self.limits,
        )

    # what the run is ------------------------------------------------------------------------

    @property
    def effective_context(self) -> Context:
        """The context before any article's own metadata: overrides, then the configuration."""
        return self.context.for_document(Metadata())

    def excluded(self, path: str) -> bool:
        """Whether a path is excluded, itself or through a folder it is in."""
        return self.excludes.excluded(path)

    def stale_list_warnings(self) -> list[str]:
        """A line for each designation list too old to trust on the session's date."""
        return stale_list_warnings(self.pack, self.context)

    # checking ---------------------------------------------------------------------------------

    def inputs(self, paths: Iterable[str | os.PathLike[str]]) -> list[str]:
        """The files `paths` stand for: folders walked without their excluded entries; a file
        named explicitly is kept unless `force_exclude` (see `discovery`)."""
        return self.excludes.files(str(p) for p in paths)

    def check_each(
        self, paths: Iterable[str | os.PathLike[str]], stdin_filename: str | None = None, *,
        jobs: int | None = 1, keep_documents: bool = True,
    ) -> Iterator[Checked]:
        """Check the inputs one at a time, for a progress display; an input that cannot be read
        is reported as that document's error and the others still run. "-" reads stdin, named
        `stdin_filename` when given (its extension then says the format, as for a file).

        Results come in input order. `jobs` > 1 checks on that many processes, which inherit
        the loaded rule pack (None: as many as the machine has cores when there are at least two
        inputs per core); the results are the same as with one. `keep_documents` False leaves
        each result's `document` out (None), which a parallel run then need not send back."""
        return self.check_files(self.inputs(paths), stdin_filename, jobs=jobs, keep_documents=keep_documents)

    def check_files(
        self, files: Iterable[str], stdin_filename: str | None = None, *,
        jobs: int | None = 1, keep_documents: bool = True,
    ) -> Iterator[Checked]:
        """Like `check_each`, for files `inputs` has already found (no second walk)."""
        return check_each(files, self.pack, self.context, self.limits, stdin_filename or "-", jobs, keep_documents)

    def check_paths(self, paths: Iterable[str | os.PathLike[str]]) -> Report:
        """The report of files and folders (folders recurse), as `checker check` makes it."""
        return self.report(checked.report for checked in self.check_each(paths))

    def check_document(self, doc: Document) -> DocumentReport:
        return check_document(doc, self.pack, self.context)

    def check_bytes(self, data: bytes, path: str, fmt: str | None = None) -> DocumentReport:
        """The report of file content; `fmt` (html, markdown, text) defaults to what the path's
        extension, then the content, says. Raises `InputError` when it cannot be read."""
        with deadline(self.limits.max_seconds, path):
            return self.check_document(load_bytes(data, path, fmt, self.limits))

    def check_text(self, text: str, fmt: str = "html", path: str | None = None) -> DocumentReport:
        """The report of an HTML, Markdown or text string; `path` names it in the report.
        Raises `InputError` when it cannot be read (e.g. nested too deeply)."""
        return self.check_bytes(text.encode("utf-8"), path or f"<{fmt}>", fmt)

    # fixing ------------------------------------------------------------------------------------

    @property
    def fix_style(self) -> FixStyle:
        """The house style of inserted labels: the configuration's `fix-style` and `footnote-marker`."""
        return FixStyle(self.config.fix_style, self.config.footnote_marker)

    def fix_bytes(
        self, data: bytes, path: str, fmt: str | None = None, *, rules: Iterable[str] | None = None,
        style: FixStyle | None = None,
    ) -> FixOutcome:
        """Fix file content: the fixed bytes (the rest byte for byte as given), its unified diff,
        what was inserted, what could not be fixed and why, and the reports before and after.
        `rules` limits the fixes to those rule ids; `style` defaults to the configuration's.
        Raises `InputError` when the content cannot be read."""
        with deadline(self.limits.max_seconds, path):
            return fix_bytes(
                data, path, self.pack, self.context, fmt=fmt, rules=rules, style=style or self.fix_style,
                limits=self.limits,
            )

    def fix_text(
        self, text: str, fmt: str = "text", path: str | None = None, *, rules: Iterable[str] | None = None,
        style: FixStyle | None = None, publisher: str | None = None, regions: str | Iterable[str] | None = None,
        jurisdictions: str | Iterable[str] | None = None, as_of: date | str | None = None, lang: str | None = None,
    ) -> str:
        """An HTML, Markdown or text string with the labels and notices it lacks inserted, in the
        context given (it replaces the session's for this call): what a CMS calls as it renders
        a page. Unchanged when there is nothing to fix or nothing can be fixed safely."""
        session = self
        if any(v is not None for v in (publisher, regions, jurisdictions, as_of, lang)):
            session = self.override(publisher=publisher, regions=regions, jurisdictions=jurisdictions, as_of=as_of,
                                    lang=lang)
        outcome = session.fix_bytes(text.encode("utf-8"), path or f"<{fmt}>", fmt, rules=rules, style=style)
        return outcome.text if outcome.text is not None else text

    def fix_html(self, html: str, **context: Any) -> str:
        """`fix_text` for HTML: the page with its labels and notices inserted, the rest as given."""
        return self.fix_text(html, "html", **context)

    # reading the outcome ------------------------------------------------------------------------

    def report(self, documents: Iterable[DocumentReport]) -> Report:
        """A run's report of documents checked one at a time (see `check_each`)."""
        report = Report(as_of=self.context.as_of, warnings=self.stale_list_warnings())
        report.documents = list(documents)
        return report

    def exit_code(self, report: Report | DocumentReport) -> ExitCode:
        """What `checker check` would exit with: 0 clean, 1 problems at or above `fail_on`,
        2 when a document could not be checked."""
        whole = report if isinstance(report, Report) else self.report([report])
        return whole.exit_code(self.fail_on)
