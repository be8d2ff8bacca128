"""Audit many documents at once: in-process for one job, else a pool of worker processes.

Each worker compiles the rubric once (the pool's initializer) and then audits documents one at a
time. Results come back in input order whatever order they finish in, so the report is the same
byte for byte with one job or many. A document that fails to load, a bug that raises while judging
it, or a worker process that dies on it (a crash in a PDF library) becomes a `SkippedDocument`
with the reason; the rest of the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from hpig_audit.audit import audit_parsed, audit_source
from hpig_audit.cache import Cache, rubric_fingerprint
from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.errors import LoadError
from hpig_audit.report import DocumentResult, SkippedDocument
from hpig_audit.rubric.schema import Rubric

Result = DocumentResult | SkippedDocument
Progress = Callable[[str, Result], None]
Task = Callable[[str], Result]

CRASH_REASON = "the worker process auditing this document stopped unexpectedly (a crash in a parser library, or out of memory)"


def default_jobs() -> int:
    return os.cpu_count() or 1


# ---------------------------------------------------------------------------------- one document


class LazyRubric:
    """A rubric compiled on first use, then kept: a run whose every judgment is cached never pays
    for compiling (about a second for the HPIG rubric)."""

    def __init__(self, rubric: Rubric):
        self.rubric = rubric
        self._compiled: CompiledRubric | None = None
        self.key = rubric_fingerprint(rubric)

    @property
    def compiled(self) -> CompiledRubric:
        if self._compiled is None:
            self._compiled = _compiled(self.key, self.rubric)
        return self._compiled


_COMPILED: dict[str, CompiledRubric] = {}


def _compiled(key: str, rubric: Rubric) -> CompiledRubric:
    """Compiled rubrics by content, so repeated audits in one process (the library, `diff`) compile once."""
    if key not in _COMPILED:
        if len(_COMPILED) >= 4:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = compile_rubric(rubric)
    return _COMPILED[key]


def audit_one(source: str, rubric: LazyRubric, cache: Cache | None) -> Result:
    """Audit one source, through the cache when there is one. Never raises for a bad document."""
    try:
        if cache is None:
            return audit_source(source, rubric.compiled)
        return _audit_cached(source, rubric, cache)
    except LoadError as exc:
        return SkippedDocument(source=source, reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop a corpus
        return SkippedDocument(source=source, reason=f"internal error while auditing ({_describe(exc)})")


def _audit_cached(source: str, rubric: LazyRubric, cache: Cache) -> Result:
    from hpig_audit.load import parse_document, read_document

    raw = read_document(source)
    parsed_key = cache.parsed_key(raw)
    result_key = cache.result_key(parsed_key, rubric.key)
    hit = cache.get_result(result_key, raw)
    if hit is not None:
        return hit
    document = cache.get_parsed(parsed_key, raw)
    if document is None:
        document = parse_document(raw)
        cache.put_parsed(parsed_key, document)
    result = audit_parsed(document, rubric.compiled)
    cache.put_result(result_key, result)
    return result


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---------------------------------------------------------------------------------- worker side

_WORKER: tuple[LazyRubric, Cache | None] | None = None


def _init_worker(rubric: Rubric, cache: Cache | None) -> None:
    """Pool initializer: the rubric, compiled at most once per worker process (on its first miss)."""
    global _WORKER
    _WORKER = (LazyRubric(rubric), cache)


def worker_task(source: str) -> Result:
    """What a worker runs for one document (the default `task` of `audit_many`)."""
    assert _WORKER is not None, "worker not initialised"
    rubric, cache = _WORKER
    return audit_one(source, rubric, cache)


# ---------------------------------------------------------------------------------- batch


def audit_many(
    sources: Sequence[str],
    rubric: Rubric,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    task: Task = worker_task,
) -> list[Result]:
    """Audit every source; the list is in input order. `jobs=None` uses every core; 1 runs here.

    `task` is what a worker runs per source (a module-level function, so it can be pickled); only
    tests replace it.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1 or len(sources) <= 1:
        return _in_process(sources, rubric, cache, progress)
    # Judgments already in the cache are read here: starting workers for them would cost more
    # than reading them. Only the rest go to the pool (URLs too: a worker fetches them once).
    results: dict[int, Result] = {}
    if cache is not None:
        lazy = LazyRubric(rubric)
        for index, source in enumerate(sources):
            hit = _cached_result(source, lazy, cache)
            if hit is not None:
                results[index] = hit
                if progress:
                    progress(source, hit)
    todo = [index for index in range(len(sources)) if index not in results]
    if len(todo) == 1:
        results[todo[0]] = _in_process([sources[todo[0]]], rubric, cache, progress)[0]
    elif todo:
        done = _Pool([sources[i] for i in todo], rubric, cache, progress, task, min(jobs, len(todo))).run()
        results.update(zip(todo, done))
    return [results[index] for index in range(len(sources))]


