"""The name-form cache holds plain data: a poisoned, wrong-typed or truncated file costs only a
rebuild and executes nothing; the forms shipped with the bundled lists are the ones derived now."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from checker.lexicon import bundled_rules_dir
from checker.lists.model import DesignationList, list_from_data, list_key, load_list
from checker.match import formcache as formcache
from checker.match.names import NameIndex, _table_data, bundled_form_tables

FARA = bundled_rules_dir() / "lists" / "us.fara-registrants.yaml"
TEXT = "Reporting by RT America and Sputnik, with a statement from the registrant."


class Marker:
    """Unpickling this would create a file: a cache that executes code would show it."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def _user_list() -> DesignationList:
    """A list of the user's own (not shipped), so that its forms go through the cache."""
    bundled = load_list(FARA)
    return replace(bundled, id="user.test", entries=tuple(replace(e, list_id="user.test") for e in bundled.entries))


def _found(index: NameIndex) -> list[tuple[int, int, tuple[str, ...], str]]:
    return [(h.start, h.end, tuple(e.key for e in h.entries), h.evidence) for h in index.find(TEXT.lower(), TEXT)]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(directory))
    return directory


def test_cache_files_are_json(cache):
    NameIndex([_user_list()])
    files = sorted(cache.iterdir())
    assert [f.name.split("-")[0] for f in files] == ["forms"]  # the list itself ships loaded
    assert all(isinstance(json.loads(f.read_text("utf-8")), dict) for f in files)


@pytest.mark.parametrize(
    "poison",
    ["pickle", "wrong types", "truncated", "out of range", "not json"],
)
def test_a_poisoned_cache_costs_a_rebuild_and_runs_nothing(cache, tmp_path, poison):
    expected = NameIndex([_user_list()])
    marker = tmp_path / "executed"
    (path,) = cache.glob("forms-*.json")
    good = json.loads(path.read_text("utf-8"))
    if poison == "pickle":
        content = pickle.dumps(Marker(marker))
        (cache / path.name.replace(".json", ".pickle")).write_bytes(content)  # where older versions looked
    elif poison == "wrong types":
        good["value"]["counts"] = [str(c) for c in good["value"]["counts"]]
        content = json.dumps(good).encode()
    elif poison == "truncated":
        content = path.read_bytes()[: path.stat().st_size // 2]
    elif poison == "out of range":
        good["value"]["entries"][0] = 10**6
        content = json.dumps(good).encode()
    else:
        content = b"\x80\x04\x95 not json at all"
    path.write_bytes(content)
    rebuilt = NameIndex([_user_list()])
    assert not marker.exists()
    assert len(rebuilt) == len(expected)
    assert _found(rebuilt) == _found(expected) != []
    # The rebuild replaced the bad file with a good one.
    assert json.loads(path.read_text("utf-8"))["key"] == good["key"]


def test_a_poisoned_list_cache_costs_a_rebuild(cache, tmp_path):
    own = tmp_path / "lists" / FARA.name
    own.parent.mkdir()
    own.write_text(FARA.read_text("utf-8") + "# a project's own copy\n", "utf-8")
    expected = load_list(own)
    assert expected.path == str(own)
    (path,) = cache.glob("list-*.json")
    data = json.loads(path.read_text("utf-8"))
    data["value"]["entries"][0][5] = [[1, 2, 3, 4, 5]]  # an alias of numbers
    path.write_text(json.dumps(data), "utf-8")
    assert load_list(own) == expected


def test_shipped_forms_are_those_derived_now():
    """Fails after an edit to a bundled list or to the code that derives forms: run
    `python scripts/ship_forms.py` and commit checker/shipped/. The forms come in the same order
    whatever the hash seed, so that the shipped files are the same on every machine."""
    for list_id, (lst, table) in bundled_form_tables().items():
        found = formcache._read_shipped("forms", list_id, lst.entries, lambda data: data)
        assert found is not None, f"{list_id}: shipped forms are missing or stale"
        assert found[0] == _table_data(table), list_id
        path = Path(lst.path)
        shipped = formcache._read_shipped("list", path.name, list_key(path), list_from_data)
        assert shipped is not None, f"{list_id}: the shipped list is missing or stale"
        assert replace(shipped[0], path=lst.path) == lst  # the path is the one it is read from
