"""SARIF 2.1.0 for code scanning: every rule, every result, and GitHub-compatible line fingerprints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scriptlint.markers import hookimpl
from scriptlint.model import Formatter, Severity, json_text, located_by_line, split_member

if TYPE_CHECKING:
    from scriptlint.model import Finding, Report, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BLOCK = 100
_MOD = 37
_MASK = (1 << 64) - 1
_EOF = 65535


def render(report: Report) -> str:
    """One SARIF log with one run; paths are relative to %SRCROOT% (the working directory)."""
    import json

    rules = list(report.rules)
    index = {rule.code: position for position, rule in enumerate(rules)}
    hashes: dict[str, dict[int, str]] = {}
    results = [_result(finding, index, hashes, report.source) for finding in report.findings]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scriptlint",
                        "version": report.version,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation or rule.summary},
        "help": {
            "text": rule.explanation or rule.summary,
            "markdown": f"**{rule.code} {rule.name}**\n\n{rule.explanation or rule.summary}"
            + (f"\n\nCitation: {rule.ref}" if rule.ref else ""),
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"plugin": rule.plugin},
    }
    if rule.url:
        described["helpUri"] = rule.url
    return described


def _result(
    finding: Finding, index: dict[str, int], hashes: dict[str, dict[int, str]], source: Callable[[str], str | None]
) -> dict[str, Any]:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line or finding.line,
        "endColumn": max(finding.end_column or finding.column, finding.column),
    }
    archive, member = split_member(finding.path)
    # The archive is the file in the repository; a member and its line are named in the message.
    text = finding.described_in_repository()
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(archive), "uriBaseId": "%SRCROOT%"}}
    if located_by_line(finding.path):
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if member or finding.location:
        name = " ".join(part for part in (member, finding.location) if part)
        location["logicalLocations"] = [{"fullyQualifiedName": f"{finding.path}:{finding.line}", "name": name}]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [location],
        "properties": {
            key: value
            for key, value in (
                ("ref", finding.ref),
                ("pathCondition", finding.path_condition),
                ("jurisdiction", finding.jurisdiction),
                ("location", finding.location),
            )
            if value
        },
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    # Line hashes only mean something for text files whose lines the finding's line counts.
    fingerprint = None if member or finding.location else _line_hash(finding.path, finding.line, hashes, source)
    if fingerprint is not None:
        result["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
    return result


def _uri(path: str) -> str:
    from urllib.parse import quote

    # A name that is not UTF-8 (bytes kept as surrogates) is written with its own bytes escaped.
    return quote(Path(path).as_posix(), errors="surrogateescape")


def _line_hash(
    path: str, line: int, cache: dict[str, dict[int, str]], source: Callable[[str], str | None]
) -> str | None:
    """The fingerprint GitHub's upload action computes for a line, so alerts stay stable across commits (for
    files the run checked, read through the report: never by the name a finding gives)."""
    if path not in cache:
        text = source(path)
        cache[path] = line_hashes(text) if text is not None else {}
    return cache[path].get(line)


def line_hashes(text: str) -> dict[int, str]:
    """`primaryLocationLineHash` of every line: a rolling hash (base 37, 64 bits) over the first 100
    characters from the line's start, spaces and tabs skipped, line endings folded to LF, UTF-16 code
    units, with an end-of-file marker; repeated hashes numbered `hash:1`, `hash:2` (as github/codeql-action
    does in src/fingerprints.ts)."""
    window = [0] * _BLOCK
    line_numbers = [-1] * _BLOCK
    first_mod = pow(_MOD, _BLOCK, 1 << 64)
    state = {"hash": 0, "index": 0, "line": 0, "line_start": True, "prev_cr": False}
    counts: dict[str, int] = {}
    found: dict[int, str] = {}

    def output() -> None:
        value = format(state["hash"] & _MASK, "x")
        counts[value] = counts.get(value, 0) + 1
        found[line_numbers[state["index"]]] = f"{value}:{counts[value]}"
        line_numbers[state["index"]] = -1

    def update(current: int) -> None:
        begin = window[state["index"]]
        window[state["index"]] = current
        state["hash"] = (_MOD * state["hash"] + current - first_mod * begin) & _MASK
        state["index"] = (state["index"] + 1) % _BLOCK

    def process(current: int) -> None:
        if current in (0x20, 0x09) or (state["prev_cr"] and current == 0x0A):
            state["prev_cr"] = False
            return
        if current == 0x0D:
            current, state["prev_cr"] = 0x0A, True
        else:
            state["prev_cr"] = False
        if line_numbers[state["index"]] != -1:
            output()
        if state["line_start"]:
            state["line_start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if current == 0x0A:
            state["line_start"] = True
        update(current)

    encoded = text.encode("utf-16-le", errors="surrogatepass")
    for position in range(0, len(encoded), 2):
        process(int.from_bytes(encoded[position : position + 2], "little"))
    process(_EOF)
    for _ in range(_BLOCK):
        if line_numbers[state["index"]] != -1:
            output()
        update(0)
    return found


@hookimpl
def scriptlint_formatters() -> list[Formatter]:
    """Register the sarif format."""
    return [Formatter("sarif", "SARIF 2.1.0 for code scanning (GitHub, Azure DevOps)", render)]
