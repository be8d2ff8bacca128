"""The configuration file: discovery, validation (errors name the file and key), precedence of the
command line, exclusions; unit tests, then a few real CLI runs in subprocesses on the samples."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hpig_audit.commands.gating import GateOptions, plan
from hpig_audit.config import KEYS, Config, ConfigError, find_config, load_config, parse_config

REPO = Path(__file__).resolve().parents[1]
WEAK = REPO / "samples" / "weak-strategy.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git checkout (its root stops the search) with a subdirectory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs" / "plans").mkdir(parents=True)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- validation -----------------------------------------------------------------------------------


def test_every_key_parses() -> None:
    config = parse_config(
        {
            "rubric": "hpig-2023",
            "format": "github",
            "outputs": {"sarif": "out/hpig.sarif", "html": "out/report.html"},
            "fail_under": 40,
            "fail_under_theme": {"LD": 50, "coproduction": 25.5},
            "require": "LD1, LD2",
            "fail_on": "not_met",
            "baseline": "previous.json",
            "partial_fails": True,
            "exclude": [{"criterion": "CP1", "reason": "no children's council yet", "expires": "2026-03-31"}],
        },
        "cfg",
    )
    assert config.require == ["LD1", "LD2"] and config.exclude[0].expires == date(2026, 3, 31)
    assert set(KEYS) == {"rubric", "format", "outputs", "fail_under", "fail_under_theme", "require", "fail_on", "baseline", "partial_fails", "exclude"}
    assert parse_config(None, "cfg") == Config()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fail_undr": 40}, "cfg: unknown key 'fail_undr' (did you mean 'fail_under'?)"),
        ({"fail-under": 40}, "cfg: unknown key 'fail-under' (did you mean 'fail_under'?)"),
        ({"colour": "red"}, "cfg: unknown key 'colour' (known keys: rubric, format, outputs, "),
        ({"exclude": [{"criterion": "CP1", "reason": "x", "expire": "2026-01-01"}]}, "cfg: unknown key 'exclude[0].expire' (did you mean 'expires'?)"),
        ({"exclude": [{"criterion": "CP1"}]}, "cfg: exclude[0].reason: required key missing (every exclusion needs a reason)"),
        ({"exclude": [{"criterion": "CP1", "reason": "  "}]}, "cfg: key 'exclude[0].reason': must not be empty"),
        ({"exclude": [{"criterion": "CP1", "reason": "x", "expires": "soon"}]}, "cfg: key 'exclude[0].expires': "),
        ({"fail_under": 101}, "cfg: key 'fail_under': Input should be less than or equal to 100"),
        ({"fail_under_theme": {"LD": 150}}, "cfg: key 'fail_under_theme': LD: expected a score from 0 to 100, got 150"),
        ({"fail_on": "sometimes"}, "cfg: key 'fail_on': Input should be 'partial' or 'not_met'"),
        ({"format": "pdf"}, "cfg: key 'format': unknown format 'pdf'; choose from "),
        ({"outputs": {"htm": "x.html"}}, "cfg: key 'outputs': unknown format 'htm'; choose from "),
        (["fail_under", 40], "cfg: expected a mapping of keys (rubric, "),
    ],
)
def test_errors_name_the_file_and_the_key(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(data, "cfg")
    assert str(error.value).startswith(message)


def test_yaml_errors_give_the_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    write(project / ".hpig-audit.yaml", "# gates\nrequire: [LD1]\nfail_undr: 40\n")
    with pytest.raises(ConfigError, match=r"^\.hpig-audit\.yaml:3: unknown key 'fail_undr'"):
        load_config()
    write(project / ".hpig-audit.yaml", "require: [LD1\n")
    with pytest.raises(ConfigError, match=r"^\.hpig-audit\.yaml:2: invalid YAML"):
        load_config()


# --- discovery ------------------------------------------------------------------------------------


def test_found_from_a_subdirectory(project: Path) -> None:
    config = write(project / ".hpig-audit.yaml", "fail_under: 40\n")
    assert find_config(project / "docs" / "plans") == config
    assert load_config(start=project / "docs" / "plans").settings.fail_under == 40


def test_pyproject_table_and_nearest_file_wins(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.hpig-audit]\nrequire = ["LD1"]\nfail_under = 30\n')
    assert find_config(project / "docs").name == "pyproject.toml"  # type: ignore[union-attr]
    assert load_config(start=project / "docs").settings.require == ["LD1"]
    write(project / "docs" / "pyproject.toml", '[project]\nname = "docs"\n')  # no table: not a config, keep looking
    assert find_config(project / "docs") == project / "pyproject.toml"
    nearer = write(project / "docs" / ".hpig-audit.yml", "fail_under: 10\n")
    assert find_config(project / "docs" / "plans") == nearer


def test_pyproject_unknown_key(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    write(project / "pyproject.toml", '[tool.hpig-audit]\nfail_under = 30\nrequire_all = true\n')
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: unknown key 'require_all' \(did you mean 'require'\?\)"):
        load_config()


def test_two_files_in_one_directory_is_an_error(project: Path) -> None:
    write(project / ".hpig-audit.yaml", "fail_under: 40\n")
    write(project / "pyproject.toml", "[tool.hpig-audit]\nfail_under = 30\n")
    with pytest.raises(ConfigError, match="both configure hpig-audit; keep one"):
        find_config(project)


def test_search_stops_at_the_git_root(tmp_path: Path) -> None:
    write(tmp_path / ".hpig-audit.yaml", "fail_under: 40\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    (tmp_path / "elsewhere").mkdir()
    assert find_config(tmp_path / "repo" / "sub") is None
    assert find_config(tmp_path / "elsewhere") == tmp_path / ".hpig-audit.yaml"


def test_explicit_files(project: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(project / "nope.yaml")
    toml = write(project / "ci.toml", "[tool.other]\nx = 1\n")
    with pytest.raises(ConfigError, match=r"no \[tool.hpig-audit\] table"):
        load_config(toml)
    write(toml, "[tool.hpig-audit\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(toml)


# --- merging with the command line ----------------------------------------------------------------


def test_command_line_overrides_the_file_key_by_key_and_paths_are_relative_to_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        project / ".hpig-audit.yaml",
        "rubric: rubrics/mine.yaml\nformat: github\noutputs: {sarif: out/a.sarif, html: out/a.html}\nfail_under: 40\n"
        "fail_under_theme: {LD: 50}\nrequire: [LD1]\nfail_on: partial\nbaseline: last.json\npartial_fails: true\n"
        "exclude: [{criterion: CP1, reason: not applicable}]\n",
    )
    monkeypatch.chdir(project / "docs")
    settings = plan(GateOptions(), rubric=None, format=None)
    assert settings.rubric == str(project / "rubrics" / "mine.yaml") and settings.format == "github"
    assert settings.outputs == {"sarif": project / "out" / "a.sarif", "html": project / "out" / "a.html"}
    assert settings.baseline == project / "last.json" and settings.partial_fails
    spec = settings.spec
    assert (spec.fail_under, spec.fail_under_theme, spec.require, spec.fail_on) == (40, (("LD", 50),), ("LD1",), "partial")
    assert spec.label("require") == "../.hpig-audit.yaml: require" and spec.exclude[0].reason == "not applicable"

    given = GateOptions(
        outputs={"html": Path("mine.html")}, fail_under=10, fail_under_theme=("CP=5",), require=("LD2",), fail_on="not_met",
        baseline=Path("b.json"), partial_fails=False,
    )  # fmt: skip
    settings = plan(given, rubric="hpig-2023", format="json")
    assert (settings.rubric, settings.format, settings.baseline, settings.partial_fails) == ("hpig-2023", "json", Path("b.json"), False)
    assert settings.outputs == {"sarif": project / "out" / "a.sarif", "html": Path("mine.html")}
    spec = settings.spec
    assert (spec.fail_under, spec.fail_under_theme, spec.require, spec.fail_on) == (10, (("CP", 5.0),), ("LD2",), "not_met")
    assert spec.label("require") == "--require"

    ignored = plan(GateOptions(no_config=True), rubric=None, format=None)
    assert (ignored.rubric, ignored.format, ignored.spec.require, ignored.outputs) == ("hpig-2023", "table", (), {})


def test_config_and_no_config_together_is_an_error() -> None:
    with pytest.raises(Exception, match="--config and --no-config"):
        plan(GateOptions(config=Path("x.yaml"), no_config=True), rubric=None, format=None)


# --- the CLI --------------------------------------------------------------------------------------


def hpig(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HPIG_AUDIT_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "hpig_audit.cli", "audit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("config-cache")


def test_cli_discovers_the_file_from_a_subdirectory_and_no_config_ignores_it(project: Path, cache: Path) -> None:
    write(project / ".hpig-audit.yaml", "require: [LD1]\nformat: json\noutputs:\n  csv: out/report.csv\n")
    run = hpig(str(WEAK), cwd=project / "docs" / "plans", cache=cache)
    assert run.returncode == 1
    assert re.fullmatch(rf"hpig-audit: gate failed: {re.escape(str(WEAK))}: 1 required criterion not met: LD1 \((partial|not_met)\)", run.stderr.strip())
    assert json.loads(run.stdout)["documents"][0]["source"] == str(WEAK)  # format from the file
    assert (project / "out" / "report.csv").read_text(encoding="utf-8").startswith("document,")  # relative to the file
    run = hpig(str(WEAK), "--no-config", "--format", "csv", cwd=project / "docs" / "plans", cache=cache)
    assert run.returncode == 0 and run.stderr == ""


def test_cli_unknown_key_exits_2_naming_it(project: Path, cache: Path) -> None:
    write(project / ".hpig-audit.yaml", "fail_undr: 40\n")
    run = hpig(str(WEAK), cwd=project, cache=cache)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == "hpig-audit: error: .hpig-audit.yaml:1: unknown key 'fail_undr' (did you mean 'fail_under'?)"
    write(project / ".hpig-audit.yaml", "exclude: [{criterion: XX9, reason: typo}]\n")
    run = hpig(str(WEAK), cwd=project, cache=cache)
    assert run.returncode == 2 and "hpig-audit: error: .hpig-audit.yaml: exclude: unknown criterion 'XX9'" in run.stderr


def test_cli_pyproject_exclusion_with_reason_and_expiry(project: Path, cache: Path) -> None:
    table = '[tool.hpig-audit]\nrequire = ["LD1"]\nexclude = [\n  {{ criterion = "LD1", reason = "post vacant until the ICB restructure"{expires} }},\n]\n'
    write(project / "pyproject.toml", table.format(expires=""))
    run = hpig(str(WEAK), "--format", "json", cwd=project / "docs", cache=cache)
    assert run.returncode == 0 and run.stderr == ""  # LD1 is not met, but excluded
    run = hpig(str(WEAK), "--format", "json", "--fail-on", "partial", cwd=project / "docs", cache=cache)
    assert run.returncode == 1 and "(--fail-on partial)" in run.stderr and "LD1" not in run.stderr  # excluded there too

    write(project / "pyproject.toml", table.format(expires=", expires = 2000-01-31"))
    run = hpig(str(WEAK), "--format", "json", cwd=project / "docs", cache=cache)
    assert run.returncode == 1
    warning, failure = run.stderr.strip().splitlines()
    assert warning == (
        "hpig-audit: warning: the exclusion of LD1 expired on 2000-01-31 and no longer applies "
        "(reason given: post vacant until the ICB restructure)"
    )
    assert re.fullmatch(rf"hpig-audit: gate failed: {re.escape(str(WEAK))}: 1 required criterion not met: LD1 \((partial|not_met)\)", failure)
