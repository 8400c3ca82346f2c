"""Findings and rules: what a rule is and what it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from scriptlint.model.members import split_member
from scriptlint.model.records import record
from scriptlint.model.severity import Severity

if TYPE_CHECKING:
    from scriptlint.model.script import RunContext, Script


@record(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file, with the fields every output format shows."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None
    ref: str | None = None
    url: str | None = None
    path_condition: str | None = None
    jurisdiction: str | None = None
    # Where the line is in the original document, in a reviewer's words ("page 2, line 5",
    # "paragraph 14", "cue 3 at 00:00:12.500"), for files whose text was extracted; else None.
    location: str | None = None

    def described(self, *, location: bool = True) -> str:
        """The message with the path it holds on and, for extracted text, where in the original (`location`
        False for formats that show the place themselves)."""
        text = self.message
        if self.path_condition:
            text += f" ({self.path_condition})"
        if location and self.location:
            text += f" (at {self.location})"
        return text

    def described_in_repository(self) -> str:
        """The message for formats that point at the file in the repository (an archive, not its member): an
        archive member and its place in it are named first, once."""
        _, member = split_member(self.path)
        if member is None:
            return self.described()
        return f"{member}, {self.location or f'line {self.line}'}: {self.described(location=False)}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by path, line, column, code (then message, for a stable total order)."""
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding (README, `--format json`), field for field."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "ref": self.ref,
            "url": self.url,
            "path_condition": self.path_condition,
            "jurisdiction": self.jurisdiction,
            "location": self.location,
        }


def finding_problem(item: object) -> str | None:
    """What is wrong with something given as a finding (by a rule, or read back from the cache), or None:
    formatters rely on the types (a line that is not a number would break every report)."""
    if not isinstance(item, Finding):
        return f"{type(item).__name__} {item!r:.80} instead of a Finding"
    for name in ("line", "column", "end_line", "end_column"):
        value = getattr(item, name)
        if value is None and name.startswith("end_"):
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"a finding whose {name} is {value!r:.40}"
    for name in ("path", "code", "name", "message"):
        if not isinstance(getattr(item, name), str):
            return f"a finding whose {name} is {getattr(item, name)!r:.40}"
    for name in ("ref", "url", "path_condition", "jurisdiction", "location"):
        if not isinstance(getattr(item, name), (str, type(None))):
            return f"a finding whose {name} is {getattr(item, name)!r:.40}"
    if not isinstance(item.severity, Severity):
        return f"a finding whose severity is {item.severity!r:.40}"
    return None


# What each source-confidence tag means, in the words `explain`, `packs` and the law reference show.
CONFIDENCE = {
    "V": "verified: read word for word in an official copy or a code mirror",
    "Q": "quoted: the law's words as quoted in a secondary source (the official text was not read)",
    "S": "summary: only a summary or paraphrase was found; reported as a warning",
    "M": "missing: no source text was found; reported as a warning",
}


@record(frozen=True)
class RulePart:
    """One law (or policy) a rule checks: what it covers, its source, when it applies (in words) and its dates."""

    label: str
    citation: str
    scope: str
    url: str | None = None
    # V, Q, S or M (see CONFIDENCE); None for campaign policy, which no statute backs.
    confidence: str | None = None
    # When it took effect (a date, or words such as "2002 (BCRA)"), its last amendment, the day its text was
    # last checked against a source; None when not known.
    in_force: str | None = None
    amended: str | None = None
    checked: str | None = None


# A check gets the rule itself (so one function can serve several rules), the script and the run context.
CheckFunction = Callable[["Rule", "Script", "RunContext"], Iterable[Finding]]


@record(frozen=True)
class Rule:
    """A rule is data (code, texts, citation) plus a check function; core rules have no function."""

    code: str
    name: str
    summary: str
    severity: Severity
    check: CheckFunction | None = None
    explanation: str = ""
    ref: str | None = None
    url: str | None = None
    # The manifest's top-level keys the check reads: where one of them is invalid in a file, the rule is
    # not run on it (its findings would be about the typo, not the script), and the SL03 finding says so.
    reads: tuple[str, ...] = ()
    # The laws (or policies) the rule checks, each with its scope in words and its source (for `explain`).
    parts: tuple[RulePart, ...] = ()
    # The registering plugin's name, filled in by the manager (not part of a rule's identity).
    plugin: str = field(default="", compare=False)

    def at(
        self,
        path: str,
        message: str,
        *,
        line: int,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> Finding:
        """A finding of this rule at a place in a file, with the rule's own severity and citation."""
        return Finding(
            path, line, column, self.code, self.name, self.severity, message, end_line, end_column, self.ref, self.url
        )

    def finding(
        self,
        script: Script,
        message: str,
        *,
        line: int,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
        severity: Severity | None = None,
        ref: str | None = None,
        url: str | None = None,
        path_condition: str | None = None,
        jurisdiction: str | None = None,
    ) -> Finding:
        """Build a finding of this rule in `script`, defaulting severity and citation to the rule's."""
        return Finding(
            path=script.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=self.code,
            name=self.name,
            severity=severity if severity is not None else self.severity,
            message=message,
            ref=ref if ref is not None else self.ref,
            url=url if url is not None else self.url,
            path_condition=path_condition,
            jurisdiction=jurisdiction,
        )
