"""Where a reporting owner's CCC (EDGAR access code) comes from.

The CCC is a secret.  It is never written in an input file.  form4gen looks, for each owner, in:

1. the environment variable ``FORM4GEN_CCC_<CIK>`` (the CIK without leading zeros);
2. ``FORM4GEN_CCC``, when the filing has a single reporting owner;
3. the credentials file: ``$FORM4GEN_CREDENTIALS``, else ``~/.config/form4gen/credentials.toml``
   (``$XDG_CONFIG_HOME`` is honoured), holding a table ``[ccc]`` of ``"<CIK>" = "<CCC>"``.
   Only the default location may be absent; a file named by ``$FORM4GEN_CREDENTIALS`` must
   exist.  A file that group or others may read gets a warning, as ssh gives one.

A CCC is EDGAR's: exactly 8 printable ASCII characters without spaces, with at least one digit
and at least one of ``@ # * $``.  It goes only into the ownership XML written for submission.
Messages name where a CCC came from (the variable, or the file and the owner's CIK) and the
rule it breaks, never its value.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from pathlib import Path

from pydantic import SecretStr

from form4gen.form import spec
from form4gen.form.errors import InputError, Problem
from form4gen.form.models import Filing

ENV_PREFIX = "FORM4GEN_CCC_"
ENV_SINGLE = "FORM4GEN_CCC"
ENV_FILE = "FORM4GEN_CREDENTIALS"
CCC_SPECIALS = "@#*$"
CCC_RULE = f"a CCC is exactly {spec.CCC_LENGTH} characters (letters, digits and punctuation; no spaces), with at least one digit and at least one of @ # * $"

_warned: set[tuple[str, int]] = set()


def where_to_put_ccc(cik: str | None) -> str:
    """Where a CCC goes, in words (the one place that says it): for an owner's CIK, or any."""
    variable = f"{ENV_PREFIX}{cik.lstrip('0')}" if cik else f"{ENV_PREFIX}<CIK>"
    return f"set {variable} in the environment or put it in the credentials file"


