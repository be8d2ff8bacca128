"""Cheap candidate selection for term groups.

Running some 250 alternation regexes over a 500-page document is slow in Python's `re`. Almost every
pattern starts with literal text, so we derive the literal keys one of which every match of a
pattern starts with (as long as the pattern allows: "children's social", "the ics"), index the
document's tokens by key, and try a group's regex only where one of its keys starts. A pattern
whose start is not literal (e.g. `\\w+`, `[A-Z]`) is scanned instead, over the sentences holding
the text every match of it contains (its anchors, such as `@`), or over all; so the result is
always the same as a full scan.

A key is lower case and may run past the end of its first token ("the ics"): a token start is a
candidate for it when the text there, lower-cased, begins with the key.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import NamedTuple

KEY_LENGTH = 16
"""Longest key: long enough to get past a common first word ("the ", "children's ")."""
SPAN_LENGTH = 5
"""Characters a key keeps beyond its first token ("the " + "ics")."""
LINE_START = "\n"
"""The key of a pattern that is anchored at the start of a line (`^[A-Z]...`): every line start is
a candidate."""
FIRST_CHAR = "\x01"
"""FIRST_CHAR + a character is the key of a pattern that starts with one of a few characters but no
literal text (`[A-Z][a-z]+ [A-Z]`): every token that starts with that character, case as written,
is a candidate."""
_MAX_PREFIXES = 64
_MAX_FIRST_CHARS = 64
# A token starts with a word character, so a word after an opening quote ('children') or a
# hyphen starts a token of its own, as a pattern's left edge lets a match start there.
_TOKEN = re.compile(r"\w[\w'-]*|[^\w\s]")
_INNER_START = re.compile(r"'(?=\w)")
_LINE_STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING)


def pattern_prefixes(pattern: str) -> set[str] | None:
    """Lower-case literal keys one of which every match of `pattern` starts with; None when
    unknown. Keys end in NUL where the pattern stops being literal ("deliver\0")."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    prefixes = _walk(list(parsed), {""}, KEY_LENGTH)
    # A key that is empty once its end mark is taken off ("(?:^|\\b)+the" ends its only key before
    # any text) would match nowhere in the index: such a pattern has no literal start.
    if prefixes is None or any(not clean(p) or p[:1].isspace() for p in prefixes):
        return {LINE_START} if _starts_a_line(list(parsed)) else None
    return {_shorten(prefix) for prefix in prefixes}


def pattern_first_chars(pattern: str, *, case_sensitive: bool) -> set[str] | None:
    """FIRST_CHAR keys: the characters, case as written, one of which every match of `pattern`
    starts with; None when any word character (or a space) may start it."""
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    chars = _first_chars(list(parsed), bool(flags))
    if chars is None or not chars or len(chars) > _MAX_FIRST_CHARS or any(c.isspace() for c in chars):
        return None
    return {FIRST_CHAR + c for c in chars}


