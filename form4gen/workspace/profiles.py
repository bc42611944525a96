"""Owner and issuer profiles: what a workspace knows about the people who report and the
companies they report on, one YAML file per profile (``owners/KEY.yaml``, ``issuers/KEY.yaml``;
the key is the file's stem).

An owner::

    cik: "0001234567"
    name: CARUSO JAMES V              # as EDGAR has it
    address:                          # the form's address fields (form4gen.form.models.Address)
      street1: C/O CELLECTAR BIOSCIENCES, INC.
      city: MADISON
      state: WI
      zip_code: "53716"
    relationships:                    # per issuer profile key
      clrb:
        is_director: true
        is_officer: true
        officer_title: President and CEO
        became_insider: 2014-08-01
        ceased: null
    signers:
      - name: James V. Caruso         # the owner signs himself ...
      - name: Christina Blakley       # ... or an attorney-in-fact, with the POA that authorises her
        attorney_in_fact: true
        poa: {document: poa/caruso-blakley.pdf, granted: 2018-01-02, expires: 2028-01-01, issuers: [clrb]}
    ccc_from: {env: FORM4GEN_CCC_1234567}   # or credentials-file, or keyring; never the CCC itself

An issuer::

    cik: "0001279704"
    name: Cellectar Biosciences, Inc.
    ticker: CLRB
    fiscal_year_end: "12-31"
    securities:
      - title: Common Stock
      - title: Stock Option (right to buy)
        derivative: true
        underlying: Common Stock
        conversion: each option is exercisable for one share of Common Stock
    footnotes:
      grant-terms: The option vests ...

The field types and lengths are the form's own (:mod:`form4gen.form.models`, which takes them
from :mod:`form4gen.form.spec`): a profile holds nothing a filing could not take.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from form4gen.form import spec
from form4gen.form.models import Address, Cik, Relationship, SecurityTitleText

KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"
_KEY = re.compile(f"^{KEY_PATTERN}$")
_FISCAL_YEAR_END = re.compile(r"^(\d\d)-(\d\d)$")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _text(element: str, *, min_length: int = 0) -> Any:
    """A text the form holds in ``element``: its length is the form's (form4gen.form.spec)."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=spec.MAX_LENGTH[element])]


def key_problem(key: str) -> str | None:
    """What is wrong with a profile key (a file name stem), or None."""
    if _KEY.match(key) and ".." not in key:
        return None
    return "a profile key is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (it is the file's name)"


def _fiscal_year_end(value: str) -> str:
    match = _FISCAL_YEAR_END.match(value)
    if match is None:
        raise ValueError(f"expected the month and day as MM-DD (for example 12-31), not {value!r}")
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise ValueError(f"{value} is not a day of the year (MM-DD)")
    return value


def _profile_key(value: str) -> str:
    problem = key_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


