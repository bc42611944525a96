"""form4gen: prepare SEC Section 16 ownership filings (Forms 3, 4, 5 and amendments) for EDGAR.

The public API:

* :func:`load` reads a filing from a YAML or JSON input file;
* :func:`parse_xml` reads an EDGAR ownership document (X0202 to X0609);
* :func:`to_xml` writes EDGAR-ready ownership XML;
* :func:`check` reports what EDGAR would refuse, as ``.errors`` and ``.warnings``;
* :func:`to_html` renders the preview: the form as EDGAR shows it, with the findings on it.
"""

from form4gen.checking.engine import Finding, Report, check
from form4gen.form.errors import InputError
from form4gen.drafts.load import load
from form4gen.form.models import Filing
from form4gen.preview.render import to_html
from form4gen.xml.read import parse_xml
from form4gen.xml.write import to_xml

__all__ = ["Filing", "Finding", "InputError", "Report", "check", "load", "parse_xml", "to_html", "to_xml"]
__version__ = "0.1.0"
