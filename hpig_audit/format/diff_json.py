"""The comparison of two audits as JSON: the `AuditDiff` model, fields in their documented order."""

from __future__ import annotations

import json

from hpig_audit.diff import AuditDiff


def render(diff: AuditDiff, *, color: bool = False, width: int = 100) -> str:
    return json.dumps(diff.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
