"""The command line: a thin typer layer over the library. Heavy imports happen inside commands
so that `hpig-audit --help` stays fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from hpig_audit import __version__
from hpig_audit.errors import ExitCode, HpigError
from hpig_audit.format import FORMATS

app = typer.Typer(
    name="hpig-audit",
    help="Audit Integrated Care System strategies and plans against the HPIG criteria for babies, children and young people.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help and usage errors: rich's help renderer imports markdown, syntax and
    # traceback support, which doubles the time of `hpig-audit --help` (issue 2 asks under 0.3 s),
    # and a usage error stays one line instead of a box. The `rich_help_panel` groupings below are
    # kept for whoever turns rich help back on; plain help lists the options in their order.
    rich_markup_mode=None,
)
rubric_app = typer.Typer(help="List, show, validate and create rubrics.", no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")
cache_app = typer.Typer(help="Show or clear the cache of parsed documents and judgments.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")

RubricOption = Annotated[str, typer.Option("--rubric", "-r", metavar="FILE|ID", help="Rubric file, or the ID of a shipped rubric.")]
_OUTPUTS, _GATES = "Outputs", "Gates and configuration"
_CORPUS = "Corpus"


def _output_option(name: str):  # type: ignore[no-untyped-def]
    """`--output-NAME FILE`: one per registered format (a test checks they match `FORMATS`)."""
    return typer.Option(f"--output-{name}", metavar="FILE", help=f"Also write the {name} report to FILE.", rich_help_panel=_OUTPUTS)


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> None:
    typer.echo(f"hpig-audit: error: {message}", err=True)
    raise typer.Exit(int(code))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hpig-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = None,
) -> None:
    """Audit ICS strategies for babies, children and young people."""


@app.command()
def audit(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS", help="Documents (PDF, DOCX, HTML, Markdown, text), directories (searched recursively), http(s) URLs, or manifest files (.csv, .yaml: path or url, ics, type, year).")],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", metavar="FILE|ID", help="Rubric file, or the ID of a shipped rubric (default: hpig-2023).")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)} (default: table).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file (atomically).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show the rule and passage behind every level.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    output_markdown: Annotated[Optional[Path], _output_option("markdown")] = None,
    output_html: Annotated[Optional[Path], _output_option("html")] = None,
    output_csv: Annotated[Optional[Path], _output_option("csv")] = None,
    output_junit: Annotated[Optional[Path], _output_option("junit")] = None,
    output_sarif: Annotated[Optional[Path], _output_option("sarif")] = None,
    output_github: Annotated[Optional[Path], _output_option("github")] = None,
    output_xlsx: Annotated[Optional[Path], _output_option("xlsx")] = None,
    output_json: Annotated[Optional[Path], _output_option("json")] = None,
    output_table: Annotated[Optional[Path], _output_option("table")] = None,
    fail_under: Annotated[Optional[float], typer.Option("--fail-under", metavar="SCORE", help="Exit 1 when a document's overall score is below SCORE (0-100).", rich_help_panel=_GATES)] = None,
    fail_under_theme: Annotated[Optional[list[str]], typer.Option("--fail-under-theme", metavar="THEME=SCORE", help="Exit 1 when a theme scores below SCORE; THEME is an ID or prefix (leadership=50, LD=50). Repeatable.", rich_help_panel=_GATES)] = None,
    require: Annotated[Optional[list[str]], typer.Option("--require", metavar="ID[,ID]", help="Exit 1 unless these criteria are met, e.g. LD1. Repeatable.", rich_help_panel=_GATES)] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", metavar="partial|not_met", help="Exit 1 on any criterion partial or not_met (partial), or on not_met only.", rich_help_panel=_GATES)] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="REPORT.json", help="A previous --format json report: fail only on what got worse; print what improved.", rich_help_panel=_GATES)] = None,
    partial_fails: Annotated[Optional[bool], typer.Option("--partial-fails/--no-partial-fails", help="JUnit: count a partial criterion as a failed test case.", show_default=False, rich_help_panel=_OUTPUTS)] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="Configuration file (default: .hpig-audit.yaml, or the tool.hpig-audit table of pyproject.toml, looked for from here upwards).", rich_help_panel=_GATES)] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore configuration files.", rich_help_panel=_GATES)] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=1, help="Documents audited in parallel (default: one per core; 1: no worker processes).", rich_help_panel=_CORPUS)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache (parsed documents, judgments, a rubric's pattern keys).", rich_help_panel=_CORPUS)] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Print the corpus summary (shares met / partial / not met per criterion and theme, by document type, against the 2023 baseline) instead of the report; --format table, markdown, csv, json or html.", rich_help_panel=_CORPUS)] = False,
) -> None:
    """Audit documents against a rubric and report scored findings with evidence."""
    from hpig_audit.commands.audit import run_audit
    from hpig_audit.commands.corpus import CorpusOptions
    from hpig_audit.commands.gating import GateOptions

    outputs = {
        "markdown": output_markdown, "html": output_html, "csv": output_csv, "junit": output_junit, "sarif": output_sarif,
        "github": output_github, "xlsx": output_xlsx, "json": output_json, "table": output_table,
    }  # fmt: skip
    gating = GateOptions(
        outputs={name: path for name, path in outputs.items() if path is not None},
        fail_under=fail_under,
        fail_under_theme=tuple(fail_under_theme) if fail_under_theme else None,
        require=tuple(require) if require else None,
        fail_on=fail_on,
        baseline=baseline,
        partial_fails=partial_fails,
        config=config,
        no_config=no_config,
    )
    if no_cache:
        _turn_caching_off()
    corpus = CorpusOptions(jobs=jobs, cache=not no_cache, summary=summary)
    _run(lambda: run_audit(paths, rubric=rubric, format=format, output=output, explain=explain, force=force, gating=gating, corpus=corpus))


@app.command(name="eval")
def eval_command(
    labels: Annotated[Path, typer.Argument(metavar="LABELS", help="A labels YAML file (format in the README).")],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", metavar="FILE|ID", help="Rubric file or ID (default: the one the labels name).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=1, help="Documents audited in parallel (default: one per core; 1: no worker processes).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache (parsed documents, judgments, a rubric's pattern keys).")] = False,
) -> None:
    """Measure agreement between the rubric and hand-coded labels."""
    from hpig_audit.commands.evaluate import run_eval

    if no_cache:
        _turn_caching_off()
    _run(lambda: run_eval(labels, rubric=rubric, format=format, jobs=jobs, use_cache=not no_cache))


@app.command()
def explain(
    criterion: Annotated[str, typer.Argument(metavar="CRITERION", help="Criterion ID, e.g. LD1.")],
    rubric: RubricOption = "hpig-2023",
) -> None:
    """Explain a criterion: what it asks, what counts as met or partial, its source and 2023 baseline."""
    from hpig_audit.commands.rubrics import run_explain

    _run(lambda: run_explain(criterion, rubric))


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(metavar="[audit|summary|diff]", help="Which JSON output: the audit report, the corpus summary or a diff.")] = "audit",
) -> None:
    """Print the JSON Schema of a JSON output (default: the audit report)."""
    from hpig_audit.commands.rubrics import run_schema

    _run(lambda: run_schema(kind))


@rubric_app.command("list")
def rubric_list() -> None:
    """List the shipped rubrics."""
    from hpig_audit.commands.rubrics import run_list

    _run(run_list)


@rubric_app.command("show")
def rubric_show(rubric_id: Annotated[str, typer.Argument(metavar="RUBRIC", help="Rubric ID or file.")] = "hpig-2023") -> None:
    """Show a rubric's themes and criteria."""
    from hpig_audit.commands.rubrics import run_show

    _run(lambda: run_show(rubric_id))


