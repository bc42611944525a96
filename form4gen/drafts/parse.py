"""Reading a draft file (YAML or JSON) into plain data and a map from field paths to lines.

Everything a parser would let through that no field can take is refused here with its line:
Python tags, anchors and aliases, duplicate keys, .nan and .inf, numbers of more digits than any
amount has, dates that do not exist, nesting deeper than a filing, files over the size limit,
and anything but a regular file (a pipe or a device is never waited on or read).
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from form4gen.drafts import JSON_SUFFIXES, YAML_SUFFIXES
from form4gen.form import spec
from form4gen.form.errors import InputError, Problem, field_path
from form4gen.form.files import FileTooLarge, NotRegularFile, read_bounded
from form4gen.xml.read import MAX_DEPTH, MAX_XML_BYTES

# The largest input file read, the same as for an XML document (a draft is a few kilobytes).
MAX_INPUT_BYTES = MAX_XML_BYTES
# A number written with more digits than this is refused before Python converts it (no amount on
# the form has more than spec.DECIMAL_TOTAL_DIGITS digits; Python refuses 4,300 and more).
MAX_NUMBER_DIGITS = 100


class _Refused:
    """A value the parser met that no field can take (.nan, a 5,000-digit number, 2018-02-30):
    kept in its place so that the message can name the field and its line."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"_Refused({self.message!r})"


def _not_a_number(text: str) -> _Refused:
    word = "infinity" if "inf" in text.lower() else "not a number"
    return _Refused(f"{text} ({word}) is not an amount: write the amount in digits (for example 1.90), or leave the field out")


def _too_many_digits(digits: int) -> _Refused:
    return _Refused(f"a number {digits:,} digits long: no amount on the form has more than {spec.DECIMAL_TOTAL_DIGITS} digits; check what was pasted here")


_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _no_such_date(text: str) -> _Refused | None:
    """``2018-02-30`` (written like a date, but the day does not exist), else None."""
    match = _DATE_TEXT.match(text)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        pass
    else:
        return None
    if not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif year < 1:
        why = "there is no year 0"
    else:
        why = f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    return _Refused(f"the date {text.strip()} does not exist ({why}): write a real date as YYYY-MM-DD")


class _DecimalConstructor(SafeConstructor):
    """YAML floats become Decimal straight from their text: 3.35 stays exactly 3.35.  The
    constructors are registered on ruamel's round-trip constructor, so ``self`` is one of those."""

    def construct_yaml_float(self, node: Any) -> Any:
        text = str(self.construct_scalar(node)).replace("_", "")
        if text.lstrip("+-").lower() in (".nan", ".inf"):
            return _not_a_number(str(self.construct_scalar(node)))
        digits = sum(c.isdigit() for c in text)
        if digits > MAX_NUMBER_DIGITS and "e" not in text.lower():
            return _too_many_digits(digits)
        try:
            return Decimal(text)
        except ArithmeticError:
            return SafeConstructor.construct_yaml_float(self, node)

    def construct_yaml_int(self, node: Any) -> Any:
        text = str(self.construct_scalar(node))
        digits = sum(c.isalnum() for c in text)
        if digits > MAX_NUMBER_DIGITS:
            return _too_many_digits(digits)
        return RoundTripConstructor.construct_yaml_int(self, node)  # type: ignore[arg-type]

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_timestamp(self, node, values)  # type: ignore[arg-type]
        except ValueError:
            text = str(node.value)
            return _no_such_date(text) or _Refused(f"{text} is not a date: write it as YYYY-MM-DD, for example 2018-10-12")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor.add_constructor("tag:yaml.org,2002:float", _DecimalConstructor.construct_yaml_float)
    yaml.Constructor.add_constructor("tag:yaml.org,2002:int", _DecimalConstructor.construct_yaml_int)
    yaml.Constructor.add_constructor("tag:yaml.org,2002:timestamp", _DecimalConstructor.construct_yaml_timestamp)
    return yaml


