"""The workspace as text files: init, owner and issuer profiles, drafts that name them by key,
library footnotes, and powers of attorney in force on the signature date."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, REPO, corpus_files

from form4gen import load, parse_xml, to_xml
from form4gen.cli import main
from form4gen.drafts.parse import read_data
from form4gen.form.errors import InputError
from form4gen.workspace import library
from form4gen.workspace.drafts import load_draft, load_in_workspace, resolve
from form4gen.workspace.poa import poa_findings, signature_findings
from form4gen.workspace.profiles import IssuerProfile, OwnerProfile, PowerOfAttorney
from form4gen.workspace.root import Workspace, find_workspace

WORKSPACE_EXAMPLE = REPO / "examples" / "workspace"
EXAMPLE_DRAFT = WORKSPACE_EXAMPLE / "drafts" / "caruso-2018-10-12.yaml"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def new_workspace(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    assert cli("init", str(root))[0] == 0
    return Workspace(root)


# --- init -------------------------------------------------------------------------------------


def test_init_makes_the_layout(tmp_path):
    code, out, _ = cli("init", str(tmp_path / "ws"))
    assert code == 0, out
    root = tmp_path / "ws"
    for folder in ("owners", "issuers", "poa", "drafts", "filed"):
        assert (root / folder).is_dir()
    assert (root / ".gitignore").read_text() == ".form4gen/\n"
    assert (root / "footnotes.yaml").is_file()
    settings = (root / "form4gen.toml").read_text()
    assert all(line.startswith("#") for line in settings.splitlines() if line.strip())  # commented only
    from form4gen.checking.settings import load_settings

    assert load_settings(root / "form4gen.toml").select == ()  # form4gen check reads it
    assert find_workspace(root / "drafts") == root.resolve()
    assert find_workspace(tmp_path, explicit=root) == root.resolve()


def test_init_never_replaces_or_deletes_anything(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    (root / "owners").mkdir()  # an empty folder is fine
    assert cli("init", str(root))[0] == 0
    (root / "form4gen.toml").write_text("select = ['FN']\n")
    code, _, err = cli("init", str(root))
    assert code == 2 and "form4gen.toml: exists" in err and "nothing was written" in err
    assert (root / "form4gen.toml").read_text() == "select = ['FN']\n"

    other = tmp_path / "other"
    (other / "drafts").mkdir(parents=True)
    (other / "drafts" / "mine.yaml").write_text("mine\n")
    (other / ".gitignore").write_text("*.pdf\n")
    code, _, err = cli("init", str(other))
    assert code == 2 and "drafts/: exists and is not empty" in err and ".gitignore: exists" in err
    assert sorted(p.name for p in other.iterdir()) == [".gitignore", "drafts"]  # nothing made
    assert (other / ".gitignore").read_text() == "*.pdf\n" and (other / "drafts" / "mine.yaml").read_text() == "mine\n"


# --- reading profiles -------------------------------------------------------------------------


def test_profile_errors_name_the_file_the_field_and_the_line(tmp_path):
    space = new_workspace(tmp_path)
    path = space.owners / "bad.yaml"
    path.write_text(
        'cik: "0001234567"\nname: SMITH JOHN\naddress:\n  city: MADISON\n  zip_code: "' + "9" * 11 + '"\nrelationships:\n  clrb:\n    is_boss: true\n'
    )
    with pytest.raises(InputError) as caught:
        library.load_owner(space, "bad")
    error = caught.value
    assert error.source == str(path)
    where = {p.location: p.line for p in error.problems}
    assert where["address.zip_code"] == 5
    assert where["relationships.clrb.is_boss"] == 8
    assert f"{path}:5: address.zip_code:" in error.render()

    issuer = space.issuers / "x.yaml"
    issuer.write_text('cik: "12"\nname: X Corp\nticker: X\nfiscal_year_end: "13-01"\n')
    with pytest.raises(InputError) as caught:
        library.load_issuer(space, "x")
    assert [(p.location, p.line) for p in caught.value.problems] == [("fiscal_year_end", 4)]
    assert "MM-DD" in caught.value.render() or "day of the year" in caught.value.render()

    with pytest.raises(InputError, match="no owner profile 'nobody'"):
        library.load_owner(space, "nobody")


def test_a_profile_never_holds_a_ccc(tmp_path):
    space = new_workspace(tmp_path)
    (space.owners / "a.yaml").write_text('cik: "1"\nname: A\nccc: "ab1#cdef"\n')
    with pytest.raises(InputError) as caught:
        library.load_owner(space, "a")
    assert [(p.location, p.line) for p in caught.value.problems] == [("ccc", 3)]
    assert "ab1#cdef" not in caught.value.render() and "never the CCC itself" in caught.value.render()
    (space.owners / "b.yaml").write_text('cik: "1"\nname: B\nccc_from:\n  env: "x1@45678"\n')  # a CCC where a variable's name goes
    with pytest.raises(InputError) as caught:
        library.load_owner(space, "b")
    assert caught.value.problems[0].location == "ccc_from.env" and "x1@45678" not in caught.value.render()
    (space.owners / "c.yaml").write_text('cik: "1"\nname: C\nccc_from: {env: FORM4GEN_CCC_1}\n')
    assert library.load_owner(space, "c").ccc_from.env == "FORM4GEN_CCC_1"


def test_the_example_workspace_profiles_read():
    space = Workspace(WORKSPACE_EXAMPLE)
    owners = library.load_all(space, "owner")
    issuers = library.load_all(space, "issuer")
    assert sorted(owners) == ["caruso", "doe", "roe"] and sorted(issuers) == ["clrb", "extx"]
    (blakley,) = owners["caruso"].attorneys_in_fact()
    assert (WORKSPACE_EXAMPLE / blakley.poa.document).is_file()
    assert owners["roe"].address.non_us_address is True


# --- the CLI ----------------------------------------------------------------------------------


def test_owners_and_issuers_from_options(tmp_path):
    space = new_workspace(tmp_path)
    ws = ("--workspace", str(space.root))
    code, out, err = cli("issuers", "add", "clrb", "--cik", "0001279704", "--name", "Cellectar Biosciences, Inc.", "--ticker", "CLRB", *ws)
    assert code == 0, err
    code, out, err = cli(
        "owners",
        "add",
        "caruso",
        "--cik",
        "0001234567",
        "--name",
        "CARUSO JAMES V",
        "--city",
        "MADISON",
        "--state",
        "WI",
        "--issuer",
        "clrb",
        "--director",
        *ws,
    )
    assert code == 0, err
    code, out, err = cli("owners", "add", "caruso", "--cik", "0001234567", "--name", "CARUSO JAMES V", *ws)
    assert code == 2 and "exists; not overwritten (use --force)" in err
    assert cli("owners", "add", "caruso", "--cik", "0001234567", "--name", "CARUSO J", "--force", *ws)[0] == 0
    code, out, _ = cli("owners", "list", "--format", "json", *ws)
    assert json.loads(out) == [{"key": "caruso", "cik": "0001234567", "name": "CARUSO J", "issuers": []}]
    code, out, _ = cli("issuers", "show", "clrb", "--format", "json", *ws)
    assert json.loads(out)["ticker"] == "CLRB" and json.loads(out)["file"] == "issuers/clrb.yaml"
    code, out, _ = cli("issuers", "list", *ws)
    assert code == 0 and "clrb" in out and "CLRB" in out
    code, _, err = cli("owners", "add", "x", "--cik", "12a", "--name", "X", *ws)
    assert code == 2 and "cik" in err
    code, _, err = cli("owners", "add", "../x", "--cik", "12", "--name", "X", *ws)
    assert code == 2 and "profile key" in err
    code, _, err = cli("owners", "show", "nobody", *ws)
    assert code == 2 and "no owner profile 'nobody'" in err


def test_outside_a_workspace_the_commands_say_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("owners", "list")
    assert code == 2 and "not in a workspace" in err and "form4gen init" in err


def test_profiles_from_the_examples_document(tmp_path):
    space = new_workspace(tmp_path)
    document = tmp_path / "cellectar.xml"
    document.write_text(to_xml(load(EXAMPLE)))
    ws = ("--workspace", str(space.root))
    code, out, err = cli("issuers", "add", "--from-document", str(document), *ws)
    assert code == 2 and "no issuerName" in err and "--name" in err  # a document written for submission has no names
    code, out, err = cli("issuers", "add", "--from-document", str(document), "--name", "Cellectar Biosciences, Inc.", *ws)
    assert code == 0, err
    issuer = library.load_issuer(space, "clrb")
    assert (issuer.cik, issuer.name, issuer.ticker) == ("0001279704", "Cellectar Biosciences, Inc.", "CLRB")
    code, out, err = cli("owners", "add", "caruso", "--from-document", str(document), "--name", "CARUSO JAMES V", *ws)
    assert code == 0, err
    assert "issuers/" not in out  # the issuer had a profile already
    owner = library.load_owner(space, "caruso")
    assert owner.cik == "0001234567" and owner.name == "CARUSO JAMES V" and owner.address.city == "MADISON"
    assert owner.relationships["clrb"].officer_title == "President and CEO"
    code, _, err = cli("owners", "add", "caruso", "--from-document", str(document), "--name", "CARUSO JAMES V", *ws)
    assert code == 2 and "exists" in err


@pytest.mark.skipif(not corpus_files(), reason="needs the real-filing corpus in ../shared/corpus/real")
def test_owners_from_a_corpus_document(tmp_path):
    document = next(p for p in corpus_files() if parse_xml(p).issuer.trading_symbol.strip())
    filing = parse_xml(document)
    space = new_workspace(tmp_path)
    code, _, err = cli("owners", "add", "--from-document", str(document), "--workspace", str(space.root))
    assert code == 0, err
    owners = library.load_all(space, "owner")
    assert sorted(o.cik for o in owners.values()) == sorted(o.cik for o in filing.reporting_owners)
    (issuer_key,) = library.load_all(space, "issuer")
    assert all(issuer_key in o.relationships for o in owners.values())


# --- drafts that name profiles ----------------------------------------------------------------


def _workspace_from_the_example(tmp_path: Path) -> Workspace:
    """A workspace whose profiles are made from the example (its document), its footnote in the
    library, and the example as a draft that names them by key."""
    space = new_workspace(tmp_path)
    document = tmp_path / "cellectar.xml"
    document.write_text(to_xml(load(EXAMPLE)))
    library.add_from_document(space, document, issuer_key="clrb", name="Cellectar Biosciences, Inc.", owners=False)
    library.add_from_document(space, document, owner_key="caruso", name="CARUSO JAMES V")
    data, _ = read_data(EXAMPLE)
    from form4gen.drafts.yaml_out import dump_yaml

    space.footnotes.write_text(dump_yaml(data["footnotes"]))
    keyed = {k: v for k, v in data.items() if k != "footnotes"} | {"issuer": "clrb", "reporting_owners": ["caruso"]}
    (space.drafts / "caruso.yaml").write_text(dump_yaml(keyed))
    return space


def test_a_draft_naming_profiles_compiles_to_the_examples_xml(tmp_path):
    space = _workspace_from_the_example(tmp_path)
    draft = space.drafts / "caruso.yaml"
    assert "issuer: clrb" in draft.read_text()
    assert to_xml(load_in_workspace(draft, space)) == to_xml(load(EXAMPLE))
    assert to_xml(load_draft(draft)) == to_xml(load(EXAMPLE))  # the workspace found from the draft
    assert to_xml(load_draft(EXAMPLE_DRAFT)) == to_xml(load(EXAMPLE))  # and the example workspace's


def test_a_field_written_in_the_draft_wins(tmp_path):
    space = _workspace_from_the_example(tmp_path)
    data, _ = read_data(space.drafts / "caruso.yaml")
    data["reporting_owners"] = [{"profile": "caruso", "relationship": {"officer_title": "CEO"}, "name": "CARUSO JIM"}]
    data["issuer"] = {"profile": "clrb", "trading_symbol": "CLRX"}
    data["footnotes"] = {"grant-terms": "Our own words."}
    resolved = resolve(data, space)
    assert resolved["reporting_owners"][0]["relationship"] == {"is_director": True, "is_officer": True, "officer_title": "CEO"}
    assert resolved["reporting_owners"][0]["name"] == "CARUSO JIM" and resolved["reporting_owners"][0]["cik"] == "0001234567"
    assert resolved["issuer"] == {"cik": "0001279704", "name": "Cellectar Biosciences, Inc.", "trading_symbol": "CLRX"}
    assert resolved["footnotes"] == {"grant-terms": "Our own words."}
    assert data["issuer"] == {"profile": "clrb", "trading_symbol": "CLRX"}  # the input is not changed


def test_an_unknown_key_names_the_drafts_field_and_line(tmp_path):
    space = _workspace_from_the_example(tmp_path)
    draft = space.drafts / "caruso.yaml"
    draft.write_text(draft.read_text().replace("- caruso", "- carusso"))
    with pytest.raises(InputError) as caught:
        load_in_workspace(draft, space)
    (problem,) = caught.value.problems
    assert caught.value.source == str(draft) and problem.location == "reporting_owners[0]" and "carusso" in problem.message
    assert problem.line == next(i for i, line in enumerate(draft.read_text().splitlines(), 1) if "carusso" in line)
    with pytest.raises(InputError, match="not in a workspace"):
        resolve({"issuer": "clrb", "reporting_owners": []}, None)


def test_a_full_draft_outside_a_workspace_is_unchanged(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "draft.yaml")
    assert to_xml(load_draft(tmp_path / "draft.yaml")) == to_xml(load(EXAMPLE))


# --- powers of attorney -----------------------------------------------------------------------


def test_poa_in_force_expiring_expired_revoked():
    poa = PowerOfAttorney(document="poa/x.pdf", granted=datetime.date(2024, 1, 1), expires=datetime.date(2025, 6, 30), issuers=["clrb"])
    assert poa_findings(poa, datetime.date(2025, 5, 1), issuer_key="clrb") == []
    (soon,) = poa_findings(poa, datetime.date(2025, 6, 10), issuer_key="clrb")
    assert soon.severity == "warning" and "expires on 2025-06-30, 20 day(s)" in soon.message
    assert [f.severity for f in poa_findings(poa, datetime.date(2025, 5, 31))] == ["warning"]  # 30 days
    assert poa_findings(poa, datetime.date(2025, 5, 30)) == []  # 31 days
    (gone,) = poa_findings(poa, datetime.date(2025, 7, 1))
    assert gone.severity == "error" and "expired on 2025-06-30" in gone.message
    assert poa_findings(poa, datetime.date(2025, 6, 30)) != [] and all(f.severity == "warning" for f in poa_findings(poa, datetime.date(2025, 6, 30)))
    revoked = poa.model_copy(update={"revoked": datetime.date(2025, 3, 1)})
    assert [f.severity for f in poa_findings(revoked, datetime.date(2025, 3, 1))] == ["error"]
    assert poa_findings(revoked, datetime.date(2025, 2, 28)) == []
    assert [f.severity for f in poa_findings(poa, datetime.date(2023, 12, 31))] == ["error"]  # before it was granted
    (other,) = poa_findings(poa, datetime.date(2025, 5, 1), issuer_key="extx")
    assert other.severity == "error" and "does not cover issuer 'extx'" in other.message


def test_the_drafts_signature_is_checked_against_the_owners_poa(tmp_path):
    space = Workspace(WORKSPACE_EXAMPLE)
    filing = load_draft(EXAMPLE_DRAFT)
    owners = {"caruso": library.load_owner(space, "caruso")}
    assert signature_findings(filing, owners, issuer_key="clrb", workspace_root=space.root) == []
    expired = owners["caruso"].model_copy(deep=True)
    expired.signers[1].poa.expires = datetime.date(2018, 10, 1)
    (finding,) = signature_findings(filing, {"caruso": expired}, issuer_key="clrb", workspace_root=space.root)
    assert finding.severity == "error" and "Christina Blakley" in finding.message and "expired on 2018-10-01" in finding.message
    assert signature_findings(filing, owners, issuer_key="extx")[0].severity == "error"


def test_attorney_in_fact_needs_a_poa():
    with pytest.raises(ValueError, match="power of attorney"):
        OwnerProfile.model_validate({"cik": "1", "name": "A", "signers": [{"name": "B", "attorney_in_fact": True}]})
    with pytest.raises(ValueError):
        IssuerProfile.model_validate({"cik": "1", "name": "A", "ticker": "A", "securities": [{"title": "Common Stock", "underlying": "X"}]})


# --- check in a workspace ---------------------------------------------------------------------


def test_check_passes_on_the_example_workspaces_draft():
    from form4gen.checking.batch import CheckTask

    result = CheckTask(as_of=None, select=(), ignore=(), closures=(), loader=load_draft)(str(EXAMPLE_DRAFT))
    assert result.report is not None, result.problems
    assert result.report.errors == [] and result.report.warnings == []


def test_form4gen_check_passes_on_the_example_workspaces_draft():
    code, out, err = cli("check", str(EXAMPLE_DRAFT), "--jobs", "1")
    assert code == 0, out + err


def test_build_uses_the_workspace(tmp_path):
    code, _, err = cli("build", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "caruso-2018-10-12.xml").read_text() == to_xml(load(EXAMPLE))


def test_an_issuers_standard_footnotes_and_a_non_us_owner():
    data = {
        "issuer": "extx",
        "reporting_owners": ["roe", "doe"],
        "derivative_table": [{"security_title": {"value": "Restricted Stock Units", "footnotes": ["rsu-conversion"]}}],
    }
    resolved = resolve(data, WORKSPACE_EXAMPLE)
    assert resolved["issuer"]["trading_symbol"] == "EXTX"
    roe, doe = resolved["reporting_owners"]
    assert roe["address"]["country"] == "X0" and roe["relationship"] == {"is_ten_percent_owner": True}
    assert doe["relationship"] == {"is_director": True}  # became_insider stays in the profile
    assert resolved["footnotes"] == {"rsu-conversion": library.load_issuer(Workspace(WORKSPACE_EXAMPLE), "extx").footnotes["rsu-conversion"]}
    with pytest.raises(InputError, match="has no relationship with issuer 'extx'"):
        resolve({"issuer": "extx", "reporting_owners": ["caruso"]}, WORKSPACE_EXAMPLE)
