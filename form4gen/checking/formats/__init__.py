"""``form4gen check --format``: the reports of a run as text, JSON, JUnit XML, SARIF or GitHub
workflow annotations, one module per format (:mod:`.text`, :mod:`.json_report`, :mod:`.junit`,
:mod:`.sarif`, :mod:`.github`), registered one way (:data:`WRITERS`); this module holds what
they share.

Every format is a :class:`ReportWriter` that writes a run a file at a time: ``head()``, then
``file(result)`` for each :class:`FileResult` (in the order the files were given), then
``tail()``, each returning the text to print (``stream(results)`` yields them all).  A run over
50,000 files therefore never holds 50,000 reports: the text, JSON and GitHub formats keep only
running counts, SARIF also the unusable files' problems, and JUnit, whose header carries the
counts, spools its test cases to a temporary file.  The JSON format is described by
``form4gen/checking/report.schema.json`` (:data:`JSON_SCHEMA_FILE`); SARIF follows SARIF 2.1.0.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from form4gen import rules
from form4gen.checking import FORMATS as FORMATS  # re-exported: the writers registered below are these
from form4gen.checking.engine import Finding, Report
from form4gen.form.errors import Problem

# the schema of the JSON format, in form4gen/checking/ (it ships in the wheel there)
JSON_SCHEMA_FILE = Path(__file__).parent.parent / "report.schema.json"


@dataclass
class FileResult:
    """One input file: its report, or the problems that made it unusable (exit code 2)."""

    path: str
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    rendered: str | None = None  # its part of the report, when the worker that checked it wrote it

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings if self.report else []

    @property
    def unusable(self) -> bool:
        return self.report is None


@dataclass
class Summary:
    """The counts of a run, kept up to date a file at a time."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    files_with_errors: int = 0
    unusable: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.report is None:
            self.unusable += 1
            return
        errors = len(result.report.errors)
        self.errors += errors
        self.warnings += len(result.report.warnings)
        self.files_with_errors += errors > 0

    def as_data(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "files_with_errors": self.files_with_errors,
            "unusable": self.unusable,
        }

    def sentence(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        text = f"{n(self.files, 'file')} checked: {n(self.errors, 'error')}, {n(self.warnings, 'warning')}"
        if self.unusable:
            text += f", {self.unusable} unusable"
        return text


def tool_version() -> str:
    try:
        return version("form4gen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0+unknown"


def _rule_meta(rule_id: str) -> dict[str, str]:
    rule = rules.get(rule_id)
    return {"fix": rule.fix, "source": rule.source} if rule else {"fix": "", "source": ""}


class ReportWriter:
    """A run's report, written a file at a time (see the module's docstring)."""

    def __init__(self, **_: object) -> None:
        self.summary = Summary()

    def head(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        """The text to print for one more file (its part, with what joins it to the others)."""
        self.summary.add(result)
        part = result.rendered if result.rendered is not None else self.part(result)
        return self.place(result, part)

    def part(self, result: FileResult) -> str:
        """One file's part of the report, from the file's result alone: a worker process can
        render it, and the writer of the run places it (:meth:`place`)."""
        raise NotImplementedError

    def place(self, result: FileResult, part: str) -> str:
        """What the run prints for a file's part: the part itself, unless the format joins
        parts with separators or keeps them until the end."""
        return part

    def tail(self) -> str:
        return ""

    def stream(self, results: Iterable[FileResult]) -> Iterator[str]:
        yield self.head()
        for result in results:
            yield self.file(result)
        yield self.tail()


def _nested(value: object, level: int) -> str:
    """``value`` as JSON indented by two spaces, placed ``level`` levels deep in a document."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


# --- the formats, registered one way ----------------------------------------------------------
# The format modules import the shared base above from this package, so they come after it.

from form4gen.checking.formats.github import GithubWriter  # noqa: E402
from form4gen.checking.formats.json_report import JSON_REPORT_VERSION as JSON_REPORT_VERSION  # noqa: E402
from form4gen.checking.formats.json_report import JsonWriter  # noqa: E402
from form4gen.checking.formats.junit import JunitWriter  # noqa: E402
from form4gen.checking.formats.sarif import SARIF_SCHEMA_URI as SARIF_SCHEMA_URI  # noqa: E402
from form4gen.checking.formats.sarif import SarifWriter  # noqa: E402
from form4gen.checking.formats.text import TextWriter  # noqa: E402

# format name -> its writer; the names are FORMATS, in its order
WRITERS: dict[str, type[ReportWriter]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "junit": JunitWriter,
    "sarif": SarifWriter,
    "github": GithubWriter,
}


def writer(fmt: str, **options: object) -> ReportWriter:
    """The writer of a format; options: ``color`` and ``show_fixes`` (text), ``strict`` (JUnit)."""
    return WRITERS[fmt](**options)
