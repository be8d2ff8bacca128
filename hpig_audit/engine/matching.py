"""Find every term group's items in a document's sentences, joined into one text.

Each group is matched bucket by bucket (see `terms.Bucket`): a keyed bucket is tried, anchored, only
where a token with one of its keys starts (the loop running in C through map); a bucket without
keys is scanned, over only the sentences that hold its anchors, and a keyed bucket whose keys
start at a great many places (every line start, every number) is tried only at those places that
lie in sentences holding its anchors, when searching for them costs less. Every try stops at the
end of its own sentence, so that what a pattern sees after its start is what a scan of the
sentence alone sees. Where two buckets of a group match at the same place, the earlier item wins, as it does when
the whole group is one alternation: the result is what a plain scan of each sentence with the
group's regex finds (only a lookbehind at a sentence's very start sees the separator before it).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import Iterable, Iterator

from hpig_audit.engine.prefilter import Occurrences, starts
from hpig_audit.engine.terms import Bucket, TermGroup

# Between sentences: a line holding only a full stop, so that `^` (multi-line) marks the start of
# every sentence and a word never runs on into the next one.
SEPARATOR = "\n.\n"


@dataclass(frozen=True)
class Joined:
    """A document's sentences in one text, so that each group's regex runs once per document."""

    text: str
    starts: list[int]
    """Where each sentence starts in `text`."""
    limits: list[int]
    """The end of the sentence holding a place, by `bisect_right(starts, place)`: entry 0 is unused,
    entry i + 1 is where sentence i ends and its separator begins."""
    holding: dict[re.Pattern[str], set[int]] = field(default_factory=dict, compare=False)
    """Anchor regex -> the sentences holding a match of it, found once per document."""

    @classmethod
    def of(cls, sentences: list[str]) -> Joined:
        starts, limits, position = [], [0], 0
        for text in sentences:
            starts.append(position)
            limits.append(position + len(text))
            position += len(text) + len(SEPARATOR)
        return cls(SEPARATOR.join(sentences), starts, limits)

    def end_of(self, sentence: int) -> int:
        return self.limits[sentence + 1]


def group_hits(group: TermGroup, joined: Joined, occurrences: Occurrences) -> dict[int, set[str]]:
    """Sentence index -> the items of `group` that start in it."""
    found: Iterable[tuple[int, str]]
    if len(group.buckets) == 1:
        # One bucket finds each start once.
        found = ((match.start(), match.lastgroup) for match in _matches(group.buckets[0], joined, occurrences))  # type: ignore[misc]
    else:
        found = _first_item_at_each_start(group, joined, occurrences).items()
    hits: dict[int, set[str]] = {}
    # The per-match work is the hot loop of a long document: names looked up once per group.
    item_named, sentence_at, offsets = group.item_named, bisect.bisect_right, joined.starts
    for start, name in found:
        i = sentence_at(offsets, start) - 1
        if i in hits:
            hits[i].add(item_named[name])
        else:
            hits[i] = {item_named[name]}
    return hits


def _first_item_at_each_start(group: TermGroup, joined: Joined, occurrences: Occurrences) -> dict[int, str]:
    best: dict[int, str] = {}
    for bucket in group.buckets:
        # Within a bucket each start is found once; across buckets the same start may be found
        # twice (rarely), and then the lower item index, the one earlier in the group, wins.
        found = {match.start(): match.lastgroup for match in _matches(bucket, joined, occurrences)}
        clashes = {start: min(best[start], found[start], key=_item_index) for start in best.keys() & found.keys()}
        best.update(found)  # type: ignore[arg-type]
        best.update(clashes)  # type: ignore[arg-type]
    return best


def _item_index(name: str | None) -> int:
    """Alternatives are named "i<item index>"."""
    return int(name[1:])  # type: ignore[index]


def _matches(bucket: Bucket, joined: Joined, occurrences: Occurrences) -> Iterable[re.Match[str]]:
    if bucket.keys is None:
        return _scan_sentences(bucket, joined)
    places = list(starts(bucket.keys, occurrences))
    if not places:
        return ()  # no place, no regex: a bucket is compiled only when a document needs it
    if _narrowing_pays(bucket, places, joined):
        places = _in_sentences(sorted(places), _sentences_holding(bucket.anchors[0], bucket, joined), joined)
    if bucket.looks_ahead:
        # Each try ends where its sentence ends; a place inside a separator (a line start) gets an
        # end before it, and so no match.
        ends = map(joined.limits.__getitem__, map(bisect.bisect_right, repeat(joined.starts), places))
        return filter(None, map(bucket.regex.match, repeat(joined.text), places, ends))
    found = filter(None, map(bucket.regex.match, repeat(joined.text), places))
    # Most places find nothing, so only a match is checked against its sentence's end (without a
    # lookahead, a match that ends inside its sentence is the one an end there would give), and
    # only where the bucket's patterns can leave a sentence at all.
    return _kept_in_sentence(bucket, joined, found) if bucket.may_leave_its_sentence else found


def _kept_in_sentence(bucket: Bucket, joined: Joined, found: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Matches that stay inside their sentence; one that runs on into the separator is tried again
    with the sentence's end as the end of the text, and one that starts in a separator is dropped."""
    limits, starts_, sentence_at, text = joined.limits, joined.starts, bisect.bisect_right, joined.text
    for match in found:
        start = match.start()
        end = limits[sentence_at(starts_, start)]
        if match.end() <= end:
            yield match
        elif start <= end and (again := bucket.regex.match(text, start, end)):
            yield again


