"""The ownership document, element by element: the one place that holds the form's facts.

(Longer than the project's usual 400 lines on purpose: the element tables are read against the
specification's own tables, top to bottom, and splitting them would put one document's elements
in several files.)

Written from the EDGAR Ownership XML Technical Specification v5.5 (schemaVersion X0609):
section 3.2 (data types), 3.5 (element tables: order, lengths, occurrences, per document type),
3.6 (choice lists).  Everything else reads from here:

* the Pydantic models take their lengths, patterns and code lists from the constants below;
* ``form4gen.xml.xsd`` writes the project's schemas in ``schemas/`` from :func:`document_tree`;
* ``form4gen.xml.write`` and ``form4gen.xml.read`` walk :func:`document_tree` to write and read XML
  in schema order, mapping each element to the model attribute named in ``Element.attr``.

The tree is a small XSD-like vocabulary: :class:`Simple` types with facets, :class:`Complex`
types with a sequence or choice of :class:`Element` and :class:`Choice` particles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

from form4gen.form import codes

T = TypeVar("T")

DOCUMENT_TYPES: tuple[str, ...] = ("3", "3/A", "4", "4/A", "5", "5/A")
AMENDMENT_TYPES: frozenset[str] = frozenset({"3/A", "4/A", "5/A"})
CURRENT_SCHEMA_VERSION = "X0609"
AFF10B5ONE_SINCE = "X0508"  # the schema version that added the Rule 10b5-1 box
NON_US_ADDRESS_SINCE = "X0609"  # added the non-US address fields and the foreign trading symbol
# The schema versions EDGAR stamps on what it accepts, by the date each came into use (rules.md
# "Current schema stamp"; EDGAR Release 23.1 of 2023-03-20 and Release 26.1 of 2026-03-18).  A
# document without a stamp (a draft, a submission) is judged by the schema in use on its date.
SCHEMA_VERSION_SINCE: tuple[tuple[str, str], ...] = (
    ("2026-03-18", "X0609"),
    ("2023-03-20", "X0508"),
    ("0001-01-01", "X0407"),
)
TRANSACTION_FORM_TYPES: tuple[str, ...] = ("4", "5")  # FormTypeList, transactions
LATE_HOLDING_FORM_TYPES: tuple[str, ...] = ("3", "")  # FormTypeList, Form 5 holdings (or blank)
UNBOUNDED = -1

# --- section 3.2: data types ------------------------------------------------------------------

DECIMAL_MAX = "999999999999.9999"
DECIMAL_FRACTION_DIGITS = 4
DECIMAL_TOTAL_DIGITS = 16
FOOTNOTE_ID_PATTERN = "F[1-9][0-9]?"
CIK_PATTERN = "[0-9]+"
ZIP_CODE_PATTERN = "[0-9A-Za-z #-]*"
MAX_FOOTNOTE_REFERENCES = 99
MAX_FOOTNOTES = 99

# --- section 3.5: maximum lengths, by element ---------------------------------------------------

MAX_LENGTH: dict[str, int] = {
    "issuerCik": 10,
    "issuerName": 150,
    "issuerTradingSymbol": 10,
    "issuerForeignTradingSymbol": 14,
    "rptOwnerCik": 10,
    "rptOwnerName": 150,
    "rptOwnerStreet1": 40,
    "rptOwnerStreet2": 40,
    "rptOwnerCity": 30,
    # The element table says 30; the schema allows 40.  The schema decides conformance, the rules
    # issue warns past 30.
    "rptOwnerNonUSStateTerritory": 40,
    "rptOwnerState": 2,
    "rptOwnerCountry": 2,
    "rptOwnerZipCode": 10,
    "rptOwnerStateDescription": 50,
    "officerTitle": 30,
    "otherText": 30,
    "securityTitle": 60,
    "natureOfOwnership": 100,
    "footnote": 1000,
    "remarks": 2000,
    "signatureName": 255,
}
# Where the element table (spec §3.5) is stricter than the schema: the rules enforce these.
ELEMENT_TABLE_MAX_LENGTH: dict[str, int] = {"rptOwnerNonUSStateTerritory": 30}
CCC_LENGTH = 8
SCHEMA_VERSION_LENGTH = 5
MAX_REPORTING_OWNERS = 10
MAX_SIGNATURES = 10
MAX_TABLE_ROWS = 30

EMPTY_CODES: tuple[str, ...] = ("", " ", "  ")  # the schema lets a state or country be blank

# --- the type vocabulary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Simple:
    """A simple type: an XSD built-in base plus facets."""

    name: str
    base: str  # string, decimal, date, boolean, ID, IDREF
    min_length: int | None = None
    max_length: int | None = None
    length: int | None = None
    pattern: str | None = None
    enumeration: tuple[str, ...] | None = None
    whitespace: str | None = None
    min_inclusive: str | None = None
    max_inclusive: str | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None


@dataclass(frozen=True)
class Attribute:
    name: str
    type: Simple
    attr: str


@dataclass(frozen=True)
class Element:
    """One element particle.  ``attr`` is the model attribute it maps to; ``None`` makes the
    element a transparent wrapper whose children live on the enclosing model."""

    xml: str
    type: Simple | Complex
    attr: str | None
    min: int = 1
    max: int = 1
    edgar_fills: bool = False  # "NA" in the element table: EDGAR writes it into the disseminated copy
    secret: bool = False  # the CCC


@dataclass(frozen=True)
class Choice:
    options: tuple[Element, ...]
    min: int = 1
    max: int = 1


Particle = Element | Choice


@dataclass(frozen=True)
class Complex:
    name: str
    particles: tuple[Particle, ...] = ()
    group: str = "sequence"  # or "choice": then min/max apply to the group
    group_min: int = 1
    group_max: int = 1
    mixed: bool = False
    attributes: tuple[Attribute, ...] = field(default=())


def is_required(document_type: str, element: str) -> bool:
    """Whether a child of ``ownershipDocument`` is mandatory for this document type."""
    root = document_tree(document_type).type
    assert isinstance(root, Complex)
    return any(e.xml == element and e.min > 0 for e in elements_of(root))


def is_reference(t: Simple | Complex) -> bool:
    """A complex type that is nothing but one attribute (``<footnoteId id="F1"/>``): its value
    in the model is the attribute's value."""
    return isinstance(t, Complex) and not t.particles and not t.mixed and len(t.attributes) == 1


