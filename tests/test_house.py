"""The house: the layers' import contract holds (no upward import, no import circle between
modules), it fails on a deliberate violation, and the house map in docs/architecture.md names
every folder of the package."""

from __future__ import annotations

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
    """Circles of imports between modules (a package's __init__ importing its own modules is not
    one: Python runs it first), found as the strongly connected components of the graph."""
    import grimp

    sys.path.insert(0, str(path))
    try:
        graph = grimp.build_graph(package, cache_dir=None)
    finally:
        sys.path.remove(str(path))
    modules = sorted(graph.modules)

    def edges(module: str) -> list[str]:
        return sorted(m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules and not module.startswith(m + ".") and not m.startswith(module + "."))

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    return found


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
    done = subprocess.run([*_lint_imports_command(), "--no-cache"], cwd=copy_of_the_package, env={**os.environ, "PYTHONPATH": str(copy_of_the_package)}, capture_output=True, text=True, timeout=300)
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
        modules = sorted(p.stem for p in (PACKAGE / folder).glob("*.py") if p.stem != "__init__")
        for module in modules:
            assert f"`{module}`" in text, f"docs/architecture.md does not name form4gen/{folder}/{module}.py"
