"""form4gen check over many files: --jobs gives the same report as one process, byte for byte,
whatever the scheduling; paths can come from standard input."""

from __future__ import annotations

import subprocess
import sys

from conftest import CORPUS, requires_shared


def _check(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "form4gen", "check", *args], capture_output=True, text=True, input=stdin, timeout=600)


@requires_shared
def test_jobs_1_and_jobs_4_give_byte_identical_reports():
    for fmt in ("text", "json", "sarif"):
        one = _check(str(CORPUS), "--jobs", "1", "--format", fmt)
        four = _check(str(CORPUS), "--jobs", "4", "--format", fmt)
        assert one.returncode == four.returncode == 1  # the corpus has its justified errors
        assert one.stdout == four.stdout and len(one.stdout) > 10_000, fmt


@requires_shared
def test_paths_from_standard_input():
    files = sorted(CORPUS.glob("*.xml"))[:30]
    listed = _check("-", "--jobs", "2", "--timing", stdin="\n".join(str(p) for p in files) + "\n")
    direct = _check(*map(str, files), "--jobs", "1")
    assert listed.stdout == direct.stdout and listed.stdout.splitlines()[-1].startswith("30 files checked")
    assert "files/s" in listed.stderr