def is_row_table(t: Simple | Complex) -> bool:
    """Table I or Table II: a repeated choice of transaction and holding rows."""
    return isinstance(t, Complex) and any(e.attr == "rows" for e in elements_of(t))


def elements_of(t: Complex) -> list[Element]:
    """Every element particle of a complex type, choices flattened, in order."""
    out: list[Element] = []
    for p in t.particles:
        out.extend(p.options if isinstance(p, Choice) else (p,))
    return out


_COMPILED: dict[tuple[int, Any], tuple[Complex, Any]] = {}


def compiled(t: Complex, make: Callable[[Complex], T]) -> T:
    """``make(t)``, worked out once per complex type (and per ``make``): how the reader and the
    writer turn the element tables into plans they follow element by element."""
    key = (id(t), make)
    held = _COMPILED.get(key)
    if held is None or held[0] is not t:
        held = (t, make(t))
        _COMPILED[key] = held
    return held[1]


# --- simple types ---------------------------------------------------------------------------

BOOLEAN = Simple("xs:boolean", "boolean")
DATE = Simple("xs:date", "date")


def _string(name: str, *, min_length: int | None = None, max_length: int | None = None) -> Simple:
    return Simple(name, "string", min_length=min_length, max_length=max_length)


def _picklist(name: str, values: tuple[str, ...]) -> Simple:
    return Simple(name, "string", pattern="|".join(values))


