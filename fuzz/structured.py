"""Structured fuzzing of form4gen with hypothesis: drafts and real documents changed value by value.

    python fuzz/structured.py --minutes 10        # prints the inputs tried and each distinct failure

Where ``fuzz_form4gen.py`` (atheris) flips bytes, this fuzzer keeps the input well formed and
changes what is in it: hostile dates, hostile numbers, control and bidi characters, very long
strings, deleted, duplicated and moved keys or elements, and values of the wrong type.  Sources:
the example draft (``examples/cellectar-2018-10-12.yaml``), its XML, and the real filings in
``../shared/corpus/real`` when present (as XML, and imported into drafts).

Each input goes through ``load`` (YAML or JSON draft) or ``parse_xml`` (XML), ``check``,
``to_xml``, ``to_html`` and the YAML round trip (``filing_to_yaml``, ``load`` again, the same
``to_xml``), within a time limit per input.  The contract: every input works or raises
``InputError`` (whose ``render()`` is a message).  A failure is any other exception, an input
that takes longer than the limit, a round trip that is refused or changes the document, or a
preview holding the CCC configured in the environment.  hypothesis shrinks each distinct failure
to a small input; the runner prints it (and saves it under ``fuzz/failures/``) and exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime
import functools
import hashlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

EXAMPLE = REPO / "examples" / "cellectar-2018-10-12.yaml"
CORPUS = REPO.parent / "shared" / "corpus" / "real"
FAILURES = REPO / "fuzz" / "failures"
CCC = "Zq7#xW2!"  # the CCC set in the environment: it must never reach the preview
TIME_LIMIT = 5.0  # seconds per input, all stages together
DRAFT_SOURCES_FROM_CORPUS = 80  # corpus documents also used (imported) as drafts

# ---------------------------------------------------------------------------------------------
# hostile values

HOSTILE_DATES = (
    "2018-02-30",
    "0001-01-01",
    "9999-12-31",
    "1e3",
    "",
    "2019-02-29",
    "2018-13-01",
    "2018-00-10",
    "0000-01-01",
    "10000-01-01",
    "-2018-10-12",
    "+2018-10-12",
    "2018-1-5",
    "20181012",
    "10/12/2018",
    "2018-10-12T25:61:00",
    "2018-10-12-05:00",
    "2018-10-12+14:00",
    "2018-10-12Z",
    "2018-10-12 ",
    "\u00a02018-10-12",
    "\u0662\u0660\u0661\u0668-\u0661\u0660-\u0661\u0662",  # Arabic-Indic digits
    "\uff12\uff10\uff11\uff18-\uff11\uff10-\uff11\uff12",  # full-width digits
    "2018-10-12\u202e",
    "1e400",
    "now",
)

HOSTILE_NUMBERS = (
    "NaN",
    "nan",
    ".nan",
    "-.NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    ".inf",
    "-.inf",
    "inf",
    "-0",
    "-0.0",
    "0e0",
    "1e400",
    "-1e400",
    "1e-400",
    "1E+999999999999",
    "9" * 5000,
    "1" + "0" * 5000,
    "0." + "1" * 5000,
    "1_500",
    "1,500",
    "1 500",
    "\u0661\u0665\u0660\u0660",  # Arabic-Indic 1500
    "\uff11\uff15\uff10\uff10",  # full-width 1500
    "\u00a01500",
    "1500\u00a0",
    "\u20071500",
    "-150000",
    "-1",
    "-0.000001",
    "+5",
    "5.",
    ".5",
    "00012",
    "0x10",
    "0b11",
    "1e3",
    "1/2",
    "12%",
    "$1.90",
    "",
)

CONTROL_CHARACTERS = (
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
    "\r",
    "\t",
    "\n",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
)
BIDI_CHARACTERS = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c")
OTHER_CHARACTERS = ("\u00a0", "\u200b", "&", "<", ">", "]]>", "{{ v }}", "{%", "<script>", "'", '"', "\\", "%s", "${HOME}", "\U0001f600", "e\u0301")
HOSTILE_KEYS = ("", "x", "Document_Type", "document_type ", "ccc", "__class__", "1", "\u202eissuer", "k" * 300, "footnotes")

LONG_LENGTHS = (256, 5_000, 100_000)


@st.composite
def hostile_string(draw: Any, original: str = "") -> str:
    """``original`` with control, bidi or other odd characters put in, or a very long string."""
    how = draw(st.sampled_from(("control", "bidi", "long", "other", "text", "only")))
    if how == "long":
        unit = draw(st.sampled_from(("A", "\u202e", "\x00", "&", "\u0661", " ", "\U0001f600", original or "x")))
        return unit * max(1, draw(st.sampled_from(LONG_LENGTHS)) // max(1, len(unit)))
    if how == "text":
        return draw(st.text(max_size=20))
    pool = {"control": CONTROL_CHARACTERS, "bidi": BIDI_CHARACTERS, "other": OTHER_CHARACTERS}.get(how, CONTROL_CHARACTERS + BIDI_CHARACTERS)
    char = draw(st.sampled_from(pool))
    if how == "only":
        return char
    position = draw(st.integers(0, len(original)))
    return original[:position] + char + original[position:]


# ---------------------------------------------------------------------------------------------
# the inputs


@dataclass(repr=False)
class Case:
    """One input: a draft (YAML or JSON text) or an XML document, and how it was made."""

    kind: str  # "yaml", "json" or "xml"
    source: str
    data: bytes
    mutations: list[tuple[Any, ...]] = field(default_factory=list)

    def summary(self, width: int = 70) -> str:
        changes = "; ".join(" ".join([m[0], *(str(m[1]) for m in [m] if len(m) > 1), *(short(part, width) for part in m[2:])]) for m in self.mutations)
        return f"{self.kind} from {self.source}: {changes or 'unchanged'}"

    def __repr__(self) -> str:  # what hypothesis prints for a falsifying example
        return f"Case({self.summary()})"


def short(value: Any, width: int = 70) -> str:
    """A value as a short repr: repeated text as ``'9' * 5000``, long text cut."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= width else text[: width - 3] + "..."
    value = str(value)  # Raw and Quoted as plain str
    for size in (1, 2, 3, 4):
        unit = value[:size]
        if len(value) > 12 and unit and unit * (len(value) // size) == value:
            return f"{unit!r} * {len(value) // size}"
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 20]}...' ({len(value)} chars)"


