"""Boxes 1 and 5: the reporting owners (rules.md section E)."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form import spec
from form4gen.form.models import Filing
from form4gen.form.regulation import HFIAA_EFFECTIVE
from form4gen.rules.registry import Context, Violation, XmlDocument, rule
from form4gen.rules.xml_format import is_submission, supplied


@rule(
    "OWN-CIK",
    "error",
    fix="Use the reporting person's own CIK (from their Form ID), not zeros.",
    source="XSD CIK; OTS §4.3.2, §5",
)
def owner_cik_is_real(filing: Filing, context: Context) -> Iterator[Violation]:
    """Each reporting owner's CIK is a real CIK, not zeros.

    EDGAR checks every owner's CIK and CCC pair and suspends the filing when one fails; a CIK of
    zeros is a placeholder that was never filled in.

    Fails::

        reporting_owners:
          - cik: "0"
            relationship: {is_director: true}

    Reported on: reporting_owners[0].cik
    Message: is not a CIK

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
    """
    for index, owner in enumerate(filing.reporting_owners):
        if owner.cik.strip("0") == "":
            yield Violation(f"rptOwnerCik {owner.cik!r} is not a CIK", ("reporting_owners", index, "cik"))


@rule(
    "OWN-DUP",
    "error",
    fix="List each reporting person once; put all of their rows in the one filing.",
    source="OTS §4.3.2, §5",
)
def owners_are_distinct(filing: Filing, context: Context) -> Iterator[Violation]:
    """No reporting owner appears twice.

    EDGAR suspends a filing in which the same owner CIK appears in two ``reportingOwner``
    elements (leading zeros do not make a CIK different).

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
          - cik: "1000001"
            relationship: {is_ten_percent_owner: true}

    Reported on: reporting_owners[1].cik
    Message: is listed twice

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
          - cik: "0001000002"
            relationship: {is_ten_percent_owner: true}
    """
    seen: dict[str, int] = {}
    for index, owner in enumerate(filing.reporting_owners):
        key = owner.cik.lstrip("0")
        if key in seen:
            yield Violation(
                f"reporting owner CIK {owner.cik} is listed twice (also owner {seen[key] + 1})",
                ("reporting_owners", index, "cik"),
            )
        else:
            seen[key] = index


@rule(
    "OWN-REL-ONE",
    "error",
    fix="Tick at least one of is_director, is_officer, is_ten_percent_owner, is_other.",
    source="OTS §3.3 cm(1)",
)
def has_a_relationship(filing: Filing, context: Context) -> Iterator[Violation]:
    """Each reporting owner has at least one relationship to the issuer (box 5).

    EDGAR requires at least one of Director, Officer, 10% Owner or Other to be true, although
    the schema makes each optional.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: false}

    Reported on: reporting_owners[0].relationship
    Message: no relationship ticked

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true}
    """
    for index, owner in enumerate(filing.reporting_owners):
        r = owner.relationship
        if not (r.is_director or r.is_officer or r.is_ten_percent_owner or r.is_other):
            yield Violation(f"reporting owner {owner.cik} has no relationship ticked in box 5", ("reporting_owners", index, "relationship"))


@rule(
    "OWN-OFFICER",
    "error",
    fix="Give officer_title (up to 30 characters), e.g. Chief Financial Officer.",
    source="OTS §3.3 cm(2)",
)
def officer_has_title(filing: Filing, context: Context) -> Iterator[Violation]:
    """An officer has an officer title.

    When ``isOfficer`` is true, box 5's "Officer (give title below)" needs ``officerTitle``.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_officer: true}

    Reported on: reporting_owners[0].relationship.officer_title
    Message: no officerTitle

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_officer: true, officer_title: Chief Financial Officer}
    """
    for index, owner in enumerate(filing.reporting_owners):
        r = owner.relationship
        if r.is_officer and not (r.officer_title or "").strip():
            yield Violation(f"reporting owner {owner.cik} is an officer with no officerTitle", ("reporting_owners", index, "relationship", "officer_title"))


@rule(
    "OWN-OTHER",
    "error",
    fix="Give other_text (up to 30 characters), e.g. Member of 13(d) group.",
    source="OTS §3.3 cm(3)",
)
def other_has_text(filing: Filing, context: Context) -> Iterator[Violation]:
    """An "Other" relationship says what it is.

    When ``isOther`` is true, box 5's "Other (specify below)" needs ``otherText``.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_other: true}

    Reported on: reporting_owners[0].relationship.other_text
    Message: no otherText

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_other: true, other_text: Member of 13(d) group}
    """
    for index, owner in enumerate(filing.reporting_owners):
        r = owner.relationship
        if r.is_other and not (r.other_text or "").strip():
            yield Violation(f"reporting owner {owner.cik} is 'Other' with no otherText", ("reporting_owners", index, "relationship", "other_text"))


@rule(
    "OWN-ORPHAN-TEXT",
    "warning",
    fix="Tick the box the text belongs to (is_officer / is_other), or remove the text.",
    source="OTS §3.3 cm(2)-(3); practice",
)
def text_without_box(filing: Filing, context: Context) -> Iterator[Violation]:
    """An officer title or "other" text comes with its box ticked.

    A title without ``isOfficer`` (or other text without ``isOther``) is shown on the form next
    to an unticked box: one of the two is wrong.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true, officer_title: Chief Executive Officer}

    Reported on: reporting_owners[0].relationship.officer_title
    Message: isOfficer is not true

    Passes::

        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true, is_officer: true, officer_title: Chief Executive Officer}
    """
    for index, owner in enumerate(filing.reporting_owners):
        r = owner.relationship
        path = ("reporting_owners", index, "relationship")
        if (r.officer_title or "").strip() and not r.is_officer:
            yield Violation(f"officerTitle {r.officer_title!r} is given but isOfficer is not true", (*path, "officer_title"))
        if (r.other_text or "").strip() and not r.is_other:
            yield Violation(f"otherText {r.other_text!r} is given but isOther is not true", (*path, "other_text"))


@rule(
    "OWN-FPI-10PCT",
    "warning",
    fix="Check that this person must file: for a foreign private issuer only directors and officers do.",
    source="Release 34-104903 (HFIAA), effective 2026-03-18",
    since=HFIAA_EFFECTIVE,
)
def fpi_ten_percent_holder(filing: Filing, context: Context) -> Iterator[Violation]:
    """A pure 10% holder does not file for a foreign private issuer.

    The HFIAA brought directors and officers of foreign private issuers under Section 16(a);
    their 10% holders remain outside it.  A filing that gives a foreign trading symbol (the FPI
    field of schema X0609) for an owner who is only a 10% owner is probably not required.

    Fails::

        issuer: {foreign_trading_symbol: EXM.L}
        reporting_owners:
          - cik: "0001000001"
            relationship: {is_ten_percent_owner: true}

    Reported on: reporting_owners[0].relationship
    Message: only a 10% owner of a foreign private issuer

    Passes::

        issuer: {foreign_trading_symbol: EXM.L}
        reporting_owners:
          - cik: "0001000001"
            relationship: {is_director: true, is_ten_percent_owner: true}
    """
    if not (filing.issuer.foreign_trading_symbol or "").strip():
        return
    for index, owner in enumerate(filing.reporting_owners):
        r = owner.relationship
        if r.is_ten_percent_owner and not (r.is_director or r.is_officer or r.is_other):
            yield Violation(f"reporting owner {owner.cik} is only a 10% owner of a foreign private issuer", ("reporting_owners", index, "relationship"))


@rule(
    "OWN-NAME",
    "warning",
    kind="xml",
    fix="Leave rptOwnerName out of the submission: EDGAR inserts the registered name.",
    source="OTS §4.3.2",
)
def owner_name_not_submitted(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A submission leaves out rptOwnerName.

    EDGAR inserts each owner's name as registered for the CIK; a supplied name draws a warning
    and is discarded.

    Fails::

        <ownershipDocument><reportingOwner><reportingOwnerId><rptOwnerCik>0001000001</rptOwnerCik>
        <rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId></reportingOwner></ownershipDocument>

    Reported on: line 2
    Message: EDGAR discards it

    Passes::

        <ownershipDocument><reportingOwner><reportingOwnerId><rptOwnerCik>0001000001</rptOwnerCik>
        </reportingOwnerId></reportingOwner></ownershipDocument>
    """
    for node in supplied(document, ("rptOwnerName",)):
        yield Violation(f"rptOwnerName {(node.text or '').strip()!r} is given; EDGAR discards it", line=node.sourceline)


