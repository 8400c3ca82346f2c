"""The JSON format: one object with the version, the file count and the findings."""

from __future__ import annotations

from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, Report


def render(report: Report) -> str:
    """`{"scriptlint": VERSION, "files": N, "findings": [...]}`, findings already sorted."""
    import json

    document = {
        "scriptlint": report.version,
        "files": report.files,
        "findings": [finding.as_dict() for finding in report.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the json format."""
    return [Formatter("json", "one JSON object with every finding", render)]
