"""The comparison of two audits as one self-contained HTML page (inline CSS, no script)."""

from __future__ import annotations

from html import escape

from hpig_audit.diff import LEVEL_WORDS, AuditDiff, fmt_delta
from hpig_audit.format._common import one_line
from hpig_audit.format.html_style import CSS

_EXTRA_CSS = """
.change { font-weight: 600; white-space: nowrap; } .change.up { color: var(--met); } .change.down { color: var(--not_met); }
.change.same { color: var(--muted); } .quote.new::before { content: "new: "; color: var(--met); font-weight: 600; }
td.level { white-space: nowrap; }
.quote.lost::before { content: "lost: "; color: var(--not_met); font-weight: 600; } .quote { margin: 2px 0 2px 16px; }
"""
_WORDS = {"up": "▲ up", "down": "▼ down", "same": "same", "added": "+ added", "removed": "− removed"}


def _e(text: str) -> str:
    return escape(one_line(text), quote=True)


def render(diff: AuditDiff, *, color: bool = False, width: int = 100) -> str:
    c = diff.counts
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta name="generator" content="{_e(diff.tool.name)} {_e(diff.tool.version)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>HPIG audit comparison: {_e(diff.new.source)}</title>",
        f"<style>{CSS}{_EXTRA_CSS}</style>",
        "</head><body><main>",
        '<section class="report-head"><h1>HPIG audit comparison</h1>',
        f'<p class="meta">Old: {_e(diff.old.source)} ({_e(diff.old.type)}), score {diff.old.score:.1f} · '
        f"New: {_e(diff.new.source)} ({_e(diff.new.type)}), score {diff.new.score:.1f}</p>",
        f'<p class="overall"><span class="big">{fmt_delta(diff.score_delta)}</span><span class="counts">criteria up {c["up"]}, '
        f'down {c["down"]}, same {c["same"]}, added {c["added"]}, removed {c["removed"]}</span></p>',
    ]
    parts += [f'<p class="warnings">{_e(note)}</p>' for note in diff.notes]
    parts += ["</section>", '<section class="summary"><h2>Themes</h2><table><thead><tr><th>Theme</th><th class="num">Old</th>'
              '<th class="num">New</th><th class="num">Change</th></tr></thead><tbody>']
    for t in diff.themes:
        parts.append(f'<tr><td>{_e(t.name)}</td><td class="num">{"" if t.old is None else f"{t.old:.1f}"}</td>'
                     f'<td class="num">{"" if t.new is None else f"{t.new:.1f}"}</td><td class="num">{fmt_delta(t.delta)}</td></tr>')
    parts += ["</tbody></table></section>", '<section class="document"><h2>Criteria</h2><table><thead><tr><th>ID</th>'
              "<th>Criterion</th><th>Old</th><th>New</th><th>Change</th></tr></thead><tbody>"]
    for x in diff.criteria:
        quotes = "".join(f'<p class="quote new">“{_e(q)}”</p>' for q in x.new_evidence)
        quotes += "".join(f'<p class="quote lost">“{_e(q)}”</p>' for q in x.lost_evidence)
        parts.append(f'<tr><td class="cid">{_e(x.criterion)}</td><td>{_e(x.title)}{quotes}</td><td class="level">{LEVEL_WORDS[x.old]}</td>'
                     f'<td class="level">{LEVEL_WORDS[x.new]}</td><td><span class="change {x.change}">{_WORDS[x.change]}</span></td></tr>')
    parts += ["</tbody></table></section>", "</main></body></html>"]
    return "\n".join(parts) + "\n"
