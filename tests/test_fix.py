"""`checker fix`: what it inserts, where, in which agreement and style; what it refuses to touch;
and, over every sample and evaluation document, that a fix satisfies its rule, changes nothing
the second time and leaves every other byte of the file as it was."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import SAMPLES
from eval_scoring import annotation, context_of, documents

from checker import Session
from checker.config import Config
from checker.fixes.fixer import FIXABLE
from checker.fixes.model import FixOutcome, FixStyle

# The context each sample is checked in (samples/README.md); front matter gives the rest.
SAMPLE_CONTEXT = {
    "rferl-": {"publisher": "RFE/RL", "regions": ["RU"]},
    "meduza-share-rows": {"publisher": "Meduza", "regions": ["RU"]},
    "pivovarov-no-label": {"publisher": "Алексей Пивоваров", "jurisdictions": ["RU"]},
    "moscow-daily": {"jurisdictions": ["RU"]},
    "windows-1251": {"jurisdictions": ["RU"]},
    "belsat-": {"publisher": "Belsat", "regions": ["BY"]},
    "rt-america": {"publisher": "RT America", "jurisdictions": ["US"]},
    "eu-blog": {"jurisdictions": ["DE"]},
}
FOOTNOTE = FixStyle("footnote")
NUMBERED = FixStyle("footnote", "numbered")


@pytest.fixture(scope="module")
def session(pack):
    return Session(Config(), pack=pack)


def _context(session: Session, path: Path) -> dict:
    if path.parent == SAMPLES:
        return next((c for prefix, c in SAMPLE_CONTEXT.items() if path.name.startswith(prefix)), {})
    return context_of(session, annotation(path).get("context"))


ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.name != "README.md") + documents()


def _only_insertions(before: bytes, after: bytes) -> bool:
    """Whether `after` is `before` with bytes inserted and nothing else changed."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def _fix_all(session: Session, style: FixStyle) -> list[tuple[Path, Session, FixOutcome]]:
    done = []
    for path in ARTICLES:
        run = session.override(**_context(session, path))
        done.append((path, run, run.fix_bytes(path.read_bytes(), str(path), style=style)))
    return done


@pytest.fixture(scope="module", params=[FixStyle(), FOOTNOTE], ids=["parenthesis", "footnote"])
def fixed(request, session):
    return request.param, _fix_all(session, request.param)


def test_fixes_satisfy_their_rules_on_every_sample_and_evaluation_document(fixed):
    style, outcomes = fixed
    changed = [(path, run, o) for path, run, o in outcomes if o.changed]
    assert len(changed) >= 100, "the set has many documents with fixable problems"
    for path, run, outcome in changed:
        rules = {f.rule for f in outcome.fixes}
        again = run.check_bytes(outcome.fixed, str(path))  # checked afresh, not the fixer's own report
        left = [r.message for r in again.results if r.rule in rules and r.status in FIXABLE
                and (r.rule, r.subject) in {(f.rule, f.subject) for f in outcome.fixes}]
        assert not left, f"{path.name} ({style.style}): {left}"
        broken = {(r.rule, r.subject) for r in again.results if r.is_problem} - {
            (r.rule, r.subject) for r in outcome.before.results if r.is_problem
        }
        assert not broken, f"{path.name}: the fix made new problems {broken}"


def test_every_problem_of_a_fixable_rule_is_fixed_or_said_to_be_unfixable(fixed, pack):
    _, outcomes = fixed
    fixable = {c.rule.id for c in pack.rules if c.rule.fix}
    unfixable = 0
    for path, _, outcome in outcomes:
        left = {(r.rule, r.subject) for r in outcome.after.results if r.rule in fixable and r.status in FIXABLE}
        said = {(u.rule, u.subject) for u in outcome.unfixable}
        assert left <= said, f"{path.name}: left without a word: {left - said}"
        unfixable += len(outcome.unfixable)
    # each for a reason said (inside a quotation, a link's text, a notice, a longer word)
    assert unfixable <= len(outcomes) // 50, "a handful of documents hold what cannot be placed safely, not more"