POSITIVE_DECIMAL = Simple(
    "POSITIVE_DECIMAL",
    "decimal",
    min_inclusive="0.0",
    max_inclusive=DECIMAL_MAX,
    total_digits=DECIMAL_TOTAL_DIGITS,
    fraction_digits=DECIMAL_FRACTION_DIGITS,
)
CIK = Simple("CIK", "string", min_length=1, max_length=MAX_LENGTH["issuerCik"], pattern=CIK_PATTERN)
FOOTNOTE_ID = Simple("FID", "ID", pattern=FOOTNOTE_ID_PATTERN)
FOOTNOTE_REF = Simple("FIDREF", "IDREF", pattern=FOOTNOTE_ID_PATTERN)
TRANSACTION_CODE = _picklist("TRANS_CODE_PICKLIST", tuple(codes.TRANSACTION_CODES))
ACQUIRED_DISPOSED = _picklist("ACQ_DISP_CODE_PICKLIST", tuple(codes.ACQUIRED_DISPOSED_CODES))
DIRECT_INDIRECT = _picklist("OWNERSHIP_TYPE_PICKLIST", tuple(codes.OWNERSHIP_FORMS))
# The schema's pattern is "[E|L]{0,1}", a character class that also admits "|": kept as is so
# that our schema and EDGAR's agree on every document.
TIMELINESS = Simple("TRANS_TIMELY_PICKLIST", "string", pattern="[E|L]{0,1}", whitespace="collapse")
SCHEMA_VERSION = Simple("SCHEMA_VERSION", "string", length=SCHEMA_VERSION_LENGTH)
CCC = Simple("CCC", "string", length=CCC_LENGTH)
STATE = Simple("STATE_CODE", "string", enumeration=EMPTY_CODES + tuple(codes.US_STATE_CODES))
COUNTRY = Simple(
    "COUNTRY_CODE",
    "string",
    enumeration=EMPTY_CODES + tuple(codes.COUNTRY_CODES) + tuple(codes.OBSOLETE_COUNTRY_CODES),
)
ZIP_CODE = Simple("ZIP_CODE", "string", min_length=0, max_length=MAX_LENGTH["rptOwnerZipCode"], pattern=ZIP_CODE_PATTERN)
# Before X0609 the state list also held EDGAR's country codes (A6 Ontario, X0 United Kingdom...).
STATE_BEFORE_X0609 = Simple(
    "STATE_CODE",
    "string",
    enumeration=EMPTY_CODES
    + tuple(codes.US_STATE_CODES)
    + tuple(c for c in (*codes.COUNTRY_CODES, *codes.OBSOLETE_COUNTRY_CODES) if c not in codes.US_STATE_CODES),
)
SECURITY_TITLE_TEXT = _string("SECURITY_TITLE_TEXT", min_length=1, max_length=MAX_LENGTH["securityTitle"])
NATURE_TEXT = _string("NATURE_TEXT", max_length=MAX_LENGTH["natureOfOwnership"])
STRING_30 = _string("STRING_30", max_length=MAX_LENGTH["officerTitle"])  # officerTitle, otherText
STRING_2000 = _string("STRING_2000", max_length=MAX_LENGTH["remarks"])


def _length_type(element: str, *, min_length: int | None = None) -> Simple:
    return _string(f"{element}Text", min_length=min_length, max_length=MAX_LENGTH[element])


# --- complex types shared by all documents ----------------------------------------------------

FOOTNOTE_REFERENCE = Complex("FOOTNOTE_ID", attributes=(Attribute("id", FOOTNOTE_REF, "id"),))


def _refs(max_occurs: int = MAX_FOOTNOTE_REFERENCES, min_occurs: int = 0) -> Element:
    return Element("footnoteId", FOOTNOTE_REFERENCE, "footnotes", min=min_occurs, max=max_occurs)


def _with_footnotes(name: str, value_type: Simple, *, optional_value: bool = False) -> Complex:
    """value (required or optional), then up to 99 footnote references."""
    return Complex(name, (Element("value", value_type, "value", min=0 if optional_value else 1), _refs()))


