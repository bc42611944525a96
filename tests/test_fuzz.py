"""A short run of the atheris fuzzer (fuzz/fuzz_form4gen.py) against parse_xml, the input-file
reader and check: no input may crash them.  Longer runs: python fuzz/fuzz_form4gen.py
-max_total_time=600."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO


def test_a_short_fuzzing_run_finds_no_crash(tmp_path):
    try:
        import atheris  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("needs atheris (pip install '.[test]' on Linux)")
    corpus = tmp_path / "corpus"
    sys.path.insert(0, str(REPO / "fuzz"))
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / "fuzz_form4gen.py"),
            "-runs=200",
            "-seed=1",
            "-max_total_time=60",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
            str(REPO / "fuzz" / "seeds"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
    )
    crashes = list(tmp_path.glob("crash-*"))
    assert result.returncode == 0 and not crashes, result.stderr[-3000:]
    assert "Done 200 runs" in result.stderr or "DONE" in result.stderr
