"""Recognise a document's format from its content; the file name only breaks ties.

Strategies are often downloaded with the wrong extension (a PDF saved as .docx, a web page saved
as .txt), so the bytes decide: magic numbers for PDF and DOCX, tag density for HTML, heading and
link syntax for Markdown. The extension (or the HTTP Content-Type) matters only when the text
itself is ambiguous, e.g. a .md file with no Markdown syntax in it.
"""

from __future__ import annotations

import io
import re
import zipfile

from hpig_audit.load.common import bom_encoding

_HEAD = 65536

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (.doc/.xls/.ppt); save it as DOCX or PDF"),
    (b"{\\rtf", "RTF document; save it as DOCX or PDF"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(
    r"<(?:html|head|body|div|p|span|h[1-6]|ul|ol|li|table|tr|td|a\s|section|article|main|nav|meta|br|title|script)\b",
    re.I,
)
_MD_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_SETEXT = re.compile(r"^[^\n\-=#>*].*\n {0,3}(?:=+|-{3,})[ \t]*$", re.M)
_MD_LINK = re.compile(r"!?\[[^\]\n]+\]\([^)\s]+[^)]*\)")
# A fence is three to a few backticks or tildes, perhaps with a language; a long line of them
# across the page is a plain-text rule.
_MD_FENCE = re.compile(r"^ {0,3}(?:`{3,6}|~{3,6})[ \t]*[\w+-]*[ \t]*$", re.M)
_MD_EMPHASIS = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
_MD_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.M)
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)

_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "docm": "docx",
    "htm": "html",
    "html": "html",
    "xhtml": "html",
    "md": "markdown",
    "markdown": "markdown",
    "mdown": "markdown",
    "txt": "text",
    "text": "text",
}

_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
}


def type_from_name(name: str) -> str | None:
    """The type an extension suggests (None if it suggests nothing we read)."""
    base = name.rsplit("/", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    if "." not in base:
        return None
    return _EXTENSIONS.get(base.rsplit(".", 1)[-1].lower())


def type_from_content_type(content_type: str | None) -> str | None:
    """The type an HTTP Content-Type header suggests."""
    if not content_type:
        return None
    return _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def detect_type(data: bytes, name: str, content_type: str | None = None) -> str | None:
    """Return "pdf", "docx", "html", "markdown" or "text" from the content, or None if unsupported.

    `name` (a file name or URL) and `content_type` are hints used only when the content is ambiguous.
    """
    hint = type_from_content_type(content_type) or type_from_name(name)
    head = data[:_HEAD]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        # A zip named .docx that is not a valid Word file goes to the DOCX reader for a precise error.
        return "docx" if _is_docx(data) or hint == "docx" else None
    if describe_binary(head):
        return None
    text = _as_text(head)
    if text is None:
        return None
    if _looks_like_html(head, text, hint):
        return "html"
    return _markdown_or_text(text, hint)


def describe_binary(data: bytes) -> str | None:
    """A short name for well-known binary formats we do not read (for the error message)."""
    head = data[:16]
    for magic, label in _BINARY_MAGIC:
        if head.startswith(magic):
            return label
    if head.startswith(b"PK\x03\x04"):
        return "zip archive that is not a Word document"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _as_text(head: bytes) -> str | None:
    """Decode the start of the file as text, or None if it is binary (NULs, many control bytes)."""
    encoding, skip = bom_encoding(head)
    if encoding:
        return head[skip:].decode(encoding, errors="replace")
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", errors="replace")
    if not text:
        return text
    odd = sum(1 for ch in text[:8192] if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    if odd > max(8, len(text[:8192]) // 20):
        # Not UTF-8: accept it as a legacy 8-bit text only if it has few control bytes.
        controls = sum(1 for b in head[:8192] if b < 32 and b not in (9, 10, 12, 13))
        if controls > len(head[:8192]) // 50:
            return None
        return head.decode("cp1252", errors="replace")
    return text


def _looks_like_html(head: bytes, text: str, hint: str | None) -> bool:
    if _HTML_START.match(head[:4096]):
        return True
    tags = len(_HTML_TAG.findall(text))
    if hint == "html":
        return tags >= 1
    markdown_marks = len(_MD_ATX.findall(text)) + len(_MD_LINK.findall(text))
    # Markdown may embed a few tags; a web page is mostly tags.
    return tags >= 5 and tags > 3 * markdown_marks and ("</" in text)


def _markdown_or_text(text: str, hint: str | None) -> str:
    # Underlined headings ("SUMMARY" over "-------"), **bold** words and lists are plain-text habits
    # as much as Markdown's, so in a file named as text they say nothing: only headings marked
    # with #, links, fences and table rules make it Markdown.
    plain = hint == "text"
    setext = 0 if plain else len(_MD_SETEXT.findall(text))
    score = (
        3 * len(_MD_ATX.findall(text))
        + 2 * setext
        + 2 * len(_MD_LINK.findall(text))
        + 3 * len(_MD_FENCE.findall(text))
        + 3 * len(_MD_TABLE_RULE.findall(text))
        + (0 if plain else min(3, len(_MD_EMPHASIS.findall(text))))
        + (0 if plain else min(2, len(_MD_LIST.findall(text)) // 2))
    )
    # One heading, link, fence or table is Markdown; lists and bold alone are common in plain text
    # too, so there the extension decides.
    if hint == "markdown" or score >= 3:
        return "markdown"
    return "text"