def test_fixing_twice_changes_nothing(fixed, session):
    style, outcomes = fixed
    for path, run, outcome in outcomes:
        if outcome.changed:
            second = run.fix_bytes(outcome.fixed, str(path), style=style)
            assert not second.changed, f"{path.name}:\n{second.diff}"


def test_outside_the_inserted_text_every_fixed_file_is_byte_identical(fixed):
    _, outcomes = fixed
    for path, _, outcome in outcomes:
        assert outcome.original == path.read_bytes()
        if outcome.changed:
            assert _only_insertions(outcome.original, outcome.fixed), path.name
            assert outcome.diff.startswith(f"--- a/{path}\n+++ b/{path}\n")


def test_numbered_footnotes_on_the_samples(session):
    for path in sorted(p for p in SAMPLES.iterdir() if p.name != "README.md"):
        run = session.override(**_context(session, path))
        outcome = run.fix_bytes(path.read_bytes(), str(path), style=NUMBERED)
        assert _only_insertions(outcome.original, outcome.fixed)
        assert not run.fix_bytes(outcome.fixed, str(path), style=NUMBERED).changed


def test_review_results_are_never_fixed(fixed):
    _, outcomes = fixed
    for _, _, outcome in outcomes:
        reviewed = {(r.rule, r.text) for r in outcome.before.results if r.status == "review"}
        assert not reviewed & {(f.rule, f.text) for f in outcome.fixes}


# --- agreement -------------------------------------------------------------------------------

RU = {"jurisdictions": "RU", "as_of": "2026-11-27"}


@pytest.mark.parametrize("text, fixed", [
    ("Концерт Максима Галкина прошел в Риге.", "Концерт Максима Галкина (признан иноагентом) прошел в Риге."),
    ("Лекцию прочитала Екатерина Шульман.", "Лекцию прочитала Екатерина Шульман (признана иноагентом)."),
    ("Дмитрий Быков и Юрий Дудь выступили вместе.",
     "Дмитрий Быков и Юрий Дудь (признаны иноагентами) выступили вместе."),
    ("Сторонники ФБК вышли на улицы.",
     "Сторонники ФБК (организация признана экстремистской и запрещена в России) вышли на улицы."),
    ("После признания движения ЛГБТ прошли обыски.",
     "После признания движения ЛГБТ (признано экстремистским и запрещено в России) прошли обыски."),
    ("Сторонники движения «Артподготовка» задержаны.",
     "Сторонники движения «Артподготовка» (признано экстремистским и запрещено в России) задержаны."),
    ("Сотрудники Фонда борьбы с коррупцией не ответили.",
     "Сотрудники Фонда борьбы с коррупцией (признан экстремистским и запрещен в России) не ответили."),
    ("Координаторы бывших Штабов Навального не ответили.",
     "Координаторы бывших Штабов Навального (признаны экстремистскими и запрещены в России) не ответили."),
    ("Maxim Galkin performed in Riga.", "Maxim Galkin (designated a foreign agent in Russia) performed in Riga."),
    ("Ekaterina Shulman and Maxim Galkin spoke.",
     "Ekaterina Shulman (designated a foreign agent in Russia) and Maxim Galkin (designated a foreign agent in "
     "Russia) spoke."),
], ids=["masculine", "feminine", "plural", "organization", "neuter", "neuter-quoted", "masculine-type", "plural-type",
        "english", "english-two"])
def test_the_label_agrees_with_the_entity(session, text, fixed):
    article = f"Заголовок\n\n{text}\n" if not text.isascii() else f"Headline\n\n{text}\n"
    head = article.split("\n\n")[0]
    assert session.fix_text(article, "text", **RU) == f"{head}\n\n{fixed}\n"


def test_labels_of_two_rules_after_one_name_share_a_parenthesis(session):
    fixed = session.fix_text("Заголовок\n\nПо данным «ОВД-Инфо», задержаны сто человек.\n", "text", **RU)
    assert "«ОВД-Инфо» (организация признана экстремистской и запрещена в России; организация признана " \
           "иноагентом), задержаны" in fixed


