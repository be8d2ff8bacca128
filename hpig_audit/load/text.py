"""Plain-text loader: paragraphs, list items, and headings inferred from layout.

Text has no heading marks, so a heading is inferred from the line and the lines around it (see
`text_headings`). ALL CAPS and numbered lines ("2.1 Our priorities") give the level.

Two styles of text file are common: hard-wrapped text (a paragraph is a run of ~70-character
lines) and text copied from web pages (a paragraph is one long line, often with no blank line
between paragraphs). A run of lines is therefore split where a line ends a sentence and is
either long (a whole paragraph) or clearly shorter than the run's other lines (a paragraph's end).
"""

from __future__ import annotations

import re

from hpig_audit.load.common import BULLET_CLASS, Draft, Parsed, decode_newline_text, first_heading, fold
from hpig_audit.load.text_furniture import running_lines
from hpig_audit.load.text_headings import (
    CONTINUES,
    LIST_ITEM,
    LONG_LINE,
    NUMBERED,
    SENTENCE_END,
    attribution,
    heading_at,
    in_capitals,
    is_heading,
    own_line,
    whole_paragraph,
)

# "4.1 Recruit ...": a numbered paragraph, and an item where two or more stand in one run of lines
# (a hard-wrapped list of actions, each line run on under its number).
_SUB_NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,2}\.?\s+\S")
_LIST_MARKER = re.compile(rf"^\s*(?:[-*–{BULLET_CLASS}]|\(?[a-z]\))\s+")
# The contents list; a chapter-numbered line; how many make a long series (the skeleton under the
# title); how far a contents list may run; a contents entry's dot leaders and page number.
_CONTENTS = re.compile(r"^(?:table of )?contents$", re.I)
_CHAPTER_LINE = re.compile(r"^(\d{1,2})\.?\s+[A-Z][^.]{0,80}$")
_SKELETON_CHAPTERS = 4
_MAX_CONTENTS_LINES = 80
_CONTENTS_TAIL = re.compile(r"\s*(?:(?:\.\s?){3,}|…+)?\s*\d*\s*$")
# A heading that names a part of the document: never a chapter's sub-heading ("Section 75
# agreement" or "Part-time posts" name no part).
_PART_LABEL = re.compile(
    r"^(?:(?:part|section|chapter|appendix|annex|volume)\s+(?:[a-z]|\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six)(?:\s*[:.\u2013\u2014-]|$)|(?:appendices|annexes)\b)",
    re.I,
)
# A heading that names a part of the document, which the numbered chapters after it belong to.
_PART = re.compile(r"^(?:part|section|chapter|appendix|annex|volume|book)\b", re.I)
# A heading over a part of the document for children ("STARTING WELL: CHILDREN AND YOUNG PEOPLE"):
# chapters numbered after it belong to it.
_SECTION_TOPIC = re.compile(r"\b(?:children|young people|babies)\b", re.I)
# Text under a heading that announces what follows it.
_ANNOUNCES = re.compile(
    r"\bthis (?:part|section|chapter)\b|\b(?:set out|listed|described|summari[sz]ed|grouped) (?:below|in the (?:sections|chapters) (?:that follow|below))"
    r"|\bthe (?:sections|chapters|pages) (?:that follow|below)\b|\bas follows\b|\bfalls? into (?:two|three|four|five|six)\b",
    re.I,
)
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|\*{3,}|~{3,}|_{3,}|[─━═]{3,})\s*$")
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){5,}\s*\d*\s*$|…{3,}\s*\d*\s*$|\s(?:\.\s?){3,}\s*\d+\s*$|…\s*\d+\s*$")
_SHORT_LINE = 60  # characters: clearly shorter than a hard-wrapped line
# "Role - Name, post": one entry of a list of people or roles, each on its own line. Only a run
# of three or more such lines is a list: two wrapped lines of prose may each hold a dash.
_KEY_VALUE = re.compile(r"^[A-Z][\w'’ ,&()/.-]{1,60}?(?: [-–—]|[–—]) ?\S")
_TABLE_ROW = re.compile(r"\S\s+\|\s+\S.*\S\s+\|\s+\S")  # two or more " | " cell separators
# A gap of three or more spaces between words: a column boundary in a table laid out as text.
_COLUMN_GAP = re.compile(r"\S {3,}(?=\S)")
# Short lines that text copied from web pages is littered with; never content, dropped anywhere.
BOILERPLATE = frozenset(
    s.lower()
    for s in (
        "Skip to main content", "Skip to content", "Skip navigation", "Skip to navigation", "Skip to footer",
        "Language Translation", "Translate this page", "Select language", "Powered by Google Translate",
        "Scroll to Top", "Back to top", "Return to top", "Top of page", "Toggle navigation", "Close menu",
        "Open menu", "Main menu", "Search this site", "Search the site", "Print this page", "Share this page",
        "Share on Facebook", "Share on Twitter", "Share on LinkedIn", "Accept all cookies", "Reject all cookies",
        "Accept cookies", "Reject cookies", "Accept additional cookies", "Reject additional cookies",
        "Cookie settings", "Manage cookies", "Accessibility tools", "You are here:",
    )
)
# Generic one-word menu entries: boilerplate only in the page furniture before the content starts
# (a strategy may well have a section called "Home" or "Share" further down).
LEADING_BOILERPLATE = frozenset(
    "menu search print share home close cookies breadcrumb facebook twitter linkedin instagram youtube".split()
)
_CONTENT_WORDS = 6  # a line with this many words means the page furniture is over
# A page number on a line of its own ("Page 12", "Page 3 of 40", "- 7 -"): exported page furniture.
_PAGE_NUMBER = re.compile(r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–]\s*\d{1,4}\s*[-–])$", re.I)
# A running header or footer with the page number set apart by a run of spaces, as text extracted
# from a PDF keeps it: "Haverleigh CHS | Pathway Plan 2025-27        Page 7 of 13".
_RUNNING_LINE = re.compile(r"^\S.{0,150}?\S {3,}page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$|^page\s+\d{1,4}(?:\s+of\s+\d{1,4})? {3,}\S.{0,150}$", re.I)


