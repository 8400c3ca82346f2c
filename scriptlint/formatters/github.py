"""GitHub Actions workflow commands: one annotation per finding, most severe first, and a step summary."""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from scriptlint.formatters.text import summary
from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, Severity, located_by_line, printable, split_member

if TYPE_CHECKING:
    from scriptlint.model import Finding, Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escaping for a command's message (GitHub's toolkit: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escaping for a command's property values (also ':' and ',')."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """Annotations ordered by severity (GitHub shows only ten of each type per step), then a summary line."""
    ordered = sorted(report.findings, key=lambda f: (-f.severity, f.sort_key()))
    lines = [_annotation(finding) for finding in ordered]
    lines.append(summary(report))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as handle:
            handle.write(markdown_summary(report))
    return "\n".join(lines) + "\n"


def _annotation(finding: Finding) -> str:
    archive, _ = split_member(finding.path)
    properties = {"file": printable(archive), "title": printable(f"{finding.code} {finding.name}")}
    if located_by_line(finding.path):
        # GitHub annotates lines of text files; an archive member's lines, or a Word file's paragraphs, are not.
        properties |= {
            "line": str(finding.line),
            "col": str(finding.column),
            "endLine": str(finding.end_line or finding.line),
            "endColumn": str(max(finding.end_column or finding.column, finding.column)),
        }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = printable(finding.described_in_repository())
    if finding.ref:
        message += f" [{printable(finding.ref)}]"
    return f"::{_COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


def markdown_summary(report: Report) -> str:
    """A markdown table of findings per file, for the job's summary page."""
    per_file: dict[str, Counter[Severity]] = {}
    for finding in report.findings:
        per_file.setdefault(finding.path, Counter())[finding.severity] += 1
    lines = ["## scriptlint", "", summary(report), "", "| file | errors | warnings | info |", "|---|---|---|---|"]
    for path, counts in sorted(per_file.items()):
        cells = " | ".join(str(counts[s]) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
        lines.append(f"| {printable(path).replace('|', '%7C')} | {cells} |")
    return "\n".join(lines) + "\n\n"


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the github format."""
    return [Formatter("github", "GitHub Actions annotations and step summary", render)]
