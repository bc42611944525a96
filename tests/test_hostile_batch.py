"""Hostile files in a check run: libxml2's verdict always stands, explaining errors is bounded,
an encoding EDGAR does not take is refused, only regular files are read (never a FIFO or a
device), and neither a file that takes too long nor a worker process that dies stops the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from form4gen import InputError, check, parse_xml

# A Form 4 as EDGAR disseminates it (from the corpus, blank lines dropped): valid.
FORM4 = """<?xml version="1.0"?>
<ownershipDocument>
    <schemaVersion>X0508</schemaVersion>
    <documentType>4</documentType>
    <periodOfReport>2025-01-10</periodOfReport>
    <issuer>
        <issuerCik>0000001750</issuerCik>
        <issuerName>AAR CORP</issuerName>
        <issuerTradingSymbol>AIR</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0001806647</rptOwnerCik>
            <rptOwnerName>Garascia Jessica A.</rptOwnerName>
        </reportingOwnerId>
        <reportingOwnerAddress>
            <rptOwnerStreet1>1100 N. WOOD DALE ROAD</rptOwnerStreet1>
            <rptOwnerStreet2></rptOwnerStreet2>
            <rptOwnerCity>WOOD DALE</rptOwnerCity>
            <rptOwnerState>IL</rptOwnerState>
            <rptOwnerZipCode>60191</rptOwnerZipCode>
            <rptOwnerStateDescription></rptOwnerStateDescription>
        </reportingOwnerAddress>
        <reportingOwnerRelationship>
            <isOfficer>1</isOfficer>
            <officerTitle>Senior VP, GC, CAO &amp; Secretary</officerTitle>
        </reportingOwnerRelationship>
    </reportingOwner>
    <aff10b5One>0</aff10b5One>
    <nonDerivativeTable>
        <nonDerivativeTransaction>
            <securityTitle>
                <value>Common Stock</value>
            </securityTitle>
            <transactionDate>
                <value>2025-01-10</value>
            </transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>S</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares>
                    <value>1500</value>
                </transactionShares>
                <transactionPricePerShare>
                    <value>66.903</value>
                    <footnoteId id="F1"/>
                </transactionPricePerShare>
                <transactionAcquiredDisposedCode>
                    <value>D</value>
                </transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction>
                    <value>37565</value>
                </sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership>
                    <value>D</value>
                </directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>
    </nonDerivativeTable>
    <footnotes>
        <footnote id="F1">The price reported in Column 4 is a weighted average price. These shares were sold in multiple
            transactions at prices ranging from $66.8350 to $66.9800 inclusive. The reporting person undertakes to provide
            AAR CORP. any security holder of AAR CORP. or the staff of the Securities Exchange Commission upon request, full
            information regarding the number of shares sold at each separate price within the range set forth in this
            footnote.</footnote>
    </footnotes>
    <ownerSignature>
        <signatureName>/s/ Katherine Kwiat, power of attorney</signatureName>
        <signatureDate>2025-01-10</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _check(*args: str, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """form4gen check in a process of its own: a hang fails the test (TimeoutExpired) instead of
    stopping the suite."""
    return subprocess.run(
        [sys.executable, "-m", "form4gen", "check", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def _files(out: subprocess.CompletedProcess) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(out.stdout)["files"]}


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_example_form4_is_valid():
    report = check(FORM4.encode())
    assert report.ok and not report.findings, report.findings


# 1. libxml2's verdict stands


def test_a_no_break_space_before_a_number_is_a_schema_error(tmp_path):
    """libxml2 (and the SEC's schema) refuse '\u00a01500' as a decimal; xmlschema, which only
    explains errors, takes it: libxml2's own message is reported, with its line."""
    text = FORM4.replace("<value>1500</value>", "<value>\u00a01500</value>")
    path = tmp_path / "nbsp.xml"
    path.write_text(text, encoding="utf-8")
    out = _check(str(path), "--format", "json")
    assert out.returncode == 1, out.stdout + out.stderr
    findings = _files(out)["nbsp.xml"]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("XML-SCHEMA", _line_of(text, "\u00a01500"))]
    message = findings[0]["message"]
    assert "'\\u00a01500' is not a valid value of the atomic type 'POSITIVE_DECIMAL'" in message
    assert "delete the invisible \\u00a0 (no-break space) and write the value alone" in message
    assert findings[0]["location"].endswith("/transactionShares/value")
    text_out = _check(str(path))
    assert text_out.returncode == 1 and "POSITIVE_DECIMAL" in text_out.stdout and "Traceback" not in text_out.stderr


# 2. explaining is bounded


def test_4000_bad_attributes_are_checked_at_once_and_counted(tmp_path):
    """A 40 KB file with 4,000 attributes the schema does not allow: 50 are listed, one finding
    counts the rest, and the check ends within seconds (it took 88 s when each was explained)."""
    attributes = " ".join(f'a{i}="x"' for i in range(4000))
    text = FORM4.replace("<issuerName>", f"<issuerName {attributes}>")
    path = tmp_path / "attributes.xml"
    path.write_text(text)
    out = _check(str(path), "--format", "json", timeout=60)
    assert out.returncode == 1, out.stderr
    findings = _files(out)["attributes.xml"]["findings"]
    assert len(findings) == 51 and all(f["rule"] == "XML-SCHEMA" for f in findings)
    line = _line_of(text, "<issuerName ")
    assert findings[0]["line"] == line and "attribute 'a0'" in findings[0]["message"] and "is not allowed" in findings[0]["message"]
    assert findings[-1]["message"] == "and 3950 more schema errors (not listed: form4gen lists the first 50; fix these and check again)"


def test_many_explained_errors_stop_at_50():
    """xmlschema's own explanations, in rows: at most 50 and one finding for the rest."""
    row = FORM4[FORM4.index("<nonDerivativeTransaction>") : FORM4.index("</nonDerivativeTable>")]
    bad = row.replace("<transactionCode>S", "<transactionCode>BAD")
    text = FORM4.replace(row, row + bad * 29)
    report = check(text.encode(), select=["XML-SCHEMA"])
    assert len(report.errors) == 29 and report.errors[0].message.startswith("value doesn't match any pattern")
    attributes = " ".join(f'b{i}="x"' for i in range(3))
    many = text.replace("<value>", f"<value {attributes}>")
    report = check(many.encode(), select=["XML-SCHEMA"])
    assert len(report.errors) == 51
    assert report.errors[-1].message.startswith("and ") and "more schema errors" in report.errors[-1].message


# 3. encodings EDGAR does not take


def test_a_document_in_iso_8859_1_is_refused(tmp_path):
    text = FORM4.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>').replace("Jessica", "Jéssica")
    path = tmp_path / "latin1.xml"
    path.write_bytes(text.encode("latin-1"))
    out = _check(str(path))
    assert out.returncode == 1, out.stdout
    expected = (
        'the XML declaration says encoding="ISO-8859-1"; EDGAR takes ASCII or UTF-8 XML only: '
        'save the file as UTF-8 and write <?xml version="1.0" encoding="UTF-8"?> (or leave the encoding out)'
    )
    assert str(path) in out.stdout and "XML-SYNTAX" in out.stdout and expected in out.stdout, out.stdout
    with pytest.raises(InputError) as caught:
        parse_xml(path)
    assert caught.value.render() == f"{path}:1: {expected}"
    imported = subprocess.run(
        [sys.executable, "-m", "form4gen", "import", str(path), "-o", str(tmp_path / "o.yaml")], capture_output=True, text=True, timeout=60
    )
    assert imported.returncode == 2 and expected in imported.stderr and "Traceback" not in imported.stderr
    for fine in ("UTF-8", "utf-8", "US-ASCII"):
        declared = FORM4.replace('<?xml version="1.0"?>', f"<?xml version='1.0' encoding='{fine}'?>")
        assert check(declared.encode()).ok, fine


# 4. only regular files are read


@needs_fifo
def test_a_fifo_by_glob_on_stdin_or_in_a_folder_never_hangs(tmp_path):
    (tmp_path / "good.xml").write_text(FORM4)
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would wait for ever
    message = "is not a regular file (a FIFO (named pipe)): give the path of an ownership document saved as an ordinary file"
    for args, stdin in (([str(tmp_path / "*.xml")], None), (["-"], f"{tmp_path / 'good.xml'}\n{fifo}\n"), ([str(fifo)], None)):
        out = _check(*args, stdin=stdin, timeout=60)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert f"{fifo}\n" in out.stdout and message in out.stdout and "Traceback" not in out.stderr, out.stdout
    # a folder lists only its regular files: the pipe is not a filing of it
    out = _check(str(tmp_path), timeout=60)
    assert out.returncode == 0 and "1 file checked" in out.stdout, out.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_not_read(tmp_path):
    link = tmp_path / "zero.xml"
    link.symlink_to("/dev/zero")  # endless: reading it whole would take all memory
    out = _check(str(link), "--format", "json", timeout=60)
    assert out.returncode == 2
    assert _files(out)["zero.xml"]["problems"][0]["message"].startswith("is not a regular file (a device, such as /dev/zero)")
    with pytest.raises(InputError, match="is not a regular file"):
        parse_xml(link)


def test_at_most_the_limit_and_one_byte_is_read(tmp_path, monkeypatch):
    """A file over the limit by its size is not read at all; one that grows past the limit after
    its size was taken is read no further than the limit and one byte."""
    from form4gen.xml import read

    path = tmp_path / "big.xml"
    path.write_bytes(b"<ownershipDocument>" + b" " * 5000 + b"</ownershipDocument>")
    asked: list[int] = []
    real_read, real_fstat = os.read, os.fstat

    def spying_read(fd, size):
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", spying_read)
    with pytest.raises(read.XmlTooLarge):
        read.read_regular_file(path, 1000)
    assert asked == []  # refused by its size, before any read
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))  # "10 bytes"
    with pytest.raises(read.XmlTooLarge) as caught:
        read.read_regular_file(path, 1000)
    assert sum(asked) == 1001 and "the file is more than" in caught.value.problems[0].message