def test_a_short_parenthesis_after_the_name_takes_the_label_in(session):
    fixed = session.fix_text("Заголовок\n\nПо данным «ОВД-Инфо» (внесен в реестр иностранных агентов), задержаны сто "
                             "человек.\n", "text", **RU)
    assert "«ОВД-Инфо» (внесен в реестр иностранных агентов; организация признана экстремистской и запрещена в " \
           "России), задержаны" in fixed


def test_the_label_agrees_with_the_person_not_with_the_case(session):
    fixed = session.fix_text("Заголовок\n\nЗрители аплодировали Максиму Галкину.\n", "text", **RU)
    assert "Максиму Галкину (признан иноагентом)" in fixed


# --- footnotes -------------------------------------------------------------------------------


def test_footnote_style_marks_the_mention_and_adds_the_footnote_at_the_end(session):
    text = "Заголовок\n\nЛекцию прочитала Екатерина Шульман.\n\nКонцерт Максима Галкина прошел.\n"
    assert session.fix_text(text, "text", style=FOOTNOTE, **RU) == (
        "Заголовок\n\nЛекцию прочитала Екатерина Шульман*.\n\nКонцерт Максима Галкина** прошел.\n\n"
        "* Признана иноагентом Минюстом России.\n\n** Признан иноагентом Минюстом России.\n"
    )


def test_two_rules_after_one_name_share_a_marker_and_a_footnote(session):
    text = "Заголовок\n\nПо данным «ОВД-Инфо», задержаны сто человек.\n"
    fixed = session.fix_text(text, "text", style=FOOTNOTE, **RU)
    assert fixed == ("Заголовок\n\nПо данным «ОВД-Инфо»*, задержаны сто человек.\n\n* Организация признана "
                     "экстремистской и запрещена в России. Организация признана иноагентом Минюстом России.\n")


def test_an_english_possessive(session):
    text = "Headline\n\nMikhail Zygar's new book is out.\n"
    assert "Mikhail Zygar's (designated a foreign agent in Russia) new" in session.fix_text(text, "text", **RU)
    assert "Mikhail Zygar*'s new" in session.fix_text(text, "text", style=FOOTNOTE, **RU)


def test_an_existing_footnote_with_the_same_text_is_reused(session):
    text = ("Заголовок\n\nКонцерт Максима Галкина* прошел.\n\nЗрители увидели Юрия Дудя.\n\n"
            "* Признан иноагентом Минюстом России.\n")
    fixed = session.fix_text(text, "text", style=FOOTNOTE, **RU)
    assert fixed == text.replace("Юрия Дудя.", "Юрия Дудя*.")


@pytest.mark.parametrize("fmt, article, marker, footnote", [
    ("html", "<h1>T</h1>\n<p>Концерт Максима Галкина прошел.</p>\n", "Галкина<sup>1</sup>",
     "<p>1 Признан иноагентом Минюстом России.</p>"),
    ("markdown", "# T\n\nКонцерт Максима Галкина прошел.\n", "Галкина[^1]",
     "[^1]: Признан иноагентом Минюстом России."),
    ("text", "T\n\nКонцерт Максима Галкина прошел.\n", "Галкина[1]", "[1] Признан иноагентом Минюстом России."),
], ids=["html", "markdown", "text"])
def test_numbered_footnotes_in_each_format(session, fmt, article, marker, footnote):
    fixed = session.fix_text(article, fmt, style=NUMBERED, **RU)
    assert marker in fixed and footnote in fixed
    results = session.override(jurisdictions="RU", as_of="2026-11-27").check_text(fixed, fmt).results
    assert [r.status for r in results if r.rule == "ru.foreign-agent.mention-status"] == ["present"]
    assert not session.fix_bytes(fixed.encode(), f"a.{fmt}", fmt, style=NUMBERED).changed


# --- where a fix may not go --------------------------------------------------------------------