def parse_text(data: bytes, charset: str | None = None) -> Parsed:
    """Parse plain text into blocks carrying their 1-based source line."""
    drafts = _Reader(decode_newline_text(data, charset).split("\n")).read()
    return Parsed(blocks=drafts, title=first_heading(drafts))


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.drafts: list[Draft] = []
        self.furniture = running_lines(lines)  # running titles and footers beside page breaks
        # Text copied from a web page as a whole: hardly a blank line, a paragraph per line. There
        # a line that does not end a sentence (a fact, a label, a list item) is a block of its own.
        filled = sum(1 for line in lines if line.strip())
        self.copied_page = filled >= 10 and len(lines) - filled < 0.1 * filled
        self.seen_heading = False
        self.base_level = 1
        # Chapters numbered in ALL CAPS ("4 WHAT FAMILIES TOLD US") are the document's skeleton:
        # the level of the last numbered heading while they are.
        self.caps_chapter: int | None = None
        # The level of the current series of numbered chapters: "6." after "5." is its sibling,
        # whatever unnumbered headings came between; a series starts again at "1".
        self.series_level: int | None = None
        # How many chapter-numbered lines ("6. Our workforce") the text has: a long series is its skeleton.
        self.chapters = len({m.group(1) for line in lines if (m := _CHAPTER_LINE.match(line.strip()))})
        self.contents_entries = self._contents_entries()
        # Where the last unnumbered heading sits in the drafts (its text follows it there).
        self.base_index: int | None = None
        # The run of lines before: a line naming a quotation's speaker follows a quotation there.
        self.previous_run: list[str] = []
        # How far each line is indented, by its number: a line hanging under a list item's text
        # ("1. Publishes the name of its lead, with a way to contact" over "   them directly.")
        # carries the item on.
        self.indents = [_indent(line) for line in lines]

    def read(self) -> list[Draft]:
        """Split the file into runs of non-blank lines (blank lines, form feeds and boilerplate end a run)."""
        run: list[tuple[int, str]] = []
        in_content = False
        for number, line in enumerate(self.lines, start=1):
            if "\f" in line:  # a page break in exported text: a boundary like a blank line
                self._run(run)
                run = []
                line = line.replace("\f", "")
            stripped = line.strip()
            lowered = stripped.lower()
            if (
                not stripped
                or number - 1 in self.furniture
                or lowered in BOILERPLATE
                or (not in_content and lowered in LEADING_BOILERPLATE)
                or _CONTENTS_ENTRY.search(stripped)  # "3 Our priorities .......... 12": a contents line
                or _PAGE_NUMBER.match(stripped)
                or _RUNNING_LINE.match(stripped)
            ):
                self._run(run)
                run = []
                continue
            in_content = in_content or len(stripped.split()) >= _CONTENT_WORDS
            if _UNDERLINE.match(stripped):
                # A line underlined with === or --- is a heading; a table's header row over its
                # rule ("Role      Responsibility") is not: it and the row below have columns.
                if len(run) == 1 and _COLUMN_GAP.search(run[0][1]) and _COLUMN_GAP.search(self._next_line(number)):
                    self._paragraphs(run)
                elif len(run) == 1 and is_heading(run[0][1], None):
                    self._heading(run[0][1], run[0][0])
                else:
                    self._run(run)  # a rule across the page ends what is above it, like a blank line
                run = []
            else:
                run.append((number, stripped))
        self._run(run)
        return self.drafts

    def _next_line(self, number: int) -> str:
        """The first non-blank line after line `number` (1-based), as written."""
        return next((line.strip() for line in self.lines[number:] if line.strip()), "")

    def _run(self, run: list[tuple[int, str]]) -> None:
        """A run of non-blank lines: headings (first line, or after a one-line paragraph; the
        document's opening short lines), paragraphs, items."""
        body: list[tuple[int, str]] = []
        # Text copied from a web page puts each paragraph on one line, often with no blank line
        # between them: there a heading may also follow a line that ends a sentence, a list item or
        # another heading, and may stand over a short sentence.
        one_per_line = any(whole_paragraph(line) for _, line in run)
        lines = [line for _, line in run]
        after_heading = False
        # The document's first run of two or three short lines is its title ("FELLWICK AND
        # SALTINGHURST" over "Children and Young People's Mental Health Crisis Pathway Plan").
        title = not self.drafts and 2 <= len(lines) <= 3 and all(is_heading(line, None) for line in lines)
        for index, (number, line) in enumerate(run):
            after_heading = title or heading_at(lines, index, after_heading, one_per_line)
            rest = lines[index + 1 :]
            if index == 0 and not title and is_heading(line, None) and _title_in_capitals(line, rest):
                # A heading in capitals broken over lines ("JOINT COMMISSIONING FRAMEWORK:" over
                # "PALLIATIVE CARE ... FOR CHILDREN AND YOUNG PEOPLE" over "2025-2028") is one.
                self._paragraphs(body, one_per_line)
                self._heading(" ".join([line, *rest]), number)
                body = []
                break
            if index == 0 and after_heading and attribution(self.previous_run, lines):
                after_heading = False  # who said the quotation in the run before
            if after_heading:
                self._paragraphs(body, one_per_line)
                body = []
                self._heading(line, number)
            else:
                body.append((number, line))
        self._paragraphs(body, one_per_line)
        if run:
            self.previous_run = lines

    def _heading(self, text: str, number: int) -> None:
        self.drafts.append(Draft(text, "heading", self._level(text), line=number))
        self.seen_heading = True

    def _level(self, text: str) -> int:
        """Plain text says little about nesting, so keep it shallow: the title and ALL CAPS
        headings are level 1, other headings level 2, and numbered headings ("6. Asthma",
        "2.1 Data") sit below the last unnumbered heading before their series began. A wrong deep
        nesting would put whole chapters under a heading they do not belong to."""
        caps = in_capitals(text)
        if NUMBERED.match(text) and text[0].isdigit():
            return self._numbered_level(text.split()[0].rstrip("."), caps)
        if self.caps_chapter is not None and not caps and not _PART_LABEL.match(text) and text.casefold() not in self.contents_entries:
            # Under a chapter numbered in capitals, a heading in mixed case ("Parents and carers")
            # is one of its sub-headings, not a new chapter; one naming a part or an annex
            # ("Annex A: Summary of statutory duties", "Appendices"), or listed in the contents
            # beside the chapters ("Summary of our actions"), starts a chapter of its own.
            return min(self.caps_chapter + 1, 6)
        self.caps_chapter = None
        level = 1 if not self.seen_heading or caps else 2
        self.base_level = level
        self.base_index = len(self.drafts)  # where this heading goes
        return level

    def _is_a_chapter_of_its_own(self, index: int) -> bool:
        """The unnumbered heading at `index` is a chapter beside the numbered ones after it: it is
        in capitals, neither names a part ("PART B") nor is for children ("STARTING WELL: CHILDREN
        AND YOUNG PEOPLE"), and has text of its own ("OUR PRIORITIES" with none introduces them)
        that does not announce them ("This section summarises the national policies")."""
        heading = self.drafts[index].text
        if not in_capitals(heading) or _PART.match(heading) or _SECTION_TOPIC.search(heading):
            return False
        body = [d.text for d in self.drafts[index + 1 :] if d.kind != "heading"]
        return bool(body) and not any(_ANNOUNCES.search(text) for text in body)

    def _numbered_level(self, number: str, caps: bool) -> int:
        """"6." keeps the level of the series it continues, whatever unnumbered headings came
        between; a series starts again at "1"; "2.1" sits one level below "2"."""
        depth = number.count(".")
        if self.series_level is None or (depth == 0 and number == "1"):
            # A series in capitals after a chapter of its own ("HOW WE WROTE IT", then "1. WHY
            # LISTENING MATTERS") is its sibling; otherwise the series sits under the heading.
            sibling = caps and self.base_index is not None and self._is_a_chapter_of_its_own(self.base_index)
            self.series_level = self.base_level if sibling else min(self.base_level + 1, 6)
        level = min(self.series_level + depth, 6)
        if depth == 0:
            self.caps_chapter = level if caps or self._skeleton() else None
        elif self.caps_chapter is not None:
            self.caps_chapter = level
        return level

    def _skeleton(self) -> bool:
        """The numbered chapters are the document's skeleton when their series starts straight
        under its contents ("Contents", then "1. Foreword" ... "10. Governance"), or under its
        title when there are many of them: a mixed-case heading between them ("Why this matters"
        under "6. Children and Young People's Programme") is one of the chapter's sub-headings,
        as under chapters in capitals."""
        if self.base_index is None:
            return self.chapters >= _SKELETON_CHAPTERS
        base = self.drafts[self.base_index]
        if _CONTENTS.match(base.text):
            return True
        # Straight under the title, only a long series is the skeleton ("1. Introduction" and "2. The
        # national context" may be two chapters among unnumbered parts of their own).
        under_title = base.level == 1 and not any(d.kind == "heading" for d in self.drafts[: self.base_index])
        return under_title and self.chapters >= _SKELETON_CHAPTERS

    def _contents_entries(self) -> set[str]:
        """The top-level entries of the contents list: the run of lines after a "Contents" line
        that are not indented, up to a blank line or one that repeats an entry."""
        start = next((i for i, line in enumerate(self.lines) if _CONTENTS.match(line.strip())), None)
        entries: set[str] = set()
        for line in self.lines[start + 1 : start + 1 + _MAX_CONTENTS_LINES] if start is not None else ():
            entry = _CONTENTS_TAIL.sub("", line).strip().casefold()
            if entry in entries or (not entry and entries):
                break  # the list is one run of lines
            if entry and not line[:1].isspace():  # an indented entry is a section's, not a part's
                entries.add(entry)
        return entries

    def _paragraphs(self, lines: list[tuple[int, str]], one_per_line: bool = False) -> None:
        """Paragraphs, list items and table rows of a run of lines without headings.

        In a run that puts each paragraph on one line (and is not hard-wrapped), a list item, and in
        a copied web page any line that does not end a sentence, is one line, unless the next line
        carries on a sentence broken at a comma or a joining word. In a copied page the unbulleted
        lines after a lead-in ending in ":" are its items, until a line that ends a sentence."""
        if not lines:
            return
        widest = max(len(line) for _, line in lines)
        rows = _table_rows([line for _, line in lines])
        entries = _entry_lines([line for _, line in lines])
        sub_numbered = [bool(_SUB_NUMBERED_ITEM.match(line)) for _, line in lines]
        numbered_list = sum(sub_numbered) >= 2
        # Text copied from a PDF is hard-wrapped: many lines near the full width end mid-sentence.
        # Its lines are not blocks of their own, copied page or not.
        open_lines = sum(1 for _, line in lines if not SENTENCE_END.search(line) and len(line) >= 0.8 * widest)
        hard_wrapped = open_lines >= 0.3 * len(lines)
        current: list[str] = []
        kind = "paragraph"
        start = 0
        in_list = False  # in a copied page: under a lead-in ending in ":", whose unbulleted lines are its items
        for index, ((number, stripped), is_row) in enumerate(zip(lines, rows)):
            is_item = bool(LIST_ITEM.match(stripped)) or (numbered_list and sub_numbered[index])
            is_entry = entries[index] and index > 0 and entries[index - 1]
            hangs = bool(current) and kind == "list_item" and not is_item and self._hangs(number, start, current, stripped, widest)
            line_ends = not hangs and (
                bool(current) and one_per_line and (kind == "list_item" or not hard_wrapped)
                and self._ends_at_its_line(current[-1], kind)
                and (own_line(current[-1], stripped) or (self.copied_page and current[-1].endswith(":")))
            )
            breaks = bool(current) and (line_ends or is_entry or (not hangs and _breaks_after(current[-1], stripped, widest)))
            if current and (breaks or is_item or is_row or kind == "table"):
                in_list = self.copied_page and one_per_line and (current[-1].endswith(":") or (in_list and kind == "list_item"))
                self._emit(current, kind, start)
                current = []
                # An unbulleted item ends without a full stop ("open four family hubs"); a line that
                # ends a sentence, another lead-in or a heading-like line is what comes after the list.
                following = lines[index + 1][1] if index + 1 < len(lines) else None
                in_list = in_list and not (SENTENCE_END.search(stripped) or stripped.endswith(":") or is_heading(stripped, following))
                is_item = is_item or (in_list and not is_row)
            if not current:
                kind = "list_item" if is_item else "table" if is_row else "paragraph"
                start = number
                stripped = _LIST_MARKER.sub("", stripped) if is_item else stripped
            if is_row:
                stripped = re.sub(r"\t+", " | ", stripped)  # tab-separated cells, kept apart
            current.append(stripped)
        if current:
            self._emit(current, kind, start)

    def _hangs(self, number: int, start: int, current: list[str], line: str, widest: int) -> bool:
        """Whether a line indented deeper than its list item's first line carries the item on: it
        goes on in lower case ("   them directly."), or the line before it is wrapped near the full
        width and breaks off after a comma, a colon or a joining word ("... including groups we
        rarely hear from:" over "   Spectrum Mardle (an LGBTQ+ youth group), ..."). Lines under
        a label ("5. Our shared priorities" over "   Priority 1: ...", a table laid out with
        spaces, a parent's quotation) are entries of their own."""
        deeper = self.indents[number - 1] > self.indents[start - 1]
        wrapped = len(current[-1]) >= _WRAPPED_SHARE * widest and CONTINUES.search(current[-1]) is not None
        return deeper and (line[:1].islower() or wrapped)

    def _ends_at_its_line(self, line: str, kind: str) -> bool:
        """In a run with a paragraph per line: a list item ends at its line, and in a copied web
        page so does a line that does not end a sentence (a fact, a label, a caption)."""
        return kind == "list_item" or (self.copied_page and not SENTENCE_END.search(line))

    def _emit(self, parts: list[str], kind: str, start: int) -> None:
        text = fold(_join_lines(parts))
        if text:
            self.drafts.append(Draft(text, kind, line=start))  # type: ignore[arg-type]


