"""The corpus summary in the terminal: one rich table, a section per theme (theme row in bold),
each group's cell met / partial / not met in percent, then the 2023 baseline and the difference."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hpig_audit.summary import Summary, fmt_diff, fmt_shares, rows_by_theme

_SHORT = {"all": "All", "strategy": "Strategy", "jfp": "JFP", "other": "Other"}
_CELL = len("100.0 / 100.0 / 100.0")


def render(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    # Never cut a figure: the criterion title takes what the figures leave (24-56 characters), and
    # the table is as wide as it needs to be even if that is wider than the terminal.
    fixed = 5 + 5 + _CELL * len(summary.groups) + 5 + 6 + 2 * (len(summary.groups) + 4)
    title_width = max(24, min(56, width - fixed))
    console = Console(file=buffer, width=fixed + title_width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    console.print(Text(
        f"{summary.tool.name} {summary.tool.version} · HPIG corpus summary · rubric {summary.rubric.id} v{summary.rubric.version} · "
        f"{summary.documents} documents, {summary.skipped} skipped", style="bold"))
    console.print(Text("Cells: % of documents met / partial / not met. 2023: % in the 2023 report (met, or * met or partial). "
                       "Diff: the share now (all documents), counted as the 2023 figure counts, minus 2023, in percentage points. Score: mean theme score.", style="dim"))
    table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("ID", no_wrap=True, min_width=5)
    table.add_column("Criterion", overflow="ellipsis", no_wrap=True, width=title_width)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    for group in summary.groups:
        table.add_column(f"{_SHORT[group.id]} (n={group.documents})", justify="right", no_wrap=True, min_width=_CELL)
    table.add_column("2023", justify="right", no_wrap=True, min_width=5)
    table.add_column("Diff", justify="right", no_wrap=True, min_width=6)
    for theme, criteria in rows_by_theme(summary):
        base = f"{theme.baseline_pct:.1f}" if theme.baseline_pct is not None else ""
        table.add_row("",
                      Text(theme.name, style="bold"), Text(f"{theme.mean_score['all']:.1f}", style="bold"),
                      *[Text(fmt_shares(theme.shares[g.id]), style="bold") for g in summary.groups],
                      base, _diff(theme.difference, color))
        for c in criteria:
            star = "*" if c.baseline_counts == "met_or_partial" else ""
            base = f"{c.baseline_pct:.1f}{star}" if c.baseline_pct is not None else ("text" if c.baseline else "")
            table.add_row(c.id, c.title, "", *[fmt_shares(c.shares[g.id]) for g in summary.groups], base, _diff(c.difference, color))
        table.add_section()
    console.print(table)
    console.print(Text("2023 'text': the report described it in words; see `hpig-audit explain ID`.", style="dim"))
    return buffer.getvalue()


def _diff(value: float | None, color: bool) -> Text:
    text = fmt_diff(value)
    if not color or value is None or not value:
        return Text(text)
    return Text(text, style="green" if value > 0 else "red")