@pytest.mark.parametrize("fmt, article, reason", [
    ("html", '<h1>T</h1><p>Читайте <a href="/x">интервью Максима Галкина о туре</a>.</p>', "link's text"),
    ("markdown", "# T\n\nЧитайте [интервью Максима Галкина о туре](https://example.org).\n", "link's text"),
    ("html", "<h1>T</h1><blockquote><p>Максим Галкин выступил в Риге.</p></blockquote>", "quotation"),
    ("text", "T\n\n«Вчера я видел, как Максим Галкин выступал в Риге», — сказал зритель.\n", "quotation"),
    ("text", "T\n\nКонцерт Максима Галкина (он давно не выступал в Юрмале, и билеты раскупили за час) прошел.\n",
     "parenthesis already follows"),
    ("text", "T\n\nA court jailed an ISIS-linked cell.\n", "longer word"),
], ids=["html-link", "markdown-link", "blockquote", "quoted-speech", "parenthesis", "compound"])
def test_unsafe_places_are_reported_not_edited(session, fmt, article, reason):
    outcome = session.override(jurisdictions="RU").fix_bytes(article.encode(), f"a.{fmt}", fmt)
    assert not outcome.changed
    assert outcome.unfixable and reason in outcome.unfixable[0].reason


def test_a_link_that_is_just_the_name_takes_the_label_after_it(session):
    html = '<h1>T</h1><p>Об этом писала <a href="https://meduza.io/x">«Медуза»</a>.</p>'
    assert session.fix_html(html, **RU) == html.replace("</a>.", "</a> (организация признана иноагентом).")


def test_html_is_edited_in_place_entities_whitespace_attributes_and_newlines_kept(session):
    html = ('<!DOCTYPE html>\r\n<html lang="ru"><body   data-b="2" class=x data-a=\'1\'>\r\n'
            '<h1>Тема&nbsp;дня</h1>\r\n<p title="Галкин">Концерт&nbsp;&laquo;Звёзд&raquo; и <b>Максима Галкина</b>'
            ' &amp; друзей.</p>\r\n<!-- Максим Галкин -->\r\n</body></html>\r\n')
    fixed = session.fix_html(html, **RU)
    assert fixed == html.replace("Галкина</b>", "Галкина</b> (признан иноагентом)")


def test_a_legacy_encoding_is_kept(session):
    data = (SAMPLES / "windows-1251.html").read_bytes()
    outcome = session.override(jurisdictions="RU").fix_bytes(data, "windows-1251.html")
    assert outcome.changed and _only_insertions(data, outcome.fixed)
    outcome.fixed.decode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        outcome.fixed.decode("utf-8")


def test_fixes_are_limited_to_the_rules_asked_for(session):
    text = "Заголовок\n\nСторонники ФБК и Максим Галкин вышли на улицы.\n"
    outcome = session.override(jurisdictions="RU").fix_bytes(
        text.encode(), "a.txt", rules=["ru.banned-org.mention-label"]
    )
    assert {f.rule for f in outcome.fixes} == {"ru.banned-org.mention-label"}
    assert "Галкин (" not in outcome.fixed.decode()


# --- notices ---------------------------------------------------------------------------------


def test_the_reader_warning_goes_last_in_the_articles_language(session):
    fixed = session.fix_text("Переговоры в Москве\n\nПереговоры длились три часа.\n", "text",
                             publisher="Радио Свобода", regions="RU")
    assert fixed.endswith("\n\nОрганизация «Радио Свобода» признана нежелательной в России. Если вы находитесь "
                          "в России, за репост, лайк, комментарий или сохранение наших материалов вам грозит штраф или "
                          "лишение свободы.\n")


def test_the_self_label_goes_under_the_headline_naming_the_agent(session):
    html = "<article><h1>Выпуск</h1>\n<p>Текст.</p></article>"
    fixed = session.fix_html(html, publisher="Алексей Пивоваров", jurisdictions="RU")
    assert fixed.startswith("<article><h1>Выпуск</h1>\n<p>НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН")
    assert "ИНОСТРАННЫМ АГЕНТОМ ПИВОВАРОВЫМ АЛЕКСЕЕМ ВЛАДИМИРОВИЧЕМ" in fixed


def test_the_fara_statement_names_registrant_and_principal_at_the_beginning(session):
    fixed = session.fix_text("Energy markets\n\nPrices rose.\n\nThey fell later.\n", "text",
                             publisher="RT America", jurisdictions="US", as_of="2021-06-01")
    assert fixed.split("\n\n")[1] == (
        "This material is distributed by T&R Productions LLC on behalf of ANO TV-Novosti. Additional information is "
        "available at the Department of Justice, Washington, DC."
    )


