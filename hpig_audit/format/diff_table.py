"""The comparison of two audits in the terminal: scores, theme changes, then every criterion that
changed (up first, then down) with its new and lost quotes, and a count of those that stayed."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hpig_audit.diff import LEVEL_WORDS, AuditDiff, CriterionChange, fmt_delta

_STYLE = {"up": ("▲ up", "green"), "down": ("▼ down", "red"), "same": ("= same", "bold"), "added": ("+ added", "cyan"), "removed": ("- removed", "magenta")}
MAX_QUOTES = 3


def render(diff: AuditDiff, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    console.print(Text(f"{diff.tool.name} {diff.tool.version} · comparing two audits", style="dim"))
    console.print(Text.assemble(("old: ", "bold"), f"{diff.old.source} ({diff.old.type}) {diff.old.score:.1f}/100"))
    console.print(Text.assemble(("new: ", "bold"), f"{diff.new.source} ({diff.new.type}) {diff.new.score:.1f}/100"))
    console.print(Text.assemble(("Overall: ", "bold"), _delta(diff.score_delta, color),
                                f"   criteria up {diff.counts['up']}, down {diff.counts['down']}, same {diff.counts['same']}"
                                + (f", added {diff.counts['added']}" if diff.counts["added"] else "")
                                + (f", removed {diff.counts['removed']}" if diff.counts["removed"] else "")))
    for note in diff.notes:
        console.print(Text(f"⚠ {note}", style="yellow"))
    themes = Table(box=None, header_style="bold", pad_edge=False)
    for name, justify in (("Theme", "left"), ("Old", "right"), ("New", "right"), ("Change", "right")):
        themes.add_column(name, justify=justify)  # type: ignore[arg-type]
    for t in diff.themes:
        themes.add_row(t.name, "" if t.old is None else f"{t.old:.1f}", "" if t.new is None else f"{t.new:.1f}", _delta(t.delta, color))
    console.print()
    console.print(themes)
    changed = [c for c in diff.criteria if c.change in ("up", "down", "added", "removed")]
    changed.sort(key=lambda c: ("up", "down", "added", "removed").index(c.change))
    console.print(Text("\nCriteria that changed", style="bold underline"))
    if not changed:
        console.print(Text("  none", style="dim"))
    for c in changed:
        console.print(_criterion(c, color))
    same = [c for c in diff.criteria if c.change == "same"]
    if same:
        moved = [c for c in same if c.new_evidence or c.lost_evidence]
        console.print(Text(f"\nStayed the same: {len(same)} criteria" + (f"; {len(moved)} with changed evidence:" if moved else ""),
                           style="bold underline"))
        for c in moved:
            console.print(_criterion(c, color))
    return buffer.getvalue()


def _criterion(c: CriterionChange, color: bool) -> Text:
    label, style = _STYLE[c.change]
    text = Text.assemble((f"  {label:<10}", style if color else ""), (f"{c.criterion:<5} ", "bold"),
                         f"{LEVEL_WORDS[c.old]} → {LEVEL_WORDS[c.new]}  ", c.title)
    for quote in c.new_evidence[:MAX_QUOTES]:
        text.append(f"\n        new:  “{quote}”", style="green" if color else "")
    for quote in c.lost_evidence[:MAX_QUOTES]:
        text.append(f"\n        lost: “{quote}”", style="red" if color else "")
    return text


def _delta(value: float | None, color: bool) -> Text:
    text = fmt_delta(value)
    if not color or not value:
        return Text(text)
    return Text(text, style="green" if value > 0 else "red")
