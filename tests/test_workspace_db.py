"""The workspace database: its migrations (first revision to head), the refusal of a database
at an unknown or an older revision (with the upgrade hint), the audit chain catching an edited,
a deleted and two swapped rows, no password in any message, log or row, and exact decimals.

Every test runs against SQLite, and against a real PostgreSQL server when
``FORM4GEN_TEST_DATABASE_URL`` names one (``postgresql+psycopg://user:password@host/db``; .ci/run
starts one): each test gets a schema of its own there, dropped afterwards.
"""

from __future__ import annotations

import datetime
import logging
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from form4gen.cli import main
from form4gen.workspace import audit, db
from form4gen.workspace.history import filings, record_filing
from form4gen.workspace.models import AuditEntry, Base, LedgerDocument, LedgerLine
from form4gen.workspace.root import find_workspace, workspace_root

SECRET = "Sw0rdfish-never-shown"


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def raw_engine(root: Path):
    """An engine on the workspace's database that bypasses form4gen's checks (to tamper with it)."""
    return db.make_engine(db.database_settings(root))


def tables(root: Path) -> set[str]:
    engine = raw_engine(root)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def sql(root: Path, *statements: str) -> None:
    engine = raw_engine(root)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def with_entries(root: Path, count: int = 4) -> list[str]:
    """``count`` audit entries (objects o1, o2, ...); their hashes."""
    database = db.open_database(root)
    assert database is not None
    try:
        with database.session() as session:
            return [audit.record(session, "profile save", f"o{i}", f"before {i}", f"after {i}").entry_hash for i in range(1, count + 1)]
    finally:
        database.close()


# --- the schema and its migrations ---------------------------------------------------------


def test_the_known_revisions_are_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(db.REVISIONS)
    assert scripts.get_current_head() == db.HEAD


def test_migrations_from_the_first_revision_to_head_keep_the_data_and_match_the_models(workspace):
    before, after = db.upgrade(workspace, "0001")
    assert (before.kind, after.kind, after.revision) == ("empty", "old", "0001")
    assert {"audit_log", "filing_history"} <= tables(workspace) and "ledger_document" not in tables(workspace)
    engine = raw_engine(workspace)  # an entry written at 0001, before the upgrade
    with Session(engine) as session, session.begin():
        first = audit.record(session, "profile save", "owners/caruso.yaml", None, "name: Caruso", actor="early").entry_hash
    engine.dispose()

    code, output = cli("db", "upgrade", "--workspace", str(workspace))
    assert code == 0 and "upgraded from 0001 to revision 0002" in output
    assert {"ledger_document", "ledger_line", "ledger_adjustment"} <= tables(workspace)
    assert db.status(workspace)[1] == db.SchemaState("current", "0002")
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:
        kept = list(audit.entries(session))
        assert kept[0].entry_hash == first and [e.action for e in kept] == ["profile save", "db upgrade"]
        assert audit.verify(session) is None
    database.close()
    assert cli("db", "upgrade", "--workspace", str(workspace)) == (0, f"{db.database_settings(workspace).shown}: already at revision 0002\n")

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = raw_engine(workspace)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": False}), Base.metadata)
    engine.dispose()
    assert [d for d in differences if "form4gen_revision" not in str(d)] == []


def test_an_empty_database_is_created_at_head_when_written_and_left_alone_when_read(workspace):
    assert cli("log", "--workspace", str(workspace)) == (0, "")
    code, output = cli("db", "status", "--workspace", str(workspace))
    assert code == 1 and "not created yet" in output and "form4gen db upgrade" in output
    database = db.open_database(workspace)
    assert database is not None
    database.close()
    assert db.status(workspace)[1] == db.SchemaState("current", db.HEAD)
    assert cli("db", "status", "--workspace", str(workspace))[0] == 0


