"""The JSON format: one object with the version, the file count, the findings and what was skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, json_text

if TYPE_CHECKING:
    from scriptlint.model import Report


def render(report: Report) -> str:
    """`{"scriptlint": VERSION, "files": N, "findings": [...], "skipped": [...]}`, findings already sorted;
    `skipped` lists what the run passed over (`{"path", "reason", "folder"}`)."""
    import json

    document = {
        "scriptlint": report.version,
        "files": report.files,
        "findings": [finding.as_dict() for finding in report.findings],
        "skipped": [{"path": item.path, "reason": item.reason, "folder": item.folder} for item in report.skipped],
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the json format."""
    return [Formatter("json", "one JSON object with every finding", render)]
