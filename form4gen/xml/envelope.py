"""The EDGAR submission file (spec v5.5 sections 3.4 and 4.2): the ``edgarSubmission`` envelope
around the primary ownership document and its attachments, each base64 encoded.

The input file may carry a ``submission`` section::

    submission:
      contact: {name: Jane Roe, phone: 212-555-0100, email: jane.roe@example.com}
      notification_emails: [filings@example.com]
      power_of_attorney_previously_filed: true   # an EX-24 went with an earlier filing
      attachments:
        - file: poa-caruso.txt                   # beside the input file
          type: EX-24                            # EX-24, EX-99 (EX-99.1 ...), COVER, CORRESP
          description: Power of attorney

This is the one place a CCC goes: each reporting owner's, into the primary document inside
``submission.xml``.
"""

from __future__ import annotations

import base64
import re
from typing import Annotated

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from form4gen.form import spec

SUPPORTING_TYPES = ("CORRESP", "COVER", "EX-24", "EX-99")
SUPPORTING_SUFFIXES = (".txt", ".htm")
MAX_DOCUMENT_NAME = spec.SUBMISSION_MAX_LENGTH["documentName"]
_LENGTH = spec.SUBMISSION_MAX_LENGTH
_TYPE = re.compile(r"^(CORRESP|COVER|EX-24|EX-99)(\.[A-Za-z0-9]+)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Contact(_Part):
    name: Annotated[str, StringConstraints(max_length=_LENGTH["contactName"])] | None = None
    phone: Annotated[str, StringConstraints(max_length=_LENGTH["contactPhoneNumber"])] | None = None
    email: Annotated[str, StringConstraints(max_length=_LENGTH["contactEmailAddress"], pattern=_EMAIL.pattern)] | None = None


class Attachment(_Part):
    file: str
    type: Annotated[str, StringConstraints(max_length=_LENGTH["documentType"], pattern=_TYPE.pattern)]
    description: Annotated[str, StringConstraints(max_length=_LENGTH["documentDescription"])] | None = None


class SubmissionInfo(_Part):
    """What the envelope needs beyond the ownership document."""

    contact: Contact | None = None
    notification_emails: Annotated[
        list[Annotated[str, StringConstraints(max_length=_LENGTH["notificationEmailAddress"], pattern=_EMAIL.pattern)]],
        Field(max_length=spec.MAX_NOTIFICATION_ADDRESSES),
    ] = []
    attachments: list[Attachment] = []
    power_of_attorney_previously_filed: bool = False

    @property
    def has_power_of_attorney(self) -> bool:
        return self.power_of_attorney_previously_filed or any(a.type.startswith("EX-24") for a in self.attachments)


def valid_document_name(name: str) -> bool:
    """EDGAR's file naming rule: at most 32 characters; lowercase letters and digits, with at
    most one underscore, one hyphen and one period; a letter first; an extension."""
    return (
        0 < len(name) <= MAX_DOCUMENT_NAME
        and re.fullmatch(r"[a-z][a-z0-9_.\-]*", name) is not None
        and name.count("_") <= 1
        and name.count("-") <= 1
        and name.count(".") == 1
        and not name.endswith(".")
    )


def primary_document_name(document_type: str) -> str:
    """form4.xml, form4a.xml for a 4/A."""
    return f"form{document_type.replace('/', '').lower()}.xml"


def envelope(
    submission_type: str,
    primary_xml: str,
    attachments: list[tuple[str, str, str | None, bytes]],
    info: SubmissionInfo,
    *,
    live: bool,
) -> str:
    """The ``edgarSubmission`` document, elements in the spec's order.  ``attachments``:
    (document name, document type, description, content)."""
    root = etree.Element("edgarSubmission")
    etree.SubElement(root, "submissionType").text = submission_type
    etree.SubElement(root, "testOrLive").text = "LIVE" if live else "TEST"
    if info.contact and any((info.contact.name, info.contact.phone, info.contact.email)):
        contact = etree.SubElement(root, "pointOfContact")
        for tag, value in (("contactName", info.contact.name), ("contactPhoneNumber", info.contact.phone), ("contactEmailAddress", info.contact.email)):
            if value:
                etree.SubElement(contact, tag).text = value
    if info.notification_emails:
        addresses = etree.SubElement(root, "notificationAddresses")
        for email in info.notification_emails:
            etree.SubElement(addresses, "notificationEmailAddress").text = email
    documents = [(primary_document_name(submission_type), submission_type, None, primary_xml.encode("utf-8")), *attachments]
    for name, doc_type, description, content in documents:
        document = etree.SubElement(root, "edgarDocument")
        etree.SubElement(document, "documentName").text = name
        etree.SubElement(document, "documentType").text = doc_type
        if description:
            etree.SubElement(document, "documentDescription").text = description
        etree.SubElement(document, "documentMimeBlock").text = "\n" + base64.encodebytes(content).decode("ascii")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")
