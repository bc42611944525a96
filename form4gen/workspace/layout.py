"""A new workspace's files and folders (``form4gen init``): made only where nothing is in the
way, so that a user's file is never replaced or deleted (an existing empty folder is fine)."""

from __future__ import annotations

from pathlib import Path

from form4gen.form.errors import InputError, Problem
from form4gen.workspace.root import STATE_FOLDER, Workspace

SETTINGS_TEXT = """\
# form4gen workspace settings (and form4gen check's settings: see `form4gen check --help`).
#
# A workspace is this folder: owners/ and issuers/ hold one YAML profile per owner and issuer,
# footnotes.yaml the footnotes drafts may name, poa/ the powers of attorney, drafts/ the drafts,
# filed/ the documents as they went to EDGAR.  .form4gen/ holds what the tool records (git-ignored).
#
# Which rules `form4gen check` runs (default: all):
# select = ["FN", "OWN"]
# ignore = ["TIM-LATE"]
# strict = false
# format = "text"
# closures = ["2025-01-09"]   # days EDGAR was closed besides weekends and federal holidays

# The workspace's database (default: SQLite in .form4gen/) and who the audit log says made a
# change (default: the OS user).  A team on a shared server names a PostgreSQL database
# (pip install "form4gen[postgres]"; the password from FORM4GEN_DATABASE_PASSWORD, not here):
# [workspace]
# actor = "J. Smith"
# database_url = "postgresql+psycopg://form4gen@db.example.com/form4gen"
"""

FOOTNOTES_TEXT = """\
# Footnotes drafts in this workspace may refer to by name (name: text).  A draft's own
# footnotes, and an issuer profile's standard footnotes, win over these.
#
# weighted-average: >-
#   The price reported is a weighted average price. These shares were sold in multiple
#   transactions at prices ranging from $X to $Y, inclusive. The reporting person undertakes to
#   provide full information regarding the number of shares sold at each separate price.
"""

GITIGNORE_TEXT = f"{STATE_FOLDER}/\n"
FOLDERS = ("owners", "issuers", "poa", "drafts", "filed")


def planned_files(workspace: Workspace) -> dict[Path, str]:
    return {workspace.settings: SETTINGS_TEXT, workspace.footnotes: FOOTNOTES_TEXT, workspace.root / ".gitignore": GITIGNORE_TEXT}


def in_the_way(workspace: Workspace) -> list[Problem]:
    """What stops ``init``: a planned file that exists, or a planned folder that is a file or
    holds files."""
    problems = []
    for path in planned_files(workspace):
        if path.exists() or path.is_symlink():
            problems.append(Problem(path.name, "exists; form4gen init never replaces a file (nothing was written)"))
    for name in FOLDERS:
        folder = workspace.root / name
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            problems.append(Problem(name, "exists and is not a folder; form4gen init never replaces a file (nothing was written)"))
        elif folder.is_dir() and any(folder.iterdir()):
            problems.append(Problem(f"{name}/", "exists and is not empty; form4gen init starts a workspace only in empty folders (nothing was written)"))
    return problems


def create_workspace(root: Path) -> list[Path]:
    """Make the workspace's layout in ``root`` (created if need be); the paths made.  Nothing is
    written when anything is in the way (an :class:`InputError` saying what)."""
    workspace = Workspace(root)
    if root.exists() and not root.is_dir():
        raise InputError(str(root), [Problem("", "exists and is not a folder")])
    problems = in_the_way(workspace)
    if problems:
        raise InputError(str(root), problems)
    made: list[Path] = []
    root.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        folder = root / name
        if not folder.is_dir():
            folder.mkdir()
            made.append(folder)
    for path, text in planned_files(workspace).items():
        try:
            with path.open("x", encoding="utf-8") as handle:  # "x": a file that appeared meanwhile is still never replaced
                handle.write(text)
        except FileExistsError:
            raise InputError(str(path), [Problem("", "exists; not replaced")]) from None
        made.append(path)
    return made
