"""Values the core and the plugins exchange: severities, findings, rules, documents and scripts."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

# The speaking rate that turns spoken words into seconds, unless configuration says otherwise.
DEFAULT_WORDS_PER_MINUTE = 150

if TYPE_CHECKING:
    from scriptlint.analysis.paths import PathAnalysis
    from scriptlint.analysis.spoken import Variant
    from scriptlint.model.manifest import Manifest
    from scriptlint.model.settings import RunContext


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that `--fail-on` can compare."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The lower-case name used in every output format."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read `error`, `warning` or `info` (any case); raise ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"expected one of error, warning, info; got {text!r}") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file, as DESIGN section 4 defines it."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None
    ref: str | None = None
    url: str | None = None
    path_condition: str | None = None
    jurisdiction: str | None = None
    # Where the line is in the original document, in a reviewer's words ("page 2, line 5",
    # "paragraph 14", "cue 3 at 00:00:12.500"), for files whose text was extracted; else None.
    location: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by path, line, column, code (then message, for a stable total order)."""
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN section 5, field for field."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "ref": self.ref,
            "url": self.url,
            "path_condition": self.path_condition,
            "jurisdiction": self.jurisdiction,
            "location": self.location,
        }


# A check gets the rule itself (so one function can serve several rules), the script and the run context.
CheckFunction = Callable[["Rule", "Script", "RunContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule is data (code, texts, citation) plus a check function; core rules have no function."""

    code: str
    name: str
    summary: str
    severity: Severity
    check: CheckFunction | None = None
    explanation: str = ""
    ref: str | None = None
    url: str | None = None
    # The registering plugin's name, filled in by the manager (not part of a rule's identity).
    plugin: str = field(default="", compare=False)

    def at(
        self,
        path: str,
        message: str,
        *,
        line: int,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> Finding:
        """A finding of this rule at a place in a file, with the rule's own severity and citation."""
        return Finding(
            path, line, column, self.code, self.name, self.severity, message, end_line, end_column, self.ref, self.url
        )

    def finding(
        self,
        script: Script,
        message: str,
        *,
        line: int,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
        severity: Severity | None = None,
        ref: str | None = None,
        url: str | None = None,
        path_condition: str | None = None,
        jurisdiction: str | None = None,
    ) -> Finding:
        """Build a finding of this rule in `script`, defaulting severity and citation to the rule's."""
        return Finding(
            path=script.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=self.code,
            name=self.name,
            severity=severity if severity is not None else self.severity,
            message=message,
            ref=ref if ref is not None else self.ref,
            url=url if url is not None else self.url,
            path_condition=path_condition,
            jurisdiction=jurisdiction,
        )


# template: Jinja; plain: text with the plain-text conventions (DESIGN section 2); transcript: what
# was said on one recorded call, in order, with times; archive: a container of other documents.
DocumentKind = Literal["template", "plain", "transcript", "archive"]


@dataclass(frozen=True, slots=True)
class LineOrigin:
    """Where one line of a document's extracted text comes from: the line to report, and a reviewer's label."""

    line: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """When one line of a transcript was said: its cue's start and end (seconds), and the line's place in the
    cue's text (words are timed by their position in the cue)."""

    start: float
    end: float
    offset: int
    length: int

    def seconds_at(self, column: int) -> float:
        """The time at which the character at `column` (1-based) of this line was said."""
        share = (self.offset + column - 1) / self.length if self.length else 0.0
        return self.start + (self.end - self.start) * min(1.0, max(0.0, share))


@dataclass(frozen=True, slots=True)
class ArchiveMember:
    """One file inside an archive, in memory; `problem` says why it is refused (then `data` is empty)."""

    name: str
    data: bytes = b""
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text of one file as a file loader returns it, before front matter is read.

    Loaders that extract text (Word, PDF, transcripts) give `origins`, one per line of `text`, so that
    findings point into the original; transcripts give `cues`, one per line (None for a line that is
    not speech), so that timing rules use what was said when; archives give `members` and no text.
    """

    text: str
    kind: DocumentKind
    origins: tuple[LineOrigin, ...] | None = None
    cues: tuple[Cue | None, ...] | None = None
    members: tuple[ArchiveMember, ...] = ()

    def origin(self, line: int) -> LineOrigin:
        """Where a line of `text` stands in the original document (past the end: the last line's place)."""
        if not self.origins:
            return LineOrigin(line)
        return self.origins[min(max(line, 1), len(self.origins)) - 1]


# Documents whose bytes are not lines of text: a finding's line counts paragraphs or extracted lines.
BINARY_DOCUMENT_SUFFIXES = (".docx", ".pdf", ".zip")


def split_member(path: str) -> tuple[str, str | None]:
    """A finding's path as the file in the repository and the archive member inside it, if any
    (`batch.zip!scripts/a.j2` -> `batch.zip`, `scripts/a.j2`; a `!` elsewhere is part of a name)."""
    marker = path.lower().find(".zip!")
    if marker < 0:
        return path, None
    return path[: marker + 4], path[marker + 5 :]


def located_by_line(path: str) -> bool:
    """Whether a finding's line numbers the lines of the file itself (not of text extracted from it)."""
    file, member = split_member(path)
    return member is None and not file.lower().endswith(BINARY_DOCUMENT_SUFFIXES)


class UnsafeDocument(Exception):
    """A file loader refused a document that would exceed its limits (a zip bomb): reported as SL04."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableDocument(Exception):
    """A file loader could not turn the bytes into text (reported as SL01)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def nearest_line(key_lines: Mapping[tuple[str, ...], int], keys: tuple[str, ...]) -> int:
    """The line of `keys` in a manifest, else of its nearest given parent, else 1."""
    for depth in range(len(keys), 0, -1):
        line = key_lines.get(keys[:depth])
        if line is not None:
            return line
    return 1


@dataclass(frozen=True)
class Script:
    """A call script ready for the rules: its source, manifest and the spoken variants of its paths."""

    path: str
    source: str
    kind: DocumentKind
    manifest: Manifest
    manifest_lines: Mapping[tuple[str, ...], int]
    body_start_line: int
    paths: PathAnalysis
    # A transcript's timing, one entry per line of `source` (None: times are estimated from words).
    cues: tuple[Cue | None, ...] | None = None

    def seconds_at(self, line: int, column: int) -> float | None:
        """When the character at this place of a timed transcript was said; None without timings."""
        if self.cues is None or not 1 <= line <= len(self.cues):
            return None
        cue = self.cues[line - 1]
        return None if cue is None else cue.seconds_at(column)

    @property
    def variants(self) -> tuple[Variant, ...]:
        """The whole text of every distinct path; for small templates (rules should prefer queries)."""
        return self.paths.variants()

    def manifest_line(self, *keys: str) -> int:
        """The line of the deepest manifest key given that exists, or the manifest's first line."""
        return nearest_line(self.manifest_lines, keys)

    @property
    def last_line(self) -> int:
        """The number of the file's last line (1 for an empty file)."""
        return max(1, self.source.count("\n") + (0 if self.source.endswith("\n") else 1))


@dataclass(frozen=True)
class Report:
    """Everything a formatter may show about one run: the findings and what produced them."""

    version: str
    files: int
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    color: bool = False
    # Quiet reports show the findings only, without a summary.
    quiet: bool = False
    # The paths of the files checked, as findings show them (formatters that list every file use it).
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Formatter:
    """An output format: a name for `--format` and a function from a report to text."""

    name: str
    description: str
    render: Callable[[Report], str]
    # Machine-readable formats never get colour or progress output.
    machine_readable: bool = True
