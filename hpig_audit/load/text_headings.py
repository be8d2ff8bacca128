"""Which lines of a plain-text file are headings, by the line itself and the lines around it.

A heading is a short line (at most 12 words, or 20 when it names the priority it opens: "Ambition 3:
..."; no closing full stop, not a list item) that stands apart: first in its run of lines or after a
paragraph on one line, and over a longer paragraph or a list. In text copied from a web page (a
paragraph per line, often no blank lines) a heading may also follow a line that ends a sentence or a
list item, or another heading, and stand over a sentence, a lead-in or a fact; what belongs with the
lines around it (a quotation's speaker, a lead-in whose list follows, a slogan, a sentence broken
across lines) does not.
"""

from __future__ import annotations

import re

from hpig_audit.load.common import BULLET_CLASS

LIST_ITEM = re.compile(rf"^\s*(?:[-*–{BULLET_CLASS}]|\d{{1,3}}[.)]|\(?[a-z]\))\s+\S")
ORDERED_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|\(?[a-z]\))\s+\S")
NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\.|(?:section|chapter|part)\s+\w+)\s+\S", re.I)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
LONG_LINE = 100  # characters: longer than any hard-wrap width, so a whole paragraph on one line
CONTINUES = re.compile(r"(?:[,;:(&/-]|\b(?:and|or|of|the|for|to|with|in|on|a|an|by|from|at|as|our|their|its|is|are|will|that|which))$", re.I)
_MAX_HEADING_WORDS = 12
# A heading that says which of the document's priorities it opens ("Ambition 3: Children and young
# people - the best start and a good childhood") may run longer.
_LABELLED = re.compile(
    r"^(?:ambition|priority|chapter|section|theme|goal|outcome|objective|part|pillar|workstream)\s+"
    r"(?:\d{1,2}|[A-Z]|one|two|three|four|five|six|seven|eight|nine|ten)\s*[:.\u2013\u2014-]\s",
    re.I,
)
_MAX_LABELLED_WORDS = 20
_MODAL = re.compile(r"\b(?:will|shall|should|must|would|can|could)\b", re.I)
# A sentence's subject opening a lead-in ("We used four methods:"), not a heading's first word.
# ("IT systems:" and "YOU SAID, WE DID:" are headings: the pronoun is as written, and a lead-in
# has no comma.)
_LEAD_IN_SUBJECT = re.compile(r"(?:We|They|I|He|She|It|You)\s+[a-z]\w*")
_MIN_SENTENCE_WORDS = 6  # words in a sentence a heading of running text may stand over
# A line of data, not a heading: "Population: 241,600", "Aged 0 to 17: 214,000 (19%)", "11 March 2025".
_DATA_LINE = re.compile(
    r"^[^:]{1,60}:\s*[£$]?\d[\d,.%]*\b|^\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{4}$"
)
# Who said a quotation: after a dash, or a name or post then a comma and a post, place or age.
_ATTRIBUTION = re.compile(r"^(?:[-–—]\s*\S|[A-Z][\w'’.-]*(?: [A-Z&][\w'’.-]*){0,5}, (?:[A-Z]|aged? \d|\d{1,2}\b))")
_OPENING_QUOTES = ('"', "\u201c")
_CLOSING_QUOTES = ('"', "\u201d")
_SIGNATURE = re.compile(r"^(?:Dr|Doctor|Professor|Prof|Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame)\.?\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s*(?:,|$)")


def heading_at(lines: list[str], index: int, after_heading: bool, one_per_line: bool) -> bool:
    """Whether the line at `index` of a run is a heading, by what comes before and after it. In
    running text a line that stands apart only because a heading is above it must head more than a
    short sentence (a slogan over "We say this often." does not)."""
    if not _may_stand_apart(lines, index, one_per_line):
        return False
    title = index < 2  # a title over a section heading is found only at the top of a run
    if index == 0 or _follows_text(lines[index - 1], one_per_line):
        return _heads(lines, index, one_per_line, over_heading=title)
    return one_per_line and after_heading and _heads(lines, index, one_per_line, over_heading=title, over_sentence=False)


def _may_stand_apart(lines: list[str], index: int, one_per_line: bool) -> bool:
    """False for a line that belongs with what is around it in running text: a lead-in whose list or
    sentence follows ("For adults:" before "- ..."), or the line after a quotation (who said it)."""
    if not one_per_line or index == 0:
        return True
    line, previous = lines[index], lines[index - 1]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if line.endswith(":") and (following[:1].islower() or LIST_ITEM.match(following)):
        return False
    return not previous.endswith(_CLOSING_QUOTES)


def attribution(previous_run: list[str], run: list[str]) -> bool:
    """Whether the first line of `run` names who said the quotation that is the run before ("Amira
    Khan, Youth Council Chair", "- Jo, aged 15"): it belongs with that quotation and heads nothing.
    Not after a sentence that names its speaker before quoting ('A pupil said: "..."'); and a line
    over a quotation of its own ("Pellbridge Council, Children's Services" over "We welcome...")
    or in capitals ("YOU SAID, WE DID") is a heading."""
    if not previous_run or not previous_run[0].startswith(_OPENING_QUOTES) or not previous_run[-1].endswith(_CLOSING_QUOTES):
        return False
    line = run[0]
    if in_capitals(line) or (len(run) > 1 and run[1].startswith(_OPENING_QUOTES)):
        return False
    return bool(_ATTRIBUTION.match(line))


