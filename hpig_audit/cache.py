"""The on-disk cache: parsed documents, and judgments, keyed by the content of what made them.

Two kinds of entry, each one JSON file written atomically:

- ``parsed/``: a `ParsedDocument`, keyed by the SHA-256 of the document's bytes, its detected
  format and charset, and the loader version (`LOADER_VERSION` plus a digest of the loader's own
  code). Re-running with an edited rubric skips parsing.
- ``results/``: a `DocumentResult`, keyed by the parsed entry's key, the rubric's content and the
  judging code. Re-running an unchanged rubric over unchanged documents skips judging too, which
  is where nearly all of an audit's time goes.

A key never depends on the path or URL a document was given as, so a renamed or re-downloaded
document still hits; the entry's `source` is replaced by the one given now. An entry that cannot be
read, does not parse, fails validation or does not match its key is ignored and rebuilt, never
trusted. Failing to write the cache (read-only disk, full disk) never fails an audit.

Where: ``$HPIG_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/hpig-audit``, else ``~/.cache/hpig-audit``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from hpig_audit import __version__
from hpig_audit.document import ParsedDocument
from hpig_audit.report import DocumentResult

if TYPE_CHECKING:
    from hpig_audit.load import RawDocument
    from hpig_audit.rubric.schema import Rubric

# Bump when a loader change must invalidate parsed entries. The digest of the loader code is part
# of the key as well, so that a development checkout never reads entries from older code.
LOADER_VERSION = "1"
JUDGE_VERSION = "1"
_FORMAT = "hpig-audit-cache"
_KINDS = ("parsed", "results")

# Source files whose code decides what an entry holds (relative to the hpig_audit package).
_LOADER_CODE = ("load", "document.py")
_JUDGE_CODE = ("engine", "audit.py", "scoring.py", "report.py")


def default_cache_dir() -> Path:
    explicit = os.environ.get("HPIG_AUDIT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "hpig-audit"


def rubric_cache_dir() -> Path | None:
    """Where what is worked out once per rubric content is kept (the index keys of its patterns,
    the mark of a rubric whose patterns were checked); None when caching is off
    (HPIG_AUDIT_NO_CACHE, which --no-cache sets) or there is no home directory for a cache."""
    if os.environ.get("HPIG_AUDIT_NO_CACHE"):
        return None
    try:
        return default_cache_dir() / "rubrics"
    except RuntimeError:
        return None


@lru_cache(maxsize=4)
def code_digest(parts: tuple[str, ...]) -> str:
    """SHA-256 over the named modules' source, in a fixed order."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in parts:
        path = package / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError:
                # No source to hash (an install of bytecode only): a digest that no other run
                # shares, so that nothing cached by other code is ever taken as this code's.
                data = os.urandom(16)
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def loader_fingerprint() -> str:
    return f"{LOADER_VERSION}:{__version__}:{code_digest(_LOADER_CODE)}"


def judge_fingerprint() -> str:
    return f"{JUDGE_VERSION}:{__version__}:{code_digest(_JUDGE_CODE)}"


def rubric_fingerprint(rubric: "Rubric") -> str:
    """SHA-256 of the rubric's validated content: any edit to it changes every judgment key."""
    return hashlib.sha256(rubric.model_dump_json().encode("utf-8")).hexdigest()


def _sha(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    entries: int
    bytes: int


@dataclass(frozen=True)
class Cache:
    """A cache directory. Cheap to create and to pickle (worker processes get their own copy)."""

    root: Path

    @classmethod
    def default(cls) -> "Cache":
        return cls(default_cache_dir())

    # ------------------------------------------------------------------ keys

    def parsed_key(self, raw: "RawDocument") -> str:
        return _sha("parsed", loader_fingerprint(), raw.sha256, raw.kind, (raw.charset or "").lower())

    def result_key(self, parsed_key: str, rubric_key: str) -> str:
        return _sha("results", judge_fingerprint(), parsed_key, rubric_key)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.json"

    # ------------------------------------------------------------------ parsed documents

    def get_parsed(self, key: str, raw: "RawDocument") -> ParsedDocument | None:
        data = self._read("parsed", key)
        if data is None:
            return None
        try:
            document = ParsedDocument.model_validate(data)
        except (ValidationError, TypeError, ValueError):
            return None
        if document.sha256 != raw.sha256 or document.type != raw.kind or not document.blocks:
            return None
        return document.model_copy(update={"source": raw.source})

    def put_parsed(self, key: str, document: ParsedDocument) -> bool:
        return self._write("parsed", key, document.model_dump(mode="json"))

    # ------------------------------------------------------------------ judgments

    def get_result(self, key: str, raw: "RawDocument") -> DocumentResult | None:
        data = self._read("results", key)
        if data is None:
            return None
        try:
            result = DocumentResult.model_validate(data)
        except (ValidationError, TypeError, ValueError):
            return None
        if result.sha256 != raw.sha256 or result.meta:
            return None
        return result.model_copy(update={"source": raw.source})

    def put_result(self, key: str, result: DocumentResult) -> bool:
        return self._write("results", key, result.model_dump(mode="json"))

    # ------------------------------------------------------------------ housekeeping

    def stats(self) -> CacheStats:
        entries = size = 0
        for kind, files in [*((kind, "*.json") for kind in _KINDS), ("rubrics", "*")]:
            for file in (self.root / kind).rglob(files):
                try:
                    size += file.stat().st_size
                except OSError:
                    continue
                entries += 1
        return CacheStats(entries, size)

    def clear(self) -> CacheStats:
        """Delete every entry (only the cache's own sub-folders, never anything else in `root`)."""
        before = self.stats()
        for kind in (*_KINDS, "rubrics"):  # "rubrics": pattern keys and checked-patterns marks
            shutil.rmtree(self.root / kind, ignore_errors=True)
        try:
            self.root.rmdir()  # only if now empty
        except OSError:
            pass
        return before

    # ------------------------------------------------------------------ storage

    def _read(self, kind: str, key: str) -> Any:
        """The entry's payload, or None when missing, unreadable, corrupt or not this key's."""
        try:
            envelope = json.loads(self.path(kind, key).read_bytes())
        except (OSError, ValueError):
            return None
        if (
            not isinstance(envelope, dict)
            or envelope.get("format") != _FORMAT
            or envelope.get("kind") != kind
            or envelope.get("key") != key
            or not isinstance(envelope.get("data"), dict)
        ):
            return None
        return envelope["data"]

    def _write(self, kind: str, key: str, data: Any) -> bool:
        payload = json.dumps({"format": _FORMAT, "kind": kind, "key": key, "data": data}, ensure_ascii=False)
        return write_cache_file(self.path(kind, key), payload.encode("utf-8"))


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write a cache file atomically (a temporary file in the same folder, then a rename), so that a
    reader, or a parallel worker writing the same entry, never sees half of one. False when it cannot
    be written: a cache that cannot be written only costs the work next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:16]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
