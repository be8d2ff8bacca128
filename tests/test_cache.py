"""The cache of parsed documents and judgments: hits skip parsing (and judging), an edited rubric
re-judges without re-parsing, corrupt or mismatched entries are rebuilt, `cache clear` clears."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hpig_audit.load as load
import hpig_audit.parallel as parallel
from docgen import markdown_to_blocks, write_pdf
from hpig_audit.cache import Cache, default_cache_dir
from hpig_audit.cli import app
from hpig_audit.parallel import LazyRubric, audit_one
from hpig_audit.report import DocumentResult
from hpig_audit.rubric import load_rubric
from hpig_audit.rubric.schema import Rubric

TEXT = """# Ashby Integrated Care Strategy

## Children and young people

Dr Amara Okafor, our Chief Nurse, is the ICB Executive Lead for Children and Young People.

We will continue to develop family hubs in each of our local authority areas for children and families.
"""


@pytest.fixture()
def document(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "ashby.pdf", markdown_to_blocks(TEXT))


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count real parses and judgments made in this process."""
    counts = {"parse": 0, "judge": 0}
    real_parse, real_judge = load.parse_document, parallel.audit_parsed

    def parse(raw):  # type: ignore[no-untyped-def]
        counts["parse"] += 1
        return real_parse(raw)

    def judge(document, compiled):  # type: ignore[no-untyped-def]
        counts["judge"] += 1
        return real_judge(document, compiled)

    monkeypatch.setattr(load, "parse_document", parse)
    monkeypatch.setattr(parallel, "audit_parsed", judge)
    return counts


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("hpig-2023")


_LAZY: dict[str, LazyRubric] = {}


def audit(source: Path | str, rubric: Rubric, cache: Cache | None) -> DocumentResult:
    """Audit through `audit_one`, compiling each rubric once for the whole module."""
    lazy = _LAZY.setdefault(rubric.version, LazyRubric(rubric))
    result = audit_one(str(source), lazy, cache)
    assert isinstance(result, DocumentResult), result
    return result


def entries(cache: Cache, kind: str) -> list[Path]:
    return sorted((cache.root / kind).rglob("*.json"))


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HPIG_AUDIT_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("HPIG_AUDIT_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "hpig-audit"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "hpig-audit"


def test_second_run_skips_parsing_and_judging(document: Path, rubric: Rubric, cache_dir: Path, calls: dict[str, int]) -> None:
    cache = Cache(cache_dir)
    first = audit(document, rubric, cache)
    assert calls == {"parse": 1, "judge": 1}
    assert len(entries(cache, "parsed")) == 1 and len(entries(cache, "results")) == 1
    second = audit(document, rubric, cache)
    assert calls == {"parse": 1, "judge": 1}  # both came from the cache
    assert second.model_dump_json() == first.model_dump_json()
    assert audit(document, rubric, None).model_dump_json() == first.model_dump_json()  # and they are right


def test_edited_rubric_rejudges_without_reparsing(document: Path, rubric: Rubric, cache_dir: Path, calls: dict[str, int]) -> None:
    cache = Cache(cache_dir)
    audit(document, rubric, cache)
    edited = rubric.model_copy(update={"version": rubric.version + "-edited"})
    audit(document, edited, cache)
    assert calls == {"parse": 1, "judge": 2}
    assert len(entries(cache, "results")) == 2


def test_same_bytes_under_another_name_hit_and_keep_the_new_name(document: Path, rubric: Rubric, cache_dir: Path,
                                                                  calls: dict[str, int], tmp_path: Path) -> None:
    cache = Cache(cache_dir)
    audit(document, rubric, cache)
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(document.read_bytes())
    result = audit(copy, rubric, cache)
    assert calls == {"parse": 1, "judge": 1}
    assert result.source == str(copy)


@pytest.mark.parametrize("garbage", [b"", b"{not json \xe9", b'{"format": "hpig-audit-cache", "kind": "parsed", "key": "x", "data": {}}'])
def test_corrupt_entries_are_ignored_and_rebuilt(document: Path, rubric: Rubric, cache_dir: Path, calls: dict[str, int],
                                                 garbage: bytes) -> None:
    cache = Cache(cache_dir)
    good = audit(document, rubric, cache)
    for entry in entries(cache, "parsed") + entries(cache, "results"):
        entry.write_bytes(garbage)
    again = audit(document, rubric, cache)
    assert calls == {"parse": 2, "judge": 2}
    assert again.model_dump_json() == good.model_dump_json()
    for entry in entries(cache, "parsed") + entries(cache, "results"):  # rewritten, valid again
        assert json.loads(entry.read_bytes())["format"] == "hpig-audit-cache"
    audit(document, rubric, cache)
    assert calls == {"parse": 2, "judge": 2}


def test_valid_entry_for_other_content_is_not_trusted(document: Path, rubric: Rubric, cache_dir: Path, calls: dict[str, int],
                                                       tmp_path: Path) -> None:
    """An entry whose payload is another document's (a copied or tampered file) is rebuilt."""
    cache = Cache(cache_dir)
    other = tmp_path / "other.md"
    other.write_text("# Other strategy\n\nOur ICS will give every child the best start in life.\n", encoding="utf-8")
    audit(other, rubric, cache)
    other_parsed, other_result = [json.loads(p.read_text()) for p in (entries(cache, "parsed")[0], entries(cache, "results")[0])]
    good = audit(document, rubric, None)
    raw = load.read_document(str(document))
    parsed_key = cache.parsed_key(raw)
    result_key = cache.result_key(parsed_key, LazyRubric(rubric).key)
    for kind, key, envelope in (("parsed", parsed_key, other_parsed), ("results", result_key, other_result)):
        path = cache.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**envelope, "key": key}), encoding="utf-8")  # right key, wrong content
    calls.update(parse=0, judge=0)
    assert audit(document, rubric, cache).model_dump_json() == good.model_dump_json()
    assert calls == {"parse": 1, "judge": 1}