# --- command line ----------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Заголовок\n\nКонцерт Максима Галкина прошел в Риге.\n", encoding="utf-8")
    return path


def test_fix_shows_a_diff_and_changes_nothing(cli, article):
    before = article.read_bytes()
    run = cli("fix", str(article), "--jurisdiction", "RU", "--as-of", "2026-11-27")
    assert run.exit_code == 1  # the article still lacks its label
    assert article.read_bytes() == before
    assert run.stdout.startswith(f"--- a/{article}\n+++ b/{article}\n")
    assert "+Концерт Максима Галкина (признан иноагентом) прошел в Риге." in run.stdout
    assert "1 fix(es) to apply in 1 file(s)" in run.stderr


def test_fix_write_applies_keeps_a_backup_and_exits_clean(cli, article):
    before = article.read_bytes()
    run = cli("fix", str(article), "--jurisdiction", "RU", "--as-of", "2026-11-27", "--write", "--backup")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert "(признан иноагентом)" in article.read_text(encoding="utf-8")
    assert Path(f"{article}.orig").read_bytes() == before
    again = cli("fix", str(article), "--jurisdiction", "RU", "--as-of", "2026-11-27")
    assert again.exit_code == 0 and again.stdout == ""


def test_fix_exit_code_counts_what_cannot_be_fixed(cli, tmp_path):
    path = tmp_path / "q.md"
    path.write_text("# T\n\nЧитайте [интервью Максима Галкина о туре](https://example.org).\n", encoding="utf-8")
    run = cli("fix", str(path), "--jurisdiction", "RU", "--as-of", "2026-11-27", "--write")
    assert run.exit_code == 1
    assert "not fixed: the mention is inside a link's text" in run.stderr


def test_fix_rule_option_and_unknown_rules(cli, article):
    run = cli("fix", str(article), "--jurisdiction", "RU", "--rule", "ru.banned-org.mention-label")
    assert run.stdout == "" and run.exit_code == 1
    assert cli("fix", str(article), "--rule", "no.such.rule").exit_code == 2


def test_fix_style_from_the_configuration(cli, article, monkeypatch):
    (article.parent / "checker.yaml").write_text("jurisdictions: [RU]\nfix-style: footnote\n", encoding="utf-8")
    monkeypatch.chdir(article.parent)
    run = cli("fix", "a.txt", "--as-of", "2026-11-27")
    assert "+Концерт Максима Галкина* прошел в Риге." in run.stdout
    assert "+* Признан иноагентом Минюстом России." in run.stdout
    (article.parent / "checker.yaml").write_text("fix-style: brackets\n", encoding="utf-8")
    bad = cli("fix", "a.txt")
    assert bad.exit_code == 2 and "fix-style: 'brackets' is not one of parenthesis, footnote" in bad.stderr


def test_check_fix_fixes_then_checks(cli, article):
    run = cli("check", str(article), "--jurisdiction", "RU", "--as-of", "2026-11-27", "--fix")
    assert run.exit_code == 0, run.stdout
    assert "1 fix(es) applied in 1 file(s)" in run.stderr
    assert "(признан иноагентом)" in article.read_text(encoding="utf-8")


def test_fix_json_report(cli, article, tmp_path):
    run = cli("fix", str(article), str(tmp_path / "missing.txt"), "--jurisdiction", "RU", "--as-of", "2026-11-27",
              "--format", "json", "--quiet")
    assert run.exit_code == 2  # an input could not be read
    fixed, missing = run.json
    assert fixed["changed"] and fixed["fixes"][0]["inserted"] == "признан иноагентом"
    assert fixed["fixes"][0]["text"] == "Максима Галкина" and fixed["diff"].startswith("--- a/")
    assert missing["error"].endswith("missing.txt: no such file") and not missing["changed"]


def test_fix_reads_standard_input(cli):
    run = cli("fix", "-", "--jurisdiction", "RU", "--as-of", "2026-11-27", "--write", "--quiet",
              input="Заголовок\n\nЛекцию прочитала Екатерина Шульман.\n".encode())
    assert run.stdout == "Заголовок\n\nЛекцию прочитала Екатерина Шульман (признана иноагентом).\n"


