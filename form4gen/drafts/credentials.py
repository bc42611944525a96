"""Where a reporting owner's CCC (EDGAR access code) comes from.

The CCC is a secret.  It is never written in an input file.  form4gen looks, for each owner, in:

1. the environment variable ``FORM4GEN_CCC_<CIK>`` (the CIK without leading zeros);
2. ``FORM4GEN_CCC``, when the filing has a single reporting owner;
3. the credentials file: ``$FORM4GEN_CREDENTIALS``, else ``~/.config/form4gen/credentials.toml``
   (``$XDG_CONFIG_HOME`` is honoured), holding a table ``[ccc]`` of ``"<CIK>" = "<CCC>"``.

It goes only into the ownership XML written for submission.  Messages name where a CCC came
from, never its value.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import SecretStr

from form4gen.form import spec
from form4gen.form.errors import InputError, Problem
from form4gen.form.models import Filing

ENV_PREFIX = "FORM4GEN_CCC_"
ENV_SINGLE = "FORM4GEN_CCC"
ENV_FILE = "FORM4GEN_CREDENTIALS"


def credentials_path() -> Path:
    explicit = os.environ.get(ENV_FILE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "form4gen" / "credentials.toml"


def _file_cccs(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), [Problem("", f"cannot read the credentials file: {exc}")]) from None
    table = data.get("ccc", {})
    if not isinstance(table, dict):
        raise InputError(str(path), [Problem("ccc", 'expected a table [ccc] of "<CIK>" = "<CCC>"')])
    return {str(k).lstrip("0"): str(v) for k, v in table.items()}


def find_ccc(cik: str, *, single_owner: bool) -> tuple[str, str] | None:
    """(CCC, where it came from) for an owner's CIK, or None."""
    key = cik.lstrip("0")
    name = ENV_PREFIX + key
    if os.environ.get(name):
        return os.environ[name], f"${name}"
    if single_owner and os.environ.get(ENV_SINGLE):
        return os.environ[ENV_SINGLE], f"${ENV_SINGLE}"
    path = credentials_path()
    found = _file_cccs(path).get(key)
    if found:
        return found, str(path)
    return None


def attach_ccc(filing: Filing) -> list[str]:
    """Give each owner its CCC where one is configured; returns the CIKs left without one."""
    missing = []
    single = len(filing.reporting_owners) == 1
    for index, owner in enumerate(filing.reporting_owners):
        found = find_ccc(owner.cik, single_owner=single)
        if found is None:
            missing.append(owner.cik)
            continue
        value, origin = found
        if len(value) != spec.CCC_LENGTH:
            raise InputError(
                origin,
                [Problem(f"reporting_owners[{index}].ccc", f"a CCC is exactly {spec.CCC_LENGTH} characters (the value is not shown)")],
            )
        owner.ccc = SecretStr(value)
    return missing