@rule(
    "OWN-CCC",
    "error",
    kind="xml",
    fix="Give every reporting owner's CCC (form4gen build inserts them from the environment or credentials file).",
    source="OTS §2, §3.3 o(1), §4.3.2, §5",
)
def every_owner_has_ccc(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A submission that carries CCCs carries one for every reporting owner.

    EDGAR checks each owner's CIK and CCC pair and suspends the filing when one is missing or
    wrong.  A document with no CCC at all is a plain copy (form4gen writes those on purpose)
    and is not checked.  The CCC itself is never shown.

    Fails::

        <ownershipDocument>
        <reportingOwner><reportingOwnerId><rptOwnerCik>1</rptOwnerCik><rptOwnerCcc>abcd#123</rptOwnerCcc></reportingOwnerId></reportingOwner>
        <reportingOwner><reportingOwnerId><rptOwnerCik>2</rptOwnerCik></reportingOwnerId></reportingOwner>
        </ownershipDocument>

    Reported on: line 3
    Message: reporting owner 2 has no rptOwnerCcc

    Passes::

        <ownershipDocument>
        <reportingOwner><reportingOwnerId><rptOwnerCik>1</rptOwnerCik><rptOwnerCcc>abcd#123</rptOwnerCcc></reportingOwnerId></reportingOwner>
        <reportingOwner><reportingOwnerId><rptOwnerCik>2</rptOwnerCik><rptOwnerCcc>wxyz@789</rptOwnerCcc></reportingOwnerId></reportingOwner>
        </ownershipDocument>
    """
    root = document.root
    if root is None:
        return
    ids = root.findall("reportingOwner/reportingOwnerId")
    with_ccc = [i for i in ids if (i.findtext("rptOwnerCcc") or "").strip()]
    if not with_ccc:
        return
    for node in ids:
        if node not in with_ccc:
            cik = (node.findtext("rptOwnerCik") or "").strip()
            yield Violation(f"reporting owner {cik} has no rptOwnerCcc while the others have one", line=node.sourceline)


@rule(
    "OWN-CCC-SECRET",
    "warning",
    kind="xml",
    fix="Keep the file with CCCs out of shared folders and version control; check the plain XML instead.",
    source="OTS §4.3.2; EDGAR Filer Manual (the CCC is a filer credential)",
)
def ccc_in_file(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """The file holds a CCC: treat it as a secret.

    The CCC lets anyone who has it file in the owner's name.  It belongs in the submission that
    goes to EDGAR and nowhere else: not in a repository, a shared drive or an e-mail.  The value
    is never shown in a message.

    Fails::

        <ownershipDocument><reportingOwner><reportingOwnerId><rptOwnerCik>1</rptOwnerCik>
        <rptOwnerCcc>abcd#123</rptOwnerCcc></reportingOwnerId></reportingOwner></ownershipDocument>

    Reported on: line 2
    Message: holds a CCC

    Passes::

        <ownershipDocument><reportingOwner><reportingOwnerId><rptOwnerCik>1</rptOwnerCik>
        </reportingOwnerId></reportingOwner></ownershipDocument>
    """
    if document.root is None or not is_submission(document):
        return
    for node in document.root.iter("rptOwnerCcc"):
        if (node.text or "").strip():
            yield Violation(f"the file holds a CCC ({spec.CCC_LENGTH} characters, not shown)", line=node.sourceline)
