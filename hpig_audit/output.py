"""Writing reports: atomically, and never over a file the user did not ask to replace."""

from __future__ import annotations

import os
import re
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
        # mkstemp makes the file private (0600); a report gets the mode any new file would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write report: {exc.strerror or exc}") from None


# What each format hpig-audit writes carries near its start or end; the bare tool name is not
# enough (a CI workflow that runs `hpig-audit audit` mentions it too).
def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_MARKERS = (
    re.compile(rb'"tool": \{\s*"name": "hpig-audit"'),  # json
    re.compile(rb'"driver": \{\s*"name": "hpig-audit"'),  # sarif
    re.compile(rb"\A<!DOCTYPE html>.*<title>[^<]*HPIG audit", re.S | re.I),  # html
    re.compile(rb'\A<!DOCTYPE html>.*<meta name="generator" content="hpig-audit ', re.S),  # summary html
    re.compile(rb"\A# HPIG (?:audit report|audit comparison|corpus summary)\n"),  # markdown: audit, diff, summary
    re.compile(rb"\Adocument,type,theme,criterion,"),  # csv
    re.compile(rb"\Akind,id,title,theme,group,documents,"),  # summary csv
    re.compile(rb'<testsuites name="hpig-audit"'),  # junit
    re.compile(rb"^::notice title=hpig-audit::", re.M),  # github
    re.compile(rb"\Ahpig-audit \S+ \xc2\xb7 (?:rubric |comparing two audits\n|HPIG corpus summary \xc2\xb7 )"),  # table: audit, diff, summary
    re.compile(rb"\APK\x03\x04"),  # xlsx: checked further below
)


def _written_by_us(path: Path) -> bool:
    """A report hpig-audit wrote before may be replaced; anything else needs --force."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            handle.seek(max(0, path.stat().st_size - 8192))
            tail = handle.read()
    except OSError:
        return False
    if not head:
        return True  # an empty file holds nothing to lose
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_by_us(path)
    return any(marker.search(head) or marker.search(tail) for marker in _MARKERS[:-1])


def _xlsx_by_us(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return re.search(rb"<dc:creator[^>]*>hpig-audit</dc:creator>", core) is not None
