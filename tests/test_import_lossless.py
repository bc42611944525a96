"""``form4gen import`` loses nothing silently: a value is read only if it is in the lexical space
of its schema type, an attribute the schema does not define is refused with its line, and what
``parse_xml`` reads, the YAML ``filing_to_yaml`` writes gives back to ``load``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import EXAMPLE, corpus_files, requires_shared
from lxml import etree

from form4gen import InputError, load, parse_xml, to_xml
from form4gen.drafts.yaml_out import filing_to_yaml
from form4gen.form import spec
from form4gen.xml.read import _Reader, parse_tree

BASE = """<?xml version="1.0"?>
<ownershipDocument>
    <schemaVersion>X0508</schemaVersion>
    <documentType>4</documentType>
    <periodOfReport>2026-04-06</periodOfReport>
    <issuer>
        <issuerCik>0000320193</issuerCik>
        <issuerTradingSymbol>EXMP</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0001000001</rptOwnerCik>
        </reportingOwnerId>
        <reportingOwnerRelationship>
            <isDirector>1</isDirector>
        </reportingOwnerRelationship>
    </reportingOwner>
    <aff10b5One>0</aff10b5One>
    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle>
                <value>Common Stock</value>
            </securityTitle>
            <transactionDate>
                <value>2026-04-06</value>
            </transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>P</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares>
                    <value>1000</value>
                </transactionShares>
                <transactionPricePerShare>
                    <value>10.25</value>
                    <footnoteId id="F1"/>
                </transactionPricePerShare>
                <transactionAcquiredDisposedCode>
                    <value>A</value>
                </transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction>
                    <value>11000</value>
                </sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership>
                    <value>D</value>
                </directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
    </nonDerivativeTable>
    <footnotes>
        <footnote id="F1">A weighted average price.</footnote>
    </footnotes>
    <ownerSignature>
        <signatureName>/s/ Jane Doe</signatureName>
        <signatureDate>2026-04-07</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""

SHARES = "<value>1000</value>"
SHARES_LINE = BASE.splitlines().index(f"                    {SHARES}") + 1
SHARES_PATH = "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction/transactionAmounts/transactionShares/value"


def _refused(document: str) -> InputError:
    """The reader's refusal, the same from the shortcut (parse_xml) and the general reader."""
    with pytest.raises(InputError) as caught:
        parse_xml(document)
    root = parse_tree(document.encode(), "<xml>")
    tree = spec.document_tree("4").type
    with pytest.raises(InputError) as general:
        _Reader("<xml>", "4", lines=True).read(tree, root)
    assert general.value.problems == caught.value.problems
    return caught.value


@pytest.mark.parametrize(
    ("written", "shown", "instead"),
    [
        ("1e3", '"1e3"', "write 1000"),
        ("1E3", '"1E3"', "write 1000"),
        ("1_500", '"1_500"', "write 1500"),
        ("\u0661\u0665\u0660\u0660", '"\u0661\u0665\u0660\u0660"', "write 1500"),  # Arabic-Indic digits
        ("\uff11\uff15\uff10\uff10", '"\uff11\uff15\uff10\uff10"', "write 1500"),  # full-width digits
        ("1500\u00a0", '"1500\\u00a0"', "write 1500"),  # a no-break space is not XML whitespace
        ("\u200b1500", '"\\u200b1500"', "ASCII digits"),
        ("1,500", '"1,500"', "write 1500"),
        ("15 00", '"15 00"', "ASCII digits"),
        ("Infinity", '"Infinity"', "ASCII digits"),
        ("NaN", '"NaN"', "ASCII digits"),
        ("0x10", '"0x10"', "ASCII digits"),
        ("", '""', "ASCII digits"),
    ],
)
def test_a_decimal_outside_the_schemas_lexical_space_is_refused(written, shown, instead):
    error = _refused(BASE.replace(SHARES, f"<value>{written}</value>"))
    (problem,) = error.problems
    assert problem.line == SHARES_LINE
    assert problem.location == SHARES_PATH
    assert shown in problem.message and instead in problem.message
    assert "is not a number" in problem.message


