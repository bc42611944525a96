"""The CCC: from the environment or the credentials file, into the submission XML only."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLE

from form4gen import InputError, check, load, to_xml

SECRET = "x9#k2@7q"


def test_ccc_from_the_owner_specific_variable(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC_1234567", SECRET)
    filing = load(EXAMPLE)
    assert filing.reporting_owners[0].ccc.get_secret_value() == SECRET
    assert f"<rptOwnerCcc>{SECRET}</rptOwnerCcc>" in to_xml(filing)


def test_ccc_from_the_single_owner_variable(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", SECRET)
    assert f"<rptOwnerCcc>{SECRET}</rptOwnerCcc>" in to_xml(load(EXAMPLE))


def test_owner_specific_variable_wins(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", "aaaaaaaa")
    monkeypatch.setenv("FORM4GEN_CCC_1234567", SECRET)
    assert load(EXAMPLE).reporting_owners[0].ccc.get_secret_value() == SECRET


def test_ccc_from_the_credentials_file(monkeypatch, tmp_path):
    path = tmp_path / "credentials.toml"
    path.write_text(f'[ccc]\n"0001234567" = "{SECRET}"\n', encoding="utf-8")
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(path))
    assert load(EXAMPLE).reporting_owners[0].ccc.get_secret_value() == SECRET


def test_no_ccc_means_no_element():
    assert "rptOwnerCcc" not in to_xml(load(EXAMPLE))


def test_the_ccc_never_shows_in_repr_dump_or_check(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", SECRET)
    filing = load(EXAMPLE)
    assert SECRET not in repr(filing)
    assert SECRET not in str(filing.model_dump())
    assert SECRET not in filing.model_dump_json()
    assert SECRET not in to_xml(filing, include_ccc=False)
    assert SECRET not in repr(check(filing))


def test_a_malformed_ccc_is_refused_without_showing_it(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", "short")
    with pytest.raises(InputError) as caught:
        load(EXAMPLE)
    assert "$FORM4GEN_CCC" in caught.value.render()
    assert "short" not in caught.value.render()


def test_check_of_xml_with_a_bad_ccc_does_not_echo_it():
    xml = to_xml(load(EXAMPLE)).replace("<rptOwnerCik>0001234567</rptOwnerCik>", "<rptOwnerCik>0001234567</rptOwnerCik><rptOwnerCcc>leak#123456</rptOwnerCcc>")
    report = check(xml.encode())
    assert report.errors
    assert all("leak#123456" not in f.message for f in report.findings)


def test_cli_xml_keeps_the_ccc_out_of_stdout_unless_asked(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", SECRET)
    plain = subprocess.run([sys.executable, "-m", "form4gen", "xml", str(EXAMPLE)], capture_output=True, text=True)
    assert plain.returncode == 0 and SECRET not in plain.stdout + plain.stderr
    asked = subprocess.run([sys.executable, "-m", "form4gen", "xml", "--with-ccc", str(EXAMPLE)], capture_output=True, text=True)
    assert f"<rptOwnerCcc>{SECRET}</rptOwnerCcc>" in asked.stdout
