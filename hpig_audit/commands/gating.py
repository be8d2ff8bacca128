"""The audit command's configuration file, extra outputs and gates: glue between the CLI and
`hpig_audit.config` / `hpig_audit.gates`.

Order of precedence for every setting: the command line, then the configuration file, then the
built-in default. Exit codes: 2 (input or usage error, including skipped documents) wins over 1
(a gate failed), which wins over 0.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping

from pydantic import ValidationError

from hpig_audit.config import EMPTY, LoadedConfig, load_config
from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.format import FORMATS, RenderOptions, render
from hpig_audit.gates import Exclusion, Gates, GateSpec, Outcome, check, parse_ids, parse_theme_thresholds, resolve_gates
from hpig_audit.output import write_atomic
from hpig_audit.report import AuditReport
from hpig_audit.rubric import DEFAULT_RUBRIC
from hpig_audit.rubric.schema import Rubric

DEFAULT_FORMAT = "table"


@dataclass(frozen=True)
class GateOptions:
    """What `hpig-audit audit` was given for outputs, gates and configuration; None = not given."""

    outputs: Mapping[str, Path] = field(default_factory=dict)
    fail_under: float | None = None
    fail_under_theme: tuple[str, ...] | None = None
    require: tuple[str, ...] | None = None
    fail_on: str | None = None
    baseline: Path | None = None
    partial_fails: bool | None = None
    config: Path | None = None
    no_config: bool = False


@dataclass(frozen=True)
class Plan:
    """Settings after merging the command line with the configuration file."""

    rubric: str
    format: str
    outputs: dict[str, Path]
    spec: GateSpec
    baseline: Path | None
    partial_fails: bool
    config: LoadedConfig


def plan(options: GateOptions, *, rubric: str | None, format: str | None, output: Path | None = None) -> Plan:
    """Load the configuration file (unless --no-config) and let the command line override it."""
    if options.no_config and options.config is not None:
        raise UsageError("--config and --no-config cannot be used together")
    config = EMPTY if options.no_config else load_config(options.config)
    settings, name = config.settings, config.name

    outputs = {fmt: config.resolve_path(path) for fmt, path in settings.outputs.items()}
    outputs.update(options.outputs)
    _check_output_paths(outputs, format or settings.format or DEFAULT_FORMAT, output)

    labels: dict[str, str] = {}

    def pick(key: str, given, from_config):  # type: ignore[no-untyped-def]
        if given is not None:
            return given
        labels[key] = f"{name}: {key}"
        return from_config

    fail_under_theme = (
        parse_theme_thresholds(options.fail_under_theme)
        if options.fail_under_theme is not None
        else tuple(pick("fail_under_theme", None, settings.fail_under_theme).items())
    )
    require = parse_ids(options.require) if options.require is not None else tuple(pick("require", None, settings.require))
    spec = GateSpec(
        fail_under=pick("fail_under", options.fail_under, settings.fail_under),
        fail_under_theme=fail_under_theme,
        require=require,
        fail_on=pick("fail_on", options.fail_on, settings.fail_on),  # type: ignore[arg-type]
        exclude=tuple(Exclusion(e.criterion, e.reason, e.expires) for e in settings.exclude),
        labels={**labels, "exclude": f"{name}: exclude"},
    )
    baseline = options.baseline
    if baseline is None and settings.baseline is not None:
        baseline = config.resolve_path(settings.baseline)
    rubric_name = rubric or settings.rubric or DEFAULT_RUBRIC
    if rubric is None and settings.rubric is not None and _looks_like_file(settings.rubric):
        rubric_name = str(config.resolve_path(settings.rubric))
    partial_fails = options.partial_fails if options.partial_fails is not None else bool(settings.partial_fails)
    return Plan(rubric_name, format or settings.format or DEFAULT_FORMAT, outputs, spec, baseline, partial_fails, config)


def prepare(plan: Plan, rubric: Rubric, *, today: date | None = None) -> tuple[Gates, AuditReport | None]:
    """Check the gates against the rubric and read the baseline, before any document is audited."""
    gates = resolve_gates(plan.spec, rubric, today=today)
    return gates, (read_baseline(plan.baseline) if plan.baseline is not None else None)


def read_baseline(path: Path) -> AuditReport:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--baseline {path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return AuditReport.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise UsageError(
            f"--baseline {path}: not an hpig-audit JSON report (made with --format json): {where + ': ' if where else ''}{error['msg']}"
        ) from None


def write_outputs(
    report: AuditReport,
    plan: Plan,
    options: RenderOptions,
    *,
    force: bool,
    rendered: Mapping[str, str | bytes] | None = None,
) -> None:
    """Render every --output-FORMAT report first, then write them all, each atomically."""
    cache = dict(rendered or {}) if not options.color else {}  # coloured terminal text is not for files
    options = dataclasses.replace(options, color=False)
    contents = []
    for fmt, path in plan.outputs.items():
        if fmt not in cache:
            cache[fmt] = render(report, fmt, options)
        contents.append((path, cache[fmt]))
    for path, content in contents:
        write_atomic(path, content, force=force)


def report_gates(report: AuditReport, gates: Gates, baseline: AuditReport | None) -> ExitCode:
    """Check the gates, print warnings, improvements and one line per failed gate on stderr."""
    if not (gates.thresholds or baseline is not None or gates.warnings):
        return ExitCode.OK
    outcome = check(report, gates, baseline=baseline)
    print_outcome(outcome)
    return ExitCode.THRESHOLD_FAILED if outcome.failed else ExitCode.OK


def print_outcome(outcome: Outcome) -> None:
    err = sys.stderr
    for warning in outcome.warnings:
        print(f"hpig-audit: warning: {warning}", file=err)
    documents = dict.fromkeys(change.document for change in outcome.improvements)
    for document in documents:
        better = [str(c) for c in outcome.improvements if c.document == document]
        print(f"hpig-audit: improved since the baseline: {document}: {'; '.join(better)}", file=err)
    for result in outcome.failed:
        print(f"hpig-audit: gate failed: {result.message}", file=err)


def _check_output_paths(outputs: Mapping[str, Path], format: str, output: Path | None) -> None:
    unknown = [fmt for fmt in outputs if fmt not in FORMATS]
    if unknown:
        raise UsageError(f"unknown output format {', '.join(map(repr, unknown))}; choose from {', '.join(FORMATS)}")
    seen: dict[Path, str] = {}
    for fmt, path in [*outputs.items(), *([(format, output)] if output is not None else [])]:
        key = path.resolve()
        if key in seen and seen[key] != fmt:
            raise UsageError(f"{path}: both the {seen[key]} and the {fmt} report would be written there")
        seen[key] = fmt


def _looks_like_file(value: str) -> bool:
    return value.endswith((".yaml", ".yml")) or "/" in value or "\\" in value