def test_a_sparse_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # 11 MB of nothing, on no disk space
    out = _check(str(path))
    assert out.returncode == 1 and "the file is 11.0 MB; an ownership document is at most 10 MB here" in out.stdout, out.stdout


# 5. a file that takes too long, a worker that dies

_RUN = """
import os, signal, sys, time
from form4gen.checking import batch
from form4gen.cli import main

real = batch.check
batch.FILE_TIME_LIMIT = {limit}

def hostile(target, **options):
    name = os.path.basename(str(target))
    if name.endswith("slow.xml"):
        time.sleep(600)
    if name.endswith("killer.xml"):
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return real(target, **options)

batch.check = hostile
sys.argv = ["form4gen", "check", *sys.argv[1:]]
main()
"""


def _run_hostile(*args: str, limit: float = 60) -> subprocess.CompletedProcess:
    code = textwrap.dedent(_RUN).format(limit=limit)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def _folder(tmp_path: Path, special: str, count: int = 12) -> list[Path]:
    paths = []
    for n in range(count):
        path = tmp_path / (f"f{n:02}{special}" if n == count // 2 else f"f{n:02}.xml")
        path.write_text(FORM4)
        paths.append(path)
    return sorted(paths)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_limit_is_unusable_and_the_run_goes_on(tmp_path, jobs):
    paths = _folder(tmp_path, "slow.xml")
    out = _run_hostile(str(tmp_path), "--jobs", jobs, "--format", "json", limit=1)
    assert out.returncode == 2, out.stderr
    files = _files(out)
    assert list(files) == [p.name for p in paths]  # in file order
    assert files["f06slow.xml"]["status"] == "unusable"
    assert files["f06slow.xml"]["problems"][0]["message"] == (
        "took more than 1 s to check, so it was stopped and not checked; check it alone (form4gen check FILE) to see why"
    )
    assert all(f["status"] == "ok" for name, f in files.items() if name != "f06slow.xml"), files


def test_the_time_limit_is_60_seconds_by_default():
    from form4gen.checking import batch

    assert batch.FILE_TIME_LIMIT == 60


def test_a_worker_killed_during_a_run_does_not_make_it_wait(tmp_path):
    """SIGKILL in a worker (the OOM killer): the run ends, exit code 2, every file has its result
    in file order, the files not checked are unusable and say why."""
    paths = _folder(tmp_path, "killer.xml", count=40)
    out = _run_hostile(str(tmp_path), "--jobs", "2", "--format", "json")
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    files = _files(out)
    assert list(files) == [p.name for p in paths]
    assert files["f20killer.xml"]["status"] == "unusable"
    message = files["f20killer.xml"]["problems"][0]["message"]
    assert message == (
        "not checked: the worker process checking it stopped (killed by the system, perhaps for lack of memory) "
        "before it finished this file or one checked with it; check it again alone (form4gen check FILE --jobs 1)"
    )
    assert files["f00.xml"]["status"] == "ok"  # checked before the worker died
    assert {f["status"] for f in files.values()} == {"ok", "unusable"}
    assert all(f["problems"][0]["message"] == message for f in files.values() if f["status"] == "unusable")
    summary = json.loads(out.stdout)["summary"]
    assert summary["files"] == 40 and summary["unusable"] >= 1
