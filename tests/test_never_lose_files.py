"""Hardening round 2, data loss and leaks: form4gen never deletes or overwrites the user's files,
and never embeds a file from outside the filing's folder into ``submission.xml``.

Each test runs the command a user would type and asserts the files that remain, the message
and the exit code.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from lxml import etree

from form4gen.cli import main

CCC = "zq9#x7@w"
SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not-a-real-key"


def _tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _filings_folder(tmp_path, attachment: str | None = None):
    """A user's ``filings/`` folder: the draft, another draft and an attachment."""
    filings = tmp_path / "filings"
    filings.mkdir()
    text = EXAMPLE.read_text()
    if attachment is not None:
        text = text.replace(
            "  power_of_attorney_previously_filed: true",
            f"  attachments: [{{file: {attachment}, type: EX-24, description: Power of attorney}}]\n  power_of_attorney_previously_filed: true",
        )
    (filings / "draft.yaml").write_text(text)
    (filings / "other-draft.yaml").write_text(EXAMPLE.read_text())
    (filings / "poa.txt").write_text("POWER OF ATTORNEY\n")
    return filings


def _package(*args, ccc=CCC, monkeypatch=None):
    if monkeypatch is not None:
        monkeypatch.setenv("FORM4GEN_CCC", ccc)
    return CliRunner().invoke(main, ["package", *map(str, args)])


