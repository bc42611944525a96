"""The workspace's profiles and footnotes as files: reading them (messages name the file, the
field and the line), listing them, writing them (whole or not at all, never over a file without
``force``), and making them from an EDGAR ownership document.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from form4gen.drafts.credentials import ccc_problem
from form4gen.drafts.files import write_atomically
from form4gen.drafts.parse import read_data
from form4gen.drafts.yaml_out import dump_yaml
from form4gen.form.errors import InputError, Problem, field_path, problems_from_validation, some_names
from form4gen.form.models import Filing
from form4gen.workspace.profiles import IssuerProfile, OwnerProfile, key_problem
from form4gen.workspace.root import Workspace

P = TypeVar("P", bound=BaseModel)
PROFILE_SUFFIXES = (".yaml", ".yml")
KINDS: dict[str, tuple[str, type[OwnerProfile] | type[IssuerProfile]]] = {"owner": ("owners", OwnerProfile), "issuer": ("issuers", IssuerProfile)}
_NO_CCC = "a profile names where the CCC comes from (ccc_from: {env: VARIABLE}, credentials-file or keyring), never the CCC itself: remove it"


class NoSuchProfile(InputError):
    """A key that names no profile of its kind."""


def _ccc_written(data: Any, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """A ``ccc`` key anywhere, or a text that is a well-formed CCC (8 characters, a digit and one
    of @ # * $, no space): refused without repeating the value."""
    problems = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if str(key).lower() in ("ccc", "edgar_ccc", "access_code"):
                    problems.append(Problem(field_path((*path, key)), f"holds a CCC: {_NO_CCC}", lines.get((*path, key))))
                else:
                    stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, str) and len(value) == 8 and ccc_problem(value) is None:
            problems.append(Problem(field_path(path), f"looks like a CCC (EDGAR access code): {_NO_CCC}", lines.get(path)))
    return problems


def read_profile(path: Path, model: type[P]) -> P:
    """One profile file, validated; an :class:`InputError` naming the file, field and line."""
    data, lines = read_data(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [Problem("", "expected a mapping of the profile's fields at the top level", 1)])
    refused = _ccc_written(data, lines)
    if refused:
        raise InputError(str(path), refused)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(str(path), problems_from_validation(exc, lines)) from None


def profile_files(workspace: Workspace, kind: str) -> dict[str, Path]:
    """Key -> file of every profile of a kind ("owner" or "issuer"), sorted by key."""
    folder = workspace.root / KINDS[kind][0]
    if not folder.is_dir():
        return {}
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file() and not p.name.startswith("."))
    return {p.stem: p for p in found}


def profile_path(workspace: Workspace, kind: str, key: str) -> Path:
    problem = key_problem(key)
    if problem is not None:
        raise InputError(key, [Problem("key", problem)])
    return workspace.root / KINDS[kind][0] / f"{key}.yaml"


def load_profile(workspace: Workspace, kind: str, key: str) -> OwnerProfile | IssuerProfile:
    files = profile_files(workspace, kind)
    path = files.get(key)
    if path is None:
        folder = KINDS[kind][0]
        known = some_names(list(files)) or "none yet"
        raise NoSuchProfile(str(workspace.root / folder), [Problem("", f"no {kind} profile {key!r} ({folder}/{key}.yaml); known: {known}")])
    return read_profile(path, KINDS[kind][1])


def load_owner(workspace: Workspace, key: str) -> OwnerProfile:
    profile = load_profile(workspace, "owner", key)
    assert isinstance(profile, OwnerProfile)
    return profile


def load_issuer(workspace: Workspace, key: str) -> IssuerProfile:
    profile = load_profile(workspace, "issuer", key)
    assert isinstance(profile, IssuerProfile)
    return profile


def load_all(workspace: Workspace, kind: str) -> dict[str, Any]:
    """Key -> profile of every profile of a kind; the first unreadable one stops it."""
    model = KINDS[kind][1]
    return {key: read_profile(path, model) for key, path in profile_files(workspace, kind).items()}


