"""`hpig-audit cache clear|info`."""

from __future__ import annotations

import sys

from hpig_audit.cache import Cache
from hpig_audit.errors import ExitCode


def run_clear() -> ExitCode:
    cache = Cache.default()
    removed = cache.clear()
    sys.stdout.write(f"cleared {cache.root}: {removed.entries} entries, {_size(removed.bytes)}\n")
    return ExitCode.OK


def run_info() -> ExitCode:
    cache = Cache.default()
    stats = cache.stats()
    sys.stdout.write(f"{cache.root}: {stats.entries} entries, {_size(stats.bytes)}\n")
    return ExitCode.OK


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"
