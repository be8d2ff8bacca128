"""`hpig-audit rubric list|show|validate`, `explain` and `schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.rubric import builtin_rubrics, load_rubric


def run_list() -> ExitCode:
    for rubric_id, path in builtin_rubrics().items():
        rubric = load_rubric(path)
        sys.stdout.write(f"{rubric_id}  v{rubric.version}  {len(rubric.criteria)} criteria  {rubric.name}\n")
    return ExitCode.OK


def run_show(rubric_id: str) -> ExitCode:
    rubric = load_rubric(rubric_id)
    out = sys.stdout
    out.write(f"{rubric.name} ({rubric.id} v{rubric.version})\n")
    for theme in rubric.themes:
        out.write(f"\n{theme.name} [{theme.id}]\n")
        for criterion in rubric.criteria:
            if criterion.theme == theme.id:
                out.write(f"  {criterion.id:<5} {criterion.title}\n")
    return ExitCode.OK


def run_explain(criterion_id: str, rubric_id: str) -> ExitCode:
    rubric = load_rubric(rubric_id)
    criterion = rubric.criterion(criterion_id)
    if criterion is None:
        raise UsageError(f"unknown criterion {criterion_id!r} in rubric {rubric.id}; see `hpig-audit rubric show`")
    theme = rubric.theme(criterion.theme)
    lines = [
        f"{criterion.id}: {criterion.title}  ({theme.name})",
        f"Question:  {criterion.question}",
        f"Met:       {criterion.met}",
        f"Partial:   {criterion.partial}",
        f"Not met:   nothing in the document's own words does it.",
        f"Source:    {criterion.source}",
        f"2023:      {criterion.baseline or 'not measured by the report'}",
        f"If not met: {criterion.recommendation}",
        "How it is judged:",
    ]
    lines += [f"  - {rule.level}: {rule.why} (within a {rule.scope})" for rule in criterion.rules]
    sys.stdout.write("\n".join(lines) + "\n")
    return ExitCode.OK


def run_validate(path: Path) -> ExitCode:
    from hpig_audit.rubric.examples import check_examples

    rubric = load_rubric(path)
    failures = check_examples(rubric)
    for failure in failures:
        sys.stdout.write(f"{path}: {failure}\n")
    total = sum(len(c.examples) for c in rubric.criteria)
    sys.stdout.write(f"{path}: {len(rubric.criteria)} criteria, {total} examples, {len(failures)} failing\n")
    return ExitCode.ERROR if failures else ExitCode.OK


def run_schema() -> ExitCode:
    from hpig_audit.report import AuditReport

    sys.stdout.write(json.dumps(AuditReport.model_json_schema(), indent=2) + "\n")
    return ExitCode.OK
