"""Compiled term groups: each group is one regex whose named alternatives are its items.

Matching runs once per group over the whole document text; the matches are then mapped to the
sentences they fall in. That keeps the judging cost roughly linear in the document size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hpig_audit.engine.prefilter import clean, pattern_first_chars, pattern_prefixes, shortest_keys
from hpig_audit.rubric.schema import TermGroupSpec


# Word edges: no word character (or hyphen) before a match, and none after one that ends in a
# word character. The left edge is a plain lookbehind so that `re` keeps its fast first-character
# scan; the right one allows patterns ending in punctuation ('£') to run into digits.
_LEFT_EDGE = r"(?<![\w-])"
_RIGHT_EDGE = r"(?:(?<=\w)(?!\w)|(?<=\W))"


@dataclass(frozen=True)
class TermGroup:
    name: str
    items: tuple[str, ...]
    regex: re.Pattern[str]
    prefixes: frozenset[str] | None = None
    """Literal keys one of which every match starts with (None: any sentence may match)."""
    overlapping: re.Pattern[str] | None = None
    """The same alternatives inside a lookahead: finditer then finds every start, overlapping too."""

    def item_of(self, match: re.Match[str]) -> str:
        # lastgroup is the name of the item alternative that matched: "i<index>"
        return self.items[int(match.lastgroup[1:])]  # type: ignore[index]

    @property
    def item_named(self) -> dict[str | None, str]:
        """Item by the name of its alternative ("i<index>"), for the matching loop."""
        return {f"i{index}": item for index, item in enumerate(self.items)}


def normalise_spec(spec: TermGroupSpec) -> list[tuple[str, list[str]]]:
    """Turn a YAML term group into (item, patterns) pairs. A plain list makes each pattern an item."""
    if isinstance(spec, dict):
        return [(item, [patterns] if isinstance(patterns, str) else list(patterns)) for item, patterns in spec.items()]
    return [(pattern, [pattern]) for pattern in spec]


def compile_group(name: str, spec: TermGroupSpec, *, case_sensitive: bool = False) -> TermGroup:
    """Compile a group (its patterns are checked one by one when the rubric is loaded)."""
    alternatives = []
    items = []
    # Each pattern was compiled on its own when the rubric was loaded, so errors name it there.
    for index, (item, patterns) in enumerate(normalise_spec(spec)):
        body = "|".join(f"(?:{pattern})" for pattern in patterns)
        # Each item's right edge: no word character after a match that ends in one, so that
        # patterns ending in punctuation ('£') may still run into digits.
        alternatives.append(f"(?P<i{index}>(?:{body}){_RIGHT_EDGE})")
        items.append(item)
    # MULTILINE: sentences are matched in one text, one per line, so ^ and $ mark a sentence's ends.
    flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    # The left edge is shared by every item, so it is checked once, before the alternation.
    body = f"{_LEFT_EDGE}(?:{'|'.join(alternatives)})"
    prefixes = _group_prefixes(spec, case_sensitive)
    # A group without literal prefixes is scanned over the whole text; the lookahead form makes
    # that scan find every item that starts anywhere, as the anchored matching of the others does.
    overlapping = re.compile(f"(?={body})", flags) if prefixes is None else None
    return TermGroup(name=name, items=tuple(items), regex=re.compile(body, flags), prefixes=prefixes, overlapping=overlapping)


def _group_prefixes(spec: TermGroupSpec, case_sensitive: bool) -> frozenset[str] | None:
    """The index keys of a group: its patterns' literal prefixes, or for a pattern without one the
    characters it may start with; None when a pattern may start with any word character."""
    found: set[str] = set()
    for _item, patterns in normalise_spec(spec):
        for pattern in patterns:
            prefixes = pattern_prefixes(pattern)
            if prefixes is None:
                prefixes = pattern_first_chars(pattern, case_sensitive=case_sensitive)
            if prefixes is None:
                return None
            found |= {clean(prefix) for prefix in prefixes}
    return shortest_keys(found)


def compile_cues(patterns: tuple[str, ...] | list[str], *, case_sensitive: bool = False) -> re.Pattern[str] | None:
    """One regex for a cue list (no items needed); None when the list is empty."""
    if not patterns:
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), flags)
