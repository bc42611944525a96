"""``form4gen issuers list|show|add``: the workspace's issuer profiles (issuers/KEY.yaml)."""

from __future__ import annotations

from pathlib import Path

import click

from form4gen.cli.owners import echo_written, format_option, print_list, print_profile, workspace_option


@click.group(name="issuers")
def issuers_command() -> None:
    """Issuer profiles: one YAML file per issuer in the workspace's issuers/ (the key is the
    file's name).  Drafts name them by key: issuer: KEY."""


@issuers_command.command(name="list")
@workspace_option
@format_option
def list_issuers(workspace: Path | None, fmt: str) -> None:
    """List the issuer profiles: key, CIK, name and ticker."""
    print_list("issuer", workspace, fmt)


@issuers_command.command(name="show")
@click.argument("key")
@workspace_option
@format_option
def show_issuer(key: str, workspace: Path | None, fmt: str) -> None:
    """Show one issuer profile."""
    print_profile("issuer", key, workspace, fmt)


@issuers_command.command(name="add")
@click.argument("key", required=False)
@click.option("--cik", help="The issuer's CIK.")
@click.option("--name", help="The issuer's name as EDGAR has it; with --from-document, for a document without names.")
@click.option("--ticker", help="The issuer's ticker or trading symbol.")
@click.option("--foreign-ticker", help="Its foreign trading symbol, if any.")
@click.option("--fiscal-year-end", help="Month and day its fiscal year ends, MM-DD (e.g. 12-31).")
@click.option(
    "--from-document",
    "document",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Make the profile from an EDGAR ownership document's issuer block (XML).",
)
@click.option("--force", is_flag=True, help="Replace a profile file that exists.")
@workspace_option
def add_issuer(
    key: str | None,
    cik: str | None,
    name: str | None,
    ticker: str | None,
    foreign_ticker: str | None,
    fiscal_year_end: str | None,
    document: Path | None,
    force: bool,
    workspace: Path | None,
) -> None:
    """Add an issuer profile KEY from the options, or from --from-document FILE.xml (KEY
    defaults to the ticker in lower case)."""
    from form4gen.cli.common import refuse
    from form4gen.workspace import library
    from form4gen.workspace.profiles import IssuerProfile
    from form4gen.workspace.root import open_workspace

    space = open_workspace(workspace)
    if document is not None:
        for path in library.add_from_document(space, document, issuer_key=key, name=name, force=force, owners=False):
            echo_written(path, space.root)
        return
    if key is None or not cik or not name or not ticker:
        refuse("issuers add needs KEY, --cik, --name and --ticker (or --from-document FILE.xml)")
    data = {"cik": cik, "name": name, "ticker": ticker, "foreign_ticker": foreign_ticker, "fiscal_year_end": fiscal_year_end}
    profile = library.build_profile(IssuerProfile, {k: v for k, v in data.items() if v is not None}, "form4gen issuers add")
    echo_written(library.write_profile(space, "issuer", key, profile, force=force), space.root)
