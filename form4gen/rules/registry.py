"""The rule registry: what a rule is (:class:`Rule`), what it is given (:class:`Context`,
:class:`XmlDocument`), what it finds (:class:`Violation`), and :func:`rule`, the decorator that
records it.  Area modules import this module, never the catalogue package, so there is no
import circle between the catalogue and its rules."""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Severity = Literal["error", "warning"]
# "filing": runs on the model of any input; "xml": on XML input only (how the XML is written);
# "schema": on XML input, and on the XML a draft makes (findings mapped back to its fields).
Kind = Literal["filing", "xml", "schema"]


@dataclass(frozen=True)
class Violation:
    """One thing a rule found: the message names the offending value; ``path`` is the model path
    of the field (for filing rules), ``line`` and ``xml_path`` say where in an XML document."""

    message: str
    path: tuple[Any, ...] = ()
    line: int | None = None
    xml_path: str = ""


@dataclass(frozen=True)
class Context:
    """What a rule may need besides the filing itself."""

    as_of: datetime.date  # the rules in force on this date apply
    document_of_record: bool = False  # an EDGAR-disseminated copy (it carries schemaVersion)
    schema_version: str = ""  # the schema version judging the document
    closures: frozenset[datetime.date] = frozenset()  # days EDGAR was closed besides holidays


@dataclass(frozen=True)
class XmlDocument:
    """An XML input as the XML rules see it: its bytes, and the parsed root unless the bytes
    are not well-formed XML (then ``syntax_error`` says why, with its line)."""

    data: bytes
    root: Any = None  # lxml element
    syntax_error: Violation | None = None

    @cached_property
    def is_submission(self) -> bool:
        """A document as a filer submits it, not EDGAR's disseminated copy: it has no
        schemaVersion stamp, or it still carries a CCC (EDGAR strips them).  Worked out once."""
        root = self.root
        if root is None:
            return False
        return root.find("schemaVersion") is None or next(root.iter("rptOwnerCcc"), None) is not None

    @cached_property
    def elements(self) -> list[Any]:
        """Every element, in document order (walked once for all the XML rules)."""
        return [e for e in self.root.iter() if isinstance(e.tag, str)] if self.root is not None else []


@dataclass(frozen=True)
class Example:
    """One example of a rule's docstring.  A failing example may say where its finding lands
    (``location``: a model field path as ``Finding.location`` prints it, an XML path, ``line N``
    for the line of an XML example, or ``the document`` for a finding with neither) and a
    fragment of its message."""

    verdict: Literal["fails", "passes"]
    text: str
    location: str | None = None
    message: str | None = None

    @property
    def language(self) -> str:
        return "xml" if self.text.lstrip().startswith("<") else "yaml"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    fix: str
    source: str
    kind: Kind
    function: Callable[..., Iterator[Violation]] = field(repr=False)
    since: datetime.date | None = None
    until: datetime.date | None = None

    @property
    def area(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def title(self) -> str:
        """The first line of the docstring: what the rule requires."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def description(self) -> str:
        """The docstring without its title and examples."""
        return "\n".join(_split_doc(self.doc)[0][1:]).strip()

    @property
    def examples(self) -> list[Example]:
        return _split_doc(self.doc)[1]

    def in_force(self, day: datetime.date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day < self.until)

    @property
    def in_force_text(self) -> str:
        if self.since and self.until:
            return f"from {self.since} until {self.until}"
        if self.since:
            return f"since {self.since}"
        if self.until:
            return f"until {self.until}"
        return "always (since the XML forms began)"

    def run(self, subject: Any, context: Context) -> list[Violation]:
        return list(self.function(subject, context))


_EXAMPLE_NOTES = {"Reported on:": "location", "Message:": "message"}


def _split_doc(doc: str) -> tuple[list[str], list[Example]]:
    """The docstring's prose lines, and its examples: a line "Fails::" or "Passes::" followed by
    an indented block (reStructuredText literal blocks).  Right under a block, unindented lines
    "Reported on: <where>" and "Message: <fragment>" say where the example's finding lands and
    what its message says; they belong to the example, not to the prose or the block."""
    prose: list[str] = []
    examples: list[Example] = []
    lines = doc.splitlines()
    i = 0
    while i < len(lines):
        head = lines[i].strip()
        if head in ("Fails::", "Passes::"):
            block: list[str] = []
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i][:1] in (" ", "\t")):
                block.append(lines[i])
                i += 1
            notes: dict[str, str] = {}
            while i < len(lines) and (key := next((k for k in _EXAMPLE_NOTES if lines[i].startswith(k)), None)):
                notes[_EXAMPLE_NOTES[key]] = lines[i][len(key) :].strip()
                i += 1
                while i < len(lines) and not lines[i].strip():
                    i += 1
            verdict = "fails" if head == "Fails::" else "passes"
            examples.append(Example(verdict, inspect.cleandoc("\n".join(block)), **notes))  # type: ignore[arg-type]
            continue
        prose.append(lines[i])
        i += 1
    return prose, examples


_REGISTRY: dict[str, Rule] = {}
_ID = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")


def rule(
    rule_id: str,
    severity: Severity,
    *,
    fix: str,
    source: str,
    kind: Kind = "filing",
    since: datetime.date | str | None = None,
    until: datetime.date | str | None = None,
) -> Callable[[Callable[..., Iterator[Violation]]], Callable[..., Iterator[Violation]]]:
    """Register a rule function under a stable ID."""
    if not _ID.match(rule_id):
        raise ValueError(f"rule ids look like AREA-NAME, not {rule_id!r}")

    def register(function: Callable[..., Iterator[Violation]]) -> Callable[..., Iterator[Violation]]:
        if rule_id in _REGISTRY:
            raise ValueError(f"rule {rule_id} is defined twice")
        _REGISTRY[rule_id] = Rule(
            rule_id,
            severity,
            fix,
            source,
            kind,
            function,
            datetime.date.fromisoformat(since) if isinstance(since, str) else since,
            datetime.date.fromisoformat(until) if isinstance(until, str) else until,
        )
        return function

    return register


def all_rules() -> list[Rule]:
    """The whole catalogue, in ID order."""
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get(rule_id: str) -> Rule | None:
    return _REGISTRY.get(rule_id.upper())


def matches(rule_id: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether ``rule_id`` is one of ``patterns``: an ID, or a prefix such as ``FN`` or ``FN-``."""
    for pattern in patterns:
        p = pattern.strip().upper()
        if p and (rule_id == p or rule_id.startswith(p if p.endswith("-") else p + "-")):
            return True
    return False


# The schema check is part of the catalogue so that it can be listed, selected and ignored.
SCHEMA_RULES = ("XML-SYNTAX", "XML-SCHEMA")
