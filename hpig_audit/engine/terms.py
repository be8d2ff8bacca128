"""Compiled term groups: each group is one regex whose named alternatives are its items.

Matching runs once per group over the whole document text; the matches are then mapped to the
sentences they fall in. That keeps the judging cost roughly linear in the document size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

from hpig_audit.engine.prefilter import PatternKeys, PatternRequest, analyse_pattern, shortest_keys
from hpig_audit.rubric.schema import TermGroupSpec


# Word edges: no word character (or hyphen) before a match, and none after one that ends in a
# word character. The left edge is a plain lookbehind so that `re` keeps its fast first-character
# scan; the right one allows patterns ending in punctuation ('£') to run into digits.
_LEFT_EDGE = r"(?<![\w-])"
_RIGHT_EDGE = r"(?:(?<=\w)(?!\w)|(?<=\W))"
# Pattern syntax that may match a line break (the separator between sentences starts with one).
_MAY_MATCH_A_LINE_BREAK = re.compile(r"\\[sWDnrvfxuUN0]|\[\^|(?:^|[^\\])(?:\\\\)*\.")


# A group with at least this many patterns is split into buckets by the keys its patterns start
# with, so that a candidate place is tried only against the patterns that can start there. A
# smaller group is tried whole: one more regex costs more to build than it saves.
_BUCKET_MIN_PATTERNS = 8


@dataclass(frozen=True)
class Bucket:
    """Some of a group's patterns, tried together, each as its item's named alternative."""

    source: str
    flags: int
    keys: frozenset[str] | None
    """Index keys one of which every match starts with; None: no keys, so the text is scanned."""
    anchors: tuple[frozenset[str], ...] = ()
    """Sets of literal text of each of which every match contains one member (`@` of an email
    address, "discussed" of a pattern anchored at a line start): a scanned bucket scans only the
    sentences holding them, and a keyed bucket whose keys start too many places is tried only at
    those in such sentences."""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use, so a short document builds only the buckets it needs. A scanned
        bucket wraps its alternatives in a lookahead, so that finditer finds every start,
        overlapping ones too, as the anchored matching of keyed buckets does."""
        return re.compile(self.source if self.keys is not None else f"(?={self.source})", self.flags)

    @cached_property
    def _patterns_alone(self) -> str:
        """The source without the word edges every alternative shares (a lookahead, `\\W`)."""
        return self.source.replace(_RIGHT_EDGE, "").replace(_LEFT_EDGE, "")

    @cached_property
    def looks_ahead(self) -> bool:
        """Whether a pattern may look at text after its match (a lookahead other than the shared
        word edge, or `\\Z`). Such a bucket is tried with its sentence's end as the end of the
        text, or it would see the separator and the next sentence. A false alarm (an escaped
        "(?=") costs only time."""
        return any(mark in self._patterns_alone for mark in ("(?=", "(?!", "\\Z", "\\z"))

    @cached_property
    def may_leave_its_sentence(self) -> bool:
        """Whether a match may run past its sentence's end or start in the separator after it: the
        pattern has something that can match a line break (`\\s`, `\\W`, `.`, a negated class, an
        escape) or a key that is not a word (a line start, "£"). Only such a bucket's matches are
        checked against their sentence's end. A false alarm costs only time."""
        if _MAY_MATCH_A_LINE_BREAK.search(self._patterns_alone):
            return True
        return any(not key[:1].isalnum() for key in self.keys or ())


@dataclass(frozen=True)
class TermGroup:
    name: str
    items: tuple[str, ...]
    source: str
    """The whole group as one alternation regex (compiled on first use, as `regex`)."""
    flags: int
    buckets: tuple[Bucket, ...]
    """The same alternatives split for matching; together they find what `regex` finds."""

    @property
    def prefixes(self) -> frozenset[str]:
        """Every index key a bucket of this group needs."""
        return frozenset().union(*(b.keys for b in self.buckets if b.keys is not None))

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)

    @cached_property
    def item_named(self) -> dict[str | None, str]:
        """Item by the name of its alternative ("i<index>"), built once for the matching loop."""
        return {f"i{index}": item for index, item in enumerate(self.items)}

    def item_of(self, match: re.Match[str]) -> str:
        # lastgroup is the name of the item alternative that matched: "i<index>"
        return self.items[int(match.lastgroup[1:])]  # type: ignore[index]


def normalise_spec(spec: TermGroupSpec) -> list[tuple[str, list[str]]]:
    """Turn a YAML term group into (item, patterns) pairs. A plain list makes each pattern an item."""
    if isinstance(spec, dict):
        return [(item, [patterns] if isinstance(patterns, str) else list(patterns)) for item, patterns in spec.items()]
    return [(pattern, [pattern]) for pattern in spec]


