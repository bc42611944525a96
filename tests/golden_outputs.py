"""The outputs the golden test pins: for every corpus file and the bundled example, ``to_xml``,
``to_html`` and the ``check`` report in every format, each as a SHA-256 of its bytes.

``python tests/golden_outputs.py`` records them into ``tests/golden/outputs.json`` (run it only
when an output changes on purpose, and name the change in ``test_golden.CHANGED_ON_PURPOSE``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus" / "real"
EXAMPLE = REPO / "examples" / "cellectar-2018-10-12.yaml"
GOLDEN = HERE / "golden" / "outputs.json"
FORMATS = ("text", "json", "sarif", "junit", "github")
EXAMPLE_AS_OF = "2018-10-16"


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def inputs() -> list[Path]:
    return [*sorted(CORPUS.glob("*.xml")), EXAMPLE]


def outputs_of(path: Path) -> dict[str, str]:
    """``{"<file>|<output>": sha256}`` for one input."""
    from click.testing import CliRunner

    import form4gen
    from form4gen.cli import main

    out: dict[str, str] = {}
    name = Path(path.name)  # read from its folder, so that no message holds this machine's paths
    try:
        with _cwd(path.parent):
            filing = form4gen.parse_xml(name) if path.suffix == ".xml" else form4gen.load(name)
    except form4gen.InputError as error:  # the corpus holds unusable documents on purpose
        out[f"{path.name}|read"] = _digest(error.render())
    else:
        out[f"{path.name}|to_xml"] = _digest(form4gen.to_xml(filing))
        out[f"{path.name}|to_html"] = _digest(form4gen.to_html(filing))
    runner = CliRunner()
    as_of = [] if path.suffix == ".xml" else ["--as-of", EXAMPLE_AS_OF]
    with _cwd(path.parent):
        for fmt in FORMATS:
            result = runner.invoke(main, ["check", path.name, "--format", fmt, *as_of])
            out[f"{path.name}|check-{fmt}"] = _digest(f"exit {result.exit_code}\n{result.stdout}")
    return out


def all_outputs() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in inputs():
        out.update(outputs_of(path))
    return out


if __name__ == "__main__":
    if not CORPUS.is_dir():
        sys.exit(f"the corpus is not at {CORPUS}")
    GOLDEN.write_text(json.dumps(all_outputs(), indent=1, sort_keys=True) + "\n")
    print(f"recorded {GOLDEN}")
