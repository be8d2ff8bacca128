"""The corpus summary, computed on hand-built results whose shares are worked out here by hand."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from hpig_audit.cli import app
from hpig_audit.errors import UsageError
from hpig_audit.report import AuditReport, DocumentResult, Finding, RubricInfo, SkippedDocument, ThemeScore, ToolInfo
from hpig_audit.rubric.schema import Rubric
from hpig_audit.summary import SUMMARY_FORMATS, Shares, parse_results, render_summary, summarise

RUBRIC_YAML = """
id: mini
version: "1"
name: Mini rubric
terms: {cyp: ["child(ren)?"]}
themes:
  - {id: lead, name: Leadership, prefix: LD, baseline: "Few named a lead."}
  - {id: voice, name: "Voice <of> children", prefix: CP}
criteria:
  - {id: LD1, theme: lead, title: Lead named, question: Q, met: M, partial: P, source: S, recommendation: R,
     baseline: "43% named one", baseline_pct: 43, rules: [{level: met, why: w, any: [cyp]}]}
  - {id: LD2, theme: lead, title: Board named, question: Q, met: M, partial: P, source: S, recommendation: R,
     baseline: "Fewer still", rules: [{level: met, why: w, any: [cyp]}]}
  - {id: CP1, theme: voice, title: "Children heard | directly", question: Q, met: M, partial: P, source: S, recommendation: R,
     baseline_pct: 10, rules: [{level: met, why: w, any: [cyp]}]}
