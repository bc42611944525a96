"""The form4gen command: build, xml, import, check; exit codes 0/1/2; no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from canonical import canonical_document
from conftest import EXAMPLE, REPO, corpus_files, requires_shared, sec_schema

from form4gen import load, to_xml


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "form4gen", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_help_on_every_command():
    for command in ([], ["build"], ["xml"], ["import"], ["check"], ["rules"]):
        result = run(*command, "--help")
        assert result.returncode == 0
        assert "Usage:" in result.stdout


def test_build_writes_the_xml(tmp_path):
    result = run("build", str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "out" / "cellectar-2018-10-12.xml"
    assert written.read_text() == to_xml(load(EXAMPLE))
    again = run("build", str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert again.returncode == 2 and "exists; not overwritten (use --force)" in again.stderr
    assert run("build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--force").returncode == 0


def test_build_with_unusable_input_exits_2_without_a_traceback_or_a_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("code: A", "code: Q"))
    result = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr and "derivative_table[0].transaction_coding.code" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_with_schema_errors_exits_1_and_writes_nothing(tmp_path):
    bad = tmp_path / "nostate.yaml"
    bad.write_text(EXAMPLE.read_text().replace("state: WI", "state: ZZ"))
    result = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "XML-SCHEMA" in result.stdout and "rptOwnerState" in result.stdout
    assert not (tmp_path / "out" / "nostate.xml").exists()
    forced = run("build", "--force", str(bad), "-o", str(tmp_path / "out"))
    assert forced.returncode == 1 and (tmp_path / "out" / "nostate.xml").exists()


def test_missing_input_file_exits_2(tmp_path):
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "cannot read the file" in result.stderr


def test_xml_prints_to_stdout():
    result = run("xml", str(EXAMPLE))
    assert result.returncode == 0
    assert result.stdout == to_xml(load(EXAMPLE))


@requires_shared
def test_import_then_load_gives_the_same_document(tmp_path):
    for path in corpus_files()[::40]:
        target = tmp_path / (path.stem + ".yaml")
        result = run("import", str(path), "-o", str(target))
        assert result.returncode == 0, result.stderr
        again = to_xml(load(target), edgar_fields=True)
        # the input file numbers footnotes in order of first reference, so ids may change:
        # compare with each reference replaced by the text it points to
        assert _by_footnote_text(again) == _by_footnote_text(path.read_bytes()), path.name


def _by_footnote_text(document) -> tuple:
    """Canonical form with each footnote reference replaced by the footnote's text."""
    from lxml import etree

    root = etree.fromstring(document.encode() if isinstance(document, str) else document)
    texts = {note.get("id"): note.text or "" for note in root.iter("footnote")}
    for ref in root.iter("footnoteId"):
        ref.text = texts.get(ref.get("id"), "undefined " + ref.get("id"))
        del ref.attrib["id"]
    notes = root.find("footnotes")
    if notes is not None:
        items = sorted(notes, key=lambda n: n.text or "")
        for note in items:
            del note.attrib["id"]
            notes.remove(note)
        notes.extend(items)
    return canonical_document(etree.tostring(root))


@requires_shared
def test_check_exit_codes_over_files_folders_and_globs(tmp_path):
    valid = next(p for p in corpus_files() if b"<aff10b5One>" in p.read_bytes() and b"X0508" in p.read_bytes())
    old = next(p for p in corpus_files() if b"<schemaVersion>X0306" in p.read_bytes() and b"<documentType>4<" in p.read_bytes())
    assert run("check", str(valid)).returncode == 0
    assert run("check", str(old)).returncode == 0  # judged by its own schema version
    result = run("check", str(old), "--select", "XML-SCHEMA", "--as-of", "2026-11-24")
    assert result.returncode == 0  # the stamp decides the schema, not the date
    stripped = tmp_path / "unstamped.xml"
    stripped.write_bytes(old.read_bytes().replace(b"<schemaVersion>X0306</schemaVersion>", b""))
    result = run("check", str(stripped), "--as-of", "2026-11-24")
    assert result.returncode == 1 and "aff10b5One" in result.stdout
    folder = tmp_path / "filings"
    folder.mkdir()
    shutil.copy(valid, folder / "a.xml")
    shutil.copy(EXAMPLE, folder / "b.yaml")
    assert run("check", str(folder)).returncode == 0
    assert run("check", str(folder / "*.yaml")).returncode == 0
    (folder / "c.xml").write_text("<ownershipDocument>")
    broken = run("check", str(folder))
    assert broken.returncode == 1 and "XML-SYNTAX" in broken.stdout
    (folder / "d.yaml").write_text("document_type: [")
    assert run("check", str(folder)).returncode == 2
    assert run("check", str(tmp_path / "empty*")).returncode == 2


@requires_shared
def test_build_after_a_non_editable_install_from_another_folder(tmp_path):
    """pip install . (a wheel, not editable), then build the example from outside the repository:
    schemas/ and templates/ must be inside the installed package."""
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(REPO)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("form4gen-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # form4gen's dependencies come from the environment running the tests, whether that is a
    # virtual environment or the system's Python (a nested venv's system_site_packages would
    # see the base interpreter's packages, not an outer venv's).  Appended after the new
    # environment's own site-packages, so the wheel installed there is the form4gen found.
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True)
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(own.stdout.strip()) / "outer-environment.pth").write_text("".join(f"{p}\n" for p in sorted(outer)))
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--force-reinstall", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLE, elsewhere / "filing.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run([str(python), "-c", "import form4gen; print(form4gen.__file__)"], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    result = subprocess.run([str(env_dir / "bin" / "form4gen"), "build", "filing.yaml", "-o", "out"], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    written = (elsewhere / "out" / "filing.xml").read_text()
    assert not list(sec_schema("4").iter_errors(written))


def test_an_unwritable_output_folder_exits_2_without_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", str(EXAMPLE), "-o", str(blocker / "out"))
    assert result.returncode == 2
    assert "cannot write the file" in result.stderr and "Traceback" not in result.stderr


def test_written_files_get_the_mode_open_would_give_them(tmp_path):
    """Drafts, XML and previews follow the umask (a temporary file alone would leave them at
    0o600); only the package's submission.xml, which holds the CCC, stays private."""
    env = {**os.environ}
    for umask in (0o022, 0o077):
        out = tmp_path / f"out-{umask:o}"
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import os, sys; os.umask({umask}); from form4gen.cli import main; "
                f"sys.argv = ['form4gen', 'build', {str(EXAMPLE)!r}, '-o', {str(out)!r}]; main()",
            ],
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        for written in out.iterdir():
            assert written.stat().st_mode & 0o777 == 0o666 & ~umask, (written.name, oct(written.stat().st_mode))
