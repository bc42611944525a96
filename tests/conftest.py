"""Shared test fixtures: where ../shared is, and a skip marker for tests that need it."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEC_SCHEMAS = SHARED / "sec" / "v5.5" / "schemas"
CORPUS = SHARED / "corpus" / "real"
SEED = SHARED / "seed"
EXAMPLE = REPO / "examples" / "cellectar-2018-10-12.yaml"

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The `workspace` fixture (SQLite, and PostgreSQL when FORM4GEN_TEST_DATABASE_URL names a server).
pytest_plugins = ["workspace_backends"]

requires_shared = pytest.mark.skipif(
    not (SEC_SCHEMAS.is_dir() and CORPUS.is_dir()),
    reason=f"needs the SEC reference files and the real-filing corpus in {SHARED} (present in CI, not on a user's machine)",
)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


@cache
def sec_schema(document_type: str):
    import xmlschema

    return xmlschema.XMLSchema(str(SEC_SCHEMAS / f"ownership{document_type.replace('/', '')}Document.xsd.xml"))


@pytest.fixture(autouse=True)
def _no_ccc_from_the_machine(monkeypatch, tmp_path_factory):
    """Tests never pick up a CCC from the developer's environment or credentials file: each
    gets an empty credentials file of its own (mode 0600, outside its tmp_path), since a file
    named by FORM4GEN_CREDENTIALS must exist."""
    import os

    for name in list(os.environ):
        if name.startswith("FORM4GEN_CCC"):
            monkeypatch.delenv(name)
    credentials = tmp_path_factory.mktemp("credentials") / "credentials.toml"
    credentials.write_text("")
    credentials.chmod(0o600)
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(credentials))
