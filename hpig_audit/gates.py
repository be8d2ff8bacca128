"""Quality gates over an `AuditReport`: pure functions that never print or exit.

A gate is checked per audited document and gives one `GateResult` (a one-line message) per
document and threshold:

- ``fail_under``: the document's overall score must be at least this (0-100).
- ``fail_under_theme``: a theme's score must be at least this; themes are named by ID
  (``leadership``) or by their criterion prefix (``LD``), case-insensitively.
- ``require``: these criteria must be met.
- ``fail_on``: ``partial`` fails on any criterion below met; ``not_met`` only on not_met ones.

Criteria excluded (each with a reason) are left out: they cannot fail ``require``/``fail_on``, and
the scores the thresholds are compared with are recomputed without them, with the rubric's weights.
An exclusion past its expiry date no longer applies and gives a warning.

With a baseline report, only what got worse fails: every criterion that went down a level and every
theme whose score dropped is a regression, and a threshold that the matching baseline document
already failed is tolerated (it passes, saying so). Improvements are reported as `Change`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Literal, Mapping

from hpig_audit.errors import UsageError
from hpig_audit.report import LEVEL_POINTS, AuditReport, DocumentResult
from hpig_audit.rubric.schema import Rubric

FailOn = Literal["partial", "not_met"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = ("partial", "not_met")


@dataclass(frozen=True)
class Exclusion:
    """A criterion left out of the gates, with the reason why, until an optional expiry date (inclusive)."""

    criterion: str
    reason: str
    expires: date | None = None


@dataclass(frozen=True)
class GateSpec:
    """Gates as the user wrote them (theme names and IDs not yet checked against a rubric)."""

    fail_under: float | None = None
    fail_under_theme: tuple[tuple[str, float], ...] = ()
    require: tuple[str, ...] = ()
    fail_on: FailOn | None = None
    exclude: tuple[Exclusion, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    """Where each field came from, for error messages, e.g. {"require": ".hpig-audit.yaml: require"}."""

    def label(self, name: str) -> str:
        return self.labels.get(name) or "--" + name.replace("_", "-")


@dataclass(frozen=True)
class Gates:
    """Gates checked against a rubric: theme and criterion IDs are the rubric's own."""

    fail_under: float | None = None
    fail_under_theme: tuple[tuple[str, float], ...] = ()
    require: tuple[str, ...] = ()
    fail_on: FailOn | None = None
    excluded: tuple[tuple[str, str], ...] = ()
    """(criterion, reason) of the exclusions in force."""
    warnings: tuple[str, ...] = ()
    """Expired exclusions, and anything else the user should know about the gates."""
    criterion_weights: Mapping[str, float] = field(default_factory=dict)
    theme_weights: Mapping[str, float] = field(default_factory=dict)

    @property
    def thresholds(self) -> bool:
        """Whether any absolute gate (not the baseline) is set."""
        return self.fail_under is not None or bool(self.fail_under_theme or self.require or self.fail_on)

    @property
    def excluded_ids(self) -> frozenset[str]:
        return frozenset(criterion for criterion, _ in self.excluded)


@dataclass(frozen=True)
class GateResult:
    gate: str
    """fail-under, fail-under-theme, require, fail-on or baseline."""
    document: str
    """The audited document's source."""
    passed: bool
    message: str
    """One line naming the document, the gate and the numbers or criteria that decided it."""


@dataclass(frozen=True)
class Change:
    """A criterion that changed level, or a theme whose score changed, since the baseline."""

    document: str
    subject: str
    """Criterion ID or theme ID."""
    before: str
    after: str
    improved: bool

    def __str__(self) -> str:
        return f"{self.subject} {self.before} -> {self.after}"


@dataclass(frozen=True)
class Outcome:
    results: tuple[GateResult, ...] = ()
    changes: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[GateResult, ...]:
        return tuple(result for result in self.results if not result.passed)

    @property
    def improvements(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.improved)

    @property
    def regressions(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if not change.improved)


# --- parsing and resolving ------------------------------------------------------------------------


