"""The preview: the form as EDGAR shows it (checked against the SEC's own stylesheets and the seed
document), the draft band, the findings on the cells they concern, and never the CCC."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE, SEED, SHARED, corpus_files, requires_shared
from lxml import etree
from lxml import html as lxml_html

from form4gen import check, load, parse_xml, to_html
from form4gen.rules.examples import example_filing

STYLESHEETS = SHARED / "sec" / "v5.5" / "stylesheets"


def squash(text: str) -> str:
    """Whitespace removed (non-breaking spaces included): how texts are compared."""
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


def page_text(page: str) -> str:
    return lxml_html.fromstring(page).text_content()


def _stylesheet(name: str) -> etree.XSLT:
    access = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False, read_network=False, write_network=False)
    return etree.XSLT(etree.parse(str(STYLESHEETS / name), etree.XMLParser(no_network=True)), access_control=access)


def _stylesheet_texts(transform: etree.XSLT, document: Path) -> list[str]:
    """Every piece of text the SEC's stylesheet shows for the document (headings and values)."""
    source = etree.parse(str(document), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    out = []
    for element in transform(source).getroot().iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "title", "script"):
            continue
        for text in (element.text, element.tail):
            if text and re.search(r"[A-Za-z0-9]", text):
                out.append(squash(text))
    return out


def _documents(form: str, versions: tuple[str, ...] | None) -> list[Path]:
    chosen = []
    for path in corpus_files():
        data = path.read_bytes()
        if not re.search(rb"<documentType>\s*" + form.encode() + rb"(/A)?\s*<", data):
            continue
        version = re.search(rb"<schemaVersion>\s*(X\d{4})\s*<", data)
        if versions is None or (version and version.group(1).decode() in versions):
            chosen.append(path)
    return chosen


@requires_shared
@pytest.mark.parametrize(
    "form, stylesheet, versions",
    [("4", "4_X09.xsl", ("X0508", "X0609")), ("3", "3_X07.xsl", None), ("5", "5_X09.xsl", None)],
    ids=["form4-X0508-X0609", "form3", "form5"],
)
def test_every_value_the_sec_stylesheet_shows_is_in_the_preview(form, stylesheet, versions):
    transform = _stylesheet(stylesheet)
    documents = _documents(form, versions)
    assert documents
    shown = found = 0
    missing: list[str] = []
    for path in documents:
        ours = squash(page_text(to_html(parse_xml(path), show_findings=False, draft=False)))
        for text in _stylesheet_texts(transform, path):
            shown += 1
            if text in ours:
                found += 1
            else:
                missing.append(f"{path.name}: {text[:80]}")
    print(f"\nForm {form} ({stylesheet}): {len(documents)} documents, {found}/{shown} stylesheet texts in the preview ({found / shown:.2%})")
    assert not missing, "\n".join(missing[:20])


