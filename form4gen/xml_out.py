"""Filing -> EDGAR-ready ownership XML.

Walks the element tables of ``form4gen.spec`` for the filing's document type, so elements come
out in schema order; formats every value (booleans as 1/0, decimals without exponent, ISO
dates) and escapes it here, and hands the finished tree to ``templates/ownership_document.xml.j2``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
from pydantic import BaseModel, SecretStr

from form4gen import spec
from form4gen.models import Filing
from form4gen.resources import templates_dir
from form4gen.spec import Choice, Complex, Element, Simple

INDENT = "    "
TEMPLATE = "ownership_document.xml.j2"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;"})


def escape(text: str) -> str:
    """Escape for element text or attribute values; line breaks become character references so
    that every value stays on one line (spec section 4.1, items 5 and 6)."""
    return text.translate(_ESCAPES)


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    return str(value)


@dataclass
class Node:
    name: str
    text: str | None = None
    attributes: list[tuple[str, str]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.text is None and not self.attributes and not self.children


@dataclass(frozen=True)
class _Options:
    edgar_fields: bool
    ccc: bool


def _get(obj: Any, attr: str | None) -> Any:
    if attr is None:
        return obj
    if isinstance(obj, BaseModel):
        return getattr(obj, attr, None)
    return None


def _row_element(row: BaseModel) -> str:
    """NonDerivativeTransaction -> nonDerivativeTransaction: row classes are named after their element."""
    name = type(row).__name__
    return name[0].lower() + name[1:]


class _Builder:
    def __init__(self, options: _Options):
        self.options = options

    def element(self, el: Element, value: Any) -> list[Node]:
        if value is None:
            return []
        if el.edgar_fills and not self.options.edgar_fields:
            return []
        if el.secret and not self.options.ccc:
            return []
        if isinstance(el.type, Simple):
            return [Node(el.xml, text=escape(format_value(value)))]
        if spec.is_reference(el.type):
            return [Node(el.xml, attributes=[(el.type.attributes[0].name, escape(format_value(value)))])]
        node = self.complex(el.xml, el.type, value)
        if node.empty and el.min == 0:
            return []
        return [node]

    def complex(self, name: str, t: Complex, obj: Any) -> Node:
        node = Node(name)
        for a in t.attributes:
            v = _get(obj, a.attr)
            if v is not None:
                node.attributes.append((a.name, escape(format_value(v))))
        if t.mixed:
            node.text = escape(obj.text)
            return node
        if spec.is_row_table(t):
            by_name = {e.xml: e for e in spec.elements_of(t)}
            for row in obj:
                node.children.extend(self.element(by_name[_row_element(row)], row))
            return node
        consumed: dict[str, int] = {}
        for particle in t.particles:
            options = particle.options if isinstance(particle, Choice) else (particle,)
            for el in options:
                produced = self.particle(el, obj, consumed, in_choice=isinstance(particle, Choice))
                node.children.extend(produced)
                if produced and isinstance(particle, Choice):
                    break
        return node

    def particle(self, el: Element, obj: Any, consumed: dict[str, int], *, in_choice: bool) -> list[Node]:
        value = _get(obj, el.attr)
        if isinstance(value, list) and not spec.is_row_table(el.type):
            start = consumed.get(el.attr or "", 0)
            limit = start + (len(value) if el.max == spec.UNBOUNDED else el.max)
            items = value[start:limit]
            consumed[el.attr or ""] = start + len(items)
            out: list[Node] = []
            for item in items:
                out.extend(self.element(el, item))
            return out
        return self.element(el, value)


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False,  # text is escaped by escape() above, attribute by attribute
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE)


def document_node(filing: Filing, *, edgar_fields: bool | None = None, include_ccc: bool = True) -> Node:
    options = _Options(
        edgar_fields=filing.origin == "edgar" if edgar_fields is None else edgar_fields,
        ccc=include_ccc,
    )
    root = spec.document_tree(filing.document_type)
    assert isinstance(root.type, Complex)
    return _Builder(options).complex(root.xml, root.type, filing)


def to_xml(filing: Filing, *, edgar_fields: bool | None = None, include_ccc: bool = True) -> str:
    """The ownership document as EDGAR-ready XML text.

    ``edgar_fields``: write the elements EDGAR fills in itself (schemaVersion, issuer and owner
    names, ...).  By default only for a filing imported from an EDGAR document that had them.
    ``include_ccc``: write each owner's CCC (``rptOwnerCcc``) where the filing carries one.
    """
    node = document_node(filing, edgar_fields=edgar_fields, include_ccc=include_ccc)
    return _template().render(document=node, indent=INDENT)
