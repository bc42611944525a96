"""Box 1: the reporting owners' addresses, US and (since schema X0609) non-US (rules.md
section E)."""

from __future__ import annotations

from collections.abc import Iterator

from form4gen.form import spec
from form4gen.form.models import Filing
from form4gen.form.regulation import HFIAA_EFFECTIVE
from form4gen.rules.registry import Context, Violation, rule


@rule(
    "OWN-ADDR-ALL",
    "warning",
    fix="Give the whole address (street, city, state and ZIP code; or street, city and country), or none.",
    source="OTS §4.3.2; XSD annotation",
)
def address_complete_or_absent(filing: Filing, context: Context) -> Iterator[Violation]:
    """A reporting owner's address is complete, or left out.

    With no address EDGAR uses the address of record; with any part of one, EDGAR uses only
    what was given, so a partial address replaces a good one on the public record.  EDGAR's
    disseminated copies carry the address of record and are not checked.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            address: {street1: 1 Main St, city: Springfield}
            relationship: {is_director: true}

    Reported on: reporting_owners[0].address
    Message: has no state, zip_code

    Passes::

        reporting_owners:
          - cik: "0001000001"
            address: {street1: 1 Main St, city: Springfield, state: IL, zip_code: "62701"}
            relationship: {is_director: true}
    """
    if context.document_of_record:
        return
    for index, owner in enumerate(filing.reporting_owners):
        a = owner.address
        if a is None:
            continue
        given = {k for k in ("street1", "street2", "city", "state", "zip_code", "country", "non_us_state_territory") if (getattr(a, k) or "").strip()}
        if not given:
            continue
        needed = ("street1", "city", "country") if a.non_us_address else ("street1", "city", "state", "zip_code")
        missing = [k for k in needed if k not in given]
        if missing:
            yield Violation(f"reporting owner {owner.cik}'s address has no {', '.join(missing)}", ("reporting_owners", index, "address"))


@rule(
    "OWN-ADDR-LEN",
    "error",
    fix="Shorten rptOwnerNonUSStateTerritory to 30 characters.",
    source="OTS v5.5 §3.5 (element table: 30; the XSD allows 40)",
    since=HFIAA_EFFECTIVE,
)
def non_us_state_length(filing: Filing, context: Context) -> Iterator[Violation]:
    """A non-US state or territory is at most 30 characters.

    The v5.5 element table limits ``rptOwnerNonUSStateTerritory`` to 30 characters while the
    schema lets 40 through; EDGAR's own form enforces the table.

    Fails::

        reporting_owners:
          - cik: "0001000001"
            address: {non_us_address: true, street1: 1 High St, city: Perth, non_us_state_territory: Western Australia State Territory, country: C3}
            relationship: {is_director: true}

    Reported on: reporting_owners[0].address.non_us_state_territory
    Message: 33 characters (limit 30)

    Passes::

        reporting_owners:
          - cik: "0001000001"
            address: {non_us_address: true, street1: 1 High St, city: Perth, non_us_state_territory: Western Australia, country: C3}
            relationship: {is_director: true}
    """
    limit = spec.ELEMENT_TABLE_MAX_LENGTH["rptOwnerNonUSStateTerritory"]
    for index, owner in enumerate(filing.reporting_owners):
        value = owner.address.non_us_state_territory if owner.address else None
        if value and len(value) > limit:
            yield Violation(
                f"rptOwnerNonUSStateTerritory {value!r} is {len(value)} characters (limit {limit})",
                ("reporting_owners", index, "address", "non_us_state_territory"),
            )


@rule(
    "OWN-NONUS",
    "error",
    fix="With non_us_address true give country (and no state); with it false give state.",
    source="OTS v5.5 §3.3 cm(9)-(10)",
    since=HFIAA_EFFECTIVE,
)
def non_us_flag_consistent(filing: Filing, context: Context) -> Iterator[Violation]:
    """The non-US address flag agrees with the state or country given.

    Since schema X0609, ``rptOwnerNonUSAddressFlag`` true requires ``rptOwnerCountry`` (from the
    country list) and false requires ``rptOwnerState`` (from the US state list).

    Fails::

        reporting_owners:
          - cik: "0001000001"
            address: {non_us_address: true, street1: 1 High St, city: London, zip_code: EC1A 1BB}
            relationship: {is_director: true}

    Reported on: reporting_owners[0].address.country
    Message: no rptOwnerCountry

    Passes::

        reporting_owners:
          - cik: "0001000001"
            address: {non_us_address: true, street1: 1 High St, city: London, country: X0, zip_code: EC1A 1BB}
            relationship: {is_director: true}
    """
    for index, owner in enumerate(filing.reporting_owners):
        a = owner.address
        if a is None or a.non_us_address is None:
            continue
        path = ("reporting_owners", index, "address")
        state = (a.state or "").strip()
        country = (a.country or "").strip()
        if a.non_us_address and not country:
            yield Violation(f"reporting owner {owner.cik} has a non-US address with no rptOwnerCountry", (*path, "country"))
        if a.non_us_address and state:
            yield Violation(f"reporting owner {owner.cik} has a non-US address with US state {state!r}", (*path, "state"))
        if not a.non_us_address and not state:
            yield Violation(f"reporting owner {owner.cik} has a US address with no rptOwnerState", (*path, "state"))
