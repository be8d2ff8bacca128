"""The same document judged the same in every format: agreement sets' documents, read from plain
text, are written again as real PDF, DOCX and HTML files (reportlab, python-docx) and audited; the
levels must match the text's for nearly every criterion.

Strategies are published as PDFs far more often than as text, so this is where a loader that
misreads layout (a numbered heading taken for a list item, a heading lost) shows up as changed
judgments. The sets are chosen for their structure: board minutes with numbered agenda items, a
joint forward plan with lists under 'We will:' lead-ins, an easy read plan with a glossary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import Blocks, write_docx, write_html, write_pdf, write_text
from hpig_audit.audit import audit_parsed, audit_source
from hpig_audit.engine.compiled import CompiledRubric
from hpig_audit.load import load_document
from hpig_audit.report import DocumentResult
from hpig_audit.document import ParsedDocument

AGREEMENT = Path(__file__).resolve().parent / "agreement"
SETS = ("set-b", "set-be", "set-y")
def write_web_text(path: Path, blocks: Blocks, *, title: str | None = None) -> Path:
    """Text as copied from a web page, like the development corpus's: a paragraph per line, no
    blank lines."""
    return write_text(path.with_suffix(".txt"), blocks, blank_lines=False)


WRITERS = {"pdf": write_pdf, "docx": write_docx, "html": write_html, "web-text": write_web_text}
AT_LEAST = {"pdf": 0.98, "docx": 0.98, "html": 0.98, "web-text": 0.975}
"""Share of judgments that must equal the text's as written: a few differ where the rendering
itself changes the structure (heading levels below the third become third-level; in text without
blank lines, what is a heading must be guessed from the lines around it)."""


def as_blocks(parsed: ParsedDocument) -> Blocks:
    """Headings (levels below the third become third), list items, and the rest (table rows too) as paragraphs."""
    return [(f"h{min(b.level or 1, 3)}" if b.kind == "heading" else "li" if b.kind == "list_item" else "p", b.text) for b in parsed.blocks]


@pytest.fixture(scope="module")
def judged(default_compiled: CompiledRubric, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """For each format, (level as written, that format's level) of every criterion of every document."""
    folder = tmp_path_factory.mktemp("formats")
    for name in WRITERS:
        (folder / name).mkdir()
    pairs: dict[str, list[tuple[str, str]]] = {name: [] for name in WRITERS}
    for path in sorted(p for name in SETS for p in (AGREEMENT / name).glob("*.txt")):
        parsed = load_document(str(path))
        text_levels = {f.criterion: f.level for f in audit_parsed(parsed, default_compiled).findings}
        for name, write in WRITERS.items():
            written = write(folder / name / f"{path.stem}.{name}", as_blocks(parsed), title=parsed.title)
            result = audit_source(str(written), default_compiled)
            assert isinstance(result, DocumentResult), f"{written}: {result.reason}"
            pairs[name] += [(text_levels[f.criterion], f.level) for f in result.findings]
    return pairs


@pytest.mark.skipif(not all((AGREEMENT / name).is_dir() for name in SETS), reason="agreement sets not present")
@pytest.mark.parametrize("format_name", sorted(WRITERS))
def test_a_format_gets_the_levels_of_the_plain_text(format_name: str, judged: dict[str, list[tuple[str, str]]]) -> None:
    pairs = judged[format_name]
    documents = sum(1 for name in SETS for _ in (AGREEMENT / name).glob("*.txt"))
    assert len(pairs) == 50 * documents
    same = sum(text == got for text, got in pairs) / len(pairs)
    assert same >= AT_LEAST[format_name], f"{format_name}: {same:.1%} of judgments as in the text as written"
