"""Hostile and broken input: every case gets a specific, human message, exit code 1 (check) or
2 (commands that need a usable filing), within seconds, and no traceback; nothing leaks."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from form4gen import check, load, to_xml
from form4gen.cli import main

GOOD = to_xml(load(EXAMPLE, with_ccc=False)).encode("utf-8")
SECRET_FILE_TEXT = "TOP-SECRET-CONTENT-42"

XML_CASES = {
    "billion-laughs": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<ownershipDocument><remarks>&lol3;</remarks></ownershipDocument>',
        "DOCTYPE declaration is not allowed",
    ),
    "network-dtd": (
        b'<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument SYSTEM "http://example.com/evil.dtd">\n<ownershipDocument/>',
        "DOCTYPE declaration is not allowed",
    ),
    "deep-nesting": (b"<a>" * 100_000 + b"</a>" * 100_000, "nested more than 256 deep"),
    "30-mb-text": (b"<ownershipDocument><remarks>" + b"x" * (30 * 1024 * 1024) + b"</remarks></ownershipDocument>", "the file is 30.0 MB"),
    "invalid-utf8": (GOOD.replace(b"MADISON", b"MAD\xe9SON"), "bytes that are not UTF-8"),
    "utf16": (GOOD.decode("utf-8").encode("utf-16"), "the file is UTF-16"),
    "nul-byte": (GOOD.replace(b"MADISON", b"MAD\x00SON"), "a NUL byte"),
    "truncated": (GOOD[: len(GOOD) // 2], "looks truncated"),
    "empty": (b"", "the file is empty"),
    "processing-instruction": (GOOD.replace(b"<ownershipDocument>", b'<?xml-stylesheet href="x.xsl"?>\n<ownershipDocument>', 1), "processing instruction"),
}


@pytest.mark.parametrize("name", sorted(XML_CASES))
def test_broken_xml_gets_a_specific_message(tmp_path, name):
    data, message = XML_CASES[name]
    path = tmp_path / f"{name}.xml"
    path.write_bytes(data)
    runner = CliRunner()
    started = time.monotonic()
    checked = runner.invoke(main, ["check", str(path)])
    imported = runner.invoke(main, ["import", str(path), "-o", str(tmp_path / "out.yaml")])
    assert time.monotonic() - started < 10
    assert checked.exit_code == 1 and message in checked.output, checked.output
    assert imported.exit_code == 2 and message in imported.output, imported.output
    assert "Traceback" not in checked.output + imported.output
    assert not (tmp_path / "out.yaml").exists()
    assert "lollol" not in checked.output  # no entity was expanded


def test_an_external_entity_pointing_at_a_local_file_leaks_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_FILE_TEXT)
    path = tmp_path / "xxe.xml"
    path.write_bytes(
        f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        "<ownershipDocument><documentType>4</documentType><remarks>&s;</remarks></ownershipDocument>".encode()
    )
    for command in (
        ["check", str(path)],
        ["check", str(path), "--format", "json"],
        ["import", str(path), "-o", str(tmp_path / "x.yaml")],
        ["preview", str(path), "-o", str(tmp_path / "x.html")],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (1, 2) and SECRET_FILE_TEXT not in result.output
    assert not list(tmp_path.glob("x.*"))


def test_xinclude_is_not_processed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_FILE_TEXT)
    data = GOOD.replace(
        b"<remarks>",
        b"<remarks>",
    ).replace(
        b"</ownershipDocument>", f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/></ownershipDocument>'.encode()
    )
    report = check(data)
    assert report.errors and SECRET_FILE_TEXT not in repr(report)


def test_crlf_line_ends_and_a_utf8_byte_order_mark_are_fine():
    crlf = GOOD.replace(b"\n", b"\r\n")
    assert check(crlf, as_of=None).errors == []
    bad = crlf.replace(b"<value>A</value>", b"<value>Q</value>")
    (finding,) = [f for f in check(bad).errors if f.rule == "XML-SCHEMA"]
    assert GOOD.decode().splitlines()[finding.line - 1].strip() == "<value>Q</value>".replace("Q", "A")  # the line counts are right
    assert check(b"\xef\xbb\xbf" + GOOD).errors == []


YAML_CASES = {
    "python-tag": (
        "document_type: !!python/object/apply:os.system ['echo PWNED']\n",
        "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    "alias-bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        "anchors and aliases",
    ),
    "duplicate-key": ("document_type: 4\ndocument_type: 5\n", "duplicate key"),
    "wrong-type": (EXAMPLE.read_text().replace("shares: 150000\n", "shares: many\n", 1), "derivative_table[0].transaction_amounts.shares"),
}


@pytest.mark.parametrize("name", sorted(YAML_CASES))
def test_hostile_yaml_is_refused(tmp_path, name):
    text, message = YAML_CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert "PWNED" not in result.output
    if name == "wrong-type":
        line = text.splitlines().index("      shares: many") + 1
        assert f":{line}" in result.output or f"  {line}  " in result.output


def test_duplicate_json_keys_are_refused(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{\n  "document_type": "4",\n  "document_type": "5"\n}\n')
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "the key 'document_type' appears twice" in result.output and "  3  " in result.output


def test_csv_fills_are_checked_row_by_row(tmp_path):
    path = tmp_path / "fills.csv"
    path.write_text("date,code,shares,price,ownership\n2026-04-06,S,100,10.2,D\n2026-04-06,P,x,10.2,D\n2026-04-06,M,5,1,D\n2026-04-06,S,-3,1,D\n")
    result = CliRunner().invoke(main, ["aggregate", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    for row, column in ((3, "shares"), (4, "code"), (5, "shares")):
        assert f"fills.csv:{row}: row {row}, {column}:" in result.output


def test_a_failed_run_leaves_no_partial_file(tmp_path, monkeypatch):
    """If rendering the preview fails, build writes neither file (both are made first)."""
    import form4gen.preview.render as cli  # build imports to_html from here when it runs

    def broken(*args, **kwargs):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(cli, "to_html", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out)], catch_exceptions=False)
    assert not out.exists() or not list(out.iterdir())


def test_the_ccc_appears_only_in_the_submission_file(tmp_path, monkeypatch):
    """Build and package with a CCC set: every output file, every line printed and every error
    message is scanned; only submission.xml holds the CCC (base64 encoded inside it)."""
    import base64

    ccc = "zq9#x7@w"
    monkeypatch.setenv("FORM4GEN_CCC", ccc)
    runner = CliRunner()
    outputs = []
    outputs.append(runner.invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "built")]).output)
    outputs.append(runner.invoke(main, ["package", str(EXAMPLE), "-o", str(tmp_path / "package")]).output)
    outputs.append(runner.invoke(main, ["xml", str(EXAMPLE)]).output)
    outputs.append(runner.invoke(main, ["preview", str(EXAMPLE), "-o", str(tmp_path / "p.html")]).output)
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("state: WI", "state: ZZ"))
    outputs.append(runner.invoke(main, ["package", str(bad), "-o", str(tmp_path / "badpkg")]).output)
    outputs.append(runner.invoke(main, ["check", str(tmp_path / "package"), "--format", "json"]).output)
    for output in outputs:
        assert ccc not in output
    holders = []
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert ccc.encode() not in data, path
            if b"edgarSubmission" in data:
                holders.append(path.name)
                assert ccc.encode() in base64.b64decode(data.split(b"<documentMimeBlock>")[1].split(b"</documentMimeBlock>")[0])
    assert holders == ["submission.xml"]
