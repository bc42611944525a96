"""form4gen.check: well-formedness and schema conformance, as findings."""

from __future__ import annotations

from conftest import EXAMPLE, corpus_files, requires_shared
from form4gen import check, load, to_xml


def test_a_clean_draft_has_no_findings():
    report = check(load(EXAMPLE))
    assert report.ok and report.errors == [] and report.warnings == []


def test_a_draft_finding_points_at_the_input_field_and_line(tmp_path):
    path = tmp_path / "draft.yaml"
    text = EXAMPLE.read_text().replace("state: WI", "state: ZZ")
    path.write_text(text)
    (finding,) = check(load(path)).errors
    assert finding.rule == "XML-SCHEMA" and finding.severity == "error"
    assert finding.location == "reporting_owners[0].address.state"
    assert finding.line == text.splitlines().index("      state: ZZ") + 1
    assert finding.message == "'ZZ' is not an allowed code for <rptOwnerState>"


def test_xml_findings_carry_the_xml_line():
    xml = to_xml(load(EXAMPLE)).replace("<transactionCode>A</transactionCode>", "<transactionCode>V</transactionCode>")
    (finding,) = check(xml.encode()).errors
    assert finding.line == xml.splitlines().index("                <transactionCode>V</transactionCode>") + 1
    assert "transactionCode" in finding.location


def test_missing_required_element_is_reported_at_the_next_element():
    xml = to_xml(load(EXAMPLE)).replace("    <aff10b5One>0</aff10b5One>\n", "")
    (finding,) = check(xml).errors
    assert "aff10b5One" in finding.message
    assert xml.splitlines()[finding.line - 1].strip() == "<derivativeTable>"


@requires_shared
def test_check_accepts_paths_and_reads_old_documents_by_the_current_schema():
    old = next(p for p in corpus_files() if b"X0306" in p.read_bytes() and b"<documentType>4<" in p.read_bytes())
    report = check(old)
    assert report.source == str(old)
    assert [f.rule for f in report.errors] == ["XML-SCHEMA"]  # only the missing 10b5-1 box
    assert "aff10b5One" in report.errors[0].message
