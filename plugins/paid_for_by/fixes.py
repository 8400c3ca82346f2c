"""Safe fixes for the paid-for-by rules (`scriptlint check --fix`): the exact wording for a near miss (PF05),
the sponsor's disclaimer added where a path ends without one (PF01)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.names import NameForms
from scriptlint.analysis.queries import insertion_after, insertion_before, offset_of, position_of
from scriptlint.markers import hookimpl
from scriptlint.model.fixes import Edit, Fix

from .near_misses import near_misses
from .wording import Wording

if TYPE_CHECKING:
    from scriptlint.model import Finding, RunContext, Script

_SUGGESTION = regex.compile(r"say '(?P<wording>.+?)'(?!\w)")  # the wording may hold an apostrophe: candidate's


@hookimpl
def scriptlint_fix(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """PF01 and PF05 fixes; None for other codes, or where no safe fix exists."""
    if finding.code == "PF05":
        return _near_miss(finding, script)
    if finding.code == "PF01":
        return _add_disclaimer(finding, script, context)
    return None


def _near_miss(finding: Finding, script: Script) -> Fix | None:
    """Replace the near miss at the finding with the exact phrase of the disclaimer in its language (the
    phrase of the wording the finding suggests)."""
    wording = Wording()
    suggestion = _SUGGESTION.search(finding.message)
    start = offset_of(script.source, finding.line, finding.column)
    disclaimer = wording.disclaimer.in_script(script).compiled
    forms = [NameForms(script.manifest.sponsor.name)] if script.manifest.sponsor.name else []
    near = near_misses(wording.catalogue, script, disclaimer, forms, wording.max_edits)
    match = near.phrases.pattern.match(script.source, start, timeout=wording.fuzzy_timeout)
    if match is None or suggestion is None:
        return None
    said = match.group()
    language = wording.catalogue.language_of(near.language_of(said), script.manifest.language)
    exact = _closest(said, wording.catalogue.languages[language].phrases.get("disclaimer", ()))
    # Only a near miss that ends as the disclaimer's words do ("payed for bye", "sponsored by") is replaced in
    # place; "this is a message from" would not read as a sentence with "paid for by" in it.
    if exact is None or _edits(said.split()[-1].lower(), exact.split()[-1].lower()) > 2:
        return None
    if said[:1].isupper():
        exact = exact[:1].upper() + exact[1:]
    end_line, end_column = position_of(script.source, match.end())
    edit = Edit(finding.line, finding.column, end_line, end_column, exact)
    return Fix(f"replace '{' '.join(said.split())}' with '{exact}'", (edit,))


def _closest(said: str, phrases: tuple[str, ...]) -> str | None:
    """The disclaimer phrase (without a slot) closest to what was said: "Pagado pro" -> "pagado por"."""
    plain = [phrase for phrase in phrases if "{" not in phrase and "(" not in phrase]
    if not plain:
        return None
    spoken = " ".join(said.lower().split())
    return min(plain, key=lambda phrase: (_edits(spoken, phrase.lower()), len(phrase)))


def _edits(first: str, second: str) -> int:
    """Letter edits (insertions, deletions, substitutions) between two short words."""
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        previous, row[0] = row[0], i
        for j, b in enumerate(second, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (a != b))
    return row[-1]


def _add_disclaimer(finding: Finding, script: Script, context: RunContext) -> Fix | None:
    """Say the disclaimer the finding suggests where each of its paths ends without one: once after the
    branches when every branch lacks it and they end together, at the end of each branch otherwise. A
    prerecorded message gets it at its beginning instead, where 47 CFR 64.1200(b)(1) wants the sponsor
    named (PF06): one sentence then cures both."""
    suggestion = _SUGGESTION.search(finding.message)
    if suggestion is None or "<" in suggestion.group("wording") or not script.manifest.sponsor.name:
        return None  # no sponsor name in the manifest: nothing safe to say
    said = suggestion.group("wording")
    from scriptlint.analysis.jinja import TemplateProblem  # imported on use: a cached run loads no Jinja

    try:
        variants = script.variants
    except TemplateProblem:
        variants = ()  # too many paths to list: fix where the finding points
    wording = Wording()
    disclaimer = wording.disclaimer.phrases.pattern  # every language: a path may say it in any
    at_start = wording.scope("identification").applies(script.manifest, context.day).applies
    ends: set[tuple[int, int]] = set()
    for variant in variants:
        mine = finding.path_condition is None or variant.condition == finding.path_condition
        if not mine or disclaimer.search(variant.spoken) or not variant.words:
            continue
        word = variant.words[0] if at_start else variant.words[-1]
        ends.add(variant.location(word[0]).in_linted_file())
    if at_start:
        if not ends:
            return None  # where the message starts is not known: no safe place
        edits = tuple(insertion_before(script, line, column, said) for line, column in sorted(ends))
        return Fix(f"add '{said}' where the message starts (the FCC's identification at the beginning)", edits)
    if not ends:
        ends = {(finding.line, finding.column)}
    edits = tuple(insertion_after(script, line, column, said) for line, column in sorted(ends))
    where = f"where the path ({finding.path_condition}) ends" if finding.path_condition else "where the call ends"
    return Fix(f"add '{said}' {where}", edits)