@rubric_app.command("validate")
def rubric_validate(path: Annotated[Path, typer.Argument(metavar="FILE", help="Rubric YAML file.")]) -> None:
    """Lint a rubric file and run its embedded examples; exit 2 on any error.

    Checks duplicate IDs, empty rules and term groups, missing recommendations, unused term groups,
    levels without an example, and that every example gives the level it claims."""
    from hpig_audit.commands.rubrics import run_validate

    _run(lambda: run_validate(path))


@rubric_app.command("new")
def rubric_new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Rubric ID, e.g. core20plus5-adults; written to NAME.yaml.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the template here instead of NAME.yaml.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented rubric template (themes, terms, cues, signals, one criterion with rules and examples)."""
    from hpig_audit.commands.rubrics import run_new

    _run(lambda: run_new(name, output, force))


@app.command()
def summary(
    results: Annotated[list[Path], typer.Argument(metavar="RESULTS", help="Results JSON files (from `audit --format json`).")],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", metavar="FILE|ID", help="Rubric file or ID for the baselines (default: the one the results name).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, markdown, csv, json or html.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the summary to this file (atomically).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Summarise a corpus: shares met / partial / not met per criterion and theme, against the 2023 baseline.

    Split by document type (strategy, JFP, other, from a manifest's type column), with the difference
    from the 2023 baseline in percentage points."""
    from hpig_audit.commands.summary import run_summary

    _run(lambda: run_summary(results, rubric=rubric, format=format, output=output, force=force))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The old version: a document (path or URL) or a results JSON file with one document.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new version: a document or a results JSON file.")],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", metavar="FILE|ID", help="Rubric file or ID for documents audited now (default: the one a results file names, else hpig-2023).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, markdown, json or html.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the comparison to this file (atomically).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache (parsed documents, judgments, a rubric's pattern keys).")] = False,
    fail_on_down: Annotated[bool, typer.Option("--fail-on-down", help="Exit 1 when any criterion went down (for CI on a refreshed draft).")] = False,
) -> None:
    """Compare two versions of a document: criteria up, down or the same, score changes, new and lost evidence.

    It compares judgments, not lines, so it works across formats (an old PDF and a new web page)."""
    from hpig_audit.commands.diff import run_diff

    if no_cache:
        _turn_caching_off()
    _run(lambda: run_diff(old, new, rubric=rubric, format=format, output=output, force=force, use_cache=not no_cache, fail_on_down=fail_on_down))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete the cache of parsed documents and judgments."""
    from hpig_audit.commands.cache import run_clear

    _run(run_clear)


@cache_app.command("info")
def cache_info() -> None:
    """Show where the cache is and how big it is."""
    from hpig_audit.commands.cache import run_info

    _run(run_info)


def _turn_caching_off() -> None:
    """--no-cache: the rubric's compiled pattern keys are read in this process and in every worker
    process, so the choice goes in the environment they share."""
    os.environ["HPIG_AUDIT_NO_CACHE"] = "1"


def _run(action) -> None:  # type: ignore[no-untyped-def]
    """Run a command; library errors become one line on stderr and exit code 2, never a traceback."""
    try:
        code = action()
    except HpigError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:
        # The reader went away (`hpig-audit eval ... | head`): stop quietly, without a traceback
        # when Python flushes stdout at exit. The report was not written in full, so not 0.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.ERROR))
    except Exception as exc:  # a bug of ours: still one line, with the way to see more
        if os.environ.get("HPIG_AUDIT_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); set HPIG_AUDIT_DEBUG=1 to see the traceback and please report it")
    raise typer.Exit(int(code or ExitCode.OK))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
