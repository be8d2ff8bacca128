"""A gap points at the section where it sits: the JSON finding's `location`, the GitHub annotation's
line and the SARIF region all name the heading of the section about the criterion's theme."""

from __future__ import annotations

import json
from pathlib import Path

from hpig_audit.audit import audit_sources
from hpig_audit.format import RenderOptions, render
from hpig_audit.rubric import load_rubric

PLAN = """# Riverford children's plan

## Our priorities for children

We will improve mental health support for children and young people.

## Our workforce

We value our staff.

## Governance

The partnership meets every month.
"""


def test_gaps_point_at_the_section_of_their_theme(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    rubric = load_rubric()
    report = audit_sources([str(path)], rubric)
    findings = {f.criterion: f for f in report.documents[0].findings}
    lines = {text: number for number, text in enumerate(PLAN.splitlines(), start=1)}
    assert findings["LD2"].level == "not_met" and findings["LD2"].location.line == lines["## Governance"]
    assert findings["WF3"].level == "not_met" and findings["WF3"].location.line == lines["## Our workforce"]
    assert findings["PH4"].level != "not_met" and findings["PH4"].location is None  # evidence, not a location

    github = render(report, "github", RenderOptions(rubric=rubric))
    assert f"line={lines['## Governance']},title=LD2 " in github
    sarif = json.loads(render(report, "sarif", RenderOptions(rubric=rubric)))
    ld2 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "LD2")
    assert ld2["locations"][0]["physicalLocation"]["region"]["startLine"] == lines["## Governance"]