# What the seed document (the Form 4 as EDGAR displayed it in 2018, as extracted text) shows.
# A pair is (the text as it stands in the seed, the whole heading or fact the preview must show):
# the seed's extraction garbles some headings ("5. Numbe"), and today's form words a few
# differently ("(Zip/Postal Code)").  Every first text is checked to stand in the seed.
SEED_HEADINGS = [
    "Form 4 or Form 5 obligations may continue. See Instruction 1(b).",
    "(Print or Type Responses)",
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION",
    "Washington, D.C. 20549",
    "OMB APPROVAL",
    "OMB Number:",
    "3235-0287",
    "Estimated average burden",
    "0.5",
    "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934 or Section 30(h) of the Investment Company Act of 1940",
    "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
    "1. Name and Address of Reporting Person",
    "2. Issuer Name and Ticker or Trading Symbol",
    "5. Relationship of Reporting Person(s) to Issuer",
    "(Check all applicable)",
    "3. Date of Earliest Transaction (Month/Day/Year)",
    "Officer (give title below)",
    "Other (specify below)",
    "10% Owner",
    "6. Individual or Joint/Group Filing",
    "Form filed by One Reporting Person",
    "Form filed by More than One Reporting Person",
    "4. If Amendment, Date Original Filed",
    "(Last)",
    "(First)",
    "(Middle)",
    "(Street)",
    "(City)",
    "(State)",
    ("(Zip)", "(Zip/Postal Code)"),
    "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    ("2A. Deemed Execution Da", "2A. Deemed Execution Date, if any (Month/Day/Year)"),
    "(A) or (D)",
    "Price",
    "7. Nature of Indirect Beneficial Ownership",
    ("Reminder: Report on a", "Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly."),
    (
        "s who respor",
        "Persons who respond to the collection of information contained in this form are not required to respond "
        "unless the form displays a currently valid OMB control number.",
    ),
    ("74 (9-02)", "SEC 1474 (9-02)"),
    ("Table II -", "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"),
    ("(e.g., put", "(e.g., puts, calls, warrants, options, convertible securities)"),
    "1. Title of Derivative Security",
    "2. Conversion or Exercise Price of Derivative",
    "3. Transaction Date",
    "3A. Deemed Execution Date, if",
    ("4. Transact", "4. Transaction Code (Instr. 8)"),
    ("5. Numbe", "5. Number of Derivative Securities Acquired (A) or Disposed of (D)"),
    ("6. Date Exc", "6. Date Exercisable and Expiration Date (Month/Day/Year)"),
    ("7. Title a", "7. Title and Amount of Underlying Securities (Instr. 3 and 4)"),
    "8. Price of Derivative Security",
    (
        "9. Number of Derivative Securities Beneficially Owned Following Reported Transaction(s",
        "9. Number of Derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)",
    ),
    "10. Ownership Form of Derivative Security: Direct (D) or Indirect",
    ("11. Nature of Indirec", "11. Nature of Indirect Beneficial Ownership (Instr. 4)"),
    "Reporting Owners",
    "Reporting Owner Name / Address",
    "Relationships",
    "Signatures",
    "Signature of Reporting Person",
    "Explanation of Responses:",
    "If the form is filed by more than one reporting person, see Instruction 4(b)(v).",
    "Intentional misstatements or omissions of facts constitute Federal Criminal Violations. See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a).",
    "Note: File three copies of this Form, one of which must be manually signed. If space is insufficient, see Instruction 6 for procedure.",
    (
        "Potential persons who are to respond to the collection of information contained in this form are not required to respond "
        "unless the form displays a currently valid OMB number."
    ),
]
SEED_FACTS = [
    "CARUSO JAMES V",
    "Cellectar Biosciences, Inc. [CLRB]",
    "C/O CELLECTAR BIOSCIENCES, INC.",
    "3301 AGRICULTURE DRIVE",
    ("MADISON, WI 53716", "MADISON WISCONSIN 53716"),  # today's stylesheet prints the state's name
    "10/12/2018",
    "President and CEO",
    "/s/ Christina Blakley, attorney-in-fact for James V. Caruso",
    "10/15/2018",
]


def _seed_text() -> str:
    return squash((SEED / "form4-cellectar-2018-10-15.txt").read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEED.is_dir(), reason=f"needs the seed document in {SEED} (present in CI)")
def test_the_seed_preview_shows_every_heading_and_fact_of_the_seed():
    seed = _seed_text()
    ours = squash(page_text(to_html(load(EXAMPLE), draft=False)))
    missing = []
    for item in SEED_HEADINGS + SEED_FACTS:
        as_seed, today = item if isinstance(item, tuple) else (item, item)
        assert squash(as_seed) in seed, f"not in the seed document: {as_seed}"
        if squash(today) not in ours:
            missing.append(today)
    assert not missing, missing
    # the footnote word for word (the seed has a stray "(1)" in the middle of it)
    footnote = re.sub(r"\(1\)", "", seed.split("Explanationof Responses:".replace(" ", ""))[1])
    note = load(EXAMPLE).footnotes[0].text
    assert squash(note) in footnote and squash(note) in ours


def test_numbers_dates_marks_and_the_v_and_k_columns():
    filing = example_filing(
        """
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: S, equity_swap_involved: true, footnote: swap}
    transaction_amounts: {shares: 1234567, price_per_share: 10.5, acquired_disposed_code: D}
    post_transaction_amounts: {shares_owned_following_transaction: 8765.4321}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: L, form_type: 5}
    transaction_amounts: {shares: 10, price_per_share: 0, acquired_disposed_code: A}
    post_transaction_amounts: {shares_owned_following_transaction: 8775.4321}
    ownership_nature: {direct_or_indirect_ownership: I, nature_of_ownership: By Trust}
footnotes:
  swap: Settled under an equity swap with Example Bank.
"""
    )
    page = lxml_html.fromstring(to_html(filing, show_findings=False))
    first, second = page.xpath('//table[@id="table-1"]//tr[@class="data-row"]')
    cell = {td.get("class").removeprefix("col-"): squash(td.text_content()) for td in first.xpath("td")}
    assert cell["date"] == "04/06/2026"
    assert cell["code"] == "S/K(1)" and cell["v"] == ""
    assert cell["amount"] == "1,234,567" and cell["acquired_disposed"] == "D"
    assert cell["price"] == "$10.50"  # one decimal written: two shown, as EDGAR does
    assert cell["post"] == "8,765.4321" and cell["ownership"] == "I" and cell["nature"] == "ByTrust"
    cell = {td.get("class").removeprefix("col-"): squash(td.text_content()) for td in second.xpath("td")}
    assert cell["code"] == "L" and cell["v"] == "V" and cell["price"] == "$0"
    assert page.xpath('//tr[@id="footnote-1"]')[0].text_content().strip().startswith("(1)")