@pytest.mark.parametrize("flags", [["--force"], ["--replace"], ["--force", "--replace"]])
def test_package_into_the_drafts_own_folder_deletes_nothing(tmp_path, monkeypatch, flags):
    filings = _filings_folder(tmp_path)
    before = _tree(filings)
    result = _package(filings / "draft.yaml", "-o", filings, *flags, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert _tree(filings) == before
    assert "filings" in result.output
    assert ("holds the input" in result.output) if "--replace" in flags else ("use --replace" in result.output)
    assert [p.name for p in tmp_path.iterdir()] == ["filings"]  # no temporary folder left beside it


def test_package_to_the_current_folder_is_refused(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path)
    monkeypatch.chdir(filings)
    before = _tree(filings)
    result = _package("draft.yaml", "-o", ".", "--replace", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "holds the input" in result.output
    assert _tree(filings) == before


def test_replace_refuses_a_folder_with_files_form4gen_did_not_write(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path)
    out = tmp_path / "package"
    assert _package(filings / "draft.yaml", "-o", out, monkeypatch=monkeypatch).exit_code == 0
    (out / "notes.txt").write_text("mine")
    before = _tree(out)
    result = _package(filings / "draft.yaml", "-o", out, "--replace", "--live", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "holds files form4gen did not write (notes.txt)" in result.output
    assert _tree(out) == before
    (out / "notes.txt").unlink()
    result = _package(filings / "draft.yaml", "-o", out, "--replace", "--live", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert b"<testOrLive>LIVE</testOrLive>" in (out / "submission.xml").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filings", "package"]


def test_replace_refuses_a_folder_that_is_not_a_package(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.docx").write_bytes(b"x")
    result = _package(filings / "draft.yaml", "-o", mine, "--replace", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "not a package form4gen wrote" in result.output
    assert _tree(mine) == {"report.docx": b"x"}


def test_force_goes_on_despite_findings_but_never_replaces(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path)
    out = tmp_path / "package"
    out.mkdir()
    result = _package(filings / "draft.yaml", "-o", out, "--force", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "use --replace" in result.output and list(out.iterdir()) == []


def _secret_outside(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    key = private / "id_rsa.txt"
    key.write_text(SECRET)
    return key


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp, filings, key: "../private/id_rsa.txt", "'..' leads out of it"),
        (lambda tmp, filings, key: str(key), "not as an absolute path"),
        (lambda tmp, filings, key: (os.symlink(key, filings / "poa-link.txt"), "poa-link.txt")[1], "is a link to a file outside"),
        (lambda tmp, filings, key: (os.symlink("/dev/zero", filings / "zero.txt"), "zero.txt")[1], "is a link to a file outside"),
        (lambda tmp, filings, key: (os.mkfifo(filings / "fifo.txt"), "fifo.txt")[1], "is not a regular file"),
        (lambda tmp, filings, key: ((filings / "dir.txt").mkdir(), "dir.txt")[1], "is not a regular file"),
    ],
    ids=["dot-dot", "absolute", "symlink-out", "dev-zero", "fifo", "folder"],
)
def test_attachments_are_read_only_from_the_drafts_folder(tmp_path, monkeypatch, make, message):
    key = _secret_outside(tmp_path)
    filings = _filings_folder(tmp_path)
    name = make(tmp_path, filings, key)
    draft = filings / "draft.yaml"
    draft.write_text(
        draft.read_text().replace(
            "  power_of_attorney_previously_filed: true",
            f"  attachments: [{{file: '{name}', type: EX-24}}]\n  power_of_attorney_previously_filed: true",
        )
    )
    out = tmp_path / "package"
    result = _package(draft, "-o", out, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert message in result.output and "submission.attachments[0].file" in result.output
    assert not out.exists() and SECRET not in result.output


def test_a_link_inside_the_folder_to_a_file_inside_it_is_fine(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path, attachment="poa-current.txt")
    os.symlink("poa.txt", filings / "poa-current.txt")
    out = tmp_path / "package"
    result = _package(filings / "draft.yaml", "-o", out, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    blocks = [base64.b64decode(d.findtext("documentMimeBlock")) for d in etree.fromstring((out / "submission.xml").read_bytes()).iter("edgarDocument")]
    assert b"POWER OF ATTORNEY\n" in blocks


def test_an_attachment_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from form4gen.drafts.attachments import MAX_ATTACHMENT_BYTES

    filings = _filings_folder(tmp_path, attachment="big.txt")
    with open(filings / "big.txt", "wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024**3)
    result = _package(filings / "draft.yaml", "-o", tmp_path / "package", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and f"may be at most {MAX_ATTACHMENT_BYTES:,} bytes" in result.output
    with open(filings / "big.txt", "r+b") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    result = _package(filings / "draft.yaml", "-o", tmp_path / "package", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "2,147,483,648" not in result.output and f"is {MAX_ATTACHMENT_BYTES + 1:,} bytes" in result.output


@pytest.mark.parametrize(
    "command",
    [
        lambda d: ["check", str(d / "draft.yaml"), "-o", str(d / "draft.yaml")],
        lambda d: ["check", str(d), "-o", str(d / "other-draft.yaml"), "--force"],
        lambda d: ["import", str(d / "doc.xml"), "-o", str(d / "doc.xml"), "--force"],
        lambda d: ["amend", str(d / "doc.xml"), "--filed", "2018-10-20", "-o", str(d / "doc.xml"), "--force"],
        lambda d: ["aggregate", str(d / "fills.csv"), "-o", str(d / "fills.csv"), "--force"],
        lambda d: ["preview", str(d / "page.html"), "-o", str(d / "page.html"), "--force"],
    ],
    ids=["check", "check-folder", "import", "amend", "aggregate", "preview"],
)
def test_no_output_replaces_its_own_input(tmp_path, command):
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "draft.yaml")
    shutil.copy(EXAMPLE, folder / "other-draft.yaml")
    from form4gen import load, to_xml

    (folder / "doc.xml").write_text(to_xml(load(EXAMPLE)))
    (folder / "page.html").write_text("<p>mine</p>")
    (folder / "fills.csv").write_text("date,code,shares,price,ownership\n2018-10-12,S,100,10.00,D\n")
    before = _tree(folder)
    result = CliRunner().invoke(main, command(folder))
    assert result.exit_code == 2, result.output
    assert "input" in result.output or "one of the files checked" in result.output
    assert _tree(folder) == before


def test_check_output_needs_force_to_replace_a_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("an older report\n")
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-o", str(report)])
    assert result.exit_code == 2 and "use --force" in result.output and report.read_text() == "an older report\n"
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-o", str(report), "--force"])
    assert result.exit_code in (0, 1) and report.read_text() != "an older report\n"


def test_build_writes_xml_and_preview_as_a_unit(tmp_path, monkeypatch):
    """The preview cannot be written: neither file appears, and a rerun is not blocked."""
    import form4gen.drafts.files as cli  # where build's files are written

    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if str(dst).endswith(".html"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(cli.os, "replace", failing)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 2 and "No space left on device" in result.output
    monkeypatch.setattr(cli.os, "replace", real)
    assert [p.name for p in out.iterdir()] in ([], ["cellectar-2018-10-12.xml"])
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output


def _run_package(draft, out, *extra, env):
    return subprocess.Popen(
        [sys.executable, "-m", "form4gen", "package", str(draft), "-o", str(out), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_package_runs_at_once_never_both_claim_the_folder(tmp_path):
    filings = _filings_folder(tmp_path)
    env = {**os.environ, "FORM4GEN_CCC": CCC}
    for attempt in range(4):
        out = tmp_path / f"package{attempt}"
        test_run, live_run = _run_package(filings / "draft.yaml", out, env=env), _run_package(filings / "draft.yaml", out, "--live", env=env)
        codes = test_run.wait(120), live_run.wait(120)
        assert sorted(codes) == [0, 2], (codes, test_run.stderr.read(), live_run.stderr.read())
        wanted = "TEST" if codes[0] == 0 else "LIVE"
        assert f"<testOrLive>{wanted}</testOrLive>".encode() in (out / "submission.xml").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filings", "package0", "package1", "package2", "package3"]


def _files_with_the_ccc(folder):
    """Every file that holds the CCC, as text or inside submission.xml's base64 blocks."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        if CCC.encode() in data or path.name == "submission.xml":
            found.append(path)
    return found


@pytest.mark.parametrize("signal_number", [15, 9], ids=["SIGTERM", "SIGKILL"])
def test_package_killed_at_random_moments_leaves_the_ccc_nowhere_but_a_finished_package(tmp_path, signal_number):
    import random
    import time

    filings = _filings_folder(tmp_path)
    env = {**os.environ, "FORM4GEN_CCC": CCC}
    rng = random.Random(signal_number)
    out = tmp_path / "package"
    for _ in range(8):
        shutil.rmtree(out, ignore_errors=True)
        run = _run_package(filings / "draft.yaml", out, env=env)
        time.sleep(rng.uniform(0.05, 1.2))
        run.send_signal(signal_number)
        code = run.wait(60)
        finished = (out / "manifest.json").is_file()  # the package moved into place (a signal may come after)
        if finished:
            import json

            assert sorted(p.name for p in out.iterdir()) == sorted(
                [f["name"] for f in json.loads((out / "manifest.json").read_text())["files"]] + ["manifest.json"]
            )
        for path in _files_with_the_ccc(tmp_path):
            mode = path.stat().st_mode & 0o777
            if path == out / "submission.xml" and finished:
                assert mode == 0o600
                continue
            assert signal_number == 9, f"SIGTERM left {path}"
            assert mode == 0o600 and (path.parent.stat().st_mode & 0o077) == 0, f"{path} is readable by others"
        if signal_number == 15:
            assert code in (0, 143, -15), (code, run.stderr.read())  # -15: before the handler was set, nothing written yet
            assert "Traceback" not in run.stderr.read()
            assert not [p for p in tmp_path.iterdir() if p.name.startswith(".package")], "SIGTERM left a temporary folder"
    shutil.rmtree(out, ignore_errors=True)
    assert _run_package(filings / "draft.yaml", out, env=env).wait(60) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".package")], "the next run did not remove what killed runs left"


def test_sigint_exits_130_without_a_traceback():
    import signal
    import time

    run = subprocess.Popen([sys.executable, "-m", "form4gen", "check", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # it is waiting for paths on standard input
    run.send_signal(signal.SIGINT)
    assert run.wait(30) == 130
    assert "Traceback" not in run.stderr.read()


def test_check_names_its_settings_file_and_looks_no_higher_than_the_repository(tmp_path, monkeypatch):
    outer = tmp_path / "home"
    repo = outer / "project"
    (repo / ".git").mkdir(parents=True)
    (repo / "filings").mkdir()
    shutil.copy(EXAMPLE, repo / "filings" / "draft.yaml")
    (outer / "form4gen.toml").write_text('select = ["NOTHING-MATCHES"]\n')  # outside the repository
    monkeypatch.chdir(repo / "filings")
    result = CliRunner().invoke(main, ["check", "draft.yaml", "--as-of", "2018-10-16"])
    assert "settings from" not in result.stderr and result.exit_code in (0, 1), result.output
    (repo / "form4gen.toml").write_text('ignore = ["TIM"]\n')
    result = CliRunner().invoke(main, ["check", "draft.yaml", "--as-of", "2018-10-16"])
    assert f"form4gen: settings from {repo / 'form4gen.toml'}" in result.stderr


def test_package_to_a_dangling_link_is_a_message(tmp_path, monkeypatch):
    filings = _filings_folder(tmp_path)
    link = tmp_path / "package"
    os.symlink(tmp_path / "nowhere", link)
    result = _package(filings / "draft.yaml", "-o", link, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "is a link to nothing" in result.output and "Traceback" not in result.output
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    "where, error",
    [("mkdtemp", 30), ("write", 28)],  # EROFS: a read-only folder (root ignores mode bits); ENOSPC: a full disk
    ids=["read-only-folder", "full-disk"],
)
def test_package_failing_to_write_is_a_message_and_leaves_nothing(tmp_path, monkeypatch, where, error):
    import form4gen.prepare.folder as folder

    filings = _filings_folder(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    if where == "mkdtemp":
        monkeypatch.setattr(folder.tempfile, "mkdtemp", refuse)
    else:
        real_write = folder._write

        def half_written(work, files, mode):
            real_write(work, dict(list(files.items())[:1]), mode)  # the first file, then the disk is full
            refuse()

        monkeypatch.setattr(folder, "_write", half_written)
    result = _package(filings / "draft.yaml", "-o", tmp_path / "package", monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert os.strerror(error) in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filings"]  # no package, no temporary folder, no lock