# Control characters other than tab and line ends cannot be filed (XML 1.0 forbids most of them);
# bidirectional controls make a name display differently from what is filed.
# Characters XML 1.0 cannot hold (control characters, surrogates, U+FFFE and U+FFFF) and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DATE_FIELDS = {"transaction_date", "deemed_execution_date", "exercise_date", "expiration_date", "period_of_report", "date_of_original_submission", "date"}


def _text_problem(text: str) -> str | None:
    found = _CONTROL.search(text)
    if found is not None:
        code = ord(found.group())
        kind = "a control character" if code < 0xD800 else "a character XML cannot hold"
        return f"holds {kind} (U+{code:04X}), which cannot be filed: retype the text without it"
    found = _BIDI.search(text)
    if found is not None:
        code = ord(found.group())
        name = unicodedata.name(found.group(), "").title()
        return (
            f"holds an invisible text-direction character (U+{code:04X} {name}), which can make the text display "
            "differently from what is filed: retype the text without it"
        )
    return None


def _refused_values(data: Any, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """Values no field can take, each with its field and line: .nan and .inf, numbers too long to
    be amounts, dates that do not exist, control and text-direction characters, and data nested
    deeper than any filing (a draft nests about 6 deep)."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        message = None
        if len(path) > MAX_DEPTH:
            where = path[:MAX_DEPTH]
            return [
                Problem(field_path(where), f"is nested more than {MAX_DEPTH} levels deep: not a filing (a draft nests about 6 deep)", _line_of(where, lines))
            ]
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, _Refused):
            message = value.message
        elif isinstance(value, str):
            message = _text_problem(value)
            keys = [k for k in path if isinstance(k, str)]
            if message is None and keys and (keys[-1] in _DATE_FIELDS or (keys[-1] == "value" and len(keys) > 1 and keys[-2] in _DATE_FIELDS)):
                refused = _no_such_date(value)
                message = refused.message if refused is not None else None
        if message is not None:
            problems.append(Problem(field_path(path), message, _line_of(path, lines)))
    return problems


def _line_of(path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    for n in range(len(path), 0, -1):
        line = lines.get(path[:n])
        if line is not None:
            return line
    return None


def _too_deep(text: str) -> int | None:
    """The line where brackets nest more than MAX_DEPTH deep, or None: checked on the raw text
    before parsing (YAML's parser slows down with the square of the depth; JSON's stops with a
    RecursionError).  Brackets inside quoted text count too: no filing has that many."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif depth:
            depth -= 1
    return None


def _line_map(node: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            try:
                lines[(*path, key)] = node.lc.key(key)[0] + 1
            except (KeyError, TypeError):
                pass
            _line_map(value, (*path, key), lines)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            try:
                lines[(*path, index)] = node.lc.item(index)[0] + 1
            except (KeyError, TypeError, IndexError):
                pass
            _line_map(value, (*path, index), lines)


def _plain(node: Any) -> Any:
    """ruamel's commented containers -> plain dicts and lists (keys as strings)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _json_line_map(text: str) -> dict[tuple[Any, ...], int]:
    """Lines of a JSON file's fields, for messages.  JSON is YAML 1.2 flow syntax, so the YAML
    parser finds them; the data itself comes from the json module.  Where the YAML parser
    disagrees (a tab in indentation, say), messages simply go without a line."""
    lines: dict[tuple[Any, ...], int] = {}
    try:
        _line_map(_yaml().load(text), (), lines)
    except Exception:
        return {}
    return lines


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def _refused_yaml(text: str) -> Problem | None:
    """Anchors and aliases (an alias bomb expands to billions of items) and tags other than the
    plain ones (!!python/object...) have no place in an input file: refused before loading."""
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            mark = getattr(event, "start_mark", None)
            line = mark.line + 1 if mark is not None else None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem("", f"the data is nested more than {MAX_DEPTH} levels deep: not a filing (a draft nests about 6 deep)", line)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                return Problem("", "anchors and aliases (&name, *name) are not allowed in an input file", line)
            tag = getattr(event, "tag", None)
            if tag and tag not in _PLAIN_TAGS and tag != "!":
                return Problem("", f"the YAML tag {tag!r} is not allowed in an input file", line)
    except MarkedYAMLError:
        return None  # the loader reports it with its line
    except ReaderError as exc:
        position = getattr(exc, "position", 0) or 0
        line = text[:position].count("\n") + 1
        character = exc.character
        shown = f"#x{character:02x}" if isinstance(character, int) else repr(character)
        return Problem("", f"a control character ({shown}) that a YAML file cannot contain", line)
    return None


def _no_duplicates(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            duplicates.append(key)
        out[key] = value
    return out


def read_data(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """The file's content as plain data, plus a map from field paths to line numbers (YAML)."""
    source = str(path)
    data = _read_at_most(path, MAX_INPUT_BYTES, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(source, [Problem("", "bytes that are not UTF-8: save the file as UTF-8", line)]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode does
    return parse_text(text, path.suffix.lower(), source)


def _read_at_most(path: Path, limit: int, source: str) -> bytes:
    """The file's bytes (see :func:`form4gen.form.files.read_bounded`), or a message."""
    try:
        return read_bounded(path, limit)
    except NotRegularFile:
        raise InputError(source, [Problem("", "is not a regular file (a folder, a pipe or a device): give the path of the draft file")]) from None
    except FileTooLarge:
        message = f"the file is larger than {limit // (1024 * 1024)} MB, the most an input file may be here (a draft is a few kilobytes)"
        raise InputError(source, [Problem("", message)]) from None
    except OSError as exc:
        raise InputError(source, [Problem("", f"cannot read the file: {exc.strerror or exc}")]) from None


def _json_int(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    return _too_many_digits(digits) if digits > MAX_NUMBER_DIGITS else int(text)


def parse_text(text: str, suffix: str, source: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """An input file's text (``suffix`` .yaml, .yml or .json) as plain data and a line map."""
    lines: dict[tuple[Any, ...], int]
    if suffix in JSON_SUFFIXES:
        duplicates: list[str] = []
        deep = _too_deep(text)
        if deep is not None:
            raise InputError(source, [Problem("", f"brackets nested more than {MAX_DEPTH} deep: not a filing (a draft nests about 6 deep)", deep)])
        try:
            data = json.loads(
                text,
                parse_float=Decimal,
                parse_int=_json_int,
                parse_constant=_not_a_number,
                object_pairs_hook=lambda pairs: _no_duplicates(pairs, duplicates),
            )
        except json.JSONDecodeError as exc:
            raise InputError(source, [Problem("", f"not valid JSON: {exc.msg}", exc.lineno)]) from None
        except (RecursionError, ValueError):
            raise InputError(source, [Problem("", "not valid JSON that form4gen can read: check the file is the draft")]) from None
        if duplicates:
            key = duplicates[0]
            found = [i for i, line in enumerate(text.splitlines(), start=1) if f'"{key}"' in line]
            raise InputError(source, [Problem(key, f"the key {key!r} appears twice in one object", found[1] if len(found) > 1 else None)])
        lines = _json_line_map(text)
        problems = _refused_values(data, lines)
        if problems:
            raise InputError(source, problems)
        return data, lines
    if suffix in YAML_SUFFIXES:
        deep = _too_deep(text)
        if deep is not None:
            raise InputError(source, [Problem("", f"brackets nested more than {MAX_DEPTH} deep: not a filing (a draft nests about 6 deep)", deep)])
        refused = _refused_yaml(text)
        if refused is not None:
            raise InputError(source, [refused])
        try:
            data = _yaml().load(text)
        except MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise InputError(source, [Problem("", f"not valid YAML: {exc.problem}", line)]) from None
        except (YAMLError, RecursionError) as exc:
            raise InputError(source, [Problem("", f"not valid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")]) from None
        lines = {}
        _line_map(data, (), lines)
        plain = _plain(data)
        problems = _refused_values(plain, lines)
        if problems:
            raise InputError(source, problems)
        return plain, lines
    raise InputError(source, [Problem("", "expected a .yaml, .yml or .json file")])
