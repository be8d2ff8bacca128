"""Rebuild samples/<name>.pdf, .docx and .html from each samples/<name>.md.

Usage: .venv/bin/python scripts/build_samples.py [NAME ...]

The Markdown files are the source; the other formats are generated with the helpers in
tests/docgen.py so that the loaders see files made by real producers (reportlab, python-docx).
Builds are byte-for-byte reproducible: the PDF uses reportlab's invariant mode (fixed dates and
document ID) and the DOCX is re-zipped with fixed timestamps and fixed core-property dates.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
sys.path.insert(0, str(REPO / "tests"))

from docgen import markdown_to_blocks, write_docx, write_html, write_pdf  # noqa: E402

# Fixed date stamped into DOCX core properties and zip entries (the DOS epoch is the zip minimum).
FIXED_W3CDTF = "2025-01-01T00:00:00Z"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _make_reportlab_invariant() -> None:
    """Ask reportlab for fixed creation dates and document IDs in every PDF it writes."""
    from reportlab import rl_config

    rl_config.invariant = 1


def _normalise_docx(path: Path) -> None:
    """Rewrite a DOCX with fixed zip timestamps and fixed created/modified dates."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(lambda m: m.group(1) + FIXED_W3CDTF.encode() + m.group(3), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)


def _title(blocks: list[tuple[str, str]], fallback: str) -> str:
    """The first level-1 heading, else the file stem."""
    return next((text for kind, text in blocks if kind == "h1"), fallback)


def build(md_path: Path) -> list[Path]:
    """Build the PDF, DOCX and HTML for one Markdown sample; return the paths written."""
    blocks = markdown_to_blocks(md_path.read_text(encoding="utf-8"))
    title = _title(blocks, md_path.stem)
    stem = md_path.with_suffix("")
    pdf = write_pdf(stem.with_suffix(".pdf"), blocks, title=title)
    docx_path = write_docx(stem.with_suffix(".docx"), blocks, title=title)
    _normalise_docx(docx_path)
    html_path = write_html(stem.with_suffix(".html"), blocks, title=title)
    return [pdf, docx_path, html_path]


def main(argv: list[str]) -> int:
    _make_reportlab_invariant()
    if argv:
        sources = [SAMPLES / f"{name.removesuffix('.md')}.md" for name in argv]
    else:
        sources = sorted(p for p in SAMPLES.glob("*.md") if p.name.lower() != "readme.md")
    missing = [p for p in sources if not p.is_file()]
    if missing:
        print("no such sample: " + ", ".join(str(p.relative_to(REPO)) for p in missing), file=sys.stderr)
        return 2
    for md_path in sources:
        for out in build(md_path):
            print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
