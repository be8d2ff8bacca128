"""Loaders: turn a path or URL (PDF, DOCX, HTML, Markdown or text) into a `ParsedDocument`.

`load_document` is the only entry point. The format comes from the content (see `sniff`), each
format has its own parser returning draft blocks, and the located `Block`s (page, section, line)
are assembled here so every format follows the same rules. Any failure to read a document is a
`LoadError` with a one-line reason; no library exception escapes for bad input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable

from hpig_audit.document import ParsedDocument
from hpig_audit.errors import LoadError
from hpig_audit.gcpause import collector_paused
from hpig_audit.load.common import Parsed, Unreadable, to_blocks
from hpig_audit.load.fetch import is_url, read_source
from hpig_audit.load.sniff import describe_binary, detect_type

__all__ = ["load_document", "read_document", "parse_document", "RawDocument", "detect_type", "is_url", "LoadError"]

Parser = Callable[[bytes, "str | None"], Parsed]


def _parser(kind: str) -> Parser:
    """Import parsers lazily: a text audit should not pay for importing pdfium or python-docx."""
    if kind == "pdf":
        from hpig_audit.load.pdf import parse_pdf

        return parse_pdf
    if kind == "docx":
        from hpig_audit.load.docx import parse_docx

        return parse_docx
    if kind == "html":
        from hpig_audit.load.html import parse_html

        return parse_html
    if kind == "markdown":
        from hpig_audit.load.markdown import parse_markdown

        return parse_markdown
    from hpig_audit.load.text import parse_text

    return parse_text


def load_document(source: str, *, timeout: float = 30.0) -> ParsedDocument:
    """Read `source` (a path or an http(s) URL) and return its located text.

    Raises `LoadError(source, reason)` for anything that cannot be read: missing file, directory,
    empty file, unsupported format, corrupt or encrypted PDF, invalid DOCX, HTTP error, network
    failure, or a document with no text at all.
    """
    return parse_document(read_document(source, timeout=timeout))


@dataclass(frozen=True)
class RawDocument:
    """A source's bytes and detected format, read but not yet parsed (the parse cache keys on it)."""

    source: str
    data: bytes
    kind: str
    charset: str | None
    sha256: str
    """SHA-256 of `data`, hex."""


def read_document(source: str, *, timeout: float = 30.0) -> RawDocument:
    """The first half of `load_document`: fetch or read the bytes and detect the format."""
    try:
        raw = read_source(source, timeout)
        kind = detect_type(raw.data, raw.name, raw.content_type)
        if kind is None:
            raise Unreadable(_unsupported_reason(raw.data, raw.content_type))
    except Unreadable as exc:
        raise LoadError(source, str(exc)) from None
    return RawDocument(source, raw.data, kind, raw.charset, hashlib.sha256(raw.data).hexdigest())


def parse_document(raw: RawDocument) -> ParsedDocument:
    """The second half of `load_document`: parse bytes already read into located text."""
    try:
        with collector_paused():
            parsed = _parse(raw.kind, raw.data, raw.charset)
            blocks = to_blocks(parsed.blocks)
        if not blocks:
            raise Unreadable(f"no text found in this {_LABELS[raw.kind]} document")
    except Unreadable as exc:
        raise LoadError(raw.source, str(exc)) from None
    return ParsedDocument(
        source=raw.source,
        sha256=raw.sha256,
        type=raw.kind,  # type: ignore[arg-type]  # detect_type only returns DocumentType values
        pages=parsed.pages if raw.kind == "pdf" else None,
        title=parsed.title,
        blocks=blocks,
        warnings=tuple(parsed.warnings),
    )


_LABELS = {"pdf": "PDF", "docx": "DOCX", "html": "HTML", "markdown": "Markdown", "text": "text"}


def _parse(kind: str, data: bytes, charset: str | None) -> Parsed:
    """Run the format's parser, turning any library exception on bad input into `Unreadable`."""
    try:
        return _parser(kind)(data, charset)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable(f"{_LABELS[kind]} document is nested too deeply to read") from None
    except MemoryError:
        raise Unreadable(f"{_LABELS[kind]} document is too large to read in memory") from None
    except Exception as exc:  # noqa: BLE001 - third-party parsers raise many types on corrupt input
        detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise Unreadable(f"could not read {_LABELS[kind]} document ({detail})") from None


def _unsupported_reason(data: bytes, content_type: str | None) -> str:
    label = describe_binary(data)
    if label:
        return f"unsupported format: {label}"
    if content_type:
        return f"unsupported format ({content_type})"
    return "unsupported format: not a PDF, DOCX, HTML, Markdown or text file"