# A line at least this share of the run's widest line is taken as wrapped at the right margin.
_WRAPPED_SHARE = 0.6


_YEARS = re.compile(r"(?:19|20)\d\d(?:/\d\d)?(?:\s*(?:-|–|to)\s*(?:19|20)?\d\d(?:/\d\d)?)?")


def _title_in_capitals(line: str, rest: list[str]) -> bool:
    """A heading line in capitals that ends with a colon, whose run goes on with at most three
    more short lines of words in capitals (or a span of years) and nothing else: the parts of one
    heading.
    (Not a cover's "INTEGRATED CARE STRATEGY" over "2025 REFRESH": each line is whole.)"""
    return (
        in_capitals(line)
        and line.endswith(":")
        and 1 <= len(rest) <= 3
        and all(_YEARS.fullmatch(part) or _title_part(part) for part in rest)
    )


def _title_part(part: str) -> bool:
    """A line in capitals that can carry a heading on: words, not figures ("REFERRALS IN 2024:
    3,412" is a fact in a box of figures)."""
    return in_capitals(part) and len(part.split()) <= 14 and not part.endswith(".") and not any(ch.isdigit() for ch in part)


def _indent(line: str) -> int:
    """How far a line is indented: a tab to the next multiple of four, a page break not at all."""
    spaced = line.replace("\f", "").expandtabs(4)
    return len(spaced) - len(spaced.lstrip(" "))


