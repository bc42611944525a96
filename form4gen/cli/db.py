"""``form4gen db``: the workspace database's schema (``upgrade``, ``status``).

``status`` exits 0 when the database is ready, 1 when it needs ``form4gen db upgrade`` (or has
not been created yet), 2 when this form4gen cannot use it.  SQLAlchemy and Alembic are loaded
only when these commands run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from form4gen.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE

WORKSPACE = click.option(
    "--workspace",
    "workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The workspace folder (default: the nearest folder at or above this one with form4gen.toml or .form4gen/).",
)


@click.group(name="db")
def db_command() -> None:
    """The workspace database: its schema revision, and upgrading it."""


@db_command.command(name="upgrade")
@WORKSPACE
def upgrade_command(workspace: Path | None) -> None:
    """Create the workspace database, or upgrade it to this form4gen's schema revision."""
    from form4gen.workspace import audit, db
    from form4gen.workspace.root import workspace_root

    root = workspace_root(workspace)
    before, after = db.upgrade(root)
    shown = db.database_settings(root).shown
    if before.revision == after.revision:
        click.echo(f"{shown}: already at revision {after.revision}")
        return
    opened = db.open_database(root)
    assert opened is not None
    try:
        with opened.session() as session:
            audit.record(session, "db upgrade", "database", before.revision, after.revision)
    finally:
        opened.close()
    click.echo(f"{shown}: upgraded from {before.revision or 'nothing (created)'} to revision {after.revision}")


@db_command.command(name="status")
@WORKSPACE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status_command(workspace: Path | None, fmt: str) -> None:
    """Which database the workspace uses, its schema revision, and whether it needs upgrading."""
    from form4gen.workspace import db
    from form4gen.workspace.root import workspace_root

    settings, state = db.status(workspace_root(workspace))
    kind = state.kind if state else "empty"
    revision = state.revision if state else None
    if kind == "current":
        advice = "ready"
    elif state is None or kind == "empty":
        advice = "not created yet: `form4gen db upgrade` creates it"
    else:
        advice = db.refusal(state) or ""
    if fmt == "json":
        click.echo(json.dumps({"database": settings.shown, "source": settings.source, "state": kind, "revision": revision, "head": db.HEAD, "advice": advice}))
    else:
        click.echo(f"database: {settings.shown} ({'named in ' + settings.source if settings.source != 'the default' else 'the default'})")
        click.echo(f"revision: {revision or 'none'} (this form4gen: {db.HEAD})")
        click.echo(f"state: {kind}: {advice}")
    sys.exit(EXIT_OK if kind == "current" else EXIT_FINDINGS if kind in ("empty", "old") else EXIT_UNUSABLE)