def parse_ids(values: Iterable[str]) -> tuple[str, ...]:
    """`--require LD1,LD2 --require CP1` -> ('LD1', 'LD2', 'CP1'), without duplicates."""
    ids: list[str] = []
    for value in values:
        ids += [part.strip() for part in value.split(",") if part.strip() and part.strip() not in ids]
    return tuple(ids)


def parse_theme_thresholds(values: Iterable[str], label: str = "--fail-under-theme") -> tuple[tuple[str, float], ...]:
    """`THEME=SCORE` items (each may hold several, comma-separated) -> ((theme, score), ...)."""
    pairs: list[tuple[str, float]] = []
    for value in values:
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            theme, sep, score = item.partition("=")
            if not sep or not theme.strip():
                raise UsageError(f"{label}: expected THEME=SCORE, got {item!r}")
            pairs.append((theme.strip(), parse_score(score, f"{label} {theme.strip()}")))
    return tuple(pairs)


def parse_score(value: str | float, label: str) -> float:
    try:
        score = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{label}: expected a score from 0 to 100, got {value!r}") from None
    if not 0 <= score <= 100:
        raise UsageError(f"{label}: expected a score from 0 to 100, got {value!r}")
    return score


def resolve_gates(spec: GateSpec, rubric: Rubric, *, today: date | None = None) -> Gates:
    """Check the gates' theme and criterion IDs against the rubric (UsageError naming unknown ones),
    and drop exclusions that expired before `today` (default: the real today) with a warning."""
    today = today or date.today()
    themes = _theme_lookup(rubric)
    criteria = {criterion.id.upper(): criterion.id for criterion in rubric.criteria}

    def criterion_ids(ids: Iterable[str], name: str) -> list[str]:
        unknown = [i for i in ids if i.upper() not in criteria]
        if unknown:
            raise UsageError(f"{spec.label(name)}: unknown criterion {_names(unknown)} (rubric {rubric.id} has {_span(rubric)})")
        return [criteria[i.upper()] for i in ids]

    unknown_themes = [theme for theme, _ in spec.fail_under_theme if theme.lower() not in themes]
    if unknown_themes:
        choices = ", ".join(f"{theme.id} ({theme.prefix})" for theme in rubric.themes)
        raise UsageError(f"{spec.label('fail_under_theme')}: unknown theme {_names(unknown_themes)} (themes: {choices})")
    thresholds: dict[str, float] = {}
    for theme, score in spec.fail_under_theme:
        thresholds[themes[theme.lower()]] = parse_score(score, f"{spec.label('fail_under_theme')} {theme}")
    if spec.fail_on is not None and spec.fail_on not in FAIL_ON_CHOICES:
        raise UsageError(f"{spec.label('fail_on')}: expected partial or not_met, got {spec.fail_on!r}")

    excluded: dict[str, str] = {}
    warnings: list[str] = []
    for exclusion, criterion in zip(spec.exclude, criterion_ids([e.criterion for e in spec.exclude], "exclude")):
        if exclusion.expires is not None and exclusion.expires < today:
            warnings.append(
                f"the exclusion of {criterion} expired on {exclusion.expires.isoformat()} and no longer applies "
                f"(reason given: {exclusion.reason})"
            )
        else:
            excluded[criterion] = exclusion.reason
    return Gates(
        fail_under=None if spec.fail_under is None else parse_score(spec.fail_under, spec.label("fail_under")),
        fail_under_theme=tuple(thresholds.items()),
        require=tuple(dict.fromkeys(criterion_ids(spec.require, "require"))),
        fail_on=spec.fail_on,
        excluded=tuple(excluded.items()),
        warnings=tuple(warnings),
        criterion_weights={criterion.id: criterion.weight for criterion in rubric.criteria},
        theme_weights={theme.id: theme.weight for theme in rubric.themes},
    )


def _theme_lookup(rubric: Rubric) -> dict[str, str]:
    lookup = {theme.prefix.lower(): theme.id for theme in rubric.themes}
    lookup.update({theme.id.lower(): theme.id for theme in rubric.themes})
    return lookup


def _names(values: list[str]) -> str:
    return ", ".join(repr(value) for value in values)


