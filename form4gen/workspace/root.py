"""Finding the workspace: the folder given (``--workspace DIR``), or the nearest folder at or
above the current one that holds ``form4gen.toml`` or ``.form4gen/`` (as git finds its
repository), and the workspace's folders and files (:class:`Workspace`).

A workspace is a folder of text files people write, review and keep in git::

    form4gen.toml      settings (also form4gen check's settings file)
    owners/KEY.yaml    one reporting owner's profile per file (the key is the file's stem)
    issuers/KEY.yaml   one issuer's profile per file
    footnotes.yaml     reusable footnotes, ``name: text``
    poa/               the powers of attorney (EX-24 documents) profiles name
    drafts/            drafts of filings
    filed/             the documents as they went to EDGAR
    .form4gen/         what the tool records (the database; git-ignored)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from form4gen.form.errors import InputError, Problem

SETTINGS_FILE = "form4gen.toml"
STATE_FOLDER = ".form4gen"
MARKERS = (SETTINGS_FILE, STATE_FOLDER)


@dataclass(frozen=True)
class Workspace:
    """A workspace's folder and the places inside it."""

    root: Path

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def owners(self) -> Path:
        return self.root / "owners"

    @property
    def issuers(self) -> Path:
        return self.root / "issuers"

    @property
    def footnotes(self) -> Path:
        return self.root / "footnotes.yaml"

    @property
    def poa(self) -> Path:
        return self.root / "poa"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def filed(self) -> Path:
        return self.root / "filed"

    @property
    def state(self) -> Path:
        return self.root / STATE_FOLDER

    def profile_folder(self, kind: str) -> Path:
        """``owners/`` or ``issuers/`` by kind ("owner" or "issuer")."""
        return self.owners if kind == "owner" else self.issuers


def find_workspace(start: Path | None = None, explicit: Path | None = None) -> Path | None:
    """``explicit`` (``--workspace DIR``) when it is a folder, else the nearest folder at or above
    ``start`` (default: the current folder) holding ``form4gen.toml`` or ``.form4gen/``; None
    when there is none."""
    if explicit is not None:
        return explicit.resolve() if explicit.is_dir() else None
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if any((folder / marker).exists() for marker in MARKERS):
            return folder
    return None


def workspace_root(given: Path | None = None, start: Path | None = None) -> Path:
    """``given`` (``--workspace DIR``), which must be a folder, or the workspace found from
    ``start``; an :class:`InputError` saying what to do when there is none."""
    if given is not None:
        if not given.is_dir():
            raise InputError(str(given), [Problem("--workspace", "not a folder")])
        return given.resolve()
    found = find_workspace(start)
    if found is None:
        where = (start or Path.cwd()).resolve()
        raise InputError(
            str(where), [Problem("", "not in a workspace: no form4gen.toml or .form4gen/ here or above; run `form4gen init` or give --workspace DIR")]
        )
    return found


def open_workspace(given: Path | None = None, start: Path | None = None) -> Workspace:
    """The :class:`Workspace` of :func:`workspace_root`."""
    return Workspace(workspace_root(given, start))