class Raw(str):
    """A scalar written into the draft as it is (YAML plain scalar, bare JSON token)."""


class Quoted(str):
    """A scalar written into the draft as a quoted string."""


class Map(list):
    """A mapping as a list of [key, value] pairs, so a key can appear twice."""


class Seq(list):
    pass


def to_nodes(value: Any) -> Any:
    if isinstance(value, dict):
        return Map([[str(k), to_nodes(v)] for k, v in value.items()])
    if isinstance(value, list):
        return Seq([to_nodes(v) for v in value])
    return value


@dataclass
class Slot:
    container: Map | Seq
    index: int
    path: str

    @property
    def key(self) -> str | None:
        return self.container[self.index][0] if isinstance(self.container, Map) else None

    def get(self) -> Any:
        item = self.container[self.index]
        return item[1] if isinstance(self.container, Map) else item

    def set(self, value: Any) -> None:
        if isinstance(self.container, Map):
            self.container[self.index][1] = value
        else:
            self.container[self.index] = value


def slots(node: Any, path: str = "") -> Iterator[Slot]:
    if isinstance(node, Map):
        for i, (key, value) in enumerate(node):
            here = f"{path}.{key}" if path else key
            yield Slot(node, i, here)
            yield from slots(value, here)
    elif isinstance(node, Seq):
        for i, value in enumerate(node):
            here = f"{path}[{i}]"
            yield Slot(node, i, here)
            yield from slots(value, here)


def _contains(node: Any, target: Any) -> bool:
    if node is target:
        return True
    if isinstance(node, Map):
        return any(_contains(v, target) for _, v in node)
    if isinstance(node, Seq):
        return any(_contains(v, target) for v in node)
    return False


_DATE_TEXT = re.compile(r"^\d{4}-\d\d-\d\d")
_NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
_NUMBER_KEYS = ("shares", "price", "value", "number", "following", "cik", "zip")


def _is_date(slot: Slot) -> bool:
    value = slot.get()
    return isinstance(value, datetime.date) or "date" in (slot.key or "") or (isinstance(value, str) and bool(_DATE_TEXT.match(value)))


def _is_number(slot: Slot) -> bool:
    value = slot.get()
    if isinstance(value, bool):
        return False
    return (
        isinstance(value, int | float | Decimal)
        or (isinstance(value, str) and bool(_NUMBER_TEXT.match(value)))
        or any(k in (slot.key or "") for k in _NUMBER_KEYS)
    )


def _pick(draw: Any, candidates: Sequence[Any]) -> Any:
    return candidates[draw(st.integers(0, len(candidates) - 1))]


def _hostile_scalar(draw: Any, values: Sequence[str]) -> Raw | Quoted:
    value = draw(st.sampled_from(values))
    return Raw(value) if draw(st.booleans()) else Quoted(value)


