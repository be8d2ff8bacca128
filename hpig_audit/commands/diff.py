"""`hpig-audit diff OLD NEW`: compare two audits of a document. Each side is a document (audited
now, through the cache) or a results JSON file holding exactly one audited document."""

from __future__ import annotations

import sys
from pathlib import Path

from hpig_audit.errors import ExitCode, RubricError, UsageError
from hpig_audit.output import write_atomic
from hpig_audit.report import AuditReport, DocumentResult, RubricInfo
from hpig_audit.rubric import DEFAULT_RUBRIC, load_rubric
from hpig_audit.rubric.schema import Rubric


def is_results_file(item: str) -> bool:
    return "://" not in item and item.lower().endswith(".json")


def run_diff(
    old: str, new: str, *, rubric: str | None, format: str, output: Path | None, force: bool, use_cache: bool = True,
    fail_on_down: bool = False,
) -> ExitCode:
    """Print (or write) the comparison. With `fail_on_down`, exit 1 when a criterion judged on both
    sides went down: a refreshed draft that lost ground fails its check, as a failed gate does."""
    from hpig_audit.diff import DIFF_FORMATS, diff_results, render_diff
    from hpig_audit.summary import load_results

    if format not in DIFF_FORMATS:
        raise UsageError(f"unknown diff format {format!r}; choose from {', '.join(DIFF_FORMATS)}")
    saved = {item: load_results([Path(item)])[0] for item in (old, new) if is_results_file(item)}
    named = sorted({report.rubric.id for report in saved.values()})
    chosen = load_rubric(rubric) if rubric else _rubric_for(named)
    to_audit = [item for item in (old, new) if item not in saved]
    audited = _audit(to_audit, chosen, use_cache) if to_audit else {}
    sides: list[tuple[DocumentResult, RubricInfo]] = []
    for item in (old, new):
        if item in saved:
            sides.append((_only_document(saved[item], item), saved[item].rubric))
        else:
            sides.append((audited[item], RubricInfo(id=chosen.id, version=chosen.version)))  # type: ignore[union-attr]
    (old_result, old_rubric), (new_result, new_rubric) = sides
    diff = diff_results(old_result, new_result, old_rubric=old_rubric, new_rubric=new_rubric, rubric=chosen)
    color = output is None and format == "table" and sys.stdout.isatty()
    text = render_diff(diff, format, color=color, width=_width())
    if output is not None:
        write_atomic(output, text, force=force)
    else:
        sys.stdout.write(text)
    down = [change.criterion for change in diff.criteria if change.change == "down"]
    if fail_on_down and down:
        noun = "criterion" if len(down) == 1 else "criteria"
        print(f"hpig-audit: {len(down)} {noun} went down: {', '.join(down)}", file=sys.stderr)
        return ExitCode.THRESHOLD_FAILED
    return ExitCode.OK


def _rubric_for(named: list[str]) -> Rubric | None:
    """The rubric named in the results files, else the default one; None when it cannot be found
    and no document has to be audited (criterion titles then come from the results)."""
    try:
        return load_rubric(named[0] if len(named) == 1 else DEFAULT_RUBRIC)
    except RubricError:
        return None


def _audit(items: list[str], rubric: Rubric | None, use_cache: bool) -> dict[str, DocumentResult]:
    from hpig_audit.cache import Cache
    from hpig_audit.parallel import audit_many

    if rubric is None:
        raise UsageError("the rubric named in the results file is not a shipped rubric: give its file with --rubric")
    results = audit_many(items, rubric, jobs=1, cache=Cache.default() if use_cache else None)
    audited = {}
    for item, result in zip(items, results):
        if not isinstance(result, DocumentResult):
            raise UsageError(f"{item}: cannot audit: {result.reason}")
        audited[item] = result
    return audited


def _only_document(report: AuditReport, name: str) -> DocumentResult:
    if len(report.documents) != 1:
        skipped = f" ({len(report.skipped)} skipped)" if report.skipped else ""
        raise UsageError(f"{name}: holds {len(report.documents)} audited documents{skipped}; diff compares one document with one")
    return report.documents[0]


def _width() -> int:
    import shutil

    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 140))