def test_a_database_at_an_older_revision_is_refused_until_upgraded(workspace):
    db.upgrade(workspace, "0001")
    with pytest.raises(db.DatabaseRefused) as refused:
        db.open_database(workspace)
    assert "revision 0001, older than" in str(refused.value) and "`form4gen db upgrade`" in str(refused.value)
    code, output = cli("log", "--workspace", str(workspace))
    assert code == 2 and "`form4gen db upgrade`" in output and "Traceback" not in output
    code, output = cli("db", "status", "--workspace", str(workspace))
    assert code == 1 and "older than" in output
    assert cli("db", "upgrade", "--workspace", str(workspace))[0] == 0
    assert cli("log", "--workspace", str(workspace))[0] == 0


def test_a_database_at_an_unknown_revision_is_refused_and_not_changed(workspace):
    with_entries(workspace, 1)
    sql(workspace, "UPDATE form4gen_revision SET version_num = '0099'")
    for attempt in (lambda: db.open_database(workspace), lambda: db.upgrade(workspace)):
        with pytest.raises(db.DatabaseRefused) as refused:
            attempt()
        message = str(refused.value)
        assert "revision 0099, which this form4gen does not know" in message and "`form4gen db upgrade`" in message
    code, output = cli("db", "upgrade", "--workspace", str(workspace))
    assert code == 2 and "does not know" in output
    assert cli("db", "status", "--workspace", str(workspace))[0] == 2
    assert db.status(workspace)[1] == db.SchemaState("unknown", "0099")


def test_a_database_that_is_not_form4gens_is_refused(workspace):
    if db.database_settings(workspace).url.get_backend_name() == "sqlite":
        (workspace / ".form4gen").mkdir()
    sql(workspace, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    for attempt in (lambda: db.open_database(workspace), lambda: db.upgrade(workspace)):
        with pytest.raises(db.DatabaseRefused, match="not a form4gen database"):
            attempt()
    assert tables(workspace) == {"invoices"}


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / ".form4gen").mkdir()
    (tmp_path / ".form4gen" / "form4gen.db").write_bytes(b"not a database, just text " * 100)
    code, output = cli("log", "--workspace", str(tmp_path))
    assert code == 2 and "cannot open the database" in output and "Traceback" not in output


# --- the audit log -------------------------------------------------------------------------


def test_entries_chain_and_list(workspace):
    hashes = with_entries(workspace, 3)
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:
        rows = list(audit.entries(session))
        assert [r.id for r in rows] == [1, 2, 3] and [r.entry_hash for r in rows] == hashes
        assert rows[0].prev_hash == audit.GENESIS and rows[1].prev_hash == rows[0].entry_hash
        assert rows[0].actor == "Tess Tester" and rows[0].time.tzinfo == datetime.UTC
        assert rows[0].hash_before == audit.content_hash("before 1") and audit.entry_hash(rows[2]) == rows[2].entry_hash
        assert audit.verify(session) is None
    database.close()
    code, output = cli("log", "--workspace", str(workspace), "--object", "o2", "--format", "json")
    assert code == 0
    import json

    (only,) = json.loads(output)
    assert only["object"] == "o2" and only["entry_hash"] == hashes[1] and only["time"].endswith("Z")
    code, output = cli("log", "--workspace", str(workspace))
    assert code == 0 and len(output.splitlines()) == 3 and "Tess Tester  profile save  o3" in output
    assert cli("log", "--verify", "--workspace", str(workspace)) == (0, f"audit log intact: 3 entries, newest hash {hashes[2]}\n")