def _value_or_footnote(name: str, value_type: Simple) -> Complex:
    """cm(8): a value, or at least one footnote reference in its place."""
    return Complex(
        name,
        (
            Choice((Element("value", value_type, "value"), _refs(1, min_occurs=1))),
            _refs(MAX_FOOTNOTE_REFERENCES - 1),
        ),
    )


NUMBER_WITH_FOOTNOTE = _with_footnotes("NUMBER_WITH_FOOTNOTE", POSITIVE_DECIMAL)
OPT_NUMBER_WITH_FOOTNOTE = _value_or_footnote("OPT_NUMBER_WITH_FOOTNOTE", POSITIVE_DECIMAL)
DATE_WITH_FOOTNOTE = _with_footnotes("DATE_WITH_FOOTNOTE", DATE)
DATE_AND_OR_FOOTNOTE = _with_footnotes("DATE_AND_OR_FOOTNOTE", DATE, optional_value=True)
OPT_DATE_WITH_FOOTNOTE = _value_or_footnote("OPT_DATE_WITH_FOOTNOTE", DATE)
SECURITY_TITLE = _with_footnotes("SECURITY_TITLE", SECURITY_TITLE_TEXT)
ACQ_DISP_CODE = _with_footnotes("ACQ_DISP_CODE", ACQUIRED_DISPOSED)
ACQ_DISP_NO_FOOT = Complex("ACQ_DISP_NO_FOOT", (Element("value", ACQUIRED_DISPOSED, "value"),))
OWNERSHIP_TYPE = _with_footnotes("OWNERSHIP_TYPE", DIRECT_INDIRECT)
INDIRECT_NATURE = _with_footnotes("INDIRECT_NATURE", NATURE_TEXT)
TRANSACTION_TIMELINESS = _with_footnotes("TRANSACTION_TIMELINESS", TIMELINESS, optional_value=True)
TRANSACTION_TIMELINESS_NOFOOT = Complex("TRANSACTION_TIMELINESS_NOFOOT", (Element("value", TIMELINESS, "value", min=0),))

ISSUER = Complex(
    "ISSUER",
    (
        Element("issuerCik", CIK, "cik"),
        Element("issuerName", _length_type("issuerName"), "name", min=0, edgar_fills=True),
        Element("issuerTradingSymbol", _length_type("issuerTradingSymbol", min_length=1), "trading_symbol"),
        Element(
            "issuerForeignTradingSymbol",
            _length_type("issuerForeignTradingSymbol", min_length=0),
            "foreign_trading_symbol",
            min=0,
        ),
    ),
)

REPORTING_ID = Complex(
    "REPORTING_ID",
    (
        Element("rptOwnerCik", CIK, "cik"),
        Element("rptOwnerCcc", CCC, "ccc", min=0, secret=True),
        Element("rptOwnerName", _length_type("rptOwnerName"), "name", min=0, edgar_fills=True),
    ),
)


def _address_line(element: str, attr: str) -> Element:
    return Element(element, _length_type(element, min_length=0), attr, min=0)


REPORTING_ADDRESS = Complex(
    "REPORTING_ADDRESS",
    (
        Element("rptOwnerNonUSAddressFlag", BOOLEAN, "non_us_address", min=0),
        _address_line("rptOwnerStreet1", "street1"),
        _address_line("rptOwnerStreet2", "street2"),
        _address_line("rptOwnerCity", "city"),
        _address_line("rptOwnerNonUSStateTerritory", "non_us_state_territory"),
        Element("rptOwnerState", STATE, "state", min=0),
        Element("rptOwnerCountry", COUNTRY, "country", min=0),
        Element("rptOwnerZipCode", ZIP_CODE, "zip_code", min=0),
        Element(
            "rptOwnerStateDescription",
            _length_type("rptOwnerStateDescription", min_length=0),
            "state_description",
            min=0,
            edgar_fills=True,
        ),
        Element("rptOwnerGoodAddress", BOOLEAN, "good_address", min=0, edgar_fills=True),
    ),
)

