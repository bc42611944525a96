"""form4gen check over many files: --jobs gives the same report as one process, byte for byte,
whatever the scheduling; paths can come from standard input."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS, EXAMPLE, requires_shared


def _check(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "form4gen", "check", *args], capture_output=True, text=True, input=stdin, timeout=600)


@requires_shared
def test_jobs_1_and_jobs_4_give_byte_identical_reports():
    for fmt in ("text", "json", "sarif"):
        one = _check(str(CORPUS), "--jobs", "1", "--format", fmt)
        four = _check(str(CORPUS), "--jobs", "4", "--format", fmt)
        assert one.returncode == four.returncode == 1  # the corpus has its justified errors
        assert one.stdout == four.stdout and len(one.stdout) > 10_000, fmt


@requires_shared
def test_paths_from_standard_input():
    files = sorted(CORPUS.glob("*.xml"))[:30]
    listed = _check("-", "--jobs", "2", "--timing", stdin="\n".join(str(p) for p in files) + "\n")
    direct = _check(*map(str, files), "--jobs", "1")
    assert listed.stdout == direct.stdout and listed.stdout.splitlines()[-1].startswith("30 files checked")
    assert "files/s" in listed.stderr


def test_reports_are_written_a_file_at_a_time():
    """Each format writes a file's part as soon as that file's result arrives: the writer has
    produced output for the first file before the second result is even made, and the counts
    it keeps are the run's."""
    from form4gen.checking.engine import Finding, Report
    from form4gen.checking.formats import FORMATS, FileResult, writer

    made: list[int] = []

    def results():
        for n in range(3):
            made.append(n)
            finding = Finding("FN-UNUSED", "error", f"footnote F{n + 1} is never referred to", "footnotes", 3)
            yield FileResult(f"f{n}.xml", Report(f"f{n}.xml", [finding]))

    for fmt in FORMATS:
        made.clear()
        report = writer(fmt)
        stream = report.stream(results())
        next(stream)  # the head
        first = next(stream)
        assert made == [0], fmt  # written before the next file is checked
        if fmt not in ("junit",):  # JUnit spools its cases until the counts are known
            assert "f0.xml" in first, fmt
        rest = "".join(stream)
        assert made == [0, 1, 2]
        assert (report.summary.files, report.summary.errors, report.summary.files_with_errors) == (3, 3, 3)
        assert "f2.xml" in rest, fmt


@requires_shared
def test_the_summary_line_on_stderr_gives_counts_and_rate():
    out = subprocess.run(
        [sys.executable, "-m", "form4gen", "check", "--timing", "--jobs", "2", str(CORPUS)],
        capture_output=True,
        text=True,
        check=False,
    )
    sentence = out.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"461 files checked: \d+ errors, \d+ warnings", sentence), sentence
    assert re.fullmatch(re.escape(sentence) + r" in \d+\.\d s \(\d+ files/s\)", out.stderr.strip()), out.stderr


def test_a_failure_inside_form4gen_makes_that_file_unusable_not_the_run(tmp_path, monkeypatch):
    """A bug met on one file of a long run is reported on that file (exit code 2); the other
    files are still checked and reported."""
    from click.testing import CliRunner

    from form4gen.checking import batch as cli_check
    from form4gen.cli import main

    real = cli_check.check

    def flaky(target, **options):
        if str(target).endswith("b.xml"):
            raise ZeroDivisionError("secret 1a2b3c4d in the message")
        return real(target, **options)

    monkeypatch.setattr(cli_check, "check", flaky)
    for name in ("a.xml", "b.xml", "c.xml"):
        (tmp_path / name).write_text("<ownershipDocument/>")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2, result.output
    import json

    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert files["b.xml"]["status"] == "unusable"
    message = files["b.xml"]["problems"][0]["message"]
    assert "ZeroDivisionError in test_batch.py" in message and "secret" not in message
    assert files["a.xml"]["status"] == files["c.xml"]["status"] == "errors"


@requires_shared
def test_output_writes_the_report_to_a_file_whole(tmp_path):
    """--output: the same report as standard output gets, in a file that appears only when the
    run is over; standard output stays empty."""
    target = tmp_path / "reports" / "corpus.json"
    to_file = _check(str(CORPUS), "--jobs", "2", "--format", "json", "--output", str(target))
    to_stdout = _check(str(CORPUS), "--jobs", "2", "--format", "json")
    assert to_file.returncode == to_stdout.returncode == 1
    assert to_file.stdout == "" and target.read_text() == to_stdout.stdout
    assert [p.name for p in target.parent.iterdir()] == ["corpus.json"]  # no temporary file left


def test_output_to_a_folder_that_cannot_be_written_is_exit_2(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = _check(str(EXAMPLE), "--output", str(blocked / "report.txt"))
    assert result.returncode == 2 and "cannot write the file" in result.stderr and "Traceback" not in result.stderr


@requires_shared
def test_a_progress_bar_shows_on_a_terminal_and_nowhere_else(tmp_path):
    """With standard error on a terminal and the report going to a file, a progress bar and the
    summary line show there; with standard error not a terminal, neither does."""
    import os
    import pty

    report = tmp_path / "report.txt"
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "form4gen", "check", "--jobs", "2", "--output", str(report), str(CORPUS)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=600,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 1
    text = shown.decode("utf-8", "replace")
    assert "checking" in text and "100%" in text  # click's progress bar, to the end
    assert re.search(r"461 files checked: \d+ errors, \d+ warnings in [\d.]+ s \(\d+ files/s\)", text)
    quiet = _check("--jobs", "2", "--output", str(report), "--force", str(CORPUS))
    assert quiet.stderr == "" and quiet.stdout == ""


@requires_shared
def test_parts_written_by_workers_join_into_the_same_report():
    """A worker writes its file's part of the report with the result; the run's writer then
    only joins the parts.  Joined, they make the report the writer makes from the results."""
    import dataclasses

    from form4gen.checking.batch import CheckTask
    from form4gen.checking.formats import FORMATS, writer

    paths = [*sorted(str(p) for p in CORPUS.glob("*.xml"))[:60], str(EXAMPLE)]
    plain = [CheckTask(None, (), (), ())(p) for p in paths]
    for fmt in FORMATS:
        options = (("color", True), ("show_fixes", True)) if fmt == "text" else (("strict", True),)
        rendered = [CheckTask(None, (), (), (), (fmt, options))(p) for p in paths]
        assert all(r.rendered is not None for r in rendered)
        from_parts = "".join(writer(fmt, **dict(options)).stream(rendered))
        from_results = "".join(writer(fmt, **dict(options)).stream(dataclasses.replace(r, rendered=None) for r in plain))
        assert from_parts == from_results, fmt
