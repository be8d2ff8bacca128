"""Corpus audits: manifests (CSV and YAML), directories, failing documents, metadata in the report.

Documents are real files written with tests/docgen.py; the cache lives in tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen import markdown_to_blocks, write_docx, write_html, write_markdown, write_pdf
from hpig_audit.cli import app
from hpig_audit.corpus import CorpusEntry, ManifestError, expand_corpus, read_manifest

STRATEGY = """# {name} Integrated Care Strategy

## Children and young people

Our ICS wants every child in {name} to have the best start in life.

Dr Amara Okafor, our Chief Nurse, is the ICB Executive Lead for Children and Young People.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """docs/a.pdf, docs/b.docx, docs/sub/c.html, docs/sub/d.md and a stray docs/notes.csv-free tree."""
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    write_pdf(root / "a.pdf", markdown_to_blocks(STRATEGY.format(name="Ashby")))
    write_docx(root / "b.docx", markdown_to_blocks(STRATEGY.format(name="Brant")))
    write_html(root / "sub" / "c.html", markdown_to_blocks(STRATEGY.format(name="Corrow")))
    write_markdown(root / "sub" / "d.md", markdown_to_blocks(STRATEGY.format(name="Dunmere")))
    (root / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------------- expansion


def test_directory_is_searched_recursively_in_sorted_order(corpus: Path) -> None:
    sources = [entry.source for entry in expand_corpus([str(corpus)])]
    assert sources == [str(corpus / "a.pdf"), str(corpus / "b.docx"), str(corpus / "sub" / "c.html"), str(corpus / "sub" / "d.md")]


def test_csv_manifest_resolves_paths_against_its_folder(corpus: Path, tmp_path: Path) -> None:
    manifest = corpus / "manifest.csv"
    manifest.write_text(
        "path,url,ics,type,year,notes\n"
        "a.pdf,,Ashby ICS,strategy,2023,first\n"
        "sub/c.html,,Corrow ICS,JFP,2023/24,\n"
        ",https://example.org/plan.pdf,Elm ICS,plan,2024,\n"
        "\n"
        f"{corpus / 'b.docx'},,,,,absolute path\n",
        encoding="utf-8",
    )
    assert read_manifest(manifest) == [
        CorpusEntry(str(corpus / "a.pdf"), {"ics": "Ashby ICS", "type": "strategy", "year": "2023"}),
        CorpusEntry(str(corpus / "sub" / "c.html"), {"ics": "Corrow ICS", "type": "jfp", "year": "2023/24"}),
        CorpusEntry("https://example.org/plan.pdf", {"ics": "Elm ICS", "type": "plan", "year": "2024"}),
        CorpusEntry(str(corpus / "b.docx"), {}),
    ]


def test_yaml_manifest_list_or_documents_key(corpus: Path) -> None:
    listed = corpus / "m.yaml"
    listed.write_text("- {path: a.pdf, ics: Ashby, type: strategy, year: 2023}\n- path: sub/d.md\n", encoding="utf-8")
    keyed = corpus / "k.yml"
    keyed.write_text("documents:\n  - {path: a.pdf, ics: Ashby, type: strategy, year: 2023}\n  - path: sub/d.md\n", encoding="utf-8")
    expected = [CorpusEntry(str(corpus / "a.pdf"), {"ics": "Ashby", "type": "strategy", "year": "2023"}), CorpusEntry(str(corpus / "sub" / "d.md"))]
    assert read_manifest(listed) == expected
    assert read_manifest(keyed) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("path,ics,type\na.pdf,A,strategy\nb.docx,B,white paper\n", "row 3: column type: 'white paper' is not one of strategy, jfp, plan, other"),
        ("path,ics,year\na.pdf,A,twenty\n", "row 2: column year: 'twenty' is not a year"),
        ("path,ics,tpye\na.pdf,A,jfp\n", "row 1 (header): column 'tpye': unknown column"),
        ("path,url\na.pdf,https://x.org/a.pdf\n", "row 2: column url: give a path or a url, not both"),
        ("path,ics\n,Nobody\n", "row 2: column path: empty"),
        ("path\na.pdf\na.pdf\n", "row 3: " ),
        ("url\nftp://x.org/a.pdf\n", "row 2: column url: 'ftp://x.org/a.pdf' is not an http(s) URL"),
        ("path\nhttps://x.org/a.pdf\n", "row 2: column path: 'https://x.org/a.pdf' is a URL"),
        ("path\nnotes.xlsx\n", "row 2: column path: 'notes.xlsx' is not a document"),
        ("path,ics\na.pdf,A,extra\n", "row 2: 3 values but the header names 2 columns"),
        ("path,ics\n", "the manifest lists no documents"),
    ],
)
def test_csv_manifest_errors_name_manifest_row_and_column(tmp_path: Path, text: str, expected: str) -> None:
    manifest = tmp_path / "corpus.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        read_manifest(manifest)
    assert str(caught.value).startswith(f"{manifest}: ")
    assert expected in str(caught.value)


