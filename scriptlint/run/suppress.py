"""Inline suppression directives: `{# scriptlint: disable=CODE[,CODE] -- reason #}` (file-wide). A pack rule's id
(`disable=NC-131F-17(a)(1)`) silences that rule's SW01-SW03 findings alone, not the other packs' rules."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model import Finding, Rule

# What a comment `{# ... #}` holds when it is a directive (the comments themselves are found by a scan: a
# pattern would look for the end again from every `{#`, which is quadratic on hostile text).
_DIRECTIVE = regex.compile(r"-?\s*scriptlint\s*:(?P<body>.*?)-?", regex.DOTALL)
_DISABLE = regex.compile(
    r"\s*disable\s*=\s*(?P<codes>(?:[A-Za-z0-9 ,.:()\[\]]|-(?!-))*?)\s*(?:--\s*(?P<reason>.*?))?\s*", regex.DOTALL
)
_CODE = regex.compile(r"[A-Z]{2}[0-9]{2,4}")
# A pack rule's id: its jurisdiction, a dash, then the law's section ("NC-131F-17(a)(1)", "LA-RS-51:1904.1").
_PACK_RULE = regex.compile(r"[A-Za-z]{2}-[A-Za-z0-9.:()\[\]-]+")
# The findings a pack rule gives, each message led by the rule's id (scriptlint.packs.engine).
PACK_CODES = ("SW01", "SW02", "SW03")


@record(frozen=True, slots=True)
class Directive:
    """One directive: the codes it disables, its reason, and where it stands."""

    codes: tuple[str, ...]  # as written (codes in capitals)
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
        items = [item.strip() for item in (body.group("codes") if body else "").split(",") if item.strip()]
        codes = tuple(item.upper() if _CODE.fullmatch(item.upper()) else item for item in items)
        bad = [code for code in codes if not _CODE.fullmatch(code) and not _PACK_RULE.fullmatch(code)]
        if body is None or not codes or bad:
            malformed.append(
                (
                    line,
                    column,
                    "malformed scriptlint directive: write {# scriptlint: disable=CODE[,CODE] -- reason #}"
                    " (a CODE is a rule's code, such as CO01, or a pack rule's id, such as NC-131F-17(a)(1))",
                )
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
    pack_rules: Callable[[], Iterable[str]] = tuple,
) -> list[Finding]:
    """Drop suppressed findings; add SL05 for directives that are malformed, unreasoned or unused.

    A directive is "unused" only for codes that actually ran on the file, so that `--select`
    does not turn every directive for another rule into noise. `pack_rules` gives the ids of the packs'
    rules, asked only when a directive names one.
    """
    directives, malformed = find_directives(source, comments)
    codes_known = set(known_codes)
    active = set(active_codes)
    locked = set(unsuppressible)
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    # Directives' pack rule ids, normalised once (most files name none: then no finding's id is read).
    by_rule = {
        _normalised(item): (d, item) for d in reversed(directives) for item in d.codes if not _CODE.fullmatch(item)
    }
    for finding in findings:
        directive, item = _suppressing(finding, directives, locked, by_rule)
        if directive is None:
            kept.append(finding)
        else:
            used.add((directive.line, item))
    problems: list[Finding] = []

    def sl05_at(line: int, column: int, message: str, end_column: int | None = None) -> None:
        problems.append(sl05.at(path, message, line=line, column=column, end_line=line, end_column=end_column))

    for line, column, message in malformed:
        sl05_at(line, column, message)

    @functools.cache
    def known_rules() -> set[str]:
        return {_normalised(rule) for rule in pack_rules()}

    for directive in directives:
        if not directive.reason:
            sl05_at(
                directive.line,
                directive.column,
                f"suppression of {', '.join(directive.codes)} gives no reason: add '-- why this is acceptable'",
                directive.end_column,
            )
        for code in directive.codes:
            is_code = _CODE.fullmatch(code) is not None
            codes = (code,) if is_code else PACK_CODES
            if all(one in locked for one in codes):
                sl05_at(directive.line, directive.column, f"{code} cannot be suppressed", directive.end_column)
            elif is_code and code not in codes_known:
                sl05_at(directive.line, directive.column, f"{code} is not a known rule code", directive.end_column)
            elif not is_code and _normalised(code) not in known_rules():
                sl05_at(
                    directive.line,
                    directive.column,
                    f"{code} is not a known pack rule id ('scriptlint packs' lists them)",
                    directive.end_column,
                )
            elif any(one in active for one in codes) and (directive.line, code) not in used:
                sl05_at(
                    directive.line,
                    directive.column,
                    f"suppression of {code} suppressed nothing: remove it",
                    directive.end_column,
                )
    return kept + problems


def _suppressing(
    finding: Finding, directives: list[Directive], locked: set[str], by_rule: dict[str, tuple[Directive, str]]
) -> tuple[Directive | None, str]:
    """The directive that silences a finding, and the code or pack rule id it names; (None, "") if none does."""
    if finding.code in locked:
        return None, ""
    for directive in directives:
        if finding.code in directive.codes:
            return directive, finding.code
    rule = pack_rule_of(finding) if by_rule else None
    return by_rule.get(_normalised(rule), (None, "")) if rule is not None else (None, "")


def pack_rule_of(finding: Finding) -> str | None:
    """The id of the pack rule an SW01-SW03 finding reports (its message starts with it), else None."""
    if finding.code not in PACK_CODES:
        return None
    head, separator, _ = finding.message.partition(": ")
    return head if separator and _PACK_RULE.fullmatch(head) else None


def _normalised(rule_id: str) -> str:
    """A pack rule id compared as `scriptlint explain` compares it (imported on use: only a directive naming a
    pack rule needs it)."""
    from scriptlint.packs.describe import normalise_id

    return normalise_id(rule_id)
