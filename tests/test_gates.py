"""Gates: unit tests on the hand-built report (tests/fixtures/report.json), then real CLI runs on the
samples in subprocesses (exit codes, one line per failed gate, several outputs in one run).

The fixture's two documents, by criterion (met / partial / not_met):
  north  PH1 m, PH7 p, LD1 n, LD4 m, CP2 p, CP4 n, WF1 m, WF3 p, DS1 m, DS3 n, IN1 p, IN3 m, EQ2 m, EQ7 n  (57.1)
  south  PH1 p, PH7 m, LD1 p, LD4 n, CP2 m, CP4 p, WF1 n, WF3 m, DS1 m, DS3 p, IN1 m, IN3 n, EQ2 p, EQ7 m  (60.7)
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hpig_audit.errors import UsageError
from hpig_audit.format import FORMATS
from hpig_audit.gates import (
    Exclusion,
    GateSpec,
    check,
    match_documents,
    parse_ids,
    parse_theme_thresholds,
    resolve_gates,
)
from hpig_audit.report import LEVEL_POINTS, AuditReport
from hpig_audit.rubric.schema import Rubric
from hpig_audit.scoring import overall_score, theme_scores

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
NORTH, SOUTH = "strategies/north-icp-strategy.pdf", "plans/south jfp, 2024-25.md"
TODAY = date(2025, 6, 1)


def gates_for(rubric: Rubric, **spec: Any):  # type: ignore[no-untyped-def]
    return resolve_gates(GateSpec(**spec), rubric, today=TODAY)


def failed(outcome) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    return {(r.gate, r.document): r.message for r in outcome.results if not r.passed}


def variant(report: AuditReport, rubric: Rubric, changes: dict[str, dict[str, str]], **doc_fields: Any) -> AuditReport:
    """The report with some criteria at other levels (scores recomputed), per document source."""
    documents = []
    for document in report.documents:
        levels = changes.get(document.source, {})
        findings = tuple(
            f.model_copy(update={"level": levels[f.criterion], "score": LEVEL_POINTS[levels[f.criterion]]}) if f.criterion in levels else f
            for f in document.findings
        )
        themes = theme_scores(findings, rubric)
        update = {"findings": findings, "themes": themes, "score": overall_score(themes, rubric), **doc_fields.get(document.source, {})}
        documents.append(document.model_copy(update=update))
    return report.model_copy(update={"documents": tuple(documents)})


# --- parsing and resolving ------------------------------------------------------------------------


def test_ids_and_theme_thresholds_parse_commas_and_repeats() -> None:
    assert parse_ids(["LD1,LD2", " CP1 ", "LD1"]) == ("LD1", "LD2", "CP1")
    assert parse_theme_thresholds(["leadership=50,LD=40", "CP = 12.5"]) == (("leadership", 50.0), ("LD", 40.0), ("CP", 12.5))
    for bad in ("leadership", "=5", "LD=high", "LD=101", "LD=-1"):
        with pytest.raises(UsageError, match="--fail-under-theme"):
            parse_theme_thresholds([bad])


def test_unknown_ids_are_usage_errors_that_name_them(rubric: Rubric) -> None:
    with pytest.raises(UsageError, match=r"--require: unknown criterion 'LD9', 'XX1'"):
        gates_for(rubric, require=("LD1", "LD9", "XX1"))
    with pytest.raises(UsageError, match=r"--fail-under-theme: unknown theme 'leadershp'.*leadership \(LD\)"):
        gates_for(rubric, fail_under_theme=(("leadershp", 50.0),))
    with pytest.raises(UsageError, match=r"cfg.yaml: exclude: unknown criterion 'ZZ1'"):
        gates_for(rubric, exclude=(Exclusion("ZZ1", "n/a"),), labels={"exclude": "cfg.yaml: exclude"})
    with pytest.raises(UsageError, match=r"--fail-on: expected partial or not_met, got 'sometimes'"):
        gates_for(rubric, fail_on="sometimes")
    with pytest.raises(UsageError, match=r"--fail-under: expected a score from 0 to 100"):
        gates_for(rubric, fail_under=120)


def test_themes_by_id_or_prefix_any_case_and_criteria_any_case(rubric: Rubric) -> None:
    gates = gates_for(rubric, fail_under_theme=(("LD", 30.0), ("Coproduction", 20.0), ("wf", 10.0)), require=("ld1",))
    assert gates.fail_under_theme == (("leadership", 30.0), ("coproduction", 20.0), ("workforce", 10.0))
    assert gates.require == ("LD1",)


# --- each gate ------------------------------------------------------------------------------------


def test_no_gates_pass_everything(report: AuditReport, rubric: Rubric) -> None:
    outcome = check(report, gates_for(rubric))
    assert outcome.results == () and not outcome.failed and outcome.warnings == ()


def test_fail_under(report: AuditReport, rubric: Rubric) -> None:
    outcome = check(report, gates_for(rubric, fail_under=58))
    assert failed(outcome) == {("fail-under", NORTH): f"{NORTH}: score 57.1 is below --fail-under 58"}
    passed = [r.message for r in outcome.results if r.passed]
    assert passed == [f"{SOUTH}: score 60.7 meets --fail-under 58"]
    assert not check(report, gates_for(rubric, fail_under=57.1)).failed  # the threshold itself passes


def test_fail_under_theme(report: AuditReport, rubric: Rubric) -> None:
    outcome = check(report, gates_for(rubric, fail_under_theme=(("LD", 50.0), ("coproduction", 30.0))))
    assert sorted(failed(outcome).values()) == [
        f"{SOUTH}: theme leadership score 25.0 is below --fail-under-theme leadership=50",
        f"{NORTH}: theme coproduction score 25.0 is below --fail-under-theme coproduction=30",
    ]
    assert len(outcome.results) == 4  # one per document and threshold


def test_require(report: AuditReport, rubric: Rubric) -> None:
    outcome = check(report, gates_for(rubric, require=("LD1", "DS1")))
    assert failed(outcome) == {
        ("require", NORTH): f"{NORTH}: 1 required criterion not met: LD1 (not_met)",
        ("require", SOUTH): f"{SOUTH}: 1 required criterion not met: LD1 (partial)",
    }
    assert not check(report, gates_for(rubric, require=("DS1",))).failed  # DS1 is met in both


def test_fail_on_partial_and_not_met(report: AuditReport, rubric: Rubric) -> None:
    not_met = failed(check(report, gates_for(rubric, fail_on="not_met")))
    assert not_met[("fail-on", NORTH)] == f"{NORTH}: 4 criteria not_met (--fail-on not_met): LD1, CP4, DS3, EQ7"
    partial = failed(check(report, gates_for(rubric, fail_on="partial")))
    assert partial[("fail-on", NORTH)].startswith(f"{NORTH}: 8 criteria partial or not_met (--fail-on partial): PH7 (partial), LD1 (not_met)")
    assert partial[("fail-on", SOUTH)].startswith(f"{SOUTH}: 8 criteria partial or not_met")


def test_gates_apply_per_document_and_all_failures_are_listed(report: AuditReport, rubric: Rubric) -> None:
    outcome = check(report, gates_for(rubric, fail_under=59, require=("LD1",), fail_on="not_met"))
    assert sorted(failed(outcome)) == sorted([("fail-on", NORTH), ("fail-on", SOUTH), ("fail-under", NORTH), ("require", NORTH), ("require", SOUTH)])
    assert all("\n" not in result.message for result in outcome.results)


# --- exclusions -----------------------------------------------------------------------------------


def test_excluded_criteria_are_ignored_and_scores_recomputed_without_them(report: AuditReport, rubric: Rubric) -> None:
    gates = gates_for(rubric, require=("LD1",), fail_on="not_met", fail_under=60, exclude=(Exclusion("LD1", "no ICB lead yet: national vacancy"),))
    outcome = check(report, gates)
    assert not any(r.gate == "require" and not r.passed for r in outcome.results)
    assert "LD1" not in failed(outcome)[("fail-on", NORTH)]
    # North without LD1: leadership 100 (LD4 met), overall (75+100+25+75+50+75+50)/7 = 64.3.
    assert [r.message for r in outcome.results if r.gate == "fail-under" and r.document == NORTH] == [
        f"{NORTH}: score 64.3 (without excluded LD1) meets --fail-under 60"
    ]
    assert outcome.warnings == ()


def test_exclusion_expiry_is_inclusive_and_an_expired_one_warns_and_no_longer_applies(report: AuditReport, rubric: Rubric) -> None:
    today = Exclusion("LD1", "agreed with the ICB", date(2025, 6, 1))
    assert not check(report, gates_for(rubric, require=("LD1",), exclude=(today,))).failed
    expired = Exclusion("LD1", "agreed with the ICB", date(2025, 5, 31))
    gates = gates_for(rubric, require=("LD1",), exclude=(expired,))
    outcome = check(report, gates)
    assert outcome.warnings == ("the exclusion of LD1 expired on 2025-05-31 and no longer applies (reason given: agreed with the ICB)",)
    assert len(outcome.failed) == 2


# --- baseline -------------------------------------------------------------------------------------


def test_baseline_fails_only_on_regressions_and_reports_improvements(report: AuditReport, rubric: Rubric) -> None:
    # In the baseline north's CP4 was partial (now not_met: worse) and WF3 not_met (now partial: better).
    baseline = variant(report, rubric, {NORTH: {"CP4": "partial", "WF3": "not_met"}})
    outcome = check(report, gates_for(rubric), baseline=baseline)
    assert failed(outcome) == {
        ("baseline", NORTH): f"{NORTH}: worse than the baseline: CP4 partial -> not_met; coproduction 50.0 -> 25.0"
    }
    assert [str(c) for c in outcome.improvements] == ["WF3 not_met -> partial", "workforce 50.0 -> 75.0"]
    assert [r.message for r in outcome.results if r.document == SOUTH] == [f"{SOUTH}: nothing got worse than the baseline"]


def test_with_a_baseline_a_threshold_already_failing_is_tolerated(report: AuditReport, rubric: Rubric) -> None:
    gates = gates_for(rubric, fail_under=58, require=("LD1",), fail_on="not_met", fail_under_theme=(("CP", 30.0),))
    assert len(check(report, gates).failed) == 6
    outcome = check(report, gates, baseline=report)
    assert not outcome.failed and not outcome.changes
    messages = [r.message for r in outcome.results if r.document == NORTH]
    assert f"{NORTH}: score 57.1 is below --fail-under 58, as in the baseline (57.1)" in messages
    assert f"{NORTH}: required criteria not met, all as in the baseline: LD1" in messages


def test_with_a_baseline_a_new_failure_still_fails(report: AuditReport, rubric: Rubric) -> None:
    baseline = variant(report, rubric, {SOUTH: {"LD1": "met", "WF1": "partial"}})
    outcome = check(report, gates_for(rubric, require=("LD1",), fail_on="not_met"), baseline=baseline)
    assert failed(outcome) == {
        ("require", SOUTH): f"{SOUTH}: 1 required criterion not met: LD1 (partial)",
        ("fail-on", SOUTH): f"{SOUTH}: 1 criterion not_met (--fail-on not_met): WF1; as in the baseline: LD4, IN3",
        ("baseline", SOUTH): f"{SOUTH}: worse than the baseline: LD1 met -> partial; WF1 partial -> not_met; leadership 50.0 -> 25.0; workforce 75.0 -> 50.0",
    }


def test_excluded_criteria_are_not_regressions(report: AuditReport, rubric: Rubric) -> None:
    baseline = variant(report, rubric, {NORTH: {"CP4": "met"}})
    gates = gates_for(rubric, exclude=(Exclusion("CP4", "no children's council in this area"),))
    assert not check(report, gates, baseline=baseline).failed


def test_documents_match_by_source_then_sha256_then_the_only_one(report: AuditReport, rubric: Rubric) -> None:
    renamed = variant(report, rubric, {}, **{NORTH: {"source": "old/north.pdf"}})
    matches = match_documents(report, renamed)
    assert matches[NORTH].source == "old/north.pdf" and matches[SOUTH].source == SOUTH  # by sha256, by source
    one = report.model_copy(update={"documents": report.documents[:1]})
    other = variant(one, rubric, {}, **{NORTH: {"source": "v1.pdf", "sha256": "0" * 64}})
    assert match_documents(one, other)[NORTH].source == "v1.pdf"
    unrelated = variant(report, rubric, {}, **{NORTH: {"source": "a.pdf", "sha256": "1" * 64}, SOUTH: {"source": "b.md", "sha256": "2" * 64}})
    outcome = check(report, gates_for(rubric, fail_under=58), baseline=unrelated)
    assert f"{NORTH}: no matching document in the baseline; its gates apply in full" in outcome.warnings
    assert ("fail-under", NORTH) in failed(outcome)


def test_a_baseline_from_another_rubric_warns(report: AuditReport, rubric: Rubric) -> None:
    other = report.model_copy(update={"rubric": report.rubric.model_copy(update={"id": "my-rubric"})})
    assert "the baseline was made with rubric my-rubric, this audit with hpig-2023" in check(report, gates_for(rubric), baseline=other).warnings


# --- the CLI, on the samples ----------------------------------------------------------------------


def hpig(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HPIG_AUDIT_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "hpig_audit.cli", "audit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gates-cli")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gates-cache")


@pytest.fixture(scope="module")
def samples(workdir: Path, cache: Path) -> dict[str, Any]:
    """The real scores and levels of the strong and weak samples (one run; later runs hit the cache)."""
    run = hpig(str(SAMPLES / "strong-strategy.md"), str(SAMPLES / "weak-strategy.md"), "--format", "json", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 0, run.stderr
    full = json.loads(run.stdout)
    found: dict[str, Any] = {"report": full}
    for document in full["documents"]:
        found[Path(document["source"]).stem.split("-")[0]] = {
            "score": document["score"],
            "themes": {t["id"]: t["score"] for t in document["themes"]},
            "levels": {f["criterion"]: f["level"] for f in document["findings"]},
            "json": document,
        }
    assert found["strong"]["score"] > found["weak"]["score"]
    assert found["strong"]["levels"]["LD1"] == "met" and found["weak"]["levels"]["LD1"] != "met"
    return found


def test_cli_fail_under(samples: dict[str, Any], workdir: Path, cache: Path) -> None:
    weak, strong = samples["weak"]["score"], samples["strong"]["score"]
    limit = f"{(weak + strong) / 2:.1f}"
    run = hpig(str(SAMPLES / "weak-strategy.md"), "--fail-under", limit, "--format", "json", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [f"hpig-audit: gate failed: {SAMPLES / 'weak-strategy.md'}: score {weak:.1f} is below --fail-under {float(limit):g}"]
    assert json.loads(run.stdout)["documents"]  # the report is still printed in full
    run = hpig(str(SAMPLES / "strong-strategy.md"), "--fail-under", limit, "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 0 and run.stderr == ""


def test_cli_require_fail_on_and_theme(samples: dict[str, Any], workdir: Path, cache: Path) -> None:
    weak = SAMPLES / "weak-strategy.md"
    theme_limit = samples["weak"]["themes"]["leadership"] + 0.1
    run = hpig(
        str(weak), "--require", "LD1", "--fail-on", "not_met", "--fail-under-theme", f"LD={theme_limit:.1f}", "--format", "json", "--no-config",
        cwd=workdir, cache=cache,
    )  # fmt: skip
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[0] == f"hpig-audit: gate failed: {weak}: theme leadership score {samples['weak']['themes']['leadership']:.1f} is below --fail-under-theme leadership={theme_limit:.1f}"
    assert lines[1] == f"hpig-audit: gate failed: {weak}: 1 required criterion not met: LD1 ({samples['weak']['levels']['LD1']})"
    assert lines[2].startswith(f"hpig-audit: gate failed: {weak}: ") and "(--fail-on not_met)" in lines[2]
    assert len(lines) == 3
    strong = hpig(str(SAMPLES / "strong-strategy.md"), "--require", "LD1,LD2", "--no-config", cwd=workdir, cache=cache)
    assert strong.returncode == 0, strong.stderr


def test_cli_unknown_ids_exit_2_naming_them(workdir: Path, cache: Path) -> None:
    run = hpig(str(SAMPLES / "weak-strategy.md"), "--require", "LD1,LD99", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == "hpig-audit: error: --require: unknown criterion 'LD99' (rubric hpig-2023 has 50 criteria, PH1 to EQ9)"
    run = hpig(str(SAMPLES / "weak-strategy.md"), "--fail-under-theme", "kids=50", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 2 and "unknown theme 'kids'" in run.stderr


def test_cli_unreadable_document_exit_2_wins_over_a_failed_gate(workdir: Path, cache: Path) -> None:
    run = hpig(str(SAMPLES / "weak-strategy.md"), str(workdir / "missing.pdf"), "--require", "LD1", "--format", "json", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 2
    assert "gate failed" in run.stderr and "skipped" in run.stderr


def test_cli_baseline_regression_and_improvement(samples: dict[str, Any], workdir: Path, cache: Path) -> None:
    """The weak sample against a baseline that says it was strong: regressions fail (exit 1); the
    strong sample against a weak baseline: improvements are printed and it passes."""
    baseline = dict(samples["report"], documents=[samples["weak"]["json"]])
    strong_doc = samples["strong"]["json"]
    worse = dict(baseline, documents=[dict(strong_doc, source=baseline["documents"][0]["source"])])
    (workdir / "was-strong.json").write_text(json.dumps(worse), encoding="utf-8")
    (workdir / "was-weak.json").write_text(json.dumps(baseline), encoding="utf-8")

    run = hpig(str(SAMPLES / "weak-strategy.md"), "--baseline", "was-strong.json", "--format", "json", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 1
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"hpig-audit: gate failed: {SAMPLES / 'weak-strategy.md'}: worse than the baseline: ") and "LD1 met -> " in line

    # Same content, other name: matched as the only document; every change is an improvement.
    run = hpig(str(SAMPLES / "strong-strategy.md"), "--baseline", "was-weak.json", "--require", "LD1", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 0, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"hpig-audit: improved since the baseline: {SAMPLES / 'strong-strategy.md'}: ") and "LD1 " in line

    (workdir / "not-a-report.json").write_text('{"documents": []}', encoding="utf-8")
    run = hpig(str(SAMPLES / "weak-strategy.md"), "--baseline", "not-a-report.json", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 2 and "not an hpig-audit JSON report" in run.stderr


def test_cli_every_format_in_one_run_matches_its_own_format_run(workdir: Path, cache: Path) -> None:
    """One run writes every format; each file is what `--format NAME` prints (checked in a subprocess
    for two formats, and for the rest by rendering the run's own JSON report with the same options)."""
    from hpig_audit.format import RenderOptions, render
    from hpig_audit.rubric import load_rubric

    out = workdir / "all"
    weak = str(SAMPLES / "weak-strategy.md")
    options = [arg for name in FORMATS for arg in (f"--output-{name}", str(out / f"report.{name}"))]
    run = hpig(weak, "--format", "json", *options, "--partial-fails", "--no-config", cwd=workdir, cache=cache)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (out / "report.json").read_text(encoding="utf-8")
    for name in ("markdown", "table"):
        alone = hpig(weak, "--format", name, "--partial-fails", "--no-config", cwd=workdir, cache=cache)
        assert alone.returncode == 0, alone.stderr
        assert (out / f"report.{name}").read_text(encoding="utf-8") == alone.stdout, name
    report = AuditReport.model_validate_json(run.stdout)
    same = RenderOptions(rubric=load_rubric("hpig-2023"), partial_fails=True, width=100)
    for name in FORMATS:
        expected = render(report, name, same)
        written = (out / f"report.{name}").read_bytes()
        if name == "xlsx":
            assert written[:2] == b"PK" and len(written) > 1000
        else:
            assert written.decode("utf-8") == expected, name
    junit = (out / "report.junit").read_text(encoding="utf-8")
    assert junit.count("<failure") > render(report, "junit", dataclasses.replace(same, partial_fails=False)).count("<failure")  # type: ignore[union-attr]
    assert not list(out.glob(".*.tmp"))  # written atomically: no temporary files left


def test_cli_two_reports_to_one_file_is_a_usage_error(workdir: Path, cache: Path) -> None:
    weak = str(SAMPLES / "weak-strategy.md")
    clash = hpig(weak, "--output-html", "same.out", "--output-csv", "same.out", "--no-config", cwd=workdir, cache=cache)
    assert clash.returncode == 2 and "both the html and the csv report" in clash.stderr


def test_cli_has_an_output_option_for_every_format() -> None:
    from typer.main import get_command

    from hpig_audit.cli import app

    command = get_command(app).commands["audit"]  # type: ignore[attr-defined]
    options = {name for param in command.params for name in param.opts}
    assert {f"--output-{name}" for name in FORMATS} <= options
    assert {"--fail-under", "--fail-under-theme", "--require", "--fail-on", "--baseline", "--partial-fails", "--config", "--no-config"} <= options