REPORTING_RELATIONSHIP = Complex(
    "REPORTING_RELATIONSHIP",
    (
        Element("isDirector", BOOLEAN, "is_director", min=0),
        Element("isOfficer", BOOLEAN, "is_officer", min=0),
        Element("isTenPercentOwner", BOOLEAN, "is_ten_percent_owner", min=0),
        Element("isOther", BOOLEAN, "is_other", min=0),
        Element("officerTitle", STRING_30, "officer_title", min=0),
        Element("otherText", STRING_30, "other_text", min=0),
    ),
)

REPORTING_OWNER = Complex(
    "REPORTING_OWNER",
    (
        Element("reportingOwnerId", REPORTING_ID, None),
        Element("reportingOwnerAddress", REPORTING_ADDRESS, "address", min=0),
        Element("reportingOwnerRelationship", REPORTING_RELATIONSHIP, "relationship"),
    ),
)

UNDERLYING_SECURITY = Complex(
    "UNDERLYING_SECURITY",
    (
        Element("underlyingSecurityTitle", SECURITY_TITLE, "title"),
        Choice(
            (
                Element("underlyingSecurityShares", OPT_NUMBER_WITH_FOOTNOTE, "shares", min=0),
                Element("underlyingSecurityValue", OPT_NUMBER_WITH_FOOTNOTE, "value", min=0),
            )
        ),
    ),
)


def _amounts(name: str, *, derivative: bool, ad_type: Complex) -> Complex:
    shares = Element("transactionShares", NUMBER_WITH_FOOTNOTE, "shares")
    first: Particle = Choice((shares, Element("transactionTotalValue", NUMBER_WITH_FOOTNOTE, "total_value"))) if derivative else shares
    return Complex(
        name,
        (
            first,
            Element("transactionPricePerShare", OPT_NUMBER_WITH_FOOTNOTE, "price_per_share"),
            Element("transactionAcquiredDisposedCode", ad_type, "acquired_disposed_code"),
        ),
    )


NONDERIV_TRANSACT_AMOUNTS = _amounts("NONDERIV_TRANSACT_AMOUNTS", derivative=False, ad_type=ACQ_DISP_CODE)
# Table II transactions use the variant whose A/D code cannot carry a footnote (rule DV-AMOUNTS).
DERIV_TRANSACT_NO_FOOT = _amounts("DERIV_TRANSACT_NO_FOOT", derivative=True, ad_type=ACQ_DISP_NO_FOOT)

POST_TRANSACTION_AMOUNTS = Complex(
    "POST_TRANSACTION_AMOUNTS",
    (
        Element("sharesOwnedFollowingTransaction", NUMBER_WITH_FOOTNOTE, "shares_owned_following_transaction"),
        Element("valueOwnedFollowingTransaction", NUMBER_WITH_FOOTNOTE, "value_owned_following_transaction"),
    ),
    group="choice",
)

OWNERSHIP_NATURE = Complex(
    "OWNERSHIP_NATURE",
    (
        Element("directOrIndirectOwnership", OWNERSHIP_TYPE, "direct_or_indirect_ownership"),
        Element("natureOfOwnership", INDIRECT_NATURE, "nature_of_ownership", min=0),
    ),
)

FOOTNOTE = Complex("FOOTNOTE", mixed=True, attributes=(Attribute("id", FOOTNOTE_ID, "id"),))
FOOTNOTE_GROUP = Complex("FOOTNOTE_GROUP", (Element("footnote", FOOTNOTE, "footnotes", min=0, max=MAX_FOOTNOTES),))

SIGNATURE = Complex(
    "SIGNATURE",
    (
        Element("signatureName", _length_type("signatureName", min_length=1), "name"),
        Element("signatureDate", DATE, "date"),
    ),
)

# --- per document type -----------------------------------------------------------------------


def _form(document_type: str) -> str:
    """'4/A' -> '4'."""
    return document_type[0]