def _scan_sentences(bucket: Bucket, joined: Joined) -> Iterator[re.Match[str]]:
    """Scan, each on its own, the sentences that hold one member of each anchor set (all of them
    when the bucket has no anchors)."""
    candidates: set[int] | None = None
    for texts in bucket.anchors:
        holding = _sentences_holding(texts, bucket, joined)
        candidates = holding if candidates is None else candidates & holding
    for i in sorted(candidates) if candidates is not None else range(len(joined.starts)):
        yield from bucket.regex.finditer(joined.text, joined.starts[i], joined.end_of(i))


# A try of a bucket at one place costs about as much as searching this many characters of text for
# one literal anchor (a microsecond against some 3 ns a character), so a keyed bucket's places are
# narrowed by its anchors only when it has more places than that to the text's length per search.
_TEXT_PER_TRY = 150
# Below this many places the tries cost less than deciding whether to narrow them (a document of a
# few dozen pages): narrowing pays only on long documents.
_MIN_PLACES = 2000


def _narrowing_pays(bucket: Bucket, places: list[int], joined: Joined) -> bool:
    """Whether a keyed bucket is better tried only in the sentences holding its first anchor set:
    it has a great many places, and the searches still to make cost less than the tries."""
    return (
        bool(bucket.anchors)
        and len(places) >= _MIN_PLACES
        and len(places) * _TEXT_PER_TRY > len(joined.text) * _unsearched(bucket.anchors[0], bucket, joined)
    )


def _member_regexes(texts: frozenset[str], bucket: Bucket) -> list[re.Pattern[str]]:
    """One regex per member: `re` searches fast for one literal, slowly for an alternation. Kept
    once built: the rubric has thousands of members, more than `re`'s own cache holds."""
    return [_literal(text, bucket.flags) for text in sorted(texts)]


@functools.lru_cache(maxsize=None)
def _literal(text: str, flags: int) -> re.Pattern[str]:
    return re.compile(re.escape(text), flags)


def _unsearched(texts: frozenset[str], bucket: Bucket, joined: Joined) -> int:
    """How many searches finding the sentences that hold `texts` would still cost."""
    return sum(regex not in joined.holding for regex in _member_regexes(texts, bucket))


def _sentences_holding(texts: frozenset[str], bucket: Bucket, joined: Joined) -> set[int]:
    return set().union(*(_holding(regex, joined) for regex in _member_regexes(texts, bucket)))


def _holding(anchor: re.Pattern[str], joined: Joined) -> set[int]:
    """The sentences holding a match of `anchor` (one in the separator after a sentence is not in it)."""
    if anchor in joined.holding:
        return joined.holding[anchor]
    holding, starts_, sentence_at = set(), joined.starts, bisect.bisect_right
    for match in anchor.finditer(joined.text):
        i = sentence_at(starts_, match.start()) - 1
        if match.end() <= joined.end_of(i):
            holding.add(i)
    joined.holding[anchor] = holding
    return holding


def _in_sentences(places: list[int], sentences: set[int], joined: Joined) -> list[int]:
    """The (sorted) places that lie inside one of `sentences`."""
    kept: list[int] = []
    for i in sorted(sentences):
        low = bisect.bisect_left(places, joined.starts[i])
        kept += places[low : bisect.bisect_left(places, joined.end_of(i), low)]
    return kept
