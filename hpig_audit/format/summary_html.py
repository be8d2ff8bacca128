"""The corpus summary as one self-contained HTML page: per theme a chart (a stacked bar per
criterion: met / partial / not met across all documents, with a marker at the 2023 baseline) and
a table with every document group. Inline CSS and SVG, no script, no network reference."""

from __future__ import annotations

from html import escape

from hpig_audit.format._common import one_line
from hpig_audit.format.html_style import CSS
from hpig_audit.summary import CriterionSummary, Summary, ThemeSummary, fmt_diff, fmt_shares, rows_by_theme

_SHORT = {"all": "All", "strategy": "Strategies", "jfp": "JFPs", "other": "Other"}
LABEL_W, BAR_W, VALUE_W, ROW_H, TOP, BOTTOM = 250, 380, 70, 26, 24, 8
_EXTRA_CSS = """
.chart .seg.met { fill: var(--met); } .chart .seg.partial { fill: #d4a72c; } .chart .seg.not_met { fill: #e6a1a1; }
.key span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: -1px; }
.key .met { background: var(--met); } .key .partial { background: #d4a72c; } .key .not_met { background: #e6a1a1; }
tr.theme-row td { font-weight: 600; background: var(--page); }
.summary-table td.num, .summary-table td.cid { white-space: nowrap; }
.scroll { overflow-x: auto; }
"""


_COUNTS = {"met": "met", "met_or_partial": "met or partial"}

def _e(text: str) -> str:
    return escape(one_line(text), quote=True)


def render(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    title = f"HPIG corpus summary: {summary.rubric.id} v{summary.rubric.version}"
    counts = ", ".join(f"{_e(g.label)}: {g.documents}" for g in summary.groups)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta name="generator" content="{_e(summary.tool.name)} {_e(summary.tool.version)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}{_EXTRA_CSS}</style>",
        "</head><body><main>",
        '<section class="report-head">',
        "<h1>HPIG corpus summary</h1>",
        f'<p class="meta">Rubric <code>{_e(summary.rubric.id)}</code> version {_e(summary.rubric.version)} · '
        f"{summary.documents} document(s), {summary.skipped} skipped · {counts} · "
        f"{_e(summary.tool.name)} {_e(summary.tool.version)}</p>",
        '<p class="meta">Cells give the percentage of documents met / partial / not met. JFPs: joint forward plans; '
        "other: plans, other documents and documents without a type.</p>",
        "</section>",
    ]
    for index, (theme, criteria) in enumerate(rows_by_theme(summary)):
        parts.append(_theme_section(summary, theme, criteria, f"chart-{index + 1}"))
    parts.append('<section class="summary"><h2>Notes</h2><ul>')
    parts += [f"<li>{_e(note)}</li>" for note in summary.notes]
    parts += ["</ul></section>", "</main></body></html>"]
    return "\n".join(parts) + "\n"


def _theme_section(summary: Summary, theme: ThemeSummary, criteria: list[CriterionSummary], chart_id: str) -> str:
    base = (f"2023 baseline {theme.baseline_pct:.1f}% met (mean of {theme.baseline_criteria} of {theme.criteria} criteria); "
            f"difference {fmt_diff(theme.difference)} points" if theme.baseline_pct is not None else (theme.baseline or "No 2023 figure"))
    parts = [
        '<section class="document">',
        f"<h2>{_e(theme.name)}</h2>",
        f'<p class="meta">Mean theme score {theme.mean_score["all"]:.1f}/100 · findings met / partial / not met: '
        f"{fmt_shares(theme.shares['all'])} · {_e(base)}</p>",
        '<figure class="chart-fig">',
        _chart(theme, criteria, chart_id),
        '<figcaption><span class="key"><span class="met"></span>met<span class="partial"></span>partial'
        '<span class="not_met"></span>not met</span> — all documents. Black markers: share met in the 2023 report, '
        "where it gave a figure.</figcaption>",
        "</figure>",
        '<div class="scroll"><table class="summary-table"><thead><tr><th>ID</th><th>Criterion</th>',
    ]
    parts += [f'<th class="num" title="{_e(g.label)}">{_SHORT[g.id]} (n={g.documents})</th>' for g in summary.groups]
    parts.append('<th>2023 baseline</th><th class="num">Difference</th></tr></thead><tbody>')
    for c in criteria:
        base = f"{c.baseline_pct:.1f}% {_COUNTS[c.baseline_counts]}" if c.baseline_pct is not None else (c.baseline or "not measured")
        parts.append(
            f'<tr><td class="cid">{_e(c.id)}</td><td>{_e(c.title)}</td>'
            + "".join(f'<td class="num">{fmt_shares(c.shares[g.id])}</td>' for g in summary.groups)
            + f'<td>{_e(base)}</td><td class="num">{fmt_diff(c.difference)}</td></tr>'
        )
    parts.append("</tbody></table></div></section>")
    return "\n".join(parts)


def _x(value: float) -> float:
    return LABEL_W + BAR_W * max(0.0, min(100.0, value)) / 100


def _chart(theme: ThemeSummary, criteria: list[CriterionSummary], chart_id: str) -> str:
    height = TOP + ROW_H * len(criteria) + BOTTOM
    width = LABEL_W + BAR_W + VALUE_W
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title id="{chart_id}-t">{_e(theme.name)}: share of documents met, partial and not met per criterion</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick)
        parts.append(f'<line class="grid" x1="{x:g}" y1="{TOP - 6}" x2="{x:g}" y2="{height - BOTTOM}"/>')
        parts.append(f'<text class="tick" x="{x:g}" y="{TOP - 10}" text-anchor="middle">{tick}%</text>')
    for row, c in enumerate(criteria):
        y = TOP + row * ROW_H
        mid = y + ROW_H / 2
        label = f"{c.id} {c.title}"
        short = label if len(label) <= 30 else label[:29].rstrip() + "…"
        parts.append(f'<text class="label" x="{LABEL_W - 8}" y="{mid:g}" text-anchor="end" dominant-baseline="middle">'
                     f"{_e(short)}<title>{_e(label)}</title></text>")
        shares = c.shares["all"]
        start = 0.0
        for level, value in (("met", shares.met), ("partial", shares.partial), ("not_met", shares.not_met)):
            if value > 0:
                x0, x1 = _x(start), _x(min(100.0, start + value))
                parts.append(f'<rect class="seg {level}" x="{x0:g}" y="{y + 5}" width="{max(x1 - x0, 0):g}" height="{ROW_H - 10}">'
                             f"<title>{_e(c.id)}: {value:.1f}% {level.replace('_', ' ')}</title></rect>")
            start += value
        parts.append(f'<text class="value" x="{LABEL_W + BAR_W + 8}" y="{mid:g}" dominant-baseline="middle">{shares.met:.1f}%</text>')
        if c.baseline_pct is not None:
            x = _x(c.baseline_pct)
            parts.append(f'<line class="baseline" x1="{x:g}" y1="{y + 2}" x2="{x:g}" y2="{y + ROW_H - 2}">'
                         f"<title>2023: {c.baseline_pct:.1f}% {_COUNTS[c.baseline_counts]}</title></line>")
    parts.append("</svg>")
    return "\n".join(parts)

