"""Inline suppression directives: `{# scriptlint: disable=CODE[,CODE] -- reason #}` (file-wide)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model import Finding, Rule

# What a comment `{# ... #}` holds when it is a directive (the comments themselves are found by a scan: a
# pattern would look for the end again from every `{#`, which is quadratic on hostile text).
_DIRECTIVE = regex.compile(r"-?\s*scriptlint\s*:(?P<body>.*?)-?", regex.DOTALL)
_DISABLE = regex.compile(r"\s*disable\s*=\s*(?P<codes>[A-Za-z0-9 ,]*?)\s*(?:--\s*(?P<reason>.*?))?\s*", regex.DOTALL)
_CODE = regex.compile(r"[A-Z]{2}[0-9]{2,4}")


@record(frozen=True, slots=True)
class Directive:
    """One directive: the codes it disables, its reason, and where it stands."""

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    end_column: int


def find_directives(
    source: str, comments: frozenset[tuple[int, int]] | None = None
) -> tuple[list[Directive], list[tuple[int, int, str]]]:
    """Directives in the source, plus (line, column, message) for the malformed ones.

    `comments` holds the (line, column) of the template's real Jinja comments: text that merely
    looks like a comment (inside a raw block or a string) is not a directive. None accepts all.
    """
    directives: list[Directive] = []
    malformed: list[tuple[int, int, str]] = []
    line_starts = [0, *(found.end() for found in regex.finditer("\n", source))]
    for start, end, match in _comments(source):
        line = bisect.bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        if comments is not None and (line, column) not in comments:
            continue
        body = _DISABLE.fullmatch(match.group("body"))
        codes = tuple(code.strip().upper() for code in (body.group("codes") if body else "").split(",") if code.strip())
        bad = [code for code in codes if not _CODE.fullmatch(code)]
        if body is None or not codes or bad:
            malformed.append(
                (line, column, "malformed scriptlint directive: write {# scriptlint: disable=CODE[,CODE] -- reason #}")
            )
            continue
        reason = (body.group("reason") or "").strip()
        end_column = column + len(source[start:end].split("\n", maxsplit=1)[0])
        directives.append(Directive(codes, reason, line, column, end_column))
    return directives, malformed


def _comments(source: str) -> Iterator[tuple[int, int, regex.Match[str]]]:
    """(start, end, match of its inside) of every `{# scriptlint: ... #}`, as a pattern's search would find
    them (the first `#}` after `{#` closes it), in one pass."""
    position, close = 0, -1
    while (start := source.find("{#", position)) >= 0:
        if close < start + 2:
            close = source.find("#}", start + 2)
            if close < 0:
                return  # nothing closes any more
        inside = _DIRECTIVE.fullmatch(source, start + 2, close)
        if inside is None:
            position = start + 1
            continue
        yield start, close + 2, inside
        position = close + 2


def apply(
    findings: Iterable[Finding],
    source: str,
    path: str,
    sl05: Rule,
    known_codes: Iterable[str],
    active_codes: Iterable[str],
    unsuppressible: Iterable[str],
    comments: frozenset[tuple[int, int]] | None = None,
) -> list[Finding]:
    """Drop suppressed findings; add SL05 for directives that are malformed, unreasoned or unused.

    A directive is "unused" only for codes that actually ran on the file, so that `--select`
    does not turn every directive for another rule into noise.
    """
    directives, malformed = find_directives(source, comments)
    known = set(known_codes)
    active = set(active_codes)
    locked = set(unsuppressible)
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    for finding in findings:
        directive = next((d for d in directives if finding.code in d.codes and finding.code not in locked), None)
        if directive is None:
            kept.append(finding)
        else:
            used.add((directive.line, finding.code))
    problems: list[Finding] = []

    def sl05_at(line: int, column: int, message: str, end_column: int | None = None) -> None:
        problems.append(sl05.at(path, message, line=line, column=column, end_line=line, end_column=end_column))

    for line, column, message in malformed:
        sl05_at(line, column, message)
    for directive in directives:
        if not directive.reason:
            sl05_at(
                directive.line,
                directive.column,
                f"suppression of {', '.join(directive.codes)} gives no reason: add '-- why this is acceptable'",
                directive.end_column,
            )
        for code in directive.codes:
            if code in locked:
                sl05_at(directive.line, directive.column, f"{code} cannot be suppressed", directive.end_column)
            elif code not in known:
                sl05_at(directive.line, directive.column, f"{code} is not a known rule code", directive.end_column)
            elif code in active and (directive.line, code) not in used:
                sl05_at(
                    directive.line,
                    directive.column,
                    f"suppression of {code} suppressed nothing: remove it",
                    directive.end_column,
                )
    return kept + problems
