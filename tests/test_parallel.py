"""Parallel audits: the same bytes as sequential, results in input order, and a worker that dies on
one document becomes a skipped document while the rest of the batch goes on."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen import markdown_to_blocks, write_docx, write_markdown, write_pdf
from hpig_audit.audit import build_report
from hpig_audit.cache import Cache
from hpig_audit.cli import app
from hpig_audit.parallel import CRASH_REASON, _context, audit_many, worker_task
from hpig_audit.report import DocumentResult, SkippedDocument
from hpig_audit.rubric import load_rubric
from hpig_audit.rubric.schema import Rubric

TEXT = """# {name} Integrated Care Strategy

## Children and young people

Our ICS wants every child in {name} to have the best start in life.

The ICB has a lead for children and young people who will champion their needs.
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("HPIG_AUDIT_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("hpig-2023")


@pytest.fixture()
def corpus(tmp_path: Path) -> list[str]:
    root = tmp_path / "docs"
    root.mkdir()
    paths = [
        write_pdf(root / "1-ashby.pdf", markdown_to_blocks(TEXT.format(name="Ashby"))),
        root / "2-broken.pdf",
        write_docx(root / "3-brant.docx", markdown_to_blocks(TEXT.format(name="Brant"))),
        write_markdown(root / "4-crash-corrow.md", markdown_to_blocks(TEXT.format(name="Corrow"))),
        write_markdown(root / "5-dunmere.md", markdown_to_blocks(TEXT.format(name="Dunmere"))),
    ]
    paths[1].write_bytes(b"%PDF-1.4\n% truncated before any object\n")
    return [str(p) for p in paths]


def crashing_task(source: str):  # type: ignore[no-untyped-def]
    """A worker task that dies, as a segfault in a PDF library would, on documents named *crash*."""
    if "crash" in Path(source).name:
        os._exit(139)
    return worker_task(source)


def test_parallel_json_is_byte_identical_to_sequential(corpus: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    folder = str(Path(corpus[0]).parent)
    outputs = {}
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["audit", folder, "--format", "json", "--jobs", jobs, "--no-cache", "--no-config"])
        assert result.exit_code == 2  # the broken PDF
        assert result.stderr.strip().splitlines()[-1] == "hpig-audit: 4 audited, 1 skipped"
        outputs[jobs] = result.stdout
    assert outputs["1"] == outputs["2"]
    assert '"source": "' + corpus[1] in outputs["1"]


@pytest.fixture(params=["fork", "forkserver"] if sys.platform.startswith("linux") else ["forkserver"])
def start_method(request: pytest.FixtureRequest) -> Iterator[str]:
    """Workers are forked while no other thread runs; with a thread running (a progress bar) they
    come from a fork server. Both paths run for real."""
    if request.param == "fork":
        assert threading.active_count() == 1
        yield "fork"
        return
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        yield "forkserver"
    finally:
        stop.set()
        thread.join()


def test_start_method_follows_threads(start_method: str) -> None:
    assert _context().get_start_method() == start_method


def test_a_worker_crash_skips_that_document_only(corpus: list[str], rubric: Rubric, start_method: str) -> None:
    seen: list[str] = []
    results = audit_many(corpus, rubric, jobs=2, task=crashing_task, progress=lambda source, result: seen.append(source))
    assert [r.source for r in results] == corpus  # input order, whatever order they finished in
    assert sorted(seen) == sorted(corpus)  # progress once per document
    crashed = results[3]
    assert isinstance(crashed, SkippedDocument) and crashed.reason == CRASH_REASON
    assert isinstance(results[1], SkippedDocument) and results[1].reason != CRASH_REASON
    assert [type(r) for i, r in enumerate(results) if i not in (1, 3)] == [DocumentResult] * 3
    sequential = audit_many([corpus[0], corpus[2], corpus[4]], rubric, jobs=1)
    assert [r.model_dump_json() for i, r in enumerate(results) if i in (0, 2, 4)] == [r.model_dump_json() for r in sequential]


def test_bugs_while_judging_become_skipped_documents(corpus: list[str], rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> None:
    import hpig_audit.parallel as parallel

    import hpig_audit.audit as library

    def broken_judge(document, compiled):  # type: ignore[no-untyped-def]
        raise KeyError("theme")

    monkeypatch.setattr(library, "audit_parsed", broken_judge)  # the uncached path
    monkeypatch.setattr(parallel, "audit_parsed", broken_judge)  # the cached path
    expected = SkippedDocument(source=corpus[0], reason="internal error while auditing (KeyError: 'theme')")
    assert audit_many(corpus[:1], rubric, jobs=1, cache=None) == [expected]
    assert audit_many(corpus[:1], rubric, jobs=1, cache=Cache.default()) == [expected]
    assert build_report(rubric, [expected]).skipped == (expected,)


def test_jobs_must_be_positive(corpus: list[str], rubric: Rubric) -> None:
    with pytest.raises(ValueError):
        audit_many(corpus, rubric, jobs=0)
    result = CliRunner().invoke(app, ["audit", corpus[0], "--jobs", "0", "--no-config"])
    assert result.exit_code == 2


def test_cached_judgments_are_read_without_starting_workers(corpus: list[str], rubric: Rubric, cache_dir: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import hpig_audit.parallel as parallel

    cache = Cache(cache_dir)
    first = audit_many(corpus, rubric, jobs=2, cache=cache)

    def no_pool(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a pool was started for cached documents")

    monkeypatch.setattr(parallel, "_Pool", no_pool)
    seen: list[str] = []
    again = audit_many(corpus, rubric, jobs=2, cache=cache, progress=lambda source, result: seen.append(source))
    assert [r.model_dump_json() for r in again] == [r.model_dump_json() for r in first]
    assert sorted(seen) == sorted(corpus)  # the broken PDF is re-tried (it is never cached) in this process
