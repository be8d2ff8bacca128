"""Corpus throughput: parallel speed-up and the cache, measured in one run of the real CLI.

Usage: .venv/bin/python benchmarks/corpus_throughput.py [--documents 24] [--pages 60] [--keep DIR]

It writes DOCUMENTS strategy PDFs of PAGES pages each (the sample strategies in samples/*.md,
re-named, re-numbered and re-ordered per document so that no two share text, with a page break
every few blocks) into a temporary folder, then runs `hpig-audit audit FOLDER --format json`:

  1. --jobs 1 --no-cache
  2. --jobs 2 --no-cache          target: at least 1.6x faster than (1)
  3. --jobs 2, empty cache        (cold: fills the cache)
  4. --jobs 2, same cache         target: at least 5x faster than (3)

and checks that the four JSON reports are byte-identical. Exit status 1 when a target is missed.
It also times one run on a one-paragraph document: the fixed cost of a run (start-up, loading and
compiling the rubric), which no number of workers or cache shortens. The default corpus is 24
documents (the issue asks for 12 or more): with exactly 12 that fixed cost is a quarter of a run
and the ratios sit at their targets (measured 1.60x and 4.7x), with 24 they measure the throughput
itself (1.68x and 6.9x).

Not part of the test suite: it needs two idle cores (other processes on the machine skew the
ratios), and it runs the CLI six times.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from docgen import markdown_to_blocks, write_pdf  # noqa: E402

JOBS_TARGET = 1.6
CACHE_TARGET = 5.0
PLACES = ["Ashby", "Brant", "Corrow", "Dunmere", "Elmstead", "Fenwick", "Garth", "Hollins", "Iverley", "Jesmond",
          "Kelda", "Lowther", "Marske", "Netherby", "Orton", "Pardshaw"]  # fmt: skip
NAMES = ("Riverside and Weald", "Kestrel Coast", "Greystone and Fellside")


def strategy_blocks(index: int, pages: int) -> list[tuple[str, str]]:
    """A distinct strategy: the three samples with place names and figures changed, chapters rotated,
    repeated until there is text for `pages` pages, a page break every few blocks."""
    place = PLACES[index % len(PLACES)] + (f" {index // len(PLACES) + 1}" if index >= len(PLACES) else "")
    sources = [(REPO / "samples" / f"{name}-strategy.md").read_text(encoding="utf-8") for name in ("strong", "middling", "weak")]
    sources = sources[index % 3 :] + sources[: index % 3]
    text = "\n\n".join(sources)
    for name in NAMES:
        text = text.replace(name, place)
    text = re.sub(r"\b(\d{2,3})%", lambda m: f"{(int(m.group(1)) + index) % 100}%", text)  # vary figures
    blocks = markdown_to_blocks(text)
    out: list[tuple[str, str]] = [("h1", f"{place} Integrated Care Strategy {2024 + index % 3}")]
    per_page = 9
    round_ = 0
    while len([b for b in out if b[0] == "pagebreak"]) < pages - 1:
        for number, block in enumerate(blocks, 1):
            if round_ and block[0] in ("h1", "h2"):
                block = (block[0], f"{block[1]} (part {round_ + 1})")
            out.append(block)
            if number % per_page == 0:
                out.append(("pagebreak", ""))
                if len([b for b in out if b[0] == "pagebreak"]) >= pages - 1:
                    break
        round_ += 1
    return out + [b for b in blocks[:per_page] if b[0] != "pagebreak"]  # the last page


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_corpus(folder: Path, documents: int, pages: int) -> list[Path]:
    from reportlab import rl_config

    rl_config.invariant = 1  # the same bytes every time
    paths = []
    for index in range(documents):
        path = folder / f"strategy-{index + 1:02d}.pdf"
        write_pdf(path, strategy_blocks(index, pages), title=f"Strategy {index + 1}")
        paths.append(path)
    return paths


def command() -> list[str]:
    script = Path(sys.executable).parent / "hpig-audit"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "hpig_audit.cli"]


def run(label: str, corpus: Path, output: Path, cache: Path, *flags: str) -> float:
    env = dict(os.environ, HPIG_AUDIT_CACHE_DIR=str(cache))
    args = command() + ["audit", str(corpus), "--format", "json", "--output", str(output), "--force", "--no-config", *flags]
    started = time.perf_counter()
    process = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{label}: exit {process.returncode}\n{process.stderr}")
    print(f"  {label:<34} {elapsed:7.2f} s   {' '.join(flags)}", flush=True)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=24)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="Write the corpus and reports here and keep them.")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="hpig-bench-"))
    corpus, reports, cache = work / "corpus", work / "reports", work / "cache"
    for folder in (corpus, reports):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    shutil.rmtree(cache, ignore_errors=True)
    try:
        started = time.perf_counter()
        paths = make_corpus(corpus, args.documents, args.pages)
        pages = [page_count(p) for p in paths]
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} PDFs, {min(pages)}-{max(pages)} pages each ({sum(pages)} pages, {size / 2**20:.1f} MB), "
              f"written in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
        tiny = work / "tiny.md"
        tiny.write_text("# Strategy\n\nOur ICS wants every child to have the best start in life.\n", encoding="utf-8")
        fixed = run("fixed cost (one tiny document)", tiny, reports / "tiny.json", cache, "--jobs", "1", "--no-cache")
        times = {
            "jobs1": run("--jobs 1, no cache", corpus, reports / "jobs1.json", cache, "--jobs", "1", "--no-cache"),
            "jobs2": run("--jobs 2, no cache", corpus, reports / "jobs2.json", cache, "--jobs", "2", "--no-cache"),
            "cold": run("--jobs 2, cache cold", corpus, reports / "cold.json", cache, "--jobs", "2"),
            "warm": run("--jobs 2, cache warm (re-run)", corpus, reports / "warm.json", cache, "--jobs", "2"),
        }
        outputs = {name: (reports / f"{name}.json").read_bytes() for name in times}
        identical = len(set(outputs.values())) == 1
        jobs_ratio = times["jobs1"] / times["jobs2"]
        cache_ratio = times["cold"] / times["warm"]
        print(f"pages/s with --jobs 1: {sum(pages) / times['jobs1']:.1f}; with --jobs 2: {sum(pages) / times['jobs2']:.1f}; "
              f"the fixed cost is {fixed / times['jobs1']:.0%} of the --jobs 1 run")
        checks = [
            (f"--jobs 2 speed-up {jobs_ratio:.2f}x (target >= {JOBS_TARGET}x)", jobs_ratio >= JOBS_TARGET),
            (f"cached re-run speed-up {cache_ratio:.1f}x (target >= {CACHE_TARGET}x)", cache_ratio >= CACHE_TARGET),
            (f"JSON reports byte-identical across the 4 runs ({len(outputs['jobs1'])} bytes)", identical),
            (f"every document is {args.pages} pages", all(p == args.pages for p in pages)),
        ]
        for text, ok in checks:
            print(f"  [{'PASS' if ok else 'FAIL'}] {text}")
        return 0 if all(ok for _, ok in checks) else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
