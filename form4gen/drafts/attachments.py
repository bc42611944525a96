"""The attachments a draft names (``submission.attachments``), read from the draft's folder
and never from outside it, and checked against EDGAR's rules for supporting documents.

An ``.htm`` attachment may hold no active content and no external reference, which EDGAR does
not allow in HTML documents: no ``<script>``, no event-handler attribute (``onload=`` ...), no
``javascript:`` URL, no ``src=`` or ``href=`` other than a ``#fragment`` within the document, no
``<link>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>`` (and the like), no CSS ``url(``
other than ``#fragment`` and no ``@import``.  The HTML is read by the standard library's
tokenizer (:mod:`html.parser`): nothing in it is executed or fetched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePath

from form4gen.drafts.files import UnsafeFile, read_confined
from form4gen.xml.envelope import SUPPORTING_SUFFIXES, SubmissionInfo, valid_document_name

# The envelope is checked by parsing it again, and libxml2 refuses a text node of more than
# 10,000,000 characters: base64 (4 characters for 3 bytes, a newline after each 76) of an
# attachment over about 7.4 MB makes one.
MAX_ATTACHMENT_BYTES = 7_000_000


def read_attachments(
    info: SubmissionInfo, base: Path, *, folders: Sequence[Path] = ()
) -> tuple[list[tuple[str, str, str | None, bytes]], list[tuple[str, str]]]:
    """(attachments, problems as (field, message)) for the files named in the input.

    Each is read from the input's folder ``base`` (or one of ``folders``, such as a
    workspace's ``poa/``) and never from outside it: see :func:`form4gen.drafts.files.read_confined`.
    """
    out: list[tuple[str, str, str | None, bytes]] = []
    problems: list[tuple[str, str]] = []
    for index, attachment in enumerate(info.attachments):
        field = f"submission.attachments[{index}].file"
        name = PurePath(attachment.file).name
        if PurePath(name).suffix.lower() == ".pdf":
            problems.append((field, f"{name}: PDF attachments are not allowed in ownership filings (EDGAR discards them); attach .txt or .htm"))
            continue
        if PurePath(name).suffix.lower() not in SUPPORTING_SUFFIXES:
            problems.append((field, f"{name}: an attachment is a .txt or .htm file"))
            continue
        if not valid_document_name(name):
            problems.append(
                (
                    field,
                    f"{name}: EDGAR file names are at most 32 characters of lowercase letters and digits, one '-', one '_', one '.', starting with a letter",
                )
            )
            continue
        try:
            content = read_confined(attachment.file, [base, *folders], limit=MAX_ATTACHMENT_BYTES)
        except UnsafeFile as exc:
            problems.append((field, str(exc)))
            continue
        if not content.strip():
            problems.append((field, f"{attachment.file} is empty"))
            continue
        if PurePath(name).suffix.lower() == ".htm":
            found = html_problems(content)
            if found:
                problems += [(field, f"{name}:{line}: {what}") for line, what in found[:MAX_HTML_PROBLEMS]]
                if len(found) > MAX_HTML_PROBLEMS:
                    problems.append((field, f"{name}: and {len(found) - MAX_HTML_PROBLEMS} more such places"))
                continue
        out.append((name, attachment.type, attachment.description, content))
    names = [a[0] for a in out]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(("submission.attachments", f"two attachments are named {name}"))
    return out, problems


# --- active content and external references in .htm attachments ------------------------------

MAX_HTML_PROBLEMS = 20
_NOT_EXTERNAL = 'EDGAR does not allow external references in HTML documents; link only within the document (href="#name") or write the address as plain text'
_REMOVE_ACTIVE = _NOT_ACTIVE = "EDGAR does not allow active content in HTML documents; remove it"
_REMOVE_EXTERNAL = "EDGAR does not allow external references in HTML documents; remove it"
_REMOVE_FORM = "EDGAR does not allow forms in HTML documents; remove it"
# elements that run, embed or fetch something, or send the reader's input somewhere
_REFUSED_ELEMENTS = {
    **dict.fromkeys(("script", "noscript", "applet", "object", "embed"), _REMOVE_ACTIVE),
    **dict.fromkeys(("iframe", "frame", "frameset", "link", "base", "portal"), _REMOVE_EXTERNAL),
    **dict.fromkeys(("form", "input", "button", "select", "textarea"), _REMOVE_FORM),
}
# attributes that hold a URL (any namespace prefix: xlink:href is an href)
_URL_ATTRIBUTES = {
    "src",
    "href",
    "action",
    "formaction",
    "data",
    "background",
    "poster",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "classid",
    "manifest",
    "ping",
    "usemap",
    "profile",
    "archive",
    "srcset",
    "imagesrcset",
}
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)
_CSS_ACTIVE = re.compile(r"@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:", re.IGNORECASE)
_SCHEME_NOISE = re.compile(r"[\x00-\x20]+")


def _css_unescape(css: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            try:
                return chr(int(match.group(1), 16))
            except (ValueError, OverflowError):
                return "\ufffd"
        return match.group(2)

    return _CSS_ESCAPE.sub(one, _CSS_COMMENT.sub("", css))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _url_problem(attribute: str, value: str) -> str | None:
    """Why a URL in an attribute is refused, or None for an empty one or a #fragment."""
    url = value.strip()
    if not url or url.startswith("#"):
        return None
    bare = _SCHEME_NOISE.sub("", url).lower()
    if bare.startswith(("javascript:", "vbscript:", "livescript:")):
        return f"{attribute}= holds a {bare.split(':', 1)[0]}: URL; {_NOT_ACTIVE}"
    if bare.startswith("data:"):
        return f"{attribute}= holds a data: URL; {_NOT_EXTERNAL}"
    if bare.startswith(("http:", "https:", "//", "\\\\", "ftp:", "file:")):
        return f"{attribute}={_short(url)!r} refers outside the document; {_NOT_EXTERNAL}"
    return f"{attribute}={_short(url)!r} refers to another file, which is not part of the submission; {_NOT_EXTERNAL}"


