"""Where the shipped ``schemas/`` and ``templates/`` folders are.

In an installed wheel they sit inside the package (``form4gen/schemas``); in a source checkout
they sit at the top of the repository, beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # form4gen/


@cache
def resource_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"form4gen is installed without its {name}/ folder (looked in {_PACKAGE})")


def schemas_dir() -> Path:
    return resource_dir("schemas")


def templates_dir() -> Path:
    return resource_dir("templates")


SUBMISSION_SCHEMA = "edgarSubmission.xsd"


def schema_file_name(document_type: str) -> str:
    """ownership4ADocument.xsd for a 4/A."""
    return f"ownership{document_type.replace('/', '')}Document.xsd"
