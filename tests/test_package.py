"""``form4gen package``: the EDGAR submission file, accepted by the SEC's own schemas, with the
CCC in submission.xml and nowhere else; attachments; the folder written whole or not at all."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, SEC_SCHEMAS, requires_shared, sec_schema
from lxml import etree

from form4gen import load, to_xml
from form4gen.cli import main
from form4gen.xml.envelope import valid_document_name

CCC = "zq9#x7@w"


def _package(tmp_path, monkeypatch, *extra: str, source=EXAMPLE, ccc: str | None = CCC):
    if ccc:
        monkeypatch.setenv("FORM4GEN_CCC", ccc)
    out = tmp_path / "package"
    result = CliRunner().invoke(main, ["package", str(source), "-o", str(out), *extra])
    return result, out


def _documents(submission: bytes) -> dict[str, tuple[str, bytes]]:
    root = etree.fromstring(submission)
    return {d.findtext("documentName"): (d.findtext("documentType"), base64.b64decode(d.findtext("documentMimeBlock"))) for d in root.iter("edgarDocument")}


@requires_shared
def test_the_seed_package_is_accepted_by_the_sec_schemas_and_holds_the_ccc_only_in_submission_xml(tmp_path, monkeypatch):
    import xmlschema

    result, out = _package(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["cellectar-2018-10-12.html", "cellectar-2018-10-12.xml", "manifest.json", "submission.xml"]
    submission = (out / "submission.xml").read_bytes()
    xmlschema.XMLSchema(str(SEC_SCHEMAS / "edgarSubmission.xsd.xml")).validate(etree.fromstring(submission))
    root = etree.fromstring(submission)
    assert root.findtext("submissionType") == "4" and root.findtext("testOrLive") == "TEST"
    ((primary_type, primary),) = _documents(submission).values()
    assert primary_type == "4"
    sec_schema("4").validate(etree.fromstring(primary))
    plain = (out / "cellectar-2018-10-12.xml").read_text()
    assert plain == to_xml(load(EXAMPLE, with_ccc=False))
    assert re.sub(r"\s*<rptOwnerCcc>[^<]*</rptOwnerCcc>", "", primary.decode()) == plain  # the same, but for the CCC
    assert f"<rptOwnerCcc>{CCC}</rptOwnerCcc>" in primary.decode()
    for path in out.iterdir():
        assert CCC.encode() not in path.read_bytes(), path.name  # submission.xml holds it only encoded
    assert CCC not in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["files"]:
        data = (out / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)


def test_attachments_contact_and_live(tmp_path, monkeypatch):
    draft = tmp_path / "draft.yaml"
    (tmp_path / "poa-caruso.txt").write_text("POWER OF ATTORNEY\n(placeholder text for the test)\n")
    text = EXAMPLE.read_text().replace(
        "  power_of_attorney_previously_filed: true      # placeholder: the EX-24 went with an earlier filing",
        "  contact: {name: Jane Roe, phone: 212-555-0100, email: jane.roe@example.com}\n"
        "  notification_emails: [filings@example.com]\n"
        "  attachments:\n"
        "    - {file: poa-caruso.txt, type: EX-24, description: Power of attorney}",
    )
    draft.write_text(text)
    result, out = _package(tmp_path, monkeypatch, "--live", source=draft)
    assert result.exit_code == 0, result.output
    submission = (out / "submission.xml").read_bytes()
    root = etree.fromstring(submission)
    assert root.findtext("testOrLive") == "LIVE"
    assert root.findtext("pointOfContact/contactEmailAddress") == "jane.roe@example.com"
    assert [e.text for e in root.iter("notificationEmailAddress")] == ["filings@example.com"]
    documents = _documents(submission)
    assert documents["poa-caruso.txt"] == ("EX-24", (tmp_path / "poa-caruso.txt").read_bytes())
    assert json.loads((out / "manifest.json").read_text())["documents"] == ["poa-caruso.txt"]
    if SEC_SCHEMAS.is_dir():
        import xmlschema

        xmlschema.XMLSchema(str(SEC_SCHEMAS / "edgarSubmission.xsd.xml")).validate(root)


@pytest.mark.parametrize(
    "attachment, message",
    [
        ("{file: poa.pdf, type: EX-24}", "PDF attachments are not allowed"),
        ("{file: Power Of Attorney.txt, type: EX-24}", "EDGAR file names are at most 32 characters"),
        ("{file: missing.txt, type: EX-24}", "cannot read missing.txt"),
        ("{file: poa.txt, type: EX-25}", "submission.attachments[0].type"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_written(tmp_path, monkeypatch, attachment, message):
    (tmp_path / "poa.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "poa.txt").write_text("x")
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        EXAMPLE.read_text().replace("  power_of_attorney_previously_filed: true", f"  attachments: [{attachment}]\n  power_of_attorney_previously_filed: true")
    )
    result, out = _package(tmp_path, monkeypatch, source=draft)
    assert result.exit_code == 2 and message in result.output and not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".package")]


def test_a_missing_ccc_names_the_owner_and_an_existing_folder_needs_force(tmp_path, monkeypatch):
    result, out = _package(tmp_path, monkeypatch, ccc=None)
    assert result.exit_code == 2 and "no CCC for reporting owner 0001234567" in result.output and not out.exists()
    result, out = _package(tmp_path, monkeypatch)
    assert result.exit_code == 0
    first = (out / "manifest.json").read_text()
    result, out = _package(tmp_path, monkeypatch)
    assert result.exit_code == 2 and "not replaced" in result.output
    result, out = _package(tmp_path, monkeypatch, "--force", "--live")
    assert result.exit_code == 2 and "use --replace" in result.output
    result, out = _package(tmp_path, monkeypatch, "--replace", "--live")
    assert result.exit_code == 0 and (out / "manifest.json").read_text() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]  # no leftovers beside it


def test_edgar_file_names():
    assert valid_document_name("form4.xml") and valid_document_name("poa-caruso_1.txt")
    for bad in ("Form4.xml", "4form.xml", "poa caruso.txt", "a-b-c.txt", "a.b.txt", "noextension", "a" * 29 + ".txt"):
        assert not valid_document_name(bad), bad
