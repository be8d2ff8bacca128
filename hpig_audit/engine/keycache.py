"""The index keys (and, for a pattern without keys, the anchors) of every pattern of a rubric,
worked out once per rubric content and remembered.

Working them out parses each of the default rubric's ~2,300 patterns: a third of a second, more
than the rest of compiling the rubric, and paid again by every run. They depend only on the
patterns and on the code that reads them, so they are kept in the cache directory, beside the mark
of a rubric whose patterns were checked. A file that is missing, unreadable, corrupt or made by
other code is worked out again; failing to write it never fails an audit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, NamedTuple

from hpig_audit.cache import code_digest, default_cache_dir, write_cache_file
from hpig_audit.engine.prefilter import clean, pattern_anchors, pattern_first_chars, pattern_prefixes

PatternRequest = tuple[str, bool]
"""A pattern and whether its group is case-sensitive (which decides its first characters)."""


class PatternKeys(NamedTuple):
    keys: frozenset[str] | None
    """The index keys one of which every match starts with; None when any word may start one."""
    anchors: tuple[frozenset[str], ...]
    """For a pattern without keys: sets of text of each of which every match contains one member."""


def analyse_pattern(pattern: str, case_sensitive: bool) -> PatternKeys:
    prefixes = pattern_prefixes(pattern)
    if prefixes is None:
        prefixes = pattern_first_chars(pattern, case_sensitive=case_sensitive)
    if prefixes is not None:
        return PatternKeys(frozenset(clean(prefix) for prefix in prefixes), ())
    return PatternKeys(None, tuple(pattern_anchors(pattern, case_sensitive=case_sensitive)))


def analyse_patterns(requests: Iterable[PatternRequest]) -> dict[PatternRequest, PatternKeys]:
    """Every requested pattern's keys, from the cache when this content was analysed before."""
    wanted = sorted(set(requests))
    path = _cache_file(wanted)
    remembered = _read(path, wanted) if path is not None else None
    if remembered is not None:
        return remembered
    analysed = {request: analyse_pattern(*request) for request in wanted}
    if path is not None:
        _write(path, wanted, analysed)
    return analysed


def _cache_file(wanted: list[PatternRequest]) -> Path | None:
    digest = hashlib.sha256(code_digest(("engine/prefilter.py", "engine/keycache.py")).encode())
    for pattern, case_sensitive in wanted:
        digest.update(f"{int(case_sensitive)}{pattern}\0".encode("utf-8"))
    try:
        return default_cache_dir() / "rubrics" / f"{digest.hexdigest()}.keys.json"
    except RuntimeError:  # no home directory to put a cache in
        return None


def _read(path: Path, wanted: list[PatternRequest]) -> dict[PatternRequest, PatternKeys] | None:
    try:
        rows = json.loads(path.read_bytes())
        if not isinstance(rows, list) or len(rows) != len(wanted):
            return None
        return {request: _from_row(row) for request, row in zip(wanted, rows, strict=True)}
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _from_row(row: dict) -> PatternKeys:
    keys = row["keys"]
    if keys is not None and not all(isinstance(key, str) for key in keys):
        raise ValueError("a key is not text")
    anchors = tuple(frozenset(str(text) for text in texts) for texts in row["anchors"])
    return PatternKeys(None if keys is None else frozenset(keys), anchors)


def _write(path: Path, wanted: list[PatternRequest], analysed: dict[PatternRequest, PatternKeys]) -> None:
    rows = [
        {
            "keys": None if analysed[request].keys is None else sorted(analysed[request].keys),  # type: ignore[arg-type]
            "anchors": [sorted(texts) for texts in analysed[request].anchors],
        }
        for request in wanted
    ]
    # ASCII escapes: a pattern may hold a lone surrogate ("\\udce9"), which UTF-8 cannot encode.
    write_cache_file(path, json.dumps(rows).encode("ascii"))
