"""Agreement with hand coding when the same documents come as PDF, DOCX, HTML or web-copied text.

The agreement sets are plain text with blank lines between paragraphs; real strategies are mostly
PDFs, and text copied from their web pages has a paragraph per line and no blank lines. This script
reads each set's documents with the text loader, writes them again in each of those forms
(tests/docgen.py: reportlab, python-docx), audits every form in parallel and prints the mean
weighted kappa of the sets per form beside the text's as written. A form well below it points at
its loader.

    .venv/bin/python benchmarks/format_agreement.py [--first N | --last N] [--jobs N]

Nothing here is part of the test suite (tests/test_load_formats_agree.py checks three sets).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_load_formats_agree import WRITERS, as_blocks  # noqa: E402

from hpig_audit.agreement import LabelledDocument, agreement, read_labels  # noqa: E402
from hpig_audit.evaluation import evaluate_labels  # noqa: E402
from hpig_audit.load import load_document  # noqa: E402
from hpig_audit.rubric import load_rubric  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, help="only the first N sets (by name)")
    parser.add_argument("--last", type=int, help="only the last N sets (by name)")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    sets = sorted(path.parent for path in (REPO / "tests" / "agreement").glob("*/labels.yaml"))
    sets = sets[: args.first] if args.first else sets[-args.last :] if args.last else sets
    rubric = load_rubric()
    with tempfile.TemporaryDirectory() as folder:
        by_format: dict[str, dict[str, list[LabelledDocument]]] = {"text": {}, **{name: {} for name in WRITERS}}
        for labels_dir in sets:
            for document in read_labels(labels_dir / "labels.yaml").documents:
                by_format["text"].setdefault(labels_dir.name, []).append(document)
                parsed = load_document(document.path)
                for name, write in WRITERS.items():
                    target = Path(folder) / name / labels_dir.name / f"{Path(document.path).stem}.{name}"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    written = write(target, as_blocks(parsed), title=parsed.title)
                    copy = document.model_copy(update={"path": str(written)})
                    by_format[name].setdefault(labels_dir.name, []).append(copy)
        print(f"{len(sets)} sets")
        for name, per_set in by_format.items():
            documents = [document for documents in per_set.values() for document in documents]
            scored = {e.path: e for e in evaluate_labels(documents, rubric, jobs=args.jobs)}
            kappas = [
                agreement(label.pair for document in documents for label in scored[document.path].scored).kappa or 0.0
                for documents in per_set.values()
            ]
            skipped = sum(1 for e in scored.values() if e.skipped)
            print(f"  {name:8} mean kappa {statistics.mean(kappas):.4f}" + (f"  ({skipped} skipped)" if skipped else ""))


if __name__ == "__main__":
    main()
