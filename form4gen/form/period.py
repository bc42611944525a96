"""Box 3 of a Form 4, the date of the earliest transaction required to be reported: the one
definition, used to default a draft's ``period_of_report`` and by DOC-POR-F4 to check it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable


def earliest_required(lines: Iterable[tuple[datetime.date, str | None]]) -> datetime.date | None:
    """From each transaction line's (date, form type): the earliest date of the lines due on
    Form 4; when every line is reported early (form type 5, Form 4 Instruction 4(a)(ii)), the
    earliest of them all."""
    dated = list(lines)
    due = [day for day, form_type in dated if form_type != "5"]
    days = due or [day for day, _ in dated]
    return min(days) if days else None