@pytest.mark.parametrize(("written", "read"), [(" 1500 \n", "1500"), ("\t+1500.\r\n", "1500"), (".5", "0.5"), ("0001500.2500", "1500.25")])
def test_a_decimal_in_the_lexical_space_is_read_with_its_whitespace_collapsed(written, read):
    filing = parse_xml(BASE.replace(SHARES, f"<value>{written}</value>"))
    assert filing.non_derivative_table[0].transaction_amounts.shares.value == Decimal(read)


@pytest.mark.parametrize(
    ("written", "instead"), [("yes", "write true"), ("no", "write false"), ("TRUE", "write true"), ("on", "write true"), ("2", "true or false")]
)
def test_a_boolean_outside_true_false_1_0_is_refused(written, instead):
    error = _refused(BASE.replace("<isDirector>1</isDirector>", f"<isDirector>{written}</isDirector>"))
    (problem,) = error.problems
    assert problem.location.endswith("/reportingOwnerRelationship/isDirector")
    assert problem.line == BASE.splitlines().index("            <isDirector>1</isDirector>") + 1
    assert f'"{written}" is not a boolean' in problem.message and instead in problem.message


@pytest.mark.parametrize("written", [" true ", "false", "1", "0\n"])
def test_the_four_booleans_are_read(written):
    filing = parse_xml(BASE.replace("<isDirector>1</isDirector>", f"<isDirector>{written}</isDirector>"))
    assert filing.reporting_owners[0].relationship.is_director is (written.strip() in ("true", "1"))


@pytest.mark.parametrize(
    "written",
    ["2026-4-06", "\u0662\u0660\u0662\u0666-04-06", "2026-04-06\u00a0", "2026-04-06T00:00:00", "20260406", "1775433600", "2026-13-01", "2026-04-06+15:00"],
)
def test_a_date_outside_the_schemas_lexical_space_is_refused(written):
    error = _refused(BASE.replace("<value>2026-04-06</value>", f"<value>{written}</value>"))
    (problem,) = error.problems
    assert problem.location.endswith("/nonDerivativeTransaction/transactionDate/value")
    assert "is not a date" in problem.message and "YYYY-MM-DD" in problem.message
    assert "\u00a0" not in problem.message  # shown as \u00a0


@pytest.mark.parametrize("written", ["2026-04-06Z", " 2026-04-06-05:00 ", "2026-04-06+14:00"])
def test_a_date_with_a_timezone_or_whitespace_is_the_calendar_date(written):
    filing = parse_xml(BASE.replace("<value>2026-04-06</value>", f"<value>{written}</value>"))
    assert str(filing.non_derivative_table[0].transaction_date.value) == "2026-04-06"


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("<issuer>", '<issuer lang="en">', 'lang="en"'),
        (SHARES, '<value unit="shares">1000</value>', 'unit="shares"'),
        ('<footnoteId id="F1"/>', '<footnoteId id="F1" note="x"/>', 'note="x"'),
        ('<footnote id="F1">', '<footnote id="F1" style="bold">', 'style="bold"'),
        ("<transactionShares>", '<transactionShares id="F1">', 'id="F1"'),
        ("<nonDerivativeTable>", '<nonDerivativeTable class="t">', 'class="t"'),
        ("<nonDerivativeTransaction>", '<nonDerivativeTransaction n="1">', 'n="1"'),
        ("<reportingOwnerId>", '<reportingOwnerId xml:lang="en">', 'xml:lang="en"'),
        ("<ownershipDocument>", '<ownershipDocument xmlns:x="urn:x" x:extra="&#9;">', 'x:extra="\\u0009"'),
        ("<ownershipDocument>", '<ownershipDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">', 'xsi:nil="true"'),
    ],
)
def test_an_attribute_the_schema_does_not_define_is_refused(old, new, named):
    document = BASE.replace(old, new, 1)
    error = _refused(document)
    (problem,) = error.problems
    line = next(i for i, text in enumerate(document.splitlines(), 1) if new in text)
    assert problem.line == line
    assert named in problem.message and "does not define" in problem.message
    element = new.split()[0].lstrip("<").rstrip(">")
    assert problem.location.endswith("/" + element)


