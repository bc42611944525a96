"""Input files: a filing written in YAML or JSON, in the form's own words.

The keys are the model's field names (see the README for a complete example).  Conveniences for
people who write these files by hand:

* a value that takes footnotes may be written alone (``price_per_share: 12.5``) or as
  ``{value: ..., footnotes: [name, ...]}``; footnotes are defined once under ``footnotes:`` as
  ``name: text`` and numbered F1, F2, ... in order of first reference in the document;
* ``document_type`` may be a number (``4``);
* in ``transaction_coding``, ``form_type`` defaults to the form being filed and
  ``equity_swap_involved`` to false;
* on Form 4, ``period_of_report`` defaults to the date of the earliest transaction (box 3).

The CCC is never written in an input file: see ``form4gen.drafts.credentials``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from form4gen.drafts import credentials
from form4gen.drafts.carry_forward import CarriedForward, carry_forward
from form4gen.drafts.draft import DraftFiling, draft_sections
from form4gen.drafts.parse import MAX_INPUT_BYTES, parse_text, read_data
from form4gen.drafts.plans import FOOTNOTE_PREFIX, plan_footnote
from form4gen.form import spec
from form4gen.form.errors import InputError, Problem, problems_from_validation
from form4gen.form.models import Filing, Footnote, FootnoteNumbering
from form4gen.form.period import earliest_required
from form4gen.form.provenance import Provenance
from form4gen.form.tables import TABLE_NAMES, TABLES

__all__ = ["MAX_INPUT_BYTES", "filing_from_data", "load", "parse_text", "read_data"]


def _default_coding(rows: Any, form: str) -> None:
    if not isinstance(rows, list):
        return
    for row in rows:
        coding = row.get("transaction_coding") if isinstance(row, dict) else None
        if isinstance(coding, dict) and "code" in coding:
            coding.setdefault("form_type", form)
            coding.setdefault("equity_swap_involved", False)
        if isinstance(coding, dict) and isinstance(coding.get("form_type"), int):
            coding["form_type"] = str(coding["form_type"])


_TRANSACTION_FIELDS = ("transaction_date", "deemed_execution_date", "transaction_coding", "transaction_timeliness", "transaction_amounts")


def _form3_transactions(data: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """Form 3 reports holdings only: a row with a transaction's fields belongs on Form 4."""
    problems = []
    for table, label in TABLE_NAMES.items():
        rows = data.get(table)
        for index, row in enumerate(rows if isinstance(rows, list) else []):
            found = [k for k in _TRANSACTION_FIELDS if isinstance(row, dict) and k in row]
            if found:
                problems.append(
                    Problem(
                        f"{table}[{index}]",
                        f"{label} row {index + 1} has {', '.join(found)}, but Form 3 reports holdings only: remove "
                        f"{'them' if len(found) > 1 else 'it'} (a Form 3 row gives the security, the amount owned and the ownership form), "
                        "or report the transaction on Form 4",
                        lines.get((table, index, found[0])) or lines.get((table, index)),
                    )
                )
    return problems