def test_a_finding_is_shown_on_its_cell_and_in_the_list_at_the_top():
    filing = example_filing(
        """
non_derivative_table:
  - security_title: Common Stock
    transaction_date: 2026-04-06
    transaction_coding: {code: P}
    transaction_amounts: {shares: 1000, price_per_share: 10.25, acquired_disposed_code: A}
    post_transaction_amounts: {shares_owned_following_transaction: 11000}
    ownership_nature: {direct_or_indirect_ownership: I}
"""
    )
    report = check(filing)
    assert [f.rule for f in report.errors] == ["NAT-I"]
    page = lxml_html.fromstring(to_html(filing, findings=report.findings))
    (listed,) = page.xpath('//section[@id="findings"]//li')
    assert listed.get("data-rule") == "NAT-I" and "no nature of ownership" in listed.text_content()
    (on_cell,) = page.xpath('//span[contains(@class, "finding")][@data-rule="NAT-I"]')
    td = on_cell.getparent()
    assert td.get("class") == "col-nature" and td.getparent().get("data-path") == "non_derivative_table[0]"


def test_a_clean_filing_shows_no_findings_and_the_draft_band_can_be_turned_off():
    filing = load(EXAMPLE)
    assert check(filing).findings == []
    page = to_html(filing)
    assert 'id="findings"' not in page and 'class="finding' not in page
    assert 'id="draft-band"' in page and "DRAFT, not filed" in page
    assert "DRAFT, not filed" not in to_html(filing, draft=False)


def test_forms_3_5_and_amendments_have_their_own_boxes():
    form3 = example_filing(
        """
document_type: 3
aff10b5one: ~
non_derivative_table:
  - security_title: Common Stock
    post_transaction_amounts: {shares_owned_following_transaction: 11000}
    ownership_nature: {direct_or_indirect_ownership: D}
"""
    )
    text = squash(page_text(to_html(form3)))
    assert squash("FORM 3") in text and squash("INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES") in text
    assert squash("2. Date of Event Requiring Statement (Month/Day/Year)04/06/2026") in text
    assert squash("Check this box if no longer subject to Section 16") not in text
    amendment = example_filing("document_type: 4/A\ndate_of_original_submission: 2026-04-07\nremarks: Corrects the price.")
    page = lxml_html.fromstring(to_html(amendment))
    assert page.xpath('string(//div[@id="form-name"])').strip() == "FORM 4/A"
    assert squash(page.xpath('string(//div[@id="original-date"])')) == "04/07/2026"
    assert "Corrects the price." in page.xpath('string(//div[@id="remarks"])')


def test_the_preview_never_holds_the_ccc():
    filing = load(EXAMPLE, with_ccc=False)
    filing.reporting_owners[0].ccc = "zq9#x7@w"
    assert "zq9#x7@w" not in to_html(filing)


@requires_shared
def test_a_joint_filing_lists_every_owner():
    joint = next(p for p in corpus_files() if p.read_bytes().count(b"<reportingOwner>") >= 2 and b"<derivativeTransaction>" in p.read_bytes())
    filing = parse_xml(joint)
    page = lxml_html.fromstring(to_html(filing))
    owners = page.xpath('//table[@id="owners-table"]//tr[@class="owner"]')
    assert len(owners) == len(filing.reporting_owners)
    assert "_X_ Form filed by More than One Reporting Person" in page.xpath('string(//td[@id="box-joint"])')
    assert CORPUS in joint.parents


def test_preview_command_writes_html_and_pdf_and_build_writes_the_preview(tmp_path):
    from click.testing import CliRunner

    from form4gen.cli import main

    runner = CliRunner()
    html_file = tmp_path / "seed.html"
    result = runner.invoke(main, ["preview", str(EXAMPLE), "-o", str(html_file), "--no-draft"])
    assert result.exit_code == 0, result.output
    assert "CARUSO JAMES V" in html_file.read_text() and "DRAFT, not filed" not in html_file.read_text()
    result = runner.invoke(main, ["preview", str(EXAMPLE), "-o", str(tmp_path / "seed.txt")])
    assert result.exit_code == 2 and ".html or .pdf" in result.output
    result = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    built = tmp_path / "out" / "cellectar-2018-10-12.html"
    assert built.is_file() and "Cellectar Biosciences, Inc. [CLRB]" in built.read_text()


