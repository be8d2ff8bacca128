"""The command line: a thin typer layer over the library. Heavy imports happen inside commands
so that `hpig-audit --help` stays fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from hpig_audit import __version__
from hpig_audit.errors import ExitCode, HpigError

app = typer.Typer(
    name="hpig-audit",
    help="Audit Integrated Care System strategies and plans against the HPIG criteria for babies, children and young people.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rubric_app = typer.Typer(help="List, show and validate rubrics.", no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")

RubricOption = Annotated[str, typer.Option("--rubric", "-r", help="Rubric file, or the ID of a shipped rubric.")]


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
    paths: Annotated[list[str], typer.Argument(help="Documents (PDF, DOCX, HTML, Markdown, text), directories or http(s) URLs.")],
    rubric: RubricOption = "hpig-2023",
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: table or json (see `hpig-audit formats`).")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file (atomically).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show the rule and passage behind every level.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
) -> None:
    """Audit documents against a rubric and report scored findings with evidence."""
    from hpig_audit.commands.audit import run_audit

    _run(lambda: run_audit(paths, rubric=rubric, format=format, output=output, explain=explain, force=force))


@app.command(name="eval")
def eval_command(
    labels: Annotated[Path, typer.Argument(help="A labels YAML file (format in the README).")],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="Rubric file or ID (default: the one the labels name).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Measure agreement between the rubric and hand-coded labels."""
    from hpig_audit.commands.evaluate import run_eval

    _run(lambda: run_eval(labels, rubric=rubric, format=format))


@app.command()
def explain(
    criterion: Annotated[str, typer.Argument(help="Criterion ID, e.g. LD1.")],
    rubric: RubricOption = "hpig-2023",
) -> None:
    """Explain a criterion: what it asks, what counts as met or partial, its source and 2023 baseline."""
    from hpig_audit.commands.rubrics import run_explain

    _run(lambda: run_explain(criterion, rubric))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from hpig_audit.commands.rubrics import run_schema

    _run(run_schema)


@rubric_app.command("list")
def rubric_list() -> None:
    """List the shipped rubrics."""
    from hpig_audit.commands.rubrics import run_list

    _run(run_list)


@rubric_app.command("show")
def rubric_show(rubric_id: Annotated[str, typer.Argument(help="Rubric ID or file.")] = "hpig-2023") -> None:
    """Show a rubric's themes and criteria."""
    from hpig_audit.commands.rubrics import run_show

    _run(lambda: run_show(rubric_id))


@rubric_app.command("validate")
def rubric_validate(path: Annotated[Path, typer.Argument(help="Rubric YAML file.")]) -> None:
    """Validate a rubric file and run its embedded examples."""
    from hpig_audit.commands.rubrics import run_validate

    _run(lambda: run_validate(path))


def _run(action) -> None:  # type: ignore[no-untyped-def]
    """Run a command; library errors become one line on stderr and exit code 2, never a traceback."""
    try:
        code = action()
    except HpigError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted")
    raise typer.Exit(int(code or ExitCode.OK))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