DRAFT_FAMILIES = ("date", "number", "string", "delete", "duplicate_key", "copy", "wrong_type", "move", "rename")
XML_FAMILIES = ("date", "number", "string", "duplicate", "delete", "move", "wrong_type", "rename", "attribute", "encoding")


def mutate_draft(draw: Any, root: Map, family: str) -> tuple[Any, ...]:
    """Change ``root`` in place; returns a description of the change."""
    every = list(slots(root))
    if not every:
        return ("nothing",)
    leaves = [s for s in every if not isinstance(s.get(), Map | Seq)] or every
    if family == "date":
        slot = _pick(draw, [s for s in leaves if _is_date(s)] or leaves)
        value = _hostile_scalar(draw, HOSTILE_DATES)
        slot.set(value)
        return ("date", slot.path, value)
    if family == "number":
        slot = _pick(draw, [s for s in leaves if _is_number(s)] or leaves)
        value = _hostile_scalar(draw, HOSTILE_NUMBERS)
        slot.set(value)
        return ("number", slot.path, value)
    if family == "string":
        slot = _pick(draw, [s for s in leaves if isinstance(s.get(), str)] or leaves)
        original = slot.get()
        value = draw(hostile_string(original if isinstance(original, str) else str(original)))
        slot.set(Quoted(value))
        return ("string", slot.path, value)
    if family == "delete":
        slot = _pick(draw, every)
        del slot.container[slot.index]
        return ("delete", slot.path)
    if family == "duplicate_key":
        slot = _pick(draw, [s for s in every if isinstance(s.container, Map)] or every)
        item = copy.deepcopy(slot.container[slot.index])
        slot.container.insert(slot.index + 1, item)
        return ("duplicate key", slot.path)
    if family == "copy":
        slot = _pick(draw, [s for s in every if isinstance(s.container, Seq)] or every)
        item = copy.deepcopy(slot.container[slot.index])
        slot.container.insert(slot.index + draw(st.sampled_from((1, 0))), item)
        return ("copy", slot.path)
    if family == "wrong_type":
        slot = _pick(draw, every)
        old = slot.get()
        kind = draw(st.sampled_from(("list", "mapping", "string", "null", "empty list", "empty mapping", "number", "bool", "list of lists")))
        new: Any = {
            "list": Seq([old]),
            "mapping": Map([[str(i), v] for i, v in enumerate(old)]) if isinstance(old, Seq) else Map([["value", old]]),
            "string": Quoted("x"),
            "null": None,
            "empty list": Seq(),
            "empty mapping": Map(),
            "number": Raw("0"),
            "bool": True,
            "list of lists": Seq([Seq([old])]),
        }[kind]
        slot.set(new)
        return ("wrong type", slot.path, kind)
    if family == "move":
        slot = _pick(draw, every)
        moved = slot.container[slot.index]
        value = slot.get()
        targets = [root] + [s.get() for s in every if isinstance(s.get(), Map | Seq) and not _contains(value, s.get())]
        target = _pick(draw, targets)
        del slot.container[slot.index]
        if isinstance(target, Map):
            target.insert(draw(st.integers(0, len(target))), moved if isinstance(slot.container, Map) else ["moved", moved])
        else:
            target.insert(draw(st.integers(0, len(target))), value)
        return ("move", slot.path)
    if family == "rename":
        slot = _pick(draw, [s for s in every if isinstance(s.container, Map)] or every)
        key = draw(st.sampled_from(HOSTILE_KEYS))
        if isinstance(slot.container, Map):
            slot.container[slot.index][0] = key
        return ("rename", slot.path, key)
    raise ValueError(family)


_ESCAPED = re.compile("[^\x20-\x7e]")


def _yaml_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _quote(text: str, *, fmt: str, escape: bool) -> str:
    if fmt == "json":
        return json.dumps(text, ensure_ascii=escape)
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # JSON escapes are YAML double-quoted escapes
    if escape:
        body = _ESCAPED.sub(_yaml_escape, body)
    return f'"{body}"'


def _scalar(value: Any, *, fmt: str, escape: bool) -> str:
    if isinstance(value, Raw) and "\n" not in value and "\r" not in value:
        return str(value)
    if isinstance(value, str):
        return _quote(str(value), fmt=fmt, escape=escape)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, datetime.date):
        return _quote(value.isoformat(), fmt=fmt, escape=escape) if fmt == "json" else value.isoformat()
    return _quote(str(value), fmt=fmt, escape=escape)


