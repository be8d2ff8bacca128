"""A parsed document: text in blocks, each with where it sits (page, section heading, source line).

Every loader produces a `ParsedDocument`; everything after loading works on it alone, so the
judgment never depends on the file format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

DocumentType = Literal["pdf", "docx", "html", "markdown", "text"]
BlockKind = Literal["heading", "paragraph", "list_item", "table"]


class Block(BaseModel):
    """One unit of text as the author laid it out: a heading, a paragraph, a list item or a table row."""

    model_config = ConfigDict(frozen=True)

    text: str
    """The block's text, whitespace folded to single spaces."""
    kind: BlockKind = "paragraph"
    level: int | None = None
    """For headings: 1 for a title or chapter, larger for sub-headings."""
    page: int | None = None
    """1-based page number where the format has pages (PDF), else None."""
    section: str | None = None
    """Text of the nearest heading above this block (a heading's own section is itself)."""
    line: int | None = None
    """1-based line in the source file where it has lines (Markdown, text), for CI annotations."""


class ParsedDocument(BaseModel):
    """A document turned into located text, ready to be judged."""

    model_config = ConfigDict(frozen=True)

    source: str
    """The path or URL as the user gave it."""
    sha256: str
    """SHA-256 of the raw bytes, hex."""
    type: DocumentType
    pages: int | None = None
    """Page count where the format has pages."""
    title: str | None = None
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the audit (e.g. pages with no text layer)."""

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)