def compile_group(
    name: str, spec: TermGroupSpec, *, case_sensitive: bool = False, analysed: Mapping[PatternRequest, PatternKeys] | None = None
) -> TermGroup:
    """Build a group (its patterns are checked one by one when the rubric is loaded, so errors name
    them there); its regexes are compiled when first used. `analysed`: the patterns' keys, when
    already worked out for the whole rubric."""
    pairs = normalise_spec(spec)
    # MULTILINE: sentences are matched in one text, one per line, so ^ and $ mark a sentence's ends.
    flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    indexed = [(index, pattern) for index, (_item, patterns) in enumerate(pairs) for pattern in patterns]
    return TermGroup(
        name=name,
        items=tuple(item for item, _ in pairs),
        source=_alternation(indexed),
        flags=flags,
        buckets=_buckets(indexed, flags, case_sensitive, analysed or {}),
    )


def _alternation(indexed: list[tuple[int, str]]) -> str:
    """One regex whose alternatives, in the group's order, are named after their items."""
    by_item: dict[int, list[str]] = {}
    for index, pattern in indexed:
        by_item.setdefault(index, []).append(pattern)
    alternatives = []
    for index, patterns in by_item.items():
        body = "|".join(f"(?:{pattern})" for pattern in patterns)
        # Each item's right edge: no word character after a match that ends in one, so that
        # patterns ending in punctuation ('£') may still run into digits.
        alternatives.append(f"(?P<i{index}>(?:{body}){_RIGHT_EDGE})")
    # The left edge is shared by every item, so it is checked once, before the alternation.
    return f"{_LEFT_EDGE}(?:{'|'.join(alternatives)})"


def _buckets(
    indexed: list[tuple[int, str]], flags: int, case_sensitive: bool, analysed: Mapping[PatternRequest, PatternKeys]
) -> tuple[Bucket, ...]:
    """Split a group's patterns: those with index keys by the keys they start with (or all in one
    bucket, for a small group), and those without in one bucket that is scanned."""
    keyed: list[tuple[int, str, PatternKeys]] = []
    scanned: list[tuple[int, str, PatternKeys]] = []
    for index, pattern in indexed:
        found = analysed.get((pattern, case_sensitive)) or analyse_pattern(pattern, case_sensitive)
        (scanned if found.keys is None else keyed).append((index, pattern, found))
    buckets = []
    if keyed:
        group_keys = shortest_keys(set().union(*(found.keys or () for _, _, found in keyed)))
        if len(indexed) < _BUCKET_MIN_PATTERNS:
            buckets.append(_bucket(keyed, flags, group_keys))
        else:
            by_keys: dict[frozenset[str], list[tuple[int, str, PatternKeys]]] = {}
            for index, pattern, found in keyed:
                # A key another key is a prefix of is looked up as that shorter key.
                own = frozenset(_shortest_key_of(key, group_keys) for key in found.keys or ())
                by_keys.setdefault(own, []).append((index, pattern, found))
            buckets += [_bucket(members, flags, keys) for keys, members in by_keys.items()]
    if scanned:
        buckets.append(_bucket(scanned, flags, None))
    return tuple(buckets)


def _bucket(members: list[tuple[int, str, PatternKeys]], flags: int, keys: frozenset[str] | None) -> Bucket:
    anchors = _shared_anchors([found.anchors for _, _, found in members])
    return Bucket(_alternation([(index, pattern) for index, pattern, _ in members]), flags, keys, anchors)


def _shortest_key_of(key: str, group_keys: frozenset[str]) -> str:
    """The group key that `key` starts with (there is one: only keys with a shorter one were dropped)."""
    return next(key[:length] for length in range(1, len(key) + 1) if key[:length] in group_keys)


def _shared_anchors(found: list[tuple[frozenset[str], ...]]) -> tuple[frozenset[str], ...]:
    """Anchors for a bucket from its patterns' own (most telling first): for one pattern
    its two most telling sets, a sentence needing one of each; for several, the most telling of
    each combined into one set. None when a pattern has no required text."""
    if not all(found):
        return ()
    if len(found) == 1:
        return found[0][:2]
    return (frozenset().union(*(anchors[0] for anchors in found)),)


def compile_cues(patterns: tuple[str, ...] | list[str], *, case_sensitive: bool = False) -> re.Pattern[str] | None:
    """One regex for a cue list (no items needed); None when the list is empty."""
    if not patterns:
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), flags)
