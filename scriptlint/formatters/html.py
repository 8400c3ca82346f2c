"""A self-contained HTML report for reviewing a vendor batch: a summary table, then each script with its findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from scriptlint.formatters.text import skipped_summary, summary
from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, Severity, located_by_line, printable

if TYPE_CHECKING:
    from scriptlint.model import Finding, Report
    from scriptlint.model.path_views import ScriptView, Segment

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
details.paths { margin: .8rem 0; } details.paths > summary { cursor: pointer; font-weight: bold; }
.path { border: 1px solid #ddd; margin: .5rem 0; padding: .4rem .8rem; }
.path h3 { font-size: .95rem; margin: .2rem 0; } .spoken { white-space: pre-wrap; line-height: 1.5; }
.unspoken { color: #888; font-style: italic; } .placeholder { background: #eef; border-radius: 3px; padding: 0 .2rem; }
mark { background: #dff5d8; } .said { font-size: .85rem; margin: .2rem 0; } .lacks { color: #a00; }
@media print { body { margin: 0; } .finding { break-inside: avoid; } a { color: inherit; } }
"""


def escape(text: str) -> str:
    """HTML-escape text, control characters shown as escapes (the html module is imported only by runs
    that write HTML)."""
    import html

    return html.escape(printable(text))


def render(report: Report) -> str:
    """The whole report as one HTML page (no scripts, no external resources)."""
    views = {view.path: view for view in report.views}
    by_path: dict[str, list[Finding]] = {path: [] for path in report.paths}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>scriptlint report</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<h1>scriptlint report</h1><p id="summary">{escape(summary(report))} scriptlint {escape(report.version)}.</p>',
        _skipped(report),
        _summary_table(by_path),
    ]
    for position, (path, findings) in enumerate(sorted(by_path.items())):
        parts.append(_script_section(position, path, findings, views.get(path), report.source))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _skipped(report: Report) -> str:
    """What the run passed over, and why (nothing is dropped silently)."""
    if not report.skipped:
        return ""
    items = "".join(f"<li>{escape(item.path)}: {escape(item.reason)}</li>" for item in report.skipped)
    return f"<details><summary>{escape(skipped_summary(report))}</summary><ul>{items}</ul></details>"


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


def _script_section(
    position: int, path: str, findings: list[Finding], view: ScriptView | None, source: Callable[[str], str | None]
) -> str:
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    # The document's text as its findings number it: a Word file's paragraphs, a PDF's lines, a member's.
    lines = list(view.lines) if view is not None and view.lines else _source_lines(path, source)
    out = [f'<section class="file" id="file-{position}"><h2>{escape(path)}</h2><div class="script">']
    numbers = [number for number, _ in lines]
    shown: set[int] = set()
    for index, (number, text) in enumerate(lines):
        label = str(number) if number not in shown else ""
        shown.add(number)
        out.append(f'<div class="line"><span class="number">{label}</span><span>{escape(text)}</span></div>')
        if index + 1 == len(lines) or lines[index + 1][0] != number:
            out.extend(_finding(finding) for finding in by_line.get(number, []))
    for number in sorted(set(by_line) - set(numbers)):
        out.extend(_finding(finding) for finding in by_line[number])
    if not findings:
        out.append('<p class="finding info">No findings.</p>')
    out.append("</div>")
    if view is not None and view.paths:
        out.append(_path_view(view, findings))
    out.append("</section>")
    return "\n".join(out)


def _source_lines(path: str, source: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """A text file's own lines, when no view of it was computed: read through the report (only files the run
    checked, within the limits), never by the name a finding gives."""
    text = source(path) if located_by_line(path) else None
    return list(enumerate(text.splitlines(), start=1)) if text is not None else []


def _path_view(view: ScriptView, findings: list[Finding]) -> str:
    """Each path as spoken, its disclosures highlighted and its findings beside it, in one collapsible part."""
    count = len(view.paths) + view.more
    out = [f'<details class="paths"><summary>{count} path{"s" if count != 1 else ""} as spoken</summary>']
    for path in view.paths:
        heading = path.condition or "every call"
        out.append(f'<div class="path"><h3>{escape(heading)} ({path.words} words, about {path.seconds:.0f} s)</h3>')
        out.append('<p class="spoken">' + "".join(_segment(segment) for segment in path.segments).strip() + "</p>")
        for said in path.disclosures:
            out.append(
                f'<p class="said">&#10003; {escape(said.name)}: word {said.word}, &ldquo;{escape(said.text)}&rdquo;</p>'
            )
        mine = [f for f in findings if f.path_condition is None or f.path_condition == path.condition]
        out.extend(_finding(finding, beside_path=True) for finding in mine if not finding.code.startswith("SL"))
        out.append("</div>")
    if view.more:
        out.append(f"<p>{view.more} more path{'s' if view.more != 1 else ''} not shown.</p>")
    out.append("</details>")
    return "\n".join(out)


def _segment(segment: Segment) -> str:
    text = escape(segment.text)
    if segment.kind == "placeholder":
        text = f'<span class="placeholder">{text}</span>'
    elif segment.kind == "unspoken":
        text = f'<span class="unspoken">{text}</span>'
    if segment.disclosure is not None:
        text = f'<mark title="{escape(segment.disclosure)}">{text}</mark>'
    return text


def _finding(finding: Finding, *, beside_path: bool = False) -> str:
    condition = f' <span class="condition">({escape(finding.path_condition)})</span>' if finding.path_condition else ""
    place = finding.location or f"line {finding.line}, column {finding.column}"
    # Findings listed under their line are the report's findings; beside a path they are a reminder.
    kind = "data-path-code" if beside_path else "data-code"
    where = f'{kind}="{finding.code}" data-line="{finding.line}"'
    citation = ""
    if finding.ref:
        reference = escape(finding.ref)
        citation = f' [<a href="{escape(finding.url)}">{reference}</a>]' if finding.url else f" [{reference}]"
    return (
        f'<div class="finding {finding.severity.label}" {where}>'
        f'<span class="code">{finding.code}</span> {finding.severity.label}, {escape(place)}:'
        f" {escape(finding.message)}{condition}{citation}</div>"
    )


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the html format."""
    return [
        Formatter(
            "html", "a self-contained HTML page for reviewing a batch (use with --output)", render, shows_paths=True
        )
    ]
