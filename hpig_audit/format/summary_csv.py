"""The corpus summary as CSV, one row per (criterion or theme, document group): tidy data for a
spreadsheet or R. Cells that a spreadsheet would run as a formula are defused with a leading quote."""

from __future__ import annotations

import csv
import io

from hpig_audit.summary import Summary, rows_by_theme

COLUMNS = (
    "kind", "id", "title", "theme", "group", "documents", "met_pct", "partial_pct", "not_met_pct",
    "mean_score", "baseline_pct", "difference", "baseline",
)  # fmt: skip


def _safe(text: str) -> str:
    """Rubric text only: figures (a negative difference is '-3.0') are written as they are."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def render(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    groups = [g.id for g in summary.groups]
    for theme, criteria in rows_by_theme(summary):
        for group in groups:
            s = theme.shares[group]
            writer.writerow((
                "theme", _safe(theme.id), _safe(theme.name), _safe(theme.id), group, s.documents, _num(s.met), _num(s.partial),
                _num(s.not_met), _num(theme.mean_score[group]), _num(theme.baseline_pct),
                _num(theme.difference) if group == "all" else "", _safe(theme.baseline or ""),
            ))  # fmt: skip
        for criterion in criteria:
            for group in groups:
                s = criterion.shares[group]
                writer.writerow((
                    "criterion", _safe(criterion.id), _safe(criterion.title), _safe(criterion.theme), group, s.documents,
                    _num(s.met), _num(s.partial), _num(s.not_met), "", _num(criterion.baseline_pct),
                    _num(criterion.difference) if group == "all" else "", _safe(criterion.baseline or ""),
                ))  # fmt: skip
    return buffer.getvalue()
