"""Read a source's raw bytes from a local path or an http(s) URL, with one-line reasons on failure."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from hpig_audit import __version__ as _VERSION
from hpig_audit.load.common import Unreadable

USER_AGENT = f"hpig-audit/{_VERSION} (ICS strategy audit tool; Python urllib)"
MAX_BYTES = 512 * 1024 * 1024  # far above any real strategy; stops a runaway download
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawSource:
    data: bytes
    name: str
    """File name or URL path, used only as a tie-breaker when sniffing the format."""
    content_type: str | None = None
    charset: str | None = None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_source(source: str, timeout: float) -> RawSource:
    """Read the bytes of a path or URL; raise `Unreadable` with a short reason."""
    raw = _fetch(source, timeout) if is_url(source) else _read_file(source)
    if not raw.data:
        raise Unreadable("empty file" if not is_url(source) else "empty response")
    return raw


def _read_file(source: str) -> RawSource:
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            raise Unreadable("is a directory, not a document")
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable("file not found") from None
    except PermissionError:
        raise Unreadable("permission denied") from None
    except IsADirectoryError:
        raise Unreadable("is a directory, not a document") from None
    except OSError as exc:
        raise Unreadable(f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    return RawSource(data=data, name=path.name)


def _fetch(url: str, timeout: float) -> RawSource:
    # Imported here: urllib.request is slow to import and most audits read files, not URLs.
    import urllib.error
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/pdf,text/html,application/xhtml+xml,"
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/*;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = _read_body(response, timeout)
            headers: Message = response.headers
            return RawSource(
                data=data,
                name=urllib.parse.urlsplit(response.geturl()).path,
                content_type=headers.get_content_type() if headers.get("Content-Type") else None,
                charset=headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        raise Unreadable(f"HTTP error {exc.code} {exc.reason or ''}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise Unreadable(_network_reason(exc.reason, timeout)) from None
    except (TimeoutError, socket.timeout):
        raise Unreadable(f"timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise Unreadable(_network_reason(exc, timeout)) from None


def _read_body(response, timeout: float) -> bytes:  # type: ignore[no-untyped-def]
    """Read in chunks so a slow trickle cannot outlast the timeout (the socket timeout is per read)."""
    deadline = time.monotonic() + max(timeout, 1.0) * 4
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise Unreadable(f"download larger than {MAX_BYTES // 2**20} MB")
        if time.monotonic() > deadline:
            raise Unreadable(f"download too slow (over {max(timeout, 1.0) * 4:g} s)")
    return b"".join(chunks)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error ({reason.strerror})"
    text = str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__
    return f"network error ({text[:120]})"
