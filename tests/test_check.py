"""form4gen.checking.engine: well-formedness and schema conformance, as findings."""

from __future__ import annotations

import datetime

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
    (finding,) = check(xml, as_of=datetime.date(2026, 11, 24)).errors
    assert "aff10b5One" in finding.message
    assert xml.splitlines()[finding.line - 1].strip() == "<derivativeTable>"


def test_a_draft_is_judged_by_the_schema_of_its_date():
    """The seed example was signed in 2018: before X0508 the 10b5-1 box was not required."""
    xml = to_xml(load(EXAMPLE)).replace("    <aff10b5One>0</aff10b5One>\n", "")
    report = check(xml)
    assert report.as_of == datetime.date(2018, 10, 15) and report.schema_version == "X0407"
    assert report.errors == []
    assert check(xml, as_of=datetime.date(2023, 3, 20)).schema_version == "X0508"
    assert [f.rule for f in check(xml, as_of=datetime.date(2023, 3, 20)).errors] == ["XML-SCHEMA"]


@requires_shared
def test_old_documents_are_judged_by_their_own_schema_version():
    old = next(p for p in corpus_files() if b"<schemaVersion>X0306" in p.read_bytes() and b"<documentType>4<" in p.read_bytes())
    report = check(old)
    assert report.source == str(old)
    assert report.schema_version == "X0407"  # X0202 to X0407 share the element tables
    assert report.errors == []
    # by today's schema the same document lacks the 10b5-1 box
    current = check(old, as_of=datetime.date.today())
    assert current.schema_version == "X0407"  # the stamp decides, not the date