def issuer_key_for_cik(workspace: Workspace, cik: str) -> str | None:
    """The key of the issuer profile with this CIK (leading zeros aside), or None."""
    wanted = cik.lstrip("0")
    for key, profile in load_all(workspace, "issuer").items():
        if profile.cik.lstrip("0") == wanted:
            return key
    return None


def profile_text(profile: BaseModel, header: str | None = None) -> str:
    return dump_yaml(profile.model_dump(mode="json", exclude_none=True, exclude_defaults=True), header=header)


def write_profile(workspace: Workspace, kind: str, key: str, profile: BaseModel, *, force: bool = False, header: str | None = None) -> Path:
    """Write ``kind``/``key``.yaml whole or not at all; an existing file only with ``force``
    (any other spelling of the same key, ``KEY.yml``, counts as existing too)."""
    path = profile_path(workspace, kind, key)
    existing = profile_files(workspace, kind).get(key)
    if (existing is not None or path.exists()) and not force:
        raise InputError(str(existing or path), [Problem("", "exists; not overwritten (use --force)")])
    text = profile_text(profile, header)
    write_atomically(existing or path, text)
    return existing or path


def load_footnotes(workspace: Workspace) -> tuple[dict[str, str], dict[str, int]]:
    """The footnote library (``footnotes.yaml``: ``name: text``) and the line of each name."""
    path = workspace.footnotes
    if not path.is_file():
        return {}, {}
    data, lines = read_data(path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError(str(path), [Problem("", "expected footnotes as name: text", 1)])
    bad = [name for name, text in data.items() if not isinstance(text, str) or not text.strip()]
    if bad:
        raise InputError(str(path), [Problem(name, "expected the footnote's text", lines.get((name,))) for name in bad])
    return dict(data), {name: lines.get((name,), 0) for name in data}


# --- from an EDGAR document --------------------------------------------------------------------

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A profile key from a name: ``CARUSO JAMES V`` -> ``caruso-james-v``."""
    out = _SLUG.sub("-", text.lower()).strip("-")[:64].strip("-")
    return out or "profile"


_NO_NAME = (
    "the document has no {element} (EDGAR fills it in on the documents it shows; a document written for submission "
    "leaves it out): give the name as EDGAR has it with --name{more}"
)


def issuer_from_document(filing: Filing, source: str, name: str | None = None) -> dict[str, Any]:
    issuer = filing.issuer
    if not (name or issuer.name):
        raise InputError(source, [Problem("issuer", _NO_NAME.format(element="issuerName", more=" (form4gen issuers add --from-document FILE --name ...)"))])
    data = {"cik": issuer.cik, "name": name or issuer.name, "ticker": issuer.trading_symbol, "foreign_ticker": issuer.foreign_trading_symbol or None}
    return {k: v for k, v in data.items() if v is not None}


def owners_from_document(filing: Filing, issuer_key: str, source: str, name: str | None = None) -> list[dict[str, Any]]:
    """Each reporting owner of the document as a profile's data, with its relationship to the issuer."""
    out = []
    for index, owner in enumerate(filing.reporting_owners):
        if not (name or owner.name):
            raise InputError(source, [Problem(f"reportingOwner[{index}]", _NO_NAME.format(element="rptOwnerName", more=" (a document of one owner)"))])
        data: dict[str, Any] = {"cik": owner.cik, "name": name or owner.name, "relationships": {issuer_key: owner.relationship.model_dump(exclude_none=True)}}
        if owner.address is not None:
            data["address"] = owner.address.model_dump(exclude_none=True)
        out.append(data)
    return out


def read_document(path: Path) -> Filing:
    from form4gen.xml.read import parse_xml

    return parse_xml(path)


def build_profile(model: type[P], data: dict[str, Any], source: str) -> P:
    """A profile from data given on the command line (or made from a document): an
    :class:`InputError` naming the field when it cannot be one."""
    refused = _ccc_written(data, {})
    if refused:
        raise InputError(source, refused)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, problems_from_validation(exc)) from None


