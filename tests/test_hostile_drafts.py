"""Hostile and mistyped drafts (YAML and JSON): each gets a message naming the file, the field
and its line, exit code 2, quickly, with no traceback, and no output file is written."""

from __future__ import annotations

import datetime
import json
import os
import re
import time
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from form4gen.cli import main
from form4gen.drafts.parse import MAX_INPUT_BYTES, read_data
from form4gen.form.errors import InputError, Problem
from form4gen.xml.read import MAX_XML_BYTES

YAML_TEXT = EXAMPLE.read_text()


def _json_text() -> str:
    data, _ = read_data(EXAMPLE)

    def plain(value: object) -> object:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        raise TypeError(value)

    return json.dumps(data, indent=2, default=plain)


JSON_TEXT = _json_text()


def _yaml(old: str, new: str) -> str:
    assert old in YAML_TEXT
    return YAML_TEXT.replace(old, new, 1)


def _json(old: str, new: str) -> str:
    assert old in JSON_TEXT
    return JSON_TEXT.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


FORM3 = YAML_TEXT.replace("document_type: 4", "document_type: 3").replace("aff10b5one: false\n", "")

# name: (file name, text, field, the line's text (None: no line), words the message must hold)
CASES = {
    # 1. a date that does not exist
    "feb-30-yaml": (
        "d.yaml",
        _yaml("transaction_date: 2018-10-12", "transaction_date: 2018-02-30"),
        "derivative_table[0].transaction_date",
        "transaction_date: 2018-02-30",
        "the date 2018-02-30 does not exist (February 2018 has 28 days)",
    ),
    "feb-30-json": (
        "d.json",
        _json('"transaction_date": "2018-10-12"', '"transaction_date": "2018-02-30"'),
        "derivative_table[0].transaction_date",
        '"transaction_date": "2018-02-30"',
        "the date 2018-02-30 does not exist",
    ),
    "month-13-yaml": (
        "d.yaml",
        _yaml("    date: 2018-10-15", "    date: 2018-13-15"),
        "signatures[0].date",
        "date: 2018-13-15",
        "there is no month 13",
    ),
    # 2. not-a-number and infinity
    "nan-yaml": (
        "d.yaml",
        _yaml("conversion_or_exercise_price: 1.90", "conversion_or_exercise_price: .nan"),
        "derivative_table[0].conversion_or_exercise_price",
        "conversion_or_exercise_price: .nan",
        ".nan (not a number) is not an amount",
    ),
    "inf-yaml": (
        "d.yaml",
        _yaml("price_per_share: 0 ", "price_per_share: .inf "),
        "derivative_table[0].transaction_amounts.price_per_share",
        "price_per_share: .inf",
        ".inf (infinity) is not an amount",
    ),
    "minus-inf-yaml": (
        "d.yaml",
        _yaml("      shares: 150000\n      price", "      shares: -.inf\n      price"),
        "derivative_table[0].transaction_amounts.shares",
        "shares: -.inf",
        "-.inf (infinity) is not an amount",
    ),
    "nan-json": (
        "d.json",
        _json('"conversion_or_exercise_price": 1.9', '"conversion_or_exercise_price": NaN'),
        "derivative_table[0].conversion_or_exercise_price",
        '"conversion_or_exercise_price": NaN',
        "NaN (not a number) is not an amount",
    ),
    "infinity-json": (
        "d.json",
        _json('"price_per_share": 0', '"price_per_share": -Infinity'),
        "derivative_table[0].transaction_amounts.price_per_share",
        '"price_per_share": -Infinity',
        "-Infinity (infinity) is not an amount",
    ),
    # 3. year-9999 dates
    "signature-9999": (
        "d.yaml",
        _yaml("    date: 2018-10-15", "    date: 9999-12-31"),
        "signatures[0].date",
        "date: 9999-12-31",
        "9999-12-31 is too late a date",
    ),
    "transaction-9999": (
        "d.yaml",
        _yaml("transaction_date: 2018-10-12", "transaction_date: 9999-12-31"),
        "derivative_table[0].transaction_date.value",
        "transaction_date: 9999-12-31",
        "check the year (form4gen takes dates up to 9998-12-31)",
    ),
    # 4. control characters
    "bell-in-json": (
        "d.json",
        _json('"CARUSO JAMES V"', '"CARUSO\\u0007 JAMES V"'),
        "reporting_owners[0].name",
        "CARUSO",
        "holds a control character (U+0007)",
    ),
    "escape-in-yaml": (
        "d.yaml",
        _yaml("name: CARUSO JAMES V", 'name: "CARUSO\\e JAMES V"'),
        "reporting_owners[0].name",
        "CARUSO",
        "holds a control character (U+001B)",
    ),
    # 5. a Form 3 row with a transaction's fields and no coding
    "form3-row-without-coding": (
        "d.yaml",
        FORM3.replace("    transaction_coding:\n      code: A\n", ""),
        "derivative_table[0]",
        "transaction_date: 2018-10-12",
        "Form 3 reports holdings only",
    ),
    # 6. deep nesting and huge integers
    "json-100000-deep": ("d.json", "[" * 100_000 + "]" * 100_000, "", None, "nested more than 256 deep"),
    "yaml-100000-deep": ("d.yaml", "remarks: " + "[" * 100_000 + "]" * 100_000 + "\n", "", None, "nested more than 256 deep"),
    "json-5000-digits": (
        "d.json",
        _json('"shares": 150000', '"shares": ' + "7" * 5000),
        "derivative_table[0].transaction_amounts.shares",
        '"shares": 777',
        "a number 5,000 digits long",
    ),
    "yaml-5000-digits": (
        "d.yaml",
        _yaml("      shares: 150000\n      price", "      shares: " + "7" * 5000 + "\n      price"),
        "derivative_table[0].transaction_amounts.shares",
        "shares: 777",
        "a number 5,000 digits long",
    ),
    # 8. thousands of unknown keys
    "5000-unknown-keys": (
        "d.yaml",
        _yaml("aff10b5one: false\n", "aff10b5one: false\n" + "".join(f"unknown_{i}: 1\n" for i in range(5000))),
        "",
        "unknown_0: 1",
        "5,000 keys are not fields of the form: unknown_0, unknown_1, unknown_2, unknown_3, unknown_4 and 4,995 more",
    ),
    # 9. text-direction characters
    "bidi-override-in-name-json": (
        "d.json",
        _json('"CARUSO JAMES V"', '"CARUSO \\u202eJAMES V"'),
        "reporting_owners[0].name",
        "CARUSO",
        "U+202E Right-To-Left Override",
    ),
    "bidi-isolate-in-title-yaml": (
        "d.yaml",
        _yaml("officer_title: President and CEO", "officer_title: President \u2067and CEO"),
        "reporting_owners[0].relationship.officer_title",
        "officer_title: President",
        "U+2067 Right-To-Left Isolate",
    ),
    "bidi-embedding-in-footnote": (
        "d.yaml",
        _yaml("    This option grant", "    \u202aThis option grant"),
        "footnotes.grant-terms",
        "grant-terms:",
        "U+202A Left-To-Right Embedding",
    ),
}


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output and "failed on this file" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_draft_gets_a_message_naming_the_field_and_line(tmp_path, name):
    filename, text, field, line_text, words = CASES[name]
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, line_text) if line_text else None
    where = f"{path}:{line}:" if line else f"{path}:"
    started = time.monotonic()
    for command in (["build", str(path), "-o", str(tmp_path / "out")], ["preview", str(path), "-o", str(tmp_path / "out.html")]):
        code, output = _run(command)
        assert code == 2, output
        assert words in output, output
        assert f"{where} {field}:" in output if field else output.startswith(where), output
        assert len(output.splitlines()) <= 25  # never thousands of lines
    code, output = _run(["check", str(path)])
    assert code == 2 and words in output and field in output, output
    if line:
        assert re.search(rf"^\s*{line}\s+unusable\s", output, re.M), output
    assert time.monotonic() - started < 15
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.html").exists()