def credentials_path() -> Path:
    explicit = os.environ.get(ENV_FILE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "form4gen" / "credentials.toml"


def ccc_problem(value: str) -> str | None:
    """What is wrong with a CCC, without repeating any of it; None when it is well formed."""
    if any(ch == " " for ch in value):
        what = "it contains a space"
    elif any(not ch.isascii() for ch in value):
        what = "it contains a non-ASCII character"
    elif any(not ("!" <= ch <= "~") for ch in value):
        what = "it contains a control character (such as a newline or a tab)"
    elif len(value) != spec.CCC_LENGTH:
        what = f"it is not {spec.CCC_LENGTH} characters long"
    elif not any(ch.isdigit() for ch in value):
        what = "it has no digit"
    elif not any(ch in CCC_SPECIALS for ch in value):
        what = "it has none of @ # * $"
    else:
        return None
    return f"not a valid CCC: {what}; {CCC_RULE} (the value is not shown)"


def _warn_if_open(path: Path, mode: int) -> None:
    if os.name == "nt" or not mode & 0o077:
        return
    key = (str(path), mode)
    if key in _warned:
        return
    _warned.add(key)
    print(
        f"form4gen: warning: {path}: the credentials file is accessible by group or others (mode {stat.S_IMODE(mode):04o}); "
        f"it holds CCCs: run chmod 600 {path}",
        file=sys.stderr,
    )


def _toml_problem(exc: tomllib.TOMLDecodeError) -> Problem:
    text = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", text)
    head = re.sub(r"\s*\(at [^)]*\)\s*$", "", text)
    head = re.sub(r"\s*'[^']*'", "", head).replace("Unescaped in", "Unescaped character in")  # tomllib may quote a character of the value: never repeat it
    if found:
        return Problem(
            "", f'not valid TOML: {head} at column {found.group(2)}; write the CCCs as a table [ccc] of "<CIK>" = "<CCC>" lines', int(found.group(1))
        )
    return Problem("", f'not valid TOML: {head}; write the CCCs as a table [ccc] of "<CIK>" = "<CCC>" lines')


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"""^\s*(?:ccc\s*\.\s*)?["']?0*{re.escape(key)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


class _CredentialsFile:
    """The credentials file, read at most once, when a CCC is first looked for in it."""

    def __init__(self, path: Path):
        self.path = path
        self.text = ""
        self._cccs: dict[str, object] | None = None

    def cccs(self) -> dict[str, object]:
        if self._cccs is None:
            self._cccs = self._read()
        return self._cccs

    def _fail(self, message: str, line: int | None = None) -> InputError:
        return InputError(str(self.path), [Problem("", message, line)])

    def _read(self) -> dict[str, object]:
        path = self.path
        explicit = bool(os.environ.get(ENV_FILE))
        try:
            info = path.stat()
        except FileNotFoundError:
            if explicit:
                raise self._fail(f"no such file, named by ${ENV_FILE}; create it (chmod 600) or unset {ENV_FILE}") from None
            return {}
        except OSError as exc:
            raise self._fail(f"cannot read the credentials file: {exc.strerror}") from None
        if not stat.S_ISREG(info.st_mode):
            raise self._fail("the credentials file is not a regular file (a folder, FIFO or device); make it a TOML file")
        _warn_if_open(path, info.st_mode)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise self._fail(f"cannot read the credentials file: {exc.strerror}") from None
        try:
            self.text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise self._fail("the credentials file is not UTF-8 text; save it as UTF-8", line) from None
        try:
            parsed = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(str(path), [_toml_problem(exc)]) from None
        table = parsed.get("ccc", {})
        if not isinstance(table, dict):
            raise InputError(str(path), [Problem("ccc", 'expected a table [ccc] of "<CIK>" = "<CCC>"')])
        return {str(k).lstrip("0"): v for k, v in table.items()}


def _find(cik: str, *, single_owner: bool, file: _CredentialsFile, index: int = 0) -> tuple[str, str] | None:
    key = cik.lstrip("0")
    field = f"reporting_owners[{index}].ccc"
    name = ENV_PREFIX + key
    for variable in (name, ENV_SINGLE) if single_owner else (name,):
        value = os.environ.get(variable)
        if value:
            problem = ccc_problem(value)
            if problem:
                raise InputError(f"${variable}", [Problem(field, f"the CCC for reporting owner {cik} is {problem}")])
            return value, f"${variable}"
    found = file.cccs().get(key)
    if found is None or found == "":
        return None
    where = f'ccc."{key}"'
    line = _line_of_key(file.text, key)
    if not isinstance(found, str):
        raise InputError(str(file.path), [Problem(where, f'the CCC for reporting owner {cik} must be a quoted string: "{key}" = "<CCC>"', line)])
    problem = ccc_problem(found)
    if problem:
        raise InputError(str(file.path), [Problem(where, f"the CCC for reporting owner {cik} is {problem}", line)])
    return found, str(file.path)


def find_ccc(cik: str, *, single_owner: bool) -> tuple[str, str] | None:
    """(CCC, where it came from) for an owner's CIK, or None.

    Raises :class:`InputError` for a malformed CCC (naming where it came from, never the
    value), and for a credentials file that cannot be used."""
    return _find(cik, single_owner=single_owner, file=_CredentialsFile(credentials_path()))


def attach_ccc(filing: Filing) -> list[str]:
    """Give each owner its CCC where one is configured; returns the CIKs left without one."""
    missing = []
    single = len(filing.reporting_owners) == 1
    file = _CredentialsFile(credentials_path())
    for index, owner in enumerate(filing.reporting_owners):
        found = _find(owner.cik, single_owner=single, file=file, index=index)
        if found is None:
            missing.append(owner.cik)
            continue
        owner.ccc = SecretStr(found[0])
    return missing
