"""What formatters receive (a run's report) and what they are (an output format)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scriptlint.model.findings import Finding, Rule
from scriptlint.model.path_views import ScriptView


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
    # Each script's text and paths as spoken, for formatters that ask for them (`Formatter.shows_paths`).
    views: tuple[ScriptView, ...] = ()


@dataclass(frozen=True)
class Formatter:
    """An output format: a name for `--format` and a function from a report to text."""

    name: str
    description: str
    render: Callable[[Report], str]
    # Machine-readable formats never get colour or progress output.
    machine_readable: bool = True
    # Formats that show each script's text and paths get `Report.views` (computed only for them).
    shows_paths: bool = False
