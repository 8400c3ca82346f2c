"""Values the core and the plugins exchange: severities, findings, rules, documents, scripts and answers.

This package is the bottom layer: it imports nothing else of scriptlint. Plugins import from here.
"""

from __future__ import annotations

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
    split_member,
)
from scriptlint.model.findings import CONFIDENCE, CheckFunction, Finding, Rule, RulePart, finding_problem
from scriptlint.model.report import Formatter, Report, Skipped, json_text, printable
from scriptlint.model.script import PackLookup, PathQueries, RunContext, Script, SpokenPath, nearest_line
from scriptlint.model.settings import DEFAULT_WORDS_PER_MINUTE
from scriptlint.model.severity import Severity

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
