"""Safe fixes for the paid-for-by rules (`scriptlint check --fix`): the exact wording for a near miss (PF05),
the sponsor's disclaimer added where a path ends without one (PF01)."""

from __future__ import annotations

import regex

from scriptlint.analysis.queries import insertion_after, offset_of, position_of
from scriptlint.markers import hookimpl
from scriptlint.model import Finding, RunContext, Script
from scriptlint.model.fixes import Edit, Fix

from .wording import Wording

_SUGGESTION = regex.compile(r"say '(?P<wording>[^']+)'")


@hookimpl
def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """PF01 and PF05 fixes; None for other codes, or where no safe fix exists."""
    if finding.code == "PF05":
        return _near_miss(finding, script)
    if finding.code == "PF01":
        return _add_disclaimer(finding, script)
    return None


def _near_miss(finding: Finding, script: Script) -> Fix | None:
    """Replace the near miss at the finding with the exact phrase of the disclaimer in its language."""
    wording = Wording()
    start = offset_of(script.source, finding.line, finding.column)
    match = wording.near_misses.pattern.match(script.source, start, timeout=wording.fuzzy_timeout)
    if match is None:
        return None
    said = match.group()
    language = "es" if said.strip().lower().startswith("pag") else (script.manifest.language or "en")
    phrases = wording.data["disclaimer"]["phrases"]
    exact = str((phrases.get(language[:2]) or phrases["en"])[0])
    if said[:1].isupper():
        exact = exact[:1].upper() + exact[1:]
    end_line, end_column = position_of(script.source, match.end())
    edit = Edit(finding.line, finding.column, end_line, end_column, exact)
    return Fix(f"replace '{' '.join(said.split())}' with '{exact}'", (edit,))


def _add_disclaimer(finding: Finding, script: Script) -> Fix | None:
    """Say the disclaimer the finding suggests where each of its paths ends without one: once after the
    branches when every branch lacks it and they end together, at the end of each branch otherwise."""
    suggestion = _SUGGESTION.search(finding.message)
    if suggestion is None or "<" in suggestion.group("wording") or not script.manifest.sponsor.name:
        return None  # no sponsor name in the manifest: nothing safe to say
    said = suggestion.group("wording")
    from scriptlint.analysis.jinja import TemplateProblem  # imported on use: a cached run loads no Jinja

    try:
        variants = script.variants
    except TemplateProblem:
        variants = ()  # too many paths to list: fix where the finding points
    disclaimer = Wording().disclaimer.phrases.pattern
    ends: set[tuple[int, int]] = set()
    for variant in variants:
        mine = finding.path_condition is None or variant.condition == finding.path_condition
        if not mine or disclaimer.search(variant.spoken) or not variant.words:
            continue
        ends.add(variant.location(variant.words[-1][0]).in_linted_file())
    if not ends:
        ends = {(finding.line, finding.column)}
    edits = tuple(insertion_after(script, line, column, said) for line, column in sorted(ends))
    where = f"where the path ({finding.path_condition}) ends" if finding.path_condition else "where the call ends"
    return Fix(f"add '{said}' {where}", edits)