def emit(node: Any, *, fmt: str, escape: bool, indent: int = 0) -> str:
    """The draft tree as text: JSON, or block-style YAML (keys may repeat, raw tokens stay raw)."""
    if fmt == "json":
        if isinstance(node, Map):
            return "{" + ", ".join(f"{_quote(k, fmt=fmt, escape=escape)}: {emit(v, fmt=fmt, escape=escape)}" for k, v in node) + "}"
        if isinstance(node, Seq):
            return "[" + ", ".join(emit(v, fmt=fmt, escape=escape) for v in node) + "]"
        return _scalar(node, fmt=fmt, escape=escape)
    pad = " " * indent
    if isinstance(node, Map) and node:
        out = []
        for key, value in node:
            head = f"{pad}{_quote(key, fmt=fmt, escape=escape)}:"
            if isinstance(value, Map | Seq) and value:
                out.append(head + "\n" + emit(value, fmt=fmt, escape=escape, indent=indent + 2))
            else:
                out.append(f"{head} {emit(value, fmt=fmt, escape=escape, indent=indent + 2).strip()}\n")
        return "".join(out)
    if isinstance(node, Seq) and node:
        out = []
        for value in node:
            if isinstance(value, Map | Seq) and value:
                out.append(f"{pad}-\n" + emit(value, fmt=fmt, escape=escape, indent=indent + 2))
            else:
                out.append(f"{pad}- {emit(value, fmt=fmt, escape=escape).strip()}\n")
        return "".join(out)
    if isinstance(node, Map):
        return pad + "{}\n"
    if isinstance(node, Seq):
        return pad + "[]\n"
    return pad + _scalar(node, fmt=fmt, escape=escape) + "\n"


# ---------------------------------------------------------------------------------------------
# sources


def corpus_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


@functools.cache
def example_data() -> Any:
    from form4gen.drafts.load import parse_text

    data, _ = parse_text(EXAMPLE.read_text(encoding="utf-8"), ".yaml", str(EXAMPLE))
    return data


@functools.cache
def example_xml() -> bytes:
    from form4gen import load, to_xml

    return to_xml(load(EXAMPLE, with_ccc=False), include_ccc=False).encode("utf-8")


@functools.cache
def draft_data(name: str) -> Any:
    """A draft's data: the example, or a corpus document imported as a draft (None if it cannot be)."""
    if name == "example":
        return example_data()
    from form4gen import InputError, parse_xml
    from form4gen.drafts.load import parse_text
    from form4gen.drafts.yaml_out import filing_to_yaml

    try:
        text = filing_to_yaml(parse_xml(CORPUS / name))
        data, _ = parse_text(text, ".yaml", name)
    except InputError:
        return None
    return data


