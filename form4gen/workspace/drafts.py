"""Drafts that use the workspace's profiles.

A draft in a workspace may name profiles by key instead of writing their blocks::

    issuer: clrb                       # issuers/clrb.yaml: cik, name, ticker
    reporting_owners: [caruso]         # owners/caruso.yaml: cik, name, address, and the
                                       # relationship with that issuer
    reporting_owners:
      - profile: caruso                # the same, with fields of the draft's own that win
        relationship: {officer_title: Chief Executive Officer}

and refer to footnotes it does not define by name: they come from the issuer's standard
footnotes, then from the workspace's ``footnotes.yaml``.  Anything written in the draft wins
over the profile.  :func:`resolve` does this on the draft's plain data; :func:`load_in_workspace`
reads, resolves and compiles a draft (what ``build``, ``preview``, ``package`` and ``check`` see).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from form4gen.drafts import credentials
from form4gen.drafts.load import filing_from_data
from form4gen.drafts.parse import read_data
from form4gen.form.errors import InputError, Problem
from form4gen.form.models import Filing
from form4gen.workspace.library import NoSuchProfile, issuer_key_for_cik, load_footnotes, load_issuer, load_owner
from form4gen.workspace.profiles import IssuerProfile
from form4gen.workspace.root import Workspace, find_workspace

_NO_WORKSPACE = (
    "names a profile ({key!r}), but the draft is not in a workspace (no form4gen.toml here or above): write the block in full, or run in a workspace"
)


def _as_workspace(workspace: Workspace | Path | None) -> Workspace | None:
    if workspace is None or isinstance(workspace, Workspace):
        return workspace
    return Workspace(Path(workspace))


def uses_profiles(data: Any) -> bool:
    """Whether the draft names an issuer or owner profile by key."""
    if not isinstance(data, dict):
        return False
    owners = data.get("reporting_owners")
    named = [o for o in owners if isinstance(o, str) or (isinstance(o, dict) and "profile" in o)] if isinstance(owners, list) else []
    issuer = data.get("issuer")
    return isinstance(issuer, str) or (isinstance(issuer, dict) and "profile" in issuer) or bool(named)


def _merged(base: dict[str, Any], written: dict[str, Any], deep: tuple[str, ...] = ("relationship",)) -> dict[str, Any]:
    """The profile's block with the draft's fields over it (``deep`` ones field by field)."""
    out = dict(base)
    for key, value in written.items():
        if key in deep and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _key_and_rest(entry: Any) -> tuple[str | None, Any]:
    if isinstance(entry, str):
        return entry, {}
    if isinstance(entry, dict) and "profile" in entry:
        rest = {k: v for k, v in entry.items() if k != "profile"}
        key = entry["profile"]
        return (key if isinstance(key, str) else None), rest
    return None, entry


class _Resolver:
    def __init__(self, workspace: Workspace | None, source: str, lines: dict[tuple[Any, ...], int]):
        self.workspace = workspace
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []

    def need_workspace(self, where: str, key: str, line_path: tuple[Any, ...]) -> Workspace | None:
        if self.workspace is None:
            self.problems.append(Problem(where, _NO_WORKSPACE.format(key=key), self.lines.get(line_path)))
        return self.workspace

    def profile(self, loader: Any, key: str, where: str, line_path: tuple[Any, ...]) -> Any:
        workspace = self.need_workspace(where, key, line_path)
        if workspace is None:
            return None
        try:
            return loader(workspace, key)
        except NoSuchProfile as error:
            self.problems.append(Problem(where, error.problems[0].message, self.lines.get(line_path)))
            return None

    def issuer(self, data: dict[str, Any]) -> tuple[str | None, IssuerProfile | None]:
        key, rest = _key_and_rest(data.get("issuer"))
        if key is None:
            cik = rest.get("cik") if isinstance(rest, dict) else None
            if self.workspace is not None and isinstance(cik, str) and uses_profiles(data):
                found = issuer_key_for_cik(self.workspace, cik)
                return found, (load_issuer(self.workspace, found) if found else None)
            return None, None
        profile = self.profile(load_issuer, key, "issuer", ("issuer",))
        if profile is not None:
            data["issuer"] = _merged(profile.form_issuer(), rest)
        return key, profile

    def owner(self, entry: Any, index: int, issuer_key: str | None) -> Any:
        key, rest = _key_and_rest(entry)
        if key is None:
            return entry
        where, line_path = f"reporting_owners[{index}]", ("reporting_owners", index)
        profile = self.profile(load_owner, key, where, line_path)
        if profile is None:
            return entry
        block: dict[str, Any] = {"cik": profile.cik, "name": profile.name}
        if profile.address is not None:
            block["address"] = profile.address.model_dump(mode="json", exclude_none=True)
        relation = profile.relationship_with(issuer_key) if issuer_key else None
        if relation is not None:
            block["relationship"] = relation.form_relationship()
        elif "relationship" not in rest:
            issuer = f"issuer {issuer_key!r}" if issuer_key else "this issuer (no issuer profile has the draft's issuer CIK)"
            fix = f"add relationships.{issuer_key or 'KEY'} to owners/{key}.yaml, or write relationship here"
            message = f"owner profile {key!r} has no relationship with {issuer}: {fix}"
            self.problems.append(Problem(where, message, self.lines.get(line_path)))
        return _merged(block, rest)


def _referenced_footnotes(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("footnotes", "footnote"):
                names = [item] if isinstance(item, str) else item if isinstance(item, list) else []
                out.extend(n for n in names if isinstance(n, str) and n not in out)
            else:
                _referenced_footnotes(item, out)
    elif isinstance(value, list):
        for item in value:
            _referenced_footnotes(item, out)


def _library_footnotes(data: dict[str, Any], workspace: Workspace | None, issuer: IssuerProfile | None) -> None:
    """Footnotes referred to by name and not defined in the draft: the issuer's, then the library's."""
    defined = data.get("footnotes")
    if defined is not None and not isinstance(defined, dict):
        return
    referenced: list[str] = []
    _referenced_footnotes({k: v for k, v in data.items() if k != "footnotes"}, referenced)
    missing = [n for n in referenced if n not in (defined or {})]
    if not missing:
        return
    library = load_footnotes(workspace)[0] if workspace is not None else {}
    standard = issuer.footnotes if issuer is not None else {}
    found = {n: standard.get(n, library.get(n)) for n in missing}
    found = {n: text for n, text in found.items() if text is not None}
    if found:
        data["footnotes"] = {**(defined or {}), **found}


def resolve(data: Any, workspace: Workspace | Path | None, *, source: str = "draft", lines: dict[tuple[Any, ...], int] | None = None) -> Any:
    """The draft's data with its profile keys replaced by the blocks they stand for and its
    library footnotes defined (a new mapping; ``data`` is not changed).  A key that names no
    profile is an :class:`InputError` naming the draft's field and line."""
    if not isinstance(data, dict):
        return data
    space = _as_workspace(workspace)
    data = dict(data)
    resolver = _Resolver(space, source, lines or {})
    issuer_key, issuer = resolver.issuer(data)
    owners = data.get("reporting_owners")
    if isinstance(owners, list):
        data["reporting_owners"] = [resolver.owner(entry, i, issuer_key) for i, entry in enumerate(owners)]
    if resolver.problems:
        raise InputError(source, resolver.problems)
    if space is not None:
        _library_footnotes(data, space, issuer)
    return data


def load_in_workspace(path: str | Path, workspace: Workspace | Path | None, *, with_ccc: bool = False) -> Filing:
    """Read a draft, resolve its profile keys and library footnotes, and compile it."""
    path = Path(path)
    data, lines = read_data(path)
    filing = filing_from_data(resolve(data, workspace, source=str(path), lines=lines), str(path), lines)
    if with_ccc:
        credentials.attach_ccc(filing)
    return filing


def draft_workspace(path: Path) -> Workspace | None:
    """The workspace a draft is read in: the one holding the draft's folder, else the one the
    current folder is in, else none."""
    found = find_workspace(path.resolve().parent) or find_workspace()
    return Workspace(found) if found is not None else None


def load_draft(path: str | Path, *, with_ccc: bool = False) -> Filing:
    """A draft read in its workspace (:func:`draft_workspace`): what ``build``, ``preview``,
    ``package`` and ``check`` compile.  Outside a workspace, a draft that names no profile
    compiles exactly as :func:`form4gen.drafts.load.load` compiles it."""
    path = Path(path)
    return load_in_workspace(path, draft_workspace(path), with_ccc=with_ccc)
