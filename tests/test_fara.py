"""The FARA bulk data as a register: `checker lists import` of the registrants and foreign
principals CSV files (plain or zipped, as efile.fara.gov serves them), and the bundled list
built from them."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import yaml
from test_lists_update import server  # noqa: F401 (the loopback server fixture)

from checker.lists.model import load_list


def _csv(header: str, rows: list[str]) -> str:
    """A bulk file: the header's columns, each row's fields (comma-separated here), all quoted."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for line in [header, *rows]:
        writer.writerow(line.split(","))
    return out.getvalue()


# Only the columns the import reads, and the bulk file's address columns left empty.
REGISTRANTS = _csv("Registration Number,Registration Date,Termination Date,Name,Business Name,City", [
    "7001,03/01/2024,,Harbor Strategies LLC,,Washington",
    "7002,05/05/2021,,Xinhua News Agency North America,,New York",
    "6485,11/10/2017,09/30/2022,T&R Productions LLC,,Washington",
    "5000,01/02/2001,12/31/2010,Old Lobby Partners; LLP,,Washington",
    "7003,06/06/2024,,Sweeney; Robert Wallace,,Arlington",
    "4000,02/02/1990,01/01/2000,Grand PR Inc.,,New York",
]).replace(";", ",")
PRINCIPALS = _csv(
    "Foreign Principal Termination Date,Foreign Principal,Foreign Principal Registration Date,"
    "Country/Location Represented,Registration Number,Registrant Date,Registrant Name", [
        ",Ministry of Tourism of Ruritania,03/01/2024,RURITANIA,7001,03/01/2024,Harbor Strategies LLC",
        ",Embassy of Ruritania,04/01/2024,RURITANIA,7001,03/01/2024,Harbor Strategies LLC",
        "01/01/2023,Ruritanian Chamber of Commerce,03/01/2024,RURITANIA,7001,03/01/2024,Harbor Strategies LLC",
        ",Xinhua News Agency,05/05/2021,CHINA,7002,05/05/2021,Xinhua News Agency North America",
        "09/30/2022,ANO TV-Novosti,11/10/2017,RUSSIA,6485,11/10/2017,T&R Productions LLC",
        "12/31/2010,Republic of Elbonia,01/02/2001,ELBONIA,5000,01/02/2001,Old Lobby Partners; LLP",
        ",Government of Freedonia,06/06/2024,FREEDONIA,7003,06/06/2024,Sweeney; Robert Wallace",
        "01/01/2000,CCTV,02/02/1990,CHINA,4000,02/02/1990,Grand PR Inc.",
        "01/01/2000,Ministry of Ports,02/02/1990,X,4000,02/02/1990,Grand PR Inc.",
        "01/01/2000,Ministry of Roads,02/02/1990,X,4000,02/02/1990,Grand PR Inc.",
        "01/01/2000,Ministry of Rails,02/02/1990,X,4000,02/02/1990,Grand PR Inc.",
    ]).replace(";", ",")


