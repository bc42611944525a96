"""Signatures under a power of attorney: whether the POA that authorises an attorney-in-fact
was in force on the signature date.

* signed after the POA expired, on or after the day it was revoked, or before it was granted:
  an error (the attorney-in-fact had no authority to sign);
* signed for an issuer the POA does not cover: an error;
* the POA expires within :data:`EXPIRY_WARNING_DAYS` days of the signature date: a warning
  (a new POA must be executed, and filed as an EX-24 with the next filing under it);
* the POA's document is not in the workspace: a warning.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from form4gen.form.models import Filing
from form4gen.workspace.profiles import OwnerProfile, PowerOfAttorney, Signer

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class PoaFinding:
    severity: str  # "error" or "warning"
    message: str


def poa_findings(
    poa: PowerOfAttorney,
    signed_on: datetime.date,
    *,
    issuer_key: str | None = None,
    who: str = "the attorney-in-fact",
    workspace_root: Path | None = None,
    warning_days: int = EXPIRY_WARNING_DAYS,
) -> list[PoaFinding]:
    """What is wrong with signing under ``poa`` on ``signed_on`` (empty: nothing)."""
    out = []
    if signed_on < poa.granted:
        out.append(PoaFinding("error", f"{who} signed on {signed_on}, before the power of attorney ({poa.document}) was granted on {poa.granted}"))
    if poa.revoked is not None and signed_on >= poa.revoked:
        out.append(
            PoaFinding("error", f"the power of attorney of {who} ({poa.document}) was revoked on {poa.revoked}, on or before the signature date {signed_on}")
        )
    if poa.expires is not None and signed_on > poa.expires:
        out.append(PoaFinding("error", f"the power of attorney of {who} ({poa.document}) expired on {poa.expires}, before the signature date {signed_on}"))
    elif poa.expires is not None and (poa.revoked is None or signed_on < poa.revoked) and (poa.expires - signed_on).days <= warning_days:
        days = (poa.expires - signed_on).days
        out.append(
            PoaFinding(
                "warning",
                f"the power of attorney of {who} ({poa.document}) expires on {poa.expires}, {days} day(s) after the signature date: "
                "have a new one executed (and file it as EX-24 with the next filing)",
            )
        )
    if issuer_key is not None and not poa.covers(issuer_key):
        out.append(
            PoaFinding("error", f"the power of attorney of {who} ({poa.document}) does not cover issuer {issuer_key!r} (it covers {', '.join(poa.issuers)})")
        )
    if workspace_root is not None and not (workspace_root / poa.document).is_file():
        out.append(PoaFinding("warning", f"the power of attorney of {who} names {poa.document}, which is not in the workspace"))
    return out


def signer_of(owner: OwnerProfile, signature_name: str) -> Signer | None:
    """The owner's signer whose conformed signature is ``signature_name`` (or whose name it
    contains), attorneys-in-fact first."""
    ordered = sorted(owner.signers, key=lambda s: not s.attorney_in_fact)
    for signer in ordered:
        if signer.conformed(owner.name) == signature_name:
            return signer
    folded = signature_name.casefold()
    for signer in ordered:
        if signer.name.casefold() in folded:
            return signer
    return None


def signature_findings(
    filing: Filing, owners: dict[str, OwnerProfile], *, issuer_key: str | None = None, workspace_root: Path | None = None
) -> list[PoaFinding]:
    """The POA findings of a filing's signatures, for the owners whose profiles are given (by key):
    each signature made by one of their attorneys-in-fact is checked on its date."""
    out = []
    for signature in filing.signatures:
        for owner in owners.values():
            signer = signer_of(owner, signature.name)
            if signer is None or not signer.attorney_in_fact or signer.poa is None:
                continue
            who = f"{signer.name} (for {owner.name})"
            out.extend(poa_findings(signer.poa, signature.date, issuer_key=issuer_key, who=who, workspace_root=workspace_root))
    return out
