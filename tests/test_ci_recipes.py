"""The pre-commit hook and the CI recipes in docs/ci.md, tested as far as they can be here: the
files parse and validate, and every command they run exists, with options that exist, and
produces the files the later steps use."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
DOC = ROOT / "docs" / "ci.md"
SITE = ROOT / "examples" / "publishing-site"
BIN = Path(sys.executable).parent


def yaml_blocks() -> list[dict]:
    text = DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def recipe(predicate) -> dict:
    [found] = [b for b in yaml_blocks() if predicate(b)]
    return found


@pytest.fixture
def site(tmp_path):
    shutil.copytree(SITE, tmp_path / "site")
    return tmp_path / "site"


def run_command(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a recipe's command line (no shell: its words as a CI runner would split them)."""
    words = shlex.split(command.split("#")[0])
    program = {"checker": [str(BIN / "checker")], "pytest": [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]}
    return subprocess.run([*program[words[0]], *words[1:]], cwd=cwd, capture_output=True, text=True, timeout=300)


# --- pre-commit --------------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_hook_manifest_is_valid_for_pre_commit():
    from pre_commit.clientlib import load_manifest

    manifest = {hook["id"]: hook for hook in load_manifest(str(HOOKS))}
    assert set(manifest) == {"checker", "checker-fix"}
    assert all(hook["language"] == "python" for hook in manifest.values())
    assert manifest["checker"]["entry"].split()[:2] == ["checker", "check"]
    assert manifest["checker-fix"]["entry"].split()[:3] == ["checker", "fix", "--write"]


def test_hook_runs_on_articles_only():
    from identify.identify import tags_from_filename
    from pre_commit.clientlib import load_manifest

    from checker.documents import _EXTENSIONS

    hook = next(h for h in load_manifest(str(HOOKS)) if h["id"] == "checker")
    wanted = set(hook["types_or"])
    for extension in _EXTENSIONS:
        assert tags_from_filename(f"article{extension}") & wanted, extension
    for other in ("setup.py", "pyproject.toml", "checker.yaml", "style.css", "photo.png"):
        assert not tags_from_filename(other) & wanted, other


