"""What formatters receive (a run's report, what it skipped), what they are (an output format), and how
human-readable formats make untrusted text safe to print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model.findings import Finding, Rule
    from scriptlint.model.path_views import ScriptView


@record(frozen=True, slots=True)
class Skipped:
    """A file or folder that a run passed over, and why (the run says so: nothing is dropped silently)."""

    path: str
    reason: str
    folder: bool = False


def _no_source(path: str) -> str | None:
    return None


@record(frozen=True)
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
    # Each script's text and paths as spoken, for formatters that ask for them (`Formatter.shows_paths`).
    views: tuple[ScriptView, ...] = ()
    # What the run passed over (directory walks, archives), and whether to list it (--verbose).
    skipped: tuple[Skipped, ...] = ()
    verbose: bool = False
    # The text of a file the run checked, by the path findings show (None for any other path): formatters
    # that quote lines read files only through it, never by a path a finding names.
    source: Callable[[str], str | None] = _no_source


@record(frozen=True)
class Formatter:
    """An output format: a name for `--format` and a function from a report to text."""

    name: str
    description: str
    render: Callable[[Report], str]
    # Machine-readable formats never get colour or progress output.
    machine_readable: bool = True
    # Formats that show each script's text and paths get `Report.views` (computed only for them).
    shows_paths: bool = False
    # The registering plugin's name, filled in by the manager (failures name it).
    plugin: str = field(default="", compare=False)


# Control characters, and the Unicode characters that reorder or hide text on a terminal (bidirectional
# overrides, isolates, line and paragraph separators): escaped in human-readable output, so that a file
# name or a manifest value cannot forge a line, move the cursor or hide part of a message.
_UNPRINTABLE = frozenset(
    {*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F)}
    | {*range(0x2066, 0x206A), 0x2028, 0x2029, 0xFEFF}
)
_ESCAPES = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _UNPRINTABLE}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r"})
# File names that are not UTF-8 reach Python as lone surrogates (U+DC80-U+DCFF stand for the bytes 0x80-0xFF):
# shown as the bytes they stand for; no output stream could encode them.
_ESCAPES.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
_ESCAPES.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000) if code not in _ESCAPES})


def printable(text: str) -> str:
    """Text safe to print on a terminal or in a line-based report: control characters shown as escapes
    (`\\n`, `\\x1b`, `\\u202e`), undecodable bytes of file names as `\\xff`, everything else unchanged."""
    return text.translate(_ESCAPES)


_LONE_SURROGATES = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}


def json_text(rendered: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with lone surrogates (from file names that are
    not UTF-8) written as JSON escapes, so that the report can be encoded."""
    return rendered.translate(_LONE_SURROGATES)
