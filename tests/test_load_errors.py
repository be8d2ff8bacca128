"""Every unreadable input is a LoadError with a short one-line reason, never another exception."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from hpig_audit.errors import LoadError
from hpig_audit.load import load_document


def _reason(source: str) -> str:
    with pytest.raises(LoadError) as info:
        load_document(source)
    error = info.value
    assert error.source == source
    assert "\n" not in error.reason and len(error.reason) < 200
    assert str(error) == f"{source}: {error.reason}"
    return error.reason


def test_missing_file_directory_and_empty_file(tmp_path: Path) -> None:
    assert _reason(str(tmp_path / "nope.pdf")) == "file not found"
    assert "directory" in _reason(str(tmp_path))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _reason(str(empty)) == "empty file"


def test_whitespace_only_files_have_no_text(tmp_path: Path) -> None:
    for name in ("blank.txt", "blank.md", "blank.html"):
        path = tmp_path / name
        path.write_text("  \n\n\t\n")
        assert "no text" in _reason(str(path))
    page = tmp_path / "chrome.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body></html>")
    assert "no text" in _reason(str(page))


def test_unsupported_formats(tmp_path: Path) -> None:
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert _reason(str(png)) == "unsupported format: PNG image"
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert "legacy Office" in _reason(str(doc))
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    assert _reason(str(binary)).startswith("unsupported format")
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("strategy.txt", "text")
    assert "zip archive" in _reason(str(archive))


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"# Title\r\n\r\nText \xe2\x80\x9cquoted\xe2\x80\x9d.\r\n")
    doc = load_document(str(path))
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.blocks[1].text == "Text \u201cquoted\u201d."


def test_read_then_parse_is_load(tmp_path: Path) -> None:
    """The two halves used by the parse cache give the same document as load_document."""
    from hpig_audit.load import parse_document, read_document

    path = tmp_path / "a.md"
    path.write_text("# Title\n\nBody text.\n")
    raw = read_document(str(path))
    assert raw.kind == "markdown" and raw.sha256 == hashlib.sha256(raw.data).hexdigest()
    assert parse_document(raw) == load_document(str(path))
