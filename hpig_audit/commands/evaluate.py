"""`hpig-audit eval LABELS.yaml`: agreement between the rubric and hand coding."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hpig_audit.agreement import Pair, agreement, read_labels
from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.evaluation import ScoredLabel, evaluate_labels
from hpig_audit.rubric import DEFAULT_RUBRIC, load_rubric


def run_eval(labels_path: Path, *, rubric: str | None, format: str, jobs: int | None = None, use_cache: bool = True) -> ExitCode:
    from hpig_audit.cache import Cache
    from hpig_audit.commands.corpus import check_jobs

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r} for eval; choose table or json")
    check_jobs(jobs)
    labels = read_labels(labels_path)
    loaded = load_rubric(rubric or labels.rubric or DEFAULT_RUBRIC)
    evaluated = evaluate_labels(labels.documents, loaded, jobs=jobs, cache=Cache.default() if use_cache else None)
    scored = [label for document in evaluated for label in document.scored]
    skipped = [f"{document.path}: {document.skipped}" for document in evaluated if document.skipped is not None]
    summary = _summary([label.pair for label in scored], loaded)
    if format == "json":
        summary["disagreements"] = [_disagreement(label) for label in scored if label.pair.expected != label.pair.got]
        summary["skipped"] = skipped
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_table(summary, scored, skipped)
    return ExitCode.ERROR if skipped else ExitCode.OK


def _summary(pairs: list[Pair], rubric) -> dict:  # type: ignore[no-untyped-def]
    overall = agreement(pairs)
    themes = {t.id: agreement(p for p in pairs if p.theme == t.id).model_dump() for t in rubric.themes}
    criteria = {c.id: agreement(p for p in pairs if p.criterion == c.id).model_dump() for c in rubric.criteria}
    return {"rubric": {"id": rubric.id, "version": rubric.version}, "overall": overall.model_dump(), "themes": themes, "criteria": criteria}


def _disagreement(label: ScoredLabel) -> dict:  # type: ignore[type-arg]
    pair, finding = label.pair, label.finding
    return {
        "document": pair.document,
        "criterion": pair.criterion,
        "expected": pair.expected,
        "got": pair.got,
        "reason": finding.reason,
        "evidence": [e.model_dump() for e in finding.evidence],
    }


def _print_table(summary: dict, scored: list[ScoredLabel], skipped: list[str]) -> None:  # type: ignore[type-arg]
    out = sys.stdout
    out.write("Disagreements (expected -> tool):\n")
    for label in scored:
        p = label.pair
        if p.expected != p.got:
            out.write(f"  {p.document} {p.criterion}: {p.expected} -> {p.got}  {label.finding.reason}\n")
    out.write("\nPer criterion (n, exact, kappa):\n")
    for criterion, a in summary["criteria"].items():
        if a["n"]:
            out.write(f"  {criterion:<5} n={a['n']:<3} exact={a['exact']:.0%}  kappa={_k(a['kappa'])}\n")
    out.write("\nPer theme:\n")
    for theme, a in summary["themes"].items():
        out.write(f"  {theme:<18} n={a['n']:<4} exact={a['exact']:.1%}  within-one={a['within_one']:.1%}  kappa={_k(a['kappa'])}\n")
    for line in skipped:
        out.write(f"skipped: {line}\n")
    a = summary["overall"]
    out.write(f"\nOverall: n={a['n']} exact={a['exact']:.1%} within-one={a['within_one']:.1%} weighted kappa={_k(a['kappa'])}\n")


def _k(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
