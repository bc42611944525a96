"""Box 2: the issuer (rules.md section D)."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form.models import Filing
from form4gen.rules.registry import Context, Violation, XmlDocument, rule
from form4gen.rules.xml_format import supplied

PLACEHOLDER_SYMBOLS = frozenset({"NONE", "N/A", "NA", "NULL", "-", "--", "TBD"})


@rule(
    "ISS-CIK",
    "error",
    fix="Use the issuer's CIK as EDGAR lists it (up to 10 digits, not all zeros).",
    source="OTS §4.3.1, §5; XSD CIK",
)
def issuer_cik_is_real(filing: Filing, context: Context) -> Iterator[Violation]:
    """The issuer CIK is a real CIK, not zeros.

    EDGAR suspends a filing whose ``issuerCik`` is not a valid EDGAR CIK.  The schema only
    checks for 1 to 10 digits; a CIK of zeros is the usual placeholder left in by mistake.

    Fails::

        issuer: {cik: "0000000000", trading_symbol: EXMP}

    Reported on: issuer.cik
    Message: is not a CIK

    Passes::

        issuer: {cik: "0000320193", trading_symbol: EXMP}
    """
    if filing.issuer.cik.strip("0") == "":
        yield Violation(f"issuerCik {filing.issuer.cik!r} is not a CIK", ("issuer", "cik"))


@rule(
    "ISS-SYMBOL",
    "warning",
    fix="Confirm the issuer has no ticker; the placeholder is then fine.",
    source="XSD (issuerTradingSymbol required); practice",
)
def trading_symbol_placeholder(filing: Filing, context: Context) -> Iterator[Violation]:
    """The trading symbol is a real ticker, or a placeholder someone confirmed.

    ``issuerTradingSymbol`` is required even when the issuer has no listed security; filers then
    write a placeholder such as "NONE".  That is accepted, but it is also what a forgotten field
    looks like, so it is flagged for a look.

    Fails::

        issuer: {trading_symbol: NONE}

    Reported on: issuer.trading_symbol
    Message: the placeholder 'NONE'

    Passes::

        issuer: {trading_symbol: EXMP}
    """
    symbol = filing.issuer.trading_symbol.strip().upper()
    if symbol in PLACEHOLDER_SYMBOLS:
        yield Violation(f"issuerTradingSymbol is the placeholder {filing.issuer.trading_symbol!r}", ("issuer", "trading_symbol"))


@rule(
    "ISS-NAME",
    "warning",
    kind="xml",
    fix="Leave issuerName out of the submission: EDGAR inserts the registered name.",
    source="OTS §4.3.1",
)
def issuer_name_not_submitted(document: XmlDocument, context: Context) -> Iterator[Violation]:
    """A submission leaves out issuerName.

    EDGAR inserts the issuer's name as registered for the CIK; a supplied name draws a warning
    and is discarded.  (A form4gen draft may hold the name for the preview; it is not written
    to the XML.)

    Fails::

        <ownershipDocument><issuer><issuerCik>0000320193</issuerCik><issuerName>Example Corp</issuerName></issuer></ownershipDocument>

    Reported on: /ownershipDocument/issuer/issuerName
    Message: EDGAR discards it

    Passes::

        <ownershipDocument><issuer><issuerCik>0000320193</issuerCik></issuer></ownershipDocument>
    """
    for node in supplied(document, ("issuerName",)):
        yield Violation(
            f"issuerName {(node.text or '').strip()!r} is given; EDGAR discards it", line=node.sourceline, xml_path="/ownershipDocument/issuer/issuerName"
        )
