"""The collector pause used around loading, compiling and judging restores the collector's state."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from hpig_audit.audit import audit_sources
from hpig_audit.gcpause import collector_paused
from hpig_audit.rubric import load_rubric


def test_the_collector_is_paused_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a bad document")
    assert gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            with collector_paused():  # nested: the inner exit must not turn it back on
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_audit_leaves_the_collector_on() -> None:
    sample = Path(__file__).resolve().parents[1] / "samples" / "weak-strategy.md"
    result = audit_sources([str(sample), str(sample.with_name("missing.md"))], load_rubric())
    assert len(result.documents) == 1 and len(result.skipped) == 1
    assert gc.isenabled()
