"""The corpus summary in Markdown: one table per theme, the theme's own row first, ready to paste
into a paper or a README. Rubric text is escaped like document text in the report."""

from __future__ import annotations

from hpig_audit.format.markdown import _cell, _md
from hpig_audit.summary import Summary, fmt_diff, fmt_shares, rows_by_theme


def render(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    groups = summary.groups
    counts = ", ".join(f"{_md(g.label.lower())} {g.documents}" for g in groups[1:]) or "no document types given"
    lines = [
        "# HPIG corpus summary",
        "",
        f"Rubric {_md(summary.rubric.id)} version {_md(summary.rubric.version)}: {summary.documents} document(s) "
        f"({counts}), {summary.skipped} skipped; made by {_md(summary.tool.name)} {_md(summary.tool.version)}. "
        "Each cell gives the percentage of documents met / partial / not met.",
        "",
    ]
    header = ["ID", "Criterion"] + [f"{_md(g.label)} (n={g.documents})" for g in groups] + ["2023 baseline (% met)", "Difference (pp)"]
    for theme, criteria in rows_by_theme(summary):
        lines += [f"## {_md(theme.name)}", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---", "---"] + ["---:"] * len(groups) + ["---", "---:"]) + "|")
        base = f"{theme.baseline_pct:.1f} (mean of {theme.baseline_criteria} of {theme.criteria} criteria)" if theme.baseline_pct is not None else _cell(theme.baseline or "")
        lines.append("| " + " | ".join(
            ["**Theme**", f"**{_cell(theme.name)}** (mean score {theme.mean_score['all']:.1f})"]
            + [fmt_shares(theme.shares[g.id]) for g in groups] + [base, fmt_diff(theme.difference)]
        ) + " |")  # fmt: skip
        for c in criteria:
            star = " (met or partial)" if c.baseline_counts == "met_or_partial" else ""
            base = f"{c.baseline_pct:.1f}{star}" if c.baseline_pct is not None else _cell(c.baseline or "not measured")
            lines.append("| " + " | ".join(
                [_cell(c.id), _cell(c.title)] + [fmt_shares(c.shares[g.id]) for g in groups] + [base, fmt_diff(c.difference)]
            ) + " |")  # fmt: skip
        lines.append("")
    lines += ["## Notes", ""] + [f"- {_md(note)}" for note in summary.notes]
    return "\n".join(lines) + "\n"
