"""The rule catalogue: EDGAR's business rules and the form's instructions, one small function each.

A rule is a generator decorated with :func:`rule`.  It receives the filing (or, for the rules
about XML formatting, the parsed XML) and a :class:`Context`, and yields a :class:`Violation` for
each thing wrong: a one-line message that names the offending value, and where it is.

The decorator records the rule's stable ID, its severity, the fix, the source it enforces and the
dates it is in force.  The docstring is the rule's documentation, shown by ``form4gen rules ID``:
what it checks and why, then a failing and a passing example (``Fails::`` / ``Passes::`` blocks)
that the test suite runs, so the documentation cannot drift from the code.

Examples of filing rules are fragments of an input file, merged into the small Form 4 in
:mod:`form4gen.rules.examples`; examples of XML rules are XML documents.

Rules live one module per area of the form; the registry is :mod:`form4gen.rules.registry`.
"""

from __future__ import annotations

from form4gen.rules import (  # the modules register their rules on import
    addresses,
    carry,
    coding,
    derivative,
    document,
    footnotes,
    issuer,
    non_derivative,
    owners,
    plans,
    prices,
    schema,
    signatures,
    tables,
    timing,
    xml_format,
)
from form4gen.rules.registry import (
    SCHEMA_RULES,
    Context,
    Example,
    Rule,
    Severity,
    Violation,
    XmlDocument,
    all_rules,
    get,
    matches,
    rule,
)

__all__ = [
    "SCHEMA_RULES",
    "Context",
    "Example",
    "Rule",
    "Severity",
    "Violation",
    "XmlDocument",
    "addresses",
    "all_rules",
    "carry",
    "coding",
    "derivative",
    "document",
    "footnotes",
    "get",
    "issuer",
    "matches",
    "non_derivative",
    "owners",
    "plans",
    "prices",
    "rule",
    "schema",
    "signatures",
    "tables",
    "timing",
    "xml_format",
]
