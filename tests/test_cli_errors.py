"""An unexpected error inside a command is one line on stderr and exit code 2, never a traceback
(unless HPIG_AUDIT_DEBUG asks for it)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hpig_audit import cli
from hpig_audit.commands import rubrics


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the rubric fell over")


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HPIG_AUDIT_DEBUG", raising=False)
    monkeypatch.setattr(rubrics, "run_explain", _explode)
    result = CliRunner().invoke(cli.app, ["explain", "LD1"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "internal error (RuntimeError: the rubric fell over)" in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPIG_AUDIT_DEBUG", "1")
    monkeypatch.setattr(rubrics, "run_explain", _explode)
    result = CliRunner().invoke(cli.app, ["explain", "LD1"])
    assert isinstance(result.exception, RuntimeError)


def test_a_reader_that_goes_away_stops_the_command_quietly() -> None:
    # `hpig-audit ... | head`: the pipe closes before the report is written.
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "samples" / "weak-strategy.md"
    command = [sys.executable, "-m", "hpig_audit.cli", "audit", str(sample), "--no-config"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 2
    assert "Traceback" not in errors and "internal error" not in errors
    assert "BrokenPipe" not in errors
