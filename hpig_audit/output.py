"""Writing reports: atomically, and never over a file the user did not ask to replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hpig_audit.errors import UsageError


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a report."""
    if path.exists() and not force and not _written_by_us(path):
        raise UsageError(f"{path}: already exists and was not written by hpig-audit; use --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write report: {exc.strerror or exc}") from None


_MARKERS = (b'"name": "hpig-audit"', b"hpig-audit", b"<!-- hpig-audit -->")


def _written_by_us(path: Path) -> bool:
    """A report hpig-audit wrote before may be replaced; anything else needs --force."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return any(marker in head for marker in _MARKERS) or path.stat().st_size == 0