def _span(rubric: Rubric) -> str:
    ids = [criterion.id for criterion in rubric.criteria]
    return f"{len(ids)} criteria, {ids[0]} to {ids[-1]}" if ids else "no criteria"


# --- checking -------------------------------------------------------------------------------------


def check(report: AuditReport, gates: Gates, *, baseline: AuditReport | None = None) -> Outcome:
    """Every gate on every document of `report`; with a baseline, only what got worse fails."""
    results: list[GateResult] = []
    changes: list[Change] = []
    warnings = list(gates.warnings)
    if baseline is not None and baseline.rubric.id != report.rubric.id:
        warnings.append(f"the baseline was made with rubric {baseline.rubric.id}, this audit with {report.rubric.id}")
    matches = match_documents(report, baseline) if baseline is not None else {}
    for document in report.documents:
        before = matches.get(document.source)
        if baseline is not None and before is None:
            warnings.append(f"{document.source}: no matching document in the baseline; its gates apply in full")
        results += _check_document(document, gates, before)
        if before is not None:
            found = compare_document(document, before, gates)
            changes += found
            worse = [c for c in found if not c.improved]
            message = (
                f"{document.source}: worse than the baseline: " + "; ".join(map(str, worse))
                if worse
                else f"{document.source}: nothing got worse than the baseline"
            )
            results.append(GateResult("baseline", document.source, not worse, message))
    return Outcome(tuple(results), tuple(changes), tuple(warnings))


def evaluate(report: AuditReport, gates: Gates, *, baseline: AuditReport | None = None) -> tuple[GateResult, ...]:
    return check(report, gates, baseline=baseline).results


def match_documents(report: AuditReport, baseline: AuditReport) -> dict[str, DocumentResult]:
    """Pair each audited document with its baseline: same source, else same sha256, else the only one."""
    by_source = {d.source: d for d in baseline.documents}
    by_sha = {d.sha256: d for d in baseline.documents}
    matches: dict[str, DocumentResult] = {}
    for document in report.documents:
        found = by_source.get(document.source) or by_sha.get(document.sha256)
        if found is None and len(report.documents) == 1 and len(baseline.documents) == 1:
            found = baseline.documents[0]
        if found is not None:
            matches[document.source] = found
    return matches


def compare_document(document: DocumentResult, baseline: DocumentResult, gates: Gates) -> tuple[Change, ...]:
    """Criteria whose level changed and themes whose score changed, criteria first, in report order."""
    excluded = gates.excluded_ids
    old_levels = {f.criterion: f.level for f in baseline.findings}
    changes = []
    for finding in document.findings:
        old = old_levels.get(finding.criterion)
        if old is None or finding.criterion in excluded or old == finding.level:
            continue
        improved = LEVEL_POINTS[finding.level] > LEVEL_POINTS[old]
        changes.append(Change(document.source, finding.criterion, old, finding.level, improved))
    _, now = scores(document, gates)
    _, then = scores(baseline, gates)
    for theme, score in now.items():
        if theme in then and score != then[theme]:
            changes.append(Change(document.source, theme, f"{then[theme]:.1f}", f"{score:.1f}", score > then[theme]))
    return tuple(changes)


def scores(document: DocumentResult, gates: Gates) -> tuple[float, dict[str, float]]:
    """Overall and theme scores, recomputed without excluded criteria when the document has any
    (themes whose criteria are all excluded are left out); otherwise the report's own scores."""
    excluded = gates.excluded_ids
    if not any(f.criterion in excluded for f in document.findings):
        return document.score, {t.id: t.score for t in document.themes}
    themes: dict[str, float] = {}
    for theme in document.themes:
        kept = [f for f in document.findings if f.theme == theme.id and f.criterion not in excluded]
        if not kept:
            continue
        weights = [gates.criterion_weights.get(f.criterion, 1.0) for f in kept]
        maximum = sum(2 * w for w in weights)
        themes[theme.id] = _round(100 * sum(f.score * w for f, w in zip(kept, weights)) / maximum) if maximum else 0.0
    total = sum(gates.theme_weights.get(t, 1.0) for t in themes)
    overall = _round(sum(s * gates.theme_weights.get(t, 1.0) for t, s in themes.items()) / total) if total else 0.0
    return overall, themes


