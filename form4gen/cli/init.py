"""``form4gen init [DIR]``: start a workspace (form4gen.toml, owners/, issuers/, footnotes.yaml,
poa/, drafts/, filed/ and a .gitignore for .form4gen/) without replacing anything."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(name="init")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]")
def init_command(folder: Path) -> None:
    """Start a workspace in DIR (default: the current folder).

    Makes form4gen.toml (settings, commented), owners/ and issuers/ (one YAML profile per file),
    footnotes.yaml (footnotes drafts may name), poa/ (powers of attorney), drafts/, filed/ and a
    .gitignore for .form4gen/ (what the tool records).  Nothing is replaced: when any of these
    exists (an empty folder aside), nothing is written and the exit code is 2.
    """
    from form4gen.workspace.layout import create_workspace

    made = create_workspace(folder)
    for path in made:
        shown = path.relative_to(folder) if path.is_relative_to(folder) else path
        click.echo(f"created {shown}{'/' if path.is_dir() else ''}")
    click.echo(f"form4gen: workspace ready in {folder.resolve()}")