"""

POINTS = {"met": 2, "partial": 1, "not_met": 0}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return Rubric.model_validate(yaml.safe_load(RUBRIC_YAML))


def document(name: str, levels: dict[str, str], kind: str | None = None, sha: str | None = None) -> DocumentResult:
    themes = {"LD": "lead", "CP": "voice"}
    findings = tuple(
        Finding(criterion=cid, title=cid, theme=themes[cid[:2]], level=level, score=POINTS[level], reason="r", evidence=(), recommendation=None)  # type: ignore[arg-type]
        for cid, level in levels.items()
    )
    lead = [POINTS[levels[c]] for c in ("LD1", "LD2") if c in levels]
    voice = [POINTS[levels[c]] for c in ("CP1",) if c in levels]
    return DocumentResult(
        source=name, sha256=sha or name, type="pdf", pages=1, score=0.0,
        themes=(ThemeScore(id="lead", name="Leadership", score=100 * sum(lead) / (2 * len(lead))),
                ThemeScore(id="voice", name="Voice", score=100 * sum(voice) / (2 * len(voice)) if voice else 0.0)),
        findings=findings, warnings=(), meta={"type": kind} if kind else {},
    )  # fmt: skip


def report(*documents: DocumentResult, skipped: int = 0) -> AuditReport:
    return AuditReport(
        tool=ToolInfo(name="hpig-audit", version="0.1.0"),
        rubric=RubricInfo(id="mini", version="1"),
        documents=documents,
        skipped=tuple(SkippedDocument(source=f"bad{i}.pdf", reason="file not found") for i in range(skipped)),
    )


@pytest.fixture(scope="module")
def reports() -> list[AuditReport]:
    """Six documents: three strategies, one JFP, a plan and one without a type (both 'other')."""
    return [
        report(
            document("s1", {"LD1": "met", "LD2": "met", "CP1": "not_met"}, "strategy"),
            document("s2", {"LD1": "partial", "LD2": "not_met", "CP1": "met"}, "strategy"),
            document("s3", {"LD1": "not_met", "LD2": "not_met", "CP1": "not_met"}, "strategy"),
            skipped=1,
        ),
        report(
            document("j1", {"LD1": "met", "LD2": "partial", "CP1": "partial"}, "jfp"),
            document("p1", {"LD1": "met", "LD2": "met", "CP1": "met"}, "plan"),
            document("o1", {"LD1": "not_met", "LD2": "partial"}),  # CP1 missing: judged with an older rubric
            document("s1-again", {"LD1": "met", "LD2": "met", "CP1": "not_met"}, "strategy", sha="s1"),  # duplicate bytes
        ),
    ]


def test_criterion_shares_by_group(reports: list[AuditReport], rubric: Rubric) -> None:
    summary = summarise(reports, rubric)
    assert summary.documents == 6 and summary.skipped == 1
    assert [(g.id, g.documents) for g in summary.groups] == [("all", 6), ("strategy", 3), ("jfp", 1), ("other", 2)]
    ld1, ld2, cp1 = summary.criteria
    # LD1 over 6 documents: met s1 j1 p1 (3), partial s2 (1), not met s3 o1 (2).
    assert ld1.shares["all"] == Shares(documents=6, met=50.0, partial=16.7, not_met=33.3)
    assert ld1.shares["strategy"] == Shares(documents=3, met=33.3, partial=33.3, not_met=33.3)
    assert ld1.shares["jfp"] == Shares(documents=1, met=100.0, partial=0.0, not_met=0.0)
    assert ld1.shares["other"] == Shares(documents=2, met=50.0, partial=0.0, not_met=50.0)
    assert (ld1.baseline_pct, ld1.difference, ld1.baseline) == (43.0, 7.0, "43% named one")
    # LD2: met s1 p1, partial j1 o1, not met s2 s3; a text baseline has no difference.
    assert ld2.shares["all"] == Shares(documents=6, met=33.3, partial=33.3, not_met=33.3)
    assert (ld2.baseline_pct, ld2.difference, ld2.baseline) == (None, None, "Fewer still")
    # CP1 over the 5 documents that have it: met s2 p1, partial j1, not met s1 s3.
    assert cp1.shares["all"] == Shares(documents=5, met=40.0, partial=20.0, not_met=40.0)
    assert cp1.shares["other"] == Shares(documents=1, met=100.0, partial=0.0, not_met=0.0)
    assert cp1.difference == 30.0
    assert any("1 duplicate document" in note for note in summary.notes)


def test_theme_shares_means_and_baseline(reports: list[AuditReport], rubric: Rubric) -> None:
    lead, voice = summarise(reports, rubric).themes
    # Leadership: 12 findings, met 5, partial 3, not met 4.
    assert lead.shares["all"] == Shares(documents=6, met=41.7, partial=25.0, not_met=33.3)
    # Theme scores: s1 100, s2 25, s3 0, j1 75, p1 100, o1 25 -> mean 54.2.
    assert lead.mean_score["all"] == 54.2
    assert lead.mean_score["strategy"] == 41.7
    # Baseline: only LD1 has a figure, so the theme compares LD1 alone: 50.0 - 43.0.
    assert (lead.baseline_pct, lead.baseline_criteria, lead.criteria, lead.met_compared, lead.difference) == (43.0, 1, 2, 50.0, 7.0)
    assert lead.baseline == "Few named a lead."
    assert voice.shares["all"].documents == 5
    assert (voice.baseline_pct, voice.difference) == (10.0, 30.0)


def test_negative_differences_and_groups_without_documents(rubric: Rubric) -> None:
    summary = summarise([report(document("a", {"LD1": "not_met", "LD2": "met", "CP1": "partial"}, "jfp"))], rubric)
    assert [g.id for g in summary.groups] == ["all", "jfp"]
    assert summary.criteria[0].difference == -43.0
    ld1 = next(r for r in csv.DictReader(io.StringIO(render_summary(summary, "csv"))) if r["id"] == "LD1" and r["group"] == "all")
    assert ld1["difference"] == "-43.0"  # a figure, not text to defuse
    assert summary.criteria[2].difference == -10.0
    assert set(summary.criteria[0].shares) == {"all", "jfp"}


def test_summary_is_deterministic_and_order_independent_within_groups(reports: list[AuditReport], rubric: Rubric) -> None:
    first = render_summary(summarise(reports, rubric), "json")
    assert first == render_summary(summarise(reports, rubric), "json")
    assert json.loads(first)["criteria"][0]["id"] == "LD1"


def test_every_format_renders_the_figures(reports: list[AuditReport], rubric: Rubric) -> None:
    summary = summarise(reports, rubric)
    rendered = {name: render_summary(summary, name) for name in SUMMARY_FORMATS}
    assert json.loads(rendered["json"]) == summary.model_dump(mode="json")
    rows = list(csv.DictReader(io.StringIO(rendered["csv"])))
    ld1_all = next(r for r in rows if r["kind"] == "criterion" and r["id"] == "LD1" and r["group"] == "all")
    assert (ld1_all["met_pct"], ld1_all["partial_pct"], ld1_all["not_met_pct"], ld1_all["baseline_pct"], ld1_all["difference"]) == (
        "50.0", "16.7", "33.3", "43.0", "7.0")
    lead_jfp = next(r for r in rows if r["kind"] == "theme" and r["id"] == "lead" and r["group"] == "jfp")
    assert lead_jfp["mean_score"] == "75.0" and lead_jfp["difference"] == ""
    assert len(rows) == (2 + 3) * 4
    assert "| LD1 | Lead named | 50.0 / 16.7 / 33.3 | 33.3 / 33.3 / 33.3 | 100.0 / 0.0 / 0.0 | 50.0 / 0.0 / 50.0 | 43.0 | +7.0 |" in rendered["markdown"]
    assert "Children heard \\| directly" in rendered["markdown"]  # rubric text is escaped
    assert "LD1" in rendered["table"] and "50.0 / 16.7 / 33.3" in rendered["table"] and "+7.0" in rendered["table"]
    html = rendered["html"]
    assert html.count("<svg") == 2  # one chart per theme
    assert "Voice &lt;of&gt; children" in html and "<of>" not in html
    assert "<script" not in html
    parser = HTMLParser()
    parser.feed(html)


def test_cli_reads_results_files_and_writes_every_format(reports: list[AuditReport], rubric: Rubric, tmp_path: Path) -> None:
    rubric_file = tmp_path / "mini.yaml"
    rubric_file.write_text(RUBRIC_YAML, encoding="utf-8")
    files = []
    for index, item in enumerate(reports):
        files.append(tmp_path / f"results-{index}.json")
        files[-1].write_text(item.model_dump_json(indent=2), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["summary", *map(str, files), "--rubric", str(rubric_file), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == summarise(reports, rubric).model_dump(mode="json")
    schema = runner.invoke(app, ["schema", "summary"])
    assert schema.exit_code == 0, schema.stderr
    jsonschema.validate(json.loads(result.stdout), json.loads(schema.stdout))
    # Strict enough to catch a malformed summary: a share that is not a number.
    broken = json.loads(result.stdout)
    broken["criteria"][0]["shares"]["all"]["met"] = "most"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json.loads(schema.stdout))
    assert json.loads(schema.stdout) != json.loads(runner.invoke(app, ["schema"]).stdout)  # not the audit report's
    unknown = runner.invoke(app, ["schema", "eval"])
    assert unknown.exit_code == 2 and "unknown schema 'eval'; choose one of: audit, summary, diff" in unknown.stderr
    out = tmp_path / "summary.html"
    result = runner.invoke(app, ["summary", *map(str, files), "--rubric", str(rubric_file), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for name in SUMMARY_FORMATS:  # a second run replaces its own earlier summary, in every format
        out = tmp_path / f"summary-{name}.out"
        for _ in range(2):
            result = runner.invoke(app, ["summary", *map(str, files), "--rubric", str(rubric_file), "--format", name, "-o", str(out)])
            assert result.exit_code == 0, (name, result.stderr)
    # The rubric the results name ('mini') is not shipped: the message says how to give it.
    result = runner.invoke(app, ["summary", str(files[0])])
    assert result.exit_code == 2 and "give its file with --rubric" in result.stderr


def test_results_files_are_checked(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="x.json: not a JSON file"):
        parse_results("{nope", "x.json")
    with pytest.raises(UsageError, match="y.json: not an hpig-audit results file"):
        parse_results('{"documents": []}', "y.json")
    other = report().model_copy(update={"rubric": RubricInfo(id="other", version="1")})
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(report().model_dump_json(), encoding="utf-8")
    b.write_text(other.model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(app, ["summary", str(a), str(b)])
    assert result.exit_code == 2
    assert "different rubrics" in result.stderr and f"{b} (other)" in result.stderr


def test_csv_defuses_formulas_in_rubric_text(rubric: Rubric) -> None:
    hostile = rubric.model_copy(update={"criteria": (rubric.criteria[0].model_copy(update={"title": '=HYPERLINK("http://x")'}),) + rubric.criteria[1:]})
    rows = list(csv.DictReader(io.StringIO(render_summary(summarise([report(document("a", {"LD1": "met"}))], hostile), "csv"))))
    ld1 = next(row for row in rows if row["id"] == "LD1")
    assert ld1["title"] == "'=HYPERLINK(\"http://x\")"
