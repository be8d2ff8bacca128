"""Result types of an audit: the JSON contract. Frozen, typed, documented field by field.

`AuditReport.model_dump_json()` is what `--format json` prints; `hpig-audit schema` publishes the
JSON Schema generated from these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

Level = Literal["met", "partial", "not_met"]
LEVEL_POINTS: dict[str, int] = {"met": 2, "partial": 1, "not_met": 0}
LEVELS: tuple[Level, ...] = ("not_met", "partial", "met")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolInfo(_Frozen):
    name: str = Field(description="Always 'hpig-audit'.")
    version: str = Field(description="Version of hpig-audit that produced the report.")


class RubricInfo(_Frozen):
    id: str = Field(description="Rubric identifier, e.g. 'hpig-2023'.")
    version: str = Field(description="Rubric version; a changed rubric can change levels.")


class Evidence(_Frozen):
    quote: str = Field(description="The passage, as it stands in the document (trimmed to a sentence or two).")
    page: int | None = Field(description="1-based page number; null where the format has no pages.")
    section: str | None = Field(description="The heading the passage sits under, if any.")
    line: int | None = Field(default=None, description="1-based source line (Markdown and text files), else null.")


class Finding(_Frozen):
    criterion: str = Field(description="Criterion ID, e.g. 'LD1' (stable across versions).")
    title: str = Field(description="Short title of the criterion.")
    theme: str = Field(description="Theme ID, e.g. 'leadership'.")
    level: Level = Field(description="met, partial or not_met.")
    score: int = Field(description="Points for the level: met 2, partial 1, not_met 0.")
    reason: str = Field(description="Why this level: which rule fired on which passage, and what held a passage back.")
    evidence: tuple[Evidence, ...] = Field(description="Supporting passages, strongest first (empty when not_met).")
    recommendation: str | None = Field(description="What the authors could do; null when the criterion is met.")
    location: Evidence | None = Field(
        default=None,
        description="Where a gap sits (not_met only): the heading of the section the criterion's theme is written "
        "in, else of the children's section; null when there is evidence or no such heading.",
    )


class ThemeScore(_Frozen):
    id: str = Field(description="Theme ID.")
    name: str = Field(description="Theme name as shown to people.")
    score: float = Field(description="Weighted share of the theme's maximum points, 0-100, one decimal.")


class DocumentResult(_Frozen):
    source: str = Field(description="Path or URL as given.")
    sha256: str = Field(description="SHA-256 of the document's bytes.")
    type: str = Field(description="Detected format: pdf, docx, html, markdown or text.")
    pages: int | None = Field(description="Page count where the format has pages, else null.")
    score: float = Field(description="Overall score 0-100: the weighted mean of the theme scores.")
    themes: tuple[ThemeScore, ...] = Field(description="One entry per theme, in rubric order.")
    findings: tuple[Finding, ...] = Field(description="One finding per criterion, in rubric order.")
    warnings: tuple[str, ...] = Field(description="Problems that did not stop the audit.")
    meta: dict[str, str] = Field(
        default_factory=dict,
        description="From a corpus manifest, where given: ics (the system's name), type (strategy, jfp, plan "
        "or other) and year. Omitted from the JSON when empty, so reports made without a manifest are unchanged.",
    )

    @model_serializer(mode="wrap")
    def _omit_empty_meta(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data = handler(self)
        if not self.meta:
            data.pop("meta", None)
        return data


class SkippedDocument(_Frozen):
    source: str = Field(description="Path or URL as given.")
    reason: str = Field(description="One line saying why it could not be audited.")


class AuditReport(_Frozen):
    tool: ToolInfo
    rubric: RubricInfo
    documents: tuple[DocumentResult, ...] = Field(description="Audited documents, in the order given.")
    skipped: tuple[SkippedDocument, ...] = Field(default=(), description="Documents that could not be audited.")
