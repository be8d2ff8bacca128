"""Cheap candidate selection for term groups.

Running some 250 alternation regexes over a 500-page document is slow in Python's `re`. Almost every
pattern starts with literal letters, so we derive the possible literal word prefixes of each
pattern, index the document's tokens by prefix, and run a group's regex only on the sentences
that contain one of its prefixes. A pattern whose start is not literal (e.g. `\\w+`, `[A-Z]`)
makes its group fall back to scanning every sentence, so the result is always the same as a
full scan.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

PREFIX_LENGTH = 4
_MAX_PREFIXES = 64
_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")


def pattern_prefixes(pattern: str) -> set[str] | None:
    """Lower-case literal prefixes (at most PREFIX_LENGTH characters, stopping at a non-word
    character) one of which every match of `pattern` starts with; None when unknown."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    prefixes = _walk(list(parsed), {""})
    if prefixes is None or "" in prefixes:
        return None
    return prefixes


def _walk(items: list, prefixes: set[str]) -> set[str] | None:  # noqa: C901 - a small interpreter
    """Extend every prefix through the parsed items until all are complete."""
    for op, av in items:
        open_prefixes = {p for p in prefixes if not _complete(p)}
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
            extended = _walk(list(av[-1]), open_prefixes)
        elif op is sre.BRANCH:
            extended = set()
            for branch in av[1]:
                result = _walk(list(branch), open_prefixes)
                if result is None:
                    return None
                extended |= result
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, item = av
            once = _walk(list(item), open_prefixes)
            if once is None:
                return None
            # After one pass the repeat may continue, so a prefix still open there ends here.
            once = {p if _complete(p) else p + "\0" for p in once}
            extended = once | (open_prefixes if low == 0 else set())
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            extended = open_prefixes
        else:
            return _stop(open_prefixes, done)
        if extended is None or len(extended) > _MAX_PREFIXES:
            return None
        prefixes = done | extended
    return prefixes


def _complete(prefix: str) -> bool:
    return prefix.endswith("\0") or len(prefix) >= PREFIX_LENGTH or bool(prefix and not _word_char(prefix[-1]))


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


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_'-"


def clean(prefix: str) -> str:
    """The prefix as looked up in the token index: cut at the first non-word character. A word
    cut at a space is complete, so it keeps the space and must equal a whole token ("a " is the
    word "a", not every word starting with a)."""
    prefix = prefix.replace("\0", "")
    for index, char in enumerate(prefix):
        if not _word_char(char):
            if index == 0:
                return prefix[:1]
            return prefix[:index] + " " if char.isspace() else prefix[:index]
    return prefix


Occurrences = dict[str, list[int]]


def index_tokens(text: str, wanted: frozenset[str] | set[str]) -> Occurrences:
    """For each wanted prefix, the offsets in `text` where a token starting with it begins.

    Tokens are grouped by spelling first, so the prefixes are worked out once per distinct word
    rather than once per occurrence (a long strategy repeats its vocabulary many times)."""
    by_word: dict[str, list[int]] = {}
    for token in _TOKEN.finditer(text):
        by_word.setdefault(token.group(), []).append(token.start())
    lengths = sorted({len(p) for p in wanted})
    found: Occurrences = {}
    for word, places in by_word.items():
        for key in _keys(word.lower(), wanted, lengths):
            found.setdefault(key, []).extend(places)
    return found


def _keys(word: str, wanted: frozenset[str] | set[str], lengths: list[int]) -> set[str]:
    """The wanted keys a token spelt `word` (lower case) carries: its prefixes and the whole word."""
    keys = {word[:length] for length in lengths if word[:length] in wanted}
    if word + " " in wanted:
        keys.add(word + " ")
    return keys


def starts(prefixes: frozenset[str], occurrences: Occurrences) -> set[int]:
    """Every offset where a token with one of `prefixes` starts."""
    return set().union(*(occurrences.get(prefix, ()) for prefix in prefixes))