# --- rules: templates and fix examples ------------------------------------------------------

RULE = """\
id: house.label
title: A house label
jurisdiction: RU
purpose: house
severity: warning
law:
  - {title: House style guide, url: https://example.org/style}
check:
  kind: mention-label
  lists: [ru.foreign-agents]
  labels: {phrases: [иноагент*]}
fix:
  label:
    ru: {masc: признан иноагентом, fem: признана иноагентом, org: организация признана иноагентом}
examples:
  - text: "Заголовок\\n\\nКонцерт Максима Галкина прошел.\\n"
    context: {jurisdictions: [RU]}
    expect: {mentions: [{text: Максима Галкина, status: missing}]}
    fixed: "Заголовок\\n\\nКонцерт Максима Галкина (признан иноагентом) прошел.\\n"
  - text: "Заголовок\\n\\nКонцерт Максима Галкина (признан иноагентом) прошел.\\n"
    context: {jurisdictions: [RU]}
    expect: {mentions: [{text: Максима Галкина, status: present}]}
"""


def test_rules_test_runs_fix_examples(cli, tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    assert cli("rules", "test", str(path), "--no-default-rules").exit_code == 2  # no lists without the pack
    ok = cli("rules", "test", str(path))
    assert "3 examples in 1 rule: 3 passed, 0 failed" in ok.stdout, ok.stdout
    path.write_text(RULE.replace("(признан иноагентом) прошел.\\n\"\n  - text", "(признан) прошел.\\n\"\n  - text"),
                    encoding="utf-8")
    failing = cli("rules", "test", str(path))
    assert failing.exit_code == 1
    assert "(fixed)" in failing.stdout and "+Концерт Максима Галкина (признан иноагентом) прошел." in failing.stdout


@pytest.mark.parametrize("change, problem", [
    ("masc: признан иноагентом,", "masc: '{kind} признан',"),
    ("fem: признана иноагентом, ", ""),
], ids=["unknown-placeholder", "no-feminine"])
def test_rules_validate_checks_the_templates(cli, tmp_path, change, problem):
    path = tmp_path / "rule.yaml"
    text = RULE.replace(change, problem)
    path.write_text(text, encoding="utf-8")
    run = cli("rules", "validate", str(path))
    assert run.exit_code == 2
    expected = "{kind} cannot be filled in" if problem else "fix.label.ru has no fem wording"
    assert expected in run.stdout, run.stdout


def test_a_flag_rule_has_nothing_to_fix(cli, tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text(
        "id: house.flag\ntitle: A flag\njurisdiction: RU\npurpose: house\nseverity: warning\n"
        "law: [{title: Style guide, url: 'https://example.org/style'}]\n"
        "check: {kind: flag, text: {phrases: [donate]}}\nfix: {notice: {en: Thanks.}}\n",
        encoding="utf-8",
    )
    run = cli("rules", "validate", str(path))
    assert run.exit_code == 2 and "a flag rule has nothing to insert" in run.stdout, run.stdout


def test_a_newsroom_that_labels_every_mention_gets_every_mention_labelled():
    strict = Session(Config(label_once="mention"), **RU)  # its own pack, configured for the policy
    text = "Заголовок\n\nКонцерт Максима Галкина прошел.\n\nЗрители аплодировали Максиму Галкину.\n"
    fixed = strict.fix_text(text, "text")
    assert fixed.count("(признан иноагентом)") == 2
    assert strict.fix_text(fixed, "text") == fixed


def test_a_byte_order_mark_and_windows_newlines_are_kept(session):
    data = "\ufeffЗаголовок\r\n\r\nКонцерт Максима Галкина прошел.\r\n\r\nЕще абзац.\r\n".encode("utf-8")
    outcome = session.override(jurisdictions="RU", as_of="2026-11-27").fix_bytes(data, "a.txt", style=FOOTNOTE)
    assert outcome.fixed == (
        "\ufeffЗаголовок\r\n\r\nКонцерт Максима Галкина* прошел.\r\n\r\nЕще абзац.\r\n\r\n"
        "* Признан иноагентом Минюстом России.\r\n"
    ).encode("utf-8")
