"""Alembic's environment for the workspace database: run on the connection that
:func:`form4gen.workspace.db.upgrade` passes in ``config.attributes["connection"]`` (never
from a URL in a file), with form4gen's own version table."""

from __future__ import annotations

from alembic import context

VERSION_TABLE = "form4gen_revision"  # the same as form4gen.workspace.db.VERSION_TABLE


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("form4gen's migrations run on a connection given by form4gen.workspace.db.upgrade")
    context.configure(
        connection=connection,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