def test_namespace_declarations_and_schema_location_hints_are_not_data():
    document = BASE.replace(
        "<ownershipDocument>",
        '<ownershipDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="ownership4Document.xsd">',
    )
    assert to_xml(parse_xml(document)) == to_xml(parse_xml(BASE))


def test_a_footnote_id_is_read_with_its_whitespace_collapsed_as_an_id_is():
    document = BASE.replace('<footnoteId id="F1"/>', '<footnoteId id=" F1 "/>').replace('<footnote id="F1">', '<footnote id="F1&#10;">')
    assert to_xml(parse_xml(document)) == to_xml(parse_xml(BASE))


def _through_yaml(filing, tmp_path, name="draft"):
    target = tmp_path / f"{name}.yaml"
    target.write_text(filing_to_yaml(filing, source=f"{name}.xml"), encoding="utf-8")
    return load(target, with_ccc=False)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (SHARES, "<value>-0</value>"),
        (SHARES, "<value>+1000.</value>"),
        (SHARES, "<value>1000.0000</value>"),
        (SHARES, "<value>.5</value>"),
        ("<isDirector>1</isDirector>", "<isDirector> true </isDirector>"),
        ("A weighted average price.", "A weighted average price.  The reporting person will provide, upon request, full information on each price, " * 3),
        ("A weighted average price.", "Two\nlines,\ttabs,\u00a0a no-break space, \\ a backslash and\u2028a line separator, " * 4),
        ("<signatureName>/s/ Jane Doe</signatureName>", "<signatureName>  /s/ Jane  Doe </signatureName>"),
    ],
)
def test_what_is_imported_loads_back_to_the_same_document(tmp_path, old, new):
    filing = parse_xml(BASE.replace(old, new))
    again = _through_yaml(filing, tmp_path)
    assert to_xml(again, edgar_fields=True) == to_xml(filing, edgar_fields=True)


def _in_reference_order(document: str) -> str:
    """The document with its footnotes numbered F1, F2, ... in order of first reference (then the
    unreferenced ones in document order): an input file numbers footnotes so, and that is the one
    thing of a document it does not keep."""
    root = etree.fromstring(document.encode())
    order: dict[str, str] = {}
    for node in [*root.iter("footnoteId"), *root.iter("footnote")]:
        order.setdefault(node.get("id"), f"F{len(order) + 1}")
    for node in [*root.iter("footnoteId"), *root.iter("footnote")]:
        node.set("id", order[node.get("id")])
    notes = root.find("footnotes")
    if notes is not None:
        notes[:] = sorted(notes, key=lambda note: int(note.get("id")[1:]))
    return to_xml(parse_xml(etree.tostring(root)), edgar_fields=True)


@requires_shared
def test_every_corpus_document_imported_loads_back_to_the_same_document(tmp_path, capsys):
    read, renumbered, failures = 0, 0, []
    for path in corpus_files():
        try:
            filing = parse_xml(path)
        except InputError:
            continue  # refused with its line (tests/test_corpus_roundtrip.py lists the one case)
        read += 1
        expected = to_xml(filing, edgar_fields=True)
        try:
            again = to_xml(_through_yaml(filing, tmp_path, path.stem), edgar_fields=True)
        except InputError as error:
            failures.append(f"{path.name}: load refused the imported YAML: {error}")
            continue
        if again == expected:
            continue
        if again == _in_reference_order(expected):
            renumbered += 1
            continue
        line = next(i for i, (a, b) in enumerate(zip(again.splitlines(), expected.splitlines(), strict=False), 1) if a != b)
        failures.append(f"{path.name}: line {line}: {expected.splitlines()[line - 1].strip()!r} came back {again.splitlines()[line - 1].strip()!r}")
    with capsys.disabled():
        print(f"\nimport -> load: {read} corpus documents, {renumbered} with footnotes renumbered in order of first reference")
    assert read >= 460
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("written", ["M\x85ADISON", "M&#133;ADISON", "M&#x202E;ADISON", "M\u2066ADISON"])
def test_a_character_a_draft_refuses_is_refused_on_import_with_its_line(written):
    """Found by fuzz/structured.py: NEL (U+0085) in an imported text came back from the YAML as a
    space; what a draft refuses (C1 controls, bidi controls), parse_xml refuses too."""
    import form4gen

    text = form4gen.to_xml(form4gen.load(EXAMPLE)).replace("MADISON", written)
    with pytest.raises(form4gen.InputError) as caught:
        form4gen.parse_xml(text.encode("utf-8"))
    assert "/reportingOwnerAddress/rptOwnerCity: <rptOwnerCity> holds" in caught.value.render() and "which cannot be filed" in caught.value.render()