def _join_lines(parts: list[str]) -> str:
    """The lines of a hard-wrapped paragraph as one text. A word hyphenated across the line break
    ("chil-" over "dren", as text exported from a justified PDF has them) is made whole again, so
    that "children" is found; a compound ("long-" over "term") keeps its hyphen."""
    pieces = parts[:1]
    # Each line is looked at on its own (not the text joined so far, which would make a long
    # paragraph quadratic).
    for previous, part in zip(parts, parts[1:]):
        broken = _LINE_END_HYPHEN.search(previous) if part[:1].islower() else None
        if broken is None:
            pieces.append(" " + part)
        elif broken.group(1).lower() in _COMPOUND_FIRST_WORDS:
            pieces.append(part)
        else:
            pieces[-1] = pieces[-1][:-1]
            pieces.append(part)
    return "".join(pieces)


# A line ending in a hyphen after letters ("con-", "neighbour-", "Kes-"): the part before it.
_LINE_END_HYPHEN = re.compile(r"([A-Za-z]+)-$")
# First words of the hyphenated compounds strategies use, whose hyphen is part of the word.
_COMPOUND_FIRST_WORDS = frozenset(
    "self well long short cross co multi non pre post anti inter full part one two three four five six "
    "high low early age year person family child young place system evidence trauma school community "
    "needs data user decision joined follow face hard seldom care step top day out in on off of to and".split()
)


