"""The house: the layers' import contract holds (no upward import, no import circle between
modules), it fails on a deliberate violation, and the house map in docs/architecture.md names
every folder of the package."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import REPO

PACKAGE = REPO / "form4gen"


def _layers() -> list[str]:
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [name.strip() for layer in layers for name in layer.split("|")]


def _circles(package: str, path) -> list[list[str]]:
    """Circles of imports between modules, from a fresh interpreter that sees ``path`` first
    (so that a copy of the package is analysed, not the one this process imported)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "import_circles.py"), package],
        env={**os.environ, "PYTHONPATH": str(path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _lint_imports_command() -> list[str]:
    return [shutil.which("lint-imports") or "lint-imports"]


def test_the_contract_holds():
    done = subprocess.run([*_lint_imports_command(), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_import_circle():
    assert _circles("form4gen", REPO) == []


@pytest.fixture
def copy_of_the_package(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "form4gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_upward_import_breaks_the_contract(copy_of_the_package):
    codes = copy_of_the_package / "form4gen" / "form" / "codes.py"
    codes.write_text(codes.read_text() + "\n\ndef _upward():\n    from form4gen.checking import engine  # a deliberate violation\n")
    done = subprocess.run(
        [*_lint_imports_command(), "--no-cache"],
        cwd=copy_of_the_package,
        env={**os.environ, "PYTHONPATH": str(copy_of_the_package)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert "form4gen.form.codes -> form4gen.checking.engine" in done.stdout and "BROKEN" in done.stdout


def test_a_circle_is_found(copy_of_the_package):
    walk = copy_of_the_package / "form4gen" / "rules" / "walk.py"
    walk.write_text(walk.read_text() + "\n\ndef _back():\n    from form4gen.rules import prices  # prices imports walk: a circle\n")
    assert ["form4gen.rules.prices", "form4gen.rules.walk"] in _circles("form4gen", copy_of_the_package)


def test_the_house_map_names_every_folder_and_the_layer_order():
    text = (REPO / "docs" / "architecture.md").read_text()
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    mapped = re.findall(r"^\| `form4gen/(\w+)/` \|", text, flags=re.M)
    assert sorted(mapped) == folders, "docs/architecture.md's table of folders is out of step with form4gen/"
    layers = [name.removeprefix("form4gen.") for name in _layers()]
    assert mapped == layers, f"the table lists the layers from the top, as pyproject.toml does: {layers}"
    for folder in folders:
        # its modules, and a subpackage's (named by the subpackage's __init__ and its modules)
        paths = [*(PACKAGE / folder).glob("*.py"), *(PACKAGE / folder).glob("*/*.py")]
        for path in sorted(p for p in paths if (p.parent / "__init__.py").exists() and p != PACKAGE / folder / "__init__.py"):
            module = path.parent.name if path.stem == "__init__" else path.stem
            assert f"`{module}`" in text, f"docs/architecture.md does not name {path.relative_to(PACKAGE.parent)}"


def test_the_public_api_is_the_same_and_loads_lazily():
    import form4gen

    assert form4gen.__all__ == ["Filing", "Finding", "InputError", "Report", "check", "load", "parse_xml", "to_html", "to_xml"]
    for name in form4gen.__all__:
        assert getattr(form4gen, name) is not None


def test_a_check_of_a_valid_document_loads_no_xmlschema_jinja_or_calendar(tmp_path):
    """xmlschema only explains an invalid document; Jinja only renders; holidays only when a
    date is computed (a valid document signed on time needs them for TIM rules, so the draft
    below is checked with the deadline rules ignored)."""
    script = (
        "import sys, form4gen\n"
        f"report = form4gen.check(form4gen.to_xml(form4gen.load({str(REPO / 'examples' / 'cellectar-2018-10-12.yaml')!r})).encode(), ignore=['TIM'])\n"
        "assert not report.errors, report.findings\n"
        "print(' '.join(m for m in ('xmlschema', 'holidays') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
    help_script = (
        "import sys\n"
        "from form4gen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in ('pydantic', 'lxml', 'jinja2', 'xmlschema') if m in sys.modules), file=sys.stderr)\n"
    )
    help_run = subprocess.run([sys.executable, "-c", help_script], capture_output=True, text=True, timeout=120)
    assert help_run.stderr.split() == [], "form4gen --help loads none of the heavy libraries"