def _zipped(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def _hand_list(path: Path) -> None:
    """A list written by hand before any import: one registrant the bulk data has, one it lacks."""
    path.write_text(yaml.safe_dump({
        "id": "us.fara-registrants", "title": "FARA registrants", "jurisdiction": "US",
        "authority": "DOJ FARA Unit", "source": "https://efile.fara.gov/", "retrieved": "2024-01-01",
        "entries": [
            {"id": "t-and-r-productions", "name": "T&R Productions LLC", "kind": "media",
             "designated": "2017-11-13", "delisted": None,
             "aliases": [{"name": "RT America", "lang": "en"}], "exclude": [], "domains": [],
             "principal": "ANO TV-Novosti", "source": "written by hand"},
            {"id": "clock-tower-x", "name": "Clock Tower X LLC", "kind": "organization",
             "designated": None, "delisted": None, "aliases": [], "exclude": [], "domains": [],
             "principal": "Ruritania", "source": "written by hand"},
        ],
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_bulk_files_become_a_list_of_registrants_in_force_and_outlets(cli, tmp_path):
    (tmp_path / "registrants.csv.zip").write_bytes(_zipped("FARA_All_Registrants.csv", REGISTRANTS))
    (tmp_path / "principals.csv").write_text(PRINCIPALS, encoding="utf-8")
    into = tmp_path / "us.fara-registrants.yaml"
    _hand_list(into)
    run = cli("lists", "import", str(tmp_path / "registrants.csv.zip"), str(tmp_path / "principals.csv"),
              "--into", str(into), "--retrieved", "2025-04-11")
    assert run.exit_code == 0, run.stderr
    assert "from FARA bulk data (registrants) (fara)" in run.stdout and "-0 removed" in run.stdout
    entries = {e.name: e for e in load_list(into).entries}
    # In force: kept with the principals in force; a lobbying firm that ended, dropped.
    assert entries["Harbor Strategies LLC"].principals == ("Ministry of Tourism of Ruritania", "Embassy of Ruritania")
    assert entries["Harbor Strategies LLC"].kind == "organization"
    assert "Old Lobby Partners, LLP" not in entries
    # Outlets' distributors, in force or not, with the termination as `delisted`.
    assert entries["Xinhua News Agency North America"].kind == "media"
    rt = entries["T&R Productions LLC"]
    assert (rt.kind, str(rt.designated), str(rt.delisted)) == ("media", "2017-11-10", "2022-09-30")
    assert "RT America" in {a.name for a in rt.aliases}, "hand-written aliases stay"
    # One state outlet among four clients long ago is no distributor.
    assert "Grand PR Inc." not in entries
    # A person, surname first as the registers write persons.
    assert entries["Sweeney Robert Wallace"].kind == "person"
    # Not in the whole history: registered after the export, so kept.
    assert entries["Clock Tower X LLC"].principals == ("Ruritania",)


def test_principals_reach_lists_find(cli, tmp_path):
    (tmp_path / "r.csv").write_text(REGISTRANTS, encoding="utf-8")
    (tmp_path / "p.csv").write_text(PRINCIPALS, encoding="utf-8")
    into = tmp_path / "lists" / "us.fara-registrants.yaml"
    into.parent.mkdir()
    _hand_list(into)
    cli("lists", "import", str(tmp_path / "r.csv"), str(tmp_path / "p.csv"), "--into", str(into))
    run = cli("lists", "find", "Harbor Strategies", "--rules", str(into.parent), "--no-default-rules")
    assert run.exit_code == 0, run.stderr
    assert "  foreign principals: Ministry of Tourism of Ruritania; Embassy of Ruritania" in run.stdout


def test_csv_that_is_not_the_bulk_data_is_one_line(cli, tmp_path):
    (tmp_path / "other.csv").write_text('"a","b"\n"1","2"\n', encoding="utf-8")
    (tmp_path / "two.zip").write_bytes(_zipped("a.csv", REGISTRANTS)[:-30])
    into = tmp_path / "us.fara-registrants.yaml"
    _hand_list(into)
    run = cli("lists", "import", str(tmp_path / "other.csv"), "--into", str(into))
    assert run.exit_code == 2
    assert run.stderr.strip().endswith("CSV without the columns of the FARA bulk registrants or foreign principals files")  # noqa: E501
    run = cli("lists", "import", str(tmp_path / "two.zip"), "--into", str(into))
    assert run.exit_code == 2 and "not a readable zip archive" in run.stderr


def test_lists_update_fetches_both_zipped_files(cli, tmp_path, server):  # noqa: F811
    base, responses = server
    responses["/r.zip"] = (200, "application/zip", _zipped("FARA_All_Registrants.csv", REGISTRANTS), 0, None)
    responses["/p.zip"] = (200, "application/zip", _zipped("FARA_All_ForeignPrincipals.csv", PRINCIPALS), 0, None)
    into = tmp_path / "us.fara-registrants.yaml"
    _hand_list(into)
    data = yaml.safe_load(into.read_text(encoding="utf-8"))
    data["update"] = [{"name": "FARA eFile bulk data (official)", "url": f"{base}/r.zip", "format": "fara",
                       "also": [f"{base}/p.zip"]}]
    into.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run = cli("lists", "update", str(into))
    assert run.exit_code == 0, run.stderr
    assert "5 entries (+3 added, -0 removed, 1 changed)" in run.stdout
    assert load_list(into).entries[0].principals


def test_the_bundled_list_is_the_bulk_data_with_principals():
    fara = load_list(Path(__file__).resolve().parent.parent / "rules" / "lists" / "us.fara-registrants.yaml")
    assert len(fara.entries) > 500
    media = {e.name: e for e in fara.entries if e.kind == "media"}
    assert {"Xinhua News Agency North America", "China Daily Distribution Corporation", "T&R Productions LLC",
            "RIA Global LLC"} <= set(media)
    assert str(media["RIA Global LLC"].delisted) == "2020-08-31"
    assert sum(1 for e in fara.entries if e.principals) >= 0.99 * len(fara.entries)
