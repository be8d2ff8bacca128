"""The JSON report: the public contract, byte-identical for the same inputs."""

from __future__ import annotations

from hpig_audit.format import RenderOptions
from hpig_audit.report import AuditReport


def render(report: AuditReport, options: RenderOptions) -> str:
    # pydantic's serializer (fast, in Rust): fields in the documented order of the models, two-space
    # indent, UTF-8 text as is; nothing depends on time or on the order of any input dict.
    return report.model_dump_json(indent=2) + "\n"
