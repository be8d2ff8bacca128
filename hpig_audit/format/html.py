"""A self-contained HTML report: summary, theme chart, gaps, and findings with their evidence.

One file with inline CSS and SVG, no script, no network reference, so it can be mailed to a board,
opened offline or printed to PDF. All text, from the document or the rubric, goes through `_esc`.
"""

from __future__ import annotations

from html import escape

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import (
    baseline_summary,
    LEVEL_LABELS,
    Baseline,
    clean,
    fmt_score,
    gaps,
    level_counts,
    location,
    one_line,
    theme_baselines,
    theme_order,
)
from hpig_audit.format.html_chart import chart, legend_note
from hpig_audit.format.html_style import CSS
from hpig_audit.report import AuditReport, DocumentResult, Evidence, Finding

# A finding shows its strongest passages; the JSON report keeps them all.
MAX_EVIDENCE = 3


def _esc(text: str) -> str:
    return escape(clean(text), quote=True)


def _line(text: str) -> str:
    return escape(one_line(text), quote=True)


def render(report: AuditReport, options: RenderOptions) -> str:
    baselines = theme_baselines(options.rubric)
    body = [_head(report), _summary(report)]
    for index, document in enumerate(report.documents, start=1):
        body.append(_document(index, document, report, options, baselines))
    body.append(
        f'<footer class="report-foot">Made by {_esc(report.tool.name)} {_esc(report.tool.version)} with rubric '
        f"{_esc(report.rubric.id)} {_esc(report.rubric.version)}. Levels are judged by rules on the text; "
        "check the quoted passages before acting on them.</footer>"
    )
    return _page("\n".join(body))


