"""Documents as loaders return them: text, its kind, where each line comes from, transcript cues, archive members."""

from __future__ import annotations

from typing import Literal

from scriptlint.model.members import split_member
from scriptlint.model.records import record

# template: Jinja; plain: text with the plain-text conventions (docs/documents.md); transcript: what
# was said on one recorded call, in order, with times; archive: a container of other documents.
DocumentKind = Literal["template", "plain", "transcript", "archive"]


@record(frozen=True, slots=True)
class LineOrigin:
    """Where one line of a document's extracted text comes from: the line to report, and a reviewer's label."""

    line: int
    label: str | None = None


@record(frozen=True, slots=True)
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


@record(frozen=True, slots=True)
class ArchiveMember:
    """One file inside an archive, in memory; `problem` says why it is refused (then `data` is empty)."""

    name: str
    data: bytes = b""
    problem: str | None = None


@record(frozen=True, slots=True)
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


def located_by_line(path: str) -> bool:
    """Whether a finding's line numbers the lines of the file itself (not of text extracted from it)."""
    file, member = split_member(path)
    return member is None and not file.lower().endswith(BINARY_DOCUMENT_SUFFIXES)


class UnsafeDocument(Exception):
    """A file loader refused a document that would exceed its limits (a zip bomb): reported as SL04.

    `timing` says the limit was the time budget (the answer then depends on the machine: not cached).
    """

    def __init__(self, message: str, *, timing: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.timing = timing


def check_extraction(deadline: float | None, chars: int = 0, max_chars: int | None = None) -> None:
    """Raise UnsafeDocument when text extraction is past the file's deadline or over the size limit."""
    import time

    if max_chars is not None and chars > max_chars:
        raise UnsafeDocument(f"the extracted text is over the {max_chars:,}-character limit")
    if deadline is not None and time.monotonic() > deadline:
        raise UnsafeDocument("extracting the text took longer than the file's time budget", timing=True)


class UnreadableDocument(Exception):
    """A file loader could not turn the bytes into text (reported as SL01)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
