"""Agreement with hand-coded labels: weighted kappa by hand, reading labels files, and the
agreement of the default rubric on the development set and the held-out sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hpig_audit.agreement import Pair, agreement, read_labels
from hpig_audit.commands.evaluate import run_eval
from hpig_audit.errors import ExitCode, UsageError
from hpig_audit.evaluation import DocumentEvaluation
from tests.conftest import AGREEMENT_LABELS

REPO = Path(__file__).resolve().parents[1]
DEV_LABELS = REPO.parent / "shared" / "corpus" / "labels.yaml"
HELD_OUT = AGREEMENT_LABELS


def pairs(*levels: tuple[str, str]) -> list[Pair]:
    return [Pair("doc", f"C{i}", "theme", expected, got) for i, (expected, got) in enumerate(levels)]


M, P, N = "met", "partial", "not_met"


def test_perfect_agreement() -> None:
    result = agreement(pairs((M, M), (P, P), (N, N), (N, N)))
    assert (result.n, result.exact, result.within_one, result.kappa) == (4, 1.0, 1.0, 1.0)


def test_worked_three_by_three_example() -> None:
    # Eight judgments, expected (rows) against the tool (columns), in the order not_met, partial, met:
    #
    #              n   p   m   | row
    #   not_met    2   0   0   | 2/8
    #   partial    0   3   0   | 3/8
    #   met        1   0   2   | 3/8
    #   column    3/8 3/8 2/8
    #
    # Weights |i - j| / 2: 0 on the diagonal, 1/2 one step apart, 1 for met against not_met.
    # Observed disagreement: one met -> not_met, weight 1: 1/8 = 8/64.
    # Expected disagreement, sum of w * row * column over the cells off the diagonal:
    #   (n,p) 1/2*2*3 = 3   (n,m) 1*2*2 = 4   (p,n) 1/2*3*3 = 4.5
    #   (p,m) 1/2*3*2 = 3   (m,n) 1*3*3 = 9   (m,p) 1/2*3*3 = 4.5      total 28/64
    # kappa = 1 - (8/64) / (28/64) = 1 - 2/7 = 5/7 = 0.7143
    result = agreement(pairs((N, N), (N, N), (P, P), (P, P), (P, P), (M, M), (M, M), (M, N)))
    assert result.n == 8
    assert result.exact == 0.875
    assert result.within_one == 0.875  # met against not_met is two steps apart
    assert result.kappa == 0.7143


def test_a_one_step_disagreement_costs_half_a_two_step_one() -> None:
    # Same marginals for the tool except one met is called partial instead of not_met:
    # rows 2,3,3; columns n 2, p 4, m 2. Observed 1/2 * 1/8 = 4/64.
    # Expected: (n,p) 1/2*2*4=4 (n,m) 1*2*2=4 (p,n) 1/2*3*2=3 (p,m) 1/2*3*2=3 (m,n) 1*3*2=6 (m,p) 1/2*3*4=6 -> 26/64
    # kappa = 1 - 4/26 = 11/13 = 0.8462
    result = agreement(pairs((N, N), (N, N), (P, P), (P, P), (P, P), (M, M), (M, M), (M, P)))
    assert (result.exact, result.within_one, result.kappa) == (0.875, 1.0, 0.8462)


def test_constant_raters() -> None:
    # Both always say met: no disagreement is possible or seen; the code defines kappa as 1.0.
    assert agreement(pairs((M, M), (M, M), (M, M))).kappa == 1.0
    # Each constant but different: observed equals chance disagreement, kappa 0.
    constant = agreement(pairs((M, P), (M, P)))
    assert (constant.exact, constant.within_one, constant.kappa) == (0.0, 1.0, 0.0)


def test_no_pairs() -> None:
    result = agreement([])
    assert (result.n, result.kappa) == (0, None)


def test_worse_than_chance_is_negative() -> None:
    assert agreement(pairs((M, N), (N, M))).kappa == -1.0


# ------------------------------------------------------------------------------- labels files


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_labels_resolves_paths_and_ignores_unknown_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rubric: hpig-2023\ncoder: someone\ndocuments:\n"
        "  a.txt:\n    type: plan\n    labels: {PH1: met, LD1: not_met}\n    evidence: {PH1: \"a quote\"}\n"
        "  sub/b.md:\n    labels: {CP1: partial}\n",
    )
    labels = read_labels(path)
    assert labels.rubric == "hpig-2023"
    assert [(d.path, d.type, d.labels) for d in labels.documents] == [
        (str((tmp_path / "a.txt").resolve()), "plan", {"PH1": "met", "LD1": "not_met"}),
        (str((tmp_path / "sub" / "b.md").resolve()), "other", {"CP1": "partial"}),
    ]


def test_bad_level_is_a_one_line_error_naming_document_and_criterion(tmp_path: Path) -> None:
    path = write(tmp_path, "documents:\n  a.txt:\n    labels: {PH1: met}\n  b.txt:\n    labels: {PH1: met, LD2: yes-ish}\n")
    with pytest.raises(UsageError) as caught:
        read_labels(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert "'b.txt'" in message and "LD2" in message and "'yes-ish'" in message
    assert "a.txt" not in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("documents: [a.txt]\n", "needs a 'documents' mapping"),
        ("rubric: hpig-2023\n", "needs a 'documents' mapping"),
        ("documents:\n  a.txt: {type: plan}\n", "document 'a.txt' needs a 'labels' mapping"),
        ("documents:\n  a.txt:\n    labels: [PH1]\n", "document 'a.txt' needs a 'labels' mapping"),
        ("documents: {a.txt: {labels: {PH1: met}}\n", "invalid YAML"),
    ],
)
def test_malformed_labels_files(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as caught:
        read_labels(path)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_missing_labels_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read labels file"):
        read_labels(tmp_path / "absent.yaml")


# ------------------------------------------------------------ agreement on the labelled corpora


def evaluate(labels: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    code = run_eval(labels, rubric=None, format="json", jobs=1)
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"] == [], "every labelled document must load"
    assert code == ExitCode.OK
    return summary


@pytest.mark.skipif(not DEV_LABELS.is_file(), reason=f"no development set at {DEV_LABELS}")
def test_development_set_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    overall = evaluate(DEV_LABELS, capsys)["overall"]
    print(f"development set: n={overall['n']} exact={overall['exact']} kappa={overall['kappa']}")
    assert overall["n"] >= 50
    assert overall["kappa"] >= 0.85
    assert overall["exact"] >= 0.88


# Sets below the floor of 0.6 on arrival that were kept back by lot: tuning on them is not allowed,
# so each is expected to fail, and the test fails when a general change lifts one above the floor
# (then take it off this list). Say when it arrived and at what.
_BELOW_FLOOR_KEPT_BACK = {
    "set-sq": "kept back by lot; weighted kappa 0.590 on arrival (scored untouched at 92f22fa), not tuned on",
}


def _agreement_sets() -> list:  # type: ignore[type-arg]
    if not HELD_OUT:
        return [pytest.param(None, id="none")]
    return [
        pytest.param(
            labels,
            id=labels.parent.name,
            marks=[pytest.mark.xfail(strict=True, reason=_BELOW_FLOOR_KEPT_BACK[labels.parent.name])]
            if labels.parent.name in _BELOW_FLOOR_KEPT_BACK
            else [],
        )
        for labels in HELD_OUT
    ]


@pytest.mark.parametrize("labels", _agreement_sets())
def test_held_out_set_agreement(labels: Path | None, agreement_evaluations: dict[str, DocumentEvaluation], capsys: pytest.CaptureFixture[str]) -> None:
    if labels is None:
        pytest.skip("no tests/agreement/*/labels.yaml yet")
    evaluated = [agreement_evaluations[document.path] for document in read_labels(labels).documents]
    assert [e.path for e in evaluated if e.skipped is not None] == [], "every labelled document must load"
    scored = [label for e in evaluated for label in e.scored]
    overall = agreement(label.pair for label in scored)
    with capsys.disabled():
        print(f"\n{labels.parent.name}: n={overall.n} exact={overall.exact} kappa={overall.kappa}")
    assert overall.n > 0
    disagreements = [(label.pair, label.finding.reason) for label in scored if label.pair.expected != label.pair.got]
    assert overall.kappa is not None and overall.kappa >= 0.6, disagreements


@pytest.mark.skipif(not HELD_OUT, reason="no tests/agreement/*/labels.yaml yet")
def test_eval_command_gives_the_figures_of_the_parallel_run(agreement_evaluations: dict[str, DocumentEvaluation], capsys: pytest.CaptureFixture[str]) -> None:
    # `eval` on one set, in this process and through the cache, against the same set's labels scored
    # from the parallel run above: the same pairs, so the same figures.
    labels = HELD_OUT[0]
    summary = evaluate(labels, capsys)
    pairs = [label.pair for document in read_labels(labels).documents for label in agreement_evaluations[document.path].scored]
    assert summary["overall"] == agreement(pairs).model_dump()
    assert len(summary["disagreements"]) == sum(p.expected != p.got for p in pairs)


def test_labels_accept_the_spellings_coders_use(tmp_path) -> None:
    from hpig_audit.agreement import read_labels

    path = tmp_path / "labels.yaml"
    path.write_text(
        "documents:\n  a.txt:\n    labels: {ph1: Met, PH2: not met, PH3: Not-Met, PH4: Partially met, PH5: partial}\n",
        encoding="utf-8",
    )
    labels = read_labels(path).documents[0].labels
    assert labels == {"PH1": "met", "PH2": "not_met", "PH3": "not_met", "PH4": "partial", "PH5": "partial"}
    path.write_text("documents:\n  a.txt:\n    labels: {PH1: maybe}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="PH1: level 'maybe'"):
        read_labels(path)
