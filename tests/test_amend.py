"""``form4gen amend``: a 4/A (3/A, 5/A) started from the document it amends."""

from __future__ import annotations

import datetime

from click.testing import CliRunner
from conftest import EXAMPLE

from form4gen import check, load, to_xml
from form4gen.cli import main
from form4gen.prepare.amend import REMARK_PLACEHOLDER, start_amendment


def _original(tmp_path, *, ccc: str | None = None):
    filing = load(EXAMPLE, with_ccc=False)
    if ccc:
        filing.reporting_owners[0].ccc = ccc
    path = tmp_path / "original.xml"
    path.write_text(to_xml(filing))
    return path


def test_amend_writes_a_draft_that_must_be_explained(tmp_path):
    original = _original(tmp_path, ccc="zq9#x7@w")
    draft = tmp_path / "amendment.yaml"
    result = CliRunner().invoke(main, ["amend", str(original), "--filed", "2018-10-15", "--signed", "2018-11-01", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text()
    assert text.startswith("# Amendment (4/A) of original.xml, filed 2018-10-15")
    assert "zq9#x7@w" not in text
    amendment = load(draft, with_ccc=False)
    assert amendment.document_type == "4/A"
    assert amendment.date_of_original_submission == datetime.date(2018, 10, 15)
    assert amendment.period_of_report == datetime.date(2018, 10, 12)  # box 3 as in the original
    assert [s.date for s in amendment.signatures] == [datetime.date(2018, 11, 1)]
    assert amendment.derivative_table == load(EXAMPLE).derivative_table  # the lines, ready to edit
    assert [f.rule for f in check(amendment).errors] == ["RMK-PLACEHOLDER"]
    draft.write_text(text.replace(REMARK_PLACEHOLDER, "Corrects the exercise price reported in the original."))
    assert check(load(draft, with_ccc=False)).errors == []


def test_amend_refuses_to_overwrite_and_checks_the_filed_date(tmp_path):
    original = _original(tmp_path)
    draft = tmp_path / "amendment.yaml"
    draft.write_text("keep me")
    result = CliRunner().invoke(main, ["amend", str(original), "--filed", "2018-10-15", "-o", str(draft)])
    assert result.exit_code == 2 and "not overwritten" in result.output and draft.read_text() == "keep me"
    result = CliRunner().invoke(main, ["amend", str(original), "--filed", "2018-10-01", "-o", str(tmp_path / "x.yaml"), "--force"])
    assert result.exit_code == 2 and "before the original's period of report" in result.output
    broken = tmp_path / "broken.xml"
    broken.write_text("<ownershipDocument>")
    result = CliRunner().invoke(main, ["amend", str(broken), "--filed", "2018-10-15", "-o", str(tmp_path / "y.yaml")])
    assert result.exit_code == 2 and "looks truncated" in result.output and not (tmp_path / "y.yaml").exists()


def test_an_original_from_before_the_10b5_1_box_gets_the_box_unchecked():
    filing = load(EXAMPLE, with_ccc=False)
    filing.aff10b5one = None
    amendment = start_amendment(filing, filed=datetime.date(2018, 10, 15), signed=datetime.date(2026, 11, 24))
    assert amendment.aff10b5one is False and amendment.schema_version is None
    again = start_amendment(amendment, filed=datetime.date(2018, 10, 15), signed=datetime.date(2026, 11, 24))
    assert again.document_type == "4/A"  # amending an amendment stays a 4/A
