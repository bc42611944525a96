"""The audit log: every change the tool makes, appended, each entry chained to the one before.

An entry holds the time (UTC), who (the workspace's ``actor`` setting, else the OS user), the
action, the object (a key such as ``owners/caruso.yaml`` or ``ledger``), and the SHA-256 of the
object's content before and after (None: it did not exist, or no longer does).  Its
``entry_hash`` is the SHA-256 of those fields, its id and ``prev_hash`` (the entry before's
``entry_hash``; 64 zeros for the first), written as canonical JSON (:func:`canonical`).

:func:`verify` walks the chain from the first entry and returns the first bad one: altered (its
hash does not match its fields), removed (a gap in the ids, or it does not follow the entry
before it) or reordered.  What a chain cannot show by itself is the loss of the newest entries:
``form4gen log --verify`` prints the newest hash so that it can be noted elsewhere.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from form4gen.workspace.db import os_user
from form4gen.workspace.models import AuditEntry, utc_now

GENESIS = "0" * 64


def content_hash(content: bytes | str | None) -> str | None:
    """The SHA-256 (hex) of content (text as UTF-8); None for no content."""
    if content is None:
        return None
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


def time_text(moment: datetime.datetime) -> str:
    """2025-01-02T03:04:05.000006Z: a moment in UTC, to the microsecond, as it is hashed."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: AuditEntry) -> bytes:
    """The fields an entry's hash covers, as compact JSON with sorted keys, in UTF-8."""
    fields = {
        "id": entry.id,
        "time": time_text(entry.time),
        "actor": entry.actor,
        "action": entry.action,
        "object": entry.object,
        "hash_before": entry.hash_before,
        "hash_after": entry.hash_after,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def record(
    session: Session,
    action: str,
    object: str,
    before: bytes | str | None,
    after: bytes | str | None,
    *,
    actor: str | None = None,
    time: datetime.datetime | None = None,
) -> AuditEntry:
    """Append an entry for a change to ``object``: ``before`` and ``after`` are its contents
    (hashed here; None where it did not or no longer exists).  The actor is the session's
    (a :meth:`Database.session <form4gen.workspace.db.Database.session>` knows it) unless given.
    The entry is part of the session's transaction."""
    return record_hashes(session, action, object, content_hash(before), content_hash(after), actor=actor, time=time)


def record_hashes(
    session: Session,
    action: str,
    object: str,
    hash_before: str | None,
    hash_after: str | None,
    *,
    actor: str | None = None,
    time: datetime.datetime | None = None,
) -> AuditEntry:
    """:func:`record` for a caller that has the content hashes already."""
    if not action or not object:
        raise ValueError("an audit entry names its action and its object")
    if session.get_bind().dialect.name == "postgresql":
        # one writer at a time appends (readers are not blocked); SQLite's writes are serial anyway
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        time=time or utc_now(),
        actor=actor or session.info.get("actor") or os_user(),
        action=action,
        object=object,
        hash_before=hash_before,
        hash_after=hash_after,
        prev_hash=last.entry_hash if last else GENESIS,
    )
    entry.entry_hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """The first bad entry: its id (as stored) and what is wrong."""

    entry_id: int
    reason: str

    def __str__(self) -> str:
        return f"entry {self.entry_id}: {self.reason}"


def entries(session: Session, object: str | None = None) -> Iterator[AuditEntry]:
    """The entries, oldest first (those for one object, if given)."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if object is not None:
        query = query.where(AuditEntry.object == object)
    yield from session.scalars(query.execution_options(yield_per=500))


def verify(session: Session) -> ChainBreak | None:
    """Walk the chain from the first entry; the first entry that was altered, removed (or
    follows a removed one) or reordered, or None when the chain is intact."""
    expected_id, previous = 1, GENESIS
    for entry in entries(session):
        if entry.id != expected_id:
            if entry.id > expected_id:
                missing = f"entry {expected_id}" if entry.id == expected_id + 1 else f"entries {expected_id} to {entry.id - 1}"
                return ChainBreak(entry.id, f"{missing} before it removed")
            return ChainBreak(entry.id, f"out of place: expected entry {expected_id}")
        if entry.prev_hash != previous:
            return ChainBreak(entry.id, "does not follow the entry before it (entries removed, reordered or rewritten)")
        if entry_hash(entry) != entry.entry_hash:
            return ChainBreak(entry.id, "altered: its hash does not match its contents")
        expected_id, previous = entry.id + 1, entry.entry_hash
    return None


def newest_hash(session: Session) -> tuple[int, str] | None:
    """(id, entry_hash) of the newest entry, or None for an empty log."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    return (last.id, last.entry_hash) if last else None
