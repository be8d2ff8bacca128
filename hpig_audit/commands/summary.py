"""`hpig-audit summary RESULTS.json...`: the corpus summary table from saved results."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from hpig_audit.errors import ExitCode, RubricError, UsageError
from hpig_audit.output import write_atomic
from hpig_audit.rubric import load_rubric
from hpig_audit.summary import SUMMARY_FORMATS, load_results, render_summary, rubric_id_of, summarise


def run_summary(results: list[Path], *, rubric: str | None, format: str, output: Path | None, force: bool) -> ExitCode:
    if format not in SUMMARY_FORMATS:
        raise UsageError(f"unknown summary format {format!r}; choose from {', '.join(SUMMARY_FORMATS)}")
    reports = load_results(results)
    rubric_id = rubric_id_of(reports, [str(p) for p in results])
    try:
        loaded = load_rubric(rubric or rubric_id)
    except RubricError as exc:
        if rubric:
            raise
        raise UsageError(f"{exc}; the results were made with rubric {rubric_id!r}: give its file with --rubric") from None
    if loaded.id != rubric_id:
        raise UsageError(f"the results were made with rubric {rubric_id!r}, not {loaded.id!r}")
    summary = summarise(reports, loaded)
    color = output is None and format == "table" and sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if color else 160  # files and pipes: full titles
    text = render_summary(summary, format, color=color, width=width)
    if output is not None:
        write_atomic(output, text, force=force)
    else:
        sys.stdout.write(text)
    return ExitCode.OK