def _transaction_coding(form: str) -> Complex:
    form_type = Simple(f"TRANS_FORM{form}_TYPE_PICKLIST", "string", pattern="|".join(TRANSACTION_FORM_TYPES))
    return Complex(
        f"TRANSACTION_CODING_FOR_{form}",
        (
            Element("transactionFormType", form_type, "form_type"),
            Element("transactionCode", TRANSACTION_CODE, "code"),
            Element("equitySwapInvolved", BOOLEAN, "equity_swap_involved"),
            _refs(),
        ),
    )


# On Form 5 a holding may say it is a late Form 3 holding (transactionFormType 3, or blank).
LATE_HOLDING = Simple("LATE_HOLDING", "string", pattern="[3]{0,1}")
TRANSACTION_CODE_FOR_HOLDING = Complex("TRANSACTION_CODE_FOR_HOLDING", (Element("transactionFormType", LATE_HOLDING, "form_type", min=0), _refs()))


def schema_version_on(day: str) -> str:
    """The schema version EDGAR used on an ISO date."""
    for since, version in SCHEMA_VERSION_SINCE:
        if day >= since:
            return version
    return SCHEMA_VERSION_SINCE[-1][1]


def schema_era(version: str | None) -> str:
    """The schema version whose element tables judge a document stamped ``version``: versions
    before X0508 share one set of tables here (X0202 to X0407 differ in no element we know of);
    a missing or unknown stamp means the current tables."""
    if not version or not re.fullmatch(r"X\d{4}", version) or version >= CURRENT_SCHEMA_VERSION:
        return CURRENT_SCHEMA_VERSION
    if version >= AFF10B5ONE_SINCE:
        return AFF10B5ONE_SINCE
    return SCHEMA_VERSION_SINCE[-1][1]


def _without(t: Complex, names: set[str]) -> Complex:
    kept = tuple(p for p in t.particles if not (isinstance(p, Element) and p.xml in names))
    return replace(t, particles=kept)


