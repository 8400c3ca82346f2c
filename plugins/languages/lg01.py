"""LG01: each path in a language scriptlint recognises but has no wording for (imported when the rule runs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.queries import Phrases, approximate_note, search_paths

if TYPE_CHECKING:
    from scriptlint.model import Finding, Rule, RunContext, Script

    from .catalogue import Catalogue

_NEVER = Phrases(regex.compile(r"(?!)"), 1)


def unchecked_paths(catalogue: Catalogue, script: Script) -> list[tuple[str | None, str, tuple[int, int], str]]:
    """Each path in a recognised language without wording: its condition, the language, where it is, and the
    caveat of an approximate answer (empty when exact)."""
    search = search_paths(script, _NEVER, within=catalogue.profile.within, profile=catalogue.profile)
    caveat = approximate_note(search)
    found = []
    for path in search.missing:
        name = catalogue.unchecked(path.language)
        if name is not None:
            where = path.end.in_linted_file() if path.end is not None else (script.last_line, 1)
            found.append((path.condition, name, where, caveat))
    return found


def check_language(catalogue: Catalogue, rule: Rule, script: Script, context: RunContext) -> Iterator[Finding]:
    """LG01: one finding for each path in a language scriptlint recognises but cannot check."""
    for condition, name, (line, column), caveat in unchecked_paths(catalogue, script):
        yield rule.finding(
            script,
            f"not checked in {name}: this path is in {name}, which scriptlint's wording does not cover, so its"
            " disclaimer, caller identification, origin disclosure and claims (PF01-PF06, CO02-CO04) were not"
            f" checked; have them checked by someone who reads it{caveat}",
            line=line,
            column=column,
            path_condition=condition,
        )