def test_a_value_used_twice_is_written_twice_not_as_an_alias(tmp_path):
    """Found by fuzz/structured.py: box 3 defaulted to a transaction date shared one date object,
    which the YAML writer made an anchor and alias, which load refuses."""
    import form4gen
    from form4gen.drafts.yaml_out import filing_to_yaml

    text = EXAMPLE.read_text().replace("period_of_report: 2018-10-12", "")
    draft = tmp_path / "no-period.yaml"
    draft.write_text(text)
    filing = form4gen.load(draft)
    written = filing_to_yaml(filing)
    assert "&" not in written.replace("&amp;", "") and "*id" not in written


def test_a_repeated_footnotes_block_is_refused_not_merged():
    """Found by fuzz/structured.py: a second <footnotes> was merged into the first."""
    import form4gen

    text = form4gen.to_xml(form4gen.load(EXAMPLE))
    block = text[text.index("<footnotes>") : text.index("</footnotes>") + len("</footnotes>")]
    doubled = text.replace(block, block + block)
    with pytest.raises(form4gen.InputError) as caught:
        form4gen.parse_xml(doubled.encode("utf-8"))
    assert "<footnotes> appears more than once" in caught.value.render()


def test_an_empty_part_survives_the_round_trip():
    """Found by fuzz/structured.py: an empty <postTransactionAmounts/> (its figure deleted) was
    dropped by the YAML writer, and load then said the part was missing."""
    import form4gen
    from form4gen.drafts.parse import parse_text
    from form4gen.drafts.yaml_out import filing_to_yaml

    text = form4gen.to_xml(form4gen.load(EXAMPLE))
    start = text.index("<postTransactionAmounts>")
    end = text.index("</postTransactionAmounts>") + len("</postTransactionAmounts>")
    emptied = text[:start] + "<postTransactionAmounts/>" + text[end:]
    filing = form4gen.parse_xml(emptied.encode("utf-8"))
    written = filing_to_yaml(filing)
    from form4gen.drafts.load import filing_from_data

    data, lines = parse_text(written, ".yaml", "<round trip>")
    again = filing_from_data(data, "<round trip>", lines)
    assert form4gen.to_xml(again, edgar_fields=True) == form4gen.to_xml(filing, edgar_fields=True)


def test_two_footnotes_with_one_id_are_refused():
    """Found by fuzz/structured.py: the second footnote F1 was lost in the YAML."""
    import form4gen

    text = form4gen.to_xml(form4gen.load(EXAMPLE))
    start = text.index("<footnote ")
    end = text.index("</footnote>", start) + len("</footnote>")
    doubled = text[:end] + text[start:end] + text[end:]
    with pytest.raises(form4gen.InputError) as caught:
        form4gen.parse_xml(doubled.encode("utf-8"))
    assert "two footnotes have the id 'F1'" in caught.value.render()


def test_del_is_refused_on_import_as_in_a_draft():
    import form4gen

    text = form4gen.to_xml(form4gen.load(EXAMPLE)).replace("MADISON", "M\x7fADISON")
    with pytest.raises(form4gen.InputError) as caught:
        form4gen.parse_xml(text.encode("utf-8"))
    assert "holds a control character (U+007F)" in caught.value.render()