@cache
def document_tree(document_type: str, version: str = CURRENT_SCHEMA_VERSION) -> Element:
    """The ``ownershipDocument`` element for one document type, as spec section 3.5 lays it out,
    in the form of schema ``version`` (see :func:`schema_era`): before X0609 there are no non-US
    address fields or foreign trading symbol and the state list takes country codes; before
    X0508 the Rule 10b5-1 box is optional."""
    version = schema_era(version)
    if document_type not in DOCUMENT_TYPES:
        raise ValueError(f"document type must be one of {', '.join(DOCUMENT_TYPES)}, not {document_type!r}")
    form = _form(document_type)
    amendment = document_type in AMENDMENT_TYPES
    title = Element("securityTitle", SECURITY_TITLE, "security_title")
    price = Element("conversionOrExercisePrice", OPT_NUMBER_WITH_FOOTNOTE, "conversion_or_exercise_price")
    exercise = Element("exerciseDate", OPT_DATE_WITH_FOOTNOTE, "exercise_date")
    expiration = Element("expirationDate", OPT_DATE_WITH_FOOTNOTE, "expiration_date")
    underlying = Element("underlyingSecurity", UNDERLYING_SECURITY, "underlying_security")
    post = Element("postTransactionAmounts", POST_TRANSACTION_AMOUNTS, "post_transaction_amounts")
    nature = Element("ownershipNature", OWNERSHIP_NATURE, "ownership_nature")
    holding_coding = [Element("transactionCoding", TRANSACTION_CODE_FOR_HOLDING, "transaction_coding", min=0)] if form == "5" else []

    nd_holding = Complex("NONDERIVATIVE_HOLDING", (title, *holding_coding, post, nature))
    d_holding = Complex(
        "DERIVATIVE_HOLDING",
        # Form 3 has no "owned following" column in Table II: it reports what is held.
        (title, price, *holding_coding, exercise, expiration, underlying, *([] if form == "3" else [post]), nature),
    )
    nd_rows: list[Element] = []
    d_rows: list[Element] = []
    if form != "3":
        coding = _transaction_coding(form)
        timeliness = TRANSACTION_TIMELINESS if form == "4" else TRANSACTION_TIMELINESS_NOFOOT
        date = Element("transactionDate", DATE_WITH_FOOTNOTE, "transaction_date")
        deemed = Element("deemedExecutionDate", DATE_AND_OR_FOOTNOTE, "deemed_execution_date", min=0)
        coding_el = Element("transactionCoding", coding, "transaction_coding", min=0)
        timely_el = Element("transactionTimeliness", timeliness, "transaction_timeliness", min=0)
        nd_transaction = Complex(
            "NONDERIVATIVE_TRANSACTION",
            (
                title,
                date,
                deemed,
                coding_el,
                timely_el,
                Element("transactionAmounts", NONDERIV_TRANSACT_AMOUNTS, "transaction_amounts"),
                post,
                nature,
            ),
        )
        d_transaction = Complex(
            "DERIVATIVE_TRANSACTION",
            (
                title,
                price,
                date,
                deemed,
                coding_el,
                timely_el,
                Element("transactionAmounts", DERIV_TRANSACT_NO_FOOT, "transaction_amounts"),
                exercise,
                expiration,
                underlying,
                post,
                nature,
            ),
        )
        nd_rows.append(Element("nonDerivativeTransaction", nd_transaction, "rows"))
        d_rows.append(Element("derivativeTransaction", d_transaction, "rows"))
    nd_rows.append(Element("nonDerivativeHolding", nd_holding, "rows"))
    d_rows.append(Element("derivativeHolding", d_holding, "rows"))
    nd_table = Complex("NONDERIVATIVE_TABLE", tuple(nd_rows), group="choice", group_min=0, group_max=MAX_TABLE_ROWS)
    d_table = Complex("DERIVATIVE_TABLE", tuple(d_rows), group="choice", group_min=0, group_max=MAX_TABLE_ROWS)

    doc_type = Simple("DOCUMENT_TYPE", "string", pattern=document_type)
    head: list[Element] = [
        Element("schemaVersion", SCHEMA_VERSION, "schema_version", min=0, edgar_fills=True),
        Element("documentType", doc_type, "document_type"),
        Element("periodOfReport", DATE, "period_of_report"),
    ]
    if amendment:
        head.append(Element("dateOfOriginalSubmission", DATE, "date_of_original_submission"))
    if form == "3":
        head.append(Element("noSecuritiesOwned", BOOLEAN, "no_securities_owned", min=0, edgar_fills=True))
    else:
        head.append(Element("notSubjectToSection16", BOOLEAN, "not_subject_to_section16", min=0))
    if form == "5":
        head.append(Element("form3HoldingsReported", BOOLEAN, "form3_holdings_reported", min=0, edgar_fills=True))
        head.append(Element("form4TransactionsReported", BOOLEAN, "form4_transactions_reported", min=0, edgar_fills=True))
    issuer, owner = ISSUER, REPORTING_OWNER
    if version < NON_US_ADDRESS_SINCE:
        issuer = _without(ISSUER, {"issuerForeignTradingSymbol"})
        address = _without(REPORTING_ADDRESS, {"rptOwnerNonUSAddressFlag", "rptOwnerNonUSStateTerritory", "rptOwnerCountry"})
        address = replace(
            address,
            particles=tuple(replace(p, type=STATE_BEFORE_X0609) if isinstance(p, Element) and p.xml == "rptOwnerState" else p for p in address.particles),
        )
        owner = replace(
            REPORTING_OWNER,
            particles=tuple(replace(p, type=address) if isinstance(p, Element) and p.xml == "reportingOwnerAddress" else p for p in REPORTING_OWNER.particles),
        )
    # The Rule 10b5-1 box: required on Forms 4 and 5 since X0508; Form 3 tolerates it.  Before
    # X0508 it is optional: in the 2023 changeover EDGAR accepted documents that carried it and
    # still stamped them X0407.
    plan_box = [Element("aff10b5One", BOOLEAN, "aff10b5one", min=0 if form == "3" or version < AFF10B5ONE_SINCE else 1)]
    body = (
        Element("issuer", issuer, "issuer"),
        Element("reportingOwner", owner, "reporting_owners", max=MAX_REPORTING_OWNERS),
        *plan_box,
        Element("nonDerivativeTable", nd_table, "non_derivative_table", min=0),
        Element("derivativeTable", d_table, "derivative_table", min=0),
        Element("footnotes", FOOTNOTE_GROUP, None, min=0),
        Element("remarks", STRING_2000, "remarks", min=0),
        Element("ownerSignature", SIGNATURE, "signatures", max=MAX_SIGNATURES),
    )
    root = Complex("OWNERSHIP_DOCUMENT", (*head, *body))
    return Element("ownershipDocument", root, None)


