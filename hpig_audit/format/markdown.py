"""Markdown report for GitHub and GitLab: summary, theme table, findings by theme, gaps.

Document text is untrusted: a strategy can contain anything, including Markdown or HTML that a
renderer would act on. Every piece of it goes through `_md` (inline text) or `_cell` (table cells).
"""

from __future__ import annotations

import re

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import (
    baseline_summary,
    LEVEL_LABELS,
    Baseline,
    fmt_score,
    gaps,
    level_counts,
    location,
    one_line,
    theme_baselines,
    theme_order,
)
from hpig_audit.report import AuditReport, DocumentResult, Finding

LEVEL_ICONS = {"met": "✅", "partial": "🟡", "not_met": "❌"}

# Characters that can start Markdown or HTML constructs inline. Backslash escapes work for all
# ASCII punctuation in CommonMark and GFM, so escaping a few too many is harmless.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # '&amp;' in a quote must not turn into '&'


def _md(text: str) -> str:
    """One line of document text, safe to place anywhere inline."""
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", one_line(text)))


def _cell(text: str) -> str:
    """Table cells: the same escaping; `|` is already escaped, newlines already gone."""
    return _md(text)


def render(report: AuditReport, options: RenderOptions) -> str:
    lines = ["# HPIG audit report", "", _header(report), ""]
    lines += _summary(report)
    lines += _skipped(report)
    for document in report.documents:
        lines += _document(document, report, options)
    return "\n".join(lines).rstrip("\n") + "\n"


def _header(report: AuditReport) -> str:
    return (
        f"Rubric {_md(report.rubric.id)} version {_md(report.rubric.version)}, "
        f"{_md(report.tool.name)} {_md(report.tool.version)}: "
        f"{len(report.documents)} document(s) audited, {len(report.skipped)} skipped."
    )


def _summary(report: AuditReport) -> list[str]:
    if not report.documents:
        return ["No document could be audited.", ""]
    lines = ["## Summary", "", "| Document | Type | Score | Met | Partial | Not met |", "|---|---|---:|---:|---:|---:|"]
    for document in report.documents:
        counts = level_counts(document)
        lines.append(
            f"| {_cell(document.source)} | {_cell(document.type)} | **{fmt_score(document.score)}** "
            f"| {counts['met']} | {counts['partial']} | {counts['not_met']} |"
        )
    return lines + [""]


def _skipped(report: AuditReport) -> list[str]:
    if not report.skipped:
        return []
    lines = ["## Skipped documents", ""]
    lines += [f"- {_md(item.source)}: {_md(item.reason)}" for item in report.skipped]
    return lines + [""]


def _document(document: DocumentResult, report: AuditReport, options: RenderOptions) -> list[str]:
    pages = f", {document.pages} pages" if document.pages is not None else ""
    lines = [
        f"## {_md(document.source)}",
        "",
        f"**Overall score: {fmt_score(document.score)}/100** ({_md(document.type)}{pages}; "
        f"sha256 {_md(document.sha256[:12])}…)",
        "",
    ]
    lines += [f"> ⚠️ {_md(warning)}" for warning in document.warnings]
    if document.warnings:
        lines.append("")
    lines += _theme_table(document, theme_baselines(options.rubric))
    lines += _findings(document, report, options)
    lines += _gaps(document)
    return lines


def _theme_table(document: DocumentResult, baselines: dict[str, Baseline]) -> list[str]:
    with_baseline = any(b.text or b.pct is not None for b in baselines.values())
    head = "| Theme | Score |" + (" 2023 baseline |" if with_baseline else "")
    rule = "|---|---:|" + ("---|" if with_baseline else "")
    lines = ["### Theme scores", "", head, rule]
    for theme in document.themes:
        row = f"| {_cell(theme.name)} | {fmt_score(theme.score)} |"
        if with_baseline:
            row += f" {_baseline_cell(baselines.get(theme.id))} |"
        lines.append(row)
    lines.append("")
    if with_baseline and any(b.pct is not None for b in baselines.values()):
        lines += [
            "_Percentages are the mean of the 2023 shares published for the theme's criteria (most count "
            "documents that met a criterion, a few those that did it at least to some extent); scores give "
            "partial half marks, so this is a rough guide._",
            "",
        ]
    return lines


def _baseline_cell(baseline: Baseline | None) -> str:
    return baseline_summary(baseline, _cell)


def _findings(document: DocumentResult, report: AuditReport, options: RenderOptions) -> list[str]:
    lines = ["### Findings", ""]
    scores = {theme.id: theme for theme in document.themes}
    for theme_id, name in theme_order(report, options.rubric):
        findings = [f for f in document.findings if f.theme == theme_id]
        if not findings:
            continue
        theme = scores.get(theme_id)
        score = f" ({fmt_score(theme.score)}/100)" if theme else ""
        lines += [f"#### {_md(theme.name if theme else name)}{score}", ""]
        for finding in findings:
            lines += _finding(finding, options)
        lines.append("")
    return lines


def _finding(finding: Finding, options: RenderOptions) -> list[str]:
    icon, label = LEVEL_ICONS[finding.level], LEVEL_LABELS[finding.level]
    lines = [f"- {icon} **{_md(finding.criterion)} {_md(finding.title)}**: {label}", f"  - {_md(finding.reason)}"]
    if options.rubric is not None and (criterion := options.rubric.criterion(finding.criterion)):
        if criterion.baseline:
            lines.append(f"  - 2023 baseline: {_md(criterion.baseline)}")
    for evidence in finding.evidence:
        where = location(evidence)
        # Curly quotes around the passage keep its first character off the start of the line,
        # where '#', '-' or '1.' would start a block.
        lines.append(f"  - “{_md(evidence.quote)}”" + (f" ({_md(where)})" if where else ""))
    if finding.recommendation:
        lines.append(f"  - _Recommendation:_ {_md(finding.recommendation)}")
    return lines


def _gaps(document: DocumentResult) -> list[str]:
    missing = gaps(document)
    lines = ["### Gaps", ""]
    if not missing:
        return lines + ["Every criterion is met.", ""]
    lines += ["| ID | Criterion | Level | Recommendation |", "|---|---|---|---|"]
    for finding in missing:
        lines.append(
            f"| {_cell(finding.criterion)} | {_cell(finding.title)} | {LEVEL_LABELS[finding.level]} "
            f"| {_cell(finding.recommendation or '')} |"
        )
    return lines + [""]
