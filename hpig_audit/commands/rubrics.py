"""`hpig-audit rubric list|show|validate`, `explain` and `schema`."""

from __future__ import annotations

import importlib
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
    """Lint the rubric and run its examples: one problem per line (file:line: severity: criterion:
    key: message), then a count. Exit 2 when there is any error; warnings alone pass."""
    from hpig_audit.rubric.lint import lint_file

    result = lint_file(path)
    for problem in result.problems:
        sys.stdout.write(problem.format(str(path)) + "\n")
    if result.rubric is None:
        sys.stdout.write(f"{path}: not a valid rubric, {result.errors} error(s)\n")
        return ExitCode.ERROR
    sys.stdout.write(
        f"{path}: {len(result.rubric.criteria)} criteria, {result.examples} examples, {result.failing_examples} failing, "
        f"{result.errors} error(s), {result.warnings} warning(s)\n"
    )
    return ExitCode.ERROR if result.errors else ExitCode.OK


def run_new(name: str, output: Path | None, force: bool) -> ExitCode:
    """Write a commented rubric template (never over an existing file without --force)."""
    from hpig_audit.rubric.template import render_template

    path = output or Path(f"{name}.yaml")
    text = render_template(name, str(path))
    if path.exists() and not force:
        raise UsageError(f"{path}: already exists; use --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
    sys.stdout.write(f"wrote {path}: edit it, then run `hpig-audit rubric validate {path}`\n")
    return ExitCode.OK


# The JSON outputs that have a published schema, and the model each is made from: the audit report
# (`audit --format json`), the corpus summary (`summary --format json`) and the comparison of two
# versions (`diff --format json`). Imported on use: the models pull in pydantic and their formatters.
_SCHEMA_MODELS = {"audit": ("hpig_audit.report", "AuditReport"), "summary": ("hpig_audit.summary", "Summary"), "diff": ("hpig_audit.diff", "AuditDiff")}


def run_schema(kind: str = "audit") -> ExitCode:
    if kind not in _SCHEMA_MODELS:
        raise UsageError(f"unknown schema {kind!r}; choose one of: {', '.join(_SCHEMA_MODELS)}")
    module, name = _SCHEMA_MODELS[kind]
    model = getattr(importlib.import_module(module), name)
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return ExitCode.OK
