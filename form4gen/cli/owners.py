"""``form4gen owners list|show|add``: the workspace's reporting-owner profiles (owners/KEY.yaml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

WORKSPACE_HELP = "The workspace (default: the nearest folder at or above the current one with form4gen.toml)."
FORMAT = click.Choice(["text", "json"])


def workspace_option(function: Any) -> Any:
    return click.option("--workspace", type=click.Path(file_okay=False, path_type=Path), default=None, help=WORKSPACE_HELP)(function)


def format_option(function: Any) -> Any:
    return click.option("--format", "fmt", type=FORMAT, default="text", show_default=True, help="Output format.")(function)


def print_list(kind: str, workspace: Path | None, fmt: str) -> None:
    from form4gen.workspace.library import load_all, summary
    from form4gen.workspace.root import open_workspace

    space = open_workspace(workspace)
    rows = [summary(kind, key, profile) for key, profile in load_all(space, kind).items()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo(f"no {kind} profiles in {space.profile_folder(kind)}")
    for row in rows:
        extra = f"  {row['ticker']}" if kind == "issuer" else (f"  (issuers: {', '.join(row['issuers'])})" if row["issuers"] else "")
        click.echo(f"{row['key']:<20} {row['cik']:<12} {row['name']}{extra}")


def print_profile(kind: str, key: str, workspace: Path | None, fmt: str) -> None:
    from form4gen.drafts.yaml_out import dump_yaml
    from form4gen.workspace.library import shown
    from form4gen.workspace.root import open_workspace

    data = shown(kind, key, open_workspace(workspace))
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    header = f"{kind} {data.pop('key')} ({data.pop('file')})"
    data = {k: v for k, v in data.items() if v not in ([], {})}
    click.echo(dump_yaml(data, header=header), nl=False)


def echo_written(path: Path, root: Path) -> None:
    click.echo(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")


@click.group(name="owners")
def owners_command() -> None:
    """Reporting-owner profiles: one YAML file per owner in the workspace's owners/ (the key is
    the file's name).  Drafts name them by key: reporting_owners: [KEY]."""


@owners_command.command(name="list")
@workspace_option
@format_option
def list_owners(workspace: Path | None, fmt: str) -> None:
    """List the owner profiles: key, CIK, name and the issuers they have a relationship with."""
    print_list("owner", workspace, fmt)


@owners_command.command(name="show")
@click.argument("key")
@workspace_option
@format_option
def show_owner(key: str, workspace: Path | None, fmt: str) -> None:
    """Show one owner profile."""
    print_profile("owner", key, workspace, fmt)


@owners_command.command(name="add")
@click.argument("key", required=False)
@click.option("--cik", help="The owner's CIK.")
@click.option("--name", help="The owner's name as EDGAR has it (e.g. CARUSO JAMES V); with --from-document, for a document without names.")
@click.option("--street1")
@click.option("--street2")
@click.option("--city")
@click.option("--state", help="US state code (e.g. WI).")
@click.option("--zip", "zip_code", help="ZIP code.")
@click.option("--country", help="Country code, for an address outside the US.")
@click.option("--issuer", "issuer_key", help="An issuer profile key: the relationship options below are with it.")
@click.option("--director", is_flag=True, help="Director of that issuer.")
@click.option("--officer-title", help="Officer of that issuer, with this title.")
@click.option("--ten-percent-owner", is_flag=True, help="10% owner of that issuer.")
@click.option("--other-text", help="Other relationship with that issuer, in these words.")
@click.option(
    "--from-document",
    "document",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Make the profiles from an EDGAR ownership document (XML): each reporting owner, and the issuer if it has no profile yet.",
)
@click.option("--force", is_flag=True, help="Replace a profile file that exists.")
@workspace_option
def add_owner(key: str | None, document: Path | None, force: bool, workspace: Path | None, **fields: Any) -> None:
    """Add an owner profile KEY from the options, or profiles from --from-document FILE.xml
    (KEY, when given, names the document's only owner; otherwise keys come from the names)."""
    from form4gen.cli.common import refuse
    from form4gen.workspace import library
    from form4gen.workspace.profiles import OwnerProfile
    from form4gen.workspace.root import open_workspace

    space = open_workspace(workspace)
    if document is not None:
        for path in library.add_from_document(space, document, owner_key=key, name=fields["name"], force=force, owners=True):
            echo_written(path, space.root)
        return
    if key is None or not fields["cik"] or not fields["name"]:
        refuse("owners add needs KEY, --cik and --name (or --from-document FILE.xml)")
    data = library.owner_data_from_options(fields)
    profile = library.build_profile(OwnerProfile, data, "form4gen owners add")
    echo_written(library.write_profile(space, "owner", key, profile, force=force), space.root)