def _page(body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>HPIG audit report</title>\n"
        f"<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _head(report: AuditReport) -> str:
    return (
        '<header class="report-head">\n<h1>HPIG audit report</h1>\n'
        "<p class=\"meta\">How well Integrated Care System documents serve babies, children and young people. "
        f"{len(report.documents)} document(s) audited, {len(report.skipped)} skipped.</p>\n</header>"
    )


def _summary(report: AuditReport) -> str:
    rows = []
    for index, document in enumerate(report.documents, start=1):
        counts = level_counts(document)
        rows.append(
            f'<tr><td><a href="#doc-{index}">{_line(document.source)}</a></td><td>{_esc(document.type)}</td>'
            f'<td class="num"><strong>{fmt_score(document.score)}</strong></td>'
            f'<td class="num">{counts["met"]}</td><td class="num">{counts["partial"]}</td>'
            f'<td class="num">{counts["not_met"]}</td></tr>'
        )
    table = (
        '<table class="summary-table"><thead><tr><th>Document</th><th>Type</th><th class="num">Score /100</th>'
        '<th class="num">Met</th><th class="num">Partial</th><th class="num">Not met</th></tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>"
        if rows
        else "<p>No document could be audited.</p>"
    )
    return f'<section class="summary">\n<h2>Summary</h2>\n{table}\n{_skipped(report)}</section>'


def _skipped(report: AuditReport) -> str:
    if not report.skipped:
        return ""
    items = "\n".join(f"<li><code>{_line(s.source)}</code>: {_line(s.reason)}</li>" for s in report.skipped)
    return f'<div class="skipped">\n<h3>Skipped documents</h3>\n<ul>\n{items}\n</ul>\n</div>\n'


def _document(
    index: int, document: DocumentResult, report: AuditReport, options: RenderOptions, baselines: dict[str, Baseline]
) -> str:
    counts = level_counts(document)
    pages = f", {document.pages} pages" if document.pages is not None else ""
    warnings = "".join(f"<li>{_line(w)}</li>" for w in document.warnings)
    parts = [
        f'<section class="document" id="doc-{index}">',
        f"<h2>{_line(document.source)}</h2>",
        f'<p class="meta">{_esc(document.type)}{pages} · SHA-256 <code>{_esc(document.sha256[:16])}…</code></p>',
        f'<p class="overall"><span class="big">{fmt_score(document.score)}</span><span>/100 overall</span>'
        f'<span class="counts">{counts["met"]} met · {counts["partial"]} partial · {counts["not_met"]} not met</span></p>',
        f'<ul class="warnings">{warnings}</ul>' if warnings else "",
        f'<figure class="chart-fig">\n{chart(document, baselines, f"chart-{index}")}\n'
        f"<figcaption>{legend_note(baselines)}</figcaption>\n</figure>",
        _theme_table(document, baselines),
        _gap_table(document),
        "<h3>Findings by theme</h3>",
        _findings(document, report, options),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _theme_table(document: DocumentResult, baselines: dict[str, Baseline]) -> str:
    if not any(b.text or b.pct is not None for b in baselines.values()):
        return ""
    rows = []
    for theme in document.themes:
        baseline = baselines.get(theme.id)
        rows.append(
            f'<tr><td>{_line(theme.name)}</td><td class="num">{fmt_score(theme.score)}</td>'
            f"<td>{_baseline_text(baseline)}</td></tr>"
        )
    return (
        '<table class="themes"><thead><tr><th>Theme</th><th class="num">Score</th><th>2023 national baseline</th>'
        f"</tr></thead>\n<tbody>\n{chr(10).join(rows)}\n</tbody></table>"
    )


def _baseline_text(baseline: Baseline | None) -> str:
    return baseline_summary(baseline, _line)


def _gap_table(document: DocumentResult) -> str:
    missing = gaps(document)
    if not missing:
        return "<h3>Gaps</h3>\n<p>Every criterion is met.</p>"
    rows = "\n".join(
        f'<tr><td class="cid">{_esc(f.criterion)}</td><td>{_line(f.title)}</td><td>{_badge(f.level)}</td>'
        f"<td>{_line(f.recommendation or '')}</td></tr>"
        for f in missing
    )
    return (
        f"<h3>Gaps ({len(missing)})</h3>\n"
        '<table class="gaps"><thead><tr><th>ID</th><th>Criterion</th><th>Level</th><th>Recommendation</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table>"
    )


def _badge(level: str) -> str:
    return f'<span class="badge {level}">{LEVEL_LABELS[level]}</span>'


def _findings(document: DocumentResult, report: AuditReport, options: RenderOptions) -> str:
    scores = {theme.id: theme for theme in document.themes}
    parts = []
    for theme_id, name in theme_order(report, options.rubric):
        findings = [f for f in document.findings if f.theme == theme_id]
        if not findings:
            continue
        theme = scores.get(theme_id)
        score = f' <span class="theme-score">{fmt_score(theme.score)}/100</span>' if theme else ""
        parts.append(f'<section class="theme">\n<h4>{_line(theme.name if theme else name)}{score}</h4>')
        parts += [_finding(finding, options) for finding in findings]
        parts.append("</section>")
    return "\n".join(parts)


def _finding(finding: Finding, options: RenderOptions) -> str:
    criterion = options.rubric.criterion(finding.criterion) if options.rubric else None
    parts = [
        f'<article class="finding {finding.level}">',
        f'<header>{_badge(finding.level)} <span class="cid">{_esc(finding.criterion)}</span> {_line(finding.title)}</header>',
    ]
    if criterion is not None:
        parts.append(f'<p class="question">{_line(criterion.question)}</p>')
    parts.append(f'<p class="reason">{_line(finding.reason)}</p>')
    parts += [_evidence(evidence) for evidence in finding.evidence[:MAX_EVIDENCE]]
    if len(finding.evidence) > MAX_EVIDENCE:
        more = len(finding.evidence) - MAX_EVIDENCE
        parts.append(f'<p class="more">{more} more passage(s) in the JSON report.</p>')
    if finding.recommendation:
        parts.append(f'<p class="rec"><strong>Recommendation:</strong> {_line(finding.recommendation)}</p>')
    if criterion is not None and criterion.baseline:
        parts.append(f'<p class="base">2023 national picture: {_line(criterion.baseline)}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _evidence(evidence: Evidence) -> str:
    where = location(evidence)
    cite = f"<footer>{_esc(where)}</footer>" if where else ""
    return f'<blockquote class="evidence"><p>“{_line(evidence.quote)}”</p>{cite}</blockquote>'
