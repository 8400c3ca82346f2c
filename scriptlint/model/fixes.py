"""Fixes rules offer for their findings: edits of the linted file, as values (`scriptlint check --fix`)."""

from __future__ import annotations

from scriptlint.model.records import record


@record(frozen=True)
class Edit:
    """Replace the text from (line, column) up to (end_line, end_column), exclusive, with `text`; positions
    are 1-based lines and code-point columns of the linted file, as findings give them (equal ends insert)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@record(frozen=True)
class Fix:
    """What a rule would change to resolve one finding: a description for the report, and the edits."""

    description: str
    edits: tuple[Edit, ...]
