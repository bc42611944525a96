"""Hardening: the CCC checked against EDGAR's rule, the credentials file (permissions, a missing
named file, broken TOML or UTF-8), active content and external references in .htm
attachments, and commas in the numbers and doubled columns of `form4gen aggregate`.

Every refusal exits 2 with a message naming the file, the field or line and what to write
instead, writes nothing, and never shows the CCC."""

from __future__ import annotations

import base64
import os

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from lxml import etree

from form4gen import InputError, load
from form4gen.cli import main
from form4gen.drafts.attachments import html_problems

GOOD_CCC = "x9#k2@7q"
RULE = "with at least one digit and at least one of @ # * $"

BAD_CCCS = {
    "no-digit": ("aaaaaaa#", "it has no digit"),
    "letters-only": ("aaaaaaaa", "it has no digit"),
    "digit-but-no-special": ("aaaa1aaa", "it has none of @ # * $"),
    "space": ("ab1# cde", "it contains a space"),
    "newline": ("ab1#cd\ne", "it contains a control character"),
    "trailing-newline": ("ab1#cde\n", "it contains a control character"),
    "tab": ("ab1#\tcde", "it contains a control character"),
    "bell": ("ab1#cd\x07e", "it contains a control character"),
    "delete": ("ab1#cd\x7fe", "it contains a control character"),
    "non-ascii": ("ab1#cdé!", "it contains a non-ASCII character"),
    "too-short": ("ab1#cde", "it is not 8 characters long"),
    "too-long": ("ab1#cdefg", "it is not 8 characters long"),
}


def _run(*args: str):
    return CliRunner().invoke(main, [*args])


def _package(tmp_path, source=EXAMPLE, *extra: str):
    out = tmp_path / "package"
    return _run("package", str(source), "-o", str(out), *extra), out


def _assert_not_shown(secret: str, *texts: str) -> None:
    for text in texts:
        assert secret not in text
        assert secret.strip() not in text
        for piece in secret.split():
            if len(piece) >= 4:
                assert piece not in text


def _credentials(tmp_path, monkeypatch, content: bytes | str, mode: int = 0o600):
    path = tmp_path / "creds" / "credentials.toml"
    path.parent.mkdir(exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    path.chmod(mode)
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(path))
    return path


def _nothing_written(tmp_path, out) -> None:
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".package")]


# --- 1. the CCC -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(BAD_CCCS))
@pytest.mark.parametrize("variable", ["FORM4GEN_CCC", "FORM4GEN_CCC_1234567"])
def test_a_bad_ccc_from_the_environment_is_refused_naming_the_variable(tmp_path, monkeypatch, case, variable):
    value, why = BAD_CCCS[case]
    monkeypatch.setenv(variable, value)
    result, out = _package(tmp_path)
    assert result.exit_code == 2, result.output
    assert f"${variable}: reporting_owners[0].ccc: the CCC for reporting owner 0001234567 is not a valid CCC: {why}" in result.output
    assert RULE in result.output and "(the value is not shown)" in result.output
    assert "Traceback" not in result.output
    _assert_not_shown(value, result.output)
    _nothing_written(tmp_path, out)


@pytest.mark.parametrize("case", sorted(BAD_CCCS))
def test_a_bad_ccc_from_the_credentials_file_names_the_file_and_the_cik(tmp_path, monkeypatch, case):
    value, why = BAD_CCCS[case]
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F or c in '"\\' else c for c in value)  # a TOML basic string
    path = _credentials(tmp_path, monkeypatch, f'[ccc]\n"0001234567" = "{escaped}"\n')
    result, out = _package(tmp_path)
    assert result.exit_code == 2, result.output
    assert f'{path}:2: ccc."1234567": the CCC for reporting owner 0001234567 is not a valid CCC: {why}' in result.output
    assert RULE in result.output and "Traceback" not in result.output
    _assert_not_shown(value, result.output)
    _nothing_written(tmp_path, out)


