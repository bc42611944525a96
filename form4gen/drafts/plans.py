"""Rule 10b5-1 trading plans named in an input file.

    plans:
      2025-plan: {adopted: 2025-11-14}
    non_derivative_table:
      - security_title: Common Stock
        ...
        plan: 2025-plan          # this line was made under the plan

A line made under a plan gets a footnote on its transaction code giving the plan's adoption
date (Form 4 General Instruction 10), and the filing's Rule 10b5-1 box is checked: the draft
model does it (:mod:`form4gen.drafts.draft`); this module holds the footnote's name and words.  The
cooling-off rule (PLAN-COOLOFF) then reads the adoption date from that footnote.
"""

from __future__ import annotations

import datetime

FOOTNOTE_PREFIX = "rule-10b5-1-plan-"


def plan_footnote(adopted: datetime.date) -> str:
    return (
        "The transaction(s) reported on this line were effected pursuant to a Rule 10b5-1 trading plan "
        f"adopted by the reporting person on {adopted.strftime('%B')} {adopted.day}, {adopted.year}."
    )
