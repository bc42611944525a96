"""Starting an amendment (3/A, 4/A, 5/A) from the filing it amends.

An amendment speaks as of the original: it keeps the original's box 3 (period of report), says
when the original was filed (box 4, ``date_of_original_submission``) and explains in remarks
what it corrects.  form4gen writes a placeholder remark that a rule (RMK-PLACEHOLDER) refuses
until it is replaced, so an amendment cannot go out unexplained.
"""

from __future__ import annotations

import datetime

from form4gen.form import spec
from form4gen.form.amendment import REMARK_PLACEHOLDER
from form4gen.form.models import Filing

__all__ = ["REMARK_PLACEHOLDER", "start_amendment"]


def start_amendment(original: Filing, *, filed: datetime.date, signed: datetime.date) -> Filing:
    """A draft amendment of ``original``, filed on ``filed``, to be signed on ``signed``."""
    amendment = original.model_copy(deep=True)
    document_type = original.document_type if original.is_amendment else f"{original.document_type}/A"
    data = amendment.model_dump(exclude={"document_type"})
    data["document_type"] = document_type
    data["date_of_original_submission"] = filed
    data["schema_version"] = None  # EDGAR stamps the version of the new submission
    for key in ("no_securities_owned", "form3_holdings_reported", "form4_transactions_reported"):
        data[key] = None  # EDGAR fills these in
    if data.get("aff10b5one") is None and spec.is_required(document_type, "aff10b5One"):
        data["aff10b5one"] = False  # the box is required today; the original predates it
    data["remarks"] = REMARK_PLACEHOLDER + (f"\n{original.remarks}" if original.remarks else "")
    for signature in data["signatures"]:
        signature["date"] = signed
    for owner in data["reporting_owners"]:
        owner.pop("ccc", None)
        if owner.get("address"):
            owner["address"]["state_description"] = None
            owner["address"]["good_address"] = None
    return Filing.model_validate(data)
