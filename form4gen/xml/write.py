"""Filing -> EDGAR-ready ownership XML.

Walks the element tables of ``form4gen.form.spec`` for the filing's document type, so elements come
out in schema order; formats every value (booleans as 1/0, decimals without exponent, ISO
dates) and escapes it here, and hands the finished tree to ``templates/ownership_document.xml.j2``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, SecretStr

from form4gen.form import spec
from form4gen.form.models import Filing
from form4gen.form.spec import Choice, Complex, Element, Simple
from form4gen.xml.resources import templates_dir

INDENT = "    "
TEMPLATE = "ownership_document.xml.j2"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;"})

if TYPE_CHECKING:
    import jinja2


def escape(text: str) -> str:
    """Escape for element text or attribute values; line breaks become character references so
    that every value stays on one line (spec section 4.1, items 5 and 6)."""
    return text.translate(_ESCAPES)


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


_FORMATS: dict[type, Any] = {
    str: str,
    bool: lambda v: "1" if v else "0",
    Decimal: _decimal_text,
    datetime.date: datetime.date.isoformat,
    SecretStr: SecretStr.get_secret_value,
}


def format_value(value: Any) -> str:
    """A value as the XML writes it: booleans 1/0, decimals without exponent, ISO dates."""
    fmt = _FORMATS.get(type(value))  # by exact type: a dict lookup
    if fmt is None:  # a subclass, or something else written as text
        fmt = next((f for t, f in _FORMATS.items() if isinstance(value, t)), str)
    return fmt(value)


@dataclass(frozen=True)
class _Options:
    edgar_fields: bool
    ccc: bool


# How each element is written, worked out once per complex type of the element tables.
_SIMPLE, _REFERENCE, _ROWS, _COMPLEX = range(4)


class _Plan:
    """A complex type compiled for writing: its attributes, whether it holds text, and its
    particles in schema order, each a tuple of options (one, unless the particle is a choice)."""

    __slots__ = ("attributes", "mixed", "particles", "shortcut")

    def __init__(self, t: Complex):
        self.attributes = tuple((a.name, a.attr) for a in t.attributes)
        self.mixed = t.mixed
        self.particles = tuple((isinstance(p, Choice), tuple(_Writing(el) for el in (p.options if isinstance(p, Choice) else (p,)))) for p in t.particles)
        # A value with footnote marks (a third of a filing's elements) is written by a shortcut,
        # as the particles would write it: its value first, then every mark.  It applies to a
        # type whose elements are one single value and references of one name, as (value
        # element, its attribute, reference element, its attribute, the reference's XML
        # attribute); else None.
        writings = [w for _, options in self.particles for w in options]
        values = [w for w in writings if w.kind == _SIMPLE and w.max == 1]
        marks = {(w.xml, w.attr, w.detail) for w in writings if w.kind == _REFERENCE}
        plain = not self.attributes and not self.mixed and len(values) == 1 and len(marks) == 1
        plain = plain and not any(w.edgar_fills or w.secret for w in writings)
        if plain and len(writings) == 1 + sum(1 for w in writings if w.kind == _REFERENCE):
            ((mark_xml, marks_attr, id_name),) = marks
            # a reference's model attribute is never None (only a wrapper's is)
            self.shortcut: tuple[str, str, str, str, str] | None = (values[0].xml, values[0].attr or "", mark_xml, cast(str, marks_attr), id_name)
        else:
            self.shortcut = None


class _Writing:
    """One element of a plan: its name, the model attribute it comes from, and how it is written."""

    __slots__ = ("attr", "detail", "edgar_fills", "kind", "max", "min", "secret", "xml")

    # by kind: None (simple), the reference's id attribute, the row writings by class name, or the nested plan
    detail: Any

    def __init__(self, el: Element):
        self.xml, self.attr, self.min, self.max = el.xml, el.attr, el.min, el.max
        self.edgar_fills, self.secret = el.edgar_fills, el.secret
        if isinstance(el.type, Simple):
            self.kind, self.detail = _SIMPLE, None
        elif spec.is_reference(el.type):
            self.kind, self.detail = _REFERENCE, el.type.attributes[0].name
        elif spec.is_row_table(el.type):
            # row classes are named after their element: NonDerivativeTransaction -> nonDerivativeTransaction
            self.kind, self.detail = _ROWS, {e.xml[0].upper() + e.xml[1:]: _Writing(e) for e in spec.elements_of(el.type)}
        else:
            self.kind, self.detail = _COMPLEX, _plan_of(el.type)


def _plan_of(t: Complex) -> _Plan:
    return spec.compiled(t, _Plan)


def _attribute_text(plan: _Plan, obj: Any) -> str:
    if not plan.attributes or not isinstance(obj, BaseModel):
        return ""
    out = ""
    for name, attr in plan.attributes:
        value = getattr(obj, attr, None)
        if value is not None:
            out += f' {name}="{escape(format_value(value))}"'
    return out


class _Builder:
    """Lays the document out as lines for the template: (depth, kind, name, attributes, text),
    kind being "open", "close", "value" (an element with its text) or "empty" (``<x/>``)."""

    def __init__(self, options: _Options):
        self.options = options
        self.lines: list[tuple[int, str, str, str, str]] = []

    def element(self, w: _Writing, value: Any, depth: int) -> bool:
        """Write one element; whether anything was written."""
        if value is None or (w.edgar_fills and not self.options.edgar_fields) or (w.secret and not self.options.ccc):
            return False
        if w.kind == _SIMPLE:
            self.lines.append((depth, "value", w.xml, "", escape(format_value(value))))
            return True
        if w.kind == _REFERENCE:
            self.lines.append((depth, "empty", w.xml, f' {w.detail}="{escape(format_value(value))}"', ""))
            return True
        return self.complex(w, value, depth)

    def complex(self, w: _Writing, obj: Any, depth: int) -> bool:
        lines = self.lines
        if w.kind == _ROWS:
            start = len(lines)
            lines.append((depth, "open", w.xml, "", ""))
            for row in obj:
                self.element(w.detail[type(row).__name__], row, depth + 1)
            return self._close(w, "", start, depth)
        plan: _Plan = w.detail
        attributes = _attribute_text(plan, obj) if plan.attributes else ""
        if plan.mixed:
            lines.append((depth, "value", w.xml, attributes, escape(obj.text)))
            return True
        start = len(lines)
        lines.append((depth, "open", w.xml, attributes, ""))
        if plan.shortcut is not None and isinstance(obj, BaseModel):
            value_xml, value_attr, mark_xml, marks_attr, id_name = plan.shortcut
            value = getattr(obj, value_attr)
            if value is not None:
                lines.append((depth + 1, "value", value_xml, "", escape(format_value(value))))
            for mark in getattr(obj, marks_attr):
                lines.append((depth + 1, "empty", mark_xml, f' {id_name}="{escape(format_value(mark))}"', ""))
        else:
            self.particles(plan, obj, depth + 1)
        return self._close(w, attributes, start, depth)

    def _close(self, w: _Writing, attributes: str, start: int, depth: int) -> bool:
        if len(self.lines) > start + 1:
            self.lines.append((depth, "close", w.xml, "", ""))
            return True
        del self.lines[start:]
        if attributes or w.min > 0:
            self.lines.append((depth, "empty", w.xml, attributes, ""))
            return True
        return False  # an optional element with nothing in it is left out

    def particles(self, plan: _Plan, obj: Any, depth: int) -> None:
        consumed: dict[str, int] = {}  # how many items of a list earlier particles wrote
        is_model = isinstance(obj, BaseModel)
        for is_choice, options in plan.particles:
            for w in options:
                if w.attr is None:  # a wrapper such as <reportingOwnerId>: its values are on obj
                    value = obj
                else:
                    value = getattr(obj, w.attr, None) if is_model else None
                if value is None:
                    continue  # most optional elements of a filing are absent
                if isinstance(value, list) and w.kind != _ROWS:
                    start = consumed.get(w.attr or "", 0)
                    items = value[start:] if w.max == spec.UNBOUNDED else value[start : start + w.max]
                    consumed[w.attr or ""] = start + len(items)
                    wrote = False
                    for item in items:
                        wrote = self.element(w, item, depth) or wrote
                else:
                    wrote = self.element(w, value, depth)
                if wrote and is_choice:
                    break


@cache
def _template() -> jinja2.Template:
    import jinja2  # loaded when something is first rendered

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        auto_reload=False,  # the templates ship with the package: no stat() of them per render
        autoescape=False,  # text is escaped by escape() above, attribute by attribute
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE)


def document_lines(filing: Filing, *, edgar_fields: bool | None = None, include_ccc: bool = True) -> list[tuple[int, str, str, str, str]]:
    """The document as the template lays it out: (depth, kind, name, attributes, text) lines."""
    options = _Options(
        edgar_fields=filing.origin == "edgar" if edgar_fields is None else edgar_fields,
        ccc=include_ccc,
    )
    builder = _Builder(options)
    builder.element(_Writing(spec.document_tree(filing.document_type)), filing, 0)
    return builder.lines


def to_xml(filing: Filing, *, edgar_fields: bool | None = None, include_ccc: bool = True) -> str:
    """The ownership document as EDGAR-ready XML text.

    ``edgar_fields``: write the elements EDGAR fills in itself (schemaVersion, issuer and owner
    names, ...).  By default only for a filing imported from an EDGAR document that had them.
    ``include_ccc``: write each owner's CCC (``rptOwnerCcc``) where the filing carries one.
    """
    lines = document_lines(filing, edgar_fields=edgar_fields, include_ccc=include_ccc)
    return _template().render(lines=lines, indent=INDENT)
