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


# ---------------------------------------------------------------------------------------------
# The structured fuzzer (fuzz/structured.py, hypothesis): drafts and real documents changed value
# by value, one family of changes per case so that a known bug marks only its own family.  Each
# input must work or raise InputError through load/parse_xml, check, to_xml, to_html and the YAML
# round trip, within the time limit, and the preview must never show the CCC.  About 230 inputs
# in all, derandomized.  Longer runs: python fuzz/structured.py --minutes 10.

EXAMPLES_PER_FAMILY = 12


def _structured():
    sys.path.insert(0, str(REPO / "fuzz"))
    import structured

    return structured


def _known(bug: str):
    return pytest.mark.xfail(strict=False, reason=f"known bug, being fixed: {bug}")


ROUND_TRIP = (
    "NEW, found by fuzz/structured.py: the YAML round trip refuses or changes a filing that loaded "
    "(filing_to_yaml writes YAML anchors for a date shared by box 3 and a transaction; an XML document "
    "missing a required element imports into a draft that load refuses)"
)

FAMILIES = [
    pytest.param("draft", "date", id="draft-date"),
    pytest.param("draft", "number", id="draft-number"),
    pytest.param("draft", "string", id="draft-string"),
    pytest.param("draft", "delete", id="draft-delete", marks=_known(ROUND_TRIP)),
    pytest.param("draft", "duplicate_key", id="draft-duplicate_key"),
    pytest.param("draft", "copy", id="draft-copy"),
    pytest.param(
        "draft",
        "wrong_type",
        id="draft-wrong_type",
        marks=_known("slow input: a value of the wrong type drives load/check/to_xml past the 5 s limit (deep JSON)"),
    ),
    pytest.param("draft", "move", id="draft-move"),
    pytest.param("draft", "rename", id="draft-rename"),
    pytest.param("xml", "date", id="xml-date"),
    pytest.param("xml", "number", id="xml-number"),
    pytest.param("xml", "string", id="xml-string", marks=_known("control characters (U+007F, U+FFFE) in strings reach lxml unchecked")),
    pytest.param("xml", "duplicate", id="xml-duplicate"),
    pytest.param("xml", "delete", id="xml-delete", marks=_known(ROUND_TRIP)),
    pytest.param("xml", "move", id="xml-move"),
    pytest.param("xml", "wrong_type", id="xml-wrong_type", marks=_known(ROUND_TRIP)),
    pytest.param("xml", "rename", id="xml-rename"),
    pytest.param("xml", "attribute", id="xml-attribute"),
    pytest.param("xml", "encoding", id="xml-encoding"),
]


@pytest.mark.parametrize(("kind", "family"), FAMILIES)
def test_structured_fuzzing_finds_no_crash(kind, family, monkeypatch, tmp_path):
    from hypothesis import HealthCheck, Phase, given, settings

    structured = _structured()
    monkeypatch.setenv("FORM4GEN_CCC", structured.CCC)
    credentials = tmp_path / "credentials.toml"
    credentials.write_text("")
    credentials.chmod(0o600)
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(credentials))
    workspace = structured.Workspace(tmp_path)
    make = structured.draft_cases if kind == "draft" else structured.xml_cases

    @settings(
        max_examples=EXAMPLES_PER_FAMILY,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        phases=(Phase.explicit, Phase.generate),  # no shrinking here: fuzz/structured.py shrinks
    )
    @given(make(families=(family,), max_mutations=2))
    def run(case):
        structured.exercise(case, workspace)

    run()
