"""Corpus audits for `hpig-audit audit`: expand paths and manifests, run in parallel through the
cache, and show a progress bar on stderr when (and only when) stderr is a terminal."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence, TextIO

from hpig_audit.errors import UsageError
from hpig_audit.report import AuditReport, DocumentResult
from hpig_audit.rubric.schema import Rubric

if TYPE_CHECKING:
    from hpig_audit.format import RenderOptions


@dataclass(frozen=True)
class CorpusOptions:
    """`audit` options for corpora: parallel jobs, the parse cache, and a summary instead of the report."""

    jobs: int | None = None
    """Worker processes; None: one per core; 1: audit in this process."""
    cache: bool = True
    summary: bool = False


def audit_paths(paths: Sequence[str], rubric: Rubric, options: CorpusOptions | None = None, *, format: str = "table") -> AuditReport:
    """Everything `audit` needs before rendering: sources from paths, directories and manifests, audited.

    Option problems (a bad --jobs, a format --summary cannot give, a bad manifest row) are raised
    before any document is read.
    """
    from hpig_audit.cache import Cache
    from hpig_audit.corpus import audit_corpus, expand_corpus
    from hpig_audit.summary import SUMMARY_FORMATS

    options = options or CorpusOptions()
    check_jobs(options.jobs)
    if options.summary and format not in SUMMARY_FORMATS:
        raise UsageError(f"--summary cannot be given as {format}; choose from {', '.join(SUMMARY_FORMATS)}")
    entries = expand_corpus(paths)
    if not entries:
        raise UsageError("no documents found in " + ", ".join(paths))
    cache = Cache.default() if options.cache else None
    with progress_bar(len(entries)) as progress:
        return audit_corpus(entries, rubric, jobs=options.jobs, cache=cache, progress=progress)


def check_jobs(jobs: int | None) -> None:
    """`--jobs` as the library takes it: None (one per core) or at least 1."""
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")


def summary_text(report: AuditReport, rubric: Rubric, format: str, options: "RenderOptions") -> str:
    """`audit --summary`: the corpus summary table of this run, in `format`."""
    from hpig_audit.summary import render_summary, summarise

    return render_summary(summarise([report], rubric), format, color=options.color, width=options.width)


@contextmanager
def progress_bar(total: int, *, force: bool = False, file: "TextIO | None" = None) -> Iterator[object]:
    """Yield a progress callback drawing documents done/total, pages/s and errors on stderr, or None
    when stderr is not a terminal (or there is a single document)."""
    if not force and (total < 2 or not sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    counts = {"pages": 0, "errors": 0}
    progress = Progress(
        TextColumn("[bold]auditing"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} documents"),
        TextColumn("{task.fields[rate]} pages/s"),
        TextColumn("{task.fields[errors]}"),
        TimeElapsedColumn(),
        console=Console(file=file or sys.stderr, force_terminal=True if file is not None else None,
                        width=120 if file is not None else None),
        transient=True,
    )
    task = progress.add_task("audit", total=total, rate="0.0", errors="0 errors")

    def update(source: str, result: object) -> None:
        if isinstance(result, DocumentResult):
            counts["pages"] += result.pages or 0
        else:
            counts["errors"] += 1
        elapsed = max(time.monotonic() - started, 1e-6)
        errors = counts["errors"]
        progress.update(task, advance=1, rate=f"{counts['pages'] / elapsed:.1f}",
                        errors=f"[red]{errors} error{'s' if errors != 1 else ''}[/]" if errors else "0 errors")

    with progress:
        yield update