@functools.cache
def xml_tree_bytes(name: str) -> bytes | None:
    data = example_xml() if name == "example" else (CORPUS / name).read_bytes()
    try:
        etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return None
    return data


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def draft_sources() -> list[str]:
    names = [p.name for p in corpus_paths()]
    step = max(1, len(names) // DRAFT_SOURCES_FROM_CORPUS)
    return ["example", *names[::step][:DRAFT_SOURCES_FROM_CORPUS]]


def xml_sources() -> list[str]:
    return ["example", *(p.name for p in corpus_paths())]


def _source(draw: Any, names: list[str]) -> str:
    if len(names) == 1 or draw(st.integers(0, 3)) == 0:
        return names[0]
    return draw(st.sampled_from(names[1:]))


@st.composite
def draft_cases(draw: Any, families: Sequence[str] = DRAFT_FAMILIES, max_mutations: int = 4) -> Case:
    names = draft_sources()
    name = _source(draw, names)
    data = draft_data(name)
    if data is None:
        name, data = "example", example_data()
    root = to_nodes(data)
    mutations = [mutate_draft(draw, root, draw(st.sampled_from(families))) for _ in range(draw(st.integers(1, max_mutations)))]
    fmt = draw(st.sampled_from(("yaml", "json")))
    escape = draw(st.booleans())
    text = emit(root, fmt=fmt, escape=escape)
    if escape:
        mutations.append(("non-ASCII escaped",))
    return Case(fmt, name, text.encode("utf-8"), mutations)


_XML_DATE_TAGS = re.compile(r"date|Date")


def _value_leaf_text(draw: Any, values: Sequence[str]) -> str:
    return draw(st.sampled_from(values))


def _escape_xml(text: str, *, char_refs: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if char_refs:
        text = "".join(c if 0x20 <= ord(c) < 0x7F else f"&#x{ord(c):x};" for c in text)
    return text


@st.composite
def xml_cases(draw: Any, families: Sequence[str] = XML_FAMILIES, max_mutations: int = 4) -> Case:
    names = xml_sources()
    name = _source(draw, names)
    data = xml_tree_bytes(name)
    if data is None:
        name, data = "example", example_xml()
    root = etree.fromstring(data, _parser())
    mutations: list[tuple[Any, ...]] = []
    values: dict[str, str] = {}  # marker -> raw text put in after serialising
    encoding = "utf-8"
    char_refs = draw(st.booleans())

    def marker(value: str) -> str:
        key = f"FUZZMARK{len(values)}Z"
        values[key] = value
        return key

    for _ in range(draw(st.integers(1, max_mutations))):
        family = draw(st.sampled_from(families))
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        inner = [e for e in elements if e is not root]
        if not inner and family in ("duplicate", "delete", "move"):
            mutations.append(("nothing left to " + family,))
            continue
        leaves = [e for e in elements if len(e) == 0] or elements
        tree = root.getroottree()
        if family in ("date", "number", "string"):
            if family == "date":
                pool = [e for e in leaves if _XML_DATE_TAGS.search(e.tag) or _XML_DATE_TAGS.search(e.getparent().tag if e.getparent() is not None else "")]
                value = _value_leaf_text(draw, HOSTILE_DATES)
            elif family == "number":
                pool = [e for e in leaves if e.text and _NUMBER_TEXT.match(e.text.strip())]
                value = _value_leaf_text(draw, HOSTILE_NUMBERS)
            else:
                pool = [e for e in leaves if e.text and e.text.strip() and not _NUMBER_TEXT.match(e.text.strip())]
                element = _pick(draw, pool or leaves)
                value = draw(hostile_string(element.text or ""))
                pool = [element]
            element = _pick(draw, pool or leaves)
            element.text = marker(value)
            mutations.append((family, tree.getpath(element), value))
        elif family == "duplicate":
            element = _pick(draw, inner)
            element.addnext(copy.deepcopy(element))
            mutations.append(("duplicate", tree.getpath(element)))
        elif family == "delete":
            element = _pick(draw, inner)
            where = tree.getpath(element)
            element.getparent().remove(element)
            mutations.append(("delete", where))
        elif family == "move":
            element = _pick(draw, inner)
            where = tree.getpath(element)
            targets = [e for e in elements if not any(a is element for a in e.iterancestors()) and e is not element]
            target = _pick(draw, targets or [root])
            element.getparent().remove(element)
            target.insert(draw(st.integers(0, len(target))), element)
            mutations.append(("move", where, "into", tree.getpath(element.getparent())))
        elif family == "wrong_type":
            element = _pick(draw, elements)
            kind = draw(st.sampled_from(("nested value", "text in a container", "emptied", "children dropped")))
            where = tree.getpath(element)
            if kind == "nested value":
                child = etree.SubElement(element, "value")
                child.text, element.text = element.text or "1", None
            elif kind == "text in a container":
                element.text = marker("1")
            elif kind == "emptied":
                element.text = None
                for child in list(element):
                    element.remove(child)
            else:
                for child in list(element):
                    element.remove(child)
                element.text = marker("x")
            mutations.append(("wrong type", where, kind))
        elif family == "rename":
            element = _pick(draw, elements)
            where = tree.getpath(element)
            element.tag = draw(st.sampled_from(("value", "Value", "script", element.tag + "X", "footnote", "ownershipDocument")))
            mutations.append(("rename", where, element.tag))
        elif family == "attribute":
            element = _pick(draw, [e for e in elements if e.attrib] or elements)
            name_ = draw(st.sampled_from(("id", *element.attrib.keys())))
            value = draw(st.one_of(st.sampled_from(("", "F0", "F99999", "F1 ", "f1", "F" + "9" * 5000)), hostile_string("F1")))
            element.set(name_, marker(value))
            mutations.append(("attribute", tree.getpath(element), name_, value))
        elif family == "encoding":
            encoding = draw(st.sampled_from(("iso-8859-1", "utf-8 declared iso-8859-1", "utf-16", "utf-8 with BOM", "iso-8859-1 undeclared", "windows-1252")))
            mutations.append(("encoding", encoding))
    body = etree.tostring(root, encoding="unicode")
    for key, value in values.items():
        body = body.replace(key, _escape_xml(value, char_refs=char_refs))
    declared = {"utf-8 declared iso-8859-1": "ISO-8859-1", "utf-8 with BOM": "UTF-8", "iso-8859-1 undeclared": "UTF-8"}.get(encoding, encoding.upper())
    text = f'<?xml version="1.0" encoding="{declared}"?>\n{body}\n'
    codec = {"iso-8859-1": "latin-1", "iso-8859-1 undeclared": "latin-1", "windows-1252": "cp1252", "utf-16": "utf-16"}.get(encoding, "utf-8")
    raw = text.encode(codec, errors="xmlcharrefreplace" if codec != "utf-8" else "surrogatepass")
    if encoding == "utf-8 with BOM":
        raw = b"\xef\xbb\xbf" + raw
    if values and char_refs:
        mutations.append(("as character references",))
    return Case("xml", name, raw, mutations)


def cases(max_mutations: int = 4) -> st.SearchStrategy[Case]:
    return st.one_of(draft_cases(max_mutations=max_mutations), xml_cases(max_mutations=max_mutations))


# ---------------------------------------------------------------------------------------------
# the contract


class Failure(Exception):
    """The input broke the contract; ``signature`` tells distinct failures apart."""

    signature: tuple[str, str, str] = ("", "", "")
    where: str = ""


class _Alarm(BaseException):
    """Raised by SIGALRM: a BaseException, so no ``except Exception`` in form4gen swallows it."""


class Timeout(Failure):
    pass


class RoundTripRefused(Failure):
    pass


class RoundTripChanged(Failure):
    pass


class CCCInPreview(Failure):
    pass


class BadRender(Failure):
    pass


_CLASSES: dict[tuple[str, str, str], type[Failure]] = {}


def _failure_class(signature: tuple[str, str, str]) -> type[Failure]:
    """One exception class per distinct failure, so hypothesis shrinks each one apart."""
    found = _CLASSES.get(signature)
    if found is None:
        stage, kind, _ = signature
        found = type(f"{kind}_in_{stage}", (Failure,), {})
        _CLASSES[signature] = found
    return found


def where_in_form4gen(tb: Any) -> str:
    """The innermost frame of form4gen's code in a traceback, as module:function:line."""
    found = ""
    for frame in traceback.extract_tb(tb):
        if f"{os.sep}form4gen{os.sep}" in frame.filename and f"{os.sep}fuzz{os.sep}" not in frame.filename:
            module = frame.filename.rsplit(f"{os.sep}form4gen{os.sep}", 1)[1].removesuffix(".py").replace(os.sep, ".")
            found = f"form4gen.{module}:{frame.name}:{frame.lineno}"
    if not found:
        frames = traceback.extract_tb(tb)
        if frames:
            last = frames[-1]
            found = f"{Path(last.filename).name}:{last.name}:{last.lineno}"
    return found


def _fail(stage: str, kind: str, where: str, message: str, cause: BaseException | None = None) -> Failure:
    signature = (stage, kind, where)
    failure = _failure_class(signature)(f"{kind} in {stage} at {where}: {message}")
    failure.signature = signature
    failure.where = where
    if cause is not None:
        failure.__cause__ = cause
    return failure


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def canonical_tree(text: str) -> etree._Element:
    """The document with footnote IDs replaced by their text (a draft numbers its footnotes in the
    order they are referred to; an imported document keeps its own numbers)."""
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True))
    notes = {n.get("id"): "".join(n.itertext()) for n in root.iter("footnote")}
    for ref in root.iter("footnoteId"):
        ref.set("id", notes.get(ref.get("id"), "?" + str(ref.get("id"))))
    for note in list(root.iter("footnote")):
        note.set("id", "")
    footnotes = root.find("footnotes")
    if footnotes is not None:
        footnotes[:] = sorted(footnotes, key=lambda n: "".join(n.itertext()))
    return root