def _cached_result(source: str, rubric: LazyRubric, cache: Cache) -> DocumentResult | None:
    """The cached judgment of a local file, or None (a miss, a URL, or a file that cannot be read,
    which the full audit will then report)."""
    from hpig_audit.load import is_url, read_document

    if is_url(source):
        return None
    try:
        raw = read_document(source)
    except LoadError:
        return None
    return cache.get_result(cache.result_key(cache.parsed_key(raw), rubric.key), raw)


def _in_process(sources: Sequence[str], rubric: Rubric, cache: Cache | None, progress: Progress | None) -> list[Result]:
    lazy = LazyRubric(rubric)
    results: list[Result] = []
    for source in sources:
        result = audit_one(source, lazy, cache)
        if progress:
            progress(source, result)
        results.append(result)
    return results


def _context() -> multiprocessing.context.BaseContext:
    """How worker processes start. On Linux, while this process runs no other thread, fork: workers
    start at once and share the imported code. A thread (a progress bar) could hold a lock that a
    forked child would wait on for ever, so then, and on other systems, a fork server that has
    imported the auditing code once (later workers, and the pools that isolate a crash, start
    quickly); spawn where there is no fork server."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hpig_audit.parallel", "hpig_audit.load", "hpig_audit.load.pdf", "hpig_audit.engine.judge"])
        return context
    return multiprocessing.get_context("spawn")


class _Pool:
    def __init__(self, sources: Sequence[str], rubric: Rubric, cache: Cache | None, progress: Progress | None,
                 task: Task, workers: int):
        self.sources, self.rubric, self.cache, self.progress, self.task = sources, rubric, cache, progress, task
        self.workers = workers
        self.results: list[Result | None] = [None] * len(sources)

    def run(self) -> list[Result]:
        pending = list(range(len(self.sources)))
        while pending:
            broken = self._batch(pending, self.workers)
            # A worker died. Only the documents it could have been holding are suspects: the first
            # `workers + 1` not done (the pool hands work out in order, one queued beyond the
            # running ones). Run them one at a time in a single worker, so that a crash names its
            # document; then carry on in parallel with the rest.
            suspects, pending = broken[: self.workers + 1], broken[self.workers + 1 :]
            while suspects:
                left = self._batch(suspects, 1)
                if left:  # one worker, in order: the first document left undone is the one it died on
                    self._done(left[0], SkippedDocument(source=self.sources[left[0]], reason=CRASH_REASON))
                suspects = left[1:]
        return [result for result in self.results if result is not None]

    def _batch(self, indices: list[int], workers: int) -> list[int]:
        """Run `indices` in a fresh pool; return those left undone because the pool broke."""
        executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker,
                                       initargs=(self.rubric, self.cache))
        try:
            futures: dict[Future[Result], int] = {executor.submit(self.task, self.sources[i]): i for i in indices}
            waiting = set(futures)
            while waiting:
                finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=futures.__getitem__):
                    index = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        result = SkippedDocument(source=self.sources[index], reason=f"internal error while auditing ({_describe(exc)})")
                    self._done(index, result)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return [i for i in indices if self.results[i] is None]

    def _done(self, index: int, result: Result) -> None:
        self.results[index] = result
        if self.progress:
            self.progress(self.sources[index], result)