def _first_chars(items: list, ignore_case: bool) -> set[str] | None:  # noqa: C901 - a small interpreter
    """The characters a match of `items` may start with, or None when unknown, too many, or when
    `items` may match nothing at all (then any character may start the match)."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            found = _cased({chr(av)}, ignore_case)
        elif op is sre.IN:
            found = _class_chars(av)
            found = None if found is None else _cased(found, ignore_case)
        elif op is sre.SUBPATTERN:
            add, remove = av[1], av[2]
            inner = (ignore_case or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            found = _first_chars(list(av[-1]), inner)
        elif op is sre.BRANCH:
            branches = [_first_chars(list(branch), ignore_case) for branch in av[1]]
            if any(b is None or not b for b in branches):
                return None
            found = set().union(*branches)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found = _first_chars(list(av[2]), ignore_case)
            if found is not None and av[0] == 0:
                chars |= found  # may repeat no times: what follows may start the match too
                continue
        else:
            return None
        if not found:
            return None
        return chars | found
    return None


def _class_chars(av: list) -> set[str] | None:
    """The characters of a class as written (`[A-Z]`, `[£$]`); None for categories (`\\w`) and
    negations."""
    chars: set[str] = set()
    for op, value in av:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 26:
            chars |= {chr(c) for c in range(value[0], value[1] + 1)}
        else:
            return None
    return chars


def _cased(chars: set[str], ignore_case: bool) -> set[str]:
    return {v for c in chars for v in (c.lower(), c.upper())} if ignore_case else chars


def _starts_a_line(items: list) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is sre.SUBPATTERN:
        return _starts_a_line(list(av[-1]))
    return op is sre.AT and av in _LINE_STARTS


def _shorten(prefix: str) -> str:
    """A key that runs past its first token keeps only SPAN_LENGTH characters beyond it: each
    occurrence of that token is checked one by one, so fewer key lengths cost less."""
    head = _TOKEN.match(prefix)
    if head is None or len(prefix) <= head.end() + SPAN_LENGTH:
        return prefix
    return prefix[: head.end() + SPAN_LENGTH] + "\0"


def _walk(items: list, prefixes: set[str], length: int) -> set[str] | None:  # noqa: C901 - a small interpreter
    """Extend every prefix through the parsed items until all are complete (NUL-ended or `length`
    long)."""
    for op, av in items:
        open_prefixes = {p for p in prefixes if not _complete(p, length)}
        if not open_prefixes:
            return prefixes
        done = prefixes - open_prefixes
        if op is sre.LITERAL:
            extended = {p + chr(av).lower() for p in open_prefixes}
        elif op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
            extended = {p + c for p in open_prefixes for c in "0123456789"}
        elif op is sre.IN:
            chars = _charset(av)
            if chars is None:
                return _stop(open_prefixes, done)
            extended = {p + c for p in open_prefixes for c in chars}
        elif op is sre.SUBPATTERN:
            extended = _walk(list(av[-1]), open_prefixes, length)
        elif op is sre.BRANCH:
            extended = set()
            for branch in av[1]:
                result = _walk(list(branch), open_prefixes, length)
                if result is None:
                    return _stop(open_prefixes, done)
                extended |= result
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, item = av
            once = _walk(list(item), open_prefixes, length)
            if once is None:
                return _stop(open_prefixes, done)
            if high != 1:
                # After one pass the repeat may continue, so a prefix still open there ends here.
                once = {p if _complete(p, length) else p + "\0" for p in once}
            extended = once | (open_prefixes if low == 0 else set())
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            extended = open_prefixes
        else:
            return _stop(open_prefixes, done)
        if extended is None:
            return None
        prefixes = done | extended
        if len(prefixes) > _MAX_PREFIXES:
            # Too many ways on: cut the keys back to where they branch, and stop there.
            return _cut(prefixes)
    return prefixes


def _complete(prefix: str, length: int) -> bool:
    return prefix.endswith("\0") or len(prefix) >= length


def _cut(prefixes: set[str]) -> set[str] | None:
    """The longest shortening of `prefixes` (all ended here) that leaves at most _MAX_PREFIXES.
    A prefix of a key is a key too: every match still starts with one of them."""
    bare = {p.replace("\0", "") for p in prefixes}
    for length in range(max(map(len, bare)), 0, -1):
        cut = {p[:length] for p in bare}
        if len(cut) <= _MAX_PREFIXES:
            return {p + "\0" for p in cut}
    return None


def _stop(open_prefixes: set[str], done: set[str]) -> set[str] | None:
    if "" in open_prefixes:
        return None
    return done | {p + "\0" for p in open_prefixes}


def _charset(av: list) -> set[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is sre.LITERAL:
            chars.add(chr(value).lower())
        elif op is sre.RANGE and value[1] - value[0] < 12:
            chars |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
        else:
            return None
    return chars if len(chars) <= 12 else None


def clean(prefix: str) -> str:
    """The key as looked up in the token index: the prefix without its end mark."""
    return prefix.replace("\0", "")


def shortest_keys(keys: set[str]) -> frozenset[str]:
    """Drop every key that another key is a prefix of: a start that fits it fits the shorter one."""
    kept: list[str] = []
    for key in sorted(keys):
        if not (kept and key.startswith(kept[-1])):
            kept.append(key)
    return frozenset(kept)


Occurrences = dict[str, list[int]]


def index_tokens(text: str, wanted: frozenset[str] | set[str]) -> Occurrences:
    """For each wanted key, the offsets in `text` of the tokens where it starts.

    Tokens are grouped by spelling first, so keys that lie within one token are worked out once per
    distinct word rather than once per occurrence (a long strategy repeats its vocabulary many
    times); only keys that run past their first token ("the ics") are checked at each occurrence."""
    by_word: dict[str, list[int]] = {}
    found: Occurrences = {}
    if LINE_START in wanted:
        found[LINE_START] = [0, *(m.end() for m in re.finditer("\n", text))]
    for token in _TOKEN.finditer(text):
        by_word.setdefault(token.group(), []).append(token.start())
    _add_starts_after_apostrophes(by_word)
    firsts = {key[1:] for key in wanted if key.startswith(FIRST_CHAR)}
    within, spanning = _split_keys({key for key in wanted if not key.startswith(FIRST_CHAR)})
    lengths = sorted(within)
    for word, places in by_word.items():
        if word[0] in firsts:
            found.setdefault(FIRST_CHAR + word[0], []).extend(places)
        lower = word.lower()
        for length in lengths:
            if length > len(lower):
                break
            if lower[:length] in within[length]:
                found.setdefault(lower[:length], []).extend(places)
        if lower in spanning:
            _index_spanning(text, places, spanning[lower], found)
    return found


def _add_starts_after_apostrophes(by_word: dict[str, list[int]]) -> None:
    """A match may start after an apostrophe inside a token ("Brien" of "O'Brien", since the left
    word edge allows it there), so the rest of such a token is indexed as a token too."""
    for word, places in [(word, places) for word, places in by_word.items() if "'" in word]:
        for apostrophe in _INNER_START.finditer(word):
            shift = apostrophe.end()
            by_word.setdefault(word[shift:], []).extend(place + shift for place in places)


def _index_spanning(text: str, places: list[int], by_length: dict[int, set[str]], found: Occurrences) -> None:
    """Check keys that run past their first token at each place that token occurs."""
    longest = max(by_length)
    lengths = sorted(by_length.items())
    for place in places:
        piece = text[place : place + longest].lower()
        for length, keys in lengths:
            if piece[:length] in keys:
                found.setdefault(piece[:length], []).append(place)


def _split_keys(wanted: frozenset[str] | set[str]) -> tuple[dict[int, set[str]], dict[str, dict[int, set[str]]]]:
    """Keys within one token, by length; keys that run past their first token, by that token and
    then by length. A key's first token is the whole token at any place the key starts, since the
    key goes on with a character that ends it."""
    within: dict[int, set[str]] = {}
    spanning: dict[str, dict[int, set[str]]] = {}
    for key in wanted:
        head = _TOKEN.match(key)
        if head is None:
            continue
        if head.end() == len(key):
            within.setdefault(len(key), set()).add(key)
        else:
            spanning.setdefault(head.group(), {}).setdefault(len(key), set()).add(key)
    return within, spanning


def starts(prefixes: frozenset[str], occurrences: Occurrences) -> set[int]:
    """Every offset where a token with one of `prefixes` starts."""
    return set().union(*(occurrences.get(prefix, ()) for prefix in prefixes))


# Literal text that is common in any sentence says little about where a pattern may match; a
# symbol such as `@` says much, however short.
_COMMON_CHARACTERS = set(" .,;:'-()\"")


def pattern_anchors(pattern: str, *, case_sensitive: bool) -> list[frozenset[str]]:
    """Sets of literal text of each of which every match of `pattern` contains one member (`@` of
    an email address; one of "children", "pupils" of "(?:children|pupils) were"), most telling
    first. Used for patterns without keys: only sentences holding them need scanning."""
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return []
    if parsed.state.flags & re.IGNORECASE != flags:
        return []  # "(?i)" in a case-sensitive group: its text may match in any case
    # A set with a member made only of common characters (the "." of "nhs.uk") is in nearly every
    # sentence: looking for it would cost a search and pick out nothing.
    # A text with a line break could run from one sentence into the next, where a search would
    # find it in neither.
    telling = [texts for texts in _required(list(parsed)) if all(set(text) - _COMMON_CHARACTERS and "\n" not in text for text in texts)]
    return sorted(telling, key=_telling, reverse=True)


def _required(items: list) -> list[frozenset[str]]:
    """The required sets of a sequence of parsed items: runs of literal text, and for a branch
    one member from each of its branches' most telling sets."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run.strip():
            found.append(frozenset({run}))
        run = ""
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            found += _required(list(av[-1]))
        elif op is sre.BRANCH:
            per_branch = [sorted(_required(list(branch)), key=_telling, reverse=True) for branch in av[1]]
            if all(per_branch):
                found.append(frozenset().union(*(sets[0] for sets in per_branch)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found += _required(list(av[2]))
    if run.strip():
        found.append(frozenset({run}))
    return found


def _telling(texts: frozenset[str]) -> int:
    """How rare text from this set is: the length of its shortest member, a symbol counting as a
    long word."""
    return min(6 if not set(text) <= _COMMON_CHARACTERS and not any(c.isalnum() for c in text) else len(text.strip()) for text in texts)


PatternRequest = tuple[str, bool]
"""A pattern and whether its group is case-sensitive (which decides its first characters)."""


class PatternKeys(NamedTuple):
    keys: frozenset[str] | None
    """The index keys one of which every match starts with; None when any word may start one."""
    anchors: tuple[frozenset[str], ...]
    """Sets of text of each of which every match contains one member: where a pattern has no keys,
    or keys so common (a line start, a digit) that a search for its text picks out fewer places."""


def analyse_pattern(pattern: str, case_sensitive: bool) -> PatternKeys:
    """A pattern's index keys (None when it has none) and the text every match contains."""
    prefixes = pattern_prefixes(pattern)
    if prefixes is None:
        prefixes = pattern_first_chars(pattern, case_sensitive=case_sensitive)
    anchors = tuple(pattern_anchors(pattern, case_sensitive=case_sensitive))
    return PatternKeys(None if prefixes is None else frozenset(clean(prefix) for prefix in prefixes), anchors)