def _follows_text(previous: str, one_per_line: bool) -> bool:
    """Whether a heading may follow `previous`: a paragraph on one line, or in running text any
    line that ends a sentence, or a list item."""
    if whole_paragraph(previous):
        return True
    return one_per_line and (bool(SENTENCE_END.search(previous)) or bool(LIST_ITEM.match(previous)))


def _heads(lines: list[str], index: int, one_per_line: bool, *, over_heading: bool = True, over_sentence: bool = True) -> bool:
    """Whether the line at `index` is a heading by itself and what follows it (in running text,
    also over a short sentence when `over_sentence`, and as a title over the heading after it when
    `over_heading`)."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    if one_per_line and _DATA_LINE.match(line) or (" | " in line and following is not None and " | " in following):
        return False  # a fact ("Population: 241,600"), a date, or a table's header row
    if is_heading(line, following):
        return True
    if not (one_per_line and following is not None and is_heading(line, None)):
        return False
    if following[:1].islower() or CONTINUES.search(line):
        return False  # a sentence broken across two lines ("... change across the" / "entire system.")
    # In running text a heading may stand over a short sentence, a list's lead-in ("By March
    # 2026 we will:") or a fact ("Population: 241,600"), or be a title over a section heading.
    # (A slogan over a short sentence, "Every child matters" over "We say this often.", heads nothing.)
    sentence = over_sentence and bool(SENTENCE_END.search(following)) and len(following.split()) >= _MIN_SENTENCE_WORDS
    if sentence or following.endswith(":") or _DATA_LINE.match(following):
        return True
    return over_heading and _heads(lines, index + 1, one_per_line, over_heading=False)


def own_line(previous: str, line: str) -> bool:
    """In text with a paragraph per line: whether `line` starts a block of its own, rather than
    carrying on a sentence broken after `previous`."""
    return not (CONTINUES.search(previous) and line[:1].islower())


def whole_paragraph(line: str) -> bool:
    """A long line ending a sentence: a paragraph on one line, after which a heading may follow."""
    return len(line) > LONG_LINE and bool(SENTENCE_END.search(line))


def is_heading(line: str, following: str | None) -> bool:
    """A short line with no closing full stop, followed by nothing, a longer paragraph or a list."""
    words = line.split()
    # (Not a labelled sentence left without its stop: "Outcome 1: Children ... will wait no more than".)
    labelled = _LABELLED.match(line) is not None and _MODAL.search(line) is None
    if not words or len(words) > (_MAX_LABELLED_WORDS if labelled else _MAX_HEADING_WORDS) or len(line) > (140 if labelled else 100):
        return False
    # A numbered line is an item of a numbered list when another numbered item follows; before
    # text or bulleted items it is a numbered heading ("2. FEELING OK" over "► ...").
    following_item = following is not None and ORDERED_ITEM.match(following) is not None
    if LIST_ITEM.match(line) and (not NUMBERED.match(line) or following_item):
        return False  # a list item, unless it is a numbered heading ("1. Introduction") before text
    if (line.endswith((",", ";")) or SENTENCE_END.search(line)) and not line.isupper():
        return False  # a sentence, also one ending in a quotation ('A pupil said: "Ask us."')
    if line.endswith(":") and len(words) > 4 and not (line.isupper() or title_case(words)):
        return False  # "Young people told us:" introduces a list; it is a sentence, not a heading
    if line.endswith(":") and _LEAD_IN_SUBJECT.match(line) and "," not in line:
        return False  # "We used four methods:", "They told us:": a sentence's lead-in, however short
    if not any(ch.isalpha() for ch in line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    if _SIGNATURE.match(line):
        return False  # "Dr Jane Ellis" under a foreword signs it; it heads nothing
    if following is None:
        return True
    # A labelled heading ("Priority 2: Special educational needs and disabilities and
    # neurodiversity") may be nearly as long as the hard-wrapped lines of the paragraph it heads.
    # (Not the first of a list of them: "Ambition 1: ..." over "Ambition 2: ...".)
    # (Nor a labelled sentence broken at the end of a line: "Objective 3: Cut the time ... in".)
    over_prose = (
        labelled
        and following[:1].isupper()
        and len(following) >= max(len(line), 40)
        and not _LABELLED.match(following)
        and not CONTINUES.search(line)
    )
    return following_item or over_prose or len(following) > max(len(line) * 1.5, 40)


def in_capitals(text: str) -> bool:
    """ALL CAPS, allowing a plural acronym or two ("ANNEX A: CHECKLIST FOR ICBs")."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def title_case(words: list[str]) -> bool:
    """Most longer words capitalised ("Our Plan for Children and Families")."""
    long_words = [word for word in words if len(word) >= 4]
    return bool(long_words) and sum(word[0].isupper() for word in long_words) >= 0.6 * len(long_words)
