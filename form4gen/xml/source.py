"""Reading XML bytes into a tree safely: a regular file of at most 10 MB, no DTD, no entities,
no network, UTF-8 or ASCII only, nesting at most 256 deep; syntax errors said with their line."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from lxml import etree

from form4gen.form.errors import InputError, Problem
from form4gen.form.files import FileTooLarge, NotRegularFile, read_bounded


def safe_parser(*, remove_pis: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=remove_pis,
    )


_PARSERS = threading.local()


def _checking_parser() -> etree.XMLParser:
    """One parser per thread, kept: libxml2 then reuses its table of element names."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = safe_parser(remove_pis=False)
    return parser


# Limits on what is read as XML.  Real ownership documents are a few kilobytes and a dozen
# levels deep; libxml2's own limits (without XML_PARSE_HUGE) stop deeper nesting and longer texts.
MAX_XML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 256


def _where(exc: etree.XMLSyntaxError) -> str:
    return f" (line {exc.lineno}, column {exc.offset})" if exc.lineno else ""


def _at_the_end(exc: etree.XMLSyntaxError, data: bytes) -> bool:
    """Whether the parser stopped at the end of the data (a truncated file)."""
    lines = data.rstrip().split(b"\n")
    if not exc.lineno:
        return False
    if exc.lineno > len(lines):
        return True
    return exc.lineno == len(lines) and (exc.offset or 0) >= len(lines[-1].rstrip(b"\r"))


def syntax_message(exc: etree.XMLSyntaxError, data: bytes) -> str:
    """libxml2's complaint in words a filer can act on."""
    raw = re.sub(r",? line \d+, column \d+\s*$", "", (exc.msg or "").strip()).strip()
    text = raw.lower()
    if not data.strip():
        return "the file is empty"
    if "char 0x0 " in text or "char 0x0\n" in text or "0x0 out of allowed range" in text:
        return f"a NUL byte{_where(exc)}: XML cannot contain one (is this really a text file?)"
    if "invalid bytes in character encoding" in text or "not proper utf-8" in text:
        return f"bytes that are not UTF-8{_where(exc)}: save the file as UTF-8 (EDGAR takes ASCII or UTF-8)"
    if "excessive depth" in text:
        return f"elements nested more than {MAX_DEPTH} deep: not an ownership document (they nest about 6 deep)"
    if "text node too long" in text or "huge" in text:
        return "a text longer than 10 MB: not an ownership document"
    cut_short = ("premature end", "expected", "endtag", "not properly terminated", "couldn't find end")
    if _at_the_end(exc, data) and "mismatch" not in text and any(c in text for c in cut_short):
        return f"the file ends in the middle of the document{_where(exc)}: it looks truncated"
    return f"not well-formed XML: {raw}"


