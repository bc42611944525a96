"""Rule 10b5-1 trading plans named in an input file.

    plans:
      2025-plan: {adopted: 2025-11-14}
    non_derivative_table:
      - security_title: Common Stock
        ...
        plan: 2025-plan          # this line was made under the plan

A line made under a plan gets a footnote on its transaction code giving the plan's adoption
date (Form 4 General Instruction 10), and the filing's Rule 10b5-1 box is checked.  The
cooling-off rule (PLAN-COOLOFF) then reads the adoption date from that footnote.
"""

from __future__ import annotations

import datetime
from typing import Any

from form4gen.form.errors import Problem

FOOTNOTE_PREFIX = "rule-10b5-1-plan-"


def plan_footnote(adopted: datetime.date) -> str:
    return (
        "The transaction(s) reported on this line were effected pursuant to a Rule 10b5-1 trading plan "
        f"adopted by the reporting person on {adopted.strftime('%B')} {adopted.day}, {adopted.year}."
    )


def apply_plans(data: dict[str, Any], notes: dict[str, Any], lines: dict[tuple[Any, ...], int], adopted: dict[str, datetime.date]) -> list[Problem]:
    """Turn each row's ``plan`` into the plan's footnote on its transaction code, and check the
    10b5-1 box (in place).  ``adopted``: the draft's plans, by name, with their adoption dates."""
    problems: list[Problem] = []
    used = False
    for table in ("non_derivative_table", "derivative_table"):
        rows = data.get(table)
        for index, row in enumerate(rows if isinstance(rows, list) else []):
            if not isinstance(row, dict) or "plan" not in row:
                continue
            name = str(row.pop("plan"))
            where = f"{table}[{index}].plan"
            if name not in adopted:
                known = ", ".join(sorted(adopted)) or "none are named under 'plans'"
                problems.append(Problem(where, f"plan {name!r} is not named under 'plans' ({known})", lines.get((table, index, "plan"))))
                continue
            coding = row.get("transaction_coding")
            if not isinstance(coding, dict):
                problems.append(Problem(where, "a line made under a plan needs its transaction_coding (code)", lines.get((table, index, "plan"))))
                continue
            footnote = FOOTNOTE_PREFIX + name
            notes.setdefault(footnote, plan_footnote(adopted[name]))
            refs = coding.pop("footnotes", None) or coding.pop("footnote", None) or []
            refs = [refs] if isinstance(refs, str) else list(refs)
            coding["footnotes"] = refs + ([footnote] if footnote not in refs else [])
            used = True
    if used:
        if data.get("aff10b5one") is False:
            problems.append(Problem("aff10b5one", "is false, but lines are marked as made under a Rule 10b5-1 plan", lines.get(("aff10b5one",))))
        else:
            data["aff10b5one"] = True
    return problems
