"""Find every term group's items in a document's sentences, joined into one text.

Each group is matched bucket by bucket (see `terms.Bucket`): a keyed bucket is tried, anchored, only
where a token with one of its keys starts (the loop running in C through map); a bucket without
keys is scanned, over only the sentences that hold its anchors. Where two buckets of a group match
at the same place, the earlier item wins, as it does when the whole group is one alternation: the
result is always what a plain scan with the group's regex finds.
"""

from __future__ import annotations

import bisect
import re
from itertools import repeat
from typing import Iterable, Iterator

from hpig_audit.engine.prefilter import Occurrences, starts
from hpig_audit.engine.terms import Bucket, TermGroup


def group_hits(group: TermGroup, joined: str, offsets: list[int], occurrences: Occurrences) -> dict[int, set[str]]:
    """Sentence index -> the items of `group` that start in it."""
    found: Iterable[tuple[int, str]]
    if len(group.buckets) == 1:
        # One bucket finds each start once.
        found = ((match.start(), match.lastgroup) for match in _matches(group.buckets[0], joined, offsets, occurrences))  # type: ignore[misc]
    else:
        found = _first_item_at_each_start(group, joined, offsets, occurrences).items()
    hits: dict[int, set[str]] = {}
    # The per-match work is the hot loop of a long document: names looked up once per group.
    item_named, sentence_at = group.item_named, bisect.bisect_right
    for start, name in found:
        i = sentence_at(offsets, start) - 1
        if i in hits:
            hits[i].add(item_named[name])
        else:
            hits[i] = {item_named[name]}
    return hits


def _first_item_at_each_start(group: TermGroup, joined: str, offsets: list[int], occurrences: Occurrences) -> dict[int, str]:
    best: dict[int, str] = {}
    for bucket in group.buckets:
        # Within a bucket each start is found once; across buckets the same start may be found
        # twice (rarely), and then the lower item index, the one earlier in the group, wins.
        found = {match.start(): match.lastgroup for match in _matches(bucket, joined, offsets, occurrences)}
        clashes = {start: min(best[start], found[start], key=_item_index) for start in best.keys() & found.keys()}
        best.update(found)  # type: ignore[arg-type]
        best.update(clashes)  # type: ignore[arg-type]
    return best


def _item_index(name: str | None) -> int:
    """Alternatives are named "i<item index>"."""
    return int(name[1:])  # type: ignore[index]


def _matches(bucket: Bucket, joined: str, offsets: list[int], occurrences: Occurrences) -> Iterable[re.Match[str]]:
    if bucket.keys is not None:
        places = starts(bucket.keys, occurrences)
        # No place, no regex: a bucket is compiled only when a document needs it.
        return filter(None, map(bucket.regex.match, repeat(joined), places)) if places else ()
    if not bucket.anchors:
        return bucket.regex.finditer(joined)
    return _scan_sentences(bucket, joined, offsets)


def _scan_sentences(bucket: Bucket, joined: str, offsets: list[int]) -> Iterator[re.Match[str]]:
    """Scan the sentences that hold one member of each anchor set. Each scan sees the next
    sentence too, so lookarounds at a sentence's end see what a scan of the whole text sees, but
    only matches starting in the sentence (or the separator after it) are kept."""
    candidates: set[int] | None = None
    for anchor in bucket.anchor_regexes:
        holding = {bisect.bisect_right(offsets, m.start()) - 1 for m in anchor.finditer(joined)}
        candidates = holding if candidates is None else candidates & holding
    ends = [*offsets[1:], len(joined)]
    for i in sorted(candidates or ()):
        stop, view = ends[i], ends[i + 1] if i + 1 < len(ends) else len(joined)
        for match in bucket.regex.finditer(joined, offsets[i], view):
            if match.start() >= stop:
                break
            yield match
