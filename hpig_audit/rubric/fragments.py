"""Named sub-patterns ("fragments") that a rubric's patterns include as `{{name}}`.

Some words recur across many patterns: the nouns a document calls itself by ("this report",
"this briefing", "this guidance") appear in a dozen own-making cues. Spelled out in each, a noun
added to one list is missing from the others. A fragment is spelled once, at the top of the rubric:

    fragments:
      document_noun: 'report|review|guidance|brief(?:ing)?'
    cues:
      own_making:
        - '\\bthis (?:{{document_noun}}) was (?:written|tested) with\\b'

A reference is replaced by the fragment wrapped in a non-capturing group before the rubric is
validated, so everything downstream (matching, the pattern check, `rubric show`) sees plain regex.
A fragment may not include another: one level keeps a pattern readable where it is written.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

NAME = re.compile(r"[a-z][a-z0-9_]*")
"""A fragment's name: lower case, digits and underscores, starting with a letter."""
REFERENCE = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
"""`{{name}}` inside a pattern. Regex quantifiers (`{0,80}`) never have doubled braces."""

Location = tuple[str | int, ...]


class FragmentError(ValueError):
    """A fragment or a reference to one that cannot be used; `loc` is its place in the rubric."""

    def __init__(self, message: str, loc: Location):
        super().__init__(message)
        self.loc = loc


def expand_fragments(data: dict[str, Any]) -> dict[str, Any]:
    """The rubric data with every `{{name}}` in its patterns replaced by `(?:fragment)`.

    Parts of the data that are not shaped as the schema expects are left alone for validation to
    report. Raises FragmentError for a bad fragment name, a fragment that includes another, or a
    reference to a fragment that is not defined."""
    fragments = data.get("fragments")
    if fragments is None:
        fragments = {}
    if not isinstance(fragments, dict):
        return data  # validation reports the shape
    for name, body in fragments.items():
        if not isinstance(name, str) or NAME.fullmatch(name) is None:
            raise FragmentError(f"fragment name {name!r} must be lower case letters, digits and '_'", ("fragments", name))
        if not isinstance(body, str):
            raise FragmentError(f"fragment {name!r} must be one pattern (a string), not {type(body).__name__}", ("fragments", name))
        if REFERENCE.search(body):
            raise FragmentError(f"fragment {name!r} must not include another fragment", ("fragments", name))
    expanded = dict(data)
    for loc, pattern in list(_pattern_places(data)):
        if REFERENCE.search(pattern):
            _set(expanded, loc, _expand(pattern, fragments, loc))
    return expanded


def _expand(pattern: str, fragments: dict[str, Any], loc: Location) -> str:
    def body(match: re.Match[str]) -> str:
        name = match.group(1)
        fragment = fragments.get(name)
        if not isinstance(fragment, str):
            known = ", ".join(sorted(map(str, fragments))) or "none defined"
            raise FragmentError(f"pattern uses unknown fragment {{{{{name}}}}} (fragments: {known})", loc)
        return f"(?:{fragment})"

    return REFERENCE.sub(body, pattern)


def _pattern_places(data: dict[str, Any]) -> Iterator[tuple[Location, str]]:
    """Every regex pattern of the raw rubric data with its place: term groups (the rubric's and each
    criterion's), cues, signals and the themes' section terms."""
    yield from _group_patterns(data.get("terms"), ("terms",))
    for index, criterion in _indexed(data.get("criteria")):
        if isinstance(criterion, dict):
            yield from _group_patterns(criterion.get("terms"), ("criteria", index, "terms"))
    for key in ("cues", "signals"):
        lists = data.get(key)
        if isinstance(lists, dict):
            for kind, patterns in lists.items():
                yield from _strings(patterns, (key, kind))
    for index, theme in _indexed(data.get("themes")):
        if isinstance(theme, dict):
            yield from _strings(theme.get("section_terms"), ("themes", index, "section_terms"))


def _group_patterns(groups: Any, loc: Location) -> Iterator[tuple[Location, str]]:
    if not isinstance(groups, dict):
        return
    for name, spec in groups.items():
        if isinstance(spec, dict):
            for item, value in spec.items():
                if isinstance(value, str):
                    yield (*loc, name, item), value
                else:
                    yield from _strings(value, (*loc, name, item))
        else:
            yield from _strings(spec, (*loc, name))


def _strings(patterns: Any, loc: Location) -> Iterator[tuple[Location, str]]:
    for index, pattern in _indexed(patterns):
        if isinstance(pattern, str):
            yield (*loc, index), pattern


def _indexed(items: Any) -> list[tuple[int, Any]]:
    return list(enumerate(items)) if isinstance(items, list) else []


def _set(data: Any, loc: Location, value: str) -> None:
    """Replace the value at `loc`, copying each container on the way so the caller's data is kept."""
    *path, last = loc
    node = data
    for part in path:
        child = node[part]
        copied = list(child) if isinstance(child, list) else dict(child)
        node[part] = copied
        node = copied
    node[last] = value