TAMPERING = {
    "edited": (["UPDATE audit_log SET actor = 'mallory' WHERE id = 2"], 2, "altered"),
    "rehashed": (["UPDATE audit_log SET object = 'o9', entry_hash = 'f' || substr(entry_hash, 2) WHERE id = 2"], 2, "altered"),
    "deleted": (["DELETE FROM audit_log WHERE id = 2"], 3, "entry 2 before it removed"),
    "swapped": (
        ["UPDATE audit_log SET id = -2 WHERE id = 2", "UPDATE audit_log SET id = 2 WHERE id = 3", "UPDATE audit_log SET id = 3 WHERE id = -2"],
        2,
        "does not follow the entry before it",
    ),
    "first deleted": (["DELETE FROM audit_log WHERE id = 1"], 2, "entry 1 before it removed"),
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_verify_catches_each_kind_of_tampering(workspace, how):
    statements, bad, reason = TAMPERING[how]
    with_entries(workspace, 4)
    assert cli("log", "--verify", "--workspace", str(workspace))[0] == 0
    sql(workspace, *statements)
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:
        broken = audit.verify(session)
    database.close()
    assert broken is not None and broken.entry_id == bad and reason in broken.reason
    code, output = cli("log", "--verify", "--workspace", str(workspace))
    assert code == 1 and output.startswith(f"audit log broken at entry {bad}: ") and reason in output


def test_an_entry_rewritten_with_a_fresh_hash_is_caught_at_the_next(workspace):
    with_entries(workspace, 3)
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:  # a forger who knows the algorithm rewrites entry 2 whole
        entry = session.get(AuditEntry, 2)
        assert entry is not None
        entry.actor = "mallory"
        entry.entry_hash = audit.entry_hash(entry)
    with database.session() as session:
        broken = audit.verify(session)
    database.close()
    assert broken == audit.ChainBreak(3, "does not follow the entry before it (entries removed, reordered or rewritten)")


# --- secrets -------------------------------------------------------------------------------


def test_the_password_appears_in_no_message_log_or_row(workspace, monkeypatch, caplog):
    settings = db.database_settings(workspace)
    if settings.url.get_backend_name() == "sqlite":
        pytest.skip("a SQLite database has no password (the unreachable-server test below covers messages without a server)")
    password = str(settings.url.password or "")
    if not password:
        pytest.skip("FORM4GEN_TEST_DATABASE_URL names no password")
    caplog.set_level(logging.DEBUG)
    outputs = [cli("db", "upgrade", "--workspace", str(workspace))[1]]
    with_entries(workspace, 2)
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:
        record_filing(session, "build", files={"a.xml": "<x/>"}, document_type="4", draft_path="drafts/a.yaml")
    database.close()
    for args in (["db", "status"], ["db", "status", "--format", "json"], ["log"], ["log", "--format", "json"], ["log", "--verify"]):
        outputs.append(cli(*args, "--workspace", str(workspace))[1])
    assert settings.shown.count("***") == 1 and password not in settings.shown
    engine = raw_engine(workspace)
    with engine.connect() as connection:
        rows = [str(row) for table in sorted(tables(workspace)) for row in connection.execute(text(f"SELECT * FROM {table}"))]
    engine.dispose()
    assert len(rows) >= 4
    monkeypatch.setenv(db.PASSWORD_VARIABLE, password + "-wrong")  # the server refuses: the message names neither
    with pytest.raises(db.DatabaseRefused) as refused:
        db.open_database(workspace)
    outputs.append(str(refused.value))
    outputs.append(cli("log", "--workspace", str(workspace))[1])
    assert "cannot open the database" in outputs[-1]
    for shown in [*outputs, *rows, caplog.text]:
        assert password not in shown


def test_a_password_in_the_url_is_not_shown_when_the_server_cannot_be_reached(tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    (tmp_path / "form4gen.toml").write_text(f'[workspace]\ndatabase_url = "postgresql+psycopg://someone:{SECRET}@127.0.0.1:9/form4gen?connect_timeout=2"\n')
    for args in (["log"], ["log", "--verify"], ["db", "status"], ["db", "upgrade"]):
        code, output = cli(*args, "--workspace", str(tmp_path))
        assert code == 2 and "cannot open the database" in output and "***" in output and SECRET not in output
    monkeypatch.setenv(db.PASSWORD_VARIABLE, SECRET)  # from the environment: the same
    (tmp_path / "form4gen.toml").write_text('[workspace]\ndatabase_url = "postgresql+psycopg://someone@127.0.0.1:9/form4gen?connect_timeout=2"\n')
    assert db.database_settings(tmp_path).url.password == SECRET
    code, output = cli("db", "status", "--workspace", str(tmp_path))
    assert code == 2 and SECRET not in output and "***" in output
    (tmp_path / "form4gen.toml").write_text(f'[workspace]\ndatabase_url = "nonsense://{SECRET}@@"\n')
    code, output = cli("log", "--workspace", str(tmp_path))
    assert code == 2 and "workspace.database_url" in output and SECRET not in output


# --- decimals, the ledger tables, the history ----------------------------------------------


def test_share_counts_round_trip_exactly(workspace):
    database = db.open_database(workspace)
    assert database is not None
    with database.session() as session:
        document = LedgerDocument(content_hash="a" * 64, owner_cik="0001494730", issuer_cik="0001318605", document_type="4", period=datetime.date(2025, 1, 2))
        session.add(document)
        session.flush()
        session.add(
            LedgerLine(
                document_id=document.id,
                form_table="derivative",
                line_index=0,
                kind="transaction",
                title="Stock Option (right to buy)",
                ownership="D",
                marks=["Vests in four equal installments."],
                exercise_price=Decimal("1.90"),
                expiration="2030-01-02",
                shares=Decimal("1234.5678"),
                acquired_disposed="A",
                owned_following=Decimal("99999999999999.0001"),
            )
        )
    with database.session() as session:
        line = session.scalars(select(LedgerLine)).one()
        assert (line.shares, str(line.shares)) == (Decimal("1234.5678"), "1234.5678")
        assert str(line.exercise_price) == "1.90" and str(line.owned_following) == "99999999999999.0001"
        assert line.marks == ["Vests in four equal installments."]
    with pytest.raises((TypeError, StatementError, db.DatabaseRefused)), database.session() as session:
        session.add(LedgerLine(document_id=1, form_table="derivative", line_index=1, kind="holding", title="Option", ownership="D", shares=1234.5678))
    with pytest.raises((IntegrityError, db.DatabaseRefused)), database.session() as session:  # a document is recorded once
        session.add(LedgerDocument(content_hash="a" * 64, owner_cik="1", issuer_cik="2", document_type="4"))
    with database.session() as session:
        record_filing(session, "package", hashes={"submission.xml": "b" * 64}, document_type="4/A", mode="test", package_path="out/pkg")
        (row,) = filings(session)
        assert (row.files, row.mode, row.actor, row.time.tzinfo) == ({"submission.xml": "b" * 64}, "test", "Tess Tester", datetime.UTC)
    database.close()


# --- finding the workspace, the settings, import time --------------------------------------


def test_the_workspace_is_found_upwards_or_given(tmp_path, monkeypatch):
    (tmp_path / "form4gen.toml").write_text("")
    deep = tmp_path / "drafts" / "2025"
    deep.mkdir(parents=True)
    assert find_workspace(deep) == tmp_path.resolve() and workspace_root(None, deep) == tmp_path.resolve()
    assert workspace_root(deep) == deep.resolve()
    monkeypatch.chdir(deep)
    assert db.database_settings(workspace_root()).url.database == str(tmp_path.resolve() / ".form4gen" / "form4gen.db")
    lone = tmp_path.parent / f"lone-{uuid.uuid4().hex[:8]}"
    lone.mkdir()
    monkeypatch.chdir(lone)
    code, output = cli("log")
    assert code == 2 and "not in a workspace" in output and "--workspace DIR" in output


def test_the_settings_name_the_database_and_the_actor(tmp_path, monkeypatch):
    monkeypatch.delenv(db.PASSWORD_VARIABLE, raising=False)
    (tmp_path / "form4gen.toml").write_text('[workspace]\ndatabase_url = "sqlite:///state/w.db"\nactor = "A. Fact"\n')
    settings = db.database_settings(tmp_path)
    assert settings.url.database == str(tmp_path / "state" / "w.db") and settings.actor == "A. Fact"
    (tmp_path / "form4gen.toml").write_text("[workspace]\nactor = 3\n")
    code, output = cli("log", "--workspace", str(tmp_path))
    assert code == 2 and "workspace.actor" in output


def test_help_loads_no_database_library():
    script = (
        "import sys\nfrom form4gen.cli import main\n"
        "for args in (['--help'], ['log', '--help'], ['db', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print(' '.join(m for m in ('sqlalchemy', 'alembic', 'psycopg') if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr.split() == []
