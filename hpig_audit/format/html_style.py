"""The HTML report's stylesheet: screen and print. System fonts only, so nothing is fetched."""

from __future__ import annotations

CSS = """\
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --page: #f6f8fa;
  --met: #1a7f37; --partial: #9a6700; --not_met: #cf222e;
  --met-bg: #dafbe1; --partial-bg: #fff8c5; --not_met-bg: #ffebe9;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: var(--page);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 980px; margin: 0 auto; padding: 24px 16px; }
.report-head, .summary, .document {
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 20px 24px; margin: 0 0 24px;
}
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h3 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h4 { font-size: 16px; margin: 22px 0 6px; }
.meta, figcaption, .question, .base, .more, .report-foot { color: var(--muted); }
.meta { margin: 0; }
code, .cid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
a { color: #0550ae; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary-table td:first-child, .skipped li { overflow-wrap: anywhere; }
.overall { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; margin: 12px 0; }
.overall .big { font-size: 40px; font-weight: 700; line-height: 1; }
.overall .counts { color: var(--muted); }
.warnings { color: var(--partial); }
.chart-fig { margin: 16px 0; }
.chart { display: block; max-width: 100%; height: auto; }
.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
.chart .label, .chart .value { font-size: 13px; }
.chart .tick { font-size: 11px; fill: var(--muted); }
.chart .grid { stroke: #e3e8ee; stroke-width: 1; }
.chart .track { fill: #eef1f4; }
.chart .bar.high { fill: var(--met); }
.chart .bar.mid { fill: #bf8700; }
.chart .bar.low { fill: var(--not_met); }
.chart .baseline { stroke: #000; stroke-width: 3; }
figcaption { font-size: 13px; margin-top: 6px; }
.badge {
  display: inline-block; min-width: 64px; padding: 0 8px; border: 1px solid currentColor; border-radius: 12px;
  font-size: 12px; font-weight: 600; text-align: center; white-space: nowrap;
}
.badge.met { color: var(--met); background: var(--met-bg); }
.badge.partial { color: var(--partial); background: var(--partial-bg); }
.badge.not_met { color: var(--not_met); background: var(--not_met-bg); }
.theme-score { font-weight: 400; color: var(--muted); margin-left: 6px; }
.finding { border-left: 4px solid var(--line); padding: 6px 12px; margin: 10px 0; }
.finding.met { border-left-color: var(--met); }
.finding.partial { border-left-color: var(--partial); }
.finding.not_met { border-left-color: var(--not_met); }
.finding header { font-weight: 600; }
.finding p { margin: 4px 0; }
.question { font-style: italic; }
.evidence { margin: 6px 0; padding: 6px 12px; border-left: 3px solid var(--line); background: var(--page); }
.evidence footer { color: var(--muted); font-size: 13px; }
.report-foot { font-size: 13px; text-align: center; }
@media print {
  @page { margin: 15mm; }
  body { background: none; color: #000; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .report-head, .summary, .document { border: 0; border-radius: 0; padding: 0; margin: 0 0 12pt; background: none; }
  .document { break-before: page; }
  .finding, .evidence, tr, .chart-fig, .overall { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .evidence, .badge { background: none; }
  .chart .track { fill: none; stroke: #bbb; }
  .chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
