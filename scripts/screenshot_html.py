#!/usr/bin/env python3
"""Render the HTML report of a JSON audit report and screenshot it with headless Chromium.

    python scripts/screenshot_html.py report.json [--rubric RUBRIC] [--out shot.png]
        [--html report.html] [--width 1200] [--height 2000] [--chromium /usr/bin/chromium]

For the README and for eyeballing changes to the HTML format. Needs Chromium (Debian: chromium).
Chromium runs with networking features off and a throwaway profile, so nothing is fetched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Run from a checkout without installing: put the repository root on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hpig_audit.format import RenderOptions, render  # noqa: E402
from hpig_audit.report import AuditReport  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",  # root in containers and CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def load_rubric(path: str | None):  # -> Rubric | None
    if path is None:
        return None
    from hpig_audit.rubric.loading import load_rubric as load

    return load(path)


def find_chromium(given: str | None) -> str:
    for candidate in (given, "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise SystemExit("screenshot_html: Chromium not found (Debian: apt-get install chromium; or pass --chromium)")


def screenshot(chromium: str, html: Path, out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="hpig-shot-") as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}",
                   f"--window-size={width},{height}", html.resolve().as_uri()]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not out.exists():
        raise SystemExit(f"screenshot_html: chromium failed ({result.returncode}):\n{result.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="a JSON report (hpig-audit --format json)")
    parser.add_argument("--rubric", help="rubric name or YAML file, for baselines and questions")
    parser.add_argument("--out", default="report.png", help="PNG to write (default: report.png)")
    parser.add_argument("--html", help="also keep the rendered HTML here")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--chromium", help="path to the Chromium binary")
    args = parser.parse_args(argv)

    report = AuditReport.model_validate_json(Path(args.report).read_text(encoding="utf-8"))
    html = render(report, "html", RenderOptions(rubric=load_rubric(args.rubric)))
    chromium = find_chromium(args.chromium)
    with tempfile.TemporaryDirectory(prefix="hpig-html-") as tmp:
        page = Path(args.html) if args.html else Path(tmp) / "report.html"
        page.write_text(str(html), encoding="utf-8")
        screenshot(chromium, page, Path(args.out).resolve(), args.width, args.height)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
