"""The README stays true: its first lines give the two set-up commands, and its terminal excerpts are
what the tool prints today."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_first_lines_give_the_install_and_test_commands() -> None:
    first_block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert first_block and README.index("```bash") < 40, "the commands come first"
    install, tests = first_block.group(1).strip().splitlines()
    assert "pip install ." in install and "hpig-audit audit samples/" in install
    assert (REPO / install.split("hpig-audit audit ")[1].split()[0]).is_file()
    assert "pytest" in tests and "[test]" in tests
    assert "pytest" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


EXCERPTS = re.findall(r"```text\n\$ hpig-audit ([^\n]+)\n(.*?)```", README, re.S)


def test_the_readme_shows_terminal_excerpts() -> None:
    assert [args.split()[0] for args, _ in EXCERPTS] == ["audit", "diff"]


@pytest.mark.parametrize(("args", "shown"), EXCERPTS, ids=[args.split()[0] for args, _ in EXCERPTS])
def test_each_terminal_excerpt_is_real_output(args: str, shown: str) -> None:
    output = subprocess.run(
        [sys.executable, "-m", "hpig_audit.cli", *args.split()],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"},
    ).stdout
    printed = {line.rstrip() for line in output.splitlines()}
    for line in shown.splitlines():
        if line.strip() and line.strip() != "...":
            assert line.rstrip() in printed, f"README line not in today's output of `hpig-audit {args}`: {line!r}"
