"""Project settings for ``form4gen check``: ``form4gen.toml``, or ``[tool.form4gen]`` in
``pyproject.toml``, found in the current folder or the nearest folder above it, up to the root
of the repository or workspace the folder is in (a folder with ``.git`` or ``.form4gen``): a
settings file outside the project never changes which rules run.  ``form4gen check`` names the
file it used.

    [tool.form4gen]          # in form4gen.toml the table is the whole file
    select = ["FN", "OWN"]   # rule IDs or prefixes to run (default: all)
    ignore = ["TIM-LATE"]    # rule IDs or prefixes to skip
    strict = false           # warnings fail the run too
    format = "text"          # text, json, junit, sarif or github
    closures = ["2025-01-09"] # days EDGAR was closed besides weekends and federal holidays

Command-line options override the file.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from form4gen.form.errors import InputError, Problem

KEYS = ("select", "ignore", "strict", "format", "closures")
# Tables of form4gen.toml that are not check's: the workspace's own settings (database_url,
# actor: form4gen.workspace.db reads them).
OTHER_TABLES = ("workspace",)


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    format: str | None = None
    closures: tuple[datetime.date, ...] = ()
    path: Path | None = None  # where they came from


ROOT_MARKERS = (".git", ".form4gen")  # a repository's or a workspace's root: the search stops there


def find_settings_file(start: Path) -> tuple[Path, bool] | None:
    """(file, is_pyproject) of the nearest form4gen.toml or pyproject.toml with [tool.form4gen],
    looking no higher than the root of the repository or workspace ``start`` is in."""
    for folder in [start, *start.parents]:
        found = _settings_in(folder)
        if found is not None:
            return found
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return None
    return None


def _settings_in(folder: Path) -> tuple[Path, bool] | None:
    own = folder / "form4gen.toml"
    if own.is_file():
        return own, False
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return None
        if "form4gen" in data.get("tool", {}):
            return pyproject, True
    return None


def _strings(value: Any, key: str, path: Path, *, what: str = 'rule IDs or prefixes, e.g. ["FN", "OWN-DUP"]') -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, datetime.date):  # TOML has a date type: closures = [2025-01-09]
        value = [value.isoformat()]
    if isinstance(value, list):
        value = [v.isoformat() if isinstance(v, datetime.date) else v for v in value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(str(path), [Problem(key, f"expected a list of {what}")])
    return tuple(value)


def load_settings(path: Path | None = None, *, start: Path | None = None) -> Settings:
    """Read the settings file (``path``, or the one found from ``start``, default the current
    folder).  A malformed file is an InputError naming the file and the key."""
    if path is None:
        found = find_settings_file((start or Path.cwd()).resolve())
        if found is None:
            return Settings()
        path, is_pyproject = found
    else:
        is_pyproject = path.name == "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"cannot read the settings file: {exc.strerror}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), [Problem("", f"not valid TOML: {exc}")]) from None
    table = data.get("tool", {}).get("form4gen", {}) if is_pyproject else data
    prefix = "tool.form4gen." if is_pyproject else ""
    unknown = sorted(set(table) - set(KEYS) - set(OTHER_TABLES))
    if unknown:
        raise InputError(str(path), [Problem(prefix + unknown[0], f"unknown setting; expected one of {', '.join(KEYS)}")])
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise InputError(str(path), [Problem(prefix + "strict", "expected true or false")])
    fmt = table.get("format")
    if fmt is not None and not isinstance(fmt, str):
        raise InputError(str(path), [Problem(prefix + "format", 'expected a format name such as "json"')])
    closures = []
    for value in _strings(table.get("closures", []), prefix + "closures", path, what='dates, e.g. ["2025-01-09"]'):
        try:
            closures.append(datetime.date.fromisoformat(value))
        except ValueError:
            raise InputError(str(path), [Problem(prefix + "closures", f"{value!r} is not a date (YYYY-MM-DD)")]) from None
    return Settings(
        closures=tuple(closures),
        select=_strings(table.get("select", []), prefix + "select", path),
        ignore=_strings(table.get("ignore", []), prefix + "ignore", path),
        strict=strict,
        format=fmt,
        path=path,
    )
