"""The lexical spaces of the schema's simple types, as EDGAR's schema writes values: how the
reader turns an element's text into a value, or says what to write instead."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from form4gen.form.spec import Simple

# The lexical spaces of the schema's simple types (XML Schema Part 2), in ASCII: Python's
# Decimal() and int() also take 1e3, 1_500 and Arabic-Indic or full-width digits, pydantic's bool
# takes yes/on/t, and re's \d and \s match any Unicode digit or space.  xs:date allows a timezone
# suffix (2021-09-30-05:00); the form's date is the calendar date (years 0001 to 9999 here).
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_BOOLEAN = frozenset({"true", "false", "1", "0"})
_DATE_WITH_ZONE = re.compile(r"([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?")
# The whitespace an XML Schema facet replaces or collapses: space, tab, CR and LF only (a no-break
# space or an em space is a character of the value).
_XML_SPACE = " \t\r\n"
_XML_SPACE_RUN = re.compile("[ \t\r\n]+")
# Attributes the schema allows on any element (XML Schema Part 1, 3.2.7): hints where the schema
# is, with nothing of the form in them.  xsi:type and xsi:nil would change what a value means.
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_XSI_HINTS = frozenset({f"{_XSI}schemaLocation", f"{_XSI}noNamespaceSchemaLocation"})
_TRUE_WORDS = frozenset({"yes", "y", "on", "t", "true"})
_FALSE_WORDS = frozenset({"no", "n", "off", "f", "false"})


def shown_value(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: control and invisible characters (and any space but the
    plain one) as \\uXXXX, cut after ``limit`` characters."""
    cut = text[:limit]
    out = "".join(c if c == " " or (c.isprintable() and not c.isspace()) else f"\\u{ord(c):04x}" for c in cut)
    return f'"{out}"' + (f" (and {len(text) - limit:,} more characters)" if len(text) > limit else "")


def _as_decimal_text(text: str) -> str | None:
    """The number Python would make of a text the schema refuses (1e3, 1_500, Arabic-Indic digits), written
    as the schema writes it, if it is a short one."""
    if len(text) > 40:
        return None
    try:
        number = Decimal(text.replace(",", "") if re.fullmatch(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?", text) else text)
    except ArithmeticError:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 20:
        return None
    return format(number, "f")


def _read_decimal(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    if _DECIMAL.fullmatch(value):
        return value, None
    instead = _as_decimal_text(value)
    hint = f"write {instead}" if instead is not None and _DECIMAL.fullmatch(instead) else "write the number in ASCII digits, for example 1500 or 12.50"
    return value, (
        f"{shown_value(value)} is not a number as EDGAR's schema writes one (ASCII digits 0-9, an optional sign "
        f"and decimal point; no exponent, digit separators, spaces or other characters): {hint}"
    )


def _read_boolean(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    if value in _BOOLEAN:
        return value, None
    word = value.lower()
    hint = "write true" if word in _TRUE_WORDS else "write false" if word in _FALSE_WORDS else "write true or false"
    return value, f"{shown_value(value)} is not a boolean as EDGAR's schema writes one (true, false, 1 or 0): {hint}"


def _read_date(text: str) -> tuple[str, str | None]:
    value = text.strip(_XML_SPACE)
    match = _DATE_WITH_ZONE.fullmatch(value)
    if match:
        return match.group(1), None
    return value, (
        f"{shown_value(value)} is not a date as EDGAR's schema writes one: write YYYY-MM-DD in ASCII digits, "
        "for example 2021-09-30 (a timezone such as -05:00 may follow)"
    )


def _read_collapsed(text: str) -> tuple[str, str | None]:
    """A string type whose whitespace facet is collapse (the schema's facets then judge the rest)."""
    return _XML_SPACE_RUN.sub(" ", text).strip(" "), None


def _reader_of(t: Simple) -> Any:
    """How a simple type's text is read: a function giving (value, problem or None), or None
    for a string kept as written (its facets are the model's to judge)."""
    if t.base == "decimal":
        return _read_decimal
    if t.base == "boolean":
        return _read_boolean
    if t.base == "date":
        return _read_date
    if t.whitespace == "collapse" or t.base in ("ID", "IDREF"):
        return _read_collapsed
    return None
