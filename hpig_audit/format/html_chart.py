"""The inline SVG bar chart of theme scores, with 2023 baseline markers where the rubric has them.

Plain SVG, no script and no external reference, so it survives printing, e-mail and offline use.
"""

from __future__ import annotations

from html import escape

from hpig_audit.format._common import Baseline, fmt_score, one_line
from hpig_audit.report import DocumentResult

LABEL_W = 330  # room for the longest HPIG theme name (46 characters) at 13px
MAX_LABEL = 48  # longer names (another rubric's) are cut, with the full name in a tooltip
BAR_W = 360
VALUE_W = 60
ROW_H = 30
TOP = 24  # axis labels
BOTTOM = 8


def _esc(text: str) -> str:
    return escape(one_line(text), quote=True)


def chart(document: DocumentResult, baselines: dict[str, Baseline], chart_id: str) -> str:
    """One horizontal bar per theme (0-100), with a marker at the 2023 baseline when known."""
    height = TOP + ROW_H * len(document.themes) + BOTTOM
    width = LABEL_W + BAR_W + VALUE_W
    title = f"Theme scores for {document.source}"
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{chart_id}-t">{_esc(title)}</title>',
    ]
    parts += _axis(height)
    for row, theme in enumerate(document.themes):
        parts += _bar(row, theme.name, theme.score, baselines.get(theme.id))
    parts.append("</svg>")
    return "\n".join(parts)


def _x(value: float) -> float:
    return LABEL_W + BAR_W * max(0.0, min(100.0, value)) / 100


def _axis(height: int) -> list[str]:
    parts = []
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick)
        parts.append(f'<line class="grid" x1="{x:g}" y1="{TOP - 6}" x2="{x:g}" y2="{height - BOTTOM}"/>')
        parts.append(f'<text class="tick" x="{x:g}" y="{TOP - 10}" text-anchor="middle">{tick}</text>')
    return parts


def _bar(row: int, name: str, score: float, baseline: Baseline | None) -> list[str]:
    y = TOP + row * ROW_H
    mid = y + ROW_H / 2
    band = "low" if score < 40 else "mid" if score < 70 else "high"
    label = name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"
    parts = [
        f'<text class="label" x="{LABEL_W - 10}" y="{mid:g}" text-anchor="end" dominant-baseline="middle">'
        f"{_esc(label)}<title>{_esc(name)}</title></text>",
        f'<rect class="track" x="{LABEL_W}" y="{y + 6}" width="{BAR_W}" height="{ROW_H - 12}"/>',
        f'<rect class="bar {band}" x="{LABEL_W}" y="{y + 6}" width="{_x(score) - LABEL_W:g}" height="{ROW_H - 12}">'
        f"<title>{_esc(name)}: {fmt_score(score)}/100</title></rect>",
        f'<text class="value" x="{LABEL_W + BAR_W + 8}" y="{mid:g}" dominant-baseline="middle">{fmt_score(score)}</text>',
    ]
    if baseline is not None and baseline.pct is not None:
        x = _x(baseline.pct)
        parts.append(
            f'<line class="baseline" x1="{x:g}" y1="{y + 2}" x2="{x:g}" y2="{y + ROW_H - 2}">'
            f"<title>2023 baseline: {baseline.pct:g}% met</title></line>"
        )
    return parts


def legend_note(baselines: dict[str, Baseline]) -> str:
    """The chart's caption: what the bars and (if any) the markers mean. Returns escaped HTML."""
    note = "Bars: theme score out of 100 (met counts 2 points, partial 1, not met 0)."
    marked = [b for b in baselines.values() if b.pct is not None]
    if marked:
        note += (
            " Black markers: 2023 national baseline, the mean of the shares of documents the 2023 report"
            " published for the theme's criteria"
            f" ({sum(b.known for b in marked)} criteria in {len(marked)} themes). Most of those shares count"
            " documents that met a criterion, a few those that did it at least to some extent, while scores"
            " give partial half marks: a rough guide rather than a like-for-like comparison."
        )
    return escape(note, quote=True)
