"""Small helpers shared by the report formats (labels, locations, baselines, text cleaning).

Kept here so that every format words a level, a location or a baseline the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TYPE_CHECKING

from hpig_audit.report import AuditReport, DocumentResult, Evidence, Finding

if TYPE_CHECKING:
    from hpig_audit.rubric.schema import Rubric

LEVEL_LABELS: dict[str, str] = {"met": "Met", "partial": "Partial", "not_met": "Not met"}

# C0 control characters other than tab, newline and carriage return: PDF text layers carry form
# feeds and the like, which XML 1.0 forbids outright and spreadsheets reject.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Drop control characters that XML, HTML and spreadsheets cannot carry."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Collapse runs of whitespace (newlines included) to single spaces."""
    return " ".join(clean(text).split())


def fmt_score(score: float) -> str:
    """Scores are stored to one decimal; show exactly that, always with the decimal."""
    return f"{score:.1f}"


def location(evidence: Evidence) -> str:
    """'p. 12, line 4, § Section' with whatever parts the evidence has ('' when none)."""
    parts = []
    if evidence.page is not None:
        parts.append(f"p. {evidence.page}")
    if evidence.line is not None:
        parts.append(f"line {evidence.line}")
    if evidence.section:
        parts.append(f"§ {one_line(evidence.section)}")
    return ", ".join(parts)


def first_evidence(finding: Finding) -> Evidence | None:
    return finding.evidence[0] if finding.evidence else None


def gaps(document: DocumentResult) -> list[Finding]:
    """Criteria the document does not fully meet, in rubric order."""
    return [finding for finding in document.findings if finding.level != "met"]


def level_counts(document: DocumentResult) -> dict[str, int]:
    counts = {level: 0 for level in LEVEL_LABELS}
    for finding in document.findings:
        counts[finding.level] += 1
    return counts


def theme_order(report: AuditReport, rubric: "Rubric | None") -> list[tuple[str, str]]:
    """(id, name) of every theme: the rubric's in its order, then any others in the report's order.

    A report made with another rubric version can name a theme this rubric lacks; its findings
    must still be shown, not silently dropped.
    """
    seen: dict[str, str] = {theme.id: theme.name for theme in rubric.themes} if rubric is not None else {}
    for document in report.documents:
        for theme in document.themes:
            seen.setdefault(theme.id, theme.name)
        for finding in document.findings:
            seen.setdefault(finding.theme, finding.theme)
    return list(seen.items())


@dataclass(frozen=True)
class Baseline:
    """The 2023 national picture for one theme, as far as the rubric knows it."""

    text: str | None
    """The theme's baseline in words."""
    pct: float | None
    """Mean of the criteria's published 2023 shares, if any (most count documents that met them,
    some that did them at least 'to some extent': see each criterion's baseline_counts)."""
    known: int
    """How many of the theme's criteria have a published share."""
    total: int
    """How many criteria the theme has."""


def baseline_summary(baseline: "Baseline | None", escape: "Callable[[str], str]") -> str:
    """'45% in 2023 (mean over 3 of 9 criteria); <text>' with the text escaped for the format."""
    if baseline is None:
        return ""
    parts = []
    if baseline.pct is not None:
        parts.append(f"{baseline.pct:g}% in 2023 (mean over {baseline.known} of {baseline.total} criteria)")
    if baseline.text:
        parts.append(escape(baseline.text))
    return "; ".join(parts)


def theme_baselines(rubric: "Rubric | None") -> dict[str, Baseline]:
    """Per theme: baseline text and the mean of the known criterion percentages.

    The 2023 report published shares for only some criteria, so the mean covers those alone;
    formats that show it say how many criteria it rests on.
    """
    if rubric is None:
        return {}
    result: dict[str, Baseline] = {}
    for theme in rubric.themes:
        criteria = [c for c in rubric.criteria if c.theme == theme.id]
        known = [c.baseline_pct for c in criteria if c.baseline_pct is not None]
        pct = round(sum(known) / len(known), 1) if known else None
        result[theme.id] = Baseline(theme.baseline, pct, len(known), len(criteria))
    return result


def question(rubric: "Rubric | None", criterion_id: str) -> str | None:
    if rubric is None:
        return None
    criterion = rubric.criterion(criterion_id)
    return criterion.question if criterion else None
