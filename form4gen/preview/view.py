"""What the preview shows, decided in Python: every box and cell of the form as display text,
with its footnote marks and the findings that point at it.  ``templates/preview.html.j2`` only
lays it out.

Cells know the model path of the field they show (``non_derivative_table[0].transaction_date``);
a finding is placed on the cell whose path is the longest prefix of its location, else on its
row, else only in the list at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from form4gen.checking.engine import Finding
from form4gen.form import codes
from form4gen.form.formatting import edgar_date
from form4gen.form.models import (
    Filing,
    ReportingOwner,
)
from form4gen.preview.cells import Cell, RowView, TableView, _path, derivative_row, non_derivative_row
from form4gen.preview.columns import TABLE_TITLES, table1_columns, table2_columns
from form4gen.preview.face import (
    BOX_NUMBERS,
    FORM_TITLES,
    JOINT_INSTRUCTION,
    JOINT_LABELS,
    OMB,
    PERIOD_LABELS,
    SEC_FORM_EDITION,
    SEC_FORM_NUMBER,
    SPACE_NOTE,
)


def _state_name(code: str | None) -> str:
    if not code or not code.strip():
        return ""
    code = code.strip()
    return codes.US_STATE_CODES.get(code) or codes.COUNTRY_CODES.get(code) or codes.OBSOLETE_COUNTRY_CODES.get(code) or code


@dataclass
class OwnerView:
    name: Cell
    street1: str
    street2: str
    city: str
    state: str
    zip_code: str
    country: str
    is_director: bool
    is_officer: bool
    is_ten_percent_owner: bool
    is_other: bool
    title_text: str  # officer title and/or other text, as box 5 prints them
    officer_title: str
    other_text: str
    path: str

    @property
    def marks(self) -> dict[str, str]:
        """Box 5's check marks as the SEC's rendering prints them: __X__ checked, _____ not."""
        shown = {True: "__X__", False: "_____"}
        return {
            "director": shown[bool(self.is_director)],
            "ten_percent_owner": shown[bool(self.is_ten_percent_owner)],
            "officer": shown[bool(self.is_officer)],
            "other": shown[bool(self.is_other)],
        }

    @property
    def address_lines(self) -> list[str]:
        """The Reporting Owners table's address, line by line as EDGAR's stylesheet prints it."""
        lines = (self.street1, self.street2, self.city, self.state, self.zip_code, self.country)
        return [line for line in lines if line]


def owner_view(owner: ReportingOwner, index: int) -> OwnerView:
    a = owner.address
    r = owner.relationship
    non_us = bool(a and a.non_us_address)
    if a is None:
        state = country = ""
    elif non_us:
        state = a.non_us_state_territory or ""
        country = _state_name(a.country)
    else:
        state = _state_name(a.state)
        country = "UNITED STATES"
    title = " / ".join(t for t in (r.officer_title or "", r.other_text or "") if t)
    path = _path("reporting_owners", index)
    return OwnerView(
        name=Cell(owner.name or f"CIK {owner.cik}", _path("reporting_owners", index, "name")),
        street1=(a.street1 or "") if a else "",
        street2=(a.street2 or "") if a else "",
        city=(a.city or "") if a else "",
        state=state,
        zip_code=(a.zip_code or "") if a else "",
        country=country,
        is_director=bool(r.is_director),
        is_officer=bool(r.is_officer),
        is_ten_percent_owner=bool(r.is_ten_percent_owner),
        is_other=bool(r.is_other),
        title_text=title,
        officer_title=r.officer_title or "",
        other_text=r.other_text or "",
        path=path,
    )


@dataclass
class PreviewView:
    """Everything the template shows."""

    form: str  # "3", "4" or "5"
    document_type: str
    form_title: str
    omb_number: str
    omb_hours: str
    sec_form_number: str
    sec_form_edition: str
    joint_labels: tuple[str, str, str]
    joint_instruction: str
    space_note: str
    no_securities_owned: bool
    is_amendment: bool
    not_subject_to_section16: bool
    aff10b5one: bool
    form3_holdings_reported: bool
    form4_transactions_reported: bool
    issuer_name: str
    trading_symbol: str
    foreign_trading_symbol: str
    period_of_report: Cell
    date_of_original_submission: Cell
    owners: list[OwnerView]
    joint: bool
    non_derivative_rows: list[RowView]
    derivative_rows: list[RowView]
    footnotes: list[tuple[str, str, Cell]]  # (number, text, cell for findings)
    remarks: Cell  # carries the findings on remarks; the text is in remarks_lines
    remarks_lines: list[str]
    signatures: list[tuple[Cell, str]]
    findings: list[Finding]
    draft: bool
    source: str
    # boxes and sections that findings without a cell of their own are shown on
    anchors: dict[str, Cell] = field(default_factory=dict)
    owner_anchors: list[Cell] = field(default_factory=list)  # a row per owner in Reporting Owners
    box_numbers: dict[str, int] = field(default_factory=dict)
    period_label: str = ""
    table1: TableView | None = None
    table2: TableView | None = None

    @property
    def page_title(self) -> str:
        draft = "DRAFT " if self.draft else ""
        return f"{draft}SEC Form {self.document_type}: {self.issuer_name} [{self.trading_symbol}]"

    @property
    def findings_heading(self) -> str:
        errors = sum(1 for f in self.findings if f.severity == "error")
        warnings = len(self.findings) - errors
        return f"form4gen check: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def _cells_of(view: PreviewView) -> list[Cell]:
    cells = [view.period_of_report, view.date_of_original_submission, view.remarks]
    cells += [o.name for o in view.owners]
    for row in view.non_derivative_rows + view.derivative_rows:
        cells += row.cells.values()
    cells += [c for _, _, c in view.footnotes]
    cells += [c for c, _ in view.signatures]
    cells += list(view.anchors.values()) + view.owner_anchors
    return cells


def _covers(prefix: str, location: str) -> bool:
    return bool(prefix) and (location == prefix or location.startswith(prefix + ".") or location.startswith(prefix + "["))


def place_findings(view: PreviewView, findings: list[Finding]) -> None:
    """Each finding on the cell whose path best matches its location, else on its row."""
    cells = _cells_of(view)
    rows = view.non_derivative_rows + view.derivative_rows
    for finding in findings:
        location = finding.location
        matching = [c for c in cells if _covers(c.path, location)]
        if matching:
            best = max(matching, key=lambda c: len(c.path))
            if finding not in best.findings:
                best.findings.append(finding)
            continue
        for row in rows:
            if _covers(row.path, location):
                row.findings.append(finding)
                break


def build_view(filing: Filing, findings: list[Finding], *, draft: bool) -> PreviewView:
    form = filing.form
    omb_number, omb_hours = OMB[form]
    issuer = filing.issuer
    view = PreviewView(
        form=form,
        document_type=filing.document_type,
        form_title=FORM_TITLES[form],
        omb_number=omb_number,
        omb_hours=omb_hours,
        sec_form_number=SEC_FORM_NUMBER[form],
        sec_form_edition=SEC_FORM_EDITION[form],
        joint_labels=JOINT_LABELS[form],
        joint_instruction=JOINT_INSTRUCTION[form],
        space_note=SPACE_NOTE[form],
        no_securities_owned=form == "3" and bool(filing.no_securities_owned or not (filing.non_derivative_table or filing.derivative_table)),
        is_amendment=filing.is_amendment,
        not_subject_to_section16=bool(filing.not_subject_to_section16),
        aff10b5one=bool(filing.aff10b5one),
        form3_holdings_reported=bool(filing.form3_holdings_reported),
        form4_transactions_reported=bool(filing.form4_transactions_reported),
        issuer_name=issuer.name or f"CIK {issuer.cik}",
        trading_symbol=issuer.trading_symbol,
        foreign_trading_symbol=issuer.foreign_trading_symbol or "",
        period_of_report=Cell(edgar_date(filing.period_of_report), "period_of_report"),
        date_of_original_submission=Cell(edgar_date(filing.date_of_original_submission), "date_of_original_submission"),
        owners=[owner_view(o, i) for i, o in enumerate(filing.reporting_owners)],
        joint=len(filing.reporting_owners) > 1,
        non_derivative_rows=[non_derivative_row(r, i) for i, r in enumerate(filing.non_derivative_table)],
        derivative_rows=[derivative_row(r, i) for i, r in enumerate(filing.derivative_table)],
        footnotes=[(n.id[1:], n.text, Cell("", _path("footnotes", i))) for i, n in enumerate(filing.footnotes)],
        remarks=Cell("", "remarks"),
        remarks_lines=(filing.remarks or "").split("\n") if filing.remarks else [],
        signatures=[(Cell(s.name, _path("signatures", i)), edgar_date(s.date)) for i, s in enumerate(filing.signatures)],
        findings=list(findings),
        draft=draft,
        source=filing.source or "",
        box_numbers=BOX_NUMBERS[form],
        period_label=PERIOD_LABELS[form],
    )
    view.anchors = {
        name: Cell("", path)
        for name, path in (
            ("section16", "not_subject_to_section16"),
            ("plan", "aff10b5one"),
            ("issuer", "issuer"),
            ("address", "reporting_owners[0].address"),
            ("relationship", "reporting_owners[0].relationship"),
            ("table1", "non_derivative_table"),
            ("table2", "derivative_table"),
            ("signatures", "signatures"),
            ("footnotes", "footnotes"),
        )
    }
    view.owner_anchors = [Cell("", _path("reporting_owners", i)) for i in range(len(filing.reporting_owners))]
    view.table1 = TableView(
        "table-1",
        TABLE_TITLES["non_derivative"][form],
        "",
        table1_columns(form),
        view.non_derivative_rows,
        view.anchors["table1"],
    )
    view.table2 = TableView(
        "table-2",
        TABLE_TITLES["derivative"][form],
        "(e.g., puts, calls, warrants, options, convertible securities)",
        table2_columns(form),
        view.derivative_rows,
        view.anchors["table2"],
    )
    place_findings(view, view.findings)
    return view
