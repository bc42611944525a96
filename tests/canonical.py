"""Canonical form of an ownership document, for comparing two documents.

Two documents are equal when their canonical forms are: element names, attributes and text in
document order, where
* whitespace-only text is ignored, and so are elements left with no text, attributes or children;
* numbers are compared as numbers (``1000`` equals ``1000.00``);
* booleans are compared as 1/0 (``true`` equals ``1``);
* dates are compared as calendar dates (a timezone suffix such as ``-05:00`` is dropped: the form
  shows the date, and so does EDGAR's own rendering).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

_NUMBER = re.compile(r"^\s*\d+(\.\d*)?\s*$|^\s*\.\d+\s*$")
_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})\s*$")
_BOOLEAN = {"true": "1", "false": "0"}


def canonical_text(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    if _NUMBER.match(text):
        try:
            return str(Decimal(text.strip()).normalize())
        except InvalidOperation:
            pass
    stripped = text.strip()
    if stripped in _BOOLEAN:
        return _BOOLEAN[stripped]
    date = _DATE.match(text)
    if date:
        return date.group(1)
    return text


def canonical(element: etree._Element):
    children = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        c = canonical(child)
        if c is not None:
            children.append(c)
    text = canonical_text(element.text)
    attributes = tuple(sorted(element.attrib.items()))
    if text is None and not attributes and not children:
        return None
    return (element.tag, attributes, text, tuple(children))


def canonical_document(data: bytes | str):
    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    return canonical(etree.fromstring(data, parser))


def first_difference(a, b, path: str = "") -> str | None:
    """Where two canonical forms first differ, for a readable assertion message."""
    if a is None or b is None:
        return None if a == b else f"{path}: {a!r} vs {b!r}"
    if a[:3] != b[:3]:
        return f"{path}/{a[0]}: {a[:3]!r} vs {b[:3]!r}"
    for i, (x, y) in enumerate(zip(a[3], b[3], strict=False)):
        d = first_difference(x, y, f"{path}/{a[0]}[{i}]")
        if d:
            return d
    if len(a[3]) != len(b[3]):
        return f"{path}/{a[0]}: {len(a[3])} children vs {len(b[3])}"
    return None
