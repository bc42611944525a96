"""``form4gen package`` as a function: the files of an EDGAR submission package for a filing.

:func:`build_package` returns the files (``submission.xml`` with the CCCs and the attachments,
the plain XML, the preview, ``manifest.json``) without writing anything; the command, or any
other caller, writes them with :func:`form4gen.prepare.folder.write_package`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from form4gen.checking.engine import Report
from form4gen.drafts import credentials
from form4gen.drafts.attachments import read_attachments
from form4gen.form.errors import InputError, Problem
from form4gen.form.models import Filing
from form4gen.preview.render import to_html
from form4gen.rules.schema import submission_schema_violations
from form4gen.xml.envelope import SubmissionInfo, envelope
from form4gen.xml.write import to_xml


@dataclass(frozen=True)
class Package:
    files: dict[str, bytes]  # name -> content, manifest.json last
    documents: list[str]  # the attachments' names


def build_package(filing: Filing, report: Report, *, source: Path, live: bool, attachment_folders: Sequence[Path] = ()) -> Package:
    """The package of ``filing`` (loaded from ``source``, whose folder holds the attachments).

    Raises :class:`InputError` naming each unusable attachment and each owner without a CCC.
    """
    info = filing.submission or SubmissionInfo()
    attachments, problems = read_attachments(info, source.parent, folders=attachment_folders)
    missing = credentials.attach_ccc(filing)
    problems += [
        (f"reporting_owners[{i}].ccc", f"no CCC for reporting owner {o.cik}: {credentials.where_to_put_ccc(o.cik)}")
        for i, o in enumerate(filing.reporting_owners)
        if o.cik in missing
    ]
    if problems:
        raise InputError(str(source), [Problem(field, message) for field, message in problems])
    plain = to_xml(filing, include_ccc=False)
    submission = envelope(filing.document_type, to_xml(filing, include_ccc=True), attachments, info, live=live)
    invalid = list(submission_schema_violations(submission))
    if invalid:  # a bug of form4gen, not of the input: say so plainly
        raise InputError("submission.xml", [Problem(v.xml_path, f"the envelope does not conform to edgarSubmission: {v.message}", v.line) for v in invalid])
    stem = source.stem
    files = {
        "submission.xml": submission.encode("utf-8"),
        f"{stem}.xml": plain.encode("utf-8"),
        f"{stem}.html": to_html(filing, findings=report.findings).encode("utf-8"),
    }
    documents = [name for name, _, _, _ in attachments]
    manifest = {
        "submission_type": filing.document_type,
        "test_or_live": "LIVE" if live else "TEST",
        "documents": documents,
        "files": [{"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()],
    }
    files["manifest.json"] = (json.dumps(manifest, indent=2) + "\n").encode("utf-8")
    return Package(files, documents)