def _table_rows(lines: list[str]) -> list[bool]:
    """Which lines are table rows: a line of three or more cells, or a two-cell line ("Role | Who")
    beside another, since one " | " on its own may be prose or a running header."""
    two_cells = [" | " in line for line in lines]
    rows = []
    for index, line in enumerate(lines):
        paired = two_cells[index] and ((index > 0 and two_cells[index - 1]) or (index + 1 < len(lines) and two_cells[index + 1]))
        rows.append(_is_table_row(line) or paired)
    return rows


def _entry_lines(lines: list[str]) -> list[bool]:
    """Which lines belong to a run of three or more "Role - Name" entries."""
    matches = [bool(_KEY_VALUE.match(line)) for line in lines]
    entries = [False] * len(lines)
    start = 0
    for end in range(len(lines) + 1):
        if end == len(lines) or not matches[end]:
            if end - start >= 3:
                entries[start:end] = [True] * (end - start)
            start = end + 1
    return entries


def _is_table_row(line: str) -> bool:
    """Cells separated by " | ", or by tabs: two or more tabs, or one between cells that each start
    like a cell (a capital or a digit), so that a stray tab inside a sentence is not a table."""
    if _TABLE_ROW.search(line):
        return True
    if "\t" not in line:
        return False
    cells = [cell.strip() for cell in re.split(r"\t+", line) if cell.strip()]
    return len(cells) >= 2 and (line.count("\t") >= 2 or all(cell[:1].isupper() or cell[:1].isdigit() for cell in cells))


def _breaks_after(previous: str, line: str, widest: int) -> bool:
    """Whether a new paragraph starts at `line` within a run of non-blank lines."""
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"'“‘("):
        return False
    if not SENTENCE_END.search(previous):
        # A run of short unpunctuated lines is a list (contents, names, menu items), not one
        # wrapped paragraph; a line ending in a comma or a joining word continues on the next.
        return len(previous) <= _SHORT_LINE and not CONTINUES.search(previous)
    return len(previous) > LONG_LINE or len(previous) < 0.6 * widest
