"""form4gen: prepare SEC Section 16 ownership filings (Forms 3, 4, 5 and amendments) for EDGAR.

The public API:

* :func:`load` reads a filing from a YAML or JSON input file;
* :func:`parse_xml` reads an EDGAR ownership document (X0202 to X0609);
* :func:`to_xml` writes EDGAR-ready ownership XML;
* :func:`check` reports what EDGAR would refuse, as ``.errors`` and ``.warnings``;
* :func:`to_html` renders the preview: the form as EDGAR shows it, with the findings on it.

Each is loaded when first used, so that ``import form4gen`` (and the ``form4gen`` command)
starts without loading what it does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from form4gen.checking.engine import Finding, Report, check
    from form4gen.drafts.load import load
    from form4gen.form.errors import InputError
    from form4gen.form.models import Filing
    from form4gen.preview.render import to_html
    from form4gen.xml.read import parse_xml
    from form4gen.xml.write import to_xml

# public name -> the module that defines it
_PUBLIC = {
    "Filing": "form4gen.form.models",
    "Finding": "form4gen.checking.engine",
    "InputError": "form4gen.form.errors",
    "Report": "form4gen.checking.engine",
    "check": "form4gen.checking.engine",
    "load": "form4gen.drafts.load",
    "parse_xml": "form4gen.xml.read",
    "to_html": "form4gen.preview.render",
    "to_xml": "form4gen.xml.write",
}


__all__ = ["Filing", "Finding", "InputError", "Report", "check", "load", "parse_xml", "to_html", "to_xml"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'form4gen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
