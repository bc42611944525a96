"""The ``workspace`` fixture: an empty workspace whose database is SQLite, and (when
``FORM4GEN_TEST_DATABASE_URL`` names a PostgreSQL server, as .ci/run arranges) a schema of its own
on that server, dropped afterwards.  Every test module has it
(``pytest_plugins`` in conftest)."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from form4gen.workspace import db

PG_URL = os.environ.get("FORM4GEN_TEST_DATABASE_URL")
NO_PG = "no PostgreSQL server: set FORM4GEN_TEST_DATABASE_URL=postgresql+psycopg://user:password@host/db (.ci/run does) to run these against one"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason=NO_PG))]


@pytest.fixture(params=BACKENDS)
def workspace(request, tmp_path, monkeypatch):
    """An empty workspace whose database is SQLite (the default place) or a fresh schema on the
    PostgreSQL server, its URL written without the password, which comes from the environment."""
    root = tmp_path / "ws"
    root.mkdir()
    monkeypatch.delenv(db.PASSWORD_VARIABLE, raising=False)
    if request.param == "sqlite":
        (root / "form4gen.toml").write_text('[workspace]\nactor = "Tess Tester"\n')
        yield root
        return
    schema = f"form4gen_test_{uuid.uuid4().hex[:12]}"
    url = make_url(PG_URL)
    named = url._replace(password=None).update_query_dict({"options": f"-csearch_path={schema}"})  # (URL.set ignores password=None)
    assert named.password is None
    if url.password:
        monkeypatch.setenv(db.PASSWORD_VARIABLE, str(url.password))
    (root / "form4gen.toml").write_text(f'[workspace]\nactor = "Tess Tester"\ndatabase_url = "{named.render_as_string(hide_password=False)}"\n')
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield root
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