# The encodings EDGAR takes (ASCII is a part of UTF-8); the names as an XML declaration gives them.
_EDGAR_ENCODINGS = ("utf-8", "utf8", "us-ascii", "ascii")
_DECLARED_ENCODING = re.compile(rb"""<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def declared_encoding(data: bytes) -> str | None:
    """The encoding named by the XML declaration at the start of the file (after a UTF-8 byte
    order mark, if any), or None when there is no such declaration or it names none."""
    head = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not head.startswith(b"<?xml"):
        return None  # a declaration anywhere else is not one (FMT-DECL says so; libxml2 ignores it)
    end = head.find(b"?>", 0, 1024)
    match = _DECLARED_ENCODING.match(head[: end + 2 if end >= 0 else 1024])
    if match is None:
        return None
    name = (match.group(1) if match.group(1) is not None else match.group(2)) or b""
    return name.decode("ascii", "replace").strip()


def _encoding_message(declared: str) -> str:
    shown = declared if declared.isprintable() and len(declared) <= 40 else repr(declared[:40])
    return (
        f'the XML declaration says encoding="{shown}"; EDGAR takes ASCII or UTF-8 XML only: '
        'save the file as UTF-8 and write <?xml version="1.0" encoding="UTF-8"?> (or leave the encoding out)'
    )


def parse_tree(data: bytes, source: str, *, strict: bool = True) -> etree._Element:
    """Well-formed, DTD-free XML or an InputError naming the line.

    Entities are never expanded, no DTD is loaded, nothing is fetched from the network, and no
    XInclude is processed.  A file over 10 MB, in UTF-16 or declaring an encoding other than
    UTF-8 or ASCII (ISO-8859-1, windows-1252 ...) is refused before parsing.
    ``strict=False`` (for the checker) keeps processing instructions and lets a DOCTYPE or an
    entity reference through, unexpanded, so that rule FMT-NOPI can report them."""
    if len(data) > MAX_XML_BYTES:
        size = len(data) / (1024 * 1024)
        raise InputError(source, [Problem("", f"the file is {size:.1f} MB; an ownership document is at most {MAX_XML_BYTES // (1024 * 1024)} MB here", None)])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise InputError(source, [Problem("", "the file is UTF-16; EDGAR takes ASCII or UTF-8 XML: save it as UTF-8", 1)])
    declared = declared_encoding(data)
    if declared is not None and declared.lower() not in _EDGAR_ENCODINGS:
        raise InputError(source, [Problem("", _encoding_message(declared), 1)])
    try:
        root = etree.fromstring(data, _checking_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(source, [Problem("", syntax_message(exc, data), exc.lineno or None)]) from None
    if not strict:
        return root
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        raise InputError(source, [Problem("", "a DOCTYPE declaration is not allowed in an EDGAR document (EDGAR suspends it; form4gen never loads it)", 1)])
    for node in root.iter(etree.Entity):
        raise InputError(source, [Problem("", f"entity reference {node.text} is not allowed (form4gen never expands entities)", node.sourceline)])
    for node in [*root.itersiblings(preceding=True), *root.iter(etree.PI), *root.itersiblings()]:
        if isinstance(node, etree._ProcessingInstruction):
            raise InputError(source, [Problem("", f"processing instruction <?{node.target} ...?> is not allowed (EDGAR suspends it)", node.sourceline)])
    return root


def read_source(source: bytes | str | Path) -> tuple[bytes, str]:
    """(bytes, name for messages) from bytes, XML text or a path.

    A path is opened without blocking and read only if it is a regular file (a link to one is
    fine) of at most ``MAX_XML_BYTES``: a FIFO, a device (``/dev/zero``), a socket or a folder is
    refused, and no more than the limit and one byte is ever read."""
    if isinstance(source, bytes):
        return source, "<xml>"
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("<")):
        path = Path(source)
        return read_regular_file(path, MAX_XML_BYTES), str(path)
    return source.encode("utf-8"), "<xml>"


class XmlTooLarge(InputError):
    """A regular file over the size limit, refused before it is read (the checker reports it as
    a finding of the document, as it does XML that cannot be parsed)."""


def _too_big(name: str, size: int | None, limit: int) -> XmlTooLarge:
    """``size`` None: more than ``limit`` bytes were there to read."""
    shown = f"{size / (1024 * 1024):.1f} MB" if size is not None else f"more than {limit // (1024 * 1024)} MB"
    return XmlTooLarge(name, [Problem("", f"the file is {shown}; an ownership document is at most {limit // (1024 * 1024)} MB here")])


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an InputError saying why not
    (see :func:`form4gen.form.files.read_bounded`)."""
    name = str(path)
    try:
        return read_bounded(path, limit)
    except NotRegularFile as exc:
        raise InputError(name, [Problem("", f"is not a regular file ({exc.kind}): give the path of an ownership document saved as an ordinary file")]) from None
    except FileTooLarge as exc:
        raise _too_big(name, exc.size, limit) from None
    except OSError as exc:
        raise InputError(name, [Problem("", f"cannot read the file: {exc.strerror}")]) from None