def test_hook_entry_passes_and_fails_as_articles_do(site):
    hook = hooks()["checker"]
    entry = [str(BIN / "checker"), *shlex.split(hook["entry"])[1:], *hook.get("args", [])]
    good = subprocess.run([*entry, "content/news/2026-11-river-ice.html", "content/news/2026-11-court-fines.md"],
                          cwd=site, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([*entry, "content/news/2026-11-river-ice.html", "content/news/2026-11-school-budgets.md"],
                         cwd=site, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "content/news/2026-11-school-budgets.md:6:3  MISSING" in bad.stdout
    # --quiet: the report only on standard output; stale-list warnings go to standard error
    assert "warning: list" not in bad.stdout
    assert all(line.startswith("warning: list ") for line in bad.stderr.splitlines())
    # The configuration's exclude applies to files pre-commit passes too (--force-exclude): a
    # commit of drafts only passes, with nothing to say.
    draft = subprocess.run([*entry, "content/drafts/unfinished.md"], cwd=site, capture_output=True, text=True)
    assert draft.returncode == 0 and "unfinished" not in draft.stdout + draft.stderr


def test_fixing_hook_inserts_the_warning_and_passes_the_second_time(site):
    hook = hooks()["checker-fix"]
    entry = [str(BIN / "checker"), *shlex.split(hook["entry"])[1:], *hook.get("args", [])]
    article = site / "content/news/2026-11-school-budgets.md"
    before = article.read_bytes()
    first = subprocess.run([*entry, "content/news/2026-11-school-budgets.md"], cwd=site, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr  # fixed: nothing left (pre-commit sees the change)
    after = article.read_bytes()
    assert after.startswith(before) and b"undesirable organization" in after[len(before):]
    again = subprocess.run([*entry, "content/news/2026-11-school-budgets.md"], cwd=site, capture_output=True, text=True)
    assert again.returncode == 0 and article.read_bytes() == after


def test_pre_commit_config_snippet_is_valid():
    import cfgv
    from pre_commit.clientlib import CONFIG_SCHEMA

    config = recipe(lambda b: "repos" in b)
    cfgv.validate(config, CONFIG_SCHEMA)
    assert config["repos"][0]["hooks"][0]["id"] == "checker"


# --- GitHub Actions ----------------------------------------------------------------------------


def test_github_workflow_runs_and_feeds_code_scanning(site):
    workflow = recipe(lambda b: "jobs" in b)
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["checker"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and s["run"].startswith("checker ")]
    assert commands
    for command in commands:
        result = run_command(command, site)
        assert result.returncode == 1, result.stderr  # the example site has failing articles
        assert result.stdout.startswith("::"), result.stdout[:200]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    sarif_file = site / upload["with"]["sarif_file"]
    assert sarif_file.is_file() and '"version": "2.1.0"' in sarif_file.read_text(encoding="utf-8")
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert (site / shlex.split(summary["run"])[1]).read_text(encoding="utf-8").startswith("### ❌ checker:")
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert (site / artifact["with"]["path"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- GitLab CI ---------------------------------------------------------------------------------


def test_gitlab_job_writes_the_junit_report_it_declares(site):
    import xml.etree.ElementTree as ET

    job = recipe(lambda b: "checker" in b and "script" in b.get("checker", {}))["checker"]
    assert job["artifacts"]["when"] == "always"
    for command in job["script"]:
        if command.startswith("pip "):
            continue
        result = run_command(command, site)
        assert result.returncode == 1, result.stderr
    junit = ET.parse(site / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites" and int(junit.get("failures")) == 3
    for path in job["artifacts"]["paths"]:
        assert (site / path).is_file()


def test_pytest_job_runs_the_plugin(site):
    job = recipe(lambda b: "pytest-articles" in b)["pytest-articles"]
    [command] = [c for c in job["script"] if c.startswith("pytest ")]
    result = run_command(command, site)
    assert result.returncode == 1
    assert "3 failed, 2 passed" in result.stdout
    assert (site / job["artifacts"]["reports"]["junit"]).is_file()


def test_every_checker_option_in_the_docs_exists(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    pytest_help = subprocess.run([sys.executable, "-m", "pytest", "--help"], cwd=tmp_path, capture_output=True,
                                 text=True).stdout
    text = DOC.read_text(encoding="utf-8")
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", text))
    assert {"--format", "--output", "--quiet", "--checker", "--checker-rules"} <= options
    for option in options - {"--body-file"}:  # gh's
        assert option in (pytest_help if option.startswith(("--checker", "--junit-xml", "--lf")) else help_text), option
    for key in set(re.findall(r"`(checker_[a-z_]+)", text)):
        assert f"{key} " in pytest_help, key


def use_hook_locally(site: Path, hook_id: str) -> None:
    """Declare the manifest's hook as a local `system` hook with its own settings, running the
    installed checker, so that pre-commit needs no environment built from the package index."""
    hook = hooks()[hook_id]
    local = {key: hook[key] for key in ("id", "name", "entry", "types_or", "exclude") if key in hook}
    local["entry"] = str(BIN / "checker") + " " + hook["entry"].split(" ", 1)[1]
    local["language"] = "system"
    (site / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8"
    )


def test_the_real_pre_commit_runs_the_hook_on_articles_and_not_on_paperwork(site, tmp_path):
    """pre-commit itself picks the files (types_or, exclude) and runs the hook's entry. The hook
    is declared as a local `system` hook with the manifest's own settings, so no environment
    has to be built from the package index."""
    use_hook_locally(site, "checker")
    (site / "README.md").write_text("# Our site\n\nHow to publish.\n", encoding="utf-8")
    (site / "requirements.txt").write_text("requests\n", encoding="utf-8")
    (site / "CHANGELOG.md").write_text("## 1.0\n", encoding="utf-8")
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    run = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files", "--verbose"], cwd=site, env=env,
                         capture_output=True, text=True, timeout=300)
    # The example site holds one article without its label: the hook must fail on it, and only
    # articles reach the checker.
    assert run.returncode == 1, run.stdout + run.stderr
    assert "content/news/2026-11-school-budgets.md" in run.stdout
    for paperwork in ("README.md", "requirements.txt", "CHANGELOG.md"):
        assert paperwork not in run.stdout, run.stdout


def test_the_real_pre_commit_runs_the_fixing_hook_then_passes_on_the_fixed_article(site, tmp_path):
    """The fixing hook through pre-commit itself: the first run inserts the warning and fails
    (pre-commit stops a commit whose files a hook changed, so the editor reviews the insertion);
    once the fixed file is staged, the next run passes and changes nothing."""
    use_hook_locally(site, "checker-fix")
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    article = site / "content/news/2026-11-school-budgets.md"
    before = article.read_bytes()

    def pre_commit() -> subprocess.CompletedProcess[str]:
        # The article only: the site's donation page keeps a flagged call no fix can take away.
        return subprocess.run([str(BIN / "pre-commit"), "run", "--files", "content/news/2026-11-school-budgets.md"],
                              cwd=site, env=env, capture_output=True, text=True, timeout=300)

    first = pre_commit()
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout, first.stdout + first.stderr
    fixed = article.read_bytes()
    assert fixed.startswith(before) and b"undesirable organization" in fixed[len(before):]
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    second = pre_commit()
    assert second.returncode == 0, second.stdout + second.stderr
    assert article.read_bytes() == fixed


# --- the GitHub Action and the GitLab template -----------------------------------------------------

ACTION = ROOT / "action.yml"
GITLAB_TEMPLATE = ROOT / "ci" / "checker.gitlab-ci.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def run_action(site: Path, tmp_path: Path, **given: str) -> tuple[dict[str, str], str]:
    """Run the action's shell steps as the runner would, in order: `${{ inputs.* }}` from the
    inputs (or their defaults), `${{ steps.*.outputs.* }}` from earlier steps. The pip install
    step is left out (the package is installed here); `uses:` steps are GitHub's own."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    inputs = {name: given.get(name, spec.get("default", "")) for name, spec in action["inputs"].items()}
    outputs: dict[str, dict[str, str]] = {}
    summary, last = tmp_path / "summary.md", None
    summary.write_text("")

    def value(match: re.Match) -> str:
        scope, *rest = match.group(1).split(".")
        return inputs[rest[0]] if scope == "inputs" else outputs.get(rest[0], {}).get(rest[2], "")

    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install checker":
            continue
        output_file = tmp_path / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTION_PATH": str(ROOT),
               "GITHUB_OUTPUT": str(output_file), "GITHUB_STEP_SUMMARY": str(summary)}
        env.update({key: EXPRESSION.sub(value, str(v)) for key, v in step.get("env", {}).items()})
        last = subprocess.run(["bash", "-e", "-c", EXPRESSION.sub(value, step["run"])], cwd=site, env=env,
                              capture_output=True, text=True, timeout=300)
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines())
    assert last is not None
    return outputs["check"], summary.read_text(encoding="utf-8") + f"\nfinal exit {last.returncode}"


def test_the_github_action_checks_annotates_and_fails_like_the_command(site, tmp_path):
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install checker")
    assert "GITHUB_ACTION_PATH" in install["run"]  # by default, the action's own revision
    check, summary = run_action(site, tmp_path, paths="content/")
    assert check["exit-code"] == "1"  # the example site has an article without its label
    assert summary.startswith("### ❌ checker:") and summary.endswith("final exit 1")
    assert '"version": "2.1.0"' in (site / "checker.sarif").read_text(encoding="utf-8")
    assert (site / "checker-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for step in action["runs"]["steps"]:
        for used in re.findall(r"hashFiles\('([^']+)'\)", step.get("if", "")):
            assert (site / used).is_file(), used


def test_the_github_action_passes_on_clean_articles(site, tmp_path):
    check, summary = run_action(site, tmp_path, paths="content/news/2026-11-river-ice.html")
    assert check["exit-code"] == "0"
    assert summary.endswith("final exit 0")


def test_the_gitlab_template_runs_its_script_with_its_variables(site):
    import xml.etree.ElementTree as ET

    job = yaml.safe_load(GITLAB_TEMPLATE.read_text(encoding="utf-8"))["checker"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **job["variables"],
           "CHECKER_PATHS": "content/"}
    for line in job["script"]:
        if "pip install" in line:
            continue
        result = subprocess.run(["bash", "-c", line], cwd=site, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 1, result.stderr
    junit = ET.parse(site / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites" and int(junit.get("failures")) == 3
    for path in job["artifacts"]["paths"]:
        assert (site / path).is_file()
