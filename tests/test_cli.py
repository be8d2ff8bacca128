"""The command line, run for real in subprocesses on the sample strategies.

Commands that need the default rubric are slow to start (the rubric is large), so the independent
ones are launched together once per module (`runs`) and the tests read their results. Commands whose
rubric does not matter use the small tests/fixtures/rubrics/valid.yaml. Every run gets its own empty
cache directory and runs outside the checkout, so no cache or configuration file can leak in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from hpig_audit import __version__
from hpig_audit.report import LEVEL_POINTS
from hpig_audit.rubric.schema import Rubric

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
RUBRICS = REPO / "tests" / "fixtures" / "rubrics"
SMALL_RUBRIC = RUBRICS / "valid.yaml"
TIMEOUT = 300


def _command() -> list[str]:
    """The installed `hpig-audit` script beside this Python, else `python -m hpig_audit.cli`."""
    script = Path(sys.executable).parent / ("hpig-audit.exe" if os.name == "nt" else "hpig-audit")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "hpig_audit.cli"]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.out)


def _start(args: list[str], cwd: Path, hash_seed: str = "0") -> subprocess.Popen[str]:
    cache = tempfile.mkdtemp(prefix="hpig-cli-cache-")
    env = dict(os.environ)
    env.update(
        HPIG_AUDIT_CACHE_DIR=cache,
        PYTHONHASHSEED=hash_seed,
        COLUMNS="100",
        NO_COLOR="1",
        PYTHONIOENCODING="utf-8",
    )
    if _command()[0] == sys.executable:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        _command() + args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )
    process.cache_dir = cache  # type: ignore[attr-defined]
    return process


def _finish(process: subprocess.Popen[str]) -> Result:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        shutil.rmtree(process.cache_dir, ignore_errors=True)  # type: ignore[attr-defined]
    return Result(process.returncode, out, err)


def hpig(*args: str | Path, cwd: Path) -> Result:
    return _finish(_start([str(a) for a in args], cwd))


def sample(name: str) -> str:
    return str(SAMPLES / name)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err, result.err
    assert "Traceback" not in result.out


# ------------------------------------------------------------------ the default-rubric batch

LABELS = """\
rubric: hpig-2023
coder: the test suite            # unknown keys are ignored
documents:
  weak-strategy.md:
    type: strategy
    labels: {PH1: partial, LD1: partial, EQ9: not_met, PH2: met}
    evidence: {PH1: "children appear only in a list", LD1: "We will consider naming a lead for children in future"}
  middling-strategy.md:
    type: strategy
    labels: {PH1: met, CP6: partial, IN7: met, EQ9: not_met}
    evidence: {CP6: "an easy read version is being considered"}