def _css_problems(css: str) -> list[tuple[int, str]]:
    """(line within ``css``, what) for each url( to outside, @import and CSS that runs code."""
    found: list[tuple[int, str]] = []
    plain = _css_unescape(css)
    # line numbers are counted in the text as written; escapes and comments seldom span lines
    for match in _CSS_URL.finditer(plain):
        target = match.group(1)
        if not target.startswith("#"):
            line = plain.count("\n", 0, match.start())
            found.append((line, f"CSS url({_short(target)}) refers outside the document; {_REMOVE_EXTERNAL}"))
    for match in _CSS_ACTIVE.finditer(plain):
        line = plain.count("\n", 0, match.start())
        word = " ".join(match.group(0).split()).lower()
        if word.startswith("@import"):
            found.append((line, f"CSS @import; {_REMOVE_EXTERNAL}"))
        else:
            found.append((line, f"CSS {word!r} runs code; {_NOT_ACTIVE}"))
    return found


class _HtmlScan(HTMLParser):
    """Collects (line, what) for every piece of active content or external reference."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_style = 0

    def _add(self, what: str, line: int | None = None) -> None:
        self.found.append((line if line is not None else self.getpos()[0], what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _REFUSED_ELEMENTS:
            self._add(f"a <{tag}> element; {_REFUSED_ELEMENTS[tag]}")
            return  # one message for the element, not one more for each of its attributes
        if tag == "style":
            self._in_style += 1
        if tag == "meta":
            equiv = {k.lower(): (v or "") for k, v in attrs}.get("http-equiv", "").strip().lower()
            if equiv in ("refresh", "set-cookie"):
                self._add(f'<meta http-equiv="{equiv}">; {_REMOVE_EXTERNAL}')
        line = self.getpos()[0]
        for name, value in attrs:
            name = name.lower()
            local = name.rsplit(":", 1)[-1]
            if local.startswith("on"):
                self._add(f"an event-handler attribute {name}= on <{tag}>; {_NOT_ACTIVE}", line)
                continue
            if value is None:
                continue
            if local in _URL_ATTRIBUTES:
                problem = _url_problem(name, value)
                if problem:
                    self._add(f"<{tag}>: {problem}", line)
            elif local == "style":
                for offset, what in _css_problems(value):
                    self._add(f"<{tag} style=...>: {what}", line + offset)
            elif _SCHEME_NOISE.sub("", value).lower().startswith(("javascript:", "vbscript:")):
                self._add(f"<{tag}>: {name}= holds a script URL; {_NOT_ACTIVE}", line)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() == "style":
            self._in_style -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style" and self._in_style:
            self._in_style -= 1

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line = self.getpos()[0]
            for offset, what in _css_problems(data):
                self._add(f"<style>: {what}", line + offset)

    def handle_comment(self, data: str) -> None:
        if data.lstrip().lower().startswith("[if") and "<" in data:
            self._add(f"a conditional comment (<!--[if ...]>) holding markup; {_NOT_ACTIVE}")

    def handle_pi(self, data: str) -> None:
        self._add(f"a processing instruction <?{_short(data.rstrip('?'), 30)}?>; EDGAR HTML documents hold none; remove it")


def html_problems(content: bytes) -> list[tuple[int, str]]:
    """(line, what was found) for each piece of active content or external reference in an
    HTML document, in the order of the document; empty when there is none."""
    text = content.decode("utf-8", errors="replace")  # only read, never shown whole: any decoding will do
    scan = _HtmlScan()
    scan.feed(text)
    scan.close()
    return sorted(scan.found, key=lambda item: item[0])
