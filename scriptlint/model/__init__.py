"""Values the core and the plugins exchange: severities, findings, rules, documents, scripts and answers.

This package is the bottom layer: it imports nothing else of scriptlint. Plugins import from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scriptlint.model.lazy import attribute, names

if TYPE_CHECKING:
    from scriptlint.model.answers import Hop, Location, MissingPath, Occurrence, PathSearch
    from scriptlint.model.documents import (
        BINARY_DOCUMENT_SUFFIXES,
        ArchiveMember,
        Cue,
        Document,
        DocumentKind,
        LineOrigin,
        UnreadableDocument,
        UnsafeDocument,
        check_extraction,
        located_by_line,
    )
    from scriptlint.model.findings import (
        CONFIDENCE,
        CheckFunction,
        Finding,
        Rule,
        RulePart,
        finding_problem,
    )
    from scriptlint.model.members import split_member
    from scriptlint.model.report import Formatter, Report, Skipped, json_text, printable
    from scriptlint.model.script import PackLookup, PathQueries, RunContext, Script, SpokenPath, nearest_line
    from scriptlint.model.settings import DEFAULT_WORDS_PER_MINUTE
    from scriptlint.model.severity import Severity

# Where each name lives: imported on first use (PEP 562), so that a run answered from the cache does not
# create the analysis values' dataclasses it never uses.
_HOME = {
    "Hop": "scriptlint.model.answers",
    "Location": "scriptlint.model.answers",
    "MissingPath": "scriptlint.model.answers",
    "Occurrence": "scriptlint.model.answers",
    "PathSearch": "scriptlint.model.answers",
    "BINARY_DOCUMENT_SUFFIXES": "scriptlint.model.documents",
    "ArchiveMember": "scriptlint.model.documents",
    "Cue": "scriptlint.model.documents",
    "Document": "scriptlint.model.documents",
    "DocumentKind": "scriptlint.model.documents",
    "LineOrigin": "scriptlint.model.documents",
    "UnreadableDocument": "scriptlint.model.documents",
    "UnsafeDocument": "scriptlint.model.documents",
    "check_extraction": "scriptlint.model.documents",
    "located_by_line": "scriptlint.model.documents",
    "split_member": "scriptlint.model.members",
    "CONFIDENCE": "scriptlint.model.findings",
    "CheckFunction": "scriptlint.model.findings",
    "Finding": "scriptlint.model.findings",
    "Rule": "scriptlint.model.findings",
    "RulePart": "scriptlint.model.findings",
    "finding_problem": "scriptlint.model.findings",
    "Formatter": "scriptlint.model.report",
    "Report": "scriptlint.model.report",
    "Skipped": "scriptlint.model.report",
    "json_text": "scriptlint.model.report",
    "printable": "scriptlint.model.report",
    "PackLookup": "scriptlint.model.script",
    "PathQueries": "scriptlint.model.script",
    "RunContext": "scriptlint.model.script",
    "Script": "scriptlint.model.script",
    "SpokenPath": "scriptlint.model.script",
    "nearest_line": "scriptlint.model.script",
    "DEFAULT_WORDS_PER_MINUTE": "scriptlint.model.settings",
    "Severity": "scriptlint.model.severity",
}


def __getattr__(name: str) -> Any:
    """A public name (or a module of this package), imported on first use and kept here."""
    return attribute(globals(), _HOME, name)


def __dir__() -> list[str]:
    """The public names too, before they are loaded."""
    return names(globals())


__all__ = [
    "BINARY_DOCUMENT_SUFFIXES",
    "CONFIDENCE",
    "DEFAULT_WORDS_PER_MINUTE",
    "ArchiveMember",
    "CheckFunction",
    "Cue",
    "Document",
    "DocumentKind",
    "Finding",
    "Formatter",
    "Hop",
    "LineOrigin",
    "Location",
    "MissingPath",
    "Occurrence",
    "PackLookup",
    "PathQueries",
    "PathSearch",
    "Report",
    "Rule",
    "RulePart",
    "RunContext",
    "Script",
    "Severity",
    "Skipped",
    "SpokenPath",
    "UnreadableDocument",
    "UnsafeDocument",
    "check_extraction",
    "finding_problem",
    "json_text",
    "located_by_line",
    "nearest_line",
    "printable",
    "split_member",
]
