"""The corpus summary as JSON: the `Summary` model, fields in their documented order."""

from __future__ import annotations

import json

from hpig_audit.summary import Summary


def render(summary: Summary, *, color: bool = False, width: int = 100) -> str:
    return json.dumps(summary.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
