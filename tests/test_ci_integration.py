"""The pre-commit hook and the GitHub Actions composite action run the commands they declare.

Both YAML files are parsed and their own command lines are run in subprocesses, in a scratch
"repository" holding copies of the samples: the hook's `entry` + `args` + the file names its `files`
pattern selects; the action's `run:` scripts under bash as a runner runs them (`bash --noprofile
--norc -eo pipefail`), with `${{ inputs.* }}`, `${{ github.action_path }}` and
`${{ steps.*.outputs.* }}` replaced by test values. Anything else inside `${{ }}` fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
BIN = Path(sys.executable).parent  # where the `hpig-audit` console script of this environment lives
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkout with the sample strategies in it (and a .git, so no configuration is found above it)."""
    root = tmp_path_factory.mktemp("workspace")
    (root / ".git").mkdir()
    (root / "strategies").mkdir()
    for name in ("strong-strategy.md", "weak-strategy.md"):
        shutil.copy(SAMPLES / name, root / "strategies" / name)
    (root / "strategies" / "notes.py").write_text("# not a strategy\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if not (BIN / "hpig-audit").exists() and not (BIN / "hpig-audit.exe").exists():
        pytest.skip("the hpig-audit console script is not installed in this environment")
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HPIG_AUDIT_CACHE_DIR": str(tmp_path_factory.mktemp("ci-cache")),
        "NO_COLOR": "1",
    }


# --- pre-commit -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    return hook


def test_hook_declaration(hook: dict[str, Any]) -> None:
    assert hook["id"] == "hpig-audit" and hook["entry"] == "hpig-audit audit" and hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["args"]
    files = re.compile(hook["files"])
    for name in ("a.md", "b.markdown", "c.txt", "d.docx", "e.pdf", "f.html", "dir/plan 2024.pdf"):
        assert files.search(name), name
    for name in ("setup.py", "x.yaml", "report.md.bak"):
        assert not files.search(name), name


def run_hook(hook: dict[str, Any], workspace: Path, env: dict[str, str], names: list[str]) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: entry, then args, then the staged files its `files` pattern selects."""
    files = re.compile(hook["files"])
    staged = [f"strategies/{name}" for name in names]
    selected = [path for path in staged if files.search(path)]
    assert "strategies/notes.py" not in selected
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *selected]
    return subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=300)


def test_hook_passes_on_the_strong_sample(hook: dict[str, Any], workspace: Path, env: dict[str, str]) -> None:
    run = run_hook(hook, workspace, env, ["strong-strategy.md", "notes.py"])
    assert run.returncode == 0, run.stderr
    assert "strong-strategy.md" in run.stdout


def test_hook_fails_on_the_weak_sample(hook: dict[str, Any], workspace: Path, env: dict[str, str]) -> None:
    run = run_hook(hook, workspace, env, ["strong-strategy.md", "weak-strategy.md"])
    assert run.returncode == 1
    [line] = run.stderr.strip().splitlines()[:1]
    assert line.startswith("hpig-audit: gate failed: strategies/weak-strategy.md: score ")


# --- GitHub Actions -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def step(action: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [s for s in action["runs"]["steps"] if s.get("id") == name or s.get("name") == name]
    return found


def substitute(text: str, values: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        expression = match.group(1)
        assert expression in values, f"unexpected expression ${{{{ {expression} }}}} in action.yml"
        return values[expression]

    return EXPRESSION.sub(replace, text)


def run_action(action: dict[str, Any], workspace: Path, env: dict[str, str], tmp_path: Path, **inputs: str) -> dict[str, Any]:
    """Run the action's shell steps in order, as a runner would (the `uses:` steps are not run here)."""
    declared = action["inputs"]
    assert set(inputs) <= set(declared)
    values = {f"inputs.{name}": inputs.get(name, str(spec.get("default", ""))) for name, spec in declared.items()}
    values["github.action_path"] = str(REPO)
    outputs: dict[str, str] = {}
    runs: dict[str, subprocess.CompletedProcess[str]] = {}
    for number, item in enumerate(action["runs"]["steps"]):
        if "run" not in item or item.get("name") == "Install hpig-audit":
            continue  # the environment under test already has hpig-audit installed from this checkout
        output_file = tmp_path / f"github-output-{number}"
        output_file.write_text("", encoding="utf-8")
        step_env = {**env, "GITHUB_OUTPUT": str(output_file)}
        step_env.update({key: substitute(str(value), values) for key, value in item.get("env", {}).items()})
        assert item["shell"] == "bash"
        script = substitute(item["run"], values)
        run = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=workspace, env=step_env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        runs[item.get("id") or item["name"]] = run
        written = dict(line.split("=", 1) for line in output_file.read_text(encoding="utf-8").splitlines() if "=" in line)
        if item.get("id"):
            values.update({f"steps.{item['id']}.outputs.{key}": value for key, value in written.items()})
            outputs.update(written)
        for name in ("exit-code", "sarif-file"):
            values.setdefault(f"steps.audit.outputs.{name}", "")
    return {"runs": runs, "outputs": outputs, "values": values}