def test_a_bad_ccc_is_refused_by_load_as_well(monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", "aaaaaaaa")
    with pytest.raises(InputError) as caught:
        load(EXAMPLE)
    assert "$FORM4GEN_CCC" in caught.value.render() and "aaaaaaaa" not in caught.value.render()


def test_a_ccc_that_is_not_a_string_in_the_file(tmp_path, monkeypatch):
    path = _credentials(tmp_path, monkeypatch, '[ccc]\n"0001234567" = 12345678\n')
    result, out = _package(tmp_path)
    assert result.exit_code == 2 and f'{path}:2: ccc."1234567": the CCC for reporting owner 0001234567 must be a quoted string' in result.output
    assert "12345678" not in result.output
    _nothing_written(tmp_path, out)


@pytest.mark.parametrize("ccc", [GOOD_CCC, "A1$*****", "a1#<&b>c", "Z9*zzzzz"])
def test_a_good_ccc_is_packaged_and_the_primary_document_is_well_formed(tmp_path, monkeypatch, ccc):
    monkeypatch.setenv("FORM4GEN_CCC", ccc)
    result, out = _package(tmp_path)
    assert result.exit_code == 0, result.output
    root = etree.fromstring((out / "submission.xml").read_bytes())
    primary = base64.b64decode(root.find(".//documentMimeBlock").text)
    assert etree.fromstring(primary).findtext(".//rptOwnerCcc") == ccc
    _assert_not_shown(ccc, result.output)
    for path in out.iterdir():
        if path.name != "submission.xml":
            assert ccc.encode() not in path.read_bytes()


def test_the_owner_specific_variable_wins_over_a_bad_single_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", "aaaaaaaa")
    monkeypatch.setenv("FORM4GEN_CCC_1234567", GOOD_CCC)
    assert load(EXAMPLE).reporting_owners[0].ccc.get_secret_value() == GOOD_CCC


# --- 2. the credentials file -----------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_credentials_file_others_can_read_gets_a_warning_like_ssh(tmp_path, monkeypatch, mode):
    path = _credentials(tmp_path, monkeypatch, f'[ccc]\n"0001234567" = "{GOOD_CCC}"\n', mode)
    result, _ = _package(tmp_path)
    assert result.exit_code == 0, result.output
    assert f"chmod 600 {path}" in result.stderr and f"(mode {mode:04o})" in result.stderr
    assert "warning" in result.stderr
    _assert_not_shown(GOOD_CCC, result.output)


def test_a_0600_credentials_file_gets_no_warning(tmp_path, monkeypatch):
    _credentials(tmp_path, monkeypatch, f'[ccc]\n"0001234567" = "{GOOD_CCC}"\n')
    result, _ = _package(tmp_path)
    assert result.exit_code == 0, result.output
    assert "chmod" not in result.stderr and "warning" not in result.stderr


def test_a_missing_file_named_by_the_variable_is_an_error(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere" / "credentials.toml"
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(missing))
    result, out = _package(tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{missing}: no such file, named by $FORM4GEN_CREDENTIALS" in result.output and "Traceback" not in result.output
    _nothing_written(tmp_path, out)
    with pytest.raises(InputError, match="no such file"):
        load(EXAMPLE)


def test_the_default_location_may_be_absent(tmp_path, monkeypatch):
    monkeypatch.delenv("FORM4GEN_CREDENTIALS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert load(EXAMPLE).reporting_owners[0].ccc is None
    result, _ = _package(tmp_path)
    assert result.exit_code == 2 and "no CCC for reporting owner 0001234567" in result.output
    default = tmp_path / "config" / "form4gen" / "credentials.toml"
    default.parent.mkdir(parents=True)
    default.write_text(f'[ccc]\n"1234567" = "{GOOD_CCC}"\n')
    default.chmod(0o600)
    assert load(EXAMPLE).reporting_owners[0].ccc.get_secret_value() == GOOD_CCC


@pytest.mark.parametrize(
    "content, line, message",
    [
        (f'[ccc]\n"0001234567" = "{GOOD_CCC}\n', 2, "not valid TOML"),  # unterminated string
        (f'[ccc]\n"0001234567" = {GOOD_CCC}\n', 2, "not valid TOML"),  # unquoted
        (f'[ccc]\n"0001234567" "{GOOD_CCC}"\n', 2, "not valid TOML"),  # no '='
        (f'[ccc\n"0001234567" = "{GOOD_CCC}"\n', 1, "not valid TOML"),
        (f'[ccc]\n"0001234567" = "{GOOD_CCC}"\n"0001234567" = "{GOOD_CCC}"\n', 3, "not valid TOML"),
    ],
)
def test_malformed_toml_names_the_file_and_line(tmp_path, monkeypatch, content, line, message):
    path = _credentials(tmp_path, monkeypatch, content)
    result, out = _package(tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}: {message}" in result.output and '[ccc] of "<CIK>" = "<CCC>"' in result.output
    assert "Traceback" not in result.output
    _assert_not_shown(GOOD_CCC, result.output)
    for character in "9#k2@7q":  # tomllib quotes an illegal character: never a piece of the value
        assert f"'{character}'" not in result.output
    _nothing_written(tmp_path, out)


def test_a_credentials_file_that_is_not_utf8_names_the_line(tmp_path, monkeypatch):
    path = _credentials(tmp_path, monkeypatch, b'[ccc]\n# owners\n"0001234567" = "x9#k\xff@7q"\n')
    result, out = _package(tmp_path)
    assert result.exit_code == 2, result.output
    assert f"{path}:3: the credentials file is not UTF-8 text; save it as UTF-8" in result.output
    assert "0xff" not in result.output and "x9#k" not in result.output and "Traceback" not in result.output
    _nothing_written(tmp_path, out)


def test_a_credentials_path_that_is_a_folder(tmp_path, monkeypatch):
    folder = tmp_path / "creds.toml"
    folder.mkdir()
    monkeypatch.setenv("FORM4GEN_CREDENTIALS", str(folder))
    result, out = _package(tmp_path)
    assert result.exit_code == 2 and f"{folder}: the credentials file is not a regular file" in result.output
    _nothing_written(tmp_path, out)


def test_the_test_fixture_gives_an_empty_private_credentials_file():
    path = os.environ["FORM4GEN_CREDENTIALS"]
    assert os.path.isfile(path) and os.path.getsize(path) == 0
    if os.name != "nt":
        assert os.stat(path).st_mode & 0o777 == 0o600


# --- 3. .htm attachments ----------------------------------------------------------------------------

HTML_CASES = {
    "script": (
        "<html><body>\n<p>Power of attorney</p>\n<script>alert(1)</script>\n</body></html>",
        3,
        "a <script> element; EDGAR does not allow active content",
    ),
    "script-upper": ("<HTML><BODY>\n<SCRIPT SRC=x.js></SCRIPT>", 2, "a <script> element"),
    "onload": ('<html>\n<body onload="steal()">\n<p>x</p></body></html>', 2, "an event-handler attribute onload= on <body>"),
    "onclick": ("<p>x</p>\n\n<a href='#top' onclick='go()'>top</a>", 3, "an event-handler attribute onclick= on <a>"),
    "javascript-url": ('<p>\n<a href="javascript:alert(1)">x</a>', 2, "href= holds a javascript: URL"),
    "javascript-obfuscated": ('<p>\n<a href=" JaVa&#x09;Script&#58;alert(1)">x</a>', 2, "href= holds a javascript: URL"),
    "http-href": ('<p>See\n<a href="https://example.com/x">here</a>', 2, "href='https://example.com/x' refers outside the document"),
    "protocol-relative-img": ('<p>\n<img src="//evil.example/pixel.gif">', 2, "src='//evil.example/pixel.gif' refers outside the document"),
    "relative-img": ('<p>\n<img src="signature.jpg">', 2, "src='signature.jpg' refers to another file"),
    "data-url": ('<p>\n<img src="data:image/png;base64,AAAA">', 2, "src= holds a data: URL"),
    "link": ('<html><head>\n<link rel="stylesheet" href="https://cdn.example/x.css">', 2, "a <link> element; EDGAR does not allow external references"),
    "iframe": ('<p>\n\n<iframe src="https://example.com"></iframe>', 3, "a <iframe> element"),
    "object": ('<p>\n<object data="x.swf"></object>', 2, "a <object> element"),
    "embed": ('<p>\n<embed src="x.swf">', 2, "a <embed> element"),
    "form": ('<p>\n<form action="https://example.com/collect"><input name=a></form>', 2, "a <form> element; EDGAR does not allow forms"),
    "css-url": (
        "<style>\np { color: black }\nbody { background: url('https://example.com/t.png') }\n</style>",
        3,
        "<style>: CSS url(https://example.com/t.png) refers outside",
    ),
    "css-import": ('<style>\n@import "https://example.com/x.css";\n</style>', 2, "<style>: CSS @import"),
    "css-escaped-url": ("<p>\n<p style='background: u\\72 l(http://example.com/x)'>", 2, "CSS url(http://example.com/x) refers outside"),
    "style-attribute": ('<p>\n<div style="background-image:url(//example.com/x.gif)">x</div>', 2, "<div style=...>: CSS url(//example.com/x.gif)"),
    "meta-refresh": ('<head>\n<meta http-equiv="refresh" content="0; url=https://example.com">', 2, '<meta http-equiv="refresh">'),
    "svg-xlink": ('<p>\n<svg><use xlink:href="https://example.com/s.svg#a"/></svg>', 2, "xlink:href='https://example.com/s.svg#a' refers outside"),
}


def _htm_draft(tmp_path, html: str | bytes, name: str = "poa.htm"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    (tmp_path / name).write_bytes(data)
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        EXAMPLE.read_text().replace(
            "  power_of_attorney_previously_filed: true",
            f"  attachments: [{{file: {name}, type: EX-24, description: Power of attorney}}]\n  power_of_attorney_previously_filed: true",
        )
    )
    return draft


@pytest.mark.parametrize("case", sorted(HTML_CASES))
def test_active_content_and_external_references_in_htm_are_refused(tmp_path, monkeypatch, case):
    html, line, found = HTML_CASES[case]
    monkeypatch.setenv("FORM4GEN_CCC", GOOD_CCC)
    draft = _htm_draft(tmp_path, html)
    result, out = _package(tmp_path, draft)
    assert result.exit_code == 2, result.output
    assert f"{draft}: submission.attachments[0].file: poa.htm:{line}: " in result.output
    assert found in result.output, result.output
    assert "Traceback" not in result.output
    _assert_not_shown(GOOD_CCC, result.output)
    _nothing_written(tmp_path, out)


def test_a_clean_htm_attachment_with_fragment_links_is_packaged(tmp_path, monkeypatch):
    html = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n'
        "<html><head><title>POA</title><style>p { margin: 0 } a { color: #00f }</style></head>\n"
        '<body><a name="top"></a><p style="font-weight: bold">POWER OF ATTORNEY</p>\n'
        '<p>Know all by these presents: see <a href="#top">above</a>. Contact: www.example.com</p>\n'
        "</body></html>\n"
    )
    monkeypatch.setenv("FORM4GEN_CCC", GOOD_CCC)
    draft = _htm_draft(tmp_path, html)
    result, out = _package(tmp_path, draft)
    assert result.exit_code == 0, result.output
    assert (out / "submission.xml").exists()


def test_every_problem_in_an_htm_is_reported_with_its_line(tmp_path, monkeypatch):
    html = '<html>\n<body onload="a()">\n<script>x</script>\n<a href="http://example.com">x</a>\n</body></html>'
    assert [line for line, _ in html_problems(html.encode())] == [2, 3, 4]
    monkeypatch.setenv("FORM4GEN_CCC", GOOD_CCC)
    result, out = _package(tmp_path, _htm_draft(tmp_path, html))
    assert result.exit_code == 2
    for line in (2, 3, 4):
        assert f"poa.htm:{line}: " in result.output
    _nothing_written(tmp_path, out)


def test_a_txt_attachment_is_not_read_as_html(tmp_path, monkeypatch):
    monkeypatch.setenv("FORM4GEN_CCC", GOOD_CCC)
    draft = _htm_draft(tmp_path, "POWER OF ATTORNEY\n<script> is just text here; see https://example.com\n", name="poa.txt")
    result, _ = _package(tmp_path, draft)
    assert result.exit_code == 0, result.output


def test_the_html_scan_fetches_and_runs_nothing(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the HTML scan opened a connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    found = html_problems(b'<!DOCTYPE html SYSTEM "http://example.com/x.dtd"><img src="http://example.com/x"><script>while(1){}</script>')
    assert len(found) == 2


# --- 4. form4gen aggregate -------------------------------------------------------------------------


def _aggregate(tmp_path, csv_text: str):
    path = tmp_path / "fills.csv"
    path.write_text(csv_text)
    out = tmp_path / "lines.yaml"
    return _run("aggregate", str(path), "-o", str(out)), path, out


@pytest.mark.parametrize(
    "shares, price, column, message",
    [
        ("100", '"10,50"', "price", "'10,50': a comma is not a decimal point; write 10.50"),
        ("100", '"$10,5"', "price", "'$10,5': a comma is not a decimal point; write 10.5"),
        ("100", '"1,0500"', "price", "a comma is read only as a thousands separator, between groups of three digits"),
        ("100", '"10,50,1"', "price", "a comma is read only as a thousands separator"),
        ('"1,05"', "10.50", "shares", "'1,05': a comma is not a decimal point; write 1.05"),
        ('"10,5000"', "10.50", "shares", "a comma is read only as a thousands separator"),
        ('",100"', "10.50", "shares", "a comma is read only as a thousands separator"),
        ('"1,000,00"', "10.50", "shares", "a comma is read only as a thousands separator"),
    ],
)
def test_a_comma_that_is_not_a_thousands_separator_is_an_error(tmp_path, shares, price, column, message):
    result, path, out = _aggregate(tmp_path, f"date,code,shares,price,ownership\n2026-04-06,P,100,5.10,D\n2026-04-06,P,{shares},{price},D\n")
    assert result.exit_code == 2, result.output
    assert f"{path}:3: row 3, {column}: " in result.output and message in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_a_thousands_separator_is_read_without_a_word(tmp_path):
    result, _, out = _aggregate(
        tmp_path,
        'date,code,shares,price,ownership\n2026-04-06,P,"1,050",5.10,D\n2026-04-06,P,"12,345,678","$1,050.25",D\n',
    )
    assert result.exit_code == 0, result.output
    assert "comma" not in result.output
    text = out.read_text()
    assert "shares: 1050\n" in text and "shares: 12345678\n" in text and "1050.25" in text


@pytest.mark.parametrize(
    "header, message",
    [
        ("date,code,shares,price,price,ownership", "the column price appears 2 times, at positions 4 and 5 ('price', 'price')"),
        ("date,code,Shares,price,ownership, shares ", "the column shares appears 2 times, at positions 3 and 6 ('Shares', ' shares ')"),
        ("date,date,code,shares,price,ownership,date", "the column date appears 3 times, at positions 1, 2 and 7 ('date', 'date', 'date')"),
    ],
)
def test_a_column_named_twice_names_both_positions(tmp_path, header, message):
    values = ",".join("x" for _ in header.split(","))
    result, path, out = _aggregate(tmp_path, f"{header}\n{values}\n")
    assert result.exit_code == 2, result.output
    assert f"{path}:1: header: {message}; keep one of them" in result.output
    assert not out.exists()


def test_a_column_without_a_name(tmp_path):
    result, path, out = _aggregate(tmp_path, "date,code,shares,price,ownership,\n2026-04-06,P,100,5.10,D,\n")
    assert result.exit_code == 2 and f"{path}:1: header: column 6 has no name" in result.output and not out.exists()