def test_unwritable_cache_never_fails_an_audit(document: Path, rubric: Rubric, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = audit(document, rubric, Cache(blocker / "cache"))
    assert result.findings


def test_cli_runs_cache_info_and_clear(document: Path, cache_dir: Path) -> None:
    runner = CliRunner()

    def audit_json(*extra: str) -> str:
        result = runner.invoke(app, ["audit", str(document), "--format", "json", "--no-config", *extra])
        assert result.exit_code == 0, result.stderr
        return result.stdout

    uncached = audit_json("--no-cache")
    assert not cache_dir.exists()  # --no-cache writes nothing
    cold, warm = audit_json(), audit_json()
    assert cold == warm == uncached  # byte-identical through the cache
    (cache_dir / "keep-me.txt").write_text("not ours", encoding="utf-8")
    info = runner.invoke(app, ["cache", "info"])
    assert info.stdout.startswith(f"{cache_dir}: 2 entries, ")
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stdout.startswith(f"cleared {cache_dir}: 2 entries, ")
    assert not (cache_dir / "parsed").exists() and not (cache_dir / "results").exists()
    assert (cache_dir / "keep-me.txt").exists()  # only the cache's own folders are removed
    assert runner.invoke(app, ["cache", "info"]).stdout.startswith(f"{cache_dir}: 0 entries")


def test_urls_are_fetched_then_hashed(document: Path, rubric: Rubric, cache_dir: Path, calls: dict[str, int]) -> None:
    """A URL is fetched every time (its content may have changed) but parsed and judged once."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    bodies = {"/v1": document.read_bytes()}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            body = bodies["/v1"]
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/strategy"
        cache = Cache(cache_dir)
        first, second = audit(url, rubric, cache), audit(url, rubric, cache)
        local = audit(document, rubric, cache)  # same bytes on disk: a hit too
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert hits == ["/strategy", "/strategy"]
    assert calls == {"parse": 1, "judge": 1}
    assert first.source == second.source == url and local.source == str(document)
    assert first.model_copy(update={"source": ""}) == local.model_copy(update={"source": ""})


def test_no_cache_also_keeps_the_rubric_files_out(document: Path, tmp_path: Path) -> None:
    # In a fresh process the rubric is loaded and compiled, which writes its pattern keys and the
    # checked-patterns mark; --no-cache must write neither, and `cache info` counts them.
    import os
    import subprocess
    import sys

    folder = tmp_path / "fresh-cache"
    env = {**os.environ, "HPIG_AUDIT_CACHE_DIR": str(folder), "HPIG_AUDIT_NO_CACHE": ""}
    command = str(Path(sys.executable).parent / "hpig-audit")

    def cli(*args: str) -> str:
        done = subprocess.run([command, *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("audit", str(document), "--format", "json", "--no-config", "--no-cache", "--jobs", "1")
    assert not folder.exists()
    cli("audit", str(document), "--format", "json", "--no-config", "--jobs", "1")
    rubric_files = sorted(p.name.split(".", 1)[1] for p in (folder / "rubrics").iterdir())
    assert rubric_files == ["keys.json", "patterns-ok"]
    assert cli("cache", "info").startswith(f"{folder}: 4 entries, ")  # parsed, result and the two
