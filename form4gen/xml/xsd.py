"""Writes the project's XML schemas (``schemas/``) from the element tables in ``form4gen.form.spec``.

Run ``python -m form4gen.xml.xsd`` after changing ``spec.py``; a test fails while the committed files
differ from what this module writes.  Each document type gets one self-contained file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

from form4gen.form import spec
from form4gen.form.spec import UNBOUNDED, Choice, Complex, Element, Simple
from form4gen.xml.resources import SUBMISSION_SCHEMA, schema_file_name

XS = "http://www.w3.org/2001/XMLSchema"


def _occurs(min_occurs: int, max_occurs: int) -> str:
    out = ""
    if min_occurs != 1:
        out += f' minOccurs="{min_occurs}"'
    if max_occurs != 1:
        out += f' maxOccurs="{"unbounded" if max_occurs == UNBOUNDED else max_occurs}"'
    return out


def _type_ref(t: Simple | Complex) -> str:
    return t.name


class _Writer:
    def __init__(self) -> None:
        self.simple: dict[str, Simple] = {}
        self.complex: dict[str, Complex] = {}
        self.order: list[Simple | Complex] = []

    def collect(self, t: Simple | Complex) -> None:
        if isinstance(t, Simple):
            if t.name.startswith("xs:"):
                return
            known = self.simple.get(t.name)
            if known is None:
                self.simple[t.name] = t
                self.order.append(t)
            elif known != t:
                raise ValueError(f"two different simple types are named {t.name}")
            return
        known_c = self.complex.get(t.name)
        if known_c is not None:
            if known_c != t:
                raise ValueError(f"two different complex types are named {t.name}")
            return
        self.complex[t.name] = t
        for a in t.attributes:
            self.collect(a.type)
        for e in spec.elements_of(t):
            self.collect(e.type)
        self.order.append(t)

    def simple_type(self, t: Simple) -> list[str]:
        base = {"ID": "xs:ID", "IDREF": "xs:IDREF"}.get(t.base, f"xs:{t.base}")
        facets = []
        for facet, value in (
            ("length", t.length),
            ("minLength", t.min_length),
            ("maxLength", t.max_length),
            ("whiteSpace", t.whitespace),
            ("pattern", t.pattern),
            ("minInclusive", t.min_inclusive),
            ("maxInclusive", t.max_inclusive),
            ("totalDigits", t.total_digits),
            ("fractionDigits", t.fraction_digits),
        ):
            if value is not None:
                facets.append(f"      <xs:{facet} value={quoteattr(str(value))}/>")
        for value in t.enumeration or ():
            facets.append(f"      <xs:enumeration value={quoteattr(value)}/>")
        return [
            f'  <xs:simpleType name="{t.name}">',
            f'    <xs:restriction base="{base}">',
            *facets,
            "    </xs:restriction>",
            "  </xs:simpleType>",
        ]

    def element(self, e: Element, indent: str) -> str:
        return f'{indent}<xs:element name="{e.xml}" type="{_type_ref(e.type)}"{_occurs(e.min, e.max)}/>'

    def complex_type(self, t: Complex) -> list[str]:
        mixed = ' mixed="true"' if t.mixed else ""
        lines = [f'  <xs:complexType name="{t.name}"{mixed}>']
        if t.particles:
            if t.group == "choice":
                lines.append(f"    <xs:choice{_occurs(t.group_min, t.group_max)}>")
            else:
                lines.append("    <xs:sequence>")
            for p in t.particles:
                if isinstance(p, Choice):
                    lines.append(f"      <xs:choice{_occurs(p.min, p.max)}>")
                    lines.extend(self.element(o, "        ") for o in p.options)
                    lines.append("      </xs:choice>")
                else:
                    lines.append(self.element(p, "      "))
            lines.append(f"    </xs:{t.group}>")
        for a in t.attributes:
            lines.append(f'    <xs:attribute name="{a.name}" type="{_type_ref(a.type)}" use="required"/>')
        lines.append("  </xs:complexType>")
        return lines

    def write(self, root: Element, purpose: str) -> str:
        self.collect(root.type)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f"<!-- form4gen: {purpose}. -->",
            "<!-- Written by form4gen.xml.xsd from the element tables of the EDGAR Ownership XML Technical",
            f"     Specification v5.5 (schemaVersion {spec.CURRENT_SCHEMA_VERSION}). Do not edit: change spec.py. -->",
            f'<xs:schema xmlns:xs="{XS}" elementFormDefault="qualified">',
        ]
        for t in self.order:
            lines.extend(self.simple_type(t) if isinstance(t, Simple) else self.complex_type(t))
        lines.append(f'  <xs:element name="{root.xml}" type="{_type_ref(root.type)}"/>')
        lines.append("</xs:schema>")
        return "\n".join(lines) + "\n"


def tree_schema_text(root: Element, purpose: str) -> str:
    """A schema for any element tree (used for the element tables of older schema versions)."""
    return _Writer().write(root, purpose)


def document_schema_text(document_type: str) -> str:
    return _Writer().write(spec.document_tree(document_type), f"the Form {document_type} ownership document")


def submission_schema_text() -> str:
    return _Writer().write(spec.submission_tree(), "the edgarSubmission envelope of an ownership filing")


def all_schema_texts() -> dict[str, str]:
    texts = {schema_file_name(t): document_schema_text(t) for t in spec.DOCUMENT_TYPES}
    texts[SUBMISSION_SCHEMA] = submission_schema_text()
    return texts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in all_schema_texts().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
