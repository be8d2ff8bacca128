"""The terminal report: overall score, a bar per theme, findings by theme with evidence and the
recommendation for each gap. Rendered with rich into a string (pure: no printing)."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import location
from hpig_audit.report import AuditReport, DocumentResult, Finding

_LEVEL_STYLE = {"met": ("✔ met", "green"), "partial": ("◐ partial", "yellow"), "not_met": ("✘ not met", "red")}
_BAR = 24


def render(report: AuditReport, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, force_terminal=options.color, no_color=not options.color,
                      color_system="standard" if options.color else None, highlight=False, emoji=False)
    console.print(Text(f"hpig-audit {report.tool.version} · rubric {report.rubric.id} v{report.rubric.version}", style="dim"))
    for document in report.documents:
        console.print(_document(document, options))
    for skipped in report.skipped:
        console.print(Text(f"SKIPPED {skipped.source}: {skipped.reason}", style="bold red"))
    if len(report.documents) + len(report.skipped) > 1:
        console.print(Text(f"{len(report.documents)} audited, {len(report.skipped)} skipped", style="bold"))
    return buffer.getvalue()


def _document(document: DocumentResult, options: RenderOptions) -> Group:
    pages = f", {document.pages} pages" if document.pages else ""
    header = Text.assemble(("\n" + document.source, "bold"), f"  ({document.type}{pages})\n",
                           ("Overall score: ", "bold"), (f"{document.score:.1f}/100", _score_style(document.score)))
    parts: list = [header, _themes(document)]
    for warning in document.warnings:
        parts.append(Text(f"⚠ {warning}", style="bold yellow"))
    for theme in document.themes:
        findings = [f for f in document.findings if f.theme == theme.id]
        parts.append(Text(f"\n{theme.name}  {theme.score:.0f}/100", style="bold underline"))
        parts.extend(_finding(f, options) for f in findings)
    return Group(*parts)


def _themes(document: DocumentResult) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("Theme")
    table.add_column("Score", justify="right")
    table.add_column("")
    for theme in document.themes:
        filled = round(theme.score / 100 * _BAR)
        bar = Text("█" * filled, style=_score_style(theme.score)) + Text("░" * (_BAR - filled), style="dim")
        table.add_row(theme.name, f"{theme.score:.0f}", bar)
    return table


def _finding(finding: Finding, options: RenderOptions) -> Group:
    label, style = _LEVEL_STYLE[finding.level]
    parts = [Padding(Text.assemble((f"{label:<10}", style), (f" {finding.criterion:<4} ", "bold"), finding.title), (0, 0, 0, 1))]
    for evidence in finding.evidence[: 3 if options.explain else 1]:
        where = location(evidence)
        parts.append(_indented(Text(f"“{evidence.quote}”", style="italic") + Text(f"  ({where})" if where else "", style="dim")))
    if options.explain:
        parts.append(_indented(Text(f"why: {finding.reason}", style="dim")))
    if finding.recommendation and finding.level != "met":
        parts.append(_indented(Text(f"→ {finding.recommendation}", style="cyan")))
    return Group(*parts)


def _indented(text: Text) -> Padding:
    # Wrapped lines keep the indent, so a long quote stays visibly under its criterion.
    return Padding(text, (0, 0, 0, 5))


def _score_style(score: float) -> str:
    return "green" if score >= 67 else "yellow" if score >= 34 else "red"