def _limits(data: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """More owners or rows than one filing takes: refused with what to do.  form4gen does not
    split such a report itself: which lines go together, their running balances, box 3 and the
    footnotes of each part, and who signs which joint filing are the filer's decisions."""
    problems = []
    owners = data.get("reporting_owners")
    if isinstance(owners, list) and len(owners) > spec.MAX_REPORTING_OWNERS:
        problems.append(
            Problem(
                "reporting_owners",
                f"{len(owners)} reporting owners; one joint filing takes at most {spec.MAX_REPORTING_OWNERS} "
                "(spec v5.5 §3.3): file the group as two or more joint filings, each signed by its own owners",
                lines.get(("reporting_owners",)),
            )
        )
    for table, label in TABLE_NAMES.items():
        rows = data.get(table)
        if isinstance(rows, list) and len(rows) > spec.MAX_TABLE_ROWS:
            problems.append(
                Problem(
                    table,
                    f"{len(rows)} rows; {label} of one filing takes at most {spec.MAX_TABLE_ROWS} (spec v5.5 §3.3): "
                    "split the lines into two or more filings, each with its own box 3, balances and footnotes",
                    lines.get((table,)),
                )
            )
    return problems


def filing_from_data(data: Any, source: str, lines: dict[tuple[Any, ...], int] | None = None) -> Filing:
    """Compile a draft's data (already parsed) into a Filing.

    1. The draft's own sections are read as typed models (:mod:`form4gen.drafts.draft`).
    2. The form's fields are validated as a :class:`DraftFiling`: footnote names are numbered
       F1, F2, ... in order of first reference, and a line's plan puts its footnote on the code.
    3. From the typed draft: the "owned following" figures left out are carried forward, box 3
       defaults to the earliest transaction (Form 4), the 10b5-1 box follows the plans.
    4. The result is validated as the :class:`Filing`, whose provenance keeps the draft's
       lines, submission section and opening balances beside it.
    """
    lines = lines or {}
    if not isinstance(data, dict):
        raise InputError(source, [Problem("", "expected a mapping of the form's fields at the top level", 1)])
    data = dict(data)
    if isinstance(data.get("document_type"), int):
        data["document_type"] = str(data["document_type"])
    sections, refused = draft_sections(data, lines)
    if sections is None:
        raise InputError(source, refused)
    for key in ("footnotes", "plans", "holdings_before", "submission"):
        data.pop(key, None)
    problems = _before_validation(data, lines)
    if problems:
        raise InputError(source, problems)
    plans = {name: plan.adopted for name, plan in sections.plans.items()}
    notes: dict[str, Any] = dict(sections.footnotes)
    numbering = FootnoteNumbering([*notes, *(FOOTNOTE_PREFIX + name for name in plans)])
    try:
        draft = DraftFiling.model_validate(data, context={"footnote_numbering": numbering, "plans": plans})
    except ValidationError as exc:
        raise InputError(source, problems_from_validation(exc, lines)) from None
    footnotes = _footnotes(notes, plans, numbering, source, lines)
    texts = {footnote.id: footnote.text for footnote in footnotes}
    carried = carry_forward(draft, sections.holdings_before, notes, texts.get, lines)
    problems = carried.problems + _plans_and_box(draft, lines)
    if problems:
        raise InputError(source, problems)
    try:
        filing = Filing.model_validate({**_compiled(draft, carried), "footnotes": footnotes})
    except ValidationError as exc:
        raise InputError(source, problems_from_validation(exc, lines)) from None
    provenance = Provenance(source=source, lines=_source_lines(lines, numbering), submission=sections.submission, holdings_before=carried.opening)
    return filing.with_provenance(provenance)


def _footnotes(notes: dict[str, Any], plans: dict[str, Any], numbering: FootnoteNumbering, source: str, lines: dict[tuple[Any, ...], int]) -> list[Footnote]:
    """The Explanation of Responses: the draft's footnotes in the order of their numbers, the
    plans' footnotes where lines name the plans, and the footnotes never referred to last (so
    that the checker can say so)."""
    for name, day in plans.items():
        if FOOTNOTE_PREFIX + name in numbering.ids:
            notes[FOOTNOTE_PREFIX + name] = plan_footnote(day)
    for name in notes:
        if name not in numbering.ids:
            numbering.ids[name] = f"F{len(numbering.ids) + 1}"
    footnotes = []
    for name, footnote_id in numbering.ids.items():
        text = notes[name]
        if not isinstance(text, str) or not text:
            raise InputError(source, [Problem(f"footnotes.{name}", "expected the footnote's text", lines.get(("footnotes", name)))])
        footnotes.append(Footnote(id=footnote_id, text=text))
    return footnotes


def _source_lines(lines: dict[tuple[Any, ...], int], numbering: FootnoteNumbering) -> dict[tuple[Any, ...], int]:
    """The draft's lines by field path, a footnote's under its place in the filing's list."""
    out = {k: v for k, v in lines.items() if not (k and k[0] == "footnotes")}
    for name, footnote_id in numbering.ids.items():
        line = lines.get(("footnotes", name))
        if line is not None:
            out[("footnotes", int(footnote_id[1:]) - 1)] = line
    return out


def _before_validation(data: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """What is refused, and the defaults filled, before the form's fields are validated."""
    form = str(data.get("document_type", ""))[:1]
    problems = _limits(data, lines) + _ccc_written(data, lines)
    if form == "3":
        problems += _form3_transactions(data, lines)
    for table in TABLES:
        _default_coding(data.get(table), form)
    return problems + _aff10b5one_missing(data)


def _plans_and_box(draft: DraftFiling, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """The 10b5-1 box follows the lines made under a plan; box 3 of a Form 4 defaults to the
    earliest transaction required to be reported."""
    if draft.planned():
        if draft.aff10b5one is False:
            return [Problem("aff10b5one", "is false, but lines are marked as made under a Rule 10b5-1 plan", lines.get(("aff10b5one",)))]
        draft.aff10b5one = True
    if draft.form == "4" and draft.period_of_report is None:
        dated = [(r.transaction_date.value, r.transaction_coding.form_type if r.transaction_coding else None) for r in _transactions(draft)]
        draft.period_of_report = earliest_required((day, form_type) for day, form_type in dated if day is not None)
    return []


def _transactions(draft: DraftFiling) -> list[Any]:
    return [r for table in TABLES for r in getattr(draft, table) if getattr(r, "transaction_date", None) is not None]


def _compiled(draft: DraftFiling, carried: CarriedForward) -> dict[str, Any]:
    """The draft as the Filing's data: its rows without their plans, with the figures carried
    forward (a negative one is left for the Filing to refuse, with the line)."""
    out = draft.model_dump(exclude={"footnotes"})
    for table in TABLES:
        for index, row in enumerate(out[table]):
            row.pop("plan", None)
            figure = carried.figures.get((table, index))
            if figure is not None:
                row["post_transaction_amounts"] = {"shares_owned_following_transaction": {"value": figure, "footnotes": []}}
            elif row.get("post_transaction_amounts") is None:
                row.pop("post_transaction_amounts", None)  # left out: the Filing says it is missing where it is required
    if out.get("period_of_report") is None:
        out.pop("period_of_report", None)
    return out


def _ccc_written(data: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    owners = data.get("reporting_owners")
    return [
        Problem(
            f"reporting_owners[{index}].ccc",
            f"the CCC is never written in an input file: {credentials.where_to_put_ccc(None)}",
            lines.get(("reporting_owners", index, "ccc")),
        )
        for index, owner in enumerate(owners if isinstance(owners, list) else [])
        if isinstance(owner, dict) and "ccc" in owner
    ]


def _aff10b5one_missing(data: dict[str, Any]) -> list[Problem]:
    # An imported document from before the checkbox (older schema versions) has none.
    current = str(data.get("schema_version") or spec.CURRENT_SCHEMA_VERSION) >= spec.AFF10B5ONE_SINCE
    document_type = str(data.get("document_type", ""))
    required = document_type in spec.DOCUMENT_TYPES and spec.is_required(document_type, "aff10b5One")
    rows = [row for table in TABLES if isinstance(data.get(table), list) for row in data[table]]
    planned = any(isinstance(row, dict) and row.get("plan") for row in rows)
    if required and "aff10b5one" not in data and current and not planned:  # a plan line checks the box
        message = "is required on Forms 4 and 5: true if any reported transaction was made under a Rule 10b5-1(c) plan, otherwise false"
        return [Problem("aff10b5one", message, 1)]
    return []


def load(path: str | Path, *, with_ccc: bool = True) -> Filing:
    """Read a filing from a YAML or JSON input file; CCCs come from the environment or the
    credentials file (``with_ccc=False`` leaves them out)."""
    path = Path(path)
    data, lines = read_data(path)
    filing = filing_from_data(data, str(path), lines)
    if with_ccc:
        credentials.attach_ccc(filing)
    return filing
