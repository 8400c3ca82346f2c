"""DP01: the first place a script asks for money, or urges a vote for a candidate, when its declared purpose
says it does not; asked of the core's path queries (any path counts: the rules left out would have checked
every path)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scriptlint.analysis.queries import find_all
from scriptlint.model.scope import purpose_of

if TYPE_CHECKING:
    from scriptlint.analysis.phrasing import Reading
    from scriptlint.model import Finding, Occurrence, Rule, RunContext, Script

    from .purposes import Check, Purposes

__all__ = ["check_declared_purpose"]


def check_declared_purpose(purposes: Purposes, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """DP01: for each part that governs the call (its declared purpose, a sponsor its label matters for), the
    first contradicting phrase said."""
    declared = purpose_of(script.manifest)
    if declared is None:
        return  # an unknown purpose is judged as every purpose: no rule was left out by it
    for check in purposes.checks:
        if check.scope.applies(script.manifest, context.day).verdict != "applies":
            continue  # another purpose, or a sponsor whose calls the label does not take out of any law
        found = _first(purposes, check, script)
        if found is None:
            continue
        occurrence, said = found
        line, column = occurrence.in_linted_file()
        yield rule.finding(
            script,
            f"the manifest's purpose is {declared}, but the call {_does(check)} ('{said}'): a call that does is"
            f" {check.becomes}, and {check.unchecked} did not check it as one; declare purpose: {check.becomes}"
            " if that is what it is",
            line=line,
            column=column,
        )


def _does(check: Check) -> str:
    return "asks for money" if check.becomes == "solicitation" else "urges a vote for or against a candidate"


def _first(purposes: Purposes, check: Check, script: Script) -> tuple[Occurrence, str] | None:
    """The first occurrence of the part's phrases in source order that is what the part looks for, and its
    words as said."""
    book = purposes.said(script, check.section)
    if not book.entries:
        return None
    for occurrence in find_all(script, book.compiled):
        reading = book.read(occurrence.text)
        if reading is None or _measure(reading, check):
            continue
        return occurrence, " ".join(occurrence.text.split())
    return None


def _measure(reading: Reading, check: Check) -> bool:
    """Whether the name a vote is urged for is a ballot measure's, not a candidate's ("Measure 5")."""
    name = reading.slots.get("name", "")
    first = name.split(maxsplit=1)[0].lower() if name.split() else ""
    return bool(first) and first in check.not_candidates
