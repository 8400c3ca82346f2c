"""The human-readable format: `path:line:col: CODE message [ref]` and a summary line."""

from __future__ import annotations

from collections import Counter

from scriptlint.markers import hookimpl
from scriptlint.model import Finding, Formatter, Report, Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report) -> str:
    """One line per finding, then a summary unless the report is quiet."""
    lines = [_line(finding, report.color) for finding in report.findings]
    if not report.quiet:
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def _line(finding: Finding, color: bool) -> str:
    code = finding.code
    location = f"{finding.path}:{finding.line}:{finding.column}:"
    if color:
        import click

        code = click.style(code, fg=_COLORS[finding.severity], bold=True)
        location = click.style(location, bold=True)
    text = f"{location} {code} {finding.described()}"
    if finding.ref:
        text += f" [{finding.ref}]"
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


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the text format."""
    return [Formatter("text", "path:line:col: CODE message [ref], with a summary", render, machine_readable=False)]
