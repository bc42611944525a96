"""``form4gen log``: the workspace's audit log, and ``--verify`` of its chain (exit 1, naming
the first bad entry, when an entry was altered, removed or reordered; 0 when intact)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from form4gen.cli.common import EXIT_FINDINGS, EXIT_OK
from form4gen.cli.db import WORKSPACE


@click.command(name="log")
@WORKSPACE
@click.option("--object", "obj", metavar="KEY", default=None, help="Only the entries for this object (e.g. owners/caruso.yaml).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verify", is_flag=True, help="Check the chain of entries instead of listing them: exit 1 naming the first bad entry.")
def log_command(workspace: Path | None, obj: str | None, fmt: str, verify: bool) -> None:
    """List the audit log: every change form4gen made in this workspace, oldest first."""
    from form4gen.workspace import audit, db
    from form4gen.workspace.root import workspace_root

    opened = db.open_database(workspace_root(workspace), create=False)
    if opened is None:  # nothing recorded yet
        if verify:
            click.echo(json.dumps({"intact": True, "entries": 0}) if fmt == "json" else "audit log intact: no entries yet")
        elif fmt == "json":
            click.echo("[]")
        sys.exit(EXIT_OK)
    try:
        with opened.session() as session:
            if verify:
                broken = audit.verify(session)
                newest = audit.newest_hash(session)
                if fmt == "json":
                    report: dict[str, object] = {"intact": broken is None, "entries": newest[0] if newest else 0}
                    report.update({"entry": broken.entry_id, "reason": broken.reason} if broken else {"newest_hash": newest[1] if newest else None})
                    click.echo(json.dumps(report))
                elif broken:
                    click.echo(f"audit log broken at {broken}")
                else:
                    click.echo(f"audit log intact: {_entries(newest[0])}, newest hash {newest[1]}" if newest else "audit log intact: no entries yet")
                sys.exit(EXIT_FINDINGS if broken else EXIT_OK)
            rows: list[dict[str, Any]] = [
                {
                    "id": e.id,
                    "time": audit.time_text(e.time),
                    "actor": e.actor,
                    "action": e.action,
                    "object": e.object,
                    "hash_before": e.hash_before,
                    "hash_after": e.hash_after,
                    "prev_hash": e.prev_hash,
                    "entry_hash": e.entry_hash,
                }
                for e in audit.entries(session, obj)
            ]
    finally:
        opened.close()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        change = f"{_short(row['hash_before'])} -> {_short(row['hash_after'])}"
        click.echo(f"{row['id']:>6}  {row['time']}  {row['actor']}  {row['action']}  {row['object']}  {change}")


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count:,} entries"


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "-"
