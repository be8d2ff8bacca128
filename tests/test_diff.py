"""Comparing two versions of a strategy: a named Executive Lead for Children added (LD1 goes up),
the family hubs sentence removed (IN3 goes down), across formats and from saved results."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from docgen import markdown_to_blocks, write_pdf
from hpig_audit.cli import app
from hpig_audit.diff import AuditDiff, diff_results, fold, render_diff
from hpig_audit.report import AuditReport, Evidence, Finding, RubricInfo

OLD = """# Northmoor Integrated Care Strategy 2024

## Children and young people

Our ICS wants every child and young person in Northmoor to have the best start in life.

The ICB has a lead for children and young people who will champion their needs across the system.

We will continue to develop family hubs in each of our local authority areas for children and families.

Children and young people told us that waiting times for mental health support are too long.
"""
NAMED = "Dr Amara Okafor, our Chief Nurse, is the ICB Executive Lead for Children and Young People and will champion their needs across the system."
NEW = OLD.replace("The ICB has a lead for children and young people who will champion their needs across the system.", NAMED).replace(
    "We will continue to develop family hubs in each of our local authority areas for children and families.\n\n", ""
)


@pytest.fixture()
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "strategy-2024.md", tmp_path / "strategy-2025.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_changes(diff: dict) -> None:  # type: ignore[type-arg]
    by_id = {c["criterion"]: c for c in diff["criteria"]}
    ld1, in3 = by_id["LD1"], by_id["IN3"]
    assert (ld1["old"], ld1["new"], ld1["change"]) == ("partial", "met", "up")
    assert any("Dr Amara Okafor" in q for q in ld1["new_evidence"])
    assert any("The ICB has a lead for children" in q for q in ld1["lost_evidence"])
    assert (in3["old"], in3["change"]) == ("partial", "down")  # a mention of family hubs, removed
    assert in3["new"] in ("partial", "not_met")
    assert any("family hubs" in q for q in in3["lost_evidence"]) and in3["new_evidence"] == []
    assert diff["counts"]["up"] >= 1 and diff["counts"]["down"] >= 1
    assert sum(diff["counts"].values()) == 50
    assert diff["counts"]["same"] == sum(1 for c in diff["criteria"] if c["change"] == "same")
    leadership = next(t for t in diff["themes"] if t["id"] == "leadership")
    assert leadership["delta"] == pytest.approx(leadership["new"] - leadership["old"], abs=0.05) and leadership["delta"] > 0
    assert diff["score_delta"] == pytest.approx(diff["new"]["score"] - diff["old"]["score"], abs=0.05)


def test_markdown_versions(versions: tuple[Path, Path]) -> None:
    code, out, err = run("diff", *map(str, versions), "--format", "json")
    assert code == 0, err
    diff = json.loads(out)
    assert (diff["old"]["source"], diff["new"]["source"]) == tuple(map(str, versions))
    check_changes(diff)
    assert diff["notes"] == []
    code, schema, err = run("schema", "diff")
    assert code == 0, err
    jsonschema.validate(diff, json.loads(schema))
    # The schema is strict enough to catch a malformed diff: a level that is not one of the three.
    broken = {**diff, "criteria": [{**diff["criteria"][0], "new": "excellent"}, *diff["criteria"][1:]]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json.loads(schema))


def test_fail_on_down_exits_1_naming_what_went_down(versions: tuple[Path, Path]) -> None:
    old, new = map(str, versions)
    code, out, err = run("diff", old, new, "--fail-on-down")
    assert code == 1, err
    assert "LD1" in out  # the comparison is still printed
    [line] = [line for line in err.splitlines() if "went down" in line]
    assert line.startswith("hpig-audit: ") and "IN3" in line and "LD1" not in line
    # The other way round only LD1 went down; the same document against itself exits 0.
    code, _, err = run("diff", new, old, "--fail-on-down")
    assert code == 1 and "hpig-audit: 1 criterion went down: LD1" in err and "IN3" not in err
    code, _, err = run("diff", old, old, "--fail-on-down")
    assert code == 0 and err == ""


def test_old_pdf_results_against_new_markdown(versions: tuple[Path, Path], tmp_path: Path) -> None:
    """Across formats and from saved results: the old version audited earlier as a PDF."""
    pdf = write_pdf(tmp_path / "strategy-2024.pdf", markdown_to_blocks(OLD))
    saved = tmp_path / "old.json"
    code, _, err = run("audit", str(pdf), "--format", "json", "-o", str(saved), "--no-config")
    assert code == 0, err
    code, out, err = run("diff", str(saved), str(versions[1]), "--format", "json")
    assert code == 0, err
    diff = json.loads(out)
    assert diff["old"]["type"] == "pdf" and diff["new"]["type"] == "markdown"
    check_changes(diff)


def test_every_format(versions: tuple[Path, Path], tmp_path: Path) -> None:
    outputs = {}
    for name in ("table", "markdown", "html", "json"):
        target = tmp_path / f"diff.{name}"
        for _ in range(2):  # the second run replaces its own earlier comparison
            code, _, err = run("diff", *map(str, versions), "--format", name, "-o", str(target))
            assert code == 0, err
        outputs[name] = target.read_text(encoding="utf-8")
    assert "▲ up" in outputs["table"] and "LD1" in outputs["table"] and "partial → met" in outputs["table"]
    assert "new:  “Dr Amara Okafor" in outputs["table"] and "lost: “We will continue to develop family hubs" in outputs["table"]
    assert "| LD1 | Executive Lead for Children identified | partial | met | ⬆️ up |" in outputs["markdown"]
    assert "- New: “Dr Amara Okafor" in outputs["markdown"]
    assert '<span class="change up">' in outputs["html"] and '<span class="change down">' in outputs["html"]
    assert "<script" not in outputs["html"]
    assert AuditDiff.model_validate_json(outputs["json"]).counts["up"] >= 1
    code, _, err = run("diff", *map(str, versions), "--format", "sarif")
    assert code == 2 and "unknown diff format 'sarif'" in err


def test_results_file_must_hold_one_document(versions: tuple[Path, Path], tmp_path: Path) -> None:
    both = tmp_path / "both.json"
    code, _, err = run("audit", *map(str, versions), "--format", "json", "-o", str(both), "--jobs", "1", "--no-config")
    assert code == 0, err
    code, out, err = run("diff", str(both), str(versions[1]))
    assert code == 2 and out == ""
    assert f"{both}: holds 2 audited documents; diff compares one document with one" in err
    code, _, err = run("diff", str(versions[0]), str(tmp_path / "missing.md"))
    assert code == 2 and "missing.md: cannot audit: file not found" in err


def test_quotes_compare_after_folding_whitespace() -> None:
    def finding(level: str, *quotes: str) -> Finding:
        evidence = tuple(Evidence(quote=q, page=None, section=None) for q in quotes)
        return Finding(criterion="LD1", title="Lead", theme="leadership", level=level, score={"met": 2, "partial": 1, "not_met": 0}[level],  # type: ignore[arg-type]
                       reason="r", evidence=evidence, recommendation=None)

    base = AuditReport.model_validate_json((Path(__file__).parent / "fixtures" / "report.json").read_text(encoding="utf-8")).documents[0]
    old = base.model_copy(update={"findings": (finding("partial", "Our lead for\n children  is named.", "Gone soon."),)})
    new = base.model_copy(update={"findings": (finding("partial", "Our lead for children is named.", "Brand new."),), "source": "new.html"})
    info = RubricInfo(id="hpig-2023", version="1")
    diff = diff_results(old, new, old_rubric=info, new_rubric=RubricInfo(id="hpig-2023", version="2"))
    change = diff.criteria[0]
    assert (change.change, change.new_evidence, change.lost_evidence) == ("same", ("Brand new.",), ("Gone soon.",))
    assert fold("  a \n\t b ") == "a b"
    assert "different rubrics" in diff.notes[0] and "same SHA-256" in diff.notes[1]
    assert render_diff(diff, "json") == render_diff(diff, "json")
