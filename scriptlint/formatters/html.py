"""A self-contained HTML report for reviewing a vendor batch: a summary table, then each script with its findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from scriptlint.formatters.text import summary
from scriptlint.markers import hookimpl
from scriptlint.model import Finding, Formatter, Report, Severity, located_by_line

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.4rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; border-top: 1px solid #ccc; padding-top: 1rem; }
table.summary { border-collapse: collapse; }
table.summary td, table.summary th { border: 1px solid #bbb; padding: .25rem .6rem; }
.verdict-fail { color: #a00; font-weight: bold; } .verdict-pass { color: #070; font-weight: bold; }
.script { font-family: ui-monospace, monospace; font-size: .85rem; border: 1px solid #ddd; }
.line { display: flex; white-space: pre-wrap; }
.number { color: #888; min-width: 3.5rem; text-align: right; padding-right: .8rem; }
.finding { margin: .2rem 0 .4rem 3.5rem; padding: .3rem .6rem; border-left: 4px solid; }
.error { border-color: #c00; background: #fdecec; } .warning { border-color: #d80; background: #fff5e0; }
.info { border-color: #06c; background: #e8f1fc; } .code { font-weight: bold; } .condition { font-style: italic; }
@media print { body { margin: 0; } .finding { break-inside: avoid; } a { color: inherit; } }
"""


def escape(text: str) -> str:
    """HTML-escape text (the html module is imported only by runs that write HTML)."""
    import html

    return html.escape(text)


def render(report: Report) -> str:
    """The whole report as one HTML page (no scripts, no external resources)."""
    by_path: dict[str, list[Finding]] = {path: [] for path in report.paths}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>scriptlint report</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<h1>scriptlint report</h1><p id="summary">{escape(summary(report))} scriptlint {escape(report.version)}.</p>',
        _summary_table(by_path),
    ]
    for position, (path, findings) in enumerate(sorted(by_path.items())):
        parts.append(_script_section(position, path, findings))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _summary_table(by_path: dict[str, list[Finding]]) -> str:
    rows = ["<table class=\"summary\"><thead><tr><th>file</th><th>verdict</th><th>errors</th><th>warnings</th>"
            "<th>info</th></tr></thead><tbody>"]  # fmt: skip
    for position, (path, findings) in enumerate(sorted(by_path.items())):
        counts = Counter(finding.severity for finding in findings)
        failing = counts[Severity.ERROR] or counts[Severity.WARNING]
        verdict = '<span class="verdict-fail">fails</span>' if failing else '<span class="verdict-pass">passes</span>'
        rows.append(
            f'<tr><td><a href="#file-{position}">{escape(path)}</a></td><td>{verdict}</td>'
            f"<td>{counts[Severity.ERROR]}</td><td>{counts[Severity.WARNING]}</td><td>{counts[Severity.INFO]}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _script_section(position: int, path: str, findings: list[Finding]) -> str:
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    lines: list[str] = []
    # Text files are shown line by line with their findings; extracted documents list their findings.
    if located_by_line(path):
        try:
            lines = Path(path).read_bytes().decode("utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
    out = [f'<section class="file" id="file-{position}"><h2>{escape(path)}</h2><div class="script">']
    last = max([len(lines), *by_line]) if (lines or by_line) else 0
    for number in range(1, last + 1):
        text = lines[number - 1] if number <= len(lines) else ""
        out.append(f'<div class="line"><span class="number">{number}</span><span>{escape(text)}</span></div>')
        for finding in by_line.get(number, []):
            out.append(_finding(finding))
    if not findings:
        out.append('<p class="finding info">No findings.</p>')
    out.append("</div></section>")
    return "\n".join(out)


def _finding(finding: Finding) -> str:
    condition = f' <span class="condition">({escape(finding.path_condition)})</span>' if finding.path_condition else ""
    place = finding.location or f"line {finding.line}, column {finding.column}"
    citation = ""
    if finding.ref:
        reference = escape(finding.ref)
        citation = f' [<a href="{escape(finding.url)}">{reference}</a>]' if finding.url else f" [{reference}]"
    return (
        f'<div class="finding {finding.severity.label}" data-code="{finding.code}" data-line="{finding.line}">'
        f'<span class="code">{finding.code}</span> {finding.severity.label}, {escape(place)}:'
        f" {escape(finding.message)}{condition}{citation}</div>"
    )


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the html format."""
    return [Formatter("html", "a self-contained HTML page for reviewing a batch (use with --output)", render)]