def _round(value: float) -> float:
    # As hpig_audit.scoring: half up to one decimal.
    return float(int(value * 10 + 0.5 + 1e-9)) / 10


def _check_document(document: DocumentResult, gates: Gates, before: DocumentResult | None) -> list[GateResult]:
    source = document.source
    overall, themes = scores(document, gates)
    old_overall, old_themes = scores(before, gates) if before is not None else (None, {})
    note = _excluded_note(document, gates)
    results = []
    if gates.fail_under is not None:
        limit = gates.fail_under
        passed = overall >= limit
        message = f"{source}: score {overall:.1f}{note} {'meets' if passed else 'is below'} --fail-under {limit:g}"
        if not passed and old_overall is not None and old_overall < limit:
            passed, message = True, f"{message}, as in the baseline ({old_overall:.1f})"
        results.append(GateResult("fail-under", source, passed, message))
    for theme, limit in gates.fail_under_theme:
        if theme not in themes:
            results.append(GateResult("fail-under-theme", source, True, f"{source}: theme {theme} has no criteria left to score"))
            continue
        score = themes[theme]
        passed = score >= limit
        message = f"{source}: theme {theme} score {score:.1f}{note} {'meets' if passed else 'is below'} --fail-under-theme {theme}={limit:g}"
        if not passed and theme in old_themes and old_themes[theme] < limit:
            passed, message = True, f"{message}, as in the baseline ({old_themes[theme]:.1f})"
        results.append(GateResult("fail-under-theme", source, passed, message))
    levels = {f.criterion: f.level for f in document.findings}
    old_levels = {f.criterion: f.level for f in before.findings} if before is not None else {}
    excluded = gates.excluded_ids
    if gates.require:
        required = [c for c in gates.require if c not in excluded]
        results.append(
            _criteria_gate(
                "require",
                document,
                [c for c in required if levels.get(c) != "met"],
                [c for c in required if old_levels.get(c, "met") != "met"],
                levels,
                f"required criteria met: {', '.join(required) or 'none (all excluded)'}",
                ("required criterion", "required criteria", "not met"),
            )
        )
    if gates.fail_on is not None:
        bad = ("partial", "not_met") if gates.fail_on == "partial" else ("not_met",)
        offenders = [f.criterion for f in document.findings if f.level in bad and f.criterion not in excluded]
        results.append(
            _criteria_gate(
                "fail-on",
                document,
                offenders,
                [c for c in offenders if old_levels.get(c) in bad],
                levels,
                f"no criteria {' or '.join(bad)} (--fail-on {gates.fail_on})",
                ("criterion", "criteria", f"{' or '.join(bad)} (--fail-on {gates.fail_on})"),
                show_levels=len(bad) > 1,  # with --fail-on not_met every one listed is not_met
            )
        )
    return results


def _criteria_gate(
    gate: str,
    document: DocumentResult,
    offenders: list[str],
    failing_before: list[str],
    levels: Mapping[str, str],
    pass_text: str,
    fail_words: tuple[str, str, str],
    show_levels: bool = True,
) -> GateResult:
    source = document.source
    new = [c for c in offenders if c not in failing_before]
    old = [c for c in offenders if c in failing_before]
    listed = ", ".join(f"{c} ({levels.get(c, 'missing')})" if show_levels else c for c in new)
    tolerated = f"; as in the baseline: {', '.join(old)}" if old else ""
    one, many, state = fail_words
    if new:
        return GateResult(gate, source, False, f"{source}: {len(new)} {one if len(new) == 1 else many} {state}: {listed}{tolerated}")
    if old:
        return GateResult(gate, source, True, f"{source}: {many} {state}, all as in the baseline: {', '.join(old)}")
    return GateResult(gate, source, True, f"{source}: {pass_text}")


def _excluded_note(document: DocumentResult, gates: Gates) -> str:
    present = [f.criterion for f in document.findings if f.criterion in gates.excluded_ids]
    return f" (without excluded {', '.join(present)})" if present else ""

