"""The human-readable format: `path:line:col: CODE message [ref]` and a summary line.

File names and messages (which quote manifest values and script text) have their control characters
escaped: a file name or a value cannot start a new line, forge a finding or send a terminal escape.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, Severity, printable

if TYPE_CHECKING:
    from scriptlint.model import Finding, Report

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report) -> str:
    """One line per finding, then (unless the report is quiet) what was skipped and a summary."""
    lines = [_line(finding, report.color) for finding in report.findings]
    if report.verbose:
        lines.extend(f"skipped {printable(item.path)}: {item.reason}" for item in report.skipped)
    if not report.quiet:
        if report.skipped:
            lines.append(skipped_summary(report))
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def _line(finding: Finding, color: bool) -> str:
    code = printable(finding.code)
    location = f"{printable(finding.path)}:{finding.line}:{finding.column}:"
    if color:
        import click

        code = click.style(code, fg=_COLORS[finding.severity], bold=True)
        location = click.style(location, bold=True)
    text = f"{location} {code} {printable(finding.described())}"
    if finding.ref:
        text += f" [{printable(finding.ref)}]"
    return text


def summary(report: Report) -> str:
    """`Found 3 findings (1 error, 2 warnings) in 2 files.` or `No findings in 2 files.`"""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.findings:
        return f"No findings in {files}."
    counts = Counter(finding.severity for finding in report.findings)
    parts = [
        f"{counts[severity]} {severity.label}{'s' if counts[severity] != 1 else ''}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    ]
    total = len(report.findings)
    return f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {files}."


def skipped_summary(report: Report) -> str:
    """`Skipped 3 files and 1 folder: ...`: what the run passed over, by reason (nothing is dropped silently)."""
    reasons = Counter(item.reason for item in report.skipped)
    files = sum(1 for item in report.skipped if not item.folder)
    folders = len(report.skipped) - files
    counted = [f"{count} {'file' if count == 1 else 'files'}" for count in (files,) if count]
    counted += [f"{count} {'folder' if count == 1 else 'folders'}" for count in (folders,) if count]
    why = "; ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
    listing = "" if report.verbose else " (--verbose lists them)"
    return f"Skipped {' and '.join(counted)}: {why}{listing}."


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the text format."""
    return [Formatter("text", "path:line:col: CODE message [ref], with a summary", render, machine_readable=False)]
