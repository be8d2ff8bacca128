"""Benchmark: a whole audit of a large PDF against bare text extraction of the same file.

Targets (issue 2): the whole audit within 2x of pypdfium2's bare `get_text_range()` over all pages;
`hpig-audit --help` under 0.3 s; peak memory of the audit under 300 MB.

Run from the repository root with the project installed:

    .venv/bin/python benchmarks/audit_speed.py [--pages 500] [--keep DIR]

Each measurement runs in a fresh subprocess (so imports, the rubric and the page cache of one do not
help another) and is repeated; the best time is reported. Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

TARGET_RATIO = 2.0
TARGET_HELP_SECONDS = 0.3
TARGET_PEAK_MB = 300

BARE = """
import sys, time, pypdfium2
start = time.perf_counter()
pdf = pypdfium2.PdfDocument(sys.argv[1])
for index in range(len(pdf)):
    page = pdf[index]
    textpage = page.get_textpage()
    textpage.get_text_range()
    textpage.close()
    page.close()
pdf.close()
print(time.perf_counter() - start)
"""

AUDIT = """
import resource, sys, time
start = time.perf_counter()
from hpig_audit.audit import audit_sources
from hpig_audit.format import render
from hpig_audit.rubric import load_rubric
report = audit_sources([sys.argv[1]], load_rubric())
render(report, "json")
elapsed = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak_mb, report.documents[0].pages)
"""


def build_pdf(path: Path, pages: int) -> int:
    """A long strategy PDF from the shipped samples, repeated until it has about `pages` pages."""
    from docgen import markdown_to_blocks, write_pdf

    text = "\n\n".join((REPO / "samples" / f"{name}-strategy.md").read_text(encoding="utf-8") for name in ("strong", "middling", "weak"))
    blocks = markdown_to_blocks(text)
    copies = 1
    while True:
        write_pdf(path, blocks * copies, title="Benchmark strategy")
        import pypdfium2

        count = len(pypdfium2.PdfDocument(str(path)))
        if count >= pages:
            return count
        copies = max(copies + 1, int(copies * pages / max(count, 1)) + 1)


def best_of(runs: int, command: list[str]) -> list[str]:
    results = []
    for _ in range(runs):
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
        results.append(output)
    return min(results, key=lambda fields: float(fields[0]))


def help_seconds(runs: int = 5) -> float:
    executable = Path(sys.executable).with_name("hpig-audit")
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "hpig_audit.cli"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*command, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the PDF here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hpig-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "large-strategy.pdf"
    pages = build_pdf(pdf, args.pages)

    bare = float(best_of(args.runs, [sys.executable, "-c", BARE, str(pdf)])[0])
    audit_fields = best_of(args.runs, [sys.executable, "-c", AUDIT, str(pdf)])
    audit, peak = float(audit_fields[0]), float(audit_fields[1])
    helptime = help_seconds()
    ratio = audit / bare
    results = {
        "pages": pages,
        "bare_extraction_s": round(bare, 3),
        "whole_audit_s": round(audit, 3),
        "ratio": round(ratio, 2),
        "help_s": round(helptime, 3),
        "peak_memory_mb": round(peak, 1),
    }
    print(json.dumps(results, indent=2))
    checks = [
        (f"whole audit within {TARGET_RATIO}x of bare extraction", ratio <= TARGET_RATIO, f"{ratio:.2f}x"),
        (f"--help under {TARGET_HELP_SECONDS} s", helptime < TARGET_HELP_SECONDS, f"{helptime:.3f} s"),
        (f"peak memory under {TARGET_PEAK_MB} MB", peak < TARGET_PEAK_MB, f"{peak:.0f} MB"),
    ]
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
