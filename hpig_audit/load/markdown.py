"""Markdown loader: ATX and setext headings, lists, paragraphs, block quotes, GFM tables.

A small line-based reader rather than a full CommonMark parser: strategies written in Markdown
use the plain subset, and we need each block's source `line` for CI annotations, which most
Markdown libraries do not report. Inline markup is removed (links keep their text, images and
HTML tags go, emphasis and code markers are stripped).
"""

from __future__ import annotations

import re

from hpig_audit.load.common import Draft, Parsed, decode_newline_text, first_heading, fold

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST = re.compile(r"^( {0,12})(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_QUOTE = re.compile(r"^ {0,3}> ?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)

_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]*)`+"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _em_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
]


def strip_inline(text: str) -> str:
    """Remove inline Markdown markup, keeping the words a reader sees."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def parse_markdown(data: bytes, charset: str | None = None) -> Parsed:
    """Parse Markdown bytes into blocks carrying their 1-based source line."""
    text = decode_newline_text(data, charset)
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)  # keep line numbers
    drafts = _Reader(text.split("\n")).read()
    return Parsed(blocks=drafts, title=first_heading(drafts))


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.drafts: list[Draft] = []
        self.buffer: list[str] = []  # lines of the open paragraph or list item
        self.start = 0  # 1-based line where the open block began
        self.kind = "paragraph"

    def read(self) -> list[Draft]:
        index = _front_matter_end(self.lines)
        while index < len(self.lines):
            index = self._line(index)
        self._flush()
        return self.drafts

    def _line(self, index: int) -> int:
        """Handle the line at `index`; return the index of the next line to read."""
        line = self.lines[index]
        number = index + 1
        if not line.strip():
            self._flush()
            return index + 1
        fence = _FENCE.match(line)
        if fence:
            return self._fenced(index, fence.group(1))
        if self.buffer and self.kind == "paragraph" and _SETEXT.match(line) and not _LIST.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            start = self.start
            text = " ".join(self.buffer)
            self.buffer = []
            self.drafts.append(Draft(strip_inline(text), "heading", level, line=start))
            return index + 1
        if _RULE.match(line) or _REFERENCE.match(line):
            self._flush()
            return index + 1
        atx = _ATX.match(line)
        if atx:
            self._flush()
            self.drafts.append(Draft(strip_inline(atx.group(2) or ""), "heading", len(atx.group(1)), line=number))
            return index + 1
        if "|" in line and index + 1 < len(self.lines) and _TABLE_RULE.match(self.lines[index + 1]) and "-" in self.lines[index + 1]:
            return self._table(index)
        self._text_line(_QUOTE.sub("", line), number)
        return index + 1

    def _text_line(self, line: str, number: int) -> None:
        item = _LIST.match(line)
        if item:
            self._flush()
            self._open("list_item", number)
            self.buffer.append(item.group(2) or "")
            return
        if not self.buffer:
            self._open("paragraph", number)
        # A non-marker line after a list item continues it (CommonMark "lazy continuation").
        self.buffer.append(line.strip())

    def _open(self, kind: str, number: int) -> None:
        self.kind = kind
        self.start = number

    def _flush(self) -> None:
        if self.buffer:
            text = fold(strip_inline(" ".join(self.buffer)))
            if text:
                self.drafts.append(Draft(text, self.kind, line=self.start))  # type: ignore[arg-type]
            self.buffer = []

    def _fenced(self, index: int, fence: str) -> int:
        """A fenced code block becomes one paragraph of its text (strategies rarely have code)."""
        self._flush()
        body = []
        end = index + 1
        while end < len(self.lines) and not self.lines[end].lstrip().startswith(fence):
            body.append(self.lines[end])
            end += 1
        text = fold(" ".join(body))
        if text:
            self.drafts.append(Draft(text, "paragraph", line=index + 2))
        return end + 1

    def _table(self, index: int) -> int:
        """A GFM table: each row (not the |---| rule) becomes a "table" block."""
        self._flush()
        end = index
        while end < len(self.lines) and "|" in self.lines[end] and self.lines[end].strip():
            if end != index + 1:
                cells = [fold(strip_inline(cell)) for cell in _split_row(self.lines[end])]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    self.drafts.append(Draft(text, "table", line=end + 1))
            end += 1
        return end


def _split_row(line: str) -> list[str]:
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


def _front_matter_end(lines: list[str]) -> int:
    """Skip a YAML front-matter block (--- ... ---) at the very top."""
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0