"""
# The tool's levels for these, by the samples' design: all agree but weak PH2 (met -> not_met).
# Worked like tests/test_agreement.py::test_worked_three_by_three_example: exact 7/8, kappa 5/7.

AUDITED = ["strong-strategy.md", "middling-strategy.md", "weak-strategy.md", "weak-strategy.pdf", "weak-strategy.docx", "weak-strategy.html"]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("cli")
    for name in ("weak-strategy.md", "middling-strategy.md"):
        shutil.copy(SAMPLES / name, work / name)
    (work / "labels.yaml").write_text(LABELS, encoding="utf-8")
    (work / "labels-missing.yaml").write_text(LABELS.replace("middling-strategy.md:", "absent-strategy.md:"), encoding="utf-8")
    (work / "good.md").write_text("# Fruit for children\n\nWe give children apples every day.\n", encoding="utf-8")
    (work / "empty.md").write_bytes(b"")
    (work / "random.pdf").write_bytes(bytes(range(256)) * 8 + hashlib.sha256(b"x").digest() * 40)
    (work / "truncated.pdf").write_bytes((SAMPLES / "weak-strategy.pdf").read_bytes()[:2000])
    return work


@pytest.fixture(scope="module")
def runs(work: Path) -> dict[str, Result]:
    """Launch the independent commands at once, then collect them."""
    small = ["--rubric", str(SMALL_RUBRIC)]
    commands: dict[str, tuple[list[str], Path, str]] = {
        "audit-json": (["audit", *[sample(n) for n in AUDITED], "--format", "json"], work, "0"),
        "same-1": (["audit", "weak-strategy.md", "middling-strategy.md", "--format", "json"], work, "1"),
        "same-2": (["audit", "weak-strategy.md", "middling-strategy.md", "--format", "json"], work, "2"),
        "table": (["audit", sample("weak-strategy.md")], work, "0"),
        "explain": (["explain", "LD1"], work, "0"),
        "list": (["rubric", "list"], work, "0"),
        "show": (["rubric", "show", "hpig-2023"], work, "0"),
        "validate": (["rubric", "validate", "rubrics/hpig-2023.yaml"], REPO, "0"),
        "eval": (["eval", "labels.yaml"], work, "0"),
        "eval-json": (["eval", "labels.yaml", "--format", "json"], work, "0"),
        "eval-serial": (["eval", "labels.yaml", "--format", "json", "--jobs", "1", "--no-cache"], work, "0"),
        "eval-missing": (["eval", "labels-missing.yaml", "--format", "json"], work, "0"),
        "schema": (["schema"], work, "0"),
        "missing": (["audit", "absent.md", "good.md", "--format", "json", *small], work, "0"),
        "empty": (["audit", "empty.md", "good.md", "--format", "json", *small], work, "0"),
        "random-pdf": (["audit", "random.pdf", "good.md", "--format", "json", *small], work, "0"),
        "truncated-pdf": (["audit", "truncated.pdf", "good.md", "--format", "json", *small], work, "0"),
        "broken-rubric": (["audit", "good.md", "--rubric", str(RUBRICS / "unknown-key.yaml")], work, "0"),
        "unknown-format": (["audit", "good.md", "--format", "yaml", *small], work, "0"),
        "validate-failing": (["rubric", "validate", str(RUBRICS / "failing-example.yaml")], work, "0"),
        "help": (["--help"], work, "0"),
        "version": (["--version"], work, "0"),
    }
    started = {name: _start(args, cwd, seed) for name, (args, cwd, seed) in commands.items()}
    return {name: _finish(process) for name, process in started.items()}


# ----------------------------------------------------------------------------------- audit


def test_table_report(runs: dict[str, Result]) -> None:
    result = runs["table"]
    assert result.code == 0, result.err
    assert "Overall score" in result.out
    assert "weak-strategy.md" in result.out
    for theme in ("Population health", "Leadership", "Inequalities"):
        assert theme in result.out
    no_traceback(result)


def test_json_report_has_the_documented_shape(runs: dict[str, Result], default_rubric: Rubric) -> None:
    result = runs["audit-json"]
    assert result.code == 0, result.err
    report = result.json()
    assert report["tool"] == {"name": "hpig-audit", "version": __version__}
    assert report["rubric"] == {"id": "hpig-2023", "version": default_rubric.version}
    assert report.get("skipped", []) == []
    documents = report["documents"]
    assert [Path(d["source"]).name for d in documents] == AUDITED
    criteria = [(c.id, c.theme) for c in default_rubric.criteria]
    themes = [(t.id, t.name) for t in default_rubric.themes]
    for document in documents:
        source = Path(document["source"])
        assert {"source", "sha256", "type", "pages", "score", "themes", "findings", "warnings"} <= set(document)
        assert document["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert document["type"] == {".md": "markdown", ".pdf": "pdf", ".docx": "docx", ".html": "html"}[source.suffix]
        assert isinstance(document["score"], (int, float)) and 0 <= document["score"] <= 100
        assert [(t["id"], t["name"]) for t in document["themes"]] == themes
        assert all(0 <= t["score"] <= 100 for t in document["themes"])
        assert isinstance(document["warnings"], list)
        findings = document["findings"]
        assert len(findings) == 50
        assert [(f["criterion"], f["theme"]) for f in findings] == criteria
        for finding in findings:
            assert {"criterion", "theme", "level", "score", "reason", "evidence", "recommendation"} <= set(finding)
            assert finding["level"] in ("met", "partial", "not_met")
            assert finding["score"] == LEVEL_POINTS[finding["level"]]
            assert finding["reason"].startswith(finding["level"] + ":")
            assert (finding["recommendation"] is None) == (finding["level"] == "met")
            assert (finding["evidence"] == []) == (finding["level"] == "not_met")
            for evidence in finding["evidence"]:
                assert {"quote", "page", "section"} <= set(evidence)
                assert evidence["quote"].strip()


def test_json_pages_are_null_for_markdown_and_numbers_for_pdf(runs: dict[str, Result]) -> None:
    by_name = {Path(d["source"]).name: d for d in runs["audit-json"].json()["documents"]}
    markdown, pdf = by_name["weak-strategy.md"], by_name["weak-strategy.pdf"]
    assert markdown["pages"] is None
    assert isinstance(pdf["pages"], int) and pdf["pages"] >= 1
    md_evidence = [e for f in markdown["findings"] for e in f["evidence"]]
    pdf_evidence = [e for f in pdf["findings"] for e in f["evidence"]]
    assert md_evidence and pdf_evidence
    assert all(e["page"] is None for e in md_evidence)
    assert all(isinstance(e["line"], int) for e in md_evidence)
    assert all(isinstance(e["page"], int) and 1 <= e["page"] <= pdf["pages"] for e in pdf_evidence)


def test_levels_do_not_depend_on_the_file_format(runs: dict[str, Result]) -> None:
    by_name = {Path(d["source"]).name: d for d in runs["audit-json"].json()["documents"]}
    levels = {name: [f["level"] for f in d["findings"]] for name, d in by_name.items() if name.startswith("weak")}
    assert levels["weak-strategy.pdf"] == levels["weak-strategy.md"]
    assert levels["weak-strategy.docx"] == levels["weak-strategy.md"]
    assert levels["weak-strategy.html"] == levels["weak-strategy.md"]


def test_strong_scores_clearly_above_middling_above_weak(runs: dict[str, Result]) -> None:
    score = {Path(d["source"]).name: d["score"] for d in runs["audit-json"].json()["documents"]}
    strong, middling, weak = score["strong-strategy.md"], score["middling-strategy.md"], score["weak-strategy.md"]
    assert strong >= 75, score
    assert strong > middling + 25, score
    assert middling > weak + 15, score
    assert weak < 30, score


def test_json_is_byte_identical_across_runs(runs: dict[str, Result]) -> None:
    first, second = runs["same-1"], runs["same-2"]  # different hash seeds, separate empty caches
    assert first.code == second.code == 0, first.err + second.err
    assert first.out == second.out
    assert len(first.json()["documents"]) == 2


def test_json_report_validates_against_the_published_schema(runs: dict[str, Result]) -> None:
    schema = runs["schema"]
    assert schema.code == 0, schema.err
    published = schema.json()
    assert "documents" in published["properties"]
    jsonschema.validate(runs["audit-json"].json(), published)
    jsonschema.validate(runs["missing"].json(), published)


# ----------------------------------------------------------------------- unreadable documents


@pytest.mark.parametrize(
    "run, bad, reason",
    [
        ("missing", "absent.md", "not found"),
        ("empty", "empty.md", "empty"),
        ("random-pdf", "random.pdf", ""),
        ("truncated-pdf", "truncated.pdf", ""),
    ],
)
def test_an_unreadable_document_is_skipped_with_one_line_and_exit_2(runs: dict[str, Result], run: str, bad: str, reason: str) -> None:
    result = runs[run]
    assert result.code == 2, result.err
    no_traceback(result)
    report = result.json()
    assert [d["source"] for d in report["documents"]] == ["good.md"]  # the good one is still audited
    [skipped] = report["skipped"]
    assert skipped["source"] == bad
    assert reason in skipped["reason"] and skipped["reason"].strip()
    naming = [line for line in result.error_lines() if bad in line]
    assert len(naming) == 1, result.err
    assert skipped["reason"] in naming[0]
    assert len(result.error_lines()) <= 2, result.err  # that line, and at most the audited/skipped count


def test_a_broken_rubric_is_one_line_naming_the_file(runs: dict[str, Result]) -> None:
    result = runs["broken-rubric"]
    assert result.code == 2
    no_traceback(result)
    [line] = result.error_lines()
    assert "unknown-key.yaml" in line
    assert "colour" in line
    assert result.out == ""


def test_unknown_format_is_a_usage_error(runs: dict[str, Result]) -> None:
    result = runs["unknown-format"]
    assert result.code == 2
    no_traceback(result)
    [line] = result.error_lines()
    assert "'yaml'" in line and "json" in line


# ---------------------------------------------------------------------------------- --output


def test_output_is_written_atomically_and_only_over_our_own_files(work: Path, tmp_path: Path) -> None:
    shutil.copy(work / "good.md", tmp_path / "good.md")
    small = ["--rubric", str(SMALL_RUBRIC), "--format", "json"]

    first = hpig("audit", "good.md", *small, "--output", "report.json", cwd=tmp_path)
    assert first.code == 0, first.err
    assert first.out == ""
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [d["source"] for d in report["documents"]] == ["good.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.md", "report.json"]  # no temporary file left

    before = (tmp_path / "report.json").stat().st_ino
    again = hpig("audit", "good.md", *small, "--output", "report.json", cwd=tmp_path)
    assert again.code == 0, again.err  # a report it wrote may be replaced
    assert (tmp_path / "report.json").stat().st_ino != before  # replaced by a rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.md", "report.json"]

    notes = tmp_path / "notes.txt"
    notes.write_text("My own notes.\n", encoding="utf-8")
    refused = hpig("audit", "good.md", *small, "--output", "notes.txt", cwd=tmp_path)
    assert refused.code == 2
    no_traceback(refused)
    [line] = refused.error_lines()
    assert "notes.txt" in line and "--force" in line
    assert notes.read_text(encoding="utf-8") == "My own notes.\n"

    forced = hpig("audit", "good.md", *small, "--output", "notes.txt", "--force", cwd=tmp_path)
    assert forced.code == 0, forced.err
    assert json.loads(notes.read_text(encoding="utf-8"))["documents"][0]["source"] == "good.md"


def test_output_refuses_a_file_that_merely_mentions_the_tool(work: Path, tmp_path: Path) -> None:
    shutil.copy(work / "good.md", tmp_path / "good.md")
    workflow = tmp_path / "audit.yml"
    text = "steps:\n  - run: pip install hpig-audit && hpig-audit audit strategy.pdf\n"
    workflow.write_text(text, encoding="utf-8")
    result = hpig("audit", "good.md", "--rubric", str(SMALL_RUBRIC), "--output", "audit.yml", cwd=tmp_path)
    assert result.code == 2, "overwrote a file hpig-audit did not write"
    assert workflow.read_text(encoding="utf-8") == text


# ------------------------------------------------------------------------- explain and rubric


def test_explain_shows_question_levels_source_and_baseline(runs: dict[str, Result], default_rubric: Rubric) -> None:
    result = runs["explain"]
    assert result.code == 0, result.err
    criterion = default_rubric.criterion("LD1")
    assert criterion is not None and criterion.baseline
    assert result.out.startswith(f"LD1: {criterion.title}")
    for text in (criterion.question, criterion.met, criterion.partial, criterion.source, criterion.baseline):
        assert text.strip() in result.out


def test_rubric_list(runs: dict[str, Result], default_rubric: Rubric) -> None:
    result = runs["list"]
    assert result.code == 0, result.err
    [line] = [line for line in result.out.splitlines() if line.startswith("hpig-2023 ")]
    assert f"v{default_rubric.version}" in line and "50 criteria" in line


def test_rubric_show(runs: dict[str, Result], default_rubric: Rubric) -> None:
    result = runs["show"]
    assert result.code == 0, result.err
    for theme in default_rubric.themes:
        assert f"{theme.name} [{theme.id}]" in result.out
    shown = [line.split()[0] for line in result.out.splitlines() if line.startswith("  ")]
    assert shown == [c.id for c in default_rubric.criteria]


def test_rubric_validate_the_default(runs: dict[str, Result], default_rubric: Rubric) -> None:
    result = runs["validate"]
    assert result.code == 0, result.out + result.err
    examples = sum(len(c.examples) for c in default_rubric.criteria)
    assert result.out.splitlines()[-1].startswith(f"rubrics/hpig-2023.yaml: 50 criteria, {examples} examples, 0 failing")


def test_rubric_validate_names_a_failing_example(runs: dict[str, Result]) -> None:
    result = runs["validate-failing"]
    assert result.code == 2
    no_traceback(result)
    [line] = [line for line in result.out.splitlines() if "example 3" in line]
    assert "F1" in line and "met" in line
    assert not any("example 1" in line or "example 2" in line for line in result.out.splitlines())
    assert "1 criteria, 3 examples, 1 failing" in result.out.splitlines()[-1]


# ------------------------------------------------------------------------------------- eval


def test_eval_prints_exact_agreement_and_weighted_kappa(runs: dict[str, Result]) -> None:
    result = runs["eval"]
    assert result.code == 0, result.err
    assert "Overall: n=8 exact=87.5% within-one=87.5% weighted kappa=0.714" in result.out
    assert "weak-strategy.md PH2: met -> not_met" in result.out


def test_eval_json(runs: dict[str, Result]) -> None:
    result = runs["eval-json"]
    assert result.code == 0, result.err
    summary = result.json()
    assert summary["rubric"]["id"] == "hpig-2023"
    assert summary["overall"] == {"n": 8, "exact": 0.875, "within_one": 0.875, "kappa": 0.7143}
    assert [(d["document"], d["criterion"], d["expected"], d["got"]) for d in summary["disagreements"]] == [
        ("weak-strategy.md", "PH2", "met", "not_met")
    ]
    assert summary["criteria"]["CP6"]["n"] == 1 and summary["criteria"]["LD2"]["n"] == 0
    assert summary["skipped"] == []


def test_eval_in_one_process_without_the_cache_gives_the_same_json(runs: dict[str, Result]) -> None:
    # "eval-json" audits its two documents in two worker processes through the cache; this one in
    # the command's own process with no cache.
    assert runs["eval-serial"].code == 0, runs["eval-serial"].err
    assert runs["eval-serial"].out == runs["eval-json"].out


def test_eval_skips_a_missing_document_and_scores_the_rest(runs: dict[str, Result], work: Path) -> None:
    result = runs["eval-missing"]
    assert result.code == 2
    summary = result.json()
    [skipped] = summary["skipped"]
    assert skipped.startswith(str((work / "absent-strategy.md").resolve()) + ": ")
    assert summary["overall"]["n"] == 4  # the weak sample's four labels
    no_traceback(result)


# -------------------------------------------------------------------------- help and version


def test_help(runs: dict[str, Result]) -> None:
    result = runs["help"]
    assert result.code == 0, result.err
    for command in ("audit", "eval", "explain", "schema", "rubric"):
        assert command in result.out


def test_version(runs: dict[str, Result]) -> None:
    assert runs["version"].code == 0
    assert runs["version"].out == f"hpig-audit {__version__}\n"
