"""The preview: the form as EDGAR shows it, with the findings on it.  ``view`` turns a
filing into what the page shows, ``columns`` names the tables' columns, ``render`` lays it
out with Jinja (:func:`to_html`), ``pdf`` prints it through headless Chromium.  Imports
:mod:`form4gen.checking` and below.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # form4gen.preview.to_html, without loading Jinja before it is used
    if name == "to_html":
        from form4gen.preview.render import to_html

        return to_html
    raise AttributeError(name)