# --- section 3.4: the submission envelope ------------------------------------------------------

# Lengths and counts of the envelope's fields (section 3.4); form4gen.xml.envelope reads them too.
SUBMISSION_MAX_LENGTH: dict[str, int] = {
    "contactName": 30,
    "contactPhoneNumber": 20,
    "contactEmailAddress": 80,
    "notificationEmailAddress": 80,
    "documentName": 32,
    "documentType": 20,
    "documentDescription": 255,
}
MAX_NOTIFICATION_ADDRESSES = 30
MAX_EDGAR_DOCUMENTS = 611

SUBMISSION_TYPE = Simple("SUBMISSION_TYPE", "string", pattern="|".join(DOCUMENT_TYPES))
LIVE_OR_TEST = Simple("LIVE_OR_TEST", "string", pattern="LIVE|TEST")
STRING_80 = _string("STRING_80", max_length=SUBMISSION_MAX_LENGTH["contactEmailAddress"])


@cache
def submission_tree() -> Element:
    """The ``edgarSubmission`` envelope (spec section 3.4)."""
    contact = Complex(
        "POINT_OF_CONTACT",
        (
            Element("contactName", _string("CONTACT_NAME", max_length=SUBMISSION_MAX_LENGTH["contactName"]), "name", min=0),
            Element("contactPhoneNumber", _string("CONTACT_PHONE", max_length=SUBMISSION_MAX_LENGTH["contactPhoneNumber"]), "phone", min=0),
            Element("contactEmailAddress", STRING_80, "email", min=0),
        ),
    )
    document = Complex(
        "EDGAR_DOCUMENT",
        (
            Element("documentName", _string("DOCUMENT_NAME", min_length=1, max_length=SUBMISSION_MAX_LENGTH["documentName"]), "name"),
            Element("documentType", _string("EDGAR_DOCUMENT_TYPE", min_length=1, max_length=SUBMISSION_MAX_LENGTH["documentType"]), "type"),
            Element(
                "documentDescription",
                _string("DOCUMENT_DESCRIPTION", max_length=SUBMISSION_MAX_LENGTH["documentDescription"]),
                "description",
                min=0,
            ),
            Element("documentMimeBlock", _string("MIME_BLOCK", min_length=1), "mime_block"),
        ),
    )
    notify = Complex("NOTIFY_GROUP", (Element("notificationEmailAddress", STRING_80, "emails", min=0, max=MAX_NOTIFICATION_ADDRESSES),))
    root = Complex(
        "EDGAR_SUBMISSION",
        (
            Element("submissionType", SUBMISSION_TYPE, "submission_type"),
            Element("testOrLive", LIVE_OR_TEST, "test_or_live"),
            Element("pointOfContact", contact, "point_of_contact", min=0),
            Element("notificationAddresses", notify, "notification_addresses", min=0),
            Element("edgarDocument", document, "documents", max=MAX_EDGAR_DOCUMENTS),
        ),
    )
    return Element("edgarSubmission", root, None)
