"""The index keys of a rubric's patterns are worked out once per rubric content and remembered in
the cache directory; a bad or missing file is worked out again, and no cache never fails a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hpig_audit.engine import keycache, terms
from hpig_audit.engine.compiled import compile_rubric
from hpig_audit.rubric.schema import Rubric


def _layout(compiled) -> list:
    return [(g.name, [(b.keys, b.anchors, b.source) for b in g.buckets]) for g in compiled.matchers]


def _refuse(*_args):
    raise AssertionError("a pattern was analysed again")


def test_keys_are_remembered_and_read_back(default_rubric: Rubric, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = compile_rubric(default_rubric)
    files = list((cache_dir / "rubrics").glob("*.keys.json"))
    assert len(files) == 1
    monkeypatch.setattr(keycache, "analyse_pattern", _refuse)
    monkeypatch.setattr(terms, "analyse_pattern", _refuse)
    second = compile_rubric(default_rubric)
    assert _layout(second) == _layout(first)
    assert second.prefixes == first.prefixes


@pytest.mark.parametrize("content", [b"not json", b"[]", b'[{"keys": [1]}]', b"\xff\xfe"])
def test_a_bad_keys_file_is_worked_out_again(default_rubric: Rubric, cache_dir: Path, content: bytes) -> None:
    expected = _layout(compile_rubric(default_rubric))
    (file,) = (cache_dir / "rubrics").glob("*.keys.json")
    file.write_bytes(content)
    assert _layout(compile_rubric(default_rubric)) == expected
    assert file.read_bytes() != content  # rewritten


def test_no_writable_cache_does_not_stop_compiling(default_rubric: Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("HPIG_AUDIT_CACHE_DIR", str(blocker / "cache"))
    compiled = compile_rubric(default_rubric)
    assert compiled.prefixes and blocker.read_text(encoding="utf-8") == "not a directory"


def test_a_changed_pattern_gets_keys_of_its_own(default_rubric: Rubric, cache_dir: Path) -> None:
    compile_rubric(default_rubric)
    terms_ = dict(default_rubric.terms)
    terms_["cyp"] = {**terms_["cyp"], "zebra": "zebra(?:s)?"} if isinstance(terms_["cyp"], dict) else [*terms_["cyp"], "zebras?"]
    changed = compile_rubric(default_rubric.model_copy(update={"terms": terms_}))
    assert "zebra" in changed.groups["cyp"].prefixes
    assert len(list((cache_dir / "rubrics").glob("*.keys.json"))) == 2


def _keys_file_for(rubric: Rubric, cache_dir: Path) -> Path:
    before = set((cache_dir / "rubrics").glob("*.keys.json"))
    compile_rubric(rubric)
    (made,) = set((cache_dir / "rubrics").glob("*.keys.json")) - before
    return made


def test_the_file_depends_on_case_code_and_python(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keys drawn from a case-sensitive pattern, by other code or by another Python's `re` parser
    # may differ, so none of them may be read back as this run's.
    names = {keycache._cache_file([("lead", False)]), keycache._cache_file([("lead", True)])}
    monkeypatch.setattr(keycache, "code_digest", lambda parts: "other code")
    names.add(keycache._cache_file([("lead", False)]))
    monkeypatch.setattr(keycache.sys, "version_info", (3, 99, 0))
    names.add(keycache._cache_file([("lead", False)]))
    assert len(names) == 4 and None not in names


def test_caching_off_neither_reads_nor_writes(default_rubric: Rubric, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPIG_AUDIT_NO_CACHE", "1")
    compiled = compile_rubric(default_rubric)
    assert compiled.prefixes and not cache_dir.exists()


def test_only_the_newest_keys_files_are_kept(default_rubric: Rubric, cache_dir: Path) -> None:
    folder = cache_dir / "rubrics"
    folder.mkdir(parents=True)
    for n in range(keycache._KEPT_FILES + 3):
        old = folder / f"{n:064x}.keys.json"
        old.write_text("[]", encoding="utf-8")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    made = _keys_file_for(default_rubric, cache_dir)
    kept = sorted(folder.glob("*.keys.json"))
    assert len(kept) == keycache._KEPT_FILES and made in kept
    assert not (folder / f"{0:064x}.keys.json").exists()  # the oldest went first


@pytest.mark.parametrize(
    "row",
    [{"keys": "child", "anchors": []}, {"keys": ["a", 1], "anchors": []}, {"keys": None, "anchors": ["@"]}, {"keys": None, "anchors": [[2]]}, ["child"]],
)
def test_a_row_of_the_wrong_shape_is_rejected(row: object) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        keycache._from_row(row)
