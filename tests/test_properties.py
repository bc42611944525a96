"""Property tests (hypothesis): random valid filings render to XML that the SEC's schema accepts
and that parse_xml reads back to an equal model; random byte-level and element-level mutations
of corpus documents never crash check (it gives findings, or the input is unusable)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from conftest import corpus_files, requires_shared, sec_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from form4gen import InputError, check, parse_xml, to_xml
from form4gen.drafts.load import filing_from_data

# Text the form may hold: letters, digits, XML's special characters, some non-ASCII letters;
# no leading or trailing spaces (EDGAR trims them) and no control characters.
TEXT_CHARS = st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 &<>\"'.,;:()/-%$#éüßñ"))


def text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(TEXT_CHARS, min_size=1, max_size=max_size).map(str.strip).filter(bool)


amounts = st.decimals(min_value=Decimal(0), max_value=Decimal("999999999"), places=4, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2026, 6, 30))


@st.composite
def rows(draw, derivative: bool):
    code = draw(st.sampled_from(list("ACDFGHIJLMOPSUWXZ")))
    direction = draw(st.sampled_from(["A", "D"]))
    ownership = draw(st.sampled_from(["D", "I"]))
    row = {
        "security_title": draw(text(60)),
        "transaction_date": draw(days),
        "transaction_coding": {"code": code, "equity_swap_involved": draw(st.booleans())},
        "transaction_amounts": {"shares": draw(amounts), "price_per_share": draw(amounts), "acquired_disposed_code": direction},
        "post_transaction_amounts": {"shares_owned_following_transaction": draw(amounts)},
        "ownership_nature": {"direct_or_indirect_ownership": ownership},
    }
    if ownership == "I":
        row["ownership_nature"]["nature_of_ownership"] = draw(text(100))
    if draw(st.booleans()):
        row["security_title"] = {"value": row["security_title"], "footnotes": ["note"]}
    if derivative:
        row["conversion_or_exercise_price"] = draw(amounts)
        row["exercise_date"] = draw(days)
        row["expiration_date"] = {"footnotes": ["note"]}
        row["underlying_security"] = {"title": draw(text(60)), "shares": draw(amounts)}
    return row


@st.composite
def filings(draw):
    non_derivative = draw(st.lists(rows(False), min_size=0, max_size=4))
    derivative = draw(st.lists(rows(True), min_size=0 if non_derivative else 1, max_size=3))
    amendment = draw(st.booleans())
    owners = draw(st.lists(st.integers(min_value=1, max_value=9_999_999_999), min_size=1, max_size=3, unique=True))
    data = {
        "document_type": "4/A" if amendment else "4",
        "issuer": {"cik": "0000320193", "trading_symbol": draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10))},
        "reporting_owners": [
            {
                "cik": f"{cik:010d}",
                "address": {"street1": draw(text(40)), "city": draw(text(30)), "state": draw(st.sampled_from(["NY", "CA", "WI", "PR"])), "zip_code": "10001"},
                "relationship": {"is_director": True, "is_officer": draw(st.booleans()), "officer_title": draw(text(30))},
            }
            for cik in owners
        ],
        "aff10b5one": draw(st.booleans()),
        "non_derivative_table": non_derivative,
        "derivative_table": derivative,
        "footnotes": {"note": draw(text(1000))},
        "remarks": draw(text(2000)),
        "signatures": [{"name": draw(text(255)), "date": datetime.date(2026, 7, 1)}],
    }
    if amendment:
        data["date_of_original_submission"] = datetime.date(2026, 7, 1)
    return filing_from_data(data, "<hypothesis>")


def _uses_note(filing) -> bool:
    return bool(filing.footnotes)


@requires_shared
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(filings())
def test_random_filings_are_valid_edgar_xml_and_read_back_equal(filing):
    xml = to_xml(filing, include_ccc=False)
    sec_schema(filing.document_type).validate(etree.fromstring(xml.encode("utf-8")))
    again = parse_xml(xml.encode("utf-8"))
    assert again.model_dump() == filing.model_dump()


CORPUS = corpus_files()


@requires_shared
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_byte_level_mutations_never_crash_check(data):
    document = bytearray(data.draw(st.sampled_from(CORPUS)).read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(document) - 1))
        kind = data.draw(st.sampled_from(["replace", "delete", "insert", "truncate"]))
        byte = data.draw(st.integers(min_value=0, max_value=255))
        if kind == "replace":
            document[position] = byte
        elif kind == "delete":
            del document[position]
        elif kind == "insert":
            document.insert(position, byte)
        else:
            del document[position:]
        if not document:
            break
    report = check(bytes(document))
    assert all(f.severity in ("error", "warning") and f.message for f in report.findings)


@requires_shared
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_element_level_mutations_never_crash_check_or_the_reader(data):
    root = etree.fromstring(data.draw(st.sampled_from(CORPUS)).read_bytes())
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        element = data.draw(st.sampled_from(elements))
        kind = data.draw(st.sampled_from(["delete", "duplicate", "text", "move", "rename"]))
        parent = element.getparent()
        if parent is None:
            continue
        if kind == "delete":
            parent.remove(element)
        elif kind == "duplicate":
            parent.append(etree.fromstring(etree.tostring(element)))
        elif kind == "text" and len(element) == 0:
            element.text = data.draw(st.sampled_from(["", "-1", "x", "99999999999999999999", "2026-02-30", "F0", "true", "  1  ", "&", "Q"]))
        elif kind == "move":
            parent.remove(element)
            root.insert(0, element)
        elif kind == "rename":
            element.tag = data.draw(st.sampled_from(["value", "footnoteId", "unknownElement", "rptOwnerCcc"]))
        elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        if not elements:
            break
    document = etree.tostring(root)
    report = check(document)
    assert all(f.message for f in report.findings)
    try:
        parse_xml(document)
    except InputError as error:
        assert error.problems and all(p.message for p in error.problems)