def round_trip_difference(before: str, after: str) -> tuple[str, str] | None:
    """None if the documents are the same but for footnote numbers, else (where, what)."""
    a, b = canonical_tree(before), canonical_tree(after)
    if etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n"):
        return None
    tree = a.getroottree()
    notes_a, notes_b = a.find("footnotes"), b.find("footnotes")
    pairs = zip(a.iter(), b.iter(), strict=False)
    if notes_a is not None and notes_b is not None and etree.tostring(notes_a, method="c14n") != etree.tostring(notes_b, method="c14n"):
        pairs = zip(notes_a.iter(), notes_b.iter(), strict=False)  # a footnote's text first, not the references to it
    for x, y in pairs:
        if x.tag != y.tag or (x.text or "").strip() != (y.text or "").strip() or dict(x.attrib) != dict(y.attrib) or len(x) != len(y):
            where = re.sub(r"\[\d+\]", "", tree.getpath(x))
            if x.tag != y.tag or len(x) != len(y):
                return where, f"{x.tag} ({len(x)} children) became {y.tag} ({len(y)} children)"
            if dict(x.attrib) != dict(y.attrib):
                return where + " attributes", f"{short(dict(x.attrib))} became {short(dict(y.attrib))}"
            before_text, after_text = (x.text or "").strip(), (y.text or "").strip()
            start = next((i for i, (p, q) in enumerate(zip(before_text, after_text, strict=False)) if p != q), min(len(before_text), len(after_text)))
            at, start = start, max(0, start - 10)
            return where, f"{short(before_text[start : start + 40])} became {short(after_text[start : start + 40])} (at character {at})"
    return "/", "one document is longer"


