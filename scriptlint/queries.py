"""Questions rules ask about a script's paths, so that rule plugins stay short.

"Is this said on every path?", "which paths lack it, under which conditions?", "how early is it said
at the latest?" are answered here over the script's variants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from scriptlint.model import Finding, Rule, Script, Severity
from scriptlint.variants import Variant


def phrase_pattern(phrases: Iterable[str]) -> regex.Pattern[str]:
    """A case-insensitive pattern for any of the phrases, whole words, any whitespace between words."""
    alternatives = []
    for phrase in phrases:
        words = phrase.split()
        if words:
            alternatives.append(r"\s+".join(regex.escape(word) for word in words))
    if not alternatives:
        raise ValueError("phrase_pattern needs at least one phrase")
    return regex.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", regex.IGNORECASE | regex.VERSION1)


@dataclass(frozen=True)
class Occurrence:
    """Where a pattern is first said on one path: offsets, words before it and estimated seconds."""

    variant: Variant
    start: int
    end: int

    @property
    def words_before(self) -> int:
        """Spoken words before the occurrence."""
        return self.variant.word_index(self.start)

    @property
    def seconds(self) -> float:
        """Estimated seconds from the start of the call."""
        return self.variant.seconds_at(self.start)


@dataclass(frozen=True)
class PathSearch:
    """The answer to "is it said on every path?": the first occurrence per path, or the paths without it."""

    found: tuple[Occurrence, ...]
    missing: tuple[Variant, ...]
    total: int

    @property
    def on_every_path(self) -> bool:
        """Whether every path says it (vacuously false for a script with no paths)."""
        return self.total > 0 and not self.missing

    @property
    def latest(self) -> Occurrence | None:
        """The path on which it comes latest (by spoken words), among the paths that say it."""
        return max(self.found, key=lambda o: o.words_before, default=None)


def search_paths(script: Script, pattern: regex.Pattern[str]) -> PathSearch:
    """First occurrence of `pattern` on each path of the script."""
    found: list[Occurrence] = []
    missing: list[Variant] = []
    for variant in script.variants:
        match = variant.search(pattern)
        if match is None:
            missing.append(variant)
        else:
            found.append(Occurrence(variant, match.start(), match.end()))
    return PathSearch(tuple(found), tuple(missing), len(script.variants))


def missing_findings(
    rule: Rule,
    script: Script,
    search: PathSearch,
    message: str,
    *,
    severity: Severity | None = None,
    jurisdiction: str | None = None,
) -> list[Finding]:
    """Findings for the paths that lack something: one for the whole script, or one per path condition.

    Each finding is anchored in the linted file where its path ends (at the include statement when
    the path ends inside an included template).
    """
    if not search.missing:
        return []
    if not search.found:
        # No path says it: one finding, where the latest-ending path ends.
        line, column = max((_path_end(script, variant) for variant in script.variants), default=(script.last_line, 1))
        return [rule.finding(script, message, line=line, column=column, severity=severity, jurisdiction=jurisdiction)]
    findings: list[Finding] = []
    seen: set[str | None] = set()
    for variant in search.missing:
        if variant.condition in seen:
            continue
        seen.add(variant.condition)
        line, column = _path_end(script, variant)
        findings.append(
            rule.finding(
                script,
                message,
                line=line,
                column=column,
                severity=severity,
                path_condition=variant.condition,
                jurisdiction=jurisdiction,
            )
        )
    return findings


def _path_end(script: Script, variant: Variant) -> tuple[int, int]:
    """Where a path ends in the linted file: its last spoken word, or the file's last line if it says nothing."""
    if not variant.words:
        return script.last_line, 1
    return variant.end_location().in_linted_file()
