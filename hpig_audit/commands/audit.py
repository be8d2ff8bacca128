"""`hpig-audit audit`: glue between the CLI options and the library."""

from __future__ import annotations

import sys
from pathlib import Path

from hpig_audit.audit import audit_sources, expand_sources
from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.format import FORMATS, RenderOptions, render
from hpig_audit.output import write_atomic
from hpig_audit.rubric import load_rubric


def run_audit(paths: list[str], *, rubric: str, format: str, output: Path | None, explain: bool, force: bool) -> ExitCode:
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    loaded = load_rubric(rubric)
    sources = expand_sources(paths)
    if not sources:
        raise UsageError("no documents found in " + ", ".join(paths))
    report = audit_sources(sources, loaded)
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(rubric=loaded, color=to_terminal, explain=explain, width=_width())
    text = render(report, format, options)
    if output is not None:
        write_atomic(output, text, force=force)
    elif isinstance(text, bytes):
        raise UsageError(f"the {format} format is binary: give --output FILE")
    else:
        sys.stdout.write(text)
    for skipped in report.skipped:
        print(f"hpig-audit: skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    if report.skipped:
        print(f"hpig-audit: {len(report.documents)} audited, {len(report.skipped)} skipped", file=sys.stderr)
        return ExitCode.ERROR
    return ExitCode.OK


def _width() -> int:
    import shutil

    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 140))
