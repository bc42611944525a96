"""The filing history: each build, package and check of a package (and, with the next issues,
each submission and its status), with the content hashes of what was written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from form4gen.workspace.audit import content_hash
from form4gen.workspace.db import os_user
from form4gen.workspace.models import FilingHistory

ACTIONS = ("build", "package", "check", "submit", "status")
MODES = ("test", "live")


def record_filing(
    session: Session,
    action: str,
    *,
    files: Mapping[str, bytes | str] | None = None,
    hashes: Mapping[str, str] | None = None,
    document_type: str | None = None,
    mode: str | None = None,
    draft_path: Path | str | None = None,
    package_path: Path | str | None = None,
    detail: str | None = None,
) -> FilingHistory:
    """Add a history record: ``files`` (name -> content, hashed here) and/or ``hashes`` (name ->
    SHA-256) say what was written; ``mode`` is a submission's test or live."""
    if action not in ACTIONS:
        raise ValueError(f"{action!r}: expected one of {', '.join(ACTIONS)}")
    if mode is not None and mode not in MODES:
        raise ValueError(f"{mode!r}: expected test or live")
    written = {name: content_hash(content) or "" for name, content in (files or {}).items()}
    written.update(hashes or {})
    row = FilingHistory(
        actor=session.info.get("actor") or os_user(),
        action=action,
        document_type=document_type,
        mode=mode,
        draft_path=None if draft_path is None else str(draft_path),
        package_path=None if package_path is None else str(package_path),
        files=dict(sorted(written.items())),
        detail=detail,
    )
    session.add(row)
    session.flush()
    return row


def filings(session: Session) -> Iterator[FilingHistory]:
    """The history, oldest first."""
    yield from session.scalars(select(FilingHistory).order_by(FilingHistory.time, FilingHistory.id))