def summary(kind: str, key: str, profile: Any) -> dict[str, Any]:
    """One line of ``owners list`` / ``issuers list``, as data."""
    if kind == "owner":
        return {"key": key, "cik": profile.cik, "name": profile.name, "issuers": sorted(profile.relationships)}
    return {"key": key, "cik": profile.cik, "name": profile.name, "ticker": profile.ticker}


def shown(kind: str, key: str, workspace: Workspace) -> dict[str, Any]:
    """``owners show`` / ``issuers show`` as data: the key, the file and the profile's fields."""
    path = profile_files(workspace, kind).get(key)
    profile = load_profile(workspace, kind, key)
    out = {"key": key, "file": str(path.relative_to(workspace.root)) if path else None}
    return out | profile.model_dump(mode="json", exclude_none=True)


def add_from_document(
    workspace: Workspace,
    document: Path,
    *,
    owner_key: str | None = None,
    issuer_key: str | None = None,
    name: str | None = None,
    force: bool = False,
    owners: bool = True,
) -> list[Path]:
    """Profiles made from an EDGAR ownership document: its issuer (under ``issuer_key``, default
    the ticker in lower case), and with ``owners`` each reporting owner (``owner_key`` for a
    document's only owner, default a key made from the name) with the issuer made only when no
    profile has its CIK.  Nothing is written when any file would be replaced without ``force``."""
    filing = read_document(document)
    source = str(document)
    known = issuer_key_for_cik(workspace, filing.issuer.cik)
    planned: list[tuple[str, str, BaseModel]] = []
    if not owners or known is None:
        key = issuer_key or (known if not owners else None) or slug(filing.issuer.trading_symbol)
        planned.append(("issuer", key, build_profile(IssuerProfile, issuer_from_document(filing, source, None if owners else name), source)))
        known = known or key
    if owners:
        several = len(filing.reporting_owners) > 1
        if several and (owner_key is not None or name is not None):
            what = "KEY and --name" if owner_key and name else "KEY" if owner_key else "--name"
            raise InputError(source, [Problem(what, f"the document has {len(filing.reporting_owners)} reporting owners: leave {what} out")])
        for data in owners_from_document(filing, known, source, name):
            profile = build_profile(OwnerProfile, data, source)
            planned.append(("owner", owner_key or slug(profile.name), profile))
    for kind, key, _profile in planned:
        path = profile_path(workspace, kind, key)
        existing = profile_files(workspace, kind).get(key, path)
        if existing.exists() and not force:
            raise InputError(str(existing), [Problem("", "exists; not overwritten (use --force); nothing was written")])
    header = f"Made by form4gen from {document.name}."
    return [write_profile(workspace, kind, key, profile, force=force, header=header) for kind, key, profile in planned]


def owner_data_from_options(fields: dict[str, Any]) -> dict[str, Any]:
    """``owners add``'s options as an owner profile's data."""
    address = {k: fields[k] for k in ("street1", "street2", "city", "state", "zip_code", "country") if fields.get(k)}
    if address.get("country") and not address.get("state"):
        address["non_us_address"] = True
    data: dict[str, Any] = {"cik": fields["cik"], "name": fields["name"]}
    if address:
        data["address"] = address
    issuer = fields.get("issuer_key")
    if issuer:
        relation: dict[str, Any] = {}
        if fields.get("director"):
            relation["is_director"] = True
        if fields.get("officer_title"):
            relation |= {"is_officer": True, "officer_title": fields["officer_title"]}
        if fields.get("ten_percent_owner"):
            relation["is_ten_percent_owner"] = True
        if fields.get("other_text"):
            relation |= {"is_other": True, "other_text": fields["other_text"]}
        data["relationships"] = {issuer: relation}
    return data