def test_action_declaration(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    assert {"paths", "rubric", "fail-under", "require", "format", "upload-sarif"} <= set(action["inputs"])
    assert action["inputs"]["paths"]["required"] is True and action["inputs"]["format"]["default"] == "github"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert step(action, "Install hpig-audit")["run"].strip().startswith("pip install") and '"${{ github.action_path }}"' in step(action, "Install hpig-audit")["run"]
    upload = step(action, "Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@") and "inputs.upload-sarif == 'true'" in upload["if"]
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\binputs\.([\w-]+)", text))
    assert used == set(action["inputs"]), "every input is used, and only declared inputs are"
    for item in steps:  # inputs never pasted into a script: they go through env
        assert "inputs." not in item.get("run", "")
    audit = step(action, "audit")["run"]
    assert "hpig-audit audit" in audit and "--format" in audit and "--output-sarif" in audit


def test_action_passes_when_the_gates_pass(action: dict[str, Any], workspace: Path, env: dict[str, str], tmp_path: Path) -> None:
    result = run_action(action, workspace, env, tmp_path, paths="strategies/strong-strategy.md", require="LD1", **{"fail-under": "50", "sarif-file": "out/strong.sarif"})
    audit = result["runs"]["audit"]
    assert result["outputs"]["exit-code"] == "0", audit.stderr
    annotations = [line for line in audit.stdout.splitlines() if line.startswith("::")]
    files = {m.group(1) for line in annotations if (m := re.match(r"::(?:notice|warning|error) file=([^,]+),", line))}
    assert files <= {"strategies/strong-strategy.md"}  # gaps, if any, point at the audited file
    assert "::notice title=hpig-audit::strategies/strong-strategy.md: score " in audit.stdout
    assert result["outputs"]["sarif-file"] == "out/strong.sarif"
    sarif = json.loads((workspace / "out" / "strong.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and len(run["tool"]["driver"]["rules"]) == 50
    assert isinstance(run["results"], list)  # one per gap; the strong sample may have none
    assert result["runs"]["Result"].returncode == 0 and "every gate passed" in result["runs"]["Result"].stdout


def test_action_fails_when_a_required_criterion_is_not_met(action: dict[str, Any], workspace: Path, env: dict[str, str], tmp_path: Path) -> None:
    result = run_action(action, workspace, env, tmp_path, paths="strategies/*.md", require="LD1", **{"sarif-file": "out/all.sarif"})
    audit = result["runs"]["audit"]
    assert audit.returncode == 0  # the step records the exit code, so that the SARIF can still be uploaded
    assert result["outputs"]["exit-code"] == "1"
    assert re.search(r"^hpig-audit: gate failed: strategies/weak-strategy\.md: 1 required criterion not met: LD1 \(", audit.stderr, re.M)
    assert "strategies/strong-strategy.md" not in audit.stderr  # the strong sample meets LD1
    gap_files = {m.group(1) for m in re.finditer(r"^::\w+ file=([^,]+),", audit.stdout, re.M)}
    assert "strategies/weak-strategy.md" in gap_files and gap_files <= {"strategies/strong-strategy.md", "strategies/weak-strategy.md"}
    assert (workspace / "out" / "all.sarif").is_file()  # written even though a gate failed
    final = result["runs"]["Result"]
    assert final.returncode == 1 and "::error title=hpig-audit::a quality gate failed" in final.stdout


def test_action_usage_error_fails_with_2(action: dict[str, Any], workspace: Path, env: dict[str, str], tmp_path: Path) -> None:
    result = run_action(action, workspace, env, tmp_path, paths="strategies/weak-strategy.md", require="LD77", **{"sarif-file": "out/none.sarif"})
    assert result["outputs"]["exit-code"] == "2" and "unknown criterion 'LD77'" in result["runs"]["audit"].stderr
    assert "sarif-file" not in result["outputs"]
    assert result["runs"]["Result"].returncode == 2