def test_the_deadline_of_the_calendars_last_day_is_a_message():
    for args in (["deadline", "9999-12-31"], ["deadline", "--form", "5", "9999-12-01"], ["deadline", "--form", "3", "9999-12-30"]):
        code, output = _run(args)
        assert code == 2, output
        assert "too late a date" in output and "check the year" in output, output
    code, output = _run(["deadline", "9998-12-31"])
    assert code == 0 and output.strip() == "9999-01-04"  # the latest date taken still has a due date


def test_the_size_limit_is_the_xml_one_and_is_said(tmp_path):
    assert MAX_INPUT_BYTES == MAX_XML_BYTES
    for suffix, text in (
        (".yaml", YAML_TEXT + "remarks: " + "x" * MAX_INPUT_BYTES + "\n"),
        (".json", JSON_TEXT[:-2] + ', "remarks": "' + "x" * MAX_INPUT_BYTES + '"}'),
    ):
        path = tmp_path / f"big{suffix}"
        path.write_text(text)
        code, output = _run(["build", str(path), "-o", str(tmp_path / "out")])
        assert code == 2 and f"{path}: the file is larger than 10 MB" in output, output
        assert not (tmp_path / "out").exists()


def test_at_most_the_limit_and_one_byte_is_read(tmp_path, monkeypatch):
    """A file over the limit is refused from its size, before a byte is read; one that grows
    while it is read is read to the limit and one byte, no further."""
    import form4gen.form.files as files

    path = tmp_path / "big.yaml"
    path.write_text("remarks: " + "x" * (3 * MAX_INPUT_BYTES))
    asked: list[int] = []
    real_read = os.read

    def spying_read(fd, size):
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(files.os, "read", spying_read)
    with pytest.raises(InputError) as caught:
        read_data(path)
    assert "larger than 10 MB" in caught.value.render() and asked == []
    real_fstat = os.fstat

    def small_on_paper(fd):  # as a file that is still being written looks
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(files.os, "fstat", small_on_paper)
    with pytest.raises(InputError) as caught:
        read_data(path)
    assert "larger than 10 MB" in caught.value.render()
    assert sum(asked) == MAX_INPUT_BYTES + 1


