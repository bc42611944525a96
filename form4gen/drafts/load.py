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

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from form4gen.drafts import credentials
from form4gen.drafts.carry_forward import fill_post_amounts
from form4gen.drafts.draft import DraftSections, draft_sections
from form4gen.drafts.parse import MAX_INPUT_BYTES, parse_text, read_data
from form4gen.drafts.plans import apply_plans
from form4gen.form import spec
from form4gen.form.errors import InputError, Problem, problems_from_validation
from form4gen.form.models import Filing, Footnote, FootnoteNumbering
from form4gen.form.period import earliest_required
from form4gen.form.provenance import Provenance

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
    for table, label in (("non_derivative_table", "Table I"), ("derivative_table", "Table II")):
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


def _earliest_transaction_date(data: dict[str, Any]) -> date | None:
    """Box 3 (:func:`form4gen.form.period.earliest_required`) from a draft's lines; a date that
    cannot be read is left to the model, which reports it with its line."""
    dated: list[tuple[date, str | None]] = []
    for table in ("non_derivative_table", "derivative_table"):
        rows = data.get(table)
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and "transaction_date" in row:
                value = row["transaction_date"]
                value = value.get("value") if isinstance(value, dict) else value
                if isinstance(value, str):
                    try:
                        value = date.fromisoformat(value)
                    except ValueError:
                        continue
                coding = row.get("transaction_coding")
                form_type = str(coding.get("form_type", "")) if isinstance(coding, dict) else None
                if isinstance(value, date):
                    dated.append((value, form_type))
    return earliest_required(dated)


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
    for table, label in (("non_derivative_table", "Table I"), ("derivative_table", "Table II")):
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
    """Compile a draft's data (already parsed) into a Filing: its own sections read, plans and
    carried-forward figures applied, defaults filled, footnote names numbered."""
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
    notes: dict[str, Any] = dict(sections.footnotes)
    opening: dict[Any, Any] = {}
    problems = _compile(data, sections, notes, opening, lines)
    if problems:
        raise InputError(source, problems)

    numbering = FootnoteNumbering(list(notes))  # keys are strings: _plain() and JSON make them so
    try:
        filing = Filing.model_validate(data, context={"footnote_numbering": numbering})
    except ValidationError as exc:
        raise InputError(source, problems_from_validation(exc, lines)) from None
    for name in notes:  # defined but never referenced: numbered last, so the checker can say so
        if name not in numbering.ids:
            numbering.ids[name] = f"F{len(numbering.ids) + 1}"
    footnotes = []
    for name, footnote_id in numbering.ids.items():
        text = notes[name]
        if not isinstance(text, str) or not text:
            raise InputError(source, [Problem(f"footnotes.{name}", "expected the footnote's text", lines.get(("footnotes", name)))])
        footnotes.append(Footnote(id=footnote_id, text=text))
    filing.footnotes = footnotes
    source_lines = {k: v for k, v in lines.items() if not (k and k[0] == "footnotes")}
    for name, footnote_id in numbering.ids.items():
        line = lines.get(("footnotes", name))
        if line is not None:
            source_lines[("footnotes", int(footnote_id[1:]) - 1)] = line
    filing.with_provenance(Provenance(source=source, lines=source_lines, submission=sections.submission, holdings_before=opening))
    return filing


def _compile(data: dict[str, Any], sections: DraftSections, notes: dict[str, Any], opening: dict[Any, Any], lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """The steps from a draft's form fields to what the Filing validates (in place), and the
    problems they meet."""
    form = str(data.get("document_type", ""))[:1]
    problems = apply_plans(data, notes, lines, {name: plan.adopted for name, plan in sections.plans.items()})
    problems += _limits(data, lines)
    problems += fill_post_amounts(data, lines, sections.holdings_before, opening, notes)
    problems += _ccc_written(data, lines)
    if form == "3":
        problems += _form3_transactions(data, lines)
    for table in ("non_derivative_table", "derivative_table"):
        _default_coding(data.get(table), form)
    if form == "4" and "period_of_report" not in data:
        earliest = _earliest_transaction_date(data)
        if earliest is not None:
            data["period_of_report"] = earliest
    return problems + _aff10b5one_missing(data)


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
    if required and "aff10b5one" not in data and current:
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
