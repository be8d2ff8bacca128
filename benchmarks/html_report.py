"""Benchmark: the HTML report of a 100-page strategy stays under 2 MB and opens in Chromium in
under a second (issue 4).

    .venv/bin/python benchmarks/html_report.py [--pages 100] [--chromium /usr/bin/chromium]

The strategy PDF is generated from the shipped samples; the audit's HTML report is written to a
temporary folder and loaded by headless Chromium with `--dump-dom`, which returns once the page has
loaded. The time of an empty page is measured the same way and subtracted, so the figure is the
report's own load time rather than Chromium's start-up. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from audit_speed import build_pdf  # noqa: E402  (same generated strategy as the speed benchmark)

TARGET_MB = 2.0
TARGET_SECONDS = 1.0
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def load_seconds(chromium: str, page: Path, profile: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            check=True, capture_output=True, timeout=60,
        )
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hpig-html-bench-"))
    pdf = folder / "strategy.pdf"
    pages = build_pdf(pdf, args.pages)

    from hpig_audit.audit import audit_sources
    from hpig_audit.format import RenderOptions, render
    from hpig_audit.rubric import load_rubric

    rubric = load_rubric()
    html = render(audit_sources([str(pdf)], rubric), "html", RenderOptions(rubric=rubric))
    report = folder / "report.html"
    report.write_text(html, encoding="utf-8")
    blank = folder / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    size_mb = report.stat().st_size / 1e6
    print(f"{pages}-page strategy: HTML report {size_mb:.2f} MB")
    checks = [(f"report under {TARGET_MB} MB", size_mb < TARGET_MB, f"{size_mb:.2f} MB")]
    if Path(args.chromium).exists():
        profile = folder / "profile"
        baseline = load_seconds(args.chromium, blank, profile)
        total = load_seconds(args.chromium, report, profile)
        own = max(total - baseline, 0.0)
        print(f"Chromium: blank page {baseline:.2f} s, report {total:.2f} s, report's own load {own:.2f} s")
        checks.append((f"opens in under {TARGET_SECONDS} s", own < TARGET_SECONDS, f"{own:.2f} s"))
    else:
        print(f"no Chromium at {args.chromium}: load time not measured")
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
