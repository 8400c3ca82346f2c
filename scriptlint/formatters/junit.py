"""JUnit XML: one test case per file checked, one failure per finding (for CI dashboards)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, printable

if TYPE_CHECKING:
    from scriptlint.model import Finding, Report


def render(report: Report) -> str:
    """`<testsuites>` with one `<testsuite name="scriptlint">`."""
    from xml.etree import ElementTree as ET

    by_path: dict[str, list[Finding]] = {path: [] for path in report.paths}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failures = sum(1 for findings in by_path.values() if findings)
    suites = ET.Element("testsuites", name="scriptlint", tests=str(len(by_path)), failures=str(failures))
    suite = ET.SubElement(
        suites, "testsuite", name="scriptlint", tests=str(len(by_path)), failures=str(failures), errors="0"
    )
    for path, findings in sorted(by_path.items()):
        # XML 1.0 cannot hold control characters: names and messages are shown with them escaped.
        shown = printable(path)
        case = ET.SubElement(suite, "testcase", classname="scriptlint", name=shown, file=shown)
        for finding in findings:
            message = printable(f"{finding.code} {finding.message}")
            failure = ET.SubElement(case, "failure", type=printable(finding.code), message=message)
            details = [f"{shown}:{finding.line}:{finding.column}: {message}"]
            if finding.location:
                details.append(f"location: {printable(finding.location)}")
            if finding.path_condition:
                details.append(f"path: {printable(finding.path_condition)}")
            if finding.ref:
                details.append(f"citation: {printable(finding.ref)}")
            failure.text = "\n".join(details)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the junit format."""
    return [Formatter("junit", "JUnit XML, a test case per file and a failure per finding", render)]
