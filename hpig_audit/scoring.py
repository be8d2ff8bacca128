"""Scores: met 2, partial 1, not_met 0 points; a theme scores its weighted share of the maximum
(0-100); a document scores the weighted mean of its theme scores."""

from __future__ import annotations

from hpig_audit.report import Finding, ThemeScore
from hpig_audit.rubric.schema import Rubric


def theme_scores(findings: list[Finding] | tuple[Finding, ...], rubric: Rubric) -> tuple[ThemeScore, ...]:
    weights = {criterion.id: criterion.weight for criterion in rubric.criteria}
    scores = []
    for theme in rubric.themes:
        mine = [f for f in findings if f.theme == theme.id]
        maximum = sum(2 * weights.get(f.criterion, 1.0) for f in mine)
        earned = sum(f.score * weights.get(f.criterion, 1.0) for f in mine)
        scores.append(ThemeScore(id=theme.id, name=theme.name, score=_pct(earned, maximum)))
    return tuple(scores)


def overall_score(themes: tuple[ThemeScore, ...], rubric: Rubric) -> float:
    weights = {theme.id: theme.weight for theme in rubric.themes}
    total = sum(weights.get(t.id, 1.0) for t in themes)
    return _round(sum(t.score * weights.get(t.id, 1.0) for t in themes) / total) if total else 0.0


def _pct(earned: float, maximum: float) -> float:
    return _round(100.0 * earned / maximum) if maximum else 0.0


def _round(value: float) -> float:
    # Round half up to one decimal, so the same points always print the same score.
    return float(int(value * 10 + 0.5 + 1e-9)) / 10
