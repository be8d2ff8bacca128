"""Shared fixtures: paths, and the default rubric loaded and compiled once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import yaml

from hpig_audit.agreement import read_labels
from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.evaluation import DocumentEvaluation, evaluate_labels
from hpig_audit.report import AuditReport
from hpig_audit.rubric import load_rubric
from hpig_audit.rubric.schema import Rubric

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
RUBRIC_FIXTURES = FIXTURES / "rubrics"
AGREEMENT_LABELS = sorted((REPO / "tests" / "agreement").glob("*/labels.yaml"))


# Session- and module-scoped fixtures (the compiled default rubric) run before the per-test cache
# fixture below: they get a cache of the test run's own, never a user's.
os.environ["HPIG_AUDIT_CACHE_DIR"] = _SESSION_CACHE = tempfile.mkdtemp(prefix="hpig-audit-test-cache-")
atexit.register(shutil.rmtree, _SESSION_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has a cache of its own: none reads or writes a user's cache."""
    path = tmp_path / "cache"
    monkeypatch.setenv("HPIG_AUDIT_CACHE_DIR", str(path))
    # Caching on (empty), and whatever a test's `--no-cache` sets is undone after it.
    monkeypatch.setenv("HPIG_AUDIT_NO_CACHE", "")
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def rubric_fixtures() -> Path:
    return RUBRIC_FIXTURES


@pytest.fixture(scope="session")
def default_rubric() -> Rubric:
    return load_rubric("hpig-2023")


@pytest.fixture(scope="session")
def default_compiled(default_rubric: Rubric) -> CompiledRubric:
    return compile_rubric(default_rubric)


@pytest.fixture(scope="session")
def agreement_evaluations(default_rubric: Rubric) -> dict[str, DocumentEvaluation]:
    """Every agreement set's documents (tests/agreement/*/labels.yaml) audited in one parallel run
    (one worker per core, no cache), by path: the sets are many, and the agreement and genre tests
    both read them, so they are audited once."""
    documents = [document for labels in AGREEMENT_LABELS for document in read_labels(labels).documents]
    return {evaluated.path: evaluated for evaluated in evaluate_labels(documents, default_rubric, jobs=None, cache=None)}


@pytest.fixture(scope="session")
def report() -> AuditReport:
    """The hand-built report the formatter and gate tests render (tests/fixtures/report.json);
    a module with a report of its own overrides it."""
    return AuditReport.model_validate_json((FIXTURES / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    """The small rubric that report was judged with; a module with a rubric of its own overrides it."""
    return Rubric.model_validate(yaml.safe_load((FIXTURES / "format-rubric.yaml").read_text(encoding="utf-8")))
