"""Formatters: pure functions from an `AuditReport` to text (or bytes, for spreadsheets).

Every output format is registered here by name; the CLI looks names up in `FORMATS`, and a test
checks that every advertised name has a renderer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from hpig_audit.report import AuditReport
    from hpig_audit.rubric.schema import Rubric


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need beyond the report itself."""

    rubric: "Rubric | None" = None
    """The rubric the report was made with: baselines, questions and theme names for richer formats."""
    color: bool = False
    """Terminal colours (table format only)."""
    width: int = 100
    """Terminal width (table format only)."""
    explain: bool = False
    """Show every rule and held-back passage behind each level."""
    partial_fails: bool = False
    """JUnit: count a partial criterion as a failed test case."""


Renderer = Callable[["AuditReport", RenderOptions], "str | bytes"]

# name -> "module:function", imported on first use so that `--help` stays fast.
_RENDERERS: dict[str, str] = {
    "table": "hpig_audit.format.table:render",
    "json": "hpig_audit.format.json_format:render",
    "markdown": "hpig_audit.format.markdown:render",
    "html": "hpig_audit.format.html:render",
    "csv": "hpig_audit.format.csv_format:render",
    "junit": "hpig_audit.format.junit:render",
    "sarif": "hpig_audit.format.sarif:render",
    "github": "hpig_audit.format.github:render",
    "xlsx": "hpig_audit.format.xlsx:render",
}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def renderer(name: str) -> Renderer:
    """Return the renderer registered under `name` (KeyError if there is none)."""
    module_name, function_name = _RENDERERS[name].split(":")
    return getattr(importlib.import_module(module_name), function_name)


def render(report: "AuditReport", name: str, options: RenderOptions | None = None) -> "str | bytes":
    return renderer(name)(report, options or RenderOptions())