@dataclass
class Workspace:
    folder: Path

    @classmethod
    def create(cls) -> Workspace:
        """A folder for the inputs, FORM4GEN_CCC set to the known CCC and an empty credentials file."""
        folder = Path(tempfile.mkdtemp(prefix="form4gen-fuzz-"))
        for name in list(os.environ):
            if name.startswith("FORM4GEN_CCC"):
                del os.environ[name]
        os.environ["FORM4GEN_CCC"] = CCC
        credentials = folder / "credentials.toml"
        credentials.write_text("")
        credentials.chmod(0o600)
        os.environ["FORM4GEN_CREDENTIALS"] = str(credentials)
        return cls(folder)


def exercise(case: Case, workspace: Workspace, *, limit: float = TIME_LIMIT) -> None:
    """Run every target on the input; raises a Failure if the contract is broken."""
    from form4gen import InputError, check, load, parse_xml, to_html, to_xml
    from form4gen.drafts.yaml_out import filing_to_yaml

    stage = "start"

    def refused(error: InputError) -> None:
        try:
            message = error.render()
        except Exception as exc:
            raise _fail(stage, "render raised " + type(exc).__name__, where_in_form4gen(exc.__traceback__), str(exc)[:200], exc) from None
        if not isinstance(message, str) or not message.strip():
            raise _fail(stage, "BadRender", stage, f"render() gave {message!r}")

    def run(name: str, call: Callable[[], Any]) -> tuple[bool, Any]:
        nonlocal stage
        stage = name
        try:
            return True, call()
        except InputError as error:
            refused(error)
            return False, None

    try:
        with time_limit(limit):
            if case.kind == "xml":
                run("check(xml bytes)", lambda: check(case.data))
                ok, filing = run("parse_xml", lambda: parse_xml(case.data))
            else:
                path = workspace.folder / f"draft.{case.kind}"
                path.write_bytes(case.data)
                ok, filing = run("load", lambda: load(path))
            if not ok:
                return
            ok, report = run("check", lambda: check(filing))
            run("to_xml", lambda: to_xml(filing))
            ok, html = run("to_html", lambda: to_html(filing, findings=report.findings if ok else None))
            if ok and CCC in html:
                raise _fail("to_html", "CCCInPreview", "to_html", "the preview holds the CCC set in FORM4GEN_CCC")
            ok, text = run("filing_to_yaml", lambda: filing_to_yaml(filing))
            if not ok:
                return
            again = workspace.folder / "round-trip.yaml"
            again.write_text(text, encoding="utf-8")
            stage = "load(round trip)"
            try:
                reloaded = load(again)
            except InputError as error:
                raise _fail(stage, "RoundTripRefused", "filing_to_yaml -> load", error.render()[:300]) from None
            stage = "to_xml(round trip)"
            before = to_xml(filing, edgar_fields=False, include_ccc=False)
            after = to_xml(reloaded, edgar_fields=False, include_ccc=False)
            difference = round_trip_difference(before, after) if before != after else None
            if difference is not None:
                raise _fail(stage, "RoundTripChanged", difference[0], difference[1])
    except _Alarm as alarm:
        raise _fail(stage, "Timeout", stage, f"over {limit:g} s (was at {where_in_form4gen(alarm.__traceback__)})") from None
    except Failure:
        raise
    except RecursionError as exc:
        raise _fail(stage, "RecursionError", where_in_form4gen(exc.__traceback__), "maximum recursion depth exceeded") from None
    except Exception as exc:
        raise _fail(stage, type(exc).__name__, where_in_form4gen(exc.__traceback__), str(exc)[:300], exc) from None


# ---------------------------------------------------------------------------------------------
# the runner


@dataclass
class Found:
    failure: Failure
    case: Case
    count: int = 1


