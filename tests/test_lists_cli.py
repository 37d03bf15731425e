"""`checker lists`, `checker lists find` and `checker lists import`, as a user runs them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from checker.lists.model import load_list

# ------------------------------------------------------------------------------------------
# checker lists


def test_lists_shows_every_list_with_counts_dates_and_staleness(cli):
    run = cli("lists", "--as-of", "2026-11-27")
    assert run.exit_code == 0
    rows = {line.split()[0]: line for line in run.stdout.splitlines() if line.startswith(("ru.", "by.", "us.", "eu."))}
    assert set(rows) == {
        "ru.foreign-agents", "ru.undesirable", "ru.extremist", "ru.terrorist",
        "by.extremist-formations", "us.fara-registrants", "eu.annex-xv-media",
    }  # fmt: skip
    assert rows["ru.foreign-agents"].split()[1:5] == ["RU", "1226", "975", "2026-07-10"]
    assert "STALE" in rows["ru.foreign-agents"] and "max 10" in rows["ru.foreign-agents"]
    assert "fresh" in rows["eu.annex-xv-media"]
    assert "warning: list ru.foreign-agents" in run.stdout


def test_lists_json_is_an_array_of_list_summaries(cli):
    run = cli("lists", "--format", "json", "--as-of", "2026-11-27")
    assert run.exit_code == 0
    rows = {row["id"]: row for row in run.json}
    fa = rows["ru.foreign-agents"]
    assert {"id", "jurisdiction", "entries", "active", "retrieved"} <= fa.keys()
    assert (fa["jurisdiction"], fa["entries"], fa["active"], fa["retrieved"]) == ("RU", 1226, 975, "2026-07-10")
    assert fa["stale"] is True and fa["checksum"].startswith("sha256:")
    assert rows["ru.terrorist"]["entries"] == 77 and rows["ru.terrorist"]["active"] == 76  # the Taliban
    assert rows["ru.undesirable"]["entries"] == 367 and rows["ru.extremist"]["entries"] == 629


def test_active_counts_follow_the_date(cli):
    early = {r["id"]: r for r in cli("lists", "--format", "json", "--as-of", "2020-01-01").json}
    assert early["ru.foreign-agents"]["active"] < 975
    assert early["ru.foreign-agents"]["stale"] is False  # a snapshot cannot be stale before it was taken


# ------------------------------------------------------------------------------------------
# checker lists find


@pytest.mark.parametrize(
    "query", ["Галкина", "Галкину", "Максимом Галкиным", "Галкин Максим Александрович", "Maxim Galkin"]
)
def test_find_in_any_case_form_and_order(cli, query):
    run = cli("lists", "find", query, "--as-of", "2026-11-27")
    assert run.exit_code == 0
    assert "ru.foreign-agents  galkin  Галкин Максим Александрович" in run.stdout
    assert "designated 2022-09-16; active on 2026-11-27" in run.stdout


def test_find_shows_every_list_and_the_status_on_each(cli):
    run = cli("lists", "find", "Фонда борьбы с коррупцией", "--as-of", "2026-11-27", "--format", "json")
    found = {(f["list"], f["id"]): f for f in run.json}
    assert found[("ru.extremist", "fbk")]["status"] == "active"
    assert found[("ru.foreign-agents", "fbk")]["status"] == "delisted"
    assert found[("ru.foreign-agents", "fbk")]["delisted"] == "2021-09-08"


def test_find_a_brand_and_a_name_that_is_not_there(cli):
    assert "ru.foreign-agents  meduza" in cli("lists", "find", "Медузы").stdout
    missing = cli("lists", "find", "Пигалкинский")
    assert missing.exit_code == 1 and "no entry matches 'Пигалкинский'" in missing.stderr


def test_find_says_when_an_entry_no_longer_applies(cli):
    run = cli("lists", "find", "Николай Соболев", "--as-of", "2026-11-27")
    assert "designated 2023-02-03, delisted 2024-03-15; no longer listed on 2026-11-27" in run.stdout


# ------------------------------------------------------------------------------------------
# checker lists import

FIRST_EXPORT = [
    {"fullName": "Кварталов Илья Семенович \"Илья Квартал\"", "dateIn": "12.01.2024", "dateOut": "",
     "agentType": "Физические лица", "resources": "https://kvartal.example.org/; https://t.me/kvartal"},
    {"fullName": "Интернет-издание «Пример»", "dateIn": "02.02.2024", "dateOut": "",
     "agentType": "Иные объединения лиц", "resources": "https://primer.example.org"},
    {"fullName": "Зарецкая Ольга Петровна", "dateIn": "03.03.2023", "dateOut": "", "agentType": "Физические лица"},
]  # fmt: skip
SECOND_EXPORT = [
    {**FIRST_EXPORT[0]},
    {**FIRST_EXPORT[1], "dateOut": "15.05.2025"},
    {"fullName": "Бельговский Павел Игоревич", "dateIn": "06.06.2025", "dateOut": "", "agentType": "Физические лица"},
]


def _export(tmp_path: Path, name: str, rows) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def _entries(path: Path) -> dict[str, dict]:
    return {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]}


@pytest.fixture
def imported(cli, tmp_path):
    """A list imported from a first export: (the list file, the run)."""
    target = tmp_path / "lists" / "ru.foreign-agents.yaml"
    export = _export(tmp_path, "first.json", FIRST_EXPORT)
    run = cli("lists", "import", str(export), "--into", str(target), "--retrieved", "2026-11-20")
    return target, run


def test_import_writes_a_list_that_loads_with_source_date_and_checksum(imported, tmp_path):
    target, run = imported
    assert run.exit_code == 0, run.stderr
    assert "ru.foreign-agents: 3 entries (+3 added, -0 removed, 0 changed)" in run.stdout
    assert "+ kvartalov-ilya  Кварталов Илья Семенович" in run.stdout
    loaded = load_list(target)
    assert loaded.retrieved.isoformat() == "2026-11-20"
    digest = hashlib.sha256((tmp_path / "first.json").read_bytes()).hexdigest()
    assert loaded.checksum == f"sha256:{digest}"
    assert loaded.source.startswith("https://reestrs.minjust.gov.ru/")
    person = next(e for e in loaded.entries if e.id == "kvartalov-ilya")
    assert person.name == "Кварталов Илья Семенович"  # the pseudonym became an alias
    assert [(a.name, a.generated) for a in person.aliases] == [("Илья Квартал", True)]
    assert person.domains == ("kvartal.example.org",)  # the Telegram account is not a website
    outlet = next(e for e in loaded.entries if e.name == "Интернет-издание «Пример»")
    assert outlet.kind == "media" and [a.name for a in outlet.aliases] == ["Пример"]
    assert outlet.aliases[0].match == "quoted"  # "пример" is an everyday word


def test_an_imported_list_is_used_like_a_bundled_one(imported, cli):
    target, _ = imported
    rows = cli("lists", "--no-default-rules", "--rules", str(target.parent), "--format", "json").json
    assert [(r["id"], r["entries"], r["retrieved"]) for r in rows] == [("ru.foreign-agents", 3, "2026-11-20")]
    found = cli("lists", "find", "Ильей Кварталом", "--no-default-rules", "--rules", str(target.parent))
    assert "kvartalov-ilya  Кварталов Илья Семенович" in found.stdout  # the pseudonym, instrumental


def test_reimport_reports_added_removed_changed_and_keeps_hand_curation(imported, cli, tmp_path):
    target, _ = imported
    entries = _entries(target)
    outlet_id = next(i for i, e in entries.items() if e["kind"] == "media")
    text = target.read_text(encoding="utf-8")
    hand = "      - {name: Primer Media, lang: en}\n"
    text = text.replace(
        "      - {name: Пример, lang: ru, match: quoted, generated: true}\n",
        "      - {name: Пример, lang: ru, match: quoted, generated: true}\n" + hand,
    )
    text = text.replace(
        "    exclude: []\n    domains: [primer.example.org]",
        "    exclude: [Пример жизни]\n    domains: [primer.example.org, primer.example.net]",
    )
    person = text.index("  - id: kvartalov-ilya")
    principal = text.index("    principal: null\n", person) + len("    principal: null\n")
    text = text[:principal] + "    roles: [шахматист]\n" + text[principal:]
    target.write_text(text, encoding="utf-8")

    export = _export(tmp_path, "second.json", SECOND_EXPORT)
    run = cli("lists", "import", str(export), "--into", str(target), "--retrieved", "2026-11-27")
    assert run.exit_code == 0, run.stderr
    assert "(+1 added, -1 removed, 1 changed)" in run.stdout
    assert "+ belgovsky-pavel  Бельговский Павел Игоревич" in run.stdout
    assert "- zaretskaya-olga  Зарецкая Ольга Петровна" in run.stdout
    assert f"~ {outlet_id}  delisted: None → '2025-05-15'" in run.stdout
    after = _entries(target)
    outlet = after[outlet_id]
    assert {"name": "Primer Media", "lang": "en"} in outlet["aliases"]  # hand alias kept
    assert outlet["exclude"] == ["Пример жизни"]
    assert outlet["domains"] == ["primer.example.org", "primer.example.net"]
    assert str(outlet["delisted"]) == "2025-05-15"
    assert after["kvartalov-ilya"]["roles"] == ["шахматист"]  # ids stay stable, hand roles kept


def test_importing_the_same_export_again_changes_nothing(imported, cli, tmp_path):
    target, _ = imported
    before = target.read_text(encoding="utf-8")
    run = cli("lists", "import", str(tmp_path / "first.json"), "--into", str(target), "--retrieved", "2026-11-20")
    assert "(+0 added, -0 removed, 0 changed)" in run.stdout
    assert target.read_text(encoding="utf-8") == before


def test_dry_run_writes_nothing(cli, tmp_path):
    target = tmp_path / "ru.foreign-agents.yaml"
    run = cli("lists", "import", str(_export(tmp_path, "e.json", FIRST_EXPORT)), "--into", str(target), "--dry-run")
    assert run.exit_code == 0 and "would write" in run.stdout and not target.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('[]', "expected a list of registry rows"),
        ('[{"title": "x"}]', "not a registry export this version reads"),
    ],
)
def test_bad_export_exits_2_with_one_line_and_leaves_the_list_alone(imported, cli, tmp_path, content, message):
    target, _ = imported
    before = target.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    run = cli("lists", "import", str(bad), "--into", str(target))
    assert run.exit_code == 2
    assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith("error: ")
    assert message in run.stderr and "bad.json" in run.stderr
    assert target.read_bytes() == before  # atomic: untouched on failure
    assert sorted(p.name for p in target.parent.iterdir()) == ["ru.foreign-agents.yaml"]  # no temporary file left


def test_an_export_of_another_register_is_refused(cli, tmp_path):
    terrorist = {"entries": [{"id": "fsb-terror-1", "name": "«Пример»", "kind": "org",
                              "decision": "Верховный Суд, от 01.02.2020 № 1, вступило в силу 01.03.2020"}],
                 "registry": "fsb_terrorist_orgs", "fetched_at": "2026-09-16T00:00:00+00:00"}  # fmt: skip
    export, target = _export(tmp_path, "t.json", terrorist), tmp_path / "ru.foreign-agents.yaml"
    run = cli("lists", "import", str(export), "--into", str(target))
    assert run.exit_code == 2
    assert "this is a terrorist export; ru.foreign-agents needs a foreign-agents export" in run.stderr


def test_mirror_formats_are_read(cli, tmp_path):
    """The ITSalt mirror (dates from the court decision, a suspension as delisting; a register's
    inclusion and exclusion dates) and lem files."""
    itsalt = {"entries": [{"id": "fsb-terror-11", "name": "«Движение Пример»", "kind": "org",
                           "decision": "Верховный Суд, от 14.02.2003 № ГКПИ 03-116, вступило в силу 04.03.2003 "
                                       "Запрет деятельности приостановлен. Верховный Суд, от 17.04.2025 № 1, "
                                       "вступило в силу 20.05.2025"}],
              "registry": "fsb_terrorist_orgs", "fetched_at": "2026-09-16T13:56:19+00:00",
              "source_url": "http://www.fsb.ru/fsb/npd/terror.htm"}  # fmt: skip
    target = tmp_path / "ru.terrorist.yaml"
    assert cli("lists", "import", str(_export(tmp_path, "i.json", itsalt)), "--into", str(target)).exit_code == 0
    [entry] = load_list(target).entries
    assert (entry.name, str(entry.designated), str(entry.delisted)) == ("Движение Пример", "2003-03-04", "2025-04-17")
    assert load_list(target).retrieved.isoformat() == "2026-09-16"  # the mirror's own fetch date

    agents = {"entries": [{"id": "fa-1", "name": "Зарецкая Ольга Петровна", "kind": "person",
                           "included_at": "2023-03-03", "excluded_at": "2025-01-10"}],
              "registry": "minjust_foreign_agents", "fetched_at": "2026-09-19T00:00:00+00:00"}  # fmt: skip
    target = tmp_path / "ru.foreign-agents.yaml"
    assert cli("lists", "import", str(_export(tmp_path, "a.json", agents)), "--into", str(target)).exit_code == 0
    [entry] = load_list(target).entries
    assert (entry.kind, str(entry.designated), str(entry.delisted)) == ("person", "2023-03-03", "2025-01-10")

    lem = [
        {"name": "Международное движение «Пример»;", "type": "extremist", "aliases": ["ignored"], "is_person": False},
        {"name": "Официальный интернет-ресурс Министерства юстиции Российской Федерации.", "type": "extremist"},
    ]
    target, export = tmp_path / "ru.extremist.yaml", _export(tmp_path, "l.json", lem)
    run = cli("lists", "import", str(export), "--into", str(target), "--retrieved", "2026-07-10")
    assert "skipped 1 junk rows" in run.stdout
    [entry] = load_list(target).entries
    assert entry.name == "Международное движение «Пример»"  # the stray ";" is gone
    # lem's own aliases are not copied; "Пример" is an everyday word, a name only with its kind noun
    assert [a.name for a in entry.aliases] == ["Движение «Пример»"]