def test_preview_pdf(tmp_path):
    import os

    from click.testing import CliRunner

    from form4gen.cli import main
    from form4gen.preview.pdf import find_chromium

    if find_chromium() is None and not os.environ.get("CI"):
        pytest.skip("needs Chromium (apt-get install chromium); CI installs it")
    target = tmp_path / "seed.pdf"
    result = CliRunner().invoke(main, ["preview", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)) == {b"0 0 792 612"}  # US Letter, landscape
    assert not list(tmp_path.glob(".seed.pdf.*"))  # no temporary file left behind


def test_pdf_without_chromium_is_a_clear_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from form4gen.cli import main

    monkeypatch.setenv("FORM4GEN_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = CliRunner().invoke(main, ["preview", str(EXAMPLE), "-o", str(tmp_path / "seed.pdf")])
    assert result.exit_code == 2 and "needs Chromium" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "seed.pdf").exists()


def test_findings_without_a_cell_go_on_their_box_or_section():
    filing = example_filing(
        """
reporting_owners:
  - cik: "0001000001"
    relationship: {is_officer: true}
  - cik: "0001000002"
    relationship: {is_other: true}
non_derivative_table:
  - security_title: Common Stock
    post_transaction_amounts: {shares_owned_following_transaction: 11000}
    ownership_nature: {direct_or_indirect_ownership: D}
"""
    )
    report = check(filing)
    assert {f.rule for f in report.findings} == {"DOC-NONEMPTY", "OWN-OFFICER", "OWN-OTHER", "SIG-PER-OWNER"}
    page = lxml_html.fromstring(to_html(filing, findings=report.findings))

    def placed(rule: str):
        (span,) = page.xpath(f'//main//span[contains(@class, "finding")][@data-rule="{rule}"]')
        return span

    assert placed("OWN-OFFICER").xpath('ancestor::td[@id="box-relationship"]')  # box 5
    assert placed("DOC-NONEMPTY").xpath('ancestor::div[@id="table-1-title"]')  # Table I as a whole
    assert placed("OWN-OTHER").xpath('ancestor::tr[@data-path="reporting_owners[1]"]')  # second owner's row
    assert placed("SIG-PER-OWNER").xpath("preceding::h2[1]")[0].get("id") == "signatures"
    assert len(page.xpath('//section[@id="findings"]//li')) == 4


HOSTILE = "<script>alert(\"x\")</script><img src=x onerror=alert(1)> & 'q'"
SHORT = "<script>alert(1)</script>"  # for the fields of 30 to 60 characters


def test_every_text_of_the_filing_is_escaped_in_the_preview():
    """A filing is hostile input: markup in any of its texts (names, address, titles, natures,
    footnotes, remarks, signatures, and the findings that quote them) shows as text, never as
    markup."""
    filing = example_filing(
        f"""
issuer: {{cik: "0000320193", name: '{HOSTILE.replace("'", "''")}', trading_symbol: EXMP}}
reporting_owners:
  - cik: "0001000001"
    name: '{HOSTILE.replace("'", "''")}'
    address: {{street1: '{SHORT}', city: '<b>City</b>'}}
    relationship: {{is_officer: true, officer_title: '{SHORT}'}}
non_derivative_table:
  - security_title: '{SHORT}'
    transaction_date: 2026-04-06
    transaction_coding: {{code: P}}
    transaction_amounts: {{shares: 1000, price_per_share: {{value: 10.25, footnote: evil}}, acquired_disposed_code: A}}
    post_transaction_amounts: {{shares_owned_following_transaction: 11000}}
    ownership_nature: {{direct_or_indirect_ownership: I, nature_of_ownership: '{HOSTILE.replace("'", "''")}'}}
footnotes:
  evil: '{HOSTILE.replace("'", "''")}'
remarks: '{HOSTILE.replace("'", "''")}'
signatures:
  - name: '/s/ {HOSTILE.replace("'", "''")}'
    date: 2026-04-07
"""
    )
    page_source = to_html(filing)  # with the findings check() makes
    page = lxml_html.fromstring(page_source)
    assert page.xpath("//script") == [] and page.xpath("//img") == [] and page.xpath("//b[.='City']") == []
    assert not [e for e in page.iter() if any(name.startswith("on") for name in e.attrib)]
    shown = page.text_content()
    assert shown.count('<script>alert("x")</script>') >= 6 and shown.count(SHORT) >= 3  # each text, as written
    assert "<b>City</b>" in shown
