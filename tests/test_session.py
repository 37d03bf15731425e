"""The library's one entry point, `checker.Session`, as a CMS script or a test uses it."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SAMPLES, TODAY

from checker import Config, Session
from checker.session import OverrideError

HTML = '<h1>Budget</h1><p>Text. <a href="https://meduza.io/donate">Support us</a></p>'


@pytest.fixture(scope="module")
def session(pack):
    return Session(Config(), pack=pack, publisher="Meduza", regions="RU", as_of="2026-11-27")


def test_overrides_are_parsed_once_for_every_front_door(session):
    assert session.context.as_of == TODAY
    assert session.context.regions == ("RU",)
    assert session.fail_on == "warning"
    assert session.override(regions=["by, ge"]).context.regions == ("BY", "GE")


@pytest.mark.parametrize(
    ("overrides", "name", "message"),
    [
        ({"regions": ["UK"]}, "regions",
         "'UK' is not an ISO 3166-1 country code or EU (did you mean 'GB', United Kingdom?)"),
        ({"jurisdictions": "RU, XX"}, "jurisdictions", "'XX' is not an ISO 3166-1 country code or EU"),
        ({"as_of": "2026-02-30"}, "as_of", "'2026-02-30' is not a date in the form YYYY-MM-DD"),
        ({"fail_on": "fatal"}, "fail_on", "'fatal' is not one of info, warning, error"),
    ],
)
def test_an_unusable_override_is_one_typed_error(pack, overrides, name, message):
    with pytest.raises(OverrideError) as caught:
        Session(Config(), pack=pack, **overrides)
    assert (caught.value.name, str(caught.value)) == (name, message)


def test_check_text_and_the_exit_code(session):
    report = session.check_text(HTML, fmt="html", path="cms/1042")
    assert report.path == "cms/1042"
    assert sorted(r.status for r in report.results) == ["flagged", "missing"]  # the call and its link: one
    assert session.exit_code(report) == 1
    assert session.override(regions=["DE"]).exit_code(session.override(regions=["DE"]).check_text(HTML)) == 0


def test_check_paths_and_check_each_agree(session):
    paths = [SAMPLES / "rferl-no-warning.html", SAMPLES / "belsat-warning.html"]
    report = session.check_paths(paths)
    each = [checked.report for checked in session.check_each(paths)]
    assert [d.path for d in report.documents] == [d.path for d in each] == [str(p) for p in paths]
    assert report.as_of == TODAY and report.warnings == session.stale_list_warnings()


def test_exclude_and_the_effective_context(pack):
    config = Config(publisher="RFE/RL", regions=("RU",), exclude=("*-no-warning.html",))
    session = Session(config, pack=pack, as_of=date(2026, 11, 27))
    assert str(SAMPLES / "rferl-no-warning.html") not in session.inputs([SAMPLES])
    effective = session.effective_context
    assert (effective.publisher, effective.regions) == ("RFE/RL", ("RU",))
    assert session.override(exclude=()).inputs([SAMPLES / "rferl-no-warning.html"])
