"""`hpig-audit audit`: glue between the CLI options and the library."""

from __future__ import annotations

import sys
from pathlib import Path

from hpig_audit.commands.corpus import CorpusOptions, audit_paths, summary_text
from hpig_audit.commands.gating import GateOptions, plan, prepare, report_gates, write_outputs
from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.format import FORMATS, RenderOptions, render
from hpig_audit.output import write_atomic
from hpig_audit.rubric import load_rubric


def run_audit(
    paths: list[str],
    *,
    rubric: str | None,
    format: str | None,
    output: Path | None,
    explain: bool,
    force: bool,
    gating: GateOptions | None = None,
    corpus: CorpusOptions | None = None,
) -> ExitCode:
    # Configuration file and command line merged; None means "not given on the command line".
    settings = plan(gating or GateOptions(), rubric=rubric, format=format, output=output)
    rubric, format = settings.rubric, settings.format
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    loaded = load_rubric(rubric)
    gates, baseline = prepare(settings, loaded)  # unknown IDs and a bad baseline fail before auditing
    corpus = corpus or CorpusOptions()
    report = audit_paths(paths, loaded, corpus, format=format)  # directories, manifests; --jobs, cache
    to_terminal = output is None and sys.stdout.isatty()
    options = RenderOptions(rubric=loaded, color=to_terminal, explain=explain, width=_width(), partial_fails=settings.partial_fails)
    text = summary_text(report, loaded, format, options) if corpus.summary else render(report, format, options)
    if output is not None:
        write_atomic(output, text, force=force)
    elif isinstance(text, bytes):
        raise UsageError(f"the {format} format is binary: give --output FILE")
    else:
        sys.stdout.write(text)
    write_outputs(report, settings, options, force=force, rendered={} if corpus.summary else {format: text})
    for skipped in report.skipped:
        print(f"hpig-audit: skipped {skipped.source}: {skipped.reason}", file=sys.stderr)
    gate_code = report_gates(report, gates, baseline)
    if report.skipped or len(report.documents) > 1:  # a corpus run always ends with the count
        print(f"hpig-audit: {len(report.documents)} audited, {len(report.skipped)} skipped", file=sys.stderr)
    if report.skipped:
        return ExitCode.ERROR  # an unreadable document (2) wins over a failed gate (1)
    return gate_code


def _width() -> int:
    import shutil

    return max(80, min(shutil.get_terminal_size((100, 24)).columns, 140))
