"""The README stays true: its first lines give the two set-up commands, and its terminal excerpt is
what the tool prints today."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


def test_the_terminal_excerpt_is_real_output() -> None:
    excerpt = re.search(r"```text\n\$ hpig-audit audit (\S+)\n(.*?)```", README, re.S)
    assert excerpt, "the README shows a terminal excerpt"
    source, shown = excerpt.group(1), excerpt.group(2)
    output = subprocess.run(
        [sys.executable, "-m", "hpig_audit.cli", "audit", source],
        cwd=REPO, capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "100"},
    ).stdout
    printed = {line.rstrip() for line in output.splitlines()}
    for line in shown.splitlines():
        if line.strip() and line.strip() != "...":
            assert line.rstrip() in printed, f"README line not in today's output: {line!r}"
