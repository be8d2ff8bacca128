"""Pieces every loader shares: draft blocks, section assignment, whitespace folding, text decoding.

Parsers build cheap mutable `Draft`s and return a `Parsed`; `to_blocks` turns them into the frozen
`Block`s of the document model in one place, so the "section = nearest heading above" rule is
applied identically for every format.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from hpig_audit.document import Block, BlockKind

BULLETS = frozenset("•·▪◦●○■□➢►▶▸‣⁃✓✔✗✘➤➔→★☆◆◇♦\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8")
"""Characters that start a list item in PDF and plain text, including Wingdings and Symbol bullets."""
BULLET_CLASS = re.escape("".join(sorted(BULLETS)))
"""BULLETS as the inside of a regex character class."""


class Unreadable(Exception):
    """Raised by a parser with a short, one-line reason; `load_document` adds the source."""


@dataclass(slots=True)
class Draft:
    """A block before sections are assigned."""

    text: str
    kind: BlockKind = "paragraph"
    level: int | None = None
    page: int | None = None
    line: int | None = None


@dataclass(slots=True)
class Parsed:
    """What a format parser returns."""

    blocks: list[Draft]
    title: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


# Invisible characters that are not whitespace to str.split() but never part of the visible text.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Typeset ligatures, as PDFs set in a design tool give them ("identiﬁed", "staﬀ"), and the Unicode
# hyphens, as letters and the ASCII hyphen: what a reader sees, and what the rubric's words spell.
_LETTERS = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
            "\u2010": "-", "\u2011": "-"}
_REPLACED = {**dict.fromkeys(map(ord, _INVISIBLE)), **{ord(char): letters for char, letters in _LETTERS.items()}}
# Characters fold() changes, besides runs of spaces: whitespace other than " " (str.split's set),
# the invisible ones, ligatures and hyphens.
_NEEDS_FOLDING = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    f"{_INVISIBLE}{''.join(_LETTERS)}]"
)


def fold(text: str) -> str:
    """Fold runs of whitespace to one space, drop invisible characters, and spell out ligatures and
    Unicode hyphens; nothing else changes."""
    # Most blocks are already clean; these C-speed scans are far cheaper than split() and join().
    if "  " not in text and text[:1] != " " and text[-1:] != " " and not _NEEDS_FOLDING.search(text):
        return text
    return " ".join(text.translate(_REPLACED).split())


def to_blocks(drafts: list[Draft]) -> tuple[Block, ...]:
    """Freeze drafts into `Block`s, dropping empty ones and giving each the nearest heading above."""
    blocks: list[Block] = []
    section: str | None = None
    for draft in drafts:
        text = fold(draft.text)
        if not text.isprintable():  # control characters would break JSON, XML and SARIF reports
            text = fold(strip_controls(text))
        if not text:
            continue
        if draft.kind == "heading":
            section = text
        blocks.append(
            Block(
                text=text,
                kind=draft.kind,
                level=draft.level if draft.kind == "heading" else None,
                page=draft.page,
                section=section,
                line=draft.line,
            )
        )
    return tuple(blocks)


def first_heading(drafts: list[Draft]) -> str | None:
    """The first heading's text, preferring a top-level one near the start (used as a fallback title)."""
    headings = [d for d in drafts[:200] if d.kind == "heading" and fold(d.text)]
    if not headings:
        return None
    best = min(headings[:10], key=lambda d: d.level or 9)
    return fold(best.text)


_FILE_NAME_ENDINGS = (".doc", ".docx", ".pdf", ".indd", ".ppt", ".pptx", ".rtf", ".odt", ".dotx", ".txt")
_PLACEHOLDER_TITLE = re.compile(r"^(?:untitled|title|document\s*\d*|presentation\s*\d*|slide \d+|powerpoint presentation)$", re.I)


def plausible_title(title: str | None) -> str | None:
    """A metadata title worth showing, or None for producer leftovers ("Document1", "x.docx")."""
    title = fold(title or "")
    lowered = title.lower()
    if not title or _PLACEHOLDER_TITLE.match(title) or lowered.endswith(_FILE_NAME_ENDINGS):
        return None
    if lowered.startswith("microsoft word - "):
        return None
    return title


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def known_codec(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_text(data: bytes, *declared: str | None) -> str:
    """Decode text: a BOM wins, then the first declared charset Python knows, then UTF-8, then cp1252.

    Browsers treat latin-1 labels as windows-1252, and so do we: curly quotes in old pages decode right.
    """
    encoding, skip = bom_encoding(data)
    if encoding:
        return data[skip:].decode(encoding, errors="replace")
    for name in declared:
        codec = known_codec(name)
        if codec:
            if codec in ("latin-1", "iso8859-1", "ascii"):
                codec = "cp1252"
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def decode_newline_text(data: bytes, charset: str | None = None) -> str:
    """Decode a line-based format (Markdown, plain text) with every line ending made "\\n", so line
    numbers match what the author's editor shows whether the file came from Windows, old Mac or Unix."""
    return decode_text(data, charset).replace("\r\n", "\n").replace("\r", "\n")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Remove control characters that some producers leave in text (they would break output formats)."""
    return _CONTROL.sub("", text)
