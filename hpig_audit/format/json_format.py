"""The JSON report: the public contract, byte-identical for the same inputs."""

from __future__ import annotations

import json

from hpig_audit.format import RenderOptions
from hpig_audit.report import AuditReport


def render(report: AuditReport, options: RenderOptions) -> str:
    # Dump through json with sorted keys off and fixed separators: the field order of the models
    # is the documented order, and nothing here depends on time or dict ordering of input.
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
