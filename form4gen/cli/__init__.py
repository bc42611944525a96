"""The ``form4gen`` command: one module per command, registered one way (:data:`COMMANDS`).

Commands are imported only when they run (or when ``--help`` lists them), so that a command
starts without loading what the others need.  The CLI is a thin layer over the functions below
it; the web app is its peer and calls the same ones.

Exit codes: 0 fine, 1 findings at error level, 2 unusable input (a message names the file, the
field or XML line, and what was expected; never a traceback), 130 and 143 when interrupted.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from form4gen.cli.common import fail, stop_on_signals
from form4gen.form.errors import InputError, Problem

# command name -> the module under form4gen.cli that defines it, in the order --help lists them
COMMANDS: dict[str, str] = {
    "build": "build",
    "preview": "preview",
    "xml": "xml",
    "import": "import_",
    "check": "check",
    "rules": "rules",
    "deadline": "deadline",
    "amend": "amend",
    "aggregate": "aggregate",
    "package": "package",
    "holdings": "holdings",
    "init": "init",
    "owners": "owners",
    "issuers": "issuers",
    "db": "db",
    "log": "log",
}


class Commands(click.Group):
    """A group whose commands are loaded by name from :data:`COMMANDS`; an :class:`InputError`
    or an :class:`OSError` that reaches it from any command is printed as a message with exit
    code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = importlib.import_module(f"form4gen.cli.{module}").__dict__.get(f"{module.rstrip('_')}_command")
        if not isinstance(command, click.Command):
            raise RuntimeError(f"form4gen.cli.{module} defines no {module.rstrip('_')}_command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as error:
            fail(error)
        except OSError as error:  # a folder that cannot be written, a full disk...: a message, exit 2
            where = str(error.filename) if error.filename else "form4gen"
            fail(InputError(where, [Problem("", f"{error.strerror or error}; nothing was written")]))


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="form4gen")
def main() -> None:
    """Prepare SEC Section 16 ownership filings (Forms 3, 4, 5 and amendments) for EDGAR."""


def run() -> None:
    """The ``form4gen`` program: the command group, stopped cleanly by SIGTERM and SIGINT."""
    stop_on_signals()
    main()
