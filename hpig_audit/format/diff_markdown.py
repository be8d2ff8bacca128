"""The comparison of two audits in Markdown (a pull-request comment on a strategy's new draft)."""

from __future__ import annotations

from hpig_audit.diff import LEVEL_WORDS, AuditDiff, fmt_delta
from hpig_audit.format.markdown import _cell, _md

_ICONS = {"up": "⬆️ up", "down": "⬇️ down", "same": "same", "added": "➕ added", "removed": "➖ removed"}


def render(diff: AuditDiff, *, color: bool = False, width: int = 100) -> str:
    c = diff.counts
    lines = [
        "# HPIG audit comparison",
        "",
        f"- Old: {_md(diff.old.source)} ({_md(diff.old.type)}), score {diff.old.score:.1f}",
        f"- New: {_md(diff.new.source)} ({_md(diff.new.type)}), score {diff.new.score:.1f}",
        f"- Overall change: **{fmt_delta(diff.score_delta)}**; criteria up {c['up']}, down {c['down']}, same {c['same']}"
        + (f", added {c['added']}" if c["added"] else "") + (f", removed {c['removed']}" if c["removed"] else ""),
        f"- Made by {_md(diff.tool.name)} {_md(diff.tool.version)}",
        "",
    ]
    lines += [f"> {_md(note)}" for note in diff.notes] + ([""] if diff.notes else [])
    lines += ["## Themes", "", "| Theme | Old | New | Change |", "|---|---:|---:|---:|"]
    for t in diff.themes:
        lines.append(f"| {_cell(t.name)} | {'' if t.old is None else f'{t.old:.1f}'} | {'' if t.new is None else f'{t.new:.1f}'} | {fmt_delta(t.delta)} |")
    lines += ["", "## Criteria", "", "| ID | Criterion | Old | New | Change |", "|---|---|---|---|---|"]
    for x in diff.criteria:
        lines.append(f"| {_cell(x.criterion)} | {_cell(x.title)} | {LEVEL_WORDS[x.old]} | {LEVEL_WORDS[x.new]} | {_ICONS[x.change]} |")
    evidence = [x for x in diff.criteria if x.new_evidence or x.lost_evidence]
    if evidence:
        lines += ["", "## Evidence", ""]
        for x in evidence:
            lines.append(f"### {_md(x.criterion)} {_md(x.title)}")
            lines.append("")
            lines += [f"- New: “{_md(q)}”" for q in x.new_evidence]
            lines += [f"- Lost: “{_md(q)}”" for q in x.lost_evidence]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
