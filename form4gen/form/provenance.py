"""Where a filing came from, kept beside its fields: the file it was read from, whether it is
an EDGAR document or a draft, the line of each field in that file, and what a draft says beyond
the form (the submission section, the opening balances of ``holdings_before``).

A :class:`Provenance` is made by whatever reads a filing (``drafts.load``, ``xml.read``) and
attached once with :meth:`form4gen.form.models.Filing.with_provenance`; the filing's
``source``, ``origin``, ``submission``, ``holdings_before`` and ``source_line()`` read it.
Nothing else sets anything on a filing from outside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Lines = dict[tuple[Any, ...], int]


@dataclass
class Provenance:
    source: str | None = None
    origin: Literal["input", "edgar"] = "input"  # a draft, or an EDGAR ownership document
    # The line of each field path, or a function that works them out when a message first
    # needs one (reading an XML document does not, otherwise).
    lines: Lines | None = None
    lines_pending: Callable[[], Lines] | None = None
    submission: Any = None  # the draft's submission section (form4gen.xml.envelope.SubmissionInfo)
    holdings_before: dict[Any, Decimal] = field(default_factory=dict)  # HoldingKey -> opening balance

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        """The line of a field path in the source file (the nearest enclosing field that has one)."""
        if self.lines_pending is not None:
            pending, self.lines_pending = self.lines_pending, None
            self.lines = pending()
        lines = self.lines or {}
        for n in range(len(path), 0, -1):
            line = lines.get(tuple(path[:n]))
            if line is not None:
                return line
        return None


NONE = Provenance()  # what a filing made in Python, not read from a file, has
