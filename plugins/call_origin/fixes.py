"""Safe fix for the caller-identification rule (`scriptlint check --fix`): an introduction line before the
call's first words, with the script's own placeholder for the caller's name (CO04)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.queries import blank_run_end, insertion_before
from scriptlint.markers import hookimpl
from scriptlint.model.fixes import Edit, Fix

from .checks import behalf_names
from .wording import OriginWording

if TYPE_CHECKING:
    from scriptlint.model import Finding, RunContext, Script

# The script's own way of writing the caller's name, most specific first.
_PLACEHOLDERS = (
    regex.compile(r"\{\{\s*(?:[a-z_]*\.)?(?:caller|agent|volunteer|your)_?(?:first_?)?name\s*\}\}", regex.I),
    regex.compile(r"\[(?:your|caller'?s?|agent'?s?|volunteer'?s?)\s+(?:first\s+)?name\]", regex.I),
    regex.compile(r"%%\s*(?:caller|agent)_?(?:first_?)?name\s*%%", regex.I),
)


@hookimpl
def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """CO04: before the first words of each path that lacks them, say who calls and for whom."""
    if finding.code != "CO04":
        return None
    from scriptlint.analysis.jinja import TemplateProblem  # imported on use: a cached run loads no Jinja

    try:
        variants = script.variants
    except TemplateProblem:
        return None  # too many paths to list them: where to add it is the writer's call
    opening = context.settings.opening_words
    wording = OriginWording()
    introduction = wording.introduction(script).pattern
    sponsor = script.manifest.sponsor
    behalf = [name for name in (sponsor.name, sponsor.authorized_by) if name]
    behalf_pattern = wording.behalf(script, behalf_names(script)).pattern if behalf else None
    inserts: dict[tuple[int, int], tuple[str, bool]] = {}
    for variant in variants:
        if not variant.words:
            continue
        cut = variant.words[opening][0] if len(variant.words) > opening else len(variant.spoken)
        said = variant.spoken[:cut]
        introduced = introduction.search(said)
        needs_behalf = behalf_pattern is not None and not behalf_pattern.search(said)
        if introduced and needs_behalf:
            # "Hi, this is [your name]" -> "Hi, this is [your name], calling on behalf of ..."
            # After the whole name: a placeholder ("[your name]") is one marker and blanks in the spoken form.
            after = variant.location(blank_run_end(variant.text, variant.spoken, introduced.end()))
            if not after.via:
                inserts.setdefault((after.line, after.column), (f", calling on behalf of {behalf[0]}", False))
        elif not introduced:
            line = f"Hi, my name is {_placeholder(script)}" + (
                f", calling on behalf of {behalf[0]}." if needs_behalf else "."
            )
            first = variant.location(variant.words[0][0])
            if not first.via:
                inserts.setdefault((first.line, first.column), (line, True))
    edits = tuple(
        insertion_before(script, line, column, text) if own_line else Edit(line, column, line, column, text)
        for (line, column), (text, own_line) in sorted(inserts.items())
    )
    if not edits:
        return None
    said_lines = sorted({text.strip(", ") for text, _ in inserts.values()})
    return Fix(f"say {' / '.join(repr(text) for text in said_lines)} in the call's opening", edits)


def _placeholder(script: Script) -> str:
    """The caller's-name placeholder the script already uses, else one in its kind's style."""
    for pattern in _PLACEHOLDERS:
        found = pattern.search(script.source)
        if found:
            return found.group()
    return "{{ caller_name }}" if script.kind == "template" else "[your name]"
