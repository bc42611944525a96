"""The attachments a draft names (``submission.attachments``), read from the draft's folder
and never from outside it, and checked against EDGAR's rules for supporting documents."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath

from form4gen.drafts.files import UnsafeFile, read_confined
from form4gen.xml.envelope import SUPPORTING_SUFFIXES, SubmissionInfo, valid_document_name

# The envelope is checked by parsing it again, and libxml2 refuses a text node of more than
# 10,000,000 characters: base64 (4 characters for 3 bytes, a newline after each 76) of an
# attachment over about 7.4 MB makes one.
MAX_ATTACHMENT_BYTES = 7_000_000


def read_attachments(
    info: SubmissionInfo, base: Path, *, folders: Sequence[Path] = ()
) -> tuple[list[tuple[str, str, str | None, bytes]], list[tuple[str, str]]]:
    """(attachments, problems as (field, message)) for the files named in the input.

    Each is read from the input's folder ``base`` (or one of ``folders``, such as a
    workspace's ``poa/``) and never from outside it: see :func:`form4gen.drafts.files.read_confined`.
    """
    out: list[tuple[str, str, str | None, bytes]] = []
    problems: list[tuple[str, str]] = []
    for index, attachment in enumerate(info.attachments):
        field = f"submission.attachments[{index}].file"
        name = PurePath(attachment.file).name
        if PurePath(name).suffix.lower() == ".pdf":
            problems.append((field, f"{name}: PDF attachments are not allowed in ownership filings (EDGAR discards them); attach .txt or .htm"))
            continue
        if PurePath(name).suffix.lower() not in SUPPORTING_SUFFIXES:
            problems.append((field, f"{name}: an attachment is a .txt or .htm file"))
            continue
        if not valid_document_name(name):
            problems.append(
                (
                    field,
                    f"{name}: EDGAR file names are at most 32 characters of lowercase letters and digits, one '-', one '_', one '.', starting with a letter",
                )
            )
            continue
        try:
            content = read_confined(attachment.file, [base, *folders], limit=MAX_ATTACHMENT_BYTES)
        except UnsafeFile as exc:
            problems.append((field, str(exc)))
            continue
        if not content.strip():
            problems.append((field, f"{attachment.file} is empty"))
            continue
        out.append((name, attachment.type, attachment.description, content))
    names = [a[0] for a in out]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(("submission.attachments", f"two attachments are named {name}"))
    return out, problems