ProfileKey = Annotated[str, AfterValidator(_profile_key)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class ProfileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- owners ------------------------------------------------------------------------------------


class IssuerRelationship(Relationship):
    """Box 5 for one issuer (the form's fields), and when the owner became and stopped being an
    insider of it (the Form 3 event; the end of reporting)."""

    became_insider: date | None = None
    ceased: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> IssuerRelationship:
        if self.officer_title and not self.is_officer:
            raise ValueError("officer_title is given but is_officer is not true")
        if self.other_text and not self.is_other:
            raise ValueError("other_text is given but is_other is not true")
        if self.became_insider and self.ceased and self.ceased < self.became_insider:
            raise ValueError(f"ceased ({self.ceased}) is before became_insider ({self.became_insider})")
        return self

    def form_relationship(self) -> dict[str, Any]:
        """Box 5 as a draft writes it (fields left out stay out)."""
        return self.model_dump(mode="json", exclude_none=True, exclude={"became_insider", "ceased"})

    def insider_on(self, day: date) -> bool:
        return (self.became_insider is None or self.became_insider <= day) and (self.ceased is None or day <= self.ceased)


class PowerOfAttorney(ProfileModel):
    """The power of attorney that authorises an attorney-in-fact: the EX-24 document (a file under
    the workspace's ``poa/``), when it was granted, and when it expires or was revoked."""

    document: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    granted: date
    expires: date | None = None
    revoked: date | None = None
    issuers: list[ProfileKey] = Field(default_factory=list)  # the issuer keys it covers (empty: all)

    @model_validator(mode="after")
    def _dates(self) -> PowerOfAttorney:
        if self.expires and self.expires < self.granted:
            raise ValueError(f"expires ({self.expires}) is before granted ({self.granted})")
        if self.revoked and self.revoked < self.granted:
            raise ValueError(f"revoked ({self.revoked}) is before granted ({self.granted})")
        return self

    def covers(self, issuer_key: str) -> bool:
        return not self.issuers or issuer_key in self.issuers


class Signer(ProfileModel):
    """Who signs for the owner: the owner, or an attorney-in-fact with the POA."""

    name: Name
    attorney_in_fact: bool = False
    poa: PowerOfAttorney | None = None
    # The conformed signature (default: "/s/ NAME", or "/s/ NAME, attorney-in-fact for OWNER").
    signature: _text("signatureName", min_length=1) | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _poa(self) -> Signer:
        if self.attorney_in_fact and self.poa is None:
            raise ValueError("an attorney-in-fact signs under a power of attorney: give poa (document, granted, expires)")
        if not self.attorney_in_fact and self.poa is not None:
            raise ValueError("poa is given but attorney_in_fact is not true")
        return self

    def conformed(self, owner_name: str) -> str:
        if self.signature:
            return self.signature
        return f"/s/ {self.name}, attorney-in-fact for {owner_name}" if self.attorney_in_fact else f"/s/ {self.name}"


_ENV_NAME = r"[A-Za-z_][A-Za-z0-9_]{0,127}"


class CccFromEnvironment(ProfileModel):
    """The CCC is in this environment variable (its name, never its value)."""

    env: Annotated[str, StringConstraints(pattern=f"^{_ENV_NAME}$")]


CccSource = Literal["credentials-file", "keyring"] | CccFromEnvironment


class OwnerProfile(ProfileModel):
    cik: Cik
    name: _text("rptOwnerName", min_length=1)  # type: ignore[valid-type]  # as EDGAR has it
    address: Address | None = None
    relationships: dict[ProfileKey, IssuerRelationship] = Field(default_factory=dict)
    signers: list[Signer] = Field(default_factory=list)
    ccc_from: CccSource | None = None

    def relationship_with(self, issuer_key: str) -> IssuerRelationship | None:
        return self.relationships.get(issuer_key)

    def attorneys_in_fact(self) -> list[Signer]:
        return [s for s in self.signers if s.attorney_in_fact]


# --- issuers -----------------------------------------------------------------------------------


class Security(ProfileModel):
    """A class of the issuer's securities as filings name it."""

    title: SecurityTitleText
    derivative: bool = False
    underlying: SecurityTitleText | None = None
    conversion: Annotated[str, StringConstraints(max_length=2000)] | None = None  # the conversion or exercise terms, in words

    @model_validator(mode="after")
    def _underlying(self) -> Security:
        if self.underlying and not self.derivative:
            raise ValueError("underlying is given but derivative is not true")
        return self


class IssuerProfile(ProfileModel):
    cik: Cik
    name: _text("issuerName", min_length=1)  # type: ignore[valid-type]
    ticker: _text("issuerTradingSymbol", min_length=1)  # type: ignore[valid-type]
    foreign_ticker: _text("issuerForeignTradingSymbol") | None = None  # type: ignore[valid-type]
    fiscal_year_end: Annotated[str, AfterValidator(_fiscal_year_end)] | None = None
    securities: list[Security] = Field(default_factory=list)
    footnotes: dict[str, Annotated[str, StringConstraints(min_length=1)]] = Field(default_factory=dict)

    def form_issuer(self) -> dict[str, Any]:
        """Box 2 as a draft writes it."""
        out: dict[str, Any] = {"cik": self.cik, "name": self.name, "trading_symbol": self.ticker}
        if self.foreign_ticker:
            out["foreign_trading_symbol"] = self.foreign_ticker
        return out


PROFILE_MODELS: dict[str, type[OwnerProfile] | type[IssuerProfile]] = {"owner": OwnerProfile, "issuer": IssuerProfile}