def test_yaml_manifest_error_names_entry_and_line(tmp_path: Path) -> None:
    manifest = tmp_path / "corpus.yaml"
    manifest.write_text("documents:\n  - path: a.pdf\n    type: strategy\n  - path: b.pdf\n    type: manifesto\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"corpus\.yaml: row 2 \(line 4\): column type: 'manifesto' is not one of"):
        read_manifest(manifest)
    manifest.write_text("documents: [a.pdf]\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"row 1 \(line 1\): each document is a mapping"):
        read_manifest(manifest)
    manifest.write_text("path: [unclosed\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="invalid YAML"):
        read_manifest(manifest)


def test_bad_manifest_fails_the_cli_before_auditing(tmp_path: Path) -> None:
    manifest = tmp_path / "corpus.csv"
    manifest.write_text("path,type\na.pdf,strategy\nb.pdf,leaflet\n", encoding="utf-8")
    code, out, err = run("audit", str(manifest), "--no-config")
    assert code == 2
    assert out == ""
    assert f"{manifest}: row 3: column type: 'leaflet'" in err


# ---------------------------------------------------------------------------------- auditing


def test_manifest_audit_carries_metadata_and_reports_failures(corpus: Path) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a PDF\n")
    manifest = corpus / "manifest.csv"
    manifest.write_text(
        "path,ics,type,year\na.pdf,Ashby ICS,strategy,2023\nbroken.pdf,Broken ICS,jfp,2023\nsub/d.md,Dunmere ICS,jfp,2024\nmissing.md,,,\n",
        encoding="utf-8",
    )
    code, out, err = run("audit", str(manifest), "--format", "json", "--jobs", "1", "--no-config")
    assert code == 2  # an unreadable document is an error, but the others were audited
    report = json.loads(out)
    assert [d["source"] for d in report["documents"]] == [str(corpus / "a.pdf"), str(corpus / "sub" / "d.md")]
    assert [d["meta"] for d in report["documents"]] == [
        {"ics": "Ashby ICS", "type": "strategy", "year": "2023"},
        {"ics": "Dunmere ICS", "type": "jfp", "year": "2024"},
    ]
    assert [s["source"] for s in report["skipped"]] == [str(corpus / "broken.pdf"), str(corpus / "missing.md")]
    assert report["skipped"][1]["reason"] == "file not found"
    lines = err.strip().splitlines()
    assert f"hpig-audit: skipped {corpus / 'broken.pdf'}: " in lines[0]
    assert lines[-1] == "hpig-audit: 2 audited, 2 skipped"


def test_reports_without_a_manifest_have_no_meta_key(corpus: Path) -> None:
    code, out, err = run("audit", str(corpus / "sub"), "--format", "json", "--jobs", "1", "--no-cache", "--no-config")
    assert code == 0, err
    assert '"meta"' not in out
    assert err.strip().splitlines()[-1] == "hpig-audit: 2 audited, 0 skipped"  # a corpus run ends with the count


def test_single_document_run_prints_no_count(corpus: Path) -> None:
    code, _, err = run("audit", str(corpus / "a.pdf"), "--format", "json", "--no-config")
    assert code == 0
    assert err == ""


def test_audit_summary_option_prints_the_summary(corpus: Path) -> None:
    manifest = corpus / "manifest.csv"
    manifest.write_text("path,type\na.pdf,strategy\nb.docx,jfp\nsub/d.md,\n", encoding="utf-8")
    code, out, err = run("audit", str(manifest), "--summary", "--format", "json", "--jobs", "1", "--no-config")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["documents"] == 3
    assert [(g["id"], g["documents"]) for g in summary["groups"]] == [("all", 3), ("strategy", 1), ("jfp", 1), ("other", 1)]
    ld1 = next(c for c in summary["criteria"] if c["id"] == "LD1")
    assert ld1["shares"]["all"] == {"documents": 3, "met": 100.0, "partial": 0.0, "not_met": 0.0}
    assert ld1["baseline_pct"] == 43.0 and ld1["difference"] == 57.0


def test_summary_option_refuses_a_format_it_cannot_give(corpus: Path) -> None:
    code, out, err = run("audit", str(corpus), "--summary", "--format", "sarif", "--no-config")
    assert code == 2
    assert "--summary cannot be given as sarif" in err


def test_progress_bar_counts_documents_pages_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    from hpig_audit.commands.corpus import progress_bar
    from hpig_audit.report import DocumentResult, SkippedDocument

    with progress_bar(3) as quiet:  # stderr is not a terminal here: no bar at all
        assert quiet is None
    assert capsys.readouterr().err == ""
    result = DocumentResult(source="a.pdf", sha256="0", type="pdf", pages=60, score=0.0, themes=(), findings=(), warnings=())
    import io

    drawn = io.StringIO()
    with progress_bar(3, force=True, file=drawn) as update:
        assert callable(update)
        update("a.pdf", result)
        update("b.pdf", SkippedDocument(source="b.pdf", reason="file not found"))
        update("c.pdf", result)
    text = drawn.getvalue()
    assert "3/3 documents" in text and "pages/s" in text and "1 error" in text
    assert capsys.readouterr().out == ""  # never on stdout