@dataclass
class Run:
    workspace: Workspace
    deadline: float
    tried: int = 0
    found: dict[tuple[str, str, str], Found] = field(default_factory=dict)
    shrunk: set[tuple[str, str, str]] = field(default_factory=set)

    def one(self, case: Case) -> None:
        if time.monotonic() > self.deadline:
            return
        self.tried += 1
        try:
            exercise(case, self.workspace)
        except Failure as failure:
            found = self.found.get(failure.signature)
            if failure.signature in self.shrunk and found is not None:
                found.count += 1
                return
            if found is None:
                self.found[failure.signature] = Found(failure, case)
            else:
                found.failure, found.case = failure, case  # the latest: hypothesis replays the smallest last
                found.count += 1
            raise


def _signatures(exc: BaseException) -> Iterator[tuple[str, str, str]]:
    if isinstance(exc, Failure):
        yield exc.signature
    for inner in getattr(exc, "exceptions", ()):
        yield from _signatures(inner)


def _limit_shrinking(seconds: float) -> None:
    with contextlib.suppress(ImportError, AttributeError):
        import hypothesis.internal.conjecture.engine as engine

        engine.MAX_SHRINKING_SECONDS = seconds


def fuzz(minutes: float, *, chunk: int = 100, first_seed: int = 0, shrink_seconds: float = 60, stream: Any = sys.stdout) -> Run:
    """Fuzz for ``minutes``, in runs of ``chunk`` inputs with seeds ``first_seed``, +1, ..."""
    _limit_shrinking(shrink_seconds)
    run = Run(Workspace.create(), time.monotonic() + minutes * 60)
    watchdog = _Watchdog()
    number = first_seed
    while time.monotonic() < run.deadline:

        @hypothesis_seed(number)
        @settings(
            max_examples=chunk,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.generate, Phase.shrink),
            report_multiple_bugs=True,
            verbosity=Verbosity.quiet,
            print_blob=False,
        )
        @given(cases())
        def target(case: Case) -> None:
            watchdog.watch(case)
            try:
                run.one(case)
            finally:
                watchdog.watch(None)

        before = len(run.found)
        try:
            target()
        except BaseException as exc:  # a failure found (and shrunk) by hypothesis
            if isinstance(exc, KeyboardInterrupt):
                break
            signatures = list(_signatures(exc))
            if not signatures:
                raise
            run.shrunk.update(signatures)
        if len(run.found) > before:
            for signature in list(run.found)[before:]:
                print(f"  found: {' | '.join(signature)}", file=stream, flush=True)
        number += 1
    return run


class _Watchdog:
    """SIGALRM cannot stop code stuck inside C (a regular expression, lxml); after three time
    limits this thread prints the input and ends the process."""

    def __init__(self, after: float = TIME_LIMIT * 3):
        self.after = after
        self.case: Case | None = None
        self.since = time.monotonic()
        threading.Thread(target=self._loop, daemon=True).start()

    def watch(self, case: Case | None) -> None:
        self.case, self.since = case, time.monotonic()

    def _loop(self) -> None:
        while True:
            time.sleep(1)
            case = self.case
            if case is not None and time.monotonic() - self.since > self.after:
                path = save(case, ("hang", "C code", "watchdog"))
                print(
                    f"\nHANG: an input ran over {self.after:g} s and could not be interrupted: {case.summary()}\n  saved in {path}", file=sys.stderr, flush=True
                )
                os._exit(3)


def save(case: Case, signature: tuple[str, str, str]) -> Path:
    FAILURES.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1("|".join(signature).encode()).hexdigest()[:10]
    path = FAILURES / f"{digest}.{case.kind}"
    path.write_bytes(case.data)
    return path


def report(run: Run, minutes: float, stream: Any = sys.stdout) -> int:
    print(f"\n{run.tried} inputs tried in {minutes:g} minute(s) (generated and shrinking), {len(run.found)} distinct failure(s)", file=stream)
    for number, (signature, found) in enumerate(run.found.items(), start=1):
        stage, kind, where = signature
        path = save(found.case, signature)
        print(f"\n{number}. {kind} in {stage}, at {where} (seen {found.count} time(s))", file=stream)
        print(f"   {str(found.failure)[:400]}", file=stream)
        print(f"   input: {found.case.summary()}", file=stream)
        print(f"   saved: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", file=stream)
    return 1 if run.found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="the first hypothesis seed (default 0)")
    parser.add_argument("--chunk", type=int, default=100, help="inputs per hypothesis run (default 100)")
    args = parser.parse_args(argv)
    print(f"fuzzing form4gen for {args.minutes:g} minute(s); corpus: {len(corpus_paths())} document(s) in {CORPUS}", flush=True)
    run = fuzz(args.minutes, chunk=args.chunk, first_seed=args.seed)
    return report(run, args.minutes)


if __name__ == "__main__":
    sys.exit(main())
