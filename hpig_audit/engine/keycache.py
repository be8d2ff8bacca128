"""The index keys (and, for a pattern without keys, the anchors) of every pattern of a rubric,
worked out once per rubric content and remembered.

Working them out parses each of the default rubric's ~2,300 patterns: a third of a second, more
than the rest of compiling the rubric, and paid again by every run. They depend only on the
patterns and on the code that reads them (ours, and the Python and Unicode versions whose `re`
parser and case rules it relies on), so they are kept in the cache directory, beside the mark of a
rubric whose patterns were checked; only the newest few files are kept. A file that is missing,
unreadable, corrupt or made by other code is worked out again; failing to write it never fails an
audit, and with caching off (`--no-cache`) nothing is read or written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Iterable

from hpig_audit.cache import code_digest, rubric_cache_dir, write_cache_file
from hpig_audit.engine.prefilter import PatternKeys, PatternRequest, analyse_pattern

_FORMAT = 1
"""Increased when the layout of a keys file changes."""
_KEPT_FILES = 8
"""Keys files kept: one per rubric content, so old ones pile up as a rubric is edited."""


def analyse_patterns(requests: Iterable[PatternRequest]) -> dict[PatternRequest, PatternKeys]:
    """Every requested pattern's keys, from the cache when this content was analysed before."""
    wanted = sorted(set(requests))
    path = _cache_file(wanted)
    if path is not None and (remembered := _read(path, wanted)) is not None:
        _touch(path)
        return remembered
    analysed = {request: analyse_pattern(*request) for request in wanted}
    if path is not None:
        _write(path, wanted, analysed)
    return analysed


def _cache_file(wanted: list[PatternRequest]) -> Path | None:
    folder = rubric_cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(_environment().encode())
    for pattern, case_sensitive in wanted:
        digest.update(f"{int(case_sensitive)}{pattern}\0".encode("utf-8", "surrogatepass"))
    return folder / f"{digest.hexdigest()}.keys.json"


def _environment() -> str:
    """What the keys depend on besides the patterns: this code, the `re` parser it walks (which
    changes between Python versions) and the Unicode tables behind lower-casing."""
    code = code_digest(("engine/prefilter.py", "engine/keycache.py"))
    return f"{_FORMAT}:{code}:{sys.version_info[:2]}:{sre.MAGIC}:{unicodedata.unidata_version}"


def _touch(path: Path) -> None:
    """Mark a file as used, so that pruning keeps the files still in use."""
    try:
        os.utime(path)
    except OSError:
        pass


def _read(path: Path, wanted: list[PatternRequest]) -> dict[PatternRequest, PatternKeys] | None:
    try:
        rows = json.loads(path.read_bytes())
        if not isinstance(rows, list) or len(rows) != len(wanted):
            return None
        return {request: _from_row(row) for request, row in zip(wanted, rows, strict=True)}
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _from_row(row: object) -> PatternKeys:
    """A row as written by `_write`: {"keys": [text, ...] or null, "anchors": [[text, ...], ...]};
    anything else raises ValueError, so that the file is worked out again."""
    if not isinstance(row, dict):
        raise ValueError("a row is not a mapping")
    keys, anchors = row["keys"], row["anchors"]
    if keys is not None and not _texts(keys):
        raise ValueError("keys are not a list of text")
    if not isinstance(anchors, list) or not all(_texts(texts) for texts in anchors):
        raise ValueError("anchors are not lists of text")
    return PatternKeys(None if keys is None else frozenset(keys), tuple(frozenset(texts) for texts in anchors))


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(text, str) for text in value)


def _write(path: Path, wanted: list[PatternRequest], analysed: dict[PatternRequest, PatternKeys]) -> None:
    rows = [
        {
            "keys": None if analysed[request].keys is None else sorted(analysed[request].keys),  # type: ignore[arg-type]
            "anchors": [sorted(texts) for texts in analysed[request].anchors],
        }
        for request in wanted
    ]
    # ASCII escapes: a pattern may hold a lone surrogate ("\\udce9"), which UTF-8 cannot encode.
    if write_cache_file(path, json.dumps(rows).encode("ascii")):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the newest keys files; a file that vanishes meanwhile (another run pruning) is fine."""
    dated = []
    for file in folder.glob("*.keys.json"):
        try:
            dated.append((file.stat().st_mtime, file.name, file))
        except OSError:
            continue
    for *_, file in sorted(dated, reverse=True)[_KEPT_FILES:]:
        try:
            file.unlink()
        except OSError:
            pass