def test_a_pipe_or_a_device_as_the_draft_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it to read would wait for ever
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")  # endless: reading it whole would eat all memory
    for path in (fifo, zero):
        started = time.monotonic()
        for command in (["build", str(path), "-o", str(tmp_path / "out")], ["check", str(path)]):
            code, output = _run(command)
            assert code == 2 and "is not a regular file" in output and str(path) in output, output
        assert time.monotonic() - started < 5
    assert not (tmp_path / "out").exists()


def test_a_message_never_lists_thousands_of_problems():
    error = InputError("d.yaml", [Problem(f"field_{i}", "is wrong", i) for i in range(5000)])
    rendered = error.render().splitlines()
    assert len(rendered) == 21
    assert rendered[-1] == "d.yaml: and 4,980 more problems not listed here: fix the ones above and run it again"


def test_a_wrong_footnote_name_lists_only_a_few_of_the_defined_ones(tmp_path):
    notes = "".join(f"  note-{i:04}: Text {i}.\n" for i in range(5000))
    text = _yaml("      footnotes: [grant-terms]", "      footnotes: [no-such-note]").replace(
        "footnotes:\n  grant-terms: >-", "footnotes:\n" + notes + "  grant-terms: >-"
    )
    path = tmp_path / "d.yaml"
    path.write_text(text)
    code, output = _run(["build", str(path), "-o", str(tmp_path / "out")])
    assert code == 2, output
    assert (
        "footnote 'no-such-note' is not defined under 'footnotes' (defined: grant-terms, note-0000, note-0001, note-0002, note-0003 and 4,996 more)" in output
    )
    assert f"{path}:{_line_of(text, 'no-such-note')}: derivative_table[0].exercise_date.footnotes[0]:" in output
    assert not (tmp_path / "out").exists()


def test_the_example_still_loads_in_both_formats(tmp_path):
    for suffix, text in ((".yaml", YAML_TEXT), (".json", JSON_TEXT)):
        path = tmp_path / f"good{suffix}"
        path.write_text(text)
        code, output = _run(["build", str(path), "-o", str(tmp_path / f"out{suffix}")])
        assert code == 0, output
        assert (tmp_path / f"out{suffix}" / "good.xml").exists()


def test_line_ends_written_on_windows_read_as_before(tmp_path):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(YAML_TEXT.replace("\n", "\r\n").encode())
    data, lines = read_data(path)
    assert data == read_data(EXAMPLE)[0] and lines == read_data(EXAMPLE)[1]
    assert "\r" not in data["footnotes"]["grant-terms"]


def test_bytes_that_are_not_utf8_name_their_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(YAML_TEXT.replace("MADISON", "MAD\u00c9SON").encode("latin-1"))
    with pytest.raises(InputError) as error:
        read_data(path)
    assert error.value.render() == f"{path}:{_line_of(YAML_TEXT, 'MADISON')}: bytes that are not UTF-8: save the file as UTF-8"


def test_a_folder_as_the_draft_is_refused(tmp_path):
    folder = tmp_path / "d.yaml"
    folder.mkdir()
    with pytest.raises(InputError) as error:
        read_data(folder)
    assert "is not a regular file" in error.value.render() or "cannot read the file" in error.value.render()


def test_a_character_xml_cannot_hold_is_refused_in_a_draft(tmp_path):
    """Found by fuzz/structured.py: U+FFFE in a JSON draft made check fail inside lxml."""
    import json as json_module

    from form4gen import load
    from form4gen.rules.examples import example_data

    data = example_data("")
    data["issuer"]["trading_symbol"] = "\ufffe"
    path = tmp_path / "d.json"
    path.write_text(json_module.dumps(data, default=str))
    with pytest.raises(InputError) as caught:
        load(path)
    assert "issuer.trading_symbol: holds a character XML cannot hold (U+FFFE)" in caught.value.render()
